"""Server-side SVG charts in DSFR colours: pure functions from figures to an SVG string.

The same string is inlined in the staff dashboard, in the HTML/PDF report (WeasyPrint draws
inline SVG) and, through :func:`to_png`, in the DOCX report. Hence the rules every chart
follows:

* no JavaScript and no CSS classes to resolve: every colour and size is an attribute, so the
  SVG looks the same in a browser, in WeasyPrint and in CairoSVG;
* ``role="img"`` with ``aria-labelledby`` pointing at a ``<title>`` and a ``<desc>`` that
  says the figures in words; the drawing itself is ``aria-hidden``;
* a fixed ``viewBox`` and ``width="100%"``: the chart scales with its container;
* every value is printed as text next to its mark, so a greyscale print loses nothing;
* user text (question and option labels) is XML-escaped; numbers are written the French way
  by default ("59,0 %", "1 771" with a narrow no-break space), in English with ``lang="en"``;
  dates are written by the caller's ``dates`` function (:data:`DateWriter`): the Django shell
  gives ``vivier.reports.localized.date_text``, Django's locale data, so this module holds no
  month names and imports no Django.

Colours (checked against white in the tests): blue France ``#000091`` (15.9:1) for marks,
``#3A3A3A`` (11.4:1) for text, ``#666666`` (5.7:1) for secondary text, ``#DDDDDD`` for grid
lines (decoration only, never the sole carrier of information) and ``#E1000F`` (4.9:1) as the
one accent, kept for the timeline's peak.

``tile_map`` lives in :mod:`vivier.reports.tilemap` with its grid of départements; it is
re-exported here so that callers can find every chart in one module.
"""

from __future__ import annotations

import functools
import hashlib
import html
import math
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Final, Literal, NamedTuple

__all__ = [
    "BLUE_FRANCE",
    "FONT_FAMILY",
    "DateKind",
    "DateWriter",
    "Unit",
    "bar_chart",
    "contrast_ratio",
    "format_count",
    "format_number",
    "format_percent",
    "funnel_chart",
    "relative_luminance",
    "tile_map",
    "timeline_chart",
    "to_png",
]

BLUE_FRANCE: Final = "#000091"
ACCENT: Final = "#E1000F"
TEXT: Final = "#3A3A3A"
TEXT_MUTED: Final = "#666666"
GRID: Final = "#DDDDDD"
TRACK: Final = "#F6F6F6"
SUPPRESSED_STROKE: Final = "#929292"
# Marianne is the DSFR typeface; Arial (Liberation Sans on Linux) has the same metrics class
# and covers the narrow no-break space used in French numbers.
FONT_FAMILY: Final = "Marianne, Arial, sans-serif"
# Average advance of a character in em for Marianne/Arial at regular weight: a deliberately
# generous estimate, so that wrapped labels and value texts never overflow their box.
CHAR_EM: Final = 0.55
# Figures are wider than the average letter (0.56 em in Arial, 0.64 in DejaVu Sans, the
# fallback of CairoSVG when Marianne is missing): value texts are mostly figures.
DIGIT_EM: Final = 0.64

NBSP: Final = "\u00a0"  # before "%" and ":" units: a full no-break space
NNBSP: Final = "\u202f"  # thousands separator: the narrow no-break space of French typography

LANGS: Final = ("fr", "en")

_WORDS: Final[dict[str, dict[str, str]]] = {
    "fr": {
        "bars": "Barres horizontales",
        "funnel": "Entonnoir de complétion",
        "suppressed": "masqué",
        "suppressed_desc": "masqué (effectif trop faible)",
        "below": "moins de",
        "responses_one": "réponse",
        "responses_many": "réponses",
        "per_day": "Réponses par jour",
        "from": "du",
        "to": "au",
        "over": "en",
        "days": "jours",
        "peak": "pic le",
        "no_data": "Aucune donnée",
        "colon": " : ",
    },
    "en": {
        "bars": "Horizontal bars",
        "funnel": "Completion funnel",
        "suppressed": "suppressed",
        "suppressed_desc": "suppressed (too few answers)",
        "below": "fewer than",
        "responses_one": "response",
        "responses_many": "responses",
        "per_day": "Responses per day",
        "from": "from",
        "to": "to",
        "over": "over",
        "days": "days",
        "peak": "peak on",
        "no_data": "No data",
        "colon": ": ",
    },
}

