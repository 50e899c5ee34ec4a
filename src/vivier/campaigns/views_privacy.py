"""Staff pages for personal data: retention and purge, one person's data (find, export,
erase), and the review of free-text answers that hold an e-mail address or a phone number.

Everything but the review list needs the personal-data right
(``campaigns.view_responsecontact``); analysts without it see the flagged texts masked. The
person searched is always sent in a POST body, never in a URL: an address in a query string
would end up in access logs and browser history. Every action writes an audit line
(``privacy.audit``). What is typed is read by the forms of ``forms_privacy``; a page refused
comes back (status 400) with it, and says what is wrong next to the field.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from vivier.accounts.access import requires

from . import privacy
from .forms_privacy import KEEP, EraseForm, PersonForm, ReviewTextForm
from .models import AuditEntry, Campaign
from .views_staff import can_see_personal_data

PERSONAL_DATA = "campaigns.view_responsecontact"
#: Erasing a person's data and the purge delete contact details.
ERASE = (PERSONAL_DATA, "campaigns.delete_responsecontact")
#: Masking or keeping a flagged text, looking for more: the flags change.
REVIEW = (PERSONAL_DATA, "campaigns.change_textflag")


def _actor(request: HttpRequest) -> str:
    return str(request.user.get_username())


def _lang() -> str:
    return (get_language() or "fr")[:2]


def _index(request: HttpRequest, **context: Any) -> HttpResponse:
    status = context.pop("status", 200)
    context.setdefault("form", PersonForm())
    context["audit"] = AuditEntry.objects.all()[:20]
    context["campaigns"] = Campaign.objects.only("slug", "title")
    context["page_title"] = _("Données personnelles")
    return render(request, "staff/privacy/index.html", context, status=status)


@never_cache
@requires(PERSONAL_DATA)
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """The entry point: find a person, the purge, the last audit lines."""
    return _index(request)


def _refused(request: HttpRequest, form: PersonForm) -> HttpResponse:
    """The index page again, with what was typed and what is wrong with it."""
    return _index(request, form=form, status=400)


@never_cache
@requires(PERSONAL_DATA)
@require_POST
def find(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST)
    if not form.is_valid():
        return _refused(request, form)
    query = form.cleaned_data["contact"]
    person = privacy.find_person([query], actor=_actor(request))
    return render(
        request,
        "staff/privacy/person.html",
        {"person": person, "query": query, "page_title": _("Données d’une personne")},
    )


@never_cache
@requires(PERSONAL_DATA)
@require_POST
def export(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST)
    if not form.is_valid():
        return _refused(request, form)
    query = form.cleaned_data["contact"]
    _person_found, text = privacy.export_person([query], actor=_actor(request))
    answer = HttpResponse(text, content_type="application/json; charset=utf-8")
    answer["Content-Disposition"] = 'attachment; filename="donnees-personnelles.json"'
    return answer


@never_cache
@requires(*ERASE)
@require_POST
def erase(request: HttpRequest) -> HttpResponse:
    """Without the confirmation box: what would be erased, and the box. With it: erasure."""
    form = EraseForm(request.POST)
    if not form.is_valid() and form.has_error("contact"):
        return _refused(request, form)
    query = form.cleaned_data["contact"]
    if form.errors or not form.confirmed:
        return render(
            request,
            "staff/privacy/erase.html",
            {
                "person": privacy.find_person([query], actor=_actor(request)),
                "form": form,
                "page_title": _("Effacer les données d’une personne"),
            },
            # The box left unticked on the erasure page; the first visit is no error.
            status=400 if form.errors else 200,
        )
    result = privacy.erase_person([query], actor=_actor(request))
    # The message names no address: it is kept in the session until shown.
    messages.success(
        request,
        _(
            "Données effacées : %(contacts)s coordonnées supprimées, %(drafts)s brouillons "
            "supprimés, %(texts)s adresses ou numéros masqués dans des textes libres."
        )
        % {"contacts": result.contacts, "drafts": result.drafts, "texts": result.texts},
    )
    return redirect("staff:privacy")


@never_cache
@requires(PERSONAL_DATA)
@require_safe
def retention(request: HttpRequest) -> HttpResponse:
    """What the retention settings say is due for deletion now, and the purge button."""
    try:
        plan = privacy.purge_plan()
    except privacy.PrivacyError as error:
        return render(
            request,
            "staff/privacy/retention.html",
            {"problem": error.describe(_lang()), "page_title": _("Conservation")},
        )
    return render(
        request, "staff/privacy/retention.html", {"plan": plan, "page_title": _("Conservation")}
    )


@requires(*ERASE)
@require_POST
def purge(request: HttpRequest) -> HttpResponse:
    try:
        report = privacy.purge(actor=_actor(request))
    except privacy.PrivacyError as error:
        messages.error(request, error.describe(_lang()))
        return redirect("staff:privacy_retention")
    messages.success(
        request,
        _("Purge faite : %(contacts)s coordonnées et %(drafts)s brouillons abandonnés supprimés.")
        % {"contacts": report.contacts, "drafts": report.drafts},
    )
    return redirect("staff:privacy_retention")


@never_cache
@requires("campaigns.view_textflag")
@require_safe
def flagged(request: HttpRequest, slug: str) -> HttpResponse:
    """The campaign's free-text answers holding a contact; masked without the right."""
    return _flagged(request, get_object_or_404(Campaign, slug=slug))


