"""How fast the review screen is on a large repository: first paint, per-key repaint, peak memory.

    .venv/bin/python benchmarks/bench_review.py [--functions 10000] [--keys 200] [--size 80x24]
                                                [--autotranslate] [--keep DIR]
    .venv/bin/python benchmarks/bench_review.py --django [--searches 40] [--keys 200] [--size 80x24]

Generates a git repository with N functions (100 per file, every tenth with a `//` so there are
hazard notes) in a temporary folder, opens `ReviewApp` under Textual's Pilot and prints:

- scan: building the Project (parse, session sync): what `gotui review` does before the app runs
- first paint: from `run_test()` entering to the first frame composed with the list and the panes
- j: time per key press, median and p95, each measured from the press to the repaint done, and
  the process CPU time per key (steadier than wall time on a busy machine)
- peak RSS of the process

Not a timed test: numbers depend on the machine. By default the start-up translation is off, so
the figures measure the screen alone; `--autotranslate` measures keys while the offline rules
translator works through every pending unit in the background.

`--django` measures a real code base instead: Django 5.1's wheel, fetched once with
`python -m pip download "django==5.1.*" --no-deps` into $GOTUI_BENCH_CACHE (default
/tmp/gotui-bench), unpacked into a temporary git repository. Besides the figures above it
measures search: for `--searches` units picked at random (seeded), `/` and the unit's qualified
name are typed key by key (with `path:FILE` when another file has a unit of the same name) and
the unit the cursor lands on must be that unit; the time is from `/` to the last key's repaint.
That every unit, not just the sample, is reachable this way is checked with the screen's own
filter and match functions, run over the units of the same name (only they can be the match:
`exact_match` picks the first visible unit whose qualified name is typed, else one whose name is).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_repo(root: Path, functions: int = 10_000, per_file: int = 100) -> Path:
    """A git repository with `functions` small Python functions under big/."""
    root.mkdir(parents=True, exist_ok=True)
    env_id = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    pkg = root / "big"
    pkg.mkdir(exist_ok=True)
    (pkg / "__init__.py").write_text("")
    made, number = 0, 0
    while made < functions:
        count = min(per_file, functions - made)
        lines = [f'"""Generated module {number}."""', "", "LIMIT = 10", ""]
        for i in range(count):
            k = made + i
            if k % 10 == 0:
                lines += [f"def split_{k}(total: int, parts: int) -> int:",
                          "    share = total // parts",
                          f"    return share + {k % 7}", ""]
            else:
                lines += [f"def compute_{k}(values: list[int], factor: int = {k % 5 + 1}) -> int:",
                          "    acc = 0",
                          "    for v in values:",
                          "        if v > LIMIT:",
                          "            acc += v * factor",
                          "        else:",
                          "            acc -= v",
                          "    return acc", ""]
        (pkg / f"mod_{number:04d}.py").write_text("\n".join(lines) + "\n")
        made += count
        number += 1
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", *env_id, "commit", "-q", "-m", "generated"], cwd=root, check=True)
    return root


DJANGO = "django==5.1.*"


def django_repo(root: Path) -> tuple[Path, str]:
    """Django's package from its wheel (downloaded once into the cache) as a fresh git repository."""
    cache = Path(os.environ.get("GOTUI_BENCH_CACHE") or "/tmp/gotui-bench")
    cache.mkdir(parents=True, exist_ok=True)
    wheels = sorted(cache.glob("[Dd]jango-5.1.*-py3-none-any.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", DJANGO, "--no-deps", "--only-binary=:all:",
                        "-d", str(cache), "-q"], check=True)
        wheels = sorted(cache.glob("[Dd]jango-5.1.*-py3-none-any.whl"))
    if not wheels:
        raise SystemExit(f"no Django 5.1 wheel in {cache} after pip download")
    wheel = wheels[-1]
    root.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as z:
        z.extractall(root, [n for n in z.namelist() if n.startswith("django/")])
    env_id = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", *env_id, "commit", "-q", "-m", "django"], cwd=root, check=True)
    return root, wheel.name


def search_query(row, same_name: list) -> str:
    """What a person types to find `row`: its qualified name, and its file when that name is not unique."""
    if len(same_name) > 1:
        return f"{row.qualname} path:{row.path}"
    return row.qualname


