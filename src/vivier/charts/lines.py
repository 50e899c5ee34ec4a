"""An indicator over time against its target: approved values as a line, targets as a dashed
line, the baseline as a dotted rule.

Values, targets and the baseline differ by line style and marker shape, not by colour only
(a greyscale print loses nothing), and every value is in a ``<title>`` and in the
description. Periods are placed one per slot, in the order given (the caller sorts them), so
a period without a value is a gap in the line, never a shifted point.

Every word comes from the caller's :class:`LineWording`, like :class:`~vivier.charts.wording
.Wording` for the other charts (the Django shell builds it in
``vivier.evaluation.chart_words``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from vivier.charts.svg import (
    BLUE_FRANCE,
    DIGIT_EM,
    GRID,
    NBSP,
    TEXT,
    TEXT_MUTED,
    WIDTH,
    chart_id,
    esc,
    num,
    svg_document,
    svg_text,
    text_width,
)
from vivier.charts.timeline import nice_ceiling
from vivier.charts.wording import NumberWriter

__all__ = ["LinePoint", "LineWording", "line_chart"]

_HEIGHT: Final = 320.0
_TOP: Final = 56.0
_BOTTOM: Final = 40.0
_RIGHT: Final = 16.0
_TICK_SIZE: Final = 12.0
_VALUE_SIZE: Final = 12.0
#: Beyond this many periods, values are no longer written above their points (they overlap);
#: they stay in each point's title and in the description.
_LABELLED_POINTS: Final = 12
_TARGET_DASH: Final = "7 4"
_BASELINE_DASH: Final = "2 3"


@dataclass(frozen=True, slots=True)
class LineWording:
    """One language's words for the line chart. Templates name their fields in braces."""

    #: The language tag written on the SVG (``lang="fr"``).
    lang: str
    #: ``(value, decimals) -> "1 250,5"``.
    number: NumberWriter
    #: Drawn in place of an empty chart.
    no_data: str
    #: The legend's entries.
    values_legend: str
    targets_legend: str
    #: ``{year}``: the baseline's legend entry ("Situation de départ (2023)").
    baseline_legend: str
    #: ``{period}``, ``{value}``: a value's tooltip ("2024 : 12 personnes").
    value_of: str
    #: ``{period}``, ``{value}``: a target's tooltip ("2024 : cible 15 personnes").
    target_of: str
    #: ``{items}``: the description's clause of the values.
    values_said: str
    #: The description's clause when no value is approved.
    no_values_said: str
    #: ``{items}``: the description's clause of the targets.
    targets_said: str
    #: ``{value}``, ``{year}``: the description's clause of the baseline.
    baseline_said: str
    #: Between the clauses of a description: " ; " in French, "; " in English.
    clauses: str
    #: Between the items of a clause: ", ".
    items: str


@dataclass(frozen=True, slots=True)
class LinePoint:
    """One period: its label as written ("2024-T2"), its value and its target (or none)."""

    label: str
    value: float | None
    target: float | None = None


def _amount(value: float, unit: str, decimals: int, words: LineWording) -> str:
    text = words.number(value, decimals)
    return f"{text}{NBSP}{unit}" if unit else text


def _runs(coordinates: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Consecutive points with a value: a period without one breaks the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in coordinates:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def _polyline(run: Sequence[tuple[float, float]], colour: str, dash: str = "") -> str:
    points = " ".join(f"{num(x)},{num(y)}" for x, y in run)
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dashed}/>'


def _circle(x: float, y: float, tooltip: str) -> str:
    return (
        f'<circle class="value" cx="{num(x)}" cy="{num(y)}" r="4.5" fill="{BLUE_FRANCE}">'
        f"<title>{esc(tooltip)}</title></circle>"
    )


def _square(x: float, y: float, tooltip: str) -> str:
    return (
        f'<rect class="target" x="{num(x - 4)}" y="{num(y - 4)}" width="8" height="8"'
        f' fill="#FFFFFF" stroke="{TEXT_MUTED}" stroke-width="2"><title>{esc(tooltip)}</title>'
        "</rect>"
    )


def _legend(words: LineWording, baseline: tuple[float, int] | None, targets: bool) -> list[str]:
    body: list[str] = []
    x, y = 8.0, 18.0
    entries: list[tuple[str, str]] = [("value", words.values_legend)]
    if targets:
        entries.append(("target", words.targets_legend))
    if baseline is not None:
        entries.append(("baseline", words.baseline_legend.format(year=baseline[1])))
    for kind, label in entries:
        if kind == "value":
            body.append(_polyline([(x, y), (x + 28, y)], BLUE_FRANCE))
            body.append(f'<circle cx="{num(x + 14)}" cy="{num(y)}" r="4.5" fill="{BLUE_FRANCE}"/>')
        elif kind == "target":
            body.append(_polyline([(x, y), (x + 28, y)], TEXT_MUTED, _TARGET_DASH))
            body.append(
                f'<rect x="{num(x + 10)}" y="{num(y - 4)}" width="8" height="8" fill="#FFFFFF"'
                f' stroke="{TEXT_MUTED}" stroke-width="2"/>'
            )
        else:
            body.append(_polyline([(x, y), (x + 28, y)], TEXT, _BASELINE_DASH))
        body.append(svg_text(x + 34, y + 4, label, size=_TICK_SIZE))
        x += 34 + text_width(label, _TICK_SIZE) + 18
    return body


