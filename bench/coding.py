"""Coding screen: each action of a person coding 1,771 HCTS answers, through `vivier serve`.

For each database (SQLite, PostgreSQL):

1. a fresh database gets the schema, the HCTS questionnaire and a campaign of 1,771
   responses from the demo's generator (``vivier.demo.hcts_responses``) with their free
   texts made distinct (a real campaign's are); the texts to code follow the responses (the
   coding app syncs them when they are stored); the HCTS starter codebook is loaded (or, if
   it cannot be, nine codes made directly); half of the texts are already coded by two
   analysts and 200 are in an open blind round of both, so that "coded", "not coded yet"
   and the blind rule have real work to do (this module's ``_side prepare``, in a Django
   subprocess, before any clock starts); one analyst is signed in;
2. ``vivier serve`` serves the application, and one client, signed in, walks the texts not
   coded yet as the keyboard-first screen does: open a text, apply a code to the whole text,
   apply another to a span, remove that one, undo the removal, go to the next text not coded
   yet. Actions are posted as the screen's script posts them (htmx: the server answers with
   the changed parts only); p50 and p95 of each (target: p95 <= 150 ms);
3. the floor: the same client GETs a bare Django view of the same server (``/sante/``,
   no database, no template), so the figures read against what any page costs there.

What a user would otherwise pick: the working group coded in a spreadsheet, where there is
no such action to time (no code list, no span, no undo of a coding, no blind round), so the
bare view of the same server is the comparison.

    python -m bench coding [--quick] [--db sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench import server as srv
from bench.faults import VivierServe

DESCRIPTION = "coding screen: each action's p95 at 1,771 HCTS answers, through `vivier serve`"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
DATABASES = ("sqlite", "postgresql")
TARGET_P95_MS = 150.0
ACTIONS = ("open", "apply_whole", "apply_span", "remove", "undo", "next_uncoded")
CAMPAIGN = "banc-codage"
ROUND_SIZE = 200


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


# --------------------------------------------------------------------------- Django side


def _distinct(answers: dict[str, Any], free: set[str], index: int) -> dict[str, Any]:
    """The free texts of one response made its own (an address or a number is left alone)."""
    for key, value in answers.items():
        is_free = key in free or key.endswith("_other")
        if is_free and isinstance(value, str) and " " in value:
            answers[key] = f"{value} (réponse {index + 1})"
    return answers


def _own_sources(campaign: Any, free: set[str]) -> int:
    """The texts to code made here, if the coding app did not make them from the answers."""
    from vivier.coding.models import Source

    rows = []
    for response in campaign.responses.all():
        for key, value in response.answers.items():
            if (key in free or key.endswith("_other")) and isinstance(value, str) and value:
                rows.append(
                    Source(
                        campaign=campaign,
                        kind=Source.Kind.ANSWER,
                        name=f"{response.key}, {key}",
                        response=response,
                        question=key,
                        text=value,
                    )
                )
    Source.objects.bulk_create(rows)
    return len(rows)


def _codes(campaign: Any, user: Any) -> tuple[list[Any], str]:
    """The codebook: the HCTS starter, or nine codes for every text if it cannot load."""
    from vivier.coding.models import Code, Codebook

    try:
        from vivier.coding import codebooks

        codebooks.load_starter(campaign, "hcts-2020", user=user)
        how = "starter hcts-2020"
    except Exception as error:  # the starter's loader is another part: measure without it
        book, _ = Codebook.objects.get_or_create(campaign=campaign, defaults={"name": "Banc"})
        Code.objects.filter(codebook=book).delete()
        for number in range(1, 10):
            Code.objects.create(
                codebook=book, name=f"Code {number}", shortcut=str(number), position=number
            )
        how = f"nine codes made here ({type(error).__name__})"
    # The starter's codes are meant for four questions; one code for every text lets the walk
    # go through all of them, as a codebook with a general code would.
    Code.objects.create(
        codebook=Codebook.objects.get(campaign=campaign),
        name="À relire",
        shortcut="h",
        position=999,
    )
    codes = list(Code.objects.filter(codebook__campaign=campaign, active=True, is_codable=True))
    return codes, how


def prepare() -> dict[str, Any]:
    """The campaign, its texts, codebook, codings and round; a signed-in analyst."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    import django

    django.setup()
    import random
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction
    from django.utils import timezone

    from vivier.campaigns import services
    from vivier.campaigns.models import Campaign
    from vivier.campaigns.questionnaires import install
    from vivier.coding import codings
    from vivier.coding.models import Coding, CodingRound, RoundAssignment, Source
    from vivier.demo.hcts_responses import generate
    from vivier.surveys.questionnaires import hcts_2020
    from vivier.surveys.schema import QuestionType

    start = time.perf_counter()
    version = install(hcts_2020.build())
    campaign = Campaign.objects.create(
        slug=CAMPAIGN,
        title="Banc d’essai du codage",
        questionnaire=version,
        opens_at=timezone.now() - timedelta(days=30),
    )
    q = version.questionnaire()
    free = {
        key
        for key, question in q.question_map().items()
        if question.type in {QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT}
    }
    generated = generate(q)
    with transaction.atomic():
        for index, response in enumerate(generated):
            services.create_submitted(
                campaign,
                key=response.key,
                answers=_distinct(dict(response.answers), free, index),
                submitted_at=response.submitted_at,
                mode=response.mode,
            )
    made_here = 0
    if not Source.objects.filter(campaign=campaign).exists():
        made_here = _own_sources(campaign, free)
    analysts = Group.objects.filter(name="analyste")
    users = get_user_model()
    user = users.objects.create_user("bench_coder")
    user.groups.set(analysts)
    other = users.objects.create_user("bench_second_coder")
    other.groups.set(analysts)
    codes, codebook = _codes(campaign, user)
    sources = list(Source.objects.filter(campaign=campaign).order_by("pk"))
    rng = random.Random(21)
    now = timezone.now()
    rows = []
    # Half the texts coded already, by one analyst or the other, one or two codes each.
    for source in sources[::2]:
        meant = codings.codes_for(source, codes)
        for code in rng.sample(meant, min(len(meant), rng.choice((1, 2)))):
            rows.append(
                Coding(
                    source=source,
                    code=code,
                    coder=rng.choice((user, other)),
                    created_at=now - timedelta(minutes=rng.randrange(10_000)),
                )
            )
    Coding.objects.bulk_create(rows)
    blind = CodingRound.objects.create(
        campaign=campaign, number=1, title="Cycle du banc", sample_size=ROUND_SIZE
    )
    sampled = rng.sample(sources, min(ROUND_SIZE, len(sources)))
    RoundAssignment.objects.bulk_create(
        RoundAssignment(round=blind, source=s, coder=c) for s in sampled for c in (user, other)
    )
    # Statistics of the tables just filled, as autovacuum (PostgreSQL) would gather them after
    # a bulk load: without them the planner takes the new tables for empty ones.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {
        "slug": CAMPAIGN,
        "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
        "responses": len(generated),
        "sources": len(sources),
        "sources_made_by_the_bench": made_here,
        "questions": len({s.question for s in sources}),
        "codebook": codebook,
        "codes": len(codes),
        "codings": len(rows),
        "round_sources": len(sampled),
        "seconds": round(time.perf_counter() - start, 1),
    }


