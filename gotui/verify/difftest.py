"""Differential tests in Go: a table per unit with the Python's answers as Go literals, one `go test` for all.

Each unit gets `gotuiCases_<Name>` (inputs, the Python result or the exception it raised),
`TestGotui_<Name>` (calls the Go function per row, with a timeout and panic recovery, and compares)
and `BenchmarkGotui_<Name>`. Rows name the Python call, so a failing test reads as evidence. The
comparison helpers live once per package in `gotui_support_test.go`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Mapping

from gotui.golang.assemble import split_imports
from gotui.golang.literals import go_string
from gotui.golang.names import GO_KEYWORDS, enum_member_var, go_type_name
from gotui.parse.treesitter import parse_go
from gotui.verify.build import TEST_MARK
from gotui.verify.inputs import FunctionSpec, PyType, Untestable
from gotui.verify._sandbox_child import UNSET, Member, Obj, Record
from gotui.verify.sandbox import CaseOutcome

SUPPORT_FILE = "gotui_support_test.go"
_INTS = {"int": 64, "int8": 8, "int16": 16, "int32": 32, "rune": 32, "int64": 64}
_UINTS = {"uint": 64, "uint8": 8, "byte": 8, "uint16": 16, "uint32": 32, "uint64": 64, "uintptr": 64}

# ---- Go types and signatures ----------------------------------------------------------------


@dataclass(frozen=True)
class GoType:
    kind: str  # int, uint, float, string, bool, slice, array, map, ptr, error, other
    text: str
    elem: "GoType | None" = None
    key: "GoType | None" = None
    length: int | None = None
    bits: int = 64
    args: tuple["GoType", ...] = ()  # a TupleN helper struct's element types


@dataclass
class GoSig:
    name: str
    params: list[tuple[str, GoType]]
    results: list[GoType]


class NotExpressible(Exception):
    """A Python value that has no Go literal of the wanted type (an int beyond int64, a lone surrogate)."""


def _text(node: Any) -> str:
    return node.text.decode("utf-8") if node.text is not None else ""


def go_type(node: Any) -> GoType:
    t = node.type
    text = " ".join(_text(node).split())
    if t == "parenthesized_type":
        return go_type(node.named_children[0])
    if t == "type_identifier":
        if text in _INTS:
            return GoType("int", text, bits=_INTS[text])
        if text in _UINTS:
            return GoType("uint", text, bits=_UINTS[text])
        if text in ("float64", "float32"):
            return GoType("float", text, bits=int(text[5:]))
        if text == "string":
            return GoType("string", text)
        if text == "bool":
            return GoType("bool", text)
        if text == "error":
            return GoType("error", text)
        if text == "any":  # a parameter the translated function never uses (it gets nil, Python None)
            return GoType("any", text)
        return GoType("other", text)
    if t == "slice_type":
        return GoType("slice", text, elem=go_type(node.child_by_field_name("element")))
    if t == "array_type":
        length = node.child_by_field_name("length")
        try:
            n = int(_text(length), 0) if length is not None else None
        except ValueError:
            n = None
        return GoType("array" if n is not None else "other", text, elem=go_type(node.child_by_field_name("element")), length=n)
    if t == "map_type":
        return GoType("map", text, key=go_type(node.child_by_field_name("key")), elem=go_type(node.child_by_field_name("value")))
    if t == "pointer_type":
        inner = go_type(node.named_children[0])
        if inner.kind == "odict":  # *pyODict[K, V]: an OrderedDict, nil for None
            return GoType("odict", text, key=inner.key, elem=inner.elem)
        return GoType("ptr", text, elem=inner)
    if t == "generic_type":  # the helpers' Tuple2[A, B] ... Tuple4: a struct with fields F0, F1, ...
        base = node.child_by_field_name("type")
        targs = node.child_by_field_name("type_arguments")
        if base is not None and targs is not None and re.fullmatch(r"Tuple[2-9]", _text(base)):
            args = tuple(go_type(a.named_children[0] if a.type == "type_elem" else a) for a in targs.named_children)
            if len(args) == int(_text(base)[5:]):
                return GoType("tuple", text, args=args)
        if base is not None and targs is not None and _text(base) == "pyODict" and len(targs.named_children) == 2:
            key, val = (go_type(a.named_children[0] if a.type == "type_elem" else a) for a in targs.named_children)
            return GoType("odict", text, key=key, elem=val)
    return GoType("other", text)


def _params(node: Any) -> tuple[list[tuple[str, GoType]], str | None]:
    out: list[tuple[str, GoType]] = []
    if node is None:
        return out, None
    for decl in node.named_children:
        if decl.type == "variadic_parameter_declaration":
            return out, "the Go function is variadic"
        if decl.type != "parameter_declaration":
            continue
        tnode = decl.child_by_field_name("type")
        if tnode is None:
            continue
        gt = go_type(tnode)
        names = [_text(c) for c in decl.children_by_field_name("name")]
        for n in names or [""]:
            out.append((n, gt))
    return out, None


def go_functions(go: str) -> dict[str, Any]:
    """Top-level function declarations of a unit's Go by name (tree-sitter nodes)."""
    _, body = split_imports(go)
    tree = parse_go(("package p\n" + body).encode("utf-8"))
    return {_text(n.child_by_field_name("name")): n for n in tree.root_node.named_children
            if n.type == "function_declaration" and n.child_by_field_name("name") is not None}


