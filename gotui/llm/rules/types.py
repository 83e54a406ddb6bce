"""The type model: Python types as the translator sees them, and their Go spelling.

Mapping (documented in docs/offline-translator.md): int -> int, float -> float64, str -> string,
bool -> bool, list[T] -> []T, dict[K, V] -> map[K]V, set[T] -> map[T]struct{}, tuple[A, B] -> TupleN[A, B]
(a generic helper struct; a returned tuple becomes multiple results instead), Optional[T] -> *T,
a class C -> *C, an exception value -> error.
"""

from __future__ import annotations

import ast
import itertools
import re
import threading
from dataclasses import dataclass, field

from gotui.golang.names import go_type_name
from gotui.llm.rules.todo import Unsupported


class T:
    """Base of all types."""


@dataclass(frozen=True)
class Prim(T):
    name: str  # int float str bool none


@dataclass(frozen=True)
class ListT(T):
    elem: T


@dataclass(frozen=True)
class DictT(T):
    key: T
    val: T


@dataclass(frozen=True)
class ODictT(T):
    """`collections.OrderedDict`: Go `*pyODict[K, V]` (gohelpers/odict.go), a map that keeps its keys in
    insertion order and can move one to either end, as Python's does (a Go map has no order). A value
    type of None (an OrderedDict used as an ordered set, `order[key] = None`) is Go's `struct{}`."""

    key: T
    val: T


@dataclass(frozen=True)
class SetT(T):
    elem: T


@dataclass(frozen=True)
class SeqT(T):
    """What a generator function returns: Go `iter.Seq[elem]`, a function that pushes each value to
    the range loop that drives it (returns.py). A generator that can raise (`kinds`: the exceptions)
    is an `iter.Seq2[elem, error]`: its error comes as the second value, and ends the iteration."""

    elem: T
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class TupleT(T):
    elems: tuple[T, ...]


@dataclass(frozen=True)
class OptT(T):
    inner: T


@dataclass(frozen=True)
class ClassT(T):
    name: str  # the Python class name


@dataclass(frozen=True)
class FuncT(T):
    params: tuple[T, ...]
    result: T | None
    # the exception kinds a call returns as its error (a nested function that raises): a last `error` result
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class ErrT(T):
    """A caught exception (`except E as e`)."""

    cls: str = "Exception"


@dataclass(frozen=True)
class AnyT(T):
    """A parameter nothing tells the type of (no annotation, no evidence): Go `any`.

    Only signatures use it, so a stub keeps every parameter; a body that would have to use the
    value is never translated (the unit stays partial, `translator.translate_function`).
    `unused`: a parameter the body never names (an override's hook, an abstract method's argument):
    its type cannot change what the function does, so it does not keep the unit partial, and a
    caller may pass it any value.
    """

    why: str = ""
    unused: bool = False