def _flagged(
    request: HttpRequest, campaign: Campaign, form: ReviewTextForm | None = None
) -> HttpResponse:
    items = privacy.flagged_texts(campaign)
    if items and can_see_personal_data(request.user):
        from vivier import audit

        audit.record(request, "personal-data.view-flagged", campaign, texts=len(items))
    return render(
        request,
        "staff/privacy/flagged.html",
        {
            "campaign": campaign,
            "items": items,
            "personal": can_see_personal_data(request.user),
            "to_review": sum(1 for item in items if item.flag.reviewed_at is None),
            "form": form,
            "page_title": _("Textes libres à revoir"),
        },
        status=400 if form is not None else 200,
    )


@requires(*REVIEW)
@require_POST
def review_text(request: HttpRequest, slug: str, key: str, question: str) -> HttpResponse:
    """``action=masquer``: replace the contacts in the text; ``action=garder``: keep it."""
    campaign = get_object_or_404(Campaign, slug=slug)
    form = ReviewTextForm(request.POST)
    if not form.is_valid():
        # Only a hand-made request sends another action: the page again, saying so.
        return _flagged(request, campaign, form)
    try:
        if form.cleaned_data["action"] == KEEP:
            privacy.keep_text(campaign, key, question, actor=_actor(request))
            messages.success(request, _("Texte conservé tel quel et marqué comme revu."))
        else:
            count = privacy.redact_text(campaign, key, question, actor=_actor(request))
            messages.success(
                request,
                ngettext(
                    "%(count)s adresse ou numéro masqué.",
                    "%(count)s adresses ou numéros masqués.",
                    count,
                )
                % {"count": count},
            )
    except privacy.PrivacyError as error:
        messages.error(request, error.describe(_lang()))
    return redirect("staff:privacy_flagged", campaign.slug)


@requires(*REVIEW)
@require_POST
def scan(request: HttpRequest, slug: str) -> HttpResponse:
    """Looks again through the campaign's submitted answers (older responses, imports)."""
    campaign = get_object_or_404(Campaign, slug=slug)
    read, found = privacy.scan(campaign, actor=_actor(request))
    messages.success(
        request,
        _("%(read)s réponses relues, %(found)s textes libres signalés.")
        % {"read": read, "found": found},
    )
    return redirect("staff:privacy_flagged", campaign.slug)
