"""The upload form of the exchange page: one REFI-QDA file, a project or a codebook."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from vivier.campaigns.forms_base import upload_widget

#: The largest file the page takes (the reader's own bound is higher, for the command line).
MAX_UPLOAD_BYTES = 64 * 1024 * 1024


class ImportForm(DsfrBaseForm):
    document = forms.FileField(
        label=_("Fichier REFI-QDA"),
        help_text=_(
            "Un projet (.qdpx) ou un livre de codes (.qdc), exporté par QualCoder, MAXQDA, "
            "ATLAS.ti, NVivo ou Vivier. 64 Mo au plus."
        ),
        error_messages={
            "required": _("Choisissez un fichier .qdpx ou .qdc à importer."),
            "empty": _("Ce fichier est vide."),
        },
        widget=upload_widget(".qdpx,.qdc"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)
