"""Decorators that only warn: a wrapper that builds a message, calls `warnings.warn` and then calls the
wrapped function with its own arguments (`return func(*args, **kwargs)`), such as semver's
`@deprecated`. Such a decorator does not change what the function computes, so the translator sees
through it (llm/rules/decorators.py) and check compares the function as it is (verify/sources.py).
Anything else the wrapper may do (call another function, raise, touch state outside itself, read the
arguments) keeps the decorator opaque: it could change the result.

Also here: which classes declare their instances' fields by annotation (a NamedTuple, a @dataclass),
and the members of an enum's body.
"""
from __future__ import annotations

import ast
import copy
from dataclasses import dataclass

from gotui.parse.flow import terminates

# calls a warning wrapper may make: they compute a message or look at the interpreter stack
_PURE_CALLS = frozenset({"str", "repr", "cast", "len", "isinstance", "bool", "format", "sorted", "tuple", "list"})
_PURE_MODULES = frozenset({"warnings", "inspect", "typing"})
_PURE_METHODS = frozenset({
    "append", "extend", "format", "join", "replace", "strip", "lstrip", "rstrip", "lower", "upper", "split",
    "startswith", "endswith", "title", "capitalize", "rsplit",
})
_WARN = frozenset({"warn", "warn_explicit"})
# statements whose effect a message-building prefix cannot have
_REFUSED = (ast.Global, ast.Nonlocal, ast.Yield, ast.YieldFrom, ast.Await, ast.FunctionDef, ast.AsyncFunctionDef,
            ast.Lambda, ast.ClassDef, ast.With, ast.AsyncWith, ast.Raise, ast.Assert, ast.Return, ast.NamedExpr,
            ast.Import, ast.ImportFrom)


def fields_class(cls: ast.ClassDef) -> str | None:
    """"NamedTuple" or "dataclass" for a class whose instances hold its annotated names (its generated
    `__new__` or `__init__` sets them, in order), else None."""
    if any(ast.unparse(b).split(".")[-1] == "NamedTuple" for b in cls.bases):
        return "NamedTuple"
    if any(ast.unparse(d.func if isinstance(d, ast.Call) else d).split(".")[-1] == "dataclass" for d in cls.decorator_list):
        return "dataclass"
    return None


def enum_body(cls: ast.ClassDef) -> list[tuple[str, ast.Constant]] | None:
    """(member, literal value) of an enum's body, in definition order (`SECONDS = 2`): distinct int or str
    literals of one type, public names, nothing else but methods, `pass` and docstrings. None for any
    other body (an alias, mixed values, a private or computed member, a nested class). Its bases are the
    caller's to read (the translator's enums, llm/rules/inherit.py; check's, verify/sources.py)."""
    out: list[tuple[str, ast.Constant]] = []
    for stmt in cls.body:
        if isinstance(stmt, (ast.FunctionDef, ast.Pass)) or isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and not stmt.targets[0].id.startswith("_") and isinstance(stmt.value, ast.Constant)
                and type(stmt.value.value) in (int, str)):
            return None
        out.append((stmt.targets[0].id, stmt.value))
    values = [v.value for _, v in out]
    if not out or len({type(v) for v in values}) != 1 or len(set(values)) != len(values):
        return None  # no member, mixed types, or an alias (a repeated value names the first member)
    return out


def declared_fields(cls: ast.ClassDef) -> list[ast.AnnAssign]:
    """The annotated names a NamedTuple or dataclass body declares (`red: int`), ClassVar ones aside: what
    each instance holds, in order. Empty for another class (fields_class)."""
    if fields_class(cls) is None:
        return []
    return [st for st in cls.body if isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name)
            and "ClassVar" not in ast.unparse(st.annotation)]


def warning_wrapper(outer: ast.FunctionDef, called: bool) -> str | None:
    """The warning call's source when `outer` is a decorator that only warns, applied bare or, when
    `called`, as `@outer(...)`; else None."""
    body = _body(outer)
    first = _first_param(outer)
    # `if func is None: return partial(outer, ...)`: applied with options or bare, the same wrapper
    own = [s for s in body if first is None or not _partial_branch(outer, [s], first.arg)]
    if called and len(own) == len(body):
        # a factory: `def deprecated(reason): def deco(func): ...; return deco`
        if len(body) == 2 and isinstance(body[0], ast.FunctionDef) and _returns_name(body[1], body[0].name):
            return _decorator(body[0], _body(body[0]))
        return None
    return _decorator(outer, own)


