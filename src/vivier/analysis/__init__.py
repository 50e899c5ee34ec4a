"""Campaign analysis: the pure core (no Django import).

    table = build_table(q, records)          # records: Iterable[ResponseRecord]
    table.append(more_records)               # cheap: only the new rows are summarised
    report = build_report(q, table, campaign="hcts-2020")
    published = suppress(report, k=5)
    table.filter({"q1": ["travailleur_social"]}); crosstab(table, "q1", "q23")
    table.write_parquet(path); AnswerTable.read_parquet(q, path)

See ``report`` for the report's keys, ``table`` for the columns, ``aggregates`` for the
definitions of shown, answered, percent and the funnel.
"""

from vivier.analysis.aggregates import crosstab, summarise
from vivier.analysis.numbers import percent
from vivier.analysis.records import ResponseRecord
from vivier.analysis.report import REPORT_KEYS, build_report
from vivier.analysis.suppression import DEFAULT_K, suppress
from vivier.analysis.table import AnswerTable, build_table

__all__ = [
    "DEFAULT_K",
    "REPORT_KEYS",
    "AnswerTable",
    "ResponseRecord",
    "build_report",
    "build_table",
    "crosstab",
    "percent",
    "summarise",
    "suppress",
]
