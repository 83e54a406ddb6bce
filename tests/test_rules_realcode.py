"""The rules backend on what real libraries need: types from evidence (docs/evidence.md), names that must not clash
in one package, decorators, __slots__, classmethods, more str methods."""

from __future__ import annotations

import re
import textwrap

from gotui.golang.helpers import helper_source
from gotui.golang.names import go_func_name
from gotui.golang.toolchain import require_toolchain
from gotui.llm.base import CONVERTED, PARTIAL, TranslationRequest
from gotui.llm.rules import RulesTranslator
from gotui.evidence.model import Evidenced, TypeTable
from gotui.parse.units import ParsedModule, parse_module
from test_rules_support import build_and_vet  # noqa: E402


def module(src: str, path: str = "pkg/mod.py") -> ParsedModule:
    return parse_module(path, textwrap.dedent(src).encode())


def run(mods: list[ParsedModule], qualname: str, evidence: dict[str, str] | None = None, tr: RulesTranslator | None = None):
    tr = tr or RulesTranslator(modules=mods)
    m = next(m for m in mods if any(u.qualname == qualname for u in m.units))
    unit = next(u for u in m.units if u.qualname == qualname)
    return tr.translate(TranslationRequest(unit=unit, module=m, evidence=evidence or {}))


def test_doctest_evidence_types_an_unannotated_function():
    m = module('''
        def is_prime(n):
            """
            >>> is_prime(7)
            True
            """
            if n < 2:
                return False
            return all(n % d != 0 for d in range(2, n))
    ''')
    t = run([m], "is_prime")
    assert t.status == CONVERTED, t.error
    assert "func IsPrime(n int) bool {" in t.go


def test_request_evidence_is_used_when_the_source_has_no_annotation():
    m = module('''
        def shout(text):
            return text.upper() + "!"
    ''')
    t = run([m], "shout", {"text": "str", "return": "str"})
    assert t.status == CONVERTED, t.error
    assert "func Shout(text string) string {" in t.go


def test_project_evidence_table_reaches_callers_too():
    m = module('''
        def twice(v):
            return v * 2

        def use():
            return twice(4.5)
    ''')
    tr = RulesTranslator(modules=[m])
    tr.use_evidence({("pkg/mod.py", "twice"): {"v": "float", "return": "float"}})
    t = run([m], "twice", tr=tr)
    assert t.status == CONVERTED and "func Twice(v float64) float64 {" in t.go, t.go


def test_no_evidence_keeps_every_parameter_as_any_and_stays_partial():
    m = module('''
        def combine(a, b, c=3):
            return a.frob(b) + c
    ''')
    t = run([m], "combine")
    assert t.status == PARTIAL
    assert "`a` has no type annotation and no evidence" in (t.error or "")
    assert "func Combine(a any, b any, c int" in t.go, t.go
    assert "panic(" in t.go


def test_type_checking_flag_is_not_declared_in_each_file():
    a = module("TYPE_CHECKING = False\nLIMIT = 3\n\ndef f() -> int:\n    return LIMIT\n", "pkg/a.py")
    b = module("TYPE_CHECKING = False\nLIMIT = 3\n\ndef g() -> int:\n    return LIMIT\n", "pkg/b.py")
    tr = RulesTranslator(modules=[a, b])
    pa, pb = tr.preamble(a), tr.preamble(b)
    assert "TypeChecking" not in pa + pb
    assert "const Limit = 3" in pa and "Limit" not in pb  # the same value: declared once, in the first file
    assert run([a, b], "g", tr=tr).status == CONVERTED


def test_a_constant_named_like_a_class_is_reported_not_redeclared():
    m = module('''
        class Utc:
            pass

        UTC = Utc()
    ''')
    tr = RulesTranslator(modules=[m])
    assert "var Utc" not in tr.preamble(m)
    assert "Utc's" in tr.preamble(m)


def test_private_names_do_not_clash():
    assert go_func_name("__delitem") != go_func_name("__delitem__")
    assert go_func_name("__x") != go_func_name("_x")
    assert go_func_name("_Utc") == "utc"


