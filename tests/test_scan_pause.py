"""The rest of a tree is scanned behind the review screen with a `pause` between chunks of work, which
blocks while keys come: the scan, its cache writes, the session sync and the bulk read all wait in it."""

from __future__ import annotations

import inspect
import threading
from pathlib import Path

import pytest

from gotui.parse import files, scan_cache
from gotui.session import store
from gotui.session.project import Project
from test_app_progressive import FILES, PER_FILE, many_modules


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # small chunks, so twelve files make several of each
    monkeypatch.setattr(files, "PAUSE_EVERY", 4)
    monkeypatch.setattr(scan_cache, "PUT_CHUNK", 3)
    monkeypatch.setattr(store, "SYNC_BATCH", 7)
    monkeypatch.setattr(store, "FETCH_ROWS", 9)
    return many_modules(tmp_path / "repo")


def test_every_stage_of_the_background_scan_calls_pause(repo: Path) -> None:
    project = Project(repo, first_units=8)
    where: list[str] = []

    def pause() -> None:
        where.append(inspect.stack()[1].function)

    project.complete_scan(pause)
    assert project.complete and len(project.units()) == FILES * PER_FILE
    assert {"scan_files", "put_many", "sync"} <= set(where), where
    where.clear()
    assert len(project.session.units(pause=pause)) == FILES * PER_FILE
    assert where.count("_fetch_units") == -(-FILES * PER_FILE // 9), where  # one per chunk of rows


def test_a_blocking_pause_holds_the_scan_until_it_returns(repo: Path) -> None:
    project = Project(repo, first_units=8)
    entered, release = threading.Event(), threading.Event()

    def pause() -> None:  # the keys keep coming until release
        entered.set()
        assert release.wait(10)

    worker = threading.Thread(target=project.complete_scan, args=(pause,))
    worker.start()
    assert entered.wait(10)
    worker.join(0.3)
    assert worker.is_alive() and not project.complete, "the scan went on while pause blocked"
    assert len(project.session.units()) < FILES * PER_FILE, "the sync ran ahead of the pause"
    release.set()
    worker.join(10)
    assert project.complete and len(project.session.units()) == FILES * PER_FILE
