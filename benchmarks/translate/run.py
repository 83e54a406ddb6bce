"""Held-out benchmark of the offline (rules) Python -> Go translator.

Every corpus module (benchmarks/translate/corpus/*.py) holds typed functions and a `CASES` dict
{function name: [((args...), expected), ...]}; `expected` is a value, or the name of the exception
class the call raises ("ValueError"). The script

1. checks every case against the Python (a wrong case is a bug in the corpus, reported first);
2. translates every function with RulesTranslator (the module's text without its CASES assignment);
3. assembles each module into its own Go module (package `bench`), builds it, and leaves out the
   functions that break the build (attributed from the compiler's file:line, bounded) so that one
   bad function does not sink the others;
4. generates a `_test.go` that calls each Go function with the case's inputs as Go literals (typed
   from the Go signature) and compares the results with the expected value (float tolerance;
   a Python exception -> a non-nil trailing error or a panic; `(T, error)` compares T; an
   Optional may be `*T` or `(T, bool)`; a tuple may be several results or one tuple struct);
5. runs `go test -json` once per package and prints pass/compile counts, statuses, the functions
   that are silently wrong (status `converted`, compile, fail a case) and the failing cases.

    .venv/bin/python benchmarks/translate/run.py [--keep DIR] [--json FILE] [--only NAME] [-v] [--strip-annotations]

`--trace-cases` (with `--strip-annotations`) also gives the translator trace evidence, as
`gotui trace` would from a test suite: the types of the arguments and results of the cases (types
only; the values stay with the test). `--strip-annotations` translates the corpus with every function's parameter, result and local
annotations removed (docstrings kept), as most real code is: the types then come from the evidence
layer (doctests, callers, usage; docs/evidence.md). The cases still run against the annotated Python.

Exit status is always 0: this is a measurement, not a gate.
"""

from __future__ import annotations

import argparse
import builtins
import collections
import concurrent.futures
import copy
import importlib.util
import inspect
import json
import math
import re
import shutil
import sys
import tempfile
import time
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

sys.dont_write_bytecode = True  # importing the corpus must not leave __pycache__ beside it
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from gotui.evidence.infer import TraceSummary, infer_package, parse_sources
from gotui.evidence.model import spell, term_of_value, unify_all
from gotui.golang.assemble import GoUnit, assemble, go_mod, split_imports
from gotui.golang.names import go_func_name
from gotui.golang.toolchain import require_toolchain
from gotui.llm.base import TranslationRequest
from gotui.llm.rules import RulesTranslator, module_preamble
from gotui.parse.treesitter import parse_go
from gotui.parse.units import ParsedModule, Unit, parse_module

CORPUS = HERE / "corpus"
GO_MODULE = "bench"
CASE_TIMEOUT = "3 * time.Second"  # per call, inside the Go test
MAX_BUILD_ROUNDS = 10
MAX_TEST_ROUNDS = 6

GROUPS = {"algo": "algorithmic", "shop": "shop"}


# ---- corpus ------------------------------------------------------------------------------------


@dataclass
class Func:
    module: str  # file name, e.g. algo_strings.py
    name: str
    group: str
    py: typing.Callable[..., typing.Any]
    cases: list[tuple[tuple, typing.Any]]
    unit: Unit | None = None
    status: str = "missing"  # converted / partial / failed / missing (no unit) / crashed
    error: str | None = None
    go: str = ""
    todo: list[str] = field(default_factory=list)
    compiled: bool = False
    compile_error: str | None = None
    runnable: bool = False
    not_runnable: str | None = None
    case_results: list[tuple[bool, str]] = field(default_factory=list)  # (passed, Go got)
    run_error: str | None = None  # crash of the whole test binary etc.

    @property
    def key(self) -> str:
        return f"{self.module}::{self.name}"

    @property
    def go_name(self) -> str:
        return go_func_name(self.name)

    @property
    def passed(self) -> bool:
        return self.runnable and bool(self.case_results) and all(ok for ok, _ in self.case_results) \
            and len(self.case_results) == len(self.cases) and self.run_error is None

    def first_failure(self) -> tuple[int, str] | None:
        for i, (ok, got) in enumerate(self.case_results):
            if not ok:
                return i, got
        if self.run_error:
            return (len(self.case_results) if len(self.case_results) < len(self.cases) else 0), self.run_error
        return None


def load_module(path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_corpus_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def is_exception_name(value: typing.Any) -> bool:
    if not isinstance(value, str):
        return False
    obj = getattr(builtins, value, None)
    return isinstance(obj, type) and issubclass(obj, BaseException)


def close(a: typing.Any, b: typing.Any) -> bool:
    """Python-side equality with float tolerance (tuples and lists are distinct, as in Python)."""
    if isinstance(a, float) or isinstance(b, float):
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
            return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
        return False
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k]) for k in a)
    return a == b


def full_args(fn: typing.Callable[..., typing.Any], args: tuple) -> tuple:
    """The arguments with the defaults filled in (Go has no default parameters)."""
    bound = inspect.signature(fn).bind(*args)
    bound.apply_defaults()
    return tuple(bound.arguments.values())


def verify_cases(funcs: list[Func]) -> list[str]:
    problems = []
    for f in funcs:
        if not 4 <= len(f.cases) <= 10:
            problems.append(f"{f.key}: {len(f.cases)} cases (want 4-10)")
        for i, (args, expected) in enumerate(f.cases):
            try:
                got = f.py(*copy.deepcopy(args))
            except Exception as exc:  # noqa: BLE001 - the case says which exception
                if not is_exception_name(expected) or type(exc).__name__ != expected:
                    problems.append(f"{f.key} case {i} {args!r}: raised {type(exc).__name__}: {exc}, case says {expected!r}")
                continue
            if is_exception_name(expected):
                problems.append(f"{f.key} case {i} {args!r}: returned {got!r}, case says {expected}")
            elif not close(got, expected):
                problems.append(f"{f.key} case {i} {args!r}: returned {got!r}, case says {expected!r}")
    return problems


def strip_cases(text: str) -> str:
    """The module text with its `CASES = ...` assignment blanked out (line numbers kept)."""
    import ast

    tree = ast.parse(text)
    lines = text.split("\n")
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "CASES" for t in targets):
                for i in range(node.lineno - 1, (node.end_lineno or node.lineno)):
                    lines[i] = ""
    return "\n".join(lines)


