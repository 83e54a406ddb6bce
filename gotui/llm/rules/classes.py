"""Class units: a struct, a constructor `NewX(...)`, and for exception classes an error type.

Fields come from dataclass annotations, or from `self.x = ...` in `__init__` (annotated or typed from
the assigned value). Instances are always `*X`; `Optional[X]` is the same pointer, nil for None.
"""

from __future__ import annotations

import ast
from functools import lru_cache

from gotui.golang.names import NIL_DEFAULT, go_func_name, receiver_name
from gotui.llm.rules import goast as g
from gotui.llm.rules.cached import cache_fields
from gotui.llm.rules.dispatch import forwarder_text, forwarders, interface_text
from gotui.llm.rules.pyast import target_values
from gotui.llm.rules.context import Var, package_names
from gotui.llm.rules.package import BUILTIN_EXC, ClassInfo, FuncInfo, PackageInfo
from gotui.llm.rules.scopes import plan
from gotui.evidence.fields import fields_key
from gotui.llm.rules.signatures import (
    Signature, any_params, class_names, ctor_signature, evidence_type, literal_type, several_types, signature_of,
)
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.field_stores import called_class, container_field_types, method_param_types
from gotui.parse.flow import terminates
from gotui.llm.rules.inherit import ABC_MEMBERS, ancestors, base_init_call, base_ref, enum_list_name, enum_members, dispatch_hazard, inherited_field, lookup, returned_field, self_uses, split_bases
from gotui.llm.rules.partial import prune_blank_uses, save_state, todo_here
from gotui.llm.rules.statements import StmtMixin
from gotui.llm.rules.types import (
    NONE, STR, UNIT, AnyT, ClassT, DictT, DynT, ODictT, OptT, T, VarT, finish_text, go_type, has_var, parse_annotation, prune, unify,
)


def _is_classvar(ann: ast.expr) -> bool:
    return isinstance(ann, ast.Subscript) and isinstance(ann.value, ast.Name) and ann.value.id == "ClassVar" or isinstance(ann, ast.Name) and ann.id == "ClassVar"


def _struct(name: str, fields: list[tuple[str, str]], embed: str | None = None, comments: dict[str, str] | None = None) -> list[str]:
    """A struct declaration aligned the way gofmt aligns field types (an embedded base first, alone), with
    a trailing comment on some fields (`comments`: Go field -> text), aligned as gofmt aligns a run of them."""
    if not fields and embed is None:
        return [f"type {name} struct{{}}"]
    comments = comments or {}
    width = max([len(f) for f, _ in fields] or [0])
    head = [f"\t{embed}"] + ([""] if fields else []) if embed is not None else []
    lines = []
    for i, (f, t) in enumerate(fields):
        if f not in comments:
            lines.append(f"\t{f.ljust(width)} {t}")
            continue
        start = i
        while start > 0 and fields[start - 1][0] in comments:
            start -= 1
        end = i
        while end + 1 < len(fields) and fields[end + 1][0] in comments:
            end += 1
        type_width = max(len(ft) for _, ft in fields[start:end + 1])
        lines.append(f"\t{f.ljust(width)} {t.ljust(type_width)} // {comments[f]}")
    return [f"type {name} struct {{"] + head + lines + ["}"]


def _is_member(cls: ClassInfo, attr: str) -> bool:
    """`attr` names a method or property of the class (own or inherited): `self.attr = v` is no field."""
    try:
        return lookup(cls, attr) is not None
    except Unsupported:
        return False


def _class_constant(cls: ClassInfo, stmt: ast.stmt) -> bool:
    """`NAME = value` (or `__radd__ = __add__`) in a class body that no method ever assigns on an
    instance: a value of the class, not a default of a field (which an instance may shadow later, so it
    would have to be a field that starts with this value: refused)."""
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
        return False
    name = stmt.targets[0].id
    for m in cls.methods.values():
        owners = {a.arg for a in m.node.args.args[:1]}
        if any(attr == name for attr, _ in _attr_targets(m.node, owners)):
            return False
    return True


