"""Calls: package functions, constructors, methods of package classes, built-ins and a few std modules."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from gotui.llm.rules import goast as g
from gotui.llm.rules.context import E, Var
from gotui.llm.rules.expressions import is_simple_node
from gotui.llm.rules.goast import Atom, Binary, GoExpr
from gotui.llm.rules.loops import LoopMixin
from gotui.llm.rules.package import BUILTIN_EXC, ClassInfo, FuncInfo
from gotui.llm.rules.signatures import Signature, ctor_signature, signature_of
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import (
    BOOL, FLOAT, INT, NONE, STR, ClassT, DictT, FuncT, ListT, OptT, SetT, T, TupleT, VarT,
    ErrT, comparable, describe, go_type, has_var, ordered, prune, unify,
)
from gotui.llm.rules.formatting import x_joined_str
from gotui.llm.rules.methods import method_call


@dataclass
class CallPlan:
    """A call that may need a statement of its own: it returns an error or several results."""

    g: GoExpr
    results: list[T]
    raises: bool
    kinds: tuple[str, ...]  # the exception kinds it may return ("*" unknown)
    base: str  # a name for the temporary


class CallMixin(LoopMixin):
    def x_Call(self, node: ast.Call, want: T | None) -> E:
        plan = self.prepare_call(node, want)
        if plan is not None:
            return self.hoist_call(plan)
        return self.builtin_call(node, want)

    def x_ListComp(self, node: ast.ListComp, want: T | None) -> E:
        e = self.comprehension(node, "list", True, want)
        return E(e.g, e.t, simple=e.simple, fresh=True)

    def x_SetComp(self, node: ast.SetComp, want: T | None) -> E:
        return self.comprehension(node, "set", False, want)

    def x_DictComp(self, node: ast.DictComp, want: T | None) -> E:
        return self.comprehension(node, "dict", False, want)

    def x_GeneratorExp(self, node: ast.GeneratorExp, want: T | None) -> E:
        raise Unsupported("a generator outside sum/any/all/min/max/sorted/join/list/set")

    def x_JoinedStr(self, node: ast.JoinedStr, want: T | None) -> E:
        return x_joined_str(self, node)

    # --- user-defined calls --------------------------------------------------------------------
    def prepare_call(self, node: ast.Call, want: T | None = None) -> CallPlan | None:
        """A CallPlan for calls to package functions, constructors, methods and raising built-ins."""
        fn = node.func
        if isinstance(fn, ast.Name) and fn.id not in self.vars:
            found = self.pkg.resolve(self.mod, fn.id)
            if found is not None and found[0] == "function":
                return self.plan_function(found[1], node)  # type: ignore[arg-type]
            if found is not None and found[0] == "class":
                return self.plan_ctor(found[1], node)  # type: ignore[arg-type]
            if fn.id in ("int", "float") and len(node.args) == 1 and not node.keywords:
                arg = self.expr(node.args[0])
                if prune(arg.t) == STR:
                    helper = "pyParseInt" if fn.id == "int" else "pyParseFloat"
                    return CallPlan(g.call(helper, arg.g), [INT if fn.id == "int" else FLOAT], True, ("ValueError",), fn.id == "int" and "n" or "x")
                self._pre_evaluated = (node, arg)
            return None
        if isinstance(fn, ast.Attribute):
            if isinstance(fn.value, ast.Name) and fn.value.id not in self.vars:
                found = self.pkg.resolve(self.mod, fn.value.id)
                if found is not None and found[0] == "module":
                    sub = self.pkg.resolve_own(found[1], fn.attr)  # type: ignore[arg-type]
                    if sub is not None and sub[0] == "function":
                        return self.plan_function(sub[1], node)  # type: ignore[arg-type]
                    if sub is not None and sub[0] == "class":
                        return self.plan_ctor(sub[1], node)  # type: ignore[arg-type]
                    raise Unsupported(f"`{ast.unparse(fn)}` is not a function of that module")
                if found is not None and found[0] == "class":
                    cls = found[1]
                    m = cls.methods.get(fn.attr)  # type: ignore[union-attr]
                    if m is None or m.kind != "static":
                        raise Unsupported(f"`{ast.unparse(fn)}`: only static methods are called on the class")
                    return self.plan_function(m, node)
                if found is not None and found[0] in ("import", "function") or fn.value.id in ("math", "str"):
                    return None
            obj = self.expr(fn.value)
            t = prune(obj.t)
            if isinstance(t, OptT) and isinstance(prune(t.inner), ClassT):
                if not (isinstance(fn.value, ast.Name) and fn.value.id in self.facts.not_none):
                    raise Unsupported(f"method call on `{ast.unparse(fn.value)}`, which may be None")
                t = prune(t.inner)
            if isinstance(t, ClassT):
                cls = self.pkg.class_by_name(t.name)
                if cls is None or fn.attr not in cls.methods:
                    raise Unsupported(f"`{t.name}.{fn.attr}` is not a method the translator can see")
                m = cls.methods[fn.attr]
                if m.kind == "property":
                    raise Unsupported(f"calling property `{fn.attr}`")
                return self.plan_function(m, node, recv=obj.g)
            if isinstance(t, ListT) and fn.attr == "index" and len(node.args) == 1:
                if not comparable(t.elem):
                    raise Unsupported(f"index() on a list of {describe(t.elem)}")
                x = self.value(node.args[0], t.elem)
                return CallPlan(g.call("pyIndexOf", obj.g, x), [INT], True, ("ValueError",), "idx")
            if t == STR and fn.attr == "index" and len(node.args) == 1:
                x = self.value(node.args[0], STR)
                return CallPlan(g.call("pyStrIndex", obj.g, x), [INT], True, ("ValueError",), "idx")
            self._pre_evaluated_obj = (fn.value, obj)
        return None

    def plan_function(self, f: FuncInfo, node: ast.Call, recv: GoExpr | None = None) -> CallPlan:
        sig = signature_of(self.pkg, f)
        if f.cls is not None and recv is None and f.kind != "static":
            raise Unsupported(f"calling method `{f.name}` without an instance")
        args = self.bind_args(sig, node, f.name)
        target: GoExpr = g.Sel(recv, f.go_name) if recv is not None else Atom(f.go_name)
        self.impure_inline = True
        self.facts.not_none = {n for n in self.facts.not_none if "." not in n}  # the call may reset fields
        return CallPlan(g.Call(target, tuple(args)), sig.result_types(), sig.raises, tuple(sorted(self.pkg.func_kinds(f))), f.name)

    def plan_ctor(self, cls: ClassInfo, node: ast.Call) -> CallPlan:
        if cls.is_exception:
            raise Unsupported(f"creating exception `{cls.name}` outside a raise")
        sig = ctor_signature(self.pkg, cls)
        args = self.bind_args(sig, node, cls.name)
        self.impure_inline = True
        return CallPlan(g.Call(Atom("New" + cls.go_name), tuple(args)), [ClassT(cls.name)], sig.raises, tuple(sorted(self.pkg.ctor_kinds(cls))), cls.name.lower())

    def bind_args(self, sig: Signature, node: ast.Call, what: str) -> list[GoExpr]:
        params = sig.params
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            raise Unsupported(f"`*args`/`**kwargs` in a call to `{what}`")
        fixed = [p for p in params if not p.variadic]
        variadic = [p for p in params if p.variadic]
        given: dict[str, ast.expr] = {}
        extra: list[ast.expr] = []
        for i, a in enumerate(node.args):
            if i < len(fixed):
                given[fixed[i].py] = a
            elif variadic:
                extra.append(a)
            else:
                raise Unsupported(f"too many arguments to `{what}`")
        for k in node.keywords:
            if k.arg not in {p.py for p in fixed}:
                raise Unsupported(f"unknown keyword `{k.arg}` for `{what}`")
            given[k.arg] = k.value  # type: ignore[index]
        out: list[GoExpr] = []
        for p in fixed:
            if p.py in given:
                self.escape(given[p.py])
                out.append(self.value(given[p.py], p.t, f"argument `{p.py}` of `{what}`"))
            elif p.default is not None:
                out.append(self.default_value(p.default, p.t, sig))
            else:
                raise Unsupported(f"missing argument `{p.py}` to `{what}`")
        for a in extra:
            out.append(self.value(a, variadic[0].t, f"argument of `{what}`"))
        return out

    def default_value(self, node: ast.expr, t: T, sig: Signature) -> GoExpr:
        """A default filled in at the call site, read in the callee's module."""
        saved_mod, saved_vars = self.mod, self.vars
        self.mod, self.vars = sig.module or self.mod, {}  # type: ignore[assignment]
        try:
            if isinstance(node, ast.Call):  # default_factory
                return self.value(node, t, "default value")
            return self.value(node, t, "default value")
        finally:
            self.mod, self.vars = saved_mod, saved_vars

    def escape(self, node: ast.expr) -> None:
        """A list handed to someone else: appending to it later would not be seen by them in Go."""
        if isinstance(node, ast.Name) and node.id in self.vars:
            self.vars[node.id].fresh = False

    def hoist_call(self, plan: CallPlan) -> E:
        if not plan.raises and len(plan.results) <= 1:
            return E(plan.g, plan.results[0] if plan.results else NONE)
        saved = self.impure_inline
        self.impure_inline = False
        self.need_hoist("a call that can raise" if plan.raises else "a call with several results")
        self.impure_inline = saved
        if self.closure:
            raise Unsupported("a call that can raise inside a closure")
        if not plan.results:
            self.emit(f"if err := {self.r(plan.g)}; err != nil {{")
            with self.block():
                self.dispatch("err", plan.kinds)
            self.emit("}")
            return E(Atom(""), NONE)
        names = [self.fresh(plan.base if len(plan.results) == 1 else f"{plan.base}{i}") for i in range(len(plan.results))]
        lhs = names + (["err"] if plan.raises else [])
        self.emit(f"{', '.join(lhs)} := {self.r(plan.g)}")
        if plan.raises:
            self.check_err("err", plan.kinds)
        if len(names) == 1:
            return E(Atom(names[0]), plan.results[0], simple=True)
        t = TupleT(tuple(plan.results))
        return E(g.Composite(go_type(t), tuple(Atom(n) for n in names)), t)

    # supplied by statements.StmtMixin
    def check_err(self, err: str, kinds: tuple[str, ...]) -> None:
        raise NotImplementedError

    def dispatch(self, err: str, kinds: tuple[str, ...], implicit: bool = False) -> None:
        raise NotImplementedError

    # --- built-ins -----------------------------------------------------------------------------
    def builtin_call(self, node: ast.Call, want: T | None) -> E:
        fn = node.func
        if isinstance(fn, ast.Name):
            if fn.id in self.vars:
                var = self.vars[fn.id]
                ft = prune(var.t)
                if not isinstance(ft, FuncT):
                    raise Unsupported(f"calling `{fn.id}`, a {describe(ft)}")
                args = [self.value(a, p) for a, p in zip(node.args, ft.params)]
                return E(g.Call(Atom(var.go), tuple(args)), ft.result or NONE)
            found = self.pkg.resolve(self.mod, fn.id)
            if found is not None and found[0] == "import":
                return self.std_call(found[1], node, want)  # type: ignore[arg-type]
            handler = getattr(self, "b_" + fn.id, None)
            if handler is None:
                raise Unsupported(f"built-in `{fn.id}()`")
            return handler(node, want)
        if isinstance(fn, ast.Attribute):
            if isinstance(fn.value, ast.Name) and fn.value.id not in self.vars:
                found = self.pkg.resolve(self.mod, fn.value.id)
                if found is not None and found[0] == "import":
                    src = found[1]
                    return self.std_call((src[0] if not src[1] else src[1], fn.attr), node, want)  # type: ignore[index]
                if fn.value.id == "math":
                    return self.std_call(("math", fn.attr), node, want)
            pre = getattr(self, "_pre_evaluated_obj", None)
            if pre is not None and pre[0] is fn.value:
                obj = pre[1]
                self._pre_evaluated_obj = None
            else:
                obj = self.expr(fn.value)
            return method_call(self, obj, fn.attr, node, want)
        raise Unsupported("calling the result of an expression")

    def special_method(self, m: FuncInfo, result: T, nparams: int) -> None:
        """A dunder method called implicitly (str(x), len(x), ==, in) must have translated as expected."""
        sig = signature_of(self.pkg, m)
        if sig.raises or len(sig.params) != nparams or prune(sig.result) != result:
            raise Unsupported(f"{m.cls.name}.{m.name} does not return a plain {describe(result)}")  # type: ignore[union-attr]
        if self.pkg.services.translate_function(self.pkg, m)[1] is not None:
            raise Unsupported(f"{m.cls.name}.{m.name} is not translated")  # type: ignore[union-attr]
        self.impure_inline = True

    def panics_here(self, kinds: tuple[str, ...], what: str) -> None:
        """`what` panics with one of `kinds` in Go: refuse when an enclosing handler would catch it."""
        for ctx in self.tries:
            for h in ctx.handlers:
                for n in h.names:
                    if n is not None and n not in BUILTIN_EXC and self.pkg.find_class(self.mod, n) is not None:
                        continue
                    if any(self.pkg.exc_catches(self.mod, n, k) is not False for k in kinds):
                        raise Unsupported(f"{what} inside `try`: its {'/'.join(kinds)} is a panic in Go, which `except {n or ''}` would not catch")

    def _arg(self, node: ast.Call, i: int = 0) -> E:
        pre = getattr(self, "_pre_evaluated", None)
        if pre is not None and pre[0] is node and i == 0:
            self._pre_evaluated = None
            return pre[1]
        return self.expr(node.args[i])

    def _nargs(self, node: ast.Call, *counts: int, kw: tuple[str, ...] = ()) -> None:
        name = ast.unparse(node.func)
        if len(node.args) not in counts:
            raise Unsupported(f"`{name}()` with {len(node.args)} arguments")
        for k in node.keywords:
            if k.arg not in kw:
                raise Unsupported(f"`{name}()` with keyword `{k.arg}`")

    def b_len(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 1)
        e = self._arg(node)
        t = prune(e.t)
        if t == STR:
            self.use("unicode/utf8")
            return E(g.call("utf8.RuneCountInString", e.g), INT)
        if isinstance(t, (ListT, DictT, SetT)):
            return E(g.call("len", e.g), INT)
        if isinstance(t, ClassT):
            cls = self.pkg.class_by_name(t.name)
            if cls is not None and "__len__" in cls.methods:
                self.special_method(cls.methods["__len__"], INT, 0)
                return E(g.Call(g.Sel(e.g, "Len")), INT)
        raise Unsupported(f"len() of {describe(t)}")

    def to_str(self, e: E) -> GoExpr:
        t = prune(e.t)
        if t == STR:
            return e.g
        if t == INT:
            self.use("strconv")
            return g.call("strconv.Itoa", e.g)
        if t == FLOAT:
            return g.call("pyFloatStr", e.g)
        if t == BOOL:
            return g.call("pyBoolStr", e.g)
        if isinstance(t, ClassT):
            cls = self.pkg.class_by_name(t.name)
            m = cls.methods.get("__str__") if cls is not None else None
            if m is not None:
                self.special_method(m, STR, 0)
                return g.Call(g.Sel(e.g, "String"))
        if isinstance(t, ErrT):
            return g.Call(g.Sel(e.g, "Error"))
        raise Unsupported(f"str() of {describe(t)} (Python's repr format)")

    def b_str(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 0, 1)
        if not node.args:
            return E(Atom('""'), STR, const=True, simple=True)
        return E(self.to_str(self._arg(node)), STR)

    def b_int(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 0, 1)
        if not node.args:
            return E(Atom("0"), INT, const=True)
        e = self._arg(node)
        t = prune(e.t)
        if t == INT:
            return e
        if t == FLOAT:
            self.panics_here(("ValueError", "OverflowError"), "int() of a float")
            return E(g.call("pyTrunc", e.g), INT)
        if t == BOOL:
            return E(g.call("pyBoolInt", e.g), INT)
        raise Unsupported(f"int() of {describe(t)}")

    def b_float(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 0, 1)
        if not node.args:
            return E(Atom("0.0"), FLOAT, const=True)
        e = self._arg(node)
        t = prune(e.t)
        if t in (INT, FLOAT):
            return E(self.coerce(e, FLOAT), FLOAT)
        raise Unsupported(f"float() of {describe(t)}")

    def b_bool(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 1)
        return E(self.truthy(self.expr(node.args[0]), node.args[0]), BOOL)

    def b_abs(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 1)
        e = self.expr(node.args[0])
        t = prune(e.t)
        if t == INT:
            return E(g.call("pyAbs", e.g), INT)
        if t == FLOAT:
            self.use("math")
            return E(g.call("math.Abs", e.g), FLOAT)
        raise Unsupported(f"abs() of {describe(t)}")

    def b_round(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 1, 2)
        e = self.expr(node.args[0])
        t = prune(e.t)
        if len(node.args) == 1:
            if t == INT:
                return e
            if t == FLOAT:
                self.panics_here(("ValueError", "OverflowError"), "round() of a float")
                return E(g.call("pyRound", e.g), INT)
        else:
            n = self.const_int(node.args[1])
            if n is None or n < 0:
                raise Unsupported("round() with ndigits that is not a non-negative constant")
            if t == INT:
                return e
            if t == FLOAT:
                return E(g.call("pyRoundN", e.g, Atom(str(n))), FLOAT)
        raise Unsupported(f"round() of {describe(t)}")

    def b_ord(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 1)
        return E(g.call("pyOrd", self.value(node.args[0], STR)), INT)

    def b_chr(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 1)
        return E(g.call("pyChr", self.value(node.args[0], INT)), STR)

    def b_divmod(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 2)
        if not all(is_simple_node(a) for a in node.args):
            raise Unsupported("divmod() of expressions that are not plain values")
        a, b = self.expr(node.args[0]), self.expr(node.args[1])
        if prune(a.t) != INT or prune(b.t) != INT:
            raise Unsupported("divmod() of non-integers")
        t = TupleT((INT, INT))
        return E(g.Composite(go_type(t), (g.call("pyFloorDiv", a.g, b.g), g.call("pyMod", a.g, b.g))), t)

    def b_pow(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 2)
        return self.expr(ast.BinOp(node.args[0], ast.Pow(), node.args[1]))

    def _minmax(self, node: ast.Call, want: T | None, which: str) -> E:
        self._nargs(node, *range(1, 20), kw=("key",))
        key = next((k.value for k in node.keywords if k.arg == "key"), None)
        if len(node.args) > 1:
            if key is not None:
                raise Unsupported(f"{which}() of several arguments with key=")
            es = [self.expr(a) for a in node.args]
            ts = {prune(e.t) for e in es}
            if ts == {INT} or ts == {STR}:
                return E(g.call(which, *[e.g for e in es]), es[0].t)
            if ts <= {INT, FLOAT} and FLOAT in ts:
                if INT in ts:
                    raise Unsupported(f"{which}() of mixed int and float (Python returns whichever wins, with its type)")
                return E(g.call("pyMinF" if which == "min" else "pyMaxF", *[e.g for e in es]), FLOAT)
            raise Unsupported(f"{which}() of {', '.join(describe(t) for t in ts)}")
        arg = node.args[0]
        src, elem, ordered_src = self.sequence_arg(arg, ordered_needed=False)
        if key is not None:
            if not ordered_src and not self.key_is_unique(key, arg):
                raise Unsupported(f"{which}() with key= over a dict or set: ties are resolved by Python's insertion order, which Go maps do not keep")
            less = self.key_less(key, elem, which == "max")
            fn = "pyMinBy" if which == "min" else "pyMaxBy"
            return E(g.call(fn, src, less), elem)
        e = prune(elem)
        if e in (INT, STR):
            return E(g.call("pyMin" if which == "min" else "pyMax", src), elem)
        if e == FLOAT:
            return E(g.call("pyMinSliceF" if which == "min" else "pyMaxSliceF", src), elem)
        raise Unsupported(f"{which}() of {describe(e)} values")

    def b_min(self, node: ast.Call, want: T | None) -> E:
        return self._minmax(node, want, "min")

    def b_max(self, node: ast.Call, want: T | None) -> E:
        return self._minmax(node, want, "max")

    def sequence_arg(self, arg: ast.expr, ordered_needed: bool) -> tuple[GoExpr, T, bool]:
        """A Go slice for an iterable argument: (slice, element type, keeps Python's order)."""
        if isinstance(arg, (ast.GeneratorExp, ast.ListComp)):
            e = self.comprehension(arg, "list", ordered_needed)
            return e.g, prune(e.t).elem, True  # type: ignore[attr-defined]
        if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr in ("keys", "values") and not arg.args:
            d = self.expr(arg.func.value)
            if isinstance(prune(d.t), DictT):
                if ordered_needed:
                    raise Unsupported(f"dict .{arg.func.attr}() where the order matters")
                dt = prune(d.t)
                fn = "pyKeys" if arg.func.attr == "keys" else "pyValues"
                return g.call(fn, d.g), dt.key if fn == "pyKeys" else dt.val, False  # type: ignore[attr-defined]
        if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "items" and not arg.args:
            d = self.expr(arg.func.value)
            dt = prune(d.t)
            if isinstance(dt, DictT):
                if ordered_needed:
                    raise Unsupported("dict .items() where the order matters")
                return g.call("pyItems", d.g), TupleT((dt.key, dt.val)), False
        if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id in ("map", "filter") and arg.func.id not in self.vars:
            e = self.comprehension(self.map_filter_comp(arg), "list", ordered_needed)
            return e.g, prune(e.t).elem, True  # type: ignore[attr-defined]
        e = self.expr(arg)
        t = prune(e.t)
        if isinstance(t, ListT):
            return e.g, t.elem, True
        if isinstance(t, DictT):
            if ordered_needed:
                raise Unsupported("iterating a dict where the order matters")
            return g.call("pyKeys", e.g), t.key, False
        if isinstance(t, SetT):
            if ordered_needed:
                raise Unsupported("iterating a set where the order matters")
            return g.call("pyKeys", e.g), t.elem, False
        if t == STR:
            return g.call("pyChars", e.g), STR, True
        if isinstance(t, TupleT) and isinstance(e.g, g.Composite) and len({describe(x) for x in t.elems}) == 1:
            return g.Composite("[]" + go_type(t.elems[0]), e.g.elems), t.elems[0], True
        raise Unsupported(f"iterating over {describe(t)}")

    def map_filter_comp(self, node: ast.Call) -> ast.GeneratorExp:
        """`map(f, xs)` / `filter(f, xs)` as the equivalent generator expression."""
        if len(node.args) != 2 or node.keywords:
            raise Unsupported(f"{ast.unparse(node.func)}() with other than two arguments")
        f, xs = node.args
        var = ast.Name("_gotui_x", ast.Load())
        if isinstance(f, ast.Lambda):
            if len(f.args.args) != 1:
                raise Unsupported("a lambda of several parameters")
            param = f.args.args[0].arg
            body = f.body
            gen_target = ast.Name(param, ast.Store())
            elem_var = ast.Name(param, ast.Load())
        elif isinstance(f, ast.Constant) and f.value is None and node.func.id == "filter":  # type: ignore[attr-defined]
            body = var
            gen_target = ast.Name("_gotui_x", ast.Store())
            elem_var = var
        else:
            body = ast.Call(f, [var], [])
            gen_target = ast.Name("_gotui_x", ast.Store())
            elem_var = var
        for n in (body,):
            ast.copy_location(n, node)
            ast.fix_missing_locations(n)
        if node.func.id == "map":  # type: ignore[attr-defined]
            comp = ast.comprehension(gen_target, xs, [], 0)
            return ast.GeneratorExp(body, [comp])
        comp = ast.comprehension(gen_target, xs, [body], 0)
        return ast.GeneratorExp(elem_var, [comp])

    def key_is_unique(self, key: ast.expr, arg: ast.expr) -> bool:
        """Does key= tell every item of a dict/set apart (so no tie is left to the iteration order)?

        True when the key is, or is a tuple containing, the dict key itself (`k`, `kv[0]`)."""
        if not isinstance(key, ast.Lambda) or len(key.args.args) != 1:
            return False
        p = key.args.args[0].arg
        items = isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "items"
        if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "values":
            return False

        def is_key(e: ast.expr) -> bool:
            if items:
                return isinstance(e, ast.Subscript) and isinstance(e.value, ast.Name) and e.value.id == p and self.const_int(e.slice) == 0
            return isinstance(e, ast.Name) and e.id == p

        body = key.body
        return is_key(body) or isinstance(body, ast.Tuple) and any(is_key(e) for e in body.elts)

    def key_less(self, key: ast.expr, elem: T, reverse: bool) -> GoExpr:
        """`func(a, b T) bool` comparing key(a) < key(b) (or > for reverse), for stable sorts."""
        et = go_type(elem)
        a, b = self.fresh("a"), self.fresh("b")
        ka = self.apply_key(key, E(Atom(a), elem, simple=True))
        kb = self.apply_key(key, E(Atom(b), elem, simple=True))
        if reverse:
            ka, kb = kb, ka
        body = self.less_lines(ka, kb)
        return g.FuncLit(f"func({a}, {b} {et}) bool", tuple(body))

    def apply_key(self, key: ast.expr, item: E) -> E:
        with self.no_hoist():
            if isinstance(key, ast.Lambda):
                if len(key.args.args) != 1 or key.args.defaults:
                    raise Unsupported("a key lambda of other than one parameter")
                p = key.args.args[0].arg
                saved = self.vars.get(p)
                self.vars[p] = Var(p, item.g.text, item.t, declared=True)  # type: ignore[attr-defined]
                try:
                    return self.expr(key.body)
                finally:
                    if saved is None:
                        self.vars.pop(p, None)
                    else:
                        self.vars[p] = saved
            if isinstance(key, ast.Name) and key.id in ("len", "abs", "str", "int", "float") and key.id not in self.vars:
                fake = ast.Call(key, [ast.Name("_gotui_item", ast.Load())], [])
                self.vars["_gotui_item"] = Var("_gotui_item", item.g.text, item.t, declared=True)  # type: ignore[attr-defined]
                try:
                    return self.expr(fake)
                finally:
                    self.vars.pop("_gotui_item", None)
            if isinstance(key, ast.Attribute) and isinstance(key.value, ast.Name) and key.value.id == "str" and key.attr in ("lower", "upper"):
                return method_call(self, item, key.attr, ast.Call(key, [], []), None)
            if isinstance(key, ast.Name):
                found = self.pkg.resolve(self.mod, key.id)
                if found is not None and found[0] == "function":
                    sig = signature_of(self.pkg, found[1])  # type: ignore[arg-type]
                    if sig.raises or len(sig.params) != 1 or len(sig.result_types()) != 1:
                        raise Unsupported(f"key function `{key.id}`")
                    return E(g.Call(Atom(found[1].go_name), (self.coerce(item, sig.params[0].t),)), sig.result)  # type: ignore[attr-defined]
        raise Unsupported(f"key={ast.unparse(key)}")

    def less_lines(self, ka: E, kb: E) -> list[str]:
        """Statements of a less function comparing two keys as Python orders them."""
        t = prune(ka.t)
        if isinstance(t, TupleT) and isinstance(ka.g, g.Composite) and isinstance(kb.g, g.Composite):
            lines = []
            for i, et in enumerate(t.elems):
                x, y = E(ka.g.elems[i], et), E(kb.g.elems[i], et)
                if i < len(t.elems) - 1:
                    if not comparable(et):
                        raise Unsupported(f"sorting by a tuple with {describe(et)}")
                    lines.append(f"if {g.render(Binary('!=', x.g, y.g), 0)} {{")
                    lines.extend("\t" + ln for ln in self.less_lines(x, y))
                    lines.append("}")
                else:
                    lines.extend(self.less_lines(x, y))
            return lines
        if t in (INT, FLOAT, STR):
            return [f"return {g.render(Binary('<', ka.g, kb.g), 0)}"]
        if t == BOOL:
            return [f"return {g.render(Binary('&&', g.Unary('!', ka.g), kb.g), 0)}"]
        raise Unsupported(f"sorting by {describe(t)}")

    def b_sorted(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 1, kw=("key", "reverse"))
        key = next((k.value for k in node.keywords if k.arg == "key"), None)
        rev_node = next((k.value for k in node.keywords if k.arg == "reverse"), None)
        reverse = False
        if rev_node is not None:
            if not isinstance(rev_node, ast.Constant) or not isinstance(rev_node.value, bool):
                raise Unsupported("reverse= that is not True or False")
            reverse = rev_node.value
        arg = node.args[0]
        if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "items" and not arg.args and key is None:
            d = self.expr(arg.func.value)
            dt = prune(d.t)
            if isinstance(dt, DictT) and ordered(dt.key):
                t = ListT(TupleT((dt.key, dt.val)))
                return E(g.call("pySortedItemsDesc" if reverse else "pySortedItems", d.g), t)
        src, elem, ordered_src = self.sequence_arg(arg, ordered_needed=False)
        if key is not None:
            if not ordered_src and not self.key_is_unique(key, arg):
                raise Unsupported("sorted() with key= over a dict or set: equal keys keep Python's insertion order, which Go maps do not keep")
            return E(g.call("pySortedFunc", src, self.key_less(key, elem, reverse)), ListT(elem))
        if not ordered(elem):
            raise Unsupported(f"sorted() of {describe(elem)} values")
        return E(g.call("pySortedDesc" if reverse else "pySorted", src), ListT(elem))

    def b_reversed(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 1)
        e = self.expr(node.args[0])
        if not isinstance(prune(e.t), ListT):
            raise Unsupported(f"reversed() of {describe(e.t)}")
        return E(g.call("pyReversed", e.g), e.t, fresh=True)

    def b_sum(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 1, 2)
        arg = node.args[0]
        if isinstance(arg, (ast.GeneratorExp, ast.ListComp)):
            res = self.comprehension(arg, "sum", False, want)
            if prune(res.t) == FLOAT and any(self._unordered_gen(gen) for gen in arg.generators):
                raise Unsupported("sum() of floats over a dict or set: rounding depends on the order")
            out = res
        else:
            src, elem, ordered_src = self.sequence_arg(arg, ordered_needed=False)
            if prune(elem) not in (INT, FLOAT):
                raise Unsupported(f"sum() of {describe(elem)}")
            if prune(elem) == FLOAT and not ordered_src:
                raise Unsupported("sum() of floats over a dict or set: rounding depends on the order")
            out = E(g.call("pySum", src), elem)
        if len(node.args) == 2:
            start = self.expr(node.args[1])
            t = FLOAT if FLOAT in (prune(start.t), prune(out.t)) else INT
            return E(Binary("+", self.coerce(start, t), self.coerce(out, t)), t)
        return out

    def _unordered_gen(self, gen: ast.comprehension) -> bool:
        it = gen.iter
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and it.func.attr in ("items", "keys", "values"):
            return True
        if isinstance(it, ast.Name) and it.id in self.vars:
            return isinstance(prune(self.vars[it.id].t), (DictT, SetT))
        return False

    def _anyall(self, node: ast.Call, which: str) -> E:
        self._nargs(node, 1)
        arg = node.args[0]
        if isinstance(arg, (ast.GeneratorExp, ast.ListComp)):
            return self.comprehension(arg, which, False)
        src, elem, _ = self.sequence_arg(arg, ordered_needed=False)
        if prune(elem) == BOOL:
            self.use("slices")
            res = g.call("slices.Contains", src, Atom("true" if which == "any" else "false"))
            return E(res if which == "any" else g.Unary("!", res), BOOL)
        gen = ast.GeneratorExp(ast.Name("_gotui_x", ast.Load()), [ast.comprehension(ast.Name("_gotui_x", ast.Store()), arg, [], 0)])
        return self.comprehension(gen, which, False)

    def b_any(self, node: ast.Call, want: T | None) -> E:
        return self._anyall(node, "any")

    def b_all(self, node: ast.Call, want: T | None) -> E:
        return self._anyall(node, "all")

    def b_zip(self, node: ast.Call, want: T | None) -> E:
        """`zip(*rows)` of a list of lists: the transpose as a list of lists (tuples of one type are lists
        here), truncated to the shortest row as Python does. Other zip() forms are only loops (`_zip`)."""
        if node.keywords or len(node.args) != 1 or not isinstance(node.args[0], ast.Starred):
            raise Unsupported("zip() outside a for loop, other than zip(*rows)")
        if getattr(self, "zip_ok", None) is not node:
            # elsewhere it is a one-shot iterator in Python (a second pass sees nothing)
            raise Unsupported("zip(*rows) other than iterated once or passed to list()")
        rows = self.expr(node.args[0].value)
        t = prune(rows.t)
        if not isinstance(t, ListT) or not isinstance(prune(t.elem), ListT) or has_var(t):
            raise Unsupported(f"zip(*...) of {describe(t)}")
        return E(g.call("pyZipRows", rows.g), t, fresh=True)

    def b_list(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 0, 1)
        if not node.args:
            w = prune(want) if want is not None else None
            t = w if isinstance(w, ListT) else ListT(VarT())
            return E(g.Composite(go_type(t), ()), t, fresh=True)
        arg = node.args[0]
        if isinstance(arg, (ast.GeneratorExp, ast.ListComp)):
            e = self.comprehension(arg, "list", True, want)
            return E(e.g, e.t, fresh=True)
        if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id in ("map", "filter") and arg.func.id not in self.vars:
            e = self.comprehension(self.map_filter_comp(arg), "list", True, want)
            return E(e.g, e.t, fresh=True)
        if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "range":
            return E(self.range_list(arg), ListT(INT), fresh=True)
        self.zip_ok = arg
        try:
            e = self.expr(arg)
        finally:
            self.zip_ok = None
        t = prune(e.t)
        if isinstance(t, ListT) and e.fresh and isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "zip":
            return e  # pyZipRows already made a new list
        if isinstance(t, ListT):
            self.use("slices")
            return E(g.call("slices.Clone", e.g), t, fresh=True)
        if t == STR:
            return E(g.call("pyChars", e.g), ListT(STR), fresh=True)
        if isinstance(t, (DictT, SetT)):
            raise Unsupported("list() of a dict or set: Python keeps insertion order, Go maps do not")
        raise Unsupported(f"list() of {describe(t)}")

    def range_list(self, node: ast.Call) -> GoExpr:
        args = [self.value(a, INT) for a in node.args]
        if len(args) == 1:
            args = [Atom("0"), args[0], Atom("1")]
        elif len(args) == 2:
            args.append(Atom("1"))
        return g.call("pyRange", *args)

    def b_range(self, node: ast.Call, want: T | None) -> E:
        return E(self.range_list(node), ListT(INT), fresh=True)

    def b_set(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 0, 1)
        if not node.args:
            w = prune(want) if want is not None else None
            t = w if isinstance(w, SetT) else SetT(VarT())
            return E(g.Composite(go_type(t), ()), t)
        arg = node.args[0]
        if isinstance(arg, (ast.GeneratorExp, ast.ListComp)):
            return self.comprehension(arg, "set", False, want)
        src, elem, _ = self.sequence_arg(arg, ordered_needed=False)
        if not comparable(elem):
            raise Unsupported(f"set of {describe(elem)}")
        return E(g.call("pySet", src), SetT(elem))

    def b_dict(self, node: ast.Call, want: T | None) -> E:
        if not node.args and not node.keywords:
            w = prune(want) if want is not None else None
            t = w if isinstance(w, DictT) else DictT(VarT(), VarT())
            return E(g.Composite(go_type(t), ()), t)
        arg0 = node.args[0] if len(node.args) == 1 and not node.keywords else None
        if isinstance(arg0, ast.Call) and isinstance(arg0.func, ast.Name) and arg0.func.id == "zip" and len(arg0.args) == 2 and not arg0.keywords:
            ks, vs = self.expr(arg0.args[0]), self.expr(arg0.args[1])
            kt, vt = prune(ks.t), prune(vs.t)
            if isinstance(kt, ListT) and isinstance(vt, ListT) and comparable(kt.elem):
                return E(g.call("pyDictZip", ks.g, vs.g), DictT(kt.elem, vt.elem))
            raise Unsupported("dict(zip(...)) of other than two lists")
        if len(node.args) == 1 and not node.keywords:
            e = self.expr(node.args[0], want)
            if isinstance(prune(e.t), DictT):
                self.use("maps")
                return E(g.call("maps.Clone", e.g), e.t)
        raise Unsupported("dict() of other than one dict")

    def b_tuple(self, node: ast.Call, want: T | None) -> E:
        raise Unsupported("tuple() of an iterable (its length is not known statically)")

    def b_print(self, node: ast.Call, want: T | None) -> E:
        if node.keywords:
            raise Unsupported("print() with keywords")
        self.use("fmt")
        args = [self.to_str(self.expr(a)) for a in node.args]
        return E(g.call("fmt.Println", *args), NONE)

    def b_isinstance(self, node: ast.Call, want: T | None) -> E:
        raise Unsupported("isinstance() (Go types are static)")

    def b_map(self, node: ast.Call, want: T | None) -> E:
        e = self.comprehension(self.map_filter_comp(node), "list", True, want)
        return E(e.g, e.t, fresh=True)

    b_filter = b_map

    # --- std modules ---------------------------------------------------------------------------
    def std_call(self, src: tuple[str, str], node: ast.Call, want: T | None) -> E:
        module, name = src[0].lstrip("."), src[1]
        if module == "collections" and name == "defaultdict":
            return self.defaultdict(node, want)
        if module == "math":
            return self.math_call(name, node)
        if module == "typing" and name == "cast":
            raise Unsupported("typing.cast")
        raise Unsupported(f"`{module}.{name}()` has no Go translation here")

    def math_call(self, name: str, node: ast.Call) -> E:
        self.use("math")
        one_float = {"fabs": "math.Abs", "sin": "math.Sin", "cos": "math.Cos", "tan": "math.Tan", "atan": "math.Atan", "hypot": "math.Hypot", "atan2": "math.Atan2", "copysign": "math.Copysign"}
        if name in one_float:
            return E(g.call(one_float[name], *[self.value(a, FLOAT) for a in node.args]), FLOAT)
        if name in ("floor", "ceil", "trunc") and len(node.args) == 1:
            e = self.expr(node.args[0])
            if prune(e.t) == INT:
                return e
            return E(g.call({"floor": "pyFloor", "ceil": "pyCeil", "trunc": "pyTrunc"}[name], self.coerce(e, FLOAT)), INT)
        if name == "sqrt" and len(node.args) == 1:
            return E(g.call("pySqrt", self.value(node.args[0], FLOAT)), FLOAT)
        if name in ("isnan", "isinf") and len(node.args) == 1:
            x = self.value(node.args[0], FLOAT)
            return E(g.call("math.IsNaN", x) if name == "isnan" else g.call("math.IsInf", x, Atom("0")), BOOL)
        if name == "gcd" and len(node.args) == 2:
            return E(g.call("pyGcd", self.value(node.args[0], INT), self.value(node.args[1], INT)), INT)
        raise Unsupported(f"math.{name}()")

    def defaultdict(self, node: ast.Call, want: T | None) -> E:
        if len(node.args) != 1 or node.keywords:
            raise Unsupported("defaultdict() without exactly one factory")
        f = node.args[0]
        factories = {"int": INT, "float": FLOAT, "str": STR, "bool": BOOL}
        if isinstance(f, ast.Name) and f.id in factories:
            val: T = factories[f.id]
        elif isinstance(f, ast.Name) and f.id == "list":
            val = ListT(VarT())
        elif isinstance(f, ast.Name) and f.id == "dict":
            val = DictT(VarT(), VarT())
        elif isinstance(f, ast.Name) and f.id == "set":
            val = SetT(VarT())
        else:
            raise Unsupported(f"defaultdict({ast.unparse(f)})")
        w = prune(want) if want is not None else None
        t = DictT(VarT(), val)
        if isinstance(w, DictT):
            unify(t, w)
        e = E(g.Composite(go_type(t), ()), t)
        self._last_factory = val
        return e

