"""The annex as a PDF: WeasyPrint lays out the very HTML page, with its print stylesheet.

Page size, margins, the "page 3 / 17" footer and the break rules (a question block kept
together, headings kept with what follows) live in ``annex.css`` under ``@page`` and
``@media print``, so the HTML printed from a browser and the PDF look alike.
"""

from __future__ import annotations

import logging

from vivier.reports.documents.common import Document
from vivier.reports.documents.html import TEMPLATES_DIR, render_html


def render_pdf(doc: Document) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which the other formats do not need.
    from weasyprint import HTML

    # WeasyPrint logs every CSS property it ignores (the screen-only flex layout, say) as a
    # warning; the page is designed for it, so those messages would only be noise.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    html = HTML(string=render_html(doc), base_url=str(TEMPLATES_DIR))
    # Tagged PDF: screen readers get the headings, tables and reading order of the page.
    pdf = html.write_pdf(pdf_tags=True)
    if pdf is None:  # write_pdf returns None only when given a target
        raise RuntimeError("WeasyPrint produced no document")
    return bytes(pdf)
