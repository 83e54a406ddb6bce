"""Inputs for a differential test, from a function's type hints: edge values first, then seeded random ones.

Only data crosses the Python/Go boundary: int, float, str, bool, None and list/dict/tuple/Optional
of those. Everything here works on the unit's source text (no import of the user's code), so a
function with side effects at import time is never run just to read its signature.
"""

from __future__ import annotations

import ast
import copy
import doctest
import math
import random
import textwrap
import zlib
from dataclasses import dataclass, field
from typing import Any

from gotui.evidence.annotations import module_aliases
from gotui.verify.guards import leading_guards, module_constants, passes_guards

# ---- the Python type model ------------------------------------------------------------------


@dataclass(frozen=True)
class PyType:
    """A data type: kind is int, float, str, bool, none, list, dict, tuple or optional."""

    kind: str
    args: tuple["PyType", ...] = ()
    variadic: bool = False  # tuple[T, ...]

    def holds(self, kind: str) -> bool:
        """Whether this type is, or has among its parts, a `kind` ("any": a value of several types)."""
        return self.kind == kind or any(a.holds(kind) for a in self.args)

    def __str__(self) -> str:
        if self.kind == "optional":
            return f"Optional[{self.args[0]}]"
        if self.kind == "tuple" and self.variadic:
            return f"tuple[{self.args[0]}, ...]"
        if self.args:
            return f"{self.kind}[{', '.join(str(a) for a in self.args)}]"
        return "None" if self.kind == "none" else self.kind


class Untestable(Exception):
    """Why a unit gets no differential test (the message becomes the `untested` detail)."""


_SCALARS = {"int": "int", "float": "float", "str": "str", "bool": "bool", "None": "none", "NoneType": "none",
            # what int() / operator.index() accept: the translator's Go takes the int itself, so ints are the inputs
            "SupportsInt": "int", "SupportsIndex": "int"}
_LISTS = {"list", "List", "Sequence", "Iterable", "Collection", "MutableSequence"}
_DICTS = {"dict", "Dict", "Mapping", "MutableMapping"}
_TUPLES = {"tuple", "Tuple"}
HASHABLE = ("int", "str", "bool")


def _name_of(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):  # typing.Optional, t.List
        return node.attr
    if isinstance(node, ast.Constant) and node.value is None:
        return "None"
    return None


def unalias(node: ast.expr, aliases: dict[str, ast.expr], depth: int = 0) -> ast.expr:
    """The annotation with each alias written out (to a depth of 5: an alias of an alias)."""
    if not aliases or depth > 5:
        return node

    class Expand(ast.NodeTransformer):
        def visit_Name(self, n: ast.Name) -> ast.AST:
            return unalias(copy.deepcopy(aliases[n.id]), aliases, depth + 1) if n.id in aliases else n

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
    name = _name_of(node)
    if name is not None:
        if name in _SCALARS:
            return PyType(_SCALARS[name])
        if name in ("Any", "object"):
            return PyType("any")  # a value of several types: Go's `any` (translator types.DynT)
        if name in _LISTS | _DICTS | _TUPLES:
            raise Untestable(f"unsupported type {name} without element types")
        raise Untestable(f"unsupported type {ast.unparse(node)}")
    if isinstance(node, ast.Subscript):
        base = _name_of(node.value)
        items = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if base in _LISTS and len(items) == 1:
            return PyType("list", (parse_annotation(items[0]),))
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
    if all(m.kind in ("int", "float", "str", "bool") for m in rest):
        # Go's `any` (translator types.DynT): inputs of each member, written as the Go holds them
        return PyType("union", tuple(dict.fromkeys(rest)) + ((PyType("none"),) if has_none else ()))
    raise Untestable(f"unsupported union {text}")


