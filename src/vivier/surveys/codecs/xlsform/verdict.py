"""pyxform's own verdict on a form Vivier accepted: it is the reference for what XLSForm is."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vivier.problems import Diagnostic, Location, ProblemCode, problem
from vivier.surveys.codecs.xlsform.sheets import SURVEY, Workbook

_PYXFORM_ROW = re.compile(r"\[row\s*:\s*(\d+)\]")


def pyxform_verdict(data: bytes, filename: str, workbook: Workbook) -> Diagnostic | None:
    """pyxform's own refusal of the form, if any: it is the reference for what XLSForm is.

    Only its refusals count: a crash inside pyxform on a form we could read is its problem,
    not the person's.
    """
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import (
        DefinitionData,
        csv_to_dict,
        md_to_dict,
        xls_to_dict,
        xlsx_to_dict,
    )

    readers: dict[str, Callable[[bytes], dict[str, Any]]] = {
        ".xlsx": xlsx_to_dict,
        ".xlsm": xlsx_to_dict,
        ".xls": xls_to_dict,
        ".csv": csv_to_dict,
        ".md": md_to_dict,
    }
    reader = readers.get(Path(filename).suffix.lower())
    if reader is None:
        return None
    try:
        book = dict(workbook.pyxform_book) if workbook.pyxform_book is not None else reader(data)
        fields = set(DefinitionData.__slots__)
        definition = DefinitionData(**{k: v for k, v in book.items() if k in fields})
        workbook_to_json(definition, warnings=[])
    except PyXFormError as exc:
        message = str(exc).strip()
        row = None
        found = _PYXFORM_ROW.search(message)
        survey = workbook.sheet(SURVEY)
        if found and survey is not None:
            row = int(found.group(1))
            if Path(filename).suffix.lower() in {".csv", ".md"}:
                index = row - 2
                row = survey.rows[index].number if 0 <= index < len(survey.rows) else None
        return problem(
            ProblemCode.XLSFORM_INVALID,
            Location(file=filename, sheet=survey.title if survey and row else "", row=row),
            message=message,
        )
    except Exception:  # see the docstring
        return None
    return None
