"""How much a file may hold, whoever reads it: columns of a table, depth of a JSON document.

A file is refused with a sentence naming the limit before anything large is built from it,
so a hostile or broken file costs a few seconds and a bounded amount of memory, never an
error page or a traceback. Archives (.xlsx, .docx) have their own checks, made before they
are opened: :mod:`vivier.surveys.codecs.shared.archive_guard`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from vivier.problems import ProblemCode, ProblemError, codes, number, problem

#: Cells in one row of a sheet or a CSV file. Excel stops at 16,384 columns (XFD), so no
#: spreadsheet a person made has more; pyxform compares every header with every other one
#: (quadratic), and a row of a million cells would take hours and gigabytes to read.
MAX_COLUMNS = 16_384

#: Cells of a whole workbook, empty ones included. The 50,000-question form of the benchmark
#: holds about 400,000; pyxform keeps every cell in a dictionary per row, about a kilobyte
#: per row, so this bound keeps an accepted workbook under a gigabyte of memory, where a
#: 20 MB file of dense cells could otherwise claim ten.
MAX_CELLS = 1_000_000

#: Nesting of a JSON document (objects and lists inside one another). KoboToolbox nests
#: groups in groups and repeats in repeats, ten levels at the most in real forms; Python's
#: parser gives up (RecursionError) near a thousand, and walking a tree that deep is as fragile.
MAX_JSON_DEPTH = 100


class TableTooWide(ValueError):
    """A row holds more than :data:`MAX_COLUMNS` cells."""

    def __init__(self, cells: int, row: int | None = None, *, counted_all: bool = True) -> None:
        super().__init__(f"row {row}: {cells} cells (at most {MAX_COLUMNS})")
        self.cells = cells
        self.row = row
        #: False when the reading stopped at the first cell past the limit.
        self.counted_all = counted_all

    def params(self) -> dict[str, Any]:
        """The values of the catalogue's "too many columns" messages (``where``, ``cells``,
        ``limit``), whichever file the row was in."""
        return {
            "where": codes.ROW_NUMBER(row=self.row) if self.row else codes.A_ROW,
            "cells": number(self.cells)
            if self.counted_all
            else codes.MORE_THAN(count=number(MAX_COLUMNS)),
            "limit": number(MAX_COLUMNS),
        }


def check_width(cells: int, row: int | None = None) -> None:
    """Raise :class:`TableTooWide` when a row of ``cells`` is past :data:`MAX_COLUMNS`."""
    if cells > MAX_COLUMNS:
        raise TableTooWide(cells, row)


class JsonTooDeep(ProblemError):
    """A JSON document nested deeper than :data:`MAX_JSON_DEPTH`."""

    def __init__(self) -> None:
        super().__init__(problem(ProblemCode.JSON_TOO_DEEP, limit=MAX_JSON_DEPTH))


def load_json(text: str | bytes) -> Any:
    """``json.loads``, refusing a document nested deeper than :data:`MAX_JSON_DEPTH`.

    Raises :class:`JsonTooDeep`, or :class:`json.JSONDecodeError` as ``json.loads`` does.
    """
    try:
        document = json.loads(text)
    except RecursionError:
        raise JsonTooDeep() from None
    if _deeper_than(document, MAX_JSON_DEPTH):
        raise JsonTooDeep()
    return document


def _deeper_than(document: Any, limit: int) -> bool:
    """Whether containers nest past ``limit``, found without recursion (one pass, a stack)."""
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        node, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_JSON_DEPTH",
    "JsonTooDeep",
    "TableTooWide",
    "check_width",
    "load_json",
]
