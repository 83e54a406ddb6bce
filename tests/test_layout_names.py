"""Any Python tree gets a Go layout the toolchain compiles whole: odd file and folder names, any repository name.

Go ignores files starting with `_` or `.`, reads `_test`/`_linux`/`_amd64` suffixes specially and refuses
import paths with spaces, non-ASCII letters or Windows device names. `go list` proves every file gotui
writes is compiled (docs/branch.md).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import git as gitpython
import pytest

from conftest import git
from gotui.golang.assemble import go_path, module_path_for
from gotui.golang.toolchain import find_toolchain
from gotui.llm.base import Translation
from gotui.session.workspace import Workspace
from gotui.vcs.publish import publish

ODD = {  # python path -> the function it holds (hidden folders are not scanned at all)
    "_helpers.py": "helper_a",
    "pkg/__main__.py": "main_b",
    "pkg/x_test.py": "test_c",
    "pkg/x_linux.py": "linux_d",
    "pkg/y_windows_amd64.py": "win_e",
    "my dir/café/__init__.py": "cafe_f",
    "nul/impl.py": "nul_g",
    "_private/__init__.py": "private_i",
}


@pytest.mark.parametrize("py, go", [
    ("shop/pricing.py", "shop/pricing.go"), ("_helpers.py", "py_helpers.go"), ("pkg/__main__.py", "pkg/py__main__.go"),
    ("a/x_test.py", "a/x_test_.go"), ("a/x_linux.py", "a/x_linux_.go"), ("a/x_windows_386.py", "a/x_windows_386_.go"),
    ("a/linux.py", "a/linux.go"), ("my dir/café/x.py", "my_dir/cafe/x.go"), ("nul/x.py", "nul_/x.go"),
    ("COM1/x.py", "COM1_/x.go"), (".hidden/y.py", "py.hidden/y.go"), ("_priv/__init__.py", "py_priv/py_priv.go"),
])
def test_go_paths(py: str, go: str):
    assert go_path(py) == go


def test_module_path_is_never_a_device_name():
    assert module_path_for("nul") == "nulmod" and module_path_for("my repo") == "myrepo"


def test_every_emitted_file_is_compiled(tmp_path: Path):
    toolchain = find_toolchain()
    assert toolchain is not None, "the test suite needs the [go] extra"
    repo = tmp_path / "nul"  # the repository folder's own name is a Windows device name
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for path, fn in ODD.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(f"def {fn}(x: int) -> int:\n    return x + 1\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "odd names")
    workspace = Workspace.open(repo)
    scan, session = workspace.load()
    for u in scan.units:
        name = "".join(w.title() for w in u.name.split("_"))
        session.record_translation(u.id, Translation(go=f"func {name}(x int) int {{\n\treturn x + 1\n}}\n", status="converted", backend="test"))
        session.accept(u.id)
    result = publish(gitpython.Repo(repo), repo, session)
    assert result.commit
    out = tmp_path / "branch"
    out.mkdir()
    archive = subprocess.run(["git", "archive", "gotui/migration"], cwd=repo, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.go"))
    assert len(written) == len(ODD)
    listed = toolchain.run(["list", "-e", "-json", "./..."], cwd=out)
    assert listed.returncode == 0, listed.stderr
    compiled, ignored = set(), set()
    decoder, text, pos = json.JSONDecoder(), listed.stdout, 0
    while pos < len(text.rstrip()):
        pkg, end = decoder.raw_decode(text, pos)
        pos = end + (len(text[end:]) - len(text[end:].lstrip()))
        assert not pkg.get("Error"), pkg["Error"]
        folder = Path(pkg["Dir"]).relative_to(out)
        compiled |= {str(folder / f) if str(folder) != "." else f for f in pkg.get("GoFiles", [])}
        ignored |= set(pkg.get("IgnoredGoFiles", []))
    assert compiled == set(written) and not ignored
    build = toolchain.run(["build", "./..."], cwd=out)
    assert build.returncode == 0, build.stderr


def test_commit_dry_run_shows_python_to_go_paths(tmp_path: Path, capsys):
    from gotui.cli import main
    from gotui.session.project import Project

    repo = tmp_path / "nul"
    (repo / "pkg").mkdir(parents=True)
    (repo / "pkg" / "__init__.py").write_text("")
    (repo / "pkg" / "_helpers.py").write_text("def f() -> int:\n    return 1\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "python")
    project = Project(repo)
    project.session.record_translation("pkg/_helpers.py::f", Translation(go="func F() int {\n\treturn 1\n}\n",
                                                                         status="converted", backend="test"))
    project.session.accept("pkg/_helpers.py::f")
    assert main(["commit", str(repo), "--dry-run"]) == 0
    assert "pkg/_helpers.py -> pkg/py_helpers.go" in capsys.readouterr().out
