"""Full-text search of the practice registry, with one behaviour on two databases.

SQLite: an FTS5 table holds each sheet's stems, computed in Python (``vivier.text``).
PostgreSQL: the 'french' text-search configuration with ``unaccent``, over the sheet's text
(kept as a GIN-indexed ``vector`` column of the sheet's narrow ``PracticeIndex`` row).
Both fold accents and case, split hyphenated words, stem with Snowball's French stemmer and
require every word of the query; ``tests/practices/test_search.py`` holds the list of
queries and expected sheets that both must pass.

Speed over tens of thousands of sheets comes from three rules:

- only the page is ranked out of the database: ``ORDER BY rank LIMIT n`` runs in SQL, and
  the ranking reads the narrow ``PracticeIndex`` row, never the wide ``Practice`` row;
- the catalogue (:func:`catalogue`) gets its page, its total and every facet's counts from
  one statement: the matching sheets are read once into a materialised CTE, then counted
  per facet (a few GROUP BYs over that CTE, multi-valued facets grouped by their set of
  values and split here);
- facet values are derived when a sheet is saved or moves along its workflow
  (:func:`index_text`), not at each request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from vivier.territories import region_of
from vivier.text import search_terms, stems, words

from . import sheet as schema
from .models import Practice, PracticeIndex

FTS_TABLE = "practices_search"
INDEX_TABLE = "practices_practiceindex"
PG_CONFIG = "vivier_french"
#: Separates the values of a multi-valued facet in its ``PracticeIndex`` column.
SEP = "\x1f"

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
#: Facets not chosen by the visitor are counted together, a few per GROUP BY: the groups
#: hold facets whose combinations stay few (a theme set, a stage and a status), so one
#: sort of the matching rows serves several facets.
FACET_GROUPS = (("theme", "stage", "status", "public"), ("region", "departement"), ("annee",))
SORTS_SQL = {
    "pertinence": ("r", "id"),
    "titre": ("title", "id"),
    # Unknown years last, as the catalogue always showed them.
    "annee": ("start_year DESC NULLS LAST", "title", "id"),
    "recent": ("updated_at DESC", "id"),
}
#: The columns each sort reads (besides the facets' and the id).
SORT_KEYS = {
    "pertinence": ("r",),
    "titre": ("title",),
    "annee": ("start_year", "title"),
    "recent": ("updated_at",),
}


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
    with transaction.atomic():
        if replace:
            PracticeIndex.objects.filter(practice_id__in=ids).delete()
        PracticeIndex.objects.bulk_create(
            [index_row(practice, sheet) for practice, sheet in items], batch_size=1000
        )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"UPDATE {INDEX_TABLE} AS e "
                    f"SET vector = to_tsvector('{PG_CONFIG}', p.body) "
                    "FROM practices_practice AS p "
                    "WHERE p.id = e.practice_id AND e.practice_id = ANY(%s)",
                    [ids],
                )
            elif connection.vendor == "sqlite":
                if replace:
                    cursor.executemany(
                        f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in ids]
                    )
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE}(rowid, stems) VALUES (%s, %s)",
                    [(practice.pk, practice.search_stems) for practice, _ in items],
                )


def unindex(practice_id: int) -> None:
    PracticeIndex.objects.filter(practice_id=practice_id).delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [practice_id])


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
        # Hyphens split before PostgreSQL parses the query: its parser would otherwise
        # also require the hyphenated compound, which "pair aidance" does not contain.
        text = " ".join(words(query))
        return (
            f"FROM {INDEX_TABLE} AS e, plainto_tsquery('{PG_CONFIG}', %s) AS query "
            "WHERE e.vector @@ query",
            [text],
            "-ts_rank(e.vector, query)" if ranked else "0",
        )
    match = " ".join(f'"{term}"' for term in terms)
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

    PostgreSQL: with the default ``random_page_cost`` (4, for spinning disks) the planner
    reads every sheet's vector for a broad query rather than take the matches from the GIN
    index, twice as slow when the registry is in memory, as it is for a catalogue of this
    size. The hint holds for this statement's transaction only.
    """
    if connection.vendor != "postgresql":
        cursor.execute(sql, params)
        return list(cursor.fetchall())
    with transaction.atomic():
        cursor.execute("SET LOCAL random_page_cost = 1.1")
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
    public = set(
        PracticeIndex.objects.filter(practice_id__in=ids, published=True).values_list(
            "practice_id", flat=True
        )
    )
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
    found = {p.pk: p for p in base.filter(pk__in=ids)}
    return [found[i] for i in ids if i in found]