def conforms(value: Any, t: PyType) -> bool:
    """Whether a Python value is of the hinted type (an int where a float is hinted counts); a receiver's
    attribute (`state`) has no hint: its Go field's type decides when the value is written in Go."""
    k = t.kind
    if k == "state":
        return True
    if k == "any":
        return any_literal_ok(value)
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
    if k == "dict":
        return isinstance(value, dict) and all(conforms(a, t.args[0]) and conforms(b, t.args[1]) for a, b in value.items())
    if k == "tuple":
        if not isinstance(value, tuple):
            return False
        if t.variadic:
            return all(conforms(v, t.args[0]) for v in value)
        return len(value) == len(t.args) and all(conforms(v, a) for v, a in zip(value, t.args))
    return False


def any_literal_ok(value: Any, depth: int = 0) -> bool:
    """Whether a value of several types can be written in Go as the value the translated code holds in
    an `any`: None, a bool, an int, a float, a str, or a tuple of 2 to 4 of them but None (Tuple2..Tuple4:
    difftest._any_literal writes them)."""
    if value is None:
        return depth == 0
    if isinstance(value, (bool, int, float, str)):
        return True
    return isinstance(value, tuple) and 2 <= len(value) <= 4 and depth == 0 and all(any_literal_ok(v, 1) for v in value)


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
    if k == "tuple":
        kinds = [t.args[0]] * len(value) if t.variadic else list(t.args)
        return tuple(normalise(v, a) for v, a in zip(value, kinds))
    return value


def type_name(value: Any) -> str:
    return type(value).__name__


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


ALLOWED_DECORATORS = {"lru_cache", "cache", "staticmethod", "wraps"}

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


def function_spec(source: str, is_method: bool = False, module_text: str = "",
                  transparent: frozenset[str] = frozenset(), collected: bool = False,
                  aliases: dict[str, ast.expr] | None = None) -> FunctionSpec:
    """Signature and hints of a unit's function; raises Untestable with the reason it cannot be compared.

    `module_text`, the unit's whole module, gives the literal constants the body reads (a table of
    valid country codes, a limit): inputs built from them get past the function's own validation.
    `transparent`: names of decorators that do not change what the function computes (one that only
    warns, sources.warning_decorators); the Python side calls the function through them as it is.
    `collected`: the result is an iterator both sides run to its end (iterators.py), so yields are allowed.
    `aliases`: the type aliases the module sees (sources.project_type_aliases); by default its own.
    """
    try:
        tree = ast.parse(textwrap.dedent(source))
    except SyntaxError as exc:
        raise Untestable(f"cannot parse the Python: {exc.msg}") from None
    fns = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if not fns:
        raise Untestable("not a function")
    fn = fns[0]
    if isinstance(fn, ast.AsyncFunctionDef):
        raise Untestable("async function")
    for dec in fn.decorator_list:
        name = _name_of(dec.func if isinstance(dec, ast.Call) else dec)
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
            aliases = module_aliases(ast.parse(module_text)) if module_text else {}
        except SyntaxError:
            aliases = {}
    for arg in [*positional, *a.kwonlyargs]:
        if arg.annotation is not None:
            arg.annotation = unalias(arg.annotation, aliases)
    if fn.returns is not None:
        fn.returns = unalias(fn.returns, aliases)
    params: list[Param] = []
    for arg, kw in [(p, False) for p in positional] + [(p, True) for p in a.kwonlyargs]:
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
    reason = side_effect_reason(fn, names, collected)
    if reason:
        raise Untestable(reason)
    prints = any(isinstance(n, ast.Call) and _name_of(n.func) == "print" for n in ast.walk(fn))
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
        if not (isinstance(expr, ast.Call) and _name_of(expr.func) == spec.name):
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

# ---- values ---------------------------------------------------------------------------------

