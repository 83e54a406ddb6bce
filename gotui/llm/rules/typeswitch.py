"""`isinstance(x, T)` as a test of a value Go holds as `any` (types.DynT): a Go type assertion.

`if isinstance(value, str): ...` becomes `if valueStr, ok := value.(string); ok { ... }`, and in
that branch the Python name is the Go variable of the asserted type, so every use of it is lowered as
a str's. `if not isinstance(other, Duration): return NotImplemented` at the top of a function asserts
once before the test, and the rest of the function reads the asserted variable. What makes the two
agree with Python:
- a Python int may be a bool (`isinstance(True, int)`), Go's `int` never is: `pyAsInt` asserts an int
  and panics on a bool rather than answer differently;
- a class is asserted only when no class of the package subclasses it (Go's struct embedding makes a
  subclass another pointer type, which the assertion would not match);
- the name is never assigned in the function, so the asserted copy cannot go stale.
Anything else (a tuple of types, containers, whose Go type depends on their items) is not a type
switch here: `isinstance` is then lowered as before (builtins.b_isinstance) and says why it cannot be.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from gotui.llm.rules.context import Base
from gotui.llm.rules.loops import stored_in
from gotui.llm.rules.types import BOOL, FLOAT, INT, STR, ClassT, DynT, T, go_type, prune

# Python type name -> (its type here, the Go type an `any` holds it as)
_ASSERTABLE: dict[str, tuple[T, str]] = {"str": (STR, "string"), "float": (FLOAT, "float64"), "bool": (BOOL, "bool")}


@dataclass
class Assertion:
    name: str  # the Python name it narrows
    go: str  # the Go variable of the asserted type ("_" when nothing reads it)
    t: T  # that type
    expr: str  # the Go expression asserting: `value.(string)`, `pyAsInt(value)`
    ok: str  # the Go flag the assertion sets
    negated: bool  # `not isinstance(...)`

    def init(self) -> str:
        return f"{self.go}, {self.ok} := {self.expr}"


def type_assertion(tr: Base, test: ast.expr) -> Assertion | None:
    """The assertion `test` is, or None when it is not an isinstance() of an `any` name against one
    type Go can assert faithfully. The Go names are chosen by the caller's `fresh` only on success."""
    negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
    call = test.operand if isinstance(test, ast.UnaryOp) and negated else test
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "isinstance"
            and len(call.args) == 2 and not call.keywords and "isinstance" not in tr.vars):
        return None
    x, kind = call.args
    if not isinstance(x, ast.Name) or not isinstance(kind, ast.Name) or kind.id in tr.vars:
        return None
    var = tr.vars.get(x.id)
    if var is None or not isinstance(prune(var.t), DynT) or tr.func is None or stored_in([tr.func.node], x.id):
        return None
    if kind.id in _ASSERTABLE:
        t, go_t = _ASSERTABLE[kind.id]
        expr = f"{var.go}.({go_t})"
    elif kind.id == "int":
        t, expr = INT, f"pyAsInt({var.go})"
    else:
        cls = tr.pkg.find_class(tr.mod, kind.id)
        if cls is None or any(cls.name in c.bases for c in tr.pkg.all_classes()):
            return None
        t = ClassT(cls.key)
        expr = f"{var.go}.({go_type(t)})"
    return Assertion(x.id, "", t, expr, "", negated)
