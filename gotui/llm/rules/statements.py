"""Statements and whole functions: assignments, control flow, loops, returns, raise and try/except.

Exceptions: a function that can raise returns an extra `error`; raising statements and calls that
can fail are followed by `if err != nil` that runs the matching `except` handler or returns the error.
Failures Python signals implicitly (KeyError on a missing key, IndexError, ZeroDivisionError) stay Go
panics, and a `try` whose handler would have to catch one of those is reported as a TODO.
"""

from __future__ import annotations

import ast

from gotui.golang.names import go_type_name, receiver_name
from gotui.llm.rules import goast as g
from gotui.llm.rules.builtins import CallMixin, CallPlan
from gotui.llm.rules.context import E, Facts, Handler, TryCtx, Var
from gotui.llm.rules.expressions import is_simple_node
from gotui.llm.rules.goast import Atom
from gotui.llm.rules.loops import Loop, loaded_in
from gotui.llm.rules.methods import _append_target, list_statement
from gotui.llm.rules.package import BUILTIN_EXC, ClassInfo, FuncInfo, PackageInfo, handler_names, implicit_kinds
from gotui.llm.rules.scopes import DeclPlan, plan
from gotui.llm.rules.signatures import Signature, class_names
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import (
    FLOAT, INT, NONE, STR, ClassT, DictT, ErrT, ListT, OptT, SetT, T, TupleT, VarT,
    describe, go_type, has_var, parse_annotation, prune, resolve, unify,
)

MUTATORS = {"append", "extend", "insert", "pop", "remove", "clear", "add", "discard", "update", "setdefault", "sort", "reverse", "popitem"}
IMPLICIT = {  # exception kinds Go code raises as panics, by construct
    "subscript": {"KeyError", "IndexError"},
    "division": {"ZeroDivisionError"},
    "call": {"*"},
}


class Retry(Exception):
    """A variable turned out to need a wider type (int -> float): translate again with the hint."""

    def __init__(self, name: str, t: T) -> None:
        super().__init__(name)
        self.name, self.t = name, t


def terminates(stmts: list[ast.stmt]) -> bool:
    """Does control never fall off the end of this block (as Go's terminating statements)?"""
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, (ast.Return, ast.Raise)):
        return True
    if isinstance(last, ast.If):
        return bool(last.orelse) and terminates(last.body) and terminates(last.orelse)
    if isinstance(last, ast.While):
        return isinstance(last.test, ast.Constant) and last.test.value is True and not _has_break(last.body)
    if isinstance(last, ast.Try):
        return terminates(last.body + last.orelse) and all(terminates(h.body) for h in last.handlers) and not last.finalbody
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) and isinstance(last.value.func, ast.Name):
        return False
    return False


def jumps(stmts: list[ast.stmt]) -> bool:
    """Does control always leave this block (return, raise, break or continue)?"""
    if terminates(stmts):
        return True
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, (ast.Break, ast.Continue)):
        return True
    if isinstance(last, ast.If):
        return bool(last.orelse) and jumps(last.body) and jumps(last.orelse)
    return False


def _has_break(stmts: list[ast.stmt]) -> bool:
    for s in stmts:
        if isinstance(s, ast.Break):
            return True
        if isinstance(s, (ast.For, ast.While, ast.FunctionDef)):
            continue
        for name in ("body", "orelse", "handlers", "finalbody"):
            part = getattr(s, name, None)
            if isinstance(part, list):
                inner = [x for h in part for x in h.body] if name == "handlers" else part
                if _has_break(inner):
                    return True
    return False


def define_field(cls: ClassInfo, attr: str, t: T) -> None:
    """`self.x = v` in __init__ for a field not declared yet."""
    assert cls.fields is not None
    if attr in cls.fields:
        if not unify(cls.fields[attr], t):
            raise Unsupported(f"field `{attr}` is assigned values of different types")
        return
    cls.fields[attr] = t


