"""Every verdict belongs to one unit id: two packages with functions of one name, `_`-prefixed modules.

On main before this, results were matched by Go test name alone: a wrong `add` in one package took the
verdict of the right `add` in the other (4 of 12 runs said `pass`), and `_helpers.py` became a
`_helpers.go` that Go ignores, so its units were never built and a wrong one was reported `pass`.
"""

from __future__ import annotations

from pathlib import Path

from conftest import git
from gotui.llm.base import Translation
from gotui.session.project import Project

ADD = "def add(a: int, b: int) -> int:\n    return a + b\n"
RIGHT = "func Add(a int, b int) int {\n\treturn a + b\n}\n"
WRONG = "func Add(a int, b int) int {\n\treturn a*b + 999\n}\n"


def repo_with(tmp_path: Path, files: dict[str, str]) -> Path:
    repo = tmp_path / "repo"
    for rel, text in files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "python")
    return repo


def verdicts(repo: Path, go: dict[str, str]) -> dict[str, str]:
    project = Project(repo)
    for uid, text in go.items():
        project.session.record_translation(uid, Translation(go=text, status="converted", backend="test"))
    return {r.id: r.status for r in project.check()}


def test_same_function_name_in_two_packages_gets_its_own_verdict_every_run(tmp_path: Path):
    repo = repo_with(tmp_path, {"alpha/__init__.py": "", "alpha/ops.py": ADD, "beta/__init__.py": "", "beta/ops.py": ADD})
    go = {"alpha/ops.py::add": RIGHT, "beta/ops.py::add": WRONG}
    first = verdicts(repo, go)
    assert first == {"alpha/ops.py::add": "pass", "beta/ops.py::add": "diverged"}
    for _ in range(2):
        assert verdicts(repo, go) == first
    swapped = verdicts(repo, {"alpha/ops.py::add": WRONG, "beta/ops.py::add": RIGHT})
    assert swapped == {"alpha/ops.py::add": "diverged", "beta/ops.py::add": "pass"}


def test_underscore_modules_are_built_and_tested(tmp_path: Path):
    repo = repo_with(tmp_path, {"pkg/__init__.py": "", "pkg/_helpers.py": ADD, "pkg/__main__.py": ADD.replace("add", "plus")})
    result = verdicts(repo, {"pkg/_helpers.py::add": WRONG, "pkg/__main__.py::plus": RIGHT.replace("Add", "Plus")})
    assert result == {"pkg/_helpers.py::add": "diverged", "pkg/__main__.py::plus": "pass"}
