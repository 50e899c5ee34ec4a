"""How much a file may hold, whoever reads it: columns of a table, depth of a JSON document.

A file is refused with a sentence naming the limit before anything large is built from it,
so a hostile or broken file costs a few seconds and a bounded amount of memory, never an
error page or a traceback. Archives (.xlsx, .docx) have their own checks, made before they
are opened: :mod:`vivier.surveys.codecs.archive_guard`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

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

    @property
    def message_fr(self) -> str:
        where = f"La ligne {self.row}" if self.row else "Une ligne"
        return (
            f"{where} compte {'' if self.counted_all else 'plus de '}"
            f"{fr_number(self.cells if self.counted_all else MAX_COLUMNS)} cellules : au-delà de "
            f"{fr_number(MAX_COLUMNS)} colonnes (la limite d'Excel), le fichier n'est pas lu."
        )

    @property
    def message_en(self) -> str:
        where = f"Row {self.row}" if self.row else "A row"
        return (
            f"{where} holds {'' if self.counted_all else 'more than '}"
            f"{self.cells if self.counted_all else MAX_COLUMNS:,} cells: past {MAX_COLUMNS:,} "
            "columns (Excel's limit), the file is not read."
        )


def fr_number(number: int) -> str:
    """``16 384``: French separates thousands with a (no-break) space."""
    return f"{number:,}".replace(",", "\u00a0")


def check_width(cells: int, row: int | None = None) -> None:
    """Raise :class:`TableTooWide` when a row of ``cells`` is past :data:`MAX_COLUMNS`."""
    if cells > MAX_COLUMNS:
        raise TableTooWide(cells, row)


class JsonTooDeep(ValueError):
    """A JSON document nested deeper than :data:`MAX_JSON_DEPTH`."""

    message_fr = (
        f"Le document JSON est imbriqué sur plus de {MAX_JSON_DEPTH} niveaux (objets ou listes "
        "les uns dans les autres) : aucun export de questionnaire ou de réponses n'en a autant, "
        "il n'est pas lu."
    )
    message_en = (
        f"The JSON document is nested more than {MAX_JSON_DEPTH} levels deep (objects or lists "
        "inside one another): no questionnaire or response export has that many; it is not read."
    )

    def __init__(self) -> None:
        super().__init__(self.message_en)


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
    "fr_number",
    "load_json",
]
