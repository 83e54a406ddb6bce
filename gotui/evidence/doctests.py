"""Doctest examples read statically: `>>> f(6)` then `False` gives int -> bool, without running anything."""

from __future__ import annotations

import ast
import re

from gotui.evidence.model import DoctestCase

_TRACEBACK = re.compile(r"^Traceback \(most recent call last\):")
_EXC_LINE = re.compile(r"^([A-Za-z_][\w.]*)(:.*)?$")
_MAX_EXAMPLES = 50


def doctest_cases(fn: ast.FunctionDef | ast.AsyncFunctionDef, call_names: set[str]) -> list[DoctestCase]:
    """Examples in `fn`'s docstring that call one of `call_names` with literal arguments."""
    doc = ast.get_docstring(fn, clean=True)
    if not doc:
        return []
    first_line = fn.body[0].lineno if fn.body else fn.lineno
    out: list[DoctestCase] = []
    for line_no, source, expected in _examples(doc):
        case = _case(source, expected, call_names, first_line + line_no)
        if case is not None:
            out.append(case)
            if len(out) >= _MAX_EXAMPLES:
                break
    return out


def _examples(doc: str):
    """(line offset, source, expected text) for each `>>>` example."""
    lines = doc.splitlines()
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped.startswith(">>>"):
            i += 1
            continue
        start, source = i, [stripped[3:].strip()]
        i += 1
        while i < len(lines) and lines[i].strip().startswith("..."):
            source.append(lines[i].strip()[3:].lstrip())
            i += 1
        expected = []
        while i < len(lines) and lines[i].strip() and not lines[i].strip().startswith(">>>"):
            expected.append(lines[i].strip())
            i += 1
        yield start, "\n".join(source), expected


def _case(source: str, expected: list[str], call_names: set[str], line: int) -> DoctestCase | None:
    try:
        node = ast.parse(source, mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(node, ast.Call) or _callee(node.func) not in call_names:
        return None
    try:
        args = tuple(ast.literal_eval(a) for a in node.args)
        kwargs = tuple((k.arg, ast.literal_eval(k.value)) for k in node.keywords if k.arg)
    except (ValueError, SyntaxError, TypeError, RecursionError, MemoryError):
        return None
    if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
        return None
    if expected and _TRACEBACK.match(expected[0]):
        match = _EXC_LINE.match(expected[-1])
        return DoctestCase(args, kwargs, None, match.group(1).split(".")[-1] if match else "Exception", line)
    text = " ".join(expected)
    if not text:
        return DoctestCase(args, kwargs, None, None, line)  # returns None (the REPL prints nothing)
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, RecursionError, MemoryError):
        return None  # a repr we cannot read back (an object, a float like nan): no evidence
    return DoctestCase(args, kwargs, value, None, line)


def _callee(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""