def go_method_signature(go: str, receiver: str, name: str) -> GoSig:
    """The signature of the unit's Go method `name` on `receiver` (or its only method); raises Untestable."""
    _, body = split_imports(go)
    tree = parse_go(("package p\n" + body).encode("utf-8"))
    found = {}
    for n in tree.root_node.named_children:
        if n.type != "method_declaration" or n.child_by_field_name("name") is None:
            continue
        recv = _text(n.child_by_field_name("receiver")) if n.child_by_field_name("receiver") is not None else ""
        found[_text(n.child_by_field_name("name"))] = (n, recv)
    hit = found.get(name) or (next(iter(found.values())) if len(found) == 1 else None)
    if hit is None:
        raise Untestable(f"no Go method {name} in the unit's Go (methods: {', '.join(sorted(found)) or 'none'})")
    node, recv = hit
    if not re.search(rf"\*\s*{re.escape(receiver)}\s*\)$", recv):
        raise Untestable(f"the Go method {_text(node.child_by_field_name('name'))} is not on *{receiver} (receiver {recv})")
    params, problem = _params(node.child_by_field_name("parameters"))
    if problem:
        raise Untestable(problem.replace("function", "method"))
    result = node.child_by_field_name("result")
    results = [] if result is None else [t for _, t in _params(result)[0]] if result.type == "parameter_list" else [go_type(result)]
    return GoSig(_text(node.child_by_field_name("name")), params, results)


def go_signature(go: str, name: str) -> GoSig:
    """The signature of the unit's Go function `name` (or its only function); raises Untestable."""
    funcs = go_functions(go)
    node = funcs.get(name)
    if node is None:
        lower = [n for n in funcs if n.lower() == name.lower()]
        if len(lower) == 1:
            node = funcs[lower[0]]
        elif len(funcs) == 1:
            node = next(iter(funcs.values()))
    if node is None:
        found = ", ".join(sorted(funcs)) or "none"
        raise Untestable(f"no Go function {name} in the unit's Go (functions: {found})")
    fname = _text(node.child_by_field_name("name"))
    if node.child_by_field_name("type_parameters") is not None:
        raise Untestable(f"the Go function {fname} is generic")
    params, problem = _params(node.child_by_field_name("parameters"))
    if problem:
        raise Untestable(problem)
    result = node.child_by_field_name("result")
    if result is None:
        results: list[GoType] = []
    elif result.type == "parameter_list":
        results = [t for _, t in _params(result)[0]]
    else:
        results = [go_type(result)]
    return GoSig(fname, params, results)


# ---- Python hints against Go types ----------------------------------------------------------


_SCALAR_KINDS = ("int", "float", "str", "bool", "none")