# ------------------------------------------------------------------------------ catalogue


@dataclass
class CataloguePage:
    """One page of the public catalogue: its ids in order, the total, the facet counts."""

    ids: list[int]
    total: int
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


def _contains(column: str) -> str:
    return ("strpos" if connection.vendor == "postgresql" else "instr") + f"({column}, %s) > 0"


def _predicate(name: str, values: list[str]) -> tuple[str, list[Any]]:
    """SQL true for an index row (alias ``e``) holding one of ``values`` of facet ``name``."""
    column = f"e.{FACET_COLUMNS[name]}"
    if name in MULTI_VALUED:
        if name == "public":
            values = [v[:200] for v in values]
        tests = [_contains(column) for _ in values]
        return "(" + " OR ".join(tests) + ")", [f"{SEP}{v.replace(SEP, ' ')}{SEP}" for v in values]
    if name == "annee":
        years = [int(v) for v in values if v.isdigit()]
        if not years:
            return "(1 = 0)", []
        return f"({column} IN ({', '.join(['%s'] * len(years))}))", years
    return f"({column} IN ({', '.join(['%s'] * len(values))}))", list(values)


def catalogue(
    query: str,
    selected: Mapping[str, list[str]],
    *,
    sort: str,
    offset: int,
    limit: int,
    facets: bool = True,
    whole: bool = False,
) -> CataloguePage:
    """The published sheets matching ``query`` (every sheet when it has no searchable word)
    and the ``selected`` facet values (OR within a facet, AND across facets), sorted by
    ``sort`` (a key of ``SORTS_SQL``; "pertinence" needs a query): the ids from ``offset``,
    the total, and, with ``facets``, how many sheets each value of each facet would give,
    counted on the query and the *other* facets' choices.
    """
    chosen = {name: values for name, values in selected.items() if values}
    source = _source(query, ranked=sort == "pertinence")
    if source is None and not chosen and not whole:
        return _whole_catalogue(sort if sort != "pertinence" else "titre", offset, limit)
    params: list[Any] = []
    if source is None:
        sort = "titre" if sort == "pertinence" else sort
        sql, rank = f"FROM {INDEX_TABLE} AS e WHERE e.published", "0"
    else:
        sql, params, rank = source
        sql += " AND e.published"

    columns = ["e.practice_id AS id", *(f"e.{c}" for c in FACET_COLUMNS.values())]
    columns += [
        f"{rank} AS r" if key == "r" else f"e.{key}"
        for key in SORT_KEYS[sort]
        if key not in FACET_COLUMNS.values()
    ]
    flag_params: list[Any] = []
    for name, values in chosen.items():
        predicate, predicate_params = _predicate(name, values)
        columns.append(f"{predicate} AS k_{name}")
        flag_params += predicate_params
    cte = f"WITH m AS MATERIALIZED (SELECT {', '.join(columns)} {sql})"
    cte_params = flag_params + params

    def where(skip: str = "") -> str:
        flags = [f"k_{name}" for name in chosen if name != skip]
        return f" WHERE {' AND '.join(flags)}" if flags else ""

    out_columns = list(FACET_COLUMNS.values())
    text_null = "CAST(NULL AS TEXT)"
    int_null = "CAST(NULL AS INTEGER)"

    def row(kind: str, grouped: Iterable[str], n: str, position: str) -> str:
        keep = set(grouped)
        cells = [
            (c if c in keep else (int_null if c == "start_year" else text_null))
            for c in out_columns
        ]
        return f"SELECT '{kind}' AS kind, {', '.join(cells)}, {n} AS n, {position} AS pos"

    branches: list[str] = []
    groups: list[tuple[str, ...]] = []
    if facets:
        # A chosen facet is counted without its own choice: alone, with its own WHERE.
        groups += [(name,) for name in chosen]
        groups += [
            kept for group in FACET_GROUPS if (kept := tuple(n for n in group if n not in chosen))
        ]
        for index, group in enumerate(groups):
            cols = [FACET_COLUMNS[name] for name in group]
            skip = group[0] if group[0] in chosen else ""
            branches.append(
                row(f"g{index}", cols, "COUNT(*)", int_null)
                + f" FROM m{where(skip)} GROUP BY {', '.join(cols)}"
            )
    branches.append(row("*", [], "COUNT(*)", int_null) + f" FROM m{where()}")
    order = ", ".join(SORTS_SQL[sort])
    keys = ", ".join(["id", *SORT_KEYS[sort]])
    branches.append(
        row("#", [], "id", f"ROW_NUMBER() OVER (ORDER BY {order})")
        + f" FROM (SELECT {keys} FROM m{where()} ORDER BY {order} LIMIT %s OFFSET %s) AS page"
    )
    statement = f"{cte} {' UNION ALL '.join(branches)}"

    with connection.cursor() as cursor:
        rows = _execute(cursor, statement, [*cte_params, limit, offset])

    page: list[tuple[int, int]] = []
    total = 0
    counts: dict[str, dict[str, int]] = {name: {} for name in FACET_COLUMNS}
    position_of = {column: i + 1 for i, column in enumerate(out_columns)}
    n_at = len(out_columns) + 1
    for found in rows:
        kind, n = found[0], found[n_at]
        if kind == "#":
            page.append((found[n_at + 1], n))
            continue
        if kind == "*":
            total = n
            continue
        for name in groups[int(kind[1:])]:
            value = found[position_of[FACET_COLUMNS[name]]]
            tally = counts[name]
            if name in MULTI_VALUED:
                for v in split(value):
                    tally[v] = tally.get(v, 0) + n
            elif value not in ("", None):
                key = str(value)
                tally[key] = tally.get(key, 0) + n
    return CataloguePage(ids=[pk for _, pk in sorted(page)], total=total, counts=counts)