# --------------------------------------------------------------------------- client side

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_CODE = re.compile(r'<button[^>]*name="code" value="(\d+)"')
_REMOVE = re.compile(r'action="([^"]*/retirer/\d+/)"')
_NEXT_UNCODED = re.compile(r'id="screen-next-uncoded" href="([^"]+)"')


class HttpClient:
    """One signed-in browser: its cookies, one request at a time, the time of each."""

    def __init__(self, port: int, cookie: str):
        self.port = port
        self.cookies = dict([cookie.split("=", 1)])

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None, *, htmx: bool = False
    ) -> tuple[float, int, str, dict[str, str]]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if htmx:
            headers["HX-Request"] = "true"
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            reply = connection.getresponse()
            text = reply.read().decode("utf-8", "replace")
        finally:
            connection.close()
        elapsed = (time.perf_counter() - started) * 1000
        for name, value in reply.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return elapsed, reply.status, text, {k.lower(): v for k, v in reply.getheaders()}


def _walk(client: HttpClient, slug: str, rounds: int) -> tuple[dict[str, list[float]], list[str]]:
    """``rounds`` texts coded as a keyboard user codes them; the time of each action."""
    timings: dict[str, list[float]] = {name: [] for name in ACTIONS}
    errors: list[str] = []
    base = f"/codage/{slug}/coder/"
    # The entry sends the person to the first text not coded yet.
    _ms, status, _text, headers = client.request("GET", base + "?uncoded=1")
    if status != 302:
        return timings, [f"entry: HTTP {status}"]
    page = headers["location"]

    def post(name: str, path: str, form: dict[str, str], expect: int = 200) -> str:
        elapsed, status, text, _headers = client.request("POST", path, form, htmx=True)
        if status != expect:
            errors.append(f"{name}: HTTP {status}")
        timings[name].append(elapsed)
        return text

    for _ in range(rounds):
        elapsed, status, text, _headers = client.request("GET", page)
        if status != 200:
            errors.append(f"open: HTTP {status}")
            break
        timings["open"].append(elapsed)
        token = _CSRF.search(text)
        codes = _CODE.findall(text)
        if token is None or not codes:
            errors.append("open: no token or no code on the page")
            break
        text_url = page.split("?", 1)[0]
        form = {"csrfmiddlewaretoken": token.group(1), "queue": "uncoded=1"}
        post("apply_whole", text_url + "appliquer/", {**form, "code": codes[0]})
        answer = post(
            "apply_span",
            text_url + "appliquer/",
            {**form, "code": codes[-1], "start": "0", "end": "8"},
        )
        removable = _REMOVE.findall(answer)
        if not removable:
            errors.append("apply_span: no coding to remove in the answer")
            break
        post("remove", removable[-1], form)
        post("undo", text_url + "annuler/", form)
        following = _NEXT_UNCODED.search(text)
        if following is None:
            break
        page = following.group(1).replace("&amp;", "&")
        elapsed, status, _text, _headers = client.request("GET", page)
        if status != 200:
            errors.append(f"next_uncoded: HTTP {status}")
        timings["next_uncoded"].append(elapsed)
    return timings, errors


