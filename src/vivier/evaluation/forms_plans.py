"""Forms of the plan's pages: its frame, questions, results, criteria, indicators, milestones,
participation matrix and contributors, and the proposals of the persons co-building it.

Each form says what is wrong next to the field, in words that name what is expected; the
view then builds the next content with ``plans.with_*`` and saves it with ``plans.change``.
Keys never appear: new items get theirs from their words (``plans.new_key``).
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm
from dsfr.utils import dsfr_input_class_attr

from vivier.plans import schema
from vivier.plans.periods import Frequency, PeriodError, parse_period
from vivier.plans.values import Refusal, Refused, parse_quantity
from vivier.practices.forms_registry import PlainTextField

from . import plans
from .models import GROUP_CHOICES, Plan, PlanContributor


class _Form(DsfrBaseForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)

    def fields_changed(self) -> None:
        """After a subclass changes its fields (a label, one added): django-dsfr made their
        bound fields, with their labels and classes, when the form was built."""
        self._bound_fields_cache: dict[str, Any] = {}
        for visible in self.visible_fields():
            dsfr_input_class_attr(visible)

    def get_context(self) -> dict[str, Any]:
        # Mark the optional fields, as the DSFR recommends (see practices.forms.SheetForm).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


def _choices(labels: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(str(value), label) for value, label in labels.items()]


def _note() -> forms.CharField:
    return PlainTextField(
        label=_("Ce qui change (pour l’historique des versions)"),
        max_length=300,
        required=False,
    )


class NoteForm(_Form):
    """The note of a page whose other fields are a list (a formset)."""

    note = _note()


class FrameForm(_Form):
    purpose = PlainTextField(
        label=_("Pourquoi nous évaluons, et pour qui"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        required=False,
    )
    start = forms.DateField(
        label=_("Date de début de l’évaluation"),
        help_text=_("Les jalons se comptent en mois à partir de cette date. Exemple : 15/09/2025."),
        required=False,
        error_messages={"invalid": _("Écrivez une date, par exemple 15/09/2025.")},
    )
    note = _note()


class ItemForm(_Form):
    """One question, result or criterion of a list; ``key`` is the plan's, never typed."""

    key = forms.CharField(widget=forms.HiddenInput, required=False)
    text = PlainTextField(
        label=_("Texte"),
        max_length=500,
        error_messages={"required": _("Écrivez le texte, ou cochez la case pour le retirer.")},
    )
    proposed_by = forms.ChoiceField(
        label=_("Proposé par"), choices=GROUP_CHOICES, initial=schema.Group.PROFESSIONALS.value
    )

    def __init__(self, *args: Any, text_label: Any = None, grouped: bool = True, **kw: Any):
        super().__init__(*args, **kw)
        if text_label:
            self.fields["text"].label = text_label
        if not grouped:
            del self.fields["proposed_by"]
        self.fields_changed()


class _ListFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Retirer")

    def kept(self) -> list[dict[str, Any]]:
        """Every row kept, in the page's order: filled rows, whether changed or not."""
        kept = []
        for form in self.forms:
            data = form.cleaned_data if form.is_bound else {}
            if not data or data.get("DELETE") or not data.get("text", data.get("label")):
                continue
            kept.append(data)
        return kept


ItemFormSet = formset_factory(
    ItemForm,
    formset=_ListFormSet,
    extra=2,
    can_delete=True,
    can_delete_extra=False,
    max_num=100,
    # A forged form count builds no more forms than a page may hold (Django's default lets
    # a request build 1,000 more, each checked and drawn again on the refused page).
    absolute_max=100,
    validate_max=True,
)


