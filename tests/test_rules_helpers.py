"""The Go helper registry: every helper builds and vets, declares exactly the imports it uses, and
used_helpers pulls in dependencies."""

from __future__ import annotations

import sys
from pathlib import Path

from gotui.golang.helpers import HELPERS, helper_source, used_helpers
from gotui.golang.toolchain import require_toolchain
from gotui.llm.rules.translator import imports_used

sys.path.insert(0, str(Path(__file__).parent))
from test_rules_support import go  # noqa: E402


def test_imports_match_what_each_helper_uses():
    for name, h in HELPERS.items():
        assert sorted(h.imports) == sorted(set(imports_used(h.source)) | ({"cmp"} if "cmp." in h.source else set())), name


def test_dependencies_are_included():
    names = used_helpers(["x := pyAt(xs, i)"])
    assert names == ["pyAt", "pyIdx", "pyRaise"]
    assert used_helpers(["no helpers here, pyNothing(x)"]) == []
    assert helper_source("p", ["nothing"]) is None


def test_all_helpers_build_vet_and_are_gofmt_clean(tmp_path: Path):
    src = helper_source("p", [" ".join(HELPERS)])
    assert src is not None
    assert require_toolchain().gofmt_source(src) == src
    (tmp_path / "gotui_helpers.go").write_text(src)
    (tmp_path / "go.mod").write_text("module example.com/p\n\ngo 1.23\n")
    code, output = go(["vet", "./..."], tmp_path)
    assert code == 0, output


def test_py_group_matches_python_grouping(tmp_path: Path):
    # (the text pyGroup is given, its separator, what Python's format() gives for the value)
    cases = [("0", ",", format(0, ",")), ("-999", ",", format(-999, ",")), ("1000", ",", format(1000, ",")),
             ("-1234567", ",", format(-1234567, ",")), ("1234567.891", ",", format(1234567.891, ",.3f")),
             ("12345.5", "_", format(12345.5, "_.1f")), ("+1234", ",", format(1234, "+,")),
             ("inf", ",", format(float("inf"), ",.2f")), ("-nan", ",", "-nan")]
    src = helper_source("main", ["pyGroup("])
    assert src is not None
    body = "".join(f'\tfmt.Println(pyGroup("{text}", "{sep}"))\n' for text, sep, _ in cases)
    (tmp_path / "gotui_helpers.go").write_text(src)
    (tmp_path / "main.go").write_text(f'package main\n\nimport "fmt"\n\nfunc main() {{\n{body}}}\n')
    (tmp_path / "go.mod").write_text("module example.com/p\n\ngo 1.23\n")
    code, output = go(["run", "."], tmp_path)
    assert code == 0, output
    assert output.split() == [want for _, _, want in cases]
