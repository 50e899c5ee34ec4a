"""The spreadsheet-injection guard: one definition, used by every export."""

from __future__ import annotations

from pathlib import Path

import pytest

from vivier.text.spreadsheet import FORMULA_PREFIXES, defuse_formula, looks_like_formula

SRC = Path(__file__).resolve().parents[2] / "src" / "vivier"


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://evil.example","clic")',
        "+33 6 12 34 56 78",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "=",
    ],
)
def test_what_a_spreadsheet_would_run_is_defused_and_still_readable(value):
    assert looks_like_formula(value)
    assert defuse_formula(value) == "'" + value


@pytest.mark.parametrize(
    "value", ["", "Oui", "59 %", " =1+1", "1=1", "'=déjà texte", "«=»", "Élodie"]
)
def test_plain_text_is_left_alone(value):
    assert not looks_like_formula(value)
    assert defuse_formula(value) == value


def test_defusing_twice_changes_nothing_more():
    once = defuse_formula("=1+1")
    assert defuse_formula(once) == once


def test_the_prefixes_are_owasps_with_tab_and_carriage_return():
    assert set(FORMULA_PREFIXES) == {"=", "+", "-", "@", "\t", "\r"}


def test_no_export_keeps_a_guard_of_its_own():
    """The exports (campaign CSV/XLSX, report CSV/XLSX, open data) all import this guard:
    a second list of prefixes would be a second place to forget a fix."""
    own = [
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if "FORMULA_PREFIXES =" in path.read_text(encoding="utf-8")
        or "def neutralize(" in path.read_text(encoding="utf-8")
    ]
    assert own == []
    users = {
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if "vivier.text.spreadsheet import" in path.read_text(encoding="utf-8")
    }
    assert {
        "campaigns/exports.py",
        "reports/views.py",
        "reports/documents/csv_table.py",
        "reports/documents/xlsx.py",
        "practices/opendata.py",
    } <= users
