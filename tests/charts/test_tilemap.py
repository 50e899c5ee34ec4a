"""The tile map of départements: the grid's shape and the drawing's colours and texts."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from vivier.charts import svg as charts
from vivier.charts import tilemap
from vivier.charts.png import to_png
from vivier.charts.svg import contrast_ratio, relative_luminance
from vivier.charts.tilemap import OVERSEAS_ROW, PALETTE, TILE_POSITIONS, ZERO_FILL, buckets
from vivier.charts.wording import Unit
from vivier.reports import chart_words
from vivier.territories import DEPARTEMENT_CODES, OVERSEAS_DEPARTEMENT_CODES

SVG = "{http://www.w3.org/2000/svg}"
MAINLAND = {c: p for c, p in TILE_POSITIONS.items() if c not in OVERSEAS_DEPARTEMENT_CODES}
FR = chart_words.wording("fr")
EN = chart_words.wording("en")


def tile_map(counts, *, title: str, words=FR, unit: Unit | None = None) -> str:
    """The map with the French words of the Django shell unless told otherwise."""
    return tilemap.tile_map(counts, title=title, words=words, unit=unit)


def tiles(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "tile"]


def test_positions_cover_exactly_the_departements_without_overlap():
    assert set(TILE_POSITIONS) == DEPARTEMENT_CODES
    assert len(TILE_POSITIONS) == 101
    assert len(set(TILE_POSITIONS.values())) == 101


def row(code: str) -> int:
    return TILE_POSITIONS[code][0]


def col(code: str) -> int:
    return TILE_POSITIONS[code][1]


def test_the_grid_keeps_the_shape_of_france():
    assert col("29") == min(col(c) for c in MAINLAND)  # Finistère, far west
    assert row("59") == min(row(c) for c in MAINLAND)  # Nord at the top
    assert col("06") == max(col(c) for c in MAINLAND if c not in {"2A", "2B"} and row(c) >= 8)
    assert row("06") >= row("83") - 0 and col("06") > col("13")
    assert row("66") > row("31") and row("64") > row("33")  # Pyrenees at the bottom
    assert col("67") > col("57") and row("68") > row("67")  # Alsace, north to south
    assert row("2A") > row("2B")


def test_corsica_stands_apart_from_the_mainland():
    corsica = ["2A", "2B"]
    others = [c for c in MAINLAND if c not in corsica]
    for island in corsica:
        r, c = TILE_POSITIONS[island]
        assert all(max(abs(r - row(o)), abs(c - col(o))) >= 2 for o in others)


def test_ile_de_france_is_a_cluster_around_paris():
    r, c = TILE_POSITIONS["75"]
    for code in ("92", "93", "94"):
        assert max(abs(row(code) - r), abs(col(code) - c)) == 1  # petite couronne touches
    for code in ("77", "78", "91", "95"):
        assert max(abs(row(code) - r), abs(col(code) - c)) <= 2
    assert row("95") < r and col("78") < c and col("77") > c and row("91") > r


def test_overseas_departements_have_their_own_row():
    assert {c for c, (r, _) in TILE_POSITIONS.items() if r == OVERSEAS_ROW} == set(
        OVERSEAS_DEPARTEMENT_CODES
    )
    assert all(r < OVERSEAS_ROW - 1 for r, _ in MAINLAND.values())


COUNTS = {"33": 57, "75": 362, "13": 120, "2A": 3, "971": 12, "976": 1, "59": 80}


def test_map_has_one_tile_per_departement_with_titles():
    svg = tile_map(COUNTS, title="Réponses par département")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    assert root.find(f"{SVG}title").get("id") == title_id  # type: ignore[union-attr]
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.get("id") == desc_id
    assert "75 Paris (362)" in (desc.text or "")
    drawn = tiles(root)
    assert len(drawn) == 101
    assert sorted(g.get("data-code") for g in drawn) == sorted(DEPARTEMENT_CODES)  # type: ignore[type-var]
    titles = {g.get("data-code"): g.find(f"{SVG}title").text for g in drawn}  # type: ignore[union-attr]
    assert titles["33"] == "33 Gironde : 57 réponses"
    assert titles["976"] == "976 Mayotte : 1 réponse"
    assert titles["01"] == "01 Ain : 0 réponse"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"} <= set(texts)


def test_tiles_do_not_overlap_in_the_drawing():
    root = ET.fromstring(tile_map(COUNTS, title="t"))
    boxes = set()
    for g in tiles(root):
        rect = g.find(f"{SVG}rect")
        assert rect is not None
        boxes.add((rect.get("x"), rect.get("y")))
    assert len(boxes) == 101


def fills(root: ET.Element) -> dict[str, tuple[str, str]]:
    out = {}
    for g in tiles(root):
        rect, text = g.find(f"{SVG}rect"), g.find(f"{SVG}text")
        assert rect is not None and text is not None
        out[g.get("data-code", "")] = (rect.get("fill", ""), text.get("fill", ""))
    return out


def test_colour_buckets_are_monotonic_and_text_is_readable():
    counts = {code: i * 3 for i, code in enumerate(sorted(DEPARTEMENT_CODES))}
    root = ET.fromstring(tile_map(counts, title="t"))
    colour = fills(root)
    ordered = sorted(counts, key=counts.__getitem__)
    lightness = [relative_luminance(colour[c][0]) for c in ordered]
    assert all(a >= b for a, b in itertools.pairwise(lightness))
    assert len({colour[c][0] for c in ordered if counts[c] > 0}) == 5
    for fill, text in colour.values():
        assert contrast_ratio(fill, text) >= 4.5
    # Text switches to white on dark tiles.
    assert colour[ordered[-1]] == (PALETTE[-1], "#FFFFFF")
    assert colour[ordered[0]][0] == ZERO_FILL


def test_palette_contrast_with_both_text_colours_chosen():
    for fill in PALETTE:
        assert max(contrast_ratio(fill, "#161616"), contrast_ratio(fill, "#FFFFFF")) >= 4.5
    assert contrast_ratio(ZERO_FILL, charts.TEXT_MUTED) >= 4.5


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], []),
        ([0, 0], []),
        ([7, 7, 7], [(1, 7)]),
        ([1, 1, 1, 2], [(1, 1), (2, 2)]),
        (list(range(3, 301, 3)), [(1, 59), (60, 99), (100, 149), (150, 199), (200, 300)]),
        ([1, 2, 3, 4, 5, 10, 20, 50, 100, 362], [(1, 2), (3, 4), (5, 19), (20, 99), (100, 362)]),
    ],
)
def test_buckets(values, expected):
    assert buckets(values) == expected


def test_buckets_are_contiguous():
    classes = buckets(list(range(0, 400, 7)), steps=5)
    assert classes[0][0] == 1 and classes[-1][1] == 399
    assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(classes))


def test_unknown_codes_are_reported_not_drawn():
    svg = tile_map({"33": 5, "99": 4, "": 2}, title="t")
    assert "6 réponses hors carte (code inconnu)" in svg
    assert "Carte en tuiles des 101 départements : 5 réponses ; les plus nombreuses" in svg


def test_empty_map_and_english():
    svg = tile_map({}, title="t", words=EN)
    root = ET.fromstring(svg)
    assert len(tiles(root)) == 101
    assert "101 départements without responses" in svg
    assert "33 Gironde: 0 responses" in svg


def test_map_to_png():
    assert to_png(tile_map(COUNTS, title="t"), width=600).startswith(b"\x89PNG\r\n\x1a\n")


def test_the_unit_counted_is_a_parameter():
    """The catalogue's map counts practices: its titles, legend and description say so."""
    svg = tile_map({"33": 2, "69": 1}, title="t", unit=chart_words.practices("fr"))
    assert "33 Gironde : 2 pratiques" in svg and "01 Ain : 0 pratique" in svg
    assert ">Pratiques</text>" in svg
    assert "99 départements sans pratique" in svg
    assert "réponse" not in svg.lower()
    english = tile_map({"33": 1}, title="t", words=EN, unit=chart_words.practices("en"))
    assert "33 Gironde: 1 practice" in english and "without practices" in english
