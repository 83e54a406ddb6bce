"""pyCmpOp (gohelpers/numbers.go): `a < b` of two values Go holds as `any` (a constrained TypeVar's, a
value of several types), ordered at run time as Python orders them.

Every pair of a set of values is compared with each of <, <=, >, >= by Python and by the Go helper:
the results agree, and where Python raises TypeError the helper panics with it. A class instance
(whose ordering methods Go cannot reach through `any`) panics NotImplementedError, never answers."""

from __future__ import annotations

import math
import operator
import textwrap
from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from gotui.llm.base import CONVERTED
from test_rules_support import run_with_helpers, translate_module

pytestmark = pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")

NAN = float("nan")
# (Python value, its Go literal as an `any`)
VALUES = [
    (0, "0"), (1, "1"), (-3, "-3"), (2**62, "1 << 62"), (2**53 + 1, "9007199254740993"),
    (1.0, "1.0"), (1.5, "1.5"), (-0.5, "-0.5"), (9007199254740992.0, "9007199254740992.0"), (float("inf"), "math.Inf(1)"), (NAN, "math.NaN()"),
    (True, "true"), (False, "false"),
    ("", '""'), ("a", '"a"'), ("ab", '"ab"'), ("é", '"é"'), ("z", '"z"'),
    ((1, 2), "Tuple2[int, int]{1, 2}"), ((1, 3), "Tuple2[int, int]{1, 3}"), ((1, "a"), 'Tuple2[int, string]{1, "a"}'),
    ((1, 2, 0), "Tuple3[int, int, int]{1, 2, 0}"), ((0, NAN), "Tuple2[int, float64]{0, math.NaN()}"),
    ([1, 2], "[]int{1, 2}"), ([1], "[]int{1}"), ([], "[]int{}"), (["b"], '[]string{"b"}'),
    (None, "nil"),
]
OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def _fresh(v: object) -> object:
    """v with a NaN object of its own: Python's tuple comparison takes an item identical to the other's
    as equal (a NaN too), and Go values have no identity, so each side gets distinct NaNs."""
    if isinstance(v, float) and math.isnan(v):
        return float("nan")
    if isinstance(v, (tuple, list)):
        return type(v)(_fresh(x) for x in v)
    return v


def _python(a: object, b: object, op: str) -> object:
    try:
        return OPS[op](_fresh(a), _fresh(b))
    except TypeError:
        return "TypeError"


def _go_program() -> str:
    lits = ",\n\t\t".join(lit for _, lit in VALUES)
    ops = ", ".join(f'"{o}"' for o in OPS)
    return textwrap.dedent(f'''\
        package main

        import (
        \t"encoding/json"
        \t"fmt"
        \t"math"
        )

        type box struct{{ n int }}

        func one(a, b any, op string) (out any) {{
        \tdefer func() {{
        \t\tif r := recover(); r != nil {{
        \t\t\tout = r.(*pyException).kind
        \t\t}}
        \t}}()
        \treturn pyCmpOp(a, b, op)
        }}

        func main() {{
        \tvalues := []any{{
        \t\t{lits},
        \t}}
        \tvar rows []any
        \tfor _, a := range values {{
        \t\tfor _, b := range values {{
        \t\t\tfor _, op := range []string{{{ops}}} {{
        \t\t\t\trows = append(rows, one(a, b, op))
        \t\t\t}}
        \t\t}}
        \t}}
        \trows = append(rows, one(&box{{1}}, &box{{2}}, "<"))
        \tout, _ := json.Marshal(rows)
        \tfmt.Println(string(out))
        \t_ = math.Pi
        }}
        ''')


def test_ordering_any_values_agrees_with_python(tmp_path: Path) -> None:
    src = _go_program()
    got = run_with_helpers(tmp_path, src)
    want = [_python(a, b, op) for a, _ in VALUES for b, _ in VALUES for op in OPS]
    pairs = [(a, b, op) for a, _ in VALUES for b, _ in VALUES for op in OPS]
    for (a, b, op), g, w in zip(pairs, got, want):
        assert g == w, (a, op, b)
    assert got[len(want)] == "NotImplementedError"  # a class instance: never an answer


def test_a_constrained_type_variable_is_carried_and_ordered() -> None:
    _, _, out = translate_module("cmps.py", textwrap.dedent('''
        from typing import TypeVar

        T = TypeVar("T", tuple, str, int)

        def cmp(a: T, b: T) -> int:
            return (a > b) - (a < b)

        def total(a: T) -> int:
            return a + 1  # needs its type: a type switch, refused
    '''))
    assert out["cmp"].status == CONVERTED, out["cmp"].error
    assert 'return pyBoolInt(pyCmpOp(a, b, ">")) - pyBoolInt(pyCmpOp(a, b, "<"))' in out["cmp"].go
    assert "func Cmp(a any, b any) int {" in out["cmp"].go
    assert "`a` is `any` here (type variable `T`" in (out["total"].error or "")
