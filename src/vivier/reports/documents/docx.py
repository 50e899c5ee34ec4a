"""The annex as a Word document, for the working group that edits and comments it.

Real heading styles (Heading 1: part, Heading 2: section, Heading 3: question) so Word's
navigation pane and table of contents work; charts as PNG pictures with their title as
alternative text; tables with a repeated header row; remarks as one-cell framed tables whose
first line is the kind's symbol and word, in bold, so the kind reads without colour.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from vivier.charts.png import to_png
from vivier.reports.documents.common import (
    REMARK_SYMBOLS,
    Chart,
    Document,
    QuestionBlock,
    Remark,
    Table,
    quoted,
)

BLUE = RGBColor(0x00, 0x00, 0x91)
#: Per remark kind: background fill, border style and colour. The border differs by kind
#: (bar, double, dashed, thick) so that a black and white print still tells them apart.
REMARK_STYLES: dict[str, tuple[str, str, int, str]] = {
    "ANALYSE": ("EEEEFF", "single", 12, "000091"),
    "CONCLUSION": ("E6FEDA", "double", 6, "18753C"),
    "SUGGESTION": ("FEF7DA", "dashed", 8, "695240"),
    "ATTENTION": ("FFE9E9", "single", 24, "CE0500"),
}
CHART_WIDTH = Cm(15.5)
MAP_WIDTH = Cm(15)


def render_docx(doc: Document) -> bytes:
    word: Any = new_document()
    _setup(word, doc)
    _cover(word, doc)
    _overview(word, doc)
    for part in doc.parts:
        _page_break(word)
        word.add_heading(part.title, level=1)
        for section in part.sections:
            word.add_heading(section.title, level=2)
            for remark in section.remarks:
                _remark(word, remark, doc)
            for block in section.questions:
                _question(word, block, doc)
    _coding(word, doc)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- page set-up


def _setup(word: Any, doc: Document) -> None:
    set_up(word, doc.title, doc.labels["annex"], doc.lang, doc.labels["page"])


def set_up(word: Any, title: str, subject: str, lang: str, page: str) -> None:
    """A4 pages, Arial, the document's language, blue headings and "Page n / N" below:
    the look every Word document of Vivier shares (this report, an evaluation's)."""
    props = word.core_properties
    props.title = title
    props.subject = subject
    props.language = "en-GB" if lang == "en" else "fr-FR"
    props.author = "Vivier"

    normal = word.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    # The language of the text, so Word's spelling and its screen reader use it.
    rpr = normal.element.get_or_add_rPr()
    lang_element = OxmlElement("w:lang")
    lang_element.set(qn("w:val"), props.language)
    rpr.append(lang_element)
    for level in (1, 2, 3):
        style = word.styles[f"Heading {level}"]
        style.font.name = "Arial"
        style.font.color.rgb = BLUE if level < 3 else RGBColor(0x16, 0x16, 0x16)
        style.font.size = Pt({1: 16, 2: 13, 3: 11}[level])
        style.paragraph_format.keep_with_next = True

    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(18), Mm(20)
    section.different_first_page_header_footer = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(page + " ")
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")


def _field(paragraph: Any, code: str) -> None:
    # A simple field: Word computes the page number when it lays the page out.
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_break(word: Any) -> None:
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# --------------------------------------------------------------------------- blocks


def _cover(word: Any, doc: Document) -> None:
    kicker = word.add_paragraph()
    kicker.paragraph_format.space_before = Pt(96)
    run = kicker.add_run(doc.labels["annex"].upper())
    run.bold = True
    word.add_heading(doc.title, level=0)
    facts = word.add_table(rows=0, cols=2)
    facts.style = word.styles["Table Grid"]
    for term, value in doc.facts:
        cells = facts.add_row().cells
        cells[0].text = term
        cells[0].paragraphs[0].runs[0].bold = True
        cells[1].text = value
    _widths(facts, (Cm(4.5), Cm(12)))
    word.add_paragraph()
    word.add_paragraph(doc.generated)
    if doc.suppression_note:
        word.add_paragraph(doc.suppression_note).runs[0].italic = True


def _overview(word: Any, doc: Document) -> None:
    _page_break(word)
    word.add_heading(doc.labels["overview"], level=1)
    if doc.remarks:
        word.add_heading(doc.labels["general_remarks"], level=2)
        for remark in doc.remarks:
            _remark(word, remark, doc, about=remark.question or remark.section or "")
    if doc.timeline is not None:
        word.add_heading(doc.labels["per_day"], level=2)
        _picture(word, doc.timeline, CHART_WIDTH)
    if doc.overview_tables:
        word.add_heading(doc.labels["diffusion"], level=2)
    for table in doc.overview_tables:
        _table(word, table)
    if doc.map is not None:
        word.add_heading(doc.labels["map"], level=2)
        _picture(word, doc.map, MAP_WIDTH)


def _question(word: Any, block: QuestionBlock, doc: Document) -> None:
    word.add_heading(block.heading, level=3)
    n_line = word.add_paragraph()
    n_line.add_run(block.n_line).bold = True
    n_line.paragraph_format.keep_with_next = True
    for note in block.notes:
        paragraph = word.add_paragraph()
        paragraph.add_run(note).italic = True
        paragraph.paragraph_format.keep_with_next = True
    if block.chart is not None:
        width = MAP_WIDTH if block.type == "departement" else CHART_WIDTH
        _picture(word, block.chart, width)
    for table in block.tables:
        _table(word, table)
    if block.texts_title:
        title = word.add_paragraph()
        title.add_run(block.texts_title).bold = True
        title.paragraph_format.keep_with_next = bool(block.texts)
        for index, (text, times) in enumerate(block.texts, start=1):
            item = word.add_paragraph(quoted(text), style="List Bullet")
            if times:
                item.add_run(f" ({times})").italic = True
            # Ten short quotes are kept on one page rather than leave two on the next.
            item.paragraph_format.keep_with_next = index < len(block.texts)
    for remark in block.remarks:
        _remark(word, remark, doc)


def _coding(word: Any, doc: Document) -> None:
    """The coding of free texts (``documents/coding.py``), when the report has it."""
    from vivier.reports.documents.coding import part_of, quotes_by_code

    part = part_of(doc)
    if part is None:
        return
    _page_break(word)
    word.add_heading(part.title, level=1)
    for note in part.notes:
        word.add_paragraph().add_run(note).italic = True
    for blocks, title in (
        (part.questions, part.labels["frequencies"]),
        (part.typologies, part.labels["typologies"]),
    ):
        if blocks:
            word.add_heading(title, level=2)
        for block in blocks:
            word.add_heading(block.heading, level=3)
            n_line = word.add_paragraph()
            n_line.add_run(block.n_line).bold = True
            n_line.paragraph_format.keep_with_next = True
            _table(word, block.table)
    if part.crosstabs:
        word.add_heading(part.labels["crosstabs"], level=2)
        word.add_paragraph().add_run(part.labels["crosstabs_note"]).italic = True
        for block in part.crosstabs:
            word.add_heading(block.heading, level=3)
            n_line = word.add_paragraph()
            n_line.add_run(block.n_line).bold = True
            n_line.paragraph_format.keep_with_next = True
            _table(word, block.table)
    if part.cooccurrence is not None:
        word.add_heading(part.labels["cooccurrence"], level=2)
        word.add_paragraph().add_run(part.labels["cooccurrence_note"]).italic = True
        n_line = word.add_paragraph()
        n_line.add_run(part.cooccurrence.n_line).bold = True
        n_line.paragraph_format.keep_with_next = True
        _table(word, part.cooccurrence.table)
    if part.quotes:
        word.add_heading(part.labels["quotes"], level=2)
        word.add_paragraph().add_run(part.labels["quotes_note"]).italic = True
        for code, quotes in quotes_by_code(part):
            title = word.add_paragraph()
            title.add_run(code).bold = True
            title.paragraph_format.keep_with_next = True
            for quote in quotes:
                item = word.add_paragraph(quoted(quote.text), style="List Bullet")
                if quote.ref:
                    item.add_run(f" ({quote.ref})").italic = True


def _picture(word: Any, chart: Chart, width: Any) -> None:
    png = to_png(chart.svg, width=1200)
    word.add_picture(io.BytesIO(png), width=width)
    picture = word.paragraphs[-1]
    picture.paragraph_format.keep_with_next = True
    # Alternative text for screen readers (Word's "Alt Text" pane reads docPr/@descr).
    for doc_pr in picture._p.iter(qn("wp:docPr")):
        doc_pr.set("descr", chart.title)
        doc_pr.set("title", chart.title)


def _table(word: Any, table: Table) -> None:
    caption = word.add_paragraph(style="Caption")
    caption.add_run(table.caption)
    caption.paragraph_format.keep_with_next = True
    grid = word.add_table(rows=1, cols=len(table.header))
    grid.style = word.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    header = grid.rows[0]
    _repeat_header(header)
    for cell, text, numeric in zip(header.cells, table.header, table.numeric, strict=False):
        cell.text = text
        paragraph = cell.paragraphs[0]
        paragraph.runs[0].bold = True
        if numeric:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _shade(cell, "F0F0F0")
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, text, numeric in zip(cells, row, table.numeric, strict=False):
            cell.text = text
            if numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in grid.rows:
        # Word may split a row across pages otherwise; rows are one line or two.
        tr_pr = row._tr.get_or_add_trPr()
        cant_split = OxmlElement("w:cantSplit")
        tr_pr.append(cant_split)
        for cell in row.cells[:-1]:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
        for paragraph in row.cells[-1].paragraphs:
            paragraph.paragraph_format.keep_with_next = True
    # The last row lets the page break after the table.
    for cell in grid.rows[-1].cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = False
    first = max(Cm(17.4 - 2.2 * (len(table.header) - 1)), Cm(6))
    _widths(grid, (first, *([Cm(2.2)] * (len(table.header) - 1))))
    word.add_paragraph().paragraph_format.space_after = Pt(2)


def _remark(word: Any, remark: Remark, doc: Document, *, about: str = "") -> None:
    fill, border, size, colour = REMARK_STYLES[remark.kind]
    box = word.add_table(rows=1, cols=1)
    box.alignment = WD_TABLE_ALIGNMENT.CENTER
    cell = box.rows[0].cells[0]
    _shade(cell, fill)
    _borders(cell, border, size, colour)
    label = cell.paragraphs[0]
    run = label.add_run(
        f"{REMARK_SYMBOLS[remark.kind]} {doc.labels[f'remark_{remark.kind}'].upper()}"
    )
    run.bold = True
    run.font.color.rgb = RGBColor.from_string(colour)
    if about:
        label.add_run(f" ({about})")
    label.paragraph_format.keep_with_next = True
    for text in remark.paragraphs:
        cell.add_paragraph(text)
    _widths(box, (Cm(17.4),))
    word.add_paragraph().paragraph_format.space_after = Pt(2)


# --------------------------------------------------------------------------- XML helpers
# python-docx has no API for shading, borders or header rows: these write the WordprocessingML
# elements Word itself writes.


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _borders(cell: Any, style: str, size: int, colour: str) -> None:
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), style)
        edge.set(qn("w:sz"), str(size))
        edge.set(qn("w:color"), colour)
        borders.append(edge)
    cell._tc.get_or_add_tcPr().append(borders)


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _widths(table: Any, widths: tuple[Any, ...]) -> None:
    # Word reads the cells' widths, LibreOffice the table grid's: set both.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width
