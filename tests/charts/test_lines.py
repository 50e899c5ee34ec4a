"""The indicator chart: values against targets and the baseline, placed by period, accessible,
and drawn with the caller's words only."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from tests.charts.test_charts import check_accessible
from vivier.charts.lines import LinePoint, LineWording, line_chart
from vivier.evaluation import chart_words

SVG = "{http://www.w3.org/2000/svg}"
FR = chart_words.line_wording("fr")
EN = chart_words.line_wording("en")

POINTS = [
    LinePoint("2023", 100.0, None),
    LinePoint("2024", 110.0, 120.0),
    LinePoint("2025", None, 150.0),
    LinePoint("2026", 160.0, 160.0),
]


def marks(root: ET.Element, kind: str) -> list[ET.Element]:
    return [e for e in root.iter() if e.get("class") == kind]


def y_of(mark: ET.Element) -> float:
    if mark.tag == f"{SVG}circle":
        return float(mark.get("cy", "nan"))
    return float(mark.get("y", "nan")) + float(mark.get("height", "0")) / 2


def test_the_chart_is_accessible_and_says_every_figure():
    svg = line_chart(
        POINTS, title="Personnes accompagnées", words=FR, unit="personnes", baseline=(90, 2022)
    )
    root = check_accessible(svg)
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert desc.text == (
        "Valeurs approuvées : 2023 : 100\xa0personnes, 2024 : 110\xa0personnes, "
        "2026 : 160\xa0personnes ; cibles : 2024 : 120\xa0personnes, 2025 : 150\xa0personnes, "
        "2026 : 160\xa0personnes ; situation de départ : 90\xa0personnes en 2022."
    )
    assert 'lang="fr"' in svg


def test_points_are_placed_by_period_and_by_value():
    root = ET.fromstring(line_chart(POINTS, title="t", words=FR))
    values = marks(root, "value")
    targets = marks(root, "target")
    assert len(values) == 3 and len(targets) == 3
    xs = [float(v.get("cx", "nan")) for v in values]
    # 2023, 2024 and 2026: the missing 2025 leaves a slot, not a shifted point.
    assert xs[1] - xs[0] == pytest.approx((xs[2] - xs[1]) / 2)
    # Higher values are higher on the page (smaller y), in proportion from 0.
    ys = [y_of(v) for v in values]
    assert ys[2] < ys[1] < ys[0]
    base = max(float(line.get("y1", "0")) for line in root.iter(f"{SVG}line"))
    assert (base - ys[0]) / (base - ys[2]) == pytest.approx(100 / 160, rel=1e-3)
    # The 2026 value meets its target.
    assert y_of(values[2]) == pytest.approx(y_of(targets[2]))


def test_a_missing_value_breaks_the_line():
    root = ET.fromstring(line_chart(POINTS, title="t", words=FR))
    lines = [
        p
        for p in root.iter(f"{SVG}polyline")
        if p.get("stroke") == "#000091" and " " in (p.get("points") or "")
    ]
    # The legend's sample, and one run for 2023-2024; 2026 stands alone.
    runs = [p.get("points", "").count(",") for p in lines]
    assert sorted(runs) == [2, 2]


def test_values_targets_and_baseline_differ_by_more_than_colour():
    root = ET.fromstring(line_chart(POINTS, title="t", words=FR, baseline=(90, 2022)))
    dashes = {
        p.get("stroke-dasharray")
        for p in root.iter()
        if p.tag in (f"{SVG}polyline", f"{SVG}line") and p.get("stroke-dasharray")
    }
    assert len(dashes) == 2  # targets dashed, baseline dotted; values solid
    assert marks(root, "value")[0].tag == f"{SVG}circle"
    assert marks(root, "target")[0].tag == f"{SVG}rect"
    assert len(marks(root, "baseline")) == 1
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Situation de départ (2022)" in texts and "Cibles" in texts


def test_english_words_and_numbers():
    svg = line_chart(
        [LinePoint("2024", 1250.5, 1300)], title="t", words=EN, unit="people", decimals=1
    )
    assert "Approved values: 2024: 1,250.5\xa0people" in svg
    assert 'lang="en"' in svg


def test_an_empty_chart_says_so():
    svg = line_chart([], title="t", words=FR)
    root = check_accessible(svg)
    assert [t.text for t in root.iter(f"{SVG}text")] == ["Aucune donnée"]
    assert root.find(f"{SVG}desc").text == "Aucune valeur approuvée."


def test_every_word_comes_from_the_caller():
    words = LineWording(
        lang="x",
        number=lambda value, decimals: f"<{value:.{decimals}f}>",
        no_data="NODATA",
        values_legend="VALUES",
        targets_legend="TARGETS",
        baseline_legend="BASE{year}",
        value_of="{period}={value}",
        target_of="{period}~{value}",
        values_said="V[{items}]",
        no_values_said="NOVALUES",
        targets_said="T[{items}]",
        baseline_said="B[{value}/{year}]",
        clauses="|",
        items="+",
    )
    svg = line_chart(POINTS, title="t", words=words, baseline=(90, 2022))
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}desc").text == (
        "V[2023=<100>+2024=<110>+2026=<160>]|T[2024=<120>+2025=<150>+2026=<160>]|B[<90>/2022]."
    )
    texts = {t.text for t in root.iter(f"{SVG}text")}
    assert {"VALUES", "TARGETS", "BASE2022"} <= texts
    titles = {t.text for t in root.iter(f"{SVG}title")}
    assert "2024~<120>" in titles and "2024=<110>" in titles


def test_user_text_is_escaped():
    svg = line_chart([LinePoint("<b>", 1.0, None)], title='<i>&"', words=FR)
    root = check_accessible(svg)
    assert "<b>" not in svg and "<i>" not in svg
    assert root.find(f"{SVG}title").text == '<i>&"'


def test_many_periods_are_labelled_without_overlap_and_ticks_fit_small_steps():
    points = [LinePoint(f"2024-{m:02d}", m / 12, None) for m in range(1, 13)] * 3
    root = ET.fromstring(line_chart(points, title="t", words=FR, decimals=1))
    labels = [t for t in root.iter(f"{SVG}text") if (t.text or "").startswith("2024-")]
    assert 0 < len(labels) < len(points)
    xs = [float(t.get("x", "nan")) for t in labels]
    assert min(b - a for a, b in itertools.pairwise(xs)) > 7 * 12 * 0.64
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert "0,25" in ticks and len(set(ticks)) == len(ticks)
