"""Partial Go that keeps what it can: an untranslatable statement becomes a TODO that panics in place.

`statements.StmtMixin.block_stmts` saves the lowering state before each statement when salvaging
(`save_state`); if the statement raises Unsupported, `todo_here` undoes what it emitted and changed and
writes the TODO instead. See docs/offline-translator.md, "Partial translations".
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from gotui.llm.rules import goast as g
from gotui.llm.rules.context import Base, Facts, Var
from gotui.llm.rules.todo import Unsupported

_DECL = re.compile(r"^(?:(?:for|if|switch)\s+)?([A-Za-z_][\w]*(?:\s*,\s*[A-Za-z_]\w*)*)\s*:=")
_VAR = re.compile(r"^var\s+([A-Za-z_]\w*)\b")


def visible_locals(lines: list[str], indent: int) -> list[str]:
    """Go locals declared in `lines` (tab-indented Go) still in scope at the next line at `indent`.

    Walking back, a line indented deeper than every line seen since belongs to a block already
    closed; a line that opens a block (`for k := range`, `if v, ok := ...; ok {`) declares names only
    for the block it opens, so only when it opens one the next line is inside.
    """
    out: list[str] = []
    level = indent
    for line in reversed(lines):
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        text = line.strip()
        if depth > level:
            continue
        opens = text.endswith("{") and text.startswith(("for ", "for{", "if ", "switch ", "else", "}", "{"))
        if opens and depth == level:
            continue  # a sibling block's header: its names are scoped to that closed block
        level = min(level, depth)
        m = _VAR.match(text) or _DECL.match(text)
        if m is None:
            continue
        for name in m.group(1).split(","):
            name = name.strip()
            if name and name != "_" and name not in out:
                out.append(name)
    return out


BLANK_MARK = "\x00blank:"
_LITERALS = re.compile(r'"(?:[^"\\\n]|\\.)*"|`[^`]*`|//[^\n]*')
_LHS = re.compile(r"^\s*[\w\s,]+?\s*(?::=|=|[-+*/%&|^]=|<<=|>>=)(?!=)")


def prune_blank_uses(lines: list[str]) -> None:
    """Turn each `_todo_here` mark into `_ = x, ...` for the locals no later line reads (Go: declared and not used).

    A later line reads x when x appears in it outside string literals, comments and a leading
    assignment target (`x = ...`, `x += ...` are not uses in Go).
    """
    out: list[str] = []
    reads: list[str] = []  # the later lines, as code that may read a name
    for line in reversed(lines):  # from the end: a later `_ = x` kept is itself a read of x
        head, sep, rest = line.partition(BLANK_MARK)
        if sep:
            keep = [n for n in rest.split(",") if not any(re.search(rf"\b{re.escape(n)}\b", t) for t in reads)]
            if not keep:
                continue
            line = head + ", ".join("_" for _ in keep) + " = " + ", ".join(keep)
        out.append(line)
        reads.append(_LHS.sub("", _LITERALS.sub('""', line), count=1))
    lines[:] = out[::-1]


@dataclass
class SavedState:
    """What a statement may change, to undo it when it turns out untranslatable (`_todo_here`)."""

    lines: int
    indent: int
    vars: dict[str, Var]
    facts: Facts
    tries: int
    loop_flags: int
    err_declared: bool
    top_err: bool
    hoist_ok: bool
    closure: int




def save_state(self: Base) -> SavedState:
    """What the next statement may change."""
    return SavedState(
        len(self.lines), self.indent, {k: dataclasses.replace(v) for k, v in self.vars.items()}, self.facts.copy(),
        len(self.tries), len(self.loop_flags), self.err_declared, self.top_err, self.hoist_ok, self.closure,
    )


def todo_here(self: Base, state: SavedState, exc: Unsupported, last: bool) -> None:
    """Part of a function that stays Python: the statement becomes a TODO that panics, the rest is kept.

    A statement that ends its block in Python (return, raise, an if whose branches all return)
    becomes `panic(...)`, a terminating statement in Go too (so a function that must return still
    compiles); any other becomes `pyTodo(...)`, a call that panics, so the statements after it are
    still translated and Go sees no unreachable code. They never run
    before the TODO is done, so what the lost statement would have told about types or flow is
    simply forgotten (facts reset; a name it would have bound is unknown and its uses are TODOs too).
    Go rejects a local declared and never used; the statement dropped here may have held its
    only use, so the locals visible here are used once with `_ =` first.
    """
    del self.lines[state.lines:]
    self.indent, self.vars, self.facts = state.indent, state.vars, state.facts
    del self.loop_flags[state.loop_flags:]
    self.err_declared, self.top_err, self.hoist_ok, self.closure = state.err_declared, state.top_err, state.hoist_ok, state.closure
    reason = " ".join(exc.reason.split())
    self.todos.append(Unsupported(reason, exc.line or self.line))
    names = visible_locals(self.lines, self.indent)
    names += [v.go for v in self.vars.values() if v.hoisted and v.declared and not v.write_only and v.go not in names]
    if self.top_err and "err" not in names:
        names.append("err")
    if names:
        self.emit(BLANK_MARK + ",".join(names))  # kept as `_ = x` only where nothing later reads x (prune_blank_uses)
    self.emit(f"// TODO(gotui): {reason}")
    self.emit(f"panic({g.go_string('gotui: ' + reason)})" if last else f"pyTodo({g.go_string(reason)})")
    self.facts = Facts()
