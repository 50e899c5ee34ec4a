"""A person concerned leaves: signs out, or deletes the account (/comptes/mon-compte/supprimer/)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user, get_user_model

from vivier.accounts import sign_in_codes
from vivier.accounts.models import SignInCode

URL = "/comptes/mon-compte/supprimer/"


@pytest.fixture
def person(client, db):
    """Sam, signed in with a code."""
    made = sign_in_codes.create(label="Sam")
    assert client.post("/comptes/code/", {"code": made.code}).status_code == 302
    return get_user(client)


def test_the_account_page_offers_both_ways_out(client, person):
    page = client.get("/comptes/mon-compte/").content.decode()
    assert 'action="/staff/deconnexion/"' in page and f'href="{URL}"' in page


def test_it_asks_before_deleting(client, person):
    page = client.get(URL)
    assert page.status_code == 200
    assert "on ne peut pas revenir en arrière" in page.content.decode()
    assert get_user_model().objects.filter(pk=person.pk).exists()


def test_it_deletes_the_account_and_its_codes(client, person):
    response = client.post(URL, {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/comptes/compte-supprime/"
    assert not get_user_model().objects.filter(pk=person.pk).exists()
    assert not SignInCode.objects.exists()
    assert not get_user(client).is_authenticated
    assert "Votre compte est supprimé" in client.get(response["Location"]).content.decode()


def test_the_deletion_is_in_the_audit_trail_without_a_dangling_key(client, person):
    from auditlog.models import LogEntry

    pk = person.pk
    client.post(URL, {"confirm": "on"})
    deleted = LogEntry.objects.get(
        content_type__app_label="auth", object_pk=str(pk), action=LogEntry.Action.DELETE
    )
    # The line was written after the account went: it may not point at the missing row.
    assert deleted.actor_id is None
    assert not LogEntry.objects.filter(actor_id=pk).exists()


def test_without_the_box_ticked_nothing_is_deleted(client, person):
    response = client.post(URL, {})
    assert response.status_code == 400
    assert "Cochez la case pour confirmer." in response.content.decode()
    assert get_user_model().objects.filter(pk=person.pk).exists()
    assert get_user(client) == person


def test_staff_accounts_are_closed_by_an_administrator(client, bob, alice):
    for staff in (bob, alice):
        client.force_login(staff)
        refused = client.post(URL, {"confirm": "on"})
        assert refused.status_code == 403
        assert "demandez-le à un administrateur" in refused.content.decode()
        assert get_user_model().objects.filter(pk=staff.pk).exists()


def test_a_person_who_also_holds_another_role_is_not_deleted(client, person):
    from django.contrib.auth.models import Group

    person.groups.add(Group.objects.get(name="porteur_de_projet"))
    assert client.post(URL, {"confirm": "on"}).status_code == 403
    assert get_user_model().objects.filter(pk=person.pk).exists()


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    for response in (client.get(URL), client.post(URL, {"confirm": "on"})):
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/connexion/?next=")


def test_it_rejects_other_methods(client, person):
    assert client.put(URL).status_code == 405
    assert client.post("/comptes/mon-compte/").status_code == 405
    assert get_user_model().objects.filter(pk=person.pk).exists()
