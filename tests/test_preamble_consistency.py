"""Module constants on the branch, as the units that use them expect them (gotui/vcs/publish.py
module_preamble_for, gotui/golang/assemble.py): found on idna 3.10, tried as a new user, where the whole
package failed to build and every unit was `build_failed`.

* A module that holds only constants (idna's idnadata.py: tables, no function) has no unit, so its
  constants were never declared and the code that imports it did not build.
* With traces, a unit's Go follows the traced types while the module constants were translated from
  the source alone: a constant built from two of idna's `_seg_N()` tables concatenated one slice of
  `Tuple2` (the trace's type) with one of `any` (the annotation's union), which Go refuses.
* The tracer typed a long list by its first 20 items only, and a long tuple as the 20-tuple of its first
  items; it now looks at items spread over all of it.
"""

from __future__ import annotations

import subprocess
import sys

from gotui.evidence import _tracer

from test_rules_support import check_package, converted_package, traced_package

GOTUI = [sys.executable, "-m", "gotui.cli"]

DATA = '''
NAMES = {"alpha": 1, "beta": 2}
ORDER = ("alpha", "beta")
'''

CORE = '''
from . import data


def rank(name: str) -> int:
    return data.NAMES.get(name, 0)


def first() -> str:
    return data.ORDER[0]
'''


def test_a_module_of_constants_only_is_declared_for_the_code_that_imports_it(tmp_path):
    repo = converted_package(tmp_path, "tables", CORE, module="core.py", siblings={"data.py": DATA, "__init__.py": ""})
    results = check_package(repo, "tables")
    for unit in ("tables/core.py::rank", "tables/core.py::first"):
        assert results[unit]["status"] == "pass", results[unit]
    for args in (["accept", "--all"], ["commit"]):
        proc = subprocess.run([*GOTUI, *args], cwd=repo, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
    files = subprocess.run(["git", "ls-tree", "-r", "--name-only", "gotui/migration"], cwd=repo, capture_output=True, text=True).stdout.split()
    data_go = next(f for f in files if f.endswith("data.go"))
    text = subprocess.run(["git", "show", f"gotui/migration:{data_go}"], cwd=repo, capture_output=True, text=True).stdout
    assert "var Names = map[string]int{" in text, text


SEGMENTS = '''
from typing import List, Tuple, Union

Row = Union[Tuple[int, str], Tuple[int, str, str]]


def _seg_0() -> List[Row]:
    return [(1, "a"), (2, "b")]


def _seg_1() -> List[Row]:
    return [(3, "c"), (4, "M", "d")]


TABLE = tuple(_seg_0() + _seg_1())


def size() -> int:
    return len(TABLE)


def code(i: int) -> int:
    return _seg_0()[i][0]
'''

RUN = '''
import segs
segs._seg_0(); segs._seg_1(); segs.size(); segs.code(1)
'''


def test_with_traces_the_constants_are_declared_as_the_traced_units_return_them(tmp_path):
    repo = traced_package(tmp_path, "segs", SEGMENTS, RUN)
    proc = subprocess.run([*GOTUI, "convert", "segs", "--backend", "rules", "-q"], cwd=repo, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    results = check_package(repo, "segs")
    # the trace saw _seg_0 give pairs only: its Go returns []Tuple2[int, string], and _seg_1's []any
    assert results["segs/__init__.py::code"]["status"] == "pass", results["segs/__init__.py::code"]
    assert not [r for r in results.values() if r["status"] == "build_failed"], results


def test_the_tracer_types_a_long_list_by_items_spread_over_all_of_it():
    rows = [(1, "a")] * 60 + [(1, "a", "b")] * 40
    assert _tracer._type_name(rows) == "list[Any]"
    assert _tracer._type_name([(1, "a")] * 100) == "list[tuple[int, str]]"
    assert len(list(_tracer._spread(list(range(1000))))) == _tracer.MAX_ITEMS
    assert list(_tracer._spread([1, 2, 3])) == [1, 2, 3]
    # a tuple past 20 items is a table (wcwidth's ranges), typed by its items, not cut to a 20-tuple
    assert _tracer._type_name(tuple((i, i + 1) for i in range(300))) == "tuple[tuple[int, int], ...]"
    assert _tracer._type_name(("a",) * 19) == "tuple[" + ", ".join(["str"] * 19) + "]"
