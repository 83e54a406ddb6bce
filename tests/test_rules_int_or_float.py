"""A number that is an int on one path and a float on another (webcolors' `_normalize_percent_rgb`:
`percent = float(value) if "." in value else int(value)`, then `f"{percent}%"`).

Go holds it in one float64, which is right for arithmetic and comparisons, but Python's str() tells
the two apart ("100" against "100.0"): such a value is never turned into text; the statement stays a
TODO that says why, instead of a "converted" unit that writes 100.0%. A float that only ever holds
floats, and arithmetic that turns the value into a float anyway (`/`), still convert and pass.
"""

from __future__ import annotations

from pathlib import Path

from gotui.llm.base import CONVERTED, PARTIAL
from test_rules_support import check_package, converted_package, translate_module

SOURCE = '''
def percent_text(value: str) -> str:
    percent = float(value) if "." in value else int(value)
    return f"{percent}%"


def branches(value: str) -> str:
    if "." in value:
        n = float(value)
    else:
        n = int(value)
    return str(n)


def float_then_int(flag: bool) -> str:
    x = 1.5
    if flag:
        x = 2
    return "%s" % x


def doubled(flag: bool) -> str:
    rate = 0 if flag else 1.5
    return "rate " + str(rate * 2)


def ratio(value: str) -> str:
    percent = float(value) if "." in value else int(value)
    return str(percent / 100)


def scaled(flag: bool, price: float) -> str:
    rate = 0 if flag else 1.5
    return str(rate * price)


def total(prices: list[float]) -> float:
    t = 0
    for p in prices:
        t += p
    return t


def annotated(flag: bool) -> str:
    rate: float = 0 if flag else 1.5
    return f"{rate}"


def only_floats(a: float, b: float) -> str:
    x = a if a > b else b
    return f"{x}"
'''


def test_text_of_an_int_or_float_value_stays_a_todo_that_says_why() -> None:
    _, _, out = translate_module("pkg/nums.py", SOURCE)
    for name in ("percent_text", "branches", "float_then_int", "doubled", "annotated"):
        assert out[name].status == PARTIAL, (name, out[name].go)
        assert "an int on one path and a float on another" in out[name].go, out[name].go
    # `/` makes a float of an int too, a float operand makes the product one: these are floats alone
    for name in ("ratio", "scaled", "total", "only_floats"):
        assert out[name].status == CONVERTED, (name, out[name].error)


def test_what_converts_agrees_with_the_python(tmp_path: Path) -> None:
    repo = converted_package(tmp_path, "pkg", SOURCE)
    results = check_package(repo, "pkg")
    for name in ("ratio", "scaled", "total", "only_floats"):
        r = results[f"pkg/__init__.py::{name}"]
        assert r["status"] == "pass", r
