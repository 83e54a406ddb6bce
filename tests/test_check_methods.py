"""Methods are checked through a receiver their class's constructor builds from generated arguments:
Python `Temp(c, n).fahrenheit()` against Go `NewTemp(c, n).Fahrenheit()`. A method whose answer
cannot tell right from wrong that way (returns nothing, or every receiver answers alike) is
`untested` with the reason, never a `pass`."""

from __future__ import annotations

from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from gotui.session.project import Project
from test_rules_support import check_package, converted_package

pytestmark = pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")

TEMPS = '''class Temp:
    def __init__(self, celsius: float, name: str) -> None:
        self.celsius = celsius
        self.name = name

    def fahrenheit(self) -> float:
        return self.celsius * 9 / 5 + 32

    def label(self, width: int) -> str:
        return self.name[:width] + ":" + str(round(self.celsius))

    def rename(self, name: str) -> None:
        self.name = name


class Box:
    def __init__(self) -> None:
        self.items: list[int] = []

    def size(self) -> int:
        return len(self.items)

    @staticmethod
    def clamp(n: int, hi: int) -> int:
        return n if n < hi else hi

    @staticmethod
    def __half(n: int) -> int:
        return n // 2
'''


def test_methods_are_checked_through_a_constructed_receiver(tmp_path: Path) -> None:
    repo = converted_package(tmp_path, "temps", TEMPS, "temps.py")
    got = check_package(repo, "temps")
    assert got["temps/temps.py::Temp.fahrenheit"]["status"] == "pass", got["temps/temps.py::Temp.fahrenheit"]["detail"]
    assert "receiver built by Temp(...)" in got["temps/temps.py::Temp.fahrenheit"]["detail"]
    assert got["temps/temps.py::Temp.label"]["status"] == "pass"
    assert got["temps/temps.py::Temp.rename"]["status"] == "untested"
    assert "returns nothing" in got["temps/temps.py::Temp.rename"]["detail"]
    box = got["temps/temps.py::Box.size"]
    assert box["status"] == "untested" and "every receiver built by its constructor gives the same answer (0)" in box["detail"]
    # a wrong method diverges, and the input names the receiver
    Project(repo / "temps").session.edit("temps/temps.py::Temp.fahrenheit",
                                         "func (t *Temp) Fahrenheit() float64 {\n\treturn t.Celsius*9/5 + 23\n}\n")
    wrong = check_package(repo, "temps")["temps/temps.py::Temp.fahrenheit"]
    assert wrong["status"] == "diverged" and "input Temp(" in wrong["detail"] and ").fahrenheit()" in wrong["detail"]


def test_a_static_method_is_checked_as_a_function_with_no_receiver(tmp_path: Path) -> None:
    repo = converted_package(tmp_path, "temps", TEMPS, "temps.py")
    uid = "temps/temps.py::Box.clamp"
    got = check_package(repo, "temps")[uid]
    assert got["status"] == "pass", got["detail"]
    project = Project(repo / "temps")
    rec = project.session.get(uid)
    assert "func BoxClamp(n int, hi int) int {" in rec.go, rec.go  # a plain function: Python calls Box.clamp(n, hi)
    project.session.edit(uid, rec.go.replace("n < hi", "n <= hi-2"))
    got = check_package(repo, "temps")
    assert got[uid]["status"] == "diverged"
    # a private name is looked up as Python stores it (Box._Box__half)
    assert got["temps/temps.py::Box.__half"]["status"] == "pass", got["temps/temps.py::Box.__half"]
