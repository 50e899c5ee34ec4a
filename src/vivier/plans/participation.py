"""Who takes part in the evaluation, at which step, with what control.

Participatory evaluation is judged by its breadth (how many groups take part) and its
depth (at which steps, with how much control). The report's recommendation is that persons
concerned take part at every step; this module says how far a plan is from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from vivier.plans.schema import MODE_ORDER, Group, Mode, Plan, Step


@dataclass(frozen=True)
class Row:
    step: Step
    modes: tuple[tuple[Group, Mode], ...]


def matrix(plan: Plan) -> tuple[Row, ...]:
    """Every step x every group, with ``absent`` where the plan says nothing."""
    return tuple(
        Row(step, tuple((group, plan.mode(step, group)) for group in Group)) for step in Step
    )


def co_decide(plan: Plan, group: Group = Group.PERSONS_CONCERNED) -> tuple[Step, ...]:
    """The steps where ``group`` co-decides."""
    return tuple(step for step in Step if plan.mode(step, group) is Mode.CO_DECIDING)


def persons_concerned_co_decide(plan: Plan) -> bool:
    """The catalogue's filter: persons concerned co-decide at one step at least."""
    return bool(co_decide(plan))


def breadth(plan: Plan) -> tuple[Group, ...]:
    """The groups taking part (at least informed) in one step at least."""
    return tuple(
        group for group in Group if any(plan.mode(step, group) is not Mode.ABSENT for step in Step)
    )


def depth(plan: Plan, group: Group = Group.PERSONS_CONCERNED) -> tuple[Step, ...]:
    """The steps where ``group`` is at least consulted (it has a say, not only news)."""
    floor = MODE_ORDER.index(Mode.CONSULTED)
    return tuple(step for step in Step if MODE_ORDER.index(plan.mode(step, group)) >= floor)


__all__ = ["Row", "breadth", "co_decide", "depth", "matrix", "persons_concerned_co_decide"]
