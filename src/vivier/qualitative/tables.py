"""The tables a coding gives the analysis: how often each code was given, codes crossed with
a closed question, codes given together, and the typology tables of a codebook's categories.

Every table starts from the same input: for each unit (a free-text answer, a note), the set
of codes it carries under the results rule (``vivier.coding.results.effective_codes``).
A unit without any code is not *coded* and is left out of every N: a share is the share of
the coded texts, because a text nobody has read yet says nothing about how often a code
applies. A text may carry several codes, so the shares of one table may sum past 100 %.

Tables are JSON-ready dicts, like the analysis report's, with percents rounded as the
report rounds them (``analysis.numbers.percent``: one decimal, half away from zero). Codes
and units are whatever identifiers the caller uses; the caller adds names and labels.

:func:`publish` makes the results section of a report fit for publication with the rules
of the rest of the report (``vivier.analysis.suppression``): counts from 1 to k - 1 hidden,
with the complements ``analysis.complementary.protect`` chooses so that none can be worked
out again. This module is pure: no Django.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any, TypeGuard

from vivier.analysis.complementary import Cells, protect
from vivier.analysis.numbers import percent

__all__ = [
    "coded",
    "cooccurrence",
    "crosstab",
    "frequencies",
    "publish",
    "roll_up",
    "typology",
]


def coded[U: Hashable, C: Hashable](
    codes_by_unit: Mapping[U, Collection[C]],
) -> dict[U, frozenset[C]]:
    """The units that carry at least one code, each with its codes (a set)."""
    return {unit: frozenset(codes) for unit, codes in codes_by_unit.items() if codes}


def _ranked[C: Hashable](counts: Mapping[C, int], order: Sequence[C]) -> list[C]:
    """Most frequent first; ties in the codebook's order, then codes it does not list."""
    place = {code: index for index, code in enumerate(order)}
    return sorted(counts, key=lambda code: (-counts[code], place.get(code, len(place)), str(code)))


def frequencies[U: Hashable, C: Hashable](
    codes_by_unit: Mapping[U, Collection[C]], order: Sequence[C] = ()
) -> dict[str, Any]:
    """How many coded units carry each code: ``{"n", "codes": [{"code", "count",
    "percent"}]}`` with n = coded units and percent = 100 * count / n. Only codes given at
    least once are listed, most frequent first."""
    units = coded(codes_by_unit)
    n = len(units)
    counts = Counter(code for codes in units.values() for code in codes)
    return {
        "n": n,
        "codes": [
            {"code": code, "count": counts[code], "percent": percent(counts[code], n)}
            for code in _ranked(counts, order)
        ],
    }


def crosstab[U: Hashable, C: Hashable](
    codes_by_unit: Mapping[U, Collection[C]],
    columns_of_unit: Mapping[U, Collection[str]],
    columns: Sequence[str],
    order: Sequence[C] = (),
) -> dict[str, Any]:
    """Codes crossed with the answer of each unit's respondent to a closed question.

    ``columns_of_unit`` gives a unit's answer (several values for a multiple choice: the
    unit counts in each column it ticked). A column's N is the coded units in it, and a
    cell's percent is of its column (the share of those who answered that option whose
    text carries the code). Coded units whose respondent gave none of ``columns`` are
    counted in ``unanswered``, outside every column::

        {"columns": [{"value", "n"}], "unanswered": 2,
         "codes": [{"code", "total", "counts": [{"column", "count", "percent"}]}]}

    ``total`` is the code's units in at least one column (most frequent code first).
    """
    units = coded(codes_by_unit)
    known = set(columns)
    where = {
        unit: {value for value in columns_of_unit.get(unit, ()) if value in known} for unit in units
    }
    n = Counter(value for values in where.values() for value in values)
    cells: Counter[tuple[C, str]] = Counter()
    totals: Counter[C] = Counter()
    for unit, codes in units.items():
        if not where[unit]:
            continue
        for code in codes:
            totals[code] += 1
            for value in where[unit]:
                cells[code, value] += 1
    return {
        "columns": [{"value": value, "n": n[value]} for value in columns],
        "unanswered": sum(1 for values in where.values() if not values),
        "codes": [
            {
                "code": code,
                "total": totals[code],
                "counts": [
                    {
                        "column": value,
                        "count": cells[code, value],
                        "percent": percent(cells[code, value], n[value]),
                    }
                    for value in columns
                ],
            }
            for code in _ranked(totals, order)
        ],
    }


