"""Forms of the rounds of double coding: a new round, and one adjudication.

The new round's form checks its values with :func:`vivier.coding.rounds.check`, the service's
own check, so that a round refused here and one refused by the service say the same thing,
beside the field it concerns.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from dsfr.forms import DsfrBaseForm

from vivier.campaigns.forms_base import language
from vivier.practices.forms_registry import PlainTextField

from . import rounds

#: Larger than any sample a campaign holds, small enough for every database's integers.
LARGEST = 1_000_000
NOTE_MAX_LENGTH = 2000


class _Form(DsfrBaseForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)

    def get_context(self) -> dict[str, Any]:
        # Mark the optional fields, as the DSFR recommends (see practices.forms.SheetForm).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


class RoundForm(_Form):
    """A new round: its title, the questions sampled, the coders, the sample and overlap."""

    title = PlainTextField(
        label=_("Titre du cycle"),
        max_length=200,
        error_messages={"required": _("Donnez un titre au cycle.")},
    )
    questions = forms.MultipleChoiceField(
        label=_("Questions"),
        help_text=_("Aucune cochée : tous les textes de la campagne, notes comprises."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    coders = forms.MultipleChoiceField(
        label=_("Codeurs"),
        help_text=_("Deux au moins, parmi les personnes qui ont le droit de coder."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins deux codeurs.")},
    )
    sample_size = forms.IntegerField(
        label=_("Taille de l’échantillon"),
        help_text=_("Le nombre de textes tirés au sort."),
        min_value=1,
        max_value=LARGEST,
        error_messages={"required": _("Indiquez combien de textes tirer.")},
    )
    overlap = forms.IntegerField(
        label=_("Recouvrement (%)"),
        help_text=_(
            "La part de l’échantillon codée par tous les codeurs, sur laquelle l’accord est "
            "mesuré ; le reste est partagé entre eux."
        ),
        min_value=1,
        max_value=100,
        initial=100,
        error_messages={"required": _("Indiquez le recouvrement, de 1 à 100.")},
    )

    def __init__(self, campaign: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        questions = self.fields["questions"]
        assert isinstance(questions, forms.MultipleChoiceField)
        questions.choices = [
            (
                key,
                ngettext("%(key)s (%(n)s texte)", "%(key)s (%(n)s textes)", n)
                % {"key": key, "n": n},
            )
            for key, n in rounds.questions_of(campaign)
        ]
        self.people = {str(person.pk): person for person in rounds.possible_coders()}
        coders = self.fields["coders"]
        assert isinstance(coders, forms.MultipleChoiceField)
        coders.choices = [(pk, person.get_username()) for pk, person in self.people.items()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        for name, found in rounds.check(
            self.campaign,
            questions=data.get("questions", []),
            coders=self.chosen_coders(),
            sample_size=data["sample_size"],
            overlap=data["overlap"],
        ):
            self.add_error(name, found.message(language()))
        return data

    def chosen_coders(self) -> list[Any]:
        return [self.people[pk] for pk in self.cleaned_data.get("coders", [])]


class AdjudicationForm(_Form):
    """The agreed answer for one code on one text of a closed round."""

    source = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    code = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    present = forms.TypedChoiceField(
        label=_("Décision"),
        choices=[("1", _("présent")), ("0", _("absent"))],
        coerce=lambda value: value == "1",
        error_messages={"required": _("Choisissez : le code est présent ou absent.")},
    )
    note = PlainTextField(
        label=_("Note d’arbitrage"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
