"""The codebook of a campaign, under ``/codage/<slug>/codes/``: the tree with each code's
definition, rules, examples, shortcut and codings, the forms that add, edit, move, merge and
split codes, the starter codebook, and the versions with their changes in words.

Who may do what: reading needs ``coding.view_source`` or ``coding.view_codebook`` (the
analysts, the personal-data role, the working group); changing needs
``coding.manage_codebook`` (the analysts). The tree's rules are ``codebooks``'; views stay
thin: a refused change comes back as the catalogue's problems beside the fields they name,
with status 400, and nothing is written.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vivier.accounts.access import requires, signed_in
from vivier.campaigns.forms_base import language
from vivier.campaigns.models import Campaign
from vivier.qualitative import codebook as tree

from . import access, codebooks, masking
from .forms_codebook import CodeForm, MergeForm, MoveForm, SplitForm, StarterForm, place
from .models import Code, Codebook, Coding, PiiFlag

MANAGE = "coding.manage_codebook"
#: The codings a split form lists at most (the most recent): the others stay on the code.
SPLIT_LISTED = 300


def _reader(request: HttpRequest, slug: str) -> Campaign:
    """The campaign, for a person who may read codebooks (403 otherwise, 404 for a campaign
    whose coding is not theirs)."""
    if not access.reads_every_campaign(request.user):
        raise PermissionDenied
    return access.campaign_of(request, slug)


def _tree_url(campaign: Campaign) -> str:
    return reverse("coding:codebook:tree", kwargs={"slug": campaign.slug})


def _ordered(codebook: Codebook) -> list[tuple[Code, int]]:
    """The active codes with their depth, in reading order."""
    codes = codebooks.active_codes(codebook)
    by_guid = {str(code.guid): code for code in codes}
    order = tree.depth_first([codebooks.node_of(code) for code in codes])
    return [(by_guid[node.guid], depth) for node, depth in order]


def _code(codebook: Codebook, pk: int) -> Code:
    code = Code.objects.filter(codebook=codebook, pk=pk, active=True).first()
    if code is None:
        raise Http404(_("Ce code n’existe pas dans ce livre."))
    return code


def _branches(
    ordered: list[tuple[Code, int]], counts: dict[int, int], memos: dict[int, int]
) -> list[dict[str, Any]]:
    """The codes as nested branches (each with its children) for the tree's nested lists."""
    roots: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for code, depth in ordered:
        branch = {
            "code": code,
            "codings": counts.get(code.pk, 0),
            "memos": memos.get(code.pk, 0),
            "children": [],
        }
        del stack[depth:]
        (stack[-1]["children"] if stack else roots).append(branch)
        stack.append(branch)
    return roots


