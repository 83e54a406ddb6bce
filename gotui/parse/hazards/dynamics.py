"""Rules on functions, classes and dynamic features (docs/hazards.md, "Functions, classes and dynamic
features"). Each rule's check is the function named after it (`dynamic-attr` → `dynamic_attr`); a
rule checked at several places has `<rule>_<where>` variants.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from gotui.parse.hazards.syntax import F_ATTRIBUTE, F_DEFINITION, F_FUNCTION, call_args, named, string_value, text
from gotui.parse.hazards.walker import Walker, qual


_TRIVIAL_DECORATORS = frozenset(
    "property staticmethod classmethod abstractmethod dataclass override overload final wraps setter getter "
    "deleter total_ordering contextmanager asynccontextmanager unique singledispatchmethod fixture "
    "abstractproperty runtime_checkable".split()
)


_DUNDER_HINTS = {
    "__str__": "String() string, the fmt.Stringer interface.",
    "__repr__": "String() string (or GoString() for %#v).",
    "__format__": "Format(f fmt.State, verb rune), the fmt.Formatter interface.",
    "__eq__": "an Equal(other T) bool method; a struct of comparable fields already supports == and map keys.",
    "__ne__": "an Equal method negated at the call site.",
    "__hash__": "nothing: a struct of comparable fields is a map key as is; otherwise key the map by an ID.",
    "__lt__": "a Compare(a, b T) int func for slices.SortFunc / SortStableFunc.",
    "__le__": "a Compare(a, b T) int func.",
    "__gt__": "a Compare(a, b T) int func.",
    "__ge__": "a Compare(a, b T) int func.",
    "__len__": "a Len() int method, called explicitly.",
    "__getitem__": "a Get/At method, called explicitly.",
    "__setitem__": "a Set method, called explicitly.",
    "__delitem__": "a Delete method, called explicitly.",
    "__contains__": "a Contains(x) bool method.",
    "__iter__": "an All() iter.Seq[T] method to range over.",
    "__next__": "an iter.Seq or a Next() (T, bool) method.",
    "__call__": "a named method, or a func type.",
    "__enter__": "a Close() method used with defer.",
    "__exit__": "a Close() method used with defer.",
    "__bool__": "an IsZero() bool method, called explicitly: `if x` won't call it.",
    "__add__": "an Add(other T) T method.",
    "__sub__": "a Sub(other T) T method.",
    "__mul__": "a Mul method.",
    "__truediv__": "a Div method.",
    "__neg__": "a Neg() T method.",
    "__del__": "an explicit Close(); runtime.AddCleanup (Go 1.24) only as a safety net.",
    "__new__": "a constructor function NewT.",
}


_DYNAMIC_DUNDERS = frozenset({"__getattr__", "__getattribute__", "__setattr__", "__delattr__"})


def decorator(w: Walker, node: Node) -> None:
    """The decorators of a decorated definition; leaves their names for the def's router (a mark on the def)."""
    defn = node.child_by_field_id(F_DEFINITION)
    if defn is None:
        return
    names = []
    for dec in node.named_children:
        if dec.type != "decorator":
            continue
        expr = named(dec)
        full = text(expr[0], 200) if expr else ""
        name = full.split("(", 1)[0].strip()
        names.append(name)
        last = name.rsplit(".", 1)[-1]
        if last in _TRIVIAL_DECORATORS or not last:
            continue
        if last in ("lru_cache", "cache"):
            w.note("decorator", dec, f"@{last} memoizes results in a hidden cache; Go has no decorators or built-in memoization.",
                   "A map keyed by the arguments guarded by a sync.Mutex (sync.OnceValue when there are no arguments).")
        elif last == "cached_property":
            w.note("decorator", dec, "@cached_property computes once on first access; Go has no properties.",
                   "Compute it in the constructor, or use a sync.Once field and a method.")
        elif last in ("route", "get", "post", "put", "delete", "patch", "api_view"):
            w.note("decorator", dec, f"@{name} registers an HTTP handler at import time; Go registers handlers explicitly.",
                   "`mux.HandleFunc(\"GET /path\", h)` in the server setup (Go 1.22 patterns take a method).")
        else:
            w.note("decorator", dec)
    w.marks[defn.id] = tuple(names)


def operator_overload(w: Walker, node: Node, name: str, name_node: Node | None) -> None:
    """A special method (__eq__, __str__, __len__ …) defined in a class."""
    if name in _DUNDER_HINTS:
        w.note("operator-overload", node, end=name_node,
               message=f"Go has no special methods: nothing calls {name} implicitly.", hint=f"Use {_DUNDER_HINTS[name]}")


def dynamic_attr_method(w: Walker, node: Node, name: str, name_node: Node | None) -> None:
    """__getattr__ / __setattr__ … defined in a class."""
    if name in _DYNAMIC_DUNDERS:
        w.note("dynamic-attr", node, end=name_node,
               message=f"{name} intercepts attribute access by name; Go struct fields and methods are fixed at compile time.")


def star_args(w: Walker, p: Node) -> None:
    w.note("star-args", p)


def kwargs(w: Walker, p: Node) -> None:
    w.note("kwargs", p)


