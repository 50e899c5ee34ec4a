"""Forms of the coding screen: the queue's filters, applying a code, a memo.

Offsets typed or sent by the screen's script count characters of the text as the person sees
it (names masked without the personal-data right); the view turns them into offsets of the
stored text (:class:`vivier.coding.codings.Shown`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from vivier.practices.forms_registry import PlainTextField

from . import codings
from .models import Coding


class _Form(DsfrBaseForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)


class QueueForm(_Form):
    """Which sources the screen walks through: one question, the person's round
    assignments, those not coded yet. Read from the query string; a wrong value is dropped
    (a filter is a convenience, not an input to refuse)."""

    question = forms.ChoiceField(label=_("Question"), required=False)
    mine = forms.BooleanField(label=_("Mes textes des cycles de double codage"), required=False)
    uncoded = forms.BooleanField(label=_("Seulement les textes pas encore codés"), required=False)

    def __init__(self, data: QueryDict | None, questions: list[str], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        choices = [("", _("Toutes"))] + [(q, q) for q in questions]
        self.fields["question"].choices = choices  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        """``question``, ``mine``, ``uncoded``: what is valid of the request's values."""
        if not self.is_bound:
            return {"question": "", "mine": False, "uncoded": False}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "question": data.get("question") or "",
            "mine": bool(data.get("mine")),
            "uncoded": bool(data.get("uncoded")),
        }


def query_string(filters: dict[str, Any]) -> str:
    """The filters as a query string (``question=q15&uncoded=1``), only those set."""
    kept = {key: ("1" if value is True else value) for key, value in filters.items() if value}
    return urlencode(kept)


class ApplyForm(_Form):
    """One code on the whole text, or on [start, end) of it."""

    code = forms.IntegerField(
        label=_("Code"),
        widget=forms.HiddenInput,
        error_messages={"required": _("Choisissez le code à appliquer.")},
    )
    start = forms.IntegerField(
        label=_("Début du passage"),
        help_text=_("En caractères depuis le début du texte (0 : le premier)."),
        min_value=0,
        required=False,
    )
    end = forms.IntegerField(
        label=_("Fin du passage"),
        help_text=_("Vide, avec le début vide : tout le texte."),
        min_value=0,
        required=False,
    )


class MemoForm(_Form):
    """A memo on the source, or on one of the codings the person sees."""

    text = PlainTextField(
        label=_("Mémo"),
        max_length=codings.MEMO_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Écrivez le mémo.")},
    )
    coding = forms.TypedChoiceField(
        label=_("À propos de"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args: Any, shown: codings.Shown, choices: list[Coding], **kwargs: Any):
        super().__init__(*args, **kwargs)
        options: list[tuple[Any, str]] = [("", _("Le texte entier"))]
        for item in choices:
            words = shown.excerpt(item)
            label = f"{item.code.name} : « {words[:60]} »" if words else item.code.name
            options.append((item.pk, label))
        self.fields["coding"].choices = options  # type: ignore[attr-defined]
        self.codings = {item.pk: item for item in choices}

    def chosen_coding(self) -> Coding | None:
        found = self.cleaned_data.get("coding")
        return self.codings.get(found) if found is not None else None
