"""The analyst's remark on a campaign's analysis or on one question's page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from vivier.text import strip_controls

from .models import Remark

#: The longest remark kept; the text area says so before it is sent.
MAX_REMARK = 5000


class RemarkTextField(forms.CharField):
    """The remark's text without control characters, its line breaks counted as the browser
    counts them (one character, where the form sends two): 5,000 characters typed are
    5,000 here."""

    def to_python(self, value: Any) -> str:
        if isinstance(value, str):
            value = strip_controls(value).replace("\r\n", "\n")
        return str(super().to_python(value))


class RemarkForm(DsfrBaseForm):
    question = forms.CharField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("Type de remarque"),
        choices=Remark.Kind.choices,
        error_messages={
            "required": _("Choisissez le type de la remarque."),
            "invalid_choice": _("Choisissez le type de la remarque dans la liste."),
        },
    )
    text = RemarkTextField(
        label=_("Texte"),
        max_length=MAX_REMARK,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Écrivez le texte de la remarque."),
            "max_length": _(
                "La remarque ne doit pas dépasser %(limit_value)d caractères "
                "(elle en compte %(show_value)d) : raccourcissez-la ou partagez-la en deux."
            ),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The page's anchors name the fields ``remark-kind`` and ``remark-text``.
        kwargs.setdefault("auto_id", "remark-%s")
        super().__init__(*args, **kwargs)

    def get_context(self) -> dict[str, Any]:
        # Both fields are needed: nothing to mark (see practices.forms.SheetForm).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context
