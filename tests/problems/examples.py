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


def codebook_tree(*nodes: Any) -> Found:
    """The problems of a codebook tree (``CodeNode`` values)."""
    from vivier.qualitative.codebook import validate

    return validate(list(nodes), file="livre.json")


def _node(guid: str, name: str, **fields: Any) -> Any:
    from vivier.qualitative.codebook import CodeNode

    return CodeNode(guid, name, **fields)


CODEBOOK_TREES: dict[ProblemCode, Callable[[], Found]] = {
    P.CODEBOOK_NAME_MISSING: lambda: codebook_tree(_node("a", " ")),
    P.CODEBOOK_NAME_TOO_LONG: lambda: codebook_tree(_node("a", "A" * 201)),
    P.CODEBOOK_DUPLICATE_GUID: lambda: codebook_tree(_node("a", "A"), _node("a", "B")),
    P.CODEBOOK_UNKNOWN_PARENT: lambda: codebook_tree(_node("a", "A", parent="z")),
    P.CODEBOOK_CYCLE: lambda: codebook_tree(
        _node("a", "A", parent="b"), _node("b", "B", parent="a")
    ),
    P.CODEBOOK_DUPLICATE_NAME: lambda: codebook_tree(
        _node("a", "Aller vers"), _node("b", "aller-vers")
    ),
    P.CODEBOOK_BAD_SHORTCUT: lambda: codebook_tree(_node("a", "A", shortcut="!")),
    P.CODEBOOK_DUPLICATE_SHORTCUT: lambda: codebook_tree(
        _node("a", "A", shortcut="1"), _node("b", "B", shortcut="1")
    ),
    P.CODEBOOK_BAD_COLOR: lambda: codebook_tree(_node("a", "A", color="bleu")),
}
for _code, _make in CODEBOOK_TREES.items():
    EXAMPLES[_code] = lambda ctx, make=_make: make()


@example(P.CODEBOOK_FORMAT_INVALID)
def _codebook_format_invalid(ctx: Context) -> Found:
    from vivier.qualitative.codebook import from_dict

    return refused(
        lambda: from_dict({"format": "vivier-codebook", "format_version": 1, "codes": 3})
    )


def codebook_refused(action: Callable[[], object]) -> list[Diagnostic]:
    """The problems a change of a campaign's codebook was refused with (it must be)."""
    from vivier.coding.codebooks import Refused

    try:
        action()
    except Refused as error:
        return error.diagnostics
    raise AssertionError("the codebook accepted the change")


@example(P.CODEBOOK_UNKNOWN_QUESTION, database=True)
def _codebook_unknown_question(ctx: Context) -> Found:
    from vivier.coding import codebooks

    book = codebooks.codebook_of(ctx.fixture("campaign"))
    return codebook_refused(
        lambda: codebooks.add_code(book, user=None, name="A", questions=["q999"])
    )


@example(P.CODEBOOK_MERGE_INTO_ITSELF, database=True)
def _codebook_merge_into_itself(ctx: Context) -> Found:
    from vivier.coding import codebooks

    book = codebooks.codebook_of(ctx.fixture("campaign"))
    top = codebooks.add_code(book, user=None, name="A")
    child = codebooks.add_code(book, user=None, name="B", parent=top)
    return codebook_refused(lambda: codebooks.merge(top, child, user=None))


@example(P.CODEBOOK_NOT_EMPTY, database=True)
def _codebook_not_empty(ctx: Context) -> Found:
    from vivier.coding import codebooks

    campaign = ctx.fixture("hcts_campaign")
    codebooks.add_code(codebooks.codebook_of(campaign), user=None, name="A")
    return codebook_refused(lambda: codebooks.load_starter(campaign, "hcts-2020", user=None))


@example(P.CODEBOOK_CODE_GONE, database=True)
def _codebook_code_gone(ctx: Context) -> Found:
    from vivier.coding import codebooks

    book = codebooks.codebook_of(ctx.fixture("campaign"))
    first = codebooks.add_code(book, user=None, name="A")
    codebooks.merge(first, codebooks.add_code(book, user=None, name="B"), user=None)
    return codebook_refused(lambda: codebooks.update_code(first, user=None, name="A2"))