def test_a_custom_decorator_keeps_the_translated_body_and_the_unit_partial():
    m = module('''
        def logged(fn):
            return fn

        @logged
        def double(n: int) -> int:
            return n * 2

        def quad(n: int) -> int:
            return double(double(n))

        @lru_cache(maxsize=None)
        def triple(n: int) -> int:
            return n * 3
    ''')
    t = run([m], "double")
    assert t.status == PARTIAL and "decorator @logged" in (t.error or "")
    assert "// TODO(gotui): decorator @logged is not applied" in t.go and "return n * 2" in t.go
    q = run([m], "quad")  # the call goes through the decorator in Python: not converted as a plain call
    assert q.status == PARTIAL and "decorated with @logged" in (q.error or "")
    c = run([m], "triple")
    assert c.status == CONVERTED and "memoizes" in c.go


def test_slots_are_the_struct_fields():
    m = module('''
        class Point:
            __slots__ = ("x", "y")

            def __init__(self, x: int, y: int) -> None:
                self.x = x
                self.y = y

            def total(self) -> int:
                return self.x + self.y
    ''')
    t = run([m], "Point")
    assert t.status == CONVERTED, t.error
    assert "x int" in t.go and "func NewPoint(x int, y int) *Point" in t.go
    assert run([m], "Point.total").status == CONVERTED


CLASSMETHOD = '''
    class Money:
        def __init__(self, cents: int) -> None:
            self.cents = cents

        @classmethod
        def from_euros(cls, euros: int) -> "Money":
            return cls(euros * 100)

    def ten() -> int:
        return Money.from_euros(10).cents
'''


def test_a_classmethod_alternate_constructor_is_a_function_of_the_class():
    m = module(CLASSMETHOD)
    t = run([m], "Money.from_euros")
    assert t.status == CONVERTED, t.error
    assert "func MoneyFromEuros(euros int) *Money {" in t.go and "NewMoney(euros * 100)" in t.go
    assert "@classmethod" in t.go
    c = run([m], "ten")
    assert c.status == CONVERTED, c.error
    assert "MoneyFromEuros(10).Cents" in c.go


def test_a_classmethod_of_a_subclassed_class_stays_partial():
    m = module(CLASSMETHOD + '''
    class Coins(Money):
        pass
    ''')
    t = run([m], "Money.from_euros")
    assert t.status == PARTIAL and "Coins subclasses" in (t.error or "")


def test_isascii_runs_like_python(tmp_path):
    m = module('''
        def plain(s: str) -> bool:
            return s.isascii()
    ''')
    t = run([m], "plain")
    assert t.status == CONVERTED, t.error
    inputs = ["", "abc", "a\x7f", "é", "a\u2028", "\x80"]
    body = "".join(f"\tfmt.Println(Plain({go_literal(s)}))\n" for s in inputs)
    imports, decl = t.go.split(")\n\n", 1) if t.go.startswith("import") else ("", t.go)
    pkgs = sorted(set(re.findall(r'"([a-z/]+)"', imports)) | {"fmt"})
    src = "package main\n\nimport (\n" + "".join(f'\t"{p}"\n' for p in pkgs) + ")\n\n" + decl + "\nfunc main() {\n" + body + "}\n"
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.23\n")
    (tmp_path / "main.go").write_text(src)
    out = require_toolchain().run(["run", "."], cwd=tmp_path)
    assert out.returncode == 0, out.stderr + src
    assert out.stdout.split() == [str(s.isascii()).lower() for s in inputs]


def go_literal(s: str) -> str:
    return '"' + "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else f"\\u{ord(c):04x}" for c in s) + '"'


SETTERS = '''
    class Box:
        def __init__(self, size: int) -> None:
            self._size = size

        @property
        def size(self) -> int:
            return self._size

        @size.setter
        def size(self, value):
            if value < 0:
                raise ValueError("negative size")
            self._size = value

        @property
        def label(self) -> str:
            return "box"

        @label.setter
        def label(self, value):
            raise AttributeError("attribute 'label' is readonly")

        @label.deleter
        def label(self):
            pass
'''


