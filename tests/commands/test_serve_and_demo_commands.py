"""``serve`` (serving app) and ``demo`` (demo app) through ``call_command``: what they check
and the order of their steps. Serving for real is tested through ``vivier serve`` in
tests/serving; here gunicorn, the migrations and the data set are stand-ins that record."""

from __future__ import annotations

import os
import secrets
import stat
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from vivier.demo.secret_key import use_demo_secret_key


@pytest.fixture
def steps(monkeypatch):
    """The steps taken, in order, instead of migrating, recovering, building and serving."""
    taken: list[object] = []

    def serve(host, port, *, workers, threads, announce):
        announce(f"serving {host}:{port}")
        taken.append(("serve", host, port, workers, threads))

    def build_demo():
        taken.append("build")
        return SimpleNamespace(text=lambda: "Demo campaign 'hcts-2020'")

    monkeypatch.setattr("vivier.serving.startup.migrate_database", lambda: taken.append("migrate"))
    monkeypatch.setattr("vivier.serving.startup.serve_in_foreground", serve)
    monkeypatch.setattr("vivier.campaigns.staged_imports.recover", lambda: taken.append("recover"))
    monkeypatch.setattr("vivier.demo.builder.build_demo", build_demo)
    return taken


@pytest.fixture
def secret_key(settings):
    settings.SECRET_KEY = secrets.token_urlsafe(50)


@pytest.fixture
def public_key(settings):
    settings.SECRET_KEY = settings.INSECURE_DEFAULT_SECRET_KEY


def test_serve_migrates_finishes_interrupted_imports_then_serves(secret_key, steps):
    out = StringIO()
    call_command("serve", "--port", "8123", "--workers", "3", stdout=out)
    assert steps == ["migrate", "recover", ("serve", "127.0.0.1", 8123, 3, 8)]
    assert out.getvalue() == "serving 127.0.0.1:8123\n"


def test_serve_refuses_the_public_key_before_touching_anything(public_key, steps):
    with pytest.raises(CommandError) as refused:
        call_command("serve")
    assert str(refused.value).startswith(
        "VIVIER_SECRET_KEY is not set (the built-in key is public)"
    )
    assert steps == []


def test_demo_builds_then_serves_on_two_workers(secret_key, steps):
    out = StringIO()
    call_command("demo", "--port", "8124", "--threads", "4", stdout=out)
    assert steps == ["migrate", "build", ("serve", "127.0.0.1", 8124, 2, 4)]
    assert out.getvalue() == "Demo campaign 'hcts-2020'\nserving 127.0.0.1:8124\n"


def test_demo_without_serving_needs_no_key(public_key, steps):
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert steps == ["migrate", "build"]
    assert out.getvalue() == "Demo campaign 'hcts-2020'\n"


def test_demo_does_not_serve_with_the_public_key(public_key, steps):
    with pytest.raises(CommandError) as refused:
        call_command("demo")
    assert "run 'vivier demo', which makes a key of its own" in str(refused.value)
    assert steps == []


def test_the_demo_key_is_made_once_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.delenv("VIVIER_SECRET_KEY", raising=False)
    monkeypatch.setenv("VIVIER_VAR_DIR", str(tmp_path))
    use_demo_secret_key()
    key = os.environ["VIVIER_SECRET_KEY"]
    path = tmp_path / "demo-secret-key"
    assert path.read_text() == key and len(key) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    monkeypatch.delenv("VIVIER_SECRET_KEY")
    use_demo_secret_key()
    assert os.environ["VIVIER_SECRET_KEY"] == key  # resume links stay valid
    monkeypatch.setenv("VIVIER_SECRET_KEY", "the operator's own key")
    use_demo_secret_key()
    assert os.environ["VIVIER_SECRET_KEY"] == "the operator's own key"
