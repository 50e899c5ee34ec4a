"""Forms of the people page: the list's filters, one person's roles, and the confirmation
that deactivates or reactivates an account."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from .forms_invitations import RoleChoiceField, _Form
from .roles import ADMINISTRATEUR, ROLES
from .roles import label as role_name

#: The filter's value for the accounts that hold no role (no role is named so).
NO_ROLE = "aucun"


class PeopleFilterForm(DsfrBaseForm):
    """The list's filters, read from the query string: a filtered list is a link."""

    role = forms.ChoiceField(label=_("Rôle"), required=False)
    etat = forms.ChoiceField(
        label=_("Compte"),
        required=False,
        choices=[
            ("", _("Actifs et désactivés")),
            ("actif", _("Actifs")),
            ("desactive", _("Désactivés")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["role"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("Tous les rôles")),
            *((role.slug, role.label) for role in ROLES),
            (NO_ROLE, _("Sans rôle")),
        ]

    def get_context(self) -> dict[str, Any]:
        # Every filter is optional: nothing to mark, either way.
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = False
        return context

    def filter(self, people: QuerySet[Any]) -> QuerySet[Any]:
        """``people`` narrowed to what the valid form asks."""
        role = self.cleaned_data.get("role") or ""
        if role == NO_ROLE:
            people = people.filter(groups__isnull=True)
        elif role:
            # One group per name: the join adds no duplicate row.
            people = people.filter(groups__name=role)
        state = self.cleaned_data.get("etat") or ""
        if state:
            people = people.filter(is_active=state == "actif")
        return people


class PersonRolesForm(_Form):
    """The roles one person holds; an administrator cannot take their own role away."""

    roles = RoleChoiceField(label=_("Rôles"), widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(
        self, person: AbstractBaseUser, actor: AbstractBaseUser, *args: Any, **kwargs: Any
    ) -> None:
        self.person = person
        self.actor = actor
        kwargs.setdefault("initial", {"roles": list(person.groups.all())})
        super().__init__(*args, **kwargs)

    def clean_roles(self) -> Any:
        roles = self.cleaned_data["roles"]
        held = set(self.person.groups.values_list("name", flat=True))
        kept = {group.name for group in roles}
        if (
            self.person.pk == self.actor.pk
            and ADMINISTRATEUR in held
            and ADMINISTRATEUR not in kept
        ):
            raise forms.ValidationError(
                _(
                    "Vous ne pouvez pas retirer votre propre rôle « %(role)s » : vous perdriez "
                    "l’accès à cette page. Un autre administrateur peut le faire."
                ),
                params={"role": role_name(ADMINISTRATEUR)},
            )
        return roles


class DeactivateForm(_Form):
    """The box an administrator ticks to deactivate an account (the page names the person)."""

    confirm = forms.BooleanField(
        label=_("Oui, désactiver ce compte."),
        error_messages={"required": _("Cochez la case pour confirmer.")},
    )


class ReactivateForm(_Form):
    confirm = forms.BooleanField(
        label=_("Oui, réactiver ce compte."),
        error_messages={"required": _("Cochez la case pour confirmer.")},
    )
