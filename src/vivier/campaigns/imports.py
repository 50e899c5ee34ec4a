"""Responses gathered elsewhere (paper, interviews, another tool) loaded from JSON Lines.

One object per line::

    {"id": "...", "submitted_at": "2020-08-24T10:00:00+02:00", "channel": "UNCCAS",
     "mode": "online|assisted|proxy", "answers": {"q1": "...", "q20": ["a"], ...}}

Every line goes through the checks of a web submission: the core's ``clean_response`` reads
each answer as a form would (``"12"`` for a number, a date as ``24/08/2020``), checks the
whole response and drops answers that do not apply. The file is taken whole or not at
all: one bad line and nothing is written, and every problem is listed with its line number
and the question at fault, so the file can be fixed in one pass. Problems are the project's
:class:`~vivier.problems.Diagnostic` (``RESPONSE_*`` codes of the catalogue, and the engine's
own for answers), placed at a line of a JSON Lines file or a row of another tool's export.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from vivier.problems import Diagnostic, Location, ProblemCode, codes, problem
from vivier.surveys.answers import clean_response
from vivier.surveys.codecs.shared.limits import JsonTooDeep, load_json
from vivier.surveys.schema import Questionnaire
from vivier.text import strip_controls_deep

from . import services, staged_imports
from .models import Campaign, DistributionLink, Response

KNOWN_KEYS = {"id", "submitted_at", "channel", "mode", "answers", "version"}
MAX_ERRORS = 100


def place(number: int, unit: str = "line", field: str = "") -> Location:
    """Where a record's problem is: a line of a JSON Lines file, or a row of a spreadsheet or
    CSV export of another tool ("ligne" in French either way)."""
    if unit == "row":
        return Location(row=number, field=field)
    return Location(line=number, field=field)


@dataclass
class ImportFailedError(Exception):
    source: str
    errors: list[Diagnostic]

    def __str__(self) -> str:
        head = f"{self.source}: nothing imported, {len(self.errors)} problem(s)"
        return "\n".join([head, *(f"  {e.describe('en')}" for e in self.errors)])


@dataclass
class ImportReport:
    imported: int = 0
    already_present: list[str] = field(default_factory=list)
    #: What the source held that has no place in the questionnaire (columns of another tool).
    notes: list[Diagnostic] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    key: str
    submitted_at: datetime
    channel: str
    mode: str
    answers: dict[str, Any]


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _check_line(q: Questionnaire, number: int, text: str, errors: list[Diagnostic]) -> _Row | None:
    try:
        record = load_json(text)
    except JsonTooDeep as error:
        errors.append(error.diagnostic.at(place(number)))
        return None
    except json.JSONDecodeError as error:
        errors.append(
            problem(
                ProblemCode.RESPONSE_JSON_INVALID,
                place(number),
                detail=error.msg,
                column=error.colno,
            )
        )
        return None
    if not isinstance(record, dict):
        errors.append(problem(ProblemCode.RESPONSE_NOT_AN_OBJECT, place(number)))
        return None
    return check_record(q, number, record, errors)


def check_record(
    q: Questionnaire,
    number: int,
    record: dict[str, Any],
    errors: list[Diagnostic],
    unit: str = "line",
) -> _Row | None:
    """One response record (see the module docstring), checked like a web submission.

    Every import (JSON Lines, KoboToolbox, LimeSurvey) passes here: control characters are
    removed from its texts before anything is checked or stored (``vivier.text.controls``).
    """
    record = strip_controls_deep(record)
    found = len(errors)

    def report(code: ProblemCode, field: str, /, **params: Any) -> None:
        errors.append(problem(code, place(number, unit, field), **params))

    unknown = sorted(set(record) - KNOWN_KEYS)
    if unknown:
        report(ProblemCode.RESPONSE_UNKNOWN_FIELDS, ", ".join(unknown))
    key = record.get("id")
    if not isinstance(key, str | int) or not str(key).strip() or len(str(key)) > 100:
        report(ProblemCode.RESPONSE_ID_INVALID, "id")
    elif "/" in str(key) or str(key).strip(".") == "":
        # The id is a segment of the staff's link to the response: a "/" would split it and
        # "." or ".." would be read by browsers as "this folder" or "the folder above".
        report(ProblemCode.RESPONSE_ID_UNSAFE, "id", id=key)
    submitted_at = _parse_time(record.get("submitted_at"))
    if submitted_at is None:
        report(ProblemCode.RESPONSE_SUBMITTED_AT_INVALID, "submitted_at")
    mode = record.get("mode", Response.Mode.ONLINE)
    if mode not in Response.Mode.values:
        report(ProblemCode.RESPONSE_MODE_INVALID, "mode", mode=mode)
    channel = record.get("channel", "")
    if not isinstance(channel, str) or len(channel) > 200:
        report(ProblemCode.RESPONSE_CHANNEL_INVALID, "channel")
    answers = record.get("answers")
    if not isinstance(answers, dict):
        report(ProblemCode.RESPONSE_ANSWERS_MISSING, "answers")
        return None
    kept, issues_by_key = clean_response(q, answers)
    for name, issues in issues_by_key.items():
        errors.extend(issue.located(place(number, unit, name)) for issue in issues)
    if len(errors) > found or submitted_at is None:
        return None
    return _Row(number, str(key), submitted_at, channel, mode, kept)


def read_rows(q: Questionnaire, lines: Iterable[str]) -> tuple[list[_Row], list[Diagnostic]]:
    def records() -> Iterable[tuple[int, _Row | None, list[Diagnostic]]]:
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            problems: list[Diagnostic] = []
            row = _check_line(q, number, text, problems)
            yield number, row, problems

    return _collect(records(), "line")


def _collect(
    checked: Iterable[tuple[int, _Row | None, list[Diagnostic]]], unit: str
) -> tuple[list[_Row], list[Diagnostic]]:
    rows: list[_Row] = []
    errors: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for number, row, problems in checked:
        errors.extend(problems)
        if row is not None:
            if row.key in seen:
                errors.append(
                    problem(
                        ProblemCode.RESPONSE_ID_REPEATED,
                        place(number, unit, "id"),
                        id=row.key,
                        unit=codes.ROW if unit == "row" else codes.LINE,
                        first=seen[row.key],
                    )
                )
            seen[row.key] = number
            rows.append(row)
        if len(errors) >= MAX_ERRORS:
            where = place(number, unit)
            errors.append(problem(ProblemCode.RESPONSE_TOO_MANY_PROBLEMS, where, count=MAX_ERRORS))
            break
    return rows, errors


def read_records(
    q: Questionnaire, records: Iterable[tuple[int, dict[str, Any]]], unit: str = "row"
) -> tuple[list[_Row], list[Diagnostic]]:
    """Records already decoded (from another tool's export), numbered as their source counts."""

    def checked() -> Iterable[tuple[int, _Row | None, list[Diagnostic]]]:
        for number, record in records:
            problems: list[Diagnostic] = []
            row = check_record(q, number, record, problems, unit)
            yield number, row, problems

    return _collect(checked(), unit)


def import_jsonl(
    campaign: Campaign, lines: Iterable[str], *, source: str = "<input>"
) -> ImportReport:
    """Imports every line or none; ids already in the campaign are skipped, not duplicated."""
    q = campaign.questionnaire.questionnaire()
    rows, errors = read_rows(q, lines)
    if errors:
        raise ImportFailedError(source, errors)
    return store_rows(campaign, rows, source=source)


def import_records(
    campaign: Campaign,
    records: Iterable[tuple[int, dict[str, Any]]],
    *,
    source: str = "<input>",
    unit: str = "row",
    notes: Iterable[Diagnostic] = (),
) -> ImportReport:
    """Like ``import_jsonl`` for records another tool's export was turned into."""
    q = campaign.questionnaire.questionnaire()
    rows, errors = read_records(q, records, unit)
    if errors:
        raise ImportFailedError(source, errors)
    report = store_rows(campaign, rows, source=source)
    report.notes = list(notes)
    return report


def _existing_keys(campaign: Campaign, keys: list[str]) -> set[str]:
    # In slices: one IN list of 40,000 keys passes SQLite's limit on query parameters.
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        found.update(
            Response.objects.filter(campaign=campaign, key__in=keys[start : start + 500])
            .values_list("key", flat=True)
            .order_by()
        )
    return found


def store_rows(
    campaign: Campaign, rows: list[_Row], *, source: str = "", _retry: bool = True
) -> ImportReport:
    """Stores every row or none; ids already in the campaign are skipped.

    A small file is one transaction. A large one is staged in short transactions and then
    published (``staged_imports``), so respondents submitting meanwhile never wait long for
    the database's write lock.
    """
    report = ImportReport()
    existing = _existing_keys(campaign, [r.key for r in rows])
    report.already_present = [r.key for r in rows if r.key in existing]
    fresh = [r for r in rows if r.key not in existing]
    if len(fresh) > staged_imports.CHUNK:
        try:
            report.imported = staged_imports.store(campaign, fresh, source=source)
        except staged_imports.StagingConflictError as conflict:
            line = next((r.line for r in fresh if r.key == conflict.key_hint), 0)
            raise ImportFailedError(
                source or "<input>",
                [problem(ProblemCode.RESPONSE_STORED_MEANWHILE, place(line, field="id"))],
            ) from conflict
        _audit_import(campaign, source, report)
        return report
    links = {link.network: link for link in DistributionLink.objects.filter(campaign=campaign)}
    try:
        with transaction.atomic():
            for row in fresh:
                services.create_submitted(
                    campaign,
                    key=row.key,
                    answers=row.answers,
                    submitted_at=row.submitted_at,
                    channel=row.channel,
                    mode=row.mode,
                    link=links.get(row.channel),
                )
                report.imported += 1
    except IntegrityError:
        # An id of this file was stored after the check above (another import, an entry):
        # the database refused the second one and nothing of this file was kept. Read again
        # which ids are present and store the others, as if the two had not crossed.
        if not _retry or not _existing_keys(campaign, [r.key for r in fresh]):
            raise
        return store_rows(campaign, rows, source=source, _retry=False)
    _audit_import(campaign, source, report)
    return report


def _audit_import(campaign: Campaign, source: str, report: ImportReport) -> None:
    """One line of the audit trail per import, whoever runs it (page or command)."""
    from vivier import audit

    audit.record(
        None,
        "responses.import",
        campaign,
        source=source[:255],
        imported=report.imported,
        already_present=len(report.already_present),
    )
