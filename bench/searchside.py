"""The search benchmark's Django side (run in a subprocess with the benchmark's database).

    python -m bench.searchside prepare --sheets N     N published sheets, bulk-inserted
    python -m bench.searchside search --rounds R --queries JSON

Sheets are variations of the report's 21 demo practices: each copy gets another place,
year and a numbered title, so the index holds many near-duplicates, as a national registry
of similar practices would. Bulk inserts (not ``registry.save_sheet``, which also writes a
version per sheet) keep the preparation short; the search columns, the derived tables and
the search index (``search.index_many``) are computed the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from dataclasses import replace
from typing import Any


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    import django

    django.setup()


def prepare(count: int) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.utils import timezone

    from vivier.demo.practices import practices
    from vivier.practices import registry, search, word_weights
    from vivier.practices.models import Practice, PracticePlace, PracticeTheme
    from vivier.sheets import schema
    from vivier.territories import DEPARTEMENT_CODES, region_of

    rng = random.Random(50_000)
    codes = sorted(DEPARTEMENT_CODES)
    base = practices()
    start = time.perf_counter()
    now = timezone.now()
    batch: list[tuple[Practice, schema.Sheet]] = []

    def flush() -> None:
        with transaction.atomic():
            created = Practice.objects.bulk_create([p for p, _ in batch])
            themes, places = [], []
            for practice, sheet in zip(created, (s for _, s in batch), strict=True):
                themes += [PracticeTheme(practice=practice, theme=t.value) for t in sheet.themes]
                places += [
                    PracticePlace(practice=practice, departement=d, region=region_of(d))
                    for d in sheet.territory.departements
                ]
            PracticeTheme.objects.bulk_create(themes)
            PracticePlace.objects.bulk_create(places)
            search.index_many(list(zip(created, (s for _, s in batch), strict=True)))
        batch.clear()

    for index in range(count):
        source = base[index % len(base)]
        departement = rng.choice(codes)
        sheet = replace(
            source,
            code=None,
            title=f"{source.title} — variante {index}",
            territory=schema.Territory(departements=(departement,)),
            start_year=rng.randint(2000, 2024),
        )
        body = registry.body_text(sheet)
        practice = Practice(
            slug=f"bench-{index}",
            title=sheet.title[:300],
            state="published",
            data=schema.to_dict(sheet),
            stage=sheet.stage.value if sheet.stage else "",
            status=sheet.status.value if sheet.status else "",
            start_year=sheet.start_year,
            body=body,
            search_stems=search.stems_of(body),
            created_at=now,
            updated_at=now,
            published_at=now,
        )
        batch.append((practice, sheet))
        if len(batch) >= 1000:
            flush()
    if batch:
        flush()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE practices_practice")
            cursor.execute(f"VACUUM ANALYZE {search.INDEX_TABLE}")
            # As autovacuum would after a bulk load: index-only scans of the word table then
            # skip the heap (its pages are marked all-visible).
            cursor.execute(f"VACUUM ANALYZE {word_weights.WORDS_TABLE}")
    return {"sheets": Practice.objects.count(), "seconds": round(time.perf_counter() - start, 1)}


def measure(rounds: int, queries: list[str]) -> dict[str, Any]:
    from vivier.practices import search

    for query in queries:  # warm-up: connection, caches, stemmer
        search.search(query, published_only=True, limit=20)
    timings: list[float] = []
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            # What a results page needs: the first 20 published sheets of the ranking.
            search.search(query, published_only=True, limit=20)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()

    def pick(share: float) -> float:
        return round(timings[min(len(timings) - 1, round(share * (len(timings) - 1)))], 2)

    return {"latency": {"count": len(timings), "p50": pick(0.5), "p95": pick(0.95)}}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.searchside")
    sub = parser.add_subparsers(dest="action", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--sheets", type=int, required=True)
    s = sub.add_parser("search")
    s.add_argument("--rounds", type=int, required=True)
    s.add_argument("--queries", required=True)
    args = parser.parse_args(argv)
    _setup()
    if args.action == "prepare":
        result = prepare(args.sheets)
    else:
        result = measure(args.rounds, json.loads(args.queries))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
