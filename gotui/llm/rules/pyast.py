"""Python-only AST helpers the package model uses: no Go, no types, nothing from the rest of the translator.

What a module-level statement does when imported, what an import binds, the names of decorators and
bases, the rewrites that read a property setter or a `cls`-only classmethod as a plain method, and
walks of a statement that the analyses repeat often enough to keep (`walked`, `shallow_calls`, kept
by `package.memo` for as long as the package's trees live).
"""

from __future__ import annotations

import ast
from pathlib import PurePosixPath
import copy as copy_module


def is_simple_node(node: ast.expr) -> bool:
    """Evaluating it twice is the same as once: a name, literal, or attribute chain of those."""
    if isinstance(node, (ast.Name, ast.Constant)):
        return True
    if isinstance(node, ast.Attribute):
        return is_simple_node(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        return True
    return False


def _is_main_guard(test: ast.expr) -> bool:
    """`__name__ == "__main__"` (a script's entry point) or `TYPE_CHECKING` (typing only): never a library's effect."""
    if isinstance(test, ast.Name) and test.id == "TYPE_CHECKING" or isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING":
        return True
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
            and len(test.comparators) == 1 and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value == "__main__")


def has_effect(stmt: ast.stmt) -> bool:
    """A module-level statement that does something when the module is imported (a call that fills a
    table, a loop, an augmented assignment), as opposed to a definition, an import, a constant or a
    docstring. These become Go's init() or an explicit TODO: never dropped silently."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom, ast.Pass,
                         ast.Assign, ast.AnnAssign)):
        return False
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
        return False  # a docstring or `...`
    if isinstance(stmt, ast.If) and _is_main_guard(stmt.test):
        return False
    if isinstance(stmt, ast.Try) and all(isinstance(s, (ast.Import, ast.ImportFrom, ast.Pass, ast.Assign)) for s in stmt.body):
        return False  # `try: import x except ImportError: x = None`: an optional import
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id.startswith("__"):
        return False  # `__all__ += [...]`: module metadata
    return True


def import_bindings(stmt: ast.stmt) -> list[tuple[str, tuple[str, str]]]:
    """(bound name, (module, attr or "")) for each name an import statement binds; [] for other statements."""
    if isinstance(stmt, ast.Import):
        return [(a.asname or a.name.split(".")[0], (a.name if a.asname else a.name.split(".")[0], "")) for a in stmt.names]
    if isinstance(stmt, ast.ImportFrom):
        base = ("." * stmt.level) + (stmt.module or "")
        return [(a.asname or a.name, (base, a.name)) for a in stmt.names if a.name != "*"]
    return []


def decorator_name(d: ast.expr) -> str:
    if isinstance(d, ast.Call):
        d = d.func
    if isinstance(d, ast.Attribute):
        return d.attr
    return d.id if isinstance(d, ast.Name) else ast.unparse(d)


def code_of(body: list[ast.stmt]) -> list[ast.stmt]:
    """A body's statements other than bare constants (a docstring, `...`): what it does."""
    return [s for s in body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]


def base_name(b: ast.expr) -> str:
    if isinstance(b, ast.Attribute):
        return b.attr
    return b.id if isinstance(b, ast.Name) else ast.unparse(b)


