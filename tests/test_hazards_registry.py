"""The hazard package's shape: rule id → function, ids that exist, rules that fire, docs per area, loud failures.

- every rule in RULES has its check: rule `x-y` is function `x_y` in its area's module (AREA_MODULES);
- every rule id a module notes is in RULES and belongs to that module's area;
- every rule fires on at least one positive sample (test_hazards.CASES, plus the two file rules);
- docs/hazards.md documents every rule, and each area's section names its module;
- a check that raises fails loudly under tests (GOTUI_HAZARDS_STRICT) and is counted, logged and
  survived otherwise.
"""

from __future__ import annotations

import ast
import importlib
import logging
import re
from pathlib import Path

import pytest
from test_hazards import CASES, notes_for  # tests/ is on sys.path (pytest rootdir-relative import)

from gotui.parse.hazards import AREA_MODULES, AREAS, RULES, engine, routes
from gotui.parse.hazards.engine import STRICT_ENV, module_notes, strict_default, walk
from gotui.parse.units import parse_module

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gotui" / "parse" / "hazards"


@pytest.fixture(autouse=True)
def _strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(STRICT_ENV, "1")


def test_every_rule_has_a_function_named_after_it_in_its_area_module() -> None:
    assert set(AREA_MODULES) == set(AREAS)
    for rule_id, info in RULES.items():
        module = importlib.import_module(f"gotui.parse.hazards.{AREA_MODULES[info.area]}")
        fn = getattr(module, rule_id.replace("-", "_"), None)
        assert callable(fn), f"{rule_id}: no function {rule_id.replace('-', '_')} in {module.__name__}"


def _noted_rule_ids(path: Path) -> list[tuple[str, int]]:
    """(rule id, line) of every literal rule id passed to .note / .note_lines / Note(...) in a module."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        args = node.args
        if name in ("note", "note_lines") and args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
            out.append((args[0].value, node.lineno))
        elif name == "Note" and len(args) > 3 and isinstance(args[3], ast.Constant):
            out.append((args[3].value, node.lineno))
    return out


def test_every_noted_rule_id_exists_and_is_noted_by_its_own_area_module() -> None:
    module_of = {rule_id: AREA_MODULES[info.area] for rule_id, info in RULES.items()}
    seen: set[str] = set()
    for path in sorted(PACKAGE.glob("*.py")):
        for rule_id, line in _noted_rule_ids(path):
            assert rule_id in RULES, f"{path.name}:{line}: {rule_id!r} is not in RULES"
            assert module_of[rule_id] == path.stem, f"{path.name}:{line}: {rule_id} belongs in {module_of[rule_id]}.py"
            seen.add(rule_id)
    assert set(RULES) - seen == set(), "every rule is noted somewhere, by its literal id"


def test_area_modules_do_not_import_the_engine_routes_or_each_other() -> None:
    areas = set(AREA_MODULES.values()) - {"engine"}
    upper = {"engine", "routes"} | areas
    for name in sorted(areas) + ["context", "walker", "syntax", "rules", "library_table"]:
        tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gotui.parse.hazards"):
                targets = {node.module.rsplit(".", 1)[-1]} | {a.name for a in node.names}
                assert not (targets & upper), f"{name}.py imports {node.module} {[a.name for a in node.names]}"
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert not any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(node)), f"{name}.{node.name}: import inside a function"


def test_every_rule_fires_on_a_positive_sample() -> None:
    fired = {n.rule for case in CASES for n in notes_for(case.positive)}
    fired |= {n.rule for n in module_notes(parse_module("b.py", b"\x00\x01binary"))}
    fired |= {n.rule for n in notes_for("def f(:\n    pass\n")}
    assert all(rule in RULES for rule in fired)
    assert set(RULES) - fired == set()


def test_docs_document_every_rule_and_name_each_area_module() -> None:
    doc = (ROOT / "docs" / "hazards.md").read_text(encoding="utf-8")
    for rule_id in RULES:
        assert f'<a id="{rule_id}"></a>' in doc and f"### `{rule_id}`" in doc, rule_id
    headings = re.findall(r"^## (.+)$", doc, flags=re.M)
    for area, title in AREAS.items():
        assert f"{title} (`{AREA_MODULES[area]}.py`)" in headings, area
    # each rule's section sits under its own area's heading
    for rule_id, info in RULES.items():
        at = doc.index(f"### `{rule_id}`")
        section = doc.rindex("\n## ", 0, at)
        assert doc[section + 4: doc.index("\n", section + 1)] == f"{AREAS[info.area]} (`{AREA_MODULES[info.area]}.py`)", rule_id


# ---- a check that raises ----------------------------------------------------------------------------


def _boom(w: object, node: object) -> None:
    raise RuntimeError("broken check")


SRC = "def f(d: dict, k):\n    assert k\n    return d[k]\n"


def test_tests_run_strict() -> None:
    assert strict_default()


def test_a_raising_check_fails_loudly_under_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(routes.ROUTES, "assert_statement", (_boom,))
    module = parse_module("m.py", SRC.encode())
    with pytest.raises(RuntimeError, match="broken check"):
        module_notes(module)
    with pytest.raises(RuntimeError, match="broken check"):
        walk(module, strict=True)


def test_a_raising_check_is_counted_logged_and_survived_for_users(monkeypatch: pytest.MonkeyPatch,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.delenv(STRICT_ENV)
    monkeypatch.setitem(routes.ROUTES, "assert_statement", (_boom,))
    module = parse_module("m.py", SRC.encode())
    assert walk(module).failures == 1
    with caplog.at_level(logging.WARNING, logger=engine.__name__):
        notes = module_notes(module)
    assert "m.py: 1 check(s) failed" in caplog.text
    assert "dict-index-keyerror" in {n.rule for n in notes}  # the other checks still ran
    assert "assert-statement" not in {n.rule for n in notes}


def test_a_raising_end_of_function_check_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routes, "frame_end", _boom)
    monkeypatch.setattr(engine, "frame_end", _boom)
    with pytest.raises(RuntimeError, match="broken check"):
        module_notes(parse_module("m.py", SRC.encode()))
