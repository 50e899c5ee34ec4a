"""Writing the trail: explicit lines (``record``) and what every line is given before it is
stored (who, from where, which event).

Every line is one row of django-auditlog's ``LogEntry``. Model changes are written by
auditlog itself for the models of :mod:`vivier.audit.registrations`; actions that change no
model of their own (a sign-in, an export, a view of personal data, an import, an erasure) are
written here, by :func:`record`, with auditlog's ``ACCESS``, ``CREATE`` or ``DELETE`` action
as the event says (:mod:`vivier.audit.events`).

Before any line is stored, :func:`complete` (a ``pre_save`` receiver) fills in what the
writer did not say:

- the event code, from the model and the fields that changed (a practice whose state became
  ``published`` is a publication);
- the person: the signed-in user of the request being served (``middleware``), and their
  username kept beside it, so the line still names them once their account is deleted
  (auditlog empties ``actor`` then); outside a request, ``cli:<system user>``, as the
  personal-data register writes it;
- the client's address, read as django-axes reads it (``AXES_CLIENT_IP_CALLABLE``): behind a
  reverse proxy, from the header the proxy sets, never from a header any client can send.
"""

from __future__ import annotations

import getpass
import ipaddress
import json
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import HttpRequest
from django.utils.module_loading import import_string

from . import events

if TYPE_CHECKING:
    from auditlog.models import LogEntry

#: The request being served on this thread, set by ``AuditMiddleware``.
current_request: ContextVar[HttpRequest | None] = ContextVar("vivier_audit_request", default=None)

#: What a masked field shows in the trail: that it changed, never its value.
MASK = "********"

#: Fields of ``auth.User`` whose change is a change of rights.
_RIGHTS_FIELDS = frozenset({"groups", "user_permissions", "is_staff", "is_superuser", "is_active"})
_VERBS = {events.CREATE: "create", events.UPDATE: "update", events.DELETE: "delete"}
#: Registered models that have events of their own, by ``app_label.model``.
_PREFIXES = {
    "auth.user": "account",
    "auth.group": "role",
    "accounts.invitation": "invitation",
    "accounts.signincode": "sign-in-code",
}


#: Models whose own name holds personal data (an address, a pseudonym): named by number.
_NAMED_BY_NUMBER = frozenset({"accounts.invitation", "accounts.signincode"})


def mask(_value: str) -> str:
    """auditlog's mask callable for personal fields and secrets (``registrations``)."""
    return MASK


@dataclass(frozen=True, slots=True)
class Subject:
    """What a line is about when it is no single stored object: a person searched by a keyed
    hash, a file imported, every campaign (``pk`` may then be empty)."""

    model: type[models.Model]
    pk: str
    label: str


@cache
def _client_address() -> Callable[[HttpRequest], str | None]:
    return import_string(settings.AXES_CLIENT_IP_CALLABLE)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as django-axes counts failures against it; None if it is not
    one (a proxy header holding anything else)."""
    value = _client_address()(request)
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(str(value).strip()))
    except ValueError:
        return None


def command_line_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _json(details: dict[str, Any]) -> dict[str, Any]:
    """Details as JSON values (dates as ISO text, lazy texts as text)."""
    loaded: dict[str, Any] = json.loads(json.dumps(details, cls=DjangoJSONEncoder))
    return loaded


def record(
    request: HttpRequest | None,
    event: str,
    obj: models.Model | Subject,
    *,
    actor: Any = None,
    **details: Any,
) -> LogEntry:
    """Writes one explicit line: ``event`` (a code of :mod:`vivier.audit.events`) about
    ``obj``, with ``details`` (JSON values; never personal data: counts, formats, file
    names).

    ``request``: whose request it is; None in code that has none at hand (a service function,
    a command): the request being served, if any, is then found by the middleware.
    ``actor``: who did it, when it is not the request's user (the account just signed in).
    """
    from auditlog.cid import get_cid
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    known = events.event(event)
    if isinstance(obj, Subject):
        model: type[models.Model] = obj.model
        pk: Any = obj.pk
        label = obj.label
    else:
        model, pk, label = type(obj), obj.pk, str(obj)
    entry = LogEntry(
        content_type=ContentType.objects.get_for_model(model),
        object_pk="" if pk is None else str(pk),
        object_id=pk if isinstance(pk, int) else None,
        object_repr=label[:1000],
        action=known.action,
        additional_data={**_json(details), "event": known.code},
        cid=get_cid(),
    )
    if actor is not None:
        entry.actor = actor
    if request is not None:
        _from_request(entry, request)
        # Said here, so that a line of a request without an account (a refused sign-in)
        # is not taken for a command's.
        name = entry.actor.get_username() if entry.actor is not None else ""
        entry.additional_data.setdefault("actor_name", name)
    entry.save()
    return entry


def _from_request(entry: LogEntry, request: HttpRequest) -> None:
    user = getattr(request, "user", None)
    if entry.actor_id is None and user is not None and user.is_authenticated:
        # The username is kept beside (``actor_name``); auditlog's ``actor_email`` is left
        # empty: one copy of a person's address fewer.
        entry.actor = user
    if entry.remote_addr is None:
        entry.remote_addr = client_ip(request)


def classify(entry: LogEntry) -> str:
    """The event of a line auditlog wrote for a model change."""
    model = entry.content_type.model_class()
    label = model._meta.label_lower if model is not None else ""
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    verb = _VERBS.get(entry.action, "update")
    if label == "auth.user" and verb == "update" and _RIGHTS_FIELDS & changes.keys():
        return "account.roles"
    if label == "auth.group" and verb == "update" and "groups" in changes:
        # A group's members changed from the group's side (``group.user_set.add``).
        return "account.roles"
    if label == "practices.practice" and verb == "update":
        if "state" in changes:
            padded = [*changes["state"], "", ""]
            before, after = padded[0], padded[1]
            if after == "published":
                return "practice.publish"
            if before == "published":
                return "practice.unpublish"
            return "practice.state"
        if "holder" in changes:
            return "practice.holder"
    prefix = _PREFIXES.get(label)
    return f"{prefix}.{verb}" if prefix else verb


def complete(sender: Any, instance: LogEntry, raw: bool = False, **kwargs: Any) -> None:
    """``pre_save`` of ``LogEntry``: the event, the person and the address (see the module)."""
    if raw or instance.pk is not None:
        return
    data = dict(instance.additional_data) if isinstance(instance.additional_data, dict) else {}
    request = current_request.get()
    if request is not None:
        _from_request(instance, request)
    if "event" not in data:
        data["event"] = classify(instance)
        model = instance.content_type.model_class()
        if model is not None and model._meta.label_lower in _NAMED_BY_NUMBER:
            instance.object_repr = f"#{instance.object_pk}"
    if "actor_name" not in data:
        if instance.actor is not None:
            data["actor_name"] = instance.actor.get_username()
        else:
            data["actor_name"] = "" if request is not None else command_line_actor()
    instance.additional_data = data


__all__ = ["MASK", "Subject", "classify", "client_ip", "complete", "current_request", "record"]
