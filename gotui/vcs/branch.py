"""Write commits onto a branch without touching HEAD, the index or the work tree.

Everything goes through git plumbing and a temporary index file: read-tree of the branch tip,
blobs written with hash-object, write-tree, commit-tree, then update-ref guarded by the old tip
so a branch moved by someone else in the meantime is never overwritten.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from gotui.vcs.gitlib import git

DEFAULT_BRANCH = "gotui/migration"
ZERO = "0" * 40
MOVED = "moved"
CHECKED_OUT = "checked-out"

# Files gotui creates once and then leaves to the user (never rewritten, never deleted).
USER_OWNED = ("go.mod", "go.sum", "go.work", "go.work.sum")


class BranchError(Exception):
    """A one-line message; `reason` tells callers which case it is (MOVED, CHECKED_OUT or "")."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason


@dataclass
class CommitResult:
    branch: str
    commit: str | None  # None when nothing changed (or on a dry run)
    parent: str | None
    files: list[str] = field(default_factory=list)  # every path added, modified or deleted
    dry_run: bool = False
    added: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    stubs: list[str] = field(default_factory=list)  # units given a stub (not accepted, used by accepted code)
    warnings: list[str] = field(default_factory=list)
    go_paths: dict[str, str] = field(default_factory=dict)  # python path -> go path (shown by --dry-run)

    def changes(self) -> list[tuple[str, str]]:
        """(A/M/D, path) sorted by path, like `git diff --name-status`."""
        rows = [("A", p) for p in self.added] + [("M", p) for p in self.modified] + [("D", p) for p in self.deleted]
        return sorted(rows, key=lambda r: r[1])

    def to_json(self) -> dict:
        return {"branch": self.branch, "commit": self.commit, "parent": self.parent, "dry_run": self.dry_run,
                "files": self.files, "added": self.added, "modified": self.modified, "deleted": self.deleted,
                "stubs": self.stubs, "warnings": self.warnings}


# Every git command gotui runs goes through git_command: no hook of the repository runs on gotui's
# behalf (post-index-change fires even on a temporary index, reference-transaction on update-ref).
NO_HOOKS = ("-c", "core.hooksPath=/dev/null")


def git_command(*args: str) -> list[str]:
    return ["git", *NO_HOOKS, *args]


def _cwd(repo: git.Repo) -> str:
    return str(repo.working_tree_dir or repo.git_dir)


def _git(repo: git.Repo, *args: str, env: dict[str, str] | None = None, input: bytes | None = None) -> str:
    proc = subprocess.run(git_command(*args), cwd=_cwd(repo), env=env, input=input, capture_output=True)
    if proc.returncode != 0:
        err = proc.stderr.decode(errors="replace").strip()
        raise BranchError(f"git {args[0]} failed: {err.splitlines()[-1] if err else proc.returncode}")
    return proc.stdout.decode("utf-8", "surrogateescape").strip()