@example(P.CODEBOOK_STARTER_UNKNOWN, database=True)
def _codebook_starter_unknown(ctx: Context) -> Found:
    from vivier.coding import codebooks

    campaign = ctx.fixture("campaign")
    return codebook_refused(lambda: codebooks.load_starter(campaign, "inconnu", user=None))


# -- Coding: section NOTE (examples of its codes go here) ------------------------------


def note(filename: str, data: bytes) -> Found:
    """What reading ``data`` as the note file ``filename`` says."""
    from vivier.qualitative import documents

    return refused(lambda: documents.read_note(filename, data))


@example(P.NOTE_FORMAT)
def _note_format(ctx: Context) -> Found:
    return note("entretien.pdf", b"%PDF-1.7")


@example(P.NOTE_TOO_BIG)
def _note_too_big(ctx: Context) -> Found:
    from vivier.qualitative import documents

    ctx.monkeypatch.setattr(documents, "MAX_BYTES", 4)
    return note("entretien.txt", b"Bonjour")


@example(P.NOTE_UNREADABLE)
def _note_unreadable(ctx: Context) -> Found:
    return note("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00")


@example(P.NOTE_EMPTY)
def _note_empty(ctx: Context) -> Found:
    return note("vide.txt", b" \r\n\t")


@example(P.NOTE_TOO_LONG)
def _note_too_long(ctx: Context) -> Found:
    from vivier.qualitative import documents

    ctx.monkeypatch.setattr(documents, "MAX_CHARS", 3)
    return note("entretien.txt", b"Bonjour")


@example(P.NOTE_NOT_EDITABLE, database=True)
def _note_not_editable(ctx: Context) -> Found:
    from vivier.coding import sources
    from vivier.coding.models import Source

    campaign = ctx.fixture("campaign")
    answer = Source.objects.create(campaign=campaign, kind="answer", name="Réponse", text="Oui")
    return refused(lambda: sources.edit_text(answer, "Non", user=None))


# -- Coding: section CODING (examples of its codes go here) ------------------------------


def coding_refused(ctx: Context, code: str = "aller_vers", **span: Any) -> Found:
    """What applying ``code`` (tests/coding/test_codings.py's codebook) to a q15 answer
    says, with ``span`` (start, end)."""
    from tests.coding.test_codings import make_codebook, make_source
    from vivier.coding import codings

    campaign = ctx.fixture("campaign")
    codes = make_codebook(campaign)
    source = make_source(campaign, "Nous allons vers les familles.")
    user = ctx.fixture("analyst_axel")
    return refused(lambda: codings.apply(source, codes[code], user=user, **span))


CODING_EXAMPLES: dict[ProblemCode, Callable[[Context], Found]] = {
    P.CODING_SPAN_HALF: lambda ctx: coding_refused(ctx, start=3),
    P.CODING_SPAN_EMPTY: lambda ctx: coding_refused(ctx, start=5, end=5),
    P.CODING_SPAN_OUTSIDE: lambda ctx: coding_refused(ctx, start=3, end=900),
    P.CODING_CODE_INACTIVE: lambda ctx: coding_refused(ctx, "ancien"),
    P.CODING_CODE_NOT_CODABLE: lambda ctx: coding_refused(ctx, "pratiques"),
    P.CODING_CODE_OTHER_QUESTION: lambda ctx: coding_refused(ctx, "declencheur"),
}
for _code, _make_coding in CODING_EXAMPLES.items():
    EXAMPLES[_code] = _make_coding
    WITH_DATABASE.add(_code)


@example(P.CODING_SPAN_INVALID)
def _coding_span_invalid(ctx: Context) -> Found:
    # Offsets that are no whole numbers never come from the screen's form; a caller may.
    from vivier.coding import codings

    return refused(lambda: codings.check_span("Un texte.", 1.5, 3))  # type: ignore[arg-type]


@example(P.CODING_CODE_ELSEWHERE, database=True)
def _coding_code_elsewhere(ctx: Context) -> Found:
    from tests.coding.test_codings import make_codebook, make_source
    from tests.support import make_campaign, small_questionnaire
    from vivier.coding import codings

    other = make_codebook(make_campaign(small_questionnaire("autre")))["aller_vers"]
    source = make_source(ctx.fixture("campaign"), "Nous allons vers les familles.")
    user = ctx.fixture("analyst_axel")
    return refused(lambda: codings.apply(source, other, user=user))


