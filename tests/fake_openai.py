"""A scripted OpenAI-compatible server for tests: `/v1/chat/completions`, plain and SSE streaming.

It listens on 127.0.0.1 only, on a random port, in a background thread. Each request takes the next
scripted `Step` (or, when the script is empty, asks `responder`), and every request is recorded
(method, path, query, headers, JSON body) so tests can assert what the client sent.

    with FakeOpenAI() as server:
        server.script(Step(status=429, headers={"Retry-After": "2"}), Step(text="```go\\nfunc F() {}\\n```"))
        ... OpenAITranslator(model="m", api_key="k", base_url=server.base_url) ...
        assert server.requests[0].headers["authorization"] == "Bearer k"
"""

from __future__ import annotations

import json
import re
import select
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit


@dataclass
class Step:
    """What the server does for one request."""

    text: str = ""  # the answer's content
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before anything is sent
    hang: bool = False  # send nothing (plain) or one chunk then nothing (stream) until the server stops
    garbage: bool = False  # 200 with a body that is not JSON (plain) or not JSON events (stream)
    body: str | None = None  # raw body for a non-200 answer; default an OpenAI-style error object
    truncate: bool = False  # stream: close the connection half way, no finish_reason and no [DONE]
    finish_reason: str = "stop"
    usage: tuple[int, int] | None = (100, 50)  # (prompt, completion) tokens, None to leave usage out
    chunk_chars: int = 16  # stream: content characters per event
    chunk_delay: float = 0.0  # stream: seconds between events


Responder = Callable[[dict[str, Any]], Step]


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: dict[str, Any] | None
    disconnected: bool = False  # the client went away before the answer was complete

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list((self.body or {}).get("messages", []))

    @property
    def prompt_text(self) -> str:
        """Every message's content, joined: what the model was shown."""
        return "\n".join(str(m.get("content", "")) for m in self.messages)


def go_answer(name: str = "Translated", body: str = "\treturn 0") -> str:
    """A well-formed answer: prose around one fenced go block."""
    return f"Here is the Go:\n\n```go\nfunc {name}() int {{\n{body}\n}}\n```\n\nIt keeps the behaviour."


_UNIT = re.compile(r"`([A-Za-z_][\w.]*)`")


def echo_responder(request: dict[str, Any]) -> Step:
    """Default: a valid Go function named after the first `qualname` quoted in the last user message."""
    messages = request.get("messages") or [{}]
    content = str(messages[-1].get("content", ""))
    m = _UNIT.search(content)
    name = (m.group(1) if m else "unit").replace(".", "_")
    return Step(text=go_answer("Fn_" + name))


class FakeOpenAI:
    def __init__(self, responder: Responder = echo_responder) -> None:
        self.responder = responder
        self.requests: list[Recorded] = []
        self._steps: deque[Step] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- scripting ---------------------------------------------------------------------------

    def script(self, *steps: Step) -> None:
        """Queue steps; each request takes the next one, then `responder` answers."""
        with self._lock:
            self._steps.extend(steps)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._steps)

    def _next_step(self, body: dict[str, Any]) -> Step:
        with self._lock:
            if self._steps:
                return self._steps.popleft()
        return self.responder(body)

    # -- lifecycle -----------------------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "FakeOpenAI":
        fake = self

        class Handler(_Handler):
            server_ref = fake

        server = _QuietServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # releases hanging handlers
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> "FakeOpenAI":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait_for_requests(self, n: int, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.requests) >= n:
                return True
            time.sleep(0.01)
        return False


def _error_body(status: int) -> str:
    kind = "rate_limit_exceeded" if status == 429 else "server_error"
    return json.dumps({"error": {"message": f"scripted {status}", "type": kind, "code": kind}})


