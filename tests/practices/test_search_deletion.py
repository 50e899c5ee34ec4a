"""A deleted sheet leaves nothing behind in search, however it is deleted.

Search keeps rows in tables Django does not know (SQLite: the stems and the full-text
entries; PostgreSQL: the word weights). They go with the sheet's index row, which goes with
the sheet: a model's ``delete()``, a queryset's ``delete()`` (which never calls the model's
method), a test flush. A deleted published sheet also leaves the catalogue's counts.
"""

from __future__ import annotations

import pytest
from django.db import connection

from vivier.practices import registry, search
from vivier.practices.models import CatalogueGeneration, Practice
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db

#: A word no other sheet holds, and its stem as SQLite's full-text table stores it.
WORD, STEM = "zanzibar", "zanzibar"


def publish(title: str) -> Practice:
    practice = registry.save_sheet(Sheet(title=title, summary=f"Un atelier à {WORD}."))
    for state in ("validated", "published"):
        registry.move(practice, state)
    return practice


def search_rows(practice_id: int) -> int:
    """How many rows the search tables outside Django hold for one sheet."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT count(*) FROM {search.STEMS_TABLE} WHERE rowid = %s", [practice_id]
            )
            stems = cursor.fetchone()[0]
            # The contentless full-text table answers a MATCH with the rowids it still holds.
            cursor.execute(
                f"SELECT rowid FROM {search.FTS_TABLE} WHERE {search.FTS_TABLE} MATCH %s",
                [STEM],
            )
            entries = [row[0] for row in cursor.fetchall() if row[0] == practice_id]
            return stems + len(entries)
        cursor.execute(
            "SELECT count(*) FROM practices_word_weight WHERE practice_id = %s", [practice_id]
        )
        return int(cursor.fetchone()[0])


def generation() -> int:
    return CatalogueGeneration.objects.get(pk=1).token


DELETIONS = {
    "the model's delete()": lambda practice: practice.delete(),
    "a queryset's delete()": lambda practice: Practice.objects.filter(pk=practice.pk).delete(),
    "a wider queryset": lambda _: Practice.objects.filter(title__startswith="Atelier").delete(),
}


@pytest.mark.parametrize("delete", DELETIONS.values(), ids=DELETIONS.keys())
def test_a_deleted_sheet_leaves_no_search_row_and_leaves_the_catalogue(delete):
    kept = publish("Un autre atelier à Zanzibar")
    gone = publish("Atelier de Zanzibar")
    assert search_rows(gone.pk) > 0
    assert search.catalogue("", {}, sort="titre", offset=0, limit=10).total == 2
    before = generation()
    delete(gone)
    assert search_rows(gone.pk) == 0
    assert search_rows(kept.pk) > 0
    assert [p.pk for p in search.search(WORD)] == [kept.pk]
    assert generation() != before  # every process reloads its facet table
    page = search.catalogue("", {}, sort="titre", offset=0, limit=10)
    assert (page.total, page.ids) == (1, [kept.pk])


def test_deleting_a_draft_leaves_the_catalogue_generation_as_it_is():
    publish("Un atelier publié")
    draft = registry.save_sheet(Sheet(title="Brouillon", summary=WORD))
    before = generation()
    Practice.objects.filter(pk=draft.pk).delete()
    assert search_rows(draft.pk) == 0
    assert generation() == before


def test_an_edited_sheet_keeps_only_its_new_words():
    practice = publish("Atelier de Zanzibar")
    registry.save_sheet(Sheet(title="Atelier de Lisbonne"), practice=practice)
    assert [p.pk for p in search.search("lisbonne")] == [practice.pk]
    assert search.search(WORD) == []


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_no_search_row():
    """Tests that commit empty every table afterwards; the search tables follow."""
    from django.core.management import call_command

    practice = publish("Atelier de Zanzibar")
    call_command("flush", interactive=False, verbosity=0)
    assert search_rows(practice.pk) == 0
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT count(*) FROM {search.STEMS_TABLE}")
        else:
            cursor.execute("SELECT count(*) FROM practices_word_weight")
        assert cursor.fetchone()[0] == 0
