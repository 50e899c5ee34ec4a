"""The coding screen, under ``/codage/<campaign>/coder/``: one text at a time, the codes meant
for it with their shortcuts, its codings, memos, and the way through a queue of texts.

Who: the people who code (``coding.add_coding``: analysts, enquêteurs) on the texts they may
view (analysts: all of a campaign's; an enquêteur: the notes they typed and the texts a round
gave them). Everyone else gets 403 (no role to code) or the 404 of a text or campaign that
does not exist, so that neither leaks.

Speed: every page and action answers within a few queries, whatever the campaign's size: the
queue is one query of ids (and one of the coded ones), the text and its codings a few more.
After an action the browser is sent back to the same text (PRG), or, when htmx asks, gets
only the parts that changed (the codings and the way through the queue).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from vivier import audit
from vivier.accounts.access import requires
from vivier.campaigns.forms_base import language
from vivier.campaigns.models import Campaign
from vivier.problems import ProblemCode, ProblemError

from . import access, codings, masking
from .forms_screen import ApplyForm, MemoForm, query_string, queue_filters, span_fields
from .models import Code, Coding, Source

ADD = "coding.add_coding"

#: Which field of the apply form a refused code or span is said beside.
_FIELD_OF: dict[Any, str] = {
    ProblemCode.CODING_SPAN_HALF: "start",
    ProblemCode.CODING_SPAN_EMPTY: "end",
    ProblemCode.CODING_SPAN_OUTSIDE: "end",
    ProblemCode.CODING_SPAN_INVALID: "start",
}


# -- The queue ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Queue:
    """The texts the screen walks through, in order, and where the person is in it."""

    #: Every text of the queue but for the "not coded yet" filter, in order of ids.
    base: list[int]
    #: The texts walked through (``base`` less the coded ones with "not coded yet").
    ids: list[int]
    coded: set[int]
    questions: list[str]
    filters: dict[str, Any]

    @property
    def query(self) -> str:
        return query_string(self.filters)

    def coded_count(self) -> int:
        return sum(1 for pk in self.base if pk in self.coded)

    def first(self) -> int | None:
        """Where to start: the first text not coded yet, else the first."""
        for pk in self.ids:
            if pk not in self.coded:
                return pk
        return self.ids[0] if self.ids else None

    def previous(self, current: int) -> int | None:
        at = bisect_left(self.ids, current)
        return self.ids[at - 1] if at > 0 else None

    def next(self, current: int) -> int | None:
        at = bisect_right(self.ids, current)
        return self.ids[at] if at < len(self.ids) else None

    def next_uncoded(self, current: int) -> int | None:
        """The next text not coded yet after ``current``, from the start again past the end."""
        at = bisect_right(self.ids, current)
        for pk in self.ids[at:] + self.ids[:at]:
            if pk not in self.coded and pk != current:
                return pk
        return None

    def position(self, current: int) -> int | None:
        at = bisect_left(self.ids, current)
        return at + 1 if at < len(self.ids) and self.ids[at] == current else None


def queue_of(campaign: Campaign, user: Any, data: QueryDict | None) -> Queue:
    """The queue ``user`` walks through with the filters of ``data`` (a query string)."""
    found = Source.objects.filter(campaign=campaign)
    if not user.has_perm("coding.view_source"):
        # An enquêteur: the notes they typed and the texts a round gave them.
        assigned = codings.assigned_source_ids(campaign, user, open_only=False)
        found = found.filter(pk__in=assigned) | found.filter(created_by_id=user.pk)
    rows = list(found.order_by("pk").values_list("pk", "question"))
    questions = sorted({question for _pk, question in rows if question})
    filters = queue_filters(data, questions)
    if filters["question"]:
        rows = [row for row in rows if row[1] == filters["question"]]
    base = [pk for pk, _question in rows]
    if filters["mine"]:
        mine = {row["source_id"] for row in codings.assigned_source_ids(campaign, user)}
        base = [pk for pk in base if pk in mine]
    coded = codings.coded_source_ids(campaign, user)
    ids = [pk for pk in base if pk not in coded] if filters["uncoded"] else base
    return Queue(base, ids, coded, questions, filters)


# -- Pages -------------------------------------------------------------------------------------


def _source_of(request: HttpRequest, campaign: Campaign, pk: int) -> Source:
    source = Source.objects.filter(campaign=campaign, pk=pk).first()
    if source is None or not request.user.has_perm(ADD, source):
        raise Http404(_("Ce texte n’existe pas ou ne vous est pas ouvert."))
    return source


def _source_url(campaign: Campaign, pk: int, query: str) -> str:
    url = reverse("coding:screen:source", kwargs={"slug": campaign.slug, "pk": pk})
    return f"{url}?{query}" if query else url


def _codes(campaign: Campaign) -> list[Code]:
    return list(Code.objects.filter(codebook__campaign=campaign).order_by("position", "pk"))


def _context(
    request: HttpRequest,
    campaign: Campaign,
    source: Source,
    queue: Queue,
    *,
    apply_form: ApplyForm | None = None,
    memo_form: MemoForm | None = None,
    notice: str = "",
    fragment: bool = False,
) -> dict[str, Any]:
    """What the page shows; with ``fragment``, only what an action changes (htmx)."""
    user = request.user
    seen = codings.shown(source, user)
    blind = codings.in_blind_round(source)
    current = codings.visible_codings(source, user, blind=blind)
    query = queue.query
    rows = [
        {"coding": item, "excerpt": seen.excerpt(item), "mine": item.coder_id == user.pk}
        for item in current
    ]
    links = {
        "previous": queue.previous(source.pk),
        "next": queue.next(source.pk),
        "next_uncoded": queue.next_uncoded(source.pk),
    }
    return {
        "campaign": campaign,
        "source": source,
        "shown": seen,
        "codes": [] if fragment else codings.codes_for(source, _codes(campaign)),
        "rows": rows,
        "memos": codings.visible_memos(source, user, current, blind=blind),
        "apply_form": apply_form,
        "span_fields": span_fields(apply_form),
        "memo_form": memo_form,
        "memo_max": codings.MEMO_MAX_LENGTH,
        "queue": queue,
        "query": query,
        "links": {key: _source_url(campaign, pk, query) if pk else "" for key, pk in links.items()},
        "position": queue.position(source.pk),
        "coded_count": queue.coded_count(),
        "is_coded": source.pk in queue.coded,
        "blind": blind,
        "notice": notice,
        "page_title": _("Coder : %(name)s") % {"name": source.name},
    }


def _page(
    request: HttpRequest, context: dict[str, Any], status: int = 200, *, fragment: bool = False
) -> HttpResponse:
    if fragment:
        return render(request, "coding/screen_fragment.html", context, status=status)
    source = context["source"]
    if source.personal_data and masking.sees_personal_data(request.user):
        audit.record(
            request,
            "personal-data.view-flagged",
            audit.Subject(Source, str(source.pk), f"#{source.pk}"),
            texts=1,
            where="coding-screen",
        )
    return render(request, "coding/screen.html", context, status=status)


# Coders only (analysts, enquêteurs); the campaign and each text narrow it with a 404.
@requires(ADD)
@require_safe
def code(request: HttpRequest, slug: str) -> HttpResponse:
    """The screen's entry: the first text of the queue not coded yet."""
    campaign = access.campaign_of(request, slug)
    queue = queue_of(campaign, request.user, request.GET)
    first = queue.first()
    if first is not None:
        return redirect(_source_url(campaign, first, queue.query))
    return render(
        request,
        "coding/screen_empty.html",
        {
            "campaign": campaign,
            "queue": queue,
            "page_title": _("Coder les textes"),
        },
    )


