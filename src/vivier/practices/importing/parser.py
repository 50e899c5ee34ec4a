"""Reading practice sheets out of a plain-text document in the HCTS report's template.

The text is what a PDF or DOCX extraction gives: no styles, page furniture (page numbers,
link annotations, footnotes) dumped in the middle of sentences, headings split over lines,
label and value of the identification table flattened onto one line. The parser therefore
works line by line with anchored, case-sensitive patterns for each heading and its known
variants, and decides by position what a heading-like line means (a "Mise en œuvre :" is
the review only after the "Bilan" heading). Whatever it cannot place is returned with its
line number rather than dropped or guessed: the sheets it builds are drafts a person
reviews, and the reviewer needs to see what is missing.

Pure core: no Django import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from vivier.practices.importing import extract
from vivier.practices.importing.places import read_territory
from vivier.problems import Diagnostic, Location, ProblemCode, codes, problem
from vivier.sheets.schema import (
    Actor,
    ActorRole,
    KeyFigure,
    Sheet,
    SubPractice,
    Theme,
)
from vivier.text import strip_controls

# --------------------------------------------------------------------------------------------
# Result


@dataclass(frozen=True)
class Unplaced:
    """A fragment of a sheet the parser could not put in any field."""

    line: int
    text: str
    sheet: str | None = None


@dataclass
class ImportResult:
    sheets: list[Sheet] = field(default_factory=list)
    #: ``PRACTICE_*`` problems of the catalogue, each at its line of the document (none for
    #: the whole document) and with the code of its sheet (``Location.practice``).
    warnings: list[Diagnostic] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    #: (first line, last line) of each sheet in the document, parallel to ``sheets``.
    spans: list[tuple[int, int]] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Lines


@dataclass(frozen=True)
class Line:
    number: int
    raw: str  # without trailing spaces
    text: str  # stripped
    key: str  # stripped, with typographic variants folded for matching

    @property
    def indented(self) -> bool:
        # In the extraction a leading space marks a new page or text box: that is where
        # the PDF dumped footnotes and link annotations.
        return self.raw[:1].isspace()


def _clean(line: str) -> str:
    # Doubled combining accents ("capacité" + U+0301) come from the PDF: drop the repeats
    # before composing, so "é́" becomes "é".
    decomposed = unicodedata.normalize("NFD", line.replace("\u00a0", " ").replace("\t", " "))
    decomposed = re.sub(r"([\u0300-\u036f])\1+", r"\1", decomposed)
    return unicodedata.normalize("NFC", decomposed).rstrip()


def _key(text: str) -> str:
    # One character for one, so that a match on the key is also a match on the text and
    # the content after a heading is taken from the text as written.
    return (
        text.replace("’", "'")
        .replace("‘", "'")
        .replace("É", "E")  # "Évaluation" / "Evaluation", "État" / "Etat"
    )


def _lines(text: str) -> list[Line]:
    out = []
    for index, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        cleaned = _clean(raw.replace("\f", ""))
        stripped = cleaned.strip()
        out.append(Line(index + 1, cleaned, stripped, _key(stripped)))
    return out


# --------------------------------------------------------------------------------------------
# Patterns


_HEADER_RE = re.compile(
    r"^\s*FICHE\s*(?:N\s*[°º o]\s*\.?\s*)?(\d{1,2})\s*([A-Za-z])(?![A-Za-z])\s*[:\-–—.]?\s*(.*)$",
    re.IGNORECASE,
)
# Entries of a chapter's list of sheets end with a page reference ("p. 35", "p.81", "p .").
_PAGE_REF_RE = re.compile(r"\bp\s*\.\s*\d*\s*$")
_PAGE_NUMBER_RE = re.compile(r"^\d{1,3}$")
_URL_LINE_RE = re.compile(r"^(?:https?://|www\.)\S+(?:\s+/)?$")
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s,;»)]+[^\s,;»).:]")
# The end of the last sheet: an annex or a bibliography title in capitals.
_END_RE = re.compile(r"^(?:ANNEXES?|BIBLIOGRAPHIE|GLOSSAIRE|SOMMAIRE)\b")

_ID_LABELS: list[tuple[str, re.Pattern[str]]] = [
    ("territory", re.compile(r"^Territoires?\b\s*:?\s*(.*)$")),
    ("year", re.compile(r"^(?:Année|Annee|Date de démarrage)\b\s*:?\s*(.*)$")),
    # The label is split over one or two lines in most sheets: its tail is removed later.
    ("initiators", re.compile(
        r"^Initiateurs?\b(?:\s+et)?(?:\s+acteurs)?(?:\s+concernés)?\s*:?\s*(.*)$")),
    ("publics", re.compile(r"^Publics?(?:\(s\))?\s+cibles?(?:\(s\))?\s*:?\s*(.*)$")),
]  # fmt: skip
_LABEL_TAIL_RE = re.compile(r"^(?:et\s+)?(?:acteurs\s+)?concernés\s*:?\s*")

#: Section headings: field, pattern. The pattern's group "rest" is content on the same line.
_HEADINGS: list[tuple[str, re.Pattern[str]]] = [
    ("definition", re.compile(
        r"^Définition(?:\s*:\s*qu'est-ce que[^?]*\?|\s+de\s+la\s+démarche[^:]*"
        r"|\s+de\s+[^:]{0,60}$)?\s*:?\s*(?P<rest>.*)$")),
    ("description", re.compile(
        r"^Descriptif de l'action(?:\s*\((?P<n>\d)\))?\s*:?\s*(?P<rest>.*)$")),
    ("objectives", re.compile(r"^Objectifs?(?: visés?)?\s*:\s*(?P<rest>.*)$")),
    ("genesis", re.compile(r"^Genèse(?: et émergence de la pratique)?\s*:?\s*(?P<rest>.*)$")),
    ("funding_text", re.compile(r"^Financements?(?: du dispositif)?\s*:\s*(?P<rest>.*)$")),
    ("references", re.compile(r"^Repères?(?: méthodologiques?)?\s*:\s*(?P<rest>.*)$")),
    ("governance", re.compile(r"^Quelle gouvernance[^?]*\?\s*(?P<rest>.*)$")),
    ("participation_text", re.compile(
        r"^Quelles?(?:\(s\))? modalités?(?:\(s\))? de participation[^?]*\?\s*(?P<rest>.*)$")),
    ("progress", re.compile(
        r"^Etat d'avancée(?: du projet)?(?:\s*:\s*où en sommes-nous[^?]*\?)?"
        r"\s*:?\s*(?P<rest>.*)$")),
    ("deployment", re.compile(r"^Déploiement\s*:\s*(?P<rest>.*)$")),
    ("conditions_text", re.compile(r"^Conditions de mises? en (?:œ|oe)uvre\s*:?\s*(?P<rest>.*)$")),
    ("perspectives", re.compile(
        r"^Perspectives(?: et suites à donner(?: aux projets)?)?\s*(?::\s*(?P<rest>.*))?$")),
    ("bilan", re.compile(
        r"^Bilan de la mise en (?:œ|oe)uvre de la pratique(?: et de ses effets)?"
        r"\s*:?\s*(?P<rest>.*)$")),
    ("implementation_review", re.compile(r"^Mise en (?:œ|oe)uvre\s*:\s*(?P<rest>.*)$")),
    ("results", re.compile(r"^Effets de la pratique[^:]*:\s*(?P<rest>.*)$")),
    ("evaluation", re.compile(r"^Evaluation\s*:?\s*(?P<rest>)$")),
]  # fmt: skip

#: What the parser writes in warnings for each field.
_FIELD_NAMES = {
    "definition": "Définition",
    "description": "Descriptif de l'action",
    "objectives": "Objectif",
    "genesis": "Genèse et émergence",
    "funding_text": "Financements",
    "references": "Repère méthodologique",
    "governance": "Gouvernance",
    "participation_text": "Participation",
    "progress": "Etat d'avancée",
    "deployment": "Déploiement",
    "conditions_text": "Conditions de mise en œuvre",
    "perspectives": "Perspectives",
    "implementation_review": "Mise en œuvre (bilan)",
    "results": "Effets de la pratique",
    "evaluation": "Evaluation",
}
#: Sections a sheet of the template always has: their absence is worth a warning.
_EXPECTED = ("description", "objectives", "funding_text", "results")

_THEME_WORDS: list[tuple[Theme, re.Pattern[str]]] = [
    (Theme.FAMILY_CONFERENCES, re.compile(r"conf[ée]rences? familiales?", re.I)),
    (Theme.OUTREACH, re.compile(r"aller[ -]vers", re.I)),
    (Theme.PEER_SUPPORT, re.compile(r"pair[ -]?aidan", re.I)),
    (Theme.NETWORKS_PARTNERSHIP, re.compile(r"r[ée]seaux?|partenariats?", re.I)),
    (Theme.EMPOWERMENT, re.compile(r"pouvoir d.agir", re.I)),
]

# Footnote calls glued to the word or number they follow: "Emmaüs18", "2021.19",
# "décision. »20", and before a word: "SEVE 17emploi".
_MARK_AFTER_RE = re.compile(r"(?<=[^\W\d_]|[.»)])(\d{1,2})(?=[\s,;:]|$)")
_MARK_BEFORE_RE = re.compile(r"(?<=\s)(\d{1,2})(?=[^\W\d_]{2,})(?!er\b|ère|ème|e\b)")
_FOOTNOTE_RE = re.compile(r"^(\d{1,2})\s+(?=[A-ZÀ-Ý«]|https?://|www\.)(.*)$")


# --------------------------------------------------------------------------------------------
# Boundaries


@dataclass
class _Span:
    code: str
    header: int  # index in the line list
    end: int  # exclusive
    theme: Theme | None
    title_rest: str


def _header(line: Line) -> re.Match[str] | None:
    return _HEADER_RE.match(line.text) if line.text else None


def _is_id_or_heading(line: Line) -> bool:
    return any(p.match(line.key) for _, p in _ID_LABELS) or any(
        p.match(line.key) for _, p in _HEADINGS
    )


def _non_blank(lines: list[Line], start: int, step: int, count: int) -> list[int]:
    found: list[int] = []
    index = start
    while 0 <= index < len(lines) and len(found) < count:
        if lines[index].text:
            found.append(index)
        index += step
    return found


def _is_real_header(lines: list[Line], index: int) -> bool:
    """A sheet's header is followed by its identification table or a section; an entry
    of a chapter's list of sheets by a page reference or the next entry."""
    following = _non_blank(lines, index + 1, 1, 12)
    if any(_PAGE_REF_RE.search(lines[i].text) for i in [index, *following[:2]]):
        return False
    for i in following:
        if _header(lines[i]):
            return False
        if _is_id_or_heading(lines[i]):
            return True
    return False


