"""The plans a person co-builds, under ``/participer/plans/``, in easy-to-read French.

A contributor (``PlanContributor`` not left) reads the plan, proposes a question, what
counts for them (a criterion) or something to look at (an indicator), each saved as a new
version of the plan, and may stop taking part at any time. Anyone else gets a 404: whether
a plan exists is not said to those who do not take part in it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vivier.accounts.access import signed_in

from . import forms_plans, plans
from .models import PlanContributor


def _contribution(request: HttpRequest, slug: str) -> PlanContributor:
    found = plans.contribution(request.user, slug)
    if found is None:
        raise Http404(_("Vous ne participez pas à ce plan."))
    return found


# Any account: each sees the plans they co-build (none, for most).
@signed_in
@require_safe
def plan_list(request: HttpRequest) -> HttpResponse:
    contributions = (
        PlanContributor.objects.filter(user=request.user, left_at__isnull=True)
        .select_related("plan__practice")
        .order_by("plan__practice__title")
    )
    return render(
        request,
        "evaluation/participer/plans/list.html",
        {"contributions": contributions, "page_title": _("Les plans que je construis")},
    )


def _detail(
    request: HttpRequest, contributor: PlanContributor, bound: Any = None, status: int = 200
) -> HttpResponse:
    content = plans.current(contributor.plan)
    proposal_forms = {kind: form() for kind, form in forms_plans.PROPOSAL_FORMS.items()}
    if bound is not None:
        proposal_forms[bound[0]] = bound[1]
    return render(
        request,
        "evaluation/participer/plans/detail.html",
        {
            "contributor": contributor,
            "plan": contributor.plan,
            "practice": contributor.plan.practice,
            "content": content,
            "group": plans.GROUP_LABELS[contributor.group],
            "matrix": plans.matrix(content),
            "groups": [str(label) for label in plans.GROUP_LABELS.values()],
            "question_form": proposal_forms[plans.Proposal.QUESTION],
            "criterion_form": proposal_forms[plans.Proposal.CRITERION],
            "indicator_form": proposal_forms[plans.Proposal.INDICATOR],
            "forms": [bound[1]] if bound is not None else [],
            "has_errors": bound is not None,
            "page_title": contributor.plan.practice.title,
        },
        status=status,
    )


@signed_in
@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _detail(request, _contribution(request, slug))


@signed_in
@require_POST
def propose(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    contributor = _contribution(request, slug)
    form = forms_plans.PROPOSAL_FORMS[kind](request.POST)
    if not form.is_valid():
        return _detail(request, contributor, (kind, form), status=400)
    plans.propose(contributor, kind, form.cleaned_data["text"], form.cleaned_data.get("why", ""))
    thanks = {
        plans.Proposal.QUESTION: _("Merci. Votre question est dans le plan."),
        plans.Proposal.CRITERION: _("Merci. Ce qui compte pour vous est dans le plan."),
        plans.Proposal.INDICATOR: _("Merci. Votre idée est dans le plan."),
    }
    messages.success(request, thanks[kind])
    return redirect("participer:participer_plans:detail", slug=slug)


@signed_in
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    contributor = _contribution(request, slug)
    form = forms_plans.ConfirmForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        plans.leave(contributor)
        messages.success(
            request,
            _("Vous ne participez plus à ce plan. Ce que vous avez proposé reste dans le plan."),
        )
        return redirect("participer:participer_plans:list")
    return render(
        request,
        "evaluation/participer/plans/leave.html",
        {
            "contributor": contributor,
            "practice": contributor.plan.practice,
            "form": form,
            "page_title": _("Je ne participe plus"),
        },
    )
