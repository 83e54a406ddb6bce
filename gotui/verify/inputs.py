"""Inputs for a differential test, from a function's type hints: edge values first, then seeded random ones.

Only data crosses the Python/Go boundary: int, float, str, bool, None and list/dict/tuple/Optional
of those. Everything here works on the unit's source text (no import of the user's code), so a
function with side effects at import time is never run just to read its signature.
"""

from __future__ import annotations

import ast
import copy
import doctest
from dataclasses import dataclass, field
from typing import Any

from gotui.evidence.annotations import constrained_typevars, module_aliases
from gotui.parse.bound_defaults import bound_defaults, class_body_names, defaults_called, named_defaults
from gotui.verify._sandbox_child import Member, Obj, Record
from gotui.verify.guards import module_constants
from gotui.parse.units import unit_tree

# ---- the Python type model ------------------------------------------------------------------


@dataclass(frozen=True)
class PyType:
    """A data type: kind is int, float, str, bool, none, list, dict, tuple or optional."""

    kind: str
    args: tuple["PyType", ...] = ()
    variadic: bool = False  # tuple[T, ...]
    name: str = ""  # a record's (NamedTuple's) or an enum's class name; a record's args are its fields' types
    members: tuple[str, ...] = ()  # an enum's members, in definition order

    def holds(self, kind: str) -> bool:
        """Whether this type is, or has among its parts, a `kind` ("any": a value of several types)."""
        return self.kind == kind or any(a.holds(kind) for a in self.args)

    def __str__(self) -> str:
        if self.kind == "optional":
            return f"Optional[{self.args[0]}]"
        if self.kind == "tuple" and self.variadic:
            return f"tuple[{self.args[0]}, ...]"
        if self.kind in ("record", "enum", "object"):
            return self.name
        if self.args:
            return f"{self.kind}[{', '.join(str(a) for a in self.args)}]"
        return "None" if self.kind == "none" else self.kind


class Untestable(Exception):
    """Why a unit gets no differential test (the message becomes the `untested` detail)."""


RECORD_MARK = "__gotui_record__"  # the call sources.record_aliases writes for a NamedTuple class
ENUM_MARK = "__gotui_enum__"  # the call sources.enum_aliases writes for an Enum class
OBJECT_MARK = "__gotui_object__"  # the call sources.object_aliases writes for another class of the package

_SCALARS = {"int": "int", "float": "float", "str": "str", "bool": "bool", "None": "none", "NoneType": "none",
            # what int() / operator.index() accept: the translator's Go takes the int itself, so ints are the inputs
            "SupportsInt": "int", "SupportsIndex": "int"}
_LISTS = {"list", "List", "Sequence", "Iterable", "Collection", "MutableSequence"}
_DICTS = {"dict", "Dict", "Mapping", "MutableMapping"}
_TUPLES = {"tuple", "Tuple"}
_SETS = {"set", "Set", "frozenset", "FrozenSet", "AbstractSet", "MutableSet"}
HASHABLE = ("int", "str", "bool")


def name_of(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):  # typing.Optional, t.List
        return node.attr
    if isinstance(node, ast.Constant) and node.value is None:
        return "None"
    return None


