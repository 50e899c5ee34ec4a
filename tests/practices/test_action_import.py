"""Importing sheets from a document (/staff/pratiques/importer/): the working group's."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import PERSONAS
from tests.practices.test_import_report import INVENTED
from vivier.practices.models import Practice

pytestmark = pytest.mark.django_db

URL = "/staff/pratiques/importer/"
OTHERS = [name for role, name in PERSONAS.items() if role != "groupe_de_travail"]


def upload(name: str = "fiches.txt", text: str = INVENTED) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def test_the_working_group_opens_the_page_and_imports_drafts(group_gael_client):
    page = group_gael_client.get(URL)
    assert page.status_code == 200
    assert 'type="file" name="document"' in page.content.decode()
    answer = group_gael_client.post(URL, {"document": upload()})
    assert answer.status_code == 200
    assert "2 fiches créées en brouillon depuis « fiches.txt »" in answer.content.decode()
    assert Practice.objects.filter(state="draft").count() == 2


@pytest.mark.parametrize("method", ["put", "delete"])
def test_it_rejects_the_wrong_method(group_gael_client, method):
    assert getattr(group_gael_client, method)(URL).status_code == 405


@pytest.mark.parametrize("persona", OTHERS)
def test_it_requires_the_role(request, persona):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"document": upload()}).status_code == 403
    assert not Practice.objects.exists()


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    answer = client.post(URL, {"document": upload()})
    assert answer.status_code == 302 and answer["Location"].startswith("/staff/connexion/")
    assert not Practice.objects.exists()


def test_without_a_document_the_field_says_so(group_gael_client):
    answer = group_gael_client.post(URL, {})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert '<a href="#document">Document : Choisissez un document à importer.</a>' in html
    assert 'id="document"' in html and "fr-upload-group--error" in html


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("fiches.odt", INVENTED, "« fiches.odt » : seuls les fichiers .txt, .docx et .pdf"),
        ("notes.txt", "Rien qui ressemble à une fiche.\n", "Aucune fiche n’a été trouvée"),
        ("vide.txt", "", "Ce document est vide."),
    ],
)
def test_a_document_refused_is_said_next_to_the_field(group_gael_client, name, text, said):
    answer = group_gael_client.post(URL, {"document": upload(name, text)})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert said in html
    assert 'aria-describedby="document-desc-error"' in html
    assert not Practice.objects.exists()
