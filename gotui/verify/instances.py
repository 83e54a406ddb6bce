"""A result that is an instance of a class of the package, compared by its attributes.

`Version.bump_major() -> "Version"` returns an object: neither side can print it as data. Both sides
read it back as the tuple of its attributes instead, the way a method that returns nothing is compared
by its receiver's attributes after the call (receivers.py): Python `getattr(result, a)` for each
attribute, Go the struct field the translator made of it, in the same order. Every field of the Go
struct must be one of the Python class's attributes (assigned on self in a method, or a class-level
literal), and every attribute a method sets on self must be a field: otherwise the comparison would
miss part of the object, and the unit stays `untested` with that reason.
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from typing import Any

from gotui.parse.decorators import declared_fields, defining_module
from gotui.verify.difftest import CallPlan, GoSig, GoType, call_text
from gotui.verify.inputs import FunctionSpec, PyType, Untestable, function_spec
from gotui.verify.receivers import STATE, cache_field, field_of, is_cache_field, struct_fields
from gotui.parse.units import unit_tree

_PLAIN = {"int", "float", "str", "bool", "bytes", "None", "list", "dict", "set", "tuple", "object", "Any"}


def result_class(source: str) -> str | None:
    """The class a def's return annotation names (`-> "Version"`, `-> Version`), or None."""
    try:
        fn = next((n for n in unit_tree(source).body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))), None)
    except SyntaxError:
        return None
    ann = fn.returns if fn is not None else None
    if isinstance(ann, ast.Constant) and isinstance(ann.value, str) and ann.value.isidentifier():
        name = ann.value
    elif isinstance(ann, ast.Name):
        name = ann.id
    else:
        return None
    return name if name not in _PLAIN and name.lstrip("_")[:1].isupper() else None  # `_Timer`: a private class


def class_home(project: Any, path: str, name: str) -> tuple[str, str]:
    """(the module that defines the class `name` as the module at `path` sees it, its name there): the
    module itself, or the sibling it imports the class from (`from .version import Version`)."""
    module = project.module(path) if hasattr(project, "module") else None
    try:
        tree = ast.parse(module.text) if module is not None else None
    except SyntaxError:
        tree = None
    found = defining_module(path, tree, name, ast.ClassDef) if tree is not None else None
    return found or (path, name)


def class_qualname(tree: ast.Module, name: str) -> str | None:
    """The qualified name of the class `name` in a module: a top-level one, else the only class of that
    name nested in another (`LFUCache._Link`, which `LFUCache._Link(0)` builds); None if none or several."""
    if any(isinstance(n, ast.ClassDef) and n.name == name for n in tree.body):
        return name
    found: list[str] = []

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                if child.name == name:
                    found.append(prefix + child.name)
                walk(child, prefix + child.name + ".")

    walk(tree, "")
    return found[0] if len(found) == 1 else None


def _class_node(tree: ast.Module, qualname: str) -> ast.ClassDef | None:
    body: list[ast.stmt] = tree.body
    cls = None
    for part in qualname.split("."):
        cls = next((n for n in body if isinstance(n, ast.ClassDef) and n.name == part), None)
        if cls is None:
            return None
        body = cls.body
    return cls


def _attributes(tree: ast.Module, cls_name: str) -> tuple[list[str], list[str]]:
    """(the attributes the class sets on self in any of its methods, its class-level values), as Python
    stores them (`self.__data` in class Cache is `_Cache__data`). `cls_name` may be qualified
    (`LFUCache._Link`): a nested class mangles its private names by its own name."""
    cls = _class_node(tree, cls_name)
    if cls is None:
        return [], []
    cls_name = cls.name
    # a NamedTuple's or a dataclass's annotated names are what each instance holds (its generated
    # __new__ or __init__ sets them), ClassVar ones aside
    on_self: list[str] = [st.target.id for st in declared_fields(cls)]  # type: ignore[union-attr]
    on_class: list[str] = []
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign):
            on_class += [t.id for t in stmt.targets if isinstance(t, ast.Name) and not t.id.startswith("__")]
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and (stmt.args.posonlyargs or stmt.args.args):
            me = [*stmt.args.posonlyargs, *stmt.args.args][0].arg  # `def __init__(self, /, x)` too
            for n in ast.walk(stmt):
                if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == me and isinstance(n.ctx, ast.Store):
                    on_self.append(n.attr)

    def stored(names: list[str]) -> list[str]:
        return [f"_{cls_name.lstrip('_')}{n}" if n.startswith("__") and not n.endswith("__") else n for n in dict.fromkeys(names)]

    return stored(on_self), stored(on_class)


