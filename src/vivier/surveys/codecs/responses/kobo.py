"""KoboToolbox / ODK submissions (the API's JSON, or the CSV export) as Vivier responses.

Keys are XML paths (``group/question``); a question's name is unique in an XLSForm, so the
last segment finds the question whatever groups the form had. Repeated groups (a list of
entries) keep their first entry, as the questionnaire import turned each repeat into a plain
page; a warning counts what was left out. The CSV export of a select_multiple also has one
0/1 column per option (``q/option``): the main column is used and those are skipped.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from vivier.problems import Location, ProblemCode, problem
from vivier.surveys.codecs.responses.foreign import (
    ForeignResponses,
    Target,
    answer_value,
    read_csv_rows,
    stable_id,
    targets_by_source_name,
    unmapped_warnings,
)
from vivier.surveys.codecs.shared.limits import JsonTooDeep, load_json
from vivier.surveys.schema import Questionnaire, QuestionType

#: Metadata ODK and KoboToolbox add to every submission: not answers, never reported.
METADATA_PREFIXES = ("_", "meta/", "formhub/")
METADATA_NAMES = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "email",
        "audit",
        "instanceID",
        "instanceName",
        "__version__",
    }
)
ID_KEYS = ("meta/instanceID", "_uuid", "_id", "instanceID")
TIME_KEYS = ("_submission_time", "end", "start")
CHANNEL = "kobotoolbox"


def _is_metadata(key: str) -> bool:
    return key.startswith(METADATA_PREFIXES) or key.rsplit("/", 1)[-1] in METADATA_NAMES


def _flatten(submission: dict[str, Any], dropped: Counter[str]) -> Iterator[tuple[str, Any]]:
    """``(path, value)`` for every answer, nested groups opened, repeats reduced to one entry."""
    for key, value in submission.items():
        if isinstance(value, dict):
            yield from _flatten(value, dropped)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            yield from _flatten(value[0], dropped)
            if len(value) > 1:
                dropped[key] += len(value) - 1
        else:
            yield key, value


def _submitted_at(submission: dict[str, Any]) -> str:
    for key in TIME_KEYS:
        value = submission.get(key)
        if isinstance(value, str) and value:
            text = value.strip().replace(" ", "T", 1)
            try:
                parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                continue
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            return parsed.isoformat()
    return ""


def _record(
    questionnaire: Questionnaire,
    targets: dict[str, Target],
    submission: dict[str, Any],
    unmapped: Counter[str],
    dropped: Counter[str],
    now: str,
) -> tuple[dict[str, Any], bool]:
    answers: dict[str, Any] = {}
    for path, value in _flatten(submission, dropped):
        if _is_metadata(path):
            continue
        target = targets.get(path.rsplit("/", 1)[-1])
        if target is None:
            # The 0/1 columns of a select_multiple in the CSV export: "q/option".
            parent = path.rsplit("/", 2)[-2] if "/" in path else ""
            owner = targets.get(parent)
            if owner is not None and owner.question.type is QuestionType.MULTIPLE_CHOICE:
                continue
            if value not in (None, ""):
                unmapped[path] += 1
            continue
        if target.other:
            if value not in (None, ""):
                answers[target.question.other_name] = str(value)
            continue
        converted = answer_value(target.question, value)
        if converted is not None:
            answers.setdefault(target.question.name, converted)
    key = next((str(submission[k]) for k in ID_KEYS if submission.get(k) not in (None, "")), "")
    submitted_at = _submitted_at(submission)
    record = {
        "id": key or stable_id("kobo", submission),
        "submitted_at": submitted_at or now,
        "channel": CHANNEL,
        "mode": "online",
        "answers": answers,
    }
    return record, not submitted_at


def read_submissions(
    submissions: list[Any], questionnaire: Questionnaire, filename: str, *, first_row: int = 1
) -> ForeignResponses:
    result = ForeignResponses()
    targets = targets_by_source_name(questionnaire)
    unmapped: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    now = datetime.now(UTC).isoformat()
    untimed = 0
    for index, submission in enumerate(submissions):
        row = first_row + index
        if not isinstance(submission, dict):
            where = Location(file=filename, row=row)
            result.diagnostics.append(problem(ProblemCode.KOBO_SUBMISSION_NOT_OBJECT, where))
            continue
        record, no_time = _record(questionnaire, targets, submission, unmapped, dropped, now)
        untimed += no_time
        result.records.append((row, record))
    if result.records and not any(r["answers"] for _n, r in result.records):
        result.diagnostics.append(problem(ProblemCode.KOBO_NOTHING_MAPPED, Location(file=filename)))
    result.diagnostics.extend(unmapped_warnings(dict(unmapped), filename))
    for path, count in dropped.items():
        result.diagnostics.append(
            problem(
                ProblemCode.KOBO_REPEAT_REDUCED,
                Location(file=filename, column=path),
                path=path,
                count=count,
            )
        )
    if untimed:
        result.diagnostics.append(
            problem(ProblemCode.KOBO_NO_TIME, Location(file=filename), count=untimed)
        )
    return result


def read_kobo_json(data: bytes, questionnaire: Questionnaire, filename: str) -> ForeignResponses:
    """A list of submissions, the API's ``{"results": [...]}``, or one JSON object per line."""
    try:
        text = data.decode("utf-8-sig")
        stripped = text.lstrip()
        if stripped.startswith("{") and "\n{" in stripped:
            document: Any = [load_json(line) for line in stripped.splitlines() if line.strip()]
        else:
            document = load_json(text)
    except JsonTooDeep as exc:
        result = ForeignResponses()
        result.diagnostics.append(exc.diagnostic.at(Location(file=filename)))
        return result
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        result = ForeignResponses()
        result.diagnostics.append(
            problem(ProblemCode.KOBO_JSON_INVALID, Location(file=filename), detail=str(exc))
        )
        return result
    if isinstance(document, dict):
        document = document.get("results", document.get("submissions", [document]))
    if not isinstance(document, list):
        result = ForeignResponses()
        result.diagnostics.append(problem(ProblemCode.KOBO_JSON_SHAPE, Location(file=filename)))
        return result
    return read_submissions(document, questionnaire, filename)


def read_kobo_csv(data: bytes, questionnaire: Questionnaire, filename: str) -> ForeignResponses:
    header, rows, problems = read_csv_rows(data, filename)
    if problems:
        return ForeignResponses(diagnostics=problems)
    submissions = []
    for _line, cells in rows:
        submissions.append(
            {name: cell for name, cell in zip(header, cells, strict=False) if name and cell != ""}
        )
    result = read_submissions(submissions, questionnaire, filename, first_row=2)
    # Rows of a CSV are counted as a spreadsheet shows them (the header is row 1).
    result.records = [
        (line, record) for (line, _cells), (_n, record) in zip(rows, result.records, strict=True)
    ]
    return result


__all__ = ["read_kobo_csv", "read_kobo_json", "read_submissions"]
