"""Hazard notes that use type evidence (docs/hazards.md "Evidence"): parameter kinds from the body's
uses or from gotui.evidence, library notes at the first use in each def, one rule's notes in one def
grouped into one, and no note claiming a type the evidence contradicts."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from gotui.evidence.infer import infer_module
from gotui.parse.hazards import module_notes
from gotui.parse.hazards.engine import STRICT_ENV
from gotui.parse.hazards.usage import kind_of_type, usage_kinds
from gotui.parse.note import Note
from gotui.parse.notes_run import tree_notes
from gotui.parse.treesitter import parse_python
from gotui.parse.units import parse_module
from gotui.session.project import Project

ISODATE = Path(__file__).resolve().parent.parent / "benchmarks/reallibs/vendor/isodate-0.7.2/src/isodate"


@pytest.fixture(autouse=True)
def _strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(STRICT_ENV, "1")


def notes_for(src: str, param_kinds: dict[int, dict[str, str]] | None = None) -> list[Note]:
    return module_notes(parse_module("m.py", src.encode()), param_kinds)


def rules_at(notes: list[Note]) -> set[tuple[str, int]]:
    return {(n.rule, n.line) for n in notes}


# ---- 1. type-dependent hazards in unannotated code ----------------------------------------------------

UNTYPED = (
    "def f(text, table, count, ratio, items):\n"  # 1
    "    parts = text.split(',')\n"  # 2: text is a str
    "    first = text[0]\n"  # 3
    "    n = len(text)\n"  # 4
    "    for k in table:\n"  # 5: table is a dict (line 7)
    "        print(k)\n"  # 6
    "    for k, v in table.items():\n"  # 7
    "        pass\n"  # 8
    "    half = count // 2\n"  # 9: count is an int
    "    if ratio < 1.5:\n"  # 10: ratio is a float
    "        label = str(ratio)\n"  # 11
    "    line = text * count\n"  # 12
    "    value = int(text)\n"  # 13
    "    hit = table[text]\n"  # 14
    "    items.append(1)\n"  # 15: items is a list
    "    if items:\n"  # 16
    "        pass\n"  # 17
    "    return parts, first, n, half, label, line, value, hit\n"
)


def test_usage_tells_unannotated_parameters_kinds() -> None:
    kinds = usage_kinds(parse_python(UNTYPED.encode()).root_node)
    assert kinds == {1: {"text": "str", "table": "dict", "count": "int", "ratio": "float", "items": "list"}}


def test_type_dependent_hazards_fire_on_unannotated_parameters() -> None:
    got = rules_at(notes_for(UNTYPED))
    for expected in [("str-index-bytes", 3), ("str-len-bytes", 4), ("map-iteration-order", 5), ("floor-division", 9),
                     ("float-format", 11), ("sequence-repeat", 12), ("int-parse-error", 13),
                     ("dict-index-keyerror", 14), ("truthiness", 16)]:
        assert expected in got, expected
    [truth] = [n for n in notes_for(UNTYPED) if n.rule == "truthiness"]
    assert "len(" in truth.go_hint  # the hint of a container, not of a str or a number


def test_without_a_telling_use_nothing_is_claimed() -> None:
    src = "def f(text, table):\n    first = text[0]\n    n = len(text)\n    hit = table[first]\n    return n, hit\n"
    assert not {"str-index-bytes", "str-len-bytes", "dict-index-keyerror"} & {n.rule for n in notes_for(src)}


def test_a_name_used_two_ways_gets_no_kind() -> None:
    src = "def f(x):\n    a = x.split(',')\n    x.append(1)\n    return x[0]\n"
    assert usage_kinds(parse_python(src.encode()).root_node) == {1: {}}
    assert "str-index-bytes" not in {n.rule for n in notes_for(src)}


def test_a_nested_def_has_its_own_uses() -> None:
    src = "def f(s):\n    def g(s):\n        return s.items()\n    return s.lower()\n"
    assert usage_kinds(parse_python(src.encode()).root_node) == {1: {"s": "str"}, 2: {"s": "dict"}}


def test_an_annotation_beats_usage() -> None:
    src = "def f(s: list):\n    s.lower()\n    return s[0]\n"
    assert "str-index-bytes" not in {n.rule for n in notes_for(src)}


def test_given_param_kinds_from_gotui_evidence() -> None:
    src = (
        "def first(word):\n"
        '    """\n'
        "    >>> first('abc')\n"
        "    'a'\n"
        '    """\n'
        "    return word[0]\n"
    )
    assert "str-index-bytes" not in {n.rule for n in notes_for(src)}  # nothing in the body says str
    funcs = infer_module("m.py", ast.parse(src))
    given = {f.node.lineno: {p: k for p in f.evidence.params
                             if (best := f.evidence.best(p)) and (k := kind_of_type(best.type))}
             for f in funcs.values()}
    assert given == {1: {"word": "str"}}  # the doctest's evidence, mapped to the engine's kind
    assert ("str-index-bytes", 6) in rules_at(notes_for(src, given))


