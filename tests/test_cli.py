"""The command line as scripts use it: JSON shapes from the CLI contract, one-line errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import git, repo_snapshot
from gotui.cli import main
from gotui.llm.base import Translation
from gotui.session.workspace import Workspace

GOTUI = [sys.executable, "-m", "gotui.cli"]


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*GOTUI, *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})})


def jrun(capsys, *args: str):
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_scan_json_shape(shop_repo: Path, capsys):
    units = jrun(capsys, "scan", str(shop_repo / "shop"), "--json")
    first = next(u for u in units if u["qualname"] == "Cart.add_item")
    assert set(first) == {"id", "path", "name", "qualname", "kind", "line", "end_line"}
    assert first["id"] == "shop/cart.py::Cart.add_item" and first["kind"] == "method" and first["name"] == "add_item"


def test_session_lives_in_the_work_tree_root_and_git_status_stays_clean(shop_repo: Path, capsys):
    jrun(capsys, "status", str(shop_repo / "shop"), "--json")
    assert (shop_repo / ".gotui" / "session.db").exists()
    assert git(shop_repo, "status", "--porcelain") == ""


def test_status_accept_and_commit(dirty_shop_repo: Path, capsys):
    ws = Workspace.open(dirty_shop_repo)
    _, session = ws.load()
    uid = "shop/pricing.py::vat_rate"
    session.record_translation(uid, Translation(go="func VatRate(country string) int {\n\treturn 20\n}\n", status="converted", backend="rules", model="r"))
    before = repo_snapshot(dirty_shop_repo)
    status = jrun(capsys, "status", str(dirty_shop_repo), "--json")
    assert status["counts"]["converted"] == 1 and {"id": uid, "state": "converted"} in status["units"]
    changed = jrun(capsys, "accept", str(dirty_shop_repo), "--all", "--json")
    assert changed == [{"id": uid, "state": "accepted"}]
    dry = jrun(capsys, "commit", str(dirty_shop_repo), "--dry-run", "--json")
    assert dry["commit"] is None and "shop/pricing.go" in dry["files"]
    out = jrun(capsys, "commit", str(dirty_shop_repo), "--json")
    assert out["branch"] == "gotui/migration" and len(out["commit"]) == 40
    assert set(out["files"]) >= {"shop/pricing.go", "go.mod"}
    go = git(dirty_shop_repo, "show", "gotui/migration:shop/pricing.go")
    assert go.startswith("package shop") and "func VatRate" in go
    message = git(dirty_shop_repo, "log", "-1", "--format=%B", "gotui/migration")
    assert uid in message and "Gotui-Backend: rules" in message and "Gotui-Python-Blob: shop/pricing.py" in message
    assert repo_snapshot(dirty_shop_repo) == before


def test_commit_without_git_is_one_clear_line(tmp_path: Path):
    (tmp_path / "m.py").write_text("def f():\n    return 1\n")
    proc = run("commit", str(tmp_path))
    assert proc.returncode != 0
    assert proc.stderr.strip().count("\n") == 0 and "needs git" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert run("scan", str(tmp_path), "--json").returncode == 0  # the rest still works without git


def test_errors_are_one_line_without_traceback(tmp_path: Path):
    proc = run("scan", str(tmp_path / "missing"))
    assert proc.returncode == 1 and proc.stderr.startswith("gotui: ") and "Traceback" not in proc.stderr
    proc = run("accept", str(tmp_path), "nope.py::f")
    assert proc.returncode == 1 and "no unit" in proc.stderr and proc.stderr.count("\n") == 1


def test_bad_files_are_listed_and_the_rest_still_works(tmp_path: Path):
    (tmp_path / "good.py").write_text("def ok():\n    return 1\n")
    (tmp_path / "broken.py").write_text("def broken(:\n")
    (tmp_path / "latin.py").write_bytes("x = 'caf\xe9'\n".encode("latin-1"))
    (tmp_path / "blob.py").write_bytes(b"\x00\x01binary")
    proc = run("scan", str(tmp_path), "--json")
    assert proc.returncode == 0
    assert [u["id"] for u in json.loads(proc.stdout)] == ["good.py::ok"]
    assert "broken.py: syntax error at line 1" in proc.stderr
    assert "latin.py: not UTF-8" in proc.stderr and "blob.py: binary file" in proc.stderr
    notes = json.loads(run("notes", str(tmp_path), "--json").stdout)
    assert {"blob.py", "latin.py", "broken.py"} <= {n["path"] for n in notes}


def test_review_refuses_without_a_terminal(shop_repo: Path):
    proc = run("review", str(shop_repo))
    assert proc.returncode == 1 and "needs a terminal" in proc.stderr


def test_convert_leaves_decided_units_alone_unless_redo(shop_repo: Path, capsys):
    target = str(shop_repo / "shop" / "pricing.py")
    first = jrun(capsys, "convert", target, "--backend", "rules", "--json")
    assert {r["status"] for r in first} <= {"converted", "partial"} and len(first) == 6
    jrun(capsys, "accept", target, "shop/pricing.py::vat_rate", "--json")
    again = jrun(capsys, "convert", target, "--backend", "rules", "--json")
    assert "shop/pricing.py::vat_rate" not in {r["id"] for r in again} and len(again) == 5
    status = jrun(capsys, "status", target, "--json")
    assert {"id": "shop/pricing.py::vat_rate", "state": "accepted"} in status["units"]
    redo = jrun(capsys, "convert", target, "--backend", "rules", "--redo", "--json")
    assert len(redo) == 6


def test_check_without_a_go_toolchain_says_how_to_get_one(shop_repo: Path):
    assert run("convert", str(shop_repo), "--backend", "rules", "--json").returncode == 0
    proc = run("check", str(shop_repo), env={"GOTUI_GO": str(shop_repo / "no-such-go")})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == "gotui: no Go toolchain found: install gotui with its [go] extra (pip install '<gotui>[go]'), put go on PATH, or set GOTUI_GO"
    assert run("status", str(shop_repo), env={"GOTUI_GO": str(shop_repo / "no-such-go")}).returncode == 0
