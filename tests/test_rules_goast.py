"""The Go expression printer must space operators exactly as gofmt does (checked against gofmt itself)."""

from __future__ import annotations

import random

from gotui.golang.toolchain import require_toolchain
from gotui.llm.rules import goast as g

OPS = ["+", "-", "*", "/", "%", "<", "==", "&&", "||", "<<", "&", "|"]


def rand_expr(rng: random.Random, depth: int) -> g.GoExpr:
    if depth == 0 or rng.random() < 0.25:
        return g.Atom(rng.choice(["a", "b", "c", "1", "2"]))
    kind = rng.random()
    if kind < 0.55:
        return g.Binary(rng.choice(OPS), rand_expr(rng, depth - 1), rand_expr(rng, depth - 1))
    if kind < 0.65:
        return g.Unary(rng.choice(["-", "!", "^"]), rand_expr(rng, depth - 1))
    if kind < 0.8:
        return g.Call(g.Atom("f"), tuple(rand_expr(rng, depth - 1) for _ in range(rng.randint(1, 3))))
    if kind < 0.9:
        return g.Index(g.Atom("xs"), rand_expr(rng, depth - 1))
    inner = rand_expr(rng, depth - 1)
    return inner if isinstance(inner, g.Paren) else g.Paren(inner)  # gofmt folds ((x)) into (x)


def test_printer_matches_gofmt():
    rng = random.Random(7)
    exprs = [rand_expr(rng, 4) for _ in range(400)]
    lines = []
    for i, e in enumerate(exprs):
        form = i % 3
        if form == 0:
            lines.append(f"\tx = {g.render(e, 1)}")
        elif form == 1:
            lines.append(f"\treturn {g.render(e, 1)}, {g.render(exprs[i - 1], 1)}")
        else:
            while isinstance(e, g.Paren):  # gofmt drops parentheses around a whole condition
                e = e.x
            lines.append(f"\tif {g.render(e, 1)} {{\n\t}}")
    src = "package p\n\nfunc f() {\n" + "\n".join(lines) + "\n}\n"
    formatted = require_toolchain().gofmt_source(src)
    assert formatted is not None
    for mine, theirs in zip(src.splitlines(), formatted.splitlines()):
        assert mine == theirs


def test_go_string_escapes():
    assert g.go_string('a"b\\c\n\t\x01é') == '"a\\"b\\\\c\\n\\t\\x01é"'
    assert g.go_string("\u2028") == '"\\u2028"'


def test_not_flips_only_equality():
    x = g.Binary("<", g.Atom("a"), g.Atom("b"))
    assert g.render(g.not_(x)) == "!(a < b)"  # NaN: !(a < b) is not a >= b
    assert g.render(g.not_(g.Binary("==", g.Atom("a"), g.Atom("b")))) == "a != b"


def test_statement_nodes_print_as_gofmt_does() -> None:
    """Statements are nodes printed with tab indentation; expressions inside at statement level."""
    stmt = g.If(
        g.Binary("<", g.Atom("a"), g.Binary("*", g.Atom("b"), g.Atom("c"))),
        (g.Assign((g.Atom("x"),), ":=", (g.Binary("+", g.Atom("a"), g.Atom("1")),)), g.Branch("break", "scan1")),
        (g.Return((g.Atom("x"), g.Atom("nil"))),),
    )
    assert g.render_stmt(stmt, 1) == [
        "\tif a < b*c {",
        "\t\tx := a + 1",
        "\t\tbreak scan1",
        "\t} else {",
        "\t\treturn x, nil",
        "\t}",
    ]
    assert g.render_stmt(g.Return(), 0) == ["return"]
    assert g.render_stmt(g.ExprStmt(g.call("f", g.Atom("a"), g.Atom("b"))), 2) == ["\t\tf(a, b)"]
