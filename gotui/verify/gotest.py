"""Running the differential tests: `go test -json` (and the benchmarks) in the work folder, and what
its output says, by package and test: each unit's rows that differ, a crash and the Go that caused
it, a package whose init panicked, build errors placed in the unit whose code they are in."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from gotui.golang.toolchain import Toolchain
from gotui.verify import jail
from gotui.verify.build import TEST_MARK, BuildError, Span, locate, parse_errors, spans_of

_CASE_LINE = re.compile(r"gotui case (\d+)\t([^\t]*)\tgot: ([^\t]*)\twant: (.*)$")
_BENCH_LINE = re.compile(r"^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+([\d.]+) ns/op")
_GO_POSITION = re.compile(r"([\w.-]+\.go):(\d+)")  # the base name of a stack frame's file, and its line


TestKey = tuple[str, str]  # (package import path, test or benchmark name)


@dataclass
class TestRun:
    """What one `go test -json` said, by (package import path, test name): two packages may both have
    a `TestGotui_Add`, and a result must never be read for the wrong one."""

    status: dict[TestKey, str] = field(default_factory=dict)  # -> pass / fail / crash
    failures: dict[TestKey, list[tuple[int, str, str]]] = field(default_factory=dict)  # -> (row, got, want)
    output: dict[TestKey, list[str]] = field(default_factory=dict)
    build_errors: list[BuildError] = field(default_factory=list)
    bench_ns: dict[TestKey, float] = field(default_factory=dict)
    failed_packages: set[str] = field(default_factory=set)
    package_output: dict[str, list[str]] = field(default_factory=dict)  # output outside any test (an init panic)
    raw: str = ""

    def merge(self, other: "TestRun") -> None:
        """Add another run's results (of other tests) to this one."""
        self.status.update(other.status)
        self.failures.update(other.failures)
        self.output.update(other.output)
        self.bench_ns.update(other.bench_ns)
        self.build_errors.extend(other.build_errors)
        self.failed_packages |= other.failed_packages
        for pkg, lines in other.package_output.items():
            self.package_output.setdefault(pkg, []).extend(lines)
        self.raw = (self.raw + "\n" + other.raw)[-20000:]


def parse_test_json(text: str) -> TestRun:
    run = TestRun(raw=text[-20000:])
    started: dict[tuple[str, str], bool] = {}
    build_out: list[str] = []
    for line in text.splitlines():
        try:
            ev = json.loads(line)
        except json.JSONDecodeError:
            if line.strip():
                build_out.append(line)
            continue
        action, test, pkg = ev.get("Action"), ev.get("Test"), ev.get("Package", "")
        if action == "build-output":
            build_out.append(ev.get("Output", "").rstrip("\n"))
        elif test and action == "run":
            started[(pkg, test)] = True
        elif test and action == "output":
            out = ev.get("Output", "")
            run.output.setdefault((pkg, test), []).append(out)
            m = _CASE_LINE.search(out.rstrip("\n"))
            if m:
                run.failures.setdefault((pkg, test), []).append((int(m.group(1)), m.group(3), m.group(4)))
        elif test and action in ("pass", "fail", "skip"):
            run.status[(pkg, test)] = action
        elif not test and action == "fail":
            run.failed_packages.add(pkg)
        elif not test and action == "output":
            lines = run.package_output.setdefault(pkg, [])
            if len(lines) < 200:
                lines.append(ev.get("Output", ""))
    for key in started:
        if key not in run.status and key[0] in run.failed_packages:
            run.status[key] = "crash"  # the binary died while this test ran
    for key, outs in run.output.items():
        if key[1].startswith("Benchmark"):  # a result line may arrive in pieces: read the whole output
            for line in "".join(outs).splitlines():
                b = _BENCH_LINE.match(line.strip())
                if b:
                    run.bench_ns[key] = float(b.group(3))
    run.build_errors = parse_errors("\n".join(build_out), "test")
    return run


