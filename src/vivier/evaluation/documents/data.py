"""The one dict every evaluation document is written from, read from the database once.

Both reports (the funder's and the qualitative one) and every format (PDF, DOCX, XLSX) read
this dict and nothing else, so they say the same thing. It holds values, never words of the
interface: numbers stay ``Decimal``, enums stay their slugs, periods their keys; each
renderer writes them in the document's language.

What may appear is decided here, once:

- measurements: approved values of the indicator's current definition only
  (``measurements.series_for`` and ``plans.series``);
- stories: ``stories.quotable(plan)`` only (the tellers' consent, standing), shown by their
  pseudonym and group, never by the teller's name (``StoryTeller`` is not read);
- committee opinions: ``committees.opinions_for(plan)``, each group's then the joint one.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from vivier.plans import participation
from vivier.plans import series as pure_series
from vivier.plans.periods import Frequency, parse_period, sort_key
from vivier.plans.schema import Indicator
from vivier.plans.values import rate
from vivier.text import strip_controls_deep

from .. import committees, measurements, plans, stories
from ..models import FundingRecord, Plan, StorySelection

#: The order a session's opinions are read in: each group's own, then the joint one.
OPINION_ORDER = ("professionnel", "personne_concernee", "commun")


def build(plan: Plan, generated: date | None = None) -> dict[str, Any]:
    """Everything the reports may show of ``plan``, as plain values."""
    content = plans.current(plan)
    values = measurements.values(plan)
    by_indicator: dict[str, list[pure_series.Value]] = defaultdict(list)
    for value in values:
        by_indicator[value.indicator].append(value)
    practice = plan.practice
    data = {
        "practice": {"title": practice.title, "code": practice.code, "slug": practice.slug},
        "plan": {
            "version": plan.version,
            "purpose": content.purpose,
            "start": content.start,
            "criteria": list(content.criteria),
            "questions": [
                {"key": q.key, "text": q.text, "proposed_by": q.proposed_by.value}
                for q in content.questions
            ],
            "results": [
                {"key": r.key, "text": r.text, "proposed_by": r.proposed_by.value}
                for r in content.results
            ],
            "milestones": [
                {"key": m.key, "label": m.label, "months": m.months} for m in content.milestones
            ],
        },
        "indicators": [
            _indicator(indicator, by_indicator.get(indicator.key, []))
            for indicator in content.indicators
        ],
        "funding": _funding(plan),
        "participation": {
            "matrix": [
                {
                    "step": row.step.value,
                    "modes": [{"group": g.value, "mode": m.value} for g, m in row.modes],
                }
                for row in participation.matrix(content)
            ],
            "breadth": [group.value for group in participation.breadth(content)],
            "co_decide": [step.value for step in participation.co_decide(content)],
        },
        "stories": _stories(plan),
        "outcomes": _outcomes(plan),
        "opinions": _opinions(plan),
        "generated": generated or timezone.localdate(),
    }
    # Entries remove control characters; what was stored before must not break a writer.
    cleaned: dict[str, Any] = strip_controls_deep(data)
    return cleaned


def _number(value: float | Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _indicator(indicator: Indicator, values: list[pure_series.Value]) -> dict[str, Any]:
    found = pure_series.series(indicator, values)
    points = [
        {
            "period": point.period,
            "value": point.value,
            "target": _number(point.target),
            "gap": point.gap,
            "on_track": pure_series.on_track(indicator, point),
            "narrative": point.narrative,
            "numerator": point.numerator,
            "denominator": point.denominator,
        }
        for point in found.points
    ]
    counted = [
        value for value in values if value.approved and value.definition == indicator.definition
    ]
    return {
        "key": indicator.key,
        "title": indicator.title,
        "kind": indicator.kind.value,
        "quantitative": indicator.quantitative,
        "description": indicator.description,
        "unit": indicator.unit,
        "decimals": indicator.decimals,
        "baseline": (
            {"value": _number(indicator.baseline.value), "year": indicator.baseline.year}
            if indicator.baseline
            else None
        ),
        "direction": indicator.direction.value,
        "numerator": indicator.numerator,
        "denominator": indicator.denominator,
        "is_rate": indicator.is_rate,
        "frequency": indicator.frequency.value,
        "proposed_by": indicator.proposed_by.value,
        "questions": list(indicator.questions),
        "disaggregations": list(indicator.disaggregations),
        "definition": indicator.definition,
        "points": points,
        "years": _years(indicator, [v for v in counted if not v.dimension]),
        "breakdowns": _breakdowns(indicator, [v for v in counted if v.dimension]),
        "pending": found.pending,
        "other_definitions": found.other_definitions,
    }


def _years(indicator: Indicator, totals: list[pure_series.Value]) -> list[dict[str, Any]]:
    """Each year of a monthly or quarterly indicator put together as ``plans.series`` allows
    (counts add up, rates pool their numerators and denominators, other units do not), beside
    the year's target: funders compare a year with its target."""
    if indicator.frequency is Frequency.YEARLY or not indicator.quantitative:
        return []
    by_year: dict[int, list[pure_series.Value]] = defaultdict(list)
    for value in totals:
        period = parse_period(value.period)
        if period.frequency is not Frequency.YEARLY:
            by_year[period.year].append(value)
    target_years = {
        parse_period(t.period).year
        for t in indicator.targets
        if parse_period(t.period).frequency is Frequency.YEARLY
    }
    years = []
    for year in sorted(set(by_year) | target_years):
        rolled = pure_series.roll_up(indicator, by_year.get(year, []))
        target = indicator.target_for(f"{year:04d}")
        point = pure_series.Point(f"{year:04d}", rolled.value, target)
        years.append(
            {
                "year": year,
                "value": rolled.value,
                "numerator": rolled.numerator,
                "denominator": rolled.denominator,
                "periods": rolled.contributors,
                "reason": rolled.reason,
                "target": _number(target),
                "gap": point.gap,
                "on_track": pure_series.on_track(indicator, point),
            }
        )
    return years


