"""Container literals: lists (with starred items), sets, dicts and tuples as Go composite literals."""

from __future__ import annotations

import ast

from gotui.llm.rules import goast as g
from gotui.llm.rules.context import E
from gotui.llm.rules.expressions import ExprMixin
from gotui.llm.rules.goast import Atom, GoExpr
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import FLOAT, INT, STR, DictT, DynT, ListT, SetT, T, TupleT, VarT, bind_unknown, describe, go_type, prune, unify


class LiteralMixin(ExprMixin):
    """`[...]`, `{...}`, `{k: v}` and `(...)`: each a Go composite literal of the element type wanted."""

    # --- containers ----------------------------------------------------------------------------
    def x_List(self, node: ast.List, want: T | None) -> E:
        return self._sequence(node.elts, want, ListT)

    def x_Set(self, node: ast.Set, want: T | None) -> E:
        w = prune(want) if want is not None else None
        elem: T = w.elem if isinstance(w, SetT) else VarT()
        items = [self.value(x, elem, "set element") for x in node.elts]
        t = SetT(elem)
        return E(g.Composite(go_type(t), tuple(g.KeyValue(i, Atom("{}")) for i in items)), t)

    def _sequence(self, elts: list[ast.expr], want: T | None, kind: type) -> E:
        w = prune(want) if want is not None else None
        elem: T = w.elem if isinstance(w, ListT) else VarT()
        if any(isinstance(x, ast.Starred) for x in elts):
            return self._spliced(elts, elem)
        for x in elts:
            self.escape(x)
        if not isinstance(prune(elem), VarT) or not elts:
            items = [self.value(x, elem, "list element") for x in elts]
        else:
            # each item lowered once (one with statements of its own, `"x" if a else "y"`, must not
            # emit them twice); the item type is the first's, float when ints and floats mix
            es = [self.expr(elts[0])]
            elem = es[0].t
            es += [self.expr(x, elem) for x in elts[1:]]
            if prune(elem) == INT and any(prune(e.t) == FLOAT for e in es):
                elem = FLOAT
            items = [self.coerce(e, elem, "list element") for e in es]
        t = ListT(elem)
        return E(g.Composite(go_type(t), tuple(items)), t)

    def _spliced(self, elts: list[ast.expr], elem: T) -> E:
        """`[a, *xs, b]`: `slices.Concat([]T{a}, xs, []T{b})`, a new slice as Python's new list. Each
        part must be one Go expression (nothing emitted before it), so the parts run left to right."""
        parts: list[GoExpr] = []
        plain: list[GoExpr] = []
        start = len(self.lines)
        for x in elts:
            if isinstance(x, ast.Starred):
                if plain:
                    parts.append(g.Composite(go_type(ListT(elem)), tuple(plain)))
                    plain = []
                src, t, ordered = self.sequence_arg(x.value, ordered_needed=True)
                if not ordered:
                    raise Unsupported(f"`*{ast.unparse(x.value)}` in a list: Python keeps its order, Go's map does not")
                if not unify(elem, t):
                    raise Unsupported(f"list element: cannot use {describe(t)} as {describe(elem)}")
                parts.append(src)
            else:
                self.escape(x)
                plain.append(self.value(x, elem, "list element"))
            if len(self.lines) != start:
                raise Unsupported("a starred list whose items need statements of their own")
        if plain:
            parts.append(g.Composite(go_type(ListT(elem)), tuple(plain)))
        self.use("slices")
        t = ListT(elem)
        go_type(t)  # an element type Go cannot hold is refused here, not in the emitted text
        return E(g.call("slices.Concat", *parts), t)

    def x_Dict(self, node: ast.Dict, want: T | None) -> E:
        w = prune(want) if want is not None else None
        if isinstance(w, DictT):
            kt, vt = w.key, w.val
        else:
            kt, vt = VarT(), VarT()
        if any(k is None for k in node.keys):
            return self._merged(node, kt, vt)
        record = self._record_values(node) if isinstance(prune(vt), VarT) else None
        if record is not None:
            vt = record[0]
        pairs: dict[str, tuple[GoExpr, GoExpr]] = {}
        for i, (k, v) in enumerate(zip(node.keys, node.values)):
            self.escape(v)
            ke = self.expr(k, kt)  # type: ignore[arg-type]
            text = self.constant_text(k) if not ke.const and prune(ke.t) == STR else None  # type: ignore[arg-type]
            if text is not None:  # `{HTML4: ..., CSS2: ...}`: a string constant's own text, so duplicates show
                ke = E(Atom(g.go_string(text)), STR, const=True, simple=True)
            kg = self.coerce(ke, kt, "dict key")
            vg = self.coerce(record[1][i], vt, "dict value") if record is not None else self.value(v, vt, "dict value")
            key_text = self.r(kg)
            if not ke.const:
                if len(node.keys) > 1:
                    raise Unsupported("non-constant keys in a dict literal (Python keeps the last duplicate)")
            pairs.pop(key_text, None)
            pairs[key_text] = (kg, vg)  # Python keeps the last value of a duplicate key
        t = DictT(kt, vt)
        return E(g.Composite(go_type(t), tuple(g.KeyValue(k, v) for k, v in pairs.values())), t)

    def _record_values(self, node: ast.Dict) -> tuple[T, list[E]] | None:
        """A dict display used as a record, `{"type": "field", "children": [], "value": name}` (jmespath's AST
        nodes, a JSON reply): string-literal keys, nothing wanted of it, values of several types. Each value
        is lowered once; their one type when they have one (float where ints and floats mix), else `any`
        (DynT: Go's map[string]any holds each as it is, an empty list as a []any). None for any other dict."""
        if len(node.keys) < 2 or not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys):
            return None
        es = [self.expr(node.values[0])]  # the first's type wanted of the others, as in a list display
        es += [self.expr(v, es[0].t) for v in node.values[1:]]
        types = [prune(e.t) for e in es]
        if {t for t in types if not isinstance(t, VarT)} <= {INT, FLOAT} and FLOAT in types:
            return FLOAT, es
        probe = VarT()
        if all(unify(probe, t) for t in types):
            return probe, es
        dyn = DynT("a dict whose values have several types")
        for t in types:
            bind_unknown(t, dyn)
        return dyn, es

    def _merged(self, node: ast.Dict, kt: T, vt: T) -> E:
        """`{**a, "k": v, **b}`: a new map filled in order, `maps.Copy` for each spread and an assignment
        for each pair, so a later key overrides an earlier one as in Python. The filling is a func
        literal called in place, which evaluates the parts in Python's order."""
        t = DictT(kt, vt)
        acc = self.fresh("merged")
        saved_hoist = self.hoist_ok
        with self.capture() as lines:
            self.hoist_ok = True
            self.closure += 1  # a raising call inside would need its error checked in the literal: refused
            try:
                self.emit(f"{acc} := {go_type(t)}{{}}")
                for k, v in zip(node.keys, node.values):
                    if k is None:
                        src = self.expr(v, t)
                        if not isinstance(prune(src.t), DictT) or not unify(prune(src.t), t):
                            raise Unsupported(f"`**{ast.unparse(v)}` of {describe(prune(src.t))} in a dict of {describe(t)}")
                        self.use("maps")
                        self.emit(f"maps.Copy({acc}, {self.r(src.g)})")
                    else:
                        kg = self.coerce(self.expr(k, kt), kt, "dict key")
                        self.emit(f"{acc}[{self.r(kg)}] = {self.r(self.value(v, vt, 'dict value'))}")
                self.emit(f"return {acc}")
            finally:
                self.closure -= 1
                self.hoist_ok = saved_hoist
        return E(g.Call(g.FuncLit(f"func() {go_type(t)}", tuple(lines))), t)

    def x_Tuple(self, node: ast.Tuple, want: T | None) -> E:
        w = prune(want) if want is not None else None
        if isinstance(w, ListT) or (not isinstance(w, TupleT) and not 2 <= len(node.elts) <= 4 and node.elts):
            # `tuple[T, ...]` (wanted, or a literal of 1 or more than 4 items): a []T of one item type
            return self._sequence(node.elts, w, ListT)
        for x in node.elts:
            self.escape(x)
        if isinstance(w, TupleT) and len(w.elems) == len(node.elts):
            items = [self.value(x, t, "tuple item") for x, t in zip(node.elts, w.elems)]
            t: T = w
        else:
            # an item of several types (`return (key, value)` of `any` keys) stays `any` in its place:
            # the tuple is a value Go holds whole, and using the item later is checked where it is used
            es = [self.opaque(x) for x in node.elts]
            items = [e.g for e in es]
            t = TupleT(tuple(e.t for e in es))
        return E(g.Composite(go_type(t), tuple(items)), t)

    # --- attributes ----------------------------------------------------------------------------
