"""A person concerned tells a story of change, reads what became of it and withdraws their
consent: the pages under /participer/recits/ have no axe-core violation (empty, with errors,
filled), and work with the keyboard alone, without JavaScript."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.conftest import make_persona
from tests.e2e.respondent import focus_matches, focused, has_visible_focus, tab_to
from vivier.accounts import sign_in_codes
from vivier.evaluation import plans, stories
from vivier.evaluation.models import PlanContributor, Story
from vivier.practices import registry
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.e2e

HOME = "/participer/recits/"


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def teller(transactional_db):
    """A person concerned contributing to one plan, and the code they sign in with."""
    person = make_persona("sam", "personne_concernee")
    plan = plans.start(registry.save_sheet(Sheet(title="Cafés des parents")))
    PlanContributor.objects.create(plan=plan, user=person, group="personnes_concernees")
    return {"person": person, "plan": plan, "code": sign_in_codes.create(account=person).code}


def sign_in(page: Page, code: str) -> None:
    page.goto("/comptes/code/")
    page.get_by_label("Votre code").fill(code)
    page.get_by_role("button", name="Me connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")


def check(axe: Axe, page: Page, what: str) -> None:
    violations = axe.run(page).response["violations"]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe-core finds {len(violations)} violation(s) on {what}:\n{details}"


def press_enter_on(page: Page, selector: str) -> None:
    tab_to(page, selector)
    assert has_visible_focus(page), f"no visible focus on {selector}: {focused(page)}"
    with page.expect_navigation():
        page.keyboard.press("Enter")


def write(page: Page, field: str, text: str) -> None:
    tab_to(page, f"#f-{field}")
    page.keyboard.type(text)


def test_the_pages_have_no_violation(page, teller, axe):
    sign_in(page, teller["code"])
    page.goto(HOME)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes récits")
    expect(page.get_by_text("Raconter est un choix libre.")).to_be_visible()
    check(axe, page, "my stories, empty")

    page.get_by_role("link", name="Raconter ce qui a changé").click()
    check(axe, page, "the story form")
    page.get_by_role("button", name="Envoyer mon récit").click()
    expect(page.get_by_role("alert")).to_contain_text("Écrivez ce qui a changé pour vous.")
    check(axe, page, "the story form with errors")

    page.get_by_label("Ce qui a changé touche quelle partie de votre vie ?").fill("le logement")
    page.get_by_label("Qu’est-ce qui a changé pour vous ?").fill("J’ai un appartement.")
    page.get_by_label("Pourquoi c’est important pour vous ?").fill("Mes enfants viennent.")
    # DSFR draws the box over the input: a person clicks the label.
    page.locator("label[for=f-consent_1]").click()
    page.get_by_role("button", name="Envoyer mon récit").click()
    expect(page.get_by_text("Merci. Votre récit est enregistré.")).to_be_visible()
    story = Story.objects.get()
    stories.decide(story, 1, True, "Il montre le chemin parcouru.", None)
    stories.feed_back(story.selections.get(), "Bravo.")
    page.reload()
    expect(page.get_by_text("L’équipe a choisi votre récit.")).to_be_visible()
    check(axe, page, "my story, chosen by the team")

    page.get_by_role("button", name="Enregistrer ma réponse").click()
    check(axe, page, "my story after saving the same answer")
    page.get_by_role("button", name="Retirer mon accord").click()
    expect(page.get_by_text("Vous avez retiré votre accord.").first).to_be_visible()
    check(axe, page, "my story, consent withdrawn")
    page.goto(HOME)
    check(axe, page, "my stories, one withdrawn")


def test_a_story_told_and_withdrawn_with_the_keyboard_alone_without_javascript(new_page, teller):
    page = new_page(javascript=False)
    sign_in(page, teller["code"])
    page.goto(HOME)
    press_enter_on(page, f"a[href='{HOME}raconter/']")
    expect(page.get_by_role("heading", level=1)).to_have_text("Raconter ce qui a changé")

    write(page, "domain", "le travail")
    write(page, "what_changed", "J’ai trouvé un stage.")
    # A required answer forgotten: the page comes back with what was typed.
    press_enter_on(page, "button[type=submit].fr-btn")
    expect(page.get_by_role("alert")).to_contain_text("Écrivez pourquoi c’est important")
    expect(page.locator("#f-what_changed")).to_have_value("J’ai trouvé un stage.")

    write(page, "why_it_matters", "Je me lève le matin.")
    tab_to(page, "input[name=consent]")
    assert focus_matches(page, "#f-consent_0"), focused(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("#f-consent_2").is_checked()
    press_enter_on(page, "button[type=submit].fr-btn")
    expect(page.get_by_text("Merci. Votre récit est enregistré.")).to_be_visible()
    story = Story.objects.get()
    assert story.consent_publish and story.teller == teller["person"]

    press_enter_on(page, "form[action$='/retrait/'] button")
    expect(page.get_by_text("Vous avez retiré votre accord.").first).to_be_visible()
    assert Story.objects.get().consent_withdrawn_at is not None


def test_the_staff_pages_have_no_violation(page, teller, axe):
    """The working group's pages: a story (with a withdrawn consent, marked), the outcome
    form refused below two sources, an outcome."""
    member = make_persona("gael", "groupe_de_travail")
    member.set_password("gael-pass-2025")
    member.save()
    plan = teller["plan"]
    story = Story.objects.create(
        plan=plan,
        teller_group="personnes_concernees",
        teller_alias="Mme A.",
        domain="logement",
        what_changed="Un toit.",
        why_it_matters="Le calme.",
    )
    stories.set_consent(story, stories.CONSENT_QUOTE)
    stories.decide(story, 1, True, "Parlant.", member)
    stories.withdraw_consent(story)
    page.goto("/staff/connexion/")
    page.fill("#id_username", "gael")
    page.fill("#id_password", "gael-pass-2025")
    page.get_by_role("button", name="Se connecter").click()
    # The working group lands on the registry.
    page.wait_for_url("**/staff/pratiques/")

    base = f"/evaluation/{plan.practice.slug}/recits/"
    page.goto(base)
    check(axe, page, "the stories and outcomes of a plan")
    page.goto(f"{base}{story.pk}/")
    expect(page.get_by_role("heading", name="Consentement retiré")).to_be_visible()
    check(axe, page, "a story whose consent was withdrawn")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_role("alert")).to_contain_text("Donnez les raisons de la décision.")
    check(axe, page, "a story with a refused decision")

    page.goto(f"{base}effets/nouveau/")
    check(axe, page, "the outcome form")
    page.get_by_label("Acteur social").fill("La mairie")
    page.locator("#sources-0-source").fill("la CAF")
    page.get_by_role("button", name="Enregistrer l’effet").click()
    expect(page.get_by_role("alert")).to_contain_text("Indiquez au moins deux sources")
    check(axe, page, "the outcome form refused")
    page.locator("#f-change").fill("Ouvre une salle.")
    page.locator("#f-when").fill("2025")
    page.locator("#f-where").fill("Bordeaux")
    page.locator("#f-significance").fill("Les familles se voient.")
    page.locator("#f-contribution").fill("Demande des parents.")
    page.locator("#sources-1-source").fill("une voisine")
    page.locator("label[for=sources-1-substantiated]").click()
    page.get_by_role("button", name="Enregistrer l’effet").click()
    expect(page.get_by_text("confirmé par au moins une source")).to_be_visible()
    check(axe, page, "an outcome")
