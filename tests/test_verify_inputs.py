"""Inputs from type hints, side-effect detection, and Go literals: no Go toolchain needed."""

from __future__ import annotations

import ast
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gotui.verify.difftest import GoType, NotExpressible, compatible, go_literal, go_quote, go_signature, plan_call
from gotui.verify.inputs import PyType, Untestable, conforms, function_spec, generate_cases, parse_annotation


def ann(text: str) -> PyType:
    return parse_annotation(ast.parse(text, mode="eval").body)


@pytest.mark.parametrize("text, expected", [
    ("int", "int"), ("list[int]", "list[int]"), ("List[str]", "list[str]"), ("dict[str, int]", "dict[str, int]"),
    ("Optional[str]", "Optional[str]"), ("int | None", "Optional[int]"), ("Union[None, float]", "Optional[float]"),
    ("tuple[int, str]", "tuple[int, str]"), ("tuple[int, ...]", "tuple[int, ...]"), ("'int'", "int"),
    ("typing.Optional[typing.List[int]]", "Optional[list[int]]"), ("None", "None"),
])
def test_annotations_become_data_types(text: str, expected: str):
    assert str(ann(text)) == expected


@pytest.mark.parametrize("text, reason", [
    ("dict", "without element types"), ("set[int]", "unsupported type set[int]"), ("Cart", "unsupported type Cart"),
    ("int | str", "unsupported union"), ("dict[float, int]", "dict key"),
])
def test_unsupported_annotations_say_why(text: str, reason: str):
    with pytest.raises(Untestable, match=re.escape(reason)):
        ann(text)


def test_function_spec_and_reasons_for_untested():
    spec = function_spec("def f(a: int, *, b: str = 'x') -> list[int]:\n    return [a]\n")
    assert [(p.name, str(p.type), p.keyword_only) for p in spec.params] == [("a", "int", False), ("b", "str", True)]
    assert spec.call_repr((1, "y")) == "f(1, b='y')"
    cases = {
        "def f(a, b: int) -> int:\n    return b\n": "no type hints: parameter a",
        "def f(a: int):\n    return a\n": "no type hints: no return type",
        "def f(a: int) -> int:\n    import random\n    return random.randint(0, a)\n": "nondeterministic",
        "def f(p: str) -> str:\n    with open(p) as fh:\n        return fh.read()\n": "uses files",
        "def f(a: int) -> int:\n    global X\n    X = a\n    return a\n": "global",
        "def f(a: int) -> int:\n    yield a\n": "generator",
        "@app.route('/')\ndef f(a: int) -> int:\n    return a\n": "decorated",
        "def f(*xs: int) -> int:\n    return 0\n": "*args",
        "def f(a: set[int]) -> int:\n    return 0\n": "parameter a: unsupported type set[int]",
    }
    for source, reason in cases.items():
        with pytest.raises(Untestable, match=re.escape(reason)):
            function_spec(source)


def test_a_local_named_like_a_module_is_not_a_side_effect():
    spec = function_spec("def f(time: int) -> int:\n    os = time + 1\n    return os\n")
    assert spec.name == "f"


def test_mutation_and_printing_are_noted_not_refused():
    spec = function_spec("def f(d: dict[str, int], k: str) -> int:\n    d[k] = 1\n    print(k)\n    return len(d)\n")
    assert spec.mutates == ["d"] and spec.prints


def test_cases_start_with_doctests_and_edges_and_are_deterministic():
    src = '''def floor_div(a: int, b: int) -> int:
    """
    >>> floor_div(9, 4)
    2
    >>> floor_div(b=3, a=-10)
    -4
    """
    return a // b
'''
    spec = function_spec(src)
    cases = generate_cases(spec, 40, seed=0)
    assert cases[:2] == [(9, 4), (-10, 3)]
    assert (0, 0) in cases and (-1, 2) in cases and (1, -7) in cases
    assert len(cases) == 40 and len(set(cases)) == 40
    assert generate_cases(spec, 40, seed=0) == cases
    assert generate_cases(spec, 40, seed=1) != cases


def test_string_literals_in_the_body_become_inputs():
    spec = function_spec("def cost(country: str) -> int:\n    if country in ('DE', 'NL'):\n        return 495\n    return 995\n")
    values = [c[0] for c in generate_cases(spec, 30)]
    assert {"DE", "NL", "", "ünïcödé"} <= set(values)


def test_optional_and_containers_get_empty_and_none_first():
    spec = function_spec("def f(xs: list[int], m: dict[str, float], o: Optional[str]) -> int:\n    return 0\n")
    cases = generate_cases(spec, 30)
    assert any(c[0] == [] for c in cases) and any(c[1] == {} for c in cases) and any(c[2] is None for c in cases)
    for c in cases:
        assert conforms(c[0], spec.params[0].type) and conforms(c[1], spec.params[1].type) and conforms(c[2], spec.params[2].type)