def int_literal(node: ast.expr) -> bool:
    """`2` or `-2`: an int, though a float context writes it 2.0 in Go."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) is int


def import_bases(here: PurePosixPath, level: int) -> list[PurePosixPath]:
    """The folders an import's dotted name is read from, for a module in folder `here`: with `level`
    leading dots, that many folders up (one: `here`); absolute, the repository root, then each folder
    above the module (a source root such as `src/`)."""
    if level:
        return [here.parents[level - 2] if level > 1 else here] if level - 1 <= len(here.parents) else []
    return [PurePosixPath("")] + [PurePosixPath(*here.parts[:i]) for i in range(1, len(here.parts) + 1)]


def root_name(e: ast.expr) -> str | None:
    """The name an attribute chain starts from (`os` of `os.path.join`), or None."""
    while isinstance(e, ast.Attribute):
        e = e.value
    return e.id if isinstance(e, ast.Name) else None


def setter_as_method(node: ast.FunctionDef, getter: ast.FunctionDef | ast.AsyncFunctionDef | None) -> ast.FunctionDef | None:
    """`@x.setter def x(self, value)` as the plain method `set_x(self, value)`; an unannotated value
    takes the getter's annotated result type (the property's type). None for other shapes."""
    a = node.args
    if getter is None or len(a.args) != 2 or a.posonlyargs or a.vararg or a.kwonlyargs or a.kwarg:
        return None
    copy = copy_module.deepcopy(node)
    copy.name = ("_set_" if node.name.startswith("_") else "set_") + node.name.lstrip("_")
    copy.decorator_list = []
    if copy.args.args[1].annotation is None and getter.returns is not None:
        copy.args.args[1].annotation = copy_module.deepcopy(getter.returns)
    return copy


def classmethod_as_static(node: ast.FunctionDef | ast.AsyncFunctionDef, cls_name: str) -> ast.FunctionDef | None:
    """A classmethod whose `cls` is only read, rewritten as a static method naming the class itself.

    Faithful as long as no subclass calls it (then `cls` would be the subclass): the translator checks
    that when it translates the method. None when `cls` is rebound or the method takes no `cls`.
    """
    args = node.args.posonlyargs + node.args.args
    if not args or isinstance(node, ast.AsyncFunctionDef):
        return None
    first = args[0].arg
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and n.id == first and not isinstance(n.ctx, ast.Load):
            return None
        if isinstance(n, ast.arg) and n.arg == first and n is not args[0]:
            return None
        if isinstance(n, (ast.Global, ast.Nonlocal)) and first in n.names:
            return None

    class Rename(ast.NodeTransformer):
        def visit_Name(self, n: ast.Name) -> ast.expr:
            return ast.copy_location(ast.Name(cls_name, n.ctx), n) if n.id == first else n

    copy = Rename().visit(copy_module.deepcopy(node))
    if node.args.posonlyargs:
        copy.args.posonlyargs = copy.args.posonlyargs[1:]
    else:
        copy.args.args = copy.args.args[1:]
    copy.decorator_list = [d for d in copy.decorator_list if decorator_name(d) != "classmethod"] or copy.decorator_list[:0]
    copy.decorator_list.insert(0, ast.copy_location(ast.Name("staticmethod", ast.Load()), node.decorator_list[0]))
    return copy


def _shallow_exprs(stmt: ast.stmt) -> list[ast.AST]:
    """The expressions a statement evaluates itself (not those of nested statements)."""
    out: list[ast.AST] = []
    for name, value in ast.iter_fields(stmt):
        if name in ("body", "orelse", "finalbody", "handlers"):
            continue
        if isinstance(value, ast.AST):
            out.append(value)
        elif isinstance(value, list):
            out.extend(v for v in value if isinstance(v, ast.AST))
    return out


_ITEM_METHODS = {ast.Load: "__getitem__", ast.Store: "__setitem__", ast.Del: "__delitem__"}


def shallow_calls(stmt: ast.stmt) -> tuple[ast.Call, ...]:
    """The calls among the expressions a statement evaluates itself (not those of nested statements).
    `self[k]` is among them as the call it is, `self.__getitem__(k)` (`__setitem__`, `__delitem__`
    where it is assigned or deleted): what that method raises, the statement may."""
    out = []
    for expr in _shallow_exprs(stmt):
        for n in ast.walk(expr):
            if isinstance(n, ast.Call):
                out.append(n)
            elif isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == "self":
                method = _ITEM_METHODS[type(n.ctx)]
                out.append(ast.Call(ast.Attribute(n.value, method, ast.Load()), [n.slice], []))
    return tuple(out)


def walked(stmt: ast.stmt) -> tuple[ast.AST, ...]:
    """`ast.walk(stmt)` as a tuple, to keep (package.memo)."""
    return tuple(ast.walk(stmt))


def optional_import(stmt: ast.Try) -> tuple[list[str], dict[str, str]] | None:
    """`try: from fastlib import f` / `except ImportError: f = None` at module level: (the modules it
    imports, each name the fallback sets to None -> why Go takes the fallback); None for any other
    `try`. The caller keeps it only for modules not in the folder: an optional accelerator or backend,
    which Go does not have, so the code Python runs without it is the code translated."""
    caught = [{n.id for n in ast.walk(h.type) if isinstance(n, ast.Name)} if h.type is not None else set() for h in stmt.handlers]
    imports = [s for s in stmt.body if isinstance(s, (ast.Import, ast.ImportFrom))]
    if not stmt.handlers or any(not c or not c <= {"ImportError", "ModuleNotFoundError"} for c in caught) \
            or len(imports) != len(stmt.body) or stmt.orelse or stmt.finalbody:
        return None
    modules = ["." * s.level + (s.module or "") if isinstance(s, ast.ImportFrom) else s.names[0].name for s in imports]
    fallback: dict[str, str] = {}
    for h in stmt.handlers:
        for s in h.body:
            if isinstance(s, ast.Pass):
                continue
            if not (isinstance(s, ast.Assign) and isinstance(s.value, ast.Constant) and s.value.value is None
                    and all(isinstance(t, ast.Name) for t in s.targets)):
                return None
            for t in s.targets:
                fallback[t.id] = (f"`{ast.unparse(imports[0])}` is an optional import (line {stmt.lineno}); Go has no "  # type: ignore[attr-defined]
                                  f"such module, so its fallback `{t.id} = None` holds")  # type: ignore[attr-defined]
    return modules, fallback


NUMERIC_CALLS = {"len", "round", "abs", "sum", "min", "max", "int", "float", "ord"}


def numeric_arg(fn: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, arg: ast.expr) -> bool:
    """An argument that is a number for sure: a numeric literal, arithmetic, a numeric built-in's result, a
    parameter annotated int, float or bool (int()/float() of it cannot fail on text)."""
    if isinstance(arg, ast.Constant):
        return isinstance(arg.value, (int, float)) and not isinstance(arg.value, bool) or isinstance(arg.value, bool)
    if isinstance(arg, (ast.BinOp, ast.UnaryOp)):
        return True
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id in NUMERIC_CALLS:
        return True
    if isinstance(arg, ast.Name):
        for a in fn.args.args + fn.args.kwonlyargs:
            if a.arg == arg.id and a.annotation is not None:
                return isinstance(a.annotation, ast.Name) and a.annotation.id in ("int", "float", "bool")
    return False


def several_arg(fn: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, arg: ast.expr) -> bool:
    """A parameter annotated with other than one plain type (a union, an alias of one, Any, object):
    int() or float() of it may meet a value they refuse with TypeError."""
    if isinstance(arg, ast.Name):
        for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs:
            if a.arg == arg.id and a.annotation is not None:
                ann = a.annotation
                return not (isinstance(ann, ast.Name) and ann.id in ("int", "float", "bool", "str")
                            or isinstance(ann, ast.Constant) and ann.value in ("int", "float", "bool", "str"))
    return False


def target_values(target: ast.expr, value: ast.expr) -> list[tuple[ast.expr, ast.expr]]:
    """(leaf target, the value it gets) of one assignment target: `self.a, self.b = a, b` gives both
    pairs; from a value that is not a tuple literal of the same length, each leaf gets `value[i]`.
    A starred leaf gets nothing (its value is a list the caller would have to build)."""
    if not isinstance(target, (ast.Tuple, ast.List)):
        return [(target, value)]
    out: list[tuple[ast.expr, ast.expr]] = []
    same = isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts)
    for i, t in enumerate(target.elts):
        if isinstance(t, ast.Starred):
            continue
        out.extend(target_values(t, value.elts[i] if same else ast.Subscript(value, ast.Constant(i), ast.Load())))  # type: ignore[attr-defined]
    return out


def groupdict_as_groups(node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """A copy of the function with `d = m.groupdict()` read as the match itself: each `d["name"]` and
    `d.get("name")` becomes `m.group("name")` (the same str or None) and the assignment goes. Only where
    that is all `d` is used for, and `d` and `m` are bound once (so `m` is the same match at every
    read); None when the function has no such dict. isodate's `groups = match.groupdict()` then
    `groups["tzname"]`."""
    bindings: dict[str, int] = {}
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
            bindings[n.id] = bindings.get(n.id, 0) + 1
        elif isinstance(n, ast.arg):
            bindings[n.arg] = bindings.get(n.arg, 0) + 1
        elif isinstance(n, (ast.Global, ast.Nonlocal)):
            for name in n.names:
                bindings[name] = bindings.get(name, 0) + 2
    dicts: dict[str, str] = {}  # d -> m
    for n in ast.walk(node):
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) \
                and isinstance(n.value, ast.Call) and isinstance(n.value.func, ast.Attribute) and n.value.func.attr == "groupdict" \
                and isinstance(n.value.func.value, ast.Name) and not n.value.args and not n.value.keywords:
            d, m = n.targets[0].id, n.value.func.value.id
            if bindings.get(d) == 1 and bindings.get(m) == 1:
                dicts[d] = m
    if not dicts:
        return None
    keyed: set[int] = set()  # the Name nodes of d that are read by a constant key
    for n in ast.walk(node):
        if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id in dicts and isinstance(n.ctx, ast.Load) \
                and isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, str):
            keyed.add(id(n.value))
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "get" and isinstance(n.func.value, ast.Name) \
                and n.func.value.id in dicts and len(n.args) == 1 and not n.keywords and isinstance(n.args[0], ast.Constant) \
                and isinstance(n.args[0].value, str):
            keyed.add(id(n.func.value))
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and n.id in dicts and isinstance(n.ctx, ast.Load) and id(n) not in keyed:
            dicts.pop(n.id, None)  # used some other way: a dict it stays
    if not dicts:
        return None

    def group(m: str, key: ast.expr, at: ast.AST) -> ast.expr:
        return ast.copy_location(ast.Call(ast.Attribute(ast.Name(m, ast.Load()), "group", ast.Load()), [key], []), at)

    class Rewrite(ast.NodeTransformer):
        def visit_Subscript(self, n: ast.Subscript) -> ast.AST:
            if isinstance(n.value, ast.Name) and n.value.id in dicts and isinstance(n.ctx, ast.Load):
                return group(dicts[n.value.id], n.slice, n)
            self.generic_visit(n)
            return n

        def visit_Call(self, n: ast.Call) -> ast.AST:
            f = n.func
            if isinstance(f, ast.Attribute) and f.attr == "get" and isinstance(f.value, ast.Name) and f.value.id in dicts:
                return group(dicts[f.value.id], n.args[0], n)
            self.generic_visit(n)
            return n

        def visit_Assign(self, n: ast.Assign) -> ast.AST:
            if len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) and n.targets[0].id in dicts:
                return ast.copy_location(ast.Pass(), n)
            self.generic_visit(n)
            return n

    return Rewrite().visit(copy_module.deepcopy(node))


def type_tuple_locals(node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """A copy of the function where a local bound once, by a statement of the body's top level, to a
    tuple of types (`comparable_types = (Version, dict, tuple, list, *String.__args__)`) and read only
    as isinstance()'s second argument is that tuple written in its place, the assignment dropped (a
    starred `*X.__args__` is the item `X.__args__`: isinstance takes nested tuples alike). None when
    the function has no such local."""
    found: dict[str, ast.Assign] = {}
    for stmt in node.body:
        if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and isinstance(stmt.value, ast.Tuple) and stmt.value.elts and all(_type_item(e) for e in stmt.value.elts)):
            found[stmt.targets[0].id] = stmt
    if not found:
        return None
    isinstance_args = {id(n.args[1]) for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                       and n.func.id == "isinstance" and len(n.args) == 2}
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and n.id in found:
            stored = not isinstance(n.ctx, ast.Load)
            if stored and n is not found[n.id].targets[0] or not stored and id(n) not in isinstance_args:
                found.pop(n.id)
        elif isinstance(n, ast.arg) and n.arg in found or isinstance(n, (ast.Global, ast.Nonlocal)) and set(n.names) & set(found):
            for name in (n.arg,) if isinstance(n, ast.arg) else n.names:  # type: ignore[union-attr]
                found.pop(name, None)
    if not found:
        return None
    items = {name: [e.value if isinstance(e, ast.Starred) else e for e in a.value.elts] for name, a in found.items()}  # type: ignore[attr-defined]

    class Write(ast.NodeTransformer):
        def visit_Name(self, n: ast.Name) -> ast.expr:
            if n.id in items and isinstance(n.ctx, ast.Load):
                return ast.copy_location(ast.Tuple([copy_module.deepcopy(e) for e in items[n.id]], ast.Load()), n)
            return n

    out = copy_module.deepcopy(node)
    dropped = {id(a) for a in found.values()}
    out.body = [s for s, orig in zip(out.body, node.body) if id(orig) not in dropped]
    return ast.fix_missing_locations(Write().visit(out))


def _type_item(e: ast.expr) -> bool:
    """A name or dotted name (a class, `dict`), or a starred `X.__args__`."""
    if isinstance(e, ast.Starred):
        return isinstance(e.value, ast.Attribute) and e.value.attr == "__args__" and isinstance(e.value.value, ast.Name)
    return isinstance(e, ast.Name) or isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name)
