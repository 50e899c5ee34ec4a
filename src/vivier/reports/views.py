"""The staff dashboard of a campaign: overview, one page per question, cross-tabulation.

Every chart is drawn on the server (SVG) and comes with its data table and a CSV download,
so the dashboard works without JavaScript and reads with a screen reader. Filters are
query parameters (``f.q1=travailleur_social``), so a filtered view is a link to share.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from vivier import charts
from vivier.accounts.access import requires
from vivier.analysis import DEFAULT_K
from vivier.campaigns.models import Campaign
from vivier.evaluation import public as evaluation_public
from vivier.surveys.schema import Question, QuestionType
from vivier.text.spreadsheet import defuse_formula

from . import chart_words, coding_section, localized, service
from .forms import RemarkForm
from .models import Remark

#: The analysis reads every response of the campaign (without personal data).
ANALYSE = "campaigns.view_response"

DOWNLOAD_FORMATS = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _campaign(slug: str) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("questionnaire"), slug=slug)


def _filter_state(request: HttpRequest, campaign: Campaign) -> dict[str, Any]:
    q = campaign.questionnaire.questionnaire()
    filters = service.read_filters(campaign, dict(request.GET.lists()))
    active = []
    for name, values in filters.items():
        question = q.question(name)
        labels = dict(service.option_choices(question))
        for value in values:
            rest = {
                k: [v for v in vs if not (k == name and v == value)] for k, vs in filters.items()
            }
            active.append(
                {
                    "question": question,
                    "label": labels.get(value, value),
                    "remove": "?" + _query(rest),
                }
            )
    adding = q.question_map().get(request.GET.get("ajouter", ""))
    return {
        "filters": filters,
        "active_filters": active,
        "query": _query(filters),
        "filterable": [qu for qu in q.questions() if service.filterable(qu)],
        "adding": adding if adding is not None and service.filterable(adding) else None,
        "adding_choices": service.option_choices(adding) if adding is not None else [],
    }


def _query(filters: dict[str, list[str]]) -> str:
    return urlencode([(f"f.{name}", v) for name, values in filters.items() for v in values])


def _option_rows(figures: dict[str, Any]) -> list[tuple[str, float | None, int | None]]:
    return [(o["label"], o["percent"], o["count"]) for o in figures.get("options", [])]


def question_chart(figures: dict[str, Any], lang: str | None = None) -> str:
    """The chart of one question's figures, or '' when the type has none; in the page's
    language unless ``lang`` says otherwise."""
    words = chart_words.wording(lang)
    kind = figures["type"]
    title = _question_title(figures)
    if kind == QuestionType.DEPARTEMENT:
        counts = {o["value"]: o["count"] for o in figures["options"] if o["count"]}
        return charts.tile_map(counts, title=title, words=words)
    if figures.get("rows"):
        rows = [(r["label"], r["mean"] or 0.0, r["answered"]) for r in figures["rows"]]
        return charts.bar_chart(rows, title=title, unit="", words=words)
    if figures.get("options") and figures.get("answered"):
        return charts.bar_chart(_option_rows(figures), title=title, words=words)
    return ""


def _question_title(figures: dict[str, Any]) -> str:
    number = figures.get("number")
    return f"Q{number}. {figures['label']}" if number else figures["label"]


@requires(ANALYSE)
@require_safe
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    return _overview(request, _campaign(slug))


def _overview(
    request: HttpRequest, campaign: Campaign, remark_form: RemarkForm | None = None
) -> HttpResponse:
    """The overview page; ``remark_form`` is a refused remark, shown as it was typed (400)."""
    state = _filter_state(request, campaign)
    report = service.campaign_report(campaign, filters=state["filters"])
    q = campaign.questionnaire.questionnaire()
    by_name = {f["name"]: f for f in report["questions"]}
    departement = next(
        (f for f in report["questions"] if f["type"] == QuestionType.DEPARTEMENT), None
    )
    days = [(date.fromisoformat(d["date"]), d["count"]) for d in report["per_day"]]
    peak = report["peak"]
    sections = []
    for section in q.sections:
        items = [
            {"question": qu, "figures": by_name[qu.name]}
            for qu in section.questions
            if qu.answerable and not qu.personal_data and by_name[qu.name]["shown"]
        ]
        if items:
            sections.append({"section": section, "items": items})
    return render(
        request,
        "reports/overview.html",
        {
            "campaign": campaign,
            "report": report,
            "timeline": charts.timeline_chart(
                days,
                title=_("Réponses par jour"),
                words=chart_words.wording(),
                peak=(date.fromisoformat(peak["date"]), peak["count"]) if peak else None,
            )
            if days
            else "",
            "map": question_chart(departement) if departement and departement["answered"] else "",
            "funnel": charts.funnel_chart(
                [(step["title"], step["reached"]) for step in report["funnel"]],
                title=_("Pages atteintes"),
                words=chart_words.wording(),
            )
            if report["responses"]
            else "",
            "departement": departement,
            "days": days,
            # Written as the timeline chart writes it, in the page's language.
            "peak_day": localized.date_text(
                date.fromisoformat(peak["date"]), "long", localized.page_lang()
            )
            if peak
            else "",
            "sections": sections,
            "remarks": Remark.objects.filter(campaign=campaign, question=""),
            "remark_form": remark_form or RemarkForm(),
            "formats": list(DOWNLOAD_FORMATS),
            "k": DEFAULT_K,
            # Sheets drawn from this campaign's responses whose evaluation persons concerned
            # co-decide (issue 20: the campaign-wide figure).
            "evaluation_figures": evaluation_public.campaign_figures(campaign),
            # The coding of the free texts (issue 21): top codes per coded question.
            "coding": coding_section.dashboard_block(request.user, campaign),
            "page_title": _("Analyse — %(title)s") % {"title": campaign.title},
            **state,
        },
        status=400 if remark_form is not None else 200,
    )


def _question(campaign: Campaign, name: str) -> Question:
    q = campaign.questionnaire.questionnaire()
    question = q.question_map().get(name)
    if question is None or not question.answerable or question.personal_data:
        raise Http404(_("Cette question n’existe pas ou ne s’analyse pas."))
    return question


@requires(ANALYSE)
@require_safe
def question_detail(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    campaign = _campaign(slug)
    return _question_page(request, campaign, _question(campaign, name))


def _question_page(
    request: HttpRequest,
    campaign: Campaign,
    question: Question,
    remark_form: RemarkForm | None = None,
) -> HttpResponse:
    """One question's page; ``remark_form`` is a refused remark, shown as it was typed (400)."""
    name = question.name
    state = _filter_state(request, campaign)
    report = service.campaign_report(campaign, filters=state["filters"])
    figures = next(f for f in report["questions"] if f["name"] == name)
    q = campaign.questionnaire.questionnaire()
    names = [qu.name for qu in q.questions() if qu.answerable and not qu.personal_data]
    index = names.index(name)
    return render(
        request,
        "reports/question.html",
        {
            "campaign": campaign,
            "question": question,
            "figures": figures,
            # The filters' summary ("N responses match the filters") counts from it.
            "report": report,
            # Texts of a free-text question, or the details given with "Other": a long text's
            # figures hold no "other_texts" key, so the template must not look it up.
            "free_texts": (figures.get("texts") or figures.get("other_texts") or [])[:200],
            "chart": question_chart(figures),
            "remarks": Remark.objects.filter(campaign=campaign, question=name),
            "remark_form": remark_form or RemarkForm(initial={"question": name}),
            "previous": names[index - 1] if index else None,
            "next": names[index + 1] if index + 1 < len(names) else None,
            "crossable": [qu for qu in q.questions() if service.filterable(qu) and qu.name != name],
            "page_title": _question_title(figures),
            **state,
        },
        status=400 if remark_form is not None else 200,
    )


