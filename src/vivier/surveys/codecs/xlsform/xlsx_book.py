"""An .xlsx workbook read by calamine into the book pyxform's own reader makes.

pyxform reads .xlsx files with openpyxl, cell by cell in Python: on a 50,000-question form
that is most of the import's time. calamine (a Rust reader, pandas' fastest engine) reads
the same sheets ten times faster. The rows then go through pyxform's own rules
(``get_excel_column_headers``, ``get_excel_rows``, ``xlsx_value_to_str``): the same header
clean-up, the same stop after a run of empty rows and columns, the same text for numbers,
booleans and dates. So the book is the one ``pyxform.xls2json_backends.xlsx_to_dict`` would
make, and both the import and pyxform's verdict read it (a test compares the two readers on
every workbook the tests and the shared corpora hold).

Where calamine sees less than openpyxl, it is said here rather than hidden:

- a cell holding an Excel error (``#N/A``, ``#REF!``) reads as empty, where pyxform takes the
  error's text as the cell's content; the archive scan counts such cells
  (:data:`ERROR_CELL`) so that the import warns about them;
- a whole number past 2**53 typed as a number (not as text) loses its last digits, as it
  already has in Excel, which stores every number as a double.

The archive is judged before this reader opens it
(:func:`vivier.surveys.codecs.xlsform.sheets.read_workbook`): calamine inflates what it
reads, so the declared sizes and the cell count bound its memory.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook
from pyxform import constants
from pyxform.errors import PyXFormError
from pyxform.xls2json_backends import (
    get_excel_column_headers,
    get_excel_rows,
    is_empty,
    xlsx_value_to_str,
)

#: ``t`` attribute of a ``<c>`` element holding an Excel error value (ECMA-376, 18.18.11).
ERROR_CELL = "e"


class _Cell:
    """What pyxform's row reader asks of a cell: its ``value``."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def _value(value: Any) -> Any:
    """A calamine value as openpyxl gives it: openpyxl knows no date without a time."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return datetime.datetime(value.year, value.month, value.day)
    return value


def _clean(cell: _Cell, _row: int, _column: str) -> str | None:
    # pyxform's ``xlsx_clean_cell``, which is local to its reader.
    value = cell.value
    if isinstance(value, str):
        value = value.strip()
    return None if is_empty(value) else xlsx_value_to_str(value)


def _sheet(rows: list[list[Any]]) -> tuple[list[dict[str, Any]], list[dict[str, None]]]:
    headers = get_excel_column_headers(first_row=(_value(v) for v in (rows[0] if rows else ())))
    cells = ([_Cell(_value(v)) for v in row[: len(headers)]] for row in rows[1:])
    kept = get_excel_rows(headers=headers, rows=cells, cell_func=_clean)
    named = [str(key) for key in headers if key is not None]
    return kept, ([{name: None for name in named}] if named else [])


def xlsx_to_book(data: bytes) -> dict[str, Any]:
    """The book pyxform's ``xlsx_to_dict`` makes of ``data``: ``sheet_names``, and for each
    sheet pyxform knows, its rows (``survey``) and its headers (``survey_header``)."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except CalamineError as exc:
        raise PyXFormError(f"Error reading .xlsx file: {exc}") from exc
    try:
        names = [str(name) for name in workbook.sheet_names]
        book: dict[str, Any] = {"sheet_names": names}
        for name in names:
            key = name.lower()
            if key not in constants.SUPPORTED_SHEET_NAMES:
                if len(names) != 1:
                    continue
                key = constants.SURVEY  # a lone sheet is the survey, whatever its name
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            book[key], book[f"{key}_header"] = _sheet(rows)
        return book
    except CalamineError as exc:
        raise PyXFormError(f"Error reading .xlsx file: {exc}") from exc
    finally:
        workbook.close()


__all__ = ["ERROR_CELL", "xlsx_to_book"]
