"""The personal-data pass over the texts to code, and its review.

:func:`scan` reads every source of a campaign not read since its text changed
(``Source.pii_checked_at``), in batches (:func:`vivier.qualitative.pii.find_many`), and
records what it finds as :class:`PiiFlag` rows: offsets only, never the words. A source
with a flag nobody dismissed is ``personal_data``, which masks it for staff without
``coding.review_pii`` (:func:`vivier.coding.masking.visible_text`). A person with that right
confirms or dismisses each flag (:func:`review`).

A reviewer's decision outlives a new reading of the text: the sources keep flags at their
words when a text is edited (``sources._carry_flags``), and the pass keeps every confirmed
or dismissed flag, adds what it finds anew elsewhere, and drops only the unreviewed flags it
no longer finds.

When it runs: a note or document saved one at a time is read when its transaction commits
(:func:`source_saved`, a ``post_save`` receiver); answers synced in bulk are read by a
background task (:func:`scan_later`), so that a respondent's submission never waits for the
model to load; ``vivier coding pii SLUG`` and the "lancer le repérage" button read whatever
is left.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.tasks import task
from django.utils import timezone

from vivier import audit
from vivier.campaigns.models import Campaign
from vivier.qualitative import pii as finder

from .models import PiiFlag, Source

#: Texts read per batch: the model reads them together, and one transaction writes them.
BATCH = 200
#: What a reviewer may decide.
DECISIONS = (PiiFlag.Status.CONFIRMED, PiiFlag.Status.DISMISSED)


@dataclass(frozen=True, slots=True)
class ScanReport:
    """What one pass did: texts read, texts found holding personal data, flags per kind."""

    read: int = 0
    flagged: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Counts:
    """Where a campaign stands (numbers only, never a word of a text)."""

    #: Flags nobody dismissed, per kind (every kind, 0 included).
    by_kind: dict[str, int]
    #: Sources marked as holding personal data.
    texts: int
    #: Flags waiting for a reviewer.
    to_review: int
    #: Sources not read since their text changed.
    unchecked: int
    sources: int

    @property
    def flags(self) -> int:
        return sum(self.by_kind.values())


def _apply(source_id: int, found: list[finder.Found], existing: list[PiiFlag]) -> list[str]:
    """Writes the flags of one source read again; the kinds of those it now holds that
    nobody dismissed."""
    reviewed = [f for f in existing if f.status != PiiFlag.Status.FOUND]
    by_place = {(f.kind, f.start, f.end): f for f in existing}
    kept_ids: set[int] = {f.pk for f in reviewed}
    new: list[PiiFlag] = []
    for item in found:
        same = by_place.get((item.kind, item.start, item.end))
        if same is not None:
            kept_ids.add(same.pk)
            continue
        if any(item.start < f.end and f.start < item.end for f in reviewed):
            continue  # a reviewer already decided about these words
        new.append(PiiFlag(source_id=source_id, kind=item.kind, start=item.start, end=item.end))
    stale = [f.pk for f in existing if f.pk not in kept_ids]
    if stale:
        PiiFlag.objects.filter(pk__in=stale).delete()
    if new:
        PiiFlag.objects.bulk_create(new)
    kept = [f.kind for f in existing if f.pk in kept_ids and f.status != PiiFlag.Status.DISMISSED]
    return kept + [f.kind for f in new]


def _holds_personal_data(source_id: int) -> bool:
    return (
        PiiFlag.objects.filter(source_id=source_id)
        .exclude(status=PiiFlag.Status.DISMISSED)
        .exists()
    )


def scan_sources(source_ids: Sequence[int]) -> ScanReport:
    """Reads the sources ``source_ids`` (whatever their ``pii_checked_at``) and records
    what they hold. A text changed while it was read is left for the next pass."""
    read = flagged = 0
    kinds: Counter[str] = Counter()
    for at in range(0, len(source_ids), BATCH):
        chunk = list(source_ids[at : at + BATCH])
        rows = list(Source.objects.filter(pk__in=chunk).values_list("pk", "text"))
        results = finder.find_many([text for _pk, text in rows])
        now = timezone.now()
        with transaction.atomic():
            current = dict(Source.objects.filter(pk__in=chunk).values_list("pk", "text"))
            flags: dict[int, list[PiiFlag]] = {}
            for flag in PiiFlag.objects.filter(source_id__in=chunk):
                flags.setdefault(flag.source_id, []).append(flag)
            marked: list[int] = []
            clean: list[int] = []
            for (pk, text), found in zip(rows, results, strict=True):
                if current.get(pk) != text:
                    continue  # edited meanwhile: its offsets are not these
                held = _apply(pk, found, flags.get(pk, []))
                read += 1
                kinds.update(held)
                if held:
                    marked.append(pk)
                    flagged += 1
                else:
                    clean.append(pk)
            Source.objects.filter(pk__in=marked).update(personal_data=True, pii_checked_at=now)
            Source.objects.filter(pk__in=clean).update(personal_data=False, pii_checked_at=now)
    return ScanReport(read=read, flagged=flagged, by_kind=dict(kinds))


def scan(campaign: Campaign, *, actor: Any = None, again: bool = False) -> ScanReport:
    """Reads every source of ``campaign`` not read since its text changed (``again``: every
    source), writes an audit line, and says what it found. Idempotent: a second pass over
    unchanged texts reads nothing."""
    sources = Source.objects.filter(campaign=campaign)
    if not again:
        sources = sources.filter(pii_checked_at__isnull=True)
    report = scan_sources(list(sources.order_by("pk").values_list("pk", flat=True)))
    audit.record(
        None,
        "personal-data.scan",
        campaign,
        actor=actor if getattr(actor, "pk", None) else None,
        what="coding-sources",
        texts=report.read,
        flagged=report.flagged,
        **{f"flags_{kind}": n for kind, n in sorted(report.by_kind.items())},
    )
    return report


def counts(campaign: Campaign) -> Counts:
    """How many flags of each kind, texts flagged, flags to review, texts not read yet."""
    flags = PiiFlag.objects.filter(source__campaign=campaign)
    per_kind = dict(
        flags.exclude(status=PiiFlag.Status.DISMISSED)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    sources = Source.objects.filter(campaign=campaign)
    return Counts(
        by_kind={kind: per_kind.get(kind, 0) for kind in PiiFlag.Kind.values},
        texts=sources.filter(personal_data=True).count(),
        to_review=flags.filter(status=PiiFlag.Status.FOUND).count(),
        unchecked=sources.filter(pii_checked_at__isnull=True).count(),
        sources=sources.count(),
    )


def review(flag: PiiFlag, status: str, *, user: Any) -> PiiFlag:
    """Confirms or dismisses ``flag`` (``status``: "confirmed" or "dismissed"), and marks its
    source as holding personal data or not accordingly."""
    if status not in DECISIONS:
        raise ValueError(f"not a decision: {status!r}")
    with transaction.atomic():
        flag.status = status
        flag.reviewed_by = user if getattr(user, "pk", None) else None
        flag.reviewed_at = timezone.now()
        flag.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        holding = _holds_personal_data(flag.source_id)
        Source.objects.filter(pk=flag.source_id).update(personal_data=holding)
        audit.record(
            None,
            "coding.pii-review",
            audit.Subject(Source, str(flag.source_id), f"#{flag.source_id}"),
            actor=flag.reviewed_by,
            flag=flag.pk,
            kind=flag.kind,
            decision=status,
        )
    return flag


# -- When the pass runs ------------------------------------------------------------------------

_pending = threading.local()


def source_saved(
    sender: Any, instance: Source, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    """``post_save`` of a source: one not read since its text changed (a note just typed or
    imported) is read when its transaction commits, so that it is masked at once."""
    if raw or instance.pii_checked_at is not None:
        return
    queued: set[int] | None = getattr(_pending, "sources", None)
    if queued is None:
        queued = _pending.sources = set()
    queued.add(instance.pk)
    transaction.on_commit(_flush, robust=True)


def _flush() -> None:
    queued: set[int] = getattr(_pending, "sources", None) or set()
    _pending.sources = set()
    if queued:
        scan_sources(sorted(queued))


@task
def scan_task(campaign_id: int) -> int:
    """The pass over one campaign's unread sources, in the background: texts read."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    return scan(campaign).read if campaign is not None else 0


