"""None → nil rules (docs/hazards.md, "None → nil"). Each rule's check is the function named after it
(`none-return` → `none_return`); a rule checked at several places has `<rule>_<where>` variants.
"""

from __future__ import annotations

from tree_sitter import Node

from gotui.parse.hazards.syntax import (
    F_ALTERNATIVE,
    F_ATTRIBUTE,
    F_BODY,
    F_CONDITION,
    F_CONSEQUENCE,
    F_FUNCTION,
    F_GUARD,
    F_LEFT,
    F_OPERATOR,
    F_RIGHT,
    call_args,
    last_statement,
    named,
    short,
    text,
)
from gotui.parse.hazards.walker import DICT_KINDS, SEQ_KINDS, Frame, Walker, qual

_EXIT_CALLS = frozenset({"sys.exit", "exit", "quit", "os._exit", "os.abort", "abort"})


def none_return(w: Walker, f: Frame) -> None:
    """At the end of a def that returns a value elsewhere: each `return` / `return None`."""
    if f.generator or f.value_returns == 0:
        return
    for r in f.none_returns:
        w.note("none-return", r)


def none_return_in_conditional(w: Walker, val: Node) -> None:
    """`return a if c else None`."""
    if val.type == "conditional_expression":
        parts = named(val)
        if any(p.type == "none" for p in parts[::2]):
            w.note("none-return", val, message="One branch of this conditional returns None; Go has no None for strings, numbers or structs.")


def implicit_none_return(w: Walker, f: Frame) -> None:
    """At the end of a def that returns a value elsewhere: a path that falls off the end."""
    if f.generator or f.value_returns == 0:
        return
    node = f.node
    body = node.child_by_field_id(F_BODY) if node is not None else None
    if body is not None and not always_exits(body):
        last = node.end_point[0] + 1
        w.note_lines("implicit-none-return", last, last,
                     message=f"{f.name} returns a value on other paths but falls off the end here, returning None; "
                             "a Go function with results must return on every path.")


def has_break(body: Node | None) -> bool:
    """A break that targets this loop (not one in a nested loop or function)."""
    stack = [body] if body is not None else []
    while stack:
        n = stack.pop()
        t = n.type
        if t == "break_statement":
            return True
        if t in ("for_statement", "while_statement", "function_definition", "class_definition", "lambda"):
            alt = n.child_by_field_id(F_ALTERNATIVE) if t != "lambda" else None
            if alt is not None:
                stack.append(alt)  # a break in a loop's else belongs to the outer loop
            continue
        stack.extend(c for c in n.named_children if c.type not in ("expression_statement", "comment"))
    return False


def always_exits(block: Node) -> bool:
    """True when every path through the block ends in return/raise (or an exit call).

    Every branch must exit, so this is an AND over blocks, kept on an explicit stack.
    """
    stack: list[Node | None] = [block]
    while stack:
        b = stack.pop()
        last = last_statement(b)
        if last is None:
            return False
        t = last.type
        if t in ("return_statement", "raise_statement"):
            continue
        if t == "if_statement":
            stack.append(last.child_by_field_id(F_CONSEQUENCE))
            has_else = False
            for alt in last.children_by_field_name("alternative"):
                if alt.type == "else_clause":
                    has_else = True
                    stack.append(alt.child_by_field_id(F_BODY))
                else:
                    stack.append(alt.child_by_field_id(F_CONSEQUENCE))
            if not has_else:
                return False
        elif t == "try_statement":
            fin = next((c for c in last.named_children if c.type == "finally_clause"), None)
            fin_last = last_statement(next((c for c in fin.named_children if c.type == "block"), None)) if fin else None
            if fin_last is not None and fin_last.type in ("return_statement", "raise_statement"):
                continue
            els = next((c for c in last.named_children if c.type == "else_clause"), None)
            stack.append(els.child_by_field_id(F_BODY) if els is not None else last.child_by_field_id(F_BODY))
            for c in last.named_children:
                if c.type == "except_clause":
                    stack.append(next((b2 for b2 in c.named_children if b2.type == "block"), None))
        elif t == "with_statement":
            stack.append(last.child_by_field_id(F_BODY))
        elif t == "while_statement":
            cond = last.child_by_field_id(F_CONDITION)
            if cond is None or cond.type != "true" and not (cond.type == "integer" and text(cond) not in ("0",)):
                return False
            if has_break(last.child_by_field_id(F_BODY)):
                return False
        elif t == "match_statement":
            body = last.child_by_field_id(F_BODY)
            cases = [c for c in named(body) if c.type == "case_clause"]
            if not cases or text(cases[-1].named_child(0), 10) != "_" or cases[-1].child_by_field_id(F_GUARD) is not None:
                return False  # exhaustive only with a final unguarded `case _`
            for c in cases:
                stack.append(c.child_by_field_id(F_CONSEQUENCE))
        elif t == "expression_statement":
            call = last.named_child(0)
            if call is None or call.type != "call" or text(call.child_by_field_id(F_FUNCTION), 40) not in _EXIT_CALLS:
                return False
        elif t == "assert_statement":
            cond = last.named_child(0)
            if cond is None or cond.type != "false":
                return False
        else:
            return False
    return True