def is_record_mark(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == RECORD_MARK


def is_object_mark(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == OBJECT_MARK


def is_enum_mark(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == ENUM_MARK


def unalias(node: ast.expr, aliases: dict[str, ast.expr], depth: int = 0) -> ast.expr:
    """The annotation with each alias written out (to a depth of 5: an alias of an alias)."""
    if not aliases or depth > 5:
        return node

    class Expand(ast.NodeTransformer):
        def visit_Name(self, n: ast.Name) -> ast.AST:
            return unalias(copy.deepcopy(aliases[n.id]), aliases, depth + 1) if n.id in aliases else n

        def visit_Call(self, n: ast.Call) -> ast.AST:
            # a mark already written out (`__gotui_enum__("Level", ...)`): its name is data, not a reference
            return n if is_record_mark(n) or is_enum_mark(n) or is_object_mark(n) else self.generic_visit(n)

        def visit_Constant(self, n: ast.Constant) -> ast.AST:  # a forward reference, `-> "Level"`
            named = isinstance(n.value, str) and n.value in aliases
            return unalias(copy.deepcopy(aliases[n.value]), aliases, depth + 1) if named else n

    return Expand().visit(node)


def parse_annotation(node: ast.expr | None) -> PyType:
    """The PyType of an annotation; raises Untestable naming the unsupported part."""
    if node is None:
        raise Untestable("no type hint")
    if isinstance(node, ast.Constant) and isinstance(node.value, str):  # "int" (a forward reference)
        try:
            return parse_annotation(ast.parse(node.value, mode="eval").body)
        except SyntaxError:
            raise Untestable(f"unsupported type {node.value!r}") from None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # int | None
        left, right = parse_annotation(node.left), parse_annotation(node.right)
        return _union([left, right], ast.unparse(node))
    if is_record_mark(node):
        # a NamedTuple of the package, as sources.record_aliases writes it: its name, then its fields' types
        name = node.args[0].value  # type: ignore[attr-defined]
        try:
            fields = tuple(parse_annotation(a) for a in node.args[1:])
        except Untestable as exc:
            raise Untestable(f"{name}'s field: {exc}") from None
        return PyType("record", fields, name=name)
    if is_object_mark(node):  # another class of the package (sources.object_aliases): an instance, from a traced state
        return PyType("object", name=node.args[0].value)  # type: ignore[attr-defined]
    if is_enum_mark(node):  # an Enum of the package, as sources.enum_aliases writes it: its name, then its members
        return PyType("enum", name=node.args[0].value, members=tuple(a.value for a in node.args[1:]))  # type: ignore[attr-defined]
    name = name_of(node)
    if name is not None:
        if name in _SCALARS:
            return PyType(_SCALARS[name])
        if name in ("Any", "object"):
            return PyType("any")  # a value of several types: Go's `any` (translator types.DynT)
        if name in _LISTS | _DICTS | _TUPLES | _SETS:
            raise Untestable(f"unsupported type {name} without element types")
        raise Untestable(f"unsupported type {ast.unparse(node)}")
    if isinstance(node, ast.Subscript):
        base = name_of(node.value)
        items = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if base in _LISTS and len(items) == 1:
            return PyType("list", (parse_annotation(items[0]),))
        if base in _SETS and len(items) == 1:  # Go's map[T]struct{}
            elem = parse_annotation(items[0])
            if elem.kind not in HASHABLE + ("enum",):
                raise Untestable(f"unsupported set element type {elem}")
            return PyType("set", (elem,))
        if base in _DICTS and len(items) == 2:
            key = parse_annotation(items[0])
            if key.kind not in HASHABLE:
                raise Untestable(f"unsupported dict key type {key}")
            return PyType("dict", (key, parse_annotation(items[1])))
        if base in _TUPLES:
            if len(items) == 2 and isinstance(items[1], ast.Constant) and items[1].value is Ellipsis:
                return PyType("tuple", (parse_annotation(items[0]),), variadic=True)
            if not items or (len(items) == 1 and isinstance(items[0], ast.Tuple) and not items[0].elts):
                raise Untestable("unsupported type tuple[()]")
            return PyType("tuple", tuple(parse_annotation(i) for i in items))
        if base == "Optional" and len(items) == 1:
            return _union([parse_annotation(items[0]), PyType("none")], ast.unparse(node))
        if base == "Union":
            return _union([parse_annotation(i) for i in items], ast.unparse(node))
    raise Untestable(f"unsupported type {ast.unparse(node)}")


def _union(members: list[PyType], text: str) -> PyType:
    flat: list[PyType] = []
    for m in members:
        flat.extend([m.args[0], PyType("none")] if m.kind == "optional" else [m])
    rest = [m for m in flat if m.kind != "none"]
    has_none = len(rest) < len(flat)
    if len(set(rest)) == 1 and has_none:
        return PyType("optional", (rest[0],))
    if len(rest) == 0:
        return PyType("none")
    if all(_held_in_any(m) for m in rest):
        # Go's `any` (translator types.DynT): inputs of each member, written as the Go holds them
        return PyType("union", tuple(dict.fromkeys(rest)) + ((PyType("none"),) if has_none else ()))
    raise Untestable(f"unsupported union {text}")


_PLAIN = ("int", "float", "str", "bool")


def _held_in_any(m: PyType) -> bool:
    """A union member the translated code holds in an `any` as a value the checker can write: a scalar, a
    NamedTuple of scalars (`*IntegerRGB`), a tuple of 1 to 4 scalars (`Tuple3[int, int, int]`)."""
    if m.kind in _PLAIN:
        return True
    if m.kind == "record" or m.kind == "tuple" and not m.variadic and 1 <= len(m.args) <= 4:
        return all(a.kind in _PLAIN for a in m.args)
    return False


def conforms(value: Any, t: PyType) -> bool:
    """Whether a Python value is of the hinted type (an int where a float is hinted counts); a receiver's
    attribute (`state`) has no hint: its Go field's type decides when the value is written in Go."""
    k = t.kind
    if k == "state":
        return True
    if k == "any":
        # a tuple of such values is one too (`return key, value`: Go's several `any` results, each
        # written alone); one Go cannot write in a single `any` is a row left out (NotExpressible)
        return any_literal_ok(value) or isinstance(value, tuple) and all(any_literal_ok(v) for v in value)
    if k == "union":
        return any(conforms(value, m) and (m.kind != "float" or isinstance(value, float)) for m in t.args)
    if k == "none":
        return value is None
    if k == "optional":
        return value is None or conforms(value, t.args[0])
    if k == "bool":
        return isinstance(value, bool)
    if k == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if k == "float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if k == "str":
        return isinstance(value, str)
    if k == "list":
        return isinstance(value, list) and all(conforms(v, t.args[0]) for v in value)
    if k == "set":
        return isinstance(value, (set, frozenset)) and all(conforms(v, t.args[0]) for v in value)
    if k == "dict":
        return isinstance(value, dict) and all(conforms(a, t.args[0]) and conforms(b, t.args[1]) for a, b in value.items())
    if k == "enum":
        return isinstance(value, Member) and value.cls == t.name and value.member in t.members
    if k == "object":
        return isinstance(value, Obj) and value.cls == t.name
    if k == "record":
        return isinstance(value, Record) and value.name == t.name and len(value) == len(t.args) \
            and all(conforms(v, a) for v, a in zip(value, t.args))
    if k == "tuple":
        if not isinstance(value, tuple) or isinstance(value, Record):
            return False
        if t.variadic:
            return all(conforms(v, t.args[0]) for v in value)
        return len(value) == len(t.args) and all(conforms(v, a) for v, a in zip(value, t.args))
    return False


def any_literal_ok(value: Any, depth: int = 0) -> bool:
    """Whether a value of several types can be written in Go as the value the translated code holds in
    an `any`: None, a bool, an int, a float, a str, or a tuple of 1 to 4 of them but None (Tuple1..Tuple4:
    difftest._any_literal writes them; a 1-tuple only comes from a caller, as cachetools' keys do)."""
    if value is None:
        return depth == 0
    if isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, Record):  # a NamedTuple in an `any`: Go holds the *Name its constructor gives
        return all(isinstance(v, (bool, int, float, str)) for v in value)
    if isinstance(value, Member):  # an enum member in an `any`: Go holds its package variable, a *Name
        return True
    return isinstance(value, tuple) and 1 <= len(value) <= 4 and depth == 0 and all(any_literal_ok(v, 1) for v in value)


def normalise(value: Any, t: PyType) -> Any:
    """The value with ints turned into floats where a float is hinted (Go compares float64 then)."""
    k = t.kind
    if value is None:
        return None
    if k == "optional":
        return normalise(value, t.args[0])
    if k == "float":
        return float(value)
    if k == "list":
        return [normalise(v, t.args[0]) for v in value]
    if k == "dict":
        return {normalise(a, t.args[0]): normalise(b, t.args[1]) for a, b in value.items()}
    if k == "set":
        return {normalise(v, t.args[0]) for v in value}
    if k == "tuple":
        kinds = [t.args[0]] * len(value) if t.variadic else list(t.args)
        return tuple(normalise(v, a) for v, a in zip(value, kinds))
    return value


def type_name(value: Any) -> str:
    return value.name if isinstance(value, Record) else type(value).__name__


# ---- the function's signature ---------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    name: str
    type: PyType
    keyword_only: bool = False


@dataclass
class FunctionSpec:
    name: str
    params: list[Param]
    returns: PyType
    node: ast.FunctionDef = field(repr=False)
    docstring: str | None = None
    mutates: list[str] = field(default_factory=list)  # parameters it changes in place (not compared)
    prints: bool = False  # output is not compared
    constants: dict[str, Any] = field(default_factory=dict, repr=False)  # module literals the body reads

    def call_repr(self, args: tuple) -> str:
        parts = []
        for p, v in zip(self.params, args):
            parts.append(f"{p.name}={v!r}" if p.keyword_only else repr(v))
        return f"{self.name}({', '.join(parts)})"


ALLOWED_DECORATORS = {"lru_cache", "cache", "staticmethod", "classmethod", "wraps"}  # a classmethod: checked as its plain Go function (check._plain_function)

# Names whose use makes a function untestable by comparison: (prefix of a dotted name, reason).
_EFFECTS = [
    ("random", "nondeterministic: uses random"), ("secrets", "nondeterministic: uses secrets"),
    ("uuid", "nondeterministic: uses uuid"), ("time", "nondeterministic: uses the clock (time)"),
    ("datetime.now", "nondeterministic: uses the clock"), ("datetime.datetime.now", "nondeterministic: uses the clock"),
    ("datetime.today", "nondeterministic: uses the clock"), ("datetime.utcnow", "nondeterministic: uses the clock"),
    ("date.today", "nondeterministic: uses the clock"), ("datetime.date.today", "nondeterministic: uses the clock"),
    ("os", "side effects: uses os"), ("sys", "side effects: uses sys"), ("subprocess", "side effects: starts processes"),
    ("shutil", "side effects: uses files"), ("tempfile", "side effects: uses files"), ("pathlib", "side effects: uses files"),
    ("Path", "side effects: uses files"), ("open", "side effects: uses files (open)"), ("input", "side effects: reads the console"),
    ("socket", "side effects: uses the network"), ("requests", "side effects: uses the network"),
    ("urllib", "side effects: uses the network"), ("http", "side effects: uses the network"),
    ("httpx", "side effects: uses the network"), ("threading", "side effects: uses threads"),
    ("asyncio", "side effects: uses asyncio"), ("exit", "side effects: exits the process"), ("quit", "side effects: exits the process"),
    ("sqlite3", "side effects: uses a database"),
]
# Pure parts of the modules above: string and number work that touches nothing.
_PURE = {"os.path.join", "os.path.basename", "os.path.dirname", "os.path.splitext", "os.path.split", "os.path.normpath",
         "os.path.isabs", "os.path.commonprefix", "os.sep", "os.linesep", "sys.maxsize", "sys.float_info", "sys.version_info",
         "sys.byteorder", "datetime.timedelta", "datetime.date.fromisoformat",
         "datetime.datetime.fromisoformat", "datetime.datetime.strptime"}
_MUTATORS = {"append", "extend", "insert", "pop", "remove", "clear", "update", "setdefault", "popitem", "sort", "reverse", "add", "discard"}


def _dotted(node: ast.expr) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def side_effect_reason(fn: ast.FunctionDef, params: set[str], collected: bool = False) -> str | None:
    """A reason the function cannot be compared by its results, from its body alone, or None.
    `collected`: a generator run to its end, whose yields are its result (iterators.py)."""
    local: set[str] = set(params)
    for node in ast.walk(fn):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            local.add(node.id)
    inner = {n.value for n in ast.walk(fn) if isinstance(n, ast.Attribute)}
    for node in ast.walk(fn):
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            return f"side effects: changes {'global' if isinstance(node, ast.Global) else 'enclosing'} state ({', '.join(node.names)})"
        if isinstance(node, (ast.Yield, ast.YieldFrom)) and not collected:
            return "generator: yields instead of returning"
        if isinstance(node, ast.Await):
            return "async: awaits"
        if isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Load):
            dotted = _dotted(node)
            if dotted is None or dotted.split(".")[0] in local or any(dotted == p or dotted.startswith(p + ".") for p in _PURE):
                continue
            if node in inner:
                continue  # `os` and `os.path` in `os.path.join`: the whole dotted name decides
            for prefix, reason in _EFFECTS:
                if dotted == prefix or dotted.startswith(prefix + "."):
                    return reason
    return None


def _mutated_params(fn: ast.FunctionDef, params: set[str]) -> list[str]:
    out: set[str] = set()
    for node in ast.walk(fn):
        targets: list[ast.expr] = []
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        for t in targets:
            if isinstance(t, (ast.Subscript, ast.Attribute)) and isinstance(t.value, ast.Name) and t.value.id in params:
                out.add(t.value.id)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _MUTATORS:
            if isinstance(node.func.value, ast.Name) and node.func.value.id in params:
                out.add(node.func.value.id)
    return sorted(out)


def names_in(fn: ast.AST) -> set[str]:
    """Every name a def mentions at any depth: a parameter outside it is never used (neither side
    reads it; check gives it None and the Go `any` nil)."""
    return {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)}