def _default_names(cls: ClassInfo, stmt: ast.stmt) -> list[str]:
    """The names `x = y = <str, int, float or bool literal>` in a class body sets: each is a field that
    starts with that value (not for a dataclass, whose fields are its annotations). `x = None` too, when
    a method sets `self.x` (`_conn = None`, then `self._conn = connect()`): an Optional field that starts
    nil, typed by what the instances get."""
    if cls.is_dataclass or not isinstance(stmt, ast.Assign):
        return []
    if literal_type(stmt.value) is None and not (_is_none(stmt.value) and not _class_constant(cls, stmt)):
        return []
    if not all(isinstance(t, ast.Name) and not (t.id.startswith("__") and t.id.endswith("__")) for t in stmt.targets):
        return []
    return [t.id for t in stmt.targets]  # type: ignore[attr-defined]


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def class_defaults(cls: ClassInfo) -> dict[str, ast.expr]:
    """Field -> its starting value, for the literal class attributes of the class body (_default_names).

    Python looks such an attribute up on the class until an instance sets its own: a read through self
    sees the class's value, or a subclass's that overrides it. In Go it is a field the constructor sets
    first (a subclass's constructor sets its own value after embedding its base), so reads and writes
    through self, and methods inherited from the base, see the same values. A read through the class
    (`Cls.x`) is not a field: it is refused where it is lowered."""
    out: dict[str, ast.expr] = {}
    for stmt in cls.node.body:
        for name in _default_names(cls, stmt):
            out[name] = stmt.value  # type: ignore[attr-defined]
    return out


def _embedded(cls: ClassInfo) -> ClassInfo | None:
    """The package base class a fallback struct still embeds (so inherited fields stay reachable)."""
    try:
        return split_bases(cls)[0]
    except Unsupported:
        return None


def translate_class(pkg: PackageInfo, cls: ClassInfo) -> tuple[str, str | None]:
    """(Go text, reason when partial). Also fills cls.fields."""
    cached = pkg.cache.get("classtext:" + cls.module.stem + ":" + cls.qualname)
    if cached is not None:
        return cached  # type: ignore[return-value]
    try:
        if enum_members(cls) is not None:
            result = _enum(pkg, cls), None
        elif cls.is_exception:
            result = _exception(pkg, cls), None
        else:
            result = _struct_class(pkg, cls)
    except Unsupported as exc:
        if cls.fields is None:
            cls.fields = {}
        reason = str(exc)
        try:
            later = outside_init_fields(pkg, cls, {n: t for n, t in cls.fields.items() if not has_var(t)}, with_init=True)
        except Unsupported:
            later = {}
        cls.fields.update({n: t for n, t in later.items() if n not in cls.fields or has_var(cls.fields[n])})
        for n, t in _getter_types(pkg, cls).items():
            if n in cls.fields and has_var(cls.fields[n]):
                cls.fields[n] = t
        result = _fallback(pkg, cls, reason), reason
        # a field whose type the failed lowering never learnt is `any` in the stub struct: methods must
        # not read it as the type they expect (it would not build), so it is not a field they can see
        cls.fields = {n: t for n, t in cls.fields.items() if not has_var(t)}
    pkg.cache["classtext:" + cls.module.stem + ":" + cls.qualname] = result
    return result


def _enum(pkg: PackageInfo, cls: ClassInfo) -> str:
    """`class Unit(Enum): SECONDS = 2` as a struct with one package variable per member: Python compares
    members by identity and so does Go's pointer `==` (and a map keyed by them); `.name`/`.value` are
    fields. `for u in Unit` ranges over the members in definition order. Calling the class (lookup by
    value) and `Unit["SECONDS"]` are reported where used."""
    members = enum_members(cls)
    assert members is not None
    unknown = [d for d in cls.decorators if d not in ("unique", "total_ordering")]
    if unknown:
        raise Unsupported(f"class decorator @{unknown[0]} on an enum")
    vt = literal_type(members[0][2])
    assert vt is not None
    taken = package_names(pkg)
    clash = next((go for _, go, _ in members if go in taken), None) or (enum_list_name(cls) if enum_list_name(cls) in taken else None)
    if clash is not None:
        raise Unsupported(f"the enum member's Go name {clash} is taken in the package")
    cls.fields = {"name": STR, "value": vt}
    width = max(len(go) for _, go, _ in members)
    lines = [f"// {cls.go_name} is the Python enum {cls.name}: one *{cls.go_name} per member, compared by identity",
             "// as Python compares members; Name and Value are its .name and .value.",
             *_struct(cls.go_name, [("Name", "string"), ("Value", go_type(vt))]), "", "var ("]
    for name, go, value in members:
        lines.append(f"\t{go.ljust(width)} = &{cls.go_name}{{Name: {g.go_string(name)}, Value: {_literal(value)}}}")
    lines += [")", "", f"// {enum_list_name(cls)} are the members in definition order (iterating over {cls.name}).",
              f"var {enum_list_name(cls)} = []*{cls.go_name}{{{', '.join(go for _, go, _ in members)}}}"]
    return "\n".join(lines) + "\n"


def _literal(c: ast.Constant) -> str:
    return g.go_string(c.value) if isinstance(c.value, str) else str(c.value)


