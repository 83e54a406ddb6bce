"""The hazard engine: every rule fires on its hazard (at the marked line) and stays quiet on the safe form.

Each case is (rule, positive, negative). In a positive snippet the line that ends with `# !` is
where the note must point; a negative snippet must get no note of that rule (for the few rules
that give a reassuring `info` on the safe form, the case says so and only warnings are ruled out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gotui.parse.files import scan
from gotui.parse.hazards import LIBRARIES, RULES, RuleInfo, module_notes
from gotui.parse.hazards.engine import STRICT_ENV, walk
from gotui.parse.note import SEVERITIES, Note
from gotui.parse.units import ParsedModule, parse_module

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _strict(monkeypatch: pytest.MonkeyPatch) -> None:
    """A check that raises fails the test (users get count-and-continue; see engine.py)."""
    monkeypatch.setenv(STRICT_ENV, "1")


def notes_for(src: str, path: str = "m.py") -> list[Note]:
    return module_notes(parse_module(path, src.encode("utf-8")))


def marked_line(src: str) -> int:
    lines = [i + 1 for i, line in enumerate(src.split("\n")) if line.rstrip().endswith("# !")]
    assert len(lines) == 1, "a positive snippet marks exactly one line with `# !`"
    return lines[0]


@dataclass(frozen=True)
class Case:
    rule: str
    positive: str
    negative: str
    negative_info_ok: bool = False  # the safe form may still get an `info` note of this rule

    def __str__(self) -> str:
        return self.rule


CASES = [
    # ---- files
    Case("import-time-effect",
         "TABLE = []\ndef add(x):\n    TABLE.append(x)\nadd(1)  # !",
         "TABLE = [1]\nif __name__ == '__main__':\n    print(TABLE)\ntry:\n    import json\nexcept ImportError:\n    json = None"),
    # ---- dict -> map
    Case("dict-index-keyerror",
         "def f(prices: dict[str, int], sku: str) -> int:\n    return prices[sku]  # !",
         "def f(prices: dict[str, int], sku: str) -> int:\n    if sku in prices:\n        return prices[sku]\n    return 0"),
    Case("dict-get-none",
         "def f(order: dict):\n    note = order.get('note')  # !\n    return note",
         "def f(order: dict):\n    return order.get('note', '')"),
    Case("dict-get-default",
         "RATES = {'DE': 19}\ndef f(c):\n    return RATES.get(c, 20)  # !",
         "import requests\ndef f(url, params):\n    return requests.get(url, params)"),
    Case("nil-map-write",
         "from collections import defaultdict\ndef f(rows):\n    out = defaultdict(dict)\n    for a, b, n in rows:\n        out[a][b] = n  # !\n    return out",
         "def f(rows):\n    out = {}\n    for a, n in rows:\n        out[a] = n\n    return out"),
    Case("dict-setdefault",
         "def f(groups: dict, k, x):\n    groups.setdefault(k, []).append(x)  # !",
         "def f(groups: dict, k, x):\n    if k not in groups:\n        groups[k] = []\n    groups[k].append(x)"),
    Case("defaultdict",
         "from collections import defaultdict\nby_sku = defaultdict(list)  # !",
         "by_sku = registry.defaultdict(list)"),
    Case("counter",
         "from collections import Counter\ndef f(words):\n    return Counter(words)  # !",
         "def f(words):\n    c = {}\n    for w in words:\n        c[w] = c.get(w, 0) + 1\n    return c"),
    Case("map-iteration-order",
         "def pick(stock: dict[str, int], q: int) -> str:\n    for wh, n in stock.items():  # !\n        if n >= q:\n            return wh\n    return ''",
         "def total(stock: dict[str, int]) -> int:\n    t = 0\n    for wh, n in stock.items():\n        t += n\n    return t"),
    Case("json-key-order",
         "import json\ndef f(d):\n    return json.dumps(d)  # !",
         "import json\ndef f(d):\n    return json.dumps(d, sort_keys=True)"),
    Case("map-composite-key",
         "def f(stock: dict, wh: str, sku: str) -> int:\n    return stock[wh, sku]  # !",
         "def f(stock: dict, key: str) -> int:\n    return stock.get(key, 0)"),
    Case("map-mixed-values",
         "user = {'name': 'ann', 'age': 41}  # !",
         "ages = {'ann': 41, 'bob': 37}"),
    Case("dict-in",
         "def f(stock: dict, sku):\n    return sku in stock  # !",
         "def f(skus: list, sku):\n    return sku in skus"),
    Case("membership-test",
         "def f(c):\n    return c in ('DE', 'NL')  # !",
         "def f(c):\n    return c == 'DE' or c == 'NL'"),
    Case("dict-del",
         "def f(stock: dict, sku):\n    del stock[sku]  # !",
         "def f(stock: dict, sku):\n    if sku in stock:\n        del stock[sku]"),
    Case("dict-pop",
         "def f(cart: dict, sku):\n    return cart.pop(sku)  # !",
         "def f(items: list):\n    return items.pop()"),
    # ---- None -> nil
    Case("implicit-none-return",
         "def pick(xs, q):\n    for x in xs:\n        if x >= q:\n            return x  # !",
         "def pick(xs, q):\n    for x in xs:\n        if x >= q:\n            return x\n    return -1"),
    Case("none-return",
         "def f(xs):\n    if not xs:\n        return None  # !\n    return xs[0]",
         "def f(xs):\n    if not xs:\n        return -1\n    return xs[0]"),
    Case("is-none-check",
         "def f(order: dict):\n    note = order.get('note')\n    if note is not None:  # !\n        return note\n    return ''",
         "def f(note=None):\n    if note is None:\n        note = ''\n    return note"),
    Case("optional-param",
         "def find(name: str, limit: int | None = None):  # !\n    return name",
         "def find(name: str, limit: int):\n    return name"),
    Case("default-argument",
         "def add(sku, qty=1):  # !\n    return qty",
         "def add(sku, qty):\n    return qty"),
    Case("truthiness",
         "def f(items: list):\n    if not items:  # !\n        return 0\n    return 1",
         "def f(items: list):\n    if len(items) == 0:\n        return 0\n    return 1"),
    Case("or-default",
         "def f(order: dict):\n    items = order.get('items') or []  # !\n    return items",
         "def f(a: int, b: int) -> bool:\n    return a > 0 or b > 0"),
    Case("json-null",
         "import json\ndef f(body):\n    return json.loads(body)  # !",
         "import json\ndef f(data):\n    return json.dumps(data, sort_keys=True, separators=(',', ':'), ensure_ascii=False)"),
    # ---- numbers
    Case("floor-division",
         "def f(total: int, parts: int) -> int:\n    return total // parts  # !",
         "def f(xs: list) -> int:\n    return len(xs) // 2", negative_info_ok=True),
    Case("modulo-sign",
         "def f(offset: int, size: int) -> int:\n    return offset % size  # !",
         "def f(n: int) -> bool:\n    return n % 2 == 0"),
    Case("power-operator",
         "def f(x: int, n: int) -> int:\n    return x ** n  # !",
         "def f(x: int) -> int:\n    return x * x"),
    Case("unbounded-int",
         "def f(width: int) -> int:\n    return 1 << width  # !",
         "MASK = 1 << 8"),
    Case("round-half-even",
         "def f(x: float) -> int:\n    return round(x)  # !",
         "import math\ndef f(x: float) -> int:\n    return math.floor(x + 0.5)"),
    Case("true-division",
         "def avg(total: int, count: int):\n    return total / count  # !",
         "def avg(total: int, count: int):\n    return float(total) / count"),
    Case("int-parse-error",
         "def f(text: str) -> int:\n    return int(text)  # !",
         "def f(x: float) -> int:\n    return int(x)"),
    Case("float-format",
         "def f(ratio: float) -> str:\n    return str(ratio)  # !",
         "def f(n: int) -> str:\n    return str(n)"),
    Case("zero-division",
         "def f(a, b):\n    try:\n        return a // b\n    except ZeroDivisionError:  # !\n        return 0",
         "def f(a, b):\n    if b == 0:\n        return 0\n    return a // b"),
    # ---- strings
    Case("str-index-bytes",
         "def f(name: str) -> str:\n    return name[0]  # !",
         "def f(names: list) -> str:\n    return names[0]"),
    Case("str-len-bytes",
         "def f(code: str) -> bool:\n    return len(code) > 8  # !",
         "def f(codes: list) -> bool:\n    return len(codes) > 8"),
    Case("negative-index",
         "def f(parts: list):\n    return parts[-1]  # !",
         "def f(parts: list):\n    return parts[len(parts) - 1]"),
    Case("slice-bounds",
         "def f(text: str):\n    return text[:80]  # !",
         "def f(xs: list, i: int):\n    return xs[i + 1:len(xs)]"),
    Case("slice-step",
         "def f(items: list):\n    return items[::-1]  # !",
         "def f(items: list):\n    return list(reversed(items))"),
    Case("sequence-repeat",
         "def f(width: int) -> str:\n    return '-' * width  # !",
         "def f(width: int) -> int:\n    return 2 * width"),
    Case("str-split",
         "def f(text: str):\n    prefix, year = text.split('-')  # !\n    return year",
         "def f(text: str):\n    return text.split('-')"),
    Case("str-strip-chars",
         "def f(path: str) -> str:\n    return path.rstrip('.py')  # !",
         "def f(path: str) -> str:\n    return path.strip()"),
    Case("percent-format",
         "def f(row):\n    return '%(sku)s: %i' % row  # !",
         "def f(year, seq):\n    return 'SO-%d-%06d' % (year, seq)"),
    Case("str-format-method",
         "def f(row):\n    return '{name}: {qty:,}'.format(**row)  # !",
         "def f(a, b):\n    return '{} and {}'.format(a, b)"),
    Case("fstring-format-spec",
         "def f(cents):\n    return f'{cents:02d}'  # !",
         "def f(name):\n    return f'hello {name}'"),
    # ---- control flow and errors
    Case("raise-error",
         "def f(q):\n    if q <= 0:\n        raise ValueError('q')  # !\n    return q",
         "def f(q):\n    if q <= 0:\n        return 0, 'q must be positive'\n    return q, ''"),
    Case("try-except",
         "def f(s):\n    try:\n        return g(s)\n    except LookupError:  # !\n        return 0",
         "def f(s):\n    return g(s)"),
    Case("broad-except",
         "def f():\n    try:\n        sync()\n    except Exception:  # !\n        pass",
         "def f():\n    try:\n        sync()\n    except OSError:\n        pass"),
    Case("try-finally",
         "def f(lock):\n    lock.acquire()\n    try:\n        work()\n    finally:  # !\n        lock.release()",
         "def f(lock):\n    with lock:\n        work()"),
    Case("exception-class",
         "class OutOfStock(Exception):  # !\n    pass",
         "class Stock:\n    pass"),
    Case("list-index-valueerror",
         "STATUSES = ['new', 'paid']\ndef f(s):\n    return STATUSES.index(s)  # !",
         "STATUSES = ['new', 'paid']\ndef f(s):\n    return s in STATUSES"),
    Case("loop-else",
         "def f(xs):\n    for x in xs:\n        if x:\n            break\n    else:  # !\n        return 1\n    return 0",
         "def f(xs):\n    for x in xs:\n        if x:\n            return 0\n    return 1"),
    Case("generator",
         "def evens(xs):\n    for x in xs:\n        yield x  # !",
         "def evens(xs):\n    return [x for x in xs if x % 2 == 0]"),
    Case("with-statement",
         "def f(p):\n    with open(p) as fh:  # !\n        return fh.read()",
         "def f(p):\n    fh = open(p)\n    data = fh.read()\n    fh.close()\n    return data"),
    Case("async-await",
         "async def fetch(url):  # !\n    return await get(url)",
         "def fetch(url):\n    return get(url)"),
    Case("global-statement",
         "_cache = None\ndef f():\n    global _cache  # !\n    _cache = 1",
         "_cache = {}\ndef f():\n    _cache['x'] = 1"),
    Case("nonlocal-statement",
         "def counter():\n    n = 0\n    def inc():\n        nonlocal n  # !\n        n += 1\n    return inc",
         "def counter():\n    box = [0]\n    def inc():\n        box[0] += 1\n    return inc"),
    Case("loop-closure-capture",
         "def f(handlers):\n    for i in range(3):\n        handlers.append(lambda: i)  # !",
         "def f(handlers):\n    for i in range(3):\n        handlers.append(lambda i=i: i)"),
    Case("chained-comparison",
         "def f(i, n):\n    return 0 <= i < n  # !",
         "def f(i, n):\n    return 0 <= i and i < n"),
    Case("assert-statement",
         "def f(q):\n    assert q > 0  # !\n    return q",
         "def f(q):\n    if q <= 0:\n        raise ValueError(q)\n    return q"),
    Case("match-statement",
         "def f(cmd):\n    match cmd:  # !\n        case ['go', d]:\n            return d\n        case _:\n            return ''",
         "def f(cmd):\n    if cmd[0] == 'go':\n        return cmd[1]\n    return ''"),
    # ---- functions, classes, dynamic features
    Case("mutable-default-arg",
         "def walk(node, seen=set()):  # !\n    return seen",
         "def walk(node, seen=None):\n    if seen is None:\n        seen = set()\n    return seen"),
    Case("star-args",
         "def total(*prices):  # !\n    return sum(prices)",
         "def total(prices: list):\n    return sum(prices)"),
    Case("kwargs",
         "def connect(host, **opts):  # !\n    return host",
         "def connect(host, timeout):\n    return host"),
    Case("dynamic-attr",
         "def f(obj, event):\n    return getattr(obj, 'on_' + event)  # !",
         "def f(obj):\n    return obj.on_save"),
    Case("eval-exec",
         "def f(expr):\n    return eval(expr)  # !",
         "import ast\ndef f(expr):\n    return ast.literal_eval(expr)"),
    Case("isinstance-check",
         "def f(v):\n    if isinstance(v, str):  # !\n        return v\n    return ''",
         "def f(v: str):\n    return v"),
    Case("sort-stability",
         "def f(rows):\n    rows.sort(key=lambda r: r.total)  # !",
         "def f(names: list):\n    return sorted(names)"),
    Case("class-inheritance",
         "class Shipping:\n    pass\nclass Express(Shipping):  # !\n    pass",
         "from enum import Enum\nclass Color(Enum):\n    RED = 1"),
    Case("operator-overload",
         "class P:\n    def __str__(self):  # !\n        return 'p'",
         "class P:\n    def name(self):\n        return 'p'"),
    Case("decorator",
         "import functools\n@functools.lru_cache(maxsize=None)  # !\ndef f(x):\n    return x",
         "class A:\n    @property\n    def x(self):\n        return 1"),
    Case("zip-truncate",
         "def f(a, b):\n    return list(zip(a, b))  # !",
         "def f(a, b):\n    return list(zip(a, b, strict=True))"),
    Case("json-dumps-format",
         "import json\ndef f(d):\n    return json.dumps(d, sort_keys=True)  # !",
         "import json\ndef f(d):\n    return json.dumps(d, sort_keys=True, separators=(',', ':'), ensure_ascii=False)"),
    # ---- libraries
    Case("import-go-stdlib", "import json  # !", "import os"),
    Case("import-go-module", "from decimal import Decimal  # !", "from .money import Decimal"),
    Case("import-no-go-equivalent", "import pandas as pd  # !", "import math"),
    Case("regex-re2",
         "import re\nPAT = re.compile(r'(\\w)\\1')  # !",
         "import re\nPAT = re.compile(r'\\w+')"),
    Case("regex-match-anchor",
         "import re\ndef f(s):\n    return re.match(r'SO-\\d+', s)  # !",
         "import re\ndef f(s):\n    return re.search(r'SO-\\d+', s)"),
    Case("datetime-naive",
         "from datetime import datetime\nstamp = datetime.now()  # !",
         "from datetime import datetime, timezone\nstamp = datetime.now(timezone.utc)"),
    Case("datetime-format",
         "def f(d):\n    return d.strftime('%Y-%m-%d')  # !",
         "def f(d):\n    return d.year"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_at_the_marked_line(case: Case) -> None:
    notes = [n for n in notes_for(case.positive) if n.rule == case.rule]
    line = marked_line(case.positive)
    assert [n.line for n in notes] == [line], notes
    note = notes[0]
    assert note.severity in SEVERITIES and note.message and note.go_hint
    assert note.path == "m.py" and note.end_line >= note.line


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_quiet_on_the_safe_form(case: Case) -> None:
    notes = [n for n in notes_for(case.negative) if n.rule == case.rule]
    if case.negative_info_ok:
        notes = [n for n in notes if n.severity != "info"]
    assert notes == []


# ---- the rule table ------------------------------------------------------------------------------


def test_every_rule_has_a_case_and_the_table_is_complete() -> None:
    engine_only = {"file-skipped", "syntax-error"}  # tested below on whole files
    assert {c.rule for c in CASES} == set(RULES) - engine_only
    assert len(RULES) >= 80
    assert len({c.rule for c in CASES}) == len(CASES), "one case per rule"


@pytest.mark.parametrize("info", list(RULES.values()), ids=lambda r: r.id)
def test_rule_info_is_well_formed(info: RuleInfo) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", info.id)
    assert info.severity in SEVERITIES
    assert info.title and info.why.endswith(".") and info.go
    assert info.py_example and info.go_example


def test_docs_cover_every_rule() -> None:
    doc = (ROOT / "docs" / "hazards.md").read_text(encoding="utf-8")
    for rule_id, info in RULES.items():
        assert f"`{rule_id}`" in doc, rule_id
        assert info.go_example.split("\n")[0] in doc, rule_id


def test_library_table_rules_exist() -> None:
    for name, lib in LIBRARIES.items():
        assert lib.rule is None or lib.rule in RULES, name
        assert lib.rule is None or lib.advice, name


# ---- files as a whole ----------------------------------------------------------------------------


def test_skipped_file_gets_one_info_note() -> None:
    notes = module_notes(parse_module("data.py", b"\x00\x01binary"))
    assert [(n.rule, n.severity, n.line) for n in notes] == [("file-skipped", "info", 1)]
    assert "binary" in notes[0].message


def test_not_utf8_file_is_skipped() -> None:
    notes = module_notes(parse_module("latin.py", "x = 'caf\xe9'\n".encode("latin-1")))
    assert [n.rule for n in notes] == ["file-skipped"]


def test_syntax_error_note_points_at_the_error_and_the_rest_is_still_noted() -> None:
    src = "import json\n\ndef ok(total: int, parts: int) -> int:\n    return total // parts\n\ndef broken(:\n    pass\n"
    notes = notes_for(src)
    errors = [n for n in notes if n.rule == "syntax-error"]
    assert len(errors) == 1 and errors[0].line == 6 and errors[0].severity == "risk"
    assert ("floor-division", 4) in [(n.rule, n.line) for n in notes]
    assert ("import-go-stdlib", 1) in [(n.rule, n.line) for n in notes]


def test_module_without_tree_gets_no_notes() -> None:
    assert module_notes(ParsedModule(path="x.py")) == []


def test_notes_are_sorted_deduplicated_and_use_the_module_path() -> None:
    src = "def f(text: str):\n    a, b = text.split('-')\n    return int(a), int(b)\n"
    notes = notes_for(src, path="pkg/mod.py")
    assert notes == sorted(notes)
    assert all(n.path == "pkg/mod.py" for n in notes)
    # int(a) and int(b) on one line say the same thing: one note
    assert [n.rule for n in notes].count("int-parse-error") == 1


# ---- lines, severities and variants --------------------------------------------------------------


def test_note_points_at_the_expression_line_not_the_function() -> None:
    src = "def f(prices: dict, sku: str):\n    total = 0\n    total += 1\n    return (\n        prices[sku]\n    )\n"
    [note] = [n for n in notes_for(src) if n.rule == "dict-index-keyerror"]
    assert (note.line, note.end_line) == (5, 5)


def test_floor_division_of_non_negative_operands_is_info() -> None:
    src = "def f(xs: list, cents: int):\n    a = len(xs) // 2\n    cents = abs(cents)\n    return cents // 100\n"
    notes = [n for n in notes_for(src) if n.rule == "floor-division"]
    assert [(n.line, n.end_line, n.severity) for n in notes] == [(2, 4, "info")]  # one note of both lines
    assert notes[0].message.startswith("Lines 2, 4: ")


def test_floor_division_on_floats_suggests_math_floor() -> None:
    [note] = [n for n in notes_for("def f(x: float):\n    return x // 2\n") if n.rule == "floor-division"]
    assert "math.Floor" in note.go_hint


def test_get_with_zero_default_says_plain_index_does_it() -> None:
    [note] = [n for n in notes_for("def f(items: dict, sku):\n    return items.get(sku, 0)\n") if n.rule == "dict-get-default"]
    assert note.severity == "info" and "zero value" in note.message


def test_environ_get_mentions_lookupenv() -> None:
    [note] = [n for n in notes_for("import os\nx = os.environ.get('HOME')\n") if n.rule == "dict-get-none"]
    assert "LookupEnv" in note.go_hint


def test_keyerror_guards() -> None:
    src = (
        "def f(d: dict, k, ks: list):\n"
        "    if k not in d:\n"
        "        return 0\n"
        "    a = d[k]\n"  # guarded by the early return
        "    b = d[k] if k in d else 0\n"  # guarded by the conditional
        "    c = k in d and d[k]\n"  # guarded by `and`
        "    for key in d:\n"
        "        a += d[key]\n"  # iterating the keys
        "    d['x'] = 1\n"
        "    a += d['x']\n"  # written just before
        "    best = max(d, key=lambda q: d[q])\n"  # key function over the same dict
        "    return a + b + c + best + d[ks[0]]\n"  # not guarded
    )
    lines = [n.line for n in notes_for(src) if n.rule == "dict-index-keyerror"]
    assert lines == [12]


def test_string_key_on_unknown_value_is_taken_for_a_dict_but_typing_is_not() -> None:
    src = "from typing import Literal\nMode = Literal['a', 'b']\ndef f(order):\n    return order['customer']\n"
    lines = [n.line for n in notes_for(src) if n.rule == "dict-index-keyerror"]
    assert lines == [4]


def test_defaultdict_reads_are_not_keyerrors() -> None:
    src = "from collections import defaultdict\ndef f(keys):\n    d = defaultdict(int)\n    return [d[k] for k in keys]\n"
    assert "dict-index-keyerror" not in [n.rule for n in notes_for(src)]


def test_nil_map_write_variants() -> None:
    src = (
        "class Cart:\n"
        "    def __init__(self):\n"
        "        self.items: dict[str, int] = {}\n"
        "        self.items['x'] = 0\n"  # the constructor makes the map: fine
        "    def add(self, sku, n):\n"
        "        self.items[sku] = n\n"
        "        self.items[sku + '!'] = n\n"  # once per field per method is enough
        "def g(cache: dict | None = None):\n"
        "    cache['k'] = 1\n"
        "def h(levels: dict, wh, sku):\n"
        "    levels[wh][sku] = 1\n"
    )
    notes = [n for n in notes_for(src) if n.rule == "nil-map-write"]
    assert [(n.line, n.severity) for n in notes] == [(6, "warning"), (9, "warning"), (11, "warning")]
    assert "Cart{}" in notes[0].message and "NewCart" in notes[0].go_hint


def test_defaultdict_of_dicts_inner_write_is_a_risk() -> None:
    src = "from collections import defaultdict\nd = defaultdict(dict)\nd['a']['b'] = 1\n"
    [note] = [n for n in notes_for(src) if n.rule == "nil-map-write"]
    assert (note.line, note.severity) == (3, "risk")


def test_iteration_order_only_when_the_order_shows() -> None:
    src = (
        "def f(d: dict):\n"
        "    keys = [k for k in d]\n"  # a list in dict order
        "    n = sum(v for v in d.values())\n"  # order doesn't matter
        "    s = sorted(k for k in d)\n"  # sorted: deterministic
        "    first = next(iter(d))\n"  # the first key
        "    out = {}\n"
        "    for k, v in d.items():\n"  # builds a map: fine
        "        out[k] = v\n"
        "    for k in d:\n"
        "        print(k)\n"  # prints in order
        "    return keys, n, s, first, out\n"
    )
    found = [n for n in notes_for(src) if n.rule == "map-iteration-order"]
    lines = sorted(int(x) for n in found for x in n.message.split(":")[0].replace("Line", "").replace("s", "").split(","))
    assert lines == [2, 5, 9]


def test_setdefault_append_mentions_storing_the_slice_back() -> None:
    [note] = [n for n in notes_for("def f(g: dict, k, x):\n    g.setdefault(k, []).append(x)\n") if n.rule == "dict-setdefault"]
    assert "m[k] = append(m[k], x)" in note.go_hint


def test_implicit_none_return_ignores_functions_that_always_return() -> None:
    src = (
        "def a(x):\n    if x:\n        return 1\n    else:\n        return 2\n"
        "def b(x):\n    try:\n        return int(x)\n    except ValueError:\n        raise\n"
        "def c(x):\n    while True:\n        if x:\n            return 1\n"
        "def d(x):\n    if x:\n        return 1\n    raise ValueError(x)\n"
        "def e(xs):\n    for x in xs:\n        yield x\n    return\n"  # a generator
        "def g(x):\n    with x:\n        return 1\n"
        "def h(x):\n    match x:\n        case 1:\n            return 'a'\n        case _:\n            return 'b'\n"
        "def i(x):\n    if x:\n        return 1\n    import sys\n    sys.exit(1)\n"
    )
    assert [n for n in notes_for(src) if n.rule == "implicit-none-return"] == []


def test_implicit_none_return_in_while_with_break_and_in_nested_function() -> None:
    src = (
        "def a(x):\n    while True:\n        if x:\n            break\n        return 1\n"
        "def outer(xs):\n    def inner(x):\n        if x:\n            return x\n    return [inner(x) for x in xs]\n"
    )
    notes = [n for n in notes_for(src) if n.rule == "implicit-none-return"]
    assert [n.line for n in notes] == [5, 9]
    assert "inner" in notes[1].message


def test_none_return_in_conditional_expression() -> None:
    [note] = [n for n in notes_for("def f(row):\n    return row[0] if row else None\n") if n.rule == "none-return"]
    assert note.line == 2


def test_optional_dict_parameter_hint_says_nil_map_works() -> None:
    [note] = [n for n in notes_for("def f(opts: dict | None = None):\n    return opts\n") if n.rule == "optional-param"]
    assert "nil" in note.go_hint


def test_default_argument_note_lists_all_defaults_once() -> None:
    [note] = [n for n in notes_for("def f(a, b=1, c='x', d=None):\n    return a\n") if n.rule == "default-argument"]
    assert "b, c" in note.message


def test_truthiness_hint_depends_on_the_kind() -> None:
    src = "def f(s: str, n: int, d: dict):\n    if s:\n        pass\n    if not n:\n        pass\n    return not d\n"
    hints = {n.line: n.go_hint for n in notes_for(src) if n.rule == "truthiness"}
    assert 's != ""' in hints[2] and "n == 0" in hints[4] and "len(d) == 0" in hints[6]


def test_modulo_of_non_negative_is_info_and_formatting_is_not_modulo() -> None:
    src = "def f(xs: list, year, seq):\n    a = len(xs) % 3\n    b = 'SO-%d-%06d' % (year, seq)\n    return a, b\n"
    notes = [n for n in notes_for(src) if n.rule in ("modulo-sign", "percent-format")]
    assert [(n.rule, n.line, n.severity) for n in notes] == [("modulo-sign", 2, "info")]


def test_power_of_literals_is_a_constant_and_big_ones_overflow() -> None:
    notes = notes_for("A = 2 ** 10\nB = 2 ** 70\nC = 123456789012345678901234567890\n")
    got = [(n.rule, n.line, n.severity) for n in notes]
    assert ("power-operator", 1, "info") in got
    assert ("unbounded-int", 2, "risk") in got and ("unbounded-int", 3, "risk") in got


def test_true_division_skips_paths_and_floats() -> None:
    src = "from pathlib import Path\nBASE_DIR = Path(__file__).parent\nDB = BASE_DIR / 'db.sqlite3'\ndef f(x: float, n: int):\n    return x / n, n / 2.0\n"
    assert [n for n in notes_for(src) if n.rule == "true-division"] == []


def test_len_divisor_warns_about_empty_input() -> None:
    notes = notes_for("def avg(xs: list, total: int):\n    return total / len(xs)\n")
    assert ("zero-division", 2, "info") in [(n.rule, n.line, n.severity) for n in notes]


def test_string_index_from_split_and_comprehension_variables() -> None:
    src = "def initials(name: str) -> str:\n    return ''.join(part[0] for part in name.split() if part)\n"
    rules = [n.rule for n in notes_for(src)]
    assert "str-index-bytes" in rules and "str-split" in rules


def test_split_variants() -> None:
    src = "def f(s: str):\n    a = s.split(',', 1)\n    b = s.rsplit('/', 1)\n    c = s.split()\n    return a, b, c\n"
    notes = {n.line: n for n in notes_for(src) if n.rule == "str-split"}
    assert "SplitN" in notes[2].go_hint and notes[2].severity == "warning"
    assert "LastIndex" in notes[3].go_hint
    assert "Fields" in notes[4].go_hint and notes[4].severity == "info"


def test_fstring_specs_map_to_verbs() -> None:
    [note] = [n for n in notes_for("def f(x, y, z):\n    return f'{x:>8} {y:.2f} {z:,} {x!r}'\n") if n.rule == "fstring-format-spec"]
    assert "`%8v`" in note.message and "`%.2f`" in note.message and "thousands" in note.message and "%q" in note.message


def test_float_in_fstring_without_spec() -> None:
    notes = notes_for("def f(a: int, b: int):\n    return f'{a / b}'\n")
    assert "float-format" in [n.rule for n in notes]


def test_strftime_hint_gives_the_go_layout() -> None:
    [note] = [n for n in notes_for("def f(d):\n    return d.strftime('%Y-%m-%d %H:%M')\n") if n.rule == "datetime-format"]
    assert '"2006-01-02 15:04"' in note.go_hint


def test_except_clause_messages_are_specific() -> None:
    src = "def f(d, k):\n    try:\n        return d[k]\n    except KeyError:\n        return 0\n"
    [note] = [n for n in notes_for(src) if n.rule == "try-except"]
    assert note.line == 4 and "v, ok := m[k]" in note.go_hint


def test_bare_except_is_broad() -> None:
    notes = notes_for("def f():\n    try:\n        g()\n    except:\n        pass\n")
    assert [(n.rule, n.line) for n in notes if n.rule in ("broad-except", "try-except")] == [("broad-except", 4)]


def test_raise_variants() -> None:
    src = (
        "class A:\n    def __init__(self, x):\n        if x < 0:\n            raise ValueError(x)\n"
        "    def run(self):\n        raise NotImplementedError\n"
        "def g():\n    try:\n        h()\n    except OSError as e:\n        raise RuntimeError('x') from e\n"
    )
    notes = {n.line: n for n in notes_for(src) if n.rule == "raise-error"}
    assert "NewT" in notes[4].go_hint and "interface" in notes[6].message and "%w" in notes[11].go_hint


def test_exception_hierarchy_is_called_out() -> None:
    src = "class ShopError(Exception):\n    pass\nclass OutOfStock(ShopError):\n    pass\n"
    notes = [n for n in notes_for(src) if n.rule == "exception-class"]
    assert [n.line for n in notes] == [1, 3] and "errors.Is" in notes[1].go_hint
    assert "class-inheritance" not in [n.rule for n in notes_for(src)]


def test_closure_called_in_the_loop_is_not_flagged() -> None:
    src = "def f(rows, cols):\n    for i in cols:\n        rows.sort(key=lambda r: r[i])\n    return rows\n"
    assert "loop-closure-capture" not in [n.rule for n in notes_for(src)]


def test_nested_def_in_loop_capturing_the_variable() -> None:
    src = "def f(names):\n    out = []\n    for n in names:\n        def hello():\n            return n\n        out.append(hello)\n    return out\n"
    assert ("loop-closure-capture", 4) in [(n.rule, n.line) for n in notes_for(src)]


def test_contextmanager_generator_is_explained_as_setup_and_cleanup() -> None:
    src = "from contextlib import contextmanager\n@contextmanager\ndef opened(p):\n    f = open(p)\n    yield f\n    f.close()\n"
    [note] = [n for n in notes_for(src) if n.rule == "generator"]
    assert note.line == 5 and "cleanup" in note.go_hint


def test_import_note_once_per_library_per_module() -> None:
    notes = notes_for("import json\nfrom json import dumps\ndef f():\n    import json\n")
    assert [n.line for n in notes if n.rule == "import-go-stdlib"] == [1]


def test_relative_and_trivial_imports_get_no_note() -> None:
    assert notes_for("from . import x\nfrom .y import z\nimport os, sys\nfrom typing import Optional\n") == []


def test_isinstance_int_mentions_bool() -> None:
    [note] = [n for n in notes_for("def f(v):\n    return isinstance(v, int)\n") if n.rule == "isinstance-check"]
    assert "bool" in note.message


def test_getattr_with_constant_name_is_info() -> None:
    [note] = [n for n in notes_for("def f(o):\n    return getattr(o, 'name')\n") if n.rule == "dynamic-attr"]
    assert note.severity == "info" and "x.Name" in note.go_hint


def test_annotations_are_not_checked() -> None:
    src = "def f(x: 'dict[str, int]', y: list[int] | set[int]) -> dict[str, list[int]]:\n    z: Literal['a'] = 'a'\n    return {}\n"
    assert [n.rule for n in notes_for(src)] == []


# ---- the example project, read as a Go reviewer would ---------------------------------------------


def test_shop_example_notes() -> None:
    result = scan(ROOT, ROOT / "examples" / "shop")
    notes = [n for m in result.modules for n in module_notes(m)]
    got = {(n.path.rsplit("/", 1)[-1], n.line, n.rule) for n in notes}
    expected = {
        ("cart.py", 18, "nil-map-write"),
        ("cart.py", 22, "dict-in"),
        ("cart.py", 34, "dict-index-keyerror"),  # self.prices[sku] while iterating self.items
        ("cart.py", 39, "truthiness"),
        ("cart.py", 51, "none-return"),
        ("cart.py", 52, "map-iteration-order"),  # max over a dict: ties
        ("inventory.py", 15, "dict-index-keyerror"),
        ("inventory.py", 35, "defaultdict"),
        ("inventory.py", 37, "nil-map-write"),
        ("inventory.py", 42, "map-iteration-order"),
        ("inventory.py", 44, "implicit-none-return"),
        ("orders.py", 17, "str-split"),
        ("orders.py", 20, "int-parse-error"),
        ("orders.py", 40, "list-index-valueerror"),
        ("orders.py", 46, "str-index-bytes"),
        ("orders.py", 50, "or-default"),
        ("orders.py", 59, "datetime-naive"),
        ("orders.py", 60, "json-dumps-format"),
        ("pricing.py", 13, "round-half-even"),
        ("pricing.py", 13, "true-division"),
        ("pricing.py", 19, "floor-division"),
        ("pricing.py", 23, "floor-division"),
        ("pricing.py", 24, "modulo-sign"),
    }
    assert expected <= got, expected - got
    # and nothing a Go reviewer would call wrong
    assert ("orders.py", 13, "percent-format") not in got  # %d and %06d carry over to fmt as is
    assert ("cart.py", 52, "dict-index-keyerror") not in got  # prices[sku] inside max(prices, key=...)
    assert ("orders.py", 60, "json-key-order") not in got  # sort_keys=True: Go sorts map keys too
    assert ("inventory.py", 23, "map-iteration-order") not in got  # sorted(...)
    assert ("inventory.py", 29, "map-iteration-order") not in got  # fills a map
    assert ("cart.py", 24, "dict-del") not in got  # guarded by `if sku not in self.items: return False`
    assert ("cart.py", 25, "dict-del") in got  # self.prices is another map
    severities = {(n.path.rsplit("/", 1)[-1], n.line, n.rule): n.severity for n in notes}
    assert severities[("pricing.py", 31, "floor-division")] == "info"  # cents = abs(cents) first
    assert severities[("inventory.py", 37, "nil-map-write")] == "risk"


# ---- never raises --------------------------------------------------------------------------------


def _no_failures(src: bytes) -> list[Note]:
    module = parse_module("f.py", src)
    notes = module_notes(module)
    assert walk(module).failures == 0
    assert notes == sorted(notes)
    assert all(n.rule in RULES and n.severity in SEVERITIES and 1 <= n.line <= n.end_line for n in notes)
    return notes


def test_deeply_nested_code_does_not_overflow() -> None:
    depth = 2000
    nested_if = "def f(x):\n" + "".join("    " * (i + 1) + f"if x > {i}:\n" for i in range(300)) + "    " * 301 + "return x // 2\n"
    parens = "x = " + "(" * depth + "a // b" + ")" * depth + "\n"
    calls = "x = " + "f(" * depth + "d['k']" + ")" * depth + "\n"
    lambdas = "f = " + "lambda: " * depth + "d['x']\n"
    chain = "x = " + " + ".join(f"a{i} // 2" for i in range(depth)) + "\n"
    bools = "x = " + " or ".join(f"a{i}" for i in range(depth)) + " or []\n"
    for src in (nested_if, parens, calls, lambdas, chain, bools):
        assert _no_failures(src.encode())


def test_error_nodes_do_not_break_checks() -> None:
    src = b"def f(:\n  return d[\nclass X(:\n  x = {1: 'a', 2: 3}\nprint 'x'\nfor x in y.items(): return\nimport\nfrom . import\nx = f'{'\n"
    notes = _no_failures(src)
    assert notes[0].rule == "syntax-error"


PYISH = st.lists(
    st.sampled_from(["def ", "class ", "f", "(", ")", "[", "]", "{", "}", ":", ",", "=", ".", "'a'", "\"b\"", "f'{x:02d}'",
                     "1", "-1", "None", "x", "d", "k", " in ", " not ", " or ", " and ", " is ", "//", "%", "**", "/", "*",
                     "lambda ", "yield ", "return ", "for ", "while ", "if ", "else", "try", "except", "finally", "with ",
                     "import json", "from re import match", "\n", "\n    ", "\n        ", " ", "#", "@", "del ", "global x",
                     ".get(", ".items()", ".split(", "json.dumps(", "re.compile(r'(?=a)')", "super().", "async ", "await "]),
    max_size=80,
).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PYISH)
def test_fuzz_python_like_text_never_raises(src: str) -> None:
    _no_failures(src.encode())


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_bytes_never_raise(raw: bytes) -> None:
    module = parse_module("b.py", raw)
    notes = module_notes(module)
    assert all(n.rule in RULES for n in notes)
