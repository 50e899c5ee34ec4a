"""The published report of the demo campaign, as the command writes it, cannot be undone.

The JSON publication is attacked (every relation of every question, see
``tests/analysis/attack.py``); the CSV, XLSX and HTML publications must hide exactly the
figures the JSON hides, with the same mark.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook

from tests.analysis.attack import attack, report_system
from vivier.__main__ import main
from vivier.surveys.questionnaires import hcts_2020

pytestmark = pytest.mark.django_db
MARK = "s"


def _report(tmp_path, fmt: str, *extra: str) -> bytes:
    out = tmp_path / f"report-{fmt}-{len(extra)}.{fmt}"
    assert main(["report", "hcts-2020", "--format", fmt, "-o", str(out), *extra]) == 0
    return out.read_bytes()


@pytest.fixture
def published(tmp_path, demo) -> dict[str, Any]:
    """The JSON publication, the true figures, and the other formats' bytes."""
    return {
        "json": json.loads(_report(tmp_path, "json", "--publication")),
        "truth": json.loads(_report(tmp_path, "json")),
        **{fmt: _report(tmp_path, fmt, "--publication") for fmt in ("csv", "xlsx", "html")},
    }


def _options(figures: dict[str, Any]) -> list[tuple[str, Any]]:
    """(option value, count) of a question, grid rows flattened as the CSV writes them."""
    if figures.get("rows"):
        return [
            (f"{row['value']}={o['value']}", o["count"])
            for row in figures["rows"]
            for o in row["options"]
        ]
    options = [(str(o["value"]), o["count"]) for o in figures.get("options") or []]
    return options + [(f"region:{r['code']}", r["count"]) for r in figures.get("regions") or []]


def test_the_published_demo_report_cannot_be_undone(published):
    report, truth = published["json"], published["truth"]
    q = hcts_2020.build()
    assert attack(report_system(report, truth, q, 5), 5) == []
    hidden = [
        (f["name"], value)
        for f in report["questions"]
        for value, count in _options(f)
        if count is None
    ]
    # The four counts the previous publication gave back by subtraction stay hidden.
    assert {("q5", "yes"), ("q7", "yes"), ("q8", "mieux"), ("q30", "besoin_nouveau")} <= set(hidden)
    # And they took at least one complement each with them (never a lone hidden option).
    for name in ("q5", "q7", "q8", "q30"):
        assert sum(1 for n, _ in hidden if n == name) >= 2


def test_csv_and_xlsx_hide_the_same_figures_with_the_same_mark(published):
    report = published["json"]
    expected = {
        (f["name"], value): (MARK if count is None else count)
        for f in report["questions"]
        for value, count in _options(f)
    }
    rows = list(csv.DictReader(io.StringIO(published["csv"].decode("utf-8-sig"))))
    from_csv = {
        (r["name"], r["code"]): r["count"] for r in rows if r["part"] == "question" and r["code"]
    }
    assert {key: str(value) for key, value in expected.items() if key in from_csv} == from_csv
    assert len(from_csv) >= len(expected) - 1  # every option of every reported question
    days = [r["count"] for r in rows if r["part"] == "per_day"]
    assert days == [MARK if d["count"] is None else str(d["count"]) for d in report["per_day"]]

    sheet = load_workbook(io.BytesIO(published["xlsx"]))["Questions"]
    header = [c.value for c in sheet[1]]
    name, code, count = header.index("Nom"), header.index("Code"), header.index("Nombre")
    from_xlsx = {
        (row[name], row[code]): row[count]
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[code]
    }
    shared = [key for key in from_csv if key in from_xlsx]  # the workbook has no régions
    assert len(shared) > 250
    assert {key: from_xlsx[key] for key in shared} == {key: expected[key] for key in shared}


def test_html_hides_the_same_figures_with_the_same_mark(published):
    report = published["json"]
    page = lxml_html.fromstring(published["html"])
    tables = {
        t.findtext("caption").split(".")[0]: t
        for t in page.iter("table")
        if (t.findtext("caption") or "").startswith("Chiffres de la question")
    }
    checked = 0
    for f in report["questions"]:
        table = tables.get(f"Chiffres de la question Q{f['number']}")
        if table is None or f["type"] == "departement":
            continue
        body = [[c.text_content().strip() for c in tr] for tr in table.iter("tr")][1:]
        if f.get("rows"):
            cells = [
                (row["options"], line[1 : 1 + len(row["options"])])
                for row, line in zip(f["rows"], body, strict=True)
            ]
            pairs = [
                (o["count"], text)
                for options, texts in cells
                for o, text in zip(options, texts, strict=True)
            ]
        else:
            pairs = [(o["count"], line[1]) for o, line in zip(f["options"], body, strict=True)]
        for count, text in pairs:
            assert (text == MARK) == (count is None), (f["name"], count, text)
            checked += 1
    assert checked > 150  # every option of every question but the départements
    assert MARK in [td.text_content().strip() for td in page.iter("td")]
    assert "Secret statistique (« s »)" in published["html"].decode()
