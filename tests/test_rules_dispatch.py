"""Python's dynamic dispatch in Go (gotui/llm/rules/dispatch.py): a base method that calls on self what
a subclass overrides runs its body with the subclass's struct as self, through a method of the subclass's
own; `Base.m(self)` and `super().m()` run the base's body the same way. Checked against the Python on
traced receivers of each class; a forwarder that handed the embedded base instead diverges."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from gotui.llm.base import CONVERTED, PARTIAL
from test_rules_support import build_and_vet, check_package, replace_go, traced_and_converted, translate_module

SOURCE = r'''
class Shape:
    """A template method: area() is the subclass's, describe() and scaled() are Shape's."""

    def __init__(self, name: str, scale: int) -> None:
        self.name = name
        self.scale = scale

    def area(self) -> int:
        return 0

    def unit(self) -> str:
        return "cm"

    def scaled(self) -> int:
        return self.area() * self.scale

    def describe(self) -> str:
        return self.name + ": " + str(self.scaled()) + " " + self.unit()


class Square(Shape):
    def __init__(self, side: int) -> None:
        super().__init__("square", 1)
        self.side = side

    def area(self) -> int:
        return self.side * 2

    def twice(self) -> int:
        return Shape.scaled(self) + super().scaled()


class BigSquare(Square):
    def unit(self) -> str:
        return "m"

    def area(self) -> int:
        return self.side + 100


class Odd(Shape):
    def area(self, exact: bool) -> int:  # another signature: no interface method for both
        return 1 if exact else 2


def tag(c):
    return c


@tag
class Tagged(Shape):  # a class decorator the translator does not know: the class stays a stub
    def area(self) -> int:
        return 7


def tagged_scaled(t: Tagged) -> int:
    return t.scaled()


def report(side: int) -> str:
    return Square(side).describe() + "; " + BigSquare(side).describe()
'''

RUN = '''
from shapes import *

for shape in (Shape("blob", 3), Square(2), Square(5), BigSquare(1), BigSquare(3)):
    shape.describe()
    shape.scaled()
for sq in (Square(2), BigSquare(2), Square(7)):
    sq.twice()
report(3)
'''


@pytest.fixture(scope="module")
def built() -> tuple:
    return translate_module("shapes/__init__.py", textwrap.dedent(SOURCE))


@pytest.fixture(scope="module")
def out(built: tuple) -> dict:
    return built[2]


def test_inherited_methods_run_with_the_subclass_as_self(out: dict) -> None:
    for name in ("Shape", "Shape.scaled", "Shape.describe", "Square", "Square.twice", "BigSquare", "report"):
        assert out[name].status == CONVERTED, (name, out[name].error)
    # the base's body takes its fields and the object itself; the method calls it with itself twice
    scaled = out["Shape.scaled"].go
    assert "func (s *Shape) Scaled() int {\n\treturn virtualShapeScaled(s, s)\n}" in scaled
    assert "func virtualShapeScaled(s *Shape, self shapeDispatch) int {\n\treturn self.Area() * s.Scale\n}" in scaled
    assert "type shapeDispatch interface {\n\tArea() int\n\tScaled() int\n\tUnit() string\n}" in out["Shape"].go
    # each subclass that overrides what a body calls gets its own method for it
    square = out["Square"].go
    assert "func (s *Square) Scaled() int {\n\treturn virtualShapeScaled(&s.Shape, s)\n}" in square
    assert "func (b *BigSquare) Describe() string {\n\treturn virtualShapeDescribe(&b.Shape, b)\n}" in out["BigSquare"].go
    # `Shape.scaled(self)` and `super().scaled()`: Shape's body with this object as self; twice() is a
    # body itself (BigSquare overrides the area it reaches), so that object is its own self
    assert "return virtualShapeScaled(&s.Shape, self) + virtualShapeScaled(&s.Shape, self)" in out["Square.twice"].go
    assert "type squareDispatch interface {\n\tshapeDispatch\n" in out["Square"].go
    assert "func (b *BigSquare) Twice() int {\n\treturn virtualSquareTwice(&b.Square, b)\n}" in out["BigSquare"].go
    # a class that stays a stub (its decorator is unknown) still gets its own Scaled: a call on it is right
    assert out["Tagged"].status == PARTIAL and "func (t *Tagged) Scaled() int {\n\treturn virtualShapeScaled(&t.Shape, t)\n}" in out["Tagged"].go
    assert out["tagged_scaled"].status == CONVERTED and "return t.Scaled()" in out["tagged_scaled"].go
    # an override with another signature cannot share the interface: refused as before
    assert out["Odd"].status == PARTIAL and "no virtual dispatch" in (out["Odd"].error or "")


def test_everything_builds_and_vets(built: tuple, tmp_path: Path) -> None:
    tr, m, out = built
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_the_check_agrees_and_a_forwarder_that_hands_the_base_diverges(tmp_path: Path) -> None:
    repo = traced_and_converted(tmp_path, "shapes", SOURCE, RUN)
    got = {i.split("::")[1]: r for i, r in check_package(repo, "shapes").items()}
    for name in ("Square.twice", "report"):
        assert got[name]["status"] == "pass", (name, got[name])
    # the Square's Scaled given its embedded Shape as self: Shape's Area (0), where Python runs Square's
    replace_go(repo, "shapes/__init__.py::Square", "return virtualShapeScaled(&s.Shape, s)", "return virtualShapeScaled(&s.Shape, &s.Shape)")
    again = {i.split("::")[1]: r for i, r in check_package(repo, "shapes").items()}
    assert again["report"]["status"] == "diverged", again["report"]


def test_a_method_with_no_go_signature_is_not_forwarded() -> None:
    # an async method (no Go form) that calls what a subclass overrides: no body of its own, so the
    # subclass keeps the hazard as its reason, and its unit is partial, not failed
    _, _, out = translate_module("aio.py", textwrap.dedent('''
        class Base:
            async def fetch(self) -> int:
                return self.size()

            def size(self) -> int:
                return 1

            def twice(self) -> int:
                return 2 * self.size()

        class Sub(Base):
            def size(self) -> int:
                return 2
    '''))
    sub = out["Sub"]
    assert sub.status == PARTIAL and "Base.fetch calls `size` on self" in (sub.error or ""), (sub.status, sub.error)
    assert "func (s *Sub) Twice() int {" in sub.go  # the method that has a Go signature is still forwarded


ABSTRACT = r'''
import collections.abc


class Store(collections.abc.MutableMapping):
    """cachetools' shape: __setitem__ evicts with self.popitem(), which only the subclasses define
    (Store's own would be MutableMapping's)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.data: dict[str, int] = {}

    def __getitem__(self, key: str) -> int:
        return self.data[key]

    def __setitem__(self, key: str, value: int) -> None:
        while len(self.data) >= self.limit:
            self.popitem()
        self.data[key] = value

    def __delitem__(self, key: str) -> None:
        del self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


