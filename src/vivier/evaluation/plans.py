"""Saving a plan: every change is a new version, with definitions numbered (``plans.schema``).

The one way to change ``Plan.data``: :func:`save` revises the indicators' definition numbers
against every earlier version, keeps the version, and derives the columns the catalogue
filters on. Views, imports and the demo all go through it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from vivier.plans import participation, schema

from .models import Plan, PlanVersion


def current(plan: Plan) -> schema.Plan:
    """The plan's content as the pure dataclass."""
    return schema.from_dict(plan.data or {})


def start(practice: Any, author: Any = None) -> Plan:
    """The practice's plan, created empty (version 1) the first time."""
    with transaction.atomic():
        plan, created = Plan.objects.get_or_create(practice=practice)
        if created:
            PlanVersion.objects.create(
                plan=plan, number=1, data=plan.data, author=_account(author), note=""
            )
    return plan


def _highest_definitions(plan: Plan) -> dict[str, int]:
    highest: dict[str, int] = {}
    for data in PlanVersion.objects.filter(plan=plan).values_list("data", flat=True):
        for indicator in (data or {}).get("indicators", []):
            key = indicator.get("key")
            if isinstance(key, str):
                highest[key] = max(highest.get(key, 0), int(indicator.get("definition", 1)))
    return highest


def save(
    plan: Plan, content: schema.Plan, author: Any = None, group: str = "", note: str = ""
) -> schema.Plan:
    """Stores ``content`` as the plan's next version and returns it with definitions set.

    Saving the same content again makes no version.
    """
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        before = current(locked)
        revised = schema.revise_known(before, content, _highest_definitions(locked))
        data = schema.to_dict(revised)
        if data == locked.data and locked.versions.exists():
            return revised
        locked.version += 1
        locked.data = data
        locked.persons_concerned_co_decide = participation.persons_concerned_co_decide(revised)
        locked.updated_at = timezone.now()
        locked.save()
        PlanVersion.objects.create(
            plan=locked,
            number=locked.version,
            data=data,
            author=_account(author),
            group=group,
            note=note[:300],
        )
    plan.refresh_from_db()
    return revised


def _account(user: Any) -> Any:
    return user if user is not None and getattr(user, "pk", None) else None


def summary(plan: Plan, user: Any) -> dict[str, Any]:
    """What the evaluation page shows of the plan itself (filled by the plans views)."""
    content = current(plan)
    return {"content": content, "version": plan.version}


__all__ = ["current", "save", "start", "summary"]
