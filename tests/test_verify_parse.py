"""Reading Go's output: build errors back to units and lines, `go test -json` events, crashes. No Go needed."""

from __future__ import annotations

import json

from gotui.verify.build import MARK, attribute, body_offset, marked, parse_errors, spans_of
from gotui.verify.gotest import crash_culprit, parse_test_json


def test_errors_map_to_the_unit_and_its_own_line():
    go_a = 'import "strings"\n\nfunc A(s string) string {\n\tx := 1\n\treturn strings.ToUpper(s)\n}\n'
    go_b = "func B() int {\n\treturn y\n}\n"
    text = "package p\n\nimport \"strings\"\n\n" + marked("m.py::a", go_a).split(")\n\n", 1)[1] + "\n" + marked("m.py::b", go_b)
    spans = {"p/m.go": spans_of(text)}
    assert [s.unit_id for s in spans["p/m.go"]] == ["m.py::a", "m.py::b"]
    a_line = text.split("\n").index("\tx := 1") + 1
    b_line = text.split("\n").index("\treturn y") + 1
    out = (f"# repo/p\np/m.go:{a_line}:2: declared and not used: x\n./p/m.go:{b_line}:9: undefined: y\n"
           "p/gotui_helpers.go:3:1: something else\n")
    errors = parse_errors(out, "build")
    attribute(errors, spans | {"p/gotui_helpers.go": []}, {"m.py::a": body_offset(go_a), "m.py::b": body_offset(go_b)})
    assert [(e.unit_id, e.unit_line, e.message) for e in errors] == [
        ("m.py::a", 4, "declared and not used: x"), ("m.py::b", 2, "undefined: y"), (None, None, "something else")]
    assert errors[0].text() == "line 4: declared and not used: x"
    assert errors[2].text() == "p/gotui_helpers.go:3: something else"


def test_vet_lines_and_places_without_a_file():
    errors = parse_errors("# repo/p\n# [repo/p]\nvet: p/a.go:6:9: undefined: y\np/b.go:3:2: fmt.Sprintf format %d has arg s of wrong type string\n", "vet")
    assert [(e.file, e.file_line) for e in errors] == [("p/a.go", 6), ("p/b.go", 3)]
    assert errors[1].text() == "p/b.go:3: vet: fmt.Sprintf format %d has arg s of wrong type string"
    loose = parse_errors("go: updates to go.mod needed\n", "build")
    assert loose[0].file == "" and "go.mod" in loose[0].message


def _events(*events: dict) -> str:
    return "\n".join(json.dumps(e) for e in events) + "\n"


def test_go_test_json_failures_crashes_and_build_output():
    text = _events(
        {"Action": "run", "Package": "m/p", "Test": "TestGotui_A"},
        {"Action": "output", "Package": "m/p", "Test": "TestGotui_A", "Output": "    a_gotui_test.go:20: gotui case 3\tf(-7, 2)\tgot: -3\twant: -4\n"},
        {"Action": "fail", "Package": "m/p", "Test": "TestGotui_A"},
        {"Action": "run", "Package": "m/p", "Test": "TestGotui_B"},
        {"Action": "output", "Package": "m/p", "Test": "TestGotui_B", "Output": "fatal error: stack overflow\n"},
        {"Action": "output", "Package": "m/p", "Test": "TestGotui_B", "Output": "\ngoroutine 7 gp=0x1 m=2 [running]:\n"},
        {"Action": "output", "Package": "m/p", "Test": "TestGotui_B", "Output": "m/p.Recurse(0x7)\n\t/tmp/x/p/a.go:5 +0x1\n"},
        {"Action": "output", "Package": "m/p", "Test": "TestGotui_B", "Output": "m/p.TestGotui_Recurse.func1()\n"},
        {"Action": "fail", "Package": "m/p"},
        {"ImportPath": "m/q [m/q.test]", "Action": "build-output", "Output": "q/b_gotui_test.go:12:3: cannot use \"x\"\n"},
        {"Action": "run", "Package": "m/r", "Test": "BenchmarkGotui_C"},
        {"Action": "output", "Package": "m/r", "Test": "BenchmarkGotui_C", "Output": "BenchmarkGotui_C-2   \t"},
        {"Action": "output", "Package": "m/r", "Test": "BenchmarkGotui_C", "Output": "  1000\t   12.5 ns/op\n"},
    )
    run = parse_test_json(text)
    assert run.status == {("m/p", "TestGotui_A"): "fail", ("m/p", "TestGotui_B"): "crash"}
    assert run.failures[("m/p", "TestGotui_A")] == [(3, "-3", "-4")]
    assert [(e.file, e.file_line) for e in run.build_errors] == [("q/b_gotui_test.go", 12)]
    assert run.bench_ns == {("m/r", "BenchmarkGotui_C"): 12.5}
    # the crash happened while B ran, but the stack says Recurse's code overflowed
    assert crash_culprit(run, ("m/p", "TestGotui_B"), {"Recurse", "B"}) == "Recurse"
    assert crash_culprit(run, ("m/p", "TestGotui_B"), {"B"}) is None


def test_same_test_name_in_two_packages_keeps_both_results():
    text = _events(
        {"Action": "run", "Package": "m/a", "Test": "TestGotui_Add"},
        {"Action": "pass", "Package": "m/a", "Test": "TestGotui_Add"},
        {"Action": "run", "Package": "m/b", "Test": "TestGotui_Add"},
        {"Action": "output", "Package": "m/b", "Test": "TestGotui_Add", "Output": "    b_gotui_test.go:9: gotui case 0\tadd(1, 2)\tgot: 1001\twant: 3\n"},
        {"Action": "fail", "Package": "m/b", "Test": "TestGotui_Add"},
    )
    run = parse_test_json(text)
    assert run.status == {("m/a", "TestGotui_Add"): "pass", ("m/b", "TestGotui_Add"): "fail"}
    assert list(run.failures) == [("m/b", "TestGotui_Add")]


def test_marker_comment_leads_the_declarations_after_imports():
    text = marked("x.py::f", 'package p\n\nimport "fmt"\n\nfunc F() { fmt.Println() }\n')
    assert text.startswith('import (\n\t"fmt"\n)\n\n' + MARK + "x.py::f\nfunc F()")
    assert body_offset('package p\n\nimport "fmt"\n\nfunc F() { fmt.Println() }\n') == 4
