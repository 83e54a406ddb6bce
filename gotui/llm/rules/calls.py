"""Calls: package functions, constructors, methods of package classes, built-ins and a few std modules."""

from __future__ import annotations

import ast
import copy
from dataclasses import replace

from gotui.evidence.entry import entry_conversion

from gotui.llm.rules import goast as g
from gotui.llm.rules.context import Base, E, Lowerer, Var
from gotui.llm.rules.goast import Atom, Binary, GoExpr
from gotui.llm.rules.dispatch import abstract_call, body_name, plan_of, virtual
from gotui.llm.rules.callplans import CallPlan, builtin_plan, closure_call, trial_type
from gotui.llm.rules.kwsplat import spread_groupdict
from gotui.llm.rules.inherit import base_method_call, dispatch_hazard, enum_members, instance_shadow, lookup
from gotui.llm.rules.loops import LoopMixin, union_shape
from gotui.llm.rules.package import BUILTIN_EXC, ClassInfo, FuncInfo, PackageInfo, Param
from gotui.llm.rules.pyast import is_simple_node, root_name
from gotui.llm.rules.static_value import static_text
from gotui.llm.rules.loggers import log_target
from gotui.llm.rules.signatures import Signature, callee_signature, ctor_signature, type_aliases
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import (
    BOOL, FLOAT, INT, NONE, STR, ClassT, DictT, DynT, ListT, OptT, SeqT, SetT, T, TupleT, comparable, describe,
    go_type, pointer_like, prune,
)
from gotui.llm.rules.formatting import x_joined_str
from gotui.llm.rules.methods import method_call


def entry_converted(tr: Base, callee: FuncInfo, sig: Signature, name: str, arg: ast.expr) -> ast.expr:
    """The argument as the callee's entry would convert it, when its Go signature takes only the member
    of a union the body keeps (`compare(other: Comparable)` takes a Version; its entry makes a str one
    with `cls.parse(other)`): `Version.parse(arg)` here, so the caller converts first, as the signature's
    note says. The argument as it is otherwise."""
    if name not in sig.narrowed or not (is_simple_node(arg) or isinstance(arg, ast.Constant)):
        return arg  # its type is read by a trial translation: only of what has no effects
    t = trial_type(tr, arg)
    if t is None:
        return arg
    member = {STR: "str", INT: "int", FLOAT: "float", BOOL: "bool"}.get(t) if not isinstance(t, ClassT) else t.name
    fn = callee.node
    if member is None or not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return arg
    conv = entry_conversion(fn, name, member, type_aliases(tr.pkg, callee.module), callee.cls.name if callee.cls else None)
    if conv is None:
        return arg

    class Put(ast.NodeTransformer):
        def visit_Name(self, n: ast.Name) -> ast.AST:
            return copy.deepcopy(arg) if n.id == name else n

    return ast.copy_location(Put().visit(conv), arg)


def spread_tuple(tr: Base, node: ast.Call, star: ast.Starred) -> ast.Call:
    """`f(a, *t)` where t is a tuple of known length: `t` in a variable, then its items as arguments
    (`P_(*SUFFIXES[g][d])` is `P_(t.F0, t.F1)`). Only after plain arguments, so evaluating the tuple
    first runs nothing out of Python's order. Unchanged for anything else."""
    if not all(is_simple_node(a) or isinstance(a, ast.Constant) for a in node.args[:-1]):
        return node
    t = trial_type(tr, star.value)
    if not isinstance(t, TupleT):
        return node
    tr.need_hoist("a starred tuple argument")
    items = held_items(tr, tr.expr(star.value).g, t, len(t.elems), star)
    return ast.copy_location(ast.Call(node.func, [*node.args[:-1], *items], node.keywords), node)


def held_items(tr: Base, value: GoExpr, t: T, n: int, at: ast.AST) -> list[ast.expr]:
    """`value` (of type t) in a variable of its own, and its first n items as subscripts of it: Python
    expressions for them, under a name no Python code can write, so the value is reached only so."""
    tmp = tr.fresh("items")
    tr.emit_stmt(g.Assign((Atom(tmp),), ":=", (value,)))
    key = f"*{tmp}"
    tr.vars[key] = Var(key, tmp, t, declared=True)
    return [ast.copy_location(ast.Subscript(ast.Name(key, ast.Load()), ast.Constant(i), ast.Load()), at) for i in range(n)]


