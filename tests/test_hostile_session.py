"""A session that survives damage: damaged files are reported, never replaced; a backup brings it back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from gotui.cli import main

VAT = "shop/pricing.py::vat_rate"


def decided(repo: Path, capsys) -> Path:
    assert main(["convert", str(repo), "--backend", "rules", "-q"]) == 0
    assert main(["accept", str(repo), VAT]) == 0
    capsys.readouterr()
    return repo / ".gotui" / "session.db"


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage", "directory"])
def test_a_damaged_session_is_reported_in_one_line_and_left_alone(shop_repo: Path, capsys, damage: str):
    db = decided(shop_repo, capsys)
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    raw = db.read_bytes()
    if damage == "empty":
        db.write_bytes(b"")
    elif damage == "truncated":
        db.write_bytes(raw[: len(raw) // 2])
    elif damage == "garbage":
        db.write_bytes(b"\x00" * len(raw))
    else:
        db.unlink()
        db.mkdir()
    before = db.read_bytes() if db.is_file() else None
    # every command that reads the session (scan and notes open none: they only read the Python)
    for command in (["status", str(shop_repo)], ["accept", str(shop_repo), "--all"], ["commit", str(shop_repo)]):
        assert main(command) == 1
        err = capsys.readouterr().err.strip()
        assert "damaged" in err and "traceback" not in err.lower() and len(err.splitlines()) == 1, err
    if before is not None:
        assert db.read_bytes() == before  # never recreated, never repaired behind the user's back


def test_restore_after_damage_brings_every_decision_back(shop_repo: Path, capsys):
    db = decided(shop_repo, capsys)
    assert main(["commit", str(shop_repo)]) == 0  # a commit leaves a backup
    db.write_bytes(b"")
    assert main(["status", str(shop_repo)]) == 1
    capsys.readouterr()
    assert main(["session", "restore", str(shop_repo), "--list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed and listed[0]["name"].endswith("-commit.db")
    assert main(["session", "restore", str(shop_repo)]) == 0
    assert "restored" in capsys.readouterr().out
    assert main(["status", str(shop_repo), "--json"]) == 0
    states = {u["id"]: u["state"] for u in json.loads(capsys.readouterr().out)["units"]}
    assert states[VAT] == "accepted"
    assert any(p.name.startswith("session.db.replaced-") for p in db.parent.iterdir())


def test_only_a_missing_session_starts_a_new_one(shop_repo: Path, capsys):
    db = decided(shop_repo, capsys)
    for side in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        side.unlink(missing_ok=True)
    assert main(["status", str(shop_repo), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["accepted"] == 0


def test_restore_without_backups_says_so(shop_repo: Path, capsys):
    assert main(["session", "restore", str(shop_repo)]) == 1
    assert "no session backups" in capsys.readouterr().err
