"""What the checker reads of a unit's Python source: the def with the evidence's types written in where
the source has none (docs/evidence.md), a property's getter or setter, and the `__init__` that builds
a method's receiver (the class's own, or the nearest base's in the same module)."""

from __future__ import annotations

import ast
import textwrap
from typing import Any, Mapping

from gotui.evidence.annotations import constrained_typevars, imported_aliases, module_aliases
from gotui.evidence.model import FILLED_IN, TypeTable
from gotui.parse.generators import is_generator
from gotui.parse.decorators import declared_fields, defining_module, enum_body, fields_class, find_def, guard_wrapper, sibling_path, warning_wrapper
from gotui.verify.inputs import ALLOWED_DECORATORS, ENUM_MARK, OBJECT_MARK, RECORD_MARK, Untestable, names_in, parse_annotation
from gotui.parse.units import unit_tree


def unit_def(source: str) -> ast.FunctionDef | None:
    """The def a unit's source is (dedented, parsed anew: callers change it), or None."""
    try:
        tree = unit_tree(source)
    except SyntaxError:
        return None
    return tree.body[0] if tree.body and isinstance(tree.body[0], ast.FunctionDef) else None


def see_through_decorators(project: Any, path: str, source: str) -> frozenset[str]:
    """Names of the def's decorators the translator sees through (gotui/parse/decorators.py): one that
    only warns before calling it, or one whose wrapper guards the call and makes it (read into the Go
    body), found in its module or imported from a sibling. The Python side calls the function through
    them, as it is."""
    fn = unit_def(source)
    out: set[str] = set()
    for d in fn.decorator_list if fn is not None else []:
        target = d.func if isinstance(d, ast.Call) else d
        if not isinstance(target, ast.Name) or target.id in ALLOWED_DECORATORS:
            continue
        tree = _module_tree(project, path)
        where = defining_module(path, tree, target.id) if tree is not None else None
        theirs = _module_tree(project, where[0]) if where is not None else None
        deco = find_def(theirs, where[1]) if theirs is not None and where is not None else None
        if deco is not None and (warning_wrapper(deco, called=isinstance(d, ast.Call)) is not None
                                 or not isinstance(d, ast.Call) and guard_wrapper(deco) is not None):
            out.add(target.id)
    return frozenset(out)


def project_type_aliases(project: Any, path: str) -> dict[str, ast.expr]:
    """The type aliases a module sees: its own and those it imports from a sibling (`from ._types import
    VersionPart`, semver), as the evidence layer reads them (evidence.annotations)."""
    tree = _module_tree(project, path)
    if tree is None:
        return {}
    siblings = {sibling_path(path, n.module): _module_tree(project, sibling_path(path, n.module))
                for n in tree.body if isinstance(n, ast.ImportFrom) and n.level == 1 and n.module}
    by_path = {p: {**object_aliases(t), **record_aliases(t), **enum_aliases(t), **module_aliases(t), **constrained_typevars(t)}
               for p, t in siblings.items() if t is not None}
    return {**imported_aliases(path, tree, by_path), **object_aliases(tree), **record_aliases(tree), **enum_aliases(tree),
            **module_aliases(tree), **constrained_typevars(tree)}


def enum_aliases(tree: ast.Module) -> dict[str, ast.expr]:
    """Each plain Enum class of a module (`class Unit(Enum): SECONDS = 0`, its body as the translator's
    enums have it: parse.decorators.enum_body) as the call `inputs.parse_annotation` reads as an enum: its
    name, then its members (`Unit` -> `__gotui_enum__("Unit", "SECONDS", "MINUTES")`), so a parameter or
    result of that type is a member on both sides (Go's package variable of it)."""
    out: dict[str, ast.expr] = {}
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef) or len(cls.bases) != 1 or ast.unparse(cls.bases[0]) not in ("Enum", "enum.Enum"):
            continue
        body = enum_body(cls)
        if body is not None:
            out[cls.name] = ast.Call(ast.Name(ENUM_MARK, ast.Load()), [ast.Constant(cls.name), *(ast.Constant(m) for m, _ in body)], [])
    return out


def object_aliases(tree: ast.Module) -> dict[str, ast.expr]:
    """Each other class of a module (not a NamedTuple, an Enum or an exception) as the call
    `inputs.parse_annotation` reads as an instance (`Version` -> `__gotui_object__("Version")`): a
    parameter of that type is checked on the objects its traced calls passed, rebuilt from their states
    on both sides (Python: the class's `__new__` and each attribute; Go: the struct literal)."""
    out: dict[str, ast.expr] = {}
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef) or fields_class(cls) == "NamedTuple" or enum_body(cls) is not None:
            continue
        if any(ast.unparse(b).endswith(("Exception", "Error", "Enum")) for b in cls.bases):
            continue
        out[cls.name] = ast.Call(ast.Name(OBJECT_MARK, ast.Load()), [ast.Constant(cls.name)], [])
    return out


