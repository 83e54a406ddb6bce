"""Go signatures of Python functions, methods and constructors.

Go has no default arguments: every parameter is kept, and calls inside the package that leave one
out get the default filled in at the call site. A function that can raise returns an extra `error`.
A returned tuple becomes multiple results.
"""

from __future__ import annotations

import ast
import dataclasses
import re

from gotui.evidence.model import Evidenced, TypeTable
from gotui.llm.rules.decorators import WarningDecorator, warning_decorator
from gotui.parse.generators import is_generator, iterator_base, own_nodes, yielded
from gotui.llm.rules.inherit import ancestors
from gotui.llm.rules.package import ClassInfo, FuncInfo, ModuleInfo, PackageInfo, Param, Signature
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import (
    BOOL, FLOAT, INT, NONE, STR, AnyT, ClassT, DictT, DynT, ListT, MatchT, ODictT, OptT, SeqT, SetT, T, TupleT, TypeScope, has_var, module_type_aliases,
    parse_annotation, unknown,
)
from gotui.golang.names import go_local_name


def class_names(pkg: PackageInfo, module: object, cls: ClassInfo | None = None) -> TypeScope:
    """What an annotation in `module` may name: the package's classes and the module's type aliases; seen
    from inside `cls`, also the classes nested in it and in its outer classes (the nearest wins, as
    evidence names them), each standing for its key (`_Link` -> `LFUCache._Link`)."""
    names: set[str] = set()
    for m in pkg.modules.values():
        names.update(m.classes)
    keys: dict[str, str] = dict(module_class_keys(pkg, module)) if isinstance(module, ModuleInfo) else {}
    scope: list[ClassInfo] = []
    while cls is not None:
        scope.append(cls)
        cls = cls.outer
    for c in reversed(scope):
        if c.outer is not None:
            keys[c.name] = c.key
        keys.update({n: inner.key for n, inner in c.inner.items()})
    return TypeScope(names | set(keys), type_aliases(pkg, module) if isinstance(module, ModuleInfo) else {}, keys)


def module_class_keys(pkg: PackageInfo, module: ModuleInfo) -> dict[str, str]:
    """The classes `module` defines or imports whose key is not their name (a name an earlier module
    of the package took first): name -> key, so the module's annotations name its own class."""
    key = "class-keys:" + module.path
    hit = pkg.cache.get(key)
    if hit is not None:
        return hit  # type: ignore[return-value]
    out: dict[str, str] = {}
    for name in [*module.classes, *module.imports]:
        found = pkg.resolve(module, name)
        if found is not None and found[0] == "class" and found[1].key != name:  # type: ignore[union-attr]
            out[name] = found[1].key  # type: ignore[union-attr]
    pkg.cache[key] = out
    return out


def type_aliases(pkg: PackageInfo, module: ModuleInfo) -> dict[str, ast.expr]:
    """The module's own type aliases, those it imports from a sibling module, and (for the aliases
    an imported one is built from) the rest of that sibling's."""
    key = "aliases:" + module.path
    hit = pkg.cache.get(key)
    if hit is not None:
        return hit  # type: ignore[return-value]
    out: dict[str, ast.expr] = {}
    if module.tree is not None:
        out.update(module_type_aliases(module.tree))
        rest: dict[str, ast.expr] = {}
        for local, (src, attr) in module.imports.items():
            sib = pkg.sibling(module, src) if attr else None
            if sib is None or sib is module or sib.tree is None:
                continue
            theirs = module_type_aliases(sib.tree)
            if attr in theirs:
                out.setdefault(local, theirs[attr])
                for k, v in theirs.items():
                    rest.setdefault(k, v)
        for k, v in rest.items():
            out.setdefault(k, v)
    pkg.cache[key] = out
    return out


def literal_type(node: ast.expr) -> T | None:
    if isinstance(node, ast.Constant):
        v = node.value
        if isinstance(v, bool):
            return BOOL
        if isinstance(v, int):
            return INT
        if isinstance(v, float):
            return FLOAT
        if isinstance(v, str):
            return STR
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return literal_type(node.operand)
    return None


