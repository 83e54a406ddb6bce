"""Idioms of webcolors (a library outside the benchmark set, tried as a new user would), each of
which kept a unit partial or untested:

- `spec not in _SUPPORTED_SPECIFICATIONS`, a module tuple constant (not a literal in place);
- an error template put together from constants, one of them that tuple (`f"... {_SUPPORTED}."`),
  and `.format(spec=spec)` called on that template;
- a dict literal keyed by string constants (`{HTML4: ..., CSS2: ...}`), whose keys are known and
  distinct, so no duplicate decides anything;
- a NamedTuple result, which `gotui check` reads back by its fields;
- a private constant `_ERROR`, whose Go name was `error`: it hid Go's `error` type from the package.
"""

from __future__ import annotations

from pathlib import Path

from gotui.golang.names import go_const_name, go_func_name
from gotui.llm.base import CONVERTED
from test_rules_support import build_and_vet, check_package, converted_package, replace_go, translate_module

SOURCE = r'''
import typing

HTML4 = "html4"
CSS3 = "css3"
_SUPPORTED = (HTML4, CSS3)
_ERROR = (
    f"{{spec}} is not a supported specification; "
    f"supported specifications are: {_SUPPORTED}."
)
_SIZES = {HTML4: 16, CSS3: 147}


class IntegerRGB(typing.NamedTuple):
    red: int
    green: int
    blue: int


def color_count(spec: str) -> int:
    if spec not in _SUPPORTED:
        raise ValueError(_ERROR.format(spec=spec))
    return _SIZES[spec]


def grey(level: int) -> IntegerRGB:
    level = max(0, min(255, level))
    return IntegerRGB(level, level, level)
'''


def test_they_convert_and_build(tmp_path: Path) -> None:
    tr, m, out = translate_module("pkg/colors.py", SOURCE)
    for name in ("color_count", "grey"):
        assert out[name].status == CONVERTED, (name, out[name].error, out[name].go)
    assert "supported specifications are: ('html4', 'css3')." in tr.preamble(m)
    # `_ERROR` is not Go's `error`, which the package (and its helpers) would then lose as a type
    assert "error_ = " in tr.preamble(m)
    assert (go_const_name("_ERROR"), go_func_name("_len"), go_func_name("_math"), go_func_name("_tally")) == \
        ("error_", "len_", "math_", "tally")
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_they_agree_with_the_python_and_a_wrong_edit_diverges(tmp_path: Path) -> None:
    repo = converted_package(tmp_path, "pkg", SOURCE)
    results = check_package(repo, "pkg")
    for name in ("color_count", "grey"):
        r = results[f"pkg/__init__.py::{name}"]
        assert r["status"] == "pass", r
    # the NamedTuple's fields are compared: a wrong field is seen
    replace_go(repo, "pkg/__init__.py::grey", "NewIntegerRGB(level, level, level)", "NewIntegerRGB(level, level, 0)")
    assert check_package(repo, "pkg")["pkg/__init__.py::grey"]["status"] == "diverged"
