"""The answers of a campaign as one columnar table (polars), appendable and saved to Parquet.

One row per response. Columns (see ``columns``): ``_key``, ``_submitted_at`` (UTC),
``_day`` (its date in Europe/Paris), ``_channel``, ``_mode``; one column per analysed
question (strings for single choice, yes/no, départements and texts; ``list[str]`` for
multiple choice and ranking; integers, decimals, dates; one integer column per row of a
rating grid); ``<name>_other`` for "Autre" texts; ``_shown.<name>`` per question.

Values are stored as ``flow.prune`` would keep them: an answer to a question that was not
shown, a blank text, an empty list or an "Autre" text without "Autre" ticked are null. So
"answered" is simply "not null". Values that do not fit the question's type (never the
case for validated responses) are read as null rather than stopping the dashboard.

Loading is the only per-response Python work; everything after is vectorised. Each record
costs one pass over the answers it holds (not over every question) and one dictionary
look-up for its relevance pattern (see ``relevance``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from vivier.analysis.columns import (
    CHANNEL,
    DAY,
    KEY,
    MODE,
    SUBMITTED_AT,
    TIME_ZONE,
    analysed_questions,
    is_grid,
    schema,
    shown_column,
    value_columns,
)
from vivier.analysis.records import ResponseRecord
from vivier.analysis.relevance import RelevanceMemo
from vivier.surveys.schema import OTHER_VALUE, Question, Questionnaire, QuestionType

#: Number of appended pieces kept apart before they are merged into one contiguous block:
#: concatenating is zero-copy, but every query pays a little per piece.
_MAX_CHUNKS = 32
_FORMAT = "vivier-answer-table/1"


class AnswerTable:
    """Answers of one questionnaire version; build with :func:`build_table`."""

    def __init__(
        self, q: Questionnaire, frame: pl.DataFrame, *, memo: RelevanceMemo | None = None
    ) -> None:
        self.questionnaire = q
        self._chunks: list[pl.DataFrame] = [frame]
        self._frame: pl.DataFrame | None = frame
        self._memo = memo
        #: Aggregates already computed over the first rows; owned by ``aggregates``.
        self.summary_cache: Any = None

    # -- Reading ---------------------------------------------------------------------------

    @property
    def frame(self) -> pl.DataFrame:
        if self._frame is None:
            if len(self._chunks) > _MAX_CHUNKS:
                # Merge the small appended pieces only: copying the big first block would
                # make one refresh in 32 as slow as a cold start.
                tail = pl.concat(self._chunks[1:], how="vertical", rechunk=True)
                self._chunks = [self._chunks[0], tail]
            self._frame = pl.concat(self._chunks, how="vertical", rechunk=False)
        return self._frame

    def __len__(self) -> int:
        return sum(chunk.height for chunk in self._chunks)

    # -- Growing ---------------------------------------------------------------------------

    def append(self, records: Iterable[ResponseRecord]) -> AnswerTable:
        """Add responses (relevance computed now, once); returns the table itself."""
        if self._memo is None:
            self._memo = RelevanceMemo(self.questionnaire)
        chunk = _load(self.questionnaire, records, self._memo)
        if chunk.height:
            self._chunks.append(chunk)
            self._frame = None
        return self

    def filter(self, criteria: Mapping[str, Sequence[str]]) -> AnswerTable:
        """Responses whose answer to each named closed question is one of the values.

        For a multiple choice or ranking question, any of the values ticked is enough.
        Criteria on several questions must all hold. The result is a new table.
        """
        from vivier.analysis.filters import filter_expression

        expression = filter_expression(self.questionnaire, criteria)
        return AnswerTable(self.questionnaire, self.frame.filter(expression))

    # -- Snapshot --------------------------------------------------------------------------

    def write_parquet(self, path: str | Path) -> None:
        self.frame.write_parquet(
            path,
            metadata={"format": _FORMAT, "questionnaire": self.questionnaire.slug},
        )

    @classmethod
    def read_parquet(cls, q: Questionnaire, path: str | Path) -> AnswerTable:
        """Reads a snapshot written by :meth:`write_parquet` for the same questionnaire."""
        frame = pl.read_parquet(path)
        expected = schema(q)
        if frame.schema != pl.Schema(expected):
            missing = sorted(set(expected) - set(frame.columns))
            raise ValueError(
                f"{path}: not an answer table of {q.slug!r} (columns missing: {missing[:5]})"
            )
        return cls(q, frame)


def build_table(q: Questionnaire, records: Iterable[ResponseRecord]) -> AnswerTable:
    memo = RelevanceMemo(q)
    return AnswerTable(q, _load(q, records, memo), memo=memo)


def empty_frame(q: Questionnaire) -> pl.DataFrame:
    return pl.DataFrame(schema=schema(q))


# -- Loading -----------------------------------------------------------------------------------


def _load(q: Questionnaire, records: Iterable[ResponseRecord], memo: RelevanceMemo) -> pl.DataFrame:
    records = list(records)
    n = len(records)
    if n == 0:
        return empty_frame(q)
    questions = analysed_questions(q)
    sinks: dict[str, list[Any]] = {}
    for question in questions:
        sinks[question.name] = [None] * n
        if question.other:
            sinks[question.other_name] = [None] * n
    keys: list[str] = [""] * n
    stamps: list[float] = [0.0] * n
    channels: list[str | None] = [None] * n
    modes: list[str] = [""] * n
    patterns: list[int] = [0] * n
    pattern = memo.pattern
    get_sink = sinks.get
    # The one per-response loop: it touches only the answers present (18 on average for
    # HCTS, of 75 questions), so its cost follows what respondents wrote.
    for i, record in enumerate(records):
        answers = record.answers
        for name, value in answers.items():
            sink = get_sink(name)
            if sink is not None:
                sink[i] = value
        when = record.submitted_at
        if when.tzinfo is None or when.utcoffset() is None:
            raise ValueError(f"response {record.key}: submitted_at must be an aware datetime")
        keys[i] = record.key
        stamps[i] = when.timestamp()
        channels[i] = record.channel
        modes[i] = record.mode
        patterns[i] = pattern(answers)

    stamp = (
        (pl.Series(SUBMITTED_AT, stamps, dtype=pl.Float64) * 1_000_000)
        .round()
        .cast(pl.Int64)
        .cast(pl.Datetime("us", "UTC"))
    )
    columns: list[pl.Series] = [
        pl.Series(KEY, keys, dtype=pl.String),
        stamp,
        stamp.dt.convert_time_zone(TIME_ZONE).dt.date().alias(DAY),
        pl.Series(CHANNEL, channels, dtype=pl.String),
        pl.Series(MODE, modes, dtype=pl.String),
    ]
    for question in questions:
        columns.extend(_value_series(question, sinks[question.name]))
        if question.other:
            columns.append(pl.Series(question.other_name, sinks[question.other_name], pl.String))
    shown = memo.shown_frame(pl.Series(patterns, dtype=pl.UInt32))
    frame = pl.DataFrame(columns).hstack(shown)
    frame = frame.with_columns(_pruned(q))
    return frame.select(list(schema(q)))


def _value_series(question: Question, values: list[Any]) -> list[pl.Series]:
    name, kind = question.name, question.type
    if is_grid(question):
        names = value_columns(question)
        assert question.scale is not None
        rows = [row.value for row in question.scale.rows]
        grid = [v if isinstance(v, dict) else None for v in values]
        return [
            pl.Series(
                column, [None if g is None else g.get(row) for g in grid], pl.Int64, strict=False
            )
            for column, row in zip(names, rows, strict=True)
        ]
    if kind in (QuestionType.MULTIPLE_CHOICE, QuestionType.RANKING):
        # polars converts lists of Python strings slowly; option values never contain
        # spaces (expressions treat a multiple choice as its space-joined values), so joining
        # here and splitting in Rust is exact and several times faster.
        # An empty list must stay null ("".split(" ") would be [""]).
        joined = [" ".join(v) if v and isinstance(v, list | tuple) else None for v in values]
        return [pl.Series(name, joined, pl.String).str.split(" ")]
    if kind is QuestionType.DATE:
        texts = pl.Series(name, values, pl.String, strict=False)
        return [texts.str.to_date("%Y-%m-%d", strict=False)]
    if kind in (QuestionType.INTEGER, QuestionType.RATING):
        return [pl.Series(name, values, pl.Int64, strict=False)]
    if kind is QuestionType.DECIMAL:
        return [pl.Series(name, values, pl.Float64, strict=False)]
    return [pl.Series(name, values, pl.String, strict=False)]


def _pruned(q: Questionnaire) -> list[pl.Expr]:
    """Null what ``flow.prune`` would drop: blanks, answers not shown, stray "Autre" texts."""
    expressions: list[pl.Expr] = []
    dtypes = schema(q)
    for question in analysed_questions(q):
        shown = pl.col(shown_column(question.name))
        for name in value_columns(question):
            column = pl.col(name)
            dtype = dtypes[name]
            if dtype == pl.String:
                blank = column.str.strip_chars() == ""
            elif isinstance(dtype, pl.List):
                blank = column.list.len() == 0
            else:
                blank = pl.lit(False)
            expressions.append(pl.when(shown & ~blank).then(column).alias(name))
        if question.other:
            value = pl.col(question.name)
            chosen = value.list.contains(OTHER_VALUE) if question.is_list else value == OTHER_VALUE
            text = pl.col(question.other_name)
            keep = shown & chosen.fill_null(False) & (text.str.strip_chars() != "")
            expressions.append(pl.when(keep).then(text).alias(question.other_name))
    return expressions
