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


def test_deletions_and_odd_paths_through_the_temporary_index(shop_repo: Path):
    repo = gitpython.Repo(shop_repo)
    odd = "dir with space/ünïcode.go"
    first = commit_files(repo, "b", {odd: "package x\n", "keep.go": "package x\n"}, "one")
    assert first.added == [odd, "keep.go"]
    assert git(shop_repo, "show", f"b:{odd}") == "package x\n"
    second = commit_files(repo, "b", {"keep.go": "package x\n"}, "two", delete=[odd, "not-there.go"])
    assert second.deleted == [odd] and second.files == [odd] and second.changes() == [("D", odd)]
    assert odd not in git(shop_repo, "ls-tree", "-r", "--name-only", "-z", "b").split("\0")
    assert second.to_json()["deleted"] == [odd]
    # the Python the branch started from is still there
    assert "shop/pricing.py" in git(shop_repo, "ls-tree", "-r", "--name-only", "b")


def test_commit_log_lists_units_and_trailers(shop_repo: Path, monkeypatch: pytest.MonkeyPatch):
    from gotui.llm.base import Translation
    from gotui.session.workspace import Workspace
    from gotui.vcs import publish as publish_mod
    from gotui.vcs.log import commit_log
    from gotui.vcs.publish import publish

    monkeypatch.setattr(publish_mod, "module_preamble_for", lambda root: (lambda path: ""))
    repo = gitpython.Repo(shop_repo)
    with pytest.raises(BranchError, match="no branch gotui/migration yet"):
        commit_log(repo, "gotui/migration")
    _, session = Workspace.open(shop_repo).load()
    session.record_translation("shop/pricing.py::vat_rate", Translation(go="func VatRate() int { return 20 }\n", status="converted", backend="openai", model="gpt-x"))
    session.accept("shop/pricing.py::vat_rate")
    session.set_check("shop/pricing.py::vat_rate", "ok", None)
    first = publish(repo, shop_repo, session)
    session.edit("shop/pricing.py::bulk_discount", "func BulkDiscount(q int) int { return 0 }\n")
    second = publish(repo, shop_repo, session, message="bulk discount by hand")
    log = commit_log(repo, "gotui/migration")
    assert [e["commit"] for e in log] == [second.commit, first.commit]  # the user's history before is not listed
    assert log[1]["units"] == [{"id": "shop/pricing.py::vat_rate", "state": "accepted", "check": "ok"}]
    assert {"id": "shop/pricing.py::bulk_discount", "state": "edited", "check": None} in log[0]["units"]
    assert log[0]["summary"] == "bulk discount by hand" and log[0]["author"] == "Test Author <author@example.invalid>"
    assert log[1]["trailers"]["Gotui-Backend"] == ["openai"] and log[1]["trailers"]["Gotui-Model"] == ["gpt-x"]
    blob = git(shop_repo, "rev-parse", "HEAD:shop/pricing.py").strip()
    assert log[1]["trailers"]["Gotui-Python-Blob"] == [f"shop/pricing.py {blob}"]
    assert log[0]["date"][:4].isdigit() and log[0]["gotui"]
    assert len(commit_log(repo, "gotui/migration", limit=1)) == 1


def test_python_diff_of_a_stale_unit(shop_repo: Path):
    from gotui.llm.base import Translation
    from gotui.session.workspace import Workspace
    from gotui.vcs.diff import python_diff

    _, session = Workspace.open(shop_repo).load()
    uid = "shop/pricing.py::bulk_discount"
    session.record_translation(uid, Translation(go="func BulkDiscount() {}\n", status="converted", backend="rules"))
    session.accept(uid)
    assert python_diff(session.require(uid)) == ""
    pricing = shop_repo / "shop" / "pricing.py"
    pricing.write_text(pricing.read_text().replace("if quantity >= 100:\n        return 15", "if quantity >= 200:\n        return 20"))
    _, session = Workspace.open(shop_repo).load()
    rec = session.require(uid)
    assert rec.state == "stale"
    diff = python_diff(rec)
    assert f"@@ -{rec.line},6 +{rec.line},6 @@\n def bulk_discount(" in diff  # file line numbers
    assert "-    if quantity >= 100:\n-        return 15\n+    if quantity >= 200:\n+        return 20\n" in diff
