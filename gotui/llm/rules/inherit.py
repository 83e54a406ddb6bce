"""Single inheritance: a class of the package derived from another one becomes a Go struct that embeds its base.

Go promotes the base's fields and methods to the derived struct, and a method the derived class defines
again shadows the base's, as in Python. What Go does not have is dynamic dispatch: inside a base method,
`self.x()` calls the base's `x` even when the receiver is the derived struct. So an inherited method is
used only where nothing it calls on `self` (directly, through other base methods, or implicitly as
`self[k]`, `k in self`, `len(self)`) is overridden below it; otherwise the use is refused with the method
that would go wrong. A base from `collections.abc` (Mapping, MutableMapping, Sequence, ...) or `abc.ABC`
contributes no Go code: its mixin methods (`keys`, `items`, `update`, `__eq__`, ...) do not exist on the
Go type, so any use of one is refused rather than silently missing.
"""

from __future__ import annotations

import ast

from gotui.golang.names import enum_member_var, go_func_name
from gotui.parse.decorators import enum_body
from gotui.llm.rules.package import ClassInfo, FuncInfo, PackageInfo
from gotui.llm.rules.pyast import code_of
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import IDENTITY_EQ, T

# collections.abc classes: every method they declare (abstract or mixin). A subclass must define the
# abstract ones itself; the mixins are Python code Go does not get.
_MAPPING = {"__getitem__", "__iter__", "__len__", "__contains__", "keys", "items", "values", "get", "__eq__", "__ne__"}
_SEQUENCE = {"__getitem__", "__len__", "__contains__", "__iter__", "__reversed__", "index", "count"}
_SET = {"__contains__", "__iter__", "__len__", "__le__", "__lt__", "__eq__", "__ne__", "__gt__", "__ge__", "__and__",
        "__or__", "__sub__", "__xor__", "isdisjoint"}
ABC_MEMBERS: dict[str, set[str]] = {
    "ABC": set(), "Hashable": {"__hash__"}, "Sized": {"__len__"}, "Container": {"__contains__"},
    "Iterable": {"__iter__"}, "Iterator": {"__iter__", "__next__"}, "Reversible": {"__iter__", "__reversed__"},
    "Collection": {"__len__", "__iter__", "__contains__"},
    "Mapping": _MAPPING,
    "MutableMapping": _MAPPING | {"__setitem__", "__delitem__", "pop", "popitem", "clear", "update", "setdefault"},
    "Sequence": _SEQUENCE,
    "MutableSequence": _SEQUENCE | {"__setitem__", "__delitem__", "insert", "append", "reverse", "extend", "pop", "remove", "__iadd__", "clear"},
    "Set": _SET, "MutableSet": _SET | {"add", "discard", "clear", "pop", "remove", "__ior__", "__iand__", "__ixor__", "__isub__"},
}
_ABC_MODULES = {"collections.abc", "abc", "typing"}


def abc_base(cls: ClassInfo, i: int) -> str | None:
    """The collections.abc / abc class that base `i` of `cls` names (`collections.abc.MutableMapping`,
    or `Mapping` imported from collections.abc or typing), else None."""
    node = cls.node.bases[i]
    if isinstance(node, ast.Attribute) and node.attr in ABC_MEMBERS and ast.unparse(node.value) in _ABC_MODULES | {"collections"}:
        return node.attr
    if isinstance(node, ast.Name) and node.id in ABC_MEMBERS:
        bound = cls.module.imports.get(node.id)
        if bound is not None and bound[0] in _ABC_MODULES and bound[1] == node.id:
            return node.id
    return None


def split_bases(cls: ClassInfo) -> tuple[ClassInfo | None, list[str]]:
    """(the package base class, the collections.abc bases); Unsupported for any other base."""
    pkg = cls.module.package
    base: ClassInfo | None = None
    abcs: list[str] = []
    for i, name in enumerate(cls.bases):
        if name == "object":
            continue
        abc = abc_base(cls, i)
        if abc is not None:
            abcs.append(abc)
            continue
        found = pkg.find_class(cls.module, name) if isinstance(cls.node.bases[i], ast.Name) else None
        if found is None or found is cls or base is not None:
            raise Unsupported(f"class {cls.name} inherits from {', '.join(cls.bases)}")
        base = found
    if base is not None and base.go_name in _own_go_names(cls):
        raise Unsupported(f"class {cls.name} has a field or method whose Go name is its base's, {base.go_name} (the embedded struct's name)")
    return base, abcs


