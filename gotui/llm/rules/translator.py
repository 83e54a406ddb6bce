"""RulesTranslator: the offline, deterministic backend."""

from __future__ import annotations

import ast
import copy
import hashlib
import re
import textwrap
import threading
from pathlib import Path, PurePosixPath

from gotui.golang.names import receiver_name
from gotui.llm.base import CONVERTED, FAILED, PARTIAL, Translation, TranslationRequest
from gotui.llm.rules import goast as g
from gotui.llm.rules.cached import cached_getter
from gotui.llm.rules.classes import translate_class
from gotui.llm.rules.dispatch import abstract_why, body_text, plan_of, virtual
from gotui.llm.rules.pyast import import_bases
from gotui.llm.rules.package import SPECIAL_METHODS, ClassInfo, EvidenceTable, FuncInfo, ModuleInfo, PackageInfo, Services
from gotui.llm.rules.preamble import constant_types, preamble_text
from gotui.llm.rules.raisekinds import compute_raises
from gotui.llm.rules.signatures import any_params, custom_decorators, deco_name, seen_through_everywhere, signature_of, warning_decorators
from gotui.llm.rules.flow import Retry
from gotui.llm.rules.inherit import activate_enums, self_uses
from gotui.llm.rules.statements import func_header, infer_result, translate_body
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import AnyT, DynT, SeqT, finish_text, prune, reset_vars
from gotui.parse.units import ParsedModule, Unit

STD_PACKAGES = {"fmt": "fmt", "strings": "strings", "strconv": "strconv", "math": "math", "sort": "sort", "slices": "slices", "maps": "maps", "errors": "errors", "utf8": "unicode/utf8", "unicode": "unicode", "regexp": "regexp", "sync": "sync", "iter": "iter", "slog": "log/slog", "reflect": "reflect", "cmp": "cmp"}
_STRINGS = re.compile(r'"(?:[^"\\\n]|\\.)*"|`[^`]*`|//[^\n]*')
_USES = re.compile(r"\b(" + "|".join(STD_PACKAGES) + r")\.")


def imports_used(text: str) -> list[str]:
    """The std packages a Go text refers to (string literals and comments ignored)."""
    code = _STRINGS.sub('""', text)
    return sorted({STD_PACKAGES[m] for m in _USES.findall(code)})


def import_block(pkgs: list[str]) -> str:
    if not pkgs:
        return ""
    return "import (\n" + "".join(f'\t"{p}"\n' for p in pkgs) + ")\n\n"


def stub(f: FuncInfo | None, name: str, reason: str, pkg: PackageInfo | None = None) -> str:
    """A declaration with the real signature when known, and a panicking body."""
    header = None
    if f is not None and pkg is not None:
        try:
            sig = signature_of(pkg, f, lenient=True)
            recv = receiver_name(f.cls.name) if f.cls is not None and f.kind in ("method", "property") else None
            if recv is not None:
                for p in sig.params:
                    if p.go == recv:
                        p.go = p.go + "_"
            header = finish_text(func_header(f, sig, recv))
        except Unsupported:
            header = None
    if header is None:
        if f is not None and f.cls is not None and f.kind in ("method", "property"):
            cls_go = f.cls.go_name
            header = f"func ({receiver_name(f.cls.name)} *{cls_go}) {f.go_name}() {{"
        else:
            header = f"func {name}() {{"
    reason_line = " ".join(reason.split())
    return f"// TODO(gotui): {reason_line}\n{header}\n\tpanic({g.go_string('gotui: ' + reason_line)})\n}}\n"


