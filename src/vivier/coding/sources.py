"""The texts to code of a campaign, kept in step with where they come from.

- **Free-text answers**: one :class:`Source` per non-empty free text (text questions and
  "Autre (précisez)" texts, :func:`vivier.campaigns.privacy.text_keys`) of every submitted
  response, and one :class:`Case` per submitted response holding its closed answers as
  labels, so that codes can be crossed with the profile, the structure, the département…
  :func:`refresh` makes them match the answers, in chunks of responses with a few bulk
  queries each: it adds what is new, rewrites what changed and removes what went. A changed
  text (a contact redacted) carries its codings along (:func:`vivier.qualitative.spans.
  reanchor`); the codings whose words are gone are removed and counted.
- **Notes** of interviews and hearings, typed or imported from a .txt, .docx or .odt
  (:mod:`vivier.qualitative.documents`), and **documents** of a practice: the sheet's own
  narrative text, or a file attached to it. Their text may be corrected (:func:`edit_text`),
  with the same carrying of codings.

Sources follow the answers without anyone asking (:mod:`vivier.coding.apps`): a response
saved as submitted with its answers (imports, the demo) is synced when its transaction
commits; a redaction or an erasure that rewrote answers (``answers_rewritten``) syncs the
campaign; a deleted response takes its sources with it (``CASCADE``). A web submission
changes its row with one conditional UPDATE and sends no signal: :func:`catch_up` finds the
submitted responses that have no case yet with one query, and the pages of the sources call
it before they count.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from vivier import audit
from vivier.campaigns.models import Campaign, QuestionnaireVersion, Response
from vivier.campaigns.privacy import text_keys
from vivier.practices.models import Practice
from vivier.problems import Location, ProblemCode
from vivier.qualitative import documents, spans
from vivier.surveys.flow import is_empty
from vivier.surveys.schema import OTHER_SUFFIX, Questionnaire, QuestionType
from vivier.territories import departement_name, region_of
from vivier.territories.departements import is_departement_code, region_name
from vivier.text.controls import strip_controls

from .models import Case, Coding, PiiFlag, Quote, Source

LOG = logging.getLogger(__name__)

#: Responses handled per round of bulk queries.
CHUNK = 1000
#: ``Source.name`` and ``Case.name`` hold 200 characters.
NAME_LENGTH = 200

NoteRefused = documents.NoteRefused

#: The kinds a note-like source may be (``Source.Kind``'s values).
NOTE = "note"
DOCUMENT = "document"

_ATTRIBUTE_TYPES = frozenset(
    {
        QuestionType.SINGLE_CHOICE,
        QuestionType.MULTIPLE_CHOICE,
        QuestionType.YES_NO,
        QuestionType.RATING,
        QuestionType.RANKING,
        QuestionType.DEPARTEMENT,
    }
)


# -- What a questionnaire says about its free texts and closed answers -----------------------


@dataclass(frozen=True, slots=True)
class FreeText:
    """One answer key holding free text: ``q15``, or ``q17_other`` for an "Autre" text."""

    key: str
    #: "Q15", "Q17 autre": how the sources of this key are named.
    short: str
    label: str
    other: bool


def free_texts(q: Questionnaire) -> list[FreeText]:
    """The free-text keys of ``q``, in questionnaire order, with their names."""
    questions = q.question_map()
    found = []
    for key in text_keys(q):
        other = key.endswith(OTHER_SUFFIX) and key not in questions
        question = questions[key.removesuffix(OTHER_SUFFIX) if other else key]
        short = f"Q{question.number}" if question.number is not None else question.name
        if other:
            found.append(FreeText(key, f"{short} autre", question.label, True))
        else:
            found.append(FreeText(key, short, question.label, False))
    return found


def attributes(q: Questionnaire, answers: dict[str, Any]) -> dict[str, str]:
    """The closed answers of a response as labels, by question name (a case's attributes).

    A multiple choice gives its labels joined by " ; "; a département its usual label
    ("07 - Ardèche") and its région under ``<name>_region``, so codes can be crossed with
    both. Rating grids (one rating per row) are left out: they are no single attribute.
    """
    found: dict[str, str] = {}
    for question in q.questions():
        if question.personal_data or question.type not in _ATTRIBUTE_TYPES:
            continue
        value = answers.get(question.name)
        if is_empty(value):
            continue
        if question.type is QuestionType.DEPARTEMENT:
            if isinstance(value, str) and is_departement_code(value):
                found[question.name] = f"{value} - {departement_name(value)}"
                found[f"{question.name}_region"] = region_name(region_of(value))
        elif question.type is QuestionType.RATING:
            if question.scale is not None and not question.scale.rows and isinstance(value, int):
                found[question.name] = question.scale.labels.get(value, str(value))
        elif isinstance(value, list):
            found[question.name] = " ; ".join(question.choice_label(str(v)) for v in value)
        else:
            found[question.name] = question.choice_label(str(value))
    return found


def answer_name(key: str, text: FreeText) -> str:
    """``Réponse hcts-0042 · Q15`` (stored: exports and the REFI-QDA project name it so)."""
    return f"Réponse {key} · {text.short}"[:NAME_LENGTH]


def case_name(key: str) -> str:
    return f"Réponse {key}"[:NAME_LENGTH]


# -- Carrying codings through an edit of their text ------------------------------------------


@dataclass
class Carried:
    """What became of a source's codings and flags when its text changed."""

    #: Codings found again (at the same or another place).
    kept: int = 0
    #: Codings whose words are gone: removed.
    lost: int = 0
    #: Personal-data flags whose words are gone (the pass reads the text again).
    flags_dropped: int = 0


def carry_codings(source_id: int, old: str, new: str) -> Carried:
    """Moves the span codings of a source from ``old`` to ``new``; removes those lost.

    A coding whose words changed (found by its ends, its inside edited) keeps its place but
    its quotes go back to review: their pseudonymised text was made from the old words.
    Removed codings take their memos and quotes with them: a quote of words no longer in
    the text (a redacted contact) must not survive.
    """
    result = Carried()
    kept: list[Coding] = []
    lost: list[int] = []
    reworded: list[int] = []
    for coding in Coding.objects.filter(source_id=source_id, start__isnull=False):
        assert coding.start is not None and coding.end is not None
        found = spans.reanchor(
            old, new, coding.start, coding.end, coding.exact, coding.prefix, coding.suffix
        )
        if found is None:
            lost.append(coding.pk)
            continue
        exact, prefix, suffix = spans.selector(new, *found)
        if coding.exact and exact != coding.exact:
            reworded.append(coding.pk)
        coding.start, coding.end = found
        coding.exact, coding.prefix, coding.suffix = exact, prefix, suffix
        kept.append(coding)
    if lost:
        Coding.objects.filter(pk__in=lost).delete()
    if kept:
        Coding.objects.bulk_update(kept, ["start", "end", "exact", "prefix", "suffix"])
    if reworded:
        Quote.objects.filter(coding_id__in=reworded).update(
            reviewed=False, reviewed_by=None, reviewed_at=None
        )
    result.kept, result.lost = len(kept), len(lost)
    result.flags_dropped = _carry_flags(source_id, old, new)
    return result


def _carry_flags(source_id: int, old: str, new: str) -> int:
    """Moves the personal-data flags with their words; drops those whose words changed."""
    flags = list(PiiFlag.objects.filter(source_id=source_id))
    if not flags:
        return 0
    blocks = spans.unchanged_blocks(old, new)
    moved, dropped = [], []
    for flag in flags:
        found = spans.carry_through(blocks, flag.start, flag.end)
        if found is None:
            dropped.append(flag.pk)
        else:
            flag.start, flag.end = found
            moved.append(flag)
    PiiFlag.objects.filter(pk__in=dropped).delete()
    PiiFlag.objects.bulk_update(moved, ["start", "end"])
    # Still holding personal data if a flag nobody dismissed is left; the pass reads the
    # new text again either way (``pii_checked_at`` is cleared by the caller).
    holding = any(f.status != PiiFlag.Status.DISMISSED for f in moved)
    Source.objects.filter(pk=source_id).update(personal_data=holding)
    return len(dropped)


# -- Free-text answers -----------------------------------------------------------------------


@dataclass
class SyncReport:
    """What :func:`refresh` did."""

    responses: int = 0
    cases_added: int = 0
    cases_changed: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    codings_kept: int = 0
    #: Codings removed with their words (a changed text) or with their source (a text gone).
    codings_lost: int = 0

    @property
    def touched(self) -> int:
        return self.added + self.changed + self.removed + self.cases_added + self.cases_changed

    def add(self, other: SyncReport) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


class _Versions:
    """Each questionnaire version's free texts, read once per sync."""

    def __init__(self) -> None:
        self._cache: dict[int, tuple[Questionnaire, list[FreeText]]] = {}

    def __getitem__(self, version_id: int) -> tuple[Questionnaire, list[FreeText]]:
        found = self._cache.get(version_id)
        if found is None:
            q = QuestionnaireVersion.objects.get(pk=version_id).questionnaire()
            found = self._cache[version_id] = (q, free_texts(q))
        return found


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for at in range(0, len(ids), CHUNK):
        yield ids[at : at + CHUNK]


def refresh(
    campaign: Campaign, response_ids: Iterable[int] | None = None, *, audited: bool = True
) -> SyncReport:
    """Makes the answer sources and cases of ``campaign`` match its submitted responses (all
    of them, or those of ``response_ids``); idempotent. Writes an audit line when something
    changed, unless ``audited`` is false (the action that rewrote the answers, a redaction
    or an erasure, has its own line: one sensitive action, one line)."""
    submitted = Response.objects.filter(campaign=campaign, status=Response.Status.SUBMITTED)
    if response_ids is None:
        ids = list(submitted.order_by("pk").values_list("pk", flat=True))
    else:
        wanted = sorted(set(response_ids))
        ids = []
        for chunk in _chunks(wanted):
            ids += submitted.filter(pk__in=chunk).values_list("pk", flat=True)
    report = SyncReport()
    versions = _Versions()
    for chunk in _chunks(ids):
        with transaction.atomic():
            report.add(_sync_chunk(campaign, chunk, versions))
    if response_ids is None:
        report.add(_remove_unsubmitted(campaign))
    if report.added or report.changed:
        # Bulk writes send no post_save: the personal-data pass is queued for the new or
        # changed texts, in the background (a submission never waits for the model).
        from . import pii

        pii.scan_later([campaign])
    if report.touched and audited:
        audit.record(
            None,
            "coding.sources-sync",
            campaign,
            responses=report.responses,
            added=report.added,
            changed=report.changed,
            removed=report.removed,
            codings_kept=report.codings_kept,
            codings_lost=report.codings_lost,
        )
    return report


def sync_answers(campaign: Campaign) -> int:
    """:func:`refresh` of every submitted response; the number of sources added or changed."""
    report = refresh(campaign)
    return report.added + report.changed


def catch_up(campaign: Campaign) -> SyncReport:
    """Syncs the submitted responses that have no case yet (web submissions send no
    signal): one query when there is none."""
    missing = list(
        Response.objects.filter(
            campaign=campaign, status=Response.Status.SUBMITTED, coding_case__isnull=True
        ).values_list("pk", flat=True)
    )
    return refresh(campaign, missing) if missing else SyncReport()


def _sync_chunk(campaign: Campaign, ids: Sequence[int], versions: _Versions) -> SyncReport:
    report = SyncReport()
    rows = list(
        Response.objects.filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", "key", "version_id", "answers")
    )
    report.responses = len(rows)
    wanted: dict[tuple[int, str], tuple[str, str]] = {}
    case_attributes: dict[int, tuple[str, dict[str, str]]] = {}
    for pk, key, version_id, answers in rows:
        q, texts = versions[version_id]
        answers = answers if isinstance(answers, dict) else {}
        case_attributes[pk] = (key, attributes(q, answers))
        for text in texts:
            value = answers.get(text.key)
            if isinstance(value, str) and value.strip():
                wanted[(pk, text.key)] = (answer_name(key, text), value)
    cases = _sync_cases(campaign, case_attributes, report)

    existing = {
        (response_id, question): (pk, name, text, case_id)
        for pk, response_id, question, name, text, case_id in Source.objects.filter(
            response_id__in=ids, kind=Source.Kind.ANSWER
        ).values_list("pk", "response_id", "question", "name", "text", "case_id")
    }
    now = timezone.now()
    new_sources = [
        Source(
            campaign=campaign,
            kind=Source.Kind.ANSWER,
            response_id=response_id,
            question=question,
            case_id=cases.get(response_id),
            name=name,
            text=text,
            created_at=now,
            updated_at=now,
        )
        for (response_id, question), (name, text) in wanted.items()
        if (response_id, question) not in existing
    ]
    # Two syncs of one response may meet (a page's catch-up and a commit's): the unique
    # (response, question) pair keeps one source, the other insert is skipped.
    Source.objects.bulk_create(new_sources, batch_size=500, ignore_conflicts=True)
    report.added = len(new_sources)

    renamed: list[Source] = []
    for pair, (pk, name, old_text, case_id) in existing.items():
        if pair not in wanted:
            continue
        new_name, new_text = wanted[pair]
        if new_text != old_text:
            carried = carry_codings(pk, old_text, new_text)
            report.codings_kept += carried.kept
            report.codings_lost += carried.lost
            Source.objects.filter(pk=pk).update(
                text=new_text, name=new_name, updated_at=now, pii_checked_at=None
            )
            report.changed += 1
        elif new_name != name or case_id != cases.get(pair[0]):
            renamed.append(Source(pk=pk, name=new_name, case_id=cases.get(pair[0])))
    Source.objects.bulk_update(renamed, ["name", "case"], batch_size=500)

    gone = [pk for pair, (pk, *_rest) in existing.items() if pair not in wanted]
    if gone:
        report.codings_lost += Coding.objects.filter(source_id__in=gone).count()
        report.removed = Source.objects.filter(pk__in=gone).delete()[1].get("coding.Source", 0)
    return report


def _sync_cases(
    campaign: Campaign, wanted: dict[int, tuple[str, dict[str, str]]], report: SyncReport
) -> dict[int, int]:
    """Creates or updates the case of each response; response id -> case id."""
    existing = {
        response_id: (pk, attributes)
        for response_id, pk, attributes in Case.objects.filter(
            response_id__in=list(wanted)
        ).values_list("response_id", "pk", "attributes")
    }
    missing = [
        Case(campaign=campaign, response_id=pk, name=case_name(key), attributes=values)
        for pk, (key, values) in wanted.items()
        if pk not in existing
    ]
    if missing:
        Case.objects.bulk_create(missing, batch_size=500, ignore_conflicts=True)
        report.cases_added = len(missing)
        existing.update(
            {
                response_id: (pk, attributes)
                for response_id, pk, attributes in Case.objects.filter(
                    response_id__in=[c.response_id for c in missing]
                ).values_list("response_id", "pk", "attributes")
            }
        )
    changed = [
        Case(pk=existing[pk][0], attributes=values)
        for pk, (_key, values) in wanted.items()
        if pk in existing and existing[pk][1] != values
    ]
    Case.objects.bulk_update(changed, ["attributes"], batch_size=500)
    report.cases_changed = len(changed)
    return {response_id: pk for response_id, (pk, _a) in existing.items()}


def _remove_unsubmitted(campaign: Campaign) -> SyncReport:
    """Answer sources of responses no longer submitted (none today: kept for safety)."""
    report = SyncReport()
    stale = Source.objects.filter(campaign=campaign, kind=Source.Kind.ANSWER).exclude(
        response__status=Response.Status.SUBMITTED
    )
    ids = list(stale.values_list("pk", flat=True))
    if ids:
        report.codings_lost = Coding.objects.filter(source_id__in=ids).count()
        report.removed = Source.objects.filter(pk__in=ids).delete()[1].get("coding.Source", 0)
    return report


# -- Keeping in step: receivers connected in ``CodingConfig.ready`` ---------------------------

_pending = threading.local()


def response_saved(
    sender: Any, instance: Response, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    """``post_save`` of a response: a submitted one saved with its answers is synced when its
    transaction commits. Every such save of a transaction is gathered and synced with the
    others in one :func:`refresh` per campaign (an import of thousands costs a few queries
    per thousand)."""
    if raw or instance.status != Response.Status.SUBMITTED or not instance.answers:
        return
    fields = kwargs.get("update_fields")
    if fields is not None and not {"answers", "status"} & set(fields):
        return
    queued: set[tuple[int, int]] | None = getattr(_pending, "queued", None)
    if queued is None:
        queued = _pending.queued = set()
    queued.add((instance.campaign_id, instance.pk))
    # One callback per save; the first to run takes the whole queue and the others find it
    # empty. A rolled-back save leaves its id queued: the next sync finds it not submitted,
    # or not there, and skips it.
    transaction.on_commit(flush_pending, robust=True)


def flush_pending() -> None:
    queued: set[tuple[int, int]] = getattr(_pending, "queued", None) or set()
    _pending.queued = set()
    by_campaign: dict[int, list[int]] = {}
    for campaign_id, response_id in queued:
        by_campaign.setdefault(campaign_id, []).append(response_id)
    for campaign in Campaign.objects.filter(pk__in=by_campaign):
        refresh(campaign, by_campaign[campaign.pk])


def answers_rewritten(sender: Any, campaign: Campaign, **kwargs: Any) -> None:
    """A redaction or an erasure rewrote answers of ``campaign``: the sources follow, so a
    redacted contact leaves the text to code too."""
    refresh(campaign, audited=False)


# -- Notes and documents ---------------------------------------------------------------------


def _title(title: str, fallback: str) -> str:
    cleaned = " ".join(strip_controls(title or "").split())
    return (cleaned or fallback)[:NAME_LENGTH]


def _subject(source: Source) -> audit.Subject:
    # A note's title may name the person interviewed: the trail names it by number.
    return audit.Subject(Source, str(source.pk), f"#{source.pk}")


def add_note(
    campaign: Campaign,
    *,
    title: str,
    text: str,
    user: Any,
    held_on: date | None = None,
    practice: Practice | None = None,
    origin: str = "",
    kind: str = NOTE,
) -> Source:
    """A typed note (or, with ``kind``, a document) of ``campaign``; :class:`NoteRefused`
    when its text is empty or too long."""
    cleaned = documents.clean(text, Location(field="text"))
    with transaction.atomic():
        source = Source.objects.create(
            campaign=campaign,
            kind=kind,
            name=_title(title, origin or "Note"),
            text=cleaned,
            origin=origin[:NAME_LENGTH],
            held_on=held_on,
            practice=practice,
            created_by=user if getattr(user, "pk", None) else None,
        )
        audit.record(
            None,
            "coding.note-create",
            _subject(source),
            campaign=campaign.slug,
            kind=kind,
            chars=len(cleaned),
        )
    return source


def import_note(
    campaign: Campaign,
    filename: str,
    data: bytes,
    *,
    user: Any,
    title: str = "",
    held_on: date | None = None,
    practice: Practice | None = None,
    kind: str = NOTE,
) -> Source:
    """A note read from a .txt, .docx or .odt file; all or nothing: :class:`NoteRefused`
    (its problem names the file) and nothing saved when the file is not read."""
    text = documents.read_note(filename, data)
    name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = name.rsplit(".", 1)[0]
    with transaction.atomic():
        source = Source.objects.create(
            campaign=campaign,
            kind=kind,
            name=_title(title, stem),
            text=text,
            origin=name[:NAME_LENGTH],
            held_on=held_on,
            practice=practice,
            created_by=user if getattr(user, "pk", None) else None,
        )
        audit.record(
            None,
            "coding.note-import",
            _subject(source),
            campaign=campaign.slug,
            kind=kind,
            file=name,
            format=documents.suffix_of(name),
            bytes=len(data),
            chars=len(text),
        )
    return source


def edit_text(
    source: Source,
    text: str,
    *,
    user: Any,
    title: str | None = None,
    held_on: date | None = None,
) -> Carried:
    """Corrects the text of a note or document; its codings follow their words, and those
    whose words are gone are removed (counted in the result). Answers are not edited here:
    their text is the respondent's (:class:`NoteRefused`, ``NOTE_NOT_EDITABLE``)."""
    if source.kind == Source.Kind.ANSWER:
        raise NoteRefused.of(ProblemCode.NOTE_NOT_EDITABLE, Location(field="text"))
    new = documents.clean(text, Location(field="text"))
    with transaction.atomic():
        locked = Source.objects.select_for_update().get(pk=source.pk)
        old = locked.text
        carried = carry_codings(locked.pk, old, new) if new != old else Carried()
        changes: dict[str, Any] = {"updated_at": timezone.now()}
        if new != old:
            changes.update(text=new, pii_checked_at=None)
        if title is not None:
            changes["name"] = _title(title, locked.name)
        changes["held_on"] = held_on if held_on is not None else locked.held_on
        Source.objects.filter(pk=locked.pk).update(**changes)
        if "text" in changes:
            from . import pii

            # The words changed: read them again once this commits (the pass is quick for
            # one note, and the note is masked by the rules meanwhile).
            transaction.on_commit(lambda: pii.scan_sources([locked.pk]), robust=True)
        audit.record(
            None,
            "coding.note-edit",
            _subject(locked),
            campaign=source.campaign.slug,
            chars_before=len(old),
            chars_after=len(new),
            codings_kept=carried.kept,
            codings_lost=carried.lost,
        )
    source.refresh_from_db()
    return carried


def sheet_origin(practice: Practice) -> str:
    """The ``origin`` of the source holding a sheet's own text (one per practice)."""
    return f"fiche {practice.code or practice.slug}"[:NAME_LENGTH]


def add_document(
    campaign: Campaign,
    practice: Practice,
    *,
    user: Any,
    filename: str = "",
    data: bytes | None = None,
    title: str = "",
) -> Source:
    """A document of ``practice`` to code in ``campaign``.

    With a file (a .txt, .docx or .odt the practice gave: an activity report, a project
    description), its text, as :func:`import_note` reads it. Without, the sheet's own
    narrative text (:func:`vivier.qualitative.documents.sheet_text`): the registry keeps
    sheets, not the files they were imported from. The sheet's text is one source per
    practice and campaign: adding it again brings it up to date, its codings carried.
    """
    if data is not None:
        return import_note(
            campaign,
            filename,
            data,
            user=user,
            title=title,
            practice=practice,
            kind=DOCUMENT,
        )
    text = documents.sheet_text(practice.sheet())
    origin = sheet_origin(practice)
    existing = Source.objects.filter(
        campaign=campaign, kind=Source.Kind.DOCUMENT, practice=practice, origin=origin
    ).first()
    if existing is None:
        return add_note(
            campaign,
            title=title or f"Fiche {practice.title}",
            text=text,
            user=user,
            practice=practice,
            origin=origin,
            kind=DOCUMENT,
        )
    if existing.text != text:
        edit_text(existing, text, user=user)
    return existing


# -- What the pages count --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuestionCount:
    text: FreeText
    sources: int
    coded: int


def coded_filter() -> dict[str, Any]:
    """A source is coded when a person's coding (or an accepted suggestion) is on it."""
    return {
        "codings__removed_at__isnull": True,
        "codings__status__in": [Coding.Status.APPLIED, Coding.Status.ACCEPTED],
    }


def question_counts(campaign: Campaign) -> list[QuestionCount]:
    """Each free-text question of the campaign's questionnaire with its sources and how many
    are coded (two grouped queries)."""
    answers = Source.objects.filter(campaign=campaign, kind=Source.Kind.ANSWER)
    totals = dict(answers.values_list("question").annotate(n=Count("pk")).order_by())
    coded = dict(
        answers.filter(**coded_filter())
        .values_list("question")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    texts = free_texts(campaign.questionnaire.questionnaire())
    known = {t.key for t in texts}
    # Keys of an earlier questionnaire version the campaign's responses still hold.
    texts += [FreeText(key, key, key, False) for key in sorted(totals) if key not in known]
    return [QuestionCount(t, totals.get(t.key, 0), coded.get(t.key, 0)) for t in texts]


__all__ = [
    "Carried",
    "FreeText",
    "NoteRefused",
    "QuestionCount",
    "SyncReport",
    "add_document",
    "add_note",
    "answers_rewritten",
    "attributes",
    "carry_codings",
    "catch_up",
    "edit_text",
    "free_texts",
    "import_note",
    "question_counts",
    "refresh",
    "response_saved",
    "sheet_origin",
    "sync_answers",
]
