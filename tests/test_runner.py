from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import gotui.llm.runner as runner
from conftest_openai import fake_openai, llm_env, no_sleep  # noqa: F401
from fake_openai import FakeOpenAI, Step, echo_responder
from gotui.llm.base import CONVERTED, FAILED, Translation, TranslationRequest
from gotui.llm.openai_backend import OpenAITranslator
from gotui.llm.runner import run_translations
from gotui.parse.units import parse_module

MODULE = parse_module("pkg/m.py", "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(12)).encode())
REQUESTS = [TranslationRequest(unit=u, module=MODULE) for u in MODULE.units]


class Stub:
    """A translator that takes `delay` seconds, costs `cost`, and records how many run at once."""

    name = "stub"
    model = "stub-1"

    def __init__(self, delay: float = 0.0, cost: float = 0.0, fail_on: str | None = None) -> None:
        self.delay, self.cost, self.fail_on = delay, cost, fail_on
        self.calls: list[str] = []
        self.running = 0
        self.peak = 0
        self.lock = threading.Lock()

    def translate(self, request: TranslationRequest, on_token=None) -> Translation:
        with self.lock:
            self.calls.append(request.unit.name)
            self.running += 1
            self.peak = max(self.peak, self.running)
        try:
            if request.unit.name == self.fail_on:
                raise RuntimeError("backend bug")
            if on_token is not None:
                on_token(f"// {request.unit.name}\n")
            time.sleep(self.delay)
            return Translation(go=f"func {request.unit.name}() {{}}\n", status=CONVERTED, backend=self.name, model=self.model,
                               prompt_tokens=10, completion_tokens=5, cost=self.cost)
        finally:
            with self.lock:
                self.running -= 1


def test_one_result_per_request_in_order_with_totals() -> None:
    stub = Stub(cost=0.25)
    seen: list[tuple[str, int]] = []
    result = run_translations(stub, REQUESTS, jobs=3, on_result=lambda r, t: seen.append((r.unit.name, threading.get_ident())))
    assert isinstance(result, list) and len(result) == 12
    assert [t.go for t in result] == [f"func f{i}() {{}}\n" for i in range(12)]
    assert {ident for _, ident in seen} == {threading.get_ident()}  # on_result runs in the caller's thread
    assert sorted(name for name, _ in seen) == sorted(u.unit.name for u in REQUESTS)
    totals = result.totals
    assert (totals.units, totals.converted, totals.failed) == (12, 12, 0)
    assert (totals.prompt_tokens, totals.completion_tokens) == (120, 60)
    assert totals.cost == pytest.approx(3.0)


def test_positional_call_of_the_first_version_still_works() -> None:
    event = threading.Event()
    result = run_translations(Stub(), REQUESTS[:2], 2, None, event)
    assert [t.status for t in result] == [CONVERTED, CONVERTED]


def test_concurrency_is_bounded() -> None:
    stub = Stub(delay=0.05)
    run_translations(stub, REQUESTS, jobs=4)
    assert stub.peak == 4


def test_a_failing_backend_costs_one_unit() -> None:
    result = run_translations(Stub(fail_on="f3"), REQUESTS, jobs=2)
    assert result[3].status == FAILED and result[3].error == "RuntimeError: backend bug"
    assert result.totals.failed == 1 and result.totals.converted == 11


def test_budget_stops_new_units() -> None:
    stub = Stub(cost=1.0)
    result = run_translations(stub, REQUESTS, jobs=1, budget=2.5)
    assert len(stub.calls) == 3  # 0, 1, 2 spent; 3 reached 2.5
    assert [t.status for t in result[:3]] == [CONVERTED] * 3
    assert {t.error for t in result[3:]} == {"budget reached (3.00 of 2.50 spent)"}
    assert result.totals.over_budget == 9 and result.totals.cost == pytest.approx(3.0)


def test_small_budgets_keep_their_digits() -> None:
    result = run_translations(Stub(cost=0.004), REQUESTS[:3], jobs=1, budget=0.005)
    assert result[2].error == "budget reached (0.0080 of 0.0050 spent)"


def test_cancel_before_the_start() -> None:
    stub = Stub()
    event = threading.Event()
    event.set()
    result = run_translations(stub, REQUESTS, jobs=2, cancel=event)
    assert stub.calls == [] and {t.error for t in result} == {"cancelled"}
    assert result.totals.cancelled == 12


def test_cancel_does_not_wait_for_a_translator_that_ignores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "CANCEL_GRACE", 0.2)
    event = threading.Event()
    threading.Timer(0.1, event.set).start()
    started = time.monotonic()
    result = run_translations(Stub(delay=1.5), REQUESTS, jobs=2, cancel=event)
    assert time.monotonic() - started < 1.5
    assert {t.error for t in result} == {"cancelled"}