def _banner_theme(line: Line) -> Theme | None:
    for theme, pattern in _THEME_WORDS:
        if pattern.search(line.text):
            return theme
    return None


def _is_banner(line: Line) -> bool:
    # The theme banner above a header: a short line with no sentence punctuation.
    return 0 < len(line.text) <= 60 and line.text[-1] not in ".:;,?!" and not _header(line)


def _spans(lines: list[Line], result: ImportResult) -> list[_Span]:
    headers = [i for i, line in enumerate(lines) if _header(line) and _is_real_header(lines, i)]
    spans: list[_Span] = []
    for position, index in enumerate(headers):
        match = _header(lines[index])
        assert match is not None
        code = f"{int(match.group(1))}{match.group(2).upper()}"
        theme = None
        before = _non_blank(lines, index - 1, -1, 1)
        if before and _is_banner(lines[before[0]]):
            theme = _banner_theme(lines[before[0]])
        if position + 1 < len(headers):
            end = headers[position + 1]
            previous = _non_blank(lines, end - 1, -1, 1)
            if previous and previous[0] > index and _is_banner(lines[previous[0]]):
                end = previous[0]  # the next sheet's banner is not this sheet's last line
        else:
            end = len(lines)
        for i in range(index + 1, end):
            if _END_RE.match(lines[i].text):
                end = i
                break
        spans.append(_Span(code, index, end, theme, match.group(3).strip()))
    seen: set[str] = set()
    for span in spans:
        if span.code in seen:
            where = Location(line=lines[span.header].number, practice=span.code)
            result.warnings.append(problem(ProblemCode.PRACTICE_DUPLICATE, where, code=span.code))
        seen.add(span.code)
    return spans


