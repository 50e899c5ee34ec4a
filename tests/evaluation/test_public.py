"""The evaluation part of a published sheet's public page: only what the plan publishes.

Approved values only, small counts written "moins de 5", the consent rule for stories
(``stories.publishable``), opinions marked for publication from closed sessions, never a
person's name, words rather than codes, and the same in English.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from tests.practices.test_catalogue import publish
from vivier.evaluation import measurements, plans, public
from vivier.evaluation.models import (
    Committee,
    CommitteeSession,
    Measurement,
    Opinion,
    Outcome,
    OutcomeSource,
    Plan,
    Story,
    StoryTeller,
)
from vivier.plans import schema
from vivier.practices import registry
from vivier.practices.models import Practice
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db

CONTENT = schema.Plan(
    purpose="Savoir si les familles reprennent la main.",
    indicators=(
        schema.Indicator(
            key="familles",
            title="Familles accompagnées",
            unit="familles",
            targets=(schema.Target("2024", 40),),
        ),
        schema.Indicator(
            key="presents",
            title="Jeunes présents aux séances",
            unit="personnes",
        ),
        schema.Indicator(
            key="retour",
            title="Part des familles qui reviennent",
            numerator="familles revenues",
            denominator="familles accueillies",
            unit="%",
        ),
        schema.Indicator(
            key="paroles", title="Ce que disent les familles", kind=schema.IndicatorKind.QUALITATIVE
        ),
    ),
    participation=(
        schema.ParticipationCell(
            schema.Step.QUESTIONS, schema.Group.PERSONS_CONCERNED, schema.Mode.CO_DECIDING
        ),
        schema.ParticipationCell(
            schema.Step.JUDGING, schema.Group.PERSONS_CONCERNED, schema.Mode.CO_DECIDING
        ),
        schema.ParticipationCell(
            schema.Step.COLLECTING, schema.Group.FUNDERS, schema.Mode.INFORMED
        ),
    ),
)

#: Published and kept private, for every switch: no part may leak into the other.
TELLER = "Josiane Martin-Delacroix"
WITHDRAWN = "Le récit retiré par sa conteuse"
DRAFT_VALUE = "987"


def approved(plan: Plan, indicator: str, period: str, **values) -> Measurement:
    return Measurement.objects.create(
        plan=plan,
        indicator=indicator,
        definition=1,
        period=period,
        state=Measurement.State.APPROVED,
        decided_at=timezone.now(),
        **values,
    )


def story(plan: Plan, group: str, alias: str, text: str, **consent) -> Story:
    found = Story.objects.create(
        plan=plan,
        teller_group=group,
        teller_alias=alias,
        domain="Vie de famille",
        title=f"Récit de {alias}",
        what_changed=text,
        why_it_matters="Parce que je décide.",
        consent_quote=consent.get("quote", True),
        consent_publish=consent.get("publish", True),
        consent_withdrawn_at=consent.get("withdrawn"),
    )
    StoryTeller.objects.create(story=found, name=TELLER, contact="josiane@example.org")
    return found


def evaluated(practice: Practice, *, publish_all: bool = True) -> Plan:
    """``practice`` with a plan holding a bit of everything, published or not."""
    plan = plans.start(practice)
    plans.save(plan, CONTENT)
    plan.refresh_from_db()
    approved(plan, "familles", "2023", value=Decimal("35"))
    approved(plan, "familles", "2024", value=Decimal("42"))
    approved(plan, "presents", "2024", value=Decimal("3"))  # too few to say
    approved(plan, "retour", "2024-T1", numerator=Decimal("3"), denominator=Decimal("4"))
    approved(plan, "retour", "2024-T2", numerator=Decimal("12"), denominator=Decimal("16"))
    approved(plan, "paroles", "2024", narrative="On nous écoute enfin.")
    Measurement.objects.create(
        plan=plan, indicator="familles", definition=1, period="2025", value=Decimal(DRAFT_VALUE)
    )
    story(plan, "personnes_concernees", "Mme A.", "Je parle au juge moi-même.")
    story(plan, "personnes_concernees", "M. B.", "Je ne publie pas ceci.", publish=False)
    story(plan, "personnes_concernees", "Mme C.", WITHDRAWN, withdrawn=timezone.now())
    committee = Committee.objects.create(name="Comité de Gironde", practice=practice)
    session = CommitteeSession.objects.create(
        committee=committee,
        practice=practice,
        date=datetime.date(2024, 11, 5),
        state=CommitteeSession.State.CLOSED,
    )
    Opinion.objects.create(session=session, group="commun", text="Un avis commun.", publish=True)
    Opinion.objects.create(
        session=session, group="personne_concernee", text="Notre avis à nous.", publish=True
    )
    Opinion.objects.create(
        session=session, group="professionnel", text="Avis gardé pour le comité.", publish=False
    )
    outcome = Outcome.objects.create(
        plan=plan,
        social_actor="Le tribunal pour enfants",
        change="Le juge invite les familles à parler en premier.",
        when="2024",
        where="Bordeaux",
        significance="Les familles sont entendues.",
        contribution="Les conférences ont montré que c’est possible.",
        publish=True,
    )
    OutcomeSource.objects.create(outcome=outcome, source="une greffière", substantiated=True)
    OutcomeSource.objects.create(outcome=outcome, source="la CAF", substantiated=True)
    Outcome.objects.create(
        plan=plan,
        social_actor="La mairie",
        change="Un changement gardé privé.",
        when="2024",
        where="Bordeaux",
        significance="-",
        contribution="-",
    )
    if publish_all:
        Plan.objects.filter(pk=plan.pk).update(
            publish_indicators=True,
            publish_participation=True,
            publish_opinions=True,
            publish_stories=True,
        )
    plan.refresh_from_db()
    return plan


@pytest.fixture
def practice():
    return publish(Sheet(title="Conférences familiales en Gironde", summary="La famille."))


def page(client, practice: Practice, language: str = "fr") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    answer = client.get(f"/pratiques/{practice.slug}/")
    assert answer.status_code == 200
    return answer.content.decode()


def test_a_sheet_without_a_plan_has_no_evaluation_part(client, practice):
    assert 'id="evaluation-plan"' not in page(client, practice)


PRIVATE_UNLESS_SWITCHED = (
    "Familles accompagnées",
    "participation-matrix",
    "Un avis commun.",
    "Je parle au juge moi-même.",
    "story-counts",
)


def test_a_plan_that_publishes_nothing_says_only_that_it_exists(client, practice):
    plan = evaluated(practice, publish_all=False)
    # Outcomes have their own switch, each one: the one marked for publication shows.
    html = page(client, practice)
    assert "Le juge invite les familles à parler en premier." in html
    assert 'id="evaluation-nothing"' not in html
    plan.outcomes.update(publish=False)
    html = page(client, practice)
    assert "Cette pratique a un plan d’évaluation." in html
    assert "Le plan suit 4 indicateurs." in html
    assert 'id="evaluation-nothing"' in html
    for private in PRIVATE_UNLESS_SWITCHED:
        assert private not in html


@pytest.mark.parametrize(
    ("switch", "shown"),
    [
        ("publish_indicators", "Familles accompagnées"),
        ("publish_participation", "participation-matrix"),
        ("publish_opinions", "Un avis commun."),
        ("publish_stories", "Je parle au juge moi-même."),
    ],
)
def test_each_switch_opens_its_part_only(client, practice, switch, shown):
    plan = evaluated(practice, publish_all=False)
    Plan.objects.filter(pk=plan.pk).update(**{switch: True})
    html = page(client, practice)
    assert shown in html
    assert [text for text in PRIVATE_UNLESS_SWITCHED if text in html] == [shown] + (
        ["story-counts"] if switch == "publish_stories" else []
    )


def series_part(html: str, key: str) -> str:
    """One indicator's part of the page (``evaluation/_series.html``)."""
    return html.split(f'id="series-{key}"', 1)[1].split('<div class="fr-mb-4w"', 1)[0]


