"""The mutation benchmark's operators: each writes its mistake, over plain Go and the translator's helpers."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location("bench_mutation", Path(__file__).resolve().parent.parent / "benchmarks" / "bench_mutation.py")
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)
OPS = bench.OPERATORS


def test_helper_calls_are_rewritten_with_nested_arguments_and_strings():
    go = 'func F(m map[string]int, s string) int {\n\treturn pyGet(m, pyLower(s), f("a,)"))\n}\n'
    assert OPS["missing-key default dropped"](go) == 'func F(m map[string]int, s string) int {\n\treturn m[pyLower(s)]\n}\n'
    assert OPS["slice end off by one"]("x := pySlice(xs, i, i+size)\n") == "x := pySlice(xs, i, i+size-1)\n"
    assert OPS["rune → byte indexing"]("c := pyStrAt(user, 0)\n") == "c := string(user[0])\n"


def test_a_mutant_imports_what_it_uses():
    go = "func F(x float64) int {\n\treturn pyRound(x * (1 + r))\n}\n"
    out = OPS["round half even → math.Round"](go)
    assert out.startswith('import (\n\t"math"\n)\n') and "int(math.Round(x * (1 + r)))" in out
    with_strings = 'import (\n\t"strings"\n)\n\nfunc F(s string) []string {\n\treturn pyFields(s)\n}\n'
    assert OPS["str.split() → strings.Split"](with_strings).count('"strings"') == 1  # imported once
    assert 'strings.Split(s, " ")' in OPS["str.split() → strings.Split"](with_strings)


def test_nil_map_and_map_order_and_no_op_when_absent():
    assert OPS["write to a nil map"]("\tseen := map[string]struct{}{}\n") == "\tvar seen map[string]struct{}\n"
    assert OPS["insertion order → map order"]("d := pySortedDesc(pyKeys(pySet(xs)))\n") == "d := pyKeys(pySet(xs))\n"
    assert OPS["round half even → math.Round"]("func F() int { return 1 }\n") is None


def test_the_share_is_over_non_equivalent_mutants_and_a_caught_equivalent_is_flagged(capsys):
    key = next(iter(bench.EQUIVALENT))
    outcome = {key: "pass", ("u::f", "dropped else"): "diverged", ("u::g", "dropped else"): "pass"}
    bench.report({}, {}, outcome, [], 1.0, verbose=True)
    out = capsys.readouterr().out
    assert "1/2" in out and "50%" in out and "1 equivalent" in out and f"equivalent: {key[1]}: {key[0]}" in out
    bench.report({}, {}, {key: "diverged"}, [], 1.0, verbose=False)
    assert "listed as equivalent but caught" in capsys.readouterr().out
