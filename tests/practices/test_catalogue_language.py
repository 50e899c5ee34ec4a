"""The public catalogue in English, once the visitor chose it; dates in each language's words.

French is the default whatever the browser says (``LanguageMiddleware``); the language switch
stores English in the language cookie, which these tests set directly.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from django.conf import settings

from tests.practices.test_catalogue import ATOM, SHEETS, publish
from tests.practices.test_labels import PO
from tests.practices.test_no_stored_key import _visible_text, _whole, _written
from vivier.practices.models import Practice

pytestmark = pytest.mark.django_db

SHEET = "/pratiques/1a-conferences-familiales-en-gironde/"


@pytest.fixture
def sheets():
    found = {key: publish(sheet) for key, sheet in SHEETS.items()}
    # A known day for the "updated on" line: the seventh of December.
    Practice.objects.update(updated_at=datetime(2026, 12, 7, 10, 30, tzinfo=UTC))
    return found


def _get(client, url: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    answer = client.get(url)
    assert answer.status_code == 200, url
    return answer.content.decode()


def _french_texts() -> list[tuple[str, re.Pattern[str]]]:
    """The interface's French texts that English says otherwise (so they must not be seen on
    an English page), as whole phrases. Short ones ("Date", "Page") are English too."""
    entries = re.findall(
        r'^msgid "((?:[^"\\]|\\.){6,})"\nmsgstr "((?:[^"\\]|\\.)+)"$',
        PO.read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    return [
        (msgid, _whole(msgid)) for msgid, msgstr in entries if msgid != msgstr and "%(" not in msgid
    ]


def _french_left(page: str) -> list[str]:
    """French texts of the interface on a page, once what the sheets' authors wrote (in
    French) is set aside."""
    # A code shown as a code (the open data's values, "analyse") is data, not a word of the
    # interface, whatever language it looks like.
    text = _visible_text(re.sub(r"<code>[^<]*</code>", "", page))
    for line in _written(list(SHEETS.values())):
        text = line.sub("\n", text)
    return [msgid for msgid, pattern in _french_texts() if pattern.search(text)]


def test_the_catalogue_reads_in_english(client, sheets):
    page = _get(client, "/pratiques/", "en")
    assert '<html lang="en"' in page
    for words in (
        "Practice catalogue",
        "Refine",
        "Lifecycle stage",
        "Target group",
        "Start year (most recent first)",
        "Recently updated",
        "4 practices found",
        ">Family group conferences (2)<",  # a theme's label, with its count
        ">Experimentation (2)<",
        ">Nascent (2)<",
        "since 2013 · stage: Experimentation",
    ):
        assert words in page, words
    assert _french_left(page) == []
    for french in ("Pertinence", "Étape de vie", "Expérimentation", "Naissante", "étape :"):
        assert french not in page


def test_the_catalogue_is_french_by_default(client, sheets):
    page = _get(client, "/pratiques/", "fr")
    assert "Catalogue des pratiques" in page and "Étape de vie" in page
    assert ">Expérimentation (2)<" in page and "depuis 2013 · étape : Expérimentation" in page
    assert "Practice catalogue" not in page
    # The check the English pages pass finds the French page's texts.
    assert {"Affiner", "Trier par", "Appliquer les filtres"} <= set(_french_left(page))


def test_a_sheet_reads_in_english(client, sheets):
    page = _get(client, SHEET, "en")
    for words in (
        "Practice identification",
        "Download the sheet as PDF",
        "Conseil départemental de la Gironde</strong>: project holder",
        "<td>Nascent</td>",
        "<td>Experimentation</td>",
        "<strong>October 2012</strong>: Voyage d’étude aux Pays-Bas",  # a month, in words
        "<strong>2013</strong>: Experimentation",
        "Sheet updated on Dec. 7, 2026.",
        "Similar practices",
    ):
        assert words in page, words
    assert _french_left(page) == []


def test_a_sheet_reads_in_french(client, sheets):
    page = _get(client, SHEET, "fr")
    assert "Conseil départemental de la Gironde</strong> : porteur" in page
    assert "<strong>octobre 2012</strong> : Voyage d’étude aux Pays-Bas" in page
    assert "Fiche mise à jour le 7 décembre 2026." in page


def test_the_map_counts_practices_in_the_page_language(client, sheets):
    for language, tile, legend, absent in (
        ("fr", "33 Gironde : 2 pratiques", ">Pratiques<", "réponse"),
        ("en", "33 Gironde: 2 practices", ">Practices<", "response"),
    ):
        page = _get(client, "/pratiques/carte/", language)
        svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
        assert tile in svg and legend in svg, language
        assert f'lang="{language}"' in svg
        assert absent not in svg.lower()
    assert "Published practices by département" in page
    assert "98 départements without practices" in page


def test_the_feed_and_the_open_data_page_in_english(client, sheets):
    feed = ET.fromstring(_get(client, "/pratiques/flux.atom", "en"))
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert feed.findtext(f"{ATOM}title") == "Vivier — emerging practices in social work"
    categories = {c.get("term"): c.get("label") for c in feed.iter(f"{ATOM}category")}
    assert categories["pair_aidance"] == "Peer support"  # the code stays the term
    page = _get(client, "/pratiques/donnees/", "en")
    assert "Stable identifier of the sheet" in page and "list of codes" in page
    assert "<td>Implementation</td>" in page
    assert _french_left(page) == []


def test_the_feed_names_themes_in_french_by_default(client, sheets):
    feed = ET.fromstring(_get(client, "/pratiques/flux.atom", "fr"))
    categories = {c.get("term"): c.get("label") for c in feed.iter(f"{ATOM}category")}
    assert categories["pair_aidance"] == "Pair-aidance"


def test_an_unknown_sheet_answers_in_english(client, sheets):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    answer = client.get("/pratiques/nimporte-quoi/")
    assert answer.status_code == 404
    assert "This practice does not exist or is not published." in answer.content.decode()


def test_the_staff_registry_dates_and_stages_in_words(group_gael_client, sheets):
    for language, day, stage in (
        ("fr", "<td>7 décembre 2026</td>", "<td>Expérimentation</td>"),
        ("en", "<td>Dec. 7, 2026</td>", "<td>Experimentation</td>"),
    ):
        page = _get(group_gael_client, "/staff/pratiques/", language)
        assert day in page and stage in page, language
        assert "Déc" not in page and "experimentation<" not in page
