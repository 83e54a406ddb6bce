"""Assignment expressions (`:=`), as webcolors writes them: `if hex_value := COLORS.get(name):`,
`if (match := HEX.match(value)) is None: raise ...`, and in `elif` and `while` tests.

The assignment becomes a statement before the one that holds it (in an `elif`, inside the `else`
that Go needs there; in a `while`, at the top of each turn), and the test narrows the name as it
would narrow a plain name. Where Python may not evaluate it (after `and`/`or`) or binds it in the
enclosing function from inside a comprehension, the statement stays a TODO that says so.
"""

from __future__ import annotations

from pathlib import Path

from gotui.llm.base import CONVERTED, PARTIAL
from test_rules_support import build_and_vet, check_package, converted_package, translate_module

SOURCE = r'''
import re

COLORS = {"red": "#ff0000", "green": "#008000"}
HEX = re.compile(r"#([a-f0-9]{3}|[a-f0-9]{6})")


def name_to_hex(name: str) -> str:
    if hex_value := COLORS.get(name.lower()):
        return hex_value
    raise ValueError(f"{name!r} is not defined as a named color")


def normalize_hex(hex_value: str) -> str:
    if (match := HEX.fullmatch(hex_value)) is None:
        raise ValueError(f"{hex_value!r} is not a valid hexadecimal color value.")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(2 * s for s in digits)
    return f"#{digits}"


def repeat_long(a: str, b: str) -> str:
    if a == "x":
        return "x"
    elif (n := len(b)) > 2:
        return b * n
    return a + str(len(b))


def total_until_empty(xs: list[str]) -> int:
    out = 0
    i = 0
    while (n := len(xs[i] if i < len(xs) else "")) > 0:
        out += n
        i += 1
    return out


def lazy(a: str, b: str) -> int:
    if a and (n := len(b)) > 2:
        return n
    return 0


def in_comprehension(xs: list[str]) -> list[int]:
    return [y for x in xs if (y := len(x)) > 1]
'''

CONVERTS = ("name_to_hex", "normalize_hex", "repeat_long", "total_until_empty")


def test_assignment_expressions_in_tests_convert_and_build(tmp_path: Path) -> None:
    tr, m, out = translate_module("pkg/walrus.py", SOURCE)
    for name in CONVERTS:
        assert out[name].status == CONVERTED, (name, out[name].error, out[name].go)
    build_and_vet(tmp_path, tr, [m], [out[n].go for n in CONVERTS])
    assert out["lazy"].status == PARTIAL and "where Python may not evaluate it" in out["lazy"].go
    assert out["in_comprehension"].status == PARTIAL and "in a comprehension or lambda" in out["in_comprehension"].go


def test_they_agree_with_the_python(tmp_path: Path) -> None:
    repo = converted_package(tmp_path, "pkg", SOURCE)
    results = check_package(repo, "pkg")
    for name in CONVERTS:
        assert results[f"pkg/__init__.py::{name}"]["status"] == "pass", results[f"pkg/__init__.py::{name}"]
