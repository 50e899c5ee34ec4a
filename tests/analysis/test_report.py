"""Figures of a small campaign, worked out by hand in ``support.records``."""

from __future__ import annotations

import json

import pytest

from tests.analysis.support import questionnaire, records
from vivier.analysis import REPORT_KEYS, build_report, build_table


@pytest.fixture(scope="module")
def report():
    q = questionnaire()
    return build_report(q, build_table(q, records()), campaign="petit")


def by_name(report, name):
    return next(entry for entry in report["questions"] if entry["name"] == name)


def counts(entry):
    return {o["value"]: (o["count"], o["percent"]) for o in entry["options"]}


def test_keys_and_json(report):
    assert tuple(report) == REPORT_KEYS
    assert json.loads(json.dumps(report)) == report
    assert report["campaign"] == "petit"
    assert report["responses"] == 7


def test_single_choice_with_other(report):
    q1 = by_name(report, "q1")
    assert (q1["shown"], q1["answered"]) == (7, 6)  # r7 answered nothing
    assert counts(q1) == {"a": (2, 33.3), "b": (2, 33.3), "c": (1, 16.7), "other": (1, 16.7)}
    # r6's text goes with "b", not "other": it is not an "Autre" text.
    assert q1["other_texts"] == [{"text": "Élu", "count": 1}]


def test_shown_versus_answered_with_branching(report):
    q2 = by_name(report, "q2")
    # Only q1 = a sees q2; r3's "yes" to a hidden question is not counted.
    assert (q2["shown"], q2["answered"]) == (2, 2)
    assert counts(q2) == {"yes": (1, 50.0), "no": (1, 50.0), "dont_know": (0, 0.0)}


def test_multiple_choice_shares_exceed_100(report):
    q3 = by_name(report, "q3")
    # Section s2 is hidden for q1 = c only (an unanswered q1 is '' which is != 'c').
    assert (q3["shown"], q3["answered"]) == (6, 4)  # r5 ticked nothing
    assert counts(q3) == {"x": (3, 75.0), "y": (1, 25.0), "z": (2, 50.0)}
    assert sum(o["percent"] for o in q3["options"]) == 150.0


def test_ranking(report):
    q4 = by_name(report, "q4")
    assert q4["answered"] == 3
    ranks = {o["value"]: (o["count"], o["mean_rank"], o["first"]) for o in q4["options"]}
    assert ranks == {"r1": (3, 1.33, 2), "r2": (2, 2.0, 1), "r3": (1, 2.0, 0)}


def test_rating_and_grid(report):
    q5 = by_name(report, "q5")
    assert (q5["answered"], q5["mean"], q5["median"]) == (3, 3.67, 4)
    assert [(o["label"], o["count"]) for o in q5["options"]] == [
        ("Mal", 0),
        ("2", 1),
        ("3", 0),
        ("4", 1),
        ("Bien", 1),
    ]
    q6 = by_name(report, "q6")
    assert q6["answered"] == 2
    rows = {row["value"]: (row["answered"], row["mean"], row["median"]) for row in q6["rows"]}
    assert rows == {"g1": (2, 1.5, 1.5), "g2": (1, 3.0, 3)}


def test_numbers_dates_texts(report):
    q7 = by_name(report, "q7")
    assert {k: q7[k] for k in ("count", "mean", "median", "min", "max")} == {
        "count": 4,
        "mean": 4.75,
        "median": 4,
        "min": 1,
        "max": 10,
    }
    q8 = by_name(report, "q8")
    assert (q8["count"], q8["mean"], q8["median"]) == (1, 1.5, 1.5)
    q9 = by_name(report, "q9")
    assert (q9["count"], q9["min"], q9["max"]) == (2, "2020-01-05", "2020-03-01")
    q10 = by_name(report, "q10")
    assert (q10["answered"], q10["texts"]) == (2, [{"text": "Bien", "count": 2}])  # blank dropped


def test_departements_and_regions(report):
    q11 = by_name(report, "q11")
    found = {o["value"]: o["count"] for o in q11["options"] if o["count"]}
    assert found == {"2A": 1, "33": 1, "75": 1}
    assert len(q11["options"]) == 101
    regions = {r["code"]: (r["count"], r["percent"]) for r in q11["regions"] if r["count"]}
    assert regions == {"11": (1, 33.3), "75": (1, 33.3), "94": (1, 33.3)}


def test_personal_data_is_not_read(report):
    q12 = by_name(report, "q12")
    assert (q12["shown"], q12["answered"], q12["options"]) == (7, None, [])


def test_funnel(report):
    sections = {s["section"]: (s["reached"], s["stopped"]) for s in report["funnel"]}
    assert sections == {"s1": (7, 1), "s2": (6, 1), "s3": (7, 4)}
    stopped = {
        q["name"]: q["stopped"] for s in report["funnel"] for q in s["questions"] if q["stopped"]
    }
    # r1-r3 stop at q11; r4 at q9 (its q10 is blank); r5 at q1; r6 at q4; r7 answered nothing.
    assert stopped == {"q11": 3, "q9": 1, "q1": 1, "q4": 1}


def test_per_day_channel_mode(report):
    assert report["per_day"] == [
        {"date": "2020-08-01", "count": 2},
        {"date": "2020-08-02", "count": 3},
        {"date": "2020-08-03", "count": 2},
    ]
    assert report["peak"] == {"date": "2020-08-02", "count": 3}
    assert report["per_channel"] == [
        {"channel": "A", "count": 6, "percent": 85.7},
        {"channel": None, "count": 1, "percent": 14.3},
    ]
    assert report["per_mode"][0] == {"mode": "online", "count": 7, "percent": 100.0}


def test_empty_table():
    q = questionnaire()
    report = build_report(q, build_table(q, []), campaign="vide")
    assert (report["responses"], report["per_day"], report["peak"]) == (0, [], None)
    assert by_name(report, "q1")["options"][0] == {
        "value": "a",
        "label": "A",
        "count": 0,
        "percent": None,
    }