@example(P.CODING_NOT_OWN, database=True)
def _coding_not_own(ctx: Context) -> Found:
    from tests.coding.test_codings import make_codebook, make_source
    from vivier.coding import codings

    campaign = ctx.fixture("campaign")
    source = make_source(campaign, "Nous allons vers les familles.")
    found = codings.apply(source, make_codebook(campaign)["aller_vers"], user=ctx.fixture("alice"))
    return refused(lambda: codings.remove(found, user=ctx.fixture("analyst_axel")))


@example(P.CODING_MEMO_EMPTY, database=True)
def _coding_memo_empty(ctx: Context) -> Found:
    from tests.coding.test_codings import make_source
    from vivier.coding import codings

    source = make_source(ctx.fixture("campaign"), "Nous allons vers les familles.")
    return refused(lambda: codings.add_memo(source, "  ", user=ctx.fixture("analyst_axel")))


# -- Coding: section ROUND (examples of its codes go here) ------------------------------


def round_refused(ctx: Context, **values: Any) -> Found:
    """What making a round of two q15 texts with ``values`` says (two analysts, one text)."""
    from tests.coding.test_codings import make_source
    from vivier.coding import rounds

    campaign = ctx.fixture("campaign")
    make_source(campaign)
    make_source(campaign, question="q16")
    arguments = {
        "title": "Exemple",
        "questions": ["q15"],
        "coders": [ctx.fixture("analyst_axel"), ctx.fixture("analyst_bea")],
        "sample_size": 1,
        "overlap": 100,
        "user": None,
    } | values
    try:
        rounds.create_round(campaign, **arguments)
    except rounds.RoundRefused as error:
        return [found for _field, found in error.problems]
    raise AssertionError("the round was made")


def with_round(ctx: Context, action: Callable[[Any, Any], object], *, close: bool) -> Found:
    """What ``action(round, campaign)`` says on the hand-made round of tests/coding."""
    from tests.coding.test_rounds import coded_round

    campaign = ctx.fixture("campaign")
    made, _texts, _codes = coded_round(
        campaign, ctx.fixture("analyst_axel"), ctx.fixture("analyst_bea"), close=close
    )
    return refused(lambda: action(made, campaign))


@example(P.ROUND_TOO_FEW_CODERS, database=True)
def _round_too_few_coders(ctx: Context) -> Found:
    return round_refused(ctx, coders=[ctx.fixture("analyst_axel")])


@example(P.ROUND_CODER_NOT_ALLOWED, database=True)
def _round_coder_not_allowed(ctx: Context) -> Found:
    return round_refused(ctx, coders=[ctx.fixture("analyst_axel"), ctx.fixture("carol")])


@example(P.ROUND_SAMPLE_SIZE_INVALID, database=True)
def _round_sample_size_invalid(ctx: Context) -> Found:
    return round_refused(ctx, sample_size=0)


@example(P.ROUND_SAMPLE_TOO_LARGE, database=True)
def _round_sample_too_large(ctx: Context) -> Found:
    return round_refused(ctx, sample_size=2)


@example(P.ROUND_OVERLAP_INVALID, database=True)
def _round_overlap_invalid(ctx: Context) -> Found:
    return round_refused(ctx, overlap=0)


@example(P.ROUND_UNKNOWN, database=True)
def _round_unknown(ctx: Context) -> Found:
    from vivier.coding import rounds

    return with_round(ctx, lambda _made, campaign: rounds.round_of(campaign, 9), close=True)


@example(P.ROUND_NOT_CLOSED, database=True)
def _round_not_closed(ctx: Context) -> Found:
    from vivier.coding import rounds

    return with_round(ctx, lambda made, _campaign: rounds.report(made), close=False)


@example(P.ROUND_ALREADY_CLOSED, database=True)
def _round_already_closed(ctx: Context) -> Found:
    from vivier.coding import rounds

    return with_round(ctx, lambda made, _campaign: rounds.close(made, user=None), close=True)


