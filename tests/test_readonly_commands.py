"""Read-only commands write nothing: `gotui scan` and `gotui notes` leave no `.gotui/` behind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

GOTUI = [sys.executable, "-m", "gotui.cli"]


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*GOTUI, *args], cwd=repo, capture_output=True, text=True)


def test_scan_and_notes_create_no_state(shop_repo: Path):
    assert not (shop_repo / ".gotui").exists()
    notes = run(shop_repo, "notes", "--json")
    scan = run(shop_repo, "scan", "--json")
    assert notes.returncode == 0 and scan.returncode == 0
    data = json.loads(notes.stdout)
    assert data and set(data[0]) == {"path", "line", "end_line", "rule", "severity", "message", "go_hint"}
    assert json.loads(scan.stdout)
    assert not (shop_repo / ".gotui").exists()


def test_notes_reads_an_existing_scan_cache_without_changing_it(shop_repo: Path):
    assert run(shop_repo, "status").returncode == 0  # a command that keeps state creates the cache
    cache = shop_repo / ".gotui" / "scan-cache.db"
    before = cache.read_bytes()
    (shop_repo / "shop" / "extra.py").write_text("def f(d: dict[str, int]) -> int:\n    return d['x']\n", encoding="utf-8")
    out = run(shop_repo, "notes", "--json")
    assert out.returncode == 0
    assert any(n["path"] == "shop/extra.py" for n in json.loads(out.stdout))
    assert cache.read_bytes() == before


def test_notes_json_streams_the_same_document_as_the_notes(shop_repo: Path):
    from gotui.session.project import Project

    expected = [n.to_json() for n in Project(shop_repo, read_only=True).notes()]
    assert json.loads(run(shop_repo, "notes", "--json").stdout) == expected
    assert not (shop_repo / ".gotui").exists()


def test_notes_from_workers_equal_the_notes_of_one_process(monkeypatch):
    from gotui.parse import notes_run

    root = Path(__file__).resolve().parent.parent / "benchmarks" / "reallibs" / "vendor"
    serial = [n for notes in notes_run.tree_notes(root, root / "isodate-0.7.2", jobs=1) for n in notes]
    monkeypatch.setattr(notes_run, "MIN_FILES_FOR_WORKERS", 2)
    forked = [n for notes in notes_run.tree_notes(root, root / "isodate-0.7.2", jobs=2) for n in notes]
    assert serial and forked == serial
    assert serial[0].path.startswith("isodate-0.7.2/")


def test_a_scan_in_worker_processes_finds_what_one_process_finds(monkeypatch):
    from gotui.parse import files

    root = Path(__file__).resolve().parent.parent / "benchmarks" / "reallibs" / "vendor"
    one = files.scan(root, root / "cachetools-8.0.2")
    monkeypatch.setattr(files, "MIN_FILES_FOR_WORKERS", 2)
    monkeypatch.setattr(files.threading, "active_count", lambda: 1)  # pytest's threads would keep it serial
    many = files.scan(root, root / "cachetools-8.0.2")
    assert many.units == one.units and len(one.units) > 100
    assert [(m.path, m.text, m.error, m.skipped) for m in many.modules] == [(m.path, m.text, m.error, m.skipped) for m in one.modules]
    assert many.modules[1].tree is not None  # parsed again on first use
