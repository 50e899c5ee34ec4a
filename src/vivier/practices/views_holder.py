"""Practice holders ("porteurs"): edit their own sheets and submit them to the working group."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vivier.accounts.access import signed_in

from . import registry
from .models import Practice
from .views_staff import _edit

#: States in which the holder may still change the sheet: afterwards the working group has it.
EDITABLE = ("draft", "unpublished")


def _own(request: HttpRequest, slug: str) -> Practice:
    """The sheet, if this person may change it (its holder: practices/rules.py); else the
    same 404 as for a sheet that does not exist."""
    practice = Practice.objects.filter(slug=slug).first()
    if practice is None or not request.user.has_perm("practices.change_practice", practice):
        raise Http404(_("Cette fiche n’existe pas ou vous n’en êtes pas le porteur."))
    return practice


# Any account: each sees the sheets they hold (none, for most).
@signed_in
@require_safe
def my_practices(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "practices/holder/list.html",
        {
            "practices": Practice.objects.filter(holder=request.user),
            "editable": EDITABLE,
            "page_title": _("Mes pratiques"),
        },
    )


@signed_in
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _own(request, slug)
    if practice.state not in EDITABLE:
        messages.error(
            request,
            _(
                "Cette fiche est entre les mains du groupe de travail : "
                "elle ne peut plus être modifiée."
            ),
        )
        return redirect("practices_holder:list")
    back = reverse("practices_holder:list")
    return _edit(request, practice, "practices/holder/edit.html", back)


@signed_in
@require_POST
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _own(request, slug)
    try:
        registry.move(practice, "submitted", author=request.user, note="soumise par le porteur")
        messages.success(request, _("La fiche est soumise au groupe de travail."))
    except registry.WorkflowError:
        messages.error(request, _("Seule une fiche en brouillon peut être soumise."))
    return redirect("practices_holder:list")
