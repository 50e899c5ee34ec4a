"""Editing a sheet's main content in the browser (working group and practice holders).

The form covers the fields people write: texts, themes, places, year, status, stage, the
orientation of the practice, and the structured lists (actors, publics, timeline, funding,
key figures, conditions, indicators, media) as one item per line (``list_fields``). What the
form does not show (participation records, stage history, sub-practices) is kept as it is.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from vivier.sheets import schema
from vivier.territories import DEPARTEMENTS, normalize_departement
from vivier.text import strip_controls, strip_controls_deep

from .labels import LABELS
from .list_fields import LISTS, ListField, lines_of

TEXT_FIELDS = (
    ("summary", _("Résumé"), 3),
    ("definition", _("Définition"), 4),
    ("description", _("Description"), 8),
    ("objectives", _("Objectifs"), 4),
    ("genesis", _("Genèse"), 6),
    ("governance", _("Gouvernance"), 4),
    ("participation_text", _("Participation des personnes concernées"), 5),
    ("deployment", _("Déploiement"), 4),
    ("conditions_text", _("Conditions de mise en œuvre"), 5),
    ("perspectives", _("Perspectives"), 4),
    ("results", _("Résultats et effets"), 5),
    ("evaluation", _("Évaluation"), 5),
)


def _choices(enum: type[schema.StrEnum], empty: bool = True) -> list[tuple[str, str]]:
    labels = LABELS.get(enum, {})
    choices = [(m.value, labels.get(m.value, m.value)) for m in enum]
    return [("", _("Non renseigné")), *choices] if empty else choices


class SheetForm(DsfrBaseForm):
    title = forms.CharField(label=_("Titre"), max_length=300)
    themes = forms.MultipleChoiceField(
        label=_("Thèmes"),
        choices=_choices(schema.Theme, empty=False),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    departements = forms.CharField(
        label=_("Départements"),
        required=False,
        help_text=_("Codes ou noms séparés par des virgules, par exemple : 33, Gironde, 2A."),
    )
    territory_label = forms.CharField(label=_("Territoire, tel qu’il est décrit"), required=False)
    start_year = forms.IntegerField(
        label=_("Année de démarrage"), required=False, min_value=1900, max_value=2100
    )
    status = forms.ChoiceField(label=_("Statut"), choices=_choices(schema.Status), required=False)
    movement = forms.ChoiceField(
        label=_("Mouvement"), choices=_choices(schema.Movement), required=False
    )
    origin = forms.ChoiceField(label=_("Origine"), choices=_choices(schema.Origin), required=False)
    stage = forms.ChoiceField(
        label=_("Étape actuelle"), choices=_choices(schema.Stage), required=False
    )
    stage_evidence = forms.CharField(
        label=_("Ce qui montre ce changement d’étape"),
        required=False,
        help_text=_("Seulement si l’étape change : une décision, un financement, un essaimage…"),
    )
    note = forms.CharField(
        label=_("Note de version"), required=False, max_length=300,
        help_text=_("Ce qui a changé, pour l’historique."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Checked and stored without control characters (``vivier.text.controls``): a title
        # made only of them is then empty, and said so.
        if args and args[0] is not None:
            args = (_without_controls(args[0]), *args[1:])
        elif kwargs.get("data") is not None:
            kwargs["data"] = _without_controls(kwargs["data"])
        super().__init__(*args, **kwargs)
        for name, label, rows in TEXT_FIELDS:
            self.fields[name] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": rows})
            )
        for list_format in LISTS:
            self.fields[list_format.attribute] = ListField(list_format)
        # DsfrBaseForm adds its CSS classes in __init__, before these fields existed.
        for name, _label, _rows in TEXT_FIELDS:
            self.fields[name].widget.attrs.setdefault("class", "fr-input")
        # The version note is what one writes last: keep it at the end of the form.
        self.fields["note"] = self.fields.pop("note")

    def get_context(self) -> dict[str, Any]:
        # Mark the optional fields, as the DSFR recommends (django-dsfr's transitional
        # setting would do it too, with a warning at every render).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context

    @classmethod
    def initial_from(cls, sheet: schema.Sheet) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "title": sheet.title,
            "themes": [t.value for t in sheet.themes],
            "departements": ", ".join(sheet.territory.departements),
            "territory_label": sheet.territory.label,
            "start_year": sheet.start_year,
            "status": sheet.status.value if sheet.status else "",
            "movement": sheet.movement.value if sheet.movement else "",
            "origin": sheet.origin.value if sheet.origin else "",
            "stage": sheet.stage.value if sheet.stage else "",
        }
        initial.update({name: getattr(sheet, name) for name, _label, _rows in TEXT_FIELDS})
        initial.update({f.attribute: lines_of(getattr(sheet, f.attribute), f) for f in LISTS})
        return initial

    def clean_departements(self) -> tuple[str, ...]:
        codes: list[str] = []
        unknown: list[str] = []
        for part in self.cleaned_data["departements"].split(","):
            part = part.strip()
            if not part:
                continue
            code = normalize_departement(part)
            if code is None:
                unknown.append(part)
            elif code not in codes:
                codes.append(code)
        if unknown:
            raise forms.ValidationError(
                _("Département inconnu : %(names)s. Exemples valides : 33, Gironde, 2A, 974."),
                params={"names": ", ".join(unknown)},
            )
        return tuple(codes)

    def apply(self, sheet: schema.Sheet) -> schema.Sheet:
        """The sheet with this form's values; untouched structured lists are kept."""
        data = self.cleaned_data
        stage_history = sheet.stage_history
        if data["stage"] and (sheet.stage is None or data["stage"] != sheet.stage.value):
            from datetime import date

            today = date.today()
            stage_history = (
                *stage_history,
                schema.StageChange(
                    stage=schema.Stage(data["stage"]),
                    date=schema.PartialDate(today.year, today.month, today.day),
                    evidence=data["stage_evidence"],
                ),
            )
        return replace(
            sheet,
            title=data["title"],
            themes=tuple(schema.Theme(t) for t in data["themes"]),
            territory=replace(
                sheet.territory,
                departements=data["departements"],
                label=data["territory_label"],
            ),
            start_year=data["start_year"],
            status=schema.Status(data["status"]) if data["status"] else None,
            movement=schema.Movement(data["movement"]) if data["movement"] else None,
            origin=schema.Origin(data["origin"]) if data["origin"] else None,
            stage_history=stage_history,
            **{name: data[name] for name, _label, _rows in TEXT_FIELDS},
            **{f.attribute: data[f.attribute] for f in LISTS},
        )


def _without_controls(data: Any) -> Any:
    if not isinstance(data, QueryDict):
        return strip_controls_deep(dict(data))
    cleaned = QueryDict(mutable=True)
    for key, values in data.lists():
        cleaned.setlist(key, [strip_controls(v) for v in values])
    return cleaned


#: Options for the département picker's hint list.
DEPARTEMENT_HINTS = [(d.code, d.name) for d in DEPARTEMENTS]
