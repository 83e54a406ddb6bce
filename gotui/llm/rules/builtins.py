"""Calls: package functions, constructors, methods of package classes, built-ins and a few std modules."""

from __future__ import annotations

import ast
from typing import Callable

from gotui.llm.rules import goast as g
from gotui.llm.rules import odicts
from gotui.llm.rules.context import E
from gotui.llm.rules.callplans import first_of
from gotui.llm.rules.relower import ReMixin
from gotui.llm.rules.pyast import is_simple_node, root_name
from gotui.llm.rules.goast import Atom, Binary, GoExpr
from gotui.llm.rules.inherit import lookup
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import (
    BOOL, FLOAT, INT, NONE, STR, ClassT, DictT, ODictT, DynT, FuncT, ListT, LockT, OptT, SeqT, SetT, T, TupleT, VarT, ErrT,
    comparable, describe, go_type, has_var, ordered, prune, same, unify,
)
from gotui.llm.rules.formatting import repr_of, type_call
from gotui.llm.rules.loggers import log_target
from gotui.llm.rules.logs import log_call
from gotui.llm.rules.methods import method_call
from gotui.llm.rules.signatures import class_names, union_members


class BuiltinsMixin(ReMixin):
    """Python's built-in functions (len, str, sorted, ...), dispatched through BUILTINS."""

    # --- built-ins -----------------------------------------------------------------------------
    def builtin_call(self, node: ast.Call, want: T | None) -> E:
        fn = node.func
        if isinstance(fn, ast.Name):
            if fn.id in self.vars:
                var = self.vars[fn.id]
                ft = prune(var.t)
                if not isinstance(ft, FuncT):
                    raise Unsupported(f"calling `{fn.id}`, a {describe(ft)}")
                if len(node.args) != len(ft.params) or node.keywords or any(isinstance(x, ast.Starred) for x in node.args):
                    raise Unsupported(f"calling `{fn.id}` with other arguments than its parameters, in order")
                args = [self.value(a, p) for a, p in zip(node.args, ft.params)]
                return E(g.Call(Atom(var.go), tuple(args)), ft.result or NONE)
            found = self.pkg.resolve(self.mod, fn.id)
            if found is not None and found[0] == "import":
                return self.std_call(found[1], node, want)  # type: ignore[arg-type]
            handler = BUILTINS.get(fn.id)
            if handler is None:
                raise Unsupported(f"built-in `{fn.id}()`")
            return handler(self, node, want)
        if isinstance(fn, ast.Attribute):
            const = self.compiled_const(fn.value)  # `PATTERN.sub(...)`, `Version._LAST_NUMBER.search(s)`
            if const is not None:
                return self.pattern_method(const, node, fn.attr)
            if isinstance(fn.value, (ast.Name, ast.Attribute)) and root_name(fn.value) not in self.vars:
                logger = log_target(self.pkg, self.mod, fn.value) if isinstance(fn.value, ast.Name) else None
                if logger is not None:  # `logger.info(...)`, `logging.warning(...)`: log/slog
                    return log_call(self, node, logger, fn.attr)
                std = self.pkg.std_module(self.mod, fn.value)
                if std is not None:  # `re.sub(...)`, `os.path.join(...)`
                    return self.std_call((std, fn.attr), node, want)
                if isinstance(fn.value, ast.Name) and fn.value.id == "math":
                    return self.std_call(("math", fn.attr), node, want)
            pre = self._pre_evaluated_obj
            if pre is not None and pre[0] is fn.value:
                obj = pre[1]
                self._pre_evaluated_obj = None
            else:
                obj = self.expr(fn.value)
            return method_call(self, obj, fn.attr, node, want)
        raise Unsupported("calling the result of an expression")

    def b_len(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 1)
        e = self._arg(node)
        t = prune(e.t)
        if t == STR:
            self.use("unicode/utf8")
            return E(g.call("utf8.RuneCountInString", e.g), INT)
        if isinstance(t, (ListT, DictT, SetT)):
            return E(g.call("len", e.g), INT)
        if isinstance(t, ODictT):
            return E(odicts.length(e), INT)
        if isinstance(t, ClassT):
            cls = self.pkg.class_by_name(t.name)
            length = lookup(cls, "__len__") if cls is not None else None
            if length is not None:
                self.special_method(length, INT, 0)
                return E(g.Call(g.Sel(e.g, "Len")), INT)
        raise Unsupported(f"len() of {describe(t)}")

    def to_str(self, e: E) -> GoExpr:
        t = prune(e.t)
        if t == STR:
            return e.g
        if t == INT:
            self.use("strconv")
            return g.call("strconv.Itoa", e.g)
        if t == FLOAT and e.mixed:
            raise Unsupported("str() of a number that is an int on one path and a float on another (Python writes "
                              "100 or 100.0, Go holds one float64)")
        if t == FLOAT:
            return g.call("pyFloatStr", e.g)
        if t == BOOL:
            return g.call("pyBoolStr", e.g)
        if isinstance(t, ClassT):
            cls = self.pkg.class_by_name(t.name)
            m = lookup(cls, "__str__") if cls is not None else None
            if m is not None:
                self.special_method(m, STR, 0)
                return g.Call(g.Sel(e.g, "String"))
        if isinstance(t, ErrT):
            return g.Call(g.Sel(e.g, "Error"))
        if isinstance(t, DynT):  # None, numbers, text, tuples of them and __str__ as Python writes them
            return g.call("pyStrAny", e.g)
        raise Unsupported(f"str() of {describe(t)} (Python's repr format)")

    def b_str(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 0, 1)
        if not node.args:
            return E(Atom('""'), STR, const=True, simple=True)
        shown = type_call(self, node.args[0])  # str(type(x))
        if shown is not None:
            return shown
        pre = self._pre_evaluated
        # str(x) of a value of several types needs no type here: pyStrAny writes what Go holds
        e = self._arg(node) if pre is not None and pre[0] is node else self.opaque(node.args[0])  # type: ignore[index]
        return E(self.to_str(e), STR)

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
        return E(self.cond(node.args[0]), BOOL)  # as an `if` tests it: `bool(re.match(...))` is a match test

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
            if n is None and self.nonneg_expr(node.args[1]):  # an int that cannot be negative
                ndigits: GoExpr = self.value(node.args[1], INT, "ndigits")
            elif n is None or n < 0:
                raise Unsupported("round() with ndigits that may be negative")
            else:
                ndigits = Atom(str(n))
            if t == INT:
                return e
            if t == FLOAT:
                return E(g.call("pyRoundN", e.g, ndigits), FLOAT)
        raise Unsupported(f"round() of {describe(t)}")

    def b_ord(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 1)
        return E(g.call("pyOrd", self.value(node.args[0], STR)), INT)

    def b_chr(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 1)
        v = self.value(node.args[0], INT)
        checked = self.checked_lookup("pyChr", (v,), STR, ("ValueError", "OverflowError"), "chr() whose failure a handler catches")
        return checked or E(g.call("pyChr", v), STR)

    def b_divmod(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 2)
        # each operand is used twice (quotient and remainder): one that is not a plain value is computed
        # once, into a local, before the statement (in order: Python evaluates a, then b)
        a, b = (self._once(arg, "divmod() of an expression") for arg in node.args)
        if prune(a.t) != INT or prune(b.t) != INT:
            raise Unsupported("divmod() of non-integers")
        t = TupleT((INT, INT))
        return E(g.Composite(go_type(t), (g.call("pyFloorDiv", a.g, b.g), g.call("pyMod", a.g, b.g))), t)

    def _once(self, node: ast.expr, what: str) -> E:
        """`node` as a value that may be used more than once: a plain value as it is, else a local."""
        if is_simple_node(node):
            return self.expr(node)
        self.need_hoist(what)
        e = self.expr(node)
        name = self.fresh("n")
        self.emit(f"{name} := {self.r(e.g)}")
        return E(Atom(name), e.t, simple=True)

    def b_pow(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 2)
        return self.expr(ast.BinOp(node.args[0], ast.Pow(), node.args[1]))

    def _minmax(self, node: ast.Call, want: T | None, which: str) -> E:
        self._nargs(node, *range(1, 20), kw=("key",))
        key = next((k.value for k in node.keywords if k.arg == "key"), None)
        if len(node.args) > 1:
            es = [self.expr(a) for a in node.args]
            if key is not None:
                # max(a, b, key=f) is max([a, b], key=f): the first of the largest keys wins in both
                elem = es[0].t
                if has_var(elem) or any(not same(e.t, elem) for e in es[1:]):
                    raise Unsupported(f"{which}() with key= of arguments of different types")
                less = self.key_less(key, elem, which == "max")
                src = g.Composite("[]" + go_type(elem), tuple(e.g for e in es))
                return E(g.call("pyMinBy" if which == "min" else "pyMaxBy", src, less), elem)
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
        if self.zip_ok is not node:
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
        if isinstance(t, SeqT):
            return E(self.collected(e, t, "list()"), ListT(t.elem), fresh=True)
        if isinstance(t, ODictT):  # its keys, in order
            return E(self.collected(E(g.Call(g.Sel(e.g, "Keys"), ()), SeqT(t.key)), SeqT(t.key), "list()"), ListT(t.key), fresh=True)
        if t == STR:
            return E(g.call("pyChars", e.g), ListT(STR), fresh=True)
        if isinstance(t, (DictT, SetT)):
            raise Unsupported("list() of a dict or set: Python keeps insertion order, Go maps do not")
        raise Unsupported(f"list() of {describe(t)}")

    def b_repr(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 1)
        return repr_of(self, self.opaque(node.args[0]))  # (pyReprOf takes a value of several types)

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
        if not node.args and all(k.arg is not None for k in node.keywords):
            # dict(a=1, b=x) is the literal {"a": 1, "b": x}: str keys, values evaluated left to right
            literal = ast.Dict([ast.copy_location(ast.Constant(k.arg), k) for k in node.keywords], [k.value for k in node.keywords])
            return self.expr(ast.copy_location(literal, node), want)
        raise Unsupported("dict() of other than one dict or keywords")

    def b_tuple(self, node: ast.Call, want: T | None) -> E:
        """`tuple(iterable)` is a `tuple[T, ...]`, a `[]T` like `list(iterable)` (nothing can grow it)."""
        w = prune(want) if want is not None else None
        if isinstance(w, TupleT):
            raise Unsupported("tuple() of an iterable where a fixed-size tuple is expected (its length is not known statically)")
        return self.b_list(node, want)

    def b_print(self, node: ast.Call, want: T | None) -> E:
        if node.keywords:
            raise Unsupported("print() with keywords")
        self.use("fmt")
        args = [self.to_str(self.expr(a)) for a in node.args]
        return E(g.call("fmt.Println", *args), NONE)

    def b_isinstance(self, node: ast.Call, want: T | None) -> E:
        """`isinstance(x, C)` decided from x's static Go type, which is all a Go value can be.

        A pointer type (a class, an Optional) is an instance when it is not nil; a plain int, str, ...
        is or is not one outright (bool counts as int, as in Python). `list` vs `tuple` (both slices
        here), classes with bases and names the translator cannot see are refused.
        """
        self._nargs(node, 2, 2)
        x, kinds = node.args
        if not is_simple_node(x):
            raise Unsupported("isinstance() of an expression that is not a plain name or field")
        t = prune(self.expr(x).t)
        inner = prune(t.inner) if isinstance(t, OptT) else t
        names = kinds.elts if isinstance(kinds, ast.Tuple) else [kinds]
        hits: list[bool] = []
        for n in names:
            if isinstance(n, ast.Attribute) and n.attr == "__args__" and isinstance(n.value, ast.Name):
                hits.append(instance_of_union(self, inner, n.value.id))  # `isinstance(v, String.__args__)`
                continue
            if not isinstance(n, ast.Name):
                raise Unsupported(f"isinstance() against `{ast.unparse(n)}`")
            hits.append(instance_of(self, inner, n.id))
        if not any(hits):
            return E(Atom("false"), BOOL, const=True)
        if isinstance(t, (OptT, ClassT)):
            return E(Binary("!=", self.expr(x).g, Atom("nil")), BOOL)
        return E(Atom("true"), BOOL, const=True)

    def b_map(self, node: ast.Call, want: T | None) -> E:
        e = self.comprehension(self.map_filter_comp(node), "list", True, want)
        return E(e.g, e.t, fresh=True)

    # --- std modules ---------------------------------------------------------------------------
    def std_call(self, src: tuple[str, str], node: ast.Call, want: T | None) -> E:
        module, name = src[0].lstrip("."), src[1]
        if module == "collections" and name == "defaultdict":
            return self.defaultdict(node, want)
        if module == "collections" and name == "OrderedDict":
            return odicts.new(self, node, want)
        if module == "math":
            return math_call(self, name, node)
        if module in ("os.path", "posixpath"):
            return path_call(self, name, node)
        if module == "unicodedata" and name == "category" and len(node.args) == 1 and not node.keywords:
            # Go's unicode tables are its own Unicode version, Python's unicodedata.unidata_version its
            # (docs/offline-translator.md, Unicode): code points assigned in between differ
            return E(g.call("pyUnicodeCategory", self.value(node.args[0], STR)), STR)
        if module == "threading" and name == "Lock" and not node.args and not node.keywords:
            return E(Atom("&sync.Mutex{}"), LockT())
        if module == "typing" and name == "cast":
            raise Unsupported("typing.cast")
        if module == "re":
            return self.re_call(name, node)
        if module == "bisect":
            return bisect_call(self, name, node)
        raise Unsupported(f"`{module}.{name}()` has no Go translation here")

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


