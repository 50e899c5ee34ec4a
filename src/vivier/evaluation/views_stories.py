"""Stories of change and outcomes of one plan, under ``/evaluation/<slug>/recits/``.

Whoever may read the plan opens these pages; only those who may change it (the working
group, the sheet's holder) record, select and see every story with its teller's name. Every
other reader sees the quotable stories only (:func:`stories.visible`): a story whose consent
was withdrawn, or never given, is not theirs to read, and its page answers 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vivier.accounts.access import signed_in

from . import stories
from .forms_stories import (
    ConsentForm,
    EraseTellerForm,
    FeedbackForm,
    OutcomeForm,
    SelectionForm,
    SourceCheckForm,
    SourceForm,
    StoryEditForm,
    StoryForm,
    WithdrawForm,
    source_formset,
)
from .models import Outcome, OutcomeSource, Plan, Story, StorySelection, StoryTeller
from .views_hub import plan_of

CHANGE = "evaluation.change_plan"


def _story(request: HttpRequest, plan: Plan, pk: int) -> Story:
    """The story if this person may read it on this plan; else the same 404 as for none."""
    story = (
        stories.visible(plan, request.user)
        .select_related("teller_contact")
        .prefetch_related("selections")
        .filter(pk=pk)
        .first()
    )
    if story is None:
        raise Http404(_("Ce récit n’existe pas ou ne vous est pas ouvert."))
    return story


def _base(request: HttpRequest, plan: Plan, title: str) -> dict[str, Any]:
    return {
        "plan": plan,
        "practice": plan.practice,
        "may_change": stories.may_change(request.user, plan),
        "page_title": title,
    }


@signed_in
@require_safe
def story_list(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug)
    shown = stories.visible(plan, request.user).prefetch_related("selections")
    rows = [{"story": story, "reached": stories.reached(story)} for story in shown]
    context = _base(request, plan, _("Récits de changement et effets observés"))
    context.update(
        {
            "rows": rows,
            "levels": [
                {"level": level, "label": stories.LEVEL_LABELS[level]} for level in stories.LEVELS
            ],
            "outcomes": stories.with_substantiation(plan.outcomes.all()),
        }
    )
    return render(request, "evaluation/stories/list.html", context)


def _save_teller(story: Story, name: str, contact: str) -> None:
    """Keeps the teller's name and contact apart; an emptied name erases them."""
    if name:
        StoryTeller.objects.update_or_create(
            story=story, defaults={"name": name, "contact": contact}
        )
    else:
        StoryTeller.objects.filter(story=story).delete()


