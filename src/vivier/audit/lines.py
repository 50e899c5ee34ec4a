"""One line of the trail as people read it (the page) and as programs read it (``--json``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import events
from .trail import MASK

if TYPE_CHECKING:
    from auditlog.models import LogEntry

#: Keys of ``additional_data`` that are not details.
_OWN_KEYS = frozenset({"event", "actor_name"})
_LONGEST = 120

DETAIL_LABELS: dict[str, str | Promise] = {
    "format": _("format"),
    "personal": _("avec les données personnelles"),
    "publication": _("version à publier"),
    "source": _("fichier"),
    "imported": _("importées"),
    "already_present": _("déjà présentes"),
    "warnings": _("avertissements"),
    "sheets": _("fiches"),
    "known_account": _("compte existant"),
    "locked_out": _("bloqué après trop d’échecs"),
    "backend": _("moyen de connexion"),
    "register_entry": _("registre des données personnelles, n°"),
    "contacts": _("coordonnées"),
    "drafts": _("brouillons"),
    "texts": _("textes libres"),
    "campaigns": _("campagnes"),
    "responses": _("réponses"),
    "mentions": _("mentions"),
    "flagged": _("textes signalés"),
    "question": _("question"),
    "replaced": _("remplacements"),
    "deleted": _("lignes supprimées"),
    "before": _("antérieures au"),
    "retention_days": _("durée de conservation (jours)"),
}


@dataclass(frozen=True, slots=True)
class Line:
    entry: LogEntry
    when: datetime
    #: The person's username, ``cli:<user>`` for a command, "" for no one (a refused sign-in).
    who: str
    event: events.Event
    object_type: str
    object_label: str
    ip: str
    details: list[tuple[str, str]]


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return str(_("oui") if value else _("non"))
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} : {_text(v)}" for k, v in value.items())
    text = "" if value is None else str(value)
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


def _field_label(model: Any, name: str) -> str | None:
    """The field's name for people; None for what is no field of the row (auditlog lists
    the reverse relations of a created or deleted row, always empty there)."""
    if model is None:
        return name
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    if not getattr(field, "concrete", False) and not field.many_to_many:
        return None
    return str(getattr(field, "verbose_name", name))


def _field(model: Any, name: str) -> Any:
    try:
        return model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        return None


def _role_words(name: str) -> str:
    """A role's name for people: groups are stored under the role's code
    ("groupe_de_travail")."""
    from vivier.accounts.roles import label

    return label(name)


def _stored(field: Any, value: Any) -> Any:
    """A value as auditlog stored it (text), as people read it: a choice's label rather
    than its code, true/false as yes/no, a moment in the page's language, no "None"."""
    if field is None or not isinstance(value, str):
        return value
    if field.model is Group and field.name == "name":
        return _role_words(value)
    if field.many_to_one and value != "None":
        # auditlog keeps a foreign key as the key: the row it names, while it exists
        # (a deleted account's username is gone on purpose, see registrations).
        try:
            named = field.related_model._default_manager.filter(pk=value).first()
        except (ValueError, ValidationError):
            named = None
        return str(named) if named is not None else value
    if value == "None" and field.null:
        return None
    choices = dict(getattr(field, "flatchoices", None) or ())
    if choices:
        # The codes of a choice field are strings here, whatever the field's type.
        words = {str(code): label for code, label in choices.items()}
        return str(words.get(value, value))
    if isinstance(field, models.BooleanField) and value in ("True", "False"):
        return value == "True"
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(value)
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "DATETIME_FORMAT")
    elif isinstance(field, models.DateField):
        day = parse_date(value)
        if day is not None:
            return formats.date_format(day, "DATE_FORMAT")
    return value


def _change(action: int, values: Any, field: Any = None) -> str:
    if isinstance(values, dict):  # a many-to-many change
        named = [str(o) for o in values.get("objects", [])]
        if field is not None and field.related_model is Group:
            named = [_role_words(name) for name in named]
        objects = ", ".join(named)
        if values.get("operation") == "add":
            return str(_("ajout de %(objects)s")) % {"objects": objects}
        return str(_("retrait de %(objects)s")) % {"objects": objects}
    before, after = (None, values)
    if isinstance(values, list):
        padded = [*values, None, None]
        before, after = padded[0], padded[1]
    if MASK in (before, after):
        return str(_("modifié (valeur non conservée)"))
    before, after = _stored(field, before), _stored(field, after)
    if action == events.CREATE:
        return _text(after)
    if action == events.DELETE:
        return _text(before)
    return f"{_text(before)} → {_text(after)}"


def details(entry: LogEntry) -> list[tuple[str, str]]:
    """(label, value) of what changed, or of what an explicit line says."""
    model = entry.content_type.model_class()
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    found = []
    for name, values in changes.items():
        label = _field_label(model, name)
        if label is not None and name != "id":
            found.append((label, _change(entry.action, values, _field(model, name))))
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    for key, value in data.items():
        if key not in _OWN_KEYS:
            found.append((str(DETAIL_LABELS.get(key, key)), _text(value)))
    return found


def line(entry: LogEntry) -> Line:
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    model = entry.content_type.model_class()
    who = entry.actor.get_username() if entry.actor is not None else ""
    return Line(
        entry=entry,
        when=entry.timestamp,
        who=who or str(data.get("actor_name") or ""),
        event=events.event(str(data.get("event", ""))),
        object_type=str(model._meta.verbose_name).capitalize() if model else "",
        object_label=_role_words(entry.object_repr) if model is Group else entry.object_repr,
        ip=entry.remote_addr or "",
        details=details(entry),
    )


def as_json(entry: LogEntry) -> dict[str, Any]:
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    return {
        "id": entry.pk,
        "at": entry.timestamp.isoformat(),
        "actor": (entry.actor.get_username() if entry.actor else "") or data.get("actor_name", ""),
        "event": data.get("event", ""),
        "object_type": f"{entry.content_type.app_label}.{entry.content_type.model}",
        "object_id": entry.object_pk,
        "object": entry.object_repr,
        "ip": entry.remote_addr,
        "changes": entry.changes or {},
        "details": {k: v for k, v in data.items() if k not in _OWN_KEYS},
    }
