"""The evaluation plan's pages have no axe-core violation: the person concerned's side
(/participer/plans/, empty, with an error, after a proposal, leaving), used with the keyboard
alone and without JavaScript, and the holder's pages (the plan, the participation matrix of
labelled selects, an indicator refused, the difference between two versions)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.conftest import make_persona
from tests.e2e.respondent import focused, has_visible_focus, tab_to
from vivier.accounts import sign_in_codes
from vivier.evaluation import plans
from vivier.evaluation.models import Plan, PlanContributor
from vivier.plans import schema
from vivier.practices import registry
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def setting(transactional_db):
    """A plan held by hugo, with a question, an indicator and a matrix; sam co-builds it."""
    holder = make_persona("hugo", "porteur_de_projet")
    holder.set_password("hugo-pass-2025")
    holder.save()
    practice = registry.save_sheet(Sheet(title="Cafés des parents"))
    practice.holder = holder
    practice.save(update_fields=["holder"])
    plan = plans.start(practice)
    plans.save(
        plan,
        schema.Plan(
            purpose="Savoir si les parents se sentent soutenus.",
            questions=(schema.EvaluativeQuestion("ecoute", "Les parents sont-ils écoutés ?"),),
            indicators=(schema.Indicator("retours", "Familles qui reviennent", unit="familles"),),
            participation=(
                schema.ParticipationCell(
                    schema.Step.QUESTIONS, schema.Group.PERSONS_CONCERNED, schema.Mode.CO_DECIDING
                ),
            ),
        ),
        holder,
    )
    person = make_persona("sam", "personne_concernee")
    PlanContributor.objects.create(plan=plan, user=person, group="personnes_concernees")
    return {"plan": plan, "code": sign_in_codes.create(account=person).code}


def check(axe: Axe, page: Page, what: str) -> None:
    violations = axe.run(page).response["violations"]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe-core finds {len(violations)} violation(s) on {what}:\n{details}"


def sign_in_with_code(page: Page, code: str) -> None:
    page.goto("/comptes/code/")
    page.get_by_label("Votre code").fill(code)
    page.get_by_role("button", name="Me connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")


def press_enter_on(page: Page, selector: str) -> None:
    tab_to(page, selector)
    assert has_visible_focus(page), f"no visible focus on {selector}: {focused(page)}"
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_person_concerned_pages_have_no_violation(page, setting, axe):
    plan: Plan = setting["plan"]
    sign_in_with_code(page, setting["code"])
    page.goto("/participer/plans/")
    check(axe, page, "the plans I co-build")
    page.get_by_role("link", name="Cafés des parents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cafés des parents")
    expect(page.get_by_text("Les parents sont-ils écoutés ?")).to_be_visible()
    check(axe, page, "the plan in easy words")
    page.get_by_role("button", name="Je propose cette question").click()
    expect(page.get_by_role("alert")).to_contain_text("Écrivez votre question.")
    expect(page.locator("#question-text")).to_have_attribute("aria-invalid", "true")
    check(axe, page, "the plan with a refused proposal")
    page.get_by_label("Ce que l’on peut regarder").fill("Les familles qui reviennent")
    page.get_by_role("button", name="Je propose cet indicateur").click()
    expect(page.get_by_text("Merci. Votre idée est dans le plan.")).to_be_visible()
    check(axe, page, "the plan after a proposal")
    page.get_by_role("link", name="Je ne participe plus à ce plan").click()
    check(axe, page, "the confirmation of leaving")
    page.get_by_role("button", name="Oui, je ne participe plus").click()
    expect(page.get_by_text("Vous ne participez plus à ce plan.")).to_be_visible()
    check(axe, page, "the list after leaving")
    assert PlanContributor.objects.get(plan=plan).left_at is not None


def test_the_person_concerned_uses_the_keyboard_alone_without_javascript(new_page, setting):
    page = new_page(javascript=False)
    plan: Plan = setting["plan"]
    sign_in_with_code(page, setting["code"])
    page.goto("/participer/plans/")
    press_enter_on(page, f"a[href='/participer/plans/{plan.practice.slug}/']")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cafés des parents")

    # An empty question is refused; the error is said beside the field.
    press_enter_on(page, "form[action$='/question/'] button")
    expect(page.get_by_role("alert")).to_contain_text("Écrivez votre question.")
    expect(page.locator("#question-text")).to_have_attribute("aria-invalid", "true")

    tab_to(page, "#critere-text")
    page.keyboard.type("Être reçu vite")
    press_enter_on(page, "form[action$='/critere/'] button")
    expect(page.get_by_text("Merci. Ce qui compte pour vous est dans le plan.")).to_be_visible()
    expect(page.get_by_text("Être reçu vite")).to_be_visible()

    press_enter_on(page, "a[href$='/quitter/']")
    expect(page.get_by_text("Ce que vous avez proposé reste dans le plan.")).to_be_visible()
    press_enter_on(page, "form:not(.vivier-lang) button[type=submit]")
    expect(page.get_by_text("Vous ne participez plus à ce plan.")).to_be_visible()
    assert PlanContributor.objects.get(plan=plan).left_at is not None
    assert "Être reçu vite" in plans.current(Plan.objects.get(pk=plan.pk)).criteria


def test_the_holder_pages(page, setting, axe):
    plan: Plan = setting["plan"]
    page.goto("/staff/connexion/")
    page.fill("#id_username", "hugo")
    page.fill("#id_password", "hugo-pass-2025")
    with page.expect_navigation():
        page.get_by_role("button", name="Se connecter").click()
    base = f"/evaluation/{plan.practice.slug}/plan/"

    page.goto(f"/evaluation/{plan.practice.slug}/")
    check(axe, page, "the evaluation page with the plan's part")
    page.goto(base)
    expect(page.get_by_text("définition 1")).to_be_visible()
    check(axe, page, "the plan")

    page.goto(f"{base}participation/")
    select = page.get_by_label("Juger — personnes concernées")
    select.select_option("consulte")
    check(axe, page, "the participation matrix")
    page.get_by_role("button", name="Enregistrer une nouvelle version").click()
    expect(page.get_by_text("Le plan est enregistré : version 3.")).to_be_visible()

    page.goto(f"{base}indicateurs/retours/")
    page.get_by_label("Objectifs par période").fill("2024-13 : 50")
    page.get_by_role("button", name="Enregistrer une nouvelle version").click()
    expect(page.get_by_role("alert")).to_contain_text("« 2024-13 » n’est pas une période.")
    check(axe, page, "an indicator refused")
    page.get_by_label("Objectifs par période").fill("2025 : 50")
    page.get_by_label("Fréquence des mesures").select_option("trimestriel")
    page.get_by_role("button", name="Enregistrer une nouvelle version").click()
    expect(page.get_by_text("c’est la définition 2")).to_be_visible()

    page.goto(f"{base}versions/")
    check(axe, page, "the versions")
    page.get_by_role("link", name="Voir les changements de la version 4").click()
    expect(
        page.get_by_text("Les mesures antérieures restent attachées à la définition 1")
    ).to_be_visible()
    check(axe, page, "the difference between two versions")

    for tail in ("questions/", "jalons/", "contributeurs/", "cadre/"):
        page.goto(f"{base}{tail}")
        check(axe, page, f"the page {tail}")
