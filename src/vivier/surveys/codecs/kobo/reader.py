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

from vivier.problems import (
    Diagnostic,
    Localized,
    Location,
    ProblemCode,
    ProblemError,
    codes,
    problem,
)
from vivier.surveys.codecs.report import ImportResult, result
from vivier.surveys.codecs.shared.limits import JsonTooDeep, load_json
from vivier.surveys.codecs.xlsform.reader import import_workbook
from vivier.surveys.codecs.xlsform.sheets import (
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


class _KoboError(ProblemError):
    """A file of the form that stops the import; ``path`` is the file or the JSON path."""

    def __init__(self, code: ProblemCode, path: str = "", /, **params: object) -> None:
        super().__init__(problem(code, **params))
        self.path = path


def read_kobo_json(document: Any, filename: str) -> ImportResult:
    """Import a KoboToolbox asset (``{"content": {...}}``) or a bare content object."""
    try:
        return _read_document(document, filename, title="", slug="", meta={})
    except _KoboError as exc:
        where = Location(file=filename, path=exc.path)
        return result(None, [exc.diagnostic.at(where)], FORMAT)
    except Exception as exc:  # a broken upload must never become a traceback
        return result(None, [_unreadable(filename, exc)], FORMAT)


def read_formpack_folder(path: Path) -> ImportResult:
    """Import the latest version of a formpack fixture folder (``fixture.json`` + versions)."""
    name = path.name
    try:
        return _read_folder(path)
    except _KoboError as exc:
        where = Location(file=exc.path or name)
        return result(None, [exc.diagnostic.at(where)], FORMAT)
    except Exception as exc:  # a broken upload must never become a traceback
        return result(None, [_unreadable(name, exc)], FORMAT)


def _unreadable(filename: str, exc: BaseException) -> Diagnostic:
    return problem(
        ProblemCode.FILE_UNREADABLE,
        Location(file=filename),
        detail=f"{type(exc).__name__}: {exc}",
        tool="KoboToolbox",
    )


# -- Formpack folders ---------------------------------------------------------------------------


def _load_json(path: Path) -> Any:
    try:
        return load_json(path.read_text(encoding="utf-8"))
    except JsonTooDeep as exc:
        raise _KoboError(ProblemCode.JSON_TOO_DEEP, path.name, **exc.diagnostic.params) from exc
    except FileNotFoundError as exc:
        raise _KoboError(ProblemCode.KOBO_FILE_MISSING, path.name, name=path.name) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _KoboError(ProblemCode.JSON_INVALID, path.name, detail=str(exc)) from exc


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
            clash = problem(
                ProblemCode.KOBO_SAME_FORM_ID,
                Location(file=path.name),
                file=path.name,
                others=", ".join(others),
                slug=slug,
            )
            outcome = result(None, (*outcome.diagnostics, clash), outcome.source_format)
        checked.append((path, outcome))
    return checked


def _read_folder(folder: Path) -> ImportResult:
    workbooks = folder_workbooks(folder)
    if workbooks:
        raise _KoboError(
            ProblemCode.KOBO_FOLDER_OF_WORKBOOKS,
            count=len(workbooks),
            names=", ".join(entry.name for entry in workbooks),
            example=folder / workbooks[0].name,
            folder=folder,
        )
    fixture = _load_json(folder / "fixture.json")
    data = _fixture_data(fixture)
    versions = data.get("versions")
    if not isinstance(versions, list) or not versions:
        raise _KoboError(ProblemCode.KOBO_NO_VERSION, "fixture.json")
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
    note = problem(
        ProblemCode.KOBO_EARLIER_VERSIONS,
        Location(file="fixture.json", path="versions"),
        count=len(ids),
        latest=ids[-1],
        earlier=", ".join(ids[:-1]),
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
    raise _KoboError(ProblemCode.KOBO_NOT_A_FIXTURE, "fixture.json")


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
                ProblemCode.KOBO_BAD_REFERENCE,
                "fixture.json",
                number=index + 1,
                reference=reference,
            )
        version = _load_json(target)
    if not isinstance(version, dict):
        raise _KoboError(
            ProblemCode.KOBO_BAD_VERSION, reference or "fixture.json", number=index + 1
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
        raise _KoboError(ProblemCode.KOBO_NO_SURVEY, "content")
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
    note = problem(
        ProblemCode.KOBO_TRANSLATIONS_FROM_COLUMNS,
        Location(file=filename, path="content.translations"),
        languages=", ".join(languages),
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
    declared = codes.joined(
        codes.NO_LANGUAGE if t is None else Localized(str(t), str(t)) for t in translations
    )
    return problem(
        ProblemCode.KOBO_UNDECLARED_TRANSLATION,
        Location(file=filename, path=f"content.{sheet}[{index}]", column=key),
        column=key,
        language=language,
        declared=declared,
    )


__all__ = [
    "FORMAT",
    "folder_workbooks",
    "import_folder_workbooks",
    "read_formpack_folder",
    "read_kobo_json",
]
