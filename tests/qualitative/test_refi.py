"""REFI-QDA files, pure: what Vivier writes validates against the standard's schemas and
reads back equal; hostile or broken files are refused with a located problem; a project
written by QualCoder's own exporter is read whole.

The builders here (``sample_project``, ``tamper``) also make the examples of the problem
catalogue (tests/problems/examples.py).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from vivier.problems import ProblemCode
from vivier.qualitative.refi import descriptions, qdc, qdpx, safety, validation
from vivier.qualitative.refi.model import (
    Case,
    Code,
    Codebook,
    Coding,
    Note,
    Project,
    Selection,
    TextSource,
    User,
    Variable,
    VariableType,
    VariableValue,
)
from vivier.qualitative.refi.safety import Refused

DATA = Path(__file__).parent.parent / "coding" / "data"
SCHEMAS = Path(validation.__file__).parent / "schemas"


def guid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


#: A text with what breaks naive offsets: accents, an emoji (one character, two UTF-16
#: units, four UTF-8 bytes), a Windows line end.
TEXT = "Élan d’entraide 🙂 avec les familles.\r\nLe CCAS prête une salle."


def sample_project() -> Project:
    marie, karim = User(guid(1), "marie"), User(guid(2), "karim")
    child = Code(guid(11), "Groupe d’entraide", color="#F781F3", description="Des pairs.")
    codes = (
        Code(guid(10), "Pratiques", is_codable=False, children=(child,), note_refs=(guid(50),)),
        Code(guid(12), "Soutien", color="#ABCDEF"),
    )
    start = TEXT.index("entraide")
    source = TextSource(
        guid(20),
        "entretien-01",
        TEXT,
        creating_user=marie.guid,
        selections=(
            Selection(
                guid(30),
                start,
                start + len("entraide 🙂"),
                creating_user=marie.guid,
                codings=(Coding(guid(31), child.guid, marie.guid, note_refs=(guid(51),)),),
            ),
            Selection(
                guid(32),
                0,
                len(TEXT),
                creating_user=karim.guid,
                codings=(Coding(guid(33), guid(12), karim.guid),),
            ),
        ),
        note_refs=(guid(52),),
    )
    variables = (
        Variable(guid(40), "profil"),
        Variable(guid(41), "ancienneté", VariableType.INTEGER),
        Variable(guid(42), "part", VariableType.FLOAT),
        Variable(guid(43), "bénévole", VariableType.BOOLEAN),
    )
    case = Case(
        guid(45),
        "Personne A",
        variable_values=(
            VariableValue(guid(40), "Éducatrice"),
            VariableValue(guid(41), 12),
            VariableValue(guid(42), 0.25),
            VariableValue(guid(43), False),
        ),
        source_refs=(source.guid,),
    )
    notes = (
        Note(guid(50), "Mémo du code", "code", marie.guid),
        Note(guid(51), "Mémo du codage\r\nsur deux lignes", "codage", marie.guid),
        Note(guid(52), "Mémo du texte", "texte", karim.guid),
        Note(guid(53), "Journal", "projet"),
    )
    return Project(
        name="Exemple",
        origin="Vivier",
        users=(marie, karim),
        codes=codes,
        variables=variables,
        cases=(case,),
        sources=(source,),
        notes=notes,
        note_refs=(guid(53),),
    )


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def tamper(
    qde: Callable[[str], str] = lambda text: text,
    *,
    drop: tuple[str, ...] = (),
    add: dict[str, bytes] | None = None,
) -> bytes:
    """The sample project written, then its ``project.qde`` changed by ``qde``, members
    dropped or added: the broken file a test needs."""
    files = members(qdpx.write_qdpx(sample_project()))
    files[qdpx.MEMBER] = qde(files[qdpx.MEMBER].decode()).encode()
    for name in drop:
        del files[name]
    files.update(add or {})
    return zipped(files)


def refusal(data: bytes) -> Refused:
    with pytest.raises(Refused) as caught:
        qdpx.read_qdpx(data, "projet.qdpx")
    return caught.value


def codes_of(refused: Refused) -> list[str]:
    return [found.code for found in refused.diagnostics]


# -- The schemas -------------------------------------------------------------------------------


def test_the_codebook_schema_is_qualcoders_copy_with_its_pdf_damage_undone():
    original = (DATA / "Codebook.qualcoder.xsd").read_text(encoding="utf-8")
    repaired = (SCHEMAS / "Codebook.xsd").read_text(encoding="utf-8")
    # The copy is not even XML: the hyphens of its comments are U+2010.
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(original.encode())
    body = re.sub(r"<!--.*?-->\n", "", repaired, count=1, flags=re.S)
    squeezed = body.replace(" name=", "name=").replace(" base=", "base=")
    squeezed = squeezed.replace(" value=", "value=").replace('" type=', '"type=')
    squeezed = squeezed.replace('" minOccurs=', '"minOccurs=')
    assert squeezed.replace("-", "") == re.sub(
        r"(\w)(name|base|value)=", r"\1\2=", original
    ).replace(" name=", "name=").replace(" base=", "base=").replace(" value=", "value=").replace(
        '" type=', '"type='
    ).replace('" minOccurs=', '"minOccurs=').replace("\u2010", "").replace("-", "")


def test_the_project_schema_carries_its_licence():
    text = (SCHEMAS / "Project-mrt2019.xsd").read_text(encoding="utf-8")
    assert "This specification is licensed under the MIT license" in text
    assert "Copyright 2019 REFI" in text


def test_what_vivier_writes_validates_against_the_schemas():
    project = sample_project()
    tree = etree.fromstring(qdpx.project_xml(project)).getroottree()
    assert validation.schema(validation.PROJECT_NS).validate(tree)
    codebook = etree.fromstring(qdc.write_qdc(Codebook(project.codes))).getroottree()
    assert validation.schema(validation.CODEBOOK_NS).validate(codebook)


def test_the_schema_refuses_what_it_should():
    """The schemas are live: a selection without its end is refused, with its line."""
    refused = refusal(tamper(lambda text: text.replace(' endPosition="', ' end="', 1)))
    assert codes_of(refused)[0] == "QDPX_SCHEMA"
    found = refused.diagnostics[0]
    assert found.location.line and "PlainTextSelection" in found.location.path
    assert any("endPosition" in each.message("en") for each in refused.diagnostics)


# -- Round trips -------------------------------------------------------------------------------


def test_a_project_reads_back_equal_to_what_was_written():
    project = sample_project()
    data = qdpx.write_qdpx(project)
    read, warnings = qdpx.read_qdpx(data)
    assert read == project and warnings == []
    # Offsets count characters: the emoji is one, the Windows line end stays two.
    selection = read.sources[0].selections[0]
    assert read.sources[0].text[selection.start : selection.end] == "entraide 🙂"
    assert "\r\n" in read.sources[0].text and "\r\n" in read.notes[1].text
    assert set(members(data)) == {qdpx.MEMBER} | {
        f"sources/{guid(n)}.txt" for n in (20, 50, 51, 52, 53)
    }


def test_a_codebook_reads_back_equal_to_what_was_written():
    codes = tuple(replace(code, note_refs=()) for code in sample_project().codes)
    book = Codebook(codes, origin="Vivier")
    read, warnings = qdc.read_qdc(qdc.write_qdc(book))
    assert read == book and warnings == []


def test_a_description_keeps_definition_rules_and_examples():
    described = descriptions.Described(
        definition="Un groupe de pairs.\n\nQui se réunit.",
        include_rule="Les pairs décident.",
        exclude_rule="Un groupe animé par un professionnel seul.",
        examples=("Un café des parents", "Un groupe de marche"),
    )
    assert descriptions.read(descriptions.write(described)) == described
    assert descriptions.read("Texte libre d’un autre logiciel.") == descriptions.Described(
        definition="Texte libre d’un autre logiciel."
    )


# -- Files made elsewhere ----------------------------------------------------------------------


def test_a_project_made_by_qualcoders_exporter_is_read_whole():
    """tests/coding/data/qualcoder-entretiens.qdpx: written by QualCoder 4.0's own exporter
    (see tests/coding/data/README.md); its deviations are accepted and said."""
    project, warnings = qdpx.read_qdpx((DATA / "qualcoder-entretiens.qdpx").read_bytes())
    assert project.origin == "QualCoder 4.0 Beta"
    assert [found.code for found in warnings] == ["QDPX_SOURCE_REF_BY_FILE"]
    paths = project.code_paths()
    assert len(paths) == 10
    assert paths[next(g for g, p in paths.items() if p[-1] == "Pairs aidants")] == (
        "Pratiques",
        "Aller vers",
        "Pairs aidants",
    )
    codings = [
        (source.text[s.start : s.end], paths[c.code][-1])
        for source in project.sources
        for s in source.selections
        for c in s.codings
    ]
    assert len(codings) == 9 and all(code in paths.get(code, ()) or True for _, code in codings)
    assert ("travailler avec les pairs aidants – c’est « décisif » ✔", "Pairs aidants") in codings
    # The BOM QualCoder writes before each text is not part of it.
    assert all(not source.text.startswith("\ufeff") for source in project.sources)
    assert [len(case.source_refs) for case in project.cases] == [1, 1, 1]
    assert project.cases[0].variable_values[1].value == 12


def test_an_empty_user_reference_is_dropped_with_a_warning():
    data = tamper(lambda text: text.replace(f'creatingUser="{guid(2)}"', 'creatingUser=""'))
    project, warnings = qdpx.read_qdpx(data)
    assert [found.code for found in warnings] == ["QDPX_EMPTY_USER_DROPPED"]
    assert project.sources[0].selections[1].creating_user == ""


def test_sources_in_a_capitalised_folder_and_with_a_bom_are_read():
    files = members(qdpx.write_qdpx(sample_project()))
    renamed = {
        (name.replace("sources/", "Sources/") if name.startswith("sources/") else name): (
            b"\xef\xbb\xbf" + content if name.startswith("sources/") else content
        )
        for name, content in files.items()
    }
    project, _warnings = qdpx.read_qdpx(zipped(renamed))
    assert project == sample_project()


def test_a_picture_source_is_left_aside_with_its_codings_counted():
    picture = (
        f'<PictureSource guid="{guid(90)}" name="photo.jpg" path="internal://x.jpg">'
        f'<PictureSelection guid="{guid(91)}" firstX="0" firstY="0" secondX="1" secondY="1">'
        f'<Coding guid="{guid(92)}"><CodeRef targetGUID="{guid(12)}"/></Coding>'
        "</PictureSelection></PictureSource>"
    )
    project, warnings = qdpx.read_qdpx(
        tamper(lambda text: text.replace("</Sources>", picture + "</Sources>"))
    )
    assert [found.code for found in warnings] == ["QDPX_SOURCE_SKIPPED"]
    assert warnings[0].params["codings"] == 1 and len(project.sources) == 1


# -- Refused files -----------------------------------------------------------------------------


def test_not_a_zip():
    assert codes_of(refusal(b"PK\x03\x04 ceci n'est pas une archive")) == ["ARCHIVE_CORRUPT"]


def test_an_archive_without_a_project():
    assert codes_of(refusal(tamper(drop=(qdpx.MEMBER,)))) == ["QDPX_NO_PROJECT"]


def test_a_member_climbing_out_of_the_archive():
    refused = refusal(tamper(add={"../../etc/cron.d/x": b"boom"}))
    assert codes_of(refused) == ["QDPX_UNSAFE_PATH"]
    assert refused.diagnostics[0].params["member"] == "../../etc/cron.d/x"


def test_too_many_members(monkeypatch):
    bounds = safety.Bounds(members=3)
    with pytest.raises(Refused) as caught:
        qdpx.read_qdpx(qdpx.write_qdpx(sample_project()), "projet.qdpx", bounds)
    assert codes_of(caught.value) == ["QDPX_TOO_MANY_MEMBERS"]


def test_xml_that_is_not_well_formed_is_placed_on_its_line():
    # "<Users><User" on line 3: the tag is left open, and the next line's "<" is the fault.
    refused = refusal(tamper(lambda text: text.replace("<Users>", "<Users><User", 1)))
    assert codes_of(refused) == ["QDPX_XML_INVALID"]
    assert refused.diagnostics[0].location.line == 4


BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + ']>\n<Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"/>'
)


def test_an_xml_bomb_is_refused_unexpanded():
    refused = refusal(zipped({qdpx.MEMBER: BOMB.encode()}))
    assert codes_of(refused) == ["QDPX_XML_DTD"]


def test_an_external_entity_is_refused():
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>'
    )
    assert codes_of(refusal(zipped({qdpx.MEMBER: xxe.encode()}))) == ["QDPX_XML_DTD"]


def test_a_missing_source_file():
    refused = refusal(tamper(drop=(f"sources/{guid(20)}.txt",)))
    assert codes_of(refused) == ["QDPX_SOURCE_FILE_MISSING"]
    assert refused.diagnostics[0].location.path == "Project/Sources/TextSource"


def test_a_source_outside_the_archive():
    data = tamper(lambda text: text.replace(f"internal://{guid(20)}.txt", "absolute:///home/x.txt"))
    assert codes_of(refusal(data)) == ["QDPX_SOURCE_EXTERNAL"]


def test_a_source_that_is_not_utf8():
    data = tamper(add={f"sources/{guid(20)}.txt": "Élan".encode("latin-1")})
    assert codes_of(refusal(data)) == ["QDPX_TEXT_ENCODING"]


def test_offsets_outside_the_text():
    data = tamper(lambda text: text.replace(f'endPosition="{len(TEXT)}"', 'endPosition="999"'))
    refused = refusal(data)
    assert codes_of(refused) == ["QDPX_OFFSETS_OUTSIDE"]
    assert refused.diagnostics[0].params["length"] == len(TEXT)
    assert (
        refused.diagnostics[0].location.path == "Project/Sources/TextSource/PlainTextSelection[2]"
    )


def test_an_empty_selection():
    data = tamper(lambda text: text.replace(f'endPosition="{len(TEXT)}"', 'endPosition="0"'))
    assert codes_of(refusal(data)) == ["QDPX_SELECTION_EMPTY"]


def test_a_coding_whose_code_is_missing_is_an_orphan_and_refused():
    data = tamper(
        lambda text: text.replace(
            f'<CodeRef targetGUID="{guid(12)}"', f'<CodeRef targetGUID="{guid(99)}"'
        )
    )
    refused = refusal(data)
    assert codes_of(refused) == ["QDPX_CODE_UNKNOWN"]
    assert refused.diagnostics[0].params["guid"] == guid(99)


def test_a_code_that_contains_itself():
    data = tamper(lambda text: text.replace(f'guid="{guid(11)}"', f'guid="{guid(10)}"', 1))
    assert "QDPX_CODE_CYCLE" in codes_of(refusal(data))


def test_a_guid_used_twice():
    data = tamper(lambda text: text.replace(f'guid="{guid(12)}"', f'guid="{guid(11)}"', 1))
    refused = refusal(data)
    assert codes_of(refused)[0] == "QDPX_GUID_DUPLICATE"
    assert refused.diagnostics[0].params["first"] < refused.diagnostics[0].location.line


def test_a_reference_to_nothing():
    data = tamper(
        lambda text: text.replace(
            f'<SourceRef targetGUID="{guid(20)}"', f'<SourceRef targetGUID="{guid(98)}"'
        )
    )
    assert codes_of(refusal(data)) == ["QDPX_REF_UNKNOWN"]


def test_a_codebook_of_another_kind_of_document():
    with pytest.raises(Refused) as caught:
        qdc.read_qdc(qdpx.project_xml(sample_project()), "livre.qdc")
    assert codes_of(caught.value) == ["QDPX_ROOT"]


def test_a_writer_never_returns_an_invalid_file():
    with pytest.raises(Refused) as caught:
        qdc.write_qdc(Codebook((Code(guid(1), "Rouge", color="rouge"),)))
    assert codes_of(caught.value) == [ProblemCode.QDPX_WRITTEN_INVALID.code]
