"""The types of fields that `__init__` leaves open (`self.__links = {}`), read from what the class's other
methods store in them (`self.__links[key] = link`).

Only values whose type is plain without lowering the method count: parameters of known type, literals,
`len(...)`, a constructor of a class of the package (`LFUCache._Link(1)`), a field already typed, and
locals set only from such values. The typed stores must agree, or the field is left out (then the
class says it cannot type it); a store of a value not typed here is checked where it is lowered.
"""

from __future__ import annotations

import ast
import collections
from typing import Callable

from gotui.evidence.model import Evidenced
from gotui.llm.rules.package import ClassInfo, FuncInfo, PackageInfo
from gotui.llm.rules.signatures import class_names, evidence_type, literal_type, no_evidence_reason, several_types
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import INT, NONE, ClassT, DictT, DynT, ListT, SetT, T, has_var, parse_annotation


def method_param_types(pkg: PackageInfo, m: FuncInfo, names: set[str], me: ClassT) -> dict[str, T]:
    """A method's parameters whose types are known without lowering it (annotation, evidence, a literal
    default; a value of several types the trace saw is DynT), `self` as `me`."""
    args = m.node.args.args
    ptypes: dict[str, T] = {args[0].arg: me}
    defaults = dict(zip([a.arg for a in args][len(args) - len(m.node.args.defaults):], m.node.args.defaults))
    for a in args[1:]:
        try:
            t = parse_annotation(a.annotation, names) if a.annotation is not None else evidence_type(pkg.evidence(m).get(a.arg), names)
        except Unsupported:
            t = None
        if t is None and a.annotation is None:
            why = several_types(pkg, m, a.arg)
            t = DynT(no_evidence_reason(a.arg, Evidenced("", why), names)) if why else None
        if t is None and a.arg in defaults:
            t = literal_type(defaults[a.arg])
        if t is not None:
            ptypes[a.arg] = t
    return ptypes


