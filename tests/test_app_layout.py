"""How the review screen uses its space: the list as wide as its rows, long lines wrapped or not (`w`),
counts that match the badges, toasts that keep off the notes and the status bar, and a notes title
that says what is below the fold."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from textual.errors import NoWidget
from textual.widgets._toast import Toast, ToastHolder, ToastRack

from gotui.llm.rules import RulesTranslator
from gotui.screens.review.view import LIST_MAX_SHARE, LIST_MIN_WIDTH
from gotui.session.project import Project
from gotui.widgets.status_bar import ORDER
from gotui.widgets.unit_list import BADGES, ROW_CHROME, RowWidths, UnitRow
from test_app_review import (  # noqa: F401  (fixtures)
    SPLIT, SUBTOTAL, _fixed_environment, focused, go_to, make_app, panes, project, review, settle,
)

LOCATION = re.compile(r" (\S+\.py):(\d+)$")


def list_lines(app) -> list[str]:
    units = review(app).unit_list
    height = units.scrollable_content_region.height
    return [units.render_line(y).text.rstrip() for y in range(min(height, units.visible_count))]


# ---- the list's width --------------------------------------------------------------------------


async def test_the_list_is_as_wide_as_its_rows_and_every_row_shows_its_file_and_line(project: Project):
    app = make_app(project, autotranslate=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = review(app)
        units, left = screen.unit_list, screen.query_one("#left")
        rows = units.rows
        widest = max(len(r.qualname) + 1 + len(r.path.rsplit("/", 1)[-1]) + 1 + len(str(r.line)) for r in rows)
        assert left.size.width == ROW_CHROME + widest + 1, "sized to the widest row, with a column for the scrollbar"
        assert left.size.width < 160 * LIST_MAX_SHARE // 100
        python, go, _ = panes(app)
        assert python.region.x > left.region.right - 1 and go.region.right == 160, "the code panes get the rest"
        lines = list_lines(app)
        assert len(lines) == len(rows)
        for row, line in zip(rows, lines):
            m = LOCATION.search(line)
            assert m is not None, f"no file:line on {line!r}"
            assert m.group(1) == row.path.rsplit("/", 1)[-1] and int(m.group(2)) == row.line
            assert f" {row.qualname} " in line, f"the name is cut on {line!r}"


async def test_a_long_name_widens_the_list_up_to_its_maximum_and_file_line_goes_from_every_row_at_once(project: Project):
    app = make_app(project, autotranslate=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = review(app)
        units, left = screen.unit_list, screen.query_one("#left")
        before = left.size.width
        usual = [UnitRow(id=f"pkg/mod.py::f{i}", qualname=f"handler_number_{i:02}", path="pkg/mod.py", line=10 + i * 4,
                         kind="function") for i in range(40)]
        longest = "TestRegressions.test_a_name_as_long_as_the_ones_in_real_test_suites"  # 67 columns
        units.set_rows(usual + [UnitRow(id="pkg/mod.py::long", qualname=longest, path="pkg/mod.py", line=400, kind="method")])
        screen._apply_split()
        await pilot.pause()
        assert left.size.width == 160 * LIST_MAX_SHARE // 100 > before, "as wide as allowed, no wider"
        lines = list_lines(app)
        with_location = [bool(LOCATION.search(line)) for line in lines]
        assert all(with_location), "the usual names fit beside file:line: every row shows it, the long one too"
        assert f" {longest[:20]}" in lines[40] and "…" in lines[40] and longest not in lines[40], "only the unusual name is cut"
        assert all(f" handler_number_{i:02} " in lines[i] for i in range(40))
        # most names long: file:line is left off every row, and the names get the room
        many = [UnitRow(id=f"t.py::n{i}", qualname=f"SomeTests.test_behaviour_number_{i:03}_is_kept", path="tests/test_x.py",
                        line=i * 9 + 1, kind="method") for i in range(40)]
        units.set_rows(many)
        screen._apply_split()
        await pilot.pause()
        lines = list_lines(app)
        assert not any(LOCATION.search(line) for line in lines), "on no row at all"
        assert all(f" {r.qualname}" in line for r, line in zip(many, lines)), "and no name is cut"
        assert left.size.width <= 160 * LIST_MAX_SHARE // 100


def test_row_widths_choose_one_location_for_every_row():
    rows = [UnitRow(id=f"a/b/c.py::f{i}", qualname="f" * (10 + i), path="a/b/c.py", line=100 + i, kind="function")
            for i in range(20)]
    w = RowWidths.of(rows)
    assert (w.name, w.file_loc, w.path_loc) == (29, len("c.py:119"), len("a/b/c.py:119"))
    assert w.location(w.path_row) == "path" and w.location(w.path_row - 1) == "file"
    assert w.location(w.file_row) == "file"
    assert w.location(w.usual_name + w.file_loc) == "", "a usual name would be cut: no location on any row"
    assert w.width(1000) == ROW_CHROME + w.file_row + 1
    assert w.width(30) == 30
    assert RowWidths.of([]) == RowWidths() and RowWidths().location(10) == "path"


async def test_the_list_keeps_its_minimum_and_the_portrait_layout_stays(project: Project):
    app = make_app(project, autotranslate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = review(app)
        left = screen.query_one("#left")
        assert LIST_MIN_WIDTH <= left.size.width <= 120 * LIST_MAX_SHARE // 100
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.has_class("-narrow") and left.size.width == 80, "stacked: the list takes the whole width"
        assert all(LOCATION.search(line) for line in list_lines(app))
        assert all("shop/" in line for line in list_lines(app)), "room for the whole path"
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert not screen.has_class("-narrow") and left.size.width < 160 * LIST_MAX_SHARE // 100


# ---- wrapping long lines -----------------------------------------------------------------------

LONG_GO = ("func SplitEvenly(totalCents int, parts int) []int {\n"
           "\tresult := make([]int, 0, parts) // one share per part, the remainder spread over the first ones, in order\n"
           "\treturn result\n}\n")


async def test_w_switches_long_lines_between_wrapping_and_scrolling_sideways(project: Project):
    project.session.edit(SPLIT, LONG_GO)
    app = make_app(project, autotranslate=False)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await settle(pilot)
        await go_to(pilot, SPLIT)
        go = panes(app)[1]
        width = go.scrollable_content_region.width
        assert go.soft_wrap and app.view.wrap, "wrapped at start: no Go is hidden past the edge"
        assert go.wrapped_document.height > go.document.line_count
        assert go.virtual_size.width <= width
        await pilot.press("w")
        assert not app.view.wrap and not go.soft_wrap and not panes(app)[0].soft_wrap
        await pilot.pause()
        assert go.wrapped_document.height == go.document.line_count
        assert go.virtual_size.width > width, "the long line scrolls sideways"
        assert any("scroll sideways" in n.message for n in app._notifications)
        # kept for the session: another unit shows the same way
        await go_to(pilot, SUBTOTAL)
        assert not go.soft_wrap
        await pilot.press("w")
        await go_to(pilot, SPLIT)
        await pilot.pause()
        assert go.soft_wrap and go.wrapped_document.height > go.document.line_count
        rows = dict((what, key) for key, what in review(app).help_rows())
        assert rows["long lines in the code panes: wrap (at start) or scroll sideways"] == "w"


async def test_scroll_sync_lines_up_rows_on_screen_when_lines_wrap(project: Project):
    python_src = "def long_one(a: int) -> int:\n" + "".join(
        f"    v_{i} = a + {i * 7}  # a comment long enough to wrap in a pane of this width, twice over\n" for i in range(40)
    ) + "    return a\n"
    go_src = "func LongOne(a int) int {\n" + "".join(f"\tv{i} := a + {i * 7}\n" for i in range(40)) + "\treturn a\n}\n"
    app = make_app(project, autotranslate=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        python, go, _ = panes(app)
        python.show("x", python_src, 1)
        go.show("x", go_src, 1)
        await pilot.pause()
        assert python.wrapped_document.height > 2 * python.document.line_count - 2, "the Python lines wrap"
        await focused(pilot, go)
        for _ in range(12):
            await pilot.press("down")
        assert go.cursor_location[0] == python.cursor_location[0] == 12
        assert python.cursor_screen_row() == go.cursor_screen_row(), "the same height on screen"
        assert python.scroll_offset.y > go.scroll_offset.y, "the Python scrolled further: its lines take two rows"


# ---- counts and badges -------------------------------------------------------------------------

_BADGE = re.compile(r"^.(\S) (\w+)")
_COUNT = re.compile(r"(\S) (\d+) (\w+)")


def _status_counts(app) -> dict[str, int]:
    text = review(app).status_bar.summary_text().plain
    return {word: int(n) for _glyph, n, word in _COUNT.findall(text.split("│")[0])}


def _list_counts(app) -> dict[str, int]:
    return dict(Counter(_BADGE.match(line).group(2) for line in list_lines(app)))


async def test_status_bar_counts_are_the_badges_the_list_shows_after_a_convert_of_the_shop(shop_repo: Path):
    project = Project(shop_repo)
    project.convert([u.id for u in project.units()], RulesTranslator(), jobs=1)
    states = Counter(r.state for r in project.session.units())
    app = make_app(project, autotranslate=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        shown = _list_counts(app)
        assert sum(shown.values()) == len(review(app).unit_list.rows), "every unit on screen"
        assert shown.get("partial", 0) > 0 and shown["partial"] + shown["converted"] == states["converted"]
        assert _status_counts(app) == shown
        units = review(app).unit_list
        converted = next(r.id for r in units.rows if r.badge == "converted")
        partial = next(r.id for r in units.rows if r.badge == "partial")
        await go_to(pilot, converted)
        await pilot.press("a")
        await go_to(pilot, partial)
        await pilot.press("x")
        await pilot.pause()
        assert project.session.get(converted).state == "accepted" and project.session.get(partial).state == "rejected"
        assert _status_counts(app) == _list_counts(app)
        assert _status_counts(app)["accepted"] == _status_counts(app)["rejected"] == 1
        assert _status_counts(app)["partial"] == shown["partial"] - 1
        assert f"◐ {_list_counts(app)['partial']} partial" in review(app).status_bar.summary_text().plain


def test_the_status_bar_has_a_place_for_every_badge():
    assert sorted(ORDER) == sorted(BADGES)


# ---- toasts ------------------------------------------------------------------------------------


def _widget_at(screen, x: int, y: int):
    """The widget drawn on top at a cell, None where nothing is (off the screen)."""
    try:
        return screen.get_widget_at(x, y)[0]
    except NoWidget:
        return None


@pytest.mark.parametrize("size", [(80, 24), (160, 48), (120, 30)])
async def test_toasts_never_cover_the_notes_or_the_status_bar(project: Project, size):
    app = make_app(project, autotranslate=False)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await go_to(pilot, SPLIT)
        screen = review(app)
        for i in range(6):  # more than fit: the rack scrolls instead of growing over the notes
            app.notify(f"check {i}: a result long enough to take more than one line in a toast of its width", timeout=30)
        await pilot.pause()
        await pilot.pause()
        toasts = list(screen.query(Toast))
        assert toasts and any(t.region.height for t in toasts)
        notes, status = screen.notes_panel.region, screen.status_bar.region
        covered = set()
        for region in (notes, status):
            for y in range(region.y, region.bottom):
                for x in range(region.x, region.right):
                    widget = _widget_at(screen, x, y)
                    if isinstance(widget, (Toast, ToastHolder, ToastRack)):
                        covered.add((x, y))
        assert not covered, f"a toast covers {len(covered)} cells of the notes or status bar"
        # the toasts are seen: over the code panes, below their titles, whole in width
        code = screen.python_pane.region.union(screen.go_pane.region)
        seen = [t for t in toasts if isinstance(_widget_at(screen, t.region.x + 2, t.region.y + 1), Toast)]
        assert seen, "no toast on screen"
        for t in seen:
            assert code.contains_region(t.region.intersection(screen.region)), (t.region, code)
            assert t.region.y > screen.python_pane.region.y and t.region.right <= size[0]
        assert "check 5:" in str(seen[0].render()), "the newest result is on top, in view; the oldest are clipped above the notes"


# ---- the notes title ---------------------------------------------------------------------------


async def until(pilot, cond, timeout: float = 30.0) -> None:
    """Pause until `cond()` holds or `timeout` passes (the assertion after it says what was wrong)."""
    for _ in range(int(timeout / 0.02)):
        await pilot.pause(0.02)
        if cond():
            return


async def test_the_notes_title_counts_what_scrolling_reaches_and_signs_a_risk_below_the_fold(project: Project):
    app = make_app(project, autotranslate=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await go_to(pilot, SPLIT)
        await pilot.pause()
        notes = panes(app)[2]
        # the notes and the title's sign land a frame or more later on a busy machine (the whole suite on two cores)
        await until(pilot, lambda: "▼ 1 risk below" in notes.border_title)
        note_ids = [o.id for o in notes.options if (o.id or "").startswith("note-")]
        assert notes.border_title.startswith(f"Notes · {len(note_ids)} notes, 1 risk")
        height = notes.scrollable_content_region.height
        last = notes._index_to_line[notes.option_count - 1]
        assert last < notes.max_scroll_y + height, "every counted note is reached by scrolling"
        assert notes.below_fold()[1] == 1
        assert "▼ 1 risk below" in notes.border_title
        # the scroll and the title's refresh land a frame or more later on a busy machine: wait for them;
        # a background refresh of the notes (the scan behind the screen) may put the list back at its top
        # before then, so `end` is pressed again, with the focus made sure of, until it holds
        for _ in range(10):
            await focused(pilot, notes)  # else "end" may reach the unit list, and the notes never scroll
            await pilot.press("end")
            await until(pilot, lambda: notes.below_fold() == (0, 0) and "▼" not in notes.border_title, timeout=3.0)
            if notes.below_fold() == (0, 0):
                break
        assert notes.below_fold() == (0, 0)
        assert notes.border_title == f"Notes · {len(note_ids)} notes, 1 risk", "nothing below: no sign"
        await pilot.press("home")
        await until(pilot, lambda: "▼ 1 risk below" in notes.border_title)
        assert "▼ 1 risk below" in notes.border_title
        await pilot.resize_terminal(160, 48)
        await until(pilot, lambda: notes.below_fold() == (0, 0) and "▼" not in notes.border_title)
        assert notes.below_fold() == (0, 0) and "▼" not in notes.border_title, "everything fits"
