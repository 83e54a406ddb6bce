"""The view: `<` / `>` move the dividers, `s` toggles line-mapped scroll sync, ctrl+p names every action,
and a filter that names a unit selects it."""

from __future__ import annotations

import asyncio
import time

from textual.command import CommandList

from gotui.screens.review import ReviewScreen
from gotui.screens.review.actions import BY_ID
from gotui.session.project import Project
from gotui.widgets.line_map import build_line_map
from test_app_review import (  # noqa: F401  (fixtures)
    SPLIT, SUBTOTAL, _fixed_environment, current, go_to, make_app, notices, panes, project, review, settle,
)

RESTOCK = "shop/inventory.py::restock_plan"


async def _until(pilot, condition, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout:.0f} s for {what}"
        await asyncio.sleep(0.02)
        await pilot.pause()
RESTOCK_GO = """func RestockPlan(levels map[string]int, target int) map[string]int {
\tplan := map[string]int{}
\tfor sku, n := range levels {
\t\tif n < target {
\t\t\tplan[sku] = target - n
\t\t}
\t}
\treturn plan
}
"""


# ---- dividers ----------------------------------------------------------------------------------


async def test_angle_brackets_move_the_list_divider_and_the_python_go_split(project: Project):
    app = make_app(project)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = review(app)
        left = screen.query_one("#left")
        python, go, _ = panes(app)
        width = left.outer_size.width
        assert python.size.width == go.size.width or abs(python.size.width - go.size.width) <= 1
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.view.list_share is not None and left.outer_size.width > width
        wider = left.outer_size.width
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        assert left.outer_size.width < width < wider
        # with a code pane focused, the divider between Python and Go moves
        python.focus()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.view.python_share == 60 and python.size.width > go.size.width
        for _ in range(10):
            await pilot.press("less_than_sign")
        await pilot.pause()
        assert app.view.python_share == 20 and python.size.width < go.size.width / 3
        # kept by the app: stacked under 120 columns, the same shares apply to heights
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        assert screen.has_class("-narrow")
        assert python.size.height < go.size.height and python.size.width == go.size.width
        share = app.view.list_share
        screen.unit_list.focus()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.view.list_share == share + 4
        assert abs(left.outer_size.height - round(app.view.list_share * screen.size.height / 100)) <= 1


# ---- scroll sync -------------------------------------------------------------------------------


async def test_the_python_pane_follows_the_go_cursor_line_by_line(project: Project):
    project.session.edit(RESTOCK, RESTOCK_GO)
    app = make_app(project, autotranslate=False)
    app.view.wrap = False  # long lines scroll sideways: one screen row per line, the arrows count lines
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await settle(pilot)
        await go_to(pilot, RESTOCK)
        python, go, _ = panes(app)
        go.focus()
        await pilot.press("down", "down", "down", "down")
        assert go.cursor_location[0] == 4 and "plan[sku] = target - n" in go.document[4]
        assert "plan[sku] = target - n" in python.document[python.cursor_location[0]]
        await pilot.press("down", "down", "down")  # `return plan`
        assert python.document[python.cursor_location[0]].strip() == "return plan"
        # and back: the Go follows the Python cursor
        python.focus()
        await pilot.press("up", "up", "up")
        assert python.document[python.cursor_location[0]].strip().startswith("for sku, n in")
        assert go.document[go.cursor_location[0]].strip().startswith("for sku, n := range")
        # s turns it off
        await pilot.press("s")
        assert not app.view.sync and any("scroll sync off" in m for m in notices(app))
        go.focus()
        before = python.cursor_location
        await pilot.press("down")
        assert python.cursor_location == before
        await pilot.press("s")
        assert app.view.sync
        assert python.document[python.cursor_location[0]].strip().startswith("if n < target")


