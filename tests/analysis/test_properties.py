"""The engine's counts against a naive count, on random data."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.analysis.support import questionnaire, record
from vivier.analysis import build_report, build_table, percent

VALUES = st.sampled_from(["a", "b", "c", "other", "", "  ", "inconnu"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), VALUES), max_size=60), st.integers(1, 5))
def test_single_choice_counts_match_a_naive_count(values, split):
    q = questionnaire()
    recs = [
        record(i, {} if v is None else {"q1": v}, at=dt.datetime(2020, 8, 1, tzinfo=dt.UTC))
        for i, v in enumerate(values)
    ]
    # Built in two steps, to exercise the incremental summary as well.
    table = build_table(q, recs[:split])
    build_report(q, table, campaign="p")
    report = build_report(q, table.append(recs[split:]), campaign="p")
    q1 = report["questions"][0]
    naive = Counter(v for v in values if v is not None and v.strip())
    answered = sum(naive.values())
    assert q1["answered"] == answered
    got = {o["value"]: (o["count"], o["percent"]) for o in q1["options"]}
    for value in ("a", "b", "c", "other", *naive):
        assert got[value] == (naive[value], percent(naive[value], answered))
    assert sum(o["count"] for o in q1["options"]) == answered
