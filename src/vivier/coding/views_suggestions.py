"""Suggestions of a campaign, under ``/codage/<slug>/suggestions/``: its models with their
training progress and quality per code, training and proposing, the suggestions waiting for
a decision, and accepting or refusing one.

Who may do what: the pages are open to whoever the campaign's coding is open to (no text on
the models' pages; the waiting list shows texts masked as :func:`masking.visible_text` says);
training and proposing need ``coding.add_suggestionmodel``; accepting and refusing need
``coding.add_coding`` on the suggestion's text. The rules are ``suggestions``'; views stay
thin.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from vivier.accounts.access import requires, signed_in
from vivier.campaigns.forms_base import language
from vivier.campaigns.models import Campaign
from vivier.problems import ProblemCode, ProblemError, problem

from . import access, masking, suggestions
from .models import Code, Coding, SuggestionModel

TRAIN = "coding.add_suggestionmodel"
CODE = "coding.add_coding"
#: Suggestions per page of the waiting list.
PAGE_SIZE = 50


def _list_url(campaign: Campaign) -> str:
    return reverse("coding:suggestions:list", kwargs={"slug": campaign.slug})


def _queue_url(campaign: Campaign) -> str:
    return reverse("coding:suggestions:pending", kwargs={"slug": campaign.slug})


def _quality_rows(row: SuggestionModel) -> list[dict[str, Any]]:
    """The metrics table of a model, one line per code, in the codebook's order."""
    metrics = (row.metrics or {}).get("codes", {})
    codes = {
        str(code.guid): code
        for code in Code.objects.filter(codebook__campaign_id=row.campaign_id).order_by(
            "position", "pk"
        )
    }
    order = {guid: index for index, guid in enumerate(codes)}
    lines = []
    for guid, found in metrics.items():
        code = codes.get(guid)
        lines.append(
            {
                **found,
                "guid": guid,
                # The code's name today (renamed since?), else the one it had then.
                "name": code.name if code else found.get("name") or guid,
            }
        )
    return sorted(lines, key=lambda line: (order.get(line["guid"], len(order)), line["name"]))


def _model_context(row: SuggestionModel) -> dict[str, Any]:
    return {
        "row": row,
        "state": suggestions.describe(row),
        "busy": row.status in (SuggestionModel.Status.QUEUED, SuggestionModel.Status.TRAINING),
    }


def _list_page(
    request: HttpRequest, campaign: Campaign, error: str = "", status: int = 200
) -> HttpResponse:
    rows = list(SuggestionModel.objects.filter(campaign=campaign).order_by("-version"))
    ready = next((r for r in rows if r.status == SuggestionModel.Status.READY), None)
    models = [_model_context(r) for r in rows]
    return render(
        request,
        "coding/suggestions_list.html",
        {
            "campaign": campaign,
            "models": models,
            "ready": ready,
            "quality": _quality_rows(ready) if ready else [],
            "micro": (ready.metrics or {}).get("micro") if ready else None,
            # While a model trains the page reloads itself every 2 s (no script needed).
            "refresh": any(m["busy"] for m in models),
            "may_train": request.user.has_perm(TRAIN),
            "pending": suggestions.pending(campaign).count(),
            "error": error,
            "page_title": _("Suggestions de codes"),
        },
        status=status,
    )


# Any account: access.campaign_of gives a 404 to those the campaign's coding is not open to.
@signed_in
@require_safe
def model_list(request: HttpRequest, slug: str) -> HttpResponse:
    return _list_page(request, access.campaign_of(request, slug))


@signed_in
@require_safe
def model_detail(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    row = SuggestionModel.objects.filter(campaign=campaign, version=version).first()
    if row is None:
        raise Http404(_("Ce modèle n’existe pas."))
    context = _model_context(row)
    return render(
        request,
        "coding/suggestions_model.html",
        {
            "campaign": campaign,
            **context,
            "quality": _quality_rows(row),
            "micro": (row.metrics or {}).get("micro"),
            "refresh": context["busy"],
            "page_title": _("Modèle de suggestions, version %(version)s") % {"version": version},
        },
    )


@requires(TRAIN)
@require_POST
def train(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    try:
        row = suggestions.start_training(campaign, user=request.user, request=request)
    except ProblemError as error:
        # Nothing was started: the same page, with the reason.
        return _list_page(request, campaign, error.message(language()), status=400)
    messages.success(
        request,
        _("L’entraînement du modèle version %(version)s est lancé en arrière-plan.")
        % {"version": row.version},
    )
    return redirect(_list_url(campaign))


@requires(TRAIN)
@require_POST
def propose(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    row = suggestions.latest_ready(campaign)
    try:
        if row is None:
            raise ProblemError(problem(ProblemCode.SUGGEST_NO_MODEL))
        # Checked here so that a tampered model is said at once, not in a worker's log.
        suggestions.verified(row)
    except ProblemError as error:
        return _list_page(request, campaign, error.message(language()), status=400)
    from .tasks import propose_suggestions

    propose_suggestions.enqueue(row.pk)
    messages.success(
        request,
        _(
            "Le modèle version %(version)s propose ses codes en arrière-plan : les suggestions "
            "apparaissent dans la liste à valider."
        )
        % {"version": row.version},
    )
    return redirect(_list_url(campaign))


@signed_in
@require_safe
def pending(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    # Only the texts this person may read (an enquêteur: their notes, their round's texts).
    found = (
        suggestions.pending(campaign)
        .filter(source__in=access.readable_sources(campaign, request.user))
        .order_by("source_id", "-score", "pk")
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    may_code = request.user.has_perm(CODE)
    rows = [
        {
            "suggestion": s,
            "text": masking.visible_text(s.source, request.user),
            "may_decide": may_code and request.user.has_perm(CODE, s.source),
        }
        for s in page.object_list
    ]
    return render(
        request,
        "coding/suggestions_pending.html",
        {
            "campaign": campaign,
            "page": page,
            "rows": rows,
            "here": request.get_full_path(),
            "page_title": _("Suggestions à valider"),
        },
    )


def _suggestion_of(request: HttpRequest, campaign: Campaign, pk: int) -> Coding:
    """The campaign's suggestion ``pk``, if this person may code its text; a 404 otherwise."""
    found = (
        Coding.objects.filter(pk=pk, source__campaign=campaign, origin=Coding.Origin.MODEL)
        .select_related("source", "code")
        .first()
    )
    if found is None or not request.user.has_perm(CODE, found.source):
        raise Http404(_("Cette suggestion n’existe pas ou ne vous est pas ouverte."))
    return found


def _back(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    target = request.POST.get("next", "")
    # A path of this site only: anything else (a view name, another host) goes to the queue.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect(_queue_url(campaign))


@requires(CODE)
@require_POST
def accept(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    suggestion = _suggestion_of(request, campaign, pk)
    try:
        suggestions.accept(suggestion, user=request.user, request=request)
    except ProblemError as error:
        messages.error(request, error.message(language()))
    else:
        messages.success(
            request,
            _("« %(code)s » est appliqué au texte.") % {"code": suggestion.code.name},
        )
    return _back(request, campaign)


@requires(CODE)
@require_POST
def reject(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    suggestion = _suggestion_of(request, campaign, pk)
    try:
        suggestions.reject(suggestion, user=request.user, request=request)
    except ProblemError as error:
        messages.error(request, error.message(language()))
    else:
        messages.success(
            request,
            _("La suggestion « %(code)s » est refusée ; elle ne sera plus proposée pour ce texte.")
            % {"code": suggestion.code.name},
        )
    return _back(request, campaign)