def _attr_targets(node: ast.AST, owners: set[str]) -> list[tuple[str, ast.expr]]:
    """(attribute, assigned value) for each `o.x = value` in a body whose `o` is one of `owners`
    (chained targets included)."""
    return [(attr, value) for owner, attr, value in _name_attr_stores(node) if owner in owners]


@lru_cache(maxsize=1024)  # a class's methods are read several times over (outside_init_fields' passes)
def _stored_names(node: ast.AST) -> frozenset[str]:
    """The names a body assigns or deletes."""
    return frozenset(n.id for n in ast.walk(node) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load))


@lru_cache(maxsize=1024)
def _name_attr_stores(node: ast.AST) -> tuple[tuple[str, str, ast.expr], ...]:
    """(name, attribute, assigned value) for each `name.attribute = value` in a body."""
    out = []
    for n in ast.walk(node):
        targets = n.targets if isinstance(n, ast.Assign) else [n.target] if isinstance(n, ast.AnnAssign) and n.value is not None else []
        for t, value in (pair for target in targets for pair in target_values(target, n.value)):  # type: ignore[union-attr,arg-type]
            if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name):
                out.append((t.value.id, t.attr, value))
    return tuple(out)


def outside_init_fields(pkg: PackageInfo, cls: ClassInfo, known: dict[str, T], with_init: bool = False) -> dict[str, T]:
    """Fields that methods other than `__init__` set (`self.next = next`, `next.prev = self`), typed
    where the value is a parameter of known type (annotation or evidence), `self`, or a field of the
    class read through either (`self.prev = next.prev`), or a literal. A field given two types, or a value
    the translator cannot type, is left out. `with_init`: __init__ too (when it could not be lowered).

    In Go such a field starts at its zero value; Python raises AttributeError when it is read before it
    is set: the class says so in a note."""
    names = class_names(pkg, cls.module, cls)
    me = ClassT(cls.key)
    typed: dict[str, T] = {}
    getters = _getter_types(pkg, cls)
    for _ in range(3):  # a field typed through another one (`self.prev = next.prev`) needs another pass
        seen: dict[str, list[T | None]] = {}
        for m in [*cls.methods.values(), *cls.setters.values()]:
            if m.name == "__init__" and not with_init or m.kind != "method" or not m.node.args.args:
                continue
            ptypes = method_param_types(pkg, m, names, me)
            rebound = _stored_names(m.node)
            owners = {p for p, t in ptypes.items() if t == me and p not in rebound}
            for attr, value in _attr_targets(m.node, owners):
                t = None
                if isinstance(value, ast.Name) and value.id not in rebound:
                    t = ptypes.get(value.id)
                elif literal_type(value) is not None:
                    t = literal_type(value)
                elif isinstance(value, ast.Call) and (built := called_class(pkg, cls, value.func)) is not None:
                    t = ClassT(built.key)  # `self.best = Item(n)`
                elif isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.value.id in owners:
                    t = known.get(value.attr) or typed.get(value.attr)
                    if t is None and value.attr == attr:
                        continue  # `self.prev = other.prev`: the same field, whatever its type is
                if not _is_member(cls, attr) and attr not in cls.python_attrs:
                    seen.setdefault(attr, []).append(t)
        typed = {a: ts[0] for a, ts in seen.items() if a not in known and ts[0] is not None and all(t == ts[0] for t in ts)}
        # a value the translator cannot type (`v.strip() if v else v`) takes the type the getter that only
        # returns the field is annotated with, when every typed value agrees
        typed.update({a: getters[a] for a, ts in seen.items() if a not in known and a not in typed and a in getters
                      and all(t is None or t == getters[a] for t in ts)})
    return typed


def _getter_types(pkg: PackageInfo, cls: ClassInfo) -> dict[str, T]:
    """Field -> type from a getter that only returns it, with its result annotated
    (`@property def major(self) -> int: return self._major`): when __init__ could not be lowered,
    the annotation still tells the field's type (a field two getters type differently is left out)."""
    names = class_names(pkg, cls.module, cls)
    out: dict[str, T | None] = {}
    for m in cls.methods.values():
        attr = returned_field(m)
        if m.kind not in ("method", "property") or m.node.returns is None or attr is None:
            continue
        try:
            t: T | None = parse_annotation(m.node.returns, names)
        except Unsupported:
            t = None
        out[attr] = t if out.get(attr, t) == t else None
    return {n: t for n, t in out.items() if t is not None}


