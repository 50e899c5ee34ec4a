"""One list of queries and the sheets they must find, on SQLite and on PostgreSQL alike."""

import pytest

from vivier.practices import registry, search
from vivier.practices.sheet import Sheet, Territory, Theme

pytestmark = pytest.mark.django_db

SHEETS = {
    "conf": Sheet(
        title="Conférences familiales en protection de l’enfance",
        themes=(Theme.FAMILY_CONFERENCES,),
        territory=Territory(departements=("33",), label="Département de la Gironde"),
        summary="La famille élargie construit elle-même un plan d’action.",
    ),
    "pair": Sheet(
        title="Médiateurs pairs en santé mentale",
        themes=(Theme.PEER_SUPPORT,),
        territory=Territory(departements=("69",)),
        summary="Des personnes rétablies accompagnent d’autres personnes : la pair-aidance.",
    ),
    "rue": Sheet(
        title="Équipe mobile d’aller-vers dans la rue",
        themes=(Theme.OUTREACH,),
        territory=Territory(departements=("75",)),
        summary="Maraudes et entretiens de rue pour les personnes sans domicile.",
    ),
}

#: query -> the sheets it must find (in any order); the same list for both databases.
QUERIES = [
    ("conference familiale", {"conf"}),
    ("conférences familiales", {"conf"}),
    ("CONFERENCE FAMILIALE GIRONDE", {"conf"}),
    ("conference familiale rhone", set()),
    ("pair aidance", {"pair"}),
    ("pair-aidance", {"pair"}),
    ("aller vers", {"rue"}),
    ("l'aller-vers", {"rue"}),
    ("Nouvelle-Aquitaine", {"conf"}),  # the région of Gironde
    ("santé mentale", {"pair"}),
    ("personnes", {"pair", "rue"}),
    ("maraude", {"rue"}),
    ("xylophone", set()),
]


@pytest.fixture
def sheets(db):
    return {key: registry.save_sheet(sheet) for key, sheet in SHEETS.items()}


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_a_query_finds_the_same_sheets_on_every_database(sheets, query, expected):
    found = {p.pk for p in search.search(query)}
    assert found == {sheets[key].pk for key in expected}


def test_a_query_without_searchable_words_shows_everything(sheets):
    assert len(search.search("de la")) == 3
    assert len(search.search("")) == 3


def test_an_edited_sheet_is_found_by_its_new_words(sheets):
    from dataclasses import replace

    registry.save_sheet(
        replace(SHEETS["rue"], summary="Le camion solidaire passe chaque soir."),
        practice=sheets["rue"],
    )
    assert [p.pk for p in search.search("camion solidaire")] == [sheets["rue"].pk]
    assert search.search("maraude") == []


#: Queries over the report's 21 practices (the demo registry): the same on both databases.
DEMO_QUERIES = [
    ("conference familiale gironde", {"1C"}),
    ("conférences familiales", {"1A", "1B", "1C", "1D", "1E"}),
    ("pair-aidance", None),  # at least the pair-aidance sheets, see below
    ("Samusocial", {"4C"}),
    ("ville-evrard", {"5E"}),
]


@pytest.fixture
def demo_registry(db):
    from vivier.demo.practices import practices

    return {sheet.code: registry.save_sheet(sheet) for sheet in practices()}


@pytest.mark.parametrize(("query", "expected"), DEMO_QUERIES, ids=[q for q, _ in DEMO_QUERIES])
def test_the_demo_registry_answers_typical_queries(demo_registry, query, expected):
    found = {p.code for p in search.search(query)}
    if expected is None:
        assert {"3A", "3C"} <= found
    else:
        assert expected <= found
        if query == "conference familiale gironde":
            assert found == expected