# os.path's functions on str paths, as helpers with posixpath's rules (gohelpers/paths.go): the Go
# runs on a POSIX system, and path/filepath cleans where Python does not
PATH_HELPERS = {"basename": ("pyPathBasename", STR), "dirname": ("pyPathDirname", STR), "normpath": ("pyPathNormpath", STR),
                "split": ("pyPathSplit", TupleT((STR, STR))), "splitext": ("pyPathSplitext", TupleT((STR, STR)))}


def path_call(tr: BuiltinsMixin, name: str, node: ast.Call) -> E:
    """`os.path.name(...)` on str paths."""
    if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
        raise Unsupported(f"os.path.{name}() with keyword or * arguments")
    if name == "join" and node.args:
        return E(g.call("pyPathJoin", *[tr.value(a, STR) for a in node.args]), STR)
    if name == "isabs" and len(node.args) == 1:
        tr.use("strings")
        return E(g.call("strings.HasPrefix", tr.value(node.args[0], STR), Atom('"/"')), BOOL)
    if name in PATH_HELPERS and len(node.args) == 1:
        helper, result = PATH_HELPERS[name]
        return E(g.call(helper, tr.value(node.args[0], STR)), result)
    raise Unsupported(f"`os.path.{name}()` has no Go translation here (it reads the file system or the environment)"
                      if name in ("exists", "isdir", "isfile", "abspath", "realpath", "getsize", "expanduser", "lexists",
                                  "relpath", "getmtime", "islink", "expandvars", "samefile")
                      else f"`os.path.{name}()` has no Go translation here")


