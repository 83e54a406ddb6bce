"""What a unit's Go calls that check cannot stand behind: a unit stubbed because it does not build, a
partial unit (its TODO panics when reached), or a unit whose Go is only a stub here (not converted, or
rejected: `assemble_module`'s pending units, and a single file's never-converted neighbours,
Project.stand_ins). The first two become notes on the verdict; the last makes the unit `untested`,
since a run would judge the stub's panic rather than the unit."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any, Callable, Iterable

from gotui.golang.assemble import GoUnit, go_decls, identifiers_used
from gotui.verify.gates import TODO_MARK


def _declared(units: Iterable[tuple[str, str, str]], go_file_of: Callable[[str], str]) -> dict[tuple[PurePosixPath, str], str]:
    """(Go folder, function name) -> unit id, for the functions `units` ((id, Python path, Go) each)
    declare. Functions only (constructors included): a method's name says nothing of its receiver's
    type, and a type or constant is no body that panics."""
    out: dict[tuple[PurePosixPath, str], str] = {}
    for uid, path, go in units:
        here = PurePosixPath(go_file_of(path)).parent
        for d in go_decls(go):
            if d.kind == "func":
                out.setdefault((here, d.name), uid)
    return out


def _called(record: Any, table: dict[tuple[PurePosixPath, str], str], go_file_of: Callable[[str], str]) -> list[str]:
    here = PurePosixPath(go_file_of(record.path)).parent
    own = {d.name for d in go_decls(record.go)}
    return sorted({table[(here, n)] for n in identifiers_used(record.go) - own if (here, n) in table})


def stubbed_callees(records: list[Any], stubs: list[GoUnit], go_file_of: Callable[[str], str]) -> dict[str, list[str]]:
    """Unit id -> the stubbed units (`stubs`: Go that only feeds stubs) its Go names, for each record that names one."""
    table = _declared(((u.unit_id, u.py_path, u.go) for u in stubs), go_file_of)
    if not table:
        return {}
    out: dict[str, list[str]] = {}
    for r in records:
        called = _called(r, table, go_file_of)
        if called:
            out[r.id] = called
    return out


def stubbed_note(broken: list[Any], record: Any, go_file_of: Callable[[str], str]) -> list[str]:
    """A unit checked while units of its Go package were stubbed (they do not build) says so."""
    here = PurePosixPath(go_file_of(record.path)).parent
    stubbed = sorted(b.id for b in broken if PurePosixPath(go_file_of(b.path)).parent == here)
    return [f"checked with {', '.join(stubbed)} stubbed (it does not build)"] if stubbed else []


def partial_callees(records: list[Any], go_file_of: Callable[[str], str]) -> dict[str, str]:
    """Unit id -> a note, for each unit whose Go calls a partial unit of its package (its TODO panics
    when reached): a `pass` then means the inputs never reached it, and a panic in a `diverged` detail
    has its cause."""
    table = _declared(((r.id, r.path, r.go) for r in records if TODO_MARK in r.go), go_file_of)
    if not table:
        return {}
    out: dict[str, str] = {}
    for r in records:
        if TODO_MARK in r.go:
            continue
        called = _called(r, table, go_file_of)
        if called:
            out[r.id] = f"calls {', '.join(called)}, which is partial (its TODO panics if reached)"
    return out
