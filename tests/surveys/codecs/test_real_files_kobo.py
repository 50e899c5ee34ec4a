"""KoboToolbox content and folders as people bring them (pure importer).

Content whose label columns carry their language (``label::English``) without a
``translations`` list, and a folder that holds XLSForm workbooks instead of formpack's
``fixture.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

from vivier.surveys.codecs.importing import import_bytes, import_path
from vivier.surveys.codecs.kobo.reader import (
    folder_workbooks,
    import_folder_workbooks,
    read_kobo_json,
)

from .real_files import kobo_content_with_language_columns, workbook

# -- languages read from the columns --------------------------------------------------------------


def test_language_suffixed_columns_without_translations_import_with_those_languages():
    result = read_kobo_json(kobo_content_with_language_columns(), "visite.json")
    assert result.ok, [d.describe("en") for d in result.errors]
    questionnaire = result.questionnaire
    assert questionnaire is not None
    assert questionnaire.language == "fr"
    recu = questionnaire.question("recu")
    assert recu.label == "Avez-vous été reçu ?"
    assert recu.translations["english"] == {"label": "Were you received?"}
    assert [(c.value, c.label, dict(c.translations)) for c in recu.choices] == [
        ("yes", "Oui", {"english": "Yes"}),
        ("no", "Non", {"english": "No"}),
    ]
    remarque = questionnaire.question("remarque")
    assert remarque.hint == "Facultatif"
    assert remarque.translations["english"] == {"label": "Remark", "hint": "Optional"}
    [note] = result.diagnostics
    assert note.code == "KOBO_TRANSLATIONS_FROM_COLUMNS" and not note.is_error
    assert "(English, French)" in note.message_en and "content.translations" in note.message_en
    assert "noms de colonnes (English, French)" in note.message_fr


def test_the_same_content_through_the_file_entry_point():
    data = json.dumps(kobo_content_with_language_columns()).encode()
    result = import_bytes(data, "visite.json")
    assert result.ok and result.source_format == "kobo"


def test_a_declared_translations_list_still_refuses_an_undeclared_language():
    document = kobo_content_with_language_columns()
    document["content"]["translations"] = ["French"]
    result = read_kobo_json(document, "visite.json")
    assert result.questionnaire is None
    assert {d.code for d in result.errors} == {"KOBO_UNDECLARED_TRANSLATION"}
    assert "label::English" in result.errors[0].message_en


# -- a folder of XLSForm workbooks ----------------------------------------------------------------


def _folder(tmp_path: Path, forms: dict[str, str]) -> Path:
    folder = tmp_path / "formulaires"
    folder.mkdir()
    for filename, form_id in forms.items():
        data = workbook(
            ("survey", [["type", "name", "label"], ["text", "q1", f"Question de {form_id}"]]),
            ("settings", [["form_id", "form_title"], [form_id, form_id.title()]]),
        )
        (folder / filename).write_bytes(data)
    (folder / "~$visite.xlsx").write_bytes(b"lock")  # Excel's lock file: not a form
    (folder / "notes.txt").write_text("exported from KoboToolbox")
    return folder


def test_a_folder_of_workbooks_is_not_mistaken_for_a_formpack_fixture(tmp_path):
    folder = _folder(tmp_path, {"visite.xlsx": "visite", "accueil.xlsm": "accueil"})
    assert [p.name for p in folder_workbooks(folder)] == ["accueil.xlsm", "visite.xlsx"]
    result = import_path(folder)
    assert result.questionnaire is None
    [problem] = result.diagnostics
    assert problem.code == "KOBO_FOLDER_OF_WORKBOOKS"
    assert "accueil.xlsm, visite.xlsx" in problem.message_en
    assert f"vivier questionnaire import {folder}" in problem.message_en
    assert "Importez-les un par un" in problem.message_fr
    assert problem.location.file == "formulaires"


def test_each_workbook_of_the_folder_imports_on_its_own(tmp_path):
    folder = tmp_path / "formulaires"
    folder.mkdir()
    for form_id in ("visite", "accueil"):
        data = workbook(
            ("survey", [["type", "name", "label"], ["text", "q1", f"Question de {form_id}"]]),
            ("settings", [["form_id"], [form_id]]),
        )
        (folder / f"{form_id}.xlsx").write_bytes(data)
    found = import_folder_workbooks(folder)
    assert [(path.name, result.ok) for path, result in found] == [
        ("accueil.xlsx", True),
        ("visite.xlsx", True),
    ]
    assert [r.questionnaire.slug for _, r in found if r.questionnaire] == ["accueil", "visite"]


def test_two_workbooks_with_one_form_id_are_both_refused(tmp_path):
    folder = tmp_path / "formulaires"
    folder.mkdir()
    data = workbook(
        ("survey", [["type", "name", "label"], ["text", "q1", "Q"]]),
        ("settings", [["form_id"], ["visite"]]),
    )
    (folder / "visite.xlsx").write_bytes(data)
    (folder / "visite-copie.xlsx").write_bytes(data)
    found = import_folder_workbooks(folder)
    assert [result.ok for _, result in found] == [False, False]
    problem = found[0][1].errors[-1]
    assert problem.code == "KOBO_SAME_FORM_ID"
    assert "'visite-copie.xlsx' and 'visite.xlsx' have the same form id 'visite'" in (
        problem.message_en
    )
    assert "même identifiant" in problem.message_fr


def test_a_formpack_folder_is_still_read_as_one(tmp_path):
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "fixture.json").write_text(
        json.dumps({"title": "T", "versions": [{"$ref": "v1.json"}]})
    )
    content = {"survey": [{"type": "text", "name": "a", "label": "A"}]}
    (folder / "v1.json").write_text(json.dumps({"version": "v1", "content": content}))
    (folder / "old.xlsx").write_bytes(b"not read")
    assert folder_workbooks(folder) == ()
    assert import_path(folder).ok