@dataclass(frozen=True)
class DynT(T):
    """A value of several Python types (the trace saw int and tuple keys, an `Any` annotation) that
    the Go carries as `any` without looking into it. Only what needs no type is translated: storing
    it (a variable, a field, a container), a dict key or `in` test, `is None`, returning it and
    passing it on where `any` is taken (`expressions.expr` refuses every other use). Two DynT are the
    same type: `why` is only the note's text."""

    why: str = field(default="", compare=False)
    # an annotated union's members, where each has a Go type (loops.union_items iterates over a union of
    # NamedTuples and tuples of one shape by a type switch)
    members: tuple[T, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class MatchT(T):
    """A match object of `re.search/match/fullmatch` on a literal pattern: Go `*pyMatch` (the helper
    keeps the subject and the groups' offsets). What the pattern says of its groups travels with the
    type, so `m.group(k)` knows whether group k can be None."""

    groups: int = 0
    always: frozenset[int] = frozenset()  # the groups that take part in every match (0 always does)
    names: tuple[tuple[str, int], ...] = ()  # (?P<name>...) -> its number


@dataclass(frozen=True)
class PatternT(T):
    """A compiled pattern handed on as a value (a `Pattern[str]` parameter, given `re.compile(literal)`
    constants): Go `*regexp.Regexp`, the pattern converted as a literal one is (regex.py). Where it is used
    its groups are not known: only whether it matches and the whole match are lowered (relower)."""


def unknown(t: T) -> bool:
    """An `any` that stands for a type the body would need: not an unused parameter's (AnyT.unused)."""
    return isinstance(t, AnyT) and not t.unused


def pointer_like(t: T) -> bool:
    """A Go pointer already (a class instance, a match, an OrderedDict, a pattern), or `any`: Optional of it is the same Go type, nil for None."""
    return isinstance(t, (ClassT, MatchT, DynT, ODictT, PatternT))


def odict_value_go(t: T) -> str:
    """The Go type of an OrderedDict's values: `struct{}` for None (an ordered set of its keys, UNIT)."""
    return "struct{}" if prune(t) in (NONE, UNIT) else go_type(t)


@dataclass(frozen=True)
class LockT(T):
    """`threading.Lock` (not RLock: Go's sync.Mutex is not reentrant): Go `*sync.Mutex`."""


_ids = itertools.count(1)
_local = threading.local()


def placeholder_vars() -> dict[int, "VarT"]:
    """Type variables printed as placeholders in this thread's current translation."""
    d = getattr(_local, "vars", None)
    if d is None:
        d = _local.vars = {}
    return d


def reset_vars() -> None:
    _local.vars = {}


class VarT(T):
    """A type not known yet (an empty `[]` or `{}`); bound once a later use tells."""

    __slots__ = ("id", "bound", "origin")

    def __init__(self) -> None:
        self.id = next(_ids)
        self.bound: T | None = None
        self.origin = ""  # the Python local it is the type of (or part of), for messages


def bind_unknown(t: T, to: T) -> None:
    """Bind every unbound variable in `t` to `to`: an empty container stored where `any` is wanted (a dict
    of values of several types) is a `[]any` or `map[any]any`, which holds what Python's would."""
    t = prune(t)
    if isinstance(t, VarT):
        t.bound = to
        return
    for part in (getattr(t, "elem", None), getattr(t, "key", None), getattr(t, "val", None), getattr(t, "inner", None),
                 *getattr(t, "elems", ())):
        if isinstance(part, T):
            bind_unknown(part, to)


def name_vars(t: T, name: str) -> None:
    """Remember that the unbound variables in `t` are (part of) the type of the local `name`."""
    t = prune(t)
    if isinstance(t, VarT):
        t.origin = t.origin or name
    for part in (getattr(t, "elem", None), getattr(t, "key", None), getattr(t, "val", None), getattr(t, "inner", None),
                 *getattr(t, "elems", ())):
        if isinstance(part, T):
            name_vars(part, name)

    def __repr__(self) -> str:
        return f"VarT({self.id}, {self.bound!r})"


INT, FLOAT, STR, BOOL, NONE = Prim("int"), Prim("float"), Prim("str"), Prim("bool"), Prim("none")
# the None an OrderedDict used as an ordered set holds for each key (`order[key] = None`): Go's struct{},
# never read as a value (odicts.py refuses that)
UNIT = Prim("unit")
NUMERIC = (INT, FLOAT)


def prune(t: T) -> T:
    while isinstance(t, VarT) and t.bound is not None:
        t = t.bound
    return t


def resolve(t: T) -> T:
    """The type with every bound variable replaced (unbound ones stay)."""
    t = prune(t)
    if isinstance(t, ListT):
        return ListT(resolve(t.elem))
    if isinstance(t, SetT):
        return SetT(resolve(t.elem))
    if isinstance(t, SeqT):
        return SeqT(resolve(t.elem), t.kinds)
    if isinstance(t, DictT):
        return DictT(resolve(t.key), resolve(t.val))
    if isinstance(t, ODictT):
        return ODictT(resolve(t.key), resolve(t.val))
    if isinstance(t, TupleT):
        return TupleT(tuple(resolve(e) for e in t.elems))
    if isinstance(t, OptT):
        return OptT(resolve(t.inner))
    return t


def has_var(t: T, kind: type = VarT) -> bool:
    """Whether `t` is, or holds, a `kind` (an unbound variable; DynT: a value of several types)."""
    t = prune(t)
    if isinstance(t, kind):
        return True
    if isinstance(t, (ListT, SetT, SeqT)):
        return has_var(t.elem, kind)
    if isinstance(t, (DictT, ODictT)):
        return has_var(t.key, kind) or has_var(t.val, kind)
    if isinstance(t, TupleT):
        return any(has_var(e, kind) for e in t.elems)
    if isinstance(t, OptT):
        return has_var(t.inner, kind)
    return False


def unify(a: T, b: T) -> bool:
    """Make a and b the same type, binding variables; False when they cannot be."""
    a, b = prune(a), prune(b)
    if a is b:
        return True
    if isinstance(a, VarT):
        a.bound = b
        return True
    if isinstance(b, VarT):
        b.bound = a
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, SeqT) and a.kinds != b.kinds:  # type: ignore[attr-defined]
        return False
    if isinstance(a, (ListT, SetT, SeqT)):
        return unify(a.elem, b.elem)  # type: ignore[attr-defined]
    if isinstance(a, (DictT, ODictT)):
        return unify(a.key, b.key) and unify(a.val, b.val)  # type: ignore[attr-defined]
    if isinstance(a, TupleT):
        return len(a.elems) == len(b.elems) and all(unify(x, y) for x, y in zip(a.elems, b.elems))  # type: ignore[attr-defined]
    if isinstance(a, OptT):
        return unify(a.inner, b.inner)  # type: ignore[attr-defined]
    return a == b


