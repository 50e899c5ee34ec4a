"""``vivier demo``: the database set up, the demo data loaded, then served."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from vivier.commands import VivierCommand


class Command(VivierCommand):
    help = "Set up the database, load the demo data and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="load the data and stop")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8, help="threads per worker (default 8)")

    def handle(self, *args: Any, **options: Any) -> None:
        from vivier.demo.builder import build_demo
        from vivier.serving.startup import migrate_database, serve_in_foreground

        serving = not options["no_serve"]
        if serving and settings.SECRET_KEY == settings.INSECURE_DEFAULT_SECRET_KEY:
            # `vivier demo` chose a key before the settings were read; `vivier manage demo`
            # cannot, and the built-in key is public.
            raise CommandError(
                "the demo is served in production mode and its links are signed: run "
                "'vivier demo', which makes a key of its own under var/, or set "
                "VIVIER_SECRET_KEY"
            )
        migrate_database()
        summary = build_demo()
        self.stdout.write(summary.text())
        if serving:
            serve_in_foreground(
                options["host"],
                options["port"],
                workers=2,
                threads=options["threads"],
                announce=self.announce,
            )

    def announce(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
