"""A parameter that only holds a function bound as its default, as cachetools writes every cache's
`def __setitem__(self, key, value, cache_setitem=Cache.__setitem__): cache_setitem(self, key, value)`.
In the real-library benchmark it was the first thing 22 units could not translate ("parameter
`cache_setitem` is `function`, which has no Go type here").

The translator reads each call of such a parameter as a call of its default (an explicit base call
here) and leaves the parameter out of the Go signature; check leaves it out on both sides. Anything
else done with the parameter, or a default the body could see differently, keeps it a parameter.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from gotui.llm import plan
from gotui.llm.base import CONVERTED
from gotui.parse.bound_defaults import bound_defaults, class_body_names, without_bound_defaults
from gotui.parse.units import parse_module
from gotui.verify.inputs import function_spec
from test_rules_support import build_and_vet, check_package, converted_package, replace_go, translate_module


def _fn(src: str) -> ast.FunctionDef:
    return ast.parse(textwrap.dedent(src)).body[0]  # type: ignore[return-value]


def test_only_a_called_alias_of_a_dotted_default_is_bound() -> None:
    fn = _fn("""
        def put(self, key, value, cache_setitem=Cache.__setitem__, n=3, log=print, keep=len):
            cache_setitem(self, key, value)
            log(keep)          # `keep` is read as a value: a real parameter
            return n
    """)
    assert list(bound_defaults(fn)) == ["cache_setitem", "log"]
    # the class body binds `Cache` (say, a nested class or attribute): the default sees it, the body would not
    assert list(bound_defaults(fn, frozenset({"Cache"}))) == ["log"]
    for body in ("cache_setitem = None\n    cache_setitem(self)",       # rebound
                 "return cache_setitem",                                   # handed on as a value
                 "f = lambda cache_setitem: cache_setitem(1)\n    cache_setitem(self)",  # shadowed by a nested scope
                 "Cache = 1\n    cache_setitem(self)",                    # the body binds the default's name
                 "pass"):                                                  # never called
        assert bound_defaults(_fn(f"def f(self, cache_setitem=Cache.__setitem__):\n    {body}\n")) == {}, body
    # a literal default is a value, not a bound function
    assert bound_defaults(_fn("def f(x, n=len('ab')):\n    return n()\n")) == {}


def test_the_rewrite_calls_the_default_and_drops_the_parameter() -> None:
    fn = _fn("""
        def put(self, key, value=0, cache_setitem=Cache.__setitem__, *, flag=False, tick=time.monotonic):
            cache_setitem(self, key, value)
            return tick() if flag else 0
    """)
    new = without_bound_defaults(fn)
    assert new is not None and without_bound_defaults(_fn("def f(x):\n    return x\n")) is None
    assert ast.unparse(new.args) == "self, key, value=0, *, flag=False"
    assert "Cache.__setitem__(self, key, value)" in ast.unparse(new) and "time.monotonic()" in ast.unparse(new)
    assert "cache_setitem" in ast.unparse(fn)  # the original is left as it was


def test_class_body_names() -> None:
    cls = ast.parse("class C:\n    a = 1\n    b: int = 2\n    def m(self): pass\n    class D: pass\n    import os\n").body[0]
    assert class_body_names(cls) == {"a", "b", "m", "D", "os"}  # type: ignore[arg-type]


SOURCE = '''
class Counter:
    def __init__(self, start: int) -> None:
        self.n = start

    def add(self, k: int) -> int:
        self.n += k
        return self.n


class Doubler(Counter):
    def add(self, k: int, counter_add=Counter.add) -> int:
        return counter_add(self, 2 * k)


def total(xs: list[int], _sum=sum, _len=len) -> int:
    return _sum(xs) + _len(xs)
'''


def test_it_translates_as_a_call_of_the_default(tmp_path: Path) -> None:
    tr, m, out = translate_module("pkg/count.py", SOURCE)
    add = out["Doubler.add"]
    assert add.status == CONVERTED, (add.error, add.go)
    assert "func (d *Doubler) Add(k int) int" in add.go and "d.Counter.Add(2 * k)" in add.go
    assert out["total"].status == CONVERTED and "func Total(xs []int) int" in out["total"].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_check_leaves_it_out_on_both_sides(tmp_path: Path) -> None:
    spec = function_spec("def total(xs: list[int], _sum=sum, n: int = 1) -> int:\n    return _sum(xs) * n\n")
    assert [(p.name, p.keyword_only) for p in spec.params] == [("xs", False), ("n", True)]  # `n` by name, after the gap
    # a bound clock is still the clock: not compared
    try:
        function_spec("def age(t: float, now=time.time) -> float:\n    return now() - t\n")
    except Exception as exc:
        assert "clock" in str(exc)
    else:
        raise AssertionError("a function that reads the clock through its default was compared")
    repo = converted_package(tmp_path, "pkg", SOURCE)
    results = check_package(repo, "pkg")
    for unit in ("pkg/__init__.py::Doubler.add", "pkg/__init__.py::total"):
        assert results[unit]["status"] == "pass", results[unit]
    replace_go(repo, "pkg/__init__.py::Doubler.add", "d.Counter.Add(2 * k)", "d.Counter.Add(k)")
    assert check_package(repo, "pkg")["pkg/__init__.py::Doubler.add"]["status"] == "diverged"


def test_the_model_is_given_the_same_signature() -> None:
    """The prompt's planned Go signature leaves the parameter out too, so a model's Go and check agree."""
    unit = parse_module("pkg/a.py", b"def total(xs: list[int], _sum=sum) -> int:\n    return _sum(xs)\n").units[0]
    assert plan._func_signature(unit, plan._def(unit), set()) == "func Total(xs []int) int"
