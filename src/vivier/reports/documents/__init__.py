"""The annex-style report of a campaign, as HTML, PDF, DOCX or XLSX.

    from vivier.reports.documents import Remark, render
    data = render(report, q, remarks=[Remark("q14", "ANALYSE", "...")], fmt="pdf")

``report`` is ``vivier.analysis.build_report``'s dict (possibly passed through
``suppress``: hidden counts show as "< k"), ``q`` the questionnaire version it was built
from. Parts follow the questionnaire: sections without an axis make the respondents'
profile, then one part per ``section.meta["axis"]``; contact details are never shown. Free
texts are quoted only with ``include_texts=True`` because they may hold personal data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from vivier.reports.documents.common import REMARK_KINDS, Document, Remark, build_document
from vivier.surveys.schema import Questionnaire

FORMATS = ("html", "pdf", "docx", "xlsx")
CONTENT_TYPES: Mapping[str, str] = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
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
    doc = build_document(
        report,
        q,
        remarks=remarks,
        lang=lang,
        include_texts=include_texts,
        title=title,
        generated=generated,
    )
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
    from vivier.reports.documents.xlsx import render_xlsx

    return render_xlsx(doc, report, q, remarks)


__all__ = ["CONTENT_TYPES", "FORMATS", "REMARK_KINDS", "Document", "Remark", "render"]