class _Unannotate:
    """Removes the annotations a function carries (parameters, result, annotated locals)."""

    @staticmethod
    def strip(text: str) -> str:
        import ast

        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                node.returns = None
                a = node.args
                for arg in [*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg]:
                    if arg is not None:
                        arg.annotation = None
                for parent in ast.walk(node):
                    for name in ("body", "orelse", "finalbody"):
                        stmts = getattr(parent, name, None)
                        if isinstance(stmts, list):
                            setattr(parent, name, [ast.Assign([s.target], s.value, lineno=s.lineno) if isinstance(s, ast.AnnAssign) and s.value is not None
                                                   else s for s in stmts if not (isinstance(s, ast.AnnAssign) and s.value is None)] or [ast.Pass()])
        return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


def returns_optional(fn: typing.Callable[..., typing.Any]) -> bool:
    ann = typing.get_type_hints(fn).get("return")
    origin = typing.get_origin(ann)
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(ann)


# ---- values as JSON (the Go test compares JSON-shaped values) ------------------------------------


def key_str(k: typing.Any) -> str:
    if isinstance(k, bool):
        return "True" if k else "False"
    if k is None:
        return "None"
    if isinstance(k, (int, float, str)):
        return str(k) if not isinstance(k, float) or not k.is_integer() else str(int(k))
    return json.dumps(to_json(k), separators=(",", ":"), ensure_ascii=False)


def to_json(v: typing.Any) -> typing.Any:
    if isinstance(v, (list, tuple)):
        return [to_json(x) for x in v]
    if isinstance(v, dict):
        return {key_str(k): to_json(x) for k, x in v.items()}
    if isinstance(v, (set, frozenset)):
        return {"__set__": sorted((to_json(x) for x in v), key=repr)}
    return v


# ---- Go types from the translated code ------------------------------------------------------------

BASIC_INTS = {"int", "int8", "int16", "int64", "uint", "uint16", "uint32", "uint64", "uintptr"}
BASIC = BASIC_INTS | {"int32", "rune", "uint8", "byte", "float32", "float64", "string", "bool", "error", "any"}


class NotExpressible(Exception):
    pass


# type terms: ("named", name, [args]) ("ptr", t) ("slice", t) ("array", n, t) ("map", k, v)
#             ("struct", [(field, t)]) ("any",) ("unsupported", text)


def node_text(node: typing.Any) -> str:
    return node.text.decode("utf-8") if node.text is not None else ""


def type_of(node: typing.Any, subst: dict[str, typing.Any]) -> typing.Any:
    kind = node.type
    if kind in ("type_identifier", "identifier"):
        name = node_text(node)
        if name in subst:
            return subst[name]
        if name == "any":
            return ("any",)
        return ("named", name, [])
    if kind == "type_elem" or kind == "parenthesized_type":
        return type_of(node.named_children[0], subst)
    if kind == "pointer_type":
        return ("ptr", type_of(node.named_children[-1], subst))
    if kind == "slice_type":
        return ("slice", type_of(node.child_by_field_name("element"), subst))
    if kind == "array_type":
        length = node.child_by_field_name("length")
        try:
            n = int(node_text(length), 0)
        except ValueError:
            return ("unsupported", node_text(node))
        return ("array", n, type_of(node.child_by_field_name("element"), subst))
    if kind == "map_type":
        return ("map", type_of(node.child_by_field_name("key"), subst), type_of(node.child_by_field_name("value"), subst))
    if kind == "generic_type":
        base = node.child_by_field_name("type")
        args_node = node.child_by_field_name("type_arguments")
        args = [type_of(a, subst) for a in args_node.named_children] if args_node is not None else []
        return ("named", node_text(base), args)
    if kind == "struct_type":
        fields: list[tuple[str, typing.Any]] = []
        for decl_list in node.named_children:
            for fd in decl_list.named_children:
                if fd.type != "field_declaration":
                    continue
                t_node = fd.child_by_field_name("type")
                if t_node is None:
                    return ("unsupported", node_text(node))
                t = type_of(t_node, subst)
                names = [node_text(n) for n in fd.children_by_field_name("name")]
                for name in names or [node_text(t_node)]:
                    fields.append((name, t))
        return ("struct", fields)
    if kind == "interface_type":
        return ("any",) if not node.named_children else ("unsupported", node_text(node))
    if kind == "qualified_type":
        return ("unsupported", node_text(node))
    return ("unsupported", node_text(node))


def render(t: typing.Any) -> str:
    kind = t[0]
    if kind == "named":
        return t[1] + (f"[{', '.join(render(a) for a in t[2])}]" if t[2] else "")
    if kind == "ptr":
        return "*" + render(t[1])
    if kind == "slice":
        return "[]" + render(t[1])
    if kind == "array":
        return f"[{t[1]}]" + render(t[2])
    if kind == "map":
        return f"map[{render(t[1])}]{render(t[2])}"
    if kind == "struct":
        return "struct{ " + "; ".join(f"{n} {render(x)}" for n, x in t[1]) + " }"
    if kind == "any":
        return "any"
    return t[1]


@dataclass
class TypeDecl:
    params: list[str]
    node: typing.Any  # the type node
    alias: bool


def package_types(files: dict[str, str]) -> dict[str, TypeDecl]:
    out: dict[str, TypeDecl] = {}
    for path, text in files.items():
        if not path.endswith(".go") or path.endswith("_test.go"):
            continue
        tree = parse_go(text.encode("utf-8"))
        for decl in tree.root_node.named_children:
            if decl.type != "type_declaration":
                continue
            for spec in decl.named_children:
                if spec.type not in ("type_spec", "type_alias"):
                    continue
                name = spec.child_by_field_name("name")
                t_node = spec.child_by_field_name("type")
                if name is None or t_node is None:
                    continue
                params: list[str] = []
                tp = spec.child_by_field_name("type_parameters")
                if tp is not None:
                    for d in tp.named_children:
                        params.extend(node_text(n) for n in d.children_by_field_name("name"))
                out[node_text(name)] = TypeDecl(params, t_node, spec.type == "type_alias")
    return out


