"""People with an account: the administrator's list, one person's roles, and deactivating or
reactivating an account.

A deactivated account keeps its roles and its history (the trail, the sheets it holds) but
opens nothing: Django refuses its password and ends its sessions, and its sign-in codes are
refused (:func:`vivier.accounts.sign_in_codes.account_for`). Reactivating gives it back as it
was. Accounts are never deleted here: other rows name them.

The changes themselves are written to the audit trail by the trail's registration of
``User`` (roles given and taken away, ``is_active``), naming the administrator.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from .access import requires
from .forms_people import DeactivateForm, PeopleFilterForm, PersonRolesForm, ReactivateForm
from .invitations import role_label
from .roles import ROLES

#: Seeing the people, and changing them: the administrateur role.
VIEW_PEOPLE = "auth.view_user"
CHANGE_PEOPLE = "auth.change_user"
PER_PAGE = 50


def display_name(person: Any) -> str:
    """The person's name, or their identifier when the account has none."""
    return str(person.get_full_name() or person.get_username())


@requires(VIEW_PEOPLE)
@require_safe
def person_list(request: HttpRequest) -> HttpResponse:
    filtering = any(request.GET.get(name) for name in PeopleFilterForm.base_fields)
    form = PeopleFilterForm(request.GET if filtering else None)
    context: dict[str, Any] = {
        "form": form,
        "filtering": filtering,
        "page_title": _("Personnes et rôles"),
    }
    if filtering and not form.is_valid():
        return render(request, "accounts/person_list.html", context, status=400)
    people = get_user_model().objects.prefetch_related("groups").order_by("username")
    if filtering:
        people = form.filter(people)
    page = Paginator(people, PER_PAGE).get_page(request.GET.get("page"))
    context.update(
        {
            "page": page,
            "rows": [(person, [role_label(g) for g in _roles(person)]) for person in page],
        }
    )
    return render(request, "accounts/person_list.html", context)


@requires(CHANGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def person_roles(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(get_user_model(), pk=pk)
    form = PersonRolesForm(person, request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["roles"])
        if set(chosen) == set(person.groups.all()):
            messages.info(
                request, _("Rien n’a changé pour %(name)s.") % {"name": display_name(person)}
            )
        else:
            with transaction.atomic():
                person.groups.set(chosen)
            messages.success(request, _roles_said(person, [role_label(g) for g in chosen]))
        return redirect("people:list")
    return render(
        request,
        "accounts/person_roles.html",
        {
            "form": form,
            "person": person,
            "name": display_name(person),
            "is_self": person.pk == request.user.pk,
            "page_title": _("Rôles de %(name)s") % {"name": display_name(person)},
        },
        status=400 if form.errors else 200,
    )


@requires(CHANGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def account_state(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    """Deactivates (``active`` False) or reactivates an account, once confirmed."""
    person = get_object_or_404(get_user_model(), pk=pk)
    name = display_name(person)
    if person.is_active == active:
        already = (
            _("Le compte de %(name)s est déjà actif.")
            if active
            else _("Le compte de %(name)s est déjà désactivé.")
        )
        messages.info(request, already % {"name": name})
        return redirect("people:person", pk=person.pk)
    context: dict[str, Any] = {
        "person": person,
        "name": name,
        "active": active,
        "page_title": (_("Réactiver un compte") if active else _("Désactiver un compte")),
    }
    refusal = None if active else _why_not_deactivate(request.user, person)
    if refusal:
        return render(
            request, "accounts/account_state.html", {**context, "refusal": refusal}, status=403
        )
    form = (ReactivateForm if active else DeactivateForm)(
        request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        person.is_active = active
        person.save(update_fields=["is_active"])
        if active:
            said = _("Le compte de %(name)s est réactivé : la personne peut se connecter.")
        else:
            said = _("Le compte de %(name)s est désactivé : la personne ne peut plus se connecter.")
        messages.success(request, said % {"name": name})
        return redirect("people:list")
    return render(
        request,
        "accounts/account_state.html",
        {**context, "form": form},
        status=400 if form.errors else 200,
    )


def _why_not_deactivate(actor: Any, person: Any) -> str | None:
    if person.pk == actor.pk:
        return _(
            "Vous ne pouvez pas désactiver votre propre compte : vous ne pourriez plus vous "
            "connecter. Un autre administrateur peut le faire."
        )
    if person.is_superuser and not actor.is_superuser:
        return _(
            "Ce compte est celui d’un superutilisateur : seul un autre superutilisateur peut le "
            "désactiver."
        )
    return None


def _roles(person: Any) -> list[Any]:
    """The person's groups (prefetched), in the order of the roles' table."""
    order = {role.slug: i for i, role in enumerate(ROLES)}
    return sorted(person.groups.all(), key=lambda g: (order.get(g.name, len(order)), g.name))


def _roles_said(person: Any, labels: list[str]) -> str:
    name = display_name(person)
    if not labels:
        return _("%(name)s n’a plus aucun rôle.") % {"name": name}
    return _("Rôles de %(name)s enregistrés : %(roles)s.") % {
        "name": name,
        "roles": ", ".join(labels),
    }
