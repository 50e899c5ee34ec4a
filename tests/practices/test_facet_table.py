"""The catalogue's in-memory facet table counts as a visitor reads the facets: OR within a
facet, AND across facets, each facet counted on the other facets' choices."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vivier.practices.facet_table import FacetTable, Row

GROUPS = (("theme", "stage"), ("departement",), ("annee",))
VALUES = {
    "theme": ["aller_vers", "pair_aidance", "conferences_familiales"],
    "stage": ["emergence", "essaimage"],
    "departement": ["33", "64", "69", "75"],
    "annee": ["2013", "2016", "2018"],
}
MULTI = {"theme", "departement"}


def facets_of(draw_values):
    return st.fixed_dictionaries(
        {
            name: (
                st.lists(st.sampled_from(values), unique=True, max_size=3).map(tuple)
                if name in MULTI
                else st.lists(st.sampled_from(values), max_size=1).map(tuple)
            )
            for name, values in draw_values.items()
        }
    )


sheets = st.lists(facets_of(VALUES), max_size=25)
choices = st.fixed_dictionaries(
    {
        name: st.lists(st.sampled_from([*values, "inconnue"]), unique=True, max_size=2)
        for name, values in VALUES.items()
    }
)


def table_of(facets: list[dict[str, tuple[str, ...]]]) -> FacetTable:
    rows = [
        Row(id=i + 1, facets=f, positions={"titre": len(facets) - i}) for i, f in enumerate(facets)
    ]
    return FacetTable(rows, GROUPS)


def naive(facets, chosen, among):
    """What the facets should show, counted sheet by sheet."""

    def passes(f, skip=""):
        return all(
            set(values) & set(f[name]) for name, values in chosen.items() if values and name != skip
        )

    kept = [i + 1 for i, f in enumerate(facets) if i + 1 in among and passes(f)]
    counts: dict[str, dict[str, int]] = {name: {} for name in VALUES}
    for i, f in enumerate(facets):
        if i + 1 not in among:
            continue
        for name in VALUES:
            if passes(f, skip=name):
                for value in f[name]:
                    counts[name][value] = counts[name].get(value, 0) + 1
    return kept, counts


@settings(max_examples=300, deadline=None)
@given(sheets, choices, st.sets(st.integers(1, 30)))
def test_counts_match_a_count_sheet_by_sheet(facets, chosen, matched):
    table = table_of(facets)
    counted = table.count(matched, chosen)
    kept, counts = naive(facets, chosen, matched)
    assert sorted(counted.ids) == kept
    assert counted.total == len(kept)
    assert counted.counts == counts


def test_every_sheet_when_no_search_and_the_page_in_the_sort_order():
    facets = [
        {"theme": ("aller_vers",), "stage": (), "departement": ("33",), "annee": ("2013",)},
        {"theme": ("pair_aidance",), "stage": (), "departement": ("33",), "annee": ()},
        {"theme": ("aller_vers",), "stage": ("emergence",), "departement": (), "annee": ()},
    ]
    table = table_of(facets)
    counted = table.count(None, {"theme": ["aller_vers"]})
    assert counted.total == 2
    # The theme is counted without its own choice; the département on it.
    assert counted.counts["theme"] == {"aller_vers": 2, "pair_aidance": 1}
    assert counted.counts["departement"] == {"33": 1}
    # Positions say the order ("titre": sheet 3 first), the page cuts it.
    assert table.page(counted.ids, "titre", 0, 10) == [3, 1]
    assert table.page(counted.ids, "titre", 1, 10) == [1]
    # A sheet the table does not hold (a draft the search found) is not counted.
    assert table.count([1, 99], {}).ids == [1]
