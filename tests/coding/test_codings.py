"""Putting codes on texts (vivier.coding.codings): apply, remove, undo and redo, spans, the
blind rule of open rounds, memos, masked texts, and the coding screen's queue.

``make_codebook`` and ``make_source`` are shared with the screen's action tests and the
catalogue's examples.
"""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.utils import timezone

from vivier.coding import codings
from vivier.coding.models import (
    Code,
    Codebook,
    Coding,
    CodingRound,
    Memo,
    PiiFlag,
    RoundAssignment,
    Source,
)
from vivier.coding.views_screen import queue_of
from vivier.problems import ProblemCode, ProblemError

pytestmark = pytest.mark.django_db

TEXT = "Nous allons vers les familles 🏠 au pied des immeubles, avec le centre social."


def make_codebook(campaign) -> dict[str, Code]:
    """Three codes (shortcuts 1, 2, 3; the third only for q24), a category and a merged code."""
    book = Codebook.objects.create(campaign=campaign, name="Livre de test")
    group = Code.objects.create(codebook=book, name="Pratiques", is_codable=False, position=0)
    codes = {
        "aller_vers": Code.objects.create(
            codebook=book, parent=group, name="Aller vers", shortcut="1", position=1
        ),
        "partenariat": Code.objects.create(
            codebook=book, parent=group, name="Partenariat", shortcut="2", position=2
        ),
        "declencheur": Code.objects.create(
            codebook=book, name="Déclencheur", shortcut="3", questions=["q24"], position=3
        ),
        "ancien": Code.objects.create(codebook=book, name="Ancien", active=False, position=4),
    }
    codes["pratiques"] = group
    return codes


def make_source(campaign, text: str = TEXT, question: str = "q15", **fields) -> Source:
    number = Source.objects.filter(campaign=campaign).count() + 1
    return Source.objects.create(
        campaign=campaign,
        kind=fields.pop("kind", Source.Kind.ANSWER),
        name=fields.pop("name", f"Réponse {number}, {question}"),
        question=question,
        text=text,
        **fields,
    )


def make_round(campaign, sources, coders, *, blind=True, number=1) -> CodingRound:
    found = CodingRound.objects.create(
        campaign=campaign,
        number=number,
        title=f"Cycle {number}",
        sample_size=len(sources),
        blind=blind,
    )
    RoundAssignment.objects.bulk_create(
        RoundAssignment(round=found, source=s, coder=c) for s in sources for c in coders
    )
    return found


@pytest.fixture
def codes(campaign):
    return make_codebook(campaign)


@pytest.fixture
def source(campaign):
    return make_source(campaign)


def live(source) -> list[tuple[str, int | None, int | None]]:
    return sorted(
        (c.code.name, c.start, c.end)
        for c in Coding.objects.filter(source=source, removed_at__isnull=True)
    )


# -- Applying ----------------------------------------------------------------------------------


def test_a_code_goes_on_the_whole_text_or_on_a_span_with_its_quote(source, codes, analyst_axel):
    whole = codings.apply(source, codes["aller_vers"], user=analyst_axel)
    assert (whole.start, whole.end, whole.exact, whole.coder) == (None, None, "", analyst_axel)
    span = codings.apply(source, codes["partenariat"], user=analyst_axel, start=5, end=29)
    assert span.exact == "allons vers les familles"
    assert span.prefix == "Nous " and span.suffix.startswith(" 🏠 au pied")
    assert (span.origin, span.status, span.round) == ("human", "applied", None)


def test_offsets_count_characters_not_utf16_units(source, codes, analyst_axel):
    # The house is one character for Python and REFI-QDA (two UTF-16 units in a browser).
    at = TEXT.index("🏠")
    found = codings.apply(source, codes["aller_vers"], user=analyst_axel, start=at, end=at + 4)
    assert found.exact == "🏠 au"


