"""Which counts to hide so that no small count can be worked out from the published ones.

A published table is a set of counts tied by additive relations ``total = sum(members)``:
the options of a question add up to its ``answered``, départements to their région, régions
(and unknown codes) to the national total, days, channels and modes to the responses, the
cells of a cross-tabulation to their row and column totals. Hiding only the counts under k
(primary suppression) is undone by one subtraction wherever a relation keeps a single
hidden count, and a reader who knows that the hidden counts of a relation add up to 3 knows
they are small. So more counts are hidden (complementary suppression), chosen here:

1. primary: every protected count from 1 to k - 1;
2. a relation whose total is from 1 to k - 1 is hidden whole, zeros included: a visible
   zero beside a hidden small total says where those few people are not, and when all
   other options are zero, where they all are;
3. then, relation by relation until nothing changes, while a relation holds exactly one
   hidden count, or its total is visible and its hidden members add up to less than k (or
   to no more than their known lower bounds, see below), the smallest visible non-zero
   member is hidden too, or the total when no member is left;
4. an exact audit: a hidden count that some combination of relations gives exactly
   (Gaussian elimination over the rationals, per group of connected relations) has the
   smallest visible count nearest to it hidden too (its own relations first, then those
   reached through hidden counts), and the loop starts again;
5. a bounds audit: lower and upper bounds are propagated through the relations and the
   known orders between counts (``answered`` <= ``shown``, an option of a multiple choice
   <= ``answered``); a hidden count pinned to one value is widened the same way.

Zeros are hidden only in step 2: a zero reveals nobody and adds nothing to a hidden sum.
A reader who knows this rule knows that a hidden count is at least 1 unless it belongs to
a relation whose total is hidden; step 3 counts with those bounds, so that two hidden counts
adding up to 2 (1 and 1, known exactly) are not taken for protected. Complementary counts
are chosen smallest first and in the order cells were added, so the choice is
deterministic and costs as little information as the greedy rule allows. Step 3 is
linear in the size of the relations it touches; the audits work per connected group (one
question, one cross-tabulation: small matrices of 0 and ±1) and run again only when they
hid something.

Steps 4 and 5 read what sums and orders give, not everything a linear program could
combine: on campaigns of a few dozen responses, chains of follow-up questions (shown to
those who chose an option, each answered by at most those shown it) can still narrow a
hidden count that none of these steps sees; ``tests/analysis/attack.py`` measures it.

This module is pure: it knows cells and relations, not reports (``suppression`` maps a
report onto them).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

#: Bound propagation stops after this many sweeps without settling (integers converge, but
#: a long chain of unbounded cells could creep): enough for reports' few levels.
_MAX_SWEEPS = 200


@dataclass
class Cells:
    """Counts (non-negative integers) and the relations ``total = sum(members)`` between them.

    A cell that is not ``protected`` (none is, today, but a caller may publish a count that
    is not of people) is never hidden by step 1 or 2, only as a complement.
    """

    values: list[int] = field(default_factory=list)
    protected: list[bool] = field(default_factory=list)
    relations: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)
    #: Counts among a total's respondents that do not add up to it (the options of a
    #: multiple choice): no relation, but hidden whole with a small total, like a relation.
    groups: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)
    #: ``(low, high)``: cell ``low`` is known to be at most cell ``high`` (answered <= shown,
    #: a multiple-choice option <= answered), which a reader can use to bound hidden cells.
    orders: list[tuple[int, int]] = field(default_factory=list)

    def add(self, value: int, *, protected: bool = True) -> int:
        if value < 0:
            raise ValueError("a count cannot be negative")
        self.values.append(value)
        self.protected.append(protected)
        return len(self.values) - 1

    def relate(self, total: int, members: Iterable[int]) -> None:
        """Record that cell ``total`` equals the sum of cells ``members`` (checked)."""
        group = tuple(dict.fromkeys(m for m in members if m != total))
        if sum(self.values[m] for m in group) != self.values[total]:
            raise ValueError("the members of a relation do not add up to its total")
        self.relations.append((total, group))

    def order(self, low: int, high: int) -> None:
        """Record that cell ``low`` is at most cell ``high`` (checked)."""
        if self.values[low] > self.values[high]:
            raise ValueError("an order between two cells that the counts contradict")
        self.orders.append((low, high))

    def group(self, total: int, members: Iterable[int]) -> None:
        """Record that cells ``members`` count some of the respondents counted by ``total``."""
        self.groups.append((total, tuple(m for m in members if m != total)))


def protect(cells: Cells, k: int) -> set[int]:
    """The cells to hide (see the module docstring for the rules)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    return _Protector(cells, k).run()


