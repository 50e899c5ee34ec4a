"""``vivier audit``: the audit trail, newest first, with the staff page's filters; ``--purge``
applies the retention period (``VIVIER_AUDIT_RETENTION_DAYS``)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone, translation

from vivier.commands import VivierCommand


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"'{text}' is not a date: write it as YYYY-MM-DD") from None


class Command(VivierCommand):
    help = "List the audit trail (newest first), or delete what is older than its retention."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", help="from this day on (YYYY-MM-DD)")
        parser.add_argument("--until", help="up to this day, included (YYYY-MM-DD)")
        parser.add_argument("--actor", default="", help="username, or part of it ('cli')")
        parser.add_argument(
            "--action", default="", help="a kind (export, import, sign-in...) or an event code"
        )
        parser.add_argument("--type", default="", help="object type, as app_label.model")
        parser.add_argument("--last", type=int, default=100, help="at most this many lines")
        parser.add_argument("--json", action="store_true", help="one JSON object per line")
        parser.add_argument(
            "--purge", action="store_true", help="delete the lines older than the retention"
        )
        parser.add_argument("--dry-run", action="store_true", help="with --purge: count only")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["purge"]:
            self._purge(options["dry_run"])
            return
        from vivier.audit import events
        from vivier.audit.queries import OBJECT_TYPES, Filters, entries, is_action

        action, kind = options["action"], options["type"]
        if action and not is_action(action):
            raise CommandError(
                f"--action '{action}' is neither a kind ({', '.join(events.KINDS)}) "
                "nor an event code (see vivier/audit/events.py)"
            )
        if kind and kind not in OBJECT_TYPES:
            raise CommandError(f"--type '{kind}' is not one of: {', '.join(OBJECT_TYPES)}")
        if options["last"] < 1:
            raise CommandError("--last must be 1 or more")
        filters = Filters(
            actor=options["actor"].strip(),
            action=action,
            object_type=kind,
            since=_day(options["since"]) if options["since"] else None,
            until=_day(options["until"]) if options["until"] else None,
        )
        if filters.since and filters.until and filters.since > filters.until:
            raise CommandError("--until comes before --since: swap them")
        with translation.override("en"):
            self._list(entries(filters)[: options["last"]], as_lines=not options["json"])

    def _list(self, found: Any, *, as_lines: bool) -> None:
        from vivier.audit.lines import as_json, line

        for entry in found:
            if not as_lines:
                self.stdout.write(json.dumps(as_json(entry), ensure_ascii=False, default=str))
                continue
            shown = line(entry)
            detail = "; ".join(f"{label}: {value}" for label, value in shown.details)
            self.stdout.write(
                "  ".join(
                    [
                        timezone.localtime(shown.when).isoformat(timespec="seconds"),
                        shown.who or "-",
                        shown.event.code,
                        f"{entry.content_type.app_label}.{entry.content_type.model}",
                        shown.object_label or "-",
                        shown.ip or "-",
                        detail,
                    ]
                ).rstrip()
            )

    def _purge(self, dry_run: bool) -> None:
        from vivier.audit.retention import purge_command

        self.stdout.write(purge_command(dry_run=dry_run))
