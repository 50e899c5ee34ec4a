"""How far coders agree: Cohen's κ per pair, Krippendorff's α, Gwet's AC1 and percent
agreement, always with the number of units used out of the units there were.

A round of double coding gives, for each code, each unit (a text) and each coder, one
answer: the code is **present**, **absent**, or the answer is **missing** (the coder did not
code that unit). Agreement is computed per code (presence or absence per unit), per unit
(its codes are the items) and overall (every pair of a unit and a code), as INCEpTION and
Argilla do, and as the 2020 working group could not with its spreadsheet.

- Cohen's κ compares two coders on the units both coded (scikit-learn's
  ``cohen_kappa_score``);
- Krippendorff's α (nominal) takes every coder at once and tolerates missing answers
  (the ``krippendorff`` package);
- Gwet's AC1 is written here (no well-kept package is installable beside the current
  SciPy): when nearly every answer is "absent", κ and α fall towards zero although the
  coders agreed on almost everything (INCEpTION #6155); AC1 stays close to the agreement;
- percent agreement is the share of agreeing pairs of answers, unit by unit.

A coefficient that the data cannot define (no unit coded by two coders, a single answer
given throughout) is ``None`` with a reason, never NaN and never an exception: the report
says why instead of printing a number that means nothing.

The bands read α as Krippendorff (2004) and Argilla do: 0.80 and above, reliable; from 0.667,
tentative; below, the codebook needs revising. The shell translates the band's key.

Pure core: no Django.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

#: An answer: a category (``True``/``False`` for presence and absence), ``None`` if missing.
Answer = Hashable | None
#: Unit -> coder -> answer; a coder absent from a unit's mapping did not code it.
Units = Mapping[Hashable, Mapping[Hashable, Answer]]
#: Code -> unit -> coder -> ``True`` (present), ``False`` (absent) or ``None`` (missing).
Ratings = Mapping[Hashable, Mapping[Hashable, Mapping[Hashable, bool | None]]]

PRESENCE = (False, True)

#: α from which the coding is read as reliable, and from which it is tentative.
RELIABLE_FROM = 0.80
TENTATIVE_FROM = 0.667


class Band(StrEnum):
    RELIABLE = "reliable"
    TENTATIVE = "tentative"
    REVISE = "revise_codebook"


class Undefined(StrEnum):
    """Why a coefficient has no value."""

    #: No unit was coded by two coders (or by both coders of the pair).
    NO_UNITS = "no_units"
    #: Every answer was the same category: chance alone explains the agreement.
    ONE_CATEGORY = "one_category"
    #: Every answer was "absent": nobody put the code on any unit they both coded.
    UNUSED = "unused"


@dataclass(frozen=True, slots=True)
class Coefficient:
    """One measure: its value (``None`` when undefined, with ``reason``) and its n."""

    value: float | None
    #: Units the measure could use (coded by two coders at least, or by both of a pair).
    n_used: int
    #: Units there were.
    n_total: int
    reason: Undefined | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "n_used": self.n_used,
            "n_total": self.n_total,
            "reason": None if self.reason is None else str(self.reason),
        }


@dataclass(frozen=True, slots=True)
class Pair:
    """Two coders compared on the units both coded."""

    first: Hashable
    second: Hashable
    kappa: Coefficient
    percent: Coefficient

    def as_dict(self) -> dict[str, Any]:
        return {
            "coders": [str(self.first), str(self.second)],
            "kappa": self.kappa.as_dict(),
            "percent": self.percent.as_dict(),
        }


@dataclass(frozen=True, slots=True)
class Agreement:
    """Every measure for one set of units: one code, one unit, a kind of source, or all."""

    coders: tuple[Hashable, ...]
    n_total: int
    n_used: int
    percent: Coefficient
    alpha: Coefficient
    ac1: Coefficient
    pairs: tuple[Pair, ...]
    band: Band | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "coders": [str(c) for c in self.coders],
            "n_total": self.n_total,
            "n_used": self.n_used,
            "percent": self.percent.as_dict(),
            "alpha": self.alpha.as_dict(),
            "ac1": self.ac1.as_dict(),
            "band": None if self.band is None else str(self.band),
            "pairs": [pair.as_dict() for pair in self.pairs],
        }


def band(alpha: float | None) -> Band | None:
    """How to read α: reliable, tentative, or revise the codebook (``None`` if undefined)."""
    if alpha is None:
        return None
    if alpha >= RELIABLE_FROM:
        return Band.RELIABLE
    if alpha >= TENTATIVE_FROM:
        return Band.TENTATIVE
    return Band.REVISE


# -- The coefficients, on a reliability matrix ------------------------------------------------
#
# A matrix has one row per coder and one column per unit; ``None`` where a coder gave no
# answer. Every function below returns a Coefficient whose n_total is the number of columns.


def _pairable(matrix: Sequence[Sequence[Answer]]) -> list[list[Hashable]]:
    """The answers of each unit that at least two coders answered (the others cannot agree
    or disagree with anyone)."""
    columns = zip(*matrix, strict=True) if matrix else iter(())
    found = []
    for column in columns:
        given = [answer for answer in column if answer is not None]
        if len(given) >= 2:
            found.append(given)
    return found


def _degenerate(units: list[list[Hashable]]) -> Undefined | None:
    if not units:
        return Undefined.NO_UNITS
    seen = {answer for unit in units for answer in unit}
    if len(seen) > 1:
        return None
    # ``is``: 0 equals False, but a category 0 is not a code left unused.
    if all(answer is False for unit in units for answer in unit):
        return Undefined.UNUSED
    return Undefined.ONE_CATEGORY


def _width(matrix: Sequence[Sequence[Answer]]) -> int:
    return len(matrix[0]) if matrix else 0


def percent_agreement(matrix: Sequence[Sequence[Answer]]) -> Coefficient:
    """The share of agreeing pairs of answers, averaged over the units two coders answered
    (for two coders: the share of their common units where they gave the same answer)."""
    units = _pairable(matrix)
    total = _width(matrix)
    if not units:
        return Coefficient(None, 0, total, Undefined.NO_UNITS)
    return Coefficient(_observed(units), len(units), total)


def _observed(units: list[list[Hashable]]) -> float:
    """Gwet's p_a: Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1)), averaged over the units."""
    share = 0.0
    for unit in units:
        r = len(unit)
        share += sum(n * (n - 1) for n in Counter(unit).values()) / (r * (r - 1))
    return share / len(units)


