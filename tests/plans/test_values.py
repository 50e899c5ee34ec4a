"""Numbers typed the French way, and an indicator's values over time and across sites
(``values`` and ``series``)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vivier.plans.schema import Baseline, Direction, Indicator, IndicatorKind, Target
from vivier.plans.series import Point, Value, comparable, on_track, roll_up, series
from vivier.plans.values import Refusal, Refused, parse_quantity, rate


@pytest.mark.parametrize(
    ("text", "unit", "decimals", "expected"),
    [
        ("12", "", 0, Decimal("12")),
        ("1 250", "personnes", 0, Decimal("1250")),
        ("1\u00a0250\u202f000", "", 0, Decimal("1250000")),
        ("12,5", "%", 1, Decimal("12.5")),
        ("12,5 %", "%", 1, Decimal("12.5")),
        ("12.5%", "%", 2, Decimal("12.5")),
        ("3 jours", "jours", 0, Decimal("3")),
        ("3 JOURS", "jours", 0, Decimal("3")),
        ("  0  ", "", 0, Decimal("0")),
    ],
)
def test_french_numbers_are_read(text, unit, decimals, expected):
    assert parse_quantity(text, unit, decimals) == expected


@pytest.mark.parametrize(
    ("text", "unit", "decimals", "reason", "expected"),
    [
        ("", "%", 1, Refusal.EMPTY, "12,5 %"),
        ("douze", "", 0, Refusal.NOT_A_NUMBER, "12"),
        ("12 €", "personnes", 0, Refusal.WRONG_UNIT, "12 personnes"),
        ("12,55", "%", 1, Refusal.TOO_PRECISE, "12,5 %"),
        ("1,5", "", 0, Refusal.TOO_PRECISE, "12"),
        ("1000000000000", "", 0, Refusal.OUT_OF_RANGE, "12"),
        ("-3", "", 0, Refusal.NEGATIVE, "12"),
    ],
)
def test_what_is_refused_says_what_is_expected(text, unit, decimals, reason, expected):
    assert parse_quantity(text, unit, decimals) == Refused(reason, expected)


def test_negative_numbers_when_allowed():
    assert parse_quantity("-3,5", "", 1, allow_negative=True) == Decimal("-3.5")


def test_a_rate_is_a_ratio_times_a_hundred():
    assert rate(Decimal(1), Decimal(3)) == Decimal("33.33")
    assert rate(Decimal(5), Decimal(0)) is None


COUNT = Indicator(
    "familles", "Familles", unit="familles", targets=(Target("2025", 100.0),), definition=2
)
RATE = Indicator("retours", "Retours", unit="%", numerator="revenues", denominator="venues")


def test_a_series_keeps_approved_totals_of_the_current_definition():
    values = [
        Value("2024", 2, True, Decimal(80)),
        Value("2023", 1, True, Decimal(60)),  # another definition: left out
        Value("2026", 2, False, Decimal(130)),  # not approved yet
        Value("2024", 2, True, Decimal(30), dimension="public", category="jeunes"),
    ]
    found = series(COUNT, values)
    assert [(p.period, p.value, p.target) for p in found.points] == [
        ("2024", Decimal(80), None),
        ("2025", None, 100.0),  # a target without a value still shows
    ]
    assert (found.other_definitions, found.pending, found.definition) == (1, 1, 2)
    assert [v.period for v in comparable(values, 1)] == ["2023"]


def test_a_rate_series_computes_from_numerator_and_denominator():
    (point,) = series(
        RATE, [Value("2024", 1, True, numerator=Decimal(1), denominator=Decimal(4))]
    ).points
    assert point.value == Decimal("25.00") and point.numerator == 1 and point.denominator == 4


def test_on_track_follows_the_direction():
    up, down = COUNT, Indicator("delai", "Délai", direction=Direction.DECREASE)
    assert on_track(up, Point("2025", Decimal(100), 100.0))
    assert not on_track(up, Point("2025", Decimal(90), 100.0))
    assert on_track(down, Point("2025", Decimal(90), 100.0))
    assert on_track(up, Point("2025", None, 100.0)) is None
    # Maintained: within a tenth of the target, above or below.
    keep = Indicator("k", "K", direction=Direction.MAINTAIN, baseline=Baseline(50, 2023))
    assert on_track(keep, Point("2025", Decimal(52), 55.0))
    assert on_track(keep, Point("2025", Decimal(58), 55.0))
    assert not on_track(keep, Point("2025", Decimal(40), 55.0))
    assert not on_track(keep, Point("2025", Decimal(61), 55.0))
    assert on_track(keep, Point("2025", Decimal(0), 0.0))
    assert on_track(keep, Point("2025", None, 55.0)) is None


def test_counts_add_up_rates_pool_and_averages_do_not():
    sites = [
        Value("2024", 1, True, Decimal(3)),
        Value("2024", 1, True, Decimal(4)),
        Value("2024", 1, False, Decimal(100)),
    ]
    total = roll_up(COUNT, sites)
    assert (total.value, total.contributors) == (Decimal(7), 2)
    pooled = roll_up(
        RATE,
        [
            Value("2024", 1, True, numerator=Decimal(1), denominator=Decimal(2)),  # 50 %
            Value("2024", 1, True, numerator=Decimal(1), denominator=Decimal(8)),  # 12.5 %
        ],
    )
    assert pooled.value == Decimal("20.00")  # 2 / 10, never the mean of 50 and 12.5
    score = roll_up(Indicator("s", "Score", unit="sur 10"), sites)
    assert (score.value, score.reason) == (None, "not additive")
    assert roll_up(COUNT, []).reason == "no data"


def test_narratives_are_listed_not_added():
    told = roll_up(
        Indicator("r", "Récits", kind=IndicatorKind.QUALITATIVE),
        [Value("2024", 1, True, narrative="Mieux"), Value("2024", 1, True, narrative=" ")],
    )
    assert (told.value, told.reason, told.narratives, told.contributors) == (
        None,
        "qualitative",
        ("Mieux",),
        1,
    )
