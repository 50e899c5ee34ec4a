"""An indicator over time, against its target, from the values that count.

Only approved values count, and only values recorded against one definition of the
indicator: a series whose unit changed halfway would compare two things. Totals and
breakdowns are kept apart (a breakdown is not a period's value).

Roll-ups across sites or breakdowns do not mislead (the complaint of results frameworks'
users): counts add up; a rate adds its numerators and its denominators, never its
percentages; an average of other units is not computed; a qualitative indicator does not
roll up at all, it lists its narratives with how many sites wrote one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from vivier.plans.periods import sort_key
from vivier.plans.schema import Direction, Indicator
from vivier.plans.values import rate


@dataclass(frozen=True)
class Value:
    """One recorded value as the series reads it (the Django app maps its rows to this)."""

    period: str
    definition: int
    approved: bool
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    narrative: str = ""
    #: Breakdown name and category; both empty for the total.
    dimension: str = ""
    category: str = ""
    #: The indicator's key, for callers holding the values of several indicators.
    indicator: str = ""


@dataclass(frozen=True)
class Point:
    period: str
    value: Decimal | None
    target: float | None
    narrative: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None

    @property
    def gap(self) -> Decimal | None:
        if self.value is None or self.target is None:
            return None
        return self.value - Decimal(str(self.target))


@dataclass(frozen=True)
class Series:
    indicator: Indicator
    definition: int
    points: tuple[Point, ...]
    #: Values left out because they were recorded against another definition.
    other_definitions: int
    #: Values left out because they are not approved yet.
    pending: int


def comparable(values: Iterable[Value], definition: int) -> list[Value]:
    """The values recorded against ``definition`` only."""
    return [value for value in values if value.definition == definition]


def series(indicator: Indicator, values: Iterable[Value]) -> Series:
    """The total of each period, approved and of the indicator's current definition, with
    the target of each period that has one (a target without a value still shows)."""
    values = list(values)
    totals = [value for value in values if not value.dimension]
    current = comparable(totals, indicator.definition)
    approved = {value.period: value for value in current if value.approved}
    periods = set(approved) | {target.period for target in indicator.targets}
    points = []
    for period in sorted(periods, key=sort_key):
        found = approved.get(period)
        points.append(
            Point(
                period=period,
                value=_value_of(indicator, found) if found else None,
                target=indicator.target_for(period),
                narrative=found.narrative if found else "",
                numerator=found.numerator if found else None,
                denominator=found.denominator if found else None,
            )
        )
    return Series(
        indicator=indicator,
        definition=indicator.definition,
        points=tuple(points),
        other_definitions=len(totals) - len(current),
        pending=sum(1 for value in current if not value.approved),
    )


def _value_of(indicator: Indicator, value: Value) -> Decimal | None:
    if indicator.is_rate and value.numerator is not None and value.denominator is not None:
        return rate(value.numerator, value.denominator)
    return value.value


#: How far from its target a value "to maintain" may be and still count as held: a tenth.
MAINTAIN_TOLERANCE = Decimal("0.10")


def on_track(indicator: Indicator, point: Point) -> bool | None:
    """Whether the value reached its target in the indicator's direction (None: no answer).

    Up: at or above the target. Down: at or below. Maintained: within a tenth of the target
    either way (34 residents a year kept means 31 to 37, not exactly 34).
    """
    gap = point.gap
    if gap is None:
        return None
    if indicator.direction is Direction.INCREASE:
        return gap >= 0
    if indicator.direction is Direction.DECREASE:
        return gap <= 0
    target = abs(Decimal(str(point.target)))
    return abs(gap) <= target * MAINTAIN_TOLERANCE


@dataclass(frozen=True)
class RollUp:
    """Several sites' (or breakdowns') values of one period put together honestly."""

    #: The sum, or the pooled rate; ``None`` when adding would mislead.
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    #: How many values went in.
    contributors: int
    #: Why there is no value ("qualitative", "not additive", "no data").
    reason: str = ""
    narratives: tuple[str, ...] = ()


#: Units whose values add up across sites; anything else (an average, a score) does not.
ADDITIVE_UNITS = frozenset(
    {
        "",
        "personnes",
        "personne",
        "familles",
        "€",
        "euros",
        "heures",
        "jours",
        "séances",
        "actions",
        "nombre",
    }
)


def roll_up(indicator: Indicator, values: Iterable[Value]) -> RollUp:
    """The values of one period from several sites or categories, put together."""
    values = [value for value in values if value.approved]
    if not values:
        return RollUp(None, None, None, 0, reason="no data")
    if not indicator.quantitative:
        narratives = tuple(value.narrative for value in values if value.narrative.strip())
        return RollUp(None, None, None, len(narratives), "qualitative", narratives)
    if indicator.is_rate:
        pairs = [
            (value.numerator, value.denominator)
            for value in values
            if value.numerator is not None and value.denominator is not None
        ]
        numerator = sum((pair[0] for pair in pairs), Decimal(0))
        denominator = sum((pair[1] for pair in pairs), Decimal(0))
        return RollUp(rate(numerator, denominator), numerator, denominator, len(pairs))
    if indicator.unit.strip().lower() not in ADDITIVE_UNITS:
        return RollUp(None, None, None, len(values), reason="not additive")
    numbers = [value.value for value in values if value.value is not None]
    return RollUp(sum(numbers, Decimal(0)), None, None, len(numbers))


__all__ = [
    "ADDITIVE_UNITS",
    "MAINTAIN_TOLERANCE",
    "Point",
    "RollUp",
    "Series",
    "Value",
    "comparable",
    "on_track",
    "roll_up",
    "series",
]