_BARE = {"list", "List", "dict", "Dict", "set", "Set", "tuple", "Tuple"}


def evidence_type(text: str | None, classes: set[str]) -> T | None:
    """The type an evidence annotation string stands for; None when it has no faithful Go type."""
    if not text or text in _BARE:
        return None  # evidence that saw a list but not its items knows no element type (an annotation's bare `list` is of Any)
    try:
        t = parse_annotation(ast.parse(text, mode="eval").body, classes)
    except (SyntaxError, Unsupported):
        return None
    # `Any` in evidence is what a source could not tell (a caller's `[x, y]`), not a value of several
    # types: only the trace says that, of a parameter (several_types)
    return None if has_var(t, DynT) else t


def several_types(pkg: PackageInfo, f: FuncInfo, name: str) -> str | None:
    """Why a parameter is a value of several types (the trace saw int and tuple keys), or None. A method
    that overrides one of a base class takes what the base's takes: when the base's parameter of that
    name holds several types, so does the override's, though its own trace saw fewer (LFUCache's
    `__delitem__` only saw int keys, Cache's saw tuples too; Go's dispatch needs one signature)."""
    table = pkg.evidence(f)
    own = table.several(name) if isinstance(table, TypeTable) else None
    if own is not None or f.cls is None or f.kind != "method":
        return own
    try:
        bases = ancestors(f.cls)
    except Unsupported:  # a base the package does not define (`tzinfo`): nothing of it to follow
        return None
    for base in bases:
        m = base.methods.get(f.name)
        if m is not None:
            arg = next((a for a in m.node.args.args[1:] if a.arg == name), None)
            why = several_types(pkg, m, name) if arg is not None and arg.annotation is None else None
            return f"it overrides `{base.name}.{f.name}`, where {why}" if why else None
    return None


def no_evidence_reason(name: str, text: str | None, classes: set[str]) -> str:
    """Why a parameter without annotation is `any`: no evidence, or evidence naming a type with no Go
    form, said with its source ("parameter `val` is `Decimal` (trace: 56 calls), which has no Go type here")."""
    if not text:
        why = getattr(text, "source", "")  # the evidence saw the parameter but no one type (TypeTable.unknown)
        return f"parameter `{name}` has no type annotation and {why}" if why else f"parameter `{name}` has no type annotation and no evidence"
    why = ""
    try:
        parse_annotation(ast.parse(text, mode="eval").body, classes)
    except SyntaxError:
        why = "it does not parse"
    except Unsupported as exc:
        why = str(exc)
    source = getattr(text, "source", "") or "evidence"
    said = f"parameter `{name}` is `{text}` ({source})"
    if not why or why in (f"type `{text}` is not supported", f"`{text}` has no faithful Go type") or why.startswith(f"`{text}`: "):
        return f"{said}, which has no Go type here"
    member = re.match(r"type `([^`]*)`: (.*)", why)
    if member is not None:  # a standard type with a reason of its own: `date`: no Go type with Python's semantics (...)
        return f"{said}: {member.group(2)}" if member.group(1) == text else f"{said}; `{member.group(1)}`: {member.group(2)}"
    return f"{said}, which has no Go type here: {why}"


def union_members(node: ast.expr, classes: set[str], depth: int = 0) -> list[T]:
    """The Go types of the members of a union annotation (aliases, `Optional` and nested unions
    flattened); a member with no Go type is left out (a trace cannot narrow to it)."""
    aliases = classes.aliases if isinstance(classes, TypeScope) else {}
    if depth > 10:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            return union_members(ast.parse(node.value, mode="eval").body, classes, depth + 1)
        except SyntaxError:
            return []
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return union_members(node.left, classes, depth + 1) + union_members(node.right, classes, depth + 1)
    if isinstance(node, ast.Name) and node.id in aliases and node.id not in classes:
        return union_members(aliases[node.id], classes, depth + 1)
    if isinstance(node, ast.Subscript):
        head = node.value.attr if isinstance(node.value, ast.Attribute) else getattr(node.value, "id", "")
        if head in ("Union", "Optional"):
            args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
            return [m for a in args for m in union_members(a, classes, depth + 1)] + ([NONE] if head == "Optional" else [])
    try:
        return [parse_annotation(node, classes)]
    except Unsupported:
        return []