def sibling_path(path: str, module: str) -> str:
    """The path of the module `from .module import ...` names, beside the module at `path`."""
    folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
    return folder + module.replace(".", "/") + ".py"


def defining_module(path: str, tree: ast.Module, name: str, kind: type = ast.FunctionDef) -> tuple[str, str] | None:
    """(path of the module that defines `name`, its name there) for a def (or, with `kind`, a class) of
    the module at `path` or one imported from a sibling module (`from ._deprecated import deprecated`);
    else None."""
    for node in tree.body:
        if isinstance(node, kind) and getattr(node, "name", None) == name:
            return path, name
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    return sibling_path(path, node.module), alias.name
    return None


def find_def(tree: ast.Module, name: str) -> ast.FunctionDef | None:
    return next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name), None)


def _body(node: ast.FunctionDef) -> list[ast.stmt]:
    """The statements after a docstring."""
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        return body[1:]
    return body


def _first_param(node: ast.FunctionDef) -> ast.arg | None:
    args = node.args.posonlyargs + node.args.args
    return args[0] if args else None


def _partial_branch(outer: ast.FunctionDef, body: list[ast.stmt], fname: str) -> bool:
    """`if func is None: return partial(outer, ...)` among `body` (the decorator called with options)."""
    for s in body:
        if (isinstance(s, ast.If) and not s.orelse and len(s.body) == 1 and isinstance(s.test, ast.Compare)
                and isinstance(s.test.left, ast.Name) and s.test.left.id == fname
                and isinstance(s.test.ops[0], ast.Is) and isinstance(s.test.comparators[0], ast.Constant)
                and s.test.comparators[0].value is None):
            ret = s.body[0]
            call = ret.value if isinstance(ret, ast.Return) else None
            if (isinstance(call, ast.Call) and _dotted(call.func) in ("partial", "functools.partial") and call.args
                    and isinstance(call.args[0], ast.Name) and call.args[0].id == outer.name and len(call.args) == 1):
                return True
    return False


def _returns_name(s: ast.stmt, name: str) -> bool:
    return isinstance(s, ast.Return) and isinstance(s.value, ast.Name) and s.value.id == name


def _dotted(e: ast.expr) -> str:
    if isinstance(e, ast.Name):
        return e.id
    if isinstance(e, ast.Attribute):
        base = _dotted(e.value)
        return f"{base}.{e.attr}" if base else ""
    return ""


def _decorator(deco: ast.FunctionDef, body: list[ast.stmt]) -> str | None:
    """`body` is exactly `@wraps(func) def wrapper(*args, **kwargs): ...; return wrapper`."""
    first = _first_param(deco)
    if first is None or len(body) != 2 or not isinstance(body[0], ast.FunctionDef):
        return None
    wrapper = body[0]
    if not _returns_name(body[1], wrapper.name):
        return None
    fname = first.arg
    if any(not (isinstance(w, ast.Call) and _dotted(w.func) in ("wraps", "functools.wraps") and len(w.args) == 1
                and isinstance(w.args[0], ast.Name) and w.args[0].id == fname) for w in wrapper.decorator_list):
        return None
    a = wrapper.args
    if a.posonlyargs or a.args or a.kwonlyargs or a.vararg is None or a.kwarg is None:
        return None
    inner = _body(wrapper)
    if not inner or not _forwards(inner[-1], fname, a.vararg.arg, a.kwarg.arg):
        return None
    return _warns_only(inner[:-1], fname, {a.vararg.arg, a.kwarg.arg})


def _forwards(s: ast.stmt, fname: str, args: str, kwargs: str) -> bool:
    """`return func(*args, **kwargs)`."""
    call = s.value if isinstance(s, ast.Return) else None
    return (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == fname
            and len(call.args) == 1 and isinstance(call.args[0], ast.Starred)
            and isinstance(call.args[0].value, ast.Name) and call.args[0].value.id == args
            and len(call.keywords) == 1 and call.keywords[0].arg is None
            and isinstance(call.keywords[0].value, ast.Name) and call.keywords[0].value.id == kwargs)


