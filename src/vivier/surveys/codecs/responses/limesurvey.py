"""LimeSurvey's CSV export of responses as Vivier responses.

The questionnaire must come from the same survey's ``.lss`` (``limesurvey.read_lss``): each
question's ``meta["limesurvey"]`` lists the export columns it owns and what their values
mean (see the "Response columns" part of that module). Headings may be question codes
(``Q2[SQ001]``, LimeSurvey 3 and later), expression names (``Q2_SQ001``) or SGQA codes
(``123456X12X34SQ001``); values may be answer codes or, with "full answers", option labels.

Only completed responses (a ``submitdate``) are imported: an incomplete one was never sent,
so the rest of the file is imported and a warning counts those left out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from vivier.problems import Location, ProblemCode, problem
from vivier.surveys.codecs.responses.foreign import (
    ForeignResponses,
    read_csv_rows,
    unmapped_warnings,
)
from vivier.surveys.schema import OTHER_VALUE, Question, Questionnaire, QuestionType

#: Columns of every export that are not answers.
METADATA = frozenset(
    {
        "id",
        "submitdate",
        "lastpage",
        "startlanguage",
        "seed",
        "token",
        "startdate",
        "datestamp",
        "ipaddr",
        "refurl",
        "interviewtime",
    }
)
CHANNEL = "limesurvey"


@dataclass(frozen=True)
class Column:
    question: Question
    role: str
    spec: dict[str, Any]
    values: dict[str, str]


def _headings(details: dict[str, Any], suffix: str) -> list[str]:
    code, sgqa = str(details.get("code", "")), str(details.get("sgqa", ""))
    if not suffix:
        return [code, sgqa]
    if "#" in suffix:
        row, scale = suffix.split("#", 1)
        return [f"{code}[{row}][{int(scale) + 1}]", f"{code}_{row}_{scale}", f"{sgqa}{suffix}"]
    return [f"{code}[{suffix}]", f"{code}_{suffix}", f"{sgqa}{suffix}"]


def columns_of(questionnaire: Questionnaire) -> dict[str, Column]:
    """Every heading a LimeSurvey export may use, lower-cased, to the column it stands for."""
    found: dict[str, Column] = {}
    for question in questionnaire.questions():
        details = question.meta.get("limesurvey")
        if not question.answerable or not isinstance(details, dict):
            continue
        values = {str(k): str(v) for k, v in (details.get("values") or {}).items()}
        for spec in details.get("columns") or []:
            column = Column(question, str(spec.get("role", "value")), dict(spec), values)
            for heading in _headings(details, str(spec.get("suffix", ""))):
                if heading:
                    found.setdefault(heading.lower(), column)
    return found


def _choice_value(question: Question, text: str, values: dict[str, str]) -> str:
    if text in values:
        return values[text]
    if text == "-oth-" and question.other:
        return OTHER_VALUE
    if any(c.value == text for c in question.choices):
        return text
    # "Full answers" exports give labels instead of codes.
    folded = text.casefold()
    for choice in question.choices:
        if choice.label.casefold() == folded:
            return choice.value
    return text


def _apply(answers: dict[str, Any], column: Column, text: str) -> None:
    question = column.question
    name = question.name
    if column.role == "option":
        if text.upper() == "Y" or text == "1":
            answers.setdefault(name, []).append(str(column.spec.get("option")))
    elif column.role == "other":
        answers[question.other_name] = text
        if question.type is QuestionType.MULTIPLE_CHOICE:
            answers.setdefault(name, []).append(OTHER_VALUE)
    elif column.role == "row":
        grid = answers.setdefault(name, {})
        grid[str(column.spec.get("row"))] = text
    elif column.role == "rank":
        ranks = answers.setdefault(name, {})
        ranks[int(column.spec.get("rank", 0))] = _choice_value(question, text, column.values)
    elif question.type in (QuestionType.SINGLE_CHOICE, QuestionType.YES_NO):
        answers[name] = _choice_value(question, text, column.values)
    elif question.type is QuestionType.DATE:
        answers[name] = text[:10]
    else:
        answers[name] = column.values.get(text, text)


def _finish(answers: dict[str, Any]) -> dict[str, Any]:
    for name, value in answers.items():
        if isinstance(value, dict) and value and all(isinstance(k, int) for k in value):
            answers[name] = [value[rank] for rank in sorted(value)]
        elif isinstance(value, dict):
            answers[name] = {row: _number(point) for row, point in value.items()}
    return answers


def _number(text: str) -> int | str:
    try:
        return int(float(text))
    except ValueError:
        return text


def read_limesurvey_csv(
    data: bytes, questionnaire: Questionnaire, filename: str
) -> ForeignResponses:
    result = ForeignResponses()
    header, rows, problems = read_csv_rows(data, filename)
    if problems:
        result.diagnostics.extend(problems)
        return result
    columns = columns_of(questionnaire)
    lowered = [h.lower() for h in header]
    if "submitdate" not in lowered:
        where = Location(file=filename, row=1)
        result.diagnostics.append(problem(ProblemCode.LIMESURVEY_NO_SUBMITDATE, where))
        return result
    mapped = [columns.get(h) for h in lowered]
    if not any(mapped):
        where = Location(file=filename, row=1)
        result.diagnostics.append(problem(ProblemCode.LIMESURVEY_NOTHING_MAPPED, where))
        return result
    unmapped: Counter[str] = Counter()
    incomplete = 0
    for line, cells in rows:
        record_cells = dict(zip(lowered, cells, strict=False))
        submitted = record_cells.get("submitdate", "").strip()
        if not submitted:
            incomplete += 1
            continue
        answers: dict[str, Any] = {}
        for heading, column, text in zip(header, mapped, cells, strict=False):
            text = text.strip()
            if not text or heading.lower() in METADATA or heading.lower().endswith("time"):
                continue
            if column is None:
                unmapped[heading] += 1
                continue
            _apply(answers, column, text)
        key = record_cells.get("id", "").strip()
        result.records.append(
            (
                line,
                {
                    "id": f"limesurvey-{key}" if key else f"limesurvey-row-{line}",
                    "submitted_at": submitted.replace(" ", "T", 1),
                    "channel": CHANNEL,
                    "mode": "online",
                    "answers": _finish(answers),
                },
            )
        )
    result.diagnostics.extend(unmapped_warnings(dict(unmapped), filename))
    if incomplete:
        result.diagnostics.append(
            problem(
                ProblemCode.LIMESURVEY_INCOMPLETE,
                Location(file=filename, column="submitdate"),
                count=incomplete,
            )
        )
    return result


__all__ = ["columns_of", "read_limesurvey_csv"]
