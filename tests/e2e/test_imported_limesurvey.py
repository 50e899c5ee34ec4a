"""A LimeSurvey survey with a condition, brought in by staff through the browser, behaves the
same for its respondents in Vivier: the ranking question appears only for answer A2."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.respondent import REVIEW, continue_to, send, start, where
from tests.support import shared_path
from vivier.campaigns.models import Campaign, Response

pytestmark = pytest.mark.e2e

SURVEY = "limesurvey_survey_836215_ranking_with_condition.lss"


@pytest.fixture
def imported(new_page, django_user_model) -> Campaign:
    """Staff log in, upload the .lss, read the report and open a campaign, all in the browser."""
    path = shared_path("corpora", "limesurvey", SURVEY)
    from django.contrib.auth.models import Group

    dora = django_user_model.objects.create_user("dora", password="dora-pass-2026")
    dora.groups.add(Group.objects.get(name="analyste"))
    staff = new_page()
    staff.goto("/staff/connexion/")
    staff.get_by_label("Identifiant").fill("dora")
    staff.get_by_label("Mot de passe").fill("dora-pass-2026")
    with staff.expect_navigation():
        staff.get_by_role("button", name="Se connecter").click()
    staff.goto("/staff/questionnaires/")
    staff.locator("#f-fichier").set_input_files(str(path))
    with staff.expect_navigation():
        staff.get_by_role("button", name="Importer", exact=True).click()
    expect(staff.get_by_role("heading", level=2).first).to_contain_text("Questionnaire importé")
    staff.locator("#f-title").fill("Classement importé de LimeSurvey")
    with staff.expect_navigation():
        staff.get_by_role("button", name="Ouvrir la campagne").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Classement importé de LimeSurvey")
    return Campaign.objects.get(title="Classement importé de LimeSurvey")


def _ranking(page: Page):
    return page.locator("#q-Q00")


def test_with_javascript_the_ranking_appears_for_a2_only_and_is_stored(page, imported):
    start(page, imported)
    expect(_ranking(page)).to_be_hidden()
    page.locator("input[name='Q01'][value='A2'] + label").click()
    expect(_ranking(page)).to_be_visible()
    page.locator("input[name='Q00__SQ002']").fill("1")
    page.locator("input[name='Q00__SQ001']").fill("2")
    page.locator("input[name='Q01'][value='A1'] + label").click()
    expect(_ranking(page)).to_be_hidden()
    page.locator("input[name='Q01'][value='A2'] + label").click()
    expect(_ranking(page)).to_be_visible()
    assert continue_to(page) == REVIEW
    send(page)
    stored = Response.objects.get(campaign=imported)
    assert stored.answers == {"Q01": "A2", "Q00": ["SQ002", "SQ001"]}


def test_without_javascript_answer_a1_never_asks_for_the_ranking(new_page, imported):
    page = new_page(javascript=False)
    start(page, imported)
    page.locator("input[name='Q01'][value='A1'] + label").click()
    page.locator("input[name='Q00__SQ001']").fill("1")  # shown, with its condition in words
    assert continue_to(page) == REVIEW
    send(page)
    stored = Response.objects.get(campaign=imported)
    # The ranking did not apply to A1: what was typed there is not kept.
    assert stored.answers == {"Q01": "A1"}


def test_the_imported_questionnaire_pages_have_no_accessibility_violation(page, imported):
    axe = Axe()
    page.goto(f"/q/{imported.slug}/")
    checked = []
    for label in ("landing",):
        checked.append((label, axe.run(page).response["violations"]))
    start(page, imported)
    page.locator("input[name='Q01'][value='A2'] + label").click()
    expect(_ranking(page)).to_be_visible()
    checked.append((where(page), axe.run(page).response["violations"]))
    continue_to(page)
    checked.append((where(page), axe.run(page).response["violations"]))
    problems = {
        label: [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
        for label, violations in checked
        if violations
    }
    assert not problems, problems


def test_the_soft_mandatory_warning_is_accessible_and_lets_the_respondent_go_on(
    page, transactional_db
):
    from tests.support import make_campaign
    from vivier.surveys.codecs.limesurvey.reader import read_lss

    path = shared_path("corpora", "limesurvey", "limesurvey_survey_MandatorySoftCloseDialog.lss")
    imported = read_lss(path.read_bytes(), path.name).questionnaire
    assert imported is not None
    campaign = make_campaign(imported)
    start(page, campaign)
    first = where(page)
    assert continue_to(page) == first  # warned once, on the same page
    alert = page.get_by_role("status").filter(has_text="restées sans réponse")
    expect(alert).to_be_visible()
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    alert.get_by_role("link").first.click()
    assert continue_to(page) != first  # the second time, the respondent goes on
