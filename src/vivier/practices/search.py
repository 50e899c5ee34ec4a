"""Full-text search of the practice registry, with one behaviour on two databases.

SQLite: an FTS5 table holds each sheet's stems, computed in Python (``vivier.text``); it
keeps no sheet lengths, which ranking does not use (see :func:`_source`).
PostgreSQL: the 'french' text-search configuration with ``unaccent``, over the sheet's text
(kept as a ``vector`` column of the sheet's narrow ``PracticeIndex`` row); matching and
ranking read each word's weight in each sheet from a B-tree (``word_weights``), and give
the sheets and the order ``ts_rank`` would.
Both fold accents and case, split hyphenated words, stem with Snowball's French stemmer and
require every word of the query; ``tests/practices/test_search.py`` holds the list of
queries and expected sheets that both must pass.

Speed over tens of thousands of sheets comes from three rules:

- only the page is ranked out of the database: ``ORDER BY rank LIMIT n`` runs in SQL, and
  the ranking reads an index (FTS5's, or PostgreSQL's word table), never the wide
  ``Practice`` row;
- the catalogue (:func:`catalogue`) asks the database only which sheets match (with their
  rank); narrowing by facets, counting and sorting happen in this process's facet table
  (``facet_table``), read once per state of the published set;
- facet values are derived when a sheet is saved or moves along its workflow
  (:func:`index_text`), not at each request.
"""

from __future__ import annotations

import heapq
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from vivier.evaluation import public as evaluation_public
from vivier.sheets import schema
from vivier.territories import region_of
from vivier.text import search_terms, stems, words

from . import word_weights
from .facet_table import FacetTable, Row, Values
from .models import CatalogueGeneration, Practice, PracticeIndex

FTS_TABLE = "practices_search"
#: SQLite: the words the full-text table indexed for each sheet. The table is contentless
#: (it ranks without reading each sheet's length, see :func:`_source`): FTS5 then forgets a
#: sheet only through its 'delete' command given those very words, which a trigger on this
#: table sends when a row goes (migration 0009).
STEMS_TABLE = "practices_indexed_stems"
INDEX_TABLE = "practices_practiceindex"
PG_CONFIG = "vivier_french"
#: Separates the values of a multi-valued facet in its ``PracticeIndex`` column.
SEP = "\x1f"
#: ``Practice`` columns a result list leaves unread (see :func:`search`).
WIDE_COLUMNS = ("body", "search_stems")

#: Facet (the catalogue's GET parameter) -> its ``PracticeIndex`` column.
FACET_COLUMNS = {
    "theme": "themes",
    "region": "regions",
    "departement": "departements",
    "public": "publics",
    "stage": "stage",
    "status": "status",
    "annee": "start_year",
}
MULTI_VALUED = frozenset({"theme", "region", "departement", "public"})
#: Facets read from the evaluation plans rather than from a ``PracticeIndex`` column:
#: "evaluation" holds ``codecide`` when the plan says in public that persons concerned
#: co-decide (``vivier.evaluation.public``).
DERIVED_FACETS = frozenset({"evaluation"})
#: Facets whose values the facet table interns together: combinations stay few within a
#: group (a theme set, a stage and a status), so one count serves several facets.
FACET_GROUPS = (
    ("theme", "stage", "status", "public"),
    ("region", "departement"),
    ("annee", "evaluation"),
)


# ------------------------------------------------------------------------------ indexing


def joined(values: Iterable[str]) -> str:
    """A multi-valued facet as stored: sorted distinct values between separators."""
    found = sorted({v.replace(SEP, " ") for v in values if v})
    return f"{SEP}{SEP.join(found)}{SEP}" if found else ""


def split(stored: str | None) -> list[str]:
    return [v for v in (stored or "").split(SEP) if v]


def index_row(practice: Practice, sheet: schema.Sheet | None = None) -> PracticeIndex:
    """The (unsaved) index row of ``practice``, derived as ``registry`` derives its tables."""
    sheet = sheet if sheet is not None else practice.sheet()
    departements = list(dict.fromkeys(sheet.territory.departements))
    return PracticeIndex(
        practice_id=practice.pk,
        published=practice.state == Practice.State.PUBLISHED,
        title=practice.title,
        start_year=practice.start_year,
        updated_at=practice.updated_at,
        stage=practice.stage,
        status=practice.status,
        themes=joined(t.value for t in sheet.themes),
        regions=joined(region_of(code) for code in departements),
        departements=joined(departements),
        publics=joined(p[:200] for p in sheet.publics),
    )


def index_text(practice: Practice, sheet: schema.Sheet | None = None) -> None:
    """Refreshes what search reads about one sheet: its index row and its words."""
    index_many([(practice, sheet if sheet is not None else practice.sheet())], replace=True)


