"""Questionnaire import at scale, beside pyxform, and hostile archives refused in bounded memory.

    python -m bench xlsform [--quick]

1. A realistic XLSForm is generated (``bench.xlsform_form``: groups, relevance on earlier
   answers, a choices list for every ten questions, constraints), 5,000 and 50,000 questions
   (500 and 2,000 with ``--quick``). Not timed.
2. ``vivier questionnaire import FILE`` runs in its own process on a fresh SQLite database
   (migrated first, not timed): read, build, the engine's checks, pyxform's verdict, and the
   version stored. Wall time (start-up of the command included) and peak RSS of that process
   (``os.wait4`` in a small launcher: see ``_LAUNCHER``).
3. pyxform alone converts the same file to an XForm (``pyxform.xls2xform.convert``), in its
   own process, the same way: the reference for what reading an XLSForm costs.
4. Zip bombs (2 MB files declaring a 2 GiB part: ``tests.hostile_files``), an .xlsx through
   ``vivier questionnaire import`` and a .docx through ``vivier practices import``: each must
   be refused, and its process's peak RSS is reported (target under 300 MB).

Targets (issue 18, this 2-core machine): the 50,000-question import in at most 20 s and
600 MB; a refused bomb under 300 MB. Writes ``bench/results/xlsform[-quick].json`` and prints
a table. The machine is shared: the load average at the start and the end is in the JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import server as srv

DESCRIPTION = "50,000-question XLSForm import vs pyxform alone; zip bombs refused, peak memory"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
SIZES = (5_000, 50_000)
QUICK_SIZES = (500, 2_000)
TARGET_IMPORT_S = 20.0
TARGET_IMPORT_MB = 600.0
TARGET_BOMB_MB = 300.0
#: Questions of the largest form the targets are about.
TARGET_QUESTIONS = 50_000


#: Runs a command and reports its own peak RSS. Linux gives a process the peak of the one
#: that forked it (the memory map's high-water mark is copied at fork and kept at exec), so
#: a command forked straight from this process, which holds the generated forms, would
#: report this process's peak: a small interpreter forks it instead.
_LAUNCHER = """
import json, os, subprocess, sys, time
with open(sys.argv[1], "wb") as out, open(sys.argv[2], "wb") as err:
    started = time.perf_counter()
    process = subprocess.Popen(sys.argv[3:], stdout=out, stderr=err)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
print(json.dumps({"wall_s": wall, "maxrss_kib": usage.ru_maxrss,
                  "cpu_s": usage.ru_utime + usage.ru_stime,
                  "exit_code": os.waitstatus_to_exitcode(status)}))
"""


def _measure(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run ``command``; its wall time, exit code, peak RSS (its own) and the end of stderr."""
    with tempfile.TemporaryDirectory() as tmp:
        out, err = Path(tmp) / "out", Path(tmp) / "err"
        launched = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(out), str(err), *command],
            cwd=srv.ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        measured = json.loads(launched.stdout)
        stdout = out.read_text(errors="replace")
        stderr = err.read_text(errors="replace")
    return {
        "wall_s": round(measured["wall_s"], 2),
        # CPU time (user + system) varies less than wall time on a shared machine.
        "cpu_s": round(measured["cpu_s"], 2),
        "peak_rss_mb": round(measured["maxrss_kib"] / 1024, 1),  # KiB on Linux
        "exit_code": measured["exit_code"],
        "stdout": stdout.strip().splitlines()[-3:],
        "stderr": stderr.strip().splitlines()[-3:],
        "traceback": "Traceback" in stderr,
    }


def _vivier(*args: str) -> list[str]:
    return [sys.executable, "-m", "vivier", *args]


_PYXFORM_ALONE = (
    "import sys; from pyxform.xls2xform import convert; "
    "xform = convert(xlsform=sys.argv[1]).xform; print(len(xform))"
)


def run(quick: bool) -> dict[str, Any]:
    sizes = QUICK_SIZES if quick else SIZES
    load_start = os.getloadavg()
    results: dict[str, Any] = {"imports": [], "bombs": []}
    with tempfile.TemporaryDirectory(prefix="vivier-bench-xlsform-") as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(srv.ROOT / "src"), str(srv.ROOT)]),
            "VIVIER_VAR_DIR": str(folder / "var"),
            "VIVIER_SECRET_KEY": "bench-" + secrets.token_hex(24),
        }
        env.pop("VIVIER_DATABASE_URL", None)  # a fresh SQLite database of its own
        migrate = _measure(_vivier("migrate"), env)
        if migrate["exit_code"] != 0:
            raise RuntimeError(f"vivier migrate failed: {migrate['stderr']}")
        for questions in sizes:
            from bench.xlsform_form import write_form

            path = folder / f"enquete-{questions}.xlsx"
            form = write_form(path, questions)
            entry: dict[str, Any] = {"form": form}
            entry["vivier"] = _measure(
                _vivier("questionnaire", "import", str(path), "--slug", f"bench-{questions}"),
                env,
            )
            entry["pyxform"] = _measure([sys.executable, "-c", _PYXFORM_ALONE, str(path)], env)
            results["imports"].append(entry)
            print(_import_line(entry), file=sys.stderr, flush=True)
        from tests import hostile_files

        bombs = (
            ("xlsx", hostile_files.xlsx_bomb(), ("questionnaire", "import", "--dry-run")),
            ("docx", hostile_files.docx_bomb(), ("practices", "import")),
        )
        for kind, data, verb in bombs:
            path = folder / f"bombe.{kind}"
            path.write_bytes(data)
            measured = _measure(_vivier(*verb, str(path)), env)
            measured.update({"kind": kind, "file_bytes": len(data), "declared_bytes": 2**31})
            measured["refused"] = measured["exit_code"] == 1 and not measured["traceback"]
            results["bombs"].append(measured)
            print(_bomb_line(measured), file=sys.stderr, flush=True)
    results["load_average"] = {"start": load_start, "end": os.getloadavg()}
    return results


