"""Forms of the cross-evaluation committees: the committee, its members, a session's seats,
contributions, opinions, minutes and decisions.

Each form says what is wrong next to the field; the view then calls ``committees``, which
checks again what may have changed since the page was shown (the session's state).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm
from dsfr.utils import dsfr_input_class_attr

from vivier.practices.forms_registry import PlainTextField
from vivier.practices.models import Practice
from vivier.territories import departement_label, normalize_departement

from . import committees
from .models import SEAT_GROUP_CHOICES, Committee, CommitteeMember, CommitteeSession, Seat

#: A member who does not sit at a session: "absent".
ABSENT = "absent"
#: At most this many in each group: the GIP Gers Solidaire model has 5.
MAX_K = 50


class _Form(DsfrBaseForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Field ids in ``c-<name>``: the error summary links to them.
        kwargs.setdefault("auto_id", "c-%s")
        super().__init__(*args, **kwargs)

    def get_context(self) -> dict[str, Any]:
        # Mark the optional fields, as the DSFR recommends (see practices.forms.SheetForm).
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


def evaluated_practices() -> Any:
    """The practices a committee may evaluate: those with an evaluation plan (a handful,
    where the registry holds thousands of sheets)."""
    return Practice.objects.filter(evaluation_plan__isnull=False).order_by("title")


class PracticeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class CommitteeForm(_Form):
    name = PlainTextField(
        label=_("Nom du comité"),
        max_length=200,
        error_messages={"required": _("Donnez un nom au comité.")},
    )
    practice = PracticeChoiceField(
        label=_("Pratique évaluée"),
        queryset=Practice.objects.none(),
        required=False,
        empty_label=_("— aucune (comité d’un territoire) —"),
        help_text=_("Seules les pratiques qui ont un plan d’évaluation sont proposées."),
    )
    departement = PlainTextField(
        label=_("Département"),
        max_length=60,
        required=False,
        help_text=_("Un code ou un nom : « 32 », « Gers »."),
    )
    rule = forms.ChoiceField(
        label=_("Règle de parité"),
        choices=Committee._meta.get_field("rule").choices,
        widget=forms.RadioSelect,
        initial=committees.parity.Rule.K_PLUS_K.value,
    )
    k = forms.IntegerField(
        label=_("Nombre de membres de chaque groupe"),
        min_value=1,
        max_value=MAX_K,
        initial=5,
        help_text=_("Pour la règle « autant de professionnels que de personnes concernées »."),
        error_messages={"required": _("Indiquez le nombre de membres de chaque groupe.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = evaluated_practices()

    @classmethod
    def initial_of(cls, committee: Committee) -> dict[str, Any]:
        return {
            "name": committee.name,
            "practice": committee.practice_id,
            "departement": committee.departement,
            "rule": committee.rule,
            "k": committee.k,
        }

    def clean_departement(self) -> str:
        typed = self.cleaned_data["departement"]
        if not typed:
            return ""
        code = normalize_departement(typed)
        if code is None:
            raise forms.ValidationError(
                _("« %(typed)s » n’est pas un département."), params={"typed": typed}
            )
        return code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "departement" in cleaned and not cleaned.get("practice") and not cleaned["departement"]:
            self.add_error(
                "practice",
                _("Choisissez la pratique évaluée, ou indiquez le département du comité."),
            )
        return cleaned

    def save(self, committee: Committee | None = None) -> Committee:
        committee = committee or Committee()
        data = self.cleaned_data
        committee.name = data["name"]
        committee.practice = data["practice"]
        committee.departement = data["departement"]
        committee.rule = data["rule"]
        committee.k = data["k"]
        committee.save()
        return committee


def territory_label(committee: Committee) -> str:
    return departement_label(committee.departement) if committee.departement else ""


class MemberForm(_Form):
    name = PlainTextField(
        label=_("Nom affiché"),
        max_length=200,
        help_text=_("Un prénom suffit. Les autres membres le voient."),
        error_messages={"required": _("Indiquez le nom affiché du membre.")},
    )
    organisation = PlainTextField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("Nécessaire avec la règle « un par organisation »."),
    )
    usual_group = forms.ChoiceField(
        label=_("Groupe habituel"),
        choices=SEAT_GROUP_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("Il siège dans ce groupe, sauf si vous en décidez autrement à une séance."),
    )
    username = PlainTextField(
        label=_("Identifiant de son compte"),
        max_length=150,
        required=False,
        help_text=_(
            "Pour qu’il voie le comité. Une personne qui se connecte avec un code : "
            "l’identifiant « personne-… » de la liste des codes."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, committee: Committee, *args: Any, **kwargs: Any) -> None:
        self.committee = committee
        super().__init__(*args, **kwargs)

    def clean_username(self) -> Any:
        username = self.cleaned_data["username"]
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(
                _("Aucun compte ne porte l’identifiant « %(u)s »."), params={"u": username}
            )
        if self.committee.members.filter(user=user, active=True).exists():
            raise forms.ValidationError(_("Ce compte est déjà membre du comité."))
        return user

    def save(self) -> CommitteeMember:
        data = self.cleaned_data
        return CommitteeMember.objects.create(
            committee=self.committee,
            name=data["name"],
            organisation=data["organisation"],
            usual_group=data["usual_group"],
            user=data["username"],
        )


class SessionForm(_Form):
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Indiquez la date de la séance."),
            "invalid": _("Indiquez une date, par exemple 2026-03-14."),
        },
    )
    practice = PracticeChoiceField(
        label=_("Pratique évaluée"),
        queryset=Practice.objects.none(),
        error_messages={"required": _("Choisissez la pratique évaluée à cette séance.")},
    )
    agenda = PlainTextField(
        label=_("Ordre du jour"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = evaluated_practices()

    def save(self, committee: Committee) -> CommitteeSession:
        data = self.cleaned_data
        return CommitteeSession.objects.create(
            committee=committee, date=data["date"], practice=data["practice"], agenda=data["agenda"]
        )


class SeatsForm(_Form):
    """One choice per active member: absent, or the one group they sit in (no in-between)."""

    def __init__(self, session: CommitteeSession, *args: Any, **kwargs: Any) -> None:
        self.session = session
        super().__init__(*args, **kwargs)
        seated = committees.seat_groups(session)
        self.members = list(committees.active_members(session.committee))
        choices = [(ABSENT, _("absent")), *SEAT_GROUP_CHOICES]
        for member in self.members:
            label = member.name + (f" ({member.organisation})" if member.organisation else "")
            field = forms.ChoiceField(
                label=label,
                choices=choices,
                widget=forms.RadioSelect,
                initial=seated.get(member.pk, member.usual_group if not seated else ABSENT),
            )
            self.fields[f"member_{member.pk}"] = field
        # django-dsfr styles the fields present at its __init__; these came after.
        for visible in self.visible_fields():
            dsfr_input_class_attr(visible)

    def groups(self) -> dict[int, str]:
        return {
            member.pk: self.cleaned_data[f"member_{member.pk}"]
            for member in self.members
            if self.cleaned_data[f"member_{member.pk}"] != ABSENT
        }


class ConfirmForm(_Form):
    """An action that asks nothing more than the button (open, close, withdraw, remove)."""


class OpenForm(_Form):
    """Opening a session: refused, with the counts, when the seats break the parity rule."""

    def __init__(self, session: CommitteeSession, *args: Any, **kwargs: Any) -> None:
        self.session = session
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        refused = committees.breach_messages(committees.breaches(self.session))
        if refused:
            raise forms.ValidationError([forms.ValidationError(m) for m in refused])
        return cleaned


class SeatChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.member.name} ({obj.get_group_display()})"


class AssistedContributionForm(_Form):
    """What a member said, typed by a professional on their behalf."""

    seat = SeatChoiceField(
        label=_("Membre"),
        queryset=Seat.objects.none(),
        error_messages={"required": _("Choisissez le membre qui parle.")},
    )
    text = PlainTextField(
        label=_("Ce qu’il ou elle veut dire"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": _("Écrivez ce que le membre veut dire.")},
    )

    def __init__(self, session: CommitteeSession, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = session.seats.select_related("member").order_by(
            "member__name"
        )


class ContributionForm(_Form):
    """What a member says, in their own words (the participation pages)."""

    text = PlainTextField(
        label=_("Ce que je veux dire"),
        help_text=_("Écrivez avec vos mots. Vous pourrez le retirer plus tard."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": _("Écrivez ce que vous voulez dire.")},
    )


class OpinionForm(_Form):
    text = PlainTextField(
        label=_("Avis"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        error_messages={"required": _("Écrivez l’avis.")},
    )
    publish = forms.BooleanField(
        label=_("Publier cet avis"),
        required=False,
        help_text=_("Il paraît sur la fiche publique si le plan publie les avis."),
    )


class PublishForm(_Form):
    publish = forms.BooleanField(required=False, widget=forms.HiddenInput)


class MinutesForm(_Form):
    minutes = PlainTextField(
        label=_("Compte rendu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Les contributions retirées n’y figurent pas : ne les recopiez pas."),
    )


class DecisionForm(_Form):
    text = PlainTextField(
        label=_("Décision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": _("Écrivez la décision.")},
    )
    follow_up = PlainTextField(
        label=_("Suivi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Qui s’en charge, et comment."),
    )
    due = forms.DateField(
        label=_("Échéance"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Indiquez une date, par exemple 2026-06-30.")},
    )


class DoneForm(_Form):
    done = forms.BooleanField(required=False, widget=forms.HiddenInput)


__all__ = [
    "ABSENT",
    "AssistedContributionForm",
    "CommitteeForm",
    "ConfirmForm",
    "ContributionForm",
    "DecisionForm",
    "DoneForm",
    "MemberForm",
    "MinutesForm",
    "OpenForm",
    "OpinionForm",
    "PublishForm",
    "SeatsForm",
    "SessionForm",
    "territory_label",
]
