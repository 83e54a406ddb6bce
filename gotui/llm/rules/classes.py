"""Class units: a struct, a constructor `NewX(...)`, and for exception classes an error type.

Fields come from dataclass annotations, or from `self.x = ...` in `__init__` (annotated or typed from
the assigned value). Instances are always `*X`; `Optional[X]` is the same pointer, nil for None.
"""

from __future__ import annotations

import ast

from gotui.golang.names import go_func_name, receiver_name
from gotui.llm.rules import goast as g
from gotui.llm.rules.context import Var
from gotui.llm.rules.package import BUILTIN_EXC, ClassInfo, FuncInfo, PackageInfo
from gotui.llm.rules.scopes import plan
from gotui.llm.rules.signatures import Signature, any_params, class_names, ctor_signature
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.flow import terminates
from gotui.llm.rules.statements import StmtMixin
from gotui.llm.rules.types import ClassT, T, VarT, finish_text, go_type, has_var, parse_annotation, prune


def _is_classvar(ann: ast.expr) -> bool:
    return isinstance(ann, ast.Subscript) and isinstance(ann.value, ast.Name) and ann.value.id == "ClassVar" or isinstance(ann, ast.Name) and ann.id == "ClassVar"


def _struct(name: str, fields: list[tuple[str, str]]) -> list[str]:
    """A struct declaration aligned the way gofmt aligns field types."""
    if not fields:
        return [f"type {name} struct{{}}"]
    width = max(len(f) for f, _ in fields)
    return [f"type {name} struct {{"] + [f"\t{f.ljust(width)} {t}" for f, t in fields] + ["}"]


def translate_class(pkg: PackageInfo, cls: ClassInfo) -> tuple[str, str | None]:
    """(Go text, reason when partial). Also fills cls.fields."""
    cached = pkg.cache.get("classtext:" + cls.module.stem + ":" + cls.name)
    if cached is not None:
        return cached  # type: ignore[return-value]
    try:
        if cls.is_exception:
            result = _exception(pkg, cls), None
        else:
            result = _struct_class(pkg, cls), None
    except Unsupported as exc:
        if cls.fields is None:
            cls.fields = {}
        reason = str(exc)
        result = _fallback(cls, reason), reason
        # a field whose type the failed lowering never learnt is `any` in the stub struct: methods must
        # not read it as the type they expect (it would not build), so it is not a field they can see
        cls.fields = {n: t for n, t in cls.fields.items() if not has_var(t)}
    pkg.cache["classtext:" + cls.module.stem + ":" + cls.name] = result
    return result


def _fallback(cls: ClassInfo, reason: str) -> str:
    fields = []
    for name, t in (cls.fields or {}).items():
        try:
            fields.append((go_func_name(name), "any" if has_var(t) else go_type(t)))
        except Unsupported:
            fields.append((go_func_name(name), "any"))
    lines = [f"// TODO(gotui): {reason}"] + _struct(cls.go_name, fields)
    lines += ["", f"// New{cls.go_name} is not translated yet.", f"func New{cls.go_name}() *{cls.go_name} {{", f"\tpanic({g.go_string('gotui: ' + reason)})", "}"]
    return "\n".join(lines) + "\n"