@signed_in
@require_http_methods(["GET", "POST"])
def story_add(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    form = StoryForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            story = Story.objects.create(
                plan=plan,
                teller_id=int(data["teller_account"]) if data.get("teller_account") else None,
                teller_group=data["teller_group"],
                teller_alias=data["teller_alias"],
                domain=data["domain"],
                period=data["period"],
                title=data["title"],
                what_changed=data["what_changed"],
                why_it_matters=data["why_it_matters"],
                tags=data["tags"],
                assisted=data["assisted"],
                recorded_by=request.user,
            )
            stories.set_consent(story, data["consent"])
            _save_teller(story, data["teller_name"], data["teller_contact"])
        messages.success(request, _("Le récit est enregistré."))
        return redirect("evaluation:stories:detail", slug=slug, pk=story.pk)
    context = _base(request, plan, _("Recueillir un récit de changement"))
    context["form"] = form
    status = 400 if form.is_bound else 200
    return render(request, "evaluation/stories/story_form.html", context, status=status)


@signed_in
@require_http_methods(["GET", "POST"])
def story_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    story = _story(request, plan, pk)
    form = StoryEditForm(request.POST or None, initial=StoryForm.initial_of(story), plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            for name in (
                "teller_group",
                "teller_alias",
                "domain",
                "period",
                "title",
                "what_changed",
                "why_it_matters",
                "tags",
                "assisted",
            ):
                setattr(story, name, data[name])
            if "teller_account" in data:
                story.teller_id = int(data["teller_account"]) if data["teller_account"] else None
            story.save()
            _save_teller(story, data["teller_name"], data["teller_contact"])
        messages.success(request, _("Le récit est modifié."))
        return redirect("evaluation:stories:detail", slug=slug, pk=story.pk)
    context = _base(request, plan, _("Modifier le récit"))
    context.update({"form": form, "story": story})
    status = 400 if form.is_bound else 200
    return render(request, "evaluation/stories/story_form.html", context, status=status)


def _detail(
    request: HttpRequest, plan: Plan, story: Story, status: int = 200, **forms: Any
) -> HttpResponse:
    """The story's page; a refused form comes back bound, the others fresh."""
    context = _base(request, plan, story.title or story.domain)
    decided = stories.decisions(story)
    context.update(
        {
            "story": story,
            "consent": stories.consent_of(story),
            "decisions": [
                {
                    "level": level,
                    "label": stories.LEVEL_LABELS[level],
                    "selection": decided.get(level),
                    "feedback_form": forms.get(f"feedback_{level}")
                    or FeedbackForm(
                        prefix=f"l{level}",
                        initial={"feedback": getattr(decided.get(level), "feedback", "")},
                    ),
                }
                for level in stories.LEVELS
            ],
            "reached": stories.reached(story),
            # The one refused form, if any: its errors are summed up at the top.
            "refused": next(iter(forms.values()), None),
        }
    )
    if context["may_change"]:
        context.update(
            {
                "teller": getattr(story, "teller_contact", None),
                "consent_form": forms.get("consent")
                or ConsentForm(initial={"consent": context["consent"]}),
                "withdraw_form": WithdrawForm(),
                "erase_form": forms.get("erase") or EraseTellerForm(),
                "selection_form": forms.get("selection") or SelectionForm(story),
            }
        )
    return render(request, "evaluation/stories/detail.html", context, status=status)


def _fresh(story: Story) -> Story:
    return (
        Story.objects.select_related("teller_contact")
        .prefetch_related("selections")
        .get(pk=story.pk)
    )


@signed_in
@require_safe
def story_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug)
    return _detail(request, plan, _story(request, plan, pk))


@signed_in
@require_POST
def story_consent(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    story = _story(request, plan, pk)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        return _detail(request, plan, story, status=400, consent=form)
    stories.set_consent(story, form.cleaned_data["consent"])
    messages.success(request, _("Le consentement est enregistré."))
    return redirect("evaluation:stories:detail", slug=slug, pk=story.pk)


@signed_in
@require_POST
def story_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    story = _story(request, plan, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        stories.withdraw_consent(story)
        messages.success(
            request,
            _("Le consentement est retiré : le récit n’apparaît plus hors de l’équipe."),
        )
    return redirect("evaluation:stories:detail", slug=slug, pk=story.pk)


@signed_in
@require_POST
def teller_erase(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    story = _story(request, plan, pk)
    form = EraseTellerForm(request.POST)
    if not form.is_valid():
        return _detail(request, plan, story, status=400, erase=form)
    if stories.erase_teller(request, story):
        messages.success(request, _("Le nom et le contact de la personne sont effacés."))
    else:
        messages.info(request, _("Aucun nom ni contact n’était enregistré."))
    return redirect("evaluation:stories:detail", slug=slug, pk=story.pk)


@signed_in
@require_POST
def story_select(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    story = _story(request, plan, pk)
    form = SelectionForm(story, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            stories.decide(story, data["level"], data["selected"], data["reason"], request.user)
        except stories.SelectionRefused as refused:
            # Another person decided meanwhile: said beside the decision, as the form does.
            form.add_error("selected", refused.message)
        else:
            messages.success(request, _("La décision est enregistrée."))
            return redirect("evaluation:stories:detail", slug=slug, pk=story.pk)
    return _detail(request, plan, _fresh(story), status=400, selection=form)


@signed_in
@require_POST
def story_feedback(request: HttpRequest, slug: str, pk: int, level: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    story = _story(request, plan, pk)
    selection = get_object_or_404(StorySelection, story=story, level=level)
    form = FeedbackForm(request.POST, prefix=f"l{level}")
    if not form.is_valid():
        return _detail(request, plan, story, status=400, **{f"feedback_{level}": form})
    stories.feed_back(selection, form.cleaned_data["feedback"])
    messages.success(request, _("Le retour fait à la personne est enregistré."))
    return redirect("evaluation:stories:detail", slug=slug, pk=story.pk)


# --------------------------------------------------------------------------------------------
# Outcomes


def _outcome(plan: Plan, pk: int) -> Outcome:
    found = stories.with_substantiation(plan.outcomes.filter(pk=pk)).first()
    if found is None:
        raise Http404(_("Cet effet n’existe pas."))
    return found


@signed_in
@require_http_methods(["GET", "POST"])
def outcome_add(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    data = request.POST if request.method == "POST" else None
    form, sources = OutcomeForm(data), source_formset(data)
    if data is not None and all([form.is_valid(), sources.is_valid()]):
        with transaction.atomic():
            outcome = Outcome.objects.create(
                plan=plan, recorded_by=request.user, **form.cleaned_data
            )
            for source in sources.filled():
                OutcomeSource.objects.create(
                    outcome=outcome,
                    source=source["source"],
                    substantiated=source["substantiated"],
                    substantiated_by=request.user if source["substantiated"] else None,
                    comment=source["comment"],
                )
        messages.success(request, _("L’effet est enregistré."))
        return redirect("evaluation:stories:outcome", slug=slug, pk=outcome.pk)
    context = _base(request, plan, _("Enregistrer un effet observé"))
    context.update({"form": form, "sources": sources})
    status = 400 if data is not None else 200
    return render(request, "evaluation/stories/outcome_form.html", context, status=status)


def _outcome_page(
    request: HttpRequest,
    plan: Plan,
    outcome: Outcome,
    status: int = 200,
    refused: tuple[int, Any] | None = None,
    new_source: Any = None,
) -> HttpResponse:
    context = _base(request, plan, _("Effet observé : %(actor)s") % {"actor": outcome.social_actor})
    rows = []
    for source in outcome.sources.select_related("substantiated_by").order_by("pk"):
        form = None
        if context["may_change"]:
            if refused is not None and refused[0] == source.pk:
                form = refused[1]
            else:
                form = SourceCheckForm(
                    prefix=f"s{source.pk}",
                    initial={"substantiated": source.substantiated, "comment": source.comment},
                )
        rows.append({"source": source, "form": form})
    context.update(
        {
            "outcome": outcome,
            "rows": rows,
            "refused": refused[1] if refused is not None else new_source,
            "new_source": new_source
            or (SourceForm(prefix="new") if context["may_change"] else None),
        }
    )
    return render(request, "evaluation/stories/outcome_detail.html", context, status=status)


@signed_in
@require_safe
def outcome_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug)
    return _outcome_page(request, plan, _outcome(plan, pk))


@signed_in
@require_POST
def source_check(request: HttpRequest, slug: str, pk: int, source_pk: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    outcome = _outcome(plan, pk)
    source = get_object_or_404(OutcomeSource, outcome=outcome, pk=source_pk)
    form = SourceCheckForm(request.POST, prefix=f"s{source.pk}")
    if not form.is_valid():
        return _outcome_page(request, plan, outcome, status=400, refused=(source.pk, form))
    stories.check_source(
        source, form.cleaned_data["substantiated"], form.cleaned_data["comment"], request.user
    )
    messages.success(request, _("La vérification de la source est enregistrée."))
    return redirect("evaluation:stories:outcome", slug=slug, pk=outcome.pk)


@signed_in
@require_POST
def source_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    outcome = _outcome(plan, pk)
    form = SourceForm(request.POST, prefix="new")
    if not form.is_valid():
        return _outcome_page(request, plan, outcome, status=400, new_source=form)
    data = form.cleaned_data
    OutcomeSource.objects.create(
        outcome=outcome,
        source=data["source"],
        substantiated=data["substantiated"],
        substantiated_by=request.user if data["substantiated"] else None,
        comment=data["comment"],
    )
    messages.success(request, _("La source est ajoutée."))
    return redirect("evaluation:stories:outcome", slug=slug, pk=outcome.pk)
