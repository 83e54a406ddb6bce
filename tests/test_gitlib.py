"""The work tree of a path, found without GitPython (the review's first frame does not load it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gotui.session.workspace import Workspace
from gotui.vcs.gitlib import common_dir, find_worktree


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin", "HOME": str(cwd)})


def test_a_repository_a_linked_worktree_and_a_folder_outside_git(tmp_path: Path):
    main = tmp_path / "main"
    (main / "pkg").mkdir(parents=True)
    (main / "pkg" / "m.py").write_text("def f(x: int) -> int:\n    return x\n")
    _git(main, "init", "-q")
    _git(main, "add", ".")
    _git(main, "commit", "-qm", "python")
    _git(main, "worktree", "add", "-q", str(tmp_path / "linked"))

    assert find_worktree(main / "pkg" / "m.py") == (main, main / ".git")
    root, gitdir = find_worktree(tmp_path / "linked" / "pkg")
    assert root == tmp_path / "linked" and gitdir.parent == main / ".git" / "worktrees"
    assert common_dir(gitdir) == main / ".git"
    outside = tmp_path / "plain"
    outside.mkdir()
    assert find_worktree(outside) is None

    # the state folder of a review in the linked worktree is excluded where git reads it: the main .git
    ws = Workspace.open(tmp_path / "linked")
    ws.session().close()
    assert "/.gotui/" in (main / ".git" / "info" / "exclude").read_text()
    assert ws.repo is not None and Path(ws.repo.working_tree_dir) == tmp_path / "linked"


def test_a_dot_git_folder_that_is_not_a_repository_is_passed_over(tmp_path: Path):
    outer = tmp_path / "outer"
    inner = outer / "inner"
    (inner / ".git").mkdir(parents=True)  # empty: no HEAD
    _git(outer, "init", "-q")
    assert find_worktree(inner) == (outer, outer / ".git")


def test_the_review_screen_opens_without_loading_gitpython(tmp_path: Path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "m.py").write_text("def f(x: int) -> int:\n    return x\n")
    _git(repo, "init", "-q")
    code = ("import sys; from gotui.session.project import Project; import gotui.app; "
            "p = Project(sys.argv[1], first_units=50); assert p.units(); print('git' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
