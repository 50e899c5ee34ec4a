"""Production settings: HTTPS, Secure cookies and HSTS, and ``check --deploy`` clean.

Settings are read once per process, so each case runs in a subprocess with its own
environment, as a server would start.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys

import pytest

HOST = "vivier.example.org"
SHOWN = (
    "VIVIER_HTTPS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
)


def _environment(tmp_path, **variables: str) -> dict[str, str]:
    # Only the database comes from the test run (the PostgreSQL run checks its own).
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIVIER_", "DJANGO_"))}
    if os.environ.get("VIVIER_DATABASE_URL"):
        env["VIVIER_DATABASE_URL"] = os.environ["VIVIER_DATABASE_URL"]
    env["VIVIER_VAR_DIR"] = str(tmp_path)
    env.update(variables)
    return env


def _production(tmp_path, **variables: str) -> dict[str, str]:
    return _environment(
        tmp_path,
        VIVIER_DEBUG="0",
        VIVIER_SECRET_KEY=secrets.token_urlsafe(50),
        VIVIER_ALLOWED_HOSTS=HOST,
        **variables,
    )


def _settings(env: dict[str, str]) -> dict[str, object]:
    script = (
        "import json, django; from django.conf import settings;"
        "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'vivier.settings');"
        f"print(json.dumps({{k: getattr(settings, k, None) for k in {SHOWN!r}}}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    # Production sends invitations through an SMTP server; the default (mail written to
    # files under var/) is for the demo, and Django's deploy check says so (mail.E001).
    done = subprocess.run(
        [sys.executable, "-m", "vivier", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production(tmp_path, VIVIER_EMAIL_HOST="smtp.example.org"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"System check identified no issues \(\d+ silenced\)\.", done.stdout)
    assert "WARNING" not in done.stderr


def test_check_deploy_says_when_mail_is_only_written_to_files(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "vivier", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "mail.E001" in done.stdout + done.stderr


def test_check_deploy_names_what_is_missing_without_https(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "vivier", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production(tmp_path, VIVIER_HTTPS="0"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in done.stderr


def test_production_on_a_real_host_is_https_only(tmp_path):
    assert _settings(_production(tmp_path)) == {
        "VIVIER_HTTPS": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    }


@pytest.mark.parametrize(
    "variables",
    [
        {},  # make demo, the tests, vivier serve on 127.0.0.1: plain http on this machine
        {"VIVIER_DEBUG": "1", "VIVIER_ALLOWED_HOSTS": HOST},
        {"VIVIER_ALLOWED_HOSTS": HOST, "VIVIER_HTTPS": "0"},
    ],
    ids=["loopback default", "debug", "https turned off"],
)
def test_plain_http_keeps_cookies_usable(tmp_path, variables):
    shown = _settings(_environment(tmp_path, **variables))
    assert shown["VIVIER_HTTPS"] is False
    assert not shown["SESSION_COOKIE_SECURE"]
    assert not shown["CSRF_COOKIE_SECURE"]
    assert not shown["SECURE_SSL_REDIRECT"]


def test_https_can_be_asked_for_on_the_loopback_default(tmp_path):
    assert _settings(_environment(tmp_path, VIVIER_HTTPS="1"))["SESSION_COOKIE_SECURE"] is True


def test_with_https_plain_http_is_redirected_but_the_health_check_answers(tmp_path):
    script = (
        "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'vivier.settings');"
        "django.setup(); from django.test import Client;"
        f"client = Client(HTTP_HOST={HOST!r});"
        "page = client.get('/pratiques/');"
        "health = client.get('/sante/');"
        "secure = client.get('/sante/', HTTP_X_FORWARDED_PROTO='https');"
        "print(page.status_code, page['Location'], health.status_code,"
        " secure['Strict-Transport-Security'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=_production(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "301",
        f"https://{HOST}/pratiques/",
        "200",
        "max-age=31536000;",
        "includeSubDomains",
    ]
