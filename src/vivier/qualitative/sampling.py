"""Which texts each coder of a round codes: a sample, part of it coded by everyone.

A round of double coding draws ``sample_size`` units at random; the **overlap** (a share of
the sample, at least one unit when the share is not zero) goes to every coder, so agreement
can be measured on it; the rest is dealt out one by one, so that no coder has more than one
unit more than another. The draw depends only on the units, the coders and the seed: the
round keeps its seed, and the same call gives the same assignments again (Doccano's
"sampling without replacement" with a controlled overlap, made reproducible).

Pure core: no Django.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Assignments:
    """The units every coder codes (``shared``) and those only one coder codes (``own``)."""

    shared: tuple[Hashable, ...]
    own: dict[Hashable, tuple[Hashable, ...]]

    def units_of(self, coder: Hashable) -> tuple[Hashable, ...]:
        return self.shared + self.own[coder]

    def pairs(self) -> list[tuple[Hashable, Hashable]]:
        """(unit, coder) for every unit each coder is given."""
        return [(unit, coder) for coder in self.own for unit in self.units_of(coder)]

    @property
    def sample(self) -> tuple[Hashable, ...]:
        return self.shared + tuple(unit for units in self.own.values() for unit in units)


def shared_count(sample_size: int, overlap: int) -> int:
    """How many units of the sample every coder codes: ``overlap`` percent, rounded up so
    that a small overlap still leaves something to measure agreement on."""
    return min(sample_size, math.ceil(sample_size * overlap / 100))


def assign(
    units: Sequence[Hashable],
    coders: Sequence[Hashable],
    *,
    sample_size: int,
    overlap: int,
    seed: int,
) -> Assignments:
    """Draws ``sample_size`` of ``units`` and gives them to ``coders`` (see the module).

    The order of ``units`` and ``coders`` is part of the input: pass them sorted (by their
    keys) for a draw that does not depend on the order a query returned them in.
    """
    if len(set(coders)) != len(coders) or len(coders) < 2:
        raise ValueError("a round needs two distinct coders or more")
    if not 0 <= overlap <= 100:
        raise ValueError(f"overlap is a percentage (0 to 100), not {overlap}")
    if not 0 < sample_size <= len(units):
        raise ValueError(f"cannot draw {sample_size} units out of {len(units)}")
    draw = random.Random(seed)
    sample = draw.sample(list(units), sample_size)
    count = shared_count(sample_size, overlap)
    shared, rest = sample[:count], sample[count:]
    # Who receives the first of the rest is drawn too, so that the one extra unit an uneven
    # split leaves does not always go to the first coder named.
    order = list(coders)
    draw.shuffle(order)
    own: dict[Hashable, list[Hashable]] = {coder: [] for coder in coders}
    for i, unit in enumerate(rest):
        own[order[i % len(order)]].append(unit)
    return Assignments(tuple(shared), {coder: tuple(own[coder]) for coder in coders})


__all__ = ["Assignments", "assign", "shared_count"]
