"""Exports and views of personal data, erasure and purge: one line each, naming the person
searched only by the register's keyed hash, never by what was typed."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.utils import timezone

from tests.campaigns.privacy_support import draft, people, two_campaigns
from vivier.campaigns.models import AuditEntry, Response

from .conftest import ADDRESS, assert_line, written

pytestmark = pytest.mark.django_db

MARIE = "marie.dupont@exemple.fr"


@pytest.fixture
def world():
    first, second = two_campaigns()
    people(first, second)
    return first, second


def test_exporting_responses_leaves_one_line_saying_whether_contacts_were_in_it(
    alice_client, world
):
    first = world[0]
    with written() as new:
        answer = alice_client.get(
            "/staff/campagnes/premiere/export.csv?donnees_personnelles=1", REMOTE_ADDR=ADDRESS
        )
    assert answer.status_code == 200
    line = new.one()
    assert_line(line, "responses.export", "alice", first, ADDRESS)
    assert line.additional_data["format"] == "csv"
    assert line.additional_data["personal"] is True
    with written() as new:
        alice_client.get("/staff/campagnes/premiere/export.xlsx", REMOTE_ADDR=ADDRESS)
    assert new.one().additional_data["personal"] is False


def test_an_unknown_export_format_leaves_no_line(alice_client, world):
    with written() as new:
        assert alice_client.get("/staff/campagnes/premiere/export.exe").status_code == 404
    assert new.lines == []


def test_viewing_a_response_with_its_contact_details_leaves_one_line(alice_client, world):
    marie = Response.objects.get(key="marie-1")
    with written() as new:
        page = alice_client.get("/staff/campagnes/premiere/reponses/marie-1/", REMOTE_ADDR=ADDRESS)
    assert page.status_code == 200 and MARIE in page.content.decode().lower()
    assert_line(new.one(), "personal-data.view", "alice", marie, ADDRESS)


def test_a_response_without_contact_details_is_no_view_of_personal_data(alice_client, world):
    Response.objects.filter(key="zoe").update(has_personal_data=False)
    with written() as new:
        assert alice_client.get("/staff/campagnes/premiere/reponses/zoe/").status_code == 200
    assert new.lines == []


def test_reading_the_flagged_texts_in_clear_leaves_one_line(alice_client, world):
    with written() as new:
        page = alice_client.get("/staff/campagnes/premiere/textes-signales/", REMOTE_ADDR=ADDRESS)
    assert page.status_code == 200
    line = new.one()
    assert_line(line, "personal-data.view-flagged", "alice", world[0], ADDRESS)
    assert line.additional_data["texts"] >= 1


def test_finding_a_person_leaves_one_line_with_the_register_hash_only(alice_client, world):
    with written() as new:
        alice_client.post(
            "/staff/donnees-personnelles/personne/", {"contact": MARIE}, REMOTE_ADDR=ADDRESS
        )
    line = new.one()
    register = AuditEntry.objects.get()
    assert_line(line, "personal-data.find", "alice", "campaigns.responsecontact", ADDRESS)
    assert line.object_pk == register.target and register.target.startswith("personne:")
    assert line.additional_data["register_entry"] == register.pk
    assert "marie" not in str(LogEntry.objects.values_list()).lower()


def test_exporting_a_person_leaves_one_export_line(alice_client, world):
    with written() as new:
        answer = alice_client.post(
            "/staff/donnees-personnelles/export/", {"contact": MARIE}, REMOTE_ADDR=ADDRESS
        )
    assert answer.status_code == 200
    assert_line(new.one(), "personal-data.export", "alice", "campaigns.responsecontact", ADDRESS)


def test_erasing_a_person_leaves_one_line_however_many_rows_go(alice_client, world):
    with written() as new:
        alice_client.post(
            "/staff/donnees-personnelles/effacer/",
            {"contact": MARIE, "confirmer": "1"},
            REMOTE_ADDR=ADDRESS,
        )
    line = new.one()
    assert_line(line, "personal-data.erase", "alice", "campaigns.responsecontact", ADDRESS)
    assert line.action == LogEntry.Action.DELETE
    assert line.additional_data["contacts"] == 2 and line.additional_data["drafts"] == 1
    assert "marie" not in str(LogEntry.objects.values_list()).lower()


def test_the_purge_of_expired_personal_data_leaves_one_line(alice_client, world, settings):
    settings.VIVIER_DRAFT_RETENTION_DAYS = "30"
    draft(world[0], "oublie", {"courriel": "o@ex.fr"}, updated_at=timezone.now() - timedelta(40))
    with written() as new:
        alice_client.post("/staff/donnees-personnelles/purger/", REMOTE_ADDR=ADDRESS)
    line = new.one()
    assert_line(line, "personal-data.purge", "alice", "campaigns.responsecontact", ADDRESS)
    assert line.additional_data["drafts"] == 1


def test_an_erasure_from_the_command_line_names_the_system_account(world):
    with written() as new:
        call_command("personal_data", "erase", MARIE, stdout=io.StringIO())
    line = new.one()
    assert line.additional_data["event"] == "personal-data.erase"
    assert line.actor is None and line.remote_addr is None
    assert line.additional_data["actor_name"] == AuditEntry.objects.get().actor
    assert line.additional_data["actor_name"].startswith("cli")
