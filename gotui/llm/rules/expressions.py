"""Expressions: names, literals, operators with Python semantics, subscripts, truthiness."""

from __future__ import annotations

import ast
import string as string_module

from gotui.golang.names import go_func_name
from gotui.llm.rules import goast as g
from gotui.llm.rules import odicts
from gotui.llm.rules.context import Base, E, const_failures_key, helper_arg
from gotui.llm.rules.goast import Atom, Binary, GoExpr
from gotui.golang.names import go_const_name
from gotui.llm.rules.inherit import enum_list_name, enum_members, field_type, lookup
from gotui.llm.rules.package import FuncInfo, ModuleInfo
from gotui.llm.rules.pyast import is_simple_node
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import (
    ODictT, BOOL, FLOAT, INT, NONE, STR, AnyT, ClassT, DictT, DynT, ErrT, FuncT, ListT, LockT, MatchT, OptT, SeqT, SetT, T, TupleT, VarT,
    bind_unknown, describe, go_type, pointer_like, prune, resolve, unify, zero,
)
from gotui.llm.rules.signatures import callee_signature
from gotui.llm.rules.static_value import static_text


STRING_CONSTANTS = ("ascii_letters", "ascii_lowercase", "ascii_uppercase", "digits", "hexdigits", "octdigits",
                    "punctuation", "whitespace", "printable")


def std_value(tr: Base, src: tuple[str, str], attr: str) -> E:
    module = src[1] if src[0] in ("math",) and src[1] else src[0]
    module = module.lstrip(".")
    if module == "math":
        tr.use("math")
        consts = {"pi": "math.Pi", "e": "math.E", "tau": "(2 * math.Pi)", "inf": "math.Inf(1)", "nan": "math.NaN()"}
        if attr in consts:
            return E(Atom(consts[attr]), FLOAT, simple=True)
    if module == "string" and attr in STRING_CONSTANTS:  # `string.hexdigits`: the text itself
        return E(Atom(g.go_string(getattr(string_module, attr))), STR, const=True, simple=True)
    if module == "sys" and attr == "maxsize":
        tr.use("math")
        return E(Atom("math.MaxInt"), INT, simple=True)
    raise Unsupported(f"`{module}.{attr}` has no Go translation here")


CMP = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}


def plain_getter(f: FuncInfo) -> str | None:
    """The field a property only returns (`return self._x`, a docstring aside): reading the property is
    reading that field, so twice is the same as once and a None check of one holds for the other."""
    body = [s for s in f.node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str))]
    args = f.node.args.posonlyargs + f.node.args.args
    if len(body) == 1 and isinstance(body[0], ast.Return) and isinstance(body[0].value, ast.Attribute) and args:
        ret = body[0].value
        if isinstance(ret.value, ast.Name) and ret.value.id == args[0].arg and len(f.node.decorator_list) == 1 and not f.cached:
            return ret.attr
    return None


def _match_fits(src: T, dst: T) -> bool:
    """A match of one pattern where a variable holds matches of another (`m = A.match(s) if opt else
    B.match(s)`): the same Go `*pyMatch`, and it fits when it promises at least what the variable's type
    does (the same groups and names, each group the variable's type says always takes part does too)."""
    if isinstance(src, OptT) and isinstance(dst, OptT):
        src, dst = prune(src.inner), prune(dst.inner)
    elif isinstance(dst, OptT):
        dst = prune(dst.inner)
    return isinstance(src, MatchT) and isinstance(dst, MatchT) and src.groups == dst.groups and src.names == dst.names \
        and src.always >= dst.always


def needs_its_type(node: ast.expr, t: DynT) -> Unsupported:
    """Why a value Go holds as `any` (DynT) cannot be used where its type is needed."""
    return Unsupported(f"`{ast.unparse(node)}` is `any` here ({t.why or 'a value of several types'}), "
                       "and this use needs its type: Go would need a type switch")


