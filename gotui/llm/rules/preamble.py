"""Module constants: one declaration block per Go file, from module_preamble()."""

from __future__ import annotations

import ast

from gotui.llm.rules import goast as g
from gotui.golang.names import go_const_name, go_func_name
from gotui.llm.rules.context import const_failures_key
from gotui.llm.rules.package import FuncInfo, ModuleInfo, PackageInfo
from gotui.llm.rules.loggers import NOT_A_VALUE, logger_name
from gotui.llm.rules.static_data import as_literal, static_data
from gotui.llm.rules.static_value import NotStatic, int64_overflow
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.signatures import class_names
from gotui.llm.rules.statements import StmtMixin
from gotui.llm.rules.types import BOOL, FLOAT, INT, NONE, STR, T, finish_text, has_var, parse_annotation, prune

# `TYPE_CHECKING = False` is the typing idiom (no import of typing): the flag means nothing in Go.
SKIP = {"__all__", "__version__", "__author__", "__doc__", "TYPE_CHECKING"}


def skipped(name: str) -> bool:
    """Module metadata, not program data: the names above and every module dunder (`__lazy_modules__`,
    `__license__`), which would otherwise become one Go variable per file of a package."""
    return name in SKIP or (name.startswith("__") and name.endswith("__"))


def _declared_before(pkg: PackageInfo, mod: ModuleInfo, name: str, stmt: ast.stmt) -> str | None:
    """Why `name` must not be declared again in `mod`: an earlier module of the folder (one Go package,
    one namespace) declares the same Go name. None when `mod` is the first to declare it."""
    go = go_const_name(name)
    for other in pkg.modules.values():
        for cls in other.classes.values():
            if cls.go_name == go or f"New{cls.go_name}" == go:
                return f"its Go name {go} is the class {cls.name}'s (one Go package, one namespace)"
        for f in other.functions.values():
            if f.go_name == go:
                return f"its Go name {go} is the function {f.name}'s (one Go package, one namespace)"
    for other in sorted(pkg.modules.values(), key=lambda m: m.path):
        if other is mod:
            return None
        for oname, ostmt in other.consts.items():
            if not skipped(oname) and go_const_name(oname) == go:
                same = ast.dump(getattr(ostmt, "value", ostmt)) == ast.dump(getattr(stmt, "value", stmt))
                return "" if same else f"{other.stem}.py also declares {go} with another value (one Go package, one namespace)"
    return None


def _translate(pkg: PackageInfo, mod: ModuleInfo) -> tuple[dict[str, T], list[str]]:
    types: dict[str, T] = {}
    decls: list[str] = []
    key = "consts-progress:" + mod.stem
    pkg.in_progress.add(key)
    pkg.cache["consts-partial:" + mod.stem] = types
    failed: dict[str, str] = {}  # name -> why, for the units that read the constant (ExprMixin.const_type)
    pkg.cache[const_failures_key(mod)] = failed
    try:
        for name, stmt in mod.consts.items():
            if skipped(name):
                continue
            if logger_name(pkg, mod, name) is not None:  # no Go value: each call names it (logs.py)
                failed[name] = NOT_A_VALUE
                continue
            go = go_const_name(name)
            clash = _declared_before(pkg, mod, name, stmt)
            if clash == "":
                types[name] = constant_types(pkg, next(m for m in sorted(pkg.modules.values(), key=lambda m: m.path)
                                                       if name in m.consts)).get(name, NONE)
                if types[name] == NONE:
                    del types[name]
                continue  # the same value, declared by an earlier file of the package
            try:
                if clash:
                    raise Unsupported(clash)
                value = stmt.value  # type: ignore[attr-defined]
                big = int64_overflow(value)
                if big is not None:  # the Go would panic (or not compile) while the package loads
                    raise Unsupported(f"its value holds {big}, which a Go int (int64) cannot hold")
                note = ""
                partial = _partial_callee(pkg, value)
                if partial is not None:  # its TODO would panic while the package loads: every program dies
                    try:  # unless its value is fixed by literals: then Go holds the value itself
                        value = as_literal(static_data(pkg, mod, value))
                    except (NotStatic, RecursionError):
                        raise Unsupported(f"computed at import by a function whose Go is not complete ({partial})") from None
                    note = (f"// gotui: {name} is {' '.join(ast.unparse(stmt.value).split())[:120]} in Python, computed at import "  # type: ignore[attr-defined]
                            "from literals; Go holds the value it computes (the function's own Go is partial).\n")
                tr = StmtMixin(pkg, mod, None, None, None, hoist_ok=False)
                want = None
                if isinstance(stmt, ast.AnnAssign):
                    want = parse_annotation(stmt.annotation, class_names(pkg, mod))
                if isinstance(stmt, ast.Assign) and (len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name)):
                    raise Unsupported("assignment to several names")
                e = tr.expr(value, want)
                gv = tr.coerce(e, want) if want is not None else e.g
                t = want or e.t
                if prune(t) == NONE or (want is None and prune(e.t).__class__.__name__ == "OptT"):
                    raise Unsupported("a None constant without an Optional annotation")
                if has_var(t):
                    raise Unsupported("empty container without a type annotation")
                if tr.lines:
                    raise Unsupported("value needs statements")
                text = g.render(gv, 0)
                keyword = "const" if e.const and prune(t) in (INT, FLOAT, STR, BOOL) else "var"
                decl = note + finish_text(f"{keyword} {go} = {text}\n")
                types[name] = t
                decls.append(decl)
            except Unsupported as exc:
                decls.append(f"// TODO(gotui): module constant {name}: {exc}\n")
                failed[name] = str(exc)
    finally:
        pkg.in_progress.discard(key)
    return types, decls


