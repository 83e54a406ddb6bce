"""Module constants a package function computes at import from literals (llm/rules/static_data.py), and
module statements that change a constant in place (`TABLE[k] = v`), which init() must keep."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from gotui.llm.base import CONVERTED
from gotui.llm.rules.static_data import as_literal, static_data
from gotui.llm.rules.static_value import NotStatic
from test_rules_support import check_package, replace_go, translate_module, traced_package

COLORS = '''
def _reversed(d: dict) -> dict:
    """Keys and values swapped."""
    return {value: key for key, value in d.items()}


_BASIC = {"white": "#ffffff", "black": "#000000", "grey": "#808080", "gray": "#808080"}
_MORE = {"orange": "#ffa500", **_BASIC}

_BASIC_NAMES = _reversed(_BASIC)
_MORE_NAMES = _reversed(_MORE)

# a table changed in place after it is built: init() keeps these, in order
_MORE_NAMES["#808080"] = "grey"


def name_of(hex_value: str, more: bool) -> str:
    table = _MORE_NAMES if more else _BASIC_NAMES
    if hex_value not in table:
        raise ValueError(hex_value)
    return table[hex_value]
'''


def _value(source: str, name: str):
    tr, m, _ = translate_module("pkg/colors.py", source)
    pkg = tr.package_for(m) if hasattr(tr, "package_for") else None
    mod = next(x for x in pkg.modules.values() if x.path == "pkg/colors.py")  # type: ignore[union-attr]
    return static_data(pkg, mod, mod.consts[name].value)  # type: ignore[union-attr, attr-defined]


def test_a_constant_built_by_a_function_from_literals_is_computed_as_python_does() -> None:
    # a repeated key keeps its last value, as Python's dict comprehension does; `**` keeps its order
    assert _value(COLORS, "_BASIC_NAMES") == {"#ffffff": "white", "#000000": "black", "#808080": "gray"}
    assert list(_value(COLORS, "_MORE_NAMES")) == ["#ffa500", "#ffffff", "#000000", "#808080"]
    assert ast.unparse(as_literal({"a": [1, (2, None)]})) == "{'a': [1, (2, None)]}"


@pytest.mark.parametrize("source", [
    # the source table is changed in place somewhere: its literal is not what the function reads
    "def rev(d):\n    return {v: k for k, v in d.items()}\nA = {'x': 1}\nA['y'] = 2\nB = rev(A)\n",
    # more than a single return
    "def rev(d):\n    out = {}\n    return out\nA = {'x': 1}\nB = rev(A)\n",
    # iterating a set: its order is Python's hashing
    "def keys(s):\n    return [x for x in s]\nA = {'x', 'y'}\nB = keys(A)\n",
    # a call the interpreter does not follow
    "import os\ndef f(d):\n    return {k: os.getcwd() for k in d}\nA = {'x': 1}\nB = f(A)\n",
])
def test_what_it_does_not_follow_is_not_static(source: str) -> None:
    with pytest.raises(NotStatic):
        _value(source, "B")


def test_the_constant_is_go_data_and_the_table_changes_stay_in_init() -> None:
    tr, m, out = translate_module("pkg/colors.py", COLORS)
    assert out["name_of"].status == CONVERTED, out["name_of"].error
    pre = tr.preamble(m)
    assert "// gotui: _MORE_NAMES is _reversed(_MORE) in Python, computed at import from literals" in pre
    assert 'the function\'s own Go is partial).\nvar moreNames = map[string]string{"#ffa500": "orange", "#ffffff": "white", "#000000": "black", "#808080": "gray"}' in pre
    assert 'func init() {\n\tmoreNames["#808080"] = "grey"\n}' in pre


RUN = '''
from pkg import name_of
for h in ("#ffffff", "#808080", "#ffa500", "#123456"):
    for more in (False, True):
        try:
            name_of(h, more)
        except ValueError:
            pass
'''


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_a_folded_table_checks_against_the_python(tmp_path: Path) -> None:
    repo = traced_package(tmp_path, "pkg", COLORS, RUN)
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "pkg", "--backend", "rules", "-q"], cwd=repo, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    assert check_package(repo, "pkg")["pkg/__init__.py::name_of"]["status"] == "pass"
    # ("#808080", True) is "grey" on both sides only because init() keeps the table's change; a wrong
    # table is caught
    replace_go(repo, "pkg/__init__.py::name_of", "table = moreNames", "table = basicNames")
    assert check_package(repo, "pkg")["pkg/__init__.py::name_of"]["status"] == "diverged"
