"""What the evaluation of a practice stores.

A plan is the pure :class:`vivier.plans.schema.Plan` in ``Plan.data``; each change is kept
as a :class:`PlanVersion`. Measurements, stories, outcomes, committees and funding records
are rows, because they are entered one at a time, by different people, with a workflow.

Personal data is kept apart and marked: the name of a story's teller lives in
:class:`StoryTeller` (one row, deleted to erase it), never in the story itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vivier.plans.parity import Rule, SeatGroup
from vivier.plans.schema import Group

USER = settings.AUTH_USER_MODEL


def _choices(enum: type, labels: dict[str, object]) -> list[tuple[str, object]]:
    return [(member.value, labels[member.value]) for member in enum]  # type: ignore[attr-defined]


GROUP_CHOICES = _choices(
    Group,
    {
        "professionnels": _("professionnels"),
        "personnes_concernees": _("personnes concernées"),
        "financeurs": _("financeurs"),
        "partenaires": _("partenaires"),
    },
)


class Plan(models.Model):
    """The evaluation plan of one practice sheet (at most one)."""

    practice = models.OneToOneField(
        "practices.Practice", on_delete=models.CASCADE, related_name="evaluation_plan"
    )
    #: ``vivier.plans.schema.to_dict`` of the current version.
    data = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=1)
    #: Derived at each save (``plans.participation``): the catalogue filters on it.
    persons_concerned_co_decide = models.BooleanField(default=False)
    #: What the holder and the committee agreed to show on the public sheet.
    publish_indicators = models.BooleanField(_("publier les indicateurs"), default=False)
    publish_participation = models.BooleanField(
        _("publier la matrice de participation"), default=False
    )
    publish_opinions = models.BooleanField(_("publier les avis publiés"), default=False)
    publish_stories = models.BooleanField(_("publier les récits consentis"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("plan d’évaluation")
        permissions = [("approve_measurement", _("Approuver les mesures d’indicateurs"))]

    def __str__(self) -> str:
        return str(_("Plan d’évaluation de « %(title)s »") % {"title": self.practice.title})


class PlanVersion(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    data = models.JSONField(default=dict)
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)
    #: Which group the author spoke for when proposing the change.
    group = models.CharField(max_length=24, choices=GROUP_CHOICES, blank=True)
    note = models.CharField(_("ce qui change"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="evaluation_version_unique")
        ]


class PlanContributor(models.Model):
    """A person who co-builds the plan (a person concerned signing in with a code, a
    partner...): they see the plan and may propose questions, criteria and indicators."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="contributors")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="evaluation_plans")
    group = models.CharField(_("groupe"), max_length=24, choices=GROUP_CHOICES)
    added_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    #: Participation is never an obligation: leaving keeps what was proposed, anonymised.
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "user"], name="evaluation_contributor_unique")
        ]


class MeasurementState(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    SUBMITTED = "submitted", _("soumise")
    RETURNED = "returned", _("renvoyée avec un commentaire")
    APPROVED = "approved", _("approuvée")


class Measurement(models.Model):
    """One value of one indicator for one period (a total, or one category of a breakdown)."""

    State = MeasurementState

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measurements")
    indicator = models.CharField(max_length=40)
    #: The indicator's definition number when the value was recorded (``plans.schema``).
    definition = models.PositiveIntegerField()
    period = models.CharField(max_length=7)
    #: The breakdown ("public") and its category ("jeunes de 18 à 25 ans"); empty: total.
    dimension = models.CharField(max_length=40, blank=True)
    category = models.CharField(max_length=100, blank=True)
    value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    narrative = models.TextField(blank=True)
    state = models.CharField(
        max_length=10, choices=MeasurementState.choices, default=MeasurementState.DRAFT
    )
    #: The evaluator's comment when the value is returned.
    comment = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "indicator", "period", "dimension", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "indicator", "definition", "period", "dimension", "category"],
                name="evaluation_measurement_unique",
            ),
            models.CheckConstraint(
                condition=Q(state__in=MeasurementState.values),
                name="evaluation_measurement_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(state="approved", decided_at__isnull=False) | ~Q(state="approved"),
                name="evaluation_measurement_approved_dated",
            ),
        ]
        indexes = [models.Index(fields=["plan", "indicator", "state"])]


