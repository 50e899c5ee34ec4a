"""Template context of the accounts app: the header's entries for the person signed in."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .navigation import entries_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    # A callable: the template computes the entries only on pages that show the header.
    return {"nav_entries": lambda: entries_for(request.user)}
