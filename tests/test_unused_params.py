"""Parameters a function never uses (an override's hook argument, a signal receiver's `**kwargs`):
nothing tells their type, and none is needed. The Go function takes `any` (or leaves `**kwargs` out),
the unit is converted with a note saying so, callers pass their values as they are, and `gotui
check` compares it with None/nil for such a parameter (docs/offline-translator.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from gotui.llm.base import CONVERTED, PARTIAL
from gotui.session.project import Project
from gotui.verify.check import with_evidence
from test_rules_support import build_and_vet, check_package, converted_package, translate_module

SRC = '''
class Filter:
    def choices(self, changelist):
        raise NotImplementedError("subclasses must provide choices()")

    def has_output(self, request) -> bool:
        return True


def on_saved(sender, **kwargs) -> int:
    return 1


def label(flag: bool, request) -> str:
    return "on" if flag else "off"


def uses_it(value):
    return [value]


def kwargs_used(sender, **kwargs) -> int:
    return len(kwargs)


def caller(n: int) -> str:
    return label(n > 2, [n, n])
'''


def _translate() -> dict:
    return translate_module("hooks.py", SRC)[2]


def test_an_unused_parameter_without_a_type_is_any_and_the_unit_converts() -> None:
    got = _translate()
    choices = got["Filter.choices"]
    assert choices.status == CONVERTED, choices.error
    assert "func (f *Filter) Choices(changelist any) error {" in choices.go, choices.go
    assert "`changelist` is never used here" in choices.go
    label = got["label"]
    assert label.status == CONVERTED, label.error
    assert "func Label(flag bool, request any) string {" in label.go, label.go


def test_an_unused_kwargs_is_left_out_with_a_note() -> None:
    got = _translate()
    hook = got["on_saved"]
    assert hook.status == CONVERTED, hook.error
    assert "func OnSaved(sender any) int {" in hook.go, hook.go
    assert "`**kwargs` is never used here and is left out" in hook.go


def test_a_used_parameter_without_evidence_still_keeps_the_unit_partial() -> None:
    got = _translate()
    assert got["uses_it"].status == PARTIAL
    assert "no type annotation and no evidence" in got["uses_it"].error
    # a used **kwargs is a map of the keywords no parameter takes (docs/offline-translator.md)
    assert got["kwargs_used"].status == CONVERTED
    assert "func KwargsUsed(sender any, kwargs map[string]any) int {" in got["kwargs_used"].go


def test_a_caller_passes_any_value_to_an_unused_parameter() -> None:
    got = _translate()
    caller = got["caller"]
    assert caller.status == CONVERTED, caller.error
    assert "Label(n > 2, []int{n, n})" in caller.go, caller.go


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_the_package_builds_and_vets(tmp_path: Path) -> None:
    tr, m, got = translate_module("hooks.py", SRC)
    build_and_vet(tmp_path, tr, [m], [t.go for t in got.values()])


def test_check_types_an_unused_parameter_as_none_and_leaves_used_ones_alone() -> None:
    src, typed = with_evidence("def label(flag, request):\n    return 'on' if flag else 'off'\n", {"flag": "bool", "return": "str"})
    assert "request: None" in src and "flag: bool" in src, src
    assert set(typed) == {"flag", "request", "return"}
    src, typed = with_evidence("def f(a, b):\n    return a + b\n", {"a": "int", "return": "int"})
    assert typed == [], src  # `b` is used and has no evidence: no guess


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_check_gives_a_verdict_with_nil_for_the_unused_parameter(tmp_path: Path) -> None:
    repo = converted_package(tmp_path, "hooks", SRC)
    got = check_package(repo, "hooks")
    for uid in ("hooks/__init__.py::label", "hooks/__init__.py::on_saved"):
        assert got[uid]["status"] == "pass", (uid, got[uid])
    project = Project(repo / "hooks")
    rec = project.session.get("hooks/__init__.py::label")
    project.session.edit(rec.id, rec.go.replace('"on"', '"yes"'))
    assert check_package(repo, "hooks")["hooks/__init__.py::label"]["status"] == "diverged"