def cooccurrence[U: Hashable, C: Hashable](
    codes_by_unit: Mapping[U, Collection[C]], order: Sequence[C] = ()
) -> dict[str, Any]:
    """Pairs of codes given to the same unit: ``{"n", "pairs": [{"codes": [a, b],
    "count", "percent"}]}``, n = coded units, percent of n; only pairs met at least once,
    most frequent first (a pair is written in the codebook's order)."""
    units = coded(codes_by_unit)
    place = {code: index for index, code in enumerate(order)}

    def key(code: C) -> tuple[int, str]:
        return place.get(code, len(place)), str(code)

    pairs: Counter[tuple[C, C]] = Counter()
    for codes in units.values():
        for a, b in combinations(sorted(codes, key=key), 2):
            pairs[a, b] += 1
    ranked = sorted(pairs, key=lambda pair: (-pairs[pair], key(pair[0]), key(pair[1])))
    return {
        "n": len(units),
        "pairs": [
            {"codes": list(pair), "count": pairs[pair], "percent": percent(pairs[pair], len(units))}
            for pair in ranked
        ],
    }


def roll_up[U: Hashable, C: Hashable, R: Hashable](
    codes_by_unit: Mapping[U, Collection[C]], into: Mapping[C, R]
) -> dict[U, frozenset[R]]:
    """Each unit's codes mapped through ``into`` (a code to the row that counts it); codes
    ``into`` does not name are dropped."""
    return {
        unit: frozenset(into[code] for code in codes if code in into)
        for unit, codes in codes_by_unit.items()
    }


def typology[U: Hashable, C: Hashable, R: Hashable](
    codes_by_unit: Mapping[U, Collection[C]], rows: Sequence[tuple[R, Collection[C]]]
) -> dict[str, Any]:
    """The typology table of one category: each row (a code of the category, counted with
    the codes under it) with the units that carry any of its codes.

    ``rows`` lists ``(row, member codes)`` in the codebook's order. N is the units that
    carry at least one code of the category; every row is listed, zeros included (a type
    nobody's text shows is a finding too), most frequent first::

        {"n", "rows": [{"code": row, "members": [codes], "count", "percent"}]}
    """
    into: dict[C, R] = {}
    for row, members in rows:
        for member in members:
            into.setdefault(member, row)
    units = coded(roll_up(codes_by_unit, into))
    n = len(units)
    counts = Counter(row for found in units.values() for row in found)
    order = [row for row, _ in rows]
    members_of = {row: list(members) for row, members in rows}
    ranked = _ranked({row: counts[row] for row in order}, order)
    return {
        "n": n,
        "rows": [
            {
                "code": row,
                "members": members_of[row],
                "count": counts[row],
                "percent": percent(counts[row], n),
            }
            for row in ranked
        ],
    }


# -- Publication -------------------------------------------------------------------------------


