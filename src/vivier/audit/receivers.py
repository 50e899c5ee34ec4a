"""Lines written on signals: sign-ins, refused sign-ins, and the personal-data register.

Sign-ins and sign-outs come from Django's own signals, sent by every way in (the sign-in
page, an invitation accepted, a sign-in code): one line each. A refused sign-in code is
written by the code page itself (``sign_in_code_refused``). django-axes keeps its own records of
failures to throttle them (and deletes them on success); the trail does not read them, so no
attempt is written twice. A refused sign-in names the account tried only when it exists:
what was typed in the username field (a password, at times) is not kept.

The personal-data register (``campaigns.AuditEntry``, written by ``vivier.campaigns.privacy``
for every search, export, erasure, purge and redaction, from the staff pages and the
commands) stays what it is: the record, kept apart, that each request about a person was
handled, naming the person only by a keyed hash. Each of its rows is also written to the
trail, once, so that the trail holds every sensitive action in one place.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.http import HttpRequest

from .trail import Subject, record


def signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    backend = getattr(user, "backend", "") or ""
    # The request of a sign-in made by code (a test client's) may carry no user yet.
    record(request, "auth.login", user, actor=user, **({"backend": backend} if backend else {}))


def signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    # Sent before the session is flushed; an expired session signs out no one. The user is
    # the request's lazy object: the line names the account by its key.
    if user is None or not user.is_authenticated:
        return
    users = get_user_model()
    account = users._default_manager.filter(pk=user.pk).first()
    if account is None:
        # Signed out because the account was just deleted: its own line says so already.
        return
    record(request, "auth.logout", account, actor=account)


def sign_in_code_refused(request: HttpRequest, account: Any, state: str) -> None:
    """A sign-in code typed and refused. Not the ``user_login_failed`` signal: django-axes
    would count it against a username, where codes have their own limit per address. The
    line names the account only when the code was one (expired, revoked, deactivated); the
    code typed is never kept."""
    users = get_user_model()
    record(
        request,
        "auth.code-failed",
        account or Subject(users, "", ""),
        known_account=account is not None,
        state=state,
    )


def sign_in_refused(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    users = get_user_model()
    typed = credentials.get(users.USERNAME_FIELD) or credentials.get("username")
    account = None
    if isinstance(typed, str) and typed:
        account = users._default_manager.filter(**{users.USERNAME_FIELD: typed}).first()
    details: dict[str, Any] = {"known_account": account is not None}
    if request is not None and getattr(request, "axes_locked_out", False):
        details["locked_out"] = True
    record(request, "auth.login-failed", account or Subject(users, "", ""), **details)


def _register_subject(entry: Any) -> models.Model | Subject:
    """What a register row is about: a person (keyed hash), a campaign, or one response."""
    from vivier.campaigns.models import Campaign, Response, ResponseContact

    target = str(entry.target)
    if target.startswith("personne:") or target in {"", "*"}:
        return Subject(ResponseContact, target, target)
    if "/" in target:
        slug, key = target.split("/", 1)
        response = Response.objects.filter(campaign__slug=slug, key=key).first()
        return response or Subject(Response, "", target)
    campaign = Campaign.objects.filter(slug=target).first()
    return campaign or Subject(Campaign, "", target)


def register_written(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """``post_save`` of ``campaigns.AuditEntry``: the same action, once, in the trail."""
    if not created or kwargs.get("raw"):
        return
    record(
        None,
        str(instance.action),
        _register_subject(instance),
        **{
            **dict(instance.detail or {}),
            "register_entry": instance.pk,
            "actor_name": str(instance.actor),
        },
    )