def _fallback(pkg: PackageInfo, cls: ClassInfo, reason: str) -> str:
    fields = []
    for name, t in (cls.fields or {}).items():
        try:
            fields.append((go_func_name(name), "any" if has_var(t) else go_type(t)))
        except Unsupported:
            fields.append((go_func_name(name), "any"))
    base = _embedded(cls)
    kept, extra = _kept_and_dispatch(pkg, cls, {n for n, _ in fields})
    lines = [f"// TODO(gotui): {reason}"] + _struct(cls.go_name, fields + kept, base.go_name if base is not None else None)
    # the constructor keeps the signature callers in the package are lowered against (they would not
    # build against another), or none when it has no Go signature either (then no call is lowered)
    params, results = "", f" *{cls.go_name}"
    key = "stub-ctor:" + cls.key  # the signature may translate this class again (its __init__'s body): not twice
    if key not in pkg.in_progress:
        pkg.in_progress.add(key)
        try:
            sig = ctor_signature(pkg, cls)
            params, results = sig.params_go(), f" (*{cls.go_name}, error)" if sig.raises else f" *{cls.go_name}"
        except Unsupported:
            pass
        finally:
            pkg.in_progress.discard(key)
    lines += ["", f"// New{cls.go_name} is not translated yet.", f"func New{cls.go_name}({params}){results} {{", f"\tpanic({g.go_string('gotui: ' + reason)})", "}"]
    return "\n".join(lines) + "\n" + extra


def _kept_and_dispatch(pkg: PackageInfo, cls: ClassInfo, taken: set[str]) -> tuple[list[tuple[str, str]], str]:
    """The struct's fields for its @cached_property values (cached.py), and the Go that Python's dispatch
    needs here (dispatch.py): the interface this class's methods call through, and this class's own
    methods for the inherited ones whose bodies call what it overrides. A partial class's stub has
    them too: its methods and the methods inherited on it are the same Go either way."""
    kept = cache_fields(pkg, cls, taken)
    # (each method here has a Go signature: dispatch.plan_of leaves out those that have none)
    extra = [interface_text(pkg, cls)] + [forwarder_text(pkg, cls, m) for m in forwarders(pkg, cls)]
    return kept, "".join("\n" + e for e in extra if e)


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


