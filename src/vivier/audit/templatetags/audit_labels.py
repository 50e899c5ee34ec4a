"""An audit action's words rather than its stored code: ``{{ entry.action|event_label }}``."""

from __future__ import annotations

from django import template

from vivier.audit import events

register = template.Library()


@register.filter
def event_label(code: str) -> str:
    # An unknown code (written by a newer version) is shown as stored: better than nothing.
    return str(events.event(str(code)).label)
