"""Speed and coverage of the offline (rules) translator.

Prints functions/second (parsing included) over examples/shop repeated and over a bigger corpus
(Django 5.1, fetched once with pip into a cache folder), the share of converted/partial/failed units,
and the pass rate on tests/rules_cases (run `pytest tests/test_rules_cases.py -s` for the Go side).

    .venv/bin/python benchmarks/bench_rules.py [--cache DIR] [--no-corpus] [--limit N]
"""

from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gotui.llm.base import TranslationRequest  # noqa: E402
from gotui.llm.rules import RulesTranslator  # noqa: E402
from gotui.parse.files import python_files, rel_path  # noqa: E402
from gotui.parse.units import ParsedModule, parse_module  # noqa: E402


def run(files: list[tuple[str, bytes]], repeat: int = 1) -> tuple[int, float, collections.Counter, list[str]]:
    """Parse and translate every unit `repeat` times with a fresh translator; (units, seconds, statuses, crashes)."""
    statuses: collections.Counter = collections.Counter()
    crashes: list[str] = []
    units = 0
    start = time.perf_counter()
    for _ in range(repeat):
        modules: list[ParsedModule] = [parse_module(path, raw) for path, raw in files]
        tr = RulesTranslator(modules=modules)
        for m in modules:
            for u in m.units:
                try:
                    t = tr.translate(TranslationRequest(unit=u, module=m))
                    statuses[t.status] += 1
                except Exception as exc:  # noqa: BLE001 - a translator bug: counted, shown
                    statuses["crashed"] += 1
                    crashes.append(f"{u.id}: {type(exc).__name__}: {exc}")
                units += 1
    return units, time.perf_counter() - start, statuses, crashes


def read_tree(root: Path) -> list[tuple[str, bytes]]:
    return [(rel_path(root, p), p.read_bytes()) for p in python_files(root)]


def report(name: str, units: int, seconds: float, statuses: collections.Counter, crashes: list[str]) -> None:
    total = sum(statuses.values()) or 1
    shares = ", ".join(f"{k} {statuses[k] / total:.1%}" for k in ("converted", "partial", "failed", "crashed"))
    print(f"{name}: {units} units in {seconds:.2f} s = {units / seconds:.0f} functions/s; {shares}")
    for c in crashes[:10]:
        print("  crash:", c)


def django(cache: Path) -> Path | None:
    cache.mkdir(parents=True, exist_ok=True)
    wheels = sorted(cache.glob("Django-5.1*.whl")) + sorted(cache.glob("django-5.1*.whl"))
    if not wheels:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "download", "django==5.1.*", "--no-deps", "--only-binary=:all:", "-d", str(cache)],
            capture_output=True, text=True,
        )
        if proc.returncode != 0:
            print("could not download Django:", proc.stderr.strip().splitlines()[-1:] )
            return None
        wheels = sorted(cache.glob("*jango-5.1*.whl"))
    target = cache / "django-src"
    if not target.exists():
        with zipfile.ZipFile(wheels[-1]) as z:
            z.extractall(target)
    return target / "django"


def cases_rate() -> str:
    sys.path.insert(0, str(ROOT / "tests"))
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-s", str(ROOT / "tests" / "test_rules_cases.py")], capture_output=True, text=True, cwd=ROOT)
    for line in proc.stdout.splitlines():
        if "pass rate" in line:
            return line.strip()
    return "pass rate: not measured (" + (proc.stdout.strip().splitlines() or ["no output"])[-1] + ")"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "gotui-bench")
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--no-corpus", action="store_true")
    ap.add_argument("--no-cases", action="store_true")
    args = ap.parse_args()

    shop = read_tree(ROOT / "examples" / "shop")
    report(f"examples/shop x{args.repeat}", *run(shop, args.repeat))
    if not args.no_corpus:
        root = django(args.cache)
        if root is not None:
            report("django 5.1", *run(read_tree(root.parent)))
    if not args.no_cases:
        print(cases_rate())


if __name__ == "__main__":
    main()