def _breakdowns(indicator: Indicator, values: list[pure_series.Value]) -> list[dict[str, Any]]:
    """Per breakdown ("public"), each period's categories, in time order."""
    by_dimension: dict[str, list[pure_series.Value]] = defaultdict(list)
    for value in values:
        by_dimension[value.dimension].append(value)
    breakdowns = []
    for dimension in sorted(by_dimension, key=_declared_first(indicator)):
        rows = sorted(by_dimension[dimension], key=lambda v: (sort_key(v.period), v.category))
        breakdowns.append(
            {
                "dimension": dimension,
                "rows": [
                    {
                        "period": row.period,
                        "category": row.category,
                        "value": _value_of(indicator, row),
                        "narrative": row.narrative,
                    }
                    for row in rows
                ],
            }
        )
    return breakdowns


def _declared_first(indicator: Indicator) -> Any:
    declared = list(indicator.disaggregations)
    return lambda name: (declared.index(name) if name in declared else len(declared), name)


def _value_of(indicator: Indicator, value: pure_series.Value) -> Decimal | None:
    if indicator.is_rate and value.numerator is not None and value.denominator is not None:
        return rate(value.numerator, value.denominator)
    return value.value


def _funding(plan: Plan) -> dict[str, Any]:
    """Budget lines per year: planned, received and spent, with each year's totals."""
    by_year: dict[int, list[FundingRecord]] = defaultdict(list)
    for record in FundingRecord.objects.filter(plan=plan).order_by("year", "funder", "budget_line"):
        by_year[record.year].append(record)
    years: list[dict[str, Any]] = []
    for year, records in sorted(by_year.items()):
        rows = [
            {
                "pk": record.pk,
                "funder": record.funder,
                "budget_line": record.budget_line,
                "budgeted": record.budgeted,
                "received": record.received,
                "spent": record.spent,
                "spent_share": _share(record.spent, record.budgeted),
            }
            for record in records
        ]
        years.append({"year": year, "rows": rows, "totals": _totals(rows)})
    every = [row for year in years for row in year["rows"]]
    return {"years": years, "totals": _totals(every), "funders": _per_funder(every)}


def _sum(rows: list[dict[str, Any]], name: str) -> Decimal | None:
    """The column's total; ``None`` when no row says anything (unknown is not zero)."""
    known = [row[name] for row in rows if row[name] is not None]
    return sum(known, Decimal(0)) if known else None


def _totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    totals = {name: _sum(rows, name) for name in ("budgeted", "received", "spent")}
    totals["spent_share"] = _share(totals["spent"], totals["budgeted"])
    return totals


def _share(spent: Decimal | None, budgeted: Decimal | None) -> Decimal | None:
    """Spent over planned, in percent; none without both."""
    return rate(spent, budgeted) if budgeted and spent is not None else None


def _per_funder(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_funder: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_funder[row["funder"]].append(row)
    return [{"funder": name, **_totals(found)} for name, found in sorted(by_funder.items())]


def _stories(plan: Plan) -> list[dict[str, Any]]:
    chosen = Prefetch(
        "selections", queryset=StorySelection.objects.filter(selected=True).order_by("level")
    )
    return [
        {
            # The pseudonym and the group only: the teller's name is personal data.
            "alias": story.teller_alias,
            "group": story.teller_group,
            "domain": story.domain,
            "period": story.period,
            "title": story.title,
            "what_changed": story.what_changed,
            "why_it_matters": story.why_it_matters,
            "tags": [str(tag) for tag in story.tags or [] if str(tag).strip()],
            "assisted": story.assisted,
            "selected_at": [selection.level for selection in story.selections.all()],
        }
        for story in stories.quotable(plan).prefetch_related(chosen).order_by("created_at", "pk")
    ]


def _outcomes(plan: Plan) -> list[dict[str, Any]]:
    return [
        {
            "social_actor": outcome.social_actor,
            "change": outcome.change,
            "when": outcome.when,
            "where": outcome.where,
            "significance": outcome.significance,
            "contribution": outcome.contribution,
            "sources": [
                {
                    "source": source.source,
                    "substantiated": source.substantiated,
                    "comment": source.comment,
                }
                for source in outcome.sources.all()
            ],
        }
        for outcome in plan.outcomes.prefetch_related("sources").order_by("created_at", "pk")
    ]


def _opinions(plan: Plan) -> list[dict[str, Any]]:
    """Each session's opinions, the groups' first and the joint one last."""
    sessions: dict[int, dict[str, Any]] = {}
    for opinion in committees.opinions_for(plan).select_related("session__committee"):
        session = opinion.session
        entry = sessions.setdefault(
            session.pk,
            {
                "date": session.date,
                "committee": session.committee.name,
                "state": session.state,
                "opinions": [],
            },
        )
        entry["opinions"].append({"group": opinion.group, "text": opinion.text})
    found = list(sessions.values())
    for entry in found:
        entry["opinions"].sort(key=lambda o: _opinion_rank(o["group"]))
    return found


def _opinion_rank(group: str) -> int:
    return OPINION_ORDER.index(group) if group in OPINION_ORDER else len(OPINION_ORDER)


__all__ = ["OPINION_ORDER", "build"]
