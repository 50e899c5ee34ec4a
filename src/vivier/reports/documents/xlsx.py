"""The annex's figures as a workbook: numbers stay numbers, for those who redo the charts.

Four sheets: a summary, responses per day, one row per question option, the remarks. Every
text cell is written as an inert string: labels and free texts come from questionnaire
authors and respondents, and a cell starting with ``=``, ``+``, ``-`` or ``@`` would
otherwise be run as a formula by the spreadsheet (formula injection).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from vivier.campaigns import question_types
from vivier.reports.documents.common import (
    Document,
    Remark,
    question_ref,
    reported,
    section_axis,
)
from vivier.reports.documents.common import figure_or_mark as _figure
from vivier.surveys.schema import Questionnaire
from vivier.text.spreadsheet import looks_like_formula

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_MAX_WIDTH = 70


def _between() -> str:
    # A grid's row and scale point, "Row : point" in French and "Row: point" in English.
    return pgettext("between a label and its value", " : ")


def safe_text(cell: Any, text: str) -> None:
    """Write ``text`` so that no spreadsheet can take it for a formula.

    openpyxl turns any string starting with "=" into a formula; forcing the string type
    stores it as text, and the quote prefix (Excel's own leading apostrophe, not part of
    the value) keeps it text when someone edits the cell.
    """
    clean = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.value = clean
    cell.data_type = "s"
    if looks_like_formula(clean):
        cell.quotePrefix = True


def _row(ws: Worksheet, values: Sequence[Any], *, percent_cols: Iterable[int] = ()) -> None:
    # append() keeps its own row counter, so an empty row leaves a blank line as meant; the
    # cells it made are then rewritten with their proper type.
    ws.append(list(values))
    row = ws._current_row
    percents = set(percent_cols)
    for index, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=index)
        if isinstance(value, str):
            safe_text(cell, value)
        elif isinstance(value, date):
            cell.value = value
            # The spreadsheet's built-in short date (format 14): each reader sees the date
            # the way their own language writes it.
            cell.number_format = BUILTIN_FORMATS[14]
        else:
            cell.value = value
            if index in percents and value is not None:
                cell.number_format = "0.0"


def _header(ws: Worksheet, names: Sequence[str], widths: Sequence[int] | None = None) -> None:
    _row(ws, names)
    for cell in ws[1]:
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    ws.freeze_panes = "A2"
    if widths:
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width


def _fit(ws: Worksheet, wrap: Iterable[int] = ()) -> None:
    """Widths from the content, capped so long labels wrap instead of running on."""
    wrapped = set(wrap)
    for column in ws.iter_cols(min_row=1, max_row=ws.max_row):
        letter = get_column_letter(column[0].column)
        longest = max((len(str(c.value)) for c in column if c.value is not None), default=8)
        ws.column_dimensions[letter].width = min(max(longest + 2, 8), _MAX_WIDTH)
        if column[0].column in wrapped:
            for cell in column[1:]:
                cell.alignment = _WRAP


def render_xlsx(
    doc: Document,
    report: Mapping[str, Any],
    q: Questionnaire,
    remarks: Sequence[Remark],
) -> bytes:
    t = doc.labels
    wb = Workbook()
    summary = wb.active
    summary.title = t["sheet_summary"]
    _summary(summary, doc, report)
    per_day = wb.create_sheet(t["sheet_per_day"])
    _header(per_day, (t["date"], t["responses"]))
    for day in report["per_day"]:
        _row(per_day, (date.fromisoformat(day["date"]), _figure(day, "count", t["suppressed"])))
    _fit(per_day)
    _questions(wb.create_sheet(t["sheet_questions"]), doc, report, q)
    _remarks(wb.create_sheet(t["sheet_remarks"]), doc, report, q, remarks)
    _coding(wb, doc)
    wb.properties.title = doc.title
    wb.properties.creator = "Vivier"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _summary(ws: Worksheet, doc: Document, report: Mapping[str, Any]) -> None:
    t = doc.labels
    _header(ws, (t["item"], t["value"], t["percent"]))
    _row(ws, (t["title"], doc.title))
    _row(ws, (t["campaign"], doc.campaign))
    _row(ws, (t["responses"], _figure(report, "responses", t["suppressed"])))
    if doc.first_day and doc.last_day:
        _row(ws, (t["first_day"], doc.first_day))
        _row(ws, (t["last_day"], doc.last_day))
    if doc.peak:
        _row(ws, (t["peak"], doc.peak[0]))
        _row(ws, (f"{t['peak']} – {t['responses']}", doc.peak[1]))
    _row(ws, (t["generated_on"], date.today()))
    if doc.suppression_note:
        _row(ws, ("", doc.suppression_note))
    _row(ws, ())
    _row(ws, (t["per_channel"],))
    ws.cell(ws.max_row, 1).font = _BOLD
    for channel in report.get("per_channel") or []:
        _row(
            ws,
            (
                channel["channel"] or t["no_channel"],
                _figure(channel, "count", t["suppressed"]),
                _figure(channel, "percent", t["suppressed"]),
            ),
            percent_cols=(3,),
        )
    _row(ws, ())
    _row(ws, (t["per_mode"],))
    ws.cell(ws.max_row, 1).font = _BOLD
    for mode in report.get("per_mode") or []:
        _row(
            ws,
            (
                t.get(f"mode_{mode['mode']}", str(mode["mode"])),
                _figure(mode, "count", t["suppressed"]),
                _figure(mode, "percent", t["suppressed"]),
            ),
            percent_cols=(3,),
        )
    _fit(ws, wrap=(2,))
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 50


def _questions(ws: Worksheet, doc: Document, report: Mapping[str, Any], q: Questionnaire) -> None:
    t = doc.labels
    _header(
        ws,
        (
            t["number"],
            t["name"],
            t["label"],
            t["type"],
            t["option"],
            t["code"],
            t["count"],
            t["percent"],
            t["answered"],
            t["shown"],
            t["mean"],
            t["median"],
        ),
    )
    figures = {f["name"]: f for f in report["questions"]}
    for question in q.questions():
        fig = figures.get(question.name)
        if fig is None or not reported(question, fig):
            continue
        common = (
            fig.get("number"),
            question.name,
            fig.get("label") or question.label,
            question_types.label(fig["type"]),
        )
        mark = t["suppressed"]
        base = (_figure(fig, "answered", mark), _figure(fig, "shown", mark))
        if fig.get("rows"):
            # A grid: one line per (row, scale point), the row's own N and mean.
            for grid_row in fig["rows"]:
                for option in grid_row["options"]:
                    _row(
                        ws,
                        (
                            *common,
                            f"{grid_row['label']}{_between()}{option['label']}",
                            f"{grid_row['value']}={option['value']}",
                            _figure(option, "count", mark),
                            _figure(option, "percent", mark),
                            _figure(grid_row, "answered", mark),
                            _figure(fig, "shown", mark),
                            _figure(grid_row, "mean", mark),
                            _figure(grid_row, "median", mark),
                        ),
                        percent_cols=(8,),
                    )
        elif fig.get("options"):
            for option in fig["options"]:
                _row(
                    ws,
                    (
                        *common,
                        str(option["label"]),
                        str(option["value"]),
                        _figure(option, "count", mark),
                        _figure(option, "percent", mark),
                        *base,
                        _figure(fig, "mean", mark),
                        _figure(fig, "median", mark),
                    ),
                    percent_cols=(8,),
                )
        else:
            # Free text, numbers, dates: one line so that every question is listed.
            mean = _figure(fig, "mean", mark)
            _row(
                ws,
                (
                    *common,
                    "",
                    "",
                    _figure(fig, "count", mark),
                    None,
                    *base,
                    mean,
                    _figure(fig, "median", mark),
                ),
            )
    _fit(ws, wrap=(3, 5))
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["C"].width = 50
    ws.column_dimensions["E"].width = 40
    ws.auto_filter.ref = ws.dimensions


def _coding(wb: Workbook, doc: Document) -> None:
    """The coding of free texts (``documents/coding.py``): one line per code of each
    question's table and of each typology, then the reviewed quotes on a sheet of their own."""
    from vivier.reports.documents.coding import part_of

    part = part_of(doc)
    if part is None:
        return
    t = part.labels
    mark = doc.labels["suppressed"]
    ws = wb.create_sheet(t["sheet_coding"])
    _header(
        ws,
        (
            t["part"],
            t["question"],
            t["name"],
            t["code"],
            t["texts"],
            t["percent"],
            t["n_coded"],
            t["n_texts"],
        ),
    )
    for block in part.questions:
        figures = block.figures
        for row in figures["codes"]:
            _row(
                ws,
                (
                    t["frequencies"],
                    str(figures.get("ref") or figures["key"]),
                    str(figures["label"]),
                    str(row["name"]),
                    _figure(row, "count", mark),
                    _figure(row, "percent", mark),
                    _figure(figures, "n", mark),
                    _figure(figures, "sources", mark),
                ),
                percent_cols=(6,),
            )
    for block in part.typologies:
        figures = block.figures
        for row in figures["rows"]:
            _row(
                ws,
                (
                    t["typologies"],
                    ", ".join(figures.get("refs") or figures.get("questions") or ()),
                    str(figures["name"]),
                    str(row["name"]),
                    _figure(row, "count", mark),
                    _figure(row, "percent", mark),
                    _figure(figures, "n", mark),
                    None,
                ),
                percent_cols=(6,),
            )
    _fit(ws, wrap=(3,))
    ws.column_dimensions["C"].width = 50
    if part.crosstabs:
        crossed = wb.create_sheet(t["sheet_crosstabs"])
        _header(
            crossed,
            (
                t["question"],
                t["name"],
                t["answer"],
                t["n_column"],
                t["code"],
                t["texts"],
                t["percent_column"],
            ),
        )
        for block in part.crosstabs:
            figures = block.figures
            for row in figures.get("codes") or []:
                for column, cell in zip(figures["columns"], row["counts"], strict=True):
                    _row(
                        crossed,
                        (
                            str(figures.get("ref") or figures["key"]),
                            str(figures["label"]),
                            str(column["label"]),
                            _figure(column, "n", mark),
                            str(row["name"]),
                            _figure(cell, "count", mark),
                            _figure(cell, "percent", mark),
                        ),
                        percent_cols=(7,),
                    )
        _fit(crossed, wrap=(2,))
    if part.cooccurrence is not None:
        together = wb.create_sheet(t["sheet_cooccurrence"])
        _header(
            together,
            (t["pair_a"], t["pair_b"], t["texts"], t["percent"], t["n_coded"]),
        )
        figures = part.cooccurrence.figures
        for pair in figures.get("pairs") or []:
            _row(
                together,
                (
                    str(pair["names"][0]),
                    str(pair["names"][1]),
                    _figure(pair, "count", mark),
                    _figure(pair, "percent", mark),
                    _figure(figures, "n", mark),
                ),
                percent_cols=(4,),
            )
        _fit(together)
    if part.quotes:
        quotes = wb.create_sheet(t["sheet_quotes"])
        _header(quotes, (t["code"], t["question"], t["quote"]))
        for quote in part.quotes:
            _row(quotes, (quote.code, quote.ref, quote.text))
        _fit(quotes, wrap=(3,))
        quotes.column_dimensions["C"].width = 90


