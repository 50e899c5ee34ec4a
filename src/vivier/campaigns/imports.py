"""Responses gathered elsewhere (paper, interviews, another tool) loaded from JSON Lines.

One object per line::

    {"id": "...", "submitted_at": "2020-08-24T10:00:00+02:00", "channel": "UNCCAS",
     "mode": "online|assisted|proxy", "answers": {"q1": "...", "q20": ["a"], ...}}

Every line goes through the checks of a web submission. The file is taken whole or not at
all: one bad line and nothing is written, and every problem is listed with its line number
and the question at fault, so the file can be fixed in one pass.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from vivier.surveys.answers import coerce, validate_answers
from vivier.surveys.codecs.limits import JsonTooDeep, load_json
from vivier.surveys.codecs.report import Diagnostic
from vivier.surveys.errors import EngineError
from vivier.surveys.schema import Questionnaire, QuestionType
from vivier.text import strip_controls_deep

from . import services, staged_imports
from .models import Campaign, DistributionLink, Response

KNOWN_KEYS = {"id", "submitted_at", "channel", "mode", "answers", "version"}
MAX_ERRORS = 100
#: Types whose values a spreadsheet or paper transcription may give as text.
TEXT_COERCED = {QuestionType.INTEGER, QuestionType.DECIMAL, QuestionType.RATING}


@dataclass(frozen=True)
class LineError:
    line: int
    field: str
    message: str
    #: "line" in a JSON Lines file; "row" in a spreadsheet or CSV export of another tool.
    unit: str = "line"
    #: The same message in French, for the staff area.
    message_fr: str = ""

    def __str__(self) -> str:
        where = f"{self.unit} {self.line}" + (f", {self.field}" if self.field else "")
        return f"{where}: {self.message}"

    def describe_fr(self) -> str:
        # French says "ligne" of a file and of a spreadsheet alike.
        where = f"ligne {self.line}" + (f", {self.field}" if self.field else "")
        return f"{where} : {self.message_fr or self.message}"


@dataclass
class ImportFailedError(Exception):
    source: str
    errors: list[LineError]

    def __str__(self) -> str:
        head = f"{self.source}: nothing imported, {len(self.errors)} problem(s)"
        return "\n".join([head, *(f"  {e}" for e in self.errors)])


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


def _coerce_text_values(q: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    questions = q.question_map()
    result = dict(answers)
    for name, value in answers.items():
        question = questions.get(name)
        if question is not None and question.type in TEXT_COERCED and isinstance(value, str):
            # When the text is not a number, validate_answers reports it with its message.
            with contextlib.suppress(EngineError):
                result[name] = coerce(question, value)
    return result


def _check_line(q: Questionnaire, number: int, text: str, errors: list[LineError]) -> _Row | None:
    try:
        record = load_json(text)
    except JsonTooDeep as error:
        errors.append(LineError(number, "", error.message_en, message_fr=error.message_fr))
        return None
    except json.JSONDecodeError as error:
        errors.append(LineError(number, "", f"not valid JSON ({error.msg}, column {error.colno})"))
        return None
    if not isinstance(record, dict):
        errors.append(LineError(number, "", "each line must be a JSON object {...}"))
        return None
    return check_record(q, number, record, errors)


def check_record(
    q: Questionnaire,
    number: int,
    record: dict[str, Any],
    errors: list[LineError],
    unit: str = "line",
) -> _Row | None:
    """One response record (see the module docstring), checked like a web submission.

    Every import (JSON Lines, KoboToolbox, LimeSurvey) passes here: control characters are
    removed from its texts before anything is checked or stored (``vivier.text.controls``).
    """
    record = strip_controls_deep(record)
    errors_before = len(errors)
    check_errors: list[LineError] = []
    row = _check_record(q, number, record, check_errors)
    errors.extend(LineError(e.line, e.field, e.message, unit, e.message_fr) for e in check_errors)
    return row if len(errors) == errors_before else None


def _check_record(
    q: Questionnaire, number: int, record: dict[str, Any], errors: list[LineError]
) -> _Row | None:
    found = len(errors)
    unknown = sorted(set(record) - KNOWN_KEYS)
    if unknown:
        errors.append(
            LineError(
                number, ", ".join(unknown), "unknown field(s)", message_fr="champ(s) inconnu(s)"
            )
        )
    key = record.get("id")
    if not isinstance(key, str | int) or not str(key).strip() or len(str(key)) > 100:
        errors.append(
            LineError(
                number,
                "id",
                "a non-empty text of at most 100 characters",
                message_fr="un texte non vide de 100 caractères au plus",
            )
        )
    elif "/" in str(key) or str(key).strip(".") == "":
        # The id is a segment of the staff's link to the response: a "/" would split it and
        # "." or ".." would be read by browsers as "this folder" or "the folder above".
        errors.append(
            LineError(
                number,
                "id",
                f"'{key}' cannot be used as an id: it must not contain '/' nor be only dots",
                message_fr=(
                    f"« {key} » ne peut pas servir d'identifiant : il ne doit pas contenir "
                    "de « / » ni n'être fait que de points"
                ),
            )
        )
    submitted_at = _parse_time(record.get("submitted_at"))
    if submitted_at is None:
        errors.append(
            LineError(
                number,
                "submitted_at",
                "an ISO 8601 date and time is required",
                message_fr="une date et une heure ISO 8601 sont attendues",
            )
        )
    mode = record.get("mode", Response.Mode.ONLINE)
    if mode not in Response.Mode.values:
        errors.append(
            LineError(
                number,
                "mode",
                f"'{mode}' is not one of online, assisted, proxy",
                message_fr=f"« {mode} » n'est pas l'un de online, assisted, proxy",
            )
        )
    channel = record.get("channel", "")
    if not isinstance(channel, str) or len(channel) > 200:
        errors.append(
            LineError(
                number,
                "channel",
                "a text of at most 200 characters",
                message_fr="un texte de 200 caractères au plus",
            )
        )
    answers = record.get("answers")
    if not isinstance(answers, dict):
        errors.append(
            LineError(
                number,
                "answers",
                "an object of answers by question is required",
                message_fr="un objet des réponses par question est attendu",
            )
        )
        return None
    answers = _coerce_text_values(q, answers)
    for name, problems in validate_answers(q, answers).items():
        for problem in problems:
            errors.append(
                LineError(number, name, problem.message("en"), message_fr=problem.message("fr"))
            )
    if len(errors) > found or submitted_at is None:
        return None
    return _Row(number, str(key), submitted_at, channel, mode, answers)


def read_rows(q: Questionnaire, lines: Iterable[str]) -> tuple[list[_Row], list[LineError]]:
    def records() -> Iterable[tuple[int, _Row | None, list[LineError]]]:
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            problems: list[LineError] = []
            row = _check_line(q, number, text, problems)
            yield number, row, problems

    return _collect(records(), "line")


def _collect(
    checked: Iterable[tuple[int, _Row | None, list[LineError]]], unit: str
) -> tuple[list[_Row], list[LineError]]:
    rows: list[_Row] = []
    errors: list[LineError] = []
    seen: dict[str, int] = {}
    for number, row, problems in checked:
        errors.extend(problems)
        if row is not None:
            if row.key in seen:
                errors.append(
                    LineError(
                        number, "id", f"'{row.key}' already used on {unit} {seen[row.key]}", unit
                    )
                )
            seen[row.key] = number
            rows.append(row)
        if len(errors) >= MAX_ERRORS:
            errors.append(LineError(number, "", f"stopped after {MAX_ERRORS} problems", unit))
            break
    return rows, errors


def read_records(
    q: Questionnaire, records: Iterable[tuple[int, dict[str, Any]]], unit: str = "row"
) -> tuple[list[_Row], list[LineError]]:
    """Records already decoded (from another tool's export), numbered as their source counts."""

    def checked() -> Iterable[tuple[int, _Row | None, list[LineError]]]:
        for number, record in records:
            problems: list[LineError] = []
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


def store_rows(campaign: Campaign, rows: list[_Row], *, source: str = "") -> ImportReport:
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
                [
                    LineError(
                        line,
                        "id",
                        "an id of this part of the file was stored by another import or "
                        "entry meanwhile; nothing imported: run the import again",
                        message_fr="un identifiant de cette partie du fichier a été enregistré "
                        "entre-temps par un autre import ou une saisie ; rien n’a été importé : "
                        "relancez l’import",
                    )
                ],
            ) from conflict
        return report
    links = {link.network: link for link in DistributionLink.objects.filter(campaign=campaign)}
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
    return report
