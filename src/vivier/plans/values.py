"""A number typed by a person, read as a value of an indicator in its unit.

People type "1 250", "12,5", "12,5 %" or "3 jours": the unit written after the number is
accepted when it is the indicator's own, a French decimal comma is read as the point, and
spaces (ordinary, no-break, thin) group thousands. Anything else is refused with a reason
the caller turns into a message naming the field (``vivier.problems`` in the Django app).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

#: Large enough for any count or amount a practice reports, small enough for the database.
LIMIT = Decimal("1e12")

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(r"^([+-]?\d+(?:[.,]\d+)?)(.*)$")


class Refusal(StrEnum):
    EMPTY = "empty"
    NOT_A_NUMBER = "not_a_number"
    WRONG_UNIT = "wrong_unit"
    TOO_PRECISE = "too_precise"
    OUT_OF_RANGE = "out_of_range"
    NEGATIVE = "negative"


@dataclass(frozen=True)
class Refused:
    """Why a typed value was refused: ``reason`` and what is expected, for the message."""

    reason: Refusal
    expected: str


def _fold_unit(text: str) -> str:
    return _SPACES.sub("", text).lower()


def parse_quantity(
    text: str, unit: str = "", decimals: int = 0, allow_negative: bool = False
) -> Decimal | Refused:
    """``text`` as a number in ``unit`` with at most ``decimals`` digits after the point."""
    raw = text.strip()
    if not raw:
        return Refused(Refusal.EMPTY, _expected(unit, decimals))
    # Digits grouped by spaces ("1 250") are one number; the unit follows the last digit.
    compact = re.sub(r"(?<=\d)[\s\u00a0\u202f]+(?=\d{3}\b)", "", raw)
    found = _NUMBER.match(compact)
    if found is None:
        return Refused(Refusal.NOT_A_NUMBER, _expected(unit, decimals))
    number, rest = found.group(1), found.group(2)
    if _fold_unit(rest) and _fold_unit(rest) != _fold_unit(unit):
        return Refused(Refusal.WRONG_UNIT, _expected(unit, decimals))
    try:
        value = Decimal(number.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return Refused(Refusal.NOT_A_NUMBER, _expected(unit, decimals))
    # Trailing zeros are no precision ("12,50" with one decimal is 12,5): normalised first.
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > decimals:
        return Refused(Refusal.TOO_PRECISE, _expected(unit, decimals))
    if abs(value) >= LIMIT:
        return Refused(Refusal.OUT_OF_RANGE, _expected(unit, decimals))
    if value < 0 and not allow_negative:
        return Refused(Refusal.NEGATIVE, _expected(unit, decimals))
    return value


def _expected(unit: str, decimals: int) -> str:
    example = "12" if decimals == 0 else "12," + "5" * decimals
    return f"{example} {unit}".strip()


def rate(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator / denominator x 100, rounded to 0.01; ``None`` for a zero denominator."""
    if denominator == 0:
        return None
    return (numerator * 100 / denominator).quantize(Decimal("0.01"))


__all__ = ["LIMIT", "Refusal", "Refused", "parse_quantity", "rate"]
