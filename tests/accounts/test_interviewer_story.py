"""The issue's "done means", end to end: an administrator invites a new staff member as
enquêteur; once in, they enter an interview (assisted entry) and open nothing else; each
step leaves its audit line."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from tests.accounts.test_role_access import ROWS, world  # noqa: F401 (the fixture)
from tests.accounts.ways_in_support import PASSWORD, link_in_last_mail
from vivier.accounts.roles import ENQUETEUR

pytestmark = pytest.mark.django_db


def test_an_invited_interviewer_enters_interviews_and_nothing_else(world):  # noqa: F811
    admin = Client()
    admin.force_login(world.people["administrateur"])
    role = Group.objects.get(name=ENQUETEUR).pk
    invited = admin.post(
        "/comptes/invitations/nouvelle/",
        {"email": "ines.b@example.org", "first_name": "Inès", "last_name": "B", "roles": [role]},
    )
    assert invited.status_code == 302

    newcomer = Client()
    link = link_in_last_mail()
    assert newcomer.post(link, {"password1": PASSWORD, "password2": PASSWORD}).status_code == 302

    # Assisted entry works: a draft entered by them.
    entry = newcomer.post(reverse("staff:start_entry", args=[world.slug]), {"mode": "assisted"})
    assert entry.status_code == 302
    from vivier.campaigns.models import Response

    entered = Response.objects.get(entered_by__username="ines.b@example.org")
    assert entered.mode == Response.Mode.ASSISTED

    # They open what they entered, not what another enquêteur entered.
    own = reverse("staff:response", args=[world.slug, entered.key])
    assert newcomer.get(own).status_code == 200
    # Every action of the table that is not the enquêteur's answers 403 (or 404 for
    # another's sheet), the enquêteur's own open.
    for row in ROWS:
        if row.any_account:
            continue
        answer = getattr(newcomer, row.method)(row.url(world), row.data)
        theirs = ENQUETEUR in row.allowed and row.name != "entered response"
        expected = row.ok if theirs else (403 if row.name == "entered response" else row.denied)
        assert answer.status_code == expected, f"{row.name}: {answer.status_code}"

    events = set(LogEntry.objects.values_list("additional_data__event", flat=True))
    assert {"invitation.create", "account.create", "auth.login", "responses.entry"} <= events
