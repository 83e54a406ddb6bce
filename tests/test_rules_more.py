"""More Python constructs in the rules backend: `!r` conversions, chained assignment `a = b = expr`,
and `zip(*rows)`. Small typed functions are translated, assembled into one Go package with the table
test of test_rules_cases (expected values from running the Python), built and run once."""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import test_rules_cases as cases_mod  # noqa: E402
from test_rules_support import go, translate_folder  # noqa: E402

SOURCE = '''
def repr_msg(s: str, n: int) -> str:
    if n < 0:
        raise ValueError(f"bad value {s!r} for {n!r}")
    return f"got {s!r}"


def repr_mixed(x: float, b: bool, n: int) -> str:
    return f"{x!r}|{b!r}|{n!r}|{n!s:<4}|{n:>4}"


def bool_specs(b: bool, n: int) -> str:
    return f"{b}|{b:>3}|{b:<3}|{b!s:>6}|{b!r}|{n!r:>5}|" + "%6s|%-6s|%r" % (b, b, b) + "{:d}".format(b)


def repr_padded(s: str) -> str:
    return f"[{s!r:>12}][{s!r:<12}]"


def repr_format(s: str) -> str:
    return "{!r} and {}".format(s, s) + " %r" % s


def check_name(name: str) -> str:
    if name == "" or " " in name or "\t" in name or name[0] in "0123456789":
        raise ValueError(f"invalid name {name!r}")
    return name


def chain_names(n: int) -> int:
    a = b = n * 2 + 1
    c = d = -3
    a += 1
    return a * 100 + b * 10 + c + d


def chain_sub(xs: list[int], i: int) -> list[int]:
    ys = [0] * len(xs)
    ys[i] = total = sum(xs)
    xs[0] = ys[-1] = total + 1
    return ys + xs


def chain_order(xs: list[int]) -> list[int]:
    i = 0
    i = xs[i] = 2
    return xs + [i]


def chain_dict(keys: list[str]) -> dict[str, int]:
    d: dict[str, int] = {}
    for k in keys:
        d[k] = last = len(k)
        d["last"] = last
    return d


def chain_parse(s: str) -> int:
    a = b = int(s)
    return a + b


def unpack_targets(xs: list[int], i: int) -> list[int]:
    ys = [0] * len(xs)
    ys[0], ys[-1] = divmod(sum(xs), 7)
    i, xs[i] = xs[i], i
    return ys + xs + [i]


class Span:
    def __init__(self, a: int, b: int) -> None:
        self.lo = a
        self.hi = b

    def bounds(self, xs: list[int]) -> tuple[int, int]:
        return min(xs), max(xs)

    def fit(self, xs: list[int]) -> int:
        self.lo, self.hi = self.bounds(xs)
        return self.hi - self.lo


def span_width(xs: list[int]) -> int:
    return Span(0, 0).fit(xs)


def transpose(m: list[list[int]]) -> list[list[int]]:
    return [list(r) for r in zip(*m)]


def transpose_list(m: list[list[str]]) -> list[tuple[str, ...]]:
    return list(zip(*m))


def column_sums(m: list[list[int]]) -> list[int]:
    out = []
    for col in zip(*m):
        out.append(sum(col))
    return out
'''

