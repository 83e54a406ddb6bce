"""Classes as Django and other real code write them: `@cached_property`, fields set together in one
tuple assignment (`self.form, self.fieldsets = form, fieldsets`), and `self.__class__.__qualname__`.

A cached property keeps its first value in the struct (gotui/llm/rules/cached.py): the check compares
it on traced receivers, among them ones whose kept value is stale (a field changed after the first
read), which a getter that recomputed would answer differently."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gotui.llm.base import CONVERTED, PARTIAL
from test_rules_support import build_and_vet, check_package, replace_go, traced_package, translate_module

SOURCE = r'''
from functools import cached_property


class Operation:
    def __init__(self, name: str, fields: list[str]):
        self.name, self.fields = name, fields

    @cached_property
    def name_lower(self) -> str:
        return self.name.lower()

    @cached_property
    def width(self) -> int:
        """The longest field name."""
        n = 0
        for f in self.fields:
            n = max(n, len(f))
        return n

    @cached_property
    def first(self) -> str:
        if not self.fields:
            raise ValueError("no fields")
        return self.fields[0]

    def references(self, name: str) -> bool:
        return self.name_lower == name.lower()

    def describe(self) -> str:
        return f"<{self.__class__.__qualname__} {self.name} {self.width}>"

    def rename(self, name: str) -> None:
        self.name_lower = name.lower()
'''

RUN = '''
from ops import Operation

for name, fields in (("AddField", ["a", "bcd"]), ("Rename", []), ("DropIndex", ["xy"])):
    op = Operation(name, fields)
    op.references(name)
    op.name_lower
    op.name = "Other"  # the kept value is now stale: Python still answers with it
    op.references(name)
    op.references("other")
    op.describe()
    op.fields.append("a-much-longer-field")
    op.describe()
    try:
        op.first
    except ValueError:
        pass
'''


@pytest.fixture(scope="module")
def built() -> tuple:
    return translate_module("ops/__init__.py", textwrap.dedent(SOURCE))


@pytest.fixture(scope="module")
def out(built: tuple) -> dict:
    return built[2]


def test_a_cached_property_keeps_its_first_value_in_the_struct(out: dict) -> None:
    for name in ("Operation", "Operation.name_lower", "Operation.width", "Operation.first", "Operation.references", "Operation.describe"):
        assert out[name].status == CONVERTED, (name, out[name].error)
    cls = out["Operation"].go
    assert "cachedNameLower *string" in cls and "cachedWidth     *int" in cls
    assert "o.Name, o.Fields = name, fields" in cls  # both fields found in the tuple assignment
    getter = out["Operation.name_lower"].go
    assert "if o.cachedNameLower == nil {\n\t\tv := o.computeNameLower()\n\t\to.cachedNameLower = &v\n\t}\n\treturn *o.cachedNameLower" in getter
    assert "func (o *Operation) computeNameLower() string {" in getter
    # a getter that raises keeps nothing: the error goes back before the field is set
    assert "v, err := o.computeFirst()\n\t\tif err != nil {\n\t\t\treturn v, err\n\t\t}" in out["Operation.first"].go
    assert "o.NameLower() == pyLower(name)" in out["Operation.references"].go
    assert '"<%s %s %d>", "Operation", o.Name, o.Width()' in out["Operation.describe"].go  # __qualname__ of a class nothing subclasses
    # Python stores an assigned value over the kept one; Go would need a setter the class does not have
    assert out["Operation.rename"].status == PARTIAL and "@cached_property `name_lower`" in out["Operation.rename"].error


def test_everything_builds_and_vets(built: tuple, tmp_path: Path) -> None:
    tr, m, out = built
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_the_check_passes_on_stale_kept_values_and_a_recomputing_getter_diverges(tmp_path: Path) -> None:
    repo = traced_package(tmp_path, "ops", SOURCE, RUN)
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "ops", "--backend", "rules", "-q"], cwd=repo, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    got = {i.split("::")[1]: r for i, r in check_package(repo, "ops").items()}
    for name in ("Operation", "Operation.name_lower", "Operation.width", "Operation.references", "Operation.describe"):
        assert got[name]["status"] == "pass", (name, got[name])
    # the traced receivers of references() hold the kept name_lower, some stale: a getter that read
    # the field every time answers them differently
    replace_go(repo, "ops/__init__.py::Operation.name_lower", "\tif o.cachedNameLower == nil {", "\tif true {")
    again = {i.split("::")[1]: r for i, r in check_package(repo, "ops").items()}
    assert again["Operation.references"]["status"] == "diverged", again["Operation.references"]
