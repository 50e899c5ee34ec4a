"""`vivier questionnaire import` and `export --format xlsform` on real files of other tools."""

import io
import warnings

import openpyxl
import pytest

from tests.support import shared_path
from vivier.__main__ import main
from vivier.campaigns.models import QuestionnaireVersion
from vivier.campaigns.questionnaires import install
from vivier.surveys.questionnaires import hcts_2020

pytestmark = pytest.mark.django_db


def test_an_xlsform_imports_and_its_warnings_name_sheet_row_and_column(capsys):
    path = shared_path("corpora", "xlsform", "xlsform_spec_test.xlsx")
    assert main(["questionnaire", "import", str(path), "--slug", "spec"]) == 0
    captured = capsys.readouterr()
    assert "imported as spec v1" in captured.out
    assert "sheet 'survey', row" in captured.err
    version = QuestionnaireVersion.objects.get(slug="spec")
    assert version.source_format == "xlsform"
    assert version.import_report and all(d["severity"] == "warning" for d in version.import_report)


def test_a_broken_xlsform_stores_nothing_and_exits_non_zero(capsys):
    path = shared_path("corpora", "xlsform", "broken", "calculate_without_calculation.xls")
    assert main(["questionnaire", "import", str(path), "--lang", "fr"]) == 1
    err = capsys.readouterr().err
    assert "erreur:" in err and "ligne 34" in err and "calculation" in err
    assert "Traceback" not in err
    assert not QuestionnaireVersion.objects.exists()


def test_a_kobo_formpack_folder_imports_its_latest_version(capsys):
    folder = shared_path("corpora", "kobo-formpack", "site_inspection")
    assert main(["questionnaire", "import", str(folder)]) == 0
    version = QuestionnaireVersion.objects.get()
    assert version.source_format == "kobo"
    names = [q.name for q in version.questionnaire().questions()]
    assert "inspector" in names


def test_a_limesurvey_survey_imports_with_its_condition(capsys):
    path = next(shared_path("corpora", "limesurvey").glob("*836215*.lss"))
    assert main(["questionnaire", "import", str(path)]) == 0
    q = QuestionnaireVersion.objects.get().questionnaire()
    assert q.question("Q00").relevant == "${Q01} = 'A2'"


def test_dry_run_checks_without_storing(capsys):
    path = shared_path("corpora", "xlsform", "yes_or_no_question.xlsx")
    assert main(["questionnaire", "import", str(path), "--dry-run"]) == 0
    assert "would import" in capsys.readouterr().out
    assert not QuestionnaireVersion.objects.exists()


def test_export_as_xlsform_then_import_gives_back_the_hcts_questions(tmp_path, capsys):
    install(hcts_2020.build())
    out = tmp_path / "hcts.xlsx"
    command = ["questionnaire", "export", "hcts-2020", "--format", "xlsform", "-o", str(out)]
    assert main(command) == 0
    sheets = openpyxl.load_workbook(io.BytesIO(out.read_bytes())).sheetnames
    assert sheets[:3] == ["survey", "choices", "settings"]
    assert main(["questionnaire", "import", str(out), "--slug", "hcts-copie"]) == 0
    assert "(0 warning(s))" in capsys.readouterr().out
    copy = QuestionnaireVersion.objects.get(slug="hcts-copie").questionnaire()
    original = hcts_2020.build()
    assert [(q.name, q.type, q.required, q.relevant) for q in copy.questions()] == [
        (q.name, q.type, q.required, q.relevant) for q in original.questions()
    ]


def test_staff_download_a_questionnaire_as_xlsform(bob_client):
    install(hcts_2020.build())
    answer = bob_client.get("/staff/questionnaires/hcts-2020/telecharger.xlsx")
    assert answer.status_code == 200
    assert "hcts-2020-v1-xlsform.xlsx" in answer["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    names = [row[1].value for row in book["survey"].iter_rows(min_row=2)]
    assert "q1" in names and "q75" in names


def test_the_person_importing_sees_no_library_warning(capsys):
    # bad_calc.xlsx carries Excel extensions openpyxl cannot keep: its warning named a file
    # inside the virtual environment on the command line.
    path = shared_path("corpora", "xlsform", "bad_calc.xlsx")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(["questionnaire", "import", str(path), "--dry-run"]) == 1
    assert [str(w.message) for w in caught] == []
    assert "column 'calculation'" in capsys.readouterr().err
