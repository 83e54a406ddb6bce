"""`gotui check` with enums of the package (`class Unit(Enum)` with int or str members): a parameter or
result of that type is a member on both sides (Python's `Unit.HOURS`, Go's package variable
`UnitHours`), and a method of the enum is called on each member. With no other argument those are
every input there is, so one answer on all of them is a verdict too."""

from __future__ import annotations

import enum
import subprocess
import sys
from pathlib import Path

import pytest

from gotui.evidence._tracer import _safe
from gotui.golang.toolchain import find_toolchain
from gotui.verify._sandbox_child import Member, decode, encode
from gotui.verify.difftest import GoType, go_literal
from gotui.verify.replay import untraced
from test_rules_support import check_package, converted_package, replace_go, traced_package

pytestmark = pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")

SOURCE = '''
from enum import Enum


class Unit(Enum):
    SECONDS = 0
    MINUTES = 1
    HOURS = 2

    def doubled(self, n: int) -> int:
        return self.value * 2 + n

    def coarsest(self) -> "Unit":
        return Unit.HOURS if self is not Unit.SECONDS else self


def coarser(a: Unit, b: Unit) -> Unit:
    return a if a.value > b.value else b


def label(u: Unit) -> str:
    return u.name.lower() + "/" + str(u.value)


def finer_than(u: Unit) -> list[Unit]:
    return [m for m in Unit if m.value < u.value]


def first_free(u: Unit, taken: list[Unit]) -> Unit:
    """humanize's `_suitable_minimum_unit`: members inside a list are members in the sandbox too."""
    if u in taken:
        for m in Unit:
            if m.value > u.value and m not in taken:
                return m
        raise ValueError("none free")
    return u
'''


def test_enum_parameters_results_and_receivers_are_compared(tmp_path: Path) -> None:
    repo = converted_package(tmp_path, "units", SOURCE)
    got = {i.split("::")[1]: r for i, r in check_package(repo, "units").items()}
    for name in ("coarser", "label", "finer_than", "first_free", "Unit.doubled", "Unit.coarsest"):
        assert got[name]["status"] == "pass", (name, got[name])
    assert "receivers: the members of Unit" in got["Unit.doubled"]["detail"]
    # wrong Go on some member is found: a result, a receiver, a list of members
    replace_go(repo, "units/__init__.py::coarser", "if a.Value > b.Value", "if a.Value >= b.Value+1")  # same
    replace_go(repo, "units/__init__.py::Unit.coarsest", "v = UnitHours", "v = UnitMinutes")
    replace_go(repo, "units/__init__.py::finer_than", "m.Value < u.Value", "m.Value <= u.Value")
    again = {i.split("::")[1]: r for i, r in check_package(repo, "units").items()}
    assert again["coarser"]["status"] == "pass"  # the same thing written otherwise
    assert again["Unit.coarsest"]["status"] == "diverged", again["Unit.coarsest"]
    assert again["finer_than"]["status"] == "diverged", again["finer_than"]


ORDERED = '''
from enum import Enum
from functools import total_ordering
from typing import Any


@total_ordering
class Level(Enum):
    LOW = 1
    MID = 2
    HIGH = 3

    def __lt__(self, other: Any) -> Any:
        if self.__class__ is other.__class__:
            return self.value < other.value
        return NotImplemented


def highest(levels: list[Level]) -> Level:
    return max(levels, key=lambda lv: lv.value)
'''

ORDERED_RUN = '''
from levels import Level, highest
for a in Level:
    for b in Level:
        a < b
highest([Level.LOW, Level.HIGH, Level.MID])
'''


def test_an_ordered_enums_comparison_is_compared_as_its_operator(tmp_path: Path) -> None:
    """`Level.LOW < Level.HIGH` on each member and the traced members (the tracer keeps a member by its class
    and name); on a value of another type Python's `<` raises TypeError, as the Go does, where calling
    `__lt__` directly would only return NotImplemented."""
    repo = traced_package(tmp_path, "levels", ORDERED, ORDERED_RUN)
    subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "levels", "--backend", "rules", "-q"], cwd=repo, check=True, capture_output=True)
    got = check_package(repo, "levels")
    lt = got["levels/__init__.py::Level.__lt__"]
    assert lt["status"] == "pass" and "receivers: the members of Level" in lt["detail"], lt
    replace_go(repo, "levels/__init__.py::Level.__lt__", "return l.Value < otherLevel.Value", "return l.Value <= otherLevel.Value")
    assert check_package(repo, "levels")["levels/__init__.py::Level.__lt__"]["status"] == "diverged"


def test_a_member_travels_by_its_class_and_name() -> None:
    class Colour(enum.Enum):
        DARK_RED = 1

    class Size(enum.IntEnum):  # an int in Python: not a member the checker writes as one
        BIG = 2

    assert _safe(Colour.DARK_RED) == {"__enum__": ["Colour", "DARK_RED"]}
    assert untraced(_safe(Colour.DARK_RED)) == Member("Colour", "DARK_RED")
    assert _safe(Size.BIG) == {"__type__": "Size"}
    assert decode(encode(Colour.DARK_RED)) == Member("Colour", "DARK_RED")
    ptr = GoType("ptr", "*Colour", elem=GoType("other", "Colour"))
    assert go_literal(Member("Colour", "DARK_RED"), ptr) == "ColourDarkRed"
