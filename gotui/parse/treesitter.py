"""The tree-sitter parsers, built once per process."""

from __future__ import annotations

from functools import lru_cache

import tree_sitter_go
import tree_sitter_python
from tree_sitter import Language, Parser, Query, Tree

PY_LANGUAGE = Language(tree_sitter_python.language())
GO_LANGUAGE = Language(tree_sitter_go.language())


@lru_cache(maxsize=1)
def _python_parser() -> Parser:
    return Parser(PY_LANGUAGE)


@lru_cache(maxsize=1)
def _go_parser() -> Parser:
    return Parser(GO_LANGUAGE)


@lru_cache(maxsize=None)
def query(language: Language, source: str) -> Query:
    """A compiled query, made on first use: compiling one takes tens of milliseconds, which a module
    would otherwise pay at import (before the review's first screen) whether or not it is ever run."""
    return Query(language, source)


def parse_python(source: bytes) -> Tree:
    return _python_parser().parse(source)


def parse_go(source: bytes) -> Tree:
    return _go_parser().parse(source)


def first_error_line(tree: Tree) -> int | None:
    """1-based line of the first ERROR or MISSING node, or None when the tree is clean."""
    if not tree.root_node.has_error:
        return None
    cursor = [tree.root_node]
    while cursor:
        node = cursor.pop()
        if node.type == "ERROR" or node.is_missing:
            return node.start_point[0] + 1
        # visit children in source order: push reversed
        cursor.extend(reversed([c for c in node.children if c.has_error or c.is_missing]))
    return tree.root_node.start_point[0] + 1
