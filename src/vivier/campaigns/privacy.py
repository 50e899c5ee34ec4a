"""Personal data as the GDPR asks: retention and purge, one person's data found, exported and
erased, free-text answers holding a contact flagged for review and redacted.

The staff pages (``views_privacy``) and the command line (``vivier purge``, ``vivier
personal-data …``) call these functions; each action writes an audit line (an ``AuditEntry``
row and a record on the ``vivier.audit`` logger) that names who did what and when, never the
data itself: a person is named in it by a keyed hash of the address or number searched, so
the log can show that a request was handled without keeping what was erased.

What erasing a person does (the decision, also in the README):

- their contact details (``ResponseContact`` rows) are deleted and the responses' personal-data
  flag cleared;
- their drafts (never submitted) are deleted whole: they count in no figure;
- their submitted answers are kept, anonymous, for the statistics, with every e-mail address
  and telephone number found in their free-text answers replaced by a note saying it was
  erased;
- where another respondent's free text mentions the address or number searched, that mention
  is replaced the same way (only that one);
- on SQLite, freed space is zeroed (``secure_delete``) and the write-ahead log is copied into
  the database and emptied (``wal_checkpoint(TRUNCATE)``), so the bytes are gone from both
  files; the analysis snapshots of the campaigns whose answers changed are dropped (contacts
  never reach them: they are built from the answers only).

Finding a person reads every contact row and compares normalised values (e-mail in lower case,
telephone numbers in E.164: "06 12 34 56 78" is "+33612345678"); mentions in free texts are
looked for in the flagged answers.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Count, Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.crypto import salted_hmac

from vivier.problems import ProblemCode, ProblemError, problem
from vivier.surveys.flow import is_empty
from vivier.surveys.schema import Questionnaire, QuestionType
from vivier.text import contacts

from .models import (
    AuditEntry,
    Campaign,
    QuestionnaireVersion,
    Response,
    ResponseContact,
    TextFlag,
)

AUDIT_LOG = logging.getLogger("vivier.audit")

#: Sent (``campaign=``) after submitted answers of a campaign were changed in place (a text
#: redacted): the reports drop their snapshot, which an append-only refresh would never fix.
answers_rewritten = Signal()

_TEXT_TYPES = frozenset({QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT})

# -- Messages ------------------------------------------------------------------------------


class PrivacyError(ProblemError):
    """A problem to tell whoever asked, in their language: a ``PD_*`` code of the catalogue
    (:class:`~vivier.problems.ProblemCode`); ``code`` is stable."""

    def __init__(self, code: ProblemCode, /, **params: Any) -> None:
        super().__init__(problem(code, **params))

    def describe(self, lang: str = "fr") -> str:
        return self.message(lang)


# -- Audit ---------------------------------------------------------------------------------


def command_line_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def subject(identifiers: Iterable[str]) -> str:
    """How the audit names a person: a keyed hash of the normalised identifiers searched."""
    text = "|".join(sorted(identifiers))
    return (
        "personne:" + salted_hmac("vivier.audit-subject", text, algorithm="sha256").hexdigest()[:20]
    )


def audit(actor: str, action: str, target: str = "", **detail: Any) -> AuditEntry:
    """Records an action: an ``AuditEntry`` row, and a log line once it is committed."""
    entry = AuditEntry.objects.create(actor=actor, action=action, target=target, detail=detail)
    line = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)
    transaction.on_commit(
        lambda: AUDIT_LOG.info(
            "%s actor=%s action=%s target=%s detail=%s",
            entry.at.isoformat(timespec="seconds"),
            actor,
            action,
            target,
            line,
        )
    )
    return entry


# -- SQLite: leave no bytes behind ---------------------------------------------------------


def checkpoint_wal(*, deferred: bool = False) -> bool:
    """On SQLite, copies the write-ahead log into the database and empties it.

    True when done (always on other databases). Inside a transaction it runs at commit, once:
    a checkpoint cannot copy what is not committed.
    """
    if connection.vendor != "sqlite":
        return True
    if connection.in_atomic_block:
        if not deferred:
            transaction.on_commit(lambda: checkpoint_wal(deferred=True))
        return False
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        busy, _frames, _copied = cursor.fetchone()
    return not busy


@contextlib.contextmanager
def scrubbing() -> Iterator[None]:
    """Deletions and rewrites inside are zeroed on disk (SQLite ``secure_delete``), and the
    write-ahead log is checkpointed and emptied afterwards.

    ``secure_delete`` makes SQLite overwrite the freed content of b-tree pages and freed pages
    with zeros; without it a deleted row's bytes stay in the file until the page is reused.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        before = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA secure_delete = {before}")
    checkpoint_wal()


