"""Run many translations with bounded concurrency; results are handed back one by one as they finish.

Every request gets exactly one Translation, in request order: translated, or failed with the reason
("cancelled", "budget reached (X of Y spent)", the backend's error). The returned list also carries
the run's totals (`.totals`): tokens, cost, counts by status.
"""

from __future__ import annotations

import inspect
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Callable

from gotui.llm.base import CONVERTED, FAILED, PARTIAL, TokenCallback, Translation, TranslationRequest, Translator

ResultCallback = Callable[[TranslationRequest, Translation], None]
UnitTokenCallback = Callable[[TranslationRequest, str], None]

CANCELLED = "cancelled"
# After cancel, how long to wait for in-flight units to notice before reporting them cancelled anyway.
CANCEL_GRACE = 2.0
_POLL = 0.05


def money(amount: float) -> str:
    return f"{amount:.2f}" if amount >= 1 else f"{amount:.4f}"


def budget_message(spent: float, budget: float) -> str:
    return f"budget reached ({money(spent)} of {money(budget)} spent)"


@dataclass
class RunTotals:
    units: int = 0
    converted: int = 0
    partial: int = 0
    failed: int = 0
    cached: int = 0
    cancelled: int = 0
    over_budget: int = 0  # units not started because the budget was reached
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    repair_rounds: int = 0
    seconds: float = 0.0

    def add(self, t: Translation) -> None:
        self.units += 1
        if t.status == CONVERTED:
            self.converted += 1
        elif t.status == PARTIAL:
            self.partial += 1
        else:
            self.failed += 1
        self.cached += int(t.cached)
        self.cancelled += int(t.error == CANCELLED)
        self.over_budget += int(bool(t.error) and t.error.startswith("budget reached"))
        self.prompt_tokens += t.prompt_tokens
        self.completion_tokens += t.completion_tokens
        self.cost += t.cost
        self.repair_rounds += t.repair_rounds


class RunResult(list[Translation]):  # a plain list for callers of the first version, plus the totals
    totals: RunTotals

    def __init__(self, items: list[Translation], totals: RunTotals) -> None:
        super().__init__(items)
        self.totals = totals


def _accepts_cancel(translator: Translator) -> bool:
    try:
        return "cancel" in inspect.signature(translator.translate).parameters
    except (TypeError, ValueError):
        return False


def _failed(translator: Translator, error: str) -> Translation:
    return Translation(go="", status=FAILED, backend=translator.name, model=getattr(translator, "model", ""), error=error)


def translate_safely(
    translator: Translator,
    request: TranslationRequest,
    on_token: TokenCallback | None = None,
    cancel: threading.Event | None = None,
) -> Translation:
    """A backend bug must cost one unit, never the run."""
    try:
        if cancel is not None and _accepts_cancel(translator):
            return translator.translate(request, on_token=on_token, cancel=cancel)  # type: ignore[call-arg]
        return translator.translate(request, on_token=on_token)
    except Exception as exc:  # noqa: BLE001 - reported as the unit's error
        return _failed(translator, f"{type(exc).__name__}: {exc}")


def workers_for(translator: Translator, jobs: int) -> int:
    """Threads a run uses: `jobs` for a translator that waits on the network, one for a translator that
    computes in Python on this interpreter (`concurrent = False`): more would only contend for it, and
    take it from the review screen's keys."""
    return max(1, jobs) if getattr(translator, "concurrent", True) else 1


def run_translations(
    translator: Translator,
    requests: list[TranslationRequest],
    jobs: int = 4,
    on_result: ResultCallback | None = None,
    cancel: threading.Event | None = None,
    *,
    on_token: UnitTokenCallback | None = None,
    budget: float | None = None,
) -> RunResult:
    """Translate every request with at most `jobs` at once; `on_result` is called in the caller's thread.

    `cancel`: when set, units not started report "cancelled", in-flight ones are abandoned (the
    translator closes its stream) and the call returns promptly. `budget`: once the cost of finished
    units reaches it, units not yet started report "budget reached (X of Y spent)"; units already in
    flight finish, so a run can overshoot by at most `jobs` units. `on_token(request, delta)` is
    called from worker threads as text streams in.
    """
    started = time.monotonic()
    lock = threading.Lock()
    spent = [0.0]
    results: dict[int, Translation] = {}
    totals = RunTotals()

    def work(req: TranslationRequest) -> Translation:
        if cancel is not None and cancel.is_set():
            return _failed(translator, CANCELLED)
        if budget is not None:
            with lock:
                if spent[0] >= budget:
                    return _failed(translator, budget_message(spent[0], budget))
        tokens = (lambda delta: on_token(req, delta)) if on_token is not None else None
        result = translate_safely(translator, req, on_token=tokens, cancel=cancel)
        with lock:
            spent[0] += result.cost
        return result

    def deliver(i: int, result: Translation) -> None:
        results[i] = result
        totals.add(result)
        if on_result is not None:
            on_result(requests[i], result)

    pool = ThreadPoolExecutor(max_workers=workers_for(translator, jobs), thread_name_prefix="gotui-translate")
    futures: dict[Future[Translation], int] = {pool.submit(work, r): i for i, r in enumerate(requests)}
    pending = set(futures)
    cancel_seen: float | None = None
    try:
        while pending:
            done, pending = wait(pending, timeout=_POLL, return_when=FIRST_COMPLETED)
            for fut in sorted(done, key=lambda f: futures[f]):
                i = futures[fut]
                if fut.cancelled():
                    deliver(i, _failed(translator, CANCELLED))
                    continue
                try:
                    deliver(i, fut.result())
                except Exception as exc:  # noqa: BLE001 - on_result or work itself failed: one unit
                    if i not in results:
                        deliver(i, _failed(translator, f"{type(exc).__name__}: {exc}"))
            if cancel is not None and cancel.is_set():
                if cancel_seen is None:
                    cancel_seen = time.monotonic()
                    for fut in pending:
                        fut.cancel()
                elif time.monotonic() - cancel_seen > CANCEL_GRACE:
                    break  # a translator that ignores cancel: stop waiting for it
    finally:
        pool.shutdown(wait=cancel_seen is None, cancel_futures=True)
    for fut in pending:  # abandoned after the grace period
        i = futures[fut]
        if i not in results:
            deliver(i, _failed(translator, CANCELLED))
    totals.seconds = time.monotonic() - started
    return RunResult([results[i] for i in range(len(requests))], totals)
