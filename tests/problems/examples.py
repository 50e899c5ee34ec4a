"""An example of every problem of the files' catalogue (:class:`ProblemCode`): the smallest
file, upload or setting that makes Vivier name it, read by the reader that meets it.

Most examples are a form or a document written out here (XLSForm in pyxform's markdown
notation, a LimeSurvey ``.lss``, KoboToolbox JSON, a practice-sheet text); the rest build
the hostile file or lower the limit a real file would have to break. Each returns what the
reader said (diagnostics, the refusal it raised, or the page shown); the catalogue tests
check that the code is among them and that its message is whole. A new code needs an entry
here, or ``test_every_code_has_an_example`` fails.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests import hostile_files as hostile
from tests.surveys.codecs.real_files import workbook
from tests.surveys.codecs.test_limesurvey import lss
from vivier.problems import Diagnostic, ProblemCode, ProblemError
from vivier.surveys.codecs import importing
from vivier.surveys.codecs.importing import import_bytes
from vivier.surveys.codecs.kobo import reader as kobo
from vivier.surveys.codecs.limesurvey.reader import read_lss
from vivier.surveys.codecs.shared.archive_guard import Limits, check_archive, scan_all_xml
from vivier.surveys.codecs.xlsform import reader as xlsform_reader
from vivier.surveys.codecs.xlsform import sheets as xlsform_sheets
from vivier.surveys.schema import Choice, Question, Questionnaire, QuestionType, Section

P = ProblemCode


@dataclass
class Context:
    """What an example may need: a folder, a way to lower a limit, the test's fixtures."""

    tmp: Path
    monkeypatch: pytest.MonkeyPatch
    request: pytest.FixtureRequest

    def fixture(self, name: str) -> Any:
        return self.request.getfixturevalue(name)


#: What an example gives back: diagnostics, or the page that shows one (a string).
Found = Iterable[Diagnostic | str]
EXAMPLES: dict[ProblemCode, Callable[[Context], Found]] = {}
#: The examples that need the database (a campaign, a persona, a page).
WITH_DATABASE: set[ProblemCode] = set()


def example(
    code: ProblemCode, *, database: bool = False
) -> Callable[[Callable[[Context], Found]], Callable[[Context], Found]]:
    def register(function: Callable[[Context], Found]) -> Callable[[Context], Found]:
        assert code not in EXAMPLES, f"two examples of {code.name}"
        EXAMPLES[code] = function
        if database:
            WITH_DATABASE.add(code)
        return function

    return register


def refused(action: Callable[[], object]) -> list[Diagnostic]:
    """The problem a reader raised (it must raise one)."""
    try:
        action()
    except ProblemError as error:
        return [error.diagnostic]
    raise AssertionError("the reader accepted the input")


# -- Any file ----------------------------------------------------------------------------------


@example(P.UNKNOWN_FORMAT)
def _unknown_format(ctx: Context) -> Found:
    return import_bytes(b"PK", "questionnaire.docx").diagnostics


@example(P.FILE_TOO_BIG)
def _file_too_big(ctx: Context) -> Found:
    ctx.monkeypatch.setattr(importing, "MAX_BYTES", 1024)
    return import_bytes(b" " * 4096, "gros.xlsx").diagnostics


@example(P.FILE_UNREADABLE)
def _file_unreadable(ctx: Context) -> Found:
    # A reader that breaks on what it was given says so, with no traceback.
    return xlsform_reader.import_workbook(None, "casse.xlsx", "xlsform").diagnostics  # type: ignore[arg-type]


@example(P.JSON_INVALID)
def _json_invalid(ctx: Context) -> Found:
    return import_bytes(b'{"content": ', "formulaire.json").diagnostics


@example(P.JSON_TOO_DEEP)
def _json_too_deep(ctx: Context) -> Found:
    return import_bytes(b"[" * 200 + b"]" * 200, "profond.json").diagnostics


@example(P.VIVIER_JSON_INVALID)
def _vivier_json_invalid(ctx: Context) -> Found:
    document = {"format": "vivier-questionnaire", "format_version": 1, "slug": "x", "title": "X"}
    return import_bytes(json.dumps(document).encode(), "vivier.json").diagnostics


# -- Office archives -----------------------------------------------------------------------------

#: Limits small enough for a few bytes to break them (the real ones are hundreds of MB).
TIGHT = Limits("classeur", "workbook", members=3, total_bytes=200, xml_bytes=100, ratio=100)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


@example(P.ARCHIVE_TOO_MANY_MEMBERS)
def _archive_members(ctx: Context) -> Found:
    data = _zip({f"xl/media/{i}.xml": b"<a/>" for i in range(4)})
    return refused(lambda: check_archive(data, TIGHT))


@example(P.ARCHIVE_DIRECTORY_TOO_BIG)
def _archive_directory(ctx: Context) -> Found:
    # The end record declares a directory of several megabytes: nothing is listed.
    end = b"PK\x05\x06" + bytes(8) + (5 * 1024 * 1024).to_bytes(4, "little") + bytes(6)
    return import_bytes(b"PK\x03\x04" + bytes(100) + end, "sommaire.xlsx").diagnostics


@example(P.ARCHIVE_MEMBER_TOO_BIG)
def _archive_member(ctx: Context) -> Found:
    return import_bytes(hostile.xlsx_bomb(), "bombe.xlsx").diagnostics


@example(P.ARCHIVE_RATIO)
def _archive_ratio(ctx: Context) -> Found:
    prefix = b'<sst xmlns="x"><si><t>'
    size = 1_000_000 * 50
    stream, crc = hostile.deflated_filler(prefix, b"a", size, b"</t></si></sst>")
    declared = len(prefix) + size + len(b"</t></si></sst>")
    data = hostile.zip_archive({}, {"xl/sharedStrings.xml": (stream, crc, declared)})
    return import_bytes(data, "ratio.xlsx").diagnostics


