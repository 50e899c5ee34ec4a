"""Names: recall and precision of person names found by the personal-data pass.

The set is ``tests/coding/data/names_fr.jsonl``: short French sentences in the style of
interview and hearing notes, each with the [start, end) of every person's name in it (titles
left out: "Mme [Benali]"), names of several origins, with places, institutions and sentences
naming nobody. Its lines have a ``part``: ``dev`` (written first; the rules were then tuned
on what the model missed there) and ``heldout`` (written after the tuning, never tuned on).

A name counts as found when spans of kind ``person`` cover it whole; a person span found is
right when it overlaps a labelled name. Recall comes first (target >= 0.9): a reviewer
dismisses a false alarm in a click, but never sees a name that was missed.

    python -m bench names
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DESCRIPTION = "recall and precision of person names on the hand-labelled French set"
DATA = Path(__file__).resolve().parent.parent / "tests" / "coding" / "data" / "names_fr.jsonl"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
TARGET_RECALL = 0.9


def load(path: Path = DATA) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def score(rows: Sequence[dict[str, Any]], found: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """Recall and precision of the person spans ``found`` for each row against its labels."""
    names = hits = spans = right = 0
    missed: list[str] = []
    for row, items in zip(rows, found, strict=True):
        persons = [(f.start, f.end) for f in items if f.kind == "person"]
        for start, end in row["persons"]:
            names += 1
            if any(a <= start and end <= b for a, b in persons):
                hits += 1
            else:
                missed.append(row["text"][start:end])
        for a, b in persons:
            spans += 1
            right += any(a < end and start < b for start, end in row["persons"])
    return {
        "texts": len(rows),
        "names": names,
        "found": hits,
        "person_spans": spans,
        "recall": round(hits / names, 4) if names else 1.0,
        "precision": round(right / spans, 4) if spans else 1.0,
        "missed": missed,
    }


def run() -> dict[str, Any]:
    from vivier.qualitative import pii

    rows = load()
    started = time.perf_counter()
    pii.pipeline()
    load_s = time.perf_counter() - started
    texts = [row["text"] for row in rows]
    pii.find_many(texts[:5])  # warm up: the first batch builds the lexicon
    started = time.perf_counter()
    found = pii.find_many(texts)
    batch_s = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        pii.find(text)
    single_s = time.perf_counter() - started
    parts = {
        part: score(
            [r for r in rows if r.get("part") == part],
            [f for r, f in zip(rows, found, strict=True) if r.get("part") == part],
        )
        for part in ("dev", "heldout")
    }
    return {
        "all": score(rows, found),
        **parts,
        "model_load_s": round(load_s, 2),
        "ms_per_text_batch": round(1000 * batch_s / len(rows), 2),
        "ms_per_text_one_by_one": round(1000 * single_s / len(rows), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench names", description=DESCRIPTION)
    parser.parse_args(argv)
    from bench import server as srv

    result = run()
    report = {
        "benchmark": "names",
        "target_recall": TARGET_RECALL,
        "machine": srv.machine_info(),
        **result,
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "names.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\n{'set':<8} | texts | names | recall | precision | target met")
    print("-" * 58)
    for part in ("dev", "heldout", "all"):
        r = result[part]
        met = "yes" if r["recall"] >= TARGET_RECALL else "NO"
        print(
            f"{part:<8} | {r['texts']:>5} | {r['names']:>5} | {r['recall']:>6.3f} | "
            f"{r['precision']:>9.3f} | {met}"
        )
    print(
        f"\nmodel load {result['model_load_s']} s; per text {result['ms_per_text_batch']} ms "
        f"in batches, {result['ms_per_text_one_by_one']} ms one by one"
    )
    if result["all"]["missed"]:
        print("missed: " + ", ".join(result["all"]["missed"]))
    return 0 if result["all"]["recall"] >= TARGET_RECALL else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
