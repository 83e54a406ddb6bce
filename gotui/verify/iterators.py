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
from gotui.verify.inputs import Untestable, unalias
from gotui.verify.sources import unit_def

_SEQ = re.compile(r"iter\.Seq\[(.+)\]")
_SEQ2 = re.compile(r"iter\.Seq2\[(.+), error\]")  # a generator that can raise: its error comes with its values
_PY_OF_GO = {"string": "str", "int": "int", "float64": "float", "bool": "bool"}


def iterator_result(source: str, sig: GoSig, aliases: dict[str, ast.expr] | None = None) -> tuple[str, GoSig] | None:
    """For a unit whose Go returns an iter.Seq[T]: (the def with its result annotated `list[T]`, the Go
    signature returning `[]T`), which the rest of check compares as lists. None when the Go returns no
    iter.Seq; Untestable when the Python def does not say what it yields."""
    results = [r for r in sig.results if r.kind != "error"]
    m = (_SEQ.fullmatch(results[0].text) or _SEQ2.fullmatch(results[0].text)) if len(results) == 1 else None
    if m is None:
        return None
    fallible = m.re is _SEQ2
    if len(sig.results) != 1:
        raise Untestable("returns an iter.Seq and an error")
    fn = unit_def(source)
    if fn is None:
        raise Untestable("returns an iter.Seq, and its Python is not a def")
    if fn.returns is not None:
        fn.returns = unalias(fn.returns, aliases or {})  # `-> VersionIterator` (sources.project_type_aliases)
    elem = yielded(fn.returns) if fn.returns is not None else None
    if elem is None and fn.returns is None and m.group(1) in _PY_OF_GO:
        # unannotated: the translator inferred a plain type from the yields; Python's values are
        # compared against it, so a generator that yields something else is `diverged`
        elem = ast.Name(_PY_OF_GO[m.group(1)], ast.Load())
    if elem is None:
        what = "a generator" if is_generator(fn) else "an iterator"
        raise Untestable(f"returns {what} whose annotation (Iterator[T]) does not say what it yields")
    fn.returns = ast.Subscript(ast.Name("list", ast.Load()), elem, ast.Load())
    results_go = f"([]{m.group(1)}, error)" if fallible else f"[]{m.group(1)}"
    collected = go_signature(f"func {sig.name}() {results_go} {{}}", sig.name).results
    return ast.unparse(fn), replace(sig, results=collected)


def collect(plan: CallPlan) -> CallPlan:
    """The plan with the Go call run to the end: `slices.Collect(call)`, or for an iter.Seq2[T, error]
    the values up to the first error, which is the call's error (as Python's list() raises it)."""
    if not plan.has_err:
        return replace(plan, expr=f"slices.Collect({call_text(plan)})", imports=plan.imports | {"slices"})
    elem = plan.wants[0].text
    expr = (f"func() ({elem}, error) {{ var out {elem}; for v, err := range {call_text(plan)} {{ if err != nil {{ return nil, err }}; "
            f"out = append(out, v) }}; return out, nil }}()")
    return replace(plan, expr=expr)
