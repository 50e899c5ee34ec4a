"""Raw exports of a campaign's responses: CSV for spreadsheets, JSON Lines for other tools.

The JSON Lines format is the one ``vivier import-responses`` reads, so an export loads back
into an empty campaign unchanged. Personal data leaves only when asked for explicitly.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from vivier.surveys.schema import Question, Questionnaire
from vivier.text import strip_controls, strip_controls_deep
from vivier.text.spreadsheet import defuse_formula

from .models import Campaign, Response

BASE_COLUMNS = ["id", "submitted_at", "channel", "mode", "version"]


def submitted(campaign: Campaign) -> Iterator[Response]:
    queryset = (
        Response.objects.filter(campaign=campaign, status=Response.Status.SUBMITTED)
        .select_related("version", "contact")
        .order_by("submitted_at", "pk")
    )
    yield from queryset.iterator(chunk_size=2000)


def response_record(response: Response, *, personal: bool) -> dict[str, Any]:
    """One response as every export writes it.

    Texts stored before control characters were removed at entry are cleaned here, the one
    place every export format reads from: XML (XLSX) cannot hold them at all.
    """
    answers = response.all_answers() if personal else dict(response.answers)
    return {
        "id": strip_controls(response.key),
        "submitted_at": response.submitted_at.isoformat() if response.submitted_at else None,
        "channel": strip_controls(response.channel),
        "mode": response.mode,
        "version": response.version.version,
        "answers": strip_controls_deep(answers),
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


def column_value(answers: dict[str, Any], question: Question, part: str) -> Any:
    """The value of one export column (see ``csv_columns``) in a response's answers."""
    if part == "other":
        return answers.get(question.other_name)
    if part:
        return (answers.get(question.name) or {}).get(part)
    return answers.get(question.name)


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
        row += [_cell(column_value(answers, question, part)) for _c, question, part in columns]
        yield [defuse_formula(cell) for cell in row]


def write_csv(campaign: Campaign, out: io.TextIOBase, *, personal: bool = False) -> int:
    writer = csv.writer(out)
    count = -1
    for row in csv_rows(campaign, personal=personal):
        writer.writerow(row)
        count += 1
    return count


def codebook(q: Questionnaire, *, personal: bool = False) -> list[dict[str, str]]:
    """What each column of the exports holds: question, label, type, options, personal flag."""
    entries = []
    for column, question, part in csv_columns(q, personal=personal):
        if part == "other":
            label, options = f"{question.label} — {question.other_label}", ""
        elif part:
            row = next(r for r in question.scale.rows if r.value == part)  # type: ignore[union-attr]
            label, options = f"{question.label} — {row.label}", _scale_options(question)
        else:
            label, options = question.label, _options(question)
        entries.append(
            {
                "column": column,
                "question": question.name,
                "number": str(question.number or ""),
                "label": label,
                "type": "text" if part == "other" else str(question.type),
                "options": options,
                "personal_data": "yes" if question.personal_data else "no",
            }
        )
    # Labels of a version stored before its import removed control characters.
    return strip_controls_deep(entries)


def _options(question: Question) -> str:
    if question.scale is not None:
        return _scale_options(question)
    values = question.option_values()
    return " | ".join(f"{v}={question.choice_label(v)}" for v in values)


def _scale_options(question: Question) -> str:
    assert question.scale is not None
    labels = question.scale.labels
    return " | ".join(f"{p}={labels[p]}" if p in labels else str(p) for p in question.scale.values)


CODEBOOK_COLUMNS = ["column", "question", "number", "label", "type", "options", "personal_data"]


def write_codebook_csv(q: Questionnaire, out: io.TextIOBase, *, personal: bool = False) -> None:
    writer = csv.DictWriter(out, fieldnames=CODEBOOK_COLUMNS)
    writer.writeheader()
    for entry in codebook(q, personal=personal):
        writer.writerow({k: defuse_formula(v) for k, v in entry.items()})


def write_xlsx(campaign: Campaign, out: IO[bytes], *, personal: bool = False) -> int:
    """Responses and codebook in one workbook; every cell is text or number, never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Réponses")
    count = -1
    for row in csv_rows(campaign, personal=personal):
        cells = []
        for value in row:
            cell = _text_cell(sheet, value, TYPE_STRING)
            cells.append(cell)
        sheet.append(cells)
        count += 1
    book = workbook.create_sheet("Codebook")
    book.append(CODEBOOK_COLUMNS)
    for entry in codebook(campaign.questionnaire.questionnaire(), personal=personal):
        book.append([_text_cell(book, entry[c], TYPE_STRING) for c in CODEBOOK_COLUMNS])
    workbook.save(out)
    return count


def _text_cell(sheet: Any, value: str, string_type: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    # csv_rows already prefixed formula-like text with an apostrophe; forcing the string
    # type as well keeps openpyxl from ever writing the cell as a formula.
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = string_type
    return cell


def write_parquet(campaign: Campaign, out: IO[bytes], *, personal: bool = False) -> int:
    """Typed columns (numbers as numbers, multiple choices as lists) for data tools."""
    import polars as pl

    q = campaign.questionnaire.questionnaire()
    columns = csv_columns(q, personal=personal)
    data: dict[str, list[Any]] = {c: [] for c in BASE_COLUMNS}
    data.update({c: [] for c, _q, _p in columns})
    for response in submitted(campaign):
        record = response_record(response, personal=personal)
        answers = record["answers"]
        for name in BASE_COLUMNS:
            data[name].append(record[name] if name != "submitted_at" else response.submitted_at)
        for column, question, part in columns:
            data[column].append(column_value(answers, question, part))
    schema = {c: _polars_type(question, part) for c, question, part in columns}
    frame = pl.DataFrame(
        {
            "id": pl.Series(data["id"], dtype=pl.String),
            "submitted_at": pl.Series(data["submitted_at"], dtype=pl.Datetime("us", "UTC")),
            "channel": pl.Series(data["channel"], dtype=pl.String),
            "mode": pl.Series(data["mode"], dtype=pl.String),
            "version": pl.Series(data["version"], dtype=pl.Int32),
            **{c: pl.Series(data[c], dtype=schema[c]) for c, _q, _p in columns},
        }
    )
    frame.write_parquet(out)
    return frame.height


def _polars_type(question: Question, part: str) -> Any:
    import polars as pl

    from vivier.surveys.schema import LIST_TYPES, QuestionType

    if part == "other":
        return pl.String
    if part or question.type in (QuestionType.INTEGER, QuestionType.RATING):
        return pl.Int64
    if question.type is QuestionType.DECIMAL:
        return pl.Float64
    if question.type in LIST_TYPES:
        return pl.List(pl.String)
    return pl.String
