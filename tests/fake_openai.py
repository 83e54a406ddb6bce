"""A scripted OpenAI-compatible server for tests: `/v1/chat/completions`, plain and SSE streaming,
`/v1/files` (upload, content) and `/v1/batches` (create, retrieve), with cached prompt tokens reported.

Prompt caching is modelled on OpenAI's: the longest prefix a request shares with an earlier request
(whole text of its messages), counted at ~4 characters a token in steps of 128, is reported as
`usage.prompt_tokens_details.cached_tokens` when it reaches `cache_min_tokens` (1024 by default).

Batches walk through `batch_states` (one state per retrieve; default validating, in_progress,
completed). When a batch reaches `completed` or `expired`, each line is answered by `responder`
(the script is for chat requests); `batch_fail` names custom_ids that fail, `batch_expire_after`
answers only that many lines of an expired batch. A `failed` batch has batch-level errors.

It listens on 127.0.0.1 only, on a random port, in a background thread. Each request takes the next
scripted `Step` (or, when the script is empty, asks `responder`), and every request is recorded
(method, path, query, headers, JSON body) so tests can assert what the client sent.

    with FakeOpenAI() as server:
        server.script(Step(status=429, headers={"Retry-After": "2"}), Step(text="```go\\nfunc F() {}\\n```"))
        ... OpenAITranslator(model="m", api_key="k", base_url=server.base_url) ...
        assert server.requests[0].headers["authorization"] == "Bearer k"
"""

from __future__ import annotations

import ast
import json
import re
import select
import socket
import threading
import time
from collections import deque
from email.parser import BytesParser
from email.policy import HTTP
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

