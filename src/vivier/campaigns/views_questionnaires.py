"""The staff area for questionnaires: import from other tools, read the report, preview the
respondent's pages, download as XLSForm or Vivier JSON, open a campaign on a version."""

from __future__ import annotations

import io
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vivier.accounts.access import requires
from vivier.surveys import flow
from vivier.surveys.codecs import vivier_json
from vivier.surveys.schema import Questionnaire, Section

from .fields import build_fields, parse_section, read_post
from .forms_questionnaires import OpenCampaignForm, QuestionnaireImportForm, slug_taken
from .models import Campaign, QuestionnaireVersion
from .questionnaire_imports import diagnostic_record, import_upload

#: The list of questionnaires is also where one is imported.
IMPORT = ("campaigns.view_questionnaireversion", "campaigns.add_questionnaireversion")
VIEW = "campaigns.view_questionnaireversion"


def _lang() -> str:
    return (get_language() or "fr")[:2]


def _latest_versions() -> list[QuestionnaireVersion]:
    versions = (
        QuestionnaireVersion.objects.defer("definition")
        .annotate(campaign_count=Count("campaigns"))
        .order_by("slug", "-version")
    )
    latest: dict[str, QuestionnaireVersion] = {}
    for version in versions:
        latest.setdefault(version.slug, version)
    return list(latest.values())


@requires(*IMPORT)
@require_http_methods(["GET", "POST"])
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    errors: list[dict[str, str]] = []
    warnings: list[dict[str, str]] = []
    form = QuestionnaireImportForm()
    status = 200
    if request.method == "POST":
        form = QuestionnaireImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["fichier"]
            slug = form.cleaned_data["slug"]
            result, version = import_upload(upload.read(), upload.name or "", slug=slug)
            if version is not None:
                url = reverse("staff:questionnaire", args=[version.slug])
                return redirect(f"{url}?version={version.version}&importe=1")
            errors = [diagnostic_record(d) for d in result.errors]
            warnings = [diagnostic_record(d) for d in result.warnings]
        status = 400
    return render(
        request,
        "staff/questionnaires.html",
        {
            "versions": _latest_versions(),
            "errors": errors,
            "warnings": warnings,
            "form": form,
            "lang": _lang(),
            "page_title": _("Questionnaires"),
        },
        status=status,
    )


def _version(request: HttpRequest, slug: str) -> QuestionnaireVersion:
    versions = QuestionnaireVersion.objects.filter(slug=slug)
    number = request.GET.get("version", "")
    if number.isdigit():
        return get_object_or_404(versions, version=int(number))
    version = versions.order_by("-version").first()
    if version is None:
        raise Http404(_("Aucun questionnaire ne porte cet identifiant."))
    return version


def _outline(q: Questionnaire, lang: str) -> list[dict[str, Any]]:
    return [
        {
            "section": section,
            "title": section.text_in("title", lang),
            "questions": [
                {
                    "question": question,
                    "label": question.text_in("label", lang),
                    "choices": [c.label_in(lang) for c in question.choices],
                }
                for question in section.questions
            ],
        }
        for section in q.sections
    ]


@requires(VIEW)
@require_safe
def questionnaire_detail(request: HttpRequest, slug: str) -> HttpResponse:
    version = _version(request, slug)
    q = version.questionnaire()
    lang = _lang()
    report = version.import_report or []
    return render(
        request,
        "staff/questionnaire.html",
        {
            "version": version,
            "questionnaire": q,
            "outline": _outline(q, lang),
            "languages": q.languages(),
            "question_count": sum(1 for question in q.questions() if question.answerable),
            "warnings": [d for d in report if d.get("severity") == "warning"],
            "just_imported": request.GET.get("importe") == "1",
            "campaign_form": OpenCampaignForm(),
            "campaigns": list(version.campaigns.all()),
            "other_versions": list(
                QuestionnaireVersion.objects.filter(slug=slug)
                .exclude(pk=version.pk)
                .defer("definition")
            ),
            "lang": lang,
            "page_title": version.title,
        },
    )


