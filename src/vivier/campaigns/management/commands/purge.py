"""``vivier purge``: expired contact details and abandoned drafts deleted (retention settings).

Meant for a daily scheduler (README, "Personal data")."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from vivier.commands import VivierCommand


class Command(VivierCommand):
    help = "Delete expired contact details and abandoned drafts (retention settings)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="say what is due, delete nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from vivier.campaigns import privacy

        dry_run = options["dry_run"]
        try:
            report = privacy.purge(actor=privacy.command_line_actor(), dry_run=dry_run)
        except privacy.PrivacyError as error:
            raise CommandError(error.describe("en")) from error
        self.stdout.write(report.text())
        from vivier.audit.retention import purge_command

        self.stdout.write(purge_command(dry_run=dry_run))
        if dry_run:
            self.stdout.write("dry run: nothing deleted")
