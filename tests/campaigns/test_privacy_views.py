"""The staff pages for personal data: each works for alice (personal-data right), is refused
to bob (staff without it), carol (not staff) and the public, and refuses the wrong method."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.campaigns.privacy_support import draft, people, two_campaigns
from vivier.campaigns.models import AuditEntry, Response, ResponseContact, TextFlag

pytestmark = pytest.mark.django_db

PERSON = {"contact": "marie.dupont@exemple.fr"}


@pytest.fixture
def world():
    first, second = two_campaigns()
    people(first, second)
    return first, second


#: (method, url, data) of every action; the URLs of the campaign "premiere".
ACTIONS = [
    ("get", "/staff/donnees-personnelles/", None),
    ("post", "/staff/donnees-personnelles/personne/", PERSON),
    ("post", "/staff/donnees-personnelles/export/", PERSON),
    ("post", "/staff/donnees-personnelles/effacer/", {**PERSON, "confirmer": "1"}),
    ("get", "/staff/donnees-personnelles/conservation/", None),
    ("post", "/staff/donnees-personnelles/purger/", {}),
    ("post", "/staff/campagnes/premiere/textes-signales/paul/role_other/", {"action": "masquer"}),
    ("post", "/staff/campagnes/premiere/textes-signales/relire/", {}),
]


def _call(client, method, url, data):
    return client.get(url) if method == "get" else client.post(url, data or {})


@pytest.mark.parametrize(("method", "url", "data"), ACTIONS)
def test_the_public_is_sent_to_the_login_page(client, world, method, url, data):
    answer = _call(client, method, url, data)
    assert answer.status_code == 302
    assert answer["Location"].startswith("/staff/connexion/")


@pytest.mark.parametrize(("method", "url", "data"), ACTIONS)
def test_accounts_without_the_personal_data_right_are_refused(
    client, bob, carol, world, method, url, data
):
    for user in (bob, carol):
        client.force_login(user)
        assert _call(client, method, url, data).status_code == 403, user
    # Nothing happened.
    assert ResponseContact.objects.count() == 5
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(("method", "url", "data"), ACTIONS)
def test_the_wrong_method_is_refused(alice_client, world, method, url, data):
    wrong = alice_client.post(url, data or {}) if method == "get" else alice_client.get(url)
    assert wrong.status_code == 405
    assert ResponseContact.objects.count() == 5


def test_alice_finds_a_person_and_every_step_is_audited(alice_client, world):
    page = alice_client.get("/staff/donnees-personnelles/")
    assert page.status_code == 200
    assert 'name="contact"' in page.content.decode()
    found = alice_client.post(
        "/staff/donnees-personnelles/personne/", {"contact": "06.12.34.56.78"}
    )
    assert found.status_code == 200
    assert "no-store" in found["Cache-Control"]
    html = found.content.decode()
    assert "/staff/campagnes/seconde/reponses/marie-2/" in html
    assert "+33 6 12 34 56 78" in html  # the contact as stored
    assert "/staff/campagnes/premiere/reponses/paul/" in html  # the mention
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action) == ("alice", "personal-data.find")


def test_a_wrong_identifier_is_named_on_the_page(alice_client, world):
    answer = alice_client.post("/staff/donnees-personnelles/personne/", {"contact": "Marie"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "« Marie » n’est ni une adresse électronique ni un numéro" in html
    assert 'aria-describedby="f-contact-desc-error"' in html


def test_alice_exports_a_person_as_json(alice_client, world):
    answer = alice_client.post("/staff/donnees-personnelles/export/", PERSON)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/json")
    assert "attachment" in answer["Content-Disposition"]
    document = json.loads(answer.content)
    assert sorted(r["id"] for r in document["responses"]) == ["marie-1", "marie-brouillon"]
    assert AuditEntry.objects.get().action == "personal-data.export"


def test_erasure_asks_for_confirmation_first(alice_client, world):
    first = alice_client.post("/staff/donnees-personnelles/effacer/", PERSON)
    assert first.status_code == 200
    html = first.content.decode()
    assert 'name="confirmer"' in html and "les coordonnées de 2 réponses" in html
    unticked = alice_client.post(
        "/staff/donnees-personnelles/effacer/", {**PERSON, "confirmer_envoye": "1"}
    )
    assert unticked.status_code == 400
    assert "Cochez la case de confirmation" in unticked.content.decode()
    assert ResponseContact.objects.count() == 5
    done = alice_client.post(
        "/staff/donnees-personnelles/effacer/", {**PERSON, "confirmer": "1"}, follow=True
    )
    assert done.status_code == 200
    assert "Données effacées : 2 coordonnées supprimées, 1 brouillons" in done.content.decode()
    assert ResponseContact.objects.count() == 3
    assert not Response.objects.filter(key="marie-brouillon").exists()
    assert not Response.objects.get(key="marie-1").has_personal_data
    assert "personal-data.erase" in AuditEntry.objects.values_list("action", flat=True)


def test_alice_sees_what_is_due_and_purges_it(alice_client, world, settings):
    settings.VIVIER_DRAFT_RETENTION_DAYS = "30"
    settings.VIVIER_CONTACT_RETENTION_DAYS = "off"
    settings.VIVIER_CONTACT_RETENTION_AFTER_CLOSE_DAYS = "off"
    draft(world[0], "oublie", {"courriel": "o@ex.fr"}, updated_at=timezone.now() - timedelta(40))
    page = alice_client.get("/staff/donnees-personnelles/conservation/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="due-drafts">1<' in html and 'id="due-contacts">0<' in html
    assert "30 jours après leur dernière modification" in html
    done = alice_client.post("/staff/donnees-personnelles/purger/", follow=True)
    assert "Purge faite : 0 coordonnées et 1 brouillons abandonnés supprimés." in (
        done.content.decode()
    )
    assert not Response.objects.filter(key="oublie").exists()
    assert AuditEntry.objects.get().actor == "alice"


def test_a_wrong_retention_setting_is_named_on_the_page(alice_client, world, settings):
    settings.VIVIER_DRAFT_RETENTION_DAYS = "-3"
    page = alice_client.get("/staff/donnees-personnelles/conservation/")
    assert "VIVIER_DRAFT_RETENTION_DAYS vaut « -3 »" in page.content.decode()


def test_bob_reviews_flagged_texts_masked_and_alice_in_full(client, bob, alice, world):
    url = "/staff/campagnes/premiere/textes-signales/"
    client.force_login(bob)
    masked = client.get(url)
    assert masked.status_code == 200
    html = masked.content.decode()
    assert "collègue de Marie ([numéro de téléphone]), service : [numéro de téléphone]" in html
    assert "06.12.34.56.78" not in html and "marie.dupont" not in html
    assert "Masquer les coordonnées" not in html
    client.force_login(alice)
    full = client.get(url).content.decode()
    assert "06.12.34.56.78" in full and "Masquer les coordonnées" in full
    assert client.post(url).status_code == 405


def test_the_review_list_refuses_carol_and_the_public(client, carol, world):
    url = "/staff/campagnes/premiere/textes-signales/"
    assert client.get(url).status_code == 302
    client.force_login(carol)
    assert client.get(url).status_code == 403


def test_alice_redacts_or_keeps_a_flagged_text(alice_client, world):
    base = "/staff/campagnes/premiere/textes-signales"
    kept = alice_client.post(f"{base}/marie-1/avis/", {"action": "garder"}, follow=True)
    assert "marqué comme revu" in kept.content.decode()
    assert TextFlag.objects.get(response__key="marie-1").reviewed_by == "alice"
    done = alice_client.post(f"{base}/paul/role_other/", {"action": "masquer"}, follow=True)
    assert "2 adresses ou numéros masqués." in done.content.decode()
    text = Response.objects.get(key="paul").answers["role_other"]
    assert text == (
        "collègue de Marie ([numéro de téléphone effacé]), service : [numéro de téléphone effacé]"
    )
    missing = alice_client.post(f"{base}/zoe/avis/", {"action": "masquer"}, follow=True)
    assert "n’a pas de texte libre « avis » signalé" in missing.content.decode()
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["personal-data.keep-text", "personal-data.redact-text"]


def test_alice_scans_a_campaign_again(alice_client, world):
    TextFlag.objects.all().delete()
    done = alice_client.post("/staff/campagnes/premiere/textes-signales/relire/", follow=True)
    assert "3 réponses relues, 2 textes libres signalés." in done.content.decode()
    assert TextFlag.objects.count() == 2


def test_the_staff_home_links_the_personal_data_pages_for_alice_only(client, alice, bob, world):
    client.force_login(alice)
    assert "/staff/donnees-personnelles/" in client.get("/staff/").content.decode()
    assert "/textes-signales/" in client.get("/staff/campagnes/premiere/").content.decode()
    client.force_login(bob)
    assert "/staff/donnees-personnelles/" not in client.get("/staff/").content.decode()
