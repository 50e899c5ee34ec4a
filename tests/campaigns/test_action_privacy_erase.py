"""Erasing one person's data (POST /staff/donnees-personnelles/effacer/): first what would
go and the confirmation box, then the erasure; for the personal-data role only."""

from __future__ import annotations

import pytest

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.campaigns.privacy_support import people, two_campaigns
from vivier.campaigns.models import AuditEntry, Response, ResponseContact

pytestmark = pytest.mark.django_db

ERASE = "/staff/donnees-personnelles/effacer/"
PRIVACY = "donnees_personnelles"
MARIE = "marie.dupont@exemple.fr"


@pytest.fixture
def world():
    first, second = two_campaigns()
    people(first, second)
    assert ResponseContact.objects.count() == 5


def test_the_personal_data_role_sees_what_would_go_then_erases(privacy_paul_client, world):
    first = privacy_paul_client.post(ERASE, {"contact": MARIE})
    assert first.status_code == 200
    html = first.content.decode()
    assert "les coordonnées de 2 réponses" in html
    assert 'name="confirmer"' in html and f'name="contact" value="{MARIE}"' in html
    assert ResponseContact.objects.count() == 5
    done = privacy_paul_client.post(ERASE, {"contact": MARIE, "confirmer": "on"}, follow=True)
    assert done.redirect_chain == [("/staff/donnees-personnelles/", 302)]
    assert "Données effacées : 2 coordonnées supprimées, 1 brouillons" in done.content.decode()
    assert ResponseContact.objects.count() == 3
    assert not Response.objects.filter(key="marie-brouillon").exists()
    assert AuditEntry.objects.filter(action="personal-data.erase", actor="privacy_paul").exists()


def test_it_rejects_the_wrong_method(privacy_paul_client, world):
    assert privacy_paul_client.get(ERASE).status_code == 405
    assert privacy_paul_client.delete(ERASE).status_code == 405
    assert ResponseContact.objects.count() == 5


@pytest.mark.parametrize("persona", others(PRIVACY))
def test_it_requires_the_personal_data_role(request, world, persona):
    answer = client_of(request, persona).post(ERASE, {"contact": MARIE, "confirmer": "on"})
    assert answer.status_code == 403
    assert ResponseContact.objects.count() == 5


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    assert sent_to_sign_in(client.post(ERASE, {"contact": MARIE, "confirmer": "on"}))
    assert ResponseContact.objects.count() == 5


def test_the_box_left_unticked_keeps_the_person_and_says_what_to_do(privacy_paul_client, world):
    answer = privacy_paul_client.post(ERASE, {"contact": MARIE, "confirmer_envoye": "1"})
    assert answer.status_code == 400
    html = answer.content.decode()
    # The same page, the person still in the form, the error next to the box.
    assert f'name="contact" value="{MARIE}"' in html
    assert "Cochez la case de confirmation pour effacer ces données." in html
    assert 'aria-describedby="f-confirmer-desc-error"' in html and 'href="#f-confirmer"' in html
    assert ResponseContact.objects.count() == 5


def test_a_wrong_identifier_comes_back_as_typed(privacy_paul_client, world):
    answer = privacy_paul_client.post(ERASE, {"contact": "Marie", "confirmer": "on"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert 'value="Marie"' in html
    assert "« Marie » n’est ni une adresse électronique ni un numéro" in html
    assert ResponseContact.objects.count() == 5
