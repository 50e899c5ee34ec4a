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


#: What a checked box of the queue's filters sends ("on" by default, "1" in the screen's links).
_TRUE = frozenset({"1", "on", "true", "yes"})


def queue_filters(data: QueryDict | None, questions: list[str]) -> dict[str, Any]:
    """Which texts the screen walks through: one question, the person's round assignments,
    those not coded yet; read from a query string. A wrong value is dropped, not refused: a
    filter is a convenience, and a form would cost more than the queue itself."""
    data = data if data is not None else QueryDict()
    question = data.get("question", "")
    return {
        "question": question if question in questions else "",
        "mine": data.get("mine", "").lower() in _TRUE,
        "uncoded": data.get("uncoded", "").lower() in _TRUE,
    }


def query_string(filters: dict[str, Any]) -> str:
    """The filters as a query string (``question=q15&uncoded=1``), only those set."""
    kept = {key: ("1" if value is True else value) for key, value in filters.items() if value}
    return urlencode(kept)


class ApplyForm(_Form):
    """One code on the whole text, or on [start, end) of it.

    The screen writes the two span fields itself (:func:`span_fields`): it is drawn at every
    action, and the form machinery would cost more than the rest of the page.
    """

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


def span_fields(form: ApplyForm | None) -> list[dict[str, Any]]:
    """What the screen shows of ``start`` and ``end``: label, hint, value typed, errors."""
    found = []
    for name in ("start", "end"):
        field = ApplyForm.base_fields[name]
        bound = form is not None and form.is_bound
        found.append(
            {
                "name": name,
                "label": field.label,
                "help": field.help_text,
                "value": form.data.get(name, "") if bound else "",  # type: ignore[union-attr]
                "errors": form.errors.get(name, []) if bound else [],  # type: ignore[union-attr]
            }
        )
    return found


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

    def __init__(self, *args: Any, choices: list[Coding], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options: list[tuple[Any, str]] = [("", _("Le texte entier"))]
        options += [(item.pk, item.code.name) for item in choices]
        self.fields["coding"].choices = options
        self.codings = {item.pk: item for item in choices}

    def chosen_coding(self) -> Coding | None:
        found = self.cleaned_data.get("coding")
        return self.codings.get(found) if found is not None else None
