"""Dates of the staff pages in Django's formats for the page's language, and the audit trails'
stored values in words: "7 décembre 2026 10:30" in French, "Dec. 7, 2026, 10:30 a.m." in
English, never a fixed "07/12/2026" or a stored "2026-12-07 10:30:00".
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.utils import translation

from vivier.audit import record
from vivier.campaigns import privacy, services
from vivier.campaigns.models import AuditEntry
from vivier.practices import registry
from vivier.practices.models import Practice
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db

#: Monday the seventh of December 2026, 10:30 in Paris.
MOMENT = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
WORDS = {
    "fr": ("7 décembre 2026 10:30", "lundi 7 décembre 2026"),
    "en": ("Dec. 7, 2026, 10:30 a.m.", "Monday, December 7, 2026"),
}


def _page(client, url: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    answer = client.get(url)
    assert answer.status_code == 200, url
    return answer.content.decode()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_journal_writes_moments_and_values_in_the_page_language(
    admin_ana_client, campaign, language
):
    LogEntry.objects.all().delete()
    practice = registry.save_sheet(Sheet(title="Cafés des parents"))
    registry.move(practice, "validated")
    record(None, "responses.export", campaign, format="csv", personal=True)
    LogEntry.objects.update(timestamp=MOMENT)
    page = _page(admin_ana_client, "/staff/journal/", language)
    moment, _ = WORDS[language]
    # The moment to the second stays in the markup, for whoever needs it.
    assert f'<time datetime="2026-12-07T10:30:00+01:00">{moment}</time>' in page
    # A choice field's change: its labels, not its stored codes.
    with translation.override(language):
        draft, validated = Practice.State.DRAFT.label, Practice.State.VALIDATED.label
    assert f"{draft} → {validated}" in page
    assert "draft → validated" not in page


def test_a_wrong_range_names_its_dates_in_the_page_language(admin_ana_client):
    for language, until, since in (
        ("fr", "1 mars 2024", "9 mars 2024"),
        ("en", "March 1, 2024", "March 9, 2024"),
    ):
        admin_ana_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = admin_ana_client.get("/staff/journal/?du=2024-03-09&au=2024-03-01")
        assert page.status_code == 400
        html = page.content.decode()
        assert f"({until})" in html and f"({since})" in html
        assert "01/03/2024" not in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_privacy_trail_shows_the_action_in_words(privacy_paul_client, language):
    privacy.audit("privacy_paul", "personal-data.find", "personne:0123")
    AuditEntry.objects.update(at=MOMENT)
    page = _page(privacy_paul_client, "/staff/donnees-personnelles/", language)
    moment, _ = WORDS[language]
    action = {"fr": "Recherche d’une personne", "en": "Search for a person"}[language]
    assert f"<td>{moment}</td>" in page
    assert "personal-data.find" not in page
    assert action in page or action.replace("’", "&#x27;") in page


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_campaign_page_names_its_busiest_day(alice_client, campaign, language):
    services.create_submitted(
        campaign, key="r1", answers={"role": "pro", "connait": "no"}, submitted_at=MOMENT
    )
    page = _page(alice_client, f"/staff/campagnes/{campaign.slug}/", language)
    _, day = WORDS[language]
    assert f"({day})" in page  # the busiest day
    assert f"<td>{day}</td>" in page  # its row of the per-day table