def _own_go_names(cls: ClassInfo) -> set[str]:
    """The Go names of the attributes a class sets on self and of its methods (walked once a class)."""
    key = f"own-go-names:{cls.module.path}:{cls.qualname}"
    cached = cls.module.package.cache.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    out = {m.go_name for m in cls.methods.values()}
    for m in cls.methods.values():
        me = m.node.args.args[0].arg if m.node.args.args else None
        for n in ast.walk(m.node):
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == me and not isinstance(n.ctx, ast.Load):
                out.add(go_func_name(n.attr))
    cls.module.package.cache[key] = out
    return out


def base_ref(cls: ClassInfo, base: ClassInfo) -> str:
    """The name `cls`'s module knows its base by (`from .a import Cache as C` -> `C`)."""
    pkg = cls.module.package
    return next((b for b in cls.bases if pkg.find_class(cls.module, b) is base), base.name)


def ancestors(cls: ClassInfo) -> list[ClassInfo]:
    """The package base, its base, ... (nearest first); Unsupported when a base cannot be followed."""
    out: list[ClassInfo] = []
    base, _ = split_bases(cls)
    while base is not None and base not in out and base is not cls:
        out.append(base)
        base, _ = split_bases(base)
    return out


def self_uses(f: FuncInfo) -> set[str]:
    """The names a method looks up on `self`: `self.x`, and the special methods that `self[k]`, `k in self`,
    `len(self)`, `for x in self`, `if self`, `self == o` call. "*" when `self` is handed to other code.
    Read once per method (the dispatch analyses ask for it many times over)."""
    key = f"self-uses:{f.key}:{id(f.node)}"
    cache = f.module.package.cache
    found = cache.get(key)
    if found is None:
        cache[key] = found = frozenset(_self_uses(f))
    return set(found)  # type: ignore[arg-type]


def _self_uses(f: FuncInfo) -> set[str]:
    args = f.node.args.posonlyargs + f.node.args.args
    if not args or f.kind not in ("method", "property"):
        return set()
    me = args[0].arg
    out: set[str] = set()
    attr_bases: set[int] = set()

    def is_self(n: ast.AST | None) -> bool:
        return isinstance(n, ast.Name) and n.id == me

    for n in ast.walk(f.node):
        if isinstance(n, ast.Attribute) and is_self(n.value):
            out.add(n.attr)
            attr_bases.add(id(n.value))
        elif isinstance(n, ast.Subscript) and is_self(n.value):
            out.add({ast.Load: "__getitem__", ast.Store: "__setitem__", ast.Del: "__delitem__"}[type(n.ctx)])
            attr_bases.add(id(n.value))
        elif isinstance(n, ast.Compare):
            for op, right in zip(n.ops, n.comparators):
                if isinstance(op, (ast.In, ast.NotIn)) and is_self(right):
                    out.add("__contains__")
                    attr_bases.add(id(right))
            if any(is_self(x) for x in [n.left, *n.comparators]) and any(not isinstance(op, (ast.In, ast.NotIn, ast.Is, ast.IsNot)) for op in n.ops):
                out.add("*")
            else:
                attr_bases.update(id(x) for x in [n.left, *n.comparators] if is_self(x))
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) \
                and n.func.value.id != me and n.args and is_self(n.args[0]) and f.cls is not None \
                and any(c.name == n.func.value.id for c in _chain(f.cls)[1:]):
            out.add(n.func.attr)  # `Base.m(self, ...)`: a base's m run on self (method_of reads the nearest m)
            attr_bases.add(id(n.args[0]))
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and len(n.args) == 1 and is_self(n.args[0]):
            special = {"len": "__len__", "iter": "__iter__", "str": "__str__", "repr": "__repr__", "bool": "__bool__", "hash": "__hash__"}
            if n.func.id in special:
                out.add(special[n.func.id])
                attr_bases.add(id(n.args[0]))
        elif isinstance(n, (ast.For, ast.comprehension)) and is_self(n.iter):
            out.add("__iter__")
            attr_bases.add(id(n.iter))
        elif isinstance(n, (ast.If, ast.While, ast.IfExp, ast.Assert)) and is_self(n.test) or isinstance(n, ast.UnaryOp) and is_self(n.operand):
            out |= {"__bool__", "__len__"}
            attr_bases.add(id(n.test if not isinstance(n, ast.UnaryOp) else n.operand))
        elif isinstance(n, ast.BoolOp):
            out |= {"__bool__", "__len__"} if any(is_self(v) for v in n.values) else set()
        elif isinstance(n, ast.BinOp) and (is_self(n.left) or is_self(n.right)):
            out.add("*")
    for n in ast.walk(f.node):  # `self` anywhere else (an argument, a stored value): any method may run on it
        if is_self(n) and id(n) not in attr_bases and n is not args[0]:
            parent_return = any(isinstance(r, ast.Return) and r.value is n for r in ast.walk(f.node))
            if not parent_return:
                out.add("*")
    return out