# --------------------------------------------------------------------------------------------
# One sheet


def _join(pieces: list[str]) -> str:
    """Rebuild paragraphs from wrapped lines.

    Every line ends with a break in the extraction, so a new paragraph is only assumed
    after a sentence end or a colon, or before a list item. A line ending with a hyphen is
    joined without a space and the hyphen is kept: the sheets hold compound words split at
    their hyphen ("co-" / "porté"), never soft hyphenation.
    """
    text = ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if not text:
            text = piece
        elif re.match(r"^(?:[-–•o▪]\s|\d+[.)]\s|\(\d+\)\s)", piece) or text[-1] in ".:!?»":
            text += "\n" + piece
        elif re.search(r"[^\W\d_]-$", text):
            text += piece
        else:
            text += " " + piece
    return text


def _title_case_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


@dataclass
class _Draft:
    code: str
    sections: dict[str, list[list[tuple[int, str]]]] = field(default_factory=dict)
    ident: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def open(self, name: str) -> list[tuple[int, str]]:
        block: list[tuple[int, str]] = []
        self.sections.setdefault(name, []).append(block)
        return block


def _strip_urls(text: str, sources: list[str]) -> str:
    for url in _URL_RE.findall(text):
        sources.append(url)
    return re.sub(r"\s*:?\s*" + _URL_RE.pattern, "", text).strip()


