"""Choosing what the public sheet shows of the plan (/evaluation/<slug>/publication/): the
holder of the sheet and the working group (``evaluation.change_plan``)."""

from __future__ import annotations

import pytest

from tests.conftest import PERSONAS, make_persona, signed_in
from tests.evaluation.test_public import evaluated
from tests.practices.test_catalogue import publish
from vivier.evaluation.models import Plan
from vivier.practices.models import Practice
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db

#: Every persona but the working group: none holds the sheet, so none may change the plan.
OTHERS = [name for role, name in PERSONAS.items() if role != "groupe_de_travail"]
ALL_ON = {
    "publish_indicators": "on",
    "publish_participation": "on",
    "publish_opinions": "on",
    "publish_stories": "on",
}


@pytest.fixture
def holder(db):
    return make_persona("holder_hector", "porteur_de_projet")


@pytest.fixture
def plan(holder):
    practice = publish(Sheet(title="Cafés des parents"))
    Practice.objects.filter(pk=practice.pk).update(holder=holder)
    practice.refresh_from_db()
    return evaluated(practice, publish_all=False)


def url(plan: Plan) -> str:
    return f"/evaluation/{plan.practice.slug}/publication/"


def switches(plan: Plan) -> tuple[bool, ...]:
    found = Plan.objects.get(pk=plan.pk)
    return (
        found.publish_indicators,
        found.publish_participation,
        found.publish_opinions,
        found.publish_stories,
    )


def test_the_holder_sees_each_switch_explained(holder, plan):
    answer = signed_in(holder).get(url(plan))
    assert answer.status_code == 200
    html = answer.content.decode()
    for words in (
        "Publier les indicateurs",
        "Seules les valeurs approuvées sont montrées",
        "Publier la matrice de participation",
        "Publier les avis du comité",
        "Publier les récits de changement",
        "La fiche est publiée : vos choix s’y voient aussitôt.",
        "6 valeurs d’indicateurs approuvées",
        "1 récit dont le conteur accepte la publication",
    ):
        assert words in html, words


def test_the_holder_publishes_and_the_public_sheet_shows_it(client, holder, plan):
    answer = signed_in(holder).post(url(plan), ALL_ON, follow=True)
    assert answer.redirect_chain == [(url(plan), 302)]
    assert "Vos choix sont enregistrés." in answer.content.decode()
    assert switches(plan) == (True, True, True, True)
    sheet = client.get(f"/pratiques/{plan.practice.slug}/").content.decode()
    assert "participation-matrix" in sheet and "Je parle au juge moi-même." in sheet


def test_an_unticked_box_keeps_that_part_private(holder, plan):
    Plan.objects.filter(pk=plan.pk).update(publish_indicators=True, publish_stories=True)
    signed_in(holder).post(url(plan), {"publish_participation": "on"})
    assert switches(plan) == (False, True, False, False)


def test_the_change_is_in_the_audit_trail(holder, plan):
    from auditlog.models import LogEntry

    signed_in(holder).post(url(plan), {"publish_opinions": "on"})
    entry = LogEntry.objects.get_for_object(Plan.objects.get(pk=plan.pk)).latest("timestamp")
    assert entry.actor == holder
    assert "publish_opinions" in entry.changes_dict


def test_the_working_group_may_choose_too(group_gael_client, plan):
    group_gael_client.post(url(plan), {"publish_indicators": "on"})
    assert switches(plan) == (True, False, False, False)


def test_it_rejects_the_wrong_method(holder, plan):
    client = signed_in(holder)
    assert client.put(url(plan)).status_code == 405
    assert client.delete(url(plan)).status_code == 405


@pytest.mark.parametrize("persona", OTHERS)
def test_it_requires_the_right_on_the_plan(request, persona, plan):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.get(url(plan)).status_code == 404
    assert client.post(url(plan), ALL_ON).status_code == 404
    assert switches(plan) == (False, False, False, False)


def test_the_holder_of_another_sheet_may_not(plan):
    other = make_persona("holder_other", "porteur_de_projet")
    assert signed_in(other).post(url(plan), ALL_ON).status_code == 404
    assert switches(plan) == (False, False, False, False)


def test_it_sends_anonymous_visitors_to_sign_in(client, plan):
    answer = client.post(url(plan), ALL_ON)
    assert answer.status_code == 302 and "connexion" in answer["Location"]
    assert switches(plan) == (False, False, False, False)


def test_a_sheet_without_a_plan_is_a_404(group_gael_client):
    practice = publish(Sheet(title="Sans plan"))
    assert group_gael_client.get(f"/evaluation/{practice.slug}/publication/").status_code == 404
