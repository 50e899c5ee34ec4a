"""The registry's sensitive actions: publication, unpublication, a holder given, a sheet or a
remark deleted, sheets imported from a document: one line each."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.practices.test_import_report import INVENTED
from vivier.audit.trail import MASK
from vivier.practices import registry
from vivier.practices.models import Practice
from vivier.reports.models import Remark
from vivier.sheets.schema import Sheet

from .conftest import ADDRESS, assert_line, written

pytestmark = pytest.mark.django_db


@pytest.fixture
def validated(db):
    practice = registry.save_sheet(Sheet(title="Cafés des parents"))
    return registry.move(practice, "validated")


def move(client, practice, state):
    return client.post(
        f"/staff/pratiques/{practice.slug}/etat/", {"state": state}, REMOTE_ADDR=ADDRESS
    )


def test_publishing_a_sheet_leaves_one_line(alice_client, validated):
    with written() as new:
        assert move(alice_client, validated, "published").status_code == 302
    line = new.one()
    assert_line(line, "practice.publish", "alice", validated, ADDRESS)
    assert line.changes == {"state": ["validated", "published"]}


def test_unpublishing_a_sheet_leaves_one_line(alice_client, validated):
    registry.move(validated, "published")
    with written() as new:
        move(alice_client, validated, "unpublished")
    assert_line(new.one(), "practice.unpublish", "alice", validated, ADDRESS)


def test_a_refused_move_leaves_no_line(alice_client, validated):
    with written() as new:
        move(alice_client, validated, "submitted")
    assert new.lines == []


def test_other_moves_are_state_changes(alice_client, validated):
    with written() as new:
        move(alice_client, validated, "draft")
    assert_line(new.one(), "practice.state", "alice", validated, ADDRESS)


def test_giving_a_sheet_a_holder_leaves_one_line(alice_client, validated, bob):
    with written() as new:
        alice_client.post(
            f"/staff/pratiques/{validated.slug}/porteur/", {"username": "bob"}, REMOTE_ADDR=ADDRESS
        )
    line = new.one()
    assert_line(line, "practice.holder", "alice", validated, ADDRESS)
    assert line.changes == {"holder": ["None", str(bob.pk)]}


def test_an_edit_says_the_content_changed_without_copying_it(validated):
    from dataclasses import replace

    with written() as new:
        registry.save_sheet(
            replace(validated.sheet(), summary="Un résumé réécrit."), practice=validated
        )
    line = new.one()
    assert line.additional_data["event"] == "update"
    assert line.changes == {"data": [MASK, MASK]}
    assert "réécrit" not in str(LogEntry.objects.values_list())


def test_deleting_a_sheet_leaves_one_line(validated):
    with written() as new:
        Practice.objects.filter(pk=validated.pk).delete()
    line = new.one()
    assert line.additional_data["event"] == "delete"
    assert line.action == LogEntry.Action.DELETE
    assert line.object_repr == "Cafés des parents"


def test_deleting_a_remark_leaves_one_line_keeping_what_it_said(alice_client, bob, campaign):
    remark = Remark.objects.create(
        campaign=campaign, question="", kind="ANALYSE", text="À revoir.", author=bob
    )
    with written() as new:
        answer = alice_client.post(
            f"/staff/campagnes/{campaign.slug}/analyse/remarques/{remark.pk}/supprimer/",
            REMOTE_ADDR=ADDRESS,
        )
    assert answer.status_code == 302
    line = new.one()
    assert_line(line, "delete", "alice", remark, ADDRESS)
    assert line.changes["text"] == ["À revoir.", "None"]


def test_importing_sheets_leaves_one_line_naming_them(alice_client):
    upload = SimpleUploadedFile("fiches.txt", INVENTED.encode())
    with written() as new:
        answer = alice_client.post(
            "/staff/pratiques/importer/", {"document": upload}, REMOTE_ADDR=ADDRESS
        )
    assert answer.status_code == 200
    line = new.one()
    assert_line(line, "practices.import", "alice", "practices.practice", ADDRESS)
    assert line.object_repr == "fiches.txt"
    assert sorted(line.additional_data["sheets"]) == sorted(
        Practice.objects.values_list("slug", flat=True)
    )
    assert len(line.additional_data["sheets"]) == 2
