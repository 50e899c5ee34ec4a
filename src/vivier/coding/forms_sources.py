"""Forms of the texts to code: a typed note, an imported note, a note corrected, a document
of a practice.

A note's text is checked by :func:`vivier.qualitative.documents.clean`, the import's own
check, so a note typed and a note imported are refused for the same reasons, in the same
words, beside the field. The practice a note concerns is typed as its code ("1A") or its
address: the registry may hold tens of thousands of sheets, too many for a list.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from vivier.campaigns.forms_base import language, upload_widget
from vivier.practices.forms_registry import PlainTextField
from vivier.practices.models import Practice
from vivier.qualitative import documents


class _Form(DsfrBaseForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)

    def get_context(self) -> dict[str, Any]:
        # Mark the optional fields, as the DSFR recommends (see practices.forms.SheetForm).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


def _title_field(*, required: bool) -> forms.CharField:
    return PlainTextField(
        label=_("Titre"),
        max_length=200,
        required=required,
        help_text=_("Par exemple : Entretien avec une assistante sociale de secteur, mars 2024."),
        error_messages={"required": _("Donnez un titre à la note.")},
    )


def _held_on_field() -> forms.DateField:
    return forms.DateField(
        label=_("Date de l’entretien ou de l’audition"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Écrivez une date, par exemple 2024-03-15.")},
    )


def _text_field() -> forms.CharField:
    # Not stripped here: documents.clean decides what a note's text is, for every way in.
    return forms.CharField(
        label=_("Texte de la note"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"required": _("Écrivez le texte de la note.")},
    )


class _PracticeField(forms.CharField):
    """A practice sheet named by its code ("1A") or its address (slug)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Fiche pratique concernée"))
        kwargs.setdefault(
            "help_text", _("Son numéro (par exemple 1A) ou son adresse dans le registre.")
        )
        kwargs.setdefault("max_length", 120)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Practice | None:
        text = str(super().clean(value) or "").strip()
        if not text:
            return None
        found = Practice.objects.filter(Q(code__iexact=text) | Q(slug=text)).first()
        if found is None:
            raise ValidationError(
                _("Aucune fiche ne porte le numéro ou l’adresse « %(text)s ».") % {"text": text}
            )
        return found


class _CleanText:
    cleaned_data: dict[str, Any]

    def clean_text(self) -> str:
        try:
            return documents.clean(self.cleaned_data["text"])
        except documents.NoteRefused as error:
            raise ValidationError(error.message(language())) from error


class NoteForm(_CleanText, _Form):
    """A note typed in the page."""

    title = _title_field(required=True)
    held_on = _held_on_field()
    practice = _PracticeField(required=False)
    text = _text_field()

    def __init__(self, *args: Any, practices: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not practices:  # a person who cannot read the registry names no sheet
            del self.fields["practice"]


class NoteEditForm(_CleanText, _Form):
    """A note's title, date and text, corrected."""

    title = _title_field(required=True)
    held_on = _held_on_field()
    text = _text_field()


def _upload_field(*, required: bool) -> forms.FileField:
    return forms.FileField(
        label=_("Fichier"),
        required=required,
        # The limit is documents.MAX_BYTES.
        help_text=_("Formats acceptés : .txt, .docx, .odt ; 10 Mo au plus."),
        error_messages={
            "required": _("Choisissez le fichier de la note."),
            "empty": _("Ce fichier est vide."),
        },
        widget=upload_widget(",".join(documents.SUFFIXES)),
    )


class NoteImportForm(_Form):
    """A note read from a file; its title is the file's name unless one is given."""

    document = _upload_field(required=True)
    title = _title_field(required=False)
    held_on = _held_on_field()
    practice = _PracticeField(required=False)

    def __init__(self, *args: Any, practices: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not practices:
            del self.fields["practice"]


class DocumentForm(_Form):
    """A document of a practice: a file it gave, or the sheet's own text."""

    practice = _PracticeField(required=True, error_messages={"required": _("Nommez la fiche.")})
    document = _upload_field(required=False)
    title = _title_field(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].help_text = _(
            "Sans fichier, c’est le texte de la fiche elle-même qui est ajouté. Formats "
            "acceptés : .txt, .docx, .odt ; 10 Mo au plus."
        )


__all__ = ["DocumentForm", "NoteEditForm", "NoteForm", "NoteImportForm"]
