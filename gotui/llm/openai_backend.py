"""Translate with any OpenAI-compatible chat completions endpoint (OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp).

One unit = one conversation: system + user prompt; the answer's Go is extracted and parsed; an
unusable answer gets a follow-up asking for a proper go block; with `compile_errors` set, build errors
go back to the model for up to `repair_rounds` rounds. Transport faults (429, 5xx, timeouts, broken
or garbled answers) are retried here with backoff and jitter (`retry.RetryPolicy`); the openai client
itself runs with max_retries=0. Nothing raises out of `translate`: a unit that cannot be translated
comes back as status `failed` with the reason, scrubbed of the API key.
"""

from __future__ import annotations

import contextlib
import json
import socket
import sqlite3
import threading
from dataclasses import dataclass
from typing import Any, Callable

import openai
import pydantic

from gotui.config import DEFAULT_AZURE_API_VERSION, scrub
from gotui.llm.answer import extract_go, has_todo
from gotui.llm.base import CONVERTED, FAILED, PARTIAL, TokenCallback, Translation, TranslationRequest
from gotui.llm.cache import AnswerCache, CachedAnswer, request_key
from gotui.llm.prompt import (
    Message,
    PromptSet,
    build_messages,
    estimate_prompt_tokens,
    estimate_tokens,
    repair_message,
    retry_message,
)
from gotui.llm.retry import RETRY_STATUSES, RetryPolicy, Sleep, interruptible_sleep, parse_retry_after

# Given a unit's Go and its request (for the package context), the build and vet errors; [] when it builds.
CompileErrors = Callable[[str, TranslationRequest], list[str]]

# Sent to on_token when what was streamed so far is void (a retry or a repair round starts): clear it.
RESET_STREAM = "\f"
CANCELLED = "cancelled"
# Follow-ups asking for a usable go block after a garbled, cut off or prose-only answer.
ANSWER_RETRIES = 2
# How often a waiting caller looks at the cancel event.
CANCEL_POLL = 0.05


class _Cancelled(Exception):
    pass


class _UnitFailed(Exception):
    """The unit cannot be translated; the message is the unit's error."""


class _Retryable(Exception):
    def __init__(self, reason: str, retry_after: float | None = None, partial: str = "") -> None:
        super().__init__(reason)
        self.retry_after = retry_after
        self.partial = partial


@dataclass
class _Reply:
    text: str
    finish_reason: str | None
    key: str
    cached: bool = False
    prompt_tokens: int = 0
    completion_tokens: int = 0


@dataclass
class Usage:
    """Totals over the translator's lifetime (all units, all rounds)."""

    requests: int = 0  # model calls that reached the server
    cache_hits: int = 0
    prompt_tokens: int = 0
    cached_tokens: int = 0  # of prompt_tokens, served from the provider's prompt cache
    completion_tokens: int = 0
    cost: float = 0.0