def _coerce_dyn(e: E, src: T, dst: T, what: str) -> GoExpr:
    """Into or out of `any` (DynT): any value goes in as it is, None as nil; nothing comes out as a
    typed value (Go would need a type assertion Python never wrote)."""
    if isinstance(dst, DynT):
        if isinstance(src, VarT):
            unify(src, dst)
            return e.g
        if src == NONE:
            return Atom("nil")
        if isinstance(src, OptT) and not isinstance(prune(src.inner), DynT):
            # a nil *T in an `any` is not nil (`x is None` would be false in Go): boxed, None as nil
            return g.call("pyBoxRef" if pointer_like(prune(src.inner)) else "pyBoxOpt", e.g)
        if isinstance(src, (AnyT, ErrT, LockT, SeqT)):
            raise Unsupported(f"{what}: cannot use {describe(src)} as a value of several types")
        bind_unknown(src, dst)  # an empty container put into an `any` (`"children": []`): a []any, as nothing tells more
        return e.g
    if isinstance(dst, OptT) and isinstance(prune(dst.inner), DynT):
        return e.g
    if isinstance(dst, VarT):  # a local or field first set here: it is an `any` too
        unify(dst, src)
        return e.g
    raise Unsupported(f"{what}: a value of several types ({src.why or 'Go `any`'}) used as {describe(dst)}: Go would need a type switch")  # type: ignore[attr-defined]


def _enum_by_name(e: "ExprMixin", node: ast.Subscript, obj: E) -> E | None:
    """`Unit["SECONDS"]` (an enum class subscripted by a member's name): the member, found by name among
    the members in order; an unknown name is Python's KeyError, a panic as an uncaught `d[k]` is."""
    if not isinstance(node.value, ast.Name):
        return None
    found = e.pkg.resolve(e.mod, node.value.id)
    if found is None or found[0] != "class" or enum_members(found[1]) is None:  # type: ignore[arg-type]
        return None
    cls = found[1]
    if e.catching(("KeyError",)):  # type: ignore[attr-defined]
        raise Unsupported(f"`{ast.unparse(node)}` inside a try whose handler catches its KeyError")
    key = e.value(node.slice, STR, "enum member name")
    by_name = g.FuncLit(f"func(m *{cls.go_name}) string", ("return m.Name",))  # type: ignore[attr-defined]
    return E(g.call("pyEnumNamed", obj.g, by_name, key), ClassT(cls.key))  # type: ignore[attr-defined]


