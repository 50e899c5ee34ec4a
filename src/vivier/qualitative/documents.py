"""The plain text of an interview or hearing note: .txt, .docx or .odt.

A note is coded by character offsets, so its text is fixed once read: paragraphs one per
line, a table row as its cells separated by tabs, line ends as ``\\n`` only (a browser's
text box sends ``\\r\\n``: both must give the same offsets), no control characters.

Files come from outside: the size is checked before anything is read, and a .docx or .odt,
being a zip archive, goes through the archive guard of the questionnaire imports first
(declared sizes, ratio, no DTD in any XML part: :mod:`vivier.surveys.codecs.shared.
archive_guard`). Every refusal is a :class:`NoteRefused` carrying its problem of the
catalogue (``NOTE_*``, or the guard's ``ARCHIVE_*``) placed in the file; nothing else
escapes, whatever the file holds.

Pure core: no Django import.
"""

from __future__ import annotations

import io
from pathlib import PurePath
from typing import Any

from vivier.problems import Localized, Location, ProblemCode, ProblemError, number, problem
from vivier.sheets.schema import Sheet
from vivier.surveys.codecs.shared.archive_guard import (
    DOCUMENT,
    ArchiveRefused,
    Limits,
    check_archive,
    scan_all_xml,
)
from vivier.text.controls import strip_controls

MIB = 1024 * 1024
#: An interview transcript of two hours is about 150 KB of text; a .docx with pictures a
#: few megabytes. 10 MB leaves room and keeps python-docx's tree of the body small.
MAX_BYTES = 10 * MIB
#: Characters of text: a long book. Beyond, offsets and the coding screen stop being useful.
MAX_CHARS = 1_000_000
#: Spaces one ``<text:s text:c="…">`` of an .odt may stand for (odfpy would make a string
#: of whatever number the file says).
MAX_SPACES = 1_000

SUFFIXES = (".txt", ".docx", ".odt")

#: OpenDocument text files: the same bounds as Word documents (both are office zip files).
OPEN_DOCUMENT = Limits(
    "document OpenDocument",
    "OpenDocument file",
    members=DOCUMENT.members,
    total_bytes=DOCUMENT.total_bytes,
    xml_bytes=DOCUMENT.xml_bytes,
    ratio=DOCUMENT.ratio,
)

_KINDS = {
    ".txt": Localized("texte", "text"),
    ".docx": Localized("document Word", "Word document"),
    ".odt": Localized("document OpenDocument", "OpenDocument file"),
}


class NoteRefused(ProblemError):
    """A note file that is not read; ``diagnostic`` says why and names the file."""


def suffix_of(filename: str) -> str:
    return PurePath(filename).suffix.lower()


def read_note(filename: str, data: bytes) -> str:
    """The text of the note file ``filename`` holding ``data``; :class:`NoteRefused` if not."""
    where = Location(file=PurePath(filename).name)
    suffix = suffix_of(filename)
    if suffix not in SUFFIXES:
        raise NoteRefused.of(
            ProblemCode.NOTE_FORMAT, where, suffix=suffix or "?", known=", ".join(SUFFIXES)
        )
    if len(data) > MAX_BYTES:
        raise NoteRefused.of(
            ProblemCode.NOTE_TOO_BIG,
            where,
            size_mb=_megabytes(len(data)),
            limit_mb=MAX_BYTES // MIB,
        )
    try:
        if suffix == ".txt":
            raw = _read_text(data, where)
        elif suffix == ".docx":
            raw = _read_docx(data, where)
        else:
            raw = _read_odt(data, where)
    except ArchiveRefused as exc:
        raise NoteRefused(exc.diagnostic.at(where)) from exc
    return clean(raw, where)


def clean(text: str, where: Location | None = None) -> str:
    """A note's text as stored: ``\\n`` line ends, no control characters, not blank, bounded.

    Typed notes go through it too, so a note typed and the same note imported are one text.
    """
    where = where or Location()
    text = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    # Trailing spaces of lines and blank lines at both ends carry nothing to code.
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    if not text.strip():
        raise NoteRefused.of(ProblemCode.NOTE_EMPTY, where)
    if len(text) > MAX_CHARS:
        raise NoteRefused.of(
            ProblemCode.NOTE_TOO_LONG, where, chars=number(len(text)), limit=number(MAX_CHARS)
        )
    return text


def _megabytes(size: int) -> Localized:
    text = f"{size / MIB:.1f}"
    return Localized(text.replace(".", ","), text)


def _unreadable(suffix: str, where: Location, detail: str) -> NoteRefused:
    return NoteRefused(
        problem(ProblemCode.NOTE_UNREADABLE, where, kind=_KINDS[suffix], detail=detail)
    )


def _read_text(data: bytes, where: Location) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _unreadable(".txt", where, "UTF-16") from exc
    if b"\x00" in data:
        # Not text: a renamed binary file (a .doc, a picture) would decode as cp1252 noise.
        raise _unreadable(".txt", where, "NUL")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Notepad and Word's "plain text" on Windows write cp1252; its five unassigned bytes
        # become U+FFFD rather than refusing the note.
        return data.decode("cp1252", errors="replace")


