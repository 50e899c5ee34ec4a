"""A campaign's codebook in the database: versions, the starter, and the changes of its
structure (add, edit, move, merge, split), none of which loses a coding or a memo."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from vivier.coding import codebooks
from vivier.coding.codebooks import Refused
from vivier.coding.models import (
    Adjudication,
    Code,
    Codebook,
    CodebookVersion,
    Coding,
    CodingRound,
    Memo,
    Quote,
    Source,
)
from vivier.qualitative import starters
from vivier.qualitative.codebook import from_dict, validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(hcts_campaign):
    return codebooks.codebook_of(hcts_campaign)


def add(book, name, parent=None, user=None, **fields):
    return codebooks.add_code(book, user=user, parent=parent, name=name, **fields)


def source(campaign, text="Une maraude chaque mardi soir avec l’infirmière.", **fields):
    return Source.objects.create(
        campaign=campaign,
        kind=Source.Kind.NOTE,
        name=fields.pop("name", "Note"),
        text=text,
        **fields,
    )


def code_on(src, code, coder, start=None, end=None, **fields):
    return Coding.objects.create(source=src, code=code, coder=coder, start=start, end=end, **fields)


def version(book) -> int:
    return Codebook.objects.get(pk=book.pk).version


def codes_of(book):
    return list(Code.objects.filter(codebook=book, active=True))


def events(change):
    return [
        e.additional_data
        for e in LogEntry.objects.order_by("pk")
        if (e.additional_data or {}).get("event") == codebooks.CHANGE_EVENT
        and e.additional_data.get("change") == change
    ]


# -- The codebook and its versions -------------------------------------------------------------


def test_a_campaign_gets_an_empty_codebook_named_after_it_with_version_1(hcts_campaign):
    book = codebooks.codebook_of(hcts_campaign)
    assert book.name == hcts_campaign.title and version(book) == 1
    assert codebooks.codebook_of(hcts_campaign) == book
    assert Codebook.objects.count() == 1
    first = CodebookVersion.objects.get(codebook=book)
    assert first.number == 1 and from_dict(first.tree) == []


def test_every_change_is_a_version_with_the_whole_tree_and_an_audit_line(book, analyst_axel):
    top = add(book, "Types", user=analyst_axel, is_codable=False)
    child = add(book, "Aller-vers", top, user=analyst_axel, shortcut="1")
    codebooks.update_code(child, user=analyst_axel, definition="Aller au-devant des personnes.")
    assert version(book) == 4
    versions = list(CodebookVersion.objects.filter(codebook=book))
    assert [v.number for v in versions] == [1, 2, 3, 4]
    assert [v.author for v in versions] == [None, analyst_axel, analyst_axel, analyst_axel]
    last = from_dict(versions[-1].tree)
    assert [(n.name, n.definition) for n in last] == [
        ("Types", ""),
        ("Aller-vers", "Aller au-devant des personnes."),
    ]
    steps = codebooks.history(book)
    assert [s.version.number for s in steps] == [4, 3, 2, 1]
    assert steps[0].changes == ["définition de « Aller-vers » modifiée"]
    assert steps[1].changes == ["« Aller-vers » ajouté sous « Types »"]
    assert [e["change"] for e in events("add")] == ["add", "add"]
    assert events("update")[0]["fields"] == ["definition"]


def test_an_update_that_changes_nothing_makes_no_version(book):
    code = add(book, "Aller-vers", definition="x")
    codebooks.update_code(code, user=None, definition="x")
    assert version(book) == 2


def test_a_refused_change_writes_nothing(book):
    add(book, "Aller-vers", shortcut="1")
    with pytest.raises(Refused) as refused:
        add(book, "aller vers", shortcut="1", color="bleu")
    kinds = sorted((d.code, d.location.field) for d in refused.value.diagnostics)
    assert kinds == [
        ("CODEBOOK_BAD_COLOR", "color"),
        ("CODEBOOK_DUPLICATE_NAME", "name"),
        ("CODEBOOK_DUPLICATE_SHORTCUT", "shortcut"),
    ]
    assert len(codes_of(book)) == 1 and version(book) == 2


def test_a_code_is_meant_only_for_questions_the_questionnaire_has(book):
    code = add(book, "Aller-vers", questions=["q15", "q16", "q1_other"])
    assert code.questions == ["q15", "q16", "q1_other"]
    with pytest.raises(Refused) as refused:
        codebooks.update_code(code, user=None, questions=["q15", "q999"])
    assert [d.code for d in refused.value.diagnostics] == ["CODEBOOK_UNKNOWN_QUESTION"]
    assert "« q999 »" in refused.value.diagnostics[0].message("fr")


# -- The starter -------------------------------------------------------------------------------


def test_the_hcts_starter_loads_whole_with_its_tree_and_one_version(hcts_campaign, analyst_axel):
    made = codebooks.load_starter(hcts_campaign, "hcts-2020", user=analyst_axel)
    starter = starters.load("hcts-2020")
    book = Codebook.objects.get(campaign=hcts_campaign)
    assert len(made) == len(starter.nodes) == len(codes_of(book))
    assert {str(c.guid) for c in made} == {n.guid for n in starter.nodes}
    loaded = codebooks.nodes(book)
    assert sorted(loaded, key=lambda n: n.guid) == sorted(starter.nodes, key=lambda n: n.guid)
    assert validate(loaded) == []
    assert version(book) == 2
    steps = codebooks.history(book)
    assert steps[0].version.note.startswith("Livre de codes de départ")
    assert len(steps[0].changes) == len(starter.nodes)
    line = LogEntry.objects.filter(additional_data__event=codebooks.STARTER_EVENT).get()
    assert line.additional_data["codes"] == len(made)


def test_the_starter_is_refused_into_a_codebook_that_has_codes(book, hcts_campaign):
    add(book, "Mon code")
    with pytest.raises(Refused) as refused:
        codebooks.load_starter(hcts_campaign, "hcts-2020", user=None)
    assert [d.code for d in refused.value.diagnostics] == ["CODEBOOK_NOT_EMPTY"]
    assert len(codes_of(book)) == 1


def test_an_unknown_starter_is_refused_by_name(hcts_campaign):
    with pytest.raises(Refused) as refused:
        codebooks.load_starter(hcts_campaign, "nulle-part", user=None)
    assert [d.code for d in refused.value.diagnostics] == ["CODEBOOK_STARTER_UNKNOWN"]
    assert "« hcts-2020 »" in refused.value.diagnostics[0].message("fr")


def test_the_hcts_starter_is_refused_for_a_questionnaire_without_its_questions(campaign):
    with pytest.raises(Refused) as refused:
        codebooks.load_starter(campaign, "hcts-2020", user=None)
    assert [d.code for d in refused.value.diagnostics] == ["CODEBOOK_UNKNOWN_QUESTION"]
    assert not Code.objects.exists()


# -- Move --------------------------------------------------------------------------------------


def test_move_puts_a_code_and_its_subcodes_under_another(book):
    a, b = add(book, "A"), add(book, "B")
    a1 = add(book, "A1", a)
    codebooks.move(a, b, user=None)
    a.refresh_from_db()
    a1.refresh_from_db()
    assert a.parent == b and a1.parent == a
    assert codebooks.history(book)[0].changes == ["« A » déplacé de le haut du livre vers « B »"]
    assert events("move")


def test_move_refuses_a_cycle(book):
    a = add(book, "A")
    a1 = add(book, "A1", a)
    a11 = add(book, "A11", a1)
    for target in (a1, a11):
        with pytest.raises(Refused) as refused:
            codebooks.move(a, target, user=None)
        assert [(d.code, d.location.field) for d in refused.value.diagnostics] == [
            ("CODEBOOK_CYCLE", "parent")
        ]
    a.refresh_from_db()
    assert a.parent is None and version(book) == 4


def test_move_refuses_a_name_taken_among_the_new_siblings(book):
    a, b = add(book, "A"), add(book, "B")
    add(book, "Visio", a)
    visio_b = add(book, "visio", b)
    with pytest.raises(Refused) as refused:
        codebooks.move(visio_b, a, user=None)
    assert [d.code for d in refused.value.diagnostics] == ["CODEBOOK_DUPLICATE_NAME"]


def test_move_to_a_rank_among_siblings(book):
    a, b, c = add(book, "A"), add(book, "B"), add(book, "C")
    codebooks.move(c, None, user=None, position=0)
    assert [n.name for n in codebooks.nodes(book)] == ["C", "A", "B"]
    codebooks.move(c, None, user=None)  # no rank: it stays where it is
    assert [n.name for n in codebooks.nodes(book)] == ["C", "A", "B"]
    codebooks.move(a, None, user=None, position=99)
    assert [n.name for n in codebooks.nodes(book)] == ["C", "B", "A"]
    assert b.pk


# -- Merge -------------------------------------------------------------------------------------


@pytest.fixture
def merge_case(book, hcts_campaign, analyst_axel, analyst_bea):
    """Two codes with codings, memos, an adjudication and sub-codes; some codings identical."""
    x = add(book, "Visioconférence")
    y = add(book, "À distance")
    x_child = add(book, "WhatsApp", x)
    s1, s2 = source(hcts_campaign), source(hcts_campaign, "Des appels vidéo chaque semaine.")
    round_ = CodingRound.objects.create(
        campaign=hcts_campaign, number=1, title="Cycle", sample_size=2, status="closed"
    )
    codings = {
        # Identical to one on y (same source, span, coder): collapses.
        "x_dup": code_on(s1, x, analyst_axel, 0, 10),
        "y_dup": code_on(s1, y, analyst_axel, 0, 10),
        # Same span, another coder: kept apart.
        "x_bea": code_on(s1, x, analyst_bea, 0, 10),
        "x_whole": code_on(s2, x, analyst_axel),
        "y_whole_bea": code_on(s2, y, analyst_bea),
        "x_round": code_on(s2, x, analyst_axel, round=round_),
        "x_removed": code_on(s1, x, analyst_axel, 12, 20, removed_at=timezone.now()),
    }
    memos = [
        Memo.objects.create(campaign=hcts_campaign, code=x, text="Mémo du code X"),
        Memo.objects.create(campaign=hcts_campaign, coding=codings["x_dup"], text="Sur le doublon"),
        Memo.objects.create(campaign=hcts_campaign, coding=codings["x_bea"], text="Sur Béa"),
        Memo.objects.create(campaign=hcts_campaign, code=y, text="Mémo du code Y"),
    ]
    quote = Quote.objects.create(
        coding=codings["x_dup"], source=s1, text="Une maraude", consent="survey_terms"
    )
    Adjudication.objects.create(round=round_, source=s2, code=x, present=True, note="oui pour X")
    Adjudication.objects.create(round=round_, source=s2, code=y, present=False, note="non pour Y")
    Adjudication.objects.create(round=round_, source=s1, code=x, present=False)
    return {"x": x, "y": y, "x_child": x_child, "codings": codings, "memos": memos, "quote": quote}


def identities(codes):
    return {
        (c.source_id, c.start, c.end, c.coder_id, c.round_id, c.removed_at is None)
        for c in Coding.objects.filter(code__in=codes)
    }


def test_merge_keeps_every_coding_and_memo(book, merge_case, analyst_axel):
    x, y = merge_case["x"], merge_case["y"]
    before = identities([x, y])
    memo_ids = {m.pk for m in merge_case["memos"]}
    merged = codebooks.merge(x, y, user=analyst_axel)
    # 100 % of the distinct codings are on y, none left on x.
    assert identities([y]) == before
    assert not Coding.objects.filter(code=x).exists()
    assert (merged.codings, merged.collapsed, merged.children) == (4, 1, 1)
    # Every memo kept: the code's memos on y, the collapsed coding's memo on the kept one.
    assert set(Memo.objects.values_list("pk", flat=True)) == memo_ids
    assert Memo.objects.filter(code=y).count() == 2
    kept = Coding.objects.get(pk=merge_case["codings"]["y_dup"].pk)
    assert set(kept.memos.values_list("text", flat=True)) == {"Sur le doublon"}
    merge_case["quote"].refresh_from_db()
    assert merge_case["quote"].coding == kept
    # The sub-code follows, the merged code stays inactive and points to y.
    merge_case["x_child"].refresh_from_db()
    x.refresh_from_db()
    assert merge_case["x_child"].parent == y
    assert (x.active, x.merged_into) == (False, y)
    assert [n.name for n in codebooks.nodes(book)] == ["À distance", "WhatsApp"]


def test_merge_joins_adjudications_as_present_if_either_was(merge_case):
    x, y = merge_case["x"], merge_case["y"]
    codebooks.merge(x, y, user=None)
    rows = {(a.source.text[:3], a.present, a.note) for a in Adjudication.objects.filter(code=y)}
    assert rows == {("Des", True, "non pour Y\n\noui pour X"), ("Une", False, "")}
    assert not Adjudication.objects.filter(code=x).exists()


def test_merge_is_a_version_that_says_so(book, merge_case):
    codebooks.merge(merge_case["x"], merge_case["y"], user=None)
    step = codebooks.history(book)[0]
    assert step.version.note == "Code « Visioconférence » fusionné dans « À distance »"
    assert "« Visioconférence » fusionné dans « À distance »" in step.changes
    assert "« WhatsApp » déplacé de « Visioconférence » vers « À distance »" in step.changes
    assert events("merge")[0]["collapsed"] == 1


def test_codes_merged_earlier_follow_to_the_new_target(book):
    a, b, c = add(book, "A"), add(book, "B"), add(book, "C")
    codebooks.merge(a, b, user=None)
    codebooks.merge(b, c, user=None)
    a.refresh_from_db()
    assert a.merged_into == c
    assert codebooks.merged_map(book) == {str(a.guid): str(c.guid), str(b.guid): str(c.guid)}


def test_merge_refuses_itself_and_its_subcodes(book):
    a = add(book, "A")
    a1 = add(book, "A1", a)
    for into in (a, a1):
        with pytest.raises(Refused) as refused:
            codebooks.merge(a, into, user=None)
        assert [d.code for d in refused.value.diagnostics] == ["CODEBOOK_MERGE_INTO_ITSELF"]
    a.refresh_from_db()
    assert a.active


def test_merge_refuses_subcodes_whose_names_would_clash(book):
    a, b = add(book, "A"), add(book, "B")
    add(book, "Visio", a)
    add(book, "visio", b)
    with pytest.raises(Refused) as refused:
        codebooks.merge(a, b, user=None)
    assert [d.code for d in refused.value.diagnostics] == ["CODEBOOK_DUPLICATE_NAME"]
    a.refresh_from_db()
    assert a.active and Code.objects.filter(parent=a).count() == 1


# -- Split -------------------------------------------------------------------------------------


def test_split_adds_siblings_and_leaves_the_codings_until_recoded(
    book, hcts_campaign, analyst_axel
):
    top = add(book, "Types")
    code = add(book, "Numérique", top, questions=["q15"])
    after = add(book, "Aller-vers", top)
    src = source(hcts_campaign)
    first, second = code_on(src, code, analyst_axel, 0, 5), code_on(src, code, analyst_axel)
    memo = Memo.objects.create(campaign=hcts_campaign, code=code, text="Trop large")
    made = codebooks.split(code, ["Accompagnement à distance", "Coordination interne"], user=None)
    assert [c.name for c in made] == ["Accompagnement à distance", "Coordination interne"]
    assert all(c.parent == top and c.questions == ["q15"] for c in made)
    assert [n.name for n in codebooks.nodes(book)] == [
        "Types",
        "Numérique",
        "Accompagnement à distance",
        "Coordination interne",
        "Aller-vers",
    ]
    assert set(Coding.objects.filter(code=code)) == {first, second}
    memo.refresh_from_db()
    assert memo.code == code
    assert after.pk and events("split")[0]["codings"] == 0
    assert codebooks.history(book)[0].version.note.startswith("Code « Numérique » scindé")


def test_split_moves_the_chosen_codings(book, hcts_campaign, analyst_axel):
    code = add(book, "Numérique")
    src = source(hcts_campaign)
    first, second = code_on(src, code, analyst_axel, 0, 5), code_on(src, code, analyst_axel)
    stranger = code_on(src, add(book, "Autre"), analyst_axel)
    made = codebooks.split(
        code, ["Distance"], user=None, moves={"Distance": [first.pk, stranger.pk]}
    )
    assert list(Coding.objects.filter(code=made[0])) == [first]
    assert list(Coding.objects.filter(code=code)) == [second]
    stranger.refresh_from_db()
    assert stranger.code.name == "Autre"


def test_split_refuses_a_name_taken_or_no_name(book):
    add(book, "Aller-vers")
    code = add(book, "Numérique")
    with pytest.raises(Refused) as refused:
        codebooks.split(code, ["aller vers"], user=None)
    assert [d.code for d in refused.value.diagnostics] == ["CODEBOOK_DUPLICATE_NAME"]
    with pytest.raises(Refused) as refused:
        codebooks.split(code, ["  "], user=None)
    assert [(d.code, d.location.field) for d in refused.value.diagnostics] == [
        ("CODEBOOK_NAME_MISSING", "names")
    ]
    assert len(codes_of(book)) == 2


def test_counts_leave_out_removed_codings_and_others_codings_of_an_open_blind_round(
    book, hcts_campaign, analyst_axel, analyst_bea
):
    code = add(book, "Aller-vers")
    src = source(hcts_campaign)
    round_ = CodingRound.objects.create(
        campaign=hcts_campaign, number=1, title="Cycle", sample_size=1
    )
    code_on(src, code, analyst_axel)
    code_on(src, code, analyst_axel, 0, 3, removed_at=timezone.now())
    code_on(src, code, analyst_bea, 0, 5, round=round_)
    code_on(src, code, None, 0, 8, status=Coding.Status.SUGGESTED, origin="model")
    assert codebooks.coding_counts(book) == {code.pk: 2}
    assert codebooks.coding_counts(book, analyst_axel) == {code.pk: 1}
    assert codebooks.coding_counts(book, analyst_bea) == {code.pk: 2}


def test_a_change_naming_a_code_merged_meanwhile_is_refused(book):
    a, b = add(book, "A"), add(book, "B")
    stale = Code.objects.get(pk=a.pk)
    codebooks.merge(a, b, user=None)
    for change in (
        lambda: codebooks.update_code(stale, user=None, name="A2"),
        lambda: codebooks.move(stale, None, user=None),
        lambda: codebooks.merge(b, stale, user=None),
        lambda: codebooks.split(stale, ["C"], user=None),
        lambda: add(book, "Sous A", stale),
    ):
        with pytest.raises(Refused) as refused:
            change()
        assert [d.code for d in refused.value.diagnostics] == ["CODEBOOK_CODE_GONE"]
    assert [n.name for n in codebooks.nodes(book)] == ["B"]
