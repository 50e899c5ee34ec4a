"""What an import says about a file: the questionnaire it made, and every problem, located.

Users of XLSForm and LimeSurvey tools complain most about import errors that say neither what
is wrong nor where. Every importer of this package therefore reports with the same two types:

- :class:`~vivier.problems.Diagnostic`: one problem of the catalogue
  (:class:`~vivier.problems.ProblemCode`, or the engine's ``ErrorCode``) with a stable
  ``code``, a message in French and in English, a severity (an error refuses the file; a
  warning says what was changed to make it fit, e.g. "a repeat was imported as a plain
  group") and a :class:`~vivier.problems.Location` (file, sheet, row, column, or a path
  inside an XML or JSON document);
- :class:`ImportResult`: the questionnaire (``None`` when there is any error: imports are all
  or nothing) and the diagnostics in file order.

Importers collect every problem they can before giving up, so a person fixes the file once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from vivier.problems import Diagnostic, Location, problem
from vivier.surveys.errors import Issue
from vivier.surveys.schema import Questionnaire
from vivier.surveys.validation import validate_questionnaire


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
        found.append(issue.located(where))
    return found


__all__ = [
    "Diagnostic",
    "ImportResult",
    "Location",
    "engine_diagnostics",
    "problem",
    "result",
]
