"""Reading an XLSForm workbook into sheets of rows that remember where they came from.

Workbooks (.xlsx, .xlsm, .xls) go through pyxform's public backends, which already deal with
the traps of real files (sheets claiming a million empty rows, dates stored as numbers, cells
holding only spaces, case of sheet names). Those backends keep empty rows in the list
precisely so that positions stay true, so a row's number is its index plus 2 (the header is
row 1). pyxform's CSV and markdown readers drop blank lines instead, which loses the line a
person would look for, so those two notations are read here, line by line, with the same
rules.

Column headers are then normalised the way pyxform understands them: case-insensitive,
``::`` (or the legacy ``:``) separating a language, ``bind:``/``control:``/``media:``
prefixes, and the old aliases (``relevance``, ``caption``, ``list name``...). Two headers
naming the same column (``bind:relevant`` and ``relevance``) are an error, as in pyxform.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pyxform.errors import PyXFormError
from pyxform.xls2json_backends import xls_to_dict, xlsx_to_dict

from vivier.problems import Location, ProblemCode, ProblemError, codes, problem
from vivier.problems.base import number as localized_number
from vivier.surveys.codecs.shared.archive_guard import (
    WORKBOOK,
    ArchiveRefused,
    check_archive,
    scan_xml,
)
from vivier.surveys.codecs.shared.limits import MAX_CELLS, TableTooWide, check_width
from vivier.surveys.codecs.xlsform.xlsx_book import xlsx_to_book
from vivier.surveys.codecs.xlsform.xlsx_scan import DENSE_CELLS, Counter, TooManyCells, WorkbookScan

SURVEY, CHOICES, SETTINGS = "survey", "choices", "settings"
#: Sheets pyxform knows; others are notes for the author and are skipped.
KNOWN_SHEETS = frozenset(
    {SURVEY, CHOICES, SETTINGS, "external_choices", "entities", "osm", "cascades"}
)

_SPACES = re.compile(r"\s+")


class WorkbookError(ProblemError):
    """The file cannot be read as an XLSForm at all; its problem says why (and on which row,
    when there is one: the file's name is added by whoever reports it)."""

    @classmethod
    def at_row(cls, code: ProblemCode, at: int | None, /, **params: object) -> WorkbookError:
        return cls(problem(code, Location(row=at), **params))


@dataclass(frozen=True, slots=True)
class Row:
    #: Spreadsheet row (1-based, header is 1), line of a .csv/.md file, or index in a JSON list.
    number: int
    #: Raw header → text, stripped; empty cells are absent.
    cells: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Sheet:
    #: Lower-cased name (``survey``); ``title`` is the name as the file spells it.
    name: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Workbook:
    sheets: Mapping[str, Sheet]
    #: Every sheet name of the file, as spelt there (for "did you mean" messages).
    sheet_names: tuple[str, ...] = ()
    #: ``row`` for spreadsheets and text notations, ``json`` for KoboToolbox content, where a
    #: row is located by its path (``content.survey[3]``).
    located_by: str = "row"
    #: What pyxform's reader made of the file (.xlsx, .xlsm, .xls), kept so that pyxform's
    #: own verdict on the form does not read the workbook a second time.
    pyxform_book: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)
    #: Sheet title → references of the cells holding an Excel error (``#N/A``), which were
    #: read as empty (:mod:`~vivier.surveys.codecs.xlsform.xlsx_book`).
    error_cells: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    def sheet(self, name: str) -> Sheet | None:
        return self.sheets.get(name)


