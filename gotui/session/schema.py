"""The session's tables and how an older `session.db` is brought up to date.

`PRAGMA user_version` is the schema version. Each entry of MIGRATIONS moves a database one
version up; opening an older database runs the missing steps in one transaction, so a session is
either migrated whole or left as it was. A database from a newer gotui is refused (its columns
mean things this gotui does not know). Sessions written before versions existed read 0 and have
exactly the tables of version 1, which is why step 1 only creates what is missing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from gotui.session.records import SessionError

# Version 1: the tables as gotui wrote them before schema versions (do not change: migrate instead).
V1 = (
    """CREATE TABLE IF NOT EXISTS units (
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
)""",
    "CREATE INDEX IF NOT EXISTS units_path ON units(path)",
    """CREATE TABLE IF NOT EXISTS attempts (
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
)""",
    "CREATE INDEX IF NOT EXISTS attempts_unit ON attempts(unit_id)",
    """CREATE TABLE IF NOT EXISTS history (
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
)""",
    "CREATE INDEX IF NOT EXISTS history_unit ON history(unit_id)",
    """CREATE TABLE IF NOT EXISTS commits (
    commit_sha TEXT PRIMARY KEY,
    branch TEXT NOT NULL,
    units TEXT NOT NULL,
    at REAL NOT NULL,
    actor TEXT NOT NULL
)""",
)

# Version 2: provenance. Where a unit's decision and each attempt came from (NULL: this machine;
# "pulled:..." from a review ref), who here vetted pulled Go, and the origin undo brings back.
V2 = (
    "ALTER TABLE units ADD COLUMN origin TEXT",
    "ALTER TABLE units ADD COLUMN vetted_by TEXT",
    "ALTER TABLE attempts ADD COLUMN origin TEXT",
    "ALTER TABLE history ADD COLUMN prev_origin TEXT",
    # a pull before version 2 could store a path that disagrees with the id (`../x.py`): such a unit
    # stays absent until a scan finds its id, and the scan then writes its real path
    "UPDATE units SET present=0 WHERE path || '::' || qualname != id",
)

# Version 3: runtime traces from `gotui trace` (docs/evidence.md): per unit, the observed types and a
# bounded sample of real calls, replaced by each new trace of that unit.
V3 = (
    """CREATE TABLE IF NOT EXISTS traces (
    unit_id TEXT PRIMARY KEY,
    calls INTEGER NOT NULL,
    params TEXT NOT NULL,
    returns TEXT NOT NULL,
    samples TEXT NOT NULL,
    command TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    recorded_at REAL NOT NULL
)""",
)

# Version 4: the model path (docs/prompts.md): the signature plan, model usage with cached tokens, pending batches.
V4 = (
    """CREATE TABLE IF NOT EXISTS plan (
    unit_id TEXT PRIMARY KEY,
    go TEXT NOT NULL,
    origin TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    updated_at REAL NOT NULL,
    recheck INTEGER NOT NULL DEFAULT 0,
    recheck_reason TEXT
)""",
    """CREATE TABLE IF NOT EXISTS model_usage (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    cached_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    cost REAL NOT NULL,
    at REAL NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS batches (
    batch_id TEXT PRIMARY KEY,
    input_file_id TEXT NOT NULL,
    status TEXT NOT NULL,
    units TEXT NOT NULL,
    model TEXT NOT NULL,
    created_at REAL NOT NULL,
    checked_at REAL NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    detail TEXT
)""",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (V1, V2, V3, V4)
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def refuse_newer(version: int, path: Path) -> None:
    if version > SCHEMA_VERSION:
        raise SessionError(f"{path} was written by a newer gotui (session schema {version}; this gotui reads up to "
                           f"{SCHEMA_VERSION}): upgrade gotui to open it")


def migrate(db: sqlite3.Connection, path: Path) -> int:
    """Bring the database up to SCHEMA_VERSION in one transaction; the version it had."""
    found = user_version(db)
    refuse_newer(found, path)
    if found == SCHEMA_VERSION:
        return found
    db.execute("BEGIN IMMEDIATE")  # the busy timeout lets a second gotui wait for the first one's migration
    try:
        version = user_version(db)  # another gotui may have migrated meanwhile
        refuse_newer(version, path)
        for step in MIGRATIONS[version:]:
            for statement in step:
                db.execute(statement)
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return found
