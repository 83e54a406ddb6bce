"""A tiny Go expression tree and a printer that spaces operators exactly as gofmt does.

gofmt drops the blanks around tighter operators in mixed expressions (`a + b*c`), and the rule
depends on nesting depth; printing from a tree with gofmt's own rules keeps every text gofmt-clean
without running gofmt per function (too slow for the benchmark).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gotui.golang.literals import go_string  # noqa: F401  (re-exported for the translator's modules)

PREC = {
    "||": 1, "&&": 2,
    "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3,
    "+": 4, "-": 4, "|": 4, "^": 4,
    "*": 5, "/": 5, "%": 5, "<<": 5, ">>": 5, "&": 5, "&^": 5,
}
UNARY_PREC = 6
HIGHEST = 7


class GoExpr:
    """Base of the Go expression nodes."""


@dataclass(frozen=True)
class Atom(GoExpr):
    """A name, literal or type: printed as is."""

    text: str


@dataclass(frozen=True)
class Sel(GoExpr):
    x: GoExpr
    name: str


@dataclass(frozen=True)
class Call(GoExpr):
    fn: GoExpr
    args: tuple[GoExpr, ...] = ()
    ellipsis: bool = False  # f(xs...)


@dataclass(frozen=True)
class Index(GoExpr):
    x: GoExpr
    index: GoExpr


@dataclass(frozen=True)
class Slice(GoExpr):
    x: GoExpr
    lo: GoExpr | None
    hi: GoExpr | None


@dataclass(frozen=True)
class Unary(GoExpr):
    op: str  # - ! & ^
    x: GoExpr


@dataclass(frozen=True)
class Star(GoExpr):
    x: GoExpr


@dataclass(frozen=True)
class Binary(GoExpr):
    op: str
    left: GoExpr
    right: GoExpr


@dataclass(frozen=True)
class Paren(GoExpr):
    x: GoExpr


@dataclass(frozen=True)
class KeyValue(GoExpr):
    key: GoExpr
    value: GoExpr


@dataclass(frozen=True)
class Composite(GoExpr):
    type: str
    elems: tuple[GoExpr, ...] = ()


@dataclass(frozen=True)
class FuncLit(GoExpr):
    """`func(params) results {` body `}`; body lines are indented relative to the literal."""

    signature: str  # e.g. "func(i, j int) bool"
    body: tuple[str, ...] = field(default=())


def is_binary(e: GoExpr) -> bool:
    return isinstance(e, Binary)


def _walk_binary(e: Binary) -> tuple[bool, bool, int]:
    prec = PREC[e.op]
    has4, has5, max_problem = prec == 4, prec == 5, 0
    left = e.left
    if isinstance(left, Binary) and not PREC[left.op] < prec:
        h4, h5, mp = _walk_binary(left)
        has4, has5, max_problem = has4 or h4, has5 or h5, max(max_problem, mp)
    right = e.right
    if isinstance(right, Binary):
        if not PREC[right.op] <= prec:
            h4, h5, mp = _walk_binary(right)
            has4, has5, max_problem = has4 or h4, has5 or h5, max(max_problem, mp)
    elif isinstance(right, Star):
        if e.op == "/":
            max_problem = 5
    elif isinstance(right, Unary):
        pair = e.op + right.op
        if pair in ("/*", "&&", "&^"):
            max_problem = 5
        elif pair in ("++", "--"):
            max_problem = max(max_problem, 4)
    return has4, has5, max_problem


def _cutoff(e: Binary, depth: int) -> int:
    has4, has5, max_problem = _walk_binary(e)
    if max_problem > 0:
        return max_problem + 1
    if has4 and has5:
        return 5 if depth == 1 else 4
    return 6 if depth == 1 else 4


def _diff_prec(e: GoExpr, prec: int) -> int:
    return 0 if isinstance(e, Binary) and PREC[e.op] == prec else 1


def _reduce(depth: int) -> int:
    return max(1, depth - 1)


class Printer:
    def __init__(self, indent: int) -> None:
        self.indent = indent

    def expr0(self, e: GoExpr, depth: int) -> str:
        return self.expr1(e, 0, depth)

    def expr1(self, e: GoExpr, prec1: int, depth: int) -> str:
        if isinstance(e, Atom):
            return e.text
        if isinstance(e, Binary):
            return self._binary(e, prec1, _cutoff(e, max(depth, 1)), max(depth, 1))
        if isinstance(e, Unary):
            if UNARY_PREC < prec1:
                return "(" + self.expr0(e, _reduce(depth)) + ")"
            inner = self.expr1(e.x, UNARY_PREC, depth)
            # gofmt separates tokens that would merge: "- -x", "& &x", "& ^x"
            if (e.op, inner[:1]) in (("-", "-"), ("+", "+"), ("&", "&"), ("&", "^"), ("<", "-"), ("<", "<")):
                return e.op + " " + inner
            return e.op + inner
        if isinstance(e, Star):
            inner = "*" + self.expr1(e.x, 0, 1)
            return "(" + inner + ")" if UNARY_PREC < prec1 else inner
        if isinstance(e, Paren):
            return "(" + self.expr0(e.x, _reduce(depth)) + ")"
        if isinstance(e, Sel):
            return self.expr1(e.x, HIGHEST, depth) + "." + e.name
        if isinstance(e, Call):
            d = depth + 1 if len(e.args) > 1 else depth
            args = ", ".join(self.expr0(a, d) for a in e.args)
            return self.expr1(e.fn, HIGHEST, depth) + "(" + args + ("..." if e.ellipsis else "") + ")"
        if isinstance(e, Index):
            return self.expr1(e.x, HIGHEST, 1) + "[" + self.expr0(e.index, depth + 1) + "]"
        if isinstance(e, Slice):
            return self._slice(e, depth)
        if isinstance(e, KeyValue):
            return self.expr0(e.key, 1) + ": " + self.expr0(e.value, 1)
        if isinstance(e, Composite):
            return e.type + "{" + ", ".join(self.expr0(x, 1) for x in e.elems) + "}"
        if isinstance(e, FuncLit):
            pad = "\t" * (self.indent + 1)
            body = "".join(pad + line + "\n" if line else "\n" for line in e.body)
            return e.signature + " {\n" + body + "\t" * self.indent + "}"
        raise TypeError(f"not a Go expression: {e!r}")

    def _binary(self, e: Binary, prec1: int, cutoff: int, depth: int) -> str:
        prec = PREC[e.op]
        if prec < prec1:
            return "(" + self.expr0(e, _reduce(depth)) + ")"
        blank = " " if prec < cutoff else ""
        left = self.expr1(e.left, prec, depth + _diff_prec(e.left, prec))
        right = self.expr1(e.right, prec + 1, depth + 1)
        # `v == Tuple2[int, int]{10, 16}` in an if's or a for's header would not parse (the `{` opens the
        # block): a composite literal operand is parenthesized, which is valid Go anywhere
        left = f"({left})" if isinstance(e.left, Composite) else left
        right = f"({right})" if isinstance(e.right, Composite) else right
        return left + blank + e.op + blank + right

    def _slice(self, e: Slice, depth: int) -> str:
        x = self.expr1(e.x, HIGHEST, 1)
        parts = [e.lo, e.hi]
        blanks = depth <= 1 and sum(p is not None for p in parts) > 1 and any(is_binary(p) for p in parts if p is not None)
        lo = self.expr0(e.lo, depth + 1) if e.lo is not None else ""
        hi = self.expr0(e.hi, depth + 1) if e.hi is not None else ""
        if blanks:
            return f"{x}[{lo} : {hi}]"
        return f"{x}[{lo}:{hi}]"


def render(e: GoExpr, indent: int = 0, depth: int = 1) -> str:
    """An expression as gofmt prints it at statement level (depth 1)."""
    return Printer(indent).expr0(e, depth)


def render_list(items: list[GoExpr], indent: int, depth: int = 1) -> str:
    p = Printer(indent)
    return ", ".join(p.expr0(x, depth) for x in items)


def call(name: str, *args: GoExpr) -> Call:
    return Call(Atom(name), tuple(args))


def binop(op: str, left: GoExpr, right: GoExpr) -> Binary:
    return Binary(op, left, right)


def not_(e: GoExpr) -> GoExpr:
    """Logical negation, flipping a comparison instead of wrapping it when it can."""
    flips = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}
    if isinstance(e, Binary) and e.op in ("==", "!="):
        return Binary(flips[e.op], e.left, e.right)
    if isinstance(e, Unary) and e.op == "!":
        return e.x
    if isinstance(e, Atom) and e.text in ("true", "false"):
        return Atom("false" if e.text == "true" else "true")
    return Unary("!", e)


# --- statements ---------------------------------------------------------------------------------
# Statements are nodes too, printed one per line with tab indentation as gofmt does. Lowering code
# that still emits text lines (most of statements.py) is being moved onto these (issue 15).


@dataclass(frozen=True)
class GoStmt:
    pass


@dataclass(frozen=True)
class ExprStmt(GoStmt):
    x: GoExpr


@dataclass(frozen=True)
class Assign(GoStmt):
    lhs: tuple[GoExpr, ...]
    op: str  # "=", ":=", "+=", ...
    rhs: tuple[GoExpr, ...]


@dataclass(frozen=True)
class Return(GoStmt):
    results: tuple[GoExpr, ...] = ()


@dataclass(frozen=True)
class Branch(GoStmt):
    keyword: str  # break, continue, goto
    label: str = ""


@dataclass(frozen=True)
class If(GoStmt):
    cond: GoExpr
    body: tuple[GoStmt, ...]
    els: tuple[GoStmt, ...] = ()


def render_stmt(s: GoStmt, indent: int) -> list[str]:
    """The lines of a statement at `indent` tabs (expressions at statement level, depth 1)."""
    pad = "\t" * indent
    if isinstance(s, ExprStmt):
        return [pad + render(s.x, indent)]
    if isinstance(s, Assign):
        return [pad + render_list(list(s.lhs), indent) + f" {s.op} " + render_list(list(s.rhs), indent)]
    if isinstance(s, Return):
        return [pad + ("return " + render_list(list(s.results), indent) if s.results else "return")]
    if isinstance(s, Branch):
        return [pad + (f"{s.keyword} {s.label}" if s.label else s.keyword)]
    if isinstance(s, If):
        out = [pad + f"if {render(s.cond, indent)} {{"]
        for b in s.body:
            out += render_stmt(b, indent + 1)
        if s.els:
            out.append(pad + "} else {")
            for b in s.els:
                out += render_stmt(b, indent + 1)
        out.append(pad + "}")
        return out
    raise TypeError(f"not a Go statement: {s!r}")
