"""Suggestions: quality of the offline French model at the top 3, against what a user would
otherwise have, and its training and suggestion time.

1. a coded set shaped like the HCTS answers to Q15–Q16 (``bench/suggestions_corpus.py``:
   distinct texts, themes that share words, vague answers, 8 % of the codes wrong or
   missing, as hurried readers leave them) is split, seeded, into 80 % to train on and 20 %
   to measure on;
2. the model (:mod:`vivier.qualitative.suggest`: spaCy lemmas, TF-IDF, one logistic
   regression per code, cross-validated floor) is trained on the first part, timed, then
   suggests for each text of the second part, timed; spaCy's loading is timed apart (once
   per process, a server pays it once);
3. the same texts get the suggestions of two baselines: **keywords** (the codes whose name
   appears in the text, after the search's stemming: what an analyst's search would find)
   and **most frequent** (the 3 codes most often given, for every text);
4. per code and micro-averaged precision, recall and F1 at the top 3, with the support.

    python -m bench suggestions [--quick] [--texts N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench import server as srv
from bench.suggestions_corpus import NAMES, generate

DESCRIPTION = "suggested codes: P/R/F1 at the top 3 vs keyword and most-frequent baselines"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
TEXTS, QUICK_TEXTS = 1771, 600
TEST_SHARE = 0.2


def keyword_baseline(texts: list[str], k: int) -> list[list[str]]:
    """The codes whose name's stems all appear in the text, most matched words first."""
    from vivier.text.normalize import stems

    names = {code: set(stems(name)) for code, name in NAMES.items()}
    found = []
    for text in texts:
        words = Counter(stems(text))
        hits = [
            (sum(words[w] for w in wanted), code)
            for code, wanted in names.items()
            if wanted and all(words[w] for w in wanted)
        ]
        found.append([code for _count, code in sorted(hits, key=lambda h: (-h[0], h[1]))[:k]])
    return found


def run(count: int, seed: int) -> dict[str, Any]:
    from vivier.qualitative import suggest

    texts, labels = generate(count, seed=seed)
    order = list(range(count))
    random.Random(seed).shuffle(order)
    cut = int(count * (1 - TEST_SHARE))
    train_rows, test_rows = order[:cut], order[cut:]
    train_texts = [texts[i] for i in train_rows]
    train_labels = [labels[i] for i in train_rows]
    test_texts = [texts[i] for i in test_rows]
    test_labels = [labels[i] for i in test_rows]
    settings = suggest.Settings()

    started = time.perf_counter()
    suggest.pipeline()
    load_s = time.perf_counter() - started

    started = time.perf_counter()
    model = suggest.train(train_texts, train_labels, settings=settings)
    train_s = time.perf_counter() - started

    started = time.perf_counter()
    suggested = model.suggest(test_texts)
    suggest_s = time.perf_counter() - started
    predicted = [[code for code, _score in found] for found in suggested]
    result = suggest.measure(predicted, test_labels, NAMES, k=settings.k, suggested=model.suggested)

    keywords = suggest.measure(keyword_baseline(test_texts, settings.k), test_labels, NAMES)
    frequent_codes = [
        code for code, _n in Counter(c for given in train_labels for c in given).most_common(3)
    ]
    frequent = suggest.measure([frequent_codes] * len(test_texts), test_labels, NAMES)
    return {
        "texts": {"total": count, "train": len(train_rows), "test": len(test_rows)},
        "codes": len(NAMES),
        "settings": {
            "k": settings.k,
            "floor": settings.floor,
            "threshold": settings.threshold,
            "min_positives": settings.min_positives,
            "folds": settings.folds,
        },
        "timing": {
            "spacy_load_s": round(load_s, 2),
            "train_s": round(train_s, 2),
            "suggest_ms_per_text": round(1000 * suggest_s / len(test_texts), 2),
        },
        "model": result.as_dict(),
        "held_out_in_training": model.held_out.as_dict(),
        "baselines": {"keywords": keywords.as_dict(), "most_frequent": frequent.as_dict()},
        "versions": model.versions,
    }


def _row(label: str, q: dict[str, Any]) -> str:
    return (
        f"{label:<28} | {q['precision']:>9.2f} | {q['recall']:>6.2f} | {q['f1']:>5.2f} "
        f"| {q['support']:>7}"
    )


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m bench suggestions", description=DESCRIPTION)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_TEXTS} texts")
    parser.add_argument("--texts", type=int, default=None)
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args(argv)
    count = args.texts or (QUICK_TEXTS if args.quick else TEXTS)
    result = run(count, args.seed)
    report = {
        "benchmark": "suggestions",
        "quick": args.quick,
        "seed": args.seed,
        "machine": srv.machine_info(),
        **result,
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    name = "suggestions-quick.json" if args.quick else "suggestions.json"
    (RESULTS_DIR / name).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")

    model, keywords = result["model"], result["baselines"]["keywords"]
    frequent = result["baselines"]["most_frequent"]
    texts, timing = result["texts"], result["timing"]
    print(
        f"\nsuggestions: {texts['train']} texts to train on, {texts['test']} to measure on, "
        f"{result['codes']} codes, top {result['settings']['k']}, "
        f"floor F1 {result['settings']['floor']}"
    )
    print(f"{'micro-averaged':<28} | precision | recall |    F1 | support")
    print("-" * 68)
    print(_row("model, every code", model["micro"]))
    print(_row("model, codes it suggests", model["micro_suggested"]))
    print(_row("keywords (code names)", keywords["micro"]))
    print(_row("most frequent 3 codes", frequent["micro"]))
    print(f"\n{'per code':<22} | model P / R / F1     | keywords F1 | support | suggested")
    print("-" * 78)
    for code, q in model["codes"].items():
        print(
            f"{code:<22} | {q['precision']:.2f} / {q['recall']:.2f} / {q['f1']:.2f} "
            f"| {keywords['codes'][code]['f1']:>11.2f} | {q['support']:>7} "
            f"| {'yes' if q['suggested'] else 'no'}"
        )
    print(
        f"\ntraining {timing['train_s']:.2f} s ({texts['train']} texts, lemmas and "
        f"cross-validation included); suggestion {timing['suggest_ms_per_text']:.2f} ms per "
        f"text; spaCy loaded once in {timing['spacy_load_s']:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
