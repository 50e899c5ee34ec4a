"""Forms of the working group's actions on the registry: importing a document, naming a
sheet's holder, moving a sheet along its workflow, merging or rejecting a candidate.

Each form checks what was sent and says what is wrong next to the field; the view then calls
the service (``registry``, ``candidates``, ``imports``), which keeps its own checks for what
may have changed since the page was shown (another person moved the sheet, say).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from vivier.text import strip_controls

from . import registry
from .models import Candidate, Practice

#: The kinds of document the import reads.
IMPORT_SUFFIXES = (".txt", ".docx", ".pdf")


class _Form(DsfrBaseForm):
    def get_context(self) -> dict[str, Any]:
        # Mark the optional fields, as the DSFR recommends (see forms.SheetForm).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


class PlainTextField(forms.CharField):
    """A text kept without control characters, checked (required, length) once they are gone:
    a reason made only of them is empty, and said so."""

    def to_python(self, value: Any) -> str:
        if isinstance(value, str):
            value = strip_controls(value)
        return str(super().to_python(value))


class ImportForm(_Form):
    """The document whose sheets become drafts; its reading is the import's own check."""

    document = forms.FileField(
        label=_("Document"),
        help_text=_("Formats acceptés : .txt, .docx, .pdf ; 20 Mo au plus."),
        error_messages={
            "required": _("Choisissez un document à importer."),
            "empty": _("Ce document est vide."),
        },
        widget=forms.ClearableFileInput(
            attrs={"class": "fr-upload", "accept": ",".join(IMPORT_SUFFIXES)}
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The page's links and its end-to-end test name the field ``#document``.
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.fields["document"].widget.group_class = "fr-upload-group"

    def clean_document(self) -> Any:
        # Looked up at each call: the tests lower the limit to upload less.
        from .importing import reader

        upload = self.cleaned_data["document"]
        name = upload.name or ""
        if not name.lower().endswith(IMPORT_SUFFIXES):
            raise forms.ValidationError(
                _("« %(name)s » : seuls les fichiers .txt, .docx et .pdf sont acceptés."),
                params={"name": name},
            )
        if upload.size is not None and upload.size > reader.MAX_DOCUMENT_BYTES:
            # Refused before it is copied again and read.
            raise forms.ValidationError(
                _("« %(name)s » dépasse la taille maximale de %(mb)s Mo."),
                params={"name": name, "mb": reader.MAX_DOCUMENT_BYTES // (1024 * 1024)},
            )
        return upload


class HolderForm(_Form):
    """The account that holds a sheet, by its identifier."""

    username = PlainTextField(
        label=_("Identifiant du compte du porteur"),
        max_length=150,
        error_messages={"required": _("Indiquez l’identifiant du compte du porteur.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "holder-%s")
        super().__init__(*args, **kwargs)

    def clean_username(self) -> Any:
        username = self.cleaned_data["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(
                _("Aucun compte ne porte l’identifiant « %(u)s »."), params={"u": username}
            )
        return user


class MoveForm(_Form):
    """The state a sheet goes to: one of those its workflow allows from where it is."""

    state = forms.ChoiceField(
        label=_("État"),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Ce changement d’état n’est pas possible depuis l’état actuel."),
            "invalid_choice": _("Ce changement d’état n’est pas possible depuis l’état actuel."),
        },
    )

    def __init__(self, practice: Practice, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["state"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (state, state) for state in sorted(registry.TRANSITIONS.get(practice.state, set()))
        ]


class MergeForm(_Form):
    """The sheet a candidate joins: any sheet but the candidate's own draft."""

    into = forms.ModelChoiceField(
        label=_("Fiche"),
        queryset=Practice.objects.none(),
        to_field_name="slug",
        empty_label=None,
        error_messages={
            "required": _("Choisissez la fiche avec laquelle fusionner."),
            "invalid_choice": _("Choisissez la fiche avec laquelle fusionner."),
        },
    )

    def __init__(self, candidate: Candidate, *args: Any, **kwargs: Any) -> None:
        self.candidate = candidate
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        field = self.fields["into"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Practice.objects.exclude(pk=candidate.practice_id).order_by("title")


class RejectForm(_Form):
    """Why a candidate is set aside: the reason is kept with it."""

    reason = PlainTextField(
        label=_("Raison pour écarter la proposition"),
        max_length=500,
        error_messages={
            "required": _("Indiquez pourquoi cette proposition est écartée."),
            "max_length": _(
                "La raison ne doit pas dépasser %(limit_value)d caractères "
                "(elle en compte %(show_value)d)."
            ),
        },
    )

    def __init__(self, candidate: Candidate, *args: Any, **kwargs: Any) -> None:
        self.candidate = candidate
        # One form per pending candidate on the list: each field its own id.
        kwargs.setdefault("auto_id", f"%s-{candidate.pk}")
        super().__init__(*args, **kwargs)