def index_many(items: Sequence[tuple[Practice, schema.Sheet]], *, replace: bool = False) -> None:
    """Indexes many sheets at once (saving one, importing many, the benchmark's bulk load).

    ``replace``: the sheets may already be indexed (their rows are rewritten).
    """
    if not items:
        return
    ids = [practice.pk for practice, _ in items]
    rows = [index_row(practice, sheet) for practice, sheet in items]
    with transaction.atomic():
        if replace:
            # The database forgets the old rows' words with them, and changes the
            # generation if one of them was published (triggers, migration 0009).
            PracticeIndex.objects.filter(practice_id__in=ids).delete()
        PracticeIndex.objects.bulk_create(rows, batch_size=1000)
        if any(row.published for row in rows):
            bump_generation()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"UPDATE {INDEX_TABLE} AS e "
                    f"SET vector = to_tsvector('{PG_CONFIG}', p.body) "
                    "FROM practices_practice AS p "
                    "WHERE p.id = e.practice_id AND e.practice_id = ANY(%s)",
                    [ids],
                )
                word_weights.record(cursor, ids)
            elif connection.vendor == "sqlite":
                words_of = [(practice.pk, practice.search_stems) for practice, _ in items]
                cursor.executemany(
                    f"INSERT INTO {STEMS_TABLE}(rowid, stems) VALUES (%s, %s)", words_of
                )
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE}(rowid, stems) VALUES (%s, %s)", words_of
                )


def bump_generation() -> None:
    """Tells every process that the published set changed (see :func:`facet_table`)."""
    token = secrets.randbits(62)
    if not CatalogueGeneration.objects.filter(pk=1).update(token=token):
        CatalogueGeneration.objects.update_or_create(pk=1, defaults={"token": token})


def unindex(practice_id: int) -> None:
    """Forgets a sheet at once: its index row, and with it its words.

    Deleting the sheet does the same (the index row goes with it, and the database's
    triggers take its words and, if it was published, change the generation: migration
    0009), whether through ``Model.delete``, a queryset or a cascade.
    """
    PracticeIndex.objects.filter(practice_id=practice_id).delete()


def stems_of(text: str) -> str:
    return " ".join(stems(text))


# ------------------------------------------------------------------------------ matching


def has_terms(query: str) -> bool:
    """Whether ``query`` holds a searchable word (not only "de la")."""
    return bool(search_terms(query))


def _source(query: str, *, ranked: bool) -> tuple[str, list[Any], str] | None:
    """FROM and WHERE selecting the index rows (alias ``e``) matching ``query``, their
    parameters, and the rank expression (ascending: best first; "0" unless ``ranked``)."""
    terms = search_terms(query)
    if not terms:
        return None
    if connection.vendor == "postgresql":
        # Hyphens split before PostgreSQL stems the query: its parser would otherwise also
        # require the hyphenated compound, which "pair aidance" does not contain.
        with connection.cursor() as cursor:
            lexemes = word_weights.query_words(cursor, PG_CONFIG, " ".join(words(query)))
        if not lexemes:  # only words PostgreSQL takes for stop words: nothing matches
            return (f"FROM {word_weights.WORDS_TABLE} AS e WHERE false", [], "0")
        # A sheet must hold every word and ranks on the sum of the words' own weights, as
        # SQLite's bm25 sums them (``word_weights`` says why a table of weights).
        return word_weights.source(lexemes, ranked=ranked)
    match = " ".join(f'"{term}"' for term in terms)
    # bm25 over a table that keeps no lengths (``content=''``, ``columnsize=0``): FTS5 then
    # takes every sheet as empty, so the rank weighs how rare each word is and how often a
    # sheet holds it, not how long the sheet is, as PostgreSQL's ts_rank does by default.
    # Reading each match's length is one lookup per match: most of a broad query's time.
    # CROSS JOIN keeps the full-text index as the outer loop (SQLite does not reorder it):
    # each match then reads its index row by primary key.
    return (
        f"FROM {FTS_TABLE} CROSS JOIN {INDEX_TABLE} AS e ON e.practice_id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH %s",
        [match],
        f"bm25({FTS_TABLE})" if ranked else "0",
    )


def filter_matching(queryset: QuerySet[Practice], query: str) -> QuerySet[Practice]:
    """``queryset`` narrowed to the sheets matching ``query``, as a subquery.

    A subquery rather than a list of ids: a broad query over a large registry would
    otherwise send tens of thousands of parameters.
    """
    source = _source(query, ranked=False)
    if source is None:
        return queryset
    sql, params, _ = source
    return queryset.filter(pk__in=RawSQL(f"SELECT e.practice_id {sql}", params))