def every_unit_reachable(rows) -> tuple[int, int, list[str]]:
    """(reachable, needing path:, misses): each unit's query, through the screen's filter and match.

    Only units whose qualified name equals the query's in some case can be the match (the unit
    itself always qualifies), so each query runs over those, in list order, not the whole list.
    """
    from gotui.screens.review import exact_match, make_filter

    exact, anycase = name_groups(rows)
    reachable, with_path, misses = 0, 0, []
    for row in rows:
        query = search_query(row, exact[row.qualname])
        keep = make_filter(query)
        visible = [r for r in anycase[row.qualname.lower()] if keep(r)]
        if keep(row) and exact_match(visible, query) == row.id:
            reachable += 1
            with_path += len(exact[row.qualname]) > 1
        else:
            misses.append(row.id)
    return reachable, with_path, misses


def name_groups(rows) -> tuple[dict[str, list], dict[str, list]]:
    """Units by qualified name as spelt, and ignoring case; each in list order."""
    exact: dict[str, list] = defaultdict(list)
    anycase: dict[str, list] = defaultdict(list)
    for row in rows:
        exact[row.qualname].append(row)
        anycase[row.qualname.lower()].append(row)
    return exact, anycase


async def press_and_paint(pilot, key: str) -> float:
    """Seconds from a key arriving to its repaint being composed: no Pilot idle-wait granularity.

    The key goes in through the driver as a real key would; every message it causes (the list's
    Highlighted, the panes' loads) is drained, then the screen composes the frame as its update
    timer would.
    """
    from textual import events

    app = pilot.app
    char = key if len(key) == 1 else {"slash": "/", "space": " "}.get(key)
    start = time.perf_counter()
    app._driver.send_message(events.Key(key, char))
    for _ in range(4):  # messages posted while handling messages: drain until quiet
        await pilot._wait_for_screen()
    app.screen._on_timer_update()
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024


KEY_NAMES = {" ": "space", "#": "number_sign"}  # characters Pilot presses by key name (`f#2`: a name defined twice)


async def search(pilot, screen, rows, count: int, seed: int = 5) -> dict:
    """Type `/` + a unit's name for `count` seeded random units; the cursor must land on each."""
    exact, _ = name_groups(rows)
    sample = random.Random(seed).sample(rows, min(count, len(rows)))
    times, per_key, found, missed = [], [], 0, []
    for row in sample:
        query = search_query(row, exact[row.qualname])
        keys = ["slash", *(KEY_NAMES.get(c, c) for c in query)]
        elapsed = 0.0
        for key in keys:
            t = await press_and_paint(pilot, key)
            per_key.append(t)
            elapsed += t
        times.append(elapsed)
        if screen.unit_list.current_id == row.id:
            found += 1
        else:
            missed.append(f"{query!r} -> {screen.unit_list.current_id}")
        await press_and_paint(pilot, "escape")  # clear the filter for the next one
    times.sort()
    per_key.sort()
    return {
        "searches": len(sample),
        "found": found,
        "missed": missed,
        "search_median": statistics.median(times),
        "search_p95": times[max(0, int(len(times) * 0.95) - 1)],
        "search_key_median": statistics.median(per_key),
        "search_key_p95": per_key[max(0, int(len(per_key) * 0.95) - 1)],
    }


