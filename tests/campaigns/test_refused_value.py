"""A value the engine refuses is said to the respondent and never costs the answer saved before."""

import pytest

from tests.campaigns.helpers import page_url, start
from tests.support import make_campaign
from vivier.surveys.answers import LONG_TEXT_LIMIT
from vivier.surveys.schema import Question, Questionnaire, QuestionType, Section

pytestmark = pytest.mark.django_db

TOO_LONG = "x" * (LONG_TEXT_LIMIT + 1)


@pytest.fixture
def long_text_campaign(db):
    return make_campaign(
        Questionnaire(
            slug="avis",
            title="Votre avis",
            sections=(
                Section(
                    "avis",
                    "Votre avis",
                    (
                        Question("avis", QuestionType.LONG_TEXT, "Votre avis"),
                        Question("age", QuestionType.INTEGER, "Votre âge", constraint=". >= 16"),
                    ),
                ),
                Section("fin", "Pour finir", (Question("note", QuestionType.SHORT_TEXT, "Note"),)),
            ),
        )
    )


@pytest.mark.parametrize("action", ["save", "next", "previous"])
def test_a_text_over_the_limit_keeps_the_previous_answer_and_says_why(
    client, long_text_campaign, action
):
    response, url = start(client, long_text_campaign)
    first = client.post(page_url(url, "avis"), {"avis": "Premier avis", "action": "next"})
    assert first.status_code == 302
    answer = client.post(page_url(url, "avis"), {"avis": TOO_LONG, "action": action})
    html = answer.content.decode()
    assert answer.status_code == 400
    assert f"Le texte fait {LONG_TEXT_LIMIT + 1} caractères" in html
    assert f"ne doit pas dépasser {LONG_TEXT_LIMIT} caractères" in html
    assert 'href="#f-avis"' in html  # the error summary leads to the field
    assert TOO_LONG in html  # what was typed is shown back, not lost either
    response.refresh_from_db()
    assert response.answers == {"avis": "Premier avis"}


def test_the_other_answers_of_the_page_are_still_saved(client, long_text_campaign):
    response, url = start(client, long_text_campaign)
    client.post(page_url(url, "avis"), {"avis": "Premier avis", "age": "30", "action": "next"})
    answer = client.post(page_url(url, "avis"), {"avis": TOO_LONG, "age": "41", "action": "save"})
    assert answer.status_code == 400
    response.refresh_from_db()
    assert response.answers == {"avis": "Premier avis", "age": 41}


def test_a_number_out_of_range_keeps_the_previous_number(client, long_text_campaign):
    response, url = start(client, long_text_campaign)
    client.post(page_url(url, "avis"), {"age": "30", "action": "next"})
    answer = client.post(page_url(url, "avis"), {"age": "12", "action": "next"})
    assert answer.status_code == 400
    response.refresh_from_db()
    assert response.answers == {"age": 30}


def test_an_answer_emptied_by_the_respondent_is_removed(client, long_text_campaign):
    response, url = start(client, long_text_campaign)
    client.post(page_url(url, "avis"), {"avis": "Premier avis", "action": "next"})
    answer = client.post(page_url(url, "avis"), {"avis": "", "action": "save"})
    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.answers == {}


def test_a_text_at_the_limit_is_saved(client, long_text_campaign):
    response, url = start(client, long_text_campaign)
    text = "y" * LONG_TEXT_LIMIT
    answer = client.post(page_url(url, "avis"), {"avis": text, "action": "save"})
    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.answers == {"avis": text}