class Literals:
    """Python values as Go literals of a given Go type."""

    def __init__(self, decls: dict[str, TypeDecl]) -> None:
        self.decls = decls

    def underlying(self, t: typing.Any, depth: int = 0) -> typing.Any:
        while t[0] == "named" and t[1] not in BASIC and depth < 20:
            d = self.decls.get(t[1])
            if d is None or len(d.params) != len(t[2]):
                return ("unsupported", render(t))
            t = type_of(d.node, dict(zip(d.params, t[2])))
            depth += 1
        return t

    def lit(self, v: typing.Any, t: typing.Any) -> str:
        shown = render(t)
        u = self.underlying(t)
        kind = u[0]
        if kind == "named":  # a basic type (or a named type over one)
            return self.basic(v, u[1], shown)
        if kind == "any":
            return self.any_lit(v)
        if kind == "ptr":
            if v is None:
                return "nil"
            inner = self.underlying(u[1])
            if inner[0] == "struct":
                return "&" + self.lit(v, u[1])
            return f"benchPtr[{render(u[1])}]({self.lit(v, u[1])})"
        if v is None:
            raise NotExpressible(f"None as {shown}")
        if kind in ("slice", "array"):
            elem = u[1] if kind == "slice" else u[2]
            if isinstance(v, (set, frozenset)):
                v = sorted(v, key=repr)
            if not isinstance(v, (list, tuple)):
                raise NotExpressible(f"{type(v).__name__} as {shown}")
            if kind == "array" and len(v) != u[1]:
                raise NotExpressible(f"{len(v)} items as {shown}")
            return shown + "{" + ", ".join(self.lit(x, elem) for x in v) + "}"
        if kind == "map":
            if isinstance(v, dict):
                items = ", ".join(f"{self.lit(k, u[1])}: {self.lit(x, u[2])}" for k, x in v.items())
                return shown + "{" + items + "}"
            if isinstance(v, (set, frozenset)):
                val = self.underlying(u[2])
                if val == ("named", "bool", []):
                    member = "true"
                elif val == ("struct", []):
                    member = "{}"
                else:
                    raise NotExpressible(f"set as {shown}")
                return shown + "{" + ", ".join(f"{self.lit(k, u[1])}: {member}" for k in sorted(v, key=repr)) + "}"
            raise NotExpressible(f"{type(v).__name__} as {shown}")
        if kind == "struct":
            if not isinstance(v, (list, tuple)) or len(v) != len(u[1]):
                raise NotExpressible(f"{v!r} as {shown}")
            return shown + "{" + ", ".join(self.lit(x, ft) for x, (_, ft) in zip(v, u[1])) + "}"
        raise NotExpressible(f"Go type {shown}")

    def basic(self, v: typing.Any, name: str, shown: str) -> str:
        is_int = isinstance(v, int) and not isinstance(v, bool)
        if name in BASIC_INTS:
            if is_int:
                return str(v)
        elif name in ("int32", "rune", "uint8", "byte"):
            if is_int:
                return str(v)
            if isinstance(v, str) and len(v) == 1 and (name not in ("uint8", "byte") or ord(v) < 256):
                return f"{shown}({ord(v)})"
        elif name in ("float32", "float64"):
            if (is_int or isinstance(v, float)) and math.isfinite(v):
                return repr(float(v))
        elif name == "string":
            if isinstance(v, str):
                return go_string(v)
        elif name == "bool":
            if isinstance(v, bool):
                return "true" if v else "false"
        raise NotExpressible(f"{v!r} as {shown}")

    def any_lit(self, v: typing.Any) -> str:
        if v is None:
            return "nil"
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, float):
            return f"float64({v!r})"
        if isinstance(v, str):
            return go_string(v)
        if isinstance(v, (list, tuple)):
            return "[]any{" + ", ".join(self.any_lit(x) for x in v) + "}"
        if isinstance(v, dict):
            key = "string" if all(isinstance(k, str) for k in v) else "any"
            return f"map[{key}]any{{" + ", ".join(f"{self.any_lit(k)}: {self.any_lit(x)}" for k, x in v.items()) + "}"
        raise NotExpressible(f"{type(v).__name__} as any")


def go_string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


@dataclass
class GoSig:
    params: list[typing.Any]
    results: list[typing.Any]
    generic: bool
    variadic: bool


def go_signature(files: dict[str, str], name: str) -> GoSig | None:
    for path, text in files.items():
        if not path.endswith(".go") or path.endswith("_test.go"):
            continue
        tree = parse_go(text.encode("utf-8"))
        for decl in tree.root_node.named_children:
            if decl.type != "function_declaration":
                continue
            n = decl.child_by_field_name("name")
            if n is None or node_text(n) != name:
                continue
            params: list[typing.Any] = []
            variadic = False
            for p in decl.child_by_field_name("parameters").named_children:
                if p.type == "variadic_parameter_declaration":
                    variadic = True
                t = type_of(p.child_by_field_name("type"), {})
                params.extend([t] * max(1, len(p.children_by_field_name("name"))))
            results: list[typing.Any] = []
            res = decl.child_by_field_name("result")
            if res is not None:
                if res.type == "parameter_list":
                    for p in res.named_children:
                        t = type_of(p.child_by_field_name("type"), {})
                        results.extend([t] * max(1, len(p.children_by_field_name("name"))))
                else:
                    results.append(type_of(res, {}))
            return GoSig(params, results, decl.child_by_field_name("type_parameters") is not None, variadic)
    return None


# ---- the Go test file ------------------------------------------------------------------------------

