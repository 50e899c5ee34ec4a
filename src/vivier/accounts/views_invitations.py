"""Invitations by e-mail: staff invite and revoke; the invited person sets a password."""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import invitations
from .access import public, requires
from .forms_invitations import AcceptInvitationForm, InvitationForm
from .invitations import role_label
from .models import Invitation

#: Creating people is adding users: the administrateur role.
INVITE = "auth.add_user"
logger = logging.getLogger(__name__)


@requires(INVITE)
@require_http_methods(["GET"])
def invitation_list(request: HttpRequest) -> HttpResponse:
    invitations_page = Paginator(
        Invitation.objects.select_related("created_by", "account").prefetch_related("roles"), 50
    ).get_page(request.GET.get("page"))
    rows = [
        (invitation, invitation.state, [role_label(r) for r in invitation.roles.all()])
        for invitation in invitations_page
    ]
    return render(
        request,
        "accounts/invitation_list.html",
        {
            "page": invitations_page,
            "rows": rows,
            "pending": Invitation.State.PENDING,
            "page_title": _("Invitations"),
        },
    )


@requires(INVITE)
@require_http_methods(["GET", "POST"])
def invitation_new(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # Nothing is kept if the message cannot leave: the form comes back as it was typed.
            with transaction.atomic():
                new = invitations.invite(
                    data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    roles=data["roles"],
                    by=request.user,
                )
                invitations.send(new, request.build_absolute_uri(new.path))
        except (OSError, smtplib.SMTPException) as error:
            logger.warning("invitation e-mail not sent: %s", error)
            form.add_error(
                None,
                _(
                    "Le message n’a pas pu être envoyé (%(error)s). Rien n’a été enregistré : "
                    "réessayez plus tard, ou vérifiez la configuration de la messagerie."
                )
                % {"error": type(error).__name__},
            )
        else:
            messages.success(
                request,
                _("Invitation envoyée à %(email)s. Le lien est valable jusqu’au %(date)s.")
                % {
                    "email": new.invitation.email,
                    "date": local_date(new.invitation.expires_at),
                },
            )
            return redirect("invitations:list")
    return render(
        request,
        "accounts/invitation_new.html",
        {
            "form": form,
            "days": settings.VIVIER_INVITATION_DAYS,
            "page_title": _("Inviter une personne"),
        },
        status=400 if form.errors else 200,
    )


@requires(INVITE)
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=pk)
    if invitations.revoke(invitation, by=request.user):
        messages.success(
            request,
            _("L’invitation de %(email)s est révoquée : son lien ne marche plus.")
            % {"email": invitation.email},
        )
    else:
        messages.error(
            request,
            _("L’invitation de %(email)s n’est plus en attente (%(state)s) : rien à révoquer.")
            % {"email": invitation.email, "state": invitation.get_state_display()},
        )
    return redirect("invitations:list")


@public
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invited person's page: choose a password, then land signed in."""
    invitation = invitations.find(token)
    if invitation is None:
        return _unusable(request, None, status=404)
    if invitation.state != Invitation.State.PENDING:
        return _unusable(request, invitation.state)
    form = AcceptInvitationForm(invitation, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept(invitation, form.cleaned_data["password1"])
        except invitations.InvitationUnusable as refused:
            return _unusable(request, refused.state, status=409 if refused.state is None else 410)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Bienvenue ! Votre compte est prêt. Votre identifiant est %(username)s.")
            % {"username": user.get_username()},
        )
        # Where every sign-in lands: the first page the new roles open.
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "form": form,
            "invitation": invitation,
            "roles": [role_label(r) for r in invitation.roles.all()],
            "page_title": _("Créer votre compte"),
        },
        status=400 if form.errors else 200,
    )


def _unusable(
    request: HttpRequest, state: Invitation.State | None, status: int = 410
) -> HttpResponse:
    """Why a link does not work, and what to do: ask the person who invited you."""
    return render(
        request,
        "accounts/invitation_unusable.html",
        {"state": state, "states": Invitation.State, "page_title": _("Invitation")},
        status=status,
    )


def local_date(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")
