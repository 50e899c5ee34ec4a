"""`vivier serve`, the production entry point: its secret, its checks and its worker model."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bench import server as srv

VIVIER = str(Path(sys.executable).parent / "vivier")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIVIER_")}
    env.update(VIVIER_VAR_DIR=str(tmp_path / "var"), **extra)
    return env


def test_serve_refuses_to_start_without_a_secret_key(tmp_path):
    done = subprocess.run(
        [VIVIER, "serve", "--port", str(srv.free_port())],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "VIVIER_SECRET_KEY is not set" in done.stderr
    assert "secrets.token_urlsafe" in done.stderr  # says how to make one
    assert "Traceback" not in done.stderr


def test_serve_refuses_a_short_secret_key(tmp_path):
    done = subprocess.run(
        [VIVIER, "serve", "--port", str(srv.free_port())],
        env=_env(tmp_path, VIVIER_SECRET_KEY="changeme"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "too short or too simple" in done.stderr


def test_the_deploy_check_flags_the_public_default_key(tmp_path):
    done = subprocess.run(
        [VIVIER, "manage", "check", "--deploy"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "vivier.E001" in done.stdout + done.stderr
    assert done.returncode != 0


@pytest.fixture
def served(tmp_path):
    """`vivier serve` on SQLite in a directory of its own, 2 workers of 4 threads."""
    port = srv.free_port()
    env = _env(tmp_path, VIVIER_SECRET_KEY=secrets.token_urlsafe(50))
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [VIVIER, "serve", "--port", str(port), "--workers", "2", "--threads", "4"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, (tmp_path / "serve.log").read_text()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/sante/", timeout=2):
                break
        except OSError:
            assert time.monotonic() < deadline, "vivier serve did not start"
            time.sleep(0.2)
    yield port
    process.terminate()
    process.wait(timeout=30)
    log.close()


def test_idle_and_trickling_connections_do_not_take_the_site_down(served):
    # More idle connections than the server has threads, and as many clients that send
    # half a request line and stop: with one blocking worker per connection, the site
    # would answer nobody until the worker timeout (30 s and more).
    held = []
    for index in range(12):
        sock = socket.create_connection(("127.0.0.1", served))
        if index % 2:
            sock.sendall(b"GET /sante/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        held.append(sock)
    try:
        # A liveness bound, not a speed figure: the old model could not answer at all
        # before its 30 s worker timeout.
        with urllib.request.urlopen(f"http://127.0.0.1:{served}/sante/", timeout=20) as answer:
            assert answer.status == 200
            assert answer.read() == b"ok"
    finally:
        for sock in held:
            sock.close()


def test_a_client_that_stalls_mid_request_is_disconnected(served):
    sock = socket.create_connection(("127.0.0.1", served))
    sock.sendall(b"POST /sante/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nab")
    sock.settimeout(60)
    try:
        # The server closes the connection after its read pause bound (10 s) instead of
        # keeping a thread waiting for the 98 missing bytes.
        data = sock.recv(1024)
    finally:
        sock.close()
    assert b" 500 " not in data[:20]


def test_an_unexpected_error_is_one_sentence_not_a_stack_trace(monkeypatch, capsys):
    from vivier import __main__ as cli

    def broken():
        raise ZeroDivisionError("division by zero")

    monkeypatch.delenv("VIVIER_DEBUG", raising=False)
    monkeypatch.setattr("vivier.serving.startup.migrate_database", broken)
    assert cli.main(["migrate"]) == 2
    err = capsys.readouterr().err
    assert "unexpected error (ZeroDivisionError" in err
    assert "Traceback" not in err
    monkeypatch.setenv("VIVIER_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        cli.main(["migrate"])


def test_the_health_view_answers_anyone_without_the_database(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        answer = client.get("/sante/")
    assert answer.status_code == 200 and answer.content == b"ok"
    assert client.post("/sante/").status_code == 405
