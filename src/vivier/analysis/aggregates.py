"""Figures from an answer table: per question, per day, per channel and mode, the funnel.

Everything is computed from a :class:`Summary`: counters (value -> count) that add up
across pieces of the table. The whole table is summarised once, in one parallel polars
query; after an append only the new rows are summarised and added, so refreshing the report
after one more response costs a few milliseconds whatever the campaign's size. Medians are
exact because the counters keep every distinct value.

Conventions:

* ``shown``: responses for which the question was relevant; ``answered``: non-empty
  answers among them (answers to hidden questions are dropped when the table is loaded).
* percent = 100 * count / answered, one decimal, half away from zero (``numbers.percent``);
  for multiple choice the base is the respondents who ticked at least one option, so the
  shares may sum past 100.
* the funnel counts, per section and question in questionnaire order, the responses that
  reached it (were shown it) and those that stopped there (it is their last answered
  question; responses with no answer at all are in no ``stopped``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

import polars as pl

from vivier.analysis.columns import (
    CHANNEL,
    DAY,
    MODE,
    TEXT_TYPES,
    analysed,
    analysed_questions,
    is_grid,
    shown_column,
    value_columns,
)
from vivier.analysis.numbers import mean, median, percent, round_half_away
from vivier.analysis.table import AnswerTable
from vivier.surveys.schema import CLOSED_TYPES, Question, Questionnaire, QuestionType
from vivier.territories import DEPARTEMENTS, REGIONS, departement_name, region_of

_LIST_TYPES = (QuestionType.MULTIPLE_CHOICE, QuestionType.RANKING)


@dataclass
class Summary:
    """Additive statistics of some rows of a table (see the module docstring)."""

    responses: int = 0
    per_day: Counter[date] = field(default_factory=Counter)
    per_channel: Counter[str | None] = field(default_factory=Counter)
    per_mode: Counter[str] = field(default_factory=Counter)
    #: question name -> responses it was shown to; section name -> responses that reached it.
    shown: Counter[str] = field(default_factory=Counter)
    sections: Counter[str] = field(default_factory=Counter)
    #: column (or grid question) name -> non-null answers.
    answered: Counter[str] = field(default_factory=Counter)
    #: column -> value -> count (ticked options for lists, (option, rank) for rankings).
    values: dict[str, Counter[Any]] = field(default_factory=dict)
    #: name of the last answered question -> responses that stopped there.
    stopped: Counter[str] = field(default_factory=Counter)

    def add(self, other: Summary) -> None:
        self.responses += other.responses
        pairs: tuple[tuple[Counter[Any], Counter[Any]], ...] = (
            (self.per_day, other.per_day),
            (self.per_channel, other.per_channel),
            (self.per_mode, other.per_mode),
            (self.shown, other.shown),
            (self.sections, other.sections),
            (self.answered, other.answered),
            (self.stopped, other.stopped),
        )
        for mine, theirs in pairs:
            mine.update(theirs)
        for column, counts in other.values.items():
            self.values.setdefault(column, Counter()).update(counts)


# -- Summarising -------------------------------------------------------------------------------


def summarise(table: AnswerTable) -> Summary:
    """The summary of the whole table, reusing what was computed before the last appends."""
    cached = table.summary_cache
    frame = table.frame
    if isinstance(cached, tuple) and cached[0] <= frame.height:
        rows, summary = cached
        if rows < frame.height:
            summary.add(summarise_frame(table.questionnaire, frame.slice(rows)))
    else:
        summary = summarise_frame(table.questionnaire, frame)
    table.summary_cache = (frame.height, summary)
    return summary


def _counts(expression: pl.Expr, alias: str) -> pl.Expr:
    return expression.drop_nulls().value_counts(sort=False).implode().alias(alias)


def summarise_frame(q: Questionnaire, frame: pl.DataFrame) -> Summary:
    questions = analysed_questions(q)
    counted: list[str] = []
    expressions: list[pl.Expr] = [
        pl.len().alias("#responses"),
        _counts(pl.col(DAY), "#day"),
        _counts(pl.col(CHANNEL).fill_null("\x00"), "#channel"),
        _counts(pl.col(MODE), "#mode"),
    ]
    for question in q.questions():
        expressions.append(pl.col(shown_column(question.name)).sum().alias("s:" + question.name))
    for section in q.sections:
        flags = [pl.col(shown_column(question.name)) for question in section.questions]
        if flags:
            expressions.append(pl.any_horizontal(flags).sum().alias("S:" + section.name))
    for question in questions:
        columns = value_columns(question)
        if is_grid(question):
            answered = pl.any_horizontal([pl.col(c).is_not_null() for c in columns]).sum()
            expressions.append(answered.alias("a:" + question.name))
        for column in columns:
            expressions.append(pl.col(column).is_not_null().sum().alias("a:" + column))
            if question.type is QuestionType.RANKING:
                ranks = pl.int_ranges(1, pl.col(column).list.len() + 1).explode()
                pairs = pl.struct(pl.col(column).explode().alias("v"), ranks.alias("r"))
                expressions.append(pairs.value_counts(sort=False).implode().alias("v:" + column))
            elif question.type is QuestionType.MULTIPLE_CHOICE:
                expressions.append(_counts(pl.col(column).explode(), "v:" + column))
            else:
                expressions.append(_counts(pl.col(column), "v:" + column))
            counted.append(column)
        if question.other:
            expressions.append(_counts(pl.col(question.other_name), "v:" + question.other_name))
            counted.append(question.other_name)
    expressions.append(_counts(_last_answered(questions), "#stopped"))

    row = frame.select(expressions)
    summary = Summary(responses=int(row["#responses"][0]))
    summary.per_day = _counter(row, "#day")
    summary.per_channel = Counter(
        {(None if k == "\x00" else k): v for k, v in _counter(row, "#channel").items()}
    )
    summary.per_mode = _counter(row, "#mode")
    for name in row.columns:
        if name.startswith("s:"):
            summary.shown[name[2:]] = int(row[name][0])
        elif name.startswith("S:"):
            summary.sections[name[2:]] = int(row[name][0])
        elif name.startswith("a:"):
            summary.answered[name[2:]] = int(row[name][0])
    for column in counted:
        summary.values[column] = _counter(row, "v:" + column)
    summary.stopped = Counter({questions[i].name: n for i, n in _counter(row, "#stopped").items()})
    return summary


def _last_answered(questions: list[Question]) -> pl.Expr:
    """Per row, the rank (in questionnaire order) of the last answered question, or null."""
    ranks = []
    for i, question in enumerate(questions):
        answered = pl.any_horizontal([pl.col(c).is_not_null() for c in value_columns(question)])
        ranks.append(pl.when(answered).then(pl.lit(i, dtype=pl.Int32)))
    return pl.max_horizontal(ranks) if ranks else pl.lit(None, dtype=pl.Int32)


def _counter(row: pl.DataFrame, name: str) -> Counter[Any]:
    cell = row[name][0]
    if cell is None or len(cell) == 0:
        return Counter()
    frame = cell.struct.unnest()
    values, counts = frame.columns[0], frame.columns[-1]
    if isinstance(frame[values].dtype, pl.Struct):  # ranking: (option, rank) pairs
        pairs = frame[values].struct.unnest()
        keys: list[Any] = list(zip(pairs[pairs.columns[0]], pairs[pairs.columns[1]], strict=True))
        return Counter(dict(zip(keys, frame[counts].to_list(), strict=True)))
    return Counter(dict(zip(frame[values].to_list(), frame[counts].to_list(), strict=True)))


# -- Figures per question ----------------------------------------------------------------------


def question_figures(question: Question, summary: Summary) -> dict[str, Any]:
    """The report entry of one question (see ``report`` for the keys of each type)."""
    figures: dict[str, Any] = {
        "name": question.name,
        "number": question.number,
        "type": question.type.value,
        "label": question.label,
        "shown": summary.shown[question.name],
        "answered": summary.answered[question.name] if analysed(question) else None,
        "options": [],
    }
    if not analysed(question):
        return figures
    t = question.type
    values = summary.values.get(question.name, Counter())
    answered = figures["answered"]
    if t in (QuestionType.SINGLE_CHOICE, QuestionType.YES_NO) or t is QuestionType.MULTIPLE_CHOICE:
        figures["options"] = _options(question, values, answered)
    elif t is QuestionType.RANKING:
        figures["options"] = _ranking(question, values, answered)
    elif t is QuestionType.DEPARTEMENT:
        figures["options"] = _departements(values, answered)
        figures["regions"] = _regions(values, answered)
    elif t is QuestionType.RATING:
        if is_grid(question):
            figures["rows"] = _grid(question, summary)
        else:
            figures.update(_rating(question, values, answered))
    elif t in (QuestionType.INTEGER, QuestionType.DECIMAL):
        figures.update(
            count=answered,
            mean=mean(values),
            median=median(values),
            min=min(values) if values else None,
            max=max(values) if values else None,
        )
    elif t is QuestionType.DATE:
        figures.update(
            count=answered,
            min=min(values).isoformat() if values else None,
            max=max(values).isoformat() if values else None,
        )
    elif t in TEXT_TYPES:
        figures.update(count=answered, texts=texts(values))
    if question.other:
        figures["other_texts"] = texts(summary.values.get(question.other_name, Counter()))
    return figures


def texts(counts: Counter[str]) -> list[dict[str, Any]]:
    """Distinct texts with how many gave each, most frequent first, then alphabetical."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [{"text": text, "count": count} for text, count in ordered]


