"""OpenAITranslator against the scripted server: what is sent, faults, streaming, repair, cancel, cache."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from conftest_openai import SleepLog, fake_openai, llm_env, no_sleep  # noqa: F401
from fake_openai import FakeOpenAI, Step, go_answer
from gotui.llm.base import CONVERTED, FAILED, PARTIAL, TranslationRequest
from gotui.llm.cache import AnswerCache, request_key
from gotui.llm.openai_backend import RESET_STREAM, OpenAITranslator
from gotui.parse.files import scan
from gotui.parse.note import Note

REPO = Path(__file__).resolve().parent.parent
SHOP = scan(REPO, REPO / "examples" / "shop")
KEY = "sk-test-0123456789abcdef"
GOOD = go_answer("ApplyDiscount")


def request(qualname: str = "apply_discount", path: str = "examples/shop/pricing.py", **kw: Any) -> TranslationRequest:
    module = SHOP.module(path)
    assert module is not None
    unit = next(u for u in module.units if u.qualname == qualname)
    return TranslationRequest(unit=unit, module=module, **kw)


def translator(server: FakeOpenAI, **kw: Any) -> OpenAITranslator:
    kw.setdefault("sleep", no_sleep)
    return OpenAITranslator(model=kw.pop("model", "test-model"), api_key=kw.pop("api_key", KEY), base_url=kw.pop("base_url", server.base_url), **kw)


# -- what is sent ------------------------------------------------------------------------------------


def test_request_carries_key_model_notes_and_ledger(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(text=GOOD, usage=(1200, 300)))
    note = Note("examples/shop/pricing.py", 19, 19, "floor-division", "warning", "Python's // floors.", "Use a floorDiv helper.")
    ledger = {"vat_rate": "func VatRate(country string) int", "bulk_discount": "func BulkDiscount(quantity int) int"}
    tr = translator(fake_openai, temperature=0.2, max_tokens=900, price_prompt=0.5, price_completion=2.0)
    result = tr.translate(request(notes=[note], ledger=ledger))

    assert result.status == CONVERTED, result.error
    assert result.go == "func ApplyDiscount() int {\n\treturn 0\n}\n"
    assert (result.backend, result.model) == ("openai", "test-model")
    assert (result.prompt_tokens, result.completion_tokens) == (1200, 300)
    assert result.cost == pytest.approx(1.2 * 0.5 + 0.3 * 2.0)
    [sent] = fake_openai.requests
    assert sent.method == "POST" and sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.body is not None
    assert sent.body["model"] == "test-model" and sent.body["temperature"] == 0.2
    assert sent.body["max_completion_tokens"] == 900
    assert sent.body["stream"] is True and sent.body["stream_options"] == {"include_usage": True}
    assert [m["role"] for m in sent.messages] == ["system", "user"]
    assert "Python's // floors. In Go: Use a floorDiv helper." in sent.prompt_text
    assert "func BulkDiscount(quantity int) int" not in sent.prompt_text  # apply_discount does not call it
    assert "def apply_discount(price_cents: int, percent: int) -> int:" in sent.prompt_text


def test_ledger_entries_the_unit_uses_are_sent(fake_openai: FakeOpenAI) -> None:
    ledger = {"apply_discount": "func ApplyDiscount(priceCents, percent int) (int, error)", "vat_rate": "func VatRate(country string) int"}
    translator(fake_openai).translate(request("Cart.subtotal", "examples/shop/cart.py", ledger=ledger))
    text = fake_openai.requests[0].prompt_text
    assert "func ApplyDiscount(priceCents, percent int) (int, error)" in text
    assert "VatRate" not in text


def test_local_providers_get_max_tokens(fake_openai: FakeOpenAI) -> None:
    translator(fake_openai, provider="vllm", max_tokens=512).translate(request())
    body = fake_openai.requests[0].body or {}
    assert body["max_tokens"] == 512 and "max_completion_tokens" not in body


def test_azure_deployment_path_and_api_key_header(fake_openai: FakeOpenAI) -> None:
    tr = translator(fake_openai, provider="azure", model="gpt4o-deploy", base_url=fake_openai.root_url, api_version="2024-10-21")
    result = tr.translate(request())
    assert result.status == CONVERTED, result.error
    sent = fake_openai.requests[0]
    assert sent.path == "/openai/deployments/gpt4o-deploy/chat/completions"
    assert sent.query["api-version"] == ["2024-10-21"]
    assert sent.headers["api-key"] == KEY


def test_plain_mode(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(text=GOOD, usage=(10, 5)))
    tokens: list[str] = []
    result = translator(fake_openai, stream=False).translate(request(), on_token=tokens.append)
    assert result.status == CONVERTED and (result.prompt_tokens, result.completion_tokens) == (10, 5)
    assert "stream" not in (fake_openai.requests[0].body or {})
    assert tokens == [GOOD]


# -- streaming ---------------------------------------------------------------------------------------


def test_on_token_gets_each_delta(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(text=GOOD, chunk_chars=5))
    tokens: list[str] = []
    result = translator(fake_openai).translate(request(), on_token=tokens.append)
    assert result.status == CONVERTED
    assert len(tokens) == -(-len(GOOD) // 5) and all(len(t) <= 5 for t in tokens)
    assert "".join(tokens) == GOOD


def test_usage_estimated_when_the_server_sends_none(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(text=GOOD, usage=None))
    result = translator(fake_openai, price_completion=1.0).translate(request())
    assert result.status == CONVERTED
    assert result.completion_tokens == -(-len(GOOD) // 4)
    assert result.prompt_tokens > len(request().unit.source) // 4
    assert result.cost == pytest.approx(result.completion_tokens / 1000)


def test_a_raising_on_token_does_not_fail_the_unit(fake_openai: FakeOpenAI) -> None:
    def boom(_: str) -> None:
        raise RuntimeError("ui gone")

    assert translator(fake_openai).translate(request(), on_token=boom).status == CONVERTED


def test_stream_options_refused_by_an_older_server(fake_openai: FakeOpenAI) -> None:
    refusal = '{"error": {"message": "Unrecognized request argument supplied: stream_options", "type": "invalid_request_error"}}'
    fake_openai.script(Step(status=400, body=refusal), Step(text=GOOD, usage=None), Step(text=GOOD, usage=None))
    tr = translator(fake_openai)
    assert tr.translate(request()).status == CONVERTED
    assert tr.translate(request("vat_rate")).status == CONVERTED
    assert [("stream_options" in (r.body or {})) for r in fake_openai.requests] == [True, False, False]


# -- faults ------------------------------------------------------------------------------------------


def test_429_honours_retry_after(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(status=429, headers={"Retry-After": "7"}), Step(status=429, headers={"retry-after-ms": "1500"}), Step(text=GOOD))
    log = SleepLog()
    result = translator(fake_openai, sleep=log, rng=lambda: 0.0).translate(request())
    assert result.status == CONVERTED
    assert log.waits == [7.0, 1.5]
    assert len(fake_openai.requests) == 3


def test_retry_after_is_capped_and_jittered(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(status=503, headers={"Retry-After": "3600"}), Step(text=GOOD))
    log = SleepLog()
    translator(fake_openai, sleep=log, retry_after_cap=60, rng=lambda: 1.0).translate(request())
    assert log.waits == [pytest.approx(66.0)]  # 60 s cap plus at most 10% jitter


def test_5xx_exponential_backoff_with_jitter(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(status=500), Step(status=502), Step(status=503), Step(text=GOOD))
    log = SleepLog()
    result = translator(fake_openai, sleep=log, rng=lambda: 0.5).translate(request())
    assert result.status == CONVERTED
    assert log.waits == pytest.approx([0.375, 0.75, 1.5])  # base 0.5 s doubling, between half and all of it


def test_gives_up_after_the_retries(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(*[Step(status=500)] * 5)
    result = translator(fake_openai, retries=2).translate(request())
    assert result.status == FAILED and result.go == ""
    assert result.error == "HTTP 500: scripted 500 (gave up after 3 attempts)"
    assert len(fake_openai.requests) == 3


@pytest.mark.parametrize("stream", [True, False])
def test_timeout_is_retried(fake_openai: FakeOpenAI, stream: bool) -> None:
    fake_openai.script(Step(text=GOOD, hang=True), Step(text=GOOD))
    started = time.monotonic()
    result = translator(fake_openai, timeout=0.3, stream=stream).translate(request())
    assert result.status == CONVERTED, result.error
    assert time.monotonic() - started < 3
    assert len(fake_openai.requests) == 2


def test_timeouts_reported(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(*[Step(hang=True)] * 2)
    result = translator(fake_openai, timeout=0.2, retries=1, stream=False).translate(request())
    assert result.status == FAILED and result.error == "no answer within 0.2 s (gave up after 2 attempts)"


@pytest.mark.parametrize("stream", [True, False])
def test_garbage_body_is_retried(fake_openai: FakeOpenAI, stream: bool) -> None:
    fake_openai.script(Step(garbage=True), Step(text=GOOD))
    result = translator(fake_openai, stream=stream).translate(request())
    assert result.status == CONVERTED, result.error
    assert len(fake_openai.requests) == 2


def test_garbage_reported(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(*[Step(garbage=True)] * 3)
    result = translator(fake_openai, retries=2, stream=False).translate(request())
    assert result.status == FAILED
    assert result.error is not None and result.error.startswith("garbled answer from the server")


def test_truncated_stream_is_retried_and_the_viewer_reset(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(text=GOOD, truncate=True, chunk_chars=4), Step(text=GOOD))
    tokens: list[str] = []
    result = translator(fake_openai).translate(request(), on_token=tokens.append)
    assert result.status == CONVERTED
    cut = tokens.index(RESET_STREAM)
    assert 0 < cut and "".join(tokens[cut + 1 :]) == GOOD
    assert result.completion_tokens > 50  # the broken attempt is counted too (estimated)


def test_prose_answer_gets_a_follow_up(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(text="I would translate it with a loop."), Step(text=GOOD))
    result = translator(fake_openai).translate(request())
    assert result.status == CONVERTED
    follow_up = fake_openai.requests[1].messages
    assert follow_up[-2] == {"role": "assistant", "content": "I would translate it with a loop."}
    assert "could not be used: no Go code in the answer" in follow_up[-1]["content"]


def test_cut_off_at_the_token_limit(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(text="```go\nfunc ApplyDiscount() int {\n\treturn", finish_reason="length"), Step(text=GOOD))
    result = translator(fake_openai, max_tokens=64).translate(request())
    assert result.status == CONVERTED
    assert "cut off at the token limit (max_tokens 64)" in fake_openai.requests[1].messages[-1]["content"]


def test_unusable_answers_reported(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(text="no"), Step(text="```go\nfunc (\n```"), Step(text="```python\npass\n```"))
    result = translator(fake_openai).translate(request())
    assert result.status == FAILED
    assert result.error == "no usable Go after 3 answers: no go block in the answer (found python)"


def test_bad_request_is_not_retried(fake_openai: FakeOpenAI) -> None:
    body = '{"error": {"message": "maximum context length is 8192 tokens", "type": "invalid_request_error"}}'
    fake_openai.script(Step(status=400, body=body))
    result = translator(fake_openai).translate(request())
    assert result.error == "HTTP 400: maximum context length is 8192 tokens"
    assert len(fake_openai.requests) == 1


def test_auth_failure_stops_asking_and_never_shows_the_key(fake_openai: FakeOpenAI) -> None:
    body = '{"error": {"message": "Incorrect API key provided: ' + KEY + '. Find yours online.", "type": "invalid_request_error", "code": "invalid_api_key"}}'
    fake_openai.script(Step(status=401, body=body))
    tr = translator(fake_openai)
    first = tr.translate(request())
    second = tr.translate(request("vat_rate"))
    for result in (first, second):
        assert result.status == FAILED and result.error is not None
        assert "HTTP 401" in result.error and "OPENAI_API_KEY" in result.error
        assert KEY not in result.error and "0123456789abcdef" not in result.error
    assert len(fake_openai.requests) == 1  # the second unit did not ask again
    assert KEY not in repr(tr)


def test_quota_exhausted_is_not_retried(fake_openai: FakeOpenAI) -> None:
    body = '{"error": {"message": "You exceeded your current quota", "type": "insufficient_quota", "code": "insufficient_quota"}}'
    fake_openai.script(Step(status=429, body=body))
    result = translator(fake_openai).translate(request())
    assert result.error is not None and result.error.startswith("quota exceeded")
    assert len(fake_openai.requests) == 1


def test_unreachable_server(llm_env: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tr = OpenAITranslator("m", KEY, f"http://127.0.0.1:{port}/v1", retries=1, sleep=no_sleep)
    result = tr.translate(request())
    assert result.status == FAILED and result.error is not None and result.error.startswith("connection failed")


# -- repair loop -------------------------------------------------------------------------------------


def test_build_errors_go_back_to_the_model(fake_openai: FakeOpenAI) -> None:
    fixed = go_answer("ApplyDiscount", "\treturn 1")
    fake_openai.script(Step(text=GOOD), Step(text=fixed))
    seen: list[str] = []

    def compile_errors(go: str, req) -> list[str]:
        seen.append(go)
        return [] if "return 1" in go else ["./unit.go:2:9: cannot use 0 (untyped int constant) as error value"]

    result = translator(fake_openai, compile_errors=compile_errors).translate(request())
    assert result.status == CONVERTED and result.repair_rounds == 1
    assert "return 1" in result.go and len(seen) == 2
    repair = fake_openai.requests[1].messages
    assert repair[-2] == {"role": "assistant", "content": GOOD}
    assert "cannot use 0 (untyped int constant) as error value" in repair[-1]["content"]


def test_repair_rounds_run_out(fake_openai: FakeOpenAI) -> None:
    result = translator(fake_openai, compile_errors=lambda go, req: ["x.go:1:1: undefined: Money"], repair_rounds=2).translate(request())
    assert result.status == PARTIAL and result.repair_rounds == 2
    assert result.go.startswith("func ")
    assert result.error == "does not build after 2 repair round(s): x.go:1:1: undefined: Money"
    assert len(fake_openai.requests) == 3


def test_a_failed_repair_round_keeps_the_last_go(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(text=GOOD), *[Step(status=500)] * 2)
    tr = translator(fake_openai, retries=1, compile_errors=lambda go, req: ["x.go:2:9: missing return"])
    result = tr.translate(request())
    assert result.status == PARTIAL and result.go.startswith("func ApplyDiscount") and result.repair_rounds == 1
    assert result.error == "does not build (x.go:2:9: missing return); repair round 1 failed: HTTP 500: scripted 500 (gave up after 2 attempts)"


def test_a_broken_checker_keeps_the_translation(fake_openai: FakeOpenAI) -> None:
    def checker(go: str, req) -> list[str]:
        raise OSError("go: not found")

    result = translator(fake_openai, compile_errors=checker).translate(request())
    assert result.status == CONVERTED and result.go
    assert result.error == "could not check the build: OSError: go: not found"


def test_todo_marks_the_unit_partial(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(text="```go\n// TODO(gotui): decimal rounding differs\nfunc ApplyDiscount() int { return 0 }\n```"))
    result = translator(fake_openai).translate(request())
    assert result.status == PARTIAL and "TODO(gotui)" in (result.error or "")


# -- cancel ------------------------------------------------------------------------------------------


def _cancel_after(seconds: float) -> threading.Event:
    event = threading.Event()
    threading.Timer(seconds, event.set).start()
    return event


def test_cancel_closes_a_hanging_stream(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(text=GOOD, hang=True))
    tokens: list[str] = []
    started = time.monotonic()
    result = translator(fake_openai, timeout=30).translate(request(), on_token=tokens.append, cancel=_cancel_after(0.2))
    assert time.monotonic() - started < 1.0
    assert result.status == FAILED and result.error == "cancelled"
    assert tokens and "".join(tokens) in GOOD  # the first chunk arrived before the stall
    deadline = time.monotonic() + 2
    while not fake_openai.requests[0].disconnected and time.monotonic() < deadline:
        time.sleep(0.02)
    assert fake_openai.requests[0].disconnected  # the server saw the stream closed


def test_cancel_a_plain_request(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(hang=True))
    started = time.monotonic()
    result = translator(fake_openai, timeout=30, stream=False).translate(request(), cancel=_cancel_after(0.2))
    assert result.error == "cancelled" and time.monotonic() - started < 1.0


def test_cancel_during_a_retry_wait(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Step(status=429, headers={"Retry-After": "30"}))
    tr = OpenAITranslator("m", KEY, fake_openai.base_url, cancel=_cancel_after(0.2))  # the real, interruptible sleep
    started = time.monotonic()
    result = tr.translate(request())
    assert result.error == "cancelled" and time.monotonic() - started < 1.0
    assert len(fake_openai.requests) == 1


def test_already_cancelled_sends_nothing(fake_openai: FakeOpenAI) -> None:
    event = threading.Event()
    event.set()
    assert translator(fake_openai).translate(request(), cancel=event).error == "cancelled"
    assert fake_openai.requests == []


# -- cache -------------------------------------------------------------------------------------------


def test_second_run_is_served_from_the_cache(fake_openai: FakeOpenAI, llm_env: Path) -> None:
    cache = AnswerCache(llm_env / "cache" / "answers.sqlite3")
    tr = translator(fake_openai, cache=cache, price_prompt=1.0)
    first = tr.translate(request())
    tokens: list[str] = []
    again = tr.translate(request(), on_token=tokens.append)
    assert first.cached is False and first.cost > 0
    assert again.cached is True and again.cost == 0 and again.prompt_tokens == 0
    assert again.go == first.go and again.status == CONVERTED
    assert "".join(tokens) == go_answer("Fn_apply_discount")  # the viewer still sees the answer
    assert len(fake_openai.requests) == 1
    assert tr.usage.cache_hits == 1 and tr.usage.requests == 1
    fresh = translator(fake_openai, cache=cache, no_cache=True).translate(request())
    assert fresh.cached is False and len(fake_openai.requests) == 2
    cache.close()
    raw = b"".join(p.read_bytes() for p in (llm_env / "cache").iterdir())
    assert KEY.encode() not in raw


def test_the_cache_key_covers_the_request_but_not_the_key(fake_openai: FakeOpenAI, llm_env: Path) -> None:
    base = dict(model="m", base_url="http://127.0.0.1:1/v1", messages=[{"role": "user", "content": "x"}], temperature=0.0, max_tokens=100)
    key = request_key(**base)
    for change in ({"model": "n"}, {"base_url": "http://127.0.0.1:2/v1"}, {"temperature": 0.1}, {"max_tokens": 101}, {"messages": [{"role": "user", "content": "y"}]}):
        assert request_key(**{**base, **change}) != key
    cache = AnswerCache(llm_env / "cache" / "a.sqlite3")
    translator(fake_openai, cache=cache, api_key="sk-one-aaaaaaaaaaaa").translate(request())
    hit = translator(fake_openai, cache=cache, api_key="sk-two-bbbbbbbbbbbb").translate(request())
    assert hit.cached and len(fake_openai.requests) == 1


def test_unusable_answers_are_not_cached(fake_openai: FakeOpenAI, llm_env: Path) -> None:
    cache = AnswerCache(llm_env / "cache" / "answers.sqlite3")
    fake_openai.script(*[Step(text="no code today")] * 3)
    assert translator(fake_openai, cache=cache).translate(request()).status == FAILED
    assert len(cache) == 0
    with sqlite3.connect(cache.path) as db:
        assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 0


def test_cancel_does_not_leak_threads(fake_openai: FakeOpenAI) -> None:
    before = threading.active_count()
    tr = translator(fake_openai)
    for _ in range(5):
        tr.translate(request(), cancel=threading.Event())
    time.sleep(0.1)
    assert threading.active_count() <= before + 1
