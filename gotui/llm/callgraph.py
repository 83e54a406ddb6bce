"""The package's call graph: which units each unit uses, and the order that puts callees first.

Edges come from tree-sitter-python, read from each unit's own source: calls and references by
name (module-level functions and classes, names imported from sibling modules, `mod.f` through an
imported sibling module), `self.method` / `cls.method` inside a class, `Class.method`, and
`Class(...)`. A method always uses its class (the struct it hangs on). Names in strings and
comments are not identifiers, so they make no edge.

`levels()` groups the strongly connected components (Tarjan) so that every unit comes after the
units it uses; a cycle's units share a level. Units of one level can be translated in parallel.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from tree_sitter import Node

from gotui.parse.treesitter import parse_python
from gotui.parse.units import ParsedModule, Unit, python_qualname


def _text(node: Node | None) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text is not None else ""


def module_dotted(path: str) -> list[str]:
    """Dotted names a module may be imported by: `src/semver/version.py` -> semver.version, version, ..."""
    parts = list(PurePosixPath(path).with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return [".".join(parts[i:]) for i in range(len(parts)) if parts[i:]]


@dataclass
class _ModuleNames:
    defs: dict[str, str] = field(default_factory=dict)  # top-level name -> unit id
    imported: dict[str, str] = field(default_factory=dict)  # local name -> unit id in another module
    modules: dict[str, str] = field(default_factory=dict)  # local alias -> module path
    methods: dict[str, dict[str, str]] = field(default_factory=dict)  # class qualname -> method name -> id


@dataclass
class CallGraph:
    units: dict[str, Unit]
    uses: dict[str, set[str]]  # unit id -> ids of the units it uses (never itself)

    def used_by(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {uid: set() for uid in self.units}
        for uid, used in self.uses.items():
            for v in used:
                out.setdefault(v, set()).add(uid)
        return out

    def components(self) -> list[list[str]]:
        """Tarjan's strongly connected components, callees' components first."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        on_stack: set[str] = set()
        stack: list[str] = []
        out: list[list[str]] = []
        counter = [0]
        order = list(self.units)
        position = {uid: n for n, uid in enumerate(order)}
        for root in order:
            if root in index:
                continue
            # iterative DFS: real packages nest deeper than Python's recursion limit allows
            work: list[tuple[str, list[str]]] = [(root, sorted(self.uses.get(root, ())))]
            index[root] = low[root] = counter[0]
            counter[0] += 1
            stack.append(root)
            on_stack.add(root)
            while work:
                node, pending = work[-1]
                if pending:
                    nxt = pending.pop(0)
                    if nxt not in self.units:
                        continue
                    if nxt not in index:
                        index[nxt] = low[nxt] = counter[0]
                        counter[0] += 1
                        stack.append(nxt)
                        on_stack.add(nxt)
                        work.append((nxt, sorted(self.uses.get(nxt, ()))))
                    elif nxt in on_stack:
                        low[node] = min(low[node], index[nxt])
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    comp: list[str] = []
                    while True:
                        v = stack.pop()
                        on_stack.discard(v)
                        comp.append(v)
                        if v == node:
                            break
                    out.append(sorted(comp, key=position.__getitem__))
        return out  # Tarjan emits a component after every component it reaches: callees first

    def levels(self) -> list[list[str]]:
        """Units by level: a unit's level is one more than the highest level of what it uses outside its cycle."""
        comps = self.components()
        comp_of = {uid: i for i, comp in enumerate(comps) for uid in comp}
        level_of: list[int] = []
        for i, comp in enumerate(comps):
            deps = {comp_of[v] for uid in comp for v in self.uses.get(uid, ()) if v in comp_of and comp_of[v] != i}
            level_of.append(1 + max((level_of[d] for d in deps), default=-1))
        out: list[list[str]] = [[] for _ in range(max(level_of, default=-1) + 1)]
        order = {uid: n for n, uid in enumerate(self.units)}
        for i, comp in enumerate(comps):
            out[level_of[i]].extend(comp)
        return [sorted(level, key=order.__getitem__) for level in out]

    def order(self) -> list[str]:
        return [uid for level in self.levels() for uid in level]


def _resolve_module(dotted: str, from_path: str, level: int, by_dotted: dict[str, list[str]]) -> str | None:
    if level:
        base = PurePosixPath(from_path).parent
        for _ in range(level - 1):
            base = base.parent
        rel = base / dotted.replace(".", "/") if dotted else base
        for cand in (f"{rel}.py", f"{rel}/__init__.py"):
            if cand in by_dotted.get("__path__", []):
                return cand
        return None
    found = by_dotted.get(dotted, [])
    return found[0] if len(found) == 1 else None


