"""Evaluation: the evaluation page and the four reports of a practice with a full plan.

For each database (SQLite, PostgreSQL):

1. a fresh database gets the schema and one practice with an evaluation plan of 10
   indicators (8 counts, 2 rates) x 5 years of monthly approved measurements (600 values),
   yearly targets, 200 stories of change with distinct texts (most quotable, some withdrawn),
   outcomes, a committee's opinions and funding records (this module's ``_side prepare``, in
   a Django subprocess, before any clock starts); a working-group account is signed in;
2. gunicorn serves the application and one client, signed in, GETs the evaluation page
   ``/evaluation/<slug>/`` sequentially: p50 and p95 (target p95 <= 150 ms);
3. the same client downloads each report (funder PDF, funder XLSX, qualitative PDF,
   qualitative DOCX) several times: median and slowest (target: each <= 5 s).

    python -m bench evaluation [--quick] [--db sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench import server as srv

DESCRIPTION = "evaluation page p95 and the four reports' time, 10 indicators x 5 years"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
DATABASES = ("sqlite", "postgresql")
TARGET_PAGE_P95_MS = 150.0
TARGET_REPORT_S = 5.0
REPORTS = (("funder", "pdf"), ("funder", "xlsx"), ("qualitative", "pdf"), ("qualitative", "docx"))
INDICATORS, YEARS, FIRST_YEAR, STORIES = 10, 5, 2021, 200


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


# --------------------------------------------------------------------------- Django side


def prepare() -> dict[str, Any]:
    """The practice, its plan and everything the page and the reports read; a session."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    import django

    django.setup()
    from datetime import date
    from decimal import Decimal

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

    from vivier.evaluation import plans
    from vivier.evaluation.models import (
        Committee,
        CommitteeSession,
        FundingRecord,
        Measurement,
        Opinion,
        Outcome,
        OutcomeSource,
        Story,
    )
    from vivier.plans import schema
    from vivier.practices import registry
    from vivier.sheets.schema import Sheet

    start = time.perf_counter()
    now = timezone.now()
    with transaction.atomic():
        practice = registry.save_sheet(Sheet(title="Banc d’essai de l’évaluation"))
        plan = plans.start(practice)
        indicators = []
        for number in range(INDICATORS):
            is_rate = number >= INDICATORS - 2
            indicators.append(
                schema.Indicator(
                    key=f"indicateur_{number}",
                    title=f"Indicateur n° {number + 1} du banc d’essai",
                    description="Compté chaque mois par l’équipe, à partir du registre.",
                    unit="" if is_rate else "personnes",
                    numerator="personnes revenues" if is_rate else "",
                    denominator="personnes venues" if is_rate else "",
                    frequency=schema.Frequency.MONTHLY,
                    targets=tuple(
                        schema.Target(str(FIRST_YEAR + y), 60.0 if is_rate else 600.0 + 10 * y)
                        for y in range(YEARS)
                    ),
                )
            )
        plans.save(
            plan,
            schema.Plan(
                purpose="Mesurer ce que la pratique change, avec les personnes concernées.",
                start=f"{FIRST_YEAR}-01-01",
                indicators=tuple(indicators),
                participation=(
                    schema.ParticipationCell(
                        schema.Step.QUESTIONS,
                        schema.Group.PERSONS_CONCERNED,
                        schema.Mode.CO_DECIDING,
                    ),
                ),
            ),
        )
        rows = []
        for number, indicator in enumerate(indicators):
            for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
                for month in range(1, 13):
                    figure = Decimal(40 + (number * 7 + month * 3 + year) % 30)
                    rows.append(
                        Measurement(
                            plan=plan,
                            indicator=indicator.key,
                            definition=1,
                            period=f"{year}-{month:02d}",
                            value=None if indicator.is_rate else figure,
                            numerator=figure if indicator.is_rate else None,
                            denominator=Decimal(80) if indicator.is_rate else None,
                            state=Measurement.State.APPROVED,
                            decided_at=now,
                        )
                    )
        Measurement.objects.bulk_create(rows)
        Story.objects.bulk_create(
            Story(
                plan=plan,
                teller_group="personnes_concernees" if index % 3 else "professionnels",
                teller_alias=f"Personne {index + 1}",
                domain=f"Domaine {index % 7 + 1}",
                title=f"Récit n° {index + 1}",
                what_changed=(
                    f"Récit {index + 1} : depuis le mois {index % 12 + 1}, je viens aux "
                    f"rencontres et j’ai repris contact avec {index % 5 + 1} personnes."
                ),
                why_it_matters=f"Parce que cela fait {index % 9 + 2} ans que j’étais seul.",
                consent_quote=True,
                consent_recorded_at=now,
                consent_withdrawn_at=now if index % 10 == 9 else None,
            )
            for index in range(STORIES)
        )
        for index in range(10):
            outcome = Outcome.objects.create(
                plan=plan,
                social_actor=f"Partenaire {index + 1}",
                change=f"Il oriente des familles vers la pratique ({index + 1}).",
                when=str(FIRST_YEAR + index % YEARS),
                where="Gironde",
                significance="Plus de familles accompagnées.",
                contribution="Les rencontres avec l’équipe.",
            )
            OutcomeSource.objects.create(
                outcome=outcome, source="une éducatrice", substantiated=True
            )
        committee = Committee.objects.create(name="Comité du banc d’essai", practice=practice)
        for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            session = CommitteeSession.objects.create(
                committee=committee, practice=practice, date=date(year, 6, 1), state="closed"
            )
            for group in ("professionnel", "personne_concernee", "commun"):
                Opinion.objects.create(session=session, group=group, text=f"Avis {group} {year}.")
        FundingRecord.objects.bulk_create(
            FundingRecord(
                plan=plan,
                year=year,
                funder=funder,
                budget_line=line,
                budgeted=Decimal(10000),
                received=Decimal(9000),
                spent=Decimal(8000),
            )
            for year in range(FIRST_YEAR, FIRST_YEAR + YEARS)
            for funder in ("CAF", "Département", "Fondation")
            for line in ("Animation", "Locaux")
        )
        user = get_user_model().objects.create_user("bench_group")
        user.groups.set(Group.objects.filter(name="groupe_de_travail"))
    # A signed-in session, as django.contrib.auth.login leaves one.
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend that signs accounts in (the others only refuse or add rights).
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {
        "slug": practice.slug,
        "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
        "measurements": len(rows),
        "stories": STORIES,
        "seconds": round(time.perf_counter() - start, 1),
    }