def test_a_property_setter_is_a_set_method_typed_like_the_getter():
    m = module(SETTERS)
    units = [u for u in m.units if u.qualname == "Box.size.setter"]
    setter = max(units, key=lambda u: u.line)
    t = RulesTranslator(modules=[m]).translate(TranslationRequest(unit=setter, module=m))
    assert t.status == CONVERTED, t.error
    assert "func (b *Box) SetSize(value int) error {" in t.go, t.go
    assert "b.size = value" in t.go


def test_readonly_setter_and_deleter_do_not_clash():
    m = module(SETTERS)
    tr = RulesTranslator(modules=[m])
    label = sorted((u for u in m.units if u.qualname.startswith("Box.label")), key=lambda u: u.line)
    texts = [tr.translate(TranslationRequest(unit=u, module=m)) for u in label]
    assert "func (b *Box) SetLabel(value string) error {" in texts[1].go, texts[1].go
    assert texts[1].status == CONVERTED
    assert "DelLabel" in texts[2].go and texts[2].status == PARTIAL


def test_the_class_with_its_setters_builds_and_vets(tmp_path):
    m = module(SETTERS + CLASSMETHOD)
    tr = RulesTranslator(modules=[m])
    texts = [tr.translate(TranslationRequest(unit=u, module=m)).go for u in m.units]
    build_and_vet(tmp_path, tr, [m], texts)


def test_a_classvar_is_not_a_field_and_reading_it_is_reported():
    m = module('''
        from typing import ClassVar

        class Tag:
            NAMES: ClassVar[tuple[str, ...]] = ("a", "b")

            def __init__(self, name: str) -> None:
                self.name = name

            def known(self) -> bool:
                return self.name in self.NAMES

            def upper(self) -> str:
                return self.name.upper()
    ''')
    cls = run([m], "Tag")
    assert cls.status == CONVERTED and "NAMES" not in cls.go and "Names" not in cls.go, cls.go
    assert run([m], "Tag.known").status == PARTIAL
    assert run([m], "Tag.upper").status == CONVERTED


# --- type aliases, protocols, Literal, TypeVar (issue 13: types of real code) ---------------------

TYPES_MOD = '''
    from typing import Tuple, Union
    Pair = Tuple[int, int]
    String = Union[str, bytes]
'''

ALIASES = '''
    from typing import Literal, SupportsIndex, TypeVar, TYPE_CHECKING
    from ._types import Pair, String
    if TYPE_CHECKING:
        from typing import TypeAlias
        Table: TypeAlias = dict[str, int]
    Mode = Literal["fast", "slow"]
    N = TypeVar("N", int, float)

    def total(t: "Table") -> int:
        return sum(t.values())

    def swap(p: Pair) -> Pair:
        return (p[1], p[0])

    def speed(m: Mode) -> int:
        return 1 if m == "fast" else 2

    def at(xs: list[int], i: SupportsIndex) -> int:
        return xs[i]

    def width(s: String, n: int) -> int:
        k = n * 2
        return len(s) + k

    def twice(x: N) -> N:
        return x + x
'''


def alias_mods() -> list[ParsedModule]:
    return [module(TYPES_MOD, "pkg/_types.py"), module(ALIASES)]


def test_a_type_alias_is_the_type_it_names_also_imported_and_under_type_checking():
    mods = alias_mods()
    t = run(mods, "total")
    assert t.status == CONVERTED, t.error
    assert "func Total(t map[string]int) int {" in t.go
    s = run(mods, "swap")
    assert s.status == CONVERTED, s.error
    assert "func Swap(p Tuple2[int, int]) (int, int) {" in s.go


def test_literal_and_supportsindex_are_their_values_go_type():
    mods = alias_mods()
    t = run(mods, "speed")
    assert t.status == CONVERTED and "func Speed(m string) int {" in t.go, t.error
    a = run(mods, "at")
    assert a.status == CONVERTED and "func At(xs []int, i int) int {" in a.go, a.error


