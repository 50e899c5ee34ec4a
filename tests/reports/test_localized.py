"""Dates of charts and documents in each language's words, from Django's locale data."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from vivier.reports.documents.common import fmt_date
from vivier.reports.localized import date_text, page_lang

PEAK = date(2020, 8, 24)  # a Monday
FIRST = date(2020, 9, 1)  # a Tuesday


@pytest.mark.parametrize(
    ("day", "kind", "lang", "expected"),
    [
        (PEAK, "long", "fr", "lundi 24 août 2020"),
        (PEAK, "date", "fr", "24 août 2020"),
        (PEAK, "short", "fr", "24\xa0août"),
        (date(2020, 7, 27), "short", "fr", "27\xa0juil."),
        (date(2026, 12, 7), "date", "fr", "7 décembre 2026"),  # never "7 Déc 2026"
        # French writes the first of the month "1er", except on an axis, short of room.
        (FIRST, "long", "fr", "mardi 1er septembre 2020"),
        (FIRST, "date", "fr", "1er septembre 2020"),
        (FIRST, "short", "fr", "1\xa0sept."),
        (PEAK, "long", "en", "Monday, August 24, 2020"),
        (PEAK, "date", "en", "Aug. 24, 2020"),
        (PEAK, "short", "en", "Aug\xa024"),
        (FIRST, "date", "en", "Sept. 1, 2020"),
    ],
)
def test_dates_in_each_language(day, kind, lang, expected):
    assert date_text(day, kind, lang) == expected


def test_a_date_does_not_depend_on_the_active_language():
    """A document asked in French is French on an English page, and the reverse."""
    with translation.override("en"):
        assert date_text(PEAK, "date", "fr") == "24 août 2020"
        assert translation.get_language() == "en"  # and the page stays English
    with translation.override("fr"):
        assert date_text(PEAK, "date", "en") == "Aug. 24, 2020"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="de"):
        date_text(PEAK, "date", "de")


def test_documents_write_their_dates_the_same_way():
    assert fmt_date(date(2020, 7, 27), "fr") == "27 juillet 2020"
    assert fmt_date(date(2020, 7, 27), "en") == "July 27, 2020"


def test_charts_follow_the_page_language_they_know():
    for active, expected in (("fr", "fr"), ("en", "en"), ("de", "fr")):
        with translation.override(active):
            assert page_lang() == expected