class StmtMixin(CallMixin):
    decl: DeclPlan
    hints: dict[str, T]
    loop_flags: list[str | None]

    # --- errors --------------------------------------------------------------------------------
    def check_err(self, err: str, kinds: tuple[str, ...]) -> None:
        self.emit(f"if {err} != nil {{")
        with self.block():
            self.dispatch(err, kinds)
        self.emit("}")

    def _verdict(self, names: list[str | None], kind: str) -> bool | None:
        verdicts = [self.pkg.exc_catches(self.mod, n, kind) for n in names]
        if any(v is True for v in verdicts):
            return True
        if any(v is None for v in verdicts):
            return None
        return False

    def dispatch(self, err: str, kinds: tuple[str, ...], implicit: bool = False) -> None:
        """Code that handles error `err` (one of the exception `kinds`): the matching handler, or return it."""
        remaining = list(kinds) or ["*"]
        tries = self.tries
        for depth in range(len(tries) - 1, -1, -1):
            ctx = tries[depth]
            for h in ctx.handlers:
                verdicts = [self._verdict(h.names, k) for k in remaining]
                if all(v is True for v in verdicts):
                    self._run_handler(ctx, h, err, depth)
                    return
                if any(v is not False for v in verdicts):
                    checks = [self._exc_check(err, n) for n in h.names]
                    test = checks[0]
                    for c in checks[1:]:
                        test = g.Binary("||", test, c)
                    self.emit(f"if {self.r(test)} {{")
                    with self.block():
                        self._run_handler(ctx, h, err, depth)
                    self.emit("}")
                remaining = [k for k, v in zip(remaining, verdicts) if v is not True]
                if not remaining:
                    return
        if self.sig is not None and self.sig.raises:
            self.emit("return " + ", ".join(self.sig.zeros() + [err]))
        elif implicit or self.sig is None:
            self.emit(f"panic({err})")
        else:
            raise Unsupported("an error can reach the end of a function that does not raise")

    def _exc_check(self, err: str, name: str | None) -> g.GoExpr:
        if name in BUILTIN_EXC:
            return g.call("pyErrorIs", Atom(err), Atom(g.go_string(name)))
        cls = self.pkg.find_class(self.mod, name or "") or self.pkg.class_by_name(name or "")
        if cls is None or not cls.is_exception:
            raise Unsupported(f"except {name}: not an exception class the translator knows")
        if self.pkg.services.translate_class(self.pkg, cls)[1] is not None:
            raise Unsupported(f"except {name}: the exception class is not translated")
        self.use("errors")
        return g.call("errors.As", Atom(err), Atom(f"new(*{cls.go_name})"))

    def _run_handler(self, ctx: TryCtx, h: Handler, err: str, depth: int) -> None:
        saved_tries, saved_facts, saved_vars = self.tries, self.facts, dict(self.vars)
        self.tries = self.tries[:depth]
        self.facts = self.facts.copy()
        self.current_error = getattr(self, "current_error", None)
        prev_err, prev_kinds = self.current_error, getattr(self, "current_kinds", None)
        self.current_error = err
        self.current_kinds = tuple("*" if n is None or n in ("Exception", "BaseException") else n for n in h.names)
        try:
            if h.node.name:
                if loaded_in(list(h.node.body), h.node.name):
                    go = self.fresh(h.node.name)
                    self.emit(f"{go} := {err}")
                    self.vars[h.node.name] = Var(h.node.name, go, ErrT(), declared=True)
            for stmt in h.node.body:
                self.stmt(stmt)
            if not jumps(h.node.body):
                if ctx.label is None:
                    ctx.label = self.label("tryEnd")
                ctx.used_label = True
                self.emit(f"goto {ctx.label}")
        finally:
            self.tries, self.facts = saved_tries, saved_facts
            self.vars = {k: v for k, v in self.vars.items() if k in saved_vars or v.hoisted}
            self.current_error, self.current_kinds = prev_err, prev_kinds

    def raise_error(self, node: ast.Raise) -> None:
        if node.exc is None:
            err = getattr(self, "current_error", None)
            if err is None:
                raise Unsupported("bare `raise` outside an except handler")
            self.dispatch(err, getattr(self, "current_kinds", None) or ("*",))
            return
        exc = node.exc
        call = exc if isinstance(exc, ast.Call) else None
        target = exc.func if isinstance(exc, ast.Call) else exc
        name = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else None
        if name is None:
            raise Unsupported("raising a computed exception")
        args = call.args if call is not None else []
        if call is not None and call.keywords:
            raise Unsupported("exception with keyword arguments")
        if len(args) > 1:
            raise Unsupported("exception with several arguments (its message would be a tuple)")
        if isinstance(target, ast.Name) and target.id in self.vars:
            raise Unsupported("raising an exception stored in a variable")
        msg: g.GoExpr = Atom('""')
        if args:
            if name == "KeyError":
                raise Unsupported("KeyError's message is the repr of its argument")
            msg = self.to_str(self.expr(args[0]))
        if name in BUILTIN_EXC:
            err_expr: g.GoExpr = g.call("pyRaise", Atom(g.go_string(name)), msg)
        else:
            cls = self.pkg.find_class(self.mod, name)
            if cls is None or not cls.is_exception:
                raise Unsupported(f"raise {name}: not an exception class the translator knows")
            if self.pkg.services.translate_class(self.pkg, cls)[1] is not None:
                raise Unsupported(f"exception class {name} is not translated")
            err_expr = Atom(f"&{cls.go_name}{{Msg: {self.r(msg)}}}")
        if not self.tries:
            if self.sig is not None and self.sig.raises:
                self.emit("return " + ", ".join(self.sig.zeros() + [self.r(err_expr)]))
                return
            raise Unsupported("raise in a function the package analysis thinks cannot raise")
        tmp = self.fresh("err")
        self.emit(f"{tmp} := {self.r(err_expr)}")
        self.dispatch(tmp, (name,))

    # --- statements ----------------------------------------------------------------------------
    def block_stmts(self, stmts: list[ast.stmt]) -> None:
        for s in stmts:
            self.stmt(s)

    def stmt(self, node: ast.stmt) -> None:
        self.line = getattr(node, "lineno", self.line)
        self.impure_inline = False
        method = getattr(self, "s_" + type(node).__name__, None)
        if method is None:
            raise Unsupported(f"`{type(node).__name__}` statements are not supported", self.line)
        method(node)

    def s_Pass(self, node: ast.Pass) -> None:
        return None

    def s_Expr(self, node: ast.Expr) -> None:
        v = node.value
        if isinstance(v, ast.Constant) and isinstance(v.value, str) or isinstance(v, ast.Constant) and v.value is Ellipsis:
            return
        if not isinstance(v, ast.Call):
            raise Unsupported("an expression statement that is not a call")
        if isinstance(v.func, ast.Attribute):
            obj_t = None
            try:
                obj_t = prune(self.expr(v.func.value).t) if not (isinstance(v.func.value, ast.Name) and v.func.value.id not in self.vars) else None
            except Unsupported:
                obj_t = None
            if isinstance(obj_t, ListT) and list_statement(self, v):
                self.track_mutation(v.func.value)
                return
            if isinstance(obj_t, (DictT, SetT)) and v.func.attr in MUTATORS:
                self.track_mutation(v.func.value)
        plan_ = self.prepare_call(v)
        if plan_ is not None:
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
            return
        e = self.builtin_call(v, None)
        if prune(e.t) != NONE and not (isinstance(e.g, g.Call) and isinstance(e.g.fn, Atom) and e.g.fn.text in ("pyPop", "pyPopAt", "pyPopKey", "pyPopKeyOr", "pySetDefault")):
            raise Unsupported("a call whose value is discarded")
        self.emit(self.r(e.g))

    def track_mutation(self, node: ast.expr) -> None:
        src = ast.unparse(node)
        self.facts.present = {f for f in self.facts.present if f[0] != src}
        self.facts.not_none = {n for n in self.facts.not_none if n != src and not n.startswith(src + ".")}

    def forget(self, name: str) -> None:
        self.facts.not_none = {n for n in self.facts.not_none if n != name and not n.startswith(name + ".")}
        self.facts.present = {f for f in self.facts.present if name not in (f[0].split(".")[0].split("[")[0], f[1])}

    # --- assignment ----------------------------------------------------------------------------
    def s_AnnAssign(self, node: ast.AnnAssign) -> None:
        if not isinstance(node.target, ast.Name):
            if node.value is None:
                return
            self.assign_to(node.target, node.value)
            return
        t = parse_annotation(node.annotation, class_names(self.pkg, self.mod))
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
        """`a = b[i] = expr`: expr is evaluated once, then stored into each target left to right."""
        for target in node.targets:
            if not isinstance(target, (ast.Name, ast.Subscript)):
                raise Unsupported(f"chained assignment to {type(target).__name__}")
        value = node.value
        if isinstance(value, ast.Constant) or (
            isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub) and isinstance(value.operand, ast.Constant)
        ):
            # a constant gives the same (immutable) value each time it is evaluated
            for target in node.targets:
                self.assign_to(target, value)
            return
        root: ast.AST = self.func.node if self.func is not None else node
        used = {n.id for n in ast.walk(root) if isinstance(n, ast.Name)} | {a.arg for a in ast.walk(root) if isinstance(a, ast.arg)} | set(self.vars)
        k = 1
        while f"_chain{k}" in used:
            k += 1
        tmp = f"_chain{k}"  # a Python name the function does not use, so it cannot clash
        self.decl.inline.add(tmp)
        self.decl.loaded.add(tmp)
        self.assign_name(tmp, value)
        var = self.vars[tmp]
        if has_var(var.t):
            raise Unsupported("chained assignment of a value whose type is not known yet")
        ref = ast.Name(id=tmp, ctx=ast.Load())
        ast.copy_location(ref, value)
        for target in node.targets:
            self.assign_to(target, ref)

    def assign_to(self, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, ast.Name):
            self.assign_name(target.id, value)
        elif isinstance(target, ast.Tuple):
            self.assign_tuple(target, value)
        elif isinstance(target, ast.Subscript):
            self.assign_subscript(target, value)
        elif isinstance(target, ast.Attribute):
            defining = getattr(self, "defining", None)
            if (
                defining is not None
                and isinstance(target.value, ast.Name)
                and target.value.id in self.vars
                and prune(self.vars[target.value.id].t) == ClassT(defining.name)
                and target.attr not in (defining.fields or {})
            ):
                e = self.expr(value)
                if prune(e.t) == NONE or has_var(e.t):
                    raise Unsupported(f"field `{target.attr}` starts as {'None' if prune(e.t) == NONE else 'an empty container'} without an annotation")
                self.escape(value)
                define_field(defining, target.attr, resolve(e.t))
                obj = self.expr(target)
                self.emit(f"{self.r(obj.g)} = {self.r(self.coerce(e, obj.t))}")
                return
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
        if name in self.decl.loop_targets:
            raise Unsupported(f"`{name}` is assigned outside the loop that binds it")
        hint = self.hints.get(name)
        t: T = hint if hint is not None else (value_t if value_t is not None else VarT())
        var = Var(name, self.fresh(name), t, hoisted=name in self.decl.top, write_only=name not in self.decl.loaded)
        if var.hoisted:
            var.declared = True
        self.vars[name] = var
        return var

    def assign_name(self, name: str, value: ast.expr) -> None:
        var = self.vars.get(name)
        if var is not None and var.param and isinstance(value, ast.Call) and False:
            pass
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
            if isinstance(e.g, Atom) and e.g.text == go:
                self.vars[name] = Var(name, go, e.t, declared=True, fresh=False)
                return
            self.vars[name] = Var(name, go, e.t, declared=True, fresh=False)
            self.emit(f"{go} := {self.r(e.g)}")
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
            self.emit(f"{go} := {self.r(e.g)}")
            return
        if isinstance(value, ast.Call) and var is None and name in self.decl.inline:
            plan_ = self.prepare_call(value, want)
            if plan_ is not None and plan_.raises and len(plan_.results) == 1:
                self._assign_plan([name], plan_)
                self.vars[name].fresh = False
                return
            if plan_ is not None:
                e = self.hoist_call(plan_)
            else:
                e = self.builtin_call(value, want)
        else:
            e = self.expr(value, want)
        et = prune(e.t)
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
        if isinstance(vt, VarT) or has_var(vt):
            if not unify(vt, e.t) and not isinstance(prune(vt), OptT):
                raise Unsupported(f"`{name}` changes type to {describe(e.t)}")
        gv = self.coerce(e, var.t, f"`{name}`")
        fresh_value = e.fresh or isinstance(value, (ast.List, ast.ListComp)) or (
            isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("list", "sorted", "reversed") and value.func.id not in self.vars
        )
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
            self.emit(f"{var.go} := {self.r(gv)}")
            return
        var.fresh = fresh_value and not var.param
        if isinstance(vt, OptT) and et != NONE and not isinstance(et, OptT):
            self.facts.not_none.add(name)
        self.emit(f"{var.go} = {self.r(gv)}")

    def assign_tuple(self, target: ast.Tuple, value: ast.expr) -> None:
        names = target.elts
        if any(not isinstance(n, (ast.Name, ast.Subscript, ast.Attribute)) for n in names):
            raise Unsupported("nested unpacking")
        if isinstance(value, ast.Tuple) and len(value.elts) == len(names):
            es = [self.expr(v) for v in value.elts]
            if all(isinstance(n, ast.Name) for n in names):
                self._multi_assign([n.id for n in names], [(e.g, e.t) for e in es], value)  # type: ignore[attr-defined]
                return
            lhs = [self.r(self.expr(n).g) if not isinstance(n, ast.Subscript) else self._store_target(n) for n in names]
            rhs = [self.coerce(e, self.expr(n).t) for e, n in zip(es, names)]
            self.emit(f"{', '.join(lhs)} = {g.render_list(rhs, self.indent, 2)}")
            return
        if not all(isinstance(n, ast.Name) for n in names):
            raise Unsupported("unpacking into subscripts or attributes")
        pynames = [n.id for n in names]  # type: ignore[attr-defined]
        if isinstance(value, ast.Call):
            plan_ = self.prepare_call(value)
            if plan_ is not None and len(plan_.results) == len(names):
                self._assign_plan(pynames, plan_)
                return
        e = self.expr(value)
        t = prune(e.t)
        if isinstance(t, TupleT) and len(t.elems) == len(names):
            if isinstance(e.g, g.Composite):
                self._multi_assign(pynames, list(zip(e.g.elems, t.elems)), value)
                return
            src = e
            if not e.simple:
                tmp = self.fresh("t")
                self.emit(f"{tmp} := {self.r(e.g)}")
                src = E(Atom(tmp), t, simple=True)
            self._multi_assign(pynames, [(g.Sel(src.g, f"F{i}"), et) for i, et in enumerate(t.elems)], value)
            return
        if isinstance(t, ListT):
            tmp = self.fresh("parts")
            self.emit(f"{tmp} := {self.r(e.g)}")
            self.emit(f"if err := pyCheckUnpack(len({tmp}), {len(names)}); err != nil {{")
            with self.block():
                self.dispatch("err", ("ValueError",), implicit=True)
            self.emit("}")
            self._multi_assign(pynames, [(g.Index(Atom(tmp), Atom(str(i))), t.elem) for i in range(len(names))], value)
            return
        raise Unsupported(f"unpacking {describe(t)}")

    def _store_target(self, n: ast.Subscript) -> str:
        obj = self.expr(n.value)
        t = prune(obj.t)
        if isinstance(t, DictT):
            return self.r(g.Index(obj.g, self.value(n.slice, t.key)))
        if isinstance(t, ListT):
            return self.r(self.store_index(obj, n.slice))
        raise Unsupported(f"assignment into {describe(t)}")

    def _assign_plan(self, names: list[str], plan_: CallPlan) -> None:
        vars_ = []
        for n, t in zip(names, plan_.results):
            self.forget(n)
            v = self._var_for(n, t)
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
                        self.emit(f"var {v.go} {go_type(v.t)}")
                        v.declared = True
                self._declare_err()
                self.emit(f"{', '.join(lhs)} = {self.r(plan_.g)}")
            else:
                self.emit(f"{', '.join(lhs)} := {self.r(plan_.g)}")
        else:
            if plan_.raises:
                self._declare_err()
            op = "=" if plan_.raises or any(v.declared for v in vars_) else ":="
            if all(x == "_" for x in lhs):
                op = "="
            self.emit(f"{', '.join(lhs)} {op} {self.r(plan_.g)}")
        for v in vars_:
            v.declared = True
        if plan_.raises:
            self.check_err("err", plan_.kinds)

    def _declare_err(self) -> None:
        if not getattr(self, "err_declared", False):
            self.top_err = True
            self.err_declared = True

    def _multi_assign(self, names: list[str], values: list[tuple[g.GoExpr, T]], node: ast.expr) -> None:
        lhs, rhs = [], []
        any_new = False
        all_new = True
        for n, (gv, t) in zip(names, values):
            self.forget(n)
            v = self._var_for(n, t)
            if prune(v.t) == INT and prune(t) == FLOAT:
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
        if isinstance(t, ListT):
            idx = self.store_index(obj, target.slice)
            v = self.value(value, t.elem, "list item")
            self.emit(f"{self.r(idx)} = {self.r(v)}")
            return
        raise Unsupported(f"item assignment into {describe(t)}")

    def subscript_base(self, node: ast.expr) -> E:
        """The container being assigned into; `d[k]` of a defaultdict inserts the default first."""
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in self.vars:
            var = self.vars[node.value.id]
            if var.factory is not None:
                dt = prune(var.t)
                key = self.value(node.slice, dt.key)  # type: ignore[attr-defined]
                return E(g.call("pyDefault", Atom(var.go), key, Atom(go_type(dt.val) + "{}")), dt.val)  # type: ignore[attr-defined]
        return self.expr(node)

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
                    cur = E(g.call("pyKey", base.g, key), bt.val)
                    store = self.r(g.Index(base.g, key))
                    self._aug_general(node, cur, store, bt.val)
                    return
                cur = E(g.Index(base.g, key), bt.val)
            elif isinstance(bt, ListT):
                cur = E(self.store_index(base, target.slice), bt.elem)
            else:
                raise Unsupported(f"augmented assignment into {describe(bt)}")
        elif isinstance(target, ast.Attribute):
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
        self.emit(f"{store} = {self.r(self.coerce(res, ct))}")

    def _emit_aug(self, store: str, op: str, rhs: g.GoExpr, cur: E) -> None:
        if isinstance(cur.g, g.Call):  # pyKey(d, k) + v: read then store
            self.emit(f"{store} = {self.r(g.Binary(op[:-1], cur.g, rhs))}")
            return
        self.emit(f"{store} {op} {self.r(rhs)}")

    def s_Delete(self, node: ast.Delete) -> None:
        for t in node.targets:
            if not isinstance(t, ast.Subscript) or isinstance(t.slice, ast.Slice):
                raise Unsupported("del of other than one item")
            obj = self.expr(t.value)
            ot = prune(obj.t)
            if isinstance(ot, DictT):
                key = self.value(t.slice, ot.key)
                fact = (ast.unparse(t.value), ast.unparse(t.slice))
                if fact in self.facts.present:
                    self.emit(f"delete({self.r(obj.g)}, {self.r(key)})")
                else:
                    self.emit(f"pyDelKey({self.r(obj.g)}, {self.r(key)})")
                self.facts.present.discard(fact)
                self.track_mutation(t.value)
            elif isinstance(ot, ListT):
                tgt = _append_target(self, t.value, "`del`")
                self.emit(f"pyPopAt(&{tgt}, {self.r(self.value(t.slice, INT))})")
            else:
                raise Unsupported(f"del on {describe(ot)}")

    # --- control flow --------------------------------------------------------------------------
    def narrow(self, test: ast.expr) -> tuple[Facts, Facts]:
        """Facts that hold when `test` is true, and when it is false."""
        yes, no = self.facts.copy(), self.facts.copy()
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            op, left, right = test.ops[0], test.left, test.comparators[0]
            if is_simple_node(left) and isinstance(left, (ast.Name, ast.Attribute)) and isinstance(right, ast.Constant) and right.value is None:
                if isinstance(op, (ast.IsNot, ast.NotEq)):
                    yes.not_none.add(ast.unparse(left))
                elif isinstance(op, (ast.Is, ast.Eq)):
                    no.not_none.add(ast.unparse(left))
            if isinstance(op, (ast.In, ast.NotIn)) and is_simple_node(left) and is_simple_node(right):
                fact = (ast.unparse(right), ast.unparse(left))
                (yes if isinstance(op, ast.In) else no).present.add(fact)
        elif isinstance(test, ast.Name):
            var = self.vars.get(test.id)
            if var is not None and isinstance(prune(var.t), OptT):
                yes.not_none.add(test.id)
        elif isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
            for v in test.values:
                y, _ = self.narrow(v)
                yes.not_none |= y.not_none
                yes.present |= y.present
        return yes, no

    def s_If(self, node: ast.If) -> None:
        cond = self.cond(node.test)
        yes, no = self.narrow(node.test)
        self.emit(f"if {self.r(cond)} {{")
        ends: list[Facts | None] = [self._branch(node.body, yes)]
        cur = node
        while True:
            orelse = cur.orelse
            if not orelse:
                self.emit("}")
                ends.append(no)
                break
            if len(orelse) == 1 and isinstance(orelse[0], ast.If):
                elif_ = orelse[0]
                self.facts = no
                with self.capture() as pre:
                    c2 = self.cond(elif_.test)
                if not pre:
                    y2, no = self.narrow(elif_.test)
                    self.emit(f"}} else if {self.r(c2)} {{")
                    ends.append(self._branch(elif_.body, y2))
                    cur = elif_
                    continue
            self.emit("} else {")
            ends.append(self._branch(orelse, no))
            self.emit("}")
            break
        live = [f for f in ends if f is not None]
        if not live:
            self.facts = Facts()
            return
        out = live[0].copy()
        for f in live[1:]:
            out.present &= f.present
            out.not_none &= f.not_none
        self.facts = out

    def _branch(self, body: list[ast.stmt], facts: Facts) -> Facts | None:
        """Translate a branch; the facts at its end, or None when it never falls through."""
        self.facts = facts.copy()
        with self.block():
            self.block_stmts(body)
        return None if terminates(body) else self.facts

    def s_While(self, node: ast.While) -> None:
        flag = self._else_flag(node.orelse)
        always = isinstance(node.test, ast.Constant) and node.test.value is True
        self.facts = self._loop_facts(node.body)
        body_facts, _ = self.narrow(node.test)
        self.loop_flags.append(flag)
        if always:
            self.emit("for {")
        elif self._and_chain_needs_statements(node.test):
            # `while a and f(x):` with f raising: test each operand in turn, keeping the short-circuit
            self.emit("for {")
            with self.block():
                for operand in node.test.values:  # type: ignore[attr-defined]
                    c = self.cond(operand)
                    self.emit(f"if {self.r(g.not_(c))} {{")
                    with self.block():
                        self.emit("break")
                    self.emit("}")
        else:
            with self.capture() as pre:
                cond = self.cond(node.test)
            if pre:
                self.emit("for {")
                self._splice(pre, 1)
                with self.block():
                    self.emit(f"if {self.r(g.not_(cond))} {{")
                    with self.block():
                        self.emit("break")
                    self.emit("}")
            else:
                self.emit(f"for {self.r(cond)} {{")
        self.facts = body_facts
        with self.block():
            self.block_stmts(node.body)
        self.loop_flags.pop()
        self.emit("}")
        self._else_part(flag, node.orelse)
        self.facts = self._loop_facts(node.body)

    def _and_chain_needs_statements(self, test: ast.expr) -> bool:
        if not (isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And)):
            return False
        saved = (list(self.lines), self.used_go.copy(), self.counter)
        try:
            with self.capture():
                self.cond(test)
            return False
        except Unsupported:
            return True
        finally:
            self.lines, self.used_go, self.counter = saved[0], saved[1], saved[2]

    def _else_flag(self, orelse: list[ast.stmt]) -> str | None:
        if not orelse:
            return None
        flag = self.fresh("broke")
        self.emit(f"{flag} := false")
        return flag

    def _else_part(self, flag: str | None, orelse: list[ast.stmt]) -> None:
        if flag is None:
            return
        self.emit(f"if !{flag} {{")
        with self.block():
            self.block_stmts(orelse)
        self.emit("}")

    def _loop_facts(self, body: list[ast.stmt]) -> Facts:
        """Facts that survive every iteration: drop those about things the body changes."""
        f = self.facts.copy()
        changed = {ast.unparse(n) for s in body for n in ast.walk(s) if isinstance(n, (ast.Name, ast.Attribute)) and isinstance(getattr(n, "ctx", None), (ast.Store, ast.Del))}
        for s in body:
            for n in ast.walk(s):
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in MUTATORS:
                    changed.add(ast.unparse(n.func.value))
                if isinstance(n, ast.Delete):
                    changed.update(ast.unparse(t.value) for t in n.targets if isinstance(t, ast.Subscript))
                if isinstance(n, ast.Call) and not isinstance(n.func, ast.Attribute):
                    changed.update(ast.unparse(a) for a in n.args)
        f.present = {p for p in f.present if p[0] not in changed and p[1] not in changed}
        f.not_none = {n for n in f.not_none if n not in changed}
        return f

    def s_Break(self, node: ast.Break) -> None:
        flag = self.loop_flags[-1] if self.loop_flags else None
        if flag:
            self.emit(f"{flag} = true")
        self.emit("break")

    def s_Continue(self, node: ast.Continue) -> None:
        self.emit("continue")

    def s_For(self, node: ast.For) -> None:
        flag = self._else_flag(node.orelse)
        saved_vars = dict(self.vars)
        saved_nonneg = set(self.nonneg)
        self.facts = self._loop_facts(node.body)
        body_nodes: list[ast.AST] = list(node.body)
        loop: Loop = self.iteration(node.target, node.iter, body_nodes)
        if not loop.ordered:
            reason = self.order_dependence(node, loop)
            if reason:
                raise Unsupported(f"loop over a dict or set: {reason}; Python visits keys in insertion order, Go maps in random order")
            if loop.key_var and is_simple_node(node.iter if not isinstance(node.iter, ast.Call) else node.iter.func.value):  # type: ignore[attr-defined]
                d = node.iter.func.value if isinstance(node.iter, ast.Call) else node.iter  # type: ignore[attr-defined]
                if isinstance(prune(self.expr(d).t), DictT):
                    self.facts.present.add((ast.unparse(d), loop.key_var))
        self.emit(loop.header + " {")
        self.loop_flags.append(flag)
        with self.block():
            for line in loop.prelude:
                self.emit(line)
            self.block_stmts(node.body)
        self.loop_flags.pop()
        self.emit("}")
        if not loop.ordered:
            self._check_order_types(node)
        for name in loop.bound:
            if name in self.vars and name not in saved_vars:
                del self.vars[name]
            elif name in saved_vars:
                self.vars[name] = saved_vars[name]
        self.nonneg = saved_nonneg
        self._else_part(flag, node.orelse)
        self.facts = self._loop_facts(node.body)

    def order_dependence(self, node: ast.For, loop: Loop) -> str | None:
        """Why the loop's effect could depend on the iteration order, or None when it cannot."""
        self._order_aug: list[str] = []
        body_assigned = {n.id for s in node.body for n in ast.walk(s) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        local_temps = {n for n in body_assigned if n in self.decl.inline and self._declared_inside(n, node)}
        has_store = any(isinstance(n, (ast.Assign, ast.AugAssign)) and any(isinstance(t, ast.Subscript) for t in (n.targets if isinstance(n, ast.Assign) else [n.target])) for s in node.body for n in ast.walk(s))

        def check(stmts: list[ast.stmt]) -> str | None:
            for s in stmts:
                r = one(s)
                if r:
                    return r
            return None

        def pure_expr(e: ast.AST) -> str | None:
            for n in ast.walk(e):
                if isinstance(n, ast.Call):
                    if isinstance(n.func, ast.Attribute) and n.func.attr in MUTATORS:
                        return f"it calls .{n.func.attr}()"
                    if isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) and n.func.value.id in self.vars:
                        t = prune(self.vars[n.func.value.id].t)
                        if isinstance(t, ClassT):
                            return "it calls a method"
                    if isinstance(n.func, ast.Name):
                        found = self.pkg.resolve(self.mod, n.func.id)
                        if found is not None and found[0] == "function" and not self.pkg_pure(found[1]):
                            return f"it calls `{n.func.id}`, which may have side effects"
                        if n.func.id in ("print", "input", "open"):
                            return f"it calls {n.func.id}()"
            return None

        def one(s: ast.stmt) -> str | None:
            if isinstance(s, (ast.Pass, ast.Continue)):
                return None
            if isinstance(s, ast.If):
                return pure_expr(s.test) or check(s.body) or check(s.orelse)
            if isinstance(s, ast.AugAssign):
                if isinstance(s.target, ast.Name):
                    if s.target.id in local_temps:
                        return pure_expr(s.value)
                    if not isinstance(s.op, (ast.Add, ast.Sub)):
                        return "it accumulates with an operator whose result depends on the order"
                    self._order_aug.append(s.target.id)
                    return pure_expr(s.value)
                if isinstance(s.target, ast.Subscript) and isinstance(s.target.slice, ast.Name) and s.target.slice.id == loop.key_var:
                    return pure_expr(s.value)
                return "it updates an item whose key is not the loop key"
            if isinstance(s, (ast.Assign, ast.AnnAssign)):
                targets = s.targets if isinstance(s, ast.Assign) else [s.target]
                for t in targets:
                    if isinstance(t, ast.Name) and t.id in local_temps:
                        continue
                    if isinstance(t, ast.Tuple) and all(isinstance(x, ast.Name) and x.id in local_temps for x in t.elts):
                        continue
                    if isinstance(t, ast.Subscript) and isinstance(t.slice, ast.Name) and t.slice.id == loop.key_var:
                        continue
                    if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Subscript) and isinstance(t.value.slice, ast.Name) and t.value.slice.id == loop.key_var:
                        continue
                    return f"it assigns `{ast.unparse(t)}`, and the last iteration's value would win"
                return pure_expr(s.value) if s.value is not None else None
            if isinstance(s, ast.Return):
                if s.value is None or isinstance(s.value, ast.Constant):
                    return "it returns early and has already changed state" if has_store else None
                return "it returns a value found first"
            if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call):
                f = s.value.func
                if isinstance(f, ast.Attribute) and f.attr in ("add", "discard") and isinstance(f.value, ast.Name):
                    t = prune(self.vars[f.value.id].t) if f.value.id in self.vars else None
                    if isinstance(t, SetT):
                        return None
                return "it calls something whose effects may depend on the order"
            if isinstance(s, ast.Raise):
                return "it raises from inside the loop (which key fails first depends on the order)"
            if isinstance(s, (ast.For, ast.While)):
                return "it contains a nested loop" if not isinstance(s, ast.For) else check(s.body)
            return f"it contains a `{type(s).__name__}`"

        return check(node.body)

    def _declared_inside(self, name: str, loop: ast.For) -> bool:
        first = self.decl.first_store.get(name)
        return first is not None and any(first is n for s in loop.body for n in ast.walk(s))

    def _check_order_types(self, node: ast.For) -> None:
        for name in getattr(self, "_order_aug", []):
            var = self.vars.get(name)
            if var is None or prune(var.t) != INT:
                raise Unsupported(f"loop over a dict or set adds into `{name}`, a {describe(var.t) if var else '?'}: the result depends on the order")

    def pkg_pure(self, f: FuncInfo) -> bool:
        """AST-level: the function changes nothing it was given and nothing global."""
        key = "pure:" + f.key
        cached = self.pkg.cache.get(key)
        if cached is not None:
            return bool(cached)
        self.pkg.cache[key] = True  # assume pure while checking recursion
        pure = True
        for n in ast.walk(f.node):
            if isinstance(n, (ast.Global, ast.Nonlocal)):
                pure = False
            elif isinstance(n, (ast.Assign, ast.AugAssign, ast.Delete)):
                targets = n.targets if isinstance(n, (ast.Assign, ast.Delete)) else [n.target]
                if any(isinstance(t, (ast.Subscript, ast.Attribute)) for t in targets):
                    pure = False
            elif isinstance(n, ast.Call):
                if isinstance(n.func, ast.Attribute) and n.func.attr in MUTATORS:
                    pure = False
                elif isinstance(n.func, ast.Name):
                    found = self.pkg.resolve(f.module, n.func.id)
                    if found is not None and found[0] == "function" and not self.pkg_pure(found[1]):  # type: ignore[arg-type]
                        pure = False
                    if n.func.id in ("print", "input", "open"):
                        pure = False
                elif isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) and n.func.value.id == "self":
                    pure = False
        self.pkg.cache[key] = pure
        return pure

    # --- return / raise / try ------------------------------------------------------------------
    def s_Return(self, node: ast.Return) -> None:
        sig = self.sig
        assert sig is not None
        if self.infer_returns is not None:
            if node.value is None or isinstance(node.value, ast.Constant) and node.value.value is None:
                self.infer_returns.append(NONE)
            else:
                if isinstance(node.value, ast.Tuple):
                    es = [self.expr(x) for x in node.value.elts]
                    self.infer_returns.append(TupleT(tuple(e.t for e in es)))
                else:
                    self.infer_returns.append(self.expr(node.value).t)
            self.emit("return")
            return
        recv = getattr(self, "ctor_recv", None)
        if recv is not None:
            if node.value is not None:
                raise Unsupported("__init__ returns a value")
            self.emit(f"return {recv}" + (", nil" if sig.raises else ""))
            return
        results = sig.result_types()
        errs = ["nil"] if sig.raises else []
        rt = prune(sig.result)
        if node.value is None or (isinstance(node.value, ast.Constant) and node.value.value is None and not isinstance(rt, OptT)):
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
                        self.emit(f"{tmp} := {self.r(e.g)}")
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

    def s_Raise(self, node: ast.Raise) -> None:
        self.raise_error(node)

    def s_Assert(self, node: ast.Assert) -> None:
        cond = self.cond(node.test)
        msg = self.to_str(self.expr(node.msg)) if node.msg is not None else Atom('""')
        self.emit(f"if {self.r(g.not_(cond))} {{")
        with self.block():
            self.emit(f"panic(pyRaise(\"AssertionError\", {self.r(msg)}))")
        self.emit("}")

    def s_Try(self, node: ast.Try) -> None:
        if node.finalbody:
            raise Unsupported("try/finally (use defer by hand)")
        handlers = []
        for h in node.handlers:
            names = handler_names(h)
            handlers.append(Handler(names, h))
            self._check_implicit(node.body, names)
        ctx = TryCtx(handlers)
        self.emit("{")
        self.tries.append(ctx)
        try:
            with self.block():
                self.block_stmts(node.body)
        finally:
            self.tries.pop()
        with self.block():
            self.block_stmts(node.orelse)
        self.emit("}")
        if ctx.used_label:
            self.lines.append("\t" * (self.indent - 1) + f"{ctx.label}:")
        self.facts = Facts()

    def _check_implicit(self, body: list[ast.stmt], names: list[str | None]) -> None:
        """A handler must not be meant for an exception that Go raises as a panic."""
        kinds = implicit_kinds(self.pkg, self.mod, body, self.func)
        for name in names:
            if name is not None and name not in BUILTIN_EXC and self.pkg.find_class(self.mod, name) is not None:
                continue  # package exceptions only come from explicit raises
            for k in sorted(kinds):
                if k == "*" or self.pkg.exc_catches(self.mod, name, k) is not False:
                    what = "errors from calls the translator cannot see into" if k == "*" else k
                    raise Unsupported(f"`except {name or ''}` would also have to catch {what}, which Go raises as a panic")

    def s_With(self, node: ast.With) -> None:
        raise Unsupported("with statements (use defer by hand)")

    def s_FunctionDef(self, node: ast.FunctionDef) -> None:
        raise Unsupported("nested function definitions")

    def s_Global(self, node: ast.Global) -> None:
        raise Unsupported("global statements (package variables need a reviewed design)")

    def s_Nonlocal(self, node: ast.Nonlocal) -> None:
        raise Unsupported("nonlocal statements")

    def s_Import(self, node: ast.Import) -> None:
        raise Unsupported("imports inside a function")

    s_ImportFrom = s_Import


