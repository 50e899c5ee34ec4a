"""Respondents' tokens never reach a log line: gunicorn's access log and Python's logs."""

from __future__ import annotations

import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from tests.campaigns.helpers import page_url, start
from vivier.serving.access_log import TokenRedactingLogger
from vivier.serving.redaction import REDACTED, RedactTokensFilter, redact

pytestmark = pytest.mark.django_db


def _access_line(tmp_path, method: str, path: str, query: str = "", **headers: str) -> str:
    log_file = tmp_path / "access.log"
    cfg = Config()
    cfg.set("accesslog", str(log_file))
    # Every field gunicorn offers that may hold the path: request line, path, query, referer,
    # and a header and an environment value by name.
    cfg.set("access_log_format", '%(h)s "%(r)s" %(U)s %(q)s "%(f)s" %({referer}i)s %({raw_uri}e)s')
    logger = TokenRedactingLogger(cfg)
    raw_uri = path + (f"?{query}" if query else "")
    environ = {
        "REQUEST_METHOD": method,
        "RAW_URI": raw_uri,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.1",
        "HTTP_REFERER": headers.get("referer", "-"),
    }
    request = SimpleNamespace(headers=[(k.upper(), v) for k, v in headers.items()])
    response = SimpleNamespace(status="200 OK", sent=123, headers=[])
    logger.access(response, request, environ, timedelta(milliseconds=12))
    for handler in logger.access_log.handlers:
        handler.flush()
    return log_file.read_text()


def _token(resume_url: str) -> str:
    return resume_url.split("/r/")[1].split("/")[0]


def test_the_access_line_of_a_respondent_page_hides_the_token(client, campaign, tmp_path):
    _response, resume_url = start(client, campaign)
    token = _token(resume_url)
    assert len(token) > 10
    page = page_url(resume_url, "profil")
    line = _access_line(
        tmp_path, "POST", page, "x=1", referer=f"https://vivier.example.org{resume_url}"
    )
    assert token not in line
    assert line.count(REDACTED) == 5  # r, U, f, {referer}i and {raw_uri}e
    assert f'"POST /q/{campaign.slug}/r/{REDACTED}/p/profil/?x=1 HTTP/1.1"' in line
    assert f'"https://vivier.example.org/q/{campaign.slug}/r/{REDACTED}/"' in line
    assert "192.0.2.1" in line


def test_other_lines_are_left_as_they_are(tmp_path):
    line = _access_line(tmp_path, "GET", "/pratiques/r/", "q=aller+vers")
    assert REDACTED not in line
    assert '"GET /pratiques/r/?q=aller+vers HTTP/1.1"' in line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/q/hcts-2020/r/AbC_12-x/p/profil/", f"/q/hcts-2020/r/{REDACTED}/p/profil/"),
        ("/q/hcts-2020/r/AbC_12-x/", f"/q/hcts-2020/r/{REDACTED}/"),
        ("/q/hcts-2020/r/AbC_12-x", f"/q/hcts-2020/r/{REDACTED}"),
        ("/q/hcts-2020/r/AbC_12-x?next=1", f"/q/hcts-2020/r/{REDACTED}?next=1"),
        (
            "next=%2Fq%2Fhcts-2020%2Fr%2FAbC_12-x%2Fp%2Fprofil%2F",
            f"next=%2Fq%2Fhcts-2020%2Fr%2F{REDACTED}%2Fp%2Fprofil%2F",
        ),
        ("/staff/campagnes/hcts-2020/reponses/", "/staff/campagnes/hcts-2020/reponses/"),
    ],
)
def test_redact(text, expected):
    assert redact(text) == expected


def test_django_s_log_lines_go_through_the_filter():
    # Django logs "Not Found: <path>" for every 404, a tampered or mistyped link included.
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/q/a/r/SECRET/",), None
    )
    assert RedactTokensFilter().filter(record)
    assert record.getMessage() == f"Not Found: /q/a/r/{REDACTED}/"
    console = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    assert console, "the console handler of settings.LOGGING"
    assert all(
        any(isinstance(f, RedactTokensFilter) for f in handler.filters) for handler in console
    )


def test_gunicorn_started_with_the_logger_class_writes_no_token(tmp_path):
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_file = tmp_path / "access.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIVIER_", "DJANGO_"))}
    env["VIVIER_VAR_DIR"] = str(tmp_path)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "vivier.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--logger-class",
            "vivier.serving.access_log.TokenRedactingLogger",
            "--access-logfile",
            str(log_file),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # No route ends there: a 404 that reads no database, logged like any other request.
        url = f"http://127.0.0.1:{port}/q/hcts-2020/r/SECRET-TOKEN-123/nulle-part/"
        for _ in range(300):
            try:
                answer = httpx.get(url, headers={"Referer": url}, timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not answer")
        assert answer.status_code == 404
        for _ in range(50):
            if log_file.exists() and log_file.read_text():
                break
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    line = log_file.read_text()
    assert "SECRET-TOKEN-123" not in line
    assert f"/q/hcts-2020/r/{REDACTED}/nulle-part/" in line