class LockedPeriod(models.Model):
    """A period whose values can no longer change (the evaluator closed it)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="locked_periods")
    period = models.CharField(max_length=7)
    locked_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)
    locked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "period"], name="evaluation_lock_unique")
        ]


class FundingRecord(models.Model):
    """A budget line of one year against what was funded and spent (the funder report)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="funding")
    year = models.PositiveIntegerField(_("année"))
    funder = models.CharField(_("financeur"), max_length=200)
    budget_line = models.CharField(_("ligne budgétaire"), max_length=200)
    budgeted = models.DecimalField(_("prévu (€)"), max_digits=14, decimal_places=2)
    received = models.DecimalField(
        _("reçu (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    spent = models.DecimalField(
        _("dépensé (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["plan", "year", "funder", "budget_line"]


# --------------------------------------------------------------------------------------------
# Stories of change (Most Significant Change) and outcomes (Outcome Harvesting)


class Story(models.Model):
    """A story of change told by one person, in their words, with their consent."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="stories")
    #: The teller's group ("professionnels", "personnes_concernees"...), never their name.
    teller_group = models.CharField(_("groupe du conteur"), max_length=24, choices=GROUP_CHOICES)
    #: A pseudonym shown wherever the story is read ("Mme A.", "un jeune accompagné").
    teller_alias = models.CharField(_("pseudonyme"), max_length=100, blank=True)
    #: The teller's account when they have one (a person concerned signing in with a code).
    teller = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="told_stories"
    )
    domain = models.CharField(_("domaine du changement"), max_length=200)
    period = models.CharField(_("période"), max_length=100, blank=True)
    title = models.CharField(_("titre"), max_length=200, blank=True)
    what_changed = models.TextField(_("ce qui a changé"))
    why_it_matters = models.TextField(_("pourquoi c’est important pour la personne"))
    #: Theme tags on the qualitative evidence.
    tags = models.JSONField(default=list, blank=True)
    #: Consent, recorded per story and revocable: to quote it in reports, to publish it.
    consent_quote = models.BooleanField(_("accord pour citer"), default=False)
    consent_publish = models.BooleanField(_("accord pour publier"), default=False)
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: Entered by a professional from what the teller said.
    assisted = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["plan", "created_at", "pk"]
        verbose_name = _("récit de changement")


class StoryTeller(models.Model):
    """Personal data: who told the story, to give it back to them. Deleting erases it."""

    story = models.OneToOneField(Story, on_delete=models.CASCADE, related_name="teller_contact")
    name = models.CharField(_("nom"), max_length=200)
    contact = models.CharField(_("contact"), max_length=200, blank=True)


class StorySelection(models.Model):
    """A story considered at one level of selection, with the reasons, fed back to the
    teller (Most Significant Change: stories are selected at successive levels)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="selections")
    #: 1: the team, 2: the committee, 3: the funders and the public (``stories.LEVELS``).
    level = models.PositiveSmallIntegerField()
    selected = models.BooleanField()
    reason = models.TextField(_("raisons"))
    decided_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)
    decided_at = models.DateTimeField(default=timezone.now)
    #: When, and what, was told back to the teller.
    fed_back_at = models.DateTimeField(null=True, blank=True)
    feedback = models.TextField(blank=True)

    class Meta:
        ordering = ["story", "level"]
        constraints = [
            models.UniqueConstraint(fields=["story", "level"], name="evaluation_selection_unique")
        ]


class Outcome(models.Model):
    """An outcome harvested (Outcome Harvesting): a change in a social actor, and how the
    practice contributed to it, substantiated by at least two sources."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes")
    social_actor = models.CharField(_("acteur social"), max_length=200)
    change = models.TextField(_("changement observé"))
    when = models.CharField(_("quand"), max_length=100)
    where = models.CharField(_("où"), max_length=200)
    significance = models.TextField(_("portée"))
    contribution = models.TextField(_("contribution de la pratique"))
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    publish = models.BooleanField(_("publier"), default=False)

    class Meta:
        ordering = ["plan", "created_at", "pk"]


class OutcomeSource(models.Model):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="sources")
    #: A role or an organisation, not a person's name ("la CAF", "une éducatrice").
    source = models.CharField(_("source"), max_length=200)
    #: Whether this source confirmed the outcome, and who checked it.
    substantiated = models.BooleanField(_("confirmé"), default=False)
    substantiated_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)


# --------------------------------------------------------------------------------------------
# Cross-evaluation committees


class Committee(models.Model):
    """A committee per practice or per territory, with its parity rule."""

    name = models.CharField(_("nom"), max_length=200)
    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committees",
    )
    #: A département code (COG) when the committee covers a territory.
    departement = models.CharField(_("département"), max_length=3, blank=True)
    rule = models.CharField(
        _("règle de parité"),
        max_length=20,
        choices=[
            (Rule.K_PLUS_K.value, _("autant de professionnels que de personnes concernées")),
            (
                Rule.PER_ORGANISATION.value,
                _("un professionnel et une personne concernée par organisation"),
            ),
        ],
        default=Rule.K_PLUS_K.value,
    )
    k = models.PositiveSmallIntegerField(_("nombre par groupe"), default=5)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("comité d’évaluation croisée")


SEAT_GROUP_CHOICES = [
    (SeatGroup.PROFESSIONAL.value, _("professionnel")),
    (SeatGroup.PERSON_CONCERNED.value, _("personne concernée")),
]


class CommitteeMember(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="committee_seats"
    )
    #: The name shown to the other members (a first name is enough).
    name = models.CharField(_("nom affiché"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    usual_group = models.CharField(_("groupe habituel"), max_length=20, choices=SEAT_GROUP_CHOICES)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["committee", "name"]


class SessionState(models.TextChoices):
    PLANNED = "planned", _("prévue")
    OPEN = "open", _("ouverte")
    CLOSED = "closed", _("close")


class CommitteeSession(models.Model):
    State = SessionState

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="sessions")
    #: The practice evaluated at this session (a territorial committee sees several).
    practice = models.ForeignKey(
        "practices.Practice", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    date = models.DateField(_("date"))
    agenda = models.TextField(_("ordre du jour"), blank=True)
    state = models.CharField(
        max_length=8, choices=SessionState.choices, default=SessionState.PLANNED
    )
    minutes = models.TextField(_("compte rendu"), blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["committee", "-date"]


class Seat(models.Model):
    """A member in one group for one session: professional or person concerned, no
    in-between."""

    session = models.ForeignKey(CommitteeSession, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(CommitteeMember, on_delete=models.CASCADE, related_name="seats")
    group = models.CharField(_("groupe"), max_length=20, choices=SEAT_GROUP_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="evaluation_seat_unique"),
            models.CheckConstraint(
                condition=Q(group__in=[SeatGroup.PROFESSIONAL, SeatGroup.PERSON_CONCERNED]),
                name="evaluation_seat_group_valid",
            ),
        ]


class Contribution(models.Model):
    """What one member said at a session, in their words; they may withdraw it."""

    session = models.ForeignKey(
        CommitteeSession, on_delete=models.CASCADE, related_name="contributions"
    )
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="contributions")
    text = models.TextField(_("contribution"))
    #: The professional who typed what the member said, when it was so.
    assisted_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "created_at", "pk"]


OPINION_GROUPS = [
    (SeatGroup.PROFESSIONAL.value, _("avis des professionnels")),
    (SeatGroup.PERSON_CONCERNED.value, _("avis des personnes concernées")),
    ("commun", _("avis commun")),
]


class Opinion(models.Model):
    """Each group's opinion, recorded separately, then the joint one."""

    session = models.ForeignKey(CommitteeSession, on_delete=models.CASCADE, related_name="opinions")
    group = models.CharField(max_length=20, choices=OPINION_GROUPS)
    text = models.TextField(_("avis"))
    publish = models.BooleanField(_("publier"), default=False)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "group"], name="evaluation_opinion_unique")
        ]


