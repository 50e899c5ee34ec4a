"""The staff area: campaigns and their counts, responses, raw exports, assisted entry."""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from vivier.accounts.access import requires
from vivier.surveys import flow

from . import exports, services
from .forms_staff import EntryForm, ResponsesImportForm
from .models import Campaign, Response
from .rules import visible_responses
from .start_tokens import key_from_start_token, new_start_token
from .stats import campaign_counts
from .views_respondent import display_answer


def can_see_personal_data(user: Any) -> bool:
    return bool(user.is_superuser or user.has_perm("campaigns.view_responsecontact"))


@requires("campaigns.view_campaign")
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    campaigns = list(Campaign.objects.select_related("questionnaire"))
    rows = [(c, campaign_counts(c)) for c in campaigns]
    return render(request, "staff/home.html", {"rows": rows, "page_title": "Campagnes"})


@requires("campaigns.view_campaign")
@require_safe
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("questionnaire"), slug=slug)
    return _campaign_page(request, campaign)


def _campaign_page(
    request: HttpRequest,
    campaign: Campaign,
    entry_form: EntryForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The campaign's page; ``entry_form`` is a refused entry form, shown with its errors."""
    slug = campaign.slug
    counts = campaign_counts(campaign)
    links = [
        (
            link,
            request.build_absolute_uri(reverse("campaigns:landing_link", args=[slug, link.code])),
        )
        for link in campaign.links.all()
    ]
    return render(
        request,
        "staff/campaign.html",
        {
            "campaign": campaign,
            "counts": counts,
            "links": links,
            "public_url": request.build_absolute_uri(reverse("campaigns:landing", args=[slug])),
            "import_form": ResponsesImportForm(),
            # A fresh token per page view, as on the landing page: a double click on the
            # button reaches the same draft instead of starting two.
            "entry_form": entry_form or EntryForm(initial={"start_token": new_start_token()}),
            "page_title": campaign.title,
        },
        status=status,
    )


# The enquêteur opens the list and the detail too, for the responses they entered.
@requires("campaigns.view_campaign")
@require_safe
def response_list(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, slug=slug)
    status = request.GET.get("statut", "submitted")
    queryset = (
        visible_responses(request.user, Response.objects.filter(campaign=campaign))
        .exclude(status=Response.Status.STAGED)
        .order_by("-submitted_at", "-created_at")
    )
    if status in Response.Status.values:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/responses.html",
        {"campaign": campaign, "page_obj": page, "status": status, "page_title": campaign.title},
    )


@requires("campaigns.view_campaign")
@require_safe
def response_detail(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, slug=slug)
    response = get_object_or_404(
        Response.objects.select_related("version", "link"), campaign=campaign, key=key
    )
    if not request.user.has_perm("campaigns.view_response", response):
        raise PermissionDenied
    q = response.version.questionnaire()
    personal = can_see_personal_data(request.user)
    answers = response.all_answers() if personal else dict(response.answers)
    relevant = flow.relevant_names(q, answers)
    groups = []
    for section in q.sections:
        rows = [
            {"question": qu, "display": display_answer(qu, answers)}
            for qu in section.questions
            if qu.answerable and qu.name in relevant and (personal or not qu.personal_data)
        ]
        if rows:
            groups.append({"section": section, "rows": rows})
    if personal and response.has_personal_data:
        from vivier import audit

        audit.record(request, "personal-data.view", response)
    return render(
        request,
        "staff/response.html",
        {
            "campaign": campaign,
            "response": response,
            "groups": groups,
            "personal": personal,
            "page_title": f"Réponse {response.key}",
        },
    )


