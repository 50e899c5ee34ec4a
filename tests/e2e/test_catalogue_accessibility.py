"""axe-core finds no violation on the public catalogue's pages: the catalogue with a search
and a facet, the map, a sheet, the open data schema and the 404 of an unpublished sheet."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.practices.test_catalogue import DRAFT, SHEETS, publish
from vivier.practices import registry

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def practices(transactional_db):
    found = {key: publish(sheet) for key, sheet in SHEETS.items()}
    found["draft"] = registry.save_sheet(DRAFT)
    return found


def check(axe: Axe, page: Page, what: str) -> None:
    violations = axe.run(page).response["violations"]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe-core finds {len(violations)} violation(s) on {what}:\n{details}"


@pytest.mark.parametrize("javascript", [True, False], ids=["with js", "without js"])
def test_the_catalogue_with_a_search_and_a_facet(new_page, practices, axe, javascript):
    page = new_page(javascript=javascript)
    page.goto("/pratiques/")
    if javascript:  # axe-core runs in the page: it needs JavaScript
        check(axe, page, "the catalogue")
    page.get_by_role("searchbox", name="Rechercher une pratique").fill("conférence familiale")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("#result-count")).to_have_text("2 pratiques trouvées")
    # DSFR draws the box over the input: a person clicks the label.
    page.get_by_text("Développement du pouvoir d’agir (1)").click()
    expect(page.get_by_label("Développement du pouvoir d’agir (1)")).to_be_checked()
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page.locator("#result-count")).to_have_text("1 pratique trouvée")
    assert "theme=pouvoir_d_agir" in page.url and "q=conf" in page.url
    if javascript:
        check(axe, page, "the catalogue with a search and a facet")
    page.get_by_role("link", name="Conférences familiales en Gironde").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Conférences familiales en Gironde")


def test_no_result_page(page, practices, axe):
    page.goto("/pratiques/?q=xylophone")
    expect(page.locator("#no-result")).to_be_visible()
    check(axe, page, "the catalogue without result")


def test_the_map(page, practices, axe):
    page.goto("/pratiques/carte/")
    check(axe, page, "the map")
    page.get_by_role("link", name="33 - Gironde").click()
    expect(page.locator("#result-count")).to_have_text("2 pratiques trouvées")


def test_a_sheet_page(page, practices, axe):
    page.goto(f"/pratiques/{practices['conf'].slug}/")
    check(axe, page, "a sheet page")


def test_the_open_data_schema(page, practices, axe):
    page.goto("/pratiques/donnees/")
    check(axe, page, "the open data schema")


def test_the_404_of_a_draft(page, practices, axe):
    response = page.goto(f"/pratiques/{practices['draft'].slug}/")
    assert response is not None and response.status == 404
    expect(page.get_by_text("Cette pratique n’existe pas ou n’est pas publiée.")).to_be_visible()
    check(axe, page, "the 404 page")


def test_the_pages_in_english(page, practices, axe):
    """The English words (labels of codes, dates, the map's unit) keep the pages clean."""
    page.goto("/pratiques/")
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": page.url}]
    )
    for url, what in (
        ("/pratiques/?theme=conferences_familiales", "the catalogue in English"),
        ("/pratiques/carte/", "the map in English"),
        (f"/pratiques/{practices['conf'].slug}/", "a sheet page in English"),
    ):
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", "en")
        check(axe, page, what)
