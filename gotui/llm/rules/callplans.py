"""Call plans: a call that needs a statement of its own (an error result, several results), and the
calls planned before a callee is looked up: int()/float() of a text, int(s, base), `int(s or 0)`,
next(iter(xs)) and the nested functions (closures) that raise or return a tuple."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from gotui.llm.rules import goast as g
from gotui.llm.rules.context import Base
from gotui.llm.rules.goast import Atom, GoExpr
from gotui.llm.rules.raisekinds import call_kinds
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import FLOAT, INT, NONE, STR, DynT, FuncT, ListT, ODictT, OptT, T, TupleT, describe, prune


@dataclass
class CallPlan:
    """A call that may need a statement of its own: it returns an error or several results."""

    g: GoExpr
    results: list[T]
    raises: bool
    kinds: tuple[str, ...]  # the exception kinds it may return ("*" unknown)
    base: str  # a name for the temporary
    what: str = "a call that can raise"  # what it is, for a refusal
    implicit: bool = False  # a failure Python raises implicitly (checked_lookup): what no handler catches panics


def trial_type(tr: Base, node: ast.expr) -> T | None:
    """The type `node` lowers to, the lowering itself thrown away (None where it does not lower): to choose
    how to lower an argument before lowering it. What it emits is dropped, so only for a node whose
    second lowering does the same."""
    impure = tr.impure_inline  # what the thrown-away lowering would have marked is not this expression's
    with tr.capture():
        try:
            return prune(tr.expr(node).t)
        except Unsupported:
            return None
        finally:
            tr.impure_inline = impure


def first_of(tr: Base, it: ast.expr) -> tuple[str, GoExpr, T]:
    """`iter(xs)` (or `xs`) of a list or an OrderedDict, for next(): (the helper that takes the first item,
    `pyFirst` or `pyODFirst`, with `Or` for the form with a default; the value; the item's type). An
    iterator that next() advances and a later call reads on from is no list: refused, as a dict or set
    (Go's first key is not Python's)."""
    if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "iter" and "iter" not in tr.vars \
            and len(it.args) == 1 and not it.keywords:
        e = tr.expr(it.args[0])
        t = prune(e.t)
        if isinstance(t, ListT):
            return "pyFirst", e.g, t.elem
        if isinstance(t, ODictT):  # its keys keep Python's order (odicts.py)
            return "pyODFirst", e.g, t.key
        raise Unsupported(f"next(iter(...)) of {describe(t)}: only a list's first item or an OrderedDict's first key is Python's in Go")
    raise Unsupported("next() of an iterator a later call would go on reading (only next(iter(list)) and next(generator, default))")


def builtin_plan(tr: Base, node: ast.Call) -> CallPlan | None:
    """int()/float() of a text or of a value of several types, int(s, base), `int(s or 0)` and
    next(iter(xs)): the built-ins whose failure is an error result. None for the others."""
    fn: ast.Name = node.func  # type: ignore[assignment]
    if fn.id == "int" and len(node.args) == 1 and not node.keywords:
        either = parse_int_or(tr, node.args[0])
        if either is not None:
            return either
    if fn.id == "int" and len(node.args) == 2 and not node.keywords:
        return parse_int_base(tr, node)
    if fn.id in ("int", "float") and len(node.args) == 1 and not node.keywords:
        pre = tr._pre_evaluated
        # asked again for the same call (a `return` tries its plan, then lowers it as a value): the
        # argument is not lowered twice, which would run it twice and leave its first Go unused
        arg = pre[1] if pre is not None and pre[0] is node else tr.opaque(node.args[0])
        if prune(arg.t) == STR:
            helper = "pyParseInt" if fn.id == "int" else "pyParseFloat"
            return CallPlan(g.call(helper, arg.g), [INT if fn.id == "int" else FLOAT], True, ("ValueError",), fn.id == "int" and "n" or "x")
        if isinstance(prune(arg.t), DynT):
            # several types: converted or refused at run time as in Python, where its TypeError is known (raisekinds, kwsplat)
            kinds = tuple(sorted(getattr(node, "entry_kinds", None) or call_kinds(tr.pkg, tr.func, node))) if tr.func is not None else ()
            if "TypeError" not in kinds:
                raise Unsupported(f"{fn.id}() of a value of several types whose TypeError the raise analysis does not see")
            helper = "pyIntAny" if fn.id == "int" else "pyFloatAny"
            return CallPlan(g.call(helper, arg.g), [INT if fn.id == "int" else FLOAT], True, kinds, fn.id == "int" and "n" or "x")
        tr._pre_evaluated = (node, arg)
    if fn.id == "next" and len(node.args) == 1 and not node.keywords:
        helper, xs, elem = first_of(tr, node.args[0])
        return CallPlan(g.call(helper, xs), [elem], True, ("StopIteration",), "first")
    return None


def closure_call(tr: Base, node: ast.Call) -> CallPlan | None:
    """A call of a nested function (a local of FuncT) that raises or returns a tuple: a plan, whose
    error is checked and whose several results are taken apart as a package function's are; None for
    the others (builtins.BuiltinsMixin.builtin_call lowers them as a value)."""
    fn: ast.Name = node.func  # type: ignore[assignment]
    var = tr.vars[fn.id]
    ft = prune(var.t)
    if not isinstance(ft, FuncT):
        return None
    result = prune(ft.result) if ft.result is not None else NONE
    if not ft.kinds and not isinstance(result, TupleT):
        return None
    if len(node.args) != len(ft.params) or node.keywords or any(isinstance(x, ast.Starred) for x in node.args):
        raise Unsupported(f"calling `{fn.id}` with other arguments than its parameters, in order")
    args = tuple(tr.value(a, p) for a, p in zip(node.args, ft.params))
    results = [] if result == NONE else list(result.elems) if isinstance(result, TupleT) else [result]
    return CallPlan(g.Call(Atom(var.go), args), results, bool(ft.kinds), ft.kinds, fn.id)


def parse_int_base(tr: Base, node: ast.Call) -> CallPlan:
    """`int(s, 16)`: the text parsed in a literal base from 2 to 36 (`pyParseIntBase`, Python's rules)."""
    base = tr.const_int(node.args[1])
    if base is None or not 2 <= base <= 36:
        raise Unsupported("int() with a base other than a literal from 2 to 36")
    text = tr.value(node.args[0], STR, "int()'s text")
    return CallPlan(g.call("pyParseIntBase", text, Atom(str(base))), [INT], True, ("ValueError",), "n")


def parse_int_or(tr: Base, arg: ast.expr) -> CallPlan | None:
    """`int(s or 0)` of a str, or of one that may be None (isodate's `int(groups["tzhour"] or 0)`): the
    default when s is None or "", else int(s) (`pyParseIntOr`). None for any other argument."""
    if not (isinstance(arg, ast.BoolOp) and isinstance(arg.op, ast.Or) and len(arg.values) == 2
            and isinstance(arg.values[1], ast.Constant) and type(arg.values[1].value) is int):
        return None
    # the type decides before anything is lowered: a refusal here leaves `s or 0` to the general int(),
    # which lowers it once (lowered here too, a call in it would run twice and its first Go go unused)
    t = trial_type(tr, arg.values[0])
    if not (t == STR or isinstance(t, OptT) and prune(t.inner) == STR):
        return None
    first = tr.expr(arg.values[0])
    t = prune(first.t)
    text = first.g if isinstance(t, OptT) else g.call("pyPtr", first.g)
    return CallPlan(g.call("pyParseIntOr", text, Atom(str(arg.values[1].value))), [INT], True, ("ValueError",), "n")