# Special methods of Python protocols Go has no counterpart for: the unit stays partial with why.
_PICKLE = "part of pickling (copyreg); Go has no pickle, a Go value is serialized explicitly"
NO_GO_MEANING = {
    "__reduce__": _PICKLE, "__reduce_ex__": _PICKLE, "__getstate__": _PICKLE, "__setstate__": _PICKLE,
    "__getnewargs__": _PICKLE, "__getnewargs_ex__": _PICKLE,
    "__deepcopy__": "copy.deepcopy's hook; Go code copies a value explicitly",
    "__get__": "the descriptor protocol; Go resolves fields and methods at compile time",
    "__set__": "the descriptor protocol; Go resolves fields and methods at compile time",
    "__delete__": "the descriptor protocol; Go resolves fields and methods at compile time",
    "__set_name__": "the descriptor protocol; Go resolves fields and methods at compile time",
    "__getattr__": "an attribute lookup hook; a Go selector is resolved at compile time",
    "__getattribute__": "an attribute lookup hook; a Go selector is resolved at compile time",
    "__setattr__": "an attribute hook; Go assigns fields directly",
    "__delattr__": "an attribute hook; Go struct fields cannot be deleted",
    "__new__": "instance creation; Go builds the struct in New...", "__init_subclass__": "a class creation hook; Go has no subclasses",
    "__class_getitem__": "generic aliasing of the class; no Go counterpart", "__del__": "a finalizer; Go has no destructors",
}