def _chain(cls: ClassInfo) -> list[ClassInfo]:
    """cls and its package bases; cls alone when a base cannot be followed."""
    try:
        return [cls, *ancestors(cls)]
    except Unsupported:
        return [cls]


def _reach(owner: ClassInfo, f: FuncInfo, seen: set[str]) -> set[str]:
    """self_uses of `f` and of the methods of `owner`'s line it calls on self, transitively."""
    out = set(self_uses(f))
    for name in list(out):
        m = method_of(owner, name)
        if m is not None and m.key not in seen:
            seen.add(m.key)
            out |= _reach(owner, m, seen)
    return out


def instance_shadow(pkg: PackageInfo, cls: ClassInfo, name: str) -> str | None:
    """Why `obj.name` on a `cls` may not be the method `name`: a method of its line (its bases, or a
    subclass) sets `self.name = ...`, an instance attribute that hides the method from then on
    (cachetools' `self.getsizeof = getsizeof` over the static `Cache.getsizeof`). None when none does."""
    for c, m, line in _instance_sets(pkg).get(name, ()):
        if c is cls or any(a is cls for a in _chain(c)) or any(a is c for a in _chain(cls)):
            return f"`{name}` is also set on instances ({c.name}.{m.name}, line {line}), which then hide the method"
    return None


def _instance_sets(pkg: PackageInfo) -> dict[str, list[tuple[ClassInfo, FuncInfo, int]]]:
    """Attribute name -> where a method sets it on its instance (`self.name = ...`), read once per package."""
    cached = pkg.cache.get("instance-sets")
    if cached is not None:
        return cached  # type: ignore[return-value]
    out: dict[str, list[tuple[ClassInfo, FuncInfo, int]]] = {}
    for c in pkg.all_classes():
        for m in c.methods.values():
            if m.kind != "method" or not m.node.args.args:
                continue
            owner = m.node.args.args[0].arg
            for n in ast.walk(m.node):
                targets = n.targets if isinstance(n, ast.Assign) else [n.target] if isinstance(n, (ast.AnnAssign, ast.AugAssign)) else []
                for t in targets:
                    if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == owner:
                        out.setdefault(t.attr, []).append((c, m, n.lineno))
    pkg.cache["instance-sets"] = out
    return out


def method_of(cls: ClassInfo, name: str) -> FuncInfo | None:
    """The definition of `name` an instance of `cls` runs: its own, else the nearest package base's
    (no checks: lookup is the checked one)."""
    return next((c.methods[name] for c in _chain(cls) if name in c.methods), None)


def dispatch_hazard(cls: ClassInfo, f: FuncInfo) -> str | None:
    """Why calling the inherited method `f` on a `cls` would not do what Python does: something it
    calls on self is overridden by `cls` or a class between `cls` and `f`'s class. None when safe,
    or when the package's Go dispatches it as Python does (dispatch.py: `f`'s body runs with `cls`'s
    struct as self, through a forwarding method on `cls`)."""
    found = raw_hazard(cls, f)
    if found is None:
        return None
    kind, why = found
    pkg = cls.module.package
    if kind == "calls" and pkg.services.virtual is not None and pkg.services.virtual(pkg, cls, f):
        return None
    return why


