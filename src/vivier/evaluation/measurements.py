"""Measurements of a plan's indicators and their workflow; only approved values count.

A value is recorded by whoever may change the plan (the holder of its sheet, the working
group) as a draft, against the indicator's current definition; it is submitted, then the
evaluator approves it or returns it with a comment, and a returned value is corrected and
submitted again::

    draft ──submit──▶ submitted ──approve──▶ approved
      ▲                   │
      └──── returned ◀────┘ (comment required)

The evaluator may lock a period (:class:`~.models.LockedPeriod`): no value of that period
can then be added, changed, submitted or returned; a submitted one may still be approved,
so that closing a period never strands a value halfway.

Every move is a ``save()`` of the row, so django-auditlog keeps each one (who, when, what).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from vivier.charts import lines
from vivier.charts.lines import line_chart
from vivier.plans import periods, schema
from vivier.plans import series as pure_series
from vivier.plans.values import rate
from vivier.reports import localized

from . import chart_words, plans
from .models import LockedPeriod, Measurement, MeasurementState, Plan

State = MeasurementState
# The states as their stored strings (``MeasurementState``'s values).
DRAFT, SUBMITTED, RETURNED, APPROVED = "draft", "submitted", "returned", "approved"
#: The states in which the holder may still change a value.
EDITABLE: tuple[str, ...] = (DRAFT, RETURNED)


class WorkflowError(Exception):
    """A move the value's state or its period's lock does not allow; ``message`` says why
    in the page's language."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Entry:
    """One value, checked (``measurement_imports.check_entry``), ready to be stored."""

    indicator: schema.Indicator
    period: str
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    narrative: str = ""
    dimension: str = ""
    category: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.indicator.key, self.period, self.dimension, self.category)


@dataclass(frozen=True)
class Conflict:
    """Why an entry cannot be stored: its period is locked, or its value is already
    submitted or approved (``state``)."""

    index: int
    period: str
    locked: bool = False
    state: str = ""


