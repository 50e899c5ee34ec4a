"""Which campaigns' coding a person may open, and the 404 for the others.

The analysts (``coding.view_source``) and the working group (``coding.view_codebook``) open
every campaign's coding; an enquêteur opens every campaign (to type interview notes there)
but sees only their own notes and the texts a round gives them; a coder without either
right opens the campaigns where they were given texts in a round. Everyone else gets the
same 404 as for a campaign that does not exist, so that the coding of a campaign does not
leak.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from vivier.campaigns.models import Campaign

from .models import RoundAssignment, Source

#: Model-wide permissions that open every campaign's coding.
READERS = ("coding.view_source", "coding.view_codebook")


def reads_every_campaign(user: Any) -> bool:
    return any(user.has_perm(name) for name in READERS)


def own_campaign_ids(user: Any) -> set[int]:
    """The campaigns where this person typed a note or was given texts in a round."""
    if user.pk is None:
        return set()
    typed = Source.objects.filter(created_by_id=user.pk).values_list("campaign_id", flat=True)
    given = RoundAssignment.objects.filter(coder_id=user.pk).values_list(
        "round__campaign_id", flat=True
    )
    return set(typed) | set(given)


def types_notes(user: Any) -> bool:
    """An enquêteur: types interview notes in any campaign they see, and codes their own."""
    return bool(user.has_perm("coding.add_source") and user.has_perm("campaigns.view_campaign"))


def may_open(user: Any, campaign: Campaign) -> bool:
    if reads_every_campaign(user) or types_notes(user):
        return True
    if not user.has_perm("coding.add_coding"):
        return False
    return campaign.pk in own_campaign_ids(user)


def campaign_of(request: HttpRequest, slug: str) -> Campaign:
    """The campaign ``slug`` if this person may open its coding; a 404 otherwise."""
    campaign = Campaign.objects.filter(slug=slug).first()
    if campaign is None or not may_open(request.user, campaign):
        raise Http404(_("Ce codage n’existe pas ou ne vous est pas ouvert."))
    return campaign


def readable_sources(campaign: Campaign, user: Any) -> QuerySet[Source]:
    """The texts of ``campaign`` this person may read: all of them for the roles that read
    every campaign, otherwise their own notes and the texts a round gave them."""
    found = Source.objects.filter(campaign=campaign)
    if reads_every_campaign(user):
        return found
    if user.pk is None:
        return found.none()
    mine = Q(created_by_id=user.pk) | Q(assignments__coder_id=user.pk)
    return found.filter(pk__in=Source.objects.filter(mine, campaign=campaign).values("pk"))


def visible_campaigns(user: Any) -> list[Campaign]:
    found = Campaign.objects.order_by("-pk")
    if reads_every_campaign(user) or types_notes(user):
        return list(found)
    if not user.has_perm("coding.add_coding"):
        return []
    return list(found.filter(pk__in=own_campaign_ids(user)))