def _exception(pkg: PackageInfo, cls: ClassInfo) -> str:
    cls.fields = {}
    for stmt in cls.node.body:
        if isinstance(stmt, ast.Pass) or isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue
        raise Unsupported(f"exception class {cls.name} has a body (fields or methods)")
    base = cls.bases[0]
    if base not in BUILTIN_EXC:
        parent = pkg.find_class(cls.module, base)
        if parent is None or translate_class(pkg, parent)[1] is not None:
            raise Unsupported(f"the base exception class {base} is not translated")
    recv = "e"
    lines = [
        f"// {cls.go_name} is the Python exception {cls.name}({base}).",
        "// gotui: `raise " + cls.name + "(msg)` returns &" + cls.go_name + "{Msg: msg} as the error; `except " + cls.name + "` tests it with errors.As.",
        *_struct(cls.go_name, [("Msg", "string")]),
        "",
        f"func ({recv} *{cls.go_name}) Error() string {{",
        f"\treturn {recv}.Msg",
        "}",
        "",
        f"// Unwrap exposes the Python base class {base}, so handlers of the base class catch it too.",
        f"func ({recv} *{cls.go_name}) Unwrap() error {{",
    ]
    if base in BUILTIN_EXC:
        lines.append(f'\treturn pyRaise("{base}", {recv}.Msg)')
    else:
        parent = pkg.find_class(cls.module, base)
        assert parent is not None
        lines.append(f"\treturn &{parent.go_name}{{Msg: {recv}.Msg}}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _struct_class(pkg: PackageInfo, cls: ClassInfo) -> str:
    if cls.bases and cls.bases not in (["object"], ["NamedTuple"]):
        raise Unsupported(f"class {cls.name} inherits from {', '.join(cls.bases)}")
    # total_ordering only adds <=, >, >= from __lt__/__eq__: those operators on the class are refused
    # where used (no method of that name), and Less/Equal translate as they are
    unknown = [d for d in cls.decorators if d not in ("dataclass", "total_ordering")]
    if unknown:
        raise Unsupported(f"class decorator @{unknown[0]}")
    for d in cls.node.decorator_list:
        if isinstance(d, ast.Call):
            for k in d.keywords:
                if k.arg in ("order", "slots", "kw_only") and not (isinstance(k.value, ast.Constant) and k.value.value is False):
                    raise Unsupported(f"@dataclass({k.arg}=...)")
    names = class_names(pkg, cls.module)
    fields: dict[str, T] = {}
    cls.fields = fields
    for stmt in cls.node.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            if _is_classvar(stmt.annotation):
                continue  # a class constant, not a field: a method that reads it is reported where it does
            fields[stmt.target.id] = parse_annotation(stmt.annotation, names)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Pass)):
            continue
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue
        elif isinstance(stmt, ast.Assign) and [ast.unparse(t) for t in stmt.targets] == ["__slots__"]:
            continue  # a struct's fields are fixed anyway: the fields still come from __init__
        else:
            raise Unsupported(f"class-level `{ast.unparse(stmt).splitlines()[0]}` (class attributes)")
    # Special methods do not block the struct: each is a unit of its own, and every use that would need
    # one (truth value, iteration, indexing, calling, `with`) is refused where it is lowered, since a
    # class is none of Go's iterable, indexable or callable types. Hashing is the exception: a map keyed
    # by *X compares pointers, so a class that hashes by value is refused as a key in types.go_type.
    init = cls.methods.get("__init__")
    post = cls.methods.get("__post_init__")
    if init is not None and cls.is_dataclass:
        raise Unsupported("a dataclass with its own __init__")
    if init is not None:
        # fields in the order __init__ first assigns them; annotated ones typed now, the rest from their value
        for n in ast.walk(init.node):
            if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Attribute) and isinstance(n.target.value, ast.Name) and n.target.value.id == "self":
                fields.setdefault(n.target.attr, parse_annotation(n.annotation, names))
            elif isinstance(n, ast.Assign):
                for t in n.targets:
                    if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self":
                        fields.setdefault(t.attr, VarT())
    sig = ctor_signature(pkg, cls)
    unknown = any_params(sig)
    if unknown:
        raise Unsupported("; ".join(unknown))
    recv = receiver_name(cls.name)
    ctor_sig = Signature(sig.params, ClassT(cls.name), sig.raises, cls.module)
    body_fn = init or post
    fi = body_fn if body_fn is not None else FuncInfo("__init__", ast.FunctionDef("__init__", ast.arguments([], [], None, [], [], None, []), [], [], None), cls.module, cls, "method")  # type: ignore[call-arg]
    tr = StmtMixin(pkg, cls.module, fi, cls, ctor_sig, defining=cls, ctor_recv=recv)
    tr.used_go.add(recv)
    for p in sig.params:
        if p.go in tr.used_go:
            p.go = tr.fresh(p.go)
        tr.used_go.add(p.go)
        tr.vars[p.py] = Var(p.py, p.go, p.t, declared=True, param=True, fresh=False)
    if cls.is_dataclass:
        inits = ", ".join(f"{go_func_name(p.py)}: {p.go}" for p in sig.params)
        tr.emit(f"{recv} := &{cls.go_name}{{{inits}}}")
        for stmt in cls.node.body:  # init=False fields with defaults
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id not in {p.py for p in sig.params} and stmt.value is not None:
                v = stmt.value
                if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "field":
                    kws = {k.arg: k.value for k in v.keywords}
                    v = ast.Call(kws["default_factory"], [], []) if "default_factory" in kws else kws.get("default")  # type: ignore[assignment]
                if v is not None:
                    val = tr.value(v, fields[stmt.target.id])
                    tr.emit(f"{recv}.{go_func_name(stmt.target.id)} = {tr.r(val)}")
    else:
        tr.emit(f"{recv} := &{cls.go_name}{{}}")
    if body_fn is not None:
        self_name = body_fn.node.args.args[0].arg if body_fn.node.args.args else "self"
        tr.vars[self_name] = Var(self_name, recv, ClassT(cls.name), declared=True, param=True)
        tr.decl = plan(body_fn.node.body, set(tr.vars))
        tr.block_stmts(body_fn.node.body)
        ends = terminates(body_fn.node.body)
    else:
        ends = False
    if not ends:
        tr.emit(f"return {recv}" + (", nil" if sig.raises else ""))
    for name, t in fields.items():
        if prune(t) is None:
            raise Unsupported(f"type of field {name}")
    struct = _struct(cls.go_name, [(go_func_name(n), go_type(t)) for n, t in fields.items()])
    doc = [f"// {cls.go_name} is the Python class {cls.name}."]
    header = f"func New{cls.go_name}({sig.params_go()}){ctor_sig.results_go()} {{"
    ctor_doc = [f"// New{cls.go_name} builds a {cls.go_name} as {cls.name}(...) does; Go has no default arguments, so every field is a parameter." if cls.is_dataclass else f"// New{cls.go_name} runs {cls.name}.__init__."]
    text = "\n".join(doc + struct + [""] + ctor_doc + [header] + tr.lines + ["}"]) + "\n"
    return finish_text(text)