def test_a_union_alias_with_no_common_go_type_keeps_the_signature_and_the_other_statements():
    t = run(alias_mods(), "width")
    assert t.status == PARTIAL
    # without a trace nothing narrows the union: Go carries it as `any`, and the use that needs its type
    # says why (docs/evidence.md, docs/offline-translator.md "Values of several types")
    assert t.error == ("line 24: `s` is `any` here (type `String` (= Union[str, bytes]): a union whose members "
                       "have no common Go type (the annotation is a union (str | bytes) and no trace covers it)), "
                       "and this use needs its type: Go would need a type switch")
    assert "func Width(s any, n int) int {" in t.go
    assert "k := n * 2" in t.go  # the statement that does not use `s` is Go


def test_a_constrained_type_variable_is_any_and_a_use_that_needs_its_type_stays_python():
    t = run(alias_mods(), "twice")
    assert t.status == PARTIAL
    # one of the constraints per call, carried as `any` (ordered at run time, tests/test_order_runtime.py);
    # `x + x` needs to know which: a type switch, left as a TODO with the parameters kept
    assert t.error == ("line 27: `x` is `any` here (type variable `N` (int, float): one of them per call, carried as `any`), "
                       "and this use needs its type: Go would need a type switch")
    assert "func Twice(x any) any {" in t.go


SELF_CLASS = '''
    from typing import TypeVar
    T = TypeVar("T", bound="Box")

    class Box:
        def __init__(self, n: int) -> None:
            self.n = n

        def grown(self) -> "Box":
            cls = type(self)
            return cls(self.n + 1)

        def name(self) -> str:
            return type(self).__name__ + str(self.n)

        def same(self: T) -> T:
            return self
'''


def test_type_self_is_the_class_when_nothing_subclasses_it(tmp_path):
    m = module(SELF_CLASS)
    t = run([m], "Box.grown")
    assert t.status == CONVERTED, t.error
    assert "return NewBox(b.N + 1)" in t.go and "`type(self)` is Box here" in t.go
    n = run([m], "Box.name")
    assert n.status == CONVERTED, n.error
    assert 'return "Box" + strconv.Itoa(b.N)' in n.go
    s = run([m], "Box.same")  # a type variable bound to a class is that class (Go has no subclass)
    assert s.status == CONVERTED and "func (b *Box) Same() *Box {" in s.go, s.error
    tr = RulesTranslator(modules=[m])
    build_and_vet(tmp_path, tr, [m], [tr.translate(TranslationRequest(unit=u, module=m)).go for u in m.units])


def test_type_self_of_a_subclassed_class_stays_partial():
    m = module(SELF_CLASS + '''
    class Crate(Box):
        pass
    ''')
    t = run([m], "Box.grown")
    assert t.status == PARTIAL
    assert "Crate subclasses: `type(self)` may be the subclass" in (t.error or "")


def test_evidence_naming_a_type_with_no_go_form_is_the_reason_with_its_source():
    m = module('''
        def fquot(val, n=128):
            if n is None or val is None:
                return 0
            return n
    ''')
    t = run([m], "fquot", {"val": Evidenced("Decimal", "trace: 56 calls"), "n": "int | None"})
    assert t.status == PARTIAL
    assert t.error == ("parameter `val` is `Decimal` (trace: 56 calls): no Go type with Python's semantics "
                       "(Go has no decimal type; float64 would round)")
    # the literal default says int, the evidence says it may be None too: both hold
    assert "func Fquot(val any, n *int) any {" in t.go, t.go


def test_a_parameter_the_trace_saw_with_several_types_says_so():
    m = module('''
        def lookup(key, n: int) -> int:
            return n + key
    ''')
    why = "the trace saw values of several types (40 calls: int, str)"
    t = run([m], "lookup", TypeTable({"n": "int", "return": "int"}, {"key": why}))
    assert t.status == PARTIAL and "func Lookup(key any, n int) int {" in t.go
    # Go carries it as `any`: a use that needs its type (arithmetic here) says so, with the evidence
    assert t.error == (f"line 3: `key` is `any` here (parameter `key` has no type annotation and {why}), "
                       "and this use needs its type: Go would need a type switch")


