"""A tile-grid map of the 101 départements: one square per département, no geometry data.

Why tiles rather than boundaries: the Paris-area départements are specks on a real map and
the overseas ones are far away; on a grid every département gets the same readable square,
and the grid is a small table reviewed in a diff rather than a shapefile to keep up to date.

The grid below is drawn by hand so that France's outline and neighbourhoods stay
recognisable: Finistère (29) is the westernmost tile, Nord and Pas-de-Calais (59, 62) the top
ones, Alpes-Maritimes (06) closes the south-east, Corsica (2B above 2A) stands apart at sea,
and Île-de-France is a cluster with Paris (75) inside its petite couronne (92, 93, 94) and the
grande couronne (95, 78, 91, 77) around it. The five overseas départements sit in a separate,
labelled row under the mainland.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from vivier.charts.svg import (
    TEXT_MUTED,
    chart_id,
    contrast_ratio,
    esc,
    num,
    svg_document,
    svg_text,
)
from vivier.charts.wording import Unit, Wording
from vivier.territories import DEPARTEMENT_CODES, departement_name

__all__ = ["OVERSEAS_ROW", "PALETTE", "TILE_POSITIONS", "buckets", "tile_map", "tile_style"]

# Mainland France, north at the top; "." is sea or abroad. Columns are 0-based.
_MAINLAND: Final = """
.  .  .  .  .  .  62 59 .  .  .  .  .
.  .  .  .  .  76 80 02 08 .  .  .  .
.  .  50 14 27 60 95 93 51 55 57 .  .
29 22 35 61 28 78 92 75 77 10 54 67 .
.  56 53 72 41 45 91 94 89 52 88 68 .
.  .  44 49 37 36 18 58 21 70 90 .  .
.  .  85 79 86 23 03 71 39 25 .  .  .
.  .  17 16 87 19 63 42 69 01 74 .  .
.  .  33 24 46 15 43 07 38 73 .  .  .
.  .  40 47 82 12 48 30 26 05 .  .  .
.  .  64 32 31 81 34 13 84 04 .  .  .
.  .  .  65 09 11 66 .  83 06 .  2B .
.  .  .  .  .  .  .  .  .  .  .  2A .
"""

#: The row of the overseas inset; one empty row above it separates it from the mainland.
OVERSEAS_ROW: Final = 14
# Every other column, so that each tile has room for its name underneath.
_OVERSEAS: Final = {"971": 1, "972": 3, "973": 5, "974": 7, "976": 9}


def _positions() -> dict[str, tuple[int, int]]:
    positions: dict[str, tuple[int, int]] = {}
    for row, line in enumerate(_MAINLAND.strip("\n").splitlines()):
        for col, token in enumerate(line.split()):
            if token == ".":
                continue
            if token in positions:
                raise ValueError(f"département {token} placed twice on the tile grid")
            positions[token] = (row, col)
    for code, col in _OVERSEAS.items():
        positions[code] = (OVERSEAS_ROW, col)
    if set(positions) != DEPARTEMENT_CODES:
        raise ValueError("the tile grid must hold exactly the official départements")
    return positions


#: ``code -> (row, col)`` for the 101 départements; row 0 is the top of the map.
TILE_POSITIONS: Final[dict[str, tuple[int, int]]] = _positions()

#: Light to dark blue France, for 1 to 5 classes. Lightness steps roughly evenly (CIE L*
#: 91, 74, 60, 40, 16) so that the order survives a greyscale print, and every colour is
#: far enough from the middle grey where neither black nor white text reaches 4.5:1.
PALETTE: Final = ("#E3E3FD", "#B1B1F9", "#8585F6", "#4B4BD6", "#000091")
DARK_TEXT: Final = "#161616"
LIGHT_TEXT: Final = "#FFFFFF"
# A département without answers is not "a little": it gets no colour and a dashed outline.
ZERO_FILL: Final = "#F6F6F6"
ZERO_STROKE: Final = "#929292"

TILE: Final = 40.0
PITCH: Final = 44.0
MARGIN: Final = 8.0
_MAP_COLS: Final = 1 + max(c for _, c in TILE_POSITIONS.values())
_LEGEND_X: Final = MARGIN + _MAP_COLS * PITCH + 20


def _nice_floor(value: int) -> int:
    """The largest round number not above value (value >= 1): 1, 1.5, 2, 2.5, 3, 4, 5, 6 or
    8 times a power of ten, integers only. The ladder is finer than 1-2-5 so that quantiles
    close to each other still give distinct classes."""
    best, power = 1, 1
    while power <= value:
        for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8):
            bound = factor * power
            if bound.is_integer() and best < bound <= value:
                best = int(bound)
        power *= 10
    return best


def buckets(values: Sequence[int], steps: int = 5) -> list[tuple[int, int]]:
    """Classes ``[(low, high), ...]`` for the positive values, at most ``steps`` of them.

    Bounds start at quantiles of the positive values rounded down to round numbers: answers
    pile up in a few populous départements, so equal-width classes would leave all the others
    in one colour. Classes are contiguous, start at 1, end at the largest value, and each
    holds at least one value (no legend entry that no tile uses).
    """
    positive = sorted(v for v in values if v > 0)
    if not positive or steps < 1:
        return []
    lows = [1]
    for i in range(1, steps):
        low = _nice_floor(positive[i * len(positive) // steps])
        if low > lows[-1] and any(lows[-1] <= v < low for v in positive):
            lows.append(low)
    highs = [low - 1 for low in lows[1:]] + [positive[-1]]
    return list(zip(lows, highs, strict=True))


def _palette_for(n: int) -> list[str]:
    # Fewer classes than colours: spread them over the whole ramp, keeping both ends.
    if n <= 1:
        return [PALETTE[2]][:n]
    last = len(PALETTE) - 1
    return [PALETTE[round(i * last / (n - 1))] for i in range(n)]


def tile_style(fill: str) -> str:
    """The text colour for a tile: dark or white, whichever contrasts more with the fill."""
    return max((DARK_TEXT, LIGHT_TEXT), key=lambda text: contrast_ratio(text, fill))


def tile_map(
    counts: Mapping[str, int],
    *,
    title: str,
    words: Wording,
    legend_steps: int = 5,
    show_counts: bool = True,
    unit: Unit | None = None,
) -> str:
    """Draw the départements as tiles coloured by ``counts`` (code -> responses).

    Each tile shows its code (and, with ``show_counts``, its count, so that a greyscale print
    keeps the figures) and carries a ``<title>`` "33 Gironde : 57 réponses" for pointers.
    Codes that are not départements (unknown answers) are left out of the drawing and
    reported in the description. ``unit`` names what is counted (``words.responses`` by
    default) in the titles, the legend and the description.
    """
    unit = unit or words.responses
    classes = buckets([counts.get(code) or 0 for code in TILE_POSITIONS], legend_steps)
    colours = _palette_for(len(classes))

    def fill_of(value: int) -> str:
        for (low, high), colour in zip(classes, colours, strict=True):
            if low <= value <= high:
                return colour
        return ZERO_FILL

    body: list[str] = []
    for code, (row, col) in sorted(TILE_POSITIONS.items(), key=lambda item: item[1]):
        value = counts.get(code) or 0  # a suppressed cell (None) is drawn as no answer
        x, y = MARGIN + col * PITCH, MARGIN + row * PITCH
        fill = fill_of(value)
        colour = tile_style(fill) if value > 0 else TEXT_MUTED
        stroke = f' stroke="{ZERO_STROKE}" stroke-dasharray="3 2"' if value <= 0 else ""
        label = words.said(f"{code} {departement_name(code)}", unit.count(value))
        body.append(
            f'<g class="tile" data-code="{code}" data-count="{value}">'
            f"<title>{esc(label)}</title>"
            f'<rect x="{num(x + 0.5)}" y="{num(y + 0.5)}" width="{num(TILE - 1)}"'
            f' height="{num(TILE - 1)}" fill="{fill}"{stroke}/>'
        )
        code_y = y + (17 if show_counts else 25)
        body.append(
            svg_text(
                x + TILE / 2, code_y, code, size=13, fill=colour, anchor="middle", weight="bold"
            )
        )
        if show_counts:
            body.append(
                svg_text(
                    x + TILE / 2,
                    y + 32,
                    words.count(value),
                    size=10,
                    fill=colour,
                    anchor="middle",
                )
            )
        body.append("</g>")
        if row == OVERSEAS_ROW:
            body.append(
                svg_text(
                    x + TILE / 2, y + TILE + 13, departement_name(code), size=11, anchor="middle"
                )
            )
    body.append(svg_text(MARGIN, MARGIN + (OVERSEAS_ROW - 1) * PITCH + 30, words.overseas, size=12))
    body.append(
        f'<line x1="{num(MARGIN)}" y1="{num(MARGIN + (OVERSEAS_ROW - 1) * PITCH + 36)}"'
        f' x2="{num(MARGIN + 11 * PITCH - 4)}" y2="{num(MARGIN + (OVERSEAS_ROW - 1) * PITCH + 36)}"'
        f' stroke="{TEXT_MUTED}" stroke-width="1"/>'
    )

    # Legend: one swatch per class, then "0" with the zero style.
    ly = MARGIN + 14
    body.append(svg_text(_LEGEND_X, ly, unit.title, size=13, weight="bold"))
    entries = [
        (colour, _range_text(low, high, words), "")
        for (low, high), colour in zip(classes, colours, strict=True)
    ]
    entries.append(
        (ZERO_FILL, "0", f' stroke="{ZERO_STROKE}" stroke-dasharray="3 2"'),
    )
    for i, (colour, text, stroke) in enumerate(entries):
        sy = ly + 12 + i * 24
        body.append(
            f'<rect class="legend-swatch" x="{num(_LEGEND_X + 0.5)}" y="{num(sy + 0.5)}"'
            f' width="19" height="19" fill="{colour}"{stroke}/>'
        )
        body.append(svg_text(_LEGEND_X + 28, sy + 15, text, size=13))

    width = _LEGEND_X + 130
    height = MARGIN + (OVERSEAS_ROW + 1) * PITCH + 20
    return svg_document(
        width=width,
        height=height,
        title=title,
        desc=_describe(counts, classes, words, unit),
        body=body,
        lang=words.lang,
        ident=chart_id(
            "map", title, sorted(counts.items()), words.lang, unit.title, legend_steps, show_counts
        ),
        kind="map",
    )


def _range_text(low: int, high: int, words: Wording) -> str:
    if low == high:
        return words.count(low)
    return f"{words.count(low)} – {words.count(high)}"


def _describe(
    counts: Mapping[str, int], classes: list[tuple[int, int]], words: Wording, unit: Unit
) -> str:
    """The map in words: total, the five départements with most answers, how many have
    none, and the classes of the legend."""
    placed = {code: counts.get(code) or 0 for code in TILE_POSITIONS}
    total = sum(v for v in placed.values() if v > 0)
    top = sorted((item for item in placed.items() if item[1] > 0), key=lambda i: (-i[1], i[0]))
    none = sum(1 for v in placed.values() if v <= 0)
    elsewhere = sum(v or 0 for code, v in counts.items() if code not in TILE_POSITIONS)
    parts = [words.tile_map.format(total=unit.count(total))]
    if top:
        listed = ", ".join(
            f"{code} {departement_name(code)} ({words.count(v)})" for code, v in top[:5]
        )
        parts.append(words.tile_map_most.format(items=listed))
    parts.append(unit.missing(none))
    if classes:
        ranges = ", ".join(_range_text(lo, hi, words) for lo, hi in classes)
        parts.append(words.tile_map_classes.format(items=ranges))
    if elsewhere:
        parts.append(words.tile_map_elsewhere.format(count=unit.count(elsewhere)))
    return words.clauses.join(parts) + "."
