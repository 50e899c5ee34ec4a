"""Raw exports of a campaign's responses: CSV for spreadsheets, JSON Lines for other tools.

The JSON Lines format is the one ``vivier import-responses`` reads, so an export loads back
into an empty campaign unchanged. Personal data leaves only when asked for explicitly.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from vivier.surveys.schema import Question, Questionnaire

from .models import Campaign, Response

#: Spreadsheets run a cell starting with these as a formula ("CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BASE_COLUMNS = ["id", "submitted_at", "channel", "mode", "version"]


def neutralize(value: str) -> str:
    """Makes a cell inert for spreadsheet software, keeping its text readable."""
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def submitted(campaign: Campaign) -> Iterator[Response]:
    queryset = (
        Response.objects.filter(campaign=campaign, status=Response.Status.SUBMITTED)
        .select_related("version", "contact")
        .order_by("submitted_at", "pk")
    )
    yield from queryset.iterator(chunk_size=2000)


def response_record(response: Response, *, personal: bool) -> dict[str, Any]:
    answers = response.all_answers() if personal else dict(response.answers)
    return {
        "id": response.key,
        "submitted_at": response.submitted_at.isoformat() if response.submitted_at else None,
        "channel": response.channel,
        "mode": response.mode,
        "version": response.version.version,
        "answers": answers,
    }


def write_jsonl(campaign: Campaign, out: io.TextIOBase, *, personal: bool = False) -> int:
    count = 0
    for response in submitted(campaign):
        record = response_record(response, personal=personal)
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
        count += 1
    return count


def csv_columns(q: Questionnaire, *, personal: bool) -> list[tuple[str, Question, str]]:
    """(column, question, part) for every answer column; part is a grid row or ''."""
    personal_keys = q.personal_keys()
    columns = []
    for question in q.questions():
        if not question.answerable or (question.personal_data and not personal):
            continue
        if question.scale and question.scale.rows:
            for row in question.scale.rows:
                columns.append((f"{question.name}__{row.value}", question, row.value))
        else:
            columns.append((question.name, question, ""))
        if question.other and (personal or question.other_name not in personal_keys):
            columns.append((question.other_name, question, "other"))
    return columns


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def csv_rows(campaign: Campaign, *, personal: bool = False) -> Iterable[list[str]]:
    q = campaign.questionnaire.questionnaire()
    columns = csv_columns(q, personal=personal)
    yield BASE_COLUMNS + [c for c, _q, _p in columns]
    for response in submitted(campaign):
        record = response_record(response, personal=personal)
        answers = record["answers"]
        row = [record["id"], record["submitted_at"] or "", record["channel"], record["mode"]]
        row.append(str(record["version"]))
        for _column, question, part in columns:
            if part == "other":
                value = answers.get(question.other_name)
            elif part:
                value = (answers.get(question.name) or {}).get(part)
            else:
                value = answers.get(question.name)
            row.append(_cell(value))
        yield [neutralize(cell) for cell in row]


def write_csv(campaign: Campaign, out: io.TextIOBase, *, personal: bool = False) -> int:
    writer = csv.writer(out)
    count = -1
    for row in csv_rows(campaign, personal=personal):
        writer.writerow(row)
        count += 1
    return count