INT_EDGES = [0, 1, -1, 2, -7, 7, -2, 3, -3, 10, -10, 100, -100, 12345, -12345, 10**6, 2**31 - 1, -(2**31)]
FLOAT_EDGES = [0.0, 1.0, -1.0, 0.5, -0.5, 2.5, -2.5, 1.5, 0.1, 3.14159, -3.75, 1e-9, 1e9, 123456.789]
STR_EDGES = ["", "a", "A", " ", "hello world", "ünïcödé", "日本語", "a-b_c", "123", "  padded  ", "tab\there", "line\nbreak",
             "emoji 🎉", "Z" * 40]
_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,:/" + "äöüßéñ日本Ω🎉"


@dataclass
class Literals:
    """Constants mined from the function body: comparing against them is where branches are."""

    ints: list[int] = field(default_factory=list)
    floats: list[float] = field(default_factory=list)
    strs: list[str] = field(default_factory=list)


def mined_literals(fn: ast.FunctionDef, constants: dict[str, Any] | None = None) -> Literals:
    """Literals of the body, then of the module constants it reads (keys of a table first).

    Error messages (the text of a `raise`, f-string pieces) are left out: no input is compared with them.
    """
    lit = Literals()
    quiet = {id(n) for r in ast.walk(fn) if isinstance(r, (ast.Raise, ast.JoinedStr)) for n in ast.walk(r)}
    values = [n.value for n in ast.walk(fn) if isinstance(n, ast.Constant) and id(n) not in quiet]
    for name in sorted(constants or {}):
        values += _scalars(constants[name])[:16]  # type: ignore[index]
    for v in values:
        if isinstance(v, bool):
            continue
        if isinstance(v, int) and abs(v) < 2**40:
            lit.ints += [v, v - 1, v + 1]
        elif isinstance(v, float) and math.isfinite(v):
            lit.floats.append(v)
        elif isinstance(v, str) and len(v) <= 40 and v not in lit.strs:
            lit.strs.append(v)
    lit.strs = [s for s in lit.strs if s != ast.get_docstring(fn)]
    return lit


def _scalars(value: Any, depth: int = 0) -> list[Any]:
    """The numbers and strings inside a constant, keys before values."""
    if isinstance(value, (int, float, str)):
        return [value]
    if depth > 3:
        return []
    if isinstance(value, dict):
        return [k for k in value if isinstance(k, (int, str))] + [x for v in value.values() for x in _scalars(v, depth + 1)]
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return [x for v in items for x in _scalars(v, depth + 1)]
    return []


@dataclass(frozen=True)
class Hazards:
    """Where Python and Go differ, read from the body: each one adds the inputs that show it."""

    divisors: tuple[int, ...] = ()  # literal right operands of // % / divmod, and c in x / (c + y)
    floor: bool = False  # // % or divmod: negative operands
    rounds: bool = False  # round(): halves
    round_digits: bool = False  # round(x, n): decimal halves such as 2.675
    indexes: bool = False  # s[i], s[a:b], enumerate, len: non-ASCII text
    splits: bool = False  # str.split() with no separator: empty and multi-space text


def _text_names(fn: ast.FunctionDef, text_params: set[str]) -> set[str]:
    """The str parameters and the names computed from them (`s = text.strip()`, `for word in s.split()`)."""
    text = set(text_params)
    flows: list[tuple[ast.AST, list[ast.expr]]] = []
    for node in ast.walk(fn):
        if isinstance(node, ast.Assign):
            flows.append((node.value, node.targets))
        elif isinstance(node, (ast.For, ast.comprehension)):
            flows.append((node.iter, [node.target]))
    for _ in range(3):  # chains of a few steps
        for value, targets in flows:
            if any(isinstance(n, ast.Name) and n.id in text for n in ast.walk(value)):
                text |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return text


def _base_name(node: ast.expr) -> str | None:
    """`s` in `s`, `s.strip()`, `s.lower().split()`."""
    while True:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            node = node.func.value
        elif isinstance(node, ast.Attribute):
            node = node.value
        else:
            return None


