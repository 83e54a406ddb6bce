"""Assignments: locals declared where Go allows, tuple unpacking, stores into lists, maps and fields."""

from __future__ import annotations

import ast

from gotui.llm.rules import goast as g
from gotui.llm.rules.aliases import stale_list_alias
from gotui.llm.rules import odicts
from gotui.llm.rules.raising import RaiseMixin
from gotui.llm.rules.callplans import CallPlan
from gotui.llm.rules.context import E, TryCtx, Var, package_names
from gotui.llm.rules.pyast import int_literal, is_simple_node
from gotui.llm.rules.scopes import in_own_scope
from gotui.llm.rules.flow import Retry
from gotui.llm.rules.goast import Atom
from gotui.llm.rules.inherit import inherited_field, lookup
from gotui.llm.rules.loops import loaded_in, names_in, union_items, union_shape
from gotui.llm.rules.package import ClassInfo, FuncInfo
from gotui.llm.rules.signatures import class_names
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import (
    ODictT, FLOAT, INT, NONE, AnyT, ClassT, DictT, DynT, ListT, OptT, SeqT, T, TupleT, VarT, describe, go_type,
    has_var, name_vars, parse_annotation, prune, resolve, unify,
)


def _unpack_union(tr: "AssignMixin", names: list[str], e: E, t: DynT, value: ast.expr) -> None:
    """`red, green, blue = simple_color` of a union of tuples of one shape (loops.union_shape): its items
    by the type switch a loop over it takes them with; into another number of names Python raises
    ValueError for every member, so it is refused."""
    shape = union_shape(tr, t)
    if shape is not None and shape[1] != len(names):
        raise Unsupported(f"unpacking a union of {shape[1]}-item tuples into {len(names)} names (Python raises ValueError)")
    if shape is None:
        e = tr.expr(value)  # refused as any use of an `any` that needs its type
    items = union_items(tr, e, t, value)
    elem = prune(items.t).elem  # type: ignore[union-attr]
    tmp = tr.fresh("parts")
    tr.emit_stmt(g.Assign((Atom(tmp),), ":=", (items.g,)))
    tr._multi_assign(names, [(g.Index(Atom(tmp), Atom(str(i))), elem) for i in range(len(names))], value)


def define_field(cls: ClassInfo, attr: str, t: T) -> None:
    """`self.x = v` in __init__ for a field not declared yet."""
    assert cls.fields is not None
    if attr in cls.python_attrs:
        raise Unsupported(f"`{attr}`: its class-level default (line {cls.python_attrs[attr]}) stays Python")
    if attr in cls.fields:
        if not unify(cls.fields[attr], t):
            raise Unsupported(f"field `{attr}` is assigned values of different types")
        return
    cls.fields[attr] = t


def _temporaries(tr: "AssignMixin", node: ast.AST, prefix: str, n: int) -> list[str]:
    """`n` Python names the function does not use (`_chain1`, ...), so they cannot clash, declared where
    they are first set."""
    root: ast.AST = tr.func.node if tr.func is not None else node
    used = {x.id for x in ast.walk(root) if isinstance(x, ast.Name)} | {a.arg for a in ast.walk(root) if isinstance(a, ast.arg)} | set(tr.vars)
    out: list[str] = []
    k = 1
    while len(out) < n:
        if f"{prefix}{k}" not in used:
            out.append(f"{prefix}{k}")
        k += 1
    for name in out:
        tr.decl.inline.add(name)
        tr.decl.loaded.add(name)
    return out


def _unpack_into_targets(tr: "AssignMixin", target: ast.Tuple, value: ast.expr) -> None:
    """`self.term, self.model = f()`: unpacked into fresh locals, then stored into each target left to
    right, as Python stores them once the value is unpacked (a later target may read an earlier one)."""
    temps = _temporaries(tr, target, "_item", len(target.elts))
    names = ast.Tuple([ast.Name(id=t, ctx=ast.Store()) for t in temps], ast.Store())
    tr.assign_tuple(ast.copy_location(names, target), value)
    for elt, t in zip(target.elts, temps):
        if has_var(tr.vars[t].t):
            raise Unsupported(f"unpacking a value whose type is not known yet into `{ast.unparse(elt)}`")
        tr.assign_to(elt, ast.copy_location(ast.Name(id=t, ctx=ast.Load()), value))


