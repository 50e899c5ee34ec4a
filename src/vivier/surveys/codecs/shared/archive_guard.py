"""Zip archives (.xlsx, .xlsm, .docx) judged before any reader opens them.

Office files are zip archives, and their readers (openpyxl, pyxform, python-docx) inflate
whatever the archive holds: a 2 MB "zip bomb" made them inflate 2 to 3 GB before failing.
The archive's central directory declares each member's size, and Python's ``zipfile``, which
all these readers use, never inflates a member past its declared size (a member that lies
fails its CRC check instead). So the declared sizes, checked first, bound what any reader
can inflate; the compression ratio and the number of members are checked too, since no
Office file comes near the limits below.

The XML parts are then read as a stream by a parser that refuses any DTD: Office never
writes one, and a DTD is what billion-laughs (entities expanding to gigabytes) and external
entities (reading the server's files) need. The stream also lets a caller count what the
part holds (:func:`scan_xml`), before a reader builds it in memory.

Every refusal is an :class:`ArchiveRefused` carrying its catalogue problem (``ARCHIVE_*`` of
:class:`~vivier.problems.ProblemCode`); the importers place it in the file they read.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from xml.parsers import expat

from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)

from vivier.problems import Localized, ProblemCode, ProblemError, problem

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What an archive may declare. Each figure is far above what real files hold."""

    #: What the file is, for messages: ``classeur`` / ``workbook``.
    kind_fr: str
    kind_en: str
    #: Members (parts) of the archive.
    members: int
    #: Inflated size of all members together, and of one XML part.
    total_bytes: int
    xml_bytes: int
    #: Inflated / compressed size of one member, judged on members above ``ratio_from``.
    ratio: int
    ratio_from: int = MIB

    @property
    def kind(self) -> Localized:
        return Localized(self.kind_fr, self.kind_en)


#: Workbooks (XLSForm). A 50,000-question form (the largest the benchmark imports, with its
#: choices) is 11 parts, 24 MB of XML, compressed 11 to 15 times; real forms hold 10 to 30
#: parts. The XML read is streamed by openpyxl, so memory follows the cells kept (counted by
#: the XLSForm reader), not the XML: 256 MB is ten times the largest form.
WORKBOOK = Limits("classeur", "workbook", members=1_000, total_bytes=256 * MIB,
                  xml_bytes=256 * MIB, ratio=100)  # fmt: skip

#: Word documents (practice sheets). python-docx keeps every part in memory and builds the
#: body's XML as one tree (several times its size), so the XML part is held tighter: the
#: HCTS report, 21 sheets, has a body of under 1 MB; 32 MB is a book. Images come compressed
#: already, so they weigh on the total, not on the ratio.
DOCUMENT = Limits("document Word", "Word document", members=2_000, total_bytes=128 * MIB,
                  xml_bytes=32 * MIB, ratio=100)  # fmt: skip

#: The central directory, read before the members are listed: 2,000 entries take about
#: 200 KB; a directory of several megabytes would list hundreds of thousands of members.
MAX_DIRECTORY_BYTES = 4 * MIB

#: How much of a member is inflated at a time while scanning it.
_CHUNK = MIB


class ArchiveRefused(ProblemError):
    """The archive is refused before it is opened; its problem says why."""


def _mb(size: int) -> Localized:
    """Megabytes as each language writes them: ``2 048`` in French, ``2,048`` in English."""
    if size < MIB:
        text = f"{size / MIB:.1f}"
        return Localized(text.replace(".", ","), text)
    text = f"{size / MIB:,.0f}"
    return Localized(text.replace(",", "\u00a0"), text)


def _refused(code: ProblemCode, limits: Limits, /, **params: object) -> ArchiveRefused:
    return ArchiveRefused(problem(code, kind=limits.kind, **params))