def raw_hazard(cls: ClassInfo, f: FuncInfo) -> tuple[str, str] | None:
    """dispatch_hazard before dispatch.py's forwarding: ("calls", why) when `f` calls on self what `cls`
    (or a class between) overrides, ("hands", why) when it hands self to code that may; None when safe."""
    owner = f.cls
    if owner is None or owner is cls:
        return None
    below: set[str] = set()
    for c in [cls, *ancestors(cls)]:
        if c is owner:
            break
        below |= set(c.methods) - {"__init__"}
    uses = _reach(owner, f, {f.key})
    hit = sorted(uses & below)
    if "*" in uses and below:
        return "hands", (f"{owner.name}.{f.name} hands self to other code or an operator, which may call what {cls.name} "
                         f"overrides (`{sorted(below)[0]}`, ...): Go's promoted method would not (no virtual dispatch)")
    if hit:
        return "calls", (f"{owner.name}.{f.name} calls `{hit[0]}` on self, which {cls.name} overrides: Go's promoted "
                         f"{owner.name} method would call {owner.name}'s (Go has no virtual dispatch)")
    return None


def lookup(cls: ClassInfo, name: str) -> FuncInfo | None:
    """The method `name` a `cls` instance runs, own or inherited; None when the class has none.

    Unsupported when it would come from a collections.abc mixin (no Go code), from a base the translator
    does not follow, or from a package base whose Go method would dispatch differently (dispatch_hazard)."""
    if name in cls.methods:
        return cls.methods[name]
    c: ClassInfo | None = cls
    while c is not None:
        try:
            base, abcs = split_bases(c)
        except Unsupported:
            raise Unsupported(f"`{name}` may come from a base class of {c.name} ({', '.join(c.bases)})") from None
        for abc in abcs:
            if name in ABC_MEMBERS[abc]:
                raise Unsupported(f"{cls.name}.{name} would come from collections.abc.{abc}, which gives the Go type nothing")
        if base is not None and name in base.methods:
            m = base.methods[name]
            why = dispatch_hazard(cls, m)
            if why is not None:
                raise Unsupported(why)
            return m
        c = base
    return None


def returned_field(f: FuncInfo) -> str | None:
    """The field a method only returns (`def major(self) -> int: return self._major`, a docstring
    allowed), else None: reading it is reading the field."""
    body = code_of(f.node.body)
    args = f.node.args
    if len(args.args) != 1 or args.posonlyargs or args.vararg or args.kwonlyargs or args.kwarg or len(body) != 1 or not isinstance(body[0], ast.Return):
        return None
    v = body[0].value
    if isinstance(v, ast.Attribute) and isinstance(v.value, ast.Name) and v.value.id == args.args[0].arg:
        return v.attr
    return None


def inherited_field(pkg: PackageInfo, cls: ClassInfo, attr: str) -> T | None:
    """The type of field `attr` a package base of `cls` declares (Go reaches it through the embedded
    struct). A class-private `__x` is name-mangled per class in Python: never inherited."""
    if attr.startswith("__") and not attr.endswith("__"):
        return None
    for base in ancestors(cls):
        fields = pkg.class_fields(base)
        if attr in fields:
            return fields[attr]
    return None


def field_type(pkg: PackageInfo, cls: ClassInfo, attr: str) -> T | None:
    own = pkg.class_fields(cls)
    if attr in own:
        return own[attr]
    return inherited_field(pkg, cls, attr)


def base_init_call(cls: ClassInfo, stmt: ast.stmt, base: ClassInfo) -> ast.Call | None:
    """`super().__init__(a, b)` or `Base.__init__(self, a, b)` as a statement: the call `Base(a, b)`, which
    builds the embedded struct (None for any other statement)."""
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Attribute)
            and stmt.value.func.attr == "__init__"):
        return None
    call = stmt.value
    owner = call.func.value  # type: ignore[attr-defined]
    ctor = ast.Name(base_ref(cls, base), ast.Load())
    if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super" and not owner.args:
        return ast.copy_location(ast.Call(ast.copy_location(ctor, call), call.args, call.keywords), call)
    if isinstance(owner, ast.Name) and cls.module.package.find_class(cls.module, owner.id) is base and call.args and isinstance(call.args[0], ast.Name):
        return ast.copy_location(ast.Call(ast.copy_location(ctor, call), call.args[1:], call.keywords), call)
    return None