def read_workbook(data: bytes, filename: str) -> Workbook:
    """Read any XLSForm notation; raise :class:`WorkbookError` when it is none of them."""
    suffix = Path(filename).suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        scan = _check_workbook(data)
        if scan is None or scan.dense_cells > DENSE_CELLS:
            # Not an archive (openpyxl says why), or sheets calamine would have to allocate
            # whole: openpyxl streams them.
            return _from_backend(xlsx_to_dict, data, "Excel (.xlsx)")
        workbook = _from_backend(xlsx_to_book, data, "Excel (.xlsx)")
        return replace(workbook, error_cells=scan.error_cells_by_sheet())
    if suffix == ".xls":
        return _from_backend(xls_to_dict, data, "Excel 97 (.xls)")
    text = _decode(data)
    try:
        if suffix == ".md":
            return _read_markdown(text)
        return _read_csv(text)
    except TableTooWide as exc:
        raise WorkbookError.at_row(
            ProblemCode.XLSFORM_TOO_MANY_COLUMNS, exc.row, part="", **exc.params()
        ) from exc
    except TooManyCells as exc:
        raise _too_many_cells(exc.part) from exc


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WorkbookError.of(ProblemCode.XLSFORM_ENCODING, byte=exc.start) from exc


def _check_workbook(data: bytes) -> WorkbookScan | None:
    """Refuse a workbook before any reader opens it: the archive's directory first (declared
    sizes, ratio, parts), then every XML part read as a stream (no DTD, no row wider than
    :data:`MAX_COLUMNS`, at most :data:`MAX_CELLS` cells), so a hostile file costs seconds and
    a few megabytes. What the stream held comes back
    (:mod:`~vivier.surveys.codecs.xlsform.xlsx_scan`); ``None`` for a file that is no archive
    at all, left to the reader, which says so.
    """
    try:
        archive = check_archive(data, WORKBOOK)
    except ArchiveRefused as exc:
        if exc.kind is ProblemCode.ARCHIVE_CORRUPT:
            return None
        raise WorkbookError(exc.diagnostic) from exc
    counter = Counter()
    with archive:
        for member in archive.infolist():
            if not member.filename.lower().endswith((".xml", ".rels")):
                continue
            counter.begin(member.filename)
            try:
                scan_xml(archive, member.filename, WORKBOOK, counter.start)
            except ArchiveRefused as exc:
                raise WorkbookError(exc.diagnostic) from exc
            except TableTooWide as exc:
                raise WorkbookError.at_row(
                    ProblemCode.XLSFORM_TOO_MANY_COLUMNS,
                    exc.row,
                    part=codes.IN_PART(part=member.filename),
                    **exc.params(),
                ) from exc
            except TooManyCells as exc:
                raise _too_many_cells(exc.part) from exc
    return counter.end()


def _too_many_cells(part: str) -> WorkbookError:
    return WorkbookError.of(
        ProblemCode.XLSFORM_TOO_MANY_CELLS,
        limit=localized_number(MAX_CELLS),
        part=codes.IN_PART_BRACKETS(part=part) if part else "",
    )


def _from_backend(reader: object, data: bytes, kind: str) -> Workbook:
    try:
        # openpyxl warns about Excel extensions (data validation, conditional formats) it
        # cannot keep; reading a form never needs them, and the warning would reach the
        # person importing as noise naming a library file.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            book = reader(data)  # type: ignore[operator]
    except PyXFormError as exc:
        raise WorkbookError.of(ProblemCode.XLSFORM_UNREADABLE, kind=kind, detail=str(exc)) from exc
    names = tuple(str(n) for n in book.get("sheet_names", ()))
    originals = {n.lower(): n for n in names}
    sheets: dict[str, Sheet] = {}
    for key, rows in book.items():
        if key == "sheet_names" or key.endswith("_header") or not isinstance(rows, list):
            continue
        header_rows = book.get(f"{key}_header") or [{}]
        headers = tuple(str(h) for h in header_rows[0])
        kept = tuple(
            Row(index + 2, {str(k): str(v).strip() for k, v in row.items() if str(v).strip()})
            for index, row in enumerate(rows)
        )
        sheets[key] = Sheet(
            key, originals.get(key, key), headers, tuple(r for r in kept if r.cells)
        )
    return Workbook(sheets, names, pyxform_book=book)


