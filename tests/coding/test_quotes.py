"""The quote bank: a coding kept pseudonymised, with its consent; review; usable quotes."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from tests.coding.test_pii import make_coding, make_source
from vivier.coding import pii, quotes
from vivier.coding.models import Coding, PiiFlag, Quote

pytestmark = pytest.mark.django_db

SURVEY = Quote.Consent.SURVEY_TERMS


def test_a_quote_is_the_coded_span_pseudonymised(campaign, analyst_axel):
    source = make_source(
        campaign, "Entretien. Mme Benali dit : « Karim m'a aidée à Villeurbanne. » Fin."
    )
    pii.scan(campaign)
    coding = make_coding(source, "Mme Benali dit : « Karim m'a aidée à Villeurbanne. »")
    quote = quotes.create(coding, user=analyst_axel, consent=SURVEY, consent_note="accord")
    assert quote.text == "Mme [Personne 1] dit : « [Personne 2] m'a aidée à [Lieu 1]. »"
    assert (quote.source, quote.reviewed, quote.consent) == (source, False, SURVEY)
    assert LogEntry.objects.filter(additional_data__event="coding.quote-create").exists()


def test_a_whole_text_coding_quotes_the_whole_text(campaign, analyst_axel):
    source = make_source(campaign, "Écrire à benali@exemple.fr avant jeudi.")
    quote = quotes.create(make_coding(source), user=analyst_axel, consent=SURVEY)
    assert quote.text == "Écrire à [adresse électronique] avant jeudi."


def test_a_person_keeps_their_number_across_the_campaign(campaign, analyst_axel):
    first = make_source(campaign, "Karim est venu avec Nadia.")
    second = make_source(campaign, "Le lendemain, Nadia est revenue seule.")
    pii.scan(campaign)
    quote = quotes.create(make_coding(second), user=analyst_axel, consent=SURVEY)
    assert quote.text == "Le lendemain, [Personne 2] est revenue seule."
    assert quotes.create(make_coding(first), user=analyst_axel, consent=SURVEY).text == (
        "[Personne 1] est venu avec [Personne 2]."
    )


def test_words_a_reviewer_dismissed_stay_and_words_confirmed_go(
    campaign, analyst_axel, privacy_paul
):
    source = make_source(campaign, "Sa voisine Brigitte garde les enfants à Privas.")
    pii.scan(campaign)
    pii.review(PiiFlag.objects.get(source=source, kind="place"), "dismissed", user=privacy_paul)
    quote = quotes.create(make_coding(source), user=analyst_axel, consent=SURVEY)
    assert quote.text == "Sa voisine [Personne 1] garde les enfants à Privas."


def test_a_removed_coding_or_a_pending_suggestion_is_no_quote(campaign, analyst_axel):
    source = make_source(campaign, "Un texte sans nom.")
    removed = make_coding(source, removed_at=timezone.now())
    pending = make_coding(source, origin="model", status=Coding.Status.SUGGESTED)
    for coding in (removed, pending):
        with pytest.raises(quotes.QuoteRefused) as refused:
            quotes.create(coding, user=analyst_axel, consent=SURVEY)
        assert refused.value.code == "QUOTE_NOT_A_CODING"
    assert not Quote.objects.exists()


def test_an_unknown_consent_is_refused_and_named(campaign, analyst_axel):
    coding = make_coding(make_source(campaign, "Un texte sans nom."))
    with pytest.raises(quotes.QuoteRefused) as refused:
        quotes.create(coding, user=analyst_axel, consent="oral")
    assert refused.value.field == "consent"
    assert "« oral »" in refused.value.describe("fr")


def test_review_is_refused_while_a_name_is_left_unless_checked(campaign, analyst_axel):
    quote = quotes.create(
        make_coding(make_source(campaign, "Un texte sans nom.")), user=analyst_axel, consent=SURVEY
    )
    quotes.edit(quote, "Mme Benali a tout raconté.", user=analyst_axel)
    with pytest.raises(quotes.QuoteRefused) as refused:
        quotes.review(quote, user=analyst_axel)
    assert refused.value.code == "QUOTE_STILL_PERSONAL"
    assert "un nom de personne" in refused.value.describe("fr")
    assert "a person's name" in refused.value.describe("en")
    quote.refresh_from_db()
    assert not quote.reviewed
    quotes.review(quote, user=analyst_axel, checked=True)
    quote.refresh_from_db()
    assert quote.reviewed and quote.reviewed_by == analyst_axel


def test_editing_a_reviewed_quote_sends_it_back_to_review(campaign, analyst_axel):
    quote = quotes.create(
        make_coding(make_source(campaign, "Un texte sans nom.")), user=analyst_axel, consent=SURVEY
    )
    quotes.review(quote, user=analyst_axel)
    quotes.edit(quote, "Un texte, sans nom.", user=analyst_axel)
    quote.refresh_from_db()
    assert not quote.reviewed and quote.reviewed_by is None
    with pytest.raises(quotes.QuoteRefused) as refused:
        quotes.edit(quote, "   ", user=analyst_axel)
    assert refused.value.code == "QUOTE_EMPTY"


def test_only_reviewed_quotes_are_usable(campaign, hcts_campaign, analyst_axel):
    source = make_source(campaign, "Un texte sans nom.")
    kept = quotes.create(make_coding(source), user=analyst_axel, consent=SURVEY)
    quotes.create(make_coding(source), user=analyst_axel, consent=SURVEY)
    assert list(quotes.usable(campaign)) == []
    quotes.review(kept, user=analyst_axel)
    assert list(quotes.usable(campaign)) == [kept]
    assert list(quotes.usable(hcts_campaign)) == []
    line = LogEntry.objects.filter(additional_data__event="coding.quote-review").get()
    assert line.actor == analyst_axel
