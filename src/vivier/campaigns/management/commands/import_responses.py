"""``vivier import-responses``: responses from Vivier JSON Lines, KoboToolbox/ODK or LimeSurvey."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from vivier.commands import VivierCommand


class Command(VivierCommand):
    help = (
        "Load responses into a campaign: Vivier JSON Lines, KoboToolbox/ODK (JSON or CSV), "
        "LimeSurvey CSV. One bad line and nothing is imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("file")
        parser.add_argument(
            "--from",
            dest="source",
            choices=["auto", "vivier", "kobo", "limesurvey"],
            default="auto",
            help="tool the file comes from (default: guessed from the extension and the columns)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # A bulk import is a batch job: checking 40,000 responses takes a core for tens of
        # seconds, which respondents on the same machine would otherwise wait for.
        with contextlib.suppress(OSError):
            os.nice(10)
        from vivier.campaigns.imports import ImportFailedError, import_jsonl

        campaign = self.campaign(options["slug"])
        file, fmt = options["file"], options["source"]
        if fmt == "auto" and Path(file).suffix.lower() == ".jsonl":
            fmt = "vivier"
        try:
            if fmt == "vivier":
                with open(file, encoding="utf-8") as handle:
                    report = import_jsonl(campaign, handle, source=file)
            else:
                from vivier.campaigns.foreign_imports import import_foreign

                data = Path(file).read_bytes()
                report = import_foreign(campaign, data, Path(file).name, fmt)
                for note in report.notes:
                    self.warn(f"warning: {note.describe('en')}")
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file}: not UTF-8 text (byte {error.start})") from error
        except ImportFailedError as error:
            raise CommandError(str(error)) from error
        line = f"{file}: {report.imported} response(s) imported"
        if report.already_present:
            line += f", {len(report.already_present)} already present and skipped"
        self.stdout.write(line)
