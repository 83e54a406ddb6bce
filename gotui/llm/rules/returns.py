"""How a function hands values back: `return`, and `yield` in a generator.

A generator function becomes a Go function that returns an `iter.Seq[T]` (Go 1.23's range-over-func
iterator): the body runs inside `return func(yield func(T) bool) { ... }`, each `yield x` is
`if !yield(x) { return }` (the consumer broke out of its loop, as closing a Python generator does), and a
bare `return` ends the iteration. Like a Python generator, nothing runs until the caller iterates, and
the body stops where the consumer stops. Unlike one, an `iter.Seq` can be ranged over again (it starts
afresh), so an iterator kept in a variable is refused (assign.py), as are `send()`-style `x = yield`
and a generator that returns a value. A generator that can raise is an `iter.Seq2[T, error]`
(signatures.py): it yields its error with a zero value and returns, and a consumer's loop sends the
error where Python's exception would go (statements.s_For, raising.dispatch).
"""

from __future__ import annotations

import ast

from gotui.llm.rules import goast as g
from gotui.llm.rules.updates import UpdateMixin
from gotui.llm.rules.context import E
from gotui.parse.flow import terminates
from gotui.llm.rules.goast import Atom
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import BOOL, NONE, STR, DynT, ListT, OptT, SeqT, TupleT, describe, go_type, prune, resolve