@pytest.mark.parametrize("typ, kind", [
    ("str", "str"), ("int | None", "int"), ("Optional[dict[str, int]]", "dict"), ("list[str]", "strlist"),
    ("Decimal", "object"), ("decimal.Decimal", "object"), ("int | str", None), ("Any", None), ("Callable", None),
])
def test_evidence_types_map_to_kinds(typ: str, kind: str | None) -> None:
    assert kind_of_type(typ) == kind


# ---- 2. a library noted where a function uses it ------------------------------------------------------

def test_a_library_is_noted_at_its_first_use_in_each_function() -> None:
    src = (
        "import re\n"
        "from datetime import datetime\n"
        "def f(s):\n"
        "    return re.match('a+', s)\n"  # 4
        "def g(s):\n"
        "    x = re.sub('a', 'b', s)\n"  # 6: the first use of re in g
        "    y = re.split(',', s)\n"  # 7: not again
        "    return datetime.now(), x, y\n"  # 8: datetime, once
        "def h():\n"
        "    return 1\n"
    )
    notes = notes_for(src)
    re_notes = [n for n in notes if n.rule == "import-go-stdlib" and n.message.startswith(("re ", "`re."))]
    assert [n.line for n in re_notes] == [1, 4, 6]
    assert "`re.sub(…)` here" in re_notes[2].message
    dt = [n.line for n in notes if n.rule == "import-go-stdlib" and "datetime" in n.message]
    assert dt == [2, 8]
    assert not [n for n in notes if 9 <= n.line <= 10]


# ---- 3. one rule's notes in one function grouped ------------------------------------------------------

def test_repeats_of_one_rule_in_one_function_are_one_note_listing_the_lines() -> None:
    src = (
        "def f(d: dict, k, j, i):\n"
        "    a = d[k]\n"  # 2
        "    b = 1\n"
        "    c = d[j]\n"  # 4
        "    def inner(e: dict):\n"
        "        return e[k]\n"  # 6: its own function
        "    return a + c + d[i]\n"  # 7
        "X = {}\n"
        "Y = X['a']\n"  # 9: module level, not grouped
        "Z = X['b']\n"  # 10
    )
    notes = [n for n in notes_for(src) if n.rule == "dict-index-keyerror"]
    assert [(n.line, n.end_line) for n in notes] == [(2, 7), (6, 6), (9, 9), (10, 10)]
    assert notes[0].message.startswith("Lines 2, 4, 7: ")
    assert not notes[1].message.startswith("Line")


def test_notes_with_different_advice_stay_apart() -> None:
    src = "def f(s: str):\n    a = s.split(',', 1)\n    c = s.split()\n    d = s.split(',', 1)\n    return a, c, d\n"
    notes = [n for n in notes_for(src) if n.rule == "str-split"]
    assert sorted((n.line, n.end_line) for n in notes) == [(2, 4), (3, 3)]


