"""f-strings, `%` formatting and str.format -> fmt.Sprintf, keeping Python's output.

Floats print through helpers (pyFloatStr for `{x}`, pyFloatFixed for `{x:.2f}`) because Go's `%v` and `%f`
print 1.0 as "1" and infinity as "+Inf" where Python prints "1.0" and "inf".
"""

from __future__ import annotations

import ast
import re

from gotui.llm.rules import goast as g
from gotui.llm.rules.context import E, Lowerer
from gotui.llm.rules.goast import Atom, GoExpr
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.dispatch import descendants
from gotui.llm.rules.types import BOOL, FLOAT, INT, NONE, STR, ClassT, DictT, DynT, ListT, OptT, SetT, T, TupleT, describe, prune

SPEC = re.compile(r"^(?:(?P<fill>.)?(?P<align>[<>=^]))?(?P<sign>[+\- ])?(?P<alt>#)?(?P<zero>0)?(?P<width>\d+)?(?P<grouping>[,_])?(?:\.(?P<prec>\d+))?(?P<type>[bcdeEfFgGnosxX%])?$")


def repr_of(tr: Lowerer, e: E, what: str = "repr()", message: bool = False) -> E:
    """Python's repr() of a value: of an int, float or bool its str(); of a str, the quoted and escaped
    text (`pyReprStr`). Other types' repr is refused (a class's __repr__ is called by name instead).
    In an exception's `message`, an `any` is written by pyReprAny."""
    t = prune(e.t)
    if t == STR:
        return E(g.call("pyReprStr", e.g), STR)
    if t in (INT, FLOAT, BOOL):
        return E(tr.to_str(e), STR)
    if isinstance(t, DynT) and message:
        # a key of several types in a KeyError's message: pyReprAny writes None, numbers, text and tuples of
        # them as Python does (a message only: another value may read differently)
        return E(g.call("pyReprAny", e.g), STR)
    if isinstance(t, DynT):  # pyReprOf writes None, numbers, text, a class by its __repr__ and tuples of them, and panics on the rest
        return E(g.call("pyReprOf", e.g), STR)
    raise Unsupported(f"{what} of {describe(t)} (Python's repr format)")


_BUILTIN_TYPE_NAMES = {INT: "int", FLOAT: "float", STR: "str", BOOL: "bool", NONE: "NoneType"}


