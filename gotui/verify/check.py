"""`gotui check`: build, vet and differential tests for the units that have Go, with a status per unit.

One temporary module holds every unit with Go (so calls between units resolve as on the branch);
Python runs start at once, one sandboxed process per module, while Go builds; then ONE `go test`
runs every unit's table. Status: pass, diverged, build_failed or untested (with the reason).
"""

from __future__ import annotations

import ast
import dataclasses
import os
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Mapping

from gotui.golang.assemble import GoUnit, module_from_go_mod
from gotui.golang.helpers import HELPER_FILE, helper_source
from gotui.golang.names import go_func_name
from gotui.golang.toolchain import find_toolchain, require_toolchain
from gotui.verify.build import BuildError, build_units, write_module
from gotui.verify.buildable import branch_setup, pending_units
from gotui.verify.callees import partial_callees, stubbed_callees, stubbed_note
from gotui.verify.exceptions import prepare_exception
from gotui.verify.instances import instance_result, read_back, spec_of
from gotui.verify.iterators import collect, iterator_result
from gotui.verify.constructors import constructor_source
from gotui.verify.receivers import STRUCT_DECL, MethodSpec, bind_objects, constant_by_construction, enum_receiver, traced_receiver
from gotui.verify.replay import traced_cases
from gotui.verify.gates import CHECKABLE, TODO_MARK
from gotui.verify.difftest import (
    CallPlan, GoSig, UnitTest, compatible, go_method_signature, go_signature, plan_call, render_test_file, support_path, support_source,
    test_file_path, unit_test,
)
from gotui.verify.gotest import (
    TestKey, TestRun, attribute_test_errors, crash_culprit, crash_reason, init_panic, mutates_package_state, run_go_benchmarks,
    run_go_tests, test_spans,
)
from gotui.verify.inputs import (
    FunctionSpec, Param, Untestable, conforms, function_spec, is_enum_mark, normalise, parse_annotation, type_name,
)
from gotui.verify.sandbox import CaseOutcome, Limits, PyJob, UnitRun, run_modules
from gotui.verify.values import generate_cases
from gotui.verify.sources import (
    evidence_types, inherited_init, project_type_aliases, property_getter, property_setter, see_through_decorators, unit_def,
    with_evidence,
)

PASS, DIVERGED, BUILD_FAILED, UNTESTED = "pass", "diverged", "build_failed", "untested"
STATUSES = (PASS, DIVERGED, BUILD_FAILED, UNTESTED)
_PACKAGE = re.compile(r"^package\s+(\w+)", re.M)
_GO_EXITS = re.compile(r"\b(os\.Exit|log\.Fatal\w*|syscall\.Exit)\s*\(")


@dataclass
class CheckResult:
    id: str
    name: str
    status: str
    detail: str
    path: str = ""
    go_name: str | None = None
    first_input: str | None = None  # the first input whose results differ (a Python call)
    python_result: str | None = None
    go_result: str | None = None
    build_errors: list[BuildError] = field(default_factory=list)
    cases: int = 0  # inputs compared
    python_ns: float | None = None  # one pass over the inputs, with bench
    go_ns: float | None = None
    bench_ratio: float | None = None  # Python time / Go time: above 1, Go is faster
    test_path: str | None = None  # where the evidence test goes, beside the Go
    test_code: str | None = None  # the unit's test declarations (with keep_tests)
    test_imports: set[str] = field(default_factory=set)
    package: str | None = None

    def to_json(self, extras: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "status": self.status, "detail": self.detail}
        if extras:
            out.update(first_input=self.first_input, python_result=self.python_result, go_result=self.go_result,
                       build_errors=[{"line": e.unit_line, "message": e.message, "stage": e.stage} for e in self.build_errors],
                       cases=self.cases, bench_ratio=self.bench_ratio, python_ns=self.python_ns, go_ns=self.go_ns,
                       test_path=self.test_path)
        return out


@dataclass
class Settings:
    """`[check]` in the configuration; every key optional."""

    keep_tests: bool = False
    cases: int = 60  # inputs per function
    seed: int = 0
    timeout: float = 2.0  # seconds per Python call
    go_timeout: float = 5.0  # seconds per Go call
    memory_mb: int = 1024
    python: str | None = None  # the interpreter that runs the user's code (default: gotui's own)

    @classmethod
    def from_project(cls, project: Any) -> "Settings":
        s = cls()
        try:  # a config that fails to load (its error is reported by the commands that need it): check with defaults
            table = dict(getattr(project.config, "check", None) or {})
        except Exception:
            table = {}
        for key, value in table.items():
            if key in cls.__dataclass_fields__ and value is not None:
                current = getattr(s, key)
                if isinstance(current, bool) != isinstance(value, bool):
                    continue  # `keep_tests = "yes"` is not a boolean: keep the default
                try:
                    setattr(s, key, type(current)(value) if current is not None else str(value))
                except (TypeError, ValueError):
                    pass
        s.cases = max(1, min(s.cases, 200))
        return s