CASES: dict[str, list[tuple]] = {
    "more.repr_msg": [
        ("abc", 1), ("abc", -1), ("it's", -2), ('say "hi"', -1), ("both ' and \"", -1), ("back\\slash", -1),
        ("line\nbreak\ttab\rcr", -1), ("\x01\x1f\x7f", -1), ("é ü 日本 😀", -1), ("\u200b\xa0\xad\u2028", -1),
        ("\U000e0001 \x85", -1), ("", -1), ("'", -1), ('"', -1),
    ],
    "more.repr_mixed": [(1.0, True, 3), (0.1, False, -12), (1e16, True, 0), (float("inf"), False, 12345)],
    "more.bool_specs": [(True, 1), (False, -20)],
    "more.repr_padded": [("ab",), ("it's",), ("a\nb",), ("a long string here",)],
    "more.repr_format": [("x",), ("it's",), ("\\",)],
    "more.check_name": [("ok",), ("not ok",), ("1x",), ("",), ("tab\t",)],
    "more.chain_names": [(0,), (5,), (-7,)],
    "more.chain_sub": [([1, 2, 3], 0), ([1, 2, 3], -1), ([5], 0), ([1, 2], 5)],
    "more.chain_order": [([0, 0, 0],), ([1, 2, 3, 4],), ([1, 2],)],
    "more.chain_dict": [([],), (["a", "bb", "ccc"],), (["xy", "xy"],)],
    "more.chain_parse": [("12",), (" -3 ",), ("x",)],
    "more.unpack_targets": [([1, 2, 0], 0), ([3, 9, 0, 1], 2), ([10, 0], 1)],
    "more.span_width": [([3, 1, 2],), ([5],), ([-4, 7, 0],)],
    "more.transpose": [([],), ([[]],), ([[1, 2, 3], [4, 5, 6]],), ([[1, 2, 3], [4], [5, 6]],), ([[1], [2], [3]],), ([[1, 2], []],)],
    "more.transpose_list": [([],), ([["a", "b"], ["c", "d"], ["e", "f"]],), ([["a"], ["b", "c"]],), ([[], []],)],
    "more.column_sums": [([],), ([[1, 2, 3], [4, 5, 6]],), ([[1, 2, 3], [4, 5]],), ([[7]],)],
}

TODO_SOURCE = '''
def repr_list(xs: list[int]) -> str:
    return f"{xs!r}"


def ascii_conv(s: str) -> str:
    return f"{s!a}"


class Box:
    def __init__(self) -> None:
        self.v = 0

    def reset(self, n: int) -> int:
        self.v = k = n
        return k


def unpack_zip(m: list[list[int]]) -> int:
    total = 0
    for a, b in zip(*m):
        total += a * b
    return total


def zip_twice(m: list[list[int]]) -> int:
    z = zip(*m)
    return len(list(z)) + len(list(z))


def zip_mutating(m: list[list[int]]) -> list[int]:
    out = []
    for col in zip(*m):
        m[0].append(1)
        out.append(len(col))
    return out
'''


@pytest.fixture(scope="module")
def run(tmp_path_factory, request):
    src = tmp_path_factory.mktemp("more_src")
    (src / "more.py").write_text(textwrap.dedent(SOURCE))
    out = tmp_path_factory.mktemp("more_go")
    built = translate_folder(src, "algos", out)
    mp = pytest.MonkeyPatch()
    mp.setattr(cases_mod, "ALGOS", src)  # generate() loads the Python modules from there
    try:
        text, generated, status = cases_mod.generate(built, CASES)
    finally:
        mp.undo()
    (out / "cases_test.go").write_text(text)
    vet_code, vet_output = go(["vet", "./..."], out)
    code, output = go(["test", "-count=1", "-v", "./..."], out)
    passed = set(re.findall(r"--- PASS: TestCases/(\S+)", output))
    failed = set(re.findall(r"--- FAIL: TestCases/(\S+)", output))
    return built, generated, status, code or vet_code, vet_output + output, passed, failed


def test_every_function_converts(run):
    built, _, status, *_ = run
    bad = {r.unit.name: r.translation.error for r in built.results if r.translation.status != "converted"}
    assert not bad
    assert set(CASES) <= set(status)


def test_every_case_matches_python(run):
    _, generated, _, code, output, passed, failed = run
    assert len(generated) == sum(len(v) for v in CASES.values())
    assert not failed, output[-4000:]
    missing = [c.name for c in generated if c.name not in passed]
    assert not missing, output[-4000:]
    assert code == 0, output[-4000:]


