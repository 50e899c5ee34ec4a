"""Responses collected with another tool, turned into Vivier's response records.

The readers of KoboToolbox/ODK submissions (``responses.kobo``) and of LimeSurvey's CSV export
(``responses.limesurvey``) share this module: they map the tool's columns onto the questions
of an imported questionnaire (by the name each question had in the tool, kept in
``meta["source_name"]``), and give back

- ``records``: one ``{"id", "submitted_at", "channel", "mode", "answers"}`` per response, with
  its row number in the source, for the same checks as a web submission (the Django side runs
  them, all or nothing);
- ``diagnostics``: errors that make the file unusable and warnings on what did not map
  (columns without a question, repeated entries reduced to the first), with their place.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from vivier.problems import Diagnostic, Location, ProblemCode, problem
from vivier.surveys.codecs.shared.limits import TableTooWide, check_width
from vivier.surveys.schema import Question, Questionnaire, QuestionType

#: Records name their answers by Vivier question name; these come with every record.
RECORD_KEYS = ("id", "submitted_at", "channel", "mode", "answers")


@dataclass
class ForeignResponses:
    records: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


@dataclass(frozen=True)
class Target:
    """Where a source column goes: a question's answer, or the text of its "other" option."""

    question: Question
    other: bool = False


def targets_by_source_name(questionnaire: Questionnaire) -> dict[str, Target]:
    """Every name a tool may use for a question's column, to where it goes in Vivier."""
    found: dict[str, Target] = {}
    for question in questionnaire.questions():
        if not question.answerable:
            continue
        names = {question.name, str(question.meta.get("source_name") or question.name)}
        for name in names:
            found.setdefault(name, Target(question))
            if question.other:
                found.setdefault(f"{name}_other", Target(question, other=True))
    return found


def stable_id(prefix: str, content: Any) -> str:
    """An id for a response that carries none: the same row always gets the same id, so a
    second import of the same file skips it instead of duplicating it."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return f"{prefix}-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def answer_value(question: Question, value: Any) -> Any:
    """A tool's value in the shape Vivier stores (checked afterwards like a web answer)."""
    if value is None or value == "":
        return None
    if question.type in (QuestionType.MULTIPLE_CHOICE, QuestionType.RANKING):
        if isinstance(value, str):
            return value.split()
        if isinstance(value, list):
            return [str(v) for v in value]
        return [str(value)]
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.YES_NO):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value)
    if question.type is QuestionType.DATE and isinstance(value, str):
        return value[:10]
    if question.type in (QuestionType.INTEGER, QuestionType.DECIMAL, QuestionType.RATING):
        return value if isinstance(value, int | float) else str(value)
    if question.type is QuestionType.DEPARTEMENT:
        return str(value)
    return value if isinstance(value, str) else str(value)


def read_csv_rows(
    data: bytes, filename: str
) -> tuple[list[str], list[tuple[int, list[str]]], list[Diagnostic]]:
    """Header and rows of a CSV export, whatever its separator; rows keep their line number."""
    where = Location(file=filename)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return [], [], [problem(ProblemCode.CSV_ENCODING, where)]
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        check_width(len(header), reader.line_num)
    except StopIteration:
        return [], [], [problem(ProblemCode.CSV_EMPTY, where)]
    except csv.Error as exc:
        return [], [], [_csv_error(exc, filename, 1)]
    except TableTooWide as exc:
        return [], [], [_too_wide(exc, filename)]
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            # A row wider than the header holds nothing a column names; a huge one is refused
            # before the next is read, so memory stays that of the rows kept.
            check_width(len(row), reader.line_num)
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        return header, rows, [_csv_error(exc, filename, reader.line_num)]
    except TableTooWide as exc:
        return [], [], [_too_wide(exc, filename)]
    return [h.strip() for h in header], rows, []


def _too_wide(exc: TableTooWide, filename: str) -> Diagnostic:
    where = Location(file=filename, row=exc.row)
    return problem(ProblemCode.CSV_TOO_MANY_COLUMNS, where, **exc.params())


def _csv_error(exc: csv.Error, filename: str, line: int) -> Diagnostic:
    return problem(ProblemCode.CSV_INVALID, Location(file=filename, row=line), detail=str(exc))


def unmapped_warnings(unmapped: dict[str, int], filename: str) -> Iterable[Diagnostic]:
    for column, count in unmapped.items():
        yield problem(
            ProblemCode.RESPONSE_COLUMN_UNMAPPED,
            Location(file=filename, column=column),
            column=column,
            count=count,
        )


__all__ = [
    "RECORD_KEYS",
    "ForeignResponses",
    "Target",
    "answer_value",
    "read_csv_rows",
    "stable_id",
    "targets_by_source_name",
    "unmapped_warnings",
]