def narrowed_union(pkg: PackageInfo, f: FuncInfo, name: str, node: ast.expr, classes: set[str],
                   default: ast.expr | None = None) -> tuple[T, str] | None:
    """An annotated union with no Go type, narrowed to the one member the trace saw (the evidence layer
    decides, `UnitEvidence.narrowed`); checked here against the annotation's own members, so only a
    member's Go type (or `*T` where None is a member or the default) is ever used. With the note for
    the signature; None when the trace does not narrow it."""
    text = pkg.evidence(f).get(name)
    source = getattr(text, "source", "")
    if not text or " narrowed to " not in source:  # by the trace, or by the body at its entry
        return None
    t = evidence_type(text, classes)
    members = union_members(node, classes)
    none_ok = NONE in members or isinstance(default, ast.Constant) and default.value is None
    if t is None or not (t in members or isinstance(t, OptT) and none_ok and t.inner in members):
        return None
    who = "the result" if name == "return" else f"`{name}`"
    if source.startswith("usage"):  # evidence.entry: the body converts or rejects the other members first
        return t, f"{who} is {ast.unparse(node)} in Python; {source}: Go takes what reaches the body unchanged, so a caller converts the rest first."
    return t, f"{who} is {ast.unparse(node)} in Python; {source}."


def _param(pkg: PackageInfo, f: FuncInfo, a: ast.arg, default: ast.expr | None, classes: set[str], variadic: bool = False,
           lenient: bool = False, narrowed: dict[str, str] | None = None) -> Param:
    if a.annotation is not None:
        t = _annotated(pkg, f, a.arg, a.annotation, classes, default, lenient, narrowed)
    elif default is not None and literal_type(default) is not None:
        t = literal_type(default)  # type: ignore[assignment]
        # `def f(n=128): if n is None: ...`: the evidence says the parameter may be None too
        said = evidence_type(pkg.evidence(f).get(a.arg), classes)
        if said == OptT(t):
            t = said
    else:
        table = pkg.evidence(f)
        text = table.get(a.arg) or None
        if text is None and a.arg in getattr(table, "unknown", {}):  # evidence.model.TypeTable
            text = Evidenced("", table.unknown[a.arg])  # type: ignore[attr-defined]
        if text is not None and a.arg not in getattr(table, "unknown", {}):
            wider = several_types(pkg, f, a.arg)  # the base's parameter holds several types
            text = Evidenced("", wider) if wider else text
        known = evidence_type(text, classes)
        if variadic and isinstance(known, ListT):
            known = known.elem
        if isinstance(known, TupleT) and isinstance(default, ast.Tuple) and not default.elts:
            # `installed_apps=()`: a tuple of any length, tuple[X, ...] (Go's []X), of the items callers
            # pass when they agree, else of items of unknown type
            elems = set(known.elems)
            elem = elems.pop() if len(elems) == 1 else None
            known = ListT(elem if elem is not None and not has_var(elem)
                          else DynT(f"the items of `{a.arg}` (its default is `()`; nothing tells one type of them)"))
        if known is None and not text and isinstance(default, ast.Constant) and default.value is None:
            known = NONE  # `def f(time=None)` and nothing else known: the default is all there is
            text = Evidenced("None", "its default")
        if known == NONE:  # `def f(time=None): if time is None: ...`: what else it can be is not known
            # Go carries it as `any` (nil by default) where the body only stores, passes on or tests it
            # against None (DynT); a use that needs its type stays Python, and says why
            source = getattr(text, "source", "") or "its default"
            t = DynT(f"parameter `{a.arg}`: only its default None is known, not what else it can be" if source == "its default"
                     else f"parameter `{a.arg}`: the evidence only shows None ({source}), not what else it can be")
        else:
            # nothing known, or the trace saw int and tuple keys: Go carries it as `any`, for the uses that
            # need no type (DynT); a type the evidence names with no Go form is `any` for the stub (AnyT)
            t = known if known is not None else (DynT if not text else AnyT)(no_evidence_reason(a.arg, text, classes))
    if isinstance(t, (AnyT, DynT)) and a.arg not in f.names_used:
        t = AnyT(t.why, unused=True)
    if default is not None and isinstance(default, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.Call)):
        if not (isinstance(default, ast.Call) and isinstance(default.func, ast.Name) and default.func.id in ("frozenset", "tuple")):
            raise Unsupported(f"mutable default for `{a.arg}`: Python shares it between calls")
    if variadic:
        return Param(a.arg, go_local_name(a.arg), t, None, True)
    return Param(a.arg, go_local_name(a.arg), t, default)


