"""What a respondent does in the browser, said as the tests say it.

Two families of helpers:

- mouse and form helpers (``start``, ``answer``, ``continue_to``, ``walk``) for the tests
  about branches and accessibility;
- keyboard helpers (``tab_to``, ``focused``, ``has_visible_focus``) for the keyboard-only
  journey: they only press keys and read the page, they never click.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from playwright.sync_api import Page, expect

from vivier.campaigns.models import Campaign, Response

REVIEW = "relecture"
THANKS = "merci"

_SECTION = re.compile(
    r"/r/[^/]+/(?:p/(?P<section>[^/]+)|(?P<other>relecture|merci|enregistre))/(?:#.*)?$"
)


def where(page: Page) -> str:
    """The section name of the current page, or "relecture" / "merci" / "enregistre"."""
    match = _SECTION.search(page.url)
    assert match, f"not on a respondent page: {page.url}"
    return match.group("section") or match.group("other")


def response_of(campaign: Campaign) -> Response:
    """The one response the test's respondent created, fresh from the database."""
    return Response.objects.get(campaign=campaign)


# --------------------------------------------------------------------------- with the mouse


def start(page: Page, campaign: Campaign) -> None:
    """Opens the landing page and starts the questionnaire."""
    page.goto(f"/q/{campaign.slug}/")
    page.get_by_role("button", name="Commencer le questionnaire").click()
    page.wait_for_url("**/p/*/")


def _kind(page: Page, name: str) -> str:
    kind = page.evaluate(
        """name => {
            const el = document.getElementById("f-" + name);
            if (!el) return null;
            if (el.tagName === "FIELDSET") {
                const control = el.querySelector("input, select");
                return control.type === "select-one" ? "grid" : control.type;
            }
            return el.tagName === "SELECT" ? "select" : "text";
        }""",
        name,
    )
    assert kind, f"question {name} is not on the page {page.url}"
    return kind


def answer(page: Page, name: str, value: Any) -> None:
    """Answers question ``name`` the way its control wants (click, type or pick)."""
    kind = _kind(page, name)
    if kind == "radio":
        _click_label(page, name, value)
    elif kind == "checkbox":
        for item in value:
            _click_label(page, name, item)
    elif kind == "grid":
        for row, point in value.items():
            page.locator(f"select[name='{name}__{row}']").select_option(str(point))
    elif kind == "select":
        page.locator(f"#f-{name}").select_option(value)
    else:
        page.locator(f"#f-{name}").fill(value)


def _click_label(page: Page, name: str, value: str) -> None:
    """Clicks the label of an option, as people do: DSFR draws the box on the label."""
    option = page.locator(f"input[name='{name}'][value='{value}']")
    if option.get_attribute("type") == "checkbox" and option.is_checked():
        return
    option.locator("+ label").click()
    expect(option).to_be_checked()


def answer_page(page: Page, answers: Mapping[str, Any]) -> None:
    for name, value in answers.items():
        answer(page, name, value)


def press_button(page: Page, label: str) -> str:
    """Clicks a submit button, waits for the next page and says which page it is."""
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()
    return where(page)


def continue_to(page: Page) -> str:
    return press_button(page, "Continuer")


def walk(
    page: Page,
    answers: Mapping[str, Mapping[str, Any]],
    *,
    on_page: Callable[[Page, str], None] | None = None,
    limit: int = 60,
) -> list[str]:
    """Goes from the current page to the review, answering ``answers[section]`` on the way.

    Returns the sections shown, in order. ``on_page(page, section)`` runs on each page once
    it is answered, follow-up questions shown (accessibility checks, for instance).
    """
    shown = []
    for _ in range(limit):
        section = where(page)
        if section == REVIEW:
            return shown
        shown.append(section)
        answer_page(page, answers.get(section, {}))
        if on_page:
            on_page(page, section)
        assert continue_to(page) != section, f"the page {section} refused its answers"
    raise AssertionError(f"the review was not reached after {limit} pages: {shown}")


def go_straight_to(page: Page, section: str) -> None:
    """Follows the resume link to a later page, which the answers given make available."""
    page.goto(re.sub(r"/p/[^/]+/$", f"/p/{section}/", page.url))
    assert where(page) == section


def send(page: Page) -> None:
    """Sends the answers from the review page and checks the thanks page."""
    assert press_button(page, "Envoyer mes réponses") == THANKS
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, vos réponses ont bien été envoyées"
    )


# --------------------------------------------------------------------------- with the keyboard

_DESCRIBE_FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "<body>";
    const text = (el.innerText || el.value || "").trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()} id="${el.id}" name="${el.name || ""}"> ${text}`;
}"""


def focused(page: Page) -> str:
    """The element that has the focus, described for a failure message."""
    return page.evaluate(_DESCRIBE_FOCUS)


def focus_matches(page: Page, selector: str) -> bool:
    return page.evaluate(
        "s => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def tab_to(page: Page, selector: str, *, limit: int = 60) -> None:
    """Presses Tab until the focused element matches ``selector`` (forward only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focus_matches(page, selector):
            return
    raise AssertionError(
        f"{selector} never got the focus after {limit} presses of Tab on {page.url}; "
        f"the focus is on {focused(page)}"
    )


def has_visible_focus(page: Page) -> bool:
    """Whether the focused element shows a focus ring (on itself or, for a DSFR radio or
    checkbox whose input is visually hidden, on its label's drawn box)."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body || !el.matches(":focus-visible")) return false;
            const ring = s => (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0)
                || (s.boxShadow && s.boxShadow !== "none");
            if (ring(getComputedStyle(el))) return true;
            const label = el.id && document.querySelector(`label[for="${el.id}"]`);
            return !!label && (ring(getComputedStyle(label))
                || ring(getComputedStyle(label, "::before")));
        }"""
    )
