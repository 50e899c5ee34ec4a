"""The campaigns app's management commands through ``call_command``: questionnaire,
export_responses, import_responses, erase_personal_data and purge."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tests.campaigns.privacy_support import draft
from tests.support import small_questionnaire
from vivier.campaigns import services
from vivier.campaigns.models import QuestionnaireVersion, Response, ResponseContact
from vivier.surveys.codecs import vivier_json

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refusal(*args: str) -> str:
    with pytest.raises(CommandError) as refused:
        run(*args)
    return str(refused.value)


def submit(campaign, key: str, answers: dict) -> Response:
    return services.create_submitted(
        campaign, key=key, answers=answers, submitted_at=datetime(2020, 8, 24, 9, tzinfo=UTC)
    )


# -- questionnaire ---------------------------------------------------------------------------


def test_questionnaire_export_import_and_validate(tmp_path, campaign):
    exported = tmp_path / "petit.json"
    out, _ = run("questionnaire", "export", "petit", "-o", str(exported))
    assert out == f"petit v1 written to {exported}\n"
    assert vivier_json.loads(exported.read_text()) == small_questionnaire()

    out, _ = run("questionnaire", "validate", str(exported))
    questions = sum(1 for _ in small_questionnaire().questions())
    assert out == f"{exported}: valid ({questions} questions)\n"

    out, _ = run("questionnaire", "import", str(exported), "--dry-run")
    assert "would import" in out
    assert QuestionnaireVersion.objects.count() == 1
    out, _ = run("questionnaire", "import", str(exported), "--slug", "copie")
    assert "imported as copie v1" in out
    assert QuestionnaireVersion.objects.filter(slug="copie").exists()


def test_questionnaire_refusals_are_one_sentence(tmp_path, db):
    assert refusal("questionnaire", "export", "nope", "-o", str(tmp_path / "q.json")) == (
        "no questionnaire named 'nope' (try: vivier demo --no-serve)"
    )
    missing = tmp_path / "absent.xlsx"
    assert refusal("questionnaire", "import", str(missing)) == f"{missing}: no such file or folder"
    not_json = tmp_path / "form.csv"
    not_json.write_text("type,name,label\n")
    message = refusal("questionnaire", "validate", str(not_json))
    assert message.startswith(f"{not_json}: not a Vivier JSON questionnaire")
    assert refusal("questionnaire", "frobnicate").startswith("Error: argument action:")


def test_a_refused_import_prints_each_problem_then_refuses(tmp_path, db):
    empty = tmp_path / "vide.csv"
    empty.write_text("survey,type,name,label\n")
    err = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("questionnaire", "import", str(empty), "--lang", "fr", stderr=err)
    assert str(refused.value).startswith(f"{empty}: nothing imported, ")
    assert err.getvalue().startswith("erreur: ")
    assert not QuestionnaireVersion.objects.exists()


# -- export_responses and import_responses ---------------------------------------------------


def test_responses_go_out_and_back_in(tmp_path, campaign):
    submit(campaign, "w1", {"role": "pro", "connait": "yes", "nom": "Café"})
    exported = tmp_path / "reponses.jsonl"
    codebook = tmp_path / "codebook.csv"
    out, _ = run("export_responses", "petit", "-o", str(exported), "--codebook", str(codebook))
    assert out == f"1 response(s) written to {exported}\n"
    assert json.loads(exported.read_text())["answers"]["nom"] == "Café"
    assert codebook.read_text().startswith("column,question,")

    stdout, _ = run("export_responses", "petit", "--format", "csv", "-o", "-")
    assert stdout.splitlines()[0].startswith("id,submitted_at,")

    from tests.support import make_campaign

    make_campaign(small_questionnaire(), slug="copie")
    out, _ = run("import_responses", "copie", str(exported))
    assert out == f"{exported}: 1 response(s) imported\n"
    out, _ = run("import_responses", "copie", str(exported))
    assert out == f"{exported}: 0 response(s) imported, 1 already present and skipped\n"


def test_export_and_import_refusals(tmp_path, campaign):
    assert refusal("export_responses", "nope", "-o", "-") == (
        "no campaign named 'nope' (campaigns: petit)"
    )
    assert refusal("export_responses", "petit", "--format", "xlsx", "-o", "-") == (
        "--format xlsx needs a file (-o FILE)"
    )
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "p1", "answers": {"age": "vingt"}}\n')
    message = refusal("import_responses", "petit", str(bad))
    assert "nothing imported" in message and "line 1, age" in message
    absent = tmp_path / "absent.jsonl"
    assert refusal("import_responses", "petit", str(absent)) == (
        f"{absent}: No such file or directory"
    )
    assert "invalid choice: 'excel'" in refusal(
        "import_responses", "petit", str(bad), "--from", "excel"
    )
    assert not Response.objects.exists()


# -- erase_personal_data and purge -----------------------------------------------------------


def test_erase_personal_data_keeps_the_answers(campaign):
    submit(campaign, "e1", {"role": "pc", "courriel": "a@b.fr"})
    assert refusal("erase_personal_data", "petit", "--response", "zz") == (
        "no response zz in 'petit'"
    )
    out, _ = run("erase_personal_data", "petit", "--response", "e1")
    assert out.startswith("personal data erased from 1 response(s) of 'petit'")
    kept = Response.objects.get(key="e1")
    assert kept.all_answers() == {"role": "pc"}
    assert not ResponseContact.objects.exists()


def test_purge_says_what_is_due_then_deletes_it(settings, campaign):
    settings.VIVIER_DRAFT_RETENTION_DAYS = "30"
    draft(campaign, "abandon", {"role": "pc"}, updated_at=timezone.now() - timedelta(days=31))
    out, _ = run("purge", "--dry-run")
    assert "0 contact(s) and 1 abandoned draft(s) due for deletion" in out
    assert out.rstrip().endswith("dry run: nothing deleted")
    assert Response.objects.count() == 1
    out, _ = run("purge")
    assert "0 contact(s) and 1 abandoned draft(s) deleted" in out
    assert not Response.objects.exists()


def test_purge_names_a_wrong_retention_setting(settings, db):
    settings.VIVIER_DRAFT_RETENTION_DAYS = "trente"
    assert "VIVIER_DRAFT_RETENTION_DAYS is 'trente': give a number of days" in refusal("purge")