def cohen_kappa(first: Sequence[Answer], second: Sequence[Answer]) -> Coefficient:
    """Cohen's κ (1960) of two coders on the units both answered (scikit-learn)."""
    both = [(a, b) for a, b in zip(first, second, strict=True) if a is not None and b is not None]
    total = len(first)
    reason = _degenerate([[a, b] for a, b in both])
    if reason is not None:
        return Coefficient(None, len(both), total, reason)
    # Imported here: scikit-learn takes seconds to import, and only this needs it.
    from sklearn.metrics import cohen_kappa_score

    labels = sorted({answer for pair in both for answer in pair}, key=repr)
    index = {label: i for i, label in enumerate(labels)}
    value = float(cohen_kappa_score([index[a] for a, _ in both], [index[b] for _, b in both]))
    if not math.isfinite(value):  # p_e = 1; excluded above, kept as a guard against NaN
        return Coefficient(None, len(both), total, Undefined.ONE_CATEGORY)
    return Coefficient(value, len(both), total)


def krippendorff_alpha(matrix: Sequence[Sequence[Answer]]) -> Coefficient:
    """Krippendorff's α for nominal data, any number of coders, missing answers allowed
    (Krippendorff 2011, "Computing Krippendorff's alpha-reliability"), by the ``krippendorff``
    package on the pairable units."""
    units = _pairable(matrix)
    total = _width(matrix)
    reason = _degenerate(units)
    if reason is not None:
        return Coefficient(None, len(units), total, reason)
    import krippendorff
    import numpy as np

    labels = sorted({answer for unit in units for answer in unit}, key=repr)
    index = {label: float(i) for i, label in enumerate(labels)}
    columns = list(zip(*matrix, strict=True))
    kept = [c for c in columns if sum(a is not None for a in c) >= 2]
    data = np.array(
        [[np.nan if a is None else index[a] for a in column] for column in kept], dtype=float
    ).T
    value = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    if not math.isfinite(value):
        return Coefficient(None, len(units), total, Undefined.ONE_CATEGORY)
    return Coefficient(value, len(units), total)


def gwet_ac1(
    matrix: Sequence[Sequence[Answer]], categories: Iterable[Hashable] | None = None
) -> Coefficient:
    """Gwet's AC1 for any number of coders with missing answers.

    Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the presence
    of high agreement. *British Journal of Mathematical and Statistical Psychology*, 61,
    29–48; in the form for missing ratings of Gwet (2014), *Handbook of Inter-Rater
    Reliability*, 4th ed., chapter 2:

    - p_a = (1/n′) Σ_i Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1)) over the n′ units answered by
      two coders or more (r_i answers, r_ik of them in category k);
    - π_k = (1/n) Σ_i r_ik / r_i over the n units answered at least once;
    - p_e = 1/(Q − 1) Σ_k π_k (1 − π_k), Q the number of categories;
    - AC1 = (p_a − p_e) / (1 − p_e).

    ``categories``: the categories of the scheme (Q counts them), by default those answered.
    """
    units = _pairable(matrix)
    total = _width(matrix)
    reason = _degenerate(units)
    if reason is not None:
        return Coefficient(None, len(units), total, reason)
    answered = [
        [a for a in column if a is not None]
        for column in zip(*matrix, strict=True)
        if any(a is not None for a in column)
    ]
    known = set(categories) if categories is not None else set()
    known |= {a for unit in answered for a in unit}
    shares: dict[Hashable, float] = dict.fromkeys(known, 0.0)
    for unit in answered:
        for category, count in Counter(unit).items():
            shares[category] += count / len(unit)
    expected = sum((shares[k] / len(answered)) * (1 - shares[k] / len(answered)) for k in known) / (
        len(known) - 1
    )
    observed = _observed(units)
    return Coefficient((observed - expected) / (1 - expected), len(units), total)