@requires("campaigns.view_response")
@require_safe
def export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("questionnaire"), slug=slug)
    personal = request.GET.get("donnees_personnelles") == "1"
    if personal and not can_see_personal_data(request.user):
        raise PermissionDenied
    q = campaign.questionnaire.questionnaire()
    body: str | bytes
    if fmt == "csv":
        text = io.StringIO()
        exports.write_csv(campaign, text, personal=personal)
        content_type, name = "text/csv; charset=utf-8", f"{slug}-reponses.csv"
        body = "\ufeff" + text.getvalue()  # lets spreadsheet software detect UTF-8
    elif fmt == "jsonl":
        text = io.StringIO()
        exports.write_jsonl(campaign, text, personal=personal)
        content_type, name = "application/x-ndjson; charset=utf-8", f"{slug}-reponses.jsonl"
        body = text.getvalue()
    elif fmt == "xlsx":
        binary = io.BytesIO()
        exports.write_xlsx(campaign, binary, personal=personal)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        name, body = f"{slug}-reponses.xlsx", binary.getvalue()
    elif fmt == "parquet":
        binary = io.BytesIO()
        exports.write_parquet(campaign, binary, personal=personal)
        content_type, name = "application/vnd.apache.parquet", f"{slug}-reponses.parquet"
        body = binary.getvalue()
    elif fmt == "codebook.csv":
        text = io.StringIO()
        exports.write_codebook_csv(q, text, personal=personal)
        content_type, name = "text/csv; charset=utf-8", f"{slug}-codebook.csv"
        body = "\ufeff" + text.getvalue()
    else:
        raise Http404(_("Ce format d’export n’existe pas."))
    from vivier import audit

    audit.record(request, "responses.export", campaign, format=fmt, personal=personal)
    result = HttpResponse(body, content_type=content_type)
    result["Content-Disposition"] = f'attachment; filename="{name}"'
    return result


@requires("campaigns.add_importbatch")
@require_POST
def import_responses(request: HttpRequest, slug: str) -> HttpResponse:
    """Responses from a file: Vivier JSON Lines, KoboToolbox/ODK JSON or CSV, LimeSurvey CSV."""
    from .foreign_imports import import_foreign
    from .imports import ImportFailedError, import_jsonl

    campaign = get_object_or_404(Campaign.objects.select_related("questionnaire"), slug=slug)
    form = ResponsesImportForm(request.POST, request.FILES)
    context: dict[str, Any] = {"campaign": campaign, "form": form, "page_title": campaign.title}
    if not form.is_valid():
        return render(request, "staff/import_responses.html", context, status=400)
    upload = form.cleaned_data["fichier"]
    name = upload.name or "reponses"
    fmt = form.cleaned_data["source"]
    try:
        data = upload.read()
        if fmt == "vivier" or (fmt == "auto" and name.lower().endswith(".jsonl")):
            lines = data.decode("utf-8-sig").splitlines()
            report = import_jsonl(campaign, lines, source=name)
        else:
            report = import_foreign(campaign, data, name, fmt)
    except UnicodeDecodeError:
        form.add_error("fichier", _("Le fichier n’est pas du texte UTF-8."))
        return render(request, "staff/import_responses.html", context, status=400)
    except ImportFailedError as failed:
        context["errors"] = [e.describe(get_language() or "fr") for e in failed.errors]
        context["source"] = name
        return render(request, "staff/import_responses.html", context, status=400)
    notes = [note.describe(get_language() or "fr") for note in report.notes]
    context.update({"report": report, "notes": notes, "source": name})
    return render(request, "staff/import_responses.html", context)


@requires("campaigns.add_response")
@require_POST
def start_entry(request: HttpRequest, slug: str) -> HttpResponse:
    """An interviewer enters answers for someone (phone interview, paper form, proxy)."""
    campaign = get_object_or_404(Campaign.objects.select_related("questionnaire"), slug=slug)
    form = EntryForm(request.POST)
    if not form.is_valid():
        return _campaign_page(request, campaign, entry_form=form, status=400)
    # Never a key from the form: naming an existing key would open a respondent's draft.
    key = key_from_start_token(form.cleaned_data["start_token"])
    mode = form.cleaned_data["mode"]
    response = services.start_response(campaign, key=key, mode=mode, entered_by=request.user)
    from vivier import audit

    audit.record(request, "responses.entry", response, mode=mode)
    return redirect("campaigns:resume", campaign.slug, response.resume_token())
