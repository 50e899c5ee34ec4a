"""An analyst filters the demo campaign's dashboard, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from vivier.demo.builder import STAFF_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db):
    from vivier.demo.builder import build_demo
    from vivier.reports import snapshots

    snapshots.forget(files=True)
    build_demo()
    yield
    snapshots.forget(files=True)


def _log_in(page):
    page.goto("/staff/connexion/")
    page.fill("#id_username", "analyste")  # the demo's analyst account
    page.fill("#id_password", STAFF_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/staff/")


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without"])
def test_a_filter_on_q23_narrows_the_dashboard(new_page, demo, javascript):
    page = new_page(javascript=javascript)
    _log_in(page)
    page.goto("/staff/campagnes/hcts-2020/analyse/")
    assert page.locator("#responses").text_content().strip() == "1771"
    page.select_option("#filter-question", "q23")
    page.get_by_role("button", name="Choisir les réponses").click()
    page.locator("label", has_text="Une demande de votre hiérarchie").click()
    page.get_by_role("button", name="Appliquer le filtre").click()
    # expect() polls from Playwright's side: a string for wait_for_function would be
    # evaluated in the page, which the Content-Security-Policy forbids.
    expect(page.locator("#responses")).to_have_text("42")
    assert "f.q23=demande_hierarchie" in page.url
    page.get_by_role("link", name="Retirer le filtre").click()
    expect(page.locator("#responses")).to_have_text("1771")
