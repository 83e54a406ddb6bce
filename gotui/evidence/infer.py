"""The driver: evidence for every function of a package, from all static sources and traces.

`infer_package(sources, traces)` walks each module once (CPython-`ast`), reads annotations,
doctests and usage per function, then what callers across the package pass, then merges the
runtime traces recorded by `gotui trace`. Keys are `(path, python qualname, first line)`, the
same place a unit of `gotui.parse.units` names, so `evidence_for(unit)` finds it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from gotui.evidence.annotations import annotation_term, imported_aliases, module_aliases, union_members
from gotui.evidence.doctests import doctest_cases
from gotui.evidence.entry import entry_narrowing
from gotui.evidence.model import ANY, NONE, Term, TypeEvidence, UnitEvidence, parse_term, spell, term_of_value, unify_all
from gotui.evidence.usage import UsageReader, compiled_patterns, literal_term
from gotui.yielding import between_steps

Key = tuple[str, str, int]  # (path, python qualname, first line including decorators)
FuncNode = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class TraceSummary:
    """What `gotui trace` saw of one unit: observed types per parameter and of the result."""

    calls: int
    params: Mapping[str, Mapping[str, int]]  # parameter -> {annotation spelling: count}
    returns: Mapping[str, int] = field(default_factory=dict)


@dataclass
class _Func:
    key: Key
    node: FuncNode
    cls: str | None
    evidence: UnitEvidence


def first_line(node: ast.AST) -> int:
    decorators = getattr(node, "decorator_list", [])
    return min([d.lineno for d in decorators] + [node.lineno])  # type: ignore[attr-defined]


def _functions(tree: ast.Module) -> Iterator[tuple[str, FuncNode, str | None]]:
    """(qualname, node, class name) of every function and method, nested ones included."""
    def walk(body: list[ast.stmt], prefix: str, cls: str | None) -> Iterator[tuple[str, FuncNode, str | None]]:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                qual = f"{prefix}{node.name}"
                yield qual, node, cls
                yield from walk(node.body, f"{qual}.<locals>.", None)
            elif isinstance(node, ast.ClassDef):
                yield from walk(node.body, f"{prefix}{node.name}.", node.name)
            elif isinstance(node, (ast.If, ast.Try, ast.With)):
                for part in (getattr(node, "body", []), getattr(node, "orelse", []), getattr(node, "finalbody", [])):
                    yield from walk(part, prefix, cls)
    yield from walk(tree.body, "", None)


def _params(fn: FuncNode, is_method: bool) -> list[ast.arg]:
    args = [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]
    if is_method and args and not any(_decorator_name(d) == "staticmethod" for d in fn.decorator_list):
        args = args[1:]  # self / cls
    return args


def _decorator_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    return ""


def infer_module(path: str, tree: ast.Module, imported: dict[str, ast.expr] | None = None) -> dict[Key, _Func]:
    """Annotations, doctests and usage for every function of one module (`imported`: the type aliases
    it imports from its siblings)."""
    aliases = {**(imported or {}), **module_aliases(tree)}
    out: dict[Key, _Func] = {}
    patterns = compiled_patterns(tree)
    for qual, fn, cls in _functions(tree):
        params = _params(fn, cls is not None)
        ev = UnitEvidence([a.arg for a in params])
        known: dict[str, Term] = {}
        for a in params:
            if a.annotation is not None:
                term = annotation_term(a.annotation, aliases)
                guess = _annotation(term, a.annotation, aliases, a.lineno)
                ev.add(a.arg, guess)
                if term != ANY:
                    known[a.arg] = term
                if guess.members:
                    found = entry_narrowing(fn, a.arg, guess.members, aliases, cls)
                    if found is not None:
                        kept, fate = found
                        ev.entry[a.arg] = TypeEvidence.of(kept, "usage", f"line {a.lineno}: {ast.unparse(a.annotation)} narrowed to {spell(kept)} ({fate})")
        if fn.returns is not None:
            ev.add("return", _annotation(annotation_term(fn.returns, aliases), fn.returns, aliases, fn.lineno))
        names = {fn.name} | ({cls} if cls and fn.name == "__init__" else set())
        ev.doctests = doctest_cases(fn, names)
        for case in ev.doctests:
            for a, value in zip(ev.params, case.args):
                ev.add(a, TypeEvidence.of(term_of_value(value), "doctest", f"line {case.line}"))
            for name, value in case.kwargs:
                ev.add(name, TypeEvidence.of(term_of_value(value), "doctest", f"line {case.line}"))
            if case.raises is None:
                ev.add("return", TypeEvidence.of(term_of_value(case.expected), "doctest", f"line {case.line}"))
        UsageReader(fn, lambda name, term, detail, ev=ev: ev.add(name, TypeEvidence.of(term, "usage", detail)), patterns).read(known)
        out[(path, qual, first_line(fn))] = _Func((path, qual, first_line(fn)), fn, cls, ev)
    return out


def _annotation(term: Term, node: ast.expr, aliases: dict[str, ast.expr], line: int) -> TypeEvidence:
    """An annotation's guess; a union with no common type keeps its members (and its spelling in the
    detail, "line 12: String") so a trace can narrow it."""
    members = union_members(node, aliases)
    if not members:
        return TypeEvidence.of(term, "annotation", f"line {line}")
    # `int | float` keeps its common type (float) for the readers that want one, and its members
    return TypeEvidence(spell(term), "annotation", f"line {line}: {ast.unparse(node)}", term, members)


Call = tuple[_Func, ast.Call, list[_Func]]  # (caller, the call, the package functions it may reach)


def _package_calls(path: str, tree: ast.Module, by_name: dict[str, list[_Func]], here: dict[Key, _Func]) -> list[Call]:
    """Each call in the module's functions that reaches a function of the package (walked once, for
    the callers' evidence and for what parameters pass on)."""
    imported = {a.asname or a.name: a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    out: list[Call] = []
    for fn in here.values():
        for node in ast.walk(fn.node):
            if isinstance(node, ast.Call):
                targets = _resolve(node.func, fn, by_name, imported, path)
                if targets:
                    out.append((fn, node, targets))
    return out


def _arguments(target: _Func, node: ast.Call) -> list[tuple[str, ast.expr]]:
    """(parameter, argument) of a call, up to the first *args."""
    out = []
    for name, arg in [*zip(target.evidence.params, node.args), *((k.arg, k.value) for k in node.keywords if k.arg)]:
        if isinstance(arg, ast.Starred):
            break
        if name in target.evidence.params:
            out.append((name, arg))
    return out


def _callers(path: str, calls: list[Call]) -> None:
    """What each call passes to a function of the package, as `callers` evidence."""
    for fn, node, targets in calls:
        for target in targets:
            for name, arg in _arguments(target, node):
                term = literal_term(arg)
                if term is None and isinstance(arg, ast.Name):
                    best = fn.evidence.best(arg.id)
                    term = best.as_term() if best and best.source == "annotation" else None
                if term is not None:
                    target.evidence.add(name, TypeEvidence.of(term, "callers", f"{path}:{node.lineno}"))


# what a callee's parameter is known as, that a parameter passed to it as it is takes on (not "callers":
# that guess may have come from this very call)
PASSED_ON = ("annotation", "trace", "doctest", "usage")


def _passed_on(calls: list[Call]) -> None:
    """A parameter passed unchanged to a function of the package whose parameter's type is known gets
    that type, as `usage` evidence ("line 12: passed to parse(text)"): the call would fail otherwise."""
    rebound: dict[int, set[str]] = {}  # per caller, the names its body assigns (walked on first need)
    for fn, node, targets in calls:
        for target in targets:
            if target is fn:
                continue
            for name, arg in _arguments(target, node):
                if not (isinstance(arg, ast.Name) and arg.id in fn.evidence.params):
                    continue
                if id(fn) not in rebound:
                    rebound[id(fn)] = {n.id for n in ast.walk(fn.node) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
                if arg.id in rebound[id(fn)]:
                    continue
                _entry_passed_on(fn, target, name, arg, node)
                best = target.evidence.best(name)
                if best is not None and best.source in PASSED_ON:
                    fn.evidence.add(arg.id, TypeEvidence.of(best.as_term(), "usage",
                                                            f"line {node.lineno}: passed to {target.node.name}({name})"))


def _entry_passed_on(fn: _Func, target: _Func, name: str, arg: ast.Name, node: ast.Call) -> None:
    """An annotated union that the function only hands on, whole, to a function of the package whose
    entry narrows the same union (`is_valid(version: String)` whose one use is `cls.parse(version)`):
    narrowed as that entry narrows it. The callee converts or rejects the other members before its body
    sees them, so in Go the caller's callers convert first, as the callee's do."""
    union, narrowed = fn.evidence.union(arg.id), target.evidence.entry.get(name)
    theirs = target.evidence.union(name)
    if union is None or narrowed is None or theirs is None or arg.id in fn.evidence.entry or set(union.members) != set(theirs.members):
        return
    uses = [n for n in ast.walk(fn.node) if isinstance(n, ast.Name) and n.id == arg.id and isinstance(n.ctx, ast.Load)]
    if uses != [arg]:
        return
    fate = narrowed.detail.rsplit("(", 1)[-1].rstrip(")")
    written = next((ast.unparse(a.annotation) for a in fn.node.args.args + fn.node.args.kwonlyargs if a.arg == arg.id and a.annotation), union.type)
    fn.evidence.entry[arg.id] = TypeEvidence.of(narrowed.as_term(), "usage", f"line {node.lineno}: {written} narrowed to "
                                                f"{narrowed.type}, passed to {target.node.name}({name}) ({fate} there)")


def _resolve(func: ast.expr, caller: _Func, by_name: dict[str, list[_Func]], imported: dict[str, str], path: str) -> list[_Func]:
    if isinstance(func, ast.Name):
        name = imported.get(func.id, func.id)
        cands = [f for f in by_name.get(name, []) if f.cls is None and "<locals>" not in f.key[1]]
        local = [f for f in cands if f.key[0] == path]
        if local or cands:
            return (local or cands)[:1]
        return [f for f in by_name.get("__init__", []) if f.cls == name][:1]  # Class(...) calls __init__
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls") and caller.cls:
        return [f for f in by_name.get(func.attr, []) if f.cls == caller.cls and f.key[0] == path][:1]
    return []


def _traces(funcs: Mapping[Key, _Func], traces: Mapping[Key, TraceSummary]) -> None:
    by_name = {(k[0], k[1]): f for k, f in funcs.items()}
    for key, summary in traces.items():
        fn = funcs.get(key) or by_name.get((key[0], key[1]))  # the line moved since the trace: match by name
        if fn is None or summary.calls <= 0:
            continue
        detail = f"{summary.calls} call{'s' if summary.calls != 1 else ''}"
        for name, seen in summary.params.items():
            term = unify_all(parse_term(t) for t in seen)
            # several types that have no common one: the detail lists them (a reason for "unknown" shows it)
            kinds = sorted(seen, key=lambda k: (-seen[k], k))  # the most seen first, at most four named
            named = ", ".join(kinds[:4]) + (f" and {len(kinds) - 4} more" if len(kinds) > 4 else "")
            mixed = f"{detail}: {named}" if term == ANY and len(seen) > 1 else detail
            # the kinds seen, not only their common type: a union narrows only when they fit one member
            fn.evidence.add(name, TypeEvidence(spell(term), "trace", mixed, term, tuple(kinds)))
        if summary.returns:
            kinds = sorted(summary.returns, key=lambda k: (-summary.returns[k], k))
            term = unify_all(parse_term(t) for t in summary.returns)
            fn.evidence.add("return", TypeEvidence(spell(term), "trace", detail, term, tuple(kinds)))


def infer_package(trees: Mapping[str, ast.Module], traces: Mapping[Key, TraceSummary] | None = None) -> dict[Key, UnitEvidence]:
    """Evidence for every function of the package `trees` (path -> parsed module)."""
    own = {path: module_aliases(tree) for path, tree in trees.items()}
    per_module = {}
    for path, tree in trees.items():
        between_steps()
        per_module[path] = infer_module(path, tree, imported_aliases(path, tree, own))
    funcs = {k: f for m in per_module.values() for k, f in m.items()}
    by_name: dict[str, list[_Func]] = {}
    for f in funcs.values():
        by_name.setdefault(f.node.name, []).append(f)
    calls: dict[str, list[Call]] = {}
    for path, tree in trees.items():
        between_steps()
        calls[path] = _package_calls(path, tree, by_name, per_module[path])
        _callers(path, calls[path])
    _traces(funcs, traces or {})
    for path in trees:
        _passed_on(calls[path])
    return {k: f.evidence for k, f in funcs.items()}


def parse_sources(sources: Mapping[str, str]) -> dict[str, ast.Module]:
    """Parse what parses; a module with a syntax error simply gives no evidence."""
    trees: dict[str, ast.Module] = {}
    for path, text in sources.items():
        between_steps()
        try:
            trees[path] = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
    return trees


__all__ = ["Key", "TraceSummary", "infer_package", "infer_module", "parse_sources", "first_line", "NONE"]
