"""Where each Python local gets its Go declaration.

Python locals live for the whole function; Go variables live in their block. A name is declared with
`:=` at its first assignment when every other use is later in the same block (or nested in it);
otherwise it is declared at the top of the function with `var`. Loop targets are scoped to their
loop; using one after its loop is reported (Go's loop variable would not hold the last value).
"""

from __future__ import annotations

import ast
from functools import lru_cache
from dataclasses import dataclass, field

from gotui.llm.rules.todo import Unsupported


@dataclass
class DeclPlan:
    inline: set[str] = field(default_factory=set)  # declared with := at the first assignment
    top: set[str] = field(default_factory=set)  # declared with var at the top of the function
    loaded: set[str] = field(default_factory=set)  # read somewhere (else assignments go to _)
    loop_targets: set[str] = field(default_factory=set)
    carried: set[str] = field(default_factory=set)  # loop variables also used outside their loops
    first_store: dict[str, ast.stmt] = field(default_factory=dict)


_NESTED = ("body", "orelse", "finalbody")


def _own_names(stmt: ast.stmt) -> list[ast.Name]:
    """Names in the statement itself, not in nested statement lists."""
    out: list[ast.Name] = []
    for name, value in ast.iter_fields(stmt):
        if name in _NESTED or name == "handlers":
            continue
        if name == "target" and isinstance(stmt, ast.For):
            continue
        values = value if isinstance(value, list) else [value]
        for v in values:
            if isinstance(v, ast.AST):
                out.extend(n for n in ast.walk(v) if isinstance(n, ast.Name))
    return out


@lru_cache(maxsize=2048)  # the statements of the functions being translated, planned again per attempt
def _comp_bound(stmt: ast.stmt) -> frozenset[int]:
    """ids of Name nodes bound inside comprehensions/lambdas (their own scope)."""
    ids: set[int] = set()
    for node in ast.walk(stmt):
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            bound = {n.id for gen in node.generators for n in ast.walk(gen.target) if isinstance(n, ast.Name)}
            for n in ast.walk(node):
                if isinstance(n, ast.Name) and n.id in bound:
                    ids.add(id(n))
        elif isinstance(node, ast.Lambda):
            bound = {a.arg for a in node.args.args}
            for n in ast.walk(node.body):
                if isinstance(n, ast.Name) and n.id in bound:
                    ids.add(id(n))
    return frozenset(ids)


def in_own_scope(root: ast.AST, node: ast.AST) -> bool:
    """Whether `node` lies in a comprehension or lambda inside `root`: a scope of its own, out of which
    a `:=` still binds in the enclosing function. Asked only where a `:=` is lowered (rare)."""
    return any(any(n is node for n in ast.walk(scope)) for scope in ast.walk(root)
               if isinstance(scope, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda)))


def _own_block(outside: list[tuple[tuple[int, ...], str, ast.stmt]], bodies: list[tuple[int, ...]]) -> bool:
    """The uses of a loop variable's name outside its loops are a local of one block of their own:
    the first is a plain assignment, the rest are nested in its block, and that block holds none of
    the loops. No value then passes between the loop and that block (python-slugify's
    `upper_dict = ...` in one loop, `for upper_dict in insertions` in the next), so each can be its
    own Go variable."""
    first_path, first_kind, first_stmt = outside[0]
    return (first_kind == "store" and isinstance(first_stmt, (ast.Assign, ast.AnnAssign))
            and all(p[: len(first_path)] == first_path for p, _, _ in outside)
            and not any(b[: len(first_path)] == first_path for b in bodies))


def _bound_after_loop(items: list[tuple[tuple[int, ...], str, ast.stmt]]) -> bool:
    """Does the name hold a value after its first loop, run or not? Either a plain assignment in an
    enclosing block comes before the loop, or the loop's `else` ends the function (so the code after
    the loop is reached only by a `break`, once the loop has bound the name)."""
    first = next(i for i, (_, kind, _) in enumerate(items) if kind == "loop")
    path, _, loop = items[first]
    if isinstance(loop, ast.For) and loop.orelse and isinstance(loop.orelse[-1], (ast.Return, ast.Raise)):
        return True
    enclosing = path[:-1]
    return any(kind == "store" and enclosing[: len(p)] == p for p, kind, _ in items[:first])


