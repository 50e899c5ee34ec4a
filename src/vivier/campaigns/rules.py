"""Rights on one response: an enquêteur sees the responses they entered, and only those.

``campaigns.view_response`` held from a role opens every response of every campaign (the
analyst). On one response it is also held by the person who entered it, if they may still
enter responses (``campaigns.add_response``, the enquêteur). :func:`visible_responses` is
the same rule for a list, so a list and its detail pages never disagree.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import QuerySet

from vivier.accounts.predicates import holds, holds_for_every_object

from .models import Response

may_enter_responses = holds("campaigns.add_response")


@rules.predicate
def entered_it(user: Any, response: Response | None) -> bool:
    return response is not None and user.pk is not None and response.entered_by_id == user.pk


rules.add_perm(
    "campaigns.view_response",
    holds_for_every_object("campaigns.view_response") | (may_enter_responses & entered_it),
)


def visible_responses(user: Any, responses: QuerySet[Response]) -> QuerySet[Response]:
    """The responses of ``responses`` this person may open (``campaigns.view_response``)."""
    if user.has_perm("campaigns.view_response"):
        return responses
    if user.is_authenticated and may_enter_responses(user):
        return responses.filter(entered_by=user)
    return responses.none()
