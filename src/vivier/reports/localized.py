"""What the pure charts take from Django's locale data: the page's language, and dates.

Charts and the tile map import no Django (``vivier.reports.charts``); they write numbers
themselves and ask their caller for dates. Dates come from here: month and day names, and
each language's ``DATE_FORMAT``, are Django's, the same as the ``date`` filter of the pages,
so a chart, a document and the page around them write a date the same way.
"""

from __future__ import annotations

from datetime import date

from django.utils import dateformat, formats, translation

from .charts import LANGS, DateKind

#: Django date format patterns (or named formats) per language and kind of date. The
#: locale's named formats say no weekday and no short month-day, hence the patterns.
PATTERNS: dict[str, dict[DateKind, str]] = {
    "fr": {"long": "l j F Y", "date": "DATE_FORMAT", "short": "j\u00a0N"},
    "en": {"long": "l, F j, Y", "date": "DATE_FORMAT", "short": "M\u00a0j"},
}


def page_lang() -> str:
    """The language of the page being drawn, when the charts speak it; French otherwise."""
    language = translation.get_language()
    return language if language in LANGS else "fr"


def date_text(day: date, kind: DateKind, lang: str) -> str:
    """``day`` in ``lang``: "lundi 24 août 2020" (long), "24 août 2020" (date), "24 août"
    (short, an axis' tick); "Monday, August 24, 2020", "Aug. 24, 2020", "Aug 24".

    French writes the first day of a month "1er" ("1er septembre 2020"), which Django's
    formats cannot say; the axis, short of room, keeps "1".
    """
    if lang not in PATTERNS:
        raise ValueError(f"lang must be one of {tuple(PATTERNS)}, not {lang!r}")
    with translation.override(lang):
        pattern = formats.get_format(PATTERNS[lang][kind])  # a named format, or as given
        if lang == "fr" and day.day == 1 and kind != "short":
            pattern = pattern.replace("j", r"j\e\r", 1)
        return dateformat.format(day, pattern)
