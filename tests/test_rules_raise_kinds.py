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
