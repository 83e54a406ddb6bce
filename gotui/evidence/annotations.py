"""Annotations as evidence: string and forward references, Optional, `X | None`, aliases."""

from __future__ import annotations

import ast

from gotui.evidence.model import ANY, NONE, Term

_ATOMS = {"int": "int", "float": "float", "str": "str", "bool": "bool", "bytes": "bytes", "None": NONE,
          "NoneType": NONE, "Any": ANY, "object": ANY}
_CONTAINERS = {"list": "list", "List": "list", "Sequence": "list", "MutableSequence": "list", "Iterable": "list",
               "Iterator": "list", "Collection": "list", "set": "set", "Set": "set", "frozenset": "set",
               "FrozenSet": "set", "AbstractSet": "set", "MutableSet": "set", "dict": "dict", "Dict": "dict",
               "Mapping": "dict", "MutableMapping": "dict", "defaultdict": "dict", "DefaultDict": "dict",
               "tuple": "tuple", "Tuple": "tuple"}


def module_aliases(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level type aliases: `Alias = dict[str, int]`, `Alias: TypeAlias = ...`, `type Alias = ...`,
    also inside `if TYPE_CHECKING:` (where aliases used only by annotations often live)."""
    out: dict[str, ast.expr] = {}
    body = list(tree.body)
    for node in tree.body:
        if isinstance(node, ast.If) and _dotted(node.test).split(".")[-1] == "TYPE_CHECKING":
            body += node.body
    for node in body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if _looks_like_type(node.value):
                out[node.targets[0].id] = node.value
            elif (bound := _typevar_bound(node.value)) is not None:
                out[node.targets[0].id] = bound
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            if _dotted(node.annotation).endswith("TypeAlias"):
                out[node.target.id] = node.value
        elif type(node).__name__ == "TypeAlias":  # Python 3.12 `type X = ...`
            out[node.name.id] = node.value  # type: ignore[attr-defined]
    return out


def constrained_typevars(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level `T = TypeVar("T", A, B, ...)` with constraints, each as `Any`: the translator carries
    such a value as Go's `any` (one of the constraints per call, rules/types.py), and the check gives it
    values of those types (its traced arguments)."""
    out: dict[str, ast.expr] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and isinstance(node.value, ast.Call) and _dotted(node.value.func).split(".")[-1] == "TypeVar" and len(node.value.args) > 1:
            out[node.targets[0].id] = ast.Name("Any", ast.Load())
    return out


def _typevar_bound(node: ast.expr) -> ast.expr | None:
    """`TypeVar("T", bound="Version")` with no constraints: its bound, the one type a value of T is (semver's
    `parse(cls: Type[T], ...) -> T`; the translator reads it so where the class has no subclass). Else None."""
    if not (isinstance(node, ast.Call) and _dotted(node.func).split(".")[-1] == "TypeVar" and len(node.args) == 1):
        return None
    bound = next((k.value for k in node.keywords if k.arg == "bound"), None)
    if isinstance(bound, ast.Constant) and isinstance(bound.value, str):
        try:
            return ast.parse(bound.value, mode="eval").body
        except SyntaxError:
            return None
    return bound


def _looks_like_type(node: ast.expr) -> bool:
    if isinstance(node, ast.Name) and node.id in _ATOMS and node.id not in ("None", "NoneType", "Any", "object"):
        return True  # `Sku = str`: a name for a built-in scalar type
    if isinstance(node, ast.Subscript):
        return _dotted(node.value).split(".")[-1] in _CONTAINERS or _dotted(node.value).endswith(("Optional", "Union"))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        if _looks_like_type(node.left) or _looks_like_type(node.right) or _is_none(node.right):
            return True
        # `float | str`: a union of built-in type names (not `FLAG_A | FLAG_B` of constants)
        return all(_dotted(side) in _ATOMS or _is_none(side) for side in (node.left, node.right))
    return False


def imported_aliases(path: str, tree: ast.Module, aliases_by_path: dict[str, dict[str, ast.expr]]) -> dict[str, ast.expr]:
    """The aliases `tree` imports from a sibling module of its folder (`from ._types import String`), and
    (for the aliases those are built from) the rest of that module's, at lower priority."""
    folder = path.rsplit("/", 1)[0] if "/" in path else ""
    out: dict[str, ast.expr] = {}
    rest: dict[str, ast.expr] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not node.module or node.level > 1:
            continue
        stem = node.module.split(".")[-1]
        theirs = aliases_by_path.get(f"{folder}/{stem}.py" if folder else f"{stem}.py", {})
        for alias in node.names:
            if alias.name in theirs:
                out.setdefault(alias.asname or alias.name, theirs[alias.name])
                for k, v in theirs.items():
                    rest.setdefault(k, v)
    return {**rest, **out}


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def annotation_term(node: ast.expr | None, aliases: dict[str, ast.expr] | None = None, depth: int = 0) -> Term:
    """The term an annotation names; ANY for what cannot be read (and for `Any` itself)."""
    if node is None or depth > 20:
        return ANY
    aliases = aliases or {}
    if isinstance(node, ast.Constant):
        if node.value is None:
            return NONE
        if isinstance(node.value, str):
            try:
                return annotation_term(ast.parse(node.value, mode="eval").body, aliases, depth + 1)
            except SyntaxError:
                return ANY
        return ANY
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _union([node.left, node.right], aliases, depth)
    name = _dotted(node).split(".")[-1] if not isinstance(node, ast.Subscript) else ""
    if name:
        if name in aliases and depth < 10:
            return annotation_term(aliases[name], aliases, depth + 1)
        if name in _ATOMS:
            return _ATOMS[name]
        if name in _CONTAINERS:  # bare `list`: the element is unknown
            head = _CONTAINERS[name]
            return ("tuple", ()) if head == "tuple" else ("dict", ANY, ANY) if head == "dict" else (head, ANY)
        return name  # a class (or a TypedDict / NamedTuple / dataclass of the package)
    if isinstance(node, ast.Subscript):
        base = _dotted(node.value).split(".")[-1]
        args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if base == "Optional" and len(args) == 1:
            inner = annotation_term(args[0], aliases, depth + 1)
            return ANY if inner == ANY else ("opt", inner)
        if base == "Union":
            return _union(args, aliases, depth)
        if base in ("Annotated", "Final", "ClassVar", "Required", "NotRequired", "ReadOnly") and args:
            return annotation_term(args[0], aliases, depth + 1)
        head = _CONTAINERS.get(base)
        if head == "tuple":
            if len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is Ellipsis:
                return ("list", annotation_term(args[0], aliases, depth + 1))
            return ("tuple", tuple(annotation_term(a, aliases, depth + 1) for a in args))
        if head == "dict" and len(args) == 2:
            return ("dict", annotation_term(args[0], aliases, depth + 1), annotation_term(args[1], aliases, depth + 1))
        if head in ("list", "set") and len(args) == 1:
            return (head, annotation_term(args[0], aliases, depth + 1))
    return ANY


def union_members(node: ast.expr | None, aliases: dict[str, ast.expr] | None = None) -> tuple[Term, ...]:
    """The members of an annotation that is a union with no common type (`String = Union[str, bytes]`,
    `float | str`, nested aliases and `Optional` flattened), in order; () for anything else. A member
    that cannot be read is ANY (it still counts: a trace value must match a member that is known)."""
    if node is None:
        return ()
    common = annotation_term(node, aliases)
    if common not in (ANY, "float", ("opt", "float")):  # `int | float`: float to Python, no one Go type
        return ()
    out: list[Term] = []

    def walk(n: ast.expr, depth: int) -> bool:
        if depth > 10:
            return False
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            try:
                return walk(ast.parse(n.value, mode="eval").body, depth + 1)
            except SyntaxError:
                return False
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.BitOr):
            return walk(n.left, depth + 1) and walk(n.right, depth + 1)
        name = _dotted(n).split(".")[-1]
        if name and name in (aliases or {}):
            target = (aliases or {})[name]
            if _is_union(target):
                return walk(target, depth + 1)
        if _is_union(n):
            assert isinstance(n, ast.Subscript)
            args = list(n.slice.elts) if isinstance(n.slice, ast.Tuple) else [n.slice]
            if _dotted(n.value).endswith("Optional"):
                args = [*args, ast.Constant(None)]
            return all(walk(a, depth + 1) for a in args)
        term = annotation_term(n, aliases, depth + 1)
        term = ast.unparse(n) if term == ANY else term  # `os.PathLike[str]`: spelled as written, matches no trace
        if term not in out:
            out.append(term)
        return True

    if not walk(node, 0) or len([t for t in out if t != NONE]) < 2:
        return ()
    if common != ANY and {t for t in out if t != NONE} != {"int", "float"}:
        return ()
    return tuple(out)


def _is_union(node: ast.expr) -> bool:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return True
    return isinstance(node, ast.Subscript) and _dotted(node.value).split(".")[-1] in ("Union", "Optional")


def _union(parts: list[ast.expr], aliases: dict[str, ast.expr], depth: int) -> Term:
    terms = [annotation_term(p, aliases, depth + 1) for p in parts]
    rest = [t for t in terms if t != NONE]
    if len(rest) == 1 and len(terms) == 2:
        return ANY if rest[0] == ANY else ("opt", rest[0])
    if len(set(rest)) == 1 and rest:
        return rest[0]
    if set(rest) <= {"int", "float"} and rest:
        return ("opt", "float") if NONE in terms else "float"
    return ANY