def test_grouping_shrinks_a_long_function() -> None:
    body = "".join(f"    x{i} = d[k{i}]\n" for i in range(30))
    src = "def f(d: dict, " + ", ".join(f"k{i}" for i in range(30)) + "):\n" + body + "    return 1\n"
    notes = [n for n in notes_for(src) if n.rule == "dict-index-keyerror"]
    assert len(notes) == 1 and (notes[0].line, notes[0].end_line) == (2, 31)
    assert notes[0].message.startswith("Lines 2, 3, 4, ") and ", 31: " in notes[0].message


# ---- 4. no note claims a type the evidence contradicts ----------------------------------------------

DECIMALS = (
    "from decimal import Decimal\n"
    "def f(a: Decimal, b: Decimal, n: int, m: int):\n"
    "    return a / b, a // b, a % b, n / m, n // m\n"  # 3
    "def g(x, y):\n"
    "    q = Decimal(x) / 3\n"  # 5
    "    return (x / y).to_integral(), q\n"  # 6: a Decimal-only method on the quotient
    "def h(p, r):\n"
    "    p.quantize(r)\n"  # 8: p is a Decimal
    "    return p / r, p // r\n"  # 9
)


def test_division_on_decimals_is_not_called_float_or_int_division() -> None:
    notes = notes_for(DECIMALS)
    div = [n for n in notes if n.rule in ("true-division", "floor-division", "modulo-sign")]
    assert [(n.rule, n.line) for n in div] == [("floor-division", 3), ("true-division", 3)]
    assert all("float" not in n.message or n.rule == "true-division" for n in div)


def test_evidence_of_a_class_silences_division_of_unannotated_params() -> None:
    src = "def f(a, b):\n    return a / b, a // b\n"
    assert {"true-division", "floor-division"} <= {n.rule for n in notes_for(src)}
    quiet = notes_for(src, {1: {"a": kind_of_type("Fraction") or ""}})
    assert not {"true-division", "floor-division"} & {n.rule for n in quiet}


# ---- on a real untyped library ------------------------------------------------------------------------

def test_isodate_fquotmod_divides_decimals(tmp_path: Path) -> None:
    shutil.copytree(ISODATE, tmp_path / "isodate")
    raw = (tmp_path / "isodate/duration.py").read_bytes()
    notes = module_notes(parse_module("isodate/duration.py", raw))
    line = next(i for i, s in enumerate(raw.decode().splitlines(), 1) if "(a / b).to_integral" in s)
    assert ("true-division", line) not in rules_at(notes)
    assert any(n.rule == "modulo-sign" for n in notes)  # year % 400 on ints is still noted


def test_isodate_parameters_get_kinds_and_library_notes_land_in_functions(tmp_path: Path) -> None:
    shutil.copytree(ISODATE, tmp_path / "isodate")
    raw = (tmp_path / "isodate/isodatetime.py").read_bytes()
    kinds = usage_kinds(parse_python(raw).root_node)
    lines = raw.decode().splitlines()
    def_line = next(i for i, s in enumerate(lines, 1) if s.startswith("def parse_datetime("))
    assert kinds[def_line]["datetimestring"] == "str"  # datetimestring.split("T")
    notes = module_notes(parse_module("isodate/isodatetime.py", raw))
    end = next(i for i, s in enumerate(lines[def_line:], def_line + 1) if s.startswith("def ")) - 1
    in_func = [n for n in notes if def_line <= n.line <= end]
    assert any(n.rule.startswith("import-") for n in in_func)  # what it uses, in its own notes panel


def test_cli_and_review_screen_give_the_same_notes(tmp_path: Path) -> None:
    shutil.copytree(ISODATE, tmp_path / "isodate")
    project = Project(tmp_path)
    cli = {ns[0].path: ns for ns in tree_notes(tmp_path, tmp_path, jobs=1) if ns}
    assert cli
    for path, notes in cli.items():
        assert project.module_notes(path) == notes, path
