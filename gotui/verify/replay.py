"""Traced calls replayed by `gotui check`: the values `gotui trace` stored (evidence/_tracer.py `_safe`)
back as Python data, and the argument tuples of a unit's calls that fit its hints, real inputs before
generated ones."""

from __future__ import annotations

import collections
from typing import Any, Mapping

from gotui.verify._sandbox_child import Member, Obj, Record
from gotui.verify.inputs import FunctionSpec, conforms


class NotCopied(Exception):
    """A traced value the tracer kept by type only: it cannot be replayed."""


def untraced(v: Any) -> Any:
    """A value as the tracer stored it (evidence/_tracer.py `_safe`), back as Python data."""
    if isinstance(v, list):
        return [untraced(x) for x in v]
    if isinstance(v, dict):
        if "__tuple__" in v:
            return tuple(untraced(x) for x in v["__tuple__"])
        if "__record__" in v:  # a NamedTuple: its class's name and its items
            name, items = v["__record__"]
            return Record(name, [untraced(x) for x in items])
        if "__dict__" in v:
            return {k: untraced(x) for k, x in v["__dict__"].items()}
        if "__items__" in v:  # a dict whose keys are not all str
            return {untraced(k): untraced(x) for k, x in v["__items__"]}
        if "__odict__" in v:  # an OrderedDict, its pairs in order
            return collections.OrderedDict((untraced(k), untraced(x)) for k, x in v["__odict__"])
        if "__float__" in v:
            return float(v["__float__"])
        if "__enum__" in v:  # a member of an Enum: its class and name
            return Member(*v["__enum__"])
        if "__object__" in v:  # an instance of a class of the package: its class and attributes
            name, attrs = v["__object__"]
            return Obj(name, {k: untraced(x) for k, x in attrs.items()})
        raise NotCopied(str(v.get("__type__", "?")))
    return v


MAX_TRACED = 20  # real calls replayed per unit, before the generated inputs


def traced_cases(trace: Mapping[str, Any] | None, spec: FunctionSpec) -> list[tuple]:
    """The argument tuples of a unit's traced calls (`gotui trace`) that fit its hints, first seen first:
    real inputs are checked before generated ones. Values kept by type only, or that no longer fit the
    hints (the Python changed since), are skipped."""
    out: list[tuple] = []
    seen: set[str] = set()
    for sample in (trace or {}).get("samples", []):
        args = sample.get("args", {}) if isinstance(sample, dict) else {}
        try:
            values = tuple(untraced(args[p.name]) for p in spec.params)
        except (KeyError, NotCopied, ValueError, TypeError):
            continue
        if all(conforms(v, p.type) for v, p in zip(values, spec.params)) and repr(values) not in seen:
            seen.add(repr(values))
            out.append(values)
        if len(out) >= MAX_TRACED:
            break
    return out
