"""Staff invite a person by e-mail: /comptes/invitations/nouvelle/."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from tests.accounts.ways_in_support import link_in_last_mail, make_admin
from vivier.accounts.invitations import token_hash
from vivier.accounts.models import Invitation
from vivier.accounts.roles import ANALYSTE, ENQUETEUR

URL = "/comptes/invitations/nouvelle/"


@pytest.fixture
def admin(db):
    return make_admin()


def _form(**changes):
    roles = [Group.objects.get(name=ENQUETEUR).pk]
    return {
        "email": "Dana@Example.org",
        "first_name": "Dana",
        "last_name": "Lune",
        "roles": roles,
    } | changes


def test_it_shows_the_form_with_the_roles(client, admin):
    client.force_login(admin)
    page = client.get(URL).content.decode()
    assert 'name="email"' in page and 'name="last_name"' in page
    assert "Enquêteur" in page and "Analyste" in page  # the roles' labels, not their slugs


def test_it_invites_and_sends_the_link(client, admin):
    client.force_login(admin)
    response = client.post(URL, _form())
    assert response.status_code == 302 and response["Location"] == "/comptes/invitations/"
    invitation = Invitation.objects.get()
    assert invitation.email == "dana@example.org"
    assert [g.name for g in invitation.roles.all()] == [ENQUETEUR]
    assert invitation.created_by == admin
    assert invitation.state == Invitation.State.PENDING
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["dana@example.org"]
    message = mail.outbox[0].body
    assert "Enquêteur" in message and "ne marche qu’une fois" in message
    # Only the hash of the link's secret is stored.
    token = link_in_last_mail().rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash == token_hash(token) and token not in invitation.token_hash


def test_inviting_again_replaces_the_pending_link(client, admin):
    client.force_login(admin)
    client.post(URL, _form())
    first = link_in_last_mail()
    client.post(URL, _form(roles=[Group.objects.get(name=ANALYSTE).pk]))
    states = sorted(i.state for i in Invitation.objects.all())
    assert states == [Invitation.State.PENDING, Invitation.State.REVOKED]
    assert client.get(first).status_code == 410


def test_a_bad_address_keeps_what_was_typed(client, admin):
    client.force_login(admin)
    response = client.post(URL, _form(email="dana.example.org", last_name="Lune-Étoile"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Adresse électronique : Saisissez une adresse de courriel valide." in page
    assert 'value="Lune-Étoile"' in page and 'value="dana.example.org"' in page
    assert not Invitation.objects.exists() and not mail.outbox


def test_it_requires_a_role(client, admin):
    client.force_login(admin)
    response = client.post(URL, _form(roles=[]))
    assert response.status_code == 400
    assert "Cochez au moins un rôle." in response.content.decode()


def test_an_address_with_an_account_is_refused(client, admin, django_user_model):
    django_user_model.objects.create_user("dana", email="dana@example.org")
    client.force_login(admin)
    response = client.post(URL, _form())
    assert response.status_code == 400
    assert "Un compte existe déjà pour cette adresse" in response.content.decode()
    assert not Invitation.objects.exists()


def test_nothing_is_kept_when_the_mail_cannot_leave(client, admin, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("vivier.accounts.invitations.send_mail", refuse)
    client.force_login(admin)
    response = client.post(URL, _form())
    assert response.status_code == 400
    assert "Le message n’a pas pu être envoyé" in response.content.decode()
    assert not Invitation.objects.exists()


def test_it_requires_the_right_to_add_people(client, bob, carol):
    for person in (bob, carol):
        client.force_login(person)
        assert client.get(URL).status_code == 403
        assert client.post(URL, _form()).status_code == 403
    assert not Invitation.objects.exists()


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/staff/connexion/")


def test_it_rejects_other_methods(client, admin):
    client.force_login(admin)
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


def test_the_invitation_is_in_the_audit_trail_without_its_secret(client, admin):
    from auditlog.models import LogEntry

    client.force_login(admin)
    client.post(URL, _form())
    invitation = Invitation.objects.get()
    line = LogEntry.objects.get_for_object(invitation).get(action=LogEntry.Action.CREATE)
    assert line.actor == admin and "expires_at" in line.changes
    assert invitation.token_hash not in str(line.changes)


def test_the_link_lasts_the_configured_number_of_days(client, admin, settings):
    settings.VIVIER_INVITATION_DAYS = 2
    client.force_login(admin)
    client.post(URL, _form())
    invitation = Invitation.objects.get()
    assert invitation.expires_at - invitation.created_at == timedelta(days=2)


def test_the_mail_is_in_the_sites_language_whatever_the_inviters(client, admin):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(admin)
    assert "Invite a person" in client.get(URL).content.decode()
    client.post(URL, _form())
    assert mail.outbox[0].subject == "Invitation à rejoindre Vivier"
    assert "Vous êtes invité·e à rejoindre Vivier." in mail.outbox[0].body


def test_roles_that_do_not_exist_are_refused(client, admin):
    client.force_login(admin)
    for garbage in (["99999999999999999999999"], ["-1"], ["abc"], ["4242"]):
        response = client.post(URL, _form(roles=garbage))
        assert response.status_code == 400, garbage
        assert "Rôles : Sélectionnez un choix valide." in response.content.decode()
    assert not Invitation.objects.exists()