#: The dates a chart writes: "long" with its weekday (the peak, each day's tooltip), "date"
#: (the period), "short" (the axis' ticks, where room is short).
DateKind = Literal["long", "date", "short"]
#: ``(day, kind, lang) -> text``: the caller's words for a date.
DateWriter = Callable[[date, DateKind, str], str]


class Unit(NamedTuple):
    """What a count counts, singular and plural ("réponse", "réponses"): the map shows
    survey answers in reports and practices in the catalogue. French sentences around it
    agree with a feminine noun, as both are."""

    one: str
    many: str


def unit_for(lang: str) -> Unit:
    """The default unit: responses."""
    words = words_for(lang)
    return Unit(words["responses_one"], words["responses_many"])


# --------------------------------------------------------------------------- words, numbers


def words_for(lang: str) -> dict[str, str]:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return _WORDS[lang]


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def format_number(value: float, *, decimals: int = 0, lang: str = "fr") -> str:
    """``1771`` -> "1 771" (narrow no-break space) in French, "1,771" in English.

    Rounding is half away from zero, like the report's figures, so a value printed here
    never disagrees with the same value in the JSON report.
    """
    words_for(lang)
    scale = 10**decimals
    scaled = math.floor(abs(value) * scale + 0.5)
    sign = "-" if value < 0 and scaled else ""
    whole, frac = divmod(scaled, scale)
    text = _group(str(whole), NNBSP if lang == "fr" else ",")
    if decimals:
        text += ("," if lang == "fr" else ".") + str(frac).zfill(decimals)
    return sign + text


def format_count(value: int, *, lang: str = "fr") -> str:
    return format_number(value, lang=lang)


def format_percent(value: float, *, decimals: int = 1, lang: str = "fr") -> str:
    """``59`` -> "59,0 %" (no-break space before the sign) in French, "59.0%" in English."""
    number = format_number(value, decimals=decimals, lang=lang)
    return f"{number}{NBSP}%" if lang == "fr" else f"{number}%"


def responses_text(n: int, lang: str, unit: Unit | None = None) -> str:
    """ "362 réponses", "1 réponse", "0 réponse" / "0 responses"; or of ``unit``."""
    one, many = unit or unit_for(lang)
    # French keeps the singular for 0 and 1 ("0 réponse"); English only for 1.
    singular = n <= 1 if lang == "fr" else n == 1
    return f"{format_count(n, lang=lang)} {one if singular else many}"


