"""``vivier serve``: gunicorn started from Python, with the settings and hooks Vivier needs.

The one rule that matters here: no database connection may cross a fork. The process that
becomes gunicorn's master has run ``migrate``; if its connection were still open when the
workers are forked, every worker would share one socket to the database. On PostgreSQL that
loses and swaps answers under load (two workers' statements interleave on the same session);
on SQLite it shares one file handle and its locks. So the master closes every connection
before each fork (the first ones and every worker restarted after a crash), and a new worker
forgets, without closing, any connection object it still finds: closing it would send a
"terminate" on the parent's socket.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gunicorn.app.base import BaseApplication

#: Seconds a kept-alive connection may stay idle before the worker closes it.
KEEPALIVE_SECONDS = 5
#: Seconds a worker may go silent (a request stuck in the application) before the master
#: replaces it.
WORKER_TIMEOUT_SECONDS = 60


def close_database_connections() -> None:
    """Closes this process's connections (the master, before it forks)."""
    from django.db import connections

    connections.close_all()


def forget_inherited_connections() -> None:
    """Drops, without closing, connections a forked worker would otherwise reuse."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        # Closing would talk to the database on a socket the parent still owns.
        connection.connection = None
        connection.in_atomic_block = False
        connection.savepoint_ids = []
        connection.needs_rollback = False


def _pre_fork(_server: Any, _worker: Any) -> None:
    close_database_connections()


def _post_fork(_server: Any, _worker: Any) -> None:
    forget_inherited_connections()


@dataclass
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    threads: int = 8
    access_log: str | None = None
    #: Run the background tasks worker beside gunicorn (:mod:`vivier.serving.tasks_worker`).
    tasks_worker: bool = False

    def gunicorn_settings(self) -> dict[str, Any]:
        return {
            "bind": f"{self.host}:{self.port}",
            "workers": self.workers,
            "threads": self.threads,
            "worker_class": "vivier.serving.worker.VivierThreadWorker",
            "keepalive": KEEPALIVE_SECONDS,
            "timeout": WORKER_TIMEOUT_SECONDS,
            "graceful_timeout": 30,
            # Request line and headers stay within gunicorn's defaults (4 KB, 100 fields,
            # 8 KB each); bodies are bounded by Django's DATA_UPLOAD_MAX_MEMORY_SIZE.
            "limit_request_line": 4094,
            "limit_request_fields": 100,
            "accesslog": self.access_log or "/dev/null",
            "errorlog": "-",
            "loglevel": "warning",
            "logger_class": "vivier.serving.access_log.TokenRedactingLogger",
            "pre_fork": _pre_fork,
            "post_fork": _post_fork,
            # The application is imported in each worker, after the fork: nothing of the
            # master's Django state (connections, caches) is shared.
            "preload_app": False,
        }


class VivierServer(BaseApplication):
    """gunicorn without its command line: every setting comes from ``ServeOptions``."""

    def __init__(self, options: ServeOptions, application: Callable[..., Any] | None = None):
        self.options = options
        self.application = application
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.gunicorn_settings().items():
            self.cfg.set(key, value)

    def load(self) -> Callable[..., Any]:
        if self.application is not None:
            return self.application
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
        from vivier.wsgi import application

        return application


def serve(options: ServeOptions) -> None:
    from vivier.serving import tasks_worker

    close_database_connections()
    worker = tasks_worker.start() if options.tasks_worker else None
    try:
        VivierServer(options).run()
    finally:
        # gunicorn leaves ``run`` by SystemExit on Ctrl+C and SIGTERM: the worker goes too.
        tasks_worker.stop(worker)
