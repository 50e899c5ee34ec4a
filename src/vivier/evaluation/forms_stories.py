"""Forms of stories of change and outcomes: the staff's (working group, the sheet's holder)
and the teller's own, in easy-to-read French.

Each form checks what was sent and says what is wrong next to the field; the views then call
:mod:`vivier.evaluation.stories`, which keeps the rules (consent, levels of selection).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm
from dsfr.utils import dsfr_input_class_attr

from vivier.practices.forms_registry import PlainTextField

from . import stories
from .models import GROUP_CHOICES, Plan, Story

#: The teller's answer about their words, as the staff record it.
STAFF_CONSENTS = [
    (stories.CONSENT_NONE, _("Aucun accord : le récit reste dans l’équipe")),
    (stories.CONSENT_QUOTE, _("Accord pour citer le récit dans les rapports")),
    (stories.CONSENT_PUBLISH, _("Accord pour citer le récit et le publier sur le site")),
]

#: The same answers, as the teller reads them.
TELLER_CONSENTS = [
    (stories.CONSENT_NONE, _("Non. Mon récit reste dans l’équipe.")),
    (stories.CONSENT_QUOTE, _("Oui. Vous pouvez reprendre mon récit dans les rapports.")),
    (
        stories.CONSENT_PUBLISH,
        _("Oui. Vous pouvez reprendre mon récit dans les rapports et sur le site internet."),
    ),
]


class _Form(DsfrBaseForm):
    #: Prefix of the fields' ids: two forms on one page keep distinct ids.
    id_prefix = "f"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)

    def get_context(self) -> dict[str, Any]:
        # Mark the optional fields, as the DSFR recommends (see practices.forms.SheetForm).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


def _text(label: Any, required_message: Any, max_length: int | None = None, **kw: Any) -> Any:
    return PlainTextField(
        label=label,
        max_length=max_length,
        error_messages={"required": required_message},
        **kw,
    )


def _long_text(label: Any, required_message: Any, **kw: Any) -> Any:
    return _text(label, required_message, widget=forms.Textarea(attrs={"rows": 5}), **kw)


class TagsField(PlainTextField):
    """Theme tags typed as a list separated by commas; stored as a list, without repeats."""

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        tags: list[str] = []
        for part in text.split(","):
            tag = " ".join(part.split())[:50]
            if tag and tag.casefold() not in {t.casefold() for t in tags}:
                tags.append(tag)
        return tags

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value


# --------------------------------------------------------------------------------------------
# Stories, staff side


class StoryForm(_Form):
    """A story recorded by the team, possibly as the teller says it (assisted)."""

    teller_group = forms.ChoiceField(
        label=_("Groupe de la personne qui raconte"),
        choices=GROUP_CHOICES,
        error_messages={"required": _("Choisissez le groupe de la personne qui raconte.")},
    )
    teller_alias = _text(
        _("Pseudonyme"),
        "",
        max_length=100,
        required=False,
        help_text=_("Le nom affiché avec le récit (« Mme A. », « un jeune accompagné »)."),
    )
    teller_name = _text(
        _("Nom de la personne"),
        "",
        max_length=200,
        required=False,
        help_text=_(
            "Donnée personnelle : pour lui faire un retour. Seules les personnes qui "
            "modifient le plan la voient ; elle peut être effacée."
        ),
    )
    teller_contact = _text(
        _("Contact de la personne"),
        "",
        max_length=200,
        required=False,
        help_text=_("Téléphone, adresse ou structure qui la suit."),
    )
    assisted = forms.BooleanField(
        label=_("Saisie accompagnée : je tape ce que la personne raconte"), required=False
    )
    domain = _text(
        _("Domaine du changement"),
        _("Indiquez le domaine du changement."),
        max_length=200,
        help_text=_("Par exemple : logement, emploi, santé, liens familiaux."),
    )
    period = _text(_("Période"), "", max_length=100, required=False)
    title = _text(_("Titre"), "", max_length=200, required=False)
    what_changed = _long_text(_("Ce qui a changé"), _("Racontez ce qui a changé."))
    why_it_matters = _long_text(
        _("Pourquoi c’est important pour la personne"),
        _("Dites pourquoi c’est important pour la personne."),
    )
    tags = TagsField(
        label=_("Thèmes"),
        required=False,
        max_length=500,
        help_text=_("Séparés par des virgules."),
    )
    consent = forms.ChoiceField(
        label=_("Consentement de la personne"),
        choices=STAFF_CONSENTS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Indiquez ce que la personne a accepté.")},
    )

    def __init__(self, *args: Any, plan: Plan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The teller may be one of the plan's co-builders: linked, they find the story on
        # their own page (/participer/recits/), follow its selection and change their consent.
        people = (
            [
                (str(item.user_id), item.user.first_name or item.user.username)
                for item in plan.contributors.filter(left_at__isnull=True).select_related("user")
            ]
            if plan is not None
            else []
        )
        # A teller who has left the plan since stays linked until someone changes it.
        linked = str(self.initial.get("teller_account") or "")
        if linked and linked not in {value for value, _label in people}:
            people.append((linked, _("la personne déjà liée (elle a quitté le plan)")))
        if people:
            self.fields["teller_account"] = forms.ChoiceField(
                label=_("La personne participe au plan : son compte"),
                choices=[("", _("— aucun —")), *people],
                required=False,
                help_text=_("Elle verra alors ce récit sur sa page et pourra retirer son accord."),
            )
            dsfr_style(self)

    @classmethod
    def initial_of(cls, story: Story) -> dict[str, Any]:
        contact = getattr(story, "teller_contact", None)
        return {
            "teller_account": str(story.teller_id or ""),
            "teller_group": story.teller_group,
            "teller_alias": story.teller_alias,
            "teller_name": contact.name if contact else "",
            "teller_contact": contact.contact if contact else "",
            "assisted": story.assisted,
            "domain": story.domain,
            "period": story.period,
            "title": story.title,
            "what_changed": story.what_changed,
            "why_it_matters": story.why_it_matters,
            "tags": story.tags,
            "consent": stories.consent_of(story),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("teller_contact") and not data.get("teller_name"):
            self.add_error(
                "teller_name", _("Indiquez le nom de la personne à qui appartient ce contact.")
            )
        return data


class StoryEditForm(StoryForm):
    """Changing a story's words; consent has its own form (its date is the answer's)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["consent"]


