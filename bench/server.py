"""The system under test: a fresh database, a gunicorn server, and what the machine is.

Each run starts from nothing (a new SQLite directory, or a dropped and recreated PostgreSQL
database) so figures do not depend on what an earlier run left behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/vivier_bench"


class SkippedError(Exception):
    """This database cannot be benchmarked here (the reason goes into the results)."""


@dataclass
class ServerConfig:
    """How gunicorn runs; recorded with the figures because they mean nothing without it."""

    worker_class: str = "sync"
    workers: int = 4
    threads: int = 1
    backlog: int = 2048

    def argv(self, port: int) -> list[str]:
        return [
            str(VENV_BIN / "gunicorn"),
            "vivier.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            self.worker_class,
            "--threads",
            str(self.threads),
            "--backlog",
            str(self.backlog),
            # No access log: writing it would be part of what we measure, and production
            # setups differ too much on it (vivier serve also sends it to /dev/null).
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            "-",
            "--log-level",
            "warning",
        ]


def bench_env(database: str, work_dir: Path, postgres_url: str) -> dict[str, str]:
    """The environment shared by the setup subprocess and the server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIVIER_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "vivier.settings",
            # Production mode: VIVIER_DEBUG unset. A fixed secret so resume links computed by
            # the setup subprocess are the ones the server accepts.
            "VIVIER_SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
            "VIVIER_VAR_DIR": str(work_dir),
            "VIVIER_LOG_LEVEL": "WARNING",
            # Every simulated respondent comes from 127.0.0.1: the per-address limit on
            # starting drafts would refuse the load generator after its first minute.
            "VIVIER_START_RATE": "1000000/m",
            "PYTHONPATH": str(ROOT),
        }
    )
    if database == "postgresql":
        env["VIVIER_DATABASE_URL"] = postgres_url
    return env


def fresh_database(database: str, work_dir: Path, postgres_url: str) -> dict[str, Any]:
    """Empties the run's state; returns facts about the database server."""
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    if database == "sqlite":
        return {"engine": "sqlite", "sqlite_version": sqlite3.sqlite_version, "path": str(work_dir)}
    try:
        import psycopg
    except ImportError as error:  # pragma: no cover - psycopg is an application dependency
        raise SkippedError("psycopg is not installed") from error
    parts = urlsplit(postgres_url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
            version = admin.execute("SHOW server_version").fetchone()
            settings = {
                row[0]: row[1]
                for row in admin.execute(
                    "SELECT name, setting FROM pg_settings WHERE name IN "
                    "('synchronous_commit', 'fsync', 'shared_buffers', 'max_connections')"
                )
            }
    except psycopg.OperationalError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        raise SkippedError(f"PostgreSQL does not answer at {admin_url}: {reason}") from error
    return {
        "engine": "postgresql",
        "server_version": version[0] if version else "?",
        "database": name,
        "settings": settings,
    }


def run_checked(argv: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {done.returncode}):\n{done.stderr[-4000:]}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    config: ServerConfig
    log: Path

    def pids(self) -> list[int]:
        """The master and its workers (for CPU accounting)."""
        pids = [self.process.pid]
        with contextlib.suppress(OSError):
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            pids += [int(p) for p in children.read_text().split()]
        return pids


@contextlib.contextmanager
def gunicorn(config: ServerConfig, env: dict[str, str], log: Path) -> Iterator[Server]:
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            config.argv(port), env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )
    server = Server(process, port, config, log)
    try:
        _wait_ready(server)
        yield server
    finally:
        # SIGTERM is gunicorn's graceful stop: workers finish the request they hold.
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(server: Server, timeout: float = 60.0) -> None:
    """Until every worker could answer: the port accepts and a page comes back."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"gunicorn exited with {server.process.returncode}:\n"
                + server.log.read_text(errors="replace")[-4000:]
            )
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1):
                pass
        except OSError:
            time.sleep(0.1)
            continue
        # Workers boot after the master binds; give them the time to import Django.
        if len(server.pids()) > server.config.workers:
            return
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not start within {timeout:.0f} s")


def cpu_times(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds of each of these processes still alive (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    times = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        times[pid] = (int(fields[11]) + int(fields[12])) / tick
    return times


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds spent between two snapshots by the processes alive in both."""
    return sum(max(0.0, after[pid] - before[pid]) for pid in before.keys() & after.keys())


def postgres_pids() -> list[int]:
    """Local PostgreSQL processes (its backends do part of the work of a request)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if (entry / "comm").read_text().strip() in {"postgres", "postmaster"}:
                    pids.append(int(entry.name))
    return pids


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs since boot, for a utilisation ratio over a phase."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return float(sum(values) - idle), float(sum(values))


def machine_info() -> dict[str, Any]:
    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    cpu_model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu_count": os.cpu_count(),
        "cpu_available": len(os.sched_getaffinity(0)),
        "cpu_model": cpu_model,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": version("django"),
        "gunicorn": version("gunicorn"),
        "psycopg": version("psycopg"),
        "vivier": version("vivier"),
    }


def config_dict(config: ServerConfig) -> dict[str, Any]:
    return {"server": "gunicorn", "app": "vivier.wsgi:application", **asdict(config)}


def text_table(rows: list[tuple[str, ...]]) -> str:
    """Rows of cells as a plain-text table, the first row as its head."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def write_result(path: Path, result: dict[str, Any]) -> None:
    """Through a .tmp file (git-ignored): an interrupted run never leaves half a JSON file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    os.replace(tmp, path)
