"""The exchange pages of a campaign's coding: REFI-QDA and CSV downloads, and the import of
a REFI-QDA project or codebook.

Downloading needs ``coding.view_source`` (the texts travel with the codings); a person
without ``coding.review_pii`` gets the texts with names and contacts masked, offsets moved
with them. Importing needs ``coding.manage_codebook``. Both are audited. The rules are
``exchange``'s; views stay thin.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vivier import audit
from vivier.accounts.access import requires
from vivier.campaigns.forms_base import language
from vivier.problems import Location, ProblemCode, number, problem

from . import access, exchange
from .forms_exchange import MAX_UPLOAD_BYTES, ImportForm
from .masking import sees_personal_data

VIEW = "coding.view_source"
MANAGE = "coding.manage_codebook"


def _index_url(slug: str) -> str:
    return reverse("coding:exchange:index", kwargs={"slug": slug})


@requires(VIEW)
@require_safe
def index(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    return render(
        request,
        "coding/exchange_index.html",
        {
            "campaign": campaign,
            "masked": not sees_personal_data(request.user),
            "form": ImportForm() if request.user.has_perm(MANAGE) else None,
            "page_title": _("Échanger le codage de « %(title)s »") % {"title": campaign.title},
        },
    )


@requires(VIEW)
@require_safe
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    if fmt not in exchange.FORMATS:
        raise Http404(_("Ce format n’existe pas."))
    whole = sees_personal_data(request.user)
    if fmt == "qdpx":
        body = exchange.export_project(campaign, personal_data=whole)
        name = f"{campaign.slug}.qdpx"
    elif fmt == "qdc":
        body = exchange.export_codebook(campaign)
        name = f"{campaign.slug}-livre-de-codes.qdc"
    else:
        body = exchange.export_csv(campaign, personal_data=whole)
        name = f"{campaign.slug}-codages.csv"
    audit.record(request, "coding.export", campaign, format=fmt, personal_data=whole)
    response = HttpResponse(body, content_type=exchange.FORMATS[fmt][1])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    report = None
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["document"]
        if upload.size > MAX_UPLOAD_BYTES:
            report = exchange.ImportReport(filename=upload.name)
            report.diagnostics.append(
                problem(
                    ProblemCode.FILE_TOO_BIG,
                    Location(file=upload.name),
                    size_kb=number(upload.size // 1024),
                    limit_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
                )
            )
        else:
            report = exchange.import_file(campaign, upload.name, upload.read(), user=request.user)
        if report.errors:
            form.add_error("document", _("Le fichier n’est pas importé : rien n’est enregistré."))
        else:
            audit.record(
                request,
                "coding.import",
                campaign,
                file=upload.name[:100],
                **report.counts(),
                warnings=len(report.warnings),
            )
            lang = language()
            messages.success(
                request,
                _(
                    "Fichier importé : %(codes)s codes ajoutés, %(codings)s codages, "
                    "%(sources)s textes (%(matched)s retrouvés dans la campagne)."
                )
                % {
                    "codes": report.codes_created,
                    "codings": report.codings_created,
                    "sources": report.sources_created + report.sources_matched,
                    "matched": report.sources_matched,
                },
            )
            for found in report.warnings:
                messages.warning(request, found.describe(lang))
            return redirect(_index_url(campaign.slug))
    lang = language()
    return render(
        request,
        "coding/exchange_import.html",
        {
            "campaign": campaign,
            "form": form,
            "problems": [
                {"code": found.code, "text": found.describe(lang), "error": found.is_error}
                for found in report.diagnostics
            ]
            if report
            else [],
            "page_title": _("Importer un fichier REFI-QDA"),
        },
        status=400 if form.errors else 200,
    )
