"""Models of the accounts app."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Invitation(models.Model):
    """A one-time link by e-mail: the person sets a password and is signed in with the roles.

    Only the SHA-256 of the link's secret is stored (see :mod:`vivier.accounts.invitations`):
    the database alone opens no invitation. A link is good once, until ``expires_at``, unless
    it was revoked.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("en attente")
        USED = "used", _("acceptée")
        EXPIRED = "expired", _("expirée")
        REVOKED = "revoked", _("révoquée")

    email = models.EmailField(_("adresse électronique"), max_length=150)
    first_name = models.CharField(_("prénom"), max_length=150, blank=True)
    last_name = models.CharField(_("nom"), max_length=150, blank=True)
    roles = models.ManyToManyField(Group, verbose_name=_("rôles"), blank=True, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expire le"))
    used_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    #: The account the invitation created (kept empty if that account is deleted later).
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("révoquée le"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        constraints = [
            models.CheckConstraint(
                condition=Q(used_at__isnull=True) | Q(revoked_at__isnull=True),
                name="accounts_invitation_used_or_revoked",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="accounts_invitation_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_state_display()})"

    def state_at(self, now: datetime | None = None) -> Invitation.State:
        if self.used_at is not None:
            state = self.State.USED
        elif self.revoked_at is not None:
            state = self.State.REVOKED
        elif self.expires_at <= (now or timezone.now()):
            state = self.State.EXPIRED
        else:
            state = self.State.PENDING
        # Type checkers without Django's plugin take the members for their (value, label).
        return cast(Invitation.State, state)

    @property
    def state(self) -> Invitation.State:
        return self.state_at()

    def get_state_display(self) -> str:
        return str(self.state.label)


class SignInCode(models.Model):
    """A short code a professional prints or reads out to a person concerned.

    The person signs in with it, without a password, as often as needed until it expires or
    is revoked. The first sign-in creates the person's account; later codes made for that
    person open the same account. Only an HMAC of the code is stored: a code is short enough
    to be found from a plain hash, not without the server's secret.
    """

    class State(models.TextChoices):
        VALID = "valid", _("valable")
        EXPIRED = "expired", _("expiré")
        REVOKED = "revoked", _("révoqué")

    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    #: How the person wishes to be called (a first name or a pseudonym); may stay empty.
    label = models.CharField(_("prénom ou pseudonyme"), max_length=100, blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sign_in_codes",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expire le"))
    last_used_at = models.DateTimeField(_("dernière connexion"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("code de connexion")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="accounts_signincode_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label or self.pk} ({self.get_state_display()})"

    def state_at(self, now: datetime | None = None) -> SignInCode.State:
        if self.revoked_at is not None:
            state = self.State.REVOKED
        elif self.expires_at <= (now or timezone.now()):
            state = self.State.EXPIRED
        else:
            state = self.State.VALID
        return cast(SignInCode.State, state)

    @property
    def state(self) -> SignInCode.State:
        return self.state_at()

    def get_state_display(self) -> str:
        return str(self.state.label)