@example(P.ARCHIVE_TOO_BIG)
def _archive_too_big(ctx: Context) -> Found:
    data = _zip({"a.bin": bytes(150), "b.bin": bytes(150)})
    return refused(lambda: check_archive(data, TIGHT))


@example(P.ARCHIVE_CORRUPT)
def _archive_corrupt(ctx: Context) -> Found:
    return refused(lambda: check_archive(b"PK\x03\x04 ceci n'est pas une archive", TIGHT))


@example(P.ARCHIVE_XML_DTD)
def _archive_dtd(ctx: Context) -> Found:
    data = _zip({"word/document.xml": b'<!DOCTYPE d [<!ENTITY a "rire">]><d>&a;</d>'})
    return refused(lambda: scan_all_xml(check_archive(data, TIGHT), TIGHT))


@example(P.ARCHIVE_XML_INVALID)
def _archive_xml_invalid(ctx: Context) -> Found:
    data = _zip({"word/document.xml": b"<d><p>pas ferme</d>"})
    return refused(lambda: scan_all_xml(check_archive(data, TIGHT), TIGHT))


# -- XLSForm -------------------------------------------------------------------------------------


def xlsform(text: str, name: str = "formulaire.md") -> Found:
    """A form in pyxform's markdown notation, imported as a person would upload it."""
    return import_bytes(text.encode(), name).diagnostics


#: One form per problem, in pyxform's markdown notation (a sheet's name, then its rows).
FORMS: dict[ProblemCode, str] = {
    P.XLSFORM_NO_SURVEY: """
| surveys |      |      |       |
|         | type | name | label |
|         | text | a    | A     |
| choices | list_name | name | label |
|         | oui_non   | oui  | Oui   |
""",
    P.XLSFORM_NO_TYPE_COLUMN: """
| survey | name | label |
|        | a    | A     |
""",
    P.XLSFORM_EMPTY: """
| survey |
""",
    P.XLSFORM_EMPTY_WORKBOOK: """
| Feuille1 |
""",
    P.XLSFORM_DUPLICATE_COLUMN: """
| survey | type | name | label | bind:relevant | relevance |
|        | text | a    | A     |               |           |
""",
    P.XLSFORM_CHOICES_COLUMNS: """
| survey  | type              | name | label |
|         | select_one couleur | c   | C     |
| choices | list_name | label |
|         | couleur   | Bleu  |
""",
    P.XLSFORM_CHOICE_WITHOUT_NAME: """
| survey  | type               | name | label |
|         | select_one couleur | c    | C     |
| choices | list_name | name | label |
|         | couleur   | bleu | Bleu  |
|         | couleur   |      | Rouge |
""",
    P.XLSFORM_DUPLICATE_CHOICE: """
| survey  | type               | name | label |
|         | select_one couleur | c    | C     |
| choices | list_name | name | label |
|         | couleur   | bleu | Bleu  |
|         | couleur   | bleu | Azur  |
""",
    P.XLSFORM_DUPLICATE_CHOICE_MERGED: """
| survey   | type               | name | label |
|          | select_one couleur | c    | C     |
| choices  | list_name | name | label |
|          | couleur   | bleu | Bleu  |
|          | couleur   | bleu | Azur  |
| settings | allow_choice_duplicates |
|          | yes                     |
""",
    P.XLSFORM_NO_TYPE: """
| survey | type | name | label |
|        | text | a    | A     |
|        |      | b    | B     |
""",
    P.XLSFORM_METADATA_DROPPED: """
| survey | type  | name  | label |
|        | start | start |       |
|        | text  | a     | A     |
""",
    P.XLSFORM_NO_NAME: """
| survey | type | name | label |
|        | text |      | A     |
""",
    P.XLSFORM_CALCULATION_MISSING: """
| survey | type      | name  | label | calculation |
|        | calculate | total |       |             |
|        | text      | a     | A     |             |
""",
    P.XLSFORM_UNCLOSED_GROUP: """
| survey | type        | name | label |
|        | begin group | g    | G     |
|        | text        | a    | A     |
""",
    P.XLSFORM_UNMATCHED_END: """
| survey | type      | name | label |
|        | text      | a    | A     |
|        | end group |      |       |
""",
    P.XLSFORM_MISMATCHED_END: """
| survey | type        | name | label |
|        | begin group | g    | G     |
|        | text        | a    | A     |
|        | end repeat  |      |       |
""",
    P.XLSFORM_INCLUDE: """
| survey | type    | name  | label |
|        | include | autre |       |
""",
    P.XLSFORM_UNKNOWN_TYPE: """
| survey | type  | name | label |
|        | texte | a    | A     |
""",
    P.XLSFORM_DUPLICATE_NAME: """
| survey | type | name | label |
|        | text | a    | A     |
|        | text | a    | A bis |
""",
    P.XLSFORM_NAME_RENAMED: """
| survey | type    | name | label |
|        | integer | âge  | Âge   |
""",
    P.XLSFORM_EXPRESSION_SYNTAX: """
| survey | type | name | label | relevant     |
|        | text | a    | A     |              |
|        | text | b    | B     | ${a} = (     |
""",
    P.XLSFORM_UNKNOWN_REFERENCE: """
| survey | type | name | label | relevant        |
|        | text | a    | A     |                 |
|        | text | b    | B     | ${aa} = 'oui'   |
""",
    P.XLSFORM_EXPRESSION_UNSUPPORTED: """
| survey | type | name  | label | constraint  |
|        | date | quand | Quand | . < today() |
""",
    P.XLSFORM_CALCULATE_DROPPED: """
| survey | type      | name | label | calculation | relevant      |
|        | calculate | jour |       | today()     |               |
|        | text      | a    | A     |             | ${jour} > '1' |
""",
    P.XLSFORM_REPEAT_FLATTENED: """
| survey | type         | name    | label   |
|        | begin repeat | enfants | Enfants |
|        | text         | prenom  | Prénom  |
|        | end repeat   |         |         |
""",
    P.XLSFORM_TYPE_DOWNGRADED: """
| survey | type     | name | label |
|        | geopoint | lieu | Lieu  |
""",
    P.XLSFORM_READ_ONLY: """
| survey | type | name | label | read_only |
|        | text | a    | A     | yes       |
""",
    P.XLSFORM_MEDIA_LABEL: """
| survey | type | name  | media::image |
|        | note | photo | photo.jpg    |
""",
    P.XLSFORM_NO_LABEL: """
| survey | type | name | label |
|        | text | a    |       |
""",
    P.XLSFORM_CHOICES_FROM_ANSWERS: """
| survey | type              | name   | label  |
|        | select_multiple c | choix  | Choix  |
|        | select_one ${choix} | prefere | Préféré |
| choices | list_name | name | label |
|         | c         | x    | X     |
""",
    P.XLSFORM_UNKNOWN_LIST: """
| survey | type           | name | label |
|        | select_one nul | c    | C     |
""",
    P.XLSFORM_CHOICE_FILTER_DROPPED: """
| survey  | type         | name | label | choice_filter |
|         | select_one c | a    | A     | x = 'y'       |
| choices | list_name | name | label |
|         | c         | y    | Y     |
""",
    P.XLSFORM_CONDITIONAL_REQUIRED: """
| survey | type | name | label | required      |
|        | text | a    | A     |               |
|        | text | b    | B     | ${a} = 'oui'  |
""",
    P.XLSFORM_DYNAMIC_DEFAULT: """
| survey | type | name  | label | default |
|        | date | quand | Quand | today() |
""",
    P.XLSFORM_NO_QUESTION: """
| survey | type | name | label |
""",
    P.XLSFORM_NOTHING_TO_ASK: """
| survey | type  | name  |
|        | start | start |
""",
    P.XLSFORM_CONDITION_DROPPED: """
| survey | type    | name | label | relevant       |
|        | integer | age  | Âge   |                |
|        | text    | b    | B     | ${age} > 'abc' |
""",
    P.XLSFORM_INVALID: """
| survey | type | name           | label |
|        | text | a              | A     |
|        | text | nom en clair   | B     |
""",
    P.XLSFORM_NO_SHEET_NAME: """
|        | type | name | label |
| survey |      |      |       |
""",
}
for _code, _form in FORMS.items():
    EXAMPLES[_code] = lambda ctx, form=_form: xlsform(form)


