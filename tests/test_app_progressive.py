"""The review screen opens on the first files of a large tree and scans the rest behind them."""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import pytest

from gotui import yielding
from gotui.parse.files import MIN_FILES_FOR_WORKERS
from gotui.parse.notes_run import STEP_FILES, spawned_notes
from gotui.parse.units import parse_module
from gotui.session.project import Project
from test_app_review import _fixed_environment, make_app, notices, review, settle  # noqa: F401  (fixtures)

FILES, PER_FILE = 12, 5


def many_modules(root: Path, files: int = FILES, per_file: int = PER_FILE) -> Path:
    """A git repository with `files` modules pkg/mNN.py of `per_file` functions fN_K each."""
    (root / "pkg").mkdir(parents=True)
    for i in range(files):
        body = "".join(f"def f{i}_{k}(x: int) -> int:\n    return x + {k}\n\n\n" for k in range(per_file))
        (root / "pkg" / f"m{i:02}.py").write_text(body, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


@pytest.fixture
def big_repo(tmp_path: Path) -> Path:
    return many_modules(tmp_path / "repo")


def hold_scan(project: Project) -> threading.Event:
    """The project's scan of the rest waits until the returned event is set."""
    release = threading.Event()
    complete = project.complete_scan

    def held_scan() -> None:
        assert release.wait(10)
        complete()

    project.complete_scan = held_scan  # type: ignore[method-assign]
    return release


def test_the_first_page_holds_the_first_files_in_order_and_the_rest_follows(big_repo: Path):
    project = Project(big_repo, first_units=8)
    assert not project.complete
    assert [u.qualname for u in project.units()] == [f"f{i}_{k}" for i in range(2) for k in range(PER_FILE)]
    assert {r.id for r in project.session.units()} == {u.id for u in project.units()}, "the first page is in the session"
    project.complete_scan()
    assert project.complete and len(project.units()) == FILES * PER_FILE
    assert len(project.session.units()) == FILES * PER_FILE
    assert project.unit("pkg/m11.py::f11_4") is not None


def test_a_first_page_larger_than_the_tree_is_the_whole_scan(big_repo: Path):
    project = Project(big_repo, first_units=1000)
    assert project.complete and len(project.units()) == FILES * PER_FILE


async def test_the_screen_shows_the_first_files_at_once_keeps_decisions_and_waits_for_the_rest_where_it_must(big_repo: Path):
    project = Project(big_repo, first_units=8)
    release = hold_scan(project)
    app = make_app(project, autotranslate=False)
    async with app.run_test(notifications=True) as pilot:
        await pilot.pause()
        screen = review(app)
        assert len(screen.unit_list.rows) == 2 * PER_FILE
        assert "scanning" in screen.status_bar.info.progress
        await pilot.press("j")
        await pilot.pause()
        second = screen.unit_list.current_id
        assert second == "pkg/m00.py::f0_1"
        await pilot.press("x")  # a decision on a unit of the first page is stored at once
        assert project.session.get(second).state == "rejected"
        await pilot.press("c")  # a commit needs every unit: it waits, and says so
        await pilot.pause()
        assert any("still scanning" in m for m in notices(app))
        release.set()
        await settle(pilot)
        assert len(screen.unit_list.rows) == FILES * PER_FILE
        assert screen.unit_list.current_id == second, "the highlighted unit stays highlighted"
        assert screen.unit_list.row(second).state == "rejected"
        assert "scanning" not in screen.status_bar.info.progress
        assert screen.python_pane.border_title.startswith("Python · pkg/m00.py")


async def test_background_translation_waits_while_keys_come(big_repo: Path):
    # a CPU-bound batch must not start while a person presses keys: it waits for a quiet moment
    project = Project(big_repo)
    app = make_app(project, autotranslate=False)
    async with app.run_test() as pilot:
        await settle(pilot)
        before = app.last_key
        await pilot.press("j")
        assert app.last_key > before
        cancel = threading.Event()
        start = time.monotonic()
        app.last_key = start
        app.wait_for_quiet_keys(cancel, quiet=0.2)
        assert time.monotonic() - start >= 0.19
        app.last_key = time.monotonic()
        cancel.set()
        quick = time.monotonic()
        app.wait_for_quiet_keys(cancel, quiet=5.0)  # a cancelled job never waits
        assert time.monotonic() - quick < 0.1


async def test_a_tree_large_enough_for_worker_processes_is_scanned_and_noted_under_textual(tmp_path: Path):
    # Textual's print capture has no file descriptor: spawned pools failed there with "bad value(s)
    # in fds_to_keep", so the rest of a large tree was never listed and its notes never came
    repo = tmp_path / "repo"
    (repo / "pkg").mkdir(parents=True)
    files = MIN_FILES_FOR_WORKERS + 6
    for i in range(files):
        (repo / "pkg" / f"m{i:03}.py").write_text(f"def f{i}(xs: dict) -> int:\n    return len(xs) // 2\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    project = Project(repo, first_units=4)
    app = make_app(project, autotranslate=False)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        screen = review(app)
        assert not [m for m in notices(app) if "failed" in m or "scan:" in m], notices(app)
        assert len(screen.unit_list.rows) == files
        assert "scanning" not in screen.status_bar.info.progress
        last = screen.unit_list.row(f"pkg/m{files - 1:03}.py::f{files - 1}")
        assert last is not None and last.rules, "the last file's notes came from the workers"


def test_note_workers_take_a_batch_only_when_the_screen_lets_them(tmp_path: Path):
    modules = [parse_module(f"m{i}.py", f"def f{i}(xs: dict) -> int:\n    return len(xs) // 2\n".encode())
               for i in range(MIN_FILES_FOR_WORKERS + 6)]
    calls: list[int] = []
    notes: list = []
    yielding.set_hook(lambda: calls.append(len(calls)))  # from the screen's background thread, as there
    try:
        worker = threading.Thread(target=lambda: notes.extend(spawned_notes(modules, jobs=1)))
        worker.start()
        worker.join(60)
    finally:
        yielding.set_hook(None)
    assert len(notes) == len(modules) and all(any(n.rule for n in ns) for ns in notes)
    assert len(calls) == -(-len(modules) // STEP_FILES)


async def test_the_whole_list_is_shown_at_a_pause_in_the_keys(big_repo: Path):
    # swapping ten thousand rows in relays the list out and rewraps the panes: not in the middle of a held `j`
    project = Project(big_repo, first_units=8)
    release = hold_scan(project)
    app = make_app(project, autotranslate=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = review(app)
        release.set()
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:  # keys keep coming
            # each "last key" a little ahead of now: a pause of this loop on a loaded CI machine (longer than
            # KEYS_QUIET) must not read as a pause in the keys
            app.last_key = time.monotonic() + 0.5
            await pilot.pause(0.05)
        assert len(screen.unit_list.rows) == 2 * PER_FILE, "not while keys come"
        await pilot.pause(1.0)  # the keys stop: past the last one and KEYS_QUIET
        await settle(pilot)
        assert len(screen.unit_list.rows) == FILES * PER_FILE, "at the first pause"