def same(a: T, b: T) -> bool:
    return resolve(a) == resolve(b) and not has_var(a)


def is_num(t: T) -> bool:
    return prune(t) in NUMERIC


def placeholder(v: VarT) -> str:
    return f"\x00{v.id}\x00"


MAX_TUPLE = 8  # the helpers declare Tuple2 ... Tuple8


def go_type(t: T) -> str:
    """The Go spelling; unbound variables become placeholders filled in at the end of the unit."""
    t = prune(t)
    if isinstance(t, VarT):
        placeholder_vars()[t.id] = t
        return placeholder(t)
    if isinstance(t, Prim):
        if t.name == "none":
            raise Unsupported("None used as a value type")
        return {"int": "int", "float": "float64", "str": "string", "bool": "bool", "unit": "struct{}"}[t.name]
    if isinstance(t, ListT):
        return "[]" + go_type(t.elem)
    if isinstance(t, SeqT):
        return f"iter.Seq2[{go_type(t.elem)}, error]" if t.kinds else f"iter.Seq[{go_type(t.elem)}]"
    if isinstance(t, DictT):
        _check_key(t.key)
        return f"map[{go_type(t.key)}]{go_type(t.val)}"
    if isinstance(t, ODictT):
        _check_key(t.key)
        return f"*pyODict[{go_type(t.key)}, {odict_value_go(t.val)}]"
    if isinstance(t, SetT):
        _check_key(t.elem)
        return f"map[{go_type(t.elem)}]struct{{}}"
    if isinstance(t, TupleT):
        if not 2 <= len(t.elems) <= MAX_TUPLE:
            raise Unsupported(f"a {len(t.elems)}-tuple as a value (only 2 to {MAX_TUPLE} are supported)")
        return f"Tuple{len(t.elems)}[" + ", ".join(go_type(e) for e in t.elems) + "]"
    if isinstance(t, OptT):
        inner = prune(t.inner)
        return go_type(inner) if pointer_like(inner) else "*" + go_type(inner)
    if isinstance(t, ClassT):
        return "*" + (CLASS_GO.get(t.name) or go_type_name(t.name))
    if isinstance(t, ErrT):
        return "error"
    if isinstance(t, MatchT):
        return "*pyMatch"
    if isinstance(t, PatternT):
        return "*regexp.Regexp"
    if isinstance(t, (AnyT, DynT)):
        return "any"
    if isinstance(t, LockT):
        return "*sync.Mutex"
    if isinstance(t, FuncT):
        params = ", ".join(go_type(p) for p in t.params)
        results = [] if t.result is None or prune(t.result) == NONE else [go_type(t.result)]
        results += ["error"] if t.kinds else []
        res = "" if not results else " " + results[0] if len(results) == 1 else f" ({', '.join(results)})"
        return f"func({params}){res}"
    raise Unsupported(f"no Go type for {t!r}")