def _parse_sheet(lines: list[Line], span: _Span, result: ImportResult) -> Sheet:
    code = span.code
    draft = _Draft(code)
    body = lines[span.header + 1 : span.end]

    def warn(line: int, kind: ProblemCode, /, **params: object) -> None:
        where = Location(line=line, practice=code)
        result.warnings.append(problem(kind, where, **params))

    def unplaced(line: Line) -> None:
        result.unplaced.append(Unplaced(line.number, line.text, code))
        warn(line.number, ProblemCode.PRACTICE_PASSAGE_UNPLACED, text=line.text[:80])

    # Footnote numbers called in this sheet: a line starting with one of them is the note.
    marks: set[str] = set()
    for line in body:
        for pattern in (_MARK_AFTER_RE, _MARK_BEFORE_RE):
            marks.update(m.group(1) for m in pattern.finditer(line.raw))
    notes_found: set[str] = set()

    def ident_closed(line: Line) -> bool:
        # A value wrapping after a box break starts in lower case or continues a list;
        # a stand-alone sentence does not.
        return line.text[:1].isupper() and line.text.endswith(".") and len(line.text) > 30

    title_parts = [span.title_rest]
    position = 0
    # Title continuation: lines in capitals before the identification table.
    while position < len(body):
        line = body[position]
        if not line.text:
            position += 1
            continue
        if _is_id_or_heading(line) or not _title_case_line(line.text):
            break
        title_parts.append(line.text)
        position += 1
    title = " ".join(title_parts[:1])
    for part in title_parts[1:]:
        title = title + part if re.search(r"[^\W\d_]-$", title) else f"{title} {part}"
    title = " ".join(title.split())

    current: list[tuple[int, str]] | None = None  # the block being filled
    current_name = ""
    ident_name: str | None = None
    in_ident = True
    after_bilan = False
    practice = 0
    footnote: list[str] | None = None
    pending_url: str | None = None

    previous = body[position - 1].number if position else lines[span.header].number
    for line in body[position:]:
        if not line.text:
            continue
        gap, previous = line.number - previous - 1, line.number
        # Page furniture first: it may sit anywhere, even inside a sentence.
        if _PAGE_NUMBER_RE.match(line.text):
            continue
        if footnote is not None:
            if line.indented or _is_id_or_heading(line) or _FOOTNOTE_RE.match(line.text):
                draft.sources.append(_join_url(footnote))
                footnote = None
            else:
                footnote.append(line.text)
                continue
        if pending_url is not None:
            if " " not in line.text and re.match(r"^[\w./%?=&#-]+$", line.text):
                draft.sources.append(pending_url + line.text)
                pending_url = None
                continue
            draft.sources.append(pending_url)
            pending_url = None
        if _URL_LINE_RE.match(line.text):
            url = line.text.split()[0]
            if url.endswith("-"):
                pending_url = url
            else:
                draft.sources.append(url)
            continue
        note = _FOOTNOTE_RE.match(line.text)
        if note and note.group(1) in marks and not in_ident:
            footnote = [line.text]
            notes_found.add(note.group(1))
            continue

        heading = _match_heading(line.key, line.text, after_bilan)
        if heading is not None:
            name, rest, number = heading
            in_ident = False
            if name == "bilan":
                after_bilan = True
            if name == "description" and number:
                practice = int(number)
            current_name = name
            current = draft.open(name)
            if practice:
                # Sections repeat for each practice of a multi-practice sheet (5E): the
                # number keeps them apart once the repeats are joined in one field.
                current.append((line.number, f"({practice})"))
            if rest:
                current.append((line.number, rest))
            continue

        if in_ident:
            label = _match_id_label(line.key, line.text)
            if label is not None:
                ident_name, rest = label
                draft.ident.setdefault(ident_name, [])
                if rest:
                    draft.ident[ident_name].append((line.number, rest))
                continue
            if ident_name is None or (draft.ident[ident_name] and gap >= 2 and ident_closed(line)):
                # Before the first label, or after the table's box has closed (a cluster
                # of blank lines) with no label: text that belongs to no cell.
                unplaced(line)
                continue
            value = line.text
            if ident_name == "initiators" and not draft.ident[ident_name]:
                value = _LABEL_TAIL_RE.sub("", value)  # "acteurs concernés" on its own line
                if not value:
                    continue
            draft.ident[ident_name].append((line.number, value))
            continue

        if current is None or current_name == "bilan":
            # The "Bilan" heading is a container: text right under it has no field.
            unplaced(line)
            continue
        current.append((line.number, line.text))

    if footnote is not None:
        draft.sources.append(_join_url(footnote))
    if pending_url is not None:
        draft.sources.append(pending_url)

    return _build(draft, title, span, marks & notes_found, warn, lines[span.header].number)


