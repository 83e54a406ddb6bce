"""Django as a new user would take it: `gotui trace` under Django's own test suite, then `convert`.

bench_rules.py measures the offline translator on Django's source alone (no evidence but the code);
this one gives it what `gotui trace` records while Django's tests run, and reports the converted share
over every unit and over the units the tests reached. It downloads the Django sdist (its tests are in
it) with pip into the cache folder, makes a git repository of it and a virtualenv with Django's two
dependencies, then runs

    gotui trace django --timeout S -- env PYTHONPATH=REPO VENV/bin/python tests/runtests.py --parallel 1 [LABELS]
    gotui convert django --backend rules --json

The whole suite under the tracer takes over half an hour on two cores: --timeout stops it and keeps
what was traced (as `gotui trace` always does); LABELS runs a part (`utils_tests template_tests`).

    .venv/bin/python benchmarks/bench_django_traced.py [--cache DIR] [--timeout S] [LABELS...]
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import subprocess
import sys
import tarfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION = "5.1.15"


def _run(cmd: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, **kw)


def prepare(cache: Path) -> tuple[Path, Path]:
    """(a fresh git repository of the Django sdist, a virtualenv with asgiref and sqlparse)."""
    cache.mkdir(parents=True, exist_ok=True)
    sdist = cache / f"django-{VERSION}.tar.gz"
    if not sdist.exists():
        proc = _run([sys.executable, "-m", "pip", "download", f"django=={VERSION}", "--no-deps", "--no-binary", ":all:",
                     "-d", str(cache)], cache)
        if proc.returncode != 0 or not sdist.exists():
            sys.exit("could not download the Django sdist: " + (proc.stderr.strip().splitlines() or ["?"])[-1])
    repo = cache / "django-traced"
    shutil.rmtree(repo, ignore_errors=True)
    with tarfile.open(sdist) as tar:
        tar.extractall(cache / "sdist", filter="data")
    shutil.copytree(cache / "sdist" / f"django-{VERSION}", repo)
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-qm", "django"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)
    env_dir = cache / "django-venv"
    if not (env_dir / "bin" / "python").exists():
        venv.create(env_dir, with_pip=True)
        proc = _run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", "asgiref", "sqlparse"], cache)
        if proc.returncode != 0:
            sys.exit("could not install asgiref and sqlparse: " + (proc.stderr.strip().splitlines() or ["?"])[-1])
    return repo, env_dir


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/gotui-bench"))
    ap.add_argument("--timeout", type=float, default=2000.0, help="stop the traced test run after this many seconds")
    ap.add_argument("labels", nargs="*", help="Django test labels (default: the whole suite)")
    args = ap.parse_args()
    repo, env_dir = prepare(args.cache)
    gotui = [sys.executable, "-m", "gotui.cli"]
    tests = ["env", f"PYTHONPATH={repo}", str(env_dir / "bin" / "python"), "tests/runtests.py", "--parallel", "1", *args.labels]
    start = time.perf_counter()
    proc = _run([*gotui, "trace", "django", "--timeout", str(args.timeout), "--json", "--", *tests], repo)
    trace_s = time.perf_counter() - start
    try:
        traced = {u["id"] for u in json.loads(proc.stdout)["units"]}
    except (ValueError, KeyError):
        sys.exit("gotui trace gave no result: " + (proc.stderr.strip().splitlines() or ["?"])[-1])
    stopped = " (stopped by --timeout; traces kept)" if "timeout" in proc.stderr else ""
    start = time.perf_counter()
    proc = _run([*gotui, "convert", "django", "--backend", "rules", "-q", "--json"], repo)
    convert_s = time.perf_counter() - start
    units = json.loads(proc.stdout)
    every = collections.Counter(u["status"] for u in units)
    reached = collections.Counter(u["status"] for u in units if u["id"] in traced)
    n, m = sum(every.values()) or 1, sum(reached.values()) or 1
    print(f"django {VERSION}: traced {len(traced)} units in {trace_s:.0f} s{stopped}; convert {convert_s:.0f} s")
    print(f"converted {every['converted']}/{n} = {every['converted'] / n:.1%} of every unit; "
          f"{reached['converted']}/{m} = {reached['converted'] / m:.1%} of the traced units")


if __name__ == "__main__":
    main()