class ReturnMixin(UpdateMixin):
    def generator_frame(self, body: list[ast.stmt]) -> None:
        """A generator's body inside the closure its iter.Seq is."""
        assert self.gen_elem is not None
        err = ", error" if self.gen_fallible else ""
        self.emit(f"return func(yield func({go_type(self.gen_elem)}{err}) bool) {{")
        with self.block():
            self.block_stmts(body)
        self.emit("}")

    def emit_yield(self, v: g.GoExpr) -> None:
        """`if !yield(v) { return }`: the consumer left its loop, so the generator stops there. A
        generator that can raise yields `nil` as each value's error."""
        self.emit(f"if !yield({self.r(v)}{', nil' if self.gen_fallible else ''}) {{")
        with self.block():
            self.emit("return")
        self.emit("}")

    def s_yield(self, node: ast.Yield | ast.YieldFrom) -> None:
        """`yield x` / `yield from xs` as a statement."""
        elem = self.gen_elem
        if elem is None:
            raise Unsupported("yield in a function not translated as a generator")
        if isinstance(node, ast.Yield):
            if node.value is None:
                raise Unsupported("a bare `yield` (it yields None)")
            self.escape(node.value)
            self.emit_yield(self.value(node.value, elem, "yielded value"))
            return
        src = self.expr(node.value)
        t = prune(src.t)
        if isinstance(t, TupleT):  # a tuple's items one by one, each as the generator's element type
            if not src.simple:
                tmp = self.fresh("items")
                self.emit_stmt(g.Assign((Atom(tmp),), ":=", (src.g,)))
                src = E(Atom(tmp), t, simple=True)
            for i, et in enumerate(t.elems):
                self.emit_yield(self.coerce(E(g.Sel(src.g, f"F{i}"), et, simple=True), elem, "yielded value"))
            return
        item = self.fresh("v")
        err = self.fresh("err") if isinstance(t, SeqT) and t.kinds else ""
        if isinstance(t, SeqT):
            head = f"for {item}{', ' + err if err else ''} := range {self.r(src.g)}"
            item_t = t.elem
        elif isinstance(t, ListT):
            head = f"for _, {item} := range {self.r(src.g)}"
            item_t = t.elem
        elif t == STR:
            r = self.fresh("r")
            head = f"for _, {r} := range {self.r(src.g)}"
            item_t = STR
        else:
            raise Unsupported(f"yield from {describe(t)}")
        self.emit(head + " {")
        with self.block():
            if err:  # the inner generator failed: so does this one, where Python's exception passes through
                self.check_err(err, t.kinds)  # type: ignore[union-attr]
            if t == STR:
                self.emit(f"{item} := string({r})")
            self.emit_yield(self.coerce(E(Atom(item), item_t), elem, "yielded value"))
        self.emit("}")

    def s_Return(self, node: ast.Return) -> None:
        sig = self.sig
        assert sig is not None
        if self.gen_elem is not None:  # inside the iter.Seq closure: a bare return ends the iteration
            if node.value is not None and not (isinstance(node.value, ast.Constant) and node.value.value is None):
                raise Unsupported("a generator that returns a value (StopIteration.value has no Go counterpart)")
            self.emit("return")
            return
        if isinstance(node.value, ast.Name) and node.value.id == "NotImplemented" and "NotImplemented" not in self.vars:
            not_implemented(self, node)
            return
        if self.infer_returns is not None:
            if node.value is None or isinstance(node.value, ast.Constant) and node.value.value is None:
                self.infer_returns.append(NONE)
            else:
                if isinstance(node.value, ast.Tuple):
                    es = [self.opaque(x) for x in node.value.elts]  # an item may be `any` (literals.x_Tuple)
                    self.infer_returns.append(TupleT(tuple(e.t for e in es)))
                else:
                    self.infer_returns.append(self.opaque(node.value).t)
            self.emit_stmt(g.Return())
            return
        recv = self.ctor_recv
        if recv is not None:
            if node.value is not None:
                raise Unsupported("__init__ returns a value")
            self.emit(f"return {recv}" + (", nil" if sig.raises else ""))
            return
        results = sig.result_types()
        errs = ["nil"] if sig.raises else []
        rt = prune(sig.result)
        if node.value is None or (isinstance(node.value, ast.Constant) and node.value.value is None and not isinstance(rt, (OptT, DynT))):
            if results:
                raise Unsupported("returns None from a function declared to return a value")
            self.emit("return" + (" " + ", ".join(errs) if errs else ""))
            return
        if not results:
            raise Unsupported("returns a value from a function declared to return None")
        if len(results) > 1:
            if isinstance(node.value, ast.Tuple) and len(node.value.elts) == len(results):
                vals = [self.value(x, t, "returned value") for x, t in zip(node.value.elts, results)]
                self.emit("return " + g.render_list(vals + [Atom(e) for e in errs], self.indent))
                return
            if isinstance(node.value, ast.Call):
                plan_ = self.prepare_call(node.value)
                if plan_ is not None and len(plan_.results) == len(results) and all(resolve(a) == resolve(b) for a, b in zip(plan_.results, results)) and plan_.raises == sig.raises and not self.tries:
                    self.emit("return " + self.r(plan_.g))
                    return
                if plan_ is not None:
                    e = self.hoist_call(plan_)
                else:
                    e = self.expr(node.value)
            else:
                e = self.expr(node.value)
            et = prune(e.t)
            if isinstance(et, TupleT) and len(et.elems) == len(results):
                if isinstance(e.g, g.Composite):
                    vals = [self.coerce(E(x, t), r) for x, t, r in zip(e.g.elems, et.elems, results)]
                else:
                    if not e.simple:
                        tmp = self.fresh("t")
                        self.emit_stmt(g.Assign((Atom(tmp),), ":=", (e.g,)))
                        e = E(Atom(tmp), et, simple=True)
                    vals = [self.coerce(E(g.Sel(e.g, f"F{i}"), t), r) for i, (t, r) in enumerate(zip(et.elems, results))]
                self.emit("return " + g.render_list(vals + [Atom(x) for x in errs], self.indent))
                return
            raise Unsupported(f"returning {describe(et)} where a tuple is declared")
        if isinstance(node.value, ast.Call) and sig.raises and not self.tries:
            plan_ = self.prepare_call(node.value)
            if plan_ is not None and plan_.raises and len(plan_.results) == 1 and resolve(plan_.results[0]) == resolve(results[0]):
                self.emit("return " + self.r(plan_.g))
                return
            if plan_ is not None:
                e = self.hoist_call(plan_)
                self.emit("return " + g.render_list([self.coerce(e, results[0], "returned value")] + [Atom(x) for x in errs], self.indent))
                return
        v = self.value(node.value, results[0], "returned value")
        self.emit("return " + g.render_list([v] + [Atom(x) for x in errs], self.indent))


# What Python does when a special method returns NotImplemented and the other operand is None:
# None has no reflected method either, so `==` / `!=` fall back to identity, the rest raise TypeError.
_NI_FALLBACK = {"__eq__": "false", "__ne__": "true"}


_BUILTIN_TYPES = {"int", "float", "str", "bytes", "bool", "dict", "list", "tuple", "set", "frozenset", "bytearray"}


def _isinstance_of(test: ast.expr, other: str, cls: str) -> bool:
    """`isinstance(other, Cls)`, or against a tuple of Cls and built-in types (`(Version, dict, tuple,
    list, String.__args__)`: semver's `_comparator`), which no instance of a package class is besides Cls."""
    if not (isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id == "isinstance" and len(test.args) == 2
            and isinstance(test.args[0], ast.Name) and test.args[0].id == other):
        return False
    kinds = test.args[1]
    if isinstance(kinds, ast.Name):
        return kinds.id == cls
    if not isinstance(kinds, ast.Tuple) or not any(isinstance(e, ast.Name) and e.id == cls for e in kinds.elts):
        return False
    return all(isinstance(e, ast.Name) and e.id in (_BUILTIN_TYPES | {cls})
               or isinstance(e, ast.Attribute) and e.attr == "__args__" for e in kinds.elts)


