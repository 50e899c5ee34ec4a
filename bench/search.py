"""Practice registry: search latency over 50,000 sheets, catalogue page latency, report import.

For each database (SQLite, PostgreSQL):

1. a fresh database gets the schema and N published sheets, generated from the report's 21
   demo practices with varied titles, places, themes and years (``searchside`` below, in a
   Django subprocess, before any clock starts);
2. search latency: each query of ``QUERIES`` is run ``--rounds`` times through
   ``vivier.practices.search.search`` on the first page of results (what the catalogue does),
   in the Django process: p50 and p95 over all runs (target p95 <= 30 ms);
3. catalogue page latency: gunicorn serves the catalogue and one client GETs
   ``/pratiques/?q=...`` (with and without a facet) sequentially: p50 and p95 (target <= 100 ms);
4. import time of the report with ``vivier.practices.importing`` (once, database-free).

    python -m bench search [--quick] [--db sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from bench import server as srv

DESCRIPTION = "practice search p50/p95 over 50,000 sheets, catalogue page p95, report import"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
DATABASES = ("sqlite", "postgresql")
TARGET_SEARCH_P95_MS = 30.0
TARGET_PAGE_P95_MS = 100.0
QUERIES = [
    "conference familiale gironde",
    "conférences familiales",
    "pair-aidance",
    "aller vers",
    "pouvoir d'agir",
    "santé mentale lyon",
    "plateforme de coopération",
    "parents adolescents",
    "samusocial",
    "insertion emploi",
]
SEED = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "seed"
    / "rapport-hcts-pratiques-emergentes.txt"
)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def _side(env: dict[str, str], *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.searchside", *args],
        env=env,
        cwd=srv.ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.searchside {args[0]} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _page_latencies(base: str, rounds: int) -> tuple[list[float], int]:
    timings: list[float] = []
    errors = 0
    for _ in range(rounds):
        for query in QUERIES:
            for extra in ("", "&theme=aller_vers"):
                url = f"{base}/pratiques/?q={urllib.parse.quote(query)}{extra}"
                start = time.perf_counter()
                try:
                    with urllib.request.urlopen(url, timeout=30) as reply:
                        reply.read()
                except OSError:
                    errors += 1
                    continue
                timings.append((time.perf_counter() - start) * 1000)
    return timings, errors


def run_database(database: str, sheets: int, rounds: int) -> dict[str, Any]:
    work = srv.ROOT / "var" / f"bench-search-{database}"
    postgres_url = "postgresql://postgres@127.0.0.1:5432/vivier_bench_search"
    try:
        info = srv.fresh_database(database, work, postgres_url)
    except srv.SkippedError as error:
        return {"database": database, "status": "skipped", "reason": str(error)}
    env = srv.bench_env(database, work, postgres_url)
    srv.run_checked([sys.executable, "-m", "vivier", "migrate"], env, "migrate")
    setup = _side(env, "prepare", "--sheets", str(sheets))
    measured = _side(env, "search", "--rounds", str(rounds), "--queries", json.dumps(QUERIES))
    config = srv.ServerConfig(workers=2, worker_class="sync", threads=1)
    with srv.gunicorn(config, env, work / "gunicorn.log") as server:
        base = f"http://127.0.0.1:{server.port}"
        _page_latencies(base, 1)  # warm-up: imports, caches, connections
        pages, errors = _page_latencies(base, rounds)
    return {
        "database": database,
        "status": "done",
        "database_info": info,
        "sheets": setup["sheets"],
        "setup_s": setup["seconds"],
        "search_ms": measured["latency"],
        "page_ms": {
            "count": len(pages),
            "p50": round(_percentile(pages, 0.5), 2),
            "p95": round(_percentile(pages, 0.95), 2),
            "errors": errors,
        },
    }


def import_time() -> dict[str, Any]:
    if not SEED.exists():
        return {"status": "skipped", "reason": f"{SEED} is absent"}
    sys.path.insert(0, str(srv.ROOT / "src"))
    from vivier.practices.importing import parse_document

    text = SEED.read_text(encoding="utf-8")
    start = time.perf_counter()
    result = parse_document(text)
    seconds = time.perf_counter() - start
    return {"status": "done", "seconds": round(seconds, 3), "sheets": len(result.sheets)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench search", description=DESCRIPTION)
    parser.add_argument("--quick", action="store_true", help="2,000 sheets, fewer rounds")
    parser.add_argument("--db", choices=DATABASES, action="append")
    args = parser.parse_args(argv)
    sheets, rounds = (2_000, 3) if args.quick else (50_000, 10)
    results = [run_database(db, sheets, rounds) for db in args.db or DATABASES]
    report = {
        "benchmark": "search",
        "quick": args.quick,
        "targets": {"search_p95_ms": TARGET_SEARCH_P95_MS, "page_p95_ms": TARGET_PAGE_P95_MS},
        "machine": srv.machine_info(),
        "results": results,
        "import": import_time(),
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    name = "search-quick.json" if args.quick else "search.json"
    (RESULTS_DIR / name).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\n{'db':<10} | sheets | search p50 | search p95 | page p50 | page p95 | target met")
    print("-" * 78)
    for r in results:
        if r["status"] != "done":
            print(f"{r['database']:<10} | skipped: {r['reason']}")
            continue
        s, p = r["search_ms"], r["page_ms"]
        met = (
            s["p95"] <= TARGET_SEARCH_P95_MS
            and p["count"] > 0
            and p["errors"] == 0
            and p["p95"] <= TARGET_PAGE_P95_MS
        )
        print(
            f"{r['database']:<10} | {r['sheets']:>6} | {s['p50']:>7.2f} ms | {s['p95']:>7.2f} ms"
            f" | {p['p50']:>6.1f} ms | {p['p95']:>6.1f} ms | {'yes' if met else 'NO'}"
        )
        if p["errors"]:
            print(f"{r['database']:<10} | {p['errors']} catalogue page request(s) failed")
    imp = report["import"]
    if imp["status"] == "done":
        print(f"import of the report: {imp['sheets']} sheets in {imp['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
