"""Respondents while a large response import runs, through `vivier serve`.

SQLite lets one writer at a time. This measures what respondents live through while staff
import a 40,000-response file (``vivier import-responses``): 32 concurrent respondents walk
the whole path (landing, start, every page, review, submit) on `vivier serve`, and the
latency of every request they make while the import runs is kept. Target: p99 <= 1 s and
no "database is locked" (no 5xx at all), the import complete (every row stored, once).

``python -m bench importload [--quick] [--db sqlite|postgresql|all] [--rows N]``
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import server as srv
from bench.client import Connection, HttpError, Latencies
from bench.faults import VivierServe
from bench.submit import Phase, Respondent, full_path

DESCRIPTION = "respondents' latency during a 40,000-response import, through `vivier serve`"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
DATABASES = ("sqlite", "postgresql")
TARGET_P99_MS = 1000.0


def _appside(args: list[str], env: dict[str, str], what: str) -> None:
    srv.run_checked([sys.executable, "-m", "bench.appside", *args], env, what)


async def respond_until(
    port: int, slug: str, people: list[Respondent], done: asyncio.Event, phase: Phase
) -> None:
    rng = random.Random(7)

    async def client() -> None:
        connection = Connection("127.0.0.1", port)
        while not done.is_set():
            plan = rng.choice(people)
            who = Respondent(plan.pages, plan.digest)
            try:
                await full_path(phase, connection, slug, who)
            except HttpError as error:
                phase.fail(str(error))
                await connection.close()
                connection = Connection("127.0.0.1", port)
        await connection.close()

    await asyncio.gather(*(client() for _ in range(32)))


def run_database(database: str, rows: int, postgres_url: str) -> dict[str, Any]:
    work_dir = srv.ROOT / "var" / f"bench-importload-{database}"
    info = srv.fresh_database(database, work_dir, postgres_url)
    env = srv.bench_env(database, work_dir, postgres_url)
    plan_file, data_file = work_dir / "plan.json", work_dir / "responses.jsonl"
    _appside(["prepare", "--drafts=0", "--full=64", f"--out={plan_file}"], env, "setup")
    started = time.perf_counter()
    _appside(
        ["responses-file", f"--rows={rows}", f"--out={data_file}", f"--result={work_dir}/r.json"],
        env,
        "generating the import file",
    )
    generate_s = time.perf_counter() - started
    plan = json.loads(plan_file.read_text())
    people = [
        Respondent({k: [tuple(p) for p in v] for k, v in p["pages"].items()}, p["digest"])
        for p in plan["plans"]
    ]
    server = VivierServe(env, work_dir / "serve.log", 4, srv.free_port())
    server.start()
    warm, during = Phase("warmup"), Phase("during_import")
    import_result: dict[str, Any] = {}
    try:

        async def scenario() -> None:
            warm_done = asyncio.Event()
            warming = asyncio.create_task(
                respond_until(server.port, plan["campaign"], people, warm_done, warm)
            )
            await asyncio.sleep(5)
            warm_done.set()
            await warming
            done = asyncio.Event()
            load = asyncio.create_task(
                respond_until(server.port, plan["campaign"], people, done, during)
            )
            began = time.perf_counter()
            process = await asyncio.create_subprocess_exec(
                str(srv.VENV_BIN / "vivier"),
                "import-responses",
                plan["campaign"],
                str(data_file),
                env=env,
                cwd=srv.ROOT,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            out, err = await process.communicate()
            import_result.update(
                exit_code=process.returncode,
                wall_s=round(time.perf_counter() - began, 1),
                stdout=out.decode(errors="replace")[-500:],
                stderr=err.decode(errors="replace")[-1500:],
            )
            done.set()
            await load
            during.wall = time.perf_counter() - began

        asyncio.run(scenario())
    finally:
        server.stop()
    every = Latencies()
    for kind, latencies in during.latency.items():
        if kind != "whole_respondent":  # a whole path, not a request
            every.samples.extend(latencies.samples)
    imported = _count_imported(env, work_dir)
    p99 = every.percentile(99)
    errors = during.errors.total()
    return {
        "database_info": info,
        "generate_file_s": round(generate_s, 1),
        "import": import_result,
        "imported": imported,
        "requests_during_import": len(every.samples),
        "respondents_completed": during.ok,
        "p50_ms": round(every.percentile(50), 1),
        "p99_ms": round(p99, 1),
        "max_ms": round(max(every.samples) * 1000, 1) if every.samples else None,
        "by_kind": {kind: lat.summary() for kind, lat in during.latency.items()},
        "errors": errors,
        "error_kinds": dict(during.errors.most_common(10)),
        "target_met": imported == rows and errors == 0 and p99 <= TARGET_P99_MS,
        "serve_log_tail": (work_dir / "serve.log").read_text(errors="replace")[-2000:],
    }


def _count_imported(env: dict[str, str], work_dir: Path) -> int:
    script = (
        "import django, os, json; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
        "'vivier.settings'); django.setup();"
        "from vivier.campaigns.models import Response;"
        "print(json.dumps(Response.objects.filter(key__startswith='import-', "
        "status='submitted').count()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=srv.ROOT, capture_output=True, text=True
    )
    with contextlib.suppress(ValueError):
        return int(done.stdout.strip())
    return -1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench importload", description=DESCRIPTION)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--db", choices=[*DATABASES, "all"], default="all")
    parser.add_argument("--rows", type=int)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("VIVIER_BENCH_POSTGRES_URL", srv.DEFAULT_POSTGRES_URL),
    )
    args = parser.parse_args(argv)
    rows = args.rows or (4000 if args.quick else 40_000)
    results = []
    for database in DATABASES if args.db == "all" else (args.db,):
        print(f"importload benchmark on {database} ({rows} rows)...", flush=True)
        result: dict[str, Any] = {
            "benchmark": "importload",
            "database": database,
            "rows": rows,
            "quick": args.quick,
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": srv.machine_info(),
        }
        try:
            result.update(run_database(database, rows, args.postgres_url), status="done")
        except srv.SkippedError as skipped:
            result.update(status="skipped", reason=str(skipped))
        path = RESULTS_DIR / f"importload-{database}{'-quick' if args.quick else ''}.json"
        srv.write_result(path, result)
        results.append(result)
    print()
    head = ("db", "rows", "import s", "requests", "p50 ms", "p99 ms", "errors", "target met")
    lines = [head]
    for r in results:
        if r.get("status") != "done":
            lines.append((r["database"], "skipped", "", "", "", "", "", r.get("reason", "")[:40]))
            continue
        lines.append(
            (
                r["database"],
                f"{r['imported']}/{r['rows']}",
                f"{r['import']['wall_s']}",
                str(r["requests_during_import"]),
                f"{r['p50_ms']:.0f}",
                f"{r['p99_ms']:.0f}",
                str(r["errors"]),
                "yes" if r["target_met"] else "NO",
            )
        )
    print(srv.text_table(lines))
    for r in results:
        for reason, count in r.get("error_kinds", {}).items():
            print(f"  {r['database']}: {count} x {reason}")
    bad = [r for r in results if r.get("status") == "done" and r["imported"] != r["rows"]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