# the comparisons' reflections, and how Python's TypeError names each operator
_REFLECTED = {"__lt__": "__gt__", "__gt__": "__lt__", "__le__": "__ge__", "__ge__": "__le__", "__eq__": "__eq__", "__ne__": "__ne__"}
_COMPARISON = {"__lt__": "<", "__gt__": ">", "__le__": "<=", "__ge__": ">="}
_BINARY = {"__add__": "+", "__sub__": "-", "__mul__": "*", "__truediv__": "/", "__floordiv__": "//", "__mod__": "%",
           "__pow__": "** or pow()", "__and__": "&", "__or__": "|", "__xor__": "^", "__lshift__": "<<", "__rshift__": ">>",
           "__matmul__": "@"}


def not_implemented(tr: ReturnMixin, node: ast.Return) -> None:
    """`return NotImplemented` in a special method, under `if not isinstance(other, Cls):`, or last after
    `if isinstance(other, Cls): ... return ...` (the ordering recipe of Python's enum docs, whose
    `self.__class__ is other.__class__` selfclass.py reads as that isinstance).

    With `other` typed Cls, that branch runs in Go only for None (isinstance is `other != nil`); the
    result is Python's for None. With `other` a value of several types (`Any`), it runs for any value
    that is no Cls; Python then tries the other operand's reflected method, which no built-in type
    has for a Cls: when no class of the package defines it either, the result is Python's too (`==`
    and `!=` fall back to identity, the rest raise TypeError). Elsewhere Python would try a reflected
    method a typed Go method never sees: reported.
    """
    f = tr.func
    if f is None or f.cls is None or not (f.name.startswith("__") and f.name.endswith("__")) or len(f.node.args.args) != 2:
        raise Unsupported("`return NotImplemented` outside a binary special method")
    other, cls = f.node.args.args[1].arg, f.cls.name
    guarded = False
    for n in ast.walk(f.node):
        if isinstance(n, ast.If) and n.body == [node] or isinstance(n, ast.If) and node in n.body[:1] and len(n.body) == 1:
            t = n.test
            guarded = isinstance(t, ast.UnaryOp) and isinstance(t.op, ast.Not) and _isinstance_of(t.operand, other, cls)
    body = f.node.body
    if not guarded and len(body) >= 2 and body[-1] is node:
        before = body[-2]
        guarded = (isinstance(before, ast.If) and not before.orelse and _isinstance_of(before.test, other, cls)
                   and terminates(before.body))
    var = tr.vars.get(other)
    several = var is not None and isinstance(prune(var.t), DynT)
    if several and (f.name not in _REFLECTED or any(_REFLECTED[f.name] in c.methods for c in tr.pkg.all_classes() if c is not f.cls)):
        guarded = False  # a class of the package may answer for the other operand
    if not guarded:
        raise Unsupported("`return NotImplemented` where Python would try the other operand's method")
    if tr.infer_returns is not None:
        tr.infer_returns.append(BOOL if f.name in _NI_FALLBACK else NONE)
        tr.emit_stmt(g.Return())
        return
    errs = ", nil" if tr.sig is not None and tr.sig.raises else ""
    result = prune(tr.sig.result) if tr.sig is not None else None
    if f.name in _NI_FALLBACK and (result == BOOL or several and isinstance(result, DynT)):
        tr.emit(f"return {_NI_FALLBACK[f.name]}{errs}")
        return
    op = f.name.strip("_")
    if several and f.name in _COMPARISON:
        text = g.go_string(f"'{_COMPARISON[f.name]}' not supported between instances of '{cls}' and '")
        tr.emit(f"panic(pyRaise(\"TypeError\", {text}+pyTypeName({var.go})+\"'\"))")  # type: ignore[union-attr]
        return
    if f.name in _COMPARISON:  # Python's own words for None on the other side
        why = f"'{_COMPARISON[f.name]}' not supported between instances of '{cls}' and 'NoneType'"
    elif f.name in _BINARY:
        why = f"unsupported operand type(s) for {_BINARY[f.name]}: '{cls}' and 'NoneType'"
    else:
        why = f"unsupported operand for {op}: {cls} and NoneType"
    tr.emit(f"panic(pyRaise(\"TypeError\", {g.go_string(why)}))")
