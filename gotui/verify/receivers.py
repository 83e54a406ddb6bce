"""Receivers for checking methods: from the states of `self` that `gotui trace` saw, or (check.py)
from the class's constructor with generated arguments.

A traced receiver is the real object a method ran on: its attributes at call time. The Python
side rebuilds it without running `__init__` (`object.__new__` then each attribute set, slots
included); the Go side writes it as a struct literal, each attribute in the field the translator
made of it (`field_of(attr)`: go_func_name of the name as written, `self.__data` for `_Cache__data`). That needs the class's Go struct (its constructor may be partial)
and every attribute of the state to be a field of it and back: otherwise the two receivers would
not be the same object, and the method is not compared this way.
"""

from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Mapping

from gotui.golang.names import NIL_DEFAULT, cache_field_name, go_func_name, go_type_name
from gotui.verify._sandbox_child import Member, Obj
from gotui.verify.difftest import CallPlan, GoSig, GoType, go_signature, plan_call, struct_literal
from gotui.verify.inputs import FunctionSpec, Param, PyType, Untestable
from gotui.verify.replay import untraced
from gotui.verify.sources import unit_def

STATE = PyType("state")  # a receiver attribute: typed by its Go field, not by a Python hint


@dataclass
class MethodSpec(FunctionSpec):
    """A method's spec for the checker: what builds the receiver first (the constructor's parameters,
    `Class(...)`, or the traced attributes, `Class<a=1>`), then the method's parameters."""

    cls: str = ""
    ctor: int = 0
    from_state: bool = False  # the first `ctor` values are the receiver's attributes, not __init__'s arguments
    after: bool = False  # it returns nothing: its result is the receiver's attributes after the call
    kept: tuple[str, ...] = ()  # receiver attributes that are @cached_property values, None where not read yet

    def call_repr(self, args: tuple) -> str:
        if self.from_state:
            head = ", ".join(f"{p.name}={v!r}" for p, v in zip(self.params[:self.ctor], args[:self.ctor]))
            receiver = f"{self.cls}<{head}>"
        else:
            receiver = f"{self.cls}({', '.join(repr(v) for v in args[:self.ctor])})"
        rest = ", ".join(f"{p.name}={v!r}" if p.keyword_only else repr(v) for p, v in zip(self.params[self.ctor:], args[self.ctor:]))
        return f"{receiver}.{self.name}({rest})"


_FIELD = re.compile(r"^\s*(\w+)\s+(\S.*?)\s*(?://(.*))?$")
_MANGLED = re.compile(r"^_([A-Za-z]\w*?)__(\w*[^_\W]\w*?)$")  # `self.__data` in class Cache is `_Cache__data`


def field_of(attr: str) -> str:
    """The Go field the translator made of a traced attribute: the name as the source spells it
    (`_Cache__data` was written `self.__data`), in go_func_name's form."""
    m = _MANGLED.match(attr)
    return go_func_name(f"__{m.group(2)}" if m and not attr.endswith("__") else attr)


def cache_field(attr: str) -> str:
    """The Go field that keeps a @cached_property's value once read (gotui/llm/rules/cached.py): in
    Python the value lands in the instance under the property's own name."""
    return cache_field_name(field_of(attr))


def is_cache_field(name: str) -> bool:
    return re.fullmatch(r"cached[A-Z]\w*", name) is not None


_EMBEDDED = re.compile(r"^\s*(\w+)\s*(?://.*)?$")
STRUCT_DECL = re.compile(r"^type (\w+) struct\b", re.M)  # a struct a unit's Go declares


def struct_fields(go: str, go_type: str, structs: Callable[[str], str | None] | None = None) -> list[tuple[str, GoType]]:
    """The named fields of `type go_type struct {...}` in `go`, with their types; raises Untestable.
    A @cached_property's field (is_cache_field) is among them: Go's memo of a value Python keeps in the
    instance only once read, so callers do not ask the Python object for it. An embedded base struct
    (`Cache` in `type LRUCache struct`, a subclass) gives its fields as paths (`Cache.data_`), read from
    its Go that `structs` finds by name; without `structs`, or not found, it is Untestable."""
    return [(path, t) for path, t, _ in _struct_fields(go, go_type, structs, 0)]