TEST_SUPPORT = """
type benchCase struct {
	name   string
	call   func() []any
	want   string // JSON of the expected value
	raises string // the Python exception expected, "" for a value
}

const benchTimeout = %(timeout)s

func benchPtr[T any](v T) *T { return &v }

func benchCall(f func() []any) ([]any, any, bool) {
	type outcome struct {
		res []any
		p   any
	}
	ch := make(chan outcome, 1)
	go func() {
		var o outcome
		defer func() {
			if r := recover(); r != nil {
				o.p = r
			}
			ch <- o
		}()
		o.res = f()
	}()
	select {
	case o := <-ch:
		return o.res, o.p, false
	case <-time.After(benchTimeout):
		return nil, nil, true
	}
}

func benchRun(t *testing.T, cases []benchCase, errLast bool, optBool bool) {
	for _, c := range cases {
		c := c
		t.Run(c.name, func(t *testing.T) {
			res, p, timedOut := benchCall(c.call)
			if timedOut {
				t.Fatalf("BENCHGOT timeout after %%v", benchTimeout)
			}
			var err error
			if p == nil && errLast && len(res) > 0 {
				if e, ok := res[len(res)-1].(error); ok && e != nil {
					err = e
				}
				res = res[:len(res)-1]
			}
			if s, isStr := p.(string); isStr && strings.HasPrefix(s, "gotui: ") {
				// a TODO left by the translator: not the exception Python raises, even when one is expected
				t.Fatalf("BENCHGOT panic: %%v", p)
			}
			if c.raises != "" {
				if p != nil || err != nil {
					return
				}
				t.Fatalf("BENCHGOT %%s (no error, no panic)", benchShow(benchResult(res, optBool)))
			}
			if p != nil {
				t.Fatalf("BENCHGOT panic: %%v", p)
			}
			if err != nil {
				t.Fatalf("BENCHGOT error: %%v", err)
			}
			var want any
			if e := json.Unmarshal([]byte(c.want), &want); e != nil {
				t.Fatalf("BENCHGOT bad expected JSON: %%v", e)
			}
			got := benchResult(res, optBool)
			if !benchEqual(got, want) {
				t.Fatalf("BENCHGOT %%s", benchShow(got))
			}
		})
	}
}

func benchResult(res []any, optBool bool) any {
	vals := make([]any, len(res))
	for i, r := range res {
		vals[i] = benchNorm(reflect.ValueOf(r))
	}
	if optBool && len(vals) >= 2 {
		if ok, isBool := vals[len(vals)-1].(bool); isBool {
			if !ok {
				return nil
			}
			vals = vals[:len(vals)-1]
		}
	}
	switch len(vals) {
	case 0:
		return nil
	case 1:
		return vals[0]
	}
	return vals
}

func benchNorm(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return benchNorm(v.Elem())
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return float64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return v.Float()
	case reflect.String:
		return v.String()
	case reflect.Slice, reflect.Array:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = benchNorm(v.Index(i))
		}
		return out
	case reflect.Map:
		out := map[string]any{}
		it := v.MapRange()
		for it.Next() {
			out[benchKey(benchNorm(it.Key()))] = benchNorm(it.Value())
		}
		return out
	case reflect.Struct:
		out := make([]any, v.NumField())
		for i := range out {
			out[i] = benchNorm(v.Field(i))
		}
		return out
	}
	return fmt.Sprintf("<%%s>", v.Type())
}

func benchKey(k any) string {
	switch x := k.(type) {
	case nil:
		return "None"
	case string:
		return x
	case bool:
		if x {
			return "True"
		}
		return "False"
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e18 {
			return strconv.FormatInt(int64(x), 10)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	b, _ := json.Marshal(k)
	return string(b)
}

func benchEqual(got, want any) bool {
	switch w := want.(type) {
	case nil:
		return got == nil
	case bool:
		g, ok := got.(bool)
		return ok && g == w
	case float64:
		g, ok := got.(float64)
		return ok && math.Abs(g-w) <= 1e-9*math.Max(1, math.Abs(w))
	case string:
		g, ok := got.(string)
		return ok && g == w
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !benchEqual(g[i], w[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		if members, isSet := w["__set__"]; isSet && len(w) == 1 {
			return benchSetEqual(got, members.([]any))
		}
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for k, wv := range w {
			gv, present := g[k]
			if !present || !benchEqual(gv, wv) {
				return false
			}
		}
		return true
	}
	return false
}

func benchSetEqual(got any, want []any) bool {
	var keys []string
	switch g := got.(type) {
	case []any:
		for _, x := range g {
			keys = append(keys, benchKey(x))
		}
	case map[string]any:
		for k := range g {
			keys = append(keys, k)
		}
	default:
		return false
	}
	var wantKeys []string
	for _, x := range want {
		wantKeys = append(wantKeys, benchKey(x))
	}
	sort.Strings(keys)
	sort.Strings(wantKeys)
	return reflect.DeepEqual(keys, wantKeys) || (len(keys) == 0 && len(wantKeys) == 0)
}

func benchShow(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%%v", v)
	}
	return string(b)
}
""" % {"timeout": CASE_TIMEOUT}

TEST_HEADER = """package bench

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)
"""


def test_name(f: Func) -> str:
    return "TestBench_" + f.name


@dataclass
class TestPlan:
    func: Func
    code: str  # the Test function


def plan_test(f: Func, files: dict[str, str], lits: Literals) -> TestPlan | None:
    """The Go test of one function, or None (and f.not_runnable says why)."""
    sig = go_signature(files, f.go_name)
    if sig is None:
        f.not_runnable = f"no func {f.go_name} in the Go"
        return None
    if sig.generic:
        f.not_runnable = f"{f.go_name} is generic"
        return None
    if sig.variadic:
        f.not_runnable = f"{f.go_name} is variadic"
        return None
    err_last = bool(sig.results) and lits.underlying(sig.results[-1]) == ("named", "error", [])
    opt_bool = returns_optional(f.py) and len(sig.results) - int(err_last) >= 2 \
        and lits.underlying(sig.results[-1 - int(err_last)]) == ("named", "bool", [])
    n_results = len(sig.results)
    rows = []
    for i, (args, expected) in enumerate(f.cases):
        full = full_args(f.py, args)
        if len(full) != len(sig.params):
            f.not_runnable = f"Go takes {len(sig.params)} parameters, Python {len(full)}"
            return None
        try:
            go_args = ", ".join(lits.lit(v, t) for v, t in zip(full, sig.params))
        except NotExpressible as exc:
            f.not_runnable = f"input not expressible: {exc}"
            return None
        names = [f"r{j}" for j in range(n_results)]
        if names:
            call = f"{', '.join(names)} := {f.go_name}({go_args}); return []any{{{', '.join(names)}}}"
        else:
            call = f"{f.go_name}({go_args}); return []any{{}}"
        if is_exception_name(expected):
            want, raises = "null", expected
        else:
            want, raises = json.dumps(to_json(expected), ensure_ascii=False), ""
        rows.append(f"\t\t{{{go_string(f'c{i}')}, func() []any {{ {call} }}, {go_string(want)}, {go_string(raises)}}},")
    code = (f"func {test_name(f)}(t *testing.T) {{\n\tbenchRun(t, []benchCase{{\n" + "\n".join(rows)
            + f"\n\t}}, {str(err_last).lower()}, {str(opt_bool).lower()})\n}}\n")
    return TestPlan(f, code)


