"""The report's part on the coding of free texts, as a plan every format writes.

The figures come from the report dict's ``coding`` key (``vivier.coding.results.
report_section``; absent when nothing is coded, and then the documents have no such part):
code frequencies per question and the typology tables, each with its N, the pairs of codes
found on the same text (co-occurrence), each question's codes crossed with the respondents'
profile, then the reviewed quotes grouped by code. :func:`with_coding` adds the plan to a
document's ``extra``; HTML (and so PDF) and DOCX write it after the questionnaire's parts,
XLSX as sheets (codes, cross-tabulations, co-occurrence, quotes), CSV as lines of figures
(quotes are texts, not figures: the CSV leaves them out).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import npgettext, pgettext

from vivier.reports.documents.common import Document, Table, fmt_int, fmt_percent

#: The key of the plan in ``Document.extra``.
KEY = "coding"


def wording() -> dict[str, str]:
    """The part's words in the active language (the documents' context, "report annex")."""
    return {
        "title": pgettext("report annex", "Codage des textes libres"),
        "rule": pgettext(
            "report annex",
            (
                "Les codes comptés sont ceux qu’une personne a donnés ; une suggestion du "
                "modèle ne compte qu’une fois acceptée. Les codes d’un cycle de double codage "
                "encore en cours ne comptent pas ; dans un cycle clos, un code compte dès "
                "qu’un des codeurs l’a donné, sauf si un arbitrage a tranché autrement."
            ),
        ),
        "shares": pgettext(
            "report annex",
            (
                "Les pourcentages sont des parts des textes codés (N) : un texte peut porter "
                "plusieurs codes, leur somme peut dépasser 100 %."
            ),
        ),
        "frequencies": pgettext("report annex", "Fréquence des codes par question"),
        "typologies": pgettext("report annex", "Typologies"),
        "quotes": pgettext("report annex", "Citations"),
        "quotes_note": pgettext(
            "report annex",
            ("Citations vérifiées par un analyste, les noms de personnes et de lieux remplacés."),
        ),
        "code": pgettext("report annex", "Code"),
        "type": pgettext("report annex", "Type"),
        "texts": pgettext("report annex", "Textes"),
        "percent": pgettext("report annex", "% des textes codés"),
        "question": pgettext("report annex", "Question"),
        "quote": pgettext("report annex", "Citation"),
        "codes_of": pgettext("report annex", "Codes donnés aux textes de {ref}"),
        "typology_of": pgettext("report annex", "Typologie « {name} »"),
        "typology_n": pgettext("report annex", "N = {n} textes classés dans cette typologie"),
        "for_questions": pgettext("report annex", "Textes de {refs}"),
        "sheet_coding": pgettext("report annex", "Codage"),
        "sheet_quotes": pgettext("report annex", "Citations"),
        "part": pgettext("report annex", "Partie"),
        "name": pgettext("report annex", "Nom"),
        "n_coded": pgettext("report annex", "N textes codés"),
        "n_texts": pgettext("report annex", "Textes"),
        "cooccurrence": pgettext("report annex", "Codes donnés ensemble"),
        "cooccurrence_note": pgettext(
            "report annex",
            (
                "Paires de codes donnés au même texte, les plus fréquentes d’abord (au plus "
                "{top}) ; pourcentages des textes codés."
            ),
        ),
        "cooccurrence_n": pgettext("report annex", "N = {n} textes codés"),
        "pair_a": pgettext("report annex", "Code"),
        "pair_b": pgettext("report annex", "Donné avec"),
        "crosstabs": pgettext("report annex", "Codes selon le profil des répondants"),
        "crosstabs_note": pgettext(
            "report annex",
            (
                "Chaque colonne compte les textes codés des répondants qui ont choisi cette "
                "réponse à {profile} ; les pourcentages sont des parts de la colonne (N)."
            ),
        ),
        "crosstab_of": pgettext("report annex", "Codes des textes de {ref} selon {profile}"),
        "crosstab_n": pgettext(
            "report annex", "N = {n} textes codés, dont {unanswered} sans réponse à {profile}"
        ),
        "column_n": pgettext("report annex", "{label} (N = {n})"),
        "cell": pgettext("report annex", "{count} ({percent})"),
        "total": pgettext("report annex", "Total"),
        "answer": pgettext("report annex", "Réponse"),
        "n_column": pgettext("report annex", "N de la colonne"),
        "percent_column": pgettext("report annex", "% de la colonne"),
        "sheet_crosstabs": pgettext("report annex", "Croisements"),
        "sheet_cooccurrence": pgettext("report annex", "Cooccurrences"),
    }


@dataclass(frozen=True, slots=True)
class CodedTable:
    heading: str
    n_line: str
    table: Table
    #: The figures' own dict (for the formats that write numbers).
    figures: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Quote:
    code: str
    ref: str
    text: str


@dataclass(frozen=True, slots=True)
class CodingPart:
    labels: Mapping[str, str]
    title: str
    notes: tuple[str, ...]
    questions: tuple[CodedTable, ...]
    typologies: tuple[CodedTable, ...]
    quotes: tuple[Quote, ...]
    #: Each question's codes crossed with the respondents' profile (``figures``: the
    #: section's crosstab entry), and the pairs of codes given together (or None).
    crosstabs: tuple[CodedTable, ...] = ()
    cooccurrence: CodedTable | None = None
    #: How the profile question is named ("Q1"), for the notes.
    profile: str = ""


def with_coding(doc: Document, report: Mapping[str, Any]) -> Document:
    """``doc`` with the coding part in its ``extra`` when the report has one."""
    section = report.get("coding")
    if not section:
        return doc
    return replace(doc, extra={**doc.extra, KEY: plan(section, doc.lang, doc.suppression_note)})


def part_of(doc: Document) -> CodingPart | None:
    found = doc.extra.get(KEY)
    return found if isinstance(found, CodingPart) else None


def plan(section: Mapping[str, Any], lang: str, suppression_note: str = "") -> CodingPart:
    t = wording()
    hidden = section.get("suppression") is not None
    mark = pgettext("report annex", "s")

    def count(node: Mapping[str, Any], key: str) -> str:
        if key in (node.get("suppressed_keys") or ()):
            return mark
        return fmt_int(node.get(key), lang)

    def share(node: Mapping[str, Any]) -> str:
        if "percent" in (node.get("suppressed_keys") or ()):
            return mark
        if node.get("percent") is None and hidden:
            return "–"
        return fmt_percent(node.get("percent"), lang)

    def n_line(node: Mapping[str, Any]) -> str:
        text = npgettext(
            "report annex",
            "N = {n} texte codé (sur {sources})",
            "N = {n} textes codés (sur {sources})",
            node.get("n") or 2,
        )
        return text.format(n=count(node, "n"), sources=count(node, "sources"))

    questions = []
    for entry in section.get("questions") or []:
        ref = str(entry.get("ref") or entry["key"])
        heading = f"{ref}. {entry['label']}" if entry.get("number") else str(entry["label"])
        rows = tuple((str(r["name"]), count(r, "count"), share(r)) for r in entry["codes"])
        questions.append(
            CodedTable(
                heading=heading,
                n_line=n_line(entry),
                table=Table(
                    t["codes_of"].format(ref=ref),
                    (t["code"], t["texts"], t["percent"]),
                    rows,
                    (False, True, True),
                ),
                figures=entry,
            )
        )
    typologies = []
    for entry in section.get("typologies") or []:
        rows = tuple((str(r["name"]), count(r, "count"), share(r)) for r in entry["rows"])
        line = t["typology_n"].format(n=count(entry, "n"))
        refs = entry.get("refs") or entry.get("questions")
        if refs:
            line += " – " + t["for_questions"].format(refs=", ".join(refs))
        typologies.append(
            CodedTable(
                heading=t["typology_of"].format(name=entry["name"]),
                n_line=line,
                table=Table(
                    t["typology_of"].format(name=entry["name"]),
                    (t["type"], t["texts"], t["percent"]),
                    rows,
                    (False, True, True),
                ),
                figures=entry,
            )
        )
    from vivier.coding.results import TOP_PAIRS

    profile = section.get("profile") or {}
    profile_ref = str(profile.get("ref") or profile.get("question") or "")
    t["crosstabs_note"] = t["crosstabs_note"].format(profile=profile_ref)
    t["cooccurrence_note"] = t["cooccurrence_note"].format(top=TOP_PAIRS)
    crosstabs = []
    for entry in section.get("crosstabs") or []:
        columns = entry.get("columns") or []
        header = (
            t["code"],
            *(t["column_n"].format(label=c["label"], n=count(c, "n")) for c in columns),
            t["total"],
        )
        cross_rows: tuple[tuple[str, ...], ...] = tuple(
            (
                str(r["name"]),
                *(
                    t["cell"].format(percent=share(cell), count=count(cell, "count"))
                    for cell in r.get("counts") or []
                ),
                count(r, "total"),
            )
            for r in entry.get("codes") or []
        )
        ref = str(entry.get("ref") or entry["key"])
        caption = t["crosstab_of"].format(ref=ref, profile=profile_ref)
        crosstabs.append(
            CodedTable(
                heading=caption,
                n_line=t["crosstab_n"].format(
                    n=count(entry, "n"),
                    unanswered=count(entry, "unanswered"),
                    profile=profile_ref,
                ),
                table=Table(caption, header, cross_rows, (False, *(True for _ in columns), True)),
                figures=entry,
            )
        )
    cooccurrence = None
    together = section.get("cooccurrence") or {}
    if together.get("pairs"):
        pair_rows = tuple(
            (str(p["names"][0]), str(p["names"][1]), count(p, "count"), share(p))
            for p in together["pairs"]
        )
        cooccurrence = CodedTable(
            heading=t["cooccurrence"],
            n_line=t["cooccurrence_n"].format(n=count(together, "n")),
            table=Table(
                t["cooccurrence"],
                (t["pair_a"], t["pair_b"], t["texts"], t["percent"]),
                pair_rows,
                (False, False, True, True),
            ),
            figures=together,
        )
    quotes = tuple(
        Quote(str(q["name"]), str(q.get("ref") or ""), str(q["text"]))
        for q in section.get("quotes") or []
    )
    notes = [t["rule"], t["shares"]]
    if hidden and suppression_note:
        notes.append(suppression_note)
    return CodingPart(
        labels=t,
        title=t["title"],
        notes=tuple(notes),
        questions=tuple(questions),
        typologies=tuple(typologies),
        quotes=quotes,
        crosstabs=tuple(crosstabs),
        cooccurrence=cooccurrence,
        profile=profile_ref,
    )


def quotes_by_code(part: CodingPart) -> list[tuple[str, list[Quote]]]:
    """The quotes grouped under their code, in the order they come (the codebook's)."""
    groups: dict[str, list[Quote]] = {}
    for quote in part.quotes:
        groups.setdefault(quote.code, []).append(quote)
    return list(groups.items())