def _warns_only(prefix: list[ast.stmt], fname: str, hidden: set[str]) -> str | None:
    """The warning call's source when `prefix` only binds locals, builds a message and warns."""
    local: set[str] = set()
    for s in prefix:
        for n in ast.walk(s):
            if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete, ast.For)):
                targets = n.targets if isinstance(n, (ast.Assign, ast.Delete)) else [n.target]
                for t in targets:
                    for e in ast.walk(t):
                        if isinstance(e, (ast.Attribute, ast.Subscript)):
                            return None  # a write through a name: state outside the wrapper may change
                        if isinstance(e, ast.Name):
                            local.add(e.id)
    warning = None
    for s in prefix:
        for n in ast.walk(s):
            if isinstance(n, _REFUSED):
                return None
            if isinstance(n, ast.Name) and n.id in hidden:
                return None  # the arguments are read: the wrapper may depend on them
            if isinstance(n, ast.Call):
                fn = n.func
                if isinstance(fn, ast.Name):
                    if fn.id not in _PURE_CALLS or fn.id in local:
                        return None
                elif isinstance(fn, ast.Attribute):
                    base = fn.value
                    if isinstance(base, ast.Name) and base.id in _PURE_MODULES and base.id not in local:
                        if base.id == "warnings" and fn.attr in _WARN:
                            warning = ast.unparse(n)
                        elif base.id == "warnings":
                            return None  # filters and the like change global state
                    elif not (fn.attr in _PURE_METHODS and (isinstance(base, ast.Constant) or isinstance(base, ast.Name) and base.id in local)):
                        return None
                else:
                    return None
    return warning


# --- guards: a wrapper that checks and then calls, inlined ------------------------------------------
# Package decorators whose wrapper guards the call and then makes it: inlined into the function they
# decorate, so the translation is the wrapper's body with the function's own body in the call's place.
#
# semver's `_comparator` is the model:
#
#     def _comparator(operator):
#         @wraps(operator)
#         def wrapper(self, other):
#             if not isinstance(other, comparable_types):
#                 return NotImplemented
#             return operator(self, other)
#         return wrapper
#
#     @_comparator
#     def __eq__(self, other):
#         return self.compare(other) == 0
#
# reads as `def __eq__(self, other): if not isinstance(...): return NotImplemented; return
# self.compare(other) == 0`. That is what Python runs when `__eq__` is called, so it is exact, kept to what
# stays so: the wrapper takes plain positional parameters, one per parameter of the function (one scope
# after inlining, so a parameter the wrapper rebinds is what the body then sees, as the call passed it);
# it calls the function only as `return func(p1, ..., pn)` with them in order, and reads it otherwise
# only for its name (`func.__name__`, `getattr(func, "__name__", None)`: a constant once inlined); the
# names it binds are not the function's; and each such `return` is the wrapper's last statement, or the
# function's body cannot end without a `return`/`raise` (falling off its end would go on in the wrapper
# where Python returned None from the call). Anything else is left decorated (a TODO at the decorator).


@dataclass(frozen=True)
class Guard:
    """A decorator's wrapper: its function parameter's name and the nested def."""

    fname: str
    wrapper: ast.FunctionDef


