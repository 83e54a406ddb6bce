"""`c` in the review screen: confirm, commit to gotui/migration, and leave the checkout alone."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import EXAMPLE, git, repo_snapshot
from gotui.screens.commit import CommitScreen
from gotui.screens.review import ReviewScreen
from gotui.session.project import Project
from test_app_review import SUBTOTAL, _fixed_environment, go_to, make_app, notices, review, settle  # noqa: F401

BRANCH = "gotui/migration"


async def test_a_c_enter_commits_the_go_and_leaves_head_index_and_files_alone(dirty_shop_repo: Path):
    before = repo_snapshot(dirty_shop_repo)
    assert before["cached"] and before["status"], "the repository has staged, unstaged and untracked work"
    project = Project(dirty_shop_repo)
    app = make_app(project)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        await pilot.press("a", "c")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CommitScreen)
        assert dialog.branch == BRANCH and "shop/cart.go" in dialog.files and [u.id for u in dialog.units] == [SUBTOTAL]
        assert git(dirty_shop_repo, "branch", "--list", BRANCH) == "", "nothing is written before Enter"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert any(m.startswith("committed ") and BRANCH in m for m in notices(app))
    assert git(dirty_shop_repo, "branch", "--list", BRANCH).strip().endswith(BRANCH)
    assert "func Subtotal()" in git(dirty_shop_repo, "show", f"{BRANCH}:shop/cart.go")
    assert git(dirty_shop_repo, "rev-parse", f"{BRANCH}^").strip() == before["head"].strip()
    after = repo_snapshot(dirty_shop_repo)
    assert after == before  # HEAD, symbolic ref, index (ls-files and diff --cached), status, every file


async def test_escape_in_the_dialog_commits_nothing(shop_repo: Path):
    project = Project(shop_repo)
    app = make_app(project)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("a", "c")
        await settle(pilot)
        assert isinstance(app.screen, CommitScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and not review(app).status_bar.info.progress
    assert git(shop_repo, "branch", "--list", BRANCH) == ""


async def test_commit_with_nothing_accepted_says_so(shop_repo: Path):
    app = make_app(Project(shop_repo))
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert any("nothing to commit" in m for m in notices(app))


async def test_commit_without_git_is_a_notification_not_a_crash(tmp_path: Path):
    folder = tmp_path / "plain"
    shutil.copytree(EXAMPLE, folder / "shop", ignore=shutil.ignore_patterns("__pycache__"))
    project = Project(folder)
    assert project.workspace.repo is None
    app = make_app(project)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("a", "c")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.is_running
        assert any("not in a git repository" in m for m in notices(app))
        await pilot.press("j", "a")  # still reviewing
        assert project.session.get(review(app).unit_list.current_id).state == "accepted"


async def test_committing_twice_says_the_branch_already_has_it(shop_repo: Path):
    project = Project(shop_repo)
    app = make_app(project)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("a", "c")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        tip = git(shop_repo, "rev-parse", BRANCH)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CommitScreen) and app.screen.files == []
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert git(shop_repo, "rev-parse", BRANCH) == tip


async def test_a_on_a_gated_unit_asks_with_the_reason_and_the_dialog_lists_units_with_their_checks(shop_repo: Path):
    """`a` on a unit a gate would refuse asks first, showing why; the commit dialog lists every unit with
    its check badge and names the units whose latest check failed."""
    from gotui.screens.confirm import ConfirmScreen

    project = Project(shop_repo)
    app = make_app(project)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        project.session.set_check(SUBTOTAL, "diverged", "input subtotal(): Python 3, Go 4")
        await pilot.press("a")
        await settle(pilot)
        ask = app.screen
        assert isinstance(ask, ConfirmScreen) and "check diverged: input subtotal(): Python 3, Go 4" in ask.reason
        await pilot.press("n")
        await settle(pilot)
        assert project.session.require(SUBTOTAL).state == "converted"  # n: nothing decided
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert project.session.require(SUBTOTAL).state == "accepted"
        project.session.set_check(SUBTOTAL, "diverged", "input subtotal(): Python 3, Go 4")
        await pilot.press("c")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CommitScreen)
        assert [(u.id, u.check) for u in dialog.units] == [(SUBTOTAL, "diverged")]
        assert dialog.blocked == [f"{SUBTOTAL}: check diverged: input subtotal(): Python 3, Go 4"]
        shown = str(dialog.query_one("#units").render()) + str(dialog.query_one("#blocked").render())
        assert "≠ diverged" in shown and SUBTOTAL in shown and "commits them anyway" in shown
        await pilot.press("escape")
        await settle(pilot)
    assert git(shop_repo, "branch", "--list", BRANCH) == ""
