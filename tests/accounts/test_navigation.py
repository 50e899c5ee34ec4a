"""The header shows each role its own entries, and signing in lands on the first of them."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.conftest import PERSONAS, make_persona

pytestmark = pytest.mark.django_db

HEADER = re.compile(r'<div class="fr-header__tools-links">(.*?)</ul>', re.S)
LINK = re.compile(r'<a class="fr-btn [^"]*" href="([^"]+)"')

#: Role → the header's links, in order (the public catalogue comes first for everyone).
EXPECTED = {
    "administrateur": [
        "/comptes/personnes/",
        "/comptes/invitations/",
        "/comptes/codes/",
        "/staff/journal/",
    ],
    "analyste": ["/staff/", "/staff/questionnaires/", "/staff/pratiques/", "/evaluation/"],
    "donnees_personnelles": ["/staff/", "/staff/donnees-personnelles/"],
    "enqueteur": ["/staff/"],
    "groupe_de_travail": ["/staff/pratiques/", "/evaluation/"],
    "porteur_de_projet": ["/mes-pratiques/", "/evaluation/"],
    "membre_de_comite": [],
    "personne_concernee": [],
    "evaluateur": ["/staff/pratiques/", "/evaluation/"],
}


def header_links(client: Client) -> list[str]:
    html = client.get("/").content.decode()
    found = HEADER.search(html)
    assert found, "the header's tools"
    return [href for href in LINK.findall(found.group(1)) if href != "/pratiques/"]


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_its_own_entries(role):
    client = Client()
    client.force_login(make_persona(PERSONAS[role], role))
    assert header_links(client) == EXPECTED[role]


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_signing_in_lands_on_the_first_entry(role):
    client = Client()
    client.force_login(make_persona(PERSONAS[role], role))
    landing = client.get("/connecte/")
    assert landing.status_code == 302
    assert landing["Location"] == (EXPECTED[role] or ["/mes-pratiques/"])[0]


def test_someone_holding_several_roles_sees_the_entries_of_each():
    client = Client()
    client.force_login(make_persona("multi_max", "analyste", "groupe_de_travail"))
    assert header_links(client) == [
        "/staff/",
        "/staff/questionnaires/",
        "/staff/pratiques/",
        "/evaluation/",
    ]


def test_a_sheet_s_holder_without_the_role_sees_my_practices(carol):
    from vivier.practices import registry
    from vivier.sheets.schema import Sheet

    client = Client()
    client.force_login(carol)
    assert header_links(client) == []
    sheet = registry.save_sheet(Sheet(title="Cafés des parents"))
    sheet.holder = carol
    sheet.save(update_fields=["holder"])
    # A holder may open the evaluation of the sheets they hold.
    assert header_links(client) == ["/mes-pratiques/", "/evaluation/"]


def test_a_superuser_sees_every_entry(alice_client):
    links = header_links(alice_client)
    assert links[:4] == [
        "/staff/",
        "/staff/questionnaires/",
        "/staff/pratiques/",
        "/staff/donnees-personnelles/",
    ]


def test_the_anonymous_visitor_sees_no_staff_entry_and_no_sign_out(client):
    html = client.get("/").content.decode()
    assert header_links(client) == []
    assert "Se déconnecter" not in html
