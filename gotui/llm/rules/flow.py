"""What a statement list does to control flow (terminates, jumps), and the Retry signal."""

from __future__ import annotations

import ast

from gotui.llm.rules.types import T

MUTATORS = {"append", "extend", "insert", "pop", "remove", "clear", "add", "discard", "update", "setdefault", "sort", "reverse", "popitem"}
IMPLICIT = {  # exception kinds Go code raises as panics, by construct
    "subscript": {"KeyError", "IndexError"},
    "division": {"ZeroDivisionError"},
    "call": {"*"},
}


class Retry(Exception):
    """A variable turned out to need a wider type (int -> float): translate again with the hint."""

    def __init__(self, name: str, t: T) -> None:
        super().__init__(name)
        self.name, self.t = name, t


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


def jumps(stmts: list[ast.stmt]) -> bool:
    """Does control always leave this block (return, raise, break or continue)?"""
    if terminates(stmts):
        return True
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, (ast.Break, ast.Continue)):
        return True
    if isinstance(last, ast.If):
        return bool(last.orelse) and jumps(last.body) and jumps(last.orelse)
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
