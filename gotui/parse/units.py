"""Find the units of review in Python source: functions, methods and classes.

A unit's id is `path::qualname` and stays the same while its source changes; `source_hash`
changes with the source, which is how the session notices a stale decision.
"""

from __future__ import annotations

import ast
import hashlib
import re
import textwrap
from dataclasses import dataclass, field

from tree_sitter import Node, Tree

from gotui.parse.treesitter import first_error_line, parse_python

# Methods that belong to the class unit (they make the struct and its constructor).
CONSTRUCTORS = ("__init__", "__post_init__")


@dataclass(frozen=True)
class Unit:
    id: str
    path: str
    name: str
    qualname: str
    kind: str  # "function", "method" or "class"
    line: int  # 1-based, first line of the unit (decorators included)
    end_line: int
    source: str
    source_hash: str
    class_name: str | None = None

    @property
    def python_qualname(self) -> str:
        """The qualified name Python knows: without the `#2` of a redefinition or a property accessor's suffix."""
        return python_qualname(self.qualname)

    @property
    def signature_qualname(self) -> str:
        """The Python function whose parameters are the unit's: a class's `__init__`, else the unit itself."""
        return f"{self.python_qualname}.__init__" if self.kind == "class" else self.python_qualname

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "path": self.path,
            "name": self.name,
            "qualname": self.qualname,
            "kind": self.kind,
            "line": self.line,
            "end_line": self.end_line,
        }


@dataclass
class ParsedModule:
    """One Python file: its text, tree and units, or why it was skipped.

    The tree is parsed on first use when the units came from the scan cache: opening a large
    repository needs the units of every file but the tree of only the files being looked at.
    """

    path: str
    text: str = ""
    _tree: Tree | None = field(default=None, repr=False)
    units: list[Unit] = field(default_factory=list)
    error: str | None = None  # syntax error: the file is listed, its units may be partial
    skipped: str | None = None  # binary, not UTF-8, too large: the file has no units

    @property
    def tree(self) -> Tree | None:
        if self._tree is None and self.text and self.skipped is None:
            self._tree = parse_python(self.text.encode("utf-8"))
        return self._tree


def source_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


_ACCESSOR_SUFFIX = re.compile(r"(#\d+)$|\.(setter|deleter)(#\d+)?$")


def python_qualname(qualname: str) -> str:
    """`Order.total.setter` -> `Order.total`, `helper#2` -> `helper`: ids stay unique, Python names stay Python's."""
    return _ACCESSOR_SUFFIX.sub("", qualname)


def _text(node: Node) -> str:
    return node.text.decode("utf-8") if node.text is not None else ""


def _definition(node: Node) -> tuple[Node, Node] | None:
    """(outer, def) for a function/class definition, decorated or not."""
    if node.type in ("function_definition", "class_definition"):
        return node, node
    if node.type == "decorated_definition":
        inner = node.child_by_field_name("definition")
        if inner is not None:
            return node, inner
    return None


def _lines(text_lines: list[str], start: int, end: int) -> str:
    return "\n".join(text_lines[start : end + 1])


def _make(path: str, qualname: str, kind: str, start: int, end: int, source: str, class_name: str | None,
          name: str | None = None) -> Unit:
    name = name or qualname.rsplit(".", 1)[-1]
    return Unit(
        id=f"{path}::{qualname}",
        path=path,
        name=name,
        qualname=qualname,
        kind=kind,
        line=start + 1,
        end_line=end + 1,
        source=source,
        source_hash=source_hash(source),
        class_name=class_name,
    )


def _class_unit(path: str, qualname: str, outer: Node, body: Node | None, text_lines: list[str], name: str) -> Unit:
    """The class itself: header, fields and constructors, without the other methods."""
    start = outer.start_point[0]
    header_end = body.start_point[0] - 1 if body is not None else outer.end_point[0]
    if body is not None and body.start_point[0] == outer.start_point[0]:
        header_end = outer.start_point[0]
    parts = [_lines(text_lines, start, max(start, header_end))]
    end = max(start, header_end)
    for child in body.named_children if body is not None else []:
        d = _definition(child)
        if d is not None:
            name_node = d[1].child_by_field_name("name")
            if d[1].type == "class_definition" or name_node is None or _text(name_node) not in CONSTRUCTORS:
                continue
        parts.append(_lines(text_lines, child.start_point[0], child.end_point[0]))
        end = max(end, child.end_point[0])
    return _make(path, qualname, "class", start, end, "\n".join(parts), qualname, name)