def _is_text(t: PyType) -> bool:
    """str, Optional[str], or a list or tuple of them: values whose characters the body may index."""
    if t.kind == "str":
        return True
    return t.kind in ("optional", "list", "tuple") and all(_is_text(a) for a in t.args) and bool(t.args)


def hazards(fn: ast.FunctionDef, text_params: set[str] | None = None) -> Hazards:
    """The body's hazards; indexing counts only on text (the str parameters and what is computed from them)."""
    divisors: list[int] = []
    floor = rounds = digits = indexes = splits = False
    text = _text_names(fn, set(text_params or ()))
    for node in ast.walk(fn):
        right: ast.expr | None = None
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, (ast.FloorDiv, ast.Mod, ast.Div)):
            floor = floor or not isinstance(node.op, ast.Div)
            right = node.right if isinstance(node, ast.BinOp) else node.value
        elif isinstance(node, ast.Call):
            name = _name_of(node.func)
            if name == "divmod" and len(node.args) == 2:
                floor, right = True, node.args[1]
            elif name == "round":
                rounds, digits = True, digits or len(node.args) > 1
            elif name in ("enumerate", "len", "reversed", "list") and node.args:
                indexes = indexes or _base_name(node.args[0]) in text
            elif isinstance(node.func, ast.Attribute) and node.func.attr in ("split", "rsplit") and not node.args:
                splits = True
        elif isinstance(node, ast.Subscript):
            indexes = indexes or _base_name(node.value) in text
        elif isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.iter, ast.Name):
            indexes = indexes or node.iter.id in text  # `for ch in s`: runes, not bytes
        if isinstance(right, ast.BinOp) and isinstance(right.op, (ast.Add, ast.Sub)):
            right = right.left if isinstance(right.left, ast.Constant) else right.right  # x / (100 + rate)
        if right is not None:
            v = right.value if isinstance(right, ast.Constant) else None
            if isinstance(v, int) and not isinstance(v, bool) and 1 < abs(v) < 2**31 and v not in divisors:
                divisors.append(v)
    return Hazards(tuple(divisors[:4]), floor, rounds, digits, indexes, splits)


def _dedupe(values: list[Any]) -> list[Any]:
    seen: set[str] = set()
    out = []
    for v in values:
        key = repr(v)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


# Decimal halves that binary floats hold a little under or over: round(2.675, 2) is 2.67 in Python.
ROUND_HALVES = [0.5, 1.5, 2.5, -0.5, -2.5]
DECIMAL_HALVES = [2.675, 0.125, 1.005, -1.005, 0.285, -2.675]
SPLIT_EDGES = ["", " ", "a  b", "  two  spaces  ", "tab\tand\nnewline"]
# one non-ASCII letter alone ("ü": its second byte, read as a rune, is the number ¼), digits beside one
INDEX_EDGES = ["ünïcödé", "ü", "日本語", "2ü3a"]
PREFIXED = ["prefix", "prefab", "pre", "pref"]  # words sharing a beginning: prefix and sort work


