"""``{% pending_suggestions source as found %}``: the suggestions waiting on one text, for the
block the coding screen includes (``coding/_screen_suggestions.html``)."""

from __future__ import annotations

from django import template

from vivier.coding import suggestions
from vivier.coding.models import Coding, Source

register = template.Library()


@register.simple_tag
def pending_suggestions(source: Source) -> list[Coding]:
    return suggestions.pending_for(source)
