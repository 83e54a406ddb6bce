"""The raise analysis: which exception kinds each function of a package lets escape as errors (Go's
error result) and which its Go raises as panics (a failing lookup, a division by zero, a call it cannot
see into). Computed over the whole folder at once, so every module sees the same answer whatever order
the units are translated in; PackageInfo runs it (through Services) once its modules are loaded.
"""

from __future__ import annotations

import ast
from typing import Any, Callable

from gotui.evidence.entry import alias_names
from gotui.llm.rules.package import BROAD, BUILTIN_EXC, FuncInfo, ModuleInfo, PackageInfo
from gotui.llm.rules.panics import CALL_PANICS, CHECKED_CALLS, CHECKED_METHODS, METHOD_PANICS, MODULE_PANICS, SAFE_CALLS, SAFE_METHODS
from gotui.llm.rules.pyast import base_name, numeric_arg, several_arg, shallow_calls, walked
from gotui.llm.rules.types import module_type_aliases
from gotui.yielding import between_steps


def compute_raises(pkg: PackageInfo) -> None:
    """Fixpoint over the folder: the exception kinds each function can let escape as errors (pkg.kinds,
    pkg.raises), then those its Go raises as panics (pkg.panics). PackageInfo runs it once it is loaded."""
    funcs: list[FuncInfo] = []
    for m in pkg.modules.values():
        funcs.extend(m.functions.values())
    for c in pkg.all_classes():
        funcs.extend(c.methods.values())
        funcs.extend(c.setters.values())
    pkg.kinds = {}
    changed = True
    while changed:
        changed = False
        for f in funcs:
            between_steps()
            found = frozenset(_block_kinds(pkg, f, f.node.body, []))
            if found != pkg.kinds.get(f.key, frozenset()):
                pkg.kinds[f.key] = found
                changed = True
    pkg.raises = {k for k, v in pkg.kinds.items() if v}
    pkg.panics = {}
    changed = True
    while changed:
        changed = False
        for f in funcs:
            between_steps()
            found = frozenset(implicit_kinds(pkg, f.module, f.node.body, f))
            if found != pkg.panics.get(f.key, frozenset()):
                pkg.panics[f.key] = found
                changed = True

def memo(pkg: PackageInfo, fn: Callable[[ast.stmt], Any], stmt: ast.stmt) -> Any:
    """`fn(stmt)` computed once per statement of the package: the raise analysis reads every statement
    again on each round of its fixpoint, a try's body again for each handler. Kept in `pkg.cache`, so it
    goes with the package's own trees (an id is that statement's while they live)."""
    table = pkg.cache.setdefault("memo:" + fn.__name__, {})
    hit = table.get(id(stmt))  # type: ignore[union-attr]
    if hit is None:
        hit = table[id(stmt)] = fn(stmt)  # type: ignore[index]
    return hit


