"""The review screen, driven key by key with Textual's Pilot on a temporary copy of examples/shop."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from gotui.app import ReviewApp
from gotui.llm.base import CONVERTED, Translation
from gotui.parse.note import Note
from gotui.screens.help import HelpScreen
from gotui.screens.instruction import InstructionScreen
from gotui.screens.review import ReviewScreen
from gotui.screens.review.actions import BY_ID
from gotui.session.project import Project
from gotui.widgets.code_pane import CodePane
from gotui.widgets.notes_panel import NotesPanel

SUBTOTAL = "shop/cart.py::Cart.subtotal"
SPLIT = "shop/pricing.py::split_evenly"


# ---- helpers and fixtures ----------------------------------------------------------------------


class FixedTranslator:
    """Deterministic Go for every unit (the real rules translator changes under other hands)."""

    name = "fixed"
    model = "fixed-v1"

    def __init__(self) -> None:
        self.instructions: list[str | None] = []
        self.calls: list[str] = []

    def translate(self, request, on_token=None) -> Translation:
        self.calls.append(request.unit.id)
        self.instructions.append(request.instruction)
        name = request.unit.name.strip("_").title().replace("_", "") or "Unit"
        note = f"\t// {request.instruction}\n" if request.instruction else ""
        go = f"func {name}() {{\n{note}\t// translated from {request.unit.qualname}\n}}\n"
        return Translation(go=go, status=CONVERTED, backend=self.name, model=self.model)


class GatedTranslator(FixedTranslator):
    """Holds every translation until the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.started = threading.Event()

    def translate(self, request, on_token=None) -> Translation:
        self.started.set()
        assert self.gate.wait(10), "the test never opened the gate"
        return super().translate(request, on_token)


class BrokenTranslator(FixedTranslator):
    def translate(self, request, on_token=None) -> Translation:
        raise RuntimeError("the model is on fire")


FIXED_NOTES = {
    "shop/pricing.py": [
        Note("shop/pricing.py", 19, 19, "floor-division", "warning", "// floors.", "Use floorDiv."),
        Note("shop/pricing.py", 24, 24, "modulo-sign", "risk", "% keeps the sign of the divisor.", "Use pyMod."),
        Note("shop/pricing.py", 23, 23, "floor-division", "warning", "// floors.", "Use floorDiv."),
    ],
}


@pytest.fixture(autouse=True)
def _fixed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Same actor, no editor surprises, and hazard notes that do not change with the rule set."""
    monkeypatch.setenv("GOTUI_USER", "reviewer")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("gotui.session.project.module_notes", lambda module: list(FIXED_NOTES.get(module.path, [])))


@pytest.fixture
def project(shop_repo: Path) -> Project:
    return Project(shop_repo)


async def until_set(pilot, event: threading.Event, timeout: float = 5.0) -> bool:
    """Wait for a worker's event without blocking the loop (background work starts after the first frame)."""
    for _ in range(int(timeout / 0.02)):
        if event.is_set():
            return True
        await pilot.pause(0.02)
    return event.is_set()


def make_app(project: Project, translator=None, **kw) -> ReviewApp:
    return ReviewApp(project, mouse=False, translator=translator or FixedTranslator(), **kw)


async def settle(pilot) -> None:
    """Wait until every worker finished and every message it posted was handled."""
    app = pilot.app
    for _ in range(100):
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = review(app)
        if screen.settled and all(w.is_finished for w in app.workers):
            await pilot.pause()
            return
    raise AssertionError("workers never settled")


def review(app: ReviewApp) -> ReviewScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, ReviewScreen)
    return screen


def current(app: ReviewApp) -> str | None:
    return review(app).unit_list.current_id


async def go_to(pilot, unit_id: str) -> None:
    """Highlight `unit_id` and wait for the panes, which follow the list a frame later."""
    screen = review(pilot.app)
    assert screen.unit_list.select_id(unit_id)
    await pilot.pause()
    for _ in range(1000):  # at least 10 s: on a busy machine (the suite on two cores) a frame can take long
        if screen.python_pane.shown_key == unit_id or screen._editing:
            break
        await pilot.pause(0.01)
    await pilot.pause()


