"""Module constants: one declaration block per Go file, from module_preamble()."""

from __future__ import annotations

import ast

from gotui.llm.rules import goast as g
from gotui.golang.names import go_const_name
from gotui.llm.rules.package import ModuleInfo, PackageInfo
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
    try:
        for name, stmt in mod.consts.items():
            if skipped(name):
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
                tr = StmtMixin(pkg, mod, None, None, None, hoist_ok=False)
                value = stmt.value  # type: ignore[attr-defined]
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
                decl = finish_text(f"{keyword} {go} = {text}\n")
                types[name] = t
                decls.append(decl)
            except Unsupported as exc:
                decls.append(f"// TODO(gotui): module constant {name}: {exc}\n")
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


def preamble_text(pkg: PackageInfo, mod: ModuleInfo) -> str:
    _, decls = _cached(pkg, mod)
    if not decls:
        return ""
    return "\n".join(decls)