def init_panic(run: TestRun, package: str) -> str | None:
    """"panic: ... (at file.go:N)" when `package`'s test binary died while the package loaded (a
    module value or init() panicked), before any test ran; else None."""
    lines = [ln.rstrip("\n") for ln in run.package_output.get(package, [])]
    panic = next((ln.strip() for ln in lines if ln.startswith(("panic:", "fatal error:"))), None)
    if panic is None:
        return None
    for i, ln in enumerate(lines):
        if ".init" in ln and i + 1 < len(lines):
            where = _GO_POSITION.search(lines[i + 1])
            if where:
                return f"{panic[:240]} (at {where.group(1)}:{where.group(2)})"
    return panic[:300]


def crash_reason(run: TestRun, test: TestKey) -> str:
    for line in run.output.get(test, []):
        s = line.strip()
        if s.startswith(("panic:", "fatal error:")):
            return s[:300]
    return "the Go test binary died"


def crash_culprit(run: TestRun, test: TestKey, go_names: set[str]) -> str | None:
    """The Go function on top of the crashed goroutine's stack, when it is one of `go_names`.

    A call that timed out keeps running in its goroutine and may crash the binary while a later
    test runs: the trace, not the running test, says whose code it was.
    """
    running = False
    for line in "".join(run.output.get(test, [])).splitlines():
        if "[running]:" in line:
            running = True
            continue
        if running and not line.startswith("\t"):
            for name in re.findall(r"\.(\w+)", line.split("(")[0]):
                if name in go_names:
                    return name
    return None


def run_go_tests(toolchain: Toolchain, workdir: Any, tests: list[str], timeout: float = 600, packages: str = "./...") -> TestRun:
    pattern = "^(" + "|".join(re.escape(t) for t in sorted(tests)) + ")$"
    proc = jail.run_go(toolchain, ["test", "-json", "-count=1", "-vet=off", "-p", "2", "-run", pattern,
                                   f"-timeout={int(timeout)}s", packages], workdir, timeout=timeout + 120)
    return parse_test_json(proc.stdout + "\n" + proc.stderr)


def run_go_benchmarks(toolchain: Toolchain, workdir: Any, benches: list[str], timeout: float = 600) -> dict[TestKey, float]:
    pattern = "^(" + "|".join(re.escape(b) for b in sorted(benches)) + ")$"
    proc = jail.run_go(toolchain, ["test", "-json", "-count=1", "-vet=off", "-p", "1", "-run", "^$", "-bench", pattern,
                                   "-benchtime", "100ms", f"-timeout={int(timeout)}s", "./..."], workdir, timeout=timeout + 120)
    return parse_test_json(proc.stdout).bench_ns


def test_spans(files: dict[str, str]) -> dict[str, list[Span]]:
    return {p: spans_of(t, TEST_MARK) for p, t in files.items() if p.endswith("_gotui_test.go")}


def attribute_test_errors(errors: list[BuildError], spans: dict[str, list[Span]], go_root: str = "") -> None:
    for e in errors:
        if e.file and e.file_line is not None:
            rel = e.file[2:] if e.file.startswith("./") else e.file
            s = locate(spans.get(f"{go_root}/{rel}" if go_root else rel, []), e.file_line)
            if s is not None:
                e.unit_id = s.unit_id


_VAR_NAMES = re.compile(r"^var\s+(\w+)|^var\s*\(\n((?:\t[^\n]*\n)*?)\)", re.M)


def mutates_package_state(code: str) -> bool:
    """Does this package's Go change one of its package-level variables (an assignment, `x[k] = `,
    `x.f = `, `x++`, `delete(x, …)`, its address handed on: `pyInsert(&Plurals, 0, …)`)? A package whose
    variables are only read has no state to leak."""
    names: set[str] = set()
    for m in _VAR_NAMES.finditer(code):
        if m.group(1):
            names.add(m.group(1))
        else:
            names |= {line.split()[0] for line in m.group(2).splitlines() if line.strip() and not line.strip().startswith("//")}
    body = _VAR_NAMES.sub("", re.sub(r"^var\s+\w+[^\n]*$", "", code, flags=re.M))  # not the declarations themselves
    for name in names:
        n = re.escape(name)
        if re.search(rf"(?<![\w.]){n}(\[[^\]\n]*\]|\.\w+)*\s*(=|\+=|-=|\*=|/=|\+\+|--)(?!=)", body) or re.search(rf"\bdelete\({n}\b", body) \
                or re.search(rf"&{n}\b", body):
            return True
    return False