class _SheetBuilder:
    """Collects the sheets of a text notation: a sheet name in the first column starts one."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.headers: dict[str, tuple[str, ...]] = {}
        self.rows: dict[str, list[Row]] = {}
        self.current: str | None = None
        self.cells = 0

    def start(self, title: str) -> None:
        self.current = title
        if title not in self.rows:
            self.order.append(title)
            self.rows[title] = []

    def add(self, line: int, cells: list[str]) -> None:
        check_width(len(cells) + 1, line)
        self.cells += len(cells)
        if self.cells > MAX_CELLS:
            raise TooManyCells("")
        if self.current is None:
            raise WorkbookError.at_row(ProblemCode.XLSFORM_NO_SHEET_NAME, line, row=line)
        if self.current not in self.headers:
            self.headers[self.current] = tuple(_SPACES.sub(" ", c.strip()) for c in cells)
            return
        headers = self.headers[self.current]
        row = {h: c.strip() for h, c in zip(headers, cells, strict=False) if h and c.strip()}
        if row:
            self.rows[self.current].append(Row(line, row))

    def workbook(self) -> Workbook:
        sheets: dict[str, Sheet] = {}
        known = [t for t in self.order if t.lower() in KNOWN_SHEETS]
        for title in self.order:
            key = title.lower()
            if key not in KNOWN_SHEETS:
                # pyxform reads a lone sheet as the survey, whatever its name.
                if len(self.order) == 1 and not known:
                    key = SURVEY
                else:
                    continue
            headers = tuple(h for h in self.headers.get(title, ()) if h)
            sheets[key] = Sheet(key, title, headers, tuple(self.rows[title]))
        return Workbook(sheets, tuple(self.order))


def _read_csv(text: str) -> Workbook:
    builder = _SheetBuilder()
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        for record in reader:
            if not record:
                continue
            first, rest = record[0].strip(), record[1:]
            if first:
                builder.start(first)
            if any(c.strip() for c in rest):
                builder.add(reader.line_num, rest)
    except csv.Error as exc:
        raise WorkbookError.of(ProblemCode.XLSFORM_CSV_INVALID, detail=str(exc)) from exc
    return builder.workbook()


_MD_COMMENT = re.compile(r"^\s*#")
_MD_COMMENT_INLINE = re.compile(r"^(.*)(#[^|]+)$")
_MD_CELL = re.compile(r"\s*\|(.*)\|\s*")
_MD_SEPARATOR = re.compile(r"^[\|\-:\s]+$")
_MD_PIPE = re.compile(r"(?<!\\)\|")


def _read_markdown(text: str) -> Workbook:
    builder = _SheetBuilder()
    for number, line in enumerate(text.split("\n"), start=1):
        if _MD_COMMENT.match(line):
            continue
        inline = _MD_COMMENT_INLINE.match(line)
        if inline:
            line = inline.group(1)
        match = _MD_CELL.match(line)
        if not match or _MD_SEPARATOR.match(match.group(1)):
            continue
        cells = [c.strip().replace(r"\|", "|") for c in _MD_PIPE.split(match.group(1))]
        if cells[0]:
            builder.start(cells[0])
        if any(cells[1:]):
            builder.add(number, cells[1:])
    return builder.workbook()


# -- Columns ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """What a header means: the column (``label``) and, for texts, its language."""

    key: str
    language: str | None
    header: str


SURVEY_ALIASES: Mapping[str, str] = {
    "relevance": "relevant",
    "caption": "label",
    "constraining_message": "constraint_message",
    "jr:constraintmsg": "constraint_message",
    "constraintmsg": "constraint_message",
    "requiredmsg": "required_message",
    "jr:requiredmsg": "required_message",
    "calculate": "calculation",
    "readonly": "read_only",
    "command": "type",
    "tag": "name",
    "value": "name",
    "count": "repeat_count",
    "jr:count": "repeat_count",
    "noapperrorstring": "no_app_error_string",
    "jr:noapperrorstring": "no_app_error_string",
}
CHOICES_ALIASES: Mapping[str, str] = {
    "list_name": "list_name",
    "caption": "label",
    "value": "name",
}
SETTINGS_ALIASES: Mapping[str, str] = {
    "form_title": "title",
    "set_form_title": "title",
    "form_id": "id_string",
    "set_form_id": "id_string",
}
#: Columns whose text may come in several languages.
TRANSLATABLE = frozenset(
    {
        "label",
        "hint",
        "guidance_hint",
        "constraint_message",
        "required_message",
        "image",
        "big-image",
        "audio",
        "video",
    }
)
_PREFIXES = frozenset({"bind", "control", "media", "body"})


def _snake(text: str) -> str:
    return "_".join(text.split()).lower()


def column_of(header: str, aliases: Mapping[str, str], double_colon: bool) -> Column:
    if double_colon or "::" in header:
        tokens = [t.strip() for t in header.split("::")]
    else:
        tokens = [t.strip() for t in header.split(":")]
        if "jr" in tokens[:-1]:
            at = tokens.index("jr")
            tokens[at : at + 2] = [f"jr:{tokens[at + 1]}"]
    if len(tokens) > 1 and _snake(tokens[0]) in _PREFIXES:
        tokens = tokens[1:]
    key = _snake(tokens[0])
    key = aliases.get(key, key)
    language = "::".join(tokens[1:]).strip() or None
    if language is not None and key not in TRANSLATABLE:
        # ``bind::saveIncomplete``, ``instance::x``: namespaced columns, not languages.
        return Column(_snake(header), None, header)
    return Column(key, language, header)


@dataclass(frozen=True, slots=True)
class Columns:
    by_header: Mapping[str, Column]
    #: Pairs of headers that name the same column.
    conflicts: tuple[tuple[str, str], ...] = ()
    present: frozenset[str] = field(default_factory=frozenset)


def columns(headers: Iterable[str], aliases: Mapping[str, str]) -> Columns:
    headers = [h for h in headers if h]
    double_colon = any("::" in h for h in headers)
    found: dict[str, Column] = {}
    seen: dict[tuple[str, str | None], str] = {}
    conflicts: list[tuple[str, str]] = []
    for header in headers:
        column = column_of(header, aliases, double_colon)
        found[header] = column
        slot = (column.key, column.language)
        if slot in seen and seen[slot] != header:
            conflicts.append((seen[slot], header))
        else:
            seen[slot] = header
    return Columns(found, tuple(conflicts), frozenset(c.key for c in found.values()))


@dataclass(frozen=True, slots=True)
class Cells:
    """One row with its headers understood."""

    number: int
    #: (key, language) → text.
    values: Mapping[tuple[str, str | None], str]
    #: (key, language) → the header as written, for messages.
    headers: Mapping[tuple[str, str | None], str]

    def get(self, key: str) -> str:
        return self.values.get((key, None), "")

    def header(self, key: str, language: str | None = None) -> str:
        return self.headers.get((key, language), key)

    def texts(self, key: str) -> dict[str | None, str]:
        return {lang: text for (k, lang), text in self.values.items() if k == key}


def understand(row: Row, cols: Columns) -> Cells:
    values: dict[tuple[str, str | None], str] = {}
    headers: dict[tuple[str, str | None], str] = {}
    for header, text in row.cells.items():
        column = cols.by_header.get(header) or column_of(header, {}, "::" in header)
        slot = (column.key, column.language)
        if slot not in values:
            values[slot] = text
            headers[slot] = header
    return Cells(row.number, values, headers)


__all__ = [
    "CHOICES",
    "CHOICES_ALIASES",
    "SETTINGS",
    "SETTINGS_ALIASES",
    "SURVEY",
    "SURVEY_ALIASES",
    "Cells",
    "Column",
    "Columns",
    "Row",
    "Sheet",
    "Workbook",
    "WorkbookError",
    "columns",
    "read_workbook",
    "understand",
]
