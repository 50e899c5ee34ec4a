"""Documents into the registry: every sheet found becomes a draft for the working group.

The parser (``vivier.practices.importing``) is pure; this module writes its result, all
sheets or none, and keeps what it could not place so the reviewer sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from vivier.problems import Diagnostic

from . import registry
from .importing import ImportResult, Unplaced, parse_document
from .models import Practice


@dataclass
class ImportedDocument:
    source: str
    practices: list[Practice] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    #: Codes of the document's sheets already in the registry, left as they are there.
    already_present: list[str] = field(default_factory=list)


def import_text(text: str, *, source: str, author: Any = None) -> ImportedDocument:
    """Creates one draft per sheet of ``text``; nothing is written if one sheet fails.

    A sheet whose code ("1A") another sheet already has is not imported again (a code names
    one sheet): importing the same report twice adds nothing the second time.
    """
    result: ImportResult = parse_document(text)
    imported = ImportedDocument(source, warnings=result.warnings, unplaced=result.unplaced)
    from auditlog.context import disable_auditlog

    from vivier import audit

    # One line for the import, naming its sheets, rather than a line per sheet created.
    with transaction.atomic(), disable_auditlog():
        for sheet in result.sheets:
            try:
                practice = registry.save_sheet(
                    sheet, author=author, note=f"importée depuis {source}"[:300]
                )
            except registry.CodeTakenError as taken:
                imported.already_present.append(taken.code)
                continue
            imported.practices.append(practice)
        if imported.practices:
            audit.record(
                None,
                "practices.import",
                audit.Subject(Practice, "", source[:255]),
                source=source[:255],
                sheets=[p.slug for p in imported.practices],
                already_present=len(imported.already_present),
            )
    return imported
