"""The analyst's remarks on a campaign's analysis: adding one (…/analyse/remarques/), on the
overview or on one question's page, and deleting one's own (…/remarques/<pk>/supprimer/).

A remark refused (no type, no text, too long) comes back on the page it was written on, with
what was typed and the field to correct named.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.conftest import PERSONAS
from vivier.campaigns import services
from vivier.reports.models import Remark

pytestmark = pytest.mark.django_db

OTHERS = [name for role, name in PERSONAS.items() if role != "analyste"]
ADD = "/staff/campagnes/petit/analyse/remarques/"
TYPED = "Base de 12 réponses :\r\nà lire avec prudence."


@pytest.fixture
def answered(campaign):
    services.create_submitted(
        campaign,
        key="r1",
        answers={"role": "pro", "connait": "no"},
        submitted_at=datetime(2026, 3, 2, 10, tzinfo=UTC),
    )
    return campaign


@pytest.fixture
def remark(answered, analyst_axel):
    return Remark.objects.create(
        campaign=answered, question="role", kind="ANALYSE", text="À relire.", author=analyst_axel
    )


def text_area(html: str) -> str:
    """What the remark's text area holds (Django writes a line break after its tag)."""
    tag = html.split('<textarea name="text"', 1)[1]
    return tag.split(">", 1)[1].split("</textarea>", 1)[0].removeprefix("\n")


def delete_url(remark: Remark) -> str:
    return f"{ADD}{remark.pk}/supprimer/"


# Adding a remark.


def test_the_analyst_adds_a_remark_to_a_question(analyst_axel_client, answered, analyst_axel):
    answer = analyst_axel_client.post(ADD, {"question": "role", "kind": "ATTENTION", "text": TYPED})
    assert answer.status_code == 302
    assert answer["Location"] == "/staff/campagnes/petit/analyse/q/role/#remarques"
    remark = Remark.objects.get()
    assert (remark.question, remark.kind, remark.author) == ("role", "ATTENTION", analyst_axel)
    # Line breaks kept as one character each, as the text area counted them.
    assert remark.text == "Base de 12 réponses :\nà lire avec prudence."
    page = analyst_axel_client.get("/staff/campagnes/petit/analyse/q/role/").content.decode()
    assert "Base de 12 réponses :<br>à lire avec prudence." in page


def test_the_analyst_adds_a_remark_to_the_overview(analyst_axel_client, answered):
    answer = analyst_axel_client.post(ADD, {"question": "", "kind": "ANALYSE", "text": "Vu."})
    assert answer["Location"] == "/staff/campagnes/petit/analyse/#remarques"
    assert Remark.objects.get().question == ""


def test_adding_rejects_the_wrong_method(analyst_axel_client, answered):
    assert analyst_axel_client.get(ADD).status_code == 405


@pytest.mark.parametrize("persona", OTHERS)
def test_adding_requires_the_role(request, persona, answered):
    client = request.getfixturevalue(f"{persona}_client")
    answer = client.post(ADD, {"question": "role", "kind": "ANALYSE", "text": "Vu."})
    assert answer.status_code == 403
    assert not Remark.objects.exists()


def test_adding_sends_anonymous_visitors_to_sign_in(client, answered):
    answer = client.post(ADD, {"question": "role", "kind": "ANALYSE", "text": "Vu."})
    assert answer.status_code == 302 and answer["Location"].startswith("/staff/connexion/")
    assert not Remark.objects.exists()


def test_a_remark_without_a_type_comes_back_with_its_text(analyst_axel_client, answered):
    answer = analyst_axel_client.post(ADD, {"question": "role", "kind": "", "text": TYPED})
    assert answer.status_code == 400
    html = answer.content.decode()
    # The question's page, the text typed still in the text area, the field named.
    assert "Vous êtes</h1>" in html
    assert text_area(html).replace("\r\n", "\n") == TYPED.replace("\r\n", "\n")
    assert (
        '<a href="#remark-kind">Type de remarque : Choisissez le type de la remarque.</a>' in html
    )
    assert 'name="question" value="role"' in html
    assert not Remark.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "\x01\x0b"])
def test_a_remark_without_text_keeps_the_type_chosen(analyst_axel_client, answered, text):
    answer = analyst_axel_client.post(ADD, {"question": "role", "kind": "ATTENTION", "text": text})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert '<a href="#remark-text">Texte : Écrivez le texte de la remarque.</a>' in html
    assert '<option value="ATTENTION" selected>' in html
    assert "autofocus" in html.split('id="remark-text"', 1)[0].rsplit("<textarea", 1)[1]
    assert not Remark.objects.exists()


def test_a_refused_remark_on_the_overview_comes_back_on_the_overview(analyst_axel_client, answered):
    answer = analyst_axel_client.post(ADD, {"question": "", "text": "Une tendance nette."})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Analyse — Petit questionnaire" in html
    assert text_area(html) == "Une tendance nette."
    assert "Type de remarque : Choisissez le type de la remarque." in html


def test_a_remark_too_long_is_refused_with_its_length(analyst_axel_client, answered):
    text = "x" * 5001
    answer = analyst_axel_client.post(ADD, {"question": "role", "kind": "ANALYSE", "text": text})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "La remarque ne doit pas dépasser 5000 caractères (elle en compte 5001)" in html
    assert text_area(html) == text
    assert 'maxlength="5000"' in html
    assert not Remark.objects.exists()


def test_five_thousand_characters_with_line_breaks_are_accepted(analyst_axel_client, answered):
    # The browser counts a line break as one character; the form sends two (CR LF).
    text = "x" * 4998 + "\r\ny"
    answer = analyst_axel_client.post(ADD, {"question": "role", "kind": "ANALYSE", "text": text})
    assert answer.status_code == 302
    assert len(Remark.objects.get().text) == 5000


def test_a_remark_on_a_question_not_analysed_is_not_found(analyst_axel_client, answered):
    for name in ("courriel", "nope"):  # personal data; no such question
        answer = analyst_axel_client.post(ADD, {"question": name, "kind": "", "text": ""})
        assert answer.status_code == 404
    assert not Remark.objects.exists()


# Deleting one's remark.


def test_the_analyst_deletes_their_remark(analyst_axel_client, remark):
    answer = analyst_axel_client.post(delete_url(remark))
    assert answer.status_code == 302
    assert answer["Location"] == "/staff/campagnes/petit/analyse/q/role/#remarques"
    assert not Remark.objects.exists()


def test_deleting_rejects_the_wrong_method(analyst_axel_client, remark):
    assert analyst_axel_client.get(delete_url(remark)).status_code == 405
    assert Remark.objects.exists()


@pytest.mark.parametrize("persona", OTHERS)
def test_deleting_requires_the_role(request, persona, remark):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.post(delete_url(remark)).status_code == 403
    assert Remark.objects.exists()


def test_deleting_sends_anonymous_visitors_to_sign_in(client, remark):
    answer = client.post(delete_url(remark))
    assert answer.status_code == 302 and answer["Location"].startswith("/staff/connexion/")
    assert Remark.objects.exists()


def test_an_unknown_remark_is_not_found(analyst_axel_client, remark):
    assert analyst_axel_client.post(f"{ADD}999999/supprimer/").status_code == 404
    assert Remark.objects.exists()


def test_a_refused_remark_reads_in_english(analyst_axel_client, answered):
    from django.conf import settings

    analyst_axel_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    answer = analyst_axel_client.post(ADD, {"question": "role", "kind": "ANALYSE", "text": ""})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "The remark is not added:" in html and "Write the remark’s text." in html
