"""Forms of the questionnaires' pages: importing a questionnaire file, opening a campaign on
a version."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vivier.surveys.codecs.importing import MAX_BYTES, SUFFIXES
from vivier.text import strip_controls

from .forms_base import CampaignsForm, upload_widget
from .models import Campaign
from .questionnaire_imports import slugify

ACCEPT = ",".join(SUFFIXES)
#: The identifiers' length the pages allow (slugify cuts there too).
SLUG_LENGTH = 90


class QuestionnaireImportForm(CampaignsForm):
    fichier = forms.FileField(
        label=_("Fichier du questionnaire"),
        widget=upload_widget(ACCEPT),
        error_messages={"required": _("Choisissez le fichier du questionnaire à importer.")},
    )
    slug = forms.CharField(
        label=_("Identifiant"),
        required=False,
        max_length=SLUG_LENGTH,
        help_text=_(
            "Par défaut, celui que donne le fichier. Un identifiant déjà utilisé crée une "
            "nouvelle version de ce questionnaire."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Formatted at each request: a lazy text formatted at import would keep one language.
        self.fields["fichier"].help_text = gettext(
            "Taille maximale : %(mb)s Mo. Formats : %(accept)s"
        ) % {"mb": MAX_BYTES // (1024 * 1024), "accept": ACCEPT}

    def clean_fichier(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["fichier"]
        if upload.size is not None and upload.size > MAX_BYTES:
            raise forms.ValidationError(
                gettext("Le fichier dépasse la taille maximale de %(mb)s Mo.")
                % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        return upload


def slug_taken(slug: str) -> str:
    return gettext(
        "Une campagne porte déjà l’identifiant « %(slug)s » : choisissez-en un autre."
    ) % {"slug": slug}


class OpenCampaignForm(CampaignsForm):
    """A campaign's title and identifier; ``cleaned_data["slug"]`` is the identifier to use,
    the one typed or one made from the title."""

    title = forms.CharField(
        label=_("Titre de la campagne"),
        max_length=300,
        error_messages={"required": _("Donnez un titre à la campagne.")},
    )
    campaign_slug = forms.CharField(
        label=_("Identifiant de la campagne"),
        required=False,
        max_length=SLUG_LENGTH,
        help_text=_("Il apparaît dans le lien public ; par défaut, tiré du titre."),
    )

    def clean_title(self) -> str:
        # Stored without control characters (vivier.text.controls); only those is no title.
        title = strip_controls(self.cleaned_data["title"]).strip()
        if not title:
            raise forms.ValidationError(self.fields["title"].error_messages["required"])
        return title

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        title = cleaned.get("title")
        if not title or self.has_error("campaign_slug"):
            return cleaned
        slug = slugify(cleaned.get("campaign_slug") or title)
        if Campaign.objects.filter(slug=slug).exists():
            self.add_error("campaign_slug", slug_taken(slug))
        else:
            cleaned["slug"] = slug
        return cleaned
