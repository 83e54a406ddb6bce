"""`with` on a package class with __enter__/__exit__: a deferred Exit where that is exactly Python's
meaning, refused where Go would differ (an __exit__ that swallows or reads the exception)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from gotui.llm.base import CONVERTED, PARTIAL, TranslationRequest
from gotui.llm.rules import RulesTranslator
from gotui.parse.units import parse_module
from test_rules_support import build_and_vet, check_package, replace_go, traced_package

TIMER = '''
class Timer:
    def __init__(self, now: float) -> None:
        self.now = now
        self.nesting = 0
        self.t = 0.0

    def __enter__(self) -> float:
        if self.nesting == 0:
            self.t = t = self.now
        else:
            t = self.t
        self.nesting += 1
        return t

    def __exit__(self, *exc) -> None:
        self.nesting -= 1


class Swallow:
    def __enter__(self) -> int:
        return 1

    def __exit__(self, kind, value, tb) -> bool:
        return True


class Reads:
    def __enter__(self) -> int:
        return 1

    def __exit__(self, kind, value, tb) -> None:
        if kind is not None:
            print("failed")


class Clock:
    def __init__(self, now: float) -> None:
        self.timer = Timer(now)
        self.log: list[float] = []
        self.swallow = Swallow()
        self.reads = Reads()

    def stamp(self, k: int) -> float:
        with self.timer as t:
            if k < 0:
                raise ValueError("negative")
            self.log.append(t * k)
            return t * k

    def twice(self) -> float:
        with self.timer as t:
            self.log.append(t)
        with self.timer:
            self.log.append(1.5)
        return sum(self.log) + self.timer.nesting

    def later(self) -> float:
        with self.timer as t:
            self.log.append(t)
        return t

    def swallowed(self) -> int:
        with self.swallow as one:
            return one

    def read(self) -> int:
        with self.reads as one:
            return one
'''


def _translated() -> tuple[RulesTranslator, object, dict]:
    m = parse_module("pkg/clock.py", textwrap.dedent(TIMER).encode())
    tr = RulesTranslator(modules=[m])
    return tr, m, {u.qualname: tr.translate(TranslationRequest(unit=u, module=m)) for u in m.units}


def test_with_on_a_class_of_the_package_enters_and_defers_its_exit(tmp_path: Path) -> None:
    tr, m, out = _translated()
    for name in ("Timer.__enter__", "Timer.__exit__", "Clock.stamp", "Clock.twice"):
        assert out[name].status == CONVERTED, (name, out[name].error)
    assert "func (t *Timer) Enter() float64 {" in out["Timer.__enter__"].go
    # the last statement of the function: Exit is deferred after Enter, so an error or a return runs it
    assert "\tt = c.Timer.Enter()\n\tdefer c.Timer.Exit()\n\tif k < 0 {\n" in out["Clock.stamp"].go
    # in the middle: a func literal, so Exit runs where the block ends
    assert "\tfunc() {\n\t\tt = c.Timer.Enter()\n\t\tdefer c.Timer.Exit()\n\t\tc.Log = append(c.Log, t)\n\t}()\n" in out["Clock.twice"].go
    assert "\tfunc() {\n\t\tc.Timer.Enter()\n\t\tdefer c.Timer.Exit()\n" in out["Clock.twice"].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])  # type: ignore[list-item]


def test_with_is_refused_where_go_would_not_do_what_python_does() -> None:
    _, _, out = _translated()
    assert out["Clock.swallowed"].status == PARTIAL
    assert "Swallow.__exit__ may return true, which swallows the exception" in out["Clock.swallowed"].error
    assert out["Clock.read"].status == PARTIAL
    assert "Reads.__exit__ reads the exception it is given" in out["Clock.read"].error
    # `t` lives on after the block in Python; inside a Go func literal it would not
    assert out["Clock.later"].status == PARTIAL and "read after the block" in out["Clock.later"].error


RUN = '''
from clock import Clock

for now in (0.5, 2.0, 3.25):
    c = Clock(now)
    for k in (1, 2, 5):
        c.stamp(k)
    c.twice()
    try:
        c.stamp(-1)
    except ValueError:
        pass
    c.twice()
'''


def test_with_checks_against_the_python_and_a_wrong_exit_diverges(tmp_path: Path) -> None:
    repo = traced_package(tmp_path, "clock", TIMER, RUN)
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "clock", "--backend", "rules", "-q"], cwd=repo, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    got = {i.split("::")[1]: r for i, r in check_package(repo, "clock").items()}
    assert got["Clock.twice"]["status"] == "pass", got["Clock.twice"]
    # an Exit that no longer undoes the nesting: twice() counts it, and the check sees the difference
    replace_go(repo, "clock/__init__.py::Timer.__exit__", "t.Nesting -= 1", "t.Nesting -= 0")
    again = {i.split("::")[1]: r for i, r in check_package(repo, "clock").items()}
    assert again["Clock.twice"]["status"] == "diverged", again["Clock.twice"]
