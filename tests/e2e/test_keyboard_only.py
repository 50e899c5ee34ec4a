"""A respondent without a mouse completes the HCTS questionnaire with the keyboard alone.

Only key presses (Tab, Space, Enter, arrows, typed text) move the respondent on: nothing is
clicked. Reading the page (where the focus is, whether a question is shown) is allowed.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.respondent import (
    THANKS,
    focus_matches,
    focused,
    has_visible_focus,
    response_of,
    tab_to,
    where,
)
from vivier.campaigns.models import Response

pytestmark = pytest.mark.e2e


def choose(page: Page, name: str, index: int) -> None:
    """Tabs into a radio group (on its first option) and picks option ``index``: Space for
    the first one, the down arrow for the others."""
    tab_to(page, f"input[type=radio][name='{name}']")
    assert focus_matches(page, f"#f-{name}-0"), focused(page)
    assert has_visible_focus(page), f"no visible focus on the first option of {name}"
    if index == 0:
        page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    assert page.locator(f"#f-{name}-{index}").is_checked()


def tick(page: Page, name: str, *indexes: int) -> None:
    """Tabs to each checkbox in turn and ticks it with Space."""
    for index in indexes:
        tab_to(page, f"#f-{name}-{index}")
        page.keyboard.press("Space")
        assert page.locator(f"#f-{name}-{index}").is_checked()


def write(page: Page, name: str, text: str) -> None:
    tab_to(page, f"#f-{name}")
    page.keyboard.type(text)


def pick(page: Page, element_id: str, *, typed: str = "", down: int = 0) -> None:
    """Tabs to a select and changes it by typing the start of an option or with arrows."""
    tab_to(page, f"#{element_id}")
    if typed:
        page.keyboard.type(typed)
    for _ in range(down):
        page.keyboard.press("ArrowDown")


def shows(page: Page, name: str) -> None:
    """Waits for a follow-up question to appear after the answer that makes it apply."""
    expect(page.locator(f"#q-{name}")).to_be_visible()


def press_enter_on(page: Page, selector: str, *, limit: int = 60) -> str:
    tab_to(page, selector, limit=limit)
    assert has_visible_focus(page), f"no visible focus on {selector}"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return where(page)


def continue_to(page: Page, expected: str) -> None:
    """Tabs to "Continuer", presses Enter and checks the page reached."""
    reached = press_enter_on(page, "button[name=action][value=next]")
    assert reached == expected, f"expected the page {expected}, got {reached}"


def test_a_respondent_completes_the_questionnaire_with_the_keyboard_alone(page, hcts):
    page.goto(f"/q/{hcts.slug}/")
    assert press_enter_on(page, "form button[type=submit]") == "profil"

    choose(page, "q1", 1)  # a team manager
    continue_to(page, "structure_territoire")

    choose(page, "q12", 4)  # an association
    pick(page, "f-q13", typed="35")
    assert page.locator("#f-q13").input_value() == "35"
    continue_to(page, "connaissance_pratiques")

    choose(page, "q14", 0)  # yes, they know an emerging practice
    continue_to(page, "pratique_description")

    write(page, "q15", "Permanences d’accès aux droits en tiers-lieu")
    assert has_visible_focus(page), "no visible focus in a text field"
    write(page, "q16", "Une travailleuse sociale reçoit sans rendez-vous, chaque mardi.")
    continue_to(page, "pratique_besoins")

    tick(page, "q17", 2, 3)  # access to rights, digital mediation
    choose(page, "q19", 0)  # direct access
    continue_to(page, "pratique_acteurs")

    tick(page, "q20", 0, 6)  # social workers, and "other"
    write(page, "q20_other", "Le tiers-lieu")
    continue_to(page, "pratique_statut")

    choose(page, "q22", 1)  # existing but little known
    continue_to(page, "origine")

    choose(page, "q23", 0)  # a need seen in the field
    continue_to(page, "besoin_terrain")

    write(page, "q24", "Des personnes venaient sans rendez-vous.")
    tick(page, "q25", 0)
    expect(page.locator("#q-q27")).to_be_hidden()
    choose(page, "q26", 0)  # during the health crisis: yes
    shows(page, "q27")
    choose(page, "q27", 1)  # an existing need, made stronger
    continue_to(page, "evolution_pratiques")

    choose(page, "q31", 1)  # an existing answer, adapted
    shows(page, "q32")
    write(page, "q32", "Les permanences de la mairie.")
    continue_to(page, "inspiration")

    choose(page, "q33", 0)
    shows(page, "q34")
    write(page, "q34", "Un tiers-lieu voisin.")
    choose(page, "q35", 1)  # no research
    continue_to(page, "conception")

    tick(page, "q39", 2)  # a small team
    choose(page, "q40", 2)  # does not know
    continue_to(page, "participation_personnes")

    choose(page, "q42", 1)
    shows(page, "q44")
    tick(page, "q44", 1)  # no time
    continue_to(page, "financement")

    choose(page, "q45", 0)
    tick(page, "q46", 3)  # a call for projects
    continue_to(page, "diffusion_equipe")

    choose(page, "q47", 0)
    choose(page, "q48", 0)
    shows(page, "q49")
    tick(page, "q49", 1)  # the whole team
    continue_to(page, "facteurs_reussite")

    tick(page, "q50", 3)  # time set aside
    write(page, "q51", "Ne pas aller trop vite.")
    continue_to(page, "resistances")

    choose(page, "q52", 0)
    shows(page, "q53")
    write(page, "q53", "Des collègues craignaient une surcharge.")
    continue_to(page, "evaluation")

    choose(page, "q54", 0)
    continue_to(page, "evaluation_menee")

    write(page, "q55", "L’équipe et les personnes accueillies")
    choose(page, "q57", 0)
    continue_to(page, "resultats")

    choose(page, "q60", 1)  # as expected
    continue_to(page, "bilan")

    write(page, "q63", "Plus de droits ouverts.")
    continue_to(page, "accompagnement_professionnels")

    choose(page, "q65", 1)
    shows(page, "q66")
    write(page, "q66", "Du temps d’analyse de pratique.")
    continue_to(page, "reponse_besoins")

    choose(page, "q67", 0)
    continue_to(page, "information_personnes")

    choose(page, "q69", 0)
    continue_to(page, "implication_acteurs")

    pick(page, "f-q71-0", down=4)  # the people helped: 4
    pick(page, "f-q71-1", down=5)  # the teams: 5
    pick(page, "f-q71-2", down=3)  # the managers: 3
    assert has_visible_focus(page), "no visible focus on a rating select"
    continue_to(page, "ancrage_effets")

    write(page, "q72", "Elle va durer : la mairie la finance.")
    continue_to(page, "contacts")

    write(page, "q74", "camille@example.org")
    write(page, "q75", "01 23 45 67 89")
    continue_to(page, "relecture")

    expect(page.get_by_text("35 – Ille-et-Vilaine", exact=True)).to_be_visible()
    assert press_enter_on(page, "main form button[type=submit]", limit=120) == THANKS
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, vos réponses ont bien été envoyées"
    )

    response = response_of(hcts)
    assert response.status == Response.Status.SUBMITTED
    assert response.mode == Response.Mode.ONLINE
    assert response.answers == {
        "q1": "responsable_equipe",
        "q12": "association",
        "q13": "35",
        "q14": "yes",
        "q15": "Permanences d’accès aux droits en tiers-lieu",
        "q16": "Une travailleuse sociale reçoit sans rendez-vous, chaque mardi.",
        "q17": ["acces_aux_droits", "mediation_numerique"],
        "q19": "direct_public",
        "q20": ["travailleurs_sociaux", "other"],
        "q20_other": "Le tiers-lieu",
        "q22": "existante_confidentielle",
        "q23": "besoin_terrain",
        "q24": "Des personnes venaient sans rendez-vous.",
        "q25": ["professionnels"],
        "q26": "yes",
        "q27": "besoin_existant_renforce",
        "q31": "adaptation_reponse_existante",
        "q32": "Les permanences de la mairie.",
        "q33": "yes",
        "q34": "Un tiers-lieu voisin.",
        "q35": "no",
        "q39": ["equipe_restreinte"],
        "q40": "dont_know",
        "q42": "no",
        "q44": ["manque_de_temps"],
        "q45": "yes",
        "q46": ["appel_a_projets"],
        "q47": "yes",
        "q48": "yes",
        "q49": ["toute_equipe"],
        "q50": ["temps_degage"],
        "q51": "Ne pas aller trop vite.",
        "q52": "yes",
        "q53": "Des collègues craignaient une surcharge.",
        "q54": "yes",
        "q55": "L’équipe et les personnes accueillies",
        "q57": "yes",
        "q60": "a_la_hauteur",
        "q63": "Plus de droits ouverts.",
        "q65": "no",
        "q66": "Du temps d’analyse de pratique.",
        "q67": "yes",
        "q69": "yes",
        "q71": {"personnes_beneficiaires": 4, "equipes": 5, "managers": 3},
        "q72": "Elle va durer : la mairie la finance.",
    }
    assert response.contact.data == {"q74": "camille@example.org", "q75": "0123456789"}
