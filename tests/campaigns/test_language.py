"""The interface is French unless the visitor picks English with the language switch."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_landing_page_is_french_even_for_an_english_browser(client, campaign):
    page = client.get(f"/q/{campaign.slug}/", HTTP_ACCEPT_LANGUAGE="en-US,en")
    text = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="fr"' in text
    assert "Avant de commencer" in text
    assert "Commencer le questionnaire" in text
    assert "Start the questionnaire" not in text


def test_the_landing_page_is_english_once_the_visitor_chooses_it(client, campaign):
    switch = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert switch.status_code == 302

    page = client.get(f"/q/{campaign.slug}/")
    text = page.content.decode()
    assert '<html lang="en"' in text
    assert "Before you start" in text
    assert "Start the questionnaire" in text
    assert "Commencer le questionnaire" not in text


def test_the_choice_can_be_undone(client, campaign):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})

    page = client.get(f"/q/{campaign.slug}/")
    assert "Commencer le questionnaire" in page.content.decode()
