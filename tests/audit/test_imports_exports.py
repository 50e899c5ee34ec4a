"""Imports of questionnaires and responses, and exports from the command line: one line
each, whether from a staff page (with the person and address) or a command."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tests.support import small_questionnaire
from vivier.campaigns.models import QuestionnaireVersion
from vivier.surveys.codecs import vivier_json

from .conftest import ADDRESS, assert_line, written

pytestmark = pytest.mark.django_db

LINE = {"id": "imp-1", "submitted_at": "2020-08-24T10:00:00+02:00", "answers": {"role": "pc"}}


def test_importing_a_questionnaire_leaves_one_line(alice_client):
    document = vivier_json.dumps(small_questionnaire("importe")).encode()
    with written() as new:
        answer = alice_client.post(
            "/staff/questionnaires/",
            {"fichier": SimpleUploadedFile("petit.json", document), "slug": ""},
            REMOTE_ADDR=ADDRESS,
        )
    assert answer.status_code == 302
    line = new.one()
    version = QuestionnaireVersion.objects.get(slug="importe")
    assert_line(line, "questionnaire.import", "alice", version, ADDRESS)
    assert line.additional_data["source"] == "petit.json"
    assert line.additional_data["format"] == "vivier"


def test_a_refused_questionnaire_file_leaves_no_line(alice_client):
    with written() as new:
        alice_client.post("/staff/questionnaires/", {"fichier": SimpleUploadedFile("x.json", b"{")})
    assert new.lines == []


def test_importing_responses_leaves_one_line_with_the_counts(alice_client, campaign):
    body = (json.dumps(LINE) + "\n").encode()
    with written() as new:
        answer = alice_client.post(
            f"/staff/campagnes/{campaign.slug}/import/",
            {"fichier": SimpleUploadedFile("reponses.jsonl", body), "source": "auto"},
            REMOTE_ADDR=ADDRESS,
        )
    assert answer.status_code == 200
    line = new.one()
    assert_line(line, "responses.import", "alice", campaign, ADDRESS)
    assert line.additional_data["imported"] == 1
    assert line.additional_data["already_present"] == 0
    assert line.additional_data["source"] == "reponses.jsonl"


def test_importing_responses_from_the_command_line_leaves_one_line(campaign, tmp_path):
    path = tmp_path / "reponses.jsonl"
    path.write_text(json.dumps(LINE) + "\n")
    call_command("import_responses", campaign.slug, str(path), stdout=io.StringIO())
    with written() as new:
        call_command("import_responses", campaign.slug, str(path), stdout=io.StringIO())
    line = new.one()
    assert_line(line, "responses.import", None, campaign, None)
    assert line.additional_data["actor_name"].startswith("cli")
    assert line.additional_data["already_present"] == 1


def test_exporting_from_the_command_line_leaves_one_line(campaign, tmp_path):
    with written() as new:
        call_command(
            "export_responses",
            campaign.slug,
            "--format",
            "csv",
            "--with-personal-data",
            "-o",
            str(tmp_path / "r.csv"),
            stdout=io.StringIO(),
        )
    line = new.one()
    assert_line(line, "responses.export", None, campaign, None)
    assert line.additional_data["personal"] is True


def test_downloading_the_report_leaves_one_line(alice_client, campaign):
    with written() as new:
        answer = alice_client.get(
            f"/staff/campagnes/{campaign.slug}/rapport.json?publication=1", REMOTE_ADDR=ADDRESS
        )
    assert answer.status_code == 200
    line = new.one()
    assert_line(line, "report.export", "alice", campaign, ADDRESS)
    assert line.additional_data == {
        "format": "json",
        "publication": True,
        "event": "report.export",
        "actor_name": "alice",
    }


def test_a_large_staged_import_leaves_one_line_too(campaign):
    from vivier.campaigns import staged_imports
    from vivier.campaigns.imports import import_jsonl

    count = staged_imports.CHUNK + 20
    lines = [json.dumps({**LINE, "id": f"grand-{n}"}) for n in range(count)]
    with written() as new:
        report = import_jsonl(campaign, lines, source="grand.jsonl")
    assert report.imported == count
    line = new.one()
    assert line.additional_data["event"] == "responses.import"
    assert line.additional_data["imported"] == count
