"""Starting a questionnaire (POST /q/<slug>/commencer/): open to everyone, signed in or
not. Nothing typed can be wrong here: a missing or forged start token starts a new draft,
and a link code that is not the campaign's counts as no link."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.campaigns.actions import client_of
from tests.campaigns.helpers import start
from tests.conftest import PERSONAS
from vivier.campaigns.models import Response

pytestmark = pytest.mark.django_db


def url(campaign) -> str:
    return f"/q/{campaign.slug}/commencer/"


def test_the_public_starts_a_draft_by_its_link(client, campaign):
    response, resume_url = start(client, campaign, link="anas")
    assert response.status == Response.Status.DRAFT and response.link.code == "anas"
    assert resume_url.startswith(f"/q/{campaign.slug}/r/")


@pytest.mark.parametrize("persona", [*PERSONAS.values(), "carol"])
def test_any_signed_in_account_starts_one_too(request, campaign, persona):
    answer = client_of(request, persona).post(url(campaign))
    assert answer.status_code == 302
    assert Response.objects.get(campaign=campaign).mode == Response.Mode.ONLINE


def test_it_rejects_the_wrong_method(client, campaign):
    assert client.get(url(campaign)).status_code == 405
    assert client.put(url(campaign)).status_code == 405
    assert not Response.objects.exists()


def test_a_closed_campaign_starts_nothing(client, campaign):
    campaign.closes_at = timezone.now() - timedelta(hours=1)
    campaign.save()
    assert client.post(url(campaign)).status_code == 410
    assert not Response.objects.exists()


def test_a_link_of_no_campaign_and_a_forged_token_start_a_plain_draft(client, campaign):
    answer = client.post(url(campaign), {"start_token": "r1:forged", "link": "inconnu"})
    assert answer.status_code == 302
    response = Response.objects.get(campaign=campaign)
    assert response.link is None and response.key != "r1"