# -- Free texts ----------------------------------------------------------------------------


def text_keys(q: Questionnaire) -> list[str]:
    """The answer keys that hold free text (text questions and "other, specify" fields)."""
    keys: list[str] = []
    for question in q.questions():
        if question.personal_data or not question.answerable:
            continue
        if question.type in _TEXT_TYPES:
            keys.append(question.name)
        if question.other:
            keys.append(question.other_name)
    return keys


def found_kinds(q: Questionnaire, answers: dict[str, Any]) -> dict[str, str]:
    """The free-text answers holding a contact: answer key -> kinds ("email,phone")."""
    found: dict[str, str] = {}
    for key in text_keys(q):
        value = answers.get(key)
        if isinstance(value, str) and value:
            kinds = contacts.kinds(value)
            if kinds:
                found[key] = ",".join(kinds)
    return found


def flag_texts(
    response_id: int, q: Questionnaire, answers: dict[str, Any], *, fresh: bool = False
) -> int:
    """Flags the free-text answers of one response that hold an e-mail or a telephone number.

    ``fresh``: the response was just submitted and has no flag yet (spares a query for the
    many responses without any). Returns how many answers are flagged.
    """
    found = found_kinds(q, answers)
    if not fresh:
        TextFlag.objects.filter(response_id=response_id).exclude(question__in=found).delete()
    for key, kinds in found.items():
        if fresh:
            TextFlag.objects.create(response_id=response_id, question=key, kinds=kinds)
        else:
            TextFlag.objects.update_or_create(
                response_id=response_id, question=key, defaults={"kinds": kinds}
            )
    return len(found)


def scan(campaign: Campaign | None = None, *, actor: str) -> tuple[int, int]:
    """Flags the free texts of every submitted response (of one campaign, or all).

    For responses submitted before flagging existed, or imported by another route. Returns
    (responses read, answers flagged).
    """
    rows = Response.objects.filter(status=Response.Status.SUBMITTED)
    if campaign is not None:
        rows = rows.filter(campaign=campaign)
    versions: dict[int, Questionnaire] = {}
    read = flagged = 0
    with transaction.atomic():
        for pk, version_id, answers in rows.values_list("pk", "version_id", "answers").iterator(
            chunk_size=2000
        ):
            q = versions.get(version_id)
            if q is None:
                q = QuestionnaireVersion.objects.get(pk=version_id).questionnaire()
                versions[version_id] = q
            flagged += flag_texts(pk, q, answers)
            read += 1
    audit(
        actor,
        "personal-data.scan",
        campaign.slug if campaign else "*",
        responses=read,
        flagged=flagged,
    )
    return read, flagged


@dataclass
class FlaggedText:
    flag: TextFlag
    response: Response
    text: str

    @property
    def masked(self) -> str:
        return contacts.mask(self.text)


def flagged_texts(campaign: Campaign, *, include_reviewed: bool = True) -> list[FlaggedText]:
    flags = TextFlag.objects.filter(response__campaign=campaign).select_related("response")
    if not include_reviewed:
        flags = flags.filter(reviewed_at__isnull=True)
    items = []
    for flag in flags.order_by("reviewed_at", "response__submitted_at", "response_id", "question"):
        text = flag.response.answers.get(flag.question)
        items.append(FlaggedText(flag, flag.response, text if isinstance(text, str) else ""))
    return items


def _flag(campaign: Campaign, key: str, question: str) -> TextFlag:
    flag = (
        TextFlag.objects.select_related("response", "response__version")
        .filter(response__campaign=campaign, response__key=key, question=question)
        .first()
    )
    if flag is None:
        raise PrivacyError(
            ProblemCode.PD_NO_SUCH_TEXT, campaign=campaign.slug, key=key, question=question
        )
    return flag