def record_aliases(tree: ast.Module) -> dict[str, ast.expr]:
    """Each NamedTuple class of a module as the call `inputs.parse_annotation` reads as a record: its
    name, then its fields' annotations in order (`IntegerRGB` -> `__gotui_record__("IntegerRGB", int,
    int, int)`), so a parameter of that type, or of a union holding it, gets inputs built as the class."""
    out: dict[str, ast.expr] = {}
    for cls in tree.body:
        if isinstance(cls, ast.ClassDef) and fields_class(cls) == "NamedTuple":
            fields = [st.annotation for st in declared_fields(cls)]
            out[cls.name] = ast.Call(ast.Name(RECORD_MARK, ast.Load()), [ast.Constant(cls.name), *fields], [])
    return out


def _module_tree(project: Any, path: str) -> ast.Module | None:
    module = project.module(path) if hasattr(project, "module") else None
    try:
        return ast.parse(module.text) if module is not None else None
    except SyntaxError:
        return None


def evidence_types(table: Mapping[str, str]) -> dict[str, str]:
    """A unit's evidence types (`Project.unit_types`) as annotations for `with_evidence`, with `Any` for a
    parameter or result the trace saw with several types: Go's `any` there (translator types.DynT)."""
    several = [n for n in table.unknown if table.several(n)] if isinstance(table, TypeTable) else []
    return {**table, **{n: "Any" for n in several}}


def with_evidence(source: str, types: Mapping[str, str]) -> tuple[str, list[str]]:
    """The unit's def with annotations from the type evidence where the source has none (docs/evidence.md),
    and the names so typed. The Python that runs is the real module's; this only tells the checker which
    inputs to make. Unchanged when nothing is missing or the evidence does not know every missing type."""
    fn = unit_def(source)
    if fn is None:
        return source, []
    a = fn.args
    params = [p for p in [*a.posonlyargs, *a.args, *a.kwonlyargs] if p.arg not in ("self", "cls")]
    # an annotated union the trace narrowed to one member (the Go signature's type): inputs of that member only
    narrowed = [p for p in params if p.annotation is not None and _narrowed(types.get(p.arg))]
    narrowed_return = fn.returns is not None and _narrowed(types.get("return"))
    if narrowed or narrowed_return:
        _annotate(fn, narrowed, narrowed_return, types)
        source = ast.unparse(fn)
    missing = [p for p in params if p.annotation is None]
    # a parameter the body never names has no type in Go either (`any`, translator.signatures): None for both
    used = names_in(fn)
    idle = {p.arg: "None" for p in missing if p.arg not in used and not _input_type(types.get(p.arg))}
    types = {**types, **idle}
    needs_return = fn.returns is None
    # an annotation naming an alias (`VersionTuple`) is spelt out as the evidence resolved it
    aliased = [p for p in params if p.annotation is not None and _alias_spelt_out(p.annotation, types.get(p.arg))]
    # a generator's alias (`-> VersionIterator`) is written out by iterators.iterator_result, which reads
    # what it yields; the evidence has only the collected values' type
    alias_return = fn.returns is not None and not is_generator(fn) and _alias_spelt_out(fn.returns, types.get("return"))
    if not missing and not needs_return and not aliased and not alias_return:
        return source, []
    if any(p.arg not in types for p in missing) or (needs_return and "return" not in types):
        if not aliased and not alias_return:
            return source, []
        missing, needs_return = [], False  # the aliases alone
    try:
        _annotate(fn, missing + aliased, needs_return or alias_return, types)
    except SyntaxError:
        return source, []
    return ast.unparse(fn), [p.arg for p in missing + aliased] + (["return"] if needs_return or alias_return else [])


def _input_type(text: str | None) -> bool:
    """Whether the checker can make inputs of the evidence's type `text`. `Any` inside another type is what
    a source could not tell (a caller's `[x, y]`), not a value of several types (evidence_types)."""
    try:
        t = parse_annotation(ast.parse(text, mode="eval").body) if text is not None else None
    except (SyntaxError, Untestable):
        return False
    return t is not None and (text == "Any" or not t.holds("any"))


def _annotate(fn: ast.FunctionDef, params: list[ast.arg], result: bool, types: Mapping[str, str]) -> None:
    """Give `params` (and the result, with `result`) the evidence's types as annotations; SyntaxError on a bad one."""
    for p in params:
        p.annotation = ast.parse(types[p.arg], mode="eval").body
    if result:
        fn.returns = ast.parse(types["return"], mode="eval").body


_PLAIN_TYPES = {"int", "float", "str", "bool", "bytes", "list", "dict", "tuple", "set", "frozenset", "None", "Any", "object"}


def _alias_spelt_out(annotation: ast.expr, evidence: str | None) -> bool:
    """True when `annotation` is a bare name the evidence resolved to something else (a type alias)."""
    if evidence is None or not isinstance(annotation, ast.Name) or annotation.id in _PLAIN_TYPES:
        return False
    return evidence != annotation.id and not evidence.endswith(f".{annotation.id}")


