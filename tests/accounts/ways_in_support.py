"""People and helpers for the tests of invitations and sign-in codes.

- ``admin``: an administrateur (invites people; makes sign-in codes);
- ``professional``: holds only the right to make sign-in codes;
- ``bob`` (tests/conftest.py): staff without either right; ``carol``: an account without role.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail

from vivier.accounts.roles import ADMINISTRATEUR, PERSONNE_CONCERNEE

PASSWORD = "Un-mot-de-passe-solide-42"


def make_admin() -> Any:
    user = get_user_model().objects.create_user("admin", password="admin-pass")
    user.groups.add(Group.objects.get(name=ADMINISTRATEUR))
    # Until the role table gives it to administrateurs: the right to make codes.
    user.user_permissions.add(permission("accounts.add_signincode"))
    return user


def make_professional() -> Any:
    user = get_user_model().objects.create_user("pro", password="pro-pass")
    user.user_permissions.add(permission("accounts.add_signincode"))
    return user


def permission(name: str) -> Permission:
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def link_in_last_mail() -> str:
    """The invitation link of the last message sent (path only)."""
    body = mail.outbox[-1].body
    found = re.search(r"https?://[^/\s]+(/comptes/invitation/[^\s]+/)", body)
    assert found, body
    return found.group(1)


def code_on_page(html: str) -> str:
    found = re.search(r'<span aria-hidden="true">([A-Z0-9]{4}-[A-Z0-9]{4})</span>', html)
    assert found, html
    return found.group(1)


def person_concerned_role() -> Group:
    return Group.objects.get(name=PERSONNE_CONCERNEE)
