"""``vivier export-responses``: a campaign's responses as CSV, JSON Lines, XLSX or Parquet."""

from __future__ import annotations

import io
from typing import Any

from django.core.management.base import CommandError, CommandParser

from vivier.commands import VivierCommand, atomic_output


class Command(VivierCommand):
    help = "Write a campaign's responses (contact details kept out unless asked for)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--format", choices=["csv", "json", "xlsx", "parquet"], default="json")
        parser.add_argument("--codebook", help="also write the codebook (CSV) to this file")
        parser.add_argument("-o", "--output", required=True, help="file to write ('-': stdout)")
        parser.add_argument(
            "--with-personal-data",
            action="store_true",
            help="include contact details (kept out by default)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from vivier.campaigns import exports

        campaign = self.campaign(options["slug"])
        fmt, output = options["format"], options["output"]
        personal = options["with_personal_data"]
        if fmt in ("xlsx", "parquet"):
            if output == "-":
                raise CommandError(f"--format {fmt} needs a file (-o FILE)")
            writer = exports.write_xlsx if fmt == "xlsx" else exports.write_parquet
            with atomic_output(output) as temporary, open(temporary, "wb") as binary:
                count = writer(campaign, binary, personal=personal)
        else:
            buffer = io.StringIO()
            if fmt == "csv":
                count = exports.write_csv(campaign, buffer, personal=personal)
            else:
                count = exports.write_jsonl(campaign, buffer, personal=personal)
            self.write_output(output, buffer.getvalue())
        if options["codebook"]:
            book = io.StringIO()
            exports.write_codebook_csv(
                campaign.questionnaire.questionnaire(), book, personal=personal
            )
            self.write_output(options["codebook"], book.getvalue())
        from vivier import audit

        audit.record(None, "responses.export", campaign, format=fmt, personal=personal, rows=count)
        if output != "-":
            self.stdout.write(f"{count} response(s) written to {output}")
