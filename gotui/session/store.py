"""The review session: every unit's state, Go text, attempts and history, in SQLite.

Every decision is its own committed transaction, so killing the process at any moment loses
nothing. WAL mode and a busy timeout let two gotui processes (a pair in one tmux session) share
one database; `data_version()` tells a process that the other one wrote.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Iterator

from gotui.llm.base import Translation
from gotui.parse.units import Unit, python_qualname

PENDING, CONVERTED, ACCEPTED, REJECTED, EDITED, STALE = "pending", "converted", "accepted", "rejected", "edited", "stale"
STATES = (PENDING, CONVERTED, ACCEPTED, REJECTED, EDITED, STALE)
# States whose Go goes onto the branch: an edit is the reviewer's own approved text.
COMMITTABLE = (ACCEPTED, EDITED)
# States that record a decision about a particular version of the Python.
DECIDED = (CONVERTED, ACCEPTED, REJECTED, EDITED)
# States a reviewer chose: a new translation must not silently replace them.
REVIEWED = (ACCEPTED, REJECTED, EDITED)

SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    qualname TEXT NOT NULL,
    kind TEXT NOT NULL,
    line INTEGER NOT NULL,
    end_line INTEGER NOT NULL,
    source_hash TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'pending',
    go TEXT NOT NULL DEFAULT '',
    backend TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    error TEXT,
    attempt_id INTEGER,
    decided_hash TEXT,
    decided_source TEXT,
    stale_from TEXT,
    check_status TEXT,
    check_detail TEXT,
    updated_at REAL NOT NULL DEFAULT 0,
    updated_by TEXT NOT NULL DEFAULT '',
    present INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS units_path ON units(path);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id TEXT NOT NULL,
    go TEXT NOT NULL,
    status TEXT NOT NULL,
    backend TEXT NOT NULL,
    model TEXT NOT NULL,
    error TEXT,
    instruction TEXT,
    source_hash TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    cost REAL NOT NULL DEFAULT 0,
    repair_rounds INTEGER NOT NULL DEFAULT 0,
    cached INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_unit ON attempts(unit_id);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id TEXT NOT NULL,
    action TEXT NOT NULL,
    prev_state TEXT NOT NULL,
    prev_go TEXT NOT NULL,
    prev_attempt_id INTEGER,
    prev_decided_hash TEXT,
    prev_decided_source TEXT,
    prev_stale_from TEXT,
    at REAL NOT NULL,
    actor TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS history_unit ON history(unit_id);
CREATE TABLE IF NOT EXISTS commits (
    commit_sha TEXT PRIMARY KEY,
    branch TEXT NOT NULL,
    units TEXT NOT NULL,
    at REAL NOT NULL,
    actor TEXT NOT NULL
);
"""


@dataclass
class UnitRecord:
    id: str
    path: str
    qualname: str
    kind: str
    line: int
    end_line: int
    source_hash: str
    source: str
    state: str
    go: str
    backend: str
    model: str
    status: str
    error: str | None
    attempt_id: int | None
    decided_hash: str | None
    decided_source: str | None
    stale_from: str | None
    check_status: str | None
    check_detail: str | None
    updated_at: float
    updated_by: str
    present: int

    @property
    def name(self) -> str:
        return python_qualname(self.qualname).rsplit(".", 1)[-1]


@dataclass
class Attempt:
    id: int
    unit_id: str
    go: str
    status: str
    backend: str
    model: str
    error: str | None
    instruction: str | None
    source_hash: str
    prompt_tokens: int
    completion_tokens: int
    cost: float
    repair_rounds: int
    cached: int
    created_at: float


_UNIT_COLUMNS = ", ".join(f.name for f in fields(UnitRecord))
_ATTEMPT_COLUMNS = ", ".join(f.name for f in fields(Attempt))


class SessionError(Exception):
    pass


