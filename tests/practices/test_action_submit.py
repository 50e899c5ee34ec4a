"""A holder submits their sheet to the working group (/mes-pratiques/<slug>/soumettre/).

The holder of the sheet may, and the working group; for anyone else the sheet answers as if
it did not exist (404), as the holder's pages do.
"""

from __future__ import annotations

import pytest

from tests.conftest import PERSONAS
from vivier.practices import registry
from vivier.practices.models import Practice
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db

OTHERS = [
    name
    for role, name in PERSONAS.items()
    if role not in ("porteur_de_projet", "groupe_de_travail")
]


@pytest.fixture
def held(holder_hugo):
    practice = registry.save_sheet(Sheet(title="Cafés des parents"))
    practice.holder = holder_hugo
    practice.save(update_fields=["holder"])
    return practice


def url(practice: Practice) -> str:
    return f"/mes-pratiques/{practice.slug}/soumettre/"


def state_of(practice: Practice) -> str:
    return Practice.objects.get(pk=practice.pk).state


@pytest.mark.parametrize("persona", ["holder_hugo", "group_gael"])
def test_the_holder_or_the_working_group_submits_the_sheet(request, persona, held):
    client = request.getfixturevalue(f"{persona}_client")
    answer = client.post(url(held), follow=True)
    assert answer.redirect_chain == [("/mes-pratiques/", 302)]
    assert "La fiche est soumise au groupe de travail." in answer.content.decode()
    assert state_of(held) == "submitted"
    assert held.versions.get(number=2).note == "soumise par le porteur"


def test_it_rejects_the_wrong_method(holder_hugo_client, held):
    assert holder_hugo_client.get(url(held)).status_code == 405


@pytest.mark.parametrize("persona", OTHERS)
def test_someone_else_s_sheet_is_not_found(request, persona, held):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.post(url(held)).status_code == 404
    assert state_of(held) == "draft"


def test_it_sends_anonymous_visitors_to_sign_in(client, held):
    answer = client.post(url(held))
    assert answer.status_code == 302 and answer["Location"].startswith("/staff/connexion/")
    assert state_of(held) == "draft"


def test_a_sheet_already_submitted_is_said_and_left_as_it_is(holder_hugo_client, held):
    # Nothing is typed here: the refusal is the workflow's, said on the holder's list.
    registry.move(held, "submitted")
    answer = holder_hugo_client.post(url(held), follow=True)
    assert "Seule une fiche en brouillon peut être soumise." in answer.content.decode()
    assert state_of(held) == "submitted" and held.versions.count() == 2
