"""Moving a sheet along its workflow (/staff/pratiques/<slug>/etat/): validating, publishing,
unpublishing are the working group's."""

from __future__ import annotations

import pytest

from tests.conftest import PERSONAS
from vivier.practices import registry
from vivier.practices.models import Practice
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db

OTHERS = [name for role, name in PERSONAS.items() if role != "groupe_de_travail"]
REFUSED = "Ce changement d’état n’est pas possible depuis l’état actuel."


@pytest.fixture
def practice(db):
    return registry.save_sheet(Sheet(title="Cafés des parents"))


def url(practice: Practice) -> str:
    return f"/staff/pratiques/{practice.slug}/etat/"


def state_of(practice: Practice) -> str:
    return Practice.objects.get(pk=practice.pk).state


def test_the_working_group_takes_a_sheet_to_publication(group_gael_client, practice):
    for state in ("submitted", "validated", "published"):
        answer = group_gael_client.post(url(practice), {"state": state})
        assert answer.status_code == 302
        assert answer["Location"] == f"/staff/pratiques/{practice.slug}/"
        assert state_of(practice) == state
    assert practice.versions.count() == 4


def test_it_rejects_the_wrong_method(group_gael_client, practice):
    assert group_gael_client.get(url(practice)).status_code == 405


@pytest.mark.parametrize("persona", OTHERS)
def test_it_requires_the_role(request, persona, practice):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.post(url(practice), {"state": "submitted"}).status_code == 403
    assert state_of(practice) == "draft"


def test_it_sends_anonymous_visitors_to_sign_in(client, practice):
    answer = client.post(url(practice), {"state": "submitted"})
    assert answer.status_code == 302 and answer["Location"].startswith("/staff/connexion/")
    assert state_of(practice) == "draft"


@pytest.mark.parametrize("state", ["published", "archived", ""])
def test_a_move_the_workflow_does_not_allow_is_said_on_the_sheet_s_page(
    group_gael_client, practice, state
):
    answer = group_gael_client.post(url(practice), {"state": state})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert 'id="error-summary"' in html and REFUSED in html
    # The page is the sheet's, its buttons still there to choose a possible move.
    assert 'name="state" value="submitted"' in html
    assert state_of(practice) == "draft"
    assert practice.versions.count() == 1
