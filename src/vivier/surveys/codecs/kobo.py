"""KoboToolbox questionnaires: an asset's JSON content, or a formpack fixture folder.

KoboToolbox stores a form as XLSForm rows in JSON (``content.survey``, ``content.choices``,
``content.settings``), with one twist: translated columns hold a list, one text per entry of
``content.translations`` (``null`` for the texts without a language). Those lists are spread
back into ``label::English (en)`` columns, and the rows go through the XLSForm importer, so
both formats behave the same; problems are located by their JSON path
(``content.survey[4]``) instead of a spreadsheet row.

A formpack fixture folder holds every version of a form; Vivier imports the latest and says
which earlier versions it left aside. A folder without ``fixture.json`` that holds XLSForm
workbooks (what people download from KoboToolbox) is not a formpack folder: each workbook is
a questionnaire of its own (:func:`import_folder_workbooks`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from vivier.surveys.codecs.limits import JsonTooDeep, load_json
from vivier.surveys.codecs.report import Diagnostic, ImportResult, Location, error, result, warning
from vivier.surveys.codecs.xlsform_import import import_workbook
from vivier.surveys.codecs.xlsform_sheets import (
    CHOICES,
    SETTINGS,
    SURVEY,
    TRANSLATABLE,
    Row,
    Sheet,
    Workbook,
)

FORMAT = "kobo"
#: Columns KoboToolbox adds for its own bookkeeping.
_INTERNAL_PREFIX = "$"


class _KoboError(Exception):
    def __init__(self, code: str, fr: str, en: str, path: str = "") -> None:
        super().__init__(en)
        self.code, self.fr, self.en, self.path = code, fr, en, path


def read_kobo_json(document: Any, filename: str) -> ImportResult:
    """Import a KoboToolbox asset (``{"content": {...}}``) or a bare content object."""
    try:
        return _read_document(document, filename, title="", slug="", meta={})
    except _KoboError as exc:
        where = Location(file=filename, path=exc.path)
        return result(None, [error(exc.code, exc.fr, exc.en, where)], FORMAT)
    except Exception as exc:  # a broken upload must never become a traceback
        return result(None, [_unreadable(filename, exc)], FORMAT)


def read_formpack_folder(path: Path) -> ImportResult:
    """Import the latest version of a formpack fixture folder (``fixture.json`` + versions)."""
    name = path.name
    try:
        return _read_folder(path)
    except _KoboError as exc:
        where = Location(file=exc.path or name)
        return result(None, [error(exc.code, exc.fr, exc.en, where)], FORMAT)
    except Exception as exc:  # a broken upload must never become a traceback
        return result(None, [_unreadable(name, exc)], FORMAT)


def _unreadable(filename: str, exc: BaseException) -> Diagnostic:
    detail = f"{type(exc).__name__}: {exc}"
    return error(
        "FILE_UNREADABLE",
        f"Fichier illisible : {detail}. Vérifiez qu'il s'agit d'un formulaire KoboToolbox.",
        f"File unreadable: {detail}. Check that it is a KoboToolbox form.",
        Location(file=filename),
    )


# -- Formpack folders ---------------------------------------------------------------------------


def _load_json(path: Path) -> Any:
    try:
        return load_json(path.read_text(encoding="utf-8"))
    except JsonTooDeep as exc:
        raise _KoboError("JSON_TOO_DEEP", exc.message_fr, exc.message_en, path.name) from exc
    except FileNotFoundError as exc:
        raise _KoboError(
            "KOBO_FILE_MISSING",
            f"Le fichier « {path.name} » est absent du dossier.",
            f"The file '{path.name}' is missing from the folder.",
            path.name,
        ) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _KoboError(
            "JSON_INVALID",
            f"« {path.name} » n'est pas du JSON valide ({exc}).",
            f"'{path.name}' is not valid JSON ({exc}).",
            path.name,
        ) from exc


#: What a folder exported from KoboToolbox may hold instead of formpack's fixture: the
#: form's XLSForm workbooks, one per questionnaire (or per version).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def folder_workbooks(folder: Path) -> tuple[Path, ...]:
    """The XLSForm workbooks of a folder without ``fixture.json``, by name; else none."""
    if (folder / "fixture.json").exists():
        return ()
    return tuple(
        sorted(
            (
                entry
                for entry in folder.iterdir()
                if entry.is_file()
                and entry.suffix.lower() in WORKBOOK_SUFFIXES
                # Excel's lock file while a workbook is open ("~$form.xlsx").
                and not entry.name.startswith("~$")
            ),
            key=lambda entry: entry.name,
        )
    )


def import_folder_workbooks(folder: Path) -> list[tuple[Path, ImportResult]]:
    """Each workbook of :func:`folder_workbooks`, imported alone as the file it is.

    Two workbooks that would be stored under one slug (the same ``id_string``) are refused
    both: one would replace the other.
    """
    from vivier.surveys.codecs.importing import import_path

    imported = [(path, import_path(path)) for path in folder_workbooks(folder)]
    by_slug: dict[str, list[Path]] = {}
    for path, outcome in imported:
        if outcome.questionnaire is not None:
            by_slug.setdefault(outcome.questionnaire.slug, []).append(path)
    checked = []
    for path, outcome in imported:
        slug = outcome.questionnaire.slug if outcome.questionnaire is not None else ""
        others = [p.name for p in by_slug.get(slug, []) if p != path]
        if others:
            shown = ", ".join(others)
            clash = error(
                "KOBO_SAME_FORM_ID",
                f"« {path.name} » et « {shown} » ont le même identifiant de formulaire "
                f"« {slug} » (id_string) : l'un remplacerait l'autre. Importez-les un par un "
                "en donnant à chacun son identifiant (--slug).",
                f"'{path.name}' and '{shown}' have the same form id '{slug}' (id_string): one "
                "would replace the other. Import them one by one, giving each its own id "
                "(--slug).",
                Location(file=path.name),
            )
            outcome = result(None, (*outcome.diagnostics, clash), outcome.source_format)
        checked.append((path, outcome))
    return checked


def _read_folder(folder: Path) -> ImportResult:
    workbooks = folder_workbooks(folder)
    if workbooks:
        names = ", ".join(entry.name for entry in workbooks)
        example = folder / workbooks[0].name
        raise _KoboError(
            "KOBO_FOLDER_OF_WORKBOOKS",
            f"Ce dossier n'a pas de « fixture.json » (dossier formpack) mais contient "
            f"{len(workbooks)} classeur(s) XLSForm ({names}) : chacun est un questionnaire. "
            f"Importez-les un par un (par exemple « vivier questionnaire import {example} »), "
            f"ou tous ensemble avec « vivier questionnaire import {folder} ».",
            f"This folder has no 'fixture.json' (formpack folder) but holds {len(workbooks)} "
            f"XLSForm workbook(s) ({names}): each is a questionnaire. Import them one by one "
            f"(for example 'vivier questionnaire import {example}'), or all together with "
            f"'vivier questionnaire import {folder}'.",
        )
    fixture = _load_json(folder / "fixture.json")
    data = _fixture_data(fixture)
    versions = data.get("versions")
    if not isinstance(versions, list) or not versions:
        raise _KoboError(
            "KOBO_NO_VERSION",
            "« fixture.json » ne liste aucune version du formulaire (clé « versions »).",
            "'fixture.json' lists no version of the form ('versions' key).",
            "fixture.json",
        )
    loaded = [_version(folder, version, index) for index, version in enumerate(versions)]
    ids = [_version_id(version, index) for index, version in enumerate(loaded)]
    latest = loaded[-1]
    meta = {FORMAT: {"version": ids[-1], "earlier_versions": ids[:-1]}, "version": ids[-1]}
    title = str(data.get("title") or "")
    slug = str(data.get("id_string") or folder.name)
    filename = _version_file(versions[-1]) or "fixture.json"
    imported = _read_document(latest, filename, title=title, slug=slug, meta=meta)
    if len(ids) < 2:
        return imported
    earlier = ", ".join(ids[:-1])
    note = warning(
        "KOBO_EARLIER_VERSIONS",
        f"Le dossier contient {len(ids)} versions : seule la dernière ({ids[-1]}) est importée ; "
        f"les versions antérieures ({earlier}) ne le sont pas.",
        f"The folder holds {len(ids)} versions: only the latest ({ids[-1]}) is imported; "
        f"the earlier versions ({earlier}) are not.",
        Location(file="fixture.json", path="versions"),
    )
    return result(imported.questionnaire, (note, *imported.diagnostics), FORMAT)


def _fixture_data(fixture: Any) -> Mapping[str, Any]:
    if isinstance(fixture, dict):
        if isinstance(fixture.get("DATA"), dict):
            return fixture["DATA"]
        if "versions" in fixture:
            return fixture
        for value in fixture.values():
            if isinstance(value, dict) and "versions" in value:
                return value
    raise _KoboError(
        "KOBO_NO_VERSION",
        "« fixture.json » ne décrit pas de formulaire (il faut « title » et « versions »).",
        "'fixture.json' does not describe a form ('title' and 'versions' are needed).",
        "fixture.json",
    )


def _version_file(version: Any) -> str:
    if isinstance(version, dict) and isinstance(version.get("$ref"), str):
        return str(version["$ref"])
    return ""


def _version(folder: Path, version: Any, index: int) -> Mapping[str, Any]:
    reference = _version_file(version)
    if reference:
        target = (folder / reference).resolve()
        if folder.resolve() not in target.parents:
            raise _KoboError(
                "KOBO_BAD_REFERENCE",
                f"La version {index + 1} renvoie hors du dossier (« {reference} »).",
                f"Version {index + 1} points outside the folder ('{reference}').",
                "fixture.json",
            )
        version = _load_json(target)
    if not isinstance(version, dict):
        raise _KoboError(
            "KOBO_BAD_VERSION",
            f"La version {index + 1} n'est pas un objet JSON.",
            f"Version {index + 1} is not a JSON object.",
            reference or "fixture.json",
        )
    return version


def _version_id(version: Mapping[str, Any], index: int) -> str:
    for key in ("version", "version_id", "id"):
        if version.get(key):
            return str(version[key])
    return f"v{index + 1}"


# -- Content ------------------------------------------------------------------------------------


def _read_document(
    document: Any, filename: str, *, title: str, slug: str, meta: Mapping[str, Any]
) -> ImportResult:
    content = document.get("content") if isinstance(document, dict) else None
    if content is None and isinstance(document, dict) and "survey" in document:
        content = document
    if not isinstance(content, dict) or not isinstance(content.get("survey"), list):
        raise _KoboError(
            "KOBO_NO_SURVEY",
            "Ce JSON n'est pas un formulaire KoboToolbox : il faut un objet « content » avec "
            "une liste « survey ».",
            "This JSON is not a KoboToolbox form: a 'content' object with a 'survey' list is "
            "needed.",
            "content",
        )
    if isinstance(document, dict):
        title = title or str(document.get("name") or "")
    translations = content.get("translations") or [None]
    if not isinstance(translations, list):
        translations = [None]
    # Without a ``translations`` list (content written by hand or by another tool), the
    # columns' own suffixes (``label::English``) say the languages, as in an XLSForm.
    declared = isinstance(content.get("translations"), list) and bool(content["translations"])
    translated = content.get("translated")
    translated_keys = set(translated) if isinstance(translated, list) else set()
    problems: list[Diagnostic] = []
    checked = problems if declared else []
    sheets = {
        SURVEY: _sheet(SURVEY, content["survey"], translations, translated_keys, filename, checked)
    }
    if isinstance(content.get("choices"), list):
        sheets[CHOICES] = _sheet(
            CHOICES, content["choices"], translations, translated_keys, filename, checked
        )
    settings = content.get("settings")
    if isinstance(settings, list):
        settings = settings[0] if settings and isinstance(settings[0], dict) else None
    if isinstance(settings, dict) and settings:
        cells = {str(k): _text(v) for k, v in settings.items() if _text(v)}
        sheets[SETTINGS] = Sheet(SETTINGS, SETTINGS, tuple(cells), (Row(0, cells),))
    if problems:
        return result(None, problems, FORMAT)
    workbook = Workbook(sheets, tuple(sheets), located_by="json")
    imported = import_workbook(workbook, filename, FORMAT, title=title, slug=slug, meta=meta)
    languages = [] if declared else _column_languages(sheets.values())
    if not languages:
        return imported
    shown = ", ".join(languages)
    note = warning(
        "KOBO_TRANSLATIONS_FROM_COLUMNS",
        f"« content.translations » est absent : les langues sont lues dans les noms de "
        f"colonnes ({shown}).",
        f"'content.translations' is missing: the languages are read from the column names "
        f"({shown}).",
        Location(file=filename, path="content.translations"),
    )
    return result(imported.questionnaire, (note, *imported.diagnostics), FORMAT)


def _column_languages(sheets: Iterable[Sheet]) -> list[str]:
    """``English``, ``French``: the languages of ``label::English``-like columns, in order."""
    found: dict[str, None] = {}
    for sheet in sheets:
        for header in sheet.headers:
            base, _, language = header.partition("::")
            if language.strip() and base.strip() in TRANSLATABLE:
                found.setdefault(language.strip())
    return list(found)


def _text(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _sheet(
    name: str,
    rows: list[Any],
    translations: list[Any],
    translated: set[str],
    filename: str,
    problems: list[Diagnostic],
) -> Sheet:
    headers: dict[str, None] = {}
    kept: list[Row] = []
    declared = {t for t in translations if isinstance(t, str)}
    for index, raw in enumerate(rows):
        if not isinstance(raw, dict):
            continue
        cells: dict[str, str] = {}
        for key, value in raw.items():
            key = str(key)
            if key.startswith(_INTERNAL_PREFIX):
                continue
            if "::" in key:
                base, language = (part.strip() for part in key.split("::", 1))
                if base in TRANSLATABLE and language not in declared:
                    problems.append(_undeclared(name, index, key, language, translations, filename))
            if isinstance(value, list) and (key in translated or len(value) == len(translations)):
                for language, text in zip(translations, value, strict=False):
                    header = key if not language else f"{key}::{language}"
                    if _text(text):
                        cells[header] = _text(text)
                continue
            if _text(value):
                cells[key] = _text(value)
        if "name" not in cells and isinstance(raw.get("$autoname"), str):
            cells["name"] = raw["$autoname"]
        for header in cells:
            headers.setdefault(header)
        if cells:
            kept.append(Row(index, cells))
    return Sheet(name, name, tuple(headers), tuple(kept))


def _undeclared(
    sheet: str, index: int, key: str, language: str, translations: list[Any], filename: str
) -> Diagnostic:
    shown = ", ".join("(sans langue)" if t is None else str(t) for t in translations)
    shown_en = ", ".join("(no language)" if t is None else str(t) for t in translations)
    return error(
        "KOBO_UNDECLARED_TRANSLATION",
        f"La colonne « {key} » est dans la langue « {language} », que « content.translations » "
        f"ne déclare pas ({shown}) : ajoutez cette langue aux traductions ou renommez la "
        "colonne.",
        f"The column '{key}' is in the language '{language}', which 'content.translations' "
        f"does not declare ({shown_en}): add the language to the translations or rename the "
        "column.",
        Location(file=filename, path=f"content.{sheet}[{index}]", column=key),
    )


__all__ = [
    "FORMAT",
    "folder_workbooks",
    "import_folder_workbooks",
    "read_formpack_folder",
    "read_kobo_json",
]
