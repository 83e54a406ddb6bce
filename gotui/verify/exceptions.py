"""Checking an exception class: what `str(exc)` says and which `except` clauses catch it.

A package's exception classes are units too, and the translator turns each into a Go error type
(`type E struct{ Msg string }`, `Error()`, and `Unwrap()` up to its Python base). Their behaviour is
small but real: `raise E("bad")` must read the same, and `except Base` must still catch `E`. For
an exception class whose body declares nothing (a docstring or `pass`), the check compares, for a
few messages:

- Python: `str(E(msg))` and, for every exception class of the module with Go, whether
  `isinstance(E(msg), Other)`;
- Go: `(&E{Msg: msg}).Error()` and, for each, whether `errors.As` finds `*Other` in its chain.

A class with methods, fields or a constructor of its own stays `untested` with that reason.
"""

from __future__ import annotations

import ast
import builtins
import re
import textwrap
from dataclasses import replace
from typing import Any

from gotui.verify.difftest import CallPlan, go_signature, plan_call
from gotui.verify.gates import CHECKABLE
from gotui.verify.inputs import FunctionSpec, Untestable, function_spec

MESSAGES = ("", "bad value", "value 3 is out of range", "é ✓ ü", "a|b,c")
_ERROR_TYPE = r"type\s+{name}\s+struct\s*\{{\s*Msg\s+string\s*\}}"
_ERROR_METHOD = r"func\s*\(\s*\w+\s+\*{name}\s*\)\s*Error\s*\(\s*\)\s*string"


def _builtin_exception(name: str) -> bool:
    obj = getattr(builtins, name, None)
    return isinstance(obj, type) and issubclass(obj, BaseException)


def module_exceptions(module_text: str) -> dict[str, ast.ClassDef]:
    """The module's top-level classes that derive (within the module) from a built-in exception."""
    try:
        tree = ast.parse(module_text)
    except SyntaxError:
        return {}
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    found: dict[str, ast.ClassDef] = {}

    def is_exc(name: str, seen: frozenset[str]) -> bool:
        if name in seen:
            return False
        cls = classes.get(name)
        if cls is None:
            return _builtin_exception(name)
        return any(isinstance(b, ast.Name) and is_exc(b.id, seen | {name}) for b in cls.bases)

    for name, cls in classes.items():
        if is_exc(name, frozenset()):
            found[name] = cls
    return found


def _declares_nothing(cls: ast.ClassDef) -> bool:
    body = list(cls.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    return all(isinstance(s, ast.Pass) or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)) for s in body) \
        and not cls.keywords and not cls.decorator_list


def go_error_type(go: str, hint: str) -> str | None:
    """The Go error type the translator made of a plain exception class (named like `hint`), or None."""
    for m in re.finditer(r"type\s+(\w+)\s+struct", go):
        name = m.group(1)
        if name.lower().lstrip("_") == hint.lower().lstrip("_") or name.lower() == hint.lower():
            if re.search(_ERROR_TYPE.format(name=name), go) and re.search(_ERROR_METHOD.format(name=name), go):
                return name
    return None


def prepare_exception(project: Any, record: Any, module_text: str) -> tuple[FunctionSpec, CallPlan, list[tuple], list[str]] | None:
    """(spec, plan, cases, the module's exception classes compared) for an exception class unit; None
    for a class that is no exception (compared through its constructor instead); raises Untestable
    when it is not a plain exception class with plain Go."""
    exceptions = module_exceptions(module_text)
    cls = exceptions.get(record.qualname)
    if cls is None:
        return None
    if not _declares_nothing(cls):
        raise Untestable("exception class with a body of its own (methods, fields): its methods are checked on their own")
    go_name = go_error_type(record.go, record.qualname)
    if go_name is None:
        raise Untestable("exception class: its Go is not a plain error type (struct with Msg, Error())")
    others: list[tuple[str, str]] = []  # (Python name, Go type) of the module's exception classes with Go
    for name in exceptions:
        rec = record if name == record.qualname else project.session.get(f"{record.path}::{name}")
        if rec is None or not rec.go.strip() or rec.state not in CHECKABLE:
            continue
        go = go_error_type(rec.go, name)
        if go is not None:
            others.append((name, go))
    spec = function_spec(textwrap.dedent(f'''
        def {record.qualname}(msg: str) -> str:
            return msg
    ''').strip())
    sig = go_signature(f"func {go_name}(msg string) string {{ return msg }}", go_name)
    plan = plan_call(spec, sig)
    field_name = plan.fields[0][0]
    value = f"&{go_name}{{Msg: c.{field_name}}}"
    expr = f'({value}).Error() + "|"' + "".join(f' + gotuiAs({value}, new(*{go}), "{name}")' for name, go in others)
    plan = replace(plan, go_name=f"{go_name}_exception", expr=expr)
    # no traced messages: a class that declares nothing has no __init__ of its own, so no frame to trace
    return spec, plan, [(m,) for m in MESSAGES], [name for name, _ in others]
