"""REFI-QDA projects (``.qdpx``): a zip holding ``project.qde`` and ``sources/``.

Each text source's plain text is the member ``sources/<guid>.txt`` (UTF-8), named in the
project as ``plainTextPath="internal://<guid>.txt"``; notes are written the same way, so
that no text goes through XML's line-ending normalisation (a ``\\r\\n`` inside an element
becomes ``\\n``, and every offset after it would move).

:func:`read_qdpx` refuses, with every problem found and its place, a project that would
import codings Vivier cannot place: a coding whose code is not in the codebook, a selection
outside its text or empty, a reference to nothing, an identifier used twice. Sources that
are not text (pictures, PDFs, audio, video) are left aside with a warning that counts their
codings.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from lxml import etree

from vivier.problems import Diagnostic, Localized, Location, ProblemCode, problem

from .model import (
    Case,
    Coding,
    Note,
    Project,
    Selection,
    TextSource,
    User,
    Value,
    Variable,
    VariableType,
    VariableValue,
    all_codes,
)
from .qdc import ORIGIN, code_element, guid_of, read_code, serialise, text_of
from .safety import BOUNDS, Bounds, Refused, open_archive, parse_xml, refuse
from .validation import PROJECT_NS, check_guids, path_of, tolerate, validate

MEMBER = "project.qde"
INTERNAL = "internal://"
NS = f"{{{PROJECT_NS}}}"
#: The sources Vivier cannot code, by element name, as the warning names them.
NOT_TEXT = {
    "PictureSource": ("image", "picture"),
    "PDFSource": ("PDF", "PDF"),
    "AudioSource": ("audio", "audio"),
    "VideoSource": ("vidéo", "video"),
}


# -- Writing -----------------------------------------------------------------------------------


def _sub(parent: etree._Element, tag: str, /, **attributes: str) -> etree._Element:
    """A child element; attributes left empty are not written (they are all optional)."""
    return etree.SubElement(parent, NS + tag, {k: v for k, v in attributes.items() if v})


def _value_element(parent: etree._Element, value: VariableValue, kind: VariableType) -> None:
    element = _sub(parent, "VariableValue")
    _sub(element, "VariableRef", targetGUID=value.variable)
    _sub(element, f"{kind.value}Value").text = _lexical(value.value)


def _lexical(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # xsd:decimal has no exponent: 1e-05 is written 0.00001.
        text = repr(value)
        return f"{value:.17f}".rstrip("0").rstrip(".") if "e" in text.lower() else text
    return str(value)


def project_xml(project: Project) -> bytes:
    """``project.qde``: the project without its texts, which the archive holds beside it."""
    root = etree.Element(NS + "Project", nsmap={None: PROJECT_NS})
    root.set("name", project.name)
    root.set("origin", project.origin or ORIGIN)
    if project.users:
        users = _sub(root, "Users")
        for user in project.users:
            _sub(users, "User", guid=user.guid, name=user.name)
    if project.codes:
        codes = _sub(_sub(root, "CodeBook"), "Codes")
        for code in project.codes:
            code_element(codes, PROJECT_NS, code, notes=True)
    types = {variable.guid: variable.type for variable in project.variables}
    if project.variables:
        variables = _sub(root, "Variables")
        for variable in project.variables:
            element = _sub(
                variables,
                "Variable",
                guid=variable.guid,
                name=variable.name,
                typeOfVariable=variable.type.value,
            )
            if variable.description:
                _sub(element, "Description").text = variable.description
    if project.cases:
        cases = _sub(root, "Cases")
        for case in project.cases:
            element = _sub(cases, "Case", guid=case.guid, name=case.name)
            if case.description:
                _sub(element, "Description").text = case.description
            for value in case.variable_values:
                _value_element(element, value, types[value.variable])
            for guid in case.source_refs:
                _sub(element, "SourceRef", targetGUID=guid)
    if project.sources:
        sources = _sub(root, "Sources")
        for source in project.sources:
            _source_element(sources, source, types)
    if project.notes:
        notes = _sub(root, "Notes")
        for note in project.notes:
            element = _sub(
                notes,
                "Note",
                guid=note.guid,
                name=note.name,
                plainTextPath=f"{INTERNAL}{note.guid}.txt",
                creatingUser=note.creating_user,
            )
    if project.description:
        _sub(root, "Description").text = project.description
    for guid in project.note_refs:
        _sub(root, "NoteRef", targetGUID=guid)
    return serialise(root)


def _source_element(
    parent: etree._Element, source: TextSource, types: dict[str, VariableType]
) -> None:
    element = _sub(
        parent,
        "TextSource",
        guid=source.guid,
        name=source.name,
        plainTextPath=f"{INTERNAL}{source.guid}.txt",
        creatingUser=source.creating_user,
    )
    if source.description:
        _sub(element, "Description").text = source.description
    for selection in source.selections:
        chosen = _sub(
            element,
            "PlainTextSelection",
            guid=selection.guid,
            name=selection.name,
            startPosition=str(selection.start),
            endPosition=str(selection.end),
            creatingUser=selection.creating_user,
        )
        if selection.description:
            _sub(chosen, "Description").text = selection.description
        for coding in selection.codings:
            applied = _sub(chosen, "Coding", guid=coding.guid, creatingUser=coding.creating_user)
            _sub(applied, "CodeRef", targetGUID=coding.code)
            for guid in coding.note_refs:
                _sub(applied, "NoteRef", targetGUID=guid)
        for guid in selection.note_refs:
            _sub(chosen, "NoteRef", targetGUID=guid)
    for guid in source.note_refs:
        _sub(element, "NoteRef", targetGUID=guid)
    for value in source.variable_values:
        _value_element(element, value, types[value.variable])


def write_qdpx(project: Project) -> bytes:
    """The project as a ``.qdpx`` archive; what is written is read back by :func:`read_qdpx`
    (schema, identifiers, references, offsets) before it is returned."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MEMBER, project_xml(project))
        for source in project.sources:
            archive.writestr(f"sources/{source.guid}.txt", source.text.encode("utf-8"))
        for note in project.notes:
            archive.writestr(f"sources/{note.guid}.txt", note.text.encode("utf-8"))
    data = buffer.getvalue()
    try:
        read_qdpx(data, "export.qdpx")
    except Refused as refused:
        raise Refused(
            [
                problem(
                    ProblemCode.QDPX_WRITTEN_INVALID,
                    Location(file="export.qdpx"),
                    detail=refused.diagnostics[0].describe("en"),
                )
            ]
        ) from refused
    return data


