"""Number rules (docs/hazards.md, "Numbers"). Each rule's check is the function named after it
(`floor-division` → `floor_division`); a rule checked at several places has `<rule>_<where>` variants.
"""

from __future__ import annotations

from tree_sitter import Node

from gotui.parse.hazards.syntax import (
    F_ATTRIBUTE,
    F_EXPRESSION,
    F_FORMAT_SPECIFIER,
    F_FUNCTION,
    F_LEFT,
    F_OPERATOR,
    F_RIGHT,
    F_TYPE_CONVERSION,
    call_args,
    is_neg_literal,
    pos_int_literal,
    short,
    string_value,
    text,
)
from gotui.parse.hazards.walker import NUM_KINDS, Walker, qual


def nonneg(w: Walker, n: Node | None) -> bool:
    return n is not None and (n.type == "integer" or w.kind(n) == "nonneg")


def floor_division(w: Walker, node: Node, left: Node, right: Node) -> None:
    lk, rk = w.kind(left), w.kind(right)
    if "object" in (lk, rk) or decimal_result(node):
        return  # Decimal, Fraction, a class: `//` is its own method, not int flooring (the evidence says so)
    if "float" in (lk, rk) or left.type == "float" or right.type == "float":
        w.note("floor-division", node, message="`//` on floats floors (-7.0 // 2 == -4.0); Go's float `/` doesn't round at all.",
               hint="`math.Floor(a / b)`.")
    elif nonneg(w, left) and (pos_int_literal(right) or rk == "nonneg"):
        w.note("floor-division", node, severity="info",
               message="Both operands are non-negative here, so Go's integer `/` gives the same result as `//`.", hint="`a / b`.")
    else:
        w.note("floor-division", node)
    zero_division_by_len(w, node, right)


_FORMATISH = ("msg", "message", "fmt", "format", "template", "tmpl", "tpl", "text", "sql", "query", "pattern",
              "string", "label", "title", "url", "html", "line", "prefix", "suffix", "name", "help", "error", "warning")


_FORMAT_ARGS = frozenset({"sql", "params", "args", "values", "kwargs", "context", "data", "fields"})


_GETTEXT = frozenset({"_", "gettext", "ngettext", "pgettext", "npgettext", "gettext_lazy", "ngettext_lazy", "ugettext",
                      "pgettext_lazy", "format_lazy", "mark_safe", "str"})


def formatish(w: Walker, left: Node, right: Node) -> bool:
    """Is `left % right` printf-style formatting rather than arithmetic?"""
    if right.type in ("tuple", "dictionary", "string", "concatenated_string") or w.kind(right) == "str":
        return True
    if right.type in ("identifier", "attribute") and text(right, 120).rsplit(".", 1)[-1].lower() in _FORMAT_ARGS:
        return True
    if left.type == "call":
        name = text(left.child_by_field_id(F_FUNCTION), 120).rsplit(".", 1)[-1]
        return name in _GETTEXT or any(word in name.lower() for word in _FORMATISH)
    if left.type in ("identifier", "attribute") and w.kind(left) not in NUM_KINDS:
        last = text(left, 120).rsplit(".", 1)[-1].lower()
        return any(word in last for word in _FORMATISH)
    return False


def numeric(w: Walker, n: Node) -> bool:
    """Known to be a number: a literal, a typed int/float, len(), or arithmetic."""
    t = n.type
    if t in ("integer", "float") or w.kind(n) in NUM_KINDS:
        return True
    if t == "unary_operator":
        return True
    if t == "call":
        return text(n.child_by_field_id(F_FUNCTION), 20) in ("len", "int", "abs", "ord", "round")
    if t == "parenthesized_expression":
        inner = n.named_child(0)
        return inner is not None and inner.type in ("binary_operator", "integer", "unary_operator", "call") and numeric(w, inner)
    if t == "binary_operator":
        op = n.child_by_field_id(F_OPERATOR)
        return op is not None and op.type in ("+", "-", "*", "//", "%") and (
            numeric(w, n.child_by_field_id(F_LEFT)) or numeric(w, n.child_by_field_id(F_RIGHT)))
    return False


