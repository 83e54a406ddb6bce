"""`run_check` end to end with the real Go toolchain: build, vet, differential tests, evidence, bench.

Go builds are slow-ish, so one module-scoped repository with many units is checked ONCE and the
tests read the results; a second tiny repository holds the floor-division acceptance case.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from conftest import git, isolated_env
from gotui.golang.toolchain import NoGoToolchain, find_toolchain
from gotui.llm.base import Translation
from gotui.session.project import Project
from gotui.verify import CheckResult, compile_errors, evidence_files, run_check

pytestmark = pytest.mark.skipif(find_toolchain() is None, reason="needs a Go toolchain")

PYTHON = '''from typing import Optional

from .util import record, ping


def floor_div(a: int, b: int) -> int:
    """
    >>> floor_div(7, 2)
    3
    """
    return a // b


def floor_div_fixed(a: int, b: int) -> int:
    return a // b


def shout(s: str) -> str:
    return s.upper() + "!"


def broken(a: int) -> int:
    return a


def greet(name: str) -> str:
    return "hi %s" % name


def merge(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + v
    return out


def first_long(words: list[str], n: int) -> Optional[str]:
    for w in words:
        if len(w) > n:
            return w
    return None


def find(words: list[str], w: str) -> Optional[int]:
    return words.index(w) if w in words else None


def parse_pair(text: str) -> tuple[int, int]:
    a, b = text.split(",")
    return int(a), int(b)


def mean(xs: list[float]) -> float:
    if not xs:
        raise ValueError("empty")
    return sum(xs) / len(xs)


def is_even(n: int) -> bool:
    return n % 2 == 0


def pad(s: str, width: int, fill: Optional[str] = None) -> str:
    return s + (fill or " ") * max(0, min(width, 50) - len(s))


def spin(n: int) -> int:
    while True:
        n += 1


def hog(n: int) -> int:
    return len("x" * (10 ** 11))


def saves(n: int) -> int:
    return record(n)


def calls_home(n: int) -> int:
    return ping(n)


def untyped(a, b):
    return a + b


def go_hangs(n: int) -> int:
    return n


def go_panics(xs: list[int]) -> int:
    return xs[0] if xs else 0


def go_recurses(n: int) -> int:
    return n


class Box:
    def __init__(self, size: int):
        self.size = size

    def grow(self, by: int) -> int:
        return self.size + by
'''

UTIL = '''import socket


def record(n):
    with open("/tmp/gotui-verify-must-not-exist.txt", "w") as fh:
        fh.write(str(n))
    return n


def ping(n):
    socket.create_connection(("127.0.0.1", 9), timeout=1)
    return n
'''

GO = {
    "floor_div": "func FloorDiv(a, b int) int {\n\treturn a / b\n}\n",
    "floor_div_fixed": "func FloorDivFixed(a, b int) int {\n\treturn pyFloorDiv(a, b)\n}\n",
    "shout": 'import "strings"\n\nfunc Shout(s string) string {\n\treturn strings.ToUpper(s) + "!"\n}\n',
    "broken": "func Broken(a int) int {\n\tunused := 1\n\treturn a\n}\n",
    "greet": 'func Greet(name string) string {\n\treturn fmt.Sprintf("hi %d", name)\n}\n',
    "merge": ("func Merge(a, b map[string]int) map[string]int {\n\tout := map[string]int{}\n\tfor k, v := range a {\n\t\tout[k] = v\n\t}\n"
              "\tfor k, v := range b {\n\t\tout[k] += v\n\t}\n\treturn out\n}\n"),
    "first_long": ("func FirstLong(words []string, n int) (string, bool) {\n\tfor _, w := range words {\n"
                   "\t\tif len([]rune(w)) > n {\n\t\t\treturn w, true\n\t\t}\n\t}\n\treturn \"\", false\n}\n"),
    "find": ("func Find(words []string, w string) *int {\n\tfor i, x := range words {\n\t\tif x == w {\n"
             "\t\t\treturn &i\n\t\t}\n\t}\n\treturn nil\n}\n"),
    "parse_pair": ('import (\n\t"fmt"\n\t"strconv"\n\t"strings"\n)\n\n'
                   "func ParsePair(text string) (int, int, error) {\n\tparts := strings.Split(text, \",\")\n"
                   "\tif len(parts) != 2 {\n\t\treturn 0, 0, fmt.Errorf(\"want two parts\")\n\t}\n"
                   "\ta, err := strconv.Atoi(strings.TrimSpace(parts[0]))\n\tif err != nil {\n\t\treturn 0, 0, err\n\t}\n"
                   "\tb, err := strconv.Atoi(strings.TrimSpace(parts[1]))\n\tif err != nil {\n\t\treturn 0, 0, err\n\t}\n"
                   "\treturn a, b, nil\n}\n"),
    "mean": ('import "errors"\n\nfunc Mean(xs []float64) (float64, error) {\n\tif len(xs) == 0 {\n'
             '\t\treturn 0, errors.New("empty")\n\t}\n\ts := 0.0\n\tfor _, x := range xs {\n\t\ts += x\n\t}\n'
             "\treturn s / float64(len(xs)), nil\n}\n"),
    "is_even": "func IsEven(n int) bool {\n\treturn n%2 == 0\n}\n",
    "pad": ("func Pad(s string, width int, fill *string) string {\n\tf := \" \"\n\tif fill != nil && *fill != \"\" {\n\t\tf = *fill\n\t}\n"
            "\tn := min(width, 50) - len([]rune(s))\n\tout := s\n\tfor i := 0; i < n; i++ {\n\t\tout += f\n\t}\n\treturn out\n}\n"),
    "spin": "func Spin(n int) int {\n\tfor {\n\t\tn++\n\t}\n}\n",
    "hog": "func Hog(n int) int {\n\treturn 0\n}\n",
    "saves": "func Saves(n int) int {\n\treturn n\n}\n",
    "calls_home": "func CallsHome(n int) int {\n\treturn n\n}\n",
    "untyped": "func Untyped(a, b int) int {\n\treturn a + b\n}\n",
    "go_hangs": "func GoHangs(n int) int {\n\tfor n < 0 {\n\t\tn--\n\t}\n\treturn n\n}\n",
    "go_panics": "func GoPanics(xs []int) int {\n\treturn xs[0]\n}\n",
    "go_recurses": "func GoRecurses(n int) int {\n\tif n == 7 {\n\t\treturn GoRecurses(n) + 1\n\t}\n\treturn n\n}\n",
    "Box": "type Box struct {\n\tSize int\n}\n\nfunc NewBox(size int) *Box {\n\treturn &Box{Size: size}\n}\n",
    "Box.grow": "func (b *Box) Grow(by int) int {\n\treturn b.Size + by\n}\n",
}


def make_repo(root: Path, files: dict[str, str], config: str = "") -> Path:
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    if config:
        (root / ".gotui.toml").write_text(config)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "python")
    return root


def record(project: Project, path: str, go: dict[str, str]) -> None:
    for qualname, text in go.items():
        project.session.record_translation(f"{path}::{qualname}", Translation(go=text, status="converted", backend="test"))


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, CheckResult], list[CheckResult]]:
    base = tmp_path_factory.mktemp("check")
    with pytest.MonkeyPatch.context() as mp:  # module scope runs before conftest's per-test isolation
        for name, value in isolated_env(tmp_path_factory).items():
            mp.setenv(name, value)
        return _check_once(base)


def _check_once(base: Path) -> tuple[Path, dict[str, CheckResult], list[CheckResult]]:
    repo = make_repo(base / "repo", {"calc/__init__.py": "", "calc/ops.py": PYTHON, "calc/util.py": UTIL},
                     config="[check]\ntimeout = 1.0\ngo_timeout = 1.0\ncases = 30\nkeep_tests = true\n")
    project = Project(repo)
    record(project, "calc/ops.py", GO)
    project.session.accept("calc/ops.py::floor_div_fixed")
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts and ".gotui" not in p.parts}
    results = run_check(project, bench=True)
    after = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts and ".gotui" not in p.parts}
    assert after == before  # the work tree is left exactly as it was
    return repo, {r.name: r for r in results}, results


def test_wrong_floor_division_diverges_and_the_fix_passes(checked):
    _, by_name, _ = checked
    wrong, fixed = by_name["floor_div"], by_name["floor_div_fixed"]
    assert wrong.status == "diverged", wrong.detail
    args = ast.literal_eval(wrong.first_input[len("floor_div"):])
    assert any(a < 0 and a % 2 for a in args), wrong.first_input
    assert wrong.python_result != wrong.go_result
    assert wrong.detail.startswith(f"input {wrong.first_input}: Python {wrong.python_result}, Go {wrong.go_result}")
    assert fixed.status == "pass" and fixed.cases >= 30, fixed.detail


def test_every_status_with_its_reason(checked):
    _, by_name, _ = checked
    expected = {
        "shout": "diverged", "broken": "build_failed", "greet": "build_failed", "merge": "pass", "first_long": "pass",
        "find": "pass", "parse_pair": "pass", "mean": "pass", "is_even": "pass", "pad": "pass", "spin": "untested",
        "hog": "untested", "saves": "untested", "calls_home": "untested", "untyped": "untested", "go_hangs": "diverged",
        "go_panics": "diverged", "go_recurses": "diverged", "Box": "pass", "Box.grow": "pass",
    }
    got = {name: by_name[name].status for name in expected}
    assert got == expected, {n: by_name[n].detail for n in expected if got[n] != expected[n]}
    assert "ß" in by_name["shout"].first_input or "ß" in by_name["shout"].detail  # Python's upper('ß') is 'SS'
    assert by_name["broken"].detail == "line 2: declared and not used: unused"
    assert by_name["broken"].build_errors[0].unit_line == 2
    assert by_name["greet"].detail.startswith("line 2: vet: fmt.Sprintf format %d has arg name of wrong type string")
    # the wall-clock timer and the CPU limit are both 1 s: on a loaded machine either may fire first
    assert by_name["spin"].detail in ("did not finish within 1 s", "used more than 1 s of CPU")
    assert "MemoryError" in by_name["hog"].detail
    assert by_name["saves"].detail == "side effects: writes a file (/tmp/gotui-verify-must-not-exist.txt)"
    assert by_name["calls_home"].detail == "side effects: opens a socket"
    assert by_name["untyped"].detail == "no type hints: parameter a"
    assert "receiver built by Box(...)" in by_name["Box.grow"].detail  # a method, through its constructor
    assert "no result within 1s" in by_name["go_hangs"].detail and "go_hangs(-" in by_name["go_hangs"].first_input
    assert "panic: runtime error: index out of range" in by_name["go_panics"].detail
    assert by_name["go_panics"].first_input == "go_panics([])" and by_name["go_panics"].python_result == "0"
    # a runaway recursion overflows the stack, or (on a loaded machine) first outlasts the per-call timeout
    assert "stack overflow" in by_name["go_recurses"].detail or "go_recurses(7): Python 7, Go no result" in by_name["go_recurses"].detail
    assert not os.path.exists("/tmp/gotui-verify-must-not-exist.txt")


def test_statuses_are_stored_in_the_session_and_shaped_for_json(checked):
    repo, by_name, results = checked
    session = Project(repo).session
    for r in results:
        rec = session.get(r.id)
        assert (rec.check_status, rec.check_detail) == (r.status, r.detail)
    assert set(results[0].to_json()) == {"id", "name", "status", "detail"}
    assert by_name["floor_div"].to_json(extras=True)["first_input"] == by_name["floor_div"].first_input


def test_bench_reports_a_ratio_for_passing_units(checked):
    _, by_name, _ = checked
    r = by_name["is_even"]
    assert r.bench_ratio is not None and r.bench_ratio > 0 and r.python_ns and r.go_ns
    assert "the speed of the Python" in r.detail


def test_kept_evidence_compiles_and_passes_beside_the_go(checked, tmp_path: Path):
    repo, by_name, results = checked
    files = evidence_files(results)
    assert set(files) == {"calc/ops_gotui_test.go", "calc/gotui_support_test.go"}
    text = files["calc/ops_gotui_test.go"]
    assert "TestGotui_FloorDivFixed" in text and "TestGotui_FloorDiv(" not in text  # only passing units
    assert "gotui:test" not in text and '"floor_div_fixed(-1, 2)"' in text
    # the evidence is a real Go test: put it beside the passing units' Go and run it
    from gotui.golang.assemble import GoUnit, assemble, go_mod

    passing = [n for n, r in by_name.items() if r.status == "pass" and "." not in n]  # a method's test is not kept
    go = assemble([GoUnit(f"calc/ops.py::{n}", "calc/ops.py", i, GO[n]) for i, n in enumerate(passing)], "repo")
    out = tmp_path / "mod"
    for rel, body in {**go, **files, "go.mod": go_mod("repo")}.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(body)
    proc = find_toolchain().run(["test", "-count=1", "./..."], cwd=out, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok" in proc.stdout


@pytest.fixture
def floor_repo(tmp_path: Path) -> Project:
    py = "def floor_div(a: int, b: int) -> int:\n    return a // b\n\n\ndef floor_div2(a: int, b: int) -> int:\n    return a // b\n"
    repo = make_repo(tmp_path / "floor", {"mathx/__init__.py": "", "mathx/div.py": py})
    project = Project(repo)
    explicit = ("func FloorDiv2(a, b int) int {\n\tq := a / b\n\tif a%b != 0 && (a < 0) != (b < 0) {\n\t\tq--\n\t}\n"
                "\treturn q\n}\n")
    record(project, "mathx/div.py", {"floor_div": "func FloorDiv(a, b int) int {\n\treturn a / b\n}\n", "floor_div2": explicit})
    return project


def test_done_when_floor_division(floor_repo: Project):
    results = {r.name: r for r in run_check(floor_repo)}
    assert results["floor_div"].status == "diverged"
    args = ast.literal_eval(results["floor_div"].first_input[len("floor_div"):])
    assert any(a < 0 and a % 2 for a in args)
    assert results["floor_div2"].status == "pass"
    # a subset by id, and evidence only on request
    only = run_check(floor_repo, unit_ids=["mathx/div.py::floor_div2"])
    assert [r.id for r in only] == ["mathx/div.py::floor_div2"] and only[0].test_code is None
    assert evidence_files(only) == {}


def test_without_go_run_check_says_so_once(floor_repo: Project, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GOTUI_GO", "/nonexistent/go")
    find_toolchain.cache_clear()
    try:
        with pytest.raises(NoGoToolchain, match="no Go toolchain found"):
            run_check(floor_repo)
    finally:
        monkeypatch.delenv("GOTUI_GO")
        find_toolchain.cache_clear()


def test_compile_errors_for_the_repair_loop():
    assert compile_errors("func A(x int) int {\n\treturn x\n}\n") == []
    assert compile_errors("func A(x int) int {\n\ty := 2\n\treturn x\n}\n") == ["line 2: declared and not used: y"]
    # with its package around it: a call into the package resolves, a clash is reported
    context = {"shop/pricing.go": "package shop\n\nfunc B(x int) int { return x }\n"}
    assert compile_errors('import "strings"\n\nfunc A(s string) int {\n\treturn B(len(strings.TrimSpace(s)))\n}\n', context) == []
    errors = compile_errors("func B(x int) int {\n\treturn x\n}\n", context)
    assert errors and "B redeclared" in errors[0] and errors[0].startswith("line 1:")
    assert compile_errors('func A(s string) string {\n\treturn fmt.Sprintf("%d", s)\n}\n') == [
        "line 2: vet: fmt.Sprintf format %d has arg s of wrong type string"]
