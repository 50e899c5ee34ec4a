"""Rounds of double coding, under ``/codage/<slug>/cycles/``: the list, a new round, a round's
progress and closing, a coder's texts, the agreement report and its files, adjudication.

Who may do what: making, following and closing rounds, reading their agreement and
adjudicating need ``coding.add_codinground`` (the analysts); a coder (``coding.add_coding``)
sees the texts they were given. The blind rule holds on every page: while a round is open,
nothing shows anyone's codings (progress is counted in texts); the report and the
adjudication open once it is closed. The rules are :mod:`vivier.coding.rounds`'; views stay
thin.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vivier import audit
from vivier.accounts.access import requires
from vivier.campaigns.forms_base import language
from vivier.problems import ProblemError
from vivier.qualitative import agreement

from . import access, rounds
from .forms_rounds import AdjudicationForm, RoundForm
from .masking import visible_text
from .models import Code, CodingRound, RoundAssignment, Source

MANAGE = "coding.add_codinground"
CODE = "coding.add_coding"

#: How each band reads (α ≥ 0.80, 0.667 to 0.80, below).
BANDS = {
    agreement.Band.RELIABLE: gettext_lazy("fiable"),
    agreement.Band.TENTATIVE: gettext_lazy("à confirmer"),
    agreement.Band.REVISE: gettext_lazy("revoir le livre de codes"),
}
#: The DSFR badge of each band.
BAND_CLASSES = {
    agreement.Band.RELIABLE: "fr-badge--success",
    agreement.Band.TENTATIVE: "fr-badge--warning",
    agreement.Band.REVISE: "fr-badge--error",
}
#: Why a measure has no value.
REASONS = {
    agreement.Undefined.NO_UNITS: gettext_lazy("aucun texte codé par deux codeurs"),
    agreement.Undefined.ONE_CATEGORY: gettext_lazy("une seule réponse donnée partout"),
    agreement.Undefined.UNUSED: gettext_lazy("personne n’a mis ce code"),
}


def _round(campaign: Any, number: int) -> CodingRound:
    found = CodingRound.objects.filter(campaign=campaign, number=number).first()
    if found is None:
        raise Http404(_("Ce cycle n’existe pas."))
    return found


def _detail_url(one: CodingRound) -> str:
    return reverse("coding:rounds:detail", kwargs={"slug": one.campaign.slug, "number": one.number})


def _closed_or_back(request: HttpRequest, one: CodingRound) -> HttpResponse | None:
    """The blind rule: back to the round's page, saying why, while it is open."""
    try:
        rounds.require_closed(one)
    except ProblemError as refused:
        messages.error(request, refused.message(language()))
        return redirect(_detail_url(one))
    return None