@example(P.ROUND_NONE_CLOSED, database=True)
def _round_none_closed(ctx: Context) -> Found:
    from vivier.coding import rounds

    return with_round(ctx, lambda _made, campaign: rounds.campaign_report(campaign), close=False)


@example(P.ROUND_SOURCE_NOT_IN_ROUND, database=True)
def _round_source_not_in_round(ctx: Context) -> Found:
    from tests.coding.test_codings import make_source
    from vivier.coding import rounds

    def action(made: Any, campaign: Any) -> object:
        code = campaign.codebook.codes.filter(is_codable=True).first()
        return rounds.adjudicate(made, make_source(campaign), code, True, user=None)

    return with_round(ctx, action, close=True)


# -- Coding: section SUGGEST (examples of its codes go here) ------------------------------


def _suggest_campaign() -> Any:
    from tests.support import make_campaign, small_questionnaire

    return make_campaign(small_questionnaire("suggestions"))


@example(P.SUGGEST_TOO_FEW_TEXTS, database=True)
def _suggest_too_few_texts(ctx: Context) -> Found:
    from tests.coding.test_suggestions import coded_campaign
    from vivier.coding import suggestions

    campaign, _codes = coded_campaign(ctx.fixture("analyst_axel"), coded=3)
    return refused(lambda: suggestions.start_training(campaign, user=None))


@example(P.SUGGEST_TOO_FEW_EXAMPLES)
def _suggest_too_few_examples(ctx: Context) -> Found:
    from vivier.coding import suggestions

    # 25 coded texts, but the most applied code is on 4 of them.
    data = suggestions.TrainingData([1] * 25, ["texte"] * 25, [{"a"}] * 4 + [{"b"}] * 21, {})
    data.labels[4:] = [{f"c{i % 6}"} for i in range(21)]
    return refused(lambda: suggestions.check_trainable(data))


@example(P.SUGGEST_TRAINING_RUNNING, database=True)
def _suggest_training_running(ctx: Context) -> Found:
    from vivier.coding import suggestions
    from vivier.coding.models import SuggestionModel

    campaign = _suggest_campaign()
    SuggestionModel.objects.create(campaign=campaign, version=1, status="training")
    return refused(lambda: suggestions.start_training(campaign, user=None))


@example(P.SUGGEST_NO_MODEL, database=True)
def _suggest_no_model(ctx: Context) -> Found:
    from vivier.coding import suggestions

    campaign = _suggest_campaign()
    return refused(lambda: suggestions.propose(campaign))


@example(P.SUGGEST_ARTEFACT_INVALID, database=True)
def _suggest_artefact_invalid(ctx: Context) -> Found:
    from vivier.coding import suggestions
    from vivier.coding.models import SuggestionModel

    row = SuggestionModel.objects.create(
        campaign=_suggest_campaign(), version=1, status="ready", artefact=b"not signed here"
    )
    return refused(lambda: suggestions.load(row))


@example(P.SUGGEST_ALREADY_DECIDED, database=True)
def _suggest_already_decided(ctx: Context) -> Found:
    from vivier.coding import suggestions
    from vivier.coding.models import Code, Codebook, Coding, Source

    campaign = _suggest_campaign()
    code = Code.objects.create(codebook=Codebook.objects.create(campaign=campaign), name="A")
    source = Source.objects.create(campaign=campaign, kind="answer", name="R1", text="Un texte.")
    refused_one = Coding.objects.create(
        source=source, code=code, origin="model", status="rejected", score=0.9
    )
    return refused(lambda: suggestions.accept(refused_one, user=ctx.fixture("analyst_axel")))


# -- Coding: section QUOTE (examples of its codes go here) ------------------------------


def quote_of(ctx: Context, text: str = "Un passage sans nom.", **coding: Any) -> Any:
    """A coding of a note of the test campaign, ready to be quoted."""
    from tests.coding.test_pii import make_coding, make_source

    return make_coding(make_source(ctx.fixture("campaign"), text), **coding)


@example(P.QUOTE_STILL_PERSONAL, database=True)
def _quote_still_personal(ctx: Context) -> Found:
    from vivier.coding import quotes

    user = ctx.fixture("analyst_axel")
    quote = quotes.create(quote_of(ctx), user=user, consent="interview")
    quotes.edit(quote, "Mme Benali m'a tout dit.", user=user)
    return refused(lambda: quotes.review(quote, user=user))