def _largest(results: dict[str, Any]) -> dict[str, Any] | None:
    found = [e for e in results["imports"] if e["form"]["questions"] == TARGET_QUESTIONS]
    return found[0] if found else None


def _import_line(entry: dict[str, Any]) -> str:
    v, p = entry["vivier"], entry["pyxform"]
    status = "ok" if v["exit_code"] == 0 else f"FAILED {v['stderr']}"
    return (
        f"{entry['form']['questions']:>7,} questions | vivier {v['wall_s']:>6.1f} s "
        f"{v['peak_rss_mb']:>6.0f} MB | pyxform alone {p['wall_s']:>6.1f} s "
        f"{p['peak_rss_mb']:>6.0f} MB | {status}"
    )


def _bomb_line(bomb: dict[str, Any]) -> str:
    status = "refused" if bomb["refused"] else f"NOT REFUSED {bomb['stderr']}"
    return (
        f"zip bomb .{bomb['kind']} ({bomb['file_bytes'] / 1e6:.1f} MB declaring 2 GiB) | "
        f"{bomb['wall_s']:.1f} s {bomb['peak_rss_mb']:.0f} MB | {status}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench xlsform", description=DESCRIPTION)
    parser.add_argument("--quick", action="store_true", help="forms of 500 and 2,000 questions")
    args = parser.parse_args(argv)
    started = time.time()
    results = run(args.quick)
    largest = _largest(results)
    met = None
    if largest is not None:
        met = (
            largest["vivier"]["exit_code"] == 0
            and largest["vivier"]["wall_s"] <= TARGET_IMPORT_S
            and largest["vivier"]["peak_rss_mb"] <= TARGET_IMPORT_MB
        )
    bombs_met = all(b["refused"] and b["peak_rss_mb"] <= TARGET_BOMB_MB for b in results["bombs"])
    report = {
        "benchmark": "xlsform",
        "quick": args.quick,
        "targets": {
            "import_50k_s": TARGET_IMPORT_S,
            "import_50k_mb": TARGET_IMPORT_MB,
            "bomb_mb": TARGET_BOMB_MB,
        },
        "target_met": {"import_50k": met, "bombs": bombs_met},
        "machine": srv.machine_info(),
        "duration_s": round(time.time() - started, 1),
        **results,
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    name = "xlsform-quick.json" if args.quick else "xlsform.json"
    (RESULTS_DIR / name).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\n{'what':<58} | {'wall':>7} | {'CPU':>7} | {'peak RSS':>8} | result")
    print("-" * 102)
    for entry in results["imports"]:
        q = entry["form"]["questions"]
        v, p = entry["vivier"], entry["pyxform"]
        outcome = "imported" if v["exit_code"] == 0 else "FAILED"
        print(
            f"{f'vivier questionnaire import, {q:,} questions':<58} | {v['wall_s']:>5.1f} s"
            f" | {v['cpu_s']:>5.1f} s | {v['peak_rss_mb']:>5.0f} MB | {outcome}"
        )
        print(
            f"{'pyxform alone (xlsx -> XForm), same file':<58} | {p['wall_s']:>5.1f} s"
            f" | {p['cpu_s']:>5.1f} s | {p['peak_rss_mb']:>5.0f} MB"
            f" | {'converted' if p['exit_code'] == 0 else 'FAILED'}"
        )
    for bomb in results["bombs"]:
        what = f"zip bomb .{bomb['kind']}, {bomb['file_bytes'] / 1e6:.1f} MB declaring 2 GiB"
        print(
            f"{what:<58} | {bomb['wall_s']:>5.1f} s | {bomb['cpu_s']:>5.1f} s"
            f" | {bomb['peak_rss_mb']:>5.0f} MB | "
            f"{'refused' if bomb['refused'] else 'NOT REFUSED'}"
        )
    if met is not None:
        print(
            f"target (50,000 questions <= {TARGET_IMPORT_S:.0f} s and <= {TARGET_IMPORT_MB:.0f} "
            f"MB): {'met' if met else 'MISSED'}"
        )
    print(
        f"target (bombs refused under {TARGET_BOMB_MB:.0f} MB): {'met' if bombs_met else 'MISSED'}"
    )
    load = results["load_average"]
    print(f"load average start/end: {load['start'][0]:.1f} / {load['end'][0]:.1f} (2 cores)")
    failed = any(e["vivier"]["exit_code"] != 0 for e in results["imports"])
    return 2 if failed or not all(b["refused"] for b in results["bombs"]) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
