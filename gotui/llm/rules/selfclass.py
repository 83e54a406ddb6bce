"""`type(self)` and `self.__class__` in a method, read as the class itself.

Go has no subclasses: a Go method's receiver is always the struct it is declared on, so in a
method of a class that nothing in the package subclasses, `type(self)` is that class. The method is
rewritten on a copy of its AST (the translator then sees `Version(...)`, `Version.NAMES`, the string
`"Version"` for `type(self).__name__` and `.__qualname__`, the same for a class at module level); the translator checks at translation time that no class of
the package subclasses it (`FuncInfo.self_class`), as it does for a classmethod's `cls`.
"""

from __future__ import annotations

import ast
import copy as copy_module


def _is_self_class(node: ast.AST, self_name: str) -> bool:
    """`type(self)` or `self.__class__`."""
    return _class_of(node) == self_name


def _class_of(node: ast.AST) -> str | None:
    """`x` of `type(x)` or of a read of `x.__class__`, for a plain name x; None else."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "type" and len(node.args) == 1 \
            and not node.keywords and isinstance(node.args[0], ast.Name):
        return node.args[0].id
    if isinstance(node, ast.Attribute) and node.attr == "__class__" and isinstance(node.value, ast.Name) and isinstance(node.ctx, ast.Load):
        return node.value.id
    return None


def self_class_as_name(node: ast.FunctionDef | ast.AsyncFunctionDef, cls_name: str) -> ast.FunctionDef | None:
    """A copy of the method with `type(self)` / `self.__class__` replaced by the class name; None when
    the method has none, or when `self` (or `type`) is rebound so the reading would not hold.

    A local bound once, at the top of the body, to `type(self)` (`cls = type(self)`) and never
    rebound is replaced by the class name too, and its assignment dropped."""
    args = node.args.posonlyargs + node.args.args
    if not args or isinstance(node, ast.AsyncFunctionDef):
        return None
    me = args[0].arg
    if not any(_is_self_class(n, me) for n in ast.walk(node)):
        return None
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and n.id in (me, "type") and not isinstance(n.ctx, ast.Load):
            return None
        if isinstance(n, ast.arg) and n.arg in (me, "type") and n is not args[0]:
            return None
        if isinstance(n, (ast.Global, ast.Nonlocal)) and (me in n.names or "type" in n.names):
            return None
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n is not node and n.name == "type":
            return None

    class Rename(ast.NodeTransformer):
        def visit_Attribute(self, n: ast.Attribute) -> ast.expr:
            if n.attr in ("__name__", "__qualname__") and isinstance(n.ctx, ast.Load) and _is_self_class(n.value, me):
                return ast.copy_location(ast.Constant(cls_name), n)
            if _is_self_class(n, me):
                return ast.copy_location(ast.Name(cls_name, ast.Load()), n)
            if n.attr.startswith("__") and _is_self_class(n.value, me):
                return n  # `type(self).__module__`: the class object's own data, left as it is
            self.generic_visit(n)
            return n

        def visit_Call(self, n: ast.Call) -> ast.expr:
            if _is_self_class(n, me):
                return ast.copy_location(ast.Name(cls_name, ast.Load()), n)
            self.generic_visit(n)
            return n

        def visit_Compare(self, n: ast.Compare) -> ast.expr:
            # `self.__class__ is other.__class__` (the ordering recipe of Python's enum docs): with no
            # subclass, `isinstance(other, Cls)`, which the translator asserts on a value of several types
            if len(n.ops) == 1 and isinstance(n.ops[0], (ast.Is, ast.IsNot)):
                sides = [n.left, n.comparators[0]]
                mine = [x for x in sides if _is_self_class(x, me)]
                others = [_class_of(x) for x in sides if not _is_self_class(x, me)]
                if len(mine) == 1 and len(others) == 1 and others[0] is not None and others[0] != me:
                    test: ast.expr = ast.Call(ast.Name("isinstance", ast.Load()), [ast.Name(others[0], ast.Load()), ast.Name(cls_name, ast.Load())], [])
                    if isinstance(n.ops[0], ast.IsNot):
                        test = ast.UnaryOp(ast.Not(), test)
                    return ast.fix_missing_locations(ast.copy_location(test, n))
            self.generic_visit(n)
            return n

    copy = Rename().visit(copy_module.deepcopy(node))
    for stmt in list(copy.body):
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and isinstance(stmt.value, ast.Name) and stmt.value.id == cls_name):
            continue
        local = stmt.targets[0].id
        binds = [n for n in ast.walk(copy) if isinstance(n, ast.Name) and n.id == local and not isinstance(n.ctx, ast.Load)]
        binds += [n for n in ast.walk(copy) if isinstance(n, ast.arg) and n.arg == local]
        binds += [n for n in ast.walk(copy) if isinstance(n, (ast.Global, ast.Nonlocal)) and local in n.names]
        loads = [n for n in ast.walk(copy) if isinstance(n, ast.Name) and n.id == local and isinstance(n.ctx, ast.Load)]
        if len(binds) != 1 or any(n.lineno < stmt.lineno for n in loads):
            continue

        class Inline(ast.NodeTransformer):
            def visit_Attribute(self, n: ast.Attribute) -> ast.expr:
                if n.attr in ("__name__", "__qualname__") and isinstance(n.value, ast.Name) and n.value.id == local and isinstance(n.ctx, ast.Load):
                    return ast.copy_location(ast.Constant(cls_name), n)  # `cls.__name__`, as `type(self).__name__`
                self.generic_visit(n)
                return n

            def visit_Name(self, n: ast.Name) -> ast.expr:
                if n.id == local and isinstance(n.ctx, ast.Load):
                    return ast.copy_location(ast.Name(cls_name, ast.Load()), n)
                return n

        copy = Inline().visit(copy)
        copy.body = [s for s in copy.body if s is not stmt] or [ast.Pass()]
    return copy
