"""The coding's list of campaigns and a campaign's coding page (/codage/, /codage/<slug>/):
each opens to whom the campaign's coding is open, refuses the wrong method, sends anonymous
visitors to sign in, and is a 404 (the campaign's page) or an empty list to the others.
"""

from __future__ import annotations

import pytest

from tests.campaigns.actions import client_of, sent_to_sign_in
from vivier.coding.models import CodingRound, RoundAssignment, Source

pytestmark = pytest.mark.django_db

LIST = "/codage/"

#: The roles that read every campaign's coding: analysts, the personal-data role, the
#: working group (the codebook and the results).
READERS = ["analyst_axel", "privacy_paul", "group_gael"]
#: Roles with no part in the coding.
OUTSIDERS = ["holder_hugo", "committee_cleo", "person_pia", "evaluator_eva", "admin_ana", "carol"]


def hub(campaign) -> str:
    return f"/codage/{campaign.slug}/"


@pytest.mark.parametrize("persona", [*READERS, "interviewer_ines"])
def test_the_list_shows_every_campaign_to_the_readers(request, persona, campaign):
    answer = client_of(request, persona).get(LIST)
    assert answer.status_code == 200
    assert hub(campaign) in answer.content.decode()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_the_list_is_empty_for_the_others(request, persona, campaign):
    answer = client_of(request, persona).get(LIST)
    assert answer.status_code == 200
    assert hub(campaign) not in answer.content.decode()


def test_the_list_rejects_the_wrong_method(analyst_axel_client):
    assert analyst_axel_client.post(LIST).status_code == 405


def test_the_list_sends_anonymous_visitors_to_sign_in(client):
    assert sent_to_sign_in(client.get(LIST))


@pytest.mark.parametrize("persona", READERS)
def test_the_hub_opens_to_the_readers(request, persona, campaign):
    Source.objects.create(campaign=campaign, kind="note", name="Entretien 1", text="Bonjour.")
    answer = client_of(request, persona).get(hub(campaign))
    assert answer.status_code == 200
    assert "1 texte à coder" in answer.content.decode()


def test_the_hub_opens_to_an_enqueteur_who_typed_a_note(
    interviewer_ines_client, interviewer_ines, campaign
):
    Source.objects.create(
        campaign=campaign, kind="note", name="Entretien", text="Notes.", created_by=interviewer_ines
    )
    assert interviewer_ines_client.get(hub(campaign)).status_code == 200
    assert hub(campaign) in interviewer_ines_client.get(LIST).content.decode()


def test_the_hub_opens_to_an_enqueteur_given_texts_in_a_round(
    interviewer_ines_client, interviewer_ines, campaign
):
    source = Source.objects.create(campaign=campaign, kind="note", name="N", text="Notes.")
    round_ = CodingRound.objects.create(campaign=campaign, number=1, title="C1", sample_size=1)
    RoundAssignment.objects.create(round=round_, source=source, coder=interviewer_ines)
    assert interviewer_ines_client.get(hub(campaign)).status_code == 200


def test_an_enqueteur_counts_only_their_own_texts(interviewer_ines_client, campaign):
    Source.objects.create(campaign=campaign, kind="note", name="N", text="Notes d’un autre.")
    answer = interviewer_ines_client.get(hub(campaign))
    assert answer.status_code == 200
    assert "0 textes à coder" in answer.content.decode()


def test_the_hub_is_a_404_to_a_coder_without_texts_there(request, campaign):
    from tests.conftest import make_persona

    coder = make_persona("coder_only")
    from django.contrib.auth.models import Permission

    coder.user_permissions.add(Permission.objects.get(codename="add_coding"))
    assert client_of(request, "carol").get(hub(campaign)).status_code == 404
    from tests.conftest import signed_in

    assert signed_in(coder).get(hub(campaign)).status_code == 404


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_the_hub_is_a_404_to_the_others(request, persona, campaign):
    assert client_of(request, persona).get(hub(campaign)).status_code == 404


def test_the_hub_of_an_unknown_campaign_is_a_404(analyst_axel_client):
    assert analyst_axel_client.get("/codage/nulle-part/").status_code == 404


def test_the_hub_rejects_the_wrong_method(analyst_axel_client, campaign):
    assert analyst_axel_client.post(hub(campaign)).status_code == 405


def test_the_hub_sends_anonymous_visitors_to_sign_in(client, campaign):
    assert sent_to_sign_in(client.get(hub(campaign)))


def test_the_header_shows_the_coding_to_whom_it_is_open(
    analyst_axel_client, holder_hugo_client, campaign
):
    assert 'href="/codage/"' in analyst_axel_client.get(LIST).content.decode()
    assert 'href="/codage/"' not in holder_hugo_client.get("/mes-pratiques/").content.decode()
