"""Faults under load, through the production entry point: nothing acknowledged is lost.

For each database (SQLite, PostgreSQL), ``vivier serve`` itself (not a hand-built gunicorn
command line: the entry point users start, with its migrate step, its hooks and its worker
model) serves a fresh database, and 32 concurrent clients:

- submit prepared drafts (review page, then the submit form posted twice: a double click);
- walk the whole respondent path (landing, start posted twice, every page, review, submit
  posted twice, thanks);

while the harness kills one worker with SIGKILL, later another, and later the whole server
(master and workers, SIGKILL) and starts ``vivier serve`` again. A client whose connection
fails retries the same request until the server answers again, as a person would press the
button again.

Then the database is read back: every acknowledged submission must be stored exactly once,
submitted, with exactly the answers that client sent (an answer of another respondent
would change the digest); no request may have been answered with a 5xx. The throughput of
the respondent path (requests per second) is printed beside the one of a bare Django view
(``/sante/``) served the same way in the same run.

``python -m bench faults [--quick] [--db sqlite|postgresql|all]``; the test
``tests/serving/test_faults.py`` runs the same scenario, smaller, on the suite's database.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import server as srv
from bench.client import Connection, HttpError, Reply

DESCRIPTION = "faults under load through `vivier serve`: workers and server killed, nothing lost"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
DATABASES = ("sqlite", "postgresql")

#: How long a client keeps retrying one request while the server is down or restarting.
RETRY_FOR_SECONDS = 90.0


@dataclass
class Sizes:
    drafts: int
    full: int
    bare_requests: int


FULL_SIZES = Sizes(drafts=1200, full=160, bare_requests=6000)
QUICK_SIZES = Sizes(drafts=200, full=40, bare_requests=1000)


@dataclass
class Tally:
    """What the clients saw."""

    requests: int = 0
    server_errors: Counter[str] = field(default_factory=Counter)
    retries: int = 0
    unexpected: Counter[str] = field(default_factory=Counter)
    done: int = 0

    def unexpected_reply(self, what: str, reply: Reply) -> None:
        self.unexpected[f"{what}: HTTP {reply.status} {reply.location}"[:160]] += 1


class VivierServe:
    """``vivier serve`` as a child process group, which the harness may kill and restart."""

    def __init__(self, env: dict[str, str], log: Path, workers: int, port: int):
        self.env, self.log, self.workers, self.port = env, log, workers, port
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        argv = [
            str(srv.VENV_BIN / "vivier"),
            "serve",
            "--port",
            str(self.port),
            "--workers",
            str(self.workers),
        ]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                argv,
                env=self.env,
                cwd=srv.ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: kill -9 reaches every worker
            )
        self.starts += 1
        self.wait_ready()

    def worker_pids(self) -> list[int]:
        assert self.process is not None
        pid = self.process.pid
        with contextlib.suppress(OSError):
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            return [int(p) for p in children]
        return []

    def wait_ready(self, timeout: float = 120.0) -> None:
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"vivier serve exited with {self.process.returncode}:\n"
                    + self.log.read_text(errors="replace")[-3000:]
                )
            with contextlib.suppress(OSError):
                url = f"http://127.0.0.1:{self.port}/sante/"
                with urllib.request.urlopen(url, timeout=2) as answer:
                    if answer.status == 200 and len(self.worker_pids()) >= self.workers:
                        return
            time.sleep(0.1)
        raise RuntimeError(f"vivier serve did not answer within {timeout:.0f} s")

    def kill_worker(self) -> int | None:
        pids = self.worker_pids()
        if not pids:
            return None
        os.kill(pids[0], signal.SIGKILL)
        return pids[0]

    def kill_all(self) -> None:
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill_all()


class Browser:
    """One person's browser: a connection, a cookie jar, and the patience to retry."""

    def __init__(self, port: int, tally: Tally):
        self.port, self.tally = port, tally
        self.connection = Connection("127.0.0.1", port)
        self.cookies: dict[str, str] = {}

    async def go(self, method: str, path: str, form: list[tuple[str, str]] | None = None) -> Reply:
        deadline = time.monotonic() + RETRY_FOR_SECONDS
        while True:
            try:
                reply = await self.connection.request(method, path, cookies=self.cookies, form=form)
            except HttpError:
                # The server is down or restarting, or a worker died holding this request.
                await self.connection.close()
                self.connection = Connection("127.0.0.1", self.port)
                if time.monotonic() > deadline:
                    raise
                self.tally.retries += 1
                await asyncio.sleep(0.2)
                continue
            self.tally.requests += 1
            if reply.status >= 500:
                self.tally.server_errors[f"{method} {path.split('/r/')[0]}: {reply.status}"] += 1
                if time.monotonic() > deadline:
                    return reply
                await asyncio.sleep(0.2)
                continue
            self.cookies.update(reply.cookies)
            return reply

    async def close(self) -> None:
        await self.connection.close()


