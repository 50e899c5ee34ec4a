"""The starter codebooks shipped as data: they load, pass the tree's checks, fit the HCTS
questionnaire, and are written in Vivier's own words (no run of eight words of the report)."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

import pytest

from tests.support import shared_path
from vivier.qualitative import starters
from vivier.qualitative.codebook import SHORTCUT_KEYS, from_dict, validate
from vivier.surveys.questionnaires import hcts_2020

REPORT = ("seed", "rapport-hcts-pratiques-emergentes.txt")
#: Shorter than the twelve words the demo sheets are held to: a code's text is short.
RUN = 8


def test_every_starter_loads_and_validates():
    assert starters.names() == ["hcts-2020"]
    for name in starters.names():
        starter = starters.load(name)
        assert starter.nodes and starter.title and starter.source
        assert validate(starter.nodes) == []


def test_an_unknown_starter_is_a_key_error():
    with pytest.raises(KeyError):
        starters.load("inconnu")


def test_a_broken_starter_file_stops_the_load_with_its_problems(monkeypatch, tmp_path):
    data = {
        "format": "vivier-codebook",
        "format_version": 1,
        "codes": [
            {"guid": "a", "name": "A", "shortcut": "1"},
            {"guid": "b", "name": "a", "shortcut": "1"},
        ],
    }
    (tmp_path / "casse.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(starters, "FILES", {"casse": "casse.json"})
    monkeypatch.setattr(starters.resources, "files", lambda package: tmp_path)
    starters.load.cache_clear()
    try:
        with pytest.raises(ValueError, match="shortcut '1' is already that of the code 'A'"):
            starters.load("casse")
    finally:
        starters.load.cache_clear()


def hcts():
    return starters.load("hcts-2020")


def test_the_hcts_starter_holds_three_categories_for_q15_q16_q24_and_q73():
    nodes = hcts().nodes
    top = [n for n in nodes if n.parent is None]
    assert [(n.questions, n.is_codable, n.shortcut) for n in top] == [
        (("q15", "q16"), False, ""),
        (("q24",), False, ""),
        (("q73",), False, ""),
    ]
    for category in top:
        codes = [n for n in nodes if n.parent == category.guid]
        assert len(codes) >= 4
        for code in codes:
            assert code.is_codable and code.questions == category.questions
            assert code.definition and code.include_rule and code.exclude_rule
            assert 1 <= len(code.examples) <= 2
    # Every code is one level down: the categories are the whole tree's top.
    assert {n.parent for n in nodes if n.parent is not None} == {n.guid for n in top}


def test_the_hcts_starter_hands_out_shortcuts_digits_first():
    codes = [n for n in hcts().nodes if n.is_codable]
    assert [n.shortcut for n in codes] == list(SHORTCUT_KEYS[: len(codes)])


def test_the_hcts_starter_names_questions_of_the_hcts_questionnaire():
    keys = {question.name for question in hcts_2020.build().questions()}
    assert {key for node in hcts().nodes for key in node.questions} <= keys


def test_the_file_is_in_the_stored_form_of_a_codebook():
    text = (
        resources.files("vivier.qualitative.starters").joinpath("hcts_2020.json").read_text("utf-8")
    )
    assert tuple(from_dict(json.loads(text))) == hcts().nodes


def normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", bare).split())


@cache
def report_runs() -> frozenset[tuple[str, ...]]:
    words = normalize(shared_path(*REPORT).read_text(encoding="utf-8")).split()
    return frozenset(tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1))


def test_no_run_of_eight_words_is_copied_from_the_report():
    runs = report_runs()
    copied = []
    for node in hcts().nodes:
        for text in (
            node.name,
            node.definition,
            node.include_rule,
            node.exclude_rule,
            *node.examples,
        ):
            words = normalize(text).split()
            for i in range(len(words) - RUN + 1):
                if tuple(words[i : i + RUN]) in runs:
                    copied.append(f"{node.name}: {' '.join(words[i : i + RUN])}")
    assert copied == []