def default_actor() -> str:
    try:
        return os.environ.get("GOTUI_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


# The columns an attempt row is written with (besides its id and unit), in one place for every writer.
ATTEMPT_FIELDS = ("go", "status", "backend", "model", "error", "instruction", "source_hash", "prompt_tokens",
                  "completion_tokens", "cost", "repair_rounds", "cached", "created_at")


def insert_attempt(db: sqlite3.Connection, unit_id: str, values: dict) -> int:
    """Write one attempt inside the caller's transaction; returns its id."""
    cols = ", ".join(ATTEMPT_FIELDS)
    cur = db.execute(f"INSERT INTO attempts (unit_id, {cols}) VALUES (?, {', '.join('?' for _ in ATTEMPT_FIELDS)})",
                     (unit_id, *(values[f] for f in ATTEMPT_FIELDS)))
    return int(cur.lastrowid or 0)


def push_history(db: sqlite3.Connection, unit_id: str, action: str, actor: str) -> None:
    """Remember the unit as it is now, inside the caller's transaction, so undo can bring it back."""
    row = db.execute("SELECT state, go, attempt_id, decided_hash, decided_source, stale_from FROM units WHERE id=?", (unit_id,)).fetchone()
    if row is None:
        raise SessionError(f"no unit {unit_id!r} in the session")
    db.execute(
        "INSERT INTO history (unit_id, action, prev_state, prev_go, prev_attempt_id, prev_decided_hash, prev_decided_source, prev_stale_from, at, actor) "
        "VALUES (?,?,?,?,?,?,?,?,?,?)",
        (unit_id, action, *row, time.time(), actor),
    )


class Session:
    """One review session, stored in `<state_dir>/session.db`."""

    def __init__(self, state_dir: Path, actor: str | None = None) -> None:
        state_dir.mkdir(parents=True, exist_ok=True)
        self.path = state_dir / "session.db"
        self.actor = actor or default_actor()
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=10000")
            self._db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise SessionError(f"cannot open the session {self.path}: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One immediate transaction: taken at once, so two processes serialise instead of deadlocking."""
        with self._lock:
            for attempt in range(50):
                try:
                    self._db.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise
                    time.sleep(0.05 * (attempt + 1))
            else:
                raise SessionError("the session database stays locked by another gotui")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            else:
                self._db.execute("COMMIT")

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def data_version(self) -> int:
        """Changes whenever another connection commits: cheap polling for a pair's decisions."""
        return self._query("PRAGMA data_version")[0][0]

    # ---- units -------------------------------------------------------------------------------

    def sync(self, units: list[Unit], paths: set[str] | None = None) -> None:
        """Bring the session up to date with a scan: new units are pending, changed ones stale.

        `paths` are the files the scan covered; units of those files that are gone are marked absent.
        """
        now = time.time()
        with self._write() as db:
            known = {row[0]: row[1:] for row in db.execute(
                "SELECT id, line, end_line, kind, source_hash, present, state, decided_hash FROM units")}
            for u in units:
                row = known.get(u.id)
                if row is None:
                    db.execute(
                        "INSERT INTO units (id, path, qualname, kind, line, end_line, source_hash, source, updated_at, updated_by) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?)",
                        (u.id, u.path, u.qualname, u.kind, u.line, u.end_line, u.source_hash, u.source, now, self.actor),
                    )
                    continue
                line, end_line, kind, old_hash, present, state, decided_hash = row
                # unchanged units are not rewritten: opening a large repository then writes (almost) nothing
                if (line, end_line, kind, old_hash, present) != (u.line, u.end_line, u.kind, u.source_hash, 1):
                    db.execute(
                        "UPDATE units SET line=?, end_line=?, kind=?, source_hash=?, source=?, present=1 WHERE id=?",
                        (u.line, u.end_line, u.kind, u.source_hash, u.source, u.id),
                    )
                if state in DECIDED and decided_hash is not None and decided_hash != u.source_hash:
                    self._push_history(db, u.id, "stale")
                    db.execute("UPDATE units SET state=?, stale_from=?, updated_at=? WHERE id=?", (STALE, state, now, u.id))
                elif state == STALE and decided_hash == u.source_hash:
                    # the Python went back to what was decided: the decision holds again
                    db.execute("UPDATE units SET state=stale_from, stale_from=NULL WHERE id=?", (u.id,))
            if paths is not None:
                seen = {u.id for u in units}
                for (uid, path) in db.execute("SELECT id, path FROM units WHERE present=1").fetchall():
                    if path in paths and uid not in seen:
                        db.execute("UPDATE units SET present=0 WHERE id=?", (uid,))

    def units(self, include_absent: bool = False) -> list[UnitRecord]:
        where = "" if include_absent else "WHERE present=1"
        return [UnitRecord(*r) for r in self._query(f"SELECT {_UNIT_COLUMNS} FROM units {where} ORDER BY path, line")]

    def get(self, unit_id: str) -> UnitRecord | None:
        rows = self._query(f"SELECT {_UNIT_COLUMNS} FROM units WHERE id=?", (unit_id,))
        return UnitRecord(*rows[0]) if rows else None

    def require(self, unit_id: str) -> UnitRecord:
        rec = self.get(unit_id)
        if rec is None:
            raise SessionError(f"no unit {unit_id!r} in the session (run `gotui scan` to list them)")
        return rec

    def counts(self) -> dict[str, int]:
        counts = {s: 0 for s in STATES}
        for state, n in self._query("SELECT state, COUNT(*) FROM units WHERE present=1 GROUP BY state"):
            counts[state] = n
        return counts

    def totals(self) -> dict[str, float]:
        """Tokens and estimated cost over every attempt of the session."""
        row = self._query("SELECT COALESCE(SUM(prompt_tokens),0), COALESCE(SUM(completion_tokens),0), COALESCE(SUM(cost),0) FROM attempts WHERE cached=0")[0]
        return {"prompt_tokens": row[0], "completion_tokens": row[1], "cost": row[2]}

    # ---- decisions ---------------------------------------------------------------------------

    def _push_history(self, db: sqlite3.Connection, unit_id: str, action: str) -> None:
        push_history(db, unit_id, action, self.actor)

    def _set(self, db: sqlite3.Connection, unit_id: str, **values: object) -> None:
        values.setdefault("updated_at", time.time())
        values.setdefault("updated_by", self.actor)
        cols = ", ".join(f"{k}=?" for k in values)
        db.execute(f"UPDATE units SET {cols} WHERE id=?", (*values.values(), unit_id))

    def record_translation(self, unit_id: str, t: Translation, instruction: str | None = None,
                           unless_decided_after: float | None = None) -> int:
        """Store a new attempt and make it the unit's current Go (state converted).

        An attempt without Go (the backend failed) only records the error: the unit keeps its state and Go.
        With `unless_decided_after` (when the request started), a decision someone made since then
        is kept: the result is stored as an attempt only, which the reviewer can still switch to.
        """
        with self._write() as db:
            row = db.execute("SELECT source_hash, source, state, updated_at FROM units WHERE id=?", (unit_id,)).fetchone()
            if row is None:
                raise SessionError(f"no unit {unit_id!r} in the session")
            source_hash, source, state, updated_at = row
            decided_meanwhile = (unless_decided_after is not None and state in REVIEWED
                                 and updated_at > unless_decided_after)
            attempt_id = insert_attempt(db, unit_id, dict(
                go=t.go, status=t.status, backend=t.backend, model=t.model, error=t.error, instruction=instruction,
                source_hash=source_hash, prompt_tokens=t.prompt_tokens, completion_tokens=t.completion_tokens, cost=t.cost,
                repair_rounds=t.repair_rounds, cached=int(t.cached), created_at=time.time()))
            if decided_meanwhile:
                return attempt_id
            if not t.go.strip():
                # a failed attempt says why, but never takes away Go or a decision the unit already has
                self._set(db, unit_id, status=t.status, error=t.error)
                return attempt_id
            self._push_history(db, unit_id, "translate")
            state = CONVERTED
            self._set(db, unit_id, state=state, go=t.go, backend=t.backend, model=t.model, status=t.status, error=t.error,
                      attempt_id=attempt_id, decided_hash=source_hash, decided_source=source, stale_from=None,
                      check_status=None, check_detail=None)
            return attempt_id

    def _decide(self, unit_id: str, action: str, state: str, go: str | None = None) -> UnitRecord:
        with self._write() as db:
            row = db.execute("SELECT state, go, source_hash, source FROM units WHERE id=?", (unit_id,)).fetchone()
            if row is None:
                raise SessionError(f"no unit {unit_id!r} in the session")
            cur_state, cur_go, source_hash, source = row
            if not (go if go is not None else cur_go).strip() and state in COMMITTABLE:
                raise SessionError(f"{unit_id} has no Go yet: convert it first")
            self._push_history(db, unit_id, action)
            values: dict[str, object] = dict(state=state, decided_hash=source_hash, decided_source=source, stale_from=None)
            if go is not None:
                values.update(go=go, check_status=None, check_detail=None)
            self._set(db, unit_id, **values)
        return self.require(unit_id)

    def accept(self, unit_id: str) -> UnitRecord:
        return self._decide(unit_id, "accept", ACCEPTED)

    def reject(self, unit_id: str) -> UnitRecord:
        return self._decide(unit_id, "reject", REJECTED)

    def edit(self, unit_id: str, go: str) -> UnitRecord:
        """The reviewer's own Go text: stored as state `edited`, which is committed like `accepted`."""
        return self._decide(unit_id, "edit", EDITED, go=go)

    def select_attempt(self, unit_id: str, attempt_id: int) -> UnitRecord:
        with self._write() as db:
            row = db.execute("SELECT go, status, backend, model, error FROM attempts WHERE id=? AND unit_id=?", (attempt_id, unit_id)).fetchone()
            if row is None:
                raise SessionError(f"no attempt {attempt_id} for {unit_id}")
            self._push_history(db, unit_id, "select-attempt")
            go, status, backend, model, error = row
            self._set(db, unit_id, state=CONVERTED, go=go, status=status, backend=backend, model=model, error=error,
                      attempt_id=attempt_id, check_status=None, check_detail=None)
        return self.require(unit_id)

    def undo(self, unit_id: str) -> UnitRecord | None:
        """Restore the unit as it was before its last change; None when there is nothing to undo."""
        with self._write() as db:
            row = db.execute(
                "SELECT id, prev_state, prev_go, prev_attempt_id, prev_decided_hash, prev_decided_source, prev_stale_from "
                "FROM history WHERE unit_id=? ORDER BY id DESC LIMIT 1", (unit_id,)).fetchone()
            if row is None:
                return None
            hid, state, go, attempt_id, decided_hash, decided_source, stale_from = row
            status_row = db.execute("SELECT status, backend, model, error FROM attempts WHERE id=?", (attempt_id,)).fetchone() if attempt_id else None
            status, backend, model, error = status_row if status_row else ("", "", "", None)
            self._set(db, unit_id, state=state, go=go, attempt_id=attempt_id, decided_hash=decided_hash,
                      decided_source=decided_source, stale_from=stale_from, status=status, backend=backend, model=model, error=error,
                      check_status=None, check_detail=None)
            db.execute("DELETE FROM history WHERE id=?", (hid,))
        return self.require(unit_id)

    def history(self, unit_id: str) -> list[tuple[str, str, float, str]]:
        """(action, previous state, time, actor), oldest first."""
        return [tuple(r) for r in self._query("SELECT action, prev_state, at, actor FROM history WHERE unit_id=? ORDER BY id", (unit_id,))]  # type: ignore[misc]

    def attempts(self, unit_id: str) -> list[Attempt]:
        return [Attempt(*r) for r in self._query(f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE unit_id=? ORDER BY id", (unit_id,))]

    def set_check(self, unit_id: str, status: str | None, detail: str | None) -> None:
        with self._write() as db:
            db.execute("UPDATE units SET check_status=?, check_detail=? WHERE id=?", (status, detail, unit_id))

    def record_commit(self, sha: str, branch: str, unit_ids: list[str]) -> None:
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO commits VALUES (?,?,?,?,?)", (sha, branch, "\n".join(unit_ids), time.time(), self.actor))
