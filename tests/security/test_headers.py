"""Response headers: CSP, Permissions-Policy, and no-store wherever personal data may be."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.campaigns.helpers import page_url, start

pytestmark = pytest.mark.django_db


def _no_store(answer) -> bool:
    return "no-store" in answer.get("Cache-Control", "")


def test_every_page_has_a_policy_without_inline_code(client, campaign):
    for url in ("/", f"/q/{campaign.slug}/", "/pratiques/", "/staff/connexion/"):
        answer = client.get(url)
        policy = answer["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert "unsafe" not in policy
        assert "camera=()" in answer["Permissions-Policy"]
        assert "geolocation=()" in answer["Permissions-Policy"]


def test_staff_pages_and_exports_are_not_stored(alice_client, campaign):
    slug = campaign.slug
    for url in (
        "/staff/",
        f"/staff/campagnes/{slug}/",
        f"/staff/campagnes/{slug}/reponses/",
        f"/staff/campagnes/{slug}/export.csv",
        f"/staff/campagnes/{slug}/export.xlsx?donnees_personnelles=1",
        f"/staff/campagnes/{slug}/analyse/",
        f"/staff/campagnes/{slug}/rapport.json",
        "/staff/pratiques/",
    ):
        answer = alice_client.get(url)
        assert answer.status_code == 200, url
        assert _no_store(answer), url


def test_the_login_page_is_not_stored(client):
    assert _no_store(client.get("/staff/connexion/"))


def test_respondent_pages_behind_the_private_link_are_not_stored(client, campaign):
    _response, resume_url = start(client, campaign)
    for url in (resume_url, page_url(resume_url, "profil")):
        assert _no_store(client.get(url)), url
    # The redirect that hands out the private link is not stored either.
    page = client.get(f"/q/{campaign.slug}/")
    token = page.content.decode().split('name="start_token" value="')[1].split('"')[0]
    assert _no_store(client.post(f"/q/{campaign.slug}/commencer/", {"start_token": token}))


def test_a_holder_s_pages_are_not_stored(carol):
    holder = Client()
    holder.force_login(carol)
    assert _no_store(holder.get("/mes-pratiques/"))
    # Logged in, even public pages are not stored: they show who is logged in.
    assert _no_store(holder.get("/pratiques/"))


def test_public_pages_stay_cacheable_for_the_public(client, campaign):
    for url in ("/", f"/q/{campaign.slug}/", "/pratiques/", "/pratiques/donnees/"):
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert not _no_store(answer), url


def test_public_downloads_are_not_stored(client):
    answer = client.get("/pratiques/donnees.csv")
    assert answer.status_code == 200
    assert _no_store(answer)
