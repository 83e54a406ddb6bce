"""Annotated unions with no common Go type, narrowed by the trace to the one member it saw (docs/evidence.md,
"Unions narrowed by the trace"): the evidence keeps why, the translator writes the member's Go type with a
note, drops the isinstance branches the Go type decides, and `gotui check` makes inputs of that member only."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap

import pytest

from gotui.evidence.infer import TraceSummary, infer_package, parse_sources
from gotui.evidence.model import Evidenced
from gotui.golang.toolchain import find_toolchain
from gotui.llm.base import CONVERTED, PARTIAL, TranslationRequest
from gotui.llm.rules import RulesTranslator
from gotui.parse.units import parse_module
from gotui.session.project import Project
from gotui.verify.check import with_evidence
from gotui.verify.inputs import function_spec

from test_rules_support import build_and_vet, commit_all

SRC = '''
from typing import Optional, Pattern, Union
String = Union[str, bytes]


def parse(version: String) -> str:
    if isinstance(version, bytes):
        version = version.decode("UTF-8")
    elif not isinstance(version, String.__args__):
        raise TypeError("not expecting type")
    return version.upper()


def norm(version: String) -> str:
    if isinstance(version, str):
        return version.strip()
    else:
        return version.decode()


def shout(v: str) -> str:
    return parse(v) + "!"


def pick(p: Union[Pattern, str, None] = None) -> str:
    return p or ""
'''
PATH = "pkg/mod.py"
GOTUI = [sys.executable, "-m", "gotui.cli"]


def traces(version_types: dict[str, int]) -> dict:
    return {
        (PATH, "parse", 6): TraceSummary(4000, {"version": version_types}, {"str": 4000}),
        (PATH, "norm", 14): TraceSummary(12, {"version": {"str": 12}}, {"str": 12}),
        (PATH, "pick", 25): TraceSummary(9, {"p": {"str": 6, "None": 3}}, {"str": 9}),
    }


def unit_evidence(tr: dict | None):
    return {k[1]: e for k, e in infer_package(parse_sources({PATH: SRC}), tr).items()}


def translate(tr: dict | None) -> tuple[RulesTranslator, object, dict]:
    m = parse_module(PATH, SRC.encode())
    t = RulesTranslator(modules=[m])
    t.use_evidence({(k[0], k[1]): e.table() for k, e in infer_package({PATH: ast.parse(SRC)}, tr).items()})
    out = {u.qualname: t.translate(TranslationRequest(unit=u, module=m, evidence={})) for u in m.units}
    return t, m, out


def test_the_trace_narrows_a_union_to_the_one_member_it_saw_and_keeps_the_evidence():
    ev = unit_evidence(traces({"str": 4000}))["parse"]
    best = ev.best("version")
    assert (best.type, best.source) == ("str", "trace")
    assert best.detail == "4000 calls, all str; String narrowed to str, bytes not carried over"
    assert "version str (trace: 4000 calls, all str; String narrowed to str, bytes not carried over)" in ev.summary()
    table = ev.table()
    assert table["version"] == "str" and table["version"].source.startswith("trace: 4000 calls, all str")
    # a member and None, where None is a member too, narrow to the Optional
    pick = unit_evidence(traces({"str": 4000}))["pick"].best("p")
    assert pick.type == "str | None" and pick.detail.endswith("narrowed to str | None, Pattern not carried over")


def test_without_a_trace_or_with_several_members_traced_nothing_is_narrowed():
    # `norm` handles each member in a branch of its own: its entry narrows nothing (evidence.entry)
    ev = unit_evidence(None)["norm"]
    assert ev.best("version") is None  # a weaker source never overrides the annotated union
    assert ev.why_unknown("version") == "the annotation is a union (str | bytes) and no trace covers it"
    assert "version ? (the annotation is a union (str | bytes) and no trace covers it: any)" in ev.summary()
    mixed = unit_evidence({(PATH, "norm", 14): TraceSummary(40, {"version": {"str": 30, "bytes": 10}}, {"str": 40})})["norm"]
    assert mixed.best("version") is None
    assert mixed.why_unknown("version") == ("the annotation is a union (str | bytes) and the trace saw several of its "
                                            "types (40 calls: str, bytes)")
    # a traced type that is no member at all does not narrow either: the annotation comes first
    other = unit_evidence({(PATH, "norm", 14): TraceSummary(40, {"version": {"int": 40}}, {"str": 40})})["norm"]
    assert other.best("version") is None and "the trace saw int" in (other.why_unknown("version") or "")


def test_the_entry_narrows_a_union_its_body_converts_whatever_the_trace_saw():
    # `parse` decodes bytes and rejects anything else before its body: str is all the body ever sees
    for tr in (None, traces({"str": 3000, "bytes": 1000}), traces({"int": 4000})):
        best = unit_evidence(tr)["parse"].best("version")
        assert (best.type, best.source) == ("str", "usage")
        assert best.detail == "line 6: String narrowed to str (bytes converted at entry)"
    # a trace that saw one member alone still comes first
    assert unit_evidence(traces({"str": 4000}))["parse"].best("version").source == "trace"


def test_the_narrowed_parameter_is_the_members_go_type_with_a_note_and_the_bytes_branch_dropped(tmp_path):
    tr, m, out = translate(traces({"str": 4000}))
    p = out["parse"]
    assert p.status == CONVERTED, p.error
    assert "func Parse(version string) (string, error) {" in p.go
    assert ("// gotui: `version` is String in Python; trace: 4000 calls, all str; String narrowed to str, "
            "bytes not carried over.") in p.go
    # `isinstance(version, bytes)` is false for a Go string: its branch (the .decode()) is not translated
    assert "if false {\n\t\t// gotui: line 8: `isinstance(version, bytes)` is always false here (`version` is a Go string" in p.go
    assert "decode" not in p.go.replace("version.decode", "")  # no TODO for str.decode()
    # `not isinstance(version, String.__args__)`: str is a member, so the raise is unreachable; it panics, as it never fell through
    assert 'panic("gotui: unreachable: `not isinstance(version, String.__args__)` is always false here' in p.go
    n = out["norm"]
    assert n.status == CONVERTED, n.error
    assert "if true {\n\t\treturn strings.TrimSpace(version)" in n.go or "if true {\n\t\treturn pyStrip(version)" in n.go
    assert "`isinstance(version, str)` is always true here" in n.go
    # a caller passing a str now has a signature to call
    assert out["shout"].status == CONVERTED, out["shout"].error
    assert "func Pick(p *string) string {" in out["pick"].go
    build_and_vet(tmp_path, tr, [m], [out[q].go for q in ("parse", "norm", "shout")])


def test_without_a_trace_the_union_stays_partial_with_its_reason():
    _, _, out = translate(None)
    n = out["norm"]
    assert n.status == PARTIAL
    # Go carries it as `any`: `isinstance(version, str)` is a type assertion, and the other branch's use
    # (bytes.decode) says why no member was chosen
    assert "if versionString, ok := version.(string); ok {" in n.go, n.go
    assert n.error == ("line 18: `version` is `any` here (type `String` (= Union[str, bytes]): a union whose "
                       "members have no common Go type (the annotation is a union (str | bytes) and no trace covers it)), "
                       "and this use needs its type: Go would need a type switch")
    assert "func Norm(version any)" in n.go and "narrowed" not in n.go
    # `parse` converts bytes at its entry: narrowed by its body, with or without a trace
    assert out["parse"].status == CONVERTED and "func Parse(version string) (string, error) {" in out["parse"].go
    assert ("// gotui: `version` is String in Python; usage: line 6: String narrowed to str (bytes converted at entry): "
            "Go takes what reaches the body unchanged, so a caller converts the rest first.") in out["parse"].go
    assert "its union annotation narrowed by the body's entry (see the signature)" in out["parse"].go
    _, _, mixed = translate(traces({"str": 3000, "bytes": 1000}))
    assert mixed["parse"].status == CONVERTED
    assert mixed["norm"].status == CONVERTED  # its own trace saw str alone


def test_evidence_handed_without_the_narrowing_is_not_used_to_narrow():
    # a plain trace type (no "narrowed to" in its source) for an annotated union is not enough
    m = parse_module(PATH, SRC.encode())
    t = RulesTranslator(modules=[m])
    t.use_evidence({(PATH, "parse"): {"version": Evidenced("str", "trace: 40 calls"), "return": "str"}})
    unit = next(u for u in m.units if u.qualname == "parse")
    assert t.translate(TranslationRequest(unit=unit, module=m, evidence={})).status == PARTIAL


def test_check_makes_inputs_of_the_narrowed_member_only():
    table = unit_evidence(traces({"str": 4000}))["parse"].table()
    unit_src = textwrap.dedent(SRC.split("\n\n\n")[1])
    source, typed = with_evidence(unit_src, table)
    spec = function_spec(source)
    assert [(p.name, str(p.type)) for p in spec.params] == [("version", "str")]
    assert typed == []  # annotated: the member comes from the author's own union, not from a guess
    # narrowed by its entry alone (no trace), the inputs are of the member too
    entry, _ = with_evidence(unit_src, unit_evidence(None)["parse"].table())
    assert entry.startswith("def parse(version: str) -> str:")
    # without a narrowing the annotation is kept, and String is no type check can make inputs of
    norm_src = textwrap.dedent(SRC.split("\n\n\n")[2])
    unchanged, _ = with_evidence(norm_src, unit_evidence(None)["norm"].table())
    assert "version: String" in unchanged


E2E = '''from typing import Union
String = Union[str, bytes]


def shout(word: String, times: int) -> str:
    if isinstance(word, bytes):
        word = word.decode("utf-8")
    return (word.strip() + "!") * times
'''


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_trace_convert_check_a_narrowed_unit_end_to_end(tmp_path) -> None:
    repo = tmp_path / "repo"
    (repo / "words").mkdir(parents=True)
    (repo / "words" / "__init__.py").write_text(E2E)
    (repo / "run.py").write_text("from words import shout\nprint(shout('  Olá ', 2), shout('ok', 1))\n")
    commit_all(repo)
    assert subprocess.run([*GOTUI, "trace", "words", "--", sys.executable, "run.py"], cwd=repo, capture_output=True).returncode == 0
    # the review screen's notes panel and the prompt's ${evidence} read the same line
    summary = Project(repo / "words").request("words/__init__.py::shout").evidence_summary
    assert "word str (trace: 2 calls, all str; String narrowed to str, bytes not carried over)" in summary, summary
    conv = subprocess.run([*GOTUI, "convert", "words"], cwd=repo, capture_output=True, text=True)
    assert "1 converted" in conv.stdout, conv.stdout + conv.stderr
    out = subprocess.run([*GOTUI, "check", "words", "--json"], cwd=repo, capture_output=True, text=True)
    (result,) = json.loads(out.stdout)
    # checked on the two traced calls first, then on generated str inputs (the narrowed member only)
    assert result["status"] == "pass" and "2 traced calls first" in result["detail"], result["detail"]


def test_a_union_result_is_narrowed_by_the_traced_results_too():
    src = SRC + '''

def same(v: String) -> String:
    return v
'''
    line = src.count("\n", 0, src.index("def same")) + 1
    tr = {(PATH, "same", line): TraceSummary(30, {"v": {"str": 30}}, {"str": 30})}
    m = parse_module(PATH, src.encode())
    t = RulesTranslator(modules=[m])
    t.use_evidence({(k[0], k[1]): e.table() for k, e in infer_package({PATH: ast.parse(src)}, tr).items()})
    unit = next(u for u in m.units if u.qualname == "same")
    out = t.translate(TranslationRequest(unit=unit, module=m, evidence={}))
    assert out.status == CONVERTED, out.error
    assert "func Same(v string) string {" in out.go
    assert "// gotui: the result is String in Python; trace: 30 calls, all str; String narrowed to str, bytes not carried over." in out.go
    # results the trace saw of both members: the result is not narrowed; it is Go `any`, which takes the str
    tr[(PATH, "same", line)] = TraceSummary(30, {"v": {"str": 30}}, {"str": 20, "bytes": 10})
    t = RulesTranslator(modules=[m])
    t.use_evidence({(k[0], k[1]): e.table() for k, e in infer_package({PATH: ast.parse(src)}, tr).items()})
    out = t.translate(TranslationRequest(unit=unit, module=m, evidence={}))
    assert out.status == CONVERTED and "func Same(v string) any {" in out.go, out.go


def test_int_or_float_narrows_only_when_the_trace_saw_one_of_them_and_says_what_it_saw():
    src = '''
from typing import Union


def half(x: float | int) -> float:
    return x / 2


def label(v: Union[float, str]) -> str:
    return str(v)
'''
    def best(trace: dict, name: str, param: str):
        ev = {k[1]: e for k, e in infer_package(parse_sources({PATH: src}), trace).items()}[name]
        return ev.best(param)

    half = ("half", 5)
    only_int = best({(PATH, *half): TraceSummary(8, {"x": {"int": 8}})}, "half", "x")
    assert (only_int.type, only_int.detail) == ("int", "8 calls, all int; float | int narrowed to int, float not carried over")
    # both kinds: not narrowed; the annotation's common type (float) stays the evidence, as before
    both = best({(PATH, *half): TraceSummary(8, {"x": {"int": 5, "float": 3}})}, "half", "x")
    assert (both.type, both.source) == ("float", "annotation")
    assert (best({}, "half", "x").type, best({}, "half", "x").source) == ("float", "annotation")
    # an int where float is a member (and int is not) fits float, and the detail names what was seen
    lab = best({(PATH, "label", 9): TraceSummary(6, {"v": {"int": 4, "float": 2}})}, "label", "v")
    assert lab.type == "float" and lab.detail == "6 calls, int, float; Union[float, str] narrowed to float, str not carried over"
    m = parse_module(PATH, src.encode())
    t = RulesTranslator(modules=[m])
    t.use_evidence({(k[0], k[1]): e.table() for k, e in
                    infer_package({PATH: ast.parse(src)}, {(PATH, *half): TraceSummary(8, {"x": {"int": 8}})}).items()})
    unit = next(u for u in m.units if u.qualname == "half")
    out = t.translate(TranslationRequest(unit=unit, module=m, evidence={}))
    assert "func Half(x int) float64 {" in out.go and out.status == CONVERTED, out.error