def _namedtuple_items(tr: "AssignMixin", e: E, t: T, n: int) -> list[tuple[g.GoExpr, T]] | None:
    """A NamedTuple unpacked into `n` names: its fields in order, each read from the value, which is held
    once (a call's result in a local first). None for a value of another type."""
    cls = tr.pkg.class_by_name(t.name) if isinstance(t, ClassT) else None
    if cls is None or not cls.is_namedtuple or "__iter__" in cls.methods:
        return None
    fields = tr.pkg.class_fields(cls)
    if len(fields) != n:
        raise Unsupported(f"unpacking {t.name} ({len(fields)} fields) into {n} names")
    src = e
    if not e.simple:
        tmp = tr.fresh("t")
        tr.emit_stmt(g.Assign((Atom(tmp),), ":=", (e.g,)))
        src = E(Atom(tmp), t, simple=True)
    return [(tr.field_access(src, t, f).g, ft) for f, ft in fields.items()]


class AssignMixin(RaiseMixin):
    """Assignments: `=`, annotated, chained, tuple, subscript and augmented assignment, and `del`."""

    def track_mutation(self, node: ast.expr) -> None:
        """`node`'s contents change in place (`d.clear()`): what is known of its keys and attributes goes;
        that it is not None stays (a mutation does not rebind it)."""
        src = ast.unparse(node)
        self.facts.present = {f for f in self.facts.present if f[0] != src}
        self.facts.not_none = {n for n in self.facts.not_none if not n.startswith(src + ".")}

    def forget(self, name: str) -> None:
        self.facts.not_none = {n for n in self.facts.not_none if n != name and not n.startswith(name + ".")}
        self.facts.present = {f for f in self.facts.present if name not in (f[0].split(".")[0].split("[")[0], f[1])}

    # --- assignment ----------------------------------------------------------------------------
    def x_NamedExpr(self, node: ast.NamedExpr, want: T | None) -> E:
        """`(m := pattern.match(s))`: the assignment as a statement before the one that holds it, then the
        name. Only where Python evaluates it unconditionally and first-hand: not after `and`/`or` or in a
        branch of a conditional expression (the statement would run when Python's does not), nor in a
        comprehension or lambda (where it binds in the enclosing function, not in Go's loop)."""
        if self.func is not None and in_own_scope(self.func.node, node):
            raise Unsupported("an assignment expression (:=) in a comprehension or lambda (it binds in the enclosing function)")
        if not self.hoist_ok or self.impure_inline:
            raise Unsupported("an assignment expression (:=) where Python may not evaluate it (after and/or, or in a branch)")
        self.assign_name(node.target.id, node.value)
        return self.expr(ast.Name(id=node.target.id, ctx=ast.Load()), want)

    def s_AnnAssign(self, node: ast.AnnAssign) -> None:
        if not isinstance(node.target, ast.Name):
            if node.value is None:
                return
            self.assign_to(node.target, node.value)
            return
        t = parse_annotation(node.annotation, class_names(self.pkg, self.mod, self.cls))
        name = node.target.id
        if name in self.vars:
            if not unify(self.vars[name].t, t):
                raise Unsupported(f"`{name}` is annotated twice with different types")
        elif name in self.decl.top:
            self.vars[name] = Var(name, self.fresh(name), t, declared=True, hoisted=True)
        else:
            self.vars[name] = Var(name, self.fresh(name), t)
        if node.value is None:
            var = self.vars[name]
            if not var.declared:
                self.emit(f"var {var.go} {go_type(t)}")
                var.declared = True
            return
        self.assign_to(node.target, node.value)

    def s_Assign(self, node: ast.Assign) -> None:
        if len(node.targets) != 1:
            self.chained_assign(node)
            return
        self.assign_to(node.targets[0], node.value)

    def chained_assign(self, node: ast.Assign) -> None:
        """`a = b[i] = o.x = expr`: expr is evaluated once, then stored into each target left to right, one Go
        statement each: a later target (`o.next.prev`) reads what an earlier one stored, in both languages.
        An attribute target is a chain of names (`link.next.prev`), no call inside it."""
        for target in node.targets:
            if not isinstance(target, (ast.Name, ast.Subscript)) and not (isinstance(target, ast.Attribute) and _attribute_chain(target.value)):
                raise Unsupported(f"chained assignment to {type(target).__name__}")
        value = node.value
        if isinstance(value, ast.Constant) or (
            isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub) and isinstance(value.operand, ast.Constant)
        ):
            # a constant gives the same (immutable) value each time it is evaluated
            for target in node.targets:
                self.assign_to(target, value)
            return
        (tmp,) = _temporaries(self, node, "_chain", 1)
        self.assign_name(tmp, value)
        var = self.vars[tmp]
        if has_var(var.t):
            raise Unsupported("chained assignment of a value whose type is not known yet")
        ref = ast.Name(id=tmp, ctx=ast.Load())
        ast.copy_location(ref, value)
        for target in node.targets:
            self.assign_to(target, ref)

    def emit_plan(self, plan_: CallPlan) -> None:
        """A call as a statement, its results dropped and its error dispatched."""
        if plan_.raises:
            blanks = ["_"] * len(plan_.results)
            if blanks:
                self.emit(f"if {', '.join(blanks)}, err := {self.r(plan_.g)}; err != nil {{")
            else:
                self.emit(f"if err := {self.r(plan_.g)}; err != nil {{")
            with self.block():
                self.dispatch("err", plan_.kinds)
            self.emit("}")
        else:
            self.emit(self.r(plan_.g))

    def assign_to(self, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, ast.Attribute) and assign_property(self, target, value):
            return
        if isinstance(target, ast.Name):
            self.assign_name(target.id, value)
        elif isinstance(target, ast.Tuple):
            self.assign_tuple(target, value)
        elif isinstance(target, ast.Subscript):
            self.assign_subscript(target, value)
        elif isinstance(target, ast.Attribute):
            defining = self.defining
            if (
                defining is not None
                and isinstance(target.value, ast.Name)
                and target.value.id in self.vars
                and prune(self.vars[target.value.id].t) == ClassT(defining.key)
                and target.attr not in (defining.fields or {})
                and inherited_field(self.pkg, defining, target.attr) is None
            ):
                e = self.expr(value)
                if prune(e.t) == NONE or has_var(e.t):
                    raise Unsupported(f"field `{target.attr}` starts as {'None' if prune(e.t) == NONE else 'an empty container'} without an annotation")
                self.escape(value)
                define_field(defining, target.attr, resolve(e.t))
                obj = self.expr(target)
                self.emit(f"{self.r(obj.g)} = {self.r(self.coerce(e, obj.t))}")
                return
            refuse_frozen(self, target)
            obj = self.expr(target)
            self.escape(value)
            v = self.value(value, obj.t, f"`{ast.unparse(target)}`")
            self.emit(f"{self.r(obj.g)} = {self.r(v)}")
            self.track_mutation(target)
        else:
            raise Unsupported(f"assignment to {type(target).__name__}")

    def _var_for(self, name: str, value_t: T | None) -> Var:
        var = self.vars.get(name)
        if var is not None:
            return var
        if name in self.decl.loop_targets and name not in self.decl.inline and name not in self.decl.carried:
            raise Unsupported(f"`{name}` is assigned outside the loop that binds it")
        hint = self.hints.get(name)
        t: T = hint if hint is not None else (value_t if value_t is not None else VarT())
        var = Var(name, self.fresh(name), t, hoisted=name in self.decl.top, write_only=name not in self.decl.loaded)
        name_vars(t, name)
        if var.hoisted:
            var.declared = True
        self.vars[name] = var
        return var

    def assign_name(self, name: str, value: ast.expr) -> None:
        var = self.vars.get(name)
        if var is not None and isinstance(prune(var.t), AnyT):
            raise Unsupported(prune(var.t).why or f"`{name}` has no known type")  # type: ignore[attr-defined]
        want = var.t if var is not None else self.hints.get(name)
        if var is None and name not in self.decl.inline and name not in self.decl.top:
            if name in self.decl.loop_targets:
                raise Unsupported(f"`{name}` is assigned outside the loop that binds it")
        if isinstance(value, (ast.ListComp, ast.SetComp, ast.DictComp)) and var is None and name in self.decl.inline and name in self.decl.loaded and self.hoist_ok:
            kind = {ast.ListComp: "list", ast.SetComp: "set", ast.DictComp: "dict"}[type(value)]
            go = self.fresh(name)
            e = self.comprehension(value, kind, True, want, into=go)
            self.vars[name] = Var(name, go, e.t, declared=True, fresh=True)
            return
        if isinstance(value, ast.IfExp) and var is None and name in self.decl.inline and name in self.decl.loaded and self.hoist_ok and name not in self.hints:
            go = self.fresh(name)
            self.into = go
            try:
                e = self.expr(value, want)
            finally:
                self.into = None
            if e.mixed:
                raise Retry(name, FLOAT)  # an int on one branch, a float on the other: translated again knowing it
            if isinstance(e.g, Atom) and e.g.text == go:
                self.vars[name] = Var(name, go, e.t, declared=True, fresh=False)
                return
            self.vars[name] = Var(name, go, e.t, declared=True, fresh=False)
            self.emit_stmt(g.Assign((Atom(go),), ":=", (e.g,)))
            return
        if (
            isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("sum", "any", "all")
            and value.func.id not in self.vars and len(value.args) == 1 and not value.keywords
            and isinstance(value.args[0], (ast.GeneratorExp, ast.ListComp))
            and var is None and name in self.decl.inline and name in self.decl.loaded and self.hoist_ok and name not in self.hints
        ):
            go = self.fresh(name)
            self.comp_into = go
            try:
                e = self.builtin_call(value, want)
            finally:
                self.comp_into = None
            if isinstance(e.g, Atom) and e.g.text == go:
                self.vars[name] = Var(name, go, e.t, declared=True, fresh=False)
                return
            self.vars[name] = Var(name, go, e.t, declared=True, fresh=False)
            self.emit_stmt(g.Assign((Atom(go),), ":=", (e.g,)))
            return
        if isinstance(value, ast.Call) and var is None and name in self.decl.inline:
            plan_ = self.prepare_call(value, want)
            if plan_ is not None and plan_.raises and len(plan_.results) == 1:
                assign_plan(self, [name], plan_)
                self.vars[name].fresh = False
                return
            if plan_ is not None:
                e = self.hoist_call(plan_)
            else:
                e = self.builtin_call(value, want)
        elif want is None and var is None:
            e = self.opaque(value)  # a new local may carry a value of several types (`last = keys[-1]`), as a parameter does
        else:
            e = self.expr(value, want)
        et = prune(e.t)
        if isinstance(et, ListT) and isinstance(value, (ast.Attribute, ast.Subscript)) and self.func is not None:
            stale = stale_list_alias(self.func.node, name, value)  # `keys = self.keys`, then the field shrinks
            if stale is not None:
                raise Unsupported(stale)
        if isinstance(et, SeqT):  # a Python iterator is used up by one pass; Go's iter.Seq starts again
            raise Unsupported(f"an iterator kept in `{name}` (Python's is used up by one pass, Go's iter.Seq starts again)")
        self.forget(name)
        if et == NONE and (var is None or not isinstance(prune(var.t), OptT)):
            t0 = self.hints.get(name)
            var = self._var_for(name, OptT(VarT()) if t0 is None else t0)
            if not isinstance(prune(var.t), OptT):
                raise Unsupported(f"`{name}` is set to None and to other values")
        else:
            var = self._var_for(name, e.t)
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "defaultdict":
            var.factory = prune(var.t).val  # type: ignore[attr-defined]
        vt = prune(var.t)
        if vt == INT and et == FLOAT:
            raise Retry(name, FLOAT)
        if vt == FLOAT and (et == INT or e.mixed or int_literal(value)) and self.hints.get(name) != FLOAT:
            raise Retry(name, FLOAT)  # a float variable that also holds an int: translated again knowing it
        if isinstance(vt, VarT) or has_var(vt):
            if not unify(vt, e.t) and not isinstance(prune(vt), OptT):
                raise Unsupported(f"`{name}` changes type to {describe(e.t)}")
        fresh_value = e.fresh or isinstance(value, (ast.List, ast.ListComp)) or (
            isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("list", "sorted", "reversed") and value.func.id not in self.vars
        )
        if isinstance(vt, DynT) and not isinstance(prune(e.t), (DynT, VarT)) and prune(e.t) != NONE and (var.declared or var.param) \
                and self._rebinding_versionable(name, value):
            # `value = int(value)` on an `any`: a variable of the value's own type, so what follows can use it
            self._new_version(name, e, fresh_value)
            return
        try:
            gv = self.coerce(e, var.t, f"`{name}`")
        except Unsupported:
            if not (var.declared or var.param) or not self._rebinding_versionable(name, value):
                raise
            self._new_version(name, e, fresh_value)
            return
        if isinstance(value, ast.Name) and value.id in self.vars:
            self.vars[value.id].fresh = False
        if var.write_only:
            if not var.declared:
                var.declared = True
                if isinstance(vt, ListT) or isinstance(value, ast.Name):
                    self.emit(f"_ = {self.r(gv)}")
                    return
            self.emit(f"_ = {self.r(gv)}")
            return
        if not var.declared:
            var.declared = True
            var.fresh = fresh_value
            if isinstance(vt, OptT) and et == NONE or (e.const and isinstance(gv, Atom) and gv.text == "nil"):
                self.emit(f"var {var.go} {go_type(var.t)}")
                return
            if isinstance(vt, OptT) and et != NONE and not isinstance(et, OptT):
                self.facts.not_none.add(name)
            self.emit_stmt(g.Assign((Atom(var.go),), ":=", (gv,)))
            return
        var.fresh = fresh_value and not var.param
        if isinstance(vt, OptT) and et != NONE and not isinstance(et, OptT):
            self.facts.not_none.add(name)
        self.emit_stmt(g.Assign((Atom(var.go),), "=", (gv,)))

    def _rebinding_versionable(self, name: str, value: ast.expr) -> bool:
        """`x = int(x)` (a name bound again to a value of another type) may be a second Go variable when
        the statement is one of the function body's own (so it runs once, and everything after it in the
        body sees the new value, never the old), it reads the old value (so the first Go variable is
        used), and no nested function or lambda names it (Python's would see whichever value the name
        holds when it runs)."""
        body = self.func.node.body if self.func is not None else []
        if not (any(s is self.current_stmt for s in body) or self._try_tail() is not None) or not loaded_in([value], name):
            return False
        return not any(isinstance(n, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef)) and name in names_in(n)
                       for s in body for n in ast.walk(s))

    def _try_tail(self) -> TryCtx | None:
        """The try whose body's last statement this is, when that try is one of the function body's own,
        every handler leaves the function (return or raise) and there is no else or finally: the code
        after the try then runs only once this statement has, and a handler never sees its value
        (nothing after it in the body can fail). Humanize's `try: ...; value = int(value)` /
        `except (TypeError, ValueError): return str(value)`."""
        if len(self.tries) != 1 or self.func is None:
            return None
        ctx = self.tries[0]
        t = ctx.node
        if t is None or not any(s is t for s in self.func.node.body) or not t.body or t.body[-1] is not self.current_stmt \
                or t.orelse or t.finalbody or not all(h.body and isinstance(h.body[-1], (ast.Return, ast.Raise)) for h in t.handlers):
            return None
        return ctx

    def _new_version(self, name: str, e: E, fresh: bool) -> None:
        """The name's next Go variable, declared here with the value's own type (_rebinding_versionable)."""
        self.forget(name)
        body = self.func.node.body if self.func is not None else []
        ctx = self._try_tail()
        if ctx is not None:  # the last statement of a try: a hoisted variable, declared at the function's top
            rest = body[next(i for i, s in enumerate(body) if s is ctx.node) + 1:]
            var = Var(name, self.fresh(name), e.t, declared=True, hoisted=True, fresh=fresh)
            self.vars[name] = var
            self.emit_stmt(g.Assign((Atom(var.go),), "=", (e.g,)))
            if not loaded_in(list(rest), name):
                self.emit(f"_ = {var.go}")
            return
        rest = body[next(i for i, s in enumerate(body) if s is self.current_stmt) + 1:]
        if not loaded_in(list(rest), name):
            # never read again: Go would reject an unused variable (a later store declares its own)
            self.emit(f"_ = {self.r(e.g)}")
            self.vars[name] = Var(name, self.fresh(name), e.t, fresh=fresh)
            return
        temp = (isinstance(e.g, Atom) and e.g.text in self.used_go and e.g.text not in package_names(self.pkg)
                and all(v.go != e.g.text for v in self.vars.values()))  # a local no Python name holds: a call's result
        self.vars[name] = Var(name, e.g.text if temp else self.fresh(name), e.t, declared=True, fresh=fresh)  # type: ignore[union-attr]
        if not temp:  # (a raising call's result is in a variable of its own already: `n2, err := pyParseInt(n)`)
            self.emit_stmt(g.Assign((Atom(self.vars[name].go),), ":=", (e.g,)))

    def assign_tuple(self, target: ast.Tuple, value: ast.expr) -> None:
        names = target.elts
        if any(not isinstance(n, (ast.Name, ast.Subscript, ast.Attribute)) for n in names):
            raise Unsupported("nested unpacking")
        set_names = {n.id for n in names if isinstance(n, ast.Name)}
        # `i, xs[i] = xs[i], i`: Python indexes with the new i, Go's tuple assignment with the old one
        rebinds = any(isinstance(x, ast.Name) and x.id in set_names for n in names if not isinstance(n, ast.Name) for x in ast.walk(n))
        if isinstance(value, ast.Tuple) and len(value.elts) == len(names) and not rebinds:
            es = [self.expr(v) for v in value.elts]
            if all(isinstance(n, ast.Name) for n in names):
                self._multi_assign([n.id for n in names], [(e.g, e.t) for e in es], value)  # type: ignore[attr-defined]
                return
            lhs = [self.r(self.expr(n).g) if not isinstance(n, ast.Subscript) else self._store_target(n) for n in names]
            rhs = [self.coerce(e, self.expr(n).t) for e, n in zip(es, names)]
            self.emit(f"{', '.join(lhs)} = {g.render_list(rhs, self.indent, 2)}")
            return
        if not all(isinstance(n, ast.Name) for n in names):
            _unpack_into_targets(self, target, value)
            return
        pynames = [n.id for n in names]  # type: ignore[attr-defined]
        if isinstance(value, ast.Call):
            plan_ = self.prepare_call(value)
            if plan_ is not None and len(plan_.results) == len(names):
                assign_plan(self, pynames, plan_)
                return
        e = self.opaque(value)
        t = prune(e.t)
        if isinstance(t, DynT):  # a union of tuples of one shape: its items by a type switch, as a loop takes them
            _unpack_union(self, pynames, e, t, value)
            return
        if isinstance(t, TupleT) and len(t.elems) == len(names):
            if isinstance(e.g, g.Composite):
                self._multi_assign(pynames, list(zip(e.g.elems, t.elems)), value)
                return
            src = e
            if not e.simple:
                tmp = self.fresh("t")
                self.emit_stmt(g.Assign((Atom(tmp),), ":=", (e.g,)))
                src = E(Atom(tmp), t, simple=True)
            self._multi_assign(pynames, [(g.Sel(src.g, f"F{i}"), et) for i, et in enumerate(t.elems)], value)
            return
        items = _namedtuple_items(self, e, t, len(names))
        if items is not None:
            self._multi_assign(pynames, items, value)
            return
        if isinstance(t, ListT):
            tmp = self.fresh("parts")
            self.emit_stmt(g.Assign((Atom(tmp),), ":=", (e.g,)))
            self.check_unpack(tmp, len(names))
            self._multi_assign(pynames, [(g.Index(Atom(tmp), Atom(str(i))), t.elem) for i in range(len(names))], value)
            return
        raise Unsupported(f"unpacking {describe(t)}")

    def check_unpack(self, seq: str, n: int) -> None:
        """Python's ValueError when a list unpacked into n names has another length."""
        self.emit(f"if err := pyCheckUnpack(len({seq}), {n}); err != nil {{")
        with self.block():
            self.dispatch("err", ("ValueError",), implicit=True)
        self.emit("}")

    def _store_target(self, n: ast.Subscript) -> str:
        obj = self.expr(n.value)
        t = prune(obj.t)
        if isinstance(t, DictT):
            return self.r(g.Index(obj.g, self.value(n.slice, t.key)))
        if isinstance(t, ListT):
            return self.r(self.store_index(obj, n.slice))
        raise Unsupported(f"assignment into {describe(t)}")

    def declare_err(self) -> None:
        if not self.err_declared:
            self.top_err = True
            self.err_declared = True

    def _multi_assign(self, names: list[str], values: list[tuple[g.GoExpr, T]], node: ast.expr) -> None:
        lhs, rhs = [], []
        any_new = False
        all_new = True
        for n, (gv, t) in zip(names, values):
            self.forget(n)
            v = self._var_for(n, t)
            if prune(v.t) == INT and prune(t) == FLOAT or prune(v.t) == FLOAT and prune(t) == INT and self.hints.get(n) != FLOAT:
                raise Retry(n, FLOAT)
            rhs.append(self.coerce(E(gv, t), v.t, f"`{n}`"))
            if v.write_only:
                lhs.append("_")
                continue
            lhs.append(v.go)
            if v.declared:
                all_new = False
            else:
                any_new = True
        if any_new and not all_new:
            for n in names:
                v = self.vars[n]
                if not v.declared and not v.write_only:
                    self.emit(f"var {v.go} {go_type(v.t)}")
                    v.declared = True
            any_new = False
        op = ":=" if any_new else "="
        for n in names:
            self.vars[n].declared = True
        if all(x == "_" for x in lhs):
            op = "="
        self.emit(f"{', '.join(lhs)} {op} {g.render_list(rhs, self.indent, 2)}")

    def assign_subscript(self, target: ast.Subscript, value: ast.expr) -> None:
        if isinstance(target.slice, ast.Slice):
            raise Unsupported("slice assignment")
        obj = self.subscript_base(target.value)
        t = prune(obj.t)
        if isinstance(t, DictT):
            key = self.value(target.slice, t.key, "dict key")
            self.escape(value)
            v = self.value(value, t.val, "dict value")
            self.emit(f"{self.r(g.Index(obj.g, key))} = {self.r(v)}")
            if is_simple_node(target.value) and is_simple_node(target.slice):
                self.facts.present.add((ast.unparse(target.value), ast.unparse(target.slice)))
            return
        if isinstance(t, ODictT):
            self.escape(value)
            odicts.store(self, obj, t, target.slice, value)
            return
        if isinstance(t, ListT):
            idx = self.store_index(obj, target.slice)
            v = self.value(value, t.elem, "list item")
            self.emit(f"{self.r(idx)} = {self.r(v)}")
            return
        call = setitem_call(self, t, target, value)
        if call is None:
            raise Unsupported(f"item assignment into {describe(t)}")
        self.s_Expr(call)

    def subscript_base(self, node: ast.expr) -> E:
        """The container being assigned into; `d[k]` of a defaultdict inserts the default first."""
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in self.vars:
            var = self.vars[node.value.id]
            if var.factory is not None:
                dt = prune(var.t)
                key = self.value(node.slice, dt.key)  # type: ignore[attr-defined]
                return E(g.call("pyDefault", Atom(var.go), key, Atom(go_type(dt.val) + "{}")), dt.val)  # type: ignore[attr-defined]
        return self.expr(node)


