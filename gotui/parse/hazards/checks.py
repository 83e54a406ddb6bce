"""The checks, registered by node type (and, for calls, by the called name).

Each handler gets the Walker and one node, before the node's children are visited. A handler
that needs to know about its parent doesn't ask (node.parent is slow): the parent's handler ran
first and left a mark in `w.marks` / `w.roles`, keyed by the child's node id.
"""

from __future__ import annotations

import re
from typing import Callable

from tree_sitter import Node

from gotui.parse.hazards.engine import (
    DEFAULTING_KINDS,
    F_ALIAS,
    F_ALTERNATIVE,
    F_ARGUMENT,
    F_ARGUMENTS,
    F_ATTRIBUTE,
    F_BODY,
    F_CONDITION,
    F_CONSEQUENCE,
    F_DEFINITION,
    F_EXPRESSION,
    F_FORMAT_SPECIFIER,
    F_FUNCTION,
    F_GUARD,
    F_KEY,
    F_LEFT,
    F_MODULE_NAME,
    F_NAME,
    F_OBJECT,
    F_OPERATOR,
    F_PARAMETERS,
    F_RIGHT,
    F_SUBJECT,
    F_SUPERCLASSES,
    F_TYPE,
    F_TYPE_CONVERSION,
    F_VALUE,
    DICT_KINDS,
    HOOKS,
    NOT_DICT_KINDS,
    NUM_KINDS,
    SEQ_KINDS,
    SKIP,
    Frame,
    Walker,
    on,
    text,
)
from gotui.parse.hazards.libraries import library_for

# ---------------------------------------------------------------------------------------------
# small helpers


def _line(node: Node) -> int:
    return node.start_point[0] + 1


def _named(node: Node | None) -> list[Node]:
    """Named children without comments."""
    if node is None:
        return []
    return [c for c in node.named_children if c.type != "comment"]


def _args(arglist: Node | None) -> tuple[list[Node], dict[str, Node], bool]:
    """(positional args, keyword args by name, any *x/**x) of a call's argument node."""
    pos: list[Node] = []
    kw: dict[str, Node] = {}
    star = False
    if arglist is None:
        return pos, kw, star
    if arglist.type == "generator_expression":
        return [arglist], kw, star
    for c in arglist.named_children:
        t = c.type
        if t == "keyword_argument":
            name = c.child_by_field_id(F_NAME)
            value = c.child_by_field_id(F_VALUE)
            if name is not None and value is not None:
                kw[text(name)] = value
        elif t in ("list_splat", "dictionary_splat"):
            star = True
        elif t != "comment":
            pos.append(c)
    return pos, kw, star


def _qual(w: Walker, node: Node | None) -> str:
    """Dotted name of an identifier/attribute chain with its first part resolved through imports."""
    s = text(node, 160)
    if not s or not s.replace(".", "").replace("_", "").isalnum():
        return ""
    head, _, rest = s.partition(".")
    full = w.imports.get(head)
    if full:
        return full + ("." + rest if rest else "")
    return s


def _is_neg_literal(node: Node | None) -> bool:
    if node is None or node.type != "unary_operator":
        return False
    op = node.child_by_field_id(F_OPERATOR)
    arg = node.child_by_field_id(F_ARGUMENT)
    return op is not None and op.type == "-" and arg is not None and arg.type in ("integer", "float")


def _pos_int_literal(node: Node | None) -> bool:
    if node is None or node.type != "integer":
        return False
    try:
        return int(text(node).replace("_", ""), 0) > 0
    except ValueError:
        return False


