"""Every word a chart draws, and how it writes numbers and dates: given by the caller.

The charts are pure: they cannot call gettext nor read a locale, so the caller hands them a
:class:`Wording` (the Django shell builds it in ``vivier.reports.chart_words`` from the
translation catalogue and ``django.utils.formats``). Sentences are ``str.format`` templates
whose fields are named, so that a translation can reorder them; counts with a plural are
functions, so that the caller's plural rule decides between "0 réponse" and "0 responses".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = ["Counted", "DateKind", "DateWriter", "NumberWriter", "Unit", "Wording"]

#: The dates a chart writes: "long" with its weekday (the peak, each day's tooltip), "date"
#: (the period), "short" (the axis' ticks, where room is short).
DateKind = Literal["long", "date", "short"]
#: ``(day, kind) -> text``: the caller's words for a date.
DateWriter = Callable[[date, DateKind], str]
#: ``(value, decimals) -> text``: the caller's way of writing a number ("1 771", "59,0"),
#: rounded half away from zero like the report's figures.
NumberWriter = Callable[[float, int], str]
#: ``n -> text``: a count with its noun, in the right plural form ("57 réponses").
Counted = Callable[[int], str]


@dataclass(frozen=True, slots=True)
class Unit:
    """What the counts of a tile map count: survey answers in reports, practices in the
    catalogue."""

    #: ``57 -> "57 réponses"``, ``0 -> "0 réponse"``.
    count: Counted
    #: The legend's title: "Réponses".
    title: str
    #: ``99 -> "99 départements sans réponse"``: how many tiles count nothing.
    missing: Counted


@dataclass(frozen=True, slots=True)
class Wording:
    """One language's words for the charts. Templates name their fields in braces."""

    #: The language tag written on the SVG (``lang="fr"``), for screen readers.
    lang: str
    number: NumberWriter
    #: ``(value, decimals) -> "59,0 %"``.
    percent: NumberWriter
    date: DateWriter
    #: The default unit of counts: responses.
    responses: Unit
    #: ``45 -> "45 jours"``: the timeline's span.
    days: Counted
    #: Drawn in place of an empty chart: "Aucune donnée".
    no_data: str
    #: ``{label}`` and ``{value}``: a row's tooltip, a day's, the peak's text ("lundi 24 août
    #: 2020 : 362").
    value_of: str
    #: Between the clauses of a description: " ; " in French, "; " in English.
    clauses: str
    #: ``{items}``: the description of horizontal bars.
    bars: str
    #: ``{items}``: the description of a completion funnel.
    funnel: str
    #: Drawn for a suppressed small cell.
    suppressed: str
    #: ``{threshold}``: drawn for a suppressed cell when the threshold may be said.
    suppressed_below: str
    #: ``{threshold}``: said in the description of that cell.
    suppressed_below_said: str
    #: The description of a timeline without days.
    per_day_empty: str
    #: ``{first}``, ``{last}``, ``{total}``, ``{days}``: the description of a timeline.
    per_day: str
    #: ``{day}``, ``{count}``: the peak's clause in that description.
    peak: str
    #: ``{total}``: the first clause of the tile map's description.
    tile_map: str
    #: ``{items}``: the départements counting most.
    tile_map_most: str
    #: ``{items}``: the legend's classes.
    tile_map_classes: str
    #: ``{count}``: counts whose code is no département.
    tile_map_elsewhere: str
    #: The caption of the overseas row.
    overseas: str

    def count(self, value: int) -> str:
        return self.number(value, 0)

    def said(self, label: str, value: str) -> str:
        return self.value_of.format(label=label, value=value)
