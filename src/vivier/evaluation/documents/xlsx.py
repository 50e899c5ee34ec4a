"""The funder report as a workbook: one sheet per part, numbers as numbers.

Funders recompute, chart and paste figures: a value is a number cell in the indicator's
unit (a rate in percent), an amount a number with cents, never text. Every text cell goes
through the spreadsheet guard of the campaign report's workbook (``safe_text``): indicator
titles, funders and budget lines are typed by people, and a cell starting with ``=`` must
stay text.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from vivier.reports.documents.xlsx import _fit, _header, _row

from . import labels

_BOLD = Font(bold=True)
_AMOUNT = "#,##0.00"


def render_xlsx(data: dict[str, Any]) -> bytes:
    t = labels.words()
    wb = Workbook()
    summary = wb.active
    summary.title = t["sheet_summary"]
    _summary(summary, data, t)
    quantitative = [i for i in data["indicators"] if i["quantitative"]]
    _points(wb.create_sheet(t["sheet_indicators"]), quantitative, t)
    _years(wb.create_sheet(t["sheet_years"]), quantitative, t)
    _breakdowns(wb.create_sheet(t["sheet_breakdowns"]), quantitative, t)
    _funding(wb.create_sheet(t["sheet_funding"]), data["funding"], t)
    wb.properties.title = f"{t['funder_report']} — {data['practice']['title']}"
    wb.properties.creator = "Vivier"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _unit(indicator: dict[str, Any]) -> str:
    return "%" if indicator["is_rate"] else indicator["unit"]


def _summary(ws: Worksheet, data: dict[str, Any], t: dict[str, str]) -> None:
    _header(ws, (t["funder_report"], ""))
    _row(ws, (t["practice"], data["practice"]["title"]))
    if data["practice"]["code"]:
        _row(ws, (t["code"], data["practice"]["code"]))
    _row(ws, (t["plan_version"], data["plan"]["version"]))
    _row(ws, (t["generated_on"], data["generated"]))
    _row(ws, (t["only_approved"],))
    _row(ws, ())
    _row(ws, (t["indicators"],))
    ws.cell(ws.max_row, 1).font = _BOLD
    for indicator in data["indicators"]:
        if indicator["quantitative"]:
            _row(ws, (indicator["title"], _unit(indicator)))
    totals = data["funding"]["totals"]
    _row(ws, ())
    _row(ws, (t["funding"],))
    ws.cell(ws.max_row, 1).font = _BOLD
    for name in ("budgeted", "received", "spent"):
        _row(ws, (t[name], totals[name]))
        ws.cell(ws.max_row, 2).number_format = _AMOUNT
    _fit(ws, wrap=(1,))
    ws.column_dimensions["A"].width = 50
    ws.column_dimensions["B"].width = 40


def _points(ws: Worksheet, indicators: list[dict[str, Any]], t: dict[str, str]) -> None:
    _header(
        ws,
        (
            t["indicator"],
            t["unit"],
            t["period"],
            t["value"],
            t["target"],
            t["gap"],
            t["on_track"],
            t["numerator"],
            t["denominator"],
        ),
    )
    for indicator in indicators:
        for point in indicator["points"]:
            _row(
                ws,
                (
                    indicator["title"],
                    _unit(indicator),
                    point["period"],
                    point["value"],
                    point["target"],
                    point["gap"],
                    _yes_no(point["on_track"], t),
                    point["numerator"],
                    point["denominator"],
                ),
            )
    _fit(ws, wrap=(1,))
    ws.auto_filter.ref = ws.dimensions


def _years(ws: Worksheet, indicators: list[dict[str, Any]], t: dict[str, str]) -> None:
    _header(
        ws,
        (
            t["indicator"],
            t["unit"],
            t["year"],
            t["value"],
            t["target"],
            t["gap"],
            t["on_track"],
            t["periods_reported"],
        ),
    )
    for indicator in indicators:
        for year in indicator["years"]:
            _row(
                ws,
                (
                    indicator["title"],
                    _unit(indicator),
                    year["year"],
                    t["not_additive"] if year["reason"] == "not additive" else year["value"],
                    year["target"],
                    year["gap"],
                    _yes_no(year["on_track"], t),
                    year["periods"],
                ),
            )
    _fit(ws, wrap=(1,))
    ws.auto_filter.ref = ws.dimensions


def _breakdowns(ws: Worksheet, indicators: list[dict[str, Any]], t: dict[str, str]) -> None:
    _header(ws, (t["indicator"], t["unit"], t["breakdown"], t["period"], t["category"], t["value"]))
    for indicator in indicators:
        for breakdown in indicator["breakdowns"]:
            for row in breakdown["rows"]:
                _row(
                    ws,
                    (
                        indicator["title"],
                        _unit(indicator),
                        breakdown["dimension"],
                        row["period"],
                        row["category"],
                        row["value"],
                    ),
                )
    _fit(ws, wrap=(1,))
    ws.auto_filter.ref = ws.dimensions


def _funding(ws: Worksheet, funding: dict[str, Any], t: dict[str, str]) -> None:
    _header(
        ws,
        (
            t["year"],
            t["funder"],
            t["budget_line"],
            t["budgeted"],
            t["received"],
            t["spent"],
            t["spent_share"],
        ),
    )
    for year in funding["years"]:
        for row in year["rows"]:
            _row(
                ws,
                (
                    year["year"],
                    row["funder"],
                    row["budget_line"],
                    row["budgeted"],
                    row["received"],
                    row["spent"],
                    row["spent_share"],
                ),
                percent_cols=(7,),
            )
            _amounts(ws)
    _fit(ws, wrap=(2, 3))
    ws.auto_filter.ref = ws.dimensions


def _amounts(ws: Worksheet) -> None:
    for column in (4, 5, 6):
        ws.cell(ws.max_row, column).number_format = _AMOUNT


def _yes_no(value: bool | None, t: dict[str, str]) -> str:
    if value is None:
        return ""
    return t["yes"] if value else t["no"]
