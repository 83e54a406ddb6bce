"""A review document from someone else's git: untrusted input, checked before anything uses it.

A review ref can come from anyone who can push to a remote. Its `review.json` is read only after
git says its size (`git cat-file -s`) is within MAX_DOC_BYTES; its nesting is counted before
`json.loads`; each unit entry is checked against the shape gotui writes (types, sizes, states),
and its id must be `path::qualname` with a path that stays inside the repository. An entry that
fails is skipped with the reason and the rest is merged: one bad entry never stops a pull.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from gotui.session.store import DECIDED, PENDING, STATES

FORMAT = "gotui-review/1"
SHARED_STATES = (PENDING, *DECIDED)  # a stale unit travels as the decision it holds
MAX_DOC_BYTES = 64 * 1024 * 1024  # review.json as a whole (a session of 10k units with Go is a few MB)
MAX_ENTRY_BYTES = 4 * 1024 * 1024  # the text of one unit's entry, attempts and history included
MAX_TEXT = 1024 * 1024  # one Go text or Python source
MAX_SHORT = 512  # names, states, hashes, people
MAX_ATTEMPTS = 500
MAX_HISTORY = 2000
MAX_UNITS = 500_000
MAX_DEPTH = 16  # the document is 6 deep: {units: {id: {attempts: [{...}]}}}
MAX_PATH = 4096
KINDS = ("function", "method", "class")

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_COPY_SUFFIX = re.compile(r"#\d+$")


class ReviewDocError(Exception):
    """The document as a whole cannot be used (one line)."""


def nesting_depth(text: str, limit: int = MAX_DEPTH) -> int:
    """How deep JSON arrays and objects nest in `text` (strings skipped); stops counting past `limit`."""
    depth = deepest = 0
    for m in _TOKENS.finditer(text):
        c = m.group(0)
        if c in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif c in "]}":
            depth -= 1
    return deepest


def parse_document(raw: bytes, where: str) -> dict:
    """The document in `raw` (already size-checked by the caller), or ReviewDocError."""
    if len(raw) > MAX_DOC_BYTES:
        raise ReviewDocError(f"{where} is {len(raw)} bytes: more than the {MAX_DOC_BYTES} a review may have")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ReviewDocError(f"{where} is not UTF-8 text") from None
    if nesting_depth(text) > MAX_DEPTH:
        raise ReviewDocError(f"{where} nests deeper than {MAX_DEPTH} levels: not a gotui review")
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        raise ReviewDocError(f"{where} is not valid JSON") from None
    check_document(doc)
    return doc


def check_document(doc: Any) -> None:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("units"), dict):
        raise ReviewDocError(f"not a gotui review (expected format {FORMAT})")
    if len(doc["units"]) > MAX_UNITS:
        raise ReviewDocError(f"the review lists {len(doc['units'])} units: more than {MAX_UNITS}")


# ---- one entry ---------------------------------------------------------------------------------


class BadEntry(Exception):
    pass


def safe_path(path: Any, root: Path | None = None) -> str:
    """`path` as a clean relative POSIX path of a .py file inside the repository, or BadEntry."""
    if not isinstance(path, str) or not path or len(path) > MAX_PATH:
        raise BadEntry("no usable path")
    if "\0" in path or "\\" in path or any(ord(c) < 32 for c in path):
        raise BadEntry("the path has NUL, control characters or backslashes")
    p = PurePosixPath(path)
    if p.is_absolute() or path.startswith("/"):
        raise BadEntry(f"absolute path {path!r}")
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise BadEntry(f"path {path!r} is not normalised (empty, . or .. parts)")
    if not path.endswith(".py"):
        raise BadEntry(f"path {path!r} is not a Python file")
    if root is not None:
        base = root.resolve()
        try:
            (base / path).resolve().relative_to(base)
        except (ValueError, OSError, RuntimeError):
            raise BadEntry(f"path {path!r} leads outside the repository (a symlink)") from None
    return path


def split_id(uid: Any, root: Path | None = None) -> tuple[str, str]:
    """(path, qualname) of a unit id `path::qualname`, both checked, or BadEntry."""
    if not isinstance(uid, str) or "::" not in uid or len(uid) > MAX_PATH + MAX_SHORT:
        raise BadEntry("the id is not path::qualname")
    path, _, qualname = uid.partition("::")
    safe_path(path, root)
    name = _COPY_SUFFIX.sub("", qualname)
    if not name or not all(part.isidentifier() for part in name.split(".")):
        raise BadEntry(f"qualname {qualname!r} is not a Python name")
    return path, qualname


def _text(entry: dict, key: str, *, limit: int = MAX_SHORT, optional: bool = False, default: str = "") -> str | None:
    value = entry.get(key)
    if value is None:
        return None if optional else default
    if not isinstance(value, str):
        raise BadEntry(f"{key} is a {type(value).__name__}, not text")
    if len(value) > limit:
        raise BadEntry(f"{key} is longer than {limit} characters")
    if "\0" in value:
        raise BadEntry(f"{key} holds a NUL character")
    return value


def _int(entry: dict, key: str, default: int = 0, low: int = 0, high: int = 10**9) -> int:
    value = entry.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadEntry(f"{key} is not a whole number in range")
    return value


def _num(entry: dict, key: str, default: float = 0.0, high: float = 1e12) -> float:
    value = entry.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not 0 <= value <= high:
        raise BadEntry(f"{key} is not a number in range")
    return float(value)


def _state(entry: dict, key: str, allowed: tuple[str, ...], optional: bool = False) -> str | None:
    value = _text(entry, key, optional=True)
    if value is None:
        return None if optional else PENDING
    if value not in allowed:
        raise BadEntry(f"{key} {value!r} is not one of {', '.join(allowed)}")
    return value


def _attempt(a: Any) -> dict:
    if not isinstance(a, dict):
        raise BadEntry("an attempt is not an object")
    return {
        "go": _text(a, "go", limit=MAX_TEXT), "status": _text(a, "status"), "backend": _text(a, "backend"),
        "model": _text(a, "model"), "error": _text(a, "error", limit=MAX_TEXT, optional=True),
        "instruction": _text(a, "instruction", limit=MAX_TEXT, optional=True), "source_hash": _text(a, "source_hash"),
        "prompt_tokens": _int(a, "prompt_tokens"), "completion_tokens": _int(a, "completion_tokens"),
        "cost": _num(a, "cost"), "repair_rounds": _int(a, "repair_rounds", high=1000),
        "cached": _int(a, "cached", high=1),
        "created_at": _num(a, "created_at"),
    }


def _history(h: Any) -> dict:
    if not isinstance(h, dict):
        raise BadEntry("a history entry is not an object")
    return {
        "action": _text(h, "action"), "prev_state": _state(h, "prev_state", STATES),
        "prev_go": _text(h, "prev_go", limit=MAX_TEXT), "prev_attempt": _text(h, "prev_attempt", optional=True),
        "prev_decided_hash": _text(h, "prev_decided_hash", optional=True),
        "prev_decided_source": _text(h, "prev_decided_source", limit=MAX_TEXT, optional=True),
        "prev_stale_from": _state(h, "prev_stale_from", DECIDED, optional=True),
        "at": _num(h, "at"), "actor": _text(h, "actor"),
    }


@dataclass
class Entry:
    """One unit of a review document, checked: only these values ever reach the session."""

    id: str
    path: str
    qualname: str
    kind: str
    line: int
    end_line: int
    decision: dict  # state, go, backend, model, status, error, attempt, decided_hash, decided_source, check_*, at, by
    attempts: list[dict]
    history: list[dict]


def check_entry(uid: Any, entry: Any, root: Path | None = None) -> Entry:
    """The entry as gotui wrote it, or BadEntry saying what is wrong."""
    path, qualname = split_id(uid, root)
    if not isinstance(entry, dict):
        raise BadEntry("the entry is not an object")
    try:
        size = len(json.dumps(entry, ensure_ascii=False))
    except (ValueError, TypeError, RecursionError):  # only reachable from Python callers: JSON has no cycles
        raise BadEntry("the entry is not plain JSON") from None
    if size > MAX_ENTRY_BYTES:
        raise BadEntry(f"the entry is larger than {MAX_ENTRY_BYTES} bytes")
    if entry.get("path", path) != path or entry.get("qualname", qualname) != qualname:
        raise BadEntry(f"path/qualname {entry.get('path')!r}::{entry.get('qualname')!r} do not match the id")
    kind = _text(entry, "kind", default="function") or "function"
    if kind not in KINDS:
        raise BadEntry(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    attempts, history = entry.get("attempts") or [], entry.get("history") or []
    if not isinstance(attempts, list) or not isinstance(history, list):
        raise BadEntry("attempts and history must be lists")
    if len(attempts) > MAX_ATTEMPTS or len(history) > MAX_HISTORY:
        raise BadEntry(f"more than {MAX_ATTEMPTS} attempts or {MAX_HISTORY} history entries")
    decision = {
        "state": _state(entry, "state", SHARED_STATES), "go": _text(entry, "go", limit=MAX_TEXT),
        "backend": _text(entry, "backend"), "model": _text(entry, "model"), "status": _text(entry, "status"),
        "error": _text(entry, "error", limit=MAX_TEXT, optional=True), "attempt": _text(entry, "attempt", optional=True),
        "decided_hash": _text(entry, "decided_hash", optional=True),
        "decided_source": _text(entry, "decided_source", limit=MAX_TEXT, optional=True),
        "check_status": _text(entry, "check_status", optional=True),
        "check_detail": _text(entry, "check_detail", limit=MAX_TEXT, optional=True),
        "at": _num(entry, "at"), "by": _text(entry, "by"),
    }
    line = _int(entry, "line", 1, 0, 10**8)
    end_line = _int(entry, "end_line", line, 0, 10**8)
    return Entry(uid, path, qualname, kind, line, end_line, decision,
                 [_attempt(a) for a in attempts], [_history(h) for h in history])
