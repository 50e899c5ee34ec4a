"""What questionnaires brought from other tools ask of the respondent form: soft mandatory
questions, default values and texts in the respondent's language."""

import pytest

from tests.campaigns.helpers import page_url, start
from tests.support import make_campaign
from vivier.surveys.schema import Choice, Question, Questionnaire, QuestionType, Section

pytestmark = pytest.mark.django_db


def imported() -> Questionnaire:
    return Questionnaire(
        slug="importe",
        title="Questionnaire importé",
        sections=(
            Section(
                "s1",
                "Votre structure",
                (
                    Question(
                        "taille",
                        QuestionType.INTEGER,
                        "Nombre de salariés",
                        soft_required=True,
                        translations={"en": {"label": "Number of employees"}},
                    ),
                    Question(
                        "secteur",
                        QuestionType.SINGLE_CHOICE,
                        "Secteur",
                        default="public",
                        choices=(
                            Choice("public", "Public", {"en": "Public sector"}),
                            Choice("associatif", "Associatif", {"en": "Non-profit"}),
                        ),
                    ),
                ),
                translations={"en": {"title": "Your organisation"}},
            ),
            Section("s2", "Fin", (Question("avis", QuestionType.LONG_TEXT, "Un avis ?"),)),
        ),
    )


def test_a_soft_mandatory_question_warns_once_then_lets_the_respondent_go_on(client):
    campaign = make_campaign(imported())
    response, url = start(client, campaign)
    first = client.post(page_url(url, "s1"), {"action": "next", "secteur": "public"})
    html = first.content.decode()
    assert first.status_code == 200
    assert "Certaines questions sont restées sans réponse" in html
    assert 'href="#f-taille"' in html
    assert 'name="soft_confirmed"' in html
    response.refresh_from_db()
    assert response.answers == {"secteur": "public"}  # nothing typed is lost
    second = client.post(
        page_url(url, "s1"), {"action": "next", "secteur": "public", "soft_confirmed": "1"}
    )
    assert second.status_code == 302
    assert second["Location"].endswith("/p/s2/")


def test_an_answered_soft_mandatory_question_says_nothing(client):
    campaign = make_campaign(imported())
    _response, url = start(client, campaign)
    answer = client.post(page_url(url, "s1"), {"action": "next", "taille": "12"})
    assert answer.status_code == 302


def test_a_default_value_is_preselected_until_the_respondent_answers(client):
    campaign = make_campaign(imported())
    _response, url = start(client, campaign)
    html = client.get(page_url(url, "s1")).content.decode()
    assert 'value="public" checked' in html
    client.post(page_url(url, "s1"), {"action": "save", "secteur": "associatif"})
    html = client.get(page_url(url, "s1")).content.decode()
    assert 'value="associatif" checked' in html
    assert 'value="public" checked' not in html


def test_texts_follow_the_language_of_the_interface_when_translated(client):
    campaign = make_campaign(imported())
    _response, url = start(client, campaign)
    french = client.get(page_url(url, "s1")).content.decode()
    assert "Nombre de salariés" in french and "Votre structure" in french
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(page_url(url, "s1")).content.decode()
    assert "Number of employees" in english
    assert "Your organisation" in english
    assert "Non-profit" in english
    # Untranslated texts stay in the questionnaire's own language.
    assert "Secteur" in english