def self_field(node: ast.expr, self_name: str) -> str | None:
    """`F` of `self.F`, else None."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == self_name:
        return node.attr
    return None


def called_class(pkg: PackageInfo, cls: ClassInfo, func: ast.expr) -> ClassInfo | None:
    """The package class a call builds: `Link(...)`, or a nested one, `LFUCache._Link(...)`."""
    if isinstance(func, ast.Name):
        return pkg.find_class(cls.module, func.id)
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        outer = pkg.find_class(cls.module, func.value.id)
        return outer.inner.get(func.attr) if outer is not None else None
    return None


class _MethodValues:
    """The types of simple values in one method: what a store into a field may be typed by."""

    def __init__(self, pkg: PackageInfo, cls: ClassInfo, m: FuncInfo, ptypes: dict[str, T], known: dict[str, T]) -> None:
        self.pkg, self.cls, self.known = pkg, cls, known
        self.self_name = m.node.args.args[0].arg
        self.stores = collections.Counter(n.id for n in ast.walk(m.node) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load))
        self.names = {n: t for n, t in ptypes.items() if n not in self.stores}
        self.names.update(self._locals(m.node))

    def of(self, node: ast.expr) -> T | None:
        if isinstance(node, ast.Name):
            return self.names.get(node.id)
        if isinstance(node, ast.Constant) and node.value is None:
            return NONE  # an OrderedDict as an ordered set
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" and len(node.args) == 1:
            return INT
        if isinstance(node, ast.Call):
            built = called_class(self.pkg, self.cls, node.func)
            return ClassT(built.key) if built is not None else None
        field = self_field(node, self.self_name)
        if field is not None:
            t = self.known.get(field)
            return t if t is not None and not has_var(t) else None
        return literal_type(node)

    def _locals(self, fn: ast.AST) -> dict[str, T]:
        """Locals set only by plain assignments (`link = LFUCache._Link(1)`, `link = root.next`) whose typed
        values agree; a read of an attribute (its type unknown here) must be of that type too in Go,
        where a local has one type, so it does not stop the others from typing the local."""
        values: dict[str, list[ast.expr]] = {}
        for n in ast.walk(fn):
            if isinstance(n, ast.Assign):
                for t in n.targets:
                    if isinstance(t, ast.Name):
                        values.setdefault(t.id, []).append(n.value)
        out: dict[str, T] = {}
        for name, vals in values.items():
            if len(vals) != self.stores[name] or name == self.self_name:
                continue
            typed = [self.of(v) for v in vals]
            known = {t for t in typed if t is not None}
            if len(known) == 1 and all(t is not None or isinstance(v, ast.Attribute) for t, v in zip(typed, vals)):
                out[name] = known.pop()
        return out


def container_field_types(pkg: PackageInfo, cls: ClassInfo, wanted: set[str], known: dict[str, T] | None = None) -> dict[str, T]:
    """The types of fields __init__ sets to an empty container (`self.__data = {}`), from what the other
    methods put in them: `self.F[k] = v` (or through a local, `data = self.F; data[k] = v`),
    `self.F.append(v)`, `self.F.add(v)`, where k and v are values of a plain type (_MethodValues);
    `known`: the class's fields typed already. The methods of the module's other classes count too,
    where they store through a local of this class (`link.keys[key] = None`, `link` an `LFUCache._Link`).
    Every typed store must agree; a field only read, or filled with values of no known type, is left out."""
    me = ClassT(cls.key)
    names = class_names(pkg, cls.module, cls)
    seen: dict[str, list[T | None]] = {}
    for m in cls.methods.values():
        if m.name == "__init__" or m.kind != "method" or not m.node.args.args:
            continue
        values = _MethodValues(pkg, cls, m, method_param_types(pkg, m, names, me), known or {})
        self_name = values.self_name
        alias: dict[str, str] = {}  # local -> the field it names (`data = self.__data`), when set only there
        for n in ast.walk(m.node):
            if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) \
                    and self_field(n.value, self_name) in wanted and values.stores[n.targets[0].id] == 1:
                alias[n.targets[0].id] = self_field(n.value, self_name)  # type: ignore[assignment]

        def own_field(node: ast.expr) -> str | None:
            f = self_field(node, self_name)
            if f is None and isinstance(node, ast.Name):
                f = alias.get(node.id)
            return f if f in wanted else None

        _stores(m.node, values, own_field, seen)
    for other in pkg.all_classes():
        if other is cls or other.module is not cls.module:
            continue
        other_names = class_names(pkg, other.module, other)
        for m in other.methods.values():
            if m.kind != "method" or not m.node.args.args:
                continue
            values = _MethodValues(pkg, other, m, method_param_types(pkg, m, other_names, ClassT(other.key)), {})

            def through_local(node: ast.expr) -> str | None:
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.attr in wanted \
                        and node.value.id != values.self_name and values.names.get(node.value.id) == me:
                    return node.attr
                return None

            _stores(m.node, values, through_local, seen)
    # a store of a value not typed here is lowered against the field's type where it is, and refused
    # there if it differs: the typed stores decide
    typed = {f: {t for t in ts if t is not None} for f, ts in seen.items()}
    return {f: ts.pop() for f, ts in typed.items() if len(ts) == 1}


def _stores(fn: ast.AST, values: _MethodValues, field_of: Callable[[ast.expr], str | None], seen: dict[str, list[T | None]]) -> None:
    """The type each store into a field (as `field_of` finds it) gives that field, into `seen`."""
    for n in ast.walk(fn):
        if isinstance(n, ast.Assign):
            for t in n.targets:
                if isinstance(t, ast.Subscript) and field_of(t.value) is not None:
                    kt, vt = values.of(t.slice), values.of(n.value)
                    seen.setdefault(field_of(t.value), []).append(DictT(kt, vt) if kt is not None and vt is not None else None)  # type: ignore[arg-type]
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("append", "add") \
                and len(n.args) == 1 and not n.keywords and field_of(n.func.value) is not None:
            et = values.of(n.args[0])
            wrap = ListT if n.func.attr == "append" else SetT
            seen.setdefault(field_of(n.func.value), []).append(wrap(et) if et is not None else None)  # type: ignore[arg-type]
