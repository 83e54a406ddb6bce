"""Build and vet units' Go in a temporary module laid out as on the branch; map each error to its unit.

Every unit's declarations are led by a marker comment (`// gotui:unit <id>`) in the temporary copy
only, so after assembly and gofmt an error's file line falls in exactly one unit's span (or in
the preamble or helper file, which belong to no unit). Units whose own code fails are left out
and the rest rebuilt, a bounded number of times, so one bad unit never hides the others.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Mapping

from gotui.golang.assemble import GoUnit, Layout, Preamble, PythonFiles, assemble_module, go_mod, render_file, split_imports
from gotui.golang.helpers import HELPER_FILE, helper_source
from gotui.golang.toolchain import Toolchain, require_toolchain

MARK = "// gotui:unit "
TEST_MARK = "// gotui:test "
_GO_ERROR = re.compile(r"^(?:vet: )?(?:\./)?(?P<file>[^\s:#][^:\n]*?\.go):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<msg>.+)$")
MAX_ROUNDS = 6


@dataclass
class BuildError:
    message: str
    file: str = ""  # path in the temporary module ("" when the error names none)
    file_line: int | None = None
    unit_id: str | None = None
    unit_line: int | None = None  # line in the unit's own Go text
    stage: str = "build"  # build, vet or test

    def text(self) -> str:
        prefix = "vet: " if self.stage == "vet" and not self.message.startswith("vet") else ""
        if self.unit_id is not None and self.unit_line is not None:
            return f"line {self.unit_line}: {prefix}{self.message}"
        if self.file:
            return f"{self.file}:{self.file_line}: {prefix}{self.message}"
        return prefix + self.message


@dataclass
class Span:
    unit_id: str
    start: int  # 1-based line of the marker
    end: int  # last line of the unit in the file


@dataclass
class BuildOutcome:
    files: dict[str, str]  # the module as last built (with markers), go.mod included
    built: list[GoUnit]  # units in the final, clean build
    failed: dict[str, list[BuildError]] = field(default_factory=dict)
    spans: dict[str, list[Span]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed


def body_offset(go: str) -> int:
    """0-based index in the unit's Go of its first declaration line (after package clause and imports)."""
    _, body = split_imports(go)
    first = next((ln.strip() for ln in body.split("\n") if ln.strip()), "")
    if first:
        for i, ln in enumerate(go.split("\n")):
            if ln.strip() == first:
                return i
    return 0


def marked(unit_id: str, go: str, mark: str = MARK) -> str:
    """The unit's Go with its imports first and the marker comment right before its declarations."""
    imports, body = split_imports(go)
    head = ""
    if imports:
        head = "import (\n" + "".join(f'\t{(a + " ") if a else ""}"{p}"\n' for p, a in sorted(imports.items())) + ")\n\n"
    return head + mark + unit_id + "\n" + body


def spans_of(text: str, mark: str = MARK) -> list[Span]:
    spans: list[Span] = []
    lines = text.split("\n")
    for i, ln in enumerate(lines, 1):
        if ln.startswith(mark):
            if spans:
                spans[-1].end = i - 1
            spans.append(Span(ln[len(mark):].strip(), i, len(lines)))
    return spans


def locate(spans: list[Span], line: int) -> Span | None:
    for s in spans:
        if s.start <= line <= s.end:
            return s
    return None


def parse_errors(output: str, stage: str) -> list[BuildError]:
    """Go's `file:line:col: message` lines; other lines that say something (go.mod trouble) without a place."""
    out: list[BuildError] = []
    loose: list[str] = []
    for raw in output.splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#") or line.startswith("\t") or line.startswith("FAIL") or line.startswith("ok "):
            continue
        m = _GO_ERROR.match(line.strip())
        if m:
            out.append(BuildError(m.group("msg").strip(), m.group("file"), int(m.group("line")), stage=stage))
        elif not line.startswith(" ") and "too many errors" not in line:
            loose.append(line.strip())
    if not out and loose:
        out.append(BuildError("; ".join(loose[:3])[:500], stage=stage))
    return out


def attribute(errors: list[BuildError], spans: dict[str, list[Span]], offsets: dict[str, int]) -> None:
    """Fill in unit_id and unit_line from the marker spans."""
    for e in errors:
        if not e.file or e.file_line is None:
            continue
        span = locate(spans.get(_norm(e.file), []), e.file_line)
        if span is not None:
            e.unit_id = span.unit_id
            e.unit_line = e.file_line - span.start + offsets.get(span.unit_id, 0)


def _norm(path: str) -> str:
    return str(PurePosixPath(path[2:] if path.startswith("./") else path))


def write_module(folder: Path, files: dict[str, str]) -> None:
    """Make `folder` hold exactly these files (old .go files removed)."""
    for old in folder.rglob("*.go"):
        rel = str(old.relative_to(folder).as_posix())
        if rel not in files:
            old.unlink()
    for rel, text in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")


def _dir_of(path: str) -> str:
    return str(PurePosixPath(path).parent)


Assembler = Callable[[list[GoUnit], list[GoUnit]], dict[str, str]]  # (units, left out) -> files by path, go.mod included


