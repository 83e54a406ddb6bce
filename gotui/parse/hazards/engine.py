"""The engine: one pre-order pass over a module's tree, each node handed to the routers for its type.

Layers, top to bottom (each imports only those below it, never the other way):
  engine.py   the walk and module_notes
  routes.py   node type → routers, called name → rule checks
  dicts, nones, numbers, strings, control, dynamics, libraries   the rules, one module per area
  context.py  guards, loop marks, loop variables' kinds
  walker.py   frames, names and kinds, how a note is made
  usage.py    parameters' kinds from their def's uses, evidence types → kinds
  syntax.py   field ids and node helpers; rules.py, library_table.py the tables

Speed matters: a TreeCursor walk in document order, no per-node Python work beyond one dict lookup
by type. Nothing recurses over the tree, so deeply nested code cannot overflow the stack.

A check that raises must not stop the scan for a user, so the walk counts it (`Walker.failures`,
logged once per module) and goes on. Under tests it must fail loudly: with GOTUI_HAZARDS_STRICT=1 in
the environment (tests/test_hazards*.py set it), or `walk(module, strict=True)`, the error propagates.
"""

from __future__ import annotations

import logging
import os
from operator import attrgetter

from tree_sitter import Node, Tree

from gotui.parse.hazards.routes import ROUTES, frame_end
from gotui.parse.hazards.rules import RULES
from gotui.parse.hazards.usage import ParamKinds
from gotui.parse.hazards.walker import BIG, SKIP, Walker
from gotui.parse.note import Note
from gotui.parse.treesitter import first_error_line
from gotui.parse.units import ParsedModule

STRICT_ENV = "GOTUI_HAZARDS_STRICT"
log = logging.getLogger(__name__)


def strict_default() -> bool:
    """Re-raise a failing check instead of counting it? (GOTUI_HAZARDS_STRICT=1: tests set it.)"""
    return os.environ.get(STRICT_ENV, "") not in ("", "0")


def walk(module: ParsedModule, strict: bool | None = None, param_kinds: ParamKinds | None = None) -> Walker:
    """Run every check over the module's tree; the Walker holds the notes (unsorted) and the failure count.

    Parameters without an annotation take their kind from `param_kinds` (def line → param → kind:
    richer evidence a caller has), else from how the def's body uses them (usage.def_usage).
    """
    if strict is None:
        strict = strict_default()
    w = Walker(module, on_end=frame_end)
    tree: Tree | None = module.tree
    if tree is None:
        return w
    root = tree.root_node
    w.param_kinds = param_kinds or {}
    w.src = root.text or b""
    get = ROUTES.get
    frames = w.frames
    cursor = root.walk()
    goto_first_child = cursor.goto_first_child
    goto_next_sibling = cursor.goto_next_sibling
    goto_parent = cursor.goto_parent
    while True:
        node = cursor.node
        routers = get(node.type)
        if routers is None:
            if goto_first_child():
                continue
        else:
            descend = True
            try:
                if node.start_byte >= frames[-1].end:
                    w.pop_until(node.start_byte)  # closes frames: their end checks run here
                for router in routers:
                    if router(w, node) is SKIP:
                        descend = False
            except Exception:  # a check must never stop a user's scan: count it (tests re-raise)
                if strict:
                    raise
                w.failures += 1
            if descend and goto_first_child():
                continue
        while not goto_next_sibling():
            if not goto_parent():
                try:
                    w.pop_until(BIG)
                except Exception:
                    if strict:
                        raise
                    w.failures += 1
                return w


def file_skipped(module: ParsedModule) -> Note:
    """The one note of a file that was not parsed (binary, not UTF-8, too large)."""
    info = RULES["file-skipped"]
    return Note(module.path, 1, 1, "file-skipped", info.severity,
                f"Skipped: {module.skipped}; no hazards were looked for.", info.go)


def syntax_error(module: ParsedModule) -> Note:
    """The note at the first syntax error of a module that did not parse cleanly."""
    line = 1
    if module.tree is not None:
        try:
            line = first_error_line(module.tree) or 1
        except Exception:
            line = 1
    info = RULES["syntax-error"]
    return Note(module.path, line, line, "syntax-error", info.severity,
                f"The file has a {module.error}; units after it may be missing or partial.", info.go)


_MAIN_GUARD = ("__name__ == \"__main__\"", "__name__ == '__main__'", "TYPE_CHECKING", "typing.TYPE_CHECKING")
_EFFECT_STATEMENTS = frozenset({"for_statement", "while_statement", "with_statement", "if_statement", "try_statement",
                                "expression_statement", "delete_statement"})