def _execute(cursor: Any, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Runs a search statement and returns its rows.

    PostgreSQL plans these statements with the session settings ``settings.DATABASES``
    sends at connect (``random_page_cost``, ``jit``): without them the planner prices
    index reads as if from a spinning disk, and JIT-compiles a plan for longer than the
    query takes to run.
    """
    cursor.execute(sql, params)
    return list(cursor.fetchall())


def ranked_ids(
    query: str, *, published_only: bool = False, limit: int | None = None, offset: int = 0
) -> list[int] | None:
    """Ids of the sheets matching every word of ``query``, best first (only ``limit`` of
    them from ``offset`` when given: the database ranks and keeps only those).

    None when the query has no searchable word (empty, or only "de la"): the caller then
    shows everything rather than nothing.
    """
    source = _source(query, ranked=True)
    if source is None:
        return None
    if published_only and limit is not None and connection.vendor == "sqlite":
        found = _published_page_sqlite(query, limit, offset)
        if found is not None:
            return found
    sql, params, rank = source
    if published_only:
        sql += " AND e.published"
    sql = f"SELECT e.practice_id {sql} ORDER BY {rank}, e.practice_id"
    if limit is not None:
        sql += " LIMIT %s OFFSET %s"
        params = [*params, limit, offset]
    with connection.cursor() as cursor:
        return [row[0] for row in _execute(cursor, sql, params)]


def _published_page_sqlite(query: str, limit: int, offset: int) -> list[int] | None:
    """SQLite: a page of the published sheets' ranking, read from the full-text index alone.

    Joining each match to its index row to test ``published`` costs as much as ranking
    it. The ranking of all sheets is read instead, a little more than the page, and the
    unpublished ones dropped: the result is the same as long as enough published sheets
    remain (always, unless drafts outrank them in number); None otherwise, and the caller
    joins.
    """
    wanted = offset + limit
    fetch = wanted * 2 + 50
    match = " ".join(f'"{term}"' for term in search_terms(query))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            f"ORDER BY bm25({FTS_TABLE}), rowid LIMIT %s",
            [match, fetch],
        )
        ids = [row[0] for row in cursor.fetchall()]
    # The flag is read and tested here, not in SQL: given "published = %s", SQLite's
    # planner scans every published row of an index on that column (3 to 6 ms over 50,000
    # sheets) instead of looking the page's ids up by primary key (0.2 ms).
    public: set[int] = set()
    if ids:
        marks = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT practice_id, published FROM {INDEX_TABLE} WHERE practice_id IN ({marks})",
                ids,
            )
            public = {pk for pk, published in cursor.fetchall() if published}
    kept = [pk for pk in ids if pk in public]
    if len(kept) < wanted and len(ids) == fetch:
        return None
    return kept[offset:wanted]


def search(
    query: str,
    queryset: QuerySet[Practice] | None = None,
    *,
    published_only: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[Practice]:
    """The practices of ``queryset`` (default: all, or the published ones) matching
    ``query``, best first; ``limit``/``offset`` cut a page of results out of the ranking."""
    base = queryset if queryset is not None else Practice.objects.all()
    if published_only:
        base = base.filter(state=Practice.State.PUBLISHED)
    end = None if limit is None else offset + limit
    if queryset is not None:
        # An arbitrary queryset: rank every match, then keep those it holds.
        ids = ranked_ids(query, published_only=published_only)
        if ids is None:
            return list(base[offset:end])
        found = {p.pk: p for p in base.filter(pk__in=ids)}
        return [found[i] for i in ids if i in found][offset:end]
    ids = ranked_ids(query, published_only=published_only, limit=limit, offset=offset)
    if ids is None:
        return list(base[offset:end])
    # The page's rows without their two widest columns (the text and its stems, several
    # kilobytes each, read again only by who asks for them): fetching them is a fifth of a
    # broad search's time on PostgreSQL.
    found = {p.pk: p for p in base.filter(pk__in=ids).defer(*WIDE_COLUMNS)}
    return [found[i] for i in ids if i in found]


# ------------------------------------------------------------------------------ catalogue


@dataclass
class CataloguePage:
    """One page of the public catalogue: its ids in order, the total, the facet counts."""

    ids: list[int]
    total: int
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


#: This process's facet table of the published sheets, with the publication state it was
#: read at (see :func:`facet_table`).
_TABLE: dict[str, Any] = {}
#: Sort name -> the ORDER BY giving each published sheet its position in that sort.
TABLE_ORDERS = {
    "titre": "title, practice_id",
    # Unknown years last, as the catalogue always showed them.
    "annee": "start_year DESC NULLS LAST, title, practice_id",
    "recent": "updated_at DESC, practice_id",
}


def publication_state() -> tuple[Any, ...]:
    """What changes whenever the published set or a published sheet changes: the
    generation :func:`index_many` bumps, on the database this process talks to."""
    generation = (
        CatalogueGeneration.objects.filter(pk=1).values_list("token", flat=True).first() or 0
    )
    # A plan saved (its participation changed) changes the "evaluation" facet too.
    plans = evaluation_public.catalogue_stamp()
    return (connection.alias, connection.settings_dict.get("NAME"), generation, plans)


def facet_table() -> FacetTable:
    """The published sheets' facets, read from their index rows once per publication state."""
    state = publication_state()
    if _TABLE.get("state") == state:
        table: FacetTable = _TABLE["table"]
        return table
    multi = [FACET_COLUMNS[name] for name in FACET_COLUMNS if name in MULTI_VALUED]
    single = [FACET_COLUMNS[name] for name in FACET_COLUMNS if name not in MULTI_VALUED]
    orders = list(TABLE_ORDERS)
    windows = ", ".join(f"ROW_NUMBER() OVER (ORDER BY {TABLE_ORDERS[o]})" for o in orders)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT practice_id, {', '.join(multi + single)}, {windows} "
            f"FROM {INDEX_TABLE} WHERE published"
        )
        fetched = cursor.fetchall()
    co_deciding = evaluation_public.co_deciding_practice_ids()
    names = [n for n in FACET_COLUMNS if n in MULTI_VALUED] + [
        n for n in FACET_COLUMNS if n not in MULTI_VALUED
    ]
    # Equal value tuples share one object: 50,000 sheets hold few distinct ones.
    shared: dict[Values, Values] = {}

    def values(name: str, cell: Any) -> Values:
        if name in MULTI_VALUED:
            found = tuple(split(cell))
        else:
            found = (str(cell),) if cell not in ("", None) else ()
        return shared.setdefault(found, found)

    width = len(names)
    co_decide: Values = (evaluation_public.CO_DECIDE,)
    rows = (
        Row(
            id=found[0],
            facets={name: values(name, found[1 + i]) for i, name in enumerate(names)}
            | {"evaluation": co_decide if found[0] in co_deciding else ()},
            positions={o: found[1 + width + k] for k, o in enumerate(orders)},
        )
        for found in fetched
    )
    table = FacetTable(rows, FACET_GROUPS)
    _TABLE.clear()
    _TABLE.update(state=state, table=table)
    return table


