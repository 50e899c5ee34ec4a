"""The working group's side of the registry: sheets, workflow, versions, candidates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vivier.accounts.access import requires
from vivier.campaigns.models import Response

from . import candidates, registry
from .diff import diff
from .forms import SheetForm
from .models import Candidate, Practice

VIEW = "practices.view_practice"
CHANGE = "practices.change_practice"
#: Validation, publication, unpublication: every change of state goes through ``move``.
MOVE = (CHANGE, "practices.publish_practice")
#: Triage of the responses proposed as practices.
TRIAGE = (VIEW, "practices.change_candidate")

STATE_ACTIONS = {
    "submitted": _("Soumettre au groupe de travail"),
    "validated": _("Valider"),
    "published": _("Publier"),
    "unpublished": _("Dépublier"),
    "draft": _("Repasser en brouillon"),
}


@requires(VIEW)
def practice_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "practices/staff/list.html",
        {
            "practices": Practice.objects.all(),
            "pending": Candidate.objects.filter(state=Candidate.State.CREATED).select_related(
                "practice", "response__campaign"
            ),
            "page_title": _("Registre des pratiques"),
        },
    )


@requires(VIEW)
def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug)
    actions = [
        (state, STATE_ACTIONS[state])
        for state in sorted(registry.TRANSITIONS.get(practice.state, set()))
    ]
    return render(
        request,
        "practices/staff/detail.html",
        {
            "practice": practice,
            "sheet": practice.sheet(),
            "actions": actions,
            "versions": practice.versions.select_related("author").order_by("-number"),
            "sources": practice.sources.select_related("response__campaign"),
            "candidate": practice.candidates.filter(state=Candidate.State.CREATED).first(),
            "others": Practice.objects.exclude(pk=practice.pk).order_by("title"),
            "page_title": practice.title,
        },
    )


@requires(VIEW)
def version_diff(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug)
    version = get_object_or_404(practice.versions, number=number)
    previous = practice.versions.filter(number__lt=number).order_by("-number").first()
    changes = diff(previous.data if previous else {}, version.data)
    return render(
        request,
        "practices/staff/diff.html",
        {
            "practice": practice,
            "version": version,
            "previous": previous,
            "changes": changes,
            "page_title": _("Version %(n)s") % {"n": number},
        },
    )


IMPORT_SUFFIXES = (".txt", ".docx", ".pdf")


@requires(VIEW, "practices.add_practice")
def import_document(request: HttpRequest) -> HttpResponse:
    """Upload a document in the report's template: each sheet found becomes a draft."""
    context: dict[str, object] = {"page_title": _("Importer des fiches")}
    if request.method == "POST":
        upload = request.FILES.get("document")
        name = upload.name if upload else ""
        if upload is None:
            context["error"] = _("Choisissez un document à importer.")
        elif not name.lower().endswith(IMPORT_SUFFIXES):
            context["error"] = _(
                "« %(name)s » : seuls les fichiers .txt, .docx et .pdf sont acceptés."
            ) % {"name": name}
        else:
            context.update(_import_upload(request, upload))
        if "error" in context:
            return render(request, "practices/staff/import.html", context, status=400)
    return render(request, "practices/staff/import.html", context)


