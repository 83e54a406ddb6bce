"""The walk's state: frames of context, the names and kinds it knows, and how notes are made.

Speed matters (the whole of a large codebase is noted on open), so context (functions, classes,
loops, guards) lives on a stack of frames that is popped lazily, by end byte, only when a node
that has checks arrives. Checks never ask for node.parent (it walks down from the root): a
node's router runs before its children's, so it leaves marks (by node id) that the children's
routers read.
"""

from __future__ import annotations

from typing import Callable

from tree_sitter import Node

from gotui.parse.hazards.rules import RULES
from gotui.parse.hazards.usage import def_usage
from gotui.parse.hazards.syntax import F_ARGUMENT, F_ARGUMENTS, F_ATTRIBUTE, F_FUNCTION, F_LEFT, F_OBJECT, F_OPERATOR, F_RIGHT, F_SUBSCRIPT, F_VALUE, call_args, text
from gotui.parse.note import Note
from gotui.parse.units import ParsedModule

# A handler returns SKIP when the walk should not go into the node's children.
SKIP = True

# Kinds: what little the engine knows about a value's type.
DICT_KINDS = frozenset({"dict", "defaultdict", "defaultdict-map", "defaultdict-list", "counter"})
DEFAULTING_KINDS = frozenset({"defaultdict", "defaultdict-map", "defaultdict-list", "counter"})
SEQ_KINDS = frozenset({"list", "tuple", "set", "strlist"})
INT_KINDS = frozenset({"int", "nonneg"})
NUM_KINDS = frozenset({"int", "nonneg", "float"})
NOT_DICT_KINDS = frozenset({"list", "tuple", "set", "strlist", "str", "int", "nonneg", "float", "bool", "none", "regex"})

BIG = 1 << 62


class Frame:
    """One level of context: a module, class, def, lambda (or comprehension), loop or guard, alive until `end`.

    Only what a kind needs is set per instance; the rest reads the class defaults (frames are many).
    """

    self_name: str | None = None
    cls: "Frame | None" = None
    value_returns = 0
    generator = False
    targets: frozenset[str] = frozenset()
    dict_iter = False
    sensitive = False
    header: tuple[int, int] = (0, 0)
    func: "Frame | None" = None
    guard: tuple[str, str] | None = None
    name = ""
    decorators: tuple[str, ...] = ()
    prev_func: "Frame | None" = None
    prev_scope: "Frame | None" = None
    prev_owner: "Frame | None" = None
    prev_loop: "Frame | None" = None
    usage: dict[str, str] | None = None  # a def's parameters' kinds from its uses, once asked (usage.py)

    def __init__(self, kind: str, end: int, node: Node | None = None) -> None:
        self.kind = kind
        self.end = end
        self.node = node
        if kind in ("def", "lambda", "module"):
            self.names: dict[str, str] = {}
        if kind in ("def", "module"):
            self.optional: set[str] = set()
            self.none_returns: list[Node] = []
            self.noted: set[str] = set()
        elif kind == "class":
            self.attrs: dict[str, str] = {}
            self.attr_lines: dict[str, int] = {}


UNTOLD = "@"  # a parameter's kind not yet asked for: looked up from its def's uses on first lookup


