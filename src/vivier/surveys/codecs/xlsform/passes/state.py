"""The state the builder's passes share, and the rows between the passes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from vivier.problems import Diagnostic, Location, ProblemCode, problem
from vivier.surveys.codecs.xlsform.kinds import Kind
from vivier.surveys.codecs.xlsform.languages import Languages
from vivier.surveys.codecs.xlsform.sheets import Cells, Sheet, Workbook
from vivier.surveys.expressions import Node
from vivier.surveys.schema import Question

#: How XLSForm writes yes and no (``required``, ``read_only``, ``disabled``...).
YES = frozenset({"yes", "true", "true()", "1"})
NO = frozenset({"no", "false", "false()", "0", ""})


@dataclass
class Entry:
    """One survey row that takes part in the questionnaire, between the two passes."""

    cells: Cells
    kind: Kind
    source_name: str
    name: str = ""
    group_path: tuple[str, ...] = ()


@dataclass
class Group:
    cells: Cells
    kind: Kind
    source_name: str
    relevant: Node | None = None
    path: tuple[str, ...] = ()


@dataclass
class Segment:
    """The questions of one page, with the groups around them (outermost first)."""

    groups: tuple[Group, ...]
    questions: list[Question] = field(default_factory=list)
    loose: bool = False


@dataclass(frozen=True, slots=True)
class ChoiceRow:
    cells: Cells
    value: str


class BuildState:
    """What the passes share: the workbook, what they learnt of it, and the diagnostics."""

    def __init__(
        self,
        workbook: Workbook,
        filename: str,
        source_format: str,
        title: str,
        slug: str,
        meta: Mapping[str, Any],
    ) -> None:
        self.workbook = workbook
        self.filename = filename
        self.source_format = source_format
        self.given_title = title
        self.given_slug = slug
        self.given_meta = dict(meta)
        self.diagnostics: list[Diagnostic] = []
        self.settings: dict[str, str] = {}
        self.lists: dict[str, list[ChoiceRow]] = {}
        self.entries: list[Entry | Group | tuple[str, Cells]] = []
        #: Source name → engine name, for questions.
        self.names: dict[str, str] = {}
        #: Source name → why it cannot be used in a condition (fr, en).
        self.unusable: dict[str, tuple[str, str]] = {}
        self.calculations: dict[str, Entry] = {}
        self.calculated: dict[str, Node | tuple[str, str]] = {}
        self.calculating: set[str] = set()
        #: Engine question name → its row, for locating engine issues.
        self.rows: dict[str, Cells] = {}
        self.section_rows: dict[str, Cells] = {}
        self.survey: Sheet | None = None
        self.languages = Languages(None, "fr")

    # -- locations and messages -----------------------------------------------------------------

    def where(self, sheet: Sheet | None, row: int | None = None, column: str = "") -> Location:
        if sheet is None:
            return Location(file=self.filename)
        if self.workbook.located_by == "json":
            path = f"content.{sheet.name}" + (f"[{row}]" if row is not None else "")
            return Location(file=self.filename, column=column, path=path)
        return Location(file=self.filename, sheet=sheet.title, row=row, column=column)

    def at(self, cells: Cells, key: str = "", language: str | None = None) -> Location:
        return self.where(self.survey, cells.number, cells.header(key, language) if key else "")

    def report(self, code: ProblemCode, location: Location, /, **params: Any) -> None:
        """Note a problem of the catalogue; its code says whether it refuses the form."""
        self.diagnostics.append(problem(code, location, **params))

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def any_label(cells: Cells) -> str:
    """A row's label for a message, before the questionnaire's language is known."""
    texts = cells.texts("label")
    return texts.get(None) or next((text for text in texts.values() if text), "")