@example(P.XLSFORM_TOO_MANY_COLUMNS)
def _xlsform_wide(ctx: Context) -> Found:
    return xlsform("| survey " + "| h" * 16_400 + " |\n")


@example(P.XLSFORM_TOO_MANY_CELLS)
def _xlsform_cells(ctx: Context) -> Found:
    ctx.monkeypatch.setattr(xlsform_sheets, "MAX_CELLS", 5)
    return xlsform(FORMS[P.XLSFORM_DUPLICATE_NAME])


@example(P.XLSFORM_ENCODING)
def _xlsform_encoding(ctx: Context) -> Found:
    return import_bytes(
        "survey,type,name\n,text,é\n".encode("latin-1"), "formulaire.csv"
    ).diagnostics


@example(P.XLSFORM_UNREADABLE)
def _xlsform_unreadable(ctx: Context) -> Found:
    return import_bytes(b"\xd0\xcf\x11\xe0 pas un classeur Excel 97", "ancien.xls").diagnostics


@example(P.XLSFORM_CSV_INVALID)
def _xlsform_csv(ctx: Context) -> Found:
    # A field longer than Python's csv module accepts (131,072 characters).
    return import_bytes(('survey,type,"' + "x" * 200_000 + '"\n').encode(), "long.csv").diagnostics


@example(P.XLSFORM_ERROR_CELLS)
def _xlsform_error_cells(ctx: Context) -> Found:
    data = workbook(("survey", [["type", "name", "label"], ["text", "a", "#N/A"]]))
    return import_bytes(data, "erreur.xlsx").diagnostics


# -- KoboToolbox ---------------------------------------------------------------------------------


def kobo_json(document: Any) -> Found:
    return import_bytes(json.dumps(document).encode(), "formulaire.json").diagnostics


def formpack(ctx: Context, files: dict[str, Any]) -> Found:
    folder = ctx.tmp / "formpack"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_text(json.dumps(content) if not isinstance(content, str) else content)
    return kobo.read_formpack_folder(folder).diagnostics


CONTENT = {"survey": [{"type": "text", "name": "a", "label": ["A"]}], "translations": [None]}


@example(P.XLSFORM_EMPTY_CONTENT)
def _kobo_empty(ctx: Context) -> Found:
    return kobo_json({"content": {"survey": []}})


@example(P.KOBO_NO_SURVEY)
def _kobo_no_survey(ctx: Context) -> Found:
    return kobo_json({"content": {"choices": []}})


@example(P.KOBO_TRANSLATIONS_FROM_COLUMNS)
def _kobo_columns(ctx: Context) -> Found:
    row = {"type": "text", "name": "a", "label::English (en)": "A", "label::French (fr)": "A"}
    return kobo_json({"content": {"survey": [row]}})


