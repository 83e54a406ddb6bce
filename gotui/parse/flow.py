"""Control flow of a Python block read from its syntax alone: whether control can fall off its end.
Both the translator (a Go function must end in a terminating statement) and the parse layer (a guard
decorator's wrapper read into a body, decorators.inline_guard) ask it."""

from __future__ import annotations

import ast


def terminates(stmts: list[ast.stmt]) -> bool:
    """Does control never fall off the end of this block (as Go's terminating statements)?"""
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, (ast.Return, ast.Raise)):
        return True
    if isinstance(last, ast.If):
        return bool(last.orelse) and terminates(last.body) and terminates(last.orelse)
    if isinstance(last, ast.While):
        return isinstance(last.test, ast.Constant) and last.test.value is True and not _has_break(last.body)
    if isinstance(last, ast.With):  # only locks and an __exit__ that returns nothing true are translated: neither swallows an exception
        return terminates(last.body)
    if isinstance(last, ast.Try):
        return terminates(last.body + last.orelse) and all(terminates(h.body) for h in last.handlers) and not last.finalbody
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) and isinstance(last.value.func, ast.Name):
        return False
    return False


def _has_break(stmts: list[ast.stmt]) -> bool:
    for s in stmts:
        if isinstance(s, ast.Break):
            return True
        if isinstance(s, (ast.For, ast.While, ast.FunctionDef)):
            continue
        for name in ("body", "orelse", "handlers", "finalbody"):
            part = getattr(s, name, None)
            if isinstance(part, list):
                inner = [x for h in part for x in h.body] if name == "handlers" else part
                if _has_break(inner):
                    return True
    return False
