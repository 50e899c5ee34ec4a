"""Each action of the names and contacts found (/codage/<slug>/donnees-personnelles/…): it
works for the right person, refuses the wrong method, sends anonymous visitors to sign in
and refuses the others (403 without the right, 404 for what is not there)."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.coding.test_pii import TEXT, make_source
from vivier.coding import pii
from vivier.coding.models import PiiFlag

pytestmark = pytest.mark.django_db

#: Who opens the page and runs the pass: whoever reads the texts to code.
READERS = ["analyst_axel", "privacy_paul"]
NOT_READERS = others("analyste", "donnees_personnelles")
#: Who confirms or dismisses: the personal-data role only.
NOT_REVIEWERS = others("donnees_personnelles")


def base(campaign) -> str:
    return f"/codage/{campaign.slug}/donnees-personnelles/"


@pytest.fixture
def flagged(campaign):
    source = make_source(campaign)
    pii.scan(campaign)
    return source


# -- The page ----------------------------------------------------------------------------------


def test_an_analyst_sees_the_counts_and_no_word_of_the_texts(
    analyst_axel_client, campaign, flagged
):
    page = analyst_axel_client.get(base(campaign))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="count-person"' in body and 'id="pii-totals"' in body
    assert "Benali" not in body and "<mark" not in body


def test_the_personal_data_role_sees_each_flag_highlighted(privacy_paul_client, campaign, flagged):
    page = privacy_paul_client.get(base(campaign))
    assert page.status_code == 200
    body = page.content.decode()
    flag = PiiFlag.objects.get(source=flagged, kind="person")
    assert f'<mark id="flag-{flag.pk}" title="nom de personne">Benali</mark>' in body
    assert LogEntry.objects.filter(additional_data__event="personal-data.view-flagged").exists()


def test_the_page_rejects_the_wrong_method(analyst_axel_client, campaign):
    assert analyst_axel_client.post(base(campaign)).status_code == 405


def test_the_page_sends_anonymous_visitors_to_sign_in(client, campaign):
    assert sent_to_sign_in(client.get(base(campaign)))


@pytest.mark.parametrize("persona", NOT_READERS)
def test_the_page_is_refused_to_others(request, persona, campaign):
    assert client_of(request, persona).get(base(campaign)).status_code == 403


def test_the_page_of_an_unknown_campaign_is_a_404(analyst_axel_client):
    assert analyst_axel_client.get("/codage/inconnue/donnees-personnelles/").status_code == 404


# -- Running the pass --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_whoever_reads_the_texts_runs_the_pass(request, persona, campaign):
    source = make_source(campaign)
    answer = client_of(request, persona).post(base(campaign) + "reperer/")
    assert answer.status_code == 302 and answer["Location"] == base(campaign)
    source.refresh_from_db()
    assert source.personal_data


def test_running_rejects_the_wrong_method(analyst_axel_client, campaign):
    assert analyst_axel_client.get(base(campaign) + "reperer/").status_code == 405


def test_running_sends_anonymous_visitors_to_sign_in(client, campaign):
    assert sent_to_sign_in(client.post(base(campaign) + "reperer/"))


@pytest.mark.parametrize("persona", NOT_READERS)
def test_running_is_refused_to_others(request, persona, campaign):
    assert client_of(request, persona).post(base(campaign) + "reperer/").status_code == 403


# -- Confirming or dismissing a flag -----------------------------------------------------------


def decide_url(campaign, flag) -> str:
    return base(campaign) + f"{flag.pk}/verifier/"


def test_the_personal_data_role_confirms_and_dismisses(privacy_paul_client, campaign, flagged):
    flag = PiiFlag.objects.get(source=flagged, kind="person")
    answer = privacy_paul_client.post(decide_url(campaign, flag), {"decision": "dismissed"})
    assert answer.status_code == 302
    assert answer["Location"] == base(campaign) + f"#source-{flagged.pk}"
    flag.refresh_from_db()
    assert flag.status == "dismissed"
    privacy_paul_client.post(decide_url(campaign, flag), {"decision": "confirmed"})
    flag.refresh_from_db()
    assert flag.status == "confirmed"


def test_a_bad_decision_is_a_400_naming_the_field(privacy_paul_client, campaign, flagged):
    flag = PiiFlag.objects.get(source=flagged, kind="person")
    answer = privacy_paul_client.post(decide_url(campaign, flag), {"decision": "found"})
    assert answer.status_code == 400
    assert "Décision" in answer.content.decode() and 'id="error-summary"' in answer.content.decode()
    flag.refresh_from_db()
    assert flag.status == "found"


def test_deciding_rejects_the_wrong_method(privacy_paul_client, campaign, flagged):
    flag = PiiFlag.objects.filter(source=flagged).first()
    assert privacy_paul_client.get(decide_url(campaign, flag)).status_code == 405


def test_deciding_sends_anonymous_visitors_to_sign_in(client, campaign, flagged):
    flag = PiiFlag.objects.filter(source=flagged).first()
    assert sent_to_sign_in(client.post(decide_url(campaign, flag), {"decision": "confirmed"}))


@pytest.mark.parametrize("persona", NOT_REVIEWERS)
def test_deciding_is_refused_to_others(request, persona, campaign, flagged):
    flag = PiiFlag.objects.filter(source=flagged).first()
    answer = client_of(request, persona).post(decide_url(campaign, flag), {"decision": "dismissed"})
    assert answer.status_code == 403
    flag.refresh_from_db()
    assert flag.status == "found"


def test_a_flag_of_another_campaign_is_a_404(privacy_paul_client, campaign, hcts_campaign):
    source = make_source(hcts_campaign, TEXT)
    pii.scan(hcts_campaign)
    flag = PiiFlag.objects.filter(source=source).first()
    answer = privacy_paul_client.post(decide_url(campaign, flag), {"decision": "dismissed"})
    assert answer.status_code == 404