def _csv_response(rows: list[list[Any]], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([defuse_formula(str(v)) if v is not None else "" for v in row])
    answer = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer


@requires(ANALYSE)
@require_safe
def question_csv(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    campaign = _campaign(slug)
    _question(campaign, name)
    filters = service.read_filters(campaign, dict(request.GET.lists()))
    report = service.campaign_report(campaign, filters=filters)
    figures = next(f for f in report["questions"] if f["name"] == name)
    rows: list[list[Any]] = [["option", "label", "count", "percent", "answered", "shown"]]
    if figures.get("rows"):
        rows = [["row", "label", "answered", "mean", "median"]]
        rows += [
            [r["value"], r["label"], r["answered"], r["mean"], r["median"]] for r in figures["rows"]
        ]
    else:
        for o in figures.get("options", []):
            rows.append(
                [
                    o["value"],
                    o["label"],
                    o["count"],
                    o["percent"],
                    figures["answered"],
                    figures["shown"],
                ]
            )
    return _csv_response(rows, f"{slug}-{name}.csv")


@requires(ANALYSE)
@require_safe
def per_day_csv(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(slug)
    filters = service.read_filters(campaign, dict(request.GET.lists()))
    report = service.campaign_report(campaign, filters=filters)
    rows: list[list[Any]] = [["date", "count"]] + [
        [d["date"], d["count"]] for d in report["per_day"]
    ]
    return _csv_response(rows, f"{slug}-par-jour.csv")


@requires(ANALYSE)
@require_safe
def crosstab(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(slug)
    q = campaign.questionnaire.questionnaire()
    closed = [qu for qu in q.questions() if service.filterable(qu)]
    names = {qu.name for qu in closed}
    rows, columns = request.GET.get("lignes", ""), request.GET.get("colonnes", "")
    table = None
    error = ""
    if rows or columns:
        if rows not in names or columns not in names:
            error = _("Choisissez deux questions fermées dans les listes.")
        elif rows == columns:
            error = _("Choisissez deux questions différentes.")
        else:
            table = service.campaign_crosstab(campaign, rows, columns)
    labels: dict[str, Any] = {}
    if table:
        row_labels = {o["value"]: o["label"] for o in table["rows"]["options"]}
        labels = {
            "rows": [{"label": row_labels.get(c["row"], c["row"]), **c} for c in table["cells"]],
            "columns": [o["label"] for o in table["columns"]["options"]],
        }
    return render(
        request,
        "reports/crosstab.html",
        {
            "campaign": campaign,
            "closed": closed,
            "rows": rows,
            "columns": columns,
            "table": table,
            "labels": labels,
            "row_question": q.question(rows) if rows in names else None,
            "column_question": q.question(columns) if columns in names else None,
            "error": error,
            "page_title": _("Tableau croisé"),
        },
        status=400 if error else 200,
    )


@requires(ANALYSE, "reports.add_remark")
@require_POST
def add_remark(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(slug)
    form = RemarkForm(request.POST)
    # The question the remark is about: sent with the form, 404 when it is not one analysed.
    name = request.POST.get("question", "")
    question = _question(campaign, name) if name else None
    if not form.is_valid():
        # The page the form was on, with what was typed and why it is refused; the field to
        # correct takes the focus, the form being at the foot of a long page.
        form.set_autofocus_on_first_error()
        if question is not None:
            return _question_page(request, campaign, question, remark_form=form)
        return _overview(request, campaign, remark_form=form)
    Remark.objects.create(
        campaign=campaign,
        question=name,
        kind=form.cleaned_data["kind"],
        text=form.cleaned_data["text"],
        author=request.user,
    )
    back = (
        reverse("reports:question", args=[slug, name])
        if name
        else reverse("reports:overview", args=[slug])
    )
    return redirect(back + "#remarques")


# One's own remarks; anyone's with the model right (reports/rules.py).
@requires(ANALYSE)
@require_POST
def delete_remark(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _campaign(slug)
    remark = get_object_or_404(Remark, campaign=campaign, pk=pk)
    if not request.user.has_perm("reports.delete_remark", remark):
        raise PermissionDenied
    remark.delete()
    if remark.question:
        return redirect(reverse("reports:question", args=[slug, remark.question]) + "#remarques")
    return redirect(reverse("reports:overview", args=[slug]) + "#remarques")


@requires(ANALYSE)
@require_safe
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    from .rendering import render_report

    campaign = _campaign(slug)
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404(_("Ce format de rapport n’existe pas."))
    publication = request.GET.get("publication") == "1"
    body = render_report(campaign, fmt, publication=publication)
    from vivier import audit

    audit.record(request, "report.export", campaign, format=fmt, publication=publication)
    answer = HttpResponse(body, content_type=DOWNLOAD_FORMATS[fmt])
    suffix = "-publication" if publication else ""
    answer["Content-Disposition"] = f'attachment; filename="{slug}-rapport{suffix}.{fmt}"'
    return answer
