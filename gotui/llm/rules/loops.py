"""Iteration (for loops and comprehensions) with Python's evaluation rules.

Go maps iterate in random order while Python dicts keep insertion order: a loop or comprehension over a
dict or set is translated only when its result cannot depend on the order (see statements.order_free);
otherwise it is a TODO.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace

from gotui.llm.rules import goast as g
from gotui.llm.rules import odicts
from gotui.llm.rules.context import Base, E, Var
from gotui.llm.rules.expressions import needs_its_type
from gotui.llm.rules.pyast import is_simple_node
from gotui.llm.rules.operators import OperatorMixin
from gotui.llm.rules.goast import Atom, Binary, GoExpr
from gotui.llm.rules.inherit import lookup
from gotui.llm.rules.knownkeys import literal_keys, returned_keys
from gotui.llm.rules.package import ClassInfo
from gotui.llm.rules.signatures import callee_signature
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import (
    BOOL, FLOAT, INT, STR, ClassT, DictT, DynT, ListT, ODictT, OptT, SeqT, SetT, T, TupleT, VarT, describe, go_type, pointer_like, prune, unify,
)


@dataclass
class Loop:
    header: str  # without the opening brace
    prelude: list[str] = field(default_factory=list)  # first lines of the body
    ordered: bool = True  # False for dicts and sets
    key_var: str | None = None  # the Python name bound to a dict key / set element
    bound: list[str] = field(default_factory=list)  # Python names the loop binds
    unpack: tuple[str, int] | None = None  # (Go item, names): its length is checked first (ValueError), then the prelude
    err: tuple[str, tuple[str, ...]] | None = None  # over a generator that can raise: (Go error, its kinds), checked first


def names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def loaded_in(nodes: list[ast.AST], name: str) -> bool:
    for root in nodes:
        for n in ast.walk(root):
            if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load):
                return True
    return False


def stored_in(nodes: list[ast.AST], name: str) -> bool:
    for root in nodes:
        for n in ast.walk(root):
            if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, (ast.Store, ast.Del)):
                return True
    return False


def mutated_in(nodes: list[ast.AST], src: str) -> bool:
    """Does the body change the length of the collection written `src`?"""
    for root in nodes:
        for n in ast.walk(root):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and ast.unparse(n.func.value) == src:
                if n.func.attr in ("append", "extend", "insert", "pop", "remove", "clear", "add", "discard", "update", "popitem", "setdefault"):
                    return True
            if isinstance(n, ast.Delete) and any(isinstance(t, ast.Subscript) and ast.unparse(t.value) == src for t in n.targets):
                return True
            if isinstance(n, (ast.Assign, ast.AugAssign)):
                targets = n.targets if isinstance(n, ast.Assign) else [n.target]
                for t in targets:
                    if ast.unparse(t) == src:
                        return True
                    if isinstance(t, ast.Subscript) and ast.unparse(t.value) == src and isinstance(n, ast.Assign):
                        return True  # may add a key
    return False


def _row_mutated(nodes: list[ast.AST], src: str) -> bool:
    """Does the body change a row `src[...]` (append, item assignment, ...) or rebind `src`?"""
    for root in nodes:
        for n in ast.walk(root):
            if (
                isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Subscript)
                and ast.unparse(n.func.value.value) == src
            ):
                return True
            if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
                targets = n.targets if isinstance(n, (ast.Assign, ast.Delete)) else [n.target]
                for t in targets:
                    for sub in ast.walk(t):
                        if isinstance(sub, ast.Subscript) and ast.unparse(sub.value).startswith(src):
                            return True
    return False


def carry(tr: Base, loop: Loop, saved_vars: dict[str, Var]) -> dict[str, Var]:
    """A loop variable read after its loop (scopes.DeclPlan.carried) is also a variable of the
    function, set to the loop's value first thing in each iteration: after the loop it holds the
    last item reached, by the end or a `break`, as in Python. The variables by Python name."""
    out: dict[str, Var] = {}
    for name in loop.bound:
        if name not in tr.decl.carried:
            continue
        inner = tr.vars[name]
        outer = saved_vars.get(name)
        if outer is None:
            outer = Var(name, tr.fresh(name), inner.t, declared=True, hoisted=True)
        elif not unify(outer.t, inner.t):
            raise Unsupported(f"`{name}` is {describe(outer.t)} before its loop and {describe(inner.t)} in it")
        tr.emit(f"{outer.go} = {inner.go}")
        out[name] = outer
    return out


def first_default(tr: Base, acc: str, line: int, elem: T, default: ast.expr | None) -> E:
    """next(generator, default): the variable the scan set (`_comp_yield`), declared with the default."""
    elem = prune(elem)
    if isinstance(default, ast.Constant) and default.value is None:
        t: T = OptT(elem)
        decl = f"var {acc} {go_type(t)}"
    else:
        decl = f"{acc} := {tr.r(tr.value(default, elem, 'next() default'))}"
        t = elem
    tr.lines[line] = tr.lines[line].replace(f"var {acc} ?", decl)
    return E(Atom(acc), t, simple=True)


def check_unordered_comp(tr: Base, node: ast.expr, kind: str, ordered_needed: bool, loop: Loop) -> None:
    if kind in ("set", "any", "all"):
        return
    if kind == "sum":
        return  # checked for float below via type: ints add in any order
    if kind == "dict":
        key = node.key  # type: ignore[attr-defined]
        if isinstance(key, ast.Name) and key.id == loop.key_var:
            return
        raise Unsupported("dict comprehension over a dict or set whose keys may collide: the surviving value depends on Python's insertion order")
    if not ordered_needed:
        return
    raise Unsupported("list built from a dict or set: Python keeps insertion order, Go maps do not (sort it, or iterate a list)")


def chars_of(e: E) -> E:
    """A str as the list of its characters (what zip() and reversed() walk in Python), else e."""
    if prune(e.t) == STR:
        return E(g.call("pyChars", e.g), ListT(STR), simple=False, fresh=True)
    return e


def namedtuple_items(tr: "LoopMixin", src: E, t: ClassT, cls: ClassInfo) -> E:
    """A NamedTuple iterates over its fields in order: a slice of them, taken from the value once
    (a func literal called on it, so a call that gives the value runs once). Fields of one type only."""
    fields = tr.pkg.class_fields(cls)
    kinds = {describe(ft) for ft in fields.values()}
    if len(kinds) != 1:
        raise Unsupported(f"iterating over {t.name}, a NamedTuple whose fields are of different types")
    elem = next(iter(fields.values()))
    slice_t = "[]" + go_type(elem)
    v = E(Atom("v"), t)
    items = ", ".join(tr.r(tr.field_access(v, t, name).g) for name in fields)
    lit = g.FuncLit(f"func(v {go_type(t)}) {slice_t}", (f"return {slice_t}{{{items}}}",))
    return E(g.Call(lit, (src.g,)), ListT(elem))


def union_shape(tr: Base, t: DynT) -> tuple[T, int, list[tuple[T, list[str]]]] | None:
    """A union whose members are NamedTuples and tuples of one length, all items of one type (webcolors'
    `IntTuple`: `IntegerRGB | HTML5SimpleColor | tuple[int, int, int]`): (the item type, the length, per
    member the Go expressions of its items read from `x`). None for any other value of several types."""
    shapes: list[tuple[T, list[str]]] = []
    kinds: set[str] = set()
    elem: T | None = None
    for m in t.members:
        if isinstance(m, TupleT):
            types, items = list(m.elems), [f"x.F{i}" for i in range(len(m.elems))]
        else:
            cls = tr.pkg.class_by_name(m.name) if isinstance(m, ClassT) else None
            if cls is None or not cls.is_namedtuple or "__iter__" in cls.methods:
                return None
            fields = tr.pkg.class_fields(cls)
            types = list(fields.values())
            items = [tr.r(tr.field_access(E(Atom("x"), m), m, name).g) for name in fields]  # type: ignore[attr-defined]
        kinds |= {describe(x) for x in types}
        elem = types[0] if types else None
        shapes.append((m, items))
    lengths = {len(items) for _, items in shapes}
    if len(shapes) < 2 or len(kinds) != 1 or len(lengths) != 1 or elem is None:
        return None
    return elem, lengths.pop(), shapes


def union_items(tr: Base, src: E, t: DynT, node: ast.expr) -> E:
    """Iterating a value of several types that union_shape reads: a type switch over its members (a func
    literal called on the value once) gives the items as a slice, in order; anything else is refused as
    every use of an `any` that needs its type is."""
    shape = union_shape(tr, t)
    if shape is None:
        raise needs_its_type(node, t)
    elem, _, members = shape
    slice_t = "[]" + go_type(elem)
    body = ["switch x := v.(type) {"]
    for m, items in members:
        body += [f"case {go_type(m)}:", f"\treturn {slice_t}{{{', '.join(items)}}}"]
    body += ["}", 'panic(pyRaise("TypeError", "not one of the union\'s members"))']
    return E(g.Call(g.FuncLit(f"func(v any) {slice_t}", tuple(body)), (src.g,)), ListT(elem))


def class_iterator(tr: "LoopMixin", src: E, t: ClassT) -> E:
    """`obj.Iter()` for an instance whose class has an `__iter__` translated as a generator."""
    cls = tr.pkg.class_by_name(t.name)
    if cls is not None and cls.is_namedtuple and "__iter__" not in cls.methods:
        return namedtuple_items(tr, src, t, cls)
    m = lookup(cls, "__iter__") if cls is not None else None
    if m is None:
        raise Unsupported(f"iterating over {describe(t)}")
    sig = callee_signature(tr.pkg, m)
    rt = prune(sig.result)
    if sig.raises or sig.params or not isinstance(rt, SeqT):
        raise Unsupported(f"{t.name}.__iter__ does not return an iterator the translator made (iter.Seq)")
    if tr.pkg.services.translate_function(tr.pkg, m)[1] is not None:
        raise Unsupported(f"{t.name}.__iter__ is not translated")
    return E(g.Call(g.Sel(src.g, m.go_name), ()), rt)


def odict_loop(tr: "LoopMixin", target: ast.expr, d: E, what: str, body: list[ast.AST], src: ast.expr) -> Loop:
    """`for k in d` and `for k, v in d.items()` (`.keys()`, `.values()`) over an OrderedDict: in its order
    (odicts.loop_source). A body that changes it is refused: Python raises RuntimeError there."""
    t = prune(d.t)
    assert isinstance(t, ODictT)
    if mutated_in(body, ast.unparse(src)) or _reordered_in(body, ast.unparse(src)):
        raise Unsupported(f"the loop changes the OrderedDict `{ast.unparse(src)}` while iterating over it (Python raises RuntimeError)")
    seq = odicts.loop_source(d, t, what)
    names = tr._target_names(target)
    kinds = [t.key, t.val] if what == "items" else [t.val] if what == "values" else [t.key]
    if len(names) != len(kinds):
        raise Unsupported(f"unpacking OrderedDict {what}")
    gos = [tr.bind_target(n, k) if tr.used(n, body) else "_" for n, k in zip(names, kinds)]
    if all(x == "_" for x in gos):
        return Loop(f"for range {tr.r(seq)}", bound=[n.id for n in names])  # type: ignore[attr-defined]
    return Loop(f"for {', '.join(gos)} := range {tr.r(seq)}", bound=[n.id for n in names])  # type: ignore[attr-defined]


def _reordered_in(nodes: list[ast.AST], src: str) -> bool:
    """`d.move_to_end(k)` in the body: it changes the order, not the length (mutated_in sees the rest)."""
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "move_to_end"
               and ast.unparse(n.func.value) == src for root in nodes for n in ast.walk(root))


class LoopMixin(OperatorMixin):
    def bind_target(self, target: ast.expr, t: T, go: str | None = None) -> str:
        """Register a loop-bound Python name; returns its Go name."""
        if not isinstance(target, ast.Name):
            raise Unsupported("a loop target that is not a name")
        name = go or self.fresh(target.id)
        self.vars[target.id] = Var(target.id, name, t, declared=True)
        return name

    def _target_names(self, target: ast.expr) -> list[ast.expr]:
        if isinstance(target, ast.Tuple):
            if any(not isinstance(e, ast.Name) for e in target.elts):
                raise Unsupported("nested tuple unpacking in a loop target")
            return list(target.elts)
        return [target]

    def used(self, name_node: ast.expr, body: list[ast.AST]) -> bool:
        """Is the loop's value for this name needed: read in the body, or after the loop (carried)?"""
        return isinstance(name_node, ast.Name) and (loaded_in(body, name_node.id) or name_node.id in self.decl.carried)

    def iteration(self, target: ast.expr, it: ast.expr, body: list[ast.AST]) -> Loop:
        """The Go loop header for `for target in it`, binding the target names."""
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id not in self.vars and not it.keywords:
            fn = it.func.id
            if fn == "range":
                return self._range(target, it.args, body)
            if fn == "enumerate":
                return self._enumerate(target, it, body)
            if fn == "zip" and len(it.args) == 1 and isinstance(it.args[0], ast.Starred):
                rows = it.args[0].value
                if isinstance(rows, (ast.Name, ast.Attribute, ast.Subscript)) and (mutated_in(body, ast.unparse(rows)) or _row_mutated(body, ast.unparse(rows))):
                    raise Unsupported(f"the loop changes `{ast.unparse(rows)}` while zip(*...) reads it (Python's zip is lazy)")
                # falls through to b_zip: pyZipRows builds the transpose
            elif fn == "zip":
                return self._zip(target, it.args, body)
            if fn == "reversed" and len(it.args) == 1:
                return self._reversed(target, it.args[0], body)
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and not it.args and it.func.attr in ("items", "keys", "values"):
            d = self.expr(it.func.value)
            if isinstance(prune(d.t), ODictT):
                return odict_loop(self, target, d, it.func.attr, body, it.func.value)
            if isinstance(prune(d.t), DictT):
                keys = literal_keys(self.func.node if self.func is not None else None, it.func.value) or returned_keys(self, it.func.value)
                if keys is not None:
                    return self._literal_dict(target, d, keys, it.func.attr, body)
                return self._dict(target, d, it.func.attr, body)
        self.zip_ok = it  # zip(*rows) may be iterated here (b_zip)
        try:
            src = self.opaque(it)  # a union of tuples of one shape is iterated by a type switch
        finally:
            self.zip_ok = None
        t = prune(src.t)
        if isinstance(t, DynT):
            src = union_items(self, src, t, it)
            t = prune(src.t)
        if isinstance(t, ODictT):
            return odict_loop(self, target, src, "keys", body, it)
        if isinstance(t, ClassT):  # a class with __iter__: range over what its Iter() returns
            src = class_iterator(self, src, t)
            t = prune(src.t)
        if isinstance(t, SeqT):
            loop = self._elements(target, src, t.elem, body, index="")
            if not t.kinds:
                return loop
            err = self.fresh("err")  # iter.Seq2[T, error]: each value comes with the generator's error
            head = loop.header
            head = f"for _, {err} := range {head[len('for range '):]}" if head.startswith("for range ") else head.replace(" := range ", f", {err} := range ", 1)
            return replace(loop, header=head, err=(err, t.kinds))
        if isinstance(t, DictT):
            keys = literal_keys(self.func.node if self.func is not None else None, it)
            if keys is not None:
                return self._literal_dict(target, src, keys, "keys", body)
            return self._dict(target, src, "keys", body)
        if isinstance(t, SetT):
            names = self._target_names(target)
            if len(names) != 1:
                raise Unsupported("unpacking set elements")
            go = self.bind_target(names[0], t.elem) if self.used(names[0], body) else "_"
            return Loop(f"for {go} := range {self.r(src.g)}" if go != "_" else f"for range {self.r(src.g)}", ordered=False, key_var=names[0].id, bound=[names[0].id])  # type: ignore[attr-defined]
        if t == STR:
            names = self._target_names(target)
            if len(names) != 1:
                raise Unsupported("unpacking characters")
            if not self.used(names[0], body):
                return Loop(f"for range {self.r(src.g)}", bound=[names[0].id])  # type: ignore[attr-defined]
            r = self.fresh("r")
            go = self.bind_target(names[0], STR)
            return Loop(f"for _, {r} := range {self.r(src.g)}", [f"{go} := string({r})"], bound=[names[0].id])  # type: ignore[attr-defined]
        if isinstance(t, ListT):
            if isinstance(it, (ast.Name, ast.Attribute)) and mutated_in(body, ast.unparse(it)):
                raise Unsupported(f"the loop changes the length of `{ast.unparse(it)}` while iterating over it")
            return self._elements(target, src, t.elem, body)
        if isinstance(t, TupleT) and isinstance(src.g, g.Composite):
            elems = {describe(e) for e in t.elems}
            if len(elems) != 1:
                raise Unsupported("iterating over a tuple of mixed types")
            lst = E(g.Composite("[]" + go_type(t.elems[0]), src.g.elems), ListT(t.elems[0]))
            return self._elements(target, lst, t.elems[0], body)
        raise Unsupported(f"iterating over {describe(t)}")

    def range_list(self, node: ast.Call) -> GoExpr:
        args = [self.value(a, INT) for a in node.args]
        if len(args) == 1:
            args = [Atom("0"), args[0], Atom("1")]
        elif len(args) == 2:
            args.append(Atom("1"))
        return g.call("pyRange", *args)

    def b_range(self, node: ast.Call, want: T | None) -> E:
        return E(self.range_list(node), ListT(INT), fresh=True)

    def _nargs(self, node: ast.Call, *counts: int, kw: tuple[str, ...] = ()) -> None:
        name = ast.unparse(node.func)
        if len(node.args) not in counts:
            raise Unsupported(f"`{name}()` with {len(node.args)} arguments")
        for k in node.keywords:
            if k.arg not in kw:
                raise Unsupported(f"`{name}()` with keyword `{k.arg}`")

    def b_reversed(self, node: ast.Call, want: T | None) -> E:
        self._nargs(node, 1)
        e = chars_of(self.expr(node.args[0]))
        if not isinstance(prune(e.t), ListT):
            raise Unsupported(f"reversed() of {describe(e.t)}")
        return E(g.call("pyReversed", e.g), e.t, fresh=True)

    def b_iter(self, node: ast.Call, want: T | None) -> E:
        """`iter(xs)` over a list (what `__iter__` returns): Go's `slices.Values`, an iter.Seq. A dict
        or set would iterate in Go's random order: refused."""
        self._nargs(node, 1)
        e = self.expr(node.args[0])
        t = prune(e.t)
        if isinstance(t, SeqT):
            return e
        if isinstance(t, ListT):
            self.use("slices")
            return E(g.call("slices.Values", e.g), SeqT(t.elem))
        raise Unsupported(f"iter() of {describe(t)}")

    def _elements(self, target: ast.expr, src: E, elem: T, body: list[ast.AST], index: str = "_, ") -> Loop:
        """`for x in xs` over a slice, or with `index=""` over an iter.Seq (one value per iteration)."""
        names = self._target_names(target)
        seq = self.r(src.g)
        if len(names) == 1:
            if not self.used(names[0], body):
                return Loop(f"for range {seq}", bound=[names[0].id])  # type: ignore[attr-defined]
            go = self.bind_target(names[0], elem)
            return Loop(f"for {index}{go} := range {seq}", bound=[names[0].id])  # type: ignore[attr-defined]
        e = prune(elem)
        if isinstance(e, ListT):
            # `for old, new in pairs` over lists: Python raises ValueError on a row of another length
            item = self.fresh("row")
            lhs = [self.bind_target(n, e.elem) if self.used(n, body) else "_" for n in names]
            bound = [n.id for n in names]  # type: ignore[attr-defined]
            return Loop(f"for {index}{item} := range {seq}", [f"{', '.join(lhs)} := " + ", ".join(f"{item}[{i}]" for i in range(len(names)))]
                        if any(x != "_" for x in lhs) else [], bound=bound, unpack=(item, len(names)))
        if not isinstance(e, TupleT) or len(e.elems) != len(names):
            raise Unsupported(f"unpacking {describe(e)} into {len(names)} names")
        item = self.fresh("item")
        lhs = []
        rhs = []
        for i, (n, t) in enumerate(zip(names, e.elems)):
            if self.used(n, body):
                lhs.append(self.bind_target(n, t))
                rhs.append(f"{item}.F{i}")
        bound = [n.id for n in names]  # type: ignore[attr-defined]
        if not lhs:
            self.used_go.discard(item)
            return Loop(f"for range {seq}", bound=bound)
        return Loop(f"for {index}{item} := range {seq}", [f"{', '.join(lhs)} := {', '.join(rhs)}"], bound=bound)

    def _dict(self, target: ast.expr, d: E, what: str, body: list[ast.AST]) -> Loop:
        t = prune(d.t)
        assert isinstance(t, DictT)
        names = self._target_names(target)
        seq = self.r(d.g)
        if what == "items":
            if len(names) != 2:
                raise Unsupported("dict items need two loop names")
            k = self.bind_target(names[0], t.key) if self.used(names[0], body) else "_"
            v = self.bind_target(names[1], t.val) if self.used(names[1], body) else "_"
            if v == "_":
                head = f"for {k} := range {seq}" if k != "_" else f"for range {seq}"
            else:
                head = f"for {k}, {v} := range {seq}"
            return Loop(head, ordered=False, key_var=names[0].id, bound=[names[0].id, names[1].id])  # type: ignore[attr-defined]
        if len(names) != 1:
            raise Unsupported(f"unpacking dict {what}")
        if what == "keys":
            go = self.bind_target(names[0], t.key) if self.used(names[0], body) else "_"
            head = f"for {go} := range {seq}" if go != "_" else f"for range {seq}"
            return Loop(head, ordered=False, key_var=names[0].id, bound=[names[0].id])  # type: ignore[attr-defined]
        go = self.bind_target(names[0], t.val) if self.used(names[0], body) else "_"
        head = f"for _, {go} := range {seq}" if go != "_" else f"for range {seq}"
        return Loop(head, ordered=False, bound=[names[0].id])  # type: ignore[attr-defined]

    def _literal_dict(self, target: ast.expr, d: E, keys: list[ast.expr], what: str, body: list[ast.AST]) -> Loop:
        """A loop over a local dict built from a literal and never changed (`literal_keys`): its keys are
        known, in Python's insertion order, so Go ranges over them in that order (not over the map)."""
        t = prune(d.t)
        assert isinstance(t, DictT)
        names = self._target_names(target)
        order = g.Composite("[]" + go_type(t.key), tuple(self.value(k, t.key) for k in keys))
        if what == "items" and len(names) != 2:
            raise Unsupported("dict items need two loop names")
        if what != "items" and len(names) != 1:
            raise Unsupported(f"unpacking dict {what}")
        key_name = names[0] if what != "values" else None
        val_name = names[1] if what == "items" else names[0] if what == "values" else None
        v = self.bind_target(val_name, t.val) if val_name is not None and self.used(val_name, body) else "_"
        if not d.simple:  # a call's dict (returned_keys): built once, before the loop, as Python builds it
            tmp = self.fresh("d") if v != "_" else "_"
            self.emit_stmt(g.Assign((Atom(tmp),), ":=" if v != "_" else "=", (d.g,)))
            d = E(Atom(tmp), t, simple=True)
        if key_name is not None and self.used(key_name, body):
            k = self.bind_target(key_name, t.key)
        else:
            k = self.fresh("key") if v != "_" else "_"
        prelude = [f"{v} := {self.r(d.g)}[{k}]"] if v != "_" else []
        bound = [n.id for n in names]  # type: ignore[attr-defined]
        head = f"for _, {k} := range {self.r(order)}" if k != "_" else f"for range {self.r(order)}"
        return Loop(head, prelude, bound=bound)

    def _range(self, target: ast.expr, args: list[ast.expr], body: list[ast.AST]) -> Loop:
        if not isinstance(target, ast.Name):
            raise Unsupported("unpacking a range")
        if stored_in(body, target.id):
            raise Unsupported(f"the loop body assigns the loop variable `{target.id}` (Go would change the iteration)")
        if not 1 <= len(args) <= 3:
            raise Unsupported("range() with no arguments")
        start_n = args[0] if len(args) > 1 else ast.Constant(0)
        stop_n = args[1] if len(args) > 1 else args[0]
        step = 1
        if len(args) == 3:
            k = self.const_int(args[2])
            if k is None:
                # the sign of the step decides the test: iterate over the materialized range
                lst = self.range_list(ast.Call(ast.Name("range", ast.Load()), args, []))
                if not self.used(target, body):
                    return Loop(f"for range {self.r(lst)}", bound=[target.id])
                name = self.bind_target(target, INT)
                return Loop(f"for _, {name} := range {self.r(lst)}", bound=[target.id])
            if k == 0:
                raise Unsupported("range() with a zero step")
            step = k
        start = self.value(start_n, INT, "range start")
        stop = self.value(stop_n, INT, "range stop")
        name = self.bind_target(target, INT)
        stable = isinstance(stop_n, ast.Constant) or (
            isinstance(stop_n, ast.Name) and not stored_in(body, stop_n.id) and stop_n.id in self.vars
        ) or (isinstance(stop_n, ast.Name) and stop_n.id not in self.vars)
        cmp = "<" if step > 0 else ">"
        post = f"{name}++" if step == 1 else f"{name}--" if step == -1 else f"{name} += {step}" if step > 0 else f"{name} -= {-step}"
        if stable:
            head = f"for {name} := {self.r(start)}; {name} {cmp} {self.r(stop)}; {post}"
        else:
            end = self.fresh("end")
            head = f"for {name}, {end} := {self.r(start)}, {g.render(stop, self.indent, 2)}; {name} {cmp} {end}; {post}"
            head = f"for {name}, {end} := {g.render_list([start, stop], self.indent, 2)}; {name} {cmp} {end}; {post}"
        if self.nonneg_expr(start_n) and step > 0:
            self.nonneg.add(target.id)
        return Loop(head, bound=[target.id])

    def _enumerate(self, target: ast.expr, it: ast.Call, body: list[ast.AST]) -> Loop:
        names = self._target_names(target)
        if len(names) != 2 or len(it.args) not in (1, 2):
            raise Unsupported("enumerate() without two loop names")
        start = self.const_int(it.args[1]) if len(it.args) == 2 else 0
        if start is None:
            raise Unsupported("enumerate() with a start that is not a constant")
        src = self.expr(it.args[0])
        t = prune(src.t)
        seq = self.r(src.g)
        if t == STR:
            elem: T = STR
            seq = f"[]rune({seq})"
        elif isinstance(t, ListT):
            elem = t.elem
            if isinstance(it.args[0], (ast.Name, ast.Attribute)) and mutated_in(body, ast.unparse(it.args[0])):
                raise Unsupported("the loop changes the length of the list it enumerates")
        else:
            raise Unsupported(f"enumerate() over {describe(t)}")
        if stored_in(body, names[0].id):  # type: ignore[attr-defined]
            raise Unsupported("the loop body assigns the enumerate counter")
        idx_used = self.used(names[0], body)
        val_used = self.used(names[1], body)
        prelude: list[str] = []
        i = "_"
        if idx_used:
            if start == 0:
                i = self.bind_target(names[0], INT)
            else:
                raw = self.fresh("j")
                go = self.bind_target(names[0], INT)
                prelude.append(f"{go} := {raw} + {start}" if start > 0 else f"{go} := {raw} - {-start}")
                i = raw
            if start >= 0:
                self.nonneg.add(names[0].id)  # type: ignore[attr-defined]
        v = "_"
        if val_used:
            if t == STR:
                r = self.fresh("r")
                go = self.bind_target(names[1], STR)
                prelude.insert(0, f"{go} := string({r})")
                v = r
            else:
                v = self.bind_target(names[1], elem)
        bound = [n.id for n in names]  # type: ignore[attr-defined]
        if v == "_" and i == "_":
            return Loop(f"for range {seq}", prelude, bound=bound)
        if v == "_":
            return Loop(f"for {i} := range {seq}", prelude, bound=bound)
        return Loop(f"for {i}, {v} := range {seq}", prelude, bound=bound)

    def _zip(self, target: ast.expr, args: list[ast.expr], body: list[ast.AST]) -> Loop:
        names = self._target_names(target)
        if len(names) != len(args) or len(args) < 2:
            raise Unsupported("zip() whose items are not unpacked into one name per list")
        srcs = []
        prelude = []
        for a in args:
            e = chars_of(self.expr(a))
            if not isinstance(prune(e.t), ListT):
                raise Unsupported(f"zip() over {describe(e.t)}")
            if not is_simple_node(a):
                tmp = self.fresh("seq")
                self.emit_stmt(g.Assign((Atom(tmp),), ":=", (e.g,)))
                e = E(Atom(tmp), e.t, simple=True)
            srcs.append(e)
        i = self.fresh("i")
        cond: GoExpr = Binary("<", Atom(i), g.call("len", srcs[0].g))
        for s in srcs[1:]:
            cond = Binary("&&", cond, Binary("<", Atom(i), g.call("len", s.g)))
        lhs, rhs = [], []
        for n, s in zip(names, srcs):
            if self.used(n, body):
                lhs.append(self.bind_target(n, prune(s.t).elem))  # type: ignore[attr-defined]
                rhs.append(self.r(g.Index(s.g, Atom(i))))
        if lhs:
            prelude.append(f"{', '.join(lhs)} := {', '.join(rhs)}")
        return Loop(f"for {i} := 0; {self.r(cond)}; {i}++", prelude, bound=[n.id for n in names])  # type: ignore[attr-defined]

    def _reversed(self, target: ast.expr, arg: ast.expr, body: list[ast.AST]) -> Loop:
        names = self._target_names(target)
        src = chars_of(self.expr(arg))
        t = prune(src.t)
        if not isinstance(t, ListT) or len(names) != 1:
            raise Unsupported(f"reversed() over {describe(t)}")
        if not src.simple:
            tmp = self.fresh("seq")
            self.emit_stmt(g.Assign((Atom(tmp),), ":=", (src.g,)))
            src = E(Atom(tmp), t, simple=True)
        i = self.fresh("i")
        prelude = []
        if self.used(names[0], body):
            go = self.bind_target(names[0], t.elem)
            prelude.append(f"{go} := {self.r(g.Index(src.g, Atom(i)))}")
        return Loop(f"for {i} := len({self.r(src.g)}) - 1; {i} >= 0; {i}--", prelude, bound=[names[0].id])  # type: ignore[attr-defined]

    # --- comprehensions ------------------------------------------------------------------------
    def comprehension(self, node: ast.expr, kind: str, ordered_needed: bool = True, want: T | None = None, into: str | None = None,
                      default: ast.expr | None = None) -> E:
        """Build a list/set/dict (or any/all/sum) from a comprehension with an explicit loop."""
        assert isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp))
        w = prune(want) if want is not None else None
        if kind == "list":
            elem: T = w.elem if isinstance(w, ListT) else VarT()
            t: T = ListT(elem)
        elif kind == "set":
            elem = w.elem if isinstance(w, SetT) else VarT()
            t = SetT(elem)
        elif kind == "dict":
            t = w if isinstance(w, DictT) else DictT(VarT(), VarT())
        elif kind in ("any", "all"):
            t = BOOL
        elif kind == "first":
            t = VarT()  # the element's type, known once the loop binds its target (_comp_yield)
        else:  # sum
            t = w if w in (INT, FLOAT) else VarT()
        hoisted = self.hoist_ok and not self.impure_inline
        if into is None and kind in ("sum", "any", "all") and hoisted:
            into = self.comp_into
            self.comp_into = None
        saved_vars = dict(self.vars)
        saved_nonneg = set(self.nonneg)
        if hoisted:
            return self._comp_body(node, kind, t, ordered_needed, into, saved_vars, saved_nonneg, default)
        saved_hoist = self.hoist_ok
        with self.capture() as lines:
            self.hoist_ok = True
            self.closure += 1
            try:
                res = self._comp_body(node, kind, t, ordered_needed, None, saved_vars, saved_nonneg, default)
            finally:
                self.closure -= 1
                self.hoist_ok = saved_hoist
            self.emit_stmt(g.Return((res.g,)))
        return E(g.Call(g.FuncLit(f"func() {go_type(res.t)}", tuple(lines))), res.t)

    def _comp_body(self, node: ast.expr, kind: str, t: T, ordered_needed: bool, into: str | None, saved_vars: dict, saved_nonneg: set,
                   default: ast.expr | None = None) -> E:
        acc = into or self.fresh({"list": "out", "set": "out", "dict": "out", "any": "found", "all": "ok", "sum": "total", "first": "first"}[kind])
        if kind == "first":
            placeholder_line = len(self.lines)
            self.emit(f"var {acc} ?")  # its type is written once the element's is known
        elif kind in ("list", "set", "dict"):
            self.emit(f"{acc} := {go_type(t)}{{}}")
        elif kind == "any":
            self.emit(f"{acc} := false")
        elif kind == "all":
            self.emit(f"{acc} := true")
        else:
            placeholder_line = len(self.lines)
            self.emit(f"{acc} := 0")
        gens = node.generators  # type: ignore[attr-defined]
        label = self.label("scan") if kind in ("any", "all", "first") and len(gens) > 1 else None
        opened = 0
        try:
            for gi, gen in enumerate(gens):
                if gen.is_async:
                    raise Unsupported("async comprehensions")
                parts: list[ast.AST] = [n for gg in gens[gi + 1 :] for n in [gg.iter, *gg.ifs]] + list(gen.ifs)
                parts += [node.elt] if not isinstance(node, ast.DictComp) else [node.key, node.value]  # type: ignore[attr-defined]
                loop = self.iteration(gen.target, gen.iter, parts)
                if loop.err is not None:
                    raise Unsupported("a comprehension over a generator that can raise")
                if loop.unpack is not None:
                    raise Unsupported("unpacking lists in a comprehension (each row's length is checked in a loop)")
                if not loop.ordered:
                    check_unordered_comp(self, node, kind, ordered_needed, loop)
                if label is not None and gi == 0:
                    self.lines.append("\t" * (self.indent - 1) + f"{label}:")
                self.emit(loop.header + " {")
                self.indent += 1
                opened += 1
                for line in loop.prelude:
                    self.emit(line)
                for cond in gen.ifs:
                    self.emit(f"if {self.r(self.cond(cond))} {{")
                    self.indent += 1
                    opened += 1
            self._comp_yield(node, kind, acc, t, label, default)
        finally:
            for _ in range(opened):
                self.indent -= 1
                self.emit("}")
            self.vars = saved_vars
            self.nonneg = saved_nonneg
        if kind == "sum":
            if prune(t) == FLOAT:
                self.lines[placeholder_line] = self.lines[placeholder_line].replace(":= 0", ":= 0.0")
        if kind == "first":
            return first_default(self, acc, placeholder_line, t, default)
        return E(Atom(acc), t, simple=True)

    def _comp_yield(self, node: ast.expr, kind: str, acc: str, t: T, label: str | None, default: ast.expr | None = None) -> None:
        if kind == "list":
            elem = prune(t).elem  # type: ignore[attr-defined]
            v = self.value(node.elt, elem, "list element")  # type: ignore[attr-defined]
            self.emit(f"{acc} = append({acc}, {g.render(v, self.indent, 2)})")
        elif kind == "set":
            v = self.value(node.elt, prune(t).elem, "set element")  # type: ignore[attr-defined]
            self.emit(f"{acc}[{g.render(v, self.indent, 2)}] = struct{{}}{{}}")
        elif kind == "dict":
            dt = prune(t)
            k = self.value(node.key, dt.key, "dict key")  # type: ignore[attr-defined]
            v = self.value(node.value, dt.val, "dict value")  # type: ignore[attr-defined]
            self.emit(f"{acc}[{g.render(k, self.indent, 2)}] = {self.r(v)}")
        elif kind == "first":  # stop at the first item, as next() on the generator does
            e = self.expr(node.elt)  # type: ignore[attr-defined]
            et = prune(e.t)
            if isinstance(et, (VarT, OptT)):
                raise Unsupported(f"next() of a generator of {describe(et)}")
            unify(t, et)  # the scan's type is its element's (first_default reads it)
            if isinstance(default, ast.Constant) and default.value is None and not pointer_like(et):
                item = self.fresh("item")
                self.emit(f"{item} := {self.r(e.g)}")
                self.emit(f"{acc} = &{item}")
            else:
                self.emit(f"{acc} = {self.r(e.g)}")
            self.emit_stmt(g.Branch("break", label or ""))
        elif kind in ("any", "all"):
            c = self.cond(node.elt)  # type: ignore[attr-defined]
            found = kind == "any"  # any: stop at the first true item; all: at the first false one
            self.emit_stmt(g.If(c if found else g.not_(c), (
                g.Assign((Atom(acc),), "=", (Atom("true" if found else "false"),)),
                g.Branch("break", label or ""),
            )))
        else:
            e = self.expr(node.elt, None if isinstance(prune(t), VarT) else t)  # type: ignore[attr-defined]
            et = prune(e.t)
            if isinstance(prune(t), VarT):
                if et not in (INT, FLOAT):
                    raise Unsupported(f"sum() of {describe(et)}")
                prune(t).bound = et  # type: ignore[union-attr]
            self.emit(f"{acc} += {self.r(self.coerce(e, t))}")
