"""The value of a module constant's expression when it is plain arithmetic on literals, found
without running anything: enough to know that `[10**x for x in (3, 6, 100)]` holds an int Go's
int64 cannot, so the constant becomes a TODO at translation instead of a panic while the package
loads (which would stop every test of the package). And the expression a module constant is bound
to (`const_assignment`), for what reads it as a literal: a logger, a compiled pattern, a string."""

from __future__ import annotations

import ast
import operator
from typing import Any, Callable

from gotui.llm.rules.package import ModuleInfo, PackageInfo

INT64 = range(-(2**63), 2**63)
MAX_BITS = 4096  # a larger intermediate value is not computed: it does not fit anyway
MAX_ITEMS = 10_000

_BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod, ast.LShift: operator.lshift, ast.BitOr: operator.or_, ast.BitAnd: operator.and_,
}


class NotStatic(Exception):
    """The expression needs more than literals and arithmetic."""


class TooBig(Exception):
    """An intermediate value past MAX_BITS."""


def _int_op(op: ast.operator, a: Any, b: Any) -> Any:
    if type(a) is not int or type(b) is not int:
        raise NotStatic
    if isinstance(op, ast.Pow):
        if b < 0:
            raise NotStatic
        if a not in (0, 1, -1) and b * max(abs(a).bit_length(), 1) > MAX_BITS:
            raise TooBig
        return a**b
    if isinstance(op, ast.LShift) and (b < 0 or b + a.bit_length() > MAX_BITS):
        raise TooBig if b >= 0 else NotStatic
    fn = _BINOPS.get(type(op))
    if fn is None or (isinstance(op, (ast.FloorDiv, ast.Mod)) and b == 0):
        raise NotStatic
    return fn(a, b)


def static_value(node: ast.AST, names: dict[str, Any] | None = None) -> Any:
    """The value of `node` (int, str, tuple, list) or NotStatic; TooBig for an int past MAX_BITS."""
    names = names or {}
    if isinstance(node, ast.Constant) and type(node.value) in (int, str, bool):
        return node.value
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        v = static_value(node.operand, names)
        if type(v) is not int:
            raise NotStatic
        return -v
    if isinstance(node, ast.BinOp):
        return _int_op(node.op, static_value(node.left, names), static_value(node.right, names))
    if isinstance(node, (ast.Tuple, ast.List)):
        items = [static_value(e, names) for e in node.elts]
        return tuple(items) if isinstance(node, ast.Tuple) else items
    if isinstance(node, (ast.ListComp, ast.GeneratorExp)) and len(node.generators) == 1:
        gen = node.generators[0]
        if not isinstance(gen.target, ast.Name) or gen.is_async:
            raise NotStatic
        source = static_value(gen.iter, names)
        if not isinstance(source, (tuple, list)) or len(source) > MAX_ITEMS:
            raise NotStatic
        out = []
        for item in source:
            scope = {**names, gen.target.id: item}
            if all(static_value(cond, scope) for cond in gen.ifs):
                out.append(static_value(node.elt, scope))
        return out
    raise NotStatic


def int64_overflow(node: ast.AST) -> str | None:
    """A short description of an int in `node`'s value that Go's int (int64) cannot hold, else None."""
    try:
        value = static_value(node)
    except TooBig:
        return "a value of more than 4,096 bits"
    except (NotStatic, RecursionError):
        return None
    stack = [value]
    while stack:
        v = stack.pop()
        if type(v) is int and v not in INT64:
            text = str(v)
            return text if len(text) <= 24 else f"{text[:6]}… ({len(text)} digits)"
        if isinstance(v, (tuple, list)):
            stack.extend(v)
    return None


def const_assignment(pkg: PackageInfo, module: ModuleInfo, name: str) -> tuple[ast.expr, ModuleInfo, str] | None:
    """(value, its module, its name there) for the module constant `name` (as `module` sees it,
    imported from a sibling too) bound by one plain `NAME = value`; else None."""
    found = pkg.resolve(module, name)
    if found is None or found[0] != "const":
        return None
    owner, const = found[1]  # type: ignore[misc]
    stmt = owner.consts.get(const)
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
        return None
    return stmt.value, owner, const
