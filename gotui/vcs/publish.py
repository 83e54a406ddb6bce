"""From the session's accepted units to a commit on the migration branch."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import git

from gotui.golang.assemble import GoUnit, assemble, go_mod, module_path_for
from gotui.golang.toolchain import find_toolchain
from gotui.session.store import COMMITTABLE, Session, UnitRecord
from gotui.vcs.branch import BranchError, CommitResult, blob_id, commit_files, file_at, resolve_commit

DEFAULT_BRANCH = "gotui/migration"


@dataclass
class CommitPlan:
    units: list[UnitRecord]
    files: dict[str, str]
    message: str


def module_preamble_for(root: Path):
    """The rules translator's per-module preamble (module constants), read from the work tree."""
    from gotui.llm.rules import module_preamble
    from gotui.parse.units import parse_module

    cache: dict[str, str] = {}

    def preamble(py_path: str) -> str:
        if py_path not in cache:
            try:
                cache[py_path] = module_preamble(parse_module(py_path, (root / py_path).read_bytes()))
            except OSError:
                cache[py_path] = ""
        return cache[py_path]

    return preamble


def committable(session: Session) -> list[UnitRecord]:
    return [u for u in session.units() if u.state in COMMITTABLE and u.go.strip()]


def commit_message(repo: git.Repo, root: Path, units: list[UnitRecord], summary: str | None) -> str:
    lines = [summary or f"gotui: migrate {len(units)} unit{'s' if len(units) != 1 else ''} to Go", ""]
    for u in units:
        check = f", check {u.check_status}" if u.check_status else ""
        lines.append(f"- {u.id} ({u.state}{check})")
    lines.append("")
    backends = sorted({u.backend for u in units if u.backend})
    models = sorted({u.model for u in units if u.model})
    if backends:
        lines.append(f"Gotui-Backend: {', '.join(backends)}")
    if models:
        lines.append(f"Gotui-Model: {', '.join(models)}")
    blobs: dict[str, str] = {}
    for path in sorted({u.path for u in units}):
        try:
            blobs[path] = blob_id(repo, (root / path).read_bytes())
        except (OSError, BranchError):
            continue
        lines.append(f"Gotui-Python-Blob: {path} {blobs[path]}")
    return "\n".join(lines) + "\n"


def plan_commit(repo: git.Repo, root: Path, session: Session, branch: str, message: str | None = None) -> CommitPlan:
    units = committable(session)
    if not units:
        raise BranchError("nothing to commit: accept some units first (key a, or gotui accept)")
    toolchain = find_toolchain()
    files = assemble([GoUnit(u.id, u.path, u.line, u.go) for u in units], module_path_for(root.name),
                     preamble=module_preamble_for(root), toolchain=toolchain)
    tip = resolve_commit(repo, f"refs/heads/{branch}") or resolve_commit(repo, "HEAD")
    if file_at(repo, tip, "go.mod") is None:
        files["go.mod"] = go_mod(module_path_for(root.name))
    return CommitPlan(units=units, files=files, message=commit_message(repo, root, units, message))


def publish(repo: git.Repo, root: Path, session: Session, branch: str = DEFAULT_BRANCH, message: str | None = None,
            dry_run: bool = False) -> CommitResult:
    plan = plan_commit(repo, root, session, branch, message)
    result = commit_files(repo, branch, plan.files, plan.message, dry_run=dry_run)
    if result.commit:
        session.record_commit(result.commit, branch, [u.id for u in plan.units])
    return result
