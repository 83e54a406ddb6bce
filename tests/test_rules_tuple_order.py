"""Tuples ordered and sliced, values that may be None compared, and nested functions that raise: each
translated and checked against the Python on traced and generated inputs (semver's `compare` and
`_nat_cmp` are made of these)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from gotui.llm.base import CONVERTED, PARTIAL
from test_rules_support import assert_pass, build_and_vet, check_package, replace_go, traced_and_converted, translate_module

SOURCE = r'''
from typing import Optional


def version_key(text: str) -> tuple[int, int, str]:
    major, minor, rest = text.split(".", 2)
    return (int(major), int(minor), rest)


def older(a: str, b: str) -> bool:
    return version_key(a)[:2] < version_key(b)[:2]


def at_least(a: tuple[int, tuple[bool, str]], b: tuple[int, tuple[bool, str]]) -> bool:
    return a >= b


def same_tag(a: Optional[str], b: Optional[str]) -> bool:
    return a == b


def other_tag(a: Optional[int], b: Optional[int]) -> bool:
    return a != b


def keys(text: str) -> list[tuple[int, int, str]]:
    def key(part: str) -> tuple[int, int, str]:
        if not part.isdigit():
            return (1, 0, part)
        if not part.isascii():
            part = str(int(part))
        return (0, len(part), part)

    return [key(p) for p in text.split(".")]


def head_tail(t: tuple[int, str, int, str]) -> tuple[str, int]:
    return t[1:3]


def _decode(r: int) -> tuple[int, int]:
    return (r >> 32), (r & ((1 << 32) - 1))


def contains(n: int, ranges: list[int]) -> bool:
    """idna's intranges_contain: `left` is bound in two branches (one Go variable at the top), `right` in
    one; the call raises nothing, so no `err` is declared (Go refuses one never used)."""
    pos = len([r for r in ranges if r < n << 32])
    if pos > 0:
        left, right = _decode(ranges[pos - 1])
        if left <= n < right:
            return True
    if pos < len(ranges):
        left, _ = _decode(ranges[pos])
        if left == n:
            return True
    return False


class Box:
    def __init__(self, n: int) -> None:
        self.n = n


def kinds(n: Optional[int], s: str) -> str:
    return f"{type(n)}|{type(s)!r}|" + str(type([1]))


def box_kind(n: int) -> str:
    b = Box(n)
    return f"got {type(b)}"


class Ver:
    def __init__(self, major: int, tag: str) -> None:
        self.major = major
        self.tag = tag

    def __lt__(self, other: "Ver") -> bool:
        return (self.major, self.tag) < (other.major, other.tag)


def older_ver(a: Ver, b: Ver) -> bool:
    return a < b


def newer_ver(a: Ver, b: Ver) -> bool:
    newer = a > b  # no __gt__: Python tries b.__lt__(a)
    return newer
'''

RUN = '''
from tuples import *

for a, b in (("1.2.x", "1.3.a"), ("2.0.z", "1.9.z"), ("1.2.a", "1.2.b"), ("10.0.0", "9.0.0")):
    older(a, b)
for a, b in (((1, (True, "a")), (1, (False, "b"))), ((0, (True, "a")), (1, (True, "a"))), ((2, (False, "z")), (2, (False, "z")))):
    at_least(a, b)
for a, b in ((None, None), ("x", None), (None, "y"), ("x", "x"), ("x", "y")):
    same_tag(a, b)
for a, b in ((None, None), (1, None), (2, 2), (2, 3)):
    other_tag(a, b)
for text in ("1.2.3", "rc.1", "a.b", "1.\\u00b2", "007.x"):
    try:
        keys(text)
    except ValueError:
        pass
head_tail((1, "a", 2, "b"))
kinds(None, "x")
kinds(3, "")
box_kind(2)
vers = [Ver(1, "a"), Ver(1, "b"), Ver(2, "a")]
for a in vers:
    for b in vers:
        older_ver(a, b)
        newer_ver(a, b)
'''


def test_they_translate_and_build(tmp_path: Path) -> None:
    tr, m, out = translate_module("tuples/__init__.py", textwrap.dedent(SOURCE))
    for name in ("older", "at_least", "same_tag", "other_tag", "keys", "head_tail", "kinds", "box_kind", "older_ver", "newer_ver", "contains"):
        assert out[name].status == CONVERTED, (name, out[name].error)
    assert "var err error" not in out["contains"].go
    # an ordering of two objects of one class is its method; `>` with only __lt__ is the reflected call
    assert "return a.Less(b)" in out["older_ver"].go and "newer := b.Less(a)" in out["newer_ver"].go
    # type(x) written as text: Python's `<class '...'>`, NoneType where an Optional (or a class's pointer) is nil
    assert 'pyTypeOr(n, "<class \'int\'>")' in out["kinds"].go
    assert 'pyTypeOr(b, "<class \'tuples.Box\'>")' in out["box_kind"].go
    assert "pyCmpFirst(cmp.Compare(a.F0, b.F0), pyCmpFirst(cmp.Compare(pyBoolInt(a.F1.F0), pyBoolInt(b.F1.F0))" in out["at_least"].go
    assert "return pyOptEq(a, b)" in out["same_tag"].go and "return !pyOptEq(a, b)" in out["other_tag"].go
    # the nested function raises (int() of a digit that is not ASCII): its error is its last result
    assert "key := func(part string) (int, int, string, error) {" in out["keys"].go
    assert "func Keys(text string) ([]Tuple3[int, int, string], error) {" in out["keys"].go
    assert "return t.F1, t.F2" in out["head_tail"].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_floats_and_none_in_tuples_are_not_ordered() -> None:
    _, _, out = translate_module("floats.py", textwrap.dedent('''
        def before(a: tuple[float, int], b: tuple[float, int]) -> bool:
            return a < b  # NaN: Python's pairwise == and < differ from Go's cmp.Compare

        def bounds(a: tuple[int, int, int]) -> tuple[int, int, int]:
            return a[0:1] + a  # a 1-tuple has no Go form here
    '''))
    assert out["before"].status == PARTIAL and "ordering comparison of tuples with float items" in (out["before"].error or "")
    assert out["bounds"].status == PARTIAL and "1-tuple" in (out["bounds"].error or "")


def test_they_agree_with_python(tmp_path: Path) -> None:
    repo = traced_and_converted(tmp_path, "tuples", SOURCE, RUN)
    got = check_package(repo, "tuples")
    assert_pass(got, "tuples", ("older", "at_least", "same_tag", "other_tag", "keys", "head_tail", "kinds", "box_kind", "older_ver", "newer_ver"))
    # a comparison of the pointers (identity) where Python compares the values: the check sees it
    replace_go(repo, "tuples/__init__.py::same_tag", "return pyOptEq(a, b)", "return a == b")
    again = check_package(repo, "tuples")
    assert again["tuples/__init__.py::same_tag"]["status"] == "diverged", again["tuples/__init__.py::same_tag"]
