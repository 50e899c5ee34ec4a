"""The evaluation plan of one practice sheet: plain, immutable, JSON-serialisable data.

The report asks for an evaluation built with the actors from the start, with a time frame
and criteria proper to each practice, that changes as the practice changes. So a plan holds
its evaluative questions, the results expected, the indicators (quantitative with a unit, a
baseline, a direction and targets per period, or qualitative: a narrative per period), who
proposed each of them, the milestones the practice chose, and the participation matrix.

An indicator's *definition* (kind, unit, numerator and denominator, frequency) decides what
its values mean. :func:`revise` numbers definitions: a plan saved with a changed definition
gives that indicator the next definition number, and measurements keep the number they were
recorded against, so a series never mixes two meanings (``series.comparable``).

Slugs are French where the domain word is French, as in ``vivier.sheets.schema``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from vivier.plans.periods import Frequency, PeriodError, parse_period
from vivier.sheets.schema import SheetFormatError, decode_as, encode

#: The error of a bad plan value: ``path`` says where (``"indicators[2].targets[0].period"``).
PlanFormatError = SheetFormatError

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class Group(StrEnum):
    """The four groups the report names around a practice."""

    PROFESSIONALS = "professionnels"
    PERSONS_CONCERNED = "personnes_concernees"
    FUNDERS = "financeurs"
    PARTNERS = "partenaires"


class Step(StrEnum):
    """The steps of an evaluation, in order (the participation matrix's rows)."""

    QUESTIONS = "questions"
    CRITERIA = "criteres"
    INDICATORS = "indicateurs"
    COLLECTING = "collecte"
    ANALYSING = "analyse"
    JUDGING = "jugement"
    PUBLISHING = "publication"


class Mode(StrEnum):
    """How a group takes part in a step, from the least control to the most."""

    ABSENT = "absent"
    INFORMED = "informe"
    CONSULTED = "consulte"
    CO_DECIDING = "codecide"


#: Modes from the least control to the most, for "at least consulted" questions.
MODE_ORDER = (Mode.ABSENT, Mode.INFORMED, Mode.CONSULTED, Mode.CO_DECIDING)


class IndicatorKind(StrEnum):
    QUANTITATIVE = "quantitatif"
    QUALITATIVE = "qualitatif"


class Direction(StrEnum):
    """Which way is better for a quantitative indicator."""

    INCREASE = "hausse"
    DECREASE = "baisse"
    MAINTAIN = "maintien"


def _check_key(path: str, key: str) -> None:
    if not _KEY_RE.match(key):
        raise PlanFormatError(
            path, f"{key!r} is not a key (lower-case letters, digits, _; 40 at most)"
        )


def _check_period(path: str, period: str) -> None:
    try:
        parse_period(period)
    except PeriodError as error:
        raise PlanFormatError(path, str(error)) from None


@dataclass(frozen=True)
class EvaluativeQuestion:
    key: str
    text: str
    proposed_by: Group = Group.PROFESSIONALS

    def __post_init__(self) -> None:
        _check_key("key", self.key)


@dataclass(frozen=True)
class ExpectedResult:
    key: str
    text: str
    proposed_by: Group = Group.PROFESSIONALS

    def __post_init__(self) -> None:
        _check_key("key", self.key)


@dataclass(frozen=True)
class Baseline:
    value: float
    year: int

    def __post_init__(self) -> None:
        if not 1900 <= self.year <= 2200:
            raise PlanFormatError("year", f"{self.year} is not a plausible year")


@dataclass(frozen=True)
class Target:
    period: str
    value: float

    def __post_init__(self) -> None:
        _check_period("period", self.period)


@dataclass(frozen=True)
class Indicator:
    """What is followed over time. Only ``key`` and ``title`` are required."""

    key: str
    title: str
    kind: IndicatorKind = IndicatorKind.QUANTITATIVE
    #: Where the values come from and how they are counted, in words.
    description: str = ""
    #: "personnes", "%", "jours", "€"... (quantitative only).
    unit: str = ""
    #: Digits kept after the decimal point when a value is typed.
    decimals: int = 0
    baseline: Baseline | None = None
    direction: Direction = Direction.INCREASE
    targets: tuple[Target, ...] = ()
    #: A rate: what is counted over what (both, or neither). The value is their ratio x 100.
    numerator: str = ""
    denominator: str = ""
    frequency: Frequency = Frequency.YEARLY
    proposed_by: Group = Group.PROFESSIONALS
    #: The evaluative questions it helps answer (their keys).
    questions: tuple[str, ...] = ()
    #: Breakdowns values may be recorded by ("public", "territoire"), beside the total.
    disaggregations: tuple[str, ...] = ()
    #: Numbered by :func:`revise`; a measurement keeps the number it was recorded against.
    definition: int = 1

    def __post_init__(self) -> None:
        _check_key("key", self.key)
        if not self.title.strip():
            raise PlanFormatError("title", "an indicator needs a title")
        if bool(self.numerator) != bool(self.denominator):
            raise PlanFormatError(
                "denominator" if self.numerator else "numerator",
                "a rate needs both a numerator and a denominator",
            )
        if self.kind is IndicatorKind.QUALITATIVE and (
            self.unit or self.baseline or self.targets or self.numerator
        ):
            raise PlanFormatError(
                "kind", "a qualitative indicator has no unit, baseline, target or rate"
            )
        if not 0 <= self.decimals <= 4:
            raise PlanFormatError("decimals", "between 0 and 4 digits after the point")
        if self.definition < 1:
            raise PlanFormatError("definition", "definitions are numbered from 1")
        seen: set[str] = set()
        for index, target in enumerate(self.targets):
            if target.period in seen:
                raise PlanFormatError(
                    f"targets[{index}].period", f"two targets for {target.period}"
                )
            seen.add(target.period)
        for index, name in enumerate(self.disaggregations):
            _check_key(f"disaggregations[{index}]", name)

    @property
    def is_rate(self) -> bool:
        return bool(self.numerator)

    @property
    def quantitative(self) -> bool:
        return self.kind is IndicatorKind.QUANTITATIVE

    def target_for(self, period: str) -> float | None:
        for target in self.targets:
            if target.period == period:
                return target.value
        return None

    def definition_fields(self) -> tuple[object, ...]:
        """What gives a value its meaning: a change here starts a new definition."""
        return (self.kind, self.unit, self.numerator, self.denominator, self.frequency)


@dataclass(frozen=True)
class Milestone:
    """A moment of the plan's time frame chosen per practice ("démarrage", "+6 mois")."""

    key: str
    label: str
    #: Months after the plan's start.
    months: int = 0

    def __post_init__(self) -> None:
        _check_key("key", self.key)
        if self.months < 0:
            raise PlanFormatError("months", "a milestone cannot come before the start")


@dataclass(frozen=True)
class ParticipationCell:
    step: Step
    group: Group
    mode: Mode


@dataclass(frozen=True)
class Plan:
    """A practice's evaluation plan. Everything may be empty: a plan is built over time."""

    #: The practice's own words on why and for whom it evaluates.
    purpose: str = ""
    #: The year the time frame starts from ("YYYY-MM-DD" of the start, if known).
    start: str = ""
    questions: tuple[EvaluativeQuestion, ...] = ()
    results: tuple[ExpectedResult, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    participation: tuple[ParticipationCell, ...] = ()
    #: Free-form criteria of value, in the words of those who proposed them.
    criteria: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.start and not re.match(r"^\d{4}-\d{2}-\d{2}$", self.start):
            raise PlanFormatError("start", f"{self.start!r} is not a date (YYYY-MM-DD)")
        for name in ("questions", "results", "indicators", "milestones"):
            keys: set[str] = set()
            for index, item in enumerate(getattr(self, name)):
                if item.key in keys:
                    raise PlanFormatError(f"{name}[{index}].key", f"{item.key!r} is used twice")
                keys.add(item.key)
        question_keys = {question.key for question in self.questions}
        for index, indicator in enumerate(self.indicators):
            for position, key in enumerate(indicator.questions):
                if key not in question_keys:
                    raise PlanFormatError(
                        f"indicators[{index}].questions[{position}]",
                        f"no evaluative question {key!r}",
                    )
        cells: set[tuple[Step, Group]] = set()
        for index, cell in enumerate(self.participation):
            if (cell.step, cell.group) in cells:
                raise PlanFormatError(
                    f"participation[{index}]", f"{cell.step} x {cell.group} is given twice"
                )
            cells.add((cell.step, cell.group))

    def indicator(self, key: str) -> Indicator | None:
        return next((item for item in self.indicators if item.key == key), None)

    def mode(self, step: Step, group: Group) -> Mode:
        for cell in self.participation:
            if cell.step is step and cell.group is group:
                return cell.mode
        return Mode.ABSENT


def to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as JSON-native data (every field; tuples as lists, enums as their slugs)."""
    encoded = encode(plan)
    assert isinstance(encoded, dict)
    return encoded


def from_dict(data: Any) -> Plan:
    """Read a plan; missing fields take their defaults. Raises :class:`PlanFormatError`."""
    plan = decode_as(Plan, data)
    assert isinstance(plan, Plan)
    return plan


def revise(before: Plan, after: Plan) -> Plan:
    """``after`` with its indicators' definition numbers set against ``before``.

    An indicator that keeps its key and its definition fields keeps its number; one whose
    definition changed gets the next number; a new key starts at 1 (or after the highest
    number that key ever had, if it was removed and comes back: ``before`` only knows the
    last version, so the caller passes the highest numbers seen in ``known``).
    """
    return revise_known(before, after, {})


def revise_known(before: Plan, after: Plan, known: dict[str, int]) -> Plan:
    """:func:`revise`, with ``known`` the highest definition number each key ever had."""
    previous = {indicator.key: indicator for indicator in before.indicators}
    indicators = []
    for indicator in after.indicators:
        old = previous.get(indicator.key)
        highest = max(known.get(indicator.key, 0), old.definition if old else 0)
        if old is not None and old.definition_fields() == indicator.definition_fields():
            number = old.definition
        else:
            number = highest + 1
        indicators.append(replace(indicator, definition=number))
    return replace(after, indicators=tuple(indicators))


__all__ = [
    "MODE_ORDER",
    "Baseline",
    "Direction",
    "EvaluativeQuestion",
    "ExpectedResult",
    "Group",
    "Indicator",
    "IndicatorKind",
    "Milestone",
    "Mode",
    "ParticipationCell",
    "Plan",
    "PlanFormatError",
    "Step",
    "Target",
    "from_dict",
    "revise",
    "revise_known",
    "to_dict",
]
