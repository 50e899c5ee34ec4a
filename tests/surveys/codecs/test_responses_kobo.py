"""KoboToolbox / ODK submissions mapped onto an imported questionnaire."""

import json

from vivier.surveys.codecs.responses.kobo import read_kobo_csv, read_kobo_json
from vivier.surveys.schema import Choice, Question, Questionnaire, QuestionType, Section


def household() -> Questionnaire:
    return Questionnaire(
        slug="menage",
        title="Ménages",
        sections=(
            Section(
                "household_visit",
                "Visite",
                (
                    Question(
                        "household_location",
                        QuestionType.SHORT_TEXT,
                        "Lieu",
                        meta={"source_name": "household_location"},
                    ),
                    Question(
                        "member_name",
                        QuestionType.SHORT_TEXT,
                        "Nom",
                        meta={"source_name": "household-member-name"},
                    ),
                    Question(
                        "needs",
                        QuestionType.MULTIPLE_CHOICE,
                        "Besoins",
                        choices=(Choice("food", "Alimentation"), Choice("housing", "Logement")),
                        other=True,
                    ),
                    Question("size", QuestionType.INTEGER, "Taille"),
                ),
            ),
        ),
    )


def submissions() -> list[dict]:
    return [
        {
            "household_visit/household_location": "montreal",
            "household_visit/repeat": [
                {"household_visit/repeat/household-member-name": "peter"},
                {"household_visit/repeat/household-member-name": "kyle"},
            ],
            "household_visit/needs": "food other",
            "household_visit/needs_other": "transport",
            "household_visit/size": "4",
            "start": "2016-03-14T14:15:48.000-04:00",
            "end": "2016-03-14T14:18:35.000-04:00",
            "meta/instanceID": "uuid:91ab8237",
            "_id": 7,
            "household_visit/unknown_field": "x",
        }
    ]


def test_json_submissions_map_by_name_whatever_the_group_path():
    found = read_kobo_json(json.dumps(submissions()).encode(), household(), "data.json")
    assert not found.errors
    [(row, record)] = found.records
    assert row == 1
    assert record["id"] == "uuid:91ab8237"
    assert record["submitted_at"].startswith("2016-03-14T14:18:35")
    assert record["answers"] == {
        "household_location": "montreal",
        "member_name": "peter",
        "needs": ["food", "other"],
        "needs_other": "transport",
        "size": "4",
    }
    codes = {d.code: d for d in found.warnings}
    assert codes["RESPONSE_COLUMN_UNMAPPED"].location.column == "household_visit/unknown_field"
    assert "household_visit/repeat" in codes["KOBO_REPEAT_REDUCED"].message("en")
    assert "1 entry" in codes["KOBO_REPEAT_REDUCED"].message("en")


def test_the_api_envelope_is_accepted_and_a_missing_id_is_stable():
    bare = [{"household_location": "lyon"}]
    first = read_kobo_json(json.dumps({"results": bare}).encode(), household(), "api.json")
    again = read_kobo_json(json.dumps(bare).encode(), household(), "list.json")
    assert first.records[0][1]["id"] == again.records[0][1]["id"]
    assert first.records[0][1]["id"].startswith("kobo-")
    assert any(d.code == "KOBO_NO_TIME" for d in first.warnings)


def test_csv_export_with_semicolons_and_option_columns():
    text = (
        "start;end;household_location;needs;needs/food;needs/housing;size;_uuid;_submission_time\n"
        "2020-01-01;2020-01-01;Paris;food housing;1;1;3;abc;2020-01-02T10:00:00\n"
        "2020-01-01;2020-01-01;Lille;;0;0;;def;2020-01-03T10:00:00\n"
    )
    found = read_kobo_csv(text.encode(), household(), "export.csv")
    assert not found.diagnostics
    assert [row for row, _r in found.records] == [2, 3]
    assert found.records[0][1]["answers"] == {
        "household_location": "Paris",
        "needs": ["food", "housing"],
        "size": "3",
    }
    assert found.records[1][1]["id"] == "def"


def test_responses_of_another_form_are_refused_with_a_hint():
    found = read_kobo_json(json.dumps([{"colour": "red"}]).encode(), household(), "x.json")
    assert [d.code for d in found.errors] == ["KOBO_NOTHING_MAPPED"]
    assert "XML" in found.errors[0].message("fr")


def test_bad_json_is_an_error_not_a_crash():
    found = read_kobo_json(b"[{", household(), "x.json")
    assert found.errors and "JSON" in found.errors[0].message("en")