_TRUTH_HINTS = {
    "dict": "len({x}) {op} 0", "defaultdict": "len({x}) {op} 0", "defaultdict-map": "len({x}) {op} 0",
    "defaultdict-list": "len({x}) {op} 0", "counter": "len({x}) {op} 0", "list": "len({x}) {op} 0",
    "set": "len({x}) {op} 0", "tuple": "len({x}) {op} 0", "strlist": "len({x}) {op} 0",
    "str": "{x} {eq} \"\"", "int": "{x} {eq} 0", "nonneg": "{x} {eq} 0", "float": "{x} {eq} 0",
}


def truthiness(w: Walker, cond: Node | None, negated: bool = False) -> None:
    """Truth tests of non-bool values in a condition (through and/or/parentheses)."""
    stack = [cond] if cond is not None else []
    while stack:
        n = stack.pop()
        t = n.type
        if t == "parenthesized_expression":
            stack.extend(named(n)[:1])
            continue
        if t == "boolean_operator":
            w.marks[n.id] = "cond"
            stack.extend(x for x in (n.child_by_field_id(F_LEFT), n.child_by_field_id(F_RIGHT)) if x is not None)
            continue
        if t in ("not_operator", "comparison_operator", "call", "true", "false", "none"):
            continue  # not_operator has its own handler; calls: too little is known of their results
        if t == "binary_operator":
            op = n.child_by_field_id(F_OPERATOR)
            if op is not None and op.type == "%":
                w.marks[n.id] = "modzero"  # `if x % n:` tests != 0, which doesn't depend on the sign
            continue
        kind = w.kind(n)
        pattern = _TRUTH_HINTS.get(kind or "")
        if pattern is None:
            continue
        x = short(n)
        if kind in ("str", "int", "nonneg", "float") and text(n) in w.func.optional:
            w.note("truthiness", n, message=f"{x} may be None as well as {'empty' if kind == 'str' else 'zero'}, and both are false here; Go's `if` takes only a bool.",
                   hint=f"With a pointer: `{x} != nil && *{x} != {chr(34) * 2 if kind == 'str' else '0'}`.")
            continue
        op, eq = ("==", "==") if negated else (">", "!=")
        w.note("truthiness", n, hint=f"`{pattern.format(x=x, op=op, eq=eq)}`" + (" (true for a nil map or slice too)." if "len" in pattern else "."))


_BOOLISH = frozenset({"comparison_operator", "not_operator", "true", "false"})
_DEFAULT_RIGHT = frozenset({"string", "concatenated_string", "integer", "float", "list", "dictionary", "tuple", "set", "none", "call"})


def or_default(w: Walker, node: Node, left: Node, right: Node) -> None:
    """`x or default` outside a condition, with a literal/constant/call default."""
    if w.marks.get(node.id) == "cond" or left.type in _BOOLISH or w.kind(left) == "bool":
        return
    if right.type in _DEFAULT_RIGHT or (right.type == "identifier" and text(right).isupper()):
        if right.type == "call" and w.kind(right) == "bool":
            return
        w.marks[left.id] = "or-left"
        w.note("or-default", node)


def is_none_check(w: Walker, node: Node, other: Node) -> None:
    """`x is None` / `x == None` (other is x), unless x is an optional parameter (its note says it)."""
    if other.type == "identifier" and text(other) in w.func.optional:
        return
    w.note("is-none-check", node)


def optional_param(w: Walker, p: Node, kind: str | None) -> None:
    """A parameter typed Optional / `| None` or defaulting to None."""
    if kind in DICT_KINDS or kind in SEQ_KINDS:
        w.note("optional-param", p, hint="Take the map or slice itself: nil stands for None, and reading, len and range work on nil (writes to a nil map panic).")
    else:
        w.note("optional-param", p)


def default_argument(w: Walker, params: Node, defaults: list[str]) -> None:
    """The non-None, non-mutable defaults of one def (`name=value` texts), in one note."""
    names = ", ".join(d.split("=", 1)[0] for d in defaults)
    w.note("default-argument", params,
           message=f"Go has no default parameter values: every caller must pass {names} explicitly.",
           hint=f"Pass the value at each call site, or keep a wrapper that fills in {', '.join(defaults)}, or take an options struct.")


def json_null(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """json.loads/json.load, and `response.json()`: untyped JSON with null in it."""
    if recv is None and fn.text == b"json":
        return
    if recv is not None and text(fn.child_by_field_id(F_ATTRIBUTE)) == "json":
        pos, kw, _ = call_args(args)
        if not pos and not kw and not (recv.type == "identifier" and text(recv) in w.imports):
            w.note("json-null", node, message="response.json() decodes untyped JSON (dicts, lists, None); Go decodes into declared types.")
        return
    if qual(w, fn) in ("json.loads", "json.load"):
        w.note("json-null", node)
