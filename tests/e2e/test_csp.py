"""The Content-Security-Policy holds on the main pages: nothing inline is refused by Chromium.

The policy forbids inline scripts, styles and style attributes. A template or a chart that
still carried one would work in tests without a browser and be broken (unstyled, or its
script not run) in a real one: Chromium reports each refusal as a ``securitypolicyviolation``
event and a console message, and this test collects both on every page it visits, with
JavaScript on, through the whole path of a respondent (htmx updates included), the public
catalogue, a practice sheet, its map, and the staff area with the analysis dashboard.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.respondent import answer, continue_to, go_straight_to
from vivier.demo.builder import STAFF_PASSWORD, STAFF_USERNAME

pytestmark = pytest.mark.e2e

# Runs before any script of the page (Playwright injects it outside the page's policy).
_LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__violations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def demo(transactional_db):
    from vivier.demo.builder import build_demo
    from vivier.reports import snapshots

    snapshots.forget(files=True)
    build_demo()
    yield
    snapshots.forget(files=True)


class Watch:
    """Everything Chromium refused on a page, or said about the page's policies."""

    def __init__(self, page: Page):
        self.page = page
        self.found: dict[str, list[str]] = {}
        page.add_init_script(_LISTEN)
        page.on("console", self._console)

    def _console(self, message) -> None:
        text = message.text
        if "Content Security Policy" in text or "Permissions-Policy" in text:
            self.found.setdefault(self.page.url, []).append(f"console: {text}")

    def visit(self, url: str | None = None) -> None:
        """Opens ``url`` (or stays), then records the violations reported so far on it."""
        if url is not None:
            self.page.goto(url)
        self.page.wait_for_load_state("load")
        self.collect()

    def collect(self) -> None:
        violations = self.page.evaluate("window.__violations || []")
        if violations:
            self.found.setdefault(self.page.url, []).extend(violations)
        self.page.evaluate("window.__violations = []")


def test_no_csp_violation_on_the_main_pages(new_page, demo):
    from vivier.campaigns.models import Campaign
    from vivier.practices.models import Practice

    page = new_page()
    watch = Watch(page)
    hcts = Campaign.objects.get(slug="hcts-2020")

    # A respondent: landing, start, pages with htmx relevance updates, review.
    watch.visit(f"/q/{hcts.slug}/")
    page.get_by_role("button", name="Commencer le questionnaire").click()
    page.wait_for_url("**/p/*/")
    watch.visit()
    answer(page, "q1", "benevole")
    continue_to(page)
    watch.visit()
    continue_to(page)
    answer(page, "q14", "yes")
    continue_to(page)
    go_straight_to(page, "inspiration")
    sources = page.get_by_label("Quelles ont été ces sources d'inspiration ?")
    answer(page, "q33", "yes")
    sources.wait_for(state="visible")  # htmx posted the page and applied the server's answer
    watch.visit()

    # The public catalogue, a practice sheet and the map.
    watch.visit("/")
    watch.visit("/pratiques/")
    watch.visit(f"/pratiques/{Practice.objects.get(code='1C').slug}/")
    watch.visit("/pratiques/carte/")

    # The staff area, logged in through the form, and the dashboard with its charts and map.
    watch.visit("/staff/connexion/")
    page.fill("#id_username", STAFF_USERNAME)  # every right: every staff page
    page.fill("#id_password", STAFF_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/staff/")
    watch.visit()
    watch.visit(f"/staff/campagnes/{hcts.slug}/")
    watch.visit(f"/staff/campagnes/{hcts.slug}/analyse/")
    watch.visit(f"/staff/campagnes/{hcts.slug}/analyse/q/q23/")
    watch.visit(f"/staff/campagnes/{hcts.slug}/reponses/")
    watch.visit("/staff/pratiques/")

    assert watch.found == {}


def test_the_policy_is_sent_and_forbids_inline_code(page, hcts):
    response = page.goto(f"/q/{hcts.slug}/")
    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    # The policy is enforced: an inline script added to the page does not run.
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.__ran = true";
            document.head.appendChild(script);
        }"""
    )
    assert page.evaluate("window.__ran === true") is False