def _short(node: Node | None, limit: int = 40) -> str:
    s = " ".join(text(node, 2000).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _string_value(node: Node | None) -> str | None:
    """The content of a plain (non-f) string literal, as written between the quotes, else None."""
    if node is None or node.type != "string":
        return None
    raw = text(node, 4000)
    if not raw:
        return None
    i = 0
    while i < len(raw) and raw[i] not in "\"'":
        i += 1
    prefix = raw[:i].lower()
    if "f" in prefix or "b" in prefix:
        return None
    body = raw[i:]
    q = 3 if body[:3] in ('"""', "'''") else 1
    return body[q:-q] if len(body) >= 2 * q else None


def _mark_loops(w: Walker, innermost: bool) -> None:
    """Something order-sensitive happens here: loops over a dict around it need a note."""
    loop = w.loop
    while loop is not None and loop.func is w.func:
        if loop.dict_iter:
            loop.sensitive = True
        if innermost:
            return
        loop = loop.prev_loop


def _push_guard(w: Walker, key: str, mapping: str, end: int) -> None:
    if not key or not mapping:
        return
    f = Frame("guard", min(end, w.frames[-1].end))
    f.guard = (key, mapping)
    w.push(f)


def _target_names(node: Node | None) -> list[str]:
    """Names bound by a for target / assignment target (identifiers and tuples of them)."""
    if node is None:
        return []
    if node.type == "identifier":
        return [text(node)]
    if node.type in ("pattern_list", "tuple_pattern", "list_pattern", "expression_list", "tuple", "parenthesized_expression"):
        return [text(c) for c in node.named_children if c.type == "identifier"]
    return []


# ---------------------------------------------------------------------------------------------
# kinds of calls and annotations

_CALL_KINDS = {
    b"dict": "dict", b"OrderedDict": "dict", b"Counter": "counter", b"list": "list", b"sorted": "list",
    b"str": "str", b"repr": "str", b"chr": "str", b"format": "str", b"input": "str", b"len": "nonneg",
    b"int": "int", b"float": "float", b"set": "set", b"frozenset": "set", b"tuple": "tuple", b"bool": "bool",
    b"isinstance": "bool", b"callable": "bool", b"hasattr": "bool", b"any": "bool", b"all": "bool",
    b"ord": "nonneg", b"Path": "path", b"PurePath": "path", b"PosixPath": "path",
}
_STR_METHODS = frozenset(
    b"upper lower strip lstrip rstrip replace title capitalize casefold zfill center ljust rjust "
    b"removeprefix removesuffix expandtabs swapcase isoformat strftime hexdigest".split()
)
# functions of these modules that return a float
_FLOAT_FUNCS = {
    name.encode(): ("math",) for name in "sqrt log log2 log10 log1p exp expm1 sin cos tan asin acos atan atan2 hypot fabs fmod".split()
}
_FLOAT_FUNCS.update({b"time": ("time",), b"monotonic": ("time",), b"perf_counter": ("time",), b"random": ("random",),
                     b"uniform": ("random",), b"mean": ("statistics",), b"fmean": ("statistics",), b"median": ("statistics",),
                     b"stdev": ("statistics",)})
_BOOL_METHODS = frozenset(
    b"startswith endswith isdigit isalpha isalnum isspace isupper islower isnumeric isdecimal "
    b"isidentifier exists is_file is_dir isdisjoint issubset issuperset".split()
)


def call_kind(w: Walker, node: Node, depth: int) -> str | None:
    fn = node.child_by_field_id(F_FUNCTION)
    if fn is None:
        return None
    if fn.type == "identifier":
        name = fn.text or b""
        if name == b"defaultdict":
            return _defaultdict_kind(node)
        if name == b"abs":
            pos, _, _ = _args(node.child_by_field_id(F_ARGUMENTS))
            return "float" if pos and w.kind(pos[0], depth + 1) == "float" else "nonneg"
        if name == b"round":
            pos, _, _ = _args(node.child_by_field_id(F_ARGUMENTS))
            return "float" if len(pos) > 1 else "int"
        k = _CALL_KINDS.get(name)
        if k is not None:
            return k
        full = w.imports.get(name.decode("utf-8", "replace"), "")
        if full == "collections.defaultdict":
            return _defaultdict_kind(node)
        if full in ("collections.Counter", "collections.OrderedDict"):
            return "counter" if full.endswith("Counter") else "dict"
        return None
    if fn.type != "attribute":
        return None
    attr = fn.child_by_field_id(F_ATTRIBUTE)
    name = attr.text if attr is not None else b""
    if name in _STR_METHODS:
        return "str"
    if name in _BOOL_METHODS:
        return "bool"
    if name in (b"split", b"rsplit", b"splitlines"):
        obj = fn.child_by_field_id(F_OBJECT)
        return None if obj is not None and obj.type in ("identifier", "attribute") and text(obj, 80).split(".")[0] in w.imports else "strlist"
    if name == b"join":
        return "str"
    if name == b"copy":
        return w.kind(fn.child_by_field_id(F_OBJECT), depth + 1)
    if name == b"compile" and _qual(w, fn) == "re.compile":
        return "regex"
    if name == b"total_seconds":
        return "float"
    if name in _FLOAT_FUNCS:
        obj = fn.child_by_field_id(F_OBJECT)
        if obj is not None and obj.type == "identifier" and w.imports.get(text(obj)) in _FLOAT_FUNCS[name]:
            return "float"
    if name == b"defaultdict":
        return _defaultdict_kind(node)
    if name in (b"Counter", b"OrderedDict", b"dumps"):
        return "counter" if name == b"Counter" else ("dict" if name == b"OrderedDict" else "str")
    return None


def _defaultdict_kind(node: Node) -> str:
    pos, _, _ = _args(node.child_by_field_id(F_ARGUMENTS))
    factory = text(pos[0], 200) if pos else ""
    if factory in ("dict", "OrderedDict", "set", "Counter") or (factory.startswith("lambda") and "dict" in factory):
        return "defaultdict-map"
    if factory == "list":
        return "defaultdict-list"
    return "defaultdict"


HOOKS["call_kind"] = call_kind

_ANN_KINDS = {
    "dict": "dict", "Dict": "dict", "Mapping": "dict", "MutableMapping": "dict", "OrderedDict": "dict",
    "defaultdict": "defaultdict", "DefaultDict": "defaultdict", "Counter": "counter",
    "list": "list", "List": "list", "Sequence": "list", "MutableSequence": "list",
    "str": "str", "int": "int", "float": "float", "bool": "bool",
    "set": "set", "Set": "set", "frozenset": "set", "FrozenSet": "set", "AbstractSet": "set", "MutableSet": "set",
    "tuple": "tuple", "Tuple": "tuple",
}


def _split_top(s: str, sep: str) -> list[str]:
    """Split at `sep` outside brackets: dict[str, int] | None → ['dict[str, int]', 'None']."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(s):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(s[start:i])
            start = i + 1
    parts.append(s[start:])
    return parts


def _annotation(node: Node | None) -> tuple[str | None, bool]:
    """(kind, optional) of a type annotation."""
    s = text(node, 300).replace(" ", "").strip("\"'")
    if not s:
        return None, False
    optional = False
    if s.startswith(("Optional[", "typing.Optional[")) and s.endswith("]"):
        s = s[s.index("[") + 1 : -1]
        optional = True
    else:
        if s.startswith(("Union[", "typing.Union[")) and s.endswith("]"):
            parts = _split_top(s[s.index("[") + 1 : -1], ",")
        else:
            parts = _split_top(s, "|")
        if len(parts) > 1:
            optional = "None" in parts
            rest = [p for p in parts if p != "None"]
            s = rest[0] if len(rest) == 1 else ""
    base = s.split("[", 1)[0].rsplit(".", 1)[-1]
    return _ANN_KINDS.get(base), optional


# ---------------------------------------------------------------------------------------------
# functions, classes, lambdas


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


@on("decorated_definition")
def on_decorated(w: Walker, node: Node) -> None:
    defn = node.child_by_field_id(F_DEFINITION)
    if defn is None:
        return
    names = []
    for dec in node.named_children:
        if dec.type != "decorator":
            continue
        expr = _named(dec)
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


def _param_parts(p: Node) -> tuple[str, Node | None, Node | None, str]:
    """(name, type, default, star) of one parameter node; star is '', '*' or '**'."""
    t = p.type
    if t == "identifier":
        return text(p), None, None, ""
    if t == "typed_parameter":
        inner = p.named_child(0)
        typ = p.child_by_field_id(F_TYPE)
        if inner is not None and inner.type == "list_splat_pattern":
            return text(inner.named_child(0)), typ, None, "*"
        if inner is not None and inner.type == "dictionary_splat_pattern":
            return text(inner.named_child(0)), typ, None, "**"
        return text(inner), typ, None, ""
    if t in ("default_parameter", "typed_default_parameter"):
        return text(p.child_by_field_id(F_NAME)), p.child_by_field_id(F_TYPE), p.child_by_field_id(F_VALUE), ""
    if t == "list_splat_pattern":
        return text(p.named_child(0)), None, None, "*"
    if t == "dictionary_splat_pattern":
        return text(p.named_child(0)), None, None, "**"
    return "", None, None, ""


_MUTABLE_DEFAULTS = frozenset({"list", "dictionary", "set", "list_comprehension", "dictionary_comprehension"})


@on("function_definition")
def on_def(w: Walker, node: Node) -> None:
    name_node = node.child_by_field_id(F_NAME)
    name = text(name_node)
    owner = w.owner
    decorators = w.marks.get(node.id, ())
    if w.loop is not None and w.loop.func is w.func:
        _closure_check(w, node, node.child_by_field_id(F_BODY), node.child_by_field_id(F_PARAMETERS))
    f = Frame("def", node.end_byte, node)
    f.name = name
    f.decorators = decorators if isinstance(decorators, tuple) else ()
    enclosing = w.func
    w.push(f)
    in_class = owner.kind == "class"
    if in_class:
        f.cls = owner
    else:
        f.cls, f.self_name = enclosing.cls, enclosing.self_name
    first = node.child(0)
    if first is not None and first.type == "async":
        w.note("async-await", node, end=name_node)
    if in_class and name in _DUNDER_HINTS:
        w.note("operator-overload", node, end=name_node,
               message=f"Go has no special methods: nothing calls {name} implicitly.", hint=f"Use {_DUNDER_HINTS[name]}")
    elif in_class and name in _DYNAMIC_DUNDERS:
        w.note("dynamic-attr", node, end=name_node,
               message=f"{name} intercepts attribute access by name; Go struct fields and methods are fixed at compile time.")
    params = node.child_by_field_id(F_PARAMETERS)
    defaults: list[str] = []
    index = 0
    static = "staticmethod" in f.decorators
    for p in _named(params):
        pname, typ, default, star = _param_parts(p)
        if not pname:
            continue
        index += 1
        if in_class and index == 1 and not static:
            if "classmethod" not in f.decorators:
                f.self_name = pname
            continue
        kind, optional = _annotation(typ) if typ is not None else (None, False)
        if star == "*":
            w.bind(pname, "tuple")
            w.note("star-args", p)
            continue
        if star == "**":
            w.bind(pname, "dict")
            w.note("kwargs", p)
            continue
        if default is not None and default.type == "none":
            optional = True
        if kind is None and default is not None and default.type not in ("none", "identifier", "attribute", "call"):
            kind = w.kind(default)
        if kind == "nonneg":
            kind = "int"  # a default of 1 says nothing about what callers pass
        w.bind(pname, kind)
        if optional:
            f.optional.add(pname)
            if kind in DICT_KINDS or kind in SEQ_KINDS:
                w.note("optional-param", p, hint="Take the map or slice itself: nil stands for None, and reading, len and range work on nil (writes to a nil map panic).")
            else:
                w.note("optional-param", p)
        elif default is not None and (default.type in _MUTABLE_DEFAULTS or (
                default.type == "call" and text(default.child_by_field_id(F_FUNCTION)) in ("list", "dict", "set"))):
            w.note("mutable-default-arg", p)
        elif default is not None:
            defaults.append(f"{pname}={_short(default, 20)}")
    if defaults and params is not None:
        names = ", ".join(d.split("=", 1)[0] for d in defaults)
        w.note("default-argument", params,
               message=f"Go has no default parameter values: every caller must pass {names} explicitly.",
               hint=f"Pass the value at each call site, or keep a wrapper that fills in {', '.join(defaults)}, or take an options struct.")


def finish_function(w: Walker, f: Frame) -> None:
    """At the end of a def: None returns mixed with value returns, and falling off the end."""
    if f.generator or f.value_returns == 0:
        return
    for r in f.none_returns:
        w.note("none-return", r)
    node = f.node
    body = node.child_by_field_id(F_BODY) if node is not None else None
    if body is not None and not _always_exits(body):
        last = node.end_point[0] + 1
        w.note_lines("implicit-none-return", last, last,
                     message=f"{f.name} returns a value on other paths but falls off the end here, returning None; "
                             "a Go function with results must return on every path.")


HOOKS["finish_function"] = finish_function

_EXIT_CALLS = frozenset({"sys.exit", "exit", "quit", "os._exit", "os.abort", "abort"})


def _last_statement(block: Node | None) -> Node | None:
    if block is None:
        return None
    for i in range(block.named_child_count - 1, -1, -1):
        c = block.named_child(i)
        if c is not None and c.type != "comment":
            return c
    return None


def _has_break(body: Node | None) -> bool:
    """A break that targets this loop (not one in a nested loop or function)."""
    stack = [body] if body is not None else []
    while stack:
        n = stack.pop()
        t = n.type
        if t == "break_statement":
            return True
        if t in ("for_statement", "while_statement", "function_definition", "class_definition", "lambda"):
            alt = n.child_by_field_id(F_ALTERNATIVE) if t != "lambda" else None
            if alt is not None:
                stack.append(alt)  # a break in a loop's else belongs to the outer loop
            continue
        stack.extend(c for c in n.named_children if c.type not in ("expression_statement", "comment"))
    return False


def _always_exits(block: Node) -> bool:
    """True when every path through the block ends in return/raise (or an exit call).

    Every branch must exit, so this is an AND over blocks, kept on an explicit stack.
    """
    stack: list[Node | None] = [block]
    while stack:
        b = stack.pop()
        last = _last_statement(b)
        if last is None:
            return False
        t = last.type
        if t in ("return_statement", "raise_statement"):
            continue
        if t == "if_statement":
            stack.append(last.child_by_field_id(F_CONSEQUENCE))
            has_else = False
            for alt in last.children_by_field_name("alternative"):
                if alt.type == "else_clause":
                    has_else = True
                    stack.append(alt.child_by_field_id(F_BODY))
                else:
                    stack.append(alt.child_by_field_id(F_CONSEQUENCE))
            if not has_else:
                return False
        elif t == "try_statement":
            fin = next((c for c in last.named_children if c.type == "finally_clause"), None)
            fin_last = _last_statement(next((c for c in fin.named_children if c.type == "block"), None)) if fin else None
            if fin_last is not None and fin_last.type in ("return_statement", "raise_statement"):
                continue
            els = next((c for c in last.named_children if c.type == "else_clause"), None)
            stack.append(els.child_by_field_id(F_BODY) if els is not None else last.child_by_field_id(F_BODY))
            for c in last.named_children:
                if c.type == "except_clause":
                    stack.append(next((b2 for b2 in c.named_children if b2.type == "block"), None))
        elif t == "with_statement":
            stack.append(last.child_by_field_id(F_BODY))
        elif t == "while_statement":
            cond = last.child_by_field_id(F_CONDITION)
            if cond is None or cond.type != "true" and not (cond.type == "integer" and text(cond) not in ("0",)):
                return False
            if _has_break(last.child_by_field_id(F_BODY)):
                return False
        elif t == "match_statement":
            body = last.child_by_field_id(F_BODY)
            cases = [c for c in _named(body) if c.type == "case_clause"]
            if not cases or text(cases[-1].named_child(0), 10) != "_" or cases[-1].child_by_field_id(F_GUARD) is not None:
                return False  # exhaustive only with a final unguarded `case _`
            for c in cases:
                stack.append(c.child_by_field_id(F_CONSEQUENCE))
        elif t == "expression_statement":
            call = last.named_child(0)
            if call is None or call.type != "call" or text(call.child_by_field_id(F_FUNCTION), 40) not in _EXIT_CALLS:
                return False
        elif t == "assert_statement":
            cond = last.named_child(0)
            if cond is None or cond.type != "false":
                return False
        else:
            return False
    return True


_IGNORED_BASES = frozenset(
    "object ABC Protocol Generic Enum IntEnum StrEnum Flag IntFlag NamedTuple TypedDict ABCMeta "
    "abc.ABC typing.Protocol typing.NamedTuple typing.Generic enum.Enum enum.IntEnum".split()
)
_BUILTIN_EXCEPTIONS = frozenset(
    "Exception BaseException ValueError KeyError IndexError TypeError RuntimeError LookupError "
    "ArithmeticError OSError IOError AttributeError NotImplementedError PermissionError "
    "FileNotFoundError TimeoutError ConnectionError StopIteration Warning UserWarning".split()
)


@on("class_definition")
def on_class(w: Walker, node: Node) -> None:
    name_node = node.child_by_field_id(F_NAME)
    name = text(name_node)
    bases = [text(c, 120) for c in _named(node.child_by_field_id(F_SUPERCLASSES)) if c.type in ("identifier", "attribute")]
    excs = w.exceptions
    exc_bases = [b for b in bases if b.rsplit(".", 1)[-1] in _BUILTIN_EXCEPTIONS or b in excs
                 or b.endswith(("Error", "Exception", "Warning"))]
    if exc_bases:
        excs.add(name)
        user = [b for b in exc_bases if b in excs]
        if user:
            w.note("exception-class", node, end=name_node,
                   message=f"{name} subclasses {user[0]}, so `except {user[0]}` catches it too; Go errors have no class hierarchy.",
                   hint=f"Give the {name} error an Is (or Unwrap) method so errors.Is(err, Err{user[0]}) matches, or test with errors.As for each type.")
        else:
            w.note("exception-class", node, end=name_node)
    else:
        real = [b for b in bases if b not in _IGNORED_BASES and b.rsplit(".", 1)[-1] not in _IGNORED_BASES]
        if real:
            w.note("class-inheritance", node, end=name_node,
                   message=f"{name} inherits from {', '.join(real)}; Go has no inheritance: embedded methods are promoted, "
                           "but a base method calling self.m() never reaches an override.")
    f = Frame("class", node.end_byte, node)
    f.name = name
    w.push(f)


def _identifiers(root: Node | None, limit: int = 20000) -> set[str]:
    """Variable names read under root (attribute names and keyword names left out)."""
    out: set[str] = set()
    stack = [root] if root is not None else []
    seen = 0
    while stack and seen < limit:
        n = stack.pop()
        seen += 1
        t = n.type
        if t == "identifier":
            out.add(text(n))
        elif t == "attribute":
            obj = n.child_by_field_id(F_OBJECT)
            if obj is not None:
                stack.append(obj)
        elif t == "keyword_argument":
            v = n.child_by_field_id(F_VALUE)
            if v is not None:
                stack.append(v)
        else:
            stack.extend(n.named_children)
    return out


def _closure_check(w: Walker, node: Node, body: Node | None, params: Node | None) -> None:
    """A closure made inside a loop that reads the loop variable: late binding vs Go 1.22."""
    if w.marks.get(node.id) == "immediate":
        return
    targets: set[str] = set()
    loop = w.loop
    while loop is not None and loop.func is w.func:
        targets |= loop.targets
        loop = loop.prev_loop
    if not targets:
        return
    bound = {_param_parts(p)[0] for p in _named(params)}
    used = (_identifiers(body) - bound) & targets
    if used:
        names = ", ".join(sorted(used))
        w.note("loop-closure-capture", node, end=node if node.type == "lambda" else node.child_by_field_id(F_NAME),
               message=f"This closure reads the loop variable {names}: Python closures see its last value when called after "
                       "the loop; since Go 1.22 each iteration has its own variable.")


@on("lambda")
def on_lambda(w: Walker, node: Node) -> None:
    if not node.is_named:
        return
    params = node.child_by_field_id(F_PARAMETERS)
    if w.loop is not None and w.loop.func is w.func:
        _closure_check(w, node, node.child_by_field_id(F_BODY), params)
    f = Frame("lambda", node.end_byte, node)
    w.push(f)
    for p in _named(params):
        pname = _param_parts(p)[0]
        if pname:
            w.bind(pname, None)


# ---------------------------------------------------------------------------------------------
# statements


@on("return_statement")
def on_return(w: Walker, node: Node) -> None:
    f = w.func
    if f.kind != "def":
        return
    vals = _named(node)
    val = vals[0] if vals else None
    if val is None or val.type == "none":
        f.none_returns.append(node)
    else:
        f.value_returns += 1
        if val.type == "conditional_expression":
            parts = _named(val)
            if any(p.type == "none" for p in parts[::2]):
                w.note("none-return", val, message="One branch of this conditional returns None; Go has no None for strings, numbers or structs.")
    _mark_loops(w, False)


@on("yield")
def on_yield(w: Walker, node: Node) -> None:
    if not node.is_named:
        return
    f = w.func
    _mark_loops(w, False)
    if f.kind != "def" or f.generator:
        return
    f.generator = True
    if any(d.rsplit(".", 1)[-1] in ("contextmanager", "asynccontextmanager") for d in f.decorators):
        w.note("generator", node, message="A @contextmanager runs the code before yield on entry and the rest on exit; Go has no with.",
               hint="A function that sets up and returns a cleanup func: `cleanup, err := setup(); defer cleanup()`.")
    elif any(d.rsplit(".", 1)[-1] == "fixture" for d in f.decorators):
        w.note("generator", node, message="A yield fixture runs teardown after the test; Go tests have no fixtures.",
               hint="A helper that sets up and registers teardown with t.Cleanup.")
    else:
        w.note("generator", node)


@on("break_statement")
def on_break(w: Walker, node: Node) -> None:
    _mark_loops(w, True)


def _loop_target_kinds(w: Walker, left: Node | None, right: Node | None) -> None:
    names = _target_names(left)
    if not names:
        return
    kind: str | None = None
    first_kind: str | None = None
    if right is not None:
        rk = w.kind(right)
        if rk in ("strlist", "str"):
            kind = "str"
        elif right.type == "call":
            fn = text(right.child_by_field_id(F_FUNCTION), 60)
            pos, _, _ = _args(right.child_by_field_id(F_ARGUMENTS))
            if fn == "range" and pos and len(pos) <= 2 and (len(pos) == 1 or w.kind(pos[0]) == "nonneg"):
                kind = "nonneg"
            elif fn == "enumerate":
                first_kind = "nonneg"
    for i, n in enumerate(names):
        w.bind(n, first_kind if i == 0 and first_kind else (kind if len(names) == 1 else None))


def _dict_iter(w: Walker, expr: Node | None) -> bool:
    """Does iterating this expression walk a dict (in its insertion order)?"""
    if expr is None:
        return False
    if expr.type == "call":
        fn = expr.child_by_field_id(F_FUNCTION)
        if fn is not None and fn.type == "attribute":
            attr = fn.child_by_field_id(F_ATTRIBUTE)
            if attr is not None and attr.text in (b"items", b"keys", b"values"):
                args = expr.child_by_field_id(F_ARGUMENTS)
                if args is not None and args.named_child_count == 0:
                    return w.kind(fn.child_by_field_id(F_OBJECT)) not in NOT_DICT_KINDS
        return False
    return w.kind(expr) in DICT_KINDS


def _dict_key_guard(w: Walker, left: Node | None, right: Node | None, end: int) -> None:
    """`for k in d`, `for k in d.keys()`, `for k, v in d.items()`: d[k] is safe inside."""
    if left is None or right is None:
        return
    names = _target_names(left)
    if not names:
        return
    if right.type == "call":
        fn = right.child_by_field_id(F_FUNCTION)
        if fn is None or fn.type != "attribute":
            return
        attr = text(fn.child_by_field_id(F_ATTRIBUTE))
        if attr not in ("keys", "items"):
            return
        _push_guard(w, names[0], text(fn.child_by_field_id(F_OBJECT), 120), end)
    elif right.type in ("identifier", "attribute"):
        _push_guard(w, names[0], text(right, 120), end)


@on("for_statement")
def on_for(w: Walker, node: Node) -> None:
    left = node.child_by_field_id(F_LEFT)
    right = node.child_by_field_id(F_RIGHT)
    f = Frame("loop", node.end_byte, node)
    f.targets = frozenset(_target_names(left))
    f.dict_iter = _dict_iter(w, right)
    f.header = (_line(node), (right or node).end_point[0] + 1)
    w.push(f)
    _loop_target_kinds(w, left, right)
    _dict_key_guard(w, left, right, node.end_byte)
    alt = node.child_by_field_id(F_ALTERNATIVE)
    if alt is not None:
        w.note_lines("loop-else", _line(alt), _line(alt))


@on("while_statement")
def on_while(w: Walker, node: Node) -> None:
    cond = node.child_by_field_id(F_CONDITION)
    f = Frame("loop", node.end_byte, node)
    w.push(f)
    _truth(w, cond)
    _guards_from(w, cond, node.end_byte, None)
    alt = node.child_by_field_id(F_ALTERNATIVE)
    if alt is not None:
        w.note_lines("loop-else", _line(alt), _line(alt))


def _in_pairs(cond: Node | None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(key, mapping) texts of `k in d` and `k not in d` tests joined by `and` in a condition."""
    yes: list[tuple[str, str]] = []
    no: list[tuple[str, str]] = []
    stack = [cond] if cond is not None else []
    while stack:
        n = stack.pop()
        t = n.type
        if t == "parenthesized_expression":
            stack.extend(_named(n)[:1])
        elif t == "boolean_operator":
            op = n.child_by_field_id(F_OPERATOR)
            if op is not None and op.type == "and":
                stack.extend(x for x in (n.child_by_field_id(F_LEFT), n.child_by_field_id(F_RIGHT)) if x is not None)
        elif t == "comparison_operator":
            ops = n.children_by_field_name("operators")
            parts = _named(n)
            if len(ops) == 1 and len(parts) == 2 and ops[0].type in ("in", "not in"):
                key, mapping = text(parts[0], 120), text(parts[1], 120)
                m = mapping[:-7] if mapping.endswith(".keys()") else mapping
                (yes if ops[0].type == "in" else no).append((key, m))
    return yes, no


def _guards_from(w: Walker, cond: Node | None, end: int, if_node: Node | None) -> None:
    yes, no = _in_pairs(cond)
    if no and if_node is not None:
        cons = if_node.child_by_field_id(F_CONSEQUENCE)
        last = _last_statement(cons)
        exits = last is not None and last.type in ("return_statement", "raise_statement", "continue_statement", "break_statement")
        for key, mapping in no:
            if exits or (cons is not None and f"{mapping}[{key}] =" in text(cons, 2000)):
                parent = if_node.parent  # rare (a `not in` test): worth the walk from the root
                if parent is not None:
                    _push_guard(w, key, mapping, parent.end_byte)
    for key, mapping in yes:
        _push_guard(w, key, mapping, end)


@on("if_statement")
def on_if(w: Walker, node: Node) -> None:
    cond = node.child_by_field_id(F_CONDITION)
    cons = node.child_by_field_id(F_CONSEQUENCE)
    _truth(w, cond)
    _guards_from(w, cond, (cons or node).end_byte, node)


@on("elif_clause")
def on_elif(w: Walker, node: Node) -> None:
    cond = node.child_by_field_id(F_CONDITION)
    cons = node.child_by_field_id(F_CONSEQUENCE)
    _truth(w, cond)
    _guards_from(w, cond, (cons or node).end_byte, None)


@on("conditional_expression")
def on_conditional(w: Walker, node: Node) -> None:
    parts = _named(node)
    if len(parts) >= 2:
        _truth(w, parts[1])
        _guards_from(w, parts[1], node.end_byte, None)


@on("with_statement")
def on_with(w: Walker, node: Node) -> None:
    clause = next((c for c in node.named_children if c.type == "with_clause"), None)
    header = text(clause, 600)
    end = clause if clause is not None else node
    if "open(" in header:
        w.note("with-statement", node, end=end, hint="`f, err := os.Open(path); if err != nil { return err }; defer f.Close()` (os.ReadFile/os.WriteFile for whole files).")
    elif "suppress(" in header:
        w.note("with-statement", node, end=end, message="contextlib.suppress swallows the listed exceptions; Go has none to swallow.",
               hint="Call, then ignore the specific error explicitly: `if err := f(); err != nil && !errors.Is(err, fs.ErrNotExist) { return err }`.")
    elif "lock" in header.lower() or "mutex" in header.lower():
        w.note("with-statement", node, end=end, hint="`mu.Lock(); defer mu.Unlock()` (a func literal when the locked region is shorter than the function).")
    elif "atomic(" in header or "transaction" in header:
        w.note("with-statement", node, end=end, hint="`tx, err := db.BeginTx(ctx, nil)`; `defer tx.Rollback()`; `tx.Commit()` at the end.")
    else:
        w.note("with-statement", node, end=end)


_EXC_HINTS = {
    "ValueError": ("ValueError here usually comes from int()/float() or .index(); in Go those report an err or -1 to test, not an exception.",
                   "Test the error result of strconv.Atoi / the -1 of slices.Index right after the call."),
    "KeyError": ("A missing map key is not an error in Go: the read returns the zero value.",
                 "`v, ok := m[k]; if !ok { ... }` in place of the except KeyError branch."),
    "IndexError": ("An index out of range panics in Go; there is nothing to catch as an error.",
                   "Check `i < len(s)` before indexing."),
    "StopIteration": ("Go iteration has no StopIteration: loops end, channel receives report ok=false.",
                      "`v, ok := <-ch` or a `for ... range` loop."),
    "AttributeError": ("AttributeError and TypeError are programming errors that Go's compiler catches, or panics (nil pointer) at run time.",
                       "Remove the except; check for nil where a value may be absent."),
    "TypeError": ("AttributeError and TypeError are programming errors that Go's compiler catches, or panics (nil pointer) at run time.",
                  "Remove the except; check for nil where a value may be absent."),
    "ImportError": ("Optional imports don't exist in Go: every package is linked at build time.",
                    "Pick one implementation, or use build tags for platform-specific code."),
    "ModuleNotFoundError": ("Optional imports don't exist in Go: every package is linked at build time.",
                            "Pick one implementation, or use build tags for platform-specific code."),
    "FileNotFoundError": ("os functions return an error value; a missing file is matched with errors.Is.",
                          "`if errors.Is(err, fs.ErrNotExist) { ... }`."),
    "OSError": ("os functions return an error value to test after each call.",
                "`if err != nil { ... }`; errors.Is(err, fs.ErrNotExist) / fs.ErrPermission for specific cases."),
    "IOError": ("os functions return an error value to test after each call.",
                "`if err != nil { ... }`; errors.Is(err, fs.ErrNotExist) / fs.ErrPermission for specific cases."),
}


@on("except_clause")
def on_except(w: Walker, node: Node) -> None:
    value = node.child_by_field_id(F_VALUE)
    if value is None:
        for c in node.named_children:
            if c.type not in ("block", "comment"):
                value = c
                break
    if value is not None and value.type == "as_pattern":
        value = value.named_child(0)
    names: list[str] = []
    if value is not None:
        items = _named(value) if value.type in ("tuple", "parenthesized_expression") else [value]
        names = [text(i, 120).rsplit(".", 1)[-1] for i in items]
    header_end = node.children[0] if node.child_count else node
    if value is not None:
        header_end = value
    if not names or any(n in ("Exception", "BaseException") for n in names):
        w.note("broad-except", node, end=header_end)
        return
    if any(n in ("ZeroDivisionError", "ArithmeticError") for n in names):
        w.note("zero-division", node, end=header_end)
        return
    for n in names:
        if n in _EXC_HINTS:
            msg, hint = _EXC_HINTS[n]
            w.note("try-except", node, end=header_end, message=msg, hint=hint)
            return
    w.note("try-except", node, end=header_end)


@on("finally_clause")
def on_finally(w: Walker, node: Node) -> None:
    w.note_lines("try-finally", _line(node), _line(node))


@on("raise_statement")
def on_raise(w: Walker, node: Node) -> None:
    parts = _named(node)
    if not parts:
        w.note("raise-error", node, message="A bare raise re-raises the exception being handled; in Go the error is a value you return.",
               hint="`return ..., err` (wrap with `fmt.Errorf(\"context: %w\", err)` to add context).")
        return
    exc = text(parts[0], 200).split("(", 1)[0].rsplit(".", 1)[-1]
    if exc == "NotImplementedError":
        w.note("raise-error", node, message="raise NotImplementedError marks an abstract method; Go expresses that with an interface.",
               hint="Declare the method in an interface and implement it on each concrete type.")
    elif w.func.name == "__init__":
        w.note("raise-error", node, message="A constructor that raises becomes a Go constructor function that returns an error.",
               hint="`func NewT(...) (*T, error)` and `return nil, fmt.Errorf(...)`.")
    elif any(c.type == "from" for c in node.children):
        w.note("raise-error", node, hint="`return ..., fmt.Errorf(\"...: %w\", err)`: %w keeps the cause for errors.Is/errors.As, like raise ... from.")
    else:
        w.note("raise-error", node)


@on("global_statement")
def on_global(w: Walker, node: Node) -> None:
    w.note("global-statement", node)


@on("nonlocal_statement")
def on_nonlocal(w: Walker, node: Node) -> None:
    w.note("nonlocal-statement", node)


@on("assert_statement")
def on_assert(w: Walker, node: Node) -> None:
    w.note("assert-statement", node)


@on("match_statement")
def on_match(w: Walker, node: Node) -> None:
    subject = node.child_by_field_id(F_SUBJECT)
    w.note("match-statement", node, end=subject or node.children[0])


@on("type")
def on_type(w: Walker, node: Node) -> object:
    return SKIP  # annotations: nothing in them runs


@on("parameters", "lambda_parameters")
def on_parameters(w: Walker, node: Node) -> object:
    return SKIP  # the def/lambda handler has read them


# ---------------------------------------------------------------------------------------------
# assignments and names


@on("assignment")
def on_assignment(w: Walker, node: Node) -> None:
    left = node.child_by_field_id(F_LEFT)
    right = node.child_by_field_id(F_RIGHT)
    typ = node.child_by_field_id(F_TYPE)
    if left is None:
        return
    value = right
    while value is not None and value.type == "assignment":
        value = value.child_by_field_id(F_RIGHT)
    lt = left.type
    if lt == "identifier":
        kind, optional = _annotation(typ) if typ is not None else (None, False)
        if kind is None:
            kind = w.kind(value)
        if w.owner.kind == "class":
            w.owner.attrs[text(left)] = kind or "?"
        else:
            w.bind(text(left), kind)
    elif lt == "attribute":
        func = w.func
        obj = left.child_by_field_id(F_OBJECT)
        if func.cls is not None and obj is not None and obj.type == "identifier" and text(obj) == func.self_name:
            kind, _ = _annotation(typ) if typ is not None else (None, False)
            if kind is None:
                kind = w.kind(value)
            attr = text(left.child_by_field_id(F_ATTRIBUTE))
            if kind is not None or attr not in func.cls.attrs:
                func.cls.attrs[attr] = kind or "?"
                func.cls.attr_lines[attr] = _line(left)
    elif lt in ("pattern_list", "tuple_pattern", "list_pattern", "tuple"):
        names = _target_names(left)
        kind = None
        if value is not None and value.type == "call":
            w.marks[value.id] = "unpack"
            if w.kind(value) == "strlist":
                kind = "str"
        for n in names:
            w.bind(n, kind)
    elif lt == "subscript":
        w.roles[left.id] = "store"
        inner = left.child_by_field_id(F_VALUE)
        if inner is not None and inner.type == "subscript":
            w.roles[inner.id] = "inner"


@on("augmented_assignment")
def on_augmented(w: Walker, node: Node) -> None:
    left = node.child_by_field_id(F_LEFT)
    right = node.child_by_field_id(F_RIGHT)
    op = node.child_by_field_id(F_OPERATOR)
    if left is not None and left.type == "subscript":
        w.roles[left.id] = "aug"
    o = op.type[:-1] if op is not None else ""
    h = _BINOPS.get(o)
    if h is not None and left is not None and right is not None:
        h(w, node, left, right)
    if o == "+" and w.loop is not None and w.kind(left) == "str":
        _mark_loops(w, False)


@on("delete_statement")
def on_delete(w: Walker, node: Node) -> None:
    for c in _named(node):
        for t in ([c] if c.type != "expression_list" else _named(c)):
            if t.type == "subscript":
                w.roles[t.id] = "del"


# ---------------------------------------------------------------------------------------------
# subscripts and slices


_TYPING_NAMES = frozenset("Literal Annotated Optional Union Dict List Tuple Type Callable ClassVar Final TypeVar".split())


@on("subscript")
def on_subscript(w: Walker, node: Node) -> None:
    value = node.child_by_field_id(F_VALUE)
    subs = node.children_by_field_name("subscript")
    if value is None or not subs:
        return
    role = w.roles.get(node.id)
    idx = subs[0]
    if idx.type == "slice":
        if role is None:
            _slice(w, node, value, idx)
        return
    if role == "store":
        _push_guard(w, text(idx, 120), text(value, 120), w.frames[-1].end)  # d[k] is there from now on
        _map_write(w, node, value)
    vk = w.kind(value)
    composite = len(subs) > 1 or idx.type == "tuple"
    if composite:
        if vk in DICT_KINDS:
            w.note("map-composite-key", node)
        return
    if _is_neg_literal(idx):
        w.note("negative-index", node, hint=f"`{_short(value)}[len({_short(value)})-{text(idx)[1:].strip()}]` (check the length first).")
        return
    if vk == "str":
        if role is None:
            w.note("str-index-bytes", node)
        return
    dictish = vk in DICT_KINDS or (vk is None and idx.type == "string" and not (
        value.type == "identifier" and text(value) in _TYPING_NAMES))
    if not dictish:
        return
    if role is None:
        if vk in DEFAULTING_KINDS:
            return  # reads insert (defaultdict) or give 0 (Counter): the defaultdict/counter note covers it
        key, mapping = text(idx, 120), text(value, 120)
        if (key, mapping) in w.guards:
            return
        if _qual(w, value) == "os.environ":
            w.note("dict-index-keyerror", node, message="os.environ[k] raises KeyError when the variable is unset; os.Getenv returns \"\".",
                   hint="`v, ok := os.LookupEnv(k); if !ok { return fmt.Errorf(\"%s not set\", k) }`.")
        else:
            w.note("dict-index-keyerror", node)
    elif role == "del":
        if (text(idx, 120), text(value, 120)) not in w.guards:
            w.note("dict-del", node)


def _map_write(w: Walker, node: Node, value: Node) -> None:
    """`m[k] = v`: is m a map that can be nil in Go?"""
    if value.type == "subscript":
        base = value.child_by_field_id(F_VALUE)
        bk = w.kind(base)
        if bk == "defaultdict-map":
            w.note("nil-map-write", node, severity="risk",
                   message=f"{_short(base)} is a defaultdict of dicts: Python creates the inner dict on first access, but in Go "
                           f"{_short(value)} is a nil map for a new key and this write panics.",
                   hint="`inner := m[k]; if inner == nil { inner = map[K]V{}; m[k] = inner }; inner[k2] = v`.")
        elif bk in DICT_KINDS:
            w.note("nil-map-write", node,
                   message=f"{_short(value)} is a nil map in Go when the key is missing, so this write panics (Python raised KeyError).",
                   hint="`inner := m[k]; if inner == nil { inner = map[K]V{}; m[k] = inner }; inner[k2] = v`.")
        return
    if value.type == "attribute":
        kind = w.self_attr_kind(value)
        if kind in DICT_KINDS and w.func.name not in ("__init__", "__post_init__"):
            attr = text(value.child_by_field_id(F_ATTRIBUTE))
            if attr not in w.func.noted:
                w.func.noted.add(attr)
                cls = w.func.cls
                w.note("nil-map-write", node,
                       message=f"{_short(value)} is a map field: in a zero-value {cls.name if cls else 'struct'}{{}} it is nil and this write panics.",
                       hint=f"Create the map in the constructor (New{cls.name if cls else 'T'}) and build values only through it, or `if x.{attr} == nil {{ x.{attr} = map[K]V{{}} }}` first.")
        return
    if value.type == "identifier":
        name = text(value)
        if name in w.func.optional and w.kind(value) in DICT_KINDS and name not in w.func.noted:
            w.func.noted.add(name)
            w.note("nil-map-write", node, message=f"{name} may be None here; its Go counterpart is a nil map, and writing to a nil map panics.",
                   hint=f"`if {name} == nil {{ {name} = map[K]V{{}} }}` before the first write (callers won't see the new map: return it).")


def _slice(w: Walker, node: Node, value: Node, sl: Node) -> None:
    parts: list[Node | None] = [None, None, None]
    i = 0
    for c in sl.children:
        if c.type == ":":
            i += 1
        elif c.is_named and c.type != "comment" and i < 3:
            parts[i] = c
    start, stop, step = parts
    vk = w.kind(value)
    if step is not None:
        if _is_neg_literal(step) and text(step).replace(" ", "") == "-1" and start is None and stop is None:
            hint = ("Reverse the runes: `r := []rune(s); slices.Reverse(r); string(r)`." if vk == "str"
                    else "`r := slices.Clone(s); slices.Reverse(r)`.")
            w.note("slice-step", node, hint=hint)
        else:
            w.note("slice-step", node)
        return
    if _is_neg_literal(start) or _is_neg_literal(stop):
        w.note("negative-index", node, message="Go has no negative slice bounds: s[-n:] and s[:-n] must be written with len().",
               hint="`s[len(s)-n:]` / `s[:len(s)-n]`, after checking len(s) >= n.")
        return

    def plain(b: Node | None) -> bool:
        return b is not None and (b.type in ("identifier", "attribute") or _pos_int_literal(b))

    if plain(start) or plain(stop):
        if vk == "str":
            w.note("slice-bounds", node, message="Python string slices clamp out-of-range bounds and count code points; Go's count bytes and panic past the end.",
                   hint="Clamp with min(n, len(s)); slice []rune(s) when the text can be non-ASCII.")
        else:
            w.note("slice-bounds", node)


# ---------------------------------------------------------------------------------------------
# operators


def _nonneg(w: Walker, n: Node | None) -> bool:
    return n is not None and (n.type == "integer" or w.kind(n) == "nonneg")


def _floordiv(w: Walker, node: Node, left: Node, right: Node) -> None:
    lk, rk = w.kind(left), w.kind(right)
    if "float" in (lk, rk) or left.type == "float" or right.type == "float":
        w.note("floor-division", node, message="`//` on floats floors (-7.0 // 2 == -4.0); Go's float `/` doesn't round at all.",
               hint="`math.Floor(a / b)`.")
    elif _nonneg(w, left) and (_pos_int_literal(right) or rk == "nonneg"):
        w.note("floor-division", node, severity="info",
               message="Both operands are non-negative here, so Go's integer `/` gives the same result as `//`.", hint="`a / b`.")
    else:
        w.note("floor-division", node)
    _len_divisor(w, node, right)


_PCT = re.compile(r"%(\([^)]*\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([a-zA-Z%])")


def _percent_format(w: Walker, node: Node, fmt: Node) -> None:
    value = _string_value(fmt) if fmt.type == "string" else None
    if value is None:
        return
    problems = []
    for m in _PCT.finditer(value):
        named, conv = m.group(1), m.group(2)
        if named:
            problems.append(f"%{named}{conv} (named fields)")
        elif conv in "iu":
            problems.append(f"%{conv} (Go uses %d)")
        elif conv in "ra":
            problems.append(f"%{conv} (Go's nearest is %q)")
    if problems:
        w.note("percent-format", node, message=f"This format uses {', '.join(dict.fromkeys(problems))}, which fmt.Sprintf doesn't have.")


_FORMATISH = ("msg", "message", "fmt", "format", "template", "tmpl", "tpl", "text", "sql", "query", "pattern",
              "string", "label", "title", "url", "html", "line", "prefix", "suffix", "name", "help", "error", "warning")
_FORMAT_ARGS = frozenset({"sql", "params", "args", "values", "kwargs", "context", "data", "fields"})
_GETTEXT = frozenset({"_", "gettext", "ngettext", "pgettext", "npgettext", "gettext_lazy", "ngettext_lazy", "ugettext",
                      "pgettext_lazy", "format_lazy", "mark_safe", "str"})


def _formatish(w: Walker, left: Node, right: Node) -> bool:
    """Is `left % right` printf-style formatting rather than arithmetic?"""
    if right.type in ("tuple", "dictionary", "string", "concatenated_string") or w.kind(right) == "str":
        return True
    if right.type in ("identifier", "attribute") and text(right, 120).rsplit(".", 1)[-1].lower() in _FORMAT_ARGS:
        return True
    if left.type == "call":
        name = text(left.child_by_field_id(F_FUNCTION), 120).rsplit(".", 1)[-1]
        return name in _GETTEXT or any(word in name.lower() for word in _FORMATISH)
    if left.type in ("identifier", "attribute") and w.kind(left) not in NUM_KINDS:
        last = text(left, 120).rsplit(".", 1)[-1].lower()
        return any(word in last for word in _FORMATISH)
    return False


def _numeric(w: Walker, n: Node) -> bool:
    """Known to be a number: a literal, a typed int/float, len(), or arithmetic."""
    t = n.type
    if t in ("integer", "float") or w.kind(n) in NUM_KINDS:
        return True
    if t == "unary_operator":
        return True
    if t == "call":
        return text(n.child_by_field_id(F_FUNCTION), 20) in ("len", "int", "abs", "ord", "round")
    if t == "parenthesized_expression":
        inner = n.named_child(0)
        return inner is not None and inner.type in ("binary_operator", "integer", "unary_operator", "call") and _numeric(w, inner)
    if t == "binary_operator":
        op = n.child_by_field_id(F_OPERATOR)
        return op is not None and op.type in ("+", "-", "*", "//", "%") and (
            _numeric(w, n.child_by_field_id(F_LEFT)) or _numeric(w, n.child_by_field_id(F_RIGHT)))
    return False


def _modulo(w: Walker, node: Node, left: Node, right: Node) -> None:
    lk = w.kind(left)
    if left.type in ("string", "concatenated_string") or lk == "str":
        _percent_format(w, node, left)
        return
    if w.marks.get(node.id) == "modzero" or _formatish(w, left, right):
        return
    if not (_numeric(w, right) or _numeric(w, left)):
        return  # `template % args` with untyped names: formatting as often as not
    if _nonneg(w, left) and (_pos_int_literal(right) or w.kind(right) == "nonneg"):
        w.note("modulo-sign", node, severity="info",
               message="Both operands are non-negative here, so Go's `%` gives the same result.", hint="`a % b`.")
    elif lk == "float" or right.type == "float" or left.type == "float":
        w.note("modulo-sign", node, message="`%` on floats takes the divisor's sign in Python; Go has no `%` on floats, and math.Mod takes the dividend's sign.",
               hint="`r := math.Mod(a, b); if r != 0 && (r < 0) != (b < 0) { r += b }`.")
    else:
        w.note("modulo-sign", node)
    _len_divisor(w, node, right)


def _power(w: Walker, node: Node, left: Node, right: Node) -> None:
    if left.type == "integer" and right.type == "integer":
        try:
            value = int(text(left).replace("_", ""), 0) ** min(int(text(right).replace("_", ""), 0), 4096)
        except ValueError:
            return
        if value.bit_length() > 63:
            w.note("unbounded-int", node, severity="risk",
                   message=f"{_short(node)} doesn't fit in int64; Python's int grows, a Go constant this size won't compile into an int.")
        else:
            w.note("power-operator", node, severity="info", message="Go has no `**`; this is a constant.",
                   hint=f"Write the value ({value}) or a shift (`1 << n` for powers of two).")
        return
    if "float" in (w.kind(left), w.kind(right)) or right.type == "float" or _is_neg_literal(right):
        w.note("power-operator", node, severity="info", message="Go has no `**`; on floats math.Pow gives the same result.",
               hint="`math.Pow(x, y)`.")
        return
    w.note("power-operator", node)


_PATHISH = ("path", "dir", "root", "folder", "base", "home", "parent", "cwd")


def _true_division(w: Walker, node: Node, left: Node, right: Node) -> None:
    lk, rk = w.kind(left), w.kind(right)
    if "float" in (lk, rk) or "str" in (lk, rk) or "path" in (lk, rk):
        _len_divisor(w, node, right)
        return
    if left.type in ("float", "string") or right.type in ("float", "string", "concatenated_string"):
        return
    if any(p in text(left, 120).lower() for p in _PATHISH):
        return  # pathlib's `/` joins paths
    w.note("true-division", node)
    _len_divisor(w, node, right)


def _len_divisor(w: Walker, node: Node, right: Node) -> None:
    if right.type == "call" and text(right.child_by_field_id(F_FUNCTION)) == "len":
        w.note("zero-division", node, severity="info",
               message="When the sequence is empty Python raises ZeroDivisionError here; Go panics for ints and gives NaN or ±Inf for floats.",
               hint="`if len(xs) == 0 { return 0, ErrEmpty }` before dividing.")


def _repeat(w: Walker, node: Node, left: Node, right: Node) -> None:
    for seq, other in ((left, right), (right, left)):
        if seq.type in ("string", "concatenated_string") and other.type not in ("string", "concatenated_string"):
            w.note("sequence-repeat", node, hint=f"`strings.Repeat({_short(seq)}, max({_short(other)}, 0))`.")
            return
        if seq.type == "list" and other.type != "list":
            items = _named(seq)
            if any(i.type in ("list", "dictionary", "set", "call") for i in items):
                w.note("sequence-repeat", node, severity="warning",
                       message=f"{_short(seq)} * n repeats the same inner object n times (every entry aliases it); a Go loop making n values makes n separate ones.",
                       hint="Make the inner values in a loop; keep one shared value only if the code relies on the aliasing.")
            else:
                w.note("sequence-repeat", node, message="`[x] * n` builds a list of n copies; Go has no list repetition operator.",
                       hint="`make([]T, n)` (zero-filled) plus a fill loop, or `slices.Repeat([]T{x}, n)` (Go 1.23).")
            return


def _shift(w: Walker, node: Node, left: Node, right: Node) -> None:
    if left.type == "integer" and right.type == "integer":
        try:
            if (int(text(left).replace("_", ""), 0) << min(int(text(right).replace("_", ""), 0), 4096)).bit_length() <= 63:
                return
        except ValueError:
            return
    w.note("unbounded-int", node, message="`<<` never overflows in Python; in Go bits shifted past 64 are lost silently.")


_BINOPS: dict[str, Callable[[Walker, Node, Node, Node], None]] = {
    "//": _floordiv, "%": _modulo, "**": _power, "/": _true_division, "*": _repeat, "<<": _shift,
}


@on("binary_operator")
def on_binary(w: Walker, node: Node) -> None:
    op = node.child_by_field_id(F_OPERATOR)
    if op is None:
        return
    h = _BINOPS.get(op.type)
    if h is None:
        return
    left = node.child_by_field_id(F_LEFT)
    right = node.child_by_field_id(F_RIGHT)
    if left is not None and right is not None:
        h(w, node, left, right)


@on("integer")
def on_integer(w: Walker, node: Node) -> None:
    if node.end_byte - node.start_byte < 18:
        return
    s = text(node).replace("_", "").rstrip("lLjJ")
    try:
        value = int(s, 0)
    except ValueError:
        return
    if value > (1 << 63) - 1:
        fits = "fits uint64 but not int64" if value < (1 << 64) else "doesn't fit in 64 bits"
        w.note("unbounded-int", node, severity="risk", message=f"The literal {_short(node)} {fits}; Go's int is 64-bit.",
               hint="uint64 if it fits, else math/big (`new(big.Int).SetString(\"...\", 10)`).")


_TRUTH_HINTS = {
    "dict": "len({x}) {op} 0", "defaultdict": "len({x}) {op} 0", "defaultdict-map": "len({x}) {op} 0",
    "defaultdict-list": "len({x}) {op} 0", "counter": "len({x}) {op} 0", "list": "len({x}) {op} 0",
    "set": "len({x}) {op} 0", "tuple": "len({x}) {op} 0", "strlist": "len({x}) {op} 0",
    "str": "{x} {eq} \"\"", "int": "{x} {eq} 0", "nonneg": "{x} {eq} 0", "float": "{x} {eq} 0",
}


def _truth(w: Walker, cond: Node | None, negated: bool = False) -> None:
    """Truth tests of non-bool values in a condition (through and/or/parentheses)."""
    stack = [cond] if cond is not None else []
    while stack:
        n = stack.pop()
        t = n.type
        if t == "parenthesized_expression":
            stack.extend(_named(n)[:1])
            continue
        if t == "boolean_operator":
            w.marks[n.id] = "cond"
            stack.extend(x for x in (n.child_by_field_id(F_LEFT), n.child_by_field_id(F_RIGHT)) if x is not None)
            continue
        if t in ("not_operator", "comparison_operator", "call", "true", "false", "none"):
            continue  # not_operator has its own handler; calls: too little is known of their results
        if t == "binary_operator":
            op = n.child_by_field_id(F_OPERATOR)
            if op is not None and op.type == "%":
                w.marks[n.id] = "modzero"  # `if x % n:` tests != 0, which doesn't depend on the sign
            continue
        kind = w.kind(n)
        pattern = _TRUTH_HINTS.get(kind or "")
        if pattern is None:
            continue
        x = _short(n)
        if kind in ("str", "int", "nonneg", "float") and text(n) in w.func.optional:
            w.note("truthiness", n, message=f"{x} may be None as well as {'empty' if kind == 'str' else 'zero'}, and both are false here; Go's `if` takes only a bool.",
                   hint=f"With a pointer: `{x} != nil && *{x} != {chr(34) * 2 if kind == 'str' else '0'}`.")
            continue
        op, eq = ("==", "==") if negated else (">", "!=")
        w.note("truthiness", n, hint=f"`{pattern.format(x=x, op=op, eq=eq)}`" + (" (true for a nil map or slice too)." if "len" in pattern else "."))


@on("not_operator")
def on_not(w: Walker, node: Node) -> None:
    arg = node.child_by_field_id(F_ARGUMENT)
    _truth(w, arg, negated=True)


_BOOLISH = frozenset({"comparison_operator", "not_operator", "true", "false"})
_DEFAULT_RIGHT = frozenset({"string", "concatenated_string", "integer", "float", "list", "dictionary", "tuple", "set", "none", "call"})


@on("boolean_operator")
def on_boolean(w: Walker, node: Node) -> None:
    op = node.child_by_field_id(F_OPERATOR)
    left = node.child_by_field_id(F_LEFT)
    right = node.child_by_field_id(F_RIGHT)
    if op is None or left is None or right is None:
        return
    if op.type == "and":
        _guards_from(w, left, node.end_byte, None)
        return
    if w.marks.get(node.id) == "cond" or left.type in _BOOLISH or w.kind(left) == "bool":
        return
    if right.type in _DEFAULT_RIGHT or (right.type == "identifier" and text(right).isupper()):
        if right.type == "call" and w.kind(right) == "bool":
            return
        w.marks[left.id] = "or-left"
        w.note("or-default", node)


@on("comparison_operator")
def on_compare(w: Walker, node: Node) -> None:
    ops = node.children_by_field_name("operators")
    parts = _named(node)
    if len(ops) >= 2:
        w.note("chained-comparison", node, hint=f"`{' && '.join(f'{_short(parts[i], 20)} {ops[i].type} {_short(parts[i + 1], 20)}' for i in range(min(len(ops), len(parts) - 1)))}`; store a middle operand in a variable first if it is a call.")
        return
    if len(ops) != 1 or len(parts) != 2:
        return
    o = ops[0].type
    left, right = parts
    if o in ("in", "not in"):
        _membership(w, node, left, right)
        return
    if o in ("is", "is not", "==", "!="):
        other = right if left.type == "none" else left if right.type == "none" else None
        if other is not None:
            if other.type == "identifier" and text(other) in w.func.optional:
                return  # the optional-param note at the parameter covers it
            w.note("is-none-check", node)
            return
        for a, b in ((left, right), (right, left)):
            if a.type == "call" and text(a.child_by_field_id(F_FUNCTION)) == "type":
                w.note("isinstance-check", node)
                return
        if o in ("==", "!="):
            for a, b in ((left, right), (right, left)):
                if b.type == "integer" and text(b) == "0" and a.type == "binary_operator":
                    aop = a.child_by_field_id(F_OPERATOR)
                    if aop is not None and aop.type == "%":
                        w.marks[a.id] = "modzero"  # x % n == 0 is the same in Go


def _membership(w: Walker, node: Node, left: Node, right: Node) -> None:
    rk = w.kind(right)
    if right.type == "call":
        fn = right.child_by_field_id(F_FUNCTION)
        if fn is not None and fn.type == "attribute" and text(fn.child_by_field_id(F_ATTRIBUTE)) == "keys":
            rk = "dict"
    if rk in DICT_KINDS:
        if rk in DEFAULTING_KINDS:
            w.note("dict-in", node, message="`in` on a defaultdict is true for every key that was ever read; in Go reads insert nothing.",
                   hint="`_, ok := m[k]`, and check that the Python didn't rely on reads inserting keys.")
        else:
            w.note("dict-in", node, hint=f"`_, ok := {_short(right, 30)}[{_short(left, 30)}]`.")
    elif right.type in ("tuple", "list", "set"):
        items = _named(right)
        if items and all(i.type in ("string", "integer", "float", "true", "false") for i in items):
            w.note("membership-test", node, hint=f"`switch {_short(left, 30)} {{ case {', '.join(_short(i, 20) for i in items[:6])}: }}` or slices.Contains.")
        else:
            w.note("membership-test", node, hint="`slices.Contains(xs, v)`.")
    elif rk in ("list", "tuple", "strlist"):
        w.note("membership-test", node, hint="`slices.Contains(xs, v)` (a map[T]bool when the list is long and tested often).")
    elif rk == "set":
        w.note("membership-test", node, message="A Python set becomes a map[T]bool or map[T]struct{} in Go, which has no `in`.",
               hint="`if set[v] { ... }` with map[T]bool, or `_, ok := set[v]`.")
    elif rk == "str":
        w.note("membership-test", node, message="`sub in s` is a substring test; Go has no `in` for strings.",
               hint=f"`strings.Contains({_short(right, 30)}, {_short(left, 30)})`.")


# ---------------------------------------------------------------------------------------------
# literals and comprehensions


_VALUE_KINDS = {
    "string": "str", "concatenated_string": "str", "integer": "number", "float": "number", "true": "bool", "false": "bool",
    "none": "None", "list": "list", "list_comprehension": "list", "dictionary": "dict", "tuple": "tuple",
}


@on("dictionary")
def on_dictionary(w: Walker, node: Node) -> None:
    if node.named_child_count < 2:
        return
    kinds: dict[str, None] = {}
    composite = None
    for pair in node.named_children:
        if pair.type != "pair":
            continue
        key = pair.child_by_field_id(F_KEY)
        value = pair.child_by_field_id(F_VALUE)
        if key is not None and key.type == "tuple" and composite is None:
            composite = pair
        k = _VALUE_KINDS.get(value.type) if value is not None else None
        if k is not None:
            kinds[k] = None
    if composite is not None:
        w.note("map-composite-key", composite)
    if len(kinds) >= 2:
        names = ", ".join(kinds)
        if "None" in kinds and len(kinds) == 2:
            w.note("map-mixed-values", node, message=f"Some values are None and others {[k for k in kinds if k != 'None'][0]}; a Go map value can't be nil unless it is a pointer, slice, map or interface.",
                   hint="A struct with a pointer field (or a separate found flag) for the values that may be None.")
        else:
            w.note("map-mixed-values", node, message=f"The values have different types ({names}); a Go map has a single value type.")


@on("list_comprehension", "generator_expression", "set_comprehension", "dictionary_comprehension")
def on_comprehension(w: Walker, node: Node) -> None:
    clauses = [c for c in node.named_children if c.type == "for_in_clause"]
    if not clauses:
        return
    first_right = clauses[0].child_by_field_id(F_RIGHT)
    if node.type in ("list_comprehension", "generator_expression") and w.marks.get(node.id) != "insensitive":
        if _dict_iter(w, first_right):
            w.note("map-iteration-order", node, end=first_right)
    f = Frame("lambda", node.end_byte, node)
    w.push(f)  # comprehension variables live in their own scope
    for c in clauses:
        _loop_target_kinds(w, c.child_by_field_id(F_LEFT), c.child_by_field_id(F_RIGHT))


@on("string")
def on_string(w: Walker, node: Node) -> object:
    src = w.src
    s = node.start_byte
    prefix = src[s : s + 3]
    if b"f" not in prefix.split(b'"')[0].split(b"'")[0].lower():
        return SKIP  # plain string: nothing inside to check
    specs: list[str] = []
    for c in node.named_children:
        if c.type != "interpolation":
            continue
        expr = c.child_by_field_id(F_EXPRESSION)
        conv = c.child_by_field_id(F_TYPE_CONVERSION)
        spec = c.child_by_field_id(F_FORMAT_SPECIFIER)
        if conv is not None:
            cv = text(conv)
            specs.append(f"`{cv}` → %q (quoting differs)" if cv == "!r" else f"`{cv}` has no verb" if cv == "!a" else f"`{cv}` → %v")
        if spec is not None:
            specs.append(_spec_to_verb(text(spec, 200)))
        elif conv is None and any(ch.type == "=" for ch in c.children):
            specs.append("`=` (self-documenting) → write the name into the format")
        elif conv is None and expr is not None and w.kind(expr) == "float":
            w.note("float-format", c)
    if specs:
        w.note("fstring-format-spec", node, message=f"f-string specs need fmt verbs: {'; '.join(dict.fromkeys(specs))}.")
    return None


def _spec_to_verb(spec: str) -> str:
    """`:02d` → `%02d` and friends; says so when fmt has no verb for it."""
    s = spec.lstrip(":")
    shown = f"`:{s}`"
    if "{" in s:
        return f"{shown} (nested width) → %*v with the width as an argument"
    m = re.fullmatch(r"(?:(.)?([<>^=]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?", s)
    if m is None:
        return f"{shown} has no direct verb"
    fill, align, sign, alt, zero, width, group, prec, typ = m.groups()
    if group:
        return f"{shown} groups thousands: fmt has no verb (golang.org/x/text/message)"
    if align == "^":
        return f"{shown} centres: fmt can't (pad by hand)"
    if fill and fill not in (" ", "0"):
        return f"{shown} pads with {fill!r}: fmt pads only with spaces or zeros"
    if typ == "%":
        return f"{shown} percent: multiply by 100 and use %{'.' + prec if prec else ''}f%%"
    if typ == "n":
        return f"{shown} is locale-aware: fmt isn't"
    verb = {"d": "d", "s": "s", "f": "f", "F": "f", "e": "e", "E": "E", "g": "g", "G": "G", "x": "x", "X": "X",
            "o": "o", "b": "b", "c": "c", None: "v"}[typ]
    flags = (sign or "") + ("#" if alt else "") + ("-" if align == "<" else "") + ("0" if zero or align == "=" else "")
    if align == ">" and typ in (None, "s"):
        flags = flags.replace("-", "")
    if typ is None and prec is not None:
        verb = "g"  # {x:.3} is 3 significant digits
    return f"{shown} → `%{flags}{width or ''}{'.' + prec if prec else ''}{verb}`"


# ---------------------------------------------------------------------------------------------
# imports


@on("import_statement")
def on_import(w: Walker, node: Node) -> object:
    for c in node.named_children:
        if c.type == "dotted_name":
            module, alias = text(c), text(c).split(".", 1)[0]
            w.imports[alias] = alias
        elif c.type == "aliased_import":
            module = text(c.child_by_field_id(F_NAME))
            alias = text(c.child_by_field_id(F_ALIAS))
            w.imports[alias] = module
        else:
            continue
        _library_note(w, c, module)
    return SKIP


@on("import_from_statement")
def on_import_from(w: Walker, node: Node) -> object:
    mod = node.child_by_field_id(F_MODULE_NAME)
    if mod is None or mod.type == "relative_import":
        return SKIP
    module = text(mod)
    for c in node.children_by_field_name("name"):
        if c.type == "dotted_name":
            w.imports[text(c)] = f"{module}.{text(c)}"
        elif c.type == "aliased_import":
            w.imports[text(c.child_by_field_id(F_ALIAS))] = f"{module}.{text(c.child_by_field_name('name'))}"
    names = [text(c) for c in node.children_by_field_name("name") if c.type == "dotted_name"]
    if module == "os" and "path" in names:
        module = "os.path"
    _library_note(w, node, module)
    return SKIP


def _library_note(w: Walker, node: Node, module: str) -> None:
    found = library_for(module)
    if found is None:
        return
    name, lib = found
    if lib.rule is None or name in w.libraries:
        return  # one note per library per module is enough
    w.libraries.add(name)
    if lib.rule == "import-no-go-equivalent":
        w.note(lib.rule, node, message=f"{name} has no Go equivalent ({lib.go}): {lib.advice}")
    elif lib.rule == "import-go-module":
        w.note(lib.rule, node, message=f"{name} has no standard-library counterpart in Go: {lib.advice}", hint=f"Use {lib.go}.")
    else:
        w.note(lib.rule, node, message=f"{name} → {lib.go} in Go: {lib.advice}", hint=f"Use {lib.go}.")


# ---------------------------------------------------------------------------------------------
# calls

CallHandler = Callable[[Walker, Node, Node, "Node | None", "Node | None"], None]
CALLS: dict[bytes, tuple[CallHandler, ...]] = {}
_ORDER_CALLS = frozenset({b"append", b"extend", b"insert", b"appendleft", b"write", b"writelines", b"print", b"put", b"send", b"join"})
_IMMEDIATE = frozenset({b"sorted", b"sort", b"map", b"filter", b"min", b"max", b"any", b"all", b"reduce", b"sum", b"groupby"})
_INSENSITIVE = frozenset({b"sum", b"len", b"any", b"all", b"set", b"frozenset", b"dict", b"Counter", b"sorted", b"min", b"max"})


def call(*names: str) -> Callable[[CallHandler], CallHandler]:
    def register(fn: CallHandler) -> CallHandler:
        for n in names:
            CALLS[n.encode()] = CALLS.get(n.encode(), ()) + (fn,)
        return fn

    return register


@on("call")
def on_call(w: Walker, node: Node) -> None:
    fn = node.child_by_field_id(F_FUNCTION)
    if fn is None:
        return
    ft = fn.type
    if ft == "identifier":
        name = fn.text or b""
        recv = None
    elif ft == "attribute":
        attr = fn.child_by_field_id(F_ATTRIBUTE)
        if attr is None:
            return
        name = attr.text or b""
        recv = fn.child_by_field_id(F_OBJECT)
        if recv is not None and recv.type == "call" and name in (b"append", b"extend", b"add", b"update", b"insert"):
            w.marks[recv.id] = "mutated"
    else:
        return
    if w.loop is not None and name in _ORDER_CALLS:
        _mark_loops(w, False)
    args = None
    if name in _IMMEDIATE or name in _INSENSITIVE:
        args = node.child_by_field_id(F_ARGUMENTS)
        pos, kw, _ = _args(args)
        for a in pos + list(kw.values()):
            if a.type == "lambda" and name in _IMMEDIATE:
                w.marks[a.id] = "immediate"
        if name in _INSENSITIVE and pos and "key" not in kw and pos[0].type in ("generator_expression", "list_comprehension"):
            w.marks[pos[0].id] = "insensitive"
    handlers = CALLS.get(name)
    if handlers is not None:
        if args is None:
            args = node.child_by_field_id(F_ARGUMENTS)
        for h in handlers:
            h(w, node, fn, recv, args)


_ZEROISH = {"integer": ("0",), "float": ("0.0", "0."), "false": ("False",), "none": ("None",),
            "list": ("[]",), "dictionary": ("{}",), "tuple": ("()",)}
_HTTPISH = frozenset({"session", "client", "http", "api", "queue", "q", "requests", "httpx", "conn", "connection"})


def _mapping_receiver(w: Walker, recv: Node | None) -> str | None:
    """'dict' when recv is (or may well be) a dict, None when it clearly isn't."""
    if recv is None:
        return None
    k = w.kind(recv)
    if k in DICT_KINDS:
        return k
    if k is not None:
        return None
    if recv.type == "identifier" and text(recv) in w.imports:
        return None  # a module: requests.get(...)
    last = text(recv, 120).rsplit(".", 1)[-1].lower()
    if last in _HTTPISH:
        return None
    return "dict"


@call("get")
def call_get(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    pos, kw, star = _args(args)
    if star or kw or not 1 <= len(pos) <= 2 or _mapping_receiver(w, recv) is None:
        return
    environ = _qual(w, recv) == "os.environ"
    if len(pos) == 1:
        if w.marks.get(node.id) == "or-left":
            return  # the or-default note says it
        if environ:
            w.note("dict-get-none", node, message="os.environ.get(k) returns None when the variable is unset; os.Getenv returns \"\" for unset and empty alike.",
                   hint="`v, ok := os.LookupEnv(k)` when unset and empty must differ.")
        else:
            w.note("dict-get-none", node)
        return
    default = pos[1]
    if environ:
        w.note("dict-get-default", node, message="os.Getenv has no default: it returns \"\" when the variable is unset.",
               hint=f"`v, ok := os.LookupEnv({_short(pos[0], 30)}); if !ok {{ v = {_short(default, 30)} }}`.")
    elif text(default, 10) in _ZEROISH.get(default.type, ()) or (default.type == "string" and _string_value(default) == ""):
        empty = default.type in ("list", "dictionary", "tuple")
        w.note("dict-get-default", node, message=f"The default {_short(default)} is Go's zero value, so a plain `m[k]` already returns it for a missing key.",
               hint=f"`{_short(recv, 30)}[{_short(pos[0], 30)}]`" + (" (a nil slice or map reads, ranges and has len like an empty one)." if empty else "."))
    else:
        w.note("dict-get-default", node, hint=f"`v, ok := m[{_short(pos[0], 30)}]; if !ok {{ v = {_short(default, 30)} }}`.")


@call("setdefault")
def call_setdefault(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if _mapping_receiver(w, recv) is None:
        return
    if w.marks.get(node.id) == "mutated":
        w.note("dict-setdefault", node, severity="warning", message="setdefault(k, []).append(x) mutates the list stored in the dict; in Go append returns a new slice that must be stored back.",
               hint="`m[k] = append(m[k], x)` (no default needed: a missing key gives a nil slice, which appends fine).")
    else:
        w.note("dict-setdefault", node)


@call("pop")
def call_pop(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    pos, kw, star = _args(args)
    if star or recv is None:
        return
    rk = w.kind(recv)
    if len(pos) == 2 and rk not in NOT_DICT_KINDS:
        w.note("dict-pop", node, severity="info", message="pop(k, default) removes the key and returns the default when it is missing; Go has no pop for maps.",
               hint=f"`v, ok := m[k]; if !ok {{ v = {_short(pos[1], 30)} }}; delete(m, k)`.")
    elif len(pos) == 1 and (rk in DICT_KINDS or (rk is None and pos[0].type == "string")):
        w.note("dict-pop", node)


@call("index")
def call_index(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    pos, kw, star = _args(args)
    if recv is None or star or kw or not 1 <= len(pos) <= 3 or recv.type == "identifier" and text(recv) in w.imports:
        return
    if w.kind(recv) in DICT_KINDS:
        return
    if w.kind(recv) == "str" or recv.type == "string":
        w.note("list-index-valueerror", node, message="str.index raises ValueError when the substring is absent; Go's strings.Index returns -1 (a byte offset).",
               hint="`i := strings.Index(s, sub); if i < 0 { ... }`.")
    else:
        w.note("list-index-valueerror", node)


@call("split", "rsplit")
def call_split(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is None:
        return
    q = _qual(w, fn)
    if q in ("re.split",):
        _regex_call(w, node, fn, recv, args, "split")
        return
    if recv.type == "identifier" and text(recv) in w.imports or w.kind(recv) in NOT_DICT_KINDS - {"str"}:
        return
    pos, kw, star = _args(args)
    if star:
        return
    sep = pos[0] if pos else kw.get("sep")
    maxsplit = pos[1] if len(pos) > 1 else kw.get("maxsplit")
    if sep is not None and sep.type == "none":
        sep = None
    is_r = fn.child_by_field_id(F_ATTRIBUTE) is not None and text(fn.child_by_field_id(F_ATTRIBUTE)) == "rsplit"
    if maxsplit is not None and not _is_neg_literal(maxsplit):
        if is_r:
            w.note("str-split", node, severity="warning", message="rsplit(sep, n) splits from the right; Go has no SplitN from the right.",
                   hint="For n=1: `i := strings.LastIndex(s, sep)`, then s[:i] and s[i+len(sep):] (check i >= 0).")
        else:
            w.note("str-split", node, severity="warning", message="split(sep, n) makes at most n+1 parts; strings.SplitN's n counts parts, not splits.",
                   hint=f"`strings.SplitN(s, sep, {_short(maxsplit, 20)}+1)` (strings.Cut when n is 1).")
    elif w.marks.get(node.id) == "unpack":
        w.note("str-split", node, severity="warning",
               message="Unpacking a split raises ValueError unless there are exactly that many parts; Go indexing panics when there are too few and ignores extras.",
               hint="`parts := strings.Split(s, sep); if len(parts) != N { return ..., fmt.Errorf(\"bad input %q\", s) }` (strings.Cut for two parts).")
    elif sep is None:
        w.note("str-split", node, message="split() with no separator splits on runs of whitespace and drops empty strings; strings.Split(s, \" \") doesn't.",
               hint="`strings.Fields(s)`.")


@call("strip", "lstrip", "rstrip")
def call_strip(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    pos, kw, star = _args(args)
    if not pos or pos[0].type == "none" or recv is None:
        return
    name = text(fn.child_by_field_id(F_ATTRIBUTE))
    go = {"strip": "strings.Trim", "lstrip": "strings.TrimLeft", "rstrip": "strings.TrimRight"}[name]
    value = _string_value(pos[0])
    message = None
    if value is not None and len(value) > 1:
        message = f"{name}({_short(pos[0], 20)}) removes any of the characters {_short(pos[0], 20)}, not that string as a prefix or suffix."
    w.note("str-strip-chars", node, message=message,
           hint=f"`{go}(s, {_short(pos[0], 20)})` matches it; use strings.TrimPrefix/TrimSuffix if a whole prefix/suffix was meant.")


_BRACE = re.compile(r"\{([^{}]*)\}")


@call("format")
def call_format(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    value = _string_value(recv)
    if value is None:
        return
    problems: list[str] = []
    for m in _BRACE.finditer(value.replace("{{", "").replace("}}", "")):
        field = m.group(1)
        name, _, spec = field.partition(":")
        name, _, conv = name.partition("!")
        if name and not name.isdigit():
            problems.append(f"named field {{{name}}} → positional argument")
        elif name.isdigit():
            problems.append(f"`{{{name}}}` → `%[{int(name) + 1}]v`")
        if conv:
            problems.append(f"`!{conv}` → %q" if conv == "r" else f"`!{conv}` → %v")
        if spec:
            problems.append(_spec_to_verb(spec))
    if problems:
        w.note("str-format-method", node, message=f"str.format fields need fmt verbs: {'; '.join(dict.fromkeys(problems))}.")


@call("defaultdict")
def call_defaultdict(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is not None and _qual(w, fn) != "collections.defaultdict":
        return
    kind = _defaultdict_kind(node)
    if kind == "defaultdict-list":
        w.note("defaultdict", node, message="defaultdict(list) inserts an empty list on every read of a missing key; a Go map read inserts nothing and returns a nil slice.",
               hint="`m[k] = append(m[k], v)`: a nil slice appends fine, and the write stores it.")
    elif kind == "defaultdict-map":
        w.note("defaultdict", node, message="defaultdict(dict) creates the inner dict on first read; in Go a missing key reads as a nil map, and writing to it panics.",
               hint="Create the inner map before writing: `if m[k] == nil { m[k] = map[K]V{} }`.")
    else:
        w.note("defaultdict", node)


@call("Counter")
def call_counter(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is None or _qual(w, fn) == "collections.Counter":
        w.note("counter", node)


@call("round")
def call_round(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is not None:
        return
    pos, kw, _ = _args(args)
    if len(pos) >= 2 or "ndigits" in kw:
        w.note("round-half-even", node, message="round(x, n) rounds the binary float to n decimals, halves to even (round(2.675, 2) == 2.67); Go has no decimal rounding function.",
               hint="For display `strconv.FormatFloat(x, 'f', n, 64)`; for money keep integer cents; `math.RoundToEven(x*p)/p` is only approximate.")
    elif pos:
        w.note("round-half-even", node)


_STRING_SOURCES = frozenset({"group", "readline", "decode", "getenv"})


def _stringy(w: Walker, n: Node) -> bool:
    """Is this (very likely) text: a literal, a known str, or a call that returns text?"""
    if n.type in ("string", "concatenated_string") or w.kind(n) == "str":
        return True
    if n.type == "call":
        f = n.child_by_field_id(F_FUNCTION)
        if f is not None and f.type == "identifier":
            return text(f) == "input"
        if f is not None and f.type == "attribute":
            return text(f.child_by_field_id(F_ATTRIBUTE)) in _STRING_SOURCES
    return False


@call("int", "float")
def call_int(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is not None:
        return
    pos, kw, star = _args(args)
    if star or not pos:
        return
    is_int = fn.text == b"int"
    if is_int and (len(pos) == 2 or "base" in kw):
        w.note("int-parse-error", node, message="int(s, base) raises ValueError on bad digits and accepts '_' and a 0x/0o/0b prefix for base 0; strconv.ParseInt returns an error.",
               hint="`n, err := strconv.ParseInt(s, base, 64)` and test err.")
        return
    arg = pos[0]
    if not _stringy(w, arg):
        return
    if arg.type == "string" and _string_value(arg) is not None:
        v = (_string_value(arg) or "").strip().lower()
        if v in ("inf", "-inf", "+inf", "nan", "infinity", "-infinity"):
            w.note("int-parse-error", node, severity="info", message=f"float({_short(arg)}) is a constant in Go.",
                   hint="`math.Inf(1)`, `math.Inf(-1)` or `math.NaN()`.")
            return
    if is_int:
        w.note("int-parse-error", node)
    else:
        w.note("int-parse-error", node, message="float() raises ValueError on bad input and accepts surrounding whitespace and '_' between digits; strconv.ParseFloat returns an error and rejects both.",
               hint="`f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); if err != nil { return ..., err }`.")


@call("str")
def call_str(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is not None:
        return
    pos, _, _ = _args(args)
    if len(pos) == 1 and (w.kind(pos[0]) == "float" or pos[0].type == "float"):
        w.note("float-format", node)


@call("print")
def call_print(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is not None:
        return
    pos, _, _ = _args(args)
    for a in pos:
        if a.type == "float" or w.kind(a) == "float":
            w.note("float-format", a)


@call("len")
def call_len(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is not None:
        return
    pos, _, _ = _args(args)
    if len(pos) == 1 and w.kind(pos[0]) == "str" and pos[0].type != "string":
        w.note("str-len-bytes", node, hint=f"`utf8.RuneCountInString({_short(pos[0], 30)})` when non-ASCII text matters; `len()` for byte sizes.")


@call("sorted", "sort")
def call_sorted(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if (recv is None) != (fn.text == b"sorted"):
        return
    pos, kw, _ = _args(args)
    if "key" in kw:
        w.note("sort-stability", node)
    elif "reverse" in kw and kw["reverse"].type != "false":
        w.note("sort-stability", node, message="reverse=True sorts descending and keeps equal items in their original order; Go's sort functions are not stable.",
               hint="`slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(b, a) })`; for plain numbers or strings `slices.Sort` then `slices.Reverse` is fine.")


@call("max", "min")
def call_maxmin(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is not None:
        return
    pos, kw, _ = _args(args)
    if len(pos) == 1 and "key" in kw:
        if _dict_iter(w, pos[0]):
            w.note("map-iteration-order", node, message=f"{fn.text.decode()}() over a dict with key= returns the first of equal keys in insertion order; a Go loop over the map picks a random one.",
                   hint="Range over sorted keys (`slices.Sorted(maps.Keys(m))`) and keep the first best with a strict comparison.")
        key = kw["key"]
        if key.type == "lambda" and pos[0].type in ("identifier", "attribute"):
            params = _named(key.child_by_field_id(F_PARAMETERS))
            if len(params) == 1 and params[0].type == "identifier":
                _push_guard(w, text(params[0]), text(pos[0], 120), key.end_byte)


@call("list", "tuple", "next", "iter", "enumerate")
def call_listlike(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is not None:
        return
    pos, _, _ = _args(args)
    if len(pos) == 1 and _dict_iter(w, pos[0]):
        w.note("map-iteration-order", node)


@call("zip")
def call_zip(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is not None:
        return
    pos, kw, _ = _args(args)
    if len(pos) >= 2 and not ("strict" in kw and kw["strict"].type == "true"):
        w.note("zip-truncate", node)


@call("getattr", "setattr", "hasattr", "delattr", "vars")
def call_dynamic(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is not None:
        return
    name = fn.text.decode()
    pos, _, _ = _args(args)
    attr = _string_value(pos[1]) if len(pos) > 1 else None
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


@call("eval", "exec", "__import__", "import_module", "compile")
def call_eval(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    name = fn.text.decode() if recv is None else _qual(w, fn)
    if recv is None and name in ("eval", "exec", "__import__", "compile"):
        w.note("eval-exec", node)
    elif name == "importlib.import_module" or (recv is None and w.imports.get("import_module") == "importlib.import_module"):
        w.note("eval-exec", node)


@call("isinstance", "issubclass")
def call_isinstance(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is not None:
        return
    pos, _, _ = _args(args)
    types = text(pos[1], 200) if len(pos) > 1 else ""
    if fn.text == b"isinstance" and re.search(r"\bint\b", types) and "bool" not in types:
        w.note("isinstance-check", node, message="isinstance(x, int) is also true for True and False (bool is an int in Python); Go's bool and int are unrelated types.",
               hint="A type switch with separate `case bool:` and `case int:`; decide what bools should do.")
    else:
        w.note("isinstance-check", node)


@call("pow", "factorial", "comb", "perm")
def call_bigint(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    pos, _, _ = _args(args)
    q = _qual(w, fn)
    if recv is None and fn.text == b"pow" and len(pos) == 3:
        w.note("unbounded-int", node, message="pow(b, e, m) is exact modular exponentiation on unbounded ints; in Go b*b overflows int64.",
               hint="`new(big.Int).Exp(b, e, m)`.")
    elif recv is None and fn.text == b"pow" and len(pos) == 2:
        _power(w, node, pos[0], pos[1])
    elif q in ("math.factorial", "math.comb", "math.perm"):
        w.note("unbounded-int", node, message=f"{q} returns an exact unbounded int; 21! already overflows int64.",
               hint="math/big (`new(big.Int).MulRange(1, n)` for factorial, `Binomial` for comb), or bound n.")


@call("loads", "load", "dumps", "dump", "json")
def call_json(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    q = _qual(w, fn)
    name = fn.text.decode() if recv is None else text(fn.child_by_field_id(F_ATTRIBUTE))
    if name == "json":
        pos, kw, _ = _args(args)
        if recv is not None and not pos and not kw and not (recv.type == "identifier" and text(recv) in w.imports):
            w.note("json-null", node, message="response.json() decodes untyped JSON (dicts, lists, None); Go decodes into declared types.")
        return
    if q in ("json.loads", "json.load"):
        w.note("json-null", node)
    elif q in ("json.dumps", "json.dump"):
        _, kw, _ = _args(args)
        sort = kw.get("sort_keys")
        if sort is None or sort.type != "true":
            w.note("json-key-order", node)
        seps = text(kw.get("separators"), 60).replace(" ", "").replace("'", '"')
        ascii_off = kw.get("ensure_ascii") is not None and kw["ensure_ascii"].type == "false"
        if seps not in ('(",",":")', '[",",":"]') or not ascii_off:
            w.note("json-dumps-format", node)


_REGEX_FUNCS = frozenset({"compile", "match", "fullmatch", "search", "findall", "finditer", "sub", "subn", "split"})
_RE2_BAD = [
    (re.compile(r"(?<!\\)\(\?<?[=!]"), "lookaround"),
    (re.compile(r"(?<!\\)\\\\?[1-9]"), "a backreference"),
    (re.compile(r"\(\?P="), "a named backreference"),
    (re.compile(r"(?<!\\)[*+?}]\+"), "a possessive quantifier"),
    (re.compile(r"\(\?>"), "an atomic group"),
    (re.compile(r"(?<!\\)\\\\?Z"), "\\Z"),
    (re.compile(r"\(\?\("), "a conditional"),
]


def _regex_call(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None, name: str) -> None:
    pos, kw, _ = _args(args)
    pat = pos[0] if pos else kw.get("pattern")
    raw = text(pat, 2000) if pat is not None and pat.type in ("string", "concatenated_string") else ""
    if raw:
        for rx, what in _RE2_BAD:
            if rx.search(raw):
                w.note("regex-re2", node, message=f"This pattern uses {what}, which Go's RE2-based regexp rejects: it won't compile.")
                break
    if name in ("match", "fullmatch"):
        value = _string_value(pat)
        if name == "match" and value is not None and value.startswith("^"):
            return
        w.note("regex-match-anchor", node, hint="Anchor the Go pattern: `^(?:" + ("...)$" if name == "fullmatch" else "...)") + "` and use MatchString/FindStringSubmatch.")


@call(*_REGEX_FUNCS - {"split"})
def call_regex(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    name = text(fn.child_by_field_id(F_ATTRIBUTE)) if recv is not None else fn.text.decode()
    q = _qual(w, fn)
    if q == f"re.{name}":
        _regex_call(w, node, fn, recv, args, name)
    elif recv is not None and w.kind(recv) == "regex" and name in ("match", "fullmatch"):
        w.note("regex-match-anchor", node, hint="Anchor the compiled Go pattern with ^ (and $ for fullmatch).")


@call("now", "utcnow", "today", "fromtimestamp", "utcfromtimestamp")
def call_now(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    q = _qual(w, fn)
    if not q.startswith("datetime.datetime."):
        return
    pos, kw, _ = _args(args)
    name = q.rsplit(".", 1)[-1]
    if name.startswith("utc"):
        w.note("datetime-naive", node, message=f"{name}() returns a naive datetime that means UTC only by convention (deprecated since 3.12); Go's time.Time carries its zone.",
               hint="`time.Now().UTC()` / `time.Unix(s, 0).UTC()`.")
    elif (name in ("now", "today") and not pos and "tz" not in kw) or (name == "fromtimestamp" and len(pos) < 2 and "tz" not in kw):
        w.note("datetime-naive", node)


_STRFTIME = {
    "Y": "2006", "y": "06", "m": "01", "d": "02", "H": "15", "I": "03", "M": "04", "S": "05", "f": "000000",
    "p": "PM", "b": "Jan", "B": "January", "a": "Mon", "A": "Monday", "z": "-0700", "Z": "MST", "j": "002", "%": "%",
    "e": "_2",
}


def _layout(fmt: str) -> str | None:
    out = []
    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == "%" and i + 1 < len(fmt):
            code = fmt[i + 1]
            if code not in _STRFTIME:
                return None
            out.append(_STRFTIME[code])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


@call("isoformat", "strftime", "strptime", "fromisoformat")
def call_datefmt(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is None:
        return
    name = text(fn.child_by_field_id(F_ATTRIBUTE))
    pos, _, _ = _args(args)
    if name == "isoformat":
        w.note("datetime-format", node, message="isoformat() of a naive datetime has no UTC offset and omits microseconds when they are zero; Go's time.RFC3339 always has an offset.",
               hint="Match it with `t.Format(\"2006-01-02T15:04:05.999999\")`, or put both sides on UTC with an offset (RFC3339Nano).")
        return
    fmt_node = pos[0] if name == "strftime" and pos else pos[1] if name == "strptime" and len(pos) > 1 else None
    value = _string_value(fmt_node)
    layout = _layout(value) if value is not None else None
    if layout is not None:
        call_go = f"t.Format(\"{layout}\")" if name == "strftime" else f"time.Parse(\"{layout}\", s)"
        w.note("datetime-format", node, hint=f"`{call_go}` (Go layouts spell the reference time Mon Jan 2 15:04:05 MST 2006).")
    elif name == "fromisoformat":
        w.note("datetime-format", node, message="fromisoformat accepts several ISO 8601 shapes (with or without time and offset); time.Parse takes exactly one layout.",
               hint="`time.Parse(time.RFC3339, s)`, or try the few layouts the data really uses.")
    else:
        w.note("datetime-format", node)