def _option(value: Any, label: str, count: int, base: int) -> dict[str, Any]:
    return {"value": value, "label": label, "count": count, "percent": percent(count, base)}


def _options(question: Question, counts: Counter[Any], base: int) -> list[dict[str, Any]]:
    # Every option, even unchosen (a 0 % is a finding), then values outside the options
    # (older versions, imports) so that the counts always add up to ``answered``.
    values = list(question.option_values())
    values += sorted(str(v) for v in counts if v not in set(values))
    return [_option(v, question.choice_label(v), counts[v], base) for v in values]


def _ranking(question: Question, pairs: Counter[Any], base: int) -> list[dict[str, Any]]:
    ranked: Counter[str] = Counter()
    rank_sum: Counter[str] = Counter()
    first: Counter[str] = Counter()
    for (value, rank), count in pairs.items():
        if value is None:
            continue
        ranked[value] += count
        rank_sum[value] += rank * count
        if rank == 1:
            first[value] += count
    options = _options(question, ranked, base)
    for option in options:
        value = option["value"]
        n = ranked[value]
        option["mean_rank"] = round_half_away(Fraction(rank_sum[value], n), 2) if n else None
        option["first"] = first[value]
    return options


def _scale_options(question: Question, counts: Counter[Any], base: int) -> list[dict[str, Any]]:
    assert question.scale is not None
    points = list(question.scale.values)
    points += sorted(v for v in counts if v not in set(points))
    labels = question.scale.labels
    return [_option(p, labels.get(p, str(p)), counts[p], base) for p in points]


