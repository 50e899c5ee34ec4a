"""The charts' words in one place: every word the pure charts draw, from the catalogue.

The charts (``vivier.charts``) import no Django, so they cannot translate; this module hands
them a :class:`~vivier.charts.wording.Wording` in French or English, built from gettext
(French source strings, English from the ``.po``) and from ``localized`` for numbers and
dates, Django's formats. One ``Wording`` per language is built once and kept.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.utils import translation
from django.utils.translation import npgettext, pgettext, trans_real

from vivier.charts.wording import Counted, Unit, Wording

from . import localized

__all__ = ["practices", "wording"]


def _form(lang: str, n: int) -> int:
    """The ``n`` to hand ngettext so that it picks the right form for ``lang``.

    French is the source language and has no catalogue of ours, so gettext would fall back
    to English's rule and write "0 réponses"; Django's own catalogue of the language knows
    its plural rule (in French, 0 and 1 take the singular).
    """
    return 1 if trans_real.translation(lang).plural(n) == 0 else 2


def _counted(lang: str, forms: Callable[[int], str]) -> Counted:
    """``n -> "57 réponses"``: ``forms`` is an ngettext call left for the catalogue."""

    def count(n: int) -> str:
        with translation.override(lang):
            text = forms(_form(lang, n))
        return text % {"count": localized.number(n, lang)}

    return count


def _lang(lang: str | None) -> str:
    lang = lang or localized.page_lang()
    if lang not in localized.LANGS:
        raise ValueError(f"lang must be one of {localized.LANGS}, not {lang!r}")
    return lang


def wording(lang: str | None = None) -> Wording:
    """The charts' words in ``lang``; in the page's language by default."""
    return _wording(_lang(lang))


def practices(lang: str | None = None) -> Unit:
    """The unit of the catalogue's map: practices, not survey answers."""
    return _practices(_lang(lang))


@functools.cache
def _practices(lang: str) -> Unit:
    with translation.override(lang):
        title = pgettext("chart legend", "Pratiques")
    return Unit(
        count=_counted(
            lang, lambda n: npgettext("chart", "%(count)s pratique", "%(count)s pratiques", n)
        ),
        title=title,
        missing=_counted(
            lang,
            lambda n: npgettext(
                "chart",
                "%(count)s département sans pratique",
                "%(count)s départements sans pratique",
                n,
            ),
        ),
    )


@functools.cache
def _wording(lang: str) -> Wording:
    with translation.override(lang):
        responses = Unit(
            count=_counted(
                lang, lambda n: npgettext("chart", "%(count)s réponse", "%(count)s réponses", n)
            ),
            title=pgettext("chart legend", "Réponses"),
            missing=_counted(
                lang,
                lambda n: npgettext(
                    "chart",
                    "%(count)s département sans réponse",
                    "%(count)s départements sans réponse",
                    n,
                ),
            ),
        )
        return Wording(
            lang=lang,
            number=lambda value, decimals: localized.number(value, lang, places=decimals),
            percent=lambda value, decimals: localized.percent(value, lang, places=decimals),
            date=lambda day, kind: localized.date_text(day, kind, lang),
            responses=responses,
            days=_counted(
                lang, lambda n: npgettext("chart", "%(count)s jour", "%(count)s jours", n)
            ),
            no_data=pgettext("chart", "Aucune donnée"),
            value_of=pgettext("chart", "{label} : {value}"),
            clauses=pgettext("chart, between two clauses", " ; "),
            bars=pgettext("chart", "Barres horizontales : {items}"),
            funnel=pgettext("chart", "Entonnoir de complétion : {items}"),
            suppressed=pgettext("chart", "masqué"),
            suppressed_below=pgettext("chart", "masqué (<\u00a0{threshold})"),
            suppressed_below_said=pgettext("chart", "masqué (moins de {threshold})"),
            per_day_empty=pgettext("chart", "Réponses par jour : aucune donnée."),
            per_day=pgettext("chart", "Réponses par jour du {first} au {last} : {total} en {days}"),
            peak=pgettext("chart", "pic le {day} ({count})"),
            tile_map=pgettext("chart", "Carte en tuiles des 101 départements : {total}"),
            tile_map_most=pgettext("chart", "les plus nombreuses : {items}"),
            tile_map_classes=pgettext("chart", "classes : {items}"),
            tile_map_elsewhere=pgettext("chart", "{count} hors carte (code inconnu)"),
            overseas=pgettext("chart", "Outre-mer"),
        )