def _join_url(parts: list[str]) -> str:
    text = parts[0]
    for part in parts[1:]:
        if _URL_LINE_RE.match(part) and part.split()[0].rstrip("/") in text:
            continue  # the PDF dumps the same link annotation twice
        text = text + part if re.search(r"https?://\S*-$", text) else f"{text} {part}"
    return " ".join(text.split())


def _match_heading(key: str, text: str, after_bilan: bool) -> tuple[str, str, str | None] | None:
    for name, pattern in _HEADINGS:
        match = pattern.match(key)
        if match is None:
            continue
        if name == "implementation_review" and not after_bilan:
            return None  # a sub-block of the progress section, not the review
        groups = match.groupdict()
        rest = text[match.start("rest") :].strip() if groups.get("rest") else ""
        return name, rest, groups.get("n")
    return None


def _match_id_label(key: str, text: str) -> tuple[str, str] | None:
    for name, pattern in _ID_LABELS:
        match = pattern.match(key)
        if match:
            return name, text[match.start(1) :].strip()
    return None


# --------------------------------------------------------------------------------------------
# From blocks to a Sheet


_PERIOD_PREFIX_RE = re.compile(r"^(?:Entre \d{4} et \d{4}|Depuis \d{4}|De \d{4} à \d{4})\s*:\s*")
_ARTICLE_RE = re.compile(r"^(?:L['’]|Le |La |Les )(?=\w)", re.IGNORECASE)
_PROSE_RE = re.compile(
    r"\b(?:est|sont|a|ont|utilise|propose|héberge|accompagne|permet|vise|s['’]appuie|met|"
    r"porte|rassemble|intervient)\b"
)
_FUNDED_BY_RE = re.compile(r"\b(?:co-)?financée?s?\s+par\s+(.*)$", re.IGNORECASE)


