"""Errors as values: a call's error runs the matching `except` handler or returns; `raise`, `assert`, `try`."""

from __future__ import annotations

import ast
import re

from gotui.llm.rules import goast as g
from gotui.llm.rules.builtins import BuiltinsMixin
from gotui.llm.rules.flow import jumps
from gotui.llm.rules.formatting import repr_of
from gotui.llm.rules.context import E, Facts, Handler, TryCtx, Var
from gotui.llm.rules.goast import Atom
from gotui.llm.rules.loops import loaded_in
from gotui.llm.rules.inherit import lookup
from gotui.llm.rules.package import BUILTIN_EXC, ClassInfo, FuncInfo
from gotui.llm.rules.raisekinds import handler_names, implicit_kinds
from gotui.llm.rules.signatures import callee_signature
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.pyast import is_simple_node
from gotui.llm.rules.types import ClassT, ErrT, LockT, prune, zero


class RaiseMixin(BuiltinsMixin):
    """Errors: checking a call's error, running the matching `except` handler, `raise`, `assert`, `try`."""

    # --- errors --------------------------------------------------------------------------------
    def check_err(self, err: str, kinds: tuple[str, ...], implicit: bool = False) -> None:
        self.emit(f"if {err} != nil {{")
        with self.block():
            self.dispatch(err, kinds, implicit)
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
        if implicit or self.sig is None and not self.gen_fallible:
            # a failure Python raises implicitly that no handler here catches: a panic, as everywhere else
            # (returned, it would reach callers whose error checks assume this function's own kinds)
            self.emit(f"panic({err})")
        elif self.gen_fallible and self.gen_elem is not None:  # a generator: the error comes with a zero value, and ends it
            self.emit(f"yield({zero(self.gen_elem)}, {err})")
            self.emit("return")
        elif self.sig is not None and self.sig.raises:
            self.emit("return " + ", ".join(self.sig.zeros() + [err]))
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
        self.current_error = self.current_error
        prev_err, prev_kinds = self.current_error, self.current_kinds
        self.current_error = err
        self.current_kinds = tuple("*" if n is None or n in ("Exception", "BaseException") else n for n in h.names)
        try:
            bound: tuple[int, str] | None = None
            if h.node.name:
                if loaded_in(list(h.node.body), h.node.name):
                    go = self.fresh(h.node.name)
                    bound = (len(self.lines), go)
                    self.emit(f"{go} := {err}")
                    self.vars[h.node.name] = Var(h.node.name, go, ErrT(), declared=True)
            for stmt in h.node.body:
                self.stmt(stmt)
            if bound is not None and not any(re.search(rf"\b{bound[1]}\b", line) for line in self.lines[bound[0] + 1:]):
                del self.lines[bound[0]]  # only `raise X from e` read it, and Go's error keeps no cause: unused in Go
            if not jumps(h.node.body):
                if ctx.label is None:
                    ctx.label = self.label("tryEnd")
                ctx.used_label = True
                self.emit_stmt(g.Branch("goto", ctx.label))
        finally:
            self.tries, self.facts = saved_tries, saved_facts
            self.vars = {k: v for k, v in self.vars.items() if k in saved_vars or v.hoisted}
            self.current_error, self.current_kinds = prev_err, prev_kinds

    def raise_error(self, node: ast.Raise) -> None:
        if node.exc is None:
            err = self.current_error
            if err is None:
                raise Unsupported("bare `raise` outside an except handler")
            self.dispatch(err, self.current_kinds or ("*",))
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
            # str() of a KeyError is the repr of its argument: `KeyError('k')`, `KeyError(3)`
            msg = repr_of(self, self.opaque(args[0]), "KeyError's message: the repr", message=True).g if name == "KeyError" else self.to_str(self.expr(args[0]))
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
            if self.gen_fallible or self.sig is not None and self.sig.raises:
                self.dispatch(self.r(err_expr), (name,))  # no handler: returned, or yielded by a generator
                return
            raise Unsupported("raise in a function the package analysis thinks cannot raise")
        tmp = self.fresh("err")
        self.emit_stmt(g.Assign((Atom(tmp),), ":=", (err_expr,)))
        self.dispatch(tmp, (name,))

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
        ctx = TryCtx(handlers, node=node)
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
        kinds = implicit_kinds(self.pkg, self.mod, body, self.func, checked=True)
        for name in names:
            if name is not None and name not in BUILTIN_EXC and self.pkg.find_class(self.mod, name) is not None:
                continue  # package exceptions only come from explicit raises
            for k in sorted(kinds):
                if k == "*" or self.pkg.exc_catches(self.mod, name, k) is not False:
                    what = "errors from calls the translator cannot see into" if k == "*" else k
                    raise Unsupported(f"`except {name or ''}` would also have to catch {what}, which Go raises as a panic")

    def s_With(self, node: ast.With) -> None:
        """`with lock:` and `with cm as v:` on a package class with `__enter__`/`__exit__`.

        As the function's last statement: `lock.Lock()` and `defer lock.Unlock()` (or `v := cm.Enter()`
        and `defer cm.Exit(nil, ...)`). Exactly Python's meaning there: the release runs when the block
        is left, by a return, an error or a panic, and leaving the block is leaving the function.
        Elsewhere, a func literal called at once holds the block, for a block that control leaves by its
        end only. Other context managers run code the translator cannot see: refused."""
        item = node.items[0]
        if len(node.items) != 1:
            raise Unsupported("`with` on several context managers (nest them)")
        try:
            cm = self.expr(item.context_expr)
        except Unsupported as exc:
            raise Unsupported(f"with statements (use defer by hand): {exc}") from None
        t = prune(cm.t)
        cls = self.pkg.class_by_name(t.name) if isinstance(t, ClassT) else None
        if not isinstance(t, LockT) and cls is None:
            raise Unsupported("with statements (use defer by hand)")
        if not is_simple_node(item.context_expr):  # it is named twice: on entry and in the deferred call
            raise Unsupported("`with` on a context manager that is not a plain name or field")
        if isinstance(t, LockT):
            if item.optional_vars is not None:
                raise Unsupported("`with lock as name:`")
            enter: ast.stmt | None = None
            exit_text = f"{self.r(cm.g)}.Unlock()"
        else:
            assert cls is not None
            enter, exit_call = self._manager_calls(node, cls)
            exit_text = self.r(self.expr(exit_call).g)
        body = self.func.node.body
        if body and body[-1] is node and not self.tries:
            self._enter(enter, cm)
            self.emit(f"defer {exit_text}")
            self.block_stmts(node.body)
            return
        if item.optional_vars is not None and _read_outside(self.func.node, node):
            raise Unsupported(f"`with ... as {ast.unparse(item.optional_vars)}` read after the block (not the last statement of the function)")
        # a yield too: its `return` when the consumer stops would leave the func literal, not the generator
        leaves = [n for n in _own_nodes(node.body) if isinstance(n, (ast.Return, ast.Raise, ast.Break, ast.Continue, ast.Yield, ast.YieldFrom))]
        if leaves:
            raise Unsupported(f"`with` whose block is left by `{type(leaves[0]).__name__.lower()}` before its end (not the last statement of the function)")
        start = len(self.lines)
        self.emit("func() {")
        with self.block():
            self._enter(enter, cm)
            self.emit(f"defer {exit_text}")
            self.block_stmts(node.body)
        self.emit("}()")
        inner = [line.strip() for line in self.lines[start + 1:-1]]
        if any(line == "return" or line.startswith(("return ", "goto ")) for line in inner):
            # an error check returns from the function: inside the literal it would return from the block
            raise Unsupported("`with` around a call that can raise (not the last statement of the function)")

    def _enter(self, enter: ast.stmt | None, cm: E) -> None:
        """The block's opening: a lock's `Lock()` (`enter` None), or the manager's `v = cm.__enter__()`."""
        if enter is None:
            self.emit(f"{self.r(cm.g)}.Lock()")
        else:
            self.stmt(enter)

    def _manager_calls(self, node: ast.With, cls: ClassInfo) -> tuple[ast.stmt, ast.Call]:
        """(`v = cm.__enter__()`, `cm.__exit__(None, ...)`) for `with cm as v:`. Only for an `__exit__`
        that cannot swallow the exception (it returns nothing true), does not read the exception it is
        given (Go passes nil) and cannot raise (a deferred call's error would be dropped). An `__enter__`
        that raises skips `__exit__`, in Go too: the deferred call comes after its error check."""
        item = node.items[0]
        ctx = item.context_expr
        found = {name: lookup(cls, name) for name in ("__enter__", "__exit__")}
        exit_ = found["__exit__"]
        if found["__enter__"] is None or exit_ is None:
            raise Unsupported(f"`with` on a {cls.name}, which has no {'__enter__' if found['__enter__'] is None else '__exit__'}")
        why = exit_unfit(exit_)
        if why is None and callee_signature(self.pkg, exit_).raises:
            why = "its __exit__ can raise, and a deferred Go call drops the error"
        if why is not None:
            raise Unsupported(f"`with` on a {cls.name}: {why}")
        call = ast.copy_location(ast.Call(ast.Attribute(ctx, "__enter__", ast.Load()), [], []), node)
        enter: ast.stmt = ast.Expr(call) if item.optional_vars is None else ast.Assign([item.optional_vars], call)
        n_exc = len(exit_.node.args.posonlyargs + exit_.node.args.args) - 1
        exit_call = ast.Call(ast.Attribute(ctx, "__exit__", ast.Load()), [ast.Constant(None) for _ in range(n_exc)], [])
        return ast.copy_location(enter, node), ast.copy_location(exit_call, node)


