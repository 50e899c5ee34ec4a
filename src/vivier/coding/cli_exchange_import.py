"""``vivier coding import SLUG FILE``: a REFI-QDA project (``.qdpx``) or codebook (``.qdc``)
into the campaign, all or nothing (:func:`vivier.coding.exchange.import_file`).

Each problem is one line with its place (file, line, element); any error stores nothing and
exits with status 1. Warnings go to standard error, the counts to standard output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from vivier import audit


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("file", help="the .qdpx or .qdc file")


def run(command: Any, options: dict[str, Any]) -> None:
    from . import exchange

    campaign = command.campaign(options["slug"])
    path = Path(options["file"])
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}") from error
    report = exchange.import_file(campaign, path.name, data, user=None)
    for found in report.warnings:
        command.warn(f"warning: {found.describe('en')}")
    if report.errors:
        for found in report.errors[:-1]:
            command.stderr.write(f"error: {found.describe('en')}")
        raise CommandError(f"{report.errors[-1].describe('en')} (nothing imported)")
    audit.record(None, "coding.import", campaign, file=path.name[:100], **report.counts())
    counts = report.counts()
    command.stdout.write(
        f"{path.name}: {counts['codes_created']} code(s) added, {counts['codes_updated']} "
        f"updated; {counts['sources_created']} text(s) added, {counts['sources_matched']} "
        f"found in the campaign; {counts['codings_created']} coding(s) added, "
        f"{counts['codings_kept']} already there; {counts['cases_created']} case(s) added; "
        f"{counts['memos_created']} memo(s) added"
    )
