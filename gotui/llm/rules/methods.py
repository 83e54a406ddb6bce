"""Methods of str, list, dict and set values."""

from __future__ import annotations

import ast
from typing import Callable

from gotui.llm.rules import goast as g
from gotui.llm.rules import odicts
from gotui.llm.rules.context import E, Lowerer
from gotui.llm.rules.goast import Atom, Binary, GoExpr
from gotui.llm.rules.pyast import is_simple_node
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import (
    ODictT, BOOL, INT, NONE, STR, DictT, DynT, ListT, MatchT, OptT, PatternT, SetT, T, TupleT, comparable, describe, ordered, prune, unify,
)
from gotui.llm.rules.formatting import str_format

STR_HELPERS = {
    "upper": "pyUpper", "lower": "pyLower", "isdigit": "pyIsDigit", "isdecimal": "pyIsDecimal", "isalpha": "pyIsAlpha",
    "isalnum": "pyIsAlnum", "isspace": "pyIsSpace", "isupper": "pyIsUpper", "islower": "pyIsLower", "capitalize": "pyCapitalize",
    "title": "pyTitle",
}
STR_BOOL = {"isdigit", "isdecimal", "isalpha", "isalnum", "isspace", "isupper", "islower"}


def method_call(tr: Lowerer, obj: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(obj.t)
    if t == STR:
        return _str_method(tr, obj, attr, node, want)
    if isinstance(t, ListT):
        return _list_method(tr, obj, attr, node, want)
    if isinstance(t, DictT):
        return _dict_method(tr, obj, attr, node, want)
    if isinstance(t, ODictT):
        return odicts.method(tr, obj, attr, node, want)
    if isinstance(t, SetT):
        return _set_method(tr, obj, attr, node)
    if isinstance(t, MatchT):
        return tr.match_method(obj, attr, node)
    if isinstance(t, PatternT):
        return tr.pattern_value_method(obj, attr, node)
    raise Unsupported(f"method `.{attr}()` of {describe(t)}")


def _args(tr: Lowerer, node: ast.Call, *counts: int) -> None:
    if node.keywords or len(node.args) not in counts or any(isinstance(a, ast.Starred) for a in node.args):
        raise Unsupported(f"`.{node.func.attr}()` with these arguments")  # type: ignore[attr-defined]


def _nonempty_literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value != ""


def _str_helper(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    _args(tr, node, 0)
    return E(g.call(STR_HELPERS[attr], s.g), BOOL if attr in STR_BOOL else STR)


def _str_strip(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    _args(tr, node, 0, 1)
    if not node.args or isinstance(node.args[0], ast.Constant) and node.args[0].value is None:
        return E(g.call({"strip": "pyStrip", "lstrip": "pyLStrip", "rstrip": "pyRStrip"}[attr], s.g), STR)
    tr.use("strings")
    fn = {"strip": "strings.Trim", "lstrip": "strings.TrimLeft", "rstrip": "strings.TrimRight"}[attr]
    arg = node.args[0]
    if (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "join" and len(arg.args) == 1
            and not arg.keywords and isinstance(arg.func.value, ast.Constant) and arg.func.value.value == ""):
        # `s.rstrip(''.join(CHARS))`: the characters are a set to Python and a cutset to Go, so the
        # order a set or dict gives them in does not matter here
        src, elem, _ = tr.sequence_arg(arg.args[0], ordered_needed=False)
        if prune(elem) == STR:
            return E(g.call(fn, s.g, g.call("strings.Join", src, Atom('""'))), STR)
    return E(g.call(fn, s.g, tr.value(arg, STR)), STR)


def _str_split(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    if attr == "rsplit" and len(node.args) >= 2:
        raise Unsupported(f"str.{attr}()")
    if node.keywords:
        raise Unsupported("split() with keywords")
    if not node.args or isinstance(node.args[0], ast.Constant) and node.args[0].value is None:
        if len(node.args) > 1:
            raise Unsupported("split(None, maxsplit)")
        return E(g.call("pyFields", s.g), ListT(STR), fresh=True)
    sep = tr.value(node.args[0], STR)
    if len(node.args) == 2:
        n = tr.const_int(node.args[1])
        if n is None or attr == "rsplit":
            raise Unsupported("split() with a maxsplit that is not a constant")
        if not _nonempty_literal(node.args[0]):
            raise Unsupported("split(sep, maxsplit) with a separator that may be empty")
        tr.use("strings")
        return E(g.call("strings.SplitN", s.g, sep, Atom(str(n + 1 if n >= 0 else -1))), ListT(STR), fresh=True)
    if _nonempty_literal(node.args[0]):
        tr.use("strings")
        return E(g.call("strings.Split", s.g, sep), ListT(STR), fresh=True)
    return E(g.call("pySplit", s.g, sep), ListT(STR), fresh=True)


def _str_join(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    _args(tr, node, 1)
    src, elem, ordered_src = tr.sequence_arg(node.args[0], ordered_needed=True)
    if prune(elem) != STR:
        raise Unsupported(f"join() of {describe(elem)} items")
    tr.use("strings")
    return E(g.call("strings.Join", src, s.g), STR)


def _str_replace(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    _args(tr, node, 2, 3)
    old, new = tr.value(node.args[0], STR), tr.value(node.args[1], STR)
    if len(node.args) == 2:
        return E(g.call("strings.ReplaceAll", s.g, old, new), STR)
    n = tr.value(node.args[2], INT)
    return E(g.call("strings.Replace", s.g, old, new, n), STR)  # a negative count means all, as in Python


def _str_find(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    _args(tr, node, 1)
    return E(g.call("pyFind" if attr == "find" else "pyRFind", s.g, tr.value(node.args[0], STR)), INT)


def _str_partition(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    _args(tr, node, 1)
    fn = "pyPartition" if attr == "partition" else "pyRPartition"
    return E(g.call(fn, s.g, tr.value(node.args[0], STR)), TupleT((STR, STR, STR)))


def _str_splitlines(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    _args(tr, node, 0)  # keepends=True is reported
    return E(g.call("pySplitLines", s.g), ListT(STR), fresh=True)


def _str_expandtabs(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    _args(tr, node, 0, 1)
    size = tr.value(node.args[0], INT) if node.args else Atom("8")
    return E(g.call("pyExpandTabs", s.g, size), STR)


def _str_count(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    _args(tr, node, 1)
    tr.use("strings")
    return E(g.call("strings.Count", s.g, tr.value(node.args[0], STR)), INT)


def _str_startswith(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    _args(tr, node, 1)
    fn = "strings.HasPrefix" if attr == "startswith" else "strings.HasSuffix"
    tr.use("strings")
    arg = node.args[0]
    if isinstance(arg, ast.Tuple):
        if not s.simple:
            raise Unsupported(f"{attr}() with a tuple on an expression that is not a plain value")
        parts = [g.call(fn, s.g, tr.value(a, STR)) for a in arg.elts]
        out: GoExpr = parts[0]
        for p in parts[1:]:
            out = Binary("||", out, p)
        return E(out, BOOL)
    return E(g.call(fn, s.g, tr.value(arg, STR)), BOOL)


def _str_removeprefix(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    _args(tr, node, 1)
    tr.use("strings")
    return E(g.call("strings.TrimPrefix" if attr == "removeprefix" else "strings.TrimSuffix", s.g, tr.value(node.args[0], STR)), STR)


def _str_zfill(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    _args(tr, node, 1)
    return E(g.call("pyZfill", s.g, tr.value(node.args[0], INT)), STR)


def _str_ljust(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    _args(tr, node, 1, 2)
    fill = tr.value(node.args[1], STR) if len(node.args) == 2 else Atom('" "')
    fn = {"ljust": "pyLJust", "rjust": "pyRJust", "center": "pyCenter"}[attr]
    return E(g.call(fn, s.g, tr.value(node.args[0], INT), fill), STR)


def _str_isascii(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    """s.isascii(): every code point below 128 (true for ""), with the standard library alone."""
    _args(tr, node, 0)
    tr.use("strings")
    tr.use("unicode")
    return E(g.Unary("!", g.call("strings.ContainsFunc", s.g, Atom("func(r rune) bool { return r > unicode.MaxASCII }"))), BOOL)


def _str_format(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    return str_format(tr, s, node)


# str method name -> its lowering (one table, no if/elif chain).
STR_METHODS: dict[str, Callable[[Lowerer, E, str, ast.Call, T | None], E]] = {
    "upper": _str_helper, "lower": _str_helper, "isdigit": _str_helper, "isdecimal": _str_helper,
    "isalpha": _str_helper, "isalnum": _str_helper, "isspace": _str_helper, "isupper": _str_helper,
    "islower": _str_helper, "capitalize": _str_helper, "title": _str_helper, "strip": _str_strip, "lstrip": _str_strip,
    "rstrip": _str_strip, "split": _str_split, "rsplit": _str_split, "join": _str_join,
    "replace": _str_replace, "find": _str_find, "rfind": _str_find, "count": _str_count,
    "startswith": _str_startswith, "endswith": _str_startswith, "removeprefix": _str_removeprefix,
    "removesuffix": _str_removeprefix, "zfill": _str_zfill, "ljust": _str_ljust, "rjust": _str_ljust,
    "center": _str_ljust, "format": _str_format, "isascii": _str_isascii,
    "partition": _str_partition, "rpartition": _str_partition, "splitlines": _str_splitlines, "expandtabs": _str_expandtabs,
}


def _str_method(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None = None) -> E:
    lower = STR_METHODS.get(attr)
    if lower is None:
        raise Unsupported(f"str.{attr}()")
    return lower(tr, s, attr, node, want)


def _aliased_module_list(tr: Lowerer, name: str) -> bool:
    """Another module value holds the same list (`B = A`): in Go it would not see A's new length."""
    for stmt in tr.mod.consts.values():
        value = getattr(stmt, "value", None)
        if isinstance(value, ast.Name) and value.id == name:
            return True
    return False


def _append_target(tr: Lowerer, node: ast.expr, what: str) -> str:
    """The Go lvalue of a list that grows or shrinks, when the change stays visible in Go."""
    if isinstance(node, ast.Name):
        var = tr.vars.get(node.id)
        if var is None and node.id in tr.mod.consts and not _aliased_module_list(tr, node.id):
            return tr.r(tr.expr(node).g)  # a module table (`PLURALS.append(...)`): the package var grows
        if var is None:
            raise Unsupported(f"{what} on `{node.id}`, which is not a local list")
        if var.param:
            raise Unsupported(f"{what} on list parameter `{node.id}`: in Go the caller would not see the new length")
        if not var.fresh:
            raise Unsupported(f"{what} on `{node.id}`, a list also held elsewhere: in Go the other holder would not see the new length")
        return var.go
    if isinstance(node, ast.Attribute):
        e = tr.expr(node)
        return tr.r(e.g)
    if isinstance(node, ast.Subscript):
        base = tr.expr(node.value)
        if isinstance(prune(base.t), DictT) and base.simple:
            key = tr.value(node.slice, prune(base.t).key)  # type: ignore[attr-defined]
            if not is_simple_node(node.slice):  # `groups[len(w)].append(w)`: the key is read and written
                tmp = tr.fresh("key")
                tr.emit(f"{tmp} := {tr.r(key)}")
                key = Atom(tmp)
            default = isinstance(node.value, ast.Name) and node.value.id in tr.vars and tr.vars[node.value.id].factory is not None
            if not default and (ast.unparse(node.value), ast.unparse(node.slice)) not in tr.facts.present:
                # Python raises KeyError for a missing key, where Go's `d[k] = append(d[k], x)` would add it
                tr.panics_here(("KeyError",), f"{what} on `{ast.unparse(node)}`")
                tr.emit(tr.r(g.call("pyKey", base.g, key)))
            return tr.r(g.Index(base.g, key))
    raise Unsupported(f"{what} on `{ast.unparse(node)}`")


def list_statement(tr: Lowerer, node: ast.Call) -> bool:
    """Statement-form list mutations (`xs.append(x)` ...); True when handled."""
    fn = node.func
    assert isinstance(fn, ast.Attribute)
    if fn.attr not in ("append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse"):
        return False
    obj = tr.expr(fn.value)
    t = prune(obj.t)
    if not isinstance(t, ListT):
        return False
    if fn.attr in ("sort", "reverse"):
        return False  # in place, no length change: handled as an expression
    target = _append_target(tr, fn.value, f"`.{fn.attr}()`")
    if fn.attr == "append":
        _args(tr, node, 1)
        tr.escape(node.args[0])
        v = tr.value(node.args[0], t.elem, "appended item")
        tr.emit(f"{target} = append({target}, {g.render(v, tr.indent, 2)})")
    elif fn.attr == "extend":
        _args(tr, node, 1)
        src, elem, ordered_src = tr.sequence_arg(node.args[0], ordered_needed=True)
        if not unify(elem, t.elem):
            raise Unsupported("extend() with items of another type")
        tr.emit(f"{target} = append({target}, {g.render(src, tr.indent, 2)}...)")
    elif fn.attr == "insert":
        _args(tr, node, 2)
        tr.emit(f"pyInsert(&{target}, {tr.rl([tr.value(node.args[0], INT), tr.value(node.args[1], t.elem)])})")
    elif fn.attr == "pop":
        _args(tr, node, 0, 1)
        if node.args:
            tr.emit(f"pyPopAt(&{target}, {tr.r(tr.value(node.args[0], INT))})")
        else:
            tr.emit(f"pyPop(&{target})")
    elif fn.attr == "remove":
        _args(tr, node, 1)
        if not comparable(t.elem):
            raise Unsupported(f"remove() on a list of {describe(t.elem)}")
        tr.emit(f"pyRemove(&{target}, {tr.r(tr.value(node.args[0], t.elem))})")
    elif fn.attr == "clear":
        _args(tr, node, 0)
        tr.emit(f"{target} = {target}[:0]")
    return True


def _list_pop(tr: Lowerer, xs: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(xs.t)
    assert isinstance(t, ListT)
    _args(tr, node, 0, 1)
    target = _append_target(tr, node.func.value, "`.pop()`")  # type: ignore[attr-defined]
    tr.impure_inline = True
    if node.args:
        return E(g.call("pyPopAt", Atom("&" + target), tr.value(node.args[0], INT)), t.elem)
    return E(g.call("pyPop", Atom("&" + target)), t.elem)


def _list_count(tr: Lowerer, xs: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(xs.t)
    assert isinstance(t, ListT)
    _args(tr, node, 1)
    if not comparable(t.elem):
        raise Unsupported(f"count() on a list of {describe(t.elem)}")
    return E(g.call("pyCount", xs.g, tr.value(node.args[0], t.elem)), INT)


def _list_copy(tr: Lowerer, xs: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(xs.t)
    assert isinstance(t, ListT)
    _args(tr, node, 0)
    tr.use("slices")
    return E(g.call("slices.Clone", xs.g), t, fresh=True)


def _list_sort(tr: Lowerer, xs: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(xs.t)
    assert isinstance(t, ListT)
    if node.args:
        raise Unsupported("sort() with positional arguments")
    key = next((k.value for k in node.keywords if k.arg == "key"), None)
    rev = next((k.value for k in node.keywords if k.arg == "reverse"), None)
    if any(k.arg not in ("key", "reverse") for k in node.keywords):
        raise Unsupported("sort() keywords")
    reverse = False
    if rev is not None:
        if not isinstance(rev, ast.Constant) or not isinstance(rev.value, bool):
            raise Unsupported("reverse= that is not True or False")
        reverse = rev.value
    if key is None:
        if not ordered(t.elem):
            raise Unsupported(f"sort() of {describe(t.elem)} values")
        if reverse:
            return E(g.call("pySortDesc", xs.g), NONE)
        tr.use("slices")
        return E(g.call("slices.Sort", xs.g), NONE)
    less = tr.key_less(key, t.elem, reverse)
    return E(g.call("pySortFunc", xs.g, less), NONE)


def _list_reverse(tr: Lowerer, xs: E, attr: str, node: ast.Call, want: T | None) -> E:
    _args(tr, node, 0)
    tr.use("slices")
    return E(g.call("slices.Reverse", xs.g), NONE)


def _list_resize(tr: Lowerer, xs: E, attr: str, node: ast.Call, want: T | None) -> E:
    raise Unsupported(f"`.{attr}()` used as a value (it returns None)")


# list method name -> its lowering (one table, no if/elif chain).
LIST_METHODS: dict[str, Callable[[Lowerer, E, str, ast.Call, T | None], E]] = {
    "pop": _list_pop, "count": _list_count, "copy": _list_copy, "sort": _list_sort, "reverse": _list_reverse,
    "append": _list_resize, "extend": _list_resize, "insert": _list_resize, "remove": _list_resize,
    "clear": _list_resize,
}


def _list_method(tr: Lowerer, xs: E, attr: str, node: ast.Call, want: T | None = None) -> E:
    lower = LIST_METHODS.get(attr)
    if lower is None:
        raise Unsupported(f"list.{attr}()")
    return lower(tr, xs, attr, node, want)


def _dict_get(tr: Lowerer, d: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(d.t)
    assert isinstance(t, DictT)
    _args(tr, node, 1, 2)
    if isinstance(prune(t.val), DynT) and (len(node.args) == 1 or isinstance(node.args[1], ast.Constant) and node.args[1].value is None):
        return E(g.Index(d.g, tr.value(node.args[0], t.key, "dict key")), t.val)  # a missing key reads nil, Python's None in an `any`
    key = tr.value(node.args[0], t.key, "dict key", helper=True)
    if len(node.args) == 2:
        if isinstance(node.args[1], ast.Constant) and node.args[1].value is None:
            return E(g.call("pyGetOpt", d.g, key), OptT(t.val))
        dflt = tr.value(node.args[1], t.val, "get() default", helper=True)
        return E(g.call("pyGet", d.g, key, dflt), t.val)
    return E(g.call("pyGetOpt", d.g, key), OptT(t.val))


def _dict_setdefault(tr: Lowerer, d: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(d.t)
    assert isinstance(t, DictT)
    _args(tr, node, 2)
    tr.impure_inline = True
    return E(g.call("pySetDefault", d.g, tr.value(node.args[0], t.key, helper=True), tr.value(node.args[1], t.val, helper=True)), t.val)


def _dict_pop(tr: Lowerer, d: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(d.t)
    assert isinstance(t, DictT)
    _args(tr, node, 1, 2)
    tr.impure_inline = True
    key = tr.value(node.args[0], t.key, helper=True)
    if len(node.args) == 2:
        return E(g.call("pyPopKeyOr", d.g, key, tr.value(node.args[1], t.val, helper=True)), t.val)
    return E(g.call("pyPopKey", d.g, key), t.val)


def _dict_update(tr: Lowerer, d: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(d.t)
    assert isinstance(t, DictT)
    _args(tr, node, 1)
    other = tr.expr(node.args[0], t)
    if not isinstance(prune(other.t), DictT):
        raise Unsupported("update() with other than a dict")
    tr.use("maps")
    return E(g.call("maps.Copy", d.g, tr.coerce(other, t)), NONE)


def _dict_copy(tr: Lowerer, d: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(d.t)
    assert isinstance(t, DictT)
    _args(tr, node, 0)
    tr.use("maps")
    return E(g.call("maps.Clone", d.g), t)


def _dict_clear(tr: Lowerer, d: E, attr: str, node: ast.Call, want: T | None) -> E:
    _args(tr, node, 0)
    return E(g.call("clear", d.g), NONE)


def _dict_keys(tr: Lowerer, d: E, attr: str, node: ast.Call, want: T | None) -> E:
    raise Unsupported(f"dict .{attr}() as a value: Python keeps insertion order, Go maps do not")


# dict method name -> its lowering (one table, no if/elif chain).
DICT_METHODS: dict[str, Callable[[Lowerer, E, str, ast.Call, T | None], E]] = {
    "get": _dict_get, "setdefault": _dict_setdefault, "pop": _dict_pop, "update": _dict_update,
    "copy": _dict_copy, "clear": _dict_clear, "keys": _dict_keys, "values": _dict_keys, "items": _dict_keys,
}


def _dict_method(tr: Lowerer, d: E, attr: str, node: ast.Call, want: T | None = None) -> E:
    lower = DICT_METHODS.get(attr)
    if lower is None:
        raise Unsupported(f"dict.{attr}()")
    return lower(tr, d, attr, node, want)


def _set_add(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(s.t)
    assert isinstance(t, SetT)
    _args(tr, node, 1)
    return E(g.call("pyAdd", s.g, tr.value(node.args[0], t.elem)), NONE)


def _set_discard(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(s.t)
    assert isinstance(t, SetT)
    _args(tr, node, 1)
    return E(g.call("delete", s.g, tr.value(node.args[0], t.elem)), NONE)


def _set_remove(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(s.t)
    assert isinstance(t, SetT)
    _args(tr, node, 1)
    return E(g.call("pyDelKey", s.g, tr.value(node.args[0], t.elem, helper=True)), NONE)


def _set_union(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(s.t)
    assert isinstance(t, SetT)
    _args(tr, node, 1)
    other = tr.expr(node.args[0], t)
    if not isinstance(prune(other.t), SetT):
        raise Unsupported(f"{attr}() with other than a set")
    fn = {"union": "pySetUnion", "intersection": "pySetIntersection", "difference": "pySetDifference"}[attr]
    return E(g.call(fn, s.g, tr.coerce(other, t)), t)


def _set_copy(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None) -> E:
    t = prune(s.t)
    assert isinstance(t, SetT)
    _args(tr, node, 0)
    tr.use("maps")
    return E(g.call("maps.Clone", s.g), t)


# set method name -> its lowering (one table, no if/elif chain).
SET_METHODS: dict[str, Callable[[Lowerer, E, str, ast.Call, T | None], E]] = {
    "add": _set_add, "discard": _set_discard, "remove": _set_remove, "union": _set_union,
    "intersection": _set_union, "difference": _set_union, "copy": _set_copy,
}


def _set_method(tr: Lowerer, s: E, attr: str, node: ast.Call, want: T | None = None) -> E:
    lower = SET_METHODS.get(attr)
    if lower is None:
        raise Unsupported(f"set.{attr}()")
    return lower(tr, s, attr, node, want)

