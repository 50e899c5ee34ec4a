"""Full-text search of the practice registry, with one behaviour on two databases.

SQLite: an FTS5 table holds each sheet's stems, computed in Python (``vivier.text``).
PostgreSQL: the 'french' text-search configuration with ``unaccent``, over the sheet's text
(kept as a stored, indexed ``search_vector`` column).
Both fold accents and case, split hyphenated words, stem with Snowball's French stemmer and
require every word of the query; ``tests/practices/test_search.py`` holds the list of
queries and expected sheets that both must pass.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from vivier.text import search_terms, stems, words

from .models import Practice

FTS_TABLE = "practices_search"
PG_CONFIG = "vivier_french"


def index_text(practice: Practice) -> None:
    """Refreshes the SQLite index row of one sheet (PostgreSQL indexes ``body`` itself)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [practice.pk])
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, stems) VALUES (%s, %s)",
            [practice.pk, practice.search_stems],
        )


def unindex(practice_id: int) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [practice_id])


def stems_of(text: str) -> str:
    return " ".join(stems(text))


def _match(query: str) -> tuple[str, list[str]] | None:
    """SQL selecting the ids of the sheets that match ``query``, with its parameters."""
    terms = search_terms(query)
    if not terms:
        return None
    if connection.vendor == "postgresql":
        # Hyphens split before PostgreSQL parses the query: its parser would otherwise
        # also require the hyphenated compound, which "pair aidance" does not contain.
        text = " ".join(words(query))
        return (
            f"SELECT id FROM practices_practice "
            f"WHERE search_vector @@ plainto_tsquery('{PG_CONFIG}', %s)",
            [text],
        )
    match = " ".join(f'"{term}"' for term in terms)
    return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match]


def filter_matching(queryset: QuerySet[Practice], query: str) -> QuerySet[Practice]:
    """``queryset`` narrowed to the sheets matching ``query``, as a subquery.

    A subquery rather than a list of ids: a broad query over a large registry would
    otherwise send tens of thousands of parameters.
    """
    sql = _match(query)
    if sql is None:
        return queryset
    return queryset.filter(pk__in=RawSQL(*sql))


def ranked_ids(query: str) -> list[int] | None:
    """Ids of the sheets matching every word of ``query``, best first.

    None when the query has no searchable word (empty, or only "de la"): the caller then
    shows everything rather than nothing.
    """
    terms = search_terms(query)
    if not terms:
        return None
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Hyphens split before PostgreSQL parses the query: its parser would otherwise
            # also require the hyphenated compound, which "pair aidance" does not contain.
            text = " ".join(words(query))
            # ``search_vector`` is a stored column generated from ``body`` (migration 0004).
            cursor.execute(
                f"""
                SELECT id FROM practices_practice,
                     plainto_tsquery('{PG_CONFIG}', %s) AS query
                WHERE search_vector @@ query
                ORDER BY ts_rank(search_vector, query) DESC, id
                """,
                [text],
            )
        else:
            match = " ".join(f'"{term}"' for term in terms)
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
                f"ORDER BY bm25({FTS_TABLE}), rowid",
                [match],
            )
        return [row[0] for row in cursor.fetchall()]


def search(query: str, queryset: QuerySet[Practice] | None = None) -> list[Practice]:
    """The practices of ``queryset`` (default: all) matching ``query``, best first."""
    queryset = queryset if queryset is not None else Practice.objects.all()
    ids = ranked_ids(query)
    if ids is None:
        return list(queryset)
    found = {p.pk: p for p in queryset.filter(pk__in=ids)}
    return [found[i] for i in ids if i in found]
