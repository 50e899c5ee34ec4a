"""Reading the trail: the filters the staff page and the ``audit`` command share.

Filters: the person (their username, or part of it; ``cli:`` for the commands), the action
(a kind of :mod:`vivier.audit.events`, or one event code), the type of object, and a range
of days (whole days in the site's time zone, both ends included). Newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone

from . import events

if TYPE_CHECKING:
    from auditlog.models import LogEntry

#: The types of object lines can be about, by ``app_label.model`` (the filter's choices).
OBJECT_TYPES = (
    "auth.user",
    "auth.group",
    "accounts.invitation",
    "accounts.signincode",
    "campaigns.campaign",
    "campaigns.distributionlink",
    "campaigns.questionnaireversion",
    "campaigns.response",
    "campaigns.responsecontact",
    "practices.practice",
    "practices.candidate",
    "reports.remark",
    "auditlog.logentry",
)


@dataclass(frozen=True, slots=True)
class Filters:
    actor: str = ""
    #: A kind's code, or an event's code.
    action: str = ""
    #: ``app_label.model``.
    object_type: str = ""
    since: date | None = None
    until: date | None = None


def object_types() -> list[tuple[str, str]]:
    """(value, label) of each type of object, by label; types not installed are left out."""
    found = []
    for label in OBJECT_TYPES:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        found.append((label, str(model._meta.verbose_name).capitalize()))
    return sorted(found, key=lambda item: item[1].casefold())


def is_action(value: str) -> bool:
    return value in events.KINDS or value in events.EVENTS


#: Days outside these filter nothing: no line is that old or that far ahead (and the first
#: and last days a date can hold would overflow once converted to UTC).
_EARLIEST, _LATEST = date(1900, 1, 1), date(9000, 1, 1)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def entries(filters: Filters = Filters()) -> QuerySet[LogEntry]:
    from auditlog.models import LogEntry

    found = LogEntry.objects.select_related("content_type", "actor").order_by("-timestamp", "-pk")
    if filters.actor:
        found = found.filter(
            Q(actor__username__icontains=filters.actor)
            | Q(additional_data__actor_name__icontains=filters.actor)
        )
    if filters.action == "deletion":
        found = found.filter(action=events.DELETE)
    elif filters.action in events.KINDS:
        found = found.filter(additional_data__event__in=events.codes_of_kind(filters.action))
    elif filters.action:
        found = found.filter(additional_data__event=filters.action)
    if filters.object_type:
        app_label, _dot, model = filters.object_type.partition(".")
        found = found.filter(content_type__app_label=app_label, content_type__model=model)
    if filters.since and filters.since > _EARLIEST:
        found = found.filter(timestamp__gte=_start_of(filters.since))
    if filters.until and filters.until < _LATEST:
        found = found.filter(timestamp__lt=_start_of(filters.until + timedelta(days=1)))
    return found
