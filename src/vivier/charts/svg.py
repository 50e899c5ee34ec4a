"""What every chart draws with: DSFR colours, the font, escaping, coordinates, the SVG shell.

Every chart follows the same rules, kept here so that no chart can forget one:

* no JavaScript and no CSS classes to resolve: every colour and size is an attribute, so the
  SVG looks the same in a browser, in WeasyPrint and in CairoSVG;
* ``role="img"`` with ``aria-labelledby`` pointing at a ``<title>`` and a ``<desc>`` that
  says the figures in words; the drawing itself is ``aria-hidden``;
* a fixed ``viewBox`` and ``width="100%"``: the chart scales with its container;
* user text (question and option labels) is XML-escaped.

Colours (checked against white in the tests): blue France ``#000091`` (15.9:1) for marks,
``#3A3A3A`` (11.4:1) for text, ``#666666`` (5.7:1) for secondary text, ``#DDDDDD`` for grid
lines (decoration only, never the sole carrier of information) and ``#E1000F`` (4.9:1) as the
one accent, kept for the timeline's peak.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from typing import Final

__all__ = [
    "ACCENT",
    "BLUE_FRANCE",
    "CHAR_EM",
    "DIGIT_EM",
    "FONT_FAMILY",
    "GRID",
    "NBSP",
    "SUPPRESSED_STROKE",
    "TEXT",
    "TEXT_MUTED",
    "TRACK",
    "WIDTH",
    "chart_id",
    "contrast_ratio",
    "esc",
    "num",
    "relative_luminance",
    "svg_document",
    "svg_text",
    "text_width",
    "wrap_label",
]

BLUE_FRANCE: Final = "#000091"
ACCENT: Final = "#E1000F"
TEXT: Final = "#3A3A3A"
TEXT_MUTED: Final = "#666666"
GRID: Final = "#DDDDDD"
TRACK: Final = "#F6F6F6"
SUPPRESSED_STROKE: Final = "#929292"
# Marianne is the DSFR typeface; Arial (Liberation Sans on Linux) has the same metrics class
# and covers the no-break spaces used in French numbers.
FONT_FAMILY: Final = "Marianne, Arial, sans-serif"
# Average advance of a character in em for Marianne/Arial at regular weight: a deliberately
# generous estimate, so that wrapped labels and value texts never overflow their box.
CHAR_EM: Final = 0.55
# Figures are wider than the average letter (0.56 em in Arial, 0.64 in DejaVu Sans, the
# fallback of CairoSVG when Marianne is missing): value texts are mostly figures.
DIGIT_EM: Final = 0.64

#: The width of the bar charts and of the timeline, so that they line up on a page.
WIDTH: Final = 640.0

NBSP: Final = "\u00a0"  # between a value and its unit: they never part at a line end


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
            f' lang="{esc(lang)}" font-family="{FONT_FAMILY}" class="vivier-chart'
            f' vivier-chart-{kind}">',
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
