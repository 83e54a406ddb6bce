"""Issue 12 part 3: one unit that does not build is `build_failed` with its own error; the rest of
its package, callers included, is still checked (the broken unit stubbed); no raw tool output is
ever a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from gotui.session.project import Project
from gotui.verify import run_check
from gotui.verify.check import _not_run_reason
from gotui.verify.gotest import parse_test_json
from test_verify_check import make_repo, record

pytestmark = pytest.mark.skipif(find_toolchain() is None, reason="needs a Go toolchain")

PY = '''def bad(a: int) -> int:
    return a + 1


def caller(a: int) -> int:
    if a > 1000000:
        return bad(a)
    return a * 2


def alone(a: int) -> int:
    return a - 1
'''
GO = {
    "bad": "func Bad(a int) int {\n\treturn a + \"1\"\n}\n",
    "caller": "func Caller(a int) int {\n\tif a > 1000000 {\n\t\treturn Bad(a)\n\t}\n\treturn a * 2\n}\n",
    "alone": "func Alone(a int) int {\n\treturn a - 1\n}\n",
}


def test_one_unbuildable_unit_does_not_fail_its_package(tmp_path: Path):
    repo = make_repo(tmp_path / "repo", {"p/__init__.py": "", "p/m.py": PY}, config="[check]\ncases = 20\n")
    project = Project(repo)
    record(project, "p/m.py", GO)
    by = {r.id: r for r in run_check(project)}
    assert by["p/m.py::bad"].status == "build_failed"
    assert by["p/m.py::alone"].status == "pass", by["p/m.py::alone"].detail
    assert "p/m.py::bad stubbed" in by["p/m.py::alone"].detail
    assert by["p/m.py::caller"].status != "build_failed", by["p/m.py::caller"].detail


def test_a_raw_go_test_json_line_is_never_a_reason():
    run = parse_test_json('{"Time":"x","Action":"pass","Package":"repo/calc","Elapsed":0.005}')
    reason = _not_run_reason(run, ("repo/calc", "TestGotui_X"))
    assert "{" not in reason and "Action" not in reason


def test_a_unit_that_calls_a_partial_unit_says_so(tmp_path: Path):
    repo = make_repo(tmp_path / "repo", {"p/__init__.py": "", "p/m.py": PY}, config="[check]\ncases = 20\n")
    project = Project(repo)
    record(project, "p/m.py", {**GO, "bad": "func Bad(a int) int {\n\t// TODO(gotui): not done\n\tpanic(\"gotui: not done\")\n}\n"})
    by = {r.id: r for r in run_check(project)}
    assert by["p/m.py::bad"].status == "untested"
    caller = by["p/m.py::caller"]  # an input past 1000000 reaches the TODO: diverged, and the detail says why
    assert caller.status == "diverged" and "calls p/m.py::bad, which is partial (its TODO panics if reached)" in caller.detail
    assert "partial" not in by["p/m.py::alone"].detail
