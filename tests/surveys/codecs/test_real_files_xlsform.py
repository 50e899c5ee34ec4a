"""XLSForm idioms of real forms that were refused or silently changed (pure importer).

A question retired with ``relevant`` = 0, options that ``allow_choice_duplicates`` lets share
a value, a survey sheet with headers only, an empty workbook.
"""

from __future__ import annotations

from vivier.surveys.codecs.importing import import_bytes
from vivier.surveys.codecs.report import ImportResult
from vivier.surveys.codecs.xlsform.export import to_workbook
from vivier.surveys.errors import ErrorCode, Severity
from vivier.surveys.flow import relevant_names, visible_sections
from vivier.surveys.schema import Question, Questionnaire, QuestionType, Section
from vivier.surveys.validation import validate_questionnaire

from .real_files import HIDDEN_SURVEY, YES_NO, workbook


def _import(*sheets: tuple[str, list[list[object]]]) -> ImportResult:
    return import_bytes(workbook(*sheets), "form.xlsx")


def _bilingual(result: ImportResult, code: str) -> list[tuple[str, str]]:
    """Every diagnostic with this code, as (French, English) lines; both must be there."""
    found = [d for d in result.diagnostics if d.code == code]
    for diagnostic in found:
        assert diagnostic.message_fr and diagnostic.message_en
        assert diagnostic.message_fr != diagnostic.message_en
    return [(d.describe("fr"), d.describe("en")) for d in found]


# -- relevant = 0 -------------------------------------------------------------------------------


def test_a_question_hidden_with_relevant_0_imports_hidden_with_a_warning():
    result = _import(("survey", HIDDEN_SURVEY), ("choices", YES_NO))
    assert result.ok, [d.describe("en") for d in result.errors]
    questionnaire = result.questionnaire
    assert questionnaire is not None
    assert questionnaire.question("ancien").relevant == "0"
    archive = next(s for s in questionnaire.sections if s.name == "archive")
    assert archive.relevant == "false()"
    [(fr, en)] = _bilingual(result, "HIDDEN_QUESTION")
    assert "ligne 3" in fr and "colonne « relevant »" in fr and "masquée" in fr
    assert "row 3" in en and "always false ('0')" in en and "never be asked" in en
    [(fr, en)] = _bilingual(result, "HIDDEN_SECTION")
    assert "ligne 5" in fr and "row 5" in en and "'false()'" in en
    assert all(d.severity is Severity.WARNING for d in result.diagnostics)


def test_the_hidden_question_is_never_asked_nor_what_depends_on_it():
    result = _import(("survey", HIDDEN_SURVEY), ("choices", YES_NO))
    questionnaire = result.questionnaire
    assert questionnaire is not None
    # What ODK does: a retired question stays empty, so the follow-up on it never shows.
    assert relevant_names(questionnaire, {"visite": "oui"}) == {"visite", "fin"}
    shown = [s.name for s in visible_sections(questionnaire, {"visite": "oui"})]
    assert "archive" not in shown and "ancien" not in shown


def test_false_and_a_constant_comparison_hide_too_but_a_contradiction_stays_an_error():
    for condition in ("false()", "1 = 0"):
        survey = [["type", "name", "label", "relevant"], ["text", "a", "A", condition]]
        result = _import(("survey", survey))
        assert result.ok and [d.code for d in result.diagnostics] == ["HIDDEN_QUESTION"]
    contradiction = [
        ["type", "name", "label", "relevant"],
        ["select_one yn", "a", "A", ""],
        ["text", "b", "B", "${a} = 'oui' and ${a} = 'non'"],
    ]
    result = _import(("survey", contradiction), ("choices", YES_NO))
    assert "HIDDEN_QUESTION" not in [d.code for d in result.diagnostics]
    assert "UNREACHABLE_QUESTION" in [d.code for d in result.errors]


def test_the_engine_warns_about_a_constant_false_condition_and_refuses_no_questionnaire():
    questionnaire = Questionnaire(
        "q",
        "Q",
        (
            Section("s1", "S1", (Question("a", QuestionType.SHORT_TEXT, "A", relevant="0"),)),
            Section("s2", "S2", (Question("b", QuestionType.SHORT_TEXT, "B"),), relevant="0"),
        ),
    )
    issues = validate_questionnaire(questionnaire)
    assert [i.code for i in issues] == [ErrorCode.HIDDEN_QUESTION, ErrorCode.HIDDEN_SECTION]
    assert not any(i.is_error for i in issues)
    assert "« 0 »" in issues[0].message("fr")