# -- Reading -----------------------------------------------------------------------------------


class _Reader:
    """One reading of an archive: its members, the problems and warnings found so far."""

    def __init__(self, archive: zipfile.ZipFile, filename: str) -> None:
        self.archive = archive
        self.filename = filename
        # Member names compared without case: QualCoder before 3.6 wrote "Sources/".
        self.members = {info.filename.lower(): info for info in archive.infolist()}
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []

    def at(self, element: etree._Element) -> Location:
        return Location(file=MEMBER, line=element.sourceline, path=path_of(element))

    def text(self, element: etree._Element, what: str) -> str | None:
        """The plain text of a source or note: inline, or the archive member it names."""
        inline = element.find(NS + "PlainTextContent")
        path = element.get("plainTextPath")
        name = element.get("name") or element.get("guid", "")
        if path is None:
            if inline is None:
                self.errors.append(
                    problem(ProblemCode.QDPX_SOURCE_NO_TEXT, self.at(element), name=name)
                )
                return None
            return text_of(inline)
        if not path.startswith(INTERNAL):
            self.errors.append(
                problem(ProblemCode.QDPX_SOURCE_EXTERNAL, self.at(element), name=name, path=path)
            )
            return None
        member = path[len(INTERNAL) :].lstrip("/")
        info = self.members.get(f"sources/{member}".lower())
        if info is None:
            self.errors.append(
                problem(
                    ProblemCode.QDPX_SOURCE_FILE_MISSING, self.at(element), name=name, path=path
                )
            )
            return None
        raw = self.archive.read(info)
        try:
            # utf-8-sig: a byte-order mark (QualCoder writes one) is not part of the text.
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.errors.append(
                problem(
                    ProblemCode.QDPX_TEXT_ENCODING,
                    Location(file=self.filename, path=info.filename),
                    path=info.filename,
                )
            )
            return None


def _children(element: etree._Element | None, name: str) -> Iterator[etree._Element]:
    if element is not None:
        yield from element.findall(NS + name)


def _refs(element: etree._Element, name: str) -> tuple[str, ...]:
    return tuple(guid_of(ref.get("targetGUID", "")) for ref in element.findall(NS + name))


def _value(element: etree._Element) -> tuple[str, Value | None]:
    """A ``VariableValue``: its variable and its value read in its type (``None``: empty)."""
    ref = element.find(NS + "VariableRef")
    variable = guid_of(ref.get("targetGUID", "")) if ref is not None else ""
    for kind in VariableType:
        found = element.find(f"{NS}{kind.value}Value")
        if found is None:
            continue
        text = (found.text or "").strip()
        if kind is VariableType.TEXT:
            return variable, found.text or ""
        if kind is VariableType.BOOLEAN:
            return variable, text in ("true", "1")
        if kind is VariableType.INTEGER:
            return variable, int(text)
        if kind is VariableType.FLOAT:
            number = float(text)
            return variable, int(number) if number.is_integer() and "." not in text else number
        return variable, text
    return variable, None


