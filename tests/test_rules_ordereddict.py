"""collections.OrderedDict, as caches and older code bases use it (cachetools keeps each LRU and FIFO
cache's order in one; before Python 3.7 it was the only ordered dict).

A Go map has no order, so it becomes the helpers' `*pyODict[K, V]` (gohelpers/odict.go): a map plus a
ring of keys. What is lowered keeps Python's semantics: a new key goes last, `move_to_end` moves one to
either end, `popitem(last=False)` takes the first, iteration is in order, a missing key raises KeyError
(a panic, or the error a `try` catches), `next(iter(d))` of an empty one raises StopIteration. An
OrderedDict of None values (an ordered set) holds `struct{}`. `gotui check` replays traced receivers that
hold one (the tracer keeps its pairs in order) and compares OrderedDicts by their pairs, in order.
"""

from __future__ import annotations

import collections
import json
import subprocess
import sys
from pathlib import Path

from gotui.evidence._tracer import _safe, _type_name
from gotui.llm.base import CONVERTED
from gotui.verify._sandbox_child import decode, encode
from gotui.verify.difftest import GoType, go_literal
from test_rules_support import build_and_vet, check_package, replace_go, translate_module, traced_package

SOURCE = '''
import collections
from collections import OrderedDict


class Recent:
    def __init__(self, size: int) -> None:
        self.size = size
        self.order = collections.OrderedDict()

    def touch(self, key: str) -> None:
        if key in self.order:
            self.order.move_to_end(key)
        else:
            self.order[key] = None
        while len(self.order) > self.size:
            self.order.popitem(last=False)

    def oldest(self) -> str:
        try:
            return next(iter(self.order))
        except StopIteration:
            raise KeyError("empty") from None

    def newest_first(self) -> list[str]:
        out = []
        for k in self.order:
            out.insert(0, k)
        return out

    def reset(self) -> None:
        self.order.clear()

    def drop(self, key: str) -> bool:
        try:
            self.order.move_to_end(key, last=False)
        except KeyError:
            return False
        del self.order[key]
        return True


def tally(words: list[str]) -> list[str]:
    seen: "OrderedDict[str, int]" = OrderedDict()
    for w in words:
        seen[w] = seen.get(w, 0) + 1
    seen.move_to_end(words[0]) if words else None
    out = []
    for w, n in seen.items():
        out.append(f"{w}={n}")
    return out


def first_word(words: list[str]) -> str:
    seen = OrderedDict()
    for w in words:
        seen[w] = len(w)
    return next(iter(seen), "")
'''

RUN = '''
import pkg
r = pkg.Recent(3)
for k in "abcabdxa":
    r.touch(k)
    r.oldest()
    r.newest_first()
r.drop("x")
r.drop("q")
r.touch("b")
r.drop("a")
r.reset()
pkg.tally(["b", "a", "b", "c"])
pkg.first_word(["b", "a"])
'''


def test_it_translates_and_builds(tmp_path: Path) -> None:
    tr, m, out = translate_module("pkg/recent.py", SOURCE)
    for name, t in out.items():
        if name != "tally":  # a conditional expression as a statement: not this test's business
            assert t.status == CONVERTED, (name, t.error, t.go)
    go = "\n".join(t.go for t in out.values())
    assert "Order *pyODict[string, struct{}]" in go and "r.Order = pyNewODict[string, struct{}]()" in go
    assert "pyODMoveToEnd(r.Order, key, true)" in go and "r.Order.Set(key, struct{}{})" in go
    assert "pyODPopItem(r.Order, false)" in go and "for k := range r.Order.Keys()" in go
    assert "pyODMoveToEndErr(r.Order, key, false)" in go  # its KeyError is the handler's
    assert "pyODFirst(r.Order)" in go and "pyODFirstOr(seen, \"\")" in go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values() if t.status == CONVERTED])


def test_refused_where_go_would_differ() -> None:
    _, _, out = translate_module("pkg/od.py", '''
from collections import OrderedDict
from typing import Optional


def loop(d: "OrderedDict[str, int]") -> int:
    n = 0
    for k in d:
        d.move_to_end(k)
        n += 1
    return n


def values_of_a_set(keys: list[str]) -> bool:
    s = OrderedDict()
    for k in keys:
        s[k] = None
    return s[keys[0]] is None


def shown(d: "OrderedDict[str, int]") -> str:
    return repr(d)


def filled(d: "Optional[OrderedDict[str, int]]") -> bool:
    if d:
        return True
    return False
''')
    # None and an empty one are both false: nil, then its length
    assert "d != nil && d.Len() > 0" in out["filled"].go, out["filled"].go
    assert "changes the OrderedDict `d` while iterating" in out["loop"].go
    assert "OrderedDict of None values" in out["values_of_a_set"].go
    assert out["shown"].status != CONVERTED


def test_traced_and_checked(tmp_path: Path) -> None:
    repo = traced_package(tmp_path, "pkg", SOURCE, RUN)
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "pkg", "--backend", "rules", "-q"], cwd=repo, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    results = check_package(repo, "pkg")
    # reset() leaves every receiver empty: one answer, but not the state it found them in, so it tells
    # a Go method that does nothing from one that clears
    for unit in ("Recent.touch", "Recent.oldest", "Recent.newest_first", "Recent.drop", "Recent.reset", "first_word"):
        r = results[f"pkg/__init__.py::{unit}"]
        assert r["status"] == "pass", r
    assert "traced" in results["pkg/__init__.py::Recent.touch"]["detail"]
    # the order is compared: a cache that evicts the newest key instead of the oldest is seen
    replace_go(repo, "pkg/__init__.py::Recent.touch", "pyODPopItem(r.Order, false)", "pyODPopItem(r.Order, true)")
    replace_go(repo, "pkg/__init__.py::Recent.reset", "r.Order.Clear()", "_ = r.Order")
    after = check_package(repo, "pkg")
    assert after["pkg/__init__.py::Recent.touch"]["status"] == "diverged"
    assert after["pkg/__init__.py::Recent.reset"]["status"] == "diverged"


