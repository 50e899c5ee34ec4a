"""REFI-QDA codebooks (``.qdc``): the code tree alone, written and read.

A ``.qdc`` is one XML document in the codebook namespace, whose ``Code`` elements are those
of a project (``.qdpx``) less their memo references; both formats share the functions that
write and read a tree here.
"""

from __future__ import annotations

from lxml import etree

from vivier.problems import Diagnostic, Location, ProblemCode, problem

from .model import Code, Codebook
from .safety import Refused, parse_xml
from .validation import CODEBOOK_NS, check_guids, tolerate, validate

#: Written as the ``origin`` of every file Vivier makes.
ORIGIN = "Vivier"


def code_element(parent: etree._Element, namespace: str, code: Code, *, notes: bool) -> None:
    """``code`` and its children as ``Code`` elements under ``parent``."""
    attributes = {"guid": code.guid, "name": code.name, "isCodable": _bool(code.is_codable)}
    if code.color:
        attributes["color"] = code.color
    element = etree.SubElement(parent, f"{{{namespace}}}Code", attributes)
    if code.description:
        etree.SubElement(element, f"{{{namespace}}}Description").text = code.description
    if notes:
        for guid in code.note_refs:
            etree.SubElement(element, f"{{{namespace}}}NoteRef", targetGUID=guid)
    for child in code.children:
        code_element(element, namespace, child, notes=notes)


def read_code(element: etree._Element, namespace: str) -> Code:
    """A ``Code`` element (already valid against its schema) and its children."""
    return Code(
        guid=guid_of(element.get("guid", "")),
        name=element.get("name", ""),
        is_codable=element.get("isCodable") in ("true", "1"),
        color=(element.get("color") or "").upper(),
        description=text_of(element.find(f"{{{namespace}}}Description")),
        children=tuple(
            read_code(child, namespace) for child in element.findall(f"{{{namespace}}}Code")
        ),
        note_refs=tuple(
            guid_of(ref.get("targetGUID", "")) for ref in element.findall(f"{{{namespace}}}NoteRef")
        ),
    )


def guid_of(text: str) -> str:
    """A guid as Vivier compares them: lower case, without the braces REFI-QDA allows."""
    return text.strip().strip("{}").lower()


def text_of(element: etree._Element | None) -> str:
    return "" if element is None or element.text is None else element.text


def _bool(value: bool) -> str:
    return "true" if value else "false"


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def write_qdc(codebook: Codebook) -> bytes:
    """The codebook as a ``.qdc`` document, validated against the Codebook schema."""
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS})
    root.set("origin", codebook.origin or ORIGIN)
    codes = etree.SubElement(root, f"{{{CODEBOOK_NS}}}Codes")
    for code in codebook.codes:
        code_element(codes, CODEBOOK_NS, code, notes=False)
    data = serialise(root)
    _check_written(data, "codebook.qdc", CODEBOOK_NS)
    return data


def read_qdc(data: bytes, filename: str = "codebook.qdc") -> tuple[Codebook, list[Diagnostic]]:
    """The codebook of a ``.qdc`` file and the warnings of its reading; raises
    :class:`~vivier.qualitative.refi.safety.Refused` with every problem otherwise."""
    where = Location(file=filename)
    tree = parse_xml(data, where)
    warnings = tolerate(tree, where)
    errors = validate(tree, where, expected=CODEBOOK_NS)
    if errors:
        raise Refused(errors)
    errors = check_guids(tree, where)
    if errors:
        raise Refused(errors)
    root = tree.getroot()
    codes = root.find(f"{{{CODEBOOK_NS}}}Codes")
    assert codes is not None  # the schema requires it
    codebook = Codebook(
        codes=tuple(
            read_code(code, CODEBOOK_NS) for code in codes.findall(f"{{{CODEBOOK_NS}}}Code")
        ),
        origin=root.get("origin", ""),
    )
    return codebook, warnings


def _check_written(data: bytes, name: str, namespace: str) -> None:
    """What Vivier writes must pass its own reader's checks: a failure is a bug here."""
    where = Location(file=name)
    tree = parse_xml(data, where)
    errors = validate(tree, where, expected=namespace) or check_guids(tree, where)
    if errors:
        raise Refused(
            [problem(ProblemCode.QDPX_WRITTEN_INVALID, where, detail=errors[0].message("en"))]
        )


__all__ = ["ORIGIN", "code_element", "guid_of", "read_code", "read_qdc", "write_qdc"]
