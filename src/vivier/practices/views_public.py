"""The public catalogue of practices: search, facets, map, sheet pages, PDF and open data.

No login, and only PUBLISHED practices: every query here starts from :func:`published`, so
a draft, a sheet under review or an unpublished one is absent from lists, counts, the map,
similar practices and downloads, and its address answers a 404 in the visitor's language.

Facets are GET parameters (``?theme=pair_aidance&region=75``) so that a filtered catalogue
is a link and the page works without JavaScript. Within one facet the values are
alternatives (OR); facets combine (AND). Each facet's counts are computed on the current
search and *the other* facets, so a visitor sees how many practices each choice would give.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from vivier import charts
from vivier.accounts.access import public
from vivier.evaluation import public as evaluation_public
from vivier.plans.schema import Step
from vivier.reports import chart_words, localized
from vivier.sheets import schema
from vivier.territories import (
    departement_label,
    departement_name,
    is_departement_code,
    region_name,
    region_of,
)

from . import opendata, search, similar
from .labels import label, label_of
from .models import Practice, PracticePlace

PER_PAGE = 12

# ------------------------------------------------------------------------------ queries


def published() -> QuerySet[Practice]:
    return Practice.objects.filter(state=Practice.State.PUBLISHED)


@dataclass(frozen=True)
class Facet:
    name: str  # the GET parameter
    legend: Promise  # translated when the page is drawn
    widget: str  # "checkbox" or "select"


FACETS = (
    Facet("theme", _("Thème"), "checkbox"),
    Facet("region", _("Région"), "select"),
    Facet("departement", _("Département"), "select"),
    Facet("public", _("Public"), "select"),
    Facet("stage", _("Étape de vie"), "checkbox"),
    Facet("status", _("Statut"), "checkbox"),
    Facet("annee", _("Année de démarrage"), "select"),
    Facet("evaluation", _("Évaluation"), "checkbox"),
)
SORTS: dict[str, Promise] = {
    "pertinence": _("Pertinence"),
    "titre": _("Titre"),
    "annee": _("Année de démarrage (la plus récente d’abord)"),
    "recent": _("Récemment mis à jour"),
}


def _facet_label(name: str, value: str) -> str:
    if name == "theme":
        return label_of(schema.Theme, value)
    if name == "region":
        try:
            return region_name(value)
        except KeyError:
            return value
    if name == "departement":
        return departement_label(value) if is_departement_code(value) else value
    if name == "stage":
        return label_of(schema.Stage, value)
    if name == "status":
        return label_of(schema.Status, value)
    if name == "evaluation" and value == evaluation_public.CO_DECIDE:
        return gettext("Les personnes concernées codécident l’évaluation")
    return value


def _facet_order(name: str, options: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Closed lists keep their own order (the report's themes, the life stages); places and
    # publics read best alphabetically; years newest first.
    orders: dict[str, list[str]] = {
        "theme": [t.value for t in schema.Theme],
        "stage": [s.value for s in schema.Stage],
        "status": [s.value for s in schema.Status],
    }
    if name in orders:
        rank = {v: i for i, v in enumerate(orders[name])}
        return sorted(options, key=lambda o: rank.get(o["value"], len(rank)))
    if name == "annee":
        return sorted(options, key=lambda o: o["value"], reverse=True)
    if name in ("departement", "region"):
        return sorted(options, key=lambda o: o["value"])
    return sorted(options, key=lambda o: o["label"].casefold())


def _selected(request: HttpRequest) -> dict[str, list[str]]:
    return {
        f.name: [v for v in dict.fromkeys(request.GET.getlist(f.name)) if v.strip()][:50]
        for f in FACETS
    }


def _query_string(q: str, selected: Mapping[str, Iterable[str]], **extra: str) -> str:
    pairs = [("q", q)] if q else []
    pairs += [(name, v) for name, values in selected.items() for v in values]
    pairs += [(k, v) for k, v in extra.items() if v]
    return urlencode(pairs)


# ------------------------------------------------------------------------------ pages


def _page_number(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


@public
@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    selected = _selected(request)
    searching = bool(q) and search.has_terms(q)

    sorts = dict(SORTS) if searching else {k: v for k, v in SORTS.items() if k != "pertinence"}
    sort = request.GET.get("tri", "")
    if sort not in sorts:
        sort = "pertinence" if searching else "titre"
    # The page, the total and every facet's counts (``search.catalogue``).
    wanted = _page_number(request.GET.get("page"))
    found = search.catalogue(
        q if searching else "",
        selected,
        sort=sort,
        offset=(wanted - 1) * PER_PAGE,
        limit=PER_PAGE,
    )
    total = found.total
    paginator = Paginator(range(total), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    page_ids = found.ids
    if page.number != wanted:  # a page past the end, or a page number that is not one
        page_ids = search.catalogue(
            q if searching else "",
            selected,
            sort=sort,
            offset=(page.number - 1) * PER_PAGE,
            limit=PER_PAGE,
            facets=False,
        ).ids
    rows = {p.pk: p for p in published().filter(pk__in=page_ids).only("slug", "title", "data")}
    practices = [rows[pk] for pk in page_ids if pk in rows]

    facets = []
    for facet in FACETS:
        counts = found.counts[facet.name]
        chosen = selected[facet.name]
        values = set(counts) | set(chosen)
        options = [
            {
                "value": value,
                "label": _facet_label(facet.name, value),
                "count": counts.get(value, 0),
                "selected": value in chosen,
                "id": f"f-{facet.name}-{re.sub(r'[^a-z0-9]+', '-', value.lower())}-{i}",
            }
            for i, value in enumerate(sorted(values))
            if counts.get(value, 0) > 0 or value in chosen
        ]
        facets.append({"facet": facet, "options": _facet_order(facet.name, options)})

    any_filter = any(selected.values())
    pages = (
        [
            {
                "number": n,
                "url": "?"
                + _query_string(q, selected, tri=request.GET.get("tri", ""), page=str(n)),
            }
            for n in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
            if isinstance(n, int)
        ]
        if paginator.num_pages > 1
        else []
    )
    return render(
        request,
        "practices/catalogue.html",
        {
            "q": q,
            "facets": facets,
            "sorts": sorts,
            "sort": sort,
            "total": total,
            "page": page,
            "pages": pages,
            "previous_url": "?"
            + _query_string(q, selected, tri=request.GET.get("tri", ""), page=str(page.number - 1))
            if page.has_previous()
            else "",
            "next_url": "?"
            + _query_string(q, selected, tri=request.GET.get("tri", ""), page=str(page.number + 1))
            if page.has_next()
            else "",
            "cards": [card(p) for p in practices],
            "any_filter": any_filter,
            "clear_url": reverse("practices:catalogue")
            + (f"?{urlencode({'q': q})}" if q and any_filter else ""),
            "page_title": gettext("Catalogue des pratiques"),
        },
    )


def territory_text(sheet: schema.Sheet) -> str:
    if sheet.territory.label:
        return sheet.territory.label
    names = [departement_name(code) for code in sheet.territory.departements]
    if names:
        return ", ".join(names)
    return label(sheet.territory.scope)


#: What a card shows: decoding only these fields of the stored sheet keeps a page of cards
#: cheap (a whole sheet holds actors, timeline, funding... that a card never shows).
CARD_FIELDS = ("title", "summary", "themes", "territory", "start_year", "stage_history")


def card(practice: Practice) -> dict[str, Any]:
    sheet = schema.from_dict({k: v for k, v in practice.data.items() if k in CARD_FIELDS})
    return {
        "practice": practice,
        "summary": sheet.summary,
        "themes": [label(t) for t in sheet.themes],
        "territory": territory_text(sheet),
        "stage": label(sheet.stage),
        "start_year": sheet.start_year,
    }


def map_counts() -> tuple[dict[str, int], list[Practice]]:
    """Published practices per département (a practice counts in each of its départements),
    and the practices the map cannot show: national ones and those without a département."""
    rows = (
        PracticePlace.objects.filter(practice__state=Practice.State.PUBLISHED)
        .values("departement")
        .annotate(n=Count("practice_id", distinct=True))
        .order_by()
    )
    counts = {row["departement"]: row["n"] for row in rows}
    apart = list(
        published()
        .filter(Q(data__territory__scope="national") | Q(places__isnull=True))
        .distinct()
        .order_by("title")
    )
    return counts, apart


@public
@require_GET
def practice_map(request: HttpRequest) -> HttpResponse:
    counts, apart = map_counts()
    svg = charts.tile_map(
        counts,
        title=gettext("Pratiques publiées par département"),
        words=chart_words.wording(),
        # Each tile counts practices, not the survey answers the map counts by default.
        unit=chart_words.practices(),
    )
    catalogue_url = reverse("practices:catalogue")
    rows = [
        {
            "code": code,
            "name": departement_name(code),
            "region": region_name(region_of(code)),
            "count": n,
            "url": f"{catalogue_url}?{urlencode({'departement': code})}",
        }
        for code, n in sorted(counts.items())
        if is_departement_code(code)
    ]
    return render(
        request,
        "practices/map.html",
        {
            "svg": svg,
            "rows": rows,
            "apart": [card(p) for p in apart],
            "page_title": gettext("Carte des pratiques"),
        },
    )


def _public_practice(slug: str) -> Practice:
    practice = published().filter(slug=slug).first()
    if practice is None:
        # A str, not a lazy text: Django's 404 page shows only a str message.
        raise Http404(gettext("Cette pratique n’existe pas ou n’est pas publiée."))
    return practice


def sheet_context(practice: Practice) -> dict[str, Any]:
    """Everything the sheet page and its PDF show, with codes turned into words and dates
    written in the page's language."""
    sheet = practice.sheet()
    conditions = sheet.conditions
    return {
        "practice": practice,
        "sheet": sheet,
        "themes": [label(t) for t in sheet.themes],
        "territory": territory_text(sheet),
        "departements": [
            {"code": code, "name": departement_name(code), "region": region_name(region_of(code))}
            for code in sheet.territory.departements
        ],
        "scope": label(sheet.territory.scope),
        "actors": [
            {
                "name": a.name,
                "kind": a.kind,
                "roles": ", ".join(label(r) for r in a.roles),
                "note": a.note,
            }
            for a in sheet.actors
        ],
        "status": label(sheet.status),
        "stage": label(sheet.stage),
        "movement": label(sheet.movement),
        "origin": label(sheet.origin),
        "ruptures": [label(r) for r in sheet.ruptures],
        "timeline": [
            {"when": e.date_text or partial_date_text(e.date), "text": e.text}
            for e in sorted(
                sheet.timeline, key=lambda e: e.date.sort_key() if e.date else (9999, 0, 0)
            )
        ],
        "funding": [
            {
                "funder": f.funder,
                "type": label(f.type),
                "amount": _amount(f.amount, f.currency),
                "period": f.period,
                "text": f.text,
            }
            for f in sheet.funding
        ],
        "participation": [
            {
                "mode": label(p.mode),
                "role": label(p.role),
                "stage": label(p.stage),
                "text": p.text,
            }
            for p in sheet.participation
        ],
        "success_factors": [
            {"category": label(c.category), "text": c.text}
            for c in conditions
            if c.kind == schema.ConditionKind.SUCCESS_FACTOR
        ],
        "obstacles": [
            {"category": label(c.category), "text": c.text}
            for c in conditions
            if c.kind == schema.ConditionKind.OBSTACLE
        ],
        "indicators": [{"label": i.label, "kind": label(i.kind)} for i in sheet.indicators],
        "key_figures": [
            {
                "label": k.label,
                "value": " ".join(part for part in (k.qualifier, _number(k.value), k.unit) if part),
                "year": k.year,
                "source": k.source,
            }
            for k in sheet.key_figures
        ],
        "stage_history": [
            {"stage": label(s.stage), "date": partial_date_text(s.date), "evidence": s.evidence}
            for s in sheet.stage_history
        ],
        # Only links whose people agreed to be shown: the rest stay in the staff area.
        "media": [
            {"url": m.url, "title": m.title or m.url, "kind": label(m.kind)}
            for m in sheet.media
            if m.consent_recorded
        ],
    }