def compatible(py: PyType, go: GoType) -> bool:
    k = py.kind
    if k == "state":
        return True  # a receiver's attribute: its value is written as its Go field's type
    if go.kind == "any" and (k in _SCALAR_KINDS or k in ("optional", "union") and all(a.kind in _SCALAR_KINDS for a in py.args)):
        return True  # Go's `any` (a value of several types): each value written as the Go holds it (_any_literal)
    if k in ("record", "enum", "object"):  # a NamedTuple, an enum or an instance: a pointer to the struct of its name
        return go.kind == "ptr" and go.elem is not None and go.elem.text == go_type_name(py.name)
    if go.kind == "ptr" and go.elem is not None and k not in ("none", "optional"):
        return compatible(py, go.elem)  # a value that is never None, in a Go pointer that may be nil
    if k == "int":
        # a Go float64 where Python has ints (the translator widened it: the evidence saw a float too,
        # cachetools' maxsize): each int is written as the float it is exactly (go_literal)
        return go.kind in ("int", "uint", "float")
    if k == "float":
        return go.kind == "float"
    if k == "str":
        return go.kind == "string"
    if k == "bool":
        return go.kind == "bool"
    if k == "list" or (k == "tuple" and py.variadic):
        return go.kind == "slice" and go.elem is not None and compatible(py.args[0], go.elem)
    if k == "tuple" and go.kind == "tuple":
        return len(go.args) == len(py.args) and all(compatible(a, g) for a, g in zip(py.args, go.args))
    if k == "tuple":
        if go.kind == "array" and go.length != len(py.args):
            return False
        return go.kind in ("slice", "array") and go.elem is not None and all(compatible(a, go.elem) for a in py.args)
    if k == "dict" and go.kind == "odict":  # an OrderedDict (a dict, to Python's annotations)
        return go.key is not None and go.elem is not None and compatible(py.args[0], go.key) and compatible(py.args[1], go.elem)
    if k == "dict":
        return go.kind == "map" and go.key is not None and go.elem is not None and compatible(py.args[0], go.key) and compatible(py.args[1], go.elem)
    if k == "set":  # the translator's set: map[T]struct{}
        return go.kind == "map" and go.key is not None and go.elem is not None and go.elem.text == "struct{}" and compatible(py.args[0], go.key)
    if k == "optional":
        return go.kind == "ptr" and go.elem is not None and compatible(py.args[0], go.elem)
    if k in ("any", "union"):
        return go.kind == "any"  # a value of several types, both sides
    return False


@dataclass
class CallPlan:
    """How to call the Go function and read its results against the Python's."""

    go_name: str
    fields: list[tuple[str, GoType]]  # one struct field per parameter
    shape: str  # none, single, multi, okpair
    wants: list[GoType]  # the want fields' types
    has_err: bool
    n_results: int
    # a method: `ctor(first ctor_fields fields).method(the rest)`; go_name then only names the test
    ctor: str = ""
    ctor_fields: int = 0
    method: str = ""
    # instead of a call: a Go expression of the row's fields (`c.<field>`), e.g. an exception class's
    # `(&E{Msg: c.msg}).Error() + "|" + gotuiAs(...)`; go_name then only names the test
    expr: str = ""
    imports: set[str] = field(default_factory=set)  # packages `expr` uses (`slices.Collect`)


_RESERVED = {"call", "want", "pyErr"}


def _field_name(name: str, i: int, taken: set[str]) -> str:
    base = name if name and name != "_" else f"a{i}"
    if base in _RESERVED or base in GO_KEYWORDS or re.match(r"want\d+$", base):
        base += "Arg"
    while base in taken:
        base += "_"
    taken.add(base)
    return base


def plan_call(spec: FunctionSpec, sig: GoSig) -> CallPlan:
    """Match the Python signature to the Go one; raises Untestable saying what does not fit."""
    if len(sig.params) != len(spec.params):
        raise Untestable(f"the Go function {sig.name} takes {len(sig.params)} parameters, the Python {len(spec.params)}")
    taken: set[str] = set()
    fields: list[tuple[str, GoType]] = []
    for i, (p, (gname, gt)) in enumerate(zip(spec.params, sig.params)):
        if not compatible(p.type, gt):
            raise Untestable(f"parameter {p.name}: Go type {gt.text} does not fit Python's {p.type}")
        fields.append((_field_name(gname, i, taken), gt))
    results = list(sig.results)
    has_err = bool(results) and results[-1].kind == "error"
    if has_err:
        results = results[:-1]
    r = spec.returns
    shape = ""
    wants: list[GoType] = []
    if r.kind == "none" and not results:
        shape = "none"
    elif len(results) == 1 and compatible(r, results[0]):
        shape, wants = "single", results
    elif r.kind == "tuple" and not r.variadic and len(results) == len(r.args) and all(compatible(a, g) for a, g in zip(r.args, results)):
        shape, wants = "multi", results
    elif r.kind in ("any", "union") and len(results) > 1 and all(g.kind == "any" for g in results):
        # `return (key, value)` of values of several types: Go's several `any` results; a Python result
        # that is no tuple of that length is a row Go cannot match (unit_test)
        shape, wants = "multi", results
    elif r.kind == "optional" and len(results) == 2 and results[1].kind == "bool" and compatible(r.args[0], results[0]):
        shape, wants = "okpair", [GoType("ptr", "*" + results[0].text, elem=results[0])]
    if not shape:
        go_res = ", ".join(g.text for g in sig.results) or "nothing"
        raise Untestable(f"the Go function {sig.name} returns ({go_res}), which does not fit Python's {r}")
    return CallPlan(sig.name, fields, shape, wants, has_err, len(sig.results))