def write_tests(folder: Path, plans: list[TestPlan]) -> dict[str, tuple[int, int]]:
    """Write bench_test.go; returns test name -> (first line, last line)."""
    parts = [TEST_HEADER, TEST_SUPPORT]
    ranges: dict[str, tuple[int, int]] = {}
    line = sum(p.count("\n") for p in parts) + 1
    for p in plans:
        n = p.code.count("\n")
        ranges[test_name(p.func)] = (line + 1, line + n)
        parts.append("\n" + p.code)
        line += n + 1
    (folder / "bench_test.go").write_text("".join(parts), encoding="utf-8")
    return ranges


# ---- building --------------------------------------------------------------------------------------

ERROR_LINE = re.compile(r"^(?:\./)?(?P<file>[^\s:]+\.go):(?P<line>\d+)(?::\d+)?: (?P<msg>.*)$", re.MULTILINE)


def decl_ranges(text: str) -> list[tuple[str, int, int]]:
    """(declared name, first line, last line) of each top-level declaration of a Go file."""
    out = []
    tree = parse_go(text.encode("utf-8"))
    for node in tree.root_node.named_children:
        first, last = node.start_point[0] + 1, node.end_point[0] + 1
        if node.type in ("function_declaration", "method_declaration"):
            name = node.child_by_field_name("name")
            if name is not None:
                out.append((node_text(name), first, last))
        elif node.type in ("type_declaration", "const_declaration", "var_declaration"):
            todo = list(node.named_children)
            while todo:
                child = todo.pop(0)
                if child.type in ("type_spec", "type_alias", "const_spec", "var_spec"):
                    for n in child.children_by_field_name("name"):
                        out.append((node_text(n), first, last))
                elif child.type.endswith("_list"):
                    todo.extend(child.named_children)
    return out


def unit_decl_names(go: str) -> set[str]:
    _, body = split_imports(go)
    return {name for name, _, _ in decl_ranges(body)}