def read_qdpx(
    data: bytes, filename: str = "project.qdpx", bounds: Bounds = BOUNDS
) -> tuple[Project, list[Diagnostic]]:
    """The project of a ``.qdpx`` archive and the warnings of its reading; raises
    :class:`~vivier.qualitative.refi.safety.Refused` with every problem otherwise."""
    archive = open_archive(data, filename, bounds)
    info = next((i for i in archive.infolist() if i.filename.lower() == MEMBER), None)
    if info is None:
        raise refuse(ProblemCode.QDPX_NO_PROJECT, Location(file=filename))
    where = Location(file=MEMBER)
    tree = parse_xml(archive.read(info), where, bounds)
    reader = _Reader(archive, filename)
    reader.warnings += tolerate(tree, where)
    errors = validate(tree, where, expected=PROJECT_NS)
    if errors:
        raise Refused(errors)
    errors = check_guids(tree, where)
    if errors:
        raise Refused(errors)
    project = _project(tree.getroot(), reader)
    if reader.errors:
        raise Refused(reader.errors)
    return project, reader.warnings


def _project(root: etree._Element, reader: _Reader) -> Project:
    codebook = root.find(NS + "CodeBook")
    codes = tuple(
        read_code(code, PROJECT_NS)
        for code in _children(codebook.find(NS + "Codes") if codebook is not None else None, "Code")
    )
    known_codes = {code.guid for code in all_codes(codes)}
    variables = tuple(
        Variable(
            guid=guid_of(element.get("guid", "")),
            name=element.get("name", ""),
            type=VariableType(element.get("typeOfVariable")),
            description=text_of(element.find(NS + "Description")),
        )
        for element in _children(root.find(NS + "Variables"), "Variable")
    )
    known_variables = {variable.guid for variable in variables}
    users = tuple(
        User(guid=guid_of(element.get("guid", "")), name=element.get("name") or "")
        for element in _children(root.find(NS + "Users"), "User")
    )
    sources: list[TextSource] = []
    skipped: set[str] = set()
    for element in root.find(NS + "Sources") if root.find(NS + "Sources") is not None else ():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if local == "TextSource":
            source = _source(element, reader, known_codes, known_variables)
            if source is not None:
                sources.append(source)
            else:  # already reported: what refers to it is not reported again
                skipped.add(guid_of(element.get("guid", "")))
        else:
            skipped.add(guid_of(element.get("guid", "")))
            kind_fr, kind_en = NOT_TEXT.get(local, (local, local))
            reader.warnings.append(
                problem(
                    ProblemCode.QDPX_SOURCE_SKIPPED,
                    reader.at(element),
                    name=element.get("name", ""),
                    kind=Localized(kind_fr, kind_en),
                    codings=len(element.findall(f".//{NS}Coding")),
                )
            )
    known_sources = {source.guid for source in sources}
    cases = []
    by_file = 0
    for element in _children(root.find(NS + "Cases"), "Case"):
        values = []
        for found in element.findall(NS + "VariableValue"):
            variable, value = _value(found)
            if variable not in known_variables:
                reader.errors.append(
                    problem(
                        ProblemCode.QDPX_REF_UNKNOWN,
                        reader.at(found),
                        ref="VariableRef",
                        guid=variable,
                    )
                )
            elif value is not None:
                values.append(VariableValue(variable, value))
        refs = []
        for guid in _refs(element, "SourceRef"):
            if guid in known_sources:
                refs.append(guid)
            elif guid in skipped:
                continue
            elif (found_by_file := _source_by_file(reader, guid, sources)) is not None:
                refs.append(found_by_file)
                by_file += 1
            else:
                reader.errors.append(
                    problem(
                        ProblemCode.QDPX_REF_UNKNOWN, reader.at(element), ref="SourceRef", guid=guid
                    )
                )
        cases.append(
            Case(
                guid=guid_of(element.get("guid", "")),
                name=element.get("name") or "",
                description=text_of(element.find(NS + "Description")),
                variable_values=tuple(values),
                source_refs=tuple(refs),
            )
        )
    if by_file:
        reader.warnings.append(
            problem(ProblemCode.QDPX_SOURCE_REF_BY_FILE, Location(file=MEMBER), count=by_file)
        )
    notes = []
    for element in _children(root.find(NS + "Notes"), "Note"):
        text = reader.text(element, "note")
        if text is not None:
            notes.append(
                Note(
                    guid=guid_of(element.get("guid", "")),
                    text=text,
                    name=element.get("name") or "",
                    creating_user=guid_of(element.get("creatingUser", "")),
                )
            )
    project = Project(
        name=root.get("name", ""),
        origin=root.get("origin", ""),
        users=users,
        codes=codes,
        variables=variables,
        cases=tuple(cases),
        sources=tuple(sources),
        notes=tuple(notes),
        description=text_of(root.find(NS + "Description")),
        note_refs=_refs(root, "NoteRef"),
    )
    _check_note_refs(root, reader, {note.guid for note in notes})
    return project


