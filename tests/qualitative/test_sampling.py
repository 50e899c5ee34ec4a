"""Who codes what in a round: the overlap goes to every coder, the rest is shared evenly, and
the same seed draws the same assignments."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vivier.qualitative.sampling import assign, shared_count

#: Properties, not timings: a loaded machine must not fail them (no deadline, no speed check).
steady = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def rounds(draw):
    units = list(range(draw(st.integers(1, 60))))
    coders = [f"c{i}" for i in range(draw(st.integers(2, 5)))]
    size = draw(st.integers(1, len(units)))
    overlap = draw(st.integers(0, 100))
    seed = draw(st.integers(0, 2**31 - 1))
    return units, coders, size, overlap, seed


@steady
@given(rounds())
def test_every_unit_of_the_overlap_has_every_coder(case):
    units, coders, size, overlap, seed = case
    found = assign(units, coders, sample_size=size, overlap=overlap, seed=seed)
    assert len(found.shared) == shared_count(size, overlap)
    for coder in coders:
        assert set(found.shared) <= set(found.units_of(coder))
    # The rest goes to one coder each.
    owners = [unit for coder in coders for unit in found.own[coder]]
    assert len(owners) == len(set(owners)) == size - len(found.shared)
    assert not set(owners) & set(found.shared)


@steady
@given(rounds())
def test_the_load_is_balanced(case):
    units, coders, size, overlap, seed = case
    found = assign(units, coders, sample_size=size, overlap=overlap, seed=seed)
    loads = [len(found.units_of(coder)) for coder in coders]
    assert max(loads) - min(loads) <= 1


@steady
@given(rounds())
def test_the_sample_is_drawn_from_the_units_without_repeats(case):
    units, coders, size, overlap, seed = case
    found = assign(units, coders, sample_size=size, overlap=overlap, seed=seed)
    assert len(found.sample) == len(set(found.sample)) == size
    assert set(found.sample) <= set(units)
    assert len(found.pairs()) == sum(len(found.units_of(c)) for c in coders)


@steady
@given(rounds())
def test_the_same_seed_draws_the_same_assignments(case):
    units, coders, size, overlap, seed = case
    first = assign(units, coders, sample_size=size, overlap=overlap, seed=seed)
    again = assign(list(units), list(coders), sample_size=size, overlap=overlap, seed=seed)
    assert first == again


def test_another_seed_draws_another_sample():
    units = list(range(1000))
    first = assign(units, ["a", "b"], sample_size=50, overlap=20, seed=1)
    other = assign(units, ["a", "b"], sample_size=50, overlap=20, seed=2)
    assert set(first.sample) != set(other.sample)


def test_a_small_overlap_is_rounded_up_to_one_unit_at_least():
    assert shared_count(10, 1) == 1
    assert shared_count(200, 15) == 30
    assert shared_count(7, 100) == 7
    assert shared_count(7, 0) == 0


@pytest.mark.parametrize(
    ("coders", "size", "overlap"),
    [
        (["a"], 2, 100),
        (["a", "a"], 2, 100),
        (["a", "b"], 11, 100),
        (["a", "b"], 0, 100),
        (["a", "b"], 2, 101),
    ],
)
def test_impossible_rounds_are_refused(coders, size, overlap):
    with pytest.raises(ValueError):
        assign(list(range(10)), coders, sample_size=size, overlap=overlap, seed=0)
