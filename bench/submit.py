"""Submit path under load: submissions per second, latency, and no response lost.

For each database (SQLite, PostgreSQL):

1. a fresh database gets the schema, the demo campaign and N complete drafts (made with
   Django directly, before any clock starts: see bench/appside.py);
2. gunicorn serves vivier.wsgi in production mode;
3. warm-up: a few drafts go through review + submit and a few respondents through the whole
   path, so every worker has imported everything, parsed the questionnaire and opened its
   database connection;
4. review phase: 32 concurrent clients GET each draft's review page, each draft as a separate
   browser (its own CSRF cookie), keeping the cookie and the form's token;
5. submit phase (the figure of the issue): 32 concurrent clients POST every submission;
   throughput = successful submissions / wall time of this phase alone;
6. full path (secondary, fewer respondents): landing, start, every page a respondent sees,
   review, submit, thanks, with 32 concurrent respondents;
7. the database is checked: every acknowledged submission is stored as submitted, once, with
   the answers that were sent.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import server as srv
from bench.client import Connection, HttpError, Latencies, Reply

DESCRIPTION = "submit path throughput and latency on gunicorn, SQLite and PostgreSQL"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
DATABASES = ("sqlite", "postgresql")

#: From the issue: on the reference 2-core machine.
TARGET_RATE = 200.0
TARGET_P99_MS = 150.0


@dataclass
class Sizes:
    drafts: int
    warmup_drafts: int
    full: int
    warmup_full: int


FULL_SIZES = Sizes(drafts=3000, warmup_drafts=200, full=200, warmup_full=32)
QUICK_SIZES = Sizes(drafts=300, warmup_drafts=40, full=40, warmup_full=8)


@dataclass
class Phase:
    """One load phase: what succeeded, what failed, how long each request took."""

    name: str
    ok: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    wall: float = 0.0
    latency: dict[str, Latencies] = field(default_factory=dict)
    client_cpu: float = 0.0
    server_cpu: float = 0.0
    postgres_cpu: float = 0.0
    machine_busy: float = 0.0
    #: CPU seconds used during the phase by processes that are neither the load generator,
    #: gunicorn nor PostgreSQL: anything else running on the machine skews the figures.
    foreign_cpu: float = 0.0

    def time(self, kind: str, reply: Reply) -> None:
        self.latency.setdefault(kind, Latencies()).add(reply.elapsed)

    def fail(self, reason: str) -> None:
        self.errors[reason[:160]] += 1

    @property
    def rate(self) -> float:
        return self.ok / self.wall if self.wall else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "completed": self.ok,
            "errors": sum(self.errors.values()),
            "error_kinds": dict(self.errors.most_common(10)),
            "wall_s": round(self.wall, 3),
            "per_second": round(self.rate, 1),
            "latency": {kind: lat.summary() for kind, lat in self.latency.items()},
            # Where the CPU went: the load generator shares the machine with the server.
            "cpu": {
                "client_s": round(self.client_cpu, 2),
                "gunicorn_s": round(self.server_cpu, 2),
                "postgres_s": round(self.postgres_cpu, 2),
                "other_processes_s": round(self.foreign_cpu, 2),
                "machine_busy_ratio": round(self.machine_busy, 3),
                "gunicorn_ms_per_completed": (
                    round(self.server_cpu / self.ok * 1000, 2) if self.ok else None
                ),
            },
        }


async def run_pool[T](
    phase: Phase,
    server: srv.Server,
    items: Iterable[T],
    concurrency: int,
    work: Callable[[Connection, T], Awaitable[None]],
) -> None:
    """``concurrency`` clients take items from one queue until it is empty (closed loop)."""
    queue = iter(items)  # shared: asyncio runs one client at a time between awaits

    async def client() -> None:
        connection = Connection("127.0.0.1", server.port)
        for item in queue:
            try:
                await work(connection, item)
            except HttpError as error:
                phase.fail(str(error))
            except Exception as error:  # a bug in a client must not hide the other figures
                phase.fail(f"client error {error!r}")
        await connection.close()

    pids, pg_pids = server.pids(), srv.postgres_pids()
    cpu0, busy0 = time.process_time(), srv.machine_busy()
    server0, pg0 = srv.cpu_times(pids), srv.cpu_times(pg_pids)
    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    phase.wall = time.perf_counter() - started
    busy1 = srv.machine_busy()
    phase.client_cpu = time.process_time() - cpu0
    phase.server_cpu = srv.cpu_used(server0, srv.cpu_times(pids))
    phase.postgres_cpu = srv.cpu_used(pg0, srv.cpu_times(pg_pids))
    phase.machine_busy = (busy1[0] - busy0[0]) / max(1.0, busy1[1] - busy0[1])
    busy_s = (busy1[0] - busy0[0]) / os.sysconf("SC_CLK_TCK")
    phase.foreign_cpu = max(0.0, busy_s - phase.client_cpu - phase.server_cpu - phase.postgres_cpu)


@dataclass
class Draft:
    key: str
    token: str
    digest: str
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""
    acknowledged: bool = False


def _unexpected(kind: str, reply: Reply) -> HttpError:
    where = f" -> {reply.location}" if reply.location else ""
    return HttpError(f"{kind}: HTTP {reply.status}{where}")


async def get_review(phase: Phase, conn: Connection, slug: str, draft: Draft) -> None:
    # No cookie: each draft is a browser arriving on its review page (from its last page).
    reply = await conn.request("GET", f"/q/{slug}/r/{draft.token}/relecture/")
    if reply.status != 200:
        raise _unexpected("review", reply)
    phase.time("review_get", reply)
    draft.cookies.update(reply.cookies)
    draft.csrf = reply.csrf_token()
    phase.ok += 1


async def post_submit(phase: Phase, conn: Connection, slug: str, draft: Draft) -> None:
    reply = await conn.request(
        "POST",
        f"/q/{slug}/r/{draft.token}/relecture/",
        cookies=draft.cookies,
        form=[("csrfmiddlewaretoken", draft.csrf)],
    )
    phase.time("submit_post", reply)
    if reply.status != 302 or not reply.location.endswith("/merci/"):
        raise _unexpected("submit", reply)
    draft.acknowledged = True
    phase.ok += 1


@dataclass
class Respondent:
    pages: dict[str, list[tuple[str, str]]]
    digest: str
    key: str = ""
    acknowledged: bool = False


async def full_path(phase: Phase, conn: Connection, slug: str, who: Respondent) -> None:
    """One respondent from the landing page to the thanks page, following every redirect."""
    cookies: dict[str, str] = {}

    async def go(kind: str, path: str, form: list[tuple[str, str]] | None = None) -> Reply:
        reply = await conn.request(
            "POST" if form is not None else "GET", path, cookies=cookies, form=form
        )
        cookies.update(reply.cookies)
        phase.time(kind, reply)
        return reply

    started = time.perf_counter()
    landing = await go("landing_get", f"/q/{slug}/")
    if landing.status != 200:
        raise _unexpected("landing", landing)
    start_token = landing.hidden_input("start_token")
    who.key = start_token.split(":")[0]  # the server signs the draft key it made
    reply = await go(
        "start_post",
        f"/q/{slug}/commencer/",
        [("csrfmiddlewaretoken", landing.csrf_token()), ("start_token", start_token)],
    )
    if reply.status != 302:
        raise _unexpected("start", reply)
    reply = await go("resume_get", reply.location)
    if reply.status != 302 or "/p/" not in reply.location:
        raise _unexpected("resume", reply)
    location = reply.location
    posted: set[str] = set()
    while "/p/" in location:
        section = location.rstrip("/").rsplit("/", 1)[1]
        if section not in who.pages or section in posted:
            raise HttpError(f"page: unexpected section {section!r}")
        posted.add(section)
        page = await go("page_get", location)
        if page.status != 200:
            raise _unexpected("page", page)
        form = [("csrfmiddlewaretoken", page.csrf_token()), *who.pages[section]]
        reply = await go("page_post", location, form)
        if reply.status != 302:
            raise _unexpected(f"page {section}", reply)
        location = reply.location
    if not location.endswith("/relecture/"):
        raise HttpError(f"page: redirected to {location!r}")
    review = await go("review_get", location)
    if review.status != 200:
        raise _unexpected("review", review)
    reply = await go("submit_post", location, [("csrfmiddlewaretoken", review.csrf_token())])
    if reply.status != 302 or not reply.location.endswith("/merci/"):
        raise _unexpected("submit", reply)
    who.acknowledged = True
    thanks = await go("thanks_get", reply.location)
    if thanks.status != 200:
        raise _unexpected("thanks", thanks)
    phase.latency.setdefault("whole_respondent", Latencies()).add(time.perf_counter() - started)
    phase.ok += 1


async def load(
    server: srv.Server, plan: dict[str, Any], sizes: Sizes, concurrency: int
) -> tuple[dict[str, Phase], list[Draft], list[Respondent]]:
    slug = plan["campaign"]
    drafts = [Draft(d["key"], d["token"], d["digest"]) for d in plan["drafts"]]
    people = [
        Respondent({k: [tuple(p) for p in v] for k, v in p["pages"].items()}, p["digest"])
        for p in plan["plans"]
    ]
    warm_drafts, drafts_measured = drafts[: sizes.warmup_drafts], drafts[sizes.warmup_drafts :]
    warm_people, people_measured = people[: sizes.warmup_full], people[sizes.warmup_full :]
    phases = {name: Phase(name) for name in ("warmup", "review", "submit", "full_path")}

    async def warm(conn: Connection, draft: Draft) -> None:
        await get_review(phases["warmup"], conn, slug, draft)
        await post_submit(phases["warmup"], conn, slug, draft)

    async def warm_full(conn: Connection, who: Respondent) -> None:
        await full_path(phases["warmup"], conn, slug, who)

    await run_pool(phases["warmup"], server, warm_drafts, concurrency, warm)
    await run_pool(phases["warmup"], server, warm_people, concurrency, warm_full)

    async def review(conn: Connection, draft: Draft) -> None:
        await get_review(phases["review"], conn, slug, draft)

    async def submit(conn: Connection, draft: Draft) -> None:
        if draft.csrf:  # a draft whose review page failed is counted there, not twice
            await post_submit(phases["submit"], conn, slug, draft)

    async def respond(conn: Connection, who: Respondent) -> None:
        await full_path(phases["full_path"], conn, slug, who)

    await run_pool(phases["review"], server, drafts_measured, concurrency, review)
    await run_pool(phases["submit"], server, drafts_measured, concurrency, submit)
    await run_pool(phases["full_path"], server, people_measured, concurrency, respond)
    return phases, drafts, people


def _appside(command: list[str], env: dict[str, str], what: str) -> None:
    srv.run_checked([sys.executable, "-m", "bench.appside", *command], env, what)


def run_database(database: str, args: argparse.Namespace, sizes: Sizes) -> dict[str, Any]:
    config = srv.ServerConfig(
        worker_class=args.worker_class, workers=args.workers, threads=args.threads
    )
    result: dict[str, Any] = {
        "benchmark": "submit",
        "database": database,
        "quick": args.quick,
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": srv.machine_info(),
        "load_average_at_start": list(os.getloadavg()),
        "server": srv.config_dict(config),
        "parameters": {
            "concurrency": args.concurrency,
            "drafts_measured": sizes.drafts,
            "warmup_drafts": sizes.warmup_drafts,
            "full_path_respondents": sizes.full,
            "warmup_full_path_respondents": sizes.warmup_full,
        },
        "targets": {"submissions_per_second": TARGET_RATE, "p99_ms": TARGET_P99_MS, "lost": 0},
    }
    work_dir = srv.ROOT / "var" / f"bench-{database}"
    try:
        result["database_info"] = srv.fresh_database(database, work_dir, args.postgres_url)
    except srv.SkippedError as skipped:
        result.update(status="skipped", reason=str(skipped))
        return result
    env = srv.bench_env(database, work_dir, args.postgres_url)
    plan_file = work_dir / "plan.json"
    setup_started = time.perf_counter()
    _appside(
        [
            "prepare",
            f"--drafts={sizes.warmup_drafts + sizes.drafts}",
            f"--full={sizes.warmup_full + sizes.full}",
            f"--out={plan_file}",
        ],
        env,
        "setup (migrate, demo, drafts)",
    )
    plan = json.loads(plan_file.read_text())
    result["setup_s"] = round(time.perf_counter() - setup_started, 1)

    with srv.gunicorn(config, env, work_dir / "gunicorn.log") as server:
        phases, drafts, people = asyncio.run(load(server, plan, sizes, args.concurrency))
    server_log = (work_dir / "gunicorn.log").read_text(errors="replace")

    expect = {d.key: d.digest for d in drafts}
    expect.update({p.key: p.digest for p in people if p.key})
    expect_file, check_file = work_dir / "expect.json", work_dir / "check.json"
    expect_file.write_text(json.dumps(expect))
    _appside(["verify", f"--expect={expect_file}", f"--out={check_file}"], env, "verification")
    check = json.loads(check_file.read_text())
    acknowledged = {d.key for d in drafts if d.acknowledged}
    acknowledged |= {p.key for p in people if p.acknowledged}
    started_full = sum(1 for p in people if p.key)
    lost = acknowledged & set(check.pop("unsubmitted_keys"))
    altered = acknowledged & set(check.pop("altered_keys"))
    integrity = {
        **check,
        "acknowledged": len(acknowledged),
        # Acknowledged (302 to the thanks page) but not stored as submitted: the number that
        # must be 0 whatever the load. Unacknowledged drafts are counted as errors instead.
        "lost": len(lost),
        # Stored as submitted but not with the answers that were sent.
        "altered": len(altered),
        "full_path_started": started_full,
        # Two rows for one key cannot exist (unique constraint); a replayed start creating a
        # second draft would show as more full-path responses than respondents who started.
        "duplicated": check["duplicated"] + max(0, check["created_prefixless"] - started_full),
        "examples": {"lost": sorted(lost)[:5], "altered": sorted(altered)[:5]},
    }
    submit, review_phase, full = phases["submit"], phases["review"], phases["full_path"]
    submit_latency = submit.latency.get("submit_post", Latencies())
    headline = {
        "submissions_per_second": round(submit.rate, 1),
        "p50_ms": round(submit_latency.percentile(50), 1),
        "p99_ms": round(submit_latency.percentile(99), 1),
        "errors": sum(p.errors.total() for p in phases.values()),
        "lost": integrity["lost"],
        "duplicated": integrity["duplicated"],
        "altered": integrity["altered"],
        "full_path_responses_per_second": round(full.rate, 1),
    }
    headline["target_met"] = (
        headline["submissions_per_second"] >= TARGET_RATE
        and headline["p99_ms"] < TARGET_P99_MS
        and headline["lost"] == 0
        and headline["errors"] == 0
    )
    result.update(
        status="done",
        finished_at=datetime.now(UTC).isoformat(timespec="seconds"),
        headline=headline,
        phases={name: phase.summary() for name, phase in phases.items()},
        integrity=integrity,
        review_get=review_phase.latency.get("review_get", Latencies()).summary(),
        server_log_tail=server_log[-2000:] if server_log.strip() else "",
    )
    return result


def write_result(result: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    suffix = "-quick" if result.get("quick") else ""
    path = RESULTS_DIR / f"submit-{result['database']}{suffix}.json"
    # Through a .tmp file (git-ignored) so an interrupted run never leaves half a JSON file.
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    os.replace(tmp, path)
    return path


def table(results: list[dict[str, Any]]) -> str:
    head = ("db", "submissions/s", "p50 ms", "p99 ms", "errors", "lost", "target met")
    rows = [head]
    for r in results:
        if r.get("status") != "done":
            rows.append((r["database"], "skipped", "", "", "", "", r.get("reason", "")[:60]))
            continue
        h = r["headline"]
        rows.append(
            (
                r["database"],
                f"{h['submissions_per_second']:.1f}",
                f"{h['p50_ms']:.1f}",
                f"{h['p99_ms']:.1f}",
                str(h["errors"]),
                str(h["lost"] + h["duplicated"]),
                "yes" if h["target_met"] else "NO",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def details(results: list[dict[str, Any]]) -> str:
    lines = []
    for r in results:
        if r.get("status") != "done":
            continue
        h, p = r["headline"], r["phases"]
        review = r["review_get"]
        full = p["full_path"]
        cpu = p["submit"]["cpu"]
        lines.append(
            f"{r['database']}: review GET p50 {review.get('p50_ms')} ms p99 {review.get('p99_ms')}"
            f" ms ({p['review']['per_second']}/s); full path {h['full_path_responses_per_second']}"
            f" responses/s ({full['completed']} in {full['wall_s']} s); submit phase CPU: "
            f"gunicorn {cpu['gunicorn_ms_per_completed']} ms/submission, client "
            f"{cpu['client_s']} s, machine {cpu['machine_busy_ratio']:.0%} busy;"
            f" altered {h['altered']}, duplicated {h['duplicated']}"
        )
        for name, phase in p.items():
            for reason, count in phase["error_kinds"].items():
                lines.append(f"  {name}: {count} x {reason}")
        other = p["submit"]["cpu"]["other_processes_s"]
        capacity = p["submit"]["wall_s"] * (r["machine"]["cpu_available"] or 1)
        if capacity and other > 0.05 * capacity:
            lines.append(
                f"  WARNING: other processes used {other:.1f} CPU s of {capacity:.1f} during the"
                " submit phase: the machine was shared, figures are pessimistic"
            )
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench submit", description=DESCRIPTION)
    parser.add_argument("--quick", action="store_true", help="small N, to try the harness")
    parser.add_argument("--db", choices=[*DATABASES, "all"], default="all")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--drafts", type=int, help="submissions measured (default 3000)")
    parser.add_argument("--full", type=int, help="full-path respondents measured (default 200)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("VIVIER_BENCH_POSTGRES_URL", srv.DEFAULT_POSTGRES_URL),
        help="database dropped and recreated by every run",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    if args.drafts is not None:
        sizes = Sizes(args.drafts, sizes.warmup_drafts, sizes.full, sizes.warmup_full)
    if args.full is not None:
        sizes = Sizes(sizes.drafts, sizes.warmup_drafts, args.full, sizes.warmup_full)
    databases = DATABASES if args.db == "all" else (args.db,)
    results = []
    for database in databases:
        print(f"submit benchmark on {database}...", flush=True)
        result = run_database(database, args, sizes)
        path = write_result(result)
        print(f"  written {path.relative_to(srv.ROOT)}", flush=True)
        results.append(result)
    print()
    print(table(results))
    extra = details(results)
    if extra:
        print(extra)
    failed = [
        r["database"]
        for r in results
        if r.get("status") == "done" and (r["headline"]["lost"] or r["headline"]["duplicated"])
    ]
    if failed:
        print(f"responses lost or duplicated on: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