def _stats(values: list[float]) -> dict[str, float | int]:
    return {
        "count": len(values),
        "p50": round(_percentile(values, 0.5), 2),
        "p95": round(_percentile(values, 0.95), 2),
        "max": round(max(values, default=0.0), 2),
    }


def _side(env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.coding", "_side", "prepare"],
        env=env,
        cwd=srv.ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.coding prepare failed:\n{done.stderr[-4000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run_database(database: str, rounds: int) -> dict[str, Any]:
    work = srv.ROOT / "var" / f"bench-coding-{database}"
    postgres_url = os.environ.get(
        "VIVIER_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/vivier_bench_coding"
    )
    try:
        info = srv.fresh_database(database, work, postgres_url)
    except srv.SkippedError as error:
        return {"database": database, "status": "skipped", "reason": str(error)}
    env = srv.bench_env(database, work, postgres_url)
    srv.run_checked([sys.executable, "-m", "vivier", "migrate"], env, "migrate")
    setup = _side(env)
    workers = 2
    server = VivierServe(env, work / "serve.log", workers, srv.free_port())
    server.start()
    try:
        client = HttpClient(server.port, setup["cookie"])
        _walk(client, setup["slug"], 3)  # warm-up: imports, caches, connections
        load_before = os.getloadavg()
        timings, errors = _walk(client, setup["slug"], rounds)
        floor = [client.request("GET", "/sante/")[0] for _ in range(max(rounds, 50))]
        load_after = os.getloadavg()
    finally:
        server.stop()
    return {
        "database": database,
        "status": "done",
        "database_info": info,
        "server": {"command": "vivier serve", "workers": workers, "threads": 8},
        "setup": setup | {"cookie": "(secret)"},
        "actions_ms": {name: _stats(values) for name, values in timings.items()},
        "bare_view_ms": _stats(floor),
        "load_average": {"before": load_before, "after": load_after},
        "errors": errors,
    }


def _met(result: dict[str, Any]) -> bool:
    actions = result["actions_ms"]
    return not result["errors"] and all(
        actions[name]["count"] > 0 and actions[name]["p95"] <= TARGET_P95_MS for name in ACTIONS
    )


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:2] == ["_side", "prepare"]:
        print(json.dumps(prepare()))
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench coding", description=DESCRIPTION)
    parser.add_argument("--quick", action="store_true", help="fewer texts coded")
    parser.add_argument("--db", choices=DATABASES, action="append")
    args = parser.parse_args(argv)
    rounds = 30 if args.quick else 200
    results = [run_database(db, rounds) for db in args.db or DATABASES]
    report = {
        "benchmark": "coding",
        "quick": args.quick,
        "sizes": {"texts_coded": rounds, "round_sources": ROUND_SIZE},
        "targets": {"action_p95_ms": TARGET_P95_MS},
        "compared_with": "a bare Django view of the same server (/sante/): a spreadsheet, "
        "what the working group used, has no such action to time",
        "machine": srv.machine_info(),
        "results": results,
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    name = "coding-quick.json" if args.quick else "coding.json"
    (RESULTS_DIR / name).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    failed = 0
    for r in results:
        if r["status"] != "done":
            print(f"\ncoding screen, {r['database']}: skipped: {r['reason']}")
            continue
        setup = r["setup"]
        print(
            f"\ncoding screen, {r['database']}: {setup['responses']} responses, "
            f"{setup['sources']} texts to code, {setup['codes']} codes ({setup['codebook']}), "
            f"{setup['codings']} codings already, {setup['round_sources']} texts in an open "
            f"blind round; `vivier serve`, one signed-in analyst, htmx posts"
        )
        rows = [("action", "p50 ms", "p95 ms", "max ms", "n", "target p95", "met")]
        for action in ACTIONS:
            s = r["actions_ms"][action]
            rows.append(
                (
                    action.replace("_", " "),
                    f"{s['p50']:.1f}",
                    f"{s['p95']:.1f}",
                    f"{s['max']:.1f}",
                    str(s["count"]),
                    f"{TARGET_P95_MS:.0f}",
                    "yes" if s["count"] and s["p95"] <= TARGET_P95_MS else "NO",
                )
            )
        floor = r["bare_view_ms"]
        rows.append(
            (
                "floor: bare view /sante/",
                f"{floor['p50']:.1f}",
                f"{floor['p95']:.1f}",
                f"{floor['max']:.1f}",
                str(floor["count"]),
                "",
                "",
            )
        )
        print(srv.text_table(rows))
        print("a spreadsheet (what the working group used) has no such action to time")
        print(f"target met: {'yes' if _met(r) else 'NO'}")
        if r["errors"]:
            print(f"{len(r['errors'])} request(s) failed: {r['errors'][:5]}")
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
