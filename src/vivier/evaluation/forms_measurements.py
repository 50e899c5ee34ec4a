"""Forms of the measurements: recording a value of one indicator, returning a value with a
comment, locking a period, importing a CSV file.

The value form asks only what its indicator needs (a number in its unit, a rate's numerator
and denominator, or a narrative; a breakdown when it has some) and checks it with
``measurement_imports.check_entry``, the import's own check, so a value typed and a value
imported are refused for the same reasons, in the same words, beside the field.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from vivier.campaigns.forms_base import language, upload_widget
from vivier.plans import periods, schema
from vivier.practices.forms_registry import PlainTextField

from . import measurement_imports, measurements
from .models import Measurement, Plan


class _Form(DsfrBaseForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)

    def get_context(self) -> dict[str, Any]:
        # Mark the optional fields, as the DSFR recommends (see practices.forms.SheetForm).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


class MeasurementForm(_Form):
    """One value of ``indicator`` for one period; with ``row``, the figures of that draft or
    returned value (its period and category stay)."""

    period = forms.CharField(
        label=_("Période"),
        max_length=7,
        error_messages={"required": _("Indiquez la période, par exemple 2024.")},
    )
    value = forms.CharField(label=_("Valeur"), max_length=40, required=False)
    numerator = forms.CharField(label=_("Numérateur"), max_length=40, required=False)
    denominator = forms.CharField(label=_("Dénominateur"), max_length=40, required=False)
    narrative = PlainTextField(
        label=_("Récit"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    dimension = forms.ChoiceField(label=_("Ventilation"), required=False)
    category = PlainTextField(label=_("Catégorie"), max_length=100, required=False)
    submit = forms.BooleanField(
        label=_("Soumettre tout de suite à l’évaluateur"),
        help_text=_("Sinon, la valeur reste un brouillon que vous pourrez reprendre."),
        required=False,
    )

    def __init__(
        self,
        plan: Plan,
        indicator: schema.Indicator,
        *args: Any,
        row: Measurement | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.plan, self.indicator, self.row = plan, indicator, row
        self.entry: measurements.Entry | None = None
        # Only what this indicator needs is asked.
        if not indicator.quantitative:
            keep = {"narrative"}
        elif indicator.is_rate:
            keep = {"numerator", "denominator"}
        else:
            keep = {"value"}
        for name in {"value", "numerator", "denominator", "narrative"} - keep:
            del self.fields[name]
        # What is asked is required, and said missing in the words of the import's check.
        blank = {"indicator": indicator.key, "period": "2024"}
        missing = measurement_imports.check_entry(_alone(indicator), blank)[1]
        for column, found in missing:
            if column in keep:
                self.fields[column].required = True
                self.fields[column].error_messages["required"] = found.message(language())
        if indicator.quantitative and not indicator.is_rate:
            self.fields["value"].help_text = _(
                "Écrivez le nombre comme d’habitude, par exemple 1 250 ou 12,5."
            )
            if indicator.unit:
                self.fields["value"].label = _("Valeur (en %(unit)s)") % {"unit": indicator.unit}
        if indicator.is_rate:
            self.fields["numerator"].help_text = indicator.numerator
            self.fields["denominator"].help_text = indicator.denominator
        if indicator.disaggregations:
            self.fields["dimension"].choices = [("", _("Aucune : la valeur totale"))] + [
                (name, name) for name in indicator.disaggregations
            ]
            self.fields["category"].help_text = _(
                "Avec une ventilation : la catégorie, par exemple « jeunes de 18 à 25 ans »."
            )
        else:
            del self.fields["dimension"], self.fields["category"]
        self.fields["period"].help_text = {
            periods.Frequency.YEARLY: _("Cet indicateur est suivi par année : écrivez 2024."),
            periods.Frequency.QUARTERLY: _(
                "Cet indicateur est suivi par trimestre : écrivez 2024-T2."
            ),
            periods.Frequency.MONTHLY: _("Cet indicateur est suivi par mois : écrivez 2024-03."),
        }[indicator.frequency]
        # The suggested periods are offered as the browser's list of the field (no script).
        self.fields["period"].widget.attrs["list"] = "period-suggestions"
        self.suggestions = measurements.suggested_periods(indicator)
        if row is not None:
            for name in ("period", "dimension", "category"):
                if name in self.fields:
                    self.fields[name].disabled = True
            del self.fields["submit"]
        # django-dsfr made the bound fields (labels, help texts) before the changes above.
        self._bound_fields_cache.clear()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw = {name: data.get(name) or "" for name in measurement_imports.COLUMNS}
        raw["indicator"] = self.indicator.key
        content = _alone(self.indicator)
        entry, problems = measurement_imports.check_entry(
            content, raw, measurements.locked_periods(self.plan)
        )
        lang = language()
        for column, found in problems:
            if column in self.fields and column not in self.errors:
                self.add_error(column, found.message(lang))
        if entry is not None and self.row is None:
            row = measurements.existing(self.plan, entry)
            if row is not None and row.state not in measurements.EDITABLE:
                self.add_error("period", measurement_imports.already_sent(row.state).message(lang))
                entry = None
        self.entry = entry
        return data


class ReturnForm(_Form):
    comment = PlainTextField(
        label=_("Ce qui est à corriger"),
        help_text=_("Le porteur lit ce commentaire avec la valeur renvoyée."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Dites ce qui est à corriger.")},
    )


class LockForm(_Form):
    period = forms.CharField(
        label=_("Période à clore"),
        help_text=_("Une année (2024), un trimestre (2024-T2) ou un mois (2024-03)."),
        max_length=7,
        error_messages={"required": _("Indiquez la période à clore, par exemple 2024.")},
    )

    def clean_period(self) -> str:
        text = str(self.cleaned_data["period"])
        try:
            return periods.parse_period(text).key
        except periods.PeriodError:
            raise forms.ValidationError(
                _("« %(period)s » n’est pas une période : écrivez 2024, 2024-T2 ou 2024-03."),
                params={"period": text},
            ) from None


class ImportForm(_Form):
    document = forms.FileField(
        label=_("Fichier CSV"),
        help_text=_(
            "Colonnes : indicator, period, value (ou numerator et denominator, ou narrative), "
            "dimension, category. 2 Mo au plus."
        ),
        error_messages={
            "required": _("Choisissez un fichier CSV à importer."),
            "empty": _("Ce fichier est vide."),
        },
        widget=upload_widget(".csv,text/csv"),
    )
    submit = forms.BooleanField(
        label=_("Soumettre tout de suite les valeurs importées à l’évaluateur"),
        help_text=_("Sinon, elles arrivent en brouillon."),
        required=False,
    )


def _alone(indicator: schema.Indicator) -> schema.Plan:
    """A plan of this one indicator, for the checks an import runs on a whole plan.

    Its links to evaluative questions are dropped: the questions are not in this plan.
    """
    return schema.Plan(indicators=(dataclasses.replace(indicator, questions=()),))
