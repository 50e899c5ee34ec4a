"""The 21 practice sheets of the HCTS 2020 report, as demo data for the registry.

The sheets are data: one sheet JSON file per fiche in ``sheets/`` (``1A.json`` to
``5F.json``, the file named after the sheet's code), in the registry's own format
(:func:`vivier.sheets.schema.to_dict`: every field, closed lists as their slugs), read
through :func:`vivier.sheets.schema.from_dict`, which checks every value.

Each sheet restates, in words written for Vivier, one fiche of the report (1A to 5F): names
of practices, places, organisations, years and figures are the report's, the sentences are
not (a test checks that no run of twelve words of any text appears in the report). Sheets
stay short: enough for the catalogue, its facets and its map, not a copy of the fiches.

The report rarely says whether a practice is *naissante*, *renaissante* or *existante mais
confidentielle*: when it does not, the status chosen here is an estimate, tagged
``statut estimé`` and explained in ``sources``. Stage years are those of the event the
evidence names; "as described in 2021" stands for the state the fiche reports. Key figures
name their ``source`` (:data:`SOURCE`).

Pure core: no Django import.
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable

from vivier.sheets.schema import Sheet, from_dict

SOURCE = "Rapport HCTS 2020"
#: The folder of the sheet files, inside this package.
SHEETS = resources.files("vivier.demo").joinpath("sheets")


def load_sheets(folder: Traversable = SHEETS) -> tuple[Sheet, ...]:
    """Every ``*.json`` file of ``folder`` as a sheet, in the order of their names (the codes).

    A file that is not a valid sheet, or whose name is not its code, stops the load with its
    name and the path of the bad value: demo data is shipped, so this is a programming error.
    """
    sheets = []
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    for file in files:
        try:
            sheet = from_dict(json.loads(file.read_text(encoding="utf-8")))
        except ValueError as error:  # bad JSON, and bad values (SheetFormatError), alike
            raise ValueError(f"{file.name}: {error}") from error
        if f"{sheet.code}.json" != file.name:
            raise ValueError(f"{file.name}: the sheet's code is {sheet.code!r}")
        sheets.append(sheet)
    return tuple(sheets)


#: The report's 21 sheets, in its order (1A to 5F).
PRACTICES: tuple[Sheet, ...] = load_sheets()


def practices() -> tuple[Sheet, ...]:
    """The 21 demo sheets (codes "1A".."5F", in order)."""
    return PRACTICES


__all__ = ["PRACTICES", "SOURCE", "load_sheets", "practices"]