def _struct_fields(go: str, go_type: str, structs: Callable[[str], str | None] | None, depth: int) -> list[tuple[str, GoType, str]]:
    """(path, type, trailing comment) of each named field (struct_fields). The comment NIL_DEFAULT marks a
    field whose Python attribute is a class-level None until an instance sets its own."""
    if re.search(rf"type\s+{go_type}\s+struct\s*\{{\}}", go):
        return []  # `type Immutable struct{}`: a class without attributes
    m = re.search(rf"type\s+{go_type}\s+struct\s*\{{(.*?)\n\}}", go, re.S)
    if m is None:
        raise Untestable(f"no struct {go_type} in the class's Go")
    fields = []
    for line in m.group(1).splitlines():
        if not line.strip() or line.strip().startswith("//"):
            continue
        f = _FIELD.match(line)
        embedded = _EMBEDDED.match(line) if f is None or f.group(2).startswith("//") else None
        if embedded is not None and structs is not None and depth < 8:
            base = embedded.group(1)
            base_go = structs(base)
            if base_go is None:
                raise Untestable(f"struct {go_type} embeds {base}, whose Go struct is not in the package")
            fields += [(f"{base}.{name}", gt, note) for name, gt, note in _struct_fields(base_go, base, structs, depth + 1)]
            continue
        if f is None:
            raise Untestable(f"struct {go_type} has an embedded or unusual field: {line.strip()}")
        gt = go_signature(f"func gotuiField(x {f.group(2)}) {{}}", "gotuiField").params[0][1]
        fields.append((f.group(1), gt, (f.group(3) or "").strip()))
    return fields


