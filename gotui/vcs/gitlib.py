"""GitPython, imported on first use, and the work tree of a path found without it.

`import git` costs about 60 ms (GitPython also runs `git version` when it loads). The review screen's
first frame needs no git, only the work tree's root, so every gotui module takes GitPython from here
(`from gotui.vcs.gitlib import git`): the first attribute read (`git.Repo`, an exception class) imports
it. `find_worktree` finds the root the way git does, by the nearest `.git` above the path.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType
from typing import Any


class _GitPython:
    """Stands for the `git` module; Python's import lock makes the first load safe from any thread."""

    def __getattr__(self, name: str) -> Any:
        module: ModuleType = importlib.import_module("git")
        return getattr(module, name)


git: Any = _GitPython()


def _gitdir_of(dot_git: Path) -> Path | None:
    """The git directory a `.git` entry names: itself, or the `gitdir:` of a linked worktree's or a
    submodule's `.git` file; None when it is neither (git looks further up then, and so do we)."""
    if dot_git.is_dir():
        return dot_git if (dot_git / "HEAD").exists() else None
    try:
        text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None
    if not text.startswith("gitdir:"):
        return None
    target = Path(text[len("gitdir:"):].strip())
    target = target if target.is_absolute() else dot_git.parent / target
    return target.resolve() if (target / "HEAD").exists() else None


def find_worktree(path: Path) -> tuple[Path, Path] | None:
    """(work tree root, git directory) of the repository holding `path`, or None outside one."""
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents):
        dot_git = folder / ".git"
        if os.path.lexists(dot_git):
            gitdir = _gitdir_of(dot_git)
            if gitdir is not None:
                return folder, gitdir
    return None


def common_dir(gitdir: Path) -> Path:
    """The folder a linked worktree shares with its main repository (`info/exclude` lives there):
    the git directory itself, unless its `commondir` file names another (gitrepository-layout(5))."""
    try:
        named = (gitdir / "commondir").read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return gitdir
    target = Path(named)
    return (target if target.is_absolute() else gitdir / target).resolve()
