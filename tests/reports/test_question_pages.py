"""Every question page of the demo campaign's dashboard answers, free-text questions included."""

import pytest

from vivier.surveys.schema import QuestionType

pytestmark = pytest.mark.django_db

BASE = "/staff/campagnes/hcts-2020/analyse/"


def _analysed(campaign):
    q = campaign.questionnaire.questionnaire()
    return [qu for qu in q.questions() if qu.answerable and not qu.personal_data]


def test_every_question_page_of_the_demo_answers(alice_client, demo):
    questions = _analysed(demo)
    failed = {
        qu.name: status
        for qu in questions
        if (status := alice_client.get(f"{BASE}q/{qu.name}/").status_code) != 200
    }
    assert failed == {}
    assert len(questions) == 73
    assert sum(qu.type is QuestionType.LONG_TEXT for qu in questions) > 0


def test_a_free_text_question_page_lists_its_texts(alice_client, demo):
    html = alice_client.get(BASE + "q/q11/").content.decode()
    assert "Réponses en texte libre" in html
    assert "Merci de nous poser la question à nous aussi." in html


def test_a_choice_question_page_lists_the_details_given_with_other(alice_client, demo):
    questions = _analysed(demo)
    with_other = next(qu for qu in questions if qu.other)
    html = alice_client.get(f"{BASE}q/{with_other.name}/").content.decode()
    assert "Réponses en texte libre" in html


def test_a_question_page_requires_staff(client, bob, carol, demo):
    client.force_login(bob)
    assert client.get(BASE + "q/q11/").status_code == 200
    client.force_login(carol)
    assert client.get(BASE + "q/q11/").status_code == 403
    client.logout()
    answer = client.get(BASE + "q/q11/")
    assert answer.status_code == 302
    assert "login" in answer["Location"] or "connexion" in answer["Location"]


def test_a_question_page_rejects_post(alice_client, demo):
    assert alice_client.post(BASE + "q/q11/").status_code == 405