def publish(section: Mapping[str, Any], k: int) -> dict[str, Any]:
    """A copy of a report's coding section fit for publication.

    The section holds ``sources`` and ``coded`` (texts, and texts coded, in all), one entry
    per question in ``questions`` (``sources``, ``n`` and a :func:`frequencies` list in
    ``codes``) and :func:`typology` tables in ``typologies``. What a reader knows, and so
    what is protected together:

    * the questions' texts add up to ``sources``, their coded texts (``n``) to ``coded``
      (each text belongs to one question);
    * a question's ``n`` is at most its ``sources``; a code's count at most the ``n`` of its
      table, and with a small ``n`` the whole table goes, zeros included, as a multiple
      choice does in the report (a text carries several codes: no sum);
    * a typology row that counts a single code is the sum of that code's counts in the
      questions' tables;
    * ``cooccurrence`` (``n`` and ``pairs`` as :func:`cooccurrence` gives them): its ``n``
      is ``coded``; a pair's count is at most that n and, for a code counted in a single
      question's table, at most the code's count there; a small n hides every pair;
    * ``crosstabs`` (one :func:`crosstab` per question, with the question's ``key``, its
      ``n`` and ``unanswered``): the columns' N and ``unanswered`` add up to the question's
      coded texts (one option per respondent), a code's cells to its ``total``, which is at
      most the code's count in the question's table (equal when all answered); a cell is at
      most its column's N and its row's total, and a column with a small N is hidden whole
      (its N, its cells and their percents), as a small table is.

    A hidden count becomes None, and its dict gets ``"suppressed": True`` and
    ``"suppressed_keys"``, as in the report; a percent goes with its count or its N (with
    the N, a percent gives the count back). Quotes stay: they are reviewed, pseudonymised and
    chosen by an analyst, which is the report's rule for publishing a text.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    published: dict[str, Any] = copy.deepcopy(dict(section))
    cells = _Cells()
    sources = cells.add(published, "sources")
    coded_total = cells.add(published, "coded")
    question_sources: list[int | None] = []
    question_n: list[int | None] = []
    #: code -> the cells of its count in each question's table.
    per_code: dict[Any, list[int | None]] = {}
    #: question key -> (the cell of its n, code -> the cell of the code's count there).
    per_question: dict[Any, tuple[int | None, dict[Any, int | None]]] = {}
    for entry in published.get("questions") or []:
        total = cells.add(entry, "sources")
        n = cells.add(entry, "n")
        counts_here: dict[Any, int | None] = {}
        per_question[entry.get("key")] = (n, counts_here)
        question_sources.append(total)
        question_n.append(n)
        cells.order(n, total)
        members = [cells.add(row, "count") for row in entry.get("codes") or []]
        cells.group(n, members)
        for row, member in zip(entry.get("codes") or [], members, strict=True):
            cells.order(member, n)
            per_code.setdefault(_hashable(row["code"]), []).append(member)
            counts_here[_hashable(row["code"])] = member
    cells.relate(sources, question_sources)
    cells.relate(coded_total, question_n)
    for table in published.get("typologies") or []:
        n = cells.add(table, "n")
        members = [cells.add(row, "count") for row in table.get("rows") or []]
        cells.group(n, members)
        for row, member in zip(table.get("rows") or [], members, strict=True):
            cells.order(member, n)
            if len(row.get("members") or ()) == 1:
                cells.relate(member, per_code.get(_hashable(row["members"][0]), []))
    _cooccurrence_cells(cells, published.get("cooccurrence"), coded_total, per_code)
    for table in published.get("crosstabs") or []:
        _crosstab_cells(cells, table, per_question.get(table.get("key")))
    cells.hide(protect(cells.cells, k))
    together = published.get("cooccurrence")
    together = together if isinstance(together, dict) else {}
    for entry in [
        *(published.get("questions") or []),
        *(published.get("typologies") or []),
        together,
    ]:
        base_hidden = "n" in (entry.get("suppressed_keys") or ())
        for row in [
            *(entry.get("codes") or []),
            *(entry.get("rows") or []),
            *(entry.get("pairs") or []),
        ]:
            if base_hidden or "count" in (row.get("suppressed_keys") or ()):
                _hide(row, "percent")
    for table in published.get("crosstabs") or []:
        columns = table.get("columns") or []
        hidden_n = ["n" in (c.get("suppressed_keys") or ()) for c in columns]
        for row in table.get("codes") or []:
            for cell, column_hidden in zip(row.get("counts") or [], hidden_n, strict=False):
                if column_hidden or "count" in (cell.get("suppressed_keys") or ()):
                    _hide(cell, "percent")
    _leftovers(published, k)
    published["suppression"] = {"k": k}
    return published


def _cooccurrence_cells(
    cells: _Cells,
    table: Any,
    coded_total: int | None,
    per_code: Mapping[Any, list[int | None]],
) -> None:
    """The co-occurrence table's counts and what a reader knows of them (see publish)."""
    if not isinstance(table, dict):
        return
    n = cells.add(table, "n")
    if n is not None and coded_total is not None:
        cells.relate(coded_total, [n])
    pairs = [cells.add(pair, "count") for pair in table.get("pairs") or []]
    cells.group(n, pairs)
    for pair, cell in zip(table.get("pairs") or [], pairs, strict=True):
        cells.order(cell, n)
        for code in pair.get("codes") or ():
            found = per_code.get(_hashable(code), [])
            if len(found) == 1:
                cells.order(cell, found[0])


