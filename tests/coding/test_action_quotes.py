"""Each action of the quote bank (/codage/<slug>/citations/…): it works for the right
person, refuses the wrong method, sends anonymous visitors to sign in and refuses the others
(403 without the right, 404 for what is not there, 400 with the field named for bad input)."""

from __future__ import annotations

import pytest

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.coding.test_pii import make_coding, make_source
from vivier.coding import pii, quotes
from vivier.coding.models import Quote

pytestmark = pytest.mark.django_db

NOTE = "Mme Benali dit : « Karim m'a aidée à tout remplir. »"
NOT_READERS = others("analyste", "donnees_personnelles")
#: Making, correcting and reviewing quotes: the analysts only.
NOT_ANALYSTS = others("analyste")


def base(campaign) -> str:
    return f"/codage/{campaign.slug}/citations/"


@pytest.fixture
def coding(campaign):
    source = make_source(campaign, NOTE)
    pii.scan(campaign)
    return make_coding(source)


@pytest.fixture
def quote(coding, analyst_axel):
    return quotes.create(coding, user=analyst_axel, consent="interview")


# -- The bank ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["analyst_axel", "privacy_paul"])
def test_the_bank_lists_the_quotes(request, persona, campaign, quote):
    page = client_of(request, persona).get(base(campaign))
    assert page.status_code == 200
    assert f'id="quote-{quote.pk}"' in page.content.decode()
    assert "Benali" not in page.content.decode()


def test_the_bank_filters_by_code_and_state(analyst_axel_client, campaign, quote):
    code = quote.coding.code_id
    found = analyst_axel_client.get(base(campaign), {"code": code, "etat": "a-verifier"})
    assert f'id="quote-{quote.pk}"' in found.content.decode()
    none = analyst_axel_client.get(base(campaign), {"etat": "verifiees"})
    assert f'id="quote-{quote.pk}"' not in none.content.decode()


def test_the_bank_rejects_the_wrong_method(analyst_axel_client, campaign):
    assert analyst_axel_client.post(base(campaign)).status_code == 405


def test_the_bank_sends_anonymous_visitors_to_sign_in(client, campaign):
    assert sent_to_sign_in(client.get(base(campaign)))


@pytest.mark.parametrize("persona", NOT_READERS)
def test_the_bank_is_refused_to_others(request, persona, campaign):
    assert client_of(request, persona).get(base(campaign)).status_code == 403


# -- Keeping a coding as a quote ---------------------------------------------------------------


def test_an_analyst_keeps_a_coding_as_a_quote(analyst_axel_client, campaign, coding):
    form = analyst_axel_client.get(base(campaign) + "nouvelle/", {"coding": coding.pk})
    assert form.status_code == 200
    body = form.content.decode()
    assert "Mme [Personne 1] dit" in body and "Benali" not in body
    answer = analyst_axel_client.post(
        base(campaign) + "nouvelle/",
        {"coding": coding.pk, "consent": "interview", "consent_note": "accord oral"},
    )
    made = Quote.objects.get()
    assert answer.status_code == 302 and answer["Location"] == base(campaign) + f"{made.pk}/"
    assert (made.text, made.consent_note) == (
        "Mme [Personne 1] dit : « [Personne 2] m'a aidée à tout remplir. »",
        "accord oral",
    )


def test_without_a_coding_or_a_consent_it_is_a_400(analyst_axel_client, campaign, coding):
    assert analyst_axel_client.get(base(campaign) + "nouvelle/").status_code == 400
    answer = analyst_axel_client.post(base(campaign) + "nouvelle/", {"coding": coding.pk})
    assert answer.status_code == 400
    assert "Consentement" in answer.content.decode()
    assert not Quote.objects.exists()


def test_a_coding_of_another_campaign_is_a_404(analyst_axel_client, campaign, hcts_campaign):
    other = make_coding(make_source(hcts_campaign, NOTE))
    answer = analyst_axel_client.get(base(campaign) + "nouvelle/", {"coding": other.pk})
    assert answer.status_code == 404


def test_keeping_rejects_the_wrong_method(analyst_axel_client, campaign, coding):
    assert analyst_axel_client.put(base(campaign) + "nouvelle/").status_code == 405


