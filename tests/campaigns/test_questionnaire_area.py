"""Staff bring a questionnaire file, read what the import says, preview and open a campaign."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.support import small_questionnaire
from vivier.campaigns.models import Campaign, QuestionnaireVersion
from vivier.surveys.codecs import vivier_json

pytestmark = pytest.mark.django_db


def upload(client, name: str, content: bytes, **extra):
    return client.post(
        "/staff/questionnaires/", {"fichier": SimpleUploadedFile(name, content), **extra}
    )


def test_the_area_is_for_staff_only(client, carol):
    assert client.get("/staff/questionnaires/").status_code == 302
    client.force_login(carol)
    assert client.get("/staff/questionnaires/").status_code == 403


def test_a_valid_file_becomes_a_version_and_its_page_says_so(bob_client):
    document = vivier_json.dumps(small_questionnaire("importe"))
    answer = upload(bob_client, "petit.json", document.encode(), slug="")
    assert answer.status_code == 302
    assert answer["Location"] == "/staff/questionnaires/importe/?version=1&importe=1"
    version = QuestionnaireVersion.objects.get(slug="importe")
    assert version.source_format == "vivier" and version.source_name == "petit.json"
    page = bob_client.get(answer["Location"]).content.decode()
    assert "Questionnaire importé" in page
    assert "Vous êtes" in page and "${role} = &#x27;pro&#x27;" in page
    listing = bob_client.get("/staff/questionnaires/").content.decode()
    assert "Petit questionnaire" in listing


def test_the_slug_can_be_chosen_at_import(bob_client):
    document = vivier_json.dumps(small_questionnaire("importe"))
    upload(bob_client, "petit.json", document.encode(), slug="Mon enquête 2026")
    assert QuestionnaireVersion.objects.filter(slug="mon-enquete-2026").exists()


def test_a_broken_file_is_refused_with_what_and_where_and_nothing_is_stored(bob_client):
    data = vivier_json.dump(small_questionnaire("casse"))
    data["sections"][0]["questions"][0]["type"] = "choix"
    answer = upload(bob_client, "casse.json", json.dumps(data).encode())
    html = answer.content.decode()
    assert answer.status_code == 400
    assert 'id="error-summary"' in html
    assert "Le questionnaire n’a pas été importé" in html
    assert "sections[0].questions[0].type" in html
    assert "casse.json" in html
    assert not QuestionnaireVersion.objects.filter(slug="casse").exists()


def test_an_unknown_format_and_a_missing_file_are_explained(bob_client):
    answer = upload(bob_client, "notes.pdf", b"%PDF-1.4")
    assert answer.status_code == 400
    assert "Format de fichier non reconnu (.pdf)" in answer.content.decode()
    missing = bob_client.post("/staff/questionnaires/", {"slug": "x"})
    assert missing.status_code == 400
    assert 'href="#f-fichier"' in missing.content.decode()
    assert 'value="x"' in missing.content.decode()  # what was typed stays


def test_preview_walks_the_pages_with_relevance_and_stores_nothing(bob_client):
    upload(bob_client, "petit.json", vivier_json.dumps(small_questionnaire("apercu")).encode())
    first = bob_client.get("/staff/questionnaires/apercu/apercu/")
    assert first.status_code == 200
    assert "Vous êtes" in first.content.decode()
    assert "les réponses ne sont pas enregistrées" in first.content.decode()
    # A person concerned skips the professional page, as in the real form.
    answer = bob_client.post("/staff/questionnaires/apercu/apercu/profil/", {"role": "pc"})
    assert answer.status_code == 302
    assert answer["Location"] == "/staff/questionnaires/apercu/apercu/contact/?version=1"
    bad = bob_client.post("/staff/questionnaires/apercu/apercu/profil/", {"age": "douze"})
    assert bad.status_code == 400
    assert "nombre entier" in bad.content.decode()
    assert not Campaign.objects.exists()


def test_download_as_vivier_json_gives_back_the_same_questionnaire(bob_client):
    questionnaire = small_questionnaire("aller-retour")
    upload(bob_client, "petit.json", vivier_json.dumps(questionnaire).encode())
    answer = bob_client.get("/staff/questionnaires/aller-retour/telecharger.json")
    assert answer.status_code == 200
    assert "aller-retour-v1.json" in answer["Content-Disposition"]
    assert vivier_json.loads(answer.content) == questionnaire


def test_a_campaign_opens_on_the_imported_version(bob_client):
    upload(bob_client, "petit.json", vivier_json.dumps(small_questionnaire("ouvrir")).encode())
    empty = bob_client.post("/staff/questionnaires/ouvrir/campagne/", {"title": ""})
    assert empty.status_code == 400
    assert "Donnez un titre à la campagne." in empty.content.decode()
    answer = bob_client.post(
        "/staff/questionnaires/ouvrir/campagne/", {"title": "Enquête départementale"}
    )
    assert answer.status_code == 302
    campaign = Campaign.objects.get(slug="enquete-departementale")
    assert campaign.questionnaire.slug == "ouvrir" and campaign.is_open
    again = bob_client.post(
        "/staff/questionnaires/ouvrir/campagne/", {"title": "Enquête départementale"}
    )
    assert again.status_code == 400
    assert "déjà l’identifiant « enquete-departementale »" in again.content.decode()