def math_call(tr: BuiltinsMixin, name: str, node: ast.Call) -> E:
    """`math.name(...)`: Go's math where it agrees with Python, a helper that raises Python's errors where not."""
    tr.use("math")
    one_float = {"fabs": "math.Abs", "sin": "math.Sin", "cos": "math.Cos", "tan": "math.Tan", "atan": "math.Atan", "hypot": "math.Hypot", "atan2": "math.Atan2", "copysign": "math.Copysign"}
    if name in one_float:
        return E(g.call(one_float[name], *[tr.value(a, FLOAT) for a in node.args]), FLOAT)
    if name in ("floor", "ceil", "trunc") and len(node.args) == 1:
        e = tr.expr(node.args[0])
        if prune(e.t) == INT:
            return e
        return E(g.call({"floor": "pyFloor", "ceil": "pyCeil", "trunc": "pyTrunc"}[name], tr.coerce(e, FLOAT)), INT)
    if name == "sqrt" and len(node.args) == 1:
        return E(g.call("pySqrt", tr.value(node.args[0], FLOAT)), FLOAT)
    if name in ("log", "log10", "log2") and len(node.args) == 1 and not node.keywords:
        return E(g.call({"log": "pyLog", "log10": "pyLog10", "log2": "pyLog2"}[name], tr.value(node.args[0], FLOAT)), FLOAT)
    if name == "log" and len(node.args) == 2 and not node.keywords:
        return E(g.call("pyLogBase", tr.value(node.args[0], FLOAT), tr.value(node.args[1], FLOAT)), FLOAT)
    if name in ("isnan", "isinf") and len(node.args) == 1:
        x = tr.value(node.args[0], FLOAT)
        return E(g.call("math.IsNaN", x) if name == "isnan" else g.call("math.IsInf", x, Atom("0")), BOOL)
    if name == "isfinite" and len(node.args) == 1:
        x = tr.value(node.args[0], FLOAT)
        if not is_simple_node(node.args[0]):
            return E(g.call("pyIsFinite", x), BOOL)  # evaluated once
        return E(Binary("&&", g.not_(g.call("math.IsInf", x, Atom("0"))), g.not_(g.call("math.IsNaN", x))), BOOL)
    if name == "gcd" and len(node.args) == 2:
        return E(g.call("pyGcd", tr.value(node.args[0], INT), tr.value(node.args[1], INT)), INT)
    raise Unsupported(f"math.{name}()")