def test_keeping_sends_anonymous_visitors_to_sign_in(client, campaign, coding):
    assert sent_to_sign_in(client.get(base(campaign) + "nouvelle/", {"coding": coding.pk}))


@pytest.mark.parametrize("persona", NOT_ANALYSTS)
def test_keeping_is_refused_to_others(request, persona, campaign, coding):
    answer = client_of(request, persona).post(
        base(campaign) + "nouvelle/", {"coding": coding.pk, "consent": "interview"}
    )
    assert answer.status_code == 403
    assert not Quote.objects.exists()


# -- Correcting a quote ------------------------------------------------------------------------


def test_an_analyst_corrects_a_quote_and_it_goes_back_to_review(
    analyst_axel_client, campaign, quote, analyst_axel
):
    quotes.review(quote, user=analyst_axel, checked=True)
    url = base(campaign) + f"{quote.pk}/"
    assert analyst_axel_client.get(url).status_code == 200
    answer = analyst_axel_client.post(url, {"text": "[Personne 2] m'a aidée."})
    assert answer.status_code == 302 and answer["Location"] == url
    quote.refresh_from_db()
    assert (quote.text, quote.reviewed) == ("[Personne 2] m'a aidée.", False)


def test_an_empty_quote_is_a_400(analyst_axel_client, campaign, quote):
    answer = analyst_axel_client.post(base(campaign) + f"{quote.pk}/", {"text": "  "})
    assert answer.status_code == 400 and 'id="error-summary"' in answer.content.decode()


def test_correcting_rejects_the_wrong_method(analyst_axel_client, campaign, quote):
    assert analyst_axel_client.delete(base(campaign) + f"{quote.pk}/").status_code == 405


def test_correcting_sends_anonymous_visitors_to_sign_in(client, campaign, quote):
    assert sent_to_sign_in(client.get(base(campaign) + f"{quote.pk}/"))


@pytest.mark.parametrize("persona", NOT_ANALYSTS)
def test_correcting_is_refused_to_others(request, persona, campaign, quote):
    answer = client_of(request, persona).post(base(campaign) + f"{quote.pk}/", {"text": "x"})
    assert answer.status_code == 403


def test_a_quote_of_another_campaign_is_a_404(analyst_axel_client, hcts_campaign, quote):
    assert analyst_axel_client.get(base(hcts_campaign) + f"{quote.pk}/").status_code == 404


# -- Reviewing a quote -------------------------------------------------------------------------


def test_an_analyst_reviews_a_quote(analyst_axel_client, campaign, quote):
    answer = analyst_axel_client.post(base(campaign) + f"{quote.pk}/verifier/")
    assert answer.status_code == 302 and answer["Location"] == base(campaign)
    quote.refresh_from_db()
    assert quote.reviewed


def test_a_quote_still_naming_someone_needs_the_check_box(
    analyst_axel_client, campaign, quote, analyst_axel
):
    quotes.edit(quote, "Mme Benali m'a aidée.", user=analyst_axel)
    url = base(campaign) + f"{quote.pk}/verifier/"
    refused = analyst_axel_client.post(url)
    assert refused.status_code == 400
    assert "un nom de personne" in refused.content.decode()
    quote.refresh_from_db()
    assert not quote.reviewed
    assert analyst_axel_client.post(url, {"checked": "on"}).status_code == 302
    quote.refresh_from_db()
    assert quote.reviewed


def test_reviewing_rejects_the_wrong_method(analyst_axel_client, campaign, quote):
    assert analyst_axel_client.get(base(campaign) + f"{quote.pk}/verifier/").status_code == 405


def test_reviewing_sends_anonymous_visitors_to_sign_in(client, campaign, quote):
    assert sent_to_sign_in(client.post(base(campaign) + f"{quote.pk}/verifier/"))


@pytest.mark.parametrize("persona", NOT_ANALYSTS)
def test_reviewing_is_refused_to_others(request, persona, campaign, quote):
    answer = client_of(request, persona).post(base(campaign) + f"{quote.pk}/verifier/")
    assert answer.status_code == 403
    quote.refresh_from_db()
    assert not quote.reviewed
