"""An answer to the survey becomes a candidate sheet, then a draft, a merge or a rejection."""

from datetime import UTC, datetime

import pytest

from vivier.campaigns import services
from vivier.practices import candidates, registry
from vivier.practices.models import Candidate, Practice, PracticeSource
from vivier.sheets.schema import Origin, Sheet, Status
from vivier.surveys.schema import Choice, Question, Questionnaire, QuestionType, Section

pytestmark = pytest.mark.django_db

ANSWERS = {
    "q1": "travailleur_social",
    "q13": "33",
    "q14": "yes",
    "q15": "Conférences familiales pour les jeunes majeurs\nDepuis deux ans",
    "q16": "La famille élargie prépare un plan avec un coordinateur.",
    "q22": "naissante",
    "q23": "besoin_terrain",
}


@pytest.fixture
def response(hcts_campaign):
    return services.create_submitted(
        hcts_campaign,
        key="r1",
        answers=ANSWERS,
        submitted_at=datetime(2020, 8, 24, 10, tzinfo=UTC),
    )


def test_a_proposed_answer_becomes_a_prefilled_draft_linked_to_its_response(response, alice):
    candidate = candidates.propose(response, user=alice)
    sheet = candidate.practice.sheet()
    assert candidate.practice.state == Practice.State.DRAFT
    assert sheet.title == "Conférences familiales pour les jeunes majeurs"
    assert sheet.description.startswith("La famille élargie")
    assert sheet.territory.departements == ("33",)
    assert (sheet.status.value, sheet.origin.value) == ("naissante", "besoin_terrain")
    assert [t.value for t in sheet.themes] == ["conferences_familiales"]
    assert PracticeSource.objects.get().response == response


def test_an_answer_is_proposed_once(response):
    candidates.propose(response)
    with pytest.raises(candidates.CandidateError):
        candidates.propose(response)


def test_merging_moves_the_source_to_the_existing_sheet(response, alice):
    existing = registry.save_sheet(Sheet(title="Conférences familiales en Gironde"))
    candidate = candidates.propose(response)
    draft_id = candidate.practice.pk
    candidates.merge(candidate, existing, user=alice)
    assert candidate.state == Candidate.State.MERGED
    assert not Practice.objects.filter(pk=draft_id).exists()
    assert list(existing.sources.values_list("response__key", flat=True)) == ["r1"]


def test_rejecting_needs_a_reason_and_keeps_it(response, alice):
    candidate = candidates.propose(response)
    with pytest.raises(candidates.CandidateError):
        candidates.reject(candidate, "  ")
    candidates.reject(candidate, "Pratique ancienne, pas émergente.", user=alice)
    candidate.refresh_from_db()
    assert candidate.state == Candidate.State.REJECTED
    assert candidate.reason == "Pratique ancienne, pas émergente."
    assert candidate.response == response
    assert not Practice.objects.exists()


# -- the mapping comes from the questionnaire -------------------------------------------------


def test_a_person_concerned_names_and_describes_the_practice_in_their_own_branch(hcts_campaign):
    answers = {
        "q1": "personne_concernee",
        "q2": "yes",
        "q3": "Groupe d’entraide entre parents",
        "q4": "Des parents se retrouvent chaque semaine avec un pair aidant.",
    }
    response = services.create_submitted(
        hcts_campaign, key="r2", answers=answers, submitted_at=datetime(2020, 8, 25, tzinfo=UTC)
    )
    sheet = candidates.propose(response).practice.sheet()
    assert sheet.title == "Groupe d’entraide entre parents"
    assert sheet.description.startswith("Des parents se retrouvent")
    assert [t.value for t in sheet.themes] == ["pair_aidance"]
    assert sheet.status is None and sheet.territory.departements == ()


def survey(*questions: Question) -> Questionnaire:
    return Questionnaire(slug="autre", title="Autre", sections=(Section("s", "S", questions),))


def test_a_questionnaire_of_its_own_fills_the_fields_it_declares():
    questionnaire = survey(
        Question("intitule", QuestionType.SHORT_TEXT, "Nom", sheet_field="title"),
        Question("lieu", QuestionType.DEPARTEMENT, "Où ?", sheet_field="departement"),
        Question(
            "etat",
            QuestionType.SINGLE_CHOICE,
            "État",
            choices=(Choice("renaissante", "Renaissante"), Choice("autre_chose", "Autre")),
            sheet_field="status",
        ),
        Question(
            "cible",
            QuestionType.MULTIPLE_CHOICE,
            "Publics",
            choices=(Choice("jeunes", "Jeunes majeurs"), Choice("familles", "Familles")),
            sheet_field="publics",
        ),
        Question("q15", QuestionType.LONG_TEXT, "Not mapped here"),
    )
    answers = {
        "intitule": "  Maraude en hiver\nseconde ligne",
        "lieu": "2A",
        "etat": "renaissante",
        "cible": ["jeunes", "familles"],
        "q15": "ignored: this questionnaire does not map q15",
    }
    sheet = candidates.sheet_from_answers(questionnaire, answers, source="Enquête X")
    assert sheet.title == "Maraude en hiver"
    assert [t.value for t in sheet.themes] == ["aller_vers"]
    assert sheet.territory.departements == ("2A",)
    assert sheet.status is Status.REVIVED and sheet.origin is None
    assert sheet.publics == ("Jeunes majeurs, Familles",)
    assert sheet.sources == ("Enquête X",)


def test_answers_that_do_not_fit_their_field_are_left_out():
    questionnaire = survey(
        Question("lieu", QuestionType.SHORT_TEXT, "Où ?", sheet_field="departement"),
        Question("etat", QuestionType.SHORT_TEXT, "État", sheet_field="status"),
        Question("source", QuestionType.SHORT_TEXT, "Origine", sheet_field="origin"),
    )
    answers = {"lieu": "Gironde", "etat": "ancienne", "source": "demande_hierarchie"}
    sheet = candidates.sheet_from_answers(questionnaire, answers)
    assert sheet.territory.departements == () and sheet.status is None
    assert sheet.origin is Origin.HIERARCHY_DEMAND


def test_a_questionnaire_without_sheet_fields_gives_a_draft_to_fill_in():
    questionnaire = survey(Question("q15", QuestionType.LONG_TEXT, "Nom de la pratique"))
    sheet = candidates.sheet_from_answers(questionnaire, {"q15": "Conférences familiales"})
    assert sheet.title == candidates.DEFAULT_TITLE
    assert (sheet.description, sheet.themes, sheet.status) == ("", (), None)


def test_a_blank_answer_fills_no_field_and_the_next_branch_answers():
    """The engine's emptiness rule: a text of spaces says nothing, so the next question
    mapped to the same field (another branch's) gives the title."""
    from vivier.surveys.schema import SheetField

    page = Section(
        "s",
        "Page",
        (
            Question("a", QuestionType.SHORT_TEXT, "A", sheet_field=SheetField.TITLE),
            Question("b", QuestionType.SHORT_TEXT, "B", sheet_field=SheetField.TITLE),
        ),
    )
    questionnaire = Questionnaire("t", "T", (page,))
    sheet = candidates.sheet_from_answers(questionnaire, {"a": "   \n ", "b": "Maraudes"})
    assert sheet.title == "Maraudes"
