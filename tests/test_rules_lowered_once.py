"""A `return` of a function that raises first asks for the call's plan (to return its error as it
is), then lowers the expression as a value when there is no plan. What the first ask lowered (the
argument of `int()`, the object of a method) must be reused, not lowered again: lowered twice, a
fallible call ran twice and its first result was never used, which Go refuses to build (webcolors'
`int(round(float(percent.split("%")[0]) / 100 * 255))`)."""

from __future__ import annotations

from pathlib import Path

from gotui.llm.base import CONVERTED
from test_rules_support import build_and_vet, check_package, converted_package, translate_module

SOURCE = '''
def percent_to_integer(percent: str) -> int:
    return int(round(float(percent.split("%")[0]) / 100 * 255))


def digits(text: str) -> list[str]:
    return str(int(text)).split("0")


def size(s: str) -> int:
    if not s:
        raise ValueError("empty")
    return len(s)


def size_or_none(s: str) -> int:
    return int(size(s) or 0) + 1
'''


def test_a_returned_call_lowers_its_argument_once(tmp_path: Path) -> None:
    tr, m, out = translate_module("pkg/once.py", SOURCE)
    # `int(x or 0)` of an int: the `s or 0` reading of a str is tried by type first, not by lowering it
    for name, helper in (("percent_to_integer", "pyParseFloat"), ("digits", "pyParseInt"), ("size_or_none", "Size(")):
        assert out[name].status == CONVERTED, (name, out[name].error)
        assert out[name].go.count(helper) == 1, out[name].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_they_agree_with_the_python(tmp_path: Path) -> None:
    repo = converted_package(tmp_path, "pkg", SOURCE)
    results = check_package(repo, "pkg")
    for name in ("percent_to_integer", "digits", "size_or_none"):
        assert results[f"pkg/__init__.py::{name}"]["status"] == "pass", results[f"pkg/__init__.py::{name}"]


LIST_ITEMS = '''
def latex_begin(aligns: list[str], booktabs: bool, longtable: bool) -> str:
    fmt = "".join([{"left": "l", "right": "r"}.get(a, "l") for a in aligns])
    return "\\\\n".join(
        [
            ("\\\\begin{tabular}{" if not longtable else "\\\\begin{longtable}{") + fmt + "}",
            "\\\\toprule" if booktabs else "\\\\hline",
        ]
    )


def mixed(n: int) -> list[float]:
    return [n, 2.5, 1]
'''


def test_the_items_of_a_list_display_are_lowered_once(tmp_path: Path) -> None:
    """tabulate's `_latex_line_begin_tabular` (a library tried as a new user): each item of a list display
    was lowered a second time to see whether ints and floats mix, so an item with statements of its own
    (a conditional expression) declared its variable twice, and Go refused the unused copy."""
    tr, m, out = translate_module("pkg/items.py", LIST_ITEMS)
    assert out["latex_begin"].go.count('"\\\\hline"') == 1, out["latex_begin"].go
    assert "[]float64{float64(n), 2.5, 1.0}" in out["mixed"].go, out["mixed"].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])