class _Protector:
    def __init__(self, cells: Cells, k: int) -> None:
        self.cells = cells
        self.k = k
        self.values = cells.values
        n = len(cells.values)
        self.hidden = [False] * n
        self.member_of: list[list[int]] = [[] for _ in range(n)]
        self.total_of: list[list[int]] = [[] for _ in range(n)]
        for index, (total, members) in enumerate(cells.relations):
            self.total_of[total].append(index)
            for member in members:
                self.member_of[member].append(index)
        self.in_group: list[list[int]] = [[] for _ in range(n)]
        for total, members in cells.groups:
            for member in members:
                self.in_group[member].append(total)
        self.ordered_with: list[list[int]] = [[] for _ in range(n)]
        for low, high in cells.orders:
            self.ordered_with[low].append(high)
            self.ordered_with[high].append(low)
        self.queue: deque[int] = deque()
        self.queued = [False] * len(cells.relations)

    def run(self) -> set[int]:
        values, k = self.values, self.k
        for cell, value in enumerate(values):
            if self.cells.protected[cell] and 0 < value < k:
                self.hide(cell)
        self._whole_groups()
        self._enqueue(range(len(self.cells.relations)))
        while True:
            self._settle()
            if not self._audit() and not self._bounds_audit():
                break
        return {cell for cell, hidden in enumerate(self.hidden) if hidden}

    # -- steps 1 and 2 ---------------------------------------------------------------------

    def _whole_groups(self) -> None:
        # A member of a small group is no greater than its total, so a group inside it is
        # small too, a zero one included (its zeros would say where the few are not).
        groups: dict[int, list[tuple[int, ...]]] = {}
        for total, members in [*self.cells.relations, *self.cells.groups]:
            groups.setdefault(total, []).append(members)
        pending = [
            total
            for total in groups
            if self.cells.protected[total] and 0 < self.values[total] < self.k
        ]
        done: set[int] = set()
        while pending:
            total = pending.pop()
            if total in done:
                continue
            done.add(total)
            self.hide(total)
            for members in groups[total]:
                for member in members:
                    self.hide(member)
                    if member in groups:
                        pending.append(member)

    # -- step 3 ------------------------------------------------------------------------------

    def hide(self, cell: int) -> None:
        if self.hidden[cell]:
            return
        self.hidden[cell] = True
        self._enqueue(self.member_of[cell])
        self._enqueue(self.total_of[cell])
        # A hidden total lowers the known bound of its members to 0: recheck their other
        # relations (a cross-tab cell sits in a row and a column).
        for relation in self.total_of[cell]:
            for member in self.cells.relations[relation][1]:
                self._enqueue(self.member_of[member])

    def _enqueue(self, relations: Iterable[int]) -> None:
        for relation in relations:
            if not self.queued[relation]:
                self.queued[relation] = True
                self.queue.append(relation)

    def _settle(self) -> None:
        while self.queue:
            relation = self.queue.popleft()
            self.queued[relation] = False
            while (cell := self._complement(relation)) is not None:
                self.hide(cell)

    def lower_bound(self, cell: int) -> int:
        """What a reader knows a hidden cell is at least (see the module docstring)."""
        relations = self.cells.relations
        if any(self.hidden[relations[r][0]] for r in self.member_of[cell]):
            return 0
        return 0 if any(self.hidden[total] for total in self.in_group[cell]) else 1

    def _complement(self, relation: int) -> int | None:
        """The next cell to hide for this relation, or None when it is protected."""
        total, members = self.cells.relations[relation]
        hidden_members = [m for m in members if self.hidden[m]]
        count = len(hidden_members) + self.hidden[total]
        if count == 0:
            return None
        if count >= 2 and self.hidden[total]:
            return None
        if count >= 2:
            rest = self.values[total] - sum(self.values[m] for m in members if not self.hidden[m])
            floor = sum(self.lower_bound(m) for m in hidden_members)
            if rest >= self.k and rest > floor:
                return None
        return self._next_cell(members, total)

    def _next_cell(self, members: Sequence[int], total: int) -> int | None:
        best: int | None = None
        for member in members:
            if self.hidden[member] or self.values[member] == 0:
                continue
            if best is None or self.values[member] < self.values[best]:
                best = member
        if best is not None:
            return best
        # A zero total means zero members: nothing there to protect, nothing to hide.
        return None if self.hidden[total] or self.values[total] == 0 else total

    # -- step 4 ------------------------------------------------------------------------------

    def _audit(self) -> bool:
        """Hide one more cell for each group holding an exactly computable hidden cell;
        True when something was hidden."""
        changed = False
        for relations in self._groups():
            exposed = _determined(self.cells.relations, relations, self.hidden)
            for cell in exposed:
                if self.cells.protected[cell] and self.values[cell] and self._widen(cell):
                    changed = True
                    break
        return changed

    def _widen(self, cell: int) -> bool:
        """Hide the smallest visible non-zero cell nearest to ``cell``: first in its own
        relations and orders, then in those reached through hidden cells (the combination
        that gives a cell away may run through several relations). True when one was."""
        relations = self.cells.relations
        seen_cells = {cell}
        frontier = [cell]
        seen_relations: set[int] = set()
        while frontier:
            candidates: set[int] = set()
            reached: list[int] = []
            for current in frontier:
                for relation in self.member_of[current] + self.total_of[current]:
                    if relation in seen_relations:
                        continue
                    seen_relations.add(relation)
                    total, members = relations[relation]
                    reached.extend((total, *members))
                reached.extend(self.ordered_with[current])
            next_frontier = []
            for other in reached:
                if other in seen_cells:
                    continue
                seen_cells.add(other)
                if self.hidden[other]:
                    next_frontier.append(other)
                elif self.values[other]:
                    candidates.add(other)
            if candidates:
                self.hide(min(candidates, key=lambda c: (self.values[c], c)))
                return True
            frontier = next_frontier
        return False

    # -- step 5 ------------------------------------------------------------------------------

    def bounds(self) -> tuple[list[float], list[float]]:
        """Least and greatest value a reader can give each cell, by propagating the
        relations and orders from the visible cells until nothing moves (a sound, not
        complete, reading: it finds what chains of sums and "at most" give)."""
        values, hidden = self.values, self.hidden
        low: list[float] = [
            self.lower_bound(c) if h else v
            for c, (v, h) in enumerate(zip(values, hidden, strict=True))
        ]
        high: list[float] = [math.inf if h else v for v, h in zip(values, hidden, strict=True)]
        relations = [
            (t, ms) for t, ms in self.cells.relations if hidden[t] or any(hidden[m] for m in ms)
        ]
        orders = [(a, b) for a, b in self.cells.orders if hidden[a] or hidden[b]]
        for _sweep in range(_MAX_SWEEPS):
            moved = False
            for total, members in relations:
                low_sum = sum(low[m] for m in members)
                # Sums of upper bounds with infinite terms kept apart (inf - inf is nan).
                unbounded = sum(1 for m in members if high[m] == math.inf)
                bounded = sum(high[m] for m in members if high[m] != math.inf)
                high_sum = math.inf if unbounded else bounded
                if low_sum > low[total]:
                    low[total], moved = low_sum, True
                if high_sum < high[total]:
                    high[total], moved = high_sum, True
                for m in members:
                    mine = high[m] == math.inf
                    others = math.inf if unbounded - mine else bounded - (0 if mine else high[m])
                    floor = low[total] - others
                    ceiling = high[total] - (low_sum - low[m])
                    if floor > low[m]:
                        low[m], moved = floor, True
                    if ceiling < high[m]:
                        high[m], moved = ceiling, True
            for a, b in orders:
                if low[a] > low[b]:
                    low[b], moved = low[a], True
                if high[b] < high[a]:
                    high[a], moved = high[b], True
            if not moved:
                break
        return low, high

    def _bounds_audit(self) -> bool:
        """Hide one more cell for a hidden count the bounds pin to one value."""
        low, high = self.bounds()
        for cell, hidden in enumerate(self.hidden):
            if not hidden or low[cell] < high[cell] or self.values[cell] == 0:
                continue
            if self.cells.protected[cell] and self._widen(cell):
                return True
        return False

    def _groups(self) -> list[list[int]]:
        """Relations holding a hidden cell, grouped by the hidden cells they share."""
        parent = list(range(len(self.cells.relations)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        holding = []
        for index, (total, members) in enumerate(self.cells.relations):
            cells = [c for c in (total, *members) if self.hidden[c]]
            if not cells:
                continue
            holding.append(index)
            for cell in cells:
                for other in self.member_of[cell] + self.total_of[cell]:
                    parent[find(other)] = find(index)
        groups: dict[int, list[int]] = {}
        for index in holding:
            groups.setdefault(find(index), []).append(index)
        return list(groups.values())


def _determined(
    relations: Sequence[tuple[int, tuple[int, ...]]], group: Sequence[int], hidden: Sequence[bool]
) -> list[int]:
    """Hidden cells that the relations of ``group`` give exactly, whatever the bounds.

    Each relation is a row ``total - sum(members) = 0`` over the hidden cells (visible ones
    move to the right-hand side, which does not matter here). A cell is given exactly when
    its unit vector lies in the rows' span: in reduced row echelon form, a pivot row with no
    other non-zero entry.
    """
    columns: dict[int, int] = {}
    rows: list[dict[int, Fraction]] = []
    for index in group:
        total, members = relations[index]
        row: dict[int, Fraction] = {}
        for cell, sign in ((total, 1), *((m, -1) for m in members)):
            if hidden[cell]:
                columns.setdefault(cell, len(columns))
                row[cell] = row.get(cell, Fraction(0)) + sign
        row = {c: v for c, v in row.items() if v}
        if row:
            rows.append(row)
    pivots: dict[int, dict[int, Fraction]] = {}
    for row in rows:
        row = dict(row)
        for pivot, pivot_row in pivots.items():
            factor = row.get(pivot)
            if factor:
                for cell, value in pivot_row.items():
                    updated = row.get(cell, Fraction(0)) - factor * value
                    if updated:
                        row[cell] = updated
                    else:
                        row.pop(cell, None)
        if not row:
            continue
        pivot = min(row, key=columns.__getitem__)
        scale = row[pivot]
        row = {cell: value / scale for cell, value in row.items()}
        for other in pivots.values():
            factor = other.get(pivot)
            if factor:
                for cell, value in row.items():
                    updated = other.get(cell, Fraction(0)) - factor * value
                    if updated:
                        other[cell] = updated
                    else:
                        other.pop(cell, None)
        pivots[pivot] = row
    return sorted(pivot for pivot, row in pivots.items() if len(row) == 1)
