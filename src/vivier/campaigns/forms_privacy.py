"""Forms of the personal-data pages: the person searched (find, export, erase), the
confirmation of an erasure, and what to do with a flagged free text.

The messages of a wrong identifier or a missing confirmation are the problem catalogue's
(``PD_*``), as the command line gives them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vivier.problems import ProblemCode

from . import privacy
from .forms_base import CampaignsForm, language

#: Longer than any list of addresses one would type: the rest is not read.
MAX_QUERY = 500


class PersonForm(CampaignsForm):
    """One person's e-mail addresses or phone numbers, always sent in a POST body."""

    contact = forms.CharField(
        label=_("Adresse électronique ou numéro de téléphone"),
        help_text=_(
            "Par exemple marie.dupont@exemple.fr ou 06 12 34 56 78 ; plusieurs, séparés par des "
            "points-virgules. Les majuscules et la façon d’écrire le numéro (+33, espaces, "
            "points) ne comptent pas."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An empty field says what the command line says, in the request's language.
        empty = privacy.PrivacyError(ProblemCode.PD_EMPTY).describe(language())
        self.fields["contact"].error_messages["required"] = empty

    def clean_contact(self) -> str:
        query: str = self.cleaned_data["contact"][:MAX_QUERY]
        try:
            privacy.parse_identifiers([query])
        except privacy.PrivacyError as error:
            raise forms.ValidationError(error.describe(language())) from error
        return query


class EraseForm(PersonForm):
    """The person, and the box that confirms the erasure.

    Without ``confirmer_envoye`` the form comes from the person's page: it is valid and
    unconfirmed, and the view shows what would be erased. With it, from the erasure page: the
    box must be ticked.
    """

    confirmer = forms.BooleanField(
        label=_("Je confirme l’effacement définitif de ces données"), required=False
    )
    confirmer_envoye = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("confirmer_envoye") and not cleaned.get("confirmer"):
            message = privacy.PrivacyError(ProblemCode.PD_CONFIRM).describe(language())
            self.add_error("confirmer", message)
        return cleaned

    @property
    def confirmed(self) -> bool:
        return bool(self.cleaned_data.get("confirmer"))


#: The buttons of a flagged text: replace the contacts in it, or keep it as it is.
REDACT, KEEP = "masquer", "garder"


class ReviewTextForm(CampaignsForm):
    """What the button pressed on a flagged text asks; no action is the masking one."""

    action = forms.ChoiceField(
        label=_("Action"),
        choices=[(REDACT, _("Masquer les coordonnées")), (KEEP, _("Garder tel quel"))],
        required=False,
    )

    def clean_action(self) -> str:
        return str(self.cleaned_data["action"] or REDACT)
