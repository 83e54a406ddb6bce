"""Methods checked on the receivers their traced calls ran on: the state of `self` that gotui trace
saw, rebuilt without __init__ in Python and as a struct literal in Go."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from gotui.session.project import Project
from gotui.verify.difftest import compatible, go_method_signature, go_signature
from gotui.verify.inputs import PyType, Untestable, function_spec
from gotui.verify.receivers import field_of, struct_fields, traced_receiver
from test_rules_support import replace_go, traced_package

pytestmark = pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")

COUNTERS = '''class Counter:
    def __init__(self, *, start: int = 0) -> None:
        self.count = start
        self.label = "c"

    def double(self) -> int:
        return self.count * 2

    def tag(self, sep: str) -> str:
        return self.label + sep + str(self.count)

    @property
    def size(self) -> int:
        return self.count + len(self.label)

    def bump(self, by: int) -> None:
        self.count += by

    @property
    def name(self) -> str:
        return self.label

    @name.setter
    def name(self, value: str) -> None:
        self.label = value.strip()

    @property
    def kind(self) -> str:
        return "small" if self.count < 100 else "big"

    @kind.setter
    def kind(self, value: str) -> None:
        raise AttributeError("kind is read-only")
'''

RUN = '''from counters import Counter
a = Counter(start=3)
a.double()
a.tag("-")
b = Counter(start=5)
b.label = "bee"
b.tag(":")
b.double()
print(a.size, b.size)
a.bump(2)
b.bump(-1)
a.name = " x "
b.name = "y"
print(a.kind, b.kind)
for c in (a, b):
    try:
        c.kind = "big"
    except AttributeError:
        pass
'''

GO = '''type Counter struct {
	Count int
	Label string // the name
}
'''


def _repo(tmp_path: Path) -> Path:
    repo = traced_package(tmp_path, "counters", COUNTERS, RUN)
    assert subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "counters"], cwd=repo, capture_output=True).returncode == 0
    return repo


def _check(repo: Path) -> dict[str, dict]:
    return _check_in(repo, "counters")


def _check_in(repo: Path, package: str) -> dict[str, dict]:
    out = subprocess.run([sys.executable, "-m", "gotui.cli", "check", package, "--json"], cwd=repo, capture_output=True, text=True)
    return {r["id"]: r for r in json.loads(out.stdout)}


def test_struct_fields_reads_names_and_types() -> None:
    assert [(n, t.text) for n, t in struct_fields(GO, "Counter")] == [("Count", "int"), ("Label", "string")]
    # a class without attributes (titlecase's `Immutable`): no fields, not the constructor's body read as some
    empty = "type Immutable struct{}\n\nfunc NewImmutable() *Immutable {\n\ti := &Immutable{}\n\treturn i\n}\n"
    assert struct_fields(empty, "Immutable") == []


def test_a_traced_attribute_maps_to_the_field_of_its_name_as_written() -> None:
    # cachetools' `self.__maxsize` in class Cache is traced as `_Cache__maxsize`
    assert field_of("_Cache__maxsize") == field_of("__maxsize") != field_of("_maxsize")
    assert field_of("_major") == "major" and field_of("count") == "Count"
    assert field_of("__dunder__") == "dunder"  # a dunder name is not mangled


def test_a_traced_receiver_must_be_the_go_struct_exactly() -> None:
    spec = function_spec("def double(self) -> int:\n    return self.count * 2", is_method=True)
    sig = go_method_signature("func (c *Counter) Double() int { return c.Count * 2 }", "Counter", "Double")
    trace = {"samples": [{"args": {}, "self": {"__class__": "Counter", "attrs": {"count": 3, "label": "c", "extra": 1}}}]}
    with pytest.raises(Untestable, match="extra"):
        traced_receiver("Counter", "Counter", GO, spec, sig, trace, 10)
    ok = {"samples": [{"args": {}, "self": {"__class__": "Counter", "attrs": {"count": 3, "label": "c"}}},
                      {"args": {}, "self": {"__class__": "Counter", "attrs": {"count": 5, "label": "bee"}}}]}
    mspec, plan, cases, n = traced_receiver("Counter", "Counter", GO, spec, sig, ok, 10)
    assert n == 2 and cases == [(3, "c"), (5, "bee")]
    assert plan.expr == "(&Counter{Count: c.selfCount, Label: c.selfLabel}).Double()"
    assert mspec.call_repr((3, "c")) == "Counter<count=3, label='c'>.double()"


def test_methods_pass_on_traced_receivers_and_a_wrong_method_diverges(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    got = _check(repo)
    tag = got["counters/__init__.py::Counter.tag"]
    assert tag["status"] == "pass", tag["detail"]
    assert "receivers rebuilt from the states of self" in tag["detail"]
    size = got["counters/__init__.py::Counter.size"]  # a @property getter: read in Python, called in Go
    assert size["status"] == "pass", size["detail"]
    assert got["counters/__init__.py::Counter.double"]["status"] == "pass", got["counters/__init__.py::Counter.double"]["detail"]
    project = Project(repo / "counters")
    rec = project.session.get("counters/__init__.py::Counter.tag")
    assert "c.Label + sep" in rec.go, rec.go
    project.session.edit(rec.id, rec.go.replace("c.Label + sep", "sep + c.Label"))
    again = _check(repo)
    assert again["counters/__init__.py::Counter.tag"]["status"] == "diverged", again["counters/__init__.py::Counter.tag"]["detail"]


def test_a_method_that_returns_nothing_is_compared_by_the_receiver_it_leaves(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    got = _check(repo)
    for uid in ("counters/__init__.py::Counter.bump", "counters/__init__.py::Counter.name.setter"):
        assert got[uid]["status"] == "pass", (uid, got[uid]["detail"])
        assert "the receiver's attributes after the call" in got[uid]["detail"], got[uid]["detail"]
    project = Project(repo / "counters")
    bump = project.session.get("counters/__init__.py::Counter.bump")
    assert "c.Count += by" in bump.go, bump.go
    project.session.edit(bump.id, bump.go.replace("c.Count += by", "c.Count -= by"))
    setter = project.session.get("counters/__init__.py::Counter.name.setter")
    assert "pyStrip(value)" in setter.go, setter.go
    project.session.edit(setter.id, setter.go.replace("pyStrip(value)", "value"))
    again = _check(repo)
    assert again["counters/__init__.py::Counter.bump"]["status"] == "diverged", again["counters/__init__.py::Counter.bump"]["detail"]
    assert again["counters/__init__.py::Counter.name.setter"]["status"] == "diverged", again["counters/__init__.py::Counter.name.setter"]["detail"]


def test_a_value_that_is_never_none_fits_a_go_pointer() -> None:
    ptr = go_signature("func f(x *string) {}", "f").params[0][1]
    assert compatible(PyType("str"), ptr) and compatible(PyType("optional", (PyType("str"),)), ptr)
    assert not compatible(PyType("int"), ptr) and not compatible(PyType("none"), ptr)


def test_one_answer_on_every_receiver_is_a_verdict_only_when_the_body_reads_nothing(tmp_path: Path) -> None:
    """A setter that always raises reads nothing, so its one answer is its whole behaviour: compared.
    A getter whose traced receivers all answer "small" could be a wrong Go that always says so: untested."""
    repo = _repo(tmp_path)
    got = _check(repo)
    setter = got["counters/__init__.py::Counter.kind.setter"]
    assert setter["status"] == "pass", setter["detail"]
    getter = got["counters/__init__.py::Counter.kind"]
    assert getter["status"] == "untested" and "same answer" in getter["detail"], getter
    project = Project(repo / "counters")
    rec = project.session.get(setter["id"])
    assert 'return pyRaise("AttributeError", "kind is read-only")' in rec.go, rec.go
    project.session.edit(rec.id, rec.go.replace('return pyRaise("AttributeError", "kind is read-only")', "return nil"))  # silently does nothing
    again = _check(repo)
    assert again[setter["id"]]["status"] == "diverged", again[setter["id"]]["detail"]


NESTED = '''class Ring:
    class _Node:
        __slots__ = ("value", "next")

        def __init__(self, value):
            self.value = value

        def link(self, other):
            self.next = other

    def __init__(self):
        self.head = Ring._Node(0)
        self.head.link(self.head)

    def push(self, value):
        node = Ring._Node(value)
        node.link(self.head.next)
        self.head.link(node)
        return node.value


class Table:
    class _Node:
        def __init__(self, name):
            self.name = name
'''

NESTED_RUN = '''from nested import Ring, Table

r = Ring()
for v in (1, 2, 3):
    r.push(v)
Table._Node("a")
'''


def test_a_nested_class_is_built_and_compared_with_what_its_init_leaves_unset(tmp_path: Path) -> None:
    # two classes nest a `_Node`: each class unit is found by its own qualified name; `next` is set only
    # after __init__ (Python has no such attribute yet, Go's field is nil): compared as Go's zero value
    repo = traced_package(tmp_path, "nested", NESTED, NESTED_RUN)
    subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "nested", "--backend", "rules", "-q"], cwd=repo, check=True)

    def check() -> dict[str, dict]:
        proc = subprocess.run([sys.executable, "-m", "gotui.cli", "check", "nested", "--json"], cwd=repo, capture_output=True, text=True)
        return {u["id"].split("::")[1]: u for u in json.loads(proc.stdout)}

    got = check()
    for name in ("Ring._Node", "Table._Node"):
        assert got[name]["status"] == "pass", got[name]
    # a constructor that sets `next` where Python leaves it unset is caught
    replace_go(repo, "nested/__init__.py::Ring._Node", "n.Value = value\n", "n.Value = value\n\tn.Next = n\n")
    assert check()["Ring._Node"]["status"] == "diverged"


LONE = '''class Box:
    def __init__(self, width: int, label: str) -> None:
        self.width = width
        self.label = label

    def area(self) -> int:
        return self.width * self.width

    def banner(self) -> str:
        return self.label.upper() + "!" * self.width
'''

LONE_RUN = '''from lone import Box
b = Box(3, "x")
b.area()
b.banner()
'''


def test_one_traced_receiver_without_arguments_gives_way_to_receivers_the_constructor_builds(tmp_path: Path) -> None:
    """A method with no arguments traced on one receiver is one call, which cannot tell right from wrong:
    receivers its constructor builds from generated arguments are compared instead."""
    repo = traced_package(tmp_path, "lone", LONE, LONE_RUN)
    subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "lone", "--backend", "rules", "-q"], cwd=repo, check=True, capture_output=True)
    got = _check_in(repo, "lone")
    for name in ("Box.area", "Box.banner"):
        r = got[f"lone/__init__.py::{name}"]
        assert r["status"] == "pass" and "receiver built by Box(...)" in r["detail"], r
    replace_go(repo, "lone/__init__.py::Box.area", "return b.Width * b.Width", "return b.Width * 3")  # right on Box(3, ...) only
    assert _check_in(repo, "lone")["lone/__init__.py::Box.area"]["status"] == "diverged"