_types = st.recursive(
    st.sampled_from([PyType("int"), PyType("float"), PyType("str"), PyType("bool")]),
    lambda inner: st.one_of(
        inner.map(lambda t: PyType("list", (t,))),
        inner.map(lambda t: PyType("optional", (t,)) if t.kind != "optional" else t),
        st.tuples(st.sampled_from([PyType("int"), PyType("str")]), inner).map(lambda kv: PyType("dict", kv)),
        st.lists(inner, min_size=1, max_size=3).map(lambda ts: PyType("tuple", tuple(ts))),
    ),
    max_leaves=4,
)


@settings(max_examples=60, deadline=None)
@given(_types, st.integers(0, 3))
def test_generated_values_always_conform_to_their_hint(t: PyType, seed: int):
    spec = function_spec(f"def f(x: {_hint(t)}) -> int:\n    return 0\n")
    assert spec.params[0].type == t
    for (value,) in generate_cases(spec, 25, seed):
        assert conforms(value, t), (t, value)


def _hint(t: PyType) -> str:
    if t.kind == "optional":
        return f"Optional[{_hint(t.args[0])}]"
    if t.args:
        return f"{t.kind}[{', '.join(_hint(a) for a in t.args)}]"
    return t.kind


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_go_quote_escapes_everything_that_would_break_a_line(s: str):
    q = go_quote(s)
    assert q.startswith('"') and q.endswith('"')
    assert "\n" not in q and "\r" not in q and "\t" not in q
    body = q[1:-1].replace("\\\\", "")
    assert '"' not in body.replace('\\"', "")


def test_go_literals_follow_the_go_type():
    sig = go_signature("func F(a []int64, m map[string]*float64, o *string, t [2]int) (int, error) { return 0, nil }", "F")
    a, m, o, t = (gt for _, gt in sig.params)
    assert go_literal([1, -2], a) == "[]int64{1, -2}"
    assert go_literal({"b": None, "a": 1.5}, m) == 'map[string]*float64{"a": gotuiPtr[float64](1.5), "b": nil}'
    assert go_literal(None, o) == "nil" and go_literal("x", o) == 'gotuiPtr[string]("x")'
    assert go_literal((1, 2), t) == "[2]int{1, 2}"
    with pytest.raises(NotExpressible):
        go_literal(2**63, GoType("int", "int"))
    with pytest.raises(NotExpressible):
        go_literal(-1, GoType("uint", "uint"))
    assert go_literal(float("inf"), GoType("float", "float64"), imports := set()) == "math.Inf(1)" and imports == {"math"}


def test_result_shapes_match_python_hints():
    spec = function_spec("def f(words: list[str], n: int) -> Optional[str]:\n    return None\n")
    assert plan_call(spec, go_signature("func F(words []string, n int) (string, bool) { return \"\", false }", "F")).shape == "okpair"
    assert plan_call(spec, go_signature("func F(words []string, n int) *string { return nil }", "F")).shape == "single"
    pair = function_spec("def g(s: str) -> tuple[int, int]:\n    return 1, 2\n")
    plan = plan_call(pair, go_signature("func G(s string) (int, int, error) { return 0, 0, nil }", "G"))
    assert plan.shape == "multi" and plan.has_err
    with pytest.raises(Untestable, match="does not fit"):
        plan_call(pair, go_signature("func G(s string) int { return 0 }", "G"))
    with pytest.raises(Untestable, match="parameter s"):
        plan_call(pair, go_signature("func G(s int) (int, int) { return 0, 0 }", "G"))
    with pytest.raises(Untestable, match="no Go function"):
        go_signature("func A() {}\nfunc B() {}\n", "G")
    assert compatible(PyType("tuple", (PyType("int"), PyType("int"))), GoType("array", "[2]int", elem=GoType("int", "int"), length=2))


def test_tuples_as_the_helpers_generic_structs():
    sig = go_signature("func F(rows []Tuple2[string, int]) Tuple3[int, int, float64] { return Tuple3[int, int, float64]{} }", "F")
    spec = function_spec("def f(rows: list[tuple[str, int]]) -> tuple[int, int, float]:\n    return 0, 0, 0.0\n")
    plan = plan_call(spec, sig)
    assert plan.shape == "single"
    assert go_literal([("a", 1)], plan.fields[0][1]) == '[]Tuple2[string, int]{Tuple2[string, int]{F0: "a", F1: 1}}'
    assert go_literal((1, 2, 0.5), plan.wants[0]) == "Tuple3[int, int, float64]{F0: 1, F1: 2, F2: 0.5}"


def test_parsers_get_inputs_shaped_like_their_literals():
    spec = function_spec("def parse(text: str) -> int:\n    a, b, c = text.split('-')\n    if a != 'SO':\n        raise ValueError(text)\n    return int(b)\n")
    assert "SO-2024-17" in [c[0] for c in generate_cases(spec, 30)]


def test_pure_parts_of_os_and_sys_are_allowed():
    function_spec("def f(a: str) -> str:\n    return os.path.join(a, 'x') + str(sys.maxsize)\n")
    with pytest.raises(Untestable, match="uses os"):
        function_spec("def f(a: str) -> bool:\n    return os.path.exists(a)\n")