@example(P.QUOTE_EMPTY, database=True)
def _quote_empty(ctx: Context) -> Found:
    from vivier.coding import quotes

    user = ctx.fixture("analyst_axel")
    quote = quotes.create(quote_of(ctx), user=user, consent="interview")
    return refused(lambda: quotes.edit(quote, "  ", user=user))


@example(P.QUOTE_TOO_LONG, database=True)
def _quote_too_long(ctx: Context) -> Found:
    from vivier.coding import quotes

    user = ctx.fixture("analyst_axel")
    quote = quotes.create(quote_of(ctx), user=user, consent="interview")
    return refused(lambda: quotes.edit(quote, "mot " * quotes.MAX_LENGTH, user=user))


@example(P.QUOTE_NOT_A_CODING, database=True)
def _quote_not_a_coding(ctx: Context) -> Found:
    from django.utils import timezone

    from vivier.coding import quotes

    coding = quote_of(ctx, removed_at=timezone.now())
    user = ctx.fixture("analyst_axel")
    return refused(lambda: quotes.create(coding, user=user, consent="interview"))


@example(P.QUOTE_CONSENT_UNKNOWN, database=True)
def _quote_consent_unknown(ctx: Context) -> Found:
    from vivier.coding import quotes

    coding, user = quote_of(ctx), ctx.fixture("analyst_axel")
    return refused(lambda: quotes.create(coding, user=user, consent="oral"))


# -- Coding: section QDPX (examples of its codes go here) ------------------------------


def qdpx_read(data: bytes) -> Found:
    """What reading ``data`` as a REFI-QDA project says: its refusal, or its warnings."""
    from vivier.qualitative.refi import Refused, read_qdpx

    try:
        return read_qdpx(data, "projet.qdpx")[1]
    except Refused as refusal:
        return refusal.diagnostics


def _qdpx_edit(old: str, new: str) -> Callable[[Context], Found]:
    from tests.qualitative.test_refi import tamper

    return lambda ctx: qdpx_read(tamper(lambda text: text.replace(old, new, 1)))


def _qdpx_example(ctx: Context, **changes: Any) -> Found:
    from tests.qualitative.test_refi import tamper

    return qdpx_read(tamper(**changes))


_G = "00000000-0000-4000-8000-0000000000"
QDPX_FILES: dict[ProblemCode, Callable[[Context], Found]] = {
    P.QDPX_NO_PROJECT: lambda ctx: _qdpx_example(ctx, drop=("project.qde",)),
    P.QDPX_UNSAFE_PATH: lambda ctx: _qdpx_example(ctx, add={"../evil.txt": b"x"}),
    P.QDPX_XML_INVALID: _qdpx_edit("<Users>", "<Users><User"),
    P.QDPX_ROOT: lambda ctx: qdpx_read(
        zipped_qde(b'<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:project:1.0"/>')
    ),
    P.QDPX_SCHEMA: _qdpx_edit(' endPosition="', ' end="'),
    P.QDPX_EMPTY_USER_DROPPED: _qdpx_edit(f'creatingUser="{_G}02"', 'creatingUser=""'),
    P.QDPX_GUID_DUPLICATE: _qdpx_edit(f'guid="{_G}12"', f'guid="{_G}11"'),
    P.QDPX_CODE_CYCLE: _qdpx_edit(f'guid="{_G}11"', f'guid="{_G}10"'),
    P.QDPX_CODE_UNKNOWN: _qdpx_edit(f'CodeRef targetGUID="{_G}12"', f'CodeRef targetGUID="{_G}99"'),
    P.QDPX_REF_UNKNOWN: _qdpx_edit(
        f'SourceRef targetGUID="{_G}20"', f'SourceRef targetGUID="{_G}98"'
    ),
    P.QDPX_SOURCE_NO_TEXT: _qdpx_edit(f' plainTextPath="internal://{_G}20.txt"', ""),
    P.QDPX_SOURCE_EXTERNAL: _qdpx_edit(f"internal://{_G}20.txt", "absolute:///home/x.txt"),
    P.QDPX_SOURCE_FILE_MISSING: lambda ctx: _qdpx_example(ctx, drop=(f"sources/{_G}20.txt",)),
    P.QDPX_TEXT_ENCODING: lambda ctx: _qdpx_example(
        ctx, add={f"sources/{_G}20.txt": "Élan".encode("latin-1")}
    ),
    P.QDPX_OFFSETS_OUTSIDE: _qdpx_edit('endPosition="', 'endPosition="9'),
    P.QDPX_SELECTION_EMPTY: _qdpx_edit('startPosition="', 'startPosition="6'),
    P.QDPX_SOURCE_SKIPPED: _qdpx_edit(
        "</Sources>", f'<PDFSource guid="{_G}90" name="a.pdf" path="internal://a.pdf"/></Sources>'
    ),
}