_MUTABLE_DEFAULTS = frozenset({"list", "dictionary", "set", "list_comprehension", "dictionary_comprehension"})


def mutable_default_arg(w: Walker, p: Node, default: Node) -> bool:
    """A parameter defaulting to a list/dict/set literal or list()/dict()/set(); True when noted."""
    if (default.type in _MUTABLE_DEFAULTS or (
            default.type == "call" and text(default.child_by_field_id(F_FUNCTION)) in ("list", "dict", "set"))):
        w.note("mutable-default-arg", p)
        return True
    return False


_IGNORED_BASES = frozenset(
    "object ABC Protocol Generic Enum IntEnum StrEnum Flag IntFlag NamedTuple TypedDict ABCMeta "
    "abc.ABC typing.Protocol typing.NamedTuple typing.Generic enum.Enum enum.IntEnum".split()
)


def class_inheritance(w: Walker, node: Node, name_node: Node | None, name: str, bases: list[str]) -> None:
    """A class (not an exception) with real bases: Go has embedding, not inheritance."""
    real = [b for b in bases if b not in _IGNORED_BASES and b.rsplit(".", 1)[-1] not in _IGNORED_BASES]
    if real:
        w.note("class-inheritance", node, end=name_node,
               message=f"{name} inherits from {', '.join(real)}; Go has no inheritance: embedded methods are promoted, "
                       "but a base method calling self.m() never reaches an override.")


def sort_stability(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if (recv is None) != (fn.text == b"sorted"):
        return
    pos, kw, _ = call_args(args)
    if "key" in kw:
        w.note("sort-stability", node)
    elif "reverse" in kw and kw["reverse"].type != "false":
        w.note("sort-stability", node, message="reverse=True sorts descending and keeps equal items in their original order; Go's sort functions are not stable.",
               hint="`slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(b, a) })`; for plain numbers or strings `slices.Sort` then `slices.Reverse` is fine.")


def zip_truncate(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is not None:
        return
    pos, kw, _ = call_args(args)
    if len(pos) >= 2 and not ("strict" in kw and kw["strict"].type == "true"):
        w.note("zip-truncate", node)


def dynamic_attr(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is not None:
        return
    name = fn.text.decode()
    pos, _, _ = call_args(args)
    attr = string_value(pos[1]) if len(pos) > 1 else None
    if name == "hasattr":
        w.note("dynamic-attr", node, message="hasattr tests for an attribute at run time (duck typing); Go decides what a type has at compile time.",
               hint="An interface and a type assertion: `if c, ok := x.(interface{ Close() error }); ok { ... }`.")
    elif name == "getattr" and attr is not None and attr.isidentifier() and len(pos) == 2:
        w.note("dynamic-attr", node, severity="info", message=f"getattr with the constant name {attr!r} is plain field access.",
               hint=f"`x.{attr[:1].upper() + attr[1:]}`.")
    elif name == "setattr" and attr is not None and attr.isidentifier():
        w.note("dynamic-attr", node, severity="info", message=f"setattr with the constant name {attr!r} is a plain field assignment.",
               hint=f"`x.{attr[:1].upper() + attr[1:]} = v`.")
    elif name == "vars":
        w.note("dynamic-attr", node, message="vars() turns an object's attributes into a dict; Go struct fields aren't a map.",
               hint="Build the map explicitly, or marshal the struct (encoding/json) if that is what it is for.")
    else:
        w.note("dynamic-attr", node)


def eval_exec(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    name = fn.text.decode() if recv is None else qual(w, fn)
    if recv is None and name in ("eval", "exec", "__import__", "compile"):
        w.note("eval-exec", node)
    elif name == "importlib.import_module" or (recv is None and w.imports.get("import_module") == "importlib.import_module"):
        w.note("eval-exec", node)


def isinstance_check(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is not None:
        return
    pos, _, _ = call_args(args)
    types = text(pos[1], 200) if len(pos) > 1 else ""
    if fn.text == b"isinstance" and re.search(r"\bint\b", types) and "bool" not in types:
        w.note("isinstance-check", node, message="isinstance(x, int) is also true for True and False (bool is an int in Python); Go's bool and int are unrelated types.",
               hint="A type switch with separate `case bool:` and `case int:`; decide what bools should do.")
    else:
        w.note("isinstance-check", node)


def isinstance_check_type_compare(w: Walker, node: Node) -> None:
    """`type(x) == T` / `type(x) is T`."""
    w.note("isinstance-check", node)


def json_dumps_format(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """json.dumps/json.dump without separators=(",", ":") and ensure_ascii=False: other bytes than Go's Marshal."""
    name = (fn.text or b"").decode() if recv is None else text(fn.child_by_field_id(F_ATTRIBUTE))
    if name == "json" or qual(w, fn) not in ("json.dumps", "json.dump"):
        return
    _, kw, _ = call_args(args)
    seps = text(kw.get("separators"), 60).replace(" ", "").replace("'", '"')
    ascii_off = kw.get("ensure_ascii") is not None and kw["ensure_ascii"].type == "false"
    if seps not in ('(",",":")', '[",",":"]') or not ascii_off:
        w.note("json-dumps-format", node)
