"""Analysis benchmark: the full campaign report over 1,771, 100,000 and 1,000,000 responses.

    run(quick: bool = False) -> dict      (``python -m bench.analysis [--quick]``)

Data: the HCTS 2020 questionnaire; a pool of distinct answer dicts from
``sampling.random_answers`` (2,000; 300 with ``quick``: generating them walks the flow
engine per question and is slow), cycled to the size wanted with timestamps spread evenly
from 27 July to 23 September 2020, five channels and the three modes.

Each size runs in fresh subprocesses so that the peak memory (``ru_maxrss``: polars
allocates in Rust, where tracemalloc sees nothing) belongs to that size alone:

* ``records``: the records are built (not timed), then **cold from records** = from the
  list of ``ResponseRecord`` in memory to the report dict: loading (one pass over each
  response's answers, relevance via the memo, columns, pruning) + every figure (every
  question, per day, funnel, channels, modes). Peak RSS includes the records themselves.
  Then the Parquet snapshot is written (not timed).
* ``parquet``: **cold from snapshot** = ``AnswerTable.read_parquet`` + ``build_report``;
  this is what the dashboard pays after a restart. Then **refresh** = append one more
  response and rebuild the whole report (median of 5), the dashboard's case after a
  submission. Peak RSS is that process's.
* ``pandas``: a straightforward pandas implementation of a subset of the same figures
  (``DataFrame`` from the answer dicts, ``value_counts`` per closed question, lists
  exploded, per-day counts in Europe/Paris), from the same records in memory; its time is
  compared with cold from records (pandas does less: no relevance, no funnel, no texts).

Timings are wall-clock on a 2-core machine shared with other work: they are noisy, and the
load average at the start and end of each run is in the JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DESCRIPTION = "campaign report over 1,771 / 100k / 1M HCTS responses (polars), vs pandas"
RESULTS = Path(__file__).parent / "results"
SIZES = (1_771, 100_000, 1_000_000)
QUICK_SIZES = (1_771, 20_000)
TARGETS = {"cold_s_1m": 5.0, "peak_rss_mb_1m": 2048.0, "refresh_ms": 200.0}
_CHANNELS = ("UNCCAS", "ANAS", "UNIOPSS", "FNARS", None)
_MODES = ("online", "online", "online", "assisted", "proxy")
_START = dt.datetime(2020, 7, 27, 6, 0, tzinfo=dt.UTC)
_SPAN_S = 59 * 86_400


def _pool(size: int) -> list[dict[str, Any]]:
    from vivier.surveys.questionnaires import hcts_2020
    from vivier.surveys.sampling import random_answers

    q = hcts_2020.build()
    return [random_answers(q, random.Random(seed)) for seed in range(size)]


def _records(pool: list[dict[str, Any]], n: int) -> list[Any]:
    from vivier.analysis import ResponseRecord

    step = _SPAN_S / n
    return [
        ResponseRecord(
            f"r{i}",
            _START + dt.timedelta(seconds=int(i * step)),
            _CHANNELS[i % 5],
            _MODES[i % 5],
            pool[(i * 7919) % len(pool)],  # a stride, so neighbours differ
        )
        for i in range(n)
    ]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# -- Children ----------------------------------------------------------------------------------


def _child_records(n: int, pool_path: str, parquet: str) -> dict[str, Any]:
    from vivier.analysis import build_report, build_table
    from vivier.surveys.questionnaires import hcts_2020

    q = hcts_2020.build()
    with open(pool_path, "rb") as f:
        pool = pickle.load(f)
    records = _records(pool, n)
    t0 = time.perf_counter()
    table = build_table(q, records)
    t1 = time.perf_counter()
    report = build_report(q, table, campaign="bench")
    t2 = time.perf_counter()
    assert report["responses"] == n
    table.write_parquet(parquet)
    return {
        "cold_records_s": t2 - t0,
        "load_s": t1 - t0,
        "report_s": t2 - t1,
        "peak_rss_mb": _rss_mb(),
        "parquet_mb": os.path.getsize(parquet) / 1e6,
        "table_mb": table.frame.estimated_size() / 1e6,
    }


def _child_parquet(n: int, pool_path: str, parquet: str) -> dict[str, Any]:
    from vivier.analysis import AnswerTable, build_report
    from vivier.surveys.questionnaires import hcts_2020

    q = hcts_2020.build()
    with open(pool_path, "rb") as f:
        pool = pickle.load(f)
    extra = _records(pool, 5)
    t0 = time.perf_counter()
    table = AnswerTable.read_parquet(q, parquet)
    t1 = time.perf_counter()
    report = build_report(q, table, campaign="bench")
    t2 = time.perf_counter()
    assert report["responses"] == n
    refresh = []
    for i, record in enumerate(extra):
        s = time.perf_counter()
        table.append([record])
        report = build_report(q, table, campaign="bench")
        refresh.append(time.perf_counter() - s)
        assert report["responses"] == n + i + 1
    return {
        "cold_parquet_s": t2 - t0,
        "read_parquet_s": t1 - t0,
        "report_s": t2 - t1,
        "refresh_ms": statistics.median(refresh) * 1000,
        "refresh_max_ms": max(refresh) * 1000,
        "peak_rss_mb": _rss_mb(),
    }


def _child_pandas(n: int, pool_path: str, parquet: str) -> dict[str, Any]:
    import pandas as pd

    from vivier.surveys.questionnaires import hcts_2020
    from vivier.surveys.schema import CLOSED_TYPES, LIST_TYPES

    q = hcts_2020.build()
    with open(pool_path, "rb") as f:
        pool = pickle.load(f)
    records = _records(pool, n)
    t0 = time.perf_counter()
    frame = pd.DataFrame.from_records([r.answers for r in records])
    stamps = pd.Series([r.submitted_at for r in records])
    days = stamps.dt.tz_convert("Europe/Paris").dt.date.value_counts()
    figures: dict[str, Any] = {"per_day": days.to_dict()}
    for question in q.questions():
        if question.type not in CLOSED_TYPES or question.name not in frame:
            continue
        if question.scale is not None and question.scale.rows:
            column = frame[question.name].dropna().apply(pd.Series)
            figures[question.name] = {row: column[row].value_counts() for row in column}
        elif question.type in LIST_TYPES:
            figures[question.name] = frame[question.name].dropna().explode().value_counts()
        else:
            figures[question.name] = frame[question.name].value_counts()
    return {"pandas_s": time.perf_counter() - t0, "peak_rss_mb": _rss_mb()}


_CHILDREN = {"records": _child_records, "parquet": _child_parquet, "pandas": _child_pandas}


def _spawn(kind: str, n: int, pool_path: str, parquet: str) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.analysis", "--child", kind, str(n), pool_path, parquet]
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["failed"]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# -- Driver ------------------------------------------------------------------------------------


def run(quick: bool = False) -> dict[str, Any]:
    """Measures every size; writes ``bench/results/analysis[-quick].json``; returns
    ``{"title", "columns", "rows", "targets", "target_met", "notes", ...}`` (rows are lists in
    the order of columns, ready for a table)."""
    sizes = QUICK_SIZES if quick else SIZES
    started = time.time()
    load_before = os.getloadavg()
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="vivier-bench-analysis-") as tmp:
        pool_path = os.path.join(tmp, "pool.pickle")
        t = time.perf_counter()
        with open(pool_path, "wb") as f:
            pickle.dump(_pool(300 if quick else 2_000), f)
        pool_s = time.perf_counter() - t
        for n in sizes:
            parquet = os.path.join(tmp, f"table-{n}.parquet")
            entry: dict[str, Any] = {"responses": n}
            for kind in ("records", "parquet", "pandas"):
                entry[kind] = _spawn(kind, n, pool_path, parquet)
            cold = entry["records"].get("cold_records_s")
            pandas_s = entry["pandas"].get("pandas_s")
            entry["pandas_ratio"] = pandas_s / cold if cold and pandas_s else None
            results.append(entry)
            print(_line(entry), file=sys.stderr, flush=True)
    columns = [
        "responses",
        "cold from records (s)",
        "of which report (s)",
        "cold from Parquet (s)",
        "refresh +1 (ms)",
        "peak RSS records / Parquet (MB)",
        "pandas (s)",
        "pandas / Vivier",
    ]
    rows = [_row(entry) for entry in results]
    largest = results[-1]
    met = None
    if not quick and largest["responses"] == 1_000_000:
        met = (
            largest["parquet"].get("cold_parquet_s", 1e9) <= TARGETS["cold_s_1m"]
            and largest["records"].get("peak_rss_mb", 1e9) <= TARGETS["peak_rss_mb_1m"]
            and largest["parquet"].get("refresh_ms", 1e9) <= TARGETS["refresh_ms"]
        )
    output = {
        "title": "Analysis: full report (every question, per day, funnel)",
        "columns": columns,
        "rows": rows,
        "targets": TARGETS,
        "target_met": met,
        "notes": [
            "cold from records: ResponseRecord list in memory -> table (relevance) -> report",
            "cold from Parquet: snapshot file -> table -> report",
            "refresh: append 1 response, rebuild the whole report (median of 5)",
            "pandas ratio = pandas time / cold from records (pandas computes fewer figures)",
            "2-core machine shared with other work: timings are noisy (see load_average)",
        ],
        "results": results,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "polars": _version("polars"),
            "pandas": _version("pandas"),
        },
        "pool": {"distinct_answers": 300 if quick else 2_000, "generation_s": pool_s},
        "load_average": {"start": load_before, "end": os.getloadavg()},
        "started": dt.datetime.fromtimestamp(started, dt.UTC).isoformat(),
        "duration_s": time.time() - started,
    }
    RESULTS.mkdir(exist_ok=True)
    name = "analysis-quick.json" if quick else "analysis.json"
    (RESULTS / name).write_text(json.dumps(output, indent=2, default=str) + "\n")
    return output


def _version(package: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(package)
    except Exception:
        return None


def _fmt(value: Any, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _row(entry: dict[str, Any]) -> list[Any]:
    r, p, pd_ = entry["records"], entry["parquet"], entry["pandas"]
    return [
        entry["responses"],
        _fmt(r.get("cold_records_s")),
        _fmt(r.get("report_s")),
        _fmt(p.get("cold_parquet_s")),
        _fmt(p.get("refresh_ms"), 1),
        f"{_fmt(r.get('peak_rss_mb'), 0)} / {_fmt(p.get('peak_rss_mb'), 0)}",
        _fmt(pd_.get("pandas_s")),
        _fmt(entry.get("pandas_ratio"), 1),
    ]


def _line(entry: dict[str, Any]) -> str:
    return "analysis " + " | ".join(str(cell) for cell in _row(entry))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        kind, n, pool_path, parquet = argv[1], int(argv[2]), argv[3], argv[4]
        print(json.dumps(_CHILDREN[kind](n, pool_path, parquet)))
        return 0
    output = run(quick="--quick" in argv)
    print(" | ".join(output["columns"]))
    for row in output["rows"]:
        print(" | ".join(str(cell) for cell in row))
    errors = [
        e
        for entry in output["results"]
        for e in entry.values()
        if isinstance(e, dict) and "error" in e
    ]
    return 2 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
