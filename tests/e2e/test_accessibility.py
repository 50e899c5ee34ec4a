"""axe-core finds no violation on the pages the public sees, all along the questionnaire.

The HCTS questionnaire is walked along three paths that, together, show every one of its
sections; every page is checked as it is reached, then the review, the thanks page and the
pages a respondent meets when something goes wrong.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.respondent import (
    REVIEW,
    answer_page,
    continue_to,
    focus_matches,
    focused,
    go_straight_to,
    press_button,
    send,
    start,
    tab_to,
    walk,
    where,
)
from tests.support import make_campaign, small_questionnaire
from vivier.surveys import flow
from vivier.surveys.questionnaires import hcts_2020

pytestmark = pytest.mark.e2e

#: Two ways through the questionnaire, walked page by page.
PATHS: dict[str, dict[str, dict[str, Any]]] = {
    "persons concerned": {
        "profil": {"q1": "representant"},
        "parcours_personnes_concernees": {"q2": "yes"},
        "personnes_concernees_participation": {"q5": "yes"},
    },
    "field need, evaluated": {
        "profil": {"q1": "travailleur_social"},
        "connaissance_pratiques": {"q14": "yes"},
        "origine": {"q23": "besoin_terrain"},
        "besoin_terrain": {"q26": "yes"},
        "inspiration": {"q33": "yes"},
        "evaluation": {"q54": "yes"},
        "resultats": {"q60": "superieurs"},
        "implication_acteurs": {"q71": {"equipes": 4}},
    },
}
#: The third way: a practice asked by the hierarchy and never evaluated. Only its own pages
#: are checked (reached through the resume link), the others are those of the paths above.
HIERARCHY = {
    "profil": {"q1": "other", "q1_other": "Formatrice"},
    "connaissance_pratiques": {"q14": "yes"},
    "origine": {"q23": "demande_hierarchie"},
    "demande_hierarchie": {"q29": "yes"},
    "evaluation": {"q54": "no"},
    "evaluation_non_menee": {"q58": "no"},
}
HIERARCHY_OWN_PAGES = ["demande_hierarchie", "evaluation_non_menee"]


def _flat(path: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {name: value for answers in path.values() for name, value in answers.items()}


def _sections(path: dict[str, dict[str, Any]]) -> list[str]:
    return [s.name for s in flow.visible_sections(hcts_2020.build(), _flat(path))]


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def no_violations(axe):
    """Checks the current page with axe-core; on failure, says what to fix and where."""

    def check(page: Page, what: str = "") -> None:
        results = axe.run(page)
        violations = results.response["violations"]
        report = [
            f"- {v['id']} ({v['impact']}): {v['help']}\n"
            f"    {v['helpUrl']}\n"
            + "".join(
                f"    at {node['target']}: {node.get('failureSummary', '')[:300]!r}\n"
                for node in v["nodes"][:3]
            )
            for v in violations
        ]
        if violations:
            pytest.fail(
                f"axe-core finds {len(violations)} violation(s) on {what or page.url} "
                f"({page.url}):\n" + "".join(report),
                pytrace=False,
            )

    return check


def test_the_three_paths_together_show_every_section():
    every = {s.name for s in hcts_2020.build().sections}
    shown = {name for path in PATHS.values() for name in _sections(path)}
    assert set(HIERARCHY_OWN_PAGES) <= set(_sections(HIERARCHY))
    assert shown | set(HIERARCHY_OWN_PAGES) == every


def test_the_home_page_and_the_landing_page_have_no_violation(page, hcts, no_violations):
    page.goto("/")
    expect(page.get_by_role("link", name=hcts.title)).to_be_visible()
    no_violations(page, "the home page")
    page.get_by_role("link", name=hcts.title).click()
    expect(page.get_by_role("button", name="Commencer le questionnaire")).to_be_visible()
    no_violations(page, "the landing page")


@pytest.mark.parametrize("path", list(PATHS))
def test_every_page_of_a_path_has_no_violation(page, hcts, no_violations, path):
    start(page, hcts)
    shown = walk(page, PATHS[path], on_page=lambda page, section: no_violations(page, section))
    assert shown == _sections(PATHS[path])
    no_violations(page, "the review page")
    send(page)
    no_violations(page, "the thanks page")


def test_the_pages_of_a_practice_asked_by_the_hierarchy_have_no_violation(
    page, hcts, no_violations
):
    start(page, hcts)
    for section, answers in HIERARCHY.items():
        if where(page) != section:
            go_straight_to(page, section)
        answer_page(page, answers)
        if section in HIERARCHY_OWN_PAGES:
            no_violations(page, section)
        continue_to(page)
    assert where(page) == "resultats"


def test_a_page_with_errors_has_no_violation_and_its_summary_leads_to_the_field(
    page, hcts, no_violations
):
    start(page, hcts)
    assert continue_to(page) == "profil"  # Q1 is required and nothing is chosen
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Dites-nous à quel titre vous répondez")
    expect(page).to_have_title(re.compile(r"^Erreur"))
    no_violations(page, "the profile page with its error summary")

    tab_to(page, "#error-summary a")
    page.keyboard.press("Enter")
    expect(page.locator("#f-q1-0")).to_be_focused()
    assert page.evaluate("document.activeElement.id") == "f-q1-0", focused(page)


def test_the_review_with_errors_has_no_violation_and_its_links_lead_back_to_the_question(
    page, hcts, no_violations
):
    start(page, hcts)
    page.goto(page.url.replace("/p/profil/", "/relecture/"))
    assert press_button(page, "Envoyer mes réponses") == REVIEW
    link = page.locator("#error-summary a").first
    expect(link).to_contain_text("Dites-nous à quel titre")
    no_violations(page, "the review page with errors")

    tab_to(page, "#error-summary a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert where(page) == "profil"
    # Today the link targets the question's fieldset (#f-q1), which cannot take the focus:
    # the browser starts the next Tab from there, so one press reaches the first option.
    if not focus_matches(page, "#f-q1-0"):
        page.keyboard.press("Tab")
    expect(page.locator("#f-q1-0")).to_be_focused()


def test_the_saved_page_has_no_violation(page, hcts, no_violations):
    start(page, hcts)
    assert press_button(page, "Enregistrer et finir plus tard") == "enregistre"
    expect(page.get_by_label("Votre lien de reprise")).to_have_value(re.compile(r"/r/\w+/$"))
    no_violations(page, "the saved page")


def test_the_closed_campaign_page_has_no_violation(page, transactional_db, no_violations):
    closed = make_campaign(
        small_questionnaire("ferme"),
        opens_at=timezone.now() - timedelta(days=10),
        closes_at=timezone.now() - timedelta(days=1),
    )
    answer = page.goto(f"/q/{closed.slug}/")
    assert answer.status == 410
    expect(page.get_by_text("Cette enquête est close")).to_be_visible()
    no_violations(page, "the closed campaign page")


def test_the_not_found_page_of_a_tampered_resume_link_has_no_violation(page, hcts, no_violations):
    start(page, hcts)
    resume = page.url.split("/p/")[0]
    answer = page.goto(resume[:-3] + "zzz/")
    assert answer.status == 404
    expect(page.get_by_text("Ce lien de reprise n’est pas valide")).to_be_visible()
    no_violations(page, "the not found page")
