"""One list of queries and the sheets they must find, on SQLite and on PostgreSQL alike."""

import pytest

from vivier.practices import registry, search, word_weights
from vivier.sheets.schema import Sheet, Territory, Theme

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


def test_every_connection_opens_with_the_settings_search_is_tuned_for(db):
    """PostgreSQL: the planner prices index reads for a registry held in memory and
    compiles no plan. SQLite: the page cache and memory map the full-text index is read
    through (see ``settings.DATABASES``)."""
    from django.db import connection

    expected = (
        {"SHOW random_page_cost": "1.1", "SHOW jit": "off"}
        if connection.vendor == "postgresql"
        else {"PRAGMA cache_size": -32000, "PRAGMA temp_store": 2, "PRAGMA foreign_keys": 1}
    )
    with connection.cursor() as cursor:
        for statement, value in expected.items():
            cursor.execute(statement)
            assert cursor.fetchone()[0] == value, statement


def test_a_result_list_reads_its_sheets_without_their_full_text(sheets):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        found = search.search("maraude", limit=20)
    assert [p.title for p in found] == [SHEETS["rue"].title]
    fetch = queries.captured_queries[-1]["sql"]
    assert '"practices_practice"."title"' in fetch
    assert '"practices_practice"."body"' not in fetch
    assert found[0].body  # still there for who asks: read on demand


def _fts_is_sound():
    """The full-text index agrees with the sheets. SQLite: FTS5's own check that its word
    lists match what was indexed. PostgreSQL: the word table holds each sheet's words, its
    publication flag and a weight, nothing more, nothing less."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"INSERT INTO {search.FTS_TABLE}({search.FTS_TABLE}) VALUES ('integrity-check')"
            )
            return
        cursor.execute(
            "SELECT word, e.practice_id, e.published FROM practices_practiceindex AS e, "
            "unnest(tsvector_to_array(e.vector)) AS word"
        )
        expected = set(cursor.fetchall())
        cursor.execute(f"SELECT lexeme, practice_id, published FROM {word_weights.WORDS_TABLE}")
        assert set(cursor.fetchall()) == expected
        # Each weight is the rank ts_rank gives the sheet for that word alone, to the bit.
        cursor.execute(
            f"SELECT count(*) FROM {word_weights.WORDS_TABLE} AS w "
            "JOIN practices_practiceindex AS e USING (practice_id) "
            "WHERE w.lexeme ~ '^[a-z0-9]+$' "
            "AND w.weight <> ts_rank(e.vector, to_tsquery('simple', w.lexeme))"
        )
        assert cursor.fetchone()[0] == 0


def test_a_sheet_edited_back_and_forth_is_found_by_its_current_words_only(sheets):
    from dataclasses import replace

    rue = sheets["rue"]
    for summary in ("Le camion solidaire passe chaque soir.", "Maraudes du soir.", "Bus de nuit."):
        rue = registry.save_sheet(replace(SHEETS["rue"], summary=summary), practice=rue)
    assert [p.pk for p in search.search("bus de nuit")] == [rue.pk]
    assert search.search("maraude") == []
    assert search.search("camion solidaire") == []
    _fts_is_sound()


def test_a_draft_deleted_after_a_merge_is_no_longer_found(sheets):
    from vivier.practices.models import Practice

    draft = registry.save_sheet(
        Sheet(title="Maraude de nuit à Bordeaux", summary="Une maraude bénévole.")
    )
    assert {p.pk for p in search.search("maraude")} == {sheets["rue"].pk, draft.pk}
    search.unindex(draft.pk)
    Practice.objects.filter(pk=draft.pk).delete()
    assert [p.pk for p in search.search("maraude")] == [sheets["rue"].pk]
    assert search.search("bordeaux") == []
    _fts_is_sound()


def test_the_sheet_holding_the_words_most_often_ranks_first_whatever_its_length(db):
    """Both databases rank on how often a sheet holds the words (SQLite's bm25 also weighs
    how rare each is), not on the sheet's length: a long sheet about maraudes comes before
    a short one naming a maraude once."""
    filler = " ".join(f"accompagnement{i} social{i} territoire{i}" for i in range(120))
    short = registry.save_sheet(Sheet(title="Une maraude", summary="Passage hebdomadaire."))
    long = registry.save_sheet(
        Sheet(
            title="Équipe de rue",
            summary="Maraude de jour, maraude de nuit, maraude en camion.",
            description=filler,
        )
    )
    assert [p.pk for p in search.search("maraude")] == [long.pk, short.pk]
    assert search.ranked_ids("maraude", limit=1) == [long.pk]


RANKED_QUERIES = [
    "conférences familiales",
    "pair-aidance",
    "aller vers",
    "pouvoir d'agir",
    "familles",
    "personnes",
    "accompagnement",
]


def _reference_ranking(query):
    """The database's own ranking of every sheet matching ``query``, best first, ties by
    id: FTS5's bm25 on SQLite; on PostgreSQL, ``ts_rank`` over the sheets' vectors with
    the words taken apart, which the word table must reproduce (``word_weights``)."""
    from django.db import connection

    from vivier.text import search_terms, words

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT rowid FROM {search.FTS_TABLE} WHERE {search.FTS_TABLE} MATCH %s "
                f"ORDER BY bm25({search.FTS_TABLE}), rowid",
                [" ".join(f'"{term}"' for term in search_terms(query))],
            )
        else:
            cursor.execute(
                "SELECT e.practice_id FROM practices_practiceindex AS e, "
                "plainto_tsquery('vivier_french', %s) AS query, "
                "CAST(replace(CAST(query AS text), '&', '|') AS tsquery) AS any_word "
                "WHERE e.vector @@ query ORDER BY ts_rank(e.vector, any_word) DESC, e.practice_id",
                [" ".join(words(query))],
            )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.parametrize("query", RANKED_QUERIES)
def test_a_page_of_results_is_the_full_ranking_cut_at_that_page(demo_registry, query):
    expected = _reference_ranking(query)
    assert len(expected) >= 3, "a query that ranks fewer than three sheets tests little"
    assert search.ranked_ids(query) == expected
    assert search.ranked_ids(query, limit=2, offset=1) == expected[1:3]
    _fts_is_sound()


def test_a_word_held_hundreds_of_times_still_ranks_as_the_database_ranks_it(db):
    """A vector keeps 255 positions of a word at most: the word table weighs what it keeps."""
    sheets = [
        registry.save_sheet(Sheet(title=f"Maraude {times}", summary=" ".join(["maraude"] * times)))
        for times in (300, 1, 254, 3)
    ]
    assert search.ranked_ids("maraude") == _reference_ranking("maraude")
    assert search.ranked_ids("maraude")[0] == sheets[0].pk
    _fts_is_sound()


def test_publishing_and_unpublishing_reaches_the_word_table(sheets):
    rue = sheets["rue"]
    assert search.search("maraude", published_only=True) == []
    for target in ("submitted", "validated", "published"):
        rue = registry.move(rue, target)
    assert [p.pk for p in search.search("maraude", published_only=True)] == [rue.pk]
    _fts_is_sound()
    registry.move(rue, "unpublished")
    assert search.search("maraude", published_only=True) == []
    assert [p.pk for p in search.search("maraude")] == [rue.pk]
    _fts_is_sound()
