"""Questionnaires brought from other tools: run the importer, store the result as a version.

The import itself is pure (``vivier.surveys.codecs.importing``); this module adds what needs
the database: a slug the person may choose, the new version (or a new version of a
questionnaire imported before), and the import report kept with it.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from pathlib import Path

from django.db import transaction

from vivier.surveys.codecs.importing import import_bytes, import_path
from vivier.surveys.codecs.kobo.reader import import_folder_workbooks
from vivier.surveys.codecs.report import Diagnostic, ImportResult

from .models import QuestionnaireVersion
from .questionnaires import install

_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _SLUG_RE.sub("-", folded).strip("-")[:90] or "questionnaire"


def diagnostic_record(diagnostic: Diagnostic) -> dict[str, str]:
    """A diagnostic as stored with the version (JSON) and shown on its page."""
    return {
        "severity": diagnostic.severity.value,
        "code": diagnostic.code,
        "where_fr": diagnostic.location.describe("fr"),
        "where_en": diagnostic.location.describe("en"),
        "fr": diagnostic.message_fr,
        "en": diagnostic.message_en,
    }


def store(result: ImportResult, source_name: str, slug: str = "") -> QuestionnaireVersion:
    """Install a successful import; ``slug`` overrides the one the file gives."""
    assert result.questionnaire is not None, "only a successful import can be stored"
    questionnaire = result.questionnaire
    wanted = slugify(slug or questionnaire.slug)
    if wanted != questionnaire.slug:
        questionnaire = dataclasses.replace(questionnaire, slug=wanted)
    version = install(questionnaire)
    version.source_format = result.source_format
    version.source_name = source_name[:255]
    version.import_report = [diagnostic_record(d) for d in result.diagnostics]
    version.save(update_fields=["source_format", "source_name", "import_report"])
    from vivier import audit

    audit.record(
        None,
        "questionnaire.import",
        version,
        format=result.source_format,
        source=version.source_name,
        warnings=len(result.warnings),
    )
    return version


def import_upload(
    data: bytes, filename: str, *, slug: str = ""
) -> tuple[ImportResult, QuestionnaireVersion | None]:
    result = import_bytes(data, filename)
    if not result.ok:
        return result, None
    return result, store(result, filename, slug)


def import_file(path: Path, *, slug: str = "") -> tuple[ImportResult, QuestionnaireVersion | None]:
    result = import_path(path)
    if not result.ok:
        return result, None
    return result, store(result, path.name, slug)


def import_workbooks(
    folder: Path, *, slug: str = ""
) -> tuple[list[tuple[Path, ImportResult]], dict[Path, QuestionnaireVersion]]:
    """Each XLSForm workbook of a folder without ``fixture.json``: all stored, or none.

    ``slug`` is only for a folder of one workbook (the command line checks it).
    """
    found = import_folder_workbooks(folder)
    if not found or not all(outcome.ok for _, outcome in found):
        return found, {}
    with transaction.atomic():
        versions = {path: store(outcome, path.name, slug) for path, outcome in found}
    return found, versions
