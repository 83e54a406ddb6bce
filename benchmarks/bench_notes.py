"""How much slower is noting a codebase than just parsing it?

Measures, over the same folder of Python files:
  (a) bare:  read each file, parse it with tree-sitter, and walk every node of the tree;
  (b) gotui: gotui.parse.files.scan (read, parse, units) plus module_notes for every module.
and prints lines, files, both times and their ratio. The budget is a ratio of at most 3.

Usage:
  python benchmarks/bench_notes.py [FOLDER] [--repeat N] [--max-ratio R]

Without FOLDER it uses Django's source (about 150k lines): the wheel is fetched once with
`python -m pip download` (through whatever package index pip is configured to use) into a cache
folder, and unpacked there.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gotui.parse.files import python_files, scan  # noqa: E402
from gotui.parse.hazards import module_notes  # noqa: E402
from gotui.parse.treesitter import parse_python  # noqa: E402

DJANGO = "django==5.1.*"


def cache_dir() -> Path:
    base = os.environ.get("GOTUI_BENCH_CACHE") or os.path.join(os.environ.get("XDG_CACHE_HOME") or tempfile.gettempdir(), "gotui-bench")
    return Path(base)


def django_source() -> Path:
    """Django's package folder, downloaded and unpacked on first use."""
    cache = cache_dir()
    src = cache / "django-src"
    if (src / "django").is_dir():
        return src / "django"
    cache.mkdir(parents=True, exist_ok=True)
    wheels = sorted(cache.glob("Django-*.whl")) + sorted(cache.glob("django-*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", DJANGO, "--no-deps", "--only-binary=:all:", "-d", str(cache)], check=True)
        wheels = sorted(cache.glob("Django-*.whl")) + sorted(cache.glob("django-*.whl"))
    if not wheels:
        raise SystemExit("pip download left no Django wheel in " + str(cache))
    with zipfile.ZipFile(wheels[-1]) as zf:
        zf.extractall(src)
    return src / "django"


def bare(folder: Path) -> tuple[float, float, int, int]:
    """Read + parse + a walk touching every node (TreeCursor, each node's type read). (wall s, cpu s, files, lines)"""
    start, cpu = time.perf_counter(), time.process_time()
    files = python_files(folder)
    lines = 0
    nodes = 0
    for path in files:
        raw = path.read_bytes()
        lines += raw.count(b"\n")
        tree = parse_python(raw)
        cursor = tree.walk()
        while True:
            if cursor.node.type:
                nodes += 1
            if cursor.goto_first_child():
                continue
            while not cursor.goto_next_sibling():
                if not cursor.goto_parent():
                    break
            else:
                continue
            break
    return time.perf_counter() - start, time.process_time() - cpu, len(files), lines


def noted(folder: Path) -> tuple[float, float, int]:
    """scan + module_notes for every module. (wall s, cpu s, notes)"""
    start, cpu = time.perf_counter(), time.process_time()
    result = scan(folder, folder)
    count = 0
    for module in result.modules:
        count += len(module_notes(module))
    return time.perf_counter() - start, time.process_time() - cpu, count


def end_to_end(folder: Path) -> tuple[float, int]:
    """`gotui notes FOLDER --json` as a user runs it: a new interpreter, JSON written to a file. (wall s, bytes)"""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gotui.cli", "notes", str(folder), "--json"], stdout=out, check=True)
        wall = time.perf_counter() - start
        return wall, out.tell()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", help="folder of Python files (default: Django's source)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each; the best time counts (default 3)")
    ap.add_argument("--max-ratio", type=float, default=None, help="exit 1 when the ratio is above this")
    args = ap.parse_args(argv)
    folder = Path(args.folder) if args.folder else django_source()
    if not folder.exists():
        raise SystemExit(f"no such folder: {folder}")
    # one warm-up of each so that file caches and imports don't count
    bare(folder)
    noted(folder)
    bare_wall, bare_cpu, noted_wall, noted_cpu, e2e_wall = [], [], [], [], []
    files = lines = notes = 0
    for _ in range(max(1, args.repeat)):
        wall, cpu, files, lines = bare(folder)
        bare_wall.append(wall)
        bare_cpu.append(cpu)
        wall, cpu, notes = noted(folder)
        noted_wall.append(wall)
        noted_cpu.append(cpu)
        wall, size = end_to_end(folder)
        e2e_wall.append(wall)
    # best of the runs: other processes on the machine only ever add time
    b, n = min(bare_wall), min(noted_wall)
    ratio = n / b if b else float("inf")
    cpu_ratio = min(noted_cpu) / min(bare_cpu) if min(bare_cpu) else float("inf")
    print(f"folder: {folder}")
    print(f"files: {files}  lines: {lines}  notes: {notes}")
    print(f"bare (read + parse + walk):   {b:.3f} s  (cpu {min(bare_cpu):.3f} s)")
    print(f"gotui (scan + module_notes):  {n:.3f} s  (cpu {min(noted_cpu):.3f} s)")
    print(f"ratio: {ratio:.2f}  (cpu {cpu_ratio:.2f})")
    print(f"gotui notes --json end to end (new process, {size / 1e6:.1f} MB of JSON): {min(e2e_wall):.3f} s"
          f"  = {min(e2e_wall) / b:.2f}x the bare parse and walk")
    if args.max_ratio is not None and ratio > args.max_ratio:
        print(f"over budget: {ratio:.2f} > {args.max_ratio}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
