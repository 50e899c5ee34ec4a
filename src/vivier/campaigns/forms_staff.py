"""Forms of a campaign's staff page: importing responses from a file, starting an assisted
entry."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms_base import CampaignsForm, upload_widget
from .models import Response

#: The tools a response file may come from; "auto" guesses from the file.
SOURCES = [
    ("auto", _("Deviner d’après le fichier")),
    ("kobo", "KoboToolbox / ODK"),
    ("limesurvey", "LimeSurvey"),
    ("vivier", "Vivier (JSON Lines)"),
]


class ResponsesImportForm(CampaignsForm):
    fichier = forms.FileField(
        label=_("Fichier des réponses"),
        help_text=_("Formats : .json, .jsonl, .csv"),
        widget=upload_widget(".json,.jsonl,.csv"),
        error_messages={"required": _("Choisissez le fichier des réponses à importer.")},
    )
    source = forms.ChoiceField(label=_("Outil d’origine"), choices=SOURCES, required=False)

    def clean_source(self) -> str:
        # A form sent without the list (an older page, a script) lets the file tell.
        return str(self.cleaned_data["source"] or "auto")


class EntryForm(CampaignsForm):
    """An interviewer's entry: in an interview, or answers given by someone else."""

    mode = forms.ChoiceField(
        label=_("Mode de saisie"),
        choices=[
            (Response.Mode.ASSISTED, _("Saisie assistée (entretien)")),
            (Response.Mode.PROXY, _("Réponse donnée par un tiers")),
        ],
        initial=Response.Mode.ASSISTED,
        required=False,
        widget=forms.RadioSelect,
    )
    # Never a key: naming an existing key would open a respondent's draft (start_tokens).
    start_token = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)

    def clean_mode(self) -> str:
        return str(self.cleaned_data["mode"] or Response.Mode.ASSISTED)
