"""Opening a REFI-QDA file someone uploaded without trusting it.

A ``.qdpx`` is a zip archive, a ``.qde``/``.qdc`` an XML document, and both come from other
people's machines. Before anything is read:

- the archive's directory is judged by the shared guard (declared sizes, compression ratio:
  no member is inflated past what it declares), and its member count and names here: a
  name that climbs out of the archive (``../``, ``/etc``, ``C:``) refuses the file, even
  though nothing is ever written to disk, because no honest exporter writes one;
- the XML is first read by expat with defusedxml's refusals (no DTD, no entity, no external
  reference: what billion-laughs and XXE need, and what no REFI-QDA file has), then parsed
  by lxml with entities unresolved and the network closed, which gives the lines and paths
  the schema's messages need.

Every refusal is a :class:`Refused` holding catalogue problems (``QDPX_*``) placed in the
file: member, line, element path.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring
from lxml import etree

from vivier.problems import Diagnostic, Location, ProblemCode, ProblemError, number, problem
from vivier.surveys.codecs.shared.archive_guard import MIB, Limits, check_archive


@dataclass(frozen=True, slots=True)
class Bounds:
    """What a file may hold; each figure is far above a real coding project.

    The HCTS campaign has 1,771 responses with a few free texts each: about 6,000 sources
    and as many memos, each a member of the archive.
    """

    file_bytes: int = 256 * MIB
    members: int = 50_000
    inflated_bytes: int = 512 * MIB
    xml_bytes: int = 128 * MIB
    #: Elements of one XML document (a coding is 3 or 4: selection, coding, code reference).
    elements: int = 2_000_000


BOUNDS = Bounds()

#: The shared archive guard, told what the file is; it checks sizes and ratios, this module
#: counts the members (the guard's message on that speaks of Office files).
_ARCHIVE = Limits(
    "projet REFI-QDA",
    "REFI-QDA project",
    members=10**9,
    total_bytes=BOUNDS.inflated_bytes,
    xml_bytes=BOUNDS.xml_bytes,
    ratio=100,
)


class Refused(ProblemError):
    """A file that is not imported, with every problem found (the first is ``diagnostic``)."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__(self.diagnostics[0])


def refuse(code: ProblemCode, where: Location, /, **params: object) -> Refused:
    return Refused([problem(code, where, **params)])


def unsafe_name(name: str) -> bool:
    """A member name that would climb out of the folder it is extracted to."""
    parts = name.replace("\\", "/").split("/")
    return (
        name.startswith(("/", "\\"))
        or (len(name) > 1 and name[1] == ":")
        or any(part == ".." for part in parts)
        or "\0" in name
    )


def open_archive(data: bytes, filename: str, bounds: Bounds = BOUNDS) -> zipfile.ZipFile:
    """The archive, once its size, directory and member names are acceptable."""
    where = Location(file=filename)
    if len(data) > bounds.file_bytes:
        raise refuse(
            ProblemCode.FILE_TOO_BIG,
            where,
            size_kb=number(len(data) // 1024),
            limit_mb=bounds.file_bytes // MIB,
        )
    limits = Limits(
        _ARCHIVE.kind_fr,
        _ARCHIVE.kind_en,
        members=_ARCHIVE.members,
        total_bytes=bounds.inflated_bytes,
        xml_bytes=bounds.xml_bytes,
        ratio=_ARCHIVE.ratio,
    )
    try:
        archive = check_archive(data, limits)
    except ProblemError as error:
        raise Refused([error.diagnostic.at(where)]) from error
    members = archive.infolist()
    if len(members) > bounds.members:
        raise refuse(
            ProblemCode.QDPX_TOO_MANY_MEMBERS,
            where,
            members=number(len(members)),
            limit=number(bounds.members),
        )
    for member in members:
        if unsafe_name(member.filename):
            raise refuse(ProblemCode.QDPX_UNSAFE_PATH, where, member=member.filename)
    return archive


def parse_xml(data: bytes, where: Location, bounds: Bounds = BOUNDS) -> etree._ElementTree:
    """``data`` parsed, once shown to hold no DTD or entity and to be well-formed."""
    if len(data) > bounds.xml_bytes:
        raise refuse(
            ProblemCode.FILE_TOO_BIG,
            where,
            size_kb=number(len(data) // 1024),
            limit_mb=bounds.xml_bytes // MIB,
        )
    try:
        defused_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise refuse(ProblemCode.QDPX_XML_DTD, where) from error
    except ParseError as error:
        line, _column = error.position
        raise Refused(
            [problem(ProblemCode.QDPX_XML_INVALID, _at(where, line), detail=_expat(error))]
        ) from error
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:  # expat took it; libxml2 did not
        raise Refused(
            [problem(ProblemCode.QDPX_XML_INVALID, _at(where, error.lineno), detail=str(error.msg))]
        ) from error
    count = sum(1 for _ in root.iter())
    if count > bounds.elements:
        raise refuse(
            ProblemCode.QDPX_TOO_MANY_ELEMENTS,
            where,
            elements=number(count),
            limit=number(bounds.elements),
        )
    return root.getroottree()


def _at(where: Location, line: int | None) -> Location:
    return Location(file=where.file, line=line)


def _expat(error: ParseError) -> str:
    """expat's message without its own "line X, column Y" (the location says it)."""
    return str(error).split(":", 1)[0]


__all__ = ["BOUNDS", "Bounds", "Refused", "open_archive", "parse_xml", "refuse", "unsafe_name"]