def _strip_marks(text: str, notes: set[str]) -> str:
    if not notes:
        return text
    for pattern in (_MARK_AFTER_RE, _MARK_BEFORE_RE):
        text = pattern.sub(lambda m: "" if m.group(1) in notes else m.group(0), text)
    return text


def _entries(values: list[tuple[int, str]], comma_splits: bool) -> list[str]:
    """Entries of a multi-line cell: a new entry starts with a capital after a line that
    does not continue (no trailing comma, article or preposition)."""
    entries: list[str] = []
    for _, value in values:
        value = value.strip()
        last = entries[-1] if entries else ""
        continues = (
            bool(entries)
            and (
                last.count("(") > last.count(")")  # "(Association" / "Internationale DPA)"
                or bool(
                    re.search(
                        r"(?:[,(\-']|\b(?:de|du|des|d['’]|la|le|les|l['’]|et|en|à|aux|pour|sur|par))$",
                        last,
                    )
                    and not (comma_splits and last.endswith(",") and value[:1].isupper())
                )
                # "…Seine-Saint-Denis, association" / "Devenir…": a type word waiting for its name
                or bool(re.search(r",\s*[a-zà-ÿ]+$", last))
            )
        )
        if entries and (continues or not (value[:1].isupper() or value[:1] in '«"')):
            entries[-1] = f"{entries[-1]}{'' if entries[-1].endswith('-') else ' '}{value}"
        else:
            entries.append(value)
    return [" ".join(e.split()).strip(" ,;") for e in entries if e.strip(" ,;")]


def _split_list(text: str) -> list[str]:
    """Split "A, B et C" at commas and at "et" before a capital, outside parentheses."""
    parts: list[str] = []
    depth = 0
    start = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char in "(«":
            depth += 1
        elif char in ")»":
            depth = max(0, depth - 1)
        elif depth == 0 and char in ",;":
            parts.append(text[start:index])
            start = index + 1
        elif depth == 0 and re.match(r" et (?:(?:le|la|les) |l['’])?[A-ZÀ-Ý]", text[index:]):
            parts.append(text[start:index])
            start = index + 4
            index += 3
        index += 1
    parts.append(text[start:])
    return [p.strip(" .") for p in parts if p.strip(" .")]


def _merge_descriptors(names: list[str]) -> list[str]:
    """ "Joran LE GALL, assistant social, Etablissement…": a part in lower case with no
    proper name describes the part before it."""
    merged: list[str] = []
    for name in names:
        if merged and name[:1].islower() and not re.search(r"\b[A-ZÀ-Ý]", name):
            merged[-1] = f"{merged[-1]}, {name}"
        else:
            merged.append(name)
    return merged


def _actor_name(text: str) -> str:
    text = _ARTICLE_RE.sub("", text.strip())
    return text[:1].upper() + text[1:]


