"""Documents into the registry: every sheet found becomes a draft for the working group.

The parser (``vivier.practices.importing``) is pure; this module writes its result, all
sheets or none, and keeps what it could not place so the reviewer sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from . import registry
from .importing import ImportResult, ImportWarning, Unplaced, parse_document
from .models import Practice


@dataclass
class ImportedDocument:
    source: str
    practices: list[Practice] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)


def import_text(text: str, *, source: str, author: Any = None) -> ImportedDocument:
    """Creates one draft per sheet of ``text``; nothing is written if one sheet fails."""
    result: ImportResult = parse_document(text)
    imported = ImportedDocument(source, warnings=result.warnings, unplaced=result.unplaced)
    with transaction.atomic():
        for sheet in result.sheets:
            imported.practices.append(
                registry.save_sheet(sheet, author=author, note=f"importée depuis {source}"[:300])
            )
    return imported