def _struct_class(pkg: PackageInfo, cls: ClassInfo) -> tuple[str, str | None]:
    base: ClassInfo | None = None
    abcs: list[str] = []
    if cls.bases and cls.bases not in (["object"], ["NamedTuple"]):
        base, abcs = split_bases(cls)
        if base is not None and (cls.is_dataclass or base.is_dataclass):
            raise Unsupported(f"dataclass inheritance ({cls.name} from {base.name})")
        if base is not None:
            translate_class(pkg, base)
            if not pkg.cache.get("struct:" + base.qualname):
                raise Unsupported(f"the base class {base.name} is not translated")
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
    names = class_names(pkg, cls.module, cls)
    for stmt in cls.node.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            continue  # a field (or, under ClassVar, a class constant): _fields
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Pass, ast.ClassDef)):
            continue  # methods and nested classes are units of their own
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue
        elif isinstance(stmt, ast.Assign) and [ast.unparse(t) for t in stmt.targets] == ["__slots__"]:
            continue  # a struct's fields are fixed anyway: the fields still come from __init__
        elif _default_names(cls, stmt):
            continue  # a field that starts with this value (class_defaults)
        elif _class_constant(cls, stmt):
            continue  # not a field: every read of it is refused where it is lowered (no field, no method)
        else:
            # the default of an instance attribute, or a value the struct cannot hold: it stays Python,
            # and so does every use of it; the struct and the rest of the class are still translated
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
            names_set = [t.id for t in targets if isinstance(t, ast.Name)]
            if not names_set or len(names_set) != len(targets):
                raise Unsupported(f"class-level `{ast.unparse(stmt).splitlines()[0]}` (class attributes)")
            for n in names_set:
                cls.python_attrs.setdefault(n, stmt.lineno)
    # Special methods do not block the struct: each is a unit of its own, and every use that would need
    # one (truth value, iteration, indexing, calling, `with`) is refused where it is lowered, since a
    # class is none of Go's iterable, indexable or callable types. Hashing is the exception: a map keyed
    # by *X compares pointers, so a class that hashes by value is refused as a key in types.go_type.
    if "__init__" in cls.methods and cls.is_dataclass:
        raise Unsupported("a dataclass with its own __init__")
    cls.fields = _fields(pkg, cls, base, names)  # what methods see should the constructor fail (translate_class)
    try:
        sig = ctor_signature(pkg, cls)
        unknown = any_params(sig)
    except Unsupported as exc:
        # a parameter type with no Go form: `any` there, as in a function (translator.translate_function)
        init = cls.methods.get("__init__")
        if init is None or cls.is_dataclass:
            raise
        try:
            lenient = signature_of(pkg, init, lenient=True)
        except Unsupported:
            raise exc from None
        sig = Signature(lenient.params, ClassT(cls.key), pkg.ctor_raises(cls), cls.module)
        unknown = [str(exc)]
    # Like a function's body (translator.translate_function), a constructor that cannot be lowered whole
    # is salvaged: each statement that does not translate becomes a TODO in place, and a field only such
    # a statement sets is `any`. The struct stays real, so the methods and the subclasses that use its
    # other fields are translated as they would be.
    try:
        tr, fields, notes = _ctor(pkg, cls, base, sig, names, salvage=bool(unknown))
    except Unsupported as exc:
        if unknown:
            raise
        tr, fields, notes = _ctor(pkg, cls, base, sig, names, salvage=True)
        unknown = [str(tr.todos[0]) if tr.todos else str(exc)]
    ctor_sig = Signature(sig.params, ClassT(cls.key), sig.raises, cls.module)
    later = {n: t for n, t in outside_init_fields(pkg, cls, dict(fields)).items() if base is None or inherited_field(pkg, cls, n) is None}
    fields.update(later)
    members = [(go_func_name(n), go_type(t)) for n, t in fields.items()]
    kept, extra = _kept_and_dispatch(pkg, cls, {n for n, _ in members})
    nil_first = {go_func_name(n): NIL_DEFAULT for n, v in class_defaults(cls).items() if _is_none(v) and n in fields}
    struct = _struct(cls.go_name, members + kept, base.go_name if base is not None else None, nil_first)
    doc = [f"// {cls.go_name} is the Python class {cls.qualname}" + (f"({base.name}): it embeds {base.go_name}, whose fields and methods Go promotes." if base is not None else ".")]
    for abc in abcs:
        gone = sorted(ABC_MEMBERS[abc] - set(cls.methods))
        doc.append(f"// gotui: the base collections.abc.{abc} gives Go nothing" + (f"; {', '.join(gone)} {'is' if len(gone) == 1 else 'are'} not on {cls.go_name} (uses are refused)." if gone else "."))
    doc += notes
    if kept:
        doc.append(f"// gotui: {', '.join(n for n, _ in kept)} keep{'s' if len(kept) == 1 else ''} the value of a @cached_property after its first read (nil before).")
    if later:
        doc.append(f"// gotui: {', '.join(later)} {'is' if len(later) == 1 else 'are'} set outside __init__: Go starts "
                   f"{'it' if len(later) == 1 else 'them'} at the zero value, where Python raises AttributeError on a read before the first assignment.")
    header = f"func New{cls.go_name}({sig.params_go()}){ctor_sig.results_go()} {{"
    init = cls.methods.get("__init__")
    runner = cls.name if init is not None or base is None else next((c.name for c in ancestors(cls) if "__init__" in c.methods), cls.name)
    ctor_doc = [f"// New{cls.go_name} builds a {cls.go_name} as {cls.name}(...) does; Go has no default arguments, so every field is a parameter." if cls.is_dataclass else f"// New{cls.go_name} runs {runner}.__init__."]
    hazards = _hazards(cls) if base is not None else []
    if hazards:
        doc.insert(0, f"// TODO(gotui): {hazards[0]}; uses of such an inherited method are refused" + (f" (and {len(hazards) - 1} more)." if len(hazards) > 1 else "."))
    if tr.todos:
        what = "1 statement stays" if len(tr.todos) == 1 else f"{len(tr.todos)} statements stay"
        ctor_doc.append(f"// TODO(gotui): partly translated: {what} Python (marked TODO below, it panics there); the rest is Go.")
    if unknown:
        ctor_doc.append(f"// TODO(gotui): {' '.join('; '.join(unknown).split())}: `any` here, so what uses it stays Python.")
    if cls.python_attrs:
        kept = ", ".join(f"`{n}` (line {line})" for n, line in cls.python_attrs.items())
        one = len(cls.python_attrs) == 1
        doc.append(f"// TODO(gotui): the class attribute{'' if one else 's'} {kept} stay{'s' if one else ''} Python: a default that an "
                   f"instance may shadow later, or a value the struct cannot hold; every use of {'it' if one else 'them'} is a TODO where it is.")
        unknown = unknown or [f"class-level `{next(iter(cls.python_attrs))}` (class attributes) stays Python"]
    traced = sorted(pkg.cache.get("traced-fields:" + cls.qualname, ()))
    if traced:
        doc.append(f"// gotui: {', '.join(traced)}: typed from the trace (the states of self its methods were called with), "
                   f"which __init__ does not tell.")
    vague = [n for n, t in fields.items() if isinstance(t, AnyT) and n not in later]
    if vague:
        doc.append(f"// TODO(gotui): {', '.join(vague)}: only statements that stay Python set {'it' if len(vague) == 1 else 'them'}, so {'its' if len(vague) == 1 else 'their'} type is `any`.")
    text = "\n".join(doc + struct + [""] + ctor_doc + [header] + tr.lines + ["}"]) + "\n" + extra
    pkg.cache["struct:" + cls.qualname] = True  # a real struct, which a subclass can embed
    reason = "; ".join(unknown) if unknown else str(tr.todos[0]) if tr.todos else hazards[0] if hazards else None
    return finish_text(text), reason


