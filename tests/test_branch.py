"""Committing to the migration branch never touches HEAD, the index or the work tree."""

import subprocess
from pathlib import Path

import git as gitpython
import pytest

from conftest import git, repo_snapshot
from gotui.vcs.branch import BranchError, commit_files


def test_commit_in_a_dirty_repository_leaves_everything_as_it_was(dirty_shop_repo: Path):
    repo = gitpython.Repo(dirty_shop_repo)
    before = repo_snapshot(dirty_shop_repo)
    head = git(dirty_shop_repo, "rev-parse", "HEAD").strip()
    result = commit_files(repo, "gotui/migration", {"shop/pricing.go": "package shop\n"}, "first")
    assert repo_snapshot(dirty_shop_repo) == before
    assert result.files == ["shop/pricing.go"]
    # a new branch starts from HEAD and carries the Python as committed, not the staged change
    assert git(dirty_shop_repo, "rev-parse", "gotui/migration^").strip() == head
    assert git(dirty_shop_repo, "show", "gotui/migration:shop/pricing.go") == "package shop\n"
    assert "staged change" not in git(dirty_shop_repo, "show", "gotui/migration:shop/pricing.py")


def test_each_commit_is_a_child_of_the_previous_tip(shop_repo: Path):
    repo = gitpython.Repo(shop_repo)
    first = commit_files(repo, "b", {"a.go": "package a\n"}, "one")
    second = commit_files(repo, "b", {"a.go": "package a\n\nfunc A() {}\n"}, "two")
    assert git(shop_repo, "rev-parse", "b^").strip() == first.commit
    assert second.parent == first.commit
    again = commit_files(repo, "b", {"a.go": "package a\n\nfunc A() {}\n"}, "three")
    assert again.commit is None and again.files == []


def test_dry_run_writes_nothing(shop_repo: Path):
    repo = gitpython.Repo(shop_repo)
    result = commit_files(repo, "b", {"a.go": "package a\n"}, "one", dry_run=True)
    assert result.files == ["a.go"] and result.commit is None
    assert git(shop_repo, "branch", "--list", "b") == ""


def test_a_branch_checked_out_somewhere_is_never_moved(shop_repo: Path, tmp_path: Path):
    repo = gitpython.Repo(shop_repo)
    commit_files(repo, "b", {"a.go": "package a\n"}, "one")
    git(shop_repo, "worktree", "add", "-q", str(tmp_path / "wt"), "b")
    with pytest.raises(BranchError, match="checked out"):
        commit_files(repo, "b", {"a.go": "package a\n\nfunc A() {}\n"}, "two")


def test_empty_repository_without_commits(tmp_path: Path):
    git(tmp_path, "init", "-q")
    repo = gitpython.Repo(tmp_path)
    result = commit_files(repo, "gotui/migration", {"a.go": "package a\n"}, "first")
    assert result.parent is None
    assert git(tmp_path, "log", "--format=%s", "gotui/migration").strip() == "first"
    assert subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=tmp_path).returncode != 0


def test_invalid_branch_name_is_a_clear_error(shop_repo: Path):
    with pytest.raises(BranchError, match="not a valid branch name"):
        commit_files(gitpython.Repo(shop_repo), "bad..name", {"a.go": "x"}, "m")
