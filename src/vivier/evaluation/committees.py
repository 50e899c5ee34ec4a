"""Cross-evaluation committees: sessions, the parity check, opinions per group then joint."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Opinion, Plan


def opinions_for(plan: Plan) -> QuerySet[Opinion]:
    """Every opinion given on the plan's practice, by any committee, oldest session first."""
    return Opinion.objects.filter(session__practice=plan.practice).order_by(
        "session__date", "session_id", "group"
    )


def published_opinions(plan: Plan) -> QuerySet[Opinion]:
    """The opinions the public may read: the plan publishes opinions, and each says so."""
    if not plan.publish_opinions:
        return Opinion.objects.none()
    return opinions_for(plan).filter(publish=True, session__state="closed")


def summary(plan: Plan, user: Any) -> dict[str, Any]:
    return {"opinions": opinions_for(plan).count()}
