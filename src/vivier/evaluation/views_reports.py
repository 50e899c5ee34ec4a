"""The evaluation's reports: downloads, and the funding records the funder report reads.

- a report (funder: PDF, XLSX; qualitative: PDF, DOCX) may be downloaded by whoever may
  read the plan (``evaluation.view_plan``), in the page's language; each download leaves a
  line in the audit trail (who, which report, which format);
- funding records are added, changed and deleted by whoever may change the plan
  (``evaluation.change_plan``); the others who read the plan get 403, the rest 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vivier import audit
from vivier.accounts.access import signed_in

from . import documents
from .documents import labels
from .forms_funding import FIELDS, FundingForm
from .models import FundingRecord, Plan
from .views_hub import plan_of


@signed_in
@require_safe
def download(request: HttpRequest, slug: str, track: str, fmt: str) -> HttpResponse:
    plan = plan_of(request, slug)
    try:
        documents.check(track, fmt)
    except documents.UnknownReport:
        raise Http404(_("Ce rapport n’existe pas dans ce format.")) from None
    lang = labels.lang()
    body = documents.render(plan, track, fmt, lang=lang)
    audit.record(
        request, "report.export", plan, report=f"evaluation-{track}", format=fmt, lang=lang
    )
    response = HttpResponse(body, content_type=documents.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{documents.file_name(plan, track, fmt)}"'
    )
    return response


def _changeable(request: HttpRequest, slug: str) -> Plan:
    """The plan if this person may change it; 403 if they may only read it; else 404."""
    plan = plan_of(request, slug)
    if not request.user.has_perm("evaluation.change_plan", plan):
        raise PermissionDenied
    return plan


def _page(
    request: HttpRequest, plan: Plan, form: FundingForm, *, status: int = 200
) -> HttpResponse:
    records = list(FundingRecord.objects.filter(plan=plan))
    return render(
        request,
        "evaluation/reports/funding.html",
        {
            "plan": plan,
            "practice": plan.practice,
            "records": records,
            "form": form,
            "page_title": _("Financements de « %(title)s »") % {"title": plan.practice.title},
        },
        status=status,
    )


def _save(record: FundingRecord, form: FundingForm) -> None:
    for name in FIELDS:
        setattr(record, name, form.cleaned_data[name])
    record.save()


@signed_in
@require_http_methods(["GET", "POST"])
def funding(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan's funding records, and the form that adds one."""
    plan = _changeable(request, slug)
    if request.method != "POST":
        return _page(request, plan, FundingForm())
    form = FundingForm(request.POST)
    if not form.is_valid():
        return _page(request, plan, form, status=400)
    _save(FundingRecord(plan=plan), form)
    messages.success(request, _("La ligne de financement est ajoutée."))
    return redirect("evaluation:reports:funding", slug=slug)


def _record(plan: Plan, pk: int) -> FundingRecord:
    found: FundingRecord = get_object_or_404(FundingRecord, pk=pk, plan=plan)
    return found


@signed_in
@require_http_methods(["GET", "POST"])
def funding_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _changeable(request, slug)
    record = _record(plan, pk)
    context: dict[str, Any] = {
        "plan": plan,
        "practice": plan.practice,
        "record": record,
        "page_title": _("Modifier une ligne de financement"),
    }
    if request.method != "POST":
        context["form"] = FundingForm(record=record)
        return render(request, "evaluation/reports/funding_edit.html", context)
    form = FundingForm(request.POST)
    if not form.is_valid():
        context["form"] = form
        return render(request, "evaluation/reports/funding_edit.html", context, status=400)
    _save(record, form)
    messages.success(request, _("La ligne de financement est modifiée."))
    return redirect("evaluation:reports:funding", slug=slug)


@signed_in
@require_http_methods(["GET", "POST"])
def funding_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A page that says what will be deleted; the line goes only when that is confirmed."""
    plan = _changeable(request, slug)
    record = _record(plan, pk)
    if request.method != "POST":
        return render(
            request,
            "evaluation/reports/funding_delete.html",
            {
                "plan": plan,
                "practice": plan.practice,
                "record": record,
                "page_title": _("Supprimer une ligne de financement"),
            },
        )
    record.delete()
    messages.success(request, _("La ligne de financement est supprimée."))
    return redirect("evaluation:reports:funding", slug=slug)
