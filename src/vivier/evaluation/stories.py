"""Stories of change and outcomes, and the one rule on where their text may appear.

Consent is recorded per story and revocable. Every page, export and document that shows a
story's text takes its stories from :func:`quotable` (reports read by the practice and its
funders) or :func:`publishable` (the public sheet, open data): a story whose consent was
withdrawn is in neither, wherever it was selected. Only the plan's own staff (those who may
change it) see every story, the withdrawn ones marked so (:func:`visible`).

Selection follows Most Significant Change: a story is considered by the team (level 1), then
the committee (2), then the funders and the public (3), and reaches a level only if it was
selected at the one before (:func:`open_levels`, :func:`decide`).

An outcome (Outcome Harvesting) counts as substantiated when at least one of its sources
confirmed it (:func:`with_substantiation`).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vivier import audit

from .models import Outcome, OutcomeSource, Plan, Story, StorySelection, StoryTeller

#: Levels of selection (Most Significant Change), from the closest to the teller.
LEVELS = (1, 2, 3)

#: Who selects at each level (staff wording).
LEVEL_LABELS = {
    1: _("équipe"),
    2: _("comité"),
    3: _("financeurs et public"),
}

#: What the teller reads: who chose their story, in plain words.
LEVEL_WHO = {
    1: _("l’équipe"),
    2: _("le comité"),
    3: _("les financeurs et le public"),
}

#: The three answers a teller gives about their words (stored as two flags).
CONSENT_NONE, CONSENT_QUOTE, CONSENT_PUBLISH = "aucun", "citer", "publier"
CONSENTS = (CONSENT_NONE, CONSENT_QUOTE, CONSENT_PUBLISH)


class SelectionRefused(ValueError):
    """A decision the rules of selection do not allow; ``message`` says why."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


def _consent_standing() -> Q:
    return Q(consent_withdrawn_at__isnull=True)


def quotable(plan: Plan) -> QuerySet[Story]:
    """Stories whose tellers agreed to be quoted in the plan's reports, and still agree."""
    return plan.stories.filter(_consent_standing(), consent_quote=True)


def publishable(plan: Plan) -> QuerySet[Story]:
    """Stories the public may read: published by the plan, consent to publish standing."""
    if not plan.publish_stories:
        return Story.objects.none()
    return plan.stories.filter(_consent_standing(), consent_publish=True, consent_quote=True)


def published_outcomes(plan: Plan) -> QuerySet[Outcome]:
    return plan.outcomes.filter(publish=True)


def may_change(user: Any, plan: Plan) -> bool:
    return bool(user.has_perm("evaluation.change_plan", plan))


def visible(plan: Plan, user: Any) -> QuerySet[Story]:
    """The stories this person may read on the plan's pages: all of them for those who may
    change the plan (its own staff), the quotable ones for every other reader."""
    return plan.stories.all() if may_change(user, plan) else quotable(plan)


def selected_at(plan: Plan, level: int) -> QuerySet[Story]:
    """Quotable stories selected at ``level``: what a report of that level may quote."""
    return quotable(plan).filter(selections__level=level, selections__selected=True)


# --------------------------------------------------------------------------------------------
# Consent


def consent_of(story: Story) -> str:
    """The answer the story's flags stand for (withdrawal aside)."""
    if story.consent_publish and story.consent_quote:
        return CONSENT_PUBLISH
    return CONSENT_QUOTE if story.consent_quote else CONSENT_NONE


def set_consent(story: Story, choice: str) -> None:
    """Records the teller's answer now; an answer given after a withdrawal stands again."""
    if choice not in CONSENTS:
        raise ValueError(choice)
    story.consent_quote = choice in (CONSENT_QUOTE, CONSENT_PUBLISH)
    story.consent_publish = choice == CONSENT_PUBLISH
    story.consent_recorded_at = timezone.now()
    story.consent_withdrawn_at = None
    story.save(
        update_fields=[
            "consent_quote",
            "consent_publish",
            "consent_recorded_at",
            "consent_withdrawn_at",
        ]
    )


def withdraw_consent(story: Story) -> None:
    """The teller takes their words back: the first withdrawal's date is kept."""
    if story.consent_withdrawn_at is None:
        story.consent_withdrawn_at = timezone.now()
        story.save(update_fields=["consent_withdrawn_at"])


