"""``vivier serve``: the production server (gunicorn) on the embedded default."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import CommandError, CommandParser

from vivier.commands import VivierCommand


class Command(VivierCommand):
    help = "Serve Vivier with its production server, after bringing the database up to date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 1))
        parser.add_argument("--threads", type=int, default=8, help="threads per worker (default 8)")

    def handle(self, *args: Any, **options: Any) -> None:
        from vivier.campaigns.staged_imports import recover
        from vivier.checks import secret_key_problem
        from vivier.serving.startup import migrate_database, serve_in_foreground

        problem = secret_key_problem()
        if problem:
            raise CommandError(problem)
        migrate_database()
        recover()  # an import interrupted by a crash is finished or taken back before serving
        serve_in_foreground(
            options["host"],
            options["port"],
            workers=options["workers"],
            threads=options["threads"],
            announce=self.announce,
        )

    def announce(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
