"""Write commits onto a branch without touching HEAD, the index or the work tree.

Everything goes through git plumbing and a temporary index file: read-tree of the branch tip,
blobs written with hash-object, write-tree, commit-tree, then update-ref guarded by the old tip
so a branch moved by someone else in the meantime is never overwritten.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import git

ZERO = "0" * 40


class BranchError(Exception):
    pass


@dataclass
class CommitResult:
    branch: str
    commit: str | None  # None when nothing changed (or on a dry run)
    parent: str | None
    files: list[str] = field(default_factory=list)  # paths added or changed
    dry_run: bool = False

    def to_json(self) -> dict:
        return {"branch": self.branch, "commit": self.commit, "files": self.files}


def _git(repo: git.Repo, *args: str, env: dict[str, str] | None = None, input: bytes | None = None) -> str:
    proc = subprocess.run(["git", *args], cwd=repo.working_tree_dir or repo.git_dir, env=env, input=input, capture_output=True)
    if proc.returncode != 0:
        raise BranchError(f"git {args[0]} failed: {proc.stderr.decode(errors='replace').strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode}")
    return proc.stdout.decode().strip()


def resolve_commit(repo: git.Repo, ref: str) -> str | None:
    proc = subprocess.run(["git", "rev-parse", "--verify", "-q", ref + "^{commit}"], cwd=repo.working_tree_dir, capture_output=True, text=True)
    return proc.stdout.strip() or None if proc.returncode == 0 else None


def checked_out_in(repo: git.Repo, branch: str) -> str | None:
    """The work tree that has `branch` checked out, if any (moving it would change that tree's state)."""
    out = _git(repo, "worktree", "list", "--porcelain")
    current = None
    for line in out.splitlines():
        if line.startswith("worktree "):
            current = line[len("worktree "):]
        elif line == f"branch refs/heads/{branch}":
            return current
    return None


def validate_branch(repo: git.Repo, branch: str) -> None:
    proc = subprocess.run(["git", "check-ref-format", "--branch", branch], cwd=repo.working_tree_dir, capture_output=True)
    if proc.returncode != 0:
        raise BranchError(f"{branch!r} is not a valid branch name")


def _identity_env(repo: git.Repo) -> dict[str, str]:
    """The user's identity when git knows it, else a neutral gotui one (commit-tree refuses no identity)."""
    env = dict(os.environ)
    for who in ("AUTHOR", "COMMITTER"):
        proc = subprocess.run(["git", "var", f"GIT_{who}_IDENT"], cwd=repo.working_tree_dir, capture_output=True, env=env)
        if proc.returncode != 0:
            env.setdefault(f"GIT_{who}_NAME", "gotui")
            env.setdefault(f"GIT_{who}_EMAIL", "gotui@localhost")
    return env


def file_at(repo: git.Repo, commit: str | None, path: str) -> bytes | None:
    if commit is None:
        return None
    proc = subprocess.run(["git", "cat-file", "blob", f"{commit}:{path}"], cwd=repo.working_tree_dir, capture_output=True)
    return proc.stdout if proc.returncode == 0 else None


def blob_id(repo: git.Repo, data: bytes) -> str:
    """The blob id of some bytes, without writing it."""
    return _git(repo, "hash-object", "--no-filters", "--stdin", input=data)


def commit_files(repo: git.Repo, branch: str, files: dict[str, str], message: str, dry_run: bool = False) -> CommitResult:
    """Commit `files` (path -> text) on top of `branch` (created from HEAD when new)."""
    validate_branch(repo, branch)
    holder = checked_out_in(repo, branch)
    if holder is not None:
        raise BranchError(f"branch {branch} is checked out in {holder}: gotui will not move a checked-out branch; use --branch to pick another")
    tip = resolve_commit(repo, f"refs/heads/{branch}")
    parent = tip or resolve_commit(repo, "HEAD")
    changed = sorted(p for p, text in files.items() if file_at(repo, parent, p) != text.encode("utf-8"))
    if dry_run or not changed:
        return CommitResult(branch=branch, commit=None, parent=parent, files=changed, dry_run=dry_run)
    env = _identity_env(repo)
    with tempfile.TemporaryDirectory(prefix="gotui-index-") as tmp:
        env["GIT_INDEX_FILE"] = str(Path(tmp) / "index")
        if parent:
            _git(repo, "read-tree", parent, env=env)
        else:
            _git(repo, "read-tree", "--empty", env=env)
        for path in changed:
            sha = _git(repo, "hash-object", "-w", "--no-filters", "--stdin", env=env, input=files[path].encode("utf-8"))
            _git(repo, "update-index", "--add", "--cacheinfo", f"100644,{sha},{path}", env=env)
        tree = _git(repo, "write-tree", env=env)
        args = ["commit-tree", tree, "-F", "-"] + (["-p", parent] if parent else [])
        commit = _git(repo, *args, env=env, input=message.encode("utf-8"))
    # guarded by the old value: if someone moved the branch meanwhile this fails instead of losing their commit
    _git(repo, "update-ref", "-m", "gotui commit", f"refs/heads/{branch}", commit, tip or ZERO)
    return CommitResult(branch=branch, commit=commit, parent=parent, files=changed)
