"""collections.OrderedDict: Go `*pyODict[K, V]` (gohelpers/odict.go), whose keys keep Python's order.

A Go map has no order, so the translator refuses a plain dict wherever its order shows; an OrderedDict
says in its type that order is the point (an LRU list, a FIFO queue), and its Go keeps it: a map to
find a key, a ring of the keys in order. What is lowered: `OrderedDict()`, `d[k]`, `d[k] = v`,
`del d[k]`, `k in d`, `len(d)`, truth, `for k in d` and `.items()`/`.keys()`/`.values()` in a loop (in
order), `next(iter(d))` (the first key), and the methods `move_to_end`, `popitem`, `get`, `pop`,
`clear`, `copy`. A missing key raises KeyError (a panic, or the error a handler catches), as Python's
does. Anything else on one (a `repr`, which Python spells differently by version; `==`; `update`) is
refused where it is used. A value type of None (`order[key] = None`: an ordered set) is `struct{}`.
"""

from __future__ import annotations

import ast
from typing import Callable

from gotui.llm.rules import goast as g
from gotui.llm.rules.context import E, Lowerer
from gotui.llm.rules.goast import Atom, GoExpr
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import BOOL, NONE, UNIT, ODictT, OptT, SeqT, T, TupleT, VarT, go_type, odict_value_go, prune, unify


def new(tr: Lowerer, node: ast.Call, want: T | None) -> E:
    """`OrderedDict()`: an empty one, its types from what the code stores in it (or the annotation)."""
    if node.args or node.keywords:
        raise Unsupported("OrderedDict(...) built from arguments (only an empty OrderedDict() is lowered)")
    t = prune(want) if want is not None else None
    if not isinstance(t, ODictT):
        t = ODictT(VarT(), VarT())
    return E(g.Call(Atom(f"pyNewODict[{go_type(t.key)}, {odict_value_go(t.val)}]"), ()), t)


def stored(tr: Lowerer, node: ast.expr, t: ODictT) -> GoExpr:
    """A value to store in `t`: None as `struct{}{}` when the values are None (UNIT)."""
    none = isinstance(node, ast.Constant) and node.value is None
    if prune(t.val) in (NONE, UNIT) or isinstance(prune(t.val), VarT) and none:
        if not none:
            raise Unsupported("an OrderedDict of None values given another value")
        unify(t.val, UNIT)
        return Atom("struct{}{}")
    return tr.value(node, t.val, "OrderedDict value")


def key_of(tr: Lowerer, node: ast.expr, t: ODictT) -> GoExpr:
    """A key for `t`, as a generic helper takes it (context.helper_arg)."""
    return tr.value(node, t.key, "OrderedDict key", helper=True)


def _readable(t: ODictT) -> T:
    if prune(t.val) in (NONE, UNIT):
        raise Unsupported("reading a value of an OrderedDict of None values (an ordered set: only its keys mean anything)")
    return t.val


def index(tr: Lowerer, d: E, t: ODictT, node: ast.Subscript) -> E:
    """`d[k]`: KeyError for a missing key."""
    key = key_of(tr, node.slice, t)
    val = _readable(t)
    checked = tr.checked_lookup("pyODKey", (d.g, key), val, "KeyError", "a lookup whose KeyError a handler catches")
    return checked or E(g.call("pyODKey", d.g, key), val)


def store(tr: Lowerer, d: E, t: ODictT, key: ast.expr, value: ast.expr) -> None:
    """`d[k] = v`: a new key goes last, one already there keeps its place."""
    k = tr.value(key, t.key, "OrderedDict key")
    tr.emit(f"{tr.r(d.g)}.Set({tr.r(k)}, {tr.r(stored(tr, value, t))})")


def delete(tr: Lowerer, d: E, t: ODictT, key: ast.expr) -> None:
    """`del d[k]`: KeyError for a missing key."""
    k = key_of(tr, key, t)
    checked = tr.checked_lookup("pyODDel", (d.g, k), None, "KeyError", "a del whose KeyError a handler catches")
    if checked is None:
        tr.emit(tr.r(g.call("pyODDel", d.g, k)))


def length(d: E) -> GoExpr:
    return g.Call(g.Sel(d.g, "Len"), ())


def loop_source(d: E, t: ODictT, attr: str) -> GoExpr:
    """What `for ... in d` (attr "keys") or `d.items()`/`.values()` ranges over, in order."""
    if attr == "values":
        _readable(t)
    return g.Call(g.Sel(d.g, {"keys": "Keys", "values": "Values", "items": "Items"}[attr]), ())


def _args(node: ast.Call, names: tuple[str, ...], counts: tuple[int, ...]) -> None:
    if len(node.args) not in counts or any(isinstance(a, ast.Starred) for a in node.args) \
            or any(k.arg not in names for k in node.keywords):
        raise Unsupported(f"OrderedDict.{node.func.attr}() with these arguments")  # type: ignore[attr-defined]