@example(P.KOBO_UNDECLARED_TRANSLATION)
def _kobo_undeclared(ctx: Context) -> Found:
    row = {"type": "text", "name": "a", "label": ["A"], "label::French (fr)": "A"}
    return kobo_json({"content": {"survey": [row], "translations": [None]}})


@example(P.KOBO_FILE_MISSING)
def _kobo_missing(ctx: Context) -> Found:
    return formpack(ctx, {"fixture.json": {"title": "F", "versions": [{"$ref": "v1.json"}]}})


@example(P.KOBO_NO_VERSION)
def _kobo_no_version(ctx: Context) -> Found:
    return formpack(ctx, {"fixture.json": {"title": "F", "versions": []}})


@example(P.KOBO_NOT_A_FIXTURE)
def _kobo_not_a_fixture(ctx: Context) -> Found:
    return formpack(ctx, {"fixture.json": {"title": "F"}})


@example(P.KOBO_BAD_REFERENCE)
def _kobo_bad_reference(ctx: Context) -> Found:
    return formpack(ctx, {"fixture.json": {"title": "F", "versions": [{"$ref": "../v1.json"}]}})


@example(P.KOBO_BAD_VERSION)
def _kobo_bad_version(ctx: Context) -> Found:
    return formpack(ctx, {"fixture.json": {"title": "F", "versions": [5]}})


@example(P.KOBO_EARLIER_VERSIONS)
def _kobo_earlier(ctx: Context) -> Found:
    versions = [{"version": "v1", "content": CONTENT}, {"version": "v2", "content": CONTENT}]
    return formpack(ctx, {"fixture.json": {"title": "F", "versions": versions}})


def _workbook_with_id(form_id: str) -> bytes:
    return workbook(
        ("survey", [["type", "name", "label"], ["text", "a", "A"]]),
        ("settings", [["form_id"], [form_id]]),
    )


@example(P.KOBO_FOLDER_OF_WORKBOOKS)
def _kobo_workbooks(ctx: Context) -> Found:
    folder = ctx.tmp / "export"
    folder.mkdir()
    (folder / "accueil.xlsx").write_bytes(_workbook_with_id("accueil"))
    return kobo.read_formpack_folder(folder).diagnostics


@example(P.KOBO_SAME_FORM_ID)
def _kobo_same_id(ctx: Context) -> Found:
    folder = ctx.tmp / "export"
    folder.mkdir()
    (folder / "un.xlsx").write_bytes(_workbook_with_id("visite"))
    (folder / "deux.xlsx").write_bytes(_workbook_with_id("visite"))
    return [d for _path, result in kobo.import_folder_workbooks(folder) for d in result.diagnostics]


# -- LimeSurvey ----------------------------------------------------------------------------------


def limesurvey(data: bytes) -> Found:
    return read_lss(data, "enquete.lss").diagnostics


def question(qid: str, code: str, type_: str = "T", **more: str) -> dict[str, str]:
    return {"qid": qid, "title": code, "type": type_, "text_fr": f"Question {code}", **more}


def attribute(qid: str, name: str, value: str) -> dict[str, str]:
    return {"qid": qid, "attribute": name, "value": value, "language": ""}