# Readers (view_source or view_codebook): checked by _reader, with access.campaign_of's 404.
@signed_in
@require_safe
def tree_page(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _reader(request, slug)
    codebook = codebooks.codebook_of(campaign)
    ordered = _ordered(codebook)
    counts = codebooks.coding_counts(codebook, request.user)
    lang = language()
    problems = tree.validate([codebooks.node_of(code) for code, _depth in ordered])
    may_manage = request.user.has_perm(MANAGE)
    return render(
        request,
        "coding/codebook_tree.html",
        {
            "campaign": campaign,
            "codebook": codebook,
            "branches": _branches(ordered, counts, codebooks.memo_counts(codebook)),
            "problems": [found.describe(lang) for found in problems],
            "may_manage": may_manage,
            "starter_form": StarterForm() if may_manage and not ordered else None,
            "page_title": _("Livre de codes de « %(title)s »") % {"title": campaign.title},
        },
    )


@signed_in
@require_safe
def versions(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _reader(request, slug)
    codebook = codebooks.codebook_of(campaign)
    return render(
        request,
        "coding/codebook_versions.html",
        {
            "campaign": campaign,
            "codebook": codebook,
            "steps": codebooks.history(codebook, language()),
            "page_title": _("Versions du livre de codes"),
        },
    )


def _form_page(
    request: HttpRequest,
    campaign: Campaign,
    form: Any,
    *,
    title: str,
    button: str,
    intro: str = "",
    code: Code | None = None,
) -> HttpResponse:
    return render(
        request,
        "coding/codebook_form.html",
        {
            "campaign": campaign,
            "code": code,
            "form": form,
            "intro": intro,
            "button": button,
            "page_title": title,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def add(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    codebook = codebooks.codebook_of(campaign)
    ordered = _ordered(codebook)
    initial: dict[str, Any] = {"is_codable": True}
    parent = request.GET.get("parent", "")
    if parent.isdigit():
        initial["parent"] = parent
    form = CodeForm(request.POST or None, codes=ordered, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            code = codebooks.add_code(
                codebook,
                user=request.user,
                parent=form.cleaned_data["parent"],
                **form.fields_of_code(),
            )
        except codebooks.Refused as refused:
            place(form, refused.diagnostics)
        else:
            messages.success(request, _("Le code « %(name)s » est ajouté.") % {"name": code.name})
            return redirect(_tree_url(campaign) + f"#code-{code.pk}")
    return _form_page(
        request, campaign, form, title=_("Ajouter un code"), button=_("Ajouter le code")
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    codebook = codebooks.codebook_of(campaign)
    code = _code(codebook, pk)
    form = CodeForm(request.POST or None, initial=CodeForm.initial_of(code))
    if request.method == "POST" and form.is_valid():
        try:
            codebooks.update_code(code, user=request.user, **form.fields_of_code())
        except codebooks.Refused as refused:
            place(form, refused.diagnostics)
        else:
            messages.success(request, _("Le code « %(name)s » est modifié.") % {"name": code.name})
            return redirect(_tree_url(campaign) + f"#code-{code.pk}")
    return _form_page(
        request,
        campaign,
        form,
        code=code,
        title=_("Modifier le code « %(name)s »") % {"name": code.name},
        button=_("Enregistrer le code"),
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    codebook = codebooks.codebook_of(campaign)
    code = _code(codebook, pk)
    ordered = _ordered(codebook)
    initial = {"parent": str(code.parent_id or "")}
    form = MoveForm(request.POST or None, codes=ordered, code=code, initial=initial)
    if request.method == "POST" and form.is_valid():
        rank = form.cleaned_data["position"]
        try:
            codebooks.move(
                code,
                form.cleaned_data["parent"],
                user=request.user,
                position=None if rank is None else rank - 1,
            )
        except codebooks.Refused as refused:
            place(form, refused.diagnostics, "parent")
        else:
            messages.success(request, _("Le code « %(name)s » est déplacé.") % {"name": code.name})
            return redirect(_tree_url(campaign) + f"#code-{code.pk}")
    return _form_page(
        request,
        campaign,
        form,
        code=code,
        title=_("Déplacer le code « %(name)s »") % {"name": code.name},
        intro=_("Ses sous-codes et ses codages le suivent."),
        button=_("Déplacer le code"),
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def merge(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    codebook = codebooks.codebook_of(campaign)
    code = _code(codebook, pk)
    form = MergeForm(request.POST or None, codes=_ordered(codebook), code=code)
    if request.method == "POST" and form.is_valid():
        into = form.cleaned_data["into"]
        try:
            merged = codebooks.merge(code, into, user=request.user)
        except codebooks.Refused as refused:
            place(form, refused.diagnostics, "into")
        else:
            messages.success(
                request,
                ngettext(
                    "« %(name)s » est fusionné dans « %(into)s » : %(count)s codage passe à ce "
                    "code.",
                    "« %(name)s » est fusionné dans « %(into)s » : %(count)s codages passent à "
                    "ce code.",
                    merged.codings + merged.collapsed,
                )
                % {
                    "name": code.name,
                    "into": into.name,
                    "count": merged.codings + merged.collapsed,
                },
            )
            return redirect(_tree_url(campaign) + f"#code-{into.pk}")
    return _form_page(
        request,
        campaign,
        form,
        code=code,
        title=_("Fusionner le code « %(name)s »") % {"name": code.name},
        intro=_(
            "Aucun codage n’est perdu : deux codages identiques (même texte, même passage, "
            "même codeur) n’en font plus qu’un, qui garde leurs mémos."
        ),
        button=_("Fusionner"),
    )


def _excerpt(coding: Coding, user: Any, flags: list[tuple[int, int, str]]) -> str:
    """The coded words as this person may read them (names masked without the right)."""
    text = coding.source.text
    start = coding.start or 0
    end = coding.end if coding.end is not None else len(text)
    piece = text[start:end]
    if coding.source.personal_data and not masking.sees_personal_data(user):
        inside = [
            (max(a, start) - start, min(b, end) - start, kind)
            for a, b, kind in flags
            if a < end and b > start
        ]
        piece = masking.masked(piece, inside)
    return Truncator(" ".join(piece.split())).chars(140)


def _split_choices(code: Code, user: Any) -> list[tuple[int, str]]:
    codings = list(
        Coding.objects.filter(code=code, removed_at__isnull=True)
        .filter(codebooks.visible_to(user))
        .select_related("source", "coder")
        .order_by("-pk")[:SPLIT_LISTED]
    )
    flags: dict[int, list[tuple[int, int, str]]] = {}
    for source_id, start, end, kind in (
        PiiFlag.objects.filter(
            source_id__in={c.source_id for c in codings if c.source.personal_data}
        )
        .exclude(status=PiiFlag.Status.DISMISSED)
        .values_list("source_id", "start", "end", "kind")
    ):
        flags.setdefault(source_id, []).append((start, end, kind))
    return [
        (
            coding.pk,
            f"{coding.source.name} — « {_excerpt(coding, user, flags.get(coding.source_id, []))} »",
        )
        for coding in codings
    ]


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def split(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    codebook = codebooks.codebook_of(campaign)
    code = _code(codebook, pk)
    form = SplitForm(request.POST or None, codings=_split_choices(code, request.user))
    if request.method == "POST" and form.is_valid():
        names = form.cleaned_data["names"]
        moved = form.cleaned_data.get("moved") or []
        try:
            made = codebooks.split(
                code, names, user=request.user, moves={names[0]: moved} if moved else None
            )
        except codebooks.Refused as refused:
            place(form, refused.diagnostics, "names")
        else:
            messages.success(
                request,
                ngettext(
                    "Le code « %(name)s » est scindé : %(count)s nouveau code.",
                    "Le code « %(name)s » est scindé : %(count)s nouveaux codes.",
                    len(made),
                )
                % {"name": code.name, "count": len(made)},
            )
            return redirect(_tree_url(campaign) + f"#code-{made[0].pk}")
    return _form_page(
        request,
        campaign,
        form,
        code=code,
        title=_("Scinder le code « %(name)s »") % {"name": code.name},
        intro=_(
            "Les nouveaux codes prennent place à côté de celui-ci, qui reste avec ses codages "
            "et ses mémos jusqu’à ce qu’on les recode."
        ),
        button=_("Scinder"),
    )


@requires(MANAGE)
@require_POST
def load_starter(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    form = StarterForm(request.POST)
    if form.is_valid():
        try:
            made = codebooks.load_starter(campaign, form.cleaned_data["starter"], user=request.user)
        except codebooks.Refused as refused:
            place(form, refused.diagnostics, "starter")
        else:
            messages.success(
                request,
                ngettext(
                    "Le livre de départ est chargé : %(count)s code.",
                    "Le livre de départ est chargé : %(count)s codes.",
                    len(made),
                )
                % {"count": len(made)},
            )
            return redirect(_tree_url(campaign))
    return _form_page(
        request,
        campaign,
        form,
        title=_("Charger le livre de codes de départ"),
        button=_("Charger le livre de départ"),
    )
