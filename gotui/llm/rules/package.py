"""What the translator knows about a Go package: the Python modules of one folder.

Functions, classes, constants and imports per module, and the set of functions that raise
(computed over the whole folder at once so every module sees the same answer, whatever order the
units are translated in).
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import Callable

from gotui.evidence.infer import infer_package
from gotui.parse.bound_defaults import class_body_names, named_defaults, without_bound_defaults
from gotui.parse.decorators import guard_wrapper, inline_guard
from gotui.golang.names import go_func_name, go_type_name, unique_class_name
from gotui.llm.rules.pyast import (
    base_name, classmethod_as_static, decorator_name, groupdict_as_groups, has_effect, import_bases, import_bindings, optional_import,
    setter_as_method, type_tuple_locals,
)
from gotui.llm.rules.selfclass import self_class_as_name
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import CLASS_GO, NONE, VALUE_HASHED, T, TupleT, go_type, prune, zero
from gotui.yielding import between_steps

# (module path, python qualname) -> parameter name or "return" -> a Python annotation (docs/evidence.md)
EvidenceTable = dict[tuple[str, str], dict[str, str]]

# Python's built-in exception tree (the part translated code can meet).
EXC_PARENT = {
    "Exception": "BaseException",
    "ArithmeticError": "Exception", "ZeroDivisionError": "ArithmeticError", "OverflowError": "ArithmeticError",
    "LookupError": "Exception", "KeyError": "LookupError", "IndexError": "LookupError",
    "ValueError": "Exception", "UnicodeError": "ValueError",
    "TypeError": "Exception", "RuntimeError": "Exception", "NotImplementedError": "RuntimeError",
    "AttributeError": "Exception", "AssertionError": "Exception", "OSError": "Exception",
    "PermissionError": "OSError", "FileNotFoundError": "OSError", "StopIteration": "Exception",
}
BUILTIN_EXC = set(EXC_PARENT) | {"BaseException"}
BROAD = {"Exception", "BaseException"}


@dataclass
class FuncInfo:
    name: str
    node: ast.FunctionDef
    module: ModuleInfo
    cls: ClassInfo | None = None
    kind: str = "function"  # function, method, static, property
    sig: Signature | None = None  # filled lazily by signatures.signature_of
    from_classmethod: bool = False  # a @classmethod read as a static method with `cls` replaced by the class
    self_class: bool = False  # `type(self)` read as the class (selfclass.py): faithful while nothing subclasses it
    cached: bool = False  # a @cached_property (kind "property"): computed on the first read, then kept (cached.py)
    inlined: list[str] = field(default_factory=list)  # the guard decorators read into its body (_inline_guards)
    _inlined_lines: list[int] = field(default_factory=list)  # their lines

    @property
    def first_line(self) -> int:
        """The line its definition starts on, at its first decorator (one read into the body too)."""
        node = self.node
        return min([node.lineno] + [d.lineno for d in node.decorator_list] + self._inlined_lines)

    @cached_property
    def key(self) -> str:  # asked for tens of thousands of times in the raise fixpoint: made once
        return f"{self.module.stem}:{self.cls.qualname + '.' if self.cls else ''}{self.name}"

    @cached_property
    def names_used(self) -> frozenset[str]:
        """Every name the function mentions at any depth (body, decorators, defaults, annotations):
        a parameter outside it is never used."""
        return frozenset(n.id for n in ast.walk(self.node) if isinstance(n, ast.Name))

    @property
    def go_name(self) -> str:
        if self.cls is not None:
            if self.name == "__repr__":
                # str(x) falls back to __repr__ in Python; with a __str__ too, repr is Go's %#v (GoString)
                return "GoString" if "__str__" in self.cls.methods else "String"
            special = SPECIAL_METHODS.get(self.name)
            if special is not None and not _name_taken(self.cls, special):
                return special
            if self.kind == "static":
                return self.cls.go_name + go_func_name(self.name.lstrip("_"))
            return go_func_name(self.name)
        return self.module.package.function_names().get((self.module.stem, self.name), go_func_name(self.name))


# Special methods translated as plain methods with these Go names. Python calls them implicitly
# (`a + b`, `a <= b`, `hash(a)`, `a[k]`); Go has no operator overloading, so Go code calls them by
# name (a note says so). `str`, `len`, `==`, `<` and `in` on a class do use theirs (calls.special_method).
SPECIAL_METHODS = {
    "__str__": "String", "__len__": "Len", "__eq__": "Equal", "__lt__": "Less", "__contains__": "Contains",
    "__ne__": "NotEqual", "__le__": "LessEqual", "__gt__": "Greater", "__ge__": "GreaterEqual", "__hash__": "Hash",
    "__bool__": "Bool", "__iter__": "Iter", "__getitem__": "GetItem", "__setitem__": "SetItem", "__delitem__": "DelItem",
    "__missing__": "Missing", "__copy__": "Copy", "__call__": "Call", "__enter__": "Enter", "__exit__": "Exit",
    "__add__": "Add", "__radd__": "RAdd", "__sub__": "Sub", "__rsub__": "RSub", "__mul__": "Mul", "__rmul__": "RMul",
    "__truediv__": "TrueDiv", "__floordiv__": "FloorDiv", "__mod__": "Mod", "__pow__": "Pow",
    "__neg__": "Neg", "__pos__": "Pos", "__abs__": "Abs", "__and__": "And", "__or__": "Or", "__xor__": "Xor",
    "__int__": "Int", "__float__": "Float", "__index__": "Index",
}


def _name_taken(cls: ClassInfo, go: str) -> bool:
    """Another method or an attribute of the class already has this Go name (Go allows one)."""
    for name in cls.methods:
        if name not in SPECIAL_METHODS and name != "__repr__" and go_func_name(name) == go:
            return True
    init = cls.methods.get("__init__")
    if init is not None:
        for n in ast.walk(init.node):
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self" and go_func_name(n.attr) == go:
                return True
    return False


@dataclass
class ClassInfo:
    name: str
    node: ast.ClassDef
    module: ModuleInfo
    bases: list[str]
    decorators: list[str]
    methods: dict[str, FuncInfo] = field(default_factory=dict)
    setters: dict[int, FuncInfo] = field(default_factory=dict)  # first line of `@x.setter` -> `set_x` (see pyast.setter_as_method)
    # field name -> type, in declaration order; filled by PackageInfo.class_fields
    fields: dict[str, T] | None = None
    ctor: Signature | None = None
    # class-level statements the struct leaves as Python (`ops = None` some method also sets, `widget =
    # TextInput`): name -> line; no field and no read of them is lowered (classes._struct_class)
    python_attrs: dict[str, int] = field(default_factory=dict)
    outer: ClassInfo | None = None  # the class this one is nested in
    inner: dict[str, ClassInfo] = field(default_factory=dict)  # classes nested in this one

    @property
    def qualname(self) -> str:
        return f"{self.outer.qualname}.{self.name}" if self.outer is not None else self.name

    @property
    def key(self) -> str:
        """The name ClassT carries, unique in the package: the Python name, or the dotted path of a
        nested class; a class whose name an earlier module of the package took first (by path, then
        line) adds its module's path (`Command (pkg/check.py)`, as messages show it), so each module's
        annotations and calls name its own
        (signatures.class_names maps the names a module sees to these keys)."""
        return self.module.package.class_keys().get(id(self), self.qualname)

    @property
    def is_namedtuple(self) -> bool:
        """A `typing.NamedTuple` (its only base): `_make()`, and iterating it gives its fields in order."""
        return self.bases == ["NamedTuple"]

    @property
    def is_dataclass(self) -> bool:
        return "dataclass" in self.decorators or "NamedTuple" in self.bases

    @property
    def is_exception(self) -> bool:
        return self.exc_root() is not None

    def exc_root(self) -> str | None:
        """The built-in exception this class derives from, if it is an exception class."""
        seen: set[str] = set()
        cur: ClassInfo | None = self
        while cur is not None and cur.name not in seen:
            seen.add(cur.name)
            if len(cur.bases) != 1:
                return None
            base = cur.bases[0]
            if base in BUILTIN_EXC:
                return base
            cur = cur.module.package.find_class(cur.module, base)
        return None

    @property
    def go_name(self) -> str:
        return self.module.package.class_go_names().get(id(self), go_type_name(self.name))



@dataclass
class ModuleInfo:
    path: str
    text: str
    tree: ast.Module | None
    package: PackageInfo
    error: str | None = None
    functions: dict[str, FuncInfo] = field(default_factory=dict)
    classes: dict[str, ClassInfo] = field(default_factory=dict)
    consts: dict[str, ast.stmt] = field(default_factory=dict)  # module-level assignments by name
    imports: dict[str, tuple[str, str]] = field(default_factory=dict)  # local name -> (module, attr or "")
    effects: list[ast.stmt] = field(default_factory=list)  # statements run at import time for their effect (preamble.py)
    # imports inside functions: name -> (module, attr or ""), None when two functions bind it differently
    local_imports: dict[str, tuple[str, str] | None] = field(default_factory=dict)
    # names an optional import's fallback sets to None (`except ImportError: f = None`) -> why (pyast.optional_import)
    absent: dict[str, str] = field(default_factory=dict)

    @cached_property
    def stem(self) -> str:
        return PurePosixPath(self.path).stem


@dataclass
class Param:
    py: str
    go: str
    t: T
    default: ast.expr | None = None
    variadic: bool = False
    kwargs: bool = False  # Python's **kwargs: a map[string]any the call site fills with its extra keywords


@dataclass
class Signature:
    params: list[Param]
    result: T  # NONE when the function returns nothing
    raises: bool
    module: object = None  # the ModuleInfo the defaults belong to
    # parameters (and "return") whose annotated union the trace narrowed to one member: name -> the note
    narrowed: dict[str, str] = field(default_factory=dict)

    def result_types(self) -> list[T]:
        r = prune(self.result)
        if r == NONE:
            return []
        if isinstance(r, TupleT):
            return list(r.elems)
        return [r]

    def results_go(self) -> str:
        parts = [go_type(t) for t in self.result_types()] + (["error"] if self.raises else [])
        if not parts:
            return ""
        if len(parts) == 1:
            return " " + parts[0]
        return " (" + ", ".join(parts) + ")"

    def zeros(self) -> list[str]:
        return [zero(t) for t in self.result_types()]

    def params_go(self) -> str:
        out = []
        for p in self.params:
            out.append(f"{p.go} ...{go_type(p.t)}" if p.variadic else f"{p.go} {go_type(p.t)}")
        return ", ".join(out)


@dataclass(frozen=True)
class Services:
    """The lowerings that model-level questions need answered, handed down by the driver.

    A signature without a result annotation needs the body lowered (`infer_result`); a class's
    fields need the class lowered; a module's constant types need the preamble lowered. The driver
    (translator.py) builds this once, so no lower module imports an upper one.
    """

    infer_result: Callable[[PackageInfo, FuncInfo, Signature], T]
    translate_function: Callable[[PackageInfo, FuncInfo], tuple[str, str | None]]
    translate_class: Callable[[PackageInfo, ClassInfo], tuple[str, str | None]]
    constant_types: Callable[[PackageInfo, ModuleInfo], dict[str, T]]
    compute_raises: Callable[[PackageInfo], None]
    # whether an inherited method that calls on self what a class overrides runs with that class's
    # struct as self in Go (dispatch.py); None: never
    virtual: Callable[[PackageInfo, ClassInfo, FuncInfo], bool] | None = None


def _read_groupdicts(mod: ModuleInfo, node: ast.FunctionDef | ast.AsyncFunctionDef,
                     cls: ast.ClassDef | None = None) -> ast.FunctionDef | ast.AsyncFunctionDef:
    """The function as the translator reads it: `m.groupdict()` read by name as the match
    (pyast.groupdict_as_groups), looked for only in a module that says groupdict (else a walk of each);
    a local tuple of types read only by isinstance() written in its place (pyast.type_tuple_locals);
    a parameter that only holds a function bound as its default (`cache_setitem=Cache.__setitem__`)
    read as that function (parse/bound_defaults.py)."""
    node = _positional(node)
    node = (groupdict_as_groups(node) if "groupdict" in mod.text else None) or node
    node = (type_tuple_locals(node) if "isinstance" in mod.text else None) or node
    if not named_defaults(node):
        return node
    return without_bound_defaults(node, class_body_names(cls) if cls is not None else frozenset()) or node


def _positional(node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.FunctionDef | ast.AsyncFunctionDef:
    """`def __call__(self, /, *args)`: positional-only parameters read as plain ones (a copy). Go passes
    every argument by position; a Python call that names one would raise TypeError, which working code
    does not do."""
    if not node.args.posonlyargs:
        return node
    out = copy.copy(node)
    out.args = copy.copy(node.args)
    out.args.args = [*node.args.posonlyargs, *node.args.args]
    out.args.posonlyargs = []
    return out


class PackageInfo:
    """The modules of one folder, which become one Go package."""

    def __init__(self, modules: list[tuple[str, str]], services: Services, evidence: EvidenceTable | None = None,
                 project: Callable[[str, str], PackageInfo | None] | None = None) -> None:
        self.services = services
        # the package of another folder of the project, for a call from this one (None: not in the
        # project, being read, or importing this folder back: Go refuses import cycles)
        self.project: Callable[[str, str], PackageInfo | None] = project or (lambda folder, caller: None)
        self.given_evidence: EvidenceTable = dict(evidence or {})  # from the project (traces included)
        self._evidence: EvidenceTable | None = None
        self.modules: dict[str, ModuleInfo] = {}
        for path, text in modules:
            between_steps()
            mod = self._load(path, text)
            self.modules[mod.stem] = mod
        self.cache: dict[str, object] = {}
        self.in_progress: set[str] = set()
        self._inline_guards()
        # made again once every def reads as the translator reads it: what is cached from here on sees
        # the whole package as it is translated
        self.cache = {}  # unit translations and inferred facts
        VALUE_HASHED.update(c.key for c in self.all_classes() if "__hash__" in c.methods or "__eq__" in c.methods)
        # the exception kinds each function lets escape as errors, and raises as panics (raisekinds.py)
        self.raises: set[str] = set()
        self.kinds: dict[str, frozenset[str]] = {}
        self.panics: dict[str, frozenset[str]] = {}
        services.compute_raises(self)

    def _inline_guards(self) -> None:
        """Each function or method decorated by a package decorator whose wrapper only guards the call
        (parse/decorators.py guard_wrapper, semver's `@_comparator`) reads as the wrapper's body with its
        own in the call's place: what Python runs when it is called."""
        funcs = [f for m in self.modules.values() for f in m.functions.values()]
        funcs += [f for c in self.all_classes() for f in c.methods.values()]
        for f in funcs:
            for d in list(f.node.decorator_list):
                if not isinstance(d, ast.Name) or not isinstance(f.node, ast.FunctionDef):
                    continue
                found = self.resolve(f.module, d.id)
                if found is None or found[0] != "function":
                    continue
                deco: FuncInfo = found[1]  # type: ignore[assignment]
                if deco.module is not f.module:
                    continue  # the wrapper's names are its module's: read into another module they could mean other things
                guard = guard_wrapper(deco.node) if isinstance(deco.node, ast.FunctionDef) else None
                inlined = inline_guard(guard, f.node, d) if guard is not None else None
                if inlined is None:
                    continue
                # read as the loader reads a def (its `type(self)`, its tuple of types for isinstance)
                if f.cls is not None and f.kind in ("method", "property") and f.cls.outer is None:
                    own = self_class_as_name(inlined, f.cls.name)
                    if own is not None:
                        inlined, f.self_class = own, True
                f.node = _read_groupdicts(f.module, inlined, f.cls.node if f.cls is not None else None)  # type: ignore[assignment]
                f.inlined.append(d.id)
                f._inlined_lines.append(d.lineno)

    def dotted_module(self, mod: ModuleInfo) -> str | None:
        """The name Python imports `mod` by (`semver.version` for src/semver/version.py): its folder's name,
        and each enclosing folder's while that one is a package of the project too; None when its folder
        has no `__init__.py` (a script's folder: no import name to be sure of)."""
        if "__init__" not in self.modules:
            return None
        folder = PurePosixPath(mod.path).parent
        parts = [folder.name] + ([] if mod.stem == "__init__" else [mod.stem])
        seen = {str(folder)}
        up = folder.parent
        while str(up) not in ("", ".") and str(up) not in seen:
            outer = self.project(str(up), str(folder))
            if outer is None or "__init__" not in outer.modules:
                break
            parts.insert(0, up.name)
            seen.add(str(up))
            up = up.parent
        return ".".join(p for p in parts if p)

    def function_names(self) -> dict[tuple[str, str], str]:
        """(module stem, function) -> its Go name, unique in the package (one folder, one namespace): the
        first module by path keeps the plain name; a later one that would repeat a class's or an earlier
        function's Go name takes its module's (`slugifyDecodeEntities`), as llm/plan.go_names names it."""
        cached = self.cache.get("function-names") if hasattr(self, "cache") else None
        if cached is not None:
            return cached  # type: ignore[return-value]
        taken = {n for c in self.all_classes() for n in (c.go_name, f"New{c.go_name}")}
        out: dict[tuple[str, str], str] = {}
        for mod in sorted(self.modules.values(), key=lambda m: m.path):
            for name, f in mod.functions.items():
                base = go_func_name(name)
                stem = PurePosixPath(mod.path).stem
                if stem == "__init__":
                    stem = PurePosixPath(mod.path).parent.name or "pkg"
                prefixed = (go_type_name(stem) + base) if base[:1].isupper() else (go_func_name("_" + stem) + base[:1].upper() + base[1:])
                chosen = next((c for c in (base, prefixed) if c not in taken), None)
                n = 2
                while chosen is None:
                    chosen = f"{base}{n}" if f"{base}{n}" not in taken else None
                    n += 1
                taken.add(chosen)
                out[(mod.stem, name)] = chosen
        if hasattr(self, "cache"):
            self.cache["function-names"] = out
        return out

    def evidence(self, f: FuncInfo) -> dict[str, str]:
        """The types gathered for `f`'s parameters and result where the source has no annotation.

        Static evidence of the folder (doctests, callers, usage), overridden by what the project
        gave (which also knows traces), so every unit of the folder sees the same signature.
        """
        qual = f"{f.cls.qualname}.{f.name}" if f.cls is not None else f.name
        return self.evidence_at(f.module.path, qual)

    def evidence_at(self, path: str, qual: str) -> dict[str, str]:
        """The evidence table's entry for the def `qual` of module `path` (PackageInfo.evidence)."""
        if self._evidence is None:
            trees = {m.path: m.tree for m in self.modules.values() if m.tree is not None}
            table: EvidenceTable = {}
            for (at, name, _line), ev in sorted(infer_package(trees).items(), key=lambda kv: kv[0][2]):
                table[(at, name)] = ev.table()  # the last def wins
            table.update(self.given_evidence)
            self._evidence = table
        return self._evidence.get((path, qual), {})

    def _load(self, path: str, text: str) -> ModuleInfo:
        try:
            tree = ast.parse(text)
            err = None
        except SyntaxError as exc:
            tree, err = None, f"syntax error at line {exc.lineno}"
        mod = ModuleInfo(path=path, text=text, tree=tree, package=self, error=err)
        if tree is None:
            return mod
        for stmt in tree.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                mod.functions[stmt.name] = FuncInfo(stmt.name, _read_groupdicts(mod, stmt), mod)  # type: ignore[arg-type]
            elif isinstance(stmt, ast.ClassDef):
                self._load_class(mod, stmt)
            elif isinstance(stmt, ast.Assign) and any(isinstance(t, (ast.Subscript, ast.Attribute)) for t in stmt.targets):
                mod.effects.append(stmt)  # `TABLE["#a9a9a9"] = "darkgray"` changes a constant at import: init()
            elif isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        mod.consts[target.id] = stmt
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
                mod.consts[stmt.target.id] = stmt
            elif isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    mod.imports[alias.asname or alias.name.split(".")[0]] = (alias.name if alias.asname else alias.name.split(".")[0], "")
            elif isinstance(stmt, ast.ImportFrom):
                base = ("." * stmt.level) + (stmt.module or "")
                for alias in stmt.names:
                    mod.imports[alias.asname or alias.name] = (base, alias.name)
            elif isinstance(stmt, ast.Try) and (opt := optional_import(stmt)) is not None \
                    and not any(name.startswith(".") or self.sibling(mod, name) is not None for name in opt[0]):
                mod.absent.update(opt[1])  # Go has no such module: the fallback holds
            elif has_effect(stmt):
                mod.effects.append(stmt)
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for stmt in ast.walk(fn):
                    for name, target in import_bindings(stmt):
                        if mod.local_imports.get(name, target) != target:
                            mod.local_imports[name] = None
                        else:
                            mod.local_imports[name] = target
        return mod

    def _load_class(self, mod: ModuleInfo, node: ast.ClassDef, outer: ClassInfo | None = None) -> ClassInfo:
        cls = ClassInfo(node.name, node, mod, [base_name(b) for b in node.bases], [decorator_name(d) for d in node.decorator_list], outer=outer)
        for stmt in node.body:
            if isinstance(stmt, ast.ClassDef):
                cls.inner[stmt.name] = self._load_class(mod, stmt, cls)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                decos = [decorator_name(d) for d in stmt.decorator_list]
                cached = "cached_property" in decos
                kind = "static" if "staticmethod" in decos else "classmethod" if "classmethod" in decos else "property" if "property" in decos or cached else "method"
                if "setter" in decos and isinstance(stmt, ast.FunctionDef):
                    getter = cls.methods.get(stmt.name)
                    setter = setter_as_method(stmt, getter.node if getter is not None else None)
                    if setter is not None:
                        first = min([stmt.lineno] + [d.lineno for d in stmt.decorator_list])
                        cls.setters[first] = FuncInfo(setter.name, setter, mod, cls, "method")
                if any(d in ("setter", "deleter") for d in decos):
                    continue  # part of the property: the getter is the method the translator sees
                static = classmethod_as_static(stmt, node.name) if kind == "classmethod" else None
                if static is not None:
                    cls.methods[stmt.name] = FuncInfo(stmt.name, _read_groupdicts(mod, static, node), mod, cls, "static", from_classmethod=True)
                    continue
                # a nested class's name is no module-level name: its `type(self)` stays as it is
                own = self_class_as_name(stmt, node.name) if kind in ("method", "property") and outer is None else None
                cls.methods[stmt.name] = FuncInfo(stmt.name, _read_groupdicts(mod, own or stmt, node), mod, cls, kind,  # type: ignore[arg-type]
                                                  self_class=own is not None, cached=cached)
        if outer is None:
            mod.classes[node.name] = cls
        return cls

    # --- name resolution -------------------------------------------------------------------
    def sibling(self, module: ModuleInfo, dotted: str) -> ModuleInfo | None:
        """The module an import names, when it is in this folder."""
        name = dotted.lstrip(".")
        if dotted.startswith("..") or not name:
            return None
        last = name.split(".")[-1]
        if dotted.startswith(".") and "." not in name:
            return self.modules.get(last)
        if not dotted.startswith("."):
            # an absolute import of a module in this folder: `shop.pricing` or `pricing`
            parent = PurePosixPath(module.path).parent.name
            parts = name.split(".")
            if len(parts) == 1 or parts[-2] == parent:
                return self.modules.get(last)
        return None

    def resolve(self, module: ModuleInfo, name: str) -> tuple[str, object] | None:
        """("function"|"class"|"const"|"module", target) for a module-level name."""
        if name in module.functions:
            return "function", module.functions[name]
        if name in module.classes:
            return "class", module.classes[name]
        if name in module.consts:
            return "const", (module, name)
        bound = module.imports.get(name)
        if bound is None and name not in module.imports:
            bound = module.local_imports.get(name)  # only a function that imports it reads it (else NameError)
        if bound is not None:
            src, attr = bound
            if attr:
                sib = self.sibling(module, src)
                if sib is not None and sib is not module:
                    found = self.resolve_own(sib, attr)
                    if found is not None:
                        return found
                if src.lstrip(".") == "" and attr in self.modules:
                    return "module", self.modules[attr]
                init = self.modules.get("__init__")
                if src == "." and init is not None and init is not module:  # `from . import Cache`: the package's own
                    found = self.resolve_own(init, attr)
                    if found is not None:
                        return found
                foreign = self.foreign_function(module, src, attr)
                if foreign is not None:
                    return ("function" if isinstance(foreign, FuncInfo) else "module"), foreign
                return "import", (src, attr)
            sib = self.sibling(module, src)
            if sib is not None:
                return "module", sib
            return "import", (src, "")
        return None

    def foreign_function(self, module: ModuleInfo, src: str, attr: str) -> FuncInfo | ModuleInfo | None:
        """`from stdnum.util import clean`: the module-level function of a module in another folder of
        the project (another Go package, which the assembly's linking imports); `from stdnum import
        luhn`: that folder's module; else None."""
        memo = self.cache.setdefault("foreign", {})
        key = (module.path, src, attr)
        if key not in memo:  # type: ignore[operator]
            memo[key] = self._find_foreign(module, src, attr)  # type: ignore[index]
        return memo[key]  # type: ignore[index,no-any-return]

    def _find_foreign(self, module: ModuleInfo, src: str, attr: str) -> FuncInfo | ModuleInfo | None:
        level = len(src) - len(src.lstrip("."))
        parts = [p for p in src.lstrip(".").split(".") if p]
        here = PurePosixPath(module.path).parent
        for base in import_bases(here, level):
            target = base.joinpath(*parts) if parts else base
            for folder, stem in ((target.parent, target.name), (target, "__init__")):
                other = self.project(folder.as_posix(), here.as_posix()) if folder.as_posix() != here.as_posix() else None
                mod = other.modules.get(stem) if other is not None else None
                if mod is not None and attr in mod.functions:
                    f = mod.functions[attr]
                    # a Go name this package declares too would be linked to its own (assemble.py): not called
                    own = {*self.function_names().values(), *(n for c in self.all_classes() for n in (c.go_name, f"New{c.go_name}"))}
                    return None if f.go_name in own else f
                if other is not None and stem == "__init__" and attr in other.modules:
                    return other.modules[attr]  # `from stdnum import luhn`: a module of the package
                if mod is not None:
                    return None
        return None

    def std_module(self, module: ModuleInfo, expr: ast.expr) -> str | None:
        """The dotted name of the standard module `expr` names (`os.path`, `path` from `from os import
        path`, `posixpath`), or None: a module of the package, or not a module."""
        if isinstance(expr, ast.Attribute):
            base = self.std_module(module, expr.value)
            return f"{base}.{expr.attr}" if base is not None else None
        if not isinstance(expr, ast.Name):
            return None
        found = self.resolve(module, expr.id)
        if found is None or found[0] != "import":
            return None
        src, attr = found[1]  # type: ignore[misc]
        if src.startswith("."):
            return None
        return f"{src}.{attr}" if attr else src

    def resolve_own(self, module: ModuleInfo, name: str) -> tuple[str, object] | None:
        if name in module.functions:
            return "function", module.functions[name]
        if name in module.classes:
            return "class", module.classes[name]
        if name in module.consts:
            return "const", (module, name)
        return None

    def find_class(self, module: ModuleInfo, name: str) -> ClassInfo | None:
        found = self.resolve(module, name)
        return found[1] if found is not None and found[0] == "class" else None  # type: ignore[return-value]

    def class_fields(self, cls: ClassInfo) -> dict[str, T]:
        """The fields of a class of the package (lowering the class the first time)."""
        if cls.fields is not None:
            return cls.fields
        key = "class:" + cls.module.stem + ":" + cls.qualname
        if key in self.in_progress:
            raise Unsupported(f"the fields of {cls.name} depend on themselves")
        self.in_progress.add(key)
        try:
            self.services.translate_class(self, cls)
        finally:
            self.in_progress.discard(key)
        assert cls.fields is not None
        return cls.fields

    def all_classes(self) -> list[ClassInfo]:
        """Every class of the package, nested ones after their outer class, modules by path (kept once the
        modules are loaded: asked for on every call lowered, it must not walk each time)."""
        cached = self.cache.get("all-classes") if hasattr(self, "cache") else None  # no cache while modules load
        if cached is not None:
            return cached  # type: ignore[return-value]
        out: list[ClassInfo] = []

        def walk(c: ClassInfo) -> None:
            out.append(c)
            for inner in c.inner.values():
                walk(inner)

        for m in sorted(self.modules.values(), key=lambda m: m.path):
            for c in m.classes.values():
                walk(c)
        if hasattr(self, "cache"):
            self.cache["all-classes"] = out
        return out

    def class_keys(self) -> dict[int, str]:
        """id(ClassInfo) -> its key (ClassInfo.key): the qualified name for the first class of that name,
        `name (path)` for a later one."""
        cached = self.cache.get("class-keys") if hasattr(self, "cache") else None
        if cached is not None:
            return cached  # type: ignore[return-value]
        out: dict[int, str] = {}
        seen: set[str] = set()
        for c in self.all_classes():
            out[id(c)] = c.qualname if c.qualname not in seen else f"{c.qualname} ({c.module.path})"
            seen.add(c.qualname)
        if hasattr(self, "cache") and "all-classes" in self.cache:
            self.cache["class-keys"] = out
        return out

    def class_by_name(self, name: str) -> ClassInfo | None:
        """The class a ClassT names (its key): the first of that key by module path."""
        for c in self.all_classes():
            if c.key == name:
                return c
        return None

    def activate(self) -> None:
        """Make go_type name this package's classes as it names them (called before each translation)."""
        CLASS_GO.clear()
        for c in reversed(self.all_classes()):  # the first class of a key wins, as class_by_name finds it
            CLASS_GO[c.key] = c.go_name

    def class_go_names(self) -> dict[int, str]:
        """id(ClassInfo) -> its Go type name, unique in the package, as llm/plan.go_names names classes:
        top-level classes before nested ones, then by path and line; the first keeps the plain name, a
        later one takes its outer class's name, then its module's (`TTLCacheLink`, `CachedmethodWrapperBase`)."""
        cached = self.cache.get("class-go-names") if hasattr(self, "cache") else None
        if cached is not None:
            return cached  # type: ignore[return-value]
        out: dict[int, str] = {}
        taken: set[str] = set()
        for c in sorted(self.all_classes(), key=lambda c: (c.qualname.count("."), c.module.path, c.node.lineno)):
            out[id(c)] = unique_class_name(c.name, c.outer.qualname if c.outer is not None else "", c.module.path, taken)
        if hasattr(self, "cache"):
            self.cache["class-go-names"] = out
        return out

    # --- exceptions ----------------------------------------------------------------------------
    def exc_catches(self, module: ModuleInfo, handler: str | None, kind: str) -> bool | None:
        """Does `except handler` catch an exception of `kind`? None when it cannot be known ("*")."""
        if handler is None or handler in BROAD:
            return True
        if kind == "*":
            return None
        seen: set[str] = set()
        cur: str | None = kind
        while cur is not None and cur not in seen:
            if cur == handler:
                return True
            seen.add(cur)
            if cur in EXC_PARENT:
                cur = EXC_PARENT[cur]
                continue
            cls = self.find_class(module, cur) or self.class_by_name(cur)
            cur = cls.bases[0] if cls is not None and len(cls.bases) == 1 else None
        return False

    def func_panics(self, f: FuncInfo) -> frozenset[str]:
        if f.module.package is not self:  # a function of another folder (foreign_function): its own analysis
            return f.module.package.func_panics(f)
        return self.panics.get(f.key, frozenset())

    def func_kinds(self, f: FuncInfo) -> frozenset[str]:
        if f.module.package is not self:
            return f.module.package.func_kinds(f)
        return self.kinds.get(f.key, frozenset())

    def func_raises(self, f: FuncInfo) -> bool:
        return bool(self.func_kinds(f))

    def ctor_kinds(self, cls: ClassInfo, seen: frozenset[int] = frozenset()) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        for n in ("__init__", "__post_init__"):
            if n in cls.methods:
                out |= self.func_kinds(cls.methods[n])
        if "__init__" not in cls.methods and len(cls.bases) == 1:  # the inherited __init__ runs
            base = self.find_class(cls.module, cls.bases[0])
            # (`class SimpleTestCase(unittest.TestCase)` names a TestCase of its own module that derives from it: no loop)
            if base is not None and base is not cls and id(base) not in seen:
                out |= self.ctor_kinds(base, seen | {id(cls)})
        return out

    def ctor_raises(self, cls: ClassInfo) -> bool:
        return bool(self.ctor_kinds(cls))


