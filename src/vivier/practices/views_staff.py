"""The working group's side of the registry: sheets, workflow, versions, candidates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from vivier.accounts.access import requires
from vivier.campaigns.models import Response

from . import candidates, registry
from .forms import SheetForm
from .forms_registry import HolderForm, ImportForm, MergeForm, MoveForm, RejectForm
from .models import Candidate, Practice
from .version_diff import diff

VIEW = "practices.view_practice"
CHANGE = "practices.change_practice"
#: Validation, publication, unpublication: every change of state goes through ``move``.
MOVE = (CHANGE, "practices.publish_practice")
#: Triage of the responses proposed as practices.
TRIAGE = (VIEW, "practices.change_candidate")

# Lazy: read at each request, in its language (the module is imported once per process).
STATE_ACTIONS = {
    "submitted": gettext_lazy("Soumettre au groupe de travail"),
    "validated": gettext_lazy("Valider"),
    "published": gettext_lazy("Publier"),
    "unpublished": gettext_lazy("Dépublier"),
    "draft": gettext_lazy("Repasser en brouillon"),
}


@requires(VIEW)
@require_safe
def practice_list(request: HttpRequest) -> HttpResponse:
    return _list(request)


def _list(request: HttpRequest, invalid: RejectForm | None = None) -> HttpResponse:
    """The registry's page; ``invalid`` is a refused rejection, shown as it was typed (400)."""
    pending = list(
        Candidate.objects.filter(state=Candidate.State.CREATED).select_related(
            "practice", "response__campaign"
        )
    )
    for candidate in pending:
        same = invalid is not None and invalid.candidate.pk == candidate.pk
        candidate.reject_form = invalid if same else RejectForm(candidate)
    return render(
        request,
        "practices/staff/list.html",
        {
            "practices": Practice.objects.all(),
            "pending": pending,
            "invalid": invalid,
            "page_title": _("Registre des pratiques"),
        },
        status=400 if invalid is not None else 200,
    )


@requires(VIEW)
@require_safe
def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _detail(request, get_object_or_404(Practice, slug=slug))


def _detail(
    request: HttpRequest,
    practice: Practice,
    *,
    holder_form: HolderForm | None = None,
    move_form: MoveForm | None = None,
    merge_form: MergeForm | None = None,
) -> HttpResponse:
    """The sheet's page. A form given is an action refused: the page comes back with it as it
    was sent, its errors summed up on top, and the status 400."""
    actions = [
        (state, STATE_ACTIONS[state])
        for state in sorted(registry.TRANSITIONS.get(practice.state, set()))
    ]
    candidate = practice.candidates.filter(state=Candidate.State.CREATED).first()
    invalid = holder_form or move_form or merge_form
    if merge_form is None and candidate is not None:
        merge_form = MergeForm(candidate)
    return render(
        request,
        "practices/staff/detail.html",
        {
            "practice": practice,
            "sheet": practice.sheet(),
            "actions": actions,
            "versions": practice.versions.select_related("author").order_by("-number"),
            "sources": practice.sources.select_related("response__campaign"),
            "candidate": candidate,
            "holder_form": holder_form or HolderForm(),
            "move_form": move_form,
            "merge_form": merge_form,
            "invalid": invalid,
            "page_title": practice.title,
        },
        status=400 if invalid is not None else 200,
    )


@requires(VIEW)
@require_GET
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


@requires(VIEW, "practices.add_practice")
@require_http_methods(["GET", "POST"])
def import_document(request: HttpRequest) -> HttpResponse:
    """Upload a document in the report's template: each sheet found becomes a draft."""
    context: dict[str, object] = {"page_title": _("Importer des fiches")}
    if request.method != "POST":
        return render(request, "practices/staff/import.html", {**context, "form": ImportForm()})
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        result = _import_upload(request, form.cleaned_data["document"])
        if "error" in result:
            # Read, but unreadable or without a sheet: said next to the field like the rest.
            form.add_error("document", str(result["error"]))
        else:
            # Imported: the form is empty again, for the next document.
            context.update(result)
            form = ImportForm()
    status = 400 if form.errors else 200
    return render(request, "practices/staff/import.html", {**context, "form": form}, status=status)


def _import_upload(request: HttpRequest, upload: Any) -> dict[str, object]:
    """Reads and imports a document the form accepted (its kind, its size)."""
    import tempfile
    from pathlib import Path

    from django.utils.translation import get_language

    from .importing import read_document
    from .importing.reader import UnreadableDocument
    from .imports import import_text

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
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug)
    return _edit(request, practice, "practices/staff/edit.html", practice_url(practice))


def practice_url(practice: Practice) -> str:
    from django.urls import reverse

    return reverse("practices_staff:detail", args=[practice.slug])


@requires(VIEW, CHANGE)
@require_POST
def assign_holder(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug)
    form = HolderForm(request.POST)
    if not form.is_valid():
        return _detail(request, practice, holder_form=form)
    holder = form.cleaned_data["username"]
    practice.holder = holder
    practice.save(update_fields=["holder"])
    messages.success(
        request, _("%(u)s porte désormais cette fiche.") % {"u": holder.get_username()}
    )
    return redirect("practices_staff:detail", slug)


@requires(VIEW, *MOVE)
@require_POST
def move(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug)
    form = MoveForm(practice, request.POST)
    if not form.is_valid():
        return _detail(request, practice, move_form=form)
    try:
        registry.move(practice, form.cleaned_data["state"], author=request.user)
    except registry.WorkflowError:
        # Moved by someone else between the check and the change.
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
    form = MergeForm(candidate, request.POST)
    if not form.is_valid():
        draft = candidate.practice
        if candidate.state == Candidate.State.CREATED and draft is not None:
            # The form was on the draft's page: back there, with the choice refused.
            return _detail(request, draft, merge_form=form)
        # A proposal no longer pending has no page with this form: the list says where it is.
        messages.error(request, _("Choisissez la fiche avec laquelle fusionner."))
        return redirect("practices_staff:list")
    target = form.cleaned_data["into"]
    try:
        candidates.merge(candidate, target, user=request.user)
    except candidates.CandidateError as error:
        messages.error(request, str(error))
        return redirect("practices_staff:list")
    return redirect("practices_staff:detail", target.slug)


@requires(*TRIAGE)
@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = get_object_or_404(Candidate, pk=pk)
    form = RejectForm(candidate, request.POST)
    if not form.is_valid():
        return _list(request, invalid=form)
    try:
        candidates.reject(candidate, form.cleaned_data["reason"], user=request.user)
        messages.success(request, _("La proposition est écartée ; la raison est conservée."))
    except candidates.CandidateError as error:
        messages.error(request, str(error))
    return redirect("practices_staff:list")
