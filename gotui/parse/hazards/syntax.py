"""Node helpers every check shares: tree-sitter field ids, source text, arguments, literals, annotations.

Nothing here knows about the walk or the rules; it only reads nodes.
"""

from __future__ import annotations

from tree_sitter import Node

from gotui.parse.treesitter import PY_LANGUAGE


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


def text(node: Node | None, limit: int = 400) -> str:
    """Source text of a small node ('' for a missing or oversized one: never copy a huge literal)."""
    if node is None or node.end_byte - node.start_byte > limit:
        return ""
    raw = node.text
    return raw.decode("utf-8", "replace") if raw is not None else ""


def line_of(node: Node) -> int:
    return node.start_point[0] + 1


def named(node: Node | None) -> list[Node]:
    """Named children without comments."""
    if node is None:
        return []
    return [c for c in node.named_children if c.type != "comment"]


def call_args(arglist: Node | None) -> tuple[list[Node], dict[str, Node], bool]:
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


def is_neg_literal(node: Node | None) -> bool:
    if node is None or node.type != "unary_operator":
        return False
    op = node.child_by_field_id(F_OPERATOR)
    arg = node.child_by_field_id(F_ARGUMENT)
    return op is not None and op.type == "-" and arg is not None and arg.type in ("integer", "float")


def pos_int_literal(node: Node | None) -> bool:
    if node is None or node.type != "integer":
        return False
    try:
        return int(text(node).replace("_", ""), 0) > 0
    except ValueError:
        return False


def short(node: Node | None, limit: int = 40) -> str:
    s = " ".join(text(node, 2000).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def string_value(node: Node | None) -> str | None:
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


def target_names(node: Node | None) -> list[str]:
    """Names bound by a for target / assignment target (identifiers and tuples of them)."""
    if node is None:
        return []
    if node.type == "identifier":
        return [text(node)]
    if node.type in ("pattern_list", "tuple_pattern", "list_pattern", "expression_list", "tuple", "parenthesized_expression"):
        return [text(c) for c in node.named_children if c.type == "identifier"]
    return []


_ANN_KINDS = {
    "dict": "dict", "Dict": "dict", "Mapping": "dict", "MutableMapping": "dict", "OrderedDict": "dict",
    "defaultdict": "defaultdict", "DefaultDict": "defaultdict", "Counter": "counter",
    "list": "list", "List": "list", "Sequence": "list", "MutableSequence": "list",
    "str": "str", "int": "int", "float": "float", "bool": "bool",
    "set": "set", "Set": "set", "frozenset": "set", "FrozenSet": "set", "AbstractSet": "set", "MutableSet": "set",
    "tuple": "tuple", "Tuple": "tuple",
}


def split_top(s: str, sep: str) -> list[str]:
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


def annotation(node: Node | None) -> tuple[str | None, bool]:
    """(kind, optional) of a type annotation."""
    return annotation_kind(text(node, 300))


# typing names that say nothing about a value's kind: not a class of the user's
_NOT_A_CLASS = frozenset("Any Callable Iterable Iterator Generator Optional Union Type TypeVar Literal Awaitable "
                         "Coroutine AsyncIterator AsyncIterable Collection Container Hashable Sized Reversible "
                         "Protocol Self NoReturn Never ClassVar Final Annotated".split())


def annotation_kind(s: str) -> tuple[str | None, bool]:
    """(kind, optional) of an annotation's text; a class name (`Decimal`) is the kind "object"."""
    s = s.replace(" ", "").strip("\"'")
    if not s:
        return None, False
    optional = False
    if s.startswith(("Optional[", "typing.Optional[")) and s.endswith("]"):
        s = s[s.index("[") + 1 : -1]
        optional = True
    else:
        if s.startswith(("Union[", "typing.Union[")) and s.endswith("]"):
            parts = split_top(s[s.index("[") + 1 : -1], ",")
        else:
            parts = split_top(s, "|")
        if len(parts) > 1:
            optional = "None" in parts
            rest = [p for p in parts if p != "None"]
            s = rest[0] if len(rest) == 1 else ""
    base = s.split("[", 1)[0].rsplit(".", 1)[-1]
    kind = _ANN_KINDS.get(base)
    if kind is None and base[:1].isupper() and base.isidentifier() and base not in _NOT_A_CLASS:
        kind = "object"  # a class: its operators are its own, never int or float arithmetic
    return kind, optional


def param_parts(p: Node) -> tuple[str, Node | None, Node | None, str]:
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


def last_statement(block: Node | None) -> Node | None:
    if block is None:
        return None
    for i in range(block.named_child_count - 1, -1, -1):
        c = block.named_child(i)
        if c is not None and c.type != "comment":
            return c
    return None


def identifiers(root: Node | None, limit: int = 20000) -> set[str]:
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
