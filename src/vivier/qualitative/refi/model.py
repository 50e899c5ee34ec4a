"""A REFI-QDA project as plain data: what a ``.qdpx`` holds and a ``.qdc`` holds part of.

Only what Vivier codes is modelled: text sources and their selections, the code tree,
users, cases with variables, and notes. Pictures, PDFs, audio, video, sets, links and graphs
of a foreign project are left aside by the reader, which says so.

Every object is frozen and compares by value, so that a round trip (export, import, export
again) is checked by comparing two :class:`Project` values. Offsets count Unicode characters
(code points), as REFI-QDA does and as Python indexes a ``str``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum


class VariableType(StrEnum):
    """REFI-QDA's ``typeOfVariable``; the value element is named after it (``TextValue``)."""

    TEXT = "Text"
    BOOLEAN = "Boolean"
    INTEGER = "Integer"
    FLOAT = "Float"
    DATE = "Date"
    DATETIME = "DateTime"


#: A variable's value as Python holds it: ``Date``/``DateTime`` stay in their ISO text.
Value = str | int | float | bool


@dataclass(frozen=True, slots=True)
class User:
    guid: str
    name: str


@dataclass(frozen=True, slots=True)
class Code:
    """One code of the tree; a category that only groups codes has ``is_codable`` false."""

    guid: str
    name: str
    is_codable: bool = True
    #: ``#RRGGBB`` or empty.
    color: str = ""
    description: str = ""
    children: tuple[Code, ...] = ()
    note_refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Codebook:
    codes: tuple[Code, ...]
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Coding:
    """One code put on a selection (``CodeRef`` inside ``Coding``)."""

    guid: str
    code: str
    creating_user: str = ""
    note_refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Selection:
    """A ``PlainTextSelection``: the characters [start, end) of its source, and its codings.
    A whole text is coded as the selection 0..len(text)."""

    guid: str
    start: int
    end: int
    name: str = ""
    creating_user: str = ""
    description: str = ""
    codings: tuple[Coding, ...] = ()
    note_refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class VariableValue:
    variable: str
    value: Value


@dataclass(frozen=True, slots=True)
class TextSource:
    guid: str
    name: str
    text: str
    description: str = ""
    creating_user: str = ""
    selections: tuple[Selection, ...] = ()
    note_refs: tuple[str, ...] = ()
    variable_values: tuple[VariableValue, ...] = ()


@dataclass(frozen=True, slots=True)
class Variable:
    guid: str
    name: str
    type: VariableType = VariableType.TEXT
    description: str = ""


@dataclass(frozen=True, slots=True)
class Case:
    """A unit of analysis (a respondent): its variables' values and its sources."""

    guid: str
    name: str
    description: str = ""
    variable_values: tuple[VariableValue, ...] = ()
    source_refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Note:
    """A memo. What it is about is said by the ``NoteRef`` of that thing (a code, a source, a
    selection, a coding, the project); a note nothing refers to is about the project."""

    guid: str
    text: str
    name: str = ""
    creating_user: str = ""


@dataclass(frozen=True, slots=True)
class Project:
    name: str
    origin: str = ""
    users: tuple[User, ...] = ()
    codes: tuple[Code, ...] = ()
    variables: tuple[Variable, ...] = ()
    cases: tuple[Case, ...] = ()
    sources: tuple[TextSource, ...] = ()
    notes: tuple[Note, ...] = ()
    description: str = ""
    note_refs: tuple[str, ...] = ()

    def code_paths(self) -> dict[str, tuple[str, ...]]:
        """Each code's guid and the names from the root down to it."""
        return dict(walk(self.codes))

    def users_by_guid(self) -> dict[str, User]:
        return {user.guid: user for user in self.users}


def walk(
    codes: tuple[Code, ...], above: tuple[str, ...] = ()
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every code of a tree, depth first, with its path of names."""
    for code in codes:
        path = (*above, code.name)
        yield code.guid, path
        yield from walk(code.children, path)


def all_codes(codes: tuple[Code, ...]) -> Iterator[Code]:
    for code in codes:
        yield code
        yield from all_codes(code.children)


__all__ = [
    "Case",
    "Code",
    "Codebook",
    "Coding",
    "Note",
    "Project",
    "Selection",
    "TextSource",
    "User",
    "Value",
    "Variable",
    "VariableType",
    "VariableValue",
    "all_codes",
    "walk",
]
