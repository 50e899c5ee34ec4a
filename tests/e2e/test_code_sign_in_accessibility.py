"""A person concerned signs in with a code: the public page has no axe-core violation, empty
or with an error, and works without JavaScript."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from vivier.accounts import sign_in_codes

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def made(transactional_db):
    return sign_in_codes.create(label="Sam")


def check(axe: Axe, page: Page, what: str) -> None:
    violations = axe.run(page).response["violations"]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe-core finds {len(violations)} violation(s) on {what}:\n{details}"


def test_the_code_page_empty_and_with_an_error(page, made, axe):
    page.goto("/comptes/code/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Me connecter avec mon code")
    check(axe, page, "the code sign-in page")
    wrong = "ABCD-EFGH" if made.code != "ABCD-EFGH" else "HGFE-DCBA"
    page.get_by_label("Votre code").fill(wrong)
    page.get_by_role("button", name="Me connecter").click()
    expect(page.get_by_role("alert")).to_contain_text("Ce code ne marche pas.")
    expect(page.get_by_label("Votre code")).to_have_attribute("aria-invalid", "true")
    check(axe, page, "the code sign-in page with an error")


def test_signing_in_without_javascript(new_page, made, axe):
    page = new_page(javascript=False)
    page.goto("/comptes/code/")
    page.get_by_label("Votre code").fill(made.code.lower())
    page.get_by_role("button", name="Me connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    expect(page.get_by_text("Bonjour Sam. Vous êtes connecté·e.")).to_be_visible()


def test_the_account_and_deletion_pages(page, made, axe):
    page.goto("/comptes/code/")
    page.get_by_label("Votre code").fill(made.code)
    page.get_by_role("button", name="Me connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    check(axe, page, "the account page")
    page.get_by_role("link", name="Supprimer mon compte").click()
    page.get_by_role("button", name="Supprimer mon compte").click()
    expect(page.get_by_role("alert")).to_contain_text("Cochez la case pour confirmer.")
    check(axe, page, "the deletion page with an error")
    # DSFR draws the box over the input: a person clicks the label.
    page.locator("label[for=id_confirm]").click()
    expect(page.get_by_label("Oui, je veux supprimer mon compte.")).to_be_checked()
    page.get_by_role("button", name="Supprimer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre compte est supprimé")
    check(axe, page, "the page after deletion")
