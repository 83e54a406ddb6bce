"""How long `gotui check` takes on N converted functions with a warm Go build cache.

    .venv/bin/python benchmarks/bench_check.py [--functions 50] [--modules 5] [--runs 3] [--bench] [--keep DIR]

Generates a git repository with N small typed functions (spread over a few modules, a mix of int,
float, str, list and dict signatures) and a correct Go translation of each, records the Go in the
session as `converted`, runs `run_check` once to warm the Go build cache, then times `--runs`
more and prints each time, the median and the status counts. The target: 50 units under 30 s
on 2 cores. Not a timed test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import collections
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (Python body template, Go template); {n} is the function's number
KINDS = [
    ("def scale_{n}(a: int, b: int) -> int:\n    return a * {n} + b // 3\n",
     "func Scale{n}(a, b int) int {{\n\treturn a*{n} + pyFloorDiv(b, 3)\n}}\n"),
    ("def ratio_{n}(x: float, y: float) -> float:\n    return x * {n}.5 - y / 4\n",
     "func Ratio{n}(x, y float64) float64 {{\n\treturn x*{n}.5 - y/4\n}}\n"),
    ("def tag_{n}(s: str) -> str:\n    return 'v{n}:' + s.strip()\n",
     'import "strings"\n\nfunc Tag{n}(s string) string {{\n\treturn "v{n}:" + strings.TrimSpace(s)\n}}\n'),
    ("def total_{n}(xs: list[int]) -> int:\n    return sum(x for x in xs if x > {n})\n",
     "func Total{n}(xs []int) int {{\n\tt := 0\n\tfor _, x := range xs {{\n\t\tif x > {n} {{\n\t\t\tt += x\n\t\t}}\n\t}}\n\treturn t\n}}\n"),
    ("def count_{n}(d: dict[str, int]) -> int:\n    return len([k for k, v in d.items() if v >= {n}])\n",
     "func Count{n}(d map[string]int) int {{\n\tc := 0\n\tfor _, v := range d {{\n\t\tif v >= {n} {{\n\t\t\tc++\n\t\t}}\n\t}}\n\treturn c\n}}\n"),
]


def make_repo(root: Path, functions: int, modules: int) -> dict[str, str]:
    """Write the repository; returns unit id -> Go."""
    (root / "bench").mkdir(parents=True)
    (root / "bench" / "__init__.py").write_text("")
    sources: dict[int, list[str]] = collections.defaultdict(list)
    go: dict[str, str] = {}
    for n in range(functions):
        py, g = KINDS[n % len(KINDS)]
        m = n % modules
        sources[m].append(py.format(n=n))
        name = py.split("(")[0][4:].format(n=n)
        go[f"bench/mod{m}.py::{name}"] = g.format(n=n)
    for m, parts in sources.items():
        (root / "bench" / f"mod{m}.py").write_text("\n\n".join(parts))
    env = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", *env, "commit", "-q", "-m", "bench"], cwd=root, check=True)
    return go


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--functions", type=int, default=50)
    ap.add_argument("--modules", type=int, default=5)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--bench", action="store_true", help="also time Python against Go (run_check(bench=True))")
    ap.add_argument("--keep", type=Path, help="build the repository here and keep it")
    args = ap.parse_args()

    from gotui.llm.base import Translation
    from gotui.session.project import Project
    from gotui.verify import run_check

    base = args.keep or Path(tempfile.mkdtemp(prefix="gotui-bench-check-"))
    try:
        go = make_repo(base / "repo", args.functions, args.modules)
        project = Project(base / "repo")
        for uid, text in go.items():
            project.session.record_translation(uid, Translation(go=text, status="converted", backend="bench"))
        start = time.perf_counter()
        run_check(project, jobs=args.jobs, bench=args.bench)
        print(f"warm-up (fills the Go build cache): {time.perf_counter() - start:.1f} s")
        times = []
        results = []
        for _ in range(args.runs):
            start = time.perf_counter()
            results = run_check(project, jobs=args.jobs, bench=args.bench)
            times.append(time.perf_counter() - start)
        counts = collections.Counter(r.status for r in results)
        print(f"{len(results)} units, {args.jobs} jobs: " + ", ".join(f"{t:.1f} s" for t in times)
              + f"; median {statistics.median(times):.1f} s")
        print("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        for r in results:
            if r.status != "pass":
                print(f"  {r.status}: {r.id}: {r.detail}")
        if args.bench:
            ratios = [r.bench_ratio for r in results if r.bench_ratio]
            if ratios:
                print(f"Go against Python (median of {len(ratios)}): {statistics.median(ratios):.1f}x")
        return 0
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
