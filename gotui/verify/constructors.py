"""A class unit (its struct and constructor) is compared through its constructor: Python `Cls(*args)`,
Go `NewCls(args...)`, both objects read back as their attributes (instances.py). The arguments are the
traced calls of `__init__` first, then generated ones, as for a function. Exception classes have
their own comparison (exceptions.py)."""

from __future__ import annotations

import ast
from typing import Any

from gotui.verify.difftest import GoSig, go_signature
from gotui.verify.inputs import Untestable
from gotui.verify.receivers import STRUCT_DECL
from gotui.verify.sources import evidence_types, inherited_init, unit_def, with_evidence



def constructor_source(project: Any, record: Any) -> tuple[str, GoSig, list[str]]:
    """(the `__init__` that `Cls(...)` runs, as a def named for the class that returns it; the Go
    constructor's signature; the parameters typed from the evidence). Raises Untestable with why."""
    init_src, init_id = inherited_init(project, record.id)
    if init_src is None:
        raise Untestable("no __init__ in its module to build one with; its methods are checked on their own")
    init_src, typed = with_evidence(init_src, evidence_types(project.unit_types(init_id)))  # its result is replaced below
    fn = unit_def(init_src)
    if fn is None:
        raise Untestable("its __init__ cannot be read")
    m = STRUCT_DECL.search(record.go)
    if m is None:
        raise Untestable("its Go declares no struct")
    ctor = f"New{m.group(1)}"
    sig = go_signature(record.go, ctor)
    if sig.name != ctor:
        raise Untestable(f"its Go has no constructor {ctor}")
    fn.name = record.name
    fn.returns = ast.Constant(record.name)  # the result is the instance, read back by its attributes
    fn.decorator_list = []
    return ast.unparse(fn), sig, typed