def zero(t: T) -> str:
    t = prune(t)
    if t in (INT, FLOAT):
        return "0"
    if t == STR:
        return '""'
    if t == BOOL:
        return "false"
    if isinstance(t, TupleT):
        return go_type(t) + "{}"
    return "nil"


# Classes (by name, over every package read) whose instances Python hashes or compares by value
# (`__hash__` or `__eq__`): as a map key Go would compare pointers. Filled by PackageInfo; a name
# shared by two packages only makes the check stricter.
VALUE_HASHED: set[str] = set()
# ClassT name -> Go type name, where the class is renamed to stay unique in its package (nested classes,
# a name repeated across modules): set by the driver for the package being translated (package.py)
CLASS_GO: dict[str, str] = {}
# ClassT names whose instances Python compares by identity and Go by pointer, the same thing (enum members)
IDENTITY_EQ: set[str] = set()


def _check_key(t: T) -> None:
    t = prune(t)
    if isinstance(t, OptT):
        t = prune(t.inner)
    if isinstance(t, (ListT, DictT, SetT, ODictT)):
        raise Unsupported(f"{describe(t)} as a dict key or set item (a Go slice or map is not comparable)")
    if isinstance(t, ClassT) and t.name in VALUE_HASHED:
        raise Unsupported(f"{t.name} as a dict key or set item: Python hashes it by value (__hash__/__eq__), a Go map compares pointers")


def comparable(t: T) -> bool:
    """Go `==` works and means what Python `==` means."""
    t = prune(t)
    if isinstance(t, Prim):
        return t.name != "none"
    if isinstance(t, TupleT):
        return all(comparable(e) for e in t.elems)
    return isinstance(t, ClassT) and t.name in IDENTITY_EQ


def ordered(t: T) -> bool:
    return prune(t) in (INT, FLOAT, STR)


def describe(t: T) -> str:
    """A Python spelling, for messages."""
    t = prune(t)
    if isinstance(t, VarT):
        return "?"
    if isinstance(t, Prim):
        return t.name if t.name not in ("none", "unit") else "None"
    if isinstance(t, ListT):
        return f"list[{describe(t.elem)}]"
    if isinstance(t, SeqT):
        return f"Iterator[{describe(t.elem)}]"
    if isinstance(t, DictT):
        return f"dict[{describe(t.key)}, {describe(t.val)}]"
    if isinstance(t, ODictT):
        return f"OrderedDict[{describe(t.key)}, {describe(t.val)}]"
    if isinstance(t, SetT):
        return f"set[{describe(t.elem)}]"
    if isinstance(t, TupleT):
        return "tuple[" + ", ".join(describe(e) for e in t.elems) + "]"
    if isinstance(t, OptT):
        return f"Optional[{describe(t.inner)}]"
    if isinstance(t, ClassT):
        return t.name
    if isinstance(t, ErrT):
        return t.cls
    if isinstance(t, (AnyT, DynT)):
        return "Any"
    if isinstance(t, LockT):
        return "threading.Lock"
    if isinstance(t, MatchT):
        return "re.Match"
    if isinstance(t, PatternT):
        return "re.Pattern[str]"
    return type(t).__name__


_SIMPLE = {"int": INT, "float": FLOAT, "str": STR, "bool": BOOL, "None": NONE}
_LISTS = {"list", "List", "Sequence", "MutableSequence", "Iterable", "Collection"}
_DICTS = {"dict", "Dict", "Mapping", "MutableMapping"}
_SETS = {"set", "Set", "frozenset", "FrozenSet", "AbstractSet", "MutableSet"}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in ("typing", "t", "collections"):
        return node.attr
    return ""


def _is_pattern(node: ast.expr) -> bool:
    """`Pattern` (typing's), `re.Pattern` or `typing.Pattern`."""
    return _name(node) == "Pattern" or isinstance(node, ast.Attribute) and node.attr == "Pattern" and getattr(node.value, "id", "") == "re"