def test_a_standard_type_without_go_semantics_says_why_also_from_evidence():
    m = module('''
        import datetime as dt

        def days(d: dt.timedelta) -> int:
            return d.days

        def stamp(when, n: int):
            return n if when else 0
    ''')
    t = run([m], "days")
    assert t.status == PARTIAL and "func Days(d any) int {" in t.go
    assert t.error.startswith("type `dt.timedelta`: no Go type with Python's semantics (time.Duration is nanoseconds")
    s = run([m], "stamp", {"when": Evidenced("date | None", "trace: 26 calls"), "n": "int", "return": "int"})
    assert s.error == ("parameter `when` is `date | None` (trace: 26 calls); `date`: no Go type with Python's "
                       "semantics (Go has no date without a time of day)")
    assert "func Stamp(when any, n int) int {" in s.go


def test_max_and_min_of_several_arguments_with_key_run_like_python(tmp_path):
    m = module('''
        def longest(a: str, b: str) -> str:
            return max(a, b, key=len)

        def shortest(a: str, b: str, c: str) -> str:
            return min(a, b, c, key=len)

        def letters(c: str) -> bool:
            s = frozenset("ab")
            return c in s
    ''')
    tr = RulesTranslator(modules=[m])
    texts = {q: run([m], q, tr=tr) for q in ("longest", "shortest", "letters")}
    for t in texts.values():
        assert t.status == CONVERTED, t.error
    assert "pyMaxBy([]string{a, b}, " in texts["longest"].go
    calls = [("Longest", ("ab", "cd")), ("Longest", ("a", "xyz")), ("Shortest", ("ab", "cd", "e")),
             ("Shortest", ("xy", "ab", "cde")), ("Letters", ("a",)), ("Letters", ("c",))]
    py = {"Longest": lambda a, b: max(a, b, key=len), "Shortest": lambda a, b, c: min(a, b, c, key=len),
          "Letters": lambda c: c in frozenset("ab")}
    imports: set[str] = {"fmt"}
    decls = []
    for t in texts.values():
        text = t.go
        if text.startswith("import ("):
            head, text = text.split(")\n\n", 1)
            imports |= set(re.findall(r'"([a-z0-9/]+)"', head))
        decls.append(text)
    body = "".join(f"\tfmt.Println({fn}({', '.join(go_literal(a) for a in args)}))\n" for fn, args in calls)
    src = ("package main\n\nimport (\n" + "".join(f'\t"{p}"\n' for p in sorted(imports)) + ")\n\n" + "\n".join(decls)
           + "\nfunc main() {\n" + body + "}\n")
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.23\n")
    (tmp_path / "main.go").write_text(src)
    (tmp_path / "gotui_helpers.go").write_text(helper_source("main", [t.go for t in texts.values()]) or "")
    out = require_toolchain().run(["run", "."], cwd=tmp_path)
    assert out.returncode == 0, out.stderr + src
    want = [str(py[fn](*args)) for fn, args in calls]
    assert out.stdout.split("\n")[:len(want)] == [w.lower() if w in ("True", "False") else w for w in want]


LOCKS = '''
    import threading

    class Counter:
        def __init__(self) -> None:
            self._lock = threading.Lock()
            self.n = 0

        def bump(self, k: int) -> int:
            if k < 0:
                raise ValueError("negative")
            with self._lock:
                self.n += k
                return self.n

        def early(self) -> int:
            with self._lock:
                self.n += 1
            return self.n

    def first(lock: threading.Lock, d: dict[str, int], key: str) -> int:
        with lock:
            v = d[key]
        return v

    def leaves(lock: threading.Lock, xs: list[int]) -> int:
        t = 0
        for x in xs:
            with lock:
                if x > 3:
                    break
                t += x
        return t
'''


