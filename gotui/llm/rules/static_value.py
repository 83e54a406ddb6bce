"""The value of a module constant's expression when it is plain arithmetic on literals, found
without running anything: enough to know that `[10**x for x in (3, 6, 100)]` holds an int Go's
int64 cannot, so the constant becomes a TODO at translation instead of a panic while the package
loads (which would stop every test of the package). And the expression a module constant is bound
to (`const_assignment`), for what reads it as a literal: a logger, a compiled pattern, a string."""

from __future__ import annotations

import ast
import operator
import string
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


def fixed_constant(pkg: PackageInfo, module: ModuleInfo, name: str) -> tuple[ast.expr, ModuleInfo] | None:
    """(value, its module) of the module constant `name` (const_assignment) when nothing rebinds it at
    run time (no `global` of it in its module): what reads it as its literal may."""
    found = const_assignment(pkg, module, name)
    if found is None or found[1].tree is None:
        return None
    value, owner, const = found
    if any(isinstance(n, ast.Global) and const in n.names for n in ast.walk(owner.tree)):
        return None
    return value, owner


MAX_TEXT = 100_000  # a folded string longer than this is not a pattern anyone writes by hand
_STATIC_TYPES = (str, int)


def static_text(pkg: PackageInfo, module: ModuleInfo, node: ast.expr, scope: dict[str, ast.expr] | None = None, depth: int = 0) -> str | None:
    """The text of a string that is only literals and constants put together, found without running
    anything: a module constant (or, with `scope`, an earlier name of the class body being read) bound
    once to such a string, f-strings and `%` / `+` / `.format(...)` / `"|".join([...])` of such strings
    and ints, and `P.pattern` of a constant bound to `re.compile(<such a string>)`. semver builds its
    version pattern so (`_REGEX_TEMPLATE.format(opt_patch="")`, with `{_BUILD_IDENTIFIER.pattern}` in an
    f-string); isodate's `TZ_RE = re.compile(TZ_REGEX)`. None when the text needs anything else."""
    value = _fold(pkg, module, node, scope or {}, depth)
    return value if isinstance(value, str) and len(value) <= MAX_TEXT else None


def _fold(pkg: PackageInfo, module: ModuleInfo, node: ast.expr, scope: dict[str, ast.expr], depth: int) -> Any:
    if depth > 20:
        return None
    again = lambda n, sc=scope, mod=module: _fold(pkg, mod, n, sc, depth + 1)  # noqa: E731
    if isinstance(node, ast.Constant) and type(node.value) in _STATIC_TYPES:
        return node.value
    if isinstance(node, ast.Name):
        if node.id in scope:
            return again(scope[node.id], {k: v for k, v in scope.items() if k != node.id})
        found = fixed_constant(pkg, module, node.id)
        return None if found is None else again(found[0], {}, found[1])
    if isinstance(node, ast.Tuple) and isinstance(node.ctx, ast.Load):  # a tuple (not a list: that may be mutated)
        items = tuple(again(e) for e in node.elts)
        return items if all(type(x) in _STATIC_TYPES for x in items) else None
    if isinstance(node, ast.JoinedStr):
        parts = []
        for part in node.values:
            if isinstance(part, ast.Constant):
                parts.append(str(part.value))
                continue
            if not isinstance(part, ast.FormattedValue):
                return None
            v = again(part.value)
            spec = again(part.format_spec) if part.format_spec is not None else ""
            if type(v) not in (*_STATIC_TYPES, tuple) or not isinstance(spec, str) or part.conversion not in (-1, ord("s"), ord("r")):
                return None  # (`!a` is ascii(): not folded)
            v = repr(v) if part.conversion == ord("r") else str(v) if part.conversion == ord("s") else v
            parts.append(format(v, spec))
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        a = again(node.left)
        b = tuple(again(e) for e in node.right.elts) if isinstance(node.op, ast.Mod) and isinstance(node.right, ast.Tuple) else again(node.right)
        if isinstance(node.op, ast.Add):
            return a + b if type(a) is str and type(b) is str else None
        items = b if isinstance(b, tuple) else (b,)
        if type(a) is not str or not all(type(x) in _STATIC_TYPES for x in items):
            return None
        try:
            return a % b
        except (TypeError, ValueError):
            return None
    if isinstance(node, ast.Attribute) and node.attr == "pattern" and isinstance(node.value, ast.Name):
        bound = scope.get(node.value.id)
        owner = module
        if bound is None:
            found = fixed_constant(pkg, module, node.value.id)
            bound, owner = found if found is not None else (None, module)
        if isinstance(bound, ast.Call) and isinstance(bound.func, ast.Attribute) and bound.func.attr == "compile" \
                and isinstance(bound.func.value, ast.Name) and owner.imports.get(bound.func.value.id) == ("re", "") and bound.args:
            return _fold(pkg, owner, bound.args[0], scope if owner is module else {}, depth + 1)
        return None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
        head = again(node.func.value)
        if type(head) is not str or any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            return None
        if node.func.attr == "join":
            if len(node.args) != 1 or node.keywords or not isinstance(node.args[0], (ast.List, ast.Tuple)):
                return None
            items = [again(e) for e in node.args[0].elts]
            return head.join(items) if all(type(x) is str for x in items) else None
        args = [again(a) for a in node.args]
        kwargs = {k.arg: again(k.value) for k in node.keywords}
        if not all(type(x) in _STATIC_TYPES for x in [*args, *kwargs.values()]):
            return None
        try:
            parsed = list(string.Formatter().parse(head))
            fields = [f for _, f, _, _ in parsed if f is not None]
            fields += [f for _, _, spec, _ in parsed if spec for _, f, _, _ in string.Formatter().parse(spec) if f is not None]
            # plain fields only: `{0.x}` / `{k[0]}` would look into the values (untrusted text decides what)
            if not all(f == "" or f.isdigit() or f.isidentifier() for f in fields):
                return None
            return head.format(*args, **kwargs)
        except (IndexError, KeyError, ValueError):
            return None
    return None
