"""Filters on closed questions, as polars expressions over an answer table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from vivier.analysis.columns import value_columns
from vivier.surveys.schema import CLOSED_TYPES, Questionnaire, QuestionType


def filter_expression(q: Questionnaire, criteria: Mapping[str, Sequence[str]]) -> pl.Expr:
    """All criteria hold; within one question, any of the values (ticked, for lists).

    Values are compared as strings (a rating point 4 is ``"4"``), as they arrive from a
    filter form. An empty list of values keeps nothing: asking for none of the options is
    not asking for no filter.
    """
    condition = pl.lit(True)
    for name, values in criteria.items():
        question = q.question(name)
        if question.type not in CLOSED_TYPES or len(value_columns(question)) != 1:
            raise ValueError(f"{name}: filters apply to closed questions (not {question.type})")
        if isinstance(values, str):
            raise TypeError(f"{name}: give a list of values, not a string")
        wanted = [str(v) for v in values]
        column = pl.col(name)
        if question.type in (QuestionType.MULTIPLE_CHOICE, QuestionType.RANKING):
            match = column.list.eval(pl.element().is_in(wanted)).list.any()
        elif question.type is QuestionType.RATING:
            match = column.cast(pl.String).is_in(wanted)
        else:
            match = column.is_in(wanted)
        condition = condition & match.fill_null(False)
    return condition
