"""The plan's pages under ``/evaluation/<slug>/plan/``: reading it, editing each of its parts
(each save a new version), its versions and what changed between two, its contributors.

Reading needs ``evaluation.view_plan`` on the plan, editing ``evaluation.change_plan`` (the
holder of the sheet, the working group: ``rules.py``); anyone else gets the same 404 as for a
sheet without a plan (``views_hub.plan_of``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vivier.accounts.access import signed_in
from vivier.plans import schema

from . import forms_plans, plans
from .models import Plan
from .views_hub import plan_of

CHANGE = "evaluation.change_plan"


def _render(
    request: HttpRequest, plan: Plan, template: str, context: dict[str, Any], refused: bool
) -> HttpResponse:
    context = {"plan": plan, "practice": plan.practice, **context}
    context["has_errors"] = bool(context.get("formset_errors")) or any(
        form.errors for form in context.get("forms", ())
    )
    return render(request, f"evaluation/plans/{template}", context, status=400 if refused else 200)


def _saved(request: HttpRequest, plan: Plan, anchor: str = "") -> HttpResponse:
    messages.success(
        request,
        _("Le plan est enregistré : version %(number)s.") % {"number": plan.version},
    )
    return redirect(reverse("evaluation:plans:detail", args=[plan.practice.slug]) + anchor)


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@signed_in
@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug)
    content = plans.current(plan)
    return _render(
        request,
        plan,
        "detail.html",
        {
            "content": content,
            "may_change": request.user.has_perm(CHANGE, plan),
            "questions": [
                (item.text, plans.GROUP_LABELS[item.proposed_by]) for item in content.questions
            ],
            "results": [
                (item.text, plans.GROUP_LABELS[item.proposed_by]) for item in content.results
            ],
            "indicators": [
                (indicator, plans.describe(indicator, content)) for indicator in content.indicators
            ],
            "groups": [str(label) for label in plans.GROUP_LABELS.values()],
            "matrix": plans.matrix(content),
            "participation": plans.participation_words(content),
            "page_title": _("Plan d’évaluation de « %(title)s »") % {"title": plan.practice.title},
        },
        refused=False,
    )


@signed_in
@require_http_methods(["GET", "POST"])
def frame(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    content = plans.current(plan)
    initial = {
        "purpose": content.purpose,
        "start": date.fromisoformat(content.start) if content.start else None,
    }
    form = forms_plans.FrameForm(_posted(request), initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        plans.change(
            plan,
            lambda c: plans.with_frame(c, data["purpose"], data["start"]),
            request.user,
            note=data["note"],
        )
        return _saved(request, plan)
    context = {"form": form, "forms": [form], "page_title": _("Pourquoi et depuis quand")}
    return _render(request, plan, "frame.html", context, form.is_bound)


#: The three lists edited the same way: title, label of one item, whether it names its group.
LISTS: dict[str, tuple[Any, Any, bool]] = {
    "questions": (gettext_lazy("Questions évaluatives"), gettext_lazy("Question"), True),
    "results": (gettext_lazy("Résultats attendus"), gettext_lazy("Résultat attendu"), True),
    "criteria": (gettext_lazy("Critères de valeur"), gettext_lazy("Critère"), False),
}


def _list_page(request: HttpRequest, slug: str, section: str) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    content = plans.current(plan)
    title, noun, grouped = LISTS[section]
    if section == "criteria":
        initial = [{"text": text} for text in content.criteria]
    else:
        initial = [
            {"key": item.key, "text": item.text, "proposed_by": item.proposed_by.value}
            for item in getattr(content, section)
        ]
    formset = forms_plans.ItemFormSet(
        _posted(request),
        initial=initial,
        prefix=section,
        auto_id="f-%s",
        form_kwargs={"text_label": noun, "grouped": grouped},
    )
    note = forms_plans.NoteForm(_posted(request))
    if formset.is_bound and formset.is_valid() and note.is_valid():
        rows = formset.kept()
        if section == "criteria":
            texts = [row["text"] for row in rows]
            plans.change(
                plan,
                lambda c: plans.with_criteria(c, texts),
                request.user,
                note=note.cleaned_data["note"],
            )
        else:
            items = [
                plans.ItemRow(row.get("key", ""), row["text"], schema.Group(row["proposed_by"]))
                for row in rows
            ]
            plans.change(
                plan,
                lambda c: plans.with_items(c, section, items),
                request.user,
                note=note.cleaned_data["note"],
            )
        return _saved(request, plan, f"#{section}")
    context = {
        "formset": formset,
        "note_form": note,
        "forms": [*formset.forms, note],
        "formset_errors": formset.non_form_errors() if formset.is_bound else [],
        "noun": noun,
        "section": section,
        "page_title": title,
    }
    return _render(request, plan, "list_edit.html", context, formset.is_bound)


@signed_in
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest, slug: str) -> HttpResponse:
    return _list_page(request, slug, "questions")


@signed_in
@require_http_methods(["GET", "POST"])
def results(request: HttpRequest, slug: str) -> HttpResponse:
    return _list_page(request, slug, "results")


@signed_in
@require_http_methods(["GET", "POST"])
def criteria(request: HttpRequest, slug: str) -> HttpResponse:
    return _list_page(request, slug, "criteria")


def _indicator_page(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    content = plans.current(plan)
    indicator = content.indicator(key) if key else None
    if key and indicator is None:
        raise Http404(_("Cet indicateur n’est pas dans le plan."))
    initial = forms_plans.IndicatorForm.initial_of(indicator) if indicator else None
    form = forms_plans.IndicatorForm(content, _posted(request), initial=initial)
    if form.is_bound and form.is_valid():
        fields = form.indicator_fields()
        retired = plans.retired_indicators(plan)
        saved = plans.change(
            plan,
            lambda c: plans.with_indicator(c, key, fields, retired),
            request.user,
            note=form.cleaned_data["note"],
        )
        if indicator is not None:
            now = saved.indicator(key)
            if now is not None and now.definition != indicator.definition:
                messages.warning(
                    request,
                    _(
                        "La définition de l’indicateur change : c’est la définition %(after)s. "
                        "Les mesures antérieures restent attachées à la définition %(before)s "
                        "et ne sont pas comparées."
                    )
                    % {"after": now.definition, "before": indicator.definition},
                )
        return _saved(request, plan, "#indicators")
    context = {
        "form": form,
        "forms": [form],
        "indicator": indicator,
        "remove_form": forms_plans.ConfirmForm(auto_id="remove-%s"),
        "page_title": _("Modifier l’indicateur") if indicator else _("Ajouter un indicateur"),
    }
    return _render(request, plan, "indicator.html", context, form.is_bound)


@signed_in
@require_http_methods(["GET", "POST"])
def indicator_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _indicator_page(request, slug, "")


@signed_in
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    return _indicator_page(request, slug, key)


@signed_in
@require_POST
def indicator_remove(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    if plans.current(plan).indicator(key) is None:
        raise Http404(_("Cet indicateur n’est pas dans le plan."))
    form = forms_plans.ConfirmForm(request.POST)
    if form.is_valid():
        plans.change(plan, lambda c: plans.without_indicator(c, key), request.user)
    return _saved(request, plan, "#indicators")


@signed_in
@require_http_methods(["GET", "POST"])
def milestones(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    content = plans.current(plan)
    presets = forms_plans.MilestonePresetsForm(
        _posted(request),
        initial={"presets": [m.key for m in content.milestones if m.key in plans.PRESET_KEYS]},
    )
    custom = forms_plans.MilestoneFormSet(
        _posted(request),
        prefix="jalons",
        auto_id="f-%s",
        initial=[
            {"key": m.key, "label": m.label, "months": m.months}
            for m in content.milestones
            if m.key not in plans.PRESET_KEYS
        ],
    )
    if presets.is_bound and presets.is_valid() and custom.is_valid():
        chosen = presets.cleaned_data["presets"]
        rows = [
            plans.MilestoneRow(row.get("key", ""), row["label"], row["months"])
            for row in custom.kept()
        ]
        plans.change(
            plan,
            lambda c: plans.with_milestones(c, chosen, rows),
            request.user,
            note=presets.cleaned_data["note"],
        )
        return _saved(request, plan, "#milestones")
    context = {
        "form": presets,
        "formset": custom,
        "forms": [presets, *custom.forms],
        "formset_errors": custom.non_form_errors() if custom.is_bound else [],
        "page_title": _("Jalons"),
    }
    return _render(request, plan, "milestones.html", context, presets.is_bound)


@signed_in
@require_http_methods(["GET", "POST"])
def participation(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    content = plans.current(plan)
    form = forms_plans.ParticipationForm(content, _posted(request))
    if form.is_bound and form.is_valid():
        modes = form.modes()
        plans.change(
            plan,
            lambda c: plans.with_participation(c, modes),
            request.user,
            note=form.cleaned_data["note"],
        )
        return _saved(request, plan, "#participation")
    context = {
        "form": form,
        "forms": [form],
        "groups": [str(label) for label in plans.GROUP_LABELS.values()],
        "page_title": _("Qui participe, et comment"),
    }
    return _render(request, plan, "participation.html", context, form.is_bound)


@signed_in
@require_safe
def versions(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug)
    found = plans.versions(plan)
    numbers = sorted(version.number for version in found)
    initial = {"de": numbers[-2] if len(numbers) > 1 else numbers[0], "a": numbers[-1]}
    context = {
        "versions": found,
        "form": forms_plans.CompareForm(numbers, initial=initial),
        "page_title": _("Versions du plan"),
    }
    return _render(request, plan, "versions.html", context, refused=False)


@signed_in
@require_safe
def compare(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug)
    numbers = sorted(version.number for version in plans.versions(plan))
    # Without a choice, the last change: the version before the latest, and the latest.
    data = request.GET or {"de": str(numbers[max(len(numbers) - 2, 0)]), "a": str(numbers[-1])}
    form = forms_plans.CompareForm(numbers, data)
    comparison = None
    if form.is_valid():
        comparison = plans.compare(plan, form.cleaned_data["de"], form.cleaned_data["a"])
    context = {
        "form": form,
        "forms": [form],
        "comparison": comparison,
        "page_title": _("Ce qui a changé dans le plan"),
    }
    return _render(request, plan, "compare.html", context, comparison is None)


@signed_in
@require_http_methods(["GET", "POST"])
def contributors(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    form = forms_plans.ContributorForm(plan, _posted(request))
    if form.is_bound and form.is_valid():
        user, group = form.cleaned_data["username"], form.cleaned_data["group"]
        plans.add_contributor(plan, user, group, request.user)
        messages.success(
            request,
            _("%(name)s participe désormais à ce plan.") % {"name": user.get_username()},
        )
        return redirect("evaluation:plans:contributors", slug=plan.practice.slug)
    context = {
        "form": form,
        "forms": [form],
        # Those taking part first (no date of leaving), on both databases.
        "contributors": plan.contributors.select_related("user").order_by(
            F("left_at").asc(nulls_first=True), "added_at"
        ),
        "page_title": _("Les personnes qui construisent le plan"),
    }
    return _render(request, plan, "contributors.html", context, form.is_bound)