# ---- literals -------------------------------------------------------------------------------


def go_quote(s: str) -> str:
    try:
        return go_string(s)
    except ValueError as exc:
        raise NotExpressible(str(exc)) from None


def go_literal(v: Any, t: GoType, imports: set[str] | None = None) -> str:
    """A Go expression of type t for the Python value v; raises NotExpressible."""
    if v is UNSET:  # an attribute the object does not have yet: the Go field's zero value
        return f"*new({t.text})"
    k = t.kind
    if k in ("int", "uint"):
        if isinstance(v, bool) or not isinstance(v, int):
            raise NotExpressible(f"{v!r} is not an integer")
        lo, hi = (-(2 ** (t.bits - 1)), 2 ** (t.bits - 1) - 1) if k == "int" else (0, 2 ** t.bits - 1)
        if not lo <= v <= hi:
            raise NotExpressible(f"{v} does not fit Go's {t.text}")
        return str(v)
    if k == "float":
        if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2 ** 53:
            raise NotExpressible(f"{v} has no exact float64")
        f = float(v)
        if math.isnan(f) or math.isinf(f):
            if imports is not None:
                imports.add("math")
            return "math.NaN()" if math.isnan(f) else f"math.Inf({1 if f > 0 else -1})"
        if t.bits == 32 and abs(f) > 3.4e38:
            raise NotExpressible(f"{f} does not fit float32")
        return repr(f)
    if k == "string":
        if not isinstance(v, str):
            raise NotExpressible(f"{v!r} is not a string")
        return go_quote(v)
    if k == "bool":
        return "true" if v else "false"
    if k in ("slice", "array"):
        assert t.elem is not None
        if k == "array" and len(v) != t.length:
            raise NotExpressible(f"{len(v)} items for {t.text}")
        return t.text + "{" + ", ".join(go_literal(x, t.elem, imports) for x in v) + "}"
    if k == "tuple":
        if len(v) != len(t.args):
            raise NotExpressible(f"{len(v)} items for {t.text}")
        return t.text + "{" + ", ".join(f"F{i}: {go_literal(x, a, imports)}" for i, (x, a) in enumerate(zip(v, t.args))) + "}"
    if k == "map":
        assert t.key is not None and t.elem is not None
        if isinstance(v, (set, frozenset)) and t.elem.text == "struct{}":  # a set: each member a key
            return t.text + "{" + ", ".join(f"{go_literal(a, t.key, imports)}: {{}}" for a in sorted(v, key=lambda x: (repr(type(x)), x))) + "}"
        items = sorted(v.items(), key=lambda kv: (repr(type(kv[0])), kv[0]))
        return t.text + "{" + ", ".join(f"{go_literal(a, t.key, imports)}: {go_literal(b, t.elem, imports)}" for a, b in items) + "}"
    if k == "any":
        return _any_literal(v, imports)
    if k == "odict":  # pyODictOf[K, V](pairs...): its pairs in the Python value's order
        assert t.key is not None and t.elem is not None
        if v is None:
            return "nil"
        if not isinstance(v, dict):
            raise NotExpressible(f"{type(v).__name__} for an OrderedDict")
        pair = f"Tuple2[{t.key.text}, {t.elem.text}]"
        return (f"pyODictOf[{t.key.text}, {t.elem.text}](" +
                ", ".join(f"{pair}{{F0: {go_literal(a, t.key, imports)}, F1: {go_literal(b, t.elem, imports)}}}" for a, b in v.items()) + ")")
    if t.text == "struct{}" and v is None:  # an OrderedDict's value where it is an ordered set (None in Python)
        return "struct{}{}"
    if k == "ptr":
        assert t.elem is not None
        if v is None:
            return "nil"
        if isinstance(v, Record) and t.elem.text == go_type_name(v.name):
            return _record_literal(v, imports)
        if isinstance(v, Member) and t.elem.text == go_type_name(v.cls):
            return enum_member_var(go_type_name(v.cls), v.member)  # the member's package variable
        if isinstance(v, Obj) and v.go is not None and t.elem.text == v.go[0]:
            # a traced object: its struct with each attribute in its field (receivers.bind_objects)
            return "&" + struct_literal(v.go[0], {path: go_literal(x, gt, imports) for (path, gt, _), (_, x) in zip(v.go[1], v.attrs)})
        return f"gotuiPtr[{t.elem.text}]({go_literal(v, t.elem, imports)})"
    raise NotExpressible(f"Go type {t.text}")


