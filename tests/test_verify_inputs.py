"""Inputs from type hints, side-effect detection, and Go literals: no Go toolchain needed."""

from __future__ import annotations

import ast
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gotui.verify.difftest import GoType, NotExpressible, compatible, go_literal, go_quote, go_signature, plan_call
from gotui.verify.guards import module_constants, passes_guards
from gotui.verify.inputs import PyType, Untestable, conforms, function_spec, parse_annotation
from gotui.verify.values import generate_cases, hazards


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
    ("dict", "without element types"), ("set[list[int]]", "unsupported set element type list[int]"), ("Cart", "unsupported type Cart"),
    ("int | list[int]", "unsupported union"), ("dict[float, int]", "dict key"),
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
        "def f(a: set[list[int]]) -> int:\n    return 0\n": "parameter a: unsupported set element type list[int]",
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


# ---- inputs aimed at each unit's hazards -----------------------------------------------------

def _values(src: str, i: int = 0, count: int = 40, module: str = "") -> list:
    return [c[i] for c in generate_cases(function_spec(src, module_text=module), count)]


def test_floor_division_gets_negative_operands_and_values_between_multiples():
    src = "def kilos(grams: int, unit: int) -> int:\n    return -(-grams // 1000) + grams % unit\n"
    cases = generate_cases(function_spec(src), 40)
    assert any(g < 0 for g, _ in cases) and any(u < 0 for _, u in cases)
    # half-way between multiples of the literal divisor, where // and Go's / differ
    assert {500, -1500, 1500} <= {g for g, _ in cases}


def test_round_gets_halves_and_decimal_halves():
    assert {0.5, 1.5, 2.5, -0.5, -2.5} <= set(_values("def f(x: float, k: int) -> int:\n    return round(x) + k\n"))
    assert 2.675 in _values("def f(x: float, k: int) -> float:\n    return round(x, 2) + k\n")
    # an int that becomes a half after `/ 100`: 50 * 1 / 100 is 0.5, 0 half to even and 1 with math.Round
    assert 50 in _values("def gross(cents: int, rate: int) -> int:\n    return round(cents * rate / 100)\n")


def test_split_gets_empty_and_multi_space_text_and_indexing_gets_non_ascii():
    split = _values("def words(text: str, n: int) -> list[str]:\n    return text.split()[:n]\n")
    assert {"", " ", "a  b", "  two  spaces  "} <= set(split)
    index = _values("def at(text: str, i: int) -> str:\n    return text[i]\n")
    assert {"ünïcödé", "日本語"} <= set(index)


MODULE = '''
ZONES = {"DE": "domestic", "AT": "eu", "US": "world"}
RATES = {"domestic": (495, 0), "eu": (995, 150), "world": (1995, 400)}
MAX_GRAMS = 31_500
'''
SHIPPING = '''def shipping(country: str, grams: int, cart: int) -> int:
    if grams <= 0 or grams > MAX_GRAMS:
        raise ValueError(f"cannot ship {grams} g")
    zone = ZONES.get(country)
    if zone is None:
        raise ValueError(f"we do not ship to {country}")
    base, per_kg = RATES[zone]
    return base + per_kg * max(0, -(-grams // 1000) - 1)
'''


def test_a_function_that_validates_first_gets_inputs_past_its_validation():
    spec = function_spec(SHIPPING, module_text=MODULE)
    assert set(spec.constants) == {"ZONES", "RATES", "MAX_GRAMS"}
    cases = generate_cases(spec, 60)
    valid = [c for c in cases if c[0] in ("DE", "AT", "US") and 0 < c[1] <= 31_500]
    assert len(valid) >= 10
    # around a valid input, the weight varies across a kilo boundary, still in the valid range
    assert any(w % 1000 not in (0, 1) and w > 1000 for _, w, _ in valid)
    assert len({c for c, _, _ in valid}) >= 2  # more than one country gets past the checks
    assert any(c[1] <= 0 for c in cases)  # and the raise path is still compared
    assert generate_cases(spec, 60) == cases  # deterministic
    # without the module, the table is unknown: nothing claims an input is valid
    assert function_spec(SHIPPING).constants == {}


def test_parsers_get_fields_counted_by_the_body_and_words_of_a_tables_alphabet():
    ipv4 = "def ok(a: str) -> bool:\n    parts = a.split('.')\n    if len(parts) != 4:\n        return False\n    return all(int(p) <= 255 for p in parts)\n"
    assert {"1.2.3.4", "256.255.255.255"} <= set(_values(ipv4))
    roman = "def value(s: str) -> int:\n    return sum(DIGITS[c] for c in s)\n"
    values = _values(roman, module="DIGITS = {'I': 1, 'V': 5, 'X': 10}\n")
    assert {"I", "V", "X", "IVX", "XVI"} <= set(values)


def test_matrices_get_ragged_rows():
    src = "def mul(a: list[list[int]], b: list[list[int]]) -> list[list[int]]:\n    if not a or len(a[0]) != len(b):\n        raise ValueError('shape')\n    return a\n"
    cases = generate_cases(function_spec(src), 40)
    assert any(a and len(a[0]) == len(b) and any(len(r) < len(a[0]) for r in a) for a, b in cases)


