"""Facet counts and sorted pages of the public catalogue, computed in memory.

The catalogue shows, for a search over tens of thousands of sheets, how many sheets each
value of each facet would give. Counted in SQL, that means writing every matching row to a
temporary table and sorting it once per facet group: most of the page's time for a broad
query. Here the published sheets' facet values are held once per process, interned as small
codes (one per *combination* of a group's values, so 50,000 sheets share a few thousand
combinations), and a count is a ``Counter`` over the codes of the matching ids.

This module knows nothing of Django: ``search.catalogue`` loads the table from the index
rows, keeps it while the set of published sheets does not change, and gives it the ids a
full-text query matched.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

#: One facet's values on one sheet (several for themes, places and publics).
Values = tuple[str, ...]


@dataclass(frozen=True)
class Row:
    """What the table holds about one published sheet."""

    id: int
    facets: Mapping[str, Values]
    #: Sort name -> the sheet's position in that order (from the database's own sort,
    #: so titles keep the database's collation).
    positions: Mapping[str, int]


@dataclass
class Counted:
    """The sheets left by the chosen facet values, their count, and every facet's counts."""

    ids: list[int]
    total: int
    counts: dict[str, dict[str, int]]


class FacetTable:
    def __init__(self, rows: Iterable[Row], groups: Sequence[Sequence[str]]) -> None:
        self.groups = tuple(tuple(group) for group in groups)
        self.group_of = {name: g for g, group in enumerate(self.groups) for name in group}
        self.position_in_group = {n: group.index(n) for group in self.groups for n in group}
        #: Per group: sheet id -> combination code; code -> the combination's values.
        self.code_of: list[dict[int, int]] = [{} for _ in self.groups]
        self.combos: list[list[tuple[Values, ...]]] = [[] for _ in self.groups]
        self.positions: dict[str, dict[int, int]] = {}
        interned: list[dict[tuple[Values, ...], int]] = [{} for _ in self.groups]
        for row in rows:
            for g, group in enumerate(self.groups):
                combo = tuple(row.facets.get(name, ()) for name in group)
                code = interned[g].get(combo)
                if code is None:
                    code = interned[g][combo] = len(self.combos[g])
                    self.combos[g].append(combo)
                self.code_of[g][row.id] = code
            for sort, position in row.positions.items():
                self.positions.setdefault(sort, {})[row.id] = position
        self.all_ids = list(self.code_of[0]) if self.groups else []

    def __contains__(self, practice_id: int) -> bool:
        return bool(self.groups) and practice_id in self.code_of[0]

    def __len__(self) -> int:
        return len(self.all_ids)

    def count(
        self, ids: Iterable[int] | None, chosen: Mapping[str, Iterable[str]], *, facets: bool = True
    ) -> Counted:
        """``ids`` (None: every sheet of the table; ids not in it are ignored) narrowed by
        ``chosen`` values (OR within a facet, AND across facets), with each facet's counts
        taken on the *other* facets' choices, so a visitor sees what each choice would give.
        """
        first = self.code_of[0] if self.groups else {}
        pool = self.all_ids if ids is None else [i for i in ids if i in first]
        wanted = {name: set(values) for name, values in chosen.items() if values}
        names = list(wanted)
        # Each chosen facet is a bit; per group, each combination's bits are worked out
        # once, so a sheet's mask is one lookup per group holding a chosen facet.
        bits: list[dict[int, int]] = [{} for _ in self.groups]
        for bit, name in enumerate(names):
            g, p = self.group_of[name], self.position_in_group[name]
            keep = wanted[name]
            for code, combo in enumerate(self.combos[g]):
                if keep.intersection(combo[p]):
                    bits[g][code] = bits[g].get(code, 0) | (1 << bit)
        full = (1 << len(names)) - 1
        masks: list[int] = []
        if names:
            for g in sorted({self.group_of[name] for name in names}):
                of_code = bits[g]
                got = [of_code.get(code, 0) for code in map(self.code_of[g].__getitem__, pool)]
                masks = got if not masks else [a | b for a, b in zip(masks, got, strict=True)]
            kept = [i for i, mask in zip(pool, masks, strict=True) if mask == full]
        else:
            kept = pool
        counts: dict[str, dict[str, int]] = {name: {} for group in self.groups for name in group}
        if facets:
            for g, group in enumerate(self.groups):
                others = [n for n in group if n not in wanted]
                if others:
                    self._tally(g, others, kept, counts)
            for bit, name in enumerate(names):
                # A chosen facet is counted without its own choice.
                need = full & ~(1 << bit)
                among = [i for i, mask in zip(pool, masks, strict=True) if mask & need == need]
                self._tally(self.group_of[name], [name], among, counts)
        return Counted(ids=kept, total=len(kept), counts=counts)

    def _tally(
        self, g: int, names: Sequence[str], ids: Iterable[int], counts: dict[str, dict[str, int]]
    ) -> None:
        code_of = self.code_of[g]
        combos = self.combos[g]
        for code, n in Counter(map(code_of.__getitem__, ids)).items():
            combo = combos[code]
            for name in names:
                tally = counts[name]
                for value in combo[self.position_in_group[name]]:
                    tally[value] = tally.get(value, 0) + n

    def page(self, ids: Iterable[int], sort: str, offset: int, limit: int) -> list[int]:
        """``ids`` in the ``sort`` order (a name the rows gave positions for), cut to a page."""
        position = self.positions.get(sort, {})
        return heapq.nsmallest(offset + limit, ids, key=position.__getitem__)[offset:]
