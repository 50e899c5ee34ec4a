"""Hostile questionnaire files are refused with a sentence, bounded, and nothing is imported.

Zip bombs (.xlsx), XML bombs inside a workbook, a header row of a million columns (.xlsx,
.csv, .md), a workbook of too many cells, and KoboToolbox JSON nested 10,000 deep: each gets
a diagnostic with a code naming the problem, on the command line (no traceback) and on the
staff page (French, no error page). The files are generated (``tests.hostile_files``).
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import hostile_files as hostile
from vivier.__main__ import main
from vivier.surveys.codecs.importing import import_bytes
from vivier.surveys.codecs.shared.archive_guard import MAX_DIRECTORY_BYTES, WORKBOOK
from vivier.surveys.codecs.shared.limits import MAX_CELLS, MAX_COLUMNS, MAX_JSON_DEPTH

ROOT = Path(__file__).resolve().parents[3]


def refused(data: bytes, name: str) -> set[str]:
    """The codes of the errors importing ``data`` gives; the import must have failed."""
    result = import_bytes(data, name)
    assert result.questionnaire is None and not result.ok
    for diagnostic in result.errors:
        assert diagnostic.message_fr and diagnostic.message_en
    return {d.code for d in result.errors}


# -- Archives -----------------------------------------------------------------------------------


def test_the_generated_bomb_is_a_real_one():
    """The archive lists a 2 GiB part, and zipfile does inflate it: what the guard prevents."""
    with zipfile.ZipFile(io.BytesIO(hostile.xlsx_bomb())) as archive:
        info = archive.getinfo("xl/sharedStrings.xml")
        assert info.file_size > 2_000_000_000
        assert info.compress_size < 3_000_000
        with archive.open(info) as member:
            assert member.read(1_000_000).endswith(b"aaaa")


def test_a_zip_bomb_workbook_is_refused_before_it_is_inflated():
    codes = refused(hostile.xlsx_bomb(), "bombe.xlsx")
    assert codes == {"ARCHIVE_MEMBER_TOO_BIG"}
    message = import_bytes(hostile.xlsx_bomb(), "bombe.xlsx").errors[0].message("fr")
    assert "xl/sharedStrings.xml" in message and "2\u00a0048 Mo" in message


def test_a_part_compressed_a_thousand_times_is_refused_under_the_size_limit():
    size = 100 * 1024 * 1024  # under every size limit: only the ratio gives it away
    assert size < WORKBOOK.xml_bytes
    prefix = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    stream, crc = hostile.deflated_filler(prefix, b"a", size, b"</t></si></sst>")
    declared = len(prefix) + size + len(b"</t></si></sst>")
    data = hostile.zip_archive({}, {"xl/sharedStrings.xml": (stream, crc, declared)})
    assert refused(data, "ratio.xlsx") == {"ARCHIVE_RATIO"}


def test_an_archive_of_too_many_parts_is_refused():
    members = {f"xl/media/{i}.xml": b"<a/>" for i in range(WORKBOOK.members + 1)}
    assert refused(hostile.zip_archive(members, {}), "parts.xlsx") == {"ARCHIVE_TOO_MANY_MEMBERS"}


def test_a_directory_of_millions_of_entries_is_refused_unread():
    # The end record declares a directory bigger than any Office file's: nothing is listed.
    end = b"PK\x05\x06" + bytes(8) + (MAX_DIRECTORY_BYTES + 1).to_bytes(4, "little") + bytes(6)
    assert refused(b"PK\x03\x04" + bytes(100) + end, "sommaire.xlsx") == {
        "ARCHIVE_TOO_MANY_MEMBERS"
    }


def test_billion_laughs_in_a_worksheet_is_still_refused():
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {c} "{f"&{p};" * 10}">' for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    sheet = hostile.xlsx_sheet([["type", "name", "label"], ["text", "q1", "&i;"]])
    with zipfile.ZipFile(io.BytesIO(sheet)) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    body = members["xl/worksheets/sheet1.xml"].decode()
    head, rest = body.split("?>", 1)
    members["xl/worksheets/sheet1.xml"] = (
        f"{head}?><!DOCTYPE worksheet [{entities}]>{rest}".encode()
    )
    assert refused(hostile.zip_archive(members, {}), "rires.xlsx") == {"ARCHIVE_XML_DTD"}


def test_a_small_workbook_still_imports():
    data = hostile.xlsx_sheet([["type", "name", "label"], ["text", "q1", "Votre nom ?"]])
    result = import_bytes(data, "petit.xlsx")
    assert result.ok, [d.describe("en") for d in result.errors]


# -- A million columns, too many cells ----------------------------------------------------------


def test_a_workbook_header_of_a_million_columns_is_refused_at_the_first_cell_past_the_limit():
    result = import_bytes(hostile.xlsx_wide(), "large.xlsx")
    assert {d.code for d in result.errors} == {"XLSFORM_TOO_MANY_COLUMNS"}
    error = result.errors[0]
    assert error.location.row == 1
    assert f"{MAX_COLUMNS:,}" in error.message("en") and "Excel" in error.message("en")


@pytest.mark.parametrize("notation", ["csv", "md"])
def test_a_text_form_of_a_million_columns_is_refused(notation):
    cells = hostile.csv_wide(1_000_000, first="type").strip()
    if notation == "csv":
        data = f"survey,{cells}\n".encode()
    else:
        data = f"| survey | {cells.replace(',', ' | ')} |\n".encode()
    result = import_bytes(data, f"large.{notation}")
    assert {d.code for d in result.errors} == {"XLSFORM_TOO_MANY_COLUMNS"}
    assert "1 000 001 cellules" in result.errors[0].message("fr").replace("\u00a0", " ")


def test_a_form_of_more_cells_than_the_limit_is_refused():
    rows = MAX_CELLS // 10 + 1
    lines = ["survey,type,name,label,hint,required,relevant,constraint,appearance,default,note"]
    lines += [f",text,q{i},L,h,no,,,a,d,n" for i in range(rows)]
    result = import_bytes(("\n".join(lines) + "\n").encode(), "cellules.csv")
    assert {d.code for d in result.errors} == {"XLSFORM_TOO_MANY_CELLS"}


# -- JSON nested deep ---------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [10_000, MAX_JSON_DEPTH + 5])
def test_kobo_json_nested_deep_is_refused(depth):
    document = '{"content": {"survey": ' + "[" * depth + "]" * depth + "}}"
    result = import_bytes(document.encode(), "formulaire.json")
    assert {d.code for d in result.errors} == {"JSON_TOO_DEEP"}
    assert "imbriqué" in result.errors[0].message("fr")


def test_a_formpack_fixture_nested_deep_is_refused(tmp_path):
    (tmp_path / "fixture.json").write_text('{"versions": ' + "[" * 10_000 + "]" * 10_000 + "}")
    from vivier.surveys.codecs.importing import import_path

    result = import_path(tmp_path)
    assert {d.code for d in result.errors} == {"JSON_TOO_DEEP"}


# -- The command line ---------------------------------------------------------------------------


CASES = {
    "bombe.xlsx": lambda: hostile.xlsx_bomb(),
    "large.xlsx": lambda: hostile.xlsx_wide(),
    "large.csv": lambda: ("survey," + hostile.csv_wide(1_000_000)).encode(),
    "profond.json": lambda: hostile.json_nested().encode(),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_command_line_refuses_with_a_sentence(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_bytes(CASES[name]())
    assert main(["questionnaire", "import", str(path), "--dry-run", "--lang", "fr"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "erreur: fichier" in err and "nothing imported" in err


def test_the_command_line_refuses_the_bomb_within_bounded_memory(tmp_path):
    """A real terminal: ``vivier`` in its own process, limited to 1 GiB of address space; the
    bomb declares 2 GiB. The refusal names the part, and no traceback is printed."""
    path = tmp_path / "bombe.xlsx"
    path.write_bytes(hostile.xlsx_bomb())

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "vivier", "questionnaire", "import", str(path), "--dry-run"]
    done = subprocess.run(
        command, capture_output=True, text=True, preexec_fn=limit, env=env, check=False
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "xl/sharedStrings.xml" in done.stderr and "2,048 MB" in done.stderr


@pytest.mark.django_db
def test_nothing_is_stored_when_the_command_line_refuses(tmp_path, capsys):
    from vivier.campaigns.models import QuestionnaireVersion

    path = tmp_path / "bombe.xlsx"
    path.write_bytes(hostile.xlsx_bomb())
    assert main(["questionnaire", "import", str(path)]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert not QuestionnaireVersion.objects.exists()


# -- The staff page -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("bombe.xlsx", "se décompresse en"),
        ("large.xlsx", "la limite d&#x27;Excel"),
        ("large.csv", "la limite d&#x27;Excel"),
        ("profond.json", "imbriqué sur plus de"),
    ],
)
def test_the_staff_page_refuses_in_french_without_an_error_page(bob_client, name, words):
    from vivier.campaigns.models import QuestionnaireVersion

    upload = SimpleUploadedFile(name, CASES[name]())
    answer = bob_client.post("/staff/questionnaires/", {"fichier": upload})
    assert answer.status_code == 400
    assert words in answer.content.decode()
    assert not QuestionnaireVersion.objects.exists()


def test_json_documents_within_the_limit_still_import():
    document = {"content": {"survey": [{"type": "text", "name": "q1", "label": "Nom"}]}}
    assert import_bytes(json.dumps(document).encode(), "kobo.json").ok