class _Inflight:
    """The stream being read for one call, so another thread can abandon it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stream: Any = None
        self.abandoned = False

    def attach(self, stream: Any) -> None:
        with self._lock:
            self._stream = stream
            if self.abandoned:
                _shutdown(stream)

    def abandon(self) -> None:
        with self._lock:
            self.abandoned = True
            if self._stream is not None:
                _shutdown(self._stream)


def _shutdown(stream: Any) -> None:
    # Closing a socket does not wake a thread blocked reading it; shutting it down does, and the
    # server sees the disconnect and can stop generating.
    try:
        ns = stream.response.extensions.get("network_stream")
        sock = ns.get_extra_info("socket") if ns is not None else None
        if sock is not None:
            sock.shutdown(socket.SHUT_RDWR)
    except Exception:  # noqa: BLE001 - best effort: the reader also stops at its next event
        pass


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def cached_tokens_of(usage: Any) -> int:
    """`usage.prompt_tokens_details.cached_tokens` (OpenAI, Azure, vLLM), 0 when absent."""
    details = _get(usage, "prompt_tokens_details")
    value = _get(details, "cached_tokens") if details is not None else None
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _error_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
        if body.get("message"):
            return str(body["message"])
    return str(exc.message or "")


def _error_code(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            return str(inner.get("code") or inner.get("type") or "")
    return ""


class OpenAITranslator:
    name = "openai"

    def __init__(
        self,
        model: str,
        api_key: str | None = None,
        base_url: str | None = None,
        *,
        provider: str = "openai",
        api_version: str | None = None,
        key_env: str = "OPENAI_API_KEY",
        temperature: float = 0.0,
        max_tokens: int = 4096,
        timeout: float = 120.0,
        retries: int = 4,
        retry_after_cap: float = 60.0,
        repair_rounds: int = 2,
        price_prompt: float = 0.0,
        price_completion: float = 0.0,
        price_cached_prompt: float | None = None,
        stream: bool = True,
        compile_errors: CompileErrors | None = None,
        cache: AnswerCache | None = None,
        no_cache: bool = False,
        prompts: PromptSet | None = None,
        cancel: threading.Event | None = None,
        sleep: Sleep | None = None,
        rng: Callable[[], float] | None = None,
        client: openai.OpenAI | None = None,
    ) -> None:
        self.model = model
        self.provider = provider
        self.api_version = api_version
        self.base_url = base_url
        self.key_env = key_env
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.timeout = timeout
        self.repair_rounds = repair_rounds
        self.price_prompt = price_prompt
        self.price_completion = price_completion
        self.price_cached_prompt = price_cached_prompt
        self.stream = stream
        self.compile_errors = compile_errors
        self.cache = cache
        self.no_cache = no_cache
        self.prompts = prompts or PromptSet.load()
        self.cancel = cancel
        policy = RetryPolicy(retries=retries, retry_after_cap=retry_after_cap, sleep=sleep or interruptible_sleep)
        if rng is not None:
            policy.rng = rng
        self.policy = policy
        self._secret = api_key or ""  # kept only to scrub it from messages
        self._client = client or self._make_client(api_key)
        self._stream_options = True  # dropped for servers that reject it
        self._fatal: str | None = None  # a fault that every further request would hit too
        self._lock = threading.Lock()
        self.usage = Usage()

    def __repr__(self) -> str:  # never show the client (it holds the key)
        return f"OpenAITranslator(provider={self.provider!r}, model={self.model!r}, base_url={self.base_url!r})"

    def _make_client(self, api_key: str | None) -> openai.OpenAI:
        timeout = openai.Timeout(self.timeout, connect=min(self.timeout, 10.0))
        # local servers often need no key, but the client insists on one
        key = api_key or "no-key"
        if self.provider == "azure":
            if not self.base_url:
                raise ValueError("Azure needs base_url: your resource's endpoint, https://<resource>.openai.azure.com")
            return openai.AzureOpenAI(
                azure_endpoint=self.base_url,
                api_version=self._api_version,
                api_key=key,
                max_retries=0,
                timeout=timeout,
            )
        return openai.OpenAI(api_key=key, base_url=self.base_url, max_retries=0, timeout=timeout)

    @property
    def _api_version(self) -> str:
        return self.api_version or DEFAULT_AZURE_API_VERSION

    def close(self) -> None:
        self._client.close()

    # -- the unit ------------------------------------------------------------------------------

    def translate(
        self,
        request: TranslationRequest,
        on_token: TokenCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> Translation:
        """Translate one unit; never raises for a unit-level failure (status `failed`, error says why)."""
        cancel = cancel if cancel is not None else self.cancel
        result = Translation(go="", status=FAILED, backend=self.name, model=self.model)
        emit = _Emitter(on_token)
        try:
            if cancel is not None and cancel.is_set():
                raise _Cancelled()
            self._translate(request, emit, cancel, result)
        except _Cancelled:
            result.go, result.status, result.error = "", FAILED, CANCELLED
        except _UnitFailed as exc:
            result.go, result.status, result.error = "", FAILED, scrub(str(exc), self._secret)
        except Exception as exc:  # noqa: BLE001 - a backend bug costs one unit, and never leaks the key
            result.go, result.status, result.error = "", FAILED, scrub(f"{type(exc).__name__}: {exc}", self._secret)
        if result.error:
            result.error = scrub(result.error, self._secret)
        return result

    def _translate(self, request: TranslationRequest, emit: "_Emitter", cancel: threading.Event | None, out: Translation) -> None:
        if self._fatal is not None:
            raise _UnitFailed(self._fatal)
        messages = build_messages(request, self.prompts)
        all_cached = True
        rounds = 0
        errors: list[str] = []
        while True:
            try:
                text, go, cached = self._usable_answer(request, messages, emit, cancel, out)
            except _UnitFailed as exc:
                if rounds == 0 or not out.go:
                    raise
                # keep the last Go: it parses, and the reviewer can finish it
                out.status = PARTIAL
                out.error = scrub(f"does not build ({errors[0].strip().splitlines()[0]}); repair round {rounds} failed: {exc}", self._secret)
                return
            all_cached = all_cached and cached
            out.go = go
            errors = []
            if self.compile_errors is not None:
                try:
                    errors = [e for e in self.compile_errors(go, request) if e and e.strip()]
                except Exception as exc:  # noqa: BLE001 - a broken checker must not lose the translation
                    out.error = f"could not check the build: {type(exc).__name__}: {exc}"
            if not errors:
                out.status = PARTIAL if has_todo(go) else CONVERTED
                if out.status == PARTIAL and out.error is None:
                    out.error = "the model marked parts it could not translate (TODO(gotui))"
                break
            if rounds >= self.repair_rounds:
                out.status = PARTIAL
                first = errors[0].strip().splitlines()[0]
                out.error = f"does not build after {rounds} repair round(s): {first}"
                break
            rounds += 1
            out.repair_rounds = rounds
            if cancel is not None and cancel.is_set():
                raise _Cancelled()
            messages = [*messages, {"role": "assistant", "content": text}, repair_message(self.prompts, request, errors, rounds, self.repair_rounds)]
            emit.reset()
        out.repair_rounds = rounds
        out.cached = all_cached

    def _usable_answer(
        self, request: TranslationRequest, messages: list[Message], emit: "_Emitter", cancel: threading.Event | None, out: Translation
    ) -> tuple[str, str, bool]:
        """(answer text, its Go, served from cache) for this conversation, asking again after unusable answers."""
        convo = list(messages)
        problem = ""
        first_key = ""
        for attempt in range(ANSWER_RETRIES + 1):
            reply = self._call(convo, emit, cancel, out)
            first_key = first_key or reply.key
            extracted = extract_go(reply.text)
            if extracted.ok:
                if self.cache is not None and not reply.cached:
                    answer = CachedAnswer(reply.text, reply.prompt_tokens, reply.completion_tokens, self.model)
                    self._remember(reply.key, answer)
                    if first_key != reply.key:
                        # a re-run asks the first question again: answer it with the usable answer
                        self._remember(first_key, answer)
                return reply.text, extracted.go, reply.cached
            if reply.cached and self.cache is not None:
                with contextlib.suppress(sqlite3.Error):
                    self.cache.delete(reply.key)  # written by an older gotui with other rules: forget it
            if not reply.text.strip():
                problem = "the answer was empty"
            elif reply.finish_reason == "length":
                problem = f"it was cut off at the token limit (max_tokens {self.max_tokens}); leave out explanations"
            else:
                problem = extracted.error or "no usable Go"
            if attempt == ANSWER_RETRIES:
                break
            convo = [*messages, {"role": "assistant", "content": reply.text[:8000]}, retry_message(self.prompts, request, problem)]
            emit.reset()
        raise _UnitFailed(f"no usable Go after {ANSWER_RETRIES + 1} answers: {problem}")

    def _remember(self, key: str, answer: CachedAnswer) -> None:
        try:
            self.cache.put(key, answer)  # type: ignore[union-attr]
        except sqlite3.Error:
            pass  # a full disk or a locked file costs a re-ask next time, not this unit

    # -- one model call, with retries ------------------------------------------------------------

    def _call(self, convo: list[Message], emit: "_Emitter", cancel: threading.Event | None, out: Translation) -> _Reply:
        key = request_key(
            model=self.model, base_url=self.base_url, messages=convo, temperature=self.temperature,
            max_tokens=self.max_tokens, provider=self.provider,
        )
        if self.cache is not None and not self.no_cache:
            try:
                hit = self.cache.get(key)
            except sqlite3.Error:
                hit = None
            if hit is not None:
                with self._lock:
                    self.usage.cache_hits += 1
                emit(hit.text)
                return _Reply(hit.text, "stop", key, cached=True)
        attempt = 0
        while True:
            if cancel is not None and cancel.is_set():
                raise _Cancelled()
            if self._fatal is not None:
                raise _UnitFailed(self._fatal)
            try:
                text, finish, usage = self._exchange(convo, emit, cancel)
                pt, ct = self._account(out, convo, text, usage)
                return _Reply(text, finish, key, prompt_tokens=pt, completion_tokens=ct)
            except _Retryable as exc:
                if exc.partial:
                    self._account(out, convo, exc.partial, None)
                if attempt >= self.policy.retries:
                    raise _UnitFailed(f"{exc} (gave up after {attempt + 1} attempts)") from None
                self.policy.wait(attempt, exc.retry_after, cancel)
                attempt += 1
                emit.reset()

    def _account(self, out: Translation, convo: list[Message], text: str, usage: Any, price_factor: float = 1.0) -> tuple[int, int]:
        if usage is not None and _get(usage, "prompt_tokens") is not None:
            pt, ct = int(_get(usage, "prompt_tokens") or 0), int(_get(usage, "completion_tokens") or 0)
            cached = min(pt, cached_tokens_of(usage))
        else:  # the server reported nothing (or the stream broke): estimate
            pt, ct, cached = estimate_prompt_tokens(convo), estimate_tokens(text), 0
        cost = self.cost_of(pt, cached, ct) * price_factor
        out.prompt_tokens += pt
        out.completion_tokens += ct
        out.cached_tokens += cached
        out.cost += cost
        with self._lock:
            self.usage.requests += 1
            self.usage.prompt_tokens += pt
            self.usage.cached_tokens += cached
            self.usage.completion_tokens += ct
            self.usage.cost += cost
        return pt, ct

    def cost_of(self, prompt_tokens: int, cached_tokens: int, completion_tokens: int) -> float:
        """Cached prompt tokens are billed at `price_cached_prompt` (half the prompt price unless set)."""
        cached_price = self.price_cached_prompt if self.price_cached_prompt is not None else self.price_prompt / 2
        return ((prompt_tokens - cached_tokens) / 1000.0 * self.price_prompt + cached_tokens / 1000.0 * cached_price
                + completion_tokens / 1000.0 * self.price_completion)

    # -- for the plan and for batches: one question, or an answer that arrived another way ----------

    @property
    def client(self) -> openai.OpenAI:
        """The openai client (files and batches use it); never print it: it holds the key."""
        return self._client

    def messages(self, request: TranslationRequest) -> list[Message]:
        return build_messages(request, self.prompts)

    def params(self, messages: list[Message]) -> dict[str, Any]:
        """The body of a chat completion for these messages, as this translator sends it."""
        return self._params(messages)

    def ask(self, messages: list[Message], out: Translation) -> str:
        """One conversation turn with retries and the answer cache; tokens and cost are added to `out`."""
        reply = self._call(messages, _Emitter(None), self.cancel, out)
        if self.cache is not None and not reply.cached and reply.text.strip():
            self._remember(reply.key, CachedAnswer(reply.text, reply.prompt_tokens, reply.completion_tokens, self.model))
        out.cached = out.cached or reply.cached
        return reply.text

    def from_answer(self, request: TranslationRequest, text: str, usage: Any, price_factor: float = 1.0) -> Translation:
        """A Translation from an answer that came back outside a conversation (a batch); no follow-ups."""
        out = Translation(go="", status=FAILED, backend=self.name, model=self.model)
        self._account(out, self.messages(request), text, usage, price_factor)
        extracted = extract_go(text)
        if not extracted.ok:
            out.error = f"no usable Go in the batch answer: {extracted.error or 'no Go code in the answer'}"
            return out
        out.go = extracted.go
        out.status = PARTIAL if has_todo(out.go) else CONVERTED
        if out.status == PARTIAL:
            out.error = "the model marked parts it could not translate (TODO(gotui))"
        return out

    def _exchange(self, convo: list[Message], emit: "_Emitter", cancel: threading.Event | None) -> tuple[str, str | None, Any]:
        """One HTTP exchange. With a cancel event it runs in a helper thread, so the caller can walk away."""
        inflight = _Inflight()
        if cancel is None:
            return self._request(convo, emit, inflight)
        box: dict[str, Any] = {}
        done = threading.Event()

        def run() -> None:
            try:
                box["reply"] = self._request(convo, emit, inflight)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                box["error"] = exc
            finally:
                done.set()

        threading.Thread(target=run, name="gotui-llm-request", daemon=True).start()
        while not done.wait(CANCEL_POLL):
            if cancel.is_set():
                inflight.abandon()
                emit.silence()
                raise _Cancelled()
        if "error" in box:
            raise box["error"]
        return box["reply"]

    def _params(self, convo: list[Message]) -> dict[str, Any]:
        params: dict[str, Any] = {"model": self.model, "messages": convo, "temperature": self.temperature}
        # OpenAI's newer models refuse max_tokens; the local servers know only max_tokens
        if self.provider in ("openai", "azure"):
            params["max_completion_tokens"] = self.max_tokens
        else:
            params["max_tokens"] = self.max_tokens
        return params

    def _request(self, convo: list[Message], emit: "_Emitter", inflight: _Inflight) -> tuple[str, str | None, Any]:
        params = self._params(convo)
        try:
            if not self.stream:
                return self._plain(params, emit)
            return self._streamed(params, emit, inflight)
        except _Retryable:
            raise
        except openai.APIStatusError as exc:
            raise self._status_fault(exc, params) from None
        except openai.APITimeoutError:
            raise _Retryable(f"no answer within {self.timeout:g} s") from None
        except openai.APIConnectionError as exc:
            if inflight.abandoned:
                raise _Cancelled() from None
            cause = exc.__cause__ or exc.__context__
            raise _Retryable(f"connection failed: {cause or exc}") from None
        except (json.JSONDecodeError, openai.APIResponseValidationError, pydantic.ValidationError, AttributeError, TypeError) as exc:
            if inflight.abandoned:
                raise _Cancelled() from None
            raise _Retryable(f"garbled answer from the server ({type(exc).__name__})") from None

    def _plain(self, params: dict[str, Any], emit: "_Emitter") -> tuple[str, str | None, Any]:
        r = self._client.chat.completions.create(**params)
        choices = getattr(r, "choices", None)
        if not choices:  # a proxy's HTML page comes back as a str
            raise _Retryable("garbled answer from the server (not a chat completion)")
        choice = choices[0]
        text = (choice.message.content if choice.message is not None else None) or ""
        emit(text)
        return text, choice.finish_reason, getattr(r, "usage", None)

    def _streamed(self, params: dict[str, Any], emit: "_Emitter", inflight: _Inflight) -> tuple[str, str | None, Any]:
        extra = {"stream_options": {"include_usage": True}} if self._stream_options else {}
        try:
            stream = self._client.chat.completions.create(**params, stream=True, **extra)
        except openai.BadRequestError as exc:
            if extra and "stream_options" in _error_message(exc):
                self._stream_options = False  # an older server: ask without, estimate the usage
                stream = self._client.chat.completions.create(**params, stream=True)
            else:
                raise
        inflight.attach(stream)
        parts: list[str] = []
        finish: str | None = None
        usage: Any = None
        try:
            for chunk in stream:
                if inflight.abandoned:
                    break
                if getattr(chunk, "usage", None) is not None:
                    usage = chunk.usage
                for choice in chunk.choices or []:
                    delta = choice.delta
                    piece = delta.content if delta is not None else None
                    if piece:
                        parts.append(piece)
                        emit(piece)
                    if choice.finish_reason:
                        finish = choice.finish_reason
        except (openai.APIConnectionError, openai.APITimeoutError) as exc:
            if inflight.abandoned:
                raise _Cancelled() from None
            what = "stalled" if isinstance(exc, openai.APITimeoutError) else "was cut off"
            raise _Retryable(f"the answer stream {what}", partial="".join(parts)) from None
        finally:
            stream.close()
        if inflight.abandoned:
            raise _Cancelled()
        if finish is None:
            raise _Retryable("the answer stream was cut off", partial="".join(parts))
        return "".join(parts), finish, usage

    def _status_fault(self, exc: openai.APIStatusError, params: dict[str, Any]) -> Exception:
        status = exc.status_code
        message = scrub(_error_message(exc), self._secret)[:300]
        code = _error_code(exc)
        where = self.base_url or "the OpenAI API"
        if status == 429 and code == "insufficient_quota":
            return self._set_fatal(f"quota exceeded at {where} (HTTP 429): {message}")
        if status in RETRY_STATUSES:
            return _Retryable(f"HTTP {status}: {message}", retry_after=parse_retry_after(dict(exc.response.headers)))
        if status in (401, 403):
            return self._set_fatal(f"the server refused the API key (HTTP {status}): check {self.key_env}; {message}")
        if status == 404:
            return self._set_fatal(f"HTTP 404 from {where}: {message} (check base_url and the model name {params['model']!r})")
        return _UnitFailed(f"HTTP {status}: {message}")

    def _set_fatal(self, message: str) -> _UnitFailed:
        with self._lock:
            self._fatal = message
        return _UnitFailed(message)


class _Emitter:
    """on_token, made safe: a raising callback is dropped, nothing is sent after cancel."""

    def __init__(self, callback: TokenCallback | None) -> None:
        self._callback = callback
        self._sent = False
        self._silent = False

    def __call__(self, piece: str) -> None:
        if self._callback is None or self._silent or not piece:
            return
        try:
            self._callback(piece)
            self._sent = True
        except Exception:  # noqa: BLE001 - the UI's problem must not fail the unit
            self._callback = None

    def reset(self) -> None:
        """What was streamed is void: a retry or repair round starts over."""
        if self._sent:
            self._sent = False
            self(RESET_STREAM)
            self._sent = False

    def silence(self) -> None:
        self._silent = True