def _read_docx(data: bytes, where: Location) -> str:
    import docx  # python-docx, imported here: a text note needs no office library

    with check_archive(data, DOCUMENT) as archive:
        scan_all_xml(archive, DOCUMENT)
    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_docx_lines(document.element.body))
    except Exception as exc:  # a broken package makes python-docx raise anything
        raise _unreadable(".docx", where, type(exc).__name__) from exc


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _docx_lines(body: Any) -> list[str]:
    """Paragraphs and table rows in document order (a table row: its cells, tab-separated)."""
    lines: list[str] = []
    for child in body.iterchildren():
        tag = _local(child.tag)
        if tag == "p":
            lines.append(_docx_runs(child))
        elif tag == "tbl":
            for row in child.iter("{*}tr"):
                cells = []
                for cell in row.iterchildren("{*}tc"):
                    text = " ".join(_docx_runs(p) for p in cell.iter("{*}p"))
                    cells.append(" ".join(text.split()))
                lines.append("\t".join(cells))
        elif tag == "sdt":  # a content control wraps paragraphs and tables of its own
            for content in child.iterchildren("{*}sdtContent"):
                lines.extend(_docx_lines(content))
    return lines


def _docx_runs(paragraph: Any) -> str:
    parts: list[str] = []
    for node in paragraph.iter("{*}t", "{*}tab", "{*}br", "{*}cr"):
        tag = _local(node.tag)
        if tag == "t":
            parts.append(node.text or "")
        elif tag == "tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#: Elements whose text is no part of the note: reviewers' comments, footnote numbers.
_SKIPPED = {(_OFFICE_NS, "annotation"), (_TEXT_NS, "note-citation"), (_TEXT_NS, "tracked-changes")}


def _read_odt(data: bytes, where: Location) -> str:
    from odf.opendocument import load  # odfpy

    with check_archive(data, OPEN_DOCUMENT) as archive:
        scan_all_xml(archive, OPEN_DOCUMENT)
        names = set(archive.namelist())
    if "content.xml" not in names:
        raise _unreadable(".odt", where, "content.xml")
    try:
        document = load(io.BytesIO(data))
        lines: list[str] = []
        _odt_lines(document.text, lines)
        return "\n".join(lines)
    except Exception as exc:  # odfpy raises whatever its SAX parser or zipfile meets
        raise _unreadable(".odt", where, type(exc).__name__) from exc


def _odt_lines(element: Any, lines: list[str]) -> None:
    for child in element.childNodes:
        if child.nodeType != child.ELEMENT_NODE or child.qname in _SKIPPED:
            continue
        if child.qname in {(_TEXT_NS, "p"), (_TEXT_NS, "h")}:
            lines.append(_odt_text(child))
        elif child.qname == (_TABLE_NS, "table-row"):
            cells = []
            for cell in child.childNodes:
                if cell.nodeType == cell.ELEMENT_NODE and cell.qname[1] == "table-cell":
                    inner: list[str] = []
                    _odt_lines(cell, inner)
                    cells.append(" ".join(" ".join(inner).split()))
            lines.append("\t".join(cells))
        else:  # lists, sections, tables, frames: their paragraphs, in order
            _odt_lines(child, lines)


def _odt_text(element: Any) -> str:
    parts: list[str] = []
    for child in element.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(child.data)
        elif child.nodeType != child.ELEMENT_NODE or child.qname in _SKIPPED:
            continue
        elif child.qname == (_TEXT_NS, "s"):
            count = child.getAttribute("c")
            parts.append(" " * min(int(count) if count and count.isdigit() else 1, MAX_SPACES))
        elif child.qname == (_TEXT_NS, "tab"):
            parts.append("\t")
        elif child.qname == (_TEXT_NS, "line-break"):
            parts.append("\n")
        else:
            parts.append(_odt_text(child))
    return "".join(parts)


#: The narrative parts of a practice sheet, in the order of the report's sheets, with the
#: headings the report gives them (the sheet is written in French, its headings too).
SHEET_PARTS = (
    ("summary", "Résumé"),
    ("definition", "Définition"),
    ("description", "Description"),
    ("objectives", "Objectifs"),
    ("genesis", "Genèse"),
    ("funding_text", "Financement"),
    ("references", "Repère méthodologique"),
    ("governance", "Gouvernance"),
    ("participation_text", "Participation des personnes concernées"),
    ("progress", "État d’avancée"),
    ("deployment", "Déploiement"),
    ("conditions_text", "Conditions"),
    ("perspectives", "Perspectives"),
    ("implementation_review", "Mise en œuvre"),
    ("results", "Effets de la pratique"),
    ("evaluation", "Évaluation"),
)


def sheet_text(sheet: Sheet) -> str:
    """A practice sheet as a text to code: its title, then each narrative part under its
    heading (lists, figures and dates are data, not text to code, and are left out)."""
    lines = [sheet.title]
    parts = [(label, str(getattr(sheet, name) or "")) for name, label in SHEET_PARTS]
    parts += [(section.label, section.text) for section in sheet.other_sections]
    for label, text in parts:
        if text.strip():
            lines += ["", label, text.strip()]
    return clean("\n".join(lines))


__all__ = [
    "MAX_BYTES",
    "MAX_CHARS",
    "SUFFIXES",
    "NoteRefused",
    "clean",
    "read_note",
    "sheet_text",
    "suffix_of",
]
