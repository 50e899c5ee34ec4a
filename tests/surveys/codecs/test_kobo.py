"""KoboToolbox import: asset JSON content and formpack fixture folders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vivier.surveys.codecs.kobo.reader import read_formpack_folder, read_kobo_json
from vivier.surveys.schema import QuestionType


def content(**extra: Any) -> dict[str, Any]:
    return {
        "survey": [
            {"type": "start", "name": "start", "$kuid": "a1"},
            {
                "type": "select_one",
                "select_from_list_name": "yn",
                "name": "happy",
                "label": ["Are you happy?", "Êtes-vous heureux ?"],
                "required": True,
            },
            {
                "type": "begin_group",
                "name": "why",
                "label": ["Why", "Pourquoi"],
                "relevant": "${happy} = 'yes'",
            },
            {"type": "text", "$autoname": "reason", "label": ["Reason", "Raison"]},
            {"type": "end_group"},
        ],
        "choices": [
            {"list_name": "yn", "name": "yes", "label": ["Yes", "Oui"]},
            {"list_name": "yn", "name": 0, "label": ["No", "Non"]},
        ],
        "translations": ["English (en)", "Français (fr)"],
        "translated": ["label"],
        **extra,
    }


def test_asset_content_with_translated_lists() -> None:
    outcome = read_kobo_json({"name": "Bonheur", "content": content()}, "asset.json")
    assert outcome.ok, [d.describe("en") for d in outcome.errors]
    assert outcome.source_format == "kobo"
    questionnaire = outcome.questionnaire
    assert questionnaire is not None
    assert questionnaire.title == "Bonheur"
    assert questionnaire.language == "fr"
    happy = questionnaire.question("happy")
    assert happy.type is QuestionType.SINGLE_CHOICE and happy.required
    assert happy.label == "Êtes-vous heureux ?"
    assert happy.translations["en"] == {"label": "Are you happy?"}
    assert [(c.value, c.label) for c in happy.choices] == [("yes", "Oui"), ("0", "Non")]
    why = questionnaire.section_of("reason")
    assert why.title == "Pourquoi" and why.relevant == "${happy} = 'yes'"
    (dropped,) = [d for d in outcome.warnings if d.code == "XLSFORM_METADATA_DROPPED"]
    assert dropped.location.path == "content.survey[0]"


def test_bare_content_object_is_accepted() -> None:
    outcome = read_kobo_json(content(), "content.json")
    assert outcome.ok
    assert outcome.questionnaire is not None
    assert outcome.questionnaire.slug == "content"


def test_a_language_column_the_translations_do_not_declare_is_refused() -> None:
    document = {
        "content": {
            "survey": [{"type": "text", "name": "q", "label": ["Q?"], "hint::English (en)": "h"}],
            "translated": ["hint", "label"],
            "translations": [None],
        }
    }
    outcome = read_kobo_json(document, "v1.json")
    assert outcome.questionnaire is None
    (problem,) = outcome.errors
    assert problem.code == "KOBO_UNDECLARED_TRANSLATION"
    assert problem.location.path == "content.survey[0]"
    assert "hint::English (en)" in problem.message_en and "hint::English (en)" in problem.message_fr


def test_problems_are_located_by_json_path() -> None:
    document = content()
    document["survey"].append(
        {"type": "integer", "name": "n", "label": ["N", "N"], "constraint": "(. > 2"}
    )
    outcome = read_kobo_json({"content": document}, "asset.json")
    assert outcome.questionnaire is None
    (problem,) = outcome.errors
    assert problem.location.path == "content.survey[5]"
    assert problem.location.column == "constraint"


def test_not_a_kobo_document_is_an_error_not_an_exception() -> None:
    for document in ({"content": {"survey": "nope"}}, [1, 2], None, {"content": {"survey": [1]}}):
        outcome = read_kobo_json(document, "x.json")
        assert outcome.questionnaire is None or not outcome.questionnaire.sections
        if outcome.questionnaire is None:
            assert outcome.errors[0].message_fr


def write(folder: Path, name: str, document: Any) -> None:
    (folder / name).write_text(json.dumps(document), encoding="utf-8")


def test_formpack_folder_imports_the_latest_version(tmp_path: Path) -> None:
    old = {"version": "v1", "content": {"survey": [{"type": "text", "name": "a", "label": ["A"]}]}}
    new = {"version": "v2", "content": content()}
    write(tmp_path, "v1.json", old)
    write(tmp_path, "v2.json", new)
    fixture = {
        "DATA": {
            "title": "Happy",
            "id_string": "happy_form",
            "versions": [{"$ref": "v1.json"}, {"$ref": "v2.json"}],
        }
    }
    write(tmp_path, "fixture.json", fixture)
    outcome = read_formpack_folder(tmp_path)
    assert outcome.ok
    questionnaire = outcome.questionnaire
    assert questionnaire is not None
    assert questionnaire.title == "Happy" and questionnaire.slug == "happy-form"
    assert "happy" in questionnaire.question_map() and "a" not in questionnaire.question_map()
    assert questionnaire.meta["kobo"]["earlier_versions"] == ["v1"]
    assert questionnaire.meta["version"] == "v2"
    (note,) = [d for d in outcome.warnings if d.code == "KOBO_EARLIER_VERSIONS"]
    assert "v1" in note.message_en and "v1" in note.message_fr


def test_formpack_folder_with_a_missing_version_file(tmp_path: Path) -> None:
    write(tmp_path, "fixture.json", {"DATA": {"title": "T", "versions": [{"$ref": "v9.json"}]}})
    outcome = read_formpack_folder(tmp_path)
    assert outcome.questionnaire is None
    assert "v9.json" in outcome.errors[0].message_en