def test_the_pairs_travel_in_order() -> None:
    od = collections.OrderedDict([("b", 1), ("a", 2)])
    assert _safe(od) == {"__odict__": [["b", 1], ["a", 2]]}
    back = decode(encode(od))
    assert type(back) is collections.OrderedDict and list(back.items()) == [("b", 1), ("a", 2)]
    t = GoType("odict", "*pyODict[string, int]", key=GoType("string", "string"), elem=GoType("int", "int", bits=64))
    assert go_literal(od, t) == 'pyODictOf[string, int](Tuple2[string, int]{F0: "b", F1: 1}, Tuple2[string, int]{F0: "a", F1: 2})'
    assert go_literal(None, t) == "nil"


SUBCLASS = '''
import collections


class Counted:
    def __init__(self, n: int) -> None:
        self.__count = n

    def count(self) -> int:
        return self.__count

    def bump(self) -> None:
        self.__count += 1


class Tracked(Counted):
    def __init__(self, n: int) -> None:
        Counted.__init__(self, n)
        self.__seen = collections.OrderedDict()

    def see(self, key: str) -> None:
        Counted.bump(self)
        self.__seen[key] = None
        self.__seen.move_to_end(key, last=False)

    def first_seen(self) -> str:
        return next(iter(self.__seen), "")
'''

SUBCLASS_RUN = '''
import pkg
t = pkg.Tracked(3)
for k in "abcab":
    t.see(k)
    t.first_seen()
'''


def test_a_subclass_receiver_holds_its_base_fields(tmp_path: Path) -> None:
    """A traced subclass receiver holds its base's attributes (`_Counted__count`): the Go literal puts them
    in the embedded base struct, read from the base class unit's Go."""
    repo = traced_package(tmp_path, "pkg", SUBCLASS, SUBCLASS_RUN)
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "pkg", "--backend", "rules", "-q"], cwd=repo, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    results = check_package(repo, "pkg")
    for unit in ("Tracked.see", "Tracked.first_seen"):
        r = results[f"pkg/__init__.py::{unit}"]
        assert r["status"] == "pass" and "traced" in r["detail"], r
    replace_go(repo, "pkg/__init__.py::Tracked.see", "pyODMoveToEnd(t.seen_, key, false)", "pyODMoveToEnd(t.seen_, key, true)")
    assert check_package(repo, "pkg")["pkg/__init__.py::Tracked.see"]["status"] == "diverged"


VIEWS = '''
from collections import OrderedDict


def snapshot(words: list[str]) -> list[str]:
    d: "OrderedDict[str, int]" = OrderedDict()
    for w in words:
        d[w] = len(w)
    return list(d)


def lengths(words: list[str]) -> list[int]:
    d: "OrderedDict[str, int]" = OrderedDict()
    for w in words:
        d[w] = len(w)
    return list(d.values())


def names(words: list[str]) -> list[str]:
    d: "OrderedDict[str, int]" = OrderedDict()
    for w in words:
        d[w] = len(w)
    return list(d.keys())


def take(words: list[str], key: str) -> int:
    d: "OrderedDict[str, int]" = OrderedDict()
    for w in words:
        d[w] = len(w)
    return d.pop(key, -1) + len(d)
'''


def test_views_and_pop_with_a_default(tmp_path: Path) -> None:
    tr, m, out = translate_module("pkg/views.py", VIEWS)
    assert "slices.Collect(d.Keys())" in out["snapshot"].go, out["snapshot"].go
    assert "slices.Collect(d.Values())" in out["lengths"].go, out["lengths"].go
    assert "slices.Collect(d.Keys())" in out["names"].go, out["names"].go
    assert all(t.status == CONVERTED for t in out.values()), {k: t.error for k, t in out.items()}
    assert "pyODPopOr(d, key, -1)" in out["take"].go, out["take"].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values() if t.status == CONVERTED])


TAKES = '''
def oldest_two(order):
    out = []
    for k in order:
        if len(out) == 2:
            break
        out.append(k)
    return out
'''

TAKES_RUN = '''
import collections
import pkg
pkg.oldest_two(collections.OrderedDict([("b", 1), ("a", 2), ("c", 3)]))
pkg.oldest_two(collections.OrderedDict([("x", 5)]))
'''


def test_a_traced_ordereddict_parameter_is_typed_as_one(tmp_path: Path) -> None:
    """The tracer names an OrderedDict by its own name (`OrderedDict[str, int]`, not `dict`), so an
    unannotated parameter that receives one becomes a `*pyODict` and keeps its order."""
    assert _type_name(collections.OrderedDict([("a", 1)])) == "OrderedDict[str, int]"
    assert _type_name({"a": 1}) == "dict[str, int]"
    repo = traced_package(tmp_path, "pkg", TAKES, TAKES_RUN)
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "pkg", "--backend", "rules", "--json"], cwd=repo,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    unit = next(u for u in json.loads(proc.stdout) if u["id"] == "pkg/__init__.py::oldest_two")
    assert unit["status"] == "converted", unit
