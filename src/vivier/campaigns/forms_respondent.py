"""The respondent's start form: the landing page's button, its start token and the
distribution link it was reached by."""

from __future__ import annotations

from typing import Any

from django import forms

from .forms_base import CampaignsForm
from .models import Campaign, DistributionLink
from .start_tokens import key_from_start_token


class StartForm(CampaignsForm):
    """Never refused: a missing, forged or stale token starts a new draft under a new key
    (``start_tokens``), a link code that is not the campaign's counts as no link."""

    start_token = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    link = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, campaign: Campaign, *args: Any, **kwargs: Any) -> None:
        self.campaign = campaign
        super().__init__(*args, **kwargs)

    def clean_start_token(self) -> str:
        """The key of the draft to start or reach again: never one taken from the client."""
        return key_from_start_token(self.cleaned_data["start_token"])

    def clean_link(self) -> DistributionLink | None:
        code = self.cleaned_data["link"]
        if not code:
            return None
        return DistributionLink.objects.filter(campaign=self.campaign, code=code).first()