def notices(app: ReviewApp) -> list[str]:
    return [n.message for n in app._notifications]


async def focused(pilot, widget) -> None:
    """Focus `widget` and wait until it has the focus: Textual moves it a message later, and a key
    pressed before then goes to the widget that had it (on a busy machine, the unit list)."""
    widget.focus()
    for _ in range(1000):
        if widget.has_focus:
            return
        await pilot.pause(0.01)
    raise AssertionError(f"{widget!r} never got the focus")


def panes(app: ReviewApp) -> tuple[CodePane, CodePane, NotesPanel]:
    s = review(app)
    return s.python_pane, s.go_pane, s.notes_panel


def notes_text(app: ReviewApp) -> str:
    panel = panes(app)[2]
    return "\n".join(str(o.prompt) for o in panel.options)


# ---- the first screen --------------------------------------------------------------------------


async def test_first_screen_lists_units_and_shows_python_beside_go(project: Project):
    app = make_app(project)
    async with app.run_test(size=(100, 30)) as pilot:
        units = review(app).unit_list
        assert len(units.rows) == len(project.units())
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        python, go, _ = panes(app)
        unit = project.unit(SUBTOTAL)
        assert python.text == unit.source
        assert python.line_number_start == unit.line == 31
        assert python.language == "python" and go.language == "go"
        assert python.read_only and go.read_only
        assert "translated from Cart.subtotal" in go.text
        assert "shop/cart.py:31" in str(python.border_title)
        assert "fixed fixed-v1" in str(go.border_title)
        assert units.row(SUBTOTAL).state == "converted"


async def test_pending_units_are_translated_in_the_background_with_progress(project: Project):
    translator = GatedTranslator()
    app = make_app(project, translator)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await until_set(pilot, translator.started)
        await pilot.pause()
        screen = review(app)
        assert screen.translating
        assert "translating 0/" in screen.status_bar.info.progress
        assert any(r.busy for r in screen.unit_list.rows), "a unit in flight shows as working"
        # the screen answers keys while translations are out
        before = current(app)
        await pilot.press("j")
        assert current(app) != before
        translator.gate.set()
        await settle(pilot)
        assert not screen.translating and screen.status_bar.info.progress == ""
        assert {r.state for r in screen.unit_list.rows} == {"converted"}
        assert not any(r.busy for r in screen.unit_list.rows)


async def test_without_autotranslate_nothing_is_sent(project: Project):
    translator = FixedTranslator()
    app = make_app(project, translator, autotranslate=False)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert translator.calls == []
        assert "not translated yet" in str(panes(app)[1].placeholder)


# ---- moving ------------------------------------------------------------------------------------


async def test_j_k_and_arrows_move_between_units(project: Project):
    app = make_app(project, autotranslate=False)
    async with app.run_test() as pilot:
        ids = [u.id for u in project.units()]
        assert current(app) == ids[0]
        await pilot.press("j", "j")
        assert current(app) == ids[2]
        assert panes(app)[0].text == project.unit(ids[2]).source
        await pilot.press("k")
        assert current(app) == ids[1]
        await pilot.press("down", "down", "up")
        assert current(app) == ids[2]
        await pilot.press("G")
        assert current(app) == ids[-1]
        await pilot.press("j")  # stays on the last unit
        assert current(app) == ids[-1]
        await pilot.press("g")
        assert current(app) == ids[0]