SURVEYS: dict[ProblemCode, Callable[[], bytes]] = {
    P.LIMESURVEY_EMPTY: lambda: b"",
    P.LIMESURVEY_ARCHIVE: lambda: b"PK\x03\x04 une archive .lsa",
    P.LIMESURVEY_NOT_LSS: lambda: b"<document><other/></document>",
    P.LIMESURVEY_NOT_AN_EXPORT: lambda: b"<survey/>",
    P.LIMESURVEY_NOT_A_SURVEY: lambda: (
        b"<document><LimeSurveyDocType>Group</LimeSurveyDocType></document>"
    ),
    P.LIMESURVEY_XML_ENTITIES: lambda: (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "b">]><document>&a;</document>'
    ),
    P.LIMESURVEY_XML_MALFORMED: lambda: b"<document><LimeSurveyDocType>Survey</document>",
    P.LIMESURVEY_NO_GROUP: lambda: (
        b"<document><LimeSurveyDocType>Survey</LimeSurveyDocType></document>"
    ),
    P.LIMESURVEY_ORPHAN_QUESTION: lambda: lss([question("1", "Q1"), question("2", "Q2", gid="99")]),
    P.LIMESURVEY_QUOTAS_DROPPED: lambda: lss([question("1", "Q1")]).replace(
        b"</document>",
        b"<quota><fields><fieldname>id</fieldname></fields><rows><row><id>1</id>"
        b"<name>Femmes</name><qlimit>50</qlimit></row></rows></quota></document>",
    ),
    P.LIMESURVEY_RANDOM_ORDER_IGNORED: lambda: lss(
        [question("1", "Q1")],
        groups=[{"gid": "10", "group_order": "1", "randomization_group": "R1", "text_fr": "G"}],
    ),
    P.LIMESURVEY_QUESTION_RANDOM_ORDER_IGNORED: lambda: lss(
        [question("1", "Q1", "L")],
        answers=[{"aid": "1", "qid": "1", "code": "A1", "text_fr": "Un"}],
        attributes=[attribute("1", "random_order", "1")],
    ),
    P.LIMESURVEY_HIDDEN_QUESTION_DROPPED: lambda: lss(
        [question("1", "Q1"), question("2", "Q2")], attributes=[attribute("2", "hidden", "1")]
    ),
    P.LIMESURVEY_NEVER_SHOWN_QUESTION_DROPPED: lambda: lss(
        [
            question("1", "Q1", "L"),
            question("2", "Q2", "F"),
        ],
        answers=[{"aid": "1", "qid": "1", "code": "A1", "text_fr": "Un"}],
        subquestions=[
            {"qid": "3", "parent_qid": "2", "title": "SQ1", "relevance": "0", "text_fr": "L1"}
        ],
    ),
    P.LIMESURVEY_HIDDEN_GROUP_DROPPED: lambda: lss(
        [question("1", "Q1"), question("2", "Q2", gid="20")],
        groups=[
            {"gid": "10", "group_order": "1", "text_fr": "G1"},
            {"gid": "20", "group_order": "2", "grelevance": "0", "text_fr": "G2"},
        ],
    ),
    P.LIMESURVEY_VALIDATION_DROPPED: lambda: lss([question("1", "Q1", "S", preg="/^[A-Z]+$/")]),
    P.LIMESURVEY_ARRAY_FILTER_DROPPED: lambda: lss(
        [question("1", "Q1")], attributes=[attribute("1", "array_filter", "Q0")]
    ),
    P.LIMESURVEY_EMPTY_GROUP: lambda: lss(
        [question("1", "Q1"), question("2", "EQ", "*", gid="20")],
        groups=[
            {"gid": "10", "group_order": "1", "text_fr": "G1"},
            {"gid": "20", "group_order": "2", "text_fr": "Calculs"},
        ],
    ),
    P.LIMESURVEY_CONDITION_DROPPED: lambda: lss(
        [question("1", "Q1"), question("2", "Q2", relevance="regexMatch('/^a/', Q1)")]
    ),
    P.LIMESURVEY_LEGACY_CONDITION_DROPPED: lambda: lss(
        [question("1", "Q1"), question("2", "Q2")],
        conditions=[
            {"cid": "1", "qid": "2", "cfieldname": "555111X10X1", "method": "RX", "value": "^a"}
        ],
    ),
    P.LIMESURVEY_CONDITION_REJECTED: lambda: lss(
        [question("1", "Q1", "N"), question("2", "Q2", relevance='Q1 == "abc"')]
    ),
    P.LIMESURVEY_UNKNOWN_TYPE: lambda: lss([question("1", "Q1", "@")]),
    P.LIMESURVEY_SCRIPT_REMOVED: lambda: lss(
        [question("1", "Q1", text_fr="Texte<script>alert(1)</script>")]
    ),
    P.LIMESURVEY_PIPING_KEPT_AS_TEXT: lambda: lss(
        [question("1", "Q1"), question("2", "Q2", text_fr="Vous avez dit {Q1}")]
    ),
    P.LIMESURVEY_EMPTY_TEXT: lambda: lss([question("1", "Q1", text_fr="")]),
    P.LIMESURVEY_DUPLICATE_CODE: lambda: lss(
        [question("1", "Q1"), question("2", "Q1", gid="20")],
        groups=[
            {"gid": "10", "group_order": "1", "text_fr": "G1"},
            {"gid": "20", "group_order": "2", "text_fr": "G2"},
        ],
    ),
    P.LIMESURVEY_RENAMED: lambda: lss([question("1", "1age")]),
    P.LIMESURVEY_DEFAULT_DROPPED: lambda: lss([question("1", "Q1", "S")]).replace(
        b"</document>",
        b"<defaultvalues><fields><fieldname>qid</fieldname></fields><rows><row><qid>1</qid>"
        b"<scale_id>0</scale_id><sqid>0</sqid><language>fr</language>"
        b"<defaultvalue>{TODAY}</defaultvalue></row></rows></defaultvalues></document>",
    ),
    P.LIMESURVEY_OPTION_CONDITION_DROPPED: lambda: lss(
        [question("1", "Q1", "M")],
        subquestions=[
            {"qid": "2", "parent_qid": "1", "title": "SQ1", "text_fr": "Un"},
            {"qid": "3", "parent_qid": "1", "title": "SQ2", "relevance": "1 > 2", "text_fr": "D"},
        ],
    ),
    P.LIMESURVEY_COMMENTS_AS_QUESTIONS: lambda: lss(
        [question("1", "Q1", "P")],
        subquestions=[{"qid": "2", "parent_qid": "1", "title": "SQ1", "text_fr": "Un"}],
    ),
    P.LIMESURVEY_ROW_CONDITION_DROPPED: lambda: lss(
        [question("1", "Q1", "A")],
        subquestions=[
            {"qid": "2", "parent_qid": "1", "title": "SQ1", "text_fr": "Un"},
            {"qid": "3", "parent_qid": "1", "title": "SQ2", "relevance": "1 > 2", "text_fr": "D"},
        ],
    ),
    P.LIMESURVEY_CHECKBOX_ARRAY: lambda: lss(
        [question("1", "Q1", ":")],
        subquestions=[
            {"qid": "2", "parent_qid": "1", "title": "SQ1", "text_fr": "Ligne"},
            {"qid": "3", "parent_qid": "1", "title": "C1", "scale_id": "1", "text_fr": "Col"},
        ],
        attributes=[attribute("1", "multiflexible_checkbox", "1")],
    ),
    P.LIMESURVEY_UPLOAD_AS_DISPLAY: lambda: lss([question("1", "Q1", "|")]),
    P.LIMESURVEY_EQUATION_DROPPED: lambda: lss([question("1", "Q1"), question("2", "EQ", "*")]),
    P.LIMESURVEY_LANGUAGE_SWITCH_DROPPED: lambda: lss(
        [question("1", "Q1"), question("2", "LANG", "I")]
    ),
}
for _code, _survey in SURVEYS.items():
    EXAMPLES[_code] = lambda ctx, survey=_survey: limesurvey(survey())


@example(P.LIMESURVEY_TOO_BIG)
def _limesurvey_too_big(ctx: Context) -> Found:
    from vivier.surveys.codecs.limesurvey import document as limesurvey_xml

    ctx.monkeypatch.setattr(limesurvey_xml, "MAX_BYTES", 100)
    return limesurvey(lss([question("1", "Q1")]))