async def measure(repo: Path, keys: int, size: tuple[int, int], autotranslate: bool, searches: int = 0) -> dict:
    from gotui.app import ReviewApp
    from gotui.llm.rules import RulesTranslator
    from gotui.session.project import Project

    t0 = time.perf_counter()
    project = Project(repo)
    scan = time.perf_counter() - t0

    app = ReviewApp(project, mouse=False, translator=RulesTranslator(), autotranslate=autotranslate, poll_interval=0.5)
    app.freeze_gc = True  # as `gotui review` does (App.run sets it; run_test does not)
    t0 = time.perf_counter()
    async with app.run_test(size=size) as pilot:
        # run_test hands over once the screen is mounted and its start-up messages are handled;
        # compose the first frame the way the update timer would
        app.screen._on_timer_update()
        first_paint = time.perf_counter() - t0
        screen = app.screen_stack[0]
        assert screen.unit_list.current_id is not None and screen.python_pane.text
        assert len(screen.unit_list.rows) == len(project.units())
        if not autotranslate:
            # the hazard-notes scan of every unit runs in a thread after the first paint: let it
            # finish, so the key figures are the steady state (with --autotranslate they are not)
            while not screen.settled:
                await asyncio.sleep(0.01)
        settled = time.perf_counter() - t0
        await pilot.pause()
        cpu0 = time.process_time()
        times = [await press_and_paint(pilot, "j") for _ in range(keys)]
        cpu_per_key = (time.process_time() - cpu0) / max(1, keys)
        pilot_times = []
        for _ in range(0 if autotranslate else min(keys, 20)):
            start = time.perf_counter()
            await pilot.press("j")
            await pilot.pause()
            pilot_times.append(time.perf_counter() - start)
        jump_end = await press_and_paint(pilot, "G")
        filter_time = 0.0
        found: dict = {}
        if searches:
            found = await search(pilot, screen, list(screen.unit_list.rows), searches)
        else:
            for key in ("slash", *"split_99"):
                filter_time += await press_and_paint(pilot, key)
        rows = list(screen.unit_list.rows)
        translated, elapsed = 0, time.perf_counter() - t0
        if autotranslate:
            translated = sum(1 for r in screen.unit_list.rows if r.state != "pending")
            screen.cancel_translation()
        await app.workers.wait_for_complete()
    times.sort()
    return {
        "units": len(project.units()),
        "scan": scan,
        "first_paint": first_paint,
        "settled": settled,
        "j_median": statistics.median(times),
        "j_p95": times[max(0, int(len(times) * 0.95) - 1)],
        "j_max": times[-1],
        "j_cpu": cpu_per_key,
        "pilot_median": statistics.median(pilot_times) if pilot_times else None,
        "translated": translated,
        "elapsed": elapsed,
        "jump_end": jump_end,
        "filter": filter_time,
        "rss": peak_rss_mb(),
        "rows": rows,
        "files": len(project.scan.modules),
        **found,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--functions", type=int, default=10_000)
    parser.add_argument("--keys", type=int, default=200, help="j presses to time")
    parser.add_argument("--size", default="80x24", help="terminal size, WIDTHxHEIGHT")
    parser.add_argument("--autotranslate", action="store_true", help="translate pending units in the background meanwhile")
    parser.add_argument("--keep", help="generate the repository here and keep it")
    parser.add_argument("--django", action="store_true", help="Django 5.1's source instead of generated functions")
    parser.add_argument("--searches", type=int, default=40, help="with --django: units found by typing / and their name")
    args = parser.parse_args(argv)
    width, height = (int(x) for x in args.size.lower().split("x"))

    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gotui-bench-"))
    source = f"{args.functions} generated functions"
    try:
        t0 = time.perf_counter()
        if args.django:
            repo, wheel = django_repo(tmp / "django-repo")
            source = wheel
        else:
            repo = tmp
            if not (tmp / ".git").exists():
                make_repo(tmp, args.functions)
        generate = time.perf_counter() - t0
        r = asyncio.run(measure(repo, args.keys, (width, height), args.autotranslate, args.searches if args.django else 0))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    ms = lambda s: f"{s * 1000:.1f} ms"  # noqa: E731
    print(f"source           {source}, {r['files']} Python files")
    print(f"units            {r['units']} ({args.size}, autotranslate {'on' if args.autotranslate else 'off'})")
    print(f"{'unpack + git' if args.django else 'generate repo':<17}{generate:.2f} s")
    print(f"scan (Project)   {ms(r['scan'])}")
    print(f"first paint      {ms(r['first_paint'])}")
    if not args.autotranslate:
        print(f"background done  {ms(r['settled'])} (notes of every unit scanned, translator ready)")
    print(f"j x{args.keys:<4}          median {ms(r['j_median'])}, p95 {ms(r['j_p95'])}, max {ms(r['j_max'])}; CPU {ms(r['j_cpu'])} per key")
    if r["pilot_median"] is not None:
        print(f"j via Pilot      median {ms(r['pilot_median'])} (press + pause: includes Pilot's idle waits of 20 ms steps)")
    if args.autotranslate:
        print(f"translated       {r['translated']} units in the background in {r['elapsed']:.1f} s meanwhile")
    print(f"G (to the end)   {ms(r['jump_end'])}")
    if args.django:
        for miss in r.get("missed", []):
            print(f"                 not found: {miss}")
        print(f"search           {r['found']}/{r['searches']} found by typing / + name: median {ms(r['search_median'])}, "
              f"p95 {ms(r['search_p95'])} per search; per key median {ms(r['search_key_median'])}, "
              f"p95 {ms(r['search_key_p95'])}")
        t0 = time.perf_counter()
        reachable, with_path, misses = every_unit_reachable(r["rows"])
        print(f"every unit       {reachable}/{len(r['rows'])} reachable by / + qualified name "
              f"({with_path} need path:FILE, the name being in several files); checked in {time.perf_counter() - t0:.1f} s")
        for miss in misses[:10]:
            print(f"  not reachable: {miss}")
    else:
        print(f"filter typed     {ms(r['filter'])} (/split_99, 9 keys)")
    print(f"peak RSS         {r['rss']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