class FuncTranslator(StmtMixin):
    pass


def _make(pkg: PackageInfo, f: FuncInfo, sig: Signature, hints: dict[str, T]) -> FuncTranslator:
    tr = FuncTranslator(pkg, f.module, f, f.cls, sig)
    tr.hints = hints
    tr.loop_flags = []
    return tr


def _setup_params(tr: FuncTranslator, f: FuncInfo, sig: Signature) -> str | None:
    recv = None
    if f.cls is not None and f.kind in ("method", "property"):
        recv = receiver_name(f.cls.name)
        tr.used_go.add(recv)
        if not f.node.args.args:
            raise Unsupported("a method without `self`")
        self_name = f.node.args.args[0].arg
        tr.vars[self_name] = Var(self_name, recv, ClassT(f.cls.name), declared=True, param=True)
    for p in sig.params:
        if p.go in tr.used_go:
            p.go = tr.fresh(p.go)
        tr.used_go.add(p.go)
        t = ListT(p.t) if p.variadic else p.t
        tr.vars[p.py] = Var(p.py, p.go, t, declared=True, param=True, fresh=False)
    return recv


def infer_result(pkg: PackageInfo, f: FuncInfo, sig: Signature) -> T:
    """The result type of an unannotated function, from its return statements."""
    tr = _make(pkg, f, sig, {})
    tr.infer_returns = []
    _setup_params(tr, f, sig)
    tr.decl = plan(f.node.body, {p.py for p in sig.params} | {a.arg for a in f.node.args.args[:1]})
    for _ in range(4):
        try:
            tr.block_stmts(f.node.body)
            break
        except Retry as r:
            tr = _make(pkg, f, sig, {**tr.hints, r.name: r.t})
            tr.infer_returns = []
            _setup_params(tr, f, sig)
            tr.decl = plan(f.node.body, {p.py for p in sig.params} | {a.arg for a in f.node.args.args[:1]})
    types = [prune(t) for t in tr.infer_returns or []]
    if not terminates(f.node.body):
        types.append(NONE)
    values = [t for t in types if t != NONE]
    if not values:
        return NONE
    out = values[0]
    for t in values[1:]:
        if {prune(out), prune(t)} == {INT, FLOAT}:
            out = FLOAT
        elif not unify(out, t):
            raise Unsupported(f"returns both {describe(out)} and {describe(t)}")
    if has_var(out):
        raise Unsupported("cannot tell the result type; annotate the function")
    return OptT(out) if len(values) < len(types) else out


