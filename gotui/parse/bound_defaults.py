"""Parameters that only hold a function bound at definition time.

cachetools writes `def __setitem__(self, key, value, cache_setitem=Cache.__setitem__):` and calls
`cache_setitem(self, key, value)`: the default is a fixed function (here the base class's own
method), taken once when the `def` runs so the call is a fast local lookup; no caller passes
another one. Such a parameter is an alias of its default, so the translator reads each call as a
call of the default itself (`Cache.__setitem__(self, key, value)`, an explicit base call) and the
Go function has no parameter for it; check leaves it out on both sides (the Python side runs with
its default). Go has no default arguments, so a caller that passed another function could not be
translated as it is: such a call is refused by the translator (one argument too many).

A parameter qualifies only when nothing else can happen to it: every use is the callee of a call,
it is never assigned, deleted or shadowed by a nested scope, and its default is a dotted name
(`len`, `Cache.__setitem__`, `os.path.join`) whose first name the function does not bind itself
and, for a method, the class body does not bind either (the default is evaluated in the class
body, the call in the method, where a class-level name is not visible).
"""
from __future__ import annotations

import ast
import copy


def _dotted_root(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _bound_names(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Every name the function binds: its parameters and whatever its body stores or declares."""
    a = fn.args
    out = {p.arg for p in a.posonlyargs + a.args + a.kwonlyargs}
    out |= {p.arg for p in (a.vararg, a.kwarg) if p is not None}
    for stmt in fn.body:
        for n in ast.walk(stmt):
            if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
                out.add(n.id)
            elif isinstance(n, (ast.Global, ast.Nonlocal)):
                out.update(n.names)
            elif isinstance(n, (ast.Import, ast.ImportFrom)):
                out.update((al.asname or al.name).split(".")[0] for al in n.names)
            elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                out.add(n.name)
    return out


def _only_called(fn: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """`name` appears in the body only as the callee of calls, and no nested scope takes it as a parameter."""
    callees: set[int] = set()
    uses: list[ast.Name] = []
    for stmt in fn.body:
        for n in ast.walk(stmt):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name:
                callees.add(id(n.func))
            elif isinstance(n, ast.Name) and n.id == name:
                uses.append(n)
            elif isinstance(n, ast.arg) and n.arg == name:
                return False
    return bool(callees) and all(id(u) in callees for u in uses)


def named_defaults(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether any default is a dotted name: the cheap test before bound_defaults walks the body."""
    return any(isinstance(d, (ast.Name, ast.Attribute)) for d in [*fn.args.defaults, *fn.args.kw_defaults])


def bound_defaults(fn: ast.FunctionDef | ast.AsyncFunctionDef, class_names: frozenset[str] = frozenset()) -> dict[str, ast.expr]:
    """Parameter name -> its default, for each parameter that is only an alias of a function bound at
    definition time (see the module's docstring). `class_names`: what the enclosing class body binds."""
    a = fn.args
    positional = a.posonlyargs + a.args
    pairs = list(zip(positional[len(positional) - len(a.defaults):], a.defaults)) + \
        [(p, d) for p, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]
    if not pairs or not named_defaults(fn):
        return {}
    bound = _bound_names(fn)
    out: dict[str, ast.expr] = {}
    for param, default in pairs:
        root = _dotted_root(default)
        if root is None or root in bound or root in class_names or root == param.arg:
            continue
        if _only_called(fn, param.arg):
            out[param.arg] = default
    return out


class _Substitute(ast.NodeTransformer):
    def __init__(self, defaults: dict[str, ast.expr]) -> None:
        self.defaults = defaults

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id in self.defaults:
            node.func = ast.copy_location(copy.deepcopy(self.defaults[node.func.id]), node.func)
        return node


def without_bound_defaults(fn: ast.FunctionDef | ast.AsyncFunctionDef, class_names: frozenset[str] = frozenset()
                           ) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """A copy of `fn` without its bound-default parameters, each call of one written as a call of its
    default; None when it has none."""
    defaults = bound_defaults(fn, class_names)
    return defaults_called(fn, defaults) if defaults else None


def defaults_called(fn: ast.FunctionDef | ast.AsyncFunctionDef, defaults: dict[str, ast.expr]) -> ast.FunctionDef | ast.AsyncFunctionDef:
    """A copy of `fn` without the parameters `defaults` names (bound_defaults gives them), each call of
    one written as a call of its default."""
    new = copy.deepcopy(fn)
    a = new.args
    positional = a.posonlyargs + a.args
    kept_defaults: list[ast.expr] = []
    offset = len(positional) - len(a.defaults)
    for i, p in enumerate(positional):
        if p.arg in defaults:
            continue
        if i >= offset:
            kept_defaults.append(a.defaults[i - offset])
    a.posonlyargs = [p for p in a.posonlyargs if p.arg not in defaults]
    a.args = [p for p in a.args if p.arg not in defaults]
    a.defaults = kept_defaults
    kw = [(p, d) for p, d in zip(a.kwonlyargs, a.kw_defaults) if p.arg not in defaults]
    a.kwonlyargs, a.kw_defaults = [p for p, _ in kw], [d for _, d in kw]
    new.body = [_Substitute(defaults).visit(stmt) for stmt in new.body]
    return new


def class_body_names(cls: ast.ClassDef) -> frozenset[str]:
    """The names a class body binds at its own level (attributes, methods, nested classes): a default
    evaluated there sees them, a method's body does not."""
    out: set[str] = set()
    for stmt in cls.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(stmt.name)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            out.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            out.update((al.asname or al.name).split(".")[0] for al in stmt.names)
    return frozenset(out)
