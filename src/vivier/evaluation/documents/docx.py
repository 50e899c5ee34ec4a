"""A report as a Word document, for those who edit it, comment it and send it on.

Real heading styles (Heading 1: part, 2: section, 3: period or group) so Word's navigation
pane and table of contents work; tables with a repeated header row; stories, outcomes and
opinions as framed boxes. The page set-up and WordprocessingML helpers are the campaign
report's (``vivier.reports.documents.docx``).
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt, RGBColor

from vivier.reports.documents.docx import (
    BLUE,
    _borders,
    _page_break,
    _repeat_header,
    _shade,
    _widths,
    set_up,
)

from .layout import Box, Document, Heading, Items, Paragraph, Table

TEXT_WIDTH = 17.4  # cm between the margins of an A4 page


def render_docx(doc: Document) -> bytes:
    word: Any = new_document()
    _setup(word, doc)
    _cover(word, doc)
    for block in doc.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            paragraph = word.add_paragraph(block.text)
            if block.style == "note":
                for run in paragraph.runs:
                    run.italic = True
                    run.font.color.rgb = RGBColor(0x3A, 0x3A, 0x3A)
                paragraph.paragraph_format.keep_with_next = True
            elif block.style == "lead":
                for run in paragraph.runs:
                    run.font.size = Pt(11.5)
        elif isinstance(block, Items):
            for item in block.items:
                word.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            _table(word, block)
        elif isinstance(block, Box):
            _box(word, block)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _setup(word: Any, doc: Document) -> None:
    set_up(word, f"{doc.kicker} — {doc.title}", doc.kicker, doc.lang, doc.words["page"])


def _cover(word: Any, doc: Document) -> None:
    kicker = word.add_paragraph()
    kicker.paragraph_format.space_before = Pt(96)
    # Capitals by the style, not the text: search and screen readers get the words.
    run = kicker.add_run(doc.kicker)
    run.font.all_caps = True
    run.bold = True
    run.font.color.rgb = BLUE
    word.add_heading(doc.title, level=0)
    facts = word.add_table(rows=0, cols=2)
    for term, value in doc.facts:
        cells = facts.add_row().cells
        cells[0].text = term
        cells[1].text = value
        cells[1].paragraphs[0].runs[0].bold = True
    _widths(facts, (Cm(5), Cm(11)))
    _page_break(word)


def _table(word: Any, table: Table) -> None:
    caption = word.add_paragraph(style="Caption")
    caption.add_run(table.caption)
    caption.paragraph_format.keep_with_next = True
    grid = word.add_table(rows=1, cols=len(table.header))
    grid.style = word.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    _repeat_header(grid.rows[0])
    for cell, (text, numeric) in zip(grid.rows[0].cells, table.header_cells, strict=False):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
        if numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _shade(cell, "EEEEEE")
    for index, row in enumerate(table.cells, start=1):
        cells = grid.add_row().cells
        for cell, (text, numeric) in zip(cells, row, strict=False):
            cell.text = text
            if numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if table.total and index == len(table.rows):
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    for row in grid.rows:
        # A row is never split across two pages.
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    columns = len(table.header)
    narrow = min(2.6, (TEXT_WIDTH - 4) / max(columns - 1, 1))
    first = max(TEXT_WIDTH - narrow * (columns - 1), 3.0)
    _widths(grid, (Cm(first), *([Cm(narrow)] * (columns - 1))))
    word.add_paragraph().paragraph_format.space_after = Pt(2)


def _box(word: Any, box: Box) -> None:
    frame = word.add_table(rows=1, cols=1)
    frame.alignment = WD_TABLE_ALIGNMENT.CENTER
    cell = frame.rows[0].cells[0]
    _shade(cell, "F5F5FE")
    _borders(cell, "single", 12, "000091")
    title = cell.paragraphs[0]
    run = title.add_run(box.title)
    run.bold = True
    run.font.color.rgb = BLUE
    if box.meta:
        meta = cell.add_paragraph()
        meta.add_run(box.meta).italic = True
    for label, text in box.parts:
        if not text:
            continue
        cell.add_paragraph().add_run(label).bold = True
        for line in text.replace("\r\n", "\n").split("\n"):
            if line.strip():
                cell.add_paragraph(line.strip())
    if box.footer:
        footer = cell.add_paragraph()
        footer.add_run(box.footer).italic = True
    _widths(frame, (Cm(TEXT_WIDTH),))
    word.add_paragraph().paragraph_format.space_after = Pt(2)