def bisect_call(tr: BuiltinsMixin, name: str, node: ast.Call) -> E:
    """`bisect.bisect_left(a, x)`, `bisect_right`/`bisect`: a list of ints, floats or strs (Go's `<` orders
    them as Python does: strings by code point, which is UTF-8's byte order), by Python's own loop."""
    helper = {"bisect_left": "pyBisectLeft", "bisect_right": "pyBisectRight", "bisect": "pyBisectRight"}.get(name)
    if helper is None or len(node.args) != 2 or node.keywords:
        raise Unsupported(f"bisect.{name}() other than bisect_left/bisect_right(a, x)")
    a = tr.expr(node.args[0])
    t = prune(a.t)
    if not (isinstance(t, ListT) and prune(t.elem) in (INT, FLOAT, STR)):
        raise Unsupported(f"bisect.{name}() on {describe(t)} (a list of ints, floats or strs is lowered)")
    return E(g.call(helper, a.g, tr.value(node.args[1], t.elem)), INT)


def b_format(tr: BuiltinsMixin, node: ast.Call, want: T | None) -> E:
    """format(x, spec) is the f-string `f"{x:spec}"`, for a spec written as a literal or an f-string."""
    if node.keywords or not 1 <= len(node.args) <= 2:
        raise Unsupported("format() with arguments other than (value, spec)")
    spec = node.args[1] if len(node.args) == 2 else ast.Constant("")
    if isinstance(spec, ast.Constant) and isinstance(spec.value, str):
        spec = ast.JoinedStr([ast.Constant(spec.value)] if spec.value else [])
    if not isinstance(spec, ast.JoinedStr):
        raise Unsupported("format() with a spec that is not a literal or an f-string")
    value = ast.FormattedValue(node.args[0], -1, spec if spec.values else None)
    return tr.expr(ast.copy_location(ast.JoinedStr([ast.copy_location(value, node)]), node), want)