class TypeScope(set):
    """The names an annotation may use: the package's class names (the set itself) and the type
    aliases visible in the module (`String = Union[str, bytes]`, `T = TypeVar("T", bound="Version")`,
    also imported from a sibling module): alias name -> the aliased annotation."""

    def __init__(self, names: "set[str] | tuple[str, ...]" = (), aliases: "dict[str, ast.expr] | None" = None,
                 keys: "dict[str, str] | None" = None) -> None:
        super().__init__(names)
        self.aliases: dict[str, ast.expr] = dict(aliases or {})
        self.keys: dict[str, str] = dict(keys or {})  # a nested class's name, seen from its class -> its ClassT key


# typing generics an alias may be built from (the last part of `typing.X` / `t.X`)
_GENERICS = {"Union", "Optional", "Tuple", "tuple", "List", "list", "Dict", "dict", "Set", "set", "FrozenSet", "frozenset",
             "Callable", "Iterable", "Iterator", "Sequence", "Mapping", "MutableMapping", "Collection", "Type", "type",
             "Pattern", "Match", "Literal", "Annotated", "DefaultDict", "OrderedDict", "Generator", "AbstractSet"}
_BUILTIN_TYPES = set(_SIMPLE) | {"bytes", "bytearray", "complex", "object", "Any", "list", "dict", "set", "tuple", "frozenset"}


def _typeish(node: ast.expr) -> bool:
    """Whether a module-level value is a type expression (an alias), not a constant."""
    if isinstance(node, ast.Name):
        return node.id in _BUILTIN_TYPES
    if isinstance(node, ast.Constant):
        return node.value is None
    if isinstance(node, ast.Subscript):
        base = node.value
        last = base.attr if isinstance(base, ast.Attribute) else base.id if isinstance(base, ast.Name) else ""
        return last in _GENERICS
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _typeish(node.left) and _typeish(node.right)
    return False