class MilestoneForm(_Form):
    key = forms.CharField(widget=forms.HiddenInput, required=False)
    label = PlainTextField(
        label=_("Nom du jalon"),
        max_length=100,
        error_messages={
            "required": _("Écrivez le nom du jalon, ou cochez la case pour le retirer.")
        },
    )
    months = forms.IntegerField(
        label=_("Nombre de mois après le début"),
        min_value=0,
        max_value=240,
        error_messages={
            "required": _("Écrivez un nombre de mois, par exemple 9."),
            "invalid": _("Écrivez un nombre de mois entier, par exemple 9."),
            "min_value": _("Un jalon vient au début (0) ou après."),
            "max_value": _("Un jalon vient au plus 240 mois (20 ans) après le début."),
        },
    )


MilestoneFormSet = formset_factory(
    MilestoneForm,
    formset=_ListFormSet,
    extra=2,
    can_delete=True,
    can_delete_extra=False,
    max_num=50,
    absolute_max=50,
    validate_max=True,
)


class MilestonePresetsForm(_Form):
    presets = forms.MultipleChoiceField(
        label=_("Jalons proposés"),
        choices=[(key, label) for key, label, _months in plans.MILESTONE_PRESETS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = _note()


# --------------------------------------------------------------------------------------------
# Indicators

#: What a refused number says, with what is expected.
REFUSALS = {
    Refusal.EMPTY: _("Écrivez un nombre, par exemple %(expected)s."),
    Refusal.NOT_A_NUMBER: _("« %(text)s » n’est pas un nombre : écrivez par exemple %(expected)s."),
    Refusal.WRONG_UNIT: _(
        "« %(text)s » n’est pas dans l’unité de l’indicateur : écrivez par exemple %(expected)s."
    ),
    Refusal.TOO_PRECISE: _(
        "« %(text)s » a trop de chiffres après la virgule : écrivez par exemple %(expected)s."
    ),
    Refusal.OUT_OF_RANGE: _("« %(text)s » est trop grand."),
    Refusal.NEGATIVE: _("« %(text)s » est négatif : écrivez un nombre positif ou zéro."),
}
_TARGET_LINE = re.compile(r"^\s*([^:=]+?)\s*[:=]\s*(.+?)\s*$")


def refusal(refused: Refused, text: str) -> str:
    return str(REFUSALS[refused.reason]) % {"text": text, "expected": refused.expected}


class IndicatorForm(_Form):
    """An indicator's whole definition. A rate needs both its numerator and denominator; a
    qualitative indicator is told in words, so it has no unit, baseline, target or rate."""

    title = PlainTextField(
        label=_("Titre de l’indicateur"),
        max_length=200,
        error_messages={"required": _("Écrivez le titre de l’indicateur.")},
    )
    description = PlainTextField(
        label=_("Ce que l’on compte, et d’où viennent les valeurs"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Nature"),
        choices=_choices(plans.KIND_LABELS),
        widget=forms.RadioSelect,
        initial=schema.IndicatorKind.QUANTITATIVE.value,
    )
    unit = PlainTextField(
        label=_("Unité"),
        help_text=_("Par exemple : personnes, %, jours, €."),
        max_length=30,
        required=False,
    )
    decimals = forms.IntegerField(
        label=_("Chiffres après la virgule"),
        min_value=0,
        max_value=4,
        initial=0,
        error_messages={
            "required": _("Écrivez un nombre de chiffres entre 0 et 4."),
            "invalid": _("Écrivez un nombre de chiffres entre 0 et 4."),
            "min_value": _("Écrivez un nombre de chiffres entre 0 et 4."),
            "max_value": _("Écrivez un nombre de chiffres entre 0 et 4."),
        },
    )
    baseline_value = PlainTextField(
        label=_("Valeur de départ"),
        help_text=_("Dans l’unité de l’indicateur. Exemple : 12,5."),
        max_length=40,
        required=False,
    )
    baseline_year = forms.IntegerField(
        label=_("Année de la valeur de départ"),
        min_value=1900,
        max_value=2200,
        required=False,
        error_messages={
            "invalid": _("Écrivez une année, par exemple 2024."),
            "min_value": _("Écrivez une année entre 1900 et 2200."),
            "max_value": _("Écrivez une année entre 1900 et 2200."),
        },
    )
    direction = forms.ChoiceField(
        label=_("Sens souhaité"),
        choices=_choices(plans.DIRECTION_LABELS),
        initial=schema.Direction.INCREASE.value,
    )
    targets = PlainTextField(
        label=_("Objectifs par période"),
        help_text=_(
            "Une ligne par période : la période, deux-points, puis la valeur. "
            "Une période est une année (2025), un trimestre (2025-T2) ou un mois (2025-03). "
            "Exemple : 2025 : 120."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    numerator = PlainTextField(
        label=_("Numérateur d’un taux (ce qui est compté)"),
        help_text=_("Pour un taux seulement. Remplissez alors aussi le dénominateur."),
        max_length=200,
        required=False,
    )
    denominator = PlainTextField(
        label=_("Dénominateur d’un taux (sur quoi)"),
        help_text=_("Pour un taux seulement. Remplissez alors aussi le numérateur."),
        max_length=200,
        required=False,
    )
    frequency = forms.ChoiceField(
        label=_("Fréquence des mesures"),
        choices=_choices(plans.FREQUENCY_LABELS),
        initial=Frequency.YEARLY.value,
    )
    disaggregations = PlainTextField(
        label=_("Ventilations"),
        help_text=_("Séparées par des virgules. Exemple : public, territoire."),
        max_length=300,
        required=False,
    )
    questions = forms.MultipleChoiceField(
        label=_("Questions évaluatives auxquelles il aide à répondre"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    proposed_by = forms.ChoiceField(
        label=_("Proposé par"), choices=GROUP_CHOICES, initial=schema.Group.PROFESSIONALS.value
    )
    note = _note()

    def __init__(self, content: schema.Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["questions"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(question.key, question.text) for question in content.questions]
        if not content.questions:
            del self.fields["questions"]

    @staticmethod
    def initial_of(indicator: schema.Indicator) -> dict[str, Any]:
        baseline = indicator.baseline
        return {
            "title": indicator.title,
            "description": indicator.description,
            "kind": indicator.kind.value,
            "unit": indicator.unit,
            "decimals": indicator.decimals,
            "baseline_value": plans.number(baseline.value) if baseline else "",
            "baseline_year": baseline.year if baseline else None,
            "direction": indicator.direction.value,
            "targets": "\n".join(
                f"{target.period} : {plans.number(target.value)}" for target in indicator.targets
            ),
            "numerator": indicator.numerator,
            "denominator": indicator.denominator,
            "frequency": indicator.frequency.value,
            "disaggregations": ", ".join(indicator.disaggregations),
            "questions": list(indicator.questions),
            "proposed_by": indicator.proposed_by.value,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        qualitative = data.get("kind") == schema.IndicatorKind.QUALITATIVE.value
        unit, decimals = data.get("unit", ""), data.get("decimals") or 0
        if qualitative:
            for name in ("unit", "baseline_value", "targets", "numerator", "denominator"):
                if data.get(name):
                    self.add_error(
                        name,
                        _(
                            "Un indicateur qualitatif se raconte avec des mots : videz ce champ, "
                            "ou choisissez « quantitatif »."
                        ),
                    )
        elif bool(data.get("numerator")) != bool(data.get("denominator")):
            missing = "denominator" if data.get("numerator") else "numerator"
            self.add_error(
                missing,
                _("Un taux demande un numérateur et un dénominateur : remplissez les deux."),
            )
        data["baseline"] = self._baseline(data, unit, decimals)
        data["parsed_targets"] = self._targets(data.get("targets", ""), unit, decimals)
        data["parsed_disaggregations"] = self._disaggregations(data.get("disaggregations", ""))
        return data

    def _baseline(self, data: dict[str, Any], unit: str, decimals: int) -> schema.Baseline | None:
        text, year = data.get("baseline_value", ""), data.get("baseline_year")
        if not text and year is None:
            return None
        if text and year is None:
            if "baseline_year" not in self.errors:
                self.add_error("baseline_year", _("Écrivez l’année de la valeur de départ."))
            return None
        if not text:
            self.add_error("baseline_value", _("Écrivez la valeur de départ, ou videz l’année."))
            return None
        value = parse_quantity(text, unit, decimals)
        if isinstance(value, Refused):
            self.add_error("baseline_value", refusal(value, text))
            return None
        return schema.Baseline(float(value), int(year)) if year is not None else None

    def _targets(self, text: str, unit: str, decimals: int) -> tuple[schema.Target, ...]:
        targets: list[schema.Target] = []
        seen: set[str] = set()
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            found = _TARGET_LINE.match(line)
            if found is None:
                self.add_error(
                    "targets",
                    _(
                        "Ligne %(line)s : écrivez la période, deux-points, puis la valeur "
                        "(exemple : 2025 : 120)."
                    )
                    % {"line": number},
                )
                continue
            period, typed = found.group(1), found.group(2)
            try:
                period = parse_period(period).key
            except PeriodError:
                self.add_error(
                    "targets",
                    _(
                        "Ligne %(line)s : « %(period)s » n’est pas une période. Écrivez une "
                        "année (2024), un trimestre (2024-T2) ou un mois (2024-03)."
                    )
                    % {"line": number, "period": period},
                )
                continue
            if period in seen:
                self.add_error(
                    "targets",
                    _("Ligne %(line)s : la période %(period)s a déjà un objectif.")
                    % {"line": number, "period": period},
                )
                continue
            seen.add(period)
            value = parse_quantity(typed, unit, decimals)
            if isinstance(value, Refused):
                self.add_error(
                    "targets",
                    _("Ligne %(line)s : %(problem)s")
                    % {"line": number, "problem": refusal(value, typed)},
                )
                continue
            targets.append(schema.Target(period, float(value)))
        return tuple(targets)

    def _disaggregations(self, text: str) -> tuple[str, ...]:
        keys: list[str] = []
        for name in (part.strip() for part in text.split(",")):
            if not name:
                continue
            key = plans.new_key(name, (), fallback="ventilation")
            if key in keys:
                self.add_error(
                    "disaggregations",
                    _("« %(name)s » est écrit deux fois : gardez-le une seule fois.")
                    % {"name": name},
                )
                continue
            keys.append(key)
        return tuple(keys)

    def indicator_fields(self) -> dict[str, Any]:
        """``schema.Indicator``'s arguments but its key and definition (a valid form only)."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": schema.IndicatorKind(data["kind"]),
            "description": data.get("description", ""),
            "unit": data.get("unit", ""),
            "decimals": data.get("decimals") or 0,
            "baseline": data["baseline"],
            "direction": schema.Direction(data["direction"]),
            "targets": data["parsed_targets"],
            "numerator": data.get("numerator", ""),
            "denominator": data.get("denominator", ""),
            "frequency": Frequency(data["frequency"]),
            "proposed_by": schema.Group(data["proposed_by"]),
            "questions": tuple(data.get("questions", ())),
            "disaggregations": data["parsed_disaggregations"],
        }


class ConfirmForm(_Form):
    """A confirmation: nothing to type, the button says what happens."""


# --------------------------------------------------------------------------------------------
# Participation matrix


def cell_name(step: schema.Step, group: schema.Group) -> str:
    return f"{step.value}__{group.value}"


class ParticipationForm(_Form):
    """The 7 steps x 4 groups grid: one select per cell, labelled by its step and group."""

    def __init__(self, content: schema.Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for step in schema.Step:
            for group in schema.Group:
                self.fields[cell_name(step, group)] = forms.ChoiceField(
                    label=f"{plans.STEP_LABELS[step]} — {plans.GROUP_LABELS[group]}",
                    choices=_choices(plans.MODE_LABELS),
                    initial=content.mode(step, group).value,
                    widget=forms.Select(attrs={"class": "fr-select"}),
                    error_messages={
                        "required": _("Choisissez une façon de participer."),
                        "invalid_choice": _("Choisissez une façon de participer dans la liste."),
                    },
                )
        self.fields["note"] = _note()
        self.fields_changed()

    def rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (
                str(plans.STEP_LABELS[step]),
                [self[cell_name(step, group)] for group in schema.Group],
            )
            for step in schema.Step
        ]

    def modes(self) -> dict[tuple[schema.Step, schema.Group], schema.Mode]:
        return {
            (step, group): schema.Mode(self.cleaned_data[cell_name(step, group)])
            for step in schema.Step
            for group in schema.Group
        }


# --------------------------------------------------------------------------------------------
# Contributors and versions


class ContributorForm(_Form):
    username = PlainTextField(
        label=_("Identifiant du compte de la personne"),
        help_text=_(
            "Une personne concernée qui se connecte avec un code a un compte : son identifiant "
            "est sur la page de son code."
        ),
        max_length=150,
        error_messages={"required": _("Indiquez l’identifiant du compte de la personne.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    group = forms.ChoiceField(
        label=_("Le groupe pour lequel elle parle"),
        choices=GROUP_CHOICES,
        initial=schema.Group.PERSONS_CONCERNED.value,
    )

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        self.plan = plan
        super().__init__(*args, **kwargs)

    def clean_username(self) -> Any:
        username = self.cleaned_data["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(
                _("Aucun compte ne porte l’identifiant « %(u)s »."), params={"u": username}
            )
        if PlanContributor.objects.filter(plan=self.plan, user=user, left_at__isnull=True):
            raise forms.ValidationError(
                _("« %(u)s » participe déjà à ce plan."), params={"u": username}
            )
        return user


class CompareForm(_Form):
    """Two versions of the plan to compare (a GET form: the comparison has an address)."""

    de = forms.TypedChoiceField(label=_("Version de départ"), coerce=int)
    a = forms.TypedChoiceField(label=_("Version d’arrivée"), coerce=int)

    def __init__(self, numbers: list[int], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(number), str(number)) for number in numbers]
        for name in ("de", "a"):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = choices
            field.error_messages["invalid_choice"] = _("Choisissez une version de la liste.")
            field.error_messages["required"] = _("Choisissez une version.")


# --------------------------------------------------------------------------------------------
# The proposals of persons co-building the plan (easy-to-read French)


class QuestionProposalForm(_Form):
    text = PlainTextField(
        label=_("Ma question"),
        help_text=_("Par exemple : Est-ce que les familles se sentent mieux écoutées ?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Écrivez votre question.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "question-%s")
        super().__init__(*args, **kwargs)


class CriterionProposalForm(_Form):
    text = PlainTextField(
        label=_("Ce qui compte pour moi"),
        help_text=_("Par exemple : Être accueilli sans attendre."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Écrivez ce qui compte pour vous.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "critere-%s")
        super().__init__(*args, **kwargs)


class IndicatorProposalForm(_Form):
    text = PlainTextField(
        label=_("Ce que l’on peut regarder"),
        help_text=_("Par exemple : Le nombre de familles qui reviennent."),
        max_length=200,
        error_messages={"required": _("Écrivez ce que l’on peut regarder.")},
    )
    why = PlainTextField(
        label=_("Pourquoi c’est important pour moi"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "indicateur-%s")
        super().__init__(*args, **kwargs)


PROPOSAL_FORMS: dict[str, type[_Form]] = {
    plans.Proposal.QUESTION: QuestionProposalForm,
    plans.Proposal.CRITERION: CriterionProposalForm,
    plans.Proposal.INDICATOR: IndicatorProposalForm,
}

__all__ = [
    "PROPOSAL_FORMS",
    "CompareForm",
    "ConfirmForm",
    "ContributorForm",
    "CriterionProposalForm",
    "FrameForm",
    "IndicatorForm",
    "IndicatorProposalForm",
    "ItemFormSet",
    "MilestoneFormSet",
    "MilestonePresetsForm",
    "NoteForm",
    "ParticipationForm",
    "QuestionProposalForm",
    "cell_name",
    "refusal",
]