def _fields(pkg: PackageInfo, cls: ClassInfo, base: ClassInfo | None, names: dict) -> dict[str, T]:
    """The struct's own fields: annotated in the class body, then in the order __init__ first assigns
    them (annotated ones typed now, the rest from their value when the body is lowered)."""
    fields: dict[str, T] = {}
    for stmt in cls.node.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and not _is_classvar(stmt.annotation):
            fields[stmt.target.id] = parse_annotation(stmt.annotation, names)
    for name, value in class_defaults(cls).items():
        t = literal_type(value) or OptT(VarT())  # None: Optional of what the instances are given
        fields.setdefault(name, t)
    init = cls.methods.get("__init__")
    if init is not None:
        for n in ast.walk(init.node):
            if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Attribute) and isinstance(n.target.value, ast.Name) and n.target.value.id == "self":
                if not _is_member(cls, n.target.attr):
                    fields.setdefault(n.target.attr, parse_annotation(n.annotation, names))
            elif isinstance(n, ast.Assign):
                for t, _ in (pair for target in n.targets for pair in target_values(target, n.value)):
                    if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self" and not _is_member(cls, t.attr):
                        fields.setdefault(t.attr, VarT())  # (a property's name is its setter running, not a field)
    for name in cls.python_attrs:
        fields.pop(name, None)  # its class-level default stays Python: so does every use of it
    if base is not None:
        for name in [n for n in fields if inherited_field(pkg, cls, n) is not None]:
            del fields[name]  # the base's field (one attribute in Python): set through the embedded struct
    return fields


def _ctor(pkg: PackageInfo, cls: ClassInfo, base: ClassInfo | None, sig: Signature, names: dict,
          salvage: bool) -> tuple[StmtMixin, dict[str, T], list[str]]:
    """The body of `NewCls` (in tr.lines), the fields it types, and the notes it adds to the struct.
    With `salvage`, what does not translate is a TODO in place and a field nothing typed is `any`."""
    fields = _fields(pkg, cls, base, names)
    cls.fields = fields
    init = cls.methods.get("__init__")
    post = cls.methods.get("__post_init__")
    recv = receiver_name(cls.name)
    ctor_sig = Signature(sig.params, ClassT(cls.key), sig.raises, cls.module)
    body_fn = init or post
    fi = body_fn if body_fn is not None else FuncInfo("__init__", ast.FunctionDef("__init__", ast.arguments([], [], None, [], [], None, []), [], [], None), cls.module, cls, "method")  # type: ignore[call-arg]
    tr = StmtMixin(pkg, cls.module, fi, cls, ctor_sig, defining=cls, ctor_recv=recv)
    tr.salvage = salvage
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
    notes: list[str] = []
    if body_fn is not None:
        self_name = body_fn.node.args.args[0].arg if body_fn.node.args.args else "self"
        tr.vars[self_name] = Var(self_name, recv, ClassT(cls.key), declared=True, param=True)
        tr.decl = plan(body_fn.node.body, set(tr.vars))
        body = body_fn.node.body
        if base is not None:
            try:
                body = _base_init(tr, cls, base, body, self_name, recv, notes)
            except Unsupported as exc:
                if not salvage:
                    raise
                # the embedded base stays its zero value, and the call that builds it a TODO in place
                todo_here(tr, save_state(tr), exc, last=False)
                body = [s for s in body if base_init_call(cls, s, base) is None]
        _set_defaults(tr, cls, base, recv)
        tr.block_stmts(body)
        ends = terminates(body_fn.node.body)
    else:
        if base is not None:
            call = ast.Call(ast.Name(base_ref(cls, base), ast.Load()), [ast.Name(p.py, ast.Load()) for p in sig.params], [])
            _embed_base(tr, cls, base, call, recv)
        _set_defaults(tr, cls, base, recv)
        ends = False
    if not ends and not (tr.lines and tr.lines[-1].startswith("\tpanic(")):
        tr.emit(f"return {recv}" + (", nil" if sig.raises else ""))
    if tr.todos:
        prune_blank_uses(tr.lines)
    getters: dict[str, T] | None = None
    memo: dict[str, dict[str, T]] = {}
    for name, t in fields.items():
        if prune(t) is None:
            raise Unsupported(f"type of field {name}")
        if has_var(t):
            getters = _getter_types(pkg, cls) if getters is None else getters
            getter = getters.get(name) or _typed_later(pkg, cls, name, t, fields, memo) or _traced_field(pkg, cls, name, t, names)
            if getter is not None:
                fields[name] = getter
            elif not salvage:  # the salvaged attempt makes it `any`, and keeps the rest of the struct
                raise Unsupported(f"cannot infer the type of field `{name}` (an empty container or None that nothing in __init__ tells the type of)")
            else:
                fields[name] = AnyT(f"field `{name}`: nothing __init__ translates tells its type")
    return tr, fields, notes


