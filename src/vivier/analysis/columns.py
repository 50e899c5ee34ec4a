"""Which questions the table holds, under which column names and polars types.

Column names are the question names (``q12``), the "Autre" texts (``q12_other``) and one
column per row of a rating grid (``q71__equipes``). Everything the engine adds starts with
an underscore, and the relevance flag of each question is ``_shown.<name>`` (a dot cannot
occur in a question name, so no clash is possible).
"""

from __future__ import annotations

import polars as pl

from vivier.surveys.schema import Question, Questionnaire, QuestionType

KEY = "_key"
SUBMITTED_AT = "_submitted_at"
DAY = "_day"
CHANNEL = "_channel"
MODE = "_mode"
META_COLUMNS = (KEY, SUBMITTED_AT, DAY, CHANNEL, MODE)
#: Days are counted where the campaign runs: a response at 23:30 UTC on 24 August 2020 was
#: sent at 01:30 on 25 August in Paris and counts for the 25th.
TIME_ZONE = "Europe/Paris"

#: Single choice, yes/no and département answers are option codes, kept as strings: a
#: questionnaire version may meet values outside its options (older imports), and a string
#: column never refuses them.
_STRING_TYPES = frozenset(
    {
        QuestionType.SINGLE_CHOICE,
        QuestionType.YES_NO,
        QuestionType.DEPARTEMENT,
        QuestionType.SHORT_TEXT,
        QuestionType.LONG_TEXT,
    }
)
TEXT_TYPES = frozenset({QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT})


def shown_column(name: str) -> str:
    return f"_shown.{name}"


def grid_column(name: str, row: str) -> str:
    return f"{name}__{row}"


def is_grid(question: Question) -> bool:
    return question.type is QuestionType.RATING and bool(question.scale and question.scale.rows)


def analysed(question: Question) -> bool:
    """Questions whose answers the table holds: personal data stays out of the analysis."""
    return question.answerable and not question.personal_data


def analysed_questions(q: Questionnaire) -> list[Question]:
    return [question for question in q.questions() if analysed(question)]


def value_dtype(question: Question) -> pl.DataType:
    t = question.type
    if t in _STRING_TYPES:
        return pl.String()
    if t in (QuestionType.MULTIPLE_CHOICE, QuestionType.RANKING):
        return pl.List(pl.String())
    if t is QuestionType.RATING or t is QuestionType.INTEGER:
        return pl.Int64()
    if t is QuestionType.DECIMAL:
        return pl.Float64()
    if t is QuestionType.DATE:
        return pl.Date()
    raise ValueError(f"no column for a {t} question")


def value_columns(question: Question) -> list[str]:
    """The columns holding the answer (several for a grid)."""
    if is_grid(question):
        assert question.scale is not None
        return [grid_column(question.name, row.value) for row in question.scale.rows]
    return [question.name]


def schema(q: Questionnaire) -> dict[str, pl.DataType]:
    """The table's full schema, in a stable order (meta, values, shown flags)."""
    columns: dict[str, pl.DataType] = {
        KEY: pl.String(),
        SUBMITTED_AT: pl.Datetime("us", "UTC"),
        DAY: pl.Date(),
        CHANNEL: pl.String(),
        MODE: pl.String(),
    }
    for question in analysed_questions(q):
        if is_grid(question):
            for name in value_columns(question):
                columns[name] = pl.Int64()
        else:
            columns[question.name] = value_dtype(question)
        if question.other:
            columns[question.other_name] = pl.String()
    for question in q.questions():
        columns[shown_column(question.name)] = pl.Boolean()
    return columns
