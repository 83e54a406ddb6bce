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
from dataclasses import dataclass

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
class SetT(T):
    elem: T


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


@dataclass(frozen=True)
class ErrT(T):
    """A caught exception (`except E as e`)."""

    cls: str = "Exception"


@dataclass(frozen=True)
class AnyT(T):
    """A parameter nothing tells the type of (no annotation, no evidence): Go `any`.

    Only signatures use it, so a stub keeps every parameter; a body that would have to use the
    value is never translated (the unit stays partial, `translator.translate_function`).
    """

    why: str = ""


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

    __slots__ = ("id", "bound")

    def __init__(self) -> None:
        self.id = next(_ids)
        self.bound: T | None = None

    def __repr__(self) -> str:
        return f"VarT({self.id}, {self.bound!r})"


INT, FLOAT, STR, BOOL, NONE = Prim("int"), Prim("float"), Prim("str"), Prim("bool"), Prim("none")
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
    if isinstance(t, DictT):
        return DictT(resolve(t.key), resolve(t.val))
    if isinstance(t, TupleT):
        return TupleT(tuple(resolve(e) for e in t.elems))
    if isinstance(t, OptT):
        return OptT(resolve(t.inner))
    return t


def has_var(t: T) -> bool:
    t = prune(t)
    if isinstance(t, VarT):
        return True
    if isinstance(t, (ListT, SetT)):
        return has_var(t.elem)
    if isinstance(t, DictT):
        return has_var(t.key) or has_var(t.val)
    if isinstance(t, TupleT):
        return any(has_var(e) for e in t.elems)
    if isinstance(t, OptT):
        return has_var(t.inner)
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
    if isinstance(a, (ListT, SetT)):
        return unify(a.elem, b.elem)  # type: ignore[attr-defined]
    if isinstance(a, DictT):
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


def go_type(t: T) -> str:
    """The Go spelling; unbound variables become placeholders filled in at the end of the unit."""
    t = prune(t)
    if isinstance(t, VarT):
        placeholder_vars()[t.id] = t
        return placeholder(t)
    if isinstance(t, Prim):
        if t.name == "none":
            raise Unsupported("None used as a value type")
        return {"int": "int", "float": "float64", "str": "string", "bool": "bool"}[t.name]
    if isinstance(t, ListT):
        return "[]" + go_type(t.elem)
    if isinstance(t, DictT):
        _check_key(t.key)
        return f"map[{go_type(t.key)}]{go_type(t.val)}"
    if isinstance(t, SetT):
        _check_key(t.elem)
        return f"map[{go_type(t.elem)}]struct{{}}"
    if isinstance(t, TupleT):
        if not 2 <= len(t.elems) <= 4:
            raise Unsupported(f"a {len(t.elems)}-tuple as a value (only 2 to 4 are supported)")
        return f"Tuple{len(t.elems)}[" + ", ".join(go_type(e) for e in t.elems) + "]"
    if isinstance(t, OptT):
        inner = prune(t.inner)
        return go_type(inner) if isinstance(inner, ClassT) else "*" + go_type(inner)
    if isinstance(t, ClassT):
        return "*" + (CLASS_GO.get(t.name) or go_type_name(t.name))
    if isinstance(t, ErrT):
        return "error"
    if isinstance(t, AnyT):
        return "any"
    if isinstance(t, FuncT):
        params = ", ".join(go_type(p) for p in t.params)
        res = "" if t.result is None or prune(t.result) == NONE else " " + go_type(t.result)
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
    if isinstance(t, (ListT, DictT, SetT)):
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
        return t.name if t.name != "none" else "None"
    if isinstance(t, ListT):
        return f"list[{describe(t.elem)}]"
    if isinstance(t, DictT):
        return f"dict[{describe(t.key)}, {describe(t.val)}]"
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
    if isinstance(t, AnyT):
        return "Any"
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


def parse_annotation(node: ast.expr | None, classes: set[str] | dict[str, str]) -> T:
    """A type from an annotation; Unsupported for what has no faithful Go type."""
    if node is None:
        raise Unsupported("missing type annotation")
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
        left, right = parse_annotation(node.left, classes), parse_annotation(node.right, classes)
        if right == NONE and left != NONE:
            return OptT(left)
        if left == NONE and right != NONE:
            return OptT(right)
        raise Unsupported("union types other than `T | None`")
    name = _name(node)
    if name in _SIMPLE:
        return _SIMPLE[name]
    if name in classes:  # a dict maps a name seen from a class to a nested class's key (`_Link` -> `LFUCache._Link`)
        return ClassT(classes[name] if isinstance(classes, dict) else name)
    if name in ("Any", "object"):
        raise Unsupported(f"`{name}` has no faithful Go type")
    if name in ("dict", "Dict") and isinstance(node, ast.Name):
        raise Unsupported("bare `dict` annotation: key and value types unknown")
    if name in ("list", "List", "set", "tuple", "Tuple"):
        raise Unsupported(f"bare `{name}` annotation: element type unknown")
    if isinstance(node, ast.Subscript):
        base = _name(node.value)
        args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if base in _LISTS and len(args) == 1:
            return ListT(parse_annotation(args[0], classes))
        if base in _SETS and len(args) == 1:
            return SetT(parse_annotation(args[0], classes))
        if base in _DICTS | {"defaultdict", "DefaultDict", "OrderedDict"} and len(args) == 2:
            if base in ("OrderedDict",):
                raise Unsupported("OrderedDict: Go maps do not keep order")
            return DictT(parse_annotation(args[0], classes), parse_annotation(args[1], classes))
        if base in ("tuple", "Tuple"):
            if len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is Ellipsis:
                return ListT(parse_annotation(args[0], classes))
            return TupleT(tuple(parse_annotation(a, classes) for a in args))
        if base == "Optional" and len(args) == 1:
            return OptT(parse_annotation(args[0], classes))
        if base == "Union":
            parts = [parse_annotation(a, classes) for a in args]
            rest = [p for p in parts if p != NONE]
            if len(rest) == 1 and len(parts) == 2:
                return OptT(rest[0])
            raise Unsupported("Union types other than Optional")
        if base == "Callable" and len(args) == 2 and isinstance(args[0], ast.List):
            params = tuple(parse_annotation(a, classes) for a in args[0].elts)
            return FuncT(params, parse_annotation(args[1], classes))
    raise Unsupported(f"type `{ast.unparse(node)}` is not supported")


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
                raise Unsupported("cannot infer the type of an empty container or a None value")
            return go_type(v)

        text = PLACEHOLDER.sub(sub, text)
    raise Unsupported("cannot infer a type")
