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


REGISTRY = '''REGISTRY: list[int] = []


def register(x: int) -> int:
    REGISTRY.append(x)
    return len(REGISTRY)


def registered(k: int) -> int:
    return len(REGISTRY) + k
'''
REGISTRY_GO = {
    "reg/core.py::register": "var registry []int\n\nfunc Register(x int) int {\n\tregistry = append(registry, x)\n\treturn len(registry)\n}\n",
    "reg/core.py::registered": "func Registered(k int) int {\n\treturn len(registry) + k\n}\n",
}


def test_module_state_one_unit_changes_never_reaches_another(tmp_path: Path):
    """`register` fills a module-level list; `registered` reads it. Each unit starts from the module as
    imported (Python) and the package as initialised (Go), so correct Go passes on both."""
    repo = repo_with(tmp_path, {"reg/__init__.py": "", "reg/core.py": REGISTRY})
    assert verdicts(repo, REGISTRY_GO) == {"reg/core.py::register": "pass", "reg/core.py::registered": "pass"}
    leaky = {**REGISTRY_GO, "reg/core.py::registered": "func Registered(k int) int {\n\treturn len(registry) + k + 1\n}\n"}
    assert verdicts(repo, leaky)["reg/core.py::registered"] == "diverged"


def test_each_unit_sees_the_module_as_imported_on_the_python_side(tmp_path: Path):
    from gotui.verify.sandbox import PyJob, run_modules

    repo = repo_with(tmp_path, {"reg/__init__.py": "", "reg/core.py": REGISTRY})
    runs = run_modules(repo, {"reg/core.py": [PyJob("reg/core.py::register", "register", ["x"], [(1,), (2,), (3,)]),
                                              PyJob("reg/core.py::registered", "registered", ["k"], [(0,), (10,)])]})
    assert [runs["reg/core.py::register"].outcomes[i].value for i in range(3)] == [1, 2, 3]  # in order, one import
    assert [runs["reg/core.py::registered"].outcomes[i].value for i in range(2)] == [0, 10]  # a fresh import: empty


def test_a_partial_unit_is_untested_not_diverged(tmp_path: Path):
    repo = repo_with(tmp_path, {"m.py": ADD})
    partial = 'func Add(a int, b int) int {\n\t// TODO(gotui): overflow\n\tpanic("TODO(gotui): overflow")\n}\n'
    project = Project(repo)
    project.session.record_translation("m.py::add", Translation(go=partial, status="partial", backend="test", error="overflow"))
    (result,) = project.check()
    assert result.status == "untested" and result.detail.startswith("partial: the Go holds a TODO(gotui)")


def test_which_packages_need_a_process_per_unit():
    from gotui.verify.gotest import mutates_package_state as mutates

    assert mutates("var registry []int\n\nfunc R(x int) {\n\tregistry = append(registry, x)\n}\n")
    assert mutates("var (\n\tcache = map[int]int{}\n)\n\nfunc F(k int) {\n\tcache[k] = k\n}\n")
    assert mutates("var n int\n\nfunc F() {\n\tn++\n}\n")
    assert mutates("var m = map[string]int{}\n\nfunc F(k string) {\n\tdelete(m, k)\n}\n")
    # its address handed to a helper that changes it (inflection's `PLURALS.insert(0, rule)`)
    assert mutates("var Plurals []string\n\nfunc F(r string) {\n\tpyInsert(&Plurals, 0, r)\n}\n")
    assert not mutates('var rates = map[string]int{"DE": 19}\n\nfunc V(c string) int {\n\treturn rates[c]\n}\n')
    assert not mutates("var (\n\tcache = map[int]int{}\n)\n\nfunc F(k int) bool {\n\treturn cache[k] == k\n}\n")
