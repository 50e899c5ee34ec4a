"""Changes of accounts, roles and their members: one line each, secrets and names masked."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.http import HttpResponse
from django.test import RequestFactory

from vivier.audit.middleware import AuditMiddleware
from vivier.audit.trail import MASK

from .conftest import ADDRESS, assert_line, written

pytestmark = pytest.mark.django_db


def as_request_of(user, action):
    """Runs ``action`` as a request of ``user`` from ``ADDRESS`` would (through the trail's
    middleware): the roles pages are another part's work; the trail must not depend on them."""
    request = RequestFactory().post("/staff/personnes/", REMOTE_ADDR=ADDRESS)
    request.user = user

    def view(_request):
        action()
        return HttpResponse()

    AuditMiddleware(view)(request)


@pytest.fixture
def role(db):
    return Group.objects.create(name="groupe-essai")


def test_giving_a_role_leaves_one_line(alice, bob, role):
    alice.email = "alice@exemple.fr"
    alice.save()
    with written() as new:
        as_request_of(alice, lambda: bob.groups.add(role))
    line = new.one()
    assert_line(line, "account.roles", "alice", bob, ADDRESS)
    assert line.changes == {
        "groups": {"type": "m2m", "operation": "add", "objects": ["groupe-essai"]}
    }


def test_taking_a_role_away_leaves_one_line(alice, bob, role):
    bob.groups.add(role)
    with written() as new:
        as_request_of(alice, lambda: bob.groups.remove(role))
    line = new.one()
    assert_line(line, "account.roles", "alice", bob, ADDRESS)
    assert line.changes["groups"]["operation"] == "delete"


def test_adding_a_member_from_the_role_side_is_a_role_change(alice, bob, role):
    with written() as new:
        as_request_of(alice, lambda: role.user_set.add(bob))
    assert_line(new.one(), "account.roles", "alice", role, ADDRESS)


def test_a_role_given_a_permission_leaves_one_line(alice, role):
    permission = Permission.objects.get(codename="view_logentry")
    with written() as new:
        as_request_of(alice, lambda: role.permissions.add(permission))
    assert_line(new.one(), "role.update", "alice", role, ADDRESS)


def test_making_someone_superuser_is_a_change_of_rights(alice, bob):
    def promote():
        bob.is_superuser = True
        bob.save()

    with written() as new:
        as_request_of(alice, promote)
    line = new.one()
    assert_line(line, "account.roles", "alice", bob, ADDRESS)
    assert line.changes == {"is_superuser": ["False", "True"]}


def test_a_password_change_is_logged_without_the_password_or_its_hash(alice, bob):
    def change():
        bob.set_password("a-new-long-password")
        bob.save()

    with written() as new:
        as_request_of(alice, change)
    line = new.one()
    assert_line(line, "account.update", "alice", bob, ADDRESS)
    assert line.changes == {"password": [MASK, MASK]}
    bob.refresh_from_db()
    assert bob.password.split("$")[-1] not in str(LogEntry.objects.values_list())


def test_names_and_addresses_of_an_account_stay_out_of_the_trail(django_user_model):
    with written() as new:
        person = django_user_model.objects.create_user(
            "personne-abc", first_name="Zélie", email="zelie@exemple.fr"
        )
    line = new.one()
    assert_line(line, "account.create", None, person, None)
    assert line.changes["first_name"] == [MASK, MASK]
    assert line.changes["email"] == [MASK, MASK]
    text = str(LogEntry.objects.values_list())
    assert "Zélie" not in text and "zelie@" not in text
    with written() as new:
        person.delete()
    assert new.one().additional_data["event"] == "account.delete"
    assert "Zélie" not in str(LogEntry.objects.values_list())


def test_a_sign_in_does_not_log_a_change_of_the_last_login(client, alice):
    with written() as new:
        client.force_login(alice)
    assert [line.additional_data["event"] for line in new.lines] == ["auth.login"]


def test_outside_a_request_the_line_names_the_command_line(bob, role):
    with written() as new:
        bob.groups.add(role)
    line = new.one()
    assert line.actor is None and line.remote_addr is None
    assert line.additional_data["actor_name"].startswith("cli")


def test_the_journal_names_roles_in_words_in_each_language(alice, bob):
    """Groups are stored under the role's code; the journal shows the role's name."""
    from django.conf import settings
    from django.test import Client
    from django.utils import translation

    from vivier.accounts.roles import GROUPE_DE_TRAVAIL, label

    working_group = Group.objects.get(name=GROUPE_DE_TRAVAIL)
    as_request_of(alice, lambda: bob.groups.remove(working_group))
    as_request_of(alice, lambda: working_group.save())
    client = Client()
    client.force_login(alice)
    french = client.get("/staff/journal/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/staff/journal/").content.decode()
    for page in (french, english):
        table = page.split("<table", 1)[1]
        assert GROUPE_DE_TRAVAIL not in table
    with translation.override("fr"):
        assert str(label(GROUPE_DE_TRAVAIL)) in french.split("<table", 1)[1]
    with translation.override("en"):
        assert str(label(GROUPE_DE_TRAVAIL)) in english.split("<table", 1)[1]