def implicit_kinds(pkg: PackageInfo, module: ModuleInfo, body: list[ast.stmt], f: FuncInfo | None = None, checked: bool = False) -> set[str]:
    """Exception kinds the Go translation raises as panics rather than errors ("*" when unknown).

    `checked`: for a `try` body, whose lookups (`d[k]`, `xs[i]`, `del d[k]`) and `chr()` the lowering
    checks where they are, returning the KeyError/IndexError/ValueError to the handler, or refuses
    there (calls.checked_lookup)."""
    out: set[str] = set()
    for stmt in body:
        decided = _decided(pkg, module, f, stmt.test) if isinstance(stmt, ast.If) else None
        if decided is not None:  # a branch the Go never takes is not translated: what it would raise neither
            out |= implicit_kinds(pkg, module, stmt.body if decided else stmt.orelse, f, checked)
            continue
        for n in memo(pkg, walked, stmt):
            if isinstance(n, ast.Subscript) and isinstance(n.ctx, (ast.Load, ast.Del)) and not isinstance(n.slice, ast.Slice):
                if not checked:
                    out |= {"KeyError", "IndexError"}
            elif isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mod) and isinstance(n.left, ast.Constant) and isinstance(n.left.value, str):
                continue  # %-formatting of a literal: lowered to fmt.Sprintf for the types it was given, no division
            elif isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Div, ast.FloorDiv, ast.Mod)):
                out.add("ZeroDivisionError")
            elif isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow):
                out |= {"ValueError", "OverflowError", "ZeroDivisionError"}
            elif isinstance(n, ast.Assert):
                out.add("AssertionError")
            elif isinstance(n, ast.Assign) and any(isinstance(t, ast.Tuple) for t in n.targets) and not isinstance(n.value, ast.Tuple):
                out.add("ValueError")
            elif isinstance(n, ast.Call):
                fn = n.func
                if isinstance(fn, ast.Name):
                    if fn.id in SAFE_CALLS or fn.id in BUILTIN_EXC:
                        continue
                    if fn.id in ("int", "float") and n.args and not (f is not None and numeric_arg(f.node, n.args[0])):
                        continue  # parsing a string: a ValueError error result, not a panic
                    if fn.id in CALL_PANICS:
                        if not (checked and fn.id in CHECKED_CALLS):
                            out |= CALL_PANICS[fn.id]
                        continue
                    found = pkg.resolve(module, fn.id)
                    if found is not None and found[0] == "function":
                        out |= pkg.func_panics(found[1])  # type: ignore[arg-type]
                    elif found is not None and found[0] == "import" and found[1][1] in MODULE_PANICS.get(found[1][0], ()):  # type: ignore[index]
                        out |= MODULE_PANICS[found[1][0]][found[1][1]]  # type: ignore[index]
                    elif found is not None and found[0] == "class":
                        for m in ("__init__", "__post_init__"):
                            if m in found[1].methods:  # type: ignore[union-attr]
                                out |= pkg.func_panics(found[1].methods[m])  # type: ignore[union-attr]
                    else:
                        out.add("*")
                elif isinstance(fn, ast.Attribute):
                    std = pkg.std_module(module, fn.value)
                    if std is not None and fn.attr in MODULE_PANICS.get(std, ()):
                        out |= MODULE_PANICS[std][fn.attr]
                        continue
                    if fn.attr in ("split", "rsplit") and (not n.args or isinstance(n.args[0], ast.Constant) and n.args[0].value):
                        continue  # no separator, or a non-empty literal one: cannot fail
                    if fn.attr in METHOD_PANICS:
                        if not (checked and fn.attr in CHECKED_METHODS):
                            out |= METHOD_PANICS[fn.attr]
                        continue
                    if fn.attr in PATTERN_METHODS and compiled_pattern(pkg, module, fn.value):
                        out.add("NotImplementedError")  # the helpers' run-time check of Python's `$` (pyReText); nothing else
                        continue
                    own = [c.methods[fn.attr] for c in pkg.all_classes() if fn.attr in c.methods]
                    if own:
                        for m in own:
                            out |= pkg.func_panics(m)
                    elif fn.attr not in SAFE_METHODS:
                        out.add("*")
                else:
                    out.add("*")
    return out


# builtin types no value of another is an instance of (ints, floats and bools are not among them: an int
# may be a bool, a float parameter may hold an int)
_DISJOINT = frozenset({"str", "bytes", "bytearray", "list", "dict", "set", "tuple"})


