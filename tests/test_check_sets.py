"""`gotui check` with sets: a `set[T]` (or `frozenset[T]`, `AbstractSet[T]`) parameter or result of
ints, strs, bools or enum members is Go's `map[T]struct{}` on the other side, written member by member
and compared as a map; the sandbox builds the members (enum members too) as it builds any value."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from gotui.verify.difftest import GoType, go_literal
from gotui.verify.inputs import PyType, conforms, parse_annotation
from test_rules_support import check_package, converted_package, replace_go

pytestmark = pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")

SOURCE = '''
from enum import Enum


class Unit(Enum):
    SECONDS = 0
    MINUTES = 1
    HOURS = 2


def lower_units(u: Unit, keep: set[Unit]) -> set[Unit]:
    """humanize's `_suppress_lower_units`: every member below `u`, and those already kept."""
    out = set(keep)
    for m in Unit:
        if m.value < u.value:
            out.add(m)
    return out


def shared(a: set[str], b: frozenset[str]) -> int:
    return len(a & b)


def vowels(word: str) -> set[str]:
    return {c for c in word.lower() if c in "aeiou"}
'''


def test_set_types_and_literals() -> None:
    t = parse_annotation(ast.parse("set[str]", mode="eval").body)
    assert t == PyType("set", (PyType("str"),)) and conforms({"a"}, t) and not conforms(["a"], t)
    go = GoType("map", "map[string]struct{}", key=GoType("string", "string"), elem=GoType("other", "struct{}"))
    assert go_literal({"b", "a"}, go) == 'map[string]struct{}{"a": {}, "b": {}}'


def test_sets_are_compared(tmp_path: Path) -> None:
    repo = converted_package(tmp_path, "units", SOURCE)
    got = {i.split("::")[1]: r for i, r in check_package(repo, "units").items()}
    for name in ("lower_units", "shared", "vowels"):
        assert got[name]["status"] == "pass", (name, got[name])
    replace_go(repo, "units/__init__.py::lower_units", "m.Value < u.Value", "m.Value <= u.Value")
    again = {i.split("::")[1]: r for i, r in check_package(repo, "units").items()}
    assert again["lower_units"]["status"] == "diverged", again["lower_units"]
