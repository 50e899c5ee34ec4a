"""The filters of the staff page, as a form: what was typed comes back with the errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from . import events
from .queries import Filters, object_types


class _DayInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        # The browser's date field sends and shows ISO dates whatever the language.
        super().__init__(format="%Y-%m-%d")


class JournalFilterForm(DsfrBaseForm):
    qui = forms.CharField(
        label=_("Qui"),
        required=False,
        max_length=150,
        help_text=_("Identifiant du compte, ou une partie ; « cli » pour la ligne de commande."),
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    objet = forms.ChoiceField(label=_("Type d’objet"), required=False)
    du = forms.DateField(label=_("Du"), required=False, widget=_DayInput())
    au = forms.DateField(label=_("Au (inclus)"), required=False, widget=_DayInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        action_field = self.fields["action"]
        assert isinstance(action_field, forms.ChoiceField)
        action_field.choices = [
            ("", _("Toutes")),
            *((kind.code, kind.label) for kind in events.KINDS.values()),
        ]
        object_field = self.fields["objet"]
        assert isinstance(object_field, forms.ChoiceField)
        object_field.choices = [("", _("Tous")), *object_types()]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        since, until = cleaned.get("du"), cleaned.get("au")
        if since and until and since > until:
            self.add_error(
                "au",
                _("La date « au » (%(until)s) précède la date « du » (%(since)s) : inversez-les.")
                % {
                    "until": formats.date_format(until, "DATE_FORMAT"),
                    "since": formats.date_format(since, "DATE_FORMAT"),
                },
            )
        return cleaned

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            actor=(data.get("qui") or "").strip(),
            action=data.get("action") or "",
            object_type=data.get("objet") or "",
            since=data.get("du"),
            until=data.get("au"),
        )
