"""``manage.py purge_personal_data``: the same purge as ``vivier purge``, for schedulers that
run Django management commands."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vivier.campaigns import privacy


class Command(BaseCommand):
    help = "Delete expired contact details and abandoned drafts (retention settings)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="say what is due only")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = privacy.purge(actor=privacy.command_line_actor(), dry_run=options["dry_run"])
        except privacy.PrivacyError as error:
            raise CommandError(error.describe("en")) from error
        self.stdout.write(report.text())