def assign_plan(tr: AssignMixin, names: list[str], plan_: CallPlan) -> None:
    """`a, b = f(...)`: the call's results into the names (declared here or before), its error checked."""
    vars_ = []
    for n, t in zip(names, plan_.results):
        tr.forget(n)
        v = tr._var_for(n, t)
        if not unify(v.t, t):
            raise Unsupported(f"`{n}` changes type")
        vars_.append(v)
    new = any(not v.declared and not v.write_only for v in vars_)
    lhs = ["_" if v.write_only else v.go for v in vars_]
    if plan_.raises:
        lhs.append("err")
    if new:
        if any(v.declared for v in vars_):
            for v in vars_:
                if not v.declared:
                    tr.emit(f"var {v.go} {go_type(v.t)}")
                    v.declared = True
            if plan_.raises:  # (an `err` nothing sets would be declared and not used: Go refuses it)
                tr.declare_err()
            tr.emit(f"{', '.join(lhs)} = {tr.r(plan_.g)}")
        else:
            tr.emit(f"{', '.join(lhs)} := {tr.r(plan_.g)}")
    else:
        if plan_.raises:
            tr.declare_err()
        op = "=" if plan_.raises or any(v.declared for v in vars_) else ":="
        if all(x == "_" for x in lhs):
            op = "="
        tr.emit(f"{', '.join(lhs)} {op} {tr.r(plan_.g)}")
    for v in vars_:
        v.declared = True
    if plan_.raises:
        tr.check_err("err", plan_.kinds)


