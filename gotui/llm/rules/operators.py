"""Expressions: names, literals, operators with Python semantics, subscripts, truthiness."""

from __future__ import annotations

import ast
from dataclasses import replace

from gotui.llm.rules import goast as g
from gotui.llm.rules.context import E, helper_arg
from gotui.llm.rules.goast import Atom, Binary, GoExpr
from gotui.llm.rules.inherit import lookup, value_ordered
from gotui.llm.rules.package import ClassInfo
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import (
    BOOL, FLOAT, INT, NONE, STR, ClassT, DictT, ODictT, DynT, ListT, OptT, SetT, T, TupleT, VarT, comparable, describe, go_type,
    is_num, pointer_like, prune, resolve, unify,
)
from gotui.llm.rules.formatting import percent_format
from gotui.llm.rules.signatures import callee_signature
from gotui.llm.rules.expressions import CMP, _null, needs_its_type
from gotui.llm.rules.literals import LiteralMixin
from gotui.llm.rules.pyast import int_literal, is_simple_node


_BOOL_ARITH = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)


def mixed_join(a: E, b: E, node: ast.IfExp, t: T) -> bool:
    """Whether `a if ... else b`, of type t, is an int on one path and a float on the other (an int literal
    that a float context wrote 2.0 is still an int in Python)."""
    ints = {prune(a.t), prune(b.t)} == {INT, FLOAT} or prune(t) == FLOAT and (int_literal(node.body) or int_literal(node.orelse))
    return ints or a.mixed or b.mixed

def _text_literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _text_equality(op: ast.cmpop, other: ast.expr) -> bool:
    """`x == "text"` / `x != "text"`: x may be a value of several types (operators.compare)."""
    return isinstance(op, (ast.Eq, ast.NotEq)) and _text_literal(other)


ORDERINGS = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
# `a < b`: a.__lt__(b), else the reflected b.__gt__(a) (and so on), as Python tries them
_ORDER_METHODS = {"<": ("__lt__", "__gt__"), "<=": ("__le__", "__ge__"), ">": ("__gt__", "__lt__"), ">=": ("__ge__", "__le__")}


def _ordered_at_run_time(t: T) -> bool:
    """Values pyCmpOp orders as Python does: numbers, strs, and tuples and lists of them, and a value of
    several types (what it holds is looked at when the comparison runs: Python's TypeError where Python
    raises it, NotImplementedError for a class instance, whose ordering methods Go does not reach there)."""
    t = prune(t)
    if isinstance(t, DynT):
        return True
    if isinstance(t, TupleT):
        return all(_ordered_at_run_time(e) for e in t.elems)
    if isinstance(t, ListT):
        return _ordered_at_run_time(t.elem)
    return t in (INT, FLOAT, STR, BOOL)