class ConsentForm(_Form):
    """The teller's answer about their words, recorded now."""

    id_prefix = "consent"

    consent = forms.ChoiceField(
        label=_("Ce que la personne accepte"),
        choices=STAFF_CONSENTS,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Indiquez ce que la personne a accepté."),
            "invalid_choice": _("Indiquez ce que la personne a accepté."),
        },
    )


class TellerConsentForm(ConsentForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["consent"]
        assert isinstance(field, forms.ChoiceField)
        field.label = _("Est-ce que nous pouvons reprendre votre récit ?")
        field.choices = TELLER_CONSENTS
        field.error_messages["required"] = _("Choisissez une réponse.")
        field.error_messages["invalid_choice"] = _("Choisissez une réponse.")


class WithdrawForm(_Form):
    """Withdrawing consent: nothing to fill in, and it can be given again."""

    id_prefix = "withdraw"


class EraseTellerForm(_Form):
    id_prefix = "erase"

    confirm = forms.BooleanField(
        label=_("Je confirme : effacer le nom et le contact de la personne"),
        error_messages={"required": _("Cochez la case pour confirmer.")},
    )


class SelectionForm(_Form):
    """A decision at one level of selection, with its reasons (required)."""

    id_prefix = "selection"

    level = forms.TypedChoiceField(
        label=_("Niveau"),
        coerce=int,
        error_messages={
            "required": _("Choisissez le niveau de sélection."),
            "invalid_choice": _(
                "Un récit n’atteint un niveau que s’il a été sélectionné au niveau précédent."
            ),
        },
    )
    selected = forms.TypedChoiceField(
        label=_("Décision"),
        choices=[("oui", _("Sélectionné")), ("non", _("Non sélectionné"))],
        coerce=lambda value: value == "oui",
        widget=forms.RadioSelect,
        error_messages={"required": _("Indiquez si le récit est sélectionné.")},
    )
    reason = _long_text(_("Raisons"), _("Donnez les raisons de la décision."))

    def __init__(self, story: Story, *args: Any, **kwargs: Any) -> None:
        self.story = story
        super().__init__(*args, **kwargs)
        field = self.fields["level"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (level, f"{level} — {stories.LEVEL_LABELS[level]}")
            for level in stories.open_levels(story)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        level, selected = data.get("level"), data.get("selected")
        if isinstance(level, int) and isinstance(selected, bool):
            try:
                stories.check(self.story, level, selected)
            except stories.SelectionRefused as refused:
                self.add_error("selected", refused.message)
        return data


class FeedbackForm(_Form):
    """What was told back to the teller about one decision."""

    id_prefix = "feedback"

    feedback = _long_text(
        _("Ce qui a été dit à la personne"),
        _("Écrivez ce qui a été dit à la personne."),
    )


# --------------------------------------------------------------------------------------------
# Stories, the teller's side (easy-to-read French)


class TellForm(_Form):
    """A person concerned tells their story on a plan they contribute to."""

    plan = forms.ModelChoiceField(
        label=_("Pour quelle action ?"),
        queryset=Plan.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Choisissez une action."),
            "invalid_choice": _("Choisissez une action."),
        },
    )
    title = _text(
        _("Un titre pour votre récit"),
        "",
        max_length=200,
        required=False,
        help_text=_("Quelques mots."),
    )
    domain = _text(
        _("Ce qui a changé touche quelle partie de votre vie ?"),
        _("Écrivez la partie de votre vie."),
        max_length=200,
        help_text=_("Par exemple : le logement, le travail, la santé, la famille."),
    )
    what_changed = _long_text(
        _("Qu’est-ce qui a changé pour vous ?"),
        _("Écrivez ce qui a changé pour vous."),
    )
    why_it_matters = _long_text(
        _("Pourquoi c’est important pour vous ?"),
        _("Écrivez pourquoi c’est important pour vous."),
    )
    period = _text(
        _("Quand ?"),
        "",
        max_length=100,
        required=False,
        help_text=_("Par exemple : en 2024, cet hiver."),
    )
    teller_alias = _text(
        _("Le nom à montrer avec votre récit"),
        "",
        max_length=100,
        required=False,
        help_text=_("Vous pouvez choisir un autre nom que le vôtre. Par exemple : Sam."),
    )
    consent = forms.ChoiceField(
        label=_("Est-ce que nous pouvons reprendre votre récit ?"),
        choices=TELLER_CONSENTS,
        widget=forms.RadioSelect,
        help_text=_("Vous pourrez changer d’avis plus tard."),
        error_messages={
            "required": _("Choisissez une réponse."),
            "invalid_choice": _("Choisissez une réponse."),
        },
    )

    def __init__(self, plans: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["plan"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = plans
        field.label_from_instance = lambda plan: plan.practice.title


# --------------------------------------------------------------------------------------------
# Outcomes


class OutcomeForm(_Form):
    social_actor = _text(
        _("Acteur social"),
        _("Indiquez qui a changé."),
        max_length=200,
        help_text=_("Une personne, un groupe, une organisation (pas un nom de personne)."),
    )
    change = _long_text(_("Changement observé"), _("Décrivez le changement observé."))
    when = _text(_("Quand"), _("Indiquez quand le changement a eu lieu."), max_length=100)
    where = _text(_("Où"), _("Indiquez où le changement a eu lieu."), max_length=200)
    significance = _long_text(_("Portée"), _("Dites en quoi ce changement compte."))
    contribution = _long_text(
        _("Contribution de la pratique"),
        _("Dites comment la pratique a contribué à ce changement."),
    )
    publish = forms.BooleanField(label=_("Publier cet effet avec la fiche"), required=False)


class SourceForm(_Form):
    """One source that can confirm (or not) an outcome."""

    id_prefix = "source"

    source = _text(
        _("Source"),
        _("Indiquez la source."),
        max_length=200,
        help_text=_("Un rôle ou une organisation, pas un nom (« la CAF », « une éducatrice »)."),
    )
    substantiated = forms.BooleanField(
        label=_("Cette source confirme le changement"), required=False
    )
    comment = _text(_("Commentaire"), "", required=False, widget=forms.Textarea(attrs={"rows": 2}))


#: The least number of sources an outcome is recorded with.
MIN_SOURCES = 2


class _SourceFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        filled = [form for form in self.forms if form.has_changed()]
        if len(filled) < MIN_SOURCES:
            raise forms.ValidationError(
                _(
                    "Indiquez au moins deux sources : un effet se vérifie auprès de "
                    "plusieurs sources."
                ),
                code="too_few_sources",
            )

    def filled(self) -> list[dict[str, Any]]:
        return [form.cleaned_data for form in self.forms if form.has_changed()]


# absolute_max: a forged form count builds no more forms than the page offers.
SourceFormSet = forms.formset_factory(
    SourceForm, formset=_SourceFormSet, extra=4, max_num=10, absolute_max=10
)


def source_formset(data: Any = None) -> Any:
    return SourceFormSet(data, prefix="sources", form_kwargs={"auto_id": "%s"})


class SourceCheckForm(_Form):
    """Whether one source confirmed the outcome; who checked it is the person sending this."""

    id_prefix = "check"

    substantiated = forms.BooleanField(
        label=_("Cette source confirme le changement"), required=False
    )
    comment = _text(_("Commentaire"), "", required=False, widget=forms.Textarea(attrs={"rows": 2}))


def dsfr_style(form: DsfrBaseForm) -> None:
    """django-dsfr styles the fields present at its ``__init__``: style those added after."""
    for visible in form.visible_fields():
        dsfr_input_class_attr(visible)
    form._bound_fields_cache.clear()
