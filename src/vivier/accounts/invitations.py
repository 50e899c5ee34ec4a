"""Invitations by e-mail: a one-time link to set a password and sign in with the roles given.

The link carries 256 random bits; only their SHA-256 is stored, so the database alone opens
no invitation (a plain hash is enough: nobody can search a space that large). A link works
once: accepting it marks it used in the same transaction that creates the account, with the
row locked, so two clicks at once make one account.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Invitation
from .roles import label as role_name


@dataclass(frozen=True, slots=True)
class NewInvitation:
    invitation: Invitation
    #: The secret part of the link: shown or sent once, never stored.
    token: str

    @property
    def path(self) -> str:
        return reverse("invitations:accept", args=[self.token])


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def account_exists(email: str) -> bool:
    """An account already answers to this address (as its identifier or its e-mail)."""
    users = get_user_model().objects
    return users.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists()


@transaction.atomic
def invite(
    email: str,
    *,
    first_name: str = "",
    last_name: str = "",
    roles: Iterable[Group] = (),
    by: AbstractBaseUser | None = None,
) -> NewInvitation:
    """A new pending invitation; earlier pending ones for the same address are revoked.

    Inviting again is how a lost or expired link is replaced: only the newest link works.
    """
    now = timezone.now()
    email = email.strip().lower()
    for earlier in Invitation.objects.filter(
        email=email, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ):
        revoke(earlier, by=by)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        token_hash=token_hash(token),
        created_by=by,
        created_at=now,
        expires_at=now + timedelta(days=settings.VIVIER_INVITATION_DAYS),
    )
    invitation.roles.set(list(roles))
    return NewInvitation(invitation, token)


def send(new: NewInvitation, link: str) -> None:
    """Sends the invitation's link (absolute URL) to the invited address."""
    invitation = new.invitation
    inviter = invitation.created_by
    # In the site's language, not the inviter's: the person has chosen none yet.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "link": link,
            "roles": [role_label(role) for role in invitation.roles.all()],
            "inviter": (inviter.get_full_name() or inviter.get_username()) if inviter else "",
            "site_title": settings.VIVIER_SITE_TITLE,
        }
        subject = _("Invitation à rejoindre %(site)s") % {"site": settings.VIVIER_SITE_TITLE}
        message = render_to_string("accounts/invitation_email.txt", context)
    send_mail(subject=subject, message=message, from_email=None, recipient_list=[invitation.email])


def find(token: str) -> Invitation | None:
    """The invitation a link names, whatever its state; None for an unknown link."""
    if not token or len(token) > 200:
        return None
    return Invitation.objects.filter(token_hash=token_hash(token)).first()


def revoke(invitation: Invitation, *, by: AbstractBaseUser | None = None) -> bool:
    """Revokes a pending invitation; False if it was used, expired or revoked already."""
    if invitation.state != Invitation.State.PENDING:
        return False
    invitation.revoked_at = timezone.now()
    invitation.revoked_by = by
    invitation.save(update_fields=["revoked_at", "revoked_by"])
    return True


class InvitationUnusable(Exception):
    """The invitation was used, revoked or expired meanwhile, or its address has an account."""

    def __init__(self, state: Invitation.State | None):
        super().__init__(state)
        #: None: an account with this address exists already.
        self.state = state


@transaction.atomic
def accept(invitation: Invitation, password: str) -> AbstractBaseUser:
    """Creates the account with the invitation's roles and marks the invitation used.

    The password has been checked by the form (Django's validators); this checks again, with
    the row locked, that the invitation is still pending.
    """
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    state = locked.state
    if state != Invitation.State.PENDING:
        raise InvitationUnusable(state)
    if account_exists(locked.email):
        raise InvitationUnusable(None)
    given = list(locked.roles.all())
    user = get_user_model().objects.create_user(
        username=locked.email,
        email=locked.email,
        password=password,
        first_name=locked.first_name,
        last_name=locked.last_name,
    )
    # The rights come from the roles alone (views name permissions): no is_staff.
    user.groups.set(given)
    locked.used_at = timezone.now()
    locked.account = user
    locked.save(update_fields=["used_at", "account"])
    return user


def role_label(group: Group) -> str:
    """A role's name for people; the group's own name for a group that is not a role."""
    return role_name(group.name)