class Walker:
    """The state of one module's pass: notes, frames and the marks handlers leave for children."""

    def __init__(self, module: ParsedModule, on_end: "Callable[[Walker, Frame], None] | None" = None) -> None:
        self.path = module.path
        self.on_end = on_end  # called as each def or loop frame closes: the checks that need the whole body
        self.notes: list[Note] = []
        self.failures = 0
        self.src = b""
        self.module_frame = Frame("module", BIG)
        self.frames: list[Frame] = [self.module_frame]
        self.func: Frame = self.module_frame  # innermost def (or the module)
        self.scope: Frame = self.module_frame  # innermost def, lambda or module: where names live
        self.owner: Frame = self.module_frame  # innermost def, lambda, class or module
        self.loop: Frame | None = None
        self.guards: dict[tuple[str, str], int] = {}
        self.imports: dict[str, str] = {}  # local name → dotted module path it stands for
        self.roles: dict[int, str] = {}  # node id → store/del/aug/inner (subscript targets)
        self.marks: dict[int, object] = {}  # node id → context a parent handler left for it
        self.exceptions: set[str] = set()  # exception classes defined so far in this module
        self.libraries: set[str] = set()  # libraries that already have their import note
        self.param_kinds: dict[int, dict[str, str]] = {}  # def line → param → kind, from evidence (usage.py)
        self.def_spans: list[tuple[int, int]] = []  # (first, last line) of each def: notes are grouped by them

    # ---- notes ---------------------------------------------------------------------------------

    def note(self, rule: str, node: Node, message: str | None = None, hint: str | None = None,
             severity: str | None = None, end: Node | None = None) -> None:
        line = node.start_point[0] + 1
        end_line = (end if end is not None else node).end_point[0] + 1
        info = RULES[rule]  # note_lines, inlined: notes are many
        self.notes.append(Note(self.path, line, max(line, end_line), rule, severity or info.severity,
                               message or info.why, hint or info.go))

    def note_lines(self, rule: str, line: int, end_line: int, message: str | None = None,
                   hint: str | None = None, severity: str | None = None) -> None:
        info = RULES[rule]
        self.notes.append(Note(self.path, line, max(line, end_line), rule, severity or info.severity,
                               message or info.why, hint or info.go))

    # ---- frames --------------------------------------------------------------------------------

    def push(self, frame: Frame) -> Frame:
        k = frame.kind
        if k == "def":
            frame.prev_func, self.func = self.func, frame
            frame.prev_scope, self.scope = self.scope, frame
            frame.prev_owner, self.owner = self.owner, frame
            frame.prev_loop, self.loop = self.loop, None
        elif k == "lambda":
            frame.prev_scope, self.scope = self.scope, frame
            frame.prev_owner, self.owner = self.owner, frame
        elif k == "class":
            frame.prev_owner, self.owner = self.owner, frame
            frame.prev_loop, self.loop = self.loop, None
        elif k == "loop":
            frame.prev_loop, self.loop = self.loop, frame
            frame.func = self.func
        elif k == "guard" and frame.guard is not None:
            self.guards[frame.guard] = self.guards.get(frame.guard, 0) + 1
        self.frames.append(frame)
        return frame

    def pop_until(self, start: int) -> None:
        frames = self.frames
        while len(frames) > 1 and start >= frames[-1].end:
            self._finish(frames.pop())

    def _finish(self, frame: Frame) -> None:
        k = frame.kind
        if k == "def":
            self.func, self.scope, self.owner, self.loop = frame.prev_func, frame.prev_scope, frame.prev_owner, frame.prev_loop
            if self.on_end is not None:
                self.on_end(self, frame)
        elif k == "lambda":
            self.scope, self.owner = frame.prev_scope, frame.prev_owner
        elif k == "class":
            self.owner, self.loop = frame.prev_owner, frame.prev_loop
        elif k == "loop":
            self.loop = frame.prev_loop
            if self.on_end is not None:
                self.on_end(self, frame)
        elif k == "guard" and frame.guard is not None:
            left = self.guards.get(frame.guard, 1) - 1
            if left:
                self.guards[frame.guard] = left
            else:
                self.guards.pop(frame.guard, None)

    # ---- names and kinds -----------------------------------------------------------------------

    def lookup(self, name: str) -> str | None:
        f: Frame | None = self.scope
        while f is not None:
            k = f.names.get(name)
            if k is not None:
                if k == UNTOLD:
                    if f.usage is None:
                        f.usage = def_usage(f.node) if f.node is not None else {}
                    k = f.names[name] = f.usage.get(name, "?")
                return k if k != "?" else None
            f = f.prev_scope
        return None

    def bind_param(self, name: str, kind: str | None) -> None:
        """A parameter: with no kind known yet, its def's uses tell one when a rule first asks (usage.py)."""
        self.scope.names[name] = kind or UNTOLD

    def bind(self, name: str, kind: str | None) -> None:
        """Record what a name holds from here on; '?' hides an outer binding (a reassignment we can't type)."""
        self.scope.names[name] = kind or "?"

    def self_attr_kind(self, node: Node) -> str | None:
        """Kind of `self.x` inside a method whose class assigned x a known kind."""
        obj = node.child_by_field_id(F_OBJECT)
        func = self.func
        if obj is None or obj.type != "identifier" or func.cls is None or text(obj) != func.self_name:
            return None
        return func.cls.attrs.get(text(node.child_by_field_id(F_ATTRIBUTE)))

    def kind(self, node: Node | None, depth: int = 0) -> str | None:
        """What the value of an expression is, when cheap to tell; None when unknown."""
        if node is None or depth > 4:
            return None
        t = node.type
        k = LITERAL_KINDS.get(t)
        if k is not None:
            return k
        if t == "identifier":
            return self.lookup(text(node))
        if t == "attribute":
            return self.self_attr_kind(node)
        if t == "call":
            return call_kind(self, node, depth)
        if t == "parenthesized_expression":
            return self.kind(node.named_child(0), depth + 1)
        if t == "subscript":
            base = self.kind(node.child_by_field_id(F_VALUE), depth + 1)
            if base in ("strlist", "str"):
                idx = node.child_by_field_id(F_SUBSCRIPT)
                return "str" if base == "str" or (idx is not None and idx.type != "slice") else "strlist"
            if base == "defaultdict-map":
                return "dict"
            return None
        if t == "binary_operator":
            op = node.child_by_field_id(F_OPERATOR)
            o = op.type if op is not None else ""
            left = self.kind(node.child_by_field_id(F_LEFT), depth + 1)
            if left == "object":
                return "object"  # Decimal, Fraction, a class of the user's: its operators are its own
            if o == "/":
                return "object" if self.kind(node.child_by_field_id(F_RIGHT), depth + 1) == "object" else "float"
            if o == "+":
                if left in ("str", "list"):
                    return left
                right = self.kind(node.child_by_field_id(F_RIGHT), depth + 1)
                return right if right in ("str", "list") else ("float" if "float" in (left, right) else (
                    "int" if left in INT_KINDS and right in INT_KINDS else None))
            if o == "%" and left == "str":
                return "str"
            if o in ("*", "-", "//", "%") and left in NUM_KINDS:
                right = self.kind(node.child_by_field_id(F_RIGHT), depth + 1)
                if right in NUM_KINDS:
                    if "float" in (left, right):
                        return "float"
                    return "nonneg" if o in ("*", "//", "%") and left == right == "nonneg" else "int"
            return None
        if t == "unary_operator":
            arg = self.kind(node.child_by_field_id(F_ARGUMENT), depth + 1)
            return "int" if arg == "nonneg" else arg if arg in NUM_KINDS else None
        if t == "conditional_expression":
            a = self.kind(node.named_child(0), depth + 1)
            return a if a is not None and a == self.kind(node.named_child(2), depth + 1) else None
        return None


