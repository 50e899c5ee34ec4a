"""``vivier coding pii SLUG [--again]``: the personal-data pass over a campaign's texts to
code (:func:`vivier.coding.pii.scan`), then where the campaign stands.

Prints numbers only (texts read, flags per kind, texts flagged), never a word of a text:
the output may end up in a log.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--again",
        action="store_true",
        help="read every text again, not only those changed since the last pass",
    )


def run(command: Any, options: dict[str, Any]) -> None:
    from . import pii
    from .models import PiiFlag

    campaign = command.campaign(options["slug"])
    report = pii.scan(campaign, again=options["again"])
    state = pii.counts(campaign)
    lines = [f"texts read: {report.read} (flagged: {report.flagged})"]
    lines += [f"  {kind:<12} {state.by_kind[kind]}" for kind in PiiFlag.Kind.values]
    lines.append(f"flags not dismissed: {state.flags}, to review: {state.to_review}")
    lines.append(f"texts holding personal data: {state.texts} of {state.sources}")
    command.stdout.write("\n".join(lines))