@requires(ADD)
@require_safe
def source(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    found = _source_of(request, campaign, pk)
    queue = queue_of(campaign, request.user, request.GET)
    return _page(request, _context(request, campaign, found, queue))


def _queue_of_post(request: HttpRequest, campaign: Campaign) -> Queue:
    """The queue the person was walking through, sent back by each form."""
    return queue_of(campaign, request.user, QueryDict(request.POST.get("queue", "")))


def _done(
    request: HttpRequest, campaign: Campaign, source: Source, queue: Queue, notice: str
) -> HttpResponse:
    """After an action: the changed parts for htmx, otherwise back to the text (PRG)."""
    if request.htmx:
        context = _context(request, campaign, source, queue, notice=notice, fragment=True)
        return _page(request, context, fragment=True)
    messages.success(request, notice)
    return redirect(_source_url(campaign, source.pk, queue.query))


@requires(ADD)
@require_POST
def apply_code(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    found = _source_of(request, campaign, pk)
    queue = _queue_of_post(request, campaign)
    form = ApplyForm(request.POST)
    if form.is_valid():
        code_pk = form.cleaned_data["code"]
        chosen = Code.objects.filter(pk=code_pk).select_related("codebook").first()
        if chosen is None or chosen.codebook.campaign_id != campaign.pk:
            form.add_error("code", _("Ce code n’est pas dans le livre de codes de la campagne."))
        else:
            seen = codings.shown(found, request.user)
            start, end = form.cleaned_data.get("start"), form.cleaned_data.get("end")
            try:
                if start is not None and end is not None and start < end <= len(seen.text):
                    # Offsets of what the person sees, made offsets of the stored text.
                    start, end = seen.to_source(start), seen.to_source(end, end=True)
                coding = codings.apply(found, chosen, user=request.user, start=start, end=end)
            except ProblemError as error:
                field = _FIELD_OF.get(error.diagnostic.kind, "code")
                form.add_error(field, error.diagnostic.message(language()))
            else:
                where = seen.excerpt(coding)
                notice = (
                    _("« %(code)s » appliqué au passage « %(words)s ».")
                    % {"code": chosen.name, "words": where}
                    if where
                    else _("« %(code)s » appliqué à tout le texte.") % {"code": chosen.name}
                )
                return _done(request, campaign, found, queue, notice)
    htmx = bool(request.htmx)
    context = _context(request, campaign, found, queue, apply_form=form, fragment=htmx)
    return _page(request, context, status=400, fragment=htmx)


@requires(ADD)
@require_POST
def remove_coding(request: HttpRequest, slug: str, pk: int, coding: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    found = _source_of(request, campaign, pk)
    queue = _queue_of_post(request, campaign)
    # Only one's own codings can be removed; any other is as if it did not exist.
    target = (
        Coding.objects.filter(
            pk=coding, source=found, origin=Coding.Origin.HUMAN, coder_id=request.user.pk
        )
        .select_related("code")
        .first()
    )
    if target is None:
        raise Http404(_("Ce codage n’existe pas ou n’est pas le vôtre."))
    codings.remove(target, user=request.user)
    notice = _("« %(code)s » retiré.") % {"code": target.code.name}
    return _done(request, campaign, found, queue, notice)


@requires(ADD)
@require_POST
def undo(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Reverts the person's last add or removal in the campaign, and stays on this text."""
    campaign = access.campaign_of(request, slug)
    found = _source_of(request, campaign, pk)
    queue = _queue_of_post(request, campaign)
    notice = codings.undo(campaign, user=request.user)
    return _done(request, campaign, found, queue, notice)


@requires(ADD)
@require_POST
def memo(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    found = _source_of(request, campaign, pk)
    queue = _queue_of_post(request, campaign)
    form = MemoForm(request.POST, choices=codings.visible_codings(found, request.user))
    if form.is_valid():
        try:
            codings.add_memo(
                found, form.cleaned_data["text"], user=request.user, coding=form.chosen_coding()
            )
        except ProblemError as error:
            form.add_error("text", error.diagnostic.message(language()))
        else:
            return _done(request, campaign, found, queue, _("Mémo enregistré."))
    htmx = bool(request.htmx)
    context = _context(request, campaign, found, queue, memo_form=form, fragment=htmx)
    return _page(request, context, status=400, fragment=htmx)