def struct_literal(go_type: str, values: Mapping[str, str]) -> str:
    """`T{f: v, Base: Base{g: w}}` for field paths -> values (an embedded base's fields nested in it)."""
    own = [(p, v) for p, v in values.items() if "." not in p]
    nested: dict[str, dict[str, str]] = {}
    for p, v in values.items():
        if "." in p:
            base, rest = p.split(".", 1)
            nested.setdefault(base, {})[rest] = v
    parts = [f"{base}: {struct_literal(base, sub)}" for base, sub in nested.items()] + [f"{p}: {v}" for p, v in own]
    return f"{go_type}{{{', '.join(parts)}}}"


def _record_literal(v: Record, imports: set[str] | None) -> str:
    """A NamedTuple as its Go constructor builds it (`NewIntegerRGB(1, 2, 3)`), fields of scalars only:
    each written untyped, so the constructor's parameter types take it."""
    if not all(isinstance(x, (bool, int, float, str)) for x in v):
        raise NotExpressible(f"a {v.name} holding other than scalars")
    items = [("true" if x else "false") if isinstance(x, bool) else go_literal(x, _INT64, imports) if isinstance(x, int)
             else go_literal(x, _FLOAT64, imports) if isinstance(x, float) else go_quote(x) for x in v]
    return f"New{go_type_name(v.name)}({', '.join(items)})"


_INT64 = GoType("int", "int", bits=64)
_FLOAT64 = GoType("float", "float64", bits=64)


def _any_literal(v: Any, imports: set[str] | None) -> str:
    """A value of several types as the translated code holds it in an `any`: the Go type its Python type
    maps to (int, float64, string, bool, nil, Tuple1..Tuple4 of them); NotExpressible for the rest."""
    if v is None:
        return "nil"
    if isinstance(v, Record):  # a NamedTuple in an `any`: the *Name its constructor gives
        return _record_literal(v, imports)
    if isinstance(v, Member):  # an enum member in an `any`: its package variable
        return enum_member_var(go_type_name(v.cls), v.member)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return f"int({go_literal(v, _INT64, imports)})"
    if isinstance(v, float):
        return f"float64({go_literal(v, _FLOAT64, imports)})"
    if isinstance(v, str):
        return go_quote(v)
    if isinstance(v, tuple) and 1 <= len(v) <= 4 and all(x is None or isinstance(x, (bool, int, float, str)) for x in v):
        if any(x is None for x in v):
            raise NotExpressible("a tuple holding None in a value of several types")
        names = ["bool" if isinstance(x, bool) else "int" if isinstance(x, int) else "float64" if isinstance(x, float) else "string" for x in v]
        fields = ", ".join(f"F{i}: {_any_literal(x, imports)}" for i, x in enumerate(v))
        return f"Tuple{len(v)}[{', '.join(names)}]{{{fields}}}"
    raise NotExpressible(f"a {type(v).__name__} in a value of several types")


# ---- generated code -------------------------------------------------------------------------


@dataclass
class UnitTest:
    """One unit's generated test: its Go declarations and which Python case each table row is."""

    unit_id: str
    go_name: str
    code: str
    rows: list[int]  # table row -> Python case index
    imports: set[str] = field(default_factory=set)
    dropped: dict[int, str] = field(default_factory=dict)  # case index -> why it has no row
    bench: bool = True

    @property
    def test_name(self) -> str:
        return f"TestGotui_{self.go_name}"

    @property
    def bench_name(self) -> str:
        return f"BenchmarkGotui_{self.go_name}"