def _narrowed(text: str | None) -> bool:
    """Whether an evidence type is a union annotation narrowed by the trace (evidence.model.UnitEvidence.narrowed),
    or a container annotation with `Any` in it that the trace filled in (UnitEvidence.filled): the type the
    Go signature has, so the one inputs are made of."""
    source = getattr(text, "source", "")
    return bool(text) and (" narrowed to " in source or source.endswith(FILLED_IN))  # by the trace, or by the body at its entry


def property_getter(source: str) -> str | None:
    """A `@property` getter's def without its decorator (read as `obj.name` in Python, a method in Go), else None.
    A `@cached_property` too: each check reads it once, on a receiver of its own."""
    fn = unit_def(source)
    if fn is None or [ast.unparse(d) for d in fn.decorator_list] not in (["property"], ["cached_property"], ["functools.cached_property"]):
        return None
    fn.decorator_list = []
    return ast.unparse(fn)


def property_setter(source: str) -> str | None:
    """A property's `@name.setter` def without its decorator (Python assigns `obj.name = value`, Go calls
    the setter method), else None."""
    fn = unit_def(source)
    if fn is None or [ast.unparse(d) for d in fn.decorator_list] != [f"{fn.name}.setter"]:
        return None
    fn.decorator_list = []
    if fn.returns is None:
        fn.returns = ast.Constant(None)  # a setter's value is not its result: what it sets is
    return ast.unparse(fn)


def _init_source(cls_source: str) -> str | None:
    """The class's `__init__`, dedented, with `-> None` added (what function_spec wants), or None without one."""
    try:
        tree = unit_tree(cls_source)
    except SyntaxError:
        return None
    cls = next((n for n in tree.body if isinstance(n, ast.ClassDef)), None)
    init = next((n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None) if cls else None
    if init is None:
        return _generated_init(cls) if cls is not None else None
    if init.returns is None:
        init.returns = ast.Constant(None)
    return ast.unparse(init)


def _generated_init(cls: ast.ClassDef) -> str | None:
    """The `__init__` a NamedTuple or a @dataclass gets from its annotated fields, in order, with their
    defaults (`def __init__(self, red: int, green: int, blue: int = 0) -> None`); None for another class,
    or for a field whose value is not a plain default (`field(default_factory=...)`, `ClassVar`)."""
    kind = fields_class(cls)
    if kind is None or kind == "dataclass" and any(isinstance(d, ast.Call) and d.keywords for d in cls.decorator_list):
        return None
    args: list[ast.arg] = []
    defaults: list[ast.expr] = []
    for stmt in cls.body:
        if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)):
            continue
        if "ClassVar" in ast.unparse(stmt.annotation) or stmt.value is not None and isinstance(stmt.value, ast.Call):
            return None
        if stmt.value is None and defaults:
            return None  # a field without a default after one with: not a valid class in the first place
        args.append(ast.arg(stmt.target.id, stmt.annotation))
        if stmt.value is not None:
            defaults.append(stmt.value)
    if not args:
        return None
    fn = ast.FunctionDef(name="__init__", args=ast.arguments(posonlyargs=[], args=[ast.arg("self"), *args], kwonlyargs=[],
                                                           kw_defaults=[], defaults=defaults),
                         body=[ast.Pass()], decorator_list=[], returns=ast.Constant(None))
    return ast.unparse(ast.fix_missing_locations(ast.Module([fn], [])))


def inherited_init(project: Any, cls_id: str) -> tuple[str | None, str]:
    """(the __init__ that `Class(...)` runs, the class unit that holds it): the class's own, else the
    nearest one of its bases in the same module (a base elsewhere: none, said so by the caller)."""
    path, _, qualname = cls_id.partition("::")
    prefix = qualname.rpartition(".")[0]
    for _ in range(16):  # a base chain longer than this is not followed
        cls_unit = project.unit(cls_id)
        if cls_unit is None:
            return None, cls_id
        init_src = _init_source(cls_unit.source)
        if init_src is not None:
            return init_src, cls_id
        head = textwrap.dedent(cls_unit.source)
        if head.rstrip().endswith(":"):  # a class whose unit is only its header (every method is a unit of its own)
            head = head.rstrip() + "\n    pass\n"
        try:
            cls = next(n for n in ast.parse(head).body if isinstance(n, ast.ClassDef))
        except (SyntaxError, StopIteration):
            return None, cls_id
        bases = [b.id for b in cls.bases if isinstance(b, ast.Name) and b.id != "object"]
        if not cls.bases or [ast.unparse(b) for b in cls.bases] == ["object"]:
            return "def __init__(self) -> None:\n    pass", cls_id  # object's: no arguments
        if len(bases) != 1 or len(cls.bases) != 1:
            return None, cls_id
        cls_id = f"{path}::{prefix + '.' if prefix else ''}{bases[0]}"
    return None, cls_id