def test_applying_again_gives_the_same_coding_and_several_codes_may_share_a_segment(
    source, codes, analyst_axel, analyst_bea
):
    first = codings.apply(source, codes["aller_vers"], user=analyst_axel, start=0, end=4)
    again = codings.apply(source, codes["aller_vers"], user=analyst_axel, start=0, end=4)
    other_code = codings.apply(source, codes["partenariat"], user=analyst_axel, start=0, end=4)
    other_coder = codings.apply(source, codes["aller_vers"], user=analyst_bea, start=0, end=4)
    assert again.pk == first.pk
    assert len({first.pk, other_code.pk, other_coder.pk}) == 3
    assert Coding.objects.count() == 3


@pytest.mark.parametrize(
    ("start", "end", "kind"),
    [
        (0, None, ProblemCode.CODING_SPAN_HALF),
        (None, 3, ProblemCode.CODING_SPAN_HALF),
        (5, 5, ProblemCode.CODING_SPAN_EMPTY),
        (9, 4, ProblemCode.CODING_SPAN_EMPTY),
        (3, 500, ProblemCode.CODING_SPAN_OUTSIDE),
        (-1, 3, ProblemCode.CODING_SPAN_OUTSIDE),
    ],
)
def test_a_span_outside_the_text_is_refused_and_nothing_is_stored(
    source, codes, analyst_axel, start, end, kind
):
    with pytest.raises(ProblemError) as refused:
        codings.apply(source, codes["aller_vers"], user=analyst_axel, start=start, end=end)
    assert refused.value.diagnostic.kind is kind
    assert not Coding.objects.exists()


def test_the_outside_message_names_the_span_and_the_length(source, codes, analyst_axel):
    with pytest.raises(ProblemError) as refused:
        codings.apply(source, codes["aller_vers"], user=analyst_axel, start=3, end=500)
    assert refused.value.diagnostic.message("fr") == (
        f"le passage 3–500 sort du texte, qui compte {len(TEXT)} caractères"
    )


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("ancien", ProblemCode.CODING_CODE_INACTIVE),
        ("pratiques", ProblemCode.CODING_CODE_NOT_CODABLE),
        ("declencheur", ProblemCode.CODING_CODE_OTHER_QUESTION),
    ],
)
def test_an_inactive_grouping_or_misplaced_code_is_refused(source, codes, analyst_axel, name, kind):
    with pytest.raises(ProblemError) as refused:
        codings.apply(source, codes[name], user=analyst_axel)
    assert refused.value.diagnostic.kind is kind
    assert not Coding.objects.exists()


def test_a_code_meant_for_a_question_applies_to_its_answers(campaign, codes, analyst_axel):
    answer = make_source(campaign, "Une demande de la direction.", question="q24")
    assert codings.apply(answer, codes["declencheur"], user=analyst_axel).pk
    assert [c.name for c in codings.codes_for(answer, list(codes.values()))] == [
        "Aller vers",
        "Partenariat",
        "Déclencheur",
    ]


def test_a_code_of_another_campaign_is_refused(source, analyst_axel, hcts_campaign):
    elsewhere = make_codebook(hcts_campaign)["aller_vers"]
    with pytest.raises(ProblemError) as refused:
        codings.apply(source, elsewhere, user=analyst_axel)
    assert refused.value.diagnostic.kind is ProblemCode.CODING_CODE_ELSEWHERE


# -- Removing, undoing, redoing ---------------------------------------------------------------


def test_only_the_coder_removes_a_coding_and_it_stays_dated(
    source, codes, analyst_axel, analyst_bea
):
    found = codings.apply(source, codes["aller_vers"], user=analyst_axel)
    with pytest.raises(ProblemError) as refused:
        codings.remove(found, user=analyst_bea)
    assert refused.value.diagnostic.kind is ProblemCode.CODING_NOT_OWN
    codings.remove(found, user=analyst_axel)
    found.refresh_from_db()
    assert found.removed_at is not None and live(source) == []