def _remarks(
    ws: Worksheet,
    doc: Document,
    report: Mapping[str, Any],
    q: Questionnaire,
    remarks: Sequence[Remark],
) -> None:
    t = doc.labels
    _header(ws, (t["question"], t["name"], t["section"], t["kind"], t["text"]))
    numbers = {f["name"]: f.get("number") for f in report["questions"]}
    order = {question.name: index for index, question in enumerate(q.questions())}
    sections = {s.name: s for s in q.sections}

    def where(remark: Remark) -> tuple[int, int]:
        # Campaign remarks first, then questionnaire order.
        if remark.question is not None:
            return 1, order.get(remark.question, len(order))
        return 0, 0

    for remark in sorted(remarks, key=where):
        section = ""
        if remark.question is not None and remark.question in order:
            section = q.section_of(remark.question).title
        elif remark.section in sections:
            section = sections[remark.section].title
            axis = section_axis(sections[remark.section])
            if axis is not None:
                section = f"{t['axis'].format(n=axis)} – {section}"
        _row(
            ws,
            (
                question_ref(numbers.get(remark.question), remark.question)
                if remark.question
                else "",
                remark.question or "",
                section,
                t[f"remark_{remark.kind}"],
                remark.text,
            ),
        )
    _fit(ws, wrap=(3, 5))
    ws.column_dimensions["C"].width = 40
    ws.column_dimensions["E"].width = 90