@example(P.LIMESURVEY_UNREADABLE)
def _limesurvey_unreadable(ctx: Context) -> Found:
    # A table the model cannot make sense of: the reader says so instead of a traceback.
    from vivier.surveys.codecs.limesurvey import reader

    def broken(document: Any) -> Any:
        raise KeyError("sid")

    ctx.monkeypatch.setattr(reader, "read_survey", broken)
    return limesurvey(lss([question("1", "Q1")]))


# -- Responses of other tools --------------------------------------------------------------------

#: A questionnaire imported from KoboToolbox or LimeSurvey: its questions keep their names.
RESPONSES_FORM = Questionnaire(
    "visite",
    "Visite",
    (
        Section(
            "s1",
            "Page",
            (
                Question("q1", QuestionType.SHORT_TEXT, "Q1"),
                Question(
                    "q2",
                    QuestionType.SINGLE_CHOICE,
                    "Q2",
                    choices=(Choice("oui", "Oui"), Choice("non", "Non")),
                ),
            ),
        ),
    ),
)


def kobo_responses(data: bytes, name: str = "reponses.json") -> Found:
    from vivier.surveys.codecs.responses import kobo as responses_kobo

    read = responses_kobo.read_kobo_json if name.endswith(".json") else responses_kobo.read_kobo_csv
    return read(data, RESPONSES_FORM, name).diagnostics


def limesurvey_responses(text: str) -> Found:
    """A LimeSurvey CSV export, read against the survey imported from LimeSurvey (Q1)."""
    from vivier.surveys.codecs.responses import limesurvey as responses_limesurvey

    survey = read_lss(lss([question("1", "Q1")]), "enquete.lss").questionnaire
    assert survey is not None
    return responses_limesurvey.read_limesurvey_csv(text.encode(), survey, "r.csv").diagnostics


RESPONSE_FILES: dict[ProblemCode, Callable[[], Found]] = {
    P.CSV_ENCODING: lambda: kobo_responses(b"\x81\x8d\x8f\x90\x9d", "reponses.csv"),
    P.CSV_EMPTY: lambda: kobo_responses(b"", "reponses.csv"),
    P.CSV_INVALID: lambda: kobo_responses(
        ('q1\n"' + "x" * 200_000 + '"\n').encode(), "reponses.csv"
    ),
    P.CSV_TOO_MANY_COLUMNS: lambda: kobo_responses(hostile.csv_wide(20_000).encode(), "large.csv"),
    P.RESPONSE_COLUMN_UNMAPPED: lambda: kobo_responses(b"q1,q9\nbonjour,x\n", "reponses.csv"),
    P.KOBO_SUBMISSION_NOT_OBJECT: lambda: kobo_responses(b'[{"q1": "a"}, 5]'),
    P.KOBO_NOTHING_MAPPED: lambda: kobo_responses(b'[{"autre": "a"}]'),
    P.KOBO_REPEAT_REDUCED: lambda: kobo_responses(
        b'[{"q1": "a", "enfants": [{"enfants/prenom": "A"}, {"enfants/prenom": "B"}]}]'
    ),
    P.KOBO_NO_TIME: lambda: kobo_responses(b'[{"q1": "a"}]'),
    P.KOBO_JSON_INVALID: lambda: kobo_responses(b'[{"q1": '),
    P.KOBO_JSON_SHAPE: lambda: kobo_responses(b'"des reponses"'),
    P.LIMESURVEY_NO_SUBMITDATE: lambda: limesurvey_responses("id,q1\n1,a\n"),
    P.LIMESURVEY_NOTHING_MAPPED: lambda: limesurvey_responses(
        "id,submitdate,autre\n1,2020-01-01,a\n"
    ),
    P.LIMESURVEY_INCOMPLETE: lambda: limesurvey_responses(
        "id,submitdate,Q1\n1,,a\n2,2020-01-01,b\n"
    ),
}
for _code, _read in RESPONSE_FILES.items():
    EXAMPLES[_code] = lambda ctx, read=_read: read()


# -- Response records (JSON Lines, and every tool's rows once mapped) ---------------------------


def response_lines(*lines: str) -> Found:
    from vivier.campaigns.imports import read_rows

    _rows, errors = read_rows(RESPONSES_FORM, list(lines))
    return errors


def record(**fields: Any) -> str:
    base = {"id": "r1", "submitted_at": "2020-08-24T10:00:00+02:00", "answers": {"q1": "a"}}
    return json.dumps({**base, **fields})


RECORDS: dict[ProblemCode, tuple[str, ...]] = {
    P.RESPONSE_JSON_INVALID: ('{"id": "r1",',),
    P.RESPONSE_NOT_AN_OBJECT: ('["r1"]',),
    P.RESPONSE_UNKNOWN_FIELDS: (record(reponses={}),),
    P.RESPONSE_ID_INVALID: (record(id=""),),
    P.RESPONSE_ID_UNSAFE: (record(id="2020/08/24-7"),),
    P.RESPONSE_ID_REPEATED: (record(), record()),
    P.RESPONSE_SUBMITTED_AT_INVALID: (record(submitted_at="hier"),),
    P.RESPONSE_MODE_INVALID: (record(mode="papier"),),
    P.RESPONSE_CHANNEL_INVALID: (record(channel=["UNCCAS"]),),
    P.RESPONSE_ANSWERS_MISSING: (record(answers=["a"]),),
    P.RESPONSE_TOO_MANY_PROBLEMS: tuple(record(id=f"r{n}", mode="papier") for n in range(101)),
}
for _code, _lines in RECORDS.items():
    EXAMPLES[_code] = lambda ctx, lines=_lines: response_lines(*lines)


