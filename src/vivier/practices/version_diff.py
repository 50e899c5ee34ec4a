"""The difference between two versions of a sheet, as the registry's staff read it.

Versions store the sheet as JSON (``vivier.sheets.schema.to_dict``): codes of closed lists,
true/false, lists, ISO dates. :func:`vivier.sheets.diff.diff` compares them as stored; this
page shows each changed field by its name and its values in words, in the page's language:
codes through ``labels``, true/false as yes/no, lists joined, dates and numbers in Django's
formats. Types come from the sheet's own dataclasses, so a field added to the sheet needs
only its name here (a test fails on a field without one).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import pgettext, pgettext_lazy

from vivier.reports import localized
from vivier.sheets import schema
from vivier.sheets.diff import changed

from . import labels


@dataclass(frozen=True)
class Change:
    #: Dotted path of the field ("territory.departements", "key_figures[0].value").
    field: str
    #: The field's name for people: "Chiffres clés 1 › Valeur".
    label: str
    before: str
    after: str
    #: For long texts, the changed words marked [-removed-] {+added+}; empty otherwise.
    words: str = ""


def _f(text: str) -> Promise:
    return pgettext_lazy("sheet field", text)


#: The name of every field of the sheet, by its path without list positions.
FIELD_NAMES: dict[str, Promise] = {
    "title": _f("Titre"),
    "code": _f("Numéro de fiche"),
    "summary": _f("Résumé"),
    "themes": _f("Thèmes"),
    "tags": _f("Mots-clés"),
    "territory": _f("Territoire"),
    "territory.scope": _f("Échelle"),
    "territory.departements": _f("Départements"),
    "territory.communes": _f("Communes"),
    "territory.communes.name": _f("Nom"),
    "territory.communes.insee": _f("Code commune (INSEE)"),
    "territory.label": _f("Territoire, tel qu’il est décrit"),
    "start_year": _f("Année de démarrage"),
    "year_text": _f("Année, telle qu’elle est écrite"),
    "actors": _f("Acteurs"),
    "actors.name": _f("Nom"),
    "actors.roles": _f("Rôles"),
    "actors.kind": _f("Type de structure"),
    "actors.note": _f("Précision"),
    "publics": _f("Publics"),
    "definition": _f("Définition"),
    "description": _f("Description"),
    "objectives": _f("Objectifs"),
    "genesis": _f("Genèse"),
    "timeline": _f("Chronologie"),
    "timeline.date": _f("Date"),
    "timeline.text": _f("Événement"),
    "timeline.date_text": _f("Date, telle qu’elle est écrite"),
    "funding_text": _f("Financements, tels qu’ils sont décrits"),
    "funding": _f("Financements"),
    "funding.funder": _f("Financeur"),
    "funding.type": _f("Type de financement"),
    "funding.amount": _f("Montant"),
    "funding.currency": _f("Devise"),
    "funding.period": _f("Période"),
    "funding.text": _f("Précision"),
    "references": _f("Repère méthodologique"),
    "governance": _f("Gouvernance"),
    "participation_text": _f("Participation des personnes concernées"),
    "participation": _f("Formes de participation"),
    "participation.mode": _f("Forme"),
    "participation.role": _f("Rôle des personnes concernées"),
    "participation.stage": _f("Étape"),
    "participation.text": _f("Précision"),
    "progress": _f("État d’avancée"),
    "deployment": _f("Déploiement"),
    "conditions_text": _f("Conditions de mise en œuvre"),
    "conditions": _f("Facteurs de réussite et obstacles"),
    "conditions.kind": _f("Facteur de réussite ou obstacle"),
    "conditions.category": _f("Catégorie"),
    "conditions.text": _f("Texte"),
    "perspectives": _f("Perspectives"),
    "implementation_review": _f("Bilan de la mise en œuvre"),
    "results": _f("Résultats et effets"),
    "evaluation": _f("Évaluation"),
    "indicators": _f("Indicateurs d’évaluation"),
    "indicators.label": _f("Libellé"),
    "indicators.kind": _f("Quantitatif ou qualitatif"),
    "key_figures": _f("Chiffres clés"),
    "key_figures.label": _f("Libellé"),
    "key_figures.value": _f("Valeur"),
    "key_figures.unit": _f("Unité"),
    "key_figures.year": _f("Année"),
    "key_figures.source": _f("Source"),
    "key_figures.qualifier": _f("Précision du chiffre"),
    "status": _f("Statut"),
    "stage_history": _f("Historique des étapes"),
    "stage_history.stage": _f("Étape"),
    "stage_history.date": _f("Date"),
    "stage_history.evidence": _f("Ce qui le montre"),
    "movement": _f("Mouvement"),
    "origin": _f("Origine"),
    "ruptures": _f("Ruptures"),
    "practices": _f("Pratiques de la fiche"),
    "practices.name": _f("Nom"),
    "practices.description": _f("Description"),
    "other_sections": _f("Autres rubriques"),
    "other_sections.label": _f("Intitulé"),
    "other_sections.text": _f("Texte"),
    "media": _f("Films, podcasts et autres médias"),
    "media.url": _f("Adresse"),
    "media.kind": _f("Type de média"),
    "media.title": _f("Titre"),
    "media.consent_recorded": _f("Consentement enregistré"),
    "sources": _f("Sources"),
}

_SEGMENT = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")


def field_label(path: str) -> str:
    """ "key_figures[0].value" -> "Chiffres clés 1 › Valeur", in the page's language.

    A field this version does not know (stored by an older one) keeps its path.
    """
    parts: list[str] = []
    names: list[str] = []
    for match in _SEGMENT.finditer(path):
        name, index = match.groups()
        names.append(name)
        word = FIELD_NAMES.get(".".join(names))
        if word is None:
            return path
        parts.append(f"{word} {int(index) + 1}" if index is not None else str(word))
    return " › ".join(parts)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(schema))


def _unwrap(tp: Any) -> Any:
    """``X | None`` -> ``X``."""
    if typing.get_origin(tp) in (types.UnionType, typing.Union):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return inner[0] if len(inner) == 1 else None
    return tp


def words(value: Any, tp: Any = None) -> str:
    """One stored value as people read it: "Mise en œuvre", "oui", "mars 2016", "12 500"."""
    tp = _unwrap(tp)
    if value is None:
        return ""
    if isinstance(value, bool):
        return pgettext("yes or no", "oui") if value else pgettext("yes or no", "non")
    if isinstance(tp, type) and issubclass(tp, StrEnum) and isinstance(value, str):
        return labels.label_of(tp, value)
    if tp is schema.PartialDate and isinstance(value, str):
        return _partial_date(value)
    if isinstance(value, float):
        return localized.number(value, localized.page_lang(), places=None)
    return str(value)


def _partial_date(text: str) -> str:
    """ "2016-03" -> "mars 2016" / "March 2016": the known part only, in Django's formats."""
    try:
        known = schema.PartialDate.parse(text)
    except schema.SheetFormatError:
        return text
    if known.month is None:
        return str(known.year)
    day = datetime.date(known.year, known.month, known.day or 1)
    return formats.date_format(day, "DATE_FORMAT" if known.day else "YEAR_MONTH_FORMAT")


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, Mapping | list | tuple)


def _flatten(value: Any, tp: Any = schema.Sheet, path: str = "") -> dict[str, str]:
    tp = _unwrap(tp)
    if isinstance(value, Mapping):
        hints = _hints(tp) if isinstance(tp, type) and dataclasses.is_dataclass(tp) else {}
        flat: dict[str, str] = {}
        for key, item in value.items():
            flat.update(_flatten(item, hints.get(key), f"{path}.{key}" if path else str(key)))
        return flat
    if isinstance(value, list | tuple):
        item_type = typing.get_args(tp)[0] if typing.get_origin(tp) is tuple else None
        if all(_is_scalar(v) for v in value):
            return {path: ", ".join(words(v, item_type) for v in value)}
        flat = {}
        for index, item in enumerate(value):
            flat.update(_flatten(item, item_type, f"{path}[{index}]"))
        return flat
    return {path: words(value, tp)}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    """Fields that differ between two sheet dicts, in a stable order, named and written in
    the active language."""
    return [
        Change(field, field_label(field), a, b, marked)
        for field, a, b, marked in changed(_flatten(before), _flatten(after))
    ]
