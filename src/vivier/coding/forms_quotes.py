"""Forms of the quote bank: keep a coding as a quote, correct a quote, review it.

The rules (what a quote may hold, when it may be reviewed) are
:mod:`vivier.coding.quotes`'; a refusal of theirs is shown beside the field it names
(:meth:`_Form.refused`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from vivier.campaigns.forms_base import language

from .quotes import CONSENTS, MAX_LENGTH, QuoteRefused


class _Form(DsfrBaseForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)

    def get_context(self) -> dict[str, Any]:
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context

    def refused(self, error: QuoteRefused) -> None:
        """Shows a refusal of :mod:`~vivier.coding.quotes` beside its field."""
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.describe(language()))


class QuoteForm(_Form):
    """Keep a coding as a quote: the consent it relies on."""

    coding = forms.IntegerField(widget=forms.HiddenInput)
    consent = forms.ChoiceField(
        label=_("Consentement"),
        choices=CONSENTS,
        widget=forms.RadioSelect,
        help_text=_("Ce qui permet de citer ces mots, sans nom, dans un rapport."),
        error_messages={"required": _("Dites sur quel consentement repose la citation.")},
    )
    consent_note = forms.CharField(
        label=_("Précision sur le consentement"),
        max_length=300,
        required=False,
        help_text=_("Par exemple : accord oral donné en fin d’entretien, le 12 mars."),
    )


class QuoteTextForm(_Form):
    """Correct the pseudonymised text of a quote (it goes back to review)."""

    text = forms.CharField(
        label=_("Citation pseudonymisée"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Remplacez tout nom, lieu ou coordonnée restant par un repère : [Personne 1], "
            "[Lieu 1], [adresse]…"
        ),
        error_messages={"required": _("La citation ne peut pas être vide.")},
    )


class ReviewForm(_Form):
    """Mark a quote as reviewed, usable in reports."""

    checked = forms.BooleanField(
        label=_("J’ai vérifié : ce qui reste signalé n’est pas une donnée personnelle"),
        required=False,
    )