def base_method_call(cls: ClassInfo, node: ast.Call, self_name: str) -> tuple[ClassInfo, str, ast.Call] | None:
    """`super().m(a)` or `Base.m(self, a)` in a method of `cls`: (the base whose `m` runs, m, the call
    without `self`). Both run the base's own `m`, not an override: Go calls it on the embedded struct."""
    fn = node.func
    if not isinstance(fn, ast.Attribute):
        return None
    owner = fn.value
    if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super" and not owner.args:
        up = ancestors(cls)  # a base the translator cannot follow: reported here, with the base named
        if not up:
            raise Unsupported(f"super().{fn.attr}() in {cls.name}, which has no base class in the package")
        return up[0], fn.attr, ast.copy_location(ast.Call(fn, node.args, node.keywords), node)
    if isinstance(owner, ast.Name) and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == self_name:
        named = cls.module.package.find_class(cls.module, owner.id)
        if named is None or named is cls:
            return None
        up = ancestors(cls)
        target = next((c for c in up if named is c), None)
        if target is not None:
            return target, fn.attr, ast.copy_location(ast.Call(fn, node.args[1:], node.keywords), node)
    return None


ENUM_BASES = {"Enum", "IntEnum", "StrEnum"}


def enum_members(cls: ClassInfo) -> list[tuple[str, str, ast.Constant]] | None:
    """(member, Go variable, literal value) of an enum class (`class Unit(Enum): SECONDS = 2`), in
    definition order; None when `cls` is no enum this translator handles: one base from `enum`, members
    that are distinct int or str literals of one type, no `__init__`/`__new__`, nothing else in the body
    but methods and a docstring."""
    if len(cls.bases) != 1 or cls.bases[0] not in ENUM_BASES or cls.outer is not None:
        return None
    node = cls.node.bases[0]
    ok = (isinstance(node, ast.Attribute) and ast.unparse(node.value) == "enum"
          or isinstance(node, ast.Name) and cls.module.imports.get(node.id) == ("enum", node.id))
    body = enum_body(cls.node) if ok and not {"__init__", "__new__"} & set(cls.methods) else None
    return [(name, enum_member_var(cls.go_name, name), value) for name, value in body] if body is not None else None


def value_ordered(cls: ClassInfo) -> bool:
    """An enum of int members ordered by value: `@total_ordering` and an `__lt__` that is
    `if self.__class__ is other.__class__: return self.value < other.value` then `return NotImplemented`
    (humanize's Unit), no other ordering method. Then `a > b` is `a.Value > b.Value` in Go."""
    members = enum_members(cls)
    lt = cls.methods.get("__lt__")
    if not members or not isinstance(members[0][2].value, int) or lt is None or "total_ordering" not in cls.decorators \
            or {"__le__", "__gt__", "__ge__"} & set(cls.methods):
        return False
    body = code_of(lt.node.body)
    args = lt.node.args.args
    if len(args) != 2 or len(body) != 2:
        return False
    me, other = args[0].arg, args[1].arg
    test, last = body
    # selfclass.py has written `self.__class__` / `type(self)` as the class's name already
    same_class = {f"{left} is {right}" for left in (f"{me}.__class__", f"type({me})", cls.name) for right in (f"{other}.__class__", f"type({other})")}
    same_class.add(f"isinstance({other}, {cls.name})")
    return (isinstance(test, ast.If) and not test.orelse and ast.unparse(test.test) in same_class and len(test.body) == 1
            and ast.unparse(test.body[0]) == f"return {me}.value < {other}.value"
            and ast.unparse(last) == "return NotImplemented")


def activate_enums(pkg: PackageInfo) -> None:
    """Enum members compare by identity in Python and by pointer in Go: `==`, `in` and set items work."""
    IDENTITY_EQ.clear()
    IDENTITY_EQ.update(c.key for c in pkg.all_classes() if enum_members(c) is not None)


def enum_list_name(cls: ClassInfo) -> str:
    """The Go slice of an enum's members in definition order (`for u in Unit`)."""
    return cls.go_name[:1].lower() + cls.go_name[1:] + "Members"