def _rewrite_text(response: Response, key: str, *, only: frozenset[str] | None = None) -> int:
    """Redacts the contacts of one answer in place (the caller saves). Returns how many."""
    value = response.answers.get(key)
    if not isinstance(value, str):
        return 0
    text, count = contacts.redact(value, only=only)
    if count:
        response.answers = {**response.answers, key: text}
    return count


def redact_text(campaign: Campaign, key: str, question: str, *, actor: str) -> int:
    """Replaces every contact in one flagged answer by a note; returns how many."""
    flag = _flag(campaign, key, question)
    response = flag.response
    with scrubbing(), transaction.atomic():
        count = _rewrite_text(response, question)
        Response.objects.filter(pk=response.pk).update(answers=response.answers)
        flag_texts(response.pk, response.version.questionnaire(), response.answers)
        if count and response.is_submitted:
            transaction.on_commit(lambda: answers_rewritten.send(Campaign, campaign=campaign))
        audit(
            actor,
            "personal-data.redact-text",
            f"{campaign.slug}/{key}",
            question=question,
            replaced=count,
        )
    return count


def keep_text(campaign: Campaign, key: str, question: str, *, actor: str) -> None:
    """Marks a flagged answer as reviewed and kept (a service's public number, say)."""
    flag = _flag(campaign, key, question)
    flag.reviewed_at = timezone.now()
    flag.reviewed_by = actor
    flag.save(update_fields=["reviewed_at", "reviewed_by"])
    audit(actor, "personal-data.keep-text", f"{campaign.slug}/{key}", question=question)


# -- Retention and purge -------------------------------------------------------------------


@dataclass(frozen=True)
class Retention:
    """Days kept; None: no limit on that clock. Contacts go at the first limit reached."""

    contacts_after_submission: int | None
    contacts_after_close: int | None
    drafts: int | None


def _days(name: str, default: str) -> int | None:
    raw = getattr(settings, name, default)
    if raw is None:
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    else:
        text = str(raw).strip().lower()
        if text in {"", "off", "none", "no"}:
            return None
        try:
            value = int(text)
        except ValueError:
            raise PrivacyError(ProblemCode.PD_RETENTION_INVALID, name=name, value=raw) from None
    if value < 0:
        raise PrivacyError(ProblemCode.PD_RETENTION_INVALID, name=name, value=raw)
    return value


def retention() -> Retention:
    return Retention(
        contacts_after_submission=_days("VIVIER_CONTACT_RETENTION_DAYS", "365"),
        contacts_after_close=_days("VIVIER_CONTACT_RETENTION_AFTER_CLOSE_DAYS", "90"),
        drafts=_days("VIVIER_DRAFT_RETENTION_DAYS", "30"),
    )


def _expired_contacts(rules: Retention, now: datetime) -> models.QuerySet[ResponseContact]:
    submitted = Q(response__status=Response.Status.SUBMITTED)
    limits = Q(pk__in=[])
    if rules.contacts_after_submission is not None:
        limit = now - timedelta(days=rules.contacts_after_submission)
        limits |= Q(response__submitted_at__lt=limit)
    if rules.contacts_after_close is not None:
        limit = now - timedelta(days=rules.contacts_after_close)
        limits |= Q(response__campaign__closes_at__lt=limit)
    return ResponseContact.objects.filter(submitted & limits)


def _abandoned_drafts(rules: Retention, now: datetime) -> models.QuerySet[Response]:
    if rules.drafts is None:
        return Response.objects.none()
    drafts = Response.objects.filter(
        status=Response.Status.DRAFT, updated_at__lt=now - timedelta(days=rules.drafts)
    )
    # A row another table protects (a practice sheet's source) is never a draft in practice;
    # skipping it keeps the purge from failing if one ever is.
    for relation in Response._meta.related_objects:
        if relation.on_delete is models.PROTECT:
            drafts = drafts.filter(**{f"{relation.name}__isnull": True})
    return drafts


@dataclass
class PurgeLine:
    slug: str
    title: str
    contacts: int = 0
    drafts: int = 0