class Package:
    """One corpus module as a Go module in its own folder."""

    def __init__(self, folder: Path, module: ParsedModule, funcs: list[Func], tc: typing.Any, verbose: bool) -> None:
        self.folder = folder
        self.module = module
        self.funcs = funcs
        self.tc = tc
        self.verbose = verbose
        self.notes: list[str] = []
        self.files: dict[str, str] = {}
        self.build_seconds = 0.0
        self.dropped: set[str] = set()  # preamble declarations left out: they did not compile

    def log(self, msg: str) -> None:
        if self.verbose:
            print(f"  [{self.module.path}] {msg}", flush=True)

    def assemble(self, included: list[Func], with_preamble: bool) -> dict[str, str]:
        units = [GoUnit(f.unit.id, f.unit.path, f.unit.line, f.go) for f in included if f.unit is not None]
        pending = [GoUnit(f.unit.id, f.unit.path, f.unit.line, f.go) for f in self.funcs
                   if f.unit is not None and f.go.strip() and f not in included]
        pre = (lambda p: self.preamble()) if with_preamble else None
        files = assemble(units, GO_MODULE, preamble=pre, toolchain=self.tc, python_root=CORPUS, pending=pending)
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        (self.folder / "go.mod").write_text(go_mod(GO_MODULE), encoding="utf-8")
        for path, text in files.items():
            target = self.folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        self.files = files
        return files

    def preamble(self) -> str:
        """The module's constants, without the declarations that did not compile."""
        text = module_preamble(self.module)
        if not self.dropped:
            return text
        imports, body = split_imports(text)
        src = body.encode("utf-8")
        tree = parse_go(src)
        keep = []
        for node in tree.root_node.named_children:
            names = set()
            todo = list(node.named_children)
            while todo:
                child = todo.pop(0)
                if child.type in ("type_spec", "type_alias", "const_spec", "var_spec"):
                    names.update(node_text(n) for n in child.children_by_field_name("name"))
                elif child.type.endswith("_list"):
                    todo.extend(child.named_children)
            if node.type == "function_declaration" and node.child_by_field_name("name") is not None:
                names.add(node_text(node.child_by_field_name("name")))
            if not names & self.dropped:
                keep.append(src[node.start_byte:node.end_byte].decode("utf-8"))
        head = "".join(f'import {a + " " if a else ""}"{p}"\n' for p, a in imports.items())
        return head + "\n\n".join(keep) + "\n"

    def go_build(self) -> list[tuple[str, int, str]]:
        start = time.perf_counter()
        proc = self.tc.run(["build", "-gcflags=-e", "./..."], cwd=self.folder, timeout=300)
        self.build_seconds += time.perf_counter() - start
        if proc.returncode == 0:
            return []
        errs = [(m["file"], int(m["line"]), m["msg"]) for m in ERROR_LINE.finditer(proc.stderr + proc.stdout)]
        return errs or [("?", 0, (proc.stderr or proc.stdout).strip()[:300])]

    def owners(self, errs: list[tuple[str, int, str]], included: list[Func]) -> tuple[dict[str, str], list[str]]:
        """(function key -> first error, errors no function owns)."""
        names: dict[str, Func] = {}
        for f in included:
            for n in unit_decl_names(f.go):
                names.setdefault(n, f)
        pre_names = unit_decl_names(module_preamble(self.module))
        ranges: dict[str, list[tuple[str, int, int]]] = {p: decl_ranges(t) for p, t in self.files.items() if p.endswith(".go")}
        owned: dict[str, str] = {}
        loose: list[str] = []
        for file, line, msg in errs:
            owner: Func | str | None = None
            for name, first, last in ranges.get(file, []):
                if first <= line <= last:
                    if name in names and file not in ("gotui_stubs.go", "gotui_helpers.go"):
                        owner = names[name]
                    elif name in pre_names:
                        owner = name
                    break
            if isinstance(owner, Func):
                owned.setdefault(owner.key, f"{msg}")
            elif isinstance(owner, str):
                owned.setdefault("preamble:" + owner, f"{file}:{line}: {msg}")
            else:
                loose.append(f"{file}:{line}: {msg}")
        return owned, loose

    def build(self) -> list[Func]:
        """Find the functions that compile together; returns them (others get compile_error)."""
        included = [f for f in self.funcs if f.unit is not None and f.status in ("converted", "partial") and f.go.strip()]
        for f in self.funcs:
            if f not in included:
                f.compile_error = f"status {f.status}: nothing to build"
        with_preamble = True
        isolated = False
        for _ in range(MAX_BUILD_ROUNDS):
            self.assemble(included, with_preamble)
            errs = self.go_build()
            if not errs:
                break
            owned, loose = self.owners(errs, included)
            self.log(f"build errors: {len(owned)} functions, {len(loose)} unattributed")
            if owned:
                for key, msg in owned.items():
                    if key.startswith("preamble:"):
                        self.dropped.add(key.split(":", 1)[1])
                        self.notes.append(f"module constant {key.split(':', 1)[1]} left out: {msg}")
                for f in included:
                    if f.key in owned:
                        f.compile_error = owned[f.key] + ("" if not self.dropped else
                                                          f" (module constants left out: {', '.join(sorted(self.dropped))})")
                included = [f for f in included if f.key not in owned]
                continue
            if not isolated:
                isolated = True
                self.notes.append("unattributed build errors: " + "; ".join(loose[:3]) + " (each function built alone)")
                alone_ok = []
                for f in included:
                    self.assemble([f], with_preamble)
                    e = self.go_build()
                    if e:
                        f.compile_error = f"built alone: {e[0][2]}"
                    else:
                        alone_ok.append(f)
                included = alone_ok
                continue
            if with_preamble:
                with_preamble = False
                self.notes.append("unattributed build errors with module constants: " + "; ".join(loose[:2]))
                continue
            for f in included:
                f.compile_error = "package does not build: " + "; ".join(loose[:2])
            included = []
            break
        else:
            for f in included:
                f.compile_error = "package still does not build after the exclusion rounds"
            included = []
        if included:
            self.assemble(included, with_preamble)
        for f in included:
            f.compiled = True
            f.compile_error = None
        return included

    def test(self, included: list[Func]) -> None:
        lits = Literals(package_types(self.files))
        plans = []
        for f in included:
            p = plan_test(f, self.files, lits)
            if p is not None:
                plans.append(p)
        todo = {test_name(p.func): p for p in plans}
        for _ in range(MAX_TEST_ROUNDS):
            if not todo:
                break
            ranges = write_tests(self.folder, list(todo.values()))
            args = ["test", "-vet=off", "-count=1", "-json", "-timeout", "300s"]
            if len(todo) != len(plans):
                args += ["-run", "^(" + "|".join(sorted(todo)) + ")$"]
            start = time.perf_counter()
            proc = self.tc.run(args + ["."], cwd=self.folder, timeout=400)
            self.build_seconds += time.perf_counter() - start
            events = []
            text_out = [proc.stderr]
            for line in proc.stdout.splitlines():
                try:
                    events.append(json.loads(line))
                except json.JSONDecodeError:
                    text_out.append(line)
            text_out += [e.get("Output", "") for e in events if not e.get("Test")]
            done: dict[str, str] = {}  # test or subtest -> pass/fail
            output: dict[str, list[str]] = collections.defaultdict(list)
            started: list[str] = []
            for e in events:
                test = e.get("Test")
                if not test:
                    continue
                act = e.get("Action")
                if act == "run":
                    started.append(test)
                elif act in ("pass", "fail", "skip"):
                    done[test] = act
                elif act == "output":
                    output[test].append(e.get("Output", ""))
            if not started:
                # the test file did not build: leave out the tests the compiler names
                joined = "\n".join(text_out)
                bad = {}
                for m in ERROR_LINE.finditer(joined):
                    if m["file"].endswith("bench_test.go"):
                        for name, (a, b) in ranges.items():
                            if a <= int(m["line"]) <= b:
                                bad.setdefault(name, m["msg"])
                if not bad:
                    for p in todo.values():
                        p.func.not_runnable = "test binary did not build or run: " + joined.strip()[-300:]
                    break
                for name, msg in bad.items():
                    todo[name].func.not_runnable = f"test does not compile: {msg}"
                    del todo[name]
                continue
            crashed = None
            for name, p in list(todo.items()):
                if name not in done:
                    continue
                f = p.func
                f.runnable = True
                f.case_results = []
                for i in range(len(f.cases)):
                    sub = f"{name}/c{i}"
                    st = done.get(sub)
                    got = ""
                    for line in output.get(sub, []):
                        if "BENCHGOT " in line:
                            got = line.split("BENCHGOT ", 1)[1].strip()
                            break
                    if st is None:
                        got = "no result"
                    f.case_results.append((st == "pass", got))
                del todo[name]
            if todo:
                # the binary died (fatal error, stack overflow): the test running last is the culprit
                unfinished = [t for t in started if t not in done and "/" not in t and t in todo]
                crashed = unfinished[-1] if unfinished else sorted(todo)[0]
                tail = "".join(output.get(crashed, []) + [x for s in started if s.startswith(crashed + "/") for x in output.get(s, [])])
                joined = "\n".join(text_out)
                m = re.search(r"(fatal error: [^\n]*|panic: [^\n]*)", tail + joined)
                f = todo[crashed].func
                f.runnable = True
                f.run_error = "crashed the test binary: " + (m.group(1) if m else (joined + tail).strip()[-200:])
                del todo[crashed]
        for p in todo.values():
            p.func.not_runnable = p.func.not_runnable or "test did not finish"


# ---- translation -----------------------------------------------------------------------------------

TODO_LINE = re.compile(r"TODO[^:\n]*:\s*([^\n]*)")


