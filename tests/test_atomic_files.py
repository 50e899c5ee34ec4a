"""An output file is whole or untouched: a writer failing midway leaves nothing behind."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from vivier.__main__ import main
from vivier.atomic_files import atomic_path, write_atomically


class WriterFailed(Exception):
    pass


def _failing_writer(path) -> None:
    with open(path, "wb") as handle:
        handle.write(b"PK\x03\x04 half a workbook")
        handle.flush()
        raise WriterFailed("the writer failed midway")


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_a_successful_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "export.csv"
    target.write_text("old")
    write_atomically(target, "id,q1\r\np1,oui\r\n")
    assert target.read_bytes() == b"id,q1\r\np1,oui\r\n"
    assert _leftovers(tmp_path) == []


def test_a_writer_failing_midway_leaves_no_file(tmp_path):
    target = tmp_path / "export.xlsx"
    with pytest.raises(WriterFailed), atomic_path(target) as temporary:
        assert temporary.parent == tmp_path
        _failing_writer(temporary)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("error", [WriterFailed, KeyboardInterrupt])
def test_a_writer_failing_midway_leaves_an_existing_file_untouched(tmp_path, error):
    target = tmp_path / "export.xlsx"
    target.write_bytes(b"the previous export")
    with pytest.raises(error), atomic_path(target) as temporary:
        temporary.write_bytes(b"half")
        raise error()
    assert target.read_bytes() == b"the previous export"
    assert _leftovers(tmp_path) == []


def test_permissions_are_those_of_the_file_replaced_or_of_the_umask(tmp_path):
    kept = tmp_path / "kept.json"
    kept.write_text("{}")
    kept.chmod(0o640)
    write_atomically(kept, "[]")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    previous = os.umask(0o027)
    try:
        write_atomically(tmp_path / "new.json", "[]")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_a_named_pipe_is_written_through_not_replaced(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write_atomically(pipe, b"streamed")
    reader.join(timeout=10)
    assert received == [b"streamed"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_a_missing_folder_is_an_error_and_creates_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "absent" / "export.csv", "x")
    assert list(tmp_path.iterdir()) == []


# -- The commands ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_an_export_failing_midway_leaves_the_previous_file(tmp_path, campaign, monkeypatch, fmt):
    from vivier.campaigns import exports

    def fail(_campaign, out, **_options):
        out.write(b"PK\x03\x04 half a workbook")
        raise WriterFailed("the writer failed midway")

    monkeypatch.setattr(exports, f"write_{fmt}", fail)
    fresh, existing = tmp_path / f"new.{fmt}", tmp_path / f"old.{fmt}"
    existing.write_bytes(b"the previous export")
    for target in (fresh, existing):
        # The command says so in one sentence (exit 2) and leaves nothing half-written.
        assert main(["export-responses", campaign.slug, "--format", fmt, "-o", str(target)]) == 2
    assert not fresh.exists()
    assert existing.read_bytes() == b"the previous export"
    assert _leftovers(tmp_path) == []


@pytest.mark.django_db
def test_a_questionnaire_export_failing_midway_leaves_no_file(tmp_path, campaign, monkeypatch):
    from vivier.surveys.codecs.xlsform import export

    monkeypatch.setattr(export, "write", lambda _q, target: _failing_writer(target))
    target = tmp_path / "q.xlsx"
    assert main(["questionnaire", "export", "petit", "--format", "xlsform", "-o", str(target)]) == 2
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "command",
    [
        ["export-responses", "petit", "--format", "csv"],
        ["export-responses", "petit", "--format", "xlsx"],
        ["report", "petit", "--format", "json"],
        ["questionnaire", "export", "petit", "--format", "json"],
        ["practices", "export", "--format", "csv"],
    ],
)
def test_a_folder_that_does_not_exist_is_said_and_nothing_is_written(
    tmp_path, campaign, capsys, command
):
    target = tmp_path / "absent" / "out"
    assert main([*command, "-o", str(target)]) == 1
    assert f"{target}: cannot write (No such file or directory)" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("command", "start"),
    [
        (["export-responses", "petit", "--format", "xlsx"], b"PK"),
        (["export-responses", "petit", "--format", "parquet"], b"PAR1"),
        (["export-responses", "petit", "--format", "json"], b""),
        (["report", "petit", "--format", "docx"], b"PK"),
        (["questionnaire", "export", "petit", "--format", "xlsform"], b"PK"),
        (["practices", "export", "--format", "json"], b"{"),
    ],
)
def test_each_command_replaces_its_file_whole(tmp_path, campaign, command, start):
    target = tmp_path / "out"
    target.write_bytes(b"the previous file, longer than some of the new ones" * 100)
    assert main([*command, "-o", str(target)]) == 0
    data = target.read_bytes()
    assert data.startswith(start)
    assert b"the previous file" not in data
    assert _leftovers(tmp_path) == []