@dataclass
class Outcome:
    key: str
    digest: str
    acknowledged: bool = False


async def submit_draft(browser: Browser, slug: str, draft: dict[str, str], out: Outcome) -> None:
    review_path = f"/q/{slug}/r/{draft['token']}/relecture/"
    review = await browser.go("GET", review_path)
    if review.status != 200:
        browser.tally.unexpected_reply("review", review)
        return
    form = [("csrfmiddlewaretoken", review.csrf_token())]
    for attempt in ("submit", "double submit"):
        reply = await browser.go("POST", review_path, form)
        if reply.status != 302 or not reply.location.endswith("/merci/"):
            browser.tally.unexpected_reply(attempt, reply)
            return
        out.acknowledged = True


async def whole_path(browser: Browser, slug: str, plan: dict[str, Any], out: Outcome) -> None:
    landing = await browser.go("GET", f"/q/{slug}/")
    if landing.status != 200:
        browser.tally.unexpected_reply("landing", landing)
        return
    token = landing.hidden_input("start_token")
    out.key = token.split(":")[0]
    form = [("csrfmiddlewaretoken", landing.csrf_token()), ("start_token", token)]
    first = await browser.go("POST", f"/q/{slug}/commencer/", form)
    again = await browser.go("POST", f"/q/{slug}/commencer/", form)  # double click
    if first.status != 302 or again.location != first.location:
        browser.tally.unexpected_reply("double start", again)
        return
    reply = await browser.go("GET", first.location)
    location = reply.location
    pages = {k: [tuple(p) for p in v] for k, v in plan["pages"].items()}
    seen: set[str] = set()
    while "/p/" in location:
        section = location.rstrip("/").rsplit("/", 1)[1]
        if section not in pages or section in seen:
            browser.tally.unexpected[f"page: unexpected section {section}"] += 1
            return
        seen.add(section)
        page = await browser.go("GET", location)
        if page.status != 200:
            browser.tally.unexpected_reply("page", page)
            return
        posted = await browser.go(
            "POST", location, [("csrfmiddlewaretoken", page.csrf_token()), *pages[section]]
        )
        if posted.status != 302:
            browser.tally.unexpected_reply(f"page {section}", posted)
            return
        location = posted.location
    review = await browser.go("GET", location)
    if review.status != 200:
        browser.tally.unexpected_reply("review", review)
        return
    form = [("csrfmiddlewaretoken", review.csrf_token())]
    for attempt in ("submit", "double submit"):
        reply = await browser.go("POST", location, form)
        if reply.status != 302 or not reply.location.endswith("/merci/"):
            browser.tally.unexpected_reply(attempt, reply)
            return
        out.acknowledged = True


async def pool(
    port: int,
    tally: Tally,
    items: Iterator[Callable[[Browser], Awaitable[None]]],
    concurrency: int,
) -> None:
    async def client() -> None:
        for work in items:  # shared iterator: each item is taken by one client
            browser = Browser(port, tally)
            try:
                await work(browser)
            except HttpError as error:
                tally.unexpected[f"gave up: {error}"[:160]] += 1
            finally:
                await browser.close()
            tally.done += 1

    await asyncio.gather(*(client() for _ in range(concurrency)))