def fixed_length(tr: Base, node: ast.expr) -> int | None:
    """How many items iterating `node` gives, when its form says so: a tuple or list display, a tuple or
    NamedTuple value, and a generator or `map()` over one of those (one `for`, no `if`). Else None."""
    if isinstance(node, (ast.Tuple, ast.List)) and not any(isinstance(e, ast.Starred) for e in node.elts):
        return len(node.elts)
    if isinstance(node, (ast.GeneratorExp, ast.ListComp)) and len(node.generators) == 1 \
            and not node.generators[0].ifs and not node.generators[0].is_async:
        return fixed_length(tr, node.generators[0].iter)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "map" and "map" not in tr.vars \
            and len(node.args) == 2 and not node.keywords:
        return fixed_length(tr, node.args[1])
    try:  # a name of several types (a union of tuples of one shape) is looked at as it is
        t = prune(tr.opaque(node).t) if isinstance(node, ast.Name) else trial_type(tr, node)  # type: ignore[attr-defined]
    except Unsupported:
        t = None
    if isinstance(t, TupleT):
        return len(t.elems)
    shape = union_shape(tr, t) if isinstance(t, DynT) else None
    if shape is not None:
        return shape[1]
    cls = tr.pkg.class_by_name(t.name) if isinstance(t, ClassT) else None
    if cls is not None and cls.is_namedtuple:
        return len(tr.pkg.class_fields(cls))
    return None


def namedtuple_make(tr: Base, cls: ClassInfo, node: ast.Call) -> ast.Call:
    """`Point._make(xs)`, a NamedTuple built from an iterable, as `Point(*list(xs))`: the list in a
    variable, then its items as the arguments. Only for an iterable whose length is known to be the
    number of fields (fixed_length): a different one raises TypeError in Python, which Go would not."""
    fields = len(tr.pkg.class_fields(cls))
    if len(node.args) != 1 or node.keywords:
        raise Unsupported(f"`{cls.name}._make` takes one iterable")
    arg = node.args[0]
    tr.need_hoist("a NamedTuple's _make")  # before fixed_length, whose trial lowering may mark the expression impure
    n = fixed_length(tr, arg)
    if n != fields:
        raise Unsupported(f"`{cls.name}._make` of an iterable not known to hold {fields} items (Python raises TypeError otherwise)")
    as_list = arg if isinstance(arg, ast.List) else ast.ListComp(arg.elt, arg.generators) if isinstance(arg, ast.GeneratorExp) \
        else ast.Call(ast.Name("list", ast.Load()), [arg], [])
    e = tr.expr(ast.copy_location(as_list, arg))
    items = held_items(tr, e.g, e.t, n, arg)
    return ast.copy_location(ast.Call(node.func.value, items, []), node)  # type: ignore[attr-defined]  # the class as named here


def ctor_for_call(pkg: PackageInfo, cls: ClassInfo) -> Signature:
    """`Cls(...)`'s signature for a call; Unsupported when Go cannot spell its parameters (a 0-tuple
    default): the class's stub constructor then has none (classes._fallback), so no call would build."""
    sig = ctor_signature(pkg, cls)
    sig.params_go()
    return sig


def self_param(tr: Lowerer) -> str | None:
    """The name of the method's own `self` parameter, while it still holds the receiver; else None."""
    f = tr.func
    if f is None or f.cls is None or f.kind not in ("method", "property") or not f.node.args.args:
        return None
    name = f.node.args.args[0].arg
    var = tr.vars.get(name)
    return name if var is not None and var.param else None


def _callable_method(pkg: PackageInfo, cls: ClassInfo, m: FuncInfo) -> None:
    """Unsupported when `obj.m(...)` on a `cls` may not call the method `m`: a property (its value is
    called), or an instance attribute of that name hides it (inherit.instance_shadow)."""
    if m.kind == "property":
        raise Unsupported(f"calling property `{m.name}`")
    shadow = instance_shadow(pkg, cls, m.name)
    if shadow is not None:
        raise Unsupported(shadow)