def _actors(values: list[tuple[int, str]], sources: list[str]) -> tuple[Actor, ...]:
    actors: list[Actor] = []
    for entry in _entries(values, comma_splits=False):
        entry = _strip_urls(entry, sources)
        entry = _PERIOD_PREFIX_RE.sub("", entry)
        if not entry:
            continue
        partners = re.match(r"^Partenaires?\s*:\s*(.*)$", entry)
        funded = _FUNDED_BY_RE.search(entry)
        if partners:
            for name in _split_list(partners.group(1)):
                if name.lower() not in {"etc", "etc."}:
                    actors.append(Actor(_actor_name(name), (ActorRole.PARTNER,)))
        elif funded and len(entry) < 160:
            for name in _split_list(funded.group(1)):
                actors.append(Actor(_actor_name(name), (ActorRole.FUNDER,)))
        elif len(entry) > 130 or _PROSE_RE.search(entry):
            # A paragraph about the organisation: its name, when it opens the paragraph,
            # is the actor; otherwise the paragraph describes the previous actor.
            named = re.match(r"^(«[^»]+»|[^:]{2,60}?)\s+(?:est|:)\s", entry)
            if named and not _PROSE_RE.search(named.group(1)):
                actors.append(
                    Actor(
                        _actor_name(named.group(1).strip("« »")), (ActorRole.INITIATOR,), note=entry
                    )
                )
            elif actors:
                last = actors[-1]
                note = f"{last.note} {entry}".strip()
                actors[-1] = Actor(last.name, last.roles, last.kind, note)
            else:
                actors.append(Actor(_actor_name(entry[:80]), (ActorRole.INITIATOR,), note=entry))
        else:
            named = re.match(r"^([^:]{2,60}?)\s*:\s*(.+)$", entry)
            if named and len(named.group(1).split()) <= 4:
                # "PRDS : Pôle ressource…": an acronym and its meaning.
                actors.append(Actor(f"{named.group(1)} ({named.group(2)})", (ActorRole.INITIATOR,)))
                continue
            for name in _merge_descriptors(_split_list(entry.rstrip(" :"))):
                actors.append(Actor(_actor_name(name), (ActorRole.INITIATOR,)))
    # Keep one actor per name, in order.
    unique: dict[str, Actor] = {}
    for actor in actors:
        unique.setdefault(actor.name.casefold(), actor)
    return tuple(unique.values())


def _start_year(text: str) -> int | None:
    match = re.search(r"\b(19[5-9]\d|20[0-4]\d)\b", text)
    return int(match.group(1)) if match else None


def _subpractice_names(title: str) -> dict[int, str]:
    names: dict[int, str] = {}
    tail = title.rsplit(" : ", 1)[-1]
    for match in re.finditer(r"(.+?)\s*\((\d)\)", tail):
        name = re.sub(r"^(?:ET|et|,)\s+", "", match.group(1).strip(" ,"))
        names[int(match.group(2))] = name
    return names


