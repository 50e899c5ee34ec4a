"""Stories of change and outcomes, and the one rule on where their text may appear.

Consent is recorded per story and revocable. Every page, export and document that shows a
story's text takes its stories from :func:`quotable` (reports read by the practice and its
funders) or :func:`publishable` (the public sheet, open data): a story whose consent was
withdrawn is in neither, wherever it was selected.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from .models import Outcome, Plan, Story

#: Levels of selection (Most Significant Change), from the closest to the teller.
LEVELS = (1, 2, 3)


def _consent_standing() -> Q:
    return Q(consent_withdrawn_at__isnull=True)


def quotable(plan: Plan) -> QuerySet[Story]:
    """Stories whose tellers agreed to be quoted in the plan's reports, and still agree."""
    return plan.stories.filter(_consent_standing(), consent_quote=True)


def publishable(plan: Plan) -> QuerySet[Story]:
    """Stories the public may read: published by the plan, consent to publish standing."""
    if not plan.publish_stories:
        return Story.objects.none()
    return plan.stories.filter(_consent_standing(), consent_publish=True, consent_quote=True)


def published_outcomes(plan: Plan) -> QuerySet[Outcome]:
    return plan.outcomes.filter(publish=True)


def summary(plan: Plan, user: Any) -> dict[str, Any]:
    return {"stories": plan.stories.count(), "outcomes": plan.outcomes.count()}