def type_call(tr: Lowerer, node: ast.expr) -> E | None:
    """`type(x)` where it is written as text (`f"... got {type(x)}"`, `str(type(x))`): Python's
    `<class 'semver.version.Version'>`, from x's Go type; an Optional is NoneType when nil
    (`pyTypeOr`). None for any other node; Unsupported where the type is not known exactly (a class
    with subclasses, a value of several types)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "type" and "type" not in tr.vars
            and len(node.args) == 1 and not node.keywords):
        return None
    e = tr.opaque(node.args[0])
    t = prune(e.t)
    inner = prune(t.inner) if isinstance(t, OptT) else t
    name = _BUILTIN_TYPE_NAMES.get(inner) or {ListT: "list", DictT: "dict", SetT: "set", TupleT: "tuple"}.get(type(inner))  # type: ignore[call-overload]
    if name is None and isinstance(inner, ClassT):
        cls = tr.pkg.class_by_name(inner.name)
        dotted = tr.pkg.dotted_module(cls.module) if cls is not None and cls.outer is None else None
        if cls is None or dotted is None or descendants(tr.pkg, cls):
            raise Unsupported(f"type() of a {inner.name} (a subclass, or a module whose import name is not known, could be the type)")
        name = f"{dotted}.{cls.name}"
    if name is None:
        raise Unsupported(f"type() of {describe(t)}")
    text = g.go_string(f"<class '{name}'>")
    if isinstance(t, OptT) or isinstance(inner, ClassT):  # (a class's Go pointer is nil where Python's None came)
        return E(g.call("pyTypeOr", e.g, Atom(text)), STR)
    return E(Atom(text), STR)


class Formatter:
    def __init__(self, tr: Lowerer) -> None:
        self.tr = tr
        self.fmt: list[str] = []
        self.args: list[GoExpr] = []
        self.computed: dict[str, GoExpr] = {}

    def literal(self, text: str) -> None:
        self.fmt.append(text.replace("%", "%%"))

    def value(self, e: E, spec: str, conversion: int = -1, computed: dict[str, GoExpr] | None = None) -> None:
        """`{e:spec}`; `computed`: a width or precision given by Go ints (computed_spec)."""
        self.computed = computed or {}
        t = prune(e.t)
        if isinstance(t, DynT):  # `{x}` of a value of several types: its str() or repr(), with no spec to apply
            if spec or conversion not in (-1, ord("s"), ord("r")):
                raise Unsupported(f"a format spec or !a on `any` ({t.why}): Go would need a type switch")
            if conversion != ord("r"):  # (repr_of writes it below)
                e, t = E(self.tr.to_str(e), STR), STR
        if conversion == ord("r"):
            e = repr_of(self.tr, e, "!r")
            t = STR
        elif conversion == ord("s"):
            # the spec then formats str(x): `{5!s:3}` pads on the right like a string
            if t != STR:
                e = E(self.tr.to_str(e), STR)
                t = STR
        elif conversion != -1:
            raise Unsupported("!a conversions (Python's ascii format)")
        m = SPEC.match(spec)
        if m is None:
            raise Unsupported(f"format spec {spec!r}")
        d = m.groupdict()
        if t == BOOL and spec:
            # format(True, ">6") is int formatting ("     1"); only an empty spec gives "True"
            if d["type"] in ("s", "c", "e", "f", "F", "g", "G", "E", "%", "n") or d["prec"] is not None:
                raise Unsupported(f"format spec {spec!r} for a bool")
            e = E(g.call("pyBoolInt", e.g), INT)
            t = INT
        if d["sign"] not in (None, "-") or d["type"] in ("n", "%", "g", "G", "c", "E", "F"):
            raise Unsupported(f"format spec {spec!r}")
        if d["grouping"]:
            self._grouped(e, t, d, spec)
            return
        fill, align, width = d["fill"], d["align"], d["width"] or ""
        if align == "^" or align == "=" or fill not in (None, " ") and not (fill == "0" and align == ">" and t in (INT,)):
            raise Unsupported(f"format spec {spec!r} (fill/alignment)")
        typ, prec, zero, alt = d["type"], d["prec"], d["zero"], d["alt"]
        if fill == "0" and align == ">":
            zero, align = "0", None
        flags = ""
        if t == INT and typ in (None, "d", "x", "X", "o", "b"):
            if prec is not None:
                raise Unsupported("precision with an integer")
            if alt and typ in ("o", "b"):
                raise Unsupported("#o/#b prefixes")
            if align == "<":
                flags += "-"
            if alt:
                flags += "#"
            if zero and align != "<":
                flags += "0"
            self.fmt.append(f"%{flags}{self._width(width)}{typ or 'd'}")
            self.args.append(e.g)
            return
        if t == INT and typ in ("f", "e"):
            e = E(g.call("float64", e.g), FLOAT)
            t = FLOAT
        if t == FLOAT and typ in ("f", "e"):
            if alt:
                raise Unsupported("# with floats")
            p = str(int(prec)) if prec is not None else "6"  # `.02f` is precision 2 (Go would read 02 as octal)
            if zero:
                raise Unsupported("zero padding of floats (Python pads after the sign)")
            helper = "pyFloatFixed" if typ == "f" else "pyFloatExp"
            self._string(g.call(helper, e.g, self.computed.get("prec", Atom(p))), align, width, numeric=True)
            return
        if typ not in (None, "s") or prec is not None or zero or alt:
            raise Unsupported(f"format spec {spec!r} for {describe(t)}")
        if "prec" in self.computed:
            raise Unsupported("a computed precision for a string")
        self._string(self.tr.to_str(e), align, width, numeric=t in (INT, FLOAT) or t == BOOL and False)

    def _grouped(self, e: E, t: T, d: dict, spec: str) -> None:
        """`{n:,}`, `{n:_d}`, `{x:,.2f}`: the digits grouped by pyGroup, then aligned as a number."""
        typ, prec = d["type"], d["prec"]
        if d["zero"] or d["alt"] or d["fill"] not in (None, " ") or d["align"] in ("^", "="):
            raise Unsupported(f"format spec {spec!r} (grouping with fill, zero padding or #)")
        if t == INT and typ in (None, "d") and prec is None:
            self.tr.use("strconv")
            text: GoExpr = g.call("strconv.Itoa", e.g)
        elif t in (INT, FLOAT) and typ == "f":
            value = e.g if t == FLOAT else g.call("float64", e.g)
            text = g.call("pyFloatFixed", value, self.computed.get("prec", Atom(str(int(prec)) if prec is not None else "6")))
        else:
            raise Unsupported(f"format spec {spec!r} for {describe(t)}")
        self._string(g.call("pyGroup", text, Atom(f'"{d["grouping"]}"')), d["align"], d["width"] or "", numeric=True)

    def _string(self, s: GoExpr, align: str | None, width: str, numeric: bool) -> None:
        left = align == "<" or (align is None and not numeric)
        self.fmt.append(f"%{'-' if left and width else ''}{self._width(width)}s")
        self.args.append(s)

    def _width(self, width: str) -> str:
        """The verb's width: the spec's digits, or `*` with the computed width as the argument before."""
        if "width" in self.computed:
            self.args.append(self.computed["width"])
            return "*"
        return width

    def result(self) -> E:
        text = "".join(self.fmt)
        if not self.args:
            return E(Atom(g.go_string(text.replace("%%", "%"))), STR, const=True, simple=True)
        if text == "%s" and len(self.args) == 1:
            return E(self.args[0], STR)
        self.tr.use("fmt")
        return E(g.call("fmt.Sprintf", Atom(g.go_string(text)), *self.args), STR)


def x_joined_str(tr: Lowerer, node: ast.JoinedStr) -> E:
    f = Formatter(tr)
    for part in node.values:
        if isinstance(part, ast.Constant):
            f.literal(part.value)
        elif isinstance(part, ast.FormattedValue):
            spec, computed = "", {}
            if part.format_spec is not None:
                assert isinstance(part.format_spec, ast.JoinedStr)
                spec, computed = computed_spec(tr, part.format_spec)
            shown = type_call(tr, part.value)  # a type object's str() and repr() are one text
            f.value(shown or tr.opaque(part.value), spec, -1 if shown is not None else part.conversion, computed)
    return f.result()


def computed_spec(tr: Lowerer, spec: ast.JoinedStr) -> tuple[str, dict[str, GoExpr]]:
    """A format spec with computed parts (`{x:.{n}f}`, `{s:>{width}}`): (the spec with each computed part
    as a digit, {"width" or "prec": the Go int it is}). Only a width or a precision may be computed, and
    only by an int that cannot be negative (Python refuses a sign there; Go's `*` would pad the other way)."""
    text, spans = "", []
    for v in spec.values:
        if isinstance(v, ast.Constant):
            text += str(v.value)
            continue
        assert isinstance(v, ast.FormattedValue)
        if v.format_spec is not None or v.conversion != -1 or not tr.nonneg_expr(v.value):
            raise Unsupported("a computed format spec of other than a width or precision that cannot be negative")
        spans.append((len(text), v.value))
        text += "1"
    m = SPEC.match(text)
    if m is None:
        raise Unsupported(f"format spec {text!r}")
    computed: dict[str, GoExpr] = {}
    for start, node in spans:
        where = next((k for k in ("width", "prec") if m.start(k) == start and m.end(k) == start + 1), None)
        if where is None:
            raise Unsupported("a computed format spec of other than a width or precision")
        computed[where] = tr.value(node, INT, "format spec")
    return text, computed


PERCENT = re.compile(r"%(?:\((?P<key>[^)]*)\))?(?P<flags>[-+ #0]*)(?P<width>\d+|\*)?(?:\.(?P<prec>\d+|\*))?(?P<type>[diouxXeEfFgGcrsa%])")


def percent_format(tr: Lowerer, node: ast.BinOp) -> E:
    fmt_text = node.left.value  # type: ignore[attr-defined]
    values = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
    f = Formatter(tr)
    pos = 0
    vi = 0
    for m in PERCENT.finditer(fmt_text):
        f.literal(fmt_text[pos : m.start()])
        pos = m.end()
        typ = m.group("type")
        if typ == "%":
            f.literal("%")
            continue
        if m.group("key") is not None or m.group("width") == "*" or m.group("prec") == "*":
            raise Unsupported("%-formatting with mapping keys or * widths")
        if vi >= len(values):
            raise Unsupported("%-formatting with too few values")
        e = tr.opaque(values[vi])
        vi += 1
        t = prune(e.t)
        if not isinstance(node.right, ast.Tuple) and t not in (INT, FLOAT, STR, BOOL) and not isinstance(t, ClassT):
            raise Unsupported(f"%-formatting with a {describe(t)} operand")
        flags, width, prec = m.group("flags"), m.group("width") or "", m.group("prec")
        if "+" in flags or " " in flags:
            raise Unsupported("%-formatting sign flags")
        align = "<" if "-" in flags else None
        if typ in ("d", "i", "u"):
            if t != INT:
                raise Unsupported(f"%d with a {describe(t)} (Python truncates floats)")
            spec = ("<" if align else "") + ("0" if "0" in flags and not align else "") + width + "d"
            f.value(e, spec)
        elif typ in ("x", "X", "o"):
            if t != INT:
                raise Unsupported(f"%{typ} with a {describe(t)}")
            if "#" in flags:
                raise Unsupported("%# forms")
            spec = ("<" if align else "") + ("0" if "0" in flags and not align else "") + width + typ
            f.value(e, spec)
        elif typ in ("f", "F", "e"):
            if t not in (INT, FLOAT):
                raise Unsupported(f"%{typ} with a {describe(t)}")
            if "0" in flags or "#" in flags:
                raise Unsupported("zero padded floats in %-formatting")
            f.value(e, ("<" if align else "") + width + "." + (prec or "6") + ("f" if typ != "e" else "e"))
        elif typ == "s":
            if prec is not None or "0" in flags:
                raise Unsupported("%s with precision")
            f.value(e, ("<" if align else ">" if width else "") + width, ord("s"))
        elif typ == "r":
            if prec is not None or "0" in flags:
                raise Unsupported("%r with precision")
            f.value(e, ("<" if align else ">" if width else "") + width, ord("r"))
        else:
            raise Unsupported(f"%{typ} formatting")
    f.literal(fmt_text[pos:])
    if vi != len(values):
        raise Unsupported("%-formatting with too many values")
    return f.result()


def str_format(tr: Lowerer, s: E, node: ast.Call) -> E:
    receiver = node.func.value  # type: ignore[attr-defined]
    text = receiver.value if isinstance(receiver, ast.Constant) else tr.constant_text(receiver)
    if not isinstance(text, str):
        raise Unsupported("str.format() on a computed string")
    kw = {k.arg: k.value for k in node.keywords}
    if None in kw:
        raise Unsupported("format(**mapping)")
    f = Formatter(tr)
    auto = 0
    pos = 0
    for m in re.finditer(r"\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}", text):
        f.literal(text[pos : m.start()])
        pos = m.end()
        if m.group(0) in ("{{", "}}"):
            f.literal(m.group(0)[0])
            continue
        field, conv, spec = m.group(1), m.group(2), m.group(3) or ""
        if field == "":
            if auto >= len(node.args):
                raise Unsupported("format() with too few arguments")
            arg = node.args[auto]
            auto += 1
        elif field.isdigit():
            arg = node.args[int(field)]
        elif field.isidentifier() and field in kw:
            arg = kw[field]
        else:
            raise Unsupported(f"format field {{{field}}}")
        f.value(tr.opaque(arg), spec, ord(conv) if conv else -1)
    rest = text[pos:]
    if "{" in rest or "}" in rest:
        raise Unsupported("unbalanced braces in a format string")
    f.literal(rest)
    return f.result()
