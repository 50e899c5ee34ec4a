"""Measurements of a plan's indicators and their workflow (draft, submitted, returned,
approved); only approved values count.
"""

from __future__ import annotations

from typing import Any

from vivier.plans import series as pure_series

from . import plans
from .models import Measurement, Plan


def values(plan: Plan, indicator: str | None = None) -> list[pure_series.Value]:
    """The plan's measurements as the pure series reads them."""
    rows = Measurement.objects.filter(plan=plan)
    if indicator is not None:
        rows = rows.filter(indicator=indicator)
    return [
        pure_series.Value(
            period=row.period,
            definition=row.definition,
            approved=row.state == Measurement.State.APPROVED,
            value=row.value,
            numerator=row.numerator,
            denominator=row.denominator,
            narrative=row.narrative,
            dimension=row.dimension,
            category=row.category,
            indicator=row.indicator,
        )
        for row in rows
    ]


def series_for(plan: Plan) -> list[pure_series.Series]:
    """Each indicator of the current plan over time (approved values, current definition)."""
    content = plans.current(plan)
    by_indicator: dict[str, list[pure_series.Value]] = {}
    for value in values(plan):
        by_indicator.setdefault(value.indicator, []).append(value)
    return [
        pure_series.series(indicator, by_indicator.get(indicator.key, []))
        for indicator in content.indicators
    ]


def summary(plan: Plan, user: Any) -> dict[str, Any]:
    return {"series": series_for(plan)}
