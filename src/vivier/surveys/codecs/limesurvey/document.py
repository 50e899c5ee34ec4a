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

from vivier.problems import Location, ProblemCode, ProblemError, problem

#: The same limit as the import dispatcher's: a survey structure is a few hundred KB.
MAX_BYTES = 20 * 1024 * 1024


class LssReadError(ProblemError):
    """The file cannot be read as a LimeSurvey survey; its problem says why (and on which line
    of the file, when expat knows)."""

    def __init__(self, code: ProblemCode, at: int | None = None, /, **params: object) -> None:
        super().__init__(problem(code, Location(line=at), **params))


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
        raise LssReadError(
            ProblemCode.LIMESURVEY_TOO_BIG,
            size_kb=len(data) // 1024,
            limit_mb=MAX_BYTES // (1024 * 1024),
        )
    if not data.strip():
        raise LssReadError(ProblemCode.LIMESURVEY_EMPTY)
    if data.startswith(b"PK\x03\x04"):
        raise LssReadError(ProblemCode.LIMESURVEY_ARCHIVE)
    root, lines = _parse(data)
    if root.tag != "document":
        raise LssReadError(ProblemCode.LIMESURVEY_NOT_AN_EXPORT, root=root.tag)
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
        raise LssReadError(ProblemCode.LIMESURVEY_XML_ENTITIES, _line_of(parser)) from exc
    except ParseError as exc:
        line, offset = getattr(exc, "position", (None, None))
        # expat counts columns from 0; people count from 1.
        column = offset + 1 if isinstance(offset, int) else "?"
        reason = str(exc).split(":")[0]
        raise LssReadError(
            ProblemCode.LIMESURVEY_XML_MALFORMED, line, line=line, column=column, reason=reason
        ) from exc
    return root, recorder.lines


def _line_of(parser: DefusedXMLParser) -> int | None:
    try:
        return int(parser.parser.CurrentLineNumber)
    except (AttributeError, TypeError, ValueError):
        return None