def _cached(pkg: PackageInfo, mod: ModuleInfo) -> tuple[dict[str, T], list[str]]:
    key = "consts:" + mod.stem
    hit = pkg.cache.get(key)
    if hit is None:
        if "consts-progress:" + mod.stem in pkg.in_progress:
            return pkg.cache["consts-partial:" + mod.stem], []  # type: ignore[return-value]
        hit = _translate(pkg, mod)
        pkg.cache[key] = hit
    return hit  # type: ignore[return-value]


def constant_types(pkg: PackageInfo, mod: ModuleInfo) -> dict[str, T]:
    types, _ = _cached(pkg, mod)
    return types


INIT_NAME = "gotuiModuleInit"  # the synthetic function whose body becomes init()


def _init_func(pkg: PackageInfo, mod: ModuleInfo, stmts: list[ast.stmt]) -> tuple[str, str | None]:
    """(Go body lines, reason when it cannot be translated) for module statements, as one function's body."""
    name = f"{INIT_NAME}L{stmts[0].lineno}N{len(stmts)}"  # translations are cached by name: one per set of statements
    node = ast.FunctionDef(name=name, args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]),
                           body=list(stmts), decorator_list=[], returns=ast.Constant(None), type_params=[])
    ast.copy_location(node, stmts[0])
    ast.fix_missing_locations(node)
    text, reason = pkg.services.translate_function(pkg, FuncInfo(name, node, mod))
    if reason is not None:
        return "", reason
    start, end = text.find("{\n"), text.rstrip().rfind("}")
    if start < 0 or end < start or f"func {go_func_name(name)}()" not in text[:start]:
        return "", "its Go is not a plain function body"
    return text[start + 2:end].rstrip("\n"), None


def _partial_callee(pkg: PackageInfo, node: ast.AST, seen: set[str] | None = None) -> str | None:
    """The first function of the package that `node` calls, directly or through others, whose Go is
    partial (its TODO panics): init() must not call it, or the package would panic as it loads."""
    seen = seen if seen is not None else set()
    for call in ast.walk(node):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)) or call.func.id in seen:
            continue
        name = call.func.id
        seen.add(name)
        f = next((m.functions[name] for m in pkg.modules.values() if name in m.functions), None)
        if f is None:
            cls = next((m.classes[name] for m in pkg.modules.values() if name in m.classes), None)
            if cls is not None and pkg.services.translate_class(pkg, cls)[1] is not None:
                # a partial class's New... panics: a value built by it would stop the package as it loads (isodate: UTC = Utc())
                return f"{name} is partial: {pkg.services.translate_class(pkg, cls)[1]}"
            continue
        _, reason = pkg.services.translate_function(pkg, f)
        if reason is not None:
            return f"{name} is partial: {reason}"
        deeper = _partial_callee(pkg, f.node, seen)
        if deeper is not None:
            return deeper
    return None


def init_text(pkg: PackageInfo, mod: ModuleInfo) -> str:
    """Module statements run at import time (a call that registers, a loop that fills a table) as Go's
    `func init()`, in source order. A statement the translator cannot take stays a TODO comment at its
    line inside init() (never a panic: a package must load), so nothing is dropped silently."""
    if not mod.effects:
        return ""
    blocked = _partial_callee(pkg, ast.Module(body=list(mod.effects), type_ignores=[]))
    body, reason = _init_func(pkg, mod, mod.effects) if blocked is None else ("", blocked)
    lines: list[str] = []
    if reason is None:
        lines.append(body)
    else:  # one statement at a time: keep what translates
        for stmt in mod.effects:
            why = _partial_callee(pkg, stmt)
            part, why = _init_func(pkg, mod, [stmt]) if why is None else ("", why)
            if why is None:
                lines.append(part)
            else:
                first = ast.get_source_segment(mod.text, stmt) or ""
                shown = first.splitlines()[0][:60] if first else type(stmt).__name__
                lines.append(f"\t// TODO(gotui): line {stmt.lineno} runs at import time and is not translated ({why}): {shown}")
    lines = [line for line in lines if line.strip()]
    if not lines:
        return ""
    return "// gotui: module statements Python runs when the module is imported.\nfunc init() {\n" + "\n".join(lines) + "\n}\n"


def preamble_text(pkg: PackageInfo, mod: ModuleInfo) -> str:
    _, decls = _cached(pkg, mod)
    init = init_text(pkg, mod)
    if not decls and not init:
        return ""
    return "\n".join([*decls, init] if init else decls)
