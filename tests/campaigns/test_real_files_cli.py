"""Real files on the command line: `vivier questionnaire import` and `import-responses`.

Each case is a file shaped like the ones people bring from other tools (see
tests/surveys/codecs/real_files.py): it imports with a clear warning, or it is refused with
one clear message, a non-zero exit code, no traceback and nothing stored.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.surveys.codecs.real_files import (
    HIDDEN_SURVEY,
    YES_NO,
    kobo_content_with_language_columns,
    lss_with_quotas,
    workbook,
)
from vivier.__main__ import main
from vivier.campaigns.models import QuestionnaireVersion, Response

pytestmark = pytest.mark.django_db


def _lines(text: str, label: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(f"{label}:")]


# -- questionnaire import ---------------------------------------------------------------------


def test_a_question_hidden_with_relevant_0_imports_with_a_warning(tmp_path, capsys):
    path = tmp_path / "retraite.xlsx"
    path.write_bytes(workbook(("survey", HIDDEN_SURVEY), ("choices", YES_NO)))
    assert main(["questionnaire", "import", str(path), "--slug", "retraite"]) == 0
    out, err = capsys.readouterr()
    assert "imported as retraite v1" in out and "(2 warning(s))" in out
    [question, section] = _lines(err, "warning")
    assert "sheet 'survey', row 3, column 'relevant'" in question
    assert "always false ('0')" in question
    assert "row 5" in section and "'false()'" in section
    version = QuestionnaireVersion.objects.get(slug="retraite")
    assert version.questionnaire().question("ancien").relevant == "0"
    assert [d["code"] for d in version.import_report] == ["HIDDEN_QUESTION", "HIDDEN_SECTION"]


def test_validate_accepts_the_hidden_question_once_exported_as_vivier_json(tmp_path, capsys):
    path = tmp_path / "retraite.xlsx"
    path.write_bytes(workbook(("survey", HIDDEN_SURVEY), ("choices", YES_NO)))
    assert main(["questionnaire", "import", str(path), "--slug", "retraite"]) == 0
    exported = tmp_path / "retraite.json"
    command = ["questionnaire", "export", "retraite", "--format", "json", "-o", str(exported)]
    assert main(command) == 0
    capsys.readouterr()
    assert main(["questionnaire", "validate", str(exported)]) == 0
    out = capsys.readouterr().out
    assert "question 'ancien', display condition] The question 'ancien'" in out
    assert out.rstrip().endswith("valid (5 questions)")


def test_validate_points_a_workbook_to_the_importer(tmp_path, capsys):
    path = tmp_path / "retraite.xlsx"
    path.write_bytes(workbook(("survey", HIDDEN_SURVEY), ("choices", YES_NO)))
    assert main(["questionnaire", "validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "not a Vivier JSON questionnaire" in err
    assert f"vivier questionnaire import {path} --dry-run" in err
    assert "Traceback" not in err


def test_the_warning_is_in_french_when_asked(tmp_path, capsys):
    path = tmp_path / "retraite.xlsx"
    path.write_bytes(workbook(("survey", HIDDEN_SURVEY), ("choices", YES_NO)))
    assert main(["questionnaire", "import", str(path), "--lang", "fr", "--dry-run"]) == 0
    [first, _section] = _lines(capsys.readouterr().err, "avertissement")
    assert "feuille « survey », ligne 3" in first and "masquée" in first
    assert not QuestionnaireVersion.objects.exists()


def test_kobo_content_with_language_columns_imports_with_those_languages(tmp_path, capsys):
    path = tmp_path / "visite.json"
    path.write_text(json.dumps(kobo_content_with_language_columns()), encoding="utf-8")
    assert main(["questionnaire", "import", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "imported as visite v1, 2 questions (1 warning(s))" in out
    [note] = _lines(err, "warning")
    assert "languages are read from the column names (English, French)" in note
    stored = QuestionnaireVersion.objects.get(slug="visite").questionnaire()
    assert stored.languages() == ("fr", "english")
    assert stored.question("recu").translations["english"]["label"] == "Were you received?"


def _workbooks(folder: Path, *form_ids: str) -> Path:
    folder.mkdir()
    for form_id in form_ids:
        data = workbook(
            ("survey", [["type", "name", "label"], ["text", "q1", f"Question {form_id}"]]),
            ("settings", [["form_id", "form_title"], [form_id, f"Formulaire {form_id}"]]),
        )
        (folder / f"{form_id}.xlsx").write_bytes(data)
    return folder


def test_a_folder_of_workbooks_imports_each_of_them(tmp_path, capsys):
    folder = _workbooks(tmp_path / "kobo", "visite", "accueil")
    assert main(["questionnaire", "import", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"{folder / 'accueil.xlsx'}: imported as accueil v1, 1 questions" in out
    assert f"{folder / 'visite.xlsx'}: imported as visite v1, 1 questions" in out
    assert set(QuestionnaireVersion.objects.values_list("slug", flat=True)) == {
        "accueil",
        "visite",
    }


def test_a_folder_with_one_bad_workbook_imports_none_of_them(tmp_path, capsys):
    folder = _workbooks(tmp_path / "kobo", "visite", "accueil")
    (folder / "vide.xlsx").write_bytes(workbook(("survey", [["type", "name", "label"]])))
    assert main(["questionnaire", "import", str(folder)]) == 1
    err = capsys.readouterr().err
    [refusal] = _lines(err, "error")
    assert "file 'vide.xlsx', sheet 'survey', row 1" in refusal and "no question" in refusal
    assert "nothing imported, 1 error(s) in vide.xlsx (1 of 3 workbooks)" in err
    assert "Traceback" not in err
    assert not QuestionnaireVersion.objects.exists()


def test_a_slug_cannot_name_every_workbook_of_a_folder(tmp_path, capsys):
    folder = _workbooks(tmp_path / "kobo", "visite", "accueil")
    assert main(["questionnaire", "import", str(folder), "--slug", "x"]) == 1
    err = capsys.readouterr().err
    assert "--slug names one questionnaire and this folder holds 2 workbooks" in err
    assert not QuestionnaireVersion.objects.exists()


def test_the_folder_dry_run_through_the_real_entry_point(tmp_path):
    folder = _workbooks(tmp_path / "kobo", "visite", "accueil")
    command = [sys.executable, "-m", "vivier", "questionnaire", "import", str(folder), "--dry-run"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("would import 1 questions") == 2
    assert "Traceback" not in done.stderr


def test_duplicate_choices_allowed_by_the_settings_are_reported(tmp_path, capsys):
    path = tmp_path / "lieux.xlsx"
    path.write_bytes(
        workbook(
            ("survey", [["type", "name", "label"], ["select_one lieu", "lieu", "Où ?"]]),
            (
                "choices",
                [
                    ["list_name", "name", "label"],
                    ["lieu", "d", "Domicile"],
                    ["lieu", "d", "Chez soi"],
                ],
            ),
            ("settings", [["allow_choice_duplicates"], ["yes"]]),
        )
    )
    assert main(["questionnaire", "import", str(path)]) == 0
    [merged] = _lines(capsys.readouterr().err, "warning")
    assert "sheet 'choices', row 3, column 'name'" in merged
    assert "the label 'Chez soi' of row 3 is not offered" in merged
    stored = QuestionnaireVersion.objects.get().questionnaire()
    assert [c.label for c in stored.question("lieu").choices] == ["Domicile"]


def test_limesurvey_quotas_are_reported_as_dropped(tmp_path, capsys):
    path = tmp_path / "quotas.lss"
    path.write_bytes(lss_with_quotas())
    assert main(["questionnaire", "import", str(path), "--lang", "fr"]) == 0
    [dropped] = _lines(capsys.readouterr().err, "avertissement")
    assert "élément <quota>" in dropped and "2 quotas LimeSurvey" in dropped
    assert "« Femmes »" in dropped and "« Hommes »" in dropped
    report = QuestionnaireVersion.objects.get().import_report
    assert [d["code"] for d in report] == ["LIMESURVEY_QUOTAS_DROPPED"]


@pytest.mark.parametrize(
    ("sheets", "code_words"),
    [
        ((("survey", [["type", "name", "label"]]),), "has only its header row"),
        ((), "This workbook is empty"),
        ((("survey", []),), "The 'survey' sheet is empty"),
    ],
    ids=["headers-only", "blank-workbook", "empty-survey-sheet"],
)
def test_an_empty_form_is_refused_with_one_message(tmp_path, capsys, sheets, code_words):
    path = tmp_path / "vide.xlsx"
    path.write_bytes(workbook(*sheets))
    assert main(["questionnaire", "import", str(path)]) == 1
    err = capsys.readouterr().err
    [refusal] = _lines(err, "error")
    assert code_words in refusal
    assert _lines(err, "warning") == []
    assert "nothing imported, 1 error(s)" in err and "Traceback" not in err
    assert not QuestionnaireVersion.objects.exists()


def test_an_empty_workbook_through_the_real_entry_point(tmp_path):
    path = tmp_path / "vide.xlsx"
    path.write_bytes(workbook())
    command = [sys.executable, "-m", "vivier", "questionnaire", "import", str(path), "--dry-run"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 2, done.stderr  # the error, the verdict
    assert done.stderr.startswith("error: file 'vide.xlsx': This workbook is empty")
    assert "Traceback" not in done.stderr


# -- response import --------------------------------------------------------------------------

NOT_APPLYING = {"role": "pro", "connait": "no", "nom": "Café"}


def _jsonl(tmp_path: Path, answers: dict[str, object]) -> Path:
    record = {"id": "p1", "submitted_at": "2020-08-24T10:00:00+02:00", "answers": answers}
    path = tmp_path / "reponses.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_a_refused_response_file_says_nothing_imported_and_never_will_be_ignored(
    tmp_path, campaign, capsys
):
    path = _jsonl(tmp_path, {**NOT_APPLYING, "colonne_inconnue": "x"})
    assert main(["import-responses", campaign.slug, str(path)]) == 1
    err = capsys.readouterr().err
    assert "nothing imported, 2 problem(s)" in err
    assert "line 1, nom: Answered although the question does not apply" in err
    assert "line 1, colonne_inconnue: 'colonne_inconnue' matches no question" in err
    assert "ignored" not in err and "Traceback" not in err
    assert not Response.objects.filter(campaign=campaign).exists()


def test_the_same_from_a_kobo_export(tmp_path, campaign, capsys):
    path = tmp_path / "submissions.json"
    path.write_text(json.dumps([{**NOT_APPLYING, "_uuid": "k1"}]), encoding="utf-8")
    assert main(["import-responses", campaign.slug, str(path), "--from", "kobo"]) == 1
    err = capsys.readouterr().err
    assert "nothing imported" in err and "nom: Answered although" in err
    assert "will be ignored" not in err
    assert not Response.objects.filter(campaign=campaign).exists()


def _upload(client, campaign, answers):
    record = {"id": "p1", "submitted_at": "2020-08-24T10:00:00+02:00", "answers": answers}
    upload = SimpleUploadedFile("r.jsonl", (json.dumps(record) + "\n").encode())
    return client.post(
        f"/staff/campagnes/{campaign.slug}/import/", {"fichier": upload, "source": "vivier"}
    )


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_staff_see_rien_importe_without_sera_ignoree(client, request, campaign, persona):
    client.force_login(request.getfixturevalue(persona))
    answer = _upload(client, campaign, NOT_APPLYING)
    html = answer.content.decode()
    assert answer.status_code == 400
    assert "Rien n’a été importé" in html
    assert "ligne 1, nom" in html and "ne s&#x27;applique pas" in html
    assert "ignorée" not in html
    assert not Response.objects.filter(campaign=campaign).exists()


def test_the_import_page_requires_staff_and_a_post(client, alice, carol, campaign):
    client.force_login(alice)
    assert client.get(f"/staff/campagnes/{campaign.slug}/import/").status_code == 405
    client.force_login(carol)
    assert _upload(client, campaign, NOT_APPLYING).status_code == 403
    client.logout()
    answer = _upload(client, campaign, NOT_APPLYING)
    assert answer.status_code == 302 and answer["Location"].startswith("/staff/connexion/")
    assert not Response.objects.filter(campaign=campaign).exists()