def _accessor(outer: Node) -> str | None:
    """`setter` or `deleter` for a property accessor (`@total.setter`), which shares its getter's name."""
    if outer.type != "decorated_definition":
        return None
    for dec in outer.named_children:
        if dec.type == "decorator":
            text = _text(dec).lstrip("@").strip()
            for kind in ("setter", "deleter"):
                if text.endswith("." + kind):
                    return kind
    return None


def _collect(path: str, node: Node, prefix: str, in_class: str | None, text_lines: list[str], out: list[Unit],
             seen: dict[str, int] | None = None) -> None:
    """Units under `node`; ids stay unique when a name is defined twice (a property setter, an `if`/`else` pair)."""
    seen = {} if seen is None else seen
    for child in node.named_children:
        d = _definition(child)
        if d is None:
            continue
        outer, inner = d
        if outer.has_error:
            continue  # a definition with a syntax error in it cannot be translated: the file's error says so
        name_node = inner.child_by_field_name("name")
        if name_node is None:
            continue
        name = _text(name_node)
        qualname = f"{prefix}{name}"
        accessor = _accessor(outer)
        if accessor is not None:
            qualname = f"{qualname}.{accessor}"
        seen[qualname] = seen.get(qualname, 0) + 1
        if seen[qualname] > 1:
            qualname = f"{qualname}#{seen[qualname]}"  # Python keeps the later one; both are reviewed
        start, end = outer.start_point[0], outer.end_point[0]
        if inner.type == "class_definition":
            body = inner.child_by_field_name("body")
            out.append(_class_unit(path, qualname, outer, body, text_lines, name))
            if body is not None:
                _collect(path, body, qualname + ".", qualname, text_lines, out, seen)
        else:
            if in_class is not None and name in CONSTRUCTORS:
                continue  # part of the class unit
            kind = "method" if in_class is not None else "function"
            out.append(_make(path, qualname, kind, start, end, _lines(text_lines, start, end), in_class, name))
            # nested functions stay inside their parent unit: they are translated with it


MAX_FILE_BYTES = 2_000_000
# tree-sitter-python's scanner crashes the process (not an exception) somewhere past ~700 levels
# of indentation; real code never comes close, generated code might.
MAX_INDENT_LEVELS = 300


_DEEP_LINE = re.compile(rf"^[ \t]{{{MAX_INDENT_LEVELS},}}\S", re.M)


def unit_tree(source: str) -> ast.Module:
    """A unit's source (a def or class cut out of its module, indented as it was there) parsed on its own.
    Dedented first; where that cannot take the indentation off, because a string literal in it has lines
    at column 0 (semver's docstrings continue a line with a backslash), it is parsed as the body of a
    class instead, which takes any indentation. Raises SyntaxError as ast.parse does."""
    try:
        return ast.parse(textwrap.dedent(source))
    except SyntaxError:
        if not source[:1].isspace():
            raise
        wrapper = ast.parse("class _:\n" + source)
        return ast.Module(body=wrapper.body[0].body, type_ignores=[])  # type: ignore[attr-defined]


def indent_levels(text: str) -> int:
    """The deepest indentation, counted in levels as Python's tokenizer stacks them (cheap, no parse)."""
    stack = [0]
    deepest = 0
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        if not stripped or stripped.startswith("#"):
            continue
        width = len(line) - len(stripped)
        if width > stack[-1]:
            stack.append(width)
            deepest = max(deepest, len(stack) - 1)
        else:
            while len(stack) > 1 and width < stack[-1]:
                stack.pop()
    return deepest


def decode_python(raw: bytes) -> tuple[str | None, str | None]:
    """(text, None) or (None, reason to skip)."""
    if b"\x00" in raw[:8192]:
        return None, "binary file"
    if len(raw) > MAX_FILE_BYTES:
        return None, f"too large ({len(raw) // 1_000_000} MB)"
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 (byte {exc.start})"


def parse_module(path: str, raw: bytes) -> ParsedModule:
    """Parse one file's bytes; `path` is the posix path relative to the root."""
    text, skip = decode_python(raw)
    if text is None:
        return ParsedModule(path=path, skipped=skip)
    # each level takes at least one column: only a line indented that far needs the exact count
    if _DEEP_LINE.search(text) and indent_levels(text) > MAX_INDENT_LEVELS:
        return ParsedModule(path=path, skipped=f"indentation deeper than {MAX_INDENT_LEVELS} levels")
    tree = parse_python(raw)
    module = ParsedModule(path=path, text=text, _tree=tree)
    err = first_error_line(tree)
    if err is not None:
        module.error = f"syntax error at line {err}"
    _collect(path, tree.root_node, "", None, text.split("\n"), module.units)
    return module
