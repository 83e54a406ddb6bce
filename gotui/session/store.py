"""The review session: every unit's state, Go text, attempts and history, in SQLite.

Every decision is its own committed transaction, so killing the process at any moment loses
nothing. WAL mode and a busy timeout let two gotui processes (a pair in one tmux session) share
one database; `data_version()` tells a process that the other one wrote. This package is the only
code that writes SQL: others go through Session's methods (a pull through `transaction()`).
The file itself (creation, damage, migrations, backups) is gotui/session/dbfile.py and schema.py.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Collection, Iterable, Iterator

from gotui.llm.base import Translation
from gotui.parse.units import Unit
from gotui.redact import scrub, secrets_from_env
from gotui.session import dbfile
from gotui.session.records import (ACCEPTED, ATTEMPT_COLUMNS, COMMITTABLE, CONVERTED, DECIDED, EDITED, HISTORY_COLUMNS,
                                   PENDING, PULLED, REJECTED, REVIEWED, STALE, STATES, UNIT_COLUMNS, Attempt, SessionError,
                                   UnitRecord)
from gotui.session.transaction import Transaction, insert_attempt, push_history
from gotui.yielding import between_steps

__all__ = ["ACCEPTED", "COMMITTABLE", "CONVERTED", "DECIDED", "EDITED", "PENDING", "PULLED", "REJECTED", "REVIEWED", "STALE",
           "STATES", "Attempt", "Session", "SessionError", "UnitRecord", "default_actor", "insert_attempt", "push_history"]

_UNIT_COLUMNS = ", ".join(UNIT_COLUMNS)
_ATTEMPT_COLUMNS = ", ".join(ATTEMPT_COLUMNS)


def _utf8_text(text: str) -> str:
    """`text` with any lone surrogate written as its `\\udcxx` escape, so SQLite can store it as UTF-8."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def default_actor() -> str:
    try:
        return os.environ.get("GOTUI_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


FETCH_ROWS = 256
SYNC_BATCH = 400  # units read and written per transaction by sync (under SQLite's 999 variables)
MAX_PATHS_IN_QUERY = 500  # more files than this are read whole and filtered here (SQLite's variable limit)


def _in_paths(paths: Collection[str] | None) -> tuple[str, tuple[str, ...]]:
    """A `path IN (...)` condition for a few files (uses the path index); "" to read every row."""
    if paths is None or len(paths) > MAX_PATHS_IN_QUERY:
        return "", ()
    if not paths:
        return "0", ()
    return f"path IN ({','.join('?' * len(paths))})", tuple(paths)


def _fetch_units(cursor: sqlite3.Cursor, yield_to_keys: bool) -> list[UnitRecord]:
    out: list[UnitRecord] = []
    # a few hundred rows at a time: fetchall builds every row (sources and Go included) in one call
    # that holds the interpreter, and the review screen's keys wait behind it
    while rows := cursor.fetchmany(FETCH_ROWS):
        out.extend(UnitRecord(*r) for r in rows)
        if yield_to_keys:
            between_steps()
    return out


class Session:
    """One review session, stored in `<state_dir>/session.db`."""

    def __init__(self, state_dir: Path, actor: str | None = None, secrets: Iterable[str] = ()) -> None:
        try:
            state_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SessionError(f"cannot create {state_dir}: {exc.strerror or exc}") from None
        self.state_dir = state_dir
        self.path = state_dir / dbfile.DB_NAME
        self.actor = actor or default_actor()
        self._lock = threading.RLock()
        # never stored: the configured key and anything secret-looking in the environment
        self._secrets: list[str] = [*secrets_from_env(os.environ), *secrets]
        self._db = dbfile.open_db(self.path)
        # bulk reads (every unit, from a background thread) go through a second connection: WAL lets it
        # read while the first writes, so a screen's small queries never wait behind ten thousand rows
        self._reader: sqlite3.Connection | None = None
        self._read_lock = threading.Lock()
        self._traces: tuple[tuple, dict[str, dict[str, Any]]] | None = None  # (table stamp, traces): traces()

    def add_secrets(self, values: Iterable[str]) -> None:
        """More values to scrub from what the session stores (the configured API key, once known)."""
        self._secrets.extend(v for v in values if v)

    def scrub(self, text: str | None) -> str | None:
        """`text` without secrets: every text the session stores or exports that can carry one goes through here."""
        return scrub(text, self._secrets) if text else text

    def backup(self, reason: str) -> Path:
        """A consistent copy of the session under .gotui/backups/ (the newest few are kept)."""
        with self._lock:
            return dbfile.backup(self._db, self.state_dir, reason)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One transaction for a merge: `with session.transaction() as tx: tx.take_decision(...)`."""
        with self._write() as db:
            yield Transaction(db, self.actor, self.scrub)

    def close(self) -> None:
        with self._lock:
            self._db.close()
        with self._read_lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None

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
        The units are written SYNC_BATCH at a time, each batch its own transaction: a first sync of a
        large tree (ten thousand inserts) would otherwise hold the session from the review screen's
        thread for a third of a second. A batch is whole or absent, and a sync cut short is finished
        by the next one. A background sync waits for the review screen's keys between batches
        (gotui/yielding.py).
        """
        for start in range(0, len(units), SYNC_BATCH):
            if start:
                between_steps()
            batch = units[start:start + SYNC_BATCH]
            with self._write() as db:  # each unit read and written in one transaction
                known = {row[0]: row[1:] for row in db.execute(
                    "SELECT id, line, end_line, kind, source_hash, present, state, decided_hash, path, qualname "
                    f"FROM units WHERE id IN ({','.join('?' * len(batch))})", [u.id for u in batch])}
                for u in batch:
                    self._sync_unit(db, u, known.get(u.id))
        if paths is not None:
            within, args = _in_paths(paths)  # a scan of some files (the review's first page) reads only theirs
            seen = {u.id for u in units}
            with self._write() as db:
                for (uid, path) in db.execute(f"SELECT id, path FROM units WHERE present=1 {'AND ' + within if within else ''}",
                                              args).fetchall():
                    if path in paths and uid not in seen:
                        db.execute("UPDATE units SET present=0 WHERE id=?", (uid,))

    def _sync_unit(self, db: sqlite3.Connection, u: Unit, row: tuple | None) -> None:
        now = time.time()
        if row is None:
            db.execute(
                "INSERT INTO units (id, path, qualname, kind, line, end_line, source_hash, source, updated_at, updated_by) "
                "VALUES (?,?,?,?,?,?,?,?,?,?)",
                (u.id, u.path, u.qualname, u.kind, u.line, u.end_line, u.source_hash, u.source, now, self.actor),
            )
            return
        line, end_line, kind, old_hash, present, state, decided_hash, path, qualname = row
        # unchanged units are not rewritten: opening a large repository then writes (almost) nothing
        if (line, end_line, kind, old_hash, present, path, qualname) != (
                u.line, u.end_line, u.kind, u.source_hash, 1, u.path, u.qualname):
            # path and qualname come from the scan, never from what a pull said
            db.execute(
                "UPDATE units SET line=?, end_line=?, kind=?, source_hash=?, source=?, present=1, path=?, qualname=? "
                "WHERE id=?", (u.line, u.end_line, u.kind, u.source_hash, u.source, u.path, u.qualname, u.id),
            )
        if state in DECIDED and decided_hash is not None and decided_hash != u.source_hash:
            self._push_history(db, u.id, "stale")
            db.execute("UPDATE units SET state=?, stale_from=?, updated_at=? WHERE id=?", (STALE, state, now, u.id))
        elif state == STALE and decided_hash == u.source_hash:
            # the Python went back to what was decided: the decision holds again
            db.execute("UPDATE units SET state=stale_from, stale_from=NULL WHERE id=?", (u.id,))

    def units(self, include_absent: bool = False, paths: Collection[str] | None = None, with_go: bool = False,
              yield_to_keys: bool = False) -> list[UnitRecord]:
        """The units (present ones unless `include_absent`), by path and line; with `paths`, of those files
        only; `with_go`: only those that have Go (the ledger, the package a unit builds with).
        `yield_to_keys`: a bulk read of the review screen's background scan, which waits for the keys
        between chunks of rows (gotui/yielding.py)."""
        within, args = _in_paths(paths)
        where = " AND ".join(w for w in ("" if include_absent else "present=1", within, "trim(go) != ''" if with_go else "") if w)
        sql = f"SELECT {_UNIT_COLUMNS} FROM units {'WHERE ' + where if where else ''} ORDER BY path, line"
        if yield_to_keys:  # its own connection: a read that waits for the keys holds no one else's
            db = dbfile.connect(self.path)
            try:
                return _fetch_units(db.execute(sql, args), True)
            finally:
                db.close()
        with self._read_lock:
            if self._reader is None:
                self._reader = dbfile.connect(self.path)
            return _fetch_units(self._reader.execute(sql, args), False)

    def committable(self) -> list[UnitRecord]:
        """The units a commit takes: accepted or edited, with Go."""
        return [u for u in self.units(with_go=True) if u.state in COMMITTABLE and u.go.strip()]

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
            error = self.scrub(t.error)
            attempt_id = insert_attempt(db, unit_id, dict(
                go=t.go, status=t.status, backend=t.backend, model=t.model, error=error, instruction=self.scrub(instruction),
                source_hash=source_hash, prompt_tokens=t.prompt_tokens, completion_tokens=t.completion_tokens, cost=t.cost,
                repair_rounds=t.repair_rounds, cached=int(t.cached), created_at=time.time()))
            if decided_meanwhile:
                return attempt_id
            if not t.go.strip():
                # a failed attempt says why, but never takes away Go or a decision the unit already has
                self._set(db, unit_id, status=t.status, error=error)
                return attempt_id
            self._push_history(db, unit_id, "translate")
            state = CONVERTED
            self._set(db, unit_id, state=state, go=t.go, backend=t.backend, model=t.model, status=t.status, error=error,
                      attempt_id=attempt_id, decided_hash=source_hash, decided_source=source, stale_from=None,
                      check_status=None, check_detail=None, origin=None, vetted_by=None)
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
            # a decision made here makes the unit's Go this machine's own, whatever a pull brought
            values: dict[str, object] = dict(state=state, decided_hash=source_hash, decided_source=source, stale_from=None,
                                             origin=None, vetted_by=None)
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
            row = db.execute("SELECT go, status, backend, model, error, origin FROM attempts WHERE id=? AND unit_id=?",
                             (attempt_id, unit_id)).fetchone()
            if row is None:
                raise SessionError(f"no attempt {attempt_id} for {unit_id}")
            self._push_history(db, unit_id, "select-attempt")
            go, status, backend, model, error, origin = row
            self._set(db, unit_id, state=CONVERTED, go=go, status=status, backend=backend, model=model, error=error,
                      attempt_id=attempt_id, check_status=None, check_detail=None, origin=origin, vetted_by=None)
        return self.require(unit_id)

    def undo(self, unit_id: str) -> UnitRecord | None:
        """Restore the unit as it was before its last change; None when there is nothing to undo."""
        with self._write() as db:
            row = db.execute(
                "SELECT id, prev_state, prev_go, prev_attempt_id, prev_decided_hash, prev_decided_source, prev_stale_from, "
                "prev_origin FROM history WHERE unit_id=? ORDER BY id DESC LIMIT 1", (unit_id,)).fetchone()
            if row is None:
                return None
            hid, state, go, attempt_id, decided_hash, decided_source, stale_from, origin = row
            status_row = db.execute("SELECT status, backend, model, error FROM attempts WHERE id=?", (attempt_id,)).fetchone() if attempt_id else None
            status, backend, model, error = status_row if status_row else ("", "", "", None)
            self._set(db, unit_id, state=state, go=go, attempt_id=attempt_id, decided_hash=decided_hash,
                      decided_source=decided_source, stale_from=stale_from, status=status, backend=backend, model=model, error=error,
                      check_status=None, check_detail=None, origin=origin, vetted_by=None)
            db.execute("DELETE FROM history WHERE id=?", (hid,))
        return self.require(unit_id)

    def history(self, unit_id: str) -> list[tuple[str, str, float, str]]:
        """(action, previous state, time, actor), oldest first."""
        return [tuple(r) for r in self._query("SELECT action, prev_state, at, actor FROM history WHERE unit_id=? ORDER BY id", (unit_id,))]  # type: ignore[misc]

    def attempts(self, unit_id: str) -> list[Attempt]:
        return [Attempt(*r) for r in self._query(f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE unit_id=? ORDER BY id", (unit_id,))]

    def demote(self, unit_id: str, go: str, reason: str) -> bool:
        """A `converted` unit whose Go (still `go`) does not build becomes `partial` with `reason`, and its
        check `build_failed`. False when the unit changed meanwhile (a decision, another translation)."""
        with self._write() as db:
            row = db.execute("SELECT go, status, attempt_id FROM units WHERE id=?", (unit_id,)).fetchone()
            if row is None or row[0] != go or row[1] != CONVERTED:
                return False
            reason = self.scrub(reason) or ""
            db.execute("UPDATE units SET status=?, error=?, check_status=?, check_detail=? WHERE id=?",
                       ("partial", reason, "build_failed", reason, unit_id))
            if row[2] is not None:
                db.execute("UPDATE attempts SET status=?, error=? WHERE id=?", ("partial", reason, row[2]))
            return True

    def set_check(self, unit_id: str, status: str | None, detail: str | None) -> None:
        self.set_checks([(unit_id, status, detail)])

    def set_checks(self, results: list[tuple[str, str | None, str | None]], checked_go: dict[str, str] | None = None) -> None:
        """Store a check run's verdicts (unit id, status, detail) in ONE transaction: a run killed
        before it ends leaves every unit's previous verdict, never half of the new ones. With
        `checked_go`, a unit whose Go changed while it was checked keeps no verdict of the old Go."""
        checked_go = checked_go or {}
        with self._write() as db:
            for uid, status, detail in results:
                if uid in checked_go:
                    db.execute("UPDATE units SET check_status=?, check_detail=? WHERE id=? AND go=?",
                               (status, self.scrub(detail), uid, checked_go[uid]))
                else:
                    db.execute("UPDATE units SET check_status=?, check_detail=? WHERE id=?", (status, self.scrub(detail), uid))

    def record_commit(self, sha: str, branch: str, unit_ids: list[str]) -> None:
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO commits VALUES (?,?,?,?,?)", (sha, branch, "\n".join(unit_ids), time.time(), self.actor))

    # ---- provenance and sharing ----------------------------------------------------------------

    def needs_local_review(self, unit_id: str) -> bool:
        """This unit's current Go came from a pull and nobody here has accepted or explicitly checked it since.

        Such Go is not built or run by a check of everything: a review ref is someone else's input.
        """
        rec = self.get(unit_id)
        return rec is not None and rec.needs_local_review

    def vet(self, unit_id: str) -> None:
        """A person here asked for this unit explicitly (`gotui check ID`): its pulled Go may run."""
        with self._write() as db:
            db.execute("UPDATE units SET vetted_by=? WHERE id=? AND origin IS NOT NULL", (self.actor, unit_id))

    def export_rows(self) -> dict[str, list[dict[str, Any]]]:
        """Every unit, attempt and history row as dicts ({"units", "attempts", "history"}), secrets scrubbed:
        what a review document is made from. Read inside `transaction()` it sees the transaction's writes."""
        def rows(table: str, cols: tuple[str, ...], order: str) -> list[dict[str, Any]]:
            out = []
            for r in self._query(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}"):
                out.append({c: (self.scrub(v) if isinstance(v, str) else v) for c, v in zip(cols, r)})
            return out

        unit_cols = tuple(c for c in UNIT_COLUMNS if c != "source")  # the Python now is each machine's own
        return {"units": rows("units", unit_cols, "path, line"), "attempts": rows("attempts", ATTEMPT_COLUMNS, "id"),
                "history": rows("history", HISTORY_COLUMNS, "id")}

    # ---- runtime traces ------------------------------------------------------------------------

    def record_traces(self, command: str, traces: list[tuple[str, str, dict[str, Any]]]) -> None:
        """Store `(unit id, source hash, trace)` rows from one `gotui trace` run; each replaces that unit's last.

        A trace is `{"calls", "params", "returns", "samples"}`; its samples are real values from the
        traced command, so they are scrubbed of secrets like every other stored text."""
        now = time.time()
        with self._write() as db:
            for unit_id, source_hash, t in traces:
                # a command line or a value may hold a lone surrogate (bytes that were not UTF-8): written escaped
                db.execute("INSERT OR REPLACE INTO traces VALUES (?,?,?,?,?,?,?,?)",
                           (unit_id, int(t["calls"]), json.dumps(t["params"]), json.dumps(t["returns"]),
                            _utf8_text(self.scrub(json.dumps(t["samples"], ensure_ascii=False)) or ""),
                            _utf8_text(self.scrub(command) or ""), source_hash, now))

    def traces(self) -> dict[str, dict[str, Any]]:
        """Every unit's last trace: {unit id: {"calls", "params", "returns", "samples", "source_hash"}}.

        Read again only when the table changed (its row count or latest time): a traced Django holds
        5,000 traces, which every folder's evidence asked for, decoding them a hundred times over.
        The dict is shared between callers: read it, do not change it."""
        stamp = tuple(self._query("SELECT count(*), max(recorded_at) FROM traces")[0])
        if self._traces is not None and self._traces[0] == stamp:
            return self._traces[1]
        out: dict[str, dict[str, Any]] = {}
        for unit_id, calls, params, returns, samples, source_hash in self._query(
                "SELECT unit_id, calls, params, returns, samples, source_hash FROM traces"):
            out[unit_id] = {"calls": calls, "params": json.loads(params), "returns": json.loads(returns),
                            "samples": json.loads(samples), "source_hash": source_hash}
        self._traces = (stamp, out)
        return out

