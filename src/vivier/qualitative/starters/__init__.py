"""Starter codebooks shipped as data: a campaign begins its coding from one of them.

Each starter is a JSON file of this package in the stored form of a codebook
(:func:`vivier.qualitative.codebook.to_dict`) with a ``name``, a ``title`` and a ``source``.
``hcts_2020.json`` restates, in words written for Vivier, the typologies the HCTS 2020 report
publishes: the kinds of emerging practices (questions 15–16), how the need was spotted
(question 24) and the wider effects seen (question 73), one top-level category each (not
codable), with definitions, inclusion and exclusion rules, two invented examples and a
shortcut per code. Its identifiers are fixed (UUID 5), so that every campaign loading it,
and every REFI-QDA file made from it, names its codes the same way.

A starter is checked with :func:`~vivier.qualitative.codebook.validate` when read: a broken
shipped file is a programming error and stops the load with its problems.

Pure core: no Django import.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from vivier.qualitative.codebook import CodeNode, from_dict, validate

#: Each starter's name, with its file in this package.
FILES = {"hcts-2020": "hcts_2020.json"}


@dataclass(frozen=True, slots=True)
class Starter:
    name: str
    title: str
    #: Where its typologies come from.
    source: str
    nodes: tuple[CodeNode, ...]


def names() -> list[str]:
    return list(FILES)


@cache
def load(name: str) -> Starter:
    """The starter ``name`` (a key of :data:`FILES`), checked; ``KeyError`` for an unknown
    name, ``ValueError`` naming each problem for a broken file."""
    file_name = FILES[name]
    text = resources.files(__package__).joinpath(file_name).read_text(encoding="utf-8")
    data = json.loads(text)
    nodes = tuple(from_dict(data))
    problems = validate(nodes, file=file_name)
    if problems:
        raise ValueError("; ".join(found.describe("en") for found in problems))
    return Starter(
        name=name,
        title=str(data.get("title", name)),
        source=str(data.get("source", "")),
        nodes=nodes,
    )


__all__ = ["FILES", "Starter", "load", "names"]