# Coders and managers: each sees the rounds they manage, or those they were given texts in.
@requires(CODE)
@require_safe
def round_list(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    manages = request.user.has_perm(MANAGE)
    found = CodingRound.objects.filter(campaign=campaign).order_by("-number")
    mine = set(
        RoundAssignment.objects.filter(round__campaign=campaign, coder_id=request.user.pk)
        .values_list("round_id", flat=True)
        .distinct()
    )
    if not manages:
        found = found.filter(pk__in=mine)
    return render(
        request,
        "coding/rounds_list.html",
        {
            "campaign": campaign,
            "rounds": [(one, one.pk in mine) for one in found],
            "manages": manages,
            "page_title": _("Cycles de double codage"),
        },
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def new_round(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    form = RoundForm(campaign, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = rounds.create_round(
                campaign,
                title=form.cleaned_data["title"],
                questions=form.cleaned_data["questions"],
                coders=form.chosen_coders(),
                sample_size=form.cleaned_data["sample_size"],
                overlap=form.cleaned_data["overlap"],
                user=request.user,
            )
        except rounds.RoundRefused as refused:
            # Texts or rights changed since the form was checked.
            for name, found in refused.problems:
                form.add_error(name, found.message(language()))
        else:
            messages.success(
                request,
                _("Le cycle %(number)s est créé : chaque codeur trouve ses textes.")
                % {"number": made.number},
            )
            return redirect(_detail_url(made))
    return render(
        request,
        "coding/rounds_new.html",
        {"campaign": campaign, "form": form, "page_title": _("Nouveau cycle de double codage")},
        status=400 if form.errors else 200,
    )


@requires(MANAGE)
@require_safe
def detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    one = _round(campaign, number)
    return render(
        request,
        "coding/rounds_detail.html",
        {
            "campaign": campaign,
            "round": one,
            "progress": rounds.progress(one),
            "assigned_to_me": RoundAssignment.objects.filter(
                round=one, coder_id=request.user.pk
            ).exists(),
            "page_title": _("Cycle %(number)s : %(title)s")
            % {"number": one.number, "title": one.title},
        },
    )


@requires(MANAGE)
@require_POST
def close(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    one = _round(campaign, number)
    try:
        rounds.close(one, user=request.user)
    except ProblemError as refused:
        messages.error(request, refused.message(language()))
    else:
        messages.success(
            request,
            _("Le cycle %(number)s est clos : l’accord et l’arbitrage sont ouverts.")
            % {"number": one.number},
        )
    return redirect(_detail_url(one))


# A coder: the texts they were given in this round (a 404 to anyone who was given none).
@requires(CODE)
@require_safe
def mine(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    one = _round(campaign, number)
    given = rounds.assignments_of(one, request.user)
    if not given:
        raise Http404(_("Aucun texte de ce cycle ne vous est confié."))
    return render(
        request,
        "coding/rounds_mine.html",
        {
            "campaign": campaign,
            "round": one,
            "given": given,
            "completed": sum(1 for _row, coded in given if coded),
            "page_title": _("Mes textes du cycle %(number)s") % {"number": one.number},
        },
    )


@requires(CODE)
@require_POST
def mark_done(request: HttpRequest, slug: str, number: int, source: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    one = _round(campaign, number)
    row = (
        RoundAssignment.objects.filter(round=one, source_id=source, coder_id=request.user.pk)
        .select_related("round")
        .first()
    )
    if row is None:
        raise Http404(_("Ce texte ne vous est pas confié dans ce cycle."))
    try:
        rounds.mark_done(row)
    except ProblemError as refused:
        messages.error(request, refused.message(language()))
    else:
        messages.success(request, _("Texte marqué comme codé."))
    return redirect(
        reverse("coding:rounds:mine", kwargs={"slug": campaign.slug, "number": one.number})
    )


# -- The agreement report ----------------------------------------------------------------------


def _measure(value: agreement.Coefficient, *, percent: bool = False) -> dict[str, Any]:
    if value.value is None:
        shown = ""
    elif percent:
        shown = f"{number_format(100 * value.value, 0)} %"
    else:
        shown = number_format(value.value, 2)
    return {
        "value": value.value,
        "shown": shown,
        "n_used": value.n_used,
        "n_total": value.n_total,
        "reason": REASONS.get(value.reason) if value.reason is not None else "",
    }


def _shown(label: str, measured: agreement.Agreement) -> dict[str, Any]:
    return {
        "label": label,
        "n_used": measured.n_used,
        "n_total": measured.n_total,
        "percent": _measure(measured.percent, percent=True),
        "alpha": _measure(measured.alpha),
        "ac1": _measure(measured.ac1),
        "band": measured.band,
        "band_label": BANDS.get(measured.band) if measured.band else "",
        "band_class": BAND_CLASSES.get(measured.band) if measured.band else "",
        "pairs": [
            {"first": pair.first, "second": pair.second, "kappa": _measure(pair.kappa)}
            for pair in measured.pairs
        ],
    }


@requires(MANAGE)
@require_safe
def report(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    one = _round(campaign, number)
    back = _closed_or_back(request, one)
    if back is not None:
        return back
    found = rounds.report(one)
    pairs = [(pair.first, pair.second) for pair in found.overall.pairs]
    return render(
        request,
        "coding/rounds_report.html",
        {
            "campaign": campaign,
            "round": one,
            "report": found,
            "pairs": pairs,
            "overall": _shown(_("Ensemble"), found.overall),
            "by_kind": [_shown(row.label, row.agreement) for row in found.by_kind],
            "by_question": [_shown(row.label, row.agreement) for row in found.by_question],
            "codes": [_shown(row.label, row.agreement) for row in found.codes],
            "sources": [_shown(row.label, row.agreement) for row in found.sources],
            "reliable_from": agreement.RELIABLE_FROM,
            "tentative_from": agreement.TENTATIVE_FROM,
            "page_title": _("Accord entre codeurs, cycle %(number)s") % {"number": one.number},
        },
    )


@requires(MANAGE)
@require_safe
def download(request: HttpRequest, slug: str, number: int, fmt: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    one = _round(campaign, number)
    back = _closed_or_back(request, one)
    if back is not None:
        return back
    found = rounds.report(one)
    audit.record(request, "coding.agreement-export", one, campaign=campaign.slug, format=fmt)
    if fmt == "json":
        answer = HttpResponse(rounds.as_json(found), content_type="application/json")
    else:
        answer = HttpResponse(rounds.as_csv(found), content_type="text/csv; charset=utf-8")
    name = f"accord-{campaign.slug}-cycle-{one.number}.{fmt}"
    answer["Content-Disposition"] = f'attachment; filename="{name}"'
    return answer


# -- Adjudication ------------------------------------------------------------------------------


def _by_source(
    request: HttpRequest, found: list[rounds.Disagreement]
) -> list[tuple[Source, str, list[rounds.Disagreement]]]:
    grouped: dict[int, list[rounds.Disagreement]] = {}
    for item in found:
        grouped.setdefault(item.source.pk, []).append(item)
    return [
        (items[0].source, visible_text(items[0].source, request.user), items)
        for items in grouped.values()
    ]


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def adjudication(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    one = _round(campaign, number)
    back = _closed_or_back(request, one)
    if back is not None:
        return back
    form = AdjudicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        source = Source.objects.filter(pk=form.cleaned_data["source"], campaign=campaign).first()
        code = Code.objects.filter(
            pk=form.cleaned_data["code"], codebook__campaign=campaign
        ).first()
        if source is None:
            form.add_error(None, _("Ce texte n’est pas dans cette campagne."))
        elif code is None:
            form.add_error(None, _("Ce code n’est pas dans le livre de codes de cette campagne."))
        else:
            try:
                rounds.adjudicate(
                    one,
                    source,
                    code,
                    form.cleaned_data["present"],
                    user=request.user,
                    note=form.cleaned_data["note"],
                )
            except ProblemError as refused:
                form.add_error(None, refused.message(language()))
            else:
                messages.success(
                    request,
                    _("Décision enregistrée pour « %(code)s » sur « %(source)s ».")
                    % {"code": code.name, "source": source.name},
                )
                url = reverse(
                    "coding:rounds:adjudication",
                    kwargs={"slug": campaign.slug, "number": one.number},
                )
                return redirect(f"{url}#source-{source.pk}")
    found = rounds.disagreements(one)
    return render(
        request,
        "coding/rounds_adjudication.html",
        {
            "campaign": campaign,
            "round": one,
            "form": form,
            "sources": _by_source(request, found),
            "count": len(found),
            "decided": sum(1 for item in found if item.adjudication is not None),
            "page_title": _("Arbitrage des désaccords, cycle %(number)s") % {"number": one.number},
        },
        status=400 if form.errors else 200,
    )
