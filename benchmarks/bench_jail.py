"""What the check sandbox costs per launch: `true` through gotui.verify.jail in each mode.

    .venv/bin/python benchmarks/bench_jail.py [--runs 20]

Prints the median wall time of one jailed launch per mode (bwrap, unshare, none) and the probe
time. Each Python module `gotui check` runs, and each `go test`, is one launch. Not a timed test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gotui.verify import jail  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    for mode in jail.MODES:
        start = time.perf_counter()
        ok = jail.probe(mode)
        probe_s = time.perf_counter() - start
        if not ok:
            print(f"{mode:8} not available here")
            continue
        os.environ["GOTUI_SANDBOX"] = mode
        scratch = Path(tempfile.mkdtemp(prefix="gotui-bench-jail-"))
        times = []
        try:
            for _ in range(args.runs):
                start = time.perf_counter()
                jail.run(["true"], scratch=scratch, env={"PATH": "/usr/bin:/bin"}, timeout=30)
                times.append(time.perf_counter() - start)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        print(f"{mode:8} launch median {statistics.median(times) * 1000:.0f} ms over {args.runs} runs; probe {probe_s * 1000:.0f} ms")


if __name__ == "__main__":
    main()