KNOWN_DECORATORS = {"staticmethod", "property", "lru_cache", "cache", "classmethod", "cached_property"}


def deco_name(d: ast.expr) -> str:
    """`@functools.lru_cache(maxsize=None)` -> `lru_cache`."""
    if isinstance(d, ast.Call):
        d = d.func
    return d.id if isinstance(d, ast.Name) else getattr(d, "attr", "")


def _annotated(pkg: PackageInfo, f: FuncInfo, name: str, node: ast.expr, classes: set[str], default: ast.expr | None,
               lenient: bool, narrowed: dict[str, str] | None) -> T:
    """A parameter's (or the result's) annotated type. A union with no common Go type is the one member
    the trace narrowed it to, else a value of several types (DynT); an annotation with no Go form is
    Unsupported, or `any` for a stub (`lenient`, the result `any` too)."""
    try:
        t: T | None = parse_annotation(node, classes)
    except Unsupported as exc:
        t, err = None, exc
    else:
        if not (isinstance(t, DynT) and "a union" in t.why):
            return _filled(pkg, f, name, t, classes)
        err = Unsupported(t.why)
    if "a union" in str(err):
        found = narrowed_union(pkg, f, name, node, classes, default)
        if found is not None:
            if narrowed is not None:
                narrowed[name] = found[1]
            return found[0]
        if t is not None:  # carried as `any`, for the uses that need no type; the note says why no member
            return DynT(str(_not_narrowed(pkg, f, name, err)), t.members if isinstance(t, DynT) else ())
    if not lenient:
        raise _not_narrowed(pkg, f, name, err) from None
    return AnyT(str(err))


def _holds_dyn(t: T) -> bool:
    return isinstance(t, DynT) or isinstance(t, (ListT, SetT)) and _holds_dyn(t.elem) \
        or isinstance(t, DictT) and (_holds_dyn(t.key) or _holds_dyn(t.val)) or isinstance(t, TupleT) and any(map(_holds_dyn, t.elems))


def _filled(pkg: PackageInfo, f: FuncInfo, name: str, t: T, classes: set[str]) -> T:
    """A container annotation with `Any` in it (`-> dict`) as the evidence fills it in (`dict[str, str]`,
    evidence.model.UnitEvidence.filled): the same container, of the types the trace saw."""
    if not isinstance(t, (ListT, SetT, DictT, TupleT)) or not _holds_dyn(t):
        return t
    said = evidence_type(pkg.evidence(f).get(name), classes)
    return said if type(said) is type(t) and not _holds_dyn(said) else t  # type: ignore[return-value]


def _not_narrowed(pkg: PackageInfo, f: FuncInfo, name: str, exc: Unsupported) -> Unsupported:
    """The annotation's reason, with why the trace did not narrow the union (when the evidence says)."""
    why = getattr(pkg.evidence(f), "unknown", {}).get(name, "")
    return Unsupported(f"{exc} ({why})") if why.startswith("the annotation is a union") else exc


