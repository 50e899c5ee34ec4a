"""``vivier coding ACTION SLUG …``: the coding of a campaign's texts from the command line.

    vivier coding export SLUG --format qdpx|qdc|csv -o FILE
    vivier coding import SLUG FILE
    vivier coding agreement SLUG [--round N] --format json|csv [-o FILE]
    vivier coding suggest SLUG [--train]
    vivier coding pii SLUG

Each action lives beside the feature it drives (``vivier.coding.cli_<action>``), with an
``add_arguments(parser)`` and a ``run(command, options)``; this module only dispatches.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.core.management.base import CommandParser

from vivier.commands import VivierCommand

#: action: (module, help)
ACTIONS: dict[str, tuple[str, str]] = {
    "export": ("cli_exchange_export", "write the coding project: REFI-QDA .qdpx, .qdc or CSV"),
    "import": ("cli_exchange_import", "read a REFI-QDA .qdpx or .qdc into a campaign"),
    "agreement": ("cli_agreement", "agreement between coders: kappa, alpha, AC1, with n"),
    "suggest": ("cli_suggest", "train the suggestion model and propose codes"),
    "pii": ("cli_pii", "find names and contacts in the texts; prints counts, no content"),
}


class Command(VivierCommand):
    help = "The coding of a campaign's free texts and notes."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        for action, (module, text) in ACTIONS.items():
            sub = actions.add_parser(action, help=text)
            sub.add_argument("slug", help="the campaign's slug")
            import_module(f"vivier.coding.{module}").add_arguments(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        module, _text = ACTIONS[options["action"]]
        import_module(f"vivier.coding.{module}").run(self, options)
