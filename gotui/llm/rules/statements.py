"""Statements and whole functions: assignments, control flow, loops, returns, raise and try/except.

Exceptions: a function that can raise returns an extra `error`; raising statements and calls that
can fail are followed by `if err != nil` that runs the matching `except` handler or returns the error.
Failures Python signals implicitly (KeyError on a missing key, IndexError, ZeroDivisionError) stay Go
panics, and a `try` whose handler would have to catch one of those is reported as a TODO.
"""

from __future__ import annotations

import ast

from gotui.golang.names import receiver_name
from gotui.llm.rules import goast as g
from gotui.llm.rules.returns import ReturnMixin
from gotui.llm.rules.partial import BLANK_MARK, prune_blank_uses, save_state, todo_here
from gotui.llm.rules.flow import MUTATORS, Retry
from gotui.parse.flow import terminates
from gotui.llm.rules.context import Facts, Var
from gotui.llm.rules.pyast import is_simple_node
from gotui.llm.rules.raisekinds import body_kinds
from gotui.llm.rules.goast import Atom
from gotui.llm.rules.loops import Loop, carry, loaded_in
from gotui.llm.rules.methods import list_statement
from gotui.llm.rules.relower import match_group_call
from gotui.golang.names import go_local_name
from gotui.llm.rules.package import FuncInfo, PackageInfo, Param, import_bindings
from gotui.llm.rules.scopes import DeclPlan, plan
from gotui.llm.rules.signatures import Signature, class_names
from gotui.parse.generators import is_generator
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.typeswitch import Assertion, type_assertion
from gotui.llm.rules.types import (
    FLOAT, INT, NONE, ClassT, DictT, ODictT, DynT, FuncT, ListT, OptT, SeqT, SetT, T, VarT, describe, go_type, has_var,
    parse_annotation, prune, resolve, unify,
)


def static_test(self: "StmtMixin", test: ast.expr, cond: g.GoExpr) -> str | None:
    """Why an `isinstance` test is decided by the Go types (`version` is a Go string, narrowed from
    String by the trace or by the body's entry), or None when `cond` is not a constant from an isinstance."""
    if not (isinstance(cond, Atom) and cond.text in ("true", "false")):
        return None
    absent = [n.id for n in ast.walk(test) if isinstance(n, ast.Name) and n.id in self.mod.absent and n.id not in self.vars]
    if absent:
        return self.mod.absent[absent[0]]
    calls = [n for n in ast.walk(test) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "isinstance"
             and n.args and "isinstance" not in self.vars]
    if not calls:
        return None
    subject = calls[0].args[0]
    name = subject.id if isinstance(subject, ast.Name) else ast.unparse(subject)
    var = self.vars.get(name)
    said = f"`{name}` is a Go {go_type(prune(var.t))}" if var is not None else f"`{name}` has one Go type"
    narrowed = self.sig.narrowed.get(name, "") if self.sig is not None else ""
    if narrowed:
        said += ", its union annotation narrowed by the " + ("body's entry" if "narrowed to" in narrowed and "usage:" in narrowed else "trace") + " (see the signature)"
    return said


def _warning(self: "StmtMixin", call: ast.Call) -> bool:
    """`warnings.warn(...)` of the std warnings module whose arguments are constants, names and f-strings
    of them (no call, no attribute that a property could compute): dropping it changes nothing the
    program computes."""
    fn = call.func
    if not (isinstance(fn, ast.Attribute) and fn.attr == "warn" and isinstance(fn.value, ast.Name)
            and fn.value.id not in self.vars and self.mod.imports.get(fn.value.id) == ("warnings", "")):
        return False
    args = [*call.args, *(k.value for k in call.keywords)]
    return all(isinstance(n, (ast.Constant, ast.Name, ast.JoinedStr, ast.FormattedValue, ast.Load))
               for a in args for n in ast.walk(a))