def check_archive(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """The archive, opened, once its directory is within ``limits``; raise otherwise.

    Only the directory is read here: no member is inflated.
    """
    directory = _directory_size(data)
    if directory is not None and directory > MAX_DIRECTORY_BYTES:
        raise _refused(
            ProblemCode.ARCHIVE_DIRECTORY_TOO_BIG,
            limits,
            size_mb=_mb(directory),
            limit=limits.members,
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
        raise _corrupt(limits, exc) from exc
    if len(members) > limits.members:
        raise _refused(
            ProblemCode.ARCHIVE_TOO_MANY_MEMBERS,
            limits,
            members=len(members),
            limit=limits.members,
        )
    total = 0
    for member in members:
        total += member.file_size
        xml = member.filename.lower().endswith((".xml", ".rels"))
        if xml and member.file_size > limits.xml_bytes:
            raise _refused(
                ProblemCode.ARCHIVE_MEMBER_TOO_BIG,
                limits,
                part=member.filename,
                size_mb=_mb(member.file_size),
                limit_mb=_mb(limits.xml_bytes),
            )
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.ratio_from and ratio > limits.ratio:
            raise _refused(
                ProblemCode.ARCHIVE_RATIO,
                limits,
                part=member.filename,
                ratio=f"{ratio:.0f}",
                packed_mb=_mb(member.compress_size),
                size_mb=_mb(member.file_size),
                limit=limits.ratio,
            )
    if total > limits.total_bytes:
        raise _refused(
            ProblemCode.ARCHIVE_TOO_BIG,
            limits,
            size_mb=_mb(total),
            limit_mb=_mb(limits.total_bytes),
        )
    return archive


def _directory_size(data: bytes) -> int | None:
    """The size the end record gives the central directory; ``None`` when there is no end
    record (not a zip: ``zipfile`` says so) or it defers to a zip64 record."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65_535))
    if end < 0 or end + 22 > len(data):
        return None
    (size,) = struct.unpack_from("<L", data, end + 12)
    return None if size == 0xFFFFFFFF else int(size)


def _corrupt(limits: Limits, exc: BaseException) -> ArchiveRefused:
    return _refused(ProblemCode.ARCHIVE_CORRUPT, limits, detail=str(exc))


# The refusals defusedxml installs on expat, with its exceptions.
def _refuse_doctype(name: str, sysid: str | None, pubid: str | None, _internal: bool) -> None:
    raise DTDForbidden(name, sysid, pubid)


def _refuse_entity(name: str, *details: object) -> None:
    raise EntitiesForbidden(name, None, None, None, None, None)


def _refuse_external(context: str, base: str | None, sysid: str | None, pubid: str | None) -> int:
    raise ExternalReferenceForbidden(context, base, sysid, pubid)


def scan_xml(
    archive: zipfile.ZipFile,
    name: str,
    limits: Limits,
    on_start: Callable[[str, dict[str, str]], None] | None = None,
) -> None:
    """Read the XML part ``name`` as a stream, refusing any DTD; ``on_start(tag, attributes)``
    sees each element as it opens (``namespace}local``) and may raise to stop the reading.

    Nothing of the part is kept: memory stays at one chunk whatever its size. The parser is
    expat itself, with the refusals defusedxml installs (a DTD, an entity, an external
    reference): going through ElementTree's layer doubled the time of this pass, which every
    workbook import makes over every cell.
    """
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_entity
    parser.ExternalEntityRefHandler = _refuse_external
    if on_start is not None:
        parser.StartElementHandler = on_start
    try:
        with archive.open(name) as member:
            while chunk := member.read(_CHUNK):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except DefusedXmlException as exc:
        raise _refused(ProblemCode.ARCHIVE_XML_DTD, limits, part=name) from exc
    except expat.ExpatError as exc:
        raise _refused(ProblemCode.ARCHIVE_XML_INVALID, limits, part=name, detail=str(exc)) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise _corrupt(limits, exc) from exc


def scan_all_xml(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Every XML part of the archive through :func:`scan_xml` (no DTD anywhere)."""
    for member in archive.infolist():
        if member.filename.lower().endswith((".xml", ".rels")):
            scan_xml(archive, member.filename, limits)


__all__ = [
    "DOCUMENT",
    "MAX_DIRECTORY_BYTES",
    "WORKBOOK",
    "ArchiveRefused",
    "Limits",
    "check_archive",
    "scan_all_xml",
    "scan_xml",
]