async def test_sync_keeps_both_cursors_at_the_same_height_in_a_long_unit(project: Project):
    python_src = "def long_one(a: int) -> int:\n" + "".join(f"    v_{i} = a + {i * 7}\n" for i in range(60)) + "    return a\n"
    go_src = "func LongOne(a int) int {\n" + "".join(f"\tv{i} := a + {i * 7}\n" for i in range(60)) + "\treturn a\n}\n"
    line_map = build_line_map(python_src, go_src)
    assert all(line_map.go_to_python(i) == i for i in range(62))
    app = make_app(project, autotranslate=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        python, go, _ = panes(app)
        python.show("x", python_src, 1)
        go.show("x", go_src, 1)
        go.focus()
        for _ in range(40):
            await pilot.press("down")
        assert go.cursor_location[0] == python.cursor_location[0] == 40
        assert go.scroll_offset.y == python.scroll_offset.y > 0


# ---- the command palette -----------------------------------------------------------------------


async def test_the_command_palette_lists_every_action_and_runs_it(project: Project):
    app = make_app(project)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        screen = review(app)
        titles = {c.title: c for c in app.get_system_commands(screen)}
        for b in ReviewScreen.BINDINGS:
            if b.id == "save_edit":
                assert BY_ID[b.id].title not in titles, "only while editing"
                continue
            assert BY_ID[b.id].title in titles, b.id
            assert BY_ID[b.id].help in titles[BY_ID[b.id].title].help
        assert "key a" in titles["Accept the Go"].help
        assert "Theme" in titles and list(titles).count("Quit") == 0
        await go_to(pilot, SUBTOTAL)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen is not screen, "the palette is open"
        await pilot.press(*"Accept the Go")
        results = app.screen.query_one(CommandList)

        def first_hit() -> str:
            return str(results.get_option_at_index(0).prompt) if results.option_count else ""

        await _until(pilot, lambda: first_hit().startswith("Accept the Go"), "the palette's search")
        if results.highlighted is None:
            await pilot.press("down")
        assert str(results.get_option_at_index(results.highlighted).prompt).startswith("Accept the Go")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert project.session.get(SUBTOTAL).state == "accepted"
        # while editing, the palette offers what the edit allows
        await pilot.press("i")
        titles = {c.title for c in app.get_system_commands(screen)}
        assert "Save the edited Go" in titles and "Accept the Go" not in titles
        await pilot.press("escape")


# ---- a filter that names a unit --------------------------------------------------------------


async def test_a_filter_naming_a_unit_selects_it(project: Project):
    app = make_app(project)
    async with app.run_test() as pilot:
        await settle(pilot)
        units = review(app).unit_list
        await pilot.press("slash", *"split_evenly")
        assert current(app) == SPLIT
        await pilot.press("ctrl+u", *"Cart.subtotal")
        assert current(app) == SUBTOTAL
        # a word that names a class selects the class even on a row further down
        await pilot.press("escape")
        await go_to(pilot, "shop/cart.py::merge_carts")
        await pilot.press("slash", *"cart")
        assert current(app) == "shop/cart.py::Cart"
        await pilot.press("escape", "G", "slash", *"pricing")
        assert current(app) == "shop/pricing.py::bulk_discount", "no unit is named pricing: the cursor stays"
        assert units.visible_count > 1


async def test_a_keymap_can_move_the_new_actions_and_says_what_lost_its_key(project: Project):
    app = make_app(project, keymap={"toggle_sync": "[", "check": "ctrl+p"})
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        assert not app.view.sync, "[ now toggles sync"
        assert any("your keymap takes [ from previous_attempt" in m for m in notices(app)), notices(app)
        assert any("ctrl+p opens the command palette; check cannot have it" in m for m in notices(app))
        rows = dict((what, key) for key, what in review(app).help_rows())
        assert rows[BY_ID["previous_attempt"].help] == "(none)"
        assert rows[BY_ID["toggle_sync"].help] == "["


def _burst(app, text: str) -> None:
    """Keys arriving in one read (a slow SSH link, a paste): none waits for the one before."""
    from textual import events

    names = {"/": "slash", "\r": "enter", "_": "underscore", ".": "full_stop"}
    for ch in text:
        app._driver.send_message(events.Key(names.get(ch, ch), None if ch == "\r" else ch))


async def test_keys_after_slash_or_i_in_one_burst_are_text_not_commands(project: Project):
    app = make_app(project)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        screen = review(app)
        first = current(app)
        _burst(app, "/cart")  # c would commit, a accept, t check
        await _until(pilot, lambda: screen.query_one("#filter").value == "cart", "the filter to hold cart")
        assert app.screen is screen and project.session.get(first).state == "converted"
        assert not any("commit" in m for m in notices(app))
        await pilot.press(*"/i")  # in the filter, / and i are text too
        assert screen.query_one("#filter").value == "cart/i" and screen.editing is None
        await pilot.press("escape")
        await go_to(pilot, SUBTOTAL)
        _burst(app, "iax/")
        await _until(pilot, lambda: panes(app)[1].text.startswith("ax/"), "the typed text in the Go")
        assert screen.editing == SUBTOTAL and project.session.get(SUBTOTAL).state == "converted"
        await pilot.press("escape")
        assert screen.editing is None and not panes(app)[1].text.startswith("ax/")


def test_bindings_help_and_palette_come_from_the_action_table():
    """One declaration per action (gotui/screens/review/actions.py): nothing else lists keys."""
    from gotui.screens.review.actions import ACTIONS, bindings, unknown_ids

    assert [b.id for b in ReviewScreen.BINDINGS] == [a.id for a in ACTIONS]
    assert [(b.key, b.action, b.description, b.show) for b in bindings()] == [(a.key, a.method, a.hint, a.show) for a in ACTIONS]
    for a in ACTIONS:  # every action's code is one hop away: action_<method> on the screen
        assert callable(getattr(ReviewScreen, f"action_{a.method}", None)), a.id
    assert not isinstance(getattr(ReviewScreen, "HELP", None), dict) and not hasattr(ReviewScreen, "TITLES")  # no parallel tables
    assert unknown_ids({"accept": "A", "acept": "B"}) == ["acept"]
