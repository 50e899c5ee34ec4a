"""The coding's results page (/codage/<slug>/resultats/): it works for those who read the
whole coding, refuses the wrong method, sends anonymous visitors to sign in, is a 403 to an
enquêteur who codes their own notes and a 404 to whoever the campaign's coding is not open
to; its cross-tabulation form names a wrong choice (400).
"""

from __future__ import annotations

import pytest

from tests.campaigns.actions import client_of, sent_to_sign_in
from tests.coding.test_results import coded_campaign
from vivier.coding.models import Source

pytestmark = pytest.mark.django_db

#: Analysts, the personal-data role and the working group read every campaign's coding.
READERS = ["analyst_axel", "privacy_paul", "group_gael"]
OUTSIDERS = ["holder_hugo", "committee_cleo", "person_pia", "evaluator_eva", "admin_ana", "carol"]


@pytest.fixture
def coded(analyst_axel):
    return coded_campaign(analyst_axel)


def page(coded) -> str:
    return f"/codage/{coded.campaign.slug}/resultats/"


@pytest.mark.parametrize("persona", READERS)
def test_the_readers_see_frequencies_typologies_and_pairs(request, persona, coded):
    answer = client_of(request, persona).get(page(coded))
    assert answer.status_code == 200
    body = answer.content.decode()
    assert 'id="frequencies-nom"' in body
    assert f'id="typology-{coded.codes["types"].pk}"' in body
    assert 'id="cooccurrence"' in body
    # The chart comes with its data table; no cross-tab until a question is chosen.
    assert "<svg" in body
    assert 'id="crossed-nom"' not in body


def test_the_page_rejects_the_wrong_method(analyst_axel_client, coded):
    assert analyst_axel_client.post(page(coded)).status_code == 405


def test_the_page_sends_anonymous_visitors_to_sign_in(client, coded):
    assert sent_to_sign_in(client.get(page(coded)))


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_the_page_is_a_404_to_those_the_coding_is_not_open_to(request, persona, coded):
    assert client_of(request, persona).get(page(coded)).status_code == 404


def test_an_interviewer_without_notes_here_gets_a_403(interviewer_ines_client, coded):
    # An enquêteur opens every campaign's coding to type notes, not its results.
    assert interviewer_ines_client.get(page(coded)).status_code == 403


def test_an_interviewer_who_codes_their_notes_here_gets_a_403(
    interviewer_ines, interviewer_ines_client, coded
):
    Source.objects.create(
        campaign=coded.campaign,
        kind=Source.Kind.NOTE,
        name="Mon entretien",
        text="Notes.",
        created_by=interviewer_ines,
    )
    # The campaign's coding is open to them (their notes), not the results of everyone's.
    assert interviewer_ines_client.get(f"/codage/{coded.campaign.slug}/").status_code == 200
    assert interviewer_ines_client.get(page(coded)).status_code == 403


def test_codes_crossed_with_a_chosen_closed_question(analyst_axel_client, coded):
    answer = analyst_axel_client.get(page(coded), {"croiser": "role"})
    assert answer.status_code == 200
    body = answer.content.decode()
    assert 'id="crossed-nom"' in body
    # Column N: the coded texts of professionals (2).
    assert "Professionnel <span" in body and "(N = 2)" in body


@pytest.mark.parametrize("value", ["nope", "nom", "courriel"])
def test_a_question_that_is_not_closed_is_refused_and_named(analyst_axel_client, coded, value):
    # Unknown, a free text, personal data: none can be crossed.
    answer = analyst_axel_client.get(page(coded), {"croiser": value})
    assert answer.status_code == 400
    body = answer.content.decode()
    assert 'id="error-summary"' in body
    assert "Croiser les codes avec la question" in body
    assert f"« {value} » n’en est pas une" in body


def test_an_empty_choice_shows_the_page_without_a_cross_tab(analyst_axel_client, coded):
    answer = analyst_axel_client.get(page(coded), {"croiser": ""})
    assert answer.status_code == 200
    assert 'id="crossed-nom"' not in answer.content.decode()


def test_nothing_coded_says_so(analyst_axel, analyst_axel_client):
    empty = coded_campaign(analyst_axel, slug="vierge", code=False)
    answer = analyst_axel_client.get(page(empty))
    assert answer.status_code == 200
    assert 'id="no-results"' in answer.content.decode()


def test_the_coding_hub_links_to_the_results(analyst_axel_client, coded):
    hub = analyst_axel_client.get(f"/codage/{coded.campaign.slug}/")
    assert page(coded) in hub.content.decode()
