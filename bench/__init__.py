"""Vivier's benchmarks: measurements, not tests (see bench/README.md).

Each benchmark is a module with ``DESCRIPTION`` and ``main(argv) -> int``; register it in
``BENCHMARKS`` and ``python -m bench`` runs it with the others.
"""

from __future__ import annotations

#: Name on the command line -> module under bench/. Run in this order by ``python -m bench``.
BENCHMARKS: dict[str, str] = {
    "submit": "bench.submit",
    "faults": "bench.faults",
    "importload": "bench.importload",
    "analysis": "bench.analysis",
    "search": "bench.search",
    "xlsform": "bench.xlsform",
    "evaluation": "bench.evaluation",
    "coding": "bench.coding",
    "suggestions": "bench.suggestions",
    "names": "bench.names",
}