def edge_values(t: PyType, lit: Literals, hz: Hazards = Hazards()) -> list[Any]:
    """Interesting values of a type, the most telling first (the body's hazards move theirs to the front)."""
    k = t.kind
    if k == "int":
        # around each divisor d: d/2 (0.5 after dividing: half to even rounds it down), -3d/2 (floor and
        # truncation differ), 3d/2 (ceil division), d (x / (d + y) is a half for y = d and an odd x)
        near = [x for d in map(abs, hz.divisors) for x in (d // 2, -(d + d // 2), d + d // 2, d, -(d // 2))]
        return _dedupe(INT_EDGES[:3] + near[:8] + INT_EDGES[3:7] + lit.ints[:12] + INT_EDGES[7:])
    if k == "float":
        halves = [x for pair in zip(DECIMAL_HALVES, ROUND_HALVES) for x in pair] if hz.round_digits else ROUND_HALVES
        first = [0.0] + halves if hz.rounds else []
        return _dedupe(first + FLOAT_EDGES[:6] + [float(x) for x in lit.floats[:6] + lit.ints[:6:3]] + FLOAT_EDGES[6:])
    if k == "str":
        first = STR_EDGES[:2] + (SPLIT_EDGES if hz.splits else []) + (INDEX_EDGES if hz.indexes else [])
        return _dedupe(first + lit.strs[:14] + _structured(lit)[:8] + STR_EDGES[2:])
    if k == "bool":
        return [False, True]
    if k == "none":
        return [None]
    if k == "union":
        cols = [edge_values(m, lit, hz) for m in t.args]
        return _dedupe([v for row in zip(*[c + c[-1:] * (max(map(len, cols)) - len(c)) for c in cols]) for v in row])
    if k == "any":  # a value of several types: ints, texts and None (the note says where 1, 1.0 and True differ)
        return _dedupe(INT_EDGES[:3] + STR_EDGES[:2] + [None] + lit.ints[:4] + lit.strs[:4])
    if k == "optional":
        return [None] + edge_values(t.args[0], lit, hz)
    if k == "list":
        e = edge_values(t.args[0], lit, hz)
        if t.args[0].kind == "list":  # a matrix: a rectangle, and rows of unequal length (zip stops early)
            inner = edge_values(t.args[0].args[0], lit, hz)
            a, b, c, d = (inner * 4)[1:5]
            return _dedupe([[], [[]], [[a, b], [c, d]], [[a, b], [c]], e[1:3], e[2:6], list(reversed(e[:4]))])
        words = [PREFIXED] if t.args[0].kind == "str" else []
        return [[], e[:1], e[1:3], e[2:6], list(reversed(e[:4]))] + words
    if k == "dict":
        ks, vs = edge_values(t.args[0], lit, hz), edge_values(t.args[1], lit, hz)
        return _dedupe([{}, {ks[0]: vs[0]}, dict(zip(ks[1:4], vs[1:4])), dict(zip(ks[2:6], vs[3:7]))])
    if k == "tuple":
        if t.variadic:
            e = edge_values(t.args[0], lit, hz)
            return [(), tuple(e[:1]), tuple(e[1:4])]
        cols = [edge_values(a, lit, hz) for a in t.args]
        n = max(len(c) for c in cols)
        return _dedupe([tuple(c[(i + j) % len(c)] for j, c in enumerate(cols)) for i in range(min(n, 8))])
    raise Untestable(f"unsupported type {t}")


def _structured(lit: Literals) -> list[str]:
    """Strings shaped like what a parser in the body expects: a literal word and numbers joined by a separator."""
    seps = [x for x in lit.strs if len(x) == 1 and not x.isalnum() and not x.isspace()]
    words = [x for x in lit.strs if x not in seps and 0 < len(x) <= 12 and x.strip() == x]
    out: list[str] = []
    counts = sorted({n for n in lit.ints[0::3] if 2 <= n <= 8})  # `len(parts) != 4`: that many fields
    top = max((n for n in lit.ints[0::3] if 0 < n < 10**6), default=9)
    for sep in seps[:2]:
        for n in counts[:2]:
            out += [sep.join(str(i + 1) for i in range(n)), sep.join([str(top + 1)] + [str(top)] * (n - 1))]
        for w in words[:3]:
            out += [f"{w}{sep}2024{sep}17", f"{w}{sep}17"]
        out += [f"17{sep}42", f"ünïcödé{sep}17"]
    # an alphabet (the keys of a table of letters): words written in it, in order and reversed
    letters = [x for x in lit.strs if len(x) == 1 and x.isalpha()]
    if len(letters) >= 3:
        out += ["".join(letters[:4]), "".join(reversed(letters)), letters[0] * 3 + letters[1], letters[1] + letters[0]]
    return out


def random_value(t: PyType, rng: random.Random, lit: Literals, depth: int = 0) -> Any:
    k = t.kind
    if k == "int":
        roll = rng.random()
        if roll < 0.55:
            return rng.randint(-100, 100)
        if roll < 0.8:
            return rng.randint(-10**6, 10**6)
        if roll < 0.95 and lit.ints:
            return rng.choice(lit.ints)
        return rng.randint(-2**40, 2**40)
    if k == "float":
        roll = rng.random()
        if roll < 0.3:
            return rng.randint(-200, 200) / 2  # halves: where rounding rules differ
        if roll < 0.45 and lit.floats:
            return rng.choice(lit.floats)
        return round(rng.uniform(-1e4, 1e4), rng.randint(0, 6))
    if k == "str":
        if lit.strs and rng.random() < 0.3:
            s = rng.choice(lit.strs)
            return rng.choice([s, s.upper(), s.lower(), s + rng.choice(_ALPHABET), " " + s])
        return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 12)))
    if k == "bool":
        return rng.random() < 0.5
    if k == "none":
        return None
    if k == "union":
        return random_value(rng.choice(t.args), rng, lit, depth)
    if k == "any":
        roll = rng.random()
        return None if roll < 0.1 else random_value(PyType("int" if roll < 0.55 else "str"), rng, lit, depth)
    if k == "optional":
        return None if rng.random() < 0.2 else random_value(t.args[0], rng, lit, depth)
    size = rng.randint(0, 6 if depth == 0 else 3)
    if k == "list":
        return [random_value(t.args[0], rng, lit, depth + 1) for _ in range(size)]
    if k == "dict":
        return {random_value(t.args[0], rng, lit, depth + 1): random_value(t.args[1], rng, lit, depth + 1) for _ in range(size)}
    if k == "tuple":
        if t.variadic:
            return tuple(random_value(t.args[0], rng, lit, depth + 1) for _ in range(size))
        return tuple(random_value(a, rng, lit, depth + 1) for a in t.args)
    raise Untestable(f"unsupported type {t}")