def test_with_a_lock_is_lock_and_deferred_unlock_where_that_is_exactly_right(tmp_path):
    m = module(LOCKS)
    tr = RulesTranslator(modules=[m])
    out = {u.qualname: tr.translate(TranslationRequest(unit=u, module=m)) for u in m.units}
    assert "lock *sync.Mutex" in out["Counter"].go and "c.lock = &sync.Mutex{}" in out["Counter"].go
    bump = out["Counter.bump"]  # the function's last statement: the deferred unlock runs as it returns
    assert bump.status == CONVERTED, bump.error
    assert "\tc.lock.Lock()\n\tdefer c.lock.Unlock()\n\tc.N += k\n\treturn c.N, nil\n" in bump.go
    early = out["Counter.early"]  # in the middle: a func literal, so the unlock comes at the block's end
    assert early.status == CONVERTED, early.error
    assert "\tfunc() {\n\t\tc.lock.Lock()\n\t\tdefer c.lock.Unlock()\n\t\tc.N += 1\n\t}()\n\treturn c.N\n" in early.go
    first = out["first"]
    assert first.status == CONVERTED and "var v int" in first.go, first.error
    # a break inside the locked block would leave the func literal, not the loop: refused
    assert out["leaves"].status == PARTIAL and "left by `break`" in (out["leaves"].error or "")
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_a_unit_reading_a_module_constant_that_did_not_translate_says_why():
    m = module('''
        CACHE = {}

        def get(k: str) -> int:
            return CACHE[k]
    ''')
    t = run([m], "get")
    assert t.status == PARTIAL
    assert t.error == "line 5: module constant `CACHE` could not be translated: empty container without a type annotation"


PLAIN_GETTER = '''
    from typing import Optional

    class V:
        def __init__(self, major: int, pre: Optional[str] = None) -> None:
            self._major = major
            self._pre = pre
            self.build: Optional[str] = None

        @property
        def major(self) -> int:
            return self._major

        @property
        def pre(self) -> Optional[str]:
            """The prerelease."""
            return self._pre

        def __str__(self) -> str:
            version = "%d" % self.major
            if self.pre:
                version += "-%s" % self.pre
            if self.build is not None:
                version += "+" + self.build
            return version
'''


def test_truth_of_an_optional_field_or_plain_getter_narrows_it(tmp_path):
    m = module(PLAIN_GETTER)
    t = run([m], "V.__str__")
    assert t.status == CONVERTED, t.error
    # a property that only returns a field reads the same twice: checked, then dereferenced
    assert 'if v.Pre() != nil && *v.Pre() != "" {\n\t\tversion += fmt.Sprintf("-%s", *v.Pre())' in t.go
    assert 'version += "+" + *v.Build' in t.go
    tr = RulesTranslator(modules=[m])
    build_and_vet(tmp_path, tr, [m], [tr.translate(TranslationRequest(unit=u, module=m)).go for u in m.units])


def test_a_getter_that_computes_is_not_narrowed_by_a_check():
    m = module(PLAIN_GETTER.replace('"""The prerelease."""\n            return self._pre', 'return self._pre or None'))
    t = run([m], "V.__str__")
    assert t.status == PARTIAL and "truth value of an Optional that is not a plain name" in (t.error or "")


def test_an_empty_container_nothing_types_is_named():
    m = module('''
        import unicodedata

        def names(text: str) -> str:
            params = []
            params.append(unicodedata.name(text))
            return ", ".join(params)
    ''')
    t = run([m], "names")
    assert t.status == PARTIAL
    assert "cannot infer the type of `params`" in (t.error or "")


def test_callable_is_decided_from_the_static_type():
    m = module('''
        from typing import Callable, Optional

        class Job:
            def __call__(self) -> int:
                return 1

        def kind(maxsize: Optional[int], f: Callable[[int], int], g: Optional[Callable[[int], int]], j: Job) -> str:
            if maxsize is None:
                return "none"
            elif callable(maxsize):
                return "function"
            if callable(f) and callable(g) and callable(j):
                return "all"
            return "some"
    ''')
    t = run([m], "kind")
    assert t.status == CONVERTED, t.error
    assert "} else if false {" in t.go
    assert "\tif g != nil {\n\t\treturn \"all\"" in t.go  # the constant operands fold away


