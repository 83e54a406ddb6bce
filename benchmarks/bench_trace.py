"""What `gotui trace` costs: each real library's own test suite, untraced and under the tracer.

For each library in benchmarks/reallibs (copied into a fresh git repository): the suite's run time
alone (`python -m pytest ...`, the best of --runs), then under `gotui trace PKG -- ...` (the best of
--runs, end to end: the tracer in every process and the merge into the session), and the ratio.

    .venv/bin/python benchmarks/bench_trace.py [--only NAME ...] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reallibs.libs import LIBS, make_repo, test_command, test_requirements  # noqa: E402

GOTUI = [sys.executable, "-m", "gotui.cli"]


def best(runs: int, command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    times, last = [], None
    for _ in range(runs):
        start = time.perf_counter()
        last = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
    assert last is not None
    return min(times), last


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", help="library names")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    libs = [lib for lib in LIBS if not args.only or lib.name in args.only]
    test_requirements(libs)
    ratios = []
    print(f"{'library':<16}{'tests alone':>12}{'traced':>10}{'ratio':>8}  units traced, calls")
    with tempfile.TemporaryDirectory() as tmp:
        for lib in libs:
            repo = make_repo(lib, Path(tmp) / lib.folder)
            command = test_command(lib, repo)
            alone, _ = best(args.runs, command, repo)
            traced, proc = best(args.runs, [*GOTUI, "trace", lib.package, "--json", "--", *command], repo)
            try:
                units = json.loads(proc.stdout)["units"]
            except (ValueError, KeyError):
                units = []
            ratio = traced / alone
            ratios.append(ratio)
            print(f"{lib.name:<16}{alone:>10.2f} s{traced:>8.2f} s{ratio:>7.1f}×  {len(units)}, {sum(u['calls'] for u in units)}")
    if ratios:
        print(f"{'all':<16}{'':>22}{min(ratios):>5.1f}–{max(ratios):.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