def _rating(question: Question, counts: Counter[Any], base: int) -> dict[str, Any]:
    return {
        "options": _scale_options(question, counts, base),
        "mean": mean(counts),
        "median": median(counts),
    }


def _grid(question: Question, summary: Summary) -> list[dict[str, Any]]:
    assert question.scale is not None
    rows = []
    for row, column in zip(question.scale.rows, value_columns(question), strict=True):
        counts = summary.values.get(column, Counter())
        answered = summary.answered[column]
        rows.append(
            {"value": row.value, "label": row.label, "answered": answered}
            | _rating(question, counts, answered)
        )
    return rows


def _departements(counts: Counter[Any], base: int) -> list[dict[str, Any]]:
    codes = [d.code for d in DEPARTEMENTS]
    known = set(codes)
    codes += sorted(str(code) for code in counts if code not in known)
    return [
        _option(code, departement_name(code) if code in known else code, counts[code], base)
        for code in codes
    ]


def _regions(counts: Counter[Any], base: int) -> list[dict[str, Any]]:
    totals: Counter[str] = Counter()
    known = {d.code for d in DEPARTEMENTS}
    for code, count in counts.items():
        if code in known:
            totals[region_of(code)] += count
    return [
        {
            "code": r.code,
            "name": r.name,
            "count": totals[r.code],
            "percent": percent(totals[r.code], base),
        }
        for r in REGIONS
    ]


# -- Campaign figures --------------------------------------------------------------------------


def per_day(summary: Summary) -> list[dict[str, Any]]:
    """Every day from the first response to the last, days without responses included."""
    if not summary.per_day:
        return []
    first, last = min(summary.per_day), max(summary.per_day)
    days = (date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1))
    return [{"date": day.isoformat(), "count": summary.per_day[day]} for day in days]


def peak(summary: Summary) -> dict[str, Any] | None:
    """The day with the most responses (the earliest on a tie); None without responses."""
    if not summary.per_day:
        return None
    day = min(summary.per_day, key=lambda d: (-summary.per_day[d], d))
    return {"date": day.isoformat(), "count": summary.per_day[day]}


_MODES = ("online", "assisted", "proxy")


