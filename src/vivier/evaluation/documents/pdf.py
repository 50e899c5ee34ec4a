"""A report as PDF: WeasyPrint lays out the report's HTML page (its print stylesheet inside)."""

from __future__ import annotations

from django.template.loader import render_to_string

from .layout import Document

TEMPLATE = "evaluation/documents/report.html"


def render_html(doc: Document) -> str:
    return render_to_string(TEMPLATE, {"doc": doc})


def render_pdf(doc: Document) -> bytes:
    # The practice sheet's PDF writer: tagged PDF, WeasyPrint imported only when needed.
    from vivier.practices.views_public import render_pdf as write_pdf

    return write_pdf(render_html(doc), "")
