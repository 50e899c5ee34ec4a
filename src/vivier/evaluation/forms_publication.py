"""The choice of what the public sheet shows of the evaluation plan (``public.py``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from .models import Plan

#: The plan's switches, in the order the page explains them.
SWITCHES = ("publish_indicators", "publish_participation", "publish_opinions", "publish_stories")


class PublicationForm(DsfrBaseForm):
    """Four switches, each explained; a box left unticked keeps that part private."""

    publish_indicators = forms.BooleanField(
        label=_("Publier les indicateurs"),
        help_text=_(
            "Le public voit chaque indicateur au fil du temps, avec ses objectifs. Seules "
            "les valeurs approuvées sont montrées ; une valeur qui compte moins de 5 "
            "personnes est masquée."
        ),
        required=False,
    )
    publish_participation = forms.BooleanField(
        label=_("Publier la matrice de participation"),
        help_text=_(
            "Le public voit qui participe à chaque étape de l’évaluation, et comment. Le "
            "catalogue peut alors dire que les personnes concernées codécident."
        ),
        required=False,
    )
    publish_opinions = forms.BooleanField(
        label=_("Publier les avis du comité"),
        help_text=_(
            "Le public lit les avis des séances closes que le comité a marqués « à publier » : "
            "l’avis de chaque groupe, puis l’avis commun. Jamais le nom d’un membre."
        ),
        required=False,
    )
    publish_stories = forms.BooleanField(
        label=_("Publier les récits de changement"),
        help_text=_(
            "Le public lit les récits dont le conteur a accepté la publication, sous son "
            "pseudonyme. Un accord retiré retire le récit aussitôt. Le nombre de récits par "
            "groupe est montré, « moins de 5 » quand il est plus petit."
        ),
        required=False,
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "f-%s")
        kwargs.setdefault("initial", {name: getattr(plan, name) for name in SWITCHES})
        super().__init__(*args, **kwargs)
        self.plan = plan

    def get_context(self) -> dict[str, Any]:
        # Mark the optional fields, as the DSFR recommends (see practices.forms.SheetForm).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context

    def changed(self) -> list[str]:
        """The switches whose value differs from the plan's."""
        return [name for name in SWITCHES if self.cleaned_data[name] != getattr(self.plan, name)]
