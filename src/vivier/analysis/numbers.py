"""Exact rounding for published figures: half away from zero, never float artefacts.

``round()`` rounds half to even and works on binary floats (``round(0.125, 2) == 0.12``);
a report must give 12.5 % for 1 of 8 and 0.1 % for 1 of 2,000 (0.05 rounds up). Figures
are computed as fractions and rounded once.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import Any


def round_half_away(value: Fraction, digits: int) -> float:
    scale = 10**digits
    scaled = abs(value) * scale
    rounded = int(scaled + Fraction(1, 2))  # floor(x + 1/2) on |x|: half away from zero
    return (rounded if value >= 0 else -rounded) / scale


def percent(count: int, total: int) -> float | None:
    """100 * count / total to one decimal, half away from zero; None when total is 0."""
    if total == 0:
        return None
    return round_half_away(Fraction(100 * count, total), 1)


def _number(value: Any) -> Fraction:
    return Fraction(value)


def mean(counts: Counter[Any], digits: int = 2) -> float | None:
    """Mean of a distribution given as value -> count, to ``digits`` decimals."""
    n = sum(counts.values())
    if n == 0:
        return None
    total = sum((_number(value) * count for value, count in counts.items()), Fraction(0))
    return round_half_away(total / n, digits)


def median(counts: Counter[Any]) -> float | int | None:
    """Median of a distribution; the mean of the two middle values for an even count."""
    n = sum(counts.values())
    if n == 0:
        return None
    middle = ((n - 1) // 2, n // 2)
    found: list[Any] = []
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        while len(found) < 2 and middle[len(found)] < seen:
            found.append(value)
    low, high = found
    if low == high:
        return low  # type: ignore[no-any-return,unused-ignore]
    half = (_number(low) + _number(high)) / 2
    return int(half) if half.denominator == 1 else float(half)