def call_text(plan: CallPlan) -> str:
    """The Go call of one table row (`c.<field>` arguments): the plan's expression, the method on the
    receiver its constructor builds, or the function."""
    if plan.expr:
        return plan.expr
    if plan.method:
        ctor_args = ", ".join(f"c.{f}" for f, _ in plan.fields[:plan.ctor_fields])
        args = ", ".join(f"c.{f}" for f, _ in plan.fields[plan.ctor_fields:])
        return f"{plan.ctor}({ctor_args}).{plan.method}({args})"
    args = ", ".join(f"c.{f}" for f, _ in plan.fields)
    return f"{plan.go_name}({args})"


def _call_body(plan: CallPlan) -> tuple[str, str]:
    """(the call inside the test closure, the call inside the benchmark loop)."""
    call = call_text(plan)
    err = "err" if plan.has_err else "nil"
    n = plan.n_results
    if plan.shape == "none":
        test = f"err := {call}\n\t\t\treturn nil, err" if plan.has_err else f"{call}\n\t\t\treturn nil, nil"
        bench = f"_ = {call}" if plan.has_err else call
    elif plan.shape == "single":
        lhs = "r0, err" if plan.has_err else "r0"
        test = f"{lhs} := {call}\n\t\t\treturn []any{{r0}}, {err}"
        bench = "gotuiSink_" + plan.go_name + (", _" * (n - 1)) + f" = {call}"
    elif plan.shape == "multi":
        names = [f"r{i}" for i in range(len(plan.wants))]
        lhs = ", ".join(names + (["err"] if plan.has_err else []))
        test = f"{lhs} := {call}\n\t\t\treturn []any{{{', '.join(names)}}}, {err}"
        bench = "gotuiSink_" + plan.go_name + (", _" * (n - 1)) + f" = {call}"
    else:  # okpair: (T, bool) read as *T, nil when not ok
        lhs = "v, ok, err" if plan.has_err else "v, ok"
        test = (f"{lhs} := {call}\n\t\t\tif !ok {{\n\t\t\t\treturn []any{{({plan.wants[0].text})(nil)}}, {err}\n\t\t\t}}\n"
                f"\t\t\treturn []any{{&v}}, {err}")
        bench = "gotuiSink_" + plan.go_name + (", _" * (n - 1)) + f" = {call}"
    return test, bench


def unit_test(unit_id: str, spec: FunctionSpec, plan: CallPlan, cases: list[tuple], outcomes: dict[int, CaseOutcome],
              mark: bool = True) -> UnitTest:
    """The table, test and benchmark for one unit; rows only for cases the Python answered."""
    imports: set[str] = set(plan.imports)
    rows: list[str] = []
    row_cases: list[int] = []
    dropped: dict[int, str] = {}
    for i, args in enumerate(cases):
        o = outcomes.get(i)
        if o is None or o.kind == "stop":
            dropped[i] = o.reason if o is not None else "no result"
            continue
        try:
            parts = [f"call: {go_quote(spec.call_repr(args)[:300])}"]
            local: set[str] = set()
            for (fname, gt), v in zip(plan.fields, args):
                parts.append(f"{fname}: {go_literal(v, gt, local)}")
            if o.kind == "raise":
                parts.append(f"pyErr: {go_quote((o.exc + (': ' + o.msg if o.msg else ''))[:160])}")
            elif plan.shape == "single" or plan.shape == "okpair":
                parts.append(f"want: {go_literal(o.value, plan.wants[0], local)}")
            elif plan.shape == "multi" and not (isinstance(o.value, tuple) and len(o.value) == len(plan.wants)):
                # Go returns len(wants) values, Python returned something else: a row Go cannot pass ("!")
                parts.append(f"pyErr: {go_quote(f'!Python returned {o.value!r}, not {len(plan.wants)} values'[:160])}")
            elif plan.shape == "multi":
                for j, (gt, v) in enumerate(zip(plan.wants, o.value)):
                    parts.append(f"want{j}: {go_literal(v, gt, local)}")
        except NotExpressible as exc:
            dropped[i] = f"not expressible in Go: {exc}"
            continue
        imports |= local
        rows.append("\t{" + ", ".join(parts) + "},\n")
        row_cases.append(i)
    name = plan.go_name
    want_fields = ""
    wants_args = ""
    if plan.shape in ("single", "okpair"):
        want_fields = f"\twant {plan.wants[0].text}\n"
        wants_args = ", c.want"
    elif plan.shape == "multi":
        want_fields = "".join(f"\twant{j} {gt.text}\n" for j, gt in enumerate(plan.wants))
        wants_args = "".join(f", c.want{j}" for j in range(len(plan.wants)))
    struct = "\tcall string // the Python call\n" + "".join(f"\t{f} {gt.text}\n" for f, gt in plan.fields)
    struct += want_fields + "\tpyErr string // the exception the Python raised: Go must return an error or panic\n"
    test_call, bench_call = _call_body(plan)
    sink = ""
    if plan.shape in ("single", "multi", "okpair"):
        sink_type = plan.wants[0].text if plan.shape != "okpair" else plan.wants[0].elem.text  # type: ignore[union-attr]
        sink = f"var gotuiSink_{name} {sink_type}\n\n"
    head = (TEST_MARK + unit_id + "\n") if mark else f"// {unit_id}: inputs and results from running the Python.\n"
    code = (
        f"{head}var gotuiCases_{name} = []struct {{\n{struct}}}{{\n{''.join(rows)}}}\n\n"
        f"func TestGotui_{name}(t *testing.T) {{\n"
        f"\tfor i, c := range gotuiCases_{name} {{\n"
        f"\t\tgotuiCheck(t, i, c.call, c.pyErr, func() ([]any, error) {{\n\t\t\t{test_call}\n\t\t}}{wants_args})\n"
        f"\t}}\n}}\n\n"
        f"{sink}func BenchmarkGotui_{name}(b *testing.B) {{\n"
        f"\tfor i := 0; i < b.N; i++ {{\n\t\tfor _, c := range gotuiCases_{name} {{\n\t\t\tif c.pyErr == \"\" {{\n"
        f"\t\t\t\t{bench_call}\n\t\t\t}}\n\t\t}}\n\t}}\n}}\n"
    )
    return UnitTest(unit_id, name, code, row_cases, imports, dropped)


