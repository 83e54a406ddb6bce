"""What a def's AST says about it as a generator: whether it yields, and what its annotation says it
yields. The translator turns a generator into a Go `iter.Seq[T]` (llm/rules/returns.py) and check
compares the values it yields, run to the end on both sides (verify/iterators.py)."""

from __future__ import annotations

import ast
from functools import lru_cache
from typing import Iterator

# annotations of a generator's result whose first argument is what it yields
_ITERATOR_TYPES = {"Iterator", "Iterable", "Generator", "Collection", "Sequence"}


def own_nodes(node: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """The nodes of the function's own body, not entering a nested def, lambda or class (whose yields
    and returns are their own), in no particular order."""
    todo: list[ast.AST] = list(node.body)
    while todo:
        n = todo.pop()
        yield n
        if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(n))


@lru_cache(maxsize=1024)  # asked for each translation attempt of a function: the walk is done once per def
def is_generator(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A `yield` in the function's own body (not in a nested def, lambda or class)."""
    return any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in own_nodes(node))


def iterator_base(ann: ast.expr) -> str:
    """`Iterator` for `Iterator[T]`, `typing.Iterator[T]` or `collections.abc.Iterator[T]`; "" for an
    annotation that is no subscripted name."""
    base = ann.value if isinstance(ann, ast.Subscript) else None
    return base.attr if isinstance(base, ast.Attribute) else base.id if isinstance(base, ast.Name) else ""


def yielded(ann: ast.expr) -> ast.expr | None:
    """The element annotation of `Iterator[T]`, `Iterable[T]` or `Generator[T, None, None]` (also
    spelt `typing.X` or `collections.abc.X`); None for any other annotation, and for a Generator that is
    sent values or returns one."""
    name = iterator_base(ann)
    if not isinstance(ann, ast.Subscript) or name not in _ITERATOR_TYPES:
        return None
    args = list(ann.slice.elts) if isinstance(ann.slice, ast.Tuple) else [ann.slice]
    if name == "Generator" and any(not (isinstance(a, ast.Constant) and a.value is None) for a in args[1:]):
        return None
    return args[0]
