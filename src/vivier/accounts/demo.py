"""The demo's ways in: a fresh invitation link and a fresh sign-in code at each ``make demo``.

Only hashes are stored, so the demo cannot show yesterday's link again: each run revokes the
demo's previous pending invitation and code and makes new ones, which it prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from . import invitations, sign_in_codes
from .roles import ENQUETEUR

#: The invited person's role: an interviewer ("Done means" of issue 19).
INVITED_ROLE = ENQUETEUR
INVITED_ADDRESS = "enqueteur.demo{n}@example.org"
PERSON_USERNAME = "personne-demo"
PERSON_LABEL = "Camille"


@dataclass(frozen=True, slots=True)
class DemoWaysIn:
    invitation_url: str
    invited_email: str
    sign_in_url: str
    code: str


def demo_ways_in(base_url: str) -> DemoWaysIn:
    """A pending invitation for an interviewer, and a code for a demo person concerned."""
    email = _free_address()
    new = invitations.invite(
        email,
        first_name="Dominique",
        last_name="Démo",
        roles=Group.objects.filter(name=INVITED_ROLE),
    )
    person, created = get_user_model().objects.get_or_create(
        username=PERSON_USERNAME, defaults={"first_name": PERSON_LABEL}
    )
    if created:
        person.set_unusable_password()
        person.save(update_fields=["password"])
    role, _created = Group.objects.get_or_create(name=sign_in_codes.PERSON_CONCERNED_ROLE)
    person.groups.add(role)
    code = sign_in_codes.create(account=person, label=PERSON_LABEL)
    base = base_url.rstrip("/")
    sign_in_url = base + reverse("invitations:code_sign_in")
    return DemoWaysIn(base + new.path, email, sign_in_url, code.code)


def _free_address() -> str:
    """The demo address, numbered once an earlier demo invitation has made its account."""
    n = 1
    while invitations.account_exists(email := INVITED_ADDRESS.format(n="" if n == 1 else n)):
        n += 1
    return email
