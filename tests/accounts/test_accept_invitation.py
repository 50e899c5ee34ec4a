"""The invited person opens the link, sets a password and lands signed in: /comptes/invitation/."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.accounts.ways_in_support import PASSWORD, link_in_last_mail, make_admin
from vivier.accounts import invitations
from vivier.accounts.models import Invitation
from vivier.accounts.roles import DONNEES_PERSONNELLES, ENQUETEUR


@pytest.fixture
def admin(db):
    return make_admin()


def _invite(client, admin, *roles: str) -> str:
    """Invites dana@example.org through the staff page; the link the mail carries."""
    client.force_login(admin)
    groups = [Group.objects.get(name=name).pk for name in roles]
    form = {"email": "dana@example.org", "first_name": "Dana", "last_name": "Lune", "roles": groups}
    assert client.post("/comptes/invitations/nouvelle/", form).status_code == 302
    client.logout()
    return link_in_last_mail()


def _set_password(client, link: str, password: str = PASSWORD, again: str | None = None):
    return client.post(link, {"password1": password, "password2": again or password})


def test_the_whole_way_from_invitation_to_signed_in(client, admin):
    link = _invite(client, admin, ENQUETEUR, DONNEES_PERSONNELLES)
    page = client.get(link)
    assert page.status_code == 200
    assert "dana@example.org" in page.content.decode()
    response = _set_password(client, link)
    assert response.status_code == 302 and response["Location"] == "/connecte/"
    user = get_user_model().objects.get(username="dana@example.org")
    assert (user.email, user.first_name, user.last_name) == ("dana@example.org", "Dana", "Lune")
    assert user.check_password(PASSWORD)
    assert sorted(user.groups.values_list("name", flat=True)) == [DONNEES_PERSONNELLES, ENQUETEUR]
    assert not user.is_staff and not user.is_superuser
    # Signed in, with the rights of those roles and no other.
    assert int(client.session["_auth_user_id"]) == user.pk
    assert user.has_perm("campaigns.add_response") and not user.has_perm("auth.add_user")
    invitation = Invitation.objects.get()
    assert invitation.state == Invitation.State.USED and invitation.account == user


def test_a_used_link_is_refused(client, admin):
    link = _invite(client, admin, ENQUETEUR)
    _set_password(client, link)
    client.logout()
    again = client.get(link)
    assert again.status_code == 410
    assert "Ce lien a déjà servi" in again.content.decode()
    assert _set_password(client, link, "Un-autre-mot-de-passe-77").status_code == 410
    assert get_user_model().objects.get(username="dana@example.org").check_password(PASSWORD)


def test_an_expired_link_is_refused(client, admin):
    link = _invite(client, admin, ENQUETEUR)
    now = timezone.now()
    Invitation.objects.update(
        created_at=now - timedelta(days=8), expires_at=now - timedelta(days=1)
    )
    response = _set_password(client, link)
    assert response.status_code == 410
    assert "Ce lien a expiré." in response.content.decode()
    assert not get_user_model().objects.filter(username="dana@example.org").exists()


def test_a_revoked_link_is_refused(client, admin):
    link = _invite(client, admin, ENQUETEUR)
    invitations.revoke(Invitation.objects.get(), by=admin)
    response = client.get(link)
    assert response.status_code == 410
    assert "Cette invitation a été annulée." in response.content.decode()
    assert _set_password(client, link).status_code == 410
    assert not get_user_model().objects.filter(username="dana@example.org").exists()


def test_an_unknown_or_cut_link_is_not_found(client, admin):
    link = _invite(client, admin, ENQUETEUR)
    response = client.get(link[:-6] + "/")
    assert response.status_code == 404
    assert "Ce lien est inconnu" in response.content.decode()


def test_django_password_validators_apply(client, admin):
    link = _invite(client, admin, ENQUETEUR)
    response = _set_password(client, link, "court")
    assert response.status_code == 400
    assert "Ce mot de passe est trop court" in response.content.decode()
    response = _set_password(client, link, "dana@example.org-Lune")
    assert "trop semblable" in response.content.decode()
    response = _set_password(client, link, PASSWORD, again=PASSWORD + "x")
    assert response.status_code == 400
    assert "Les deux mots de passe ne correspondent pas" in response.content.decode()
    assert Invitation.objects.get().state == Invitation.State.PENDING
    assert not get_user_model().objects.filter(username="dana@example.org").exists()


def test_an_account_made_meanwhile_for_the_address_stops_the_invitation(client, admin):
    link = _invite(client, admin, ENQUETEUR)
    get_user_model().objects.create_user("dana@example.org", password="x-autre-x-autre")
    response = _set_password(client, link)
    assert response.status_code == 409
    assert "_auth_user_id" not in client.session
    assert Invitation.objects.get().state == Invitation.State.PENDING


def test_it_rejects_other_methods(client, admin):
    link = _invite(client, admin, ENQUETEUR)
    assert client.put(link).status_code == 405
    assert client.delete(link).status_code == 405
