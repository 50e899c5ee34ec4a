"""One problem, where it is, and how bad it is: the single type every reader reports with.

Questionnaire importers, response imports, the practice-sheet importer and the document
readers all say what went wrong with a :class:`Diagnostic`: a catalogue code, the values its
message names, and a :class:`Location` (file, sheet, row or line, column, field…). The
message is written in the reader's language when it is shown, so one import report serves
the French page, the English page and the command line.

Pure core: no Django import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Self

from vivier.problems.base import CatalogueCode, Severity, english, placeholders


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is. Every part is optional; ``row`` is 1-based, as spreadsheets count."""

    file: str = ""
    #: XLSForm sheet (``survey``, ``choices``, ``settings``) or LimeSurvey table (``questions``).
    sheet: str = ""
    row: int | None = None
    column: str = ""
    #: Anything else that finds the place: ``group G1 / question Q3``, ``content.survey[4]``.
    path: str = ""
    #: In an XML document (LimeSurvey): the table element (``questions``) and the text line.
    element: str = ""
    #: A line of a text file: a JSON Lines record, an XML tag, a paragraph of a document.
    line: int | None = None
    #: The field of a record at fault: a key of a response (``id``, ``mode``) or a question.
    field: str = ""
    #: The practice sheet a document's passage belongs to, by its code (``1A``).
    practice: str = ""

    def describe(self, lang: str = "fr") -> str:
        fr = not english(lang)
        parts = []
        if self.file:
            parts.append(f"fichier « {self.file} »" if fr else f"file '{self.file}'")
        if self.sheet:
            parts.append(f"feuille « {self.sheet} »" if fr else f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"ligne {self.row}" if fr else f"row {self.row}")
        if self.column:
            parts.append(f"colonne « {self.column} »" if fr else f"column '{self.column}'")
        if self.element:
            parts.append(f"élément <{self.element}>" if fr else f"element <{self.element}>")
        if self.line is not None:
            parts.append(f"ligne {self.line}" if fr else f"line {self.line}")
        if self.practice:
            parts.append(f"fiche {self.practice}" if fr else f"sheet {self.practice}")
        if self.field:
            parts.append(self.field)
        if self.path:
            parts.append(self.path)
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A catalogue code (``kind``), the values its message names, and its place.

    ``severity`` is the code's unless given: the same problem may refuse one input and only
    be noted on another.
    """

    kind: CatalogueCode
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)
    location: Location = field(default_factory=Location)
    severity: Severity = None  # type: ignore[assignment]  # filled from the code

    def __post_init__(self) -> None:
        if self.severity is None:
            object.__setattr__(self, "severity", self.kind.severity)

    @property
    def code(self) -> str:
        """The stable identifier (``XLSFORM_REPEAT_FLATTENED``), stored and shown."""
        return self.kind.code

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, lang: str = "fr") -> str:
        return self.kind.render(self.params, lang)

    @property
    def message_fr(self) -> str:
        return self.message("fr")

    @property
    def message_en(self) -> str:
        return self.message("en")

    def describe(self, lang: str = "fr") -> str:
        """``"<where>: <message>"``, the line the command line prints."""
        where = self.location.describe(lang)
        if not where:
            return self.message(lang)
        separator = ": " if english(lang) else " : "
        return f"{where}{separator}{self.message(lang)}"

    def at(self, location: Location) -> Diagnostic:
        """The same problem placed elsewhere (a reader's problem, placed in its file)."""
        return replace(self, location=location)

    def missing(self) -> frozenset[str]:
        """Placeholders of the message no value was given for (the tests want none)."""
        given = set(self.params)
        return (
            frozenset(
                name for lang in ("fr", "en") for name in placeholders(self.kind.template(lang))
            )
            - given
        )

    def __str__(self) -> str:
        return self.describe("en")


def problem(kind: CatalogueCode, where: Location | None = None, /, **params: Any) -> Diagnostic:
    """The shorthand readers use: ``problem(ProblemCode.CSV_EMPTY, Location(file=name))``."""
    return Diagnostic(kind, params, where or Location())


class ProblemError(ValueError):
    """A reader that must stop at once (a refused archive, an unreadable workbook) raises its
    :class:`Diagnostic`; whoever catches it places it in the file and reports it."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message("en"))
        self.diagnostic = diagnostic

    @classmethod
    def of(cls, kind: CatalogueCode, where: Location | None = None, /, **params: Any) -> Self:
        return cls(problem(kind, where, **params))

    @property
    def kind(self) -> CatalogueCode:
        return self.diagnostic.kind

    @property
    def code(self) -> str:
        return self.diagnostic.code

    def message(self, lang: str = "fr") -> str:
        return self.diagnostic.message(lang)

    @property
    def message_fr(self) -> str:
        return self.diagnostic.message("fr")

    @property
    def message_en(self) -> str:
        return self.diagnostic.message("en")


__all__ = ["Diagnostic", "Location", "ProblemError", "problem"]
