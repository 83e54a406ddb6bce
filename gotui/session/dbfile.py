"""The `session.db` file: created atomically, checked at open, backed up, restored.

Only a missing file means a new session. A file that is empty, not SQLite, or fails SQLite's
`quick_check` is damaged: gotui says so in one line and changes nothing, because recreating it
would silently drop every decision. Backups are SQLite online backups (`Connection.backup`),
consistent even while another gotui writes, kept under `.gotui/backups/` (the newest KEEP).
"""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import stat
import time
from pathlib import Path

from gotui.session.records import SessionError
from gotui.session.schema import migrate

DB_NAME = "session.db"
BACKUP_DIR = "backups"
KEEP = 5
_HEADER = b"SQLite format 3\x00"


def connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA busy_timeout=10000")
    return db


def damaged(path: Path, why: str) -> SessionError:
    return SessionError(
        f"the session {path} is damaged ({why}); gotui changed nothing: `gotui session restore --list` lists the "
        f"backups and `gotui session restore` puts the newest back (or move the file away to start a new session)")


def _file_problem(path: Path) -> str | None:
    """Why the file at `path` cannot be a session database, or None (cheap: no SQLite involved)."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file"
    if st.st_size == 0:
        return "the file is empty"
    with open(path, "rb") as fh:
        head = fh.read(len(_HEADER))
    if head != _HEADER:
        return "not an SQLite database" if len(head) == len(_HEADER) else "the file is truncated"
    return None


def _create(path: Path) -> None:
    """A new, migrated database appears at `path` all at once (a partner never sees a half-made file)."""
    tmp = path.with_name(f".{path.name}.new-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        db = connect(tmp)
        db.execute("PRAGMA journal_mode=WAL")
        migrate(db, tmp)
        db.close()
        try:
            os.link(tmp, path)  # never replaces: a session another gotui created meanwhile wins
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(tmp, path)
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)


def open_db(path: Path) -> sqlite3.Connection:
    """The session database at `path`, created when missing, checked and migrated; SessionError otherwise."""
    try:
        if not os.path.lexists(path):
            _create(path)
        problem = _file_problem(path)
    except OSError as exc:
        raise SessionError(f"cannot open the session {path}: {exc.strerror or exc}") from None
    except sqlite3.Error as exc:
        raise SessionError(f"cannot create the session {path}: {exc}") from None
    if problem is not None:
        raise damaged(path, problem)
    try:
        db = connect(path)
    except sqlite3.Error as exc:
        raise damaged(path, str(exc)) from None
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        result = db.execute("PRAGMA quick_check(1)").fetchone()
        if result is None or result[0] != "ok":
            raise damaged(path, f"quick_check: {result[0] if result else 'no answer'}")
        migrate(db, path)
    except sqlite3.OperationalError as exc:
        db.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise SessionError(f"the session {path} stays locked by another gotui: {exc}") from None
        raise damaged(path, str(exc)) from None
    except sqlite3.DatabaseError as exc:
        db.close()
        raise damaged(path, str(exc)) from None
    except BaseException:
        db.close()
        raise
    return db


# ---- backups -------------------------------------------------------------------------------------


def backup_dir(state_dir: Path) -> Path:
    return state_dir / BACKUP_DIR


def list_backups(state_dir: Path) -> list[Path]:
    """Backups, newest first."""
    folder = backup_dir(state_dir)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.glob("session-*.db") if p.is_file()), key=lambda p: p.name, reverse=True)


def backup(db: sqlite3.Connection, state_dir: Path, reason: str, keep: int = KEEP) -> Path:
    """An online copy of `db` under backups/, named by UTC time and reason; older ones beyond `keep` go."""
    folder = backup_dir(state_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f"{time.time() % 1:.6f}"[1:].replace(".", "")
    dest = folder / f"session-{stamp}-{''.join(c for c in reason if c.isalnum() or c == '-')}.db"
    tmp = dest.with_name("." + dest.name)
    target = sqlite3.connect(tmp)
    try:
        db.backup(target)
    finally:
        target.close()
    os.replace(tmp, dest)
    for old in list_backups(state_dir)[keep:]:
        old.unlink(missing_ok=True)
    return dest


def restore(state_dir: Path, name: str | None = None) -> tuple[Path, Path | None]:
    """Put a backup (the newest, or the one named) in place of session.db.

    The current file, damaged or not, is kept beside it as `session.db.replaced-<time>`; returns
    (the backup restored, where the replaced file went). Close every gotui on this session first.
    """
    found = list_backups(state_dir)
    if not found:
        raise SessionError(f"no session backups in {backup_dir(state_dir)}")
    chosen = found[0] if name is None else next((p for p in found if p.name in (name, f"{name}.db")), None)
    if chosen is None:
        raise SessionError(f"no backup named {name!r} (gotui session restore --list shows them)")
    check = sqlite3.connect(f"file:{chosen}?mode=ro", uri=True)
    try:
        ok = check.execute("PRAGMA quick_check(1)").fetchone()
    except sqlite3.DatabaseError as exc:
        raise SessionError(f"the backup {chosen.name} is damaged too: {exc}") from None
    finally:
        check.close()
    if ok is None or ok[0] != "ok":
        raise SessionError(f"the backup {chosen.name} is damaged too: {ok[0] if ok else 'no answer'}")
    path = state_dir / DB_NAME
    kept: Path | None = None
    if os.path.lexists(path):
        kept = path.with_name(f"{DB_NAME}.replaced-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}")
        os.replace(path, kept)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{path}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{kept}{suffix}"))
    tmp = path.with_name(f".{DB_NAME}.restore-{os.getpid()}")
    shutil.copyfile(chosen, tmp)
    os.replace(tmp, path)
    return chosen, kept
