"""A campaign's flagged free texts: masking or keeping one (POST
/staff/campagnes/<slug>/textes-signales/<key>/<question>/) and looking through the answers
again (POST .../textes-signales/relire/); for the personal-data role only."""

from __future__ import annotations

import pytest

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.campaigns.privacy_support import people, two_campaigns
from vivier.campaigns.models import AuditEntry, Response, TextFlag

pytestmark = pytest.mark.django_db

FLAGGED = "/staff/campagnes/premiere/textes-signales/"
PAUL = FLAGGED + "paul/role_other/"
SCAN = FLAGGED + "relire/"
PRIVACY = "donnees_personnelles"
PAUL_TEXT = "collègue de Marie (06.12.34.56.78), service : 01 99 88 77 66"


@pytest.fixture
def world():
    first, second = two_campaigns()
    people(first, second)


def paul_text() -> str:
    return Response.objects.get(key="paul").answers["role_other"]


def test_the_personal_data_role_masks_a_text(privacy_paul_client, world):
    done = privacy_paul_client.post(PAUL, {"action": "masquer"}, follow=True)
    assert done.redirect_chain == [(FLAGGED, 302)]
    assert "2 adresses ou numéros masqués." in done.content.decode()
    assert "[numéro de téléphone effacé]" in paul_text()


def test_the_personal_data_role_keeps_a_text(privacy_paul_client, world):
    done = privacy_paul_client.post(PAUL, {"action": "garder"}, follow=True)
    assert "marqué comme revu" in done.content.decode()
    assert paul_text() == PAUL_TEXT
    assert TextFlag.objects.get(response__key="paul").reviewed_by == "privacy_paul"


def test_a_form_without_action_masks(privacy_paul_client, world):
    assert privacy_paul_client.post(PAUL).status_code == 302
    assert "[numéro de téléphone effacé]" in paul_text()


def test_the_personal_data_role_scans_again(privacy_paul_client, world):
    TextFlag.objects.all().delete()
    done = privacy_paul_client.post(SCAN, follow=True)
    assert done.redirect_chain == [(FLAGGED, 302)]
    assert "3 réponses relues, 2 textes libres signalés." in done.content.decode()
    assert TextFlag.objects.count() == 2


@pytest.mark.parametrize("url", [PAUL, SCAN])
def test_it_rejects_the_wrong_method(privacy_paul_client, world, url):
    assert privacy_paul_client.get(url).status_code == 405
    assert privacy_paul_client.put(url).status_code == 405
    assert paul_text() == PAUL_TEXT


@pytest.mark.parametrize("url", [PAUL, SCAN])
@pytest.mark.parametrize("persona", others(PRIVACY))
def test_it_requires_the_personal_data_role(request, world, persona, url):
    TextFlag.objects.all().delete()
    answer = client_of(request, persona).post(url, {"action": "masquer"})
    assert answer.status_code == 403
    assert paul_text() == PAUL_TEXT and not TextFlag.objects.exists()


@pytest.mark.parametrize("url", [PAUL, SCAN])
def test_it_sends_anonymous_visitors_to_sign_in(client, world, url):
    assert sent_to_sign_in(client.post(url, {"action": "masquer"}))
    assert paul_text() == PAUL_TEXT


def test_an_unknown_action_changes_nothing_and_is_named(privacy_paul_client, world):
    answer = privacy_paul_client.post(PAUL, {"action": "effacer"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Rien n’a été changé" in html
    assert "Sélectionnez un choix valide. effacer n’en fait pas partie." in html
    assert "Textes libres à revoir" in html and "06.12.34.56.78" in html
    assert paul_text() == PAUL_TEXT
    assert TextFlag.objects.get(response__key="paul").reviewed_at is None
    assert not AuditEntry.objects.filter(action__endswith="-text").exists()
