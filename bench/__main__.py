"""Runs the benchmarks: ``python -m bench [NAME] [OPTIONS]``.

    python -m bench                 every benchmark, full size (what ``make bench`` runs)
    python -m bench --quick         every benchmark, small sizes
    python -m bench submit --quick  one benchmark; options go to it (``submit --help``)

The exit code is the worst of the benchmarks': 0 when they measured (even if a target is
missed, which the tables report), non-zero when one found lost data or could not run.
"""

from __future__ import annotations

import importlib
import sys
import traceback

from bench import BENCHMARKS


def run(name: str, argv: list[str]) -> int:
    module = importlib.import_module(BENCHMARKS[name])
    try:
        return int(module.main(argv))
    except KeyboardInterrupt:
        raise
    except Exception:
        # One broken benchmark must not stop the others; its failure still sets the exit code.
        traceback.print_exc()
        print(f"bench: {name} failed", file=sys.stderr)
        return 2


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        for name, module in BENCHMARKS.items():
            description = getattr(importlib.import_module(module), "DESCRIPTION", "")
            print(f"  {name:<10} {description}")
        return 0
    if argv and not argv[0].startswith("-"):
        if argv[0] not in BENCHMARKS:
            print(
                f"bench: no benchmark {argv[0]!r} (have: {', '.join(BENCHMARKS)})", file=sys.stderr
            )
            return 2
        return run(argv[0], argv[1:])
    # Options given without a name (e.g. --quick) apply to every benchmark.
    return max((run(name, list(argv)) for name in BENCHMARKS), default=0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
