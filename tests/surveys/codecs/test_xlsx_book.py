""".xlsx forms read by calamine give the book pyxform's openpyxl reader gives, or say why not.

The fast reader (``vivier.surveys.codecs.xlsform.xlsx_book``) must be a drop-in for
``pyxform.xls2json_backends.xlsx_to_dict``: the same sheets, headers, rows (empty ones kept
so that row numbers stay true), and the same text for numbers, booleans and dates. Where it
cannot be (an Excel error cell, a sheet calamine would allocate whole), the import falls
back to the streaming reader or warns, as the module says.
"""

from __future__ import annotations

import datetime
import io
import warnings
from typing import Any

import pytest
from pyxform.xls2json_backends import xlsx_to_dict

from tests import hostile_files as hostile
from tests.support import SHARED, shared_path
from tests.surveys.codecs.real_files import workbook
from vivier.surveys.codecs.importing import import_bytes
from vivier.surveys.codecs.xlsform import sheets as xlsform_sheets
from vivier.surveys.codecs.xlsform.sheets import read_workbook
from vivier.surveys.codecs.xlsform.xlsx_book import xlsx_to_book
from vivier.surveys.codecs.xlsform.xlsx_scan import DENSE_CELLS


def pyxform_book(data: bytes) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return xlsx_to_dict(io.BytesIO(data))


def _corpus_workbooks() -> list[Any]:
    found = sorted((SHARED / "corpora").rglob("*.xls[xm]")) if SHARED.exists() else []
    if not found:
        return [pytest.param(None, id="corpora-absent")]
    return [pytest.param(p, id=str(p.relative_to(SHARED / "corpora"))) for p in found]


@pytest.mark.parametrize("path", _corpus_workbooks())
def test_every_workbook_of_the_corpora_reads_as_pyxform_reads_it(path):
    if path is None:
        shared_path("corpora", "xlsform")  # skips, or fails under VIVIER_REQUIRE_SHARED=1
    data = path.read_bytes()
    assert xlsx_to_book(data) == pyxform_book(data)


TRICKY = [
    ["type", "name", "label", "default", "n", "", "  Hint  "],
    ["date", "d", "Date", datetime.datetime(2020, 1, 2, 0, 0), 1, None, "  espaces  "],
    ["time", "t", "Heure", datetime.time(10, 30), 1.5, None, "\u00a0insécable\u00a0"],
    ["integer", "i", True, datetime.date(2021, 3, 4), 10**15, None, None],
    [],
    ["text", "x", False, "   ", -0.0, None, "fin"],
]


@pytest.mark.parametrize(
    "sheets",
    [
        pytest.param([("survey", TRICKY)], id="types-blank-rows-padded-headers"),
        pytest.param([("Feuil1", TRICKY)], id="a-lone-sheet-is-the-survey"),
        pytest.param(
            [("notes", [["libre"]]), ("SURVEY", TRICKY), ("Choices", [["list_name", "name"]])],
            id="unknown-sheets-skipped-case-kept",
        ),
        pytest.param([("survey", [[None, None, "type"], [None, None, "text"]])], id="offset"),
        pytest.param([("survey", [])], id="empty-sheet"),
        pytest.param(
            [("survey", [["type", "name"], *([[None, None]] * 70), ["text", "late"]])],
            id="stops-after-a-run-of-empty-rows",
        ),
    ],
)
def test_tricky_workbooks_read_as_pyxform_reads_them(sheets):
    data = workbook(*sheets)
    assert xlsx_to_book(data) == pyxform_book(data)


def test_a_broken_archive_is_a_pyxform_error_and_the_import_says_unreadable():
    result = import_bytes(b"PK\x03\x04 not really a zip", "casse.xlsx")
    assert not result.ok
    assert result.errors[0].message("fr").startswith(("Classeur", "Fichier illisible"))


def test_an_excel_error_cell_is_named_in_a_warning():
    """openpyxl writes ``#N/A`` as an error cell (``t="e"``); calamine reads it as empty."""
    data = workbook(("survey", [["type", "name", "label"], ["text", "a", "#N/A"]]))
    assert pyxform_book(data)["survey"][0]["label"] == "#N/A"
    result = import_bytes(data, "erreur.xlsx")
    warned = [d for d in result.diagnostics if d.code == "XLSFORM_ERROR_CELLS"]
    assert len(warned) == 1, result.diagnostics
    assert warned[0].location.sheet == "survey"
    assert "C2" in warned[0].message("fr") and "survey" in warned[0].message("en")


def test_a_sparse_sheet_is_streamed_not_allocated_whole(monkeypatch):
    """One cell at ZZ200000: calamine would allocate 140 million cells (5 GB); the scan sees
    the extent and the streaming reader reads the file instead."""
    far = '<row r="200000"><c r="ZZ200000" t="inlineStr"><is><t>x</t></is></c></row>'
    data = hostile.xlsx_sheet([["type", "name", "label"], ["text", "a", "A"]], far)
    scan = xlsform_sheets._check_workbook(data)
    assert scan is not None and scan.dense_cells == 200_000 * 702 > DENSE_CELLS

    def no_calamine(data: bytes) -> dict[str, Any]:
        raise AssertionError("calamine must not read a sparse sheet")

    monkeypatch.setattr(xlsform_sheets, "xlsx_to_book", no_calamine)
    book = read_workbook(data, "clairseme.xlsx")
    survey = book.sheet("survey")
    assert survey is not None and survey.rows[0].cells == {
        "type": "text",
        "name": "a",
        "label": "A",
    }


def test_a_dense_form_goes_through_calamine(monkeypatch):
    calls: list[int] = []

    def counted(data: bytes) -> dict[str, Any]:
        calls.append(len(data))
        return xlsx_to_book(data)

    monkeypatch.setattr(xlsform_sheets, "xlsx_to_book", counted)
    rows = [["type", "name", "label"], *[["text", f"q{i}", f"Question {i}"] for i in range(50)]]
    book = read_workbook(workbook(("survey", rows)), "dense.xlsx")
    assert calls and len(book.sheet("survey").rows) == 50
