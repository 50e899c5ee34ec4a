"""Horizontal bars: the shares of a question's options, means of a grid, a completion funnel.

Every value is printed as text next to its bar, so a greyscale print loses nothing; a label
too long for three lines gets a smaller size before anything is cut, and the full label is
always in the row's ``<title>`` and in the description.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from vivier.charts.svg import (
    BLUE_FRANCE,
    CHAR_EM,
    DIGIT_EM,
    NBSP,
    SUPPRESSED_STROKE,
    TEXT,
    TEXT_MUTED,
    TRACK,
    WIDTH,
    chart_id,
    esc,
    num,
    svg_document,
    svg_text,
    text_width,
    wrap_label,
)
from vivier.charts.wording import Wording

__all__ = ["bar_chart", "funnel_chart"]

_LABEL_SIZE: Final = 14.0
_SMALL_LABEL_SIZE: Final = 12.0
_VALUE_SIZE: Final = 13.0
_LINE: Final = 1.25  # line height in em
_BAR_HEIGHT: Final = 18.0
_ROW_GAP: Final = 12.0


def _hbars(
    rows: Sequence[tuple[str, float | None, str]],
    *,
    title: str,
    desc: str,
    words: Wording,
    kind: str,
    label_share: float = 0.45,
) -> str:
    """Rows of (label, fraction of the track 0..1 or None when suppressed, value text)."""
    label_w = WIDTH * label_share
    value_w = max([text_width(v, _VALUE_SIZE, em=DIGIT_EM) for _, _, v in rows] + [40.0]) + 8
    track_x = label_w + 10
    track_w = max(WIDTH - track_x - value_w, 80.0)
    body: list[str] = []
    y = 8.0
    for label, fraction, value_text in rows:
        size = _LABEL_SIZE
        lines = wrap_label(label, int(label_w / (CHAR_EM * size)), max_lines=99)
        if len(lines) > 3:
            size = _SMALL_LABEL_SIZE
        lines = wrap_label(label, int(label_w / (CHAR_EM * size)))
        text_h = len(lines) * size * _LINE
        row_h = max(text_h, _BAR_HEIGHT)
        bar_y = y + (row_h - _BAR_HEIGHT) / 2
        body.append(f'<g class="row"><title>{esc(words.said(label, value_text))}</title>')
        first_baseline = y + (row_h - text_h) / 2 + size * 0.95
        for i, line in enumerate(lines):
            body.append(
                svg_text(label_w, first_baseline + i * size * _LINE, line, size=size, anchor="end")
            )
        # A light track shows the scale's full length, so a short bar reads as short.
        body.append(
            f'<rect x="{num(track_x)}" y="{num(bar_y)}" width="{num(track_w)}"'
            f' height="{num(_BAR_HEIGHT)}" fill="{TRACK}"/>'
        )
        value_y = bar_y + _BAR_HEIGHT / 2 + _VALUE_SIZE * 0.35
        if fraction is None:
            # Suppressed small cell: an empty dashed box, never a bar of a guessed length.
            body.append(
                f'<rect class="suppressed" x="{num(track_x)}" y="{num(bar_y + 0.5)}"'
                f' width="36" height="{num(_BAR_HEIGHT - 1)}" fill="#FFFFFF"'
                f' stroke="{SUPPRESSED_STROKE}" stroke-dasharray="3 2"/>'
            )
            body.append(
                svg_text(track_x + 42, value_y, value_text, size=_VALUE_SIZE, fill=TEXT_MUTED)
            )
        else:
            bar_w = track_w * min(max(fraction, 0.0), 1.0)
            body.append(
                f'<rect class="bar" x="{num(track_x)}" y="{num(bar_y)}" width="{num(bar_w)}"'
                f' height="{num(_BAR_HEIGHT)}" fill="{BLUE_FRANCE}"/>'
            )
            body.append(svg_text(track_x + bar_w + 6, value_y, value_text, size=_VALUE_SIZE))
        body.append("</g>")
        y += row_h + _ROW_GAP
    if not rows:
        body.append(svg_text(WIDTH / 2, 24, words.no_data, anchor="middle"))
        y = 40
    # Baseline of the bars: where 0 is.
    body.append(
        f'<line x1="{num(track_x)}" y1="2" x2="{num(track_x)}" y2="{num(y - _ROW_GAP + 6)}"'
        f' stroke="{TEXT}" stroke-width="1"/>'
    )
    height = y - _ROW_GAP + 8
    ident = chart_id(kind, title, rows, words.lang)
    return svg_document(
        width=WIDTH,
        height=height,
        title=title,
        desc=desc,
        body=body,
        lang=words.lang,
        ident=ident,
        kind=kind,
    )


def _value_text(value: float, unit: str, words: Wording) -> str:
    if unit == "%":
        return words.percent(value, 1)
    decimals = 0 if float(value).is_integer() else 1
    text = words.number(value, decimals)
    return f"{text}{NBSP}{unit}" if unit else text


def bar_chart(
    rows: Sequence[tuple[str, float | None, int | None]],
    *,
    title: str,
    words: Wording,
    unit: str = "%",
    max_value: float | None = None,
    threshold: int | None = 5,
) -> str:
    """Horizontal bars, one per row ``(label, value, count)``; the value is printed after
    its bar ("59,0 % (768)" when the count is given).

    ``unit`` "%" writes values as percentages; any other unit (in the caller's words) is
    written after the number, none when empty. The scale runs from 0 to ``max_value``; by
    default 100 for percentages (so that shares of one question compare with those of
    another) unless a value exceeds it (multiple choice shares can), else the largest value.
    A ``None`` value is a suppressed small cell (``suppression.suppress``): an empty dashed
    box and "masqué (< 5)" with ``threshold``.
    """
    values = [v for _, v, _ in rows if v is not None]
    top = max(values, default=0.0)
    if max_value is None:
        max_value = max(100.0, top) if unit == "%" else top
    scale = max_value if max_value > 0 else 1.0
    drawn: list[tuple[str, float | None, str]] = []
    said: list[str] = []
    for label, value, count in rows:
        if value is None:
            if threshold is None:
                drawn.append((label, None, words.suppressed))
                said.append(f"{label} {words.suppressed}")
            else:
                limit = words.count(threshold)
                drawn.append((label, None, words.suppressed_below.format(threshold=limit)))
                said.append(f"{label} {words.suppressed_below_said.format(threshold=limit)}")
            continue
        text = _value_text(value, unit, words)
        if count is not None:
            text += f" ({words.count(count)})"
        drawn.append((label, value / scale, text))
        said.append(f"{label} {text}")
    desc = words.bars.format(items=", ".join(said) if said else words.no_data)
    return _hbars(drawn, title=title, desc=desc + ".", words=words, kind="bar")


def funnel_chart(steps: Sequence[tuple[str, int]], *, title: str, words: Wording) -> str:
    """How many responses reached each step (section), as horizontal bars scaled to the
    first step, each labelled "1 301 (73,5 %)" with the share of the first step."""
    first = steps[0][1] if steps else 0
    drawn: list[tuple[str, float | None, str]] = []
    said: list[str] = []
    for label, reached in steps:
        share = 100 * reached / first if first else 0.0
        text = f"{words.count(reached)} ({words.percent(share, 1)})"
        drawn.append((label, reached / first if first else 0.0, text))
        said.append(f"{label} {text}")
    desc = words.funnel.format(items=", ".join(said) if said else words.no_data)
    return _hbars(drawn, title=title, desc=desc + ".", words=words, kind="funnel")
