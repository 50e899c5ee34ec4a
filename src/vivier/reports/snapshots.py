"""The columnar snapshot of a campaign's submitted responses, kept up to date.

Building the table is the costly part of the analysis (one pass over every response's
answers); the report over an existing table is cheap. So each process keeps one table per
campaign and, when asked again, only appends the responses submitted since. The table is
also saved as Parquet under ``var/snapshots/``, so a new process (another web worker, the
command line, a restart) starts from the file and catches up instead of reading every
response again. Anything an append cannot express (a response erased, an import of answers
dated in the past) shows up as a count that does not match, and the table is rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import connection

from vivier.analysis import AnswerTable, ResponseRecord, build_table
from vivier.analysis.columns import KEY, SUBMITTED_AT
from vivier.campaigns.models import Campaign, Response

#: Rows appended since the last save after which the Parquet file is written again.
SAVE_EVERY = 1000


@dataclass
class _Snapshot:
    checksum: str
    table: AnswerTable
    #: Latest submission time in the table, and the keys submitted at exactly that time.
    mark: datetime | None
    keys_at_mark: set[str]
    saved_rows: int = 0
    #: The campaign's invalidation token when the table was read (see ``invalidate``).
    generation: str = ""


_snapshots: dict[int, _Snapshot] = {}
_lock = threading.Lock()


def _records(campaign: Campaign, since: datetime | None = None) -> Iterator[ResponseRecord]:
    rows = Response.objects.filter(campaign=campaign, status=Response.Status.SUBMITTED)
    if since is not None:
        rows = rows.filter(submitted_at__gte=since)
    values = rows.order_by("submitted_at", "pk").values_list(
        "key", "submitted_at", "channel", "mode", "answers"
    )
    for key, submitted_at, channel, mode, answers in values.iterator(chunk_size=5000):
        yield ResponseRecord(key, submitted_at, channel or None, mode, answers)


def _mark(records: list[ResponseRecord]) -> tuple[datetime | None, set[str]]:
    if not records:
        return None, set()
    last = records[-1].submitted_at
    return last, {r.key for r in records if r.submitted_at == last}


def snapshot_path(campaign: Campaign) -> Path:
    # The database's identity is part of the name: two databases (SQLite and PostgreSQL, a
    # test database) sharing var/ must never read each other's campaign 1.
    db = connection.settings_dict
    where = hashlib.sha256(f"{db['ENGINE']}|{db['HOST']}|{db['NAME']}".encode()).hexdigest()
    checksum = campaign.questionnaire.checksum[:16]
    name = f"campaign-{campaign.pk}-{where[:12]}-{checksum}.parquet"
    return Path(settings.VAR_DIR) / "snapshots" / name


def _marker(campaign: Campaign) -> Path:
    path = snapshot_path(campaign)
    return path.with_name(path.name.rsplit("-", 1)[0] + ".invalidated")


def _generation(campaign: Campaign) -> str:
    try:
        return _marker(campaign).read_text()
    except OSError:
        return ""


def invalidate(campaign: Campaign, **_signal: object) -> None:
    """Answers were changed in place (personal data redacted): drop the table everywhere.

    A count cannot reveal such a change, so every process compares the token written here with
    the one it read its table under, rebuilds when they differ, and never saves a table read
    under an older token.
    """
    marker = _marker(campaign)
    marker.parent.mkdir(parents=True, exist_ok=True)
    partial = marker.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(os.urandom(16).hex())
    os.replace(partial, marker)
    forget(campaign, files=True)


def _save(campaign: Campaign, snapshot: _Snapshot) -> None:
    path = snapshot_path(campaign)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    snapshot.table.write_parquet(partial)
    if _generation(campaign) != snapshot.generation:
        partial.unlink(missing_ok=True)  # read before an invalidation: may hold erased text
        return
    os.replace(partial, path)  # readers never see a half-written file
    snapshot.saved_rows = len(snapshot.table)


def _from_file(campaign: Campaign) -> _Snapshot | None:
    path = snapshot_path(campaign)
    if not path.exists():
        return None
    q = campaign.questionnaire.questionnaire()
    try:
        table = AnswerTable.read_parquet(q, path)
    except (OSError, ValueError, pl.exceptions.PolarsError):
        return None  # unreadable or from another layout: rebuilt from the database
    frame = table.frame
    if frame.height == 0:
        return _Snapshot(campaign.questionnaire.checksum, table, None, set(), 0)
    mark = frame[SUBMITTED_AT].max()
    keys = set(frame.filter(pl.col(SUBMITTED_AT) == mark)[KEY].to_list())
    return _Snapshot(campaign.questionnaire.checksum, table, mark, keys, frame.height)  # type: ignore[arg-type]


def _catch_up(campaign: Campaign, snapshot: _Snapshot, expected: int) -> bool:
    """Appends what was submitted since the snapshot; False when that cannot be enough."""
    if len(snapshot.table) == expected:
        return True
    if snapshot.mark is None:
        return False
    new = [
        r
        for r in _records(campaign, since=snapshot.mark)
        if not (r.submitted_at == snapshot.mark and r.key in snapshot.keys_at_mark)
    ]
    if len(snapshot.table) + len(new) != expected:
        return False
    snapshot.table.append(new)
    if new:
        mark, keys = _mark(new)
        if mark == snapshot.mark:
            snapshot.keys_at_mark |= keys
        else:
            snapshot.mark, snapshot.keys_at_mark = mark, keys
    if len(snapshot.table) - snapshot.saved_rows >= SAVE_EVERY:
        _save(campaign, snapshot)
    return True


def campaign_table(campaign: Campaign) -> AnswerTable:
    """The table of the campaign's submitted responses, as of now."""
    version = campaign.questionnaire
    q = version.questionnaire()
    expected = Response.objects.filter(campaign=campaign, status=Response.Status.SUBMITTED).count()
    generation = _generation(campaign)
    with _lock:
        snapshot = _snapshots.get(campaign.pk)
        if (
            snapshot is None
            or snapshot.checksum != version.checksum
            or snapshot.generation != generation
        ):
            snapshot = _from_file(campaign)
            if snapshot is not None:
                snapshot.generation = generation
        if snapshot is not None and _catch_up(campaign, snapshot, expected):
            _snapshots[campaign.pk] = snapshot
            return snapshot.table
        records = list(_records(campaign))
        table = build_table(q, records)
        mark, keys = _mark(records)
        snapshot = _Snapshot(version.checksum, table, mark, keys, generation=generation)
        _save(campaign, snapshot)
        _snapshots[campaign.pk] = snapshot
        return table


def forget(campaign: Campaign | None = None, *, files: bool = False) -> None:
    """Drops cached tables (all of them without a campaign), and their files if asked."""
    with _lock:
        if campaign is None:
            _snapshots.clear()
        else:
            _snapshots.pop(campaign.pk, None)
        if files:
            folder = Path(settings.VAR_DIR) / "snapshots"
            pattern = f"campaign-{campaign.pk}-*.parquet" if campaign else "*.parquet"
            for path in folder.glob(pattern):
                with contextlib.suppress(OSError):
                    path.unlink()
