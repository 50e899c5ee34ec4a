"""``vivier audit``: lists the trail with the page's filters, and purges what is older than
its retention; ``vivier purge`` applies the same retention."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from vivier.audit import record

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("audit", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def trail(alice, campaign):
    LogEntry.objects.all().delete()
    old = record(None, "responses.export", campaign, format="csv", personal=True)
    old.actor = alice
    old.additional_data["actor_name"] = "alice"
    old.remote_addr = "203.0.113.9"
    old.timestamp = timezone.now() - timedelta(days=400)
    old.save()
    recent = record(None, "report.export", campaign, format="pdf", publication=False)
    return old, recent


def test_it_lists_newest_first_one_line_each(trail):
    lines = run().splitlines()
    assert len(lines) == 2
    assert "report.export" in lines[0] and "responses.export" in lines[1]
    assert "  alice  " in lines[1] and "203.0.113.9" in lines[1]
    assert "campaigns.campaign" in lines[1]
    assert "with personal data: yes" in lines[1]


def test_it_filters_like_the_page(trail):
    assert run("--actor", "alice").count("\n") == 1
    assert "report.export" in run("--actor", "cli")
    assert run("--action", "export").count("\n") == 2
    assert run("--action", "report.export").count("\n") == 1
    assert run("--action", "sign-in") == ""
    since = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert "report.export" in run("--since", since) and "responses.export" not in run(
        "--since", since
    )
    assert run("--type", "auth.user") == ""
    assert run("--last", "1").count("\n") == 1


def test_it_writes_json_lines(trail):
    rows = [json.loads(line) for line in run("--json").splitlines()]
    assert [r["event"] for r in rows] == ["report.export", "responses.export"]
    assert rows[1]["actor"] == "alice" and rows[1]["ip"] == "203.0.113.9"
    assert rows[1]["details"] == {"format": "csv", "personal": True}
    assert rows[1]["object_type"] == "campaigns.campaign"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--action", "nothing"], "--action 'nothing' is neither a kind"),
        (["--type", "auth.nothing"], "--type 'auth.nothing' is not one of"),
        (["--since", "yesterday"], "'yesterday' is not a date: write it as YYYY-MM-DD"),
        (["--since", "2024-03-09", "--until", "2024-03-01"], "--until comes before --since"),
        (["--last", "0"], "--last must be 1 or more"),
    ],
)
def test_bad_arguments_are_named(trail, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_the_purge_deletes_what_is_older_than_the_retention_and_says_so(trail, settings):
    settings.VIVIER_AUDIT_RETENTION_DAYS = "365"
    assert "1 line(s) older than" in run("--purge", "--dry-run")
    assert LogEntry.objects.count() == 2
    assert "1 line(s) older than" in run("--purge")
    events = sorted(e.additional_data["event"] for e in LogEntry.objects.all())
    assert events == ["audit.purge", "report.export"]
    purge = LogEntry.objects.get(additional_data__event="audit.purge")
    assert purge.additional_data["deleted"] == 1
    assert purge.additional_data["retention_days"] == 365
    # Nothing more is due: a second purge deletes and writes nothing.
    assert "0 line(s)" in run("--purge")
    assert LogEntry.objects.count() == 2


def test_the_retention_can_be_lifted_or_shortened(trail, settings):
    settings.VIVIER_AUDIT_RETENTION_DAYS = "off"
    assert "kept without limit" in run("--purge")
    assert LogEntry.objects.count() == 2
    settings.VIVIER_AUDIT_RETENTION_DAYS = 500
    run("--purge")
    assert LogEntry.objects.count() == 2


@pytest.mark.parametrize("value", ["forever", "0", "-3"])
def test_a_wrong_retention_setting_is_named(trail, settings, value):
    settings.VIVIER_AUDIT_RETENTION_DAYS = value
    with pytest.raises(CommandError, match=f"VIVIER_AUDIT_RETENTION_DAYS is '{value}'"):
        run("--purge")
    assert LogEntry.objects.count() == 2


def test_the_daily_purge_command_applies_the_trail_retention_too(trail, settings):
    settings.VIVIER_AUDIT_RETENTION_DAYS = "365"
    out = io.StringIO()
    call_command("purge", stdout=out)
    assert "audit trail: 1 line(s) older than" in out.getvalue()
    assert not LogEntry.objects.filter(pk=trail[0].pk).exists()
    out = io.StringIO()
    call_command("purge", "--dry-run", stdout=out)
    assert "audit trail: 0 line(s)" in out.getvalue()


def test_without_the_setting_a_line_is_kept_a_year(trail, settings):
    from vivier.audit.retention import retention_days

    del settings.VIVIER_AUDIT_RETENTION_DAYS
    assert retention_days() == 365
    run("--purge")
    assert not LogEntry.objects.filter(pk=trail[0].pk).exists()


def test_the_vivier_program_runs_it(trail, capsys):
    from vivier.__main__ import main

    assert main(["audit", "--action", "report.export"]) == 0
    out = capsys.readouterr().out
    assert "report.export" in out and "responses.export" not in out
