"""A practice holder edits their own sheet and submits it; nobody else's."""

import pytest

from vivier.practices import registry
from vivier.practices.models import Practice
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(carol):
    practice = registry.save_sheet(Sheet(title="Cafés des parents"))
    practice.holder = carol
    practice.save()
    return practice


@pytest.fixture
def carol_client(client, carol):
    client.force_login(carol)
    return client


def _form(**fields):
    data = {"title": "Cafés des parents du quartier", "departements": "Gironde, 2a", "note": ""}
    data.update(fields)
    return data


def test_a_holder_sees_and_edits_their_sheet(carol_client, held):
    assert "Cafés des parents" in carol_client.get("/mes-pratiques/").content.decode()
    answer = carol_client.post(f"/mes-pratiques/{held.slug}/modifier/", _form(stage="emergence"))
    assert answer.status_code == 302
    sheet = Practice.objects.get(pk=held.pk).sheet()
    assert sheet.title == "Cafés des parents du quartier"
    assert sheet.territory.departements == ("33", "2A")
    assert sheet.stage.value == "emergence"
    assert held.versions.count() == 2


def test_an_unknown_departement_is_explained_and_nothing_is_lost(carol_client, held):
    answer = carol_client.post(
        f"/mes-pratiques/{held.slug}/modifier/",
        _form(departements="Atlantide", summary="Mon texte"),
    )
    html = answer.content.decode()
    assert answer.status_code == 400
    assert "Département inconnu : Atlantide" in html
    assert "Mon texte" in html
    assert 'href="#id_departements"' in html


def test_a_holder_submits_a_draft_once(carol_client, held):
    carol_client.post(f"/mes-pratiques/{held.slug}/soumettre/")
    assert Practice.objects.get(pk=held.pk).state == "submitted"
    again = carol_client.post(f"/mes-pratiques/{held.slug}/soumettre/", follow=True)
    assert "Seule une fiche en brouillon peut être soumise" in again.content.decode()
    blocked = carol_client.get(f"/mes-pratiques/{held.slug}/modifier/", follow=True)
    assert "ne peut plus être modifiée" in blocked.content.decode()


def test_nobody_edits_a_sheet_they_do_not_hold(client, bob, held):
    other = bob.__class__.objects.create_user("dan", password="x")
    client.force_login(other)
    assert client.get(f"/mes-pratiques/{held.slug}/modifier/").status_code == 404


def test_the_holder_pages_require_a_login(client, held):
    answer = client.get("/mes-pratiques/")
    assert answer.status_code == 302 and "/staff/connexion/" in answer["Location"]


def test_staff_edit_any_sheet_and_name_its_holder(alice_client, held, carol):
    answer = alice_client.post(
        f"/staff/pratiques/{held.slug}/modifier/", _form(themes=["aller_vers"])
    )
    assert answer.status_code == 302
    assert [t.value for t in Practice.objects.get(pk=held.pk).sheet().themes] == ["aller_vers"]
    alice_client.post(f"/staff/pratiques/{held.slug}/porteur/", {"username": "nobody"})
    assert Practice.objects.get(pk=held.pk).holder == carol