@requires(VIEW)
@require_safe
def questionnaire_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    version = _version(request, slug)
    q = version.questionnaire()
    name = f"{version.slug}-v{version.version}"
    if fmt == "json":
        result = HttpResponse(vivier_json.dumps(q), content_type="application/json")
        result["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return result
    if fmt == "xlsx":
        from vivier.surveys.codecs.xlsform.export import write

        binary = io.BytesIO()
        write(q, binary)
        result = HttpResponse(
            binary.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        result["Content-Disposition"] = f'attachment; filename="{name}-xlsform.xlsx"'
        return result
    raise Http404(_("Ce format n’existe pas."))


def _preview_key(version: QuestionnaireVersion) -> str:
    return f"preview:{version.pk}"


def _find_section(q: Questionnaire, name: str) -> Section:
    for section in q.sections:
        if section.name == name:
            return section
    raise Http404(_("Cette page ne fait pas partie du questionnaire."))


@requires(VIEW)
@require_http_methods(["GET", "POST"])
def questionnaire_preview(request: HttpRequest, slug: str, section: str = "") -> HttpResponse:
    """The respondent's pages, answers kept in the session only: nothing is stored."""
    version = _version(request, slug)
    q = version.questionnaire()
    if not q.sections:
        raise Http404(_("Ce questionnaire n’a aucune page."))
    key = _preview_key(version)
    answers: dict[str, Any] = dict(request.session.get(key, {}))
    if request.GET.get("recommencer") == "1":
        answers = {}
        request.session[key] = answers
    current = _find_section(q, section) if section else flow.visible_sections(q, answers)[0]
    messages: dict[str, list[str]] = {}
    raw_values: dict[str, Any] = {}
    base = reverse("staff:questionnaire_preview", args=[slug])
    suffix = f"?version={version.version}"
    if request.method == "POST":
        raw_values = read_post(current, request.POST)
        values, messages = parse_section(current, raw_values)
        for name, value in values.items():
            if value is None:
                answers.pop(name, None)
            else:
                answers[name] = value
        answers = flow.prune(q, answers)
        request.session[key] = answers
        if not messages:
            action = request.POST.get("action", "next")
            target = (
                flow.previous_section(q, answers, current.name)
                if action == "previous"
                else flow.next_section(q, answers, current.name)
            )
            if target is None and action != "previous":
                return redirect(reverse("staff:questionnaire", args=[slug]) + suffix + "#apercu")
            return redirect(f"{base}{(target or current).name}/{suffix}")
    lang = _lang()
    relevant = flow.relevant_names(q, answers)
    fields = build_fields(current, answers, relevant=relevant, raw_values=raw_values, lang=lang)
    for view in fields:
        view.errors = messages.get(view.name, [])
    visible = [f for f in fields if f.relevant]
    index, total = flow.progress(q, answers, current.name)
    return render(
        request,
        "staff/questionnaire_preview.html",
        {
            "version": version,
            "questionnaire": q,
            "section": current,
            "section_title": current.text_in("title", lang),
            "fields": visible,
            "error_fields": [f for f in visible if f.has_errors],
            "step": index,
            "total_steps": total,
            "has_previous": flow.previous_section(q, answers, current.name) is not None,
            "page_title": _("Aperçu"),
        },
        status=400 if messages else 200,
    )


@requires(VIEW, "campaigns.add_campaign")
@require_POST
def open_campaign(request: HttpRequest, slug: str) -> HttpResponse:
    version = _version(request, slug)
    form = OpenCampaignForm(request.POST)
    campaign = None
    if form.is_valid():
        campaign_slug, title = form.cleaned_data["slug"], form.cleaned_data["title"]
        try:
            with transaction.atomic():
                campaign = Campaign.objects.create(
                    slug=campaign_slug, title=title, questionnaire=version, opens_at=timezone.now()
                )
        except IntegrityError:
            # Another request opened a campaign under this identifier after the check above:
            # the database keeps identifiers unique, and the page says so as it would have.
            if not Campaign.objects.filter(slug=campaign_slug).exists():
                raise
            form.add_error("campaign_slug", slug_taken(campaign_slug))
    if campaign is None:
        q = version.questionnaire()
        lang = _lang()
        return render(
            request,
            "staff/questionnaire.html",
            {
                "version": version,
                "questionnaire": q,
                "outline": _outline(q, lang),
                "languages": q.languages(),
                "question_count": sum(1 for question in q.questions() if question.answerable),
                "warnings": [d for d in version.import_report or [] if d["severity"] == "warning"],
                "campaigns": list(version.campaigns.all()),
                "campaign_form": form,
                "lang": lang,
                "page_title": version.title,
            },
            status=400,
        )
    return redirect("staff:campaign", campaign.slug)
