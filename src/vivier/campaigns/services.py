"""What happens to a response: start, save a page, submit, import.

Views and the command line call these functions; they hold the rules (idempotence, personal
data kept apart, pinned versions) so that a web submission, an assisted entry and an imported
line go through exactly the same checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from vivier.surveys import flow
from vivier.surveys.answers import validate_answers
from vivier.surveys.errors import Issue
from vivier.surveys.schema import Questionnaire

from . import privacy
from .models import Campaign, DistributionLink, Response, ResponseContact, hash_token


class CampaignNotOpenError(Exception):
    def __init__(self, campaign: Campaign):
        super().__init__(f"campaign {campaign.slug} is {campaign.status()}")
        self.campaign = campaign


def split_personal(q: Questionnaire, answers: Mapping[str, Any]) -> tuple[dict, dict]:
    """Separates the answers that are personal data (stored in ResponseContact)."""
    personal_keys = q.personal_keys()
    public = {k: v for k, v in answers.items() if k not in personal_keys}
    personal = {k: v for k, v in answers.items() if k in personal_keys}
    return public, personal


def _store(response: Response, q: Questionnaire, answers: Mapping[str, Any]) -> None:
    """Sets the answers on ``response`` (saved by the caller) and writes its personal data."""
    public, personal = split_personal(q, answers)
    response.answers = public
    response.updated_at = timezone.now()
    existing = getattr(response, "contact", None) if response.has_personal_data else None
    if personal and existing is not None:
        existing.data = personal
        existing.updated_at = response.updated_at
        existing.save(update_fields=["data", "updated_at"])
    elif personal:
        ResponseContact.objects.update_or_create(
            response=response, defaults={"data": personal, "updated_at": response.updated_at}
        )
        forget_contact(response)
    elif response.has_personal_data:
        ResponseContact.objects.filter(response=response).delete()
        forget_contact(response)
    response.has_personal_data = bool(personal)


def forget_contact(response: Response) -> None:
    """Drops the cached personal data of an instance whose row was changed through another.

    Through the relation's own cache methods (the reverse one-to-one's field), rather than
    the instance's private state."""
    relation = Response.contact.related
    if relation.is_cached(response):
        relation.delete_cached_value(response)


def start_response(
    campaign: Campaign,
    *,
    key: str,
    link: DistributionLink | None = None,
    mode: str = "online",
    entered_by: Any = None,
) -> Response:
    """Creates the draft for ``key``, or returns the one a replayed request already created."""
    if not campaign.is_open and mode == Response.Mode.ONLINE:
        raise CampaignNotOpenError(campaign)
    defaults = {
        "version": campaign.questionnaire,
        "link": link,
        "channel": link.network if link else "",
        "mode": mode,
        "entered_by": entered_by if getattr(entered_by, "is_authenticated", False) else None,
    }
    try:
        with transaction.atomic():
            response, created = Response.objects.get_or_create(
                campaign=campaign, key=key, defaults=defaults
            )
            if created:
                response.set_resume_token()
                response.save(update_fields=["resume_token_hash"])
    except IntegrityError:
        # Two identical requests raced past get_or_create: the other one won, use its row.
        response = Response.objects.get(campaign=campaign, key=key)
    return response


#: What the respondent's pages need of a response, its campaign and version: loading only
#: these keeps the lookup behind every page cheap (the version's definition is large).
_PAGE_FIELDS = (
    "key", "status", "answers", "mode", "current_section", "has_personal_data",
    "updated_at", "submitted_at", "created_at", "channel",
    "campaign__slug", "campaign__title", "campaign__opens_at", "campaign__closes_at",
    "version__slug", "version__version", "version__checksum",
)  # fmt: skip


def find_by_token(campaign_slug: str, token: str) -> Response | None:
    """The response behind a private link, with its campaign and version, in one query."""
    if not token or len(token) > 100:
        return None
    found = list(
        Response.objects.select_related("campaign", "version")
        .only(*_PAGE_FIELDS)
        .filter(campaign__slug=campaign_slug, resume_token_hash=hash_token(token))
        .order_by()[:1]
    )
    return found[0] if found else None


