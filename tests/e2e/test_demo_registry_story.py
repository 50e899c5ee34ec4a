"""The registry's story on the demo data, in a real browser: a visitor finds the Gironde
family-group conferences by typing the words without accents, narrows by theme and région,
reaches the sheet from the map and gets it as a PDF; a working-group member uploads the
report, is told its 21 sheets are already in the registry, and on an empty registry gets them
as drafts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support import shared_path
from vivier.demo.builder import STAFF_PASSWORD
from vivier.demo.practices import practices as demo_sheets
from vivier.practices.models import Practice

pytestmark = pytest.mark.e2e

GIRONDE = next(sheet.title for sheet in demo_sheets() if sheet.code == "1C")


@pytest.fixture
def demo(transactional_db):
    from vivier.demo.builder import build_demo

    build_demo(responses=False)


def _count(page: Page) -> int:
    text = page.locator("#result-count").text_content() or ""
    return int(re.sub(r"\D", "", text))


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without"])
def test_a_visitor_finds_filters_maps_and_downloads_the_gironde_sheet(new_page, demo, javascript):
    page = new_page(javascript=javascript)
    page.goto("/pratiques/")
    assert _count(page) == 21
    page.get_by_role("searchbox", name="Rechercher une pratique").fill(
        "conference familiale gironde"
    )
    page.get_by_role("button", name="Rechercher").click()
    first = page.locator(".fr-card__title a").first
    expect(first).to_have_text(GIRONDE)

    # Theme and région narrow the whole catalogue, and their counts say by how much.
    page.goto("/pratiques/")
    page.locator("label", has_text=re.compile(r"^Conférences familiales \(\d+\)$")).click()
    region = page.locator("#f-region option", has_text=re.compile(r"^Nouvelle-Aquitaine \(\d+\)$"))
    page.select_option("#f-region", value=region.get_attribute("value"))
    page.get_by_role("button", name="Appliquer les filtres").click()
    titles = page.locator(".fr-card__title a").all_text_contents()
    assert GIRONDE in titles
    assert 0 < _count(page) < 21 and len(titles) == _count(page)
    assert "theme=" in page.url and "region=" in page.url

    page.goto("/pratiques/carte/")
    page.get_by_role("link", name=re.compile(r"^33 - Gironde")).click()
    page.get_by_role("link", name=GIRONDE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(GIRONDE)

    pdf = page.get_by_role("link", name="Télécharger la fiche en PDF")
    answer = page.request.get(pdf.get_attribute("href") or "")
    assert answer.ok and answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF")


def test_the_printed_sheet_leaves_out_the_buttons_and_similar_practices(page, demo):
    page.goto(f"/pratiques/{Practice.objects.get(code='1C').slug}/")
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Télécharger la fiche en PDF")).to_be_hidden()
    expect(page.locator("#similar-title")).to_be_hidden()


def test_a_staff_member_uploads_the_report_and_gets_21_drafts(page, demo):
    report = shared_path("seed", "rapport-hcts-pratiques-emergentes.txt")
    page.goto("/staff/connexion/")
    page.fill("#id_username", "groupe")  # the demo's working-group account
    page.fill("#id_password", STAFF_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/staff/pratiques/")  # the first page the role opens
    # The demo registry already holds the report's 21 sheets: nothing is imported twice.
    page.goto("/staff/pratiques/importer/")
    page.set_input_files("#document", str(report))
    page.get_by_role("button", name="Importer").click()
    expect(page.locator("#already-present")).to_contain_text("21 fiches du document sont déjà")
    assert Practice.objects.count() == 21 and not Practice.objects.filter(state="draft").exists()
    # On an empty registry, the same document gives the 21 sheets as drafts.
    Practice.objects.all().delete()
    page.goto("/staff/pratiques/importer/")
    page.set_input_files("#document", str(report))
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_role("status")).to_contain_text("21 fiches créées en brouillon")
    codes = [item.split(" — ")[0] for item in page.locator("#imported li").all_text_contents()]
    assert codes == [f"{n}{letter}" for n, letters in
                     ((1, "ABCDE"), (2, "ABCD"), (3, "ABC"), (4, "ABC"), (5, "ABCDEF"))
                     for letter in letters]  # fmt: skip
    assert Practice.objects.filter(state="draft").count() == 21
