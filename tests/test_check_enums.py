"""`gotui check` with enums of the package (`class Unit(Enum)` with int or str members): a parameter or
result of that type is a member on both sides (Python's `Unit.HOURS`, Go's package variable
`UnitHours`), and a method of the enum is called on each member. With no other argument those are
every input there is, so one answer on all of them is a verdict too."""

from __future__ import annotations

from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from test_rules_support import check_package, converted_package, replace_go

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
