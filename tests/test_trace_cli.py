"""`gotui trace` end to end: the command, the session, the evidence the other parts read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gotui.session.project import Project

GOTUI = [sys.executable, "-m", "gotui.cli"]


def make_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "calc").mkdir(parents=True)
    (repo / "calc" / "__init__.py").write_text(
        "class Acc:\n    def __init__(self, start):\n        self.total = start\n\n"
        "    def add(self, x):\n        self.total += x\n        return self.total\n\n\n"
        "def mean(xs):\n    return sum(xs) / len(xs)\n", encoding="utf-8")
    (repo / "run.py").write_text("import calc\na = calc.Acc(1)\na.add(2)\na.add(2.5)\nprint(calc.mean([1, 2]))\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


def test_trace_stores_calls_and_evidence_reads_them(tmp_path: Path):
    repo = make_repo(tmp_path)
    proc = subprocess.run([*GOTUI, "trace", "calc", "--json", "--", sys.executable, "run.py"], cwd=repo, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["exit_code"] == 0 and out["command"] == [sys.executable, "run.py"]
    units = {u["id"]: u for u in out["units"]}
    assert units["calc/__init__.py::Acc.add"] == {"id": "calc/__init__.py::Acc.add", "calls": 2, "types": {"x": "float", "return": "float"}}
    assert units["calc/__init__.py::Acc"]["types"] == {"start": "int", "return": "None"}  # the constructor counts for its class
    assert units["calc/__init__.py::mean"]["types"] == {"xs": "list[int]", "return": "float"}

    project = Project(repo)
    stored = project.session.traces()["calc/__init__.py::Acc.add"]
    assert stored["calls"] == 2 and stored["samples"][0]["self"]["attrs"] == {"total": 1}
    ev = project.evidence["calc/__init__.py::Acc.add"]
    assert ev.best("x").type == "float" and ev.best("x").label() == "trace: 2 calls"
    assert project.evidence["calc/__init__.py::Acc"].best("start").source == "trace"


def test_trace_failing_command_keeps_traces_and_exits_nonzero(tmp_path: Path):
    repo = make_repo(tmp_path)
    (repo / "bad.py").write_text("import calc\ncalc.mean([3])\nraise SystemExit(4)\n", encoding="utf-8")
    proc = subprocess.run([*GOTUI, "trace", "calc", "--", sys.executable, "bad.py"], cwd=repo, capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1] == "gotui: the command exited 4; the traces of the 1 units it ran are kept"
    assert "Traceback" not in proc.stderr
    assert list(Project(repo).session.traces()) == ["calc/__init__.py::mean"]


def test_a_value_or_argument_with_no_utf8_form_is_kept_by_type_and_the_run_is_stored(tmp_path: Path):
    # Django's tests pass strings with lone surrogates, and a command line may hold bytes that are not
    # UTF-8 (Python reads them as surrogates): SQLite stores neither as text, and the trace was lost
    repo = make_repo(tmp_path)
    (repo / "odd.py").write_text("import calc\nprint(calc.mean([1, 2]))\nd = {'k\\ud800': 1}\na = calc.Acc('x\\udcff')\n",
                                 encoding="utf-8")
    proc = subprocess.run([*GOTUI, "trace", "calc", "--", sys.executable, "odd.py", b"\xff".decode("utf-8", "surrogateescape")],
                          cwd=repo, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    traces = Project(repo).session.traces()
    assert traces["calc/__init__.py::Acc"]["samples"][0]["args"]["start"] == {"__type__": "str"}  # never replayed
    assert traces["calc/__init__.py::mean"]["samples"][0]["args"]["xs"] == [1, 2]


def test_trace_without_a_command_is_one_line(tmp_path: Path):
    repo = make_repo(tmp_path)
    proc = subprocess.run([*GOTUI, "trace", "calc"], cwd=repo, capture_output=True, text=True)
    assert proc.returncode != 0
    assert proc.stderr.strip() == "gotui: nothing to trace: give a command after --, e.g. gotui trace src -- pytest -q tests"


def test_trace_through_env_that_sets_pythonpath_still_loads_the_tracer(tmp_path: Path):
    # `env PYTHONPATH=src pytest` replaces the PYTHONPATH the tracer rides on: gotui keeps the tracer first in it
    repo = make_repo(tmp_path)
    (repo / "lib").mkdir()
    (repo / "calc").rename(repo / "lib" / "calc")
    proc = subprocess.run([*GOTUI, "trace", "lib/calc", "--json", "--", "env", "PYTHONPATH=lib", sys.executable, "run.py"],
                          cwd=repo, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "lib/calc/__init__.py::mean" in {u["id"] for u in json.loads(proc.stdout)["units"]}


def test_trace_says_so_when_the_tracer_never_loaded(tmp_path: Path):
    # python -S skips sitecustomize: the run "succeeds" with nothing traced, and the user is told why
    repo = make_repo(tmp_path)
    proc = subprocess.run([*GOTUI, "trace", "calc", "--", sys.executable, "-S", "-c", "print(1)"], cwd=repo, capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1].startswith("gotui: the tracer loaded in no Python process the command ran")
    assert "Traceback" not in proc.stderr
