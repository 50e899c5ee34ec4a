"""One entry point for every questionnaire file a person may bring: pick the reader by format.

Formats: XLSForm (``.xlsx``, ``.xlsm``, ``.xls``, and pyxform's ``.csv`` and ``.md``
notations), KoboToolbox form JSON (an asset's ``content``, or a formpack fixture folder),
LimeSurvey survey structure (``.lss``) and Vivier's own JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

from vivier.problems import Location, ProblemCode, codes, problem
from vivier.surveys.codecs import CodecError
from vivier.surveys.codecs.report import ImportResult, engine_diagnostics, result
from vivier.surveys.codecs.shared.limits import JsonTooDeep, load_json

XLSFORM_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".md")
SUFFIXES = (*XLSFORM_SUFFIXES, ".lss", ".json")
#: Questionnaire files are small; a bigger upload is refused before anything parses it.
MAX_BYTES = 20 * 1024 * 1024


def import_path(path: Path) -> ImportResult:
    """Read a file, or a KoboToolbox formpack fixture folder (all its versions together)."""
    if path.is_dir():
        from vivier.surveys.codecs.kobo.reader import read_formpack_folder

        return read_formpack_folder(path)
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
        from vivier.surveys.codecs.xlsform.reader import read_xlsform

        return read_xlsform(data, filename)
    if suffix == ".lss":
        from vivier.surveys.codecs.limesurvey.reader import read_lss

        return read_lss(data, filename)
    if suffix == ".json":
        return _read_json(data, filename)
    refused = problem(
        ProblemCode.UNKNOWN_FORMAT,
        Location(file=filename),
        suffix=suffix or codes.NO_EXTENSION,
        known=", ".join(SUFFIXES),
    )
    return result(None, [refused], "")


def _read_json(data: bytes, filename: str) -> ImportResult:
    where = Location(file=filename)
    try:
        document = load_json(data)
    except JsonTooDeep as exc:
        return result(None, [exc.diagnostic.at(where)], "")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return result(None, [problem(ProblemCode.JSON_INVALID, where, detail=str(exc))], "")
    if isinstance(document, dict) and document.get("format") == "vivier-questionnaire":
        from vivier.surveys.codecs import vivier_json

        try:
            questionnaire = vivier_json.load(document)
        except CodecError as exc:
            refused = problem(
                ProblemCode.VIVIER_JSON_INVALID,
                Location(file=filename, path=exc.path),
                path=exc.path or "document",
                reason=exc.reason,
            )
            return result(None, [refused], "vivier")
        return result(questionnaire, engine_diagnostics(questionnaire), "vivier")
    from vivier.surveys.codecs.kobo.reader import read_kobo_json

    return read_kobo_json(document, filename)


def _too_big(filename: str, size: int) -> ImportResult:
    refused = problem(
        ProblemCode.FILE_TOO_BIG,
        Location(file=filename),
        size_kb=size // 1024,
        limit_mb=MAX_BYTES // (1024 * 1024),
    )
    return result(None, [refused], "")
