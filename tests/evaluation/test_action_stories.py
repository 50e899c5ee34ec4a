"""Every action on stories and outcomes, the healthchecks way: it works for the right person,
it rejects the wrong method, it requires the right (anonymous: sign-in; anyone else: 404,
so that neither a plan nor a story leaks).

Staff pages (/evaluation/<slug>/recits/): reading needs ``evaluation.view_plan`` on the plan
(the working group, the evaluators, the analysts, the sheet's holder), every change
``evaluation.change_plan`` (the working group, the sheet's holder). The teller's pages
(/participer/recits/) open each person's own stories only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.evaluation.test_stories import base, contribute, make_plan, make_story
from vivier.evaluation import stories
from vivier.evaluation.models import Outcome, OutcomeSource, StoryTeller

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Action:
    name: str
    #: The method that works, and one the view refuses.
    method: str
    wrong: str
    url: Callable[[Any], str]
    data: dict[str, str]
    #: What the right person gets: 200 (a page) or 302 (done, sent on).
    done: int = 302


def _setup(holder: Any) -> dict[str, Any]:
    plan = make_plan(holder=holder)
    story = make_story(plan)
    StoryTeller.objects.create(story=story, name="Aïcha", contact="06")
    stories.decide(story, 1, True, "Parlant", None)
    outcome = Outcome.objects.create(
        plan=plan,
        social_actor="La mairie",
        change="Ouvre une salle",
        when="2025",
        where="Bordeaux",
        significance="Forte",
        contribution="Demande",
    )
    source = OutcomeSource.objects.create(outcome=outcome, source="la CAF")
    OutcomeSource.objects.create(outcome=outcome, source="une voisine")
    return {"plan": plan, "story": story, "outcome": outcome, "source": source}


def _story(o: dict[str, Any], tail: str = "") -> str:
    return f"{base(o['plan'])}{o['story'].pk}/{tail}"


def _outcome(o: dict[str, Any], tail: str = "") -> str:
    return f"{base(o['plan'])}effets/{o['outcome'].pk}/{tail}"


STORY = {
    "teller_group": "professionnels",
    "domain": "emploi",
    "what_changed": "Un travail",
    "why_it_matters": "Autonomie",
    "consent": "citer",
}
OUTCOME = {
    "social_actor": "Le département",
    "change": "Finance",
    "when": "2025",
    "where": "Gironde",
    "significance": "Durable",
    "contribution": "Plaidoyer",
    "sources-TOTAL_FORMS": "2",
    "sources-INITIAL_FORMS": "0",
    "sources-0-source": "la CAF",
    "sources-1-source": "le département",
}

READS = [
    Action("list", "get", "post", lambda o: base(o["plan"]), {}, 200),
    Action("detail", "get", "post", _story, {}, 200),
    Action("outcome", "get", "post", _outcome, {}, 200),
]
CHANGES = [
    Action("add", "post", "put", lambda o: f"{base(o['plan'])}nouveau/", STORY),
    Action("edit", "post", "put", lambda o: _story(o, "modifier/"), STORY),
    Action("consent", "post", "get", lambda o: _story(o, "consentement/"), {"consent": "publier"}),
    Action("withdraw", "post", "get", lambda o: _story(o, "retrait/"), {}),
    Action("erase", "post", "get", lambda o: _story(o, "conteur/effacer/"), {"confirm": "on"}),
    Action(
        "select",
        "post",
        "get",
        lambda o: _story(o, "selection/"),
        {"level": "2", "selected": "oui", "reason": "Fort"},
    ),
    Action("feedback", "post", "get", lambda o: _story(o, "retour/1/"), {"l1-feedback": "Dit"}),
    Action("outcome_add", "post", "put", lambda o: f"{base(o['plan'])}effets/nouveau/", OUTCOME),
    Action("source_add", "post", "get", lambda o: _outcome(o, "sources/"), {"new-source": "x"}),
    Action(
        "source_check",
        "post",
        "get",
        lambda o: _outcome(o, f"sources/{o['source'].pk}/"),
        {},
    ),
]
STAFF = READS + CHANGES


def _ids(actions: list[Action]) -> list[str]:
    return [action.name for action in actions]


def _send(client: Any, method: str, url: str, data: dict[str, str]) -> Any:
    if method == "put":
        return client.put(url)
    return getattr(client, method)(url, data)


@pytest.fixture
def objects(holder_hugo) -> dict[str, Any]:
    return _setup(holder_hugo)


@pytest.mark.parametrize("action", STAFF, ids=_ids(STAFF))
@pytest.mark.parametrize("persona", ["group_gael", "holder_hugo"])
def test_the_working_group_and_the_holder_do_it(request, objects, action, persona):
    answer = _send(client_of(request, persona), action.method, action.url(objects), action.data)
    assert answer.status_code == action.done, answer.content.decode()[:2000]


@pytest.mark.parametrize("action", READS, ids=_ids(READS))
@pytest.mark.parametrize("persona", ["evaluator_eva", "analyst_axel"])
def test_readers_of_every_plan_read(request, objects, action, persona):
    answer = _send(client_of(request, persona), action.method, action.url(objects), action.data)
    assert answer.status_code == 200


@pytest.mark.parametrize("action", STAFF, ids=_ids(STAFF))
def test_it_rejects_the_wrong_method(request, objects, action):
    answer = _send(client_of(request, "group_gael"), action.wrong, action.url(objects), {})
    assert answer.status_code == 405


@pytest.mark.parametrize("action", STAFF, ids=_ids(STAFF))
def test_it_sends_anonymous_visitors_to_sign_in(client, objects, action):
    assert sent_to_sign_in(_send(client, action.method, action.url(objects), action.data))


@pytest.mark.parametrize("action", STAFF, ids=_ids(STAFF))
@pytest.mark.parametrize(
    "persona",
    [p for p in others("groupe_de_travail", "evaluateur", "analyste") if p != "holder_hugo"],
)
def test_it_is_not_found_by_anyone_else(request, objects, action, persona):
    answer = _send(client_of(request, persona), action.method, action.url(objects), action.data)
    assert answer.status_code == 404


@pytest.mark.parametrize("action", CHANGES, ids=_ids(CHANGES))
@pytest.mark.parametrize("persona", ["evaluator_eva", "analyst_axel"])
def test_readers_change_nothing(request, objects, action, persona):
    answer = _send(client_of(request, persona), action.method, action.url(objects), action.data)
    assert answer.status_code == 404
    assert StoryTeller.objects.filter(story=objects["story"]).exists()
    assert objects["story"].selections.count() == 1


def test_a_contributor_reads_only_quotable_stories(request, person_pia, objects):
    contribute(objects["plan"], person_pia)
    client = client_of(request, "person_pia")
    assert client.get(_story(objects)).status_code == 200
    assert client.post(_story(objects, "retrait/")).status_code == 404
    stories.withdraw_consent(objects["story"])
    assert client.get(_story(objects)).status_code == 404


# --------------------------------------------------------------------------------------------
# The teller's own pages


HOME = "/participer/recits/"


@pytest.fixture
def teller_story(person_pia):
    plan = make_plan(title="Jardins")
    contribute(plan, person_pia)
    return make_story(plan, teller=person_pia)


TOLD = {
    "domain": "la santé",
    "what_changed": "Je dors",
    "why_it_matters": "Je vais mieux",
    "consent": "aucun",
}

TELLER = [
    Action("list", "get", "post", lambda s: HOME, {}, 200),
    Action("tell", "post", "put", lambda s: f"{HOME}raconter/", TOLD),
    Action("detail", "get", "post", lambda s: f"{HOME}{s.pk}/", {}, 200),
    Action("consent", "post", "get", lambda s: f"{HOME}{s.pk}/accord/", {"consent": "publier"}),
    Action("withdraw", "post", "get", lambda s: f"{HOME}{s.pk}/retrait/", {}),
]


@pytest.mark.parametrize("action", TELLER, ids=_ids(TELLER))
def test_the_teller_does_it(request, teller_story, action):
    data = action.data
    if action.name == "tell":
        data = {**data, "plan": str(teller_story.plan_id)}
    answer = _send(client_of(request, "person_pia"), action.method, action.url(teller_story), data)
    assert answer.status_code == action.done, answer.content.decode()[:2000]


@pytest.mark.parametrize("action", TELLER, ids=_ids(TELLER))
def test_the_teller_s_pages_reject_the_wrong_method(request, teller_story, action):
    answer = _send(client_of(request, "person_pia"), action.wrong, action.url(teller_story), {})
    assert answer.status_code == 405


@pytest.mark.parametrize("action", TELLER, ids=_ids(TELLER))
def test_the_teller_s_pages_send_anonymous_visitors_to_sign_in(client, teller_story, action):
    assert sent_to_sign_in(_send(client, action.method, action.url(teller_story), action.data))


OWN = [action for action in TELLER if action.name in ("detail", "consent", "withdraw")]


@pytest.mark.parametrize("action", OWN, ids=_ids(OWN))
@pytest.mark.parametrize("persona", ["group_gael", "committee_cleo", "carol"])
def test_another_person_s_story_is_not_found(request, teller_story, action, persona):
    answer = _send(client_of(request, persona), action.method, action.url(teller_story), {})
    assert answer.status_code == 404
    teller_story.refresh_from_db()
    assert teller_story.consent_withdrawn_at is None and not teller_story.consent_publish


def test_telling_needs_a_plan_one_contributes_to(request, teller_story):
    client = client_of(request, "committee_cleo")
    data = {**TOLD, "plan": str(teller_story.plan_id)}
    answer = client.post(f"{HOME}raconter/", data)
    assert answer.status_code == 302 and answer["Location"] == HOME
    assert teller_story.plan.stories.count() == 1