async def faults(server: VivierServe, tally: Tally, total: int, log: list[str]) -> None:
    """Kills a worker at 20 % and 40 % of the work, the whole server at 60 %, then restarts it."""
    schedule = [(0.2, "worker"), (0.4, "worker"), (0.6, "server")]
    for share, what in schedule:
        while tally.done < share * total:
            await asyncio.sleep(0.05)
        if what == "worker":
            pid = await asyncio.to_thread(server.kill_worker)
            log.append(f"kill -9 worker {pid} after {tally.done}/{total}")
        else:
            await asyncio.to_thread(server.kill_all)
            log.append(f"kill -9 server and workers after {tally.done}/{total}")
            started = time.perf_counter()
            await asyncio.to_thread(server.start)
            log.append(f"vivier serve restarted in {time.perf_counter() - started:.1f} s")


async def bare_view(port: int, requests: int, concurrency: int) -> float:
    """Requests per second of /sante/ with the same number of clients."""
    remaining = iter(range(requests))

    async def client() -> None:
        connection = Connection("127.0.0.1", port)
        for _ in remaining:
            reply = await connection.request("GET", "/sante/")
            if reply.status != 200:
                raise HttpError(f"/sante/: HTTP {reply.status}")
        await connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    return requests / (time.perf_counter() - started)