def _decided(self: "StmtMixin", test: ast.expr, cond: g.GoExpr, value: str) -> str | None:
    """"`test` is always `value` here (why)" when the Go types decide an isinstance test that way."""
    why = static_test(self, test, cond) if isinstance(cond, Atom) and cond.text == value else None
    return f"`{ast.unparse(test)}` is always {value} here ({why})" if why else None


def _dead_branch(self: "StmtMixin", body: list[ast.stmt], why: str) -> None:
    """A note instead of the branch, and a panic where the Python branch never falls through (so Go's
    "missing return" and vet's "unreachable code" see the shape the Python has)."""
    self.emit(f"// gotui: line {body[0].lineno if body else self.line}: {why}; this branch is not translated.")
    if terminates(body):
        self.emit(f"panic({g.go_string('gotui: unreachable: ' + why)})")


class StmtMixin(ReturnMixin):
    decl: DeclPlan
    hints: dict[str, T]
    loop_flags: list[str | None]


    # --- statements ----------------------------------------------------------------------------
    def block_stmts(self, stmts: list[ast.stmt]) -> None:
        for s in stmts:
            if not self.salvage:
                self.stmt(s)
                continue
            state = save_state(self)
            try:
                self.stmt(s)
            except Unsupported as exc:
                if state.tries or self.infer_returns is not None:
                    raise  # inside a try the handler wiring would break: the whole try becomes the TODO
                # a panic only where the Python statement ends its block (return, raise, ...) and is its last:
                # Go then sees the same terminating statements, so no "missing return" and no unreachable code
                # (a `with` whose body returns may still fall through: more-itertools' `with suppress(...)`)
                todo_here(self, state, exc, last=terminates([s]) and s is stmts[-1])

    def stmt(self, node: ast.stmt) -> None:
        self.line = getattr(node, "lineno", self.line)
        self.impure_inline = False
        method = getattr(self, "s_" + type(node).__name__, None)
        if method is None:
            raise Unsupported(f"`{type(node).__name__}` statements are not supported", self.line)
        saved, self.current_stmt = self.current_stmt, node
        try:
            method(node)
        finally:
            self.current_stmt = saved

    def s_Pass(self, node: ast.Pass) -> None:
        return None

    def s_Expr(self, node: ast.Expr) -> None:
        v = node.value
        if isinstance(v, ast.Constant) and isinstance(v.value, str) or isinstance(v, ast.Constant) and v.value is Ellipsis:
            return
        if isinstance(v, (ast.Yield, ast.YieldFrom)):
            return self.s_yield(v)
        if isinstance(v, ast.Subscript) and not isinstance(v.slice, ast.Slice):
            # `d[k]` alone, for its KeyError (or a defaultdict's inserted default): the lookup, its value dropped
            self.emit(f"_ = {self.r(self.expr(v).g)}")
            return
        if not isinstance(v, ast.Call):
            raise Unsupported("an expression statement that is not a call")
        if _warning(self, v):
            # as for a @deprecated decorator (translator.py): Go has no run-time warnings
            self.emit(f"// gotui: line {node.lineno}: `{ast.unparse(v)[:120]}`: a Python run-time warning; Go has none, so nothing is printed.")
            return
        if isinstance(v.func, ast.Attribute):
            obj_t = None
            try:
                # a local, or a module-level list/dict/set (`RULES.append(...)` fills a module table)
                known = not isinstance(v.func.value, ast.Name) or v.func.value.id in self.vars or v.func.value.id in self.mod.consts
                obj_t = prune(self.expr(v.func.value).t) if known else None
            except Unsupported:
                obj_t = None
            if isinstance(obj_t, ListT) and list_statement(self, v):
                self.track_mutation(v.func.value)
                return
            if isinstance(obj_t, (DictT, SetT, ODictT)) and v.func.attr in MUTATORS:
                self.track_mutation(v.func.value)
        plan_ = self.prepare_call(v)
        if plan_ is not None:
            self.emit_plan(plan_)
            return
        e = self.builtin_call(v, None)
        if prune(e.t) != NONE and not (isinstance(e.g, g.Call) and isinstance(e.g.fn, Atom) and e.g.fn.text in ("pyPop", "pyPopAt", "pyPopKey", "pyPopKeyOr", "pySetDefault", "pyODPop", "pyODPopItem")):
            raise Unsupported("a call whose value is discarded")
        self.emit(self.r(e.g))


    # --- control flow --------------------------------------------------------------------------
    def narrow(self, test: ast.expr) -> tuple[Facts, Facts]:
        """Facts that hold when `test` is true, and when it is false."""
        yes, no = self.facts.copy(), self.facts.copy()
        if isinstance(test, ast.NamedExpr):  # `if m := d.get(k):` the name is true, so not None, inside
            yes.not_none.add(test.target.id)
            return yes, no
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) and isinstance(test.operand, ast.NamedExpr):
            no.not_none.add(test.operand.target.id)
            return yes, no
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            op, left, right = test.ops[0], test.left, test.comparators[0]
            if isinstance(left, ast.NamedExpr):  # `if (m := p.match(s)) is None:` narrows m as a name would
                left = left.target
            if match_group_call(left) and isinstance(right, ast.Constant) and right.value is None:
                key = ast.unparse(left)
                (yes if isinstance(op, (ast.IsNot, ast.NotEq)) else no).not_none.add(key)
            if is_simple_node(left) and isinstance(left, (ast.Name, ast.Attribute)) and isinstance(right, ast.Constant) and right.value is None:
                key = self.fact_key(left) if isinstance(left, ast.Attribute) else left.id
                if isinstance(op, (ast.IsNot, ast.NotEq)):
                    yes.not_none.add(key)
                elif isinstance(op, (ast.Is, ast.Eq)):
                    no.not_none.add(key)
            if isinstance(op, (ast.In, ast.NotIn)) and is_simple_node(left) and is_simple_node(right):
                fact = (ast.unparse(right), ast.unparse(left))
                (yes if isinstance(op, ast.In) else no).present.add(fact)
        elif isinstance(test, ast.Name):
            var = self.vars.get(test.id)
            if var is not None and isinstance(prune(var.t), OptT):
                yes.not_none.add(test.id)
        elif match_group_call(test):
            yes.not_none.add(ast.unparse(test))  # `if m.group(2):` the group took part
        elif isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) and isinstance(test.operand, ast.Name):
            var = self.vars.get(test.operand.id)
            if var is not None and isinstance(prune(var.t), OptT):
                no.not_none.add(test.operand.id)  # `if not m: return`: after it, m is true, so not None
        elif isinstance(test, ast.Attribute) and is_simple_node(test):
            try:
                optional = isinstance(prune(self.expr(test).t), OptT)
            except Unsupported:
                optional = False
            if optional:  # `if self.prerelease:` (a field, or a property that only returns one)
                yes.not_none.add(self.fact_key(test))
        elif isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
            for v in test.values:
                y, _ = self.narrow(v)
                yes.not_none |= y.not_none
                yes.present |= y.present
        return yes, no

    def s_If(self, node: ast.If) -> None:
        sw = type_assertion(self, node.test)
        if sw is not None:
            self._if_asserted(node, sw)
            return
        cond = self.cond(node.test)
        yes, no = self.narrow(node.test)
        self.emit(f"if {self.r(cond)} {{")
        # a branch no value of the Go type takes (`isinstance(version, bytes)` on a Go string) is not translated;
        # `dead`: why every later branch is unreachable (an earlier test is always true)
        dead = _decided(self, node.test, cond, "true")
        ends: list[Facts | None] = [self._branch(node.body, yes, _decided(self, node.test, cond, "false"))]
        cur = node
        while True:
            orelse = cur.orelse
            if not orelse:
                self.emit("}")
                ends.append(None if dead else no)
                break
            if len(orelse) == 1 and isinstance(orelse[0], ast.If):
                elif_ = orelse[0]
                self.facts = no
                with self.capture() as pre:
                    c2 = self.cond(elif_.test)
                if not pre:
                    y2, no = self.narrow(elif_.test)
                    self.emit(f"}} else if {self.r(c2)} {{")
                    ends.append(self._branch(elif_.body, y2, dead or _decided(self, elif_.test, c2, "false")))
                    dead = dead or _decided(self, elif_.test, c2, "true")
                    cur = elif_
                    continue
            self.emit("} else {")
            ends.append(self._branch(orelse, no, dead))
            self.emit("}")
            break
        self.facts = _joined(ends)

    def _if_asserted(self, node: ast.If, sw: Assertion, chained: bool = False) -> list[Facts | None]:
        """`if isinstance(x, T):` on an `any` x: a Go type assertion (typeswitch.py). In the branch it
        holds, x is the asserted variable; `if not isinstance(x, T): return ...` at the top of the
        function asserts before the test, and the rest of the function reads the asserted variable.
        An `elif isinstance(x, U):` continues the chain as `} else if ...` (`chained`). The facts at
        the end of each branch are returned (None for one that never falls through)."""
        assert self.func is not None
        facts = self.facts.copy()
        top = node in self.func.node.body
        after = self.func.node.body[self.func.node.body.index(node) + 1:] if top else []
        keep = sw.negated and top and terminates(node.body) and not node.orelse and loaded_in(after, sw.name)
        yes_reads = loaded_in(node.body if not sw.negated else node.orelse, sw.name)
        sw.ok = self.fresh("ok")
        sw.go = self.fresh(f"{sw.name}_{go_type(sw.t).lstrip('*').lower()}") if keep or yes_reads else "_"
        narrowed = Var(sw.name, sw.go, sw.t, declared=True)
        flag = f"!{sw.ok}" if sw.negated else sw.ok
        if keep:
            self.emit(sw.init())
            self.emit(f"if {flag} {{")
        else:
            self.emit(f"{'} else ' if chained else ''}if {sw.init()}; {flag} {{")
        holds = node.orelse if sw.negated else node.body  # the branch where the assertion held
        ends = [self._narrowed_branch(node.body, facts, sw.name, narrowed if holds is node.body and sw.go != "_" else None)]
        nxt = node.orelse[0] if len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If) and not sw.negated else None
        sw2 = type_assertion(self, nxt.test) if nxt is not None else None
        if nxt is not None and sw2 is not None and not sw2.negated:
            self.facts = facts
            ends += self._if_asserted(nxt, sw2, chained=True)
        elif node.orelse:
            self.emit("} else {")
            ends.append(self._narrowed_branch(node.orelse, facts, sw.name, narrowed if holds is node.orelse and sw.go != "_" else None))
        else:
            ends.append(facts)
        if chained:
            return ends
        self.emit("}")
        if keep:
            self.vars[sw.name] = narrowed  # what follows runs only where the assertion held
        self.facts = _joined(ends)
        return ends

    def _narrowed_branch(self, body: list[ast.stmt], facts: Facts, name: str, narrowed: Var | None) -> Facts | None:
        """A branch in which `name` is `narrowed` (when given), and the name as it was after it."""
        saved = self.vars[name]
        if narrowed is not None:
            self.vars[name] = narrowed
        try:
            return self._branch(body, facts)
        finally:
            self.vars[name] = saved

    def _branch(self, body: list[ast.stmt], facts: Facts, dead: str | None = None) -> Facts | None:
        """Translate a branch; the facts at its end, or None when it never falls through. A `dead` branch
        (`dead` says why its test is decided) is a note, and a panic where Python's never falls through."""
        self.facts = facts.copy()
        with self.block():
            if dead is not None:
                return _dead_branch(self, body, " ".join(dead.split()))
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
                        self.emit_stmt(g.Branch("break"))
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
                        self.emit_stmt(g.Branch("break"))
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
        self.emit_stmt(g.Branch("break"))

    def s_Continue(self, node: ast.Continue) -> None:
        self.emit_stmt(g.Branch("continue"))

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
            if loop.err is not None:  # the generator raised: Python's exception leaves the loop here
                self.check_err(*loop.err)
            if loop.unpack is not None:
                self.check_unpack(*loop.unpack)
            for line in loop.prelude:
                self.emit(line)
            carried = carry(self, loop, saved_vars)
            self.block_stmts(node.body)
        self.loop_flags.pop()
        self.emit("}")
        if not loop.ordered:
            self._check_order_types(node)
        for name in loop.bound:
            if name in carried:
                self.vars[name] = carried[name]
            elif name in self.vars and name not in saved_vars:
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
        loop_names = body_assigned | {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
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
                # a value no iteration changes (inflection's `return word`): the same whichever iteration returns it
                if s.value is None or isinstance(s.value, ast.Constant) or isinstance(s.value, ast.Name) and s.value.id not in loop_names:
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
        for name in self._order_aug:
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

    def s_FunctionDef(self, node: ast.FunctionDef) -> None:
        nested_function(self, node)

    def s_Global(self, node: ast.Global) -> None:
        raise Unsupported("global statements (package variables need a reviewed design)")

    def s_Nonlocal(self, node: ast.Nonlocal) -> None:
        raise Unsupported("nonlocal statements")

    def s_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        """An import inside a function binds a name the way a module-level one does (package.resolve
        reads `local_imports`); Go imports are per file, so it emits nothing."""
        for name, target in import_bindings(node):
            mod = self.mod
            if name in self.vars or name in mod.functions or name in mod.classes or name in mod.consts:
                raise Unsupported(f"an import inside a function rebinds `{name}`")
            if mod.imports.get(name, target) != target or mod.local_imports.get(name) != target:
                raise Unsupported(f"imports of `{name}` from different modules")
            if isinstance(node, ast.ImportFrom) and node.level and self.pkg.sibling(mod, target[0]) is None:
                raise Unsupported(f"an import inside a function from a module outside this folder ({target[0]})")

    s_ImportFrom = s_Import


class FuncTranslator(StmtMixin):
    """Lowers one function or method: its parameters, receiver and declaration plan are set up here.

    `infer` lowers the body only to collect the types of its `return`s (an unannotated result).
    """

    def __init__(self, pkg: PackageInfo, f: FuncInfo, sig: Signature, hints: dict[str, T], infer: bool = False) -> None:
        super().__init__(pkg, f.module, f, f.cls, sig, hints=hints, infer_returns=[] if infer else None)
        self.recv = self._bind_params(f, sig)
        known = {p.py for p in sig.params} | {a.arg for a in f.node.args.args[:1]} if infer else set(self.vars)
        self.decl = plan(f.node.body, known)
        if is_generator(f.node):  # inferring an unannotated one: its yields bind the element type
            rt = prune(sig.result)
            if not isinstance(rt, SeqT) and not infer:
                raise Unsupported(getattr(rt, "why", "") or "a generator whose yielded type is not known")
            self.gen_elem = rt.elem if isinstance(rt, SeqT) else VarT()
            self.gen_fallible = bool(rt.kinds) if isinstance(rt, SeqT) else pkg.func_raises(f)

    def _bind_params(self, f: FuncInfo, sig: Signature) -> str | None:
        recv = None
        if f.cls is not None and f.kind in ("method", "property"):
            recv = receiver_name(f.cls.name)
            self.used_go.add(recv)
            if not f.node.args.args:
                raise Unsupported("a method without `self`")
            self_name = f.node.args.args[0].arg
            self.vars[self_name] = Var(self_name, recv, ClassT(f.cls.key), declared=True, param=True)
        for p in sig.params:
            if p.go in self.used_go:
                p.go = self.fresh(p.go)
            self.used_go.add(p.go)
            t = ListT(p.t) if p.variadic else p.t
            self.vars[p.py] = Var(p.py, p.go, t, declared=True, param=True, fresh=False)
        return recv


def _joined(ends: list[Facts | None]) -> Facts:
    """What holds after an `if`: the facts every branch that falls through ends with (None: one that
    never does); none when no branch falls through."""
    live = [f for f in ends if f is not None]
    if not live:
        return Facts()
    out = live[0].copy()
    for f in live[1:]:
        out.present &= f.present
        out.not_none &= f.not_none
    return out


def infer_result(pkg: PackageInfo, f: FuncInfo, sig: Signature) -> T:
    """The result type of an unannotated function, from its return statements."""
    tr = FuncTranslator(pkg, f, sig, {}, infer=True)
    for _ in range(4):
        try:
            tr.block_stmts(f.node.body)
            break
        except Retry as r:
            tr = FuncTranslator(pkg, f, sig, {**tr.hints, r.name: r.t}, infer=True)
    if tr.gen_elem is not None:
        if has_var(tr.gen_elem):
            raise Unsupported("cannot tell what the generator yields; annotate it (-> Iterator[T])")
        return SeqT(resolve(tr.gen_elem))
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
        elif isinstance(prune(out), DynT) or isinstance(prune(t), DynT):
            out = prune(out) if isinstance(prune(out), DynT) else prune(t)  # the others go into the `any` as they are
        elif not unify(out, t):
            raise Unsupported(f"returns both {describe(out)} and {describe(t)}")
    if has_var(out):
        raise Unsupported("cannot tell the result type; annotate the function")
    return OptT(out) if len(values) < len(types) and not isinstance(prune(out), DynT) else out


def translate_body(pkg: PackageInfo, f: FuncInfo, sig: Signature, hints: dict[str, T], salvage: bool = False) -> FuncTranslator:
    """The lowered body. With `salvage`, an untranslatable statement becomes a TODO and a panic in place
    (listed in `tr.todos`) and everything else is kept."""
    tr = FuncTranslator(pkg, f, sig, hints)
    tr.salvage = salvage
    start = len(tr.lines)
    if tr.gen_elem is not None:
        tr.generator_frame(f.node.body)
    else:
        tr.block_stmts(f.node.body)
    rt = prune(sig.result)
    if tr.gen_elem is None and not terminates(f.node.body) and not (tr.lines and tr.lines[-1].startswith("\tpanic(")):
        if isinstance(rt, (OptT, DynT)):
            tr.emit("return " + ", ".join(["nil"] + (["nil"] if sig.raises else [])))
        elif rt != NONE:
            raise Unsupported("the function can reach its end without returning (Python would return None)")
        elif sig.raises:
            tr.emit("return nil")
    hoisted = [(v.go, go_type(v.t)) for v in tr.vars.values() if v.hoisted and not v.write_only]
    if tr.top_err:
        hoisted.append(("err", "error"))
    top = [f"\tvar {name} {t}" for name, t in hoisted]
    if tr.todos and hoisted:  # a hoisted local only a statement that stays Python read: used once, or Go refuses it
        top.append("\t" + BLANK_MARK + ",".join(name for name, _ in hoisted))
    tr.lines[start:start] = top
    if tr.todos:
        prune_blank_uses(tr.lines)
    return tr


def func_header(f: FuncInfo, sig: Signature, recv: str | None) -> str:
    name = f.go_name
    if recv is not None and f.cls is not None:
        return f"func ({recv} *{f.cls.go_name}) {name}({sig.params_go()}){sig.results_go()} {{"
    return f"func {name}({sig.params_go()}){sig.results_go()} {{"



def nested_function(outer: StmtMixin, node: ast.FunctionDef) -> None:
    """`def inner(x: int) -> int: ...` inside a function: a Go closure `inner := func(x int) int {...}`.

    Go closures capture variables by reference, as Python closures do (late binding), so reads of the
    enclosing function's locals keep their meaning. One that raises returns its error last, as a package
    function does, and its calls check it (raisekinds counts what it raises in the enclosing function's
    kinds). Kept to what stays faithful: every parameter and the
    result annotated (evidence is keyed by module-level names), no decorator, default, *args or
    **kwargs, no recursion, not inside a loop (Go gives each iteration its own loop variable, Python
    one shared), and names the body assigns are
    its own (`nonlocal` is refused). The enclosing function's locals that exist at the `def` are read
    through the closure; lists among them are not appended to (aliasing).
    """
    a = node.args
    if node.decorator_list:
        raise Unsupported("a decorated nested function")
    if a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs or a.defaults:
        raise Unsupported("a nested function with defaults, *args or **kwargs")
    if outer.loop_flags:
        raise Unsupported("a nested function defined in a loop (Python closures share the loop variable, Go's do not)")
    if outer.indent != 1 or outer.func is None or node not in outer.func.node.body:
        raise Unsupported("a nested function defined inside a block (Go would scope it to the block)")
    d = outer.decl
    if node.name in d.inline or node.name in d.top or node.name in d.loop_targets or node.name in outer.vars:
        raise Unsupported(f"a nested function whose name `{node.name}` is also assigned")
    before = outer.func.node.body[: outer.func.node.body.index(node)]
    if any(isinstance(n, ast.Name) and n.id == node.name for s in before for n in ast.walk(s)):
        raise Unsupported(f"`{node.name}` is used before its def")
    if any(p.annotation is None for p in a.args) or node.returns is None:
        raise Unsupported("a nested function without annotations on every parameter and its result")
    for n in ast.walk(node):
        if n is not node and isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Yield, ast.YieldFrom, ast.Nonlocal, ast.Global)):
            raise Unsupported("a nested function that defines functions, yields or rebinds outer names")
        if isinstance(n, ast.Name) and n.id == node.name and n is not node:
            raise Unsupported("a recursive nested function")
    names = class_names(outer.pkg, outer.mod)
    params = [Param(p.arg, go_local_name(p.arg), parse_annotation(p.annotation, names)) for p in a.args]  # type: ignore[arg-type]
    fi = FuncInfo(node.name, node, outer.mod, None, "function")
    # what it raises, a last `error` result its calls check (raisekinds counts it in the outer's kinds)
    kinds = tuple(sorted(body_kinds(outer.pkg, fi)))
    sig = Signature(params, parse_annotation(node.returns, names), bool(kinds), outer.mod)
    own = {p.arg for p in a.args} | {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    inner = FuncTranslator(outer.pkg, fi, sig, {})
    inner.used_go |= outer.used_go
    for name, var in outer.vars.items():
        if name not in own and var.declared:
            inner.vars[name] = Var(var.py, var.go, var.t, declared=True, param=True, fresh=False)
    inner.decl = plan(node.body, set(inner.vars))
    inner.block_stmts(node.body)
    rt = prune(sig.result)
    if not terminates(node.body):
        if rt != NONE:
            raise Unsupported("the nested function can reach its end without returning")
        if kinds:
            inner.emit("return nil")
    top = [f"\tvar {v.go} {go_type(v.t)}" for v in inner.vars.values() if v.hoisted and not v.write_only]
    if inner.top_err:
        top.append("\tvar err error")  # the closure's own (Go scopes it to the literal)
    outer.used_go |= inner.used_go
    go = outer.fresh(node.name)
    ft = FuncT(tuple(p.t for p in params), sig.result, kinds)
    header = f"{go} := func({sig.params_go()}){sig.results_go()} {{"
    outer.emit(header)
    pad = "\t" * outer.indent
    outer.lines.extend(pad + line if line else line for line in top + inner.lines)
    outer.emit("}")
    outer.vars[node.name] = Var(node.name, go, ft, declared=True, fresh=False)
    if node.name not in outer.decl.loaded:
        outer.emit(f"_ = {go}")


