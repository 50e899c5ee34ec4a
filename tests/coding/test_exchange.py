"""A campaign's coding through REFI-QDA and CSV: what an export holds and leaves out, a round
trip into an empty campaign that keeps every code, offset, case and variable, the import of
a project written by QualCoder's exporter, and refused files that store nothing."""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from pathlib import Path

import pytest

from tests.qualitative.test_refi import tamper
from tests.support import make_campaign, small_questionnaire
from vivier.coding import exchange
from vivier.coding.masking import visible_text
from vivier.coding.models import (
    Case,
    Code,
    Codebook,
    Coding,
    CodingRound,
    Memo,
    PiiFlag,
    Source,
    SuggestionModel,
)
from vivier.qualitative.refi import qdc, qdpx

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
TEXT = "Mme Claire Dubois anime un groupe d’entraide 🙂 avec les familles.\r\nLe CCAS aide."


def coding_project(campaign, axel, bea) -> dict:
    """A campaign coded the way the exchange must carry: a tree with a category, rules and
    examples; a span and a whole-text coding by two coders; an accepted suggestion, a
    pending one and an open round's coding (both left out); cases with attributes of
    several types; memos on a code, a text, a coding and the campaign; a flagged name."""
    book = Codebook.objects.create(campaign=campaign, name="Livre")
    category = Code.objects.create(codebook=book, name="Pratiques", is_codable=False)
    group = Code.objects.create(
        codebook=book,
        parent=category,
        name="Groupe d’entraide",
        definition="Des pairs qui se réunissent.",
        include_rule="Les pairs décident.",
        exclude_rule="Un groupe animé par un professionnel seul.",
        examples=["Un café des parents"],
        color="#f781f3",
        position=0,
    )
    support = Code.objects.create(codebook=book, name="Soutien", position=1)
    case = Case.objects.create(
        campaign=campaign,
        name="Réponse 1",
        attributes={"profil": "Éducatrice", "ancienneté": 12, "part": 0.5, "bénévole": False},
    )
    Case.objects.create(campaign=campaign, name="Réponse 2", attributes={"profil": "Cadre"})
    source = Source.objects.create(
        campaign=campaign,
        kind="answer",
        question="q15",
        name="Q15 n°1",
        text=TEXT,
        case=case,
        personal_data=True,
    )
    other = Source.objects.create(campaign=campaign, kind="note", name="Entretien", text="Court.")
    PiiFlag.objects.create(source=source, kind="person", start=4, end=len("Mme Claire Dubois"))
    start = TEXT.index("groupe")
    span = Coding.objects.create(
        source=source, code=group, coder=axel, start=start, end=start + len("groupe d’entraide 🙂")
    )
    Coding.objects.create(source=source, code=support, coder=bea)
    # The name is inside this span: it starts in the masked name.
    Coding.objects.create(source=source, code=support, coder=axel, start=8, end=start)
    model = SuggestionModel.objects.create(campaign=campaign, version=3, status="ready")
    Coding.objects.create(
        source=other, code=support, origin="model", model=model, status="accepted", score=0.9
    )
    Coding.objects.create(
        source=other, code=group, origin="model", model=model, status="suggested", score=0.4
    )
    open_round = CodingRound.objects.create(campaign=campaign, number=1, title="R", sample_size=2)
    Coding.objects.create(source=other, code=group, coder=bea, round=open_round)
    Memo.objects.create(campaign=campaign, code=group, text="Mémo du code", author=axel)
    Memo.objects.create(campaign=campaign, source=source, text="Mémo du texte", author=bea)
    Memo.objects.create(campaign=campaign, coding=span, text="Mémo\r\ndu codage", author=axel)
    Memo.objects.create(campaign=campaign, text="Journal du codage", author=axel)
    return {"source": source, "other": other, "group": group, "support": support}


@pytest.fixture
def coded(campaign, analyst_axel, analyst_bea):
    return coding_project(campaign, analyst_axel, analyst_bea)


def read(data: bytes):
    project, warnings = qdpx.read_qdpx(data)
    assert warnings == []
    return project