def _imports(module: ParsedModule, by_dotted: dict[str, list[str]]) -> list[tuple[str, str | None, str | None]]:
    """(local name, module path, imported name or None for a whole module) for each import of a sibling."""
    out: list[tuple[str, str | None, str | None]] = []
    tree = module.tree
    if tree is None:
        return out
    for node in tree.root_node.named_children:
        if node.type == "import_from_statement":
            mod_node = node.child_by_field_name("module_name")
            raw = _text(mod_node)
            level = len(raw) - len(raw.lstrip("."))
            dotted = raw.lstrip(".")
            target = _resolve_module(dotted, module.path, level, by_dotted)
            for name_node in node.children_by_field_name("name"):
                if name_node.type == "aliased_import":
                    name = _text(name_node.child_by_field_name("name"))
                    alias = _text(name_node.child_by_field_name("alias"))
                else:
                    name = alias = _text(name_node)
                sub = _resolve_module(f"{dotted}.{name}" if dotted else name, module.path, level, by_dotted)
                if sub is not None:
                    out.append((alias, sub, None))  # `from . import pricing`
                elif target is not None:
                    out.append((alias, target, name))
        elif node.type == "import_statement":
            for name_node in node.children_by_field_name("name"):
                if name_node.type == "aliased_import":
                    dotted = _text(name_node.child_by_field_name("name"))
                    alias = _text(name_node.child_by_field_name("alias"))
                else:
                    dotted = alias = _text(name_node)
                target = _resolve_module(dotted, module.path, 0, by_dotted)
                if target is not None:
                    out.append((alias, target, None))
    return out


def _names_of(modules: list[ParsedModule]) -> dict[str, _ModuleNames]:
    names: dict[str, _ModuleNames] = {}
    for m in modules:
        mn = _ModuleNames()
        for u in m.units:
            qual = python_qualname(u.qualname)
            if "." not in qual and u.kind in ("function", "class"):
                mn.defs.setdefault(qual, u.id)
            if u.kind == "method" and u.class_name:
                mn.methods.setdefault(python_qualname(u.class_name), {}).setdefault(u.name, u.id)
        names[m.path] = mn
    return names


def _walk_identifiers(node: Node, out: list[Node]) -> None:
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type in ("identifier", "attribute"):
            out.append(n)
            if n.type == "identifier":
                continue
        if n.type in ("string", "comment"):
            continue
        stack.extend(n.children)


def build_callgraph(modules: list[ParsedModule], units: list[Unit] | None = None) -> CallGraph:
    """The graph over `units` (default: every unit of `modules`); edges to units outside are dropped."""
    chosen = units if units is not None else [u for m in modules for u in m.units]
    by_id = {u.id: u for u in chosen}
    by_dotted: dict[str, list[str]] = {"__path__": [m.path for m in modules]}
    for m in modules:
        for d in module_dotted(m.path):
            by_dotted.setdefault(d, []).append(m.path)
    names = _names_of(modules)
    for m in modules:
        for alias, target, name in _imports(m, by_dotted):
            if target is None:
                continue
            if name is None:
                names[m.path].modules[alias] = target
            elif name in names.get(target, _ModuleNames()).defs:
                names[m.path].imported[alias] = names[target].defs[name]
    uses: dict[str, set[str]] = {}
    for u in chosen:
        mn = names.get(u.path, _ModuleNames())
        found: set[str] = set()
        cls = python_qualname(u.class_name) if u.class_name else None
        if u.kind == "method" and cls and cls in mn.defs:
            found.add(mn.defs[cls])
        try:
            tree = parse_python(textwrap.dedent(u.source).encode("utf-8"))
        except ValueError:
            tree = None
        nodes: list[Node] = []
        if tree is not None:
            _walk_identifiers(tree.root_node, nodes)
        for n in nodes:
            if n.type == "identifier":
                name = _text(n)
                target = mn.defs.get(name) or mn.imported.get(name)
                if target:
                    found.add(target)
                continue
            obj, attr = n.child_by_field_name("object"), _text(n.child_by_field_name("attribute"))
            if obj is None or obj.type != "identifier":
                continue
            base = _text(obj)
            if base in ("self", "cls") and cls:
                target = mn.methods.get(cls, {}).get(attr)
            elif base in mn.modules:
                target = names.get(mn.modules[base], _ModuleNames()).defs.get(attr)
            else:
                owner = mn.defs.get(base) or mn.imported.get(base)
                owner_unit = by_id.get(owner or "")
                target = None
                if owner_unit is not None and owner_unit.kind == "class":
                    target = names.get(owner_unit.path, _ModuleNames()).methods.get(python_qualname(owner_unit.qualname), {}).get(attr)
            if target:
                found.add(target)
        found.discard(u.id)
        uses[u.id] = {v for v in found if v in by_id}
    return CallGraph(by_id, uses)
