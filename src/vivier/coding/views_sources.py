"""The texts to code of a campaign, under ``/codage/<slug>/sources/``: the free-text
questions with their counts, the answers of one question (paged, searchable), the notes and
documents, one text with its codings, the update from the answers, and the notes' forms.

Who sees what: the analysts and the personal-data role read every text
(``coding.view_source``); an enquêteur reads the notes they typed and the texts a round gives
them (:mod:`vivier.coding.rules`), and anyone else gets the campaign's 404. Texts are shown
through :func:`vivier.coding.masking.visible_text`: names and contacts the personal-data pass
found are masked for whoever may not see them, and a search matches what they may read only.
The rules of the texts are :mod:`vivier.coding.sources`'; views stay thin.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vivier import audit
from vivier.accounts.access import requires, signed_in
from vivier.campaigns.forms_base import language
from vivier.campaigns.models import Campaign

from . import access, masking, sources
from .forms_sources import DocumentForm, NoteEditForm, NoteForm, NoteImportForm
from .models import Coding, CodingRound, PiiFlag, Source

VIEW = "coding.view_source"
ADD = "coding.add_source"
#: Texts per page of a list.
PAGE_SIZE = 50
#: Characters of each text shown in a list.
EXCERPT = 400


def _list_url(campaign: Campaign) -> str:
    return reverse("coding:sources:list", kwargs={"slug": campaign.slug})


def _detail_url(source: Source) -> str:
    return reverse("coding:sources:detail", kwargs={"slug": source.campaign.slug, "pk": source.pk})


def screen_url(campaign: Campaign, source: Source) -> str:
    """The coding screen on ``source`` (the screen area's page)."""
    try:
        base = reverse("coding:screen:code", kwargs={"slug": campaign.slug})
    except NoReverseMatch:
        base = f"/codage/{campaign.slug}/coder/"
    return f"{base}?source={source.pk}"


def _reads_all(user: Any) -> bool:
    """Reads every text of the campaigns open to them (not only their own notes)."""
    return bool(user.has_perm(VIEW))


def _campaign_for_notes(request: HttpRequest, slug: str) -> Campaign:
    """The campaign a note is typed into: one whose coding is open to this person, or, for
    an enquêteur's first note, any campaign they may view (their notes open it to them)."""
    try:
        return access.campaign_of(request, slug)
    except Http404:
        campaign = Campaign.objects.filter(slug=slug).first()
        if campaign is None or not request.user.has_perm("campaigns.view_campaign"):
            raise
        return campaign


def _source_of(request: HttpRequest, campaign: Campaign, pk: int) -> Source:
    """The text ``pk`` of ``campaign`` if this person may read it; the same 404 otherwise."""
    source = Source.objects.filter(campaign=campaign, pk=pk).select_related("campaign").first()
    if source is None or not request.user.has_perm(VIEW, source):
        raise Http404(_("Ce texte n’existe pas ou ne vous est pas ouvert."))
    return source


def _may_edit(user: Any, source: Source) -> bool:
    if source.kind == Source.Kind.ANSWER or not user.has_perm(ADD):
        return False
    return _reads_all(user) or (user.pk is not None and source.created_by_id == user.pk)


def _coded() -> Exists:
    return Exists(
        Coding.objects.filter(
            source=OuterRef("pk"),
            removed_at__isnull=True,
            status__in=[Coding.Status.APPLIED, Coding.Status.ACCEPTED],
        )
    )


def _searched(rows: QuerySet[Source], query: str, user: Any) -> QuerySet[Source]:
    """The rows whose text, as this person may read it, holds ``query``.

    A masked name must not be found by searching it: texts holding personal data are
    matched on their masked text for whoever may not see it (a few, read one by one).
    """
    if not query:
        return rows
    matched = rows.filter(text__icontains=query)
    if masking.sees_personal_data(user):
        return matched
    folded = query.casefold()
    flagged = [
        source.pk
        for source in matched.filter(personal_data=True)
        if folded in masking.visible_text(source, user).casefold()
    ]
    return matched.filter(Q(personal_data=False) | Q(pk__in=flagged))


def _page(request: HttpRequest, rows: QuerySet[Source]) -> tuple[Page, list[dict[str, Any]]]:
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    items = []
    for source in page.object_list:
        text = masking.visible_text(source, request.user)
        items.append(
            {
                "source": source,
                "excerpt": text[:EXCERPT],
                "cut": len(text) > EXCERPT,
            }
        )
    return page, items


def _query(request: HttpRequest) -> str:
    return " ".join(request.GET.get("q", "").split())[:200]


# Any account: access.campaign_of gives the campaign's 404 to those it is not open to; an
# enquêteur sees their own notes only.
@signed_in
@require_safe
def source_list(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    reads_all = _reads_all(request.user)
    counts: list[sources.QuestionCount] = []
    if reads_all:
        sources.catch_up(campaign)
        counts = sources.question_counts(campaign)
    notes = Source.objects.filter(campaign=campaign).exclude(kind=Source.Kind.ANSWER)
    if not reads_all:
        notes = notes.filter(created_by_id=request.user.pk)
    return render(
        request,
        "coding/sources_list.html",
        {
            "campaign": campaign,
            "counts": [c for c in counts if c.sources],
            "empty_questions": [c for c in counts if not c.sources],
            "notes_total": notes.count(),
            "recent_notes": notes.order_by("-created_at", "-pk")[:10],
            "reads_all": reads_all,
            "may_add": request.user.has_perm(ADD),
            "may_sync": request.user.has_perms([VIEW, ADD]),
            "may_add_document": request.user.has_perms([ADD, "practices.view_practice"]),
            "page_title": _("Textes à coder"),
        },
    )


@requires(VIEW)
@require_safe
def question(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    texts = {c.text.key: c for c in sources.question_counts(campaign)}
    found = texts.get(key)
    if found is None:
        raise Http404(_("Cette question n’a pas de texte libre."))
    query = _query(request)
    rows = (
        Source.objects.filter(campaign=campaign, kind=Source.Kind.ANSWER, question=key)
        .annotate(coded=_coded())
        .order_by("pk")
    )
    page, items = _page(request, _searched(rows, query, request.user))
    return render(
        request,
        "coding/sources_question.html",
        {
            "campaign": campaign,
            "count": found,
            "page": page,
            "items": items,
            "query": query,
            "page_title": _("Réponses libres : %(name)s") % {"name": found.text.short},
        },
    )


@signed_in
@require_safe
def notes(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    rows = (
        Source.objects.filter(campaign=campaign)
        .exclude(kind=Source.Kind.ANSWER)
        .select_related("practice")
        .annotate(coded=_coded())
        .order_by("-created_at", "-pk")
    )
    if not _reads_all(request.user):
        rows = rows.filter(created_by_id=request.user.pk)
    query = _query(request)
    if query:
        rows = _searched(rows, query, request.user) | rows.filter(name__icontains=query)
    page, items = _page(request, rows.distinct())
    return render(
        request,
        "coding/sources_notes.html",
        {
            "campaign": campaign,
            "page": page,
            "items": items,
            "query": query,
            "may_add": request.user.has_perm(ADD),
            "page_title": _("Notes d’entretien et documents"),
        },
    )


def _excerpt(source: Source, coding: Coding, flags: list[tuple[int, int, str]]) -> str:
    """The words of a span coding, masked where the text is masked for this person."""
    if coding.start is None or coding.end is None:
        return ""
    start, end = coding.start, coding.end
    inside = [
        (max(s, start) - start, min(e, end) - start, k)
        for s, e, k in flags
        if s < end and e > start
    ]
    return masking.masked(source.text[start:end], inside)


@signed_in
@require_safe
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    source = _source_of(request, campaign, pk)
    user = request.user
    sees = masking.sees_personal_data(user)
    flags: list[tuple[int, int, str]] = []
    if source.personal_data and not sees:
        flags = list(
            source.pii_flags.exclude(status=PiiFlag.Status.DISMISSED).values_list(
                "start", "end", "kind"
            )
        )
    elif source.personal_data:
        audit.record(
            request,
            "coding.source-view-personal",
            audit.Subject(Source, str(source.pk), f"#{source.pk}"),
            campaign=campaign.slug,
        )
    # Codings of a blind round still open are their coder's alone.
    codings = (
        source.codings.filter(
            removed_at__isnull=True, status__in=[Coding.Status.APPLIED, Coding.Status.ACCEPTED]
        )
        .filter(
            Q(round__isnull=True)
            | Q(round__status=CodingRound.Status.CLOSED)
            | Q(round__blind=False)
            | Q(coder_id=user.pk)
        )
        .select_related("code", "coder", "model")
        .order_by("start", "pk")
    )
    rows = [{"coding": c, "excerpt": _excerpt(source, c, flags)} for c in codings]
    question_label = ""
    if source.kind == Source.Kind.ANSWER:
        for text in sources.free_texts(campaign.questionnaire.questionnaire()):
            if text.key == source.question:
                question_label = f"{text.short} — {text.label}"
    return render(
        request,
        "coding/sources_detail.html",
        {
            "campaign": campaign,
            "source": source,
            "text": masking.visible_text(source, user) if flags else source.text,
            "masked": bool(flags),
            "codings": rows,
            "question_label": question_label,
            "case": source.case,
            "may_code": user.has_perm("coding.add_coding", source),
            "may_edit": _may_edit(user, source),
            "screen_url": screen_url(campaign, source),
            "page_title": source.name,
        },
    )


@requires(VIEW, ADD)
@require_POST
def sync(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    report = sources.refresh(campaign)
    if report.touched:
        message = ngettext(
            "%(added)s texte ajouté, %(changed)s modifié(s), %(removed)s retiré(s).",
            "%(added)s textes ajoutés, %(changed)s modifié(s), %(removed)s retiré(s).",
            report.added,
        ) % {"added": report.added, "changed": report.changed, "removed": report.removed}
        if report.codings_lost:
            message += " " + ngettext(
                "%(n)s codage a perdu ses mots et a été retiré.",
                "%(n)s codages ont perdu leurs mots et ont été retirés.",
                report.codings_lost,
            ) % {"n": report.codings_lost}
        messages.success(request, message)
    else:
        messages.info(request, _("Les textes à coder suivent déjà les réponses."))
    return redirect(_list_url(campaign))


def _form_page(
    request: HttpRequest, template: str, campaign: Campaign, form: Any, title: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        template,
        {"campaign": campaign, "form": form, "page_title": title, **extra},
        status=400 if form.errors else 200,
    )


@requires(ADD)
@require_http_methods(["GET", "POST"])
def note_create(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign_for_notes(request, slug)
    practices = request.user.has_perm("practices.view_practice")
    form = NoteForm(request.POST or None, practices=practices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        source = sources.add_note(
            campaign,
            title=data["title"],
            text=data["text"],
            user=request.user,
            held_on=data.get("held_on"),
            practice=data.get("practice"),
        )
        messages.success(request, _("La note est enregistrée : elle peut être codée."))
        return redirect(_detail_url(source))
    return _form_page(
        request, "coding/sources_note_form.html", campaign, form, _("Saisir une note")
    )


@requires(ADD)
@require_http_methods(["GET", "POST"])
def note_import(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign_for_notes(request, slug)
    practices = request.user.has_perm("practices.view_practice")
    form = NoteImportForm(request.POST or None, request.FILES or None, practices=practices)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        data = form.cleaned_data
        try:
            source = sources.import_note(
                campaign,
                upload.name,
                _read_upload(upload),
                user=request.user,
                title=data.get("title") or "",
                held_on=data.get("held_on"),
                practice=data.get("practice"),
            )
        except sources.NoteRefused as error:
            form.add_error("document", error.diagnostic.describe(language()))
        else:
            messages.success(request, _("La note est importée : elle peut être codée."))
            return redirect(_detail_url(source))
    return _form_page(
        request, "coding/sources_note_import.html", campaign, form, _("Importer une note")
    )


def _read_upload(upload: Any) -> bytes:
    """The file's bytes; one byte past the limit for a larger one, which is then refused
    without being read whole."""
    from vivier.qualitative.documents import MAX_BYTES

    if upload.size > MAX_BYTES:
        return bytes(upload.read(MAX_BYTES + 1))
    return bytes(upload.read())


@requires(ADD)
@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    source = _source_of(request, campaign, pk)
    if not _may_edit(request.user, source):
        raise Http404(_("Ce texte ne se modifie pas ici."))
    initial = {"title": source.name, "held_on": source.held_on, "text": source.text}
    form = NoteEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        carried = sources.edit_text(
            source, data["text"], user=request.user, title=data["title"], held_on=data["held_on"]
        )
        if carried.lost:
            messages.warning(
                request,
                ngettext(
                    "La note est corrigée. %(n)s codage portait sur des mots qui n’y sont "
                    "plus : il a été retiré.",
                    "La note est corrigée. %(n)s codages portaient sur des mots qui n’y sont "
                    "plus : ils ont été retirés.",
                    carried.lost,
                )
                % {"n": carried.lost},
            )
        else:
            messages.success(request, _("La note est corrigée ; ses codages suivent leurs mots."))
        return redirect(_detail_url(source))
    return _form_page(
        request,
        "coding/sources_note_form.html",
        campaign,
        form,
        _("Corriger « %(name)s »") % {"name": source.name},
        source=source,
    )


@requires(ADD, "practices.view_practice")
@require_http_methods(["GET", "POST"])
def document_add(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("document")
        try:
            source = sources.add_document(
                campaign,
                data["practice"],
                user=request.user,
                filename=upload.name if upload else "",
                data=_read_upload(upload) if upload else None,
                title=data.get("title") or "",
            )
        except sources.NoteRefused as error:
            field = "document" if upload else "practice"
            form.add_error(field, error.diagnostic.describe(language()))
        else:
            messages.success(request, _("Le document est ajouté aux textes à coder."))
            return redirect(_detail_url(source))
    return _form_page(
        request,
        "coding/sources_document_form.html",
        campaign,
        form,
        _("Ajouter un document d’une pratique"),
    )
