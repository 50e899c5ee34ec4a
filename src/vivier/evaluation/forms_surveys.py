"""Forms of the questionnaires of evaluation: attaching one to the plan, saying which figure
feeds which indicator, computing a figure for a period, creating panel links, and the
panel member's own start and withdrawal.

Each form checks what was sent and says what is wrong next to the field; the service
(``surveys``) keeps its own checks for what may change after the page was shown (a period
locked meanwhile, a value submitted).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from vivier.campaigns.models import QuestionnaireVersion
from vivier.plans.periods import PeriodError, parse_period
from vivier.surveys.questionnaires import evaluation as templates
from vivier.surveys.schema import CLOSED_TYPES, Questionnaire
from vivier.text import strip_controls

from . import plans, surveys
from .models import EvaluationSurvey, Plan

#: The choice that opens the list of questionnaires already in place.
EXISTING = "version"


class _Form(DsfrBaseForm):
    def get_context(self) -> dict[str, Any]:
        # Mark the optional fields, as the DSFR recommends (see practices.forms_registry).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


class AttachForm(_Form):
    """A shipped template or an existing version, the milestone, and the campaign's title."""

    template = forms.ChoiceField(
        label=_("Questionnaire"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez un questionnaire.")},
    )
    version = forms.ChoiceField(
        label=_("Questionnaire déjà en place"),
        required=False,
        help_text=_("Seulement si vous avez choisi « Un questionnaire déjà en place »."),
    )
    milestone = forms.ChoiceField(
        label=_("Étape du plan"),
        required=False,
        help_text=_("Un suivi est envoyé à chaque étape : choisissez celle de cette vague."),
    )
    title = forms.CharField(
        label=_("Titre de la campagne"),
        required=False,
        max_length=300,
        help_text=_("Par défaut, le titre du questionnaire et celui de la fiche."),
    )

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["template"].choices = [
            *((t.key, surveys.template_label(t.key)) for t in templates.TEMPLATES),
            (EXISTING, gettext("Un questionnaire déjà en place")),
        ]
        versions = QuestionnaireVersion.objects.defer("definition").order_by("slug", "-version")
        self.versions = {str(v.pk): v for v in versions}
        self.fields["version"].choices = [
            ("", gettext("— Choisir —")),
            *((pk, f"{v.title} ({v.slug}, v{v.version})") for pk, v in self.versions.items()),
        ]
        self.milestones = surveys.milestone_labels(plan)
        self.fields["milestone"].choices = [
            ("", gettext("Aucune étape")),
            *self.milestones.items(),
        ]

    def clean_title(self) -> str:
        return strip_controls(self.cleaned_data["title"]).strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        template = cleaned.get("template")
        cleaned["chosen_version"] = None
        if template == EXISTING:
            chosen = self.versions.get(cleaned.get("version") or "")
            if chosen is None:
                self.add_error("version", gettext("Choisissez le questionnaire déjà en place."))
            cleaned["chosen_version"] = chosen
        follow_up = template in templates.BY_KEY and templates.BY_KEY[template].follow_up
        if follow_up and not cleaned.get("milestone"):
            message = (
                gettext("Choisissez l’étape du plan de cette vague de suivi.")
                if self.milestones
                else gettext(
                    "Un suivi est envoyé à chaque étape du plan : ajoutez d’abord les étapes "
                    "au plan."
                )
            )
            self.add_error("milestone", message)
        return cleaned


class FeedForm(_Form):
    """Which figure of which question feeds which indicator."""

    indicator = forms.ChoiceField(
        label=_("Indicateur alimenté"),
        error_messages={"required": _("Choisissez l’indicateur.")},
    )
    question = forms.ChoiceField(
        label=_("Question"), error_messages={"required": _("Choisissez la question.")}
    )
    kind = forms.ChoiceField(
        label=_("Chiffre calculé"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez le chiffre à calculer.")},
    )
    values = forms.MultipleChoiceField(
        label=_("Réponses comptées"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Pour une part ou un nombre : cochez les réponses de la question choisie "
            "(par exemple « Très content » et « Content »). Sans réponse cochée, un nombre "
            "compte toutes les réponses à la question."
        ),
    )

    def __init__(self, survey: EvaluationSurvey, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "feed")
        super().__init__(*args, **kwargs)
        self.survey = survey
        content = plans.current(survey.plan)
        self.indicators = {i.key: i for i in content.indicators if i.quantitative}
        self.fields["indicator"].choices = [
            ("", gettext("— Choisir —")),
            *((key, i.title) for key, i in self.indicators.items()),
        ]
        q: Questionnaire = survey.campaign.questionnaire.questionnaire()
        self.questions = {question.name: question for question in surveys.fed_questions(q)}
        self.fields["question"].choices = [
            ("", gettext("— Choisir —")),
            *((name, question.label) for name, question in self.questions.items()),
        ]
        self.fields["kind"].choices = list(surveys.FEED_KIND_LABELS.items())
        self.fields["values"].choices = [
            (f"{name}:{value}", f"{question.label} — {label}")
            for name, question in self.questions.items()
            if question.type in CLOSED_TYPES
            for value, label in surveys.option_values(question)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        name, kind = cleaned.get("question"), cleaned.get("kind")
        indicator = self.indicators.get(cleaned.get("indicator") or "")
        question = self.questions.get(name or "")
        if question is None or not kind:
            return cleaned
        chosen = [item.split(":", 1) for item in cleaned.get("values", [])]
        if any(owner != name for owner, _value in chosen):
            self.add_error(
                "values", gettext("Cochez seulement des réponses de la question choisie.")
            )
            return cleaned
        values = tuple(value for _owner, value in chosen)
        feed_kind = surveys.FeedKind(kind)
        if feed_kind is surveys.FeedKind.MEAN:
            if question.type not in surveys.MEAN_TYPES:
                self.add_error("kind", gettext("Une moyenne se calcule sur une note ou un nombre."))
            elif values:
                self.add_error("values", gettext("Une moyenne compte toutes les réponses."))
        elif question.type not in CLOSED_TYPES:
            self.add_error("kind", gettext("Cette question n’a pas de réponses à cocher."))
        elif feed_kind is surveys.FeedKind.SHARE and not values:
            self.add_error("values", gettext("Cochez au moins une réponse pour calculer une part."))
        if (
            indicator is not None
            and indicator.is_rate
            and feed_kind is not surveys.FeedKind.SHARE
            and not self.has_error("kind")
        ):
            self.add_error(
                "kind",
                gettext("Cet indicateur est un taux : seule une part des réponses l’alimente."),
            )
        if not self.errors and indicator is not None:
            cleaned["feed"] = surveys.Feed(indicator.key, question.name, feed_kind, values)
        return cleaned


class FigureForm(_Form):
    """Which feed, for which period."""

    feed = forms.TypedChoiceField(
        label=_("Chiffre"),
        coerce=int,
        error_messages={"required": _("Choisissez le chiffre à calculer.")},
    )
    period = forms.CharField(
        label=_("Période"),
        max_length=7,
        help_text=_("Une année (2025), un trimestre (2025-T2) ou un mois (2025-03)."),
        error_messages={"required": _("Indiquez la période.")},
    )

    def __init__(self, survey: EvaluationSurvey, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "figure")
        super().__init__(*args, **kwargs)
        self.feeds = surveys.feeds(survey)
        self.fields["feed"].choices = [
            ("", gettext("— Choisir —")),
            *((index, feed_label(survey, feed)) for index, feed in enumerate(self.feeds)),
        ]

    def clean_period(self) -> str:
        text = strip_controls(self.cleaned_data["period"]).strip()
        try:
            return parse_period(text).key
        except PeriodError:
            raise forms.ValidationError(
                gettext("« %(text)s » n’est pas une période : écrivez 2025, 2025-T2 ou 2025-03.")
                % {"text": text}
            ) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        index = cleaned.get("feed")
        if isinstance(index, int):
            cleaned["chosen_feed"] = self.feeds[index]
        return cleaned


def feed_label(survey: EvaluationSurvey, feed: surveys.Feed) -> str:
    """« Part de "Très content", "Content" à "Êtes-vous content…" → Satisfaction »."""
    q = survey.campaign.questionnaire.questionnaire()
    question = q.question_map().get(feed.question)
    indicator = plans.current(survey.plan).indicator(feed.indicator)
    labels = dict(surveys.option_values(question)) if question is not None else {}
    return gettext("%(kind)s de « %(question)s »%(values)s → %(indicator)s") % {
        "kind": surveys.FEED_KIND_SHORT[feed.kind],
        "question": question.label if question is not None else feed.question,
        "values": (
            " (" + ", ".join(labels.get(value, value) for value in feed.values) + ")"
            if feed.values
            else ""
        ),
        "indicator": indicator.title if indicator is not None else feed.indicator,
    }


class PanelForm(_Form):
    count = forms.IntegerField(
        label=_("Nombre de liens à créer"),
        min_value=1,
        max_value=surveys.PANEL_BATCH_MAX,
        help_text=_("Un lien par personne suivie. Vous pourrez en créer d’autres plus tard."),
        error_messages={
            "required": _("Indiquez combien de liens créer."),
            "invalid": _("Indiquez un nombre entier."),
        },
    )


class EmptyForm(_Form):
    """A button that sends nothing but the form's protection (start, remove)."""


class WithdrawForm(_Form):
    confirm = forms.BooleanField(
        label=_("Oui, je veux quitter le suivi."),
        error_messages={"required": _("Cochez la case pour quitter le suivi.")},
    )
