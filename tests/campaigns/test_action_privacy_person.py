"""Finding and exporting one person's data (POST /staff/donnees-personnelles/personne/ and
/export/): for the personal-data role only; a wrong identifier comes back as typed."""

from __future__ import annotations

import json

import pytest

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.campaigns.privacy_support import MARIE_PHONE, people, two_campaigns
from vivier.campaigns.models import AuditEntry

pytestmark = pytest.mark.django_db

FIND = "/staff/donnees-personnelles/personne/"
EXPORT = "/staff/donnees-personnelles/export/"
PRIVACY = "donnees_personnelles"


@pytest.fixture
def world():
    first, second = two_campaigns()
    people(first, second)


def test_the_personal_data_role_finds_a_person(privacy_paul_client, world):
    answer = privacy_paul_client.post(FIND, {"contact": MARIE_PHONE})
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "/staff/campagnes/seconde/reponses/marie-2/" in html
    # The next steps carry the person as it was typed.
    assert f'name="contact" value="{MARIE_PHONE}"' in html
    assert AuditEntry.objects.get().actor == "privacy_paul"


def test_the_personal_data_role_exports_a_person(privacy_paul_client, world):
    answer = privacy_paul_client.post(EXPORT, {"contact": "marie.dupont@exemple.fr"})
    assert answer.status_code == 200
    assert "attachment" in answer["Content-Disposition"]
    document = json.loads(answer.content)
    assert sorted(r["id"] for r in document["responses"]) == ["marie-1", "marie-brouillon"]


@pytest.mark.parametrize("url", [FIND, EXPORT])
def test_it_rejects_the_wrong_method(privacy_paul_client, url):
    assert privacy_paul_client.get(url).status_code == 405
    assert privacy_paul_client.put(url).status_code == 405


@pytest.mark.parametrize("url", [FIND, EXPORT])
@pytest.mark.parametrize("persona", others(PRIVACY))
def test_it_requires_the_personal_data_role(request, persona, url):
    answer = client_of(request, persona).post(url, {"contact": MARIE_PHONE})
    assert answer.status_code == 403
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("url", [FIND, EXPORT])
def test_it_sends_anonymous_visitors_to_sign_in(client, url):
    assert sent_to_sign_in(client.post(url, {"contact": MARIE_PHONE}))


@pytest.mark.parametrize("url", [FIND, EXPORT])
def test_a_wrong_identifier_comes_back_as_typed(privacy_paul_client, world, url):
    typed = "marie.dupont@exemple.fr; Marie D."
    answer = privacy_paul_client.post(url, {"contact": typed})
    assert answer.status_code == 400
    assert answer["Content-Type"].startswith("text/html")
    html = answer.content.decode()
    assert f'value="{typed}"' in html
    assert "« Marie D. » n’est ni une adresse électronique ni un numéro" in html
    assert 'aria-describedby="f-contact-desc-error"' in html and 'href="#f-contact"' in html
    assert not AuditEntry.objects.exists()


def test_an_empty_field_says_what_to_type(privacy_paul_client, world):
    answer = privacy_paul_client.post(FIND, {"contact": "  "})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Saisissez l’adresse électronique ou le numéro de téléphone de la personne." in html
    assert not AuditEntry.objects.exists()
