"""The keys of a dict whose order Python's code fixes, read from the source: a loop over it can range
over them in that order instead of over a Go map (loops.py, `_literal_dict`)."""

from __future__ import annotations

import ast

from gotui.llm.rules.context import Base
from gotui.llm.rules.dispatch import descendants
from gotui.llm.rules.inherit import method_of
from gotui.llm.rules.pyast import code_of

_READS = ("items", "keys", "values", "get")


def literal_keys(fn: ast.AST | None, d: ast.expr) -> list[ast.expr] | None:
    """The keys, in order, of a local dict assigned once from a literal with distinct constant keys
    (`parts = {"major": int(major), "minor": int(minor)}`) and only ever read after (`parts[k]`,
    `.items()`, `.keys()`, `.values()`, `.get()`): nothing can add, remove or reorder a key. None else."""
    if fn is None or not isinstance(d, ast.Name):
        return None
    binds = [n for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id == d.id and not isinstance(n.ctx, ast.Load)]
    literal = None
    for n in ast.walk(fn):
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) and n.targets[0].id == d.id:
            literal = n.value
    if len(binds) != 1 or not isinstance(literal, ast.Dict) or any(k is None for k in literal.keys):
        return None
    keys = [k for k in literal.keys if isinstance(k, ast.Constant) and isinstance(k.value, (str, int)) and not isinstance(k.value, bool)]
    if len(keys) != len(literal.keys) or len({k.value for k in keys}) != len(keys):  # type: ignore[union-attr]
        return None
    parents = {id(c): p for p in ast.walk(fn) for c in ast.iter_child_nodes(p)}
    for n in ast.walk(fn):
        if not (isinstance(n, ast.Name) and n.id == d.id and isinstance(n.ctx, ast.Load)):
            continue
        up = parents.get(id(n))
        if isinstance(up, ast.Subscript) and up.value is n and isinstance(up.ctx, ast.Load):
            continue
        if isinstance(up, ast.Attribute) and up.attr in _READS and isinstance(parents.get(id(up)), ast.Call):
            continue
        if isinstance(up, (ast.For, ast.comprehension)) and up.iter is n:
            continue  # iterated
        if isinstance(up, ast.Compare) and n in up.comparators and all(isinstance(o, (ast.In, ast.NotIn)) for o in up.ops):
            continue  # `k in parts`
        if isinstance(up, ast.Call) and isinstance(up.func, ast.Name) and up.func.id == "len" and up.args == [n]:
            continue
        return None  # passed on, aliased, changed through a method or a store: not known to stay as built
    if any(isinstance(n, (ast.Global, ast.Nonlocal)) and d.id in n.names for n in ast.walk(fn)):
        return None
    return keys  # type: ignore[return-value]


def returned_keys(tr: Base, d: ast.expr) -> list[ast.expr] | None:
    """The keys, in order, of the dict a call returns, when the callee (a function of the module, or a
    method on self that no class of the package overrides) is one `return` of a dict display with distinct
    constant keys or of `dict(k=v, ...)` (semver's `to_dict()`): each call builds a new dict in that order,
    so iterating the result right away visits them in it. None else."""
    if not isinstance(d, ast.Call):
        return None
    f = d.func
    callee = None
    if isinstance(f, ast.Name) and tr.func is not None:
        callee = tr.func.module.functions.get(f.id) if f.id not in tr.vars else None
    elif isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and tr.cls is not None and tr.func is not None \
            and tr.func.node.args.args and f.value.id == tr.func.node.args.args[0].arg and tr.func.kind == "method":
        callee = method_of(tr.cls, f.attr)
        if callee is not None and any(f.attr in c.methods for c in descendants(tr.pkg, tr.cls)):
            return None  # a subclass's override may build another dict
    if callee is None or callee.node.decorator_list:
        return None
    body = code_of(callee.node.body)
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None:
        return None
    value = body[0].value
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict" and not value.args \
            and "dict" not in callee.module.functions and all(k.arg is not None for k in value.keywords):
        keys: list[ast.expr] = [ast.Constant(k.arg) for k in value.keywords]
    elif isinstance(value, ast.Dict) and all(isinstance(k, ast.Constant) and isinstance(k.value, (str, int)) and not isinstance(k.value, bool)
                                             for k in value.keys):
        keys = list(value.keys)  # type: ignore[arg-type]
    else:
        return None
    return keys if len({k.value for k in keys}) == len(keys) else None  # type: ignore[attr-defined]
