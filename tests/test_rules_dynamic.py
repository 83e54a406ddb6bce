"""Values of several types (types.DynT): a parameter the trace saw as int and tuple keys, an `Any`
annotation or a bare `dict`. Go carries them as `any` where Python only stores, looks up, compares with
None, returns or passes them on; every other use stays a TODO that says why (docs/offline-translator.md).
`gotui check` writes such values as the Go the translated code holds (int, string, Tuple2...)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gotui.evidence.model import TypeTable
from gotui.golang.toolchain import find_toolchain
from gotui.llm.base import CONVERTED, PARTIAL
from gotui.verify.difftest import GoType, NotExpressible, compatible, go_literal
from gotui.verify.inputs import PyType, parse_annotation
from gotui.verify.sources import evidence_types
from test_rules_support import build_and_vet, check_package, converted_package, replace_go, traced_package, translate_module

GOTUI = [sys.executable, "-m", "gotui.cli"]


def _checked(tmp_path: Path, package: str, source: str, passing: tuple[str, ...]) -> Path:
    """`source` as package `package`, converted and checked: each of `passing` passes. The repository."""
    repo = converted_package(tmp_path, package, source)
    got = check_package(repo, package)
    for name in passing:
        assert got[f"{package}/__init__.py::{name}"]["status"] == "pass", got[f"{package}/__init__.py::{name}"]
    return repo


STORE = '''
from typing import Any, Optional


class Store:
    def __init__(self, maxsize: int):
        self.data: dict[Any, Any] = {}
        self.maxsize = maxsize

    def get(self, key: Any, default: Any = None) -> Any:
        if key in self.data:
            return self.data[key]
        return default

    def put(self, key: Any, value: Any) -> None:
        if len(self.data) >= self.maxsize and key not in self.data:
            raise ValueError("full")
        self.data[key] = value

    def drop(self, key: Any) -> bool:
        try:
            del self.data[key]
        except KeyError:
            return False
        return True

    def peek(self, key: Any) -> Optional[Any]:
        value = self.data.get(key)
        if value is None:
            return None
        return value

    def bump(self, key: Any) -> int:
        return key + 1

    def same(self, a: Any, b: Any) -> bool:
        return a == b


def size(table: dict) -> int:
    return len(table)


def first(n: Optional[int]) -> Any:
    return n
'''


def _store() -> dict:
    return translate_module("store.py", STORE)[2]


def test_stores_lookups_and_none_tests_of_any_values_convert() -> None:
    got = _store()
    assert "Data    map[any]any" in got["Store"].go or "Data map[any]any" in got["Store"].go, got["Store"].go
    for name in ("Store.get", "Store.put", "Store.drop", "Store.peek", "size"):
        assert got[name].status == CONVERTED, (name, got[name].error, got[name].go)
    assert "func (s *Store) Get(key any, default_ any) any {" in got["Store.get"].go
    assert "pyHas(s.Data, key)" in got["Store.get"].go
    # d.get(k) of an `any` value is the plain index: a missing key reads nil, Python's None
    assert "value := s.Data[key]" in got["Store.peek"].go and "if value == nil {" in got["Store.peek"].go
    assert "func Size(table map[any]any) int {" in got["size"].go


def test_a_use_that_needs_the_type_stays_python_and_says_why() -> None:
    got = _store()
    bump = got["Store.bump"]
    assert bump.status == PARTIAL
    assert "`key` is `any` here (annotated `Any`), and this use needs its type" in bump.error
    # Go's == on two `any` compares dynamic types too (1 == 1.0 is false there): refused
    assert got["Store.same"].status == PARTIAL
    # a nil *int in an `any` would not be nil (`first(None) is None` false in Go): boxed, None as nil
    assert got["first"].status == CONVERTED and "return pyBoxOpt(n)" in got["first"].go, got["first"].go


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_the_store_builds_and_vets(tmp_path: Path) -> None:
    tr, m, got = translate_module("store.py", STORE)
    build_and_vet(tmp_path, tr, [m], [t.go for t in got.values()])


def test_check_writes_values_of_several_types_as_the_go_holds_them() -> None:
    assert parse_annotation(ast.parse("Any", mode="eval").body) == PyType("any")
    any_t = GoType("any", "any")
    assert go_literal(None, any_t) == "nil"
    assert go_literal(3, any_t) == "int(3)"
    assert go_literal(2.5, any_t) == "float64(2.5)"
    assert go_literal("k", any_t) == '"k"'
    assert go_literal((1, "a"), any_t) == 'Tuple2[int, string]{F0: int(1), F1: "a"}'
    assert go_literal((1,), any_t) == "Tuple1[int]{F0: int(1)}"  # a cache key `(1,)` a caller passes
    with pytest.raises(NotExpressible):
        go_literal((1, 2, 3, 4, 5), any_t)  # beyond Tuple4 in an `any`
    table = TypeTable({"n": "int"}, {"key": "the trace saw values of several types (4 calls: int, tuple[int])",
                                     "return": "the trace saw values of several types (4 calls)"})
    assert evidence_types(table) == {"n": "int", "key": "Any", "return": "Any"}


MEMO = '''
class Memo:
    def __init__(self, maxsize):
        self.__data = {}
        self.__maxsize = maxsize

    def __getitem__(self, key):
        try:
            return self.__data[key]
        except KeyError:
            return self.__missing__(key)

    def __setitem__(self, key, value):
        if len(self.__data) >= self.__maxsize and key not in self.__data:
            raise ValueError("full")
        self.__data[key] = value

    def __missing__(self, key):
        raise KeyError(key)

    def __contains__(self, key):
        return key in self.__data

    def __len__(self):
        return len(self.__data)

    def get(self, key, default=None):
        if key in self:
            return self[key]
        return default
'''

RUN = '''
from memo import Memo

for n in range(1, 6):
    m = Memo(2 * n + 1)
    for i in range(n):
        m[i] = i * i
        m[(i, "t")] = "v%d" % i
    for probe in (0, 2, (1, "t"), (9, "t"), "x"):
        probe in m
        m.get(probe)
        m.get(probe, -1)
        try:
            m[probe]
        except KeyError:
            pass
    len(m)
'''


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_a_table_of_traced_int_and_tuple_keys_converts_and_checks(tmp_path: Path) -> None:
    repo = traced_package(tmp_path, "memo", MEMO, RUN)
    conv = subprocess.run([*GOTUI, "convert", "memo", "--backend", "rules", "-q", "--json"], cwd=repo, capture_output=True, text=True)
    units = {u["id"].split("::")[1]: u for u in json.loads(conv.stdout)}
    for name in ("Memo.__getitem__", "Memo.__contains__", "Memo.__len__", "Memo.__missing__", "Memo.get"):
        assert units[name]["status"] == "converted", (name, units[name])
    got = {i.split("::")[1]: r for i, r in check_package(repo, "memo").items()}
    # the receivers' tables (int and tuple keys) are rebuilt from the trace, then compared call by call
    for name in ("Memo.__getitem__", "Memo.__contains__", "Memo.__len__"):
        assert got[name]["status"] == "pass", (name, got[name])
    replace_go(repo, "memo/__init__.py::Memo.__contains__", "return pyHas(", "return !pyHas(")
    again = {i.split("::")[1]: r for i, r in check_package(repo, "memo").items()}
    assert again["Memo.__contains__"]["status"] == "diverged", again["Memo.__contains__"]


SHOW = '''
from typing import Any


def show(x: Any) -> str:
    return str(x)


def label(x: Any, n: int) -> str:
    return f"{x}: {n}" + "<%s>" % (x,)


def show_pair(a: int, b: str, c: float) -> str:
    return show((a, b)) + show(c) + show(c > 0) + show(None)


def padded(x: Any) -> str:
    return f"{x:>5}"


def reprd(x: Any) -> str:
    return f"{x!r}" + "=%r" % (x,) + repr(x)


def repr_pair(a: int, b: str, c: float) -> str:
    return reprd((a, b)) + reprd(c) + reprd(b) + reprd(None) + reprd(c > 0)
'''


def test_str_of_any_is_pystrany_and_a_spec_stays_python() -> None:
    got = translate_module("show.py", SHOW)[2]
    assert got["show"].status == CONVERTED and "return pyStrAny(x)" in got["show"].go
    assert got["label"].status == CONVERTED
    assert 'fmt.Sprintf("%s: %d", pyStrAny(x), n) + fmt.Sprintf("<%s>", pyStrAny(x))' in got["label"].go
    # a spec formats by type (`>5` pads a str, right-aligns a number): Go would need the type
    assert got["padded"].status == PARTIAL and "a format spec or !a on `any`" in got["padded"].error
    # !r, %r and repr() of `any`: pyReprOf, which panics on a value whose Python repr Go does not know
    assert got["reprd"].status == CONVERTED and got["reprd"].go.count("pyReprOf(x)") == 3, got["reprd"].go


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_str_of_any_runs_like_python(tmp_path: Path) -> None:
    # ints, texts and None (generated), a tuple, a float and a bool (through show_pair) as Python writes them
    repo = _checked(tmp_path, "show", SHOW, ("show", "label", "show_pair", "reprd", "repr_pair"))
    replace_go(repo, "show/__init__.py::show", "return pyStrAny(x)", "return pyRepr(x)")  # quotes a str: wrong
    again = check_package(repo, "show")
    assert again["show/__init__.py::show"]["status"] == "diverged", again["show/__init__.py::show"]


SWITCH = '''
from typing import Any, Union


class Span:
    def __init__(self, days: int):
        self.days = days

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, Span):
            return False
        return self.days == other.days


def describe(value: Union[int, str, float]) -> str:
    if isinstance(value, str):
        return "text " + value.upper()
    elif isinstance(value, float):
        return "float %.1f" % value
    elif isinstance(value, int):
        return "int %d" % (value + 1)
    return "other"


def kind(x: Any) -> str:
    if isinstance(x, str):
        return "s"
    return str(x)


def same(a: int, b: int) -> bool:
    return Span(a) == Span(b)


def retyped(x: Any) -> str:
    if isinstance(x, str):
        x = len(x)
    return str(x)
'''


def test_isinstance_of_an_any_is_a_go_type_assertion() -> None:
    got = translate_module("switch.py", SWITCH)[2]
    for name in ("Span.__eq__", "describe", "kind", "same"):
        assert got[name].status == CONVERTED, (name, got[name].error)
    eq = got["Span.__eq__"].go
    # `if not isinstance(...): return` at the top: asserted once, the rest reads the asserted variable
    assert "otherSpan, ok := other.(*Span)\n\tif !ok {" in eq and "s.Days == otherSpan.Days" in eq, eq
    d = got["describe"].go
    assert "if valueString, ok := value.(string); ok {" in d and 'pyUpper(valueString)' in d, d
    # a Python bool is an int; pyAsInt panics on one rather than take another branch than Python
    assert "if valueInt, ok3 := pyAsInt(value); ok3 {" in d, d
    assert "if _, ok := x.(string); ok {" in got["kind"].go  # the branch does not read x
    # a name assigned in the function is not narrowed (its asserted copy could go stale)
    assert got["retyped"].status == PARTIAL


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_type_assertions_run_like_python(tmp_path: Path) -> None:
    repo = _checked(tmp_path, "switch", SWITCH, ("describe", "kind", "same"))
    replace_go(repo, "switch/__init__.py::kind", 'return "s"', 'return "t"')
    assert check_package(repo, "switch")["switch/__init__.py::kind"]["status"] == "diverged"


KWARGS = '''
class Base:
    def __init__(self, name: str, **kwargs):
        self.name = name
        self.options = kwargs
        self.verbose = kwargs.get("verbose", False)

    def get(self, key: str):
        return self.options.get(key)


def make(n: int) -> Base:
    return Base("x", depth=n, verbose=None)


def plain(a: int, **kw) -> int:
    if "extra" in kw:
        return a + len(kw)
    return a


def forward(a: int, **kw) -> int:
    kw.pop("extra", None)
    return plain(a, **kw)


def call_plain(a: int) -> int:
    return plain(a, extra="yes") + plain(a) + forward(a, extra=1, more=2)


def named(a: int, b: int = 0) -> int:
    return a + b


def spread(**kw) -> int:
    return named(1, **kw)


def keyed(a: int, b: int = 0, **kw) -> int:
    return a + b + len(kw)


def spread_keyed(**kw) -> int:
    return keyed(1, **kw)
'''


def test_a_used_kwargs_is_a_map_the_call_site_fills() -> None:
    got = translate_module("kw.py", KWARGS)[2]
    for name in ("Base", "Base.get", "make", "plain", "forward", "call_plain"):
        assert got[name].status == CONVERTED, (name, got[name].error)
    assert "func NewBase(name string, kwargs map[string]any) *Base {" in got["Base"].go
    assert 'b.Verbose = pyGet(kwargs, "verbose", false)' in got["Base"].go
    # the keywords no parameter takes, in a new map for each call (Python builds a new dict)
    assert 'NewBase("x", map[string]any{"depth": n, "verbose": nil})' in got["make"].go
    assert 'Plain(a, map[string]any{"extra": "yes"}) + Plain(a, map[string]any{})' in got["call_plain"].go
    # `**kw` passed on is a copy: what the callee pops stays popped only there
    assert "return Plain(a, maps.Clone(kw))" in got["forward"].go, got["forward"].go
    # a `**kw` to a function without **kwargs may hold its named parameters: Python binds them by name at run time
    assert got["spread"].status == PARTIAL and "`**kwargs` in a call to `named`" in got["spread"].error
    # to one with **kwargs too: `b` would come from the dict when the key is there, not from its default
    assert got["spread_keyed"].status == PARTIAL and "may hold `b` of `keyed`" in got["spread_keyed"].error


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_kwargs_maps_build_and_vet(tmp_path: Path) -> None:
    tr, m, got = translate_module("kw.py", KWARGS)
    build_and_vet(tmp_path, tr, [m], [t.go for t in got.values()])


ARGS = '''
def first(*args):
    if args:
        return args[0]
    return None


def count(*args) -> int:
    return len(args)


def forward(*args) -> int:
    return count(*args) + count(1, *args)


def bound(a, *args) -> int:
    return len(args)


def unpacks(*args) -> int:
    return bound(*args)
'''


def test_star_args_of_unknown_type_are_any_and_pass_on_whole() -> None:
    got = translate_module("args.py", ARGS)[2]
    assert got["first"].status == CONVERTED and "func First(args ...any) any {" in got["first"].go
    assert got["forward"].status == CONVERTED, got["forward"].error
    # Go takes items or a slice for `...T`, not both: the items go in front of the rest
    assert "return Count(args...) + Count(append([]any{1}, args...)...)" in got["forward"].go, got["forward"].go
    # the first item would bind `a`: Python decides that at run time
    assert got["unpacks"].status == PARTIAL


def test_any_fits_python_scalars_optionals_and_unions_in_check() -> None:
    any_t = GoType("any", "any")
    for py in (PyType("int"), PyType("optional", (PyType("str"),)), PyType("union", (PyType("int"), PyType("str"))), PyType("any")):
        assert compatible(py, any_t), py
    assert not compatible(PyType("list", (PyType("int"),)), any_t)  # its Go type in an `any` depends on the code


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_star_args_build_and_vet(tmp_path: Path) -> None:
    tr, m, got = translate_module("args.py", ARGS)
    build_and_vet(tmp_path, tr, [m], [t.go for t in got.values()])


def test_a_tuple_of_any_items_is_go_values_of_several_types() -> None:
    # `return (key, value)` of `any` items: Go's several `any` results, or a Tuple2 of them as a value
    _, _, out = translate_module("pkg/__init__.py", '''
from typing import Any


def swap(a: Any, b: Any):
    return (b, a)


def boxed(key: Any, n: int) -> Any:
    return (key, n)
''')
    assert out["swap"].status == CONVERTED and "func Swap(a any, b any) (any, any) {\n\treturn b, a\n}" in out["swap"].go
    assert out["boxed"].status == CONVERTED and "return Tuple2[any, int]{key, n}" in out["boxed"].go


SWAP = '''
def swap(a, b):
    return (b, a)
'''

SWAP_RUN = '''
from swapper import swap

for a, b in ((1, "x"), ("y", 2), (2.5, True), ("z", 7)):
    swap(a, b)
'''


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_a_result_of_several_tuple_types_is_checked_item_by_item(tmp_path: Path) -> None:
    repo = traced_package(tmp_path, "swapper", SWAP, SWAP_RUN)
    conv = subprocess.run([*GOTUI, "convert", "swapper", "--backend", "rules", "-q", "--json"], cwd=repo, capture_output=True, text=True)
    assert [u["status"] for u in json.loads(conv.stdout)] == ["converted"]
    assert check_package(repo, "swapper")["swapper/__init__.py::swap"]["status"] == "pass"
    replace_go(repo, "swapper/__init__.py::swap", "return b, a", "return a, b")
    assert check_package(repo, "swapper")["swapper/__init__.py::swap"]["status"] == "diverged"
