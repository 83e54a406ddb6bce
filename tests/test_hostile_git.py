"""gotui's own git: no hooks run, submodules stay on the branch, branch names follow git's rules."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import git
from gotui.llm.base import Translation
from gotui.session.workspace import Workspace
from gotui.vcs.branch import BranchError, open_repo, validate_branch
from gotui.vcs.publish import publish
from gotui.vcs.review_ref import save_review

VAT = "shop/pricing.py::vat_rate"
HOOKS = ("post-index-change", "reference-transaction", "pre-commit", "post-commit", "post-checkout", "pre-push",
         "post-rewrite", "pre-auto-gc")


def accepted(repo: Path):
    _, session = Workspace.open(repo).load()
    session.record_translation(VAT, Translation(go="func VatRate(country string) int {\n\treturn 20\n}\n",
                                                status="converted", backend="t", model="m"))
    session.accept(VAT)
    return session


def test_no_hook_runs_on_commit_or_review_save(shop_repo: Path, tmp_path: Path):
    marker = tmp_path / "hooks-ran"
    hooks = shop_repo / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    for name in HOOKS:
        hook = hooks / name
        hook.write_text(f"#!/bin/sh\necho {name} >> '{marker}'\n")
        hook.chmod(hook.stat().st_mode | stat.S_IEXEC)
    subprocess.run(["git", "read-tree", "HEAD"], cwd=shop_repo, env=dict(os.environ, GIT_INDEX_FILE=str(tmp_path / "i")),
                   check=True)
    assert marker.read_text() == "post-index-change\n"  # the hooks work, even on a temporary index
    marker.unlink()
    session = accepted(shop_repo)
    repo = open_repo(shop_repo)
    result = publish(repo, shop_repo, session, "gotui/migration")
    assert result.commit is not None
    save_review(repo, session)
    assert not marker.exists(), marker.read_text()
    # and with hooksPath configured by the repository, too
    git(shop_repo, "config", "core.hooksPath", str(hooks))
    session.edit(VAT, "func VatRate(country string) int {\n\treturn 21\n}\n")
    assert publish(repo, shop_repo, session, "gotui/migration").commit is not None
    assert not marker.exists()


def test_a_submodule_gitlink_survives_a_commit(shop_repo: Path):
    head = git(shop_repo, "rev-parse", "HEAD").strip()
    git(shop_repo, "update-index", "--add", "--cacheinfo", f"160000,{head},vendor/lib")
    git(shop_repo, "update-index", "--add", "--cacheinfo", f"160000,{head},shop/sub")
    git(shop_repo, "commit", "-qm", "submodules")
    session = accepted(shop_repo)
    repo = open_repo(shop_repo)
    result = publish(repo, shop_repo, session, "gotui/migration", extra_files={"shop/sub/x.go": "package sub\n"})
    tree = git(shop_repo, "ls-tree", "-r", "gotui/migration")
    assert f"160000 commit {head}\tvendor/lib" in tree
    assert f"160000 commit {head}\tshop/sub" in tree
    assert "shop/sub/x.go" not in tree
    assert any("shop/sub is a submodule" in w for w in result.warnings)


def test_branch_names_follow_gits_rules_and_refs_heads_is_understood(shop_repo: Path):
    session = accepted(shop_repo)
    repo = open_repo(shop_repo)
    result = publish(repo, shop_repo, session, "refs/heads/go/port")
    assert result.branch == "go/port"
    assert git(shop_repo, "rev-parse", "refs/heads/go/port").strip() == result.commit
    assert git(shop_repo, "show-ref", "refs/heads/refs/heads/go/port", check=False) == ""
    for bad in ("@{-1}", "-x", "a..b", "x.lock", "a b", "HEAD", "a~1", "refs/heads/", "a/", ""):
        with pytest.raises(BranchError, match="not a valid branch name"):
            validate_branch(repo, bad)