def test_undo_takes_back_the_last_add_and_a_second_undo_redoes_it(
    campaign, source, codes, analyst_axel
):
    codings.apply(source, codes["aller_vers"], user=analyst_axel)
    codings.apply(source, codes["partenariat"], user=analyst_axel, start=0, end=4)
    said = codings.undo(campaign, user=analyst_axel)
    assert said == f"Annulé : « Partenariat » retiré de « {source.name} »."
    assert live(source) == [("Aller vers", None, None)]
    said = codings.undo(campaign, user=analyst_axel)
    assert said == f"Annulé : « Partenariat » remis sur « {source.name} »."
    assert live(source) == [("Aller vers", None, None), ("Partenariat", 0, 4)]


def test_undo_brings_back_a_removal(campaign, source, codes, analyst_axel):
    found = codings.apply(source, codes["aller_vers"], user=analyst_axel)
    codings.apply(source, codes["partenariat"], user=analyst_axel)
    codings.remove(found, user=analyst_axel)
    assert live(source) == [("Partenariat", None, None)]
    assert "remis sur" in codings.undo(campaign, user=analyst_axel)
    assert live(source) == [("Aller vers", None, None), ("Partenariat", None, None)]


def test_undo_is_per_coder_and_per_campaign(campaign, source, codes, analyst_axel, analyst_bea):
    codings.apply(source, codes["aller_vers"], user=analyst_axel)
    codings.apply(source, codes["partenariat"], user=analyst_bea)
    assert codings.undo(campaign, user=analyst_bea).startswith("Annulé : « Partenariat »")
    assert live(source) == [("Aller vers", None, None)]
    from tests.support import make_campaign, small_questionnaire

    other = make_campaign(small_questionnaire("autre"))
    assert codings.undo(other, user=analyst_axel) == "Rien à annuler."
    assert live(source) == [("Aller vers", None, None)]


def test_applying_a_removed_coding_again_brings_it_back_as_a_new_add(
    campaign, source, codes, analyst_axel
):
    found = codings.apply(source, codes["aller_vers"], user=analyst_axel, start=0, end=4)
    codings.remove(found, user=analyst_axel)
    again = codings.apply(source, codes["aller_vers"], user=analyst_axel, start=0, end=4)
    assert again.pk == found.pk and again.removed_at is None
    assert Coding.objects.count() == 1
    assert "retiré de" in codings.undo(campaign, user=analyst_axel)
    assert live(source) == []


def test_model_suggestions_are_neither_undone_nor_shown_as_codings(
    campaign, source, codes, analyst_axel
):
    Coding.objects.create(
        source=source, code=codes["partenariat"], origin="model", status="suggested", score=0.9
    )
    assert codings.undo(campaign, user=analyst_axel) == "Rien à annuler."
    assert codings.visible_codings(source, analyst_axel) == []
    assert codings.coded_source_ids(campaign, analyst_axel) == set()


# -- Rounds: which round, and the blind rule ---------------------------------------------------


def test_a_coding_made_on_an_assigned_text_of_an_open_round_belongs_to_it(
    campaign, source, codes, analyst_axel, analyst_bea
):
    found_round = make_round(campaign, [source], [analyst_axel])
    assert codings.apply(source, codes["aller_vers"], user=analyst_axel).round == found_round
    # Not assigned: coded outside the round.
    assert codings.apply(source, codes["aller_vers"], user=analyst_bea).round is None
    found_round.status = CodingRound.Status.CLOSED
    found_round.save()
    assert codings.apply(source, codes["partenariat"], user=analyst_axel).round is None


