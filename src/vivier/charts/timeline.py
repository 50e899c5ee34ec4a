"""Responses per day as vertical bars, Mondays ticked, the peak day in the accent colour."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from vivier.charts.svg import (
    ACCENT,
    BLUE_FRANCE,
    GRID,
    TEXT,
    WIDTH,
    chart_id,
    esc,
    num,
    svg_document,
    svg_text,
    text_width,
)
from vivier.charts.wording import Wording

__all__ = ["nice_ceiling", "timeline_chart"]


def nice_ceiling(value: float) -> tuple[float, float]:
    """An axis maximum >= value and its tick step, from steps of 1, 2 or 5 x 10^k with four
    or five ticks: 362 -> (400, 100), 57 -> (60, 20)."""
    if value <= 0:
        return 1.0, 1.0
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if step >= raw:
            break
    return math.ceil(value / step) * step, step


def timeline_chart(
    days: Sequence[tuple[date, int]],
    *,
    title: str,
    words: Wording,
    peak: tuple[date, int] | None = None,
    annotate_peak: bool = True,
) -> str:
    """Responses per day as vertical bars, Mondays ticked and labelled, the peak day in the
    accent colour with its date and count written above it ("lundi 24 août 2020 : 362").

    Days are placed by date, so a missing day is a gap, not a shifted bar. Without ``peak``
    the busiest day is found here (the earliest on a tie, as in the report).
    """
    series = sorted(days)
    width, height = WIDTH, 300.0
    left, right, top, bottom = 52.0, 16.0, 44.0, 40.0
    plot_w, plot_h = width - left - right, height - top - bottom
    body: list[str] = []
    if not series:
        body.append(svg_text(width / 2, height / 2, words.no_data, anchor="middle"))
        return svg_document(
            width=width,
            height=height,
            title=title,
            desc=words.per_day_empty,
            body=body,
            lang=words.lang,
            ident=chart_id("timeline", title, series, words.lang),
            kind="timeline",
        )
    first, last = series[0][0], series[-1][0]
    span = (last - first).days + 1
    if peak is None:
        best = max(series, key=lambda d: (d[1], -d[0].toordinal()))
        peak = best if best[1] > 0 else None
    highest = max([c for _, c in series] + ([peak[1]] if peak else []))
    y_max, y_step = nice_ceiling(highest)
    slot = plot_w / span
    gap = 1.0 if slot > 4 else 0.0

    def y_of(v: float) -> float:
        return top + plot_h * (1 - v / y_max)

    # Horizontal grid and the count axis.
    tick = 0.0
    while tick <= y_max + 1e-9:
        y = y_of(tick)
        body.append(
            f'<line x1="{num(left)}" y1="{num(y)}" x2="{num(width - right)}" y2="{num(y)}"'
            f' stroke="{GRID if tick else TEXT}" stroke-width="1"/>'
        )
        body.append(svg_text(left - 6, y + 4, words.count(int(tick)), size=12, anchor="end"))
        tick += y_step
    for day, count in series:
        if count <= 0:
            continue
        x = left + (day - first).days * slot + gap / 2
        is_peak = peak is not None and day == peak[0]
        tooltip = words.said(words.date(day, "long"), words.count(count))
        body.append(
            f'<rect class="{"bar peak" if is_peak else "bar"}" x="{num(x)}"'
            f' y="{num(y_of(count))}" width="{num(max(slot - gap, 0.5))}"'
            f' height="{num(plot_h * count / y_max)}" fill="{ACCENT if is_peak else BLUE_FRANCE}">'
            f"<title>{esc(tooltip)}</title></rect>"
        )
    # Weekly ticks on Mondays: the campaign's rhythm is weekly (relays, reminders).
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    base = top + plot_h
    while monday <= last:
        x = left + ((monday - first).days + 0.5) * slot
        body.append(
            f'<line x1="{num(x)}" y1="{num(base)}" x2="{num(x)}" y2="{num(base + 5)}"'
            f' stroke="{TEXT}" stroke-width="1"/>'
        )
        label = words.date(monday, "short")
        half = text_width(label, 12) / 2
        label_x = min(max(x, half + 2), width - half - 2)  # keep edge labels inside the box
        body.append(svg_text(label_x, base + 19, label, size=12, anchor="middle"))
        monday += timedelta(days=7)
    if peak is not None and annotate_peak and first <= peak[0] <= last:
        peak_text = words.said(words.date(peak[0], "long"), words.count(peak[1]))
        x = left + ((peak[0] - first).days + 0.5) * slot
        y = y_of(peak[1])
        half = text_width(peak_text, 13) / 2
        text_x = min(max(x, half + 4), width - half - 4)
        body.append(
            f'<line class="peak-leader" x1="{num(x)}" y1="{num(y - 2)}" x2="{num(x)}"'
            f' y2="{num(top - 14)}" stroke="{TEXT}" stroke-width="1"/>'
        )
        body.append(svg_text(text_x, top - 18, peak_text, size=13, anchor="middle", weight="bold"))
    total = sum(c for _, c in series)
    desc = words.per_day.format(
        first=words.date(first, "date"),
        last=words.date(last, "date"),
        total=words.responses.count(total),
        days=words.days(span),
    )
    if peak is not None:
        desc += words.clauses + words.peak.format(
            day=words.date(peak[0], "long"), count=words.count(peak[1])
        )
    return svg_document(
        width=width,
        height=height,
        title=title,
        desc=desc + ".",
        body=body,
        lang=words.lang,
        ident=chart_id("timeline", title, series, peak, words.lang),
        kind="timeline",
    )
