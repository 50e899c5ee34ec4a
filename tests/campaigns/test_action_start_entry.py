"""Starting an assisted entry (POST /staff/campagnes/<slug>/saisie/), for interviewers
only; an unknown mode brings the campaign's page back saying so."""

from __future__ import annotations

import re

import pytest
from auditlog.models import LogEntry

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from vivier.campaigns.models import Response

pytestmark = pytest.mark.django_db

INTERVIEWER = "enqueteur"


def url(campaign) -> str:
    return f"/staff/campagnes/{campaign.slug}/saisie/"


@pytest.mark.parametrize("mode", ["assisted", "proxy"])
def test_an_interviewer_starts_an_entry(interviewer_ines_client, interviewer_ines, campaign, mode):
    answer = interviewer_ines_client.post(url(campaign), {"mode": mode})
    assert answer.status_code == 302 and "/r/" in answer["Location"]
    response = Response.objects.get(campaign=campaign)
    assert (response.mode, response.entered_by) == (mode, interviewer_ines)
    line = LogEntry.objects.get(additional_data__event="responses.entry")
    assert (line.actor, line.object_pk, line.additional_data["mode"]) == (
        interviewer_ines,
        str(response.pk),
        mode,
    )


def test_the_campaign_page_offers_the_modes(interviewer_ines_client, campaign):
    html = interviewer_ines_client.get(f"/staff/campagnes/{campaign.slug}/").content.decode()
    assert 'name="mode" value="assisted"' in html and 'name="mode" value="proxy"' in html
    assert 'value="assisted" dsfr="dsfr" id="f-mode_0" checked' in html


def test_a_double_click_on_the_button_starts_one_entry(interviewer_ines_client, campaign):
    page = interviewer_ines_client.get(f"/staff/campagnes/{campaign.slug}/").content.decode()
    token = re.search(r'name="start_token" value="([^"]+)"', page).group(1)
    data = {"mode": "proxy", "start_token": token}
    first = interviewer_ines_client.post(url(campaign), data)
    second = interviewer_ines_client.post(url(campaign), data)
    assert first["Location"] == second["Location"]
    assert Response.objects.filter(campaign=campaign).count() == 1


def test_a_form_without_mode_is_an_assisted_entry(interviewer_ines_client, campaign):
    assert interviewer_ines_client.post(url(campaign)).status_code == 302
    assert Response.objects.get(campaign=campaign).mode == Response.Mode.ASSISTED


def test_it_rejects_the_wrong_method(interviewer_ines_client, campaign):
    assert interviewer_ines_client.get(url(campaign)).status_code == 405
    assert interviewer_ines_client.put(url(campaign)).status_code == 405
    assert not Response.objects.exists()


@pytest.mark.parametrize("persona", others(INTERVIEWER))
def test_it_requires_the_interviewer_role(request, campaign, persona):
    answer = client_of(request, persona).post(url(campaign), {"mode": "assisted"})
    assert answer.status_code == 403
    assert not Response.objects.exists()


def test_it_sends_anonymous_visitors_to_sign_in(client, campaign):
    assert sent_to_sign_in(client.post(url(campaign), {"mode": "assisted"}))
    assert not Response.objects.exists()


def test_an_unknown_mode_brings_the_page_back_saying_so(interviewer_ines_client, campaign):
    answer = interviewer_ines_client.post(url(campaign), {"mode": "telephone"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Sélectionnez un choix valide. telephone n’en fait pas partie." in html
    assert 'href="#f-mode_0"' in html
    assert 'aria-labelledby="f-mode-legend f-mode-desc-error"' in html
    assert campaign.title in html
    assert not Response.objects.exists()
