"""Browser fixtures: Debian's headless Chromium driven by Playwright against a live server.

- ``browser``: one Chromium for the whole session (Playwright never downloads one: without
  /usr/bin/chromium the tests are skipped, or fail when ``VIVIER_REQUIRE_BROWSER=1``);
- ``new_page(javascript=True)``: a page in a fresh browser context (no cookies shared
  between tests), with or without JavaScript;
- ``page``: the usual case, a fresh page with JavaScript;
- ``hcts``: the HCTS 2020 campaign, open, created in the live server's database.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the main thread: Django would otherwise refuse
# the ORM calls the tests make between two browser actions.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
# Whatever happens, Playwright must use the system browser and never fetch its own.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Longest wait for one browser action (ms): the live server answers in milliseconds.
TIMEOUT_MS = 10_000


def _no_browser(reason: str) -> None:
    if os.environ.get("VIVIER_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (VIVIER_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        _no_browser(
            f"{CHROMIUM} is missing: install Debian's chromium (scripts/ensure-chromium) "
            "to run the browser tests"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        _no_browser("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server) -> Iterator[Callable]:
    """Opens pages in fresh contexts whose relative URLs point at the live server."""
    contexts = []

    def open_page(*, javascript: bool = True):
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            locale="fr-FR",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def hcts(transactional_db):
    from tests.support import make_campaign
    from vivier.surveys.questionnaires import hcts_2020

    return make_campaign(hcts_2020.build())