class ExprMixin(Base):
    # --- entry points ----------------------------------------------------------------------------
    def expr(self, node: ast.expr, want: T | None = None) -> E:
        self.line = getattr(node, "lineno", self.line)
        method = getattr(self, "x_" + type(node).__name__, None)
        if method is None:
            raise Unsupported(f"`{type(node).__name__}` expressions are not supported")
        e = method(node, want)
        if want is not None and isinstance(prune(e.t), VarT):
            unify(e.t, want)
        if isinstance(prune(e.t), DynT) and node is not self.opaque_ok and not isinstance(prune(want), (DynT, VarT)):
            raise needs_its_type(node, prune(e.t))  # type: ignore[arg-type]  # Go holds it as `any`: only a use that needs no type may take it
        return e

    def opaque(self, node: ast.expr) -> E:
        """`node` lowered for a use that needs no type (`is None`, a key looked up): a value of several
        types (DynT) may come back, which `expr` refuses elsewhere."""
        saved, self.opaque_ok = self.opaque_ok, node
        try:
            return self.expr(node)
        finally:
            self.opaque_ok = saved

    def value(self, node: ast.expr, to: T, what: str = "value", helper: bool = False) -> GoExpr:
        """An expression converted to a target type (int literal -> float, T -> Optional[T], ...);
        `helper`: for a generic helper's argument beside its container (context.helper_arg)."""
        if isinstance(prune(to), DynT):
            e = self.opaque(node)
            return helper_arg(self.coerce(e, to, what), e.t, to) if helper else self.coerce(e, to, what)
        return self.coerce(self.expr(node, to), to, what)

    def coerce(self, e: E, to: T, what: str = "value") -> GoExpr:
        src, dst = prune(e.t), prune(to)
        if isinstance(dst, DynT) or isinstance(src, DynT):
            return _coerce_dyn(e, src, dst, what)
        if isinstance(dst, AnyT) and not isinstance(src, (AnyT, VarT)):
            # Go's `any` takes the value as it is: a parameter the callee never uses, or one whose uses
            # stay Python there (the callee is partial, and check notes a caller that reaches it)
            return _coerce_dyn(e, src, DynT(), what) if isinstance(src, OptT) else e.g
        if isinstance(dst, AnyT) or isinstance(src, AnyT):
            raise Unsupported(f"{what}: {(dst if isinstance(dst, AnyT) else src).why or 'a value of no known type'}")  # type: ignore[union-attr]
        if isinstance(dst, VarT) and src == NONE:
            # a field first set to None (`self.best = None`): Optional of what it is set to later
            unify(dst, OptT(VarT()))
            return Atom("nil")
        if isinstance(dst, VarT) or isinstance(src, VarT):
            if not unify(src, dst):
                raise Unsupported(f"{what}: cannot use {describe(src)} as {describe(dst)}")
            return e.g
        if src == dst or resolve(src) == resolve(dst) or _match_fits(src, dst):
            return e.g
        if dst == FLOAT and src == INT:
            if e.const and isinstance(e.g, Atom):
                return Atom(e.g.text + ".0") if e.g.text.lstrip("-").isdigit() else e.g
            return g.call("float64", e.g)
        if isinstance(dst, OptT):
            if src == NONE:
                return Atom("nil")
            inner = prune(dst.inner)
            if isinstance(inner, VarT) and unify(inner, src):  # first set here: `*Ops` holds a `*Ops` as it is
                inner = prune(dst.inner)
            if pointer_like(inner) and src == inner:
                return e.g
            # a pointer to a copy: `&n` would see the variable's later changes, where Python's value stays
            return g.call("pyPtr", self.coerce(e, inner, what))
        if isinstance(src, OptT) and prune(src.inner) == dst and isinstance(dst, ClassT):
            return e.g
        if unify(src, dst):
            return e.g
        raise Unsupported(f"{what}: cannot use {describe(src)} as {describe(dst)}")

    def cond(self, node: ast.expr) -> GoExpr:
        """A Python expression in a boolean context (if, while, not, and/or operands)."""
        if isinstance(node, ast.BoolOp):
            op = "&&" if isinstance(node.op, ast.And) else "||"
            neutral = "true" if op == "&&" else "false"  # a constant operand that changes nothing (isinstance)
            parts = [self.cond(node.values[0])]
            if isinstance(parts[0], Atom) and parts[0].text == ("false" if op == "&&" else "true"):
                return parts[0]  # decided by its first operand (an optional import's None): Python evaluates no more
            saved = self.facts
            try:
                with self.no_hoist():
                    for prev, v in zip(node.values, node.values[1:]):
                        # `m is not None and m.group(1)`: each operand knows what the ones before it decided
                        yes, no = self.narrow(prev)
                        self.facts = yes if op == "&&" else no
                        parts.append(self.cond(v))
            finally:
                self.facts = saved
            kept = [p for p in parts if not (isinstance(p, Atom) and p.text == neutral)] or [Atom(neutral)]
            out = kept[0]
            for p in kept[1:]:
                out = Binary(op, out, p)
            return out
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            if self.re_test_call(node.operand) is not None:
                return g.not_(self.re_test(node.operand))  # type: ignore[arg-type]
            return self.falsy(self.opaque(node.operand), node.operand)
        if self.re_test_call(node) is not None:
            return self.re_test(node)  # type: ignore[arg-type]
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Is, ast.IsNot)) \
                and isinstance(node.comparators[0], ast.Constant) and node.comparators[0].value is None and self.re_test_call(node.left) is not None:
            found = self.re_test(node.left)  # type: ignore[arg-type]
            return found if isinstance(node.ops[0], ast.IsNot) else g.not_(found)
        return self.truthy(self.opaque(node), node)  # a value of several types has a truth value too

    def truthy(self, e: E, node: ast.expr | None = None) -> GoExpr:
        t = prune(e.t)
        if t == BOOL:
            return e.g
        if isinstance(t, DynT):
            self.any_truth_ok()
            return g.call("pyTruthAny", e.g)
        if t in (INT, FLOAT):
            return Binary("!=", e.g, Atom("0"))
        if t == STR:
            return Binary("!=", e.g, Atom('""'))
        if isinstance(t, (ListT, DictT, SetT)):
            return Binary(">", g.call("len", e.g), Atom("0"))
        if isinstance(t, ODictT) or isinstance(t, OptT) and isinstance(prune(t.inner), ODictT):
            return odicts.truth(e, negated=False)
        if t == NONE:
            return Atom("false")
        if isinstance(t, OptT):
            inner = prune(t.inner)
            if isinstance(inner, MatchT):
                return Binary("!=", e.g, Atom("nil"))  # a match object is always true
            if isinstance(inner, ClassT):
                return self.truthy(E(e.g, inner), node) if self._class_truth(inner) else Binary("!=", e.g, Atom("nil"))
            if not e.simple:
                raise Unsupported("truth value of an Optional that is not a plain name")
            return Binary("&&", Binary("!=", e.g, Atom("nil")), self.truthy(E(g.Star(e.g), inner), node))
        if isinstance(t, ClassT):
            if self._class_truth(t):
                return Binary("!=", g.Call(g.Sel(e.g, "Len")), Atom("0"))
            return Atom("true")
        raise Unsupported(f"truth value of {describe(t)}")

    def any_truth_ok(self) -> None:
        """pyTruthAny asks a class instance its `Len() int`: refused where a class of the package has a
        __bool__, or a __len__ that can raise (its Go Len returns an error too, which it would not see)."""
        for cls in self.pkg.all_classes():
            if "__bool__" in cls.methods:
                raise Unsupported(f"truth value of a value of several types: {cls.name} defines __bool__")
            if "__len__" in cls.methods and callee_signature(self.pkg, cls.methods["__len__"]).raises:
                raise Unsupported(f"truth value of a value of several types: {cls.name}.__len__ can raise")

    def _class_truth(self, t: ClassT) -> bool:
        cls = self.pkg.class_by_name(t.name)
        if cls is not None and lookup(cls, "__bool__") is not None:
            raise Unsupported(f"truth value of {t.name} (it defines __bool__)")
        length = lookup(cls, "__len__") if cls is not None else None
        if length is not None:
            self.special_method(length, INT, 0)
            return True
        return False

    def falsy(self, e: E, node: ast.expr | None = None) -> GoExpr:
        t = prune(e.t)
        if t in (INT, FLOAT):
            return Binary("==", e.g, Atom("0"))
        if t == STR:
            return Binary("==", e.g, Atom('""'))
        if isinstance(t, (ListT, DictT, SetT)):
            return Binary("==", g.call("len", e.g), Atom("0"))
        if isinstance(t, ODictT):
            return odicts.truth(e, negated=True)
        if isinstance(t, OptT) and (isinstance(prune(t.inner), MatchT) or isinstance(prune(t.inner), ClassT) and not self._class_truth(prune(t.inner))):  # type: ignore[arg-type]
            return Binary("==", e.g, Atom("nil"))
        return g.not_(self.truthy(e, node))

    # --- leaves --------------------------------------------------------------------------------
    def x_Constant(self, node: ast.Constant, want: T | None) -> E:
        v = node.value
        if v is None:
            return E(Atom("nil"), NONE, const=True, simple=True)
        if isinstance(v, bool):
            return E(Atom("true" if v else "false"), BOOL, const=True, simple=True)
        if isinstance(v, int):
            if abs(v) >= 2**63:
                raise Unsupported("integer literal does not fit in a Go int")
            if want is not None and prune(want) == FLOAT:
                return E(Atom(f"{v}.0"), FLOAT, const=True, simple=True)
            return E(Atom(str(v)), INT, const=True, simple=True)
        if isinstance(v, float):
            if v != v or v in (float("inf"), float("-inf")):
                self.use("math")
                text = "math.NaN()" if v != v else "math.Inf(1)" if v > 0 else "math.Inf(-1)"
                return E(Atom(text), FLOAT, simple=True)
            text = repr(v)
            return E(Atom(text), FLOAT, const=True, simple=True)
        if isinstance(v, str):
            try:
                return E(Atom(g.go_string(v)), STR, const=True, simple=True)
            except ValueError as exc:
                raise Unsupported(str(exc)) from exc
        raise Unsupported(f"{type(v).__name__} literals")

    def x_Name(self, node: ast.Name, want: T | None) -> E:
        name = node.id
        var = self.vars.get(name)
        if var is not None:
            t = prune(var.t)
            if isinstance(t, AnyT):
                raise Unsupported(t.why or f"`{name}` has no known type")
            if isinstance(t, OptT) and isinstance(prune(t.inner), DynT):
                return E(Atom(var.go), t.inner, simple=True)  # `any` holds None as nil
            if isinstance(t, OptT) and name in self.facts.not_none and not pointer_like(prune(t.inner)):
                return E(g.Star(Atom(var.go)), t.inner, simple=True)
            if isinstance(t, OptT) and name in self.facts.not_none:
                return E(Atom(var.go), t.inner, simple=True)
            return E(Atom(var.go), var.t, simple=True, mixed=t == FLOAT and self.hints.get(name) == FLOAT)
        if name in ("True", "False"):
            return E(Atom(name.lower()), BOOL, const=True, simple=True)
        if name in self.mod.absent:  # an optional import's fallback: None (pyast.optional_import)
            return E(Atom("nil"), NONE, const=True, simple=True)
        found = self.pkg.resolve(self.mod, name)
        if found is not None:
            kind, target = found
            if kind == "const":
                mod, cname = target  # type: ignore[misc]
                return E(Atom(go_const_name(cname)), self.const_type(mod, cname), simple=True)
            if kind == "class" and enum_members(target) is not None:  # type: ignore[arg-type]
                # the enum class as a value iterates, counts and tests membership of its members
                return E(Atom(enum_list_name(target)), ListT(ClassT(target.key)), simple=True)  # type: ignore[arg-type,attr-defined]
            if kind == "function":
                sig = callee_signature(self.pkg, target)  # type: ignore[arg-type]
                if sig.raises or len(sig.result_types()) > 1 or any(p.variadic or p.kwargs for p in sig.params):
                    raise Unsupported(f"`{name}` used as a value (it returns an error or several results)")
                res = sig.result if prune(sig.result) != NONE else None
                return E(Atom(target.go_name), FuncT(tuple(p.t for p in sig.params), res), simple=True)  # type: ignore[attr-defined]
        raise Unsupported(f"name `{name}` is not known here")

    def constant_text(self, node: ast.expr) -> str | None:
        """The text of a module constant put together from literals and constants (`TEMPLATE` of
        `TEMPLATE.format(spec=spec)`; static_value.static_text), when no local of this function hides it."""
        if not isinstance(node, ast.Name) or self.hidden_by_local(node):
            return None
        return static_text(self.pkg, self.mod, node)

    def hidden_by_local(self, node: ast.expr) -> bool:
        """Whether a name in `node` is a local of this function (bound so far, assigned later, or deleted),
        not the module constant of that name that static_value would read."""
        names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        if names & set(self.vars):
            return True
        return self.func is not None and any(isinstance(n, ast.Name) and n.id in names and not isinstance(n.ctx, ast.Load)
                                             for n in ast.walk(self.func.node))

    def const_type(self, mod: ModuleInfo, name: str) -> T:
        types = self.pkg.services.constant_types(self.pkg, mod)
        if name not in types:
            why = self.pkg.cache.get(const_failures_key(mod), {}).get(name)  # type: ignore[union-attr]
            raise Unsupported(f"module constant `{name}` could not be translated" + (f": {why}" if why else ""))
        return types[name]

    def x_Attribute(self, node: ast.Attribute, want: T | None) -> E:
        if isinstance(node.value, ast.Name) and node.value.id not in self.vars:
            found = self.pkg.resolve(self.mod, node.value.id)
            if found is not None and found[0] == "module":
                sub = self.pkg.resolve_own(found[1], node.attr)  # type: ignore[arg-type]
                if found[1].package is not self.pkg:  # type: ignore[union-attr]
                    raise Unsupported(f"`{ast.unparse(node)}`: a value of a module of another folder")
                if sub is not None and sub[0] == "const":
                    return E(Atom(go_const_name(node.attr)), self.const_type(*sub[1]), simple=True)  # type: ignore[misc]
                raise Unsupported(f"`{ast.unparse(node)}` used as a value")
            if found is not None and found[0] == "import":
                return std_value(self, found[1], node.attr)  # type: ignore[arg-type]
            members = enum_members(found[1]) if found is not None and found[0] == "class" else None  # type: ignore[arg-type]
            if members is not None:
                go = next((go for name, go, _ in members if name == node.attr), None)
                if go is None:
                    raise Unsupported(f"`{ast.unparse(node)}` is not a member of the enum")
                return E(Atom(go), ClassT(found[1].key), simple=True)  # type: ignore[union-attr]
            if node.value.id in ("math",):
                return std_value(self, ("math", ""), node.attr)
        obj = self.expr(node.value)
        t = prune(obj.t)
        if isinstance(t, OptT) and pointer_like(prune(t.inner)):
            if not (isinstance(node.value, ast.Name) and node.value.id in self.facts.not_none):
                raise Unsupported(f"attribute of an Optional `{ast.unparse(node.value)}` that may be None")
            t = prune(t.inner)
        if isinstance(t, ClassT):
            e = self.field_access(obj, t, node.attr)
            ft = prune(e.t)
            if isinstance(ft, AnyT) and isinstance(node.ctx, ast.Load):
                raise Unsupported(ft.why or f"field `{node.attr}` has no known type")  # a salvaged constructor's (classes._ctor)
            if isinstance(ft, OptT) and self.fact_key(node, t) in self.facts.not_none:
                return E(e.g if pointer_like(prune(ft.inner)) else g.Star(e.g), ft.inner, simple=e.simple)
            return e
        if isinstance(t, ErrT) and node.attr == "args":
            raise Unsupported("exception .args")
        raise Unsupported(f"attribute `.{node.attr}` of {describe(t)}")

    def fact_key(self, node: ast.Attribute, t: ClassT | None = None) -> str:
        """The name a None check of `node` is remembered by: a property that only returns a field
        (`plain_getter`) is that field, so assigning the field forgets the check as it should."""
        if t is None:
            if not is_simple_node(node.value):
                return ast.unparse(node)
            try:
                obj_t = prune(self.expr(node.value).t)
            except Unsupported:
                return ast.unparse(node)
            t = obj_t if isinstance(obj_t, ClassT) else None
        cls = self.pkg.class_by_name(t.name) if t is not None else None
        m = cls.methods.get(node.attr) if cls is not None else None
        field = plain_getter(m) if m is not None and m.kind == "property" else None
        return f"{ast.unparse(node.value)}.{field}" if field is not None else ast.unparse(node)

    def field_access(self, obj: E, t: ClassT, attr: str) -> E:
        cls = self.pkg.class_by_name(t.name)
        if cls is None:
            raise Unsupported(f"class {t.name} is not in this package")
        fields = self.pkg.class_fields(cls)
        m = lookup(cls, attr) if attr not in fields else None
        if m is not None and m.kind == "property":
            sig = callee_signature(self.pkg, m)
            if sig.raises:
                raise Unsupported(f"property `{attr}` raises")
            pure = plain_getter(m) is not None
            if not pure:
                self.impure_inline = True
            return E(g.Call(g.Sel(obj.g, m.go_name)), sig.result, simple=pure and obj.simple)
        ft = field_type(self.pkg, cls, attr)
        if ft is None and attr in cls.python_attrs:
            raise Unsupported(f"`{t.name}.{attr}`: its class-level value (line {cls.python_attrs[attr]}) stays Python")
        if ft is None:
            raise Unsupported(f"`{t.name}` has no field `{attr}` the translator can see")
        return E(g.Sel(obj.g, go_func_name(attr)), ft, simple=obj.simple)

    # --- subscripts ----------------------------------------------------------------------------
    def x_Subscript(self, node: ast.Subscript, want: T | None) -> E:
        if isinstance(node.value, ast.Name) and node.value.id in self.vars and self.vars[node.value.id].factory is not None:
            var = self.vars[node.value.id]
            dt = prune(var.t)
            key = self.value(node.slice, dt.key, "dict key")  # type: ignore[attr-defined]
            self.impure_inline = True
            return E(g.call("pyDefault", Atom(var.go), key, Atom(go_type(dt.val) + "{}" if not isinstance(prune(dt.val), type(INT)) else zero_of(dt.val))), dt.val)  # type: ignore[attr-defined]
        obj = self.expr(node.value)
        t = prune(obj.t)
        if isinstance(node.slice, ast.Slice):
            return self.slice_expr(node, obj)
        named = _enum_by_name(self, node, obj)
        if named is not None:
            return named
        if isinstance(t, ODictT):
            return odicts.index(self, obj, t, node)
        if isinstance(t, DictT):
            key = self.value(node.slice, t.key, "dict key", helper=True)  # `m[any(k)]` indexes as `m[k]` would
            src = (ast.unparse(node.value), ast.unparse(node.slice))
            if src in self.facts.present:
                return E(g.Index(obj.g, key), t.val, simple=obj.simple)
            checked = self.checked_lookup("pyKey", (obj.g, key), t.val, "KeyError", "a lookup whose KeyError a handler catches")
            return checked or E(g.call("pyKey", obj.g, key), t.val)
        if isinstance(t, ListT):
            if self.catching(("IndexError",)):
                idx = self.value(node.slice, INT, "list index")
                checked = self.checked_lookup("pyAt", (obj.g, idx), t.elem, "IndexError", "an index whose IndexError a handler catches")
                assert checked is not None
                return checked
            return E(self.list_index(obj, node.slice), t.elem, simple=obj.simple and is_simple_node(node.slice))
        if t == STR:
            idx = self.value(node.slice, INT, "string index")
            checked = self.checked_lookup("pyStrAt", (obj.g, idx), STR, "IndexError", "an index whose IndexError a handler catches")
            return checked or E(g.call("pyStrAt", obj.g, idx), STR)
        if isinstance(t, TupleT):
            k = self.const_int(node.slice)
            if k is None and all(e == t.elems[0] for e in t.elems):
                return self.tuple_at(obj, node.slice)
            if k is None or not -len(t.elems) <= k < len(t.elems):
                raise Unsupported("tuple index that is not a constant in range")
            k %= len(t.elems)
            return E(g.Sel(obj.g, f"F{k}"), t.elems[k], simple=obj.simple)
        if isinstance(t, ClassT) and isinstance(node.ctx, ast.Load):
            cls = self.pkg.class_by_name(t.name)
            if cls is not None and lookup(cls, "__getitem__") is not None and is_simple_node(node.value):
                # `obj[k]` is `obj.__getitem__(k)`: the call's lowering passes on what it raises
                call = ast.copy_location(ast.Call(ast.Attribute(node.value, "__getitem__", ast.Load()), [node.slice], []), node)
                if self.opaque_ok is not node:
                    return self.expr(call, want)
                return self.opaque(call)  # a use that needs no type of `obj[k]` needs none of the call's result
        raise Unsupported(f"subscript of {describe(t)}")

    def const_int(self, node: ast.expr) -> int | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            v = self.const_int(node.operand)
            return -v if v is not None else None
        return None

    def tuple_at(self, obj: E, index: ast.expr) -> E:
        """`t[i]` of a tuple whose items are all of one type, i a variable: its items as a slice, indexed
        as a list is (`pyAt([]T{t.F0, t.F1}, i)`: negative indices, IndexError). A tuple that is not a
        plain value is put in a variable first, so it is evaluated once."""
        t: TupleT = prune(obj.t)  # type: ignore[assignment]
        if not obj.simple:
            self.need_hoist("a tuple indexed by a variable")
            tmp = self.fresh("items")
            self.emit_stmt(g.Assign((Atom(tmp),), ":=", (obj.g,)))
            obj = E(Atom(tmp), t, simple=True)
        items = E(g.Composite(go_type(ListT(t.elems[0])), tuple(g.Sel(obj.g, f"F{i}") for i in range(len(t.elems)))), ListT(t.elems[0]))
        return E(g.call("pyAt", items.g, self.value(index, INT, "tuple index")), t.elems[0])

    def list_index(self, obj: E, index: ast.expr) -> GoExpr:
        """`xs[i]` with Python's negative indices (IndexError stays a panic)."""
        k = self.const_int(index)
        if k is not None and k >= 0:
            return g.Index(obj.g, Atom(str(k)))
        if k is not None and obj.simple:
            return g.Index(obj.g, Binary("-", g.call("len", obj.g), Atom(str(-k))))
        i = self.value(index, INT, "list index")
        if self.nonneg_expr(index):
            return g.Index(obj.g, i)
        return g.call("pyAt", obj.g, i)

    def store_index(self, obj: E, index: ast.expr) -> GoExpr:
        self.panics_here(("IndexError",), "an item assignment into a list")
        k = self.const_int(index)
        if k is not None and k >= 0 or self.nonneg_expr(index):
            return g.Index(obj.g, self.value(index, INT))
        if not obj.simple:
            raise Unsupported("negative-index assignment into a list that is not a plain name")
        return g.Index(obj.g, g.call("pyIdxSet", self.value(index, INT), g.call("len", obj.g)))

    def nonneg_expr(self, node: ast.expr) -> bool:
        k = self.const_int(node)
        if k is not None:
            return k >= 0
        if isinstance(node, ast.Name):
            return node.id in self.nonneg or self._nonneg_local(node.id)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("len", "abs") and node.func.id not in self.vars:
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id not in self.vars and not node.keywords \
                and (node.func.id == "max" and any(self.nonneg_expr(a) for a in node.args)
                     or node.func.id == "int" and len(node.args) == 1 and self.nonneg_expr(node.args[0])):
            return True  # max(0, x) is at least 0; int() of one truncates toward 0
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mult, ast.FloorDiv, ast.Mod)):
            return self.nonneg_expr(node.left) and self.nonneg_expr(node.right)
        return False

    def _nonneg_local(self, name: str) -> bool:
        """A local of the function every assignment of which is a plain `name = value` of a value that
        cannot be negative (`digits = int(max(0, precision - 1))`): never a parameter, a loop target or
        an augmented assignment. Locals defined through each other (wcwidth's `mid = (lo + hi) // 2`,
        `lo = mid + 1`) are not known to be: the question is not asked again while it is being answered."""
        f = self.func
        if f is None or name in self._nonneg_asked or name in {a.arg for a in f.node.args.posonlyargs + f.node.args.args + f.node.args.kwonlyargs}:
            return False
        stores = [n for n in ast.walk(f.node) if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)]
        values = [s.value for s in ast.walk(f.node) if isinstance(s, ast.Assign) and len(s.targets) == 1
                  and isinstance(s.targets[0], ast.Name) and s.targets[0].id == name]
        if not stores or len(values) != len(stores):
            return False
        saved, self.nonneg = self.nonneg, self.nonneg - {name}
        asked, self._nonneg_asked = self._nonneg_asked, self._nonneg_asked | {name}
        try:
            return all(self.nonneg_expr(v) for v in values)
        finally:
            self.nonneg, self._nonneg_asked = saved, asked

    def slice_expr(self, node: ast.Subscript, obj: E) -> E:
        t = prune(obj.t)
        sl = node.slice
        assert isinstance(sl, ast.Slice)
        if sl.step is not None:
            step = self.const_int(sl.step)
            if step == -1 and sl.lower is None and sl.upper is None:
                if isinstance(t, ListT):
                    return E(g.call("pyReversed", obj.g), t)
                if t == STR:
                    return E(g.call("pyStrReversed", obj.g), STR)
            raise Unsupported("slices with a step")
        if isinstance(t, TupleT):
            return tuple_slice(self, obj, sl)
        if not isinstance(t, ListT) and t != STR:
            raise Unsupported(f"slicing {describe(t)}")
        fn = "pyStrSlice" if t == STR else "pySlice"
        lo = self.value(sl.lower, INT) if sl.lower is not None else Atom("0")
        if sl.upper is None:
            if sl.lower is None:
                return E(g.call("slices.Clone", obj.g), t) if t != STR else obj
            return E(g.call(fn + "From", obj.g, lo), t)
        hi = self.value(sl.upper, INT)
        return E(g.call(fn, obj.g, lo, hi), t)