@example(P.RESPONSE_STORED_MEANWHILE, database=True)
def _stored_meanwhile(ctx: Context) -> Found:
    # A large file is staged in parts; another import stores one of its ids in between.
    from vivier.campaigns import imports, staged_imports

    campaign = ctx.fixture("campaign")

    def racing(*args: Any, **kwargs: Any) -> int:
        raise staged_imports.StagingConflictError("r3")

    ctx.monkeypatch.setattr(staged_imports, "store", racing)
    ctx.monkeypatch.setattr(staged_imports, "CHUNK", 2)
    lines = [
        json.dumps({"id": f"r{n}", "submitted_at": "2020-08-24T10:00Z", "answers": {"role": "pc"}})
        for n in range(5)
    ]
    try:
        imports.import_jsonl(campaign, lines, source="gros.jsonl")
    except imports.ImportFailedError as failed:
        return failed.errors
    raise AssertionError("the import went through")


# -- Documents holding practice sheets -----------------------------------------------------------


def document(ctx: Context, name: str, content: bytes) -> Found:
    from vivier.practices.importing.reader import read_document

    path = ctx.tmp / name
    path.write_bytes(content)
    return refused(lambda: read_document(path))


@example(P.DOCUMENT_TYPE_UNSUPPORTED)
def _document_type(ctx: Context) -> Found:
    return document(ctx, "fiches.odt", b"PK")


@example(P.DOCUMENT_TOO_BIG)
def _document_too_big(ctx: Context) -> Found:
    from vivier.practices.importing import reader

    ctx.monkeypatch.setattr(reader, "MAX_DOCUMENT_BYTES", 10)
    return document(ctx, "fiches.txt", b"FICHE 1A : UN TITRE TROP LONG")


@example(P.DOCUMENT_TOO_LONG)
def _document_too_long(ctx: Context) -> Found:
    from vivier.practices.importing import reader

    ctx.monkeypatch.setattr(reader, "MAX_TEXT_CHARS", 10)
    return document(ctx, "fiches.txt", b"FICHE 1A : UN TITRE TROP LONG")


@example(P.DOCX_UNREADABLE)
def _docx_unreadable(ctx: Context) -> Found:
    # A sound archive that is no Word document: python-docx finds no main part.
    return document(ctx, "fiches.docx", _zip({"word/autre.xml": b"<a/>"}))


@example(P.PDF_LIMIT)
def _pdf_limit(ctx: Context) -> Found:
    return document(ctx, "bombe.pdf", hostile.pdf_bomb())


@example(P.PDF_UNREADABLE)
def _pdf_unreadable(ctx: Context) -> Found:
    return document(ctx, "abime.pdf", hostile.pdf_corrupt())


@example(P.PDF_TOO_MANY_PAGES)
def _pdf_pages(ctx: Context) -> Found:
    from vivier.practices.importing import reader

    ctx.monkeypatch.setattr(reader, "MAX_PDF_PAGES", 2)
    return document(ctx, "long.pdf", hostile.pdf_many_pages(3))


# -- Practice sheets read out of a document ------------------------------------------------------

SHEET = """\
 Pouvoir d'agir
FICHE N°9A : JARDINS PARTAGES DES TILLEULS
Territoire Département de la Savoie
Année Depuis 2017
Initiateurs et acteurs concernés Centre social des Tilleuls
Public(s) cible(s) Habitants du quartier
 Descriptif de l'action
Les habitants cultivent des parcelles.
Objectif visé : créer du lien entre voisins.
Financements : la ville prête le terrain.
Effets de la pratique par rapport aux objectifs et attentes : 40 habitants participent.
"""


def sheets(text: str) -> Found:
    from vivier.practices.importing import parse_document

    return parse_document(text).warnings


DOCUMENTS: dict[ProblemCode, str] = {
    P.PRACTICE_NONE_FOUND: "Un texte sans fiche.\n",
    P.PRACTICE_DUPLICATE: SHEET + SHEET,
    P.PRACTICE_PASSAGE_UNPLACED: SHEET.replace(
        "Effets de la pratique",
        " Bilan de la mise en œuvre de la pratique\nUne phrase égarée.\nEffets de la pratique",
    ),
    P.PRACTICE_IDENTIFICATION_ROW_MISSING: SHEET.replace("Année Depuis 2017\n", ""),
    P.PRACTICE_SECTION_EMPTY: SHEET.replace("Les habitants cultivent des parcelles.\n", "").replace(
        " Descriptif de l'action\n", " Descriptif de l'action\n Genèse et émergence\n"
    ),
    P.PRACTICE_SECTION_MISSING: SHEET.replace("Financements : la ville prête le terrain.\n", ""),
    P.PRACTICE_NO_DEPARTEMENT: SHEET.replace("Département de la Savoie", "Quartier des Tilleuls"),
    P.PRACTICE_DEPARTEMENT_FROM_TITLE: SHEET.replace(
        "Département de la Savoie", "Quartier des Tilleuls"
    ).replace("DES TILLEULS", "DES TILLEULS EN SAVOIE"),
    P.PRACTICE_START_YEAR_UNREAD: SHEET.replace("Depuis 2017", "Depuis longtemps"),
    P.PRACTICE_NO_START_YEAR: SHEET.replace("Année Depuis 2017", "Année"),
    P.PRACTICE_NO_THEME: SHEET.replace(" Pouvoir d'agir\n", ""),
    P.PRACTICE_NO_TITLE: SHEET.replace(" : JARDINS PARTAGES DES TILLEULS", " :"),
}
for _code, _text in DOCUMENTS.items():
    EXAMPLES[_code] = lambda ctx, text=_text: sheets(text)


