"""A small questionnaire and hand-written responses whose figures are worked out by hand."""

from __future__ import annotations

import copy
import datetime as dt
import functools
from typing import Any

from vivier.analysis import ResponseRecord
from vivier.surveys.schema import Choice, Question, Questionnaire, RatingScale, Section

T = dt.UTC


def choices(*values: str) -> tuple[Choice, ...]:
    return tuple(Choice(v, v.upper()) for v in values)


def questionnaire() -> Questionnaire:
    return Questionnaire(
        slug="petit",
        title="Petit",
        sections=(
            Section(
                "s1",
                "Profil",
                (
                    Question(
                        "q1",
                        "single_choice",
                        "Profil",
                        choices=choices("a", "b", "c"),
                        other=True,
                        number=1,
                    ),
                    Question("q2", "yes_no", "Oui ?", relevant="${q1} = 'a'", number=2),
                ),
            ),
            Section(
                "s2",
                "Pratique",
                (
                    Question(
                        "q3", "multiple_choice", "Besoins", choices=choices("x", "y", "z"), number=3
                    ),
                    Question(
                        "q4", "ranking", "Classement", choices=choices("r1", "r2", "r3"), number=4
                    ),
                    Question(
                        "q5",
                        "rating",
                        "Note",
                        scale=RatingScale(5, 1, {1: "Mal", 5: "Bien"}),
                        number=5,
                    ),
                    Question(
                        "q6",
                        "rating",
                        "Grille",
                        scale=RatingScale(3, 1, rows=choices("g1", "g2")),
                        number=6,
                    ),
                ),
                relevant="${q1} != 'c'",
            ),
            Section(
                "s3",
                "Divers",
                (
                    Question("q7", "integer", "Nombre", number=7),
                    Question("q8", "decimal", "Décimal", number=8),
                    Question("q9", "date", "Date", number=9),
                    Question("q10", "long_text", "Texte", number=10),
                    Question("q11", "departement", "Département", number=11),
                    Question("q12", "email", "Courriel", number=12),
                ),
            ),
        ),
    )


def record(
    n: int, answers: dict[str, Any], *, at: dt.datetime | None = None, channel: str | None = "A"
) -> ResponseRecord:
    when = at or dt.datetime(2020, 8, 1, 10, tzinfo=T) + dt.timedelta(days=n % 3)
    return ResponseRecord(f"r{n}", when, channel, "online", answers)


def records() -> list[ResponseRecord]:
    return [
        record(
            1,
            {
                "q1": "a",
                "q2": "yes",
                "q3": ["x", "y"],
                "q4": ["r2", "r1"],
                "q5": 4,
                "q6": {"g1": 1, "g2": 3},
                "q7": 3,
                "q8": 1.5,
                "q9": "2020-01-05",
                "q10": "Bien",
                "q11": "33",
                "q12": "a@b.fr",
            },
        ),
        record(
            2,
            {
                "q1": "a",
                "q2": "no",
                "q3": ["x"],
                "q4": ["r1"],
                "q5": 5,
                "q6": {"g1": 2},
                "q7": 5,
                "q11": "75",
            },
        ),
        record(
            3,
            {
                "q1": "b",
                "q2": "yes",
                "q3": ["x", "z"],
                "q5": 2,
                "q7": 10,
                "q10": "Bien",
                "q11": "2A",
            },
        ),
        record(4, {"q1": "c", "q3": ["y"], "q7": 1, "q9": "2020-03-01", "q10": "  "}),
        record(5, {"q1": "other", "q1_other": "Élu", "q3": []}),
        record(
            6,
            {"q1": "b", "q1_other": "ignored", "q3": ["z"], "q4": ["r1", "r3", "r2"]},
            channel=None,
        ),
        record(7, {}),
    ]


def hcts_demo_report() -> tuple[Questionnaire, dict[str, Any]]:
    """The HCTS questionnaire and the report of its 1,771 demo responses, without contacts.

    Built once per test process (three modules read it; each build takes seconds); each
    caller gets its own copy of the report, which it may change.
    """
    questionnaire, report = _hcts_demo_report()
    return questionnaire, copy.deepcopy(report)


@functools.cache
def _hcts_demo_report() -> tuple[Questionnaire, dict[str, Any]]:
    from vivier.analysis import build_report, build_table
    from vivier.demo.hcts_responses import generate
    from vivier.surveys.questionnaires import hcts_2020

    q = hcts_2020.build()
    personal = q.personal_keys()
    records = [
        ResponseRecord(
            r.key,
            r.submitted_at,
            r.channel,
            r.mode,
            {k: v for k, v in r.answers.items() if k not in personal},
        )
        for r in generate(q)
    ]
    return q, build_report(q, build_table(q, records), campaign="hcts-2020")
