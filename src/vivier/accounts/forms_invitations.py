"""Forms of the invitations: the staff's invitation, the invited person's password, the
professional's sign-in code, the person's code and the deletion of their account."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordMixin
from django.contrib.auth.models import Group
from django.db.models import Case, Value, When
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from . import invitations, sign_in_codes
from .invitations import role_label
from .models import Invitation
from .roles import BY_SLUG, ROLES

#: The largest key a database row can have (a signed 64-bit integer).
_LARGEST_KEY = 2**63 - 1


class _Form(DsfrBaseForm):
    def get_context(self) -> dict[str, Any]:
        # Mark the optional fields, as the DSFR recommends (see practices.forms.SheetForm).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


class RoleChoiceField(forms.ModelMultipleChoiceField):
    """The roles as checkboxes, in the order of the roles' table, each with what it opens."""

    def __init__(self, **kwargs: Any) -> None:
        order = Case(
            *(When(name=role.slug, then=Value(i)) for i, role in enumerate(ROLES)),
            default=Value(len(ROLES)),
        )
        super().__init__(queryset=Group.objects.order_by(order, "name"), **kwargs)

    def clean(self, value: Any) -> Any:
        # A number past the database's integers makes the lookup fail (OverflowError on
        # SQLite) instead of saying the choice is not one of the roles.
        if isinstance(value, list | tuple):
            for pk in value:
                if not str(pk).isdigit() or int(pk) > _LARGEST_KEY:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": pk},
                    )
        return super().clean(value)

    def label_from_instance(self, obj: Group) -> str:
        found = BY_SLUG.get(obj.name)
        if found is None or not found.description:
            return role_label(obj)
        return format_html(
            '{} <span class="fr-hint-text">{}</span>', found.label, found.description
        )


class InvitationForm(_Form):
    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=150,
        help_text=_("Le lien d’invitation y est envoyé ; elle sert ensuite d’identifiant."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    first_name = forms.CharField(label=_("Prénom"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    roles = RoleChoiceField(
        label=_("Rôles"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez au moins un rôle.")},
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if invitations.account_exists(email):
            raise forms.ValidationError(
                _(
                    "Un compte existe déjà pour cette adresse : la personne peut se connecter. "
                    "Ses rôles se changent dans la gestion des comptes."
                )
            )
        return email


class AcceptInvitationForm(SetPasswordMixin, _Form):
    """The invited person's password, checked by Django's validators against who they are."""

    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Mot de passe"), label2=_("Le même mot de passe, une seconde fois")
    )

    def __init__(self, invitation: Invitation, *args: Any, **kwargs: Any) -> None:
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        self.validate_passwords()
        # Not saved: the validators compare the password with the person's name and address.
        future = get_user_model()(
            username=self.invitation.email,
            email=self.invitation.email,
            first_name=self.invitation.first_name,
            last_name=self.invitation.last_name,
        )
        self.validate_password_for_user(future, password_field_name="password1")
        return self.cleaned_data


class NewCodeForm(_Form):
    label = forms.CharField(
        label=_("Prénom ou pseudonyme de la personne"),
        max_length=100,
        required=False,
        help_text=_(
            "Pour la reconnaître dans la liste des codes. La personne peut rester anonyme."
        ),
    )


class CodeSignInForm(_Form):
    code = forms.CharField(
        label=_("Votre code"),
        max_length=40,
        help_text=_("8 lettres et chiffres, écrits sur votre papier. Par exemple : ABCD-EFGH"),
        error_messages={"required": _("Tapez votre code.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        code = sign_in_codes.normalize(self.cleaned_data["code"])
        if len(code) != sign_in_codes.LENGTH:
            raise forms.ValidationError(
                _(
                    "Un code a 8 lettres et chiffres. Vous en avez tapé %(count)s. "
                    "Vérifiez votre papier."
                ),
                params={"count": len(code)},
            )
        strange = sorted({c for c in code if c not in sign_in_codes.ALPHABET})
        if strange:
            raise forms.ValidationError(
                _(
                    "Ces lettres ou chiffres ne sont jamais dans un code : %(signs)s. "
                    "Vérifiez votre papier."
                ),
                params={"signs": " ".join(strange)},
            )
        return code


class DeleteAccountForm(_Form):
    confirm = forms.BooleanField(
        label=_("Oui, je veux supprimer mon compte."),
        error_messages={"required": _("Cochez la case pour confirmer.")},
    )
