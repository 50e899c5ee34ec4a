"""Agreement between coders, checked against published worked examples, then on the shapes a
round of double coding gives (presence and absence per code, missing answers, codes nobody
used)."""

from __future__ import annotations

import math

import pytest

from vivier.qualitative import agreement as ag
from vivier.qualitative.agreement import Band, Undefined

N = None


def expand(table: list[list[int]]) -> tuple[list[int], list[int]]:
    """The two coders' answers behind a contingency table (rows: first coder, columns:
    second), one unit per count."""
    first: list[int] = []
    second: list[int] = []
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            first += [i] * count
            second += [j] * count
    return first, second


# -- Published worked examples -----------------------------------------------------------------

#: Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
#: Communication, University of Pennsylvania, section C ("nominal data, any number of
#: observers, missing data"): 4 observers, 12 units, values 1 to 5; α = 0.743. Unit 12 has a
#: single value and cannot be paired: 11 of 12 units are used.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]


def test_krippendorff_alpha_of_the_2011_nominal_example():
    found = ag.krippendorff_alpha(KRIPPENDORFF_2011)
    assert round(found.value, 3) == 0.743
    assert (found.n_used, found.n_total, found.reason) == (11, 12, None)


def test_gwet_ac1_of_the_same_data_as_the_handbook_gives_it():
    """Gwet, K. L. (2014). Handbook of Inter-Rater Reliability, 4th ed., Advanced Analytics,
    p. 120: the same 4 raters and 12 subjects; p_a = 0.8182, p_e = 0.1903, AC1 = 0.7754
    (the figures of Gwet's own R package irrCAC, ``gwet.ac1.raw(cac.raw4raters)``)."""
    found = ag.gwet_ac1(KRIPPENDORFF_2011, categories=None)
    assert round(found.value, 4) == 0.7754
    assert round(ag.percent_agreement(KRIPPENDORFF_2011).value, 4) == 0.8182
    # p_e from AC1 = (p_a − p_e) / (1 − p_e).
    pa = 9 / 11
    pe = (pa - found.value) / (1 - found.value)
    assert round(pe, 4) == 0.1903


def test_gwet_ac1_of_two_abstractors():
    """Gwet (2014), Handbook, the 100 pregnant women classified by two abstractors (ectopic,
    abnormal intrauterine, normal intrauterine pregnancy): AC1 = 0.849."""
    first, second = expand([[13, 0, 0], [0, 20, 7], [0, 4, 56]])
    found = ag.gwet_ac1([first, second], categories=None)
    assert round(found.value, 3) == 0.849
    assert found.n_used == 100


def test_cohen_kappa_of_cohen_1960():
    """Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
    Psychological Measurement, 20, 37–46, Table 1: 200 subjects, three categories, observed
    agreement .70, chance agreement .41, κ = .492."""
    first, second = expand([[88, 14, 18], [10, 40, 10], [2, 6, 12]])
    found = ag.cohen_kappa(first, second)
    assert round(found.value, 3) == 0.492
    assert round(ag.percent_agreement([first, second]).value, 2) == 0.70
    assert (found.n_used, found.n_total) == (200, 200)


def test_ac1_stays_near_the_agreement_when_a_code_is_rare():
    """The paradox AC1 answers (INCEpTION #6155): two coders agree on 96 of 100 texts, a
    code they almost never put; κ falls near zero, AC1 stays near the agreement."""
    first, second = expand([[94, 2], [2, 2]])
    first = [bool(a) for a in first]
    second = [bool(b) for b in second]
    kappa = ag.cohen_kappa(first, second).value
    ac1 = ag.gwet_ac1([first, second]).value
    assert ag.percent_agreement([first, second]).value == 0.96
    assert kappa < 0.5 < 0.9 < ac1


# -- Missing answers and undefined measures ----------------------------------------------------


def test_kappa_uses_only_the_units_both_coders_answered():
    first = [True, False, True, N, True]
    second = [True, False, False, True, N]
    found = ag.cohen_kappa(first, second)
    assert (found.n_used, found.n_total) == (3, 5)
    assert found.value == pytest.approx(ag.cohen_kappa(first[:3], second[:3]).value)


@pytest.mark.parametrize(
    ("matrix", "reason"),
    [
        ([[False, False, False], [False, False, False]], Undefined.UNUSED),
        ([[True, True, N], [True, True, True]], Undefined.ONE_CATEGORY),
        ([[True, N, N], [N, False, N]], Undefined.NO_UNITS),
        ([[0, 0], [0, 0]], Undefined.ONE_CATEGORY),
        ([[], []], Undefined.NO_UNITS),
    ],
)
def test_an_undefined_measure_is_none_with_its_reason(matrix, reason):
    for found in (
        ag.krippendorff_alpha(matrix),
        ag.gwet_ac1(matrix),
        ag.cohen_kappa(matrix[0], matrix[1]),
    ):
        assert found.value is None and found.reason is reason


