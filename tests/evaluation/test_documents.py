"""The evaluation reports' data and documents: what they show, what they never show."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from vivier.evaluation import documents, plans
from vivier.evaluation.documents import data as report_data
from vivier.evaluation.models import (
    Committee,
    CommitteeSession,
    FundingRecord,
    Measurement,
    Opinion,
    Outcome,
    OutcomeSource,
    Story,
    StorySelection,
    StoryTeller,
)
from vivier.plans import schema
from vivier.practices import registry
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db

GENERATED = date(2026, 3, 2)
#: A teller's name: it must never reach a report.
TELLER_NAME = "Josiane Martineau-Leblanc"


def sample_plan(code: str = "1A", title: str = "Cafés des parents"):
    """A plan with every part a report reads, built with the ORM as the pages will."""
    practice = registry.save_sheet(Sheet(title=title, code=code))
    plan = plans.start(practice)
    content = schema.Plan(
        purpose="Savoir si les parents reprennent confiance.\nEt le dire aux financeurs.",
        start="2024-01-01",
        questions=(
            schema.EvaluativeQuestion("confiance", "Les parents reprennent-ils confiance ?"),
        ),
        results=(
            schema.ExpectedResult(
                "liens", "Des liens entre parents", schema.Group.PERSONS_CONCERNED
            ),
        ),
        indicators=(
            schema.Indicator(
                key="familles",
                title="Familles accueillies",
                unit="familles",
                frequency=schema.Frequency.MONTHLY,
                targets=(schema.Target("2024", 50),),
                baseline=schema.Baseline(30, 2023),
                disaggregations=("public",),
                questions=("confiance",),
            ),
            schema.Indicator(
                key="retour",
                title="=Taux de retour",
                numerator="parents revenus",
                denominator="parents venus",
                targets=(schema.Target("2024", 60), schema.Target("2025", 65)),
            ),
            schema.Indicator(
                key="climat",
                title="Climat des cafés",
                kind=schema.IndicatorKind.QUALITATIVE,
                frequency=schema.Frequency.QUARTERLY,
            ),
        ),
        participation=(
            schema.ParticipationCell(
                schema.Step.QUESTIONS, schema.Group.PERSONS_CONCERNED, schema.Mode.CO_DECIDING
            ),
            schema.ParticipationCell(
                schema.Step.JUDGING, schema.Group.FUNDERS, schema.Mode.INFORMED
            ),
        ),
        criteria=("Ce que les parents en disent",),
    )
    plans.save(plan, content)
    now = timezone.now()

    def measure(indicator, period, state="approved", definition=1, **values):
        return Measurement.objects.create(
            plan=plan,
            indicator=indicator,
            definition=definition,
            period=period,
            state=state,
            decided_at=now if state == "approved" else None,
            **values,
        )

    for month in range(1, 13):
        measure("familles", f"2024-{month:02d}", value=Decimal(month))
    measure("familles", "2025-01", value=Decimal(7))
    measure("familles", "2025-02", state="submitted", value=Decimal(999))
    measure("familles", "2024-01", dimension="public", category="pères", value=Decimal(2))
    measure("familles", "2024-01", dimension="public", category="mères", value=Decimal(3))
    measure("retour", "2024", numerator=Decimal(31), denominator=Decimal(50))
    measure("retour", "2023", definition=9, value=Decimal(12345))
    measure("climat", "2024-T1", narrative="Les parents parlent plus librement.")
    measure("climat", "2024-T2", narrative="Une mère anime un atelier.")
    measure("climat", "2024-T3", state="returned", narrative="Texte renvoyé, jamais cité.")

    FundingRecord.objects.create(
        plan=plan,
        year=2024,
        funder="CAF",
        budget_line="Animation",
        budgeted=Decimal("12000"),
        received=Decimal("12000"),
        spent=Decimal("9000.50"),
    )
    FundingRecord.objects.create(
        plan=plan, year=2024, funder="=Département", budget_line="Locaux", budgeted=Decimal("3000")
    )
    FundingRecord.objects.create(
        plan=plan,
        year=2025,
        funder="CAF",
        budget_line="Animation",
        budgeted=Decimal("12500"),
        received=Decimal("6000"),
        spent=Decimal("2000"),
    )

    quoted = Story.objects.create(
        plan=plan,
        teller_group="personnes_concernees",
        teller_alias="Mme A.",
        domain="Confiance en soi",
        title="J’ose parler",
        what_changed="Je parle aux autres parents.",
        why_it_matters="Je me sens moins seule.",
        tags=["confiance"],
        consent_quote=True,
        consent_recorded_at=now,
    )
    StoryTeller.objects.create(story=quoted, name=TELLER_NAME, contact="06 12 34 56 78")
    StorySelection.objects.create(story=quoted, level=1, selected=True, reason="Fort.")
    withdrawn = Story.objects.create(
        plan=plan,
        teller_group="personnes_concernees",
        domain="Travail",
        what_changed="Récit retiré par son conteur.",
        why_it_matters="…",
        consent_quote=True,
        consent_withdrawn_at=now,
    )
    StoryTeller.objects.create(story=withdrawn, name="Autre Personne")
    Story.objects.create(
        plan=plan,
        teller_group="professionnels",
        domain="Équipe",
        what_changed="Récit sans accord pour citer.",
        why_it_matters="…",
    )
    outcome = Outcome.objects.create(
        plan=plan,
        social_actor="La CAF",
        change="Elle finance un deuxième café.",
        when="2025",
        where="Bordeaux",
        significance="Plus de familles accueillies.",
        contribution="Le bilan du premier café.",
    )
    OutcomeSource.objects.create(outcome=outcome, source="une éducatrice", substantiated=True)
    OutcomeSource.objects.create(outcome=outcome, source="la mairie")

    committee = Committee.objects.create(name="Comité de Gironde", practice=practice)
    session = CommitteeSession.objects.create(
        committee=committee, practice=practice, date=date(2025, 6, 12), state="closed"
    )
    Opinion.objects.create(session=session, group="commun", text="Nous recommandons de continuer.")
    Opinion.objects.create(
        session=session, group="professionnel", text="Le café tient ses promesses."
    )
    Opinion.objects.create(session=session, group="personne_concernee", text="On s’y sent écoutés.")
    return plan


@pytest.fixture
def plan():
    return sample_plan()


# --------------------------------------------------------------------------- the data dict


def test_the_data_counts_approved_values_of_the_current_definition_only(plan):
    found = report_data.build(plan, generated=GENERATED)
    familles, retour, climat = found["indicators"]
    values = {p["period"]: p["value"] for p in familles["points"] if p["value"] is not None}
    assert values["2024-03"] == Decimal(3)
    assert "2025-02" not in values  # submitted, not approved
    assert familles["pending"] == 1
    assert retour["other_definitions"] == 1
    assert [p["value"] for p in retour["points"]] == [Decimal("62.00"), None]
    assert [p["narrative"] for p in climat["points"]] == [
        "Les parents parlent plus librement.",
        "Une mère anime un atelier.",
    ]


def test_a_monthly_indicator_rolls_up_into_its_years_against_their_targets(plan):
    familles = report_data.build(plan)["indicators"][0]
    by_year = {year["year"]: year for year in familles["years"]}
    assert by_year[2024]["value"] == Decimal(78)  # 1 + 2 + … + 12
    assert by_year[2024]["target"] == Decimal(50)
    assert by_year[2024]["on_track"] is True
    assert by_year[2024]["periods"] == 12
    assert by_year[2025]["value"] == Decimal(7) and by_year[2025]["target"] is None


def test_breakdowns_are_kept_apart_from_the_totals(plan):
    familles = report_data.build(plan)["indicators"][0]
    assert familles["breakdowns"] == [
        {
            "dimension": "public",
            "rows": [
                {"period": "2024-01", "category": "mères", "value": Decimal(3), "narrative": ""},
                {"period": "2024-01", "category": "pères", "value": Decimal(2), "narrative": ""},
            ],
        }
    ]


def test_funding_totals_per_year_and_per_funder(plan):
    funding = report_data.build(plan)["funding"]
    first = funding["years"][0]
    assert first["year"] == 2024
    assert first["totals"]["budgeted"] == Decimal("15000")
    assert first["totals"]["received"] == Decimal("12000")
    assert first["totals"]["spent"] == Decimal("9000.50")
    assert first["totals"]["spent_share"] == Decimal("60.00")
    assert funding["totals"]["budgeted"] == Decimal("27500")
    caf = next(entry for entry in funding["funders"] if entry["funder"] == "CAF")
    assert caf["spent"] == Decimal("11000.50")


def test_only_quotable_stories_appear_and_never_a_tellers_name(plan):
    found = report_data.build(plan)
    assert [story["alias"] for story in found["stories"]] == ["Mme A."]
    assert found["stories"][0]["selected_at"] == [1]
    assert TELLER_NAME not in repr(found)


def test_opinions_read_each_group_then_the_joint_one(plan):
    (session,) = report_data.build(plan)["opinions"]
    assert [o["group"] for o in session["opinions"]] == [
        "professionnel",
        "personne_concernee",
        "commun",
    ]
    assert session["committee"] == "Comité de Gironde"


def test_the_participation_matrix_names_where_persons_concerned_co_decide(plan):
    participation = report_data.build(plan)["participation"]
    assert participation["co_decide"] == ["questions"]
    assert len(participation["matrix"]) == len(schema.Step)


def test_control_characters_stored_earlier_do_not_reach_a_document(plan):
    Story.objects.filter(teller_alias="Mme A.").update(what_changed="Je\x01 parle.")
    found = report_data.build(plan)
    assert found["stories"][0]["what_changed"] == "Je parle."


# --------------------------------------------------------------------------- the documents


def pdf_text(body: bytes) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(body)).pages)


def test_the_funder_pdf_shows_indicators_targets_and_budget(plan):
    body = documents.render(plan, "funder", "pdf", generated=GENERATED)
    assert body.startswith(b"%PDF")
    text = pdf_text(body)
    assert "Rapport aux financeurs" in text
    assert "Familles accueillies" in text
    assert "Ventilation" in text and "pères" in text
    assert "12 000,00" in text  # amounts in French
    assert "62,0" in text  # the pooled rate
    assert "999" not in text  # a value not approved
    assert "12 345" not in text and "12345" not in text  # another definition


def test_the_funder_pdf_speaks_english_when_asked(plan):
    text = pdf_text(documents.render(plan, "funder", "pdf", lang="en", generated=GENERATED))
    assert "Report to funders" in text
    assert "12,000.00" in text
    assert "Rapport aux financeurs" not in text


def test_the_funder_workbook_keeps_numbers_as_numbers_and_formulas_inert(plan):
    import openpyxl

    body = documents.render(plan, "funder", "xlsx", generated=GENERATED)
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert book.sheetnames == ["Synthèse", "Indicateurs", "Années", "Ventilations", "Financements"]
    points = list(book["Indicateurs"].iter_rows(values_only=True))
    march = next(row for row in points if row[0] == "Familles accueillies" and row[2] == "2024-03")
    assert march[3] == 3 and isinstance(march[3], int | float)
    rate_rows = [row for row in points if row[0] == "=Taux de retour"]
    assert rate_rows, "a title starting with = stays text"
    funding = book["Financements"]
    cells = [cell for row in funding.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    departement = next(c for c in cells if c.value == "=Département")
    assert departement.data_type == "s" and departement.quotePrefix
    amounts = [row[3] for row in funding.iter_rows(min_row=2, values_only=True)]
    assert amounts == [3000, 12000, 12500]


def test_the_qualitative_pdf_holds_every_part(plan):
    text = pdf_text(documents.render(plan, "qualitative", "pdf", generated=GENERATED))
    for expected in (
        "Rapport qualitatif",
        "Qui participe à l’évaluation",
        "codécide",
        "Les parents parlent plus librement.",
        "J’ose parler",
        "Mme A.",
        "Elle finance un deuxième café.",
        "une éducatrice (confirmé)",
        "Avis des personnes concernées",
        "Nous recommandons de continuer.",
    ):
        assert expected in text, expected
    for never in (TELLER_NAME, "Récit retiré", "Récit sans accord", "Texte renvoyé"):
        assert never not in text


def test_the_qualitative_docx_says_the_same_in_word(plan):
    import docx

    body = documents.render(plan, "qualitative", "docx", lang="en", generated=GENERATED)
    word = docx.Document(io.BytesIO(body))
    paragraphs = [p.text for p in word.paragraphs]
    cells = [p.text for t in word.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    text = "\n".join(paragraphs + cells)
    assert "Qualitative report" in text
    assert "Who takes part in the evaluation" in text
    assert "J’ose parler" in text and "Mme A." in text
    assert TELLER_NAME not in text and "Récit retiré" not in text
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert "Stories of change" in headings
    assert word.core_properties.language == "en-GB"


@pytest.mark.parametrize(
    ("track", "fmt"), [("funder", "docx"), ("qualitative", "xlsx"), ("budget", "pdf")]
)
def test_a_report_in_a_format_it_does_not_have_is_refused(plan, track, fmt):
    with pytest.raises(documents.UnknownReport):
        documents.render(plan, track, fmt)


def test_an_empty_plan_still_makes_every_document():
    practice = registry.save_sheet(Sheet(title="Plan vide"))
    plan = plans.start(practice)
    for track, formats in documents.TRACKS.items():
        for fmt in formats:
            assert documents.render(plan, track, fmt)
    text = pdf_text(documents.render(plan, "funder", "pdf"))
    assert "Aucune ligne de financement n’est enregistrée." in text


def test_generated_defaults_to_today(plan):
    found = report_data.build(plan)
    assert timezone.localdate() - found["generated"] < timedelta(days=1)
