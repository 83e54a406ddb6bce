"""From the session's accepted units to a commit on the migration branch."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from gotui.vcs.gitlib import git

from gotui import __version__
from gotui.golang.assemble import (
    GO_VERSION, GoUnit, Layout, LayoutError, PythonFiles, assemble_module, go_mod, module_from_go_mod, module_path_for,
    raised_go_version,
)
from gotui.golang.toolchain import find_toolchain
from gotui.session.store import COMMITTABLE, Session, UnitRecord
from gotui.vcs.branch import (DEFAULT_BRANCH, MOVED, USER_OWNED, BranchError, CommitResult, blob_id, branch_name, commit_files, file_at, gotui_written,
                              refuse_checked_out, resolve_commit, tree_entries, validate_branch)

RETRIES = 3  # a pair committing at once: rebuild on the new tip this many times before giving up


@dataclass
class CommitPlan:
    units: list[UnitRecord]
    files: dict[str, str]
    message: str
    delete: list[str] = field(default_factory=list)
    tip: str | None = None  # the branch tip the plan was built on (None: a new branch)
    module: str = ""
    stubs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    init_stubs: list[str] = field(default_factory=list)  # a stub a package would call as it loads: commit refuses


def module_preamble_for(root: Path, evidence: dict[tuple[str, str], dict[str, str]] | None = None) -> Callable[[str], str]:
    """The rules translator's per-module preamble (module constants), read from the work tree at `root`.

    `evidence` is what the units' translations were given beyond the source ((path, qualname) ->
    parameter -> annotation: the traced folders', `Project.evidence_table`): a constant built by calling
    a unit must be declared as that unit's Go returns it, or the package does not build.

    The translator reads each module's siblings from `root` (not the working directory), so a name two
    files of one folder declare is declared once in the Go package, wherever gotui is run from.
    Best effort: a file that cannot be read, or constants the translator trips over, give no
    preamble (the build then names what is missing) rather than stopping a commit or a check.
    """
    # imported here, not at the top: the review screen imports this module before its first paint, and
    # the translator (~0.5 s of imports) is needed only when a commit or a check assembles Go
    from gotui.llm.rules import RulesTranslator
    from gotui.parse.units import parse_module

    translator = RulesTranslator(root=root)
    if evidence:
        translator.use_evidence(evidence)
    cache: dict[str, str] = {}

    def preamble(py_path: str) -> str:
        if py_path not in cache:
            try:
                cache[py_path] = translator.preamble(parse_module(py_path, (root / py_path).read_bytes())) or ""
            except Exception:  # noqa: BLE001 - see above
                cache[py_path] = ""
        return cache[py_path]

    return preamble


def as_layout(layout: Layout | Mapping[str, Any] | None) -> Layout:
    """A Layout from itself, the `[layout]` config table, or None (defaults); errors are BranchErrors."""
    if isinstance(layout, Layout):
        return layout
    try:
        return Layout.from_config(layout)
    except LayoutError as exc:
        raise BranchError(str(exc)) from None


def default_module(repo: git.Repo) -> str:
    """A module path from the repository's name (the main work tree's folder, the same from any linked one)."""
    common = Path(repo.common_dir).resolve()
    name = common.parent.name if common.name == ".git" else common.name.removesuffix(".git")
    return module_path_for(name)


def commit_message(repo: git.Repo, root: Path, units: list[UnitRecord], summary: str | None,
                   stubs: list[str] | None = None, removed: list[str] | None = None) -> str:
    default = f"gotui: migrate {len(units)} unit{'s' if len(units) != 1 else ''} to Go" if units else \
        "gotui: remove the Go of units no longer accepted"
    lines = [summary or default, ""]
    for u in units:
        check = f", check {u.check_status}" if u.check_status else ""
        lines.append(f"- {u.id} ({u.state}{check})")
    if stubs:
        lines += ["", "Stubs (not accepted yet, used by accepted code; they panic when called):"]
        lines += [f"- {uid} (stub)" for uid in stubs]
    if removed:
        lines += ["", "Removed (no accepted unit left):"] + [f"- {p}" for p in removed]
    lines.append("")
    lines.append(f"Gotui-Version: {__version__}")
    backends = sorted({u.backend for u in units if u.backend})
    models = sorted({u.model for u in units if u.model})
    if backends:
        lines.append(f"Gotui-Backend: {', '.join(backends)}")
    if models:
        lines.append(f"Gotui-Model: {', '.join(models)}")
    for path in sorted({u.path for u in units}):
        try:
            sha = blob_id(repo, (root / path).read_bytes())
        except (OSError, BranchError):
            continue
        lines.append(f"Gotui-Python-Blob: {path} {sha}")
    return "\n".join(lines) + "\n"


def plan_commit(repo: git.Repo, root: Path, session: Session, branch: str, message: str | None = None, *,
                layout: Layout | Mapping[str, Any] | None = None, stubs: bool = True,
                extra_files: Mapping[str, str] | None = None, preamble: Callable[[str], str] | None = None) -> CommitPlan:
    """What a commit would write: Go files, go.mod when missing, files to delete, the message."""
    layout = as_layout(layout)
    units = session.committable()
    tip = resolve_commit(repo, f"refs/heads/{branch}")
    base = tip or resolve_commit(repo, "HEAD")
    existing = tree_entries(repo, base)
    ours = gotui_written(repo, base) & set(existing)
    if not units and not ours:
        raise BranchError("nothing to commit: accept some units first (key a, or gotui accept)")
    go_mod_text = file_at(repo, base, layout.go_mod) if layout.go_mod in existing else None
    module = module_from_go_mod(go_mod_text.decode("utf-8", "replace") if go_mod_text else None) \
        or layout.module or default_module(repo)
    warnings = []
    if go_mod_text is not None and layout.module and layout.module != module:
        warnings.append(f"[layout] module is {layout.module}, but {layout.go_mod} on {branch} says {module}: using go.mod")
    pending = []
    if stubs:
        pending = [GoUnit(u.id, u.path, u.line, u.go) for u in session.units(with_go=True) if u.go.strip() and u.state not in COMMITTABLE]
    assembly = assemble_module([GoUnit(u.id, u.path, u.line, u.go) for u in units], layout, module, pending=pending,
                               python=PythonFiles(root), preamble=preamble or module_preamble_for(root), toolchain=find_toolchain())
    files = assembly.files
    files.update(extra_files or {})  # evidence: generated tests beside the Go they prove
    if go_mod_text is None:
        files[layout.go_mod] = go_mod(module)
    elif (raised := raised_go_version(go_mod_text.decode("utf-8", "replace"))) is not None:
        files[layout.go_mod] = raised  # the rest of go.mod stays as it is
        warnings.append(f"[layout] {layout.go_mod} on {branch} asked for an older Go: its go line is now `go {GO_VERSION}`, "
                        "which the generated code needs (iter.Seq for generators)")
    delete = sorted(p for p in ours - set(files) if p.rsplit("/", 1)[-1] not in USER_OWNED)
    text = commit_message(repo, root, units, message, assembly.stubs, delete)
    return CommitPlan(units=units, files=files, message=text, delete=delete, tip=tip, module=module,
                      stubs=assembly.stubs, warnings=warnings + assembly.warnings + assembly.init_stubs,
                      init_stubs=assembly.init_stubs)


def publish(repo: git.Repo, root: Path, session: Session, branch: str = DEFAULT_BRANCH, message: str | None = None,
            dry_run: bool = False, *, layout: Layout | Mapping[str, Any] | None = None, stubs: bool = True,
            extra_files: Mapping[str, str] | None = None, preamble: Callable[[str], str] | None = None) -> CommitResult:
    """Commit the accepted Go to `branch` (`refs/heads/x` means x); `layout` is a Layout or the `[layout]` config table;
    `preamble` gives a module's constants (module_preamble_for with the project's evidence)."""
    branch = branch_name(branch)
    validate_branch(repo, branch)
    refuse_checked_out(repo, branch)  # before the work of assembling
    for attempt in range(RETRIES):
        plan = plan_commit(repo, root, session, branch, message, layout=layout, stubs=stubs, extra_files=extra_files,
                           preamble=preamble)
        if plan.init_stubs and not dry_run:  # never a package that panics when imported, --force or not
            raise BranchError("not committed: " + "; ".join(plan.init_stubs))
        try:
            result = commit_files(repo, branch, plan.files, plan.message, dry_run=dry_run, delete=plan.delete, base=plan.tip)
        except BranchError as exc:
            if exc.reason == MOVED and attempt < RETRIES - 1:
                continue  # someone committed meanwhile: plan again on their tip
            raise
        result.stubs, result.warnings = plan.stubs, plan.warnings + result.warnings
        result.go_paths = {u.path: as_layout(layout).go_file(u.path) for u in plan.units}
        if result.commit:
            session.record_commit(result.commit, branch, [u.id for u in plan.units])
        return result
    raise AssertionError("unreachable")