def _unaliased(ann: ast.expr, classes: set[str]) -> ast.expr:
    """The annotation an alias of the module stands for (`VersionIterator` -> `Iterator[VersionPart]`)."""
    aliases = getattr(classes, "aliases", {})
    return aliases[ann.id] if isinstance(ann, ast.Name) and ann.id in aliases else ann


def _iterator_annotation(ann: ast.expr, classes: set[str]) -> bool:
    """`-> Iterator[T]` on a function that is no generator (`return iter(self.items)`): an iter.Seq too."""
    ann = _unaliased(ann, classes)
    return iterator_base(ann) in ("Iterator", "Generator") and yielded(ann) is not None


def generator_elem(ann: ast.expr, classes: set[str]) -> T:
    """What a generator annotated `Iterator[T]`, `Iterable[T]` or `Generator[T, None, None]` yields
    (also through a type alias: semver's `VersionIterator = Iterator[VersionPart]`)."""
    ann = _unaliased(ann, classes)
    elem = yielded(ann)
    if elem is None:
        raise Unsupported(f"a generator annotated `{ast.unparse(ann)}` (Iterator[T], or Generator[T, None, None], says what it yields)")
    return parse_annotation(elem, classes)


def custom_decorators(pkg: PackageInfo, f: FuncInfo) -> list[str]:
    """The decorators of `f` whose effect the translator does not know (their source text); a package
    decorator that only warns (decorators.py) is known."""
    return [ast.unparse(d) for d in f.node.decorator_list
            if deco_name(d) not in KNOWN_DECORATORS and warning_decorator(pkg, f.module, d) is None]


def warning_decorators(pkg: PackageInfo, f: FuncInfo) -> list[tuple[str, WarningDecorator]]:
    """The decorators of `f` that only warn before calling it: (source text, what it is)."""
    out = []
    for d in f.node.decorator_list:
        w = warning_decorator(pkg, f.module, d) if deco_name(d) not in KNOWN_DECORATORS else None
        if w is not None:
            out.append((ast.unparse(d), w))
    return out


def seen_through_everywhere(pkg: PackageInfo, f: FuncInfo) -> list[str] | None:
    """The functions a module-level function decorates, when it is used only as a decorator and the
    translator sees through every use (a guard read into the body, PackageInfo._inline_guards; a wrapper
    that only warns, warning_decorators): its Go is then nothing to call, each decorated function
    carrying what it did. None when it is used otherwise, or a use is not seen through."""
    if f.cls is not None:
        return None
    table = pkg.cache.get("decorator-uses")
    if table is None:  # name -> (its decorator uses in the source, its other uses, the defs that see it through)
        built: dict[str, tuple[int, int, list[FuncInfo]]] = {}

        def add(name: str, deco: int = 0, other: int = 0, through: FuncInfo | None = None) -> None:
            d, o, t = built.get(name, (0, 0, []))
            built[name] = (d + deco, o + other, t + ([through] if through is not None else []))

        for m in pkg.modules.values():
            nodes = list(ast.walk(m.tree)) if m.tree is not None else []
            in_decorators = {id(n) for d in nodes if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                             for e in d.decorator_list for n in ast.walk(e)}
            for n in nodes:
                if isinstance(n, ast.Name):
                    add(n.id, deco=int(id(n) in in_decorators), other=int(id(n) not in in_decorators))
        for g in [g for m in pkg.modules.values() for g in m.functions.values()] + [g for c in pkg.all_classes() for g in c.methods.values()]:
            for name in set(g.inlined) | {w.name for _, w in warning_decorators(pkg, g)}:
                add(name, through=g)
        pkg.cache["decorator-uses"] = table = built
    deco, other, through = table.get(f.name, (0, 0, []))  # type: ignore[union-attr]
    other -= sum(1 for n in ast.walk(f.node) if isinstance(n, ast.Name) and n.id == f.name)  # (`partial(deprecated, ...)` in itself)
    if other or not deco or deco != len(through):
        return None
    return sorted(g.cls.name + "." + g.name if g.cls is not None else g.name for g in through)


