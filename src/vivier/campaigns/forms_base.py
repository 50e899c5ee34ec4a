"""What the campaigns app's forms share: django-dsfr's markup, the optional fields marked, and
field ids in ``f-<name>``, the ids these pages had before they had forms (links to a field
from an error summary, the browser's memory of an anchor)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from dsfr.forms import DsfrBaseForm


def language() -> str:
    """The two letters of the request's language, for the problem catalogue's messages."""
    return (get_language() or "fr")[:2]


class CampaignsForm(DsfrBaseForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)

    def get_context(self) -> dict[str, Any]:
        # Mark the optional fields, as the DSFR recommends (see practices.forms.SheetForm).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


def upload_widget(accept: str) -> forms.FileInput:
    """A file input with the DSFR's upload classes (django-dsfr leaves file inputs bare)."""
    widget = forms.FileInput(attrs={"class": "fr-upload", "accept": accept})
    # Read by django-dsfr's field template for the wrapper (and its error state).
    widget.group_class = "fr-upload-group"
    return widget