LITERAL_KINDS: dict[str, str] = {
    "dictionary": "dict",
    "dictionary_comprehension": "dict",
    "list": "list",
    "list_comprehension": "list",
    "set": "set",
    "set_comprehension": "set",
    "tuple": "tuple",
    "string": "str",
    "concatenated_string": "str",
    "integer": "nonneg",
    "float": "float",
    "true": "bool",
    "false": "bool",
    "not_operator": "bool",
    "comparison_operator": "bool",
    "none": "none",
}



def qual(w: Walker, node: Node | None) -> str:
    """Dotted name of an identifier/attribute chain with its first part resolved through imports."""
    s = text(node, 160)
    if not s or not s.replace(".", "").replace("_", "").isalnum():
        return ""
    head, _, rest = s.partition(".")
    full = w.imports.get(head)
    if full:
        return full + ("." + rest if rest else "")
    return s


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


_FLOAT_FUNCS = {
    name.encode(): ("math",) for name in "sqrt log log2 log10 log1p exp expm1 sin cos tan asin acos atan atan2 hypot fabs fmod".split()
}


_BOOL_METHODS = frozenset(
    b"startswith endswith isdigit isalpha isalnum isspace isupper islower isnumeric isdecimal "
    b"isidentifier exists is_file is_dir isdisjoint issubset issuperset".split()
)


# numbers whose operators are exact, not float or int arithmetic: the kind "object"
_NUMBER_CLASSES = frozenset({"decimal.Decimal", "fractions.Fraction"})


def call_kind(w: Walker, node: Node, depth: int) -> str | None:
    fn = node.child_by_field_id(F_FUNCTION)
    if fn is None:
        return None
    if fn.type == "identifier":
        name = fn.text or b""
        if name == b"defaultdict":
            return defaultdict_kind(node)
        if name == b"abs":
            pos, _, _ = call_args(node.child_by_field_id(F_ARGUMENTS))
            return "float" if pos and w.kind(pos[0], depth + 1) == "float" else "nonneg"
        if name == b"round":
            pos, _, _ = call_args(node.child_by_field_id(F_ARGUMENTS))
            return "float" if len(pos) > 1 else "int"
        k = _CALL_KINDS.get(name)
        if k is not None:
            return k
        full = w.imports.get(name.decode("utf-8", "replace"), "")
        if full in _NUMBER_CLASSES or (not full and name in (b"Decimal", b"Fraction")):
            return "object"
        if full == "collections.defaultdict":
            return defaultdict_kind(node)
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
    if name == b"compile" and qual(w, fn) == "re.compile":
        return "regex"
    if name == b"total_seconds":
        return "float"
    if name in _FLOAT_FUNCS:
        obj = fn.child_by_field_id(F_OBJECT)
        if obj is not None and obj.type == "identifier" and w.imports.get(text(obj)) in _FLOAT_FUNCS[name]:
            return "float"
    if name == b"defaultdict":
        return defaultdict_kind(node)
    if name in (b"Counter", b"OrderedDict", b"dumps"):
        return "counter" if name == b"Counter" else ("dict" if name == b"OrderedDict" else "str")
    return None


def defaultdict_kind(node: Node) -> str:
    pos, _, _ = call_args(node.child_by_field_id(F_ARGUMENTS))
    factory = text(pos[0], 200) if pos else ""
    if factory in ("dict", "OrderedDict", "set", "Counter") or (factory.startswith("lambda") and "dict" in factory):
        return "defaultdict-map"
    if factory == "list":
        return "defaultdict-list"
    return "defaultdict"
