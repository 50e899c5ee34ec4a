"""`vivier demo` loads the HCTS campaign with its 1,771 responses, once."""

import pytest

from vivier.campaigns.models import Campaign, Response
from vivier.demo.builder import STAFF_USERNAME, build_demo
from vivier.practices.models import Practice

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_campaign_its_links_and_responses(django_user_model):
    summary = build_demo()
    campaign = Campaign.objects.get(slug="hcts-2020")
    assert campaign.is_open
    assert campaign.links.count() == 12
    assert Response.objects.filter(campaign=campaign, status="submitted").count() == 1771
    assert Response.objects.filter(campaign=campaign, has_personal_data=True).count() == 261
    assert django_user_model.objects.get(username=STAFF_USERNAME).is_staff
    assert "1771 response(s)" in summary.text()
    assert Practice.objects.filter(state="published").count() == 21


def test_loading_the_demo_twice_changes_nothing():
    build_demo()
    again = build_demo()
    assert again.created_responses == 0
    assert Response.objects.count() == 1771
    assert Campaign.objects.count() == 1
    assert Practice.objects.count() == 21
