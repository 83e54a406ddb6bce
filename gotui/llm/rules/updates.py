"""Updates in place: augmented assignment (`x += 1`, `d[k] += n`, `self.n -= 1`) and `del d[k]`/`del xs[i]`."""

from __future__ import annotations

import ast

from gotui.llm.rules import goast as g
from gotui.llm.rules import odicts
from gotui.llm.rules.assign import AssignMixin, property_of, refuse_frozen
from gotui.llm.rules.methods import _append_target
from gotui.llm.rules.context import E, Var
from gotui.llm.rules.flow import Retry
from gotui.llm.rules.goast import Atom
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.inherit import lookup
from gotui.llm.rules.pyast import is_simple_node
from gotui.llm.rules.types import FLOAT, INT, STR, ClassT, DictT, ListT, ODictT, T, describe, prune, unify


class UpdateMixin(AssignMixin):
    """Statements that read a place and write it back, or remove from it."""

    def s_AugAssign(self, node: ast.AugAssign) -> None:
        target = node.target
        if isinstance(target, ast.Name):
            var = self.vars.get(target.id)
            if var is None:
                raise Unsupported(f"`{target.id}` is updated before it is assigned")
            self.forget(target.id)
            cur = self.expr(target)
        elif isinstance(target, ast.Subscript):
            base = self.subscript_base(target.value)
            bt = prune(base.t)
            if isinstance(bt, DictT):
                key = self.value(target.slice, bt.key)
                is_default = isinstance(target.value, ast.Name) and target.value.id in self.vars and self.vars[target.value.id].factory is not None
                present = (ast.unparse(target.value), ast.unparse(target.slice)) in self.facts.present
                if not (is_default or present):
                    # Python raises KeyError for a missing key; read it through pyKey first
                    checked = self.checked_lookup("pyKey", (base.g, key), bt.val, "KeyError", "a lookup whose KeyError a handler catches")
                    cur = checked or E(g.call("pyKey", base.g, key), bt.val)
                    store = self.r(g.Index(base.g, key))
                    self._aug_general(node, cur, store, bt.val)
                    return
                cur = E(g.Index(base.g, key), bt.val)
            elif isinstance(bt, ListT):
                cur = E(self.store_index(base, target.slice), bt.elem)
            else:
                raise Unsupported(f"augmented assignment into {describe(bt)}")
        elif isinstance(target, ast.Attribute):
            refuse_frozen(self, target)
            if property_of(self, target) is not None:
                raise Unsupported(f"augmented assignment to the property `{target.attr}` (its getter and setter run)")
            cur = self.expr(target)
        else:
            raise Unsupported("augmented assignment target")
        store = self.r(cur.g)
        ct = prune(cur.t)
        if isinstance(ct, ListT) and isinstance(node.op, ast.Add):
            tgt = _append_target(self, target, "`+=`")
            src, elem, _ = self.sequence_arg(node.value, ordered_needed=True)
            if not unify(elem, ct.elem):
                raise Unsupported("`+=` with items of another type")
            self.emit(f"{tgt} = append({tgt}, {g.render(src, self.indent, 2)}...)")
            return
        self._aug_general(node, cur, store, ct)

    def _aug_general(self, node: ast.AugAssign, cur: E, store: str, ct: T) -> None:
        rhs = self.expr(node.value, ct if ct in (INT, FLOAT) else None)
        rt = prune(rhs.t)
        ct = prune(ct)
        op = node.op
        if ct == INT and (rt == FLOAT or isinstance(op, ast.Div)):
            if isinstance(node.target, ast.Name):
                raise Retry(node.target.id, FLOAT)
            raise Unsupported("an int field or item becoming a float")
        simple_ops = {ast.Add: "+=", ast.Sub: "-=", ast.Mult: "*=", ast.BitAnd: "&=", ast.BitOr: "|=", ast.BitXor: "^=", ast.LShift: "<<=", ast.RShift: ">>="}
        if ct == STR and isinstance(op, ast.Add) and rt == STR:
            self._emit_aug(store, "+=", rhs.g, cur)
            return
        if ct in (INT, FLOAT) and type(op) in simple_ops and rt in (INT, FLOAT):
            if ct == INT or type(op) in (ast.Add, ast.Sub, ast.Mult):
                self._emit_aug(store, simple_ops[type(op)], self.coerce(rhs, ct), cur)
                return
        fake = ast.BinOp(ast.Name("_gotui_cur", ast.Load()), op, node.value)
        self.vars["_gotui_cur"] = Var("_gotui_cur", "", ct, declared=True)
        try:
            res = self.arith(op, cur, rhs, fake) if ct in (INT, FLOAT) else None
        finally:
            self.vars.pop("_gotui_cur", None)
        if res is None:
            raise Unsupported(f"augmented {type(op).__name__} on {describe(ct)}")
        self.emit_stmt(g.Assign((Atom(store),), "=", (self.coerce(res, ct),)))

    def _emit_aug(self, store: str, op: str, rhs: g.GoExpr, cur: E) -> None:
        if self.r(cur.g) != store:  # read elsewhere (`pyKey(d, k)`, a checked lookup's temporary): read then store
            self.emit_stmt(g.Assign((Atom(store),), "=", (g.Binary(op[:-1], cur.g, rhs),)))
            return
        self.emit(f"{store} {op} {self.r(rhs)}")

    def s_Delete(self, node: ast.Delete) -> None:
        for t in node.targets:
            if isinstance(t, ast.Subscript) and isinstance(t.slice, ast.Slice) and t.slice.lower is t.slice.upper is t.slice.step is None \
                    and is_simple_node(t.value) and isinstance(prune(self.expr(t.value).t), ListT):
                # `del xs[:]` empties the list in place, as `xs.clear()` does
                self.s_Expr(ast.copy_location(ast.Expr(ast.Call(ast.Attribute(t.value, "clear", ast.Load()), [], [])), t))
                continue
            if not isinstance(t, ast.Subscript) or isinstance(t.slice, ast.Slice):
                raise Unsupported("del of other than one item")
            obj = self.expr(t.value)
            ot = prune(obj.t)
            if isinstance(ot, DictT):
                key = self.value(t.slice, ot.key, helper=True)
                fact = (ast.unparse(t.value), ast.unparse(t.slice))
                if fact in self.facts.present:
                    self.emit(f"delete({self.r(obj.g)}, {self.r(key)})")
                elif self.checked_lookup("pyDelKey", (obj.g, key), None, "KeyError", "a del whose KeyError a handler catches") is None:
                    self.emit(f"pyDelKey({self.r(obj.g)}, {self.r(key)})")
                self.facts.present.discard(fact)
                self.track_mutation(t.value)
            elif isinstance(ot, ODictT):
                odicts.delete(self, obj, ot, t.slice)
                self.track_mutation(t.value)
            elif isinstance(ot, ListT):
                self.panics_here(("IndexError",), "del of a list item")
                tgt = _append_target(self, t.value, "`del`")
                self.emit(f"pyPopAt(&{tgt}, {self.r(self.value(t.slice, INT))})")
            elif isinstance(ot, ClassT) and _item_method(self, ot, "__delitem__") and is_simple_node(t.value):
                # `del obj[k]` is `obj.__delitem__(k)`, dispatched and raising as that call does
                self.s_Expr(ast.copy_location(ast.Expr(ast.Call(ast.Attribute(t.value, "__delitem__", ast.Load()), [t.slice], [])), t))
            else:
                raise Unsupported(f"del on {describe(ot)}")


def _item_method(tr: UpdateMixin, t: ClassT, name: str) -> bool:
    """The class of `t` (own or inherited) defines the item method `name` (`__delitem__`)."""
    cls = tr.pkg.class_by_name(t.name)
    return cls is not None and lookup(cls, name) is not None  # Unsupported, with its reason, for a base it cannot follow
