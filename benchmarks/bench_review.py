"""How fast the review screen is on a large repository: first paint, per-key repaint, peak memory.

    .venv/bin/python benchmarks/bench_review.py [--functions 10000] [--keys 200] [--size 80x24]
                                                [--autotranslate] [--keep DIR]

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
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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


async def press_and_paint(pilot, key: str) -> float:
    """Seconds from a key arriving to its repaint being composed: no Pilot idle-wait granularity.

    The key goes in through the driver as a real key would; every message it causes (the list's
    Highlighted, the panes' loads) is drained, then the screen composes the frame as its update
    timer would.
    """
    from textual import events

    app = pilot.app
    char = key if len(key) == 1 else {"slash": "/"}.get(key)
    start = time.perf_counter()
    app._driver.send_message(events.Key(key, char))
    for _ in range(4):  # messages posted while handling messages: drain until quiet
        await pilot._wait_for_screen()
    app.screen._on_timer_update()
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024


async def measure(repo: Path, keys: int, size: tuple[int, int], autotranslate: bool) -> dict:
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
        for key in ("slash", *"split_99"):
            filter_time += await press_and_paint(pilot, key)
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
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--functions", type=int, default=10_000)
    parser.add_argument("--keys", type=int, default=200, help="j presses to time")
    parser.add_argument("--size", default="80x24", help="terminal size, WIDTHxHEIGHT")
    parser.add_argument("--autotranslate", action="store_true", help="translate pending units in the background meanwhile")
    parser.add_argument("--keep", help="generate the repository here and keep it")
    args = parser.parse_args(argv)
    width, height = (int(x) for x in args.size.lower().split("x"))

    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gotui-bench-"))
    try:
        t0 = time.perf_counter()
        if not (tmp / ".git").exists():
            make_repo(tmp, args.functions)
        generate = time.perf_counter() - t0
        r = asyncio.run(measure(tmp, args.keys, (width, height), args.autotranslate))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    ms = lambda s: f"{s * 1000:.1f} ms"  # noqa: E731
    print(f"units            {r['units']} ({args.size}, autotranslate {'on' if args.autotranslate else 'off'})")
    print(f"generate repo    {generate:.2f} s")
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
    print(f"filter typed     {ms(r['filter'])} (/split_99, 9 keys)")
    print(f"peak RSS         {r['rss']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
