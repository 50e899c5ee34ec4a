"""How long the trail is kept, and the purge that applies it.

``VIVIER_AUDIT_RETENTION_DAYS`` (default 365; ``off``: no limit). One year, the upper end of
what the CNIL recommends for traceability logs (recommendation on logging measures, 2021: six
months to a year, longer only where a documented internal-control need or a legal obligation
justifies it): the trail names staff, their addresses and their failed sign-ins, personal
data of its own, kept for the security of the data it watches and no longer. What must last
longer stays elsewhere: the personal-data register (``campaigns.AuditEntry``, the proof that
each request about a person was handled) is not purged with the trail, and a sheet's versions
keep who changed it.

The purge runs with ``vivier purge`` (the daily retention job) and ``vivier audit --purge``;
it leaves a line saying how many lines it deleted and up to when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

DEFAULT_DAYS = 365
SETTING = "VIVIER_AUDIT_RETENTION_DAYS"


class RetentionSettingError(Exception):
    """The setting holds something other than a number of days or ``off``."""

    def __init__(self, value: object) -> None:
        self.value = value
        super().__init__(
            f"{SETTING} is '{value}': give a number of days (1 or more), or 'off' for no limit"
        )


def retention_days() -> int | None:
    """Days a line is kept; None: no limit."""
    raw = getattr(settings, SETTING, DEFAULT_DAYS)
    if raw is None:
        return None
    text = str(raw).strip().lower()
    if text in {"off", "none", "no"}:
        return None
    try:
        days = int(text)
    except ValueError:
        raise RetentionSettingError(raw) from None
    if days < 1:
        # 0 would empty the trail at each purge, this purge's own line aside.
        raise RetentionSettingError(raw)
    return days


@dataclass
class PurgeReport:
    days: int | None
    #: Lines older than this are due (None: no limit, nothing due).
    before: datetime | None
    due: int
    deleted: int = 0
    dry_run: bool = False

    def text(self) -> str:
        if self.days is None:
            return f"audit trail: kept without limit ({SETTING}=off), nothing deleted"
        moment = self.before.isoformat(timespec="seconds") if self.before else "?"
        if self.dry_run:
            return f"audit trail: {self.due} line(s) older than {moment} due for deletion"
        return (
            f"audit trail: {self.deleted} line(s) older than {moment} deleted "
            f"(kept {self.days} days)"
        )


def purge(*, now: datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Deletes the lines older than the retention period; one line says it was done."""
    from auditlog.models import LogEntry

    from .trail import Subject, record

    days = retention_days()
    if days is None:
        return PurgeReport(None, None, 0, dry_run=dry_run)
    before = (now or timezone.now()) - timedelta(days=days)
    expired = LogEntry.objects.filter(timestamp__lt=before)
    report = PurgeReport(days, before, expired.count(), dry_run=dry_run)
    if dry_run or not report.due:
        return report
    with transaction.atomic():
        report.deleted = expired.delete()[0]
        record(
            None,
            "audit.purge",
            Subject(LogEntry, "", "*"),
            deleted=report.deleted,
            before=before,
            retention_days=days,
        )
    return report


def purge_command(*, dry_run: bool = False) -> str:
    """What ``vivier purge`` says about the trail; a bad setting becomes the command's error."""
    from django.core.management.base import CommandError

    try:
        return purge(dry_run=dry_run).text()
    except RetentionSettingError as error:
        raise CommandError(str(error)) from error
