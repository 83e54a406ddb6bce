"""Python's dynamic dispatch for inherited methods, in Go: a base method's body run with the subclass as self.

In Python, `self.weight()` inside `Base.total` runs the `weight` of the object's own class, a subclass's
override included. A Go method promoted from an embedded struct has that struct as its receiver, so the
same call would run `Base.Weight`. Where the package has such a method, its body becomes a function that
takes two receivers (`virtualBaseTotal(b *Base, self baseDispatch)`): the embedded struct, for the fields
(Python's attributes of the base live there), and the object itself, an interface holding the methods the
body calls on self that a subclass overrides. `Base.Total` calls it with itself twice; each subclass that
overrides one of those methods gets its own `Total`, which calls it with its embedded `Base` and itself:

    func (c *Child) Total() int { return virtualBaseTotal(&c.Base, c) }

so `self.weight()` is `self.Weight()` on the Child, as in Python. No state is kept for it: a struct
built by a literal (a test's, the check's) dispatches the same way as one from its constructor.

Kept to what stays exact (else the use is refused as before, inherit.dispatch_hazard):
* the method calls the overridden methods on `self` by name (or by operator, `self[k]`, `k in self`);
  handing `self` to other code, which could call anything on it, is not followed;
* every override of a method the body calls has the same Go signature as the base's (an interface
  needs one);
* a method the body calls that the base does not define (cachetools' `Cache.__setitem__` calls
  `self.popitem()`, which `Cache` has from collections.abc.MutableMapping, no Go code) is one every
  subclass that defines it defines with one Go signature: the interface holds it, a subclass's own is
  what its calls reach, and the base's struct has a stub that panics (`abstract`): the base's own
  method is partial there, a subclass that defines it is exact, one that does not is refused as before;
* `__init__` is not among them: Go builds the embedded base as a value of its own (classes._embed_base).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any, Callable

from gotui.golang.literals import go_string
from gotui.golang.names import exported, receiver_name
from gotui.llm.rules.inherit import ABC_MEMBERS, ancestors, base_method_call, dispatch_hazard, enum_members, method_of, raw_hazard, self_uses, split_bases
from gotui.llm.rules.package import ClassInfo, FuncInfo, PackageInfo, Signature
from gotui.llm.rules.signatures import signature_of
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import go_type


@dataclass
class Plan:
    """What dispatch needs for the methods `owner` defines: the ones whose body runs with a subclass as
    self (`bodies`, Python names), and the methods those bodies call through self (`calls`, Python name
    -> the base's signature)."""

    owner: ClassInfo
    bodies: set[str]
    calls: dict[str, FuncInfo]
    # the called methods the owner does not define (calls holds a subclass's, for the signature)
    abstract: frozenset[str] = frozenset()


def descendants(pkg: PackageInfo, cls: ClassInfo) -> list[ClassInfo]:
    """The package's classes that derive from `cls` (the table is made once per package)."""
    table = pkg.cache.get("dispatch:descendants")
    if table is None:
        built: dict[int, list[ClassInfo]] = {}
        for c in pkg.all_classes():
            try:
                up = ancestors(c)
            except Unsupported:
                continue
            for a in up:
                built.setdefault(id(a), []).append(c)
        pkg.cache["dispatch:descendants"] = table = built
    return table.get(id(cls), [])  # type: ignore[union-attr]


def _overridden(subs: list[ClassInfo], name: str) -> bool:
    return any(name in c.methods for c in subs)


def plan_of(pkg: PackageInfo, owner: ClassInfo) -> Plan | None:
    """The dispatch plan for `owner`'s methods (cached), or None when it has nothing to dispatch or
    cannot be made exact."""
    # asked while making it (a signature that needs a lookup): not yet available
    return _memo(pkg, f"dispatch:{owner.key}", None, lambda: _make_plan(pkg, owner))


def _memo(pkg: PackageInfo, key: str, busy: object, make: Callable[[], Any]) -> Any:
    """`make()`, kept in the package's cache under `key`; `busy` when asked again while it is being made."""
    if key in pkg.cache:
        return pkg.cache[key]
    if key in pkg.in_progress:
        return busy
    pkg.in_progress.add(key)
    try:
        value = make()
    finally:
        pkg.in_progress.discard(key)
    pkg.cache[key] = value
    return value


def _make_plan(pkg: PackageInfo, owner: ClassInfo) -> Plan | None:
    subs = descendants(pkg, owner)
    if not subs:
        return None
    bodies: set[str] = set()
    for name, m in owner.methods.items():
        if name == "__init__" or m.kind not in ("method", "property") or m.cached or isinstance(m.node, ast.AsyncFunctionDef):
            continue
        # the subclasses that run this body: by inheriting it, or by calling it (`Cache.__setitem__(self, ...)`)
        kinds = [found[0] for d in subs if method_of(d, name) is m or _calls_base(d, m) for found in [raw_hazard(d, m)] if found is not None]
        # (one with no Go signature is a stub, and a forwarder would have none to take)
        if "calls" in kinds and "hands" not in kinds and _shared(pkg, m, []):
            bodies.add(name)
    # the methods the bodies call through self: dispatched when a body here, one of a base's plan (each
    # subclass has its own forwarder for it) or overridden below; one with no Go signature leaves the
    # bodies that call it out, until what is left holds together (a subclass whose override has another
    # signature does not fit the interface: fits() leaves it out alone)
    unfit: set[str] = set()
    while True:
        calls: dict[str, FuncInfo] = {}
        abstract: set[str] = set()
        for name in sorted(bodies):
            for used in sorted(self_uses(owner.methods[name]) - {"*"}):
                base_def = method_of(owner, used)
                if base_def is None and used not in calls:
                    own = _abstract_def(pkg, owner, subs, used)
                    if own is not None:
                        calls[used] = own
                        abstract.add(used)
                    continue
                if base_def is None or base_def.kind not in ("method", "property") or used in calls:
                    continue
                inherited = base_def.cls is not None and base_def.cls is not owner and virtual(pkg, owner, base_def)
                if used in bodies or inherited or _overridden(subs, used):
                    calls[used] = base_def
        unfit |= {used for used, base_def in calls.items() if not _shared(pkg, base_def, [])}
        left = {name for name in bodies if not (self_uses(owner.methods[name]) & unfit)}
        if left == bodies:
            break
        bodies = left
    if not bodies:
        return None
    return Plan(owner, bodies, calls, frozenset(abstract))


def _calls_base(cls: ClassInfo, m: FuncInfo) -> bool:
    """Whether a method of `cls` calls the base's `m` on its self (`super().m(...)`, `Base.m(self, ...)`)."""
    for own in cls.methods.values():
        args = own.node.args.args
        if own.kind not in ("method", "property") or not args:
            continue
        for n in ast.walk(own.node):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == m.name:
                try:
                    found = base_method_call(cls, n, args[0].arg)
                except Unsupported:
                    continue
                if found is not None and method_of(found[0], m.name) is m:
                    return True
    return False


def _abstract_def(pkg: PackageInfo, owner: ClassInfo, subs: list[ClassInfo], name: str) -> FuncInfo | None:
    """A subclass's definition of `name`, a method the owner's bodies call on self that the owner and
    its package bases do not define, when every subclass's definition is a plain method of one Go
    signature (else None: the body that calls it stays refused, lookup's reason)."""
    if name.startswith("__") and name.endswith("__"):
        return None  # a special method may be the object's own (`__class__`, `__dict__`) or an operator's
    defs = [d.methods[name] for d in subs if name in d.methods]
    if not defs or any(d.kind != "method" or d.cached for d in defs):
        return None
    # one that has no Go signature leaves its class out (fits()), not the others
    typed = [d for d in defs if _shared(pkg, d, [])]
    return typed[0] if typed and _shared(pkg, typed[0], typed[1:]) else None


def abstract_call(pkg: PackageInfo, f: FuncInfo | None, name: str) -> FuncInfo | None:
    """The definition a call `self.name(...)` in `f`'s body stands for when `name` is one of its plan's
    abstract methods (the interface's signature; the call goes through self, body_text), else None."""
    if f is None or f.cls is None:
        return None
    if f"dispatch:{f.cls.key}" in pkg.in_progress:
        # asked while the plan is made (the body's result type is inferred): the subclasses' signature; the
        # body's own translation asks again once the plan is known
        if method_of(f.cls, name) is not None:
            return None
        return _abstract_def(pkg, f.cls, descendants(pkg, f.cls), name)
    plan = plan_of(pkg, f.cls)
    if plan is None or f.name not in plan.bodies or name not in plan.abstract:
        return None
    return plan.calls[name]


def _shared(pkg: PackageInfo, base_def: FuncInfo, overrides: list[FuncInfo]) -> bool:
    """Whether a method and its overrides have one Go signature (parameter and result types: an
    interface method's), so each struct satisfies the interface."""
    try:
        want = _go_types(pkg, base_def)
        return all(_go_types(pkg, o) == want for o in overrides)
    except Unsupported:
        return False


def _go_types(pkg: PackageInfo, f: FuncInfo) -> tuple[tuple[str, ...], str]:
    sig = signature_of(pkg, f)
    return tuple(("..." if p.variadic else "") + go_type(p.t) for p in sig.params), sig.results_go()


def virtual(pkg: PackageInfo, cls: ClassInfo, f: FuncInfo) -> bool:
    """Whether the inherited `f` runs with `cls`'s struct as self (a forwarder on cls, forwarders())."""
    if f.cls is None:
        return False
    plan = plan_of(pkg, f.cls)
    return plan is not None and f.name in plan.bodies and fits(pkg, cls, plan)


def fits(pkg: PackageInfo, cls: ClassInfo, plan: Plan) -> bool:
    """Whether the plan's bodies run on a `cls` as Python's methods would: what `cls` runs for each
    method the bodies call through self has the base's Go signature (the interface's), and is right on
    a `cls` itself (its own, or inherited with no dispatch hazard, or forwarded); and each method the
    bodies call directly (not through self) has no dispatch hazard on a `cls`. Else no body of the
    plan runs with a `cls` as self: their uses on a `cls` stay refused (inherit.dispatch_hazard)."""
    # asked while deciding it: not yet known to fit
    return bool(_memo(pkg, f"dispatch-fits:{plan.owner.key}:{cls.key}", False, lambda: _fits(pkg, cls, plan)))


def _fits(pkg: PackageInfo, cls: ClassInfo, plan: Plan) -> bool:
    if cls.is_exception or enum_members(cls) is not None:
        return False  # their Go (classes._exception, _enum) has no forwarders
    for used, base_def in plan.calls.items():
        own = method_of(cls, used)
        if own is None or not _shared(pkg, base_def, [own]):
            return False
        if own.cls is plan.owner and used in plan.bodies:
            continue  # forwarded on a `cls` exactly when this plan fits it: what is being decided
        if own.cls is not cls and raw_hazard(cls, own) is not None and dispatch_hazard(cls, own) is not None:
            return False
    for name in plan.bodies:
        for used in self_uses(plan.owner.methods[name]) - {"*"} - set(plan.calls):
            direct = method_of(plan.owner, used)
            if direct is not None and direct.kind in ("method", "property") and raw_hazard(cls, direct) is not None:
                return False
    return True


def forwarders(pkg: PackageInfo, cls: ClassInfo) -> list[FuncInfo]:
    """The inherited methods `cls` gets a Go method of its own for: their bodies call what it overrides."""
    out = []
    seen = set(cls.methods)
    try:
        chain = ancestors(cls)
    except Unsupported:
        return []
    for base in chain:
        for name, m in base.methods.items():
            if name in seen:
                continue
            seen.add(name)
            found = raw_hazard(cls, m)
            if found is not None and found[0] == "calls" and virtual(pkg, cls, m):
                out.append(m)
    return out


def interface_name(owner: ClassInfo) -> str:
    return owner.go_name[:1].lower() + owner.go_name[1:] + "Dispatch"


def body_name(f: FuncInfo) -> str:
    assert f.cls is not None
    return "virtual" + exported(f.cls.go_name) + exported(f.go_name)


def interface_text(pkg: PackageInfo, owner: ClassInfo) -> str:
    """The interface type of the methods `owner`'s bodies call through self ("" when it has none)."""
    plan = plan_of(pkg, owner)
    if plan is None or not plan.calls:
        return ""
    lines = [f"// {interface_name(owner)} is what {owner.name}'s methods call on self that a subclass may override: a",
             f"// struct that embeds {owner.go_name} passes itself, so the call reaches its own method, as Python's does.",
             f"type {interface_name(owner)} interface {{"]
    # a base's too: a body here that runs the base's (`Base.m(self)`) hands it this self
    lines += [f"\t{interface_name(a)}" for a in ancestors(owner) if (p := plan_of(pkg, a)) is not None and p.calls]
    for name in sorted(plan.calls, key=lambda n: plan.calls[n].go_name):
        f = plan.calls[name]
        sig = signature_of(pkg, f)
        lines.append(f"\t{f.go_name}({sig.params_go()}){sig.results_go()}")
    return "\n".join(lines + ["}"]) + "\n" + "".join(_abstract_stub(pkg, owner, plan.calls[n]) for n in sorted(plan.abstract))


def abstract_why(owner: ClassInfo, name: str) -> str:
    """Why a call of the abstract `name` on an `owner` itself stays Python."""
    abcs = [abc for c in [owner, *ancestors(owner)] for abc in split_bases(c)[1] if name in ABC_MEMBERS[abc]]
    where = (f"it would come from collections.abc.{abcs[0]}, which gives the Go type nothing" if abcs
             else "Python would raise AttributeError")
    return f"{owner.name} does not define `{name}` ({where}): on a {owner.name} itself the call panics; a subclass's reaches its own"


def _abstract_stub(pkg: PackageInfo, owner: ClassInfo, f: FuncInfo) -> str:
    """The owner's method for an abstract one, so its struct holds the interface: it panics."""
    sig = signature_of(pkg, f)
    recv = receiver_name(owner.name)
    why = abstract_why(owner, f.name)
    return (f"\n// TODO(gotui): {why}.\n"
            f"func ({recv} *{owner.go_name}) {f.go_name}({sig.params_go()}){sig.results_go()} {{\n"
            f"\tpanic(pyRaise(\"NotImplementedError\", {go_string(why)}))\n}}\n")


def _call_args(sig: Signature) -> str:
    return ", ".join(p.go + ("..." if p.variadic else "") for p in sig.params)


def body_text(pkg: PackageInfo, f: FuncInfo, sig: Signature, recv: str, text: str) -> str:
    """A translated method of a plan's bodies as the method (calling its body with itself as self) and
    the body, whose calls on self of the plan's methods go through `self`."""
    plan = plan_of(pkg, f.cls)  # type: ignore[arg-type]
    assert plan is not None and f.cls is not None
    header = f"func ({recv} *{f.cls.go_name}) {f.go_name}({sig.params_go()}){sig.results_go()} {{"
    at = text.find(header)
    if at < 0:
        raise Unsupported(f"{f.cls.name}.{f.name}: its header is not the one expected")
    notes, body = text[:at], text[at + len(header):]
    names = sorted({m.go_name for m in plan.calls.values()}, key=len, reverse=True)
    if names:
        # calls and method values alike (a Go struct has no field of a method's name)
        body = re.sub(rf"\b{re.escape(recv)}\.({'|'.join(map(re.escape, names))})\b", r"self.\1", body)
    ret = "return " if sig.results_go() else ""
    forward = (f"{header}\n\t{ret}{body_name(f)}({recv}, {recv}{', ' if sig.params else ''}{_call_args(sig)})\n}}\n")
    params = f"{recv} *{f.cls.go_name}, self {interface_name(f.cls)}" + (f", {sig.params_go()}" if sig.params else "")
    doc = (f"// {body_name(f)} is {f.cls.name}.{f.name}'s body: {recv} holds {f.cls.go_name}'s fields, self is the object Python's\n"
           f"// self is (a struct that embeds {f.cls.go_name} passes itself), whose methods it calls.\n")
    return f"{notes}{forward}\n{doc}func {body_name(f)}({params}){sig.results_go()} {{{body}"


def forwarder_text(pkg: PackageInfo, cls: ClassInfo, f: FuncInfo) -> str:
    """`cls`'s own method for the inherited `f`: f's body with cls's embedded struct and cls itself."""
    assert f.cls is not None
    sig = signature_of(pkg, f)
    recv = receiver_name(cls.name)
    if recv in {p.go for p in sig.params}:
        recv += "_"
    ret = "return " if sig.results_go() else ""
    return (f"// {f.go_name} is {f.cls.name}.{f.name} on a {cls.name}: its body runs with {recv} as self, so what {cls.name}\n"
            f"// overrides is what it calls, as in Python.\n"
            f"func ({recv} *{cls.go_name}) {f.go_name}({sig.params_go()}){sig.results_go()} {{\n"
            f"\t{ret}{body_name(f)}(&{recv}.{f.cls.go_name}, {recv}{', ' if sig.params else ''}{_call_args(sig)})\n}}\n")
