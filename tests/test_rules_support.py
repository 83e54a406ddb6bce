"""Shared by the rules tests: translate a folder with the rules backend and assemble one Go package.

The assembly here mirrors what the session's per-file assembly does (imports merged, package clause,
module_preamble, the helper file), so the tests prove that translations build and vet together.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from gotui.golang.helpers import HELPER_FILE, helper_source
from gotui.golang.toolchain import Toolchain, require_toolchain
from gotui.llm.base import Translation, TranslationRequest
from gotui.llm.rules import RulesTranslator
from gotui.parse.files import scan
from gotui.parse.units import ParsedModule, Unit, parse_module

_IMPORT_BLOCK = re.compile(r'\Aimport \(\n((?:\t"[^"]+"\n)*)\)\n\n?')


def split_imports(go: str) -> tuple[list[str], str]:
    m = _IMPORT_BLOCK.match(go)
    if not m:
        return [], go
    return re.findall(r'"([^"]+)"', m.group(1)), go[m.end() :]


def go_file(package: str, preamble: str, texts: list[str]) -> str:
    imports: set[str] = set()
    bodies = []
    for t in [preamble] + texts:
        imps, body = split_imports(t)
        imports.update(imps)
        if body.strip():
            bodies.append(body.rstrip("\n") + "\n")
    head = f"package {package}\n\n"
    if imports:
        head += "import (\n" + "".join(f'\t"{i}"\n' for i in sorted(imports)) + ")\n\n"
    return head + "\n".join(bodies)


def build_and_vet(tmp_path: Path, tr: RulesTranslator, mods: list[ParsedModule], texts: list[str]) -> None:
    """The texts and each module's preamble as one Go package with its helper file: `go build` and
    `go vet` pass (the failure shows the source)."""
    preambles = [tr.preamble(m) for m in mods]
    src = go_file("x", "", texts + preambles)
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.23\n")
    (tmp_path / "x.go").write_text(src)
    helpers = helper_source("x", texts + preambles)  # a constant's value may call a helper too
    if helpers:
        (tmp_path / HELPER_FILE).write_text(helpers)
    for cmd in (["build", "./..."], ["vet", "./..."]):
        code, output = go(cmd, tmp_path)
        assert code == 0, output + src


@dataclass
class Result:
    unit: Unit
    module: ParsedModule
    translation: Translation


@dataclass
class Built:
    results: list[Result] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)


def translate_folder(root: Path, package: str, out: Path, converted_only: bool = False) -> Built:
    """Translate every unit under root and write one Go file per module plus the helper file."""
    s = scan(root, root)
    tr = RulesTranslator(modules=s.modules)
    built = Built()
    texts_all: list[str] = []
    out.mkdir(parents=True, exist_ok=True)
    for m in s.modules:
        texts = []
        for u in m.units:
            t = tr.translate(TranslationRequest(unit=u, module=m))
            built.results.append(Result(u, m, t))
            if t.go and (t.status == "converted" or not converted_only):
                texts.append(t.go)
        preamble = tr.preamble(m)
        if not texts and not preamble:
            continue
        name = Path(m.path).stem + ".go"
        built.files[name] = go_file(package, preamble, texts)
        texts_all.extend(texts + [preamble])
    helpers = helper_source(package, texts_all)
    if helpers:
        built.files[HELPER_FILE] = helpers
    for name, text in built.files.items():
        (out / name).write_text(text)
    (out / "go.mod").write_text(f"module example.com/{package}\n\ngo 1.23\n")
    return built


def go_test_package(tmp_path: Path, tr: RulesTranslator, module: ParsedModule, texts: list[str], test_go: str) -> tuple[int, str]:
    """The texts (with the module's preamble and the helpers they use) as Go package x beside the test file
    `test_go`: (exit code, output) of `go test`."""
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.23\n")
    (tmp_path / "x.go").write_text(go_file("x", tr.preamble(module), texts))
    (tmp_path / HELPER_FILE).write_text(helper_source("x", texts))
    (tmp_path / "x_test.go").write_text(test_go)
    return go(["test", "./..."], tmp_path)


def run_with_helpers(tmp_path: Path, main_src: str) -> list:
    """A Go `package main` program with the helpers it uses, run (`go run .`): its last output line, read
    as JSON (the side-by-side runtime tests print their results so)."""
    helpers = helper_source("main", [main_src])
    assert helpers is not None
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.23\n")
    (tmp_path / "main.go").write_text(main_src)
    (tmp_path / "helpers.go").write_text(helpers)
    code, output = go(["run", "."], tmp_path)
    assert code == 0, output
    return json.loads(output.strip().splitlines()[-1])


def go(args: list[str], cwd: Path) -> tuple[int, str]:
    tc: Toolchain = require_toolchain()
    proc = tc.run(args, cwd=cwd, timeout=600)
    return proc.returncode, proc.stdout + proc.stderr


def gofmt_unchanged(text: str) -> bool:
    tc = require_toolchain()
    return tc.gofmt_source(text) == text


def module_repo(tmp_path: Path, rel: str, text: str) -> Path:
    """A git work tree under tmp_path holding one Python module at `rel`; its root."""
    root = tmp_path / "repo"
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def commit_all(repo: Path) -> Path:
    """`git init` in `repo`, then everything in it committed (the Python a test migrates); `repo`."""
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "py"]):
        subprocess.run(["git", *args], cwd=repo, check=True)
    return repo


def package_repo(tmp_path: Path, package: str, files: dict[str, str]) -> Path:
    """A repository under tmp_path whose folder `package` holds `files` (file name -> source), committed; its root."""
    repo = tmp_path / "repo"
    (repo / package).mkdir(parents=True)
    for name, text in files.items():
        (repo / package / name).write_text(text)
    return commit_all(repo)


def traced_package(tmp_path: Path, package: str, source: str, run: str) -> Path:
    """A repository whose package `package` holds `source`, with `run` as run.py beside it, committed
    and traced by `gotui trace PACKAGE -- python run.py`; its root."""
    repo = package_repo(tmp_path, package, {"__init__.py": source})
    (repo / "run.py").write_text(run)
    commit_all(repo)
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "trace", package, "--", sys.executable, "run.py"], cwd=repo, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    return repo


def traced_and_converted(tmp_path: Path, package: str, source: str, run: str) -> Path:
    """traced_package, then `gotui convert PACKAGE --backend rules`: the repository's root."""
    repo = traced_package(tmp_path, package, source, run)
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "convert", package, "--backend", "rules", "-q"], cwd=repo, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    return repo