from gotui.golang.names import go_local_name


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
        self.cache_min_tokens = 1024
        self._seen_prompts: list[str] = []
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.batch_states: list[str] = ["validating", "in_progress", "completed"]
        self.batch_fail: set[str] = set()
        self.batch_expire_after: int | None = None

    def cached_tokens(self, body: dict[str, Any]) -> int:
        """Tokens of the longest prefix shared with an earlier request, as a provider's prompt cache would serve."""
        text = "".join(f"{m.get('role')}:{m.get('content')}\n" for m in body.get("messages") or [])
        best = 0
        with self._lock:
            for seen in self._seen_prompts:
                n = 0
                limit = min(len(seen), len(text))
                while n < limit and seen[n] == text[n]:
                    n += 1
                best = max(best, n)
            self._seen_prompts.append(text)
        tokens = (best // 4) // 128 * 128
        return tokens if tokens >= self.cache_min_tokens else 0

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

    def do_GET(self) -> None:  # /v1/models for clients that probe; files' content; batches
        self._record(None)
        path = urlsplit(self.path).path
        fake = self.server_ref
        m = re.search(r"/files/([\w-]+)/content$", path)
        if m:
            data = fake.files.get(m.group(1))
            if data is None:
                self._send_json(404, {"error": {"message": "no such file", "type": "not_found"}})
            else:
                self._send_raw(200, data.decode("utf-8"), {}, "application/octet-stream")
            return
        m = re.search(r"/batches/([\w-]+)$", path)
        if m:
            batch = fake.batches.get(m.group(1))
            if batch is None:
                self._send_json(404, {"error": {"message": "no such batch", "type": "not_found"}})
            else:
                self._send_json(200, self._advance(batch))
            return
        self._send_json(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        route = urlsplit(self.path).path
        if route.endswith("/files"):
            self._upload(raw)
            return
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {"_raw": raw.decode("utf-8", "replace")}
        rec = self._record(body)
        if route.endswith("/batches"):
            self._create_batch(body)
            return
        if not route.endswith("/chat/completions"):
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

    # -- files and batches ---------------------------------------------------------------------

    def _upload(self, raw: bytes) -> None:
        ctype = self.headers.get("Content-Type", "")
        message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {ctype}\r\n\r\n".encode() + raw)
        fields: dict[str, bytes] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields[str(name)] = part.get_payload(decode=True) or b""
        self._record({"purpose": fields.get("purpose", b"").decode(), "file_bytes": len(fields.get("file", b""))})
        fake = self.server_ref
        file_id = f"file-{len(fake.files) + 1}"
        fake.files[file_id] = fields.get("file", b"")
        self._send_json(200, {"id": file_id, "object": "file", "bytes": len(fake.files[file_id]), "created_at": int(time.time()),
                              "filename": "batch.jsonl", "purpose": fields.get("purpose", b"").decode(), "status": "processed"})

    def _create_batch(self, body: dict[str, Any]) -> None:
        fake = self.server_ref
        if body.get("input_file_id") not in fake.files:
            self._send_json(400, {"error": {"message": "unknown input_file_id", "type": "invalid_request_error"}})
            return
        batch_id = f"batch_{len(fake.batches) + 1}"
        batch = {"id": batch_id, "object": "batch", "endpoint": body.get("endpoint"), "input_file_id": body["input_file_id"],
                 "completion_window": body.get("completion_window"), "status": "validating", "created_at": int(time.time()),
                 "output_file_id": None, "error_file_id": None, "errors": None,
                 "request_counts": {"total": 0, "completed": 0, "failed": 0}, "_states": list(fake.batch_states)}
        fake.batches[batch_id] = batch
        self._send_json(200, self._public(batch))

    @staticmethod
    def _public(batch: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in batch.items() if not k.startswith("_")}

    def _advance(self, batch: dict[str, Any]) -> dict[str, Any]:
        fake = self.server_ref
        states = batch["_states"]
        if states and batch.get("_final") is None:
            batch["status"] = states.pop(0)
            if batch["status"] in ("completed", "expired", "failed", "cancelled"):
                batch["_final"] = True
                self._finish(batch)
        return self._public(batch)

    def _finish(self, batch: dict[str, Any]) -> None:
        fake = self.server_ref
        lines = [json.loads(x) for x in fake.files[batch["input_file_id"]].decode().splitlines() if x.strip()]
        if batch["status"] == "failed":
            batch["errors"] = {"object": "list", "data": [{"code": "invalid_request", "message": "scripted: the batch failed validation", "line": 1}]}
            batch["request_counts"] = {"total": len(lines), "completed": 0, "failed": len(lines)}
            return
        out, err = [], []
        for n, line in enumerate(lines):
            cid = line["custom_id"]
            if batch["status"] == "expired" and fake.batch_expire_after is not None and n >= fake.batch_expire_after:
                err.append({"id": f"req_{n}", "custom_id": cid, "response": None,
                            "error": {"code": "batch_expired", "message": "This request could not be executed before the completion window expired."}})
                continue
            if cid in fake.batch_fail:
                err.append({"id": f"req_{n}", "custom_id": cid, "response": {"status_code": 500, "request_id": f"r{n}",
                            "body": {"error": {"message": "scripted failure", "type": "server_error"}}}, "error": None})
                continue
            step = fake.responder(line["body"])
            usage = _usage(step)
            if usage is not None:
                usage["prompt_tokens_details"] = {"cached_tokens": min(usage["prompt_tokens"], fake.cached_tokens(line["body"]))}
            completion = {"id": f"chatcmpl-b{n}", "object": "chat.completion", "created": int(time.time()), "model": line["body"].get("model"),
                          "choices": [{"index": 0, "message": {"role": "assistant", "content": step.text}, "finish_reason": step.finish_reason}],
                          "usage": usage}
            out.append({"id": f"req_{n}", "custom_id": cid, "response": {"status_code": 200, "request_id": f"r{n}", "body": completion}, "error": None})
        for key, rows in (("output_file_id", out), ("error_file_id", err)):
            if rows:
                file_id = f"file-{len(fake.files) + 1}"
                fake.files[file_id] = ("\n".join(json.dumps(r) for r in rows) + "\n").encode()
                batch[key] = file_id
        batch["request_counts"] = {"total": len(lines), "completed": len(out), "failed": len(err)}

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
            usage["prompt_tokens_details"] = {"cached_tokens": min(usage["prompt_tokens"], self.server_ref.cached_tokens(body))}
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
            usage = _usage(step) or {}
            usage["prompt_tokens_details"] = {"cached_tokens": min(usage["prompt_tokens"], self.server_ref.cached_tokens(body))}
            self._event({**base, "choices": [], "usage": usage})
        self._event("[DONE]")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


# -- a scripted model for whole-package runs ---------------------------------------------------------

_GO_BLOCK = re.compile(r"```go\n(.*?)```", re.S)
_PLAN_ITEM = re.compile(r"^- (function|method|class) `([\w.]+)`: Go `([^`]*)`\n  `(.*)`$", re.M)


def _go_decls(go: str) -> list[tuple[str, str, str]]:
    """(kind: func/method/type, receiver type, name) of each declaration line of a signatures block."""
    out = []
    for line in go.splitlines():
        line = line.strip()
        m = re.match(r"func \(\s*\w*\s*\*?(\w+)\)\s*(\w+)\(", line)
        if m:
            out.append(("method", m.group(1), m.group(2)))
            continue
        m = re.match(r"func (\w+)\(", line)
        if m:
            out.append(("func", "", m.group(1)))
            continue
        m = re.match(r"type (\w+) ", line)
        if m:
            out.append(("type", "", m.group(1)))
    return out


def _plan_signature(kind: str, hint: str, def_line: str) -> str:
    src = def_line if def_line.rstrip().endswith(":") else def_line + ":"
    try:
        node = ast.parse(src + "\n    pass").body[0]
    except SyntaxError:
        node = None
    params: list[str] = []
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        args = node.args.posonlyargs + node.args.args
        if kind == "method" and args and args[0].arg in ("self", "cls"):
            args = args[1:]
        params = [f"{go_local_name(a.arg)} any" for a in args + node.args.kwonlyargs]
        if node.args.kwarg is not None:
            params.append(f"{go_local_name(node.args.kwarg.arg)} map[string]any")
        if node.args.vararg is not None:
            params.append(f"{go_local_name(node.args.vararg.arg)} ...any")  # Go: the variadic one comes last
    if kind == "class":
        name = hint.split()[1]
        return f"type {name} struct{{}}\nfunc New{name}() *{name}"
    m = re.match(r"func \(\*(\w+)\) (\w+)", hint)
    if m:
        return f"func (r *{m.group(1)}) {m.group(2)}({', '.join(params)}) any"
    return f"func {hint.split()[1]}({', '.join(params)}) any"


def _section_go(text: str, heading: str) -> str:
    i = text.find(heading)
    if i < 0:
        return ""
    m = _GO_BLOCK.search(text, i)
    return m.group(1) if m else ""


def _body_answer(own: str, used: str) -> str:
    refs = []
    for kind, recv, name in _go_decls(used):
        refs.append(f"\t_ = (*{recv}).{name}" if kind == "method" else f"\t_ = (*{name})(nil)" if kind == "type" else f"\t_ = {name}")
    out = []
    for line in own.strip().splitlines():
        stripped = line.strip()
        if stripped.startswith("func ") and not stripped.endswith("{"):  # signature lines only, never bodies
            out.append(stripped + " {\n" + "\n".join(refs) + ("\n" if refs else "") + '\tpanic("scripted")\n}')
            refs = []  # one reference each is enough
        else:
            out.append(line)
    return "\n".join(out)


class PackageModel:
    """Answers plan requests with signatures for the listed units and body requests with Go that uses
    exactly the signatures the prompt shows (so a missing or inconsistent one breaks the build).

    `changed`: Python qualname -> the signature a body declares instead of the planned one.
    """

    def __init__(self, changed: dict[str, str] | None = None) -> None:
        self.changed = dict(changed or {})
        self.plans: list[str] = []  # the paths of the modules planned
        self.bodies: list[str] = []  # qualnames, in the order the bodies were asked for

    def __call__(self, body: dict[str, Any]) -> Step:
        messages = body.get("messages") or []
        user = str(messages[-1].get("content", "")) if messages else ""
        prompt = "".join(str(m.get("content", "")) for m in messages)
        tokens = max(1, len(prompt) // 4)
        if user.startswith("Plan the Go signatures"):
            m = re.search(r"module `([^`]+)`", user)
            self.plans.append(m.group(1) if m else "?")
            sigs = [_plan_signature(k, hint, line) for k, _q, hint, line in _PLAN_ITEM.findall(user)]
            return Step(text="```go\n" + "\n".join(sigs) + "\n```", usage=(tokens, 40 * max(1, len(sigs))))
        m = re.search(r"Translate the Python \w+ `([\w.#]+)`", user)
        qual = m.group(1) if m else "unit"
        self.bodies.append(qual)
        own = self.changed.get(qual) or _section_go(user, "## Its Go signature")
        if not own:
            go_name = re.search(r"Go name: `?(\w+)`?", user)
            own = f"func {go_name.group(1) if go_name else 'Unit'}()"
        used = _section_go(user, "## Go signatures already decided")
        text = "```go\n" + _body_answer(own, used) + "\n```"
        return Step(text=text, usage=(tokens, max(1, len(text) // 4)))
