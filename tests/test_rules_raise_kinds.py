"""What the raise analysis (gotui/llm/rules/raisekinds.py) takes a body to raise as a Go panic: a
`%` that formats a string literal divides nothing, so it is no ZeroDivisionError, and a handler for
one around a call of such a function is translated (before, it was refused as catching a panic)."""

from __future__ import annotations

from test_rules_support import build_and_vet, translate_module

from gotui.llm.base import CONVERTED, PARTIAL

SOURCE = '''
def label(n: int) -> str:
    if n < 0:
        raise ValueError("negative: %d" % n)
    return str(n)


def safe(n: int) -> str:
    try:
        return label(n)
    except ZeroDivisionError:
        return "zero"


def ratio(a: int, b: int) -> int:
    return a % b


def safe_ratio(a: int, b: int) -> int:
    try:
        return ratio(a, b)
    except ZeroDivisionError:
        return 0
'''


def test_string_formatting_is_no_division(tmp_path) -> None:
    tr, m, out = translate_module("labels.py", SOURCE)
    assert out["safe"].status == CONVERTED, out["safe"].error
    # an int `%` may divide by zero, which Go raises as a panic: still refused around it
    assert out["safe_ratio"].status == PARTIAL and "ZeroDivisionError" in (out["safe_ratio"].error or "")
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


DEAD = '''
from typing import Union

try:
    from fastparse import parse_parts as _native
except ImportError:
    _native = None

String = Union[str, bytes]


def parse(version: String) -> int:
    if isinstance(version, bytes):
        version = version.decode("utf-8")
    elif not isinstance(version, String.__args__):
        raise TypeError("not expecting type '%s'" % type(version))
    if _native is not None:
        return _native(version)
    if not version.isdigit():
        raise ValueError(version)
    return int(version)


def is_valid(version: String) -> bool:
    try:
        parse(version)
        return True
    except ValueError:
        return False
'''


def test_branches_the_go_never_takes_raise_nothing(tmp_path) -> None:
    """semver's `Version.is_valid`: the `bytes` branch of a `str | bytes` its entry narrows to str, and an
    optional import's fallback test, are never taken in Go (the lowering writes them `if false`), so
    what they would raise (`.decode()`, the native parser, unknown to the analysis) is no panic that the
    caller's `except ValueError` would have to catch."""
    tr, m, out = translate_module("versions.py", DEAD)
    assert out["parse"].status == CONVERTED, out["parse"].error
    assert out["is_valid"].status == CONVERTED, out["is_valid"].error
    assert 'if pyErrorIs(err, "ValueError") {' in out["is_valid"].go, out["is_valid"].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])