def _import_upload(request: HttpRequest, upload: Any) -> dict[str, object]:
    import tempfile
    from pathlib import Path

    from django.utils.translation import get_language

    from .importing import read_document
    from .importing.reader import MAX_DOCUMENT_BYTES, UnreadableDocument
    from .imports import import_text

    if upload.size is not None and upload.size > MAX_DOCUMENT_BYTES:
        # Refused before it is copied again and read.
        return {
            "error": _("« %(name)s » dépasse la taille maximale de %(mb)s Mo.")
            % {"name": upload.name, "mb": MAX_DOCUMENT_BYTES // (1024 * 1024)}
        }
    suffix = Path(upload.name).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        try:
            text = read_document(handle.name)
        except UnreadableDocument as error:
            # The reader says why in French and in English: the page's language chooses.
            why = error.message(get_language() or "fr")
            return {
                "error": _("« %(name)s » n’a pas pu être lu : %(why)s")
                % {"name": upload.name, "why": why}
            }
        except (OSError, ValueError) as error:
            return {
                "error": _("« %(name)s » n’a pas pu être lu : %(why)s")
                % {"name": upload.name, "why": error}
            }
    imported = import_text(text, source=upload.name, author=request.user)
    if not imported.practices and not imported.already_present:
        return {
            "error": _("Aucune fiche n’a été trouvée dans « %(name)s ».") % {"name": upload.name}
        }
    # Warnings are catalogue problems: written in the page's language, with their line and sheet.
    lang = get_language() or "fr"
    return {"imported": imported, "warnings": [w.describe(lang) for w in imported.warnings]}


def _edit(request: HttpRequest, practice: Practice, template: str, back: str) -> HttpResponse:
    sheet = practice.sheet()
    if request.method == "POST":
        form = SheetForm(request.POST)
        if form.is_valid():
            registry.save_sheet(
                form.apply(sheet),
                practice=practice,
                author=request.user,
                note=form.cleaned_data["note"] or "modifiée en ligne",
            )
            messages.success(request, _("La fiche est enregistrée (nouvelle version)."))
            return redirect(back)
        status = 400
    else:
        form = SheetForm(initial=SheetForm.initial_from(sheet))
        status = 200
    return render(
        request,
        template,
        {"practice": practice, "form": form, "page_title": _("Modifier la fiche")},
        status=status,
    )


@requires(VIEW, CHANGE)
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug)
    return _edit(request, practice, "practices/staff/edit.html", practice_url(practice))


def practice_url(practice: Practice) -> str:
    from django.urls import reverse

    return reverse("practices_staff:detail", args=[practice.slug])


@requires(VIEW, CHANGE)
@require_POST
def assign_holder(request: HttpRequest, slug: str) -> HttpResponse:
    from django.contrib.auth import get_user_model

    practice = get_object_or_404(Practice, slug=slug)
    username = request.POST.get("username", "").strip()
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        messages.error(
            request, _("Aucun compte ne porte l’identifiant « %(u)s ».") % {"u": username}
        )
    else:
        practice.holder = user
        practice.save(update_fields=["holder"])
        messages.success(request, _("%(u)s porte désormais cette fiche.") % {"u": username})
    return redirect("practices_staff:detail", slug)


@requires(VIEW, *MOVE)
@require_POST
def move(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug)
    try:
        registry.move(practice, request.POST.get("state", ""), author=request.user)
    except registry.WorkflowError:
        messages.error(request, _("Ce changement d’état n’est pas possible depuis l’état actuel."))
    return redirect("practices_staff:detail", slug)


# From a response the analyst reads: a draft sheet and its candidate.
@requires("campaigns.view_response", "practices.add_candidate")
@require_POST
def propose(request: HttpRequest, campaign: str, key: str) -> HttpResponse:
    response = get_object_or_404(Response, campaign__slug=campaign, key=key)
    try:
        candidate = candidates.propose(response, user=request.user)
    except candidates.CandidateError as error:
        messages.error(request, str(error))
        return redirect("staff:response", campaign, key)
    assert candidate.practice is not None
    return redirect("practices_staff:detail", candidate.practice.slug)


@requires(*TRIAGE)
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = get_object_or_404(Candidate, pk=pk)
    target = Practice.objects.filter(slug=request.POST.get("into", "")).first()
    if target is None:
        messages.error(request, _("Choisissez la fiche avec laquelle fusionner."))
    else:
        try:
            candidates.merge(candidate, target, user=request.user)
            return redirect("practices_staff:detail", target.slug)
        except candidates.CandidateError as error:
            messages.error(request, str(error))
    return redirect("practices_staff:list")


@requires(*TRIAGE)
@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = get_object_or_404(Candidate, pk=pk)
    try:
        candidates.reject(candidate, request.POST.get("reason", ""), user=request.user)
        messages.success(request, _("La proposition est écartée ; la raison est conservée."))
    except candidates.CandidateError as error:
        messages.error(request, str(error))
    return redirect("practices_staff:list")