# Go types each Go package declares for itself, so a value of one cannot cross to another package: the
# package's classes, and the helpers' types (written into each package's gotui_helpers.go). toolz's tests,
# a package of their own, passed a tests.Tuple2 to toolz.Interleave, which takes a toolz.Tuple2.
_PER_PACKAGE = ((ClassT, "a class of its own package"),
                (TupleT, "a tuple (Go's Tuple2 to Tuple8 are declared in each Go package)"),
                (ODictT, "an OrderedDict (pyODict is declared in each Go package)"),
                (MatchT, "a match object (pyMatch is declared in each Go package)"))


def callee_signature(pkg: PackageInfo, f: FuncInfo) -> Signature:
    """The signature a call to `f` uses: refused when a decorator may change what the call does. A function
    of another folder (PackageInfo.foreign_function) is read in its own package, and only with data types:
    a class of that package has no Go type in this one."""
    if f.module.package is not pkg:
        sig = callee_signature(f.module.package, f)
        for kind, what in _PER_PACKAGE:
            if any(has_var(t, kind) for t in [*(p.t for p in sig.params), *sig.result_types()]):
                raise Unsupported(f"`{f.name}` of {f.module.path} takes or returns {what}")
        return sig
    custom = custom_decorators(pkg, f)
    if custom:
        raise Unsupported(f"`{f.name}` is decorated with @{custom[0].split('(')[0]}: calling it may do more than its body")
    try:
        return signature_of(pkg, f)
    except Unsupported as exc:
        why = str(exc)
        if why.startswith(f"`{f.name}`") or why.startswith("the result type of"):
            raise
        # the callee's own reason (its parameter, its type) would read as the caller's: say whose it is
        raise Unsupported(f"`{f.name}` has no Go signature: {why}") from None


def any_params(sig: Signature) -> list[str]:
    """Why each `any` parameter of a signature is `any` (nothing to translate its uses with)."""
    return [p.t.why for p in sig.params if unknown(p.t)]  # type: ignore[attr-defined]


