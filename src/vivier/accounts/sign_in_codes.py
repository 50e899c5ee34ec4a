"""Sign-in codes for persons concerned: a short code on paper instead of a password.

A professional makes a code (``ABCD-EFGH``: 8 characters from 29 that cannot be taken for one
another, about 39 bits) and prints it or reads it out. The person types it on a public page
and is signed in, as often as needed until the code expires (``VIVIER_SIGN_IN_CODE_DAYS``)
or is revoked; the first sign-in creates their account with the ``personne_concernee`` role.
A new code for the same person replaces the old one and opens the same account.

Guessing is what a short code must resist: wrong codes are counted per client address and
refused past ``VIVIER_SIGN_IN_CODE_RATE`` (see the view), and only an HMAC of the code, keyed
with the server's secret, is stored, so a copy of the database does not give the codes away
(a plain hash of 39 bits is undone in minutes). Changing ``VIVIER_SECRET_KEY`` therefore
invalidates every code.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import SignInCode
from .roles import PERSONNE_CONCERNEE

#: The role a code's account holds.
PERSON_CONCERNED_ROLE = PERSONNE_CONCERNEE
#: No 0/O, 1/I/L, U/V (read out or handwritten, they are mistaken for one another).
ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
LENGTH = 8
_HMAC_SALT = "vivier.accounts.sign_in_code"
#: Characters people type between groups, or by habit; never part of a code.
_SEPARATORS = str.maketrans("", "", " -–—_.\u00a0\u202f\t")


def new_code() -> str:
    """A fresh code, as people read it: ``ABCD-EFGH``."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalize(typed: str) -> str:
    """What a person typed, as a code: upper case, without spaces or dashes."""
    return typed.translate(_SEPARATORS).upper()


def is_well_formed(code: str) -> bool:
    """A normalized code of the right length, from the alphabet."""
    return len(code) == LENGTH and all(c in ALPHABET for c in code)


def code_hash(code: str) -> str:
    return salted_hmac(_HMAC_SALT, normalize(code), algorithm="sha256").hexdigest()


@dataclass(frozen=True, slots=True)
class NewCode:
    sign_in_code: SignInCode
    #: The code itself, shown once on the printable page and never stored.
    code: str


@transaction.atomic
def create(
    *,
    label: str = "",
    account: AbstractBaseUser | None = None,
    by: AbstractBaseUser | None = None,
) -> NewCode:
    """A new code, for a new person (``label``) or for an existing ``account``.

    The person's earlier codes still valid are revoked: one paper at a time works.
    """
    now = timezone.now()
    if account is not None:
        for earlier in SignInCode.objects.filter(account=account, revoked_at__isnull=True):
            revoke(earlier)
        label = label or account.get_short_name()
    while True:
        code = new_code()
        digest = code_hash(code)
        if not SignInCode.objects.filter(code_hash=digest).exists():
            break
    sign_in_code = SignInCode.objects.create(
        code_hash=digest,
        label=label.strip(),
        account=account,
        created_by=by,
        created_at=now,
        expires_at=now + timedelta(days=settings.VIVIER_SIGN_IN_CODE_DAYS),
    )
    return NewCode(sign_in_code, code)


@transaction.atomic
def renew(previous: SignInCode, *, by: AbstractBaseUser | None = None) -> NewCode:
    """A new code for the person of ``previous`` (lost paper, expired code); it is revoked."""
    if previous.account is None:
        revoke(previous)
        return create(label=previous.label, by=by)
    return create(label=previous.label, account=previous.account, by=by)


def revoke(sign_in_code: SignInCode) -> bool:
    """Revokes a code; False if it was revoked already. An expired code is revoked too, so
    that the list says a person made it stop, not only time."""
    if sign_in_code.revoked_at is not None:
        return False
    sign_in_code.revoked_at = timezone.now()
    sign_in_code.save(update_fields=["revoked_at"])
    return True


class CodeRefused(Exception):
    """The code is unknown (``state`` None), expired or revoked, or its account deactivated."""

    def __init__(
        self,
        state: SignInCode.State | None,
        *,
        account_deactivated: bool = False,
        account: AbstractBaseUser | None = None,
    ):
        super().__init__(state)
        self.state = state
        #: An administrator deactivated the account the code opens (a valid code).
        self.account_deactivated = account_deactivated
        #: The account of a real code (for the audit trail), None for an unknown one.
        self.account = account


@transaction.atomic
def account_for(typed: str) -> AbstractBaseUser:
    """The account a typed code opens, created at the code's first use.

    Raises :class:`CodeRefused` for a code that is unknown, expired or revoked, or whose
    account an administrator deactivated.
    """
    code = normalize(typed)
    if not is_well_formed(code):
        raise CodeRefused(None)
    found = SignInCode.objects.select_for_update().filter(code_hash=code_hash(code)).first()
    if found is None:
        raise CodeRefused(None)
    state = found.state
    if state != SignInCode.State.VALID:
        raise CodeRefused(state, account=found.account)
    if found.account is not None and not found.account.is_active:
        # Signing in would work once, then Django would drop the session of an inactive
        # account at the next page: refused here, with a reason. The code is kept, so that it
        # works again if the account is reactivated.
        raise CodeRefused(state, account_deactivated=True, account=found.account)
    if found.account is None:
        found.account = _new_person(found.label)
    found.last_used_at = timezone.now()
    found.save(update_fields=["account", "last_used_at"])
    return found.account


def _new_person(label: str) -> AbstractBaseUser:
    """An account with no password and no address: the code is its only way in."""
    users = get_user_model().objects
    while True:
        username = "personne-" + "".join(secrets.choice(ALPHABET.lower()) for _ in range(8))
        if not users.filter(username=username).exists():
            break
    # No password given: Django stores an unusable one.
    user = users.create_user(username=username, first_name=label.strip()[:150])
    role, _created = Group.objects.get_or_create(name=PERSON_CONCERNED_ROLE)
    user.groups.add(role)
    return user


def may_delete_own_account(user: AbstractBaseUser) -> bool:
    """Persons concerned leave when they want: their account holds nothing anyone else needs.

    Other accounts (staff, holders of practice sheets) are closed by an administrator, who
    knows what depends on them.
    """
    if user.is_staff or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return names == {PERSON_CONCERNED_ROLE}


@transaction.atomic
def delete_account(user: AbstractBaseUser) -> None:
    """Deletes the account and its codes (the database cascades to them).

    The audit trail's lines of this deletion are written once the account is gone, naming
    it as the person who acted: they keep its name (written beside), not a key to a missing
    row, which the database would refuse at commit.
    """
    from auditlog.models import LogEntry

    pk = user.pk
    user.delete()
    LogEntry.objects.filter(actor_id=pk).update(actor=None)