def _build(
    draft: _Draft,
    title: str,
    span: _Span,
    notes: set[str],
    warn: Callable[..., None],
    header_line: int,
) -> Sheet:
    code = draft.code
    ident = {
        name: [(number, _strip_marks(value, notes)) for number, value in values]
        for name, values in draft.ident.items()
    }
    sources: list[str] = []

    def ident_text(name: str) -> str:
        return " ".join(" ".join(v for _, v in ident.get(name, [])).split())

    for name in ("territory", "year", "initiators", "publics"):
        if name not in ident:
            row = codes.IDENTIFICATION_ROWS[name]
            warn(header_line, ProblemCode.PRACTICE_IDENTIFICATION_ROW_MISSING, row=row)

    texts: dict[str, str] = {}
    descriptions: list[str] = []
    for name, blocks in draft.sections.items():
        if name == "bilan":
            continue
        joined = []
        for block in blocks:
            text = _strip_marks(_join([v for _, v in block]), notes)
            if text and not re.fullmatch(r"\(\d\)", text):
                joined.append(text)
            elif name != "progress":  # a container: its sub-sections hold the text
                line = block[0][0] if block else header_line
                section = _FIELD_NAMES.get(name, name)
                warn(line, ProblemCode.PRACTICE_SECTION_EMPTY, section=section)
        texts[name] = "\n\n".join(joined)
        if name == "description":
            descriptions = joined
    for name in _EXPECTED:
        if name not in draft.sections:
            warn(header_line, ProblemCode.PRACTICE_SECTION_MISSING, section=_FIELD_NAMES[name])

    territory_label = _strip_urls(ident_text("territory"), sources)
    territory, from_fallback = read_territory(territory_label, title, ident_text("initiators"))
    if (
        not territory.departements
        and territory.scope is not None
        and territory.scope.value != "national"
    ):
        warn(header_line, ProblemCode.PRACTICE_NO_DEPARTEMENT, territory=territory_label)
    elif from_fallback:
        departements = ", ".join(territory.departements)
        warn(header_line, ProblemCode.PRACTICE_DEPARTEMENT_FROM_TITLE, departements=departements)

    year_text = ident_text("year")
    start_year = _start_year(year_text)
    if start_year is None:
        if year_text:
            warn(header_line, ProblemCode.PRACTICE_START_YEAR_UNREAD, text=year_text)
        else:
            warn(header_line, ProblemCode.PRACTICE_NO_START_YEAR)

    actors = _actors(ident.get("initiators", []), sources)
    publics = tuple(p.rstrip(" .,") for p in _entries(ident.get("publics", []), comma_splits=True))

    genesis = texts.get("genesis", "")
    # 2A-like sheets tell their history in the description: date events from there then.
    events = extract.timeline(genesis or texts.get("description", ""))

    figures: list[KeyFigure] = []
    seen: set[tuple[float | None, str, str]] = set()
    for name, text in texts.items():
        for figure in extract.key_figures(text, _FIELD_NAMES.get(name, name)):
            key = (figure.value, figure.unit, figure.source.split(": ", 1)[-1])
            if key not in seen:
                seen.add(key)
                figures.append(figure)

    names = _subpractice_names(title)
    practices = tuple(
        SubPractice(
            name,
            re.sub(r"^\(\d\)\s*", "", descriptions[n - 1])
            if len(descriptions) == len(names)
            else "",
        )
        for n, name in sorted(names.items())
    )

    all_sources = [f"Import de la fiche {code}"]
    for source in [*sources, *draft.sources]:
        if source not in all_sources:
            all_sources.append(source)

    themes: tuple[Theme, ...] = (span.theme,) if span.theme else ()
    if not themes:
        warn(header_line, ProblemCode.PRACTICE_NO_THEME)
    if not title:
        warn(header_line, ProblemCode.PRACTICE_NO_TITLE)
        title = f"Fiche {code}"
    return Sheet(
        title=title,
        code=code,
        themes=themes,
        territory=territory,
        start_year=start_year,
        year_text=year_text,
        actors=actors,
        publics=publics,
        definition=texts.get("definition", ""),
        description=texts.get("description", ""),
        objectives=texts.get("objectives", ""),
        genesis=genesis,
        timeline=events,
        funding_text=texts.get("funding_text", ""),
        references=texts.get("references", ""),
        governance=texts.get("governance", ""),
        participation_text=texts.get("participation_text", ""),
        progress=texts.get("progress", ""),
        deployment=texts.get("deployment", ""),
        conditions_text=texts.get("conditions_text", ""),
        conditions=extract.conditions(texts.get("conditions_text", "")),
        perspectives=texts.get("perspectives", ""),
        implementation_review=texts.get("implementation_review", ""),
        results=texts.get("results", ""),
        evaluation=texts.get("evaluation", ""),
        key_figures=tuple(figures),
        practices=practices,
        sources=tuple(all_sources),
    )


# --------------------------------------------------------------------------------------------
# Entry point


def parse_document(text: str) -> ImportResult:
    """Find the sheets of a plain-text document and read each into a draft :class:`Sheet`."""
    result = ImportResult()
    # Whatever the document held (a .txt, a .docx, a PDF's extraction), no control character
    # reaches a sheet: no document format could write it back.
    lines = _lines(strip_controls(text))
    spans = _spans(lines, result)
    if not spans:
        result.warnings.append(problem(ProblemCode.PRACTICE_NONE_FOUND))
    for span in spans:
        result.sheets.append(_parse_sheet(lines, span, result))
        last = _non_blank(lines, span.end - 1, -1, 1)
        result.spans.append((lines[span.header].number, lines[last[0]].number))
    return result
