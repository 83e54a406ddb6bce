"""Classes on real code: a constructor that cannot be lowered whole is salvaged (its struct stays real,
so methods and subclasses translate), and literal class attributes are fields that start with their
value (a subclass's own value included)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from test_rules_support import assert_pass, build_and_vet, check_package, converted_package, replace_go, traced_package, translate_module

from gotui.llm.base import CONVERTED, PARTIAL

SALVAGED = textwrap.dedent('''
    class AppConfig:
        def __init__(self, app_name: str, app_module):
            self.name = app_name
            self.module = app_module
            self.count = 0
            self.label = app_name.rpartition(".")[2]

        def bump(self) -> int:
            self.count += 1
            return self.count

        def where(self) -> str:
            return str(self.module)


    class Sub(AppConfig):
        def __init__(self, name: str):
            super().__init__(name, None)
            self.extra = name + "!"

        def shout(self) -> str:
            return self.extra.upper() + self.label
''')


def test_a_constructor_with_an_unknown_parameter_keeps_its_struct_and_its_other_statements(tmp_path):
    tr, m, out = translate_module("apps.py", SALVAGED)
    cls = out["AppConfig"]
    # nothing tells `app_module`'s type: Go carries it as `any` (the constructor only stores it), and the
    # struct is real: the other fields are typed
    assert cls.status == CONVERTED, cls.error
    assert "\tName   string\n\tModule any\n\tCount  int\n\tLabel  string\n" in cls.go, cls.go
    assert "func NewAppConfig(appName string, appModule any) *AppConfig {" in cls.go
    assert "a.Module = appModule" in cls.go and "a.Label = pyRPartition(appName, \".\").F2" in cls.go
    # a method on the typed fields is Go; str() of the `any` field is pyStrAny
    assert out["AppConfig.bump"].status == CONVERTED
    assert out["AppConfig.where"].status == CONVERTED and "pyStrAny(a.Module)" in out["AppConfig.where"].go
    # a subclass embeds the real struct: None goes to the `any` parameter, and its methods translate
    assert out["Sub"].status == CONVERTED and "s.AppConfig = *NewAppConfig(name, nil)" in out["Sub"].go, out["Sub"].go
    assert out["Sub.shout"].status == CONVERTED and "return pyUpper(s.Extra) + s.Label" in out["Sub.shout"].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


DEFAULTS = textwrap.dedent('''
    class Token:
        lbp = 0
        name = "token"
        first = second = 1

        def __init__(self, v: int):
            self.value = v

        def describe(self) -> str:
            return self.name + ":" + str(self.value + self.lbp + self.first)


    class Plus(Token):
        lbp = 10
        name = "plus"

        def power(self, k: int) -> int:
            return self.lbp * k + self.value


    class Counter:
        hits = 0

        def hit(self, n: int) -> int:
            self.hits += n
            return self.hits


    def read(t: Token) -> int:
        return t.lbp


    def bump() -> None:
        Token.lbp = 5
''')


def test_literal_class_attributes_are_fields_that_start_with_their_value(tmp_path):
    tr, m, out = translate_module("tokens.py", DEFAULTS)
    token = out["Token"].go
    assert out["Token"].status == CONVERTED
    assert "\tLbp    int\n\tName   string\n\tFirst  int\n\tSecond int\n\tValue  int\n" in token, token
    assert 't.Lbp = 0\n\tt.Name = "token"\n\tt.First = 1\n\tt.Second = 1\n\tt.Value = v' in token
    # the subclass sets its own values after embedding its base: inherited methods read them
    plus = out["Plus"].go
    assert out["Plus"].status == CONVERTED and 'p.Token = *NewToken(v)\n\tp.Lbp = 10\n\tp.Name = "plus"' in plus, plus
    assert out["Plus.power"].status == CONVERTED and out["read"].status == CONVERTED
    assert out["Counter.hit"].status == CONVERTED and "c.Hits += n" in out["Counter.hit"].go
    # the class itself is not a value in Go: assigning through it is refused, not lowered as a field
    assert out["bump"].status == PARTIAL
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_an_override_the_base_constructor_reads_is_refused():
    # Python's Base.__init__ sees the subclass's `size`; Go's NewBase would see Base's own
    _, _, out = translate_module("sizes.py", textwrap.dedent('''
        class Base:
            size = 1

            def __init__(self) -> None:
                self.total = self.size * 2


        class Big(Base):
            size = 10
    '''))
    assert out["Base"].status == CONVERTED
    assert out["Big"].status == PARTIAL and "Base.__init__ reads" in (out["Big"].error or "")


def test_check_compares_methods_that_read_class_attribute_defaults(tmp_path):
    # Plus has no __init__: its receivers are built by the one it inherits (Token.__init__)
    repo = converted_package(tmp_path, "tokens", DEFAULTS)
    results = check_package(repo, "tokens")
    assert_pass(results, "tokens", ("Token.describe", "Plus.power", "Counter.hit"))


OPS = '''
class Ops:
    def quote(self, name: str) -> str:
        return '"' + name + '"'

'''


def test_a_class_attribute_the_struct_cannot_hold_stays_python_and_the_rest_is_translated(tmp_path):
    # like Django's BaseDatabaseWrapper: a shared `ops = Ops()` that __init__ replaces, a class as a value
    tr, m, out = translate_module("db.py", OPS + textwrap.dedent('''
        class Wrapper:
            ops = Ops()
            ops_class = Ops
            vendor = "unknown"

            def __init__(self, alias: str):
                self.alias = alias
                self.ops = Ops()

            def label(self) -> str:
                return self.vendor + ":" + self.alias

            def quoted(self) -> str:
                return self.ops.quote(self.alias)
    '''))
    w = out["Wrapper"]
    assert w.status == PARTIAL and "`ops`" in (w.error or "")
    # (`ops_class = Ops`, which no method sets on an instance, is a class constant: not a field, not a TODO)
    assert "// TODO(gotui): the class attribute `ops` (line 8) stays Python" in w.go, w.go
    assert "\tVendor string\n\tAlias  string\n" in w.go and "Ops " not in w.go.split("}")[0]
    # the constructor keeps what it can: the statement that sets `ops` is a TODO in place
    assert "w.Alias = alias" in w.go and "// TODO(gotui): `ops`: its class-level default (line 8) stays Python" in w.go
    assert out["Wrapper.label"].status == CONVERTED
    quoted = out["Wrapper.quoted"]
    assert quoted.status == PARTIAL and "`Wrapper.ops`: its class-level value (line 8) stays Python" in (quoted.error or "")
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_a_class_default_none_an_instance_replaces_is_an_optional_field(tmp_path):
    # `ops = None` on the class, `self.ops = Ops()` in __init__ (Django's BaseDatabaseWrapper), and
    # cachetools' `__size = None` that an instance replaces with `{}`: a field that starts nil
    tr, m, out = translate_module("db.py", OPS + textwrap.dedent('''
        class Wrapper:
            ops = None
            sizes = None

            def __init__(self, alias: str, sized: bool):
                self.alias = alias
                self.ops = Ops()
                if sized:
                    self.sizes = {}

            def quoted(self) -> str:
                if self.ops is None:
                    return self.alias
                return self.ops.quote(self.alias)

            def keep(self, key: str) -> int:
                sizes = self.sizes
                if sizes is None:
                    return 0
                sizes[key] = len(key)
                return len(sizes)

            def raw(self) -> str:
                return self.ops.quote(self.alias)
    '''))
    w = out["Wrapper"]
    assert w.status == CONVERTED, (w.error, w.go)
    # the comment says why the field starts nil, and tells `gotui check` so (docs/verification.md)
    assert ("\tOps   *Ops            // nil until set: the class-level None\n"
            "\tSizes *map[string]int // nil until set: the class-level None\n") in w.go, w.go
    assert "w.Ops = NewOps()" in w.go and "w.Sizes = pyPtr(map[string]int{})" in w.go
    for name in ("Wrapper.quoted", "Wrapper.keep"):
        assert out[name].status == CONVERTED, (name, out[name].error)
    assert "(*sizes)[key] = utf8.RuneCountInString(key)" in out["Wrapper.keep"].go
    # a method call on what may still be the class's None: Python's AttributeError, Go's nil pointer
    assert out["Wrapper.raw"].status == PARTIAL and "which may be None" in out["Wrapper.raw"].error
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_a_field_set_to_none_in_init_is_typed_by_what_a_method_sets_it_to(tmp_path):
    tr, m, out = translate_module("best.py", textwrap.dedent('''
        class Item:
            def __init__(self, n: int) -> None:
                self.n = n


        class Best:
            def __init__(self) -> None:
                self.best = None

            def offer(self, n: int) -> None:
                self.best = Item(n)

            def value(self) -> int:
                if self.best is None:
                    return -1
                return self.best.n
    '''))
    assert out["Best"].status == CONVERTED and "\tBest *Item\n" in out["Best"].go, out["Best"].go
    assert out["Best.value"].status == CONVERTED and "return b.Best.N" in out["Best.value"].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


SIZED = '''
class Sized:
    sizes = None

    def __init__(self, sized):
        self.data = {}
        if sized:
            self.sizes = {}

    def keep(self, key, value):
        self.data[key] = value
        sizes = self.sizes
        if sizes is None:
            return len(self.data)
        sizes[key] = len(value)
        return sum(sizes.values())
'''

SIZED_RUN = '''
from sized import Sized

for n in range(4):
    s = Sized(n % 2 == 1)
    for i in range(n + 1):
        s.keep("k%d" % i, "v" * i)
'''


def test_check_rebuilds_traced_receivers_without_the_class_level_none_as_nil(tmp_path):
    # an instance that never set `sizes` has no such attribute in its traced state: the Go field's
    # comment says it is the class's None, so the receiver is rebuilt with nil there
    repo = traced_package(tmp_path, "sized", SIZED, SIZED_RUN)
    conv = subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "sized", "--backend", "rules", "-q"], cwd=repo, capture_output=True)
    assert conv.returncode == 0, conv.stderr
    results = check_package(repo, "sized")
    keep = results["sized/__init__.py::Sized.keep"]
    assert keep["status"] == "pass" and "traced" in keep["detail"], keep
    replace_go(repo, "sized/__init__.py::Sized.keep", "if sizes == nil {", "if sizes != nil {")
    assert check_package(repo, "sized")["sized/__init__.py::Sized.keep"]["status"] == "diverged"
