"""Type evidence: annotations, doctests, usage, callers and traces, and the order that decides."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from gotui.evidence.infer import TraceSummary, infer_package, parse_sources
from gotui.evidence.model import ORDER, Evidenced, TypeEvidence, TypeTable, UnitEvidence, parse_term, spell, term_of_value, unify
from gotui.evidence.trace import TraceError, merge_outputs, run_trace


def evidence(src: str, traces=None, path: str = "m.py"):
    return {k[1]: e for k, e in infer_package(parse_sources({path: textwrap.dedent(src)}), traces).items()}


def sig(e: UnitEvidence) -> dict[str, tuple[str, str] | None]:
    return {k: (v.type, v.source) if v else None for k, v in e.signature().items()}


def test_annotations_forward_refs_optional_unions_and_aliases():
    ev = evidence('''
        from typing import Optional, Union, List, Dict
        Table = dict[str, list[int]]
        def f(a: "Optional[int]", b: str | None, c: Union[float, None], d: Table, e: List["Node"], g: Dict[str, int] = None) -> "tuple[int, str]":
            pass
    ''')["f"]
    assert sig(ev) == {"a": ("int | None", "annotation"), "b": ("str | None", "annotation"),
                       "c": ("float | None", "annotation"), "d": ("dict[str, list[int]]", "annotation"),
                       "e": ("list[Node]", "annotation"), "g": ("dict[str, int] | None", "annotation"),
                       "return": ("tuple[int, str]", "annotation")}


def test_doctest_examples_read_statically_without_running():
    ev = evidence('''
        def is_prime(n):
            """Is n prime?

            >>> is_prime(6)
            False
            >>> is_prime(7)
            True
            >>> is_prime(-1)
            Traceback (most recent call last):
            ValueError: negative
            """
            raise SystemExit("never run")
    ''')["is_prime"]
    assert sig(ev) == {"n": ("int", "doctest"), "return": ("bool", "doctest")}
    assert [(c.args, c.expected, c.raises) for c in ev.doctests] == [((6,), False, None), ((7,), True, None), ((-1,), None, "ValueError")]


def test_a_text_a_module_pattern_reads_is_a_str():
    ev = evidence('''
        import re

        TZ_RE = re.compile(r"[+-][0-9]{2}")

        def parse_tzinfo(tzstring):
            return TZ_RE.match(tzstring) is not None

        def squeeze(text, mark):
            return TZ_RE.sub(mark, text)

        def shadowed(TZ_RE, s):
            return TZ_RE.match(s)
    ''')
    assert sig(ev["parse_tzinfo"])["tzstring"] == ("str", "usage")
    assert ev["parse_tzinfo"].best("tzstring").detail == "line 7: TZ_RE.match(…tzstring)"
    assert sig(ev["squeeze"])["text"] == ("str", "usage") and sig(ev["squeeze"])["mark"] is None
    assert sig(ev["shadowed"])["s"] is None  # a parameter of that name is not the pattern


def test_usage_in_the_body():
    ev = evidence('''
        def words(text, sep=None, limit=0):
            out = []
            for w in text.split(sep):
                if len(out) < limit:
                    out.append(w.upper())
            return out

        def half(n):
            return n // 2

        def price(x):
            return f"{x:.2f}"

        def lookup(d):
            for k, v in d.items():
                pass
            return d["key"] is None
    ''')
    assert sig(ev["words"]) == {"text": ("str", "usage"), "sep": None, "limit": ("int", "usage"), "return": ("list[str]", "usage")}
    assert sig(ev["half"]) == {"n": ("int", "usage"), "return": ("int", "usage")}
    assert sig(ev["price"]) == {"x": ("float", "usage"), "return": ("str", "usage")}
    assert sig(ev["lookup"]) == {"d": ("dict[str, Any]", "usage"), "return": ("bool", "usage")}
    detail = ev["words"].best("text").detail
    assert "line 4" in detail and "text.split()" in detail


def test_callers_across_modules_and_methods():
    trees = parse_sources({
        "pkg/a.py": "def scale(x, factor):\n    return x\n",
        "pkg/b.py": textwrap.dedent('''
            from pkg.a import scale
            class Box:
                def __init__(self, w):
                    self.w = w
                def grow(self, by):
                    return scale(by, 2.5)
                def twice(self):
                    return self.grow(3)
            def make():
                return Box("wide")
        '''),
    })
    ev = {k[1]: e for k, e in infer_package(trees).items()}
    assert ev["scale"].best("factor").type == "float" and ev["scale"].best("factor").source == "callers"
    assert ev["scale"].best("factor").detail == "pkg/b.py:7"
    assert ev["Box.grow"].best("by") == TypeEvidence("int", "callers", "pkg/b.py:9")
    assert ev["Box.__init__"].best("w").type == "str"


def test_a_parameter_passed_on_unchanged_takes_the_callees_known_type():
    ev = evidence('''
        def parse(text: str, base: int) -> int:
            return int(text, base)

        def words(line):
            return line.split()

        def read(raw, b):
            return parse(raw, base=b)

        def count(s):
            return len(words(s))

        def clean(raw):
            raw = raw or "0"
            return parse(raw, 10)
    ''')
    assert ev["read"].best("raw") == TypeEvidence("str", "usage", "line 9: passed to parse(text)")
    assert ev["read"].best("b") == TypeEvidence("int", "usage", "line 9: passed to parse(base)")
    # a callee whose parameter is known by its own usage passes that on too
    assert ev["count"].best("s") == TypeEvidence("str", "usage", "line 12: passed to words(line)")
    # rebound before the call: the value passed may not be the parameter's
    assert ev["clean"].best("raw") is None


def test_the_stated_order_decides_and_every_guess_keeps_its_source():
    src = '''
        def f(x: int, y, z):
            """
            >>> f(1, "a", 2)
            3
            """
            return x + z * 1.5
    '''
    trace = {("m.py", "f", 2): TraceSummary(40, {"y": {"bytes": 40}, "z": {"int": 30, "float": 10}}, {"float": 40})}
    ev = evidence(src, trace)["f"]
    assert ORDER == ("annotation", "trace", "doctest", "callers", "usage")
    assert sig(ev) == {"x": ("int", "annotation"), "y": ("bytes", "trace"), "z": ("float", "trace"), "return": ("float", "trace")}
    assert ev.best("z").label() == "trace: 40 calls"
    assert {g.source for g in ev.guesses["z"]} == {"trace", "doctest", "usage"}
    assert ev.describe()[0] == "x: int  (annotation)"


def test_none_default_makes_the_winner_optional():
    ev = evidence("def f(n=None):\n    return n + 1\n")["f"]
    assert ev.best("n").type == "int | None"


def test_a_none_check_in_the_body_makes_a_traced_type_optional():
    # the tests never passed None (the trace says str), but the body handles it: the contract includes None
    src = "def f(name, sign='+'):\n    if name is None or name == '':\n        return None\n    return sign + name\n"
    trace = {("m.py", "f", 1): TraceSummary(44, {"name": {"str": 44}, "sign": {"str": 44}}, {"str": 44})}
    ev = evidence(src, trace)["f"]
    assert ev.best("name").type == "str | None" and ev.best("name").source == "trace"
    assert ev.best("sign").type == "str"


def test_evidenced_keeps_the_source_of_the_best_type():
    trace = {("m.py", "f", 1): TraceSummary(56, {"val": {"Decimal": 56}}, {"int": 56})}
    ev = evidence("def f(val):\n    return int(val)\n", trace)["f"]
    text = Evidenced.of(ev.best("val"))
    assert text == "Decimal" and text.source == "trace: 56 calls"
    usage = evidence("def g(s):\n    return s.split()\n")["g"]
    assert Evidenced.of(usage.best("s")).source.startswith("usage: line 2")


def test_a_trace_of_several_types_says_so_in_the_table():
    seen = {"int": 40, "str": 30, "tuple[int]": 5, "tuple[str]": 2, "float": 1}
    trace = {("m.py", "f", 1): TraceSummary(78, {"key": seen}, {"int": 78})}
    ev = evidence("def f(key):\n    return 1\n", trace)["f"]
    assert ev.best("key") is None
    table = ev.table()
    assert isinstance(table, TypeTable) and "key" not in table and table["return"] == "int"
    assert table.unknown == {"key": "the trace saw values of several types (78 calls: int, str, tuple[int], tuple[str] and 1 more)"}


def test_unify_and_spelling_round_trip():
    assert unify("int", "float") == "float"
    assert unify("int", "None") == ("opt", "int")
    assert unify(("list", "?"), ("list", "str")) == ("list", "str")
    assert unify("str", "int") == "Any"
    # tuples of several lengths, or a tuple and a sequence (`opts=()` joined as str): tuple[X, ...],
    # which the terms spell list[X] (as the annotation `tuple[str, ...]` reads); items that disagree: Any
    assert unify(("tuple", ()), ("tuple", ("str",))) == ("list", "str")
    assert unify(("tuple", ()), ("list", "str")) == ("list", "str")
    assert unify(("tuple", ("int", "int")), ("tuple", ("int",))) == ("list", "int")
    assert unify(("tuple", ("int", "str")), ("tuple", ("int",))) == "Any"
    for text in ["int", "dict[str, list[int]]", "tuple[int, str]", "list[int] | None"]:
        assert spell(parse_term(text)) == text
    assert spell(term_of_value({"a": [1, 2.5]})) == "dict[str, list[float]]"


def test_evidence_on_a_real_untyped_library():
    src = Path(__file__).resolve().parent.parent / "benchmarks/reallibs/vendor/isodate-0.7.2/src/isodate"
    trees = parse_sources({str(p.relative_to(src)): p.read_text("utf-8") for p in src.rglob("*.py")})
    ev = {k[1]: e for k, e in infer_package(trees).items()}
    params = [e.best(p) for e in ev.values() for p in e.params]
    assert len(ev) >= 40
    assert sum(1 for b in params if b) / len(params) >= 0.5


# ---- gotui trace -----------------------------------------------------------------------------------

def test_trace_records_types_samples_and_self_state(tmp_path: Path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "__init__.py").write_text(textwrap.dedent('''
        class Counter:
            __slots__ = ("n",)
            def __init__(self, n):
                self.n = n
            def add(self, k):
                self.n += k
                return self.n
        def mean(xs):
            return sum(xs) / len(xs)
    '''))
    (tmp_path / "run.py").write_text(textwrap.dedent('''
        from lib import Counter, mean
        c = Counter(1)
        for i in range(1000):
            c.add(i % 3)
        print(mean([1, 2, 4]))
    '''))
    run = run_trace(tmp_path, tmp_path / "lib", [sys.executable, "run.py"], timeout=60)
    assert run.exit_code == 0 and not run.timed_out
    units = {u.qualname: u for u in run.units}
    assert units["Counter.add"].calls == 1000
    assert units["Counter.add"].types() == {"k": "int", "return": "int"}
    # de-duplicated by arguments and receiver state: the receiver's n grows, so every call is new
    # until the bound (20 samples a function)
    samples = units["Counter.add"].samples
    assert len(samples) == 20 and len({repr((s["args"], s["self"])) for s in samples}) == 20
    assert units["Counter.add"].samples[0]["self"] == {"__class__": "Counter", "attrs": {"n": 1}}
    assert units["mean"].types() == {"xs": "list[int]", "return": "float"}
    assert units["mean"].line == 9 and units["mean"].path == "lib/__init__.py"


def test_trace_keeps_what_it_gathered_from_a_hanging_command(tmp_path: Path):
    (tmp_path / "lib.py").write_text("def f(x):\n    return x * 2\n")
    (tmp_path / "hang.py").write_text("import time, lib\nlib.f(2)\ntime.sleep(600)\n")
    run = run_trace(tmp_path, tmp_path / "lib.py", [sys.executable, "hang.py"], timeout=4)
    assert run.timed_out and run.exit_code != 0
    assert [(u.qualname, u.calls) for u in run.units] == [("f", 1)]


def test_trace_of_a_failing_command_and_of_no_command(tmp_path: Path):
    (tmp_path / "lib.py").write_text("def f(x):\n    raise ValueError(x)\n")
    (tmp_path / "fail.py").write_text("import lib\nlib.f('boom')\n")
    run = run_trace(tmp_path, tmp_path, [sys.executable, "fail.py"], timeout=60)
    assert run.exit_code == 1
    assert run.units[0].samples[0] == {"args": {"x": "boom"}, "raises": "ValueError"}
    with pytest.raises(TraceError, match="no such command"):
        run_trace(tmp_path, tmp_path, ["definitely-not-a-command-xyz"])
    with pytest.raises(TraceError, match="give a command"):
        run_trace(tmp_path, tmp_path, [])


def test_trace_bounds_samples_and_copes_with_uncopyable_values(tmp_path: Path):
    (tmp_path / "lib.py").write_text("def f(x):\n    return x\n")
    (tmp_path / "many.py").write_text(textwrap.dedent('''
        import lib, threading
        for i in range(200000):
            lib.f(i)
        lib.f(threading.Lock())
    '''))
    run = run_trace(tmp_path, tmp_path / "lib.py", [sys.executable, "many.py"], timeout=120, samples=5)
    (u,) = run.units
    assert u.calls == 200001 and len(u.samples) == 5
    # every call is counted; the look at the types thins out past the first calls, but a class
    # never seen before is always looked at: the one lock among 200,000 ints is not missed
    assert set(u.params["x"]) == {"int", "lock"} and u.params["x"]["lock"] == 1
    assert 1000 <= u.params["x"]["int"] < 20000


def test_trace_survives_a_generator_that_deletes_its_parameter(tmp_path: Path):
    # each resume of a generator is a "call" event; past the thinning, a skipped resume is checked
    # by its parameters' classes, and one it deleted must not break the tracer (nor the program)
    (tmp_path / "lib.py").write_text(textwrap.dedent('''
        def gen(items):
            first = items[0]
            del items
            yield first
            yield first + 1
        def twice(x):
            return x * 2
    '''))
    (tmp_path / "run.py").write_text(textwrap.dedent('''
        import lib
        total = sum(sum(lib.gen([i])) for i in range(3000))
        print(total, lib.twice(4))
    '''))
    run = run_trace(tmp_path, tmp_path / "lib.py", [sys.executable, "run.py"], timeout=60)
    assert run.exit_code == 0
    units = {u.qualname: u for u in run.units}
    assert units["gen"].calls >= 3000 and set(units["gen"].params["items"]) == {"list[int]"}
    assert units["twice"].calls == 1  # the tracer still ran after the deleted parameter


def test_merge_skips_a_torn_file(tmp_path: Path):
    (tmp_path / "trace.1.json").write_text('{"units": [{"path": "a.py", "qualname": "f", "line": 1, "calls": 2, "params": {"x": {"int": 2}}, "returns": {}, "samples": []}]}')
    (tmp_path / "trace.2.json").write_text('{"units": [')
    assert [(u.qualname, u.calls) for u in merge_outputs(tmp_path)] == [("f", 2)]


def test_aliases_under_type_checking_and_imported_from_a_sibling():
    trees = parse_sources({
        "pkg/_types.py": "from typing import Dict, Union\nPart = Union[int, None]\nTable = Dict[str, Part]\n",
        "pkg/num.py": textwrap.dedent('''
            from typing import TYPE_CHECKING
            from ._types import Table
            if TYPE_CHECKING:
                from typing import TypeAlias
                NumberOrString: TypeAlias = float | str
                Label = str | None
            FLAGS = 1 | 2

            def f(t: Table, n: "NumberOrString", lab: Label) -> int:
                return 1
        '''),
    })
    ev = {k[1]: e for k, e in infer_package(trees).items()}["f"]
    assert ev.best("t").type == "dict[str, int | None]"
    assert ev.best("n") is None  # float | str: no one type
    assert ev.best("lab").type == "str | None"
