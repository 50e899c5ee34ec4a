"""The annex-style report of a campaign, as HTML, PDF, DOCX or XLSX (and its figures as CSV).

    from vivier.reports.documents import Remark, render
    data = render(report, q, remarks=[Remark("q14", "ANALYSE", "...")], fmt="pdf")

``report`` is ``vivier.analysis.build_report``'s dict (possibly passed through
``suppress``: hidden figures show as "s"), ``q`` the questionnaire version it was built
from. Parts follow the questionnaire: sections without an axis make the respondents'
profile, then one part per ``section.meta["axis"]``; contact details are never shown. Free
texts are quoted only with ``include_texts=True`` because they may hold personal data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from django.utils import translation

from vivier.reports.documents.common import (
    REMARK_KINDS,
    Document,
    Remark,
    build_document,
    document_lang,
)
from vivier.surveys.schema import Questionnaire
from vivier.text import strip_controls, strip_controls_deep

FORMATS = ("html", "pdf", "docx", "xlsx", "csv")
CONTENT_TYPES: Mapping[str, str] = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def render(
    report: Mapping[str, Any],
    q: Questionnaire,
    *,
    remarks: Sequence[Remark],
    fmt: str,
    lang: str = "fr",
    include_texts: bool = False,
    title: str | None = None,
    generated: datetime | date | None = None,
) -> bytes:
    """The document's bytes. ``title`` defaults to the questionnaire's title, ``generated``
    (the date printed on the cover) to now."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")
    report, q, remarks, title = _without_controls(report, q, remarks, title)
    lang = document_lang(lang)
    # The whole document speaks ``lang``: its plan, and what each writer adds (quotation
    # marks, separators), whatever the language of the page that asked for it.
    with translation.override(lang):
        return _write(report, q, remarks, fmt, lang, include_texts, title, generated)


def _write(
    report: Mapping[str, Any],
    q: Questionnaire,
    remarks: Sequence[Remark],
    fmt: str,
    lang: str,
    include_texts: bool,
    title: str | None,
    generated: datetime | date | None,
) -> bytes:
    doc = build_document(
        report,
        q,
        remarks=remarks,
        lang=lang,
        include_texts=include_texts,
        title=title,
        generated=generated,
    )
    # The coding of free texts, when the report has it (``documents/coding.py``).
    from vivier.reports.documents.coding import with_coding

    doc = with_coding(doc, report)
    # Each writer is imported on demand: WeasyPrint, python-docx and openpyxl are heavy
    # imports, and a request for one format should not pay for the others.
    if fmt == "html":
        from vivier.reports.documents.html import render_html

        return render_html(doc).encode("utf-8")
    if fmt == "pdf":
        from vivier.reports.documents.pdf import render_pdf

        return render_pdf(doc)
    if fmt == "docx":
        from vivier.reports.documents.docx import render_docx

        return render_docx(doc)
    if fmt == "csv":
        from vivier.reports.documents.csv_table import render_csv

        return render_csv(doc, report, q)
    from vivier.reports.documents.xlsx import render_xlsx

    return render_xlsx(doc, report, q, remarks)


def _without_controls(
    report: Mapping[str, Any], q: Questionnaire, remarks: Sequence[Remark], title: str | None
) -> tuple[Mapping[str, Any], Questionnaire, Sequence[Remark], str | None]:
    """Everything a document quotes, without the control characters XML cannot hold.

    Entries remove them, but a text stored before that (a free text, a label, a remark)
    must not make the XLSX or DOCX writer fail: each format is written from these.
    """
    from vivier.surveys.codecs import vivier_json

    definition = vivier_json.dump(q)
    cleaned = strip_controls_deep(definition)
    if cleaned != definition:
        q = vivier_json.load(cleaned)
    remarks = [replace(r, text=strip_controls(r.text)) for r in remarks]
    return (
        strip_controls_deep(report),
        q,
        remarks,
        strip_controls(title) if title is not None else None,
    )


__all__ = ["CONTENT_TYPES", "FORMATS", "REMARK_KINDS", "Document", "Remark", "render"]
