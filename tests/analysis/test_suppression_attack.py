"""Published figures cannot be undone: the subtraction attack recovers no hidden count.

``attack.py`` plays a reader who has only the publication and the questionnaire and solves
every linear relation it knows. It is run on every question of the demo campaign, on random
campaigns (random sizes, questionnaires, k) and on random cross-tabs; the pure suppression
core is checked for its own rules on random tables. The attacker is first shown to undo
primary suppression (the previous behaviour), so that its silence later means something.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.analysis import support
from tests.analysis.attack import attack, cells_system, crosstab_system, report_system
from vivier.analysis import ResponseRecord, build_report, build_table, crosstab, suppress
from vivier.analysis.complementary import Cells, protect
from vivier.analysis.suppression import suppress_crosstab
from vivier.surveys.questionnaires import hcts_2020
from vivier.surveys.sampling import random_answers
from vivier.surveys.schema import Questionnaire

CHANNELS = ("UNCCAS", "ANAS", "FAS", None)
MODES = ("online", "online", "online", "assisted", "proxy")


@pytest.fixture(scope="module")
def hcts() -> tuple[Questionnaire, dict[str, Any]]:
    return support.hcts_demo_report()


def primary_only(report: dict[str, Any], k: int) -> dict[str, Any]:
    """What publications did before: counts 1..k-1 hidden, nothing else."""
    published = copy.deepcopy(report)

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if isinstance(node.get("count"), int) and 0 < node["count"] < k:
                node["count"] = node["percent"] = None
            for value in node.values():
                walk(value)

    walk(published)
    return published


def random_campaign(q: Questionnaire, seed: int, size: int) -> dict[str, Any]:
    rng = random.Random(seed)
    personal = q.personal_keys()
    start = dt.datetime(2020, 8, 24, 9, tzinfo=dt.UTC)
    records = []
    for i in range(size):
        answers = random_answers(q, rng, skip_optional=rng.choice((0.0, 0.1, 0.5)))
        records.append(
            ResponseRecord(
                f"r{i}",
                start + dt.timedelta(hours=rng.randint(0, 24 * 12)),
                rng.choice(CHANNELS),
                rng.choice(MODES),
                {k: v for k, v in answers.items() if k not in personal},
            )
        )
    return build_report(q, build_table(q, records), campaign="random")


def test_the_attacker_undoes_primary_suppression(hcts):
    q, report = hcts
    findings = attack(report_system(primary_only(report, 5), report, q, 5), 5)
    recovered = {f.key: f.true for f in findings if f.what == "recovered"}
    # The four cells of the issue: hidden, and given back exactly by subtraction.
    assert recovered == {
        ("option", "q5", "yes"): 2,
        ("option", "q7", "yes"): 2,
        ("option", "q8", "mieux"): 2,
        ("option", "q30", "besoin_nouveau"): 1,
    }
    assert any(f.what == "hidden part below k" for f in findings)


def test_no_count_of_the_demo_campaign_can_be_recovered(hcts):
    q, report = hcts
    published = suppress(report, 5, questionnaire=q)
    assert attack(report_system(published, report, q, 5), 5) == []
    # Every question of the demo was looked at, and some had something to hide.
    hidden = [f["name"] for f in published["questions"] if _hides_something(f)]
    assert {"q5", "q7", "q8", "q30"} <= set(hidden)


def _hides_something(node: Any) -> bool:
    if isinstance(node, dict):
        return bool(node.get("suppressed")) or any(_hides_something(v) for v in node.values())
    if isinstance(node, list):
        return any(_hides_something(v) for v in node)
    return False


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**6), size=st.integers(1, 90), k=st.sampled_from((3, 5, 10)))
def test_no_count_of_a_random_campaign_can_be_recovered(seed, size, k):
    """Every question type, sizes from 1 response: sums, orders, percents, means."""
    q = support.questionnaire()
    report = random_campaign(q, seed, size)
    published = suppress(report, k, questionnaire=q)
    assert attack(report_system(published, report, q, k), k) == []


@pytest.mark.parametrize("size", [1, 3, 8, 20, 60, 200])
@pytest.mark.parametrize("k", [3, 5])
def test_no_sum_gives_back_a_count_of_a_random_hcts_campaign(size, k):
    """The HCTS questionnaire's chains of conditions, on random answers of any size: no
    hidden count comes back from sums (options, régions, days, channels, modes, funnel,
    conditions), repeated figures, percents or means."""
    q = hcts_2020.build()
    report = random_campaign(q, size * 31 + k, size)
    published = suppress(report, k, questionnaire=q)
    assert attack(report_system(published, report, q, k), k, orders=False) == []


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("size", [40, 120])
def test_no_count_of_a_random_hcts_campaign_can_be_recovered(seed, size):
    """The same with "at most" orders too (answered <= shown...), from a few dozen
    responses (see ``complementary``: below, follow-up chains may still narrow a count)."""
    q = hcts_2020.build()
    report = random_campaign(q, seed, size)
    published = suppress(report, 5, questionnaire=q)
    assert attack(report_system(published, report, q, 5), 5) == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 12), min_size=2, max_size=6), min_size=2, max_size=6),
    st.sampled_from((3, 5)),
)
def test_no_cell_of_a_random_crosstab_can_be_recovered(rows, k):
    width = min(len(r) for r in rows)
    table = {
        "rows": {
            "name": "r",
            "options": [{"value": f"r{i}", "label": ""} for i in range(len(rows))],
        },
        "columns": {
            "name": "c",
            "options": [{"value": f"c{j}", "label": ""} for j in range(width)],
        },
        "cells": [
            {
                "row": f"r{i}",
                "total": sum(row[:width]),
                "counts": [
                    {
                        "column": f"c{j}",
                        "count": n,
                        "percent": round(100 * n / sum(row[:width]), 1)
                        if sum(row[:width])
                        else None,
                    }
                    for j, n in enumerate(row[:width])
                ],
            }
            for i, row in enumerate(rows)
        ],
    }
    truth = suppress_crosstab(table, 1)  # k = 1 hides nothing: the true figures, with margins
    published = suppress_crosstab(table, k)
    assert attack(crosstab_system(published, truth), k) == []


def test_a_crosstab_of_a_campaign_is_protected_too():
    q = support.questionnaire()
    rng = random.Random(7)
    records = [
        ResponseRecord(
            f"r{i}", dt.datetime(2020, 8, 1, tzinfo=dt.UTC), None, "online", random_answers(q, rng)
        )
        for i in range(40)
    ]
    table = crosstab(build_table(q, records), "q1", "q11")  # profile by département
    truth, published = suppress_crosstab(table, 1), suppress(table, 5)
    assert published["suppression"] == {"k": 5}
    assert any(c["count"] is None for row in published["cells"] for c in row["counts"])
    assert attack(crosstab_system(published, truth), 5) == []


# -- The pure core on its own -------------------------------------------------------------------


@st.composite
def hierarchies(draw: st.DrawFn) -> tuple[Cells, int]:
    """A national total, régions, départements (the shape of the map), random counts."""
    cells = Cells()
    regions = []
    for _ in range(draw(st.integers(1, 5))):
        counts = draw(st.lists(st.integers(0, 15), min_size=1, max_size=6))
        depts = [cells.add(n) for n in counts]
        region = cells.add(sum(counts))
        cells.relate(region, depts)
        regions.append(region)
    national = cells.add(sum(cells.values[r] for r in regions))
    cells.relate(national, regions)
    return cells, draw(st.sampled_from((2, 3, 5, 10)))


@settings(max_examples=200, deadline=None)
@given(hierarchies())
def test_protect_keeps_its_rules_on_random_hierarchies(drawn):
    cells, k = drawn
    hidden = protect(cells, k)
    values = cells.values
    assert protect(cells, k) == hidden  # deterministic
    assert all(i in hidden for i, v in enumerate(values) if 0 < v < k)  # primary
    for total, members in cells.relations:
        group = [total, *members]
        count = sum(c in hidden for c in group)
        assert count != 1, "a relation with one hidden cell gives it back"
        if 0 < values[total] < k:
            assert set(group) <= hidden, "a small group is hidden whole"
        elif total not in hidden and count:
            assert sum(values[m] for m in members if m in hidden) >= k
        # Zeros are hidden only inside a group whose total is hidden.
        for m in members:
            if m in hidden and values[m] == 0:
                assert any(t in hidden for t, ms in cells.relations if m in ms)
    assert attack(cells_system(values, cells.relations, hidden), k) == []


def test_protect_refuses_nonsense():
    cells = Cells()
    a, b = cells.add(2), cells.add(3)
    with pytest.raises(ValueError):
        cells.relate(cells.add(6), [a, b])
    with pytest.raises(ValueError):
        cells.add(-1)
    with pytest.raises(ValueError):
        protect(cells, 0)


def test_one_hidden_option_takes_the_next_smallest_with_it():
    cells = Cells()
    options = [cells.add(n) for n in (40, 3, 12, 9, 0)]
    total = cells.add(64)
    cells.relate(total, options)
    # 3 is small; 9 is the smallest other non-zero option; 3 + 9 >= 5: enough.
    assert protect(cells, 5) == {options[1], options[3]}


def test_a_hidden_sum_known_to_be_small_is_widened():
    cells = Cells()
    options = [cells.add(n) for n in (1, 1, 30, 50)]
    total = cells.add(82)
    cells.relate(total, options)
    # 1 and 1 hidden together would add up to 2 (< 5), each then known to be 1.
    assert protect(cells, 5) == {options[0], options[1], options[2]}
