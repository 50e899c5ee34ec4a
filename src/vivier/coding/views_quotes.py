"""The quote bank of a campaign, under ``/codage/<slug>/citations/``: the quotes (by code,
reviewed or not), keeping a coding as a quote, correcting one, reviewing one.

Who may do what: the analysts and the personal-data role read the bank
(``coding.view_source``); the analysts keep a coding as a quote (``coding.add_quote``, on a
text they may read) and correct and review quotes (``coding.change_quote``). The words a
quote comes from are shown through the masking of :mod:`vivier.coding.masking`. The rules are
:mod:`vivier.coding.quotes`'; views stay thin.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vivier.accounts.access import requires
from vivier.campaigns.models import Campaign

from . import access, masking, quotes
from .forms_quotes import QuoteForm, QuoteTextForm, ReviewForm
from .models import Code, Coding, PiiFlag, Quote

VIEW = "coding.view_source"
ADD = "coding.add_quote"
CHANGE = "coding.change_quote"
PAGE_SIZE = 50
#: ``?etat=`` of the bank: reviewed or not.
STATES = {"verifiees": True, "a-verifier": False}


def _bank_url(campaign: Campaign) -> str:
    return reverse("coding:quotes:bank", kwargs={"slug": campaign.slug})


def _edit_url(quote: Quote) -> str:
    return reverse(
        "coding:quotes:edit", kwargs={"slug": quote.source.campaign.slug, "pk": quote.pk}
    )


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def seen_segment(coding: Coding, user: Any) -> str:
    """The words of ``coding`` as this person may read them (names masked without the
    personal-data right)."""
    start, end = quotes.segment_of(coding)
    source = coding.source
    segment = source.text[start:end]
    if not source.personal_data or masking.sees_personal_data(user):
        return segment
    flags = [
        (max(s, start) - start, min(e, end) - start, kind)
        for s, e, kind in source.pii_flags.exclude(status=PiiFlag.Status.DISMISSED)
        .filter(start__lt=end, end__gt=start)
        .values_list("start", "end", "kind")
    ]
    return masking.masked(segment, flags)


@requires(VIEW)
@require_safe
def bank(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    code_id = _int(request.GET.get("code"))
    state = request.GET.get("etat", "")
    found = quotes.bank(campaign, code_id=code_id, reviewed=STATES.get(state))
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "coding/quotes_bank.html",
        {
            "campaign": campaign,
            "page": page,
            "codes": Code.objects.filter(codebook__campaign=campaign, active=True),
            "code_id": code_id,
            "state": state if state in STATES else "",
            "usable": quotes.usable(campaign).count(),
            "page_title": _("Citations"),
        },
    )


def _coding_of(request: HttpRequest, campaign: Campaign, pk: int) -> Coding:
    coding = (
        Coding.objects.select_related("source", "code", "source__campaign")
        .filter(pk=pk, source__campaign=campaign)
        .first()
    )
    if coding is None or not request.user.has_perm(VIEW, coding.source):
        raise Http404(_("Ce codage n’existe pas ou ne vous est pas ouvert."))
    return coding


@requires(ADD)
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, slug: str) -> HttpResponse:
    """Keeps one coding as a quote (``?coding=<id>``)."""
    campaign = access.campaign_of(request, slug)
    data = request.POST if request.method == "POST" else None
    raw = request.POST.get("coding") if data is not None else request.GET.get("coding")
    pk = _int(raw)
    coding = _coding_of(request, campaign, pk) if pk is not None else None
    form = QuoteForm(data, initial={"coding": pk})
    status = 200
    if coding is None:
        # No form error here: the form cannot be sent without a coding to quote.
        status = 400
    elif data is not None:
        if form.is_valid():
            try:
                quote = quotes.create(
                    coding,
                    user=request.user,
                    consent=form.cleaned_data["consent"],
                    consent_note=form.cleaned_data["consent_note"],
                )
            except quotes.QuoteRefused as error:
                form.refused(error)
            else:
                messages.success(
                    request,
                    _("Citation gardée. Relisez-la, puis marquez-la comme vérifiée."),
                )
                return redirect(_edit_url(quote))
        status = 400
    return render(
        request,
        "coding/quotes_create.html",
        {
            "campaign": campaign,
            "coding": coding,
            "form": form,
            "preview": quotes.pseudonymised(coding).text if coding is not None else "",
            "segment": seen_segment(coding, request.user) if coding is not None else "",
            "page_title": _("Garder comme citation"),
        },
        status=status,
    )


def _quote_of(campaign: Campaign, pk: int) -> Quote:
    quote = (
        Quote.objects.select_related("coding__code", "source__campaign")
        .filter(pk=pk, source__campaign=campaign)
        .first()
    )
    if quote is None:
        raise Http404(_("Cette citation n’existe pas."))
    return quote


def _edit_page(
    request: HttpRequest,
    quote: Quote,
    text_form: QuoteTextForm,
    review_form: ReviewForm,
    status: int = 200,
) -> HttpResponse:
    left = quotes.still_personal(quote.text)
    return render(
        request,
        "coding/quotes_edit.html",
        {
            "campaign": quote.source.campaign,
            "quote": quote,
            "form": text_form,
            "review_form": review_form,
            "left": [str(PiiFlag.Kind(kind).label) for kind in left],
            "segment": seen_segment(quote.coding, request.user),
            "page_title": _("Citation"),
        },
        status=status,
    )


@requires(CHANGE)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    quote = _quote_of(campaign, pk)
    if request.method == "POST":
        form = QuoteTextForm(request.POST)
        if form.is_valid():
            try:
                quotes.edit(quote, form.cleaned_data["text"], user=request.user)
            except quotes.QuoteRefused as error:
                form.refused(error)
            else:
                messages.success(request, _("Citation corrigée : elle est à vérifier de nouveau."))
                return redirect(_edit_url(quote))
        return _edit_page(request, quote, form, ReviewForm(), status=400)
    return _edit_page(request, quote, QuoteTextForm(initial={"text": quote.text}), ReviewForm())


@requires(CHANGE)
@require_POST
def review(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    quote = _quote_of(campaign, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            quotes.review(quote, user=request.user, checked=form.cleaned_data["checked"])
        except quotes.QuoteRefused as error:
            form.refused(error)
        else:
            messages.success(request, _("Citation vérifiée : les rapports peuvent l’utiliser."))
            return redirect(_bank_url(campaign))
    text_form = QuoteTextForm(initial={"text": quote.text})
    return _edit_page(request, quote, text_form, form, status=400)