def _typed_later(pkg: PackageInfo, cls: ClassInfo, name: str, t: T, fields: dict[str, T], memo: dict[str, dict[str, T]]) -> T | None:
    """The type of a field __init__ leaves open (`t` holds a type variable), from the other methods: an
    empty container (`self.__data = {}`) by what they store in it (container_field_types), a None
    (`self.best = None`, or a class default None) by what they set it to (outside_init_fields), as
    Optional of that. `memo` keeps both readings for the class's other fields."""
    pt = prune(t)
    inner = prune(pt.inner) if isinstance(pt, OptT) else pt
    known = {n: ft for n, ft in fields.items() if not has_var(ft)}
    if "stores" not in memo:
        memo["stores"] = container_field_types(pkg, cls, {n for n, ft in fields.items() if has_var(ft)}, known)
    found = memo["stores"].get(name)
    if isinstance(inner, ODictT) and isinstance(found, DictT):  # stored into the same way
        found = ODictT(found.key, UNIT if found.val == NONE else found.val)
    if isinstance(inner, VarT):
        if not isinstance(pt, OptT):
            return None  # nothing says even that it is a container
        if "sets" not in memo:
            memo["sets"] = outside_init_fields(pkg, cls, known)
        found = memo["sets"].get(name)
    return _fitted(pt, found)


def _fitted(pt: T, found: T | None) -> T | None:
    """The field's type `found` where it fits what __init__ tells (`pt`, pruned: a type variable, or
    Optional of one where a None was set), Optional again there; None when it does not fit."""
    inner = prune(pt.inner) if isinstance(pt, OptT) else pt
    if found is None or not unify(inner, found):
        return None
    return OptT(found) if isinstance(pt, OptT) else found


def _traced_field(pkg: PackageInfo, cls: ClassInfo, name: str, t: T, names: dict) -> T | None:
    """The type of a field __init__ leaves open, from the states of `self` the traces of the class's
    methods copied (evidence/fields.py), when it has a Go type and fits what __init__ does tell."""
    text = pkg.evidence_at(cls.module.path, fields_key(cls.qualname)).get(name)
    found = evidence_type(text, names) if text else None  # type: ignore[arg-type]
    pt = prune(t)
    if isinstance(found, OptT) and isinstance(pt, OptT):
        found = prune(found.inner)  # (a class default None: the trace saw the value too)
    if isinstance(found, DictT):
        found = _keys_as_used(pkg, cls, name, found)
    fitted = _fitted(pt, found)
    if fitted is not None:
        pkg.cache.setdefault("traced-fields:" + cls.qualname, set()).add(name)
    return fitted


def _keys_as_used(pkg: PackageInfo, cls: ClassInfo, name: str, found: DictT) -> DictT:
    """A traced dict field whose methods look it up, store into it or pop from it by a parameter the
    trace saw values of several types of (cachetools' `Cache.__size`, traced with int keys only,
    indexed by `key`, which the trace saw as int and tuple): keys of several types, as the
    parameter's are; else the traced type. The field is read directly (`self.__size[key]`) or
    through a local bound to it (`size = self.__size`)."""
    if isinstance(prune(found.key), DynT):
        return found  # its keys are of several types already
    for m in cls.methods.values():
        args = m.node.args.args
        if m.kind != "method" or not args:
            continue
        me, params = args[0].arg, {a.arg for a in args[1:]}
        field_reads = {id(n) for n in ast.walk(m.node) if isinstance(n, ast.Attribute) and n.attr == name
                       and isinstance(n.value, ast.Name) and n.value.id == me}
        aliases = {s.targets[0].id for s in ast.walk(m.node) if isinstance(s, ast.Assign) and len(s.targets) == 1
                   and isinstance(s.targets[0], ast.Name) and id(s.value) in field_reads}

        def is_field(e: ast.expr) -> bool:
            return id(e) in field_reads or isinstance(e, ast.Name) and e.id in aliases  # noqa: B023

        keys: list[ast.expr] = []
        for n in ast.walk(m.node):
            if isinstance(n, ast.Subscript) and is_field(n.value):
                keys.append(n.slice)
            elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("pop", "get", "setdefault") \
                    and is_field(n.func.value) and n.args:
                keys.append(n.args[0])
            elif isinstance(n, ast.Compare) and isinstance(n.ops[0], (ast.In, ast.NotIn)) and is_field(n.comparators[0]):
                keys.append(n.left)
        for k in keys:
            why = several_types(pkg, m, k.id) if isinstance(k, ast.Name) and k.id in params else None
            if why is not None:
                return DictT(DynT(f"the keys of `{name}`, which {m.name} indexes by `{k.id}`: {why}"), found.val)  # type: ignore[attr-defined]
    return found


