"""The offline translator (gotui/llm/rules) is built in layers; this test keeps it that way.

LAYERS lists every module of the package bottom-up. A module may import only modules listed
before it (so there is no import circle and nothing imports upward), every import sits at module
level (none inside a function or class to dodge a circle, TYPE_CHECKING blocks included), and no
file or class grows past the size limits.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "gotui.llm.rules"
RULES = Path(__file__).resolve().parents[1] / "gotui" / "llm" / "rules"
MAX_FILE_LINES = 800
MAX_CLASS_LINES = 500

# Bottom-up. docs/offline-translator.md draws the same order.
LAYERS: dict[str, list[str]] = {
    # the model: what the Python means and what the Go looks like, no lowering
    "model": ["todo", "goast", "types", "pyast", "selfclass", "panics", "package", "raisekinds", "inherit", "decorators", "signatures", "field_stores", "aliases", "cached", "dispatch", "scopes", "regex", "static_value", "static_data", "loggers"],
    # per-function state, built complete by its constructor
    "state": ["context"],
    # lowering: each module takes what it needs from below (formatting and methods receive the lowerer)
    "lowering": [
        "formatting", "odicts", "logs", "methods", "expressions", "literals", "operators", "knownkeys", "loops", "kwsplat", "callplans", "calls", "relower", "builtins", "flow", "partial", "raising", "assign", "updates",
        "returns", "typeswitch", "statements", "classes", "preamble",
    ],
    # the driver: units in, Go text out
    "driver": ["translator", "__init__"],
}
ORDER = [m for layer in LAYERS.values() for m in layer]


def _modules() -> dict[str, Path]:
    return {p.stem: p for p in sorted(RULES.glob("*.py"))}


def _imported(tree: ast.Module) -> list[tuple[str, ast.stmt]]:
    """(module of this package, import statement) for every import of a sibling module."""
    out: list[tuple[str, ast.stmt]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(PACKAGE + "."):
                    out.append((alias.name[len(PACKAGE) + 1:].split(".")[0], node))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = (node.module or "").split(".")[0]
                names = [base] if base else [a.name for a in node.names]
            elif node.module == PACKAGE:
                names = [a.name for a in node.names]
            elif node.module and node.module.startswith(PACKAGE + "."):
                names = [node.module[len(PACKAGE) + 1:].split(".")[0]]
            else:
                names = []
            out.extend((n, node) for n in names)
    return out


def _nested_imports(tree: ast.Module) -> list[int]:
    """Lines of imports inside a function, lambda or class body."""
    lines: list[int] = []

    def walk(node: ast.AST, inside: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)) and inside:
                lines.append(child.lineno)
            walk(child, inside or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)))

    walk(tree, False)
    return lines


def test_every_module_has_a_layer() -> None:
    missing = sorted(set(_modules()) - set(ORDER))
    gone = sorted(set(ORDER) - set(_modules()))
    assert not missing, f"modules without a place in LAYERS: {missing}"
    assert not gone, f"LAYERS names modules that do not exist: {gone}"


@pytest.mark.parametrize("name", sorted(_modules()))
def test_imports_only_downward(name: str) -> None:
    tree = ast.parse(_modules()[name].read_text())
    rank = ORDER.index(name)
    upward = [f"{name}.py:{node.lineno} imports {target}" for target, node in _imported(tree) if target not in ORDER or ORDER.index(target) >= rank]
    assert not upward, "imports must go to a lower module:\n" + "\n".join(upward)


@pytest.mark.parametrize("name", sorted(_modules()))
def test_no_import_inside_a_function(name: str) -> None:
    tree = ast.parse(_modules()[name].read_text())
    assert not _nested_imports(tree), f"{name}.py imports inside a function or class at lines {_nested_imports(tree)}"


def test_no_import_circle() -> None:
    graph = {name: {t for t, _ in _imported(ast.parse(path.read_text())) if t != name} for name, path in _modules().items()}
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                raise AssertionError("import circle: " + " -> ".join(stack[stack.index(nxt):] + [nxt]) if nxt in stack else nxt)
            if nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


@pytest.mark.parametrize("name", sorted(_modules()))
def test_size_limits(name: str) -> None:
    text = _modules()[name].read_text()
    assert len(text.splitlines()) <= MAX_FILE_LINES, f"{name}.py has {len(text.splitlines())} lines (limit {MAX_FILE_LINES})"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ClassDef):
            size = (node.end_lineno or node.lineno) - node.lineno + 1
            assert size <= MAX_CLASS_LINES, f"{name}.py: class {node.name} has {size} lines (limit {MAX_CLASS_LINES})"


def test_the_checks_catch_a_violation() -> None:
    """The parsers above must see what they are meant to see, or every test passes vacuously."""
    tree = ast.parse("from gotui.llm.rules import goast as g\nfrom .types import T\n"
                     "def f():\n    from gotui.llm.rules.translator import RulesTranslator\n")
    assert [t for t, _ in _imported(tree)] == ["goast", "types", "translator"]
    assert _nested_imports(tree) == [4]
