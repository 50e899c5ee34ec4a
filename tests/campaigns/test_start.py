import pytest

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
    key = page.content.decode().split('name="start_key" value="')[1].split('"')[0]
    first = client.post(f"/q/{campaign.slug}/commencer/", {"start_key": key})
    second = client.post(f"/q/{campaign.slug}/commencer/", {"start_key": key})
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