def branch_assembler(module: str, preamble: Preamble | None = None, toolchain: Toolchain | None = None,
                     layout_table: Mapping[str, Any] | None = None, python_root: Path | None = None,
                     pending: list[GoUnit] | None = None) -> tuple[Assembler, Callable[[str], str], str]:
    """(assembler, Python path -> Go file, folder of go.mod): the layout the units will have on the branch.

    """
    try:
        layout = Layout.from_config(layout_table)
    except ValueError:  # a bad [layout] is the commit's error to report; check with the default
        layout = Layout()
    module = layout.module or module
    waiting = list(pending or [])

    def linked(units: list[GoUnit], left_out: list[GoUnit]) -> dict[str, str]:
        # units left out because they do not build become stubs, so their callers still build
        result = assemble_module(units, layout, module, pending=[*left_out, *waiting], python=PythonFiles(python_root),
                                 preamble=preamble, toolchain=toolchain)
        files = dict(result.files)
        files[layout.go_mod] = go_mod(module)
        return files

    return linked, layout.go_file, layout.out


def build_units(toolchain: Toolchain, units: list[GoUnit], workdir: Path, assembler: Assembler, go_root: str = "",
                timeout: float = 300) -> BuildOutcome:
    """`go build ./...` then `go vet ./...` over the units, leaving out failing units until the rest is clean."""
    active = list(units)
    failed: dict[str, list[BuildError]] = {}
    offsets = {u.unit_id: body_offset(u.go) for u in units}
    files: dict[str, str] = {}
    spans: dict[str, list[Span]] = {}
    cwd = workdir / go_root if go_root else workdir
    for _ in range(MAX_ROUNDS):
        if not active:
            break
        left_out = [u for u in units if u.unit_id in failed]
        files = assembler([GoUnit(u.unit_id, u.py_path, u.line, marked(u.unit_id, u.go)) for u in active], left_out)
        write_module(workdir, files)
        spans = {p: spans_of(t) for p, t in files.items() if p.endswith(".go")}
        stage = "build"
        proc = toolchain.run(["build", "./..."], cwd=cwd, timeout=timeout)
        if proc.returncode == 0:
            stage = "vet"
            proc = toolchain.run(["vet", "./..."], cwd=cwd, timeout=timeout)
            if proc.returncode == 0:
                return BuildOutcome(files, active, failed, spans)
        errors = parse_errors(proc.stdout + "\n" + proc.stderr, stage)
        if not errors:
            errors = [BuildError(f"go {stage} failed (exit {proc.returncode})", stage=stage)]
        for e in errors:
            if e.file:
                e.file = _norm(f"{go_root}/{_norm(e.file)}" if go_root else e.file)
        attribute(errors, spans, offsets)
        blamed = {e.unit_id for e in errors if e.unit_id is not None}
        if not blamed:
            # the error is in a preamble, a helper, stub or go.mod: every unit of that package is affected
            dirs = {_dir_of(e.file) for e in errors if e.file}
            hit = [u for u in active if not dirs or any(_dir_of(p) in dirs for p in _files_of(files, u.unit_id))]
            for u in hit:
                failed[u.unit_id] = [BuildError(f"the package does not build: {e.text()}", e.file, e.file_line, stage=stage)
                                     for e in errors[:3]]
            blamed = {u.unit_id for u in hit} or {u.unit_id for u in active}
        for e in errors:
            if e.unit_id is not None:
                failed.setdefault(e.unit_id, []).append(e)
        active = [u for u in active if u.unit_id not in blamed]
    for u in active:  # still failing after the last round
        failed.setdefault(u.unit_id, [BuildError("the package still fails to build after leaving out the failing units")])
    return BuildOutcome(files, [], failed, spans)


def _files_of(files: dict[str, str], unit_id: str) -> list[str]:
    return [p for p, t in files.items() if p.endswith(".go") and (MARK + unit_id + "\n") in t]


# ---- one unit, for the repair loop ----------------------------------------------------------

_PACKAGE = re.compile(r"^\s*package\s+(\w+)", re.M)


def compile_errors(go_text: str, package_go: dict[str, str] | None = None, toolchain: Toolchain | None = None,
                   timeout: float = 120) -> list[str]:
    """Build and vet one unit's Go with its package's other files; errors as lines, empty when fine.

    `package_go` maps file names to the Go of the rest of the package (without this unit). Errors in
    the unit read `line N: message` (N counts lines of `go_text`); errors elsewhere name the file.
    Raises NoGoToolchain when there is no Go.
    """
    tc = toolchain or require_toolchain()
    context = {PurePosixPath(p).name: t for p, t in (package_go or {}).items() if PurePosixPath(p).name != HELPER_FILE}
    package = next((m.group(1) for t in context.values() if (m := _PACKAGE.search(t))), None)
    if package is None:
        m = _PACKAGE.search(go_text)
        package = m.group(1) if m else "gotuiunit"
    unit_file = "zz_gotui_unit.go"  # sorted last: a clash with the package is reported at the unit's line
    files = dict(context)
    files[unit_file] = render_file(package, [marked("unit", go_text)])
    helpers = helper_source(package, list(files.values()))
    if helpers:
        files[HELPER_FILE] = helpers
    formatted = tc.gofmt_source(files[unit_file])
    if formatted is not None:
        files[unit_file] = formatted
    files["go.mod"] = go_mod("gotuicheck")
    workdir = Path(tempfile.mkdtemp(prefix="gotui-unit-"))
    try:
        write_module(workdir, files)
        stage = "build"
        proc = tc.run(["build", "./..."], cwd=workdir, timeout=timeout)
        if proc.returncode == 0:
            stage = "vet"
            proc = tc.run(["vet", "./..."], cwd=workdir, timeout=timeout)
            if proc.returncode == 0:
                return []
        errors = parse_errors(proc.stdout + "\n" + proc.stderr, stage) or [BuildError(f"go {stage} failed", stage=stage)]
        attribute(errors, {unit_file: spans_of(files[unit_file])}, {"unit": body_offset(go_text)})
        return [e.text() for e in errors]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
