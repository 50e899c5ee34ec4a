import pytest
from django.test import Client

from tests.campaigns.helpers import start
from vivier.campaigns.models import Response

pytestmark = pytest.mark.django_db


def test_it_creates_a_draft_and_opens_the_first_page(client, campaign):
    response, resume_url = start(client, campaign)
    assert response.status == Response.Status.DRAFT
    assert response.version == campaign.questionnaire
    follow = client.get(resume_url)
    assert follow.status_code == 302
    assert follow["Location"].endswith("/p/profil/")


def test_a_double_click_on_start_creates_one_response(client, campaign):
    page = client.get(f"/q/{campaign.slug}/")
    token = page.content.decode().split('name="start_token" value="')[1].split('"')[0]
    first = client.post(f"/q/{campaign.slug}/commencer/", {"start_token": token})
    second = client.post(f"/q/{campaign.slug}/commencer/", {"start_token": token})
    assert first["Location"] == second["Location"]
    assert Response.objects.filter(campaign=campaign).count() == 1


def test_it_records_the_distribution_link(client, campaign):
    response, _url = start(client, campaign, link="anas")
    assert response.link.code == "anas"
    assert response.channel == "ANAS"
    assert response.mode == Response.Mode.ONLINE


def test_it_rejects_get_on_start(client, campaign):
    assert client.get(f"/q/{campaign.slug}/commencer/").status_code == 405


def test_a_tampered_resume_link_gets_a_french_message(client, campaign):
    _response, resume_url = start(client, campaign)
    broken = resume_url.replace("/r/", "/r/x")
    page = client.get(broken)
    assert page.status_code == 404
    assert "lien de reprise n’est pas valide" in page.content.decode()


def _start_with(client, campaign, token: str) -> str:
    answer = client.post(f"/q/{campaign.slug}/commencer/", {"start_token": token})
    assert answer.status_code == 302
    return answer["Location"]


def test_a_client_cannot_name_an_existing_draft(client, campaign):
    victim, victim_url = start(client, campaign)
    attacker = Client()
    # The old form field, the bare key, and the key with a made-up signature all start a
    # draft of the attacker's own.
    for forged in (victim.key, f"{victim.key}:1abcde:forged", f"{victim.key}::"):
        url = _start_with(attacker, campaign, forged)
        assert url != victim_url
    legacy = attacker.post(f"/q/{campaign.slug}/commencer/", {"start_key": victim.key})
    assert legacy["Location"] != victim_url
    assert Response.objects.filter(campaign=campaign).count() == 5
    assert Response.objects.filter(key=victim.key).count() == 1


def test_a_start_token_of_another_purpose_is_not_accepted(client, campaign):
    from django.core import signing

    victim, victim_url = start(client, campaign)
    other_salt = signing.TimestampSigner(salt="something-else").sign(victim.key)
    assert _start_with(Client(), campaign, other_salt) != victim_url


def test_an_expired_start_token_makes_a_new_draft(client, campaign, monkeypatch):
    from vivier.campaigns import start_tokens

    page = client.get(f"/q/{campaign.slug}/")
    token = page.content.decode().split('name="start_token" value="')[1].split('"')[0]
    first = _start_with(client, campaign, token)
    monkeypatch.setattr(start_tokens, "MAX_AGE_SECONDS", -1)
    assert _start_with(client, campaign, token) != first


def test_staff_entry_cannot_open_a_respondents_draft(client, campaign, bob):
    victim, victim_url = start(client, campaign)
    staff = Client()
    staff.force_login(bob)
    answer = staff.post(
        f"/staff/campagnes/{campaign.slug}/saisie/",
        {"start_key": victim.key, "start_token": victim.key, "mode": "assisted"},
    )
    assert answer.status_code == 302
    assert answer["Location"] != victim_url
    assert Response.objects.get(key=victim.key).mode == Response.Mode.ONLINE


def test_starting_drafts_is_limited_per_client_address(client, campaign, settings):
    settings.VIVIER_START_RATE = "3/m"
    for _ in range(3):
        start(client, campaign)
    page = client.get(f"/q/{campaign.slug}/")
    token = page.content.decode().split('name="start_token" value="')[1].split('"')[0]
    refused = client.post(f"/q/{campaign.slug}/commencer/", {"start_token": token})
    assert refused.status_code == 429
    assert "Trop de questionnaires ont été commencés" in refused.content.decode()
    assert Response.objects.filter(campaign=campaign).count() == 3
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert start(other, campaign)[0].status == Response.Status.DRAFT