def exit_unfit(f: FuncInfo) -> str | None:
    """Why `__exit__` cannot be a deferred call given nil: it may return true (which swallows the
    exception), or it reads the exception it is given. None when it fits."""
    args = f.node.args
    params = {a.arg for a in (args.posonlyargs + args.args)[1:]} | ({args.vararg.arg} if args.vararg else set())
    name = f"{f.cls.name if f.cls else ''}.{f.name}"
    for n in ast.walk(f.node):
        if isinstance(n, ast.Return) and n.value is not None and not (isinstance(n.value, ast.Constant) and not n.value.value):
            return f"{name} may return true, which swallows the exception (a deferred Go call cannot)"
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in params:
            return f"{name} reads the exception it is given (the Go call is given nil)"
    return None


def _read_outside(func: ast.AST, node: ast.With) -> bool:
    """Is the `as` name of `node` read anywhere in `func` but inside the with block?"""
    names = {n.id for n in ast.walk(node.items[0].optional_vars) if isinstance(n, ast.Name)}  # type: ignore[arg-type]
    inside = {id(n) for s in node.body for n in ast.walk(s)}
    return any(isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in names and id(n) not in inside for n in ast.walk(func))


def _own_nodes(stmts: list[ast.stmt]) -> list[ast.AST]:
    """The nodes of a block, not counting nested loops' break/continue or nested functions' returns."""
    out: list[ast.AST] = []
    todo: list[tuple[ast.AST, bool]] = [(s, False) for s in stmts]
    while todo:
        n, in_loop = todo.pop()
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if not (in_loop and isinstance(n, (ast.Break, ast.Continue))):
            out.append(n)
        loop = in_loop or isinstance(n, (ast.For, ast.While, ast.AsyncFor))
        todo += [(c, loop) for c in ast.iter_child_nodes(n)]
    return out
