"""The table: relevance, Paris days, filters, cross-tab, Parquet, appends, suppression."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from tests.analysis.support import questionnaire, record, records
from vivier.analysis import AnswerTable, build_report, build_table, crosstab, percent, suppress
from vivier.analysis.columns import shown_column
from vivier.surveys import flow
from vivier.surveys.questionnaires import hcts_2020
from vivier.surveys.sampling import random_answers


def test_percent_rounds_half_away_from_zero():
    assert percent(1, 8) == 12.5
    assert percent(1, 16) == 6.3  # 6.25: round() would give 6.2
    assert percent(1, 2000) == 0.1  # 0.05
    assert (percent(1, 3), percent(2, 3)) == (33.3, 66.7)
    assert percent(0, 0) is None


def test_days_are_counted_in_paris():
    q = questionnaire()
    late = dt.datetime(2020, 8, 24, 23, 30, tzinfo=dt.UTC)  # 01:30 on the 25th in Paris
    before = dt.datetime(2020, 8, 24, 21, 59, tzinfo=dt.UTC)  # 23:59 on the 24th
    table = build_table(
        q, [record(1, {}, at=late), record(2, {}, at=before), record(3, {}, at=late)]
    )
    report = build_report(q, table, campaign="c")
    assert report["per_day"] == [
        {"date": "2020-08-24", "count": 1},
        {"date": "2020-08-25", "count": 2},
    ]
    assert report["peak"] == {"date": "2020-08-25", "count": 2}


def test_naive_datetimes_are_refused():
    q = questionnaire()
    with pytest.raises(ValueError, match="aware"):
        build_table(q, [record(1, {}, at=dt.datetime(2020, 8, 24))])


def test_filters():
    q = questionnaire()
    table = build_table(q, records())
    assert len(table.filter({"q1": ["a", "b"]})) == 4
    assert len(table.filter({"q3": ["z"]})) == 2  # any of the ticked values
    both = table.filter({"q1": ["b"], "q3": ["z", "y"]})
    assert sorted(both.frame["_key"]) == ["r3", "r6"]
    assert build_report(q, both, campaign="c")["responses"] == 2
    with pytest.raises(ValueError):
        table.filter({"q10": ["Bien"]})


def test_crosstab_counts_and_row_percents():
    q = questionnaire()
    table = build_table(q, records())
    cells = {row["row"]: row for row in crosstab(table, "q1", "q3")["cells"]}
    a = {c["column"]: (c["count"], c["percent"]) for c in cells["a"]["counts"]}
    assert (cells["a"]["total"], a) == (2, {"x": (2, 100.0), "y": (1, 50.0), "z": (0, 0.0)})
    b = {c["column"]: (c["count"], c["percent"]) for c in cells["b"]["counts"]}
    assert (cells["b"]["total"], b) == (2, {"x": (1, 50.0), "y": (0, 0.0), "z": (2, 100.0)})
    assert cells["c"]["total"] == 0 and cells["c"]["counts"][0]["percent"] is None


def test_suppression():
    q = questionnaire()
    report = build_report(q, build_table(q, records()), campaign="c")
    published = suppress(report, k=2)
    q1 = next(e for e in published["questions"] if e["name"] == "q1")
    options = {o["value"]: o for o in q1["options"]}
    assert options["c"] == {
        "value": "c",
        "label": "C",
        "count": None,
        "percent": None,
        "suppressed": True,
        "suppressed_keys": ["count", "percent"],
    }
    # "c" and "other" (1 each) alone would add up to 2, each then known to be 1: "a" (the
    # first of the smallest others) is hidden with them; "b" stays.
    assert options["a"]["count"] is None and options["a"]["suppressed"]
    assert options["b"]["count"] == 2 and "suppressed" not in options["b"]
    assert q1["other_texts"] is None and q1["texts_withheld"]
    q2 = next(e for e in published["questions"] if e["name"] == "q2")
    assert {o["value"]: o["count"] for o in q2["options"]}["dont_know"] == 0  # zeros stay
    assert published["suppression"] == {"k": 2}
    assert report["questions"][0]["options"][2]["count"] == 1  # the original is untouched
    q5 = next(e for e in suppress(report)["questions"] if e["name"] == "q5")
    assert q5["mean"] is None and q5["median"] is None  # 3 answers < k = 5


def test_parquet_round_trip(tmp_path):
    q = questionnaire()
    table = build_table(q, records())
    path = tmp_path / "petit.parquet"
    table.write_parquet(path)
    again = AnswerTable.read_parquet(q, path)
    assert again.frame.equals(table.frame)
    assert build_report(q, again, campaign="c") == build_report(q, table, campaign="c")


def test_append_equals_rebuild():
    q = questionnaire()
    everything = records()
    table = build_table(q, everything[:3])
    build_report(q, table, campaign="c")  # caches the summary of the first rows
    table.append(everything[3:5]).append([]).append(everything[5:])
    rebuilt = build_table(q, everything)
    assert table.frame.equals(rebuilt.frame)
    assert build_report(q, table, campaign="c") == build_report(q, rebuilt, campaign="c")


def test_shown_flags_match_the_flow_engine():
    q = hcts_2020.build()
    rng = random.Random(7)
    answers = [random_answers(q, rng) for _ in range(60)]
    answers += [{}, {"q1": "travailleur_social", "q14": "yes", "q23": "besoin_terrain"}]
    when = dt.datetime(2020, 8, 24, tzinfo=dt.UTC)
    table = build_table(q, [record(i, a, at=when) for i, a in enumerate(answers)])
    frame = table.frame
    for i, a in enumerate(answers):
        relevant = flow.path(q, a).relevant
        for question in q.questions():
            assert frame[shown_column(question.name)][i] == (question.name in relevant)


def test_many_small_appends():
    q = questionnaire()
    everything = records() * 6
    table = build_table(q, everything[:1])
    for one in everything[1:]:
        table.append([one])
        build_report(q, table, campaign="c")
    rebuilt = build_table(q, everything)
    assert build_report(q, table, campaign="c") == build_report(q, rebuilt, campaign="c")