def _is_typevar(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and (getattr(node.func, "id", "") == "TypeVar" or getattr(node.func, "attr", "") == "TypeVar")


def module_type_aliases(tree: ast.Module) -> dict[str, ast.expr]:
    """A module's type aliases and type variables: `X = Union[...]`, `X: TypeAlias = ...`, `type X = ...`,
    `T = TypeVar(...)`, at module level or in an `if TYPE_CHECKING:` block (the alias is for annotations)."""
    out: dict[str, ast.expr] = {}

    def scan(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If):
                test = node.test
                if getattr(test, "id", "") == "TYPE_CHECKING" or getattr(test, "attr", "") == "TYPE_CHECKING":
                    scan(node.body)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                if _typeish(node.value) or _is_typevar(node.value):
                    out[node.targets[0].id] = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                ann = node.annotation
                if getattr(ann, "id", "") == "TypeAlias" or getattr(ann, "attr", "") == "TypeAlias":
                    out[node.target.id] = node.value
            elif type(node).__name__ == "TypeAlias":  # Python 3.12 `type X = ...`
                out[node.name.id] = node.value  # type: ignore[attr-defined]

    scan(tree.body)
    return out


def _alias(name: str, node: ast.expr, classes: set[str]) -> T:
    """The type an alias or a type variable stands for; Unsupported names the alias and what it is."""
    scope = classes if isinstance(classes, TypeScope) else TypeScope(classes)
    inner = TypeScope(scope, {k: v for k, v in scope.aliases.items() if k != name})  # an alias never names itself
    if _is_typevar(node):
        assert isinstance(node, ast.Call)
        bound = next((k.value for k in node.keywords if k.arg == "bound"), None)
        if bound is not None and not node.args[1:]:
            t = parse_annotation(bound, inner)
            if isinstance(t, ClassT):
                return t  # a Go class has no subclass: the bound is the only type the variable can be
        kinds = ", ".join(ast.unparse(a) for a in node.args[1:]) or (ast.unparse(bound) if bound is not None else "any type")
        if node.args[1:]:
            # constrained (semver's `T_cmp = TypeVar("T_cmp", Tuple[int, ...], str, int)`): a value of one of
            # them, carried as `any`; what the body compares is compared at run time (pyCmpOp)
            try:
                members = tuple(parse_annotation(a, inner) for a in node.args[1:])
            except Unsupported:
                members = ()
            if members and not any(isinstance(prune(m), DynT) for m in members):
                return DynT(f"type variable `{name}` ({kinds}): one of them per call, carried as `any`", members)
        raise Unsupported(f"type variable `{name}` ({kinds}): generic code, one Go type per use")
    text = ast.unparse(node)
    try:
        t = parse_annotation(node, inner)
    except Unsupported as exc:
        why = str(exc).removeprefix(f"`{text}`: ")
        raise Unsupported(f"type `{name}` (= {text}): {why}") from None
    if isinstance(t, DynT) and t.why.startswith(f"`{text}`: "):  # a union: the note names the alias too
        return DynT(f"type `{name}` (= {text}): {t.why.removeprefix(f'`{text}`: ')}", t.members)
    return t


def optional(t: T) -> T:
    """Optional[t]: t itself when it is `any` already (DynT), which holds None as nil."""
    return t if isinstance(t, DynT) else OptT(t)


def _union(nodes: list[ast.expr], classes: set[str], text: str) -> T:
    """`A | B | ...`: Optional when exactly one member is not None, else no Go type."""
    parts: list[T | Unsupported] = []
    for n in nodes:
        try:
            parts.append(parse_annotation(n, classes))
        except Unsupported as exc:
            parts.append(exc)
    rest = [p for p in parts if p != NONE]
    if len(rest) == 1 and len(parts) == 2:
        if isinstance(rest[0], Unsupported):
            raise rest[0]
        return optional(rest[0])
    # no common Go type: Go carries it as `any`, for the uses that need none (signatures first try the
    # member the trace narrowed it to)
    members = tuple(p for p in parts if isinstance(p, T))
    return DynT(f"`{text}`: a union whose members have no common Go type", members if len(members) == len(parts) else ())


def parse_annotation(node: ast.expr | None, classes: set[str]) -> T:
    """A type from an annotation; Unsupported for what has no faithful Go type.

    `classes` names the package's classes; a `TypeScope` also carries the module's type aliases."""
    if node is None:
        raise Unsupported("missing type annotation")
    aliases = classes.aliases if isinstance(classes, TypeScope) else {}
    if isinstance(node, ast.Constant):
        if node.value is None:
            return NONE
        if isinstance(node.value, str):  # forward reference
            try:
                inner = ast.parse(node.value, mode="eval").body
            except SyntaxError as exc:
                raise Unsupported(f"annotation {node.value!r} does not parse") from exc
            return parse_annotation(inner, classes)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        members: list[ast.expr] = []
        todo: list[ast.expr] = [node]
        while todo:
            n = todo.pop()
            if isinstance(n, ast.BinOp) and isinstance(n.op, ast.BitOr):
                todo += [n.right, n.left]
            else:
                members.append(n)
        return _union(members, classes, ast.unparse(node))
    if isinstance(node, ast.Name) and node.id in aliases and node.id not in classes:
        return _alias(node.id, aliases[node.id], classes)
    if isinstance(node, ast.Attribute) and node.attr == "Lock" and getattr(node.value, "id", "") == "threading":
        return LockT()
    name = _name(node)
    if name in _SIMPLE:
        return _SIMPLE[name]
    if name in classes:  # seen from a class, a nested class's name stands for its key (`_Link` -> `LFUCache._Link`)
        return ClassT(classes.keys.get(name, name) if isinstance(classes, TypeScope) else name)
    if name in ("SupportsIndex", "SupportsInt"):
        # int() / operator.index() of the value: Go takes the int itself (the callers that pass one)
        return INT
    if name in ("Any", "object"):
        return DynT(f"annotated `{name}`")
    if _is_pattern(node.value if isinstance(node, ast.Subscript) else node) and (
            not isinstance(node, ast.Subscript) or _name(node.slice) == "str"):
        return PatternT()  # Pattern[bytes] has no Go form here (the patterns are text)
    # a bare container is one of Any: Go's `any` carries its items, for the uses that need no type (DynT)
    if name in ("dict", "Dict") and isinstance(node, ast.Name):
        return DictT(DynT("a bare `dict` annotation"), DynT("a bare `dict` annotation"))
    if name in ("set", "Set") and isinstance(node, ast.Name):
        return SetT(DynT(f"a bare `{name}` annotation"))
    if name in ("list", "List", "tuple", "Tuple") and isinstance(node, ast.Name):
        return ListT(DynT(f"a bare `{name}` annotation"))
    if isinstance(node, ast.Subscript):
        base = _name(node.value)
        args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if base in _LISTS and len(args) == 1:
            return ListT(parse_annotation(args[0], classes))
        if base in _SETS and len(args) == 1:
            return SetT(parse_annotation(args[0], classes))
        if base in _DICTS | {"defaultdict", "DefaultDict", "OrderedDict"} and len(args) == 2:
            if base in ("OrderedDict",):
                return ODictT(parse_annotation(args[0], classes), parse_annotation(args[1], classes))
            return DictT(parse_annotation(args[0], classes), parse_annotation(args[1], classes))
        if base in ("tuple", "Tuple"):
            if len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is Ellipsis:
                return ListT(parse_annotation(args[0], classes))
            return TupleT(tuple(parse_annotation(a, classes) for a in args))
        if base == "Optional" and len(args) == 1:
            return optional(parse_annotation(args[0], classes))
        if base == "Union":
            return _union(args, classes, ast.unparse(node))
        if base == "Literal" and args and all(isinstance(a, ast.Constant) for a in args):
            # Literal["a", "b"] is a str that only takes those values: the Go type is the values' type
            kinds = {type(a.value) for a in args}  # type: ignore[attr-defined]
            lit = {str: STR, int: INT, bool: BOOL}.get(kinds.pop()) if len(kinds) == 1 else None
            if lit is not None:
                return lit
        if base == "Callable" and len(args) == 2 and isinstance(args[0], ast.List):
            params = tuple(parse_annotation(a, classes) for a in args[0].elts)
            return FuncT(params, parse_annotation(args[1], classes))
    text = ast.unparse(node)
    last = text.split("[")[0].split(".")[-1]
    if last in NO_GO_TYPE:
        raise Unsupported(f"type `{text}`: {NO_GO_TYPE[last]}")
    raise Unsupported(f"type `{text}` is not supported")


# Standard types that have a Go namesake but not Python's semantics: why each stays Python.
NO_GO_TYPE = {
    "timedelta": "no Go type with Python's semantics (time.Duration is nanoseconds, without timedelta's days/seconds/microseconds normalisation)",
    "datetime": "no Go type with Python's semantics (time.Time has no naive/aware split, and Python's arithmetic and formatting differ)",
    "date": "no Go type with Python's semantics (Go has no date without a time of day)",
    "time": "no Go type with Python's semantics (Go has no time of day without a date)",
    "tzinfo": "no Go type with Python's semantics (a time.Location is not a tzinfo subclass)",
    "Decimal": "no Go type with Python's semantics (Go has no decimal type; float64 would round)",
    "Fraction": "no Go type with Python's semantics (big.Rat differs in formatting and mixing with floats)",
    "Path": "no Go type with pathlib's semantics (a string path has none of its methods)",
    "PathLike": "no Go type with pathlib's semantics (a string path has none of its methods)",
    "Pattern": "a compiled pattern of bytes (only text patterns are lowered)",
    "Match": "a match object as a value (only `m.group(k)` inside a re.sub() lambda is lowered)",
}


PLACEHOLDER = re.compile("\x00(\\d+)\x00")


def finish_text(text: str) -> str:
    """Fill in the types that were inferred after they were first printed."""
    VARS = placeholder_vars()
    for _ in range(8):
        if "\x00" not in text:
            return text

        def sub(m: re.Match[str]) -> str:
            v = VARS.get(int(m.group(1)))
            if v is None or prune(v) is v:
                if v is not None and v.origin:
                    raise Unsupported(f"cannot infer the type of `{v.origin}` (an empty container or None that nothing translated tells the type of)")
                raise Unsupported("cannot infer the type of an empty container or a None value")
            return go_type(v)

        text = PLACEHOLDER.sub(sub, text)
    raise Unsupported("cannot infer a type")