class Newest(Store):
    def __init__(self, limit: int) -> None:
        Store.__init__(self, limit)
        self.order: list[str] = []

    def __setitem__(self, key: str, value: int) -> None:
        Store.__setitem__(self, key, value)
        self.order.append(key)

    def popitem(self) -> tuple[str, int]:
        key = self.order.pop()
        value = self.data[key]
        del self.data[key]
        return (key, value)


class Oldest(Store):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.order: list[str] = []

    def __setitem__(self, key: str, value: int) -> None:
        super().__setitem__(key, value)
        self.order.append(key)

    def popitem(self) -> tuple[str, int]:
        key = self.order.pop(0)
        value = self.data[key]
        del self.data[key]
        return (key, value)


def fill(limit: int, n: int) -> list[str]:
    store = Newest(limit)
    for i in range(n):
        store["k" + str(i)] = i
    return sorted(store.data)
'''

ABSTRACT_RUN = '''
from stores import *

for limit in (1, 2, 3):
    fill(limit, 5)
    o = Oldest(limit)
    for i in range(4):
        o["x" + str(i)] = i
'''


def test_a_method_only_subclasses_define_is_dispatched_to_them(tmp_path: Path) -> None:
    tr, m, out = translate_module("stores/__init__.py", textwrap.dedent(ABSTRACT))
    # Store's own __setitem__ would reach MutableMapping's popitem: partial, with the reason, and a stub
    setitem = out["Store.__setitem__"]
    assert setitem.status == PARTIAL and "Store does not define `popitem`" in (setitem.error or ""), setitem.error
    assert "for len(s.Data) >= s.Limit {\n\t\tself.Popitem()" in setitem.go or "self.Popitem()" in setitem.go, setitem.go
    assert "type storeDispatch interface {" in out["Store"].go and "\tPopitem() (string, int)\n" in out["Store"].go
    assert 'panic(pyRaise("NotImplementedError", "Store does not define `popitem`' in out["Store"].go
    # each subclass's own runs Store's body with itself as self, so its popitem is the one called
    for name in ("Newest.__setitem__", "Oldest.__setitem__", "Newest.popitem", "Oldest.popitem", "fill"):
        assert out[name].status == CONVERTED, (name, out[name].error)
    assert "virtualStoreSetItem(&n.Store, n, key, value)" in out["Newest.__setitem__"].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_a_method_only_subclasses_define_is_checked_against_python(tmp_path: Path) -> None:
    repo = traced_and_converted(tmp_path, "stores", ABSTRACT, ABSTRACT_RUN)
    got = {i.split("::")[1]: r for i, r in check_package(repo, "stores").items()}
    for name in ("fill", "Oldest.__setitem__"):
        assert got[name]["status"] == "pass", (name, got[name])
    # the body handed the embedded Store as self would reach the stub: the check sees it
    replace_go(repo, "stores/__init__.py::Newest.__setitem__", "virtualStoreSetItem(&n.Store, n, key, value)", "virtualStoreSetItem(&n.Store, &n.Store, key, value)")
    again = {i.split("::")[1]: r for i, r in check_package(repo, "stores").items()}
    assert again["fill"]["status"] == "diverged", again["fill"]
