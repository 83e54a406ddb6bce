"""A module constant that a package function computes at import from literal data, computed here
instead, without running anything: webcolors' `_HTML4_HEX_TO_NAMES = _reversedict(_HTML4_NAMES_TO_HEX)`,
where `_reversedict(d)` is `return {value: key for key, value in d.items()}`.

The Go of such a function can be refused (a dict comprehension whose keys may collide keeps the value
Python's insertion order decides, which a Go map's order does not), and then the constant, and every
unit that reads it, stayed partial. Its value, though, is fixed at import: Python builds it once from
literals. `static_data` evaluates the few forms such builders use over plain values (literals, other
constants bound once and never changed in place, displays, comprehensions, `.items()`/`.keys()`/
`.values()`, `str.lower/upper/strip`, and calls of package functions whose body is a single `return`),
with Python's own semantics (a dict comprehension keeps the last value of a repeated key), within a
budget of items. The result is written back as a literal (`as_literal`), which the constant's
translation then takes as if the source had spelled it out (preamble.py). Nothing of the package is
imported or run: only this interpreter of a handful of node types reads its source.
"""

from __future__ import annotations

import ast
from typing import Any

from gotui.llm.rules.package import FuncInfo, ModuleInfo, PackageInfo
from gotui.llm.rules.static_value import MAX_ITEMS, NotStatic, const_assignment

_SCALARS = (str, int, float, bool, type(None))
_STR_METHODS = {"lower", "upper", "strip", "lstrip", "rstrip", "casefold"}
_MUTATORS = {"append", "extend", "insert", "pop", "remove", "clear", "update", "setdefault", "popitem", "sort", "reverse",
             "add", "discard", "__setitem__", "__delitem__"}
_BUILDERS = {"dict": dict, "list": list, "tuple": tuple, "set": set, "frozenset": frozenset, "sorted": sorted}


def static_data(pkg: PackageInfo, module: ModuleInfo, node: ast.expr) -> Any:
    """The value of `node` as Python computes it at import, or NotStatic when it needs anything this
    interpreter does not follow (or more than MAX_ITEMS items)."""
    return _Eval(pkg).value(module, node, {})


def as_literal(value: Any) -> ast.expr:
    """A computed value as the literal that spells it (dicts in their order); NotStatic for an empty set
    (no literal) or a value of another type."""
    if isinstance(value, _SCALARS):
        return ast.Constant(value)
    if isinstance(value, dict):
        return ast.Dict([as_literal(k) for k in value], [as_literal(v) for v in value.values()])
    if isinstance(value, list):
        return ast.List([as_literal(v) for v in value], ast.Load())
    if isinstance(value, tuple):
        return ast.Tuple([as_literal(v) for v in value], ast.Load())
    if isinstance(value, (set, frozenset)) and value:
        return ast.Set([as_literal(v) for v in sorted(value, key=repr)])
    raise NotStatic


def _changed_in_place(module: ModuleInfo, name: str) -> bool:
    """Whether anything in the module changes the constant `name` in place (`NAMES["x"] = ...`,
    `NAMES.update(...)`, `del NAMES[k]`): then its literal is not its value when it is read."""
    if module.tree is None:
        return True
    for n in ast.walk(module.tree):
        if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == name and not isinstance(n.ctx, ast.Load):
            return True
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _MUTATORS \
                and isinstance(n.func.value, ast.Name) and n.func.value.id == name:
            return True
        if isinstance(n, ast.Global) and name in n.names:
            return True
    return False


