"""The session file over time: migrations from older gotui, refusing newer ones, backups, restore, redaction,
and that nothing outside gotui/session/ writes SQL."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from gotui.cli import main
from gotui.llm.base import Translation
from gotui.parse.units import parse_module
from gotui.redact import scrub, secrets_from_env
from gotui.session import dbfile
from gotui.session.schema import SCHEMA_VERSION
from gotui.session.store import Session, SessionError

FIXTURE = Path(__file__).parent / "fixtures" / "session_main_unversioned.sql"
GOTUI = Path(__file__).parent.parent / "gotui"


def old_session(state_dir: Path) -> Path:
    """The fixture: a session.db exactly as gotui wrote it before schema versions."""
    state_dir.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(state_dir / "session.db")
    db.executescript(FIXTURE.read_text(encoding="utf-8"))
    db.close()
    return state_dir / "session.db"


def test_a_session_from_before_schema_versions_is_migrated_and_read_back_whole(tmp_path: Path):
    path = old_session(tmp_path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 0
    s = Session(tmp_path, actor="bob")
    assert s._query("PRAGMA user_version")[0][0] == SCHEMA_VERSION
    add, cart, total, gone = (s.get(f"shop/m.py::{q}") for q in ("add", "Cart", "Cart.total", "gone"))
    assert (add.state, add.go, add.check_status, add.check_detail) == ("accepted", "func Add(a, b int) int { return a + b }", "pass", "40 cases")
    assert (cart.state, total.state) == ("rejected", "edited") and "// mine" in total.go
    assert gone is not None and gone.present == 0 and s.get("shop/m.py::gone") in s.units(include_absent=True)
    assert [a.instruction for a in s.attempts("shop/m.py::add")] == [None, "shorter please"]
    assert [a.error for a in s.attempts("shop/m.py::Cart.total")] == ["backend said no", None]
    assert [h[0] for h in s.history("shop/m.py::add")] == ["translate", "translate", "accept"]
    assert all(h[3] == "alice" for h in s.history("shop/m.py::add"))
    assert s._query("SELECT branch, units FROM commits") == [("gotui/migration", "shop/m.py::add\nshop/m.py::Cart.total")]
    assert s.totals()["prompt_tokens"] == 12 * 6
    # nothing of it came from a pull, and undo still walks the old history back
    assert not any(s.needs_local_review(r.id) for r in s.units(include_absent=True))
    assert s.undo("shop/m.py::add").state == "converted"
    s.accept("shop/m.py::add")  # and new decisions are written in the new schema
    s.close()
    assert Session(tmp_path).get("shop/m.py::add").state == "accepted"


def test_a_unit_whose_path_disagrees_with_its_id_is_put_aside_by_the_migration(tmp_path: Path):
    path = old_session(tmp_path)
    db = sqlite3.connect(path)
    db.execute("UPDATE units SET path='../../../tmp/pwn.py' WHERE id='shop/m.py::add'")  # what a pull could write
    db.commit()
    db.close()
    s = Session(tmp_path)
    assert s.get("shop/m.py::add").present == 0 and "shop/m.py::add" not in {r.id for r in s.units()}
    s.sync(parse_module("shop/m.py", b"def add(a: int, b: int) -> int:\n    return a + b\n").units)
    rec = s.get("shop/m.py::add")
    assert (rec.present, rec.path, rec.state) == (1, "shop/m.py", "accepted")


def test_a_session_from_a_newer_gotui_is_refused_in_one_line(tmp_path: Path):
    Session(tmp_path).close()
    db = sqlite3.connect(tmp_path / "session.db")
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(SessionError, match=r"written by a newer gotui .*upgrade gotui") as err:
        Session(tmp_path)
    assert "\n" not in str(err.value)


def test_a_migration_that_fails_leaves_the_old_session_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from gotui.session import schema

    path = old_session(tmp_path)
    before = path.read_bytes()
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, ("ALTER TABLE units ADD COLUMN origin TEXT",)))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS) + 1)
    with pytest.raises(SessionError):
        Session(tmp_path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 0
    assert "origin" not in [r[1] for r in db.execute("PRAGMA table_info(units)")]
    assert len(before) > 0


def units(src: str):
    return parse_module("m.py", src.encode()).units


def test_backups_keep_the_newest_five_and_restore_puts_one_back(tmp_path: Path):
    s = Session(tmp_path)
    s.sync(units("def f():\n    return 1\n"))
    s.record_translation("m.py::f", Translation(go="func F() {}", status="converted", backend="rules", model="r"))
    s.accept("m.py::f")
    for _ in range(7):
        s.backup("commit")
    found = dbfile.list_backups(tmp_path)
    assert len(found) == dbfile.KEEP and all(p.name.endswith("-commit.db") for p in found)
    s.close()
    (tmp_path / "session.db").write_bytes(b"")  # damaged
    with pytest.raises(SessionError, match="damaged"):
        Session(tmp_path)
    chosen, kept = dbfile.restore(tmp_path)
    assert chosen == found[0] and kept is not None and kept.read_bytes() == b""
    assert Session(tmp_path).get("m.py::f").state == "accepted"


def test_secrets_never_reach_the_session_or_the_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from gotui.vcs.review_ref import export_review

    key = "sk-live-abcdef1234567890XYZ9999"
    monkeypatch.setenv("SOME_SERVICE_TOKEN", "tok_0123456789abcdef")
    s = Session(tmp_path, secrets=[key])
    s.sync(units("def f():\n    return 1\n"))
    s.record_translation("m.py::f", Translation(go="", status="failed", backend="openai", model="m",
                                                error=f"401 Incorrect API key provided: sk-li...9999 ({key})"),
                         instruction="use tok_0123456789abcdef to log in")
    s.record_translation("m.py::f", Translation(go="func F() {}", status="converted", backend="openai", model="m"))
    s.set_check("m.py::f", "diverged", f"env said {key}")
    raw = (tmp_path / "session.db").read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("session.db-wal"))
    for secret in (key, "tok_0123456789abcdef", "sk-li...9999"):
        assert secret.encode() not in raw
        assert secret not in str(export_review(s))
    assert "[redacted]" in s.attempts("m.py::f")[0].error


def test_scrub_and_secrets_from_env():
    env = {"OPENAI_API_KEY": "sk-proj-0123456789abcdefghij", "DB_PASSWORD": "correct horse battery", "HOME": "/home/a",
           "SHORT_KEY": "abc", "OTHER": "sk-0123456789abcdefgh"}
    found = secrets_from_env(env)
    assert set(found) == {"sk-proj-0123456789abcdefghij", "correct horse battery", "sk-0123456789abcdefgh"}
    text = "key sk-proj-0123456789abcdefghij, masked sk-proj-****ghij, pw correct horse battery; Loading... done"
    out = scrub(text, found)
    assert "0123456789" not in out and "ghij" not in out and "correct horse" not in out
    assert out.endswith("Loading... done")  # an ellipsis that masks nothing stays
    assert scrub("Incorrect API key provided: sk-au...9999", []) == "Incorrect API key provided: [redacted]"


SQL_WORDS = re.compile(r"\.execute(?:many|script)?\(|\b(?:SELECT\s+.+\s+FROM|INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|"
                       r"DELETE\s+FROM|CREATE\s+TABLE|ALTER\s+TABLE|PRAGMA\s+\w+)\b")
# Caches are their own databases, rebuilt when lost, and never hold a decision: they keep their SQL.
# parse/scan_cache.py (units per file hash) and llm/cache.py (model answers) stay beside the code they serve.
SEPARATE_CACHES = {"parse/scan_cache.py", "llm/cache.py"}


def test_no_sql_outside_the_session_package():
    offenders = []
    for path in sorted(GOTUI.rglob("*.py")):
        rel = path.relative_to(GOTUI).as_posix()
        if rel.startswith("session/") or rel in SEPARATE_CACHES:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SQL_WORDS.search(line):
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert offenders == []


def test_damaged_session_is_one_line_and_a_non_zero_exit(shop_repo: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["status", str(shop_repo)]) == 0
    db = shop_repo / ".gotui" / "session.db"
    capsys.readouterr()
    assert main(["session", "restore", str(shop_repo), "--list", "--json"]) == 0
    db.write_bytes(b"")
    assert main(["status", str(shop_repo)]) == 1
    err = capsys.readouterr().err.strip()
    assert "damaged" in err and "gotui session restore" in err and "\n" not in err
    assert db.read_bytes() == b""  # never silently recreated
