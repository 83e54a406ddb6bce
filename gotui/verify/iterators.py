"""Units whose Go returns an `iter.Seq[T]`: a generator (`def words(...): ... yield w`) or an
`__iter__` that returns `iter(self.items)`. Neither side's result is data, so both run the iterator to
its end and compare the values, in order: Python `list(result)` inside the timed call (an endless
generator stops at the time limit, as any call does), Go `slices.Collect(result)`."""

from __future__ import annotations

import ast
import re
from dataclasses import replace

from gotui.parse.generators import is_generator, yielded
from gotui.verify.difftest import CallPlan, GoSig, call_text, go_signature
from gotui.verify.inputs import Untestable
from gotui.verify.sources import unit_def

_SEQ = re.compile(r"iter\.Seq\[(.+)\]")
_PY_OF_GO = {"string": "str", "int": "int", "float64": "float", "bool": "bool"}


def iterator_result(source: str, sig: GoSig) -> tuple[str, GoSig] | None:
    """For a unit whose Go returns an iter.Seq[T]: (the def with its result annotated `list[T]`, the Go
    signature returning `[]T`), which the rest of check compares as lists. None when the Go returns no
    iter.Seq; Untestable when the Python def does not say what it yields."""
    results = [r for r in sig.results if r.kind != "error"]
    m = _SEQ.fullmatch(results[0].text) if len(results) == 1 else None
    if m is None:
        return None
    if len(sig.results) != 1:
        raise Untestable("returns an iter.Seq and an error")
    fn = unit_def(source)
    if fn is None:
        raise Untestable("returns an iter.Seq, and its Python is not a def")
    elem = yielded(fn.returns) if fn.returns is not None else None
    if elem is None and fn.returns is None and m.group(1) in _PY_OF_GO:
        # unannotated: the translator inferred a plain type from the yields; Python's values are
        # compared against it, so a generator that yields something else is `diverged`
        elem = ast.Name(_PY_OF_GO[m.group(1)], ast.Load())
    if elem is None:
        what = "a generator" if is_generator(fn) else "an iterator"
        raise Untestable(f"returns {what} whose annotation (Iterator[T]) does not say what it yields")
    fn.returns = ast.Subscript(ast.Name("list", ast.Load()), elem, ast.Load())
    collected = go_signature(f"func {sig.name}() []{m.group(1)} {{}}", sig.name).results
    return ast.unparse(fn), replace(sig, results=collected)


def collect(plan: CallPlan) -> CallPlan:
    """The plan with the Go call run to the end: `slices.Collect(call)`."""
    return replace(plan, expr=f"slices.Collect({call_text(plan)})", imports=plan.imports | {"slices"})
