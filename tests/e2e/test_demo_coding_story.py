"""The coding's story on a fresh demo, in a real browser (issue 21's "done means").

The demo analyst opens the HCTS free texts, codes a text with a keyboard shortcut and undoes
it, accepts a suggestion of the demo model, reads the agreement report of the demo round
(κ and α with their n), adjudicates a disagreement, reviews the pseudonymised quote and
finds it in the PDF report. Then the campaign's coding is exported as a REFI-QDA project
that validates against the schema and imports back into an empty campaign with every code,
coding, case and variable.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.support import make_campaign
from vivier.coding.models import Adjudication, Case, Code, Coding, Quote, Source
from vivier.demo.builder import STAFF_PASSWORD
from vivier.qualitative.refi import read_qdpx

pytestmark = pytest.mark.e2e

SLUG = "hcts-2020"


@pytest.fixture
def demo(transactional_db):
    from vivier.demo.builder import build_demo

    build_demo()


def sign_in(page: Page, username: str) -> None:
    page.goto("/staff/connexion/")
    page.fill("#id_username", username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def test_an_analyst_codes_accepts_reads_agreement_adjudicates_and_quotes(new_page, demo, tmp_path):
    page = new_page()
    sign_in(page, "analyste")

    # The free texts of the campaign, question by question.
    page.goto(f"/codage/{SLUG}/")
    page.get_by_role("link", name=re.compile("^Textes à coder")).click()
    expect(page.locator("main")).to_contain_text("Q16")

    # A text of Q16 nobody coded: the "Aller-vers" shortcut, then undo.
    aller_vers = Code.objects.get(codebook__campaign__slug=SLUG, name="Aller-vers")
    page.goto(f"/codage/{SLUG}/coder/?question=q16&uncoded=1")
    page.keyboard.press(aller_vers.shortcut)
    expect(page.locator("#screen-codings")).to_contain_text("Aller-vers")
    made = Coding.objects.filter(
        code=aller_vers, coder__username="analyste", removed_at__isnull=True, round__isnull=True
    )
    assert made.count() == 1
    page.keyboard.press("u")
    expect(page.locator("#screen-no-coding")).to_be_visible()
    assert not made.exists()

    # A suggestion of the demo model, accepted with one click: it becomes the analyst's coding.
    suggestion = (
        Coding.objects.filter(source__campaign__slug=SLUG, origin="model", status="suggested")
        .select_related("code")
        .order_by("-score", "pk")
        .first()
    )
    assert suggestion is not None, "the demo proposes codes on the texts nobody coded"
    page.goto(f"/codage/{SLUG}/coder/{suggestion.source_id}/")
    page.locator("#screen-suggestions").get_by_role(
        "button", name=re.compile(f"^Accepter {re.escape(suggestion.code.name)}")
    ).click()
    expect(page.locator("#screen-codings")).to_contain_text(suggestion.code.name)
    assert Coding.objects.filter(
        source_id=suggestion.source_id, code=suggestion.code, origin="human"
    ).exists()

    # The agreement report of the demo round: α, κ, AC1, each with its n.
    page.goto(f"/codage/{SLUG}/cycles/1/accord/")
    main = page.locator("main")
    expect(main).to_contain_text("α")
    expect(main).to_contain_text("κ analyste – analyste2")
    expect(main).to_contain_text("n utilisés / n total")
    expect(main).to_contain_text(re.compile(r"\d+ / \d+"))

    # A disagreement of the round, settled.
    page.goto(f"/codage/{SLUG}/cycles/1/arbitrage/")
    page.get_by_role("button", name=re.compile("^Présent")).first.click()
    expect(page.locator("main")).to_be_visible()
    assert Adjudication.objects.filter(round__campaign__slug=SLUG).count() == 1

    # The demo's quote, pseudonymised, reviewed; then found in the PDF report.
    quote = Quote.objects.get(source__campaign__slug=SLUG)
    page.goto(f"/codage/{SLUG}/citations/")
    page.get_by_role("link", name=re.compile("^Relire et vérifier")).first.click()
    page.get_by_role("button", name="Marquer comme vérifiée").click()
    expect(page.locator("main")).to_contain_text("vérifiée")
    quote.refresh_from_db()
    assert quote.reviewed

    pdf = tmp_path / "rapport.pdf"
    call_command("report", SLUG, "--format", "pdf", "-o", str(pdf))
    words = " ".join(
        page_.extract_text() for page_ in PdfReader(io.BytesIO(pdf.read_bytes())).pages
    )
    flat = re.sub(r"\s+", " ", words)
    assert re.sub(r"\s+", " ", quote.text)[:60] in flat


def test_the_demo_coding_goes_out_as_refi_qda_and_comes_back_whole(demo, tmp_path):
    project = tmp_path / "hcts.qdpx"
    call_command("coding", "export", SLUG, "--format", "qdpx", "-o", str(project))
    # The reader checks the project against the REFI-QDA schema before anything else.
    read, _warnings = read_qdpx(project.read_bytes(), "hcts.qdpx")

    from vivier.surveys.questionnaires import hcts_2020

    empty = make_campaign(hcts_2020.build(), slug="hcts-copie")
    call_command("coding", "import", empty.slug, str(project))
    source_campaign = Source.objects.filter(campaign__slug=SLUG)
    assert Source.objects.filter(campaign=empty).count() == source_campaign.count()
    assert Code.objects.filter(codebook__campaign=empty).count() == (
        Code.objects.filter(codebook__campaign__slug=SLUG, active=True).count()
    )
    assert (
        Case.objects.filter(campaign=empty).count()
        == Case.objects.filter(campaign__slug=SLUG).count()
    )

    # Exported again, the copy holds the same tree, the same codings at the same offsets,
    # the same cases and variables.
    again = tmp_path / "copie.qdpx"
    call_command("coding", "export", empty.slug, "--format", "qdpx", "-o", str(again))
    back, _warnings = read_qdpx(again.read_bytes(), "copie.qdpx")
    assert sorted(back.code_paths().values()) == sorted(read.code_paths().values())
    assert _codings(back) == _codings(read)
    assert sorted(c.name for c in back.cases) == sorted(c.name for c in read.cases)
    assert sorted(v.name for v in back.variables) == sorted(v.name for v in read.variables)


def _codings(project) -> list[tuple[str, int, int, tuple[str, ...]]]:
    paths = project.code_paths()
    return sorted(
        (source.text[:40], selection.start, selection.end, paths[coding.code])
        for source in project.sources
        for selection in source.selections
        for coding in selection.codings
    )
