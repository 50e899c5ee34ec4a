"""What an import says about a file: the questionnaire it made, and every problem, located.

Users of XLSForm and LimeSurvey tools complain most about import errors that say neither what
is wrong nor where. Every importer of this package therefore reports with the same two types:

- :class:`Diagnostic`: one problem, with a stable ``code``, a message in French and in
  English, a severity (an error refuses the file; a warning says what was changed to make it
  fit, e.g. "a repeat was imported as a plain group") and a :class:`Location` (file, sheet,
  row, column, or a path inside an XML or JSON document);
- :class:`ImportResult`: the questionnaire (``None`` when there is any error: imports are all
  or nothing) and the diagnostics in file order.

Importers collect every problem they can before giving up, so a person fixes the file once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from vivier.surveys.errors import Issue, Severity
from vivier.surveys.schema import Questionnaire
from vivier.surveys.validation import validate_questionnaire


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
    line: int | None = None

    def describe(self, lang: str = "fr") -> str:
        fr = lang.startswith("fr")
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
        if self.path:
            parts.append(self.path)
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    severity: Severity
    #: Stable identifier (``XLSFORM_REPEAT_FLATTENED``), for tests and for callers that react.
    code: str
    message_fr: str
    message_en: str
    location: Location = field(default_factory=Location)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, lang: str = "fr") -> str:
        return self.message_fr if lang.startswith("fr") else self.message_en

    def describe(self, lang: str = "fr") -> str:
        """``"<where>: <message>"``, the line the command line prints."""
        where = self.location.describe(lang)
        if not where:
            return self.message(lang)
        separator = " : " if lang.startswith("fr") else ": "
        return f"{where}{separator}{self.message(lang)}"


def error(code: str, fr: str, en: str, location: Location | None = None) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, fr, en, location or Location())


def warning(code: str, fr: str, en: str, location: Location | None = None) -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, fr, en, location or Location())


@dataclass(frozen=True, slots=True)
class ImportResult:
    #: ``None`` whenever ``errors`` is not empty.
    questionnaire: Questionnaire | None
    diagnostics: tuple[Diagnostic, ...] = ()
    #: ``xlsform``, ``kobo``, ``limesurvey`` or ``vivier``.
    source_format: str = ""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)

    @property
    def ok(self) -> bool:
        return self.questionnaire is not None and not self.errors


def result(
    questionnaire: Questionnaire | None, diagnostics: Iterable[Diagnostic], source_format: str
) -> ImportResult:
    """An :class:`ImportResult` that keeps the all-or-nothing rule: no questionnaire on error."""
    found = tuple(diagnostics)
    if any(d.is_error for d in found):
        questionnaire = None
    return ImportResult(questionnaire, found, source_format)


def engine_diagnostics(
    questionnaire: Questionnaire,
    locate: Callable[[Issue], Location] | None = None,
    issues: Sequence[Issue] | None = None,
) -> list[Diagnostic]:
    """The engine's own checks of an imported questionnaire, as diagnostics.

    ``locate`` maps an engine issue (which names a question or section) back to the place in
    the source file (sheet and row, XML path), so the person fixes the file they know.
    ``issues`` are the checks already run on this very questionnaire, if any: checking a
    large form again would double the time of its import.
    """
    found = []
    for issue in validate_questionnaire(questionnaire) if issues is None else issues:
        where = locate(issue) if locate else Location(path=issue.where("en"))
        severity = Severity.ERROR if issue.is_error else Severity.WARNING
        found.append(
            Diagnostic(severity, issue.code.name, issue.message("fr"), issue.message("en"), where)
        )
    return found


__all__ = [
    "Diagnostic",
    "ImportResult",
    "Location",
    "engine_diagnostics",
    "error",
    "result",
    "warning",
]