def test_guards_are_evaluated_on_literal_data_only():
    fn = ast.parse(SHIPPING).body[0]
    consts = module_constants(MODULE)
    names = ["country", "grams", "cart"]
    assert passes_guards(fn, names, ("AT", 1500, 0), consts) is True
    assert passes_guards(fn, names, ("AT", 0, 0), consts) is False
    assert passes_guards(fn, names, ("XX", 1500, 0), consts) is False
    # a table the module computes is unknown: the guard that reads it decides nothing
    assert passes_guards(fn, names, ("XX", 1500, 0), {"MAX_GRAMS": 31_500}) is True
    unknown = ast.parse("def f(x: str) -> int:\n    if not valid(x):\n        raise ValueError(x)\n    return 1\n").body[0]
    assert passes_guards(unknown, ["x"], ("a",), {}) is None
    # no guard grows a string or list past a bound, whatever the input
    big = ast.parse("def f(n: int) -> int:\n    if len('x' * n) > 3:\n        raise ValueError(n)\n    return n\n").body[0]
    assert passes_guards(big, ["n"], (10**12,), {}) is None


def test_indexing_hazard_is_about_text_not_lists():
    def hz(src: str) -> bool:
        spec = function_spec(src)
        return hazards(spec.node, {p.name for p in spec.params if p.type.kind == "str"}).indexes
    assert not hz("def f(xs: list[int], s: str) -> int:\n    return xs[0]\n")
    assert hz("def f(xs: list[int], s: str) -> str:\n    t = s.strip()\n    return t[xs[0]]\n")
    assert hz("def f(s: str) -> int:\n    return sum(1 for ch in s if ch.isalpha())\n")


def test_several_any_results_take_python_tuples_and_fail_on_anything_else():
    from gotui.verify.difftest import unit_test
    from gotui.verify.sandbox import CaseOutcome

    spec = function_spec("def f(a: Any, b: Any) -> Any:\n    return b, a\n")
    plan = plan_call(spec, go_signature("func F(a any, b any) (any, any) { return b, a }", "F"))
    assert plan.shape == "multi" and [w.kind for w in plan.wants] == ["any", "any"]
    test = unit_test("m.py::f", spec, plan, [(1, "x"), (2, "y")], {0: CaseOutcome("ok", ("x", 1)), 1: CaseOutcome("ok", None)})
    assert 'want0: "x", want1: int(1)' in test.code
    # a Python result that is no pair cannot be matched by Go's two results: a row that always fails
    assert 'pyErr: "!Python returned None, not 2 values"' in test.code and test.rows == [0, 1]


def test_python_ints_fit_a_go_float64_as_the_floats_they_are_exactly():
    # the translator widens an int the evidence also saw as a float (cachetools' maxsize): compared as floats
    assert compatible(PyType("int"), GoType("float", "float64"))
    assert go_literal(3, GoType("float", "float64")) == "3.0"
    with pytest.raises(NotExpressible):
        go_literal(2**53 + 1, GoType("float", "float64"))
    assert not compatible(PyType("float"), GoType("int", "int"))  # never the other way: Go would cut the fraction


def test_namedtuple_parameters_are_records_built_as_their_class():
    from gotui.verify._sandbox_child import Record, decode, encode
    from gotui.verify.inputs import conforms
    from gotui.verify.sources import record_aliases
    from gotui.verify.values import edge_values, random_value

    mod = ast.parse("from typing import NamedTuple\nclass RGB(NamedTuple):\n    red: int\n    green: int\n    blue: int\n")
    aliases = {**record_aliases(mod), "Triplet": ast.parse("Union[RGB, tuple[int, int, int]]", mode="eval").body}
    spec = function_spec("def f(c: RGB, t: Triplet) -> int:\n    return 0\n", aliases=aliases)
    rec, union = spec.params[0].type, spec.params[1].type
    assert (rec.kind, rec.name, str(rec)) == ("record", "RGB", "RGB") and union.kind == "union"
    with pytest.raises(Untestable, match="return: unsupported type RGB"):  # read back by its attributes instead
        function_spec("def h(c: RGB) -> RGB:\n    return c\n", aliases=aliases)
    v = Record("RGB", [1, 2, 3])
    assert conforms(v, rec) and not conforms((1, 2, 3), rec) and conforms((1, 2, 3), union) and conforms(v, union)
    assert decode(encode(v)) == v and repr(v) == "RGB(1, 2, 3)"
    assert all(isinstance(x, Record) for x in edge_values(rec, *_no_literals()))
    assert isinstance(random_value(rec, __import__("random").Random(1), _no_literals()[0]), Record)
    # Go: the constructor where the parameter is the struct, and in an `any`; a plain tuple is a TupleN
    ptr = GoType("ptr", "*RGB", elem=GoType("other", "RGB"))
    assert compatible(rec, ptr) and not compatible(rec, GoType("ptr", "*HSL", elem=GoType("other", "HSL")))
    assert go_literal(v, ptr) == "NewRGB(1, 2, 3)" and go_literal(v, GoType("any", "any")) == "NewRGB(1, 2, 3)"
    assert go_literal((1, 2, 3), GoType("any", "any")).startswith("Tuple3[int, int, int]{")
    with pytest.raises(Untestable, match="unsupported union"):  # a NamedTuple of lists: nothing Go's any holds as written
        function_spec("def g(t: Union[Box, int]) -> int:\n    return 0\n", aliases={
            "Box": ast.parse("__gotui_record__('Box', list[int])", mode="eval").body})


def _no_literals():
    from gotui.verify.values import Hazards, Literals

    return Literals(), Hazards()