def setitem_call(tr: AssignMixin, t: T, target: ast.Subscript, value: ast.expr) -> ast.Expr | None:
    """`obj[k] = v` on a class with `__setitem__`: the statement `obj.__setitem__(k, v)`, dispatched and
    raising as that call does (Python evaluates v before k: the same here, k being a name, a constant
    or v a plain value). None for anything else."""
    cls = tr.pkg.class_by_name(t.name) if isinstance(t, ClassT) else None
    if cls is None or not is_simple_node(target.value) or not (isinstance(target.slice, (ast.Name, ast.Constant)) or is_simple_node(value)):
        return None
    if lookup(cls, "__setitem__") is None:
        return None
    return ast.copy_location(ast.Expr(ast.Call(ast.Attribute(target.value, "__setitem__", ast.Load()), [target.slice, value], [])), target)


def refuse_frozen(tr: AssignMixin, target: ast.Attribute) -> None:
    """`obj.x = v` on a `@dataclass(frozen=True)` instance raises FrozenInstanceError in Python."""
    try:
        t = prune(tr.expr(target.value).t)
    except Unsupported:
        return  # the assignment itself reports it
    if isinstance(t, OptT):
        t = prune(t.inner)
    cls = tr.pkg.class_by_name(t.name) if isinstance(t, ClassT) else None
    if cls is None:
        return
    for d in cls.node.decorator_list:
        if isinstance(d, ast.Call) and any(k.arg == "frozen" and not (isinstance(k.value, ast.Constant) and k.value.value is False) for k in d.keywords):
            raise Unsupported(f"assignment to a field of the frozen dataclass {cls.name} (Python raises FrozenInstanceError)")


