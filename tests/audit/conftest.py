"""Personas and helpers of the audit-trail tests.

- ``dora``: an administrator (staff, the right to read the trail, nothing else);
- ``alice`` (superuser), ``bob`` (staff without the right), ``carol`` (not staff): as in the
  suite's own conftest.

Every sensitive action is checked the same way: the lines written while it ran, exactly one,
with its event, its person, its object and the address it came from (``ADDRESS``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from auditlog.models import LogEntry

#: The client address the tests send (TEST-NET-3, documentation only).
ADDRESS = "203.0.113.9"


@pytest.fixture
def dora(django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("dora", password="dora-pass", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="auditlog", codename="view_logentry")
    )
    return user


class Written:
    """The lines written inside ``written()``."""

    def __init__(self) -> None:
        self.lines: list[LogEntry] = []

    def one(self) -> LogEntry:
        events = [line.additional_data.get("event") for line in self.lines]
        assert len(self.lines) == 1, f"expected exactly one line, got {events}"
        return self.lines[0]


@contextmanager
def written() -> Iterator[Written]:
    last = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    found = Written()
    yield found
    found.lines = list(
        LogEntry.objects.filter(pk__gt=last).select_related("actor", "content_type").order_by("pk")
    )


def assert_line(line: LogEntry, event: str, actor: str | None, obj: object, ip: str | None):
    """The line says ``event``, names ``actor`` (a username, or None for no one), is about
    ``obj`` (a model instance, or an ``app_label.model`` text) and came from ``ip``."""
    assert line.additional_data["event"] == event
    if actor is None:
        assert line.actor is None
    else:
        assert line.actor is not None and line.actor.get_username() == actor
        assert line.additional_data["actor_name"] == actor
    if isinstance(obj, str):
        assert f"{line.content_type.app_label}.{line.content_type.model}" == obj
    else:
        assert line.content_type.model_class() is type(obj)
        assert line.object_pk == str(obj.pk)  # type: ignore[attr-defined]
    assert line.remote_addr == ip
    # The username names the person; their e-mail address is not copied.
    assert not line.actor_email
