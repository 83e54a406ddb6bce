"""Model answers cached in SQLite, keyed by a hash of the whole request, so a re-run costs nothing.

The key covers what decides the answer: provider, base URL, model, messages, temperature and
max_tokens. Never the API key: the key is not part of the request's meaning, and the cache file must
never hold it. Only answers that yielded usable Go are stored (a garbled answer is not worth keeping).

Location: `$GOTUI_CACHE_DIR/answers.sqlite3` when that variable is set, else platformdirs'
user_cache_dir("gotui").
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

CACHE_FILE = "answers.sqlite3"
SCHEMA_VERSION = 1


def cache_dir() -> Path:
    override = os.environ.get("GOTUI_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir("gotui"))


def request_key(
    *,
    model: str,
    base_url: str | None,
    messages: list[dict[str, Any]],
    temperature: float,
    max_tokens: int,
    provider: str = "openai",
) -> str:
    """sha256 of the request's canonical JSON."""
    payload = {
        "v": SCHEMA_VERSION,
        "provider": provider,
        "base_url": (base_url or "").rstrip("/"),
        "model": model,
        "messages": [{"role": m.get("role"), "content": m.get("content")} for m in messages],
        "temperature": temperature,
        "max_tokens": max_tokens,
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedAnswer:
    text: str  # the model's whole answer
    prompt_tokens: int = 0  # what it cost when it was asked (a cached answer costs nothing now)
    completion_tokens: int = 0
    model: str = ""
    created: float = 0.0


class AnswerCache:
    """Thread-safe: one connection, one lock (answers are small and writes rare)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else cache_dir() / CACHE_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=10)
        with self._lock, self._db:
            self._db.execute("PRAGMA journal_mode=WAL")  # other gotui processes may read meanwhile
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, text TEXT NOT NULL, prompt_tokens INTEGER, "
                "completion_tokens INTEGER, model TEXT, created REAL)"
            )
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> CachedAnswer | None:
        with self._lock:
            row = self._db.execute(
                "SELECT text, prompt_tokens, completion_tokens, model, created FROM answers WHERE key = ?", (key,)
            ).fetchone()
            if row is None:
                self.misses += 1
                return None
            self.hits += 1
        return CachedAnswer(row[0], int(row[1] or 0), int(row[2] or 0), row[3] or "", float(row[4] or 0.0))

    def put(self, key: str, answer: CachedAnswer) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO answers (key, text, prompt_tokens, completion_tokens, model, created) VALUES (?, ?, ?, ?, ?, ?)",
                (key, answer.text, answer.prompt_tokens, answer.completion_tokens, answer.model, answer.created or time.time()),
            )

    def delete(self, key: str) -> None:
        with self._lock, self._db:
            self._db.execute("DELETE FROM answers WHERE key = ?", (key,))

    def clear(self) -> int:
        with self._lock, self._db:
            return self._db.execute("DELETE FROM answers").rowcount

    def prune(self, older_than_days: float) -> int:
        cutoff = time.time() - older_than_days * 86400
        with self._lock, self._db:
            return self._db.execute("DELETE FROM answers WHERE created < ?", (cutoff,)).rowcount

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> "AnswerCache":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