def per_channel(summary: Summary) -> list[dict[str, Any]]:
    """Most responses first; ``channel`` None is the responses that came without a link."""
    ordered = sorted(summary.per_channel.items(), key=lambda i: (-i[1], i[0] is None, i[0] or ""))
    return [
        {"channel": c, "count": n, "percent": percent(n, summary.responses)} for c, n in ordered
    ]


def per_mode(summary: Summary) -> list[dict[str, Any]]:
    modes = list(_MODES) + sorted(m for m in summary.per_mode if m not in _MODES)
    return [
        {
            "mode": m,
            "count": summary.per_mode[m],
            "percent": percent(summary.per_mode[m], summary.responses),
        }
        for m in modes
    ]


def funnel(q: Questionnaire, summary: Summary) -> list[dict[str, Any]]:
    entries = []
    for section in q.sections:
        questions = [
            {
                "name": question.name,
                "number": question.number,
                "reached": summary.shown[question.name],
                "answered": summary.answered[question.name] if analysed(question) else None,
                "stopped": summary.stopped[question.name],
            }
            for question in section.questions
        ]
        entries.append(
            {
                "section": section.name,
                "title": section.title,
                "reached": summary.sections[section.name],
                "stopped": sum(summary.stopped[question.name] for question in section.questions),
                "questions": questions,
            }
        )
    return entries


# -- Cross-tabulation --------------------------------------------------------------------------


def crosstab(table: AnswerTable, rows: str, columns: str) -> dict[str, Any]:
    """Counts of responses by the answers to two closed questions, with row percents.

    A response counts in every cell of the options it ticked (multiple choice), and only if
    it answered both questions; row percents divide by the responses in the row that
    answered the column question, so for a multiple choice column they may sum past 100.
    """
    q = table.questionnaire
    row_q, col_q = q.question(rows), q.question(columns)
    for question in (row_q, col_q):
        if question.type not in CROSSABLE or is_grid(question):
            raise ValueError(f"{question.name}: cross-tabulation needs a closed question")
    frame = table.frame.select(pl.col(rows).alias("r"), pl.col(columns).alias("c")).drop_nulls()
    base = frame.with_row_index("#")
    if row_q.type in _LIST_TYPES:
        base = base.explode("r")
    totals = base.group_by("r").agg(pl.col("#").n_unique().alias("n"))
    if col_q.type in _LIST_TYPES:
        base = base.explode("c")
    cells = base.group_by("r", "c").len()
    row_totals = {str(r): n for r, n in totals.iter_rows()}
    counts = {(str(r), str(c)): n for r, c, n in cells.iter_rows()}
    row_values = _closed_values(row_q, {r for r, _ in counts} | set(row_totals))
    col_values = _closed_values(col_q, {c for _, c in counts})
    return {
        "rows": {"name": rows, "options": [{"value": v, "label": lbl} for v, lbl in row_values]},
        "columns": {
            "name": columns,
            "options": [{"value": v, "label": lbl} for v, lbl in col_values],
        },
        "cells": [
            {
                "row": r,
                "total": row_totals.get(r, 0),
                "counts": [
                    {
                        "column": c,
                        "count": counts.get((r, c), 0),
                        "percent": percent(counts.get((r, c), 0), row_totals.get(r, 0)),
                    }
                    for c, _ in col_values
                ],
            }
            for r, _ in row_values
        ],
    }


#: Question types that cross-tabulations and filters can use: the closed ones.
CROSSABLE = CLOSED_TYPES


def _closed_values(question: Question, seen: set[str]) -> list[tuple[str, str]]:
    if question.type is QuestionType.DEPARTEMENT:
        values = [d.code for d in DEPARTEMENTS if d.code in seen]
        return [(v, departement_name(v)) for v in values] + [
            (v, v) for v in sorted(seen - set(values))
        ]
    if question.type is QuestionType.RATING:
        assert question.scale is not None
        points = [str(p) for p in question.scale.values]
        labels = {str(k): v for k, v in question.scale.labels.items()}
        return [(p, labels.get(p, p)) for p in points] + [
            (v, v) for v in sorted(seen - set(points))
        ]
    values = list(question.option_values())
    values += sorted(seen - set(values))
    return [(v, question.choice_label(v)) for v in values]


__all__ = [
    "Summary",
    "crosstab",
    "funnel",
    "peak",
    "per_channel",
    "per_day",
    "per_mode",
    "question_figures",
    "summarise",
    "summarise_frame",
    "texts",
]
