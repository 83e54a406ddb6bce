"""Where a review lives: the work-tree root, the `.gotui/` state folder, and the scan that feeds it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from gotui.parse.files import Scan, scan, scan_first
from gotui.parse.scan_cache import ScanCache
from gotui.session.store import Session
from gotui.vcs.branch import BranchError, check_git_env
from gotui.vcs.gitlib import common_dir, find_worktree, git

STATE_DIR = ".gotui"


class WorkspaceError(Exception):
    pass


@dataclass
class Workspace:
    """A target path resolved to its root (the git work tree, or the folder itself without git)."""

    target: Path
    root: Path
    git_dir: Path | None  # None outside a git work tree

    @classmethod
    def open(cls, path: str | Path = ".") -> "Workspace":
        target = Path(path).expanduser()
        if not target.exists():
            raise WorkspaceError(f"{path}: no such file or folder")
        target = target.resolve()
        if target.is_file() and target.suffix != ".py":
            raise WorkspaceError(f"{path}: not a Python file")
        found = find_worktree(target)
        if found is None:
            return cls(target=target, root=target if target.is_dir() else target.parent, git_dir=None)
        root, git_dir = found
        try:
            check_git_env(git_dir, root)
        except BranchError as exc:
            raise WorkspaceError(str(exc)) from None
        return cls(target=target, root=root.resolve(), git_dir=git_dir)

    @cached_property
    def repo(self) -> "git.Repo | None":
        """GitPython's view of the work tree, made when first needed (a commit, a review ref)."""
        return None if self.git_dir is None else git.Repo(self.root)

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    def _exclude_state_dir(self) -> None:
        """List `.gotui/` in `.git/info/exclude` (shared by linked worktrees) so `git status` stays clean."""
        if self.git_dir is None:
            return
        info = common_dir(self.git_dir) / "info"
        exclude = info / "exclude"
        line = f"/{STATE_DIR}/"
        try:
            existing = exclude.read_text(encoding="utf-8") if exclude.exists() else ""
            if line not in existing.split("\n"):
                info.mkdir(parents=True, exist_ok=True)
                with exclude.open("a", encoding="utf-8") as fh:
                    fh.write(("" if existing.endswith("\n") or not existing else "\n") + line + "\n")
        except OSError as exc:
            raise WorkspaceError(f"cannot write {exclude}: {exc.strerror}") from exc

    def session(self) -> Session:
        self._exclude_state_dir()
        return Session(self.state_dir)

    def scan_cache(self, read_only: bool = False) -> ScanCache:
        return ScanCache(self.state_dir / "scan-cache.db", read_only=read_only)

    def scan(self, read_only: bool = False) -> Scan:
        """The units under the target; `read_only` reads the scan cache if there is one and writes nothing."""
        return scan(self.root, self.target, cache=self.scan_cache(read_only))

    def load(self, first_units: int | None = None) -> tuple[Scan, Session]:
        """Scan the target and bring the session up to date with it.

        With `first_units`, only the first files (until they hold that many units) are scanned and
        synced: a screen shows them at once and calls `scan()` + `session.sync` for the rest.
        """
        session = self.session()  # first: it lists .gotui/ in .git/info/exclude before anything is written there
        cache = self.scan_cache()
        result = scan(self.root, self.target, cache) if first_units is None else scan_first(self.root, self.target, cache, first_units)
        session.sync(result.units, paths={m.path for m in result.modules})
        return result, session
