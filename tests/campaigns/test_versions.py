from dataclasses import replace

import pytest

from tests.campaigns.helpers import page_url, start
from tests.support import small_questionnaire
from vivier.campaigns.models import ImmutableVersionError
from vivier.campaigns.questionnaires import install

pytestmark = pytest.mark.django_db


def test_installing_the_same_definition_twice_keeps_one_version(campaign):
    assert install(small_questionnaire()).pk == campaign.questionnaire.pk


def test_a_version_used_by_an_open_campaign_cannot_be_changed(campaign):
    version = campaign.questionnaire
    version.definition = {**version.definition, "title": "Autre titre"}
    with pytest.raises(ImmutableVersionError):
        version.save()


def test_editing_a_used_questionnaire_makes_a_new_version(client, campaign):
    response, url = start(client, campaign)
    edited = replace(small_questionnaire(), title="Petit questionnaire, version 2")
    new = install(edited)
    assert new.version == campaign.questionnaire.version + 1
    # The draft keeps answering the version it started on.
    client.post(page_url(url, "profil"), {"role": "pro"})
    response.refresh_from_db()
    assert response.version == campaign.questionnaire