def instance_call(tr: Lowerer, node: ast.Call) -> ast.Call | None:
    """`obj(args)` on a local instance of a package class that defines `__call__` (own or inherited): the
    method call `obj.__call__(args)`, or None."""
    fn = node.func
    var = tr.vars.get(fn.id) if isinstance(fn, ast.Name) else None
    t = prune(var.t) if var is not None else None
    cls = tr.pkg.class_by_name(t.name) if isinstance(t, ClassT) else None
    if cls is None or lookup(cls, "__call__") is None:
        return None
    return ast.copy_location(ast.Call(ast.Attribute(fn, "__call__", ast.Load()), node.args, node.keywords), node)


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
        if self.func is None and self.cls is None:  # a module constant: an f-string of constants (a tuple's str() too) is its text
            text = static_text(self.pkg, self.mod, node)
            if text is not None:
                return E(Atom(g.go_string(text)), STR, const=True, simple=True)
        return x_joined_str(self, node)

    # --- user-defined calls --------------------------------------------------------------------
    def prepare_call(self, node: ast.Call, want: T | None = None) -> CallPlan | None:
        """A CallPlan for calls to package functions, constructors, methods and raising built-ins."""
        fn = node.func
        if (method := instance_call(self, node)) is not None:  # `scale(x)` is `scale.__call__(x)`
            return self.prepare_call(method, want)
        if isinstance(fn, ast.Name) and fn.id in self.vars:
            return closure_call(self, node)
        if isinstance(fn, ast.Name):
            found = self.pkg.resolve(self.mod, fn.id)
            if found is not None and found[0] == "function":
                return self.plan_function(found[1], node)  # type: ignore[arg-type]
            if found is not None and found[0] == "class":
                return self.plan_ctor(found[1], node)  # type: ignore[arg-type]
            return builtin_plan(self, node)
        if isinstance(fn, ast.Attribute):
            up = base_call(self, node)
            if up is not None:
                return up
            if self.compiled_const(fn.value) is not None:
                return None  # a compiled pattern's method (relower.ReMixin.pattern_method)
            if isinstance(fn.value, ast.Name) and fn.value.id not in self.vars:
                found = self.pkg.resolve(self.mod, fn.value.id)
                if found is not None and found[0] == "module":
                    sub = self.pkg.resolve_own(found[1], fn.attr)  # type: ignore[arg-type]
                    if found[1].package is not self.pkg:  # type: ignore[union-attr]  # a module of another folder
                        return foreign_module_call(self, sub, fn, node)
                    if sub is not None and sub[0] == "function":
                        return self.plan_function(sub[1], node)  # type: ignore[arg-type]
                    if sub is not None and sub[0] == "class":
                        return self.plan_ctor(sub[1], node)  # type: ignore[arg-type]
                    raise Unsupported(f"`{ast.unparse(fn)}` is not a function of that module")
                if found is not None and found[0] == "class" and fn.attr in found[1].inner:  # type: ignore[union-attr]
                    return self.plan_ctor(found[1].inner[fn.attr], node)  # type: ignore[union-attr]  # `Outer.Inner(...)`
                if found is not None and found[0] == "class":
                    cls = found[1]
                    m = cls.methods.get(fn.attr)  # type: ignore[union-attr]
                    if fn.attr == "_make" and m is None and cls.is_namedtuple:  # type: ignore[union-attr]
                        return self.plan_ctor(cls, namedtuple_make(self, cls, node))  # type: ignore[arg-type]
                    if m is None or m.kind != "static":
                        raise Unsupported(f"`{ast.unparse(fn)}`: only static methods are called on the class")
                    return self.plan_function(m, node)
                if found is not None and found[0] in ("import", "function") or fn.value.id in ("math", "str"):
                    return None
                if log_target(self.pkg, self.mod, fn.value) is not None:
                    return None  # a log call (builtins.BuiltinsMixin.builtin_call)
            elif isinstance(fn.value, ast.Attribute) and root_name(fn.value) not in self.vars \
                    and self.pkg.std_module(self.mod, fn.value) is not None:
                return None  # `os.path.join(...)`: a function of a standard module (builtins.BuiltinsMixin.std_call)
            pre_obj = self._pre_evaluated_obj
            obj = pre_obj[1] if pre_obj is not None and pre_obj[0] is fn.value else self.expr(fn.value)  # type: ignore[index]
            t = prune(obj.t)
            if isinstance(t, OptT) and pointer_like(prune(t.inner)):
                if not (isinstance(fn.value, ast.Name) and fn.value.id in self.facts.not_none):
                    raise Unsupported(f"method call on `{ast.unparse(fn.value)}`, which may be None")
                t = prune(t.inner)
            if isinstance(t, ClassT):
                cls = self.pkg.class_by_name(t.name)
                # `self.popitem()` in a body dispatched to subclasses that define it (dispatch.abstract_call)
                abstract = abstract_call(self.pkg, self.func, fn.attr) if isinstance(fn.value, ast.Name) and fn.value.id == self_param(self) else None
                m = abstract or (lookup(cls, fn.attr) if cls is not None else None)
                if m is None:
                    raise Unsupported(f"`{t.name}.{fn.attr}` is not a method the translator can see")
                if abstract is None:
                    _callable_method(self.pkg, cls, m)  # type: ignore[arg-type]
                if m.kind == "static":  # `self._nat_cmp(a, b)`: the instance only finds the function
                    if not obj.simple:
                        raise Unsupported(f"a static method called through `{ast.unparse(fn.value)}`, which Go would not evaluate")
                    return self.plan_function(m, node)
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

    def plan_function(self, f: FuncInfo, node: ast.Call, recv: GoExpr | None = None, lead: tuple[GoExpr, ...] = ()) -> CallPlan:
        """A call of `f` (a method on `recv`); with `lead`, a method's body function (dispatch.body_name)
        called with those receivers first."""
        sig = callee_signature(self.pkg, f)
        if f.cls is not None and recv is None and f.kind != "static" and not lead:
            raise Unsupported(f"calling method `{f.name}` without an instance")
        args = [*lead, *self.bind_args(sig, node, f.name, f)]
        target: GoExpr = Atom(body_name(f)) if lead else g.Sel(recv, f.go_name) if recv is not None else Atom(f.go_name)
        self.impure_inline = True
        self.facts.not_none = {n for n in self.facts.not_none if "." not in n}  # the call may reset fields
        return CallPlan(g.Call(target, tuple(args)), sig.result_types(), sig.raises, tuple(sorted(self.pkg.func_kinds(f))), f.name)

    def plan_ctor(self, cls: ClassInfo, node: ast.Call) -> CallPlan:
        if enum_members(cls) is not None:
            raise Unsupported(f"calling the enum {cls.name} (a lookup by value)")
        if cls.is_exception:
            raise Unsupported(f"creating exception `{cls.name}` outside a raise")
        sig = ctor_for_call(self.pkg, cls)
        args = self.bind_args(sig, node, cls.name, cls.methods.get("__init__"))
        self.impure_inline = True
        return CallPlan(g.Call(Atom("New" + cls.go_name), tuple(args)), [ClassT(cls.key)], sig.raises, tuple(sorted(self.pkg.ctor_kinds(cls))), cls.name.lower())

    def bind_args(self, sig: Signature, node: ast.Call, what: str, callee: FuncInfo | None = None) -> list[GoExpr]:
        params = sig.params
        kwargs = next((p for p in params if p.kwargs), None)
        spread = [k for k in node.keywords if k.arg is None]
        fixed = [p for p in params if not p.variadic and not p.kwargs]
        variadic = [p for p in params if p.variadic]
        star = node.args[-1] if node.args and isinstance(node.args[-1], ast.Starred) else None
        # `f(a, *rest)` where every named parameter is given before the star: rest is f's *args whole
        passes_rest = star is not None and variadic and len(node.args) - 1 >= len(fixed)
        if star is not None and not passes_rest:
            spread_out = spread_tuple(self, node, star)
            if spread_out is not node:
                node, star = spread_out, None
        if spread and kwargs is None and star is None:  # `f(**m.groupdict())`'s items, converted as f's entry does
            node, spread = spread_groupdict(self, node, callee, sig)
        if any(isinstance(a, ast.Starred) for a in node.args[:-1]) or star is not None and not passes_rest \
                or spread and (kwargs is None or len(spread) > 1):
            raise Unsupported(f"`*args`/`**kwargs` in a call to `{what}`")
        if star is not None:
            node = ast.Call(node.func, node.args[:-1], node.keywords)
        given: dict[str, ast.expr] = {}
        extra: list[ast.expr] = []
        named_extra: list[ast.keyword] = []
        for i, a in enumerate(node.args):
            if i < len(fixed):
                given[fixed[i].py] = a
            elif variadic:
                extra.append(a)
            else:
                raise Unsupported(f"too many arguments to `{what}`")
        for k in node.keywords:
            if k.arg is None:
                continue
            if k.arg not in {p.py for p in fixed}:
                if kwargs is None:
                    raise Unsupported(f"unknown keyword `{k.arg}` for `{what}`")
                named_extra.append(k)
                continue
            given[k.arg] = k.value
        out: list[GoExpr] = []
        for p in fixed:
            if p.py not in given and spread:  # Python would take it from the dict when the key is there
                raise Unsupported(f"`**{ast.unparse(spread[0].value)}` may hold `{p.py}` of `{what}`: Python binds it by name at run time")
            if p.py in given:
                self.escape(given[p.py])
                arg = entry_converted(self, callee, sig, p.py, given[p.py]) if callee is not None else given[p.py]
                out.append(self.value(arg, p.t, f"argument `{p.py}` of `{what}`"))
            elif p.default is not None:
                out.append(self.default_value(p.default, p.t, sig))
            else:
                raise Unsupported(f"missing argument `{p.py}` to `{what}`")
        if kwargs is not None:
            out.append(self._kwargs_map(kwargs, named_extra, spread[0].value if spread else None, what))
        for a in extra:
            out.append(self.value(a, variadic[0].t, f"argument of `{what}`"))
        if star is not None:
            rest = self.expr(star.value)  # type: ignore[attr-defined]
            rt = prune(rest.t)
            if not isinstance(rt, ListT) or prune(rt.elem) != prune(variadic[0].t):
                raise Unsupported(f"`*{ast.unparse(star.value)}` of {describe(rt)} for `{what}`'s *{variadic[0].py} of {describe(variadic[0].t)}")  # type: ignore[attr-defined]
            if extra:  # Go passes either items or a slice to `...T`: the items go in front of a copy
                items = out[len(out) - len(extra):]
                del out[len(out) - len(extra):]
                rest = E(g.call("append", Atom(f"[]{go_type(variadic[0].t)}{{{self.rl(items)}}}"), Atom(self.r(rest.g) + "...")), rt)
            out.append(Atom(self.r(rest.g) + "..."))
        return out

    def _kwargs_map(self, p: Param, named: list[ast.keyword], spread: ast.expr | None, what: str) -> GoExpr:
        """The callee's **kwargs: the keywords no parameter takes, as a new map (Python builds a new dict
        for each call, so the callee's changes to it are its own); `**d` forwarded is a copy of d."""
        t = prune(p.t)
        assert isinstance(t, DictT)
        if spread is not None:
            if named:
                raise Unsupported(f"`**{ast.unparse(spread)}` with other keywords in a call to `{what}`")
            src = self.expr(spread)
            st = prune(src.t)
            if not (isinstance(st, DictT) and prune(st.key) == STR and isinstance(prune(st.val), DynT)):
                raise Unsupported(f"`**{ast.unparse(spread)}` of {describe(st)} in a call to `{what}`")
            self.use("maps")
            return g.call("maps.Clone", src.g)
        items = ", ".join(f"{g.go_string(k.arg or '')}: {self.r(self.value(k.value, t.val, f'keyword `{k.arg}` of `{what}`'))}" for k in named)
        return Atom(f"map[string]any{{{items}}}")

    def default_value(self, node: ast.expr, t: T, sig: Signature) -> GoExpr:
        """A default filled in at the call site, read in the callee's module."""
        saved_mod, saved_vars = self.mod, self.vars
        self.mod, self.vars = sig.module or self.mod, {}  # type: ignore[assignment]
        try:
            return self.value(node, t, "default value")  # a default_factory call too
        finally:
            self.mod, self.vars = saved_mod, saved_vars

    def escape(self, node: ast.expr) -> None:
        """A list handed to someone else: appending to it later would not be seen by them in Go."""
        if isinstance(node, ast.Name) and node.id in self.vars:
            self.vars[node.id].fresh = False

    def hoist_call(self, plan: CallPlan) -> E:
        if not plan.raises and len(plan.results) <= 1:
            return E(plan.g, plan.results[0] if plan.results else NONE)
        if not plan.raises and (not self.hoist_ok or self.impure_inline):
            # several results where no statement can come first (a condition, a module constant's value):
            # a func literal called in place makes them the tuple, at the same point of the evaluation
            t = TupleT(tuple(plan.results))
            names = [f"r{i}" for i in range(len(plan.results))]
            body = (f"{', '.join(names)} := {self.r(plan.g)}", f"return {go_type(t)}{{{', '.join(names)}}}")
            return E(g.Call(g.FuncLit(f"func() {go_type(t)}", body)), t)
        saved = self.impure_inline
        self.impure_inline = False
        self.need_hoist(plan.what if plan.raises else "a call with several results")
        self.impure_inline = saved
        if self.closure:
            raise Unsupported(f"{plan.what} inside a closure")
        if not plan.results:
            self.emit(f"if err := {self.r(plan.g)}; err != nil {{")
            with self.block():
                self.dispatch("err", plan.kinds, plan.implicit)
            self.emit("}")
            return E(Atom(""), NONE)
        names = [self.fresh(plan.base if len(plan.results) == 1 else f"{plan.base}{i}") for i in range(len(plan.results))]
        lhs = names + (["err"] if plan.raises else [])
        self.emit(f"{', '.join(lhs)} := {self.r(plan.g)}")
        if plan.raises:
            self.check_err("err", plan.kinds, plan.implicit)
        if len(names) == 1:
            return E(Atom(names[0]), plan.results[0], simple=True)
        t = TupleT(tuple(plan.results))
        return E(g.Composite(go_type(t), tuple(Atom(n) for n in names)), t)

    # supplied by statements.StmtMixin
    def check_err(self, err: str, kinds: tuple[str, ...], implicit: bool = False) -> None:
        raise NotImplementedError

    def dispatch(self, err: str, kinds: tuple[str, ...], implicit: bool = False) -> None:
        raise NotImplementedError


    def special_method(self, m: FuncInfo, result: T, nparams: int) -> None:
        """A dunder method called implicitly (str(x), len(x), ==, in) must have translated as expected."""
        sig = callee_signature(self.pkg, m)
        if sig.raises or len(sig.params) != nparams or prune(sig.result) != result:
            raise Unsupported(f"{m.cls.name}.{m.name} does not return a plain {describe(result)}")  # type: ignore[union-attr]
        if self.pkg.services.translate_function(self.pkg, m)[1] is not None:
            raise Unsupported(f"{m.cls.name}.{m.name} is not translated")  # type: ignore[union-attr]
        self.impure_inline = True

    def catching(self, kinds: tuple[str, ...]) -> list[str | None]:
        """The enclosing handlers' names that may catch one of `kinds` (Python's built-in exceptions)."""
        out: list[str | None] = []
        for ctx in self.tries:
            for h in ctx.handlers:
                for n in h.names:
                    if n is not None and n not in BUILTIN_EXC and self.pkg.find_class(self.mod, n) is not None:
                        continue  # a package exception only comes from an explicit raise
                    if any(self.pkg.exc_catches(self.mod, n, k) is not False for k in kinds):
                        out.append(n)
        return out

    def panics_here(self, kinds: tuple[str, ...], what: str) -> None:
        """`what` panics with one of `kinds` in Go: refuse when an enclosing handler would catch it."""
        names = self.catching(kinds)
        if names:
            raise Unsupported(f"{what} inside `try`: its {'/'.join(kinds)} is a panic in Go, which `except {names[0] or ''}` would not catch")

    def checked_lookup(self, fn: str, args: tuple[GoExpr, ...], result: T | None, kinds: str | tuple[str, ...], what: str) -> E | None:
        """Inside a `try` whose handler may catch one of `kinds` (KeyError, IndexError, ...), a lookup
        whose failure is that handler's business: the helper's `...Err` form returns the error, which
        runs the handler as a raising call's would. None outside such a `try`, where the failure stays
        a panic."""
        kinds = (kinds,) if isinstance(kinds, str) else kinds
        if not self.catching(kinds):
            return None
        self.need_hoist(what)  # a statement before this one: nothing earlier in the expression may have run
        plan = CallPlan(g.call(fn + "Err", *args), [result] if result is not None else [], True, kinds, "v", what, implicit=True)
        return self.hoist_call(plan)

    def _arg(self, node: ast.Call, i: int = 0) -> E:
        pre = self._pre_evaluated
        if pre is not None and pre[0] is node and i == 0:
            self._pre_evaluated = None
            return pre[1]
        return self.expr(node.args[i])

    def collected(self, e: E, t: SeqT, what: str) -> GoExpr:
        """A generator run to its end, as list(), sorted(), sum() do in Python: `slices.Collect`. One
        that can raise is refused: a loop says where its error goes."""
        if t.kinds:
            raise Unsupported(f"{what} of a generator that can raise (a for loop says where its error goes)")
        self.use("slices")
        return g.call("slices.Collect", e.g)

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
        if isinstance(t, SeqT):
            return self.collected(e, t, "sorted(), sum(), set() or min()"), t.elem, True
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
                    sig = callee_signature(self.pkg, found[1])  # type: ignore[arg-type]
                    if sig.raises or len(sig.params) != 1 or len(sig.result_types()) != 1:
                        raise Unsupported(f"key function `{key.id}`")
                    return E(g.Call(Atom(found[1].go_name), (self.coerce(item, sig.params[0].t),)), sig.result)  # type: ignore[attr-defined]
        raise Unsupported(f"key={ast.unparse(key)}: only a lambda, len/abs/str/int/float, str.lower/str.upper or a "
                          "function of the package that takes one value and cannot raise is lowered as a key")

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