def _class_level_names(module_text: str, method: str) -> frozenset[str]:
    """What the class bodies that define `method` bind (a default there may name them: then it is not
    read as a bound function); every class of that method name, since the unit's text does not say which."""
    try:
        tree = ast.parse(module_text) if module_text else None
    except SyntaxError:
        return frozenset()
    out: set[str] = set()
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.ClassDef) and any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == method for s in node.body):
            out |= class_body_names(node)
    return frozenset(out)


def function_spec(source: str, is_method: bool = False, module_text: str = "",
                  transparent: frozenset[str] = frozenset(), collected: bool = False,
                  aliases: dict[str, ast.expr] | None = None) -> FunctionSpec:
    """Signature and hints of a unit's function; raises Untestable with the reason it cannot be compared.

    `module_text`, the unit's whole module, gives the literal constants the body reads (a table of
    valid country codes, a limit): inputs built from them get past the function's own validation.
    `transparent`: names of decorators that do not change what the function computes (one that only
    warns, sources.see_through_decorators); the Python side calls the function through them as it is.
    `collected`: the result is an iterator both sides run to its end (iterators.py), so yields are allowed.
    `aliases`: the type aliases the module sees (sources.project_type_aliases); by default its own.
    """
    try:
        tree = unit_tree(source)
    except SyntaxError as exc:
        raise Untestable(f"cannot parse the Python: {exc.msg}") from None
    fns = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if not fns:
        raise Untestable("not a function")
    fn = fns[0]
    if isinstance(fn, ast.AsyncFunctionDef):
        raise Untestable("async function")
    for dec in fn.decorator_list:
        name = name_of(dec.func if isinstance(dec, ast.Call) else dec)
        if name not in ALLOWED_DECORATORS and name not in transparent:
            raise Untestable(f"decorated with @{ast.unparse(dec)}")
    a = fn.args
    if a.vararg is not None or a.kwarg is not None and a.kwarg.arg in names_in(fn):
        raise Untestable("takes *args or **kwargs")  # an unused **kwargs: the Go function leaves it out
    positional = list(a.posonlyargs) + list(a.args)
    if is_method and positional:
        positional = positional[1:]  # self / cls
    if aliases is None:
        try:
            tree = ast.parse(module_text) if module_text else None
            aliases = {**module_aliases(tree), **constrained_typevars(tree)} if tree is not None else {}
        except SyntaxError:
            aliases = {}
    for arg in [*positional, *a.kwonlyargs]:
        if arg.annotation is not None:
            arg.annotation = unalias(arg.annotation, aliases)
    if fn.returns is not None:  # a NamedTuple result is read back by its attributes instead (instances.py)
        fn.returns = unalias(fn.returns, {k: v for k, v in aliases.items() if not is_record_mark(v) and not is_object_mark(v)})
    params: list[Param] = []
    # a parameter that only holds a function bound as its default (`cache_setitem=Cache.__setitem__`)
    # is not in the Go signature (parse/bound_defaults.py): left out here, its default runs in Python;
    # the parameters after it are passed by name
    shadowed = _class_level_names(module_text, fn.name) if is_method and named_defaults(fn) else frozenset()
    bound = bound_defaults(fn, shadowed)
    after_bound = False
    for arg, kw in [(p, False) for p in positional] + [(p, True) for p in a.kwonlyargs]:
        if arg.arg in bound:
            after_bound = True
            continue
        kw = kw or after_bound
        if arg.annotation is None:
            raise Untestable(f"no type hints: parameter {arg.arg}")
        try:
            params.append(Param(arg.arg, parse_annotation(arg.annotation), kw))
        except Untestable as exc:
            raise Untestable(f"parameter {arg.arg}: {exc}") from None
    if fn.returns is None:
        raise Untestable("no type hints: no return type")
    try:
        returns = parse_annotation(fn.returns)
    except Untestable as exc:
        raise Untestable(f"return: {exc}") from None
    names = {p.name for p in params}
    # the bound functions' effects count as the body's (`timer=time.monotonic` reads the clock)
    reason = side_effect_reason(defaults_called(fn, bound) if bound else fn, names, collected)
    if reason:
        raise Untestable(reason)
    prints = any(isinstance(n, ast.Call) and name_of(n.func) == "print" for n in ast.walk(fn))
    read = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    stored = names | {n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    constants = {k: v for k, v in module_constants(module_text).items() if k in read and k not in stored} if module_text else {}
    return FunctionSpec(fn.name, params, returns, fn, ast.get_docstring(fn), _mutated_params(fn, names), prints, constants)


# ---- doctests -------------------------------------------------------------------------------


def doctest_cases(spec: FunctionSpec) -> list[tuple]:
    """Argument tuples of `>>> name(...)` examples with literal arguments in the docstring."""
    if not spec.docstring:
        return []
    out: list[tuple] = []
    try:
        examples = doctest.DocTestParser().get_examples(spec.docstring)
    except ValueError:
        return []
    by_name = {p.name: i for i, p in enumerate(spec.params)}
    for ex in examples:
        try:
            expr = ast.parse(ex.source.strip(), mode="eval").body
        except SyntaxError:
            continue
        if not (isinstance(expr, ast.Call) and name_of(expr.func) == spec.name):
            continue
        try:
            values: list[Any] = [ast.literal_eval(v) for v in expr.args]
            kw = {k.arg: ast.literal_eval(k.value) for k in expr.keywords if k.arg}
        except (ValueError, SyntaxError, TypeError):
            continue
        if len(values) > len(spec.params) or any(k not in by_name for k in kw):
            continue
        args: list[Any] = values + [_MISSING] * (len(spec.params) - len(values))
        for k, v in kw.items():
            args[by_name[k]] = v
        if any(v is _MISSING for v in args):
            continue  # relies on a default: Go has none
        if all(conforms(v, p.type) for v, p in zip(args, spec.params)):
            out.append(tuple(normalise(v, p.type) for v, p in zip(args, spec.params)))
    return out


_MISSING = object()