# --------------------------------------------------------------------------- client side


def _get(url: str, cookie: str) -> tuple[float, int, int]:
    """Milliseconds, status and size of one GET."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as reply:
        body = reply.read()
        status = reply.status
    return (time.perf_counter() - start) * 1000, status, len(body)


def _measure(url: str, cookie: str, rounds: int) -> dict[str, Any]:
    timings: list[float] = []
    errors, size = 0, 0
    for _ in range(rounds):
        try:
            elapsed, status, size = _get(url, cookie)
        except OSError:
            errors += 1
            continue
        if status != 200:
            errors += 1
            continue
        timings.append(elapsed)
    return {
        "count": len(timings),
        "p50": round(_percentile(timings, 0.5), 2),
        "p95": round(_percentile(timings, 0.95), 2),
        "max": round(max(timings, default=0.0), 2),
        "bytes": size,
        "errors": errors,
    }


def _side(env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.evaluation", "_side", "prepare"],
        env=env,
        cwd=srv.ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.evaluation prepare failed:\n{done.stderr[-4000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run_database(database: str, page_rounds: int, report_rounds: int) -> dict[str, Any]:
    work = srv.ROOT / "var" / f"bench-evaluation-{database}"
    postgres_url = "postgresql://postgres@127.0.0.1:5432/vivier_bench_evaluation"
    try:
        info = srv.fresh_database(database, work, postgres_url)
    except srv.SkippedError as error:
        return {"database": database, "status": "skipped", "reason": str(error)}
    env = srv.bench_env(database, work, postgres_url)
    srv.run_checked([sys.executable, "-m", "vivier", "migrate"], env, "migrate")
    setup = _side(env)
    config = srv.ServerConfig(workers=2, worker_class="sync", threads=1)
    reports: dict[str, Any] = {}
    with srv.gunicorn(config, env, work / "gunicorn.log") as server:
        base = f"http://127.0.0.1:{server.port}/evaluation/{setup['slug']}/"
        _measure(base, setup["cookie"], 4)  # warm-up: imports, caches, connections
        page = _measure(base, setup["cookie"], page_rounds)
        for track, fmt in REPORTS:
            url = f"{base}rapports/{track}.{fmt}"
            _measure(url, setup["cookie"], 1)  # warm-up: WeasyPrint, fonts, openpyxl
            found = _measure(url, setup["cookie"], report_rounds)
            reports[f"{track}.{fmt}"] = {
                "count": found["count"],
                "median_s": round(found["p50"] / 1000, 3),
                "max_s": round(found["max"] / 1000, 3),
                "bytes": found["bytes"],
                "errors": found["errors"],
            }
    return {
        "database": database,
        "status": "done",
        "database_info": info,
        "setup": setup | {"cookie": "(secret)"},
        "page_ms": page,
        "reports": reports,
    }


def _met(result: dict[str, Any]) -> bool:
    page = result["page_ms"]
    return (
        page["count"] > 0
        and page["errors"] == 0
        and page["p95"] <= TARGET_PAGE_P95_MS
        and all(
            r["count"] > 0 and r["errors"] == 0 and r["max_s"] <= TARGET_REPORT_S
            for r in result["reports"].values()
        )
    )


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:2] == ["_side", "prepare"]:
        print(json.dumps(prepare()))
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench evaluation", description=DESCRIPTION)
    parser.add_argument("--quick", action="store_true", help="fewer requests")
    parser.add_argument("--db", choices=DATABASES, action="append")
    args = parser.parse_args(argv)
    page_rounds, report_rounds = (30, 2) if args.quick else (200, 5)
    results = [run_database(db, page_rounds, report_rounds) for db in args.db or DATABASES]
    report = {
        "benchmark": "evaluation",
        "quick": args.quick,
        "sizes": {"indicators": INDICATORS, "years": YEARS, "stories": STORIES},
        "targets": {"page_p95_ms": TARGET_PAGE_P95_MS, "report_s": TARGET_REPORT_S},
        "machine": srv.machine_info(),
        "results": results,
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    name = "evaluation-quick.json" if args.quick else "evaluation.json"
    (RESULTS_DIR / name).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    columns = " | ".join(f"{track} {fmt}" for track, fmt in REPORTS)
    print(f"\n{'db':<10} | page p50 | page p95 | {columns} (slowest, s) | target met")
    print("-" * 110)
    failed = 0
    for r in results:
        if r["status"] != "done":
            print(f"{r['database']:<10} | skipped: {r['reason']}")
            continue
        p = r["page_ms"]
        times = " | ".join(
            f"{r['reports'][f'{t}.{f}']['max_s']:>{len(t) + len(f) + 1}.2f}" for t, f in REPORTS
        )
        print(
            f"{r['database']:<10} | {p['p50']:>5.1f} ms | {p['p95']:>5.1f} ms | {times} "
            f"{'':>13} | {'yes' if _met(r) else 'NO'}"
        )
        errors = p["errors"] + sum(x["errors"] for x in r["reports"].values())
        if errors:
            print(f"{r['database']:<10} | {errors} request(s) failed")
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