def traced_evidence(modules: list[ParsedModule], funcs: list[Func]) -> dict[tuple[str, str], dict[str, str]]:
    """What `gotui trace` would give if the cases were the project's tests: the evidence table."""
    traces: dict[tuple[str, str, int], TraceSummary] = {}
    for f in funcs:
        # the terms are unified before they are spelled: `[]` and `[1]` give list[int] (spelled one by
        # one, the empty list's unknown element would read as Any)
        seen: dict[str, list] = {}
        for args, _ in f.cases:
            bound = inspect.signature(f.py).bind(*copy.deepcopy(args))
            for name, value in bound.arguments.items():
                seen.setdefault(name, []).append(term_of_value(value))
            try:
                seen.setdefault("return", []).append(term_of_value(f.py(*copy.deepcopy(args))))
            except Exception:  # noqa: BLE001 - a raising case tells nothing about the result type
                pass
        spelled = {name: {spell(unify_all(terms)): len(terms)} for name, terms in seen.items()}
        returns = spelled.pop("return", {})
        traces[(f.module, f.name, 0)] = TraceSummary(len(f.cases), spelled, returns)
    found = infer_package(parse_sources({m.path: m.text for m in modules}), traces)
    return {(k[0], k[1]): {n: g.type for n, g in ev.signature().items() if g is not None} for k, ev in found.items()}


def translate(modules: list[ParsedModule], funcs_by_key: dict[str, Func], evidence: dict | None = None) -> float:
    t = RulesTranslator()
    if hasattr(t, "use_modules"):
        t.use_modules(modules, CORPUS)
    if evidence:
        t.use_evidence(evidence)
    start = time.perf_counter()
    for m in modules:
        for u in m.units:
            if u.kind != "function":
                continue
            f = funcs_by_key.get(u.id)
            if f is None:
                continue
            f.unit = u
            try:
                tr = t.translate(TranslationRequest(unit=u, module=m))
            except Exception as exc:  # noqa: BLE001 - a translator crash is a result too
                f.status = "crashed"
                f.error = f"{type(exc).__name__}: {exc}"
                continue
            f.status, f.go, f.error = tr.status, tr.go or "", tr.error
            f.todo = [m_.group(1).strip() for m_ in TODO_LINE.finditer(f.go)]
    return time.perf_counter() - start


# ---- report ----------------------------------------------------------------------------------------


def short(v: typing.Any, n: int = 90) -> str:
    s = v if isinstance(v, str) else repr(v)
    return s if len(s) <= n else s[: n - 3] + "..."


def args_repr(args: tuple) -> str:
    return "(" + ", ".join(repr(a) for a in args) + ")"


def line_for(group: str, funcs: list[Func]) -> str:
    n = len(funcs)
    st = collections.Counter(f.status for f in funcs)
    passed = sum(f.passed for f in funcs)
    compiled = sum(f.compiled for f in funcs)
    silent = sum(is_silently_wrong(f) for f in funcs)
    runnable_missing = sum(f.compiled and not f.runnable for f in funcs)
    extra = "".join(f", {k} {st[k]}" for k in sorted(st) if k not in ("converted", "partial", "failed"))
    return (f"{group:<12} pass {passed}/{n}, compiled {compiled}/{n}; converted {st['converted']}, "
            f"partial {st['partial']}, failed {st['failed']}{extra}; not runnable {runnable_missing}; "
            f"silently wrong {silent}")


def failure_kind(got: str, status: str) -> str:
    if got.startswith("panic: gotui:"):
        return "panics with a TODO of a partial callee" if status == "converted" else "panics with its TODO"
    if got.startswith("panic:"):
        return "runtime panic where Python returns a value"
    if got.startswith("error:"):
        return "error where Python returns a value"
    if got.endswith("(no error, no panic)"):
        return "no error where Python raises"
    if got.startswith("timeout"):
        return "timeout"
    if got.startswith("crashed"):
        return "crashed the test binary"
    return "wrong value"


def failure_kinds(f: Func) -> list[str]:
    kinds = [failure_kind(got, f.status) for ok, got in f.case_results if not ok]
    if f.run_error:
        kinds.append(failure_kind(f.run_error, f.status))
    return list(dict.fromkeys(kinds))


def is_silently_wrong(f: Func) -> bool:
    return f.status == "converted" and f.compiled and f.runnable and not f.passed


def reason_key(text: str) -> str:
    """A reason with its specifics (names, quoted code) blurred, so that alike reasons group."""
    text = re.sub(r"`[^`]*`", "`…`", text)
    text = re.sub(r"'[^']*'", "'…'", text)
    text = re.sub(r"\"[^\"]*\"", "\"…\"", text)
    return text[:110]


