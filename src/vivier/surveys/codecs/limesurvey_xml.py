"""Safe reading of a LimeSurvey ``.lss`` file into plain table rows.

An ``.lss`` file is a dump of LimeSurvey's database tables::

    <document>
      <LimeSurveyDocType>Survey</LimeSurveyDocType>
      <DBVersion>642</DBVersion>
      <questions><fields>...</fields><rows><row><qid>…</qid>…</row>…</rows></questions>
      …
    </document>

so this module knows nothing about surveys: it turns every ``<table><rows><row>`` into a
:class:`Row` (column name → text, plus the line where the row starts, for messages).

Why so careful: the file comes from a person's upload. It is refused before parsing when
it is too big, and parsed by defusedxml with DTDs forbidden, so an entity-expansion bomb
("billion laughs") or an external entity (which would read a server file or call a URL) is
never expanded. A LimeSurvey export never holds a DTD, so refusing them costs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

#: The same limit as the import dispatcher's: a survey structure is a few hundred KB.
MAX_BYTES = 20 * 1024 * 1024


class LssReadError(Exception):
    """The file cannot be read as a LimeSurvey survey; messages are for the person."""

    def __init__(self, code: str, fr: str, en: str, line: int | None = None) -> None:
        super().__init__(en)
        self.code = code
        self.fr = fr
        self.en = en
        self.line = line


@dataclass(frozen=True, slots=True)
class Row:
    table: str
    #: 1-based position of the row in its table.
    index: int
    #: Line of the ``<row>`` tag in the file (None when unknown).
    line: int | None
    fields: Mapping[str, str] = field(default_factory=dict)

    def get(self, name: str, default: str = "") -> str:
        value = self.fields.get(name)
        return default if value is None else value

    def has(self, name: str) -> bool:
        return name in self.fields


@dataclass(frozen=True, slots=True)
class LssDocument:
    doc_type: str
    db_version: int | None
    tables: Mapping[str, tuple[Row, ...]]

    def rows(self, table: str) -> tuple[Row, ...]:
        return self.tables.get(table, ())


class _LineRecorder:
    """A tree builder that also notes the line of every ``<row>`` (ElementTree drops it)."""

    def __init__(self) -> None:
        self.builder = TreeBuilder()
        self.lines: dict[Element, int] = {}
        self.expat: Any = None

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = self.builder.start(tag, attrs)
        if tag == "row" and self.expat is not None:
            self.lines[element] = self.expat.CurrentLineNumber
        return element

    def end(self, tag: str) -> Element:
        return self.builder.end(tag)

    def data(self, data: str) -> None:
        self.builder.data(data)

    def close(self) -> Element:
        return self.builder.close()


def read_document(data: bytes) -> LssDocument:
    """Parse the file safely and return its tables; raise :class:`LssReadError` otherwise."""
    if len(data) > MAX_BYTES:
        limit = MAX_BYTES // (1024 * 1024)
        raise LssReadError(
            "LIMESURVEY_TOO_BIG",
            f"Le fichier pèse {len(data) // 1024} Ko : la limite est de {limit} Mo.",
            f"The file is {len(data) // 1024} KB: the limit is {limit} MB.",
        )
    if not data.strip():
        raise LssReadError(
            "LIMESURVEY_EMPTY",
            "Le fichier est vide : exportez la structure du questionnaire depuis LimeSurvey "
            "(Exporter › Structure du questionnaire (.lss)).",
            "The file is empty: export the survey structure from LimeSurvey "
            "(Export › Survey structure (.lss)).",
        )
    if data.startswith(b"PK\x03\x04"):
        raise LssReadError(
            "LIMESURVEY_ARCHIVE",
            "Ce fichier est une archive ZIP (par exemple une archive de questionnaire "
            "LimeSurvey .lsa), pas une structure .lss : extrayez-en le fichier .lss, ou "
            "exportez la structure du questionnaire (.lss) depuis LimeSurvey.",
            "This file is a ZIP archive (for example a LimeSurvey survey archive .lsa), not "
            "an .lss structure: extract the .lss file from it, or export the survey structure "
            "(.lss) from LimeSurvey.",
        )
    root, lines = _parse(data)
    if root.tag != "document":
        raise LssReadError(
            "LIMESURVEY_NOT_LSS",
            f"Ce fichier XML n'est pas un export LimeSurvey : son élément racine est "
            f"<{root.tag}> au lieu de <document>.",
            f"This XML file is not a LimeSurvey export: its root element is <{root.tag}> "
            "instead of <document>.",
        )
    doc_type = (root.findtext("LimeSurveyDocType") or "").strip()
    version_text = (root.findtext("DBVersion") or "").strip()
    db_version = int(version_text) if version_text.isdigit() else None
    tables: dict[str, tuple[Row, ...]] = {}
    for table in root:
        rows = table.find("rows")
        if rows is None:
            continue
        tables[table.tag] = tuple(
            Row(
                table.tag,
                index,
                lines.get(row),
                {column.tag: column.text or "" for column in row},
            )
            for index, row in enumerate(rows.findall("row"), start=1)
        )
    return LssDocument(doc_type, db_version, tables)


def _parse(data: bytes) -> tuple[Element, dict[Element, int]]:
    recorder = _LineRecorder()
    parser = DefusedXMLParser(
        target=recorder, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    recorder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as exc:
        raise LssReadError(
            "LIMESURVEY_XML_ENTITIES",
            "Le fichier déclare des entités XML (DOCTYPE) : il est refusé par sécurité. "
            "Un export LimeSurvey n'en contient jamais ; exportez à nouveau la structure du "
            "questionnaire depuis LimeSurvey.",
            "The file declares XML entities (DOCTYPE): it is refused for safety. A LimeSurvey "
            "export never holds any; export the survey structure from LimeSurvey again.",
            _line_of(parser),
        ) from exc
    except ParseError as exc:
        line, offset = getattr(exc, "position", (None, None))
        # expat counts columns from 0; people count from 1.
        column = offset + 1 if isinstance(offset, int) else "?"
        reason = str(exc).split(":")[0]
        raise LssReadError(
            "LIMESURVEY_XML_MALFORMED",
            f"Le fichier n'est pas du XML bien formé (ligne {line}, colonne {column} : "
            f"{reason}). Exportez à nouveau la structure du questionnaire depuis LimeSurvey, "
            "sans la modifier à la main.",
            f"The file is not well-formed XML (line {line}, column {column}: {reason}). "
            "Export the survey structure from LimeSurvey again, without editing it by hand.",
            line,
        ) from exc
    return root, recorder.lines


def _line_of(parser: DefusedXMLParser) -> int | None:
    try:
        return int(parser.parser.CurrentLineNumber)
    except (AttributeError, TypeError, ValueError):
        return None