def test_translations_use_the_helpers(run):
    built = run[0]
    go_of = {r.unit.name: r.translation.go for r in built.results}
    assert "pyReprStr(" in go_of["repr_msg"]
    assert "pyZipRows(" in go_of["transpose"] and "pyZipRows(" in go_of["column_sums"]
    assert go_of["chain_parse"].count("pyParseInt(") == 1  # the value is evaluated once


def test_what_stays_a_todo(tmp_path: Path):
    (tmp_path / "todo.py").write_text(textwrap.dedent(TODO_SOURCE))
    built = translate_folder(tmp_path, "todo", tmp_path / "out")
    status = {r.unit.name: (r.translation.status, r.translation.error or "") for r in built.results}
    expected = {
        "repr_list": "!r of list[int]",
        "ascii_conv": "!a",
        "zip_twice": "zip(*rows) other than",
        "zip_mutating": "zip is lazy",
    }
    for name, why in expected.items():
        st, err = status[name]
        assert st == "partial" and why in err, (name, status[name])
    # `self.v = k = n`: the value once, stored left to right (an attribute of a plain name is a target too)
    assert status["reset"][0] == "converted", status["reset"]


def test_py_repr_str_matches_python_repr(tmp_path: Path):
    from gotui.golang.helpers import helper_source
    from gotui.llm.rules.goast import go_string

    samples = ["", "'", '"', "'\"", "a'b", 'a"b', "a'b\"c", "\\", "\\'", "\t\n\r\x00\x1b\x7f", "😀 \U000e0001 \ue000 \U0010ffff"]
    samples += ["".join(chr(c) for c in range(lo, lo + 64)) for lo in range(0, 0x400, 64)]
    samples += ["\u200b\u200e\u2028\u2029\u3000\ufeff\ufffd 日本語 ñ"]
    body = "\n".join(f"\tfmt.Println(pyReprStr({go_string(s)}))" for s in samples)
    main = f'package main\n\nimport "fmt"\n\nfunc main() {{\n{body}\n}}\n'
    (tmp_path / "main.go").write_text(main)
    helpers = helper_source("main", [main])
    assert helpers is not None
    (tmp_path / "gotui_helpers.go").write_text(helpers)
    (tmp_path / "go.mod").write_text("module example.com/main\n\ngo 1.23\n")
    code, output = go(["run", "."], tmp_path)
    assert code == 0, output
    got = output.split("\n")[: len(samples)]
    assert got == [repr(s) for s in samples]


def test_go_that_must_build_an_unused_exception_name_and_a_literal_in_an_if(tmp_path: Path):
    # `except ValueError as e: raise Bad(...) from e`: Go's error keeps no cause, so `e := err` would be
    # declared and not used (the package did not build: packaging's parse_sdist_filename)
    (tmp_path / "chain.py").write_text(textwrap.dedent('''
        from typing import Optional


        class Bad(Exception):
            pass


        def parse(text: str) -> int:
            try:
                n = int(text)
            except ValueError as e:
                raise Bad(f"bad: {text}") from e
            return n


        def parse_noted(text: str) -> str:
            try:
                return str(int(text))
            except ValueError as e:
                return f"bad: {e}"


        def is_big_sur(version: Optional[tuple[int, int]]) -> bool:
            # a tuple literal compared in an if's header: parenthesized, or the `{` would open the block
            if version is not None and version == (10, 16):
                return True
            return False
    '''))
    built = translate_folder(tmp_path, "chain", tmp_path / "go")
    go_of = {r.unit.name: r.translation for r in built.results}
    assert go_of["parse"].status == "converted" and ":= err" not in go_of["parse"].go
    assert "`raise ... from e` keeps no cause here" in go_of["parse"].go  # the reviewer is told what is lost
    assert go_of["parse_noted"].status == "converted" and "e := err" in go_of["parse_noted"].go
    assert "*version == (Tuple2[int, int]{10, 16})" in go_of["is_big_sur"].go
    code, output = go(["vet", "./..."], tmp_path / "go")
    assert code == 0, output