def _set_defaults(tr: StmtMixin, cls: ClassInfo, base: ClassInfo | None, recv: str) -> None:
    """`recv.X = value` for each class attribute default (class_defaults), the class's own fields and
    those it overrides of its bases. An override the base's __init__ reads is refused: Python's base
    __init__ sees the subclass's value, Go's New<Base> its own."""
    for name, value in class_defaults(cls).items():
        t = cls.fields.get(name) if cls.fields is not None and name in cls.fields else inherited_field(tr.pkg, cls, name)
        if t is None:
            raise Unsupported(f"class attribute `{name}` overrides something of a base that is not a field")
        if base is not None and name not in (cls.fields or {}):
            for c in [base, *ancestors(base)]:
                init = c.methods.get("__init__")
                if init is not None and any(isinstance(n, ast.Attribute) and n.attr == name and isinstance(n.value, ast.Name)
                                            and n.value.id == "self" for n in ast.walk(init.node)):
                    raise Unsupported(f"class attribute `{name}` overrides {c.name}'s, which {c.name}.__init__ reads: Go's New{c.go_name} sees its own")
        if not _is_none(value):  # None is the Optional field's zero value
            tr.emit(f"{recv}.{go_func_name(name)} = {tr.r(tr.value(value, t))}")


def _hazards(cls: ClassInfo) -> list[str]:
    """Each inherited method whose Go version would dispatch differently on this class (inherit.dispatch_hazard)."""
    out = []
    seen: set[str] = set(cls.methods)
    for c in ancestors(cls):
        for name, m in c.methods.items():
            if name in seen or name == "__init__":
                continue
            seen.add(name)
            why = dispatch_hazard(cls, m)
            if why is not None:
                out.append(why)
    return out


def _embed_base(tr: StmtMixin, cls: ClassInfo, base: ClassInfo, call: ast.Call, recv: str) -> None:
    """`recv.Base = *NewBase(args)`: the base's __init__ builds the embedded struct. Faithful when that
    __init__ only sets attributes of self (Go builds it as a value of its own, then copies it in) and
    calls nothing on self that the derived class overrides (Python would run the override)."""
    init = next((c.methods["__init__"] for c in [base, *ancestors(base)] if "__init__" in c.methods), None)
    if init is not None:
        if "*" in self_uses(init):
            raise Unsupported(f"{init.cls.name}.__init__ hands self to other code: Go builds the embedded {base.name} as a value of its own")  # type: ignore[union-attr]
        why = dispatch_hazard(cls, init)
        if why is not None:
            raise Unsupported(why)
    e = tr.expr(call)
    tr.emit(f"{recv}.{base.go_name} = *{tr.r(e.g)}")


def _base_init(tr: StmtMixin, cls: ClassInfo, base: ClassInfo, body: list[ast.stmt], self_name: str, recv: str, notes: list[str]) -> list[ast.stmt]:
    """The derived __init__'s body after its `super().__init__(...)` (lowered by _embed_base), which must
    come first (after a docstring): before it the embedded struct is the zero value in both languages."""
    start = 1 if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) else 0
    calls = [i for i, stmt in enumerate(body) if base_init_call(cls, stmt, base) is not None]
    if not calls:
        notes.append(f"// gotui: {cls.name}.__init__ does not call {base.name}.__init__: the embedded {base.go_name} keeps Go zero values, where Python leaves its attributes unset.")
        return body
    if calls != [start]:
        raise Unsupported(f"{cls.name}.__init__ calls {base.name}.__init__ after other statements (or twice)")
    call = base_init_call(cls, body[start], base)
    assert call is not None
    if any(isinstance(n, ast.Name) and n.id == self_name for n in ast.walk(call)):
        raise Unsupported(f"{base.name}.__init__ given attributes of the object it builds")
    _embed_base(tr, cls, base, call, recv)
    return body[start + 1:]
