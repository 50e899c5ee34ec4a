"""The words of the indicator chart (``vivier.charts.lines``), from the catalogue.

The chart is pure and cannot translate; this module hands it a
:class:`~vivier.charts.lines.LineWording` in French or English, from gettext (French source
strings, English from the ``.po``) and ``vivier.reports.localized`` for numbers, as
``vivier.reports.chart_words`` does for the report's charts. One per language, kept.
"""

from __future__ import annotations

import functools

from django.utils import translation
from django.utils.translation import pgettext

from vivier.charts.lines import LineWording
from vivier.reports import localized

__all__ = ["line_wording"]


def line_wording(lang: str | None = None) -> LineWording:
    """The indicator chart's words in ``lang``; in the page's language by default."""
    lang = lang or localized.page_lang()
    if lang not in localized.LANGS:
        raise ValueError(f"lang must be one of {localized.LANGS}, not {lang!r}")
    return _line_wording(lang)


@functools.cache
def _line_wording(lang: str) -> LineWording:
    with translation.override(lang):
        return LineWording(
            lang=lang,
            number=lambda value, decimals: localized.number(value, lang, places=decimals),
            no_data=pgettext("chart", "Aucune donnée"),
            values_legend=pgettext("indicator chart", "Valeurs approuvées"),
            targets_legend=pgettext("indicator chart", "Cibles"),
            baseline_legend=pgettext("indicator chart", "Situation de départ ({year})"),
            value_of=pgettext("indicator chart", "{period} : {value}"),
            target_of=pgettext("indicator chart", "{period} : cible {value}"),
            values_said=pgettext("indicator chart", "Valeurs approuvées : {items}"),
            no_values_said=pgettext("indicator chart", "Aucune valeur approuvée"),
            targets_said=pgettext("indicator chart", "cibles : {items}"),
            baseline_said=pgettext("indicator chart", "situation de départ : {value} en {year}"),
            clauses=pgettext("chart, between two clauses", " ; "),
            items=pgettext("indicator chart, between two items", ", "),
        )
