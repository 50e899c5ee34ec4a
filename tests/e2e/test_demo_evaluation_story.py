"""The evaluation's story on a fresh demo, in a real browser (issue 20's "done means").

The demo holder builds the Ardèche plan with Camille, a person concerned who signs in with a
code; the holder records a value that the demo evaluator approves; the working group holds
a session of the Gers committee, 5 + 5, with each group's opinion then the joint one; the
funder and qualitative reports download; the public Gers sheet shows the published
evaluation.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from vivier.accounts import sign_in_codes
from vivier.accounts.demo import PERSON_USERNAME
from vivier.demo.builder import STAFF_PASSWORD
from vivier.evaluation.models import CommitteeSession, Measurement, Opinion, PlanVersion

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db):
    from vivier.demo.builder import build_demo

    build_demo(responses=False)


def sign_in(page: Page, username: str) -> None:
    page.goto("/staff/connexion/")
    page.fill("#id_username", username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def test_holder_person_concerned_evaluator_committee_reports_and_public(new_page, demo):
    from django.contrib.auth import get_user_model

    # Camille signs in with a code and proposes a question for the Ardèche plan.
    camille = get_user_model().objects.get(username=PERSON_USERNAME)
    code = sign_in_codes.create(account=camille, label="Camille").code
    person = new_page(javascript=False)
    person.goto("/comptes/code/")
    person.get_by_label("Votre code").fill(code)
    person.get_by_role("button", name="Me connecter").click()
    person.get_by_role("link", name="Voir ce à quoi je participe").click()
    person.get_by_role("link", name=re.compile("Conférences familiales en Ardèche")).click()
    person.get_by_label("Ma question").fill("Les enfants ont-ils leur mot à dire ?")
    person.get_by_role("button", name="Je propose cette question").click()
    expect(person.locator("main")).to_contain_text("Les enfants ont-ils leur mot à dire ?")
    proposed = PlanVersion.objects.filter(plan__practice__code="1A").latest("number")
    assert proposed.author == camille and proposed.group == "personnes_concernees"

    # The holder sees it in the plan's versions, then records a value and submits it.
    holder = new_page()
    sign_in(holder, "porteur")
    holder.goto("/evaluation/")
    holder.get_by_role("link", name="Conférences familiales en Ardèche").click()
    slug = holder.url.rstrip("/").rsplit("/", 1)[-1]
    holder.goto(f"/evaluation/{slug}/plan/")
    expect(holder.locator("main")).to_contain_text("Les enfants ont-ils leur mot à dire ?")
    holder.goto(f"/evaluation/{slug}/mesures/saisir/conferences_tenues/")
    holder.get_by_label("Période").fill("2025-T3")
    holder.get_by_label("Valeur (en conférences)").fill("4")
    # DSFR draws the box over the input: a person clicks its label.
    holder.locator("label", has_text="Soumettre tout de suite à l’évaluateur").click()
    holder.get_by_role("button", name="Enregistrer la valeur").click()
    recorded = Measurement.objects.get(plan__practice__code="1A", period="2025-T3")
    assert recorded.state == "submitted" and recorded.value == 4

    # The evaluator approves it from the queue; the evaluation page draws it.
    evaluator = new_page()
    sign_in(evaluator, "evaluateur")
    evaluator.goto("/evaluation/")
    evaluator.get_by_role("link", name="Mesures à approuver").click()
    evaluator.get_by_role("button", name=re.compile("Approuver .*2025-T3")).click()
    recorded.refresh_from_db()
    assert recorded.state == "approved" and recorded.decided_by.username == "evaluateur"
    evaluator.goto(f"/evaluation/{slug}/")
    expect(evaluator.locator("main")).to_contain_text("Conférences familiales tenues")

    # The working group holds the Gers committee's next session: 5 + 5, then the opinions.
    group = new_page()
    sign_in(group, "groupe")
    planned = CommitteeSession.objects.get(committee__practice__code="4B", state="planned")
    group.goto(f"/evaluation/comites/seances/{planned.pk}/")
    group.get_by_role("link", name="Indiquer les présents").click()
    group.get_by_role("button", name="Enregistrer les présents").click()
    group.get_by_role("button", name="Ouvrir la séance").click()
    planned.refresh_from_db()
    assert planned.state == "open"
    for section, text in (
        ("professionnel", "Les professionnels jugent l’atelier utile."),
        ("personne_concernee", "Nous voulons continuer à relire les courriers."),
        ("commun", "Le comité reconduit l’atelier en 2026."),
    ):
        group.locator(f"#opinion-{section}").locator("..").get_by_role(
            "link", name="Enregistrer cet avis"
        ).click()
        group.get_by_role("textbox", name=re.compile(r"^Avis")).fill(text)
        group.get_by_role("button", name="Enregistrer l’avis").click()
    assert list(
        Opinion.objects.filter(session=planned)
        .order_by("recorded_at")
        .values_list("group", flat=True)
    ) == ["professionnel", "personne_concernee", "commun"]
    group.get_by_role("button", name="Clore la séance").click()
    planned.refresh_from_db()
    assert planned.state == "closed"

    # Both reports download as documents.
    for track, fmt, magic in (("funder", "pdf", b"%PDF"), ("qualitative", "docx", b"PK")):
        answer = holder.request.get(f"/evaluation/{slug}/rapports/{track}.{fmt}")
        assert answer.ok, (track, fmt, answer.status)
        assert answer.body().startswith(magic)

    # The public Gers sheet shows its published evaluation, and no member's name.
    visitor = new_page(javascript=False)
    visitor.goto("/pratiques/")
    visitor.get_by_role("link", name="GIP Gers Solidaire").first.click()
    section = visitor.locator("main")
    expect(section).to_contain_text("Le plan d’évaluation")
    expect(section).to_contain_text("Le comité juge l’action utile")
    assert "Bernard" not in (section.text_content() or "")


def test_the_person_concerned_s_own_pages_have_no_axe_violation(new_page, demo):
    from axe_playwright_python.sync_playwright import Axe
    from django.contrib.auth import get_user_model

    camille = get_user_model().objects.get(username=PERSON_USERNAME)
    code = sign_in_codes.create(account=camille, label="Camille").code
    page = new_page()
    page.goto("/comptes/code/")
    page.get_by_label("Votre code").fill(code)
    page.get_by_role("button", name="Me connecter").click()
    axe = Axe()
    for what in ("her account", "what she takes part in"):
        violations = axe.run(page).response["violations"]
        assert not violations, (what, [v["id"] for v in violations])
        if what == "her account":
            page.get_by_role("link", name="Voir ce à quoi je participe").click()
    # Everything she takes part in is a link from there, her story among them.
    expect(page.get_by_role("link", name="La famille reprend la main")).to_be_visible()
    expect(
        page.get_by_role("link", name=re.compile("Conférences familiales en Ardèche"))
    ).to_be_visible()