def _crosstab_cells(
    cells: _Cells,
    table: dict[str, Any],
    question: tuple[int | None, Mapping[Any, int | None]] | None,
) -> None:
    """A cross-tabulation's counts and what a reader knows of them (see publish)."""
    question_n, counts_here = question if question is not None else (None, {})
    n = cells.add(table, "n")
    if n is not None and question_n is not None:
        cells.relate(question_n, [n])
    columns = [cells.add(column, "n") for column in table.get("columns") or []]
    unanswered = cells.add(table, "unanswered")
    cells.relate(n, [*columns, unanswered])
    column_cells: list[list[int | None]] = [[] for _ in columns]
    for row in table.get("codes") or []:
        total = cells.add(row, "total")
        cells.order(total, n)
        frequency = counts_here.get(_hashable(row.get("code")))
        cells.order(total, frequency)
        if unanswered is not None and cells.cells.values[unanswered] == 0:
            cells.relate(frequency, [total])
        members = [cells.add(cell, "count") for cell in row.get("counts") or []]
        cells.relate(total, members)
        cells.group(total, members)
        for index, member in enumerate(members):
            cells.order(member, total)
            if index < len(columns):
                cells.order(member, columns[index])
                column_cells[index].append(member)
    for column, members in zip(columns, column_cells, strict=True):
        cells.group(column, members)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _is_count(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


class _Cells:
    """The section's counts, with the places (dict, key) each is printed at."""

    def __init__(self) -> None:
        self.cells = Cells()
        self.places: list[tuple[dict[str, Any], str]] = []

    def add(self, node: dict[str, Any], key: str) -> int | None:
        value = node.get(key)
        if not _is_count(value):
            return None
        self.places.append((node, key))
        return self.cells.add(value)

    def relate(self, total: int | None, members: Iterable[int | None]) -> None:
        """``total = sum(members)`` when the figures say so; a relation that does not hold
        in the figures cannot be used by a reader either."""
        listed = list(members)
        group = [m for m in listed if m is not None]
        if total is None or not group or len(group) != len(listed) or total in group:
            return
        if len(set(group)) != len(group):
            return
        if sum(self.cells.values[m] for m in group) == self.cells.values[total]:
            self.cells.relate(total, group)

    def order(self, low: int | None, high: int | None) -> None:
        if low is None or high is None or low == high:
            return
        if self.cells.values[low] <= self.cells.values[high]:
            self.cells.order(low, high)

    def group(self, total: int | None, members: Iterable[int | None]) -> None:
        if total is not None:
            self.cells.group(total, [m for m in members if m is not None])

    def hide(self, hidden: Iterable[int]) -> None:
        for cell in hidden:
            node, key = self.places[cell]
            _hide(node, key)


def _hide(node: dict[str, Any], key: str) -> None:
    if node.get(key) is None:
        return
    node[key] = None
    node["suppressed"] = True
    keys = node.setdefault("suppressed_keys", [])
    if key not in keys:
        keys.append(key)


def _leftovers(node: Any, k: int) -> None:
    """A last net: a small count the relations above do not know (a key added later) is
    never published, even if no complement was chosen for it."""
    if isinstance(node, list):
        for item in node:
            _leftovers(item, k)
    elif isinstance(node, dict):
        for key in ("count", "n", "sources", "coded", "total", "unanswered"):
            value = node.get(key)
            if _is_count(value) and 0 < value < k:
                _hide(node, key)
                _hide(node, "percent")
        for value in list(node.values()):
            if isinstance(value, dict | list):
                _leftovers(value, k)
