"""XLSForm (and KoboToolbox) questionnaires → :class:`~vivier.surveys.schema.Questionnaire`.

An XLSForm is richer than what Vivier runs (repeats, geopoints, photos, external choice
lists, ``pulldata()``...). The rule, from the issue: a valid XLSForm always imports; every
element Vivier cannot run becomes the closest thing it can (a repeat a plain group, a
geopoint a text, a photo a note) and a warning names its sheet, row and column. Only a file
that is not a valid XLSForm (no ``survey`` sheet, an unknown type, a calculation that is not
an expression, two headers for one column...) is refused, with every problem found at once.

Reading goes in two passes over the survey sheet: the first learns every name (a condition
may name a question placed later, and a ``calculate`` is inlined wherever it is used), the
second builds the questions. The engine's validator then checks the result; a condition it
refuses is dropped with a warning rather than refusing a form ODK would run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from vivier.problems import Diagnostic, Location, ProblemCode, problem
from vivier.surveys.codecs.report import ImportResult, result
from vivier.surveys.codecs.xlsform.passes.builder import Builder
from vivier.surveys.codecs.xlsform.sheets import Workbook, WorkbookError, read_workbook
from vivier.surveys.codecs.xlsform.verdict import pyxform_verdict

FORMAT = "xlsform"


def read_xlsform(data: bytes, filename: str) -> ImportResult:
    """Import an XLSForm file (.xlsx, .xlsm, .xls, or pyxform's .csv and .md notations)."""
    try:
        workbook = read_workbook(data, filename)
    except WorkbookError as exc:
        found = exc.diagnostic
        return result(None, [found.at(replace(found.location, file=filename))], FORMAT)
    except Exception as exc:  # a broken upload must never become a traceback
        return result(None, [_unreadable(filename, exc)], FORMAT)
    imported = import_workbook(workbook, filename, FORMAT)
    if imported.ok:
        refused = pyxform_verdict(data, filename, workbook)
        if refused is not None:
            return result(None, [*imported.diagnostics, refused], FORMAT)
    return imported


def import_workbook(
    workbook: Workbook,
    filename: str,
    source_format: str,
    *,
    title: str = "",
    slug: str = "",
    meta: Mapping[str, Any] | None = None,
) -> ImportResult:
    """Build a questionnaire from sheets already read (XLSForm files and KoboToolbox JSON)."""
    try:
        builder = Builder(workbook, filename, source_format, title, slug, meta or {})
        questionnaire = builder.build()
        return result(questionnaire, _in_file_order(builder.diagnostics, workbook), source_format)
    except Exception as exc:  # a broken upload must never become a traceback
        return result(None, [_unreadable(filename, exc)], source_format)


_PATH_INDEX = re.compile(r"^content\.(\w+)\[(\d+)\]")


def _in_file_order(diagnostics: list[Diagnostic], workbook: Workbook) -> list[Diagnostic]:
    """Sorted by sheet then row, as a person reads the file (the passes found them otherwise)."""
    order = {name.lower(): index for index, name in enumerate(workbook.sheet_names)}

    def key(diagnostic: Diagnostic) -> tuple[int, int]:
        location = diagnostic.location
        sheet, row = location.sheet.lower(), location.row
        found = _PATH_INDEX.match(location.path)
        if found:
            sheet, row = found.group(1), int(found.group(2))
        if not sheet:
            return (-1, -1)
        return (order.get(sheet, len(order)), -1 if row is None else row)

    return sorted(diagnostics, key=key)


def _unreadable(filename: str, exc: BaseException) -> Diagnostic:
    return problem(
        ProblemCode.FILE_UNREADABLE,
        Location(file=filename),
        detail=f"{type(exc).__name__}: {exc}",
        tool="XLSForm",
    )


__all__ = ["FORMAT", "import_workbook", "read_xlsform"]
