"""Units of unchanged files, remembered between runs, so a large repository opens without parsing it all.

Keyed by the file's path and a hash of its bytes (not its mtime: a checkout or an editor can keep
the mtime while changing the content). A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from gotui.parse.units import ParsedModule, Unit
from gotui.yielding import between_steps

VERSION = 1  # bump when Unit or the unit finder changes: old entries are then ignored
PUT_CHUNK = 200  # modules encoded and written per transaction by put_many
SINGLE_READS = 32  # files read one row at a time before the rest is read in one query (880 files on Django)


def content_key(raw: bytes) -> str:
    return hashlib.sha1(raw).hexdigest()


class ScanCache:
    """`read_only`: use an existing cache, never create or change one (read-only commands write nothing)."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self._db: sqlite3.Connection | None = None
        self._rows: dict[str, tuple[str, str]] | None = None  # path -> (key, data), read in one query
        self._asked = 0
        self.read_only = read_only
        if read_only:
            try:
                self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2, check_same_thread=False) if path.is_file() else None
            except sqlite3.Error:
                self._db = None
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=2, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS modules (path TEXT PRIMARY KEY, key TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL)")
            self._db = db
        except sqlite3.Error:
            self._db = None

    def get(self, path: str, key: str, text: str) -> ParsedModule | None:
        """The module with its cached units, or None; `text` is the file's decoded content."""
        if self._db is None:
            return None
        self._asked += 1
        if self._rows is None and self._asked > SINGLE_READS:  # then one query for the rest, not one per file
            try:
                self._rows = {p: (k, d) for p, k, d in self._db.execute("SELECT path, key, data FROM modules WHERE version=?", (VERSION,))}
            except sqlite3.Error:
                self._rows = {}
        row = self._rows.pop(path, None) if self._rows is not None else None  # popped: not kept twice in memory
        if row is None:  # the first few files (a first page), or asked again (a rescan): read the one row
            try:
                one = self._db.execute("SELECT key, data FROM modules WHERE path=? AND version=?", (path, VERSION)).fetchone()
            except sqlite3.Error:
                return None
            row = tuple(one) if one is not None else None
        if row is None or row[0] != key:
            return None
        data = json.loads(row[1])
        return ParsedModule(path=path, text=text, units=[Unit(**u) for u in data["units"]], error=data["error"])

    def put_many(self, entries: list[tuple[str, str, ParsedModule]]) -> None:
        """Remember (path, key, module) for modules that parsed (skipped files are cheap to skip again).
        Written PUT_CHUNK modules per transaction, with between_steps (a background write waits for the
        review screen's keys) between two: encoding a first scan of Django holds the interpreter for
        about a second."""
        if self._db is None or not entries or self.read_only:
            return
        kept = [e for e in entries if e[2].skipped is None]
        for start in range(0, len(kept), PUT_CHUNK):
            if start:
                between_steps()
            if not self._put(kept[start:start + PUT_CHUNK]):
                return

    def _put(self, entries: list[tuple[str, str, ParsedModule]]) -> bool:
        # a unit's fields are plain values: its __dict__ is what asdict would build, without the deep copy
        rows = [(path, key, VERSION, json.dumps({"units": [u.__dict__ for u in m.units], "error": m.error}))
                for path, key, m in entries]
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR REPLACE INTO modules VALUES (?,?,?,?)", rows)
            self._db.execute("COMMIT")
            return True
        except sqlite3.Error:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            # another gotui holds the lock: the next run parses again, nothing is wrong
            return False

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