def traced_receiver(cls: str, go_type: str, cls_go: str, spec: FunctionSpec, sig: GoSig, trace: Mapping[str, Any] | None,
                    limit: int, structs: Callable[[str], str | None] | None = None) -> tuple[MethodSpec, CallPlan, list[tuple], int]:
    """(spec, plan, cases, how many leading values are the receiver's attributes) for a method checked on
    the receivers its traced calls ran on; raises Untestable when there are none that can be rebuilt.
    `structs` finds an embedded base's Go struct by name (a subclass's receiver holds its base's fields)."""
    samples = [s for s in (trace or {}).get("samples", []) if isinstance(s, dict) and isinstance(s.get("self"), dict)]
    if not samples:
        raise Untestable("no traced receivers")
    described = _struct_fields(cls_go, go_type, structs, 0)
    by_field = {path: t for path, t, _ in described}
    nil_first = {path for path, _, note in described if note == NIL_DEFAULT}  # absent from a traced `self`: the class's None, Go's nil
    short = _promoted(by_field)

    def go_field(attr: str) -> str:
        """The field a traced attribute sets: its own, or the kept value of a @cached_property read before
        (a base's field by its path)."""
        own = field_of(attr) if field_of(attr) in short or cache_field(attr) not in short else cache_field(attr)
        return short.get(own, own)

    # a @cached_property read before the call is in the traced state, else not: the same receiver
    # type either way, with the kept value in Go's field where Python has one, nil where not
    kept = sorted({a for s in samples for a in s["self"].get("attrs", {}) if field_of(a) not in short and cache_field(a) in short})
    attrs: list[str] | None = None
    cases: list[tuple] = []
    seen: set[str] = set()
    why = "no traced receiver could be rebuilt"
    for sample in samples:
        state = {a: v for a, v in sample["self"].get("attrs", {}).items() if a not in kept}
        if attrs is None:
            attrs = sorted(state)
            lost = [a for a in attrs if go_field(a) not in by_field]
            # a @cached_property not read yet is nil in Go, absent in Python: the same state
            extra = sorted(f for f in set(by_field) - {go_field(a) for a in attrs} - nil_first if not is_cache_field(f.rsplit(".", 1)[-1]))
            if lost or extra:
                raise Untestable(f"traced receivers hold {', '.join(lost)} that the Go struct {go_type} has no field for"
                                 if lost else f"the Go struct {go_type} has fields the traced receivers do not ({', '.join(extra)})")
        if sorted(state) != attrs:
            continue  # another shape of object (an attribute set later): not the same receiver type
        held = sample["self"].get("attrs", {})
        try:
            values = (tuple(untraced(state[a]) for a in attrs) + tuple(untraced(held[a]) if a in held else None for a in kept)
                      + tuple(untraced(sample.get("args", {})[p.name]) for p in spec.params))
        except Exception as exc:  # noqa: BLE001 - kept by type only, or an argument missing: not replayable
            why = f"traced receivers cannot be rebuilt: {exc or type(exc).__name__}"
            continue
        if repr(values) not in seen:
            seen.add(repr(values))
            cases.append(values)
        if len(cases) >= limit:
            break
    if not cases or attrs is None:
        raise Untestable(why)
    if structs is not None:
        bind_objects(cases, structs)  # a traced object among the arguments (`other`): its Go struct
    attrs = attrs + kept
    state_fields = [(_case_field(go_field(a)), by_field[go_field(a)]) for a in attrs]
    literal = "&" + struct_literal(go_type, {go_field(a): f"c.{_case_field(go_field(a))}" for a in attrs})
    returns = spec.returns
    if spec.returns.kind == "none":
        # what a method that returns nothing does is change its receiver: the receiver's attributes
        # after the call are its result, on both sides (Python reads them back, Go its fields)
        returns = PyType("tuple", tuple(STATE for _ in attrs))
        if kept:
            raise Untestable("returns nothing, and its traced receivers hold the kept value of a @cached_property, which Python reads back as itself and Go as a pointer")
        plan = plan_call(replace(spec, returns=returns), after_sig(sig, by_field, [go_field(a) for a in attrs]))
        args = ", ".join(f"c.{f}" for f, _ in plan.fields)
        results = ", ".join(f"r.{go_field(a)}" for a in attrs)
        types = ", ".join(by_field[go_field(a)].text for a in attrs) + (", error" if plan.has_err else "")
        body = (f"err := r.{sig.name}({args}); return {results}, err" if plan.has_err
                else f"r.{sig.name}({args}); return {results}")
        expr = f"func() ({types}) {{ r := {literal}; {body} }}()"
    else:
        plan = plan_call(spec, sig)
        args = ", ".join(f"c.{f}" for f, _ in plan.fields)
        expr = f"({literal}).{sig.name}({args})"
    plan = replace(plan, go_name=f"{go_type}_{sig.name}", fields=state_fields + plan.fields, ctor_fields=len(state_fields),
                   method=sig.name, expr=expr)
    method_spec = MethodSpec(spec.name, [Param(a, STATE) for a in attrs] + spec.params, returns, spec.node, spec.docstring,
                             spec.mutates, spec.prints, cls=cls, ctor=len(attrs), from_state=True, kept=tuple(kept),
                             after=spec.returns.kind == "none")
    return method_spec, plan, cases, len(attrs)


def _promoted(paths: Iterable[str]) -> dict[str, str]:
    """Each field's path by its own name (`data_` is `Cache.data_`, an embedded base's): the struct's own
    field first, as Go promotes."""
    short: dict[str, str] = {}
    for path in sorted(paths, key=lambda f: f.count(".")):
        short.setdefault(path.rsplit(".", 1)[-1], path)
    return short


