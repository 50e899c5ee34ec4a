"""Measurements of a plan's indicators: the workflow (draft, submitted, returned, approved),
locked periods, the check of a value, what the charts and tables of the page show.

The helpers here (``CONTENT``, ``make_plan``, ``record``) serve the other measurement test
files too."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from tests.conftest import make_persona
from vivier.evaluation import measurement_imports, measurements, plans
from vivier.evaluation.models import LockedPeriod, Measurement, MeasurementState
from vivier.plans import schema
from vivier.plans.periods import Frequency
from vivier.plans.schema import Baseline, Indicator, IndicatorKind, Target
from vivier.practices import registry
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db

COUNT = Indicator(
    key="accompagnes",
    title="Personnes accompagnées",
    unit="personnes",
    baseline=Baseline(100, 2023),
    targets=(Target("2024", 120), Target("2025", 150)),
    disaggregations=("public",),
)
RATE = Indicator(
    key="relogement",
    title="Taux de relogement",
    unit="%",
    decimals=1,
    numerator="personnes relogées",
    denominator="personnes accompagnées",
    targets=(Target("2024", 50),),
    disaggregations=("territoire",),
)
STORY = Indicator(
    key="ressenti",
    title="Ce qui a changé",
    kind=IndicatorKind.QUALITATIVE,
    disaggregations=("public",),
)
QUARTERLY = Indicator(key="visites", title="Visites", unit="visites", frequency=Frequency.QUARTERLY)
CONTENT = schema.Plan(indicators=(COUNT, RATE, STORY, QUARTERLY))


def make_plan(holder=None, title: str = "Cafés des parents", content: schema.Plan = CONTENT):
    practice = registry.save_sheet(Sheet(title=title))
    if holder is not None:
        practice.holder = holder
        practice.save(update_fields=["holder"])
    plan = plans.start(practice)
    plans.save(plan, content)
    return plan


def record(plan, indicator: str = "accompagnes", period: str = "2024", author=None, **raw):
    """Stores one value typed as ``raw`` (texts by column), and returns its row."""
    entry, problems = measurement_imports.check_entry(
        plans.current(plan),
        {"indicator": indicator, "period": period, **raw},
        measurements.locked_periods(plan),
    )
    assert entry is not None, problems
    stored = measurements.store(plan, [entry], author, submit=bool(raw.get("submit")))
    assert isinstance(stored[0], Measurement), stored
    return stored[0]


def approved(plan, indicator: str = "accompagnes", period: str = "2024", evaluator=None, **raw):
    row = record(plan, indicator, period, **raw)
    measurements.submit(row, None)
    return measurements.approve(row, evaluator)


@pytest.fixture
def plan(holder_hugo):
    return make_plan(holder_hugo)


def test_the_state_strings_are_the_models():
    assert set(MeasurementState.values) == {
        measurements.DRAFT,
        measurements.SUBMITTED,
        measurements.RETURNED,
        measurements.APPROVED,
    }


# -- The check of a value ----------------------------------------------------------------------


def check(raw, locked=()):
    return measurement_imports.check_entry(CONTENT, raw, locked)


def messages_of(problems):
    return {column: found.message("fr") for column, found in problems}


def test_a_value_is_read_as_people_type_it():
    entry, problems = check({"indicator": "accompagnes", "period": " 2024 ", "value": "1 250"})
    assert problems == [] and entry is not None
    assert entry.value == Decimal(1250) and entry.period == "2024"
    entry, _ = check({"indicator": "accompagnes", "period": "2024", "value": "12 personnes"})
    assert entry is not None and entry.value == Decimal(12)


def test_a_refused_value_says_what_is_expected_with_an_example():
    _, problems = check({"indicator": "accompagnes", "period": "2024", "value": "douze"})
    assert messages_of(problems) == {
        "value": "un nombre en personnes est attendu, par exemple 12 personnes (lu : « douze »)"
    }
    _, problems = check({"indicator": "accompagnes", "period": "2024", "value": ""})
    assert messages_of(problems) == {
        "value": "un nombre en personnes est attendu, par exemple 12 personnes"
    }
    _, problems = check({"indicator": "accompagnes", "period": "2024", "value": "12,5"})
    assert "au plus 0 chiffre(s) après la virgule" in messages_of(problems)["value"]
    _, problems = check({"indicator": "accompagnes", "period": "2024", "value": "-3"})
    assert messages_of(problems)["value"].startswith("un nombre positif ou nul est attendu")
    _, problems = check({"indicator": "accompagnes", "period": "2024", "value": "12 jours"})
    assert messages_of(problems)["value"].startswith("un nombre en personnes est attendu")


def test_trailing_zeros_are_no_extra_precision():
    entry, problems = check(
        {"indicator": "relogement", "period": "2024", "numerator": "12,50", "denominator": "25"}
    )
    assert problems == [] and entry is not None and entry.numerator == Decimal("12.5")


def test_a_rate_takes_its_numerator_and_denominator():
    entry, problems = check(
        {"indicator": "relogement", "period": "2024", "numerator": "45", "denominator": "90"}
    )
    assert problems == [] and entry is not None
    assert (entry.numerator, entry.denominator, entry.value) == (Decimal(45), Decimal(90), None)
    _, problems = check({"indicator": "relogement", "period": "2024", "numerator": "45"})
    assert messages_of(problems) == {
        "denominator": "le dénominateur (personnes accompagnées) est attendu, par exemple 12,5"
    }
    _, problems = check(
        {"indicator": "relogement", "period": "2024", "numerator": "4", "denominator": "0"}
    )
    assert messages_of(problems) == {
        "denominator": "le dénominateur vaut 0 : le taux ne peut pas être calculé"
    }


def test_a_qualitative_indicator_takes_a_narrative():
    entry, problems = check({"indicator": "ressenti", "period": "2024", "narrative": "Moins seuls"})
    assert problems == [] and entry is not None and entry.narrative == "Moins seuls"
    _, problems = check({"indicator": "ressenti", "period": "2024", "value": "3"})
    assert messages_of(problems) == {
        "narrative": "cet indicateur est qualitatif : un récit est attendu"
    }


def test_the_period_is_checked_against_the_indicators_frequency():
    _, problems = check({"indicator": "accompagnes", "period": "2024-T2", "value": "3"})
    assert messages_of(problems) == {
        "period": "« 2024-T2 » ne convient pas : cet indicateur est suivi par année, par "
        "exemple 2024"
    }
    _, problems = check({"indicator": "visites", "period": "bientôt", "value": "3"})
    assert messages_of(problems)["period"].startswith("« bientôt » n’est pas une période")
    _, problems = check({"indicator": "visites", "period": "2024-t2", "value": "3"})
    assert list(messages_of(problems)) == ["period"]
    entry, problems = check({"indicator": "visites", "period": "2024-T2", "value": "3"})
    assert entry is not None and entry.period == "2024-T2"


def test_a_locked_period_takes_no_value():
    _, problems = check({"indicator": "accompagnes", "period": "2024", "value": "3"}, {"2024"})
    assert messages_of(problems) == {
        "period": "la période 2024 est close : aucune valeur ne peut y être ajoutée ou modifiée"
    }


def test_a_breakdown_is_one_the_indicator_declares_with_a_category():
    entry, problems = check(
        {
            "indicator": "accompagnes",
            "period": "2024",
            "value": "3",
            "dimension": "public",
            "category": "jeunes",
        }
    )
    assert entry is not None and (entry.dimension, entry.category) == ("public", "jeunes")
    _, problems = check(
        {"indicator": "accompagnes", "period": "2024", "value": "3", "dimension": "âge"}
    )
    assert messages_of(problems)["dimension"] == (
        "« âge » n’est pas une ventilation de cet indicateur : ventilations possibles « public »"
    )
    _, problems = check(
        {"indicator": "accompagnes", "period": "2024", "value": "3", "dimension": "public"}
    )
    assert messages_of(problems) == {"category": "la ventilation « public » demande une catégorie"}
    _, problems = check(
        {"indicator": "accompagnes", "period": "2024", "value": "3", "category": "jeunes"}
    )
    assert "dimension" in messages_of(problems)


def test_an_unknown_indicator_names_the_plans():
    _, problems = check({"indicator": "inconnu", "period": "2024", "value": "3"})
    assert messages_of(problems)["indicator"].endswith(
        "« accompagnes », « relogement », « ressenti », « visites »"
    )


# -- The workflow ------------------------------------------------------------------------------


def test_a_value_goes_from_draft_to_approved(plan, holder_hugo, evaluator_eva):
    row = record(plan, value="110", author=holder_hugo)
    assert (row.state, row.definition, row.entered_by) == ("draft", 1, holder_hugo)
    row = measurements.submit(row, holder_hugo)
    assert row.state == "submitted" and row.submitted_at is not None
    row = measurements.approve(row, evaluator_eva)
    assert row.state == "approved" and row.decided_by == evaluator_eva and row.decided_at
    series = measurements.series_for(plan)[0]
    assert [(p.period, p.value) for p in series.points] == [
        ("2024", Decimal(110)),
        ("2025", None),
    ]


def test_a_returned_value_needs_a_comment_and_comes_back(plan, evaluator_eva):
    row = measurements.submit(record(plan, value="110"), None)
    with pytest.raises(measurements.WorkflowError):
        measurements.send_back(row, evaluator_eva, "  ")
    row = measurements.send_back(row, evaluator_eva, "Le total compte deux fois mars.")
    assert row.state == "returned" and row.comment == "Le total compte deux fois mars."
    row = record(plan, value="105")  # corrected: the same row
    assert Measurement.objects.count() == 1 and row.value == Decimal(105)
    assert measurements.submit(row, None).state == "submitted"


def test_only_the_right_states_move(plan, evaluator_eva):
    row = record(plan, value="110")
    with pytest.raises(measurements.WorkflowError):
        measurements.approve(row, evaluator_eva)
    with pytest.raises(measurements.WorkflowError):
        measurements.send_back(row, evaluator_eva, "non")
    row = measurements.approve(measurements.submit(row, None), evaluator_eva)
    with pytest.raises(measurements.WorkflowError):
        measurements.submit(row, None)


def test_a_submitted_or_approved_value_is_not_replaced(plan):
    row = measurements.submit(record(plan, value="110"), None)
    entry, _ = check({"indicator": "accompagnes", "period": "2024", "value": "1"})
    assert entry is not None
    found = measurements.store(plan, [entry], None)
    assert found == [measurements.Conflict(0, "2024", state="submitted")]
    assert Measurement.objects.get(pk=row.pk).value == Decimal(110)
    with pytest.raises(measurements.WorkflowError):
        measurements.update(row, entry, None)


def test_a_locked_period_stops_every_change_but_approval(plan, evaluator_eva):
    draft = record(plan, value="110")
    submitted = measurements.submit(record(plan, period="2025", value="140"), None)
    measurements.lock(plan, "2024", evaluator_eva)
    measurements.lock(plan, "2025", evaluator_eva)
    assert LockedPeriod.objects.filter(plan=plan).count() == 2
    with pytest.raises(measurements.WorkflowError, match="close"):
        measurements.submit(draft, None)
    with pytest.raises(measurements.WorkflowError, match="close"):
        measurements.send_back(submitted, evaluator_eva, "non")
    entry, _ = check({"indicator": "accompagnes", "period": "2024", "value": "1"})
    assert entry is not None
    with pytest.raises(measurements.WorkflowError, match="close"):
        measurements.update(draft, entry, None)
    assert measurements.store(plan, [entry], None) == [
        measurements.Conflict(0, "2024", locked=True)
    ]
    # Closing a period never strands a value halfway: the submitted one may be approved.
    assert measurements.approve(submitted, evaluator_eva).state == "approved"
    assert measurements.unlock(plan, "2024") and not measurements.unlock(plan, "2024")
    assert measurements.submit(draft, None).state == "submitted"


def test_a_value_keeps_the_definition_it_was_recorded_against(plan):
    approved(plan, value="110")
    plans.save(plan, schema.Plan(indicators=(replace(COUNT, unit="familles"),)))
    assert plans.current(plan).indicators[0].definition == 2
    row = record(plan, value="40 familles")
    assert row.definition == 2
    assert Measurement.objects.filter(plan=plan).count() == 2
    item = measurements.chart_items(plan, "fr")[0]
    assert item["notes"] == [
        "1 valeur enregistrée selon une définition antérieure n’est pas comparée.",
        "1 valeur attend d’être approuvée : elle n’est pas encore comptée.",
    ]


def test_the_queue_lists_the_submitted_values_of_the_plans_one_may_view(plan, evaluator_eva, carol):
    other = make_plan(title="Jardins partagés")
    first = measurements.submit(record(plan, value="110"), None)
    second = measurements.submit(record(other, value="3"), None)
    record(plan, period="2025", value="5")  # a draft waits for nobody
    assert list(measurements.queue(evaluator_eva)) == [first, second]
    assert list(measurements.queue(carol)) == []


# -- What the page shows -----------------------------------------------------------------------


def test_chart_items_draw_approved_values_against_targets(plan):
    approved(plan, value="110")
    record(plan, period="2025", value="160")  # a draft: not drawn
    items = {item["key"]: item for item in measurements.chart_items(plan, "fr")}
    count = items["accompagnes"]
    assert count["baseline"] == "100\xa0personnes (2023)"
    assert count["rows"] == [
        {
            "period": "2024",
            "value": "110\xa0personnes",
            "target": "120\xa0personnes",
            "gap": "-10\xa0personnes",
            "on_track": "non",
            "detail": "",
            "narrative": "",
        },
        {
            "period": "2025",
            "value": "",
            "target": "150\xa0personnes",
            "gap": "",
            "on_track": "–",
            "detail": "",
            "narrative": "",
        },
    ]
    assert count["svg"].startswith("<svg") and "110\xa0personnes" in count["svg"]
    assert count["notes"] == ["1 valeur attend d’être approuvée : elle n’est pas encore comptée."]
    assert items["ressenti"]["svg"] == "" and items["ressenti"]["qualitative"]


def test_a_rate_is_drawn_from_its_numerator_and_denominator(plan):
    approved(plan, "relogement", numerator="60", denominator="100")
    row = measurements.chart_items(plan, "en")[1]["rows"][0]
    assert row == {
        "period": "2024",
        "value": "60.0\xa0%",
        "target": "50.0\xa0%",
        "gap": "+10.0\xa0%",
        "on_track": "yes",
        "detail": "60 / 100",
        "narrative": "",
    }


def test_breakdowns_roll_up_without_misleading(plan):
    for category, numerator, denominator in (("nord", "1", "4"), ("sud", "9", "16")):
        approved(
            plan,
            "relogement",
            numerator=numerator,
            denominator=denominator,
            dimension="territoire",
            category=category,
        )
    for category, narrative in (("jeunes", "On m’écoute."), ("parents", "Moins seuls.")):
        approved(plan, "ressenti", narrative=narrative, dimension="public", category=category)
    items = {item["key"]: item for item in measurements.chart_items(plan, "fr")}
    rates = items["relogement"]["breakdowns"]
    assert rates[0]["dimension"] == "territoire"
    (period,) = rates[0]["periods"]
    assert period["categories"] == [
        ("nord", "25,0\xa0% (1 / 4)"),
        ("sud", "56,3\xa0% (9 / 16)"),
    ]
    # 10 / 20, not the mean of 25 % and 56 %.
    assert period["total"] == "50,0\xa0%"
    assert "numérateurs" in period["why"]
    (stories,) = items["ressenti"]["breakdowns"][0]["periods"]
    assert stories["narratives"] == ("On m’écoute.", "Moins seuls.")
    assert stories["why"] == "2 récits."


def test_the_hub_shows_each_indicator_with_its_table(plan, holder_hugo):
    from tests.conftest import signed_in

    approved(plan, value="110")
    page = signed_in(holder_hugo).get(f"/evaluation/{plan.practice.slug}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="series-accompagnes"' in html and "<svg" in html
    assert "Cible atteinte ?" in html and "-10\xa0personnes" in html
    assert f"/evaluation/{plan.practice.slug}/mesures/saisir/" in html


def test_an_indicator_linked_to_an_evaluative_question_can_be_recorded(holder_hugo):
    """The form checks the indicator alone: its links to the plan's questions must not make
    that check fail (they did, with a 500, on the demo's plans)."""
    from django.test import Client

    linked = schema.Plan(
        questions=(schema.EvaluativeQuestion("acces", "Les familles accèdent-elles ?"),),
        indicators=(
            schema.Indicator(
                "accompagnes", "Familles accompagnées", unit="familles", questions=("acces",)
            ),
        ),
    )
    plan = make_plan(holder_hugo, content=linked)
    client = Client()
    client.force_login(holder_hugo)
    page = f"/evaluation/{plan.practice.slug}/mesures/saisir/accompagnes/"
    assert client.get(page).status_code == 200
    answer = client.post(page, {"period": "2024", "value": "12"})
    assert answer.status_code == 302
    assert Measurement.objects.get(plan=plan).value == 12


def test_the_evaluation_page_draws_a_value_approved_after_it_was_drawn(holder_hugo):
    """The drawn indicators are cached: approving a value must change what the page shows."""
    import re

    from django.test import Client

    plan = make_plan(holder_hugo)
    client = Client()
    client.force_login(holder_hugo)

    def drawn() -> str:
        html = client.get(f"/evaluation/{plan.practice.slug}/").content.decode()
        found = re.search(r'id="measures-title".*?</section>', html, re.S)
        assert found
        return found.group(0)

    row = record(plan, value="12")
    before = drawn()
    measurements.submit(row, None)
    measurements.approve(row, None)
    after = drawn()
    assert before != after and "12" in after
    assert drawn() == after


def test_nobody_approves_a_value_they_entered_themselves(holder_hugo, evaluator_eva):
    plan = make_plan(holder_hugo)
    own = record(plan, value="12", author=evaluator_eva)
    measurements.submit(own, evaluator_eva)
    with pytest.raises(measurements.WorkflowError):
        measurements.approve(own, evaluator_eva)
    assert Measurement.objects.get(pk=own.pk).state == measurements.SUBMITTED
    # Another evaluator may.
    other = make_persona("evaluator_eli", "evaluateur")
    assert measurements.approve(own, other).state == measurements.APPROVED
