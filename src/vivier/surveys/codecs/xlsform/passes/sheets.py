"""Reading the sheets: the survey sheet's presence, Excel error cells, header conflicts."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from vivier.problems import Location, ProblemCode, codes
from vivier.surveys.codecs.xlsform.passes.state import BuildState
from vivier.surveys.codecs.xlsform.sheets import Columns, Sheet, columns


def report_error_cells(state: BuildState) -> None:
    """Cells holding an Excel error (``#N/A``, ``#REF!``: a broken formula) read as empty;
    pyxform would have taken the error's text as a label or a name."""
    for title, found in state.workbook.error_cells.items():
        shown = ", ".join(found[:10]) + (" …" if len(found) > 10 else "")
        state.report(
            ProblemCode.XLSFORM_ERROR_CELLS,
            Location(file=state.filename, sheet=title),
            count=len(found),
            sheet=title,
            cells=shown,
        )


def empty_survey(state: BuildState, survey: Sheet) -> None:
    where = Location(file=state.filename)
    if state.workbook.located_by == "json":
        state.report(ProblemCode.XLSFORM_EMPTY_CONTENT, where)
    elif survey.name in {name.lower() for name in state.workbook.sheet_names}:
        state.report(ProblemCode.XLSFORM_EMPTY, where, sheet=survey.title)
    else:
        # pyxform reads the only sheet of a workbook as the survey, whatever its name.
        sheets = ", ".join(state.workbook.sheet_names) or codes.NONE_FOUND
        state.report(ProblemCode.XLSFORM_EMPTY_WORKBOOK, where, sheets=sheets)


def checked_columns(state: BuildState, sheet: Sheet, aliases: Mapping[str, str]) -> Columns:
    """A sheet's columns by their canonical names; two headers for one column are refused."""
    found = columns(sheet.headers, aliases)
    for first, second in found.conflicts:
        state.report(
            ProblemCode.XLSFORM_DUPLICATE_COLUMN,
            state.where(sheet, 1, second),
            first=first,
            second=second,
            sheet=sheet.title,
        )
    return found


def no_survey(state: BuildState) -> None:
    """No ``survey`` sheet: the form is refused, naming the sheets found and the closest one."""
    close = difflib.get_close_matches(
        "survey", [n.lower() for n in state.workbook.sheet_names], n=1
    )
    state.report(
        ProblemCode.XLSFORM_NO_SURVEY,
        Location(file=state.filename),
        sheets=", ".join(state.workbook.sheet_names) or codes.NONE_FOUND,
        hint=codes.DID_YOU_MEAN(name=close[0]) if close else "",
    )