def test_a_call_to_a_function_without_a_go_signature_says_whose_reason_it_is():
    m = module('''
        def width(s: str | bytes) -> int:
            return len(s)

        def twice(s: str) -> int:
            return 2 * width(s)
    ''')
    # the union is Go `any`: the caller passes its str as it is, and the callee's use of it is its own TODO
    assert run([m], "twice").go == "func Twice(s string) int {\n\treturn 2 * Width(s)\n}\n"
    t = run([m], "width")
    assert t.status == PARTIAL
    assert t.error == ("line 3: `s` is `any` here (`str | bytes`: a union whose members have no common Go type "
                       "(the annotation is a union (str | bytes) and no trace covers it)), and this use needs its type: Go would need a type switch")


def test_strip_of_the_joined_characters_of_a_set_runs_like_python(tmp_path):
    m = module('''
        JOINERS = frozenset("\\u200c\\u200d")

        def cut(word: str) -> str:
            return word.rstrip("".join(JOINERS)) + "|"
    ''')
    tr = RulesTranslator(modules=[m])
    t = run([m], "cut", tr=tr)
    assert t.status == CONVERTED, t.error
    assert 'strings.TrimRight(word, strings.Join(pyKeys(Joiners), ""))' in t.go
    words = ["ab\u200c\u200d", "a\u200db\u200c", "\u200c", "plain"]
    py = [w.rstrip("\u200c\u200d") + "|" for w in words]
    decl = t.go.split(")\n\n", 1)[1] if t.go.startswith("import") else t.go
    pre = tr.preamble(m)
    pre = pre.split(")\n\n", 1)[1] if pre.startswith("import") else pre
    body = "".join(f"\tfmt.Println({go_literal(w)} != \"\", Cut({go_literal(w)}) == {go_literal(p)})\n" for w, p in zip(words, py))
    src = 'package main\n\nimport (\n\t"fmt"\n\t"strings"\n)\n\n' + pre + "\n" + decl + "\nfunc main() {\n" + body + "}\n"
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.23\n")
    (tmp_path / "main.go").write_text(src)
    (tmp_path / "gotui_helpers.go").write_text(helper_source("main", [t.go, pre]) or "")
    out = require_toolchain().run(["run", "."], cwd=tmp_path)
    assert out.returncode == 0, out.stderr + src
    assert out.stdout.split("\n")[:len(words)] == ["true true"] * len(words)


def test_an_empty_tuple_default_is_a_slice_of_what_callers_pass_else_of_any():
    alone = module('''
        def count(xs=()) -> int:
            return len(xs)
    ''')
    t = run([alone], "count")
    assert t.status == CONVERTED and "func Count(xs []any) int {" in t.go
    called = module('''
        def count(xs=()) -> int:
            return len(xs)

        def use() -> int:
            return count() + count(("a", "b"))
    ''')
    assert "func Count(xs []string) int {" in run([called], "count").go
    assert "return Count([]string{}) + Count([]string{\"a\", \"b\"})" in run([called], "use").go


def test_a_parameter_only_known_by_its_none_default_is_carried_as_any():
    m = module('''
        def expire(time=None) -> int:
            return 0 if time else 1

        def later(time=None) -> float:
            if time is None:
                return 0.0
            return time.seconds * 1.0
    ''')
    # tested for truth, compared with None, passed on: Go's `any` does that as Python does
    t = run([m], "expire")
    assert t.status == CONVERTED and "func Expire(time any) int {" in t.go and "pyTruthAny(time)" in t.go
    # a use that needs its type stays Python, and says what is known
    t = run([m], "later")
    assert t.status == PARTIAL and "func Later(time any) float64 {" in t.go
    assert "`time` is `any` here (parameter `time`: the evidence only shows None (usage: line 6: compared with None)" in t.error