async def test_n_and_N_jump_to_units_needing_attention(project: Project):
    app = make_app(project)
    async with app.run_test() as pilot:
        await settle(pilot)
        ids = [u.id for u in project.units()]
        for uid in ids[:3]:
            project.session.accept(uid)
        project.session.reject(ids[4])
        review(app).reload_from_session()
        await pilot.press("g", "n")
        assert current(app) == ids[3]
        await pilot.press("n")
        assert current(app) == ids[5]
        await pilot.press("N")
        assert current(app) == ids[3]
        for uid in ids:
            if uid not in ids[:3] and uid != ids[4]:
                project.session.accept(uid)
        review(app).reload_from_session()
        await pilot.press("n")
        assert current(app) == ids[3]


async def test_nothing_left_to_review_is_said(project: Project):
    app = make_app(project)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        for u in project.units():
            project.session.accept(u.id)
        review(app).reload_from_session()
        await pilot.press("n")
        assert current(app) == project.units()[0].id
        assert any("nothing left to review" in m for m in notices(app))


# ---- decisions ---------------------------------------------------------------------------------


async def test_accept_reject_and_undo(project: Project):
    app = make_app(project)
    async with app.run_test() as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        row = review(app).unit_list.row(SUBTOTAL)
        await pilot.press("a")
        assert project.session.get(SUBTOTAL).state == "accepted" and row.state == "accepted"
        assert "accepted" in str(panes(app)[1].border_title)
        assert review(app).status_bar.info.counts["accepted"] == 1
        await pilot.press("x")
        assert project.session.get(SUBTOTAL).state == "rejected" and row.state == "rejected"
        await pilot.press("u")
        assert project.session.get(SUBTOTAL).state == "accepted"
        await pilot.press("u")
        assert project.session.get(SUBTOTAL).state == "converted" and row.state == "converted"


async def test_accept_without_go_is_a_notification_not_a_crash(project: Project):
    app = make_app(project, autotranslate=False)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert project.session.get(current(app)).state == "pending"
        assert any("has no Go yet" in m for m in notices(app))
        await pilot.press("u")
        assert any("nothing to undo" in m for m in notices(app))


