"""What a class's methods store in the fields its __init__ leaves empty, and the idioms around them
that real caches use (cachetools' LFU links and RR index; docs/offline-translator.md, "Fields typed by
their stores").

- `self.links = {}` typed by `self.links[key] = link`, where `link` is a local set only from
  `Ring._Link(1)` or an attribute read; `self.index[key] = len(self.order)`; a nested class's
  OrderedDict typed by what the outer class stores through a local of that class (`link.keys[key] = None`).
- chained stores into attribute chains (`root.next = link.next.prev = link`), one Go statement each.
- `del self[key]` as the class's own `__delitem__`, `del xs[:]` as `xs.clear()`.
- an override takes the values of several types its base's parameter takes, though its own trace saw
  fewer; a key of one type passed beside a map of `any` keys is `any(key)` for the generic helper.
- a 1-tuple key (`(1,)`) a traced receiver holds is written as the helpers' `Tuple1` for `gotui check`.
- a local that holds a field's list and is read after the field may have grown or shrunk is refused:
  Go's copy of the slice header would keep the old length (`gotui check` found this on a real shape).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Generic, TypeVar

import pytest

from gotui.evidence._tracer import _state
from gotui.golang.toolchain import find_toolchain
from gotui.llm.base import CONVERTED, PARTIAL
from gotui.session.store import Session
from test_rules_support import build_and_vet, check_package, replace_go, traced_package, translate_module

RING = 'import collections\n\n\nclass Ring:\n    class _Link:\n        def __init__(self, count: int):\n            self.count = count\n            self.keys = collections.OrderedDict()\n            self.next = self\n            self.prev = self\n\n    def __init__(self) -> None:\n        self.root = Ring._Link(0)\n        self.links = {}\n        self.index = {}\n        self.order = []\n\n    def add(self, key: str) -> None:\n        root = self.root\n        link = root.next\n        if link.count != 1:\n            link = Ring._Link(1)\n            link.next = root.next\n            root.next = link.next.prev = link\n            link.prev = root\n        link.keys[key] = None\n        self.links[key] = link\n        self.index[key] = len(self.order)\n        self.order.append(key)\n\n    def drop(self, key: str) -> int:\n        link = self.links.pop(key)\n        del link.keys[key]\n        return self.index.pop(key)\n\n    def clear(self) -> None:\n        del self.order[:]\n        self.index.clear()\n'

ALIAS = 'class Bag:\n    def __init__(self) -> None:\n        self.items: list[int] = []\n\n    def push(self, x: int) -> None:\n        self.items.append(x)\n\n    def pop_last(self) -> None:\n        self.items.pop()\n\n    def direct(self, x: int) -> int:\n        a = self.items\n        self.items.append(x)\n        return len(a)\n\n    def via_method(self) -> int:\n        a = self.items\n        self.pop_last()\n        return len(a)\n'

STACK = 'class Table:\n    def __init__(self, maxsize):\n        self.__data = {}\n        self.__maxsize = maxsize\n\n    def __getitem__(self, key):\n        return self.__data[key]\n\n    def __setitem__(self, key, value):\n        if len(self.__data) >= self.__maxsize and key not in self.__data:\n            raise ValueError("full")\n        self.__data[key] = value\n\n    def __delitem__(self, key):\n        del self.__data[key]\n\n    def __len__(self):\n        return len(self.__data)\n\n\nclass Stack(Table):\n    def __init__(self, maxsize):\n        Table.__init__(self, maxsize)\n        self.__index = {}\n        self.__keys = []\n\n    def __setitem__(self, key, value, table_setitem=Table.__setitem__):\n        table_setitem(self, key, value)\n        if key not in self.__index:\n            self.__index[key] = len(self.__keys)\n            self.__keys.append(key)\n\n    def __delitem__(self, key, table_delitem=Table.__delitem__):\n        table_delitem(self, key)\n        index = self.__index.pop(key)\n        if index != len(self.__keys) - 1:\n            last = self.__keys[-1]\n            self.__keys[index] = last\n            self.__index[last] = index\n        self.__keys.pop()\n\n    def drop_last(self):\n        keys = self.__keys\n        if not keys:\n            raise KeyError("empty")\n        key = keys[-1]\n        del self[key]\n        return key\n\n    def clear(self):\n        for key in list(self.__keys):\n            Table.__delitem__(self, key)\n        self.__index.clear()\n        del self.__keys[:]\n'

STACK_RUN = 'from pkg import Stack, Table\n\nfor n in range(1, 6):\n    t = Table(10)\n    t[n] = n\n    t[(n, "k")] = "v"\n    t[(n,)] = -n\n    t[(n,)]\n    t[(n, "k")]\n    del t[n]\n    len(t)\n    s = Stack(20)\n    for i in range(n + 2):\n        s[i] = i * i\n        s[(i, "t")] = "v%d" % i\n    del s[0]\n    del s[n]\n    s.drop_last()\n    len(s)\n    if n % 2:\n        s.clear()\n'


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_fields_typed_by_what_methods_store_build(tmp_path: Path) -> None:
    tr, m, got = translate_module("ring.py", RING)
    for name in ("Ring", "Ring._Link", "Ring.add", "Ring.drop", "Ring.clear"):
        assert got[name].status == CONVERTED, (name, got[name].error, got[name].go)
    assert "Links map[string]*Link" in got["Ring"].go and "Index map[string]int" in got["Ring"].go
    assert "Order []string" in got["Ring"].go
    assert "Keys  *pyODict[string, struct{}]" in got["Ring._Link"].go  # typed by Ring.add's `link.keys[key] = None`
    add = got["Ring.add"].go
    # `root.next = link.next.prev = link`: the value once, then each target in Python's order
    assert "chain1 := link\n\t\troot.Next = chain1\n\t\tlink.Next.Prev = chain1" in add, add
    assert "r.Order = r.Order[:0]" in got["Ring.clear"].go  # `del self.order[:]`
    build_and_vet(tmp_path, tr, [m], [t.go for t in got.values()])


def test_a_local_holding_a_field_list_read_after_it_may_change_is_refused() -> None:
    got = translate_module("alias.py", ALIAS)[2]
    for name, why in (("Bag.direct", "`self.items.append()`"), ("Bag.via_method", "`self.pop_last(...)` (it gets `self`)")):
        assert got[name].status == PARTIAL, got[name].go
        assert f"`a` holds the list `self.items` and is read after {why}" in got[name].error, got[name].error
    assert got["Bag.push"].status == CONVERTED


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_a_subclass_of_a_table_of_several_key_types_converts_and_checks(tmp_path: Path) -> None:
    repo = traced_package(tmp_path, "pkg", STACK, STACK_RUN)
    conv = subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "pkg", "--backend", "rules", "-q", "--json"],
                          cwd=repo, capture_output=True, text=True)
    units = {u["id"].split("::")[1]: u for u in json.loads(conv.stdout)}
    for name in ("Stack", "Stack.__setitem__", "Stack.__delitem__", "Stack.drop_last", "Stack.clear"):
        assert units[name]["status"] == "converted", (name, units[name])
    go = {u.id.split("::")[1]: u.go for u in Session(repo / ".gotui").units()}
    assert "index_ map[any]int" in go["Stack"] and "keys_  []any" in go["Stack"]
    # the trace saw only int keys deleted from a Stack, but Table.__delitem__ takes tuples too
    assert "func (s *Stack) DelItem(key any)" in go["Stack.__delitem__"]
    assert "last := s.keys_[len(s.keys_)-1]" in go["Stack.__delitem__"]  # a local carrying `any`
    assert "s.DelItem(key)" in go["Stack.drop_last"]  # `del self[key]`
    results = check_package(repo, "pkg")
    # the traced tables hold 1-tuple keys (`(1,)`): written as the helpers' Tuple1 in an `any`
    assert results["pkg/__init__.py::Table.__getitem__"]["status"] == "pass", results["pkg/__init__.py::Table.__getitem__"]
    assert "traced" in results["pkg/__init__.py::Table.__getitem__"]["detail"]
    for name in ("Stack.__setitem__", "Stack.__delitem__", "Stack.clear"):
        assert results[f"pkg/__init__.py::{name}"]["status"] == "pass", results[f"pkg/__init__.py::{name}"]
    replace_go(repo, "pkg/__init__.py::Stack.__delitem__", "s.index_[last] = index", "s.index_[last] = index + 1")
    assert check_package(repo, "pkg")["pkg/__init__.py::Stack.__delitem__"]["status"] == "diverged"


def test_a_traced_receiver_of_a_subscripted_generic_class_has_no_orig_class() -> None:
    # cachetools' tests build `RRCache[int, int](...)`: typing keeps the alias on the instance, which is
    # no state of it, and a Go struct has no field for it
    box = _Box[int](3)
    assert "__orig_class__" in vars(box)
    assert set(_state(box)["attrs"]) == {"v"}


_T = TypeVar("_T")


class _Box(Generic[_T]):
    def __init__(self, v: _T) -> None:
        self.v = v
