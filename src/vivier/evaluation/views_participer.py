"""The home page of persons concerned and committee members: what they take part in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from vivier.accounts.access import signed_in

from .models import CommitteeMember, PlanContributor, Story


# Any account: each sees what they take part in (nothing, for most).
@signed_in
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "evaluation/participer/home.html",
        {
            "contributions": PlanContributor.objects.filter(
                user=request.user, left_at__isnull=True
            ).select_related("plan__practice"),
            "stories": Story.objects.filter(teller=request.user).select_related("plan__practice"),
            "seats": CommitteeMember.objects.filter(user=request.user, active=True).select_related(
                "committee"
            ),
            "page_title": _("Je participe"),
        },
    )