def property_of(tr: AssignMixin, target: ast.Attribute) -> FuncInfo | None:
    """The property getter `obj.x` reads, when x is a property of obj's class."""
    if not isinstance(target.value, (ast.Name, ast.Attribute)):
        return None
    saved = tr.impure_inline
    t = prune(tr.expr(target.value).t)
    tr.impure_inline = saved
    if isinstance(t, OptT):
        t = prune(t.inner)
    cls = tr.pkg.class_by_name(t.name) if isinstance(t, ClassT) else None
    getter = lookup(cls, target.attr) if cls is not None else None
    return getter if getter is not None and getter.kind == "property" and getter.cls is not None else None


def assign_property(tr: AssignMixin, target: ast.Attribute, value: ast.expr) -> bool:
    """`obj.x = v` where x is a property: its setter runs (`o.SetX(v)`), in the constructor too; a
    property without a setter raises AttributeError in Python: refused. False when x is no property."""
    getter = property_of(tr, target)
    if getter is None or getter.cls is None:
        return False
    if getter.cached:
        raise Unsupported(f"assignment to the @cached_property `{target.attr}` (Python keeps the value assigned in its place)")
    if not isinstance(target.value, ast.Name):
        raise Unsupported(f"assignment to the property `{target.attr}` of an expression")
    obj = tr.expr(target.value)
    want = ("_set_" if target.attr.startswith("_") else "set_") + target.attr.lstrip("_")
    setter = next((s for s in getter.cls.setters.values() if s.name == want), None)
    if setter is None:
        raise Unsupported(f"assignment to the property `{target.attr}`, which has no setter (Python raises AttributeError)")
    tr.escape(value)
    call = ast.copy_location(ast.Call(ast.Attribute(target.value, want, ast.Load()), [value], []), target)
    tr.emit_plan(tr.plan_function(setter, call, recv=obj.g))
    return True


def _attribute_chain(node: ast.expr) -> bool:
    """`a` or `a.b.c`: names and attributes only."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)