def guard_wrapper(outer: ast.FunctionDef) -> Guard | None:
    """The wrapper of a decorator `outer(func)` that is `[@wraps(func)] def wrapper(p1, ..., pn): ...;
    return wrapper`, whose every use of `func` is `return func(p1, ..., pn)`; else None."""
    first = _first_param(outer)
    a = outer.args
    if first is None or len(a.posonlyargs + a.args) != 1 or a.vararg or a.kwarg or a.kwonlyargs or a.defaults:
        return None
    body = _body(outer)
    if len(body) != 2 or not isinstance(body[0], ast.FunctionDef) or not _returns_name(body[1], body[0].name):
        return None
    wrapper, fname = body[0], first.arg
    if any(not (isinstance(w, ast.Call) and _dotted(w.func) in ("wraps", "functools.wraps") and len(w.args) == 1
                and isinstance(w.args[0], ast.Name) and w.args[0].id == fname) for w in wrapper.decorator_list):
        return None
    w = wrapper.args
    if w.posonlyargs or w.vararg or w.kwarg or w.kwonlyargs or w.defaults or not w.args:
        return None
    params = [p.arg for p in w.args]
    for n in ast.walk(wrapper):
        if isinstance(n, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n is not wrapper:
            return None
        if isinstance(n, (ast.Global, ast.Nonlocal)):
            return None
    calls = sum(1 for stmt in _statements(wrapper.body) if _is_tail_call(stmt, fname, params))
    inside = [n for s in wrapper.body for n in ast.walk(s)]  # (not `@wraps(func)`)
    names = sum(1 for n in inside if _func_name_of(n, fname))
    uses = sum(1 for n in inside if isinstance(n, ast.Name) and n.id == fname)
    if calls == 0 or uses != calls + names:
        return None  # the function used otherwise (passed on, called with other arguments)
    return Guard(fname, wrapper)


def _func_name_of(n: ast.AST, fname: str) -> bool:
    """`func.__name__` or `getattr(func, "__name__", default)`: the decorated function's name, a constant
    once it is inlined."""
    if isinstance(n, ast.Attribute) and n.attr == "__name__" and isinstance(n.value, ast.Name) and n.value.id == fname:
        return True
    return (isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "getattr" and len(n.args) in (2, 3)
            and not n.keywords and isinstance(n.args[0], ast.Name) and n.args[0].id == fname
            and isinstance(n.args[1], ast.Constant) and n.args[1].value == "__name__")


def inline_guard(guard: Guard, fn: ast.FunctionDef, deco: ast.expr) -> ast.FunctionDef | None:
    """`fn` with the decorator `deco` (a Guard's) taken off and the wrapper's body in place of its own,
    the call replaced by fn's body; None where that would not be exact (the module docstring says when)."""
    a = fn.args
    if a.posonlyargs or a.vararg or a.kwarg or a.kwonlyargs or a.defaults or len(a.args) != len(guard.wrapper.args.args):
        return None
    own_body = _body(fn)
    names = {p.arg: q.arg for p, q in zip(guard.wrapper.args.args, a.args)}
    bound = {n.id for n in ast.walk(guard.wrapper) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    used = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)} | {p.arg for p in a.args}
    if (bound - set(names)) & used or set(names.values()) & (bound - set(names)):
        return None  # one scope after inlining: a name of the wrapper's would be one of the function's
    last = _body(guard.wrapper)[-1]
    if not terminates(own_body) and any(_is_tail_call(s, guard.fname, list(names)) and s is not last
                                            for s in _statements(guard.wrapper.body)):
        return None

    class Splice(ast.NodeTransformer):
        def visit_Name(self, n: ast.Name) -> ast.AST:
            return ast.copy_location(ast.Name(names[n.id], n.ctx), n) if n.id in names else n

        def visit_Attribute(self, n: ast.Attribute) -> ast.AST:
            return ast.copy_location(ast.Constant(fn.name), n) if _func_name_of(n, guard.fname) else self.generic_visit(n)

        def visit_Call(self, n: ast.Call) -> ast.AST:
            return ast.copy_location(ast.Constant(fn.name), n) if _func_name_of(n, guard.fname) else self.generic_visit(n)

        def generic_visit(self, node: ast.AST) -> ast.AST:
            for field, value in ast.iter_fields(node):
                if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                    out: list[ast.stmt] = []
                    for s in value:
                        if _is_tail_call(s, guard.fname, list(names)):
                            out.extend(copy.deepcopy(own_body))
                        else:
                            out.append(self.visit(s))  # type: ignore[arg-type]
                    setattr(node, field, out)
                elif isinstance(value, list):
                    setattr(node, field, [self.visit(v) if isinstance(v, ast.AST) else v for v in value])
                elif isinstance(value, ast.AST):
                    setattr(node, field, self.visit(value))
            return node

    body = copy.deepcopy(_body(guard.wrapper))
    holder = ast.Module(body=body, type_ignores=[])
    Splice().visit(holder)
    out = copy.copy(fn)
    out.decorator_list = [d for d in fn.decorator_list if d is not deco]
    docstring = fn.body[: len(fn.body) - len(own_body)]
    out.body = docstring + holder.body
    return out


def _is_tail_call(s: ast.stmt, fname: str, params: list[str]) -> bool:
    """`return func(p1, ..., pn)`."""
    call = s.value if isinstance(s, ast.Return) else None
    return (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == fname and not call.keywords
            and [getattr(x, "id", None) for x in call.args] == params and all(isinstance(x, ast.Name) for x in call.args))


def _statements(body: list[ast.stmt]) -> list[ast.stmt]:
    """Every statement of a body, nested blocks included (not nested defs)."""
    out: list[ast.stmt] = []
    for s in body:
        out.append(s)
        for field in ("body", "orelse", "finalbody"):
            inner = getattr(s, field, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                out.extend(_statements(inner))
        for h in getattr(s, "handlers", []):
            out.extend(_statements(h.body))
    return out
