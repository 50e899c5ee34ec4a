"""The SVG charts: well-formed, accessible, proportional bars, and only the caller's words.

The charts are drawn with the Django shell's words (``vivier.reports.chart_words``), as the
pages and documents draw them, and with a made-up wording that shows every word a chart
draws comes from its caller."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from vivier.charts import (
    Unit,
    Wording,
    bar_chart,
    funnel_chart,
    tile_map,
    timeline_chart,
    to_png,
)
from vivier.charts import svg as charts
from vivier.charts.svg import contrast_ratio
from vivier.reports import chart_words

FR = chart_words.wording("fr")
EN = chart_words.wording("en")

NS = {"svg": "http://www.w3.org/2000/svg"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def check_accessible(svg: str) -> ET.Element:
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox", ""))
    assert "Marianne" in root.get("font-family", "")
    title_id, desc_id = root.get("aria-labelledby", "").split()
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title is not None and title.get("id") == title_id and (title.text or "").strip()
    assert desc is not None and desc.get("id") == desc_id and (desc.text or "").strip()
    assert "<script" not in svg
    return root


def bars(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("class") == "bar"]


YES_NO = [("Oui", 59.0, 768), ("Non", 41.0, 533)]


def test_bar_chart_is_accessible_and_says_the_figures_in_words():
    svg = bar_chart(YES_NO, title="Q14. Avez-vous repéré une pratique ?", words=FR)
    root = check_accessible(svg)
    desc = root.find("svg:desc", NS)
    assert desc is not None
    assert desc.text == "Barres horizontales : Oui 59,0\xa0% (768), Non 41,0\xa0% (533)."
    assert root.find("svg:title", NS).text == "Q14. Avez-vous repéré une pratique ?"  # type: ignore[union-attr]
    assert "59,0\xa0% (768)" in svg


def test_bar_lengths_are_proportional_to_the_values():
    root = parse(bar_chart([("a", 80.0, 8), ("b", 40.0, 4), ("c", 10.0, 1)], title="t", words=FR))
    widths = [float(r.get("width", "nan")) for r in bars(root)]
    assert widths[0] / widths[1] == pytest.approx(2, rel=1e-3)
    assert widths[0] / widths[2] == pytest.approx(8, rel=1e-3)
    # Percentages are drawn on a 0-100 scale: 80 % is four fifths of the track.
    tracks = [
        r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("fill") == "#F6F6F6"
    ]
    assert widths[0] / float(tracks[0].get("width", "nan")) == pytest.approx(0.8, rel=1e-3)


def test_multiple_choice_shares_above_100_scale_to_the_largest():
    root = parse(bar_chart([("a", 120.0, 12), ("b", 60.0, 6)], title="t", words=FR))
    widths = [float(r.get("width", "nan")) for r in bars(root)]
    assert widths[0] / widths[1] == pytest.approx(2, rel=1e-3)


def test_user_text_is_escaped():
    svg = bar_chart([('<b>&"x\x01', 50.0, 3)], title='Titre <i>&"', words=FR)
    root = check_accessible(svg)
    texts = "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert '<b>&"x' in texts  # shown as typed, not interpreted as markup
    assert "<b>" not in svg and "<i>" not in svg
    assert root.find("svg:title", NS).text == 'Titre <i>&"'  # type: ignore[union-attr]


def test_long_labels_wrap_on_up_to_three_lines():
    label = "Accompagnement global des personnes en situation de précarité dans leur parcours"
    root = parse(bar_chart([(label, 25.0, 10)], title="t", words=FR))
    lines = [
        t.text
        for t in root.iter("{http://www.w3.org/2000/svg}text")
        if t.get("text-anchor") == "end"
    ]
    assert 2 <= len(lines) <= 3
    assert " ".join(line or "" for line in lines) == label  # wrapped, nothing cut


def test_very_long_labels_stay_complete_in_the_description():
    label = " ".join(["mot"] * 80)
    svg = bar_chart([(label, 25.0, 10)], title="t", words=FR)
    root = parse(svg)
    assert label in (root.find("svg:desc", NS).text or "")  # type: ignore[union-attr]
    lines = [
        t for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("text-anchor") == "end"
    ]
    assert len(lines) == 3


def test_suppressed_cells_are_drawn_empty_and_said():
    svg = bar_chart([("Oui", 97.0, 300), ("Non", None, None)], title="t", words=FR)
    root = check_accessible(svg)
    assert len(bars(root)) == 1
    suppressed = [
        r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("class") == "suppressed"
    ]
    assert len(suppressed) == 1 and suppressed[0].get("stroke-dasharray")
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "masqué (<\xa05)" in texts
    assert "Non masqué (moins de 5)" in (root.find("svg:desc", NS).text or "")  # type: ignore[union-attr]


def test_english_numbers_and_words():
    svg = bar_chart([("Yes", 59.0, 1768)], title="t", words=EN)
    assert "59.0% (1,768)" in svg
    assert "Horizontal bars: Yes" in svg
    assert 'lang="en"' in svg
    with pytest.raises(ValueError, match="de"):
        chart_words.wording("de")


def test_counts_without_percent_unit():
    svg = bar_chart([("a", 1771, None), ("b", 2.5, None)], title="t", unit="", words=FR)
    assert "1\xa0771" in svg and "2,5" in svg


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [(59, "59,0\xa0%", "59.0%"), (0.05, "0,1\xa0%", "0.1%"), (100, "100,0\xa0%", "100.0%")],
)
def test_percentages_are_written_the_way_of_each_language(value, fr, en):
    assert FR.percent(value, 1) == fr
    assert EN.percent(value, 1) == en


def test_counts_are_grouped_with_the_separator_of_each_language():
    assert FR.count(1771) == "1\xa0771"
    assert FR.count(1_000_000) == "1\xa0000\xa0000"
    assert FR.count(999) == "999"
    assert EN.count(1771) == "1,771"


@pytest.mark.parametrize(
    ("n", "fr", "en"),
    [
        (0, "0 réponse", "0 responses"),
        (1, "1 réponse", "1 response"),
        (2, "2 réponses", "2 responses"),
    ],
)
def test_counts_take_the_plural_rule_of_each_language(n, fr, en):
    assert FR.responses.count(n) == fr
    assert EN.responses.count(n) == en


def campaign_days() -> list[tuple[date, int]]:
    start = date(2020, 7, 27)
    days = [(start + timedelta(days=i), 20 + i % 7) for i in range(59)]
    days[28] = (date(2020, 8, 24), 362)
    return days


def test_timeline_marks_the_peak_with_its_date():
    days = campaign_days()
    svg = timeline_chart(days, title="Réponses par jour", words=FR, peak=(date(2020, 8, 24), 362))
    root = check_accessible(svg)
    assert "lundi 24 août 2020 : 362" in svg
    peaks = [
        r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("class") == "bar peak"
    ]
    assert len(peaks) == 1 and peaks[0].get("fill") == charts.ACCENT
    assert len(bars(root)) == len(days) - 1
    desc = root.find("svg:desc", NS).text or ""  # type: ignore[union-attr]
    assert "du 27 juillet 2020 au 23 septembre 2020" in desc
    assert "lundi 24 août 2020 (362)" in desc
    assert "1\xa0693 réponses en 59 jours" in desc
    # Weekly ticks: the nine Mondays of the campaign, labelled.
    assert "24\xa0août" in svg and "27\xa0juil." in svg


def test_timeline_finds_the_peak_itself_and_heights_are_proportional():
    days = [(date(2020, 8, 3), 10), (date(2020, 8, 4), 40), (date(2020, 8, 5), 40)]
    root = parse(timeline_chart(days, title="t", words=EN))
    heights = [float(r.get("height", "nan")) for r in bars(root) + _peaks(root)]
    assert sorted(heights)[2] / sorted(heights)[0] == pytest.approx(4, rel=1e-3)
    text = ET.tostring(root, encoding="unicode")
    assert "Tuesday, August 4, 2020: 40" in text  # the peak, in English words and order
    assert "Responses per day from Aug. 3, 2020 to Aug. 5, 2020: 90 responses over 3 days" in text
    assert "; peak on Tuesday, August 4, 2020 (40)." in text
    assert ">Aug\xa03<" in text  # Monday 3 August, the axis' one tick


def _peaks(root: ET.Element) -> list[ET.Element]:
    return [
        r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("class") == "bar peak"
    ]


def test_timeline_without_days():
    root = check_accessible(timeline_chart([], title="t", words=FR))
    assert root.find("svg:desc", NS).text == "Réponses par jour : aucune donnée."  # type: ignore[union-attr]


def test_funnel_chart():
    svg = funnel_chart([("Profil", 1771), ("Pratique", 1301)], title="Entonnoir", words=FR)
    root = check_accessible(svg)
    widths = [float(r.get("width", "nan")) for r in bars(root)]
    assert widths[1] / widths[0] == pytest.approx(1301 / 1771, rel=1e-3)
    assert "1\xa0301 (73,5\xa0%)" in svg
    assert "Entonnoir de complétion : Profil 1\xa0771 (100,0\xa0%)" in svg


def test_ids_differ_between_charts():
    a = parse(bar_chart(YES_NO, title="a", words=FR)).get("aria-labelledby")
    b = parse(bar_chart(YES_NO, title="b", words=FR)).get("aria-labelledby")
    assert a != b


def test_colours_meet_contrast():
    white = "#FFFFFF"
    assert contrast_ratio(charts.TEXT, white) >= 4.5
    assert contrast_ratio(charts.TEXT_MUTED, white) >= 4.5
    assert contrast_ratio(charts.TEXT_MUTED, charts.TRACK) >= 4.5
    assert contrast_ratio(charts.BLUE_FRANCE, white) >= 3
    assert contrast_ratio(charts.BLUE_FRANCE, charts.TRACK) >= 3
    assert contrast_ratio(charts.ACCENT, white) >= 3
    assert contrast_ratio("#000000", white) == pytest.approx(21)


def test_to_png():
    png = to_png(bar_chart(YES_NO, title="t", words=FR), width=400)
    assert png.startswith(PNG_SIGNATURE)
    # IHDR carries the width in bytes 16-19.
    assert int.from_bytes(png[16:20], "big") == 400


def made_up_words() -> Wording:
    """A wording whose every word is a marker: what a chart draws shows where it came from."""

    def counted(name: str):
        return lambda n: f"<{name} {n}>"

    return Wording(
        lang="x-test",
        number=lambda value, decimals: f"#{value:.{decimals}f}",
        percent=lambda value, decimals: f"%{value:.{decimals}f}",
        date=lambda day, kind: f"@{kind}:{day.isoformat()}",
        responses=Unit(count=counted("R"), title="TITLE", missing=counted("N")),
        days=counted("D"),
        no_data="Z",
        value_of="{label}=>{value}",
        clauses=" | ",
        bars="B[{items}]",
        funnel="F[{items}]",
        suppressed="H",
        suppressed_below="H<{threshold}",
        suppressed_below_said="HU-{threshold}",
        per_day_empty="E0",
        per_day="P[{first}..{last}:{total}/{days}]",
        peak="K[{day}:{count}]",
        tile_map="M[{total}]",
        tile_map_most="T[{items}]",
        tile_map_classes="C[{items}]",
        tile_map_elsewhere="X[{count}]",
        overseas="O",
    )


FRENCH_OR_ENGLISH = re.compile(
    r"réponse|response|masqué|suppressed|barres|bars|jour|day|pic|peak|aucune|no data"
    r"|entonnoir|funnel|outre-mer|overseas|moins|fewer",
    re.IGNORECASE,
)


def test_every_word_a_chart_draws_is_the_callers():
    words = made_up_words()
    drawn = [
        bar_chart([("a", 59.0, 768), ("b", None, None)], title="t", words=words),
        bar_chart([], title="t", words=words),
        funnel_chart([("a", 10), ("b", 5)], title="t", words=words),
        timeline_chart(campaign_days(), title="t", words=words),
        timeline_chart([], title="t", words=words),
    ]
    for svg in drawn:
        check_accessible(svg)
        assert 'lang="x-test"' in svg
        # What is drawn or said: the texts, titles and description, not the attributes.
        said = " ".join(parse(svg).itertext())
        assert not FRENCH_OR_ENGLISH.search(said), said
    bars_desc, _, funnel_desc, timeline_desc, empty_desc = (
        parse(svg).find("svg:desc", NS).text  # type: ignore[union-attr]
        for svg in drawn
    )
    assert bars_desc == "B[a %59.0 (#768), b HU-#5]."
    assert funnel_desc == "F[a #10 (%100.0), b #5 (%50.0)]."
    assert timeline_desc == (
        "P[@date:2020-07-27..@date:2020-09-23:<R 1693>/<D 59>] | K[@long:2020-08-24:#362]."
    )
    assert empty_desc == "E0"
    assert "H&lt;#5" in drawn[0] and "a=&gt;%59.0 (#768)" in drawn[0]
    assert "@short:2020-07-27" in drawn[3] and ">Z</text>" in drawn[1]


def test_every_word_of_the_tile_map_is_the_callers():
    words = made_up_words()
    svg = tile_map({"33": 5, "75": 2, "99": 4}, title="t", words=words)
    said = " ".join(parse(svg).itertext())
    assert not FRENCH_OR_ENGLISH.search(said), said
    assert "33 Gironde=><R 5>" in said and ">TITLE</text>" in svg and ">O</text>" in svg
    assert parse(svg).find("svg:desc", NS).text == (  # type: ignore[union-attr]
        "M[<R 7>] | T[33 Gironde (#5), 75 Paris (#2)] | <N 99> | C[#1 – #4, #5] | X[<R 4>]."
    )