def test_indicators_show_approved_values_with_their_targets(client, practice):
    evaluated(practice)
    html = page(client, practice)
    familles = series_part(html, "familles")
    assert "Familles accompagnées" in familles and "<svg" in familles
    assert '<th scope="row">2024</th><td>42\u00a0familles</td><td>40\u00a0familles</td>' in familles
    assert '<th scope="row">2023</th><td>35\u00a0familles</td>' in familles
    assert DRAFT_VALUE not in html  # a value not approved yet
    assert "attend d’être approuvée" not in html  # the practice's own note
    retour = series_part(html, "retour")
    assert "1er trimestre 2024" in retour and "2e trimestre 2024" in retour
    assert "<td>75\u00a0%</td>" in retour  # 12 / 16, without its numerator and denominator
    assert "12 / 16" not in retour
    assert "On nous écoute enfin." in series_part(html, "paroles")


def test_small_counts_are_written_fewer_than_five(client, practice):
    evaluated(practice)
    html = page(client, practice)
    # 3 young people present: a count of people under 5 is not told, nor drawn.
    presents = series_part(html, "presents")
    assert '<th scope="row">2024</th><td>moins de 5\u00a0personnes</td>' in presents
    assert "3\u00a0personnes" not in presents
    # A rate over 4 families is not shown at all (3 / 4 would tell 3), nor drawn.
    retour = series_part(html, "retour")
    assert "<td>non publié : moins de 5 personnes</td>" in retour
    assert "Valeurs approuvées : 2024-T2 : 75\u00a0%." in retour
    assert "2024-T1 : " not in retour
    # Two stories of persons concerned in all (the withdrawn one counts, not its text).
    assert "Récits de personnes concernées : moins de 5" in html