def translate_function(pkg: PackageInfo, f: FuncInfo) -> tuple[str, str | None]:
    """(Go text, reason when partial) for a function or method."""
    key = "func:" + f.key
    hit = pkg.cache.get(key)
    if hit is not None:
        return hit  # type: ignore[return-value]
    try:
        # a decorator the translator does not know may change what the function does: the body is
        # still translated (nothing is lost), but the unit stays partial with a TODO at the decorator
        custom = custom_decorators(pkg, f)
        if f.kind == "classmethod":
            raise Unsupported("classmethods that rebind `cls`")
        if (f.from_classmethod or f.self_class) and f.cls is not None:
            subs = sorted(c.name for c in pkg.all_classes() if f.cls.name in c.bases)
            if subs:
                what = "classmethod" if f.from_classmethod else "method using `type(self)`"
                who = "`cls`" if f.from_classmethod else "`type(self)`"
                raise Unsupported(f"{what} of {f.cls.name}, which {subs[0]} subclasses: {who} may be the subclass")
        special = f.cls is not None and f.name.startswith("__") and f.name.endswith("__") and f.name != "__init__"
        if special and f.name not in SPECIAL_METHODS and f.name != "__repr__" or special and not f.go_name[:1].isupper():
            why = NO_GO_MEANING.get(f.name)
            raise Unsupported(f"special method {f.name}" + (f": {why}" if why else ""))
        try:
            sig = signature_of(pkg, f)
            unknown = any_params(sig)
        except Unsupported as exc:
            # a type with no Go form: `any` in the signature, and the body kept where it does not use it
            try:
                sig = signature_of(pkg, f, lenient=True)
            except Unsupported:
                raise exc from None  # the strict reason names what is missing
            unknown = [str(exc)]
        hints: dict = {}
        # with an `any` parameter or result the body is only salvaged: every statement that uses the
        # value is a TODO in place (expressions.x_Name, coerce refuse AnyT), the others stay Go
        salvage = bool(unknown)
        first: Unsupported | None = Unsupported("; ".join(unknown)) if unknown else None
        for _ in range(8):
            try:
                tr = translate_body(pkg, f, sig, hints, salvage)
                break
            except Retry as r:
                hints[r.name] = r.t
            except Unsupported as exc:
                if salvage:
                    raise first from exc  # the strict attempt's reason names the first construct
                first = exc
                salvage = True  # keep every statement that translates; the others become TODOs in place
        else:
            raise Unsupported("types of locals keep changing")
        notes = []
        if sig.raises:
            kinds = sorted({_raise_name(n) for n in ast.walk(f.node) if isinstance(n, ast.Raise) and n.exc is not None} - {""})
            what = ", ".join(kinds) if kinds else "errors from the functions it calls"
            notes.append(f"// gotui: raises {what} in Python; here the error is the last result.")
        if any(isinstance(n, ast.Raise) and n.cause is not None and not (isinstance(n.cause, ast.Constant) and n.cause.value is None)
               for n in ast.walk(f.node)):
            notes.append("// gotui: `raise ... from e` keeps no cause here: the Go error holds its message only (errors.Unwrap gives nil).")
        rt = prune(sig.result)
        if isinstance(rt, SeqT) and rt.kinds:
            notes.append(f"// gotui: raises {', '.join(k for k in rt.kinds if k != '*') or 'errors from the functions it calls'} "
                         "in Python while it is iterated; here the error is yielded with a zero value, and ends the iteration.")
        if f.from_classmethod and f.cls is not None:
            notes.append(f"// gotui: a @classmethod in Python; `cls` is {f.cls.name} here (no subclass in the package).")
        if f.self_class and f.cls is not None:
            notes.append(f"// gotui: `type(self)` is {f.cls.name} here (no subclass in the package; Go has none).")
        if special and f.name not in ("__str__", "__repr__", "__len__", "__eq__", "__lt__", "__contains__"):
            notes.append(f"// gotui: the special method {f.name}; Python calls it implicitly, Go code calls {f.go_name} by name.")
        idle = [p.py for p in sig.params if isinstance(p.t, AnyT) and p.t.unused]
        if idle:
            names = ", ".join(f"`{n}`" for n in idle)
            notes.append(f"// gotui: {names} {'is' if len(idle) == 1 else 'are'} never used here, and nothing tells "
                         f"{'its' if len(idle) == 1 else 'their'} type: `any`, which takes whatever callers pass.")
        for p in sig.params if not tr.todos else []:  # (a partial unit's TODO says why already)
            if isinstance(prune(p.t), DynT):  # a value of several types, or of none known: carried, never looked into
                notes.append(f"// gotui: `{p.py}` is `any`: {' '.join(prune(p.t).why.split())}; Go only carries it here "  # type: ignore[union-attr]
                             "(stores, looks up, tests against None, passes on, writes with str(), orders with Python's rules at run "
                             "time (pyCmpOp), iterates or unpacks a union of tuples of one shape by a type switch).")
        if isinstance(rt, DynT) and not tr.todos:
            why = " ".join(rt.why.split())
            notes.append(f"// gotui: the result is `any`, a value of several types{f' ({why})' if why else ''}: callers only carry it.")
        kwarg = f.node.args.kwarg
        if kwarg is not None:
            notes.append(f"// gotui: `**{kwarg.arg}` is never used here and is left out: Go has no keyword arguments.")
        for note in sig.narrowed.values():  # an annotated union the trace narrowed: what is not carried over
            notes.append(f"// gotui: {' '.join(note.split())}")
        for d in f.inlined:
            notes.append(f"// gotui: @{d}'s wrapper is read into the body (it only guards the call, then makes it): its "
                         f"checks run first, then {f.name}'s own statements, as Python runs them when {f.name} is called.")
        if any(deco_name(d) in ("lru_cache", "cache") for d in f.node.decorator_list):
            notes.append("// gotui: the Python version memoizes results (@lru_cache); this one does not.")
        deprecated = []
        for text, w in warning_decorators(pkg, f):
            notes.append(f"// gotui: @{' '.join(text.split())} only warns (warnings.warn) and then calls {f.name} "
                         "with its arguments; Go has no run-time warnings, so nothing is printed.")
            if w.deprecation:
                deprecated.append(text)
        if deprecated:  # Go's own mark, a paragraph of its own in the doc comment (gopls and staticcheck read it)
            notes += ["//", f"// Deprecated: @{' '.join(deprecated[0].split())} in the Python version."]
        for d in custom:
            notes.insert(0, f"// TODO(gotui): decorator @{' '.join(d.split())} is not applied; it may change what {f.name} does.")
        reason = f"decorator @{custom[0].split('(')[0]} is not applied" if custom else None
        if tr.todos:
            what = "1 statement stays" if len(tr.todos) == 1 else f"{len(tr.todos)} statements stay"
            notes.insert(0, f"// TODO(gotui): partly translated: {what} Python (marked TODO below, it panics there); the rest is Go.")
            reason = str(tr.todos[0])
        plan = plan_of(pkg, f.cls) if f.cls is not None and tr.recv is not None else None
        called = sorted(plan.abstract & self_uses(f)) if plan is not None and f.name in plan.bodies else []
        if called:  # the owner's own method reaches the stub that panics (dispatch._abstract_stub)
            why = abstract_why(f.cls, called[0])  # type: ignore[arg-type]
            notes.insert(0, f"// TODO(gotui): {why}.")
            reason = reason or why
        if unknown:
            notes.insert(1 if tr.todos else 0, f"// TODO(gotui): {' '.join('; '.join(unknown).split())}: `any` here, so what uses it stays Python.")
            reason = "; ".join(unknown)
        body = "\n".join(tr.lines)
        if "slog." in body:
            notes.append("// gotui: logging is log/slog here: the level and the message are kept; slog's output format and "
                         "handler are set once for the program (slog.SetDefault), and the logger's name is an attribute.")
        text = "\n".join(notes + [func_header(f, sig, tr.recv), body, "}"]) if body else "\n".join(notes + [func_header(f, sig, tr.recv), "}"])
        if f.cached and tr.recv is not None:
            text = cached_getter(pkg, f, sig, tr.recv, text)
        if plan is not None and f.name in plan.bodies:
            text = body_text(pkg, f, sig, tr.recv, text)  # type: ignore[arg-type]
        text = finish_text(text + "\n")
        result: tuple[str, str | None] = (text, reason)
    except Unsupported as exc:
        result = (stub(f, f.go_name, str(exc), pkg), str(exc))
    except RecursionError:
        result = (stub(f, f.go_name, "expression nested too deeply", pkg), "expression nested too deeply")
    pkg.cache[key] = result
    return result


