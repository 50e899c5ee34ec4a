"""Checking one measurement as typed, and importing many from a CSV file.

:func:`check_entry` is the one check of a value, used by the entry form (each problem
beside its field) and by the import (each problem with its file, row and column): an
indicator of the plan, a period of the indicator's frequency, a value read in the
indicator's unit as people type it (``plans.values.parse_quantity``), a rate's numerator
and denominator, a qualitative indicator's narrative, a breakdown the indicator declares.
Every problem comes from the catalogue (``vivier.problems``, ``MEASURE_*``).

The import is all or nothing: a file with one problem stores no value. Its size and its
number of rows are bounded before anything is checked row by row.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from vivier.plans import periods, schema
from vivier.plans.values import LIMIT, Refusal, Refused, parse_quantity
from vivier.problems import Diagnostic, Location, ProblemCode, problem
from vivier.problems import codes as phrases
from vivier.problems.base import Localized, number
from vivier.surveys.codecs.responses.foreign import read_csv_rows
from vivier.text import strip_controls

from . import measurements
from .measurements import Entry
from .models import Plan

#: The columns a file may have, in the order of the example file; the first two are needed.
COLUMNS = (
    "indicator",
    "period",
    "value",
    "numerator",
    "denominator",
    "narrative",
    "dimension",
    "category",
)
REQUIRED = ("indicator", "period")
#: French headings read as the same columns (a file made from the page's words).
ALIASES = {
    "indicateur": "indicator",
    "periode": "period",
    "période": "period",
    "valeur": "value",
    "numerateur": "numerator",
    "numérateur": "numerator",
    "denominateur": "denominator",
    "dénominateur": "denominator",
    "recit": "narrative",
    "récit": "narrative",
    "ventilation": "dimension",
    "categorie": "category",
    "catégorie": "category",
}
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
#: The longest narrative and category a row may hold (the model's category is 100).
CATEGORY_LENGTH = 100


def _example(indicator: schema.Indicator) -> str:
    return {
        periods.Frequency.YEARLY: "2024",
        periods.Frequency.QUARTERLY: "2024-T2",
        periods.Frequency.MONTHLY: "2024-03",
    }[indicator.frequency]


def _expected(refused: Refused, unit: str, decimals: int) -> Localized:
    if refused.reason is Refusal.NEGATIVE:
        return phrases.A_POSITIVE_NUMBER
    if refused.reason is Refusal.TOO_PRECISE:
        return phrases.AT_MOST_DECIMALS(decimals=decimals)
    if refused.reason is Refusal.OUT_OF_RANGE:
        return phrases.A_SMALLER_NUMBER(limit=number(int(LIMIT)))
    return phrases.A_NUMBER_IN(unit=unit) if unit else phrases.A_NUMBER


def _quantity(
    text: str, column: str, unit: str, decimals: int, what: Localized | None = None
) -> tuple[Decimal | None, list[tuple[str, Diagnostic]]]:
    read = parse_quantity(text, unit, decimals)
    if isinstance(read, Decimal):
        return read, []
    expected = what or _expected(read, unit, decimals)
    if what is not None and read.reason is not Refusal.EMPTY:
        expected = _expected(read, unit, decimals)
    if read.reason is Refusal.EMPTY:
        found = problem(ProblemCode.MEASURE_VALUE_MISSING, expected=expected, example=read.expected)
    else:
        found = problem(
            ProblemCode.MEASURE_VALUE_INVALID,
            expected=expected,
            example=read.expected,
            value=text.strip(),
        )
    return None, [(column, found)]


def check_entry(
    content: schema.Plan, raw: Mapping[str, str], locked: Collection[str] = ()
) -> tuple[Entry | None, list[tuple[str, Diagnostic]]]:
    """``raw`` (texts by column of :data:`COLUMNS`) as an :class:`Entry`, or every problem
    found with the column it is about. ``locked``: the plan's locked periods."""
    text = {name: strip_controls(str(raw.get(name) or "")).strip() for name in COLUMNS}
    problems: list[tuple[str, Diagnostic]] = []
    indicator = content.indicator(text["indicator"])
    if indicator is None:
        known: Any = [item.key for item in content.indicators] or phrases.NONE_FOUND
        problems.append(
            (
                "indicator",
                problem(
                    ProblemCode.MEASURE_INDICATOR_UNKNOWN, indicator=text["indicator"], known=known
                ),
            )
        )
        return None, problems
    period = text["period"]
    try:
        parsed = periods.parse_period(period)
    except periods.PeriodError:
        problems.append(("period", problem(ProblemCode.MEASURE_PERIOD_INVALID, period=period)))
    else:
        period = parsed.key
        if parsed.frequency is not indicator.frequency:
            problems.append(
                (
                    "period",
                    problem(
                        ProblemCode.MEASURE_PERIOD_FREQUENCY,
                        period=period,
                        frequency=phrases.FREQUENCIES[indicator.frequency.value],
                        example=_example(indicator),
                    ),
                )
            )
        elif period in locked:
            problems.append(("period", problem(ProblemCode.MEASURE_PERIOD_LOCKED, period=period)))
    value = numerator = denominator = None
    narrative = ""
    if not indicator.quantitative:
        narrative = text["narrative"]
        if not narrative:
            problems.append(("narrative", problem(ProblemCode.MEASURE_NARRATIVE_MISSING)))
    elif indicator.is_rate:
        numerator, found = _quantity(
            text["numerator"],
            "numerator",
            "",
            indicator.decimals,
            phrases.THE_NUMERATOR(what=indicator.numerator),
        )
        problems += found
        denominator, found = _quantity(
            text["denominator"],
            "denominator",
            "",
            indicator.decimals,
            phrases.THE_DENOMINATOR(what=indicator.denominator),
        )
        problems += found
        if denominator == 0:
            problems.append(("denominator", problem(ProblemCode.MEASURE_DENOMINATOR_ZERO)))
    else:
        value, found = _quantity(text["value"], "value", indicator.unit, indicator.decimals)
        problems += found
    dimension, category = text["dimension"], text["category"][:CATEGORY_LENGTH]
    if dimension and dimension not in indicator.disaggregations:
        declared: Any = list(indicator.disaggregations) or phrases.NONE_FOUND
        problems.append(
            (
                "dimension",
                problem(ProblemCode.MEASURE_DIMENSION_UNKNOWN, dimension=dimension, known=declared),
            )
        )
    elif dimension and not category:
        problems.append(
            ("category", problem(ProblemCode.MEASURE_CATEGORY_MISSING, dimension=dimension))
        )
    elif category and not dimension:
        problems.append(
            ("dimension", problem(ProblemCode.MEASURE_DIMENSION_MISSING, category=category))
        )
    if problems:
        return None, problems
    return (
        Entry(
            indicator=indicator,
            period=period,
            value=value,
            numerator=numerator,
            denominator=denominator,
            narrative=narrative,
            dimension=dimension,
            category=category,
        ),
        [],
    )