# -- Personal data tools -------------------------------------------------------------------------


@example(P.PD_NOT_A_CONTACT, database=True)
def _pd_not_a_contact(ctx: Context) -> Found:
    from vivier.campaigns import privacy

    return refused(lambda: privacy.find_person(["Marie Dupont"], actor="exemple"))


@example(P.PD_EMPTY, database=True)
def _pd_empty(ctx: Context) -> Found:
    from vivier.campaigns import privacy

    return refused(lambda: privacy.find_person(["  "], actor="exemple"))


@example(P.PD_RETENTION_INVALID, database=True)
def _pd_retention(ctx: Context) -> Found:
    from vivier.campaigns import privacy

    settings = ctx.fixture("settings")
    settings.VIVIER_DRAFT_RETENTION_DAYS = "un mois"
    return refused(privacy.retention)


@example(P.PD_NO_SUCH_TEXT, database=True)
def _pd_no_such_text(ctx: Context) -> Found:
    from vivier.campaigns import privacy

    campaign = ctx.fixture("campaign")
    return refused(lambda: privacy.keep_text(campaign, "personne", "avis", actor="exemple"))


@example(P.PD_CONFIRM, database=True)
def _pd_confirm(ctx: Context) -> Found:
    client = ctx.fixture("privacy_paul_client")
    page = client.post(
        "/staff/donnees-personnelles/effacer/",
        {"contact": "marie.dupont@exemple.fr", "confirmer_envoye": "1"},
    )
    return [page.content.decode()]


# -- Measurements of an evaluation plan (CSV import) --------------------------------------------


def measures(text: str, *, lock: str = "", submitted: str = "") -> Found:
    """What importing ``text`` into a plan (tests/evaluation/test_measurements.py's) says;
    ``lock`` a period first, or submit a value of the period ``submitted``."""
    from tests.evaluation.test_measurements import make_plan, record
    from vivier.evaluation import measurement_imports, measurements

    plan = make_plan()
    if lock:
        measurements.lock(plan, lock, None)
    if submitted:
        measurements.submit(record(plan, period=submitted, value="3"), None)
    return measurement_imports.import_csv(plan, text.encode(), "valeurs.csv", None).diagnostics


MEASURE_FILES: dict[ProblemCode, Callable[[], Found]] = {
    P.MEASURE_COLUMN_MISSING: lambda: measures("indicator,value\naccompagnes,3\n"),
    P.MEASURE_COLUMN_UNKNOWN: lambda: measures(
        "indicator,period,value,remarque\naccompagnes,2024,3,bien\n"
    ),
    P.MEASURE_INDICATOR_UNKNOWN: lambda: measures("indicator,period,value\ninconnu,2024,3\n"),
    P.MEASURE_PERIOD_INVALID: lambda: measures("indicator,period,value\naccompagnes,hier,3\n"),
    P.MEASURE_PERIOD_FREQUENCY: lambda: measures("indicator,period,value\naccompagnes,2024-03,3\n"),
    P.MEASURE_PERIOD_LOCKED: lambda: measures(
        "indicator,period,value\naccompagnes,2024,3\n", lock="2024"
    ),
    P.MEASURE_VALUE_MISSING: lambda: measures("indicator,period,value\naccompagnes,2024,\n"),
    P.MEASURE_VALUE_INVALID: lambda: measures("indicator,period,value\naccompagnes,2024,douze\n"),
    P.MEASURE_DENOMINATOR_ZERO: lambda: measures(
        "indicator,period,numerator,denominator\nrelogement,2024,3,0\n"
    ),
    P.MEASURE_NARRATIVE_MISSING: lambda: measures("indicator,period,value\nressenti,2024,3\n"),
    P.MEASURE_DIMENSION_UNKNOWN: lambda: measures(
        "indicator,period,value,dimension,category\naccompagnes,2024,3,âge,jeunes\n"
    ),
    P.MEASURE_DIMENSION_MISSING: lambda: measures(
        "indicator,period,value,category\naccompagnes,2024,3,jeunes\n"
    ),
    P.MEASURE_CATEGORY_MISSING: lambda: measures(
        "indicator,period,value,dimension\naccompagnes,2024,3,public\n"
    ),
    P.MEASURE_ROW_REPEATED: lambda: measures(
        "indicator,period,value\naccompagnes,2024,3\naccompagnes,2024,4\n"
    ),
    P.MEASURE_ALREADY_SENT: lambda: measures(
        "indicator,period,value\naccompagnes,2024,3\n", submitted="2024"
    ),
}
for _code, _make in MEASURE_FILES.items():
    EXAMPLES[_code] = lambda ctx, make=_make: make()
    WITH_DATABASE.add(_code)


@example(P.MEASURE_TOO_MANY_ROWS, database=True)
def _measure_too_many_rows(ctx: Context) -> Found:
    from vivier.evaluation import measurement_imports

    ctx.monkeypatch.setattr(measurement_imports, "MAX_ROWS", 2)
    return measures("indicator,period,value\n" + "accompagnes,2024,3\n" * 3)


# -- Coding: section CODEBOOK (examples of its codes go here) ------------------------------


# -- Coding: section NOTE (examples of its codes go here) ------------------------------


# -- Coding: section CODING (examples of its codes go here) ------------------------------


# -- Coding: section ROUND (examples of its codes go here) ------------------------------


# -- Coding: section SUGGEST (examples of its codes go here) ------------------------------


# -- Coding: section QUOTE (examples of its codes go here) ------------------------------


# -- Coding: section QDPX (examples of its codes go here) ------------------------------

__all__ = ["EXAMPLES", "WITH_DATABASE", "Context"]