def _run[T](coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: the caller may already run an event loop (a
    test session whose browser tests use Playwright's)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def run_scenario(
    database: str,
    sizes: Sizes,
    *,
    concurrency: int = 32,
    workers: int = 4,
    postgres_url: str = srv.DEFAULT_POSTGRES_URL,
    work_dir: Path | None = None,
    with_faults: bool = True,
) -> dict[str, Any]:
    """The whole scenario on one database; returns the figures (raises SkippedError)."""
    work_dir = work_dir or srv.ROOT / "var" / f"bench-faults-{database}"
    database_info = srv.fresh_database(database, work_dir, postgres_url)
    env = srv.bench_env(database, work_dir, postgres_url)
    plan_file = work_dir / "plan.json"
    srv.run_checked(
        [
            sys.executable,
            "-m",
            "bench.appside",
            "prepare",
            f"--drafts={sizes.drafts}",
            f"--full={sizes.full}",
            f"--out={plan_file}",
        ],
        env,
        "setup (migrate, demo, drafts)",
    )
    plan = json.loads(plan_file.read_text())
    slug = plan["campaign"]
    server = VivierServe(env, work_dir / "serve.log", workers, srv.free_port())
    tally = Tally()
    fault_log: list[str] = []
    outcomes: list[Outcome] = []

    def items() -> Iterator[Callable[[Browser], Awaitable[None]]]:
        # Interleaved, so faults hit both kinds of work.
        people = iter(plan["plans"])
        for index, draft in enumerate(plan["drafts"]):
            out = Outcome(draft["key"], draft["digest"])
            outcomes.append(out)
            yield lambda b, d=draft, o=out: submit_draft(b, slug, d, o)
            if index % max(1, sizes.drafts // max(1, sizes.full)) == 0:
                person = next(people, None)
                if person is not None:
                    out = Outcome("", person["digest"])
                    outcomes.append(out)
                    yield lambda b, p=person, o=out: whole_path(b, slug, p, o)

    total = sizes.drafts + min(sizes.full, len(plan["plans"]))
    server.start()
    try:
        bare_rate = _run(bare_view(server.port, sizes.bare_requests, concurrency))

        async def main() -> float:
            started = time.perf_counter()
            tasks = [pool(server.port, tally, items(), concurrency)]
            if with_faults:
                tasks.append(faults(server, tally, total, fault_log))
            await asyncio.gather(*tasks)
            return time.perf_counter() - started

        wall = _run(main())
    finally:
        server.stop()

    expect = {o.key: o.digest for o in outcomes if o.key}
    expect_file, check_file = work_dir / "expect.json", work_dir / "check.json"
    expect_file.write_text(json.dumps(expect))
    srv.run_checked(
        [
            sys.executable,
            "-m",
            "bench.appside",
            "verify",
            f"--expect={expect_file}",
            f"--out={check_file}",
        ],
        env,
        "verification",
    )
    check = json.loads(check_file.read_text())
    acknowledged = {o.key for o in outcomes if o.acknowledged}
    lost = acknowledged & set(check["unsubmitted_keys"])
    altered = acknowledged & set(check["altered_keys"])
    started_full = sum(1 for o in outcomes if o.key and not o.key.startswith("bench-"))
    duplicated = check["duplicated"] + max(0, check["created_prefixless"] - started_full)
    rate = tally.requests / wall if wall else 0.0
    return {
        "database": database,
        "database_info": database_info,
        "workers": workers,
        "concurrency": concurrency,
        "faults": fault_log,
        "server_starts": server.starts,
        "acknowledged": len(acknowledged),
        "lost": len(lost),
        "altered": len(altered),
        "duplicated": duplicated,
        "http_5xx": sum(tally.server_errors.values()),
        "http_5xx_kinds": dict(tally.server_errors.most_common(10)),
        "unexpected": dict(tally.unexpected.most_common(10)),
        "unexpected_count": sum(tally.unexpected.values()),
        "client_retries": tally.retries,
        "requests": tally.requests,
        "wall_s": round(wall, 2),
        "requests_per_second": round(rate, 1),
        "bare_view_requests_per_second": round(bare_rate, 1),
        "share_of_bare_view": round(rate / bare_rate, 3) if bare_rate else None,
        "examples": {"lost": sorted(lost)[:5], "altered": sorted(altered)[:5]},
        "serve_log_tail": (work_dir / "serve.log").read_text(errors="replace")[-3000:],
    }


def table(results: list[dict[str, Any]]) -> str:
    head = ("db", "acknowledged", "lost", "altered", "duplicated", "5xx", "req/s", "bare req/s")
    rows = [head]
    for r in results:
        if r.get("status") != "done":
            rows.append((r["database"], "skipped", "", "", "", "", "", r.get("reason", "")[:50]))
            continue
        rows.append(
            (
                r["database"],
                str(r["acknowledged"]),
                str(r["lost"]),
                str(r["altered"]),
                str(r["duplicated"]),
                str(r["http_5xx"]),
                f"{r['requests_per_second']:.0f} ({r['share_of_bare_view']:.0%})",
                f"{r['bare_view_requests_per_second']:.0f}",
            )
        )
    return srv.text_table(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench faults", description=DESCRIPTION)
    parser.add_argument("--quick", action="store_true", help="small sizes, to try the harness")
    parser.add_argument("--db", choices=[*DATABASES, "all"], default="all")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("VIVIER_BENCH_POSTGRES_URL", srv.DEFAULT_POSTGRES_URL),
    )
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    results = []
    for database in DATABASES if args.db == "all" else (args.db,):
        print(f"faults benchmark on {database}...", flush=True)
        result: dict[str, Any] = {
            "benchmark": "faults",
            "database": database,
            "quick": args.quick,
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": srv.machine_info(),
        }
        try:
            result.update(
                run_scenario(
                    database,
                    sizes,
                    concurrency=args.concurrency,
                    workers=args.workers,
                    postgres_url=args.postgres_url,
                ),
                status="done",
            )
        except srv.SkippedError as skipped:
            result.update(status="skipped", reason=str(skipped))
        path = RESULTS_DIR / f"faults-{database}{'-quick' if args.quick else ''}.json"
        srv.write_result(path, result)
        print(f"  written {path.relative_to(srv.ROOT)}", flush=True)
        for line in result.get("faults", []):
            print(f"  {line}")
        results.append(result)
    print()
    print(table(results))
    bad = [
        r["database"]
        for r in results
        if r.get("status") == "done"
        and (r["lost"] or r["altered"] or r["duplicated"] or r["http_5xx"] or r["unexpected"])
    ]
    if bad:
        print(f"faults: data lost, altered or duplicated, or errors, on {bad}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