def _usage(step: Step) -> dict[str, int] | None:
    if step.usage is None:
        return None
    p, c = step.usage
    return {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # clients that hang up (cancel, closed keep-alive connections) are part of the script
        pass


class _Handler(BaseHTTPRequestHandler):
    server_ref: FakeOpenAI
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go in separate writes: no 40 ms delayed-ACK stalls

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
        pass

    def do_GET(self) -> None:  # /v1/models, for clients that probe
        self._record(None)
        self._send_json(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {"_raw": raw.decode("utf-8", "replace")}
        rec = self._record(body)
        if not urlsplit(self.path).path.endswith("/chat/completions"):
            self._send_json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
            return
        step = self.server_ref._next_step(body)
        if step.delay and self.server_ref._stop.wait(step.delay):
            return
        try:
            if step.status != 200:
                self._send_raw(step.status, step.body if step.body is not None else _error_body(step.status), step.headers)
            elif step.hang and not body.get("stream"):
                self._hang()
            elif body.get("stream"):
                self._stream(step, body)
            elif step.garbage:
                self._send_raw(200, "<html>upstream proxy error: not json", step.headers, "text/html")
            else:
                self._send_json(200, self._completion(step, body), step.headers)
        except (BrokenPipeError, ConnectionResetError):
            rec.disconnected = True

    # -- helpers -------------------------------------------------------------------------------

    def _record(self, body: dict[str, Any] | None) -> Recorded:
        parts = urlsplit(self.path)
        rec = Recorded(
            method=self.command,
            path=parts.path,
            query=parse_qs(parts.query),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        with self.server_ref._lock:
            self.server_ref.requests.append(rec)
        self._rec = rec
        return rec

    def _hang(self) -> None:
        # send nothing until the server stops or the client hangs up (recorded as `disconnected`)
        deadline = time.monotonic() + 60
        while not self.server_ref._stop.is_set() and time.monotonic() < deadline:
            readable, _, _ = select.select([self.connection], [], [], 0.05)
            if readable:
                try:
                    data = self.connection.recv(1, socket.MSG_PEEK)
                except OSError:
                    data = b""
                if not data:
                    self._rec.disconnected = True
                    break
        self.close_connection = True

    def _completion(self, step: Step, body: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "fake-model"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": step.text}, "finish_reason": step.finish_reason}],
        }
        usage = _usage(step)
        if usage is not None:
            out["usage"] = usage
        return out

    def _send_json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        self._send_raw(status, json.dumps(obj), headers or {})

    def _send_raw(self, status: int, text: str, headers: dict[str, str], ctype: str = "application/json") -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _event(self, obj: Any) -> None:
        payload = obj if isinstance(obj, str) else json.dumps(obj)
        self._chunk(f"data: {payload}\n\n".encode("utf-8"))

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode("ascii") + data + b"\r\n")
        self.wfile.flush()

    def _stream(self, step: Step, body: dict[str, Any]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        for k, v in step.headers.items():
            self.send_header(k, v)
        self.end_headers()
        base = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()), "model": body.get("model", "fake-model")}

        def delta(content: str | None, finish: str | None = None) -> dict[str, Any]:
            d: dict[str, Any] = {"content": content} if content is not None else {}
            return {**base, "choices": [{"index": 0, "delta": d, "finish_reason": finish}]}

        if step.garbage:
            self._chunk(b"data: {not json at all\n\n")
            self.wfile.write(b"0\r\n\r\n")
            self.close_connection = True
            return
        self._event({**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]})
        pieces = [step.text[i : i + step.chunk_chars] for i in range(0, len(step.text), step.chunk_chars)] or [""]
        if step.hang:
            self._event(delta(pieces[0]))
            self._hang()
            return
        cut = len(pieces) // 2 if step.truncate else len(pieces)
        for piece in pieces[:cut]:
            if step.chunk_delay and self.server_ref._stop.wait(step.chunk_delay):
                return
            self._event(delta(piece))
        if step.truncate:
            # the connection drops: no finish_reason, no [DONE], no terminating chunk
            self.close_connection = True
            return
        self._event(delta(None, step.finish_reason))
        if (body.get("stream_options") or {}).get("include_usage") and step.usage is not None:
            self._event({**base, "choices": [], "usage": _usage(step)})
        self._event("[DONE]")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()