def bind_objects(cases: list[tuple], structs: Callable[[str], str | None]) -> None:
    """Give each traced object among the cases' arguments (an Obj) what Go writes it with: its struct's
    type and, for each attribute, the field and its Go type (`go_literal` writes `&T{field: value}`).
    An object whose attributes and the struct's fields differ is left unbound: Go cannot write it, and
    its case is left out (NotExpressible)."""
    for case in cases:
        for v in case:
            if isinstance(v, Obj) and v.go is None:
                go_type = go_type_name(v.cls)
                go = structs(go_type)
                if go is None:
                    continue
                try:
                    described = _struct_fields(go, go_type, structs, 0)
                except Untestable:
                    continue
                by_field = {path: t for path, t, _ in described}
                short = _promoted(by_field)
                chosen = {a: short.get(field_of(a)) for a, _ in v.attrs}
                optional = {path for path, _, note in described if note == NIL_DEFAULT or is_cache_field(path.rsplit(".", 1)[-1])}
                if None in chosen.values() or set(by_field) - set(chosen.values()) - optional:
                    continue
                v.go = (go_type, [(chosen[a], by_field[chosen[a]], a) for a, _ in v.attrs])  # type: ignore[index]


def enum_receiver(enum: PyType, cls: str, go_type: str, spec: FunctionSpec, sig: GoSig, own: list[tuple],
                  limit: int) -> tuple[MethodSpec, CallPlan, list[tuple]]:
    """A method of an enum called on each member: Python `Unit(Unit.SECONDS).method(*b)`, which is the
    member itself, Go `UnitSeconds.Method(b...)`, the member's package variable (difftest.go_literal)."""
    plan = plan_call(spec, sig)
    recv = GoType("ptr", f"*{go_type}", elem=GoType("other", go_type))
    args = ", ".join(f"c.{f}" for f, _ in plan.fields)
    plan = replace(plan, go_name=f"{go_type}_{sig.name}", fields=[("new0", recv)] + plan.fields, ctor_fields=1, method=sig.name,
                   expr=f"c.new0.{sig.name}({args})")
    method_spec = MethodSpec(spec.name, [Param("__new_self", enum)] + spec.params, spec.returns, spec.node, spec.docstring,
                             spec.mutates, spec.prints, cls=cls, ctor=1)
    members = [Member(enum.name, m) for m in enum.members]
    cases = [(members[k % len(members)],) + own[k % len(own)] for k in range(max(len(members), len(own)))][:limit]
    return method_spec, plan, cases


def after_sig(sig: GoSig, by_field: Mapping[str, GoType], paths: list[str]) -> GoSig:
    """The method's signature as the check calls it when it returns nothing: its receiver's fields
    after the call (the traced attributes' fields, in their order), then its error if it has one."""
    if any(r.kind != "error" for r in sig.results):
        raise Untestable(f"the Go method {sig.name} returns a value where the Python returns nothing")
    return replace(sig, results=[by_field[p] for p in paths] + list(sig.results))


def _case_field(path: str) -> str:
    """The test case's field for a receiver field (`Cache.data_` -> `selfCache_data_`)."""
    return "self" + path.replace(".", "_")


def constant_by_construction(source: str) -> bool:
    """Whether a function's answer cannot depend on its receiver, its arguments or any state: its body
    reads no name but builtins (`raise AttributeError("attribute 'major' is readonly")`). Then one
    answer on every receiver is its whole behaviour, and a `pass` does tell right from wrong."""
    fn = unit_def(source)  # an async def is untestable before this is asked (inputs.function_spec)
    if fn is None:
        return False
    for node in (n for stmt in fn.body for n in ast.walk(stmt)):
        if isinstance(node, (ast.Global, ast.Nonlocal, ast.Attribute, ast.Await, ast.Yield, ast.YieldFrom)):
            return False
        if isinstance(node, ast.Name) and (not isinstance(node.ctx, ast.Load) or not _pure_builtin(node.id)):
            return False
    return True


# builtins whose answer depends only on their arguments (not open, input, id, hash, object, ...)
_PURE_BUILTINS = frozenset({"abs", "bool", "bytes", "dict", "divmod", "float", "frozenset", "int", "len", "list", "max", "min",
                            "pow", "repr", "round", "set", "sorted", "str", "sum", "tuple", "None", "True", "False"})


def _pure_builtin(name: str) -> bool:
    value = getattr(builtins, name, None)
    return name in _PURE_BUILTINS or (isinstance(value, type) and issubclass(value, BaseException))