# -- Agreement of a set of units --------------------------------------------------------------


def agree(
    units: Units,
    coders: Sequence[Hashable],
    *,
    compare: Sequence[Hashable] = (),
    categories: Iterable[Hashable] | None = PRESENCE,
    pairs: bool = True,
) -> Agreement:
    """Every measure over ``units`` for ``coders``, and κ for each pair of them.

    ``compare``: other coders (a model's suggestions) set beside each of ``coders`` in the
    pairs, but left out of α, AC1 and percent agreement, which measure the people.
    ``pairs``: False leaves the pairs out (see :func:`per_unit`).
    """
    keys = list(units)
    matrix = [[units[u].get(coder) for u in keys] for coder in coders]
    alpha = krippendorff_alpha(matrix)
    compared: list[Pair] = []
    if pairs:
        compared = [
            _pair(units, keys, first, second) for first, second in itertools.combinations(coders, 2)
        ]
        compared += [_pair(units, keys, other, coder) for other in compare for coder in coders]
    percent = percent_agreement(matrix)
    return Agreement(
        coders=tuple(coders),
        n_total=len(keys),
        n_used=percent.n_used,
        percent=percent,
        alpha=alpha,
        ac1=gwet_ac1(matrix, categories),
        pairs=tuple(compared),
        band=band(alpha.value),
    )


def _pair(units: Units, keys: list[Hashable], first: Hashable, second: Hashable) -> Pair:
    a = [units[u].get(first) for u in keys]
    b = [units[u].get(second) for u in keys]
    return Pair(first, second, cohen_kappa(a, b), percent_agreement([a, b]))


def per_code(
    ratings: Ratings, coders: Sequence[Hashable], *, compare: Sequence[Hashable] = ()
) -> dict[Hashable, Agreement]:
    """For each code, presence or absence on each unit."""
    return {code: agree(units, coders, compare=compare) for code, units in ratings.items()}


def per_unit(
    ratings: Ratings, coders: Sequence[Hashable], *, pairs: bool = False
) -> dict[Hashable, Agreement]:
    """For each unit (a text), its codes as the items coded.

    Without κ per pair unless ``pairs``: scikit-learn spends milliseconds checking its input
    on every call, which for a round of 200 texts made most of the report's time, for a
    figure per text over a dozen codes that says little the per-code κ does not."""
    by_unit: dict[Hashable, dict[Hashable, Mapping[Hashable, bool | None]]] = {}
    for code, units in ratings.items():
        for unit, answers in units.items():
            by_unit.setdefault(unit, {})[code] = answers
    return {unit: agree(codes, coders, pairs=pairs) for unit, codes in by_unit.items()}


def overall(
    ratings: Ratings,
    coders: Sequence[Hashable],
    *,
    compare: Sequence[Hashable] = (),
    only: Iterable[Hashable] | None = None,
) -> Agreement:
    """Every (unit, code) pair as one item; ``only``: keep these units (a kind of source)."""
    kept = None if only is None else set(only)
    items: dict[Hashable, Mapping[Hashable, bool | None]] = {}
    for code, units in ratings.items():
        for unit, answers in units.items():
            if kept is None or unit in kept:
                items[(unit, code)] = answers
    return agree(items, coders, compare=compare)


def presence(
    applicable: Mapping[Hashable, Iterable[Hashable]],
    coded: Mapping[Hashable, Mapping[Hashable, Iterable[Hashable]]],
) -> dict[Hashable, dict[Hashable, dict[Hashable, bool]]]:
    """Ratings from what each coder put on each unit.

    ``applicable``: unit -> the codes that may apply to it (a code meant for another
    question is neither present nor absent there). ``coded``: unit -> coder -> the codes the
    coder put on it, for every coder who coded the unit (nothing: every code absent); a coder
    missing from a unit's mapping did not code it, and their answers are missing.
    """
    ratings: dict[Hashable, dict[Hashable, dict[Hashable, bool]]] = {}
    for unit, codes in applicable.items():
        by_coder = {coder: set(put) for coder, put in coded.get(unit, {}).items()}
        for code in codes:
            ratings.setdefault(code, {})[unit] = {
                coder: code in put for coder, put in by_coder.items()
            }
    return ratings


__all__ = [
    "PRESENCE",
    "RELIABLE_FROM",
    "TENTATIVE_FROM",
    "Agreement",
    "Band",
    "Coefficient",
    "Pair",
    "Undefined",
    "agree",
    "band",
    "cohen_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
    "overall",
    "per_code",
    "per_unit",
    "percent_agreement",
    "presence",
]
