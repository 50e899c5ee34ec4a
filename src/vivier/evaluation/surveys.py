"""Questionnaires of evaluation: ordinary campaigns attached to a plan, a panel followed
across waves, and figures that feed the plan's indicators.

- :func:`attach` turns a shipped template (``vivier.surveys.questionnaires.evaluation``) or
  an existing questionnaire version into an ordinary version and campaign, with the
  campaigns app's own ``install``: same respondent pages, same dashboard, same exports;
  :class:`~vivier.evaluation.models.EvaluationSurvey` ties it to the plan and a milestone.
- The panel: each member has a random ``panel_id`` (never a name) and one personal link per
  follow-up wave (:func:`panel_token`), derived from the server's secret like the resume
  links, so nothing secret is stored. Opening it starts the member's response of that wave
  under a key made from the ``panel_id``: the same person's waves are linked
  (``PanelResponse``) and can be compared without knowing who answered.
- Figures: a feed says which figure of which question feeds which indicator (a share of
  chosen answers, a count, a mean). :func:`record_figure` computes it over the submitted
  responses of one period with the analysis engine (the dashboard's own figures) and writes
  a draft measurement for the evaluator's workflow, with its source (``SurveyFigure``).
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

import polars as pl
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from vivier.analysis import AnswerTable, build_report
from vivier.analysis.columns import DAY
from vivier.campaigns import questionnaires, services
from vivier.campaigns.models import Campaign, QuestionnaireVersion, Response
from vivier.plans import schema
from vivier.plans.periods import Period, PeriodError, parse_period
from vivier.plans.values import rate
from vivier.reports.snapshots import campaign_table
from vivier.surveys.questionnaires import evaluation as templates
from vivier.surveys.schema import CLOSED_TYPES, Question, Questionnaire, QuestionType

from . import plans
from .models import (
    EvaluationSurvey,
    LockedPeriod,
    Measurement,
    PanelMember,
    PanelResponse,
    Plan,
    SurveyFigure,
)

#: What each shipped template is, for the pages (the files hold the questions).
TEMPLATE_LABELS = {
    templates.SATISFACTION_FALC.key: _("Satisfaction des personnes accompagnées (facile à lire)"),
    templates.PROFESSIONALS.key: _("La pratique vue par les professionnels"),
    templates.FOLLOW_UP.key: _("Suivi des mêmes personnes à chaque étape (panel, facile à lire)"),
}
#: ``EvaluationSurvey.template`` of a survey made from an existing questionnaire version.
OTHER_TEMPLATE = "autre"

#: Letters and digits that cannot be mistaken for one another when read aloud or copied
#: from paper (no 0/O, 1/I/L).
PANEL_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PANEL_ID_LENGTH = 8
#: How many panel links one request may create.
PANEL_BATCH_MAX = 500


# --------------------------------------------------------------------------- attaching


def template_label(key: str) -> str:
    return str(TEMPLATE_LABELS.get(key, _("Autre questionnaire")))


def is_follow_up(survey: EvaluationSurvey) -> bool:
    """Follow-up waves are sent to the panel, one personal link per member."""
    template = templates.BY_KEY.get(survey.template)
    return bool(template and template.follow_up)


def _template_of_version(version: QuestionnaireVersion) -> str:
    """A version of a shipped template keeps that template's key (its waves compare)."""
    for template in templates.TEMPLATES:
        if templates.build(template.key).slug == version.slug:
            return template.key
    return OTHER_TEMPLATE


