"""Periods written as text that sorts as it reads: a year, a quarter, a month."""

from __future__ import annotations

from datetime import date

import pytest

from vivier.plans.periods import (
    Frequency,
    Period,
    PeriodError,
    parse_period,
    periods_between,
    sort_key,
)


@pytest.mark.parametrize(
    ("text", "year", "month", "frequency"),
    [
        ("2024", 2024, 1, Frequency.YEARLY),
        ("2024-T1", 2024, 1, Frequency.QUARTERLY),
        ("2024-T4", 2024, 10, Frequency.QUARTERLY),
        ("2024-03", 2024, 3, Frequency.MONTHLY),
        (" 2024-12 ", 2024, 12, Frequency.MONTHLY),
    ],
)
def test_periods_are_read(text, year, month, frequency):
    period = parse_period(text)
    assert (period.year, period.month, period.frequency) == (year, month, frequency)
    assert period.key == text.strip()


@pytest.mark.parametrize(
    "text", ["2024-13", "2024-00", "2024-T5", "24", "2024/03", "mars 2024", ""]
)
def test_what_is_not_a_period_says_what_is_expected(text):
    with pytest.raises(PeriodError) as raised:
        parse_period(text)
    assert "write a year (2024), a quarter (2024-T2) or a month (2024-03)" in str(raised.value)


def test_an_implausible_year_is_refused():
    with pytest.raises(PeriodError, match="1850 is not a plausible year"):
        parse_period("1850")


def test_a_period_knows_its_first_day_length_and_what_it_contains():
    quarter = parse_period("2024-T2")
    assert quarter.first_day == date(2024, 4, 1) and quarter.months == 3
    assert parse_period("2024").contains(quarter)
    assert quarter.contains(parse_period("2024-06"))
    assert not quarter.contains(parse_period("2024-07"))
    assert not quarter.contains(parse_period("2024"))
    assert Period(2024, 1, Frequency.YEARLY).months == 12


def test_periods_sort_in_time_order_a_year_before_its_parts():
    keys = ["2025", "2024-04", "2024-T2", "2024", "2024-01"]
    assert sorted(keys, key=sort_key) == ["2024", "2024-01", "2024-T2", "2024-04", "2025"]


def test_every_period_between_two():
    assert periods_between("2024-02", "2024-05", Frequency.MONTHLY) == [
        "2024-02",
        "2024-03",
        "2024-04",
        "2024-05",
    ]
    assert periods_between("2024-05", "2025-01", Frequency.QUARTERLY) == [
        "2024-T2",
        "2024-T3",
        "2024-T4",
        "2025-T1",
    ]
    assert periods_between("2023-T3", "2025", Frequency.YEARLY) == ["2023", "2024", "2025"]
    assert periods_between("2025", "2024", Frequency.YEARLY) == []
