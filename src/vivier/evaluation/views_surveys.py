"""Questionnaires of evaluation: the holder's pages under ``/evaluation/<slug>/questionnaires/``
and the panel member's own pages under ``/q/panel/<token>/``.

Reading needs ``evaluation.view_plan`` on the plan, changing ``evaluation.change_plan`` (the
holder of the sheet, the working group); the panel's pages are public and opened by the
member's personal link only. Views are thin: the rules are in ``surveys``.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vivier.accounts.access import public, signed_in
from vivier.campaigns import services as campaign_services
from vivier.text.spreadsheet import defuse_formula

from . import surveys
from .forms_surveys import (
    AttachForm,
    EmptyForm,
    FeedForm,
    FigureForm,
    PanelForm,
    WithdrawForm,
    feed_label,
)
from .models import EvaluationSurvey, PanelMember, Plan, SurveyFigure
from .views_hub import plan_of

CHANGE = "evaluation.change_plan"


def shown_number(value: Decimal | None) -> str:
    """A stored value as people write it: no trailing zeros, the language's decimal mark."""
    if value is None:
        return "—"
    text = format(value.normalize(), "f")
    return text.replace(".", str(formats.get_format("DECIMAL_SEPARATOR")))


def _survey(plan: Plan, pk: int) -> EvaluationSurvey:
    found = (
        EvaluationSurvey.objects.select_related("campaign__questionnaire", "plan__practice")
        .filter(plan=plan, pk=pk)
        .first()
    )
    if found is None:
        raise Http404(_("Ce questionnaire n’est pas rattaché à ce plan."))
    return found


