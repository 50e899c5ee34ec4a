"""The form of one funding record: a budget line of one year, what was planned, received
and spent.

Amounts are read as people type them ("12 500", "9 000,50 €"), by the plan's own reading of
typed numbers (``vivier.plans.values``); what is refused is said beside the field.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from vivier.plans import values
from vivier.practices.forms_registry import PlainTextField
from vivier.reports import localized

from .models import FundingRecord

#: Amounts are in euros, with cents at most.
UNIT, DECIMALS = "€", 2

_REFUSALS = {
    values.Refusal.NOT_A_NUMBER: _("Écrivez un montant en chiffres, par exemple %(expected)s."),
    values.Refusal.WRONG_UNIT: _("Écrivez un montant en euros, par exemple %(expected)s."),
    values.Refusal.TOO_PRECISE: _(
        "Deux chiffres après la virgule au plus, par exemple %(expected)s."
    ),
    values.Refusal.OUT_OF_RANGE: _("Ce montant est trop grand."),
    values.Refusal.NEGATIVE: _("Un montant ne peut pas être négatif."),
}


class AmountField(forms.CharField):
    """An amount in euros, typed as people write it; ``None`` when left empty."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        if not text:
            return None
        found = values.parse_quantity(text, UNIT, DECIMALS)
        if isinstance(found, values.Refused):
            raise forms.ValidationError(
                _REFUSALS[found.reason], code=found.reason.value, params={"expected": "12 500,50 €"}
            )
        return found


class FundingForm(DsfrBaseForm):
    year = forms.IntegerField(
        label=_("Année"),
        min_value=1900,
        max_value=2200,
        error_messages={
            "required": _("Indiquez l’année, par exemple 2025."),
            "invalid": _("Écrivez une année en chiffres, par exemple 2025."),
            "min_value": _("Écrivez une année en chiffres, par exemple 2025."),
            "max_value": _("Écrivez une année en chiffres, par exemple 2025."),
        },
        # A text field: what was typed comes back as typed when it is refused.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    funder = PlainTextField(
        label=_("Financeur"),
        max_length=200,
        error_messages={"required": _("Indiquez le financeur.")},
    )
    budget_line = PlainTextField(
        label=_("Ligne budgétaire"),
        max_length=200,
        help_text=_("Par exemple : animation, locaux, formation."),
        error_messages={"required": _("Indiquez la ligne budgétaire.")},
    )
    budgeted = AmountField(
        label=_("Montant prévu (€)"),
        error_messages={"required": _("Indiquez le montant prévu.")},
    )
    received = AmountField(
        label=_("Montant reçu (€)"),
        required=False,
        help_text=_("Laissez vide si vous ne le savez pas encore."),
    )
    spent = AmountField(
        label=_("Montant dépensé (€)"),
        required=False,
        help_text=_("Laissez vide si vous ne le savez pas encore."),
    )

    def __init__(self, *args: Any, record: FundingRecord | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "f-%s")
        if record is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_of(record)
        super().__init__(*args, **kwargs)

    def get_context(self) -> dict[str, Any]:
        # Mark the optional fields, as the DSFR recommends (see practices.forms.SheetForm).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


def initial_of(record: FundingRecord) -> dict[str, Any]:
    """A record's figures as the person would type them: without thousands grouping (an
    English "12,500" would read back as twelve and a half), the page language's decimal
    mark."""
    comma = localized.page_lang() == "fr"

    def typed(amount: Decimal | None) -> str:
        if amount is None:
            return ""
        text = f"{amount.quantize(Decimal('0.01')):f}".removesuffix(".00")
        return text.replace(".", ",") if comma else text

    return {
        "year": record.year,
        "funder": record.funder,
        "budget_line": record.budget_line,
        "budgeted": typed(record.budgeted),
        "received": typed(record.received),
        "spent": typed(record.spent),
    }


FIELDS = ("year", "funder", "budget_line", "budgeted", "received", "spent")