def _named_value(t: PyType, lit: Literals, edges: list[Any]) -> Any:
    """A value the function's body names for this type (a literal it compares with), else an edge value."""
    if t.kind == "str" and lit.strs:
        return lit.strs[0]
    if t.kind == "int" and lit.ints:
        return max(lit.ints[0::3], key=abs)  # the literals themselves (mined as v, v-1, v+1): the largest
    if t.kind == "float" and lit.floats:
        return lit.floats[0]
    return edges[min(1, len(edges) - 1)]


def _passing_seeds(spec: FunctionSpec, edges: list[list[Any]], lit: Literals, first: list[tuple], want: int = 3) -> list[tuple]:
    """Inputs that get past the function's own validation, as different from each other as found.

    Candidates are the doctest examples and the named/plain bases, then seeded mixes of edge values
    and random ones; the body's leading guards decide (see gotui/verify/guards.py). Empty when the
    function has no guard this can evaluate: then every input reaches the body anyway.
    """
    if not leading_guards(spec.node):
        return []
    names = [p.name for p in spec.params]
    rng = random.Random(zlib.crc32(f"seeds:{spec.name}".encode()))
    candidates = list(first)
    for _ in range(400):
        candidates.append(tuple(rng.choice(e) if rng.random() < 0.7 else random_value(p.type, rng, lit)
                                for e, p in zip(edges, spec.params)))
    passing = [c for c in candidates if passes_guards(spec.node, names, c, spec.constants) is True]
    # inputs without empty parts first: an empty list or text skips the loops behind the checks
    passing.sort(key=_empties)  # stable: doctests stay ahead of equals
    seeds: list[tuple] = []
    for c in passing:
        if len(seeds) >= want:
            break
        # a new seed differs from every one kept in at least half of its values: the same
        # country with another weight is a variation, not a second seed
        if all(sum(repr(a) != repr(b) for a, b in zip(c, s)) * 2 >= len(c) for s in seeds):
            seeds.append(c)
    return seeds


