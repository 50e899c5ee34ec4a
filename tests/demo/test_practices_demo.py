"""The demo registry: the report's 21 practices, complete enough for the catalogue and the map,
and written in Vivier's own words (no run of twelve words is copied from the report)."""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections.abc import Iterator
from functools import cache

import pytest

from tests.support import shared_path
from vivier.demo.practices import PRACTICES, SHEETS, SOURCE, load_sheets, practices
from vivier.sheets.schema import Sheet, TerritoryScope, from_dict, to_dict
from vivier.territories import DEPARTEMENT_CODES

REPORT = ("seed", "rapport-hcts-pratiques-emergentes.txt")
CODES = [f"{theme}{letter}" for theme, letters in zip("12345", ("ABCDE", "ABCD", "ABC",
         "ABC", "ABCDEF"), strict=True) for letter in letters]  # fmt: skip
RUN = 12


def normalize(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: how texts and the report are compared."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", bare).split())


def texts(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text of a sheet, with its path ("actors[2].name")."""
    if isinstance(value, str):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from texts(getattr(value, field.name), f"{path}.{field.name}".lstrip("."))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from texts(item, f"{path}[{index}]")


@cache
def report_runs() -> frozenset[tuple[str, ...]]:
    words = normalize(shared_path(*REPORT).read_text(encoding="utf-8")).split()
    return frozenset(tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1))


def test_twenty_one_sheets_in_the_report_order():
    assert CODES == ["1A", "1B", "1C", "1D", "1E", "2A", "2B", "2C", "2D", "3A", "3B", "3C",
                     "4A", "4B", "4C", "5A", "5B", "5C", "5D", "5E", "5F"]  # fmt: skip
    assert [sheet.code for sheet in practices()] == CODES
    assert practices() is PRACTICES


def test_titles_are_unique():
    titles = [normalize(sheet.title) for sheet in PRACTICES]
    assert len(set(titles)) == len(titles)


@pytest.mark.parametrize("sheet", PRACTICES, ids=lambda sheet: sheet.code)
def test_every_sheet_is_complete_enough_for_the_catalogue_and_the_map(sheet: Sheet):
    assert sheet.themes, "a theme"
    assert sheet.summary and sheet.description and sheet.objectives
    territory = sheet.territory
    if territory.scope is TerritoryScope.NATIONAL:
        assert all(code in DEPARTEMENT_CODES for code in territory.departements)
    else:
        assert territory.departements, "départements for the map"
        assert set(territory.departements) <= DEPARTEMENT_CODES
    for commune in territory.communes:
        assert commune.insee is None or commune.insee[:2] in territory.departements
    assert sheet.stage is not None and sheet.stage_history[-1].evidence
    assert sheet.status is not None
    assert 1 <= len(sheet.key_figures) <= 4
    assert all(figure.source == SOURCE for figure in sheet.key_figures)
    assert all(figure.value is not None or figure.qualifier for figure in sheet.key_figures)
    assert sheet.actors and sheet.publics and sheet.timeline
    assert sheet.timeline == tuple(sorted(sheet.timeline, key=lambda event: event.date))
    years = [change.date.year for change in sheet.stage_history if change.date]
    assert years == sorted(years)
    assert sheet.start_year is not None or sheet.code == "5C"  # the report gives no year


def test_sheet_5e_holds_its_two_practices():
    (sheet,) = (sheet for sheet in PRACTICES if sheet.code == "5E")
    assert len(sheet.practices) == 2


def test_the_gironde_family_group_conferences_are_in_33():
    (sheet,) = (sheet for sheet in PRACTICES if sheet.code == "1C")
    assert "Gironde" in sheet.title
    assert sheet.themes[0].value == "conferences_familiales"
    assert sheet.territory.departements == ("33",)
    assert sheet.start_year == 2016


@pytest.mark.parametrize("sheet", PRACTICES, ids=lambda sheet: sheet.code)
def test_round_trip_through_json_data(sheet: Sheet):
    assert from_dict(to_dict(sheet)) == sheet


@pytest.mark.parametrize("code", CODES)
def test_each_sheet_is_a_file_named_after_its_code_in_the_registry_format(code: str):
    data = json.loads(SHEETS.joinpath(f"{code}.json").read_text(encoding="utf-8"))
    # Every field, as the registry stores it: nothing in the file is lost or unknown.
    assert to_dict(from_dict(data)) == data
    assert data["code"] == code


def test_a_bad_sheet_file_is_named_with_the_path_of_its_bad_value(tmp_path):
    data = to_dict(PRACTICES[0])
    data["themes"] = ["conferences_familiale"]
    (tmp_path / "1A.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"^1A\.json: themes\[0\]: 'conferences_familiale'"):
        load_sheets(tmp_path)


def test_a_sheet_file_must_be_named_after_its_code(tmp_path):
    (tmp_path / "9Z.json").write_text(json.dumps(to_dict(PRACTICES[0])), encoding="utf-8")
    with pytest.raises(ValueError, match=r"^9Z\.json: the sheet's code is '1A'"):
        load_sheets(tmp_path)


@pytest.mark.parametrize("sheet", PRACTICES, ids=lambda sheet: sheet.code)
def test_no_run_of_twelve_words_is_copied_from_the_report(sheet: Sheet):
    runs = report_runs()
    copied = []
    for path, text in texts(sheet):
        words = normalize(text).split()
        for i in range(len(words) - RUN + 1):
            if tuple(words[i : i + RUN]) in runs:
                copied.append(f"{sheet.code} {path}: {' '.join(words[i : i + RUN])}")
                break
    assert copied == []