def test_a_hidden_question_survives_export_then_import():
    # Without the follow-up: the exporter writes a loose question inside a group of the same
    # name, which pyxform refuses as soon as a condition names it (another matter).
    survey = [row for row in HIDDEN_SURVEY if row[1] != "suite"]
    first = _import(("survey", survey), ("choices", YES_NO))
    assert first.questionnaire is not None
    book = to_workbook(first.questionnaire)
    sheets = [(s.title, [list(r) for r in s.iter_rows(values_only=True)]) for s in book]
    again = _import(*sheets)
    assert again.ok, [d.describe("en") for d in again.errors]
    assert again.questionnaire is not None
    assert again.questionnaire.question("ancien").relevant == "0"
    assert {s.name: s.relevant for s in again.questionnaire.sections}["archive"] == "false()"
    assert {d.code for d in again.diagnostics} == {"HIDDEN_QUESTION", "HIDDEN_SECTION"}


# -- allow_choice_duplicates ----------------------------------------------------------------------

DUPLICATES_SURVEY = [["type", "name", "label"], ["select_one lieu", "lieu", "Où ?"]]
DUPLICATES_CHOICES = [
    ["list_name", "name", "label"],
    ["lieu", "dom", "Domicile"],
    ["lieu", "ext", "Extérieur"],
    ["lieu", "dom", "Chez un proche"],
    ["lieu", "ext", "Extérieur"],
]


def test_duplicate_choices_allowed_by_the_settings_are_reported_not_merged_silently():
    result = _import(
        ("survey", DUPLICATES_SURVEY),
        ("choices", DUPLICATES_CHOICES),
        ("settings", [["allow_choice_duplicates"], ["yes"]]),
    )
    assert result.ok, [d.describe("en") for d in result.errors]
    assert result.questionnaire is not None
    choices = result.questionnaire.question("lieu").choices
    assert [(c.value, c.label) for c in choices] == [("dom", "Domicile"), ("ext", "Extérieur")]
    reported = _bilingual(result, "XLSFORM_DUPLICATE_CHOICE_MERGED")
    assert len(reported) == 2
    (fr, en), (fr_same, en_same) = reported
    assert "lignes 2 et 4" in fr and "« Chez un proche »" in fr and "allow_choice_duplicates" in fr
    assert "row 4" in en and "'Chez un proche' of row 4 is not offered" in en
    assert "rows 3 and 5" in en_same and "not offered" not in en_same
    assert "ligne 5" in fr_same


def test_duplicate_choices_without_the_setting_are_still_refused():
    result = _import(("survey", DUPLICATES_SURVEY), ("choices", DUPLICATES_CHOICES))
    assert not result.ok and result.questionnaire is None
    assert {d.code for d in result.errors} == {"XLSFORM_DUPLICATE_CHOICE"}


# -- empty forms ----------------------------------------------------------------------------------


def test_a_survey_sheet_with_headers_only_is_refused_once():
    result = _import(("survey", [["type", "name", "label"]]), ("settings", [["title"], ["T"]]))
    assert result.questionnaire is None
    assert [d.code for d in result.diagnostics] == ["XLSFORM_NO_QUESTION"]
    [(fr, en)] = _bilingual(result, "XLSFORM_NO_QUESTION")
    assert "feuille « survey », ligne 1" in fr and "aucune question" in fr
    assert "has only its header row" in en and "no question" in en and "nothing is imported" in en


def test_an_empty_workbook_gets_one_message_and_no_contradictory_warning():
    for sheets in ((), (("survey", []),)):
        result = _import(*sheets)
        assert result.questionnaire is None
        assert [(d.code, d.severity) for d in result.diagnostics] == [
            ("XLSFORM_EMPTY", Severity.ERROR)
        ]
        [(fr, en)] = _bilingual(result, "XLSFORM_EMPTY")
        assert "vide" in fr and "empty" in en and "holds no form" in en


def test_headers_only_in_the_csv_notation_is_refused_once_too():
    result = import_bytes(b"survey,type,name,label\n", "form.csv")
    assert [d.code for d in result.diagnostics] == ["XLSFORM_NO_QUESTION"]


def test_a_form_of_device_data_only_still_imports_with_its_warning():
    survey = [["type", "name", "label"], ["start", "start", ""], ["hidden", "h", ""]]
    result = _import(("survey", survey))
    assert result.ok
    assert "XLSFORM_NOTHING_TO_ASK" in [d.code for d in result.warnings]


def test_a_row_without_type_names_its_label_not_a_python_dict():
    survey = [["type", "name", "label"], ["", "", "Juste un commentaire"]]
    [problem] = _import(("survey", survey)).errors
    assert problem.code == "XLSFORM_NO_TYPE"
    assert "« Juste un commentaire »" in problem.message_fr and "{" not in problem.message_en