def report(funcs: list[Func], notes: list[str], seconds: dict[str, float]) -> dict:
    print()
    print("=" * 100)
    print("gotui rules translator, held-out benchmark")
    print("=" * 100)
    print(line_for("TOTAL", funcs))
    n_cases = sum(len(f.cases) for f in funcs)
    print(f"{'cases':<12} {sum(ok for f in funcs for ok, _ in f.case_results)}/{n_cases} pass "
          f"(converted functions: {sum(ok for f in funcs if f.status == 'converted' for ok, _ in f.case_results)}"
          f"/{sum(len(f.cases) for f in funcs if f.status == 'converted')})")
    for group in GROUPS.values():
        print(line_for(group, [f for f in funcs if f.group == group]))
    silent = [f for f in funcs if is_silently_wrong(f)]
    print()
    kinds = collections.Counter(k for f in silent for k in failure_kinds(f))
    print(f"*** SILENTLY WRONG (status converted, compiles, fails a case): {len(silent)} ***"
          + (" -- failure kinds: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()) if kinds else ""))
    for f in silent:
        i, got = f.first_failure() or (0, "?")
        args, expected = f.cases[i] if i < len(f.cases) else ((), None)
        n_bad = sum(not ok for ok, _ in f.case_results)
        print(f"  {f.key}: {f.name}{short(args_repr(args), 70)} -> Python {short(expected, 40)}, Go {short(got, 60)}"
              f"  [{n_bad}/{len(f.cases)} cases fail: {'; '.join(failure_kinds(f))}]")
    bad_build = [f for f in funcs if f.status == "converted" and not f.compiled]
    if bad_build:
        print(f"\nconverted but does not compile: {len(bad_build)}")
        for f in bad_build:
            print(f"  {f.key}: {short(f.compile_error or '', 110)}")
    failing = [f for f in funcs if f.runnable and not f.passed and not is_silently_wrong(f)]
    if failing:
        print(f"\nfailing cases of partial/failed functions: {len(failing)}")
        for f in failing:
            i, got = f.first_failure() or (0, "?")
            args, expected = f.cases[i] if i < len(f.cases) else ((), None)
            print(f"  [{f.status}] {f.key}: {f.name}{short(args_repr(args), 60)} -> Python {short(expected, 40)}, Go {short(got, 60)}")
    other_nb = [f for f in funcs if f.status != "converted" and f.status != "failed" and not f.compiled]
    if other_nb:
        print(f"\npartial but does not compile: {len(other_nb)}")
        for f in other_nb:
            print(f"  {f.key}: {short(f.compile_error or '', 110)}")
    nr = [f for f in funcs if f.compiled and not f.runnable]
    if nr:
        print(f"\nnot runnable (compiled, but the benchmark could not call it): {len(nr)}")
        for f in nr:
            print(f"  [{f.status}] {f.key}: {short(f.not_runnable or '', 110)}")
    reasons: collections.Counter = collections.Counter()
    who: dict[str, list[str]] = collections.defaultdict(list)
    raw: dict[str, list[str]] = collections.defaultdict(list)
    for f in funcs:
        if f.status in ("partial", "failed", "crashed"):
            rs = f.todo or ([f.error] if f.error else ["(no reason given)"])
            for x in dict.fromkeys(rs):
                r = reason_key(x)
                if f.name not in who[r]:
                    reasons[r] += 1
                    who[r].append(f.name)
                if x not in raw[r]:
                    raw[r].append(x)
    if reasons:
        print("\nreasons for partial/failed (TODO text or error, most common first):")
        for r, n in reasons.most_common(25):
            print(f"  {n:>3}  {r}  [{', '.join(who[r][:6])}{', ...' if len(who[r]) > 6 else ''}]")
            if raw[r] != [r]:
                print(f"         e.g. {' | '.join(short(x, 70) for x in raw[r][:3])}")
    if notes:
        print("\npackage notes:")
        for n in notes:
            print("  " + short(n, 200))
    print("\ntimes: " + ", ".join(f"{k} {v:.1f} s" for k, v in seconds.items()))
    return {
        "functions": [
            {
                "key": f.key, "group": f.group, "status": f.status, "compiled": f.compiled, "runnable": f.runnable,
                "passed": f.passed, "silently_wrong": is_silently_wrong(f), "cases": len(f.cases),
                "cases_passed": sum(ok for ok, _ in f.case_results), "first_failure": f.first_failure(),
                "failure_kinds": failure_kinds(f),
                "compile_error": f.compile_error, "not_runnable": f.not_runnable, "todo": f.todo, "error": f.error,
                "run_error": f.run_error,
            }
            for f in funcs
        ],
        "notes": notes,
    }


# ---- main ------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--keep", type=Path, help="write the Go modules here and keep them")
    ap.add_argument("--json", type=Path, help="write per-function results as JSON")
    ap.add_argument("--only", help="only corpus modules whose file name contains this")
    ap.add_argument("--verify-only", action="store_true", help="check the cases against the Python and stop")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--trace-cases", action="store_true",
                    help="give the translator the cases' argument and result types as trace evidence")
    ap.add_argument("--strip-annotations", action="store_true",
                    help="translate with the functions' annotations removed (docstrings kept): types from evidence")
    opts = ap.parse_args()

    t0 = time.perf_counter()
    paths = sorted(p for p in CORPUS.glob("*.py") if not p.name.startswith("_"))
    if opts.only:
        paths = [p for p in paths if opts.only in p.name]
    funcs: list[Func] = []
    modules: list[ParsedModule] = []
    problems: list[str] = []
    for path in paths:
        group = GROUPS.get(path.name.split("_", 1)[0])
        if group is None:
            problems.append(f"{path.name}: file name must start with one of {sorted(GROUPS)}_")
            continue
        py = load_module(path)
        cases = getattr(py, "CASES", {})
        text = strip_cases(path.read_text(encoding="utf-8"))
        if opts.strip_annotations:
            text = _Unannotate.strip(text)
        module = parse_module(path.name, text.encode("utf-8"))
        modules.append(module)
        unit_names = [u.name for u in module.units if u.kind == "function"]
        for name in unit_names:
            if name not in cases:
                problems.append(f"{path.name}::{name}: no cases")
        for name, rows in cases.items():
            fn = getattr(py, name, None)
            if fn is None or name not in unit_names:
                problems.append(f"{path.name}: cases for unknown function {name}")
                continue
            funcs.append(Func(path.name, name, group, fn, [(tuple(a), e) for a, e in rows]))
    problems += verify_cases(funcs)
    if problems:
        print("CORPUS ERRORS (fix the corpus before measuring):")
        for p in problems:
            print("  " + p)
        return 0
    n_cases = sum(len(f.cases) for f in funcs)
    print(f"corpus: {len(funcs)} functions, {n_cases} cases, all verified against the Python")
    if opts.verify_only:
        return 0
    seconds: dict[str, float] = {}
    evidence = traced_evidence(modules, funcs) if opts.trace_cases else None
    seconds["translate"] = translate(modules, {f.key: f for f in funcs}, evidence)

    tc = require_toolchain()
    work = opts.keep or Path(tempfile.mkdtemp(prefix="gotui-bench-"))
    if opts.keep and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    packages = [Package(work / Path(m.path).stem, m, [f for f in funcs if f.module == m.path], tc, opts.verbose)
                for m in modules]

    def run(pkg: Package) -> None:
        included = pkg.build()
        pkg.test(included)

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        for fut in [pool.submit(run, p) for p in packages]:
            fut.result()
    seconds["go build+test"] = time.perf_counter() - start
    seconds["total"] = time.perf_counter() - t0
    notes = [f"{p.module.path}: {n}" for p in packages for n in p.notes]
    data = report(funcs, notes, seconds)
    if opts.json:
        opts.json.write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")
    if not opts.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"Go modules kept in {work}")
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # noqa: BLE001 - a measurement always exits 0; say what broke
        import traceback

        traceback.print_exc()
        print(f"benchmark aborted: {type(exc).__name__}: {exc}")
    sys.exit(0)
