"""String and sequence rules (docs/hazards.md, "Strings and sequences"). Each rule's check is the
function named after it (`str-split` → `str_split`); a rule checked at several places has
`<rule>_<where>` variants.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from gotui.parse.hazards.syntax import (
    F_ATTRIBUTE,
    F_FORMAT_SPECIFIER,
    F_TYPE_CONVERSION,
    call_args,
    is_neg_literal,
    named,
    pos_int_literal,
    short,
    string_value,
    text,
)
from gotui.parse.hazards.walker import NOT_DICT_KINDS, Walker, qual


def str_index_bytes(w: Walker, node: Node) -> None:
    """`s[i]` read on a known str."""
    w.note("str-index-bytes", node)


def negative_index(w: Walker, node: Node, value: Node, idx: Node) -> None:
    """`xs[-n]`."""
    w.note("negative-index", node, hint=f"`{short(value)}[len({short(value)})-{text(idx)[1:].strip()}]` (check the length first).")


def negative_index_in_slice(w: Walker, node: Node) -> None:
    """`s[-n:]`, `s[:-n]`."""
    w.note("negative-index", node, message="Go has no negative slice bounds: s[-n:] and s[:-n] must be written with len().",
           hint="`s[len(s)-n:]` / `s[:len(s)-n]`, after checking len(s) >= n.")


def slice_parts(sl: Node) -> tuple[Node | None, Node | None, Node | None]:
    """(start, stop, step) of a slice node; None for the parts left out."""
    parts: list[Node | None] = [None, None, None]
    i = 0
    for c in sl.children:
        if c.type == ":":
            i += 1
        elif c.is_named and c.type != "comment" and i < 3:
            parts[i] = c
    return parts[0], parts[1], parts[2]


def slice_step(w: Walker, node: Node, value: Node, start: Node | None, stop: Node | None, step: Node) -> None:
    """`s[::k]`; `s[::-1]` gets the reverse idiom."""
    if is_neg_literal(step) and text(step).replace(" ", "") == "-1" and start is None and stop is None:
        hint = ("Reverse the runes: `r := []rune(s); slices.Reverse(r); string(r)`." if w.kind(value) == "str"
                else "`r := slices.Clone(s); slices.Reverse(r)`.")
        w.note("slice-step", node, hint=hint)
    else:
        w.note("slice-step", node)


def _plain_bound(b: Node | None) -> bool:
    return b is not None and (b.type in ("identifier", "attribute") or pos_int_literal(b))


def slice_bounds(w: Walker, node: Node, value: Node, start: Node | None, stop: Node | None) -> None:
    """`s[a:b]` with a name or positive literal bound: Python clamps, Go panics."""
    if _plain_bound(start) or _plain_bound(stop):
        if w.kind(value) == "str":
            w.note("slice-bounds", node, message="Python string slices clamp out-of-range bounds and count code points; Go's count bytes and panic past the end.",
                   hint="Clamp with min(n, len(s)); slice []rune(s) when the text can be non-ASCII.")
        else:
            w.note("slice-bounds", node)


def sequence_repeat(w: Walker, node: Node, left: Node, right: Node) -> None:
    for seq, other in ((left, right), (right, left)):
        if seq.type in ("string", "concatenated_string") and other.type not in ("string", "concatenated_string"):
            w.note("sequence-repeat", node, hint=f"`strings.Repeat({short(seq)}, max({short(other)}, 0))`.")
            return
        if seq.type == "list" and other.type != "list":
            items = named(seq)
            if any(i.type in ("list", "dictionary", "set", "call") for i in items):
                w.note("sequence-repeat", node, severity="warning",
                       message=f"{short(seq)} * n repeats the same inner object n times (every entry aliases it); a Go loop making n values makes n separate ones.",
                       hint="Make the inner values in a loop; keep one shared value only if the code relies on the aliasing.")
            else:
                w.note("sequence-repeat", node, message="`[x] * n` builds a list of n copies; Go has no list repetition operator.",
                       hint="`make([]T, n)` (zero-filled) plus a fill loop, or `slices.Repeat([]T{x}, n)` (Go 1.23).")
            return
    for seq, other in ((left, right), (right, left)):
        if seq.type in ("identifier", "attribute", "call", "subscript") and w.kind(seq) == "str":
            w.note("sequence-repeat", node, hint=f"`strings.Repeat({short(seq)}, max({short(other)}, 0))`.")
            return  # a name the evidence says holds a str: `*` can only repeat it


_PCT = re.compile(r"%(\([^)]*\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([a-zA-Z%])")


def percent_format(w: Walker, node: Node, fmt: Node) -> None:
    value = string_value(fmt) if fmt.type == "string" else None
    if value is None:
        return
    problems = []
    for m in _PCT.finditer(value):
        named, conv = m.group(1), m.group(2)
        if named:
            problems.append(f"%{named}{conv} (named fields)")
        elif conv in "iu":
            problems.append(f"%{conv} (Go uses %d)")
        elif conv in "ra":
            problems.append(f"%{conv} (Go's nearest is %q)")
    if problems:
        w.note("percent-format", node, message=f"This format uses {', '.join(dict.fromkeys(problems))}, which fmt.Sprintf doesn't have.")


def str_split(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """s.split(sep, n), s.rsplit(sep, n), unpacked splits, split() on whitespace (re.split is the regex rules')."""
    if recv is None or qual(w, fn) == "re.split":
        return
    if recv.type == "identifier" and text(recv) in w.imports or w.kind(recv) in NOT_DICT_KINDS - {"str"}:
        return
    pos, kw, star = call_args(args)
    if star:
        return
    sep = pos[0] if pos else kw.get("sep")
    maxsplit = pos[1] if len(pos) > 1 else kw.get("maxsplit")
    if sep is not None and sep.type == "none":
        sep = None
    is_r = fn.child_by_field_id(F_ATTRIBUTE) is not None and text(fn.child_by_field_id(F_ATTRIBUTE)) == "rsplit"
    if maxsplit is not None and not is_neg_literal(maxsplit):
        if is_r:
            w.note("str-split", node, severity="warning", message="rsplit(sep, n) splits from the right; Go has no SplitN from the right.",
                   hint="For n=1: `i := strings.LastIndex(s, sep)`, then s[:i] and s[i+len(sep):] (check i >= 0).")
        else:
            w.note("str-split", node, severity="warning", message="split(sep, n) makes at most n+1 parts; strings.SplitN's n counts parts, not splits.",
                   hint=f"`strings.SplitN(s, sep, {short(maxsplit, 20)}+1)` (strings.Cut when n is 1).")
    elif w.marks.get(node.id) == "unpack":
        w.note("str-split", node, severity="warning",
               message="Unpacking a split raises ValueError unless there are exactly that many parts; Go indexing panics when there are too few and ignores extras.",
               hint="`parts := strings.Split(s, sep); if len(parts) != N { return ..., fmt.Errorf(\"bad input %q\", s) }` (strings.Cut for two parts).")
    elif sep is None:
        w.note("str-split", node, message="split() with no separator splits on runs of whitespace and drops empty strings; strings.Split(s, \" \") doesn't.",
               hint="`strings.Fields(s)`.")


def str_strip_chars(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    pos, kw, star = call_args(args)
    if not pos or pos[0].type == "none" or recv is None:
        return
    name = text(fn.child_by_field_id(F_ATTRIBUTE))
    go = {"strip": "strings.Trim", "lstrip": "strings.TrimLeft", "rstrip": "strings.TrimRight"}[name]
    value = string_value(pos[0])
    message = None
    if value is not None and len(value) > 1:
        message = f"{name}({short(pos[0], 20)}) removes any of the characters {short(pos[0], 20)}, not that string as a prefix or suffix."
    w.note("str-strip-chars", node, message=message,
           hint=f"`{go}(s, {short(pos[0], 20)})` matches it; use strings.TrimPrefix/TrimSuffix if a whole prefix/suffix was meant.")


_BRACE = re.compile(r"\{([^{}]*)\}")


def str_format_method(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    value = string_value(recv)
    if value is None:
        return
    problems: list[str] = []
    for m in _BRACE.finditer(value.replace("{{", "").replace("}}", "")):
        field = m.group(1)
        name, _, spec = field.partition(":")
        name, _, conv = name.partition("!")
        if name and not name.isdigit():
            problems.append(f"named field {{{name}}} → positional argument")
        elif name.isdigit():
            problems.append(f"`{{{name}}}` → `%[{int(name) + 1}]v`")
        if conv:
            problems.append(f"`!{conv}` → %q" if conv == "r" else f"`!{conv}` → %v")
        if spec:
            problems.append(spec_to_verb(spec))
    if problems:
        w.note("str-format-method", node, message=f"str.format fields need fmt verbs: {'; '.join(dict.fromkeys(problems))}.")


def str_len_bytes(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """len(s) of a known str (not a literal)."""
    if recv is not None:
        return
    pos, _, _ = call_args(args)
    if len(pos) == 1 and w.kind(pos[0]) == "str" and pos[0].type != "string":
        w.note("str-len-bytes", node, hint=f"`utf8.RuneCountInString({short(pos[0], 30)})` when non-ASCII text matters; `len()` for byte sizes.")


def fstring_format_spec(w: Walker, node: Node) -> None:
    """Format specs, !r/!s/!a conversions and `=` in an f-string's interpolations."""
    specs: list[str] = []
    for c in node.named_children:
        if c.type != "interpolation":
            continue
        conv = c.child_by_field_id(F_TYPE_CONVERSION)
        spec = c.child_by_field_id(F_FORMAT_SPECIFIER)
        if conv is not None:
            cv = text(conv)
            specs.append(f"`{cv}` → %q (quoting differs)" if cv == "!r" else f"`{cv}` has no verb" if cv == "!a" else f"`{cv}` → %v")
        if spec is not None:
            specs.append(spec_to_verb(text(spec, 200)))
        elif conv is None and any(ch.type == "=" for ch in c.children):
            specs.append("`=` (self-documenting) → write the name into the format")
    if specs:
        w.note("fstring-format-spec", node, message=f"f-string specs need fmt verbs: {'; '.join(dict.fromkeys(specs))}.")


def spec_to_verb(spec: str) -> str:
    """`:02d` → `%02d` and friends; says so when fmt has no verb for it."""
    s = spec.lstrip(":")
    shown = f"`:{s}`"
    if "{" in s:
        return f"{shown} (nested width) → %*v with the width as an argument"
    m = re.fullmatch(r"(?:(.)?([<>^=]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?", s)
    if m is None:
        return f"{shown} has no direct verb"
    fill, align, sign, alt, zero, width, group, prec, typ = m.groups()
    if group:
        return f"{shown} groups thousands: fmt has no verb (golang.org/x/text/message)"
    if align == "^":
        return f"{shown} centres: fmt can't (pad by hand)"
    if fill and fill not in (" ", "0"):
        return f"{shown} pads with {fill!r}: fmt pads only with spaces or zeros"
    if typ == "%":
        return f"{shown} percent: multiply by 100 and use %{'.' + prec if prec else ''}f%%"
    if typ == "n":
        return f"{shown} is locale-aware: fmt isn't"
    verb = {"d": "d", "s": "s", "f": "f", "F": "f", "e": "e", "E": "E", "g": "g", "G": "G", "x": "x", "X": "X",
            "o": "o", "b": "b", "c": "c", None: "v"}[typ]
    flags = (sign or "") + ("#" if alt else "") + ("-" if align == "<" else "") + ("0" if zero or align == "=" else "")
    if align == ">" and typ in (None, "s"):
        flags = flags.replace("-", "")
    if typ is None and prec is not None:
        verb = "g"  # {x:.3} is 3 significant digits
    return f"{shown} → `%{flags}{width or ''}{'.' + prec if prec else ''}{verb}`"
