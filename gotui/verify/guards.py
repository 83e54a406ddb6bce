"""A function's own input validation, read from its source: which inputs get past it.

A function that starts with `if weight <= 0 or weight > MAX: raise ValueError(...)` raises on
most inputs built from its type hints, and nothing behind the check is ever compared. This module
evaluates those leading guards on candidate inputs with a small interpreter over literal data
(numbers, strings, containers, the module's literal constants) and a few pure built-ins. It never
imports or runs the user's code: a guard it cannot evaluate counts as unknown, not as passed or failed.
"""

from __future__ import annotations

import ast
import operator
from typing import Any, Callable


class _Unknown(Exception):
    """The expression uses something this interpreter does not model."""


def module_constants(text: str) -> dict[str, Any]:
    """Top-level `NAME = <literal>` (or annotated) of a module: dicts, sets, tuples, numbers, strings."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return {}
    out: dict[str, Any] = {}
    for node in tree.body:
        target, value = None, None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        if not isinstance(target, ast.Name) or value is None:
            continue
        try:
            out[target.id] = ast.literal_eval(value)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            out.pop(target.id, None)  # reassigned to something computed: no longer known
    return out


_MAX_SIZE = 10_000  # no string or list built here grows past this (a guard is not a workload)

_BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
}
_CMPOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt,
    ast.GtE: operator.ge, ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
    ast.Is: operator.is_, ast.IsNot: operator.is_not,
}
_CALLS: dict[str, Callable[..., Any]] = {"len": len, "abs": abs, "min": min, "max": max, "int": int, "float": float,
                                         "str": str, "bool": bool, "sum": sum, "sorted": sorted, "set": set}
_METHODS = {
    str: {"strip", "lstrip", "rstrip", "lower", "upper", "casefold", "startswith", "endswith", "isdigit", "isalpha",
          "isalnum", "isspace", "isupper", "islower", "isdecimal", "isnumeric", "split", "count", "find", "rsplit"},
    dict: {"get", "keys", "values", "items"},
    list: {"count", "index"},
    tuple: {"count", "index"},
}


def _sized(v: Any) -> Any:
    if isinstance(v, (str, list, tuple, dict, set)) and len(v) > _MAX_SIZE:
        raise _Unknown("too large")
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2**64:
        raise _Unknown("too large")
    return v


def evaluate(node: ast.expr, env: dict[str, Any]) -> Any:
    """The value of a side-effect-free expression over literal data; raises _Unknown otherwise."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in env:
            raise _Unknown(node.id)
        return env[node.id]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        items = [evaluate(e, env) for e in node.elts]
        return tuple(items) if isinstance(node, ast.Tuple) else set(items) if isinstance(node, ast.Set) else items
    if isinstance(node, ast.BoolOp):
        value: Any = None
        for v in node.values:
            value = evaluate(v, env)
            if isinstance(node.op, ast.And) and not value or isinstance(node.op, ast.Or) and value:
                return value
        return value
    if isinstance(node, ast.UnaryOp):
        v = evaluate(node.operand, env)
        if isinstance(node.op, ast.Not):
            return not v
        if isinstance(node.op, ast.USub):
            return -v
        if isinstance(node.op, ast.UAdd):
            return +v
        raise _Unknown("unary")
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        left, right = evaluate(node.left, env), evaluate(node.right, env)
        if isinstance(node.op, ast.Mult) and (isinstance(left, (str, list, tuple)) or isinstance(right, (str, list, tuple))):
            n = right if isinstance(left, (str, list, tuple)) else left
            if isinstance(n, int) and n > _MAX_SIZE:
                raise _Unknown("too large")
        return _sized(_BINOPS[type(node.op)](left, right))
    if isinstance(node, ast.Compare):
        left = evaluate(node.left, env)
        for op, comp in zip(node.ops, node.comparators):
            right = evaluate(comp, env)
            if not _CMPOPS[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.IfExp):
        return evaluate(node.body if evaluate(node.test, env) else node.orelse, env)
    if isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice):
        return evaluate(node.value, env)[evaluate(node.slice, env)]
    if isinstance(node, ast.Call) and not any(isinstance(a, ast.Starred) for a in node.args):
        args = [evaluate(a, env) for a in node.args]
        kwargs = {k.arg: evaluate(k.value, env) for k in node.keywords if k.arg}
        if isinstance(node.func, ast.Name) and node.func.id in _CALLS and node.func.id not in env:
            return _sized(_CALLS[node.func.id](*args, **kwargs))
        if isinstance(node.func, ast.Attribute):
            obj = evaluate(node.func.value, env)
            if node.func.attr in _METHODS.get(type(obj), ()):
                return _sized(getattr(obj, node.func.attr)(*args, **kwargs))
    raise _Unknown(type(node).__name__)


def _raises(body: list[ast.stmt]) -> bool:
    return bool(body) and isinstance(body[-1], ast.Raise)


def passes_guards(fn: ast.FunctionDef, names: list[str], args: tuple, constants: dict[str, Any]) -> bool | None:
    """Whether `args` get past the function's leading `if ...: raise` and `assert` checks.

    Walks the top of the body in order (simple assignments are followed, so `zone = ZONES.get(c)`
    then `if zone is None: raise` is understood) and stops at the first other statement. None when
    no guard could be evaluated: the body gives no evidence either way.
    """
    env = dict(constants)
    env.update(zip(names, args))
    decided = False
    body = fn.body[1:] if fn.body and isinstance(fn.body[0], ast.Expr) and isinstance(getattr(fn.body[0], "value", None), ast.Constant) else fn.body
    for stmt in body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if stmt.value is None or not all(isinstance(t, (ast.Name, ast.Tuple)) for t in targets):
                break
            try:
                value = evaluate(stmt.value, env)
                for t in targets:
                    _bind(t, value, env)
            except Exception:
                for t in targets:
                    for n in ast.walk(t):
                        if isinstance(n, ast.Name):
                            env.pop(n.id, None)
            continue
        if isinstance(stmt, ast.If) and _raises(stmt.body) and not stmt.orelse:
            test: ast.expr = stmt.test
            fails_when = True
        elif isinstance(stmt, ast.Assert):
            test, fails_when = stmt.test, False
        else:
            break
        try:
            verdict = bool(evaluate(test, env))
        except Exception:  # _Unknown, or the guard itself would raise on this input (int("x")): undecided
            continue
        decided = True
        if verdict == fails_when:
            return False
    return True if decided else None


def _bind(target: ast.expr, value: Any, env: dict[str, Any]) -> None:
    if isinstance(target, ast.Name):
        env[target.id] = value
        return
    assert isinstance(target, ast.Tuple)
    items = list(value)
    if len(items) != len(target.elts) or any(not isinstance(e, ast.Name) for e in target.elts):
        raise _Unknown("unpack")
    for e, v in zip(target.elts, items):
        env[e.id] = v  # type: ignore[attr-defined]


def leading_guards(fn: ast.FunctionDef) -> int:
    """How many `if ...: raise` / `assert` checks open the function (after simple assignments)."""
    n = 0
    for stmt in fn.body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) or isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue
        if isinstance(stmt, ast.If) and _raises(stmt.body) and not stmt.orelse or isinstance(stmt, ast.Assert):
            n += 1
            continue
        break
    return n
