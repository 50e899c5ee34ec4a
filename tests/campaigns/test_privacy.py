"""Personal data: one person found, exported and erased across campaigns; free texts flagged;
retention and purge; the commands that do each."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.campaigns.privacy_support import MARIE, draft, people, submitted, two_campaigns
from vivier.__main__ import main
from vivier.campaigns import privacy
from vivier.campaigns.models import AuditEntry, Response, ResponseContact, TextFlag

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    first, second = two_campaigns()
    people(first, second)
    return first, second


def test_a_person_is_found_in_every_campaign_whatever_the_case_or_the_phone_format(world):
    by_email = privacy.find_person(["MARIE.dupont@exemple.FR"], actor="t")
    assert sorted(r.key for r in by_email.responses) == ["marie-1", "marie-brouillon"]
    by_phone = privacy.find_person(["0612345678"], actor="t")
    assert [r.key for r in by_phone.responses] == ["marie-2"]
    # Paul's free text cites Marie's number written another way.
    assert [(m.response.key, m.question) for m in by_phone.mentions] == [("paul", "role_other")]
    both = privacy.find_person([f"{MARIE}; +33 6 12 34 56 78"], actor="t")
    assert sorted(r.key for r in both.responses) == ["marie-1", "marie-2", "marie-brouillon"]
    assert both.campaigns == ["premiere", "seconde"]
    assert privacy.find_person(["nobody@exemple.fr"], actor="t").empty


def test_what_is_not_an_address_or_a_number_is_refused_with_a_code(world):
    with pytest.raises(privacy.PrivacyError) as refused:
        privacy.find_person(["Marie Dupont"], actor="t")
    assert refused.value.code == "PD_NOT_A_CONTACT"
    assert "« Marie Dupont »" in refused.value.describe("fr")
    with pytest.raises(privacy.PrivacyError) as empty:
        privacy.find_person(["  "], actor="t")
    assert empty.value.code == "PD_EMPTY"


def test_free_texts_holding_a_contact_are_flagged_at_submission(world):
    flags = {
        (f.response.key, f.question): f.kinds for f in TextFlag.objects.select_related("response")
    }
    assert flags == {("marie-1", "avis"): "email,phone", ("paul", "role_other"): "phone"}


def test_the_web_submission_flags_too(campaign):
    from vivier.campaigns import services

    response = draft(campaign, "web")
    services.save_section(response, {"role": "other", "role_other": "tel 06 12 34 56 78"}, "profil")
    services.save_section(response, {"courriel": "x@exemple.fr"}, "contact")
    response = Response.objects.select_related("version").get(pk=response.pk)
    assert services.submit(response).submitted
    assert list(TextFlag.objects.values_list("question", "kinds")) == [("role_other", "phone")]


def test_scan_flags_older_responses(world, capsys):
    TextFlag.objects.all().delete()
    assert main(["personal-data", "scan", "premiere"]) == 0
    assert "3 response(s) read, 2 free-text answer(s) flagged" in capsys.readouterr().out
    assert TextFlag.objects.count() == 2
    assert main(["personal-data", "scan"]) == 0
    assert main(["personal-data", "scan", "nulle-part"]) == 1
    assert "no campaign named 'nulle-part'" in capsys.readouterr().err


def test_the_export_holds_every_response_with_answers_contacts_and_campaign(world, tmp_path):
    out = tmp_path / "marie.json"
    assert main(["personal-data", "export", "marie.dupont@exemple.fr", "-o", str(out)]) == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["identifiers"] == ["marie.dupont@exemple.fr"]
    by_key = {r["id"]: r for r in document["responses"]}
    assert set(by_key) == {"marie-1", "marie-brouillon"}
    one = by_key["marie-1"]
    assert one["campaign"] == {"slug": "premiere", "title": "Questionnaire avec coordonnées"}
    assert one["status"] == "submitted"
    assert one["submitted_at"].startswith("2020-08-24T10:00:00")
    assert one["contact"] == {"courriel": MARIE}
    assert one["answers"]["avis"].startswith("Écrivez-moi")
    assert {"question": "role", "label": "Vous êtes", "answer": "Professionnel"} in one["readable"]
    assert by_key["marie-brouillon"]["status"] == "draft"
    assert document["mentions"] == []


def test_erasure_removes_contacts_drafts_and_contacts_in_free_texts(
    world, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert main(["personal-data", "erase", "marie.dupont@exemple.fr", "06 12 34 56 78"]) == 0
    out, err = capsys.readouterr()
    assert "3 contact record(s) deleted, 1 draft(s) deleted" in out
    assert not Response.objects.filter(key="marie-brouillon").exists()
    for key in ("marie-1", "marie-2"):
        response = Response.objects.get(key=key)
        assert response.is_submitted  # the answers stay, anonymous
        assert not response.has_personal_data
        assert not ResponseContact.objects.filter(response=response).exists()
    avis = Response.objects.get(key="marie-1").answers["avis"]
    # Everything in her own text goes, her number and the other one alike.
    assert avis == (
        "Écrivez-moi à [adresse électronique effacée] ou au [numéro de téléphone effacé]."
    )
    paul = Response.objects.get(key="paul")
    # In Paul's text, only Marie's number: the service's stays, and so does Paul's contact.
    assert paul.answers["role_other"] == (
        "collègue de Marie ([numéro de téléphone effacé]), service : 01 99 88 77 66"
    )
    assert paul.has_personal_data
    assert Response.objects.get(key="zoe").all_answers()["courriel"] == "zoe@ex.fr"
    assert list(TextFlag.objects.values_list("response__key", "question")) == [
        ("paul", "role_other")
    ]
    assert privacy.find_person([MARIE], actor="t").empty
    entry = AuditEntry.objects.filter(action="personal-data.erase").get()
    assert entry.actor.startswith("cli")
    assert entry.detail["contacts"] == 3 and entry.detail["campaigns"] == ["premiere", "seconde"]
    assert entry.target.startswith("personne:")
    stored = json.dumps([entry.target, entry.detail]).lower()
    assert "marie" not in stored and "612345678" not in stored
    # The vivier.audit logger writes the same line (to the console handler, by default).
    assert f"action=personal-data.erase target={entry.target}" in err
    assert "marie" not in err.lower()


def test_find_and_export_commands_print_what_they_did(world, capsys):
    assert main(["personal-data", "find", "+33612345678"]) == 0
    out = capsys.readouterr().out
    assert "seconde  marie-2  submitted" in out
    assert "premiere  paul  mentioned in the free text 'role_other'" in out
    assert "1 response(s) with these contact details, 1 mention(s)" in out
    assert main(["personal-data", "find", "pas-un-contact"]) == 1
    assert "neither an e-mail address nor a valid telephone number" in capsys.readouterr().err
    assert main(["personal-data", "export", "zoe@ex.fr", "-o", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["responses"][0]["id"] == "zoe"
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("pk")) == [
        "personal-data.find",
        "personal-data.export",
    ]


def test_flagged_lists_masked_and_redact_replaces_the_contacts(world, capsys):
    assert main(["personal-data", "flagged", "premiere"]) == 0
    out = capsys.readouterr().out
    assert "marie-1  avis  to review  Écrivez-moi à [adresse électronique] ou au [numéro" in out
    assert "marie.dupont" not in out
    assert main(["personal-data", "redact", "premiere", "paul", "role_other"]) == 0
    assert "2 e-mail address(es) or number(s) redacted" in capsys.readouterr().out
    assert "06.12" not in Response.objects.get(key="paul").answers["role_other"]
    assert not TextFlag.objects.filter(response__key="paul").exists()
    assert main(["personal-data", "redact", "premiere", "zoe", "avis"]) == 1
    assert "has no flagged free text 'avis'" in capsys.readouterr().err
    assert main(["personal-data", "audit"]) == 0
    assert "personal-data.redact-text  premiere/paul" in capsys.readouterr().out


def test_keeping_a_text_marks_it_reviewed(world):
    first = world[0]
    privacy.keep_text(first, "paul", "role_other", actor="alice")
    flag = TextFlag.objects.get(response__key="paul")
    assert flag.reviewed_by == "alice" and flag.reviewed_at is not None
    assert "06.12.34.56.78" in Response.objects.get(key="paul").answers["role_other"]


def test_the_old_erase_command_gives_the_same_guarantees(world, capsys):
    assert main(["erase-personal-data", "premiere", "--response", "marie-1"]) == 0
    assert "erased from 1 response(s) of 'premiere'" in capsys.readouterr().out
    marie = Response.objects.get(key="marie-1")
    assert not marie.has_personal_data
    assert "marie.dupont" not in marie.answers["avis"]
    assert Response.objects.get(key="paul").has_personal_data
    assert main(["erase-personal-data", "premiere"]) == 0
    assert not Response.objects.filter(campaign__slug="premiere", has_personal_data=True).exists()
    assert not TextFlag.objects.filter(response__campaign__slug="premiere").exists()
    assert "01 99 88" not in Response.objects.get(key="paul").answers["role_other"]
    assert AuditEntry.objects.filter(action="personal-data.erase-campaign").count() == 2


# -- Retention and purge -------------------------------------------------------------------


@pytest.fixture
def aging(settings):
    """Contacts: one year after submission, 90 days after closing; drafts: 30 days."""
    settings.VIVIER_CONTACT_RETENTION_DAYS = "365"
    settings.VIVIER_CONTACT_RETENTION_AFTER_CLOSE_DAYS = "90"
    settings.VIVIER_DRAFT_RETENTION_DAYS = "30"
    first, second = two_campaigns()
    now = timezone.now()
    old = now - timedelta(days=400)
    submitted(first, "vieille", {"courriel": "a@ex.fr"}, year=old.year, month=old.month, day=1)
    recent = now - timedelta(days=10)
    submitted(first, "recente", {"courriel": "b@ex.fr"}, year=recent.year, month=recent.month,
              day=recent.day)  # fmt: skip
    # The second campaign closed 100 days ago: its contacts are due whatever their age.
    second.closes_at = now - timedelta(days=100)
    second.opens_at = now - timedelta(days=200)
    second.save()
    submitted(second, "close", {"tel": "0612345678"}, year=recent.year, month=recent.month,
              day=recent.day)  # fmt: skip
    draft(first, "abandon", {"courriel": "c@ex.fr"}, updated_at=now - timedelta(days=31))
    draft(first, "en-cours", {"courriel": "d@ex.fr"}, updated_at=now - timedelta(days=2))
    return first, second


def test_the_plan_says_what_is_due(aging):
    plan = privacy.purge_plan()
    assert [(line.slug, line.contacts, line.drafts) for line in plan.lines] == [
        ("premiere", 1, 1),
        ("seconde", 1, 0),
    ]
    assert (plan.contacts, plan.drafts) == (2, 1)


def test_the_purge_deletes_expired_contacts_and_abandoned_drafts_only(aging, capsys):
    assert main(["purge", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2 contact(s) and 1 abandoned draft(s) due for deletion" in out
    assert "dry run: nothing deleted" in out
    assert ResponseContact.objects.count() == 5
    assert main(["purge"]) == 0
    out = capsys.readouterr().out
    assert "premiere: 1 contact(s), 1 abandoned draft(s)" in out
    assert "2 contact(s) and 1 abandoned draft(s) deleted" in out
    left = dict(Response.objects.values_list("key", "has_personal_data"))
    assert left == {"vieille": False, "recente": True, "close": False, "en-cours": True}
    assert sorted(ResponseContact.objects.values_list("response__key", flat=True)) == [
        "en-cours",
        "recente",
    ]
    entry = AuditEntry.objects.get(action="personal-data.purge")
    assert entry.detail["contacts"] == 2 and entry.detail["drafts"] == 1
    assert main(["purge"]) == 0
    assert "0 contact(s) and 0 abandoned draft(s) deleted" in capsys.readouterr().out


def test_the_management_command_purges_too(aging):
    from io import StringIO

    out = StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert "due for deletion" in out.getvalue()
    assert Response.objects.count() == 5
    call_command("purge_personal_data", stdout=out)
    assert Response.objects.count() == 4
    assert ResponseContact.objects.count() == 2


def test_off_means_no_limit_and_a_wrong_value_is_named(aging, settings, capsys):
    settings.VIVIER_CONTACT_RETENTION_DAYS = "off"
    settings.VIVIER_CONTACT_RETENTION_AFTER_CLOSE_DAYS = ""
    settings.VIVIER_DRAFT_RETENTION_DAYS = "off"
    plan = privacy.purge_plan()
    assert (plan.contacts, plan.drafts) == (0, 0)
    settings.VIVIER_DRAFT_RETENTION_DAYS = "trente"
    assert main(["purge"]) == 1
    err = capsys.readouterr().err
    assert "VIVIER_DRAFT_RETENTION_DAYS is 'trente': give a number of days" in err
    assert Response.objects.count() == 5


# -- Snapshots -----------------------------------------------------------------------------


def test_contacts_never_reach_the_snapshot_and_a_redaction_drops_it(world, settings, tmp_path):
    from vivier.reports import snapshots

    settings.VAR_DIR = tmp_path
    first = world[0]
    snapshots.forget()
    snapshots.campaign_table(first)
    path = snapshots.snapshot_path(first)
    body = path.read_bytes()
    assert b"paul@exemple.org" not in body and b"zoe@ex.fr" not in body  # contacts: never
    assert b"marie.dupont@exemple.fr" in body  # her free text: until redacted
    # Another process holds the table in memory: it must not keep or save it either.
    stale = snapshots._snapshots[first.pk]
    privacy.erase_person([MARIE], actor="t")
    assert not path.exists()
    snapshots._snapshots[first.pk] = stale
    table = snapshots.campaign_table(first)
    assert "marie.dupont" not in str(table.frame.to_dicts())
    assert b"marie.dupont" not in snapshots.snapshot_path(first).read_bytes()
    snapshots.forget()


def test_a_table_read_before_an_invalidation_is_never_saved(world, settings, tmp_path):
    from vivier.reports import snapshots

    settings.VAR_DIR = tmp_path
    first = world[0]
    snapshots.forget()
    snapshots.campaign_table(first)
    stale = snapshots._snapshots[first.pk]
    snapshots.invalidate(first)
    snapshots._save(first, stale)
    assert not snapshots.snapshot_path(first).exists()
    assert not list(tmp_path.joinpath("snapshots").glob("*.tmp"))
    snapshots.forget()


def test_submitted_at_and_dates_are_kept_in_the_export(world):
    _person, text = privacy.export_person(["paul@exemple.org"], actor="t")
    document = json.loads(text)
    (paul,) = document["responses"]
    assert datetime.fromisoformat(paul["submitted_at"]) == datetime(2020, 8, 24, 10, tzinfo=UTC)
    assert paul["created_at"] and paul["updated_at"]