def save_section(
    response: Response,
    values: Mapping[str, Any],
    section_name: str,
    *,
    cleared: Iterable[str] = (),
) -> dict[str, list[Issue]]:
    """Merges one page's answers into the draft and returns that page's problems.

    Valid values are kept even when other fields of the page are wrong, so a respondent who
    leaves never loses what was accepted. A value refused (a text over the limit, a number
    out of range) is not stored and leaves the answer saved before in place. Answers that
    stop being relevant (an earlier choice changed) are dropped, as they would be at
    submission.
    """
    q = response.version.questionnaire()
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.is_submitted:
            return {}
        before = locked.all_answers()
        merged = dict(before)
        for key in cleared:
            merged.pop(key, None)
        merged.update({k: v for k, v in values.items() if not flow.is_empty(v)})
        for key, value in values.items():
            if flow.is_empty(value):
                merged.pop(key, None)
        merged = flow.prune(q, merged)
        issues = validate_answers(q, merged, partial_sections=[section_name])
        section = next(s for s in q.sections if s.name == section_name)
        page_keys = {n for qu in section.questions for n in (qu.name, qu.other_name)}
        page_issues = {k: v for k, v in issues.items() if k in page_keys}
        # A value emptied by the respondent was removed above and stays removed.
        refused = [key for key in page_issues if not flow.is_empty(values.get(key))]
        for key in refused:
            # A value the engine refuses is shown back to the respondent, never stored; the
            # answer saved before stays until a valid one replaces it.
            if key in before:
                merged[key] = before[key]
            else:
                merged.pop(key, None)
        if refused:
            merged = flow.prune(q, merged)
        _store(locked, q, merged)
        locked.current_section = section_name
        locked.save(update_fields=["answers", "updated_at", "current_section", "has_personal_data"])
    response.answers = locked.answers
    response.updated_at = locked.updated_at
    response.has_personal_data = locked.has_personal_data
    forget_contact(response)
    return page_issues


@dataclass
class SubmitResult:
    submitted: bool
    already: bool = False
    issues: dict[str, list[Issue]] = field(default_factory=dict)


def submit(response: Response, *, _retry: bool = True) -> SubmitResult:
    """Submits a draft once; replaying the request is harmless and says so.

    The checks run before any write; the write is a single conditional UPDATE (still a draft,
    unchanged since it was read), so concurrent submissions of the same draft cannot both
    succeed and the database's write lock is held for one statement only.
    """
    if response.is_submitted:
        return SubmitResult(submitted=True, already=True)
    q = response.version.questionnaire()
    stored = response.all_answers()
    answers = flow.prune(q, stored)
    issues = validate_answers(q, answers)
    if issues:
        return SubmitResult(submitted=False, issues=issues)
    public, personal = split_personal(q, answers)
    _stored_public, stored_personal = split_personal(q, stored)
    now = timezone.now()
    with transaction.atomic():
        updated = Response.objects.filter(
            pk=response.pk, status=Response.Status.DRAFT, updated_at=response.updated_at
        ).update(status=Response.Status.SUBMITTED, submitted_at=now, updated_at=now, answers=public)
        if updated and personal != stored_personal:
            _store(response, q, answers)
            response.save(update_fields=["has_personal_data"])
        if updated:
            # Free texts holding an e-mail or a phone number go to staff review.
            privacy.flag_texts(response.pk, q, public, fresh=True)
    if not updated:
        fresh = Response.objects.select_related("version").get(pk=response.pk)
        if fresh.is_submitted or not _retry:
            return SubmitResult(submitted=fresh.is_submitted, already=fresh.is_submitted)
        # The draft changed between reading and writing (another tab saved a page): check
        # and submit what is stored now.
        return submit(fresh, _retry=False)
    response.status = Response.Status.SUBMITTED
    response.submitted_at = now
    response.updated_at = now
    response.answers = public
    return SubmitResult(submitted=True)


def create_submitted(
    campaign: Campaign,
    *,
    key: str,
    answers: Mapping[str, Any],
    submitted_at: datetime,
    channel: str = "",
    mode: str = "online",
    link: DistributionLink | None = None,
) -> Response:
    """Stores an already validated, complete response (imports, API)."""
    q = campaign.questionnaire.questionnaire()
    response = Response.objects.create(
        campaign=campaign,
        key=key,
        version=campaign.questionnaire,
        link=link,
        channel=channel or (link.network if link else ""),
        mode=mode,
        status=Response.Status.SUBMITTED,
        created_at=submitted_at,
        updated_at=submitted_at,
        submitted_at=submitted_at,
    )
    _store(response, q, answers)
    response.save(update_fields=["answers", "updated_at", "has_personal_data"])
    privacy.flag_texts(response.pk, q, response.answers, fresh=True)
    return response
