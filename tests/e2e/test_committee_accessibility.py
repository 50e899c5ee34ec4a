"""A person concerned who sits on a cross-evaluation committee, with the keyboard alone and
without JavaScript: she signs in with her code, finds her committee and its open session,
says what she wants to say (an empty message first: the error is said), reads her group's
opinion, then withdraws what she said. Only key presses (Tab, Enter, typed text) move her
on. The walk is made with and without JavaScript; with it, axe-core finds no violation on
any page (axe runs in the page, so not where scripts are off)."""

from __future__ import annotations

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.conftest import make_persona
from tests.e2e.respondent import has_visible_focus, tab_to
from vivier.accounts import sign_in_codes
from vivier.evaluation import committees
from vivier.evaluation.models import Committee, CommitteeMember, CommitteeSession, Contribution

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def sitting(transactional_db):
    """Sam sits with three others on a committee whose session is open; the professionals
    have given their opinion. Returns the code that opens Sam's account."""
    sam = make_persona("personne-sam", "personne_concernee")
    committee = Committee.objects.create(name="Comité du Gers", departement="32", k=2)
    for name, group, user in (
        ("Sam", committees.PERSON_CONCERNED, sam),
        ("Nour", committees.PERSON_CONCERNED, None),
        ("Léa", committees.PROFESSIONAL, None),
        ("Marc", committees.PROFESSIONAL, None),
    ):
        CommitteeMember.objects.create(
            committee=committee, name=name, usual_group=group, user=user, organisation="GIP"
        )
    session = CommitteeSession.objects.create(
        committee=committee, date=datetime.date(2026, 3, 14), agenda="Le bilan de l’année."
    )
    committees.set_seats(session, {m.pk: m.usual_group for m in committee.members.all()})
    assert committees.open_session(session) == []
    committees.record_opinion(
        session, committees.PERSON_CONCERNED, "Le lieu est accueillant.", False, None
    )
    return sign_in_codes.create(account=sam).code


def check_axe(axe: Axe, page: Page, what: str) -> None:
    violations = axe.run(page).response["violations"]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe-core finds {len(violations)} violation(s) on {what}:\n{details}"


def follow(page: Page, selector: str) -> None:
    """Tabs to a link or a button, checks its focus is seen, and presses Enter."""
    tab_to(page, selector)
    assert has_visible_focus(page), f"no visible focus on {selector}"
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_member_speaks_and_withdraws_with_the_keyboard_alone(new_page, sitting, axe, javascript):
    page = new_page(javascript=javascript)

    def check(what: str) -> None:
        # axe-core runs in the page: only where the page runs scripts.
        if javascript:
            check_axe(axe, page, what)

    page.goto("/comptes/code/")
    tab_to(page, "input[name=code]")
    page.keyboard.type(sitting)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.goto("/participer/comites/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes comités")
    check("the list of my committees")
    follow(page, "#committees a")

    expect(page.get_by_role("heading", level=1)).to_have_text("Comité du Gers")
    expect(
        page.get_by_text("Votre avis compte autant que celui des professionnels.")
    ).to_be_visible()
    check("the committee page")
    follow(page, "#sessions a")

    expect(page.get_by_role("heading", level=1)).to_have_text("Séance du 14 mars 2026")
    expect(page.get_by_text("Le bilan de l’année.")).to_be_visible()
    expect(page.locator("#group-opinion")).to_contain_text("Le lieu est accueillant.")
    check("the session page")

    follow(page, "form[action$='/dire/'] button")
    expect(page.get_by_role("alert")).to_contain_text("Écrivez ce que vous voulez dire.")
    expect(page.get_by_label("Ce que je veux dire")).to_have_attribute("aria-invalid", "true")
    check("the session page with an error")

    tab_to(page, "textarea[name=text]")
    page.keyboard.type("On m’écoute, ici.")
    follow(page, "form[action$='/dire/'] button")
    expect(page.locator("#mine")).to_contain_text("On m’écoute, ici.")
    check("the session page after speaking")

    follow(page, "#mine a")
    expect(page.get_by_role("heading", level=1)).to_have_text("Retirer ce que j’ai dit")
    check("the withdrawal page")
    follow(page, "main button[type=submit]")
    expect(
        page.get_by_text("Ce que vous avez dit est retiré. Personne ne le verra.")
    ).to_be_visible()
    expect(page.locator("#mine")).to_have_count(0)
    assert Contribution.objects.get().withdrawn_at is not None