def b_next(tr: BuiltinsMixin, node: ast.Call, want: T | None) -> E:
    """next(iter(xs), d) of a list: `pyFirstOr(xs, d)`; next(x for x in xs if ..., d): a scan that stops
    at the first item, as the generator does. The one-argument form raises StopIteration, so it is a
    call with an error (calls.prepare_call)."""
    if len(node.args) != 2 or node.keywords:
        raise Unsupported("next() without a default of other than iter(list)")
    it, default = node.args
    if not is_simple_node(default) and not isinstance(default, ast.Constant):
        raise Unsupported("a next() default that is not a plain value (Python evaluates it before the scan)")
    if isinstance(it, ast.GeneratorExp):
        return tr.comprehension(it, "first", True, want, default=default)
    helper, xs, elem = first_of(tr, it)
    return E(g.call(helper + "Or", xs, tr.value(default, elem, "next() default")), elem)


# built-in types with no Go form here: a value of a Go type the translator wrote is never one of them
_NO_GO_FORM = ("bytes", "bytearray", "memoryview", "complex")


def instance_of(self: BuiltinsMixin, t: T, name: str) -> bool:
    """Whether a value of static type t is an instance of `name` (isinstance), or Unsupported."""
    prims = {"int": (INT, BOOL), "float": (FLOAT,), "str": (STR,), "bool": (BOOL,)}
    if name in prims and name not in self.vars:
        if isinstance(t, VarT):
            raise Unsupported("isinstance() of a value whose type is not known yet")
        return t in prims[name]
    containers = {"dict": DictT, "set": SetT}
    if name in self.vars:
        raise Unsupported(f"isinstance() against the local `{name}`")
    if name in _NO_GO_FORM and self.pkg.find_class(self.mod, name) is None:
        # `isinstance(version, bytes)` where the trace narrowed `version` to str (docs/evidence.md)
        if t in (INT, FLOAT, STR, BOOL) or isinstance(t, (ListT, DictT, SetT, TupleT)):
            return False
    if name in containers:
        return isinstance(t, containers[name])
    if name == "tuple" and isinstance(t, TupleT):
        return True
    if name in ("list", "tuple", "frozenset", *_NO_GO_FORM) and _plain_class(self, t) and self.pkg.find_class(self.mod, name) is None:
        return False  # `isinstance(other, (tuple, list))` where `other` is a Version: a plain class is no builtin
    cls = self.pkg.find_class(self.mod, name)
    if cls is None or (cls.bases and cls.bases != ["object"]):
        raise Unsupported(f"isinstance() against {name}")
    if isinstance(t, ClassT):
        other = self.pkg.class_by_name(t.name)
        if t.name != name and (other is None or (other.bases and other.bases != ["object"])):
            raise Unsupported(f"isinstance() of a {t.name} against {name}")
        return t.name == name
    if isinstance(t, (ListT, DictT, SetT, TupleT)) or t in (INT, FLOAT, STR, BOOL):
        return False
    raise Unsupported(f"isinstance() of {describe(t)}")