def test_on_token_knows_the_unit() -> None:
    got: list[tuple[str, str]] = []
    lock = threading.Lock()

    def on_token(request: TranslationRequest, delta: str) -> None:
        with lock:
            got.append((request.unit.name, delta))

    run_translations(Stub(), REQUESTS[:4], jobs=2, on_token=on_token)
    assert sorted(got) == [(f"f{i}", f"// f{i}\n") for i in range(4)]


# -- with the scripted server -------------------------------------------------------------------------


def test_cancel_abandons_every_stream(fake_openai: FakeOpenAI, llm_env: Path) -> None:
    fake_openai.script(*[Step(text="```go\nfunc F() {}\n```", hang=True)] * 12)
    tr = OpenAITranslator("m", "sk-k-1234567890", fake_openai.base_url, timeout=30, sleep=no_sleep)
    event = threading.Event()
    cancelled_at: list[float] = []

    def cancel_once_all_hang() -> None:
        # cancel when the four streams hang on the server, not after a fixed delay a loaded machine may not meet
        deadline = time.monotonic() + 20
        while len(fake_openai.requests) < 4 and time.monotonic() < deadline:
            time.sleep(0.01)
        cancelled_at.append(time.monotonic())
        event.set()

    threading.Thread(target=cancel_once_all_hang, daemon=True).start()
    result = run_translations(tr, REQUESTS[:8], jobs=4, cancel=event)
    assert time.monotonic() - cancelled_at[0] < 1.5  # the hanging streams are abandoned at once
    assert {t.error for t in result} == {"cancelled"}
    assert len(fake_openai.requests) == 4  # the units that never started sent nothing


def test_parallel_requests_overlap(llm_env: Path) -> None:
    def slow(body: dict) -> Step:
        step = echo_responder(body)
        step.delay = 0.4
        return step

    with FakeOpenAI(slow) as server:
        tr = OpenAITranslator("m", "sk-k-1234567890", server.base_url, sleep=no_sleep)
        started = time.monotonic()
        result = run_translations(tr, REQUESTS[:8], jobs=8)
        elapsed = time.monotonic() - started
    assert result.totals.converted == 8
    assert elapsed < 1.6  # one after another would take 3.2 s


def test_budget_with_real_costs(fake_openai: FakeOpenAI, llm_env: Path) -> None:
    tr = OpenAITranslator("m", "sk-k-1234567890", fake_openai.base_url, price_prompt=1.0, price_completion=1.0, sleep=no_sleep)
    result = run_translations(tr, REQUESTS[:5], jobs=1, budget=0.25)  # each answer: 100 + 50 tokens = 0.15
    assert [t.status for t in result[:2]] == [CONVERTED, CONVERTED]
    assert {t.error for t in result[2:]} == {"budget reached (0.3000 of 0.2500 spent)"}
    assert len(fake_openai.requests) == 2
    assert result.totals.cost == pytest.approx(0.3) == pytest.approx(tr.usage.cost)
