"""The ``vivier`` program: a thin entry point to the management commands. Each of its
commands runs the management command of the same name, ``vivier manage NAME`` runs the same
one, and no stack trace reaches the user either way."""

from __future__ import annotations

import pytest
from django.core.management import get_commands

from tests.support import small_questionnaire
from vivier.__main__ import COMMANDS, main
from vivier.surveys.codecs import vivier_json


@pytest.fixture
def questionnaire_file(tmp_path):
    path = tmp_path / "petit.json"
    path.write_text(vivier_json.dumps(small_questionnaire()), encoding="utf-8")
    return path


def test_the_help_lists_every_command_and_each_is_a_management_command(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    listing = capsys.readouterr().out
    known = get_commands()
    for name, (command, _what) in COMMANDS.items():
        assert f"    {name}" in listing
        assert not command or command in known, f"vivier {name}: no command '{command}'"


def test_a_usage_mistake_shows_the_usage_and_exits_2(capsys):
    assert main(["report"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: vivier report [-h]")
    assert "vivier report: error: the following arguments are required: slug, -o/--output" in err
    with pytest.raises(SystemExit) as done:
        main(["frobnicate"])
    assert done.value.code == 2
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err


def test_vivier_name_and_vivier_manage_name_are_one_command(questionnaire_file, capsys):
    assert main(["questionnaire", "validate", str(questionnaire_file)]) == 0
    direct = capsys.readouterr()
    assert main(["manage", "questionnaire", "validate", str(questionnaire_file)]) == 0
    managed = capsys.readouterr()
    assert direct.out == managed.out and direct.out.endswith("questions)\n")
    assert direct.err == managed.err == ""


def test_a_problem_is_one_sentence_and_exit_code_1_both_ways(tmp_path, capsys):
    absent = tmp_path / "absent.json"
    assert main(["questionnaire", "validate", str(absent)]) == 1
    assert capsys.readouterr().err == f"vivier: {absent}: No such file or directory\n"
    with pytest.raises(SystemExit) as done:
        main(["manage", "questionnaire", "validate", str(absent)])
    assert done.value.code == 1
    assert capsys.readouterr().err == f"CommandError: {absent}: No such file or directory\n"


@pytest.mark.parametrize("prefix", [[], ["manage"]], ids=["vivier", "vivier-manage"])
def test_a_defect_is_one_sentence_and_exit_code_2_both_ways(
    prefix, questionnaire_file, monkeypatch, capsys
):
    def broken(_questionnaire):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("vivier.surveys.validation.validate_questionnaire", broken)
    monkeypatch.delenv("VIVIER_DEBUG", raising=False)
    command = [*prefix, "questionnaire", "validate", str(questionnaire_file)]
    assert main(command) == 2
    err = capsys.readouterr().err
    assert err.startswith("vivier: unexpected error (ZeroDivisionError: division by zero)")
    assert "Traceback" not in err
    monkeypatch.setenv("VIVIER_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(command)
