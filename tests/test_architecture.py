"""The shape of gotui/: no import circle among its modules, no file over 1,000 lines, no class over 600."""

from __future__ import annotations

import ast
import collections
from pathlib import Path

GOTUI = Path(__file__).resolve().parent.parent / "gotui"


def modules() -> dict[str, Path]:
    out = {}
    for p in GOTUI.rglob("*.py"):
        name = ".".join(p.relative_to(GOTUI.parent).with_suffix("").parts)
        out[name[: -len(".__init__")] if name.endswith(".__init__") else name] = p
    return out


def import_graph(mods: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the gotui modules it imports at its top level (what runs when it is imported)."""
    graph: dict[str, set[str]] = collections.defaultdict(set)
    for mod, path in mods.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gotui"):
                subs = [a.name for a in node.names if f"{node.module}.{a.name}" in mods]
                graph[mod] |= {f"{node.module}.{s}" for s in subs}
                if len(subs) < len(node.names):
                    graph[mod].add(node.module)
            elif isinstance(node, ast.Import):
                graph[mod] |= {a.name for a in node.names if a.name.startswith("gotui")}
    return graph


def circles(graph: dict[str, set[str]], nodes: set[str]) -> list[list[str]]:
    """Strongly connected groups of more than one module (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(set(graph.get(root, ())) & nodes)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(set(graph.get(w, ())) & nodes))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                group = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    group.append(w)
                    if w == v:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_import_circle_in_gotui():
    mods = modules()
    assert circles(import_graph(mods), set(mods)) == []


def test_the_circle_finder_finds_one():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, {"a", "b", "c", "d"}) == [["a", "b", "c"]]


def test_no_file_over_1000_lines_and_no_class_over_600():
    too_long = []
    for mod, path in modules().items():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 1000:
            too_long.append(f"{mod}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno > 600:
                too_long.append(f"{mod}.{node.name}: {node.end_lineno - node.lineno} lines")
    assert too_long == []