def values(plan: Plan, indicator: str | None = None) -> list[pure_series.Value]:
    """The plan's measurements as the pure series reads them."""
    rows = Measurement.objects.filter(plan=plan)
    if indicator is not None:
        rows = rows.filter(indicator=indicator)
    return [
        pure_series.Value(
            period=row.period,
            definition=row.definition,
            approved=row.state == APPROVED,
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


def locked_periods(plan: Plan) -> set[str]:
    return set(LockedPeriod.objects.filter(plan=plan).values_list("period", flat=True))


def is_locked(plan: Plan, period: str) -> bool:
    return LockedPeriod.objects.filter(plan=plan, period=period).exists()


def _locked_message(period: str) -> Any:
    return _(
        "La période %(period)s est close : aucune valeur de cette période ne peut être "
        "ajoutée, modifiée, soumise ou renvoyée."
    ) % {"period": period}


def suggested_periods(indicator: schema.Indicator, today: Any = None) -> list[str]:
    """The periods a value of ``indicator`` is most likely for: those of its frequency from
    its baseline (or two years back) to the current one, and its targets' periods."""
    today = today or timezone.localdate()
    current = periods.Period(today.year, today.month, periods.Frequency.MONTHLY).key
    first_year = indicator.baseline.year if indicator.baseline else today.year - 2
    first_year = max(first_year, today.year - 10)
    found = set(periods.periods_between(str(first_year), current, indicator.frequency))
    found |= {target.period for target in indicator.targets}
    return sorted(found, key=periods.sort_key, reverse=True)


def existing(plan: Plan, entry: Entry) -> Measurement | None:
    """The row ``entry`` would write: same indicator, current definition, period and
    category."""
    return Measurement.objects.filter(
        plan=plan,
        indicator=entry.indicator.key,
        definition=entry.indicator.definition,
        period=entry.period,
        dimension=entry.dimension,
        category=entry.category,
    ).first()


def conflicts(plan: Plan, entries: Iterable[Entry]) -> list[Conflict]:
    """Every entry that may not be stored as things are now (locked period, value already
    submitted or approved)."""
    locked = locked_periods(plan)
    found: list[Conflict] = []
    for index, entry in enumerate(entries):
        if entry.period in locked:
            found.append(Conflict(index, entry.period, locked=True))
            continue
        row = existing(plan, entry)
        if row is not None and row.state not in EDITABLE:
            found.append(Conflict(index, entry.period, state=row.state))
    return found


def store(
    plan: Plan, entries: list[Entry], author: Any, *, submit: bool = False
) -> list[Measurement] | list[Conflict]:
    """Writes every entry (a draft, or submitted when ``submit``), or none of them: the
    conflicts found under the plan's lock are returned instead, and nothing is written."""
    now = timezone.now()
    state = SUBMITTED if submit else DRAFT
    with transaction.atomic():
        # The plan's row is the lock: two imports, or an import and a lock, take turns.
        Plan.objects.select_for_update().get(pk=plan.pk)
        found = conflicts(plan, entries)
        if found:
            return found
        stored = []
        for entry in entries:
            row = existing(plan, entry) or Measurement(
                plan=plan,
                indicator=entry.indicator.key,
                definition=entry.indicator.definition,
                period=entry.period,
                dimension=entry.dimension,
                category=entry.category,
                created_at=now,
            )
            row.value = entry.value
            row.numerator = entry.numerator
            row.denominator = entry.denominator
            row.narrative = entry.narrative
            row.state = state
            row.entered_by = author if getattr(author, "pk", None) else None
            row.updated_at = now
            row.submitted_at = now if submit else None
            row.save()
            stored.append(row)
    return stored


def update(row: Measurement, entry: Entry, author: Any) -> Measurement:
    """Changes the figures of a draft or returned value (its identity stays)."""
    with transaction.atomic():
        locked = Measurement.objects.select_for_update().get(pk=row.pk)
        if is_locked(locked.plan, locked.period):
            raise WorkflowError(_locked_message(locked.period))
        if locked.state not in EDITABLE:
            raise WorkflowError(_("Cette valeur est soumise ou approuvée : elle ne change plus."))
        locked.value = entry.value
        locked.numerator = entry.numerator
        locked.denominator = entry.denominator
        locked.narrative = entry.narrative
        locked.entered_by = author if getattr(author, "pk", None) else None
        locked.updated_at = timezone.now()
        locked.save()
    return locked


def _move(
    row: Measurement, allowed: tuple[str, ...], refused: Any, check_lock: bool = True
) -> Measurement:
    """The row locked for the move, once its state and its period allow it."""
    locked = Measurement.objects.select_for_update().get(pk=row.pk)
    if check_lock and is_locked(locked.plan, locked.period):
        raise WorkflowError(_locked_message(locked.period))
    if locked.state not in allowed:
        raise WorkflowError(refused)
    return locked


def submit(row: Measurement, author: Any) -> Measurement:
    """The holder sends a draft (or a corrected returned value) to the evaluator."""
    with transaction.atomic():
        moved = _move(
            row, EDITABLE, _("Seule une valeur en brouillon ou renvoyée peut être soumise.")
        )
        moved.state = SUBMITTED
        moved.submitted_at = moved.updated_at = timezone.now()
        moved.save()
    return moved


def send_back(row: Measurement, evaluator: Any, comment: str) -> Measurement:
    """The evaluator returns a submitted value with a comment saying what to correct."""
    if not comment.strip():
        raise WorkflowError(_("Dites ce qui est à corriger."))
    with transaction.atomic():
        moved = _move(row, (SUBMITTED,), _("Seule une valeur soumise peut être renvoyée."))
        moved.state = RETURNED
        moved.comment = comment.strip()
        moved.decided_by = evaluator
        moved.decided_at = moved.updated_at = timezone.now()
        moved.save()
    return moved


def approve(row: Measurement, evaluator: Any) -> Measurement:
    """The evaluator approves a submitted value: from now on it counts. A locked period
    still takes approvals (see the module's docstring). Nobody approves a value they
    entered themselves."""
    # Four eyes: whoever entered a value (an evaluator who also holds the sheet) does not
    # approve it too.
    if (
        evaluator is not None
        and row.entered_by_id is not None
        and row.entered_by_id == evaluator.pk
    ):
        raise WorkflowError(
            _("Vous avez saisi cette valeur : un autre évaluateur doit l’approuver.")
        )
    with transaction.atomic():
        moved = _move(
            row,
            (SUBMITTED,),
            _("Seule une valeur soumise peut être approuvée."),
            check_lock=False,
        )
        moved.state = APPROVED
        moved.comment = ""
        moved.decided_by = evaluator
        moved.decided_at = moved.updated_at = timezone.now()
        moved.save()
    return moved


def lock(plan: Plan, period: str, evaluator: Any) -> LockedPeriod:
    """Closes ``period`` for every indicator of the plan (again: nothing changes)."""
    periods.parse_period(period)
    with transaction.atomic():
        Plan.objects.select_for_update().get(pk=plan.pk)
        found, _created = LockedPeriod.objects.get_or_create(
            plan=plan, period=period, defaults={"locked_by": evaluator}
        )
    return found


def unlock(plan: Plan, period: str) -> bool:
    """Opens ``period`` again; False when it was not locked."""
    with transaction.atomic():
        Plan.objects.select_for_update().get(pk=plan.pk)
        deleted, _rows = LockedPeriod.objects.filter(plan=plan, period=period).delete()
    return bool(deleted)


def queue(user: Any) -> QuerySet[Measurement]:
    """The submitted values of every plan ``user`` may view, oldest first."""
    from .views_hub import visible_plans

    visible = [plan.pk for plan in visible_plans(user)]
    return (
        Measurement.objects.filter(plan__in=visible, state=SUBMITTED)
        .select_related("plan__practice", "entered_by")
        .order_by("submitted_at", "pk")
    )


def rows_of(plan: Plan) -> QuerySet[Measurement]:
    return Measurement.objects.filter(plan=plan).select_related("entered_by", "decided_by")


def summary(plan: Plan, user: Any) -> dict[str, Any]:
    """What the evaluation page shows of the measurements: each indicator drawn
    (:func:`chart_items`), how many values wait in each state, the locked periods."""
    counts = dict.fromkeys(State.values, 0)
    latest = None
    for state, updated_at in Measurement.objects.filter(plan=plan).values_list(
        "state", "updated_at"
    ):
        counts[state] += 1
        latest = updated_at if latest is None or updated_at > latest else latest
    language = get_language() or "fr"
    return {
        # Drawing every indicator is most of the page's cost (ten indicators of five years
        # of months: 600 values formatted, ten charts): the page keeps the drawn fragment in
        # the cache under this stamp, which changes with the plan's version and with any
        # value added, changed or moved, and calls ``items`` only when it is not there.
        "items": lambda: chart_items(plan, language),
        "stamp": f"{plan.pk}.{plan.version}.{sum(counts.values())}."
        f"{latest.isoformat() if latest else '-'}",
        "counts": counts,
        "to_submit": counts[DRAFT] + counts[RETURNED],
        "submitted": counts[SUBMITTED],
        "locked": sorted(locked_periods(plan), key=periods.sort_key),
    }


# --------------------------------------------------------------------------------------------
# What the partial evaluation/_series.html draws


def chart_items(plan: Plan, request_language: str) -> list[dict[str, Any]]:
    """Each indicator of the current plan as ``evaluation/_series.html`` draws it, every text
    already written in ``request_language`` (French unless English). One ``item``:

    - ``key``, ``title``, ``description``: the indicator's;
    - ``qualitative``: no chart then, its narratives per period in ``rows``;
    - ``svg``: the line of approved values against the targets and the baseline (safe
      markup; empty for a qualitative indicator);
    - ``rows``: one per period with a value or a target, in time order, each a dict of texts
      ``period``, ``value``, ``target``, ``gap``, ``on_track`` ("oui", "non" or "–"),
      ``detail`` (a rate's numerator / denominator) and ``narrative``;
    - ``baseline``: "10 personnes (2023)", or empty;
    - ``notes``: sentences on what is not shown (values of an earlier definition, values
      waiting for approval);
    - ``breakdowns``: per dimension (``dimension``), per period (``periods``): the
      approved ``categories`` as (category, text) pairs, their ``total`` put together
      honestly (``plans.series.roll_up``) or ``why`` there is none, and the ``narratives``.

    Only approved values are drawn; nothing in an item links to a staff page, so the public
    sheet includes the same partial.
    """
    lang = request_language[:2] if request_language[:2] in localized.LANGS else "fr"
    content = plans.current(plan)
    by_indicator: dict[str, list[pure_series.Value]] = {}
    for value in values(plan):
        by_indicator.setdefault(value.indicator, []).append(value)
    with translation.override(lang):
        return [
            _item(indicator, by_indicator.get(indicator.key, []), lang)
            for indicator in content.indicators
        ]


def _amount(indicator: schema.Indicator, value: Any, lang: str, signed: bool = False) -> str:
    if value is None:
        return ""
    text = localized.number(value, lang, places=indicator.decimals)
    if signed and value > 0:
        text = "+" + text
    return f"{text}\u00a0{indicator.unit}" if indicator.unit else text


def _item(indicator: schema.Indicator, found: list[pure_series.Value], lang: str) -> dict:
    drawn = pure_series.series(indicator, found)
    current = pure_series.comparable(found, indicator.definition)
    pending = sum(1 for value in current if not value.approved)
    notes = []
    if drawn.other_definitions:
        notes.append(
            ngettext(
                "%(count)s valeur enregistrée selon une définition antérieure n’est pas comparée.",
                "%(count)s valeurs enregistrées selon une définition antérieure ne sont pas "
                "comparées.",
                drawn.other_definitions,
            )
            % {"count": drawn.other_definitions}
        )
    if pending:
        notes.append(
            ngettext(
                "%(count)s valeur attend d’être approuvée : elle n’est pas encore comptée.",
                "%(count)s valeurs attendent d’être approuvées : elles ne sont pas encore "
                "comptées.",
                pending,
            )
            % {"count": pending}
        )
    rows = []
    for point in drawn.points:
        track = pure_series.on_track(indicator, point)
        rows.append(
            {
                "period": point.period,
                "value": _amount(indicator, point.value, lang),
                "target": _amount(indicator, point.target, lang),
                "gap": _amount(indicator, point.gap, lang, signed=True),
                "on_track": "–" if track is None else (_("oui") if track else _("non")),
                "detail": (
                    f"{localized.number(point.numerator, lang, places=None)} / "
                    f"{localized.number(point.denominator, lang, places=None)}"
                    if point.numerator is not None and point.denominator is not None
                    else ""
                ),
                "narrative": point.narrative,
            }
        )
    baseline = ""
    if indicator.baseline is not None:
        baseline = (
            f"{_amount(indicator, indicator.baseline.value, lang)} ({indicator.baseline.year})"
        )
    svg = ""
    if indicator.quantitative:
        svg = mark_safe(  # the chart escapes every text it draws
            line_chart(
                [
                    lines.LinePoint(
                        point.period,
                        None if point.value is None else float(point.value),
                        point.target,
                    )
                    for point in drawn.points
                ],
                title=indicator.title,
                words=chart_words.line_wording(lang),
                unit=indicator.unit,
                decimals=indicator.decimals,
                baseline=(
                    (indicator.baseline.value, indicator.baseline.year)
                    if indicator.baseline
                    else None
                ),
            )
        )
    return {
        "key": indicator.key,
        "title": indicator.title,
        "description": indicator.description,
        "qualitative": not indicator.quantitative,
        "svg": svg,
        "rows": rows,
        "baseline": baseline,
        "notes": notes,
        "breakdowns": _breakdowns(indicator, current, lang),
    }


def _breakdowns(
    indicator: schema.Indicator, current: list[pure_series.Value], lang: str
) -> list[dict[str, Any]]:
    approved = [value for value in current if value.dimension and value.approved]
    named = [*indicator.disaggregations]
    named += sorted({value.dimension for value in approved} - set(named))
    found = []
    for dimension in named:
        of_dimension = [value for value in approved if value.dimension == dimension]
        if not of_dimension:
            continue
        by_period: dict[str, list[pure_series.Value]] = {}
        for value in of_dimension:
            by_period.setdefault(value.period, []).append(value)
        rows = []
        for period in sorted(by_period, key=periods.sort_key):
            items = sorted(by_period[period], key=lambda value: value.category)
            total = pure_series.roll_up(indicator, items)
            rows.append(
                {
                    "period": period,
                    "categories": [
                        (value.category, _category_text(indicator, value, lang)) for value in items
                    ],
                    "total": _amount(indicator, total.value, lang),
                    "why": _why(total),
                    "narratives": total.narratives,
                }
            )
        found.append({"dimension": dimension, "periods": rows})
    return found


def _category_text(indicator: schema.Indicator, value: pure_series.Value, lang: str) -> str:
    if not indicator.quantitative:
        return value.narrative
    if indicator.is_rate and value.numerator is not None and value.denominator is not None:
        share = _amount(indicator, rate(value.numerator, value.denominator), lang)
        numbers = (
            f"{localized.number(value.numerator, lang, places=None)} / "
            f"{localized.number(value.denominator, lang, places=None)}"
        )
        return f"{share} ({numbers})" if share else numbers
    return _amount(indicator, value.value, lang)


def _why(total: pure_series.RollUp) -> str:
    """Why a breakdown's total is what it is, in words ("" for a plain sum)."""
    if total.reason == "qualitative":
        return ngettext("%(count)s récit.", "%(count)s récits.", total.contributors) % {
            "count": total.contributors
        }
    if total.reason == "not additive":
        return str(_("Pas de total : ces valeurs ne s’additionnent pas."))
    if total.numerator is not None:
        return str(_("Taux d’ensemble : les numérateurs et les dénominateurs sont additionnés."))
    return ""
