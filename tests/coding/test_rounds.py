"""Rounds of double coding (vivier.coding.rounds): drawing and giving out the sample, what
counts as coded, closing, the blind rule, the agreement report on a small round worked out
by hand, a model coder beside the people, disagreements and adjudication.

``coded_round`` is shared with the action tests, the command's tests and the catalogue's
examples.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from auditlog.models import LogEntry

from tests.coding.test_codings import make_codebook, make_source
from vivier.coding import codings, rounds
from vivier.coding.models import (
    Adjudication,
    Coding,
    CodingRound,
    RoundAssignment,
    SuggestionModel,
)
from vivier.problems import ProblemCode, ProblemError
from vivier.qualitative import sampling
from vivier.qualitative.agreement import Band, Undefined

pytestmark = pytest.mark.django_db


def events(name: str) -> int:
    return LogEntry.objects.filter(additional_data__event=name).count()


def coded_round(campaign, first, second, *, close: bool = True):
    """Four q15 answers coded by ``first`` and ``second``, worked out by hand:

    ====  =================  =================
    text  first              second
    ====  =================  =================
    t1    aller vers         aller vers
    t2    aller vers, part.  aller vers
    t3    (marked done)      (marked done)
    t4    partenariat        (not coded)
    ====  =================  =================

    "Déclencheur" is meant for q24 only: it is no answer on these texts. A q24 answer is left
    out of the round (the round samples q15).
    """
    codes = make_codebook(campaign)
    texts = [make_source(campaign, f"Texte {i}.", "q15", name=f"t{i}") for i in range(1, 5)]
    make_source(campaign, "Un déclencheur.", "q24", name="autre")
    made = rounds.create_round(
        campaign,
        title="Double codage Q15",
        questions=["q15"],
        coders=[first, second],
        sample_size=4,
        overlap=100,
        user=first,
        seed=7,
    )
    t1, t2, t3, t4 = texts
    aller, part = codes["aller_vers"], codes["partenariat"]
    for source, code, person in [
        (t1, aller, first),
        (t1, aller, second),
        (t2, aller, first),
        (t2, part, first),
        (t2, aller, second),
        (t4, part, first),
    ]:
        codings.apply(source, code, user=person)
    for person in (first, second):
        rounds.mark_done(RoundAssignment.objects.get(round=made, source=t3, coder=person))
    if close:
        rounds.close(made, user=first)
    return made, texts, codes


@pytest.fixture
def pair(analyst_axel, analyst_bea):
    return analyst_axel, analyst_bea


# -- Making a round ----------------------------------------------------------------------------


def test_a_round_gives_the_overlap_to_everyone_and_shares_the_rest(campaign, pair):
    sources = [make_source(campaign, f"Texte {i}.") for i in range(10)]
    made = rounds.create_round(
        campaign,
        title="Premier",
        questions=["q15"],
        coders=list(pair),
        sample_size=8,
        overlap=50,
        user=pair[0],
        seed=42,
    )
    assert (made.number, made.status, made.seed, made.questions) == (1, "open", 42, ["q15"])
    given = {
        person.pk: set(
            RoundAssignment.objects.filter(round=made, coder=person).values_list(
                "source_id", flat=True
            )
        )
        for person in pair
    }
    both = given[pair[0].pk] & given[pair[1].pk]
    assert len(both) == 4
    assert [len(units) for units in given.values()] == [6, 6]
    # The draw is the pure one, on the sources in key order, with the round's seed.
    drawn = sampling.assign(
        sorted(s.pk for s in sources),
        sorted(p.pk for p in pair),
        sample_size=8,
        overlap=50,
        seed=42,
    )
    assert set(drawn.shared) == both
    assert events("coding.round-create") == 1


def test_round_numbers_go_up_per_campaign(campaign, pair):
    for _ in range(3):
        make_source(campaign)
    numbers = [
        rounds.create_round(
            campaign,
            title=f"Cycle {i}",
            questions=[],
            coders=list(pair),
            sample_size=2,
            overlap=100,
            user=None,
        ).number
        for i in range(2)
    ]
    assert numbers == [1, 2]
    assert CodingRound.objects.get(number=2).created_by is None


def test_questions_left_empty_sample_every_text(campaign, pair):
    make_source(campaign, question="q15")
    make_source(campaign, kind="note", question="", name="Entretien")
    assert rounds.sources_for(campaign, []).count() == 2
    assert rounds.sources_for(campaign, ["q15"]).count() == 1
    assert rounds.questions_of(campaign) == [("q15", 1)]


def problems_of(campaign, **values):
    arguments = {
        "title": "Refusé",
        "questions": ["q15"],
        "coders": [],
        "sample_size": 1,
        "overlap": 100,
        "user": None,
    } | values
    with pytest.raises(rounds.RoundRefused) as refused:
        rounds.create_round(campaign, **arguments)
    return [(field, found.kind) for field, found in refused.value.problems]


def test_a_round_needs_two_coders_who_may_code(campaign, analyst_axel, carol):
    make_source(campaign)
    assert problems_of(campaign, coders=[analyst_axel, analyst_axel]) == [
        ("coders", ProblemCode.ROUND_TOO_FEW_CODERS)
    ]
    assert problems_of(campaign, coders=[analyst_axel, carol]) == [
        ("coders", ProblemCode.ROUND_CODER_NOT_ALLOWED)
    ]
    assert not CodingRound.objects.exists()


def test_a_sample_larger_than_the_texts_is_refused(campaign, pair):
    make_source(campaign)
    make_source(campaign, question="q16")
    found = problems_of(campaign, coders=list(pair), sample_size=2)
    assert found == [("sample_size", ProblemCode.ROUND_SAMPLE_TOO_LARGE)]
    found = problems_of(campaign, coders=list(pair), sample_size=0, overlap=0)
    assert found == [
        ("overlap", ProblemCode.ROUND_OVERLAP_INVALID),
        ("sample_size", ProblemCode.ROUND_SAMPLE_SIZE_INVALID),
    ]


def test_possible_coders_hold_the_right_to_code(
    analyst_axel, analyst_bea, interviewer_ines, privacy_paul, carol
):
    names = set(rounds.possible_coders().values_list("username", flat=True))
    assert {"analyst_axel", "analyst_bea", "interviewer_ines"} <= names
    assert not {"privacy_paul", "carol"} & names


# -- Coding in a round, closing it ------------------------------------------------------------


def test_progress_counts_texts_coded_or_marked_done(campaign, pair):
    made, _texts, _codes = coded_round(campaign, *pair, close=False)
    found = {row.coder.username: (row.assigned, row.completed) for row in rounds.progress(made)}
    assert found == {"analyst_axel": (4, 4), "analyst_bea": (4, 3)}
    mine = rounds.assignments_of(made, pair[1])
    assert [(row.source.name, coded) for row, coded in mine] == [
        ("t1", True),
        ("t2", True),
        ("t3", True),
        ("t4", False),
    ]


def test_marking_done_twice_keeps_the_first_date(campaign, pair):
    made, texts, _codes = coded_round(campaign, *pair, close=False)
    row = RoundAssignment.objects.get(round=made, source=texts[2], coder=pair[0])
    first = row.done_at
    assert rounds.mark_done(row).done_at == first


def test_a_closed_round_takes_no_more_marks_and_closes_once(campaign, pair):
    made, texts, _codes = coded_round(campaign, *pair)
    assert made.status == "closed" and made.closed_at is not None
    row = RoundAssignment.objects.select_related("round").get(
        round=made, source=texts[3], coder=pair[1]
    )
    with pytest.raises(ProblemError) as refused:
        rounds.mark_done(row)
    assert refused.value.kind is ProblemCode.ROUND_ALREADY_CLOSED
    with pytest.raises(ProblemError) as refused:
        rounds.close(made, user=pair[0])
    assert refused.value.kind is ProblemCode.ROUND_ALREADY_CLOSED
    assert events("coding.round-close") == 1


def test_nothing_of_an_open_round_comes_out(campaign, pair):
    made, texts, codes = coded_round(campaign, *pair, close=False)
    for action in (
        lambda: rounds.report(made),
        lambda: rounds.disagreements(made),
        lambda: rounds.adjudicate(made, texts[1], codes["partenariat"], True, user=pair[0]),
    ):
        with pytest.raises(ProblemError) as refused:
            action()
        assert refused.value.kind is ProblemCode.ROUND_NOT_CLOSED
    assert not Adjudication.objects.exists()


# -- The report, worked out by hand ------------------------------------------------------------


def by_label(rows):
    return {row.label: row.agreement for row in rows}


def test_the_report_of_the_hand_made_round(campaign, pair):
    made, _texts, _codes = coded_round(campaign, *pair)
    found = rounds.report(made)
    assert found.coders == ["analyst_axel", "analyst_bea"] and found.models == []
    codes = by_label(found.codes)
    # "Déclencheur" is for q24 only, "Ancien" inactive, "Pratiques" a category: not asked.
    assert list(codes) == ["Aller vers", "Partenariat"]

    aller = codes["Aller vers"]
    assert (aller.n_used, aller.n_total) == (3, 4)  # bea did not code t4
    assert (aller.percent.value, aller.alpha.value, aller.band) == (1.0, 1.0, Band.RELIABLE)
    assert aller.pairs[0].kappa.value == 1.0

    part = codes["Partenariat"]
    assert (part.n_used, part.n_total) == (3, 4)
    assert part.percent.value == pytest.approx(2 / 3)
    # Nominal α: 6 values, 5 "absent" and 1 "present", the one pair that differs is t2's:
    # α = 1 − (n − 1) · 2 / (2 · n_absent · n_present) = 1 − 5 · 2 / 10 = 0.
    assert part.alpha.value == pytest.approx(0.0)
    assert part.band is Band.REVISE
    # κ: p_o = 2/3; bea always "absent", axel "absent" 2 times in 3: p_e = 2/3, κ = 0.
    assert part.pairs[0].kappa.value == pytest.approx(0.0)
    # AC1: π_absent = (1 + ½ + 1 + 0) / 4 = 0.625 over the 4 texts answered at least once.
    pe = 2 * 0.625 * 0.375
    assert part.ac1.value == pytest.approx((2 / 3 - pe) / (1 - pe))

    overall = found.overall
    assert (overall.n_used, overall.n_total) == (6, 8)
    assert overall.percent.value == pytest.approx(5 / 6)
    assert by_label(found.by_kind)["réponse libre"].n_total == 8
    assert found.by_question == []  # one question only
    sources = by_label(found.sources)
    assert sources["t3"].percent.value == 1.0
    assert sources["t4"].n_used == 0 and sources["t4"].alpha.reason is Undefined.NO_UNITS


def test_only_the_round_s_live_codings_by_assigned_coders_count(campaign, pair, analyst_axel):
    made, texts, codes = coded_round(campaign, *pair, close=False)
    t4, part = texts[3], codes["partenariat"]
    # Removed: not an answer any more.
    removed = Coding.objects.get(source=t4, code=part, coder=pair[0])
    codings.remove(removed, user=pair[0])
    # Made outside the round: not part of it.
    Coding.objects.create(source=t4, code=part, coder=pair[1])
    rounds.close(made, user=pair[0])
    found = by_label(rounds.report(made).sources)
    assert found["t4"].n_used == 0
    assert found["t4"].n_total == 2
    progress = {row.coder.username: row.completed for row in rounds.progress(made)}
    # axel put a code on t4 and took it back, and did not mark it done: missing for him.
    assert progress == {"analyst_axel": 3, "analyst_bea": 3}


def test_a_model_is_compared_with_each_person_but_left_out_of_alpha(campaign, pair):
    made, texts, codes = coded_round(campaign, *pair)
    without = rounds.report(made).overall
    model = SuggestionModel.objects.create(campaign=campaign, version=3, status="ready")
    Coding.objects.create(
        source=texts[0],
        code=codes["partenariat"],
        origin=Coding.Origin.MODEL,
        model=model,
        status=Coding.Status.REJECTED,
        score=0.7,
    )
    found = rounds.report(made)
    assert found.models == ["model:vivier-lemmes@3"]
    assert found.overall.alpha == without.alpha and found.overall.ac1 == without.ac1
    pairs = {(p.first, p.second): p for p in found.overall.pairs}
    axel = pairs[("model:vivier-lemmes@3", "analyst_axel")]
    bea = pairs[("model:vivier-lemmes@3", "analyst_bea")]
    # The model answered every text; axel coded the 4 texts, bea 3 (× 2 codes).
    assert (axel.kappa.n_used, bea.kappa.n_used) == (8, 6)
    # Model: t1 partenariat only. axel differs on t1 (aller, part.), t2 (aller, part.), t4.
    assert axel.percent.value == pytest.approx(3 / 8)


# -- Disagreements and adjudication ------------------------------------------------------------


def test_disagreements_list_each_coder_s_answer(campaign, pair):
    made, texts, codes = coded_round(campaign, *pair)
    found = rounds.disagreements(made)
    assert [(d.source, d.code, d.answers, d.adjudication) for d in found] == [
        (
            texts[1],
            codes["partenariat"],
            [("analyst_axel", True), ("analyst_bea", False)],
            None,
        )
    ]


def test_adjudication_records_and_replaces_the_agreed_answer(campaign, pair):
    made, texts, codes = coded_round(campaign, *pair)
    part = codes["partenariat"]
    rounds.adjudicate(made, texts[1], part, True, user=pair[1], note="Deux partenaires nommés.")
    again = rounds.adjudicate(made, texts[1], part, False, user=pair[0])
    assert Adjudication.objects.count() == 1
    assert (again.present, again.note, again.decided_by) == (False, "", pair[0])
    assert rounds.disagreements(made)[0].adjudication == again
    assert events("coding.adjudicate") == 2


def test_adjudication_stays_within_the_round(campaign, pair):
    made, _texts, codes = coded_round(campaign, *pair)
    outside = make_source(campaign, "Hors cycle.", "q15")
    with pytest.raises(ProblemError) as refused:
        rounds.adjudicate(made, outside, codes["aller_vers"], True, user=pair[0])
    assert refused.value.kind is ProblemCode.ROUND_SOURCE_NOT_IN_ROUND


# -- Several rounds, files ---------------------------------------------------------------------


def test_the_campaign_report_pools_the_closed_rounds(campaign, pair):
    with pytest.raises(ProblemError) as refused:
        rounds.campaign_report(campaign)
    assert refused.value.kind is ProblemCode.ROUND_NONE_CLOSED
    coded_round(campaign, *pair)
    second = rounds.create_round(
        campaign,
        title="Encore",
        questions=["q15"],
        coders=list(pair),
        sample_size=2,
        overlap=100,
        user=pair[0],
        seed=1,
    )
    rounds.create_round(
        campaign,
        title="En cours",
        questions=["q15"],
        coders=list(pair),
        sample_size=1,
        overlap=100,
        user=pair[0],
    )
    for row in RoundAssignment.objects.filter(round=second):
        rounds.mark_done(row)
    rounds.close(second, user=pair[0])
    found = rounds.campaign_report(campaign)
    assert [r["number"] for r in found.rounds] == [1, 2]
    # 4 texts of round 1 and 2 of round 2, two codes each; every one answered by both but t4.
    assert (found.overall.n_total, found.overall.n_used) == (12, 10)


def test_the_report_as_json_and_csv(campaign, pair):
    made, _texts, _codes = coded_round(campaign, *pair)
    found = rounds.report(made)
    data = json.loads(rounds.as_json(found))
    assert (data["format"], data["campaign"], data["coders"]) == (
        "vivier-agreement",
        campaign.slug,
        ["analyst_axel", "analyst_bea"],
    )
    assert data["overall"]["n_used"] == 6 and data["overall"]["n_total"] == 8
    assert [c["label"] for c in data["codes"]] == ["Aller vers", "Partenariat"]
    assert data["codes"][1]["band"] == "revise_codebook"
    rows = list(csv.DictReader(io.StringIO(rounds.as_csv(found))))
    alpha = [r for r in rows if r["label"] == "Partenariat" and r["measure"] == "alpha"]
    assert alpha == [
        {
            "scope": "code",
            "key": alpha[0]["key"],
            "label": "Partenariat",
            "measure": "alpha",
            "coders": "analyst_axel|analyst_bea",
            "value": "0.0000",
            "n_used": "3",
            "n_total": "4",
            "reason": "",
            "band": "revise_codebook",
        }
    ]
    kappa = [r for r in rows if r["scope"] == "overall" and r["measure"] == "kappa"]
    assert [r["coders"] for r in kappa] == ["analyst_axel|analyst_bea"]
    undefined = [r for r in rows if r["label"] == "t4" and r["measure"] == "alpha"]
    assert (undefined[0]["value"], undefined[0]["reason"]) == ("", "no_units")
