"""A person's own stories, under ``/participer/recits/``: tell one, see what became of it,
change or withdraw their consent. In easy-to-read French; nothing here needs JavaScript.

A person tells a story on a plan they contribute to (and have not left); they keep seeing
their stories, and may always withdraw their consent, even after leaving. Another person's
story answers 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vivier.accounts.access import signed_in

from . import stories
from .forms_stories import TellerConsentForm, TellForm, WithdrawForm
from .models import Plan, PlanContributor, Story


def _plans_open_to(user: Any) -> Any:
    """The plans this person contributes to now."""
    return (
        Plan.objects.filter(contributors__user=user, contributors__left_at__isnull=True)
        .select_related("practice")
        .order_by("practice__title")
    )


def _own(request: HttpRequest, pk: int) -> Story:
    story = (
        Story.objects.filter(pk=pk, teller_id=request.user.pk)
        .select_related("plan__practice")
        .prefetch_related("selections")
        .first()
    )
    if story is None:
        raise Http404(_("Ce récit n’existe pas."))
    return story


def _decisions(story: Story) -> list[dict[str, Any]]:
    """What the teller reads of each decision: who, chosen or not, why, and what was told."""
    return [
        {"selection": selection, "who": stories.LEVEL_WHO[selection.level]}
        for selection in sorted(story.selections.all(), key=lambda s: s.level)
    ]


@signed_in
@require_safe
def my_stories(request: HttpRequest) -> HttpResponse:
    mine = (
        Story.objects.filter(teller_id=request.user.pk)
        .select_related("plan__practice")
        .prefetch_related("selections")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "evaluation/participer/stories/list.html",
        {
            "rows": [{"story": story, "reached": stories.reached(story)} for story in mine],
            "may_tell": _plans_open_to(request.user).exists(),
            "level_who": stories.LEVEL_WHO,
            "page_title": _("Mes récits"),
        },
    )


@signed_in
@require_http_methods(["GET", "POST"])
def tell(request: HttpRequest) -> HttpResponse:
    plans = _plans_open_to(request.user)
    if not plans.exists():
        messages.info(
            request,
            _("Pour raconter un récit, il faut participer à une évaluation."),
        )
        return redirect("participer:participer_stories:list")
    form = TellForm(plans, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan = data["plan"]
        group = (
            PlanContributor.objects.filter(plan=plan, user=request.user)
            .values_list("group", flat=True)
            .first()
        )
        story = Story.objects.create(
            plan=plan,
            teller=request.user,
            teller_group=group or "personnes_concernees",
            teller_alias=data["teller_alias"],
            domain=data["domain"],
            period=data["period"],
            title=data["title"],
            what_changed=data["what_changed"],
            why_it_matters=data["why_it_matters"],
            recorded_by=request.user,
        )
        stories.set_consent(story, data["consent"])
        messages.success(request, _("Merci. Votre récit est enregistré."))
        return redirect("participer:participer_stories:detail", pk=story.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "evaluation/participer/stories/tell.html",
        {"form": form, "page_title": _("Raconter ce qui a changé")},
        status=status,
    )


def _page(
    request: HttpRequest, story: Story, status: int = 200, consent_form: Any = None
) -> HttpResponse:
    return render(
        request,
        "evaluation/participer/stories/detail.html",
        {
            "story": story,
            "consent": stories.consent_of(story),
            "decisions": _decisions(story),
            "consent_form": consent_form
            or TellerConsentForm(initial={"consent": stories.consent_of(story)}),
            "withdraw_form": WithdrawForm(),
            "refused": consent_form,
            "page_title": story.title or _("Mon récit"),
        },
        status=status,
    )


@signed_in
@require_safe
def my_story(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _own(request, pk))


@signed_in
@require_POST
def my_consent(request: HttpRequest, pk: int) -> HttpResponse:
    story = _own(request, pk)
    form = TellerConsentForm(request.POST)
    if not form.is_valid():
        return _page(request, story, status=400, consent_form=form)
    stories.set_consent(story, form.cleaned_data["consent"])
    messages.success(request, _("C’est noté. Votre réponse est enregistrée."))
    return redirect("participer:participer_stories:detail", pk=story.pk)


@signed_in
@require_POST
def my_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    story = _own(request, pk)
    if WithdrawForm(request.POST).is_valid():
        stories.withdraw_consent(story)
        messages.success(
            request,
            _("C’est noté. Votre récit n’est plus montré. Seule l’équipe le garde."),
        )
    return redirect("participer:participer_stories:detail", pk=story.pk)