class Decision(models.Model):
    session = models.ForeignKey(
        CommitteeSession, on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.TextField(_("décision"))
    follow_up = models.TextField(_("suivi"), blank=True)
    due = models.DateField(_("échéance"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "pk"]


# --------------------------------------------------------------------------------------------
# Questionnaires of evaluation (ordinary campaigns attached to a plan)


class EvaluationSurvey(models.Model):
    """A campaign run for a plan: satisfaction, professionals, or a follow-up wave."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="surveys")
    campaign = models.OneToOneField(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="evaluation_survey"
    )
    #: Which shipped template it came from ("satisfaction_falc", "professionnels", "suivi").
    template = models.CharField(max_length=40)
    #: The milestone of the plan this wave belongs to (a follow-up is sent again at each).
    milestone = models.CharField(max_length=40, blank=True)
    #: Which indicator each figure feeds: [{"indicator": key, "question": name, ...}].
    feeds = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def summary(self) -> dict[str, object]:
        """What the evaluation page shows of it (``surveys.survey_summary``): the page's
        part reads it from ``plan.surveys``, without a view of its own."""
        from .surveys import survey_summary

        return survey_summary(self)


class PanelMemberQuerySet(models.QuerySet):
    def active(self) -> models.QuerySet:
        """The members who have not withdrawn (the panel's size)."""
        return self.filter(withdrawn_at__isnull=True)


class PanelMember(models.Model):
    """A respondent followed across waves by a stable pseudonymous identifier, never a name."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="panel")
    panel_id = models.CharField(max_length=16, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = PanelMemberQuerySet.as_manager()


class PanelResponse(models.Model):
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="responses")
    survey = models.ForeignKey(EvaluationSurvey, on_delete=models.CASCADE, related_name="+")
    response = models.OneToOneField(
        "campaigns.Response", on_delete=models.CASCADE, related_name="panel_link"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "survey"], name="evaluation_panel_wave_unique"
            )
        ]


class SurveyFigure(models.Model):
    """Where a draft measurement computed from a questionnaire came from: which campaign,
    which figure, how many submitted responses of which period."""

    survey = models.ForeignKey(EvaluationSurvey, on_delete=models.CASCADE, related_name="figures")
    measurement = models.ForeignKey(
        Measurement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: The feed as it was when computed (``EvaluationSurvey.feeds`` may change afterwards).
    feed = models.JSONField(default=dict)
    period = models.CharField(max_length=7)
    #: Submitted responses of the period the figure was computed over.
    responses = models.PositiveIntegerField()
    value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    computed_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["survey", "-computed_at", "-pk"]
