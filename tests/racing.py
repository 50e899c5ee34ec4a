"""Two requests racing to create the same row, played in one test.

A check such as "no campaign has this identifier yet" and the insert after it are two
statements: another request can commit its row between them. A test plays that by writing
the rival's row first and making the code's check answer as it would have a moment earlier,
before the rival committed (``first_check_misses``, ``stale_once``). The insert then meets
the rival's row in the database, as in the real race.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import QuerySet


def first_check_misses(monkeypatch: pytest.MonkeyPatch, model: type) -> list[QuerySet]:
    """The first ``exists()`` asked about ``model`` answers False; the next ones ask the
    database. Returns the querysets that were answered stale (to check the race happened)."""
    real = QuerySet.exists
    missed: list[QuerySet] = []

    def exists(self: QuerySet) -> bool:
        if self.model is model and not missed:
            missed.append(self)
            return False
        return real(self)

    monkeypatch.setattr(QuerySet, "exists", exists)
    return missed


def stale_once(
    monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, answer: Any
) -> list[tuple[Any, ...]]:
    """``owner.name(...)`` returns ``answer`` the first time, then what it really returns.
    Returns the calls answered stale."""
    real: Callable[..., Any] = getattr(owner, name)
    calls: list[tuple[Any, ...]] = []

    def once(*args: Any, **kwargs: Any) -> Any:
        if not calls:
            calls.append(args)
            return answer
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, once)
    return calls
