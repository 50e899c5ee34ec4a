"""``vivier coding agreement SLUG [--round N] --format json|csv [-o FILE]``: the agreement
between coders, as the report page computes it (:mod:`vivier.coding.rounds`).

Without ``--round``, every closed round of the campaign pooled; with it, that round, which
must be closed (the blind rule holds here too). Standard output by default.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from vivier import audit
from vivier.problems import ProblemError

FORMATS = ("json", "csv")


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("--round", type=int, metavar="N", help="one round, by its number")
    parser.add_argument("--format", choices=FORMATS, required=True, help="json or csv")
    parser.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="the file to write (default: stdout)"
    )


def run(command: Any, options: dict[str, Any]) -> None:
    from . import rounds

    campaign = command.campaign(options["slug"])
    number = options.get("round")
    try:
        if number is None:
            found = rounds.campaign_report(campaign)
            subject: Any = campaign
        else:
            subject = rounds.round_of(campaign, number)
            found = rounds.report(subject)
    except ProblemError as refused:
        raise CommandError(refused.message("en")) from refused
    fmt = options["format"]
    command.write_output(
        options["output"], rounds.as_json(found) if fmt == "json" else rounds.as_csv(found)
    )
    audit.record(
        None,
        "coding.agreement-export",
        subject,
        campaign=campaign.slug,
        round=number,
        format=fmt,
    )
