"""The coding of one campaign at a glance, and the list of the campaigns a person may code."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from vivier.accounts.access import signed_in

from . import access
from .models import Code, Coding, CodingRound, Quote, Source
from .sources import catch_up


# Any account: each sees the campaigns their roles, notes and rounds open (none, for most).
@signed_in
@require_safe
def campaign_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "coding/list.html",
        {"campaigns": access.visible_campaigns(request.user), "page_title": _("Codage")},
    )


# Any account: access.campaign_of gives a 404 to those the campaign's coding is not open to.
@signed_in
@require_safe
def hub(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    # Answers submitted since the last visit become texts to code (a few queries when
    # nothing is new): the submission path itself does no coding work.
    catch_up(campaign)
    # An enquêteur counts only what is theirs: their notes and the texts given to them.
    sources = access.readable_sources(campaign, request.user)
    counts = {
        "sources": sources.count(),
        "answers": sources.filter(kind=Source.Kind.ANSWER).count(),
        "notes": sources.exclude(kind=Source.Kind.ANSWER).count(),
        "coded": sources.filter(
            codings__removed_at__isnull=True, codings__origin=Coding.Origin.HUMAN
        )
        .distinct()
        .count(),
        "codes": Code.objects.filter(codebook__campaign=campaign, active=True).count(),
        "rounds": CodingRound.objects.filter(campaign=campaign).count(),
        "quotes": Quote.objects.filter(source__campaign=campaign, reviewed=True).count(),
    }
    return render(
        request,
        "coding/hub.html",
        {
            "campaign": campaign,
            "counts": counts,
            "page_title": _("Codage de « %(title)s »") % {"title": campaign.title},
        },
    )
