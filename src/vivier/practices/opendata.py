"""Open data: the published practices as CSV (one flat row each) and JSON (the whole sheet).

The same functions feed the downloads of the public catalogue and the command
``vivier practices export --format csv|json``, so a file fetched from the site and one written
by the command are identical (except the site's absolute URLs). Only published practices
ever leave, and media links whose consent is not recorded are dropped, as on the sheet page.
The fields are described for humans on ``/pratiques/donnees/`` (:data:`FIELDS`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vivier.evaluation import public as evaluation_public
from vivier.plans.schema import Step
from vivier.sheets import schema
from vivier.territories import region_of
from vivier.text.spreadsheet import defuse_formula

from .models import Practice

FORMATS = ("csv", "json")

#: Column name -> (type, description): the documented schema, in the CSV's column order.
#: The names are the data's own and stay as they are; the words are the page's language.
FIELDS: dict[str, tuple[Promise, Promise]] = {
    "code": (
        _("texte"),
        _("Numéro de la fiche dans le rapport HCTS 2020 (« 1A » à « 5F »), vide sinon."),
    ),
    "slug": (
        _("texte"),
        _("Identifiant stable de la fiche : il ne change pas quand le titre change."),
    ),
    "url": (_("URL"), _("Adresse de la fiche dans le catalogue public.")),
    "title": (_("texte"), _("Titre de la pratique.")),
    "summary": (_("texte"), _("Résumé en quelques phrases.")),
    "themes": (
        _("liste de codes"),
        _("Thèmes du rapport ; en CSV, séparés par « ; ». Valeurs : voir la table des thèmes."),
    ),
    "departements": (
        _("liste de codes"),
        _(
            "Codes officiels (COG) des départements où la pratique se déroule ; en CSV, "
            "séparés par « ; ». Vide pour une pratique nationale ou sans département connu."
        ),
    ),
    "regions": (
        _("liste de codes"),
        _("Codes officiels (COG) des régions de ces départements ; en CSV, séparés par « ; »."),
    ),
    "start_year": (_("entier"), _("Année de démarrage de la pratique, vide si inconnue.")),
    "status": (
        _("code"),
        _("Statut de la pratique au moment de l’enquête. Valeurs : voir plus bas."),
    ),
    "stage": (
        _("code"),
        _("Étape de vie actuelle (la dernière de l’historique). Valeurs : voir plus bas."),
    ),
    "updated_at": (_("date et heure ISO 8601"), _("Dernière mise à jour de la fiche publiée.")),
    "evaluation_plan": (
        _("booléen"),
        _("La pratique a un plan d’évaluation (true ou false)."),
    ),
    "evaluation_indicators": (
        _("entier"),
        _("Nombre d’indicateurs de son plan d’évaluation, vide sans plan."),
    ),
    "evaluation_co_decide": (
        _("booléen"),
        _(
            "Les personnes concernées codécident au moins une étape de l’évaluation. Vide "
            "quand il n’y a pas de plan ou que le plan ne publie pas sa matrice de "
            "participation."
        ),
    ),
    "evaluation_co_decide_steps": (
        _("liste de codes"),
        _(
            "Étapes de l’évaluation que les personnes concernées codécident ; en CSV, "
            "séparées par « ; ». Valeurs : voir plus bas."
        ),
    ),
}

#: Fields of the JSON only (they do not fit a CSV cell), documented beside :data:`FIELDS`.
JSON_FIELDS: dict[str, tuple[Promise, Promise]] = {
    "evaluation_series": (
        _("liste d’objets"),
        _(
            "Les indicateurs du plan au fil du temps, quand le plan les publie (sinon une "
            "liste vide) : pour chacun, « key », « title », « kind » (quantitatif ou "
            "qualitatif), « unit », « direction » (hausse, baisse, maintien), « definition » "
            "(numéro de la définition en cours) et « points », un objet par période avec "
            "« period » (2024, 2024-T2 ou 2024-03), « value », « target », « narrative » et "
            "« suppressed ». Seules les valeurs approuvées comptent. Une valeur qui compte "
            "moins de 5 personnes, ou un taux calculé sur moins de 5 personnes, vaut null "
            "avec « suppressed » à true."
        ),
    ),
}


def published() -> Iterator[Practice]:
    queryset = (
        Practice.objects.filter(state=Practice.State.PUBLISHED)
        .only("slug", "code", "title", "data", "stage", "status", "start_year", "updated_at")
        .order_by("code", "title", "pk")
    )
    yield from queryset.iterator(chunk_size=500)


def public_sheet_dict(practice: Practice) -> dict[str, Any]:
    """The sheet as published: media shown without recorded consent stay private."""
    data = dict(practice.data)
    data["media"] = [m for m in data.get("media", []) if m.get("consent_recorded")]
    return data


def row(
    practice: Practice,
    base_url: str = "",
    evaluation: evaluation_public.OpenEvaluation | None = None,
) -> dict[str, Any]:
    """The flat fields of one practice (lists kept as lists; CSV joins them);
    ``evaluation`` is its plan's public part (``evaluation_public.open_data``), if any."""
    sheet = practice.data
    departements = list(sheet.get("territory", {}).get("departements", []))
    return {
        "code": practice.code,
        "slug": practice.slug,
        "url": base_url.rstrip("/") + reverse("practices:detail", args=[practice.slug]),
        "title": practice.title,
        "summary": sheet.get("summary", ""),
        "themes": list(sheet.get("themes", [])),
        "departements": departements,
        "regions": list(dict.fromkeys(region_of(code) for code in departements)),
        "start_year": practice.start_year,
        "status": practice.status,
        "stage": practice.stage,
        "updated_at": practice.updated_at.isoformat(),
        "evaluation_plan": evaluation is not None,
        "evaluation_indicators": evaluation.indicators if evaluation else None,
        "evaluation_co_decide": evaluation.co_decide if evaluation else None,
        "evaluation_co_decide_steps": evaluation.co_decide_steps if evaluation else [],
    }


def to_csv(base_url: str = "") -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    evaluations = evaluation_public.open_data()
    for practice in published():
        values = row(practice, base_url, evaluations.get(practice.pk))
        writer.writerow([_cell(values[name]) for name in FIELDS])
    return out.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    # Titles and summaries are written by the public: a leading "=" must stay text.
    return defuse_formula(str(value))


def to_json(base_url: str = "") -> str:
    evaluations = evaluation_public.open_data()
    practices = [
        {
            **public_sheet_dict(practice),
            **row(practice, base_url, evaluations.get(practice.pk)),
            "evaluation_series": _series(evaluations.get(practice.pk)),
        }
        for practice in published()
    ]
    document = {
        "schema": base_url.rstrip("/") + reverse("practices:schema"),
        "count": len(practices),
        "practices": practices,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _series(evaluation: evaluation_public.OpenEvaluation | None) -> list[dict[str, Any]]:
    return evaluation.series if evaluation is not None else []


def export(fmt: str, *, base_url: str = "") -> str:
    """The published practices as ``fmt`` ("csv" or "json"); what the CLI writes to a file.

    ``base_url`` ("https://vivier.example.org") makes the ``url`` fields absolute; without
    it they are paths from the site's root.
    """
    if fmt == "csv":
        return to_csv(base_url)
    if fmt == "json":
        return to_json(base_url)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")


#: The sheet's closed lists, named for the schema page (JSON keys hold these codes).
CODE_LISTS: dict[str, type[StrEnum]] = {
    "themes": schema.Theme,
    "status": schema.Status,
    "stage": schema.Stage,
    "evaluation_co_decide_steps": Step,
}
