"""The evaluation's reports: to the funders (PDF, XLSX) and qualitative (PDF, DOCX).

    from vivier.evaluation import documents
    body = documents.render(plan, "funder", "pdf", lang="en")

One dict is read from the database (``data.build``); the PDF and the DOCX are drawn from
its plan in words (``layout``), the workbook from the dict's numbers (``xlsx``). A report
speaks ``lang`` from its first word to its last, whatever the language of the page or the
terminal that asked for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from . import labels

if TYPE_CHECKING:
    from ..models import Plan

#: Each report and the formats it is written in.
TRACKS: Mapping[str, tuple[str, ...]] = {
    "funder": ("pdf", "xlsx"),
    "qualitative": ("pdf", "docx"),
}
FORMATS = ("pdf", "docx", "xlsx")
LANGS = ("fr", "en")
CONTENT_TYPES: Mapping[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: The file's name, after the practice's slug.
FILE_NAMES: Mapping[str, str] = {
    "funder": "rapport-financeurs",
    "qualitative": "rapport-qualitatif",
}


class UnknownReport(ValueError):
    """No such report, or not in that format; the message says what exists."""


def check(track: str, fmt: str) -> None:
    if track not in TRACKS:
        raise UnknownReport(f"no report {track!r} (reports: {', '.join(TRACKS)})")
    if fmt not in TRACKS[track]:
        raise UnknownReport(
            f"the {track} report is written as {' or '.join(TRACKS[track])}, not {fmt}"
        )


def file_name(plan: Plan, track: str, fmt: str) -> str:
    return f"{plan.practice.slug}-{FILE_NAMES[track]}.{fmt}"


def render(
    plan: Plan, track: str, fmt: str, *, lang: str = "fr", generated: date | None = None
) -> bytes:
    """The report's bytes; :class:`UnknownReport` for a report or format that does not exist."""
    check(track, fmt)
    from . import data as report_data
    from . import layout

    found = report_data.build(plan, generated=generated)
    with labels.in_language(lang):
        # Each writer is imported on demand: WeasyPrint, python-docx and openpyxl are heavy,
        # and a request for one format should not pay for the others.
        if fmt == "xlsx":
            from .xlsx import render_xlsx

            return render_xlsx(found)
        doc = layout.funder(found) if track == "funder" else layout.qualitative(found)
        if fmt == "pdf":
            from .pdf import render_pdf

            return render_pdf(doc)
        from .docx import render_docx

        return render_docx(doc)


__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "LANGS",
    "TRACKS",
    "UnknownReport",
    "check",
    "file_name",
    "render",
]