def plan(body: list[ast.stmt], params: set[str]) -> DeclPlan:
    occ: dict[str, list[tuple[tuple[int, ...], str, ast.stmt]]] = {}
    loops: dict[str, list[tuple[int, ...]]] = {}
    result = DeclPlan()

    def walk(stmts: list[ast.stmt], path: tuple[int, ...]) -> None:
        for stmt in stmts:
            skip = _comp_bound(stmt)
            if isinstance(stmt, ast.For):
                for n in ast.walk(stmt.target):
                    if isinstance(n, ast.Name):
                        loops.setdefault(n.id, []).append(path + (id(stmt.body),))
                        occ.setdefault(n.id, []).append((path + (id(stmt.body),), "loop", stmt))
            for n in _own_names(stmt):
                if id(n) in skip:
                    continue
                kind = "load" if isinstance(n.ctx, ast.Load) else "store"
                if isinstance(stmt, ast.AugAssign) and kind == "store":
                    kind = "aug"
                if kind == "load":
                    result.loaded.add(n.id)
                occ.setdefault(n.id, []).append((path, kind, stmt))
            if isinstance(stmt, ast.Try):
                walk(stmt.body, path + (id(stmt.body),))
                for h in stmt.handlers:
                    if h.name:
                        occ.setdefault(h.name, []).append((path + (id(h.body),), "handler", stmt))
                    walk(h.body, path + (id(h.body),))
                walk(stmt.orelse, path + (id(stmt.orelse),))
                walk(stmt.finalbody, path + (id(stmt.finalbody),))
                continue
            for name in _NESTED:
                part = getattr(stmt, name, None)
                if isinstance(part, list) and part and isinstance(part[0], ast.stmt) and not isinstance(stmt, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
                    walk(part, path + (id(part),))

    walk(body, ())
    for name, items in occ.items():
        if name in params:
            if name in loops:
                raise Unsupported(f"parameter `{name}` reused as a loop variable")
            continue
        if name in loops:
            result.loop_targets.add(name)
            bodies = loops[name]
            outside = [(p, kind, st) for p, kind, st in items if kind != "loop" and not any(p[: len(b)] == b for b in bodies)]
            if outside and not _own_block(outside, bodies):
                inside = [kind for p, kind, _ in items if kind in ("store", "aug") and any(p[: len(b)] == b for b in bodies)]
                if inside:
                    raise Unsupported(f"loop variable `{name}` is assigned in its loop and also used outside it (Go scopes it to the loop)")
                if not _bound_after_loop(items):
                    raise Unsupported(f"loop variable `{name}` is read after its loop, which may not have run: Python would raise "
                                      "UnboundLocalError, Go would read a zero value")
                # read after the loop, as Python allows: a variable of the function that each iteration
                # sets to the loop's value (statements.s_For), so it holds the last item reached
                result.carried.add(name)
                result.top.add(name)
                continue
            if outside:  # a local of its own block that happens to share the name: `:=` there
                result.inline.add(name)
                result.first_store[name] = outside[0][2]
            continue
        if all(kind == "handler" for _, kind, _ in items):
            continue
        first_path, first_kind, first_stmt = items[0]
        if first_kind == "store" and isinstance(first_stmt, (ast.Assign, ast.AnnAssign)) and all(
            p[: len(first_path)] == first_path for p, _, _ in items
        ):
            result.inline.add(name)
            result.first_store[name] = first_stmt
        elif first_kind in ("load", "aug"):
            if any(k == "store" for _, k, _ in items):
                result.top.add(name)  # read before assigned on some path: Python would raise NameError
            # else a global or builtin name
        else:
            result.top.add(name)
    return result