class OperatorMixin(LiteralMixin):
    """Operators with Python's semantics: unary, arithmetic, boolean, conditional, comparisons and `in`."""

    # --- operators -----------------------------------------------------------------------------
    def x_UnaryOp(self, node: ast.UnaryOp, want: T | None) -> E:
        if isinstance(node.op, ast.Not):
            return E(self.falsy(self.opaque(node.operand), node.operand), BOOL)
        e = self.expr(node.operand, want)
        t = prune(e.t)
        if isinstance(node.op, ast.USub):
            if not is_num(t):
                raise Unsupported(f"unary minus on {describe(t)}")
            if e.const and isinstance(e.g, Atom):
                return E(Atom("-" + e.g.text), t, const=True, simple=True)
            return E(g.Unary("-", e.g), t, mixed=e.mixed)
        if isinstance(node.op, ast.UAdd):
            if not is_num(t):
                raise Unsupported(f"unary plus on {describe(t)}")
            return e
        if isinstance(node.op, ast.Invert) and t == INT:
            return E(g.Unary("^", e.g), INT)
        raise Unsupported(f"operator {type(node.op).__name__} on {describe(t)}")

    def x_BinOp(self, node: ast.BinOp, want: T | None) -> E:
        op = node.op
        if isinstance(op, ast.Mod) and isinstance(node.left, (ast.Constant, ast.JoinedStr)) and (
            isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)
        ):
            return percent_format(self, node)
        left = self.expr(node.left, want if want is not None and is_num(want) else None)
        right = self.expr(node.right, want if want is not None and is_num(want) else None)
        lt, rt = prune(left.t), prune(right.t)
        if isinstance(op, ast.Add) and lt == STR and rt == STR:
            return E(Binary("+", left.g, right.g), STR, const=left.const and right.const)
        if isinstance(op, ast.Add) and isinstance(lt, ListT) and isinstance(rt, ListT):
            if not unify(lt.elem, rt.elem):
                raise Unsupported("adding lists of different element types")
            self.use("slices")
            return E(g.call("slices.Concat", left.g, right.g), lt)
        if isinstance(op, ast.Mult) and (lt == STR and rt == INT or lt == INT and rt == STR):
            s, n = (left, right) if lt == STR else (right, left)
            nn = node.right if lt == STR else node.left
            self.use("strings")
            count = n.g if self.nonneg_expr(nn) else g.call("max", n.g, Atom("0"))
            return E(g.call("strings.Repeat", s.g, count), STR)
        if isinstance(op, ast.Mult) and (isinstance(lt, ListT) and rt == INT or lt == INT and isinstance(rt, ListT)):
            xs, n = (left, right) if isinstance(lt, ListT) else (right, left)
            return E(g.call("pyRepeat", xs.g, n.g), xs.t)
        if isinstance(lt, SetT) and isinstance(rt, SetT) and type(op) in (ast.BitOr, ast.BitAnd, ast.Sub):
            if not unify(lt.elem, rt.elem):
                raise Unsupported("set operation on sets of different types")
            fn = {ast.BitOr: "pySetUnion", ast.BitAnd: "pySetIntersection", ast.Sub: "pySetDifference"}[type(op)]
            return E(g.call(fn, left.g, right.g), lt)
        if (lt == BOOL or rt == BOOL) and lt in (BOOL, INT, FLOAT) and rt in (BOOL, INT, FLOAT) and isinstance(op, _BOOL_ARITH):
            # `(a > b) - (a < b)`: arithmetic takes a bool as the int 0 or 1 (bitwise operators keep bools)
            if lt == BOOL:
                left, lt = E(g.call("pyBoolInt", left.g), INT), INT
            if rt == BOOL:
                right, rt = E(g.call("pyBoolInt", right.g), INT), INT
        if not is_num(lt) or not is_num(rt):
            if lt == BOOL or rt == BOOL:
                raise Unsupported("arithmetic on bool values")
            raise Unsupported(f"operator {type(op).__name__} on {describe(lt)} and {describe(rt)}")
        out = self.arith(op, left, right, node)
        # int op int stays an int in Python: with an int-or-float operand the result is one too (not after /)
        if (left.mixed or right.mixed) and prune(out.t) == FLOAT and not isinstance(op, ast.Div) \
                and all(x.mixed or prune(x.t) == INT for x in (left, right)):
            return replace(out, mixed=True)
        return out

    def arith(self, op: ast.operator, left: E, right: E, node: ast.BinOp) -> E:
        lt, rt = prune(left.t), prune(right.t)
        both_int = lt == INT and rt == INT
        const = left.const and right.const
        if isinstance(op, ast.Div):
            lf, rf = self.coerce(left, FLOAT), self.coerce(right, FLOAT)
            if right.const and isinstance(right.g, Atom) and float(right.g.text.rstrip(".")) != 0:
                return E(Binary("/", lf, rf), FLOAT)
            return E(g.call("pyDiv", lf, rf), FLOAT)
        if isinstance(op, ast.FloorDiv):
            if both_int:
                if self.nonneg_expr(node.left) and self.nonneg_expr(node.right) and self._nonzero(node.right):
                    return E(Binary("/", left.g, right.g), INT)
                return E(g.call("pyFloorDiv", left.g, right.g), INT)
            return E(g.call("pyFloorDivF", self.coerce(left, FLOAT), self.coerce(right, FLOAT)), FLOAT)
        if isinstance(op, ast.Mod):
            if both_int:
                if self.nonneg_expr(node.left) and self.nonneg_expr(node.right) and self._nonzero(node.right):
                    return E(Binary("%", left.g, right.g), INT)
                return E(g.call("pyMod", left.g, right.g), INT)
            return E(g.call("pyModF", self.coerce(left, FLOAT), self.coerce(right, FLOAT)), FLOAT)
        if isinstance(op, ast.Pow):
            if both_int:
                return E(g.call("pyPowInt", left.g, right.g), INT)
            return E(g.call("pyPow", self.coerce(left, FLOAT), self.coerce(right, FLOAT)), FLOAT)
        sym = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>"}.get(type(op))
        if sym is None:
            raise Unsupported(f"operator {type(op).__name__}")
        if sym in ("&", "|", "^", "<<", ">>"):
            if not both_int:
                raise Unsupported(f"bit operator on {describe(lt)}")
            return E(Binary(sym, left.g, right.g), INT, const=const)
        if both_int:
            return E(Binary(sym, left.g, right.g), INT, const=const)
        return E(Binary(sym, self.coerce(left, FLOAT), self.coerce(right, FLOAT)), FLOAT, const=const)

    def _nonzero(self, node: ast.expr) -> bool:
        k = self.const_int(node)
        return k is not None and k != 0

    def x_BoolOp(self, node: ast.BoolOp, want: T | None) -> E:
        first = self.expr(node.values[0])
        if prune(first.t) == BOOL:
            op = "&&" if isinstance(node.op, ast.And) else "||"
            if isinstance(first.g, Atom) and first.g.text == ("false" if op == "&&" else "true"):
                return E(first.g, BOOL)  # decided by its first operand: Python never evaluates the rest
            out = first.g
            with self.no_hoist():
                for v in node.values[1:]:
                    e = self.expr(v)
                    if prune(e.t) != BOOL:
                        raise Unsupported("`and`/`or` mixing bool and non-bool values")
                    out = Binary(op, out, e.g)
            return E(out, BOOL)
        if isinstance(node.op, ast.And) or len(node.values) != 2:
            raise Unsupported("`and` on non-bool values (it returns an operand)")
        # `a or b`: a when a is truthy, else b; b must be safe to evaluate eagerly
        if not is_simple_node(node.values[1]) and not isinstance(node.values[1], (ast.List, ast.Dict)) or (
            isinstance(node.values[1], (ast.List, ast.Dict)) and (node.values[1].elts if isinstance(node.values[1], ast.List) else node.values[1].keys)  # type: ignore[union-attr]
        ):
            raise Unsupported("`x or y` where y is not a plain value (Python evaluates it only when needed)")
        t = prune(first.t)
        with self.no_hoist():
            second_want = t.inner if isinstance(t, OptT) else t
            second = self.expr(node.values[1], second_want)
        if isinstance(t, OptT):
            inner = prune(t.inner)
            if not comparable(inner):
                raise Unsupported(f"`or` on Optional[{describe(inner)}]")
            return E(g.call("pyOrPtr", first.g, self.coerce(second, inner)), inner)
        if isinstance(t, ListT):
            return E(g.call("pyOrList", first.g, self.coerce(second, t)), t)
        if isinstance(t, (DictT, SetT)):
            return E(g.call("pyOrMap", first.g, self.coerce(second, t)), t)
        if t in (INT, FLOAT, STR):
            return E(g.call("pyOr", first.g, self.coerce(second, t)), t)
        raise Unsupported(f"`or` on {describe(t)}")

    def x_IfExp(self, node: ast.IfExp, want: T | None) -> E:
        saved_facts = self.facts
        yes, no = self.narrow(node.test)
        if self.hoist_ok and not self.impure_inline:
            cond = self.cond(node.test)
            with self.capture() as body_lines:
                self.facts = yes
                a = self.expr(node.body, want)
            with self.capture() as else_lines:
                self.facts = no
                b = self.expr(node.orelse, want if want is not None else a.t)
            self.facts = saved_facts
            t = self.join_types(a, b)
            into = self.into
            self.into = None
            name = into or self.fresh("v")
            self.emit(f"var {name} {go_type(t)}")
            self.emit(f"if {self.r(cond)} {{")
            self._splice(body_lines, 1)
            with self.block():
                self.emit_stmt(g.Assign((Atom(name),), "=", (self.coerce(a, t),)))
            self.emit("} else {")
            self._splice(else_lines, 1)
            with self.block():
                self.emit_stmt(g.Assign((Atom(name),), "=", (self.coerce(b, t),)))
            self.emit("}")
            return E(Atom(name), t, simple=True, mixed=mixed_join(a, b, node, t))
        with self.capture() as lines:
            self.indent = 0
            c = self.cond(node.test)
            if lines:
                raise Unsupported("conditional expression needing statements inside a condition")
            with self.no_hoist():
                self.facts = yes
                a = self.expr(node.body, want)
                self.facts = no
                b = self.expr(node.orelse, want if want is not None else a.t)
                self.facts = saved_facts
            t = self.join_types(a, b)
            self.emit(f"if {self.r(c)} {{")
            with self.block():
                self.emit_stmt(g.Return((self.coerce(a, t),)))
            self.emit("}")
            self.emit_stmt(g.Return((self.coerce(b, t),)))
        return E(g.Call(g.FuncLit(f"func() {go_type(t)}", tuple(lines))), t, mixed=mixed_join(a, b, node, t))

    def _splice(self, lines: list[str], extra: int) -> None:
        pad = "\t" * (self.indent + extra)
        self.lines.extend(pad + ln if ln else "" for ln in lines)

    def join_types(self, a: E, b: E) -> T:
        ta, tb = prune(a.t), prune(b.t)
        if ta == NONE and tb != NONE:
            return tb if isinstance(tb, OptT) else OptT(tb)
        if tb == NONE and ta != NONE:
            return ta if isinstance(ta, OptT) else OptT(ta)
        if {ta, tb} == {INT, FLOAT}:
            return FLOAT
        if unify(ta, tb):
            return ta
        raise Unsupported(f"branches of different types: {describe(ta)} and {describe(tb)}")

    # --- comparisons ---------------------------------------------------------------------------
    def x_Compare(self, node: ast.Compare, want: T | None) -> E:
        operands = [node.left] + list(node.comparators)
        if len(node.ops) > 1 and not all(is_simple_node(o) for o in operands[1:-1]):
            raise Unsupported("chained comparison with a middle operand that is not a plain value")
        parts: list[GoExpr] = []
        # `x is None`, `x in d` and `x == "text"` need no type of x: a value of several types (DynT) may stand there
        # nor an ordering (`a < b`), which compare() decides at run time for a constrained TypeVar's values or refuses
        first_opaque = isinstance(node.ops[0], (ast.Is, ast.IsNot, ast.In, ast.NotIn, *ORDERINGS)) or _text_equality(node.ops[0], operands[1])
        es = [self.opaque(operands[0]) if first_opaque else self.expr(operands[0])]
        with self.no_hoist() if len(node.ops) > 1 else _null():
            for i, op in enumerate(node.ops):
                if isinstance(op, (ast.Is, ast.IsNot, *ORDERINGS)) or _text_equality(op, operands[i]):
                    es.append(self.opaque(operands[i + 1]))
                else:
                    es.append(self.expr(operands[i + 1], es[i].t if isinstance(op, (ast.Eq, ast.NotEq)) and not isinstance(prune(es[i].t), DynT) else None))
                parts.append(self.compare(op, es[i], es[i + 1], operands[i], operands[i + 1]))
        out = parts[0]
        for p in parts[1:]:
            out = Binary("&&", out, p)
        return E(out, BOOL)

    def compare(self, op: ast.cmpop, a: E, b: E, an: ast.expr, bn: ast.expr) -> GoExpr:
        ta, tb = prune(a.t), prune(b.t)
        if isinstance(op, (ast.In, ast.NotIn)):
            res = self.contains(b, a, bn)
            return g.not_(res) if isinstance(op, ast.NotIn) else res
        if isinstance(op, (ast.Is, ast.IsNot)):
            sym = "==" if isinstance(op, ast.Is) else "!="
            if ta == NONE and tb == NONE:  # an optional import's fallback tested against None: decided
                return Atom("true" if sym == "==" else "false")
            if NONE in (ta, tb) and isinstance(ta if tb == NONE else tb, DynT):
                return Binary(sym, (a if tb == NONE else b).g, Atom("nil"))  # `any` holds None as nil (expressions._coerce_dyn)
            if tb == NONE and (isinstance(ta, (OptT, ClassT)) or ta == NONE):
                return Binary(sym, self._raw_opt(a, an), Atom("nil"))
            if ta == NONE and isinstance(tb, (OptT, ClassT)):
                return Binary(sym, self._raw_opt(b, bn), Atom("nil"))
            if isinstance(ta, ClassT) and ta == tb:
                return Binary(sym, a.g, b.g)
            raise Unsupported(f"`is` between {describe(ta)} and {describe(tb)}")
        sym = CMP[type(op)]
        if sym in ("==", "!=") and (isinstance(ta, DynT) and _text_literal(bn) or isinstance(tb, DynT) and _text_literal(an)):
            # Go compares an `any` with a string by its dynamic type and value: equal only to that string, as a
            # Python str is only ever equal to a str (a number or None never equals text in either). Not where
            # the package subclasses str (`class Color(str, Enum)`): such a member equals its text in Python
            if any("str" in c.bases for c in self.pkg.all_classes()):
                raise Unsupported("`==` of a value of several types and a text, in a package with a subclass of str "
                                  "(a member of it equals its text in Python, not in Go)")
            return Binary(sym, a.g, b.g)
        if is_num(ta) and is_num(tb):
            if ta != tb:
                return Binary(sym, self.coerce(a, FLOAT), self.coerce(b, FLOAT))
            return Binary(sym, a.g, b.g)
        if sym in ("==", "!=") and (isinstance(ta, OptT) != isinstance(tb, OptT)) and NONE not in (ta, tb):
            opt, val = (a, b) if isinstance(ta, OptT) else (b, a)
            inner = prune(prune(opt.t).inner)  # type: ignore[attr-defined]
            if comparable(inner) and opt.simple and unify(inner, val.t):
                raw = self._raw_opt(opt, an)
                eq = Binary("&&", Binary("!=", raw, Atom("nil")), Binary("==", g.Star(raw), self.coerce(val, inner)))
                return eq if sym == "==" else g.Unary("!", eq)
        if sym in ("==", "!="):
            if tb == NONE or ta == NONE:
                x, xn = (a, an) if tb == NONE else (b, bn)
                if isinstance(prune(x.t), (OptT, ClassT)):
                    return Binary(sym, self._raw_opt(x, xn), Atom("nil"))
                return Atom("false" if sym == "==" else "true")
            if not unify(ta, tb):
                raise Unsupported(f"comparing {describe(ta)} with {describe(tb)} (always unequal in Python)")
            t = prune(ta)
            if isinstance(t, OptT) and isinstance(tb, OptT) and comparable(t.inner) and not pointer_like(prune(t.inner)):
                # two values that may be None (semver's `rc1 == rc2` of prereleases): equal both None or equal values
                res = g.call("pyOptEq", self._raw_opt(a, an), self._raw_opt(b, bn))
                return res if sym == "==" else g.not_(res)
            if comparable(t):
                return Binary(sym, a.g, b.g)
            if isinstance(t, ListT) and comparable(t.elem):
                self.use("slices")
                res: GoExpr = g.call("slices.Equal", a.g, b.g)
                return res if sym == "==" else g.not_(res)
            if isinstance(t, (DictT, SetT)) and (isinstance(t, SetT) or comparable(t.val)):
                self.use("maps")
                res = g.call("maps.Equal", a.g, b.g)
                return res if sym == "==" else g.not_(res)
            if isinstance(t, ClassT):
                cls = self.pkg.class_by_name(t.name)
                eq = lookup(cls, "__eq__") if cls is not None else None
                if eq is not None:
                    self.special_method(eq, BOOL, 1)
                    res = g.Call(g.Sel(a.g, "Equal"), (b.g,))
                    return res if sym == "==" else g.not_(res)
                if cls is not None and not cls.is_dataclass:
                    return Binary(sym, a.g, b.g)  # identity, as Python's default __eq__
                if cls is not None and cls.is_dataclass:
                    if all(comparable(ft) for ft in self.pkg.class_fields(cls).values()):
                        return Binary(sym, g.Star(a.g), g.Star(b.g))  # dataclass __eq__: field by field
            raise Unsupported(f"`==` on {describe(t)}")
        if ta == STR and tb == STR:
            return Binary(sym, a.g, b.g)
        if isinstance(ta, ClassT) and ta == tb:
            cls = self.pkg.class_by_name(ta.name)
            if cls is not None and value_ordered(cls):  # members ordered by their int values
                return Binary(sym, g.Sel(a.g, "Value"), g.Sel(b.g, "Value"))
            if cls is not None:
                return self.class_order(cls, sym, an, bn)
        known = tb if isinstance(ta, VarT) else ta if isinstance(tb, VarT) else None
        if known in (INT, FLOAT, STR) and unify(ta, tb):
            # a local first set to None and compared before a value reaches it (`best is None or x > best`):
            # of the other operand's type; what is assigned to it later is checked against that
            return Binary(sym, a.g, b.g)
        if isinstance(ta, TupleT) and unify(ta, tb):
            return Binary(sym, self.tuple_order(a, b), Atom("0"))
        if isinstance(ta, DynT) or isinstance(tb, DynT):
            if _ordered_at_run_time(ta) and _ordered_at_run_time(tb):
                # a value of one of several types (a constrained TypeVar): Python's ordering, decided at run time
                return g.call("pyCmpOp", a.g, b.g, Atom(g.go_string(sym)))
            raise needs_its_type(an, ta) if isinstance(ta, DynT) else needs_its_type(bn, tb)  # type: ignore[arg-type]
        raise Unsupported(f"ordering comparison of {describe(ta)} and {describe(tb)}")

    def class_order(self, cls: ClassInfo, sym: str, an: ast.expr, bn: ast.expr) -> GoExpr:
        """`a < b` of two instances of one class: its comparison method, `a.__lt__(b)` (Go `a.Less(b)`),
        or where the class has none the reflected one, `b.__gt__(a)`, which Python tries next: for two
        objects of one class that is what Python runs. The call is lowered as a method call is, its
        operands named again: plain values. One that can raise is refused: the raise analysis reads
        calls, not operators, so its error would have nowhere to go."""
        own, reflected = _ORDER_METHODS[sym]
        x, y, m = an, bn, lookup(cls, own)
        if m is None:
            x, y, m = bn, an, lookup(cls, reflected)
        if m is None:
            raise Unsupported(f"ordering comparison of {cls.name} objects: the class defines neither {own} nor {reflected}")
        if not (is_simple_node(an) and is_simple_node(bn)):
            raise Unsupported(f"ordering comparison of {cls.name} objects that are not plain values")
        if callee_signature(self.pkg, m).raises:
            # the raise analysis reads calls, not operators: the error would have nowhere to go
            raise Unsupported(f"ordering comparison of {cls.name} objects, whose {m.name} can raise")
        call = ast.copy_location(ast.Call(ast.Attribute(x, m.name, ast.Load()), [y], []), an)
        e = self.expr(call)
        if prune(e.t) != BOOL:
            raise Unsupported(f"{cls.name}.{m.name} does not return a bool")
        return e.g

    def tuple_order(self, a: E, b: E) -> GoExpr:
        """-1, 0 or 1 as Python orders two tuples of one type: item by item, the first unequal pair decides
        (`pyCmpFirst(cmp.Compare(a.F0, b.F0), ...)`). Items that are ints, strs, bools or such tuples:
        a float may be NaN, which Python's pairwise `==`/`<` and Go's cmp.Compare order differently, and
        None is not ordered at all (TypeError)."""
        t: TupleT = prune(a.t)  # type: ignore[assignment]
        if not (a.simple or isinstance(a.g, g.Composite)) or not (b.simple or isinstance(b.g, g.Composite)):
            # each read once, in order: the arguments of a func literal called in place
            inner = self.tuple_order(E(Atom("a"), t, simple=True), E(Atom("b"), t, simple=True))
            lit = g.FuncLit(f"func(a, b {go_type(t)}) int", (f"return {self.r(inner)}",))
            return g.Call(lit, (a.g, b.g))
        parts: list[GoExpr] = []
        for i, et in enumerate(t.elems):
            et = prune(et)
            x = a.g.elems[i] if isinstance(a.g, g.Composite) else g.Sel(a.g, f"F{i}")
            y = b.g.elems[i] if isinstance(b.g, g.Composite) else g.Sel(b.g, f"F{i}")
            if et in (INT, STR):
                self.use("cmp")
                parts.append(g.call("cmp.Compare", x, y))
            elif et == BOOL:
                self.use("cmp")
                parts.append(g.call("cmp.Compare", g.call("pyBoolInt", x), g.call("pyBoolInt", y)))
            elif isinstance(et, TupleT):
                parts.append(self.tuple_order(E(x, et, simple=True), E(y, et, simple=True)))
            else:
                raise Unsupported(f"ordering comparison of tuples with {describe(et)} items")
        return g.call("pyCmpFirst", *parts)

    def _raw_opt(self, e: E, node: ast.expr) -> GoExpr:
        """The pointer itself, even where the name is narrowed to its value."""
        if isinstance(e.g, g.Star):
            return e.g.x
        return e.g

    def contains(self, container: E, item: E, node: ast.expr) -> GoExpr:
        t = prune(container.t)
        if t == STR:
            if prune(item.t) != STR:
                raise Unsupported("`in` on a string with a non-string operand")
            self.use("strings")
            return g.call("strings.Contains", container.g, item.g)
        if isinstance(t, (DictT, SetT)):
            key_t = t.key if isinstance(t, DictT) else t.elem
            return g.call("pyHas", container.g, helper_arg(self.coerce(item, key_t, "membership test"), item.t, key_t))
        if isinstance(t, ODictT):
            return g.Call(g.Sel(container.g, "Has"), (self.coerce(item, t.key, "membership test"),))
        if isinstance(t, (ListT, TupleT)):
            if isinstance(t, TupleT):
                elems = {resolve(e) for e in t.elems}
                if len(elems) != 1:
                    raise Unsupported("`in` on a tuple of mixed types")
                elem = t.elems[0]
                if isinstance(container.g, g.Composite):
                    items: tuple[GoExpr, ...] = container.g.elems
                elif container.simple:  # a tuple constant or local: its fields, in order
                    items = tuple(g.Sel(container.g, f"F{i}") for i in range(len(t.elems)))
                else:
                    raise Unsupported("`in` on a tuple computed in place")
                seq = g.Composite("[]" + go_type(elem), items)
            else:
                elem, seq = t.elem, container.g
                if isinstance(prune(elem), VarT) and not isinstance(prune(item.t), VarT):
                    unify(elem, item.t)  # an empty list tested before its first append: the item's type, as append would
            if not comparable(elem):
                raise Unsupported(f"`in` on a list of {describe(elem)}")
            self.use("slices")
            return g.call("slices.Contains", seq, self.coerce(item, elem, "membership test"))
        if isinstance(t, ClassT):
            cls = self.pkg.class_by_name(t.name)
            m = lookup(cls, "__contains__") if cls is not None else None
            if m is not None:
                self.special_method(m, BOOL, 1)
                sig = callee_signature(self.pkg, m)
                return g.Call(g.Sel(container.g, "Contains"), (self.coerce(item, sig.params[0].t),))
        raise Unsupported(f"`in` on {describe(t)}")

    def escape(self, node: ast.expr) -> None:
        if isinstance(node, ast.Name) and node.id in self.vars:
            self.vars[node.id].fresh = False

    def x_Lambda(self, node: ast.Lambda, want: T | None) -> E:
        raise Unsupported("a lambda outside key=/map/filter")

    def x_Starred(self, node: ast.Starred, want: T | None) -> E:
        raise Unsupported("starred expressions")

    def x_Await(self, node: ast.Await, want: T | None) -> E:
        raise Unsupported("await")
