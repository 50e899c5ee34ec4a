"""The working group moves sheets along the workflow and handles candidates from answers."""

from datetime import UTC, datetime

import pytest

from vivier.campaigns import services
from vivier.practices import registry
from vivier.practices.models import Candidate, Practice
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice(db):
    return registry.save_sheet(Sheet(title="Cafés des parents", summary="Un lieu pour parler."))


def test_the_registry_requires_staff(client, carol, practice):
    client.force_login(carol)
    assert client.get("/staff/pratiques/").status_code == 403


def test_staff_see_every_sheet_and_its_versions(alice_client, practice):
    assert "Cafés des parents" in alice_client.get("/staff/pratiques/").content.decode()
    html = alice_client.get(f"/staff/pratiques/{practice.slug}/").content.decode()
    assert 'id="versions"' in html and "Soumettre au groupe de travail" in html


def test_publishing_takes_the_workflow_steps(alice_client, practice):
    url = f"/staff/pratiques/{practice.slug}/etat/"
    refused = alice_client.post(url, {"state": "published"}, follow=True)
    assert "pas possible depuis l’état actuel" in refused.content.decode()
    for state in ("submitted", "validated", "published"):
        alice_client.post(url, {"state": state})
    assert Practice.objects.get(pk=practice.pk).state == "published"


def test_moving_rejects_get(alice_client, practice):
    assert alice_client.get(f"/staff/pratiques/{practice.slug}/etat/").status_code == 405


def test_a_version_page_shows_what_changed(alice_client, practice):
    from dataclasses import replace

    registry.save_sheet(
        replace(practice.sheet(), summary="Un lieu pour se parler."), practice=practice
    )
    html = alice_client.get(f"/staff/pratiques/{practice.slug}/versions/2/").content.decode()
    assert '<th scope="row">Résumé</th>' in html
    assert "Un lieu pour se parler." in html


def test_a_response_is_proposed_then_rejected_with_its_reason(alice_client, hcts_campaign):
    services.create_submitted(
        hcts_campaign,
        key="r9",
        answers={"q1": "travailleur_social", "q14": "yes", "q15": "Maraudes numériques"},
        submitted_at=datetime(2020, 8, 24, 10, tzinfo=UTC),
    )
    answer = alice_client.post("/staff/pratiques/depuis-reponse/hcts-2020/r9/")
    draft = Practice.objects.get()
    assert answer["Location"] == f"/staff/pratiques/{draft.slug}/"
    assert draft.title == "Maraudes numériques"
    candidate = Candidate.objects.get()
    alice_client.post(
        f"/staff/pratiques/propositions/{candidate.pk}/ecarter/", {"reason": "Hors champ"}
    )
    candidate.refresh_from_db()
    assert (candidate.state, candidate.reason) == ("rejected", "Hors champ")


def test_staff_import_the_report_as_drafts_through_an_upload(alice_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.support import shared_path

    report = shared_path("seed", "rapport-hcts-pratiques-emergentes.txt").read_bytes()
    upload = SimpleUploadedFile("rapport.txt", report, content_type="text/plain")
    answer = alice_client.post("/staff/pratiques/importer/", {"document": upload})
    assert answer.status_code == 200
    assert "21 fiches créées en brouillon" in answer.content.decode()
    assert Practice.objects.filter(state="draft").count() == 21


def test_an_upload_of_another_format_is_refused_in_french(alice_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("fiches.odt", b"x")
    answer = alice_client.post("/staff/pratiques/importer/", {"document": upload})
    assert answer.status_code == 400
    assert "seuls les fichiers .txt, .docx et .pdf" in answer.content.decode()
