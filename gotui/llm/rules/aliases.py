"""A local that holds a list another object also holds (`keys = self.__keys`).

Python's name and the field are one list: when the field grows or shrinks (`self.__keys.pop()`, or a
method of `self` that does it), the local sees the new length. Go's local is a copy of the slice header
and keeps the old length, so such Go would be wrong while it builds: the assignment is refused when the
local is read after something that may change the list's length (later in the function, or in a loop
around both).
"""

from __future__ import annotations

import ast

# list methods that change a list's length (sort and reverse keep it, and Go shares the items)
LENGTH_METHODS = frozenset({"append", "extend", "insert", "pop", "remove", "clear"})


def _rooted_in_attribute(node: ast.expr) -> bool:
    """`self.items`, `a.b.items[0]`: reached through an attribute, so another holder may share it."""
    while isinstance(node, ast.Subscript):
        node = node.value
    return isinstance(node, ast.Attribute)


def _may_change_lists(node: ast.AST, self_name: str | None) -> str | None:
    """What in `node` (one node, not its children) may change the length of a list an object holds."""
    if isinstance(node, ast.Call):
        fn = node.func
        if isinstance(fn, ast.Attribute) and fn.attr in LENGTH_METHODS and _rooted_in_attribute(fn.value):
            return f"`{ast.unparse(fn)}()`"
        if self_name is not None:
            on_self = isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Name) and fn.value.id == self_name
            passes_self = any(isinstance(a, ast.Name) and a.id == self_name for a in node.args)
            if on_self or passes_self:
                return f"`{ast.unparse(fn)}(...)` (it gets `{self_name}`)"
    if isinstance(node, ast.Delete):
        for t in node.targets:
            if isinstance(t, ast.Subscript) and (_rooted_in_attribute(t.value) or isinstance(t.value, ast.Name) and t.value.id == self_name):
                return f"`del {ast.unparse(t)}`"
    if isinstance(node, (ast.Assign, ast.AugAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for t in targets:
            if isinstance(t, ast.Subscript) and isinstance(t.slice, ast.Slice) and _rooted_in_attribute(t.value):
                return f"`{ast.unparse(t)} = ...`"
            if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == self_name:
                return f"`{ast.unparse(t)} = ...`"  # __setitem__ of self
            if isinstance(node, ast.AugAssign) and _rooted_in_attribute(t):
                return f"`{ast.unparse(t)} += ...`"
    return None


def _position(node: ast.AST) -> tuple[int, int]:
    return getattr(node, "lineno", 0), getattr(node, "col_offset", 0)


def stale_list_alias(fn: ast.FunctionDef | ast.AsyncFunctionDef, name: str, source: ast.expr) -> str | None:
    """Why Go's `name := <source>` (a list reached through an attribute) would not see what Python's
    `name` sees, or None: `name` is read after something that may change the list's length."""
    if not _rooted_in_attribute(source):
        return None  # a list of a local (`table[k]`, `table` built here): nothing else holds it
    self_name = fn.args.args[0].arg if fn.args.args else None
    events: list[tuple[tuple[int, int], str, ast.AST]] = []
    reads: list[ast.Name] = []
    for node in ast.walk(fn):
        why = _may_change_lists(node, self_name)
        if why is not None:
            events.append((_position(node), why, node))
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            reads.append(node)
    if not events or not reads:
        return None
    loops = [n for n in ast.walk(fn) if isinstance(n, (ast.For, ast.While, ast.AsyncFor))]
    for at, why, event in events:
        for read in reads:
            later = _position(read) > at
            in_loop = any(_inside(loop, event) and _inside(loop, read) for loop in loops)
            if later or in_loop:
                return (f"`{name}` holds the list `{ast.unparse(source)}` and is read after {why}, which may change the "
                        "list's length: Go's copy of the slice keeps the old length")
    return None


def _inside(outer: ast.AST, node: ast.AST) -> bool:
    return any(n is node for n in ast.walk(outer))
