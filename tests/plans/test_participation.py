"""Breadth (which groups take part) and depth (where persons concerned have a say)."""

from __future__ import annotations

from vivier.plans import participation
from vivier.plans.schema import Group, Mode, ParticipationCell, Plan, Step


def plan(*cells: tuple[Step, Group, Mode]) -> Plan:
    return Plan(participation=tuple(ParticipationCell(*cell) for cell in cells))


EMPTY = Plan()
SOME = plan(
    (Step.QUESTIONS, Group.PERSONS_CONCERNED, Mode.CO_DECIDING),
    (Step.ANALYSING, Group.PERSONS_CONCERNED, Mode.INFORMED),
    (Step.JUDGING, Group.PERSONS_CONCERNED, Mode.CONSULTED),
    (Step.PUBLISHING, Group.FUNDERS, Mode.INFORMED),
)


def test_the_matrix_has_every_step_and_group_absent_by_default():
    rows = participation.matrix(EMPTY)
    assert [row.step for row in rows] == list(Step)
    assert all(row.modes == tuple((group, Mode.ABSENT) for group in Group) for row in rows)
    first = participation.matrix(SOME)[0]
    assert dict(first.modes)[Group.PERSONS_CONCERNED] is Mode.CO_DECIDING


def test_breadth_counts_groups_taking_part_at_least_informed():
    assert participation.breadth(EMPTY) == ()
    assert participation.breadth(SOME) == (Group.PERSONS_CONCERNED, Group.FUNDERS)


def test_depth_counts_steps_where_a_group_is_at_least_consulted():
    assert participation.depth(SOME) == (Step.QUESTIONS, Step.JUDGING)
    assert participation.depth(SOME, Group.FUNDERS) == ()


def test_co_deciding():
    assert participation.co_decide(SOME) == (Step.QUESTIONS,)
    assert participation.persons_concerned_co_decide(SOME)
    assert not participation.persons_concerned_co_decide(
        plan((Step.QUESTIONS, Group.PROFESSIONALS, Mode.CO_DECIDING))
    )