def _decided(pkg: PackageInfo, module: ModuleInfo, f: FuncInfo | None, test: ast.expr) -> bool | None:
    """The value an `if` test always has in the Go, as the lowering decides it, or None: a name an optional
    import's fallback sets to None (`_native is not None`), and `isinstance(p, bytes)` of a parameter the
    evidence types as one other builtin (a `str | bytes` its entry narrows to str), joined with `and`/`or`
    and `not`."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _decided(pkg, module, f, test.operand)
        return None if inner is None else not inner
    if isinstance(test, ast.BoolOp):
        first = _decided(pkg, module, f, test.values[0])
        stop = isinstance(test.op, ast.And) and first is False or isinstance(test.op, ast.Or) and first is True
        return first if stop else None
    local = frozenset() if f is None else memo(pkg, _stored_names, f.node)
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Is, ast.IsNot)) \
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None \
            and isinstance(test.left, ast.Name) and test.left.id in module.absent and test.left.id not in local:
        return isinstance(test.ops[0], ast.Is)
    if not (f is not None and isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id == "isinstance"
            and len(test.args) == 2 and isinstance(test.args[0], ast.Name) and "isinstance" not in local):
        return None
    kinds, name = _type_names(pkg, module, test.args[1]), test.args[0].id
    held = pkg.evidence(f).get(name)
    # rebound only where its entry converts the other members (evidence.entry), or not at all
    kept = name not in local or "narrowed to" in getattr(held, "source", "")
    return held in kinds if kinds is not None and held in _DISJOINT and kept else None


def _type_names(pkg: PackageInfo, module: ModuleInfo, node: ast.expr) -> set[str] | None:
    """The builtin types an isinstance() second argument names, when all are of _DISJOINT: `bytes`,
    `(str, bytes)`, or `String.__args__` of a module alias `String = Union[str, bytes]` (`str | bytes`),
    read where the alias is bound: this module, or the sibling it imports it from."""
    names: list[str] | None
    if isinstance(node, ast.Attribute) and node.attr == "__args__" and isinstance(node.value, ast.Name):
        found = pkg.resolve(module, node.value.id)
        home, alias = found[1] if found is not None and found[0] == "const" else (module, node.value.id)  # type: ignore[misc]
        tree = getattr(home, "tree", None)
        bound = module_type_aliases(tree).get(alias) if tree is not None else None
        names = alias_names(bound) if bound is not None else None
    elif isinstance(node, ast.Tuple):
        names = [n.id for n in node.elts if isinstance(n, ast.Name)] if all(isinstance(n, ast.Name) for n in node.elts) else None
    else:
        names = [node.id] if isinstance(node, ast.Name) else None
    return set(names) if names is not None and set(names) <= _DISJOINT else None


PATTERN_METHODS = frozenset({"search", "match", "fullmatch", "sub", "subn", "findall", "split"})


def re_compile_call(value: ast.expr | None, mod: ModuleInfo) -> bool:
    """Whether `value` is `re.compile(...)` of the std `re` module, as `mod` imports it."""
    f = value.func if isinstance(value, ast.Call) else None
    return isinstance(f, ast.Attribute) and f.attr == "compile" and isinstance(f.value, ast.Name) and mod.imports.get(f.value.id) == ("re", "")


def compiled_pattern(pkg: PackageInfo, module: ModuleInfo, obj: ast.expr) -> bool:
    """`PATTERN` (a module constant) or `X.PATTERN` (`cls._REGEX`, `self._REGEX`: set in a class body) bound
    to `re.compile(...)` wherever the name is bound, so a method called on it is the pattern's, not a
    package method of that name (semver's `Version.match` beside `cls._REGEX.match(...)`). Read from the
    source only; the lowering still decides what it translates (relower.compiled_const)."""
    if isinstance(obj, ast.Name) and module.tree is not None:
        values = [st.value for st in module.tree.body if isinstance(st, (ast.Assign, ast.AnnAssign))
                  and any(isinstance(t, ast.Name) and t.id == obj.id for t in (st.targets if isinstance(st, ast.Assign) else [st.target]))]
        return bool(values) and all(re_compile_call(v, module) for v in values)
    if isinstance(obj, ast.Attribute) and isinstance(obj.value, ast.Name):
        values = [(st.value, c.module) for c in pkg.all_classes() for st in c.node.body if isinstance(st, (ast.Assign, ast.AnnAssign))
                  and any(isinstance(t, ast.Name) and t.id == obj.attr for t in (st.targets if isinstance(st, ast.Assign) else [st.target]))]
        # and never set as an attribute (`self.pattern = other`), which would hide the class's
        stored = any(isinstance(n, ast.Attribute) and n.attr == obj.attr and not isinstance(n.ctx, ast.Load)
                     for m in pkg.modules.values() if m.tree is not None for n in ast.walk(m.tree))
        return bool(values) and all(re_compile_call(v, m) for v, m in values) and not stored
    return False


def handler_names(h: ast.ExceptHandler) -> list[str | None]:
    if h.type is None:
        return [None]
    if isinstance(h.type, ast.Tuple):
        return [base_name(e) for e in h.type.elts]
    return [base_name(h.type)]


def _block_kinds(pkg: PackageInfo, f: FuncInfo, body: list[ast.stmt], handlers: list[list[str | None]], reraise: list[str] | None = None) -> set[str]:
    """AST-level: exception kinds that escape this block as errors (explicit raises and failing calls)."""
    out: set[str] = set()
    for stmt in body:
        if isinstance(stmt, ast.Try):
            inner = handlers + [[n for h in stmt.handlers for n in handler_names(h)]]
            out |= _block_kinds(pkg, f, stmt.body, inner, reraise)
            for part in (stmt.orelse, stmt.finalbody):
                out |= _block_kinds(pkg, f, part, handlers, reraise)
            for h in stmt.handlers:
                names = handler_names(h)
                caught = ["*"] if None in names or any(n in BROAD for n in names) else [n for n in names if n]
                out |= _block_kinds(pkg, f, h.body, handlers, caught)
            continue
        if isinstance(stmt, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            continue
        for kind in _stmt_sources(pkg, f, stmt, reraise):
            if not _caught(pkg, f.module, kind, handlers):
                out.add(kind)
        for child_body in _child_bodies(stmt):
            out |= _block_kinds(pkg, f, child_body, handlers, reraise)
    return out


def body_kinds(pkg: PackageInfo, f: FuncInfo) -> frozenset[str]:
    """The exception kinds `f`'s body returns as Go errors, for a function the package analysis does
    not hold (a nested one, statements.nested_function)."""
    return frozenset(_block_kinds(pkg, f, f.node.body, [], None))


def _stored_names(node: ast.stmt) -> frozenset[str]:
    """The names a function binds anywhere in its body (kept by `memo`: each of its `if`s asks)."""
    return frozenset(n.id for n in ast.walk(node) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load))


def _own_defs(node: ast.stmt) -> dict[str, ast.FunctionDef]:
    """The functions defined in a function's own body, not in a class or another nested function (kept
    by `memo`: each call in the body asks)."""
    found: dict[str, ast.FunctionDef] = {}
    todo: list[ast.AST] = list(node.body)  # type: ignore[attr-defined]
    while todo:
        n = todo.pop()
        if isinstance(n, ast.FunctionDef):
            found.setdefault(n.name, n)
        if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(n))
    return found


def _child_bodies(stmt: ast.stmt) -> list[list[ast.stmt]]:
    out = []
    for name in ("body", "orelse"):
        part = getattr(stmt, name, None)
        if isinstance(part, list) and part and isinstance(part[0], ast.stmt):
            out.append(part)
    return out


def _caught(pkg: PackageInfo, module: ModuleInfo, kind: str, handlers: list[list[str | None]]) -> bool:
    for names in handlers:
        for n in names:
            if pkg.exc_catches(module, n, kind):
                return True
    return False


def _stmt_sources(pkg: PackageInfo, f: FuncInfo, stmt: ast.stmt, reraise: list[str] | None = None) -> list[str]:
    """Exception kinds a statement may turn into a Go error ("*" when unknown)."""
    kinds: list[str] = []
    if isinstance(stmt, ast.Raise):
        exc = stmt.exc
        if exc is None:
            kinds.extend(reraise or ["*"])
        else:
            target = exc.func if isinstance(exc, ast.Call) else exc
            kinds.append(base_name(target) if isinstance(target, (ast.Name, ast.Attribute)) else "*")
    for node in memo(pkg, shallow_calls, stmt):
        kinds.extend(call_kinds(pkg, f, node))
    return kinds


def call_kinds(pkg: PackageInfo, f: FuncInfo, node: ast.Call) -> frozenset[str]:
    """The exception kinds a call may return as an error (empty when it returns none)."""
    fn = node.func
    none: frozenset[str] = frozenset()
    if isinstance(fn, ast.Name):
        if fn.id in ("int", "float") and node.args and not numeric_arg(f.node, node.args[0]):
            if several_arg(f.node, node.args[0]):  # a union or Any: any value may come (calls.prepare_call)
                return frozenset({"ValueError", "TypeError", "OverflowError"} if fn.id == "int" else {"ValueError", "TypeError"})
            return frozenset({"ValueError"})
        if fn.id == "next" and len(node.args) == 1:  # next(iter(xs)) of an empty list (calls.first_of)
            return frozenset({"StopIteration"})
        nested = memo(pkg, _own_defs, f.node).get(fn.id)
        if nested is not None:  # a function defined in this one: what its body raises, raised here
            key = f"nested-kinds:{f.key}:{id(nested)}"
            if key in pkg.in_progress:
                return none  # (a nested function that calls itself: its own raises are counted once)
            pkg.in_progress.add(key)
            try:
                return frozenset(_block_kinds(pkg, f, nested.body, [], None))
            finally:
                pkg.in_progress.discard(key)
        found = pkg.resolve(f.module, fn.id)
        if found is not None and found[0] == "function":
            return pkg.func_kinds(found[1])  # type: ignore[arg-type]
        if found is not None and found[0] == "class":
            return pkg.ctor_kinds(found[1])  # type: ignore[arg-type]
        return none
    if isinstance(fn, ast.Attribute):
        if fn.attr == "index":
            return frozenset({"ValueError"})
        if isinstance(fn.value, ast.Name):
            found = pkg.resolve(f.module, fn.value.id)
            if found is not None and found[0] == "module":
                target = pkg.resolve_own(found[1], fn.attr)  # type: ignore[arg-type]
                if target is not None and target[0] == "function":
                    return pkg.func_kinds(target[1])  # type: ignore[arg-type]
                if target is not None and target[0] == "class":
                    return pkg.ctor_kinds(target[1])  # type: ignore[arg-type]
        # a method call: what any method of that name in the package may raise
        out: set[str] = set()
        for cls in pkg.all_classes():
            m = cls.methods.get(fn.attr)
            if m is not None:
                out |= pkg.func_kinds(m)
        return frozenset(out)
    return none

