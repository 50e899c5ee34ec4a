"""What the public may see of a practice's evaluation plan: the one place that decides it.

The public sheet, the catalogue's facet and the open data read a plan only through here, and
see only what the holder or the working group chose to publish (``Plan.publish_*``):

- the indicators over time (approved values of the current definition only), when the plan
  publishes its indicators;
- the participation matrix, and whether persons concerned co-decide, when it publishes its
  participation (the catalogue's facet and the open data say nothing of a matrix kept
  private);
- the committees' opinions, each group's then the joint one, when it publishes opinions and
  the opinion itself is marked for publication (``committees.published_opinions``);
- the stories whose tellers agreed to publication and still agree
  (``stories.publishable``: the consent rule), when it publishes stories;
- the outcomes marked for publication.

Never a person's name: a story shows its pseudonym and its teller's group, an opinion its
group, an outcome how many sources confirmed it. A count of people between 1 and k - 1
(k = 5, as in published reports) is written "fewer than 5": a story count per group, a
count indicator's value, and a rate whose denominator is that small is not shown at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vivier.analysis import DEFAULT_K
from vivier.plans import participation
from vivier.plans import series as pure_series
from vivier.plans.periods import Frequency, PeriodError, parse_period
from vivier.plans.schema import Group, Indicator, Mode, Step

from . import committees, measurements, plans, stories
from .models import GROUP_CHOICES, OPINION_GROUPS, Measurement, Plan

#: Counts of people from 1 to K - 1 are not published.
K = DEFAULT_K

#: The catalogue facet's one value: persons concerned co-decide at one step at least.
CO_DECIDE = "codecide"

#: Units that count people: a value under K could point at someone.
PEOPLE_UNITS = frozenset(
    {"personnes", "personne", "familles", "famille", "enfants", "jeunes", "participants"}
)

STEP_WORDS: dict[Step, Promise] = {
    Step.QUESTIONS: _("Choisir les questions de l’évaluation"),
    Step.CRITERIA: _("Choisir ce qui compte pour juger"),
    Step.INDICATORS: _("Choisir les indicateurs"),
    Step.COLLECTING: _("Recueillir les informations"),
    Step.ANALYSING: _("Analyser les informations"),
    Step.JUDGING: _("Juger les résultats"),
    Step.PUBLISHING: _("Publier les résultats"),
}
MODE_WORDS: dict[Mode, Promise] = {
    Mode.ABSENT: _("ne participent pas"),
    Mode.INFORMED: _("sont informés"),
    Mode.CONSULTED: _("donnent leur avis"),
    Mode.CO_DECIDING: _("décident avec les autres"),
}
QUARTERS: dict[int, Promise] = {
    1: _("1er trimestre %(year)s"),
    2: _("2e trimestre %(year)s"),
    3: _("3e trimestre %(year)s"),
    4: _("4e trimestre %(year)s"),
}
GROUP_WORDS = dict(GROUP_CHOICES)
OPINION_WORDS = dict(OPINION_GROUPS)


# ------------------------------------------------------------------------------ words


def is_small(count: int | Decimal | None) -> bool:
    """A count of people the public is not told exactly (1 to K - 1; zero is told)."""
    return count is not None and 0 < count < K


def count_text(count: int) -> str:
    """A count of people as the public reads it: "moins de 5" for a small one."""
    if is_small(count):
        return gettext("moins de %(k)s") % {"k": K}
    return _number(count, 0)


def period_text(key: str) -> str:
    """A period's key in words: "2024", "2e trimestre 2024", "mars 2024"."""
    try:
        period = parse_period(key)
    except PeriodError:
        return key
    if period.frequency is Frequency.YEARLY:
        return str(period.year)
    if period.frequency is Frequency.QUARTERLY:
        return str(QUARTERS[(period.month - 1) // 3 + 1]) % {"year": period.year}
    return date_format(date(period.year, period.month, 1), "YEAR_MONTH_FORMAT")


def _number(value: float | int | Decimal, places: int) -> str:
    # Imported here: the reports app loads its chart words, which this module does not need.
    from vivier.reports import localized

    return localized.number(value, localized.page_lang(), places=places)


# ------------------------------------------------------------------------------ indicators


@dataclass(frozen=True)
class PublicPoint:
    #: The period's key ("2024-T2"), as open data writes it.
    period: str
    period_text: str
    #: None when there is no approved value yet, or when it is too small to publish.
    value: Decimal | None
    value_text: str
    target: float | None
    target_text: str
    narrative: str
    suppressed: bool


@dataclass(frozen=True)
class PublicIndicator:
    key: str
    title: str
    description: str
    kind: str
    unit: str
    is_rate: bool
    direction: str
    definition: int
    points: tuple[PublicPoint, ...]


def _counts_people(indicator: Indicator) -> bool:
    return not indicator.is_rate and indicator.unit.strip().lower() in PEOPLE_UNITS


def _places(indicator: Indicator) -> int:
    return 2 if indicator.is_rate else indicator.decimals


def _with_unit(text: str, indicator: Indicator) -> str:
    unit = "%" if indicator.is_rate else indicator.unit.strip()
    return f"{text}\u00a0{unit}" if unit else text


def public_indicator(found: pure_series.Series) -> PublicIndicator:
    """One indicator's series as the public reads it, small counts withheld."""
    indicator = found.indicator
    points = []
    for point in found.points:
        suppressed = (indicator.is_rate and is_small(point.denominator)) or (
            _counts_people(indicator) and is_small(point.value)
        )
        value = None if suppressed else point.value
        if suppressed:
            value_text = (
                gettext("non publié : moins de %(k)s personnes") % {"k": K}
                if indicator.is_rate
                else _with_unit(count_text(1), indicator)
            )
        elif value is None:
            value_text = "" if point.narrative else gettext("pas encore de valeur")
        else:
            value_text = _with_unit(_number(value, _places(indicator)), indicator)
        target_text = (
            _with_unit(_number(point.target, _places(indicator)), indicator)
            if point.target is not None
            else ""
        )
        points.append(
            PublicPoint(
                period=point.period,
                period_text=period_text(point.period),
                value=value,
                value_text=value_text,
                target=point.target,
                target_text=target_text,
                narrative=point.narrative,
                suppressed=suppressed,
            )
        )
    return PublicIndicator(
        key=indicator.key,
        title=indicator.title,
        description=indicator.description,
        kind=indicator.kind.value,
        unit=indicator.unit,
        is_rate=indicator.is_rate,
        direction=indicator.direction.value,
        definition=found.definition,
        points=tuple(points),
    )


def published_indicators(plan: Plan) -> list[PublicIndicator]:
    """The plan's indicators over time, if it publishes them (approved values only)."""
    if not plan.publish_indicators:
        return []
    return [public_indicator(found) for found in measurements.series_for(plan)]


def chart_items(plan: Plan) -> list[dict[str, Any]]:
    """The items of ``evaluation/_series.html`` (``measurements.chart_items``) fit for the
    public, if the plan publishes its indicators: a withheld value (a small count, a rate
    over few people) is left out of the table and of the chart; a rate's numerator and
    denominator, the breakdowns (their categories are small groups) and the notes on values
    waiting for approval stay with the practice; periods are written in words."""
    if not plan.publish_indicators:
        return []
    from vivier.charts.lines import LinePoint, line_chart
    from vivier.reports import localized

    from .chart_words import line_wording

    lang = localized.page_lang()
    shown = {item.key: item for item in published_indicators(plan)}
    content = plans.current(plan)
    items = measurements.chart_items(plan, lang)
    for item in items:
        indicator = content.indicator(item["key"])
        public = shown.get(item["key"])
        if indicator is None or public is None:  # pragma: no cover - both read one plan
            continue
        points = {point.period: point for point in public.points}
        withheld = {period for period, point in points.items() if point.suppressed}
        item["notes"] = []
        item["breakdowns"] = []
        for row in item["rows"]:
            row["detail"] = ""
            if row["period"] in withheld:
                row.update(value=points[row["period"]].value_text, gap="", on_track="–")
            row["period"] = period_text(row["period"])
        if withheld and item["svg"]:
            item["svg"] = mark_safe(  # the chart escapes every text it draws
                line_chart(
                    [
                        LinePoint(
                            point.period,
                            None if point.value is None else float(point.value),
                            point.target,
                        )
                        for point in public.points
                    ],
                    title=indicator.title,
                    words=line_wording(lang),
                    unit=indicator.unit,
                    decimals=indicator.decimals,
                    baseline=(
                        (indicator.baseline.value, indicator.baseline.year)
                        if indicator.baseline
                        else None
                    ),
                )
            )
    return items


# ------------------------------------------------------------------------------ the rest


def participation_matrix(plan: Plan) -> dict[str, Any] | None:
    """The matrix in words (steps x groups), if the plan publishes it."""
    if not plan.publish_participation:
        return None
    content = plans.current(plan)
    return {
        "groups": [GROUP_WORDS[group.value] for group in Group],
        "rows": [
            {
                "step": STEP_WORDS[row.step],
                "modes": [MODE_WORDS[mode] for _group, mode in row.modes],
            }
            for row in participation.matrix(content)
        ],
        "co_decide": [STEP_WORDS[step] for step in participation.co_decide(content)],
    }


def story_counts(plan: Plan) -> list[dict[str, Any]]:
    """How many stories each group told, small counts withheld (only when stories are
    published: the counts say what the list of published stories does not)."""
    if not plan.publish_stories:
        return []
    counted = Counter(plan.stories.values_list("teller_group", flat=True))
    return [
        {"group": words, "text": count_text(counted[value])}
        for value, words in GROUP_CHOICES
        if counted[value]
    ]


def published_stories(plan: Plan) -> list[dict[str, Any]]:
    """The stories the public may read (the consent rule), with a pseudonym, never a name."""
    return [
        {
            "alias": story.teller_alias or gettext("Une personne"),
            "group": GROUP_WORDS.get(story.teller_group, ""),
            "title": story.title,
            "domain": story.domain,
            "period": story.period,
            "what_changed": story.what_changed,
            "why_it_matters": story.why_it_matters,
        }
        for story in stories.publishable(plan)
    ]


def published_opinions(plan: Plan) -> list[dict[str, Any]]:
    """The published opinions, per session: each group's, then the joint one."""
    order = {value: rank for rank, (value, _words) in enumerate(OPINION_GROUPS)}
    sessions: dict[int, dict[str, Any]] = {}
    for opinion in committees.published_opinions(plan).select_related("session__committee"):
        session = opinion.session
        entry = sessions.setdefault(
            session.pk,
            {"date": session.date, "committee": session.committee.name, "opinions": []},
        )
        entry["opinions"].append(
            {
                "rank": order.get(opinion.group, len(order)),
                "group": OPINION_WORDS.get(opinion.group, ""),
                "text": opinion.text,
            }
        )
    for entry in sessions.values():
        entry["opinions"].sort(key=lambda item: item["rank"])
    return list(sessions.values())


def published_outcomes(plan: Plan) -> list[dict[str, Any]]:
    """The outcomes marked for publication, with how many sources confirmed each."""
    found = stories.published_outcomes(plan).prefetch_related("sources")
    return [
        {
            "social_actor": outcome.social_actor,
            "change": outcome.change,
            "when": outcome.when,
            "where": outcome.where,
            "significance": outcome.significance,
            "contribution": outcome.contribution,
            "confirmed": sum(1 for source in outcome.sources.all() if source.substantiated),
        }
        for outcome in found
    ]


def for_sheet(practice: Any) -> dict[str, Any] | None:
    """The "evaluation" part of a published sheet's page; None when it has no plan."""
    plan = Plan.objects.filter(practice=practice).first()
    if plan is None:
        return None
    content = plans.current(plan)
    return {
        "indicator_count": len(content.indicators),
        "indicators": chart_items(plan),
        "matrix": participation_matrix(plan),
        "opinions": published_opinions(plan) if plan.publish_opinions else [],
        "story_counts": story_counts(plan),
        "stories": published_stories(plan),
        "outcomes": published_outcomes(plan),
        "k": K,
    }


# ------------------------------------------------------------------------------ open data


@dataclass
class OpenEvaluation:
    """The evaluation fields of one published sheet in the open data."""

    indicators: int
    #: None when the plan does not publish its participation matrix.
    co_decide: bool | None
    co_decide_steps: list[str]
    series: list[dict[str, Any]] = field(default_factory=list)


def _series_data(indicator: PublicIndicator) -> dict[str, Any]:
    return {
        "key": indicator.key,
        "title": indicator.title,
        "kind": indicator.kind,
        "unit": "%" if indicator.is_rate else indicator.unit,
        "direction": indicator.direction,
        "definition": indicator.definition,
        "points": [
            {
                "period": point.period,
                "value": float(point.value) if point.value is not None else None,
                "target": point.target,
                "narrative": point.narrative,
                "suppressed": point.suppressed,
            }
            for point in indicator.points
        ],
    }


def open_data(practice_ids: Iterable[int] | None = None) -> dict[int, OpenEvaluation]:
    """Sheet id -> its evaluation fields, for the published sheets that have a plan.

    A handful of queries for the whole export: the plans, then the approved totals of the
    plans that publish their indicators.
    """
    found = Plan.objects.filter(practice__state="published")
    if practice_ids is not None:
        found = found.filter(practice_id__in=list(practice_ids))
    rows = list(found)
    publishing = [plan.pk for plan in rows if plan.publish_indicators]
    values: dict[int, list[pure_series.Value]] = {}
    measured = Measurement.objects.filter(
        plan_id__in=publishing, state=Measurement.State.APPROVED, dimension=""
    )
    for row in measured.iterator(chunk_size=2000):
        values.setdefault(row.plan_id, []).append(
            pure_series.Value(
                period=row.period,
                definition=row.definition,
                approved=True,
                value=row.value,
                numerator=row.numerator,
                denominator=row.denominator,
                narrative=row.narrative,
                indicator=row.indicator,
            )
        )
    result: dict[int, OpenEvaluation] = {}
    for plan in rows:
        content = plans.current(plan)
        steps = [step.value for step in participation.co_decide(content)]
        series_data = []
        if plan.publish_indicators:
            by_indicator: dict[str, list[pure_series.Value]] = {}
            for value in values.get(plan.pk, []):
                by_indicator.setdefault(value.indicator, []).append(value)
            series_data = [
                _series_data(
                    public_indicator(
                        pure_series.series(indicator, by_indicator.get(indicator.key, []))
                    )
                )
                for indicator in content.indicators
            ]
        result[plan.practice_id] = OpenEvaluation(
            indicators=len(content.indicators),
            co_decide=bool(steps) if plan.publish_participation else None,
            co_decide_steps=steps if plan.publish_participation else [],
            series=series_data,
        )
    return result


# ------------------------------------------------------------------------------ catalogue


def co_deciding_practice_ids() -> set[int]:
    """The sheets whose plan says, in public, that persons concerned co-decide."""
    return set(
        Plan.objects.filter(
            persons_concerned_co_decide=True, publish_participation=True
        ).values_list("practice_id", flat=True)
    )


def catalogue_stamp() -> tuple[Any, ...]:
    """Changes whenever a plan is created, saved or deleted: the catalogue's facet table
    is read again then (a change of what a plan publishes bumps the catalogue's
    generation itself, ``views_publication``)."""
    stamp = Plan.objects.aggregate(count=Count("pk"), last=Max("updated_at"))
    return (stamp["count"], stamp["last"])


# ------------------------------------------------------------------------------ campaigns


def campaign_figures(campaign: Any) -> dict[str, int]:
    """Among the sheets drawn from this campaign's responses (created or merged from a
    candidate): how many, how many have a plan, and in how many plans persons concerned
    co-decide one step at least. For the staff dashboard: not suppressed."""
    from vivier.practices.models import Candidate

    drawn = set(
        Candidate.objects.filter(response__campaign=campaign, practice__isnull=False)
        .values_list("practice_id", flat=True)
        .distinct()
    )
    planned = Plan.objects.filter(practice_id__in=drawn)
    return {
        "sheets": len(drawn),
        "plans": planned.count(),
        "co_deciding": planned.filter(persons_concerned_co_decide=True).count(),
    }


__all__ = [
    "CO_DECIDE",
    "K",
    "OpenEvaluation",
    "PublicIndicator",
    "PublicPoint",
    "campaign_figures",
    "catalogue_stamp",
    "chart_items",
    "co_deciding_practice_ids",
    "count_text",
    "for_sheet",
    "is_small",
    "open_data",
    "participation_matrix",
    "period_text",
    "public_indicator",
    "published_indicators",
    "published_opinions",
    "published_outcomes",
    "published_stories",
    "story_counts",
]