def signature_of(pkg: PackageInfo, f: FuncInfo, lenient: bool = False) -> Signature:
    """The Go signature; `lenient` (for stubs) writes `any` for a parameter type with no Go form."""
    if f.sig is not None:
        return f.sig
    key = "sig:" + f.key
    if key in pkg.in_progress:
        raise Unsupported(f"the result type of `{f.name}` depends on itself; annotate it")
    classes = class_names(pkg, f.module, f.cls)
    node = f.node
    if isinstance(node, ast.AsyncFunctionDef):
        raise Unsupported("async functions")
    args = node.args
    positional = args.posonlyargs + args.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    pairs = list(zip(positional, defaults))
    if f.cls is not None and f.kind in ("method", "property", "classmethod"):
        if not pairs:
            raise Unsupported("a method without `self`")
        pairs = pairs[1:]
    narrowed: dict[str, str] = {}
    params = [_param(pkg, f, a, d, classes, lenient=lenient, narrowed=narrowed) for a, d in pairs]
    params += [_param(pkg, f, a, d, classes, lenient=lenient, narrowed=narrowed) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
    if args.kwarg is not None and args.kwarg.arg in f.names_used:  # an unused one is left out (translator says so)
        # the keywords no parameter takes, by name: a map of values of several types, filled at each call
        params.append(Param(args.kwarg.arg, go_local_name(args.kwarg.arg), DictT(STR, DynT("a keyword argument (**kwargs)")), kwargs=True))
    if args.vararg is not None:
        params.append(_param(pkg, f, args.vararg, None, classes, variadic=True, lenient=lenient, narrowed=narrowed))
    raises = pkg.func_raises(f)
    generator = is_generator(node)
    # a generator that can raise fails while it is iterated, not when it is called: its errors come
    # with its values (iter.Seq2[T, error]), so calling it cannot fail
    kinds = tuple(sorted(pkg.func_kinds(f))) if generator and raises else ()
    raises = raises and not generator
    if node.returns is not None and (generator or _iterator_annotation(node.returns, classes)):
        result = SeqT(generator_elem(node.returns, classes), kinds)
    elif node.returns is not None:
        result = _annotated(pkg, f, "return", node.returns, classes, None, lenient, narrowed)
    elif f.name in ("__init__", "__post_init__"):
        result = NONE
    elif any(unknown(p.t) for p in params):
        # the body cannot be lowered with an `any` parameter: the evidence's result type, if any, for the stub
        known = evidence_type(pkg.evidence(f).get("return"), classes)
        if known is None and not lenient:
            raise Unsupported(any_params(Signature(params, NONE, raises, f.module))[0])
        result = known if known is not None else AnyT("the result type is not known")
    else:
        pkg.in_progress.add(key)
        try:
            result = pkg.services.infer_result(pkg, f, Signature(params, NONE, raises, f.module))
        except Unsupported:
            known = evidence_type(pkg.evidence(f).get("return"), classes)
            if not lenient:
                raise
            if known == NONE and _returns_value(node):  # `return None` here, `return s` there: not None alone
                known = None
            result = known if known is not None else AnyT("the result type is not known")
        finally:
            pkg.in_progress.discard(key)
    if kinds and isinstance(result, SeqT) and not result.kinds:  # inferred from the yields
        result = SeqT(result.elem, kinds)
    sig = Signature(params, result, raises, f.module, narrowed)
    if lenient and (isinstance(result, AnyT) or any(unknown(p.t) and "no evidence" not in p.t.why for p in params)):
        return sig  # `any` standing for an unsupported annotation: only for the stub, never cached
    f.sig = sig
    return f.sig


def _returns_value(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A `return` of something other than None in the function's own body (nested defs aside)."""
    return any(isinstance(n, ast.Return) and n.value is not None and not (isinstance(n.value, ast.Constant) and n.value.value is None)
               for n in own_nodes(fn))


def ctor_signature(pkg: PackageInfo, cls: ClassInfo) -> Signature:
    """The parameters of `Cls(...)`: the dataclass fields, or `__init__`'s."""
    if cls.ctor is not None:
        return cls.ctor
    classes = class_names(pkg, cls.module, cls)
    raises = pkg.ctor_raises(cls)
    if cls.is_exception:
        params = [Param("msg", "msg", STR, ast.Constant(""))]
    elif cls.is_dataclass:
        params = []
        for stmt in cls.node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                ann = stmt.annotation
                if isinstance(ann, ast.Subscript) and isinstance(ann.value, ast.Name) and ann.value.id == "ClassVar":
                    continue
                t = parse_annotation(ann, classes)
                default = stmt.value
                if isinstance(default, ast.Call) and isinstance(default.func, ast.Name) and default.func.id == "field":
                    kws = {k.arg: k.value for k in default.keywords}
                    if "init" in kws and isinstance(kws["init"], ast.Constant) and kws["init"].value is False:
                        continue
                    if "default_factory" in kws:
                        default = ast.Call(kws["default_factory"], [], [])
                    else:
                        default = kws.get("default")
                params.append(Param(stmt.target.id, go_local_name(stmt.target.id), t, default))
    elif "__init__" in cls.methods:
        params = signature_of(pkg, cls.methods["__init__"]).params
    else:
        try:  # the nearest package base's __init__ runs (inherit.py); none: no parameters
            init = next((c.methods["__init__"] for c in ancestors(cls) if "__init__" in c.methods), None)
        except Unsupported:
            init = None
        params = [dataclasses.replace(p) for p in signature_of(pkg, init).params] if init is not None else []
        if init is not None:  # its defaults are read in its own module
            cls.ctor = Signature(params, ClassT(cls.key), raises, init.module)
            return cls.ctor
    cls.ctor = Signature(params, ClassT(cls.key), raises, cls.module)
    return cls.ctor


def list_of(t: T) -> ListT:
    return ListT(t)
