"""Writing someone else's review into the session: the public merge API used by a pull.

`with session.transaction() as tx:` opens ONE immediate transaction; every method of `tx` writes
inside it, so a pull is merged whole or not at all. The merge policy (which side wins) belongs to
the caller (gotui/vcs/review_ref.py); this module only knows the tables. Every value arriving here
has been validated by the caller; text that can carry a secret is scrubbed here once more.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from typing import Any, Callable, Mapping

from gotui.session.records import (ATTEMPT_COLUMNS, ATTEMPT_FIELDS, DECIDED, HISTORY_COLUMNS, PENDING, STALE,
                                   SessionError)


def attempt_key(unit_id: str, created_at: float, backend: str, model: str, go: str) -> str:
    """The same attempt has the same key on every machine (local ids differ)."""
    raw = json.dumps([unit_id, repr(float(created_at)), backend, model, go])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def insert_attempt(db: sqlite3.Connection, unit_id: str, values: Mapping[str, Any]) -> int:
    """Write one attempt inside the caller's transaction; returns its id."""
    cols = ", ".join(ATTEMPT_FIELDS)
    cur = db.execute(f"INSERT INTO attempts (unit_id, {cols}) VALUES (?, {', '.join('?' for _ in ATTEMPT_FIELDS)})",
                     (unit_id, *(values.get(f) for f in ATTEMPT_FIELDS)))
    return int(cur.lastrowid or 0)


def push_history(db: sqlite3.Connection, unit_id: str, action: str, actor: str) -> None:
    """Remember the unit as it is now, inside the caller's transaction, so undo can bring it back."""
    row = db.execute("SELECT state, go, attempt_id, decided_hash, decided_source, stale_from, origin FROM units WHERE id=?",
                     (unit_id,)).fetchone()
    if row is None:
        raise SessionError(f"no unit {unit_id!r} in the session")
    db.execute(
        "INSERT INTO history (unit_id, action, prev_state, prev_go, prev_attempt_id, prev_decided_hash, prev_decided_source, "
        "prev_stale_from, prev_origin, at, actor) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (unit_id, action, *row, time.time(), actor),
    )


class Transaction:
    """The writes a merge needs, inside one transaction of a Session (see Session.transaction)."""

    def __init__(self, db: sqlite3.Connection, actor: str, scrub: Callable[[str | None], str | None]) -> None:
        self._db = db
        self.actor = actor
        self._scrub = scrub

    def unit_ids(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT id FROM units")}

    def attempt_ids(self, unit_id: str) -> dict[str, int]:
        """attempt key -> local attempt id, for every attempt of the unit."""
        have: dict[str, int] = {}
        for row in self._db.execute(f"SELECT {', '.join(ATTEMPT_COLUMNS)} FROM attempts WHERE unit_id=?", (unit_id,)):
            a = dict(zip(ATTEMPT_COLUMNS, row))
            have[attempt_key(unit_id, a["created_at"], a["backend"], a["model"], a["go"])] = a["id"]
        return have

    def add_attempt(self, unit_id: str, values: Mapping[str, Any], origin: str | None) -> int:
        clean = dict(values, origin=origin, error=self._scrub(values.get("error")),
                     instruction=self._scrub(values.get("instruction")))
        return insert_attempt(self._db, unit_id, clean)

    def add_unit(self, unit_id: str, path: str, qualname: str, kind: str, line: int, end_line: int,
                 decided_hash: str, decided_source: str, at: float, by: str) -> None:
        """A unit this session never scanned: absent until a scan finds its Python (then it may go stale)."""
        self._db.execute(
            "INSERT INTO units (id, path, qualname, kind, line, end_line, source_hash, source, updated_at, updated_by, present) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,0)",
            (unit_id, path, qualname, kind, line, end_line, decided_hash, decided_source, at, by))

    def take_decision(self, unit_id: str, decision: Mapping[str, Any], attempt_id: int | None, origin: str,
                      keep_undo: bool = True) -> None:
        """Make `decision` (state, go, backend, model, status, error, decided_hash, decided_source,
        check_status, check_detail, at, by) the unit's own, marked as coming from `origin`.

        With keep_undo, a `pull` history entry first remembers the unit as it was, so undo brings it back.
        """
        row = self._db.execute("SELECT source_hash FROM units WHERE id=?", (unit_id,)).fetchone()
        if row is None:
            raise SessionError(f"no unit {unit_id!r} in the session")
        if keep_undo:
            push_history(self._db, unit_id, "pull", self.actor)
        state = decision.get("state") or PENDING
        decided_hash = decision.get("decided_hash")
        stale_from = None
        if state in DECIDED and decided_hash is not None and decided_hash != row[0]:
            # decided on other Python than this machine has: the decision is kept, marked stale
            state, stale_from = STALE, state
        self._db.execute(
            "UPDATE units SET state=?, go=?, backend=?, model=?, status=?, error=?, attempt_id=?, decided_hash=?, "
            "decided_source=?, stale_from=?, check_status=?, check_detail=?, updated_at=?, updated_by=?, origin=?, "
            "vetted_by=NULL WHERE id=?",
            (state, decision.get("go") or "", decision.get("backend") or "", decision.get("model") or "",
             decision.get("status") or "", self._scrub(decision.get("error")), attempt_id, decided_hash,
             decision.get("decided_source"), stale_from, decision.get("check_status"),
             self._scrub(decision.get("check_detail")), float(decision.get("at") or time.time()),
             decision.get("by") or "", origin, unit_id))

    def add_history(self, unit_id: str, entries: list[Mapping[str, Any]], attempt_ids: Mapping[str, int], origin: str,
                    skip_actions: tuple[str, ...] = ()) -> int:
        """Union `entries` (action, prev_state, prev_go, prev_attempt key, ..., at, actor) with the unit's
        history, keeping time order (undo walks back the latest first); how many were new.

        What an entry restores came from `origin` too: undoing to it never makes pulled Go local."""
        cols = HISTORY_COLUMNS[1:]
        rows = [dict(zip(HISTORY_COLUMNS, r)) for r in self._db.execute(
            f"SELECT {', '.join(HISTORY_COLUMNS)} FROM history WHERE unit_id=? ORDER BY id", (unit_id,))]
        seen = {(repr(float(r["at"])), r["actor"], r["action"]) for r in rows}
        new = []
        for e in entries:
            key = (repr(float(e.get("at") or 0)), e.get("actor") or "", e.get("action") or "")
            if key in seen or e.get("action") in skip_actions:
                continue
            seen.add(key)
            new.append({"unit_id": unit_id, "action": e.get("action") or "", "prev_state": e.get("prev_state") or PENDING,
                        "prev_go": e.get("prev_go") or "", "prev_attempt_id": attempt_ids.get(e.get("prev_attempt") or ""),
                        "prev_decided_hash": e.get("prev_decided_hash"), "prev_decided_source": e.get("prev_decided_source"),
                        "prev_stale_from": e.get("prev_stale_from"), "at": float(e.get("at") or 0),
                        "actor": e.get("actor") or "", "prev_origin": origin})
        if not new:
            return 0
        merged = sorted(rows + new, key=lambda r: (float(r["at"]), r.get("id") or 0))
        self._db.execute("DELETE FROM history WHERE unit_id=?", (unit_id,))
        for r in merged:
            self._db.execute(f"INSERT INTO history ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                             tuple(r[c] for c in cols))
        return len(new)
