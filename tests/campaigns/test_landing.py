from datetime import timedelta

import pytest
from django.utils import timezone

from tests.support import make_campaign, small_questionnaire

pytestmark = pytest.mark.django_db


def test_it_shows_the_campaign_and_a_start_button(client, campaign):
    page = client.get(f"/q/{campaign.slug}/")
    assert page.status_code == 200
    assert "Petit questionnaire" in page.content.decode()
    assert "Commencer le questionnaire" in page.content.decode()


def test_it_remembers_the_distribution_link_in_the_start_form(client, campaign):
    page = client.get(f"/q/{campaign.slug}/l/unccas/")
    assert 'name="link" value="unccas"' in page.content.decode()


def test_it_explains_an_unknown_campaign_in_french(client, db):
    page = client.get("/q/nexiste-pas/")
    assert page.status_code == 404
    assert "Aucune enquête ne porte ce nom" in page.content.decode()


def test_it_explains_an_unknown_distribution_link(client, campaign):
    page = client.get(f"/q/{campaign.slug}/l/inconnu/")
    assert page.status_code == 404
    assert "lien de diffusion" in page.content.decode()


def test_it_says_a_closed_campaign_is_closed(client, db):
    closed = make_campaign(
        small_questionnaire("clos"),
        opens_at=timezone.now() - timedelta(days=10),
        closes_at=timezone.now() - timedelta(days=1),
    )
    page = client.get(f"/q/{closed.slug}/")
    assert page.status_code == 410
    assert "Cette enquête est close" in page.content.decode()


def test_it_says_when_a_scheduled_campaign_opens(client, db):
    later = make_campaign(
        small_questionnaire("bientot"), opens_at=timezone.now() + timedelta(days=3)
    )
    page = client.get(f"/q/{later.slug}/")
    assert page.status_code == 410
    assert "pas encore ouverte" in page.content.decode()


def test_the_home_page_lists_open_campaigns(client, campaign):
    page = client.get("/")
    assert f"/q/{campaign.slug}/" in page.content.decode()
