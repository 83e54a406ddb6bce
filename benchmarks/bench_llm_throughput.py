"""Throughput of the LLM backend against the scripted server (127.0.0.1 only; no model needed).

    .venv/bin/python benchmarks/bench_llm_throughput.py [--delay 1.0] [--units 8] [--overhead-requests 100]

Prints the wall time for N units when every answer takes `delay` seconds, at jobs 1 and jobs N, and
the per-request overhead (prompt building, HTTP, answer parsing) with an instant server, for
streamed and plain requests. Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the scripted server lives with the tests

from fake_openai import FakeOpenAI, Step, echo_responder  # noqa: E402

from gotui.llm.base import TranslationRequest  # noqa: E402
from gotui.llm.openai_backend import OpenAITranslator  # noqa: E402
from gotui.llm.runner import run_translations  # noqa: E402
from gotui.parse.files import scan  # noqa: E402


def shop_requests() -> list[TranslationRequest]:
    s = scan(ROOT, ROOT / "examples" / "shop")
    return [TranslationRequest(unit=u, module=m) for m in s.modules for u in m.units]


def delayed(seconds: float):
    def responder(body: dict) -> Step:
        step = echo_responder(body)
        step.delay = seconds
        return step

    return responder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--delay", type=float, default=1.0, help="seconds the server takes per answer")
    ap.add_argument("--units", type=int, default=8)
    ap.add_argument("--overhead-requests", type=int, default=100)
    args = ap.parse_args()

    requests = shop_requests()
    units = (requests * (args.units // len(requests) + 1))[: args.units]

    print(f"{args.units} units, server takes {args.delay:g} s per answer")
    with FakeOpenAI(delayed(args.delay)) as server:
        tr = OpenAITranslator("bench-model", "sk-bench", server.base_url)
        for jobs in (1, args.units):
            started = time.perf_counter()
            result = run_translations(tr, units, jobs=jobs)
            wall = time.perf_counter() - started
            ok = result.totals.converted
            print(f"  jobs {jobs:>2}: {wall:6.2f} s wall  ({ok}/{len(units)} converted)")

    n = args.overhead_requests
    batch = (requests * (n // len(requests) + 1))[:n]
    print(f"per-request overhead, instant server, {n} requests one at a time")
    with FakeOpenAI() as server:
        for stream in (True, False):
            tr = OpenAITranslator("bench-model", "sk-bench", server.base_url, stream=stream)
            run_translations(tr, batch[:5], jobs=1)  # warm up: connection, parsers
            started = time.perf_counter()
            run_translations(tr, batch, jobs=1)
            per = (time.perf_counter() - started) / n * 1000
            print(f"  {'streamed' if stream else 'plain   '}: {per:6.2f} ms per request")


if __name__ == "__main__":
    main()
