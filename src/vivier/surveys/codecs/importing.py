"""One entry point for every questionnaire file a person may bring: pick the reader by format.

Formats: XLSForm (``.xlsx``, ``.xlsm``, ``.xls``, and pyxform's ``.csv`` and ``.md``
notations), KoboToolbox form JSON (an asset's ``content``, or a formpack fixture folder),
LimeSurvey survey structure (``.lss``) and Vivier's own JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

from vivier.surveys.codecs import CodecError
from vivier.surveys.codecs.limits import JsonTooDeep, load_json
from vivier.surveys.codecs.report import ImportResult, Location, engine_diagnostics, error, result

XLSFORM_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".md")
SUFFIXES = (*XLSFORM_SUFFIXES, ".lss", ".json")
#: Questionnaire files are small; a bigger upload is refused before anything parses it.
MAX_BYTES = 20 * 1024 * 1024


def import_path(path: Path) -> ImportResult:
    """Read a file, or a KoboToolbox formpack fixture folder (all its versions together)."""
    if path.is_dir():
        from vivier.surveys.codecs import kobo

        return kobo.read_formpack_folder(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        return _too_big(path.name, size)
    return import_bytes(path.read_bytes(), path.name)


def import_bytes(data: bytes, filename: str) -> ImportResult:
    """Read an uploaded file, the format chosen by the file name's extension."""
    suffix = Path(filename).suffix.lower()
    if len(data) > MAX_BYTES:
        return _too_big(filename, len(data))
    if suffix in XLSFORM_SUFFIXES:
        from vivier.surveys.codecs import xlsform_import

        return xlsform_import.read_xlsform(data, filename)
    if suffix == ".lss":
        from vivier.surveys.codecs import limesurvey

        return limesurvey.read_lss(data, filename)
    if suffix == ".json":
        return _read_json(data, filename)
    known = ", ".join(SUFFIXES)
    return result(
        None,
        [
            error(
                "UNKNOWN_FORMAT",
                f"Format de fichier non reconnu ({suffix or 'sans extension'}) : "
                f"formats acceptés {known}.",
                f"Unknown file format ({suffix or 'no extension'}): accepted formats are {known}.",
                Location(file=filename),
            )
        ],
        "",
    )


def _read_json(data: bytes, filename: str) -> ImportResult:
    where = Location(file=filename)
    try:
        document = load_json(data)
    except JsonTooDeep as exc:
        return result(None, [error("JSON_TOO_DEEP", exc.message_fr, exc.message_en, where)], "")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return result(
            None,
            [
                error(
                    "JSON_INVALID",
                    f"Ce fichier n'est pas du JSON valide ({exc}).",
                    f"This file is not valid JSON ({exc}).",
                    where,
                )
            ],
            "",
        )
    if isinstance(document, dict) and document.get("format") == "vivier-questionnaire":
        from vivier.surveys.codecs import vivier_json

        try:
            questionnaire = vivier_json.load(document)
        except CodecError as exc:
            return result(
                None,
                [
                    error(
                        "VIVIER_JSON_INVALID",
                        f"Champ « {exc.path or 'document'} » : {exc.message}",
                        f"Field '{exc.path or 'document'}': {exc.message}",
                        Location(file=filename, path=exc.path),
                    )
                ],
                "vivier",
            )
        return result(questionnaire, engine_diagnostics(questionnaire), "vivier")
    from vivier.surveys.codecs import kobo

    return kobo.read_kobo_json(document, filename)


def _too_big(filename: str, size: int) -> ImportResult:
    limit = MAX_BYTES // (1024 * 1024)
    return result(
        None,
        [
            error(
                "FILE_TOO_BIG",
                f"Le fichier pèse {size // 1024} Ko : la limite est de {limit} Mo.",
                f"The file is {size // 1024} KB: the limit is {limit} MB.",
                Location(file=filename),
            )
        ],
        "",
    )