def _source(
    element: etree._Element, reader: _Reader, known_codes: set[str], known_variables: set[str]
) -> TextSource | None:
    text = reader.text(element, "source")
    if text is None:
        return None
    name = element.get("name") or ""
    selections = []
    for chosen in element.findall(NS + "PlainTextSelection"):
        start, end = int(chosen.get("startPosition", "0")), int(chosen.get("endPosition", "0"))
        if start < 0 or end > len(text):
            reader.errors.append(
                problem(
                    ProblemCode.QDPX_OFFSETS_OUTSIDE,
                    reader.at(chosen),
                    start=start,
                    end=end,
                    name=name,
                    length=len(text),
                )
            )
        elif start >= end:
            reader.errors.append(
                problem(
                    ProblemCode.QDPX_SELECTION_EMPTY,
                    reader.at(chosen),
                    start=start,
                    end=end,
                    name=name,
                )
            )
        codings = []
        for applied in chosen.findall(NS + "Coding"):
            ref = applied.find(NS + "CodeRef")
            code = guid_of(ref.get("targetGUID", "")) if ref is not None else ""
            if code not in known_codes:
                reader.errors.append(
                    problem(ProblemCode.QDPX_CODE_UNKNOWN, reader.at(applied), guid=code, name=name)
                )
            codings.append(
                Coding(
                    guid=guid_of(applied.get("guid", "")),
                    code=code,
                    creating_user=guid_of(applied.get("creatingUser", "")),
                    note_refs=_refs(applied, "NoteRef"),
                )
            )
        selections.append(
            Selection(
                guid=guid_of(chosen.get("guid", "")),
                start=start,
                end=end,
                name=chosen.get("name") or "",
                creating_user=guid_of(chosen.get("creatingUser", "")),
                description=text_of(chosen.find(NS + "Description")),
                codings=tuple(codings),
                note_refs=_refs(chosen, "NoteRef"),
            )
        )
    # A coding straight on the source (allowed by the schema) is a coding of the whole text.
    whole = [
        Coding(
            guid=guid_of(applied.get("guid", "")),
            code=guid_of(ref.get("targetGUID", "")),
            creating_user=guid_of(applied.get("creatingUser", "")),
            note_refs=_refs(applied, "NoteRef"),
        )
        for applied in element.findall(NS + "Coding")
        if (ref := applied.find(NS + "CodeRef")) is not None
    ]
    for coding in whole:
        if coding.code not in known_codes:
            reader.errors.append(
                problem(
                    ProblemCode.QDPX_CODE_UNKNOWN, reader.at(element), guid=coding.code, name=name
                )
            )
    if whole and text:
        selections.append(
            Selection(guid=whole[0].guid, start=0, end=len(text), codings=tuple(whole))
        )
    values = []
    for found in element.findall(NS + "VariableValue"):
        variable, value = _value(found)
        if variable not in known_variables:
            reader.errors.append(
                problem(
                    ProblemCode.QDPX_REF_UNKNOWN, reader.at(found), ref="VariableRef", guid=variable
                )
            )
        elif value is not None:
            values.append(VariableValue(variable, value))
    return TextSource(
        guid=guid_of(element.get("guid", "")),
        name=name,
        text=text,
        description=text_of(element.find(NS + "Description")),
        creating_user=guid_of(element.get("creatingUser", "")),
        selections=tuple(selections),
        note_refs=_refs(element, "NoteRef"),
        variable_values=tuple(values),
    )


def _source_by_file(reader: _Reader, guid: str, sources: list[TextSource]) -> str | None:
    """The text source whose content is the archive's file ``sources/<guid>.*``, if exactly
    one is: QualCoder names a case's source by the guid of its file, not of its element."""
    prefix = f"sources/{guid}."
    for name, info in reader.members.items():
        if name.startswith(prefix):
            try:
                text = reader.archive.read(info).decode("utf-8-sig")
            except UnicodeDecodeError:
                return None
            same = [source.guid for source in sources if source.text == text]
            return same[0] if len(same) == 1 else None
    return None


def _check_note_refs(root: etree._Element, reader: _Reader, notes: set[str]) -> None:
    """Every ``NoteRef`` names a note of the project (a note may have no reference)."""
    for ref in root.iter(NS + "NoteRef"):
        guid = guid_of(ref.get("targetGUID", ""))
        if guid not in notes:
            reader.errors.append(
                problem(ProblemCode.QDPX_REF_UNKNOWN, reader.at(ref), ref="NoteRef", guid=guid)
            )


__all__ = ["MEMBER", "project_xml", "read_qdpx", "write_qdpx"]
