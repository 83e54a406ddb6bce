"""A field whose type __init__ does not tell is typed from the states of `self` that the trace copied
(evidence/fields.py): the methods that use it convert, and `gotui check` compares them on the traced
receivers. States that disagree (an int in one, a float in another), or containers always empty, type
nothing: the field stays `any`, and what uses it a TODO."""

from __future__ import annotations

from pathlib import Path

from gotui.evidence.fields import term_of_traced, traced_field_types
from gotui.llm.base import CONVERTED
from gotui.session.store import Session
from test_rules_support import check_package, replace_go, traced_and_converted

SOURCE = '''
import collections


class Tally:
    def __init__(self, pairs):
        self._counts = dict(collections.Counter(pairs))
        self._scale = pairs[0] if pairs else 0

    def count(self, word):
        return self._counts.get(word, 0)

    def total(self):
        n = 0
        for v in self._counts.values():
            n += v
        return n

    def scaled(self):
        return self._scale * 2
'''

RUN = '''
import pkg
t = pkg.Tally(["a", "b", "a"])
t.count("a"); t.count("z"); t.total()
u = pkg.Tally([])
u.count("q"); u.total()
pkg.Tally(["x"]).scaled()
'''


def test_term_of_traced_values() -> None:
    assert term_of_traced({"__dict__": {"a": 1}}) == ("dict", "str", "int")
    assert term_of_traced({"__items__": [[1, "x"]]}) == ("dict", "int", "str")
    assert term_of_traced({"__tuple__": [1, "a"]}) == ("tuple", ("int", "str"))
    assert term_of_traced({"__type__": "set[int]"}) == ("set", "int")
    assert term_of_traced([]) == ("list", "?")
    assert term_of_traced({"__enum__": ["Unit", "HOURS"]}) == "Unit"  # a member, as the tracer keeps one


def test_field_types_agree_or_are_left_out() -> None:
    states = [{"self": {"__class__": "C", "attrs": {"_C__n": 1, "ratio": 1, "rows": [], "name": None}}},
              {"self": {"__class__": "C", "attrs": {"_C__n": 2, "ratio": 0.5, "rows": [], "name": "x"}}},
              {"args": {}}]
    got = traced_field_types("C", states)
    # the private name as the class spells it; int and float disagree; an always-empty list types nothing
    assert got == {"__n": "int", "name": "str | None"}


def test_fields_typed_from_the_trace_convert_and_are_checked(tmp_path: Path) -> None:
    repo = traced_and_converted(tmp_path, "pkg", SOURCE, RUN)
    units = {u.qualname: u for u in Session(repo / ".gotui").units()}
    assert units["Tally"].status != CONVERTED  # dict(collections.Counter(...)) stays Python
    assert "counts map[string]int" in units["Tally"].go and "_counts: typed from the trace" in units["Tally"].go
    # `_scale` was a str in two states and an int in another: nothing types it
    assert "scale  any" in units["Tally"].go and units["Tally.scaled"].status != CONVERTED
    for name in ("Tally.count", "Tally.total"):
        assert units[name].status == CONVERTED, (name, units[name].error)
    got = check_package(repo, "pkg")
    assert got["pkg/__init__.py::Tally.count"]["status"] == "pass", got["pkg/__init__.py::Tally.count"]
    assert got["pkg/__init__.py::Tally.total"]["status"] == "pass", got["pkg/__init__.py::Tally.total"]
    replace_go(repo, "pkg/__init__.py::Tally.total", "n += v", "n += v + 1")
    assert check_package(repo, "pkg")["pkg/__init__.py::Tally.total"]["status"] == "diverged"


SIZED = '''
class Cache:
    __size = None

    def __init__(self, sized: bool) -> None:
        if sized:
            self.__size = {}
        self.__data = {}

    def put(self, key, value: int) -> None:
        size = self.__size
        if size is not None:
            size[key] = value
        self.__data[key] = value

    def drop(self, key) -> int:
        size = self.__size
        if size is not None:
            size.pop(key)
            size.clear()
        return self.__data.pop(key)
'''

SIZED_RUN = '''
import pkg

sized = pkg.Cache(True)
for k in (1, 2, 3):
    sized.put(k, k * 10)
sized.drop(2)
sized.put(4, 40)
sized.drop(4)
plain = pkg.Cache(False)
for k in ((1, 2), (3,), 4):
    plain.put(k, 5)
plain.drop((3,))
plain.drop(4)
'''


def test_a_traced_dict_field_takes_the_keys_its_methods_index_it_by(tmp_path: Path) -> None:
    # the trace saw the sized cache's table with int keys only, but `key` with tuples too: the table's
    # keys are of several types (Go `map[any]int`), or a tuple key would not fit it
    repo = traced_and_converted(tmp_path, "pkg", SIZED, SIZED_RUN)
    units = {u.id.split("::")[1]: u for u in Session(repo / ".gotui").units()}
    assert "size_ *map[any]int" in units["Cache"].go, units["Cache"].go
    for name in ("Cache.put", "Cache.drop"):
        assert units[name].status == CONVERTED, (name, units[name].error)
    # a dict changed in place is still not None: `size.clear()` after `size.pop(key)` under `is not None`
    assert "clear(*size)" in units["Cache.drop"].go
    got = {i.split("::")[1]: r for i, r in check_package(repo, "pkg").items()}
    for name in ("Cache.put", "Cache.drop"):
        assert got[name]["status"] == "pass", (name, got[name])
