"""Package decorators whose wrapper guards the call and then makes it (semver's `@_comparator`): read
into the body of what they decorate (gotui/parse/decorators.py guard_wrapper/inline_guard), so the Go
is what Python runs when the function is called. Checked against the Python through the decorator."""

from __future__ import annotations

import textwrap
from pathlib import Path

from gotui.llm.base import CONVERTED, PARTIAL
from test_rules_support import assert_pass, build_and_vet, check_package, traced_and_converted, translate_module

SOURCE = r'''
import functools
from typing import Optional


def checked(func):
    """Refuses negative arguments; gcd of 0 and m is m."""

    @functools.wraps(func)
    def wrapper(n: int, m: int) -> int:
        if n < 0 or m < 0:
            raise ValueError("negative")
        if getattr(func, "__name__", None) == "gcd" and n == 0:
            n = m  # rebinds what the call passes
        return func(n, m)

    return wrapper


@checked
def gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


@checked
def span(lo: int, hi: int) -> int:
    if hi < lo:
        return 0
    return hi - lo


def twice(func):
    def wrapper(n: int) -> int:
        return func(func(n))  # called twice: not a guard

    return wrapper


@twice
def bump(n: int) -> int:
    return n + 1


def same_kind(op):
    @functools.wraps(op)
    def wrapper(self: "Coin", other: Optional["Coin"]) -> bool:
        kinds = (Coin, int, str)
        if not isinstance(other, kinds):
            return NotImplemented
        return op(self, other)

    return wrapper


class Coin:
    def __init__(self, cents: int) -> None:
        self.cents = cents

    @same_kind
    def __lt__(self, other: "Coin") -> bool:
        return self.cents < other.cents
'''

RUN = '''
from guards import *

for a, b in ((12, 18), (0, 5), (7, 0), (-1, 3), (3, -2), (0, 0)):
    for f in (gcd, span):
        try:
            f(a, b)
        except ValueError:
            pass
'''


def test_a_guard_decorator_is_read_into_the_body(tmp_path: Path) -> None:
    tr, m, out = translate_module("guards/__init__.py", textwrap.dedent(SOURCE))
    for name in ("gcd", "span"):
        assert out[name].status == CONVERTED, (name, out[name].error)
        assert "@checked's wrapper is read into the body" in out[name].go
    gcd = out["gcd"].go
    assert 'return 0, pyRaise("ValueError", "negative")' in gcd
    assert '"gcd" == "gcd" && a == 0' in gcd  # getattr(func, "__name__") is the function's own name
    assert out["span"].go.count('"span" == "gcd"') == 1
    # a wrapper that calls the function otherwise stays a decorator the translator does not apply
    assert out["bump"].status == PARTIAL and "decorator @twice is not applied" in (out["bump"].error or "")
    # a decorator read into every function it decorates has nothing left to call: no Go of its own
    assert out["checked"].status == CONVERTED and "is only applied as a decorator" in out["checked"].go
    assert "(gcd, span)" in out["checked"].go and "func " not in out["checked"].go
    assert out["twice"].status == PARTIAL  # its use on bump is not seen through
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_a_guard_on_a_special_method_returns_what_python_does_for_none() -> None:
    _, _, out = translate_module("coins.py", textwrap.dedent(SOURCE))
    lt = out["Coin.__lt__"]
    assert lt.status == CONVERTED, lt.error
    # `other` typed Coin: not an instance of (Money, int, str) only when None, where Python raises
    # TypeError after trying None's reflected method
    assert """panic(pyRaise("TypeError", "'<' not supported between instances of 'Coin' and 'NoneType'"))""" in lt.go


def test_the_check_calls_python_through_the_decorator(tmp_path: Path) -> None:
    repo = traced_and_converted(tmp_path, "guards", SOURCE, RUN)
    assert_pass(check_package(repo, "guards"), "guards", ("gcd", "span"))
