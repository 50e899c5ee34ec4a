"""Forms of the codebook pages: a code's fields, its place in the tree, a merge, a split, a
starter codebook to load.

The forms only read what was typed; the tree's own checks (a shortcut taken twice, a colour
REFI-QDA cannot write, a cycle, a name already used among siblings, a question the
questionnaire does not have) are :mod:`vivier.coding.codebooks`' and come back as problems of
the catalogue, placed beside the field they name (:func:`place`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from vivier.campaigns.forms_base import language
from vivier.practices.forms_registry import PlainTextField
from vivier.problems import Diagnostic
from vivier.qualitative import starters

from .models import Code

TEXT_LIMIT = 5000


class _Form(DsfrBaseForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)

    def get_context(self) -> dict[str, Any]:
        # Mark the optional fields, as the DSFR recommends (see practices.forms.SheetForm).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


def place(form: forms.Form, problems: Sequence[Diagnostic], default: str | None = None) -> None:
    """Each problem beside the field its location names (``default`` when the form has no
    such field), in the language of the request."""
    lang = language()
    for found in problems:
        field = found.location.field
        form.add_error(field if field in form.fields else default, found.message(lang))


def tree_choices(
    codes: Sequence[tuple[Code, int]], *, top: bool, skip: int | None = None
) -> list[tuple[str, str]]:
    """The codes as choices, indented by depth (``codes``: each with its depth)."""
    choices: list[tuple[str, str]] = []
    if top:
        choices.append(("", str(_("— En haut du livre (aucun parent) —"))))
    for code, depth in codes:
        if code.pk != skip:
            choices.append((str(code.pk), "\u2003" * depth + code.name))
    return choices


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class CodeForm(_Form):
    """A code's own fields; with ``codes``, where to put a new one (``parent``)."""

    name = PlainTextField(
        label=_("Nom"),
        max_length=200,
        error_messages={"required": _("Donnez un nom au code.")},
    )
    parent = forms.ChoiceField(label=_("Placé sous"), required=False)
    definition = PlainTextField(
        label=_("Définition"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    include_rule = PlainTextField(
        label=_("S’applique quand"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    exclude_rule = PlainTextField(
        label=_("Ne s’applique pas quand"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    examples = PlainTextField(
        label=_("Exemples"),
        help_text=_("Un exemple par ligne, écrit pour l’occasion (pas une citation)."),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    shortcut = PlainTextField(
        label=_("Raccourci"),
        help_text=_("Une touche de l’écran de codage : un chiffre de 1 à 9 ou une lettre."),
        required=False,
        max_length=10,
    )
    color = PlainTextField(
        label=_("Couleur"),
        help_text=_("De la forme #RRVVBB, par exemple #1F6FEB."),
        required=False,
        max_length=20,
    )
    is_codable = forms.BooleanField(
        label=_("Codable"),
        help_text=_("Décochez pour une catégorie qui ne fait que regrouper des codes."),
        required=False,
    )
    questions = PlainTextField(
        label=_("Questions"),
        help_text=_(
            "Les clés des questions visées, séparées par des virgules (q15, q24_other) ; "
            "vide : tous les textes."
        ),
        required=False,
        max_length=1000,
    )

    def __init__(
        self, *args: Any, codes: Sequence[tuple[Code, int]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if codes is None:
            del self.fields["parent"]
        else:
            self.fields["parent"].choices = tree_choices(codes, top=True)
            self.codes = {code.pk: code for code, _depth in codes}

    def clean_parent(self) -> Code | None:
        value = self.cleaned_data.get("parent")
        return self.codes[int(value)] if value else None

    def clean_examples(self) -> list[str]:
        return _lines(self.cleaned_data.get("examples", ""))

    def clean_questions(self) -> list[str]:
        text = self.cleaned_data.get("questions", "")
        return [key.strip() for key in text.replace(";", ",").split(",") if key.strip()]

    def fields_of_code(self) -> dict[str, Any]:
        """What :func:`vivier.coding.codebooks.add_code` and ``update_code`` take."""
        return {key: value for key, value in self.cleaned_data.items() if key != "parent"}

    @staticmethod
    def initial_of(code: Code) -> dict[str, Any]:
        return {
            "name": code.name,
            "definition": code.definition,
            "include_rule": code.include_rule,
            "exclude_rule": code.exclude_rule,
            "examples": "\n".join(code.examples or ()),
            "shortcut": code.shortcut,
            "color": code.color,
            "is_codable": code.is_codable,
            "questions": ", ".join(code.questions or ()),
        }


class MoveForm(_Form):
    parent = forms.ChoiceField(label=_("Placer sous"), required=False)
    position = forms.IntegerField(
        label=_("Rang parmi ses voisins"),
        help_text=_(
            "1 : en premier ; vide : à la fin, ou à sa place s’il reste sous le même code."
        ),
        required=False,
        min_value=1,
        max_value=10_000,
    )

    def __init__(
        self, *args: Any, codes: Sequence[tuple[Code, int]], code: Code, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = tree_choices(codes, top=True, skip=code.pk)
        self.codes = {c.pk: c for c, _depth in codes}

    def clean_parent(self) -> Code | None:
        value = self.cleaned_data.get("parent")
        return self.codes[int(value)] if value else None


class MergeForm(_Form):
    into = forms.ChoiceField(
        label=_("Fusionner dans"),
        error_messages={"required": _("Choisissez le code qui reçoit les codages.")},
    )
    confirm = forms.BooleanField(
        label=_(
            "Je comprends que ce code disparaît du livre et que ses codages, mémos et "
            "sous-codes passent au code choisi."
        ),
        error_messages={"required": _("Cochez la case pour confirmer la fusion.")},
    )

    def __init__(
        self, *args: Any, codes: Sequence[tuple[Code, int]], code: Code, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = [("", "—"), *tree_choices(codes, top=False, skip=code.pk)]
        self.codes = {c.pk: c for c, _depth in codes}

    def clean_into(self) -> Code:
        return self.codes[int(self.cleaned_data["into"])]


class SplitForm(_Form):
    names = PlainTextField(
        label=_("Noms des nouveaux codes"),
        help_text=_("Un nom par ligne : chacun devient un code voisin de celui-ci."),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Donnez au moins un nom de nouveau code.")},
    )
    moved = forms.MultipleChoiceField(
        label=_("Codages à passer au premier nouveau code"),
        help_text=_("Les autres restent sur ce code jusqu’à ce qu’on les recode."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, codings: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["moved"].choices = [(str(pk), label) for pk, label in codings]
        if not codings:
            del self.fields["moved"]

    def clean_names(self) -> list[str]:
        return _lines(self.cleaned_data.get("names", ""))

    def clean_moved(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data.get("moved", [])]


class StarterForm(_Form):
    starter = forms.ChoiceField(label=_("Livre de départ"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["starter"].choices = [
            (name, starters.load(name).title) for name in starters.names()
        ]


__all__ = ["CodeForm", "MergeForm", "MoveForm", "SplitForm", "StarterForm", "place", "tree_choices"]