# --------------------------------------------------------------------------- colours


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#RRGGBB`` colour."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"expected #RRGGBB, got {colour!r}")

    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(value[i : i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two ``#RRGGBB`` colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# --------------------------------------------------------------------------- SVG plumbing

# Characters XML 1.0 forbids even when escaped: a stray control character pasted into a
# questionnaire label must not make the whole report unparsable.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def esc(text: object) -> str:
    """Escape text for an XML element or a double- or single-quoted attribute."""
    return html.escape(_XML_INVALID.sub("", str(text)), quote=True)


def num(value: float) -> str:
    """A coordinate: two decimals at most, no trailing zeros, never "-0"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text_width(text: str, font_size: float, *, em: float = CHAR_EM) -> float:
    return len(text) * em * font_size


def chart_id(kind: str, *parts: object) -> str:
    """A stable id from the chart's content: the same figures give the same SVG (cacheable,
    testable), and two different charts on one page do not share ids."""
    digest = hashlib.sha1(repr((kind, *parts)).encode("utf-8"), usedforsecurity=False)
    return f"vc-{kind}-{digest.hexdigest()[:10]}"


def svg_document(
    *,
    width: float,
    height: float,
    title: str,
    desc: str,
    body: Sequence[str],
    lang: str,
    ident: str,
    kind: str,
) -> str:
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(width)} {num(height)}"'
            f' width="100%" role="img" aria-labelledby="{ident}-title {ident}-desc"'
            f' lang="{lang}" font-family="{FONT_FAMILY}" class="vivier-chart vivier-chart-{kind}">',
            f'<title id="{ident}-title">{esc(title)}</title>',
            f'<desc id="{ident}-desc">{esc(desc)}</desc>',
            '<g aria-hidden="true">',
            *body,
            "</g>",
            "</svg>",
        ]
    )


def svg_text(
    x: float,
    y: float,
    text: str,
    *,
    size: float = 14,
    fill: str = TEXT,
    anchor: str = "start",
    weight: str | None = None,
) -> str:
    extra = f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" fill="{fill}"'
        f' text-anchor="{anchor}"{extra}>{esc(text)}</text>'
    )


def wrap_label(text: str, max_chars: int, max_lines: int = 3) -> list[str]:
    """Greedy word wrap to ``max_lines`` lines of ``max_chars``; words longer than a line are
    split; only what still does not fit is cut, with an ellipsis."""
    words = text.split()
    if not words:
        return [""]
    lines: list[str] = []
    current = ""
    for word in words:
        while len(word) > max_chars:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: max_chars - 1] + "-")
            word = word[max_chars - 1 :]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= max_chars:
            current += " " + word
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > max_lines:
        last = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], last[: max_chars - 1].rstrip() + "…"]
    return lines


# --------------------------------------------------------------------------- horizontal bars

_WIDTH: Final = 640.0
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
    lang: str,
    kind: str,
    label_share: float = 0.45,
) -> str:
    """Rows of (label, fraction of the track 0..1 or None when suppressed, value text)."""
    label_w = _WIDTH * label_share
    value_w = max([text_width(v, _VALUE_SIZE, em=DIGIT_EM) for _, _, v in rows] + [40.0]) + 8
    track_x = label_w + 10
    track_w = max(_WIDTH - track_x - value_w, 80.0)
    body: list[str] = []
    y = 8.0
    for label, fraction, value_text in rows:
        # A label that needs more than three lines at the normal size gets a smaller size
        # before anything is cut; the full label is always in the row's <title> and <desc>.
        size = _LABEL_SIZE
        lines = wrap_label(label, int(label_w / (CHAR_EM * size)), max_lines=99)
        if len(lines) > 3:
            size = _SMALL_LABEL_SIZE
        lines = wrap_label(label, int(label_w / (CHAR_EM * size)))
        text_h = len(lines) * size * _LINE
        row_h = max(text_h, _BAR_HEIGHT)
        bar_y = y + (row_h - _BAR_HEIGHT) / 2
        body.append(f'<g class="row"><title>{esc(label)} : {esc(value_text)}</title>')
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
        body.append(svg_text(_WIDTH / 2, 24, words_for(lang)["no_data"], anchor="middle"))
        y = 40
    # Baseline of the bars: where 0 is.
    body.append(
        f'<line x1="{num(track_x)}" y1="2" x2="{num(track_x)}" y2="{num(y - _ROW_GAP + 6)}"'
        f' stroke="{TEXT}" stroke-width="1"/>'
    )
    height = y - _ROW_GAP + 8
    ident = chart_id(kind, title, rows, lang)
    return svg_document(
        width=_WIDTH,
        height=height,
        title=title,
        desc=desc,
        body=body,
        lang=lang,
        ident=ident,
        kind=kind,
    )


def _value_text(value: float, unit: str, lang: str) -> str:
    if unit == "%":
        return format_percent(value, lang=lang)
    decimals = 0 if float(value).is_integer() else 1
    text = format_number(value, decimals=decimals, lang=lang)
    return f"{text}{NBSP}{unit}" if unit else text


def bar_chart(
    rows: Sequence[tuple[str, float | None, int | None]],
    *,
    title: str,
    unit: str = "%",
    lang: str = "fr",
    max_value: float | None = None,
    threshold: int | None = 5,
) -> str:
    """Horizontal bars, one per row ``(label, value, count)``; the value is printed after
    its bar ("59,0 % (768)" when the count is given).

    The scale runs from 0 to ``max_value``; by default 100 for percentages (so that shares
    of one question compare with those of another) unless a value exceeds it (multiple
    choice shares can), else the largest value. A ``None`` value is a suppressed small cell
    (``suppression.suppress``): an empty dashed box and "masqué (< 5)" with ``threshold``.
    """
    words = words_for(lang)
    values = [v for _, v, _ in rows if v is not None]
    top = max(values, default=0.0)
    if max_value is None:
        max_value = max(100.0, top) if unit == "%" else top
    scale = max_value if max_value > 0 else 1.0
    drawn: list[tuple[str, float | None, str]] = []
    said: list[str] = []
    for label, value, count in rows:
        if value is None:
            below = f" (<{NBSP}{threshold})" if threshold is not None else ""
            drawn.append((label, None, words["suppressed"] + below))
            detail = f" ({words['below']} {threshold})" if threshold is not None else ""
            said.append(f"{label} {words['suppressed']}{detail}")
            continue
        text = _value_text(value, unit, lang)
        if count is not None:
            text += f" ({format_count(count, lang=lang)})"
        drawn.append((label, value / scale, text))
        said.append(f"{label} {text}")
    desc = f"{words['bars']}{words['colon']}" + (", ".join(said) if said else words["no_data"])
    return _hbars(drawn, title=title, desc=desc + ".", lang=lang, kind="bar")


def funnel_chart(steps: Sequence[tuple[str, int]], *, title: str, lang: str = "fr") -> str:
    """How many responses reached each step (section), as horizontal bars scaled to the
    first step, each labelled "1 301 (73,5 %)" with the share of the first step."""
    words = words_for(lang)
    first = steps[0][1] if steps else 0
    drawn: list[tuple[str, float | None, str]] = []
    said: list[str] = []
    for label, reached in steps:
        share = 100 * reached / first if first else 0.0
        text = f"{format_count(reached, lang=lang)} ({format_percent(share, lang=lang)})"
        drawn.append((label, reached / first if first else 0.0, text))
        said.append(f"{label} {text}")
    desc = f"{words['funnel']}{words['colon']}" + (", ".join(said) if said else words["no_data"])
    return _hbars(drawn, title=title, desc=desc + ".", lang=lang, kind="funnel")


# --------------------------------------------------------------------------- timeline


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
    dates: DateWriter,
    peak: tuple[date, int] | None = None,
    lang: str = "fr",
    annotate_peak: bool = True,
) -> str:
    """Responses per day as vertical bars, Mondays ticked and labelled, the peak day in the
    accent colour with its date and count written above it ("lundi 24 août 2020 : 362").
    ``dates`` writes every date in ``lang``.

    Days are placed by date, so a missing day is a gap, not a shifted bar. Without ``peak``
    the busiest day is found here (the earliest on a tie, as in the report).
    """
    words = words_for(lang)
    series = sorted(days)
    width, height = _WIDTH, 300.0
    left, right, top, bottom = 52.0, 16.0, 44.0, 40.0
    plot_w, plot_h = width - left - right, height - top - bottom
    body: list[str] = []
    if not series:
        body.append(svg_text(width / 2, height / 2, words["no_data"], anchor="middle"))
        desc = f"{words['per_day']}{words['colon']}{words['no_data']}."
        return svg_document(
            width=width,
            height=height,
            title=title,
            desc=desc,
            body=body,
            lang=lang,
            ident=chart_id("timeline", title, series, lang),
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
        body.append(
            svg_text(left - 6, y + 4, format_count(int(tick), lang=lang), size=12, anchor="end")
        )
        tick += y_step
    for day, count in series:
        if count <= 0:
            continue
        x = left + (day - first).days * slot + gap / 2
        is_peak = peak is not None and day == peak[0]
        body.append(
            f'<rect class="{"bar peak" if is_peak else "bar"}" x="{num(x)}"'
            f' y="{num(y_of(count))}" width="{num(max(slot - gap, 0.5))}"'
            f' height="{num(plot_h * count / y_max)}" fill="{ACCENT if is_peak else BLUE_FRANCE}">'
            f"<title>{esc(dates(day, 'long', lang))}{words['colon']}"
            f"{format_count(count, lang=lang)}</title></rect>"
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
        label = dates(monday, "short", lang)
        half = text_width(label, 12) / 2
        label_x = min(max(x, half + 2), width - half - 2)  # keep edge labels inside the box
        body.append(svg_text(label_x, base + 19, label, size=12, anchor="middle"))
        monday += timedelta(days=7)
    peak_text = ""
    if peak is not None and annotate_peak and first <= peak[0] <= last:
        peak_text = f"{dates(peak[0], 'long', lang)}{words['colon']}" + format_count(
            peak[1], lang=lang
        )
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
    desc = (
        f"{words['per_day']} {words['from']} {dates(first, 'date', lang)} {words['to']} "
        f"{dates(last, 'date', lang)}{words['colon']}{responses_text(total, lang)} "
        f"{words['over']} "
        f"{format_count(span, lang=lang)} {words['days']}"
    )
    if peak is not None:
        when, how_many = dates(peak[0], "long", lang), format_count(peak[1], lang=lang)
        desc += f" ; {words['peak']} {when} ({how_many})"
    if lang == "en":
        desc = desc.replace(" ; ", "; ")
    return svg_document(
        width=width,
        height=height,
        title=title,
        desc=desc + ".",
        body=body,
        lang=lang,
        ident=chart_id("timeline", title, series, peak, lang),
        kind="timeline",
    )


# --------------------------------------------------------------------------- map, PNG


def tile_map(
    counts: Mapping[str, int],
    *,
    title: str,
    lang: str = "fr",
    legend_steps: int = 5,
    unit: Unit | None = None,
) -> str:
    """See :func:`vivier.reports.tilemap.tile_map` (imported late: that module uses the
    helpers above)."""
    from vivier.reports.tilemap import tile_map as draw

    return draw(counts, title=title, lang=lang, legend_steps=legend_steps, unit=unit)


def to_png(svg: str, *, width: int = 1200) -> bytes:
    """Rasterise a chart for the DOCX report (python-docx takes PNG, not SVG).

    ``width="100%"`` means nothing without a container, so the root's width is replaced by
    the viewBox's before CairoSVG scales the drawing to ``width`` pixels.
    """
    import cairosvg  # imported here: only the DOCX export needs the cairo library

    # CairoSVG uses only the first family of the list: name one that is installed, so that
    # the PNG gets Arial's metrics (Liberation Sans) rather than fontconfig's default.
    family = _installed_family()
    if family:
        svg = svg.replace(f'font-family="{FONT_FAMILY}"', f'font-family="{family}"')

    match = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    if match:
        svg = svg.replace('width="100%"', f'width="{match.group(1)}" height="{match.group(2)}"', 1)
    png = cairosvg.svg2png(
        bytestring=svg.encode("utf-8"), output_width=width, background_color="white"
    )
    if not isinstance(png, bytes):  # svg2png returns None only when given a write_to
        raise RuntimeError("CairoSVG returned no image")
    return png


@functools.cache
def _installed_family() -> str | None:
    """The first family of :data:`FONT_FAMILY` that fontconfig knows, if it can be asked."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    try:
        listed = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=10, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    installed = {
        name.strip().casefold() for line in listed.splitlines() for name in line.split(",")
    }
    aliases = {"arial": ("arial", "liberation sans", "arimo")}
    for wanted in (name.strip() for name in FONT_FAMILY.split(",")):
        for candidate in aliases.get(wanted.casefold(), (wanted.casefold(),)):
            if candidate in installed:
                return wanted if candidate == wanted.casefold() else candidate.title()
    return None
