"""`i` edits the Go in place (^s saves as edited, Esc restores), and `y` copies the Go to the clipboard."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from textual.widgets.text_area import Selection

from gotui.session.project import Project
from test_app_review import (  # noqa: F401  (fixtures)
    SUBTOTAL, _fixed_environment, current, go_to, make_app, notices, panes, project, review, settle,
)


async def _until(pilot, condition, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout:.0f} s for {what}"
        await asyncio.sleep(0.02)
        await pilot.pause()


async def test_i_edits_the_go_in_place_and_ctrl_s_saves_it_as_edited(project: Project):
    app = make_app(project)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        screen = review(app)
        go = panes(app)[1]
        before = project.session.get(SUBTOTAL).go
        assert go.read_only and not go.has_class("-editing")
        await pilot.press("i")
        assert screen.editing == SUBTOTAL
        assert not go.read_only and go.has_class("-editing") and go.has_focus
        assert "EDITING Cart.subtotal" in str(go.border_title) and "^s saves" in str(go.border_title)
        assert screen.unit_list.disabled
        assert ("^s", "save your Go") in screen.status_bar.info.hints
        # letters are text now, not commands: a, x, j, q go into the Go
        await pilot.press("end", *"ajxq", "enter", *"return 0")
        assert project.session.get(SUBTOTAL).state == "converted" and current(app) == SUBTOTAL and app.is_running
        expected = go.text
        assert "ajxq\nreturn 0" in expected.replace("\t", "")
        await pilot.press("ctrl+s")
        rec = project.session.get(SUBTOTAL)
        assert rec.state == "edited" and rec.go == expected != before
        assert go.read_only and not go.has_class("-editing") and screen.editing is None
        assert not screen.unit_list.disabled and screen.unit_list.has_focus
        assert go.text == expected and "edited" in str(go.border_title)
        assert any("saved your Go for Cart.subtotal (edited)" in m for m in notices(app))
        await pilot.press("u")
        assert project.session.get(SUBTOTAL).go == before and go.text == before


async def test_escape_cancels_the_edit_and_restores_the_go(project: Project):
    app = make_app(project)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        go = panes(app)[1]
        before = go.text
        await pilot.press("i", "f7", "delete", *"gone")  # f7 selects all in the pane
        assert go.text == "gone"
        await pilot.press("escape")
        assert go.text == before and go.read_only and review(app).editing is None
        assert project.session.get(SUBTOTAL).state == "converted"
        assert any("edit cancelled" in m for m in notices(app))
        # nothing changed, or everything deleted: nothing is saved
        await pilot.press("i", "ctrl+s")
        assert any(m == "Go unchanged" for m in notices(app)) and review(app).editing is None
        await pilot.press("i", "f7", "delete", "ctrl+s")
        assert any("empty Go is not saved" in m for m in notices(app))
        assert review(app).editing == SUBTOTAL, "still editing after a refused save"
        await pilot.press("escape")
        assert go.text == before and project.session.get(SUBTOTAL).state == "converted"


async def test_while_editing_other_panes_cannot_decide_and_a_partner_cannot_clobber(shop_repo: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch):
    project = Project(shop_repo)
    app = make_app(project)  # polls the session every 0.5 s
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        await pilot.press("i", "end", *" // mine")
        mine = panes(app)[1].text
        await pilot.press("shift+tab")  # to the Python pane: screen keys, but deciding waits for the edit
        assert panes(app)[0].has_focus
        await pilot.press("a", "x", "j", "r")
        assert project.session.get(SUBTOTAL).state == "converted" and current(app) == SUBTOTAL
        monkeypatch.setenv("GOTUI_USER", "partner")
        partner = Project(shop_repo)
        partner.session.accept(SUBTOTAL)
        await _until(pilot, lambda: review(app).unit_list.row(SUBTOTAL).state == "accepted", "the partner's decision")
        assert panes(app)[1].text == mine, "the reviewer's text stays"
        await pilot.press("ctrl+s")
        rec = project.session.get(SUBTOTAL)
        assert rec.state == "edited" and rec.go == mine


async def test_i_on_a_unit_without_go_starts_from_a_template(project: Project):
    app = make_app(project, autotranslate=False)
    async with app.run_test() as pilot:
        await settle(pilot)
        uid = current(app)
        await pilot.press("i")
        go = panes(app)[1]
        assert go.text.startswith("// Cart: write the Go for this unit here")
        await pilot.press("f7", *"type Cart struct{}", "ctrl+s")
        rec = project.session.get(uid)
        assert rec.state == "edited" and rec.go == "type Cart struct{}"


async def test_y_copies_the_go_or_the_selection_with_osc52(project: Project):
    import base64

    app = make_app(project)
    async with app.run_test(notifications=True) as pilot:
        written: list[str] = []
        write = app._driver.write
        app._driver.write = lambda data: (written.append(data), write(data))[1]  # what reaches the terminal
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        go_text = project.session.get(SUBTOTAL).go
        await pilot.press("y")
        assert app.clipboard == go_text
        osc52 = "\x1b]52;c;" + base64.b64encode(go_text.encode("utf-8")).decode("ascii") + "\a"
        assert osc52 in written, "the terminal (and over SSH, the local one) gets the OSC 52 sequence"
        lines = len(go_text.splitlines())
        assert any(m == f"copied the Go ({lines} lines) to the clipboard" for m in notices(app))
        go = panes(app)[1]
        go.focus()
        go.selection = Selection((0, 0), (0, 4))
        await pilot.press("y")
        assert app.clipboard == go_text[:4] == "func"
        assert any(m == "copied the selected Go (1 line) to the clipboard" for m in notices(app))
        await pilot.press("tab", "tab", "tab", "k")  # back on the list, a pending unit has nothing to copy
        await go_to(pilot, project.units()[0].id)
        project.session.undo(project.units()[0].id)
        review(app).reload_from_session()
        await pilot.press("y")
        assert any("has no Go to copy yet" in m for m in notices(app))
        assert app.clipboard == "func"
