"""``vivier coding suggest SLUG [--train]``: train the campaign's suggestion model here, in
this process (``--train``), then store its suggestions for the texts no one decided on.

Without ``--train``, the latest ready model proposes. Prints counts, never a text. Training
here needs no worker: the command does what the background task would, and prints its
progress as it goes.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from vivier.problems import ProblemError


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--train",
        action="store_true",
        help="train a new model first (in this process, with its progress), then propose",
    )


def run(command: Any, options: dict[str, Any]) -> None:
    from vivier.coding import suggestions
    from vivier.coding.models import SuggestionModel

    campaign = command.campaign(options["slug"])
    write = command.stdout.write
    try:
        if options["train"]:
            row = suggestions.start_training(campaign, user=None, enqueue=False)
            write(f"training suggestion model version {row.version}")
            last: list[str] = []

            def progress(percent: int, phase: str) -> None:
                # One line per phase and per tenth of the bar, not one per batch.
                key = f"{phase}:{percent // 10}"
                if not last or last[-1] != key:
                    last.append(key)
                    write(f"  {percent:3d} % {phase}")

            row = suggestions.run_training(row.pk, progress=progress)
            if row.status != SuggestionModel.Status.READY:
                raise CommandError(f"training failed: {suggestions.describe(row)}")
            metrics = row.metrics
            codes = metrics.get("codes", {})
            micro = metrics.get("micro", {})
            write(
                f"model version {row.version} ready: {row.trained_on} coded texts, "
                f"{sum(1 for c in codes.values() if c.get('trained'))} codes trained, "
                f"{sum(1 for c in codes.values() if c.get('suggested'))} suggested "
                f"(F1 >= {row.floor:.2f}); held-out micro precision {micro.get('precision', 0):.2f}"
                f", recall {micro.get('recall', 0):.2f}, F1 {micro.get('f1', 0):.2f}"
            )
        else:
            row = suggestions.latest_ready(campaign)
            if row is None:
                raise CommandError(
                    f"no suggestion model is ready for '{campaign.slug}': "
                    "run 'vivier coding suggest SLUG --train'"
                )
        made = suggestions.propose(campaign, row)
    except ProblemError as error:
        raise CommandError(error.message("en")) from None
    waiting = suggestions.pending(campaign).count()
    write(
        f"{made} suggestions made by model version {row.version}; {waiting} waiting for a decision"
    )
