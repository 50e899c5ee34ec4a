"""The periods measurements are recorded for, written as text that sorts as it reads.

- a year: ``"2024"``;
- a quarter: ``"2024-T2"`` (trimestre, as French tables write it);
- a month: ``"2024-03"``.

A period's text is its key everywhere (targets, measurements, locks), so a target for
"2025" and a value for "2025" meet without conversion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Frequency(StrEnum):
    MONTHLY = "mensuel"
    QUARTERLY = "trimestriel"
    YEARLY = "annuel"


class PeriodError(ValueError):
    """The text is not a period; the message says what is expected."""


_PATTERNS = (
    (re.compile(r"^(\d{4})$"), Frequency.YEARLY),
    (re.compile(r"^(\d{4})-T([1-4])$"), Frequency.QUARTERLY),
    (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), Frequency.MONTHLY),
)


@dataclass(frozen=True, order=True)
class Period:
    year: int
    #: First month of the period (1 for a year, 1/4/7/10 for a quarter).
    month: int
    frequency: Frequency

    @property
    def key(self) -> str:
        if self.frequency is Frequency.YEARLY:
            return f"{self.year:04d}"
        if self.frequency is Frequency.QUARTERLY:
            return f"{self.year:04d}-T{(self.month - 1) // 3 + 1}"
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def months(self) -> int:
        return {Frequency.YEARLY: 12, Frequency.QUARTERLY: 3, Frequency.MONTHLY: 1}[self.frequency]

    def contains(self, other: Period) -> bool:
        """True when ``other`` lies inside this period (a month inside its year)."""
        start = self.year * 12 + self.month - 1
        inner = other.year * 12 + other.month - 1
        return start <= inner and inner + other.months <= start + self.months


def parse_period(text: str) -> Period:
    """The period written ``text``; :class:`PeriodError` saying what is expected otherwise."""
    for pattern, frequency in _PATTERNS:
        found = pattern.match(text.strip())
        if found is None:
            continue
        year = int(found.group(1))
        if not 1900 <= year <= 2200:
            raise PeriodError(f"{year} is not a plausible year")
        if frequency is Frequency.YEARLY:
            return Period(year, 1, frequency)
        if frequency is Frequency.QUARTERLY:
            return Period(year, (int(found.group(2)) - 1) * 3 + 1, frequency)
        return Period(year, int(found.group(2)), frequency)
    raise PeriodError(
        f"{text!r} is not a period: write a year (2024), a quarter (2024-T2) or a month (2024-03)"
    )


def sort_key(text: str) -> tuple[int, int, int]:
    """Sorts period keys in time order (a year before its months, months before the next)."""
    period = parse_period(text)
    return (period.year, period.month, -period.months)


def periods_between(first: str, last: str, frequency: Frequency) -> list[str]:
    """Every period key of ``frequency`` from the one holding ``first`` to ``last``."""
    start, end = parse_period(first), parse_period(last)
    step = {Frequency.YEARLY: 12, Frequency.QUARTERLY: 3, Frequency.MONTHLY: 1}[frequency]
    index = start.year * 12 + (start.month - 1) // step * step
    stop = end.year * 12 + end.month - 1
    keys = []
    while index <= stop:
        keys.append(Period(index // 12, index % 12 + 1, frequency).key)
        index += step
    return keys


__all__ = ["Frequency", "Period", "PeriodError", "parse_period", "periods_between", "sort_key"]
