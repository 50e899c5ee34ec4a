"""What changed between two versions of a plan, item by item, named by words not keys."""

from __future__ import annotations

from dataclasses import replace

from vivier.plans.diff import Kind, Section, diff
from vivier.plans.periods import Frequency
from vivier.plans.schema import (
    EvaluativeQuestion,
    ExpectedResult,
    Group,
    Indicator,
    Milestone,
    Mode,
    ParticipationCell,
    Plan,
    Step,
    Target,
    revise,
)

QUESTION = EvaluativeQuestion("ecoute", "Sont-ils écoutés ?")
INDICATOR = Indicator("retours", "Familles qui reviennent", unit="familles", questions=("ecoute",))
BEFORE = Plan(
    purpose="Savoir",
    questions=(QUESTION,),
    results=(ExpectedResult("seuls", "Moins seuls"),),
    indicators=(INDICATOR,),
    milestones=(Milestone("demarrage", "démarrage"),),
    criteria=("Revenir",),
)


def test_the_same_plan_has_no_change():
    assert diff(BEFORE, BEFORE).empty


def test_texts_items_and_criteria():
    after = replace(
        BEFORE,
        purpose="Savoir mieux",
        start="2025-01-01",
        questions=(
            replace(QUESTION, text="Sont-ils entendus ?", proposed_by=Group.FUNDERS),
            EvaluativeQuestion("qui", "Qui vient ?"),
        ),
        results=(),
        criteria=("Être accueilli",),
        indicators=(replace(INDICATOR, questions=()),),
        milestones=(Milestone("demarrage", "démarrage", 1),),
    )
    found = diff(BEFORE, after)
    assert [(c.field, c.before, c.after) for c in found.texts] == [
        ("purpose", "Savoir", "Savoir mieux"),
        ("start", "", "2025-01-01"),
    ]
    (changed, added) = found.of(Section.QUESTIONS)
    assert (changed.kind, changed.label) == (Kind.CHANGED, "Sont-ils entendus ?")
    assert [(f.field, f.before, f.after) for f in changed.fields] == [
        ("text", "Sont-ils écoutés ?", "Sont-ils entendus ?"),
        ("proposed_by", Group.PROFESSIONALS, Group.FUNDERS),
    ]
    assert (added.kind, added.label) == (Kind.ADDED, "Qui vient ?")
    assert [(c.kind, c.label) for c in found.of(Section.RESULTS)] == [(Kind.REMOVED, "Moins seuls")]
    assert [(c.kind, c.label) for c in found.of(Section.CRITERIA)] == [
        (Kind.REMOVED, "Revenir"),
        (Kind.ADDED, "Être accueilli"),
    ]
    (indicator,) = found.of(Section.INDICATORS)
    # Linked questions are named by their texts, in the version each belongs to.
    assert [(f.field, f.before, f.after) for f in indicator.fields] == [
        ("questions", ("Sont-ils écoutés ?",), ())
    ]
    assert not indicator.redefined and indicator.definition_after == 1
    (milestone,) = found.of(Section.MILESTONES)
    assert [(f.field, f.before, f.after) for f in milestone.fields] == [("months", 0, 1)]


def test_a_changed_definition_is_flagged_with_both_numbers():
    after = revise(
        BEFORE, replace(BEFORE, indicators=(replace(INDICATOR, frequency=Frequency.MONTHLY),))
    )
    (change,) = diff(BEFORE, after).of(Section.INDICATORS)
    assert change.redefined
    assert (change.definition_before, change.definition_after) == (1, 2)
    assert [f.field for f in change.fields] == ["frequency"]
    targets = revise(
        BEFORE, replace(BEFORE, indicators=(replace(INDICATOR, targets=(Target("2025", 3.0),)),))
    )
    (change,) = diff(BEFORE, targets).of(Section.INDICATORS)
    assert not change.redefined and [f.field for f in change.fields] == ["targets"]


def test_added_and_removed_indicators_carry_their_definition():
    gone = diff(BEFORE, replace(BEFORE, indicators=())).of(Section.INDICATORS)
    assert [(c.kind, c.label, c.definition_before, c.definition_after) for c in gone] == [
        (Kind.REMOVED, "Familles qui reviennent", 1, 0)
    ]
    assert not gone[0].redefined


def test_participation_changes_cell_by_cell():
    after = replace(
        BEFORE,
        participation=(ParticipationCell(Step.JUDGING, Group.PERSONS_CONCERNED, Mode.CO_DECIDING),),
    )
    (change,) = diff(BEFORE, after).participation
    assert (change.step, change.group, change.before, change.after) == (
        Step.JUDGING,
        Group.PERSONS_CONCERNED,
        Mode.ABSENT,
        Mode.CO_DECIDING,
    )