def _slugify(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _campaign_slug(plan: Plan, template: str, milestone: str) -> str:
    base = _slugify(f"{plan.practice.slug}-{template}-{milestone}")[:80].strip("-")
    base = base or "evaluation"
    slug, number = base, 1
    while Campaign.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def milestone_labels(plan: Plan) -> dict[str, str]:
    return {milestone.key: milestone.label for milestone in plans.current(plan).milestones}


def attach(
    plan: Plan,
    *,
    template: str = "",
    version: QuestionnaireVersion | None = None,
    milestone: str = "",
    title: str = "",
) -> EvaluationSurvey:
    """A new campaign on the template ``template`` (or on ``version``) for the plan.

    The template's questionnaire is installed as the campaigns app installs any: the same
    template gives the same version to every plan, so waves and practices compare.
    """
    if version is None:
        version = questionnaires.install(templates.build(template))
    else:
        template = _template_of_version(version)
    if not title:
        title = f"{version.title} – {plan.practice.title}"
        label = milestone_labels(plan).get(milestone)
        if label:
            title = f"{title} ({label})"
    for _attempt in range(3):
        try:
            with transaction.atomic():
                campaign = Campaign.objects.create(
                    slug=_campaign_slug(plan, template, milestone),
                    title=title[:300],
                    questionnaire=version,
                    opens_at=timezone.now(),
                )
                return EvaluationSurvey.objects.create(
                    plan=plan, campaign=campaign, template=template, milestone=milestone
                )
        except IntegrityError:
            # Another request took the same campaign identifier after it was read free.
            continue
    raise RuntimeError("no free campaign identifier after three attempts")


def submitted_count(survey: EvaluationSurvey) -> int:
    return Response.objects.filter(
        campaign_id=survey.campaign_id, status=Response.Status.SUBMITTED
    ).count()


def survey_summary(survey: EvaluationSurvey) -> dict[str, Any]:
    """One attached questionnaire as the evaluation page lists it."""
    campaign = survey.campaign
    follow_up = is_follow_up(survey)
    return {
        "survey": survey,
        "campaign": campaign,
        "template": template_label(survey.template),
        "milestone": milestone_labels(survey.plan).get(survey.milestone, survey.milestone),
        "submitted": submitted_count(survey),
        "follow_up": follow_up,
        "panel_answers": (
            PanelResponse.objects.filter(
                survey=survey, response__status=Response.Status.SUBMITTED
            ).count()
            if follow_up
            else None
        ),
        "public_url": reverse("campaigns:landing", args=[campaign.slug]),
        "dashboard_url": reverse("reports:overview", args=[campaign.slug]),
    }


def waves(plan: Plan) -> list[EvaluationSurvey]:
    """The plan's follow-up waves, in the order of their milestones."""
    order = {m.key: (m.months, index) for index, m in enumerate(plans.current(plan).milestones)}
    found = [s for s in plan.surveys.select_related("campaign") if is_follow_up(s)]
    return sorted(found, key=lambda s: (order.get(s.milestone, (10**6, 0)), s.pk))


# --------------------------------------------------------------------------- panel


def new_panel_id() -> str:
    return "".join(secrets.choice(PANEL_ALPHABET) for _ in range(PANEL_ID_LENGTH))


def add_members(plan: Plan, count: int) -> list[PanelMember]:
    """``count`` new members of the plan's panel, each with a fresh random identifier."""
    if not 1 <= count <= PANEL_BATCH_MAX:
        raise ValueError(f"between 1 and {PANEL_BATCH_MAX} members at once")
    made: list[PanelMember] = []
    with transaction.atomic():
        while len(made) < count:
            try:
                with transaction.atomic():
                    made.append(PanelMember.objects.create(plan=plan, panel_id=new_panel_id()))
            except IntegrityError:
                continue  # the identifier was taken (about one chance in 10^12): draw again
    return made


def _mac(panel_id: str, survey_pk: int) -> str:
    value = f"{panel_id}:{survey_pk}"
    return salted_hmac("vivier.panel-link", value, algorithm="sha256").hexdigest()[:24]


def panel_token(member: PanelMember, survey: EvaluationSurvey) -> str:
    """The secret part of the member's link to ``survey``: derived, never stored."""
    return f"{member.panel_id}-{survey.pk}-{_mac(member.panel_id, survey.pk)}"


def read_panel_token(token: str) -> tuple[PanelMember, EvaluationSurvey] | None:
    """The member and the wave a link names, if the link is genuine; None otherwise."""
    parts = token.split("-")
    if len(parts) != 3 or not parts[1].isdigit() or len(token) > 80:
        return None
    panel_id, survey_pk, mac = parts[0], int(parts[1]), parts[2]
    if not constant_time_compare(mac, _mac(panel_id, survey_pk)):
        return None
    member = PanelMember.objects.filter(panel_id=panel_id).first()
    survey = (
        EvaluationSurvey.objects.select_related("campaign", "plan__practice")
        .filter(pk=survey_pk)
        .first()
    )
    if member is None or survey is None or member.plan_id != survey.plan_id:
        return None
    return member, survey


def panel_url(member: PanelMember, survey: EvaluationSurvey) -> str:
    return reverse("panel:landing", args=[panel_token(member, survey)])


def response_key(member: PanelMember, survey: EvaluationSurvey) -> str:
    """The member's response key in a wave: the pseudonym links the waves in exports. The
    wave is part of it because a resume link is derived from the key alone, and two
    responses never share one."""
    return f"panel-{member.panel_id}-{survey.pk}"


class WithdrawnError(Exception):
    """The member left the panel: no new wave starts."""


def start_panel_response(member: PanelMember, survey: EvaluationSurvey) -> Response:
    """The member's response to the wave (started the first time, the same one afterwards).

    Raises :class:`WithdrawnError` for a member who left, and the campaigns app's
    ``CampaignNotOpenError`` when the wave is closed.
    """
    if member.withdrawn_at is not None:
        raise WithdrawnError(member.panel_id)
    response = services.start_response(survey.campaign, key=response_key(member, survey))
    try:
        with transaction.atomic():
            PanelResponse.objects.get_or_create(
                member=member, survey=survey, defaults={"response": response}
            )
    except IntegrityError:
        pass  # a replayed request linked it first
    return response


def withdraw(member: PanelMember) -> None:
    """The member leaves the panel: their links start nothing any more. Answers already
    sent stay, as anonymous as they were."""
    if member.withdrawn_at is None:
        member.withdrawn_at = timezone.now()
        member.save(update_fields=["withdrawn_at"])


@dataclass(frozen=True)
class PanelRow:
    member: PanelMember
    url: str
    #: For each wave of the plan, whether this member sent their answers.
    answered: tuple[bool, ...]


def panel_rows(
    survey: EvaluationSurvey, absolute: Any
) -> tuple[list[EvaluationSurvey], list[PanelRow]]:
    """The plan's waves, and one row per member with their link to ``survey``.

    ``absolute`` turns a path into the full address people type (the request's
    ``build_absolute_uri``).
    """
    all_waves = waves(survey.plan)
    sent = set(
        PanelResponse.objects.filter(
            survey__in=all_waves, response__status=Response.Status.SUBMITTED
        ).values_list("member_id", "survey_id")
    )
    rows = [
        PanelRow(
            member,
            absolute(panel_url(member, survey)),
            tuple((member.pk, wave.pk) in sent for wave in all_waves),
        )
        for member in PanelMember.objects.filter(plan=survey.plan).order_by("created_at", "pk")
    ]
    return all_waves, rows


# --------------------------------------------------------------------------- figures


class FeedKind(StrEnum):
    SHARE = "part"
    COUNT = "nombre"
    MEAN = "moyenne"


FEED_KIND_LABELS = {
    FeedKind.SHARE: _("la part des réponses choisies (en %)"),
    FeedKind.COUNT: _("le nombre de réponses choisies"),
    FeedKind.MEAN: _("la moyenne des réponses"),
}
#: The same, as a line of the feeds' list begins.
FEED_KIND_SHORT = {
    FeedKind.SHARE: _("Part"),
    FeedKind.COUNT: _("Nombre"),
    FeedKind.MEAN: _("Moyenne"),
}
#: Questions whose answers have a mean.
MEAN_TYPES = frozenset({QuestionType.RATING, QuestionType.INTEGER, QuestionType.DECIMAL})


@dataclass(frozen=True)
class Feed:
    indicator: str
    question: str
    kind: FeedKind
    values: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "question": self.question,
            "kind": self.kind.value,
            "values": list(self.values),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Feed:
        return cls(
            indicator=str(data["indicator"]),
            question=str(data["question"]),
            kind=FeedKind(data["kind"]),
            values=tuple(str(v) for v in data.get("values", ())),
        )


def feeds(survey: EvaluationSurvey) -> list[Feed]:
    return [Feed.from_dict(item) for item in survey.feeds or []]


def fed_questions(q: Questionnaire) -> list[Question]:
    """The questions a figure can be read from: closed ones (one column) and numbers."""
    return [
        question
        for question in q.questions()
        if question.answerable
        and not question.personal_data
        and (
            (question.type in CLOSED_TYPES and not _is_grid(question))
            or question.type in MEAN_TYPES
        )
        and question.type is not QuestionType.DEPARTEMENT
    ]


def _is_grid(question: Question) -> bool:
    return bool(question.scale and question.scale.rows)


def option_values(question: Question) -> list[tuple[str, str]]:
    """(value, label) of the answers a share or a count may choose."""
    if question.type is QuestionType.RATING and question.scale is not None:
        return [
            (str(p), f"{p} {question.scale.labels.get(p, '')}".strip())
            for p in question.scale.values
        ]
    return [(v, question.choice_label(v)) for v in question.option_values()]


def add_feed(survey: EvaluationSurvey, feed: Feed) -> None:
    survey.feeds = [*(survey.feeds or []), feed.to_dict()]
    survey.save(update_fields=["feeds"])


def remove_feed(survey: EvaluationSurvey, index: int) -> bool:
    current = list(survey.feeds or [])
    if not 0 <= index < len(current):
        return False
    del current[index]
    survey.feeds = current
    survey.save(update_fields=["feeds"])
    return True


@dataclass(frozen=True)
class Figure:
    #: Submitted responses of the period.
    responses: int
    #: Of them, those who answered the question.
    answered: int
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def period_bounds(period: Period) -> tuple[date, date]:
    """First day of the period and first day after it."""
    index = period.year * 12 + period.month - 1 + period.months
    return period.first_day, date(index // 12, index % 12 + 1, 1)


def compute(campaign: Campaign, feed: Feed, period: Period) -> Figure:
    """The feed's figure over the campaign's responses submitted during ``period`` (days
    counted in Paris, as the dashboard counts them), read from the dashboard's report."""
    q = campaign.questionnaire.questionnaire()
    first, after = period_bounds(period)
    table = campaign_table(campaign)
    within = AnswerTable(q, table.frame.filter((pl.col(DAY) >= first) & (pl.col(DAY) < after)))
    report = build_report(q, within, campaign=campaign.slug)
    entry = next(item for item in report["questions"] if item["name"] == feed.question)
    responses, answered = int(report["responses"]), int(entry["answered"] or 0)
    if feed.kind is FeedKind.MEAN:
        mean = entry.get("mean")
        return Figure(responses, answered, None if mean is None else Decimal(str(mean)))
    chosen = len(within.filter({feed.question: list(feed.values)})) if feed.values else answered
    if feed.kind is FeedKind.COUNT:
        return Figure(responses, answered, Decimal(chosen))
    numerator, denominator = Decimal(chosen), Decimal(answered)
    return Figure(responses, answered, rate(numerator, denominator), numerator, denominator)


class FigureRefused(Exception):
    """Why no measurement was written: ``message`` for the page, beside ``field``."""

    def __init__(self, message: Any, field: str = "period"):
        super().__init__(str(message))
        self.message = message
        self.field = field


def _locked(plan: Plan, period: Period) -> bool:
    for key in LockedPeriod.objects.filter(plan=plan).values_list("period", flat=True):
        try:
            locked = parse_period(key)
        except PeriodError:
            continue
        if locked == period or locked.contains(period):
            return True
    return False


def _rounded(value: Decimal | None, indicator: schema.Indicator) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-indicator.decimals), rounding=ROUND_HALF_UP)


