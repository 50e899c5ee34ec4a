"""The questionnaires of evaluation on the ordinary respondent pages: the easy-to-read
satisfaction questionnaire and the follow-up reached by a panel link have no axe-core
violation on any page, and the panel member's own pages (start, leave) work with the
keyboard alone and without JavaScript (axe-core itself needs JavaScript: the pages are
checked in a browser that runs it)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.respondent import REVIEW, focus_matches, send, start, tab_to, walk, where
from vivier.campaigns.models import Response
from vivier.evaluation import surveys
from vivier.evaluation.models import PanelMember

pytestmark = pytest.mark.e2e

SATISFACTION = {
    "accompagnement": {"satisfaction": "satisfait", "ecoute": "yes"},
    "changements": {"changement": "mieux", "mot_libre": "Merci à l’équipe."},
}
FOLLOW_UP = {
    "aujourd_hui": {"forme": "bien", "evolution": "mieux", "confiance": "4"},
    "projets": {"projets": "avancent", "soutien": "yes", "satisfaction": "tres_satisfait"},
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def plan(transactional_db):
    from tests.evaluation.test_surveys import make_plan

    return make_plan()


def check(axe: Axe, page: Page, what: str) -> None:
    violations = axe.run(page).response["violations"]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe-core finds {len(violations)} violation(s) on {what}:\n{details}"


def test_the_easy_to_read_questionnaire_has_no_violation(page, plan, axe):
    campaign = surveys.attach(plan, template="satisfaction_falc").campaign
    page.goto(f"/q/{campaign.slug}/")
    check(axe, page, "the landing page")
    start(page, campaign)
    shown = walk(page, SATISFACTION, on_page=lambda page, section: check(axe, page, section))
    assert shown == ["accompagnement", "changements"]
    check(axe, page, "the review page")
    send(page)
    check(axe, page, "the thanks page")
    response = Response.objects.get(campaign=campaign)
    assert response.answers["satisfaction"] == "satisfait"


def test_a_panel_member_answers_a_wave_by_keyboard(page, plan, axe):
    wave = surveys.attach(plan, template="suivi", milestone="demarrage")
    (member,) = surveys.add_members(plan, 1)
    page.goto(surveys.panel_url(member, wave))
    expect(page.get_by_text(f"Votre numéro de suivi est {member.panel_id}.")).to_be_visible()
    check(axe, page, "the panel landing page")
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert where(page) == "aujourd_hui"
    shown = walk(page, FOLLOW_UP, on_page=lambda page, section: check(axe, page, section))
    assert shown == ["aujourd_hui", "projets"] and where(page) == REVIEW
    check(axe, page, "the review page of the follow-up")
    send(page)
    response = Response.objects.get(campaign=wave.campaign)
    assert response.panel_link.member == member and response.answers["confiance"] == 4


def test_a_panel_link_works_without_javascript(new_page, plan):
    wave = surveys.attach(plan, template="suivi", milestone="demarrage")
    (member,) = surveys.add_members(plan, 1)
    page = new_page(javascript=False)
    page.goto(surveys.panel_url(member, wave))
    with page.expect_navigation():
        page.get_by_role("button", name="Commencer le questionnaire").click()
    assert where(page) == "aujourd_hui"
    page.goto(surveys.panel_url(member, wave) + "quitter/")
    page.locator("label[for=id_confirm]").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Quitter le suivi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vous avez quitté le suivi")


def test_a_panel_member_leaves_the_panel_by_keyboard(page, plan, axe):
    wave = surveys.attach(plan, template="suivi", milestone="demarrage")
    (member,) = surveys.add_members(plan, 1)
    page.goto(surveys.panel_url(member, wave))
    tab_to(page, "a[href$='/quitter/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quitter le suivi")
    check(axe, page, "the page to leave the panel")
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Cochez la case pour quitter le suivi.")
    check(axe, page, "the page to leave the panel, with an error")
    tab_to(page, "input[name=confirm]")
    page.keyboard.press("Space")
    assert focus_matches(page, "input[name=confirm]:checked")
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vous avez quitté le suivi")
    check(axe, page, "the page after leaving the panel")
    assert PanelMember.objects.get(pk=member.pk).withdrawn_at is not None
