"""Large response imports that never hold the database's write lock for long.

SQLite lets one writer at a time; a 40,000-response import in one transaction held that lock
for the whole import, and respondents submitting meanwhile waited up to half a minute or got
"database is locked". The import still has to be all or nothing, so it runs in three steps:

1. **stage**: the rows are written in chunks of ``CHUNK``, each chunk its own short
   transaction, with the status ``staged`` and the batch's id. Every page, figure and export
   reads drafts or submitted responses only, so staged rows are seen by nobody. If anything
   fails while staging, the batch's rows are deleted: nothing is imported.
2. **commit**: one tiny transaction marks the batch committed. This is the point of no
   return.
3. **publish**: staged rows become submitted, chunk by chunk. For the second or two this
   takes, a reader may count part of the batch; no reader ever sees a row that will not stay.

A process that dies between two steps leaves a batch that ``recover`` finishes: it
publishes a committed batch and deletes the rows of an uncommitted one that no process has
touched for ``ABANDONED_AFTER``. It runs before every import and when ``vivier serve``
starts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any, Protocol

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from vivier.surveys.schema import Questionnaire

from . import privacy, services
from .models import (
    Campaign,
    DistributionLink,
    ImportBatch,
    Response,
    ResponseContact,
    TextFlag,
)

#: Rows per transaction. A chunk of HCTS-sized responses takes about 20 ms to write on
#: SQLite: the longest a respondent's submission waits behind the import.
CHUNK = 100
#: An uncommitted batch silent for this long belonged to a process that died.
ABANDONED_AFTER = timedelta(hours=1)
#: Bounds of the pause between two chunks on SQLite (seconds): twice as long as the chunk
#: held the lock, so that the writers queued meanwhile all get their turn.
PAUSE_BOUNDS = (0.05, 0.25)


def _yield_to_writers(started: float) -> None:
    """On SQLite, leaves the write lock free for as long as the last chunk held it.

    SQLite's waiting writers poll with growing sleeps; a loop that begins its next
    transaction the moment it commits wins the lock again before any of them wakes up, and
    respondents would wait for the whole import after all. PostgreSQL locks rows, not the
    database, and queues its waiters: no pause there.
    """
    if connection.vendor != "sqlite":
        return
    low, high = PAUSE_BOUNDS
    time.sleep(min(max(2 * (time.monotonic() - started), low), high))


class Row(Protocol):
    key: str
    submitted_at: Any
    channel: str
    mode: str
    answers: dict[str, Any]


class StagingConflictError(Exception):
    """A key was stored by someone else while the batch was being staged."""

    def __init__(self, key_hint: str):
        super().__init__(key_hint)
        self.key_hint = key_hint


def _stage_chunk(
    batch: ImportBatch,
    campaign: Campaign,
    q: Questionnaire,
    rows: Sequence[Row],
    links: dict[str, DistributionLink],
) -> None:
    # Everything but the inserts is done before the transaction: on SQLite, its write lock
    # is held by the database as a whole.
    responses: list[Response] = []
    personal_data: list[dict[str, Any]] = []
    flags: list[dict[str, str]] = []
    for row in rows:
        public, personal = services.split_personal(q, row.answers)
        link = links.get(row.channel)
        responses.append(
            Response(
                campaign=campaign,
                key=row.key,
                version=campaign.questionnaire,
                link=link,
                channel=row.channel or (link.network if link else ""),
                mode=row.mode,
                status=Response.Status.STAGED,
                answers=public,
                has_personal_data=bool(personal),
                created_at=row.submitted_at,
                updated_at=row.submitted_at,
                submitted_at=row.submitted_at,
                import_batch=batch,
            )
        )
        personal_data.append(personal)
        flags.append(privacy.found_kinds(q, public))
    with transaction.atomic():
        created = Response.objects.bulk_create(responses)
        ResponseContact.objects.bulk_create(
            ResponseContact(response=r, data=p, updated_at=r.updated_at)
            for r, p in zip(created, personal_data, strict=True)
            if p
        )
        TextFlag.objects.bulk_create(
            TextFlag(response=response, question=key, kinds=kinds)
            for response, found in zip(created, flags, strict=True)
            for key, kinds in found.items()
        )
        ImportBatch.objects.filter(pk=batch.pk).update(touched_at=timezone.now())


def _each_chunk_of_staged(batch_id: int, action: Callable[[Any], object]) -> None:
    """Applies ``action`` to the batch's staged rows, a chunk per transaction."""
    staged = Response.objects.filter(import_batch_id=batch_id, status=Response.Status.STAGED)
    while True:
        started = time.monotonic()
        with transaction.atomic():
            ids = list(staged.values_list("pk", flat=True)[:CHUNK])
            if not ids:
                return
            action(Response.objects.filter(pk__in=ids))
        _yield_to_writers(started)


def _delete_rows(batch_id: int) -> None:
    """Removes a batch's staged rows (their contacts and flags cascade)."""
    _each_chunk_of_staged(batch_id, lambda rows: rows.delete())


def _publish(batch_id: int) -> None:
    _each_chunk_of_staged(batch_id, lambda rows: rows.update(status=Response.Status.SUBMITTED))
    ImportBatch.objects.filter(pk=batch_id).update(published_at=timezone.now())


def store(
    campaign: Campaign,
    rows: Sequence[Row],
    *,
    source: str = "",
    on_chunk: Callable[[int], None] | None = None,
) -> int:
    """Stages, commits and publishes ``rows`` (already checked, keys not yet stored).

    Returns how many were imported. Raises ``StagingConflictError`` when a key appeared in
    the campaign meanwhile; nothing is imported then.
    """
    recover()
    q = campaign.questionnaire.questionnaire()
    links = {link.network: link for link in DistributionLink.objects.filter(campaign=campaign)}
    batch = ImportBatch.objects.create(campaign=campaign, source=source[:300], rows=len(rows))
    try:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            started = time.monotonic()
            try:
                _stage_chunk(batch, campaign, q, chunk, links)
            except IntegrityError as error:
                raise StagingConflictError(chunk[0].key) from error
            _yield_to_writers(started)
            if on_chunk is not None:
                on_chunk(start + len(chunk))
    except BaseException:
        # Any failure, Ctrl+C included, before the commit: take back what was staged.
        _delete_rows(batch.pk)
        ImportBatch.objects.filter(pk=batch.pk).delete()
        raise
    ImportBatch.objects.filter(pk=batch.pk).update(committed_at=timezone.now())
    _publish(batch.pk)
    return len(rows)


def recover() -> None:
    """Finishes what dead processes left: publish committed batches, drop abandoned ones."""
    unfinished = ImportBatch.objects.filter(published_at__isnull=True)
    for batch_id, committed_at, touched_at in unfinished.values_list(
        "pk", "committed_at", "touched_at"
    ):
        if committed_at is not None:
            _publish(batch_id)
        elif touched_at < timezone.now() - ABANDONED_AFTER:
            _delete_rows(batch_id)
            ImportBatch.objects.filter(pk=batch_id).delete()
