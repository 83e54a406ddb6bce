"""More webcolors idioms, each of which kept a unit partial:

- `PercentRGB._make(f(d) for d in triplet)`: a NamedTuple built from an iterable. Translated when the
  iterable's length is known to be the number of fields (a generator or `map()` over a NamedTuple or
  tuple of that many items, a display); otherwise Python raises TypeError where Go would not, so it
  stays a TODO that says so.
- iterating a NamedTuple (`for d in IntegerRGB(...)`): its fields in order, all of one type.
- `def _get_name_to_hex_map(spec: str) -> dict:`: a bare container annotation is `dict[Any, Any]`;
  the trace saw `dict[str, str]`, and the evidence fills the annotation in with it (the translator's
  signature and check's inputs both), so the unit and its callers convert and are compared.

On webcolors these took the converted units from 16 to 21 of 28, and those with a verdict from 11 to 14.
`gotui check` builds a NamedTuple or a plain @dataclass by the `__init__` its fields give it, so their
class units (and methods) are compared too (webcolors' three NamedTuples were `untested`: "no __init__").
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gotui.evidence.model import ANY, TypeEvidence, UnitEvidence, fill_any, has_any
from gotui.llm.base import CONVERTED
from gotui.session.store import Session
from test_rules_support import build_and_vet, check_package, converted_package, replace_go, translate_module, traced_package

SOURCE = '''
from typing import NamedTuple


class RGB(NamedTuple):
    red: int
    green: int
    blue: int


class Percent(NamedTuple):
    red: str
    green: str
    blue: str


def grey(level: int) -> RGB:
    return RGB(level, level, level)


def to_percent(level: int) -> Percent:
    return Percent._make(f"{d * 100 // 255}%" for d in grey(level))


def halves(level: int) -> RGB:
    return RGB._make(map(lambda v: v // 2, grey(level)))


def brightest(c: RGB) -> int:
    best = 0
    for v in c:
        best = max(best, v)
    return best


def from_list(xs: list[int]) -> RGB:
    return RGB._make(xs)


def to_hex(level: int) -> str:
    red, green, blue = grey(level)
    return f"#{red:02x}{green:02x}{blue:02x}"


def spread(c: RGB) -> int:
    lo, mid, hi = c
    return hi - lo + mid
'''


def test_make_and_iteration_translate(tmp_path: Path) -> None:
    tr, m, out = translate_module("pkg/colors.py", SOURCE)
    for name in ("to_percent", "halves", "brightest", "to_hex", "spread"):
        assert out[name].status == CONVERTED, (name, out[name].error, out[name].go)
    # unpacking a NamedTuple: its fields in order, a call's result held once
    assert "t := Grey(level)\n\tred, green, blue := t.Red, t.Green, t.Blue" in out["to_hex"].go
    assert "lo, mid, hi := c.Red, c.Green, c.Blue" in out["spread"].go
    # the NamedTuple is taken once, its fields in order
    assert "return []int{v.Red, v.Green, v.Blue}" in out["brightest"].go
    assert "NewPercent(items[0], items[1], items[2])" in out["to_percent"].go
    # a list's length is not known: Python raises TypeError for one of another length, Go would not
    assert out["from_list"].status != CONVERTED and "not known to hold 3 items" in out["from_list"].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values() if t.status == CONVERTED])


def test_fill_any() -> None:
    d = ("dict", ANY, ANY)
    assert has_any(d) and not has_any(ANY) and not has_any(("dict", "str", "int"))
    assert fill_any(d, ("dict", "str", ("list", "int"))) == ("dict", "str", ("list", "int"))
    assert fill_any(("dict", "str", ANY), ("dict", "int", "int")) is None  # the trace saw other keys
    assert fill_any(("list", ANY), ("set", "int")) is None
    assert fill_any(("tuple", (ANY, "int")), ("tuple", ("str", "int"))) == ("tuple", ("str", "int"))
    ev = UnitEvidence(["spec"])
    ev.add("return", TypeEvidence("dict[Any, Any]", "annotation", "line 3"))
    assert ev.best("return").type == "dict[Any, Any]"  # nothing traced: the annotation stands
    ev.add("return", TypeEvidence("dict[str, str]", "trace", "7 calls"))
    best = ev.best("return")
    assert (best.type, best.source) == ("dict[str, str]", "trace") and "filled in" in best.detail
    # a trace that saw another container leaves the annotation as it was
    other = UnitEvidence(["spec"])
    other.add("return", TypeEvidence("dict[Any, Any]", "annotation", "line 3"))
    other.add("return", TypeEvidence("list[str]", "trace", "7 calls"))
    assert (other.best("return").type, other.best("return").source) == ("dict[Any, Any]", "annotation")


BARE = '''
_NAMES = {"css3": {"white": "#ffffff", "navy": "#000080"}}


def name_map(spec: str) -> dict:
    if spec not in _NAMES:
        raise ValueError(spec)
    return _NAMES[spec]


def name_to_hex(name: str, spec: str = "css3") -> str:
    found = name_map(spec).get(name.lower())
    if found is None:
        raise ValueError(name)
    return found
'''

RUN = '''
import pkg
for n in ("white", "navy", "WHITE"):
    pkg.name_to_hex(n)
'''


def test_a_bare_dict_annotation_filled_in_by_the_trace(tmp_path: Path) -> None:
    repo = traced_package(tmp_path, "pkg", BARE, RUN)
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "pkg", "--backend", "rules", "-q"], cwd=repo, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    results = check_package(repo, "pkg")
    for unit in ("name_map", "name_to_hex"):
        assert results[f"pkg/__init__.py::{unit}"]["status"] == "pass", results[f"pkg/__init__.py::{unit}"]
    replace_go(repo, "pkg/__init__.py::name_to_hex", "pyLower(name)", "name")
    assert check_package(repo, "pkg")["pkg/__init__.py::name_to_hex"]["status"] == "diverged"


DATA = '''
from dataclasses import dataclass


@dataclass
class Box:
    width: int
    height: int = 1

    def area(self) -> int:
        return self.width * self.height
'''


def test_namedtuple_and_dataclass_units_are_built_by_their_generated_init(tmp_path: Path) -> None:
    repo = converted_package(tmp_path, "pkg", SOURCE + DATA)
    results = check_package(repo, "pkg")
    # the class units: built by the __init__ their fields give, compared by their attributes
    for unit in ("RGB", "Percent", "Box", "to_percent", "halves", "Box.area"):
        assert results[f"pkg/__init__.py::{unit}"]["status"] == "pass", results[f"pkg/__init__.py::{unit}"]
    assert "built by RGB(...)" in results["pkg/__init__.py::RGB"]["detail"]
    replace_go(repo, "pkg/__init__.py::halves", "pyFloorDiv(v, 2)", "pyFloorDiv(v, 3)")
    assert check_package(repo, "pkg")["pkg/__init__.py::halves"]["status"] == "diverged"


def test_a_zero_padded_precision_is_written_as_a_decimal() -> None:
    """webcolors writes `f"{d / 255.0 * 100:.02f}%"`: precision 2, which Go would read as an octal 02
    (the same number, but not what a reviewer expects to see; `.08f` would not even compile)."""
    _, _, out = translate_module("pkg/f.py", 'def f(d: float) -> str:\n    return f"{d:.02f}% {d:,.08f}"\n')
    assert "pyFloatFixed(d, 2)" in out["f"].go and "pyFloatFixed(d, 8)" in out["f"].go, out["f"].go


UNION = '''
import typing
from typing import NamedTuple


class RGB(NamedTuple):
    red: int
    green: int
    blue: int


class Simple(NamedTuple):
    red: int
    green: int
    blue: int


Triplet = typing.Union[RGB, Simple, typing.Tuple[int, int, int]]


def _clamp(v: int) -> int:
    return 0 if v < 0 else 255 if v > 255 else v


def normalize(triplet: Triplet) -> RGB:
    return RGB._make(_clamp(v) for v in triplet)


def to_hex(triplet: Triplet) -> str:
    red, green, blue = normalize(triplet)
    return f"#{red:02x}{green:02x}{blue:02x}"


def brightness(c: RGB) -> int:
    return c.red + c.green + c.blue


def serialize(triplet: Triplet) -> str:
    red, green, blue = triplet
    return f"#{red:02x}{green:02x}{blue:02x}"


def pair(triplet: Triplet) -> int:
    first, second = triplet
    return first + second
'''

UNION_RUN = '''
import pkg
for t in (pkg.RGB(1, 300, -4), pkg.Simple(9, 9, 9), (255, 0, 17)):
    pkg.to_hex(t)
    pkg.serialize(t)
pkg.brightness(pkg.RGB(1, 2, 3))
'''


def test_a_union_of_namedtuples_and_tuples_is_iterated_by_a_type_switch_and_checked(tmp_path: Path) -> None:
    # the union `Triplet` is Go's `any`; iterating it is a type switch over its three members, and check
    # builds each member as the Go holds it (NewRGB(...), NewSimple(...), Tuple3[int, int, int]{...})
    repo = traced_package(tmp_path, "pkg", UNION, UNION_RUN)
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "pkg", "--backend", "rules", "-q"], cwd=repo, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    got = check_package(repo, "pkg")
    for unit in ("normalize", "to_hex", "brightness", "serialize"):
        assert got[f"pkg/__init__.py::{unit}"]["status"] == "pass", got[f"pkg/__init__.py::{unit}"]
    # unpacked as it is iterated; into two names Python raises ValueError on every member: refused
    pair = next(u for u in Session(repo / ".gotui").units() if u.id == "pkg/__init__.py::pair")
    assert pair.status != CONVERTED and "3-item tuples into 2 names" in (pair.error or ""), pair.error
    assert "traced call" in got["pkg/__init__.py::to_hex"]["detail"]  # the traced NamedTuples are replayed
    replace_go(repo, "pkg/__init__.py::normalize", "return []int{x.F0, x.F1, x.F2}", "return []int{x.F0, x.F2, x.F1}")
    replace_go(repo, "pkg/__init__.py::serialize", "red, green, blue := parts[0], parts[1], parts[2]", "red, green, blue := parts[0], parts[2], parts[1]")
    got = check_package(repo, "pkg")
    assert got["pkg/__init__.py::normalize"]["status"] == "diverged"
    assert got["pkg/__init__.py::serialize"]["status"] == "diverged"