def test_coders_of_an_open_blind_round_see_only_their_own_until_it_closes(
    campaign, source, codes, analyst_axel, analyst_bea
):
    other = make_source(campaign, "Un autre texte.")
    found_round = make_round(campaign, [source], [analyst_axel, analyst_bea])
    codings.apply(source, codes["aller_vers"], user=analyst_axel)
    codings.apply(source, codes["partenariat"], user=analyst_bea)
    codings.apply(other, codes["partenariat"], user=analyst_bea)
    codings.add_memo(source, "Je lis un aller vers.", user=analyst_axel)

    def names(user, on=source):
        return [c.code.name for c in codings.visible_codings(on, user)]

    assert names(analyst_axel) == ["Aller vers"]
    assert names(analyst_bea) == ["Partenariat"]
    assert [m.text for m in codings.visible_memos(source, analyst_bea, [])] == []
    # A text outside the round is seen whole.
    assert names(analyst_axel, other) == ["Partenariat"]
    assert codings.coded_source_ids(campaign, analyst_axel) == {source.pk, other.pk}
    found_round.status = CodingRound.Status.CLOSED
    found_round.closed_at = timezone.now()
    found_round.save()
    assert names(analyst_axel) == ["Aller vers", "Partenariat"]
    assert names(analyst_bea) == ["Aller vers", "Partenariat"]
    seen = codings.visible_codings(source, analyst_bea)
    assert [m.text for m in codings.visible_memos(source, analyst_bea, seen)] == [
        "Je lis un aller vers."
    ]


def test_an_open_round_that_is_not_blind_hides_nothing(
    campaign, source, codes, analyst_axel, analyst_bea
):
    make_round(campaign, [source], [analyst_axel, analyst_bea], blind=False)
    codings.apply(source, codes["aller_vers"], user=analyst_axel)
    assert [c.code.name for c in codings.visible_codings(source, analyst_bea)] == ["Aller vers"]


def test_a_text_coded_only_by_another_coder_of_a_blind_round_is_not_coded_for_me(
    campaign, source, codes, analyst_axel, analyst_bea
):
    make_round(campaign, [source], [analyst_axel, analyst_bea])
    codings.apply(source, codes["aller_vers"], user=analyst_bea)
    assert codings.coded_source_ids(campaign, analyst_axel) == set()
    assert codings.coded_source_ids(campaign, analyst_bea) == {source.pk}


# -- Memos -------------------------------------------------------------------------------------


def test_a_memo_goes_on_a_text_or_on_one_of_its_codings(source, codes, analyst_axel):
    found = codings.apply(source, codes["aller_vers"], user=analyst_axel)
    on_text = codings.add_memo(source, "  À relire.  ", user=analyst_axel)
    on_coding = codings.add_memo(source, "Limite.", user=analyst_axel, coding=found)
    assert (on_text.text, on_text.coding, on_text.campaign_id) == (
        "À relire.",
        None,
        source.campaign_id,
    )
    assert on_coding.coding == found and on_coding.source == source
    with pytest.raises(ProblemError) as refused:
        codings.add_memo(source, "   ", user=analyst_axel)
    assert refused.value.diagnostic.kind is ProblemCode.CODING_MEMO_EMPTY
    assert Memo.objects.count() == 2


def test_a_memo_on_a_removed_coding_is_no_longer_shown(source, codes, analyst_axel):
    found = codings.apply(source, codes["aller_vers"], user=analyst_axel)
    codings.add_memo(source, "Limite.", user=analyst_axel, coding=found)
    codings.remove(found, user=analyst_axel)
    seen = codings.visible_codings(source, analyst_axel)
    assert codings.visible_memos(source, analyst_axel, seen) == []


# -- Masked texts ------------------------------------------------------------------------------


