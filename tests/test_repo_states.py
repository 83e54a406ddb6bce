"""Hard repository states: gotui commits to its branch and leaves HEAD, the index and the work tree alone.

Each test takes a snapshot (HEAD, index, status, every file, plus merge/rebase state and the raw
index file) before gotui runs and compares it after.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLE, git, repo_snapshot
from gotui.llm.base import Translation
from gotui.session.store import Session
from gotui.session.workspace import Workspace
from gotui.vcs import branch as branch_mod
from gotui.vcs import publish as publish_mod
from gotui.vcs.branch import CHECKED_OUT, MOVED, BranchError, commit_files, open_repo
from gotui.vcs.log import commit_log
from gotui.vcs.publish import publish

VAT = "func VatRate(country string) int {\n\treturn 20\n}\n"
GROSS = "func GrossPrice(netCents int, country string) int {\n\treturn netCents * (100 + VatRate(country)) / 100\n}\n"
BULK = "func BulkDiscount(quantity int) int {\n\treturn 0\n}\n"


@pytest.fixture(autouse=True)
def _no_preamble(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish_mod, "module_preamble_for", lambda root: (lambda path: ""))


def review(root: Path, go: dict[str, str] | None = None) -> Session:
    _, session = Workspace.open(root).load()
    for uid, text in (go or {"shop/pricing.py::vat_rate": VAT, "shop/pricing.py::gross_price": GROSS}).items():
        session.record_translation(uid, Translation(go=text, status="converted", backend="hand", model="human"))
        session.accept(uid)
    return session


def git_state(repo: Path) -> dict:
    """repo_snapshot plus the raw index file and the state files of merges, rebases and friends."""
    gitdir = Path(git(repo, "rev-parse", "--absolute-git-dir").strip())
    state = {}
    for name in ("HEAD", "MERGE_HEAD", "MERGE_MSG", "ORIG_HEAD", "REBASE_HEAD", "CHERRY_PICK_HEAD", "shallow", "index"):
        p = gitdir / name
        state[name] = p.read_bytes() if p.exists() else None
    for d in ("rebase-merge", "rebase-apply"):
        p = gitdir / d
        state[d] = {str(f.relative_to(p)): f.read_bytes() for f in sorted(p.rglob("*")) if f.is_file()} if p.exists() else None
    return state


def check_untouched(repo: Path, action) -> object:
    """Run action; assert git state, index bytes and the snapshot are the same after it."""
    snap = repo_snapshot(repo)
    state = git_state(repo)  # after the snapshot: `git status` may refresh the index once
    try:
        return action()
    finally:  # refusals too must leave everything as it was
        assert git_state(repo) == state
        assert repo_snapshot(repo) == snap


def test_staged_unstaged_and_untracked_changes(dirty_shop_repo: Path):
    repo = dirty_shop_repo
    hooks = Path(git(repo, "rev-parse", "--absolute-git-dir").strip()) / "hooks"
    hooks.mkdir(exist_ok=True)
    for hook in ("pre-commit", "post-commit", "commit-msg"):  # commit hooks: gotui makes no porcelain commit
        (hooks / hook).write_text(f"#!/bin/sh\necho ran >> '{repo}/hook-{hook}.txt'\n")
        (hooks / hook).chmod(0o755)
    session = review(repo)
    result = check_untouched(repo, lambda: publish(open_repo(repo), repo, session))
    assert result.commit and "shop/pricing.go" in result.added
    # the branch carries the Python as committed, not the staged or unstaged edits
    assert "staged change" not in git(repo, "show", "gotui/migration:shop/pricing.py")
    assert not list(repo.glob("hook-pre-commit.txt")) and not list(repo.glob("hook-post-commit.txt"))


def test_detached_head(shop_repo: Path):
    git(shop_repo, "checkout", "-q", "--detach", "HEAD")
    head = git(shop_repo, "rev-parse", "HEAD").strip()
    session = review(shop_repo)
    result = check_untouched(shop_repo, lambda: publish(open_repo(shop_repo), shop_repo, session))
    assert result.parent == head
    assert git(shop_repo, "symbolic-ref", "-q", "HEAD", check=False) == ""


def test_linked_worktree_from_the_main_tree_and_from_inside(shop_repo: Path, tmp_path: Path):
    linked = tmp_path / "linked"
    git(shop_repo, "worktree", "add", "-q", "-b", "feature", str(linked))
    (linked / "README.md").write_text("work in progress in the linked tree\n")
    (linked / "new.txt").write_text("untracked\n")
    main_snap = repo_snapshot(shop_repo)
    # gotui run from inside the linked work tree: its own session, the shared branch namespace
    session = review(linked)
    result = check_untouched(linked, lambda: publish(open_repo(linked), linked, session))
    assert result.parent == git(linked, "rev-parse", "HEAD").strip()
    assert repo_snapshot(shop_repo) == main_snap
    assert git(linked, "status", "--porcelain").count(".gotui") == 0
    assert git(shop_repo, "show", "gotui/migration:go.mod").startswith("module repo\n")  # named after the repository
    # and from the main tree, on the same branch: a child of the linked tree's commit
    session_main = review(shop_repo, {"shop/pricing.py::bulk_discount": BULK})
    second = check_untouched(shop_repo, lambda: publish(open_repo(shop_repo), shop_repo, session_main))
    assert second.parent == result.commit


def test_merge_in_progress(shop_repo: Path):
    git(shop_repo, "checkout", "-q", "-b", "other")
    (shop_repo / "README.md").write_text("theirs\n")
    git(shop_repo, "commit", "-qam", "theirs")
    git(shop_repo, "checkout", "-q", "main")
    (shop_repo / "README.md").write_text("ours\n")
    git(shop_repo, "commit", "-qam", "ours")
    assert subprocess.run(["git", "merge", "-q", "other"], cwd=shop_repo, capture_output=True).returncode != 0
    gitdir = shop_repo / ".git"
    assert (gitdir / "MERGE_HEAD").exists()
    session = review(shop_repo)
    check_untouched(shop_repo, lambda: publish(open_repo(shop_repo), shop_repo, session))
    assert (gitdir / "MERGE_HEAD").exists()
    assert "<<<<<<<" in (shop_repo / "README.md").read_text()


def _conflicting_rebase(repo: Path, branch: str, path: str) -> None:
    """Leave `branch` in the middle of a rebase onto main that stops on a conflict in `path`."""
    git(repo, "checkout", "-q", branch)
    assert subprocess.run(["git", "rebase", "-q", "main"], cwd=repo, capture_output=True).returncode != 0
    assert (repo / ".git" / "rebase-merge").is_dir() or (repo / ".git" / "rebase-apply").is_dir()


def test_rebase_in_progress(shop_repo: Path):
    git(shop_repo, "checkout", "-q", "-b", "feature")
    (shop_repo / "README.md").write_text("feature\n")
    git(shop_repo, "commit", "-qam", "feature")
    git(shop_repo, "checkout", "-q", "main")
    (shop_repo / "README.md").write_text("main\n")
    git(shop_repo, "commit", "-qam", "main")
    _conflicting_rebase(shop_repo, "feature", "README.md")
    session = review(shop_repo)
    result = check_untouched(shop_repo, lambda: publish(open_repo(shop_repo), shop_repo, session))
    assert result.commit


def test_the_branch_being_rebased_is_never_moved(shop_repo: Path):
    repo = open_repo(shop_repo)
    session = review(shop_repo)
    publish(repo, shop_repo, session)
    (shop_repo / "shop" / "pricing.go").write_text("package shop // main's own\n")
    git(shop_repo, "add", "shop/pricing.go")
    git(shop_repo, "commit", "-qm", "a Go file on main")
    _conflicting_rebase(shop_repo, "gotui/migration", "shop/pricing.go")
    tip = git(shop_repo, "rev-parse", "gotui/migration").strip()
    session.record_translation("shop/pricing.py::bulk_discount", Translation(go=BULK, status="converted", backend="hand"))
    session.accept("shop/pricing.py::bulk_discount")
    with pytest.raises(BranchError, match="gotui/migration is checked out in") as err:
        check_untouched(shop_repo, lambda: publish(repo, shop_repo, session))
    assert err.value.reason == CHECKED_OUT
    assert git(shop_repo, "rev-parse", "gotui/migration").strip() == tip


def test_shallow_clone(shop_repo: Path, tmp_path: Path):
    (shop_repo / "README.md").write_text("second\n")
    git(shop_repo, "commit", "-qam", "second")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{shop_repo}", str(clone)], check=True, capture_output=True)
    assert (clone / ".git" / "shallow").exists()
    session = review(clone)
    repo = open_repo(clone)
    first = check_untouched(clone, lambda: publish(repo, clone, session))
    session.record_translation("shop/pricing.py::bulk_discount", Translation(go=BULK, status="converted", backend="hand"))
    session.accept("shop/pricing.py::bulk_discount")
    second = check_untouched(clone, lambda: publish(repo, clone, session))
    assert second.parent == first.commit
    log = commit_log(repo, "gotui/migration")
    assert [e["commit"] for e in log] == [second.commit, first.commit]


def test_empty_repository_with_no_commit(tmp_path: Path):
    repo_dir = tmp_path / "fresh"
    repo_dir.mkdir()
    git(repo_dir, "init", "-q", "-b", "main")
    shutil.copytree(EXAMPLE, repo_dir / "shop", ignore=shutil.ignore_patterns("__pycache__"))
    session = review(repo_dir)
    result = check_untouched(repo_dir, lambda: publish(open_repo(repo_dir), repo_dir, session))
    assert result.parent is None and result.commit
    assert subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=repo_dir).returncode != 0
    assert set(git(repo_dir, "ls-tree", "-r", "--name-only", "gotui/migration").split()) == {"go.mod", "shop/pricing.go"}
    assert git(repo_dir, "show", "gotui/migration:go.mod").startswith("module fresh\n")


def test_branch_checked_out_in_another_worktree_is_refused(shop_repo: Path, tmp_path: Path):
    repo = open_repo(shop_repo)
    session = review(shop_repo)
    publish(repo, shop_repo, session)
    other = tmp_path / "wt"
    git(shop_repo, "worktree", "add", "-q", str(other), "gotui/migration")
    session.record_translation("shop/pricing.py::bulk_discount", Translation(go=BULK, status="converted", backend="hand"))
    session.accept("shop/pricing.py::bulk_discount")
    tip = git(shop_repo, "rev-parse", "gotui/migration").strip()
    for action in (lambda: publish(repo, shop_repo, session), lambda: publish(repo, shop_repo, session, dry_run=True)):
        with pytest.raises(BranchError) as err:
            check_untouched(shop_repo, action)
        assert err.value.reason == CHECKED_OUT
        assert str(err.value).startswith(f"branch gotui/migration is checked out in {other}")
        assert "--branch" in str(err.value)
    assert git(shop_repo, "rev-parse", "gotui/migration").strip() == tip
    # another branch name works
    assert publish(repo, shop_repo, session, branch="gotui/other").commit


def test_branch_moved_by_someone_else_builds_on_the_new_tip(shop_repo: Path, tmp_path: Path):
    repo = open_repo(shop_repo)
    session = review(shop_repo)
    first = publish(repo, shop_repo, session)
    # a teammate commits on the branch with plain git, from a work tree of their own
    wt = tmp_path / "teammate"
    git(shop_repo, "worktree", "add", "-q", str(wt), "gotui/migration")
    (wt / "go.mod").write_text((wt / "go.mod").read_text() + "\n// tidied by hand\n")
    (wt / "shop" / "doc.go").write_text("// Package shop is the migrated shop.\npackage shop\n")
    git(wt, "add", "-A")
    git(wt, "commit", "-qm", "docs and go.mod by hand")
    theirs = git(wt, "rev-parse", "HEAD").strip()
    git(shop_repo, "worktree", "remove", str(wt))
    session.record_translation("shop/pricing.py::bulk_discount", Translation(go=BULK, status="converted", backend="hand"))
    session.accept("shop/pricing.py::bulk_discount")
    second = check_untouched(shop_repo, lambda: publish(repo, shop_repo, session))
    assert second.parent == theirs != first.commit
    assert second.modified == ["shop/pricing.go"]
    assert "tidied by hand" in git(shop_repo, "show", "gotui/migration:go.mod")
    assert git(shop_repo, "show", "gotui/migration:shop/doc.go").startswith("// Package shop")
    log = commit_log(repo, "gotui/migration")
    assert [e["gotui"] for e in log] == [True, False, True]


def _intrude_once(monkeypatch: pytest.MonkeyPatch, repo: Path, branch: str) -> list[str]:
    """Between gotui's read of the tip and its update-ref, someone else moves the branch (once)."""
    real = branch_mod._commit_tree
    intruders: list[str] = []

    def racing(*args, **kwargs):
        commit = real(*args, **kwargs)
        if not intruders:
            parent = git(repo, "rev-parse", branch).strip()
            tree = git(repo, "rev-parse", f"{parent}^{{tree}}").strip()
            other = subprocess.run(["git", "commit-tree", tree, "-p", parent, "-m", "someone else"], cwd=repo,
                                   capture_output=True, text=True, check=True).stdout.strip()
            git(repo, "update-ref", f"refs/heads/{branch}", other, parent)
            intruders.append(other)
        return commit

    monkeypatch.setattr(branch_mod, "_commit_tree", racing)
    return intruders


