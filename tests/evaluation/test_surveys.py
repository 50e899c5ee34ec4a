"""Questionnaires of evaluation (``vivier.evaluation.surveys``): attaching one makes an
ordinary version and campaign, the panel links waves by a pseudonym, and figures computed
from submitted responses become draft measurements with their source."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from vivier.campaigns import services
from vivier.campaigns.models import Campaign, QuestionnaireVersion, Response
from vivier.evaluation import plans, surveys
from vivier.evaluation.models import (
    EvaluationSurvey,
    LockedPeriod,
    Measurement,
    PanelResponse,
    SurveyFigure,
)
from vivier.plans import schema
from vivier.plans.periods import parse_period
from vivier.practices import registry
from vivier.reports import snapshots
from vivier.sheets.schema import Sheet
from vivier.surveys.questionnaires import evaluation as templates

pytestmark = pytest.mark.django_db

INDICATORS = (
    schema.Indicator(
        key="satisfaits", title="Part des personnes satisfaites", unit="%", decimals=1
    ),
    schema.Indicator(
        key="taux_satisfaits",
        title="Taux de personnes satisfaites",
        unit="%",
        numerator="personnes satisfaites",
        denominator="personnes qui ont répondu",
    ),
    schema.Indicator(key="reponses", title="Personnes qui se sentent écoutées", unit="personnes"),
    schema.Indicator(key="confiance", title="Confiance moyenne", unit="points", decimals=2),
    schema.Indicator(key="recit", title="Ce qui change", kind=schema.IndicatorKind.QUALITATIVE),
)
MILESTONES = (
    schema.Milestone("demarrage", "Démarrage", 0),
    schema.Milestone("six_mois", "Six mois", 6),
)


def make_plan(title: str = "Cafés des parents", holder=None):
    practice = registry.save_sheet(Sheet(title=title))
    if holder is not None:
        practice.holder = holder
        practice.save(update_fields=["holder"])
    plan = plans.start(practice)
    plans.save(plan, schema.Plan(indicators=INDICATORS, milestones=MILESTONES))
    plan.refresh_from_db()
    return plan


def submit(campaign: Campaign, key: str, when: datetime, **answers) -> Response:
    return services.create_submitted(campaign, key=key, answers=answers, submitted_at=when)


@pytest.fixture(autouse=True)
def _fresh_snapshots():
    """Each test reads its campaigns' tables from its own responses (ids repeat after a
    rollback)."""
    snapshots.forget(files=True)
    yield
    snapshots.forget(files=True)


@pytest.fixture
def plan(db):
    return make_plan()


@pytest.fixture
def satisfaction(plan):
    return surveys.attach(plan, template="satisfaction_falc")


# --------------------------------------------------------------------------- attaching


def test_a_template_becomes_an_ordinary_version_and_an_open_campaign(plan):
    survey = surveys.attach(plan, template="satisfaction_falc", milestone="demarrage")
    campaign = survey.campaign
    assert campaign.is_open
    assert campaign.questionnaire.slug == "evaluation-satisfaction-falc"
    assert campaign.questionnaire.questionnaire() == templates.build("satisfaction_falc")
    assert campaign.title == "Votre avis sur l’accompagnement – Cafés des parents (Démarrage)"
    assert (survey.plan, survey.template, survey.milestone) == (
        plan,
        "satisfaction_falc",
        "demarrage",
    )
    assert campaign.slug.startswith("cafes-des-parents-satisfaction-falc-demarrage")


def test_the_same_template_gives_every_plan_the_same_version_and_each_its_own_campaign(plan):
    other = make_plan("Jardin partagé")
    first = surveys.attach(plan, template="suivi", milestone="demarrage")
    second = surveys.attach(plan, template="suivi", milestone="demarrage")
    third = surveys.attach(other, template="suivi", milestone="six_mois")
    versions = {s.campaign.questionnaire_id for s in (first, second, third)}
    assert len(versions) == 1
    assert QuestionnaireVersion.objects.filter(slug="evaluation-suivi").count() == 1
    slugs = [s.campaign.slug for s in (first, second, third)]
    assert len(set(slugs)) == 3 and slugs[1] == slugs[0] + "-2"


def test_an_existing_version_is_used_as_it_is(plan):
    from tests.support import make_campaign, small_questionnaire

    version = make_campaign(small_questionnaire()).questionnaire
    survey = surveys.attach(plan, version=version, title="Questionnaire maison")
    assert survey.campaign.questionnaire == version
    assert survey.template == surveys.OTHER_TEMPLATE
    assert survey.campaign.title == "Questionnaire maison"
    assert not surveys.is_follow_up(survey)


def test_a_version_of_the_follow_up_template_keeps_its_key_and_its_panel(plan):
    from vivier.campaigns.questionnaires import install

    version = install(templates.build("suivi"))
    survey = surveys.attach(plan, version=version, milestone="six_mois")
    assert survey.template == "suivi" and surveys.is_follow_up(survey)


def test_the_summary_counts_submitted_responses_only(satisfaction):
    campaign = satisfaction.campaign
    submit(campaign, "a", timezone.now(), satisfaction="satisfait")
    services.start_response(campaign, key="draft")
    row = satisfaction.summary()
    assert row["submitted"] == 1
    assert row["template"] == "Satisfaction des personnes accompagnées (facile à lire)"
    assert row["dashboard_url"] == f"/staff/campagnes/{campaign.slug}/analyse/"
    assert row["public_url"] == f"/q/{campaign.slug}/"
    assert row["follow_up"] is False and row["panel_answers"] is None


def test_waves_come_in_the_order_of_their_milestones(plan):
    later = surveys.attach(plan, template="suivi", milestone="six_mois")
    surveys.attach(plan, template="satisfaction_falc", milestone="demarrage")
    first = surveys.attach(plan, template="suivi", milestone="demarrage")
    assert surveys.waves(plan) == [first, later]


# --------------------------------------------------------------------------- panel


def test_panel_identifiers_are_random_readable_and_never_a_name(plan):
    members = surveys.add_members(plan, 25)
    ids = [m.panel_id for m in members]
    assert len(set(ids)) == 25
    assert all(len(i) == 8 and set(i) <= set(surveys.PANEL_ALPHABET) for i in ids)
    assert not set("01OIL") & set("".join(ids))
    with pytest.raises(ValueError):
        surveys.add_members(plan, 0)


def test_a_panel_link_names_its_member_and_wave_and_cannot_be_forged(plan):
    wave = surveys.attach(plan, template="suivi", milestone="demarrage")
    other_plan_wave = surveys.attach(make_plan("Autre"), template="suivi", milestone="demarrage")
    member, other = surveys.add_members(plan, 2)
    token = surveys.panel_token(member, wave)
    assert surveys.read_panel_token(token) == (member, wave)
    assert surveys.panel_token(other, wave) != token
    panel_id, pk, mac = token.split("-")
    assert surveys.read_panel_token(f"{other.panel_id}-{pk}-{mac}") is None
    assert surveys.read_panel_token(f"{panel_id}-{other_plan_wave.pk}-{mac}") is None
    forged = surveys.panel_token(member, other_plan_wave)  # a genuine link of another plan
    assert surveys.read_panel_token(forged) is None
    assert surveys.read_panel_token("nothing") is None


def test_each_wave_links_the_same_member_under_their_pseudonym(plan):
    first = surveys.attach(plan, template="suivi", milestone="demarrage")
    second = surveys.attach(plan, template="suivi", milestone="six_mois")
    (member,) = surveys.add_members(plan, 1)
    one = surveys.start_panel_response(member, first)
    again = surveys.start_panel_response(member, first)
    two = surveys.start_panel_response(member, second)
    assert one == again and one != two
    assert one.key == f"panel-{member.panel_id}-{first.pk}"
    assert two.key == f"panel-{member.panel_id}-{second.pk}"
    assert set(PanelResponse.objects.filter(member=member).values_list("survey", "response")) == {
        (first.pk, one.pk),
        (second.pk, two.pk),
    }


def test_a_member_who_withdraws_starts_no_new_wave(plan):
    wave = surveys.attach(plan, template="suivi", milestone="demarrage")
    (member,) = surveys.add_members(plan, 1)
    surveys.withdraw(member)
    member.refresh_from_db()
    assert member.withdrawn_at is not None
    with pytest.raises(surveys.WithdrawnError):
        surveys.start_panel_response(member, wave)
    assert not Response.objects.filter(campaign=wave.campaign).exists()
    assert plan.panel.active().count() == 0


def test_panel_rows_say_which_waves_each_member_answered(plan):
    first = surveys.attach(plan, template="suivi", milestone="demarrage")
    second = surveys.attach(plan, template="suivi", milestone="six_mois")
    member, other = surveys.add_members(plan, 2)
    response = surveys.start_panel_response(member, first)
    assert services.submit(response).submitted
    surveys.start_panel_response(other, first)  # a draft is no answer
    waves, rows = surveys.panel_rows(second, lambda path: "https://vivier.test" + path)
    assert waves == [first, second]
    assert [(row.member, row.answered) for row in rows] == [
        (member, (True, False)),
        (other, (False, False)),
    ]
    assert rows[0].url == "https://vivier.test" + surveys.panel_url(member, second)


# --------------------------------------------------------------------------- figures

JANUARY = datetime(2025, 1, 15, 10, tzinfo=UTC)
MARCH = datetime(2025, 3, 31, 22, 30, tzinfo=UTC)  # already 1 April in Paris (CEST)
APRIL = datetime(2025, 4, 2, 10, tzinfo=UTC)


def _responses(campaign: Campaign) -> None:
    submit(campaign, "a", JANUARY, satisfaction="tres_satisfait", ecoute="yes")
    submit(campaign, "b", JANUARY, satisfaction="satisfait", ecoute="yes")
    submit(campaign, "c", JANUARY, satisfaction="pas_satisfait", ecoute="no")
    submit(campaign, "d", JANUARY, ecoute="dont_know")  # did not answer the satisfaction
    submit(campaign, "e", MARCH, satisfaction="pas_satisfait")  # counted in April (Paris)
    submit(campaign, "f", APRIL, satisfaction="satisfait")
    services.start_response(campaign, key="draft")


def share() -> surveys.Feed:
    return surveys.Feed(
        "satisfaits", "satisfaction", surveys.FeedKind.SHARE, ("tres_satisfait", "satisfait")
    )


def test_a_share_counts_the_chosen_answers_of_those_who_answered_in_the_period(satisfaction):
    _responses(satisfaction.campaign)
    figure = surveys.compute(satisfaction.campaign, share(), parse_period("2025-T1"))
    assert (figure.responses, figure.answered) == (4, 3)
    assert (figure.numerator, figure.denominator) == (2, 3)
    assert figure.value == Decimal("66.67")
    april = surveys.compute(satisfaction.campaign, share(), parse_period("2025-04"))
    assert (april.responses, april.numerator, april.denominator) == (2, 1, 2)


def test_a_count_and_a_mean(plan):
    suivi = surveys.attach(plan, template="suivi", milestone="demarrage")
    campaign = suivi.campaign
    submit(campaign, "a", JANUARY, confiance=2, soutien="yes")
    submit(campaign, "b", JANUARY, confiance=5, soutien="yes")
    submit(campaign, "c", JANUARY, confiance=4, soutien="no")
    year = parse_period("2025")
    mean = surveys.Feed("confiance", "confiance", surveys.FeedKind.MEAN)
    assert surveys.compute(campaign, mean, year).value == Decimal("3.67")
    count = surveys.Feed("reponses", "soutien", surveys.FeedKind.COUNT, ("yes",))
    assert surveys.compute(campaign, count, year).value == 2
    everyone = surveys.Feed("reponses", "confiance", surveys.FeedKind.COUNT)
    assert surveys.compute(campaign, everyone, year).value == 3


def test_recording_writes_a_draft_of_the_current_definition_with_its_source(
    satisfaction, holder_hugo
):
    _responses(satisfaction.campaign)
    measurement, source = surveys.record_figure(satisfaction, share(), "2025-T1", holder_hugo)
    assert measurement.state == Measurement.State.DRAFT
    assert (measurement.indicator, measurement.period, measurement.definition) == (
        "satisfaits",
        "2025-T1",
        plans.current(satisfaction.plan).indicator("satisfaits").definition,
    )
    assert measurement.value == Decimal("66.7")  # the indicator keeps one decimal
    assert measurement.numerator is None and measurement.entered_by == holder_hugo
    assert (source.survey, source.measurement, source.responses) == (satisfaction, measurement, 4)
    assert source.feed == share().to_dict()


def test_a_rate_indicator_keeps_its_numerator_and_denominator(satisfaction):
    _responses(satisfaction.campaign)
    feed = surveys.Feed("taux_satisfaits", "satisfaction", surveys.FeedKind.SHARE, ("satisfait",))
    measurement, _source = surveys.record_figure(satisfaction, feed, "2025-T1")
    assert (measurement.numerator, measurement.denominator, measurement.value) == (1, 3, 33)


def test_a_new_definition_gets_its_own_measurement(satisfaction):
    _responses(satisfaction.campaign)
    first, _ = surveys.record_figure(satisfaction, share(), "2025-T1")
    content = plans.current(satisfaction.plan)
    changed = tuple(
        schema.Indicator(**{**i.__dict__, "unit": "pour cent"}) if i.key == "satisfaits" else i
        for i in content.indicators
    )
    plans.save(satisfaction.plan, schema.Plan(indicators=changed, milestones=MILESTONES))
    second, _ = surveys.record_figure(satisfaction, share(), "2025-T1")
    assert second.pk != first.pk and second.definition == first.definition + 1


def test_computing_again_updates_the_draft(satisfaction):
    _responses(satisfaction.campaign)
    first, _ = surveys.record_figure(satisfaction, share(), "2025-T1")
    submit(satisfaction.campaign, "g", JANUARY, satisfaction="satisfait")
    second, _ = surveys.record_figure(satisfaction, share(), "2025-T1")
    assert second.pk == first.pk and second.value == Decimal("75.0")
    assert SurveyFigure.objects.filter(measurement=first).count() == 2


@pytest.mark.parametrize("state", [Measurement.State.SUBMITTED, Measurement.State.APPROVED])
def test_a_submitted_or_approved_value_is_never_overwritten(satisfaction, state):
    _responses(satisfaction.campaign)
    measurement, _ = surveys.record_figure(satisfaction, share(), "2025-T1")
    Measurement.objects.filter(pk=measurement.pk).update(
        state=state, value=Decimal(12), decided_at=timezone.now()
    )
    with pytest.raises(surveys.FigureRefused, match="déjà soumise ou approuvée"):
        surveys.record_figure(satisfaction, share(), "2025-T1")
    assert Measurement.objects.get(pk=measurement.pk).value == 12
    assert SurveyFigure.objects.count() == 1


@pytest.mark.parametrize("locked", ["2025", "2025-T1"])
def test_a_locked_period_takes_no_figure(satisfaction, locked):
    _responses(satisfaction.campaign)
    LockedPeriod.objects.create(plan=satisfaction.plan, period=locked)
    with pytest.raises(surveys.FigureRefused) as refused:
        surveys.record_figure(satisfaction, share(), "2025-T1")
    assert refused.value.field == "period" and "close" in str(refused.value.message)
    assert not Measurement.objects.exists()


def test_a_period_without_responses_and_a_missing_indicator_are_refused(satisfaction):
    _responses(satisfaction.campaign)
    with pytest.raises(surveys.FigureRefused, match="Aucune réponse"):
        surveys.record_figure(satisfaction, share(), "2024")
    gone = surveys.Feed("disparu", "satisfaction", surveys.FeedKind.COUNT)
    with pytest.raises(surveys.FigureRefused) as refused:
        surveys.record_figure(satisfaction, gone, "2025-T1")
    assert refused.value.field == "feed"
    qualitative = surveys.Feed("recit", "satisfaction", surveys.FeedKind.COUNT)
    with pytest.raises(surveys.FigureRefused):
        surveys.record_figure(satisfaction, qualitative, "2025-T1")
    assert not Measurement.objects.exists()


def test_feeds_are_kept_on_the_survey_and_removed_by_position(satisfaction):
    mean = surveys.Feed("confiance", "satisfaction", surveys.FeedKind.COUNT)
    surveys.add_feed(satisfaction, share())
    surveys.add_feed(satisfaction, mean)
    fresh = EvaluationSurvey.objects.get(pk=satisfaction.pk)
    assert surveys.feeds(fresh) == [share(), mean]
    assert surveys.remove_feed(fresh, 0) and not surveys.remove_feed(fresh, 5)
    assert surveys.feeds(EvaluationSurvey.objects.get(pk=satisfaction.pk)) == [mean]
