"""The evaluation page of one practice sheet, and the list of the plans a person may open.

The page gathers each area's summary (plan, measurements, stories and outcomes, committees,
reports, questionnaires); each area's own pages do the work.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from vivier.accounts.access import signed_in
from vivier.practices.models import Practice

from . import committees, measurements, plans, stories
from .models import Plan


def plan_of(request: HttpRequest, slug: str, permission: str = "evaluation.view_plan") -> Plan:
    """The plan of the sheet ``slug`` if this person holds ``permission`` on it; otherwise
    the same 404 as for a sheet without a plan, so that a plan's existence does not leak."""
    plan = Plan.objects.select_related("practice").filter(practice__slug=slug).first()
    if plan is None or not request.user.has_perm(permission, plan):
        raise Http404(_("Ce plan d’évaluation n’existe pas ou ne vous est pas ouvert."))
    return plan


def visible_plans(user: object) -> list[Plan]:
    """The plans this person may open, their sheet's title order."""
    found = Plan.objects.select_related("practice").order_by("practice__title")
    return [plan for plan in found if user.has_perm("evaluation.view_plan", plan)]  # type: ignore[attr-defined]


# Any account: each sees the plans their roles, sheets and contributions open (none, for most).
@signed_in
@require_safe
def plan_list(request: HttpRequest) -> HttpResponse:
    held = Practice.objects.filter(holder=request.user, evaluation_plan__isnull=True)
    return render(
        request,
        "evaluation/list.html",
        {
            "plans": visible_plans(request.user),
            "startable": held,
            "page_title": _("Évaluations"),
        },
    )


@signed_in
@require_safe
def hub(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug)
    context = {
        "plan": plan,
        "practice": plan.practice,
        "may_change": request.user.has_perm("evaluation.change_plan", plan),
        "may_approve": request.user.has_perm("evaluation.approve_measurement"),
        "plan_part": plans.summary(plan, request.user),
        "measurements_part": measurements.summary(plan, request.user),
        "stories_part": stories.summary(plan, request.user),
        "committees_part": committees.summary(plan, request.user),
        "page_title": _("Évaluation de « %(title)s »") % {"title": plan.practice.title},
    }
    return render(request, "evaluation/hub.html", context)


@signed_in
@require_POST
def start_plan(request: HttpRequest, slug: str) -> HttpResponse:
    """The holder of a sheet (or the working group) starts its evaluation plan."""
    practice = get_object_or_404(Practice, slug=slug)
    allowed = request.user.has_perm("evaluation.change_plan") or (
        practice.holder_id is not None and practice.holder_id == request.user.pk
    )
    if not allowed:
        raise PermissionDenied
    plans.start(practice, request.user)
    messages.success(request, _("Le plan d’évaluation est ouvert : ajoutez ses questions."))
    return redirect("evaluation:hub", slug=practice.slug)