def test_the_export_holds_what_it_should_and_validates(campaign, coded):
    project = read(exchange.export_project(campaign, personal_data=True))
    paths = project.code_paths()
    assert sorted(paths.values()) == [
        ("Pratiques",),
        ("Pratiques", "Groupe d’entraide"),
        ("Soutien",),
    ]
    group = next(c for c in project.codes[0].children)
    assert group.color == "#F781F3" and "S’applique quand :" in group.description
    users = {user.guid: user.name for user in project.users}
    codings = [
        (source.name, users.get(c.creating_user, ""), paths[c.code][-1], s.start, s.end)
        for source in project.sources
        for s in source.selections
        for c in s.codings
    ]
    start = TEXT.index("groupe")
    assert sorted(codings) == sorted(
        [
            ("Q15 n°1", "analyst_axel", "Groupe d’entraide", start, start + 19),
            ("Q15 n°1", "analyst_bea", "Soutien", 0, len(TEXT)),
            ("Q15 n°1", "analyst_axel", "Soutien", 8, start),
            # The accepted suggestion, under the model coder; the pending one and the open
            # round's coding are not there.
            ("Entretien", "model:vivier-lemmes@3", "Soutien", 0, len("Court.")),
        ]
    )
    assert [v.name for v in project.variables] == ["ancienneté", "bénévole", "part", "profil"]
    assert [v.type.value for v in project.variables] == ["Integer", "Boolean", "Float", "Text"]
    assert project.cases[0].source_refs == (str(coded["source"].guid),)
    assert sorted(note.text for note in project.notes) == sorted(
        ["Journal du codage", "Mémo du code", "Mémo du texte", "Mémo\r\ndu codage"]
    )


def test_masked_texts_keep_each_coding_on_the_same_words(campaign, coded, analyst_axel):
    project = read(exchange.export_project(campaign))
    source = next(s for s in project.sources if s.name == "Q15 n°1")
    assert source.text == visible_text(coded["source"], analyst_axel)
    assert "Claire" not in source.text
    by_code = {
        project.code_paths()[c.code][-1] + str(s.start): source.text[s.start : s.end]
        for s in source.selections
        for c in s.codings
    }
    assert "groupe d’entraide 🙂" in by_code.values()
    # The span that started inside the name now starts at its placeholder.
    assert any(text.startswith("[nom] anime un") for text in by_code.values())
    assert source.text in by_code.values()  # the whole-text coding covers the masked text


def test_a_round_trip_into_an_empty_campaign_keeps_everything(campaign, coded):
    first = exchange.export_project(campaign, personal_data=True)
    empty = make_campaign(small_questionnaire("vide"), slug="vide")
    report = exchange.import_file(empty, "projet.qdpx", first, user=None)
    # The model coder of the accepted suggestion has no model in the new campaign.
    assert report.errors == []
    assert [(w.code, w.params["name"]) for w in report.warnings] == [
        ("QDPX_USER_UNMATCHED", "model:vivier-lemmes@3")
    ]
    assert report.codes_created == 3 and report.codings_created == 4
    assert report.sources_created == 2 and report.cases_created == 2
    assert report.memos_created == 4
    again = read(exchange.export_project(empty, personal_data=True))
    before = read(first)
    # The accepted suggestion's model is not in the new campaign: it comes back without
    # its model coder (said in the report of the lead); everything else is equal.
    assert again.codes == before.codes
    assert again.variables == before.variables and again.cases == before.cases
    assert again.notes == before.notes and again.note_refs == before.note_refs
    assert [s.text for s in again.sources] == [s.text for s in before.sources]
    assert again.sources[0] == before.sources[0]
    assert [(s.start, s.end, [c.code for c in s.codings]) for s in again.sources[1].selections] == [
        (s.start, s.end, [c.code for c in s.codings]) for s in before.sources[1].selections
    ]
    group = Code.objects.get(codebook__campaign=empty, name="Groupe d’entraide")
    assert (group.include_rule, group.examples) == ("Les pairs décident.", ["Un café des parents"])


def test_importing_the_same_file_twice_adds_nothing(campaign, coded):
    data = exchange.export_project(campaign, personal_data=True)
    report = exchange.import_file(campaign, "projet.qdpx", data, user=None)
    assert report.errors == []
    assert (report.codes_created, report.codings_created, report.memos_created) == (0, 0, 0)
    assert report.sources_matched == 2 and report.codings_kept == 4


def test_a_qualcoder_project_imports_with_no_orphan_and_no_lost_code(campaign, analyst_axel):
    data = (DATA / "qualcoder-entretiens.qdpx").read_bytes()
    project, _warnings = qdpx.read_qdpx(data)
    report = exchange.import_file(campaign, "entretiens.qdpx", data, user=analyst_axel)
    assert report.errors == []
    assert sorted(found.code for found in report.warnings) == [
        "QDPX_SOURCE_REF_BY_FILE",
        "QDPX_USER_UNMATCHED",
        "QDPX_USER_UNMATCHED",
    ]
    stored = Code.objects.filter(codebook__campaign=campaign)
    assert sorted(stored.values_list("guid", flat=True)) == sorted(
        uuid.UUID(guid) for guid in project.code_paths()
    )
    pairs = stored.get(name="Pairs aidants")
    assert (pairs.parent.name, pairs.parent.parent.name) == ("Aller vers", "Pratiques")
    codings = Coding.objects.filter(source__campaign=campaign)
    assert codings.count() == 9 == report.codings_created
    for coding in codings:
        assert coding.source.text[coding.start : coding.end] == coding.exact
    assert Case.objects.get(campaign=campaign, name="Personne A").attributes == {
        "Profil": "Éducatrice spécialisée",
        "Ancienneté": 12,
    }
    assert Source.objects.filter(campaign=campaign, case__isnull=False).count() == 3
    # The journal (on the campaign), the annotation (on its text), the coding's memo.
    memos = Memo.objects.filter(campaign=campaign)
    assert memos.count() == 3 == report.memos_created
    assert memos.get(coding__isnull=False).text == "Exemple type"
    assert memos.get(source__isnull=False).text == "Relire avec l’équipe"