def scan_later(campaigns: Iterable[Campaign]) -> None:
    """Queues the pass over ``campaigns`` once the current transaction commits (for sources
    written in bulk, which send no ``post_save``)."""
    ids = sorted({c.pk for c in campaigns})
    transaction.on_commit(lambda: [scan_task.enqueue(pk) for pk in ids], robust=True)


# -- What a reviewer sees ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Piece:
    """A part of a text: plain words, or the words of one flag."""

    text: str
    flag: PiiFlag | None = None


def pieces(text: str, flags: Iterable[PiiFlag]) -> list[Piece]:
    """``text`` cut at its flags, for a page that highlights each (overlaps shown once)."""
    out: list[Piece] = []
    at = 0
    for flag in sorted(flags, key=lambda f: (f.start, f.end)):
        if flag.start < at or flag.end > len(text):
            continue
        if flag.start > at:
            out.append(Piece(text[at : flag.start]))
        out.append(Piece(text[flag.start : flag.end], flag))
        at = flag.end
    if at < len(text):
        out.append(Piece(text[at:]))
    return out


__all__ = [
    "DECISIONS",
    "Counts",
    "Piece",
    "ScanReport",
    "counts",
    "pieces",
    "review",
    "scan",
    "scan_later",
    "scan_sources",
    "scan_task",
    "source_saved",
]