def converted_package(tmp_path: Path, package: str, source: str, module: str = "__init__.py",
                      siblings: dict[str, str] | None = None) -> Path:
    """A repository whose package `package` holds `source` as `module` (and `siblings`: file name ->
    source), committed and converted by the offline translator; its root."""
    repo = package_repo(tmp_path, package, {module: source, **(siblings or {})})
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "convert", package, "--backend", "rules", "-q"], cwd=repo, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    return repo


def check_package(repo: Path, package: str) -> dict[str, dict]:
    """`gotui check PACKAGE --json` in `repo`: unit id -> its result."""
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "check", package, "--json"], cwd=repo, capture_output=True, text=True)
    return {u["id"]: u for u in json.loads(proc.stdout)}


def replace_go(repo: Path, unit_id: str, old: str, new: str) -> None:
    """Edit one unit's Go in the session, as a reviewer's wrong edit would (`old` must be there)."""
    import sqlite3

    db = sqlite3.connect(repo / ".gotui" / "session.db")
    try:
        (go,) = db.execute("select go from units where id = ?", (unit_id,)).fetchone()
        assert old in go, go
        db.execute("update units set go = ? where id = ?", (go.replace(old, new), unit_id))
        db.commit()
    finally:
        db.close()


def assert_pass(results: dict[str, dict], package: str, units: tuple[str, ...]) -> None:
    """Each unit of `package/__init__.py` passed `gotui check` (results from check_package)."""
    for unit in units:
        r = results[f"{package}/__init__.py::{unit}"]
        assert r["status"] == "pass", r


def translate_module(path: str, source: str) -> tuple[RulesTranslator, ParsedModule, dict[str, Translation]]:
    """One module translated by the offline translator: the translator, the module and qualname -> translation."""
    m = parse_module(path, source.encode())
    tr = RulesTranslator(modules=[m])
    return tr, m, {u.qualname: tr.translate(TranslationRequest(unit=u, module=m)) for u in m.units}
