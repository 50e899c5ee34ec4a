"""Measurements of a plan, under ``/evaluation/<slug>/mesures/``: the values and their
states, recording and correcting a value, submitting it, the evaluator's approval, return
and locks, the CSV import, and the evaluator's queue across plans.

Who may do what: recording, correcting, submitting and importing need
``evaluation.change_plan`` on the plan (its sheet's holder, the working group); approving,
returning and locking need ``evaluation.approve_measurement`` (the evaluators) and the plan
open to them. The rules of the workflow are ``measurements``'; views stay thin.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vivier.accounts.access import requires, signed_in
from vivier.campaigns.forms_base import language
from vivier.plans import periods, schema
from vivier.problems import ProblemCode, problem

from . import measurement_imports, measurements, plans
from .forms_measurements import ImportForm, LockForm, MeasurementForm, ReturnForm
from .models import Measurement, Plan
from .views_hub import plan_of

APPROVE = "evaluation.approve_measurement"
CHANGE = "evaluation.change_plan"


def _list_url(plan: Plan) -> str:
    return reverse("evaluation:measurements:list", kwargs={"slug": plan.practice.slug})


def _indicator(plan: Plan, key: str) -> schema.Indicator:
    found = plans.current(plan).indicator(key)
    if found is None:
        raise Http404(_("Cet indicateur n’est pas dans le plan."))
    return found


def _row(plan: Plan, pk: int) -> Measurement:
    row = Measurement.objects.filter(plan=plan, pk=pk).first()
    if row is None:
        raise Http404(_("Cette valeur n’existe pas."))
    return row


def _figure(value: object) -> str:
    """A stored figure as a person types it back ("12,5"), read again by the form."""
    if value is None:
        return ""
    return f"{value.normalize():f}".replace(".", ",")  # type: ignore[attr-defined]


def _list_context(request: HttpRequest, plan: Plan, lock_form: LockForm) -> dict[str, object]:
    content = plans.current(plan)
    locked = measurements.locked_periods(plan)
    rows = []
    for row in measurements.rows_of(plan):
        indicator = content.indicator(row.indicator)
        figure = _figures(row)
        rows.append(
            {
                "row": row,
                "title": indicator.title if indicator else row.indicator,
                "figure": figure,
                "locked": row.period in locked,
                # A value of an earlier definition stays as it was: it is not compared.
                "editable": row.state in measurements.EDITABLE
                and row.period not in locked
                and indicator is not None
                and indicator.definition == row.definition,
            }
        )
    return {
        "plan": plan,
        "practice": plan.practice,
        "rows": rows,
        "locked": sorted(locked, key=periods.sort_key),
        "may_change": request.user.has_perm(CHANGE, plan),
        "may_approve": request.user.has_perm(APPROVE),
        "lock_form": lock_form,
        "page_title": _("Valeurs des indicateurs"),
    }


def _figures(row: Measurement) -> str:
    if row.denominator is not None:
        return f"{_figure(row.numerator)} / {_figure(row.denominator)}"
    return row.narrative if row.narrative else _figure(row.value)


# Any account: the plan's own rules (view_plan) decide, with the same 404 as a missing plan.
@signed_in
@require_safe
def measurement_list(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug)
    return render(
        request, "evaluation/measurements/list.html", _list_context(request, plan, LockForm())
    )


@signed_in
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest, slug: str, indicator: str) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    found = _indicator(plan, indicator)
    form = MeasurementForm(plan, found, request.POST or None)
    if request.method == "POST" and form.is_valid() and form.entry is not None:
        stored = measurements.store(
            plan, [form.entry], request.user, submit=bool(form.cleaned_data.get("submit"))
        )
        if stored and isinstance(stored[0], Measurement):
            if stored[0].state == Measurement.State.SUBMITTED:
                messages.success(request, _("La valeur est soumise à l’évaluateur."))
            else:
                messages.success(request, _("La valeur est enregistrée en brouillon."))
            return redirect(_list_url(plan))
        # Locked or submitted meanwhile: said beside the period, nothing lost.
        form.add_error("period", _conflict_text(stored[0]))
    return render(
        request,
        "evaluation/measurements/record.html",
        {
            "plan": plan,
            "practice": plan.practice,
            "indicator": found,
            "form": form,
            "page_title": _("Saisir une valeur : %(title)s") % {"title": found.title},
        },
        status=400 if form.errors else 200,
    )


def _conflict_text(conflict: object) -> str:
    assert isinstance(conflict, measurements.Conflict)
    if conflict.locked:
        found = problem(ProblemCode.MEASURE_PERIOD_LOCKED, period=conflict.period)
        return found.message(language())
    return measurement_imports.already_sent(conflict.state).message(language())


@signed_in
@require_safe
def choose(request: HttpRequest, slug: str) -> HttpResponse:
    """Which indicator the value is for: each links to its own form."""
    plan = plan_of(request, slug, CHANGE)
    return render(
        request,
        "evaluation/measurements/choose.html",
        {
            "plan": plan,
            "practice": plan.practice,
            "indicators": plans.current(plan).indicators,
            "page_title": _("Saisir une valeur"),
        },
    )


@signed_in
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    row = _row(plan, pk)
    found = _indicator(plan, row.indicator)
    if row.definition != found.definition or row.state not in measurements.EDITABLE:
        messages.error(request, _("Cette valeur ne peut plus être modifiée."))
        return redirect(_list_url(plan))
    initial = {
        "period": row.period,
        "dimension": row.dimension,
        "category": row.category,
        "value": _figure(row.value),
        "numerator": _figure(row.numerator),
        "denominator": _figure(row.denominator),
        "narrative": row.narrative,
    }
    form = MeasurementForm(plan, found, request.POST or None, row=row, initial=initial)
    if request.method == "POST" and form.is_valid() and form.entry is not None:
        try:
            measurements.update(row, form.entry, request.user)
        except measurements.WorkflowError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("La valeur est modifiée."))
            return redirect(_list_url(plan))
    return render(
        request,
        "evaluation/measurements/record.html",
        {
            "plan": plan,
            "practice": plan.practice,
            "indicator": found,
            "row": row,
            "form": form,
            "page_title": _("Modifier une valeur : %(title)s") % {"title": found.title},
        },
        status=400 if form.errors else 200,
    )


@signed_in
@require_POST
def submit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    try:
        measurements.submit(_row(plan, pk), request.user)
        messages.success(request, _("La valeur est soumise à l’évaluateur."))
    except measurements.WorkflowError as error:
        messages.error(request, str(error.message))
    return redirect(_list_url(plan))


@requires(APPROVE)
@require_POST
def approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug)
    try:
        measurements.approve(_row(plan, pk), request.user)
        messages.success(request, _("La valeur est approuvée : elle compte désormais."))
    except measurements.WorkflowError as error:
        messages.error(request, str(error.message))
    return redirect(_next(request) or _list_url(plan))


def _next(request: HttpRequest) -> str:
    """Where the evaluator came from (the queue), if it is a page of this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@requires(APPROVE)