def already_sent(state: str) -> Diagnostic:
    """The problem of an entry whose value is already submitted or approved."""
    return problem(ProblemCode.MEASURE_ALREADY_SENT, state=phrases.SENT_STATES[state])


@dataclass
class ImportResult:
    """What an import did: the values stored (none when a problem refused the file), and
    every problem and warning with its place."""

    stored: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [found for found in self.diagnostics if found.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [found for found in self.diagnostics if not found.is_error]


def _header(header: list[str], filename: str) -> tuple[dict[int, str], list[Diagnostic]]:
    expected = list(COLUMNS)
    columns: dict[int, str] = {}
    found: list[Diagnostic] = []
    for position, heading in enumerate(header):
        name = heading.strip().lower()
        name = ALIASES.get(name, name)
        if name in COLUMNS and name not in columns.values():
            columns[position] = name
        elif heading.strip():
            where = Location(file=filename, column=heading.strip())
            found.append(problem(ProblemCode.MEASURE_COLUMN_UNKNOWN, where, expected=expected))
    for name in REQUIRED:
        if name not in columns.values():
            where = Location(file=filename, row=1)
            found.append(
                problem(ProblemCode.MEASURE_COLUMN_MISSING, where, column=name, expected=expected)
            )
    return columns, found


def import_csv(
    plan: Plan, data: bytes, filename: str, author: Any, *, submit: bool = False
) -> ImportResult:
    """Reads ``data`` (a CSV file named ``filename``) and stores its values as drafts (or
    submitted), all of them or none."""
    result = ImportResult()
    if len(data) > MAX_BYTES:
        result.diagnostics.append(
            problem(
                ProblemCode.FILE_TOO_BIG,
                Location(file=filename),
                size_kb=number(len(data) // 1024),
                limit_mb=MAX_BYTES // (1024 * 1024),
            )
        )
        return result
    header, rows, found = read_csv_rows(data, filename)
    result.diagnostics += found
    if found:
        return result
    if not rows:
        result.diagnostics.append(problem(ProblemCode.CSV_EMPTY, Location(file=filename)))
        return result
    if len(rows) > MAX_ROWS:
        result.diagnostics.append(
            problem(
                ProblemCode.MEASURE_TOO_MANY_ROWS, Location(file=filename), limit=number(MAX_ROWS)
            )
        )
        return result
    columns, found = _header(header, filename)
    result.diagnostics += found
    if result.errors:
        return result
    content = measurements.plans.current(plan)
    locked = measurements.locked_periods(plan)
    entries: list[Entry] = []
    lines: list[int] = []
    seen: dict[tuple[str, str, str, str], int] = {}
    for line, cells in rows:
        raw = {name: cells[position] for position, name in columns.items() if position < len(cells)}
        entry, problems = check_entry(content, raw, locked)
        for column, diagnostic in problems:
            result.diagnostics.append(
                diagnostic.at(Location(file=filename, row=line, column=column))
            )
        if entry is None:
            continue
        if entry.key in seen:
            where = Location(file=filename, row=line)
            result.diagnostics.append(
                problem(ProblemCode.MEASURE_ROW_REPEATED, where, first=seen[entry.key])
            )
            continue
        seen[entry.key] = line
        entries.append(entry)
        lines.append(line)
    if result.errors:
        return result
    stored = measurements.store(plan, entries, author, submit=submit)
    conflicts = [item for item in stored if isinstance(item, measurements.Conflict)]
    for conflict in conflicts:
        where = Location(file=filename, row=lines[conflict.index], column="period")
        if conflict.locked:
            result.diagnostics.append(
                problem(ProblemCode.MEASURE_PERIOD_LOCKED, where, period=conflict.period)
            )
        else:
            result.diagnostics.append(already_sent(conflict.state).at(where))
    if not conflicts:
        result.stored = len(stored)
    return result


__all__ = ["COLUMNS", "MAX_BYTES", "MAX_ROWS", "ImportResult", "check_entry", "import_csv"]
