"""The REFI-QDA schemas, the deviations of real files Vivier accepts, and the checks the
schemas cannot make (unique identifiers, a code inside itself).

The schemas are the standard's own files, shipped as data in ``schemas/``: the Project
schema as QualCoder ships it, and the Codebook schema repaired from QualCoder's copy (see
its header). What Vivier writes is validated before it is returned, and what it reads is
validated before it is believed.

Accepted deviations, each said as a warning (real exporters write them and nothing is lost):

- an optional user reference left empty (``creatingUser=""``): QualCoder writes it for a
  memo whose author it does not know; the attribute is dropped before validation;
- a UTF-8 byte-order mark at the head of a text file (QualCoder writes ``utf-8-sig``): it is
  not part of the text, so offsets count from after it (no warning: it is the encoding);
- the sources folder written ``Sources/`` (QualCoder before 3.6) instead of ``sources/``;
- a note no element refers to (QualCoder's journal): it is kept as a note on the project;
- a case's ``SourceRef`` naming the guid of a source's file in the archive rather than of
  the ``TextSource`` (QualCoder 3.x and 4.0 write it so): it is tied to the one text source
  with that file's content, and a warning counts them;
- an empty ``Description`` element, ``xmlns:xsd`` declared and unused: the schema allows them.

Anything else the schema refuses is an error, with its line and element path.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from lxml import etree

from vivier.problems import Diagnostic, Location, ProblemCode, problem

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
SCHEMA_FILES = {PROJECT_NS: "Project-mrt2019.xsd", CODEBOOK_NS: "Codebook.xsd"}
#: The optional attributes holding a user's guid, dropped when empty.
USER_ATTRIBUTES = ("creatingUser", "modifyingUser", "creatingUserGUID", "modifyingUserGUID")
#: Schema messages listed for one document; past that, one more line says how many are left.
MAX_SCHEMA_PROBLEMS = 20


@cache
def schema(namespace: str) -> etree.XMLSchema:
    """The compiled schema of a namespace (the files are read once per process)."""
    source = files("vivier.qualitative.refi") / "schemas" / SCHEMA_FILES[namespace]
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.fromstring(source.read_bytes(), parser))


def schema_text(namespace: str) -> bytes:
    return (files("vivier.qualitative.refi") / "schemas" / SCHEMA_FILES[namespace]).read_bytes()


def tolerate(tree: etree._ElementTree, where: Location) -> list[Diagnostic]:
    """Drops the empty user references (see the module's docstring); one warning per
    attribute name, with the first line and the count."""
    found: dict[str, tuple[int, str, int]] = {}
    for element in tree.getroot().iter():
        for name in USER_ATTRIBUTES:
            if element.get(name) == "":
                del element.attrib[name]
                line, tag, count = found.get(name, (element.sourceline or 0, _local(element), 0))
                found[name] = (line, tag, count + 1)
    return [
        problem(
            ProblemCode.QDPX_EMPTY_USER_DROPPED,
            Location(file=where.file, line=line or None),
            attribute=name,
            element=tag,
            count=count,
        )
        for name, (line, tag, count) in found.items()
    ]


def validate(tree: etree._ElementTree, where: Location, *, expected: str) -> list[Diagnostic]:
    """The schema's complaints about ``tree`` (empty when it is valid), each with its line and
    the path of the element at fault. ``expected``: the namespace of the document's kind."""
    root = tree.getroot()
    kind = "Project" if expected == PROJECT_NS else "CodeBook"
    if root.tag != f"{{{expected}}}{kind}":
        return [
            problem(
                ProblemCode.QDPX_ROOT,
                Location(file=where.file, line=root.sourceline),
                found=root.tag.replace(f"{{{expected}}}", ""),
                expected=kind,
            )
        ]
    checker = schema(expected)
    if checker.validate(tree):
        return []
    errors = list(checker.error_log)
    found = [
        problem(
            ProblemCode.QDPX_SCHEMA,
            Location(file=where.file, line=error.line or None, path=_path(tree, error.path)),
            schema=SCHEMA_FILES[expected],
            detail=_message(error.message),
        )
        for error in errors[:MAX_SCHEMA_PROBLEMS]
    ]
    if len(errors) > MAX_SCHEMA_PROBLEMS:
        found.append(
            problem(
                ProblemCode.QDPX_SCHEMA_MORE,
                Location(file=where.file),
                count=len(errors) - MAX_SCHEMA_PROBLEMS,
            )
        )
    return found


def check_guids(tree: etree._ElementTree, where: Location) -> list[Diagnostic]:
    """Every ``guid`` used once; a code that holds a code of its own guid is a cycle (a tree
    written out cannot loop otherwise)."""
    found: list[Diagnostic] = []
    first: dict[str, int] = {}
    for element in tree.getroot().iter():
        guid = (element.get("guid") or "").strip("{}").lower()
        if not guid:
            continue
        line = element.sourceline or 0
        if _local(element) == "Code" and any(
            (above.get("guid") or "").strip("{}").lower() == guid
            for above in element.iterancestors()
        ):
            found.append(
                problem(
                    ProblemCode.QDPX_CODE_CYCLE,
                    _place(where, element),
                    name=element.get("name", ""),
                    guid=guid,
                )
            )
        elif guid in first:
            found.append(
                problem(
                    ProblemCode.QDPX_GUID_DUPLICATE,
                    _place(where, element),
                    guid=guid,
                    first=first[guid],
                )
            )
        else:
            first[guid] = line
    return found


def _place(where: Location, element: etree._Element) -> Location:
    """Where an element is; made only for a problem (naming the path scans siblings)."""
    return Location(file=where.file, line=element.sourceline or None, path=path_of(element))


def path_of(element: etree._Element) -> str:
    """``Project/Sources/TextSource[3]/PlainTextSelection[2]``: where an element is, as a
    person counts (from 1, among the siblings of the same name)."""
    steps = []
    node: etree._Element | None = element
    while node is not None:
        name = _local(node)
        parent = node.getparent()
        if parent is None:
            steps.append(name)
        else:
            same = [child for child in parent if child.tag == node.tag]
            steps.append(f"{name}[{same.index(node) + 1}]" if len(same) > 1 else name)
        node = parent
    return "/".join(reversed(steps))


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _path(tree: etree._ElementTree, path: str | None) -> str:
    """The element libxml2 names (``/*/*[5]/*``, as it writes paths in a default
    namespace), as :func:`path_of` names it."""
    if not path:
        return ""
    try:
        found = tree.xpath(path)
    except etree.XPathError:
        return path
    return (
        path_of(found[0])
        if isinstance(found, list) and found and isinstance(found[0], etree._Element)
        else path
    )


def _message(text: str) -> str:
    """libxml2's message without the namespace in braces, which says nothing to a person."""
    for namespace in (PROJECT_NS, CODEBOOK_NS):
        text = text.replace(f"{{{namespace}}}", "")
    return text.rstrip(".")


__all__ = [
    "CODEBOOK_NS",
    "PROJECT_NS",
    "check_guids",
    "path_of",
    "schema",
    "schema_text",
    "tolerate",
    "validate",
]
