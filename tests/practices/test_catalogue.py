"""The public catalogue: only published practices, search, facets and counts, sorting, map,
sheet page, PDF, similar practices and the Atom feed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from django.urls import reverse

from vivier.practices import registry, similar
from vivier.practices.models import Practice
from vivier.practices.views_public import map_counts
from vivier.sheets.schema import (
    Actor,
    ActorRole,
    Condition,
    ConditionKind,
    KeyFigure,
    MediaLink,
    PartialDate,
    Sheet,
    Stage,
    StageChange,
    Status,
    Territory,
    TerritoryScope,
    Theme,
    TimelineEvent,
)

pytestmark = pytest.mark.django_db

CATALOGUE = "/pratiques/"
ATOM = "{http://www.w3.org/2005/Atom}"

SHEETS = {
    "conf": Sheet(
        title="Conférences familiales en Gironde",
        code="1A",
        summary="La famille élargie construit elle-même un plan pour l’enfant.",
        themes=(Theme.FAMILY_CONFERENCES, Theme.EMPOWERMENT),
        territory=Territory(departements=("33",), label="Département de la Gironde"),
        start_year=2013,
        status=Status.NASCENT,
        publics=("Familles",),
        stage_history=(StageChange(Stage.EXPERIMENTATION, PartialDate(2013)),),
        actors=(Actor("Conseil départemental de la Gironde", (ActorRole.CARRIER,)),),
        timeline=(TimelineEvent(PartialDate(2012, 10), "Voyage d’étude aux Pays-Bas"),),
        conditions=(
            Condition(ConditionKind.SUCCESS_FACTOR, text="Des coordinateurs formés"),
            Condition(ConditionKind.OBSTACLE, text="Le temps de préparation"),
        ),
        key_figures=(KeyFigure("Conférences réunies", 120, "conférences", 2019),),
        media=(
            MediaLink(
                "https://example.org/film-accord", title="Film avec accord", consent_recorded=True
            ),
            MediaLink("https://example.org/film-secret", title="Film sans accord"),
        ),
    ),
    "conf33b": Sheet(
        title="Conférences familiales en Pays basque et en Gironde",
        code="1B",
        summary="Une famille réunie pour décider.",
        themes=(Theme.FAMILY_CONFERENCES,),
        territory=Territory(departements=("64", "33")),
        start_year=2016,
        status=Status.REVIVED,
        publics=("Familles", "Enfants"),
        stage_history=(StageChange(Stage.SPREADING, PartialDate(2019)),),
    ),
    "pair": Sheet(
        title="Médiateurs pairs en santé mentale",
        code="3A",
        summary="Des personnes rétablies accompagnent d’autres personnes : la pair-aidance.",
        themes=(Theme.PEER_SUPPORT,),
        territory=Territory(departements=("69",)),
        start_year=2018,
        status=Status.NASCENT,
        publics=("Personnes en souffrance psychique",),
        stage_history=(StageChange(Stage.EXPERIMENTATION),),
    ),
    "national": Sheet(
        title="Réseau national d’aller-vers",
        summary='=HYPERLINK("http://evil") une maraude partout en France.',
        themes=(Theme.OUTREACH,),
        territory=Territory(scope=TerritoryScope.NATIONAL, label="France entière"),
        start_year=2010,
    ),
}
DRAFT = Sheet(
    title="Brouillon secret de conférences familiales",
    summary="Jamais visible du public.",
    themes=(Theme.FAMILY_CONFERENCES, Theme.PEER_SUPPORT),
    territory=Territory(departements=("33", "13")),
    start_year=2013,
    status=Status.NASCENT,
    publics=("Familles",),
)


def publish(sheet: Sheet) -> Practice:
    practice = registry.save_sheet(sheet)
    registry.move(practice, "validated")
    return registry.move(practice, "published")


@pytest.fixture
def sheets():
    found = {key: publish(sheet) for key, sheet in SHEETS.items()}
    found["draft"] = registry.save_sheet(DRAFT)
    return found


def titles(response) -> list[str]:
    return [card["practice"].title for card in response.context["cards"]]


def facet(response, name: str) -> dict[str, int]:
    (f,) = [f for f in response.context["facets"] if f["facet"].name == name]
    return {o["value"]: o["count"] for o in f["options"]}


def test_the_catalogue_lists_only_published_practices(client, sheets):
    response = client.get(CATALOGUE)
    assert response.status_code == 200
    assert response.context["total"] == 4
    assert "Brouillon secret" not in response.content.decode()
    assert facet(response, "theme") == {
        "conferences_familiales": 2,
        "pouvoir_d_agir": 1,
        "pair_aidance": 1,
        "aller_vers": 1,
    }
    assert facet(response, "departement") == {"33": 2, "64": 1, "69": 1}
    assert facet(response, "region")["75"] == 2  # Nouvelle-Aquitaine, counted once each
    assert "13" not in facet(response, "departement")  # only the draft is there
    assert facet(response, "public") == {
        "Familles": 2,
        "Enfants": 1,
        "Personnes en souffrance psychique": 1,
    }
    assert facet(response, "annee") == {"2010": 1, "2013": 1, "2016": 1, "2018": 1}


def test_search_finds_word_forms_and_ignores_drafts(client, sheets):
    response = client.get(CATALOGUE, {"q": "conference familiale gironde"})
    assert set(titles(response)) == {SHEETS["conf"].title, SHEETS["conf33b"].title}
    assert response.context["sort"] == "pertinence"
    html = response.content.decode()
    assert 'role="search"' in html
    assert re.search(r'aria-live="polite"[^>]*>\s*2 pratiques trouvées', html)


def test_facets_combine_and_count_on_the_search_and_the_other_facets(client, sheets):
    response = client.get(CATALOGUE, {"q": "familiale", "departement": "64"})
    assert titles(response) == [SHEETS["conf33b"].title]
    # The département facet is counted without itself: both choices stay visible.
    assert facet(response, "departement") == {"33": 2, "64": 1}
    # The others are counted on the search and the chosen département.
    assert facet(response, "theme") == {"conferences_familiales": 1}
    assert facet(response, "stage") == {"essaimage": 1}

    response = client.get(CATALOGUE, {"theme": ["pair_aidance", "aller_vers"]})
    assert set(titles(response)) == {SHEETS["pair"].title, SHEETS["national"].title}
    response = client.get(CATALOGUE, {"theme": "conferences_familiales", "status": "naissante"})
    assert titles(response) == [SHEETS["conf"].title]
    response = client.get(CATALOGUE, {"region": "84", "annee": "2018"})
    assert titles(response) == [SHEETS["pair"].title]
    response = client.get(CATALOGUE, {"public": "Enfants"})
    assert titles(response) == [SHEETS["conf33b"].title]


def test_a_selected_value_without_results_stays_shown(client, sheets):
    response = client.get(CATALOGUE, {"theme": "pair_aidance", "departement": "33"})
    assert response.context["total"] == 0
    assert facet(response, "departement") == {"69": 1, "33": 0}
    html = response.content.decode()
    assert "Aucune pratique ne correspond" in html
    assert 'id="no-result"' in html and "Effacer les filtres" in html


def test_sorting(client, sheets):
    by_title = titles(client.get(CATALOGUE, {"tri": "titre"}))
    assert by_title == sorted(by_title)
    by_year = titles(client.get(CATALOGUE, {"tri": "annee"}))
    assert by_year[0] == SHEETS["pair"].title and by_year[-1] == SHEETS["national"].title
    registry.save_sheet(
        replace(SHEETS["national"], summary="Mis à jour."), practice=sheets["national"]
    )
    assert titles(client.get(CATALOGUE, {"tri": "recent"}))[0] == SHEETS["national"].title
    # Relevance has no meaning without a query: the default is then the title.
    assert client.get(CATALOGUE, {"tri": "pertinence"}).context["sort"] == "titre"


def test_pagination_keeps_the_filters(client, sheets):
    for n in range(14):
        publish(replace(SHEETS["pair"], code=None, title=f"Pairs {n:02d}"))
    response = client.get(CATALOGUE, {"theme": "pair_aidance", "tri": "titre"})
    assert response.context["total"] == 15
    assert len(response.context["cards"]) == 12
    assert "theme=pair_aidance" in response.context["next_url"]
    second = client.get(CATALOGUE + response.context["next_url"])
    assert len(second.context["cards"]) == 3


def test_the_map_counts_each_departement_of_published_practices(client, sheets):
    counts, apart = map_counts()
    assert counts == {"33": 2, "64": 1, "69": 1}
    assert [p.title for p in apart] == [SHEETS["national"].title]
    response = client.get("/pratiques/carte/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "<caption>" in html
    assert 'href="/pratiques/?departement=33"' in html
    assert 'data-code="13" data-count="0"' in html  # the draft's département stays empty
    assert "réponse" not in html.split("<svg", 1)[1].split("</svg>")[0]


def test_the_sheet_page_shows_its_fields_and_only_consented_media(client, sheets):
    response = client.get("/pratiques/1a-conferences-familiales-en-gironde/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Conférences familiales en Gironde",
        "33 - Gironde (Nouvelle-Aquitaine)",
        "Conseil départemental de la Gironde",
        "porteur",
        "Voyage d’étude aux Pays-Bas",
        "Des coordinateurs formés",
        "Le temps de préparation",
        "Conférences réunies",
        "Expérimentation",
        "Naissante",
        "Film avec accord",
        "Pratiques similaires",
        # The print layout lives in a stylesheet (no inline style under the CSP).
        "/static/vivier/practices.css",
    ):
        assert text in html, text
    assert "@media print" in client.get("/static/vivier/practices.css").getvalue().decode()
    assert "film-secret" not in html and "Film sans accord" not in html
    # Fields follow the template's order.
    positions = [
        html.index(f'id="{i}"')
        for i in ("identification", "genesis", "conditions", "key-figures", "stages", "media")
    ]
    assert positions == sorted(positions)


def test_the_sheet_pdf(client, sheets):
    response = client.get("/pratiques/1a-conferences-familiales-en-gironde.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_draft_is_a_french_404(client, sheets):
    slug = sheets["draft"].slug
    for url in (f"/pratiques/{slug}/", f"/pratiques/{slug}.pdf", "/pratiques/nimporte-quoi/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Cette pratique n’existe pas ou n’est pas publiée." in response.content.decode()
    registry.move(sheets["conf"], "unpublished")
    assert client.get(f"/pratiques/{sheets['conf'].slug}/").status_code == 404


def test_similar_practices(sheets):
    found = similar.similar(sheets["conf"])
    assert found[0] == sheets["conf33b"]  # shared theme and département
    assert sheets["draft"] not in found
    assert sheets["conf"] not in found
    # Nothing in common: not proposed.
    assert sheets["national"] not in similar.similar(sheets["pair"])


def test_the_atom_feed(client, sheets):
    response = client.get("/pratiques/flux.atom")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert {e.findtext(f"{ATOM}title") for e in entries} == {s.title for s in SHEETS.values()}
    assert all(e.find(f"{ATOM}updated") is not None for e in entries)
    catalogue = client.get(CATALOGUE).content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in catalogue


def test_the_header_links_to_the_catalogue(client):
    assert 'href="/pratiques/">Catalogue des pratiques' in client.get("/").content.decode()
    assert reverse("practices:catalogue") == CATALOGUE


def test_publishing_and_unpublishing_show_at_once_in_counts(client, sheets):
    assert client.get(CATALOGUE).context["total"] == 4
    registry.move(sheets["draft"], "submitted")
    registry.move(sheets["draft"], "validated")
    registry.move(sheets["draft"], "published")
    response = client.get(CATALOGUE, {"departement": "13"})
    assert titles(response) == [DRAFT.title]
    assert facet(response, "theme") == {"conferences_familiales": 1, "pair_aidance": 1}
    registry.move(sheets["pair"], "unpublished")
    response = client.get(CATALOGUE)
    assert response.context["total"] == 4
    assert "pair_aidance" in facet(response, "theme")  # the draft's, now published
    assert "69" not in facet(response, "departement")


def _maraudes(times: int, n: int) -> Sheet:
    return Sheet(
        title=f"Équipe de rue {n}",
        themes=(Theme.OUTREACH,),
        territory=Territory(departements=("75",)),
        summary=" ".join(["Maraude de nuit."] * times + ["Accueil de jour."] * (6 - times)),
    )


def test_relevance_ranks_the_same_with_or_without_facets_and_past_drafts():
    from vivier.practices import search

    # Sheet n says "maraude" n times: the more often, the higher it ranks.
    published = [publish(_maraudes(n, n)) for n in range(1, 6)]
    best_first = [p.pk for p in reversed(published)]
    both = search.catalogue("maraude", {}, sort="pertinence", offset=0, limit=3)
    assert both.ids == best_first[:3] and both.total == 5
    assert (
        search.catalogue("maraude", {}, sort="pertinence", offset=3, limit=3).ids
        == (best_first[3:])
    )
    faceted = search.catalogue(
        "maraude", {"theme": ["aller_vers"]}, sort="pertinence", offset=0, limit=5
    )
    assert faceted.ids == best_first
    # Sixty drafts that all outrank the published sheets take no place on the page.
    for n in range(60):
        registry.save_sheet(_maraudes(6, 100 + n))
    page = search.catalogue("maraude", {}, sort="pertinence", offset=0, limit=1)
    assert page.ids == best_first[:1] and page.total == 5
