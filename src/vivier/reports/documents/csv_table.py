"""The report's figures as one CSV table, for tools that read neither XLSX nor JSON.

One line per figure, in long format: the campaign's responses, each day, channel and mode,
then each option of each question (a rating grid: each row and scale point; numbers,
dates and free texts: one line), then the coding of free texts when there is some. The
``part`` column says which. A publication's hidden figures carry the same mark as in the
other formats; text cells are made inert for spreadsheets (formula injection), as in every
CSV export.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from itertools import chain
from typing import Any

from django.utils.translation import pgettext

from vivier.reports.documents.common import Document, figure_or_mark, reported
from vivier.surveys.schema import Questionnaire
from vivier.text.spreadsheet import defuse_formula

HEADER = (
    "part",
    "number",
    "name",
    "label",
    "type",
    "option",
    "code",
    "count",
    "percent",
    "answered",
    "shown",
    "mean",
    "median",
)


def render_csv(doc: Document, report: Mapping[str, Any], q: Questionnaire) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    lines = chain(_lines(doc, report, q), _coding_lines(report, doc.labels["suppressed"]))
    for line in lines:
        cells = [defuse_formula(v) if isinstance(v, str) else "" if v is None else v for v in line]
        writer.writerow(cells + [""] * (len(HEADER) - len(cells)))
    # The byte order mark makes spreadsheets read the file as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _lines(doc: Document, report: Mapping[str, Any], q: Questionnaire) -> Iterator[tuple[Any, ...]]:
    mark = doc.labels["suppressed"]
    between = pgettext("between a label and its value", " : ")

    def fig(node: Mapping[str, Any], key: str) -> Any:
        return figure_or_mark(node, key, mark)

    blank = ("",) * 4
    yield ("responses", *blank, "", "", fig(report, "responses"), *("",) * 5)
    for day in report.get("per_day") or []:
        yield ("per_day", *blank, day["date"], "", fig(day, "count"), *("",) * 5)
    for channel in report.get("per_channel") or []:
        name = channel["channel"] or ""
        yield ("per_channel", *blank, name, "", fig(channel, "count"), fig(channel, "percent"))
    for mode in report.get("per_mode") or []:
        yield ("per_mode", *blank, mode["mode"], "", fig(mode, "count"), fig(mode, "percent"))
    figures = {f["name"]: f for f in report["questions"]}
    for question in q.questions():
        f = figures.get(question.name)
        if f is None or not reported(question, f):
            continue
        label = f.get("label") or question.label
        common = ("question", f.get("number"), question.name, label, f["type"])
        if f.get("rows"):
            for row in f["rows"]:
                for option in row["options"]:
                    yield (
                        *common,
                        f"{row['label']}{between}{option['label']}",
                        f"{row['value']}={option['value']}",
                        fig(option, "count"),
                        fig(option, "percent"),
                        fig(row, "answered"),
                        fig(f, "shown"),
                        fig(row, "mean"),
                        fig(row, "median"),
                    )
        elif f.get("options"):
            for option in f["options"]:
                yield (
                    *common,
                    str(option["label"]),
                    str(option["value"]),
                    fig(option, "count"),
                    fig(option, "percent"),
                    fig(f, "answered"),
                    fig(f, "shown"),
                    fig(f, "mean"),
                    fig(f, "median"),
                )
            for region in f.get("regions") or []:
                yield (
                    *common,
                    str(region["name"]),
                    f"region:{region['code']}",
                    fig(region, "count"),
                    fig(region, "percent"),
                    fig(f, "answered"),
                    fig(f, "shown"),
                    "",
                    "",
                )
        else:
            yield (
                *common,
                "",
                "",
                fig(f, "count"),
                "",
                fig(f, "answered"),
                fig(f, "shown"),
                fig(f, "mean"),
                fig(f, "median"),
            )


def _coding_lines(report: Mapping[str, Any], mark: str) -> Iterator[tuple[Any, ...]]:
    """The coding of free texts (``documents/coding.py``): per question, one line per code
    (``option`` is the code's name, ``code`` its guid, ``answered`` the coded texts, ``shown``
    the question's texts); per typology, one line per type. Quotes are texts, not figures."""
    section = report.get("coding")
    if not section:
        return

    def fig(node: Mapping[str, Any], key: str) -> Any:
        return figure_or_mark(node, key, mark)

    for entry in section.get("questions") or []:
        for row in entry["codes"]:
            yield (
                "coding_question",
                entry.get("number"),
                entry["key"],
                entry["label"],
                "code",
                str(row["name"]),
                str(row["code"]),
                fig(row, "count"),
                fig(row, "percent"),
                fig(entry, "n"),
                fig(entry, "sources"),
            )
    for entry in section.get("typologies") or []:
        for row in entry["rows"]:
            yield (
                "coding_typology",
                "",
                " ".join(entry.get("questions") or ()),
                entry["name"],
                "code",
                str(row["name"]),
                str(row["code"]),
                fig(row, "count"),
                fig(row, "percent"),
                fig(entry, "n"),
                "",
            )