def partial_date_text(value: schema.PartialDate | None) -> str:
    """A date known to the year, the month or the day, in the words of the page's language:
    "2012", "octobre 2012" / "October 2012", "12 octobre 2012" / "Oct. 12, 2012"."""
    if value is None:
        return ""
    if value.month is None:
        return str(value.year)
    day = datetime.date(value.year, value.month, value.day or 1)
    return date_format(day, "DATE_FORMAT" if value.day else "YEAR_MONTH_FORMAT")


def _number(value: float | None) -> str:
    if value is None:
        return ""
    decimals = 0 if float(value).is_integer() else 2
    return localized.number(value, localized.page_lang(), places=decimals)


def _amount(value: float | None, currency: str) -> str:
    if value is None:
        return ""
    symbol = "€" if currency == "EUR" else currency
    return f"{_number(value)}\u00a0{symbol}"


@public
@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _public_practice(slug)
    context = sheet_context(practice)
    context["similar"] = [card(p) for p in similar.similar(practice)]
    context["evaluation"] = evaluation_public.for_sheet(practice)
    context["page_title"] = practice.title
    return render(request, "practices/detail.html", context)


@public
@require_GET
def detail_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _public_practice(slug)
    context = sheet_context(practice)
    context["address"] = request.build_absolute_uri(reverse("practices:detail", args=[slug]))
    html = render_to_string("practices/detail_pdf.html", context, request=request)
    response = HttpResponse(
        render_pdf(html, request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{practice.slug}.pdf"'
    return response


def render_pdf(html: str, base_url: str) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which the other pages do not need.
    import logging

    from weasyprint import HTML

    # WeasyPrint warns about every CSS property it ignores; the page is made for it.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    pdf = HTML(string=html, base_url=base_url).write_pdf(pdf_tags=True)
    if pdf is None:  # write_pdf returns None only when given a target
        raise RuntimeError("WeasyPrint produced no document")
    return bytes(pdf)


def _code_word(value: Any) -> str:
    # The evaluation's steps have their words in the evaluation app; the sheet's in labels.
    if isinstance(value, Step):
        return str(evaluation_public.STEP_WORDS[value])
    return label(value)


@public
@require_GET
def schema_page(request: HttpRequest) -> HttpResponse:
    code_lists = [
        {
            "field": field,
            "values": [(v.value, _code_word(v)) for v in enum],
        }
        for field, enum in opendata.CODE_LISTS.items()
    ]
    return render(
        request,
        "practices/schema.html",
        {
            "fields": [
                {"name": name, "type": kind, "description": text}
                for name, (kind, text) in opendata.FIELDS.items()
            ],
            "code_lists": code_lists,
            "json_fields": [
                {"name": name, "type": kind, "description": text}
                for name, (kind, text) in opendata.JSON_FIELDS.items()
            ],
            "page_title": gettext("Données ouvertes du catalogue"),
            "lang": get_language(),
        },
    )


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@public
@require_GET
def data_json(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        opendata.export("json", base_url=_base_url(request)),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="pratiques.json"'
    return response


@public
@require_GET
def data_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        opendata.export("csv", base_url=_base_url(request)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="pratiques.csv"'
    return response
