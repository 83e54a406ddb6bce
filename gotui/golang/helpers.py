"""Go helper functions that translated code may call (floor division, Python rounding, ...).

The helpers are Go source in gotui/golang/gohelpers/*.go (one package, grouped by area; doc.go says
how to add one). This module reads those files once with tree-sitter: each top-level func, type, var
or const with its doc comment is a declaration; a helper is one declaration plus the ones that serve
only it (a method goes with its receiver's type, anything else says `//gotui:with pyName` on its
last doc line). A helper's imports are the imports of its file that its declarations use, and its
dependencies the other helpers they name, both read from the parsed bodies.

They are written once per package into a generated file, only when some unit uses them. Each helper
keeps one piece of Python semantics exactly; where Python raises an exception that the translated code
does not return as an error (KeyError, IndexError, ...), the helper panics with the same exception
(see pyRaise), so nothing goes on silently with a wrong value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tree_sitter import Node, QueryCursor

from gotui.parse.treesitter import GO_LANGUAGE, first_error_line, parse_go, query
from gotui.golang.lazy import LazyMapping

if TYPE_CHECKING:  # importlib.resources.abc is 3.11+, importlib.abc's copy goes in 3.14
    from importlib.resources.abc import Traversable


@dataclass(frozen=True)
class GoHelper:
    name: str
    source: str  # the Go declaration(s)
    imports: tuple[str, ...] = ()
    deps: tuple[str, ...] = field(default_factory=tuple)  # other helpers it calls


# what used_helpers looks for in a unit's Go; every helper's name must be one of these
_NAME = re.compile(r"\b(py[A-Z]\w*|Tuple[1-8])\b")
_WITH = re.compile(r"^//gotui:with (\w+)$")
_DECLS = ("function_declaration", "method_declaration", "type_declaration", "var_declaration", "const_declaration")


@dataclass
class _Decl:
    names: list[str]  # what it declares (empty for a method)
    text: str  # doc comment and declaration, without the //gotui:with line
    owner: str  # the helper it belongs to: its own name, its receiver's type or its //gotui:with
    node: Node
    imports: dict[str, str]  # its file's imports: package name -> path


def _spec_names(node: Node) -> list[str]:
    names: list[str] = []
    for child in node.named_children:
        if child.type.endswith("_spec_list"):
            names += _spec_names(child)
        elif child.type.endswith("_spec") or child.type == "type_alias":
            names += [n.text.decode() for n in child.children_by_field_name("name")]
    return names


def _receiver_type(node: Node) -> str:
    receiver = node.child_by_field_name("receiver")
    stack = [receiver] if receiver else []
    while stack:
        n = stack.pop()
        if n.type == "type_identifier":
            return n.text.decode()
        stack.extend(reversed(n.named_children))
    raise ValueError(f"method without a receiver type: {node.text.decode()[:60]}")


def _imports(root: Node) -> dict[str, str]:
    out: dict[str, str] = {}
    for decl in (c for c in root.named_children if c.type == "import_declaration"):
        stack = list(decl.named_children)
        while stack:
            n = stack.pop()
            if n.type == "import_spec_list":
                stack.extend(n.named_children)
            elif n.type == "import_spec":
                path = n.child_by_field_name("path").text.decode().strip('"`')
                alias = n.child_by_field_name("name")
                out[alias.text.decode() if alias else path.rsplit("/", 1)[-1]] = path
    return out


def _doc(node: Node) -> list[Node]:
    """The comment lines right above a declaration."""
    doc: list[Node] = []
    prev = node.prev_sibling
    while prev is not None and prev.type == "comment" and prev.end_point[0] == (doc[0] if doc else node).start_point[0] - 1:
        doc.insert(0, prev)
        prev = prev.prev_sibling
    return doc


def _decls(file: str, source: bytes) -> list[_Decl]:
    tree = parse_go(source)
    if (line := first_error_line(tree)) is not None:
        raise ValueError(f"gohelpers/{file}:{line}: Go syntax error")
    imports = _imports(tree.root_node)
    out: list[_Decl] = []
    for node in (c for c in tree.root_node.named_children if c.type in _DECLS):
        doc = _doc(node)
        lines = [c.text.decode() for c in doc]
        with_ = [m.group(1) for m in map(_WITH.match, lines) if m]
        lines = [line for line in lines if not _WITH.match(line)]
        if with_ and lines and lines[-1] == "//":  # gofmt's blank line before a directive
            lines.pop()
        body = source[node.start_byte : node.end_byte].decode()
        names = [node.child_by_field_name("name").text.decode()] if node.type == "function_declaration" else _spec_names(node)
        if node.type == "method_declaration":
            owner = _receiver_type(node)
        elif with_:
            owner = with_[0]
        elif len(names) == 1:
            owner = names[0]
        else:
            raise ValueError(f"gohelpers/{file}:{node.start_point[0] + 1}: declares {names}: name one helper with //gotui:with")
        out.append(_Decl(names, "\n".join([*lines, body]), owner, node, imports))
    return out


# names a declaration uses, and the package names it selects from (comments are not code)
_USES = "[(identifier) (type_identifier)] @name (package_identifier) @package (selector_expression operand: (identifier) @package)"


def _used(node: Node, imports: dict[str, str]) -> tuple[set[str], set[str]]:
    """Identifiers a declaration names, and the import paths it uses."""
    found = QueryCursor(query(GO_LANGUAGE, _USES)).captures(node)
    names = {n.text.decode() for n in found.get("name", [])}
    paths = {imports[p] for p in {n.text.decode() for n in found.get("package", [])} if p in imports}
    return names, paths


def load_helpers(folder: Traversable) -> dict[str, GoHelper]:
    """Every helper in the folder's .go files (read in name order), by name; ValueError names what is wrong."""
    decls = [d for f in sorted(p.name for p in folder.iterdir() if p.name.endswith(".go")) for d in _decls(f, folder.joinpath(f).read_bytes())]
    keys = [d.names[0] for d in decls if d.names == [d.owner]]
    owner_of: dict[str, str] = {}
    for d in decls:
        for name in d.names:
            if name in owner_of and name != "init":
                raise ValueError(f"gohelpers: {name} is declared twice")
            owner_of[name] = d.owner
    for d in decls:  # a method of a companion type, or a companion's companion, goes with that helper
        seen = {d.owner}
        while owner_of.get(d.owner, d.owner) != d.owner:
            d.owner = owner_of[d.owner]
            if d.owner in seen:
                raise ValueError(f"gohelpers: //gotui:with goes round in a circle through {sorted(seen)}")
            seen.add(d.owner)
    helpers: dict[str, GoHelper] = {}
    for key in keys:
        if not _NAME.fullmatch(key):
            raise ValueError(
                f"gohelpers: helper {key} must be named py + a capital letter (or TupleN);"
                " a declaration that serves one helper says //gotui:with pyName"
            )
        mine = [d for d in decls if d.owner == key]
        names: set[str] = set()
        paths: set[str] = set()
        for d in mine:
            n, p = _used(d.node, d.imports)
            names |= n
            paths |= p
        deps = sorted({owner_of[n] for n in names if n in owner_of and n != "init"} - {key})
        helpers[key] = GoHelper(key, "\n\n".join(d.text for d in mine) + "\n", tuple(sorted(paths)), tuple(deps))
    if stray := sorted({d.owner for d in decls} - set(helpers)):
        raise ValueError(f"gohelpers: //gotui:with or a method names no helper: {stray}")
    return helpers


