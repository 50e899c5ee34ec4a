"""XLSForm import: what a person who brings a form gets (questions, pages, conditions, warnings)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from vivier.surveys.codecs.report import ImportResult
from vivier.surveys.codecs.xlsform.reader import read_xlsform
from vivier.surveys.schema import QuestionType

Table = list[list[str]]
Cells = list[list[object]]


def csv_form(survey: Table, choices: Table | None = None, settings: Table | None = None) -> bytes:
    """pyxform's CSV notation: a sheet name in the first column, then its rows."""
    out = io.StringIO()
    writer = csv.writer(out)
    for name, table in (("survey", survey), ("choices", choices), ("settings", settings)):
        if table is None:
            continue
        writer.writerow([name])
        for row in table:
            writer.writerow(["", *row])
    return out.getvalue().encode()


def xlsx_form(sheets: dict[str, Cells]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def imported(data: bytes, filename: str = "form.csv") -> ImportResult:
    outcome = read_xlsform(data, filename)
    assert outcome.ok, [d.describe("en") for d in outcome.errors]
    return outcome


def refused(data: bytes, filename: str = "form.csv") -> ImportResult:
    outcome = read_xlsform(data, filename)
    assert outcome.questionnaire is None
    assert outcome.errors
    return outcome


def codes(outcome: ImportResult) -> list[str]:
    return [d.code for d in outcome.diagnostics]


YES_NO = [["list_name", "name", "label"], ["yn", "yes", "Oui"], ["yn", "no", "Non"]]


def test_types_map_to_the_closest_engine_types() -> None:
    survey = [
        ["type", "name", "label", "appearance"],
        ["select_one yn", "one", "One", ""],
        ["select_multiple yn", "many", "Many", "likert"],
        ["rank yn", "order", "Order", ""],
        ["text", "short", "Short", ""],
        ["text", "long", "Long", "multiline"],
        ["integer", "n", "N", ""],
        ["decimal", "d", "D", ""],
        ["date", "day", "Day", ""],
        ["note", "info", "Info", ""],
    ]
    questionnaire = imported(csv_form(survey, YES_NO)).questionnaire
    assert questionnaire is not None
    types = {q.name: q.type for q in questionnaire.questions()}
    assert types == {
        "one": QuestionType.SINGLE_CHOICE,
        "many": QuestionType.MULTIPLE_CHOICE,
        "order": QuestionType.RANKING,
        "short": QuestionType.SHORT_TEXT,
        "long": QuestionType.LONG_TEXT,
        "n": QuestionType.INTEGER,
        "d": QuestionType.DECIMAL,
        "day": QuestionType.DATE,
        "info": QuestionType.DISPLAY,
    }
    one = questionnaire.question("one")
    assert [(c.value, c.label) for c in one.choices] == [("yes", "Oui"), ("no", "Non")]
    assert questionnaire.question("many").meta["appearance"] == "likert"
    assert one.meta["source_name"] == "one"
    assert one.meta["xlsform"]["row"] == 3  # line 3 of the CSV file


def test_loose_questions_get_a_page_each_and_groups_one_page() -> None:
    survey = [
        ["type", "name", "label", "relevant"],
        ["integer", "age", "Âge", ""],
        ["begin group", "adult", "Adulte", "${age} >= 18"],
        ["text", "job", "Métier", ""],
        ["begin group", "boss", "Encadrement", "${job} != ''"],
        ["integer", "team", "Équipe", ""],
        ["end group", "", "", ""],
        ["text", "town", "Ville", ""],
        ["end group", "", "", ""],
        ["text", "last", "Fin", ""],
    ]
    questionnaire = imported(csv_form(survey)).questionnaire
    assert questionnaire is not None
    pages = [(s.name, [q.name for q in s.questions], s.relevant) for s in questionnaire.sections]
    assert pages == [
        ("age", ["age"], ""),
        ("adult", ["job"], "${age} >= 18"),
        ("boss", ["team"], "${age} >= 18 and ${job} != ''"),
        ("adult_2", ["town"], "${age} >= 18"),
        ("last", ["last"], ""),
    ]
    assert questionnaire.question("team").meta["xlsform"]["group_path"] == ["adult", "boss"]


def test_or_other_required_hint_constraint_and_default() -> None:
    survey = [
        [
            "type",
            "name",
            "label",
            "hint",
            "required",
            "required_message",
            "constraint",
            "constraint_message",
            "default",
        ],
        ["select_one yn or_other", "pick", "Pick", "", "yes", "Répondez", "", "", "yes"],
        ["integer", "age", "Age", "In years", "TRUE", "", ". >= 16", "Too young", ""],
        ["text", "free", "Free", "", "no", "", "", "", ""],
    ]
    questionnaire = imported(csv_form(survey, YES_NO)).questionnaire
    assert questionnaire is not None
    pick, age, free = questionnaire.questions()
    assert pick.other and pick.required and pick.required_message == "Répondez"
    assert pick.default == "yes"
    assert age.required and age.hint == "In years"
    assert age.constraint == ". >= 16" and age.constraint_message == "Too young"
    assert not free.required


def test_labels_in_several_languages_prefer_french_and_keep_the_others() -> None:
    survey = [
        ["type", "name", "label::English (en)", "label::Français (fr)", "hint::English (en)"],
        ["select_one yn", "q", "Question", "La question", "A hint"],
    ]
    choices = [
        ["list_name", "name", "label::English (en)", "label::Français (fr)"],
        ["yn", "yes", "Yes", "Oui"],
    ]
    questionnaire = imported(csv_form(survey, choices)).questionnaire
    assert questionnaire is not None
    assert questionnaire.language == "fr"
    question = questionnaire.question("q")
    assert question.label == "La question"
    assert question.translations["en"] == {"label": "Question", "hint": "A hint"}
    assert question.choices[0].label == "Oui"
    assert question.choices[0].translations == {"en": "Yes"}


def test_settings_default_language_title_slug_and_version() -> None:
    survey = [
        ["type", "name", "label::English (en)", "label::Français (fr)"],
        ["text", "q", "Name", "Nom"],
    ]
    settings = [
        ["form_title", "form_id", "version", "default_language"],
        ["Mon enquête", "Mon Enquête 2024", "7", "English (en)"],
    ]
    questionnaire = imported(csv_form(survey, None, settings)).questionnaire
    assert questionnaire is not None
    assert questionnaire.title == "Mon enquête"
    assert questionnaire.slug == "mon-enquete-2024"
    assert questionnaire.meta["version"] == "7"
    assert questionnaire.language == "en"
    assert questionnaire.question("q").label == "Name"
    assert questionnaire.question("q").translations["fr"] == {"label": "Nom"}


def test_calculations_are_inlined_where_they_are_used() -> None:
    survey = [
        ["type", "name", "label", "calculation", "relevant"],
        ["integer", "a", "A", "", ""],
        ["calculate", "double", "", "${a} * 2", ""],
        ["text", "b", "B", "", "${double} > 10"],
    ]
    questionnaire = imported(csv_form(survey)).questionnaire
    assert questionnaire is not None
    assert [q.name for q in questionnaire.questions()] == ["a", "b"]
    assert questionnaire.question("b").relevant == "${a} * 2 > 10"


def test_a_calculation_vivier_cannot_run_drops_the_conditions_that_use_it() -> None:
    survey = [
        ["type", "name", "label", "calculation", "relevant"],
        ["integer", "a", "A", "", ""],
        ["calculate", "r", "", "round(${a}, 1)", ""],
        ["text", "b", "B", "", "${r} > 10"],
    ]
    outcome = imported(csv_form(survey))
    assert outcome.questionnaire is not None
    assert outcome.questionnaire.question("b").relevant == ""
    dropped = [d for d in outcome.warnings if d.code == "XLSFORM_EXPRESSION_UNSUPPORTED"]
    assert {(d.location.row, d.location.column) for d in dropped} == {
        (4, "calculation"),
        (5, "relevant"),
    }
    assert "XLSFORM_CALCULATE_DROPPED" in codes(outcome)


def test_unsupported_functions_drop_the_condition_with_a_located_warning() -> None:
    survey = [["type", "name", "label", "constraint"], ["date", "d", "D", ". >= today()"]]
    outcome = imported(csv_form(survey))
    assert outcome.questionnaire is not None
    assert outcome.questionnaire.question("d").constraint == ""
    (dropped,) = [d for d in outcome.warnings if d.code == "XLSFORM_EXPRESSION_UNSUPPORTED"]
    assert (dropped.location.sheet, dropped.location.row, dropped.location.column) == (
        "survey",
        3,
        "constraint",
    )
    assert "today()" in dropped.message_en and "today()" in dropped.message_fr


def test_features_vivier_does_not_run_import_with_warnings() -> None:
    survey = [
        ["type", "name", "label", "choice_filter"],
        ["start", "start", "", ""],
        ["begin repeat", "kids", "Children", ""],
        ["text", "kid", "Name", ""],
        ["end repeat", "", "", ""],
        ["geopoint", "where", "Where", ""],
        ["image", "photo", "Photo", ""],
        ["datetime", "when", "When", ""],
        ["time", "hour", "Hour", ""],
        ["acknowledge", "ok", "Agree", ""],
        ["select_one_from_file towns.csv", "town", "Town", ""],
        ["select_one yn", "filtered", "Filtered", "name != ${kid}"],
    ]
    outcome = imported(csv_form(survey, YES_NO))
    questionnaire = outcome.questionnaire
    assert questionnaire is not None
    types = {q.name: q.type for q in questionnaire.questions()}
    assert types == {
        "kid": QuestionType.SHORT_TEXT,
        "where": QuestionType.SHORT_TEXT,
        "photo": QuestionType.DISPLAY,
        "when": QuestionType.DATE,
        "hour": QuestionType.SHORT_TEXT,
        "ok": QuestionType.SINGLE_CHOICE,
        "town": QuestionType.SHORT_TEXT,
        "filtered": QuestionType.SINGLE_CHOICE,
    }
    assert [c.value for c in questionnaire.question("ok").choices] == ["OK"]
    warned = {(d.code, d.location.row) for d in outcome.warnings}
    assert ("XLSFORM_METADATA_DROPPED", 3) in warned
    assert ("XLSFORM_REPEAT_FLATTENED", 4) in warned
    for row in (7, 8, 9, 10, 11, 12):
        assert ("XLSFORM_TYPE_DOWNGRADED", row) in warned
    assert ("XLSFORM_CHOICE_FILTER_DROPPED", 13) in warned


def test_invalid_names_are_renamed_and_references_follow() -> None:
    survey = [
        ["type", "name", "label", "relevant"],
        ["integer", "âge-1", "Age", ""],
        ["text", "why", "Why", "${âge-1} > 3"],
    ]
    outcome = imported(csv_form(survey))
    questionnaire = outcome.questionnaire
    assert questionnaire is not None
    first = next(iter(questionnaire.questions()))
    assert first.name == "age_1" and first.meta["source_name"] == "âge-1"
    assert questionnaire.question("why").relevant == "${age_1} > 3"
    (renamed,) = [d for d in outcome.warnings if d.code == "XLSFORM_NAME_RENAMED"]
    assert renamed.location.row == 3 and renamed.location.column == "name"


def test_a_condition_the_engine_refuses_is_dropped_with_a_warning() -> None:
    survey = [
        ["type", "name", "label", "relevant"],
        ["text", "first", "First", "${later} = 'x'"],
        ["text", "later", "Later", ""],
    ]
    outcome = imported(csv_form(survey))
    assert outcome.questionnaire is not None
    assert outcome.questionnaire.question("first").relevant == ""
    (dropped,) = [d for d in outcome.warnings if d.code == "XLSFORM_CONDITION_DROPPED"]
    assert dropped.location.row == 3 and dropped.location.column == "relevant"


def test_conditional_required_imports_as_optional_with_a_warning() -> None:
    survey = [
        ["type", "name", "label", "required"],
        ["integer", "a", "A", ""],
        ["text", "b", "B", "${a} > 2"],
        ["text", "c", "C", "1 = 1"],
    ]
    outcome = imported(csv_form(survey))
    assert outcome.questionnaire is not None
    assert not outcome.questionnaire.question("b").required
    assert outcome.questionnaire.question("c").required
    assert ("XLSFORM_CONDITIONAL_REQUIRED", 4) in {
        (d.code, d.location.row) for d in outcome.warnings
    }


def test_comment_rows_blank_cells_and_unknown_columns_are_tolerated() -> None:
    survey = [
        ["type", "name", "label", "my notes", "relevant"],
        ["", "", "", "a comment row", ""],
        ["text", "a", "A", "note", "   "],
    ]
    questionnaire = imported(csv_form(survey)).questionnaire
    assert questionnaire is not None
    assert [q.name for q in questionnaire.questions()] == ["a"]
    assert questionnaire.question("a").relevant == ""


def test_an_expression_that_is_not_xpath_is_refused_with_its_place() -> None:
    survey = [
        ["type", "name", "label", "calculation"],
        ["calculate", "c", "", "because it is prose"],
    ]
    (problem,) = refused(csv_form(survey)).errors
    assert problem.code == "XLSFORM_EXPRESSION_SYNTAX"
    assert (problem.location.row, problem.location.column) == (3, "calculation")
    assert "character 9" in problem.message_en and "caractère 9" in problem.message_fr


def test_two_headers_for_one_column_are_refused_naming_both() -> None:
    survey = [["type", "name", "label", "bind:relevant", "relevance"], ["text", "a", "A", "", ""]]
    (problem,) = refused(csv_form(survey)).errors
    assert "'bind:relevant'" in problem.message_en and "'relevance'" in problem.message_en
    assert "« relevance »" in problem.message_fr


def test_duplicate_choice_names_are_refused_naming_the_rows() -> None:
    choices = [["list_name", "name", "label"], ["yn", "yes", "Oui"], ["yn", "yes", "Yes"]]
    survey = [["type", "name", "label"], ["select_one yn", "q", "Q"]]
    (problem,) = refused(csv_form(survey, choices)).errors
    assert problem.code == "XLSFORM_DUPLICATE_CHOICE"
    assert problem.location.sheet == "choices"
    assert "rows 6 and 7" in problem.message_en


@pytest.mark.parametrize(
    ("survey", "code"),
    [
        ([["type", "name", "label"], ["textt", "a", "A"]], "XLSFORM_UNKNOWN_TYPE"),
        ([["type", "name", "label"], ["include", "other_form", ""]], "XLSFORM_INCLUDE"),
        ([["type", "name", "label"], ["calculate", "c", ""]], "XLSFORM_CALCULATION_MISSING"),
        ([["type", "name", "label"], ["select_one nope", "a", "A"]], "XLSFORM_UNKNOWN_LIST"),
        (
            [["type", "name", "label"], ["begin group", "g", "G"], ["text", "a", "A"]],
            "XLSFORM_UNCLOSED_GROUP",
        ),
        ([["type", "name"], ["text", "a"]], "XLSFORM_NO_LABEL"),
        (
            [["type", "name", "label", "relevant"], ["text", "a", "A", "${nope} = 1"]],
            "XLSFORM_UNKNOWN_REFERENCE",
        ),
    ],
)
def test_forms_that_are_not_valid_xlsforms_are_refused(survey: Table, code: str) -> None:
    outcome = refused(csv_form(survey))
    assert code in codes(outcome)
    assert all(d.location.row is not None for d in outcome.errors)


def test_xlsx_rows_are_spreadsheet_rows_and_sheet_names_are_case_insensitive() -> None:
    data = xlsx_form(
        {
            "Survey": [
                ["TYPE", "NAME", "LABEL"],
                ["select_one colors", "c", "Colour"],
                [],
                ["integer", "n", "Number"],
                ["text", "nom.complet", "x"],
            ],
            "Choices": [
                ["list name", "name", "label"],
                ["colors", 1, "Red"],
                ["colors", 2.0, "Blue"],
            ],
        }
    )
    outcome = imported(data, "form.xlsx")
    questionnaire = outcome.questionnaire
    assert questionnaire is not None
    assert [c.value for c in questionnaire.question("c").choices] == ["1", "2"]
    assert questionnaire.question("n").meta["xlsform"]["row"] == 4
    (renamed,) = [d for d in outcome.warnings if d.code == "XLSFORM_NAME_RENAMED"]
    assert (renamed.location.sheet, renamed.location.row) == ("Survey", 5)


def test_markdown_notation_imports_with_file_lines() -> None:
    text = """
| survey |
|        | type    | name | label |
|        | integer | age  | Age   |
# a comment line
|        | text    | name | Name  |
"""
    questionnaire = imported(text.encode(), "form.md").questionnaire
    assert questionnaire is not None
    assert [q.meta["xlsform"]["row"] for q in questionnaire.questions()] == [4, 6]


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"\x00\x01garbage", "form.xlsx"),
        (b"\x00\x01garbage", "form.xls"),
        (b"\xff\xfe\x00", "form.csv"),
        (b"name_key,name\nmango,Mango\n", "fruits.csv"),
        (b"", "form.md"),
    ],
)
def test_unreadable_files_are_errors_never_exceptions(data: bytes, filename: str) -> None:
    outcome = refused(data, filename)
    assert outcome.errors[0].message_fr and outcome.errors[0].message_en
