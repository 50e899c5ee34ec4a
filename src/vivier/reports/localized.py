"""What charts and documents take from Django's locale data: the page's language, dates and
numbers.

Charts and the tile map import no Django (``vivier.charts``); they ask their caller for
every word, number and date (``vivier.reports.chart_words`` gathers them). Dates come from
here: month and day names, and each language's ``DATE_FORMAT``, are Django's, the same as
the ``date`` filter of the pages, so a chart, a document and the page around them write a
date the same way. Numbers and
percentages of the documents come from Django's number formats (``number``, ``percent``).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import dateformat, formats, translation
from django.utils.translation import pgettext

from vivier.charts.wording import DateKind

#: Django date format patterns (or named formats) per language and kind of date. The
#: locale's named formats say no weekday and no short month-day, hence the patterns.
PATTERNS: dict[str, dict[DateKind, str]] = {
    "fr": {"long": "l j F Y", "date": "DATE_FORMAT", "short": "j\u00a0N"},
    "en": {"long": "l, F j, Y", "date": "DATE_FORMAT", "short": "M\u00a0j"},
}
#: The languages the charts speak.
LANGS: tuple[str, ...] = tuple(PATTERNS)


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
    _check(lang)
    with translation.override(lang):
        pattern = formats.get_format(PATTERNS[lang][kind])  # a named format, or as given
        if lang == "fr" and day.day == 1 and kind != "short":
            pattern = pattern.replace("j", r"j\e\r", 1)
        return dateformat.format(day, pattern)


def _rounded(value: float | int | Decimal, places: int) -> Decimal:
    """``value`` rounded half away from zero, like the report's own figures: a number written
    here never disagrees with the same number in the JSON report (Django's ``number_format``
    truncates the digits it does not show)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value: float | int | Decimal | None, lang: str, *, places: int | None = 0) -> str:
    """``value`` in ``lang``'s digits, thousands grouped: "1 771" and "3,5" in French (the
    separators of Django's French formats), "1,771" and "3.5" in English. "–" for no value.

    ``places`` decimals are always written ("59,0"); with ``places=None`` the value is rounded
    to two and trailing zeros are dropped ("3,5", not "3,50"), as a mean reads best.
    """
    if value is None:
        return "–"
    _check(lang)
    if places is None:
        rounded = _rounded(value, 2)
        # normalize() drops the trailing zeros; "{:f}" in number_format keeps 100 as "100".
        shown: Decimal = rounded.normalize() if rounded else Decimal(0)
        decimal_pos = None
    else:
        shown, decimal_pos = _rounded(value, places), places
    with translation.override(lang):
        return formats.number_format(shown, decimal_pos, use_l10n=True, force_grouping=True)


def percent(value: float | int | Decimal | None, lang: str, *, places: int = 1) -> str:
    """A percentage: "59,0 %" in French (a no-break space before the sign), "59.0%" in
    English; the place of the sign is each language's translation of the pattern."""
    if value is None:
        return "–"
    text = number(value, lang, places=places)
    with translation.override(lang):
        return pgettext("a percentage", "%(number)s\u00a0%%") % {"number": text}


def _check(lang: str) -> None:
    if lang not in PATTERNS:
        raise ValueError(f"lang must be one of {tuple(PATTERNS)}, not {lang!r}")