def zero_of(t: T) -> str:
    return zero(t)


class _null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *a: object) -> None:
        return None


def tuple_slice(tr: ExprMixin, obj: E, sl: ast.Slice) -> E:
    """`t[:3]` of a tuple, constant bounds: the tuple of those items (semver's `self.to_tuple()[:3]`).
    A tuple built here has its items taken as they are; another is put in a variable first."""
    t: TupleT = prune(obj.t)  # type: ignore[assignment]
    n = len(t.elems)
    bounds = [tr.const_int(b) if b is not None else d for b, d in ((sl.lower, 0), (sl.upper, n))]
    if None in bounds:
        raise Unsupported("slicing a tuple with bounds that are not constants")
    lo, hi, _ = slice(*bounds).indices(n)  # Python's clamping of the bounds
    elems = t.elems[lo:hi]
    if not 2 <= len(elems) <= 8:
        raise Unsupported(f"a {len(elems)}-tuple as a value (only 2 to 8 are supported)")
    out = TupleT(tuple(elems))
    if isinstance(obj.g, g.Composite) and len(obj.g.elems) == n and all(isinstance(x, Atom) for x in obj.g.elems):
        # the items of a call's results put in variables: those left out are still read once (Go
        # refuses a variable never used)
        for x in obj.g.elems[:lo] + obj.g.elems[hi:]:
            if x.text.isidentifier():  # type: ignore[attr-defined]
                tr.emit_stmt(g.Assign((Atom("_"),), "=", (x,)))
        return E(g.Composite(go_type(out), obj.g.elems[lo:hi]), out)
    if not obj.simple and (not tr.hoist_ok or tr.impure_inline):
        # no statement can come first: a func literal called in place takes the items, at the same
        # point of the evaluation
        body = (f"t := {tr.r(obj.g)}", f"return {go_type(out)}{{{', '.join(f't.F{i}' for i in range(lo, hi))}}}")
        return E(g.Call(g.FuncLit(f"func() {go_type(out)}", body)), out)
    if not obj.simple:
        tr.need_hoist("a tuple sliced")
        tmp = tr.fresh("items")
        tr.emit_stmt(g.Assign((Atom(tmp),), ":=", (obj.g,)))
        obj = E(Atom(tmp), t, simple=True)
    return E(g.Composite(go_type(out), tuple(g.Sel(obj.g, f"F{i}") for i in range(lo, hi))), out)


__all__ = ["ExprMixin"]
