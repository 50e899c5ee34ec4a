"""The background tasks worker ``vivier serve`` runs beside gunicorn, so that the embedded
default needs no other server (training the suggestion models: :mod:`vivier.coding.tasks`).

It is ``django_tasks_db``'s ``db_worker`` in a child process of the server's master, started
before gunicorn and stopped when gunicorn stops (Ctrl+C, SIGTERM). A child that outlives a
master killed outright (SIGKILL leaves no time to stop it) notices that its parent changed
and stops on its own, so a restarted server never finds an orphan beside its new worker.

Why a process, not a thread of the master: the master forks the web workers, and no
database connection may cross a fork (:mod:`vivier.serving.server`); a separate interpreter
has its own connections, and a long training does not slow down the master's supervision.

Where production runs its own worker (``vivier manage db_worker``), ``VIVIER_TASKS_WORKER=0``
leaves it out.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

#: Seconds between two looks at the queue when it is empty (and at the parent).
INTERVAL_SECONDS = 2
#: Seconds a training in progress is given to stop after SIGTERM before it is killed.
STOP_SECONDS = 10


def start() -> subprocess.Popen[bytes] | None:
    """The worker process, if the settings want one."""
    from django.conf import settings

    if not getattr(settings, "VIVIER_TASKS_WORKER", True):
        return None
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    return subprocess.Popen(
        [sys.executable, "-m", "vivier.serving.tasks_worker", str(os.getpid())], env=env
    )


def stop(process: subprocess.Popen[bytes] | None) -> None:
    """Asks the worker to stop (it finishes the task at hand if it can), then makes sure."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _watch_parent(parent: int) -> None:
    """Stops this process once the server that started it is gone."""
    while True:
        time.sleep(INTERVAL_SECONDS)
        if os.getppid() != parent:
            # The worker stops as on Ctrl+C: between two tasks, or after the one running.
            os.kill(os.getpid(), signal.SIGTERM)
            return


def main(argv: list[str]) -> int:
    import django
    from django.core.management import call_command

    parent = int(argv[0]) if argv else os.getppid()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    django.setup()
    from vivier.coding.suggestions import interrupted

    # This is the server's only worker and it has just started: a training still marked as
    # running was cut short with the previous server.
    interrupted()
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    call_command(
        "db_worker",
        "--interval",
        str(INTERVAL_SECONDS),
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
