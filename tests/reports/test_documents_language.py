"""The annex speaks one language throughout: its words from the translation catalogue, its
dates and numbers from Django's formats for that language.

An English document must hold none of the French wording the documents once carried in
their own dictionary (now the catalogue's "report annex" texts); a French one writes decimals
with a comma. What the questionnaire's authors wrote (French, here) may hold any word: a
French phrase found in the source data is not the documents' own.
"""

from __future__ import annotations

import io
import json
import re
from functools import cache
from typing import Any

import pytest
from django.conf import settings
from django.utils import formats, translation

from tests.analysis import support
from tests.practices.test_labels import PO
from vivier.reports import localized
from vivier.reports.documents import Remark, render
from vivier.surveys.codecs import vivier_json
from vivier.surveys.schema import Questionnaire

REMARKS = [
    Remark(None, "ANALYSE", "A remark on the whole campaign."),
    Remark("q14", "SUGGESTION", "Cross with the kind of organisation."),
]


@pytest.fixture(scope="module")
def hcts() -> tuple[Questionnaire, dict[str, Any]]:
    return support.hcts_demo_report()


@cache
def _french_wording() -> list[str]:
    """The documents' French texts that English says otherwise, cut at their placeholders:
    "N = {answered} répondants (question posée à {shown})" gives "répondants (question
    posée à"."""
    entries = re.findall(
        r'^msgctxt "report annex[^"]*"\nmsgid "((?:[^"\\]|\\.)*)"\n'
        r'(?:msgid_plural "(?:[^"\\]|\\.)*"\n)?msgstr(?:\[0\])? "((?:[^"\\]|\\.)*)"',
        PO.read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    assert len(entries) > 60  # the scan has something to look for
    fragments = set()
    for msgid, msgstr in entries:
        for fragment in re.split(r"\{\w+\}", msgid):
            fragment = fragment.strip(" .:;()")
            if len(fragment) >= 5 and fragment not in msgstr:
                fragments.add(fragment)
    return sorted(fragments)


def _french_left(text: str, source: str) -> list[str]:
    return [f for f in _french_wording() if f in text and f not in source]


def _source(q: Questionnaire, report: dict[str, Any]) -> str:
    """Everything the documents quote from their data rather than write themselves."""
    return json.dumps(vivier_json.dump(q), ensure_ascii=False) + json.dumps(
        report, ensure_ascii=False
    )


def _html_text(data: bytes) -> str:
    page = data.decode()
    page = re.sub(r"<(style|svg)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for cell in table._cells]
    texts += [p.text for p in document.sections[0].footer.paragraphs]
    return "\n".join(texts)


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    texts = list(workbook.sheetnames)
    for sheet in workbook.worksheets:
        texts += [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    return "\n".join(texts)


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx"])
def test_an_english_document_has_no_french_wording(hcts, fmt):
    q, report = hcts
    data = render(report, q, remarks=REMARKS, fmt=fmt, lang="en", include_texts=True)
    text = {"html": _html_text, "docx": _docx_text, "xlsx": _xlsx_text}[fmt](data)
    assert _french_left(text, _source(q, report)) == []
    # And it is English: its own words are there.
    for words in ("Responses", "Count"):
        assert words in text


def test_the_scan_finds_french_wording(hcts):
    """The scan itself: the French document is full of what the English one must not hold."""
    q, report = hcts
    french = _html_text(render(report, q, remarks=REMARKS, fmt="html", lang="fr"))
    found = _french_left(french, _source(q, report))
    assert {"Profil des répondants", "Réponses par jour", "Moyenne", "Médiane"} <= set(found)


def test_a_french_document_writes_decimals_with_a_comma(hcts):
    q, report = hcts
    q14 = next(f for f in report["questions"] if f["name"] == "q14")
    share = q14["options"][0]["percent"]
    french = render(report, q, remarks=[], fmt="html", lang="fr").decode()
    english = render(report, q, remarks=[], fmt="html", lang="en").decode()
    whole, tenth = f"{share:.1f}".split(".")
    assert f'<td class="num">{whole},{tenth}\u00a0%</td>' in french
    assert f'<td class="num">{whole}.{tenth}%</td>' in english
    # Means, too: "3,5" on one side, "3.5" on the other; no "3.5" left in French tables.
    assert re.search(r'<td class="num">\d+,\d+</td>', french)
    assert not re.search(r'<td class="num">\d+\.\d+(?:\u00a0%)?</td>', french)
    assert re.search(r'<td class="num">\d+\.\d+</td>', english)


def test_a_document_does_not_follow_the_page_language(hcts):
    """A French annex asked from an English page is French, and the page stays English."""
    q, report = hcts
    with translation.override("en"):
        french = render(report, q, remarks=REMARKS, fmt="html", lang="fr").decode()
        assert translation.get_language() == "en"
    assert '<html lang="fr">' in french and "Profil des répondants" in french
    assert "Respondents' profile" not in french
    with translation.override("fr"):
        english = render(report, q, remarks=REMARKS, fmt="html", lang="en").decode()
    assert "Respondents&#x27; profile" in english
    assert "Profil des répondants" not in english


def test_english_quotes_and_dates_in_the_word_document(hcts):
    q, report = hcts
    text = _docx_text(render(report, q, remarks=[], fmt="docx", lang="en", include_texts=True))
    assert "from July 27, 2020 to Sept. 23, 2020" in text
    assert "“" in text and "« " not in text


@pytest.mark.parametrize(
    ("value", "lang", "places", "expected"),
    [
        (1771, "fr", 0, "1{sep}771"),
        (1771, "en", 0, "1,771"),
        (3.456, "fr", None, "3,46"),
        (3.5, "fr", None, "3,5"),  # not "3,50"
        (3.5, "en", None, "3.5"),
        (100.0, "fr", None, "100"),
        (2.5, "fr", 0, "3"),  # half away from zero, as the report rounds
        (-2.5, "en", 0, "-3"),
        (1234567.891, "fr", None, "1{sep}234{sep}567,89"),
        (None, "fr", 0, "–"),
    ],
)
def test_numbers_come_from_djangos_formats(value, lang, places, expected):
    sep = formats.get_format("THOUSAND_SEPARATOR", lang="fr")
    assert localized.number(value, lang, places=places) == expected.format(sep=sep)


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (59, "fr", "59,0\u00a0%"),
        (59, "en", "59.0%"),
        (12.34, "fr", "12,3\u00a0%"),
        (None, "en", "–"),
    ],
)
def test_percentages_in_each_language(value, lang, expected):
    assert localized.percent(value, lang) == expected


def test_numbers_refuse_an_unknown_language():
    with pytest.raises(ValueError, match="de"):
        localized.number(1, "de")


def test_the_downloaded_report_speaks_the_page_language(alice_client, demo):
    alice_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = alice_client.get("/staff/campagnes/hcts-2020/rapport.html").content.decode()
    assert '<html lang="en">' in english and "Respondents&#x27; profile" in english
    alice_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = alice_client.get("/staff/campagnes/hcts-2020/rapport.html").content.decode()
    assert '<html lang="fr">' in french and "Profil des répondants" in french


def test_the_per_day_table_names_each_day_in_the_page_language(alice_client, demo):
    url = "/staff/campagnes/hcts-2020/analyse/"
    alice_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "<td>Monday, August 24, 2020</td>" in alice_client.get(url).content.decode()
    alice_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = alice_client.get(url).content.decode()
    assert "<td>lundi 24 août 2020</td>" in french
    assert "<td>mardi 1er septembre 2020</td>" in french  # French's "1er"
