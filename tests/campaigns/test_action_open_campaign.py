"""Opening a campaign on a questionnaire version (POST
/staff/questionnaires/<slug>/campagne/), for analysts only; a refused form comes back with
the title and identifier typed."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.support import small_questionnaire
from vivier.campaigns.models import Campaign

pytestmark = pytest.mark.django_db

ANALYST = "analyste"
OPEN = "/staff/questionnaires/ouvrir/campagne/"


@pytest.fixture
def version(db):
    from vivier.campaigns.questionnaires import install

    return install(small_questionnaire("ouvrir"))


def test_an_analyst_opens_a_campaign(analyst_axel_client, version):
    answer = analyst_axel_client.post(OPEN, {"title": "Deuxième vague", "campaign_slug": "vague-2"})
    assert answer.status_code == 302 and answer["Location"] == "/staff/campagnes/vague-2/"
    campaign = Campaign.objects.get()
    assert (campaign.title, campaign.questionnaire, campaign.is_open) == (
        "Deuxième vague",
        version,
        True,
    )


def test_the_identifier_defaults_to_the_title(analyst_axel_client, version):
    analyst_axel_client.post(OPEN, {"title": "Enquête départementale\x07"})
    campaign = Campaign.objects.get()
    assert (campaign.slug, campaign.title) == ("enquete-departementale", "Enquête départementale")


def test_it_rejects_the_wrong_method(analyst_axel_client, version):
    assert analyst_axel_client.get(OPEN).status_code == 405
    assert analyst_axel_client.put(OPEN).status_code == 405
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("persona", others(ANALYST))
def test_it_requires_the_analyst_role(request, version, persona):
    answer = client_of(request, persona).post(OPEN, {"title": "Deuxième vague"})
    assert answer.status_code == 403
    assert not Campaign.objects.exists()


def test_it_sends_anonymous_visitors_to_sign_in(client, version):
    assert sent_to_sign_in(client.post(OPEN, {"title": "Deuxième vague"}))
    assert not Campaign.objects.exists()


def test_a_missing_title_keeps_the_identifier_typed(analyst_axel_client, version):
    answer = analyst_axel_client.post(OPEN, {"title": " ", "campaign_slug": "vague-2"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Donnez un titre à la campagne." in html and 'href="#f-title"' in html
    assert 'name="campaign_slug" value="vague-2"' in html
    assert not Campaign.objects.exists()


def test_an_identifier_taken_keeps_the_title_typed(analyst_axel_client, version):
    Campaign.objects.create(
        slug="vague-2", title="Autre", questionnaire=version, opens_at=timezone.now()
    )
    answer = analyst_axel_client.post(OPEN, {"title": "Deuxième vague", "campaign_slug": "Vague 2"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Une campagne porte déjà l’identifiant « vague-2 »" in html
    assert 'href="#f-campaign_slug"' in html
    assert 'name="title" value="Deuxième vague"' in html
    assert 'name="campaign_slug" value="Vague 2"' in html
    assert Campaign.objects.count() == 1