def record_figure(
    survey: EvaluationSurvey, feed: Feed, period_text: str, user: Any = None
) -> tuple[Measurement, SurveyFigure]:
    """Computes the feed's figure for the period and writes it as a draft measurement of
    the indicator's current definition; refused (:class:`FigureRefused`) when the period
    is closed, a value is already submitted or approved, or no response was sent."""
    plan = survey.plan
    indicator = plans.current(plan).indicator(feed.indicator)
    if indicator is None or not indicator.quantitative:
        raise FigureRefused(
            _("L’indicateur « %(key)s » n’est plus dans le plan, ou n’a pas de valeur chiffrée.")
            % {"key": feed.indicator},
            field="feed",
        )
    period = parse_period(period_text)
    if _locked(plan, period):
        raise FigureRefused(
            _("La période %(period)s est close : aucune valeur ne peut plus y être ajoutée.")
            % {"period": period.key}
        )
    figure = compute(survey.campaign, feed, period)
    if figure.responses == 0 or figure.value is None:
        raise FigureRefused(
            _("Aucune réponse envoyée pendant la période %(period)s ne permet ce calcul.")
            % {"period": period.key}
        )
    value = _rounded(figure.value, indicator)
    account = user if getattr(user, "pk", None) else None
    now = timezone.now()
    with transaction.atomic():
        measurement = (
            Measurement.objects.select_for_update()
            .filter(
                plan=plan,
                indicator=indicator.key,
                definition=indicator.definition,
                period=period.key,
                dimension="",
                category="",
            )
            .first()
        )
        if measurement is not None and measurement.state in (
            Measurement.State.SUBMITTED,
            Measurement.State.APPROVED,
        ):
            raise FigureRefused(
                _(
                    "Une valeur de « %(indicator)s » pour %(period)s est déjà soumise ou "
                    "approuvée : elle reste telle quelle."
                )
                % {"indicator": indicator.title, "period": period.key}
            )
        if measurement is None:
            measurement = Measurement(
                plan=plan,
                indicator=indicator.key,
                definition=indicator.definition,
                period=period.key,
                state=Measurement.State.DRAFT,
                created_at=now,
            )
        rated = indicator.is_rate and figure.numerator is not None
        measurement.value = value
        measurement.numerator = figure.numerator if rated else None
        measurement.denominator = figure.denominator if rated else None
        measurement.entered_by = account
        measurement.updated_at = now
        measurement.save()
        source = SurveyFigure.objects.create(
            survey=survey,
            measurement=measurement,
            feed=feed.to_dict(),
            period=period.key,
            responses=figure.responses,
            value=value,
            numerator=figure.numerator,
            denominator=figure.denominator,
            computed_by=account,
            computed_at=now,
        )
    return measurement, source


__all__ = [
    "FEED_KIND_LABELS",
    "FEED_KIND_SHORT",
    "OTHER_TEMPLATE",
    "PANEL_BATCH_MAX",
    "TEMPLATE_LABELS",
    "Feed",
    "FeedKind",
    "Figure",
    "FigureRefused",
    "PanelRow",
    "WithdrawnError",
    "add_feed",
    "add_members",
    "attach",
    "compute",
    "fed_questions",
    "feeds",
    "is_follow_up",
    "milestone_labels",
    "option_values",
    "panel_rows",
    "panel_token",
    "panel_url",
    "read_panel_token",
    "record_figure",
    "remove_feed",
    "start_panel_response",
    "survey_summary",
    "waves",
    "withdraw",
]
