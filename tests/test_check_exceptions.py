"""Exception classes are checked: `str(E(msg))` and which `except` clauses catch `E`, against the
Go error type's `Error()` and `errors.As` through its `Unwrap` chain."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from gotui.session.project import Project
from gotui.verify.exceptions import module_exceptions
from test_rules_support import check_package, converted_package

pytestmark = pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")

ERRORS = '''class ParseError(ValueError):
    """The text is not a number."""


class RangeError(ParseError):
    pass


class Noisy(Exception):
    def __str__(self) -> str:
        return "noisy"


class Plain:
    pass


def parse(text: str) -> int:
    if not text.isdigit():
        raise ParseError(text)
    n = int(text)
    if n > 100:
        raise RangeError(text)
    return n
'''


def test_module_exceptions_follow_bases_within_the_module() -> None:
    assert set(module_exceptions(ERRORS)) == {"ParseError", "RangeError", "Noisy"}


def test_exception_classes_pass_and_a_broken_unwrap_chain_diverges(tmp_path: Path) -> None:
    repo = converted_package(tmp_path, "errs", ERRORS, "errs.py")
    got = check_package(repo, "errs")
    assert got["errs/errs.py::ParseError"]["status"] == "pass", got["errs/errs.py::ParseError"]["detail"]
    assert got["errs/errs.py::RangeError"]["status"] == "pass", got["errs/errs.py::RangeError"]["detail"]
    assert "which except clauses catch it" in got["errs/errs.py::RangeError"]["detail"]
    assert got["errs/errs.py::Plain"]["status"] == "untested"
    assert got["errs/errs.py::Noisy"]["status"] == "untested"  # a __str__ of its own: not a plain error type

    # a RangeError that `except ParseError` no longer catches (its Unwrap gone) must not pass
    project = Project(repo / "errs")
    rec = project.session.get("errs/errs.py::RangeError")
    broken = re.sub(r"(?s)\n// [^\n]*\nfunc \(e \*RangeError\) Unwrap\(\) error \{.*?\n\}\n", "\n", rec.go)
    broken = re.sub(r"(?s)func \(e \*RangeError\) Unwrap\(\) error \{.*?\n\}\n", "", broken)
    assert "Unwrap" not in broken
    project.session.edit(rec.id, broken)
    again = check_package(repo, "errs")
    assert again["errs/errs.py::RangeError"]["status"] == "diverged", again["errs/errs.py::RangeError"]["detail"]
    assert again["errs/errs.py::ParseError"]["status"] == "pass"