def line_chart(
    points: Sequence[LinePoint],
    *,
    title: str,
    words: LineWording,
    unit: str = "",
    decimals: int = 0,
    baseline: tuple[float, int] | None = None,
) -> str:
    """The values of ``points`` as a line against their targets and ``baseline`` (value,
    year), on a scale from 0; ``unit`` (the caller's words) follows every number written.

    Values are written above their points when there are few periods; every value and
    target is in its point's tooltip and in the description, in period order.
    """
    width = WIDTH
    body: list[str] = []
    values = [p.value for p in points if p.value is not None]
    targets = [p.target for p in points if p.target is not None]
    ident = chart_id("line", title, tuple(points), unit, decimals, baseline, words.lang)
    if not values and not targets:
        body.append(svg_text(width / 2, _HEIGHT / 2, words.no_data, anchor="middle"))
        return svg_document(
            width=width,
            height=_HEIGHT,
            title=title,
            desc=words.no_values_said + ".",
            body=body,
            lang=words.lang,
            ident=ident,
            kind="line",
        )
    highest = max([*values, *targets, baseline[0] if baseline else 0.0])
    y_max, y_step = nice_ceiling(highest)
    ticks = [y_step * i for i in range(round(y_max / y_step) + 1)]
    # As many decimals as the step needs (0.25 needs two), and no more.
    places = next((d for d in range(4) if all(abs(round(t, d) - t) < 1e-9 for t in ticks)), 4)
    tick_texts = [words.number(t, places) for t in ticks]
    left = max(text_width(t, _TICK_SIZE, em=DIGIT_EM) for t in tick_texts) + 14
    plot_w, plot_h = width - left - _RIGHT, _HEIGHT - _TOP - _BOTTOM
    slot = plot_w / len(points)

    def x_of(index: int) -> float:
        return left + (index + 0.5) * slot

    def y_of(value: float) -> float:
        return _TOP + plot_h * (1 - value / y_max)

    for tick, text in zip(ticks, tick_texts, strict=True):
        y = y_of(tick)
        body.append(
            f'<line x1="{num(left)}" y1="{num(y)}" x2="{num(width - _RIGHT)}" y2="{num(y)}"'
            f' stroke="{GRID if tick else TEXT}" stroke-width="1"/>'
        )
        body.append(svg_text(left - 6, y + 4, text, size=_TICK_SIZE, anchor="end"))
    # Period labels, thinned so that they never overlap (every one is in the description).
    widest = max(text_width(p.label, _TICK_SIZE, em=DIGIT_EM) for p in points) + 8
    every = max(1, math.ceil(widest / slot))
    base = _TOP + plot_h
    for index, point in enumerate(points):
        if index % every:
            continue
        body.append(svg_text(x_of(index), base + 20, point.label, size=_TICK_SIZE, anchor="middle"))
    body.extend(_legend(words, baseline, bool(targets)))
    if baseline is not None:
        y = y_of(baseline[0])
        body.append(
            f'<line class="baseline" x1="{num(left)}" y1="{num(y)}" x2="{num(width - _RIGHT)}"'
            f' y2="{num(y)}" stroke="{TEXT}" stroke-width="2"'
            f' stroke-dasharray="{_BASELINE_DASH}"/>'
        )
    said_targets: list[str] = []
    target_xy: list[tuple[float, float] | None] = []
    for index, point in enumerate(points):
        if point.target is None:
            target_xy.append(None)
            continue
        target_xy.append((x_of(index), y_of(point.target)))
        said_targets.append(
            words.value_of.format(
                period=point.label, value=_amount(point.target, unit, decimals, words)
            )
        )
    for run in _runs(target_xy):
        if len(run) > 1:
            body.append(_polyline(run, TEXT_MUTED, _TARGET_DASH))
    for index, point in enumerate(points):
        if point.target is not None:
            amount = _amount(point.target, unit, decimals, words)
            tooltip = words.target_of.format(period=point.label, value=amount)
            body.append(_square(x_of(index), y_of(point.target), tooltip))
    said_values: list[str] = []
    value_xy: list[tuple[float, float] | None] = []
    for index, point in enumerate(points):
        value_xy.append(None if point.value is None else (x_of(index), y_of(point.value)))
    for run in _runs(value_xy):
        if len(run) > 1:
            body.append(_polyline(run, BLUE_FRANCE))
    for index, point in enumerate(points):
        if point.value is None:
            continue
        amount = _amount(point.value, unit, decimals, words)
        tooltip = words.value_of.format(period=point.label, value=amount)
        said_values.append(tooltip)
        x, y = x_of(index), y_of(point.value)
        body.append(_circle(x, y, tooltip))
        if len(points) <= _LABELLED_POINTS:
            body.append(
                svg_text(x, y - 10, amount, size=_VALUE_SIZE, anchor="middle", weight="bold")
            )
    clauses = [
        words.values_said.format(items=words.items.join(said_values))
        if said_values
        else words.no_values_said
    ]
    if said_targets:
        clauses.append(words.targets_said.format(items=words.items.join(said_targets)))
    if baseline is not None:
        clauses.append(
            words.baseline_said.format(
                value=_amount(baseline[0], unit, decimals, words), year=baseline[1]
            )
        )
    return svg_document(
        width=width,
        height=_HEIGHT,
        title=title,
        desc=words.clauses.join(clauses) + ".",
        body=body,
        lang=words.lang,
        ident=ident,
        kind="line",
    )
