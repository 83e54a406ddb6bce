"""The rest of a tree is scanned behind the review screen, in a thread that waits in gotui.yielding's
hook between chunks of work (the hook blocks while keys come): the scan, its cache writes, the
session sync and the bulk read all wait in it."""

from __future__ import annotations

import inspect
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from gotui import yielding
from gotui.parse import files, scan_cache
from gotui.session import store
from gotui.session.project import Project
from test_app_progressive import FILES, PER_FILE, many_modules


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # small chunks, so twelve files make several of each
    monkeypatch.setattr(files, "STEP_FILES", 4)
    monkeypatch.setattr(scan_cache, "PUT_CHUNK", 3)
    monkeypatch.setattr(store, "SYNC_BATCH", 7)
    monkeypatch.setattr(store, "FETCH_ROWS", 9)
    return many_modules(tmp_path / "repo")


@pytest.fixture
def hook() -> Iterator[list]:
    """The hook set for the test; yields the list it fills with its callers' names."""
    where: list[str] = []
    yielding.set_hook(lambda: where.append(inspect.stack()[2].function))  # [1] is between_steps
    try:
        yield where
    finally:
        yielding.set_hook(None)


def in_thread(fn, *args) -> threading.Thread:
    worker = threading.Thread(target=fn, args=args)
    worker.start()
    return worker


def test_every_stage_of_the_background_scan_waits_in_the_hook(repo: Path, hook: list) -> None:
    project = Project(repo, first_units=8)  # the main thread: the first page never waits
    assert hook == []
    in_thread(project.complete_scan).join(10)
    assert project.complete and len(project.units()) == FILES * PER_FILE
    assert {"scan_files", "put_many", "sync"} <= set(hook), hook
    hook.clear()
    got: list = []
    in_thread(lambda: got.extend(project.session.units(yield_to_keys=True))).join(10)
    assert len(got) == FILES * PER_FILE
    assert hook.count("_fetch_units") == -(-FILES * PER_FILE // 9), hook  # one per chunk of rows
    hook.clear()
    in_thread(project.session.units).join(10)
    assert hook == [], "only the screen's bulk read waits, on its own connection"


def test_a_blocking_hook_holds_the_scan_until_it_returns(repo: Path) -> None:
    project = Project(repo, first_units=8)
    entered, release = threading.Event(), threading.Event()

    def hook() -> None:  # the keys keep coming until release
        entered.set()
        assert release.wait(10)

    yielding.set_hook(hook)
    try:
        worker = in_thread(project.complete_scan)
        assert entered.wait(10)
        worker.join(0.3)
        assert worker.is_alive() and not project.complete, "the scan went on while the hook blocked"
        assert len(project.session.units()) < FILES * PER_FILE, "the sync ran ahead of the hook"
        release.set()
        worker.join(10)
    finally:
        yielding.set_hook(None)
    assert project.complete and len(project.session.units()) == FILES * PER_FILE