def erase_teller(request: HttpRequest | None, story: Story) -> bool:
    """Deletes the teller's name and contact (personal data); False if there was none.

    auditlog writes the row's deletion (its values masked); the line here files it with the
    erasures of personal data, where the trail's readers look for them.
    """
    with transaction.atomic():
        deleted, _rows = StoryTeller.objects.filter(story=story).delete()
        if deleted:
            audit.record(request, "personal-data.erase", story, what="story-teller")
    return bool(deleted)


# --------------------------------------------------------------------------------------------
# Selection at successive levels


def decisions(story: Story) -> dict[int, StorySelection]:
    return {selection.level: selection for selection in story.selections.all()}


def reached(story: Story) -> int:
    """The highest level at which the story was selected (0: none yet)."""
    return max((s.level for s in story.selections.all() if s.selected), default=0)


def open_levels(story: Story) -> list[int]:
    """The levels at which a decision may be taken now: the last one decided (to revise it)
    and the next one, if the story was selected at the last one."""
    decided = decisions(story)
    top = max(decided, default=0)
    levels = [top] if top else []
    if (top == 0 or decided[top].selected) and top + 1 in LEVELS:
        levels.append(top + 1)
    return levels


def check(story: Story, level: int, selected: bool) -> None:
    """Raises :class:`SelectionRefused` when this decision is not allowed now."""
    if level not in open_levels(story):
        raise SelectionRefused(
            _("Un récit n’atteint un niveau que s’il a été sélectionné au niveau précédent.")
        )
    if not selected:
        return
    if story.consent_withdrawn_at is not None:
        raise SelectionRefused(
            _("La personne a retiré son consentement : ce récit ne peut plus être sélectionné.")
        )
    if level > 1 and not story.consent_quote:
        raise SelectionRefused(
            _(
                "La personne n’a pas donné son accord pour être citée : ce récit ne peut pas "
                "sortir de l’équipe."
            )
        )


def decide(story: Story, level: int, selected: bool, reason: str, by: Any) -> StorySelection:
    """Records the decision at ``level`` (a revision of the last level replaces it)."""
    with transaction.atomic():
        locked = Story.objects.select_for_update().get(pk=story.pk)
        check(locked, level, selected)
        selection, _created = StorySelection.objects.update_or_create(
            story=locked,
            level=level,
            defaults={
                "selected": selected,
                "reason": reason,
                "decided_by": by if getattr(by, "pk", None) else None,
                "decided_at": timezone.now(),
            },
        )
    return selection


def feed_back(selection: StorySelection, text: str) -> None:
    """Records what was told back to the teller about this decision, and when."""
    selection.feedback = text
    selection.fed_back_at = timezone.now()
    selection.save(update_fields=["feedback", "fed_back_at"])


# --------------------------------------------------------------------------------------------
# Outcomes


def with_substantiation(outcomes: QuerySet[Outcome]) -> QuerySet[Outcome]:
    """Each outcome with ``substantiated`` (a source confirmed it) and its source counts."""
    confirmed = OutcomeSource.objects.filter(outcome=OuterRef("pk"), substantiated=True)
    return outcomes.annotate(
        substantiated=Exists(confirmed),
        source_count=Count("sources", distinct=True),
        confirmed_count=Count("sources", filter=Q(sources__substantiated=True), distinct=True),
    )


def is_substantiated(outcome: Outcome) -> bool:
    return outcome.sources.filter(substantiated=True).exists()


def check_source(source: OutcomeSource, substantiated: bool, comment: str, by: Any) -> None:
    """Records whether ``source`` confirmed the outcome, and who checked it."""
    source.substantiated = substantiated
    source.substantiated_by = by if getattr(by, "pk", None) else None
    source.comment = comment
    source.save(update_fields=["substantiated", "substantiated_by", "comment"])


# --------------------------------------------------------------------------------------------
# The evaluation page's part


def summary(plan: Plan, user: Any) -> dict[str, Any]:
    """Counts only: no story's words, so the page shows them to whoever may open it."""
    stories = plan.stories.all()
    outcomes = with_substantiation(plan.outcomes.all())
    result: dict[str, Any] = {
        "stories": stories.count(),
        "outcomes": outcomes.count(),
        "quotable": quotable(plan).count(),
        "withdrawn": stories.filter(consent_withdrawn_at__isnull=False).count(),
        "substantiated": sum(1 for outcome in outcomes if outcome.substantiated),
        "levels": [
            {
                "level": level,
                "label": LEVEL_LABELS[level],
                "count": selected_at(plan, level).count(),
            }
            for level in LEVELS
        ],
    }
    return result