# The helpers by name, read from gohelpers/ (tree-sitter) on first use, not at import: the review screen
# imports this module long before anything needs a helper, and reading them costs ~0.2 s.
HELPERS: Mapping[str, GoHelper] = LazyMapping(lambda: load_helpers(files("gotui.golang").joinpath("gohelpers")))

HELPER_FILE = "gotui_helpers.go"


def used_helpers(go_texts: list[str]) -> list[str]:
    """Names of the helpers the texts call, with their dependencies, sorted."""
    wanted: set[str] = set()
    for text in go_texts:
        wanted.update(m for m in _NAME.findall(text) if m in HELPERS)
    todo = list(wanted)
    while todo:
        for dep in HELPERS[todo.pop()].deps:
            if dep not in wanted:
                wanted.add(dep)
                todo.append(dep)
    return sorted(wanted)


def helper_source(package: str, go_texts: list[str]) -> str | None:
    """The helper file for a package, or None when no unit needs a helper."""
    names = used_helpers(go_texts)
    if not names:
        return None
    imports = sorted({imp for n in names for imp in HELPERS[n].imports})
    head = f"// Code generated by gotui. DO NOT EDIT.\n\npackage {package}\n"
    if imports:
        head += "\nimport (\n" + "".join(f'\t"{i}"\n' for i in imports) + ")\n"
    return head + "".join("\n" + HELPERS[n].source for n in names)
