"""Predicates the apps' ``rules.py`` share, for rights on one object.

An object right keeps the name of Django's model permission (``practices.change_practice``
on this sheet): whoever holds the permission for every object (from a role) holds it on
each one, and a rule adds the people who hold it on this one only (the holder of this sheet).
Django's own backend answers only the first question, and only without an object; the
``rules`` backend answers the second.
"""

from __future__ import annotations

from typing import Any

import rules
from rules.predicates import Predicate


def holds_for_every_object(permission: str) -> Predicate:
    """True, for an object, when the person holds ``permission`` on all objects of its kind.

    False without an object: asking the same permission again without one would come back
    here through the ``rules`` backend, and the model-wide answer is Django's to give.
    """

    @rules.predicate(name=f"holds {permission}")
    def check(user: Any, obj: Any) -> bool:
        return obj is not None and bool(user.has_perm(permission))

    return check


def holds(permission: str) -> Predicate:
    """The person holds ``permission`` (a model-wide permission no rule is declared for)."""

    @rules.predicate(name=f"has {permission}")
    def check(user: Any) -> bool:
        return bool(user.has_perm(permission))

    return check


__all__ = ["holds", "holds_for_every_object"]
