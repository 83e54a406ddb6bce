"""The signature plan, model usage (cached tokens included) and pending batches, in the session database.

Kept apart from store.py on purpose: it opens its own connection to the same `session.db` (WAL, so
both coexist) and its tables are schema version 4 (schema.py), created with CREATE TABLE IF NOT EXISTS. Every write is one committed
transaction, so a killed run loses nothing: a batch id is stored before anything waits on it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from gotui.session.schema import V4



@dataclass
class PlanRow:
    unit_id: str
    go: str
    origin: str
    source_hash: str
    updated_at: float
    recheck: int
    recheck_reason: str | None


@dataclass
class BatchRow:
    batch_id: str
    input_file_id: str
    status: str
    units: dict[str, str]  # custom_id -> unit id
    model: str
    created_at: float
    checked_at: float
    done: int
    detail: str | None


class PlanStore:
    def __init__(self, db_path: Path, create: bool = True) -> None:
        """`create=False`: only read (the review screen's plan line); no table is created, nothing written."""
        self.path = Path(db_path)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA busy_timeout=10000")
        for statement in V4 if create else ():  # idempotent: a session older than schema 4 gets them here too
            self._db.execute(statement)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _write(self, sql: str, args: tuple = ()) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(sql, args)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # ---- the plan ----------------------------------------------------------------------------

    def plan(self) -> dict[str, PlanRow]:
        return {r[0]: PlanRow(*r) for r in self._query(
            "SELECT unit_id, go, origin, source_hash, updated_at, recheck, recheck_reason FROM plan")}

    def entry(self, unit_id: str) -> PlanRow | None:
        try:
            rows = self._query("SELECT unit_id, go, origin, source_hash, updated_at, recheck, recheck_reason FROM plan WHERE unit_id=?",
                               (unit_id,))
        except sqlite3.OperationalError:  # no plan table yet (a session never planned)
            return None
        return PlanRow(*rows[0]) if rows else None

    def set_plan(self, unit_id: str, go: str, origin: str, source_hash: str) -> None:
        self._write("INSERT INTO plan (unit_id, go, origin, source_hash, updated_at) VALUES (?,?,?,?,?) "
                    "ON CONFLICT(unit_id) DO UPDATE SET go=excluded.go, origin=excluded.origin, "
                    "source_hash=excluded.source_hash, updated_at=excluded.updated_at",
                    (unit_id, go, origin, source_hash, time.time()))

    def mark_recheck(self, unit_id: str, reason: str) -> None:
        self._write("UPDATE plan SET recheck=1, recheck_reason=? WHERE unit_id=?", (reason, unit_id))

    def clear_recheck(self, unit_id: str) -> None:
        self._write("UPDATE plan SET recheck=0, recheck_reason=NULL WHERE unit_id=?", (unit_id,))

    def rechecks(self) -> dict[str, str]:
        return {r[0]: r[1] or "" for r in self._query("SELECT unit_id, recheck_reason FROM plan WHERE recheck=1")}

    # ---- usage -------------------------------------------------------------------------------

    def add_usage(self, unit_id: str, mode: str, prompt_tokens: int, cached_tokens: int, completion_tokens: int, cost: float) -> None:
        self._write("INSERT INTO model_usage (unit_id, mode, prompt_tokens, cached_tokens, completion_tokens, cost, at) "
                    "VALUES (?,?,?,?,?,?,?)", (unit_id, mode, prompt_tokens, cached_tokens, completion_tokens, cost, time.time()))

    def usage_by_mode(self) -> dict[str, dict[str, float]]:
        """mode (stream, batch, plan) -> requests' tokens, cached tokens and cost, summed."""
        out: dict[str, dict[str, float]] = {}
        for mode, p, c, comp, cost, n in self._query(
                "SELECT mode, SUM(prompt_tokens), SUM(cached_tokens), SUM(completion_tokens), SUM(cost), COUNT(*) "
                "FROM model_usage GROUP BY mode"):
            out[mode] = {"prompt_tokens": p, "cached_tokens": c, "completion_tokens": comp, "cost": cost, "records": n}
        return out

    # ---- batches -----------------------------------------------------------------------------

    def add_batch(self, batch_id: str, input_file_id: str, status: str, units: dict[str, str], model: str) -> None:
        now = time.time()
        self._write("INSERT INTO batches (batch_id, input_file_id, status, units, model, created_at, checked_at) VALUES (?,?,?,?,?,?,?)",
                    (batch_id, input_file_id, status, json.dumps(units), model, now, now))

    def update_batch(self, batch_id: str, status: str, done: bool = False, detail: str | None = None) -> None:
        self._write("UPDATE batches SET status=?, checked_at=?, done=?, detail=? WHERE batch_id=?",
                    (status, time.time(), int(done), detail, batch_id))

    def batches(self, pending_only: bool = True) -> list[BatchRow]:
        where = "WHERE done=0" if pending_only else ""
        rows = self._query(f"SELECT batch_id, input_file_id, status, units, model, created_at, checked_at, done, detail "
                           f"FROM batches {where} ORDER BY created_at")
        return [BatchRow(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6], r[7], r[8]) for r in rows]
