"""Naming a sheet's holder (/staff/pratiques/<slug>/porteur/): the working group's action."""

from __future__ import annotations

import pytest

from tests.conftest import PERSONAS
from vivier.practices import registry
from vivier.practices.models import Practice
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db

OTHERS = [name for role, name in PERSONAS.items() if role != "groupe_de_travail"]


@pytest.fixture
def practice(db):
    return registry.save_sheet(Sheet(title="Cafés des parents"))


def url(practice: Practice) -> str:
    return f"/staff/pratiques/{practice.slug}/porteur/"


def holder_of(practice: Practice):
    return Practice.objects.get(pk=practice.pk).holder


def test_the_working_group_names_a_holder(group_gael_client, practice, holder_hugo):
    answer = group_gael_client.post(url(practice), {"username": " holder_hugo "}, follow=True)
    assert answer.redirect_chain == [(f"/staff/pratiques/{practice.slug}/", 302)]
    assert holder_of(practice) == holder_hugo
    assert "holder_hugo porte désormais cette fiche." in answer.content.decode()


def test_it_rejects_the_wrong_method(group_gael_client, practice):
    assert group_gael_client.get(url(practice)).status_code == 405


@pytest.mark.parametrize("persona", OTHERS)
def test_it_requires_the_role(request, persona, practice, holder_hugo):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.post(url(practice), {"username": "holder_hugo"}).status_code == 403
    assert holder_of(practice) is None


def test_it_sends_anonymous_visitors_to_sign_in(client, practice, holder_hugo):
    answer = client.post(url(practice), {"username": "holder_hugo"})
    assert answer.status_code == 302 and answer["Location"].startswith("/staff/connexion/")
    assert holder_of(practice) is None


def test_an_unknown_account_is_said_and_the_identifier_typed_comes_back(
    group_gael_client, practice
):
    answer = group_gael_client.post(url(practice), {"username": "hugo_holder"})
    assert answer.status_code == 400
    html = answer.content.decode()
    message = "Aucun compte ne porte l’identifiant « hugo_holder »."
    assert f'<a href="#holder-username">Identifiant du compte du porteur : {message}</a>' in html
    assert 'name="username" value="hugo_holder"' in html
    assert holder_of(practice) is None


def test_an_identifier_of_control_characters_only_is_empty(group_gael_client, practice):
    answer = group_gael_client.post(url(practice), {"username": "\x01\x02"})
    assert answer.status_code == 400
    assert "Indiquez l’identifiant du compte du porteur." in answer.content.decode()