def test_offsets_in_a_masked_text_are_offsets_of_the_stored_text(campaign, privacy_paul, bob):
    text = "J’ai appelé Marie Dupont au 06 12 34 56 78 pour le groupe."
    source = make_source(campaign, text, personal_data=True)
    name, phone = text.index("Marie Dupont"), text.index("06 12")
    PiiFlag.objects.create(source=source, kind="person", start=name, end=name + 12)
    PiiFlag.objects.create(source=source, kind="phone", start=phone, end=phone + 14)
    seen = codings.shown(source, bob)
    assert seen.text == "J’ai appelé [nom] au [numéro de téléphone] pour le groupe."
    # "pour le groupe" where the person sees it, and where it is stored.
    at = seen.text.index("pour le groupe")
    start, end = seen.to_source(at), seen.to_source(at + 14, end=True)
    assert text[start:end] == "pour le groupe"
    # A selection that starts inside a placeholder takes in the whole name.
    inside = seen.text.index("[nom]") + 2
    assert seen.to_source(inside) == name
    assert seen.to_source(inside, end=True) == name + 12
    # And back: a coding on the stored text shows masked.
    coding = Coding(source=source, start=name, end=text.index(" pour"))
    assert seen.excerpt(coding) == "[nom] au [numéro de téléphone]"
    # The personal-data right sees the text as it is.
    assert codings.shown(source, privacy_paul).text == text


# -- The screen's queue ------------------------------------------------------------------------


def queue(campaign, user, **filters):
    data = QueryDict(mutable=True)
    for key, value in filters.items():
        data[key] = "1" if value is True else value
    return queue_of(campaign, user, data)


def test_the_queue_filters_by_question_by_assignment_and_by_what_is_not_coded(
    campaign, codes, analyst_axel
):
    a = make_source(campaign, "Premier.", question="q15")
    b = make_source(campaign, "Deuxième.", question="q24")
    c = make_source(campaign, "Troisième.", question="q15")
    make_round(campaign, [b, c], [analyst_axel])
    codings.apply(a, codes["aller_vers"], user=analyst_axel)
    every = queue(campaign, analyst_axel)
    assert (every.ids, every.questions, every.coded_count()) == (
        [a.pk, b.pk, c.pk],
        ["q15", "q24"],
        1,
    )
    assert queue(campaign, analyst_axel, question="q15").ids == [a.pk, c.pk]
    assert queue(campaign, analyst_axel, mine=True).ids == [b.pk, c.pk]
    uncoded = queue(campaign, analyst_axel, uncoded=True)
    assert uncoded.ids == [b.pk, c.pk] and len(uncoded.base) == 3
    both = queue(campaign, analyst_axel, question="q15", uncoded=True)
    assert both.ids == [c.pk]
    # An unknown question is dropped, not an error.
    assert queue(campaign, analyst_axel, question="q99").ids == [a.pk, b.pk, c.pk]


def test_the_queue_walks_forward_back_and_to_the_next_uncoded(campaign, codes, analyst_axel):
    a, b, c, d = (make_source(campaign, f"Texte {n}.") for n in range(4))
    codings.apply(b, codes["aller_vers"], user=analyst_axel)
    found = queue(campaign, analyst_axel)
    assert (found.previous(a.pk), found.next(a.pk)) == (None, b.pk)
    assert (found.previous(d.pk), found.next(d.pk)) == (c.pk, None)
    assert found.next_uncoded(a.pk) == c.pk
    assert found.next_uncoded(d.pk) == a.pk  # from the start again
    assert found.first() == a.pk and found.position(c.pk) == 3
    # In a queue of uncoded texts, the text just coded is no longer in it: its neighbours are.
    uncoded = queue(campaign, analyst_axel, uncoded=True)
    assert (uncoded.previous(b.pk), uncoded.next(b.pk), uncoded.position(b.pk)) == (
        a.pk,
        c.pk,
        None,
    )


def test_an_enqueteur_walks_through_their_notes_and_their_assigned_texts_only(
    campaign, codes, interviewer_ines, analyst_axel
):
    note = make_source(
        campaign, "Entretien du 3 mars.", question="", kind="note", created_by=interviewer_ines
    )
    given = make_source(campaign, "Une réponse.")
    make_source(campaign, "Une autre réponse.")
    make_round(campaign, [given], [interviewer_ines])
    assert queue(campaign, interviewer_ines).ids == [note.pk, given.pk]
    assert len(queue(campaign, analyst_axel).ids) == 3
