"""The purge of what the retention settings say is due (POST
/staff/donnees-personnelles/purger/), for the personal-data role only.

The purge takes nothing typed: there is no invalid input to send back.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.campaigns.privacy_support import draft, two_campaigns
from vivier.campaigns.models import Response

pytestmark = pytest.mark.django_db

PURGE = "/staff/donnees-personnelles/purger/"
PRIVACY = "donnees_personnelles"


@pytest.fixture
def forgotten(settings):
    settings.VIVIER_DRAFT_RETENTION_DAYS = "30"
    first, _second = two_campaigns()
    old = timezone.now() - timedelta(days=40)
    return draft(first, "oublie", {"courriel": "o@ex.fr"}, updated_at=old)


def test_the_personal_data_role_purges(privacy_paul_client, forgotten):
    done = privacy_paul_client.post(PURGE, follow=True)
    assert done.redirect_chain == [("/staff/donnees-personnelles/conservation/", 302)]
    assert "Purge faite : 0 coordonnées et 1 brouillons abandonnés supprimés." in (
        done.content.decode()
    )
    assert not Response.objects.filter(key="oublie").exists()


def test_a_wrong_retention_setting_is_said_and_nothing_goes(
    privacy_paul_client, forgotten, settings
):
    settings.VIVIER_DRAFT_RETENTION_DAYS = "-3"
    done = privacy_paul_client.post(PURGE, follow=True)
    assert "VIVIER_DRAFT_RETENTION_DAYS vaut « -3 »" in done.content.decode()
    assert Response.objects.filter(key="oublie").exists()


def test_it_rejects_the_wrong_method(privacy_paul_client, forgotten):
    assert privacy_paul_client.get(PURGE).status_code == 405
    assert Response.objects.filter(key="oublie").exists()


@pytest.mark.parametrize("persona", others(PRIVACY))
def test_it_requires_the_personal_data_role(request, forgotten, persona):
    assert client_of(request, persona).post(PURGE).status_code == 403
    assert Response.objects.filter(key="oublie").exists()


def test_it_sends_anonymous_visitors_to_sign_in(client, forgotten):
    assert sent_to_sign_in(client.post(PURGE))
    assert Response.objects.filter(key="oublie").exists()