def modulo_sign(w: Walker, node: Node, left: Node, right: Node) -> None:
    """`a % b` on numbers (a string on the left is printf formatting: strings.percent_format)."""
    lk = w.kind(left)
    if w.marks.get(node.id) == "modzero" or formatish(w, left, right):
        return
    if lk == "object" or w.kind(right) == "object":
        return  # Decimal % Decimal keeps the dividend's sign: the int rule's claim would be false
    if not (numeric(w, right) or numeric(w, left)):
        return  # `template % args` with untyped names: formatting as often as not
    if nonneg(w, left) and (pos_int_literal(right) or w.kind(right) == "nonneg"):
        w.note("modulo-sign", node, severity="info",
               message="Both operands are non-negative here, so Go's `%` gives the same result.", hint="`a % b`.")
    elif lk == "float" or right.type == "float" or left.type == "float":
        w.note("modulo-sign", node, message="`%` on floats takes the divisor's sign in Python; Go has no `%` on floats, and math.Mod takes the dividend's sign.",
               hint="`r := math.Mod(a, b); if r != 0 && (r < 0) != (b < 0) { r += b }`.")
    else:
        w.note("modulo-sign", node)
    zero_division_by_len(w, node, right)


def power_operator(w: Walker, node: Node, left: Node, right: Node) -> None:
    if left.type == "integer" and right.type == "integer":
        try:
            value = int(text(left).replace("_", ""), 0) ** min(int(text(right).replace("_", ""), 0), 4096)
        except ValueError:
            return
        if value.bit_length() > 63:
            w.note("unbounded-int", node, severity="risk",
                   message=f"{short(node)} doesn't fit in int64; Python's int grows, a Go constant this size won't compile into an int.")
        else:
            w.note("power-operator", node, severity="info", message="Go has no `**`; this is a constant.",
                   hint=f"Write the value ({value}) or a shift (`1 << n` for powers of two).")
        return
    if "float" in (w.kind(left), w.kind(right)) or right.type == "float" or is_neg_literal(right):
        w.note("power-operator", node, severity="info", message="Go has no `**`; on floats math.Pow gives the same result.",
               hint="`math.Pow(x, y)`.")
        return
    w.note("power-operator", node)


_PATHISH = ("path", "dir", "root", "folder", "base", "home", "parent", "cwd")


# methods only Decimal (and Fraction) results have: `(a / b).quantize(...)` says a / b is no float
_DECIMAL_METHODS = frozenset(b"quantize to_integral to_integral_value to_integral_exact normalize adjusted "
                             b"limit_denominator copy_abs copy_sign is_signed".split())


def decimal_result(node: Node) -> bool:
    """Is the value of `node` used through a Decimal-only method (`(a / b).to_integral(...)`)?"""
    up = node.parent
    while up is not None and up.type == "parenthesized_expression":
        up = up.parent
    if up is None or up.type != "attribute":
        return False
    attr = up.child_by_field_id(F_ATTRIBUTE)
    return attr is not None and attr.text in _DECIMAL_METHODS


def true_division(w: Walker, node: Node, left: Node, right: Node) -> None:
    lk, rk = w.kind(left), w.kind(right)
    if "object" in (lk, rk) or decimal_result(node):
        return  # Decimal / Decimal is a Decimal: "always a float" would be false
    if "float" in (lk, rk) or "str" in (lk, rk) or "path" in (lk, rk):
        zero_division_by_len(w, node, right)
        return
    if left.type in ("float", "string") or right.type in ("float", "string", "concatenated_string"):
        return
    if any(p in text(left, 120).lower() for p in _PATHISH):
        return  # pathlib's `/` joins paths
    w.note("true-division", node)
    zero_division_by_len(w, node, right)


def zero_division_by_len(w: Walker, node: Node, right: Node) -> None:
    if right.type == "call" and text(right.child_by_field_id(F_FUNCTION)) == "len":
        w.note("zero-division", node, severity="info",
               message="When the sequence is empty Python raises ZeroDivisionError here; Go panics for ints and gives NaN or ±Inf for floats.",
               hint="`if len(xs) == 0 { return 0, ErrEmpty }` before dividing.")


def unbounded_int_shift(w: Walker, node: Node, left: Node, right: Node) -> None:
    if left.type == "integer" and right.type == "integer":
        try:
            if (int(text(left).replace("_", ""), 0) << min(int(text(right).replace("_", ""), 0), 4096)).bit_length() <= 63:
                return
        except ValueError:
            return
    w.note("unbounded-int", node, message="`<<` never overflows in Python; in Go bits shifted past 64 are lost silently.")


def unbounded_int(w: Walker, node: Node) -> None:
    """An integer literal past int64."""
    if node.end_byte - node.start_byte < 18:
        return
    s = text(node).replace("_", "").rstrip("lLjJ")
    try:
        value = int(s, 0)
    except ValueError:
        return
    if value > (1 << 63) - 1:
        fits = "fits uint64 but not int64" if value < (1 << 64) else "doesn't fit in 64 bits"
        w.note("unbounded-int", node, severity="risk", message=f"The literal {short(node)} {fits}; Go's int is 64-bit.",
               hint="uint64 if it fits, else math/big (`new(big.Int).SetString(\"...\", 10)`).")