@dataclass
class _Target:
    record: Any  # UnitRecord
    result: CheckResult
    spec: FunctionSpec | None = None
    plan: CallPlan | None = None
    cases: list[tuple] = field(default_factory=list)
    untested: str | None = None  # reason, decided before any run
    test: UnitTest | None = None
    outcomes: dict[int, CaseOutcome] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    from_evidence: list[str] = field(default_factory=list)  # parameters (and "return") typed by evidence, not hints
    ctor: int | None = None  # a method: how many leading case values build the receiver
    exc_of: list[str] | None = None  # an exception class: the module's exception classes compared (exceptions.py)
    prop: str = ""  # "get": a @property getter (Python reads `obj.name`), "set": its setter (Python assigns it); Go calls a method
    traced: int = 0  # the first `traced` cases are real calls gotui trace saw, not generated from the types
    attrs: list[str] = field(default_factory=list)  # its result is an instance: compared by these attributes (instances.py)
    collect: bool = False  # its result is an iter.Seq / a Python iterator: both run to the end (iterators.py)
    exhaustive: bool = False  # the cases are every input there is (each member of an enum, no arguments)


def _plain_function(source: str, go: str) -> str | None:
    """"staticmethod" or "classmethod" for such a method whose Go is a plain function (no receiver; a
    classmethod's `cls` is its class, the translator's note says): checked as a function, which Python
    calls as `Class.name(...)`. None for anything else."""
    fn = unit_def(source)
    kind = next((d.id for d in fn.decorator_list if isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod")), None) if fn else None
    plain = re.search(r"^func\s*\(", go, re.M) is None and re.search(r"^func\s+\w", go, re.M) is not None
    return kind if plain else None


# special methods whose result Python itself checks (str(x) raises TypeError when __str__ returns
# anything but a str): their result type needs no hint
PROTOCOL_RESULTS = {"__repr__": "str", "__str__": "str", "__format__": "str", "__len__": "int", "__hash__": "int",
                    "__bool__": "bool", "__int__": "int", "__index__": "int", "__float__": "float", "__contains__": "bool"}


def _prepare(project: Any, t: _Target, settings: Settings, traces: Mapping[str, Any], structs: StructTable) -> None:
    rec = t.record
    if TODO_MARK in rec.go:  # its TODO panics by design: comparing would only say `diverged` about that
        t.untested = "partial: the Go holds a TODO(gotui); built and vetted, compared once it is finished"
        return
    module = project.module(rec.path) if hasattr(project, "module") else None
    if rec.kind == "class":
        try:
            exception = prepare_exception(project, rec, module.text if module is not None else "")
        except Untestable as exc:
            t.untested = str(exc)
            return
        if exception is not None:
            t.spec, t.plan, t.cases, t.exc_of = exception
            t.result.go_name = t.plan.go_name
            t.notes.append(f"str() and which except clauses catch it, for {_count(len(t.cases), 'message')}")
            return
    unit = project.unit(rec.id) if hasattr(project, "unit") else None
    source = unit.source if unit is not None else rec.source
    plain = _plain_function(source, rec.go) if rec.kind == "method" else None
    if rec.kind == "method" and plain is None:
        try:
            _prepare_method(project, t, settings, traces, structs)
        except Untestable as exc:
            t.untested = f"method: {exc}"
        return
    try:
        if rec.kind == "class":  # through its constructor: the objects' attributes compared (constructors.py)
            source, sig, t.from_evidence = constructor_source(project, rec)
        else:  # a function, or a @staticmethod translated as one (Python calls it as Class.name, with no receiver)
            source, t.from_evidence = with_evidence(source, evidence_types(project.unit_types(rec.id)) if hasattr(project, "unit_types") else {})
            sig = go_signature(rec.go, go_func_name(rec.name))
        aliases = project_type_aliases(project, rec.path)
        iterator = iterator_result(source, sig, aliases)  # a generator: both sides' values, run to the end
        if iterator is not None:
            source, sig = iterator
            t.collect = True
        # a result that is an instance is compared by its attributes (instances.py)
        t.spec, instance = spec_of(source, is_method=rec.kind == "class" or plain == "classmethod",  # `self` or `cls` is not an input
                                   module_text=module.text if module is not None else "",
                                   transparent=see_through_decorators(project, rec.path, source), collected=t.collect, aliases=aliases)
        t.result.go_name = sig.name
        if _GO_EXITS.search(rec.go):
            raise Untestable("the Go exits the process (os.Exit or log.Fatal)")
        if instance:
            t.spec, sig, t.attrs, fields = instance_result(project, rec.path, source, t.spec, sig, own=rec.qualname)
        t.plan = plan_call(t.spec, sig)
        if instance:
            t.plan = read_back(t.plan, fields, sig.results[:len(fields)])
        if t.collect:
            t.plan = collect(t.plan)
        traced = traced_cases(traces.get(rec.id), t.spec)
        seen = {repr(c) for c in traced}
        try:
            generated = [c for c in generate_cases(t.spec, settings.cases, settings.seed) if repr(c) not in seen]
        except Untestable:
            if not traced:  # an object parameter (rebuilt from traced states only), and no traced call
                raise
            generated = []
        t.cases = traced + generated[:max(0, settings.cases - len(traced))]
        bind_objects(t.cases, lambda name: structs.get((str(PurePosixPath(rec.path).parent), name)))
        t.traced = len(traced)
        if traced:
            t.notes.append(f"{_count(len(traced), 'traced call')} first")
    except Untestable as exc:
        t.untested = f"class: {exc}" if rec.kind == "class" else str(exc)
        return
    if rec.kind == "class":
        t.notes.append(f"built by {rec.name}(...), compared by its attributes")
    if t.spec.mutates:
        t.notes.append(f"changes to {', '.join(t.spec.mutates)} not compared")
    if t.spec.prints:
        t.notes.append("printed output not compared")


StructTable = Mapping[tuple[str, str], str]


def _struct_table(records: list[Any]) -> dict[tuple[str, str], str]:
    """(folder, Go struct name) -> the Go of the unit of that folder (its Go package) that declares it,
    among those being checked: an embedded base's fields (receivers.struct_fields). Made once per run."""
    table: dict[tuple[str, str], str] = {}
    for r in records:
        for m in STRUCT_DECL.finditer(r.go):
            table.setdefault((str(PurePosixPath(r.path).parent), m.group(1)), r.go)
    return table


def _prepare_method(project: Any, t: _Target, settings: Settings, traces: Mapping[str, Any], structs: StructTable) -> None:
    """A method is called on a receiver: one its traced calls ran on (`gotui trace`: the state of
    `self`, rebuilt on both sides), else one its class's constructor builds from generated arguments:
    Python `Class(*a).method(*b)`, Go `NewClass(a...).Method(b...)`. Raises Untestable saying why not."""
    rec = t.record
    unit = project.unit(rec.id)
    if unit is None or not unit.class_name:
        raise Untestable("its class is not known")
    cls_id = f"{rec.path}::{unit.class_name}"
    cls_unit, cls_rec = project.unit(cls_id), project.session.get(cls_id)
    if cls_unit is None or cls_rec is None or not cls_rec.go.strip() or cls_rec.state not in CHECKABLE:
        raise Untestable(f"needs a receiver: its class {unit.class_name} has no Go being checked")
    getter, setter = property_getter(unit.source), property_setter(unit.source)
    types = evidence_types(project.unit_types(rec.id))
    fixed = PROTOCOL_RESULTS.get(unit.qualname.rsplit(".", 1)[-1])
    if fixed is not None and "return" not in types:
        types["return"] = fixed
    source, t.from_evidence = with_evidence(getter or setter or unit.source, types)
    t.prop = "get" if getter is not None else "set" if setter is not None else ""
    m = re.search(r"func\s*\(\s*\w*\s*\*\s*(\w+)\s*\)\s*(\w+)\s*\(", rec.go)
    if m is None:
        raise Untestable("its Go is not a method on a pointer receiver")
    go_type, go_method = m.group(1), m.group(2)
    sig = go_method_signature(rec.go, go_type, go_method)
    aliases = project_type_aliases(project, rec.path)
    iterator = iterator_result(source, sig, aliases)  # __iter__ or a generator method: the values, run to the end
    if iterator is not None:
        source, sig = iterator
        t.collect = True
    # a result that is an instance: compared by its attributes
    spec, instance = spec_of(source, is_method=True, transparent=see_through_decorators(project, rec.path, source), collected=t.collect,
                             aliases=aliases)
    t.result.go_name = f"{go_type}.{sig.name}"
    fields: list[str] = []
    if instance:
        spec, sig, t.attrs, fields = instance_result(project, rec.path, source, spec, sig, own=unit.class_name)
    try:
        t.spec, t.plan, t.cases, t.ctor = traced_receiver(unit.class_name, go_type, cls_rec.go, spec, sig, traces.get(rec.id),
                                                          settings.cases, lambda name: structs.get((str(PurePosixPath(rec.path).parent), name)))
        if fields:
            t.plan = read_back(t.plan, fields, sig.results[:len(fields)])
        if t.collect:
            t.plan = collect(t.plan)
        t.traced = len(t.cases)
        t.notes.append(f"on {_count(len(t.cases), 'traced call')}: receivers rebuilt from the states of self gotui trace saw"
                       + ("; compared: the receiver's attributes after the call" if t.spec.after else ""))
    except Untestable as exc:
        traced_why = str(exc)
    else:
        if len(t.cases) > 1 or spec.params or spec.returns.kind == "none" or t.prop == "set":
            return
        # one traced receiver and no arguments: a single call, which cannot tell right from wrong; receivers
        # its constructor builds from generated arguments are tried instead (the traced one stays if they cannot be)
        traced = (t.spec, t.plan, t.cases, t.ctor, t.traced, list(t.notes), list(t.from_evidence))
        try:
            t.notes.clear()
            _ctor_receiver(project, t, settings, unit, cls_id, cls_rec, go_type, spec, sig, fields, "one traced receiver only", aliases)
        except Untestable:
            t.spec, t.plan, t.cases, t.ctor, t.traced, t.notes[:], t.from_evidence[:] = traced
        return
    _ctor_receiver(project, t, settings, unit, cls_id, cls_rec, go_type, spec, sig, fields, traced_why, aliases, traces.get(rec.id))


def _ctor_receiver(project: Any, t: _Target, settings: Settings, unit: Any, cls_id: str, cls_rec: Any, go_type: str,
                   spec: FunctionSpec, sig: GoSig, fields: list[str], traced_why: str, aliases: Mapping[str, ast.expr],
                   traces: Mapping[str, Any] | None = None) -> None:
    """The method called on receivers its class's constructor builds from generated arguments (Python
    `Class(*a).method(*b)`, Go `NewClass(a...).Method(b...)`), or on each member of an enum; raises
    Untestable saying why not. `aliases`: the module's, as the caller read them (an enum's mark among them)."""
    if spec.returns.kind == "none":
        raise Untestable(f"returns nothing: what it does is change its receiver, compared on traced receivers only, and {traced_why}")
    if t.prop == "set":
        raise Untestable(f"a property setter is compared on traced receivers only, and {traced_why}")
    if TODO_MARK in cls_rec.go:
        raise Untestable(f"needs a receiver: its class {unit.class_name} is partial, and {traced_why}")
    mark = aliases.get(unit.class_name)
    if mark is not None and is_enum_mark(mark):
        # the arguments of its traced calls first (a member of the enum among them, replayed as one)
        own = traced_cases(traces, spec) + generate_cases(spec, settings.cases, settings.seed) or [()]
        t.spec, t.plan, t.cases = enum_receiver(parse_annotation(mark), unit.class_name, go_type, spec, sig, own, settings.cases)
        t.ctor, t.exhaustive = 1, not spec.params
        t.notes.append(f"receivers: the members of {unit.class_name}")
        return
    init_src, init_id = inherited_init(project, cls_id)
    if init_src is None:
        raise Untestable(f"needs a receiver: {unit.class_name} has no __init__ to build one from, and {traced_why}")
    init_src, init_typed = with_evidence(init_src, {**evidence_types(project.unit_types(init_id)), "return": "None"})
    ctor_spec = function_spec(init_src, is_method=True)
    if any(p.keyword_only for p in ctor_spec.params):
        raise Untestable(f"{unit.class_name}.__init__ takes keyword-only arguments")
    ctor_sig = go_signature(cls_rec.go, f"New{go_type}")
    if ctor_sig.name != f"New{go_type}" or len(ctor_sig.results) != 1 or ctor_sig.results[0].text != f"*{go_type}":
        raise Untestable(f"needs a receiver: no constructor New{go_type}(...) *{go_type} in the class's Go")
    if len(ctor_sig.params) != len(ctor_spec.params):
        raise Untestable(f"New{go_type} takes {len(ctor_sig.params)} parameters, {unit.class_name}.__init__ {len(ctor_spec.params)}")
    for p, (_, gt) in zip(ctor_spec.params, ctor_sig.params):
        if not compatible(p.type, gt):
            raise Untestable(f"New{go_type}: Go type {gt.text} does not fit Python's {p.type} for {p.name}")
    plan = plan_call(spec, sig)
    ctor_fields = [(f"new{i}", gt) for i, (_, gt) in enumerate(ctor_sig.params)]
    t.plan = dataclasses.replace(plan, go_name=f"{go_type}_{sig.name}", fields=ctor_fields + plan.fields,
                                 ctor=f"New{go_type}", ctor_fields=len(ctor_fields), method=sig.name)
    if fields:
        t.plan = read_back(t.plan, fields, sig.results[:len(fields)])
    if t.collect:
        t.plan = collect(t.plan)
    ctor_params = [Param(f"__new_{p.name}", p.type) for p in ctor_spec.params]
    t.spec = MethodSpec(spec.name, ctor_params + spec.params, spec.returns, spec.node, spec.docstring, spec.mutates, spec.prints,
                        cls=unit.class_name, ctor=len(ctor_params))
    ctor_cases = generate_cases(ctor_spec, settings.cases, settings.seed) or [()]
    own = generate_cases(spec, settings.cases, settings.seed) or [()]
    t.cases = [ctor_cases[k % len(ctor_cases)] + own[k % len(own)] for k in range(max(len(ctor_cases), len(own)))][:settings.cases]
    t.ctor = len(ctor_params)
    t.from_evidence += [f"{unit.class_name}.__init__ {n}" for n in init_typed]
    t.notes.append(f"receiver built by {unit.class_name}(...); changes to it not compared")


def python_attr(qualname: str) -> str:
    """The attribute path the Python runner looks up for a unit: a private name in a class is mangled
    as Python stores it (`_WrapperBase.__none` -> `_WrapperBase._WrapperBase__none`)."""
    names = qualname.split(".")
    parts = list(names)
    for i in range(1, len(names)):
        name, owner = names[i], names[i - 1].lstrip("_")
        if name.startswith("__") and not name.endswith("__") and owner:
            parts[i] = f"_{owner}{name}"
    return ".".join(parts)


def _python_jobs(targets: list[_Target], bench: bool = False) -> dict[str, list[PyJob]]:
    jobs: dict[str, list[PyJob]] = {}
    for t in targets:
        assert t.spec is not None
        attr = python_attr(t.record.qualname.removesuffix(".setter") if t.prop == "set" else t.record.qualname)
        jobs.setdefault(t.record.path, []).append(PyJob(
            t.record.id, attr, [p.name for p in t.spec.params], t.cases,
            kwonly=[p.name for p in t.spec.params if p.keyword_only], bench=bench and t.ctor is None and t.exc_of is None, ctor=t.ctor,
            exc_of=t.exc_of, state=isinstance(t.spec, MethodSpec) and t.spec.from_state, prop=t.prop,
            after=isinstance(t.spec, MethodSpec) and t.spec.after, attrs=t.attrs, collect=t.collect,
            kept=list(t.spec.kept) if isinstance(t.spec, MethodSpec) else []))
    return jobs


def _outcomes(t: _Target, run: UnitRun | None) -> None:
    """Check the Python's answers against the return hint; sets t.untested or leaves usable outcomes."""
    assert t.spec is not None
    if run is None:
        t.untested = "the Python was not run"
        return
    t.outcomes = run.outcomes
    usable = {i: o for i, o in run.outcomes.items() if o.kind in ("ok", "raise")}
    if t.from_evidence:
        # types guessed from evidence, not declared: a generated input the real function rejects by its
        # type (TypeError, AttributeError) is outside what it is called with, so it proves nothing either
        # way; a traced call is a real one, and what it raised is the function's behaviour
        foreign = {i for i, o in usable.items() if o.kind == "raise" and o.exc in ("TypeError", "AttributeError") and i >= t.traced}
        for i in foreign:
            del usable[i]
            del t.outcomes[i]
        if foreign and not usable:
            t.untested = (f"the Python rejects every input the evidence suggests ({', '.join(t.from_evidence)} typed by "
                          f"evidence): trace real calls (gotui trace) or annotate it")
            return
        if foreign:
            t.notes.append(f"{len(foreign)} input{'s' if len(foreign) != 1 else ''} the Python rejects by type left out")
    for i, o in sorted(usable.items()):
        if o.kind == "ok":
            if not conforms(o.value, t.spec.returns):
                t.untested = (f"returns {type_name(o.value)} where the hint says {t.spec.returns} "
                              f"(input {t.spec.call_repr(t.cases[i])})")
                return
            o.value = normalise(o.value, t.spec.returns)
    stops = [o.reason for o in run.outcomes.values() if o.kind == "stop"]
    if run.abandoned and (not usable or run.abandoned.startswith(("side effects", "returns", "import"))):
        t.untested = run.abandoned
        return
    if not usable:
        t.untested = stops[0] if stops else "no inputs"
        return
    if run.abandoned or stops:
        skipped = len(t.cases) - len(usable)
        t.notes.append(f"{skipped} input{'s' if skipped != 1 else ''} skipped (Python: {run.abandoned or stops[0]})")
    if all(o.kind == "raise" for o in usable.values()):
        t.notes.append("the Python raised on every input")
    answers = {repr((o.kind, o.value, o.exc)) for o in usable.values()}
    if t.ctor is not None and len(answers) == 1 and not t.exhaustive and not constant_by_construction(t.record.source) \
            and not _changes_receivers(t, usable):
        # every receiver answers alike (an empty cart's subtotal is always 0): such a `pass` would not
        # tell a right method from a wrong one
        only = next(iter(usable.values()))
        if isinstance(t.spec, MethodSpec) and t.spec.from_state:
            t.untested = (f"every traced receiver gives the same answer ({only.describe()}), so these calls cannot tell "
                          "right from wrong: trace more varied calls (gotui trace) to check it")
        else:
            t.untested = (f"every receiver built by its constructor gives the same answer ({only.describe()}), so the inputs "
                          "cannot tell right from wrong: trace real calls (gotui trace) to check it on real receivers")


def _changes_receivers(t: _Target, usable: Mapping[int, CaseOutcome]) -> bool:
    """Whether a method that returns nothing, whose result is its receiver's state after the call, left
    some traced receiver otherwise than it found it (`clear()`: every cache ends empty, from caches that
    were not). One state after every call is then what it does, and a Go method that left a receiver as
    it was (or changed it otherwise) would not pass: a `pass` tells right from wrong."""
    if not (isinstance(t.spec, MethodSpec) and t.spec.after and t.ctor):
        return False
    return any(o.kind == "ok" and tuple(t.cases[i][:t.ctor]) != tuple(o.value) for i, o in usable.items())


def _package_of(text: str) -> str:
    m = _PACKAGE.search(text)
    return m.group(1) if m else "main"


def _test_files(targets: list[_Target], files: dict[str, str], go_timeout: float,
                go_file_of: Callable[[str], str]) -> dict[str, str]:
    by_file: dict[str, list[UnitTest]] = {}
    packages: dict[str, str] = {}
    for t in targets:
        if t.test is None:
            continue
        src = go_file_of(t.record.path)
        by_file.setdefault(src, []).append(t.test)
        packages[src] = _package_of(files.get(src, ""))
    out: dict[str, str] = {}
    for src, tests in sorted(by_file.items()):
        out[test_file_path(src)] = render_test_file(packages[src], tests)
        out.setdefault(support_path(src), support_source(packages[src], go_timeout))
    # a test may write a value of several types as a helper tuple (`Tuple2[int, string]{...}`) the
    # package itself never names: the folder's helper file then brings it too
    go_texts = [(str(PurePosixPath(path).parent), text) for path, text in {**files, **out}.items()
                if path.endswith(".go") and PurePosixPath(path).name != HELPER_FILE]
    for folder in {str(PurePosixPath(t).parent) for t in out}:
        texts = [text for where, text in go_texts if where == folder]
        helpers = helper_source(_package_of(next(iter(texts), "")), texts)
        if helpers is not None:
            out[str(PurePosixPath(folder) / HELPER_FILE)] = helpers
    return out


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def run_check(project: Any, unit_ids: list[str] | None = None, bench: bool = False, keep_tests: bool = False,
              jobs: int = 2) -> list[CheckResult]:
    """Check the units with Go (all, or `unit_ids`); store each status in the session; return the results.

    Raises NoGoToolchain (one clear message) when no Go toolchain is found.
    """
    toolchain = require_toolchain()
    settings = Settings.from_project(project)
    keep = keep_tests or settings.keep_tests
    session = project.session
    rows = session.units(with_go=True)
    records = [r for r in rows if r.state in CHECKABLE and r.go.strip()]
    structs = _struct_table(records)
    wanted = set(unit_ids) if unit_ids is not None else None
    # Go pulled from a review ref is neither built nor run until a person here accepts or names it (docs/security.md)
    held = [CheckResult(r.id, r.qualname, UNTESTED, f"pulled from {(r.origin or '').removeprefix('pulled:')}: accept it or "
                        f"check it explicitly (gotui check {r.id})", path=r.path)
            for r in records if r.needs_local_review and (wanted is None or r.id in wanted)]
    records = [r for r in records if not r.needs_local_review]
    targets = [_Target(r, CheckResult(r.id, r.qualname, UNTESTED, "", path=r.path)) for r in records
               if wanted is None or r.id in wanted]
    if not targets:
        session.set_checks([(h.id, h.status, h.detail) for h in held])
        return held
    traces = session.traces() if hasattr(session, "traces") else {}
    pending = pending_units(project, rows)
    assembler, go_file_of, go_root = branch_setup(project, toolchain, pending)
    stubbed = stubbed_callees([t.record for t in targets], pending, go_file_of)
    for t in targets:
        _prepare(project, t, settings, traces, structs)
        if t.untested is None and t.record.id in stubbed:
            # the callee's Go here is a stub that panics: a run would be a verdict on the stub, not on this unit
            t.untested = (f"calls {', '.join(stubbed[t.record.id])}, whose Go here is only a stub (not converted, rejected or "
                          f"stale): convert or accept it, then check again")
    runnable = [t for t in targets if t.untested is None]
    limits = Limits(timeout=settings.timeout, memory_mb=settings.memory_mb)
    if settings.python:
        limits.python = settings.python
    root = Path(project.root)
    workdir = Path(tempfile.mkdtemp(prefix="gotui-check-"))
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            # the Python runs while Go builds: neither waits for the other
            py_future = pool.submit(run_modules, root, _python_jobs(runnable), limits, jobs)
            built = build_units(toolchain, [GoUnit(r.id, r.path, r.line, r.go) for r in records], workdir, assembler, go_root)
            runs = py_future.result()
        for t in targets:
            errors = built.failed.get(t.record.id)
            if errors:
                t.result.status, t.result.build_errors = BUILD_FAILED, errors
                more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
                t.result.detail = errors[0].text() + more
        live = [t for t in runnable if t.result.status != BUILD_FAILED]
        broken = [t.record for t in targets if t.record.id in built.failed]
        for t in targets:
            if t.record.id not in built.failed:
                t.notes += stubbed_note(broken, t.record, go_file_of)
        by_id = {t.record.id: t for t in targets}
        for uid, note in partial_callees([t.record for t in targets], go_file_of).items():
            by_id[uid].notes.append(note)
        for t in live:
            _outcomes(t, runs.get(t.record.id))
            if t.untested is None:
                assert t.spec is not None and t.plan is not None
                t.test = unit_test(t.record.id, t.spec, t.plan, t.cases, t.outcomes)
                if not t.test.rows:
                    t.untested = "no input could be expressed in Go: " + next(iter(t.test.dropped.values()), "none")
                    t.test = None
        ctx = _Ctx(toolchain, workdir, go_root, go_file_of, built.files, settings)
        _differential(ctx, [t for t in live if t.test is not None])
        if bench:
            _bench(ctx, root, [t for t in live if t.result.status == PASS], limits, jobs)
        for t in targets:
            if t.result.status == BUILD_FAILED:
                continue
            if t.untested is not None:
                t.result.status, t.result.detail = UNTESTED, t.untested
            elif t.result.status == UNTESTED and not t.result.detail:
                t.result.detail = "not compared"
            # a method's test needs its class's constructor on the branch too: not kept (yet)
            if keep and t.result.status == PASS and t.spec is not None and t.plan is not None and t.ctor is None:
                clean = unit_test(t.record.id, t.spec, t.plan, t.cases, t.outcomes, mark=False)
                src = go_file_of(t.record.path)
                t.result.test_code, t.result.test_imports = clean.code, clean.imports
                t.result.test_path = test_file_path(src)
                t.result.package = _package_of(built.files.get(src, ""))
    finally:
        if not os.environ.get("GOTUI_KEEP_CHECK_DIR"):
            shutil.rmtree(workdir, ignore_errors=True)
    # every verdict of the run at once: a kill before this line leaves the previous verdicts whole
    session.set_checks([(t.record.id, t.result.status, t.result.detail) for t in targets] + [(h.id, h.status, h.detail) for h in held],
                       {t.record.id: t.record.go for t in targets})
    return [t.result for t in targets] + held


@dataclass
class _Ctx:
    toolchain: Any
    workdir: Path
    go_root: str  # folder of go.mod inside workdir ("" = workdir)
    go_file_of: Callable[[str], str]  # Python path -> Go file path
    files: dict[str, str]  # the built module
    settings: Settings

    @property
    def cwd(self) -> Path:
        return self.workdir / self.go_root if self.go_root else self.workdir

    def package_path(self, py_path: str) -> str:
        """The import path of the Go package a Python module's units land in (how `go test -json` names it)."""
        module = module_from_go_mod(self.files.get(f"{self.go_root}/go.mod" if self.go_root else "go.mod")) or ""
        folder = str(PurePosixPath(self.go_file_of(py_path)).parent)
        rel = folder[len(self.go_root):].strip("/") if self.go_root else ("" if folder == "." else folder)
        return f"{module}/{rel}" if rel else module

    def key(self, t: "_Target", bench: bool = False) -> TestKey:
        assert t.test is not None
        return (self.package_path(t.record.path), t.test.bench_name if bench else t.test.test_name)


def _differential(ctx: _Ctx, tests: list[_Target]) -> None:
    """ONE `go test` for every unit's table (again without units whose test would not compile or crashed)."""
    active = list(tests)
    for _ in range(4):
        if not active:
            return
        test_files = _test_files(active, ctx.files, ctx.settings.go_timeout, ctx.go_file_of)
        for path, text in list(test_files.items()):
            formatted = ctx.toolchain.gofmt_source(text)
            if formatted is not None:
                test_files[path] = formatted
        write_module(ctx.workdir, {**ctx.files, **test_files})
        run = _run_isolated(ctx, active)
        if run.build_errors:
            attribute_test_errors(run.build_errors, test_spans(test_files), ctx.go_root)
            blamed = {e.unit_id for e in run.build_errors if e.unit_id}
            if not blamed:  # a support file or something unexpected: nothing in those packages can run
                for t in active:
                    t.untested = f"the generated test does not compile: {run.build_errors[0].text()}"
                return
            for t in active:
                errs = [e for e in run.build_errors if e.unit_id == t.record.id]
                if errs:
                    t.untested = f"the generated test does not compile: {errs[0].message}"
            active = [t for t in active if t.untested is None]
            continue
        rerun: list[_Target] = []
        for t in active:  # a crash belongs to the function on top of the crashed stack, if it is known
            if t.test is not None and run.status.get(ctx.key(t)) == "crash":
                # only a function of the same package (test binary) can have crashed it
                same = {u.test.go_name: u for u in active if u.test is not None and ctx.key(u)[0] == ctx.key(t)[0]}
                culprit = same.get(crash_culprit(run, ctx.key(t), set(same)) or "")
                if culprit is not None and culprit is not t and culprit.test is not None:
                    run.status[ctx.key(t)] = "lost"  # run it again without the culprit
                    if run.status.get(ctx.key(culprit)) != "fail":  # a timed-out row already says which input
                        run.status[ctx.key(culprit)] = "crash"
                    run.output.setdefault(ctx.key(culprit), []).extend(run.output.get(ctx.key(t), []))
        for t in active:
            assert t.test is not None
            status = run.status.get(ctx.key(t))
            r = t.result
            r.cases = len(t.test.rows)
            notes = ("; " + "; ".join(t.notes)) if t.notes else ""
            if status == "pass":
                r.status, r.detail = PASS, f"{_count(r.cases, 'input')} agree with the Python{notes}"
            elif status == "fail" and run.failures.get(ctx.key(t)):
                fails = run.failures[ctx.key(t)]
                row, got, _want = fails[0]
                case = t.test.rows[row] if row < len(t.test.rows) else None
                assert t.spec is not None
                r.status = DIVERGED
                r.first_input = t.spec.call_repr(t.cases[case]) if case is not None else "?"
                outcome = _outcome_text(t, case)
                r.python_result, r.go_result = outcome, got
                more = f" (and {_count(len(fails) - 1, 'more input')} differ)" if len(fails) > 1 else ""
                r.detail = f"input {r.first_input}: Python {outcome}, Go {got}{more}{notes}"
            elif status == "crash":
                r.status = DIVERGED
                r.go_result = crash_reason(run, ctx.key(t))
                r.detail = f"Go crashed on one of the inputs: {r.go_result}"
            elif status == "fail":
                r.status = DIVERGED
                tail = [ln.strip() for ln in run.output.get(ctx.key(t), []) if ln.strip() and not ln.startswith(("===", "---"))]
                r.detail = "the Go test failed: " + (tail[0][:300] if tail else "no message")
            else:
                rerun.append(t)  # its package died before it ran
        if not rerun or len(rerun) == len(active):
            for t in rerun:
                t.untested = "the Go test did not run: " + _not_run_reason(run, ctx.key(t) if t.test else ("", ""))
            return
        active = rerun
    for t in active:  # still crashing after the last round
        t.untested = "the Go test did not run: the test binary kept crashing"


def _run_isolated(ctx: _Ctx, active: list[_Target]) -> TestRun:
    """Run the tables so that no unit sees package state another unit's Go changed.

    A package whose Go changes one of its package-level variables (a registry, a cache) runs each unit's
    test in a process of its own, package state as initialised, like the Python side's fresh import per
    unit; a package whose variables are only read runs all its tests in one process (nothing to leak)."""
    by_package: dict[str, list[str]] = {}
    for path, text in ctx.files.items():
        if path.endswith(".go") and not path.endswith("_test.go"):
            by_package.setdefault(str(PurePosixPath(path).parent), []).append(text)
    stateful = {ctx.package_path(path) for path in {t.record.path for t in active}
                if mutates_package_state("\n".join(by_package.get(str(PurePosixPath(ctx.go_file_of(path)).parent), [])))}
    shared = [t for t in active if t.test is not None and ctx.key(t)[0] not in stateful]
    alone = [t for t in active if t.test is not None and ctx.key(t)[0] in stateful]
    run = run_go_tests(ctx.toolchain, ctx.cwd, [t.test.test_name for t in shared]) if shared else TestRun()
    for t in alone:
        assert t.test is not None
        folder = str(PurePosixPath(ctx.go_file_of(t.record.path)).parent)
        rel = folder[len(ctx.go_root):].strip("/") if ctx.go_root else ("" if folder == "." else folder)
        one = run_go_tests(ctx.toolchain, ctx.cwd, [t.test.test_name], packages=f"./{rel}" if rel else ".")
        run.merge(one)
        if one.build_errors:
            break  # the tests do not compile: the caller blames the units and runs again
    return run


def _not_run_reason(run: TestRun, test: TestKey) -> str:
    """A readable line for a test that never reported: its own output or the package's, never a raw
    `go test -json` event (those are machine records, not reasons)."""
    loading = init_panic(run, test[0])
    if loading is not None:
        return f"the package panicked while it loaded, before any test ran: {loading}"
    lines = run.output.get(test, []) + [ln for ln in run.raw.splitlines()]
    for ln in lines:
        ln = ln.strip()
        if ln and not ln.startswith(("{", "===", "---", "FAIL", "ok ", "PASS")):
            return ln[:200]
    return "the test binary exited before this unit's test ran"


def _outcome_text(t: _Target, case: int | None) -> str:
    outcome = t.outcomes.get(case) if case is not None else None
    return outcome.describe() if outcome is not None else "?"


def _bench(ctx: _Ctx, root: Path, passing: list[_Target], limits: Limits, jobs: int) -> None:
    """Time Python and Go on the same inputs: a timeit loop in the sandbox against a Go benchmark."""
    jobs_by_module: dict[str, list[PyJob]] = {}
    benched: list[_Target] = []
    for t in passing:
        assert t.spec is not None and t.test is not None
        ok = [t.cases[i] for i in t.test.rows if t.outcomes.get(i) is not None and t.outcomes[i].kind == "ok"]
        if not ok or t.spec.mutates or t.ctor is not None:  # a table changed in place would time other inputs; a method needs its receiver
            continue
        benched.append(t)
        jobs_by_module.setdefault(t.record.path, []).append(PyJob(
            t.record.id, python_attr(t.record.qualname), [p.name for p in t.spec.params], ok,
            kwonly=[p.name for p in t.spec.params if p.keyword_only], bench=True, collect=t.collect))
    if not benched:
        return
    runs = run_modules(root, jobs_by_module, limits, jobs)
    # the differential's last round may have written only the units it ran again: write every benched test
    write_module(ctx.workdir, {**ctx.files, **_test_files(benched, ctx.files, ctx.settings.go_timeout, ctx.go_file_of)})
    go_ns = run_go_benchmarks(ctx.toolchain, ctx.cwd, [t.test.bench_name for t in benched if t.test is not None])
    for t in benched:
        assert t.test is not None
        py = runs.get(t.record.id)
        g = go_ns.get(ctx.key(t, bench=True))
        t.result.python_ns = py.bench_ns if py is not None else None
        t.result.go_ns = g
        if t.result.python_ns and g:
            t.result.bench_ratio = t.result.python_ns / g
            t.result.detail += f"; Go {t.result.bench_ratio:.1f}x the speed of the Python"


def evidence_files(results: list[CheckResult]) -> dict[str, str]:
    """Test files for the passing units of a `keep_tests` run, to commit beside the accepted Go."""
    by_file: dict[str, list[CheckResult]] = {}
    for r in results:
        if r.status == PASS and r.test_code and r.test_path:
            by_file.setdefault(r.test_path, []).append(r)
    out: dict[str, str] = {}
    for path, rs in sorted(by_file.items()):
        package = rs[0].package or "main"
        tests = [UnitTest(r.id, r.go_name or "", r.test_code or "", [], set(r.test_imports)) for r in rs]
        out[path] = render_test_file(package, tests)
        folder = PurePosixPath(path).parent
        out.setdefault(support_path(str(folder / "x.go")), support_source(package))
    toolchain = find_toolchain()
    if toolchain is not None:
        for path, text in out.items():
            formatted = toolchain.gofmt_source(text)
            out[path] = formatted if formatted is not None else text
    return out
