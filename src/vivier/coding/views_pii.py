"""Names and contacts found in a campaign's texts to code, under
``/codage/<slug>/donnees-personnelles/``.

Who may do what:

- the page and "lancer le repérage" need ``coding.view_source`` (the analysts and the
  personal-data role): running the pass shows no word of any text, only counts, and it is
  what masks the texts for the analysts, so whoever codes may run it when texts were added;
- the texts with their flags highlighted, and confirming or dismissing a flag, need
  ``coding.review_pii`` (the personal-data role); showing them writes an audit line.

The rules are :mod:`vivier.coding.pii`'s; views stay thin.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from vivier import audit
from vivier.accounts.access import requires
from vivier.campaigns.models import Campaign

from . import access, pii
from .models import PiiFlag, Source

VIEW = "coding.view_source"
REVIEW = "coding.review_pii"
#: Texts per page of the review list.
PAGE_SIZE = 20


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Décision"),
        choices=[
            (PiiFlag.Status.CONFIRMED, gettext_lazy("Confirmer")),
            (PiiFlag.Status.DISMISSED, gettext_lazy("Écarter")),
        ],
        error_messages={
            "required": gettext_lazy("Choisissez : confirmer ou écarter."),
            "invalid_choice": gettext_lazy("Choisissez : confirmer ou écarter."),
        },
    )


def _index_url(campaign: Campaign) -> str:
    return reverse("coding:pii:index", kwargs={"slug": campaign.slug})


def _review_items(request: HttpRequest, campaign: Campaign) -> dict[str, Any]:
    """The page of flagged texts to show a reviewer, each cut at its flags."""
    everything = request.GET.get("tous") == "1"
    sources = Source.objects.filter(campaign=campaign)
    if everything:
        sources = sources.filter(pii_flags__isnull=False)
    else:
        sources = sources.filter(pii_flags__status=PiiFlag.Status.FOUND)
    page = Paginator(sources.distinct().order_by("pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    flags: dict[int, list[PiiFlag]] = {}
    for flag in PiiFlag.objects.filter(source__in=shown).order_by("start", "pk"):
        flags.setdefault(flag.source_id, []).append(flag)
    items = [
        {
            "source": source,
            "rows": [
                {"flag": f, "words": source.text[f.start : f.end]} for f in flags.get(source.pk, [])
            ],
            "pieces": pii.pieces(
                source.text,
                [f for f in flags.get(source.pk, []) if f.status != PiiFlag.Status.DISMISSED],
            ),
        }
        for source in shown
    ]
    if items:
        audit.record(
            request, "personal-data.view-flagged", campaign, texts=len(items), what="coding"
        )
    return {"items": items, "page": page, "everything": everything}


def _render(
    request: HttpRequest, campaign: Campaign, *, error: str = "", status: int = 200
) -> HttpResponse:
    reviewer = request.user.has_perm(REVIEW)
    counts = pii.counts(campaign)
    context: dict[str, Any] = {
        "campaign": campaign,
        "counts": counts,
        "kinds": [(kind, label, counts.by_kind[kind]) for kind, label in PiiFlag.Kind.choices],
        "reviewer": reviewer,
        "error": error,
        "page_title": _("Données personnelles repérées"),
    }
    if reviewer:
        context.update(_review_items(request, campaign))
    return render(request, "coding/pii_index.html", context, status=status)


@never_cache
@requires(VIEW)
@require_safe
def index(request: HttpRequest, slug: str) -> HttpResponse:
    return _render(request, access.campaign_of(request, slug))


@requires(VIEW)
@require_POST
def run(request: HttpRequest, slug: str) -> HttpResponse:
    """Runs the pass over the texts not read since they changed."""
    campaign = access.campaign_of(request, slug)
    report = pii.scan(campaign, actor=request.user)
    messages.success(
        request,
        _("Repérage fait : %(read)s textes lus, %(flagged)s contiennent des données personnelles.")
        % {"read": report.read, "flagged": report.flagged},
    )
    return redirect(_index_url(campaign))


@requires(REVIEW)
@require_POST
def decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Confirms or dismisses one flag."""
    campaign = access.campaign_of(request, slug)
    flag = PiiFlag.objects.filter(pk=pk, source__campaign=campaign).first()
    if flag is None:
        raise Http404(_("Ce repérage n’existe pas."))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _render(request, campaign, error=form.errors["decision"][0], status=400)
    decision = form.cleaned_data["decision"]
    pii.review(flag, decision, user=request.user)
    if decision == PiiFlag.Status.CONFIRMED:
        messages.success(request, _("Donnée personnelle confirmée : le texte reste masqué."))
    else:
        messages.success(request, _("Repérage écarté : ces mots ne seront plus masqués."))
    return redirect(f"{_index_url(campaign)}#source-{flag.source_id}")
