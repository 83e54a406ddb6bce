"""What a statement list does to control flow (jumps; terminates is gotui/parse/flow.py's), and the Retry signal."""

from __future__ import annotations

import ast

from gotui.llm.rules.types import T
from gotui.parse.flow import terminates

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