def test_file_path(go_file: str) -> str:
    """`shop/pricing.go` -> `shop/pricing_gotui_test.go`."""
    p = PurePosixPath(go_file)
    return str(p.with_name(p.stem + "_gotui_test.go"))


def support_path(go_file: str) -> str:
    folder = PurePosixPath(go_file).parent
    return str(folder / SUPPORT_FILE) if str(folder) != "." else SUPPORT_FILE


def render_test_file(package: str, tests: list[UnitTest]) -> str:
    imports = {"testing"} | {i for t in tests for i in t.imports}
    head = "// Code generated by gotui check: Go against the Python it replaces. DO NOT EDIT.\n\n"
    head += f"package {package}\n\nimport (\n" + "".join(f'\t"{i}"\n' for i in sorted(imports)) + ")\n\n"
    return head + "\n".join(t.code for t in tests)


def support_source(package: str, case_timeout: float = 5.0) -> str:
    ms = max(1, int(case_timeout * 1000))
    return SUPPORT_TEMPLATE.replace("PACKAGE", package).replace("TIMEOUT_MS", str(ms))


SUPPORT_TEMPLATE = '''// Code generated by gotui check: helpers for the differential tests. DO NOT EDIT.

package PACKAGE

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// gotuiCaseTimeout bounds one call: a Go function that never returns fails its row, not the whole run.
var gotuiCaseTimeout = TIMEOUT_MS * time.Millisecond

func init() {
	debug.SetMaxStack(64 << 20) // runaway recursion fails fast instead of after a 1 GB stack
}

func gotuiPtr[T any](v T) *T { return &v }

// gotuiAs is "name," when errors.As finds target's type in err's chain (Python: `except name` catches it).
func gotuiAs(err error, target any, name string) string {
	if errors.As(err, target) {
		return name + ","
	}
	return ""
}

type gotuiOutcome struct {
	got      []any
	err      error
	panicked bool
	panicVal any
	done     bool
}

func gotuiRun(call func() ([]any, error)) gotuiOutcome {
	ch := make(chan gotuiOutcome, 1)
	go func() {
		var o gotuiOutcome
		defer func() {
			if r := recover(); r != nil {
				o.panicked, o.panicVal = true, r
			}
			o.done = true
			ch <- o
		}()
		o.got, o.err = call()
	}()
	select {
	case o := <-ch:
		return o
	case <-time.After(gotuiCaseTimeout):
		return gotuiOutcome{}
	}
}

// gotuiCheck runs one row: an error or a panic where the Python raised, else results equal to the Python's.
func gotuiCheck(t *testing.T, i int, call, pyErr string, run func() ([]any, error), want ...any) {
	t.Helper()
	o := gotuiRun(run)
	var got string
	switch {
	case !o.done:
		got = fmt.Sprintf("no result within %v", gotuiCaseTimeout)
	case strings.HasPrefix(pyErr, "!"): // a Python result Go's results cannot hold (no exception name starts so)
		got = gotuiShowAll(o.got)
	case o.panicked && pyErr == "":
		got = "panic: " + fmt.Sprint(o.panicVal)
	case o.err != nil && pyErr == "":
		got = "error: " + o.err.Error()
	case pyErr != "":
		if o.panicked || o.err != nil {
			return
		}
		got = gotuiShowAll(o.got)
	default:
		same := len(o.got) == len(want)
		for k := 0; same && k < len(want); k++ {
			same = gotuiEqual(reflect.ValueOf(o.got[k]), reflect.ValueOf(want[k]))
		}
		if same {
			return
		}
		got = gotuiShowAll(o.got)
	}
	expected := gotuiShowAll(want)
	if strings.HasPrefix(pyErr, "!") {
		expected = pyErr[1:]
	} else if pyErr != "" {
		expected = "an error or a panic (Python raised " + pyErr + ")"
	}
	t.Errorf("gotui case %d\\t%s\\tgot: %s\\twant: %s", i, gotuiOneLine(call), gotuiOneLine(got), gotuiOneLine(expected))
	if !o.done {
		t.FailNow() // the call still runs in its goroutine: more rows would only pile up behind it
	}
}

func gotuiOneLine(s string) string {
	return strings.NewReplacer("\\n", "\\\\n", "\\t", "\\\\t", "\\r", "\\\\r").Replace(s)
}

// gotuiEqual is deep equality with a float tolerance, where nil and empty slices and maps are equal.
func gotuiEqual(a, b reflect.Value) bool {
	// an interface on either side is what it holds; a nil one holds nothing (Python's None in an any)
	for a.IsValid() && a.Kind() == reflect.Interface {
		a = a.Elem()
	}
	for b.IsValid() && b.Kind() == reflect.Interface {
		b = b.Elem()
	}
	if !a.IsValid() || !b.IsValid() {
		return a.IsValid() == b.IsValid()
	}
	if a.Kind() != b.Kind() {
		return false
	}
	switch a.Kind() {
	case reflect.Float32, reflect.Float64:
		x, y := a.Float(), b.Float()
		if math.IsNaN(x) || math.IsNaN(y) {
			return math.IsNaN(x) && math.IsNaN(y)
		}
		if math.IsInf(x, 0) || math.IsInf(y, 0) {
			return x == y
		}
		d := math.Abs(x - y)
		return d <= 1e-9 || d <= 1e-9*math.Max(math.Abs(x), math.Abs(y))
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !gotuiEqual(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			v := b.MapIndex(k)
			if !v.IsValid() || !gotuiEqual(a.MapIndex(k), v) {
				return false
			}
		}
		return true
	case reflect.Struct: // the helpers' TupleN
		if a.Type() != b.Type() {
			return false
		}
		for i := 0; i < a.NumField(); i++ {
			if !gotuiEqual(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() && b.IsNil()
		}
		if pairs := a.MethodByName("Pairs"); pairs.IsValid() && a.Type() == b.Type() {
			// an OrderedDict (the helpers' pyODict): its pairs in order, not its ring of pointers
			return gotuiEqual(pairs.Call(nil)[0], b.MethodByName("Pairs").Call(nil)[0])
		}
		return gotuiEqual(a.Elem(), b.Elem())
	}
	if a.CanInterface() && b.CanInterface() && a.Type().Comparable() {
		return a.Interface() == b.Interface()
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

func gotuiShow(v any) string {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return "nil"
		}
		if pairs := rv.MethodByName("Pairs"); pairs.IsValid() {
			return "OrderedDict" + gotuiShow(pairs.Call(nil)[0].Interface())
		}
		return "&" + gotuiShow(rv.Elem().Interface())
	}
	return fmt.Sprintf("%#v", v)
}

func gotuiShowAll(vs []any) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = gotuiShow(v)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
'''