def _last(tr: Lowerer, node: ast.Call, position: int) -> GoExpr:
    """The `last` argument of move_to_end/popitem (True when not given)."""
    given = node.args[position] if len(node.args) > position else next((k.value for k in node.keywords if k.arg == "last"), None)
    return Atom("true") if given is None else tr.value(given, BOOL, "last")


def _move_to_end(tr: Lowerer, d: E, t: ODictT, node: ast.Call, want: T | None) -> E:
    _args(node, ("last",), (1, 2))
    key = key_of(tr, node.args[0], t)
    args = (d.g, key, _last(tr, node, 1))
    checked = tr.checked_lookup("pyODMoveToEnd", args, None, "KeyError", "move_to_end() whose KeyError a handler catches")
    tr.impure_inline = True
    return checked or E(g.call("pyODMoveToEnd", *args), NONE)


def _popitem(tr: Lowerer, d: E, t: ODictT, node: ast.Call, want: T | None) -> E:
    _args(node, ("last",), (0, 1))
    pair = TupleT((t.key, t.val))  # of an ordered set: its value is UNIT, which nothing reads
    args = (d.g, _last(tr, node, 0))
    checked = tr.checked_lookup("pyODPopItem", args, pair, "KeyError", "popitem() whose KeyError a handler catches")
    tr.impure_inline = True
    return checked or E(g.call("pyODPopItem", *args), pair)


def _get(tr: Lowerer, d: E, t: ODictT, node: ast.Call, want: T | None) -> E:
    _args(node, (), (1, 2))
    key = key_of(tr, node.args[0], t)
    val = _readable(t)
    if len(node.args) == 1 or isinstance(node.args[1], ast.Constant) and node.args[1].value is None:
        raise Unsupported("OrderedDict.get() whose default is None (only a default of the value type is lowered)")
    return E(g.call("pyODGet", d.g, key, tr.value(node.args[1], val, "get() default", helper=True)), val)


def _pop(tr: Lowerer, d: E, t: ODictT, node: ast.Call, want: T | None) -> E:
    _args(node, (), (1, 2))
    key = key_of(tr, node.args[0], t)
    if len(node.args) == 2:  # a missing key gives the default
        val = _readable(t)
        dflt = tr.value(node.args[1], val, "pop() default", helper=True)
        tr.impure_inline = True
        return E(g.call("pyODPopOr", d.g, key, dflt), val)
    tr.impure_inline = True
    tr.panics_here(("KeyError",), "pop() of a missing key")
    return E(g.call("pyODPop", d.g, key), NONE if prune(t.val) in (NONE, UNIT) else t.val)


def _view(tr: Lowerer, d: E, t: ODictT, node: ast.Call, want: T | None) -> E:
    """`d.keys()` / `d.values()` as a value: an iterator over them in order (iter.Seq), which list(),
    sorted() and the like run to its end (a loop over one is lowered in odict_loop, with its checks)."""
    _args(node, (), (0,))
    attr = node.func.attr  # type: ignore[attr-defined]
    return E(loop_source(d, t, attr), SeqT(t.key if attr == "keys" else t.val))


def _clear(tr: Lowerer, d: E, t: ODictT, node: ast.Call, want: T | None) -> E:
    _args(node, (), (0,))
    return E(g.Call(g.Sel(d.g, "Clear"), ()), NONE)


def _copy(tr: Lowerer, d: E, t: ODictT, node: ast.Call, want: T | None) -> E:
    _args(node, (), (0,))
    return E(g.Call(g.Sel(d.g, "Copy"), ()), t)


METHODS: dict[str, Callable[[Lowerer, E, ODictT, ast.Call, T | None], E]] = {
    "move_to_end": _move_to_end, "popitem": _popitem, "get": _get, "pop": _pop, "clear": _clear, "copy": _copy,
    "keys": _view, "values": _view,
}


def method(tr: Lowerer, d: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(d.t)
    assert isinstance(t, ODictT)
    lower = METHODS.get(attr)
    if lower is None:
        raise Unsupported(f"OrderedDict.{attr}()" + (" as a value (it is lowered in a for loop)" if attr == "items" else ""))
    return lower(tr, d, t, node, want)


def truth(d: E, negated: bool) -> GoExpr:
    """`if d:` / `if not d:`: by its length, as Python's; an Optional one (the same Go pointer) is false
    for nil (None) first."""
    by_length = g.Binary("==" if negated else ">", length(d), Atom("0"))
    if not isinstance(prune(d.t), OptT):
        return by_length
    if not d.simple:
        raise Unsupported("truth value of an Optional that is not a plain name")
    return g.Binary("||" if negated else "&&", g.Binary("==" if negated else "!=", d.g, Atom("nil")), by_length)
