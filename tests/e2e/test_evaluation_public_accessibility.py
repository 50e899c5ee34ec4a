"""The public side of the evaluation has no axe-core violation and works with the keyboard
alone and without JavaScript: a published sheet with an evaluation (French and English),
the catalogue's evaluation facet, and the holder's publication settings page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.conftest import make_persona
from tests.e2e.respondent import focused, has_visible_focus, tab_to
from tests.evaluation.test_public import evaluated
from tests.practices.test_catalogue import SHEETS, publish
from vivier.evaluation.models import Plan
from vivier.practices.models import Practice

pytestmark = pytest.mark.e2e

FACET = "Les personnes concernées codécident l’évaluation (1)"


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def sheets(transactional_db):
    found = {key: publish(sheet) for key, sheet in SHEETS.items()}
    holder = make_persona("hector", "porteur_de_projet")
    holder.set_password("hector-pass-2025")
    holder.save()
    Practice.objects.filter(pk=found["conf"].pk).update(holder=holder)
    found["conf"].refresh_from_db()
    evaluated(found["conf"])
    return found


def check(axe: Axe, page: Page, what: str) -> None:
    violations = axe.run(page).response["violations"]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe-core finds {len(violations)} violation(s) on {what}:\n{details}"


def test_a_sheet_with_its_evaluation_in_both_languages(page, sheets, axe):
    url = f"/pratiques/{sheets['conf'].slug}/"
    page.goto(url)
    expect(page.locator("#evaluation-plan-title")).to_have_text("Le plan d’évaluation")
    expect(page.locator("#participation-matrix")).to_be_visible()
    check(axe, page, "a sheet with its evaluation")
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": page.url}]
    )
    page.goto(url)
    expect(page.locator("#evaluation-plan-title")).to_have_text("The evaluation plan")
    check(axe, page, "a sheet with its evaluation, in English")


def test_the_sheet_s_evaluation_without_javascript(new_page, sheets):
    page = new_page(javascript=False)
    page.goto(f"/pratiques/{sheets['conf'].slug}/")
    expect(page.locator("#story-counts")).to_contain_text(
        "Récits de personnes concernées : moins de 5"
    )
    expect(page.locator("#series-familles")).to_contain_text("42")


@pytest.mark.parametrize("javascript", [True, False], ids=["with js", "without js"])
def test_the_facet_with_the_keyboard_alone(new_page, sheets, axe, javascript):
    page = new_page(javascript=javascript)
    page.goto("/pratiques/")
    expect(page.locator("#result-count")).to_have_text("4 pratiques trouvées")
    tab_to(page, "input[name=evaluation]")
    assert has_visible_focus(page), focused(page)
    page.keyboard.press("Space")
    expect(page.get_by_label(FACET)).to_be_checked()
    tab_to(page, ".fr-btns-group button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#result-count")).to_have_text("1 pratique trouvée")
    assert "evaluation=codecide" in page.url
    if javascript:  # axe-core runs in the page: it needs JavaScript
        check(axe, page, "the catalogue with the evaluation facet")


def test_the_publication_settings_page(page, sheets, axe):
    Plan.objects.filter(practice=sheets["conf"]).update(publish_opinions=False)
    page.goto("/staff/connexion/")
    page.fill("#id_username", "hector")
    page.fill("#id_password", "hector-pass-2025")
    with page.expect_navigation():
        page.get_by_role("button", name="Se connecter").click()
    page.goto(f"/evaluation/{sheets['conf'].slug}/publication/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ce que le public voit")
    check(axe, page, "the publication settings page")
    tab_to(page, "input[name=publish_opinions]")
    assert has_visible_focus(page), focused(page)
    page.keyboard.press("Space")
    tab_to(page, "#save-publication")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Vos choix sont enregistrés.")).to_be_visible()
    assert Plan.objects.get(practice=sheets["conf"]).publish_opinions
    check(axe, page, "the publication settings page after saving")
