"""A unit with traced calls (`gotui trace`) is checked on those real arguments first, then on generated
ones; values the tracer kept by type only, or that no longer fit the hints, are skipped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from gotui.verify.replay import traced_cases
from gotui.verify.inputs import function_spec
from test_rules_support import commit_all

GOTUI = [sys.executable, "-m", "gotui.cli"]
SRC = '''def tag(word: str, times: int) -> str:
    return (word.strip() + "!") * times
'''


def test_traced_cases_replay_real_arguments_that_fit_the_hints() -> None:
    spec = function_spec(SRC)
    trace = {"samples": [
        {"args": {"word": "  Olá ", "times": 2}},
        {"args": {"word": "x", "times": {"__type__": "Fraction"}}},  # kept by type only: cannot be replayed
        {"args": {"word": "y", "times": 2.5}},  # no longer fits `int`
        {"args": {"word": "  Olá ", "times": 2}},  # the same call again
        {"args": {"word": "z"}},  # a parameter missing
    ]}
    assert traced_cases(trace, spec) == [("  Olá ", 2)]
    assert traced_cases(None, spec) == []
    nested = function_spec("def f(p: tuple[int, str], m: dict[str, float]) -> int:\n    return p[0]\n")
    stored = {"samples": [{"args": {"p": {"__tuple__": [1, "a"]}, "m": {"__dict__": {"k": {"__float__": "inf"}}}}}]}
    assert traced_cases(stored, nested) == [((1, "a"), {"k": float("inf")})]


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_check_runs_the_traced_calls_first(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "words").mkdir(parents=True)
    (repo / "words" / "__init__.py").write_text(SRC)
    (repo / "run.py").write_text("from words import tag\nprint(tag('  Olá ', 2), tag('ok', 1))\n")
    commit_all(repo)
    assert subprocess.run([*GOTUI, "trace", "words", "--", sys.executable, "run.py"], cwd=repo, capture_output=True).returncode == 0
    assert subprocess.run([*GOTUI, "convert", "words"], cwd=repo, capture_output=True).returncode == 0
    out = subprocess.run([*GOTUI, "check", "words", "--json"], cwd=repo, capture_output=True, text=True)
    import json

    (result,) = json.loads(out.stdout)
    assert result["status"] == "pass" and "2 traced calls first" in result["detail"], result["detail"]