def zipped_qde(qde: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde)
    return buffer.getvalue()


for _code, _make_qdpx in QDPX_FILES.items():
    EXAMPLES[_code] = _make_qdpx


@example(P.QDPX_TOO_MANY_MEMBERS)
def _qdpx_too_many_members(ctx: Context) -> Found:
    from tests.qualitative.test_refi import sample_project
    from vivier.qualitative.refi import Refused, qdpx, safety

    try:
        qdpx.read_qdpx(qdpx.write_qdpx(sample_project()), "p.qdpx", safety.Bounds(members=2))
    except Refused as refusal:
        return refusal.diagnostics
    raise AssertionError("the reader accepted the input")


@example(P.QDPX_TOO_MANY_ELEMENTS)
def _qdpx_too_many_elements(ctx: Context) -> Found:
    from tests.qualitative.test_refi import sample_project
    from vivier.qualitative.refi import Refused, qdpx, safety

    try:
        qdpx.read_qdpx(qdpx.write_qdpx(sample_project()), "p.qdpx", safety.Bounds(elements=5))
    except Refused as refusal:
        return refusal.diagnostics
    raise AssertionError("the reader accepted the input")


@example(P.QDPX_XML_DTD)
def _qdpx_xml_dtd(ctx: Context) -> Found:
    from tests.qualitative.test_refi import BOMB

    return qdpx_read(zipped_qde(BOMB.encode()))


@example(P.QDPX_SCHEMA_MORE)
def _qdpx_schema_more(ctx: Context) -> Found:
    from tests.qualitative.test_refi import tamper
    from vivier.qualitative.refi import validation

    ctx.monkeypatch.setattr(validation, "MAX_SCHEMA_PROBLEMS", 1)
    return qdpx_read(tamper(lambda text: text.replace(' endPosition="', ' end="')))


@example(P.QDPX_SOURCE_REF_BY_FILE)
def _qdpx_source_ref_by_file(ctx: Context) -> Found:
    made_by_qualcoder = Path(__file__).parent.parent / "coding/data/qualcoder-entretiens.qdpx"
    return qdpx_read(made_by_qualcoder.read_bytes())


@example(P.QDPX_WRITTEN_INVALID)
def _qdpx_written_invalid(ctx: Context) -> Found:
    from vivier.qualitative.refi import Code, Codebook, write_qdc

    return refused(lambda: write_qdc(Codebook((Code(f"{_G}01", "Rouge", color="rouge"),))))


@example(P.QDPX_SOURCE_TEXT_CHANGED, database=True)
def _qdpx_source_text_changed(ctx: Context) -> Found:
    from tests.qualitative.test_refi import sample_project
    from vivier.coding import exchange
    from vivier.coding.models import Source
    from vivier.qualitative.refi import write_qdpx

    campaign = ctx.fixture("campaign")
    Source.objects.create(campaign=campaign, kind="note", name="X", text="autre", guid=f"{_G}20")
    data = write_qdpx(sample_project())
    return exchange.import_file(campaign, "p.qdpx", data, user=None).diagnostics


@example(P.QDPX_USER_UNMATCHED, database=True)
def _qdpx_user_unmatched(ctx: Context) -> Found:
    from tests.qualitative.test_refi import sample_project
    from vivier.coding import exchange
    from vivier.qualitative.refi import write_qdpx

    data = write_qdpx(sample_project())
    return exchange.import_file(ctx.fixture("campaign"), "p.qdpx", data, user=None).diagnostics


__all__ = ["EXAMPLES", "WITH_DATABASE", "Context"]