def unbounded_int_call(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """pow(b, e, m), math.factorial/comb/perm (pow(b, e) is power_operator)."""
    pos, _, _ = call_args(args)
    q = qual(w, fn)
    if recv is None and fn.text == b"pow" and len(pos) == 3:
        w.note("unbounded-int", node, message="pow(b, e, m) is exact modular exponentiation on unbounded ints; in Go b*b overflows int64.",
               hint="`new(big.Int).Exp(b, e, m)`.")
    elif recv is None and fn.text == b"pow" and len(pos) == 2:
        power_operator(w, node, pos[0], pos[1])
    elif q in ("math.factorial", "math.comb", "math.perm"):
        w.note("unbounded-int", node, message=f"{q} returns an exact unbounded int; 21! already overflows int64.",
               hint="math/big (`new(big.Int).MulRange(1, n)` for factorial, `Binomial` for comb), or bound n.")


def round_half_even(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """round(x) and round(x, n)."""
    if recv is not None:
        return
    pos, kw, _ = call_args(args)
    if len(pos) >= 2 or "ndigits" in kw:
        w.note("round-half-even", node, message="round(x, n) rounds the binary float to n decimals, halves to even (round(2.675, 2) == 2.67); Go has no decimal rounding function.",
               hint="For display `strconv.FormatFloat(x, 'f', n, 64)`; for money keep integer cents; `math.RoundToEven(x*p)/p` is only approximate.")
    elif pos:
        w.note("round-half-even", node)


_STRING_SOURCES = frozenset({"group", "readline", "decode", "getenv"})


def stringy(w: Walker, n: Node) -> bool:
    """Is this (very likely) text: a literal, a known str, or a call that returns text?"""
    if n.type in ("string", "concatenated_string") or w.kind(n) == "str":
        return True
    if n.type == "call":
        f = n.child_by_field_id(F_FUNCTION)
        if f is not None and f.type == "identifier":
            return text(f) == "input"
        if f is not None and f.type == "attribute":
            return text(f.child_by_field_id(F_ATTRIBUTE)) in _STRING_SOURCES
    return False


def int_parse_error(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """int(s) / float(s) of text, int(s, base)."""
    if recv is not None:
        return
    pos, kw, star = call_args(args)
    if star or not pos:
        return
    is_int = fn.text == b"int"
    if is_int and (len(pos) == 2 or "base" in kw):
        w.note("int-parse-error", node, message="int(s, base) raises ValueError on bad digits and accepts '_' and a 0x/0o/0b prefix for base 0; strconv.ParseInt returns an error.",
               hint="`n, err := strconv.ParseInt(s, base, 64)` and test err.")
        return
    arg = pos[0]
    if not stringy(w, arg):
        return
    if arg.type == "string" and string_value(arg) is not None:
        v = (string_value(arg) or "").strip().lower()
        if v in ("inf", "-inf", "+inf", "nan", "infinity", "-infinity"):
            w.note("int-parse-error", node, severity="info", message=f"float({short(arg)}) is a constant in Go.",
                   hint="`math.Inf(1)`, `math.Inf(-1)` or `math.NaN()`.")
            return
    if is_int:
        w.note("int-parse-error", node)
    else:
        w.note("int-parse-error", node, message="float() raises ValueError on bad input and accepts surrounding whitespace and '_' between digits; strconv.ParseFloat returns an error and rejects both.",
               hint="`f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); if err != nil { return ..., err }`.")


def float_format(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """str(x) of a float."""
    if recv is not None:
        return
    pos, _, _ = call_args(args)
    if len(pos) == 1 and (w.kind(pos[0]) == "float" or pos[0].type == "float"):
        w.note("float-format", node)


def float_format_in_print(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """print(x) of a float: noted at the argument."""
    if recv is not None:
        return
    pos, _, _ = call_args(args)
    for a in pos:
        if a.type == "float" or w.kind(a) == "float":
            w.note("float-format", a)


def float_format_in_fstring(w: Walker, node: Node) -> None:
    """f"{x}" of a float with no spec, conversion or `=` (an f-string's router calls this)."""
    for c in node.named_children:
        if c.type != "interpolation":
            continue
        expr = c.child_by_field_id(F_EXPRESSION)
        if c.child_by_field_id(F_TYPE_CONVERSION) is not None or c.child_by_field_id(F_FORMAT_SPECIFIER) is not None:
            continue
        if any(ch.type == "=" for ch in c.children):
            continue
        if expr is not None and w.kind(expr) == "float":
            w.note("float-format", c)


def zero_division(w: Walker, node: Node, header_end: Node) -> None:
    """`except ZeroDivisionError` / `except ArithmeticError` (the except router decides)."""
    w.note("zero-division", node, end=header_end)
