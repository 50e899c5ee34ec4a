"""Dates with their weekday, in the page's language: ``{{ day|long_date }}``.

Django's named formats say no weekday; a day of a campaign ("the busiest day", a row of
the per-day table) reads better with it. The words and patterns are Django's, through
``vivier.reports.localized``: "lundi 24 août 2020", "Monday, August 24, 2020".
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

from vivier.reports import localized

register = template.Library()


@register.filter
def long_date(value: date | datetime | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        # The day as seen where the service runs, as the |date filter shows it.
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return localized.date_text(value, "long", localized.page_lang())