def test_a_race_between_read_and_update_ref_fails_cleanly(shop_repo: Path, monkeypatch: pytest.MonkeyPatch):
    repo = open_repo(shop_repo)
    commit_files(repo, "b", {"a.go": "package a\n"}, "one")
    intruders = _intrude_once(monkeypatch, shop_repo, "b")
    with pytest.raises(BranchError, match="moved while gotui was committing") as err:
        check_untouched(shop_repo, lambda: commit_files(repo, "b", {"a.go": "package a\n\nfunc A() {}\n"}, "two"))
    assert err.value.reason == MOVED
    assert git(shop_repo, "rev-parse", "b").strip() == intruders[0]  # theirs stays: nothing overwritten
    # planned against an old tip: refused before writing anything
    with pytest.raises(BranchError) as err:
        commit_files(repo, "b", {"a.go": "package a\n\nfunc B() {}\n"}, "three", base="0" * 40)
    assert err.value.reason == MOVED


def test_publish_replans_on_the_tip_that_won_the_race(shop_repo: Path, monkeypatch: pytest.MonkeyPatch):
    repo = open_repo(shop_repo)
    session = review(shop_repo)
    publish(repo, shop_repo, session)
    session.record_translation("shop/pricing.py::bulk_discount", Translation(go=BULK, status="converted", backend="hand"))
    session.accept("shop/pricing.py::bulk_discount")
    intruders = _intrude_once(monkeypatch, shop_repo, "gotui/migration")
    result = check_untouched(shop_repo, lambda: publish(repo, shop_repo, session))
    assert result.parent == intruders[0]


def test_no_git_repository_is_a_clear_error(tmp_path: Path):
    shutil.copytree(EXAMPLE, tmp_path / "shop", ignore=shutil.ignore_patterns("__pycache__"))
    with pytest.raises(BranchError, match="is not in a git repository"):
        open_repo(tmp_path)
    from gotui.session.project import Project
    from gotui.session.workspace import WorkspaceError

    with pytest.raises(WorkspaceError, match="not in a git repository"):
        Project(tmp_path).commit()
    assert not (tmp_path / ".git").exists()
