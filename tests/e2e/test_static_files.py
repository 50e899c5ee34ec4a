"""The pages get their styles and scripts: DSFR's CSS and JavaScript, htmx, Vivier's own.

Under pytest-django's ``live_server``, /static/ is answered by Django's StaticFilesHandler
(which wraps the application and finds the files the same way) before WhiteNoise sees the
request; the last test checks that WhiteNoise itself serves the same files in production.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.respondent import start

pytestmark = pytest.mark.e2e

ASSETS = [
    "/static/dsfr/dist/dsfr/dsfr.min.css",
    "/static/dsfr/dist/dsfr/dsfr.module.min.js",
    "/static/django_htmx/htmx-2.min.js",
    "/static/vivier/vivier.css",
    "/static/vivier/relevance.js",
]


def test_a_questionnaire_page_loads_its_styles_and_scripts(page, hcts):
    failures = []
    page.on(
        "response",
        lambda answer: (
            answer.status >= 400
            and "/static/" in answer.url
            and failures.append(f"{answer.status} {answer.url}")
        ),
    )
    page.on("requestfailed", lambda request: failures.append(f"failed {request.url}"))
    start(page, hcts)

    expect(page.locator("html")).to_have_class("js")
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    for asset in ASSETS:
        assert any(url.endswith(asset) for url in loaded), f"{asset} was not loaded"
    assert not failures, failures
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Marianne")
    assert page.evaluate("typeof window.htmx") == "object", "htmx did not run"
    assert page.evaluate("typeof window.dsfr") == "function", "DSFR's JavaScript did not run"


def test_whitenoise_serves_the_same_files_without_collectstatic(client):
    # No URL pattern serves /static/: outside the live server, only WhiteNoise can answer.
    for asset in ASSETS:
        assert client.get(asset).status_code == 200, asset
