"""What the XML of a workbook holds, counted in one streamed pass before any reader opens it.

The pass (run by :func:`vivier.surveys.codecs.xlsform.sheets.read_workbook` on every part,
through :func:`~vivier.surveys.codecs.shared.archive_guard.scan_xml`, which refuses DTDs) counts:

- the cells of each row and of the whole file, and stops past :data:`MAX_COLUMNS` in a row
  or :data:`MAX_CELLS` in all, so that no reader builds more;
- the extent of each worksheet: the last row and the last column any cell names. calamine,
  the fast reader, allocates that whole rectangle, so a 1 KB file naming one cell at
  ``ZZ200000`` would cost it 5 GB: past :data:`DENSE_CELLS`, the streaming reader is used;
- the cells holding an Excel error (``#N/A``), which calamine reads as empty: the import
  names them in a warning. Worksheet parts are named by their sheet's title, read from the
  workbook part and its relationships in the same pass.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from openpyxl.utils.cell import column_index_from_string

from vivier.surveys.codecs.shared.limits import MAX_CELLS, MAX_COLUMNS, TableTooWide

#: Cells (rows × columns, empty ones included) of the largest worksheet read by calamine:
#: about 40 bytes each in its memory, so 80 MB; four times the 50,000-question form of the
#: benchmark (57,500 rows × 8 columns). Larger, or sparse, sheets are streamed by openpyxl.
DENSE_CELLS = 2_000_000

_DIGITS = "0123456789"


class TooManyCells(Exception):
    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


@dataclass
class WorkbookScan:
    """What one pass over every XML part of a workbook found."""

    cells: int = 0
    #: Worksheet part → rows × columns of the rectangle its cells span from A1.
    extents: dict[str, int] = field(default_factory=dict)
    #: Worksheet part → references (``D6``) of the cells holding an Excel error.
    error_cells: dict[str, list[str]] = field(default_factory=dict)
    #: Workbook part → [(sheet title, relationship id)], in the workbook's order.
    sheets: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: (folder of the part a relationships file describes, relationship id) → target part.
    targets: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def dense_cells(self) -> int:
        """The largest rectangle a dense reader would allocate for one sheet."""
        return max(self.extents.values(), default=0)

    def sheet_titles(self) -> dict[str, str]:
        """Worksheet part → the title of its sheet (``xl/worksheets/sheet1.xml`` → ``survey``)."""
        titles: dict[str, str] = {}
        for workbook_part, sheets in self.sheets.items():
            folder = posixpath.dirname(workbook_part)
            for title, relationship in sheets:
                target = self.targets.get((folder, relationship))
                if target:
                    titles[target] = title
        return titles

    def error_cells_by_sheet(self) -> dict[str, tuple[str, ...]]:
        """Sheet title (the part's name when no title is found) → its error cells."""
        titles = self.sheet_titles()
        return {titles.get(part, part): tuple(refs) for part, refs in self.error_cells.items()}


class Counter:
    """Receives the start of each element of one part after another (see :meth:`begin`)."""

    def __init__(self) -> None:
        self.scan = WorkbookScan()
        self.part = ""
        self.row = 0
        self.in_row = 0
        self.last_row = 0
        self.last_column = 0
        self._folder = ""

    def begin(self, part: str) -> None:
        self._finish()
        self.part, self.row, self.in_row, self.last_row, self.last_column = part, 0, 0, 0, 0
        # ``xl/_rels/workbook.xml.rels`` describes the parts of ``xl/``.
        self._folder = posixpath.dirname(posixpath.dirname(part)) if part.endswith(".rels") else ""

    def end(self) -> WorkbookScan:
        self._finish()
        return self.scan

    def _finish(self) -> None:
        if self.last_row and self.last_column:
            self.scan.extents[self.part] = self.last_row * self.last_column

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        # Local names: the transitional and the strict spreadsheet namespaces name them alike.
        local = tag[tag.rfind("}") + 1 :]
        if local == "c":
            self._cell(attributes)
        elif local == "row":
            self.in_row = 0
            number = attributes.get("r", "")
            self.row = int(number) if number.isdigit() else self.row + 1
            self.last_row = max(self.last_row, self.row)
        elif local == "sheet":
            relationship = next((v for k, v in attributes.items() if k.endswith("}id")), "")
            title = attributes.get("name", "")
            self.scan.sheets.setdefault(self.part, []).append((title, relationship))
        elif local == "Relationship":
            target = attributes.get("Target", "")
            if target.startswith("/"):
                target = target[1:]
            elif target:
                target = posixpath.normpath(posixpath.join(self._folder, target))
            self.scan.targets[(self._folder, attributes.get("Id", ""))] = target

    def _cell(self, attributes: dict[str, str]) -> None:
        self.in_row += 1
        self.scan.cells += 1
        if self.in_row > MAX_COLUMNS:
            raise TableTooWide(self.in_row, self.row, counted_all=False)
        if self.scan.cells > MAX_CELLS:
            raise TooManyCells(self.part)
        reference = attributes.get("r", "")
        letters = reference.rstrip(_DIGITS)
        column, row = self.in_row, self.row
        if letters and len(letters) < len(reference):
            try:
                column = column_index_from_string(letters)
                row = int(reference[len(letters) :])
            except ValueError:  # not a reference: readers place the cell by its position
                pass
        if column > self.last_column:
            self.last_column = column
        if row > self.last_row:
            self.last_row = row
        if attributes.get("t") == "e":
            self.scan.error_cells.setdefault(self.part, []).append(reference)


__all__ = ["DENSE_CELLS", "Counter", "TooManyCells", "WorkbookScan"]