def translate_body(pkg: PackageInfo, f: FuncInfo, sig: Signature, hints: dict[str, T]) -> FuncTranslator:
    tr = _make(pkg, f, sig, hints)
    recv = _setup_params(tr, f, sig)
    tr.recv = recv  # type: ignore[attr-defined]
    tr.decl = plan(f.node.body, set(tr.vars))
    start = len(tr.lines)
    tr.block_stmts(f.node.body)
    rt = prune(sig.result)
    if not terminates(f.node.body):
        if isinstance(rt, OptT):
            tr.emit("return " + ", ".join(["nil"] + (["nil"] if sig.raises else [])))
        elif rt != NONE:
            raise Unsupported("the function can reach its end without returning (Python would return None)")
        elif sig.raises:
            tr.emit("return nil")
    top = []
    for v in tr.vars.values():
        if v.hoisted and not v.write_only:
            top.append(f"\tvar {v.go} {go_type(v.t)}")
    if getattr(tr, "top_err", False):
        top.append("\tvar err error")
    tr.lines[start:start] = top
    return tr


def func_header(f: FuncInfo, sig: Signature, recv: str | None) -> str:
    name = f.go_name
    if recv is not None and f.cls is not None:
        return f"func ({recv} *{go_type_name(f.cls.name)}) {name}({sig.params_go()}){sig.results_go()} {{"
    return f"func {name}({sig.params_go()}){sig.results_go()} {{"

