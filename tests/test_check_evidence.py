"""`gotui check` on unannotated code: the type evidence (doctests, usage, callers, traces) tells the
checker which inputs to make, so a function without hints gets a verdict, and a wrong one diverges."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from gotui.session.project import Project
from gotui.verify.check import with_evidence
from test_rules_support import commit_all

SRC = '''def shout(text):
    return text.upper() + "!"


def halve(n):
    """
    >>> halve(7)
    3
    """
    return n // 2
'''


def test_with_evidence_spells_out_an_alias_the_evidence_resolved() -> None:
    # semver's `def to_tuple(self) -> VersionTuple`: the checker knows tuples, not the alias's name
    src, typed = with_evidence("def to_tuple(self) -> VersionTuple:\n    return (1,)\n",
                               {"return": "tuple[int, int, int, Optional[str], Optional[str]]"})
    assert "-> tuple[int, int, int, Optional[str], Optional[str]]" in src and typed == ["return"]
    same, none = with_evidence("def f(v: Version) -> int:\n    return 1\n", {"v": "Version", "return": "int"})
    assert none == [] and "v: Version" in same  # a class name the evidence agrees with stays
    plain, _ = with_evidence("def f(a: int) -> str:\n    return ''\n", {"a": "float", "return": "str"})
    assert "a: int" in plain  # a plain type is the author's word, never replaced


def test_with_evidence_annotates_only_what_is_missing_and_only_when_all_is_known() -> None:
    src, typed = with_evidence("def f(a, b: int):\n    return a\n", {"a": "str", "return": "str"})
    assert typed == ["a", "return"] and "def f(a: str, b: int) -> str:" in src
    same, none = with_evidence("def f(a, b):\n    return a * b\n", {"a": "str", "return": "str"})
    assert none == [] and same == "def f(a, b):\n    return a * b\n"  # b unknown: left for an honest `untested`
    # (a `b` the body never uses is None for both sides: tests/test_unused_params.py)


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_unannotated_functions_are_checked_from_their_evidence(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "pkg").mkdir(parents=True)
    (repo / "pkg" / "m.py").write_text(SRC)
    commit_all(repo)
    cli = [sys.executable, "-m", "gotui.cli"]
    assert subprocess.run([*cli, "convert", "pkg"], cwd=repo, capture_output=True).returncode == 0
    out = subprocess.run([*cli, "check", "pkg", "--json"], cwd=repo, capture_output=True, text=True)
    assert {r["id"]: r["status"] for r in json.loads(out.stdout)} == {"pkg/m.py::shout": "pass", "pkg/m.py::halve": "pass"}
    # the translator's classic mistake, truncating division, is caught on the evidence's negative ints
    session = Project(repo / "pkg").session
    session.edit("pkg/m.py::halve", "func Halve(n int) int {\n\treturn n / 2\n}\n")
    out = subprocess.run([*cli, "check", "pkg", "--json"], cwd=repo, capture_output=True, text=True)
    assert {r["id"]: r["status"] for r in json.loads(out.stdout)}["pkg/m.py::halve"] == "diverged"