def _raise_name(n: ast.Raise) -> str:
    exc = n.exc
    target = exc.func if isinstance(exc, ast.Call) else exc
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    return ""


def text_key(items: list[tuple[str, str]]) -> str:
    """A digest of (path, text) pairs: which sources a cached package was built from."""
    h = hashlib.sha1()
    for path, text in items:
        h.update(path.encode())
        h.update(b"\0")
        h.update(text.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _find_root(module: ParsedModule, root: Path | None) -> Path | None:
    """The folder the module's relative path starts from: root, or the working directory or one of its
    parents, where that path holds this very text."""
    candidates = [root] if root is not None else [Path.cwd(), *Path.cwd().parents]
    for base in candidates:
        path = base / module.path
        try:
            if path.is_file() and path.read_text(encoding="utf-8") == module.text:
                return base
        except (OSError, UnicodeDecodeError):
            continue
    return None


def _siblings_on_disk(module: ParsedModule, root: Path | None) -> list[tuple[str, str]]:
    rel = PurePosixPath(module.path)
    found = _find_root(module, root)
    out: list[tuple[str, str]] = []
    if found is None:
        return out
    base = found / rel.parent
    try:
        files = sorted(p for p in base.iterdir() if p.suffix == ".py" and p.is_file())
    except OSError:
        return out
    for p in files:
        path = (rel.parent / p.name).as_posix()
        try:
            out.append((path, p.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return out


# The lowerings the model layer asks for (result inference, class fields, constant types), handed
# to every PackageInfo so that no lower module imports an upper one.
SERVICES = Services(
    infer_result=infer_result,
    translate_function=translate_function,
    translate_class=translate_class,
    constant_types=constant_types,
    compute_raises=compute_raises,
    virtual=virtual,
)


# `from a.b import c` / `import a.b`: the dotted names a module's text imports (_imported_folders)
_IMPORT_WORDS = re.compile(r"\bfrom\s+(\.*[\w.]*)\s+import\b|\bimport\s+([\w.]+)")

class RulesTranslator:
    """Python -> Go from the AST, offline. Anything it cannot do faithfully is a TODO with a panicking body."""

    name = "rules"
    model = "rules-1"
    concurrent = False  # Python on this interpreter: threads only contend for it (llm/runner.workers_for)

    def __init__(self, modules: list[ParsedModule] | None = None, root: Path | None = None) -> None:
        self._given: dict[str, dict[str, str]] = {}  # folder -> path -> text
        for m in modules or []:
            if m.text:
                self._given.setdefault(PurePosixPath(m.path).parent.as_posix(), {})[m.path] = m.text
        self._root = root
        self._disk: dict[str, dict[str, str]] = {}
        self._packages: dict[str, PackageInfo] = {}
        self._evidence: EvidenceTable = {}  # (path, qualname) -> param/"return" -> annotation, from requests or the project
        self._lock = threading.RLock()  # translations share per-package caches
        self._building: set[str] = set()  # folders whose PackageInfo is being made (_other_package)
        # other folders' packages as calls between packages see them: kept when one unit's evidence
        # re-reads its own folder (a callee's signature may then lag; the build check catches a mismatch)
        self._foreign: dict[str, PackageInfo] = {}
        self._imports: dict[str, set[str]] = {}  # folder -> the project folders it imports (_imported_folders)
        self._reach: dict[str, set[str]] = {}  # folder -> every project folder its imports lead to (_reaches)

    def _imported_folders(self, folder: str) -> set[str]:
        """The project folders a folder's modules import (read as text, over-approximated: an import in
        a string counts too, which only refuses more)."""
        if folder not in self._imports:
            out: set[str] = set()
            for path, text in self._given.get(folder, {}).items():
                here = PurePosixPath(path).parent
                for m in _IMPORT_WORDS.finditer(text):
                    dotted = m.group(1) or m.group(2)
                    level = len(dotted) - len(dotted.lstrip("."))
                    parts = [p for p in dotted.lstrip(".").split(".") if p]
                    for base in import_bases(here, level):
                        target = base.joinpath(*parts)
                        out.update(f.as_posix() for f in (target, target.parent) if f.as_posix() in self._given)
            out.discard(folder)
            self._imports[folder] = out
        return self._imports[folder]

    def _reaches(self, start: str, goal: str) -> bool:
        """Whether `start`'s imports lead, folder by folder, to `goal` (all it reaches is kept per start)."""
        if start not in self._reach:
            seen, todo = {start}, [start]
            while todo:
                for nxt in self._imported_folders(todo.pop()):
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
            self._reach[start] = seen - {start}
        return goal in self._reach[start]

    def use_evidence(self, table: EvidenceTable) -> None:
        """Every unit's evidence at once (the project's, traces included), so callers and callees agree."""
        with self._lock:
            self._evidence = dict(table)
            self._packages.clear()
            self._foreign.clear()

    def _note_evidence(self, request: TranslationRequest) -> None:
        """A request's evidence the translator did not have yet: its folder is re-read with it."""
        unit = request.unit
        if not request.evidence:
            return
        key = (unit.path, unit.signature_qualname)
        if self._evidence.get(key) != request.evidence:
            self._evidence[key] = copy.copy(request.evidence)  # a TypeTable keeps why the others are unknown
            folder = PurePosixPath(unit.path).parent.as_posix()
            held = self._packages.get(folder)
            if held is not None and held.evidence_at(*key) == request.evidence:
                return  # what the folder's own static reading already says (most units, on a run without traces)
            # only its own folder reads it (PackageInfo takes the evidence of its files): the others, and
            # the packages of other folders its calls reach, are kept
            for k in [k for k in self._packages if k == folder or k.startswith(folder + ":")]:
                del self._packages[k]
            self._foreign.pop(folder, None)

    def use_modules(self, modules: list[ParsedModule], root: Path | None = None) -> None:
        """Hand over a scan's modules (siblings are then never read from disk)."""
        with self._lock:
            self._given = {}
            for m in modules:
                if m.text:
                    self._given.setdefault(PurePosixPath(m.path).parent.as_posix(), {})[m.path] = m.text
            if root is not None:
                self._root = root
            self._packages.clear()
            self._foreign.clear()
            self._imports.clear()
            self._reach.clear()

    def _folder(self, module: ParsedModule) -> tuple[str, dict[str, str]]:
        folder = PurePosixPath(module.path).parent.as_posix()
        if self._given:
            return folder, self._given.get(folder, {})
        if folder not in self._disk:
            self._disk[folder] = dict(_siblings_on_disk(module, self._root))
        return folder, self._disk[folder]

    def package_for(self, module: ParsedModule) -> PackageInfo:
        """The package of the module's folder (siblings from the constructor's modules, else from disk)."""
        with self._lock:
            folder, files = self._folder(module)
            same = files.get(module.path) == module.text
            key = folder if same else folder + ":" + text_key([(module.path, module.text)])
            pkg = self._packages.get(key) or (self._foreign.get(folder) if same else None)
            if pkg is None:
                items = sorted({**files, module.path: module.text}.items())
                if len(self._packages) > 256:
                    self._packages.clear()
                pkg = self._new_package(folder, items, {module.path})
                self._packages[key] = pkg
            return pkg

    def _new_package(self, folder: str, items: list[tuple[str, str]], extra: set[str]) -> PackageInfo:
        """A folder's PackageInfo, which reaches the project's other folders (calls between packages)."""
        paths = {p for p, _ in items} | extra
        self._building.add(folder)
        try:
            return PackageInfo(items, SERVICES, {k: v for k, v in self._evidence.items() if k[0] in paths}, project=self._other_package)
        finally:
            self._building.discard(folder)

    def _other_package(self, folder: str, caller: str) -> PackageInfo | None:
        """Another folder's package, as its scan gave it, for a call from `caller`'s folder. None: no such
        folder; one being read now; or one whose imports lead back to the caller's folder, since Go
        refuses an import cycle that Python allows (the call stays a TODO instead of Go that never builds)."""
        with self._lock:
            files = self._given.get(folder)
            if not files or folder in self._building or self._reaches(folder, caller):
                return None
            pkg = self._foreign.get(folder) or self._packages.get(folder)
            if pkg is None:
                pkg = self._foreign[folder] = self._new_package(folder, sorted(files.items()), set())
            return pkg

    def module_info(self, module: ParsedModule) -> tuple[PackageInfo, ModuleInfo]:
        pkg = self.package_for(module)
        return pkg, pkg.modules[PurePosixPath(module.path).stem]

    def translate(self, request: TranslationRequest, on_token: object = None) -> Translation:
        unit = request.unit
        with self._lock:
            reset_vars()
            self._note_evidence(request)
            try:
                go, reason = self._translate(unit, request.module)
            except Unsupported as exc:
                return Translation(go="", status=FAILED, backend=self.name, model=self.model, error=str(exc))
            except RecursionError:
                return Translation(go="", status=FAILED, backend=self.name, model=self.model, error="the code is nested too deeply")
            finally:
                reset_vars()
        if on_token is not None and go:
            on_token(go)  # type: ignore[operator]  # no streaming: the whole text at once
        if reason is None:
            return Translation(go=go, status=CONVERTED, backend=self.name, model=self.model)
        return Translation(go=go, status=PARTIAL, backend=self.name, model=self.model, error=reason)

    def _translate(self, unit: Unit, module: ParsedModule) -> tuple[str, str | None]:
        pkg, mod = self.module_info(module)
        pkg.activate()
        activate_enums(pkg)
        if mod.tree is None:
            source = textwrap.dedent(unit.source)
            try:
                ast.parse(source if unit.kind != "class" else source + "\n    pass")
            except SyntaxError as exc:
                raise Unsupported(f"the unit does not parse: {exc.msg} (line {exc.lineno})") from exc
            mod = _unit_module(pkg, module, unit)
        parts = unit.python_qualname.split(".")
        if unit.kind == "class":
            cls = _class_at(mod, parts)
            if cls is None:
                return _nested(unit, "a class defined inside a function is not supported")
            text, reason = translate_class(pkg, cls)
        elif unit.kind == "method":
            owner = _class_at(mod, parts[:-1])
            if owner is None or parts[-1] not in owner.methods:
                return _nested(unit, "methods of classes defined inside functions are not supported")
            f = owner.methods[parts[-1]]
            if f.first_line != unit.line:
                accessor = re.search(rf"@{re.escape(unit.name)}\.(setter|deleter)\b", unit.source)
                if accessor is not None and accessor.group(1) == "setter":
                    text, reason = _setter(pkg, f, unit)
                    return import_block(imports_used(text)) + text, reason
                if accessor is not None:
                    reason = "property deleters are not translated"
                    cls_go = owner.go_name
                    recv = receiver_name(owner.name)
                    text = f"// TODO(gotui): {reason}\nfunc ({recv} *{cls_go}) Del{f.go_name}() {{\n\tpanic({g.go_string('gotui: ' + reason)})\n}}\n"
                    return text, reason
                return _replaced(unit), None
            text, reason = translate_function(pkg, f)
        else:
            if unit.name not in mod.functions:
                return stub(None, unit.name, "function not found at module level"), "function not found at module level"
            f = mod.functions[unit.name]
            if f.first_line != unit.line:
                return _replaced(unit), None
            uses = seen_through_everywhere(pkg, f)
            if uses is not None:
                return _seen_through(unit, uses), None
            text, reason = translate_function(pkg, f)
        return import_block(imports_used(text)) + text, reason

    def preamble(self, module: ParsedModule) -> str:
        pkg, mod = self.module_info(module)
        if mod.tree is None:
            return ""
        with self._lock:
            reset_vars()
            pkg.activate()
            activate_enums(pkg)
            try:
                text = preamble_text(pkg, mod)
            finally:
                reset_vars()
        return import_block(imports_used(text)) + text if text else ""


def _class_at(mod: ModuleInfo, parts: list[str]) -> ClassInfo | None:
    """The class at a dotted path of class names (`LFUCache._Link`), None when a part is not a class."""
    if not parts or parts[0] not in mod.classes:
        return None
    cls = mod.classes[parts[0]]
    for name in parts[1:]:
        if name not in cls.inner:
            return None
        cls = cls.inner[name]
    return cls


def _setter(pkg: PackageInfo, getter: FuncInfo, unit: Unit) -> tuple[str, str | None]:
    """`@x.setter` as the method `SetX(value T)` (pyast.setter_as_method).

    Python calls it on `obj.x = v`; Go code calls SetX (an assignment to the property elsewhere is
    reported where it is translated).
    """
    setter = getter.cls.setters.get(unit.line) if getter.cls is not None else None
    if setter is None:
        reason = "a property setter of an unusual shape"
        return f"// TODO(gotui): {unit.qualname} (line {unit.line}): {reason}\n", reason
    return translate_function(pkg, setter)


def _nested(unit: Unit, reason: str) -> tuple[str, str]:
    """A unit inside a class inside a class: no Go declaration (its Python name would clash across classes)."""
    return f"// TODO(gotui): {unit.qualname} (line {unit.line}): {reason}\n", reason


def _seen_through(unit: Unit, uses: list[str]) -> str:
    """A decorator the translator sees through wherever it is applied: nothing to emit (Go has nothing
    to call it with; each decorated function carries what it did, or says what it dropped)."""
    return (f"// gotui: @{unit.name} (line {unit.line}) is only applied as a decorator, and each use is read into the function "
            f"it decorates ({', '.join(uses)}): Go has nothing to call it with, so it has no Go of its own.\n")


def _replaced(unit: Unit) -> str:
    """A definition that a later one of the same name replaces (as Python does): nothing to emit."""
    return f"// gotui: {unit.qualname} (line {unit.line}) is replaced by a later definition of the same name, as in Python.\n"


def _unit_module(pkg: PackageInfo, module: ParsedModule, unit: Unit) -> ModuleInfo:
    """A module with a syntax error elsewhere: translate the unit on its own."""
    source = textwrap.dedent(unit.source)
    if unit.kind == "class":
        source += "\n    pass\n"
    elif unit.kind == "method":
        source = f"class {unit.class_name}:\n" + textwrap.indent(source, "    ")
    tmp = PackageInfo([(module.path, source)], SERVICES)
    return tmp.modules[PurePosixPath(module.path).stem]


_default = RulesTranslator()


def module_preamble(module: ParsedModule) -> str:
    """Declarations of the module's constants, for the top of its Go file (may start with an import block)."""
    return _default.preamble(module)