@require_http_methods(["GET", "POST"])
def send_back(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug)
    row = _row(plan, pk)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            measurements.send_back(row, request.user, form.cleaned_data["comment"])
        except measurements.WorkflowError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("La valeur est renvoyée au porteur avec son commentaire."))
            return redirect(_next(request) or _list_url(plan))
    content = plans.current(plan)
    indicator = content.indicator(row.indicator)
    return render(
        request,
        "evaluation/measurements/return.html",
        {
            "plan": plan,
            "practice": plan.practice,
            "row": row,
            "title": indicator.title if indicator else row.indicator,
            "next": _next(request),
            "form": form,
            "page_title": _("Renvoyer une valeur avec un commentaire"),
        },
        status=400 if form.errors else 200,
    )


@requires(APPROVE)
@require_POST
def lock(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug)
    form = LockForm(request.POST)
    if form.is_valid():
        period = form.cleaned_data["period"]
        measurements.lock(plan, period, request.user)
        messages.success(
            request,
            _("La période %(period)s est close : ses valeurs ne changent plus.")
            % {"period": period},
        )
        return redirect(_list_url(plan))
    return render(
        request,
        "evaluation/measurements/list.html",
        _list_context(request, plan, form),
        status=400,
    )


@requires(APPROVE)
@require_POST
def unlock(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    plan = plan_of(request, slug)
    if measurements.unlock(plan, period):
        messages.success(request, _("La période %(period)s est rouverte.") % {"period": period})
    else:
        messages.error(request, _("Cette période n’était pas close."))
    return redirect(_list_url(plan))


@signed_in
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        if upload.size > measurement_imports.MAX_BYTES:
            data = b"\0" * (measurement_imports.MAX_BYTES + 1)
        else:
            data = upload.read()
        result = measurement_imports.import_csv(
            plan, data, upload.name, request.user, submit=bool(form.cleaned_data["submit"])
        )
        if result.errors:
            form.add_error("document", _("Le fichier n’est pas importé : rien n’est enregistré."))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s valeur importée.", "%(count)s valeurs importées.", result.stored
                )
                % {"count": result.stored},
            )
            if not result.warnings:
                return redirect(_list_url(plan))
    lang = language()
    return render(
        request,
        "evaluation/measurements/import.html",
        {
            "plan": plan,
            "practice": plan.practice,
            "form": form,
            "problems": [found.describe(lang) for found in result.diagnostics] if result else [],
            "page_title": _("Importer des valeurs"),
        },
        status=400 if form.errors else 200,
    )


@requires(APPROVE)
@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    """The submitted values of every plan this evaluator may view, oldest first."""
    rows = list(measurements.queue(request.user))
    titles: dict[tuple[int, str], str] = {}
    for row in rows:
        key = (row.plan_id, row.indicator)
        if key not in titles:
            indicator = plans.current(row.plan).indicator(row.indicator)
            titles[key] = indicator.title if indicator else row.indicator
    return render(
        request,
        "evaluation/measurements/queue.html",
        {
            "rows": [(row, titles[(row.plan_id, row.indicator)], _figures(row)) for row in rows],
            "page_title": _("Valeurs à approuver"),
        },
    )
