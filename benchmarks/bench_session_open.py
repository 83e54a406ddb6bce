"""How long opening a session takes (quick_check and migration check included), on a Django-sized session.

Builds a session of N units (default 10,000, each with ~40 lines of source and Go and two attempts),
then times Session() opens and a backup. Prints milliseconds.

    .venv/bin/python benchmarks/bench_session_open.py [N]
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from gotui.llm.base import Translation
from gotui.parse.units import Unit
from gotui.session.store import Session


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        state = Path(tmp)
        s = Session(state, actor="bench")
        body = "\n".join(f"    x{i} = compute({i}, y) + offset" for i in range(40))
        units = [Unit(id=f"pkg/m{i // 50}.py::f{i}", path=f"pkg/m{i // 50}.py", name=f"f{i}", qualname=f"f{i}",
                      kind="function", line=1 + (i % 50) * 45, end_line=40 + (i % 50) * 45,
                      source=f"def f{i}(y):\n{body}\n", source_hash=f"{i:016x}") for i in range(n)]
        s.sync(units)
        go = "func F(y int) int {\n" + "\n".join(f"\tx{i} := compute({i}, y) + offset" for i in range(40)) + "\n}\n"
        for u in units[: n // 2]:
            s.record_translation(u.id, Translation(go=go, status="converted", backend="rules", model="r"))
        s.close()
        size = (state / "session.db").stat().st_size
        times = []
        for _ in range(7):
            t0 = time.perf_counter()
            Session(state).close()
            times.append((time.perf_counter() - t0) * 1000)
        db = sqlite3.connect(state / "session.db")
        checks = []
        for _ in range(7):
            t0 = time.perf_counter()
            db.execute("PRAGMA quick_check(1)").fetchone()
            checks.append((time.perf_counter() - t0) * 1000)
        db.close()
        s = Session(state)
        t0 = time.perf_counter()
        s.backup("bench")
        backup_ms = (time.perf_counter() - t0) * 1000
        print(f"{n} units, session.db {size / 1e6:.1f} MB: open median {statistics.median(times):.1f} ms "
              f"(min {min(times):.1f}, max {max(times):.1f}), of which quick_check {statistics.median(checks):.1f} ms; "
              f"backup {backup_ms:.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