def _matches(query: str, ranked: bool) -> list[tuple[int, float]] | None:
    """Every sheet matching ``query``, with its rank when ``ranked`` (lower is better)."""
    source = _source(query, ranked=ranked)
    if source is None:
        return None
    sql, params, rank = source
    if connection.vendor == "sqlite":
        # The table knows which sheets are published: the full-text index alone answers.
        match = " ".join(f'"{term}"' for term in search_terms(query))
        columns = f"rowid, {rank}" if ranked else "rowid, 0"
        sql, params = f"SELECT {columns} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match]
    else:
        sql = f"SELECT e.practice_id, {rank} {sql} AND e.published"
    with connection.cursor() as cursor:
        return _execute(cursor, sql, params)


def catalogue(
    query: str,
    selected: Mapping[str, list[str]],
    *,
    sort: str,
    offset: int,
    limit: int,
    facets: bool = True,
) -> CataloguePage:
    """The published sheets matching ``query`` (every sheet when it has no searchable word)
    and the ``selected`` facet values (OR within a facet, AND across facets), sorted by
    ``sort`` ("pertinence" needs a query, or falls back to "titre"; else a key of
    ``TABLE_ORDERS``): the ids from ``offset``, the total, and, with ``facets``, how many
    sheets each value of each facet would give, counted on the query and the *other*
    facets' choices.

    The database finds the matching sheets (and ranks them); the facet table
    (:func:`facet_table`) narrows, counts and sorts them.
    """
    chosen = {
        name: [v[:200] for v in values] if name == "public" else list(values)
        for name, values in selected.items()
        if values and (name in FACET_COLUMNS or name in DERIVED_FACETS)
    }
    table = facet_table()
    ranked = sort == "pertinence"
    matches = _matches(query, ranked)
    if matches is None and ranked:
        sort, ranked = "titre", False
    if sort not in TABLE_ORDERS and not ranked:
        sort = "titre"
    counted = table.count(
        None if matches is None else [row[0] for row in matches], chosen, facets=facets
    )
    if ranked and matches is not None:
        ranking: Iterable[tuple[int, float]] = matches
        if counted.total < len(matches):  # drafts the search found, or facet choices
            kept = set(counted.ids)
            ranking = (row for row in matches if row[0] in kept)
        best = heapq.nsmallest(offset + limit, ((score, pk) for pk, score in ranking))
        ids = [pk for _, pk in best[offset:]]
    else:
        ids = table.page(counted.ids, sort, offset, limit)
    return CataloguePage(ids=ids, total=counted.total, counts=counted.counts)