def _base(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    return {
        "plan": plan,
        "practice": plan.practice,
        "may_change": request.user.has_perm(CHANGE, plan),
    }


# --------------------------------------------------------------------------- the list


@signed_in
@require_safe
def survey_list(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug)
    context = _base(request, plan)
    context.update(
        {
            "surveys": list(plan.surveys.select_related("campaign", "plan")),
            "panel_size": PanelMember.objects.filter(plan=plan).active().count(),
            "page_title": _("Questionnaires d’évaluation"),
        }
    )
    return render(request, "evaluation/surveys/list.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def attach(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    form = AttachForm(plan, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        survey = surveys.attach(
            plan,
            template=data["template"],
            version=data["chosen_version"],
            milestone=data["milestone"],
            title=data["title"],
        )
        messages.success(
            request,
            _("Le questionnaire est rattaché au plan. Sa campagne est ouverte : « %(title)s ».")
            % {"title": survey.campaign.title},
        )
        return redirect("evaluation:surveys:detail", slug=slug, pk=survey.pk)
    context = _base(request, plan)
    context.update({"form": form, "page_title": _("Rattacher un questionnaire")})
    status = 400 if request.method == "POST" else 200
    return render(request, "evaluation/surveys/attach.html", context, status=status)


# --------------------------------------------------------------------------- one survey


def _detail(
    request: HttpRequest,
    plan: Plan,
    survey: EvaluationSurvey,
    *,
    feed_form: FeedForm | None = None,
    figure_form: FigureForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = _base(request, plan)
    context.update(
        {
            "survey": survey,
            "row": survey.summary(),
            "feeds": [
                (index, feed_label(survey, feed))
                for index, feed in enumerate(surveys.feeds(survey))
            ],
            "feed_form": feed_form or FeedForm(survey),
            "figure_form": figure_form or FigureForm(survey),
            "figures": [
                (figure, shown_number(figure.value))
                for figure in SurveyFigure.objects.filter(survey=survey).select_related(
                    "measurement"
                )[:20]
            ],
            "panel_size": PanelMember.objects.filter(plan=plan).active().count(),
            "page_title": survey.campaign.title,
        }
    )
    return render(request, "evaluation/surveys/detail.html", context, status=status)


@signed_in
@require_safe
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug)
    return _detail(request, plan, _survey(plan, pk))


@signed_in
@require_POST
def add_feed(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    survey = _survey(plan, pk)
    form = FeedForm(survey, request.POST)
    if not form.is_valid():
        return _detail(request, plan, survey, feed_form=form, status=400)
    surveys.add_feed(survey, form.cleaned_data["feed"])
    messages.success(request, _("Le chiffre alimente désormais l’indicateur."))
    return redirect("evaluation:surveys:detail", slug=slug, pk=pk)


@signed_in
@require_POST
def remove_feed(request: HttpRequest, slug: str, pk: int, index: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    survey = _survey(plan, pk)
    EmptyForm(request.POST).is_valid()  # nothing to check but the form's protection
    if not surveys.remove_feed(survey, index):
        raise Http404(_("Ce chiffre n’existe pas ou plus."))
    messages.success(request, _("Le chiffre n’alimente plus l’indicateur."))
    return redirect("evaluation:surveys:detail", slug=slug, pk=pk)


@signed_in
@require_POST
def compute(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    survey = _survey(plan, pk)
    form = FigureForm(survey, request.POST)
    if not form.is_valid():
        return _detail(request, plan, survey, figure_form=form, status=400)
    try:
        measurement, source = surveys.record_figure(
            survey, form.cleaned_data["chosen_feed"], form.cleaned_data["period"], request.user
        )
    except surveys.FigureRefused as refused:
        form.add_error(refused.field, str(refused.message))
        return _detail(request, plan, survey, figure_form=form, status=400)
    messages.success(
        request,
        ngettext(
            "Valeur %(value)s enregistrée en brouillon pour %(period)s, calculée sur "
            "%(responses)s réponse envoyée à la campagne « %(campaign)s ».",
            "Valeur %(value)s enregistrée en brouillon pour %(period)s, calculée sur "
            "%(responses)s réponses envoyées à la campagne « %(campaign)s ».",
            source.responses,
        )
        % {
            "value": shown_number(measurement.value),
            "period": measurement.period,
            "responses": source.responses,
            "campaign": survey.campaign.title,
        },
    )
    return redirect("evaluation:surveys:detail", slug=slug, pk=pk)


# --------------------------------------------------------------------------- the panel


def _follow_up(plan: Plan, pk: int) -> EvaluationSurvey:
    survey = _survey(plan, pk)
    if not surveys.is_follow_up(survey):
        raise Http404(_("Seuls les questionnaires de suivi ont des liens de panel."))
    return survey


def _panel_page(
    request: HttpRequest,
    plan: Plan,
    survey: EvaluationSurvey,
    form: PanelForm | None = None,
    status: int = 200,
) -> HttpResponse:
    waves, rows = surveys.panel_rows(survey, request.build_absolute_uri)
    if rows:
        from vivier import audit

        # The page holds every member's personal link: who saw them is kept.
        audit.record(request, "evaluation.panel-links", survey, members=len(rows), format="html")
    context = _base(request, plan)
    context.update(
        {
            "survey": survey,
            "waves": waves,
            "rows": rows,
            "active": sum(1 for row in rows if row.member.withdrawn_at is None),
            "form": form or PanelForm(),
            "milestones": surveys.milestone_labels(plan),
            "page_title": _("Liens du panel : %(title)s") % {"title": survey.campaign.title},
        }
    )
    return render(request, "evaluation/surveys/panel.html", context, status=status)


@signed_in
@require_safe
def panel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    return _panel_page(request, plan, _follow_up(plan, pk))


@signed_in
@require_POST
def panel_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    survey = _follow_up(plan, pk)
    form = PanelForm(request.POST)
    if not form.is_valid():
        return _panel_page(request, plan, survey, form, status=400)
    made = surveys.add_members(plan, form.cleaned_data["count"])
    messages.success(
        request,
        ngettext("%(count)s lien créé.", "%(count)s liens créés.", len(made))
        % {"count": len(made)},
    )
    return redirect("evaluation:surveys:panel", slug=slug, pk=pk)


@signed_in
@require_safe
def panel_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_of(request, slug, CHANGE)
    survey = _follow_up(plan, pk)
    waves, rows = surveys.panel_rows(survey, request.build_absolute_uri)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("identifiant de panel"), _("lien"), _("a quitté le suivi")]
        + [surveys.milestone_labels(plan).get(w.milestone, w.milestone) for w in waves]
    )
    for row in rows:
        writer.writerow(
            [
                defuse_formula(row.member.panel_id),
                row.url,
                _("oui") if row.member.withdrawn_at else _("non"),
                *(_("répondu") if sent else "" for sent in row.answered),
            ]
        )
    from vivier import audit

    audit.record(request, "evaluation.panel-links", survey, members=len(rows), format="csv")
    answer = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"{survey.campaign.slug}-panel.csv"
    answer["Content-Disposition"] = f'attachment; filename="{name}"'
    return answer


# --------------------------------------------------------------------------- the member's pages


def _member(token: str) -> tuple[PanelMember, EvaluationSurvey]:
    found = surveys.read_panel_token(token)
    if found is None:
        raise Http404(_("Ce lien ne marche pas. Vérifiez qu’il est complet."))
    return found


def _member_page(
    request: HttpRequest,
    token: str,
    member: PanelMember,
    survey: EvaluationSurvey,
    status: int = 200,
) -> HttpResponse:
    context = {
        "token": token,
        "member": member,
        "survey": survey,
        "campaign": survey.campaign,
        "form": EmptyForm(),
        "page_title": survey.campaign.title,
    }
    return render(request, "evaluation/surveys/panel_landing.html", context, status=status)


@public
@require_safe
def panel_landing(request: HttpRequest, token: str) -> HttpResponse:
    member, survey = _member(token)
    return _member_page(request, token, member, survey)


@public
@require_POST
def panel_start(request: HttpRequest, token: str) -> HttpResponse:
    member, survey = _member(token)
    EmptyForm(request.POST).is_valid()  # nothing to check but the form's protection
    try:
        response = surveys.start_panel_response(member, survey)
    except surveys.WithdrawnError:
        return _member_page(request, token, member, survey, status=410)
    except campaign_services.CampaignNotOpenError:
        context = {"campaign": survey.campaign}
        return render(request, "campaigns/closed.html", context, status=410)
    return redirect("campaigns:resume", survey.campaign.slug, response.resume_token())


@public
@require_http_methods(["GET", "POST"])
def panel_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    member, survey = _member(token)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        surveys.withdraw(member)
        return redirect("panel:landing", token=token)
    context = {
        "token": token,
        "member": member,
        "survey": survey,
        "form": form,
        "page_title": _("Quitter le suivi"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "evaluation/surveys/panel_withdraw.html", context, status=status)
