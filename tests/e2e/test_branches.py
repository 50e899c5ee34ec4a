"""The questionnaire's branches as a respondent goes through them in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.respondent import (
    REVIEW,
    answer,
    continue_to,
    go_straight_to,
    press_button,
    response_of,
    send,
    start,
    walk,
    where,
)
from vivier.campaigns.models import Response
from vivier.surveys.questionnaires import hcts_2020

pytestmark = pytest.mark.e2e

PERSONS_CONCERNED_PATH = [
    "profil",
    "parcours_personnes_concernees",
    "personnes_concernees_pratique",
    "personnes_concernees_participation",
    "personnes_concernees_effets",
    "personnes_concernees_fin",
]
FIELD_NEED_QUESTIONS = {"q24", "q25", "q26", "q27"}


def _sections_of(*names: str) -> set[str]:
    q = hcts_2020.build()
    return {q.section_of(name).name for name in names}


def test_persons_concerned_answer_their_own_pages_and_never_the_professionals_ones(page, hcts):
    start(page, hcts)
    shown = walk(
        page,
        {
            "profil": {"q1": "personne_concernee"},
            "parcours_personnes_concernees": {"q2": "yes"},
            "personnes_concernees_pratique": {
                "q3": "Les maraudes du samedi",
                "q4": "Des éducateurs passent dans la rue et proposent un café.",
            },
            "personnes_concernees_participation": {
                "q5": "yes",
                "q6": ["avis", "idees"],
                "q7": "yes",
            },
            "personnes_concernees_effets": {
                "q8": "mieux",
                "q9": "On me parle autrement.",
                "q10": "yes",
            },
            "personnes_concernees_fin": {"q11": "Merci pour ce questionnaire."},
        },
    )

    assert shown == PERSONS_CONCERNED_PATH
    expect(page.get_by_text("Connaissez-vous au moins une pratique émergente ?")).to_have_count(0)
    send(page)
    response = response_of(hcts)
    assert response.status == Response.Status.SUBMITTED
    assert response.answers == {
        "q1": "personne_concernee",
        "q2": "yes",
        "q3": "Les maraudes du samedi",
        "q4": "Des éducateurs passent dans la rue et proposent un café.",
        "q5": "yes",
        "q6": ["avis", "idees"],
        "q7": "yes",
        "q8": "mieux",
        "q9": "On me parle autrement.",
        "q10": "yes",
        "q11": "Merci pour ce questionnaire.",
    }


def test_a_professional_who_knows_no_practice_goes_from_q14_to_the_review(page, hcts):
    start(page, hcts)
    shown = walk(
        page,
        {
            "profil": {"q1": "travailleur_social"},
            "structure_territoire": {"q12": "ccas", "q13": "974"},
            "connaissance_pratiques": {"q14": "no"},
        },
    )

    assert shown == ["profil", "structure_territoire", "connaissance_pratiques"]
    assert where(page) == REVIEW
    send(page)
    response = response_of(hcts)
    assert response.status == Response.Status.SUBMITTED
    assert response.answers == {
        "q1": "travailleur_social",
        "q12": "ccas",
        "q13": "974",
        "q14": "no",
    }


def test_a_practice_asked_by_the_hierarchy_shows_the_hierarchy_pages_then_rejoins_at_q31(
    page, hcts
):
    start(page, hcts)
    shown = walk(
        page,
        {
            "profil": {"q1": "cadre_direction"},
            "connaissance_pratiques": {"q14": "yes"},
            "origine": {"q23": "demande_hierarchie"},
            "demande_hierarchie": {
                "q28": "La direction générale",
                "q29": "yes",
                "q30": "obligation_reglementaire",
            },
            "evolution_pratiques": {"q31": "creation_reponse_nouvelle"},
        },
    )

    hierarchy = shown.index("demande_hierarchie")
    assert shown[hierarchy - 1 : hierarchy + 2] == [
        "origine",
        "demande_hierarchie",
        "evolution_pratiques",
    ]
    assert _sections_of(*FIELD_NEED_QUESTIONS).isdisjoint(shown)
    send(page)
    response = response_of(hcts)
    assert response.status == Response.Status.SUBMITTED
    assert response.answers == {
        "q1": "cadre_direction",
        "q14": "yes",
        "q23": "demande_hierarchie",
        "q28": "La direction générale",
        "q29": "yes",
        "q30": "obligation_reglementaire",
        "q31": "creation_reponse_nouvelle",
    }


def test_changing_the_origin_to_the_hierarchy_forgets_the_field_need_answers(page, hcts):
    start(page, hcts)
    answer(page, "q1", "responsable_equipe")
    continue_to(page)
    continue_to(page)
    answer(page, "q14", "yes")
    continue_to(page)
    go_straight_to(page, "origine")
    answer(page, "q23", "besoin_terrain")
    assert continue_to(page) == "besoin_terrain"
    answer(page, "q24", "Un besoin repéré en réunion.")
    assert press_button(page, "Page précédente") == "origine"
    assert response_of(hcts).answers["q24"] == "Un besoin repéré en réunion."

    answer(page, "q23", "demande_hierarchie")
    assert continue_to(page) == "demande_hierarchie"
    expect(page.locator("#q-q30")).to_be_hidden()
    answer(page, "q29", "yes")
    expect(page.locator("#q-q30")).to_be_visible()

    answers = response_of(hcts).answers
    assert answers["q23"] == "demande_hierarchie"
    assert FIELD_NEED_QUESTIONS.isdisjoint(answers)


def test_with_javascript_q34_appears_and_disappears_with_the_answer_to_q33(page, hcts):
    start(page, hcts)
    answer(page, "q1", "benevole")
    continue_to(page)
    continue_to(page)
    answer(page, "q14", "yes")
    continue_to(page)
    go_straight_to(page, "inspiration")
    page.evaluate("window.stillTheSamePage = true")
    sources = page.get_by_label("Quelles ont été ces sources d'inspiration ?")

    expect(sources).to_be_hidden()
    answer(page, "q33", "yes")
    expect(sources).to_be_visible()
    answer(page, "q33", "no")
    expect(sources).to_be_hidden()
    answer(page, "q33", "yes")
    expect(sources).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is True, "the page was reloaded"

    sources.fill("Une association de Lille.")
    continue_to(page)
    assert response_of(hcts).answers["q34"] == "Une association de Lille."


def test_without_javascript_a_short_path_completes_and_is_stored(new_page, hcts):
    page = new_page(javascript=False)
    start(page, hcts)
    shown = walk(
        page,
        {
            "profil": {"q1": "other", "q1_other": "Médiatrice numérique"},
            "structure_territoire": {"q13": "2A"},
            "connaissance_pratiques": {"q14": "no"},
        },
    )

    assert shown == ["profil", "structure_territoire", "connaissance_pratiques"]
    send(page)
    response = response_of(hcts)
    assert response.status == Response.Status.SUBMITTED
    assert response.mode == Response.Mode.ONLINE
    assert response.answers == {
        "q1": "other",
        "q1_other": "Médiatrice numérique",
        "q13": "2A",
        "q14": "no",
    }