#: The whole catalogue's total and facet counts, for the publication state they were
#: counted at (see :func:`_whole_catalogue`). Only the unfiltered catalogue is kept.
_WHOLE: dict[str, Any] = {}


def _whole_catalogue(sort: str, offset: int, limit: int) -> CataloguePage:
    """The catalogue without query nor facet: its counts change only with publication.

    Every publication, edit of a published sheet or unpublication changes the number of
    published sheets or their latest ``updated_at``: that pair, read from an index, says
    whether the counts kept in this process still hold.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MAX(updated_at) FROM {INDEX_TABLE} WHERE published", [])
        state = cursor.fetchone()
        order = ", ".join("practice_id" if c == "id" else c for c in SORTS_SQL[sort])
        cursor.execute(
            f"SELECT practice_id FROM {INDEX_TABLE} WHERE published "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            [limit, offset],
        )
        ids = [row[0] for row in cursor.fetchall()]
    key = repr(state)
    if _WHOLE.get("key") != key:
        counted = catalogue("", {}, sort=sort, offset=0, limit=0, whole=True)
        _WHOLE.clear()
        _WHOLE.update(key=key, counts=counted.counts)
    total = int(state[0]) if state else 0
    return CataloguePage(ids=ids, total=total, counts=_WHOLE["counts"])