def test_percent_agreement_is_defined_for_a_single_category():
    found = ag.percent_agreement([[False, False, N], [False, False, True]])
    assert (found.value, found.n_used, found.n_total) == (1.0, 2, 3)


def test_coders_who_each_gave_one_different_answer_agree_no_better_than_chance():
    # p_o = 0 and p_e = 1 × 0 + 0 × 1 = 0: κ is defined, and 0.
    found = ag.cohen_kappa([True, True], [False, False])
    assert (found.value, found.reason) == (0.0, None)


# -- Bands -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alpha", "expected"),
    [
        (1.0, Band.RELIABLE),
        (0.80, Band.RELIABLE),
        (0.7999, Band.TENTATIVE),
        (0.667, Band.TENTATIVE),
        (0.6669, Band.REVISE),
        (-0.2, Band.REVISE),
        (None, None),
    ],
)
def test_bands(alpha, expected):
    assert ag.band(alpha) is expected


# -- Per code, per unit, overall ---------------------------------------------------------------

#: Three texts, two codes ("a" for every text, "b" meant for t1 and t2 only), two people who
#: coded t1 and t2, ana who also coded t3, and a model coder.
APPLICABLE = {"t1": ["a", "b"], "t2": ["a", "b"], "t3": ["a"]}
CODED = {
    "t1": {"ana": {"a"}, "bob": {"a", "b"}, "model": {"a"}},
    "t2": {"ana": set(), "bob": set(), "model": {"b"}},
    "t3": {"ana": {"a"}, "model": set()},
}


def test_presence_turns_what_coders_put_into_answers():
    ratings = ag.presence(APPLICABLE, CODED)
    assert ratings["a"]["t1"] == {"ana": True, "bob": True, "model": True}
    assert ratings["b"]["t2"] == {"ana": False, "bob": False, "model": True}
    # bob did not code t3: missing, not absent; "b" is not meant for t3.
    assert ratings["a"]["t3"] == {"ana": True, "model": False}
    assert "t3" not in ratings["b"]


def test_per_code_counts_units_used_out_of_units():
    ratings = ag.presence(APPLICABLE, CODED)
    found = ag.per_code(ratings, ["ana", "bob"])
    assert (found["a"].n_used, found["a"].n_total) == (2, 3)
    assert found["a"].percent.value == 1.0
    # Present on t1 for both, absent on t2 for both.
    assert (found["a"].alpha.value, found["a"].band) == (1.0, Band.RELIABLE)
    assert found["b"].percent.value == 0.5
    assert found["b"].alpha.value is not None


def test_a_model_coder_is_in_the_pairs_but_not_in_alpha():
    ratings = ag.presence(APPLICABLE, CODED)
    found = ag.overall(ratings, ["ana", "bob"], compare=["model"])
    assert [(p.first, p.second) for p in found.pairs] == [
        ("ana", "bob"),
        ("model", "ana"),
        ("model", "bob"),
    ]
    alone = ag.overall(ratings, ["ana", "bob"])
    assert found.alpha == alone.alpha and found.ac1 == alone.ac1
    model_ana = found.pairs[1]
    # model and ana both answered every (text, code): t1a, t1b, t2a, t2b, t3a.
    assert (model_ana.kappa.n_used, model_ana.kappa.n_total) == (5, 5)
    assert model_ana.percent.value == pytest.approx(3 / 5)


def test_overall_can_keep_some_units_only():
    ratings = ag.presence(APPLICABLE, CODED)
    found = ag.overall(ratings, ["ana", "bob"], only=["t1"])
    assert (found.n_used, found.n_total) == (2, 2)
    assert found.percent.value == 0.5


def test_per_unit_takes_the_codes_as_items():
    ratings = ag.presence(APPLICABLE, CODED)
    found = ag.per_unit(ratings, ["ana", "bob"])
    assert (found["t1"].n_used, found["t1"].n_total) == (2, 2)
    assert found["t3"].n_used == 0 and found["t3"].alpha.reason is Undefined.NO_UNITS


def test_the_report_of_every_measure_is_json_ready():
    ratings = ag.presence(APPLICABLE, CODED)
    found = ag.overall(ratings, ["ana", "bob"]).as_dict()
    assert found["coders"] == ["ana", "bob"] and found["n_total"] == 5
    assert set(found) >= {"percent", "alpha", "ac1", "band", "pairs"}
    assert found["pairs"][0]["kappa"]["n_used"] == 4
    for measure in ("percent", "alpha", "ac1"):
        value = found[measure]["value"]
        assert value is None or math.isfinite(value)
