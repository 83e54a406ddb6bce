"""`f(**d)` where `d` is a match's `groupdict()`: the dict's items as keyword arguments.

semver's `Version.parse` ends so:

    matched_version_parts: Dict[str, Any] = match.groupdict()
    if not matched_version_parts["minor"]:
        matched_version_parts["minor"] = 0
    ...
    return cls(**matched_version_parts)

Go has no `**`. Where the keys of `d` are known for sure (the pattern's named groups: `d` is bound once
to `m.groupdict()` and otherwise only read or stored at literal keys among them), the call is
`f(major=d["major"], minor=d["minor"], ...)` in f's parameter order. Each value is a value of several
types (`any`: the group's text, None, or what the body stored), and f's Go parameter takes one type, so
each is converted as f's own body converts that parameter where it receives it: `int(major)` (a
`SupportsInt` parameter whose every use is `int()` of it, in f's first statement, so the conversions
run in Python's order and raise what f raises), or `None if p is None else str(p)` (a parameter f only
ever reads as `str(p)`, entry.py). Anything else leaves the call as it is, which the caller refuses.
"""

from __future__ import annotations

import ast

from gotui.evidence.entry import read_only_as_str
from gotui.llm.rules.context import Base
from gotui.llm.rules.package import FuncInfo, Signature
from gotui.llm.rules.pyast import code_of
from gotui.llm.rules.types import STR, MatchT, OptT, T, prune

INT_KINDS = frozenset({"ValueError", "TypeError", "OverflowError"})  # what int() of a value of several types raises


def groupdict_keys(tr: Base, name: str) -> list[str] | None:
    """The keys a local holds for sure: bound once to `m.groupdict()` of a pattern with named groups, and
    otherwise only indexed by literal keys among those (read or stored) or spread with `**`. None if not."""
    f = tr.func
    if f is None:
        return None
    parents = {id(c): p for p in ast.walk(f.node) for c in ast.iter_child_nodes(p)}
    source: ast.Call | None = None
    indexed: set[str] = set()
    for n in ast.walk(f.node):
        if not (isinstance(n, ast.Name) and n.id == name):
            continue
        up = parents.get(id(n))
        if isinstance(n.ctx, ast.Store):
            value = up.value if isinstance(up, (ast.Assign, ast.AnnAssign)) else None
            if source is not None or not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)
                                          and value.func.attr == "groupdict" and not value.args and not value.keywords
                                          and isinstance(value.func.value, ast.Name)):
                return None
            source = value
        elif isinstance(up, ast.Subscript) and up.value is n and not isinstance(up.ctx, ast.Del) \
                and isinstance(up.slice, ast.Constant) and isinstance(up.slice.value, str):
            indexed.add(up.slice.value)
        elif not (isinstance(up, ast.keyword) and up.arg is None):
            return None  # passed on, iterated, changed by a method: its keys are not known here
    if source is None:
        return None
    var = tr.vars.get(source.func.value.id)  # type: ignore[attr-defined]
    t = prune(var.t) if var is not None else None
    t = prune(t.inner) if isinstance(t, OptT) else t
    if not isinstance(t, MatchT) or not t.names:
        return None
    keys = [n for n, _ in sorted(t.names, key=lambda item: item[1])]
    return keys if indexed <= set(keys) else None


def spread_groupdict(tr: Base, node: ast.Call, callee: FuncInfo | None, sig: Signature) -> tuple[ast.Call, list[ast.keyword]]:
    """`f(**d)` of a groupdict (above) as keyword arguments converted at f's entry, and the `**` keywords
    left (none then); else `node` unchanged with its own."""
    spread = [k for k in node.keywords if k.arg is None]
    if callee is None or len(spread) != 1 or not isinstance(spread[0].value, ast.Name) or node.args:
        return node, spread
    name = spread[0].value.id
    keys = groupdict_keys(tr, name)
    named = {p.py for p in sig.params if not p.variadic and not p.kwargs}
    if keys is None or not set(keys) <= named or any(k.arg in keys for k in node.keywords):
        return node, spread  # a key no parameter takes, or given twice: Python's TypeError
    body = code_of(callee.node.body)
    first = body[0] if body else None  # the first statement, past a docstring
    kinds = tr.pkg.func_kinds(callee)
    converted: list[ast.keyword] = []
    for p in sig.params:
        if p.py not in keys:
            continue
        item = ast.copy_location(ast.Subscript(ast.Name(name, ast.Load()), ast.Constant(p.py), ast.Load()), node)
        value = _at_entry(callee, p.py, prune(p.t), item, first, kinds)
        if value is None:
            return node, spread
        converted.append(ast.keyword(p.py, value))
    # the int() conversions run at the call in f's parameter order: only where f's own run in that order
    ints = [k.arg for k in converted if getattr(k.value, "entry_kinds", None)]
    calls = sorted((c for p in ints for c in _calls_of(first, "int", p)), key=lambda c: (c.lineno, c.col_offset)) if first is not None else []
    if [c.args[0].id for c in calls] != ints:  # type: ignore[attr-defined]
        return node, spread
    return ast.copy_location(ast.Call(node.func, [], [k for k in node.keywords if k.arg is not None] + converted), node), []


def _calls_of(node: ast.AST, func: str, name: str) -> list[ast.Call]:
    """The calls `func(name)` under `node` (one plain argument, no keywords)."""
    return [n for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == func
            and len(n.args) == 1 and not n.keywords and isinstance(n.args[0], ast.Name) and n.args[0].id == name]


def _at_entry(callee: FuncInfo, name: str, t: T, item: ast.expr, first: ast.stmt | None, kinds: frozenset[str]) -> ast.expr | None:
    """`item` converted as the callee's body converts parameter `name` (Go type `t`), or None."""
    uses = [n for n in ast.walk(callee.node) if isinstance(n, ast.Name) and n.id == name]
    in_int = _calls_of(callee.node, "int", name)
    in_first = {id(n) for n in ast.walk(first)} if first is not None else set()
    if uses and len(in_int) == len(uses) and all(id(c) in in_first for c in in_int) and INT_KINDS <= kinds:
        conv = ast.copy_location(ast.Call(ast.Name("int", ast.Load()), [item], []), item)
        conv.entry_kinds = INT_KINDS  # type: ignore[attr-defined]  # what the callee's own int() raises (calls.prepare_call)
        return conv
    if t == OptT(STR) and isinstance(callee.node, (ast.FunctionDef, ast.AsyncFunctionDef)) and read_only_as_str(callee.node, name):
        # entry.py's "str at every use": None stays None, anything else is made a str, as where the body reads it
        test = ast.Compare(item, [ast.Is()], [ast.Constant(None)])
        return ast.copy_location(ast.IfExp(test, ast.Constant(None), ast.Call(ast.Name("str", ast.Load()), [item], [])), item)
    return None