def test_an_answer_is_recognised_by_its_text(campaign, coded, analyst_axel):
    data = exchange.export_project(campaign, personal_data=True)
    fresh = make_campaign(small_questionnaire("autre"), slug="autre")
    answer = Source.objects.create(campaign=fresh, kind="answer", name="Q15", text=TEXT)
    report = exchange.import_file(fresh, "projet.qdpx", data, user=analyst_axel)
    assert report.sources_matched == 1 and report.sources_created == 1
    assert answer.codings.count() == 3


@pytest.mark.parametrize(
    "broken",
    [
        lambda: b"not a zip at all",
        lambda: tamper(drop=("sources/00000000-0000-4000-8000-000000000020.txt",)),
        lambda: tamper(lambda t: t.replace('endPosition="', 'endPosition="9', 1)),
        lambda: tamper(
            lambda t: t.replace(
                '<CodeRef targetGUID="00000000-0000-4000-8000-000000000012"',
                '<CodeRef targetGUID="00000000-0000-4000-8000-000000000099"',
            )
        ),
    ],
    ids=["bad-zip", "missing-source", "offsets-outside", "orphan-coding"],
)
def test_a_broken_file_imports_nothing(campaign, analyst_axel, broken):
    report = exchange.import_file(campaign, "projet.qdpx", broken(), user=analyst_axel)
    assert report.errors and report.errors[0].location.file.startswith("projet.qdpx")
    assert not Code.objects.filter(codebook__campaign=campaign).exists()
    assert not Source.objects.filter(campaign=campaign).exists()


def test_a_problem_found_while_storing_rolls_everything_back(campaign, coded, analyst_axel):
    data = exchange.export_project(campaign, personal_data=True)
    fresh = make_campaign(small_questionnaire("trois"), slug="trois")
    Source.objects.create(
        campaign=fresh, kind="note", name="X", text="autre texte", guid=coded["source"].guid
    )
    report = exchange.import_file(fresh, "projet.qdpx", data, user=analyst_axel)
    assert [found.code for found in report.errors] == ["QDPX_SOURCE_TEXT_CHANGED"]
    assert not Code.objects.filter(codebook__campaign=fresh).exists()
    assert Source.objects.filter(campaign=fresh).count() == 1
    assert report.codings_created == 0


def test_a_codebook_round_trips_through_qdc(campaign, coded):
    data = exchange.export_codebook(campaign)
    codebook, _warnings = qdc.read_qdc(data)
    fresh = make_campaign(small_questionnaire("qdc"), slug="qdc")
    report = exchange.import_file(fresh, "livre.qdc", data, user=None)
    assert report.codes_created == 3 and report.errors == []
    assert qdc.read_qdc(exchange.export_codebook(fresh))[0].codes == codebook.codes


def test_an_unknown_format_is_named(campaign):
    report = exchange.import_file(campaign, "projet.nvp", b"x", user=None)
    assert [found.code for found in report.errors] == ["UNKNOWN_FORMAT"]


def test_the_csv_has_one_row_per_coding_and_masks_names(campaign, coded):
    rows = list(csv.DictReader(io.StringIO(exchange.export_csv(campaign).decode("utf-8-sig"))))
    assert len(rows) == 4
    assert {row["code"] for row in rows} == {"Pratiques / Groupe d’entraide", "Soutien"}
    assert all("Claire" not in row["text"] for row in rows)
    whole = exchange.export_csv(campaign, personal_data=True).decode("utf-8-sig")
    assert "Claire Dubois" in whole
    span = next(row for row in rows if row["code"].endswith("entraide"))
    assert span["text"] == "groupe d’entraide 🙂" and span["coder"] == "analyst_axel"


def test_a_formula_in_a_cell_is_made_inert(campaign, coded):
    coded["source"].name = "=HYPERLINK(1)"
    coded["source"].save()
    assert "'=HYPERLINK(1)" in exchange.export_csv(campaign).decode("utf-8-sig")


def test_the_archive_members_are_the_texts_and_the_project(campaign, coded):
    with zipfile.ZipFile(io.BytesIO(exchange.export_project(campaign))) as archive:
        names = archive.namelist()
    assert names[0] == "project.qde"
    assert all(name.startswith("sources/") and name.endswith(".txt") for name in names[1:])
