"""Sign-in codes: a professional makes and prints one; a person concerned signs in with it,
and may leave at any time (sign out, delete the account)."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import get_usage

from vivier.audit.receivers import sign_in_code_refused

from . import sign_in_codes
from .access import public, requires, signed_in
from .forms_invitations import CodeSignInForm, DeleteAccountForm, NewCodeForm
from .models import SignInCode

#: Making a code for a person (Django's own permission on the model): a right of its own, so
#: that professionals who meet persons concerned can have it without the right to create
#: staff accounts (auth.add_user).
MAKE_CODES = "accounts.add_signincode"
_RATE_GROUP = "vivier.sign_in_code"


@requires(MAKE_CODES)
@require_http_methods(["GET"])
def code_list(request: HttpRequest) -> HttpResponse:
    codes = Paginator(SignInCode.objects.select_related("account", "created_by"), 50)
    page = codes.get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/code_list.html",
        {
            "page": page,
            "rows": [(code, code.state) for code in page],
            "valid": SignInCode.State.VALID,
            "page_title": _("Codes de connexion"),
        },
    )


@requires(MAKE_CODES)
@require_http_methods(["GET", "POST"])
def code_new(request: HttpRequest) -> HttpResponse:
    form = NewCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        new = sign_in_codes.create(label=form.cleaned_data["label"], by=request.user)
        return _printable(request, new)
    return render(
        request,
        "accounts/code_new.html",
        {"form": form, "page_title": _("Nouveau code de connexion")},
        status=400 if form.errors else 200,
    )


@requires(MAKE_CODES)
@require_POST
def code_renew(request: HttpRequest, pk: int) -> HttpResponse:
    """A new code for the same person (lost paper, expired code): the old one stops."""
    previous = get_object_or_404(SignInCode, pk=pk)
    return _printable(request, sign_in_codes.renew(previous, by=request.user))


@requires(MAKE_CODES)
@require_POST
def code_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    code = get_object_or_404(SignInCode, pk=pk)
    if sign_in_codes.revoke(code):
        messages.success(request, _("Le code est révoqué : il ne permet plus de se connecter."))
    else:
        messages.error(request, _("Ce code était déjà révoqué."))
    return redirect("invitations:codes")


def _printable(request: HttpRequest, new: sign_in_codes.NewCode) -> HttpResponse:
    """The page to print or read out. Shown once: only a hash of the code is kept."""
    return render(
        request,
        "accounts/code_print.html",
        {
            "code": new.code,
            "sign_in_code": new.sign_in_code,
            "sign_in_url": request.build_absolute_uri(reverse("invitations:code_sign_in")),
            "page_title": _("Code de connexion à imprimer"),
        },
    )


@public
@require_http_methods(["GET", "POST"])
def code_sign_in(request: HttpRequest) -> HttpResponse:
    """The public page where a person concerned types their code."""
    form = CodeSignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        usage = _failures(request, count_one=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            minutes = max(1, math.ceil(usage["time_left"] / 60))
            return render(
                request,
                "accounts/code_sign_in.html",
                {"locked_minutes": minutes, "page_title": _("Trop d’essais")},
                status=429,
            )
        if form.is_valid():
            try:
                user = sign_in_codes.account_for(form.cleaned_data["code"])
            except sign_in_codes.CodeRefused as refused:
                _failures(request, count_one=True)
                sign_in_code_refused(
                    request,
                    refused.account,
                    "deactivated"
                    if refused.account_deactivated
                    else str(refused.state or "unknown"),
                )
                if refused.account_deactivated:
                    form.add_error("code", _deactivated())
                else:
                    form.add_error("code", _refusal(refused.state))
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect("invitations:my_account")
    status = 400 if form.errors else 200
    return render(
        request,
        "accounts/code_sign_in.html",
        {"form": form, "page_title": _("Me connecter avec mon code")},
        status=status,
    )


def _failures(request: HttpRequest, *, count_one: bool) -> dict | None:
    """Wrong codes from this client address in the current window (one more if asked)."""
    return get_usage(
        request,
        group=_RATE_GROUP,
        key="ip",
        rate=settings.VIVIER_SIGN_IN_CODE_RATE,
        increment=count_one,
    )


def _deactivated() -> str:
    return _(
        "Votre compte a été désactivé : ce code ne permet plus de vous connecter. Demandez à "
        "la personne qui vous l’a donné."
    )


def _refusal(state: SignInCode.State | None) -> str:
    if state == SignInCode.State.EXPIRED:
        return _(
            "Ce code ne marche plus : sa date est passée. Demandez un nouveau code "
            "à la personne qui vous l’a donné."
        )
    if state == SignInCode.State.REVOKED:
        return _("Ce code a été arrêté. Demandez un nouveau code à la personne qui vous l’a donné.")
    return _(
        "Ce code ne marche pas. Vérifiez chaque lettre et chaque chiffre, puis réessayez. "
        "Si cela ne marche toujours pas, demandez un nouveau code à la personne qui vous "
        "l’a donné."
    )


@signed_in
@require_http_methods(["GET"])
def my_account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/my_account.html",
        {
            "may_delete": sign_in_codes.may_delete_own_account(request.user),
            "page_title": _("Mon compte"),
        },
    )


@signed_in
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """A person concerned deletes their account, after saying yes on this page."""
    if not sign_in_codes.may_delete_own_account(request.user):
        return render(
            request,
            "accounts/delete_account.html",
            {"may_delete": False, "page_title": _("Supprimer mon compte")},
            status=403,
        )
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # Deleted while still signed in, so that the audit trail names who did it.
        sign_in_codes.delete_account(request.user)
        logout(request)
        return redirect("invitations:account_deleted")
    return render(
        request,
        "accounts/delete_account.html",
        {"form": form, "may_delete": True, "page_title": _("Supprimer mon compte")},
        status=400 if form.errors else 200,
    )


@public
@require_http_methods(["GET"])
def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account_deleted.html", {"page_title": _("Compte supprimé")})
