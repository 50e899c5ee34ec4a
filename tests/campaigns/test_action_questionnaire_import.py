"""Importing a questionnaire (POST /staff/questionnaires/), for analysts only; a refused
form comes back with the identifier that was typed."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.support import small_questionnaire
from vivier.campaigns.models import QuestionnaireVersion
from vivier.surveys.codecs import vivier_json

pytestmark = pytest.mark.django_db

LIST = "/staff/questionnaires/"
ANALYST = "analyste"


def document(slug: str = "importe") -> SimpleUploadedFile:
    return SimpleUploadedFile("petit.json", vivier_json.dumps(small_questionnaire(slug)).encode())


def test_an_analyst_imports_a_questionnaire_under_the_identifier_typed(analyst_axel_client):
    answer = analyst_axel_client.post(LIST, {"fichier": document(), "slug": "Vague 2"})
    assert answer.status_code == 302
    assert answer["Location"] == "/staff/questionnaires/vague-2/?version=1&importe=1"
    assert QuestionnaireVersion.objects.get().slug == "vague-2"


def test_the_page_shows_the_form(analyst_axel_client):
    html = analyst_axel_client.get(LIST).content.decode()
    assert 'type="file" name="fichier"' in html and 'name="slug"' in html
    assert 'id="f-fichier"' in html and 'maxlength="90"' in html


def test_it_rejects_the_wrong_method(analyst_axel_client):
    assert analyst_axel_client.put(LIST).status_code == 405
    assert analyst_axel_client.delete(LIST).status_code == 405


@pytest.mark.parametrize("persona", others(ANALYST))
def test_it_requires_the_analyst_role(request, persona):
    answer = client_of(request, persona).post(LIST, {"fichier": document()})
    assert answer.status_code == 403
    assert not QuestionnaireVersion.objects.exists()


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    assert sent_to_sign_in(client.post(LIST, {"fichier": document()}))
    assert not QuestionnaireVersion.objects.exists()


def test_a_missing_file_keeps_the_identifier_typed(analyst_axel_client):
    answer = analyst_axel_client.post(LIST, {"slug": "ma-vague"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Choisissez le fichier du questionnaire à importer." in html
    assert 'href="#f-fichier"' in html and 'aria-describedby="f-fichier-desc-error"' in html
    assert 'name="slug" value="ma-vague"' in html


def test_a_file_too_large_is_refused_before_it_is_read(analyst_axel_client, monkeypatch):
    from vivier.campaigns import forms_questionnaires

    monkeypatch.setattr(forms_questionnaires, "MAX_BYTES", 10)
    answer = analyst_axel_client.post(LIST, {"fichier": document(), "slug": "ma-vague"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Le fichier dépasse la taille maximale" in html
    assert 'name="slug" value="ma-vague"' in html
    assert not QuestionnaireVersion.objects.exists()


def test_an_identifier_too_long_is_named(analyst_axel_client):
    typed = "x" * 91
    answer = analyst_axel_client.post(LIST, {"fichier": document(), "slug": typed})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "au plus 90 caractères" in html and f'value="{typed}"' in html
    assert not QuestionnaireVersion.objects.exists()