def instance_of_union(self: BuiltinsMixin, t: T, alias: str) -> bool:
    """`isinstance(v, String.__args__)` with `String` a union alias of the module: whether a value of the
    plain Go type t is one of its members (a member with no Go type, like bytes, never is)."""
    scope = class_names(self.pkg, self.mod)
    node = scope.aliases.get(alias)
    if node is None or alias in self.vars or not (t in (INT, FLOAT, STR, BOOL) or _plain_class(self, t)):
        raise Unsupported(f"isinstance() against `{alias}.__args__`")
    members = union_members(node, scope)
    return t in members or (t == BOOL and INT in members)


def _plain_class(self: BuiltinsMixin, t: T) -> bool:
    """A package class with no base but object: an instance of it is never one of a builtin type."""
    if not isinstance(t, ClassT):
        return False
    cls = self.pkg.class_by_name(t.name)
    return cls is not None and (not cls.bases or cls.bases == ["object"])


def b_callable(self: BuiltinsMixin, node: ast.Call, want: T | None) -> E:
    """`callable(x)` decided from x's static Go type: a function is, a class only with `__call__`,
    numbers, strings and containers never are; an Optional one only when it is not nil."""
    self._nargs(node, 1)
    x = node.args[0]
    if not is_simple_node(x):
        raise Unsupported("callable() of an expression that is not a plain name or field")
    e = self.expr(x)
    t = prune(e.t)
    inner = prune(t.inner) if isinstance(t, OptT) else t
    if isinstance(inner, ClassT):
        cls = self.pkg.class_by_name(inner.name)
        if cls is None or (cls.bases and cls.bases != ["object"]):
            raise Unsupported(f"callable() of a {inner.name} (its class or bases are not all visible)")
        yes = "__call__" in cls.methods
    elif isinstance(inner, FuncT):
        yes = True
    elif isinstance(inner, (ListT, DictT, SetT, TupleT)) or inner in (INT, FLOAT, STR, BOOL, NONE):
        yes = False
    else:
        raise Unsupported(f"callable() of {describe(t)}")
    if yes and isinstance(t, OptT):
        return E(Binary("!=", e.g, Atom("nil")), BOOL)
    return E(Atom("true" if yes else "false"), BOOL, const=True)


# Python built-in name -> its lowering (py2many style: one table, no if/elif chain).
BUILTINS: dict[str, Callable[[BuiltinsMixin, ast.Call, T | None], E]] = {
    "len": BuiltinsMixin.b_len, "str": BuiltinsMixin.b_str, "int": BuiltinsMixin.b_int,
    "float": BuiltinsMixin.b_float, "bool": BuiltinsMixin.b_bool, "abs": BuiltinsMixin.b_abs,
    "round": BuiltinsMixin.b_round, "ord": BuiltinsMixin.b_ord, "chr": BuiltinsMixin.b_chr,
    "divmod": BuiltinsMixin.b_divmod, "pow": BuiltinsMixin.b_pow, "min": BuiltinsMixin.b_min,
    "max": BuiltinsMixin.b_max, "sorted": BuiltinsMixin.b_sorted, "reversed": BuiltinsMixin.b_reversed,
    "sum": BuiltinsMixin.b_sum, "any": BuiltinsMixin.b_any, "all": BuiltinsMixin.b_all,
    "zip": BuiltinsMixin.b_zip, "list": BuiltinsMixin.b_list, "range": BuiltinsMixin.b_range,
    "set": BuiltinsMixin.b_set, "dict": BuiltinsMixin.b_dict, "tuple": BuiltinsMixin.b_tuple,
    "print": BuiltinsMixin.b_print, "isinstance": BuiltinsMixin.b_isinstance, "map": BuiltinsMixin.b_map,
    "filter": BuiltinsMixin.b_map, "frozenset": BuiltinsMixin.b_set, "callable": b_callable, "iter": BuiltinsMixin.b_iter,
    "repr": BuiltinsMixin.b_repr, "next": b_next, "format": b_format,
}
