"""The staff's list of invitations (/comptes/invitations/) and revoking one (POST)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.accounts.ways_in_support import PASSWORD, make_admin
from vivier.accounts import invitations
from vivier.accounts.models import Invitation
from vivier.accounts.roles import ENQUETEUR

LIST = "/comptes/invitations/"


@pytest.fixture
def admin(db):
    return make_admin()


@pytest.fixture
def four(admin):
    """One invitation in each state: pending, used, expired, revoked."""
    role = Group.objects.filter(name=ENQUETEUR)
    made = {
        name: invitations.invite(f"{name}@example.org", last_name=name, roles=role, by=admin)
        for name in ("pending", "used", "expired", "revoked")
    }
    invitations.accept(made["used"].invitation, PASSWORD)
    now = timezone.now()
    Invitation.objects.filter(pk=made["expired"].invitation.pk).update(
        created_at=now - timedelta(days=9), expires_at=now - timedelta(days=2)
    )
    invitations.revoke(made["revoked"].invitation, by=admin)
    return {name: new.invitation for name, new in made.items()}


def _revoke_url(invitation: Invitation) -> str:
    return f"/comptes/invitations/{invitation.pk}/revoquer/"


def test_it_lists_each_state(client, admin, four):
    client.force_login(admin)
    page = client.get(LIST).content.decode()
    for name, label in [
        ("pending", "En attente"),
        ("used", "Acceptée"),
        ("expired", "Expirée"),
        ("revoked", "Révoquée"),
    ]:
        row = page.split(f"{name}@example.org", 1)[1].split("</tr>", 1)[0]
        assert label in row, name
        # Only a pending invitation can be revoked.
        assert (_revoke_url(four[name]) in row) == (name == "pending")
    assert "Enquêteur" in page


def test_it_revokes_a_pending_invitation(client, admin, four):
    client.force_login(admin)
    response = client.post(_revoke_url(four["pending"]), follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert "L’invitation de pending@example.org est révoquée" in response.content.decode()
    four["pending"].refresh_from_db()
    assert four["pending"].state == Invitation.State.REVOKED
    assert four["pending"].revoked_by == admin


def test_a_used_invitation_stays_used(client, admin, four):
    client.force_login(admin)
    response = client.post(_revoke_url(four["used"]), follow=True)
    assert "n’est plus en attente (acceptée)" in response.content.decode()
    four["used"].refresh_from_db()
    assert four["used"].state == Invitation.State.USED and four["used"].revoked_at is None


def test_an_unknown_invitation_is_not_found(client, admin):
    client.force_login(admin)
    assert client.post("/comptes/invitations/999/revoquer/").status_code == 404


def test_revoking_rejects_get(client, admin, four):
    client.force_login(admin)
    assert client.get(_revoke_url(four["pending"])).status_code == 405
    assert client.post(LIST).status_code == 405
    four["pending"].refresh_from_db()
    assert four["pending"].state == Invitation.State.PENDING


def test_it_requires_the_right_to_add_people(client, four, bob, carol):
    for person in (bob, carol):
        client.force_login(person)
        assert client.get(LIST).status_code == 403
        assert client.post(_revoke_url(four["pending"])).status_code == 403
    four["pending"].refresh_from_db()
    assert four["pending"].state == Invitation.State.PENDING


def test_it_sends_anonymous_visitors_to_sign_in(client, four):
    for response in (client.get(LIST), client.post(_revoke_url(four["pending"]))):
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/connexion/?next=")