def _empties(value: Any) -> int:
    """How many empty strings and containers a value holds."""
    if isinstance(value, (str, list, tuple, dict)):
        inner = value.values() if isinstance(value, dict) else [] if isinstance(value, str) else value
        return (len(value) == 0) + sum(_empties(v) for v in inner)
    return 0


def _around(base: tuple, edges: list[list[Any]], start: int, stop: int) -> list[tuple]:
    """The base with one parameter changed at a time to its edge values start..stop, every parameter's first."""
    return [base[:i] + (e[k],) + base[i + 1:] for k in range(start, stop) for i, e in enumerate(edges) if k < len(e)]


def generate_cases(spec: FunctionSpec, count: int = 60, seed: int = 0) -> list[tuple]:
    """Argument tuples: doctest examples, then edge combinations, then seeded random ones; `count` at most.

    A function that validates its inputs first gets, before the rest, inputs that pass its checks
    with one parameter varied at a time around them, so the code behind the validation is compared.
    Edge values follow the body's hazards (negative operands for // and %, halves for round,
    non-ASCII text where it indexes, runs of spaces where it splits).
    """
    lit = mined_literals(spec.node, spec.constants)
    hz = hazards(spec.node, {p.name for p in spec.params if _is_text(p.type)})
    cases: list[tuple] = list(doctest_cases(spec))
    edges = [edge_values(p.type, lit, hz) for p in spec.params]
    n = len(edges)
    plain = tuple(e[min(1, len(e) - 1)] for e in edges)
    named = tuple(_named_value(p.type, lit, e) for p, e in zip(spec.params, edges))
    seeds = _passing_seeds(spec, edges, lit, cases + [named, plain]) if n >= 2 else []
    # the seeds, then each varied one step further in turn: a cut keeps every seed varied as deep as the others
    cases += seeds
    for k in range(10 if seeds else 0):
        for s in seeds:
            cases += _around(s, edges, k, k + 1)
    if n == 0:
        cases.append(())
    elif n == 1:
        cases += [(v,) for v in edges[0]]
    elif n == 2:
        # every pair of the first few: a negative odd over a positive even is where // and / differ
        # diagonals first, so a cut keeps every parameter's most telling values paired with the other's
        pairs = [(i, j) for i in range(min(7, len(edges[0]))) for j in range(min(7, len(edges[1])))]
        cases += [(edges[0][i], edges[1][j]) for i, j in sorted(pairs, key=lambda ij: (ij[0] + ij[1], ij[0]))]
        cases += [(a, edges[1][i % len(edges[1])]) for i, a in enumerate(edges[0][7:])]
        cases += [(edges[0][i % len(edges[0])], b) for i, b in enumerate(edges[1][7:])]
    else:
        # vary one parameter at a time around two bases: the plain edge values, and the values the
        # body itself names (a known country, a limit): around "a" and 1 alone, a function that first
        # validates its inputs would only ever raise, and nothing behind the validation is compared
        for base in [named] + ([plain] if repr(plain) != repr(named) else []):  # values may be unhashable
            cases += _around(base, edges, 0, 6)
        cases += [tuple(e[(k + j) % len(e)] for j, e in enumerate(edges)) for k in range(8)]
    # random inputs mostly fail a function's own validation: with seeds, fewer of them
    cases = _dedupe(cases)[: count - min(6, count // 4) if seeds else max(count * 3 // 4, count - 10)]
    rng = random.Random(zlib.crc32(f"{seed}:{spec.name}".encode()))
    tries = 0
    while len(cases) < count and tries < count * 5:
        tries += 1
        case = tuple(random_value(p.type, rng, lit) for p in spec.params)
        if repr(case) not in {repr(c) for c in cases}:
            cases.append(case)
    return [tuple(normalise(v, p.type) for v, p in zip(c, spec.params)) for c in cases[:count]]