def _effect(node: Node) -> bool:
    """A top-level statement that does something at import (see llm/rules/package.py `has_effect`)."""
    if node.type not in _EFFECT_STATEMENTS:
        return False
    if node.type == "expression_statement":
        inner = node.named_children[0] if node.named_children else None
        if inner is None or inner.type in ("string", "assignment", "ellipsis", "concatenated_string"):
            return False
        if inner.type == "augmented_assignment":
            left = inner.child_by_field_name("left")
            return not (left is not None and (left.text or b"").startswith(b"__"))
        return True
    if node.type == "if_statement":
        cond = node.child_by_field_name("condition")
        return (cond.text or b"").decode("utf-8", "replace").strip() not in _MAIN_GUARD if cond is not None else True
    if node.type == "try_statement":
        body = node.child_by_field_name("body")
        kinds = {c.type for c in body.named_children} if body is not None else set()
        return not kinds <= {"import_statement", "import_from_statement", "pass_statement", "expression_statement", "comment"}
    return True


def import_time_effect(module: ParsedModule) -> list[Note]:
    """One risk note per top-level statement that runs for its effect when the module is imported."""
    if module.tree is None:
        return []
    info = RULES["import-time-effect"]
    out = []
    for node in module.tree.root_node.named_children:
        if _effect(node):
            line, end = node.start_point[0] + 1, node.end_point[0] + 1
            out.append(Note(module.path, line, end, "import-time-effect", info.severity,
                            "Runs when the module is imported; in Go it goes into init(), which runs when the package "
                            "loads (files in name order), or stays a TODO there when it cannot be translated.", info.go))
    return out


def module_notes(module: ParsedModule, param_kinds: ParamKinds | None = None) -> list[Note]:
    """All hazard notes of one parsed module, sorted; one rule's notes in one def grouped into one.

    A skipped file gets one note saying why. `param_kinds` (def line → param → kind) adds evidence
    to what the walk finds itself (see `walk`).
    """
    if module.skipped:
        return [file_skipped(module)]
    head = [syntax_error(module)] if module.error else []
    strict = strict_default()
    try:
        w = walk(module, strict, param_kinds)
        notes = group_by_def(sorted(set(w.notes) | set(import_time_effect(module)), key=_NOTE_KEY), w.def_spans)
        if w.failures:
            log.warning("hazard notes for %s: %d check(s) failed; its notes may be incomplete", module.path, w.failures)
    except Exception:  # belt and braces: the walk itself guards every check
        if strict:
            raise
        log.warning("hazard notes for %s: the walk failed; no notes for it", module.path)
        notes = []
    # a key sort: the dataclass's own __lt__ is slow Python; same order (the path is the same for all)
    return sorted(set(head + notes), key=_NOTE_KEY) if head else notes


_NOTE_KEY = attrgetter("line", "end_line", "rule", "severity", "message", "go_hint")


def group_by_def(notes: list[Note], spans: list[tuple[int, int]]) -> list[Note]:
    """Notes of one rule inside one def (the innermost) with the same severity and Go hint become one
    note listing their lines (notes whose advice differs, like split's SplitN and Fields, stay apart).

    `notes` sorted by line, `spans` the defs' (first, last) lines. A 50-line function with the same
    hazard on twelve lines gets one note, spanning the first to the last, not twelve.
    """
    if len(notes) < 2 or not spans:
        return notes
    spans = sorted(spans)
    groups: dict[tuple[int, str, str, str], list[Note]] = {}
    out: list[Note] = []
    stack: list[tuple[int, int]] = []
    i = 0
    for n in notes:
        while i < len(spans) and spans[i][0] <= n.line:
            while stack and stack[-1][1] < spans[i][0]:
                stack.pop()
            stack.append(spans[i])
            i += 1
        while stack and stack[-1][1] < n.line:
            stack.pop()
        if not stack:
            out.append(n)  # module or class level: nothing to group by
            continue
        key = (stack[-1][0], n.rule, n.severity, n.go_hint)  # same rule, same weight, same advice
        group = groups.get(key)
        if group is None:
            groups[key] = [n]
            out.append(n)  # its place; replaced below if others join it
        else:
            group.append(n)
    merged = {id(g[0]): _merged(g) for g in groups.values() if len(g) > 1}
    if not merged:
        return out
    return sorted((merged.get(id(n), n) for n in out), key=_NOTE_KEY)


def _merged(group: list[Note]) -> Note:
    lines = sorted({n.line for n in group})
    by_message: dict[str, list[int]] = {}
    for n in group:
        by_message.setdefault(n.message, []).append(n.line)
    if len(by_message) == 1:
        message = f"{_lines(lines)}: {group[0].message}"
    else:
        message = " ".join(f"{_lines(sorted(set(ls)))}: {m}" for m, ls in by_message.items())
    first = group[0]
    return Note(first.path, lines[0], max(n.end_line for n in group), first.rule, first.severity, message, first.go_hint)


def _lines(lines: list[int]) -> str:
    return f"Line {lines[0]}" if len(lines) == 1 else "Lines " + ", ".join(map(str, lines))
