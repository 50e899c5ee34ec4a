"""``vivier coding export SLUG --format qdpx|qdc|csv -o FILE``: the campaign's coding as a
REFI-QDA project, a REFI-QDA codebook, or a CSV of its codings (:mod:`vivier.coding.exchange`).

The command line has no person to ask the rights of: names and contacts found in the texts
are masked, as for staff without the personal-data right, unless ``--with-personal-data``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from vivier import audit
from vivier.problems import ProblemError


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("--format", choices=("qdpx", "qdc", "csv"), required=True)
    parser.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="the file to write (default: stdout)"
    )
    parser.add_argument(
        "--with-personal-data",
        action="store_true",
        help="keep the names and contacts found in the texts (masked otherwise)",
    )


def run(command: Any, options: dict[str, Any]) -> None:
    from . import exchange

    campaign = command.campaign(options["slug"])
    fmt, whole = options["format"], bool(options["with_personal_data"])
    try:
        if fmt == "qdpx":
            data = exchange.export_project(campaign, personal_data=whole)
        elif fmt == "qdc":
            data = exchange.export_codebook(campaign)
        else:
            data = exchange.export_csv(campaign, personal_data=whole)
    except ProblemError as refused:
        raise CommandError(refused.diagnostic.describe("en")) from refused
    command.write_output(options["output"], data)
    audit.record(None, "coding.export", campaign, format=fmt, personal_data=whole)
