"""`converted` means Go that builds: after a convert, the converted units are built with their
packages' Go, and a unit whose own Go does not build becomes `partial` with the compiler's reason.

The build is the one `gotui check` runs (the branch's layout, the preamble, stubs for units not
accepted, failing units left out round by round), without the differential tests.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable

from gotui.golang.assemble import GoUnit, module_path_for
from gotui.golang.toolchain import Toolchain, find_toolchain
from gotui.verify.build import Assembler, branch_assembler, build_units
from gotui.verify.gates import CHECKABLE
CONVERTED = "converted"


def layout_table(project: Any) -> dict[str, Any] | None:
    """The project's `[layout]` table, or None when the config cannot give one (the default layout)."""
    try:
        return dict(getattr(project.config, "layout", None) or {})
    except Exception:  # noqa: BLE001 - a bad [layout] is the commit's error to report
        return None


def branch_setup(project: Any, toolchain: Toolchain, pending: list[GoUnit]) -> tuple[Assembler, Callable[[str], str], str]:
    """(assembler, Python path -> Go file, folder of go.mod) for building the project's checkable Go as it
    will sit on the branch: its layout, its preamble, and stubs for the units not checked (`pending`)."""
    root = Path(project.root)
    return branch_assembler(module_path_for(root.name), project.module_preamble(), toolchain, layout_table(project), root, pending)


def pending_units(project: Any, rows: list[Any]) -> list[GoUnit]:
    """The Go that only feeds stubs in a check's build: of the session's units with Go (`rows`, read once
    by the caller), those whose state is not checked (not converted, rejected or stale), and a single
    file's never-converted neighbours (Project.stand_ins)."""
    pending = [GoUnit(r.id, r.path, r.line, r.go) for r in rows if r.go.strip() and r.state not in CHECKABLE]
    return pending + list(getattr(project, "stand_ins", []))


def demote_unbuildable(project: Any, unit_ids: list[str], toolchain: Toolchain | None = None) -> dict[str, str]:
    """Build the units of `unit_ids` whose status is `converted` with their packages' Go; each one whose
    own Go fails to build or vet becomes `partial` (and `build_failed`) with the first error.
    Returns unit id -> reason. Nothing happens without a Go toolchain (the check says so later)."""
    toolchain = toolchain or find_toolchain()
    if toolchain is None:
        return {}
    session = project.session
    rows = session.units(with_go=True)
    records = [r for r in rows if r.state in CHECKABLE and r.go.strip()]
    wanted = set(unit_ids)
    candidates = {r.id: r for r in records if r.id in wanted and r.status == CONVERTED}
    if not candidates:
        return {}
    assembler, _, go_root = branch_setup(project, toolchain, pending_units(project, rows))
    workdir = Path(tempfile.mkdtemp(prefix="gotui-build-"))
    try:
        built = build_units(toolchain, [GoUnit(r.id, r.path, r.line, r.go) for r in records], workdir, assembler, go_root)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    out: dict[str, str] = {}
    for uid, rec in candidates.items():
        own = [e for e in built.failed.get(uid, []) if e.unit_id == uid]  # not another unit's or the package's error
        if not own:
            continue
        more = f" (+{len(own) - 1} more)" if len(own) > 1 else ""
        reason = f"the Go does not build: {own[0].text()}{more}"
        if session.demote(uid, rec.go, reason):
            out[uid] = reason
    return out