def base_call(tr: CallMixin, node: ast.Call) -> CallPlan | None:
    """`super().m(a)` / `Base.m(self, a)` in a method: the base's own `m` on the embedded struct,
    `recv.Base.M(a)` (inherit.base_method_call); when `m` calls on self what a subclass overrides, its
    body with this object as self (`virtualBaseM(&recv.Base, recv, a)`, dispatch.py), or refused where
    that cannot be made exact."""
    f = tr.func
    self_name = self_param(tr)
    if f is None or f.cls is None or self_name is None or tr.recv is None and tr.ctor_recv is None:
        return None
    found = base_method_call(f.cls, node, self_name)
    if found is None:
        return None
    recv = Atom(tr.vars[self_name].go)
    base, name, call = found
    m = lookup(base, name)
    if m is None:
        raise Unsupported(f"`{base.name}.{name}` is not a method the translator can see")
    why = dispatch_hazard(f.cls, m)
    if why is not None:
        raise Unsupported(why)
    if m.cls is not None and virtual(tr.pkg, f.cls, m):
        # the base's body with this object as self (dispatch.py), as Python runs Base.m(self)
        # inside a body that runs with a subclass as self, that self (its interface embeds the base's)
        me = Atom("self") if f.name in getattr(plan_of(tr.pkg, f.cls), "bodies", ()) else recv
        return tr.plan_function(m, call, lead=(g.Unary("&", g.Sel(recv, m.cls.go_name)), me))
    return tr.plan_function(m, call, recv=g.Sel(recv, base.go_name))


def foreign_module_call(tr: CallMixin, sub: tuple[str, object] | None, fn: ast.Attribute, node: ast.Call) -> CallPlan:
    """`luhn.checksum(x)` with `luhn` a module of another folder: `luhn.Checksum(x)`, which the assembly's
    linking qualifies with that folder's Go package. Only its functions are called so."""
    if sub is None or sub[0] != "function":
        raise Unsupported(f"`{ast.unparse(fn)}`: only functions of a module of another folder are called")
    f: FuncInfo = sub[1]  # type: ignore[assignment]
    plan_ = tr.plan_function(f, node)
    call: g.Call = plan_.g  # type: ignore[assignment]
    return replace(plan_, g=g.Call(g.Sel(Atom(ast.unparse(fn.value)), f.go_name), call.args, call.ellipsis))