def _try(repo: git.Repo, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(git_command(*args), cwd=_cwd(repo), capture_output=True, text=True)


def open_repo(path: str | Path) -> git.Repo:
    """The repository holding `path`, or a clear BranchError (no git at all, or a bare repository)."""
    target = Path(path).expanduser().resolve()
    try:
        repo = git.Repo(target if target.is_dir() else target.parent, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise BranchError(f"{path} is not in a git repository: gotui needs git for this (git init, then commit your Python)") from None
    if repo.bare or repo.working_tree_dir is None:
        raise BranchError(f"{path} is a bare git repository: run gotui in a work tree")
    check_git_env(repo.git_dir, repo.working_tree_dir)
    return repo


def check_git_env(git_dir: str | Path, work_tree: str | Path | None, env: dict[str, str] | None = None) -> None:
    """Refuse when GIT_DIR / GIT_WORK_TREE point somewhere else than the repository of PATH.

    git obeys them over the current folder, so gotui's git commands would read and write another
    repository than the one it scanned.
    """
    env = dict(os.environ if env is None else env)
    for name, mine in (("GIT_DIR", git_dir), ("GIT_WORK_TREE", work_tree)):
        value = env.get(name)
        if not value or mine is None:
            continue
        if Path(value).expanduser().resolve() != Path(mine).resolve():
            raise BranchError(f"{name}={value} is not the repository of this path ({mine}): unset {name} "
                              "or run gotui inside that repository")


def resolve_commit(repo: git.Repo, ref: str) -> str | None:
    proc = _try(repo, "rev-parse", "--verify", "-q", ref + "^{commit}")
    return (proc.stdout.strip() or None) if proc.returncode == 0 else None


def _worktree_git_dirs(repo: git.Repo) -> list[tuple[str, Path]]:
    """(work tree path, its private git dir) for the main and every linked work tree."""
    common = Path(repo.common_dir).resolve()
    out: list[tuple[str, Path]] = [(str(common.parent), common)]
    linked = common / "worktrees"
    if linked.is_dir():
        for d in sorted(linked.iterdir()):
            try:
                tree = Path((d / "gitdir").read_text(encoding="utf-8").strip()).parent
            except OSError:
                tree = d
            out.append((str(tree), d))
    return out


def _busy_branches(git_dir: Path) -> list[str]:
    """Branches a work tree is in the middle of rebasing or bisecting (HEAD is detached then)."""
    names = []
    for rel in ("rebase-merge/head-name", "rebase-apply/head-name", "BISECT_START"):
        try:
            text = (git_dir / rel).read_text(encoding="utf-8").strip()
        except OSError:
            continue
        if text:
            names.append(text if text.startswith("refs/") else f"refs/heads/{text}")
    return names


def checked_out_in(repo: git.Repo, branch: str) -> str | None:
    """The work tree that has `branch` checked out, or is rebasing or bisecting it, if any."""
    out = _git(repo, "worktree", "list", "--porcelain")
    current = None
    for line in out.splitlines():
        if line.startswith("worktree "):
            current = line[len("worktree "):]
        elif line == f"branch refs/heads/{branch}":
            return current
    for tree, git_dir in _worktree_git_dirs(repo):
        if f"refs/heads/{branch}" in _busy_branches(git_dir):
            return tree
    return None


def branch_name(branch: str) -> str:
    """`refs/heads/x` -> `x`: a full ref of a branch names that branch."""
    return branch[len("refs/heads/"):] if branch.startswith("refs/heads/") else branch


def validate_branch(repo: git.Repo, branch: str) -> None:
    """git's own rules for a branch name (check-ref-format --branch), without its @{-N} expansion."""
    proc = _try(repo, "check-ref-format", "--branch", branch)
    if proc.returncode != 0 or branch.startswith("-") or proc.stdout.strip() != branch or "@{" in branch:
        raise BranchError(f"{branch!r} is not a valid branch name (see git check-ref-format)")


def refuse_checked_out(repo: git.Repo, branch: str) -> None:
    holder = checked_out_in(repo, branch)
    if holder is not None:
        raise BranchError(f"branch {branch} is checked out in {holder}: gotui will not move a checked-out branch "
                          "(its work tree would no longer match); use --branch to pick another, or switch that work tree away",
                          reason=CHECKED_OUT)


def identity_env(repo: git.Repo) -> dict[str, str]:
    """The user's identity when git knows it, else a neutral gotui one (commit-tree refuses no identity)."""
    env = dict(os.environ)
    for who in ("AUTHOR", "COMMITTER"):
        proc = subprocess.run(git_command("var", f"GIT_{who}_IDENT"), cwd=_cwd(repo), capture_output=True, env=env)
        if proc.returncode != 0:
            env.setdefault(f"GIT_{who}_NAME", "gotui")
            env.setdefault(f"GIT_{who}_EMAIL", "gotui@localhost")
    return env


_identity_env = identity_env  # the earlier private name


def file_at(repo: git.Repo, commit: str | None, path: str) -> bytes | None:
    if commit is None:
        return None
    proc = subprocess.run(git_command("cat-file", "blob", f"{commit}:{path}"), cwd=_cwd(repo), capture_output=True)
    return proc.stdout if proc.returncode == 0 else None


def tree_entries(repo: git.Repo, commit: str | None, kind_wanted: str = "blob") -> dict[str, tuple[str, str]]:
    """path -> (mode, object id) for every file of a commit (empty for None); kind "commit" lists submodules."""
    if commit is None:
        return {}
    proc = subprocess.run(git_command("ls-tree", "-r", "-z", "--full-tree", commit), cwd=_cwd(repo), capture_output=True)
    if proc.returncode != 0:
        raise BranchError(f"cannot read the tree of {commit[:10]}: {proc.stderr.decode(errors='replace').strip()}")
    entries: dict[str, tuple[str, str]] = {}
    for record in proc.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, kind, sha = meta.decode().split(" ")
        if kind == kind_wanted:
            entries[path.decode("utf-8", "surrogateescape")] = (mode, sha)
    return entries


def _object_format(repo: git.Repo) -> str:
    proc = _try(repo, "rev-parse", "--show-object-format")
    return proc.stdout.strip() if proc.returncode == 0 and proc.stdout.strip() else "sha1"


def blob_id(repo: git.Repo, data: bytes) -> str:
    """The blob id of some bytes, without writing it."""
    fmt = _object_format(repo)
    if fmt in ("sha1", "sha256"):
        return hashlib.new(fmt, b"blob %d\0" % len(data) + data).hexdigest()
    return _git(repo, "hash-object", "--no-filters", "--stdin", input=data)


_UNSET: object = object()


def commit_files(repo: git.Repo, branch: str, files: dict[str, str], message: str, dry_run: bool = False, *,
                 delete: list[str] | tuple[str, ...] = (), base: object = _UNSET) -> CommitResult:
    """Commit `files` (path -> text) and remove `delete` on top of `branch` (created from HEAD when new).

    `base` is the tip the caller planned against (None: the branch did not exist); when the branch
    is somewhere else now, nothing is written and BranchError(reason=MOVED) is raised.
    """
    branch = branch_name(branch)
    validate_branch(repo, branch)
    refuse_checked_out(repo, branch)
    ref = f"refs/heads/{branch}"
    tip = resolve_commit(repo, ref)
    if base is not _UNSET and base != tip:
        raise _moved(branch)
    parent = tip or resolve_commit(repo, "HEAD")
    existing = tree_entries(repo, parent)
    # a submodule (gitlink, mode 160000) stays: a file at or under it would replace it in the index
    links = tree_entries(repo, parent, "commit")
    warnings = [f"{p} not written: {link} is a submodule on {branch}" for p in sorted(files)
                for link in links if p == link or p.startswith(link + "/")]
    data = {p: text.encode("utf-8") for p, text in files.items()
            if not any(p == link or p.startswith(link + "/") for link in links)}
    added, modified, blobs = [], [], {}
    for path in sorted(data):
        blobs[path] = blob_id(repo, data[path])
        if path not in existing:
            added.append(path)
        elif existing[path][1] != blobs[path]:
            modified.append(path)
    deleted = sorted(p for p in set(delete) if p in existing and p not in data)
    changed = sorted(added + modified + deleted)
    result = CommitResult(branch=branch, commit=None, parent=parent, files=changed, dry_run=dry_run,
                          added=added, modified=modified, deleted=deleted, warnings=warnings)
    if dry_run or not changed:
        return result
    env = identity_env(repo)
    with tempfile.TemporaryDirectory(prefix="gotui-index-") as tmp:
        env["GIT_INDEX_FILE"] = str(Path(tmp) / "index")
        _git(repo, "read-tree", *([parent] if parent else ["--empty"]), env=env)
        lines = []
        for path in added + modified:
            sha = _git(repo, "hash-object", "-w", "--no-filters", "--stdin", env=env, input=data[path])
            mode = existing.get(path, ("100644", ""))[0]
            lines.append(f"{mode if mode in ('100644', '100755') else '100644'} {sha}\t{path}")
        zero = "0" * len(blobs[next(iter(blobs))]) if blobs else ZERO
        lines += [f"0 {zero}\t{path}" for path in deleted]
        payload = "".join(line + "\0" for line in lines).encode("utf-8", "surrogateescape")
        _git(repo, "update-index", "-z", "--index-info", env=env, input=payload)
        tree = _git(repo, "write-tree", env=env)
        commit = _commit_tree(repo, tree, parent, message, env)
    # guarded by the old value: if someone moved the branch meanwhile this fails instead of losing their commit
    update_ref(repo, ref, commit, tip, f"gotui commit: {len(changed)} file(s)", branch)
    result.commit = commit
    return result


def _commit_tree(repo: git.Repo, tree: str, parent: str | None, message: str, env: dict[str, str]) -> str:
    args = ["commit-tree", tree, "-F", "-"] + (["-p", parent] if parent else [])
    return _git(repo, *args, env=env, input=message.encode("utf-8"))


def _moved(branch: str) -> BranchError:
    return BranchError(f"branch {branch} moved while gotui was committing (someone else committed to it): "
                       "nothing was overwritten; run the commit again to build on its new tip", reason=MOVED)


def update_ref(repo: git.Repo, ref: str, new: str, old: str | None, reason: str, branch: str | None = None) -> None:
    """Move `ref` to `new` only if it is still at `old` (None: must not exist yet)."""
    proc = _try(repo, "update-ref", "-m", reason, ref, new, old or ZERO)
    if proc.returncode != 0:
        now = resolve_commit(repo, ref)
        if now != old:
            raise _moved(branch or ref)
        raise BranchError(f"git update-ref failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode}")


def gotui_written(repo: git.Repo, tip: str | None) -> set[str]:
    """Paths that gotui commits (first-parent history of `tip`, messages with Gotui- trailers) wrote."""
    if tip is None:
        return set()
    proc = subprocess.run(
        git_command("log", "--first-parent", "--root", "--no-renames", "--name-only", "-z", "--format=%x01%H",
                    "--grep=^Gotui-", tip), cwd=_cwd(repo), capture_output=True)
    if proc.returncode != 0:
        return set()
    paths: set[str] = set()
    for token in proc.stdout.decode("utf-8", "surrogateescape").split("\0"):
        token = token.strip("\n")
        if token and not token.startswith("\x01"):
            paths.add(token)
        elif "\n" in token:
            paths.update(p for p in token.split("\n")[1:] if p)
    return {p for p in paths if p.rsplit("/", 1)[-1] not in USER_OWNED}