def _single_return(f: FuncInfo) -> tuple[list[str], ast.expr] | None:
    """(parameter names, returned expression) of a function whose body is one `return expr` (after its
    docstring), with plain positional parameters and no decorator; else None."""
    node = f.node
    a = node.args
    if node.decorator_list or a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs or a.defaults or isinstance(node, ast.AsyncFunctionDef):
        return None
    body = list(node.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None:
        return None
    return [p.arg for p in a.args], body[0].value


class _Eval:
    """One evaluation: its budget of items is shared by every step."""

    def __init__(self, pkg: PackageInfo) -> None:
        self.pkg = pkg
        self.left = MAX_ITEMS
        self.depth = 0

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise NotStatic

    def value(self, module: ModuleInfo, node: ast.expr, scope: dict[str, Any]) -> Any:
        self.depth += 1
        try:
            if self.depth > 40:
                raise NotStatic
            return self._value(module, node, scope)
        finally:
            self.depth -= 1

    def _value(self, module: ModuleInfo, node: ast.expr, scope: dict[str, Any]) -> Any:
        again = lambda n: self.value(module, n, scope)  # noqa: E731
        if isinstance(node, ast.Constant) and isinstance(node.value, _SCALARS):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            v = again(node.operand)
            if type(v) not in (int, float):
                raise NotStatic
            return -v
        if isinstance(node, ast.Name):
            if node.id in scope:
                return scope[node.id]
            found = const_assignment(self.pkg, module, node.id)
            if found is None or _changed_in_place(found[1], found[2]):
                raise NotStatic
            return self.value(found[1], found[0], {})
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            if any(isinstance(e, ast.Starred) for e in node.elts):
                raise NotStatic
            self.spend(len(node.elts))
            items = [again(e) for e in node.elts]
            try:
                return items if isinstance(node, ast.List) else tuple(items) if isinstance(node, ast.Tuple) else set(items)
            except TypeError:  # an unhashable item: Python would raise at import
                raise NotStatic from None
        if isinstance(node, ast.Dict):
            self.spend(len(node.keys))
            out: dict[Any, Any] = {}
            try:
                for k, v in zip(node.keys, node.values):
                    if k is None:  # `{"orange": "#ffa500", **HTML4}`: the other dict's pairs, in its order
                        other = again(v)
                        if not isinstance(other, dict):
                            raise NotStatic
                        self.spend(len(other))
                        out.update(other)
                    else:
                        out[again(k)] = again(v)
            except TypeError:
                raise NotStatic from None
            return out
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp)):
            return self._comprehension(module, node, scope)
        if isinstance(node, ast.Call) and not node.keywords and not any(isinstance(a, ast.Starred) for a in node.args):
            return self._call(module, node, scope)
        raise NotStatic

    def _call(self, module: ModuleInfo, node: ast.Call, scope: dict[str, Any]) -> Any:
        args = [self.value(module, a, scope) for a in node.args]
        func = node.func
        if isinstance(func, ast.Attribute) and not args:
            obj = self.value(module, func.value, scope)
            if isinstance(obj, dict) and func.attr in ("items", "keys", "values"):
                return list(getattr(obj, func.attr)())
            if isinstance(obj, str) and func.attr in _STR_METHODS:
                return getattr(obj, func.attr)()
            raise NotStatic
        if not isinstance(func, ast.Name) or func.id in scope:
            raise NotStatic
        found = self.pkg.resolve(module, func.id)
        if found is None and func.id in _BUILDERS and len(args) == 1 and isinstance(args[0], (list, tuple, set, frozenset, dict)):
            try:
                return _BUILDERS[func.id](args[0])
            except TypeError:  # an unhashable item, a dict() of non-pairs: Python would raise at import
                raise NotStatic from None
        if found is None or found[0] != "function":
            raise NotStatic
        f: FuncInfo = found[1]  # type: ignore[assignment]
        shape = _single_return(f)
        if shape is None or len(shape[0]) != len(args):
            raise NotStatic
        return self.value(f.module, shape[1], dict(zip(shape[0], args)))

    def _comprehension(self, module: ModuleInfo, node: ast.ListComp | ast.SetComp | ast.DictComp, scope: dict[str, Any]) -> Any:
        out: list[Any] = []

        def run(i: int, inner: dict[str, Any]) -> None:
            if i == len(node.generators):
                if isinstance(node, ast.DictComp):
                    out.append((self.value(module, node.key, inner), self.value(module, node.value, inner)))
                else:
                    out.append(self.value(module, node.elt, inner))
                return
            gen = node.generators[i]
            if gen.is_async:
                raise NotStatic
            source = self.value(module, gen.iter, inner)
            if isinstance(source, dict):
                source = list(source)  # iterating a dict gives its keys, in order
            if not isinstance(source, (list, tuple, str)):
                raise NotStatic  # a set's order is Python's hash order: not followed
            self.spend(len(source))
            for item in source:
                bound = {**inner, **_bind(gen.target, item)}
                if all(self.value(module, cond, bound) for cond in gen.ifs):
                    run(i + 1, bound)

        run(0, dict(scope))
        if isinstance(node, ast.DictComp):
            try:
                return dict(out)  # a repeated key keeps its last value, as Python's comprehension does
            except TypeError:
                raise NotStatic from None
        if isinstance(node, ast.SetComp):
            try:
                return set(out)
            except TypeError:
                raise NotStatic from None
        return out


def _bind(target: ast.expr, item: Any) -> dict[str, Any]:
    if isinstance(target, ast.Name):
        return {target.id: item}
    if isinstance(target, ast.Tuple) and isinstance(item, (tuple, list)) and len(item) == len(target.elts):
        out: dict[str, Any] = {}
        for t, v in zip(target.elts, item):
            out.update(_bind(t, v))
        return out
    raise NotStatic