def _editor_script(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-editor.py"
    script.write_text("import sys\npath = sys.argv[1]\n" + body)
    return f"{sys.executable} {script}"


async def test_e_edits_the_go_in_the_editor(project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv("EDITOR", _editor_script(tmp_path, (
        f"open({str(seen)!r}, 'w').write(path + '\\n' + open(path).read())\n"
        "text = open(path).read().replace('// translated from', '// reviewed, from')\n"
        "open(path, 'w').write(text + 'func Extra() {}\\n')\n")))
    app = make_app(project)
    async with app.run_test() as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        before = project.session.get(SUBTOTAL).go
        await pilot.press("e")
        await pilot.pause()
        rec = project.session.get(SUBTOTAL)
        assert rec.state == "edited"
        assert rec.go == before.replace("// translated from", "// reviewed, from") + "func Extra() {}\n"
        assert panes(app)[1].text == rec.go
        edited_path, _, shown = seen.read_text().partition("\n")
        assert edited_path.endswith(".go") and shown == before
        assert not Path(edited_path).exists(), "the temporary file is removed"
        await pilot.press("u")
        assert project.session.get(SUBTOTAL).go == before


async def test_e_with_an_unchanged_file_or_a_failing_editor_changes_nothing(project: Project, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch):
    app = make_app(project)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        monkeypatch.setenv("EDITOR", _editor_script(tmp_path, "pass\n"))
        await pilot.press("e")
        assert project.session.get(SUBTOTAL).state == "converted"
        assert any("unchanged" in m for m in notices(app))
        monkeypatch.setenv("EDITOR", _editor_script(tmp_path, "open(path, 'w').write('x')\nsys.exit(3)\n"))
        await pilot.press("e")
        assert project.session.get(SUBTOTAL).state == "converted"
        assert any("exited with status 3" in m for m in notices(app))
        monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
        await pilot.press("e")
        assert any("cannot run the editor" in m for m in notices(app))


async def test_r_regenerates_in_the_background_and_the_go_pane_shows_the_result(project: Project):
    translator = GatedTranslator()
    translator.gate.set()
    app = make_app(project, translator)
    async with app.run_test() as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        project.session.accept(SUBTOTAL)
        review(app).reload_from_session()
        attempts = len(project.session.attempts(SUBTOTAL))
        translator.gate.clear()
        translator.started.clear()
        await pilot.press("r")
        assert translator.started.wait(5)
        await pilot.pause()
        screen = review(app)
        assert screen.unit_list.row(SUBTOTAL).badge == "working"
        assert "translating" in str(panes(app)[1].border_title) or screen.status_bar.info.progress.startswith("translating")
        await pilot.press("k", "j")  # still answering keys
        assert current(app) == SUBTOTAL
        translator.gate.set()
        await settle(pilot)
        assert len(project.session.attempts(SUBTOTAL)) == attempts + 1
        assert project.session.get(SUBTOTAL).state == "converted"
        assert screen.unit_list.row(SUBTOTAL).badge == "converted"
        assert "translated from Cart.subtotal" in panes(app)[1].text


async def test_R_regenerates_with_an_instruction(project: Project):
    translator = FixedTranslator()
    app = make_app(project, translator)
    async with app.run_test() as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        await pilot.press("R")
        assert isinstance(app.screen, InstructionScreen)
        await pilot.press(*"use int64", "enter")
        await settle(pilot)
        assert translator.instructions[-1] == "use int64"
        assert "// use int64" in panes(app)[1].text
        assert project.session.attempts(SUBTOTAL)[-1].instruction == "use int64"
        # Esc in the dialog regenerates nothing; the dialog offers the last instruction again
        calls = len(translator.calls)
        await pilot.press("R")
        assert app.screen.query_one("Input").value == "use int64"
        await pilot.press("ctrl+u")
        await pilot.press(*"never mind", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and len(translator.calls) == calls


async def test_escape_stops_the_background_translation(project: Project):
    translator = GatedTranslator()
    app = make_app(project, translator, jobs=1)
    async with app.run_test(notifications=True) as pilot:
        assert await until_set(pilot, translator.started)
        await pilot.pause()
        await pilot.press("escape")
        assert "stopping" in review(app).status_bar.info.progress
        translator.gate.set()
        await settle(pilot)
        states = [project.session.get(u.id).state for u in project.units()]
        assert states.count("pending") >= len(states) - 4, "most units were never sent"
        assert any("translation stopped" in m for m in notices(app))
        assert not any(r.busy for r in review(app).unit_list.rows)


async def test_a_failing_translator_shows_the_error_and_never_crashes(project: Project):
    app = make_app(project, BrokenTranslator())
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        rec = project.session.get(SUBTOTAL)
        assert rec.state == "pending" and "the model is on fire" in rec.error
        assert review(app).unit_list.row(SUBTOTAL).badge == "failed"
        assert "the model is on fire" in str(panes(app)[1].placeholder)
        assert "the model is on fire" in notes_text(app)
        total = len(project.units())
        assert any(f"{total} of {total} translations failed" in m for m in notices(app))
        await pilot.press("r")
        await settle(pilot)
        assert any("the model is on fire" in m for m in notices(app))


async def test_a_translator_that_cannot_be_made_is_reported(project: Project, monkeypatch: pytest.MonkeyPatch):
    from gotui.config import ConfigError

    def no_translator(backend=None, **kw):
        raise ConfigError("openai: OPENAI_API_KEY is not set")

    monkeypatch.setattr(project, "translator", no_translator)
    app = ReviewApp(project, mouse=False)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        assert any("OPENAI_API_KEY is not set" in m for m in notices(app))
        await pilot.press("r")
        assert "no translator" in str(panes(app)[1].placeholder)
        assert review(app).status_bar.info.backend == "no translator"


# ---- notes, stale units ------------------------------------------------------------------------


async def test_notes_are_sorted_by_line_and_choosing_one_moves_the_python_cursor(project: Project):
    app = make_app(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await go_to(pilot, SPLIT)
        python, _, notes = panes(app)
        lines = [n.line for n in notes._notes.values()]
        assert lines == [23, 24]  # only the notes inside split_evenly (22-25), by line
        assert "1 risk" in str(notes.border_title)
        assert review(app).unit_list.row(SPLIT).risk == 1
        await focused(pilot, notes)
        await pilot.press("down")
        await pilot.press("down")
        assert python.cursor_location[0] + python.line_number_start == notes._notes[notes.highlighted_option.id].line
        await pilot.press("enter")
        assert python.cursor_location == (24 - 22, 0)


async def test_a_stale_unit_shows_the_python_diff(shop_repo: Path):
    first = Project(shop_repo)
    first.convert([SPLIT], FixedTranslator())
    first.session.accept(SPLIT)
    pricing = shop_repo / "shop" / "pricing.py"
    pricing.write_text(pricing.read_text().replace("rest = total_cents % parts", "rest = total_cents - base * parts"))
    project = Project(shop_repo)
    assert project.session.get(SPLIT).state == "stale"
    app = make_app(project, autotranslate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, SPLIT)
        assert review(app).unit_list.row(SPLIT).badge == "stale"
        text = notes_text(app)
        assert "changed since this unit was accepted" in text
        assert "-    rest = total_cents % parts" in text and "+    rest = total_cents - base * parts" in text
        assert "@@ -2" in text
        await pilot.press("a")
        assert project.session.get(SPLIT).state == "accepted"
        assert "changed since" not in notes_text(app)


# ---- filter, zoom, help, keymap, quit ------------------------------------------------------------


async def test_slash_filters_by_name_path_state_and_rule(project: Project):
    app = make_app(project)
    async with app.run_test() as pilot:
        await settle(pilot)
        units = review(app).unit_list
        await pilot.press("slash", *"cart")
        assert {r.path for r in units.visible_rows()} == {"shop/cart.py"}
        await pilot.press("enter")
        assert units.has_focus
        await pilot.press("j")
        assert current(app).startswith("shop/cart.py::")
        await pilot.press("slash", "ctrl+u", *"rule:modulo")
        assert [r.id for r in units.visible_rows()] == [SPLIT]
        await pilot.press("ctrl+u", *"state:accepted")
        assert units.visible_count == 0 and current(app) is None
        assert "no unit matches" in str(panes(app)[0].placeholder)
        assert "no unit matches the filter" in units.render_line(0).text
        await pilot.press("escape")
        assert units.visible_count == len(project.units()) and units.has_focus
        await go_to(pilot, SUBTOTAL)
        await pilot.press("a", "slash", *"accepted", "enter")
        assert [r.id for r in units.visible_rows()] == [SUBTOTAL]
        assert "1 of" in str(units.border_title)
        await pilot.press("escape")  # Esc on the list clears the filter too
        assert units.visible_count == len(project.units())
        assert current(app) == SUBTOTAL


async def test_z_zooms_the_focused_pane(project: Project):
    app = make_app(project)
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = review(app)
        await pilot.press("z")
        assert screen.maximized is screen.unit_list
        await pilot.press("z")
        assert screen.maximized is None
        await pilot.press("tab", "tab", "z")
        assert screen.maximized is screen.go_pane
        assert screen.status_bar.region.height == 2, "the status bar stays in a zoomed view"
        await pilot.press("escape")
        assert screen.maximized is None


async def test_question_mark_lists_every_binding(project: Project):
    app = make_app(project, keymap={"accept": "y"})
    async with app.run_test() as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(f"{k} {what}" for k, what in app.screen.keys)
        for b in ReviewScreen.BINDINGS:
            assert BY_ID[b.id].help in text, b.id
        assert "y accept the Go" in text and "a accept" not in text
        assert "? this help" in text and "/ filter" in text and "esc stop translating" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_a_keymap_from_the_config_rebinds_keys(shop_repo: Path):
    (shop_repo / ".gotui.toml").write_text('[keys]\naccept = "y"\nreject = "ctrl+r"\n')
    project = Project(shop_repo)
    app = make_app(project)
    async with app.run_test() as pilot:
        await settle(pilot)
        uid = current(app)
        await pilot.press("a")
        assert project.session.get(uid).state == "converted"
        await pilot.press("y")
        assert project.session.get(uid).state == "accepted"
        await pilot.press("ctrl+r")
        assert project.session.get(uid).state == "rejected"
        assert ("y", "accept") in review(app).status_bar.info.hints


async def test_a_broken_config_is_reported_and_the_review_goes_on(shop_repo: Path):
    Project(shop_repo).convert([u.id for u in Project(shop_repo).units()], FixedTranslator())
    (shop_repo / ".gotui.toml").write_text("jobs = 'many'\n")
    project = Project(shop_repo)
    app = ReviewApp(project, mouse=False)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        assert any(m.startswith("config:") and "jobs" in m for m in notices(app)), notices(app)
        assert review(app).status_bar.info.backend == "no translator"
        await pilot.press("a")
        assert project.session.get(current(app)).state == "accepted"


async def test_q_quits(project: Project):
    app = make_app(project)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


# ---- layout ------------------------------------------------------------------------------------


@pytest.mark.parametrize("size, narrow", [((80, 24), True), ((119, 40), True), ((160, 48), False)])
async def test_layout_stacks_under_120_columns_and_everything_is_visible(project: Project, size, narrow):
    app = make_app(project)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = review(app)
        assert screen.has_class("-narrow") == narrow
        python, go, notes = panes(app)
        for widget in (screen.unit_list, python, go, notes, screen.status_bar):
            assert widget.region.width > 0 and widget.region.height >= 2, widget
            assert widget.region.right <= size[0] and widget.region.bottom <= size[1]
        if narrow:
            assert python.region.y < go.region.y and python.region.x == go.region.x
        else:
            assert python.region.y == go.region.y and python.region.x < go.region.x
        await pilot.resize_terminal(*((160, 48) if narrow else (80, 24)))
        await pilot.pause()
        assert screen.has_class("-narrow") != narrow


async def test_no_color_still_shows_the_cursor_and_states(project: Project, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(project)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        first = review(app).unit_list.render_line(0).text
        assert first.startswith("›● converted")


async def test_a_large_list_renders_only_what_is_on_screen(project: Project):
    from gotui.widgets.unit_list import UnitRow

    app = make_app(project, autotranslate=False)
    async with app.run_test() as pilot:
        units = review(app).unit_list
        rows = [UnitRow(id=f"big.py::f{i}", qualname=f"f{i}", path="big.py", line=i * 3 + 1, kind="function")
                for i in range(10_000)]
        units.set_rows(rows)
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("G")
        assert units.current_id == "big.py::f9999"
        assert units.scroll_offset.y > 9000
        assert time.perf_counter() - start < 5
        assert len(list(units.walk_children())) == 0


class StreamingTranslator(FixedTranslator):
    """Streams its answer in two halves, waiting for the test in between."""

    def __init__(self) -> None:
        super().__init__()
        self.half = threading.Event()
        self.gate = threading.Event()

    def translate(self, request, on_token=None) -> Translation:
        result = super().translate(request, on_token)
        if on_token is not None:
            on_token(result.go[:12])
            self.half.set()
            assert self.gate.wait(10)
            on_token(result.go[12:])
        return result


async def test_the_go_pane_shows_the_answer_as_it_streams_in(project: Project):
    translator = StreamingTranslator()
    app = make_app(project, translator, autotranslate=False)
    async with app.run_test() as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        await pilot.press("r")
        assert translator.half.wait(5)
        await pilot.pause(0.3)
        go = panes(app)[1]
        assert go.text == "func Subtotal"[:12] and "receiving" in str(go.border_title)
        translator.gate.set()
        await settle(pilot)
        assert go.text == project.session.get(SUBTOTAL).go and "receiving" not in str(go.border_title)


class CostlyTranslator(FixedTranslator):
    def translate(self, request, on_token=None) -> Translation:
        t = super().translate(request, on_token)
        t.cost = 1.0
        return t


async def test_the_budget_holds_across_batches(shop_repo: Path):
    (shop_repo / ".gotui.toml").write_text("budget = 2.0\njobs = 1\n")
    project = Project(shop_repo)
    app = make_app(project, CostlyTranslator())
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        records = [project.session.get(u.id) for u in project.units()]
        assert sum(1 for r in records if r.go.strip()) == 2
        assert sum(1 for r in records if r.state == "pending") == len(records) - 2
        assert any("budget reached" in m for m in notices(app))
        assert not any(r.badge == "failed" for r in review(app).unit_list.rows), "over budget is not a failure"


async def test_a_keymap_clash_and_an_unknown_action_are_reported_once(project: Project):
    app = make_app(project, keymap={"accept": "x", "acept": "y"})
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        uid = current(app)
        await pilot.press("x", "j", "k")
        assert project.session.get(uid).state == "accepted", "the keymap wins"
        assert sum("unknown action acept" in m for m in notices(app)) == 1
        assert sum("your keymap takes x from reject" in m for m in notices(app)) == 1, notices(app)


async def test_an_accepted_unit_whose_check_diverged_needs_attention(project: Project):
    app = make_app(project)
    async with app.run_test() as pilot:
        await settle(pilot)
        for u in project.units():
            project.session.accept(u.id)
        project.session.set_check(SUBTOTAL, "diverged", "f(3) returned 2 in Go, 3 in Python")
        review(app).reload_from_session()
        await pilot.press("g", "n")
        assert current(app) == SUBTOTAL
        assert "check diverged: f(3) returned 2 in Go" in notes_text(app)
        assert "check diverged" in str(panes(app)[1].border_title)


async def test_a_folder_without_units_is_an_empty_list_not_an_error(tmp_path: Path):
    (tmp_path / "constants.py").write_text("LIMIT = 10\n")
    project = Project(tmp_path)
    app = make_app(project)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        units = review(app).unit_list
        assert units.visible_count == 0
        assert "no Python functions" in units.render_line(0).text
        await pilot.press("j", "a", "x", "e", "r", "u", "n", "z", "z", "slash", "x", "enter", "c")
        await settle(pilot)
        assert app.is_running
        assert any("nothing to commit" in m or "not in a git repository" in m for m in notices(app))


async def test_quitting_stops_the_background_translation(project: Project):
    translator = GatedTranslator()
    app = make_app(project, translator, jobs=1)
    async with app.run_test() as pilot:
        assert await until_set(pilot, translator.started)
        await pilot.pause()
        screen = review(app)
        jobs = list(screen._jobs.values())
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert jobs and all(job.cancel.is_set() for job in jobs) and app.quitting.is_set()
    translator.gate.set()
    time.sleep(0.5)  # room for a misbehaving worker to start another batch
    translated = [u.id for u in project.units() if project.session.get(u.id).go.strip()]
    assert len(translated) <= 4, "no new batch started after quitting"


async def test_typing_a_function_name_selects_it_over_a_method_of_that_name(tmp_path: Path):
    # the method comes first in the list and matches every prefix typed before the last key
    (tmp_path / "a_runner.py").write_text("class Runner:\n    def tear_down(self) -> None:\n        pass\n")
    (tmp_path / "b_utils.py").write_text("def tear_down() -> None:\n    pass\n")
    app = make_app(Project(tmp_path))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("slash", *"tear_down")
        await pilot.pause()
        assert current(app) == "b_utils.py::tear_down"
        await pilot.press("ctrl+u", *"Runner.tear_down")
        await pilot.pause()
        assert current(app) == "a_runner.py::Runner.tear_down"
