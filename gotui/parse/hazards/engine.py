"""The walk: one pre-order pass over a module's tree, each node handed to the checks for its type.

Speed matters (the whole of a large codebase is noted on open), so:
- a TreeCursor walk in document order, no per-node Python work beyond one dict lookup by type;
- context (functions, classes, loops, guards) lives on a stack of frames that is popped lazily,
  by end byte, only when a node that has checks arrives;
- checks never ask for node.parent (it walks down from the root): a node's handler runs before
  its children's, so it leaves marks (by node id) that the children's handlers read.
Nothing here recurses over the tree, so deeply nested code cannot overflow the stack.
"""

from __future__ import annotations

from typing import Callable

from tree_sitter import Node, Tree

from gotui.parse.hazards.rules import RULES
from gotui.parse.note import Note
from gotui.parse.treesitter import PY_LANGUAGE, first_error_line
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

_BIG = 1 << 62


def _field(name: str) -> int:
    fid = PY_LANGUAGE.field_id_for_name(name)
    if fid is None:
        raise RuntimeError(f"tree-sitter-python has no field {name!r}")
    return fid


# field ids: child_by_field_id skips the name lookup child_by_field_name does on every call
F_ALIAS = _field("alias")
F_ALTERNATIVE = _field("alternative")
F_ARGUMENT = _field("argument")
F_ARGUMENTS = _field("arguments")
F_ATTRIBUTE = _field("attribute")
F_BODY = _field("body")
F_CONDITION = _field("condition")
F_CONSEQUENCE = _field("consequence")
F_DEFINITION = _field("definition")
F_EXPRESSION = _field("expression")
F_FORMAT_SPECIFIER = _field("format_specifier")
F_FUNCTION = _field("function")
F_GUARD = _field("guard")
F_KEY = _field("key")
F_LEFT = _field("left")
F_MODULE_NAME = _field("module_name")
F_NAME = _field("name")
F_OBJECT = _field("object")
F_OPERATOR = _field("operator")
F_PARAMETERS = _field("parameters")
F_RIGHT = _field("right")
F_SUBJECT = _field("subject")
F_SUBSCRIPT = _field("subscript")
F_SUPERCLASSES = _field("superclasses")
F_TYPE = _field("type")
F_TYPE_CONVERSION = _field("type_conversion")
F_VALUE = _field("value")


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


Handler = Callable[["Walker", Node], object]
# functions the checks module provides to the walker (set when gotui.parse.hazards.checks is imported)
HOOKS: dict[str, Callable] = {}
# type name → handlers, filled by gotui.parse.hazards.checks at import
DISPATCH: dict[str, tuple[Handler, ...]] = {}


def on(*types: str) -> Callable[[Handler], Handler]:
    """Register a check for the given node types."""

    def register(fn: Handler) -> Handler:
        for t in types:
            DISPATCH[t] = DISPATCH.get(t, ()) + (fn,)
        return fn

    return register


def text(node: Node | None, limit: int = 400) -> str:
    """Source text of a small node ('' for a missing or oversized one: never copy a huge literal)."""
    if node is None or node.end_byte - node.start_byte > limit:
        return ""
    raw = node.text
    return raw.decode("utf-8", "replace") if raw is not None else ""


class Walker:
    """The state of one module's pass: notes, frames and the marks handlers leave for children."""

    def __init__(self, module: ParsedModule) -> None:
        self.path = module.path
        self.notes: list[Note] = []
        self.failures = 0
        self.src = b""
        self.module_frame = Frame("module", _BIG)
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

    # ---- notes ---------------------------------------------------------------------------------

    def note(self, rule: str, node: Node, message: str | None = None, hint: str | None = None,
             severity: str | None = None, end: Node | None = None) -> None:
        line = node.start_point[0] + 1
        end_line = (end if end is not None else node).end_point[0] + 1
        self.note_lines(rule, line, end_line, message, hint, severity)

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
            HOOKS["finish_function"](self, frame)
        elif k == "lambda":
            self.scope, self.owner = frame.prev_scope, frame.prev_owner
        elif k == "class":
            self.owner, self.loop = frame.prev_owner, frame.prev_loop
        elif k == "loop":
            self.loop = frame.prev_loop
            if frame.dict_iter and frame.sensitive:
                self.note_lines("map-iteration-order", frame.header[0], frame.header[1])
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
                return k if k != "?" else None
            f = f.prev_scope
        return None

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
            return HOOKS["call_kind"](self, node, depth)
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
            if o == "/":
                return "float"
            left = self.kind(node.child_by_field_id(F_LEFT), depth + 1)
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


def walk(module: ParsedModule) -> Walker:
    """Run every check over the module's tree; the Walker holds the notes (unsorted)."""
    from gotui.parse.hazards import checks  # noqa: F401  (registers the handlers)

    w = Walker(module)
    tree: Tree | None = module.tree
    if tree is None:
        return w
    root = tree.root_node
    w.src = root.text or b""
    get = DISPATCH.get
    frames = w.frames
    cursor = root.walk()
    goto_first_child = cursor.goto_first_child
    goto_next_sibling = cursor.goto_next_sibling
    goto_parent = cursor.goto_parent
    while True:
        node = cursor.node
        handlers = get(node.type)
        if handlers is None:
            if goto_first_child():
                continue
        else:
            if node.start_byte >= frames[-1].end:
                w.pop_until(node.start_byte)
            descend = True
            for handler in handlers:
                try:
                    if handler(w, node) is SKIP:
                        descend = False
                except Exception:  # a check must never stop the scan; count it for the tests
                    w.failures += 1
            if descend and goto_first_child():
                continue
        while not goto_next_sibling():
            if not goto_parent():
                w.pop_until(_BIG)
                return w


def module_notes(module: ParsedModule) -> list[Note]:
    """All hazard notes of one parsed module, sorted. A skipped file gets one note saying why."""
    if module.skipped:
        return [Note(module.path, 1, 1, "file-skipped", RULES["file-skipped"].severity,
                     f"Skipped: {module.skipped}; no hazards were looked for.", RULES["file-skipped"].go)]
    head: list[Note] = []
    if module.error:
        line = 1
        if module.tree is not None:
            try:
                line = first_error_line(module.tree) or 1
            except Exception:
                line = 1
        info = RULES["syntax-error"]
        head.append(Note(module.path, line, line, "syntax-error", info.severity,
                         f"The file has a {module.error}; units after it may be missing or partial.", info.go))
    try:
        notes = walk(module).notes
    except Exception:  # belt and braces: the walk itself guards every check
        notes = []
    # a key sort: the dataclass's own __lt__ is slow Python; same order (the path is the same for all)
    return sorted(set(head + notes), key=_note_key)


def _note_key(n: Note) -> tuple:
    return (n.line, n.end_line, n.rule, n.severity, n.message, n.go_hint)
