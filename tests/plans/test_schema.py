"""The plan as data: JSON round trip, errors naming their path, definitions numbered."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from vivier.plans.periods import Frequency
from vivier.plans.schema import (
    Baseline,
    Direction,
    EvaluativeQuestion,
    ExpectedResult,
    Group,
    Indicator,
    IndicatorKind,
    Milestone,
    Mode,
    ParticipationCell,
    Plan,
    PlanFormatError,
    Step,
    Target,
    from_dict,
    revise,
    revise_known,
    to_dict,
)

RATE = Indicator(
    key="retours",
    title="Taux de retour",
    unit="%",
    decimals=1,
    baseline=Baseline(42.5, 2023),
    direction=Direction.INCREASE,
    targets=(Target("2025", 50.0), Target("2026-T2", 55.0)),
    numerator="familles revenues",
    denominator="familles venues",
    frequency=Frequency.QUARTERLY,
    proposed_by=Group.PERSONS_CONCERNED,
    questions=("ecoute",),
    disaggregations=("public",),
)
FULL = Plan(
    purpose="Savoir si les parents se sentent soutenus",
    start="2025-09-15",
    questions=(EvaluativeQuestion("ecoute", "Sont-ils écoutés ?", Group.FUNDERS),),
    results=(ExpectedResult("moins_seuls", "Moins seuls"),),
    indicators=(RATE, Indicator("recits", "Récits", kind=IndicatorKind.QUALITATIVE)),
    milestones=(Milestone("demarrage", "démarrage"), Milestone("annuel", "annuel", 12)),
    participation=(ParticipationCell(Step.QUESTIONS, Group.PERSONS_CONCERNED, Mode.CO_DECIDING),),
    criteria=("Être accueilli",),
)


def test_a_full_plan_survives_a_json_round_trip():
    data = json.loads(json.dumps(to_dict(FULL)))
    assert from_dict(data) == FULL
    assert data["indicators"][0]["frequency"] == "trimestriel"
    assert data["participation"][0] == {
        "step": "questions",
        "group": "personnes_concernees",
        "mode": "codecide",
    }


def test_missing_fields_take_their_defaults():
    assert from_dict({}) == Plan()
    plan = from_dict({"indicators": [{"key": "k", "title": "T"}]})
    assert plan.indicators[0].definition == 1
    assert plan.indicators[0].kind is IndicatorKind.QUANTITATIVE


@pytest.mark.parametrize(
    ("data", "path", "words"),
    [
        (
            {
                "indicators": [
                    {"key": "k", "title": "T", "targets": [{"period": "2024-13", "value": 1}]}
                ]
            },
            "indicators[0].targets[0].period",
            "is not a period",
        ),
        (
            {"indicators": [{"key": "k", "title": "T", "numerator": "a"}]},
            "indicators[0].denominator",
            "both a numerator and a denominator",
        ),
        (
            {"indicators": [{"key": "k", "title": "T", "denominator": "a"}]},
            "indicators[0].numerator",
            "both a numerator and a denominator",
        ),
        (
            {"questions": [{"key": "a", "text": "x"}, {"key": "a", "text": "y"}]},
            "questions[1].key",
            "used twice",
        ),
        ({"questions": [{"key": "A b", "text": "x"}]}, "questions[0].key", "is not a key"),
        (
            {"indicators": [{"key": "k", "title": "T", "questions": ["nope"]}]},
            "indicators[0].questions[0]",
            "no evaluative question",
        ),
        ({"indicators": [{"key": "k", "title": " "}]}, "indicators[0].title", "needs a title"),
        (
            {"indicators": [{"key": "k", "title": "T", "kind": "qualitatif", "unit": "%"}]},
            "indicators[0].kind",
            "qualitative",
        ),
        (
            {"indicators": [{"key": "k", "title": "T", "decimals": 5}]},
            "indicators[0].decimals",
            "between 0 and 4",
        ),
        (
            {"indicators": [{"key": "k", "title": "T", "baseline": {"value": 1, "year": 1800}}]},
            "indicators[0].baseline.year",
            "plausible",
        ),
        (
            {
                "indicators": [
                    {
                        "key": "k",
                        "title": "T",
                        "targets": [{"period": "2025", "value": 1}, {"period": "2025", "value": 2}],
                    }
                ]
            },
            "indicators[0].targets[1].period",
            "two targets",
        ),
        (
            {"indicators": [{"key": "k", "title": "T", "disaggregations": ["Public"]}]},
            "indicators[0].disaggregations[0]",
            "is not a key",
        ),
        (
            {"indicators": [{"key": "k", "title": "T", "frequency": "hebdo"}]},
            "indicators[0].frequency",
            "is not one of",
        ),
        (
            {"milestones": [{"key": "m", "label": "x", "months": -1}]},
            "milestones[0].months",
            "before the start",
        ),
        ({"start": "15/09/2025"}, "start", "is not a date"),
        (
            {
                "participation": [
                    {"step": "questions", "group": "financeurs", "mode": "informe"},
                    {"step": "questions", "group": "financeurs", "mode": "absent"},
                ]
            },
            "participation[1]",
            "given twice",
        ),
        ({"colour": "blue"}, "colour", "unknown field"),
        ({"criteria": "one"}, "criteria", "expected a list"),
    ],
)
def test_a_bad_value_is_refused_with_its_path(data, path, words):
    with pytest.raises(PlanFormatError) as raised:
        from_dict(data)
    assert raised.value.path == path
    assert words in raised.value.message


def test_helpers_of_a_plan():
    assert FULL.indicator("retours") is RATE and FULL.indicator("nope") is None
    assert FULL.mode(Step.QUESTIONS, Group.PERSONS_CONCERNED) is Mode.CO_DECIDING
    assert FULL.mode(Step.JUDGING, Group.FUNDERS) is Mode.ABSENT
    assert RATE.is_rate and RATE.quantitative and RATE.target_for("2025") == 50.0
    assert RATE.target_for("2030") is None


def test_a_definition_moves_on_only_when_its_meaning_changes():
    before = Plan(indicators=(replace(RATE, questions=()),))
    retitled = Plan(indicators=(replace(RATE, questions=(), title="Retours", targets=()),))
    assert revise(before, retitled).indicators[0].definition == 1
    for change in (
        {"unit": "personnes", "numerator": "", "denominator": "", "decimals": 0},
        {"frequency": Frequency.YEARLY},
        {"numerator": "autres", "denominator": "tous"},
    ):
        after = Plan(indicators=(replace(RATE, questions=(), **change),))
        assert revise(before, after).indicators[0].definition == 2, change


def test_a_second_change_numbers_on_from_the_first():
    one = Plan(indicators=(Indicator("k", "T", unit="jours"),))
    two = revise(one, Plan(indicators=(Indicator("k", "T", unit="heures"),)))
    three = revise(two, Plan(indicators=(Indicator("k", "T", unit="semaines"),)))
    assert [p.indicators[0].definition for p in (one, two, three)] == [1, 2, 3]


def test_a_key_that_comes_back_numbers_after_the_highest_it_had():
    gone = Plan()
    back = Plan(indicators=(Indicator("k", "T"),))
    assert revise(gone, back).indicators[0].definition == 1
    assert revise_known(gone, back, {"k": 3}).indicators[0].definition == 4
