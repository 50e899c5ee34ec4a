"""The holder's or the working group's choice of what the public sheet shows of the plan."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vivier.accounts.access import signed_in
from vivier.practices import search
from vivier.practices.models import Practice

from .forms_publication import SWITCHES, PublicationForm
from .models import Measurement, Plan
from .views_hub import plan_of


def _context(plan: Plan, form: PublicationForm) -> dict[str, object]:
    practice = plan.practice
    return {
        "plan": plan,
        "practice": practice,
        "form": form,
        "published": practice.state == Practice.State.PUBLISHED,
        # What each switch would show today, to decide knowing it.
        "approved": plan.measurements.filter(state=Measurement.State.APPROVED).count(),
        "consented": consented(plan),
        "page_title": _("Ce que le public voit de l’évaluation de « %(title)s »")
        % {"title": practice.title},
    }


def consented(plan: Plan) -> int:
    """The stories ``stories.publishable`` would give once the plan publishes stories."""
    return plan.stories.filter(
        consent_withdrawn_at__isnull=True, consent_publish=True, consent_quote=True
    ).count()


# The holder of the sheet and the working group (evaluation.change_plan on the plan).
@signed_in
@require_http_methods(["GET", "POST"])
def publication(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug, "evaluation.change_plan")
    if request.method != "POST":
        return render(
            request, "evaluation/publication/edit.html", _context(plan, PublicationForm(plan=plan))
        )
    form = PublicationForm(request.POST, plan=plan)
    if not form.is_valid():
        return render(request, "evaluation/publication/edit.html", _context(plan, form), status=400)
    changed = form.changed()
    if changed:
        with transaction.atomic():
            locked = Plan.objects.select_for_update().get(pk=plan.pk)
            for name in SWITCHES:
                setattr(locked, name, form.cleaned_data[name])
            # A model save, so that the audit trail keeps who changed which switch.
            locked.save(update_fields=list(SWITCHES))
            if plan.practice.state == Practice.State.PUBLISHED:
                # The catalogue's facet reads the published matrix: it must be read again.
                search.bump_generation()
    messages.success(
        request,
        _("Vos choix sont enregistrés.") if changed else _("Rien n’a changé."),
    )
    return redirect("evaluation:publication:edit", slug=plan.practice.slug)
