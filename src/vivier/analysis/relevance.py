"""Relevance of every question for many responses, computed once per distinct situation.

``flow.path`` walks the whole questionnaire (tens of microseconds): a million responses
would spend most of their load time there. But the path depends only on the answers that
relevance expressions read (``${q1}``, ``${q14}``...), so responses that agree on those few
answers share their path. :class:`RelevanceMemo` keys the path on exactly those raw values
and stores, for each distinct key, a small integer (a "pattern"); the table gathers the
shown flags of each row from the pattern table in one vectorised step.

This is exact, not a heuristic: the expression language has no function that reads
anything but referenced answers (no ``today()``), and ``flow.path`` only exposes to
expressions the answers of referenced names (plus their owners for ``_other`` texts, which
are in the key too).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from vivier.analysis.columns import shown_column
from vivier.surveys import flow
from vivier.surveys.expressions import parse, references
from vivier.surveys.schema import OTHER_SUFFIX, Questionnaire


def _referenced_names(q: Questionnaire) -> tuple[str, ...]:
    names: set[str] = set()
    sources = [s.relevant for s in q.sections]
    sources += [question.relevant for question in q.questions()]
    for source in sources:
        if source.strip():
            names |= references(parse(source))
    known = set(q.question_map())
    for name in list(names):
        # An "_other" text is only visible with its owner's answer: both decide the path.
        owner = name.removesuffix(OTHER_SUFFIX)
        if owner != name and owner in known:
            names.add(owner)
    return tuple(sorted(names))


def _freeze(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


class RelevanceMemo:
    """Pattern numbers of responses' paths; one instance lives as long as its table."""

    def __init__(self, q: Questionnaire) -> None:
        self.questionnaire = q
        self.compiled = flow.compile_questionnaire(q)
        self.names = _referenced_names(q)
        self.question_names = [question.name for question in q.questions()]
        self._patterns: dict[Any, int] = {}
        self._flags: list[tuple[bool, ...]] = []

    def pattern(self, answers: Mapping[str, Any]) -> int:
        # The fast path builds the key in C (``map``); lists and grids are unhashable and
        # take the slower frozen key.
        key: Any = tuple(map(answers.get, self.names))
        try:
            return self._patterns[key]
        except TypeError:
            key = tuple(_freeze(v) for v in key)
            found = self._patterns.get(key)
            if found is not None:
                return found
        except KeyError:
            pass
        relevant = self.compiled.path(answers).relevant
        number = len(self._flags)
        self._flags.append(tuple(name in relevant for name in self.question_names))
        self._patterns[key] = number
        return number

    def shown_frame(self, patterns: pl.Series) -> pl.DataFrame:
        """One boolean column per question, row by row for the given pattern numbers."""
        table = pl.DataFrame(
            {
                shown_column(name): [flags[i] for flags in self._flags]
                for i, name in enumerate(self.question_names)
            },
            schema={shown_column(name): pl.Boolean() for name in self.question_names},
        )
        return table.select(pl.all().gather(patterns))
