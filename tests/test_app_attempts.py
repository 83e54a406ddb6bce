"""Every regeneration is kept: `[` / `]` switch the Go to another attempt (stored at once, undoable), `D` diffs."""

from __future__ import annotations

from gotui.screens.diff import DiffScreen, diff_text, unified_go_diff
from gotui.screens.review import ReviewScreen
from gotui.session.project import Project
from test_app_review import (  # noqa: F401  (fixtures)
    SUBTOTAL, BrokenTranslator, FixedTranslator, _fixed_environment, go_to, make_app, notices, panes, project, review, settle,
)


def _three_versions(project: Project) -> list:
    """SUBTOTAL with two attempts that have Go (the second with an instruction) and a failed one between."""
    project.convert([SUBTOTAL], FixedTranslator())
    project.convert([SUBTOTAL], BrokenTranslator())  # an attempt without Go: never offered
    project.convert([SUBTOTAL], FixedTranslator(), instruction="use int64")
    attempts = [a for a in project.session.attempts(SUBTOTAL) if a.go.strip()]
    assert len(attempts) == 2 and len(project.session.attempts(SUBTOTAL)) == 3
    return attempts


async def test_brackets_switch_attempts_and_the_title_says_which(project: Project):
    first, second = _three_versions(project)
    app = make_app(project, autotranslate=False)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        go = panes(app)[1]
        assert "attempt 2/2 “use int64”" in str(go.border_title)
        assert go.text == second.go
        await pilot.press("left_square_bracket")
        rec = project.session.get(SUBTOTAL)
        assert rec.attempt_id == first.id and rec.go == first.go, "stored at once"
        assert go.text == first.go
        assert "attempt 1/2" in str(go.border_title) and "use int64" not in str(go.border_title)
        await pilot.press("left_square_bracket")
        assert any("this is the first attempt (2 in all)" in m for m in notices(app))
        assert project.session.get(SUBTOTAL).attempt_id == first.id
        await pilot.press("right_square_bracket")
        assert project.session.get(SUBTOTAL).attempt_id == second.id and go.text == second.go
        await pilot.press("right_square_bracket")
        assert any("this is the newest attempt" in m for m in notices(app))
        # each switch is one undo step
        await pilot.press("u")
        assert project.session.get(SUBTOTAL).attempt_id == first.id and go.text == first.go
        await pilot.press("u")
        assert project.session.get(SUBTOTAL).attempt_id == second.id


async def test_switching_away_from_an_accepted_attempt_says_so_and_u_brings_it_back(project: Project):
    first, second = _three_versions(project)
    project.session.accept(SUBTOTAL)
    app = make_app(project, autotranslate=False)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        await pilot.press("left_square_bracket")
        assert project.session.get(SUBTOTAL).state == "converted"
        assert review(app).unit_list.row(SUBTOTAL).state == "converted"
        assert any("attempt 1/2; it was accepted, u undoes" in m for m in notices(app))
        await pilot.press("u")
        rec = project.session.get(SUBTOTAL)
        assert rec.state == "accepted" and rec.attempt_id == second.id


async def test_a_regeneration_becomes_the_newest_attempt(project: Project):
    _three_versions(project)
    app = make_app(project, autotranslate=False)
    async with app.run_test() as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        await pilot.press("r")
        await settle(pilot)
        assert "attempt 3/3" in str(panes(app)[1].border_title)
        await pilot.press("left_square_bracket")
        assert "attempt 2/3 “use int64”" in str(panes(app)[1].border_title)


async def test_D_diffs_this_attempt_against_the_previous_one(project: Project):
    first, second = _three_versions(project)
    app = make_app(project, autotranslate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        await pilot.press("D")
        dialog = app.screen
        assert isinstance(dialog, DiffScreen)
        assert dialog.title_text == "Cart.subtotal: attempt 1/2 → attempt 2/2 (now)"
        assert dialog.diff == unified_go_diff(first.go, second.go, "attempt 1/2", "attempt 2/2 (now)")
        assert "+\t// use int64" in dialog.diff.splitlines()
        shown = dialog.query_one("#diff").render()
        assert "+\t// use int64" in str(shown)
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        # on the first attempt, D compares it with the next one
        await pilot.press("left_square_bracket", "D")
        assert isinstance(app.screen, DiffScreen) and app.screen.title_text.endswith("attempt 1/2 (now) → attempt 2/2")
        await pilot.press("escape")
        # after an edit, D shows what the reviewer changed in the attempt
        project.session.edit(SUBTOTAL, first.go + "// reviewed\n")
        review(app).reload_from_session()
        await pilot.press("D")
        assert isinstance(app.screen, DiffScreen)
        assert app.screen.title_text.endswith("attempt 1/2 → edited (now)")
        assert "+// reviewed" in app.screen.diff.splitlines()
        await pilot.press("q")
        assert isinstance(app.screen, ReviewScreen)


async def test_D_with_one_version_or_none_is_a_notification(project: Project):
    project.convert([SUBTOTAL], FixedTranslator())
    app = make_app(project, autotranslate=False)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        assert "attempt" not in str(panes(app)[1].border_title), "one attempt: nothing to count"
        await pilot.press("D", "left_square_bracket")
        assert isinstance(app.screen, ReviewScreen)
        assert any("only one version of its Go" in m for m in notices(app))
        assert any("this is the first attempt (1 in all)" in m for m in notices(app))
        await pilot.press("k")  # a pending unit
        await pilot.press("right_square_bracket", "D")
        assert any("has no attempt with Go yet" in m for m in notices(app))
        assert isinstance(app.screen, ReviewScreen)


def test_the_diff_is_coloured_like_git():
    diff = unified_go_diff("a\nb\n", "a\nc\n", "old", "new")
    text = diff_text(diff)
    styles = {text.plain[s.start:s.end]: str(s.style) for s in text.spans}
    assert styles["-b"] == "red" and styles["+c"] == "green" and styles["--- old"] == "bold"
    assert unified_go_diff("same", "same", "a", "b") == ""