@dataclass
class PurgeReport:
    """What is due (or was done): per campaign, contacts and abandoned drafts."""

    rules: Retention
    at: datetime
    lines: list[PurgeLine] = field(default_factory=list)
    done: bool = False

    @property
    def contacts(self) -> int:
        return sum(line.contacts for line in self.lines)

    @property
    def drafts(self) -> int:
        return sum(line.drafts for line in self.lines)

    def text(self) -> str:
        """What the command line prints."""
        verb = "deleted" if self.done else "due for deletion"
        out = [
            "retention: contacts "
            + _rule(self.rules.contacts_after_submission, "after submission")
            + ", "
            + _rule(self.rules.contacts_after_close, "after the campaign closes")
            + "; drafts "
            + _rule(self.rules.drafts, "without a change"),
        ]
        for line in self.lines:
            out.append(
                f"  {line.slug}: {line.contacts} contact(s), {line.drafts} abandoned draft(s)"
            )
        out.append(f"{self.contacts} contact(s) and {self.drafts} abandoned draft(s) {verb}")
        return "\n".join(out)


def _rule(days: int | None, what: str) -> str:
    return "kept without limit " + what if days is None else f"{days} day(s) {what}"


def purge_plan(now: datetime | None = None) -> PurgeReport:
    """What a purge would delete now, per campaign."""
    rules = retention()
    now = now or timezone.now()
    report = PurgeReport(rules, now)
    lines: dict[str, PurgeLine] = {}
    titles = dict(Campaign.objects.values_list("slug", "title"))
    for slug, count in (
        _expired_contacts(rules, now)
        .values_list("response__campaign__slug")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        lines.setdefault(slug, PurgeLine(slug, titles.get(slug, slug))).contacts = count
    for slug, count in (
        _abandoned_drafts(rules, now)
        .values_list("campaign__slug")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        lines.setdefault(slug, PurgeLine(slug, titles.get(slug, slug))).drafts = count
    report.lines = [lines[slug] for slug in sorted(lines)]
    return report


def purge(*, actor: str, dry_run: bool = False, now: datetime | None = None) -> PurgeReport:
    """Deletes the expired contacts and the abandoned drafts (or says what it would)."""
    now = now or timezone.now()
    if dry_run:
        return purge_plan(now)
    with scrubbing():
        with transaction.atomic():
            report = purge_plan(now)
            rules = report.rules
            expired = _expired_contacts(rules, now)
            ids = list(expired.values_list("response_id", flat=True))
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                ResponseContact.objects.filter(response_id__in=chunk).delete()
                Response.objects.filter(pk__in=chunk).update(has_personal_data=False)
            _abandoned_drafts(rules, now).delete()
            # Inside the transaction: the audit line and the deletion are one, and the
            # checkpoint that follows leaves the write-ahead log empty.
            audit(
                actor,
                "personal-data.purge",
                "*",
                contacts=report.contacts,
                drafts=report.drafts,
                campaigns={line.slug: [line.contacts, line.drafts] for line in report.lines},
            )
        report.done = True
    return report


# -- One person ----------------------------------------------------------------------------


def parse_identifiers(queries: Iterable[str]) -> frozenset[str]:
    """The normalised e-mails and numbers a person is looked for by; PrivacyError if one is
    neither. A field may hold several, separated by ";", "," or a line break."""
    values: set[str] = set()
    for query in queries:
        for part in query.replace(";", "\n").replace(",", "\n").splitlines():
            part = part.strip()
            if not part:
                continue
            parsed = contacts.normalize(part)
            if parsed is None:
                raise PrivacyError(ProblemCode.PD_NOT_A_CONTACT, query=part[:80])
            values.add(parsed[1])
    if not values:
        raise PrivacyError(ProblemCode.PD_EMPTY)
    return frozenset(values)


def contact_values(data: Any) -> set[str]:
    """The normalised e-mails and numbers among a contact row's values."""
    found: set[str] = set()
    for text in _strings(data):
        parsed = contacts.normalize(text)
        if parsed is not None:
            found.add(parsed[1])
        else:
            found.update(f.value for f in contacts.find_contacts(text))
    return found


@dataclass
class Mention:
    response: Response
    question: str
    text: str


@dataclass
class Person:
    identifiers: frozenset[str]
    #: Responses whose contact details hold one of the identifiers: the person's own.
    responses: list[Response]
    #: Free-text answers of other responses that mention one of the identifiers.
    mentions: list[Mention]

    @property
    def subject(self) -> str:
        return subject(self.identifiers)

    @property
    def campaigns(self) -> list[str]:
        slugs = {r.campaign.slug for r in self.responses}
        slugs.update(m.response.campaign.slug for m in self.mentions)
        return sorted(slugs)

    @property
    def empty(self) -> bool:
        return not self.responses and not self.mentions


_NOT_DIGITS = re.compile(r"\D")


def _strings(data: Any) -> Iterator[str]:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and item:
            yield item


def _may_hold(data: Any, emails: list[str], tails: list[str]) -> bool:
    """A cheap test every matching row passes: the address in its lower-cased text, or the
    number's last eight digits among its digits. Only rows that pass are parsed fully."""
    for text in _strings(data):
        lowered = text.lower()
        if any(email in lowered for email in emails):
            return True
        if tails:
            digits = _NOT_DIGITS.sub("", text)
            if any(tail in digits for tail in tails):
                return True
    return False


def _find(identifiers: frozenset[str]) -> Person:
    own: list[int] = []
    emails = [value for value in identifiers if "@" in value]
    tails = [value[-8:] for value in identifiers if "@" not in value]
    rows = ResponseContact.objects.values_list("response_id", "data").order_by("response_id")
    for response_id, data in rows.iterator(chunk_size=2000):
        if _may_hold(data, emails, tails) and contact_values(data) & identifiers:
            own.append(response_id)
    responses = list(
        Response.objects.filter(pk__in=own)
        .select_related("campaign", "version", "contact")
        .order_by("campaign__slug", "created_at", "pk")
    )
    mentions: list[Mention] = []
    flags = (
        TextFlag.objects.exclude(response_id__in=own)
        .select_related("response", "response__campaign", "response__version")
        .order_by("response__campaign__slug", "response_id", "question")
    )
    for flag in flags:
        text = flag.response.answers.get(flag.question)
        if isinstance(text, str) and {f.value for f in contacts.find_contacts(text)} & identifiers:
            mentions.append(Mention(flag.response, flag.question, text))
    return Person(identifiers, responses, mentions)


def find_person(queries: Iterable[str], *, actor: str) -> Person:
    person = _find(parse_identifiers(queries))
    audit(
        actor,
        "personal-data.find",
        person.subject,
        responses=len(person.responses),
        mentions=len(person.mentions),
        campaigns=person.campaigns,
    )
    return person


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _readable(q: Questionnaire, answers: dict[str, Any]) -> list[dict[str, Any]]:
    from .views_respondent import display_answer

    rows = []
    for question in q.questions():
        if not question.answerable or is_empty(answers.get(question.name)):
            continue
        rows.append(
            {
                "question": question.name,
                "label": question.label,
                "answer": display_answer(question, answers),
            }
        )
    return rows


def person_document(person: Person) -> dict[str, Any]:
    """Everything held about the person, as the JSON export gives it to them."""
    responses = []
    for response in person.responses:
        q = response.version.questionnaire()
        answers = response.all_answers()
        contact = getattr(response, "contact", None) if response.has_personal_data else None
        responses.append(
            {
                "campaign": {"slug": response.campaign.slug, "title": response.campaign.title},
                "id": response.key,
                "status": response.status,
                "mode": response.mode,
                "channel": response.channel,
                "questionnaire": f"{response.version.slug} v{response.version.version}",
                "created_at": _iso(response.created_at),
                "updated_at": _iso(response.updated_at),
                "submitted_at": _iso(response.submitted_at),
                "contact": dict(contact.data) if contact is not None else {},
                "answers": answers,
                "readable": _readable(q, answers),
            }
        )
    return {
        "format": "vivier-personal-data/1",
        "exported_at": timezone.now().isoformat(),
        "identifiers": sorted(person.identifiers),
        "responses": responses,
        "mentions": [
            {
                "campaign": {
                    "slug": m.response.campaign.slug,
                    "title": m.response.campaign.title,
                },
                "id": m.response.key,
                "question": m.question,
                "text": m.text,
            }
            for m in person.mentions
        ],
    }


def export_person(queries: Iterable[str], *, actor: str) -> tuple[Person, str]:
    """The person's data as JSON text (UTF-8, indented)."""
    person = _find(parse_identifiers(queries))
    document = person_document(person)
    audit(
        actor,
        "personal-data.export",
        person.subject,
        responses=len(person.responses),
        mentions=len(person.mentions),
        campaigns=person.campaigns,
    )
    return person, json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@dataclass
class Erasure:
    contacts: int = 0
    drafts: int = 0
    texts: int = 0
    campaigns: list[str] = field(default_factory=list)
    checkpointed: bool = True

    def text(self) -> str:
        return (
            f"{self.contacts} contact record(s) deleted, {self.drafts} draft(s) deleted, "
            f"{self.texts} e-mail address(es) or number(s) redacted in free texts"
        )


def _erase(person: Person) -> tuple[Erasure, set[int]]:
    result = Erasure(campaigns=person.campaigns)
    rewritten: set[int] = set()
    drafts = [r.pk for r in person.responses if not r.is_submitted]
    submitted = [r for r in person.responses if r.is_submitted]
    result.contacts = ResponseContact.objects.filter(
        response__in=[r.pk for r in person.responses]
    ).delete()[0]
    result.drafts = Response.objects.filter(pk__in=drafts).delete()[1].get("campaigns.Response", 0)
    for response in submitted:
        q = response.version.questionnaire()
        count = sum(_rewrite_text(response, key) for key in text_keys(q))
        Response.objects.filter(pk=response.pk).update(
            answers=response.answers, has_personal_data=False
        )
        flag_texts(response.pk, q, response.answers)
        if count:
            rewritten.add(response.campaign_id)
        result.texts += count
    by_response: dict[int, list[Mention]] = {}
    for mention in person.mentions:
        by_response.setdefault(mention.response.pk, []).append(mention)
    for mentions in by_response.values():
        response = mentions[0].response
        count = sum(_rewrite_text(response, m.question, only=person.identifiers) for m in mentions)
        Response.objects.filter(pk=response.pk).update(answers=response.answers)
        flag_texts(response.pk, response.version.questionnaire(), response.answers)
        if count and response.is_submitted:
            rewritten.add(response.campaign_id)
        result.texts += count
    return result, rewritten


def _announce(campaign_ids: set[int]) -> None:
    for campaign in Campaign.objects.filter(pk__in=campaign_ids):
        answers_rewritten.send(Campaign, campaign=campaign)


def erase_person(queries: Iterable[str], *, actor: str) -> Erasure:
    """Erases the person's data everywhere (see the module's docstring for what stays)."""
    identifiers = parse_identifiers(queries)
    with scrubbing():
        with transaction.atomic():
            person = _find(identifiers)
            result, rewritten = _erase(person)
            audit(
                actor,
                "personal-data.erase",
                subject(identifiers),
                contacts=result.contacts,
                drafts=result.drafts,
                texts=result.texts,
                campaigns=result.campaigns,
            )
        _announce(rewritten)
    result.checkpointed = checkpoint_wal()
    return result


def erase_campaign_contacts(
    campaign: Campaign, keys: Iterable[str] | None = None, *, actor: str
) -> Erasure:
    """``vivier erase-personal-data``: the contact details of a campaign's responses (or of
    the responses named), and the contacts found in their free texts; answers are kept."""
    responses = Response.objects.filter(campaign=campaign)
    if keys is not None:
        responses = responses.filter(key__in=list(keys))
    result = Erasure(campaigns=[campaign.slug])
    rewritten: set[int] = set()
    with scrubbing():
        with transaction.atomic():
            ids = list(responses.values_list("pk", flat=True))
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                result.contacts += ResponseContact.objects.filter(response_id__in=chunk).delete()[0]
                Response.objects.filter(pk__in=chunk, has_personal_data=True).update(
                    has_personal_data=False
                )
            flagged = TextFlag.objects.filter(response__in=responses.values("pk")).values_list(
                "response_id"
            )
            for response_id in sorted({row[0] for row in flagged}):
                response = Response.objects.select_related("version").get(pk=response_id)
                q = response.version.questionnaire()
                count = sum(_rewrite_text(response, key) for key in text_keys(q))
                Response.objects.filter(pk=response.pk).update(answers=response.answers)
                flag_texts(response.pk, q, response.answers)
                if count and response.is_submitted:
                    rewritten.add(campaign.pk)
                result.texts += count
            audit(
                actor,
                "personal-data.erase-campaign",
                campaign.slug,
                responses=len(ids),
                contacts=result.contacts,
                texts=result.texts,
            )
        _announce(rewritten)
    result.checkpointed = checkpoint_wal()
    return result
