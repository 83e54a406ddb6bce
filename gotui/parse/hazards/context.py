"""Context the routers keep for the rules: loops whose order shows, `k in d` guards, loop variables' kinds.

None of this notes anything; it records what later rules read (see walker.py for the frames).
"""

from __future__ import annotations

from tree_sitter import Node

from gotui.parse.hazards.syntax import (
    F_ARGUMENTS,
    F_ATTRIBUTE,
    F_CONSEQUENCE,
    F_FUNCTION,
    F_LEFT,
    F_OBJECT,
    F_OPERATOR,
    F_RIGHT,
    call_args,
    last_statement,
    named,
    target_names,
    text,
)
from gotui.parse.hazards.walker import DICT_KINDS, NOT_DICT_KINDS, Frame, Walker


def mark_loops(w: Walker, innermost: bool) -> None:
    """Something order-sensitive happens here: loops over a dict around it need a note."""
    loop = w.loop
    while loop is not None and loop.func is w.func:
        if loop.dict_iter:
            loop.sensitive = True
        if innermost:
            return
        loop = loop.prev_loop


def push_guard(w: Walker, key: str, mapping: str, end: int) -> None:
    if not key or not mapping:
        return
    f = Frame("guard", min(end, w.frames[-1].end))
    f.guard = (key, mapping)
    w.push(f)


def loop_target_kinds(w: Walker, left: Node | None, right: Node | None) -> None:
    names = target_names(left)
    if not names:
        return
    kind: str | None = None
    first_kind: str | None = None
    if right is not None:
        rk = w.kind(right)
        if rk in ("strlist", "str"):
            kind = "str"
        elif right.type == "call":
            fn = text(right.child_by_field_id(F_FUNCTION), 60)
            pos, _, _ = call_args(right.child_by_field_id(F_ARGUMENTS))
            if fn == "range" and pos and len(pos) <= 2 and (len(pos) == 1 or w.kind(pos[0]) == "nonneg"):
                kind = "nonneg"
            elif fn == "enumerate":
                first_kind = "nonneg"
    for i, n in enumerate(names):
        w.bind(n, first_kind if i == 0 and first_kind else (kind if len(names) == 1 else None))


def dict_iter(w: Walker, expr: Node | None) -> bool:
    """Does iterating this expression walk a dict (in its insertion order)?"""
    if expr is None:
        return False
    if expr.type == "call":
        fn = expr.child_by_field_id(F_FUNCTION)
        if fn is not None and fn.type == "attribute":
            attr = fn.child_by_field_id(F_ATTRIBUTE)
            if attr is not None and attr.text in (b"items", b"keys", b"values"):
                args = expr.child_by_field_id(F_ARGUMENTS)
                if args is not None and args.named_child_count == 0:
                    return w.kind(fn.child_by_field_id(F_OBJECT)) not in NOT_DICT_KINDS
        return False
    return w.kind(expr) in DICT_KINDS


def dict_key_guard(w: Walker, left: Node | None, right: Node | None, end: int) -> None:
    """`for k in d`, `for k in d.keys()`, `for k, v in d.items()`: d[k] is safe inside."""
    if left is None or right is None:
        return
    names = target_names(left)
    if not names:
        return
    if right.type == "call":
        fn = right.child_by_field_id(F_FUNCTION)
        if fn is None or fn.type != "attribute":
            return
        attr = text(fn.child_by_field_id(F_ATTRIBUTE))
        if attr not in ("keys", "items"):
            return
        push_guard(w, names[0], text(fn.child_by_field_id(F_OBJECT), 120), end)
    elif right.type in ("identifier", "attribute"):
        push_guard(w, names[0], text(right, 120), end)


def in_pairs(cond: Node | None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(key, mapping) texts of `k in d` and `k not in d` tests joined by `and` in a condition."""
    yes: list[tuple[str, str]] = []
    no: list[tuple[str, str]] = []
    stack = [cond] if cond is not None else []
    while stack:
        n = stack.pop()
        t = n.type
        if t == "parenthesized_expression":
            stack.extend(named(n)[:1])
        elif t == "boolean_operator":
            op = n.child_by_field_id(F_OPERATOR)
            if op is not None and op.type == "and":
                stack.extend(x for x in (n.child_by_field_id(F_LEFT), n.child_by_field_id(F_RIGHT)) if x is not None)
        elif t == "comparison_operator":
            ops = n.children_by_field_name("operators")
            parts = named(n)
            if len(ops) == 1 and len(parts) == 2 and ops[0].type in ("in", "not in"):
                key, mapping = text(parts[0], 120), text(parts[1], 120)
                m = mapping[:-7] if mapping.endswith(".keys()") else mapping
                (yes if ops[0].type == "in" else no).append((key, m))
    return yes, no


def guards_from(w: Walker, cond: Node | None, end: int, if_node: Node | None) -> None:
    yes, no = in_pairs(cond)
    if no and if_node is not None:
        cons = if_node.child_by_field_id(F_CONSEQUENCE)
        last = last_statement(cons)
        exits = last is not None and last.type in ("return_statement", "raise_statement", "continue_statement", "break_statement")
        for key, mapping in no:
            if exits or (cons is not None and f"{mapping}[{key}] =" in text(cons, 2000)):
                parent = if_node.parent  # rare (a `not in` test): worth the walk from the root
                if parent is not None:
                    push_guard(w, key, mapping, parent.end_byte)
    for key, mapping in yes:
        push_guard(w, key, mapping, end)
