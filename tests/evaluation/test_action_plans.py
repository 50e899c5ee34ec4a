"""Every action of the plan's pages, the healthchecks way: it works for the right person, it
rejects the wrong method, it requires the right (anonymous: sign in; anyone else: 404, the
plan's existence not being said)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.conftest import make_persona
from vivier.evaluation import plans
from vivier.evaluation.models import Plan, PlanContributor
from vivier.plans import schema
from vivier.practices import registry
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db


def _formset(prefix: str, rows: list[dict[str, str]]) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def _matrix() -> dict[str, str]:
    return {f"{s.value}__{g.value}": "consulte" for s in schema.Step for g in schema.Group}


@dataclass(frozen=True)
class Action:
    name: str
    tail: str
    method: str
    data: dict[str, Any]
    #: Whether the action did its work (looked up after it answered).
    done: Callable[[Plan], bool]
    #: The status of a success (a saved form redirects; a page answers 200).
    status: int = 302


def _saved(plan: Plan) -> bool:
    return Plan.objects.get(pk=plan.pk).version > 2


CHANGING = [
    Action("frame", "cadre/", "post", {"purpose": "Savoir", "start": "2025-01-01"}, _saved),
    Action(
        "questions",
        "questions/",
        "post",
        _formset("questions", [{"text": "Qui vient ?", "proposed_by": "professionnels"}]),
        _saved,
    ),
    Action(
        "results",
        "resultats/",
        "post",
        _formset("results", [{"text": "Moins seuls", "proposed_by": "partenaires"}]),
        _saved,
    ),
    Action("criteria", "criteres/", "post", _formset("criteria", [{"text": "Revenir"}]), _saved),
    Action(
        "indicator_add",
        "indicateurs/ajouter/",
        "post",
        {
            "title": "Familles",
            "kind": "quantitatif",
            "decimals": "0",
            "direction": "hausse",
            "frequency": "annuel",
            "proposed_by": "professionnels",
        },
        _saved,
    ),
    Action(
        "indicator_edit",
        "indicateurs/taux/",
        "post",
        {
            "title": "Taux",
            "kind": "qualitatif",
            "decimals": "0",
            "direction": "hausse",
            "frequency": "annuel",
            "proposed_by": "professionnels",
        },
        _saved,
    ),
    Action("indicator_remove", "indicateurs/taux/retirer/", "post", {}, _saved),
    Action(
        "milestones",
        "jalons/",
        "post",
        {"presets": ["demarrage"], **_formset("jalons", [])},
        _saved,
    ),
    Action("participation", "participation/", "post", _matrix(), _saved),
    Action(
        "contributors",
        "contributeurs/",
        "post",
        {"username": "sam", "group": "personnes_concernees"},
        lambda plan: plan.contributors.filter(user__username="sam").exists(),
    ),
]
#: Pages that only show (a GET): the same rights as their form's action.
CHANGING_PAGES = [
    "cadre/",
    "questions/",
    "resultats/",
    "criteres/",
    "indicateurs/ajouter/",
    "indicateurs/taux/",
    "jalons/",
    "participation/",
    "contributeurs/",
]
READING = ["", "versions/", "versions/comparer/?de=1&a=2"]

MAY_CHANGE = ["holder_hugo", "group_gael"]
MAY_READ = [*MAY_CHANGE, "analyst_axel", "evaluator_eva"]


@pytest.fixture
def plan(holder_hugo) -> Plan:
    practice = registry.save_sheet(Sheet(title="Cafés des parents"))
    practice.holder = holder_hugo
    practice.save(update_fields=["holder"])
    plan = plans.start(practice)
    plans.save(plan, schema.Plan(indicators=(schema.Indicator("taux", "Taux"),)))
    make_persona("sam", "personne_concernee")
    return plan


def url(plan: Plan, tail: str) -> str:
    return f"/evaluation/{plan.practice.slug}/plan/{tail}"


# --------------------------------------------------------------------------------------------
# Changing the plan


@pytest.mark.parametrize("persona", MAY_CHANGE)
@pytest.mark.parametrize("action", CHANGING, ids=lambda action: action.name)
def test_it_works_for_the_holder_and_the_working_group(request, persona, action, plan):
    answer = getattr(client_of(request, persona), action.method)(
        url(plan, action.tail), action.data
    )
    assert answer.status_code == action.status, answer.content.decode()[:2000]
    assert action.done(plan)


@pytest.mark.parametrize("action", CHANGING, ids=lambda action: action.name)
def test_it_rejects_the_wrong_method(request, action, plan):
    client = client_of(request, "holder_hugo")
    wrong = client.get if action.name == "indicator_remove" else client.put
    assert wrong(url(plan, action.tail)).status_code == 405
    assert not action.done(plan)


@pytest.mark.parametrize("persona", others("groupe_de_travail", "porteur_de_projet"))
@pytest.mark.parametrize("action", CHANGING, ids=lambda action: action.name)
def test_it_requires_the_right_on_the_plan(request, persona, action, plan):
    answer = getattr(client_of(request, persona), action.method)(
        url(plan, action.tail), action.data
    )
    assert answer.status_code == 404
    assert not action.done(plan)


@pytest.mark.parametrize("action", CHANGING, ids=lambda action: action.name)
def test_it_sends_anonymous_visitors_to_sign_in(client, action, plan):
    assert sent_to_sign_in(getattr(client, action.method)(url(plan, action.tail), action.data))
    assert not action.done(plan)


@pytest.mark.parametrize("tail", CHANGING_PAGES)
def test_the_forms_pages_open_to_those_who_may_change_only(request, tail, plan):
    assert client_of(request, "group_gael").get(url(plan, tail)).status_code == 200
    assert client_of(request, "evaluator_eva").get(url(plan, tail)).status_code == 404


def test_an_unknown_indicator_is_not_found(request, plan):
    client = client_of(request, "holder_hugo")
    assert client.get(url(plan, "indicateurs/autre/")).status_code == 404
    assert client.post(url(plan, "indicateurs/autre/retirer/")).status_code == 404


# --------------------------------------------------------------------------------------------
# Reading the plan and its versions


@pytest.mark.parametrize("persona", MAY_READ)
@pytest.mark.parametrize("tail", READING)
def test_reading_works_for_those_who_may_read(request, persona, tail, plan):
    answer = client_of(request, persona).get(url(plan, tail))
    assert answer.status_code == 200
    assert "Cafés des parents" in answer.content.decode()


@pytest.mark.parametrize("tail", READING)
def test_reading_rejects_the_wrong_method(request, tail, plan):
    assert client_of(request, "holder_hugo").post(url(plan, tail)).status_code == 405


@pytest.mark.parametrize(
    "persona",
    others("groupe_de_travail", "porteur_de_projet", "analyste", "evaluateur"),
)
@pytest.mark.parametrize("tail", READING)
def test_reading_requires_the_right(request, persona, tail, plan):
    assert client_of(request, persona).get(url(plan, tail)).status_code == 404


@pytest.mark.parametrize("tail", READING)
def test_reading_sends_anonymous_visitors_to_sign_in(client, tail, plan):
    assert sent_to_sign_in(client.get(url(plan, tail)))


def test_a_contributor_reads_the_plan_but_may_not_change_it(request, plan):
    PlanContributor.objects.create(
        plan=plan, user=request.getfixturevalue("person_pia"), group="personnes_concernees"
    )
    client = client_of(request, "person_pia")
    assert client.get(url(plan, "")).status_code == 200
    assert client.get(url(plan, "cadre/")).status_code == 404


# --------------------------------------------------------------------------------------------
# The person concerned's side, /participer/plans/


def participer(plan: Plan, tail: str = "") -> str:
    return f"/participer/plans/{plan.practice.slug}/{tail}"


PROPOSALS = [
    ("question/", {"text": "Est-ce que je suis écouté ?"}, "questions"),
    ("critere/", {"text": "Être accueilli sans attendre"}, "criteria"),
    ("indicateur/", {"text": "Les familles qui reviennent", "why": "Ça compte"}, "indicators"),
]


@pytest.fixture
def contributor(plan, person_pia) -> PlanContributor:
    return PlanContributor.objects.create(plan=plan, user=person_pia, group="personnes_concernees")


@pytest.mark.parametrize(("tail", "data", "section"), PROPOSALS)
def test_a_proposal_works_for_the_contributor(request, contributor, plan, tail, data, section):
    answer = client_of(request, "person_pia").post(participer(plan, tail), data)
    assert answer.status_code == 302 and answer["Location"] == participer(plan)
    assert len(getattr(plans.current(Plan.objects.get(pk=plan.pk)), section)) == (
        2 if section == "indicators" else 1
    )


@pytest.mark.parametrize(("tail", "data", "section"), PROPOSALS)
def test_a_proposal_rejects_the_wrong_method(request, contributor, plan, tail, data, section):
    assert client_of(request, "person_pia").get(participer(plan, tail)).status_code == 405


@pytest.mark.parametrize("persona", [*others("personne_concernee"), "holder_hugo"])
@pytest.mark.parametrize(("tail", "data", "section"), PROPOSALS)
def test_a_proposal_requires_taking_part(request, contributor, plan, persona, tail, data, section):
    assert client_of(request, persona).post(participer(plan, tail), data).status_code == 404
    assert Plan.objects.get(pk=plan.pk).version == 2


@pytest.mark.parametrize(("tail", "data", "section"), PROPOSALS)
def test_a_proposal_sends_anonymous_visitors_to_sign_in(
    client, contributor, plan, tail, data, section
):
    assert sent_to_sign_in(client.post(participer(plan, tail), data))


@pytest.mark.parametrize("tail", ["", "quitter/"])
def test_the_contributor_pages(request, contributor, plan, tail):
    client = client_of(request, "person_pia")
    assert client.get(participer(plan, tail)).status_code == 200
    assert client.put(participer(plan, tail)).status_code == 405
    assert client_of(request, "group_gael").get(participer(plan, tail)).status_code == 404
    assert sent_to_sign_in(request.getfixturevalue("client").get(participer(plan, tail)))


def test_leaving_works_once_and_only_for_the_contributor(request, contributor, plan):
    assert client_of(request, "holder_hugo").post(participer(plan, "quitter/")).status_code == 404
    assert sent_to_sign_in(request.getfixturevalue("client").post(participer(plan, "quitter/")))
    contributor.refresh_from_db()
    assert contributor.left_at is None
    client = client_of(request, "person_pia")
    answer = client.post(participer(plan, "quitter/"))
    assert answer.status_code == 302 and answer["Location"] == "/participer/plans/"
    contributor.refresh_from_db()
    assert contributor.left_at is not None
    assert client.post(participer(plan, "quitter/")).status_code == 404


def test_the_list_of_plans_one_co_builds(request, contributor, plan):
    mine = client_of(request, "person_pia").get("/participer/plans/")
    assert mine.status_code == 200 and "Cafés des parents" in mine.content.decode()
    other = client_of(request, "carol").get("/participer/plans/")
    assert other.status_code == 200 and "Cafés des parents" not in other.content.decode()
    assert client_of(request, "person_pia").post("/participer/plans/").status_code == 405
    assert sent_to_sign_in(request.getfixturevalue("client").get("/participer/plans/"))
