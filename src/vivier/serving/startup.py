"""What ``vivier serve`` and ``vivier demo`` do around serving: the database brought up to
date, then gunicorn in the foreground until it is stopped."""

from __future__ import annotations

import os
from collections.abc import Callable


def migrate_database() -> None:
    """``vivier migrate``: Django's migrations, then the shared cache's table."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # The shared cache (rate limits) is a table too; Django creates it with its own command.
    call_command("createcachetable", verbosity=0)


def serve_in_foreground(
    host: str, port: int, *, workers: int, threads: int, announce: Callable[[str], None]
) -> None:
    from vivier.serving.server import ServeOptions, serve

    announce(f"Vivier: http://{host}:{port}/  (Ctrl+C to stop)")
    serve(
        ServeOptions(
            host=host,
            port=port,
            workers=workers,
            threads=threads,
            access_log="-" if os.environ.get("VIVIER_ACCESS_LOG") else None,
            tasks_worker=True,
        )
    )