def test_breakdowns_stay_with_the_practice(client, practice):
    plan = evaluated(practice)
    approved(plan, "familles", "2024", value=Decimal("2"), dimension="territoire", category="Blaye")
    html = page(client, practice)
    assert "Blaye" not in html
    assert "Blaye" in str(measurements.chart_items(plan, "fr"))  # the practice's page


def test_the_participation_matrix_is_in_words(client, practice):
    evaluated(practice)
    html = page(client, practice)
    assert 'id="participation-matrix"' in html
    assert "Choisir les questions de l’évaluation" in html
    assert "décident avec les autres" in html and "sont informés" in html
    assert "<li>Juger les résultats</li>" in html
    for code in ("codecide", "personnes_concernees", "criteres", "informe<"):
        assert code not in html


def test_published_opinions_per_group_then_joint(client, practice):
    evaluated(practice)
    html = page(client, practice)
    assert "Séance du 5 novembre 2024 : Comité de Gironde" in html
    assert html.index("Notre avis à nous.") < html.index("Un avis commun.")
    assert "Avis gardé pour le comité." not in html


def test_an_opinion_of_a_session_still_open_is_not_shown(client, practice):
    plan = evaluated(practice)
    CommitteeSession.objects.filter(practice=plan.practice).update(state="open")
    assert "Un avis commun." not in page(client, practice)


def test_stories_follow_the_consent_rule_and_never_show_a_name(client, practice):
    evaluated(practice)
    html = page(client, practice)
    assert "Je parle au juge moi-même." in html
    assert "Raconté par Mme A. (personnes concernées)" in html
    assert "Je ne publie pas ceci." not in html
    assert WITHDRAWN not in html
    assert TELLER not in html and "josiane@example.org" not in html


def test_withdrawing_consent_removes_the_story_at_once(client, practice):
    plan = evaluated(practice)
    Story.objects.filter(plan=plan, teller_alias="Mme A.").update(
        consent_withdrawn_at=timezone.now()
    )
    assert "Je parle au juge moi-même." not in page(client, practice)


def test_published_outcomes_show_how_many_sources_confirmed_them(client, practice):
    evaluated(practice)
    html = page(client, practice)
    assert "Le tribunal pour enfants" in html
    assert "Confirmé par 2 sources." in html
    assert "une greffière" not in html
    assert "Un changement gardé privé." not in html


def test_a_draft_sheet_shows_nothing_of_its_plan(client):
    draft = registry.save_sheet(Sheet(title="Une fiche en brouillon"))
    evaluated(draft)
    assert client.get(f"/pratiques/{draft.slug}/").status_code == 404


def test_the_evaluation_part_in_english(client, practice):
    evaluated(practice)
    html = page(client, practice, "en")
    for english in (
        "The evaluation plan",
        "This practice has an evaluation plan.",
        "The plan follows 4 indicators.",
        "Q2 2024",
        "fewer than 5",
        "decide with the others",
        "Meeting of Nov. 5, 2024: Comité de Gironde",
        "Told by Mme A. (persons concerned)",
        "Confirmed by 2 sources.",
    ):
        assert english in html, english
    for french in ("Le plan d’évaluation", "Récits de", "moins de 5", "Choisir les questions"):
        assert french not in html, french


def test_period_words():
    assert public.period_text("2024") == "2024"
    assert public.period_text("2024-T3") == "3e trimestre 2024"
    assert public.period_text("2024-03") == "mars 2024"
    assert public.period_text("pas une période") == "pas une période"


@pytest.mark.parametrize(
    ("count", "text"), [(0, "0"), (1, "moins de 5"), (4, "moins de 5"), (5, "5"), (1200, "1 200")]
)
def test_count_text(count, text):
    assert public.count_text(count).replace("\u00a0", " ").replace("\u202f", " ") == text


def test_no_french_word_of_the_interface_is_left_in_english(client, practice):
    from tests.practices.test_catalogue_language import _french_texts
    from tests.practices.test_no_stored_key import _visible_text

    evaluated(practice)
    text = _visible_text(page(client, practice, "en"))
    # What people wrote stays as they wrote it.
    for written in (practice.title, "Un avis commun."):
        text = text.replace(written, "")
    left = [msgid for msgid, pattern in _french_texts() if pattern.search(text)]
    assert left == []