def spec_of(source: str, is_method: bool = False, module_text: str = "",
            transparent: frozenset[str] = frozenset(), collected: bool = False,
            aliases: dict[str, ast.expr] | None = None) -> tuple[FunctionSpec, bool]:
    """(function_spec of the def, whether its result is an instance to read back by its attributes).
    A def whose only unsupported type is a class it returns (`-> "Version"`) gets the spec of its
    parameters; instance_result then describes the result."""
    try:
        return function_spec(source, is_method=is_method, module_text=module_text, transparent=transparent, collected=collected,
                             aliases=aliases), False
    except Untestable as exc:
        if not str(exc).startswith("return: ") or result_class(source) is None:
            raise
    tree = unit_tree(source)
    fn = next(n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))
    fn.returns = ast.Constant(None)
    return function_spec(ast.unparse(fn), is_method=is_method, module_text=module_text, transparent=transparent, collected=collected,
                         aliases=aliases), True


def instance_result(project: Any, path: str, source: str, spec: FunctionSpec,
                    sig: GoSig, own: str = "") -> tuple[FunctionSpec, GoSig, list[str], list[str]]:
    """(the spec and Go signature with the result read as the instance's attributes, those attributes,
    their Go fields) for a unit that returns an instance of a class of its module (result_class); `own`:
    the qualified name of the unit's own class, which a bare `_Link` names when it ends so.
    Raises Untestable when the object cannot be read back whole on both sides."""
    name = result_class(source)
    if name is None:
        raise Untestable("its result is no class of the package")
    results = [r for r in sig.results if r.kind != "error"]
    if len(results) != 1 or not re.fullmatch(r"\*\w+", results[0].text):
        raise Untestable(f"returns a {name}, and the Go returns ({', '.join(r.text for r in sig.results)})")
    go_type = results[0].text[1:]
    here = path
    path, name = class_home(project, path, name)
    module = project.module(path) if hasattr(project, "module") else None
    if module is None:
        raise Untestable(f"returns a {name}, and its module cannot be read")
    try:
        tree = ast.parse(module.text)
    except SyntaxError:
        raise Untestable(f"returns a {name}, and its module does not parse") from None
    # a class nested in another: its unit is Outer.Inner (the unit's own class, else the only one so named)
    mine = path == here and own.rsplit(".", 1)[-1] == name
    name = own if mine else class_qualname(tree, name) or name
    cls_id = f"{path}::{name}"
    cls_unit = project.unit(cls_id) if hasattr(project, "unit") else None
    cls_rec = project.session.get(cls_id) if hasattr(project, "session") else None
    if cls_unit is None or cls_rec is None or not cls_rec.go.strip():
        raise Untestable(f"returns a {name}, a class outside the package or with no Go")
    every = struct_fields(cls_rec.go, go_type)
    fields = [(f, t) for f, t in every if not is_cache_field(f)]  # (Go's memo of a @cached_property)
    on_self, on_class = _attributes(tree, name)
    on_self = [a for a in on_self if cache_field(a) not in dict(every)]  # a value assigned over a @cached_property
    by_field = {field_of(a): a for a in [*on_self, *on_class]}
    missing = [f for f, _ in fields if f not in by_field]
    # every attribute an instance gets must be compared too: one the struct has no field for is
    # state the Go would not return
    unseen = [a for a in on_self if field_of(a) not in dict(fields)]
    if unseen:
        raise Untestable(f"returns a {name}, which sets {', '.join(unseen)} that its Go struct {go_type} has no field for")
    if missing or not fields:
        raise Untestable(f"returns a {name}, whose Go struct {go_type} has fields the Python class sets no attribute for ({', '.join(missing)})"
                         if missing else f"returns a {name}, whose Go struct {go_type} has no fields to compare")
    attrs = [by_field[f] for f, _ in fields]
    has_err = any(r.kind == "error" for r in sig.results)
    new_sig = replace(sig, results=[gt for _, gt in fields] + ([GoType("error", "error")] if has_err else []))
    # one attribute is compared as itself (a Go function with one result), several as a tuple
    new_spec = replace(spec, returns=STATE if len(attrs) == 1 else PyType("tuple", tuple(STATE for _ in attrs)))
    return new_spec, new_sig, attrs, [f for f, _ in fields]


def read_back(plan: CallPlan, fields: list[str], types: list[GoType]) -> CallPlan:
    """The plan with its call wrapped so that the row's result is the instance's fields, in order."""
    call = call_text(plan)
    out = ", ".join(f"r.{f}" for f in fields)
    if plan.has_err:
        named = ", ".join(f"f{i} {t.text}" for i, t in enumerate(types))
        expr = f"func() ({named}, err error) {{ r, err := {call}; if err != nil {{ return }}; return {out}, nil }}()"
    else:
        expr = f"func() ({', '.join(t.text for t in types)}) {{ r := {call}; return {out} }}()"
    return replace(plan, expr=expr)
