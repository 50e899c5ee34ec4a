"""`vivier serve` runs the background tasks worker beside gunicorn, and stops it with itself.

The server runs on SQLite in a folder of its own; a separate Python process (as an analyst's
request would) queues a training in its database, and the worker the server started runs it.
The campaign has no coded text, so the training is quick: it fails with the catalogue's
reason, which shows that the task ran.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bench import server as srv

VIVIER = str(Path(sys.executable).parent / "vivier")
ROOT = Path(__file__).resolve().parents[2]

#: Run in the server's database: a campaign and a queued training; prints the row's id.
QUEUE = """
import django, json
django.setup()
from tests.support import make_campaign, small_questionnaire
from vivier.coding.models import SuggestionModel
from vivier.coding.tasks import train_suggestion_model
row = SuggestionModel.objects.create(
    campaign=make_campaign(small_questionnaire("worker")), version=1, status="queued"
)
train_suggestion_model.enqueue(row.pk)
print(json.dumps(row.pk))
"""
#: Prints the status and message of the row given.
READ = """
import django, json, sys
django.setup()
from vivier.coding.models import SuggestionModel
row = SuggestionModel.objects.get(pk=int(sys.argv[1]))
print(json.dumps([row.status, row.message]))
"""


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIVIER_")}
    env.update(
        VIVIER_VAR_DIR=str(tmp_path / "var"),
        VIVIER_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SETTINGS_MODULE="vivier.settings",
        **extra,
    )
    return env


def _python(env: dict[str, str], script: str, *args: str) -> object:
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _workers_of(server_pid: int) -> list[int]:
    """The tasks workers a server started (their command line names its pid)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"vivier.serving.tasks_worker" in words and str(server_pid).encode() in words:
            found.append(int(entry.name))
    return found


def _serve(tmp_path: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = srv.free_port()
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [VIVIER, "serve", "--port", str(port), "--workers", "1", "--threads", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while True:
        assert process.poll() is None, (tmp_path / "serve.log").read_text()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/sante/", timeout=2):
                break
        except OSError:
            assert time.monotonic() < deadline, "vivier serve did not start"
            time.sleep(0.2)
    return process, port


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_serve_runs_queued_tasks_and_stops_its_worker_with_it(tmp_path):
    env = _env(tmp_path)
    process, _port = _serve(tmp_path, env)
    try:
        assert len(_workers_of(process.pid)) == 1
        row = _python(env, QUEUE)
        deadline = time.monotonic() + 120
        while (state := _python(env, READ, str(row)))[0] in ("queued", "training"):
            assert time.monotonic() < deadline, "the queued training never ran"
            time.sleep(0.5)
        assert state == ["failed", "SUGGEST_TOO_FEW_TEXTS"]
    finally:
        process.terminate()
        process.wait(timeout=60)
    assert _workers_of(process.pid) == []


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_serve_leaves_the_worker_out_when_production_runs_its_own(tmp_path):
    process, _port = _serve(tmp_path, _env(tmp_path, VIVIER_TASKS_WORKER="0"))
    try:
        assert _workers_of(process.pid) == []
    finally:
        process.terminate()
        process.wait(timeout=60)
